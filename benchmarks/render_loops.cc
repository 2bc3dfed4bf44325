#include "benchmarks/render_loops.h"

#include <vector>

#include "cc/canvas/fill.h"
#include "tests/test_support.h"

namespace candlewick_bench {

cw_chart* NewChart(int32_t png_preset) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = kWidth;
  o.height = kHeight;
  o.png_preset = png_preset;
  cw_chart* c = nullptr;
  if (cw_chart_create(&o, &c) != CW_OK) return nullptr;
  return c;
}

void FillOnly(benchmark::State& state, uint32_t width, uint32_t height) {
  std::vector<uint8_t> frame(static_cast<size_t>(width) * height * 4);
  uint32_t colour = 0x000000FF;
  for (auto _ : state) {
    candlewick::FillSpan32(frame.data(), static_cast<size_t>(width) * height, colour++);
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * frame.size());
  state.SetLabel(candlewick::FillTargetName());
}

void RenderRgba(benchmark::State& state, uint32_t seed) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), seed);
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

void RenderPng(benchmark::State& state, uint32_t seed) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), seed);
  const cw_ohlcv v = series.View();
  cw_chart* chart = NewChart(static_cast<int32_t>(state.range(1)));
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

}  // namespace candlewick_bench
