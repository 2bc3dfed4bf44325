// Streaming indicators against the batch Compute(): for every indicator with
// a stream and several parameter sets, a random OHLCV series with NaN/inf
// runs and flat stretches pushed bar by bar gives the batch outputs at every
// row (bit for bit where the batch path is a scalar loop, else within
// 1e-12 relative); plus the variance precision on a series falling from 800
// to 0.005, reset, bad input, allocation failure at create, zero allocations
// per push, and the many-series batch entry point against per-series calls.
#include "cc/indicators/stream.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "cc/base/allocator.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using candlewick_test::TestingAllocator;

// The C API tests' counting, failure-injecting allocator as the core's hooks.
AllocatorHooks HooksOf(TestingAllocator& heap) {
  AllocatorHooks k;
  k.opaque = &heap;
  k.alloc = &TestingAllocator::Alloc;
  k.free = &TestingAllocator::Free;
  return k;
}

struct Series {
  std::vector<double> open, high, low, close, volume, anchor;
  size_t size() const { return close.size(); }
};

// A random walk with flat stretches (o = h = l = c, repeated; zero volume),
// NaN and infinity in single columns, and runs of bad rows.
Series RandomSeries(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Series s;
  double c = 100;
  size_t flat = 0;
  for (size_t i = 0; i < n; ++i) {
    double o = c, h, l, v;
    if (flat == 0 && u(rng) < 0.01) flat = 5 + static_cast<size_t>(u(rng) * 60);
    if (flat > 0) {
      --flat;
      h = l = o;
      v = u(rng) < 0.5 ? 0.0 : 1000.0;
    } else {
      c = std::max(1.0, c + step(rng));
      h = std::max(o, c) + u(rng);
      l = std::min(o, c) - u(rng);
      v = u(rng) < 0.05 ? 0.0 : std::floor(u(rng) * 1e6);
    }
    s.open.push_back(o);
    s.high.push_back(h);
    s.low.push_back(l);
    s.close.push_back(c);
    s.volume.push_back(v);
  }
  // AVWAP's anchor flags (about one row in 40), from their own generator so
  // the other columns do not depend on them.
  std::mt19937_64 anchor_rng(seed + 1);
  for (size_t i = 0; i < n; ++i) {
    s.anchor.push_back(u(anchor_rng) < 0.025 ? 1.0 : 0.0);
  }
  // Bad rows: single non-finite values and runs of them.
  for (size_t k = 0; k < n / 150; ++k) {
    const size_t i = static_cast<size_t>(u(rng) * n);
    const size_t len = u(rng) < 0.7 ? 1 : 1 + static_cast<size_t>(u(rng) * 4);
    const double bad = u(rng) < 0.8 ? kNaN : (u(rng) < 0.5 ? HUGE_VAL : -HUGE_VAL);
    const int column = static_cast<int>(u(rng) * 5);
    for (size_t j = i; j < std::min(n, i + len); ++j) {
      std::vector<double>* cols[] = {&s.open, &s.high, &s.low, &s.close, &s.volume};
      (*cols[column])[j] = bad;
    }
  }
  return s;
}

// The column an indicator input names ("close" and "input": the closes).
const std::vector<double>& Column(const Series& s, const char* name) {
  for (const auto& [column, values] : {std::pair{"open", &s.open}, {"high", &s.high},
                                       {"low", &s.low}, {"volume", &s.volume},
                                       {"anchor", &s.anchor}}) {
    if (std::strcmp(name, column) == 0) return *values;
  }
  return s.close;
}

// The batch outputs (spec.output_count columns of n).
std::vector<std::vector<double>> Batch(const Spec& spec, const std::vector<const double*>& cols,
                                       size_t n, const std::vector<double>& params) {
  Workspace ws(AllocatorHooks::Default());
  std::vector<StridedView<double>> views;
  for (const double* c : cols) views.emplace_back(c, n, 0);
  std::vector<std::vector<double>> out(spec.output_count, std::vector<double>(n));
  std::vector<double*> ptrs;
  for (auto& o : out) ptrs.push_back(o.data());
  const absl::Status st = Compute(spec.id, views, params, ptrs, n, &ws);
  EXPECT_TRUE(st.ok()) << spec.name << ": " << st;
  return out;
}

std::vector<std::vector<double>> Streamed(Stream& stream, const Spec& spec,
                                          const std::vector<const double*>& cols, size_t n) {
  std::vector<std::vector<double>> out(spec.output_count, std::vector<double>(n));
  double bar[kMaxInputs], values[kMaxOutputs];
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < cols.size(); ++k) bar[k] = cols[k][i];
    const ErrorCode code = stream.Push(absl::MakeConstSpan(bar, cols.size()),
                                       absl::MakeSpan(values, spec.output_count));
    EXPECT_EQ(code, ErrorCode::kOk) << spec.name << " row " << i << ": " << stream.error();
    for (size_t j = 0; j < spec.output_count; ++j) out[j][i] = values[j];
  }
  return out;
}

// Where the batch path is a scalar loop the stream repeats it operation for
// operation: these must agree bit for bit.
bool BitExact(Id id, const std::vector<double>& params) {
  switch (id) {
    case Id::kWma:
    case Id::kTrange:
    case Id::kMom:
    case Id::kRoc:
    case Id::kRocp:
    case Id::kRocr:
    case Id::kRocr100:
    case Id::kWillr:
    case Id::kMidprice:
    case Id::kMidpoint:
    case Id::kMax:
    case Id::kMin:
    case Id::kObv:
    case Id::kAroon:
    case Id::kAroonOsc:
    case Id::kMedprice:
    case Id::kTypprice:
    case Id::kWclprice:
    case Id::kAvgprice:
    case Id::kBop:
    case Id::kHma:
    case Id::kSar:
    case Id::kLinearReg:
    case Id::kLinearRegSlope:
    case Id::kLinearRegIntercept:
    case Id::kLinearRegAngle:
    case Id::kTsf:
    case Id::kVwap:
    case Id::kAnchoredVwap:
    case Id::kDonchian:
    case Id::kIchimoku:
    case Id::kPivots:
      return true;
    case Id::kStochf:  // %K is scalar; a WMA smoothing is too
      return params.size() > 2 && params[2] == static_cast<double>(MaType::kWma);
    default:
      return false;
  }
}

// Parameter sets: the defaults, every period at its minimum, periods at
// min + 7, every MA type, EMA's other seed, MACD with fast and slow swapped.
std::vector<std::vector<double>> ParamSets(const Spec& spec) {
  std::vector<double> defaults;
  for (size_t k = 0; k < spec.param_count; ++k) defaults.push_back(spec.params[k].default_value);
  std::vector<std::vector<double>> sets = {defaults};
  for (double add : {0.0, 7.0}) {
    std::vector<double> p = defaults;
    bool any = false;
    for (size_t k = 0; k < spec.param_count; ++k) {
      if (spec.params[k].integer && spec.params[k].max_value == kMaxPeriod) {
        p[k] = spec.params[k].min_value + add;
        any = true;
      }
    }
    if (any) sets.push_back(p);
  }
  for (size_t k = 0; k < spec.param_count; ++k) {
    if (std::strstr(spec.params[k].name, "matype") == nullptr) continue;
    for (int mt = 1; mt <= 5; ++mt) {
      std::vector<double> p = defaults;
      p[k] = mt;
      sets.push_back(p);
    }
  }
  if (spec.id == Id::kEma) sets.push_back({10, 1});
  if (spec.id == Id::kMacd) sets.push_back({26, 12, 9});
  if (spec.id == Id::kBbands) sets.push_back({5, 1.5, -0.5, 0});
  // The sample (n - 1) variants.
  if (spec.id == Id::kVar || spec.id == Id::kStddev) {
    sets.push_back({5, 1, 1});
    sets.push_back({20, 2.5, 1});
    if (spec.id == Id::kVar) sets.push_back({1, 1, 1});
  }
  if (spec.id == Id::kUltOsc) sets.push_back({28, 5, 14});  // unsorted periods
  if (spec.id == Id::kSar) {
    sets.push_back({0.05, 0.3});
    sets.push_back({0.3, 0.1});  // acceleration > maximum
  }
  if (spec.id == Id::kAdOsc) sets.push_back({10, 3});  // slow < fast
  if (spec.id == Id::kKeltner) sets.push_back({10, 1.5, 30});
  if (spec.id == Id::kSupertrend) sets.push_back({7, 1.5});
  if (spec.id == Id::kIchimoku) sets.push_back({30, 5, 12});
  if (spec.id == Id::kTsi) sets.push_back({5, 20});
  return sets;
}

// CCI = (tp - mean) / (0.015 mad) divides a difference of prices by a small
// deviation: a rounding of the prices (1 ulp of tp) moves it by about
// |tp| / (0.015 mad) ulp, so its tolerance is relative to that condition
// number, not to the value. Infinite on a window of equal typical prices
// (0/0 up to rounding in either path: not compared).
double CciScale(const Series& s, size_t i, size_t n) {
  if (i + 1 < n) return 0;
  long double mean = 0;
  for (size_t k = i + 1 - n; k <= i; ++k) mean += (s.high[k] + s.low[k] + s.close[k]) / 3.0;
  mean /= n;
  long double mad = 0;
  for (size_t k = i + 1 - n; k <= i; ++k) {
    mad += std::fabs((s.high[k] + s.low[k] + s.close[k]) / 3.0 - mean);
  }
  mad /= n;
  const double tp = (s.high[i] + s.low[i] + s.close[i]) / 3.0;
  if (mad <= 1e-9L * std::fabs(tp)) return HUGE_VAL;
  return static_cast<double>(std::fabs(tp) / (0.015L * mad));
}

using Scales = std::vector<std::vector<double>>;

// Largest of v[i-span..i] for each row i (NaN ignored).
std::vector<double> TrailingMax(const std::vector<double>& v, size_t span) {
  std::vector<double> out(v.size(), 0.0);
  for (size_t i = 0; i < v.size(); ++i) {
    for (size_t k = i >= span ? i - span : 0; k <= i; ++k) {
      if (!std::isnan(v[k])) out[i] = std::max(out[i], v[k]);
    }
  }
  return out;
}

// A ratio over sliding sums of x[0..n) >= 0 (both paths re-sum only every
// n or max(64, n) bars): magnitude(i) times the largest window sum of the
// last 2 max(64, period) rows over the current window's, for the windows
// ending at rows >= first (NaN ignored).
template <class Magnitude>
std::vector<double> SlidingSumScale(const double* x, size_t n, size_t period, size_t first,
                                    Magnitude magnitude) {
  std::vector<double> window(n, kNaN);
  for (size_t i = first; i < n; ++i) {
    double sum = 0;
    for (size_t k = i + 1 - period; k <= i; ++k) sum += x[k];
    if (std::isfinite(sum)) window[i] = sum;
  }
  const auto largest = TrailingMax(window, 2 * std::max<size_t>(64, period));
  std::vector<double> scale(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    if (window[i] > 0) scale[i] = magnitude(i) * largest[i] / window[i];
  }
  return scale;
}

Scales StochRsiScales(const std::vector<const double*>& cols, size_t n,
                      const std::vector<double>& params) {
  const auto rsi = Batch(*FindSpec(Id::kRsi), cols, n, {params[0]})[0];
  const size_t fk = static_cast<size_t>(params[1]);
  std::vector<double> k_scale(n, 0.0);
  for (size_t i = fk - 1; i < n; ++i) {
    double hi = -HUGE_VAL, lo = HUGE_VAL;
    bool defined = true;
    for (size_t k = i + 1 - fk; k <= i; ++k) {
      defined = defined && !std::isnan(rsi[k]);
      hi = std::max(hi, rsi[k]);
      lo = std::min(lo, rsi[k]);
    }
    if (defined) k_scale[i] = hi - lo <= 1e-9 ? HUGE_VAL : 100.0 * 100.0 / (hi - lo);
  }
  const auto type = static_cast<MaType>(params[3]);
  const size_t fd = static_cast<size_t>(params[2]);
  const bool windowed = type == MaType::kSma || type == MaType::kWma || type == MaType::kTrima;
  return {k_scale, TrailingMax(k_scale, windowed ? fd : 20 * fd)};
}

// VWMA and CMF, over the volume column of both. CMF's numerator, a sum of
// money-flow volumes, is bounded by the window's volume, whatever its
// value: its magnitude is that of 1.
Scales VolumeRatioScales(const Spec& spec, const std::vector<const double*>& cols, size_t n,
                         const std::vector<double>& params) {
  const size_t period = static_cast<size_t>(params[0]);
  const auto value = Batch(spec, cols, n, params)[0];
  const bool cmf = spec.id == Id::kCmf;
  return {SlidingSumScale(cols.back(), n, period, period - 1,
                          [&](size_t i) { return cmf ? 1.0 : std::fabs(value[i]); })};
}

// 100 pos / (pos + neg) over sliding sums of money flows (typical price
// times volume): the rounding of the largest window's |flows|, on a value of
// scale 100.
Scales MfiScales(const std::vector<const double*>& cols, size_t n,
                 const std::vector<double>& params) {
  const size_t period = static_cast<size_t>(params[0]);
  std::vector<double> flow(n, 0.0);
  for (size_t i = 1; i < n; ++i) {
    const double tp = (cols[0][i] + cols[1][i] + cols[2][i]) / 3;
    const double prev = (cols[0][i - 1] + cols[1][i - 1] + cols[2][i - 1]) / 3;
    flow[i] = tp != prev ? std::fabs(tp * cols[3][i]) : 0.0;
  }
  return {SlidingSumScale(flow.data(), n, period, period, [](size_t) { return 100.0; })};
}

// A running sum of signed flows: its rounding is relative to the sum of
// their magnitudes (the batch sums them by a prefix scan, the stream one at
// a time), not to the line's value after cancellation.
Scales AdScales(const std::vector<const double*>& cols, size_t n) {
  std::vector<double> scale(n, 0.0);
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    const double range = cols[0][i] - cols[1][i];
    if (!std::isfinite(range + cols[2][i] + cols[3][i])) {
      total = 0;  // a non-finite row: the line restarts
    } else if (range > 0) {
      total += std::fabs(cols[3][i]);
    }
    scale[i] = total;
  }
  return {scale};
}

// The difference of two EMAs of AD: the largest |AD| the slower EMA still
// remembers.
Scales AdOscScales(const std::vector<const double*>& cols, size_t n,
                   const std::vector<double>& params) {
  auto ad = Batch(*FindSpec(Id::kAd), cols, n, {})[0];
  for (double& v : ad) v = std::fabs(v);
  const size_t slowest = static_cast<size_t>(std::max(params[0], params[1]));
  return {TrailingMax(ad, 20 * slowest)};
}

// Condition numbers of the indicators whose batch value is a small result of
// large quantities that the batch computes with a Highway scan (rounded
// differently from a one-step update), per output and row (empty: none):
//   * STOCHRSI's %K = 100 (rsi - min) / (max - min) over `fastk` RSI values
//     moves by about 100 |rsi| / (max - min) units of the RSI's rounding, so
//     its scale is 100 * 100 / (max - min); infinite (not compared) where the
//     RSI range is below 1e-9, e.g. in a flat stretch where the RSI is
//     mathematically constant and max - min is rounding noise in both paths;
//     %D carries the largest %K scale of the rows it remembers (its period
//     for windowed MAs, 20 periods for the EMA family, whose weights have
//     decayed below 1e-16 by then);
//   * ADOSC is the difference of two EMAs of AD: its rounding is relative to
//     |AD| (cumulative volume), not to the difference;
//   * VWMA's sliding sums (both paths re-sum only every n or max(64, n)
//     bars) carry the rounding of the largest window sum since the last
//     re-sum: its scale is |value| times the largest window volume of the
//     last 2 max(64, n) rows over the current window volume; CMF's the
//     same with 1 for |value| (its money-flow volumes are bounded by the
//     volumes, so its numerator's rounding is too, however small the
//     value);
//   * MFI's sliding sums of positive and negative money flows likewise: 100
//     times the largest window's |flow| sum over the current window's.
Scales ConditionScales(const Spec& spec, const Series& s, const std::vector<const double*>& cols,
                       const std::vector<double>& params) {
  const size_t n = s.size();
  switch (spec.id) {
    case Id::kStochRsi:
      return StochRsiScales(cols, n, params);
    case Id::kVwma:
    case Id::kCmf:
      return VolumeRatioScales(spec, cols, n, params);
    case Id::kMfi:
      return MfiScales(cols, n, params);
    case Id::kAd:
      return AdScales(cols, n);
    case Id::kAdOsc:
      return AdOscScales(cols, n, params);
    default:
      return {};
  }
}

TEST(Stream, EveryIndicatorSupportsStreamingOrSaysSo) {
  size_t supported = 0;
  for (const Spec& spec : AllSpecs()) {
    Stream stream(AllocatorHooks::Default());
    const ErrorCode code = stream.Init(spec.id, {});
    if (StreamSupported(spec.id)) {
      EXPECT_EQ(code, ErrorCode::kOk) << spec.name << ": " << stream.error();
      ++supported;
    } else {
      EXPECT_EQ(code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(std::string(stream.error()),
                std::string("streaming not supported for ") + spec.name);
    }
  }
  // Every indicator streams.
  EXPECT_EQ(supported, AllSpecs().size());
  Stream unknown(AllocatorHooks::Default());
  EXPECT_EQ(unknown.Init(static_cast<Id>(0), {}), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(StreamSupported(static_cast<Id>(0)));
  EXPECT_FALSE(StreamSupported(static_cast<Id>(100000)));
}

TEST(Stream, PushedBarsGiveTheBatchValues) {
  const Series s = RandomSeries(4000, 7);
  double max_rel = 0;
  std::string worst;
  std::map<std::string, size_t> not_comparable;  // rows of infinite condition
  for (const Spec& spec : AllSpecs()) {
    if (!StreamSupported(spec.id)) continue;
    std::vector<const double*> cols;
    double magnitude = 100;
    for (size_t k = 0; k < spec.input_count; ++k) {
      cols.push_back(Column(s, spec.inputs[k]).data());
    }
    for (const std::vector<double>& params : ParamSets(spec)) {
      SCOPED_TRACE(spec.name);
      const auto want = Batch(spec, cols, s.size(), params);
      Stream stream(AllocatorHooks::Default());
      ASSERT_EQ(stream.Init(spec.id, params), ErrorCode::kOk) << stream.error();
      const auto got = Streamed(stream, spec, cols, s.size());
      const bool exact = BitExact(spec.id, params);
      const auto condition = ConditionScales(spec, s, cols, params);
      size_t defined = 0, mismatches = 0;
      for (size_t j = 0; j < spec.output_count; ++j) {
        for (size_t i = 0; i < s.size(); ++i) {
          const double w = want[j][i], g = got[j][i];
          if (std::isnan(w) || std::isnan(g)) {
            if (std::isnan(w) != std::isnan(g) && mismatches++ < 5) {
              ADD_FAILURE() << spec.name << " params[0]=" << (params.empty() ? 0 : params[0])
                            << " output " << j << " row " << i << ": batch " << w
                            << " stream " << g;
            }
            continue;
          }
          ++defined;
          if (exact) {
            if (std::memcmp(&w, &g, sizeof w) != 0 && mismatches++ < 5) {
              ADD_FAILURE() << spec.name << " output " << j << " row " << i
                            << " not bit-identical: batch " << w << " stream " << g;
            }
            continue;
          }
          double scale = std::max(std::fabs(w), magnitude);
          if (spec.id == Id::kCci) {
            scale = std::max(scale, CciScale(s, i, static_cast<size_t>(params[0])));
            if (std::isinf(scale)) {
              ++not_comparable[spec.name];
              continue;
            }
          }
          if (!condition.empty()) {
            scale = std::max(scale, condition[j][i]);
            if (std::isinf(scale)) {
              ++not_comparable[spec.name];
              continue;
            }
          }
          const double rel = std::fabs(w - g) / scale;
          if (rel > max_rel) {
            max_rel = rel;
            worst = std::string(spec.name) + " row " + std::to_string(i);
          }
          if (rel > 1e-12 && mismatches++ < 5) {
            ADD_FAILURE() << spec.name << " params[0]=" << (params.empty() ? 0 : params[0])
                          << " output " << j << " row " << i << ": batch " << w << " stream "
                          << g << " (rel " << rel << ")";
          }
        }
      }
      // The comparison must not be vacuous.
      EXPECT_GT(defined, s.size() / 2) << spec.name;
    }
  }
  std::printf("largest difference (relative, of max(|value|, 100)): %g at %s\n", max_rel,
              worst.c_str());
  for (const auto& [name, rows] : not_comparable) {
    std::printf("%s: %zu output values not comparable (infinite condition number)\n",
                name.c_str(), rows);
  }
}

// Population variance in long double, two-pass: the exact reference.
long double ExactVariance(const std::vector<double>& x, size_t end, size_t n) {
  long double mean = 0;
  for (size_t k = end + 1 - n; k <= end; ++k) mean += x[k];
  mean /= n;
  long double ss = 0;
  for (size_t k = end + 1 - n; k <= end; ++k) ss += (x[k] - mean) * (x[k] - mean);
  return ss / n;
}

TEST(Stream, VarianceKeepsBatchPrecisionOnAFallingSeries) {
  const size_t n_bars = 200003;
  for (bool geometric : {true, false}) {
    std::vector<double> x(n_bars);
    for (size_t i = 0; i < n_bars; ++i) {
      const double t = static_cast<double>(i) / (n_bars - 1);
      x[i] = geometric ? 800.0 * std::pow(0.005 / 800.0, t) : 800.0 + (0.005 - 800.0) * t;
    }
    for (const auto& [id, params] : std::vector<std::pair<Id, std::vector<double>>>{
             {Id::kVar, {5}}, {Id::kStddev, {20, 1}}, {Id::kBbands, {20, 2, 2, 0}}}) {
      const Spec& spec = *FindSpec(id);
      SCOPED_TRACE(spec.name);
      const auto want = Batch(spec, {x.data()}, n_bars, params);
      Stream stream(AllocatorHooks::Default());
      ASSERT_EQ(stream.Init(id, params), ErrorCode::kOk);
      const auto got = Streamed(stream, spec, {x.data()}, n_bars);
      const size_t n = static_cast<size_t>(params[0]);
      double worst_batch = 0, worst_exact = 0;
      for (size_t i = n - 1; i < n_bars; ++i) {
        for (size_t j = 0; j < spec.output_count; ++j) {
          worst_batch = std::max(worst_batch,
                                 std::fabs(got[j][i] - want[j][i]) / std::fabs(want[j][i]));
        }
        const long double var = ExactVariance(x, i, n);
        const long double exact = id == Id::kVar ? var : std::sqrt(var);
        const double g = id == Id::kBbands ? (got[0][i] - got[1][i]) / 2 : got[0][i];
        worst_exact = std::max(worst_exact,
                               static_cast<double>(std::fabs((g - exact) / exact)));
      }
      EXPECT_LE(worst_batch, 1e-12) << (geometric ? "geometric" : "linear");
      // The deviation itself (not only the bands, which the mean dominates).
      if (id != Id::kBbands) {
        EXPECT_LE(worst_exact, 1e-12);
      }
      std::printf("%s %s: stream vs batch %.3g, vs exact %.3g\n", spec.name,
                  geometric ? "geometric" : "linear", worst_batch, worst_exact);
    }
  }
}

// Windows without volume: a sliding sum of volumes of mixed magnitudes
// leaves a rounding residue when they leave the window (unless a re-sum
// falls on the first empty window); VWMA must fall back to the plain mean
// and CMF to 0 exactly, as the batch (whose volume sums are exactly 0
// there). Bursts of volume and empty stretches of random lengths put the
// empty windows at every offset from the sliding sums' re-sums.
TEST(Stream, WindowsWithoutVolumeUseTheBatchFallbacks) {
  const size_t n = 3000, period = 7;
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> high(n), low(n), close(n), volume(n);
  size_t left = 0;
  bool burst = false;
  for (size_t i = 0; i < n; ++i) {
    if (left == 0) {
      burst = !burst;
      left = burst ? 2 + static_cast<size_t>(u(rng) * 10)
                   : period + static_cast<size_t>(u(rng) * 6);
    }
    --left;
    close[i] = 100 + 10 * u(rng);
    high[i] = close[i] + u(rng);
    low[i] = close[i] - u(rng);
    volume[i] = burst ? std::pow(10.0, 6 * u(rng)) * u(rng) : 0.0;
  }
  std::vector<double> window(n, 0.0);  // window volume sums, and their largest
  double largest = 0;
  for (size_t i = period - 1; i < n; ++i) {
    for (size_t k = i + 1 - period; k <= i; ++k) window[i] += volume[k];
    largest = std::max(largest, window[i]);
  }
  for (Id id : {Id::kVwma, Id::kCmf}) {
    const Spec& spec = *FindSpec(id);
    const std::vector<const double*> cols =
        id == Id::kVwma ? std::vector<const double*>{close.data(), volume.data()}
                        : std::vector<const double*>{high.data(), low.data(), close.data(),
                                                     volume.data()};
    const std::vector<double> params = {static_cast<double>(period)};
    const auto want = Batch(spec, cols, n, params);
    Stream stream(AllocatorHooks::Default());
    ASSERT_EQ(stream.Init(id, params), ErrorCode::kOk);
    const auto got = Streamed(stream, spec, cols, n);
    size_t empty = 0;
    for (size_t i = period - 1; i < n; ++i) {
      // Elsewhere both paths carry the rounding of the largest window sum
      // (the condition scale of PushedBarsGiveTheBatchValues).
      const double scale =
          window[i] > 0 ? std::max(100.0, std::fabs(want[0][i]) * largest / window[i]) : 100.0;
      EXPECT_NEAR(got[0][i], want[0][i], 1e-12 * scale) << spec.name << " row " << i;
      if (window[i] != 0) continue;
      ++empty;
      if (id == Id::kCmf) {
        EXPECT_EQ(got[0][i], 0.0) << i;
      } else {
        double mean = 0;
        for (size_t k = i + 1 - period; k <= i; ++k) mean += close[k];
        EXPECT_NEAR(got[0][i], mean / period, 1e-12 * 100) << i;
      }
    }
    EXPECT_GT(empty, n / 10) << spec.name;
  }
}

// Quiet windows after bursts: volumes of up to 1e6 and stretches of zero
// volume with a rare 1. The sliding sums of VWMA, CMF and MFI keep the
// rounding of the bursts until their next re-sum, which a window of volume 1
// magnifies a millionfold (the fuzzer found such a CMF window); the paths
// must still agree within the condition scales of PushedBarsGiveTheBatchValues.
TEST(Stream, QuietWindowsAfterBurstsAgreeWithinTheirCondition) {
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    Series s = RandomSeries(3000, seed);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    size_t left = 0;
    bool burst = false;
    for (double& v : s.volume) {
      if (left == 0) {
        burst = !burst;
        left = 2 + static_cast<size_t>(u(rng) * 30);
      }
      --left;
      if (std::isfinite(v)) v = burst ? std::floor(u(rng) * 1e6) : (u(rng) < 0.1 ? 1.0 : 0.0);
    }
    for (Id id : {Id::kVwma, Id::kCmf, Id::kMfi}) {
      const Spec& spec = *FindSpec(id);
      std::vector<const double*> cols;
      for (size_t k = 0; k < spec.input_count; ++k) {
        cols.push_back(Column(s, spec.inputs[k]).data());
      }
      for (const std::vector<double>& params : ParamSets(spec)) {
        const auto want = Batch(spec, cols, s.size(), params);
        Stream stream(AllocatorHooks::Default());
        ASSERT_EQ(stream.Init(id, params), ErrorCode::kOk) << stream.error();
        const auto got = Streamed(stream, spec, cols, s.size());
        const auto condition = ConditionScales(spec, s, cols, params)[0];
        for (size_t i = 0; i < s.size(); ++i) {
          const double w = want[0][i], g = got[0][i];
          ASSERT_EQ(std::isnan(w), std::isnan(g)) << spec.name << " row " << i;
          if (std::isnan(w)) continue;
          const double scale = std::max({std::fabs(w), 100.0, condition[i]});
          ASSERT_NEAR(g, w, 1e-12 * scale) << spec.name << " period " << params[0] << " seed "
                                           << seed << " row " << i;
        }
      }
    }
  }
}

// CCI over a window of equal typical prices is 0/0, hence 0 (TA-Lib), in
// the batch and the stream alike. The flat stretches of RandomSeries follow
// noisy bars, so the sliding mean of such a window can miss the common value
// by an ulp; deviation and MAD were then both that ulp and CCI +-66.7.
TEST(Stream, CciOfEqualTypicalPricesIsZero) {
  const Spec& spec = *FindSpec(Id::kCci);
  size_t flat_windows = 0;
  for (uint64_t seed : {1, 2, 3}) {
    const Series s = RandomSeries(4000, seed);
    std::vector<const double*> cols;
    for (size_t k = 0; k < spec.input_count; ++k) cols.push_back(Column(s, spec.inputs[k]).data());
    for (double period : {2.0, 3.0, 14.0}) {
      const size_t n = static_cast<size_t>(period);
      const auto batch = Batch(spec, cols, s.size(), {period});
      Stream stream(AllocatorHooks::Default());
      ASSERT_EQ(stream.Init(Id::kCci, {period}), ErrorCode::kOk) << stream.error();
      const auto streamed = Streamed(stream, spec, cols, s.size());
      size_t equal = 0;
      for (size_t i = 0; i < s.size(); ++i) {
        const double tp = (s.high[i] + s.low[i] + s.close[i]) / 3.0;
        const bool same = i > 0 && s.high[i] == s.high[i - 1] && s.low[i] == s.low[i - 1] &&
                          s.close[i] == s.close[i - 1];
        equal = !std::isfinite(tp) ? 0 : (same && equal > 0 ? equal + 1 : 1);
        if (equal < n) continue;
        ++flat_windows;
        EXPECT_EQ(batch[0][i], 0.0) << "period " << n << " seed " << seed << " row " << i;
        EXPECT_EQ(streamed[0][i], 0.0) << "period " << n << " seed " << seed << " row " << i;
      }
    }
  }
  EXPECT_GT(flat_windows, 100u);
}

// STOCHRSI's %K over fastk equal closes: a zero move scales both Wilder
// averages alike, so the window's RSI values are equal and %K is 0/0, hence
// 0 (TA-Lib's max = min case), in the batch and the stream. The scanned RSI
// rounded its averages differently, which left ulps of range and an
// arbitrary %K (often 100) on every flat stretch.
TEST(Stream, StochRsiOverEqualClosesIsZero) {
  const Spec& spec = *FindSpec(Id::kStochRsi);
  size_t flat_windows = 0;
  for (uint64_t seed : {1, 2, 3}) {
    const Series s = RandomSeries(4000, seed);
    const std::vector<const double*> cols = {s.close.data()};
    for (const std::vector<double>& params : std::vector<std::vector<double>>{
             {14, 5, 3, 0}, {3, 3, 3, 0}, {14, 5, 3, 1}, {5, 2, 4, 4}}) {
      const size_t fk = static_cast<size_t>(params[1]);
      const size_t lookback = *Lookback(Id::kStochRsi, params);
      const auto batch = Batch(spec, cols, s.size(), params);
      Stream stream(AllocatorHooks::Default());
      ASSERT_EQ(stream.Init(Id::kStochRsi, params), ErrorCode::kOk) << stream.error();
      const auto streamed = Streamed(stream, spec, cols, s.size());
      size_t equal = 0, run = 0;  // equal closes ending at i; finite rows ending at i
      for (size_t i = 0; i < s.size(); ++i) {
        const double c = s.close[i];
        run = std::isfinite(c) ? run + 1 : 0;
        equal = !std::isfinite(c) ? 0 : (equal > 0 && c == s.close[i - 1] ? equal + 1 : 1);
        if (equal < fk || run <= lookback) continue;
        ++flat_windows;
        EXPECT_EQ(batch[0][i], 0.0) << "seed " << seed << " fastk " << fk << " row " << i;
        EXPECT_EQ(streamed[0][i], 0.0) << "seed " << seed << " fastk " << fk << " row " << i;
      }
    }
  }
  EXPECT_GT(flat_windows, 100u);
}

TEST(Stream, ResetStartsANewSeries) {
  const Series s = RandomSeries(600, 3);
  for (Id id : {Id::kSma, Id::kRsi, Id::kMacd, Id::kBbands, Id::kAdxr, Id::kMfi, Id::kWma,
                Id::kHma, Id::kStochRsi, Id::kSar, Id::kTsi, Id::kIchimoku,
                Id::kSupertrend, Id::kPivots}) {
    const Spec& spec = *FindSpec(id);
    std::vector<const double*> cols;
    for (size_t k = 0; k < spec.input_count; ++k) cols.push_back(Column(s, spec.inputs[k]).data());
    Stream stream(AllocatorHooks::Default());
    ASSERT_EQ(stream.Init(id, {}), ErrorCode::kOk);
    const auto first = Streamed(stream, spec, cols, s.size());
    stream.Reset();
    const auto second = Streamed(stream, spec, cols, s.size());
    for (size_t j = 0; j < spec.output_count; ++j) {
      for (size_t i = 0; i < s.size(); ++i) {
        EXPECT_TRUE(std::memcmp(&first[j][i], &second[j][i], sizeof(double)) == 0)
            << spec.name << " row " << i;
      }
    }
    // The first lookback bars after a reset are NaN again.
    EXPECT_TRUE(std::isnan(second[0][0])) << spec.name;
  }
}

TEST(Stream, BadBarsAreRejectedAndLeaveTheStateAlone) {
  const Series s = RandomSeries(300, 11);
  const Spec& spec = *FindSpec(Id::kAtr);
  std::vector<const double*> cols = {s.high.data(), s.low.data(), s.close.data()};
  const auto want = Batch(spec, cols, s.size(), {14});
  Stream stream(AllocatorHooks::Default());
  ASSERT_EQ(stream.Init(Id::kAtr, {14}), ErrorCode::kOk);
  EXPECT_EQ(stream.lookback(), 14u);
  double out = 42;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 100) {
      const double bad[3] = {1, 2, 1.5};  // high < low
      out = 42;
      EXPECT_EQ(stream.Push(bad, absl::MakeSpan(&out, 1)), ErrorCode::kInconsistentOhlc);
      EXPECT_NE(std::string(stream.error()).find("high < low"), std::string::npos);
      EXPECT_EQ(out, 42);  // untouched
    }
    const double bar[3] = {s.high[i], s.low[i], s.close[i]};
    ASSERT_EQ(stream.Push(bar, absl::MakeSpan(&out, 1)), ErrorCode::kOk);
    EXPECT_STREQ(stream.error(), "");
    if (std::isnan(want[0][i])) {
      EXPECT_TRUE(std::isnan(out)) << i;
    } else {
      EXPECT_NEAR(out, want[0][i], 1e-12 * want[0][i]) << i;
    }
  }
  const double bar3[3] = {2, 1, 1.5};
  EXPECT_EQ(stream.Push(absl::MakeConstSpan(bar3, 2), absl::MakeSpan(&out, 1)),
            ErrorCode::kInvalidArgument);
  double two[2];
  EXPECT_EQ(stream.Push(bar3, absl::MakeSpan(two, 2)), ErrorCode::kInvalidArgument);
  EXPECT_EQ(stream.Push(bar3, {}), ErrorCode::kOk);  // no output wanted

  Stream obv(AllocatorHooks::Default());
  ASSERT_EQ(obv.Init(Id::kObv, {}), ErrorCode::kOk);
  const double negative[2] = {10, -1};
  EXPECT_EQ(obv.Push(negative, absl::MakeSpan(&out, 1)), ErrorCode::kNegativeVolume);

  Stream bad_params(AllocatorHooks::Default());
  const double period[1] = {1};  // SMA's minimum is 2
  EXPECT_EQ(bad_params.Init(Id::kSma, period), ErrorCode::kInvalidArgument);
  EXPECT_NE(std::string(bad_params.error()).find("period"), std::string::npos);
  EXPECT_EQ(bad_params.Push(bar3, {}), ErrorCode::kInvalidArgument);  // not initialised
}

TEST(Stream, NonFiniteBarRestartsLikeTheBatch) {
  Stream stream(AllocatorHooks::Default());
  ASSERT_EQ(stream.Init(Id::kSma, {3}), ErrorCode::kOk);
  const double xs[] = {1, 2, 3, 4, kNaN, 5, 6, 7, HUGE_VAL, 8};
  std::vector<double> got;
  for (double x : xs) {
    double out;
    ASSERT_EQ(stream.Push(absl::MakeConstSpan(&x, 1), absl::MakeSpan(&out, 1)), ErrorCode::kOk);
    got.push_back(out);
  }
  EXPECT_TRUE(std::isnan(got[0]) && std::isnan(got[1]));
  EXPECT_EQ(got[2], 2);
  EXPECT_EQ(got[3], 3);
  EXPECT_TRUE(std::isnan(got[4]) && std::isnan(got[5]) && std::isnan(got[6]));
  EXPECT_EQ(got[7], 6);
  EXPECT_TRUE(std::isnan(got[8]) && std::isnan(got[9]));
}

TEST(Stream, AllocationFailureAtCreateIsCleanAndPushesNeverAllocate) {
  const Series s = RandomSeries(2000, 5);
  for (const Spec& spec : AllSpecs()) {
    if (!StreamSupported(spec.id)) continue;
    // Every allocation Init makes fails in turn.
    int64_t needed = 0;
    {
      TestingAllocator heap;
      Stream stream(HooksOf(heap));
      ASSERT_EQ(stream.Init(spec.id, {}), ErrorCode::kOk);
      needed = heap.attempts;
      EXPECT_GE(needed, 1);
      EXPECT_GT(stream.state_bytes(), 0u);
    }
    for (int64_t k = 0; k < needed; ++k) {
      TestingAllocator heap;
      heap.fail_at = k;
      {
        Stream stream(HooksOf(heap));
        EXPECT_EQ(stream.Init(spec.id, {}), ErrorCode::kOutOfMemory) << spec.name;
        EXPECT_NE(std::string(stream.error()).find("out of memory"), std::string::npos);
        double out[kMaxOutputs];
        const double bar[kMaxInputs] = {1, 1, 1, 1};
        EXPECT_EQ(stream.Push(absl::MakeConstSpan(bar, spec.input_count), out),
                  ErrorCode::kInvalidArgument);
      }
      EXPECT_EQ(heap.live(), 0) << spec.name;
    }
    // Zero allocations per push, over a whole series with gaps and resets.
    TestingAllocator heap;
    {
      Stream stream(HooksOf(heap));
      ASSERT_EQ(stream.Init(spec.id, {}), ErrorCode::kOk);
      const int64_t after_init = heap.allocations;
      std::vector<const double*> cols;
      for (size_t k = 0; k < spec.input_count; ++k) {
        cols.push_back(Column(s, spec.inputs[k]).data());
      }
      Streamed(stream, spec, cols, s.size());
      stream.Reset();
      Streamed(stream, spec, cols, 100);
      EXPECT_EQ(heap.allocations, after_init) << spec.name;
    }
    EXPECT_EQ(heap.live(), 0) << spec.name;
  }
}

TEST(ComputeBatch, EqualsPerSeriesCalls) {
  const Spec& spec = *FindSpec(Id::kStoch);
  std::vector<Series> all;
  for (size_t k = 0; k < 5; ++k) all.push_back(RandomSeries(50 + 397 * k, 100 + k));
  // As long as the %K period but not the lookback (12): all NaN, no error.
  all.push_back(RandomSeries(9, 1));
  std::vector<StridedView<double>> inputs;
  std::vector<std::vector<double>> storage;
  std::vector<double*> outputs;
  std::vector<size_t> capacities;
  for (const Series& s : all) {
    inputs.emplace_back(s.high.data(), s.size(), 0);
    inputs.emplace_back(s.low.data(), s.size(), 0);
    inputs.emplace_back(s.close.data(), s.size(), 0);
    capacities.push_back(s.size());
  }
  storage.reserve(all.size() * 2);
  for (const Series& s : all) {
    for (int j = 0; j < 2; ++j) {
      storage.emplace_back(s.size() + 1, -1.0);
      outputs.push_back(storage.back().data());
    }
  }
  const std::vector<double> params = {9, 3, 1};
  Workspace ws(AllocatorHooks::Default());
  size_t failed = 99;
  ASSERT_TRUE(ComputeBatch(spec.id, inputs, all.size(), params, outputs, 2, capacities.data(),
                           &ws, &failed)
                  .ok());
  EXPECT_EQ(failed, 0u);
  for (size_t s = 0; s < all.size(); ++s) {
    const auto want = Batch(spec, {all[s].high.data(), all[s].low.data(), all[s].close.data()},
                            all[s].size(), params);
    for (size_t j = 0; j < 2; ++j) {
      for (size_t i = 0; i < all[s].size(); ++i) {
        EXPECT_TRUE(std::memcmp(&want[j][i], &outputs[s * 2 + j][i], sizeof(double)) == 0)
            << "series " << s << " output " << j << " row " << i;
      }
      EXPECT_EQ(outputs[s * 2 + j][all[s].size()], -1.0);  // nothing past n
    }
  }
  // A failing series is named: high < low in row 5 of series 2.
  std::vector<double> high(10, 3.0), low(10, 1.0), close(10, 2.0);
  low[5] = 4.0;
  inputs[3 * 2] = StridedView<double>(high.data(), 10, 0);
  inputs[3 * 2 + 1] = StridedView<double>(low.data(), 10, 0);
  inputs[3 * 2 + 2] = StridedView<double>(close.data(), 10, 0);
  capacities[2] = 10;
  absl::Status st = ComputeBatch(spec.id, inputs, all.size(), params, outputs, 2,
                                 capacities.data(), &ws, &failed);
  EXPECT_EQ(CodeOf(st), ErrorCode::kInconsistentOhlc);
  EXPECT_EQ(failed, 2u);
  EXPECT_NE(std::string(st.message()).find("series 2: "), std::string::npos);
  // A series shorter than the %K period (9) is an error of its own.
  for (size_t k = 0; k < 3; ++k) inputs[3 * 2 + k] = StridedView<double>(close.data(), 8, 0);
  st = ComputeBatch(spec.id, inputs, all.size(), params, outputs, 2, capacities.data(), &ws,
                    &failed);
  EXPECT_EQ(CodeOf(st), ErrorCode::kSeriesTooShort);
  EXPECT_EQ(failed, 2u);
  EXPECT_NE(std::string(st.message()).find("series 2: "), std::string::npos) << st.message();
  // Wrong shapes.
  EXPECT_EQ(CodeOf(ComputeBatch(spec.id, absl::MakeConstSpan(inputs).subspan(1), all.size(),
                                params, outputs, 2, capacities.data(), &ws, nullptr)),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(ComputeBatch(spec.id, inputs, all.size(), params, outputs, 2, nullptr, &ws,
                                nullptr)),
            ErrorCode::kNullArgument);
}

// Pages of memory with an inaccessible page before and after: a value placed
// against either edge is the last (or first) readable one, so reading one
// past it (or before it) faults.
class GuardedPages {
 public:
  GuardedPages() : page_(static_cast<size_t>(sysconf(_SC_PAGESIZE))) {
    void* p = mmap(nullptr, 3 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED) return;
    base_ = static_cast<unsigned char*>(p);
    if (mprotect(base_, page_, PROT_NONE) != 0 ||
        mprotect(base_ + 2 * page_, page_, PROT_NONE) != 0) {
      munmap(base_, 3 * page_);
      base_ = nullptr;
    }
  }
  ~GuardedPages() {
    if (base_ != nullptr) munmap(base_, 3 * page_);
  }
  bool ok() const { return base_ != nullptr; }
  // `count` doubles ending at the inaccessible page after them.
  double* AtEnd(size_t count) {
    return reinterpret_cast<double*>(base_ + 2 * page_) - count;
  }
  // `count` doubles starting right after the inaccessible page before them.
  double* AtStart() { return reinterpret_cast<double*>(base_ + page_); }

 private:
  size_t page_;
  unsigned char* base_ = nullptr;
};

// Every stream reads exactly input_count values of a bar and writes exactly
// the outputs asked for: each bar sits against an inaccessible page (after
// its last value, then before its first), as do the outputs.
TEST(Stream, ReadsExactlyTheBarAndWritesExactlyTheOutputs) {
  GuardedPages bars, outs;
  ASSERT_TRUE(bars.ok() && outs.ok());
  const Series s = RandomSeries(400, 17);
  for (const Spec& spec : AllSpecs()) {
    if (!StreamSupported(spec.id)) continue;
    for (const std::vector<double>& params : ParamSets(spec)) {
      Stream stream(AllocatorHooks::Default());
      ASSERT_EQ(stream.Init(spec.id, params), ErrorCode::kOk) << spec.name;
      for (size_t i = 0; i < s.size(); ++i) {
        double* bar = i % 2 == 0 ? bars.AtEnd(spec.input_count) : bars.AtStart();
        for (size_t k = 0; k < spec.input_count; ++k) bar[k] = Column(s, spec.inputs[k])[i];
        double* out = i % 2 == 0 ? outs.AtEnd(spec.output_count) : outs.AtStart();
        const ErrorCode code = stream.Push(absl::MakeConstSpan(bar, spec.input_count),
                                           absl::MakeSpan(out, spec.output_count));
        ASSERT_EQ(code, ErrorCode::kOk) << spec.name << " row " << i << ": " << stream.error();
      }
    }
  }
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
