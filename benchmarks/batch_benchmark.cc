// Batch rendering of the 100-candle 800x600 PNG chart (balanced preset) on
// 1, 2 and 4 threads of a cw_renderer, next to its baseline in the same
// binary: one cw_chart rendering the same PNG in a loop on one thread.
// After the runs a summary gives charts per second, the speed-up over one
// thread, and each core's throughput against the single-chart loop.
//
// Allocations are counted process-wide: this binary interposes malloc and
// friends (so zlib, libstdc++ and the C library count too, not only
// candlewick's allocator hooks), and each benchmark reports the allocations
// and bytes per chart of its timed loop.
//
//   bazel run --config=opt //benchmarks:batch_benchmark --
//       --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"
#include "capi/candlewick.h"
#include "tests/test_support.h"

// --- Counting every allocation of the process -------------------------------

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t n, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* p);
}

namespace {
std::atomic<uint64_t> g_allocations{0};
std::atomic<uint64_t> g_allocated_bytes{0};
inline void Count(size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_allocated_bytes.fetch_add(size, std::memory_order_relaxed);
}
}  // namespace

#define CW_EXPORT extern "C" __attribute__((visibility("default")))
CW_EXPORT void* malloc(size_t size) {
  Count(size);
  return __libc_malloc(size);
}
CW_EXPORT void* calloc(size_t n, size_t size) {
  Count(n * size);
  return __libc_calloc(n, size);
}
CW_EXPORT void* realloc(void* p, size_t size) {
  Count(size);
  return __libc_realloc(p, size);
}
CW_EXPORT void* aligned_alloc(size_t alignment, size_t size) {
  Count(size);
  return __libc_memalign(alignment, size);
}
CW_EXPORT void* memalign(size_t alignment, size_t size) {
  Count(size);
  return __libc_memalign(alignment, size);
}
CW_EXPORT int posix_memalign(void** out, size_t alignment, size_t size) {
  Count(size);
  void* p = __libc_memalign(alignment, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}
CW_EXPORT void free(void* p) { __libc_free(p); }

namespace {

constexpr uint32_t kWidth = 800, kHeight = 600;
constexpr size_t kCandles = 100;
constexpr size_t kJobsPerBatch = 64;

double ProcessCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Between construction and Report, per chart: allocations and bytes, and
// the CPU time of the whole process (every worker thread included), which
// gives each core's throughput even when other work shares the machine.
class AllocationMeter {
 public:
  AllocationMeter()
      : allocations_(g_allocations.load()),
        bytes_(g_allocated_bytes.load()),
        cpu_(ProcessCpuSeconds()) {}
  void Report(benchmark::State& state, uint64_t charts) const {
    if (charts == 0) return;
    const double n = static_cast<double>(charts);
    state.counters["allocs_per_chart"] = static_cast<double>(g_allocations.load() - allocations_) / n;
    state.counters["alloc_bytes_per_chart"] =
        static_cast<double>(g_allocated_bytes.load() - bytes_) / n;
    state.counters["charts_per_cpu_s"] = n / (ProcessCpuSeconds() - cpu_);
  }

 private:
  uint64_t allocations_, bytes_;
  double cpu_;
};

struct Data {
  candlewick_test::Series series = candlewick_test::MakeSeries(kCandles, 42);
  cw_ohlcv view = series.View();
  cw_chart_options options;
  cw_chart_data data;
  Data() {
    cw_chart_options_init(&options);
    options.width = kWidth;
    options.height = kHeight;
    cw_chart_data_init(&data, &view);
  }
};

// The data and a renderer with the default options (64 MiB of idle
// charts); Ready() skips the benchmark when the renderer is missing.
struct WithRenderer : Data {
  cw_renderer* r = nullptr;
  WithRenderer() {
    cw_renderer_options ro;
    cw_renderer_options_init(&ro);
    if (cw_renderer_create(&ro, &r) != CW_OK) r = nullptr;
  }
  ~WithRenderer() { cw_renderer_destroy(r); }
  WithRenderer(const WithRenderer&) = delete;
  WithRenderer& operator=(const WithRenderer&) = delete;
  bool Ready(benchmark::State& state) const {
    if (r == nullptr) state.SkipWithError("cw_renderer_create");
    return r != nullptr;
  }
};

// Baseline: one chart, one thread, render + PNG in a loop.
void BM_ChartLoop(benchmark::State& state) {
  Data d;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&d.options, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  size_t bytes = 0;
  for (int i = 0; i < 3; ++i) {  // warm: scratch memory at its size
    cw_buffer* png = nullptr;
    cw_chart_render(chart, &d.data, CW_FORMAT_PNG, &png);
    cw_buffer_destroy(png);
  }
  const AllocationMeter meter;
  for (auto _ : state) {
    cw_buffer* png = nullptr;
    if (cw_chart_render(chart, &d.data, CW_FORMAT_PNG, &png) != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
    bytes = cw_buffer_size(png);
    cw_buffer_destroy(png);
  }
  meter.Report(state, state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["png_bytes"] = static_cast<double>(bytes);
  cw_chart_destroy(chart);
}
BENCHMARK(BM_ChartLoop)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same chart through cw_renderer_render on one thread: the cost of the
// cache lookup and the lending.
void BM_RendererSingle(benchmark::State& state) {
  const WithRenderer d;
  if (!d.Ready(state)) return;
  cw_renderer* const r = d.r;
  cw_render_job job;
  cw_render_job_init(&job, &d.options, &d.data, CW_FORMAT_PNG);
  for (int i = 0; i < 3; ++i) {
    cw_renderer_render(r, &job);
    cw_buffer_destroy(job.output);
  }
  const AllocationMeter meter;
  for (auto _ : state) {
    if (cw_renderer_render(r, &job) != CW_OK) {
      state.SkipWithError(job.message);
      break;
    }
    cw_buffer_destroy(job.output);
  }
  meter.Report(state, state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RendererSingle)->Unit(benchmark::kMicrosecond)->UseRealTime();

// kJobsPerBatch charts per cw_renderer_render_batch call on range(0)
// threads (the calling thread included); outputs released after each call.
void BM_Batch(benchmark::State& state) {
  const WithRenderer d;
  if (!d.Ready(state)) return;
  cw_renderer* const r = d.r;
  std::vector<cw_render_job> jobs(kJobsPerBatch);
  for (cw_render_job& j : jobs) cw_render_job_init(&j, &d.options, &d.data, CW_FORMAT_PNG);
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.threads = static_cast<uint32_t>(state.range(0));
  auto run = [&] {
    size_t failed = 0;
    const cw_status st = cw_renderer_render_batch(r, jobs.data(), jobs.size(), &bo, &failed);
    for (cw_render_job& j : jobs) cw_buffer_destroy(j.output);
    return st == CW_OK && failed == 0;
  };
  // Warm: worker threads started, one chart per thread in the cache.
  for (int i = 0; i < 3; ++i) run();
  const AllocationMeter meter;
  for (auto _ : state) {
    if (!run()) {
      state.SkipWithError(jobs[0].message);
      break;
    }
  }
  const uint64_t charts = static_cast<uint64_t>(state.iterations()) * kJobsPerBatch;
  meter.Report(state, charts);
  state.SetItemsProcessed(static_cast<int64_t>(charts));
  cw_renderer_info info;
  info.struct_size = sizeof info;
  cw_renderer_get_info(r, &info);
  state.counters["cached_charts"] = static_cast<double>(info.cached_charts);
}
BENCHMARK(BM_Batch)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

// Collects charts per second (items_per_second) per benchmark while the
// console reporter prints as usual; medians when repeated.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool aggregate = run.run_type == Run::RT_Aggregate;
      if (aggregate && run.aggregate_name != "median") continue;
      auto it = run.counters.find("items_per_second");
      if (it == run.counters.end()) continue;
      const std::string name = run.run_name.str();
      if (aggregate) {
        median_[name] = it->second.value;
      } else {
        samples_[name].push_back(it->second.value);
      }
      auto allocs = run.counters.find("allocs_per_chart");
      if (allocs != run.counters.end()) allocs_[name] = allocs->second.value;
      auto cpu = run.counters.find("charts_per_cpu_s");
      if (cpu != run.counters.end()) {
        // The median aggregate when repeated (--benchmark_display_aggregates_only
        // shows only aggregates), else every run's figure.
        if (aggregate) cpu_[name].clear();
        if (aggregate || cpu_median_.count(name) == 0) cpu_[name].push_back(cpu->second.value);
        if (aggregate) cpu_median_.insert(name);
      }
    }
  }

  void PrintSummary() const {
    const double loop = Rate("BM_ChartLoop/real_time");
    const double one = Rate("BM_Batch/1/real_time");
    const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
    if (!(loop > 0) || !(one > 0)) return;
    std::printf(
        "\nSummary (100 candles, 800x600, PNG balanced; %s; %u CPUs):\n"
        "| work | charts/s | x batch on 1 thread | per core x single-chart loop | charts per CPU-second x loop | allocations per chart |\n"
        "|---|---:|---:|---:|---:|---:|\n",
        samples_.begin()->second.size() > 1 || !median_.empty() ? "medians of the repetitions"
                                                                 : "one run each",
        cpus);
    auto row = [&](const char* label, const char* name, unsigned threads) {
      const double rate = Rate(name);
      if (!(rate > 0)) return;
      const unsigned cores = std::min(threads, cpus);
      auto a = allocs_.find(name);
      std::printf("| %s | %.0f | %.2fx | %.2fx | %.2fx | %.2f |\n", label, rate, rate / one,
                  rate / cores / loop, Median(cpu_, name) / Median(cpu_, "BM_ChartLoop/real_time"),
                  a != allocs_.end() ? a->second : -1.0);
    };
    row("single chart, render + PNG loop (baseline)", "BM_ChartLoop/real_time", 1);
    row("cw_renderer_render, 1 thread", "BM_RendererSingle/real_time", 1);
    row("batch, 1 thread", "BM_Batch/1/real_time", 1);
    row("batch, 2 threads", "BM_Batch/2/real_time", 2);
    row("batch, 4 threads", "BM_Batch/4/real_time", 4);
  }

 private:
  double Rate(const std::string& name) const {
    auto m = median_.find(name);
    if (m != median_.end()) return m->second;
    auto s = samples_.find(name);
    if (s == samples_.end() || s->second.empty()) return 0;
    std::vector<double> v = s->second;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  }
  static double Median(const std::map<std::string, std::vector<double>>& m,
                       const std::string& name) {
    auto s = m.find(name);
    if (s == m.end() || s->second.empty()) return 0;
    std::vector<double> v = s->second;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  }
  std::map<std::string, std::vector<double>> cpu_;
  std::set<std::string> cpu_median_;
  std::map<std::string, double> median_;
  std::map<std::string, std::vector<double>> samples_;
  std::map<std::string, double> allocs_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary();
  benchmark::Shutdown();
  return 0;
}
