// Chart rendering at 800x600 against the memory limit: "FillOnly" writes one
// colour over the whole RGBA frame (what any renderer must at least do), so
// RenderRgba / FillOnly is the overhead of drawing the chart itself.
//   bazel run -c opt //benchmarks:render_benchmark
#include <cstring>
#include <vector>

#include "benchmark/benchmark.h"
#include "capi/candlewick.h"
#include "cc/canvas/fill.h"
#include "tests/test_support.h"

namespace {

constexpr uint32_t kWidth = 800, kHeight = 600;

void BM_FillOnly(benchmark::State& state) {
  std::vector<uint8_t> frame(kWidth * kHeight * 4);
  uint32_t colour = 0x000000FF;
  for (auto _ : state) {
    candlewick::FillSpan32(frame.data(), kWidth * kHeight, colour++);
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * frame.size());
  state.SetLabel(candlewick::FillTargetName());
}
BENCHMARK(BM_FillOnly);

void BM_Memset(benchmark::State& state) {
  std::vector<uint8_t> frame(kWidth * kHeight * 4);
  int value = 0;
  for (auto _ : state) {
    std::memset(frame.data(), value++ & 0xFF, frame.size());
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * frame.size());
}
BENCHMARK(BM_Memset);

cw_chart* NewChart(cw_png_preset preset) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = kWidth;
  o.height = kHeight;
  o.png_preset = preset;
  cw_chart* c = nullptr;
  if (cw_chart_create(&o, &c) != CW_OK) return nullptr;
  return c;
}

void BM_RenderRgba(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), 42);
  const cw_ohlcv v = series.View();
  cw_chart* chart = NewChart(CW_PNG_BALANCED);
  std::vector<uint8_t> frame(kWidth * kHeight * 4);
  for (auto _ : state) {
    if (cw_chart_render_rgba(chart, &v, frame.data(), frame.size(), kWidth * 4) != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  cw_chart_destroy(chart);
}
BENCHMARK(BM_RenderRgba)->Arg(100)->Arg(1000);

void BM_RenderPng(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), 42);
  const cw_ohlcv v = series.View();
  cw_chart* chart = NewChart(static_cast<cw_png_preset>(state.range(1)));
  size_t bytes = 0;
  for (auto _ : state) {
    cw_buffer* png = nullptr;
    if (cw_chart_render_png(chart, &v, &png) != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
    bytes = cw_buffer_size(png);
    cw_buffer_destroy(png);
  }
  state.counters["png_bytes"] = static_cast<double>(bytes);
  static const char* const kPresets[] = {"fastest", "balanced", "smallest"};
  state.SetLabel(kPresets[state.range(1)]);
  cw_chart_destroy(chart);
}
BENCHMARK(BM_RenderPng)
    ->ArgsProduct({{100, 1000}, {CW_PNG_FASTEST, CW_PNG_BALANCED, CW_PNG_SMALLEST}})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
