// The single-pass batch paths (issue 14: validation folded into the
// indicator's own read of its columns) give the bits of the definitions
// they replaced, on series that put a row at every kind of boundary, and
// report bad rows with the same status as the general path.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/range/scalar.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Series = std::vector<double>;

struct Bars {
  Series open, high, low, close;
};

// A random walk rounded to `tick`: a coarse tick makes many equal highs,
// lows and extremes, where tie rules show.
Bars Walk(size_t m, uint32_t seed, double tick) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Bars b;
  double c = 100;
  for (size_t i = 0; i < m; ++i) {
    const double o = c;
    c = std::max(1.0, c + step(rng));
    const double h = std::round((std::max(o, c) + u(rng)) / tick) * tick;
    const double l = std::round((std::min(o, c) - u(rng)) / tick) * tick;
    b.open.push_back(std::min(std::max(o, l), h));
    b.high.push_back(h);
    b.low.push_back(l);
    b.close.push_back(std::min(std::max(c, l), h));
  }
  return b;
}

const Series& Column(const Bars& b, const std::string& name) {
  return name == "open" ? b.open : name == "high" ? b.high : name == "low" ? b.low : b.close;
}

// Compute() of every output, or the status.
absl::Status RunOn(Id id, const Bars& b, const std::vector<double>& params,
                   std::vector<Series>* out) {
  const Spec* spec = FindSpec(id);
  std::vector<StridedView<double>> in;
  for (size_t k = 0; k < spec->input_count; ++k) {
    const Series& col = Column(b, spec->inputs[k]);
    in.emplace_back(col.data(), col.size(), 0);
  }
  out->assign(spec->output_count, Series(b.close.size(), -1.0));
  std::vector<double*> ptrs;
  for (Series& o : *out) ptrs.push_back(o.data());
  Workspace ws(AllocatorHooks::Default());
  return Compute(id, in, params, ptrs, b.close.size(), &ws);
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void ExpectSameBits(const Series& got, const Series& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_TRUE(SameBits(got[i], want[i]) || (std::isnan(got[i]) && std::isnan(want[i])))
        << what << " row " << i << ": " << got[i] << " want " << want[i];
  }
}

// ---- Parabolic SAR ----------------------------------------------------------

// TA-Lib's SAR loop as the library ran it before its branch-free new
// extreme: a branch per case, std::max/min of three.
Series SarBefore(const Series& hs, const Series& ls, double acceleration, double maximum) {
  const size_t m = hs.size();
  Series out(m, kNaN);
  const double step = std::min(acceleration, maximum);
  double af = step;
  const double up = hs[1] - hs[0], down = ls[0] - ls[1];
  bool is_long = !(down > 0 && up < down);
  double ep = is_long ? hs[1] : ls[1], sar = is_long ? ls[0] : hs[0];
  double new_low = ls[1], new_high = hs[1];
  for (size_t i = 1; i < m; ++i) {
    const double prev_low = new_low, prev_high = new_high;
    new_low = ls[i];
    new_high = hs[i];
    if (is_long && new_low <= sar) {
      is_long = false;
      sar = std::max({ep, prev_high, new_high});
      out[i] = sar;
      af = step;
      ep = new_low;
      sar = std::max({sar + af * (ep - sar), prev_high, new_high});
    } else if (is_long) {
      out[i] = sar;
      if (new_high > ep) {
        ep = new_high;
        af = std::min(af + step, maximum);
      }
      sar = std::min({sar + af * (ep - sar), prev_low, new_low});
    } else if (new_high >= sar) {
      is_long = true;
      sar = std::min({ep, prev_low, new_low});
      out[i] = sar;
      af = step;
      ep = new_high;
      sar = std::min({sar + af * (ep - sar), prev_low, new_low});
    } else {
      out[i] = sar;
      if (new_low < ep) {
        ep = new_low;
        af = std::min(af + step, maximum);
      }
      sar = std::max({sar + af * (ep - sar), prev_high, new_high});
    }
  }
  return out;
}

TEST(OnePassSar, SameBitsAsTheBranchingLoop) {
  const double params[][2] = {{0.02, 0.2}, {0.05, 0.1}, {0.3, 0.2}, {0.02, 0.02}, {0, 0.2}};
  for (size_t m : {2, 3, 4, 17, 1000, 5000}) {
    for (double tick : {0.01, 0.5}) {
      const Bars b = Walk(m, static_cast<uint32_t>(m * 7 + 1), tick);
      for (const auto& p : params) {
        std::vector<Series> out;
        ASSERT_TRUE(RunOn(Id::kSar, b, {p[0], p[1]}, &out).ok());
        ExpectSameBits(out[0], SarBefore(b.high, b.low, p[0], p[1]),
                       "sar m=" + std::to_string(m) + " tick=" + std::to_string(tick));
      }
    }
  }
}

// A non-finite row splits the series into runs computed apart; a row whose
// range overflows is valid (the one-pass check hands it to the general
// path); high < low is an error naming the row, wherever it is.
TEST(OnePassSar, BadRowsAsTheGeneralPath) {
  const size_t m = 300;
  for (size_t at : {size_t{0}, size_t{1}, size_t{2}, size_t{150}, m - 1}) {
    for (double bad : {kNaN, std::numeric_limits<double>::infinity()}) {
      Bars b = Walk(m, 3, 0.01);
      b.high[at] = bad;
      std::vector<Series> out;
      ASSERT_TRUE(RunOn(Id::kSar, b, {}, &out).ok());
      EXPECT_TRUE(std::isnan(out[0][at]));
      Series want(m, kNaN);
      for (const auto& [from, to] : {std::pair<size_t, size_t>{0, at}, {at + 1, m}}) {
        if (to - from < 2) continue;
        const Series run = SarBefore(Series(b.high.begin() + from, b.high.begin() + to),
                                     Series(b.low.begin() + from, b.low.begin() + to), 0.02, 0.2);
        std::copy(run.begin(), run.end(), want.begin() + from);
      }
      ExpectSameBits(out[0], want, "sar, bad row " + std::to_string(at));
    }
    Bars b = Walk(m, 4, 0.01);
    b.low[at] = b.high[at] + 1;
    std::vector<Series> out;
    const absl::Status st = RunOn(Id::kSar, b, {}, &out);
    EXPECT_EQ(CodeOf(st), ErrorCode::kInconsistentOhlc) << st;
    EXPECT_NE(std::string(st.message()).find("high < low at row " + std::to_string(at) + " "),
              std::string::npos)
        << st;
  }
  Bars b = Walk(m, 5, 0.01);
  for (Series* col : {&b.high, &b.low}) {
    for (double& v : *col) v *= 1e305;
  }
  b.high[7] = 1.7e308;
  b.low[7] = -1.7e308;
  std::vector<Series> out;
  ASSERT_TRUE(RunOn(Id::kSar, b, {}, &out).ok());
  ExpectSameBits(out[0], SarBefore(b.high, b.low, 0.02, 0.2), "sar, overflowing range");
}

// ---- AROON, AROONOSC -------------------------------------------------------

// Both outputs from the scalar ages (RollingExtremeAgeReference), combined
// as the library always has: down, up (AROON) or the oscillator.
std::vector<Series> AroonBefore(const Bars& b, size_t n, bool osc) {
  const size_t m = b.close.size();
  Series high_age(m, kNaN), low_age(m, kNaN), down(m, kNaN), up(m, kNaN);
  RollingExtremeAgeReference<true>(b.high.data(), m, n + 1, high_age.data());
  RollingExtremeAgeReference<false>(b.low.data(), m, n + 1, low_age.data());
  const double factor = 100.0 / static_cast<double>(n), dn = static_cast<double>(n);
  for (size_t i = n; i < m; ++i) {
    down[i] = osc ? factor * (low_age[i] - high_age[i]) : factor * (dn - low_age[i]);
    up[i] = factor * (dn - high_age[i]);
  }
  if (osc) return {down};
  return {down, up};
}

// On every compiled target: periods on both sides of the vector kernel's
// limit, lengths just above the lookback, around a vector and longer.
using OnePassOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(OnePassOnEveryTarget);

TEST_P(OnePassOnEveryTarget, AroonSameBitsAsTheAgesCombined) {
  for (size_t n : {2, 14, 63, 64}) {
    for (size_t m : {n + 1, n + 2, n + 7, n + 8, n + 9, n + 17, size_t{3000}}) {
      const Bars b = Walk(m, static_cast<uint32_t>(m + n), 0.5);
      for (bool osc : {false, true}) {
        std::vector<Series> out;
        ASSERT_TRUE(RunOn(osc ? Id::kAroonOsc : Id::kAroon, b, {double(n)}, &out).ok());
        const std::vector<Series> want = AroonBefore(b, n, osc);
        for (size_t j = 0; j < want.size(); ++j) {
          ExpectSameBits(out[j], want[j],
                         (osc ? "aroonosc n=" : "aroon n=") + std::to_string(n) +
                             " m=" + std::to_string(m) + " output " + std::to_string(j));
        }
      }
    }
  }
}

// A bad row far from the start: a non-finite one splits the series (the
// general path), high < low is reported at its row.
TEST(OnePassAroon, BadRowsAsTheGeneralPath) {
  const size_t m = 3000, n = 14;
  Bars b = Walk(m, 9, 0.01);
  b.low[1500] = kNaN;
  std::vector<Series> out;
  ASSERT_TRUE(RunOn(Id::kAroon, b, {}, &out).ok());
  Bars head = b, tail = b;
  for (Series* col : {&head.high, &head.low, &head.close}) col->resize(1500);
  for (Series* col : {&tail.high, &tail.low, &tail.close}) col->erase(col->begin(), col->begin() + 1501);
  const std::vector<Series> a = AroonBefore(head, n, false), c = AroonBefore(tail, n, false);
  for (size_t j = 0; j < 2; ++j) {
    Series want = a[j];
    want.push_back(kNaN);
    want.insert(want.end(), c[j].begin(), c[j].end());
    ExpectSameBits(out[j], want, "aroon with a NaN row, output " + std::to_string(j));
  }
  b = Walk(m, 9, 0.01);
  b.high[2500] = b.low[2500] - 1;
  const absl::Status st = RunOn(Id::kAroonOsc, b, {}, &out);
  EXPECT_EQ(CodeOf(st), ErrorCode::kInconsistentOhlc) << st;
  EXPECT_NE(std::string(st.message()).find("high < low at row 2500 "), std::string::npos) << st;
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
