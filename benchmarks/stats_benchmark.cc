// The cost of leaving statistics on: one record, alone and with two threads
// sharing one handle, through the C++ core and through the C API; the cost
// of a read (what a metrics scrape pays); and a chart render with and
// without a stats handle attached.
//
// Run: bazel run --config=opt //benchmarks:stats_benchmark -- --benchmark_min_time=0.2
//
// With ->Threads(2) Google Benchmark reports wall time divided by the
// iterations of both threads (the cost per record of the pair's combined
// throughput); the per-thread latency of one record is that figure times 2,
// reported as the `thread_ns` counter.
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"
#include "capi/candlewick.h"
#include "cc/base/allocator.h"
#include "cc/stats/simd_target.h"
#include "cc/stats/stats_recorder.h"

namespace candlewick {
namespace {

StatsRecorder& SharedRecorder() {
  static StatsRecorder* recorder = [] {
    StatsOptions o;  // the defaults: 10,000 records, 24 h
    return StatsRecorder::Create(o, AllocatorHooks::Default())->release();
  }();
  return *recorder;
}

cw_stats* SharedCStats() {
  static cw_stats* stats = [] {
    cw_stats_options o;
    cw_stats_options_init(&o);
    cw_stats* s = nullptr;
    cw_stats_create(&o, &s);
    return s;
  }();
  return stats;
}

void SetPerThreadCounter(benchmark::State& state) {
  // Iterations of this thread over the wall time: per-thread latency.
  state.counters["thread_ns"] = benchmark::Counter(
      static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert | benchmark::Counter::kAvgThreads);
}

// The record path as the C shim's chart calls use it: the end time is the
// reading the caller took to time its operation.
void BM_Record(benchmark::State& state) {
  StatsRecorder& r = SharedRecorder();
  StatsSample s;
  s.kind = kStatsKindRender;
  s.target = static_cast<int32_t>(SimdTarget::kAvx3);
  s.end_ns = r.Now();
  s.bytes = 1920000;
  s.items = 500;
  int64_t d = 0;
  for (auto _ : state) {
    s.duration_ns = ++d & 0xFFFFF;
    r.RecordChecked(s);
  }
  SetPerThreadCounter(state);
}
BENCHMARK(BM_Record)->Threads(1)->Threads(2)->UseRealTime();

// Through the C API: argument and sample checks included.
void BM_CApiRecord(benchmark::State& state) {
  cw_stats* stats = SharedCStats();
  cw_stats_sample s;
  s.struct_size = sizeof s;
  s.kind = CW_STATS_RENDER;
  s.simd_target = CW_SIMD_AVX3;
  s.failed = 0;
  s.end_ns = cw_stats_now(stats);
  s.duration_ns = 0;
  s.bytes = 1920000;
  s.items = 500;
  for (auto _ : state) {
    s.duration_ns = (s.duration_ns + 1) & 0xFFFFF;
    benchmark::DoNotOptimize(cw_stats_record(stats, &s));
  }
  SetPerThreadCounter(state);
}
BENCHMARK(BM_CApiRecord)->Threads(1)->Threads(2)->UseRealTime();

// A caller that reads the handle's clock for each record (CLOCK_MONOTONIC
// through the vDSO): shows what the clock read costs on its own.
void BM_RecordWithClockRead(benchmark::State& state) {
  StatsRecorder& r = SharedRecorder();
  StatsSample s;
  s.kind = kStatsKindEncode;
  s.duration_ns = 1000;
  for (auto _ : state) {
    s.end_ns = r.Now();
    r.RecordChecked(s);
  }
  SetPerThreadCounter(state);
}
BENCHMARK(BM_RecordWithClockRead)->Threads(1)->Threads(2)->UseRealTime();

// A full read of a window of `capacity` records (what a scrape costs).
void BM_Read(benchmark::State& state) {
  StatsOptions o;
  o.capacity = static_cast<uint64_t>(state.range(0));
  auto r = StatsRecorder::Create(o, AllocatorHooks::Default());
  StatsSample s;
  s.end_ns = (*r)->Now();
  for (int64_t i = 0; i < state.range(0); ++i) {
    s.kind = static_cast<int32_t>(i % kStatsBuiltinKinds);
    s.duration_ns = i * 37 % 100000;
    (*r)->RecordChecked(s);
  }
  StatsSnapshot snapshot;
  for (auto _ : state) {
    (*r)->Read(&snapshot);
    benchmark::DoNotOptimize(snapshot.window_count);
  }
}
BENCHMARK(BM_Read)->Arg(1000)->Arg(10000);

// A 800x600 PNG-free render of 500 candles, with and without stats attached:
// the difference is what attaching costs a real call.
void BM_ChartRender(benchmark::State& state) {
  const bool attach = state.range(0) != 0;
  const size_t n = 500;
  std::vector<double> open(n), high(n), low(n), close(n), volume(n);
  for (size_t i = 0; i < n; ++i) {
    open[i] = 100 + static_cast<double>(i % 17);
    close[i] = 100 + static_cast<double>((i * 7) % 19);
    high[i] = (open[i] > close[i] ? open[i] : close[i]) + 1;
    low[i] = (open[i] < close[i] ? open[i] : close[i]) - 1;
    volume[i] = static_cast<double>(1000 + i);
  }
  const cw_ohlcv series =
      cw_ohlcv_contiguous(n, nullptr, open.data(), high.data(), low.data(), close.data(),
                          volume.data());
  cw_chart_options o;
  cw_chart_options_init(&o);
  cw_chart* chart = nullptr;
  cw_chart_create(&o, &chart);
  if (attach) cw_chart_attach_stats(chart, SharedCStats());
  size_t size = 0;
  cw_chart_frame_info(chart, nullptr, nullptr, nullptr, &size);
  std::vector<uint8_t> pixels(size);
  for (auto _ : state) {
    benchmark::DoNotOptimize(cw_chart_render_rgba(chart, &series, pixels.data(), size, 3200));
  }
  cw_chart_destroy(chart);
}
BENCHMARK(BM_ChartRender)->Arg(0)->Arg(1);

}  // namespace
}  // namespace candlewick
