// Chart rendering at 800x600 against the memory limit: "FillOnly" writes one
// colour over the whole RGBA frame (what any renderer must at least do), so
// RenderRgba / FillOnly is the overhead of drawing the chart itself.
//   bazel run --config=opt //benchmarks:render_benchmark
#include <cmath>
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

// The same chart with price and time axes, their labels, the last-price
// marker and a title (text through FreeType): range(1) 0 = RGBA frame only,
// 1 = render + PNG (balanced).
void BM_RenderAxes(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), 42);
  cw_chart_data data;
  const cw_ohlcv v = series.View();
  cw_chart_data_init(&data, &v);
  data.title = "MakeSeries(100, 42)";
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.show_axes = 1;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  std::vector<uint8_t> frame(kWidth * kHeight * 4);
  size_t bytes = 0;
  for (auto _ : state) {
    cw_status s;
    if (state.range(1) == 0) {
      s = cw_chart_render_frame(chart, &data, CW_FORMAT_RGBA8, frame.data(), frame.size(),
                                kWidth * 4);
      benchmark::DoNotOptimize(frame.data());
      benchmark::ClobberMemory();
    } else {
      cw_buffer* png = nullptr;
      s = cw_chart_render(chart, &data, CW_FORMAT_PNG, &png);
      bytes = cw_buffer_size(png);
      cw_buffer_destroy(png);
    }
    if (s != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
  }
  if (state.range(1) != 0) state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(state.range(1) == 0 ? "rgba" : "png balanced");
  cw_chart_destroy(chart);
}
BENCHMARK(BM_RenderAxes)->Args({100, 0})->Args({100, 1})->Unit(benchmark::kMicrosecond);

// The full chart of issue 13's budget (under 1 ms for render + PNG): 100
// candles at 800x600 with price, volume and time axes in New York time, a
// title, a legend of two named moving averages and a named Bollinger band,
// and two indicator panels (RSI 14 with its levels, MACD 12 26 9 with a
// histogram) with their scales and titles. range(0) 0 = RGBA frame only,
// 1 = render + PNG (balanced). BM_RenderAxes (no legend, no panels, UTC)
// is the same-run baseline.
struct FullChart {
  candlewick_test::Series s = candlewick_test::MakeSeries(100, 42);
  std::vector<std::vector<double>> out;
  std::vector<cw_line> overlays, rsi_lines, macd_lines;
  cw_band band{};
  cw_panel panels[2] = {};
  double rsi_levels[2] = {30, 70}, zero[1] = {0};
  const char* overlay_names[2] = {"SMA 10", "SMA 30"};
  const char* band_names[1] = {"BBANDS 20 2 2"};
  cw_ohlcv series;
  cw_chart_data data;

  std::vector<double>* Column() {
    out.emplace_back(s.close.size(), NAN);
    return &out.back();
  }
  void Compute(cw_indicator_context* ctx, cw_indicator_id id, std::vector<double> params,
               std::vector<std::vector<double>*> outputs) {
    const cw_f64_column in = {s.close.data(), s.close.size(), 0};
    std::vector<double*> ptrs;
    for (auto* o : outputs) ptrs.push_back(o->data());
    cw_indicator_compute(ctx, id, &in, 1, params.data(), params.size(), ptrs.data(), ptrs.size(),
                         s.close.size());
  }
  FullChart() {
    out.reserve(16);  // columns must not move
    cw_indicator_context* ctx = nullptr;
    cw_indicator_context_create(nullptr, &ctx);
    auto *fast = Column(), *slow = Column(), *upper = Column(), *mid = Column(), *lower = Column();
    auto *rsi = Column(), *macd = Column(), *signal = Column(), *hist = Column();
    Compute(ctx, CW_IND_SMA, {10}, {fast});
    Compute(ctx, CW_IND_SMA, {30}, {slow});
    Compute(ctx, CW_IND_BBANDS, {20, 2, 2}, {upper, mid, lower});
    Compute(ctx, CW_IND_RSI, {14}, {rsi});
    Compute(ctx, CW_IND_MACD, {12, 26, 9}, {macd, signal, hist});
    cw_indicator_context_destroy(ctx);
    const size_t n = s.close.size();
    overlays = {{{fast->data(), n, 0}, 0xFFB300FF, 0}, {{slow->data(), n, 0}, 0x42A5F5FF, 0}};
    band = {{upper->data(), n, 0}, {lower->data(), n, 0}, 0x7E57C240, 0x7E57C2FF, 1};
    rsi_lines = {{{rsi->data(), n, 0}, 0xAB47BCFF, 0}};
    macd_lines = {{{macd->data(), n, 0}, 0x42A5F5FF, 0}, {{signal->data(), n, 0}, 0xFFB300FF, 0}};
    panels[0].weight = 0.22f;
    panels[0].lines = rsi_lines.data();
    panels[0].line_count = 1;
    panels[0].levels = rsi_levels;
    panels[0].level_count = 2;
    panels[0].min = 0;
    panels[0].max = 100;
    panels[0].title = "RSI 14";
    panels[1].weight = 0.22f;
    panels[1].lines = macd_lines.data();
    panels[1].line_count = 2;
    panels[1].histogram = {hist->data(), n, 0};
    panels[1].levels = zero;
    panels[1].level_count = 1;
    panels[1].title = "MACD 12 26 9";
    series = s.View();
    cw_chart_data_init(&data, &series);
    data.title = "MakeSeries(100, 42)  1D";
    data.overlays = overlays.data();
    data.overlay_count = 2;
    data.overlay_names = overlay_names;
    data.bands = &band;
    data.band_count = 1;
    data.band_names = band_names;
    data.panels = panels;
    data.panel_count = 2;
  }
};

void BM_RenderFull(benchmark::State& state) {
  FullChart full;
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.show_axes = 1;
  o.time_zone = "America/New_York";
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  std::vector<uint8_t> frame(kWidth * kHeight * 4);
  size_t bytes = 0;
  for (auto _ : state) {
    cw_status s;
    if (state.range(0) == 0) {
      s = cw_chart_render_frame(chart, &full.data, CW_FORMAT_RGBA8, frame.data(), frame.size(),
                                kWidth * 4);
      benchmark::DoNotOptimize(frame.data());
      benchmark::ClobberMemory();
    } else {
      cw_buffer* png = nullptr;
      s = cw_chart_render(chart, &full.data, CW_FORMAT_PNG, &png);
      bytes = cw_buffer_size(png);
      cw_buffer_destroy(png);
    }
    if (s != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
  }
  if (state.range(0) != 0) state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(state.range(0) == 0 ? "rgba, axes+legend+2 panels"
                                     : "png balanced, axes+legend+2 panels");
  cw_chart_destroy(chart);
}
BENCHMARK(BM_RenderFull)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// 1,000,000 candles into 1920x1080 (aggregated to one candle per pixel
// column): range(1) 0 = RGBA frame only, 1 = render + PNG (balanced). Its
// memory floor is BM_FillOnly1080p.
constexpr uint32_t kWideWidth = 1920, kWideHeight = 1080;

void BM_RenderDense(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), 42);
  const cw_ohlcv v = series.View();
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = kWideWidth;
  o.height = kWideHeight;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  std::vector<uint8_t> frame(kWideWidth * kWideHeight * 4);
  size_t bytes = 0;
  for (auto _ : state) {
    cw_status s;
    if (state.range(1) == 0) {
      s = cw_chart_render_rgba(chart, &v, frame.data(), frame.size(), kWideWidth * 4);
      benchmark::DoNotOptimize(frame.data());
      benchmark::ClobberMemory();
    } else {
      cw_buffer* png = nullptr;
      s = cw_chart_render_png(chart, &v, &png);
      bytes = cw_buffer_size(png);
      cw_buffer_destroy(png);
    }
    if (s != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
  }
  if (state.range(1) != 0) state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetLabel(state.range(1) == 0 ? "rgba 1920x1080" : "png balanced 1920x1080");
  cw_chart_destroy(chart);
}
BENCHMARK(BM_RenderDense)
    ->Args({1000000, 0})
    ->Args({1000000, 1})
    ->Unit(benchmark::kMillisecond);

void BM_FillOnly1080p(benchmark::State& state) {
  std::vector<uint8_t> frame(kWideWidth * kWideHeight * 4);
  uint32_t colour = 0x000000FF;
  for (auto _ : state) {
    candlewick::FillSpan32(frame.data(), kWideWidth * kWideHeight, colour++);
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * frame.size());
  state.SetLabel(candlewick::FillTargetName());
}
BENCHMARK(BM_FillOnly1080p)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
