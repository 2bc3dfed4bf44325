// Chart rendering at 800x600 against the memory limit: "FillOnly" writes one
// colour over the whole RGBA frame (what any renderer must at least do), so
// RenderRgba / FillOnly is the overhead of drawing the chart itself.
//   bazel run --config=opt //benchmarks:render_benchmark
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "benchmark/benchmark.h"
#include "benchmarks/render_loops.h"
#include "capi/candlewick.h"
#include "cc/bars/bars.h"
#include "tests/test_support.h"

namespace {

using candlewick_bench::kHeight;
using candlewick_bench::kWidth;

void BM_FillOnly(benchmark::State& state) { candlewick_bench::FillOnly(state); }
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

void BM_RenderRgba(benchmark::State& state) { candlewick_bench::RenderRgba(state, 42); }
BENCHMARK(BM_RenderRgba)->Arg(100)->Arg(1000);

void BM_RenderPng(benchmark::State& state) { candlewick_bench::RenderPng(state, 42); }
BENCHMARK(BM_RenderPng)
    ->ArgsProduct({{100, 1000}, {CW_PNG_FASTEST, CW_PNG_BALANCED, CW_PNG_SMALLEST}})
    ->Unit(benchmark::kMicrosecond);

// Times renders of `data` on `chart` (which it destroys, `width` x `height`):
// an RGBA frame when `png` is false, else render + PNG (balanced).
void TimeRenders(benchmark::State& state, cw_chart* chart, const cw_chart_data& data, bool png,
                 const char* label, uint32_t width = kWidth, uint32_t height = kHeight) {
  std::vector<uint8_t> frame(static_cast<size_t>(width) * height * 4);
  size_t bytes = 0;
  for (auto _ : state) {
    cw_status s;
    if (!png) {
      s = cw_chart_render_frame(chart, &data, CW_FORMAT_RGBA8, frame.data(), frame.size(),
                                width * 4);
      benchmark::DoNotOptimize(frame.data());
      benchmark::ClobberMemory();
    } else {
      cw_buffer* out = nullptr;
      s = cw_chart_render(chart, &data, CW_FORMAT_PNG, &out);
      bytes = cw_buffer_size(out);
      cw_buffer_destroy(out);
    }
    if (s != CW_OK) {
      state.SkipWithError(cw_chart_last_error(chart));
      break;
    }
  }
  if (png) state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(label);
  cw_chart_destroy(chart);
}

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
  TimeRenders(state, chart, data, state.range(1) != 0,
              state.range(1) == 0 ? "rgba" : "png balanced");
}
BENCHMARK(BM_RenderAxes)->Args({100, 0})->Args({100, 1})->Unit(benchmark::kMicrosecond);

// The full chart of issue 13's budget (under 1 ms for render + PNG): 100
// candles at 800x600 with price, volume and time axes in New York time, a
// title, a legend of two named moving averages and a named Bollinger band,
// and two indicator panels (RSI 14 with its levels, MACD 12 26 9 with a
// histogram) with their scales and titles. range(0) 0 = RGBA frame only,
// 1 = render + PNG (balanced). BM_RenderAxes (no legend, no panels, UTC)
// is the same-run baseline.
void BM_RenderFull(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(100, 42);
  candlewick_test::IndicatorExtrasOptions parts;
  parts.sma_periods = {10, 30};
  parts.bollinger = parts.rsi = parts.macd = true;
  const candlewick_test::IndicatorExtras extras(series, parts);
  const cw_ohlcv v = series.View();
  cw_chart_data data;
  cw_chart_data_init(&data, &v);
  data.title = "MakeSeries(100, 42)  1D";
  extras.Apply(&data);
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.show_axes = 1;
  o.time_zone = "America/New_York";
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  TimeRenders(state, chart, data, state.range(0) != 0,
              state.range(0) == 0 ? "rgba, axes+legend+2 panels"
                                  : "png balanced, axes+legend+2 panels");
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
  candlewick_bench::FillOnly(state, kWideWidth, kWideHeight);
}
BENCHMARK(BM_FillOnly1080p)->Unit(benchmark::kMicrosecond);

// Renko and point-and-figure charts with far more boxes than pixel columns
// and lines through them: a line's cost follows the plot's width, not the
// number of boxes (KeepRunExtremes, cc/chart/display_list.h; a 64-px line
// through 100,000 bricks took a second before it). The series: `rows`
// closes swinging 4 boxes of 1 around a slow sine, so renko makes about 3
// bricks a row and point-and-figure (3-box reversal) one column of about 4
// boxes: 33,000 and 24,000 rows come close to CW_MAX_CHART_BOXES.
candlewick_test::Series SwingingCloses(size_t rows) {
  candlewick_test::Series s;
  double prev = 1000;
  for (size_t i = 0; i < rows; ++i) {
    const double base = std::round(1000 + 30 * std::sin(static_cast<double>(i) / 800));
    const double close = base + (i % 2 != 0 ? 4 : 0);
    s.time.push_back(1704153600 + static_cast<int64_t>(i) * 60);
    s.open.push_back(prev);
    s.high.push_back(std::max(prev, close));
    s.low.push_back(std::min(prev, close));
    s.close.push_back(close);
    s.volume.push_back(1000);
    prev = close;
  }
  return s;
}

// The slots (bricks or columns) and boxes the chart draws for `s` with box 1.
void CountBoxes(benchmark::State& state, bool renko, const candlewick_test::Series& s) {
  const candlewick::StridedView<double> close(s.close.data(), s.close.size(), 0);
  const candlewick::AllocatorHooks hooks = candlewick::AllocatorHooks::Default();
  double slots = 0, boxes = 0;
  if (renko) {
    candlewick::HookVector<candlewick::RenkoBrick> bricks{
        candlewick::HookAllocator<candlewick::RenkoBrick>(hooks)};
    candlewick::Renko(close, 1.0, &bricks);
    slots = boxes = static_cast<double>(bricks.size());
  } else {
    candlewick::HookVector<candlewick::PointFigureColumn> columns{
        candlewick::HookAllocator<candlewick::PointFigureColumn>(hooks)};
    candlewick::PointAndFigure(close, 1.0, 3, &columns);
    slots = static_cast<double>(columns.size());
    for (const auto& c : columns) boxes += static_cast<double>(c.high_box - c.low_box + 1);
  }
  state.counters["slots"] = slots;
  state.counters["boxes"] = boxes;
}

// range(0): CW_CHART_RENKO or CW_CHART_POINT_FIGURE; range(1): 0 = no line
// (the same-run baseline), 1 = an SMA(20) overlay 64 px wide (the widest
// cw_line), 2 = a band SMA(20) +- 10 (fill and 1-px edges). RGBA frames at
// 1920x1080.
void BM_RenderBoxesWithLines(benchmark::State& state) {
  const bool renko = state.range(0) == CW_CHART_RENKO;
  const candlewick_test::Series series = SwingingCloses(renko ? 33000 : 24000);
  const std::vector<double> sma = candlewick_test::Sma(series.close, 20);
  std::vector<double> upper(sma), lower(sma);
  for (double& v : upper) v += 10;
  for (double& v : lower) v -= 10;
  const cw_line line = {{sma.data(), sma.size(), 0}, 0x2962FFFF, 64.0f};
  const cw_band band = candlewick_test::TestBand(upper.data(), lower.data(), upper.size());
  const cw_ohlcv v = series.View();
  cw_chart_data data;
  cw_chart_data_init(&data, &v);
  if (state.range(1) == 1) candlewick_test::AttachExtras(&data, &line, 1, nullptr, nullptr, 0);
  if (state.range(1) == 2) candlewick_test::AttachExtras(&data, nullptr, 0, &band, nullptr, 0);
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.type = static_cast<int32_t>(state.range(0));
  o.width = kWideWidth;
  o.height = kWideHeight;
  o.box_size = 1.0;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) {
    state.SkipWithError("cw_chart_create");
    return;
  }
  CountBoxes(state, renko, series);
  static const char* const kLines[] = {"no line", "64-px overlay", "band"};
  TimeRenders(state, chart, data, false, kLines[state.range(1)], kWideWidth, kWideHeight);
}
BENCHMARK(BM_RenderBoxesWithLines)
    ->ArgsProduct({{CW_CHART_RENKO, CW_CHART_POINT_FIGURE}, {0, 1, 2}})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
