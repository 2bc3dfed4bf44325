// Text on a chart: about 20 axis labels ("1234.56", "2024-03-15") at 11 px
// onto an 800x600 frame with a warm glyph cache, the work the axes add to
// every render. Reported per label (per_label, an inverted rate: time per
// label). Also the one-off cost of creating a font and warming its cache.
//   bazel run --config=opt //benchmarks:text_benchmark
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "cc/base/allocator.h"
#include "cc/canvas/frame.h"
#include "cc/text/font.h"

namespace {

using candlewick::Font;
using candlewick::FontPtr;
using candlewick::Frame;
using candlewick::TextMode;

constexpr int32_t kWidth = 800, kHeight = 600, kPixelSize = 11;

struct Label {
  std::string text;
  int32_t x, baseline;
};

// Ten price labels down the right axis, ten dates along the bottom.
std::vector<Label> AxisLabels() {
  std::vector<Label> labels;
  for (int i = 0; i < 10; ++i) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.2f", 1234.56 + 7.25 * i);
    labels.push_back({text, kWidth - 52, 20 + 55 * i});
  }
  for (int i = 0; i < 10; ++i) {
    char text[32];
    std::snprintf(text, sizeof(text), "2024-%02d-%02d", 1 + i, 15 + i);
    labels.push_back({text, 10 + 75 * i, kHeight - 4});
  }
  return labels;
}

FontPtr NewFont() {
  auto font = Font::CreateDefault(candlewick::AllocatorHooks::Default());
  return font.ok() ? std::move(*font) : nullptr;
}

void DrawLabels(benchmark::State& state, int bytes_per_pixel, TextMode mode) {
  const std::vector<Label> labels = AxisLabels();
  std::vector<uint8_t> pixels(static_cast<size_t>(kWidth) * kHeight * bytes_per_pixel);
  Frame frame;
  frame.pixels = pixels.data();
  frame.width = kWidth;
  frame.height = kHeight;
  frame.stride = static_cast<size_t>(kWidth) * bytes_per_pixel;
  frame.bytes_per_pixel = bytes_per_pixel;
  const uint32_t background = bytes_per_pixel == 4 ? 0xFF221713u : 0;
  const uint32_t ink = bytes_per_pixel == 4 ? 0xFFD0E6F2u : 1;
  candlewick::FillRect(frame, 0, 0, kWidth, kHeight, background);
  FontPtr font = NewFont();
  if (font == nullptr) {
    state.SkipWithError("font creation failed");
    return;
  }
  // Warm the cache: the benchmark measures steady-state renders.
  for (const Label& l : labels) {
    (void)font->DrawText(frame, l.text, l.x, l.baseline, kPixelSize, ink, mode);
  }
  const uint64_t warm = font->rasterizations();
  for (auto _ : state) {
    for (const Label& l : labels) {
      benchmark::DoNotOptimize(font->DrawText(frame, l.text, l.x, l.baseline, kPixelSize, ink, mode));
    }
    benchmark::ClobberMemory();
  }
  if (font->rasterizations() != warm) state.SkipWithError("the warm cache rasterised again");
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(labels.size()));
  state.counters["per_label"] =
      benchmark::Counter(static_cast<double>(state.iterations() * labels.size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_AxisLabelsRgbaAntialiased(benchmark::State& state) {
  DrawLabels(state, 4, TextMode::kAntialiased);
}
BENCHMARK(BM_AxisLabelsRgbaAntialiased);

void BM_AxisLabelsRgbaMono(benchmark::State& state) { DrawLabels(state, 4, TextMode::kMono); }
BENCHMARK(BM_AxisLabelsRgbaMono);

void BM_AxisLabelsPaletteMono(benchmark::State& state) { DrawLabels(state, 1, TextMode::kMono); }
BENCHMARK(BM_AxisLabelsPaletteMono);

// Layout needs widths (right-aligned prices): measuring with a warm cache.
void BM_MeasureLabels(benchmark::State& state) {
  const std::vector<Label> labels = AxisLabels();
  FontPtr font = NewFont();
  if (font == nullptr || !font->Prewarm(kPixelSize, TextMode::kAntialiased).ok()) {
    state.SkipWithError("font creation failed");
    return;
  }
  for (auto _ : state) {
    for (const Label& l : labels) {
      benchmark::DoNotOptimize(font->Measure(l.text, kPixelSize, TextMode::kAntialiased));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(labels.size()));
  state.counters["per_label"] =
      benchmark::Counter(static_cast<double>(state.iterations() * labels.size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MeasureLabels);

// The one-off cost per font (per chart handle): FreeType set-up over the
// embedded bytes and rasterising printable ASCII at one size.
void BM_CreateFontAndPrewarm(benchmark::State& state) {
  for (auto _ : state) {
    FontPtr font = NewFont();
    if (font == nullptr || !font->Prewarm(kPixelSize, TextMode::kAntialiased).ok()) {
      state.SkipWithError("font creation failed");
      break;
    }
    benchmark::DoNotOptimize(font.get());
  }
}
BENCHMARK(BM_CreateFontAndPrewarm)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
