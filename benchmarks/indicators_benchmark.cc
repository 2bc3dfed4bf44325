// Indicators on 1,000,000 bars, one thread: the library (indicators::Compute,
// exactly what cw_indicator_compute() calls, with Highway kernels dispatched
// to the best target) against the plain scalar reference loops of
// cc/indicators/kernels_reference.h in the same binary.
// The "per_bar" counter is the time per input bar (e.g. 889ps = 0.889 ns).
//
//   bazel run --config=opt //benchmarks:indicators_benchmark -- --benchmark_min_time=0.2
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>

#include <sys/mman.h>
#include <limits>
#include <string>
#include <random>
#include <vector>

#include "benchmark/benchmark.h"
#include "hwy/targets.h"
#include "cc/base/allocator.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/kernels.h"
#include "cc/indicators/kernels_reference.h"
#include "cc/indicators/stream.h"

namespace {

namespace ind = candlewick::indicators;

// Series memory as NumPy gives it to TA-Lib in the peer measurements: large
// arrays advised to use transparent huge pages (fewer TLB misses on a 1M-bar
// stream), and 64-byte aligned.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    const size_t align = bytes >= (size_t{2} << 20) ? (size_t{2} << 20) : 64;
    void* p = nullptr;
    if (posix_memalign(&p, align, bytes == 0 ? align : bytes) != 0) throw std::bad_alloc();
    if (align > 64) madvise(p, bytes, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};
using Column = std::vector<double, HugePageAllocator<double>>;

constexpr size_t kBars = 1000000;

struct Bars {
  Column high, low, close;
};

const Bars& Data() {
  static const Bars* bars = [] {
    auto* b = new Bars;
    std::mt19937_64 rng(42);
    std::normal_distribution<double> step(0.0, 1.0);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    double c = 1000;
    for (size_t i = 0; i < kBars; ++i) {
      const double o = c;
      c = std::max(1.0, c + step(rng));
      b->high.push_back(std::max(o, c) + u(rng));
      b->low.push_back(std::min(o, c) - u(rng));
      b->close.push_back(c);
    }
    return b;
  }();
  return *bars;
}

void SetCounters(benchmark::State& state, size_t bars = kBars) {
  state.counters["per_bar"] = benchmark::Counter(
      static_cast<double>(bars),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.SetLabel(ind::KernelTargetName());
}

// ---- The library -----------------------------------------------------------

// The timed loop of every library benchmark: Compute() over `in` into
// output columns of `bars` values, with one workspace for all iterations, as
// one cw_indicator_context would be.
void TimeCompute(benchmark::State& state, ind::Id id,
                 const std::vector<candlewick::StridedView<double>>& in,
                 absl::Span<const double> params, size_t bars) {
  ind::Workspace ws(candlewick::AllocatorHooks::Default());
  std::vector<Column> out(ind::FindSpec(id)->output_count, Column(bars));
  std::vector<double*> ptrs;
  for (auto& o : out) ptrs.push_back(o.data());
  for (auto _ : state) {
    const absl::Status st = ind::Compute(id, in, params, ptrs, bars, &ws);
    if (!st.ok()) {
      state.SkipWithError(std::string(st.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(ptrs[0]);
    benchmark::ClobberMemory();
  }
}

// The first `bars` bars (kBars, or fewer to see the kernels in cache).
void RunLibrary(benchmark::State& state, ind::Id id, Column params, bool hlc,
                size_t bars = kBars) {
  const Bars& b = Data();
  std::vector<candlewick::StridedView<double>> in;
  if (hlc) {
    in = {{b.high.data(), bars, 0}, {b.low.data(), bars, 0}, {b.close.data(), bars, 0}};
  } else {
    in = {{b.close.data(), bars, 0}};
  }
  TimeCompute(state, id, in, params, bars);
  SetCounters(state, bars);
}

void BM_Sma20(benchmark::State& s) { RunLibrary(s, ind::Id::kSma, {20}, false); }
void BM_Ema20(benchmark::State& s) { RunLibrary(s, ind::Id::kEma, {20}, false); }
void BM_Rsi14(benchmark::State& s) { RunLibrary(s, ind::Id::kRsi, {14}, false); }
void BM_Atr14(benchmark::State& s) { RunLibrary(s, ind::Id::kAtr, {14}, true); }
void BM_Macd(benchmark::State& s) { RunLibrary(s, ind::Id::kMacd, {12, 26, 9}, false); }
void BM_Bbands20(benchmark::State& s) { RunLibrary(s, ind::Id::kBbands, {20, 2, 2}, false); }
// The same indicators over the columns of one row-major table (high, low,
// close per row: stride 24 bytes), read in place: the cost of strided input
// next to the contiguous runs above.
void RunStrided(benchmark::State& state, ind::Id id, Column params, bool hlc) {
  const Bars& b = Data();
  static const Column* table = [&] {
    auto* t = new Column(3 * kBars);
    for (size_t i = 0; i < kBars; ++i) {
      (*t)[3 * i] = b.high[i];
      (*t)[3 * i + 1] = b.low[i];
      (*t)[3 * i + 2] = b.close[i];
    }
    return t;
  }();
  const ptrdiff_t stride = 3 * sizeof(double);
  std::vector<candlewick::StridedView<double>> in;
  if (hlc) {
    in = {{table->data(), kBars, stride}, {table->data() + 1, kBars, stride},
          {table->data() + 2, kBars, stride}};
  } else {
    in = {{table->data() + 2, kBars, stride}};
  }
  TimeCompute(state, id, in, params, kBars);
  SetCounters(state);
}
void BM_Sma20_Strided(benchmark::State& s) { RunStrided(s, ind::Id::kSma, {20}, false); }
void BM_Atr14_Strided(benchmark::State& s) { RunStrided(s, ind::Id::kAtr, {14}, true); }
void BM_Bbands20_Strided(benchmark::State& s) { RunStrided(s, ind::Id::kBbands, {20, 2, 2}, false); }

// 32K bars (1 MB in, 0.75 MB out): what the kernels cost when memory
// bandwidth is not the limit.
void BM_Bbands20_InCache(benchmark::State& s) {
  RunLibrary(s, ind::Id::kBbands, {20, 2, 2}, false, 32768);
}
void BM_Atr14_InCache(benchmark::State& s) { RunLibrary(s, ind::Id::kAtr, {14}, true, 32768); }
void BM_Stddev20(benchmark::State& s) { RunLibrary(s, ind::Id::kStddev, {20, 1}, false); }
void BM_Wma20(benchmark::State& s) { RunLibrary(s, ind::Id::kWma, {20}, false); }
void BM_Adx14(benchmark::State& s) { RunLibrary(s, ind::Id::kAdx, {14}, true); }
void BM_Cci14(benchmark::State& s) { RunLibrary(s, ind::Id::kCci, {14}, true); }
void BM_Stoch(benchmark::State& s) { RunLibrary(s, ind::Id::kStoch, {}, true); }

// ---- Scalar references: the textbook loops, same outputs -------------------

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Times `pass` (one pass of a scalar reference over the bars, writing
// `written`), labelled "scalar".
template <typename Pass>
void TimeScalar(benchmark::State& state, const double* written, Pass pass) {
  for (auto _ : state) {
    pass();
    benchmark::DoNotOptimize(written);
    benchmark::ClobberMemory();
  }
  SetCounters(state);
  state.SetLabel("scalar");
}

void EmaReference(const double* x, size_t m, size_t n, size_t first, double* out) {
  for (size_t i = 0; i < first; ++i) out[i] = kNaN;
  double s = 0;
  for (size_t j = first + 1 - n; j <= first; ++j) s += x[j];
  out[first] = s / n;
  const double k = 2.0 / (n + 1);
  ind::LinearRecurrenceReference(x + first + 1, m - first - 1, 1 - k, k, out[first],
                                 out + first + 1);
}

void BM_Sma20_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  Column out(kBars);
  TimeScalar(state, out.data(), [&] {
    for (size_t i = 0; i < 19; ++i) out[i] = kNaN;
    ind::RollingSumReference(b.close.data(), kBars, 20, 1.0 / 20, out.data());
  });
}

void BM_Ema20_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  Column out(kBars);
  TimeScalar(state, out.data(), [&] {
    EmaReference(b.close.data(), kBars, 20, 19, out.data());
  });
}

void BM_Rsi14_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  const double* x = b.close.data();
  Column out(kBars);
  TimeScalar(state, out.data(), [&] {
    for (size_t i = 0; i < 14; ++i) out[i] = kNaN;
    double g = 0, l = 0;
    for (size_t i = 1; i <= 14; ++i) {
      const double d = x[i] - x[i - 1];
      (d > 0 ? g : l) += std::fabs(d);
    }
    ind::RsiFromSeedsReference(x, kBars, 14, g / 14, l / 14, out.data());
  });
}

void BM_Atr14_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  Column out(kBars), tr(kBars);
  TimeScalar(state, out.data(), [&] {
    ind::TrueRangeReference(b.high.data(), b.low.data(), b.close.data(), kBars, tr.data());
    for (size_t i = 0; i < 14; ++i) out[i] = kNaN;
    double s = 0;
    for (size_t i = 1; i <= 14; ++i) s += tr[i];
    out[14] = s / 14;
    ind::LinearRecurrenceReference(tr.data() + 15, kBars - 15, 13.0 / 14, 1.0 / 14, out[14],
                                   out.data() + 15);
  });
}

void BM_Macd_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  Column fast(kBars), macd(kBars), signal(kBars), hist(kBars);
  TimeScalar(state, hist.data(), [&] {
    EmaReference(b.close.data(), kBars, 12, 25, fast.data());
    EmaReference(b.close.data(), kBars, 26, 25, macd.data());
    for (size_t i = 25; i < kBars; ++i) macd[i] = fast[i] - macd[i];
    for (size_t i = 0; i < 25; ++i) signal[i] = kNaN;
    EmaReference(macd.data() + 25, kBars - 25, 9, 8, signal.data() + 25);
    for (size_t i = 33; i < kBars; ++i) hist[i] = macd[i] - signal[i];
    for (size_t i = 0; i < 33; ++i) macd[i] = hist[i] = kNaN;
  });
}

void BM_Bbands20_ScalarReference(benchmark::State& state) {
  const Bars& b = Data();
  Column upper(kBars), middle(kBars), lower(kBars);
  TimeScalar(state, upper.data(), [&] {
    for (size_t i = 0; i < 19; ++i) upper[i] = middle[i] = lower[i] = kNaN;
    ind::RollingSumReference(b.close.data(), kBars, 20, 1.0 / 20, middle.data());
    ind::WindowVarianceReference(b.close.data(), kBars, 20, middle.data(), lower.data());
    for (size_t i = 19; i < kBars; ++i) {
      const double sd = std::sqrt(lower[i]);
      upper[i] = middle[i] + 2 * sd;
      lower[i] = middle[i] - 2 * sd;
    }
  });
}

BENCHMARK(BM_Sma20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sma20_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ema20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ema20_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rsi14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rsi14_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Atr14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Atr14_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Macd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Macd_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bbands20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bbands20_InCache)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Sma20_Strided)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Atr14_Strided)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bbands20_Strided)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Atr14_InCache)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Bbands20_ScalarReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stddev20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Wma20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Adx14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Cci14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stoch)->Unit(benchmark::kMillisecond);

// ---- Streaming: one Stream::Push per bar (what cw_indicator_stream_push
// runs), over the same 1,000,000 bars; per_bar is the cost of one push.
void RunStream(benchmark::State& state, ind::Id id, Column params, bool hlc) {
  const Bars& b = Data();
  ind::Stream stream(candlewick::AllocatorHooks::Default());
  if (stream.Init(id, params) != candlewick::ErrorCode::kOk) {
    state.SkipWithError(stream.error());
    return;
  }
  double out[ind::kMaxOutputs];
  const size_t outputs = stream.spec()->output_count;
  double bar[3];
  for (auto _ : state) {
    stream.Reset();
    double sink = 0;
    for (size_t i = 0; i < kBars; ++i) {
      if (hlc) {
        bar[0] = b.high[i];
        bar[1] = b.low[i];
        bar[2] = b.close[i];
      } else {
        bar[0] = b.close[i];
      }
      stream.Push(absl::MakeConstSpan(bar, hlc ? 3 : 1), absl::MakeSpan(out, outputs));
      sink += out[0];
    }
    benchmark::DoNotOptimize(sink);
  }
  SetCounters(state);
  state.SetLabel("stream");
}

void BM_Stream_Sma20(benchmark::State& s) { RunStream(s, ind::Id::kSma, {20}, false); }
void BM_Stream_Ema20(benchmark::State& s) { RunStream(s, ind::Id::kEma, {20}, false); }
void BM_Stream_Rsi14(benchmark::State& s) { RunStream(s, ind::Id::kRsi, {14}, false); }
void BM_Stream_Atr14(benchmark::State& s) { RunStream(s, ind::Id::kAtr, {14}, true); }
void BM_Stream_Macd(benchmark::State& s) { RunStream(s, ind::Id::kMacd, {12, 26, 9}, false); }
void BM_Stream_Bbands20(benchmark::State& s) {
  RunStream(s, ind::Id::kBbands, {20, 2, 2}, false);
}
BENCHMARK(BM_Stream_Sma20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stream_Ema20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stream_Rsi14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stream_Atr14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stream_Macd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stream_Bbands20)->Unit(benchmark::kMillisecond);

// ---- Every indicator at its default parameters (BM_Every/<name>), over the
// same bars: open = the previous close, volume = a positive series derived
// from the range, anchor = a session start every 390 bars. For a table of
// all 69 next to TA-Lib: benchmarks/talib_side_by_side.py.
struct Extra {
  Column open, volume, anchor;
};

const Extra& ExtraData() {
  static const Extra* extra = [] {
    const Bars& b = Data();
    auto* e = new Extra;
    for (size_t i = 0; i < kBars; ++i) {
      e->open.push_back(i == 0 ? b.close[0] : b.close[i - 1]);
      e->open.back() = std::min(std::max(e->open.back(), b.low[i]), b.high[i]);
      e->volume.push_back(1000.0 * (b.high[i] - b.low[i]) + 100.0);
      e->anchor.push_back(i % 390 == 0 ? 1.0 : 0.0);
    }
    return e;
  }();
  return *extra;
}

void RunDefault(benchmark::State& state, const ind::Spec* spec) {
  const Bars& b = Data();
  const Extra& e = ExtraData();
  std::vector<candlewick::StridedView<double>> in;
  for (size_t k = 0; k < spec->input_count; ++k) {
    const std::string name = spec->inputs[k];
    const Column& col = name == "high"     ? b.high
                                     : name == "low"    ? b.low
                                     : name == "open"   ? e.open
                                     : name == "volume" ? e.volume
                                     : name == "anchor" ? e.anchor
                                                        : b.close;
    in.emplace_back(col.data(), kBars, 0);
  }
  TimeCompute(state, spec->id, in, {}, kBars);
  SetCounters(state);
}

const bool kEveryRegistered = [] {
  for (const ind::Spec& spec : ind::AllSpecs()) {
    benchmark::RegisterBenchmark((std::string("BM_Every/") + spec.name).c_str(), RunDefault,
                                 &spec)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace

// CW_BENCH_DISABLE_TARGETS=<hex mask of hwy targets> runs the kernels on
// the targets left (to compare AVX-512 with AVX2 on this machine, say).
int main(int argc, char** argv) {
  if (const char* mask = std::getenv("CW_BENCH_DISABLE_TARGETS")) {
    hwy::DisableTargets(static_cast<int64_t>(std::strtoll(mask, nullptr, 16)));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
