// Side-by-side benchmark: candlewick against Cairo drawing the SAME chart,
// with the fill-only memory baseline, all in one binary so every ratio comes
// from one run on one machine state.
//
// The Cairo peer reimplements candlewick's default crisp candlestick layout
// (cc/chart/layout_*: price panel 70% / volume 30% with a one-row gap, slots
// of W/(n+1), bodies 80% of a slot, wicks 1/8 of a body, nine horizontal grid
// lines and a vertical one every n/20 candles, one candle per pixel column
// when the data is denser than the plot) on an ARGB32 image surface with
// CAIRO_ANTIALIAS_NONE and whole-pixel rectangles batched per colour and
// layer. At start-up both renderers draw the same series and the pixels are
// compared; the count of differing pixels is in the benchmark context
// ("pixels_differ_<n>"), so the table can say the two drew the same picture.
//
//   bazel run --config=opt //benchmarks/peers:cairo_peer_benchmark
//   ... -- --series_checksum=100      prints the FNV-1a of MakeSeries(100, 42)
//   ... -- --write_png_dir=/tmp/x     also writes both renderings as PNG
//
// Needs libcairo2-dev (a benchmark-only dependency): the target is tagged
// manual, so `bazel build //...` never builds it.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "benchmarks/render_loops.h"
#include "capi/candlewick.h"
#include "cc/canvas/fill.h"
#include "tests/test_support.h"

namespace {

constexpr int kWidth = 800, kHeight = 600;
constexpr uint32_t kSeed = 42;

// ---------------------------------------------------------------------------
// The series and its checksum (shared with benchmarks/peers/matplotlib_candles.py).

// FNV-1a 64 over each row's little-endian bytes: time (int64), then open,
// high, low, close, volume (IEEE doubles).
uint64_t SeriesChecksum(const candlewick_test::Series& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto eat = [&h](const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 0x100000001b3ull;
    }
  };
  for (size_t i = 0; i < s.close.size(); ++i) {
    eat(&s.time[i], 8);
    eat(&s.open[i], 8);
    eat(&s.high[i], 8);
    eat(&s.low[i], 8);
    eat(&s.close[i], 8);
    eat(&s.volume[i], 8);
  }
  return h;
}

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// ---------------------------------------------------------------------------
// The reference layout, reimplemented (the same arithmetic as layout.cc).

int32_t RoundToPixel(double v) { return static_cast<int32_t>(std::floor(v + 0.5)); }

struct YMap {
  int32_t top = 0, bottom = 0;
  double lo = 0, hi = 1;
  int32_t Row(double v) const {
    const double span = hi - lo;
    const int32_t rows = bottom - top - 1;
    if (!(span > 0)) return top + rows / 2;
    return RoundToPixel(top + (hi - v) * rows / span);
  }
};

struct XMap {
  int32_t left = 0;
  double slot = 1;
  int32_t body = 1, wick = 1;
  XMap(int32_t l, int32_t r, size_t slots) : left(l) {
    slot = static_cast<double>(r - l) / static_cast<double>(slots + 1);
    body = std::max<int32_t>(1, static_cast<int32_t>(std::floor(slot * 0.8)));
    wick = std::max<int32_t>(1, body / 8);
  }
  int32_t BodyLeft(size_t i) const {
    return left + RoundToPixel((static_cast<double>(i) + 1.0) * slot - body * 0.5);
  }
  int32_t WickLeft(size_t i) const { return BodyLeft(i) + (body - wick) / 2; }
};

struct Box {
  int32_t x0, y0, x1, y1;
};

// Rectangles per colour and layer, in candlewick's painting order. Objects
// of one layer never overlap across colours, so batching by colour paints
// the same pixels as painting object by object.
struct Scene {
  std::vector<Box> grid, volume_up, volume_down, candle_up, candle_down;
  // Dense data: one aggregated candle per pixel column.
  std::vector<double> open, high, low, close, volume;
  void Clear() {
    grid.clear();
    volume_up.clear();
    volume_down.clear();
    candle_up.clear();
    candle_down.clear();
  }
};

void Add(std::vector<Box>* v, int32_t x0, int32_t y0, int32_t x1, int32_t y1) {
  if (x0 >= x1 || y0 >= y1) return;
  v->push_back({x0, y0, x1, y1});
}

// The candles laid out: the series' own, or one per pixel column.
struct Candles {
  const double *open, *high, *low, *close, *volume;
  size_t n;
};

// Panels: weights 0.7 / 0.3 (floats, as in cw_chart_options), gap 1 row.
void LayoutPanels(int32_t height, YMap* price, YMap* vol) {
  const float price_weight = 0.7f, volume_weight = 0.3f;
  const int32_t gap = 1;
  double total = price_weight;
  total += volume_weight;
  const int32_t usable = std::max<int32_t>(2, height - gap);
  double cursor = 0;
  auto next = [&](double weight, YMap* map) {
    map->top = RoundToPixel(cursor);
    cursor += usable * weight / total;
    map->bottom = std::max(map->top + 1, RoundToPixel(cursor));
    cursor += gap;
  };
  next(price_weight, price);
  next(volume_weight, vol);
  vol->bottom = height;
}

// The price scale: lowest low to highest high, widened when flat.
void SetPriceRange(const Candles& c, YMap* price) {
  double plo = c.low[0], phi = c.high[0];
  for (size_t i = 0; i < c.n; ++i) {
    plo = std::min(plo, c.low[i]);
    phi = std::max(phi, c.high[i]);
  }
  if (!(phi > plo)) {
    const double pad = phi != 0 ? std::fabs(phi) * 0.01 : 1.0;
    plo -= pad;
    phi += pad;
  }
  price->lo = plo;
  price->hi = phi;
}

// More candles than pixel columns: first open, highest high, lowest low,
// last close, summed volume per column, kept in `s`.
Candles Aggregate(const Candles& in, int32_t width, Scene* s) {
  const size_t columns = static_cast<size_t>(std::max(1, width - 1));
  s->open.resize(columns);
  s->high.resize(columns);
  s->low.resize(columns);
  s->close.resize(columns);
  s->volume.resize(columns);
  size_t row = 0;
  for (size_t c = 0; c < columns; ++c) {
    const size_t end = (c + 1) * in.n / columns, begin = row;
    double h = in.high[begin], l = in.low[begin], v = 0;
    for (size_t i = begin; i < end; ++i) {
      h = std::max(h, in.high[i]);
      l = std::min(l, in.low[i]);
      v += in.volume[i];
    }
    s->open[c] = in.open[begin];
    s->close[c] = in.close[end - 1];
    s->high[c] = h;
    s->low[c] = l;
    s->volume[c] = v;
    row = end;
  }
  return {s->open.data(), s->high.data(), s->low.data(), s->close.data(), s->volume.data(),
          columns};
}

// Grid: nine horizontal lines in the price panel, a vertical line every
// n/20 candles through both panels.
void AddGrid(size_t n, const XMap& x, const YMap& price, const YMap& vol, int32_t width,
             Scene* s) {
  const int32_t rows = price.bottom - price.top;
  for (int k = 1; k <= 9; ++k) {
    const int32_t r = price.top + RoundToPixel(rows * k / 10.0);
    Add(&s->grid, 0, r, width, r + 1);
  }
  const size_t step = std::max<size_t>(1, n / 20);
  for (size_t i = 0; i < n; i += step) {
    const int32_t gx = x.WickLeft(i);
    Add(&s->grid, gx, price.top, gx + 1, vol.bottom);
  }
}

// Volume bars, scaled to the largest volume.
void AddVolumes(const Candles& c, const XMap& x, const YMap& vol, Scene* s) {
  double vmax = 0;
  for (size_t i = 0; i < c.n; ++i) vmax = std::max(vmax, c.volume[i]);
  if (!(vmax > 0)) return;
  const int32_t vrows = vol.bottom - vol.top;
  for (size_t i = 0; i < c.n; ++i) {
    const int32_t bar = RoundToPixel(c.volume[i] / vmax * vrows);
    if (bar <= 0) continue;
    const int32_t x0 = x.BodyLeft(i);
    Add(c.close[i] >= c.open[i] ? &s->volume_up : &s->volume_down, x0, vol.bottom - bar,
        x0 + x.body, vol.bottom);
  }
}

// Each candle: its wick, then its body.
void AddCandles(const Candles& c, const XMap& x, const YMap& price, Scene* s) {
  for (size_t i = 0; i < c.n; ++i) {
    std::vector<Box>* dst = c.close[i] >= c.open[i] ? &s->candle_up : &s->candle_down;
    const int32_t x0 = x.BodyLeft(i), wx = x.WickLeft(i);
    const int32_t top = price.Row(std::max(c.open[i], c.close[i]));
    const int32_t bottom = price.Row(std::min(c.open[i], c.close[i])) + 1;
    Add(dst, wx, price.Row(c.high[i]), wx + x.wick, price.Row(c.low[i]) + 1);
    Add(dst, x0, top, x0 + x.body, bottom);
  }
}

void Layout(const candlewick_test::Series& in, int32_t width, int32_t height, Scene* s) {
  s->Clear();
  YMap price, vol;
  LayoutPanels(height, &price, &vol);
  Candles c = {in.open.data(), in.high.data(), in.low.data(), in.close.data(), in.volume.data(),
               in.close.size()};
  SetPriceRange(c, &price);
  if (c.n + 1 > static_cast<size_t>(width)) c = Aggregate(c, width, s);
  const XMap x(0, width, std::max<size_t>(c.n, 1));
  AddGrid(c.n, x, price, vol, width, s);
  AddVolumes(c, x, vol, s);
  AddCandles(c, x, price, s);
}

// ---------------------------------------------------------------------------
// Cairo drawing.

// The classic theme (cc/chart/theme.cc): background, grid, up, down.
constexpr uint32_t kBackground = 0x000000, kGrid = 0x333333, kUp = 0x00FF00, kDown = 0xFF0000;

void SetRgb(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

void FillBoxes(cairo_t* cr, const std::vector<Box>& boxes, uint32_t rgb) {
  if (boxes.empty()) return;
  SetRgb(cr, rgb);
  for (const Box& b : boxes) cairo_rectangle(cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  cairo_fill(cr);
}

// One chart: layout from the series, then paint. The surface is reused, as
// candlewick reuses the caller's frame; the cairo_t is per chart.
bool CairoRender(const candlewick_test::Series& series, cairo_surface_t* surface, Scene* scene) {
  Layout(series, cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface),
         scene);
  cairo_t* cr = cairo_create(surface);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  SetRgb(cr, kBackground);
  cairo_paint(cr);
  FillBoxes(cr, scene->grid, kGrid);
  FillBoxes(cr, scene->volume_up, kUp);
  FillBoxes(cr, scene->volume_down, kDown);
  FillBoxes(cr, scene->candle_up, kUp);
  FillBoxes(cr, scene->candle_down, kDown);
  const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return ok;
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

bool CairoPng(cairo_surface_t* surface, std::vector<uint8_t>* png) {
  png->clear();
  return cairo_surface_write_to_png_stream(surface, AppendBytes, png) == CAIRO_STATUS_SUCCESS;
}

// ---------------------------------------------------------------------------
// candlewick through the C API (default options: the crisp reference chart).

using candlewick_bench::NewChart;

// ---------------------------------------------------------------------------
// Benchmarks. Names: <System>_<Work>/<candles>[/<preset>].

void BM_FillOnly(benchmark::State& state) { candlewick_bench::FillOnly(state); }
BENCHMARK(BM_FillOnly)->Unit(benchmark::kMicrosecond);

void BM_Candlewick_Render(benchmark::State& state) { candlewick_bench::RenderRgba(state, kSeed); }
BENCHMARK(BM_Candlewick_Render)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_Candlewick_RenderPng(benchmark::State& state) {
  candlewick_bench::RenderPng(state, kSeed);
}
BENCHMARK(BM_Candlewick_RenderPng)
    ->Args({100, CW_PNG_FASTEST})
    ->Args({100, CW_PNG_BALANCED})
    ->Args({100, CW_PNG_SMALLEST})
    ->Args({1000, CW_PNG_BALANCED})
    ->Unit(benchmark::kMicrosecond);

// Cairo painting the background only: Cairo's own fill-only floor.
void BM_Cairo_PaintOnly(benchmark::State& state) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  int k = 0;
  for (auto _ : state) {
    cairo_t* cr = cairo_create(surface);
    SetRgb(cr, static_cast<uint32_t>(k++ & 1));
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    benchmark::DoNotOptimize(cairo_image_surface_get_data(surface));
    benchmark::ClobberMemory();
  }
  cairo_surface_destroy(surface);
}
BENCHMARK(BM_Cairo_PaintOnly)->Unit(benchmark::kMicrosecond);

void BM_Cairo_Render(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), kSeed);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  Scene scene;
  for (auto _ : state) {
    if (!CairoRender(series, surface, &scene)) {
      state.SkipWithError("cairo error");
      break;
    }
    benchmark::DoNotOptimize(cairo_image_surface_get_data(surface));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  cairo_surface_destroy(surface);
}
BENCHMARK(BM_Cairo_Render)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_Cairo_RenderPng(benchmark::State& state) {
  const auto series = candlewick_test::MakeSeries(static_cast<size_t>(state.range(0)), kSeed);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  Scene scene;
  std::vector<uint8_t> png;
  png.reserve(1 << 20);
  for (auto _ : state) {
    if (!CairoRender(series, surface, &scene) || !CairoPng(surface, &png)) {
      state.SkipWithError("cairo error");
      break;
    }
    benchmark::DoNotOptimize(png.data());
  }
  state.counters["png_bytes"] = static_cast<double>(png.size());
  cairo_surface_destroy(surface);
}
BENCHMARK(BM_Cairo_RenderPng)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------
// Start-up check: both renderers, same series, same pixels?

bool WriteFile(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

// Returns the number of pixels whose RGB differs, or -1 on error.
long ComparePixels(size_t n, const std::string& png_dir) {
  const auto series = candlewick_test::MakeSeries(n, kSeed);
  const cw_ohlcv v = series.View();
  cw_chart* chart = NewChart(CW_PNG_BALANCED);
  if (chart == nullptr) return -1;
  std::vector<uint8_t> rgba(kWidth * kHeight * 4);
  const bool cw_ok = cw_chart_render_rgba(chart, &v, rgba.data(), rgba.size(), kWidth * 4) == CW_OK;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  Scene scene;
  const bool cairo_ok = CairoRender(series, surface, &scene);
  long differ = -1;
  if (cw_ok && cairo_ok) {
    differ = 0;
    const uint8_t* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < kHeight; ++y) {
      const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
      for (int x = 0; x < kWidth; ++x) {
        const uint32_t argb = row[x];  // premultiplied, opaque here
        const uint8_t* p = &rgba[(static_cast<size_t>(y) * kWidth + x) * 4];
        if (p[0] != ((argb >> 16) & 0xFF) || p[1] != ((argb >> 8) & 0xFF) || p[2] != (argb & 0xFF)) {
          ++differ;
        }
      }
    }
    if (!png_dir.empty()) {
      std::vector<uint8_t> png;
      CairoPng(surface, &png);
      WriteFile(png_dir + "/cairo_" + std::to_string(n) + ".png", png.data(), png.size());
      cw_buffer* buf = nullptr;
      if (cw_chart_render_png(chart, &v, &buf) == CW_OK) {
        WriteFile(png_dir + "/candlewick_" + std::to_string(n) + ".png", cw_buffer_data(buf),
                  cw_buffer_size(buf));
      }
      cw_buffer_destroy(buf);
    }
  }
  cairo_surface_destroy(surface);
  cw_chart_destroy(chart);
  return differ;
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first; the rest goes to Google Benchmark.
  std::string png_dir;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--series_checksum=", 0) == 0) {
      const size_t n = std::strtoul(a.c_str() + 18, nullptr, 10);
      std::printf("%s\n", Hex64(SeriesChecksum(candlewick_test::MakeSeries(n, kSeed))).c_str());
      return 0;
    }
    if (a.rfind("--write_png_dir=", 0) == 0) {
      png_dir = a.substr(16);
      continue;
    }
    rest.push_back(argv[i]);
  }
  int rest_argc = static_cast<int>(rest.size());
  rest.push_back(nullptr);

  benchmark::AddCustomContext("cairo_version", cairo_version_string());
  benchmark::AddCustomContext("candlewick_version", cw_version_string());
  benchmark::AddCustomContext("highway_target", candlewick::FillTargetName());
  bool all_same = true;
  for (size_t n : {size_t{100}, size_t{1000}}) {
    const std::string suffix = std::to_string(n);
    benchmark::AddCustomContext(
        "series_fnv1a_" + suffix, Hex64(SeriesChecksum(candlewick_test::MakeSeries(n, kSeed))));
    const long differ = ComparePixels(n, png_dir);
    benchmark::AddCustomContext("pixels_differ_" + suffix, std::to_string(differ));
    std::fprintf(stderr, "same chart check, %zu candles: %ld of %d pixels differ\n", n, differ,
                 kWidth * kHeight);
    all_same = all_same && differ == 0;
  }
  if (!all_same) std::fprintf(stderr, "WARNING: Cairo and candlewick drew different pixels\n");

  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
