// Renders the gallery: every chart type in every theme from the bundled
// sample, plus showcases of overlays, panels, antialiasing and dense data,
// into docs/gallery/ with an index page.
//   bazel run //tools/gallery            (writes into the source tree)
//   bazel run //tools/gallery -- DIR     (writes into DIR)
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/files.h"
#include "tools/cli/ohlcv_csv.h"

namespace {

using candlewick::OhlcvTable;
using candlewick::cli::ChartExtras;
using candlewick::cli::WriteWholeFile;

struct Entry {
  std::string file, caption;
};

// Renders one chart; false (with a message) on any error.
bool Render(const std::string& dir, const std::string& file, const cw_chart_options& options,
            const OhlcvTable& t, const std::vector<std::string>& overlays,
            const std::vector<std::string>& panels, const char* title, int32_t format,
            std::vector<Entry>* index, const std::string& caption) {
  ChartExtras extras;
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) return false;
  absl::Status st;
  for (const auto& s : overlays) if (st.ok()) st = extras.AddOverlay(context, s, t);
  for (const auto& s : panels) if (st.ok()) st = extras.AddPanel(context, s, t);
  cw_indicator_context_destroy(context);
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", file.c_str(), std::string(st.message()).c_str());
    return false;
  }
  cw_chart* chart = nullptr;
  if (cw_chart_create(&options, &chart) != CW_OK) return false;
  const cw_ohlcv series = cw_ohlcv_contiguous(t.rows(), t.time.data(), t.open.data(),
                                              t.high.data(), t.low.data(), t.close.data(),
                                              t.volume.data());
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.title = title;
  extras.Apply(&data);
  cw_buffer* out = nullptr;
  const cw_status status = cw_chart_render(chart, &data, format, &out);
  if (status != CW_OK) {
    std::fprintf(stderr, "%s: %s: %s\n", file.c_str(), cw_status_string(status),
                 cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return false;
  }
  cw_chart_destroy(chart);
  const bool ok = WriteWholeFile(dir + "/" + file, cw_buffer_data(out), cw_buffer_size(out));
  cw_buffer_destroy(out);
  if (ok) index->push_back({file, caption});
  return ok;
}

// A gallery chart's options: `width` x `height` pixels in `theme`, with axes,
// antialiased; the rest the library's defaults.
cw_chart_options Options(uint32_t width, uint32_t height, int32_t theme) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = width;
  o.height = height;
  o.theme = theme;
  o.show_axes = 1;
  o.antialias = 1;
  return o;
}

// A long synthetic minute series for the dense-data showcase.
OhlcvTable DenseSeries(size_t n) {
  OhlcvTable t;
  uint64_t state = 88172645463325252ull;
  double price = 100;
  for (size_t i = 0; i < n; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const double step = (static_cast<double>(state % 2001) - 1000.0) / 1000.0 * 0.05;
    const double open = price, close = price + step;
    t.time.push_back(1704153600 + static_cast<int64_t>(i) * 60);
    t.open.push_back(open);
    t.close.push_back(close);
    t.high.push_back(std::max(open, close) + 0.02);
    t.low.push_back(std::min(open, close) - 0.02);
    t.volume.push_back(static_cast<double>(100 + state % 900));
    price = close;
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else if (const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    dir = std::string(ws) + "/docs/gallery";
  } else {
    std::fprintf(stderr, "usage: gallery DIR  (or bazel run //tools/gallery)\n");
    return 2;
  }
  auto table = candlewick::ParseOhlcvCsv(candlewick::BundledSampleCsv(), "bundled sample");
  if (!table.ok()) return 1;
  std::vector<Entry> index;
  bool ok = true;
  // Every chart type in every theme, named by the C API's name tables.
  for (int32_t type = 0; cw_chart_type_name(type) != nullptr; ++type) {
    for (int32_t theme = 0; cw_theme_name(theme) != nullptr; ++theme) {
      cw_chart_options o = Options(640, 400, theme);
      o.type = type;
      const std::string type_name = cw_chart_type_name(type), theme_name = cw_theme_name(theme);
      ok &= Render(dir, type_name + "_" + theme_name + ".png", o, *table, {}, {}, nullptr,
                   CW_FORMAT_PNG, &index, type_name + ", " + theme_name);
    }
  }
  const cw_chart_options o = Options(1000, 700, CW_THEME_TRADINGVIEW);
  ok &= Render(dir, "indicators_tradingview.png", o, *table, {"bbands:20,2,2", "ema:10"},
               {"rsi:14", "macd:12,26,9"}, "SAMPLE  1D",
               CW_FORMAT_PNG, &index, "overlays and panels, antialiased");
  ok &= Render(dir, "indicators_tradingview.svg", o, *table, {"bbands:20,2,2", "ema:10"},
               {"rsi:14", "macd:12,26,9"}, "SAMPLE  1D  (SVG)", CW_FORMAT_SVG, &index,
               "the same chart as SVG");
  cw_chart_options crisp = Options(400, 300, CW_THEME_CLASSIC);
  crisp.show_axes = 0;
  crisp.antialias = 0;
  ok &= Render(dir, "crisp_ml_classic.png", crisp, *table, {}, {}, nullptr, CW_FORMAT_PNG,
               &index, "crisp mode for machine learning: exact colours, no axes");
  const OhlcvTable dense = DenseSeries(200000);
  ok &= Render(dir, "dense_200k_light.png", Options(960, 540, CW_THEME_LIGHT), dense, {}, {},
               "200,000 one-minute bars", CW_FORMAT_PNG, &index,
               "dense data: one column per pixel (min/max/first/last)");

  std::string md =
      "# Gallery\n\nRendered by `bazel run //tools/gallery` from the bundled sample "
      "(`data/sample.csv`). Every chart type in every theme, antialiased, with axes; then "
      "showcases.\n\n";
  for (const Entry& e : index) md += "### " + e.caption + "\n\n![" + e.caption + "](" + e.file + ")\n\n";
  ok &= WriteWholeFile(dir + "/README.md", md.data(), md.size());
  std::printf("%s %zu images in %s\n", ok ? "wrote" : "FAILED after", index.size(), dir.c_str());
  return ok ? 0 : 1;
}
