// Draws the side-by-side benchmark results as a candlewick chart (the plot in
// docs/performance.md), through the public C API only.
//
// One candle per measured system, left to right in the order of the input:
//   open  = log10(ms per chart, render only)
//   close = log10(ms per chart, render + PNG)    (a rising candle: PNG cost)
//   low / high = log10 of the fastest / slowest repetition of either
// A system measured in one mode only is a doji at that value. Under the
// candles, two panels with histograms: log10(render-only / fill-only) with a
// reference line at log10(2) (the 2x target), and the PNG size in KB with a
// line at the 8 KB target. Empty cells ("nan") leave a bar out.
//
//   perf_plot --in results.tsv --out performance.png --title "..."
//             --ratio_title "..." --png_title "..."
// results.tsv: a header line, then per system the tab-separated fields
//   name  open_ms  high_ms  low_ms  close_ms  ratio_to_fill  png_kb
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "capi/candlewick.h"

namespace {

double Log10OrNan(double ms) { return ms > 0 ? std::log10(ms) : NAN; }

int Usage() {
  std::fprintf(stderr,
               "usage: perf_plot --in results.tsv --out chart.png [--title T] "
               "[--ratio_title T] [--png_title T] [--width W] [--height H]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string in, out, title, ratio_title, png_title;
  uint32_t width = 1200, height = 720;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    const std::string v = argv[++i];
    if (a == "--in") {
      in = v;
    } else if (a == "--out") {
      out = v;
    } else if (a == "--title") {
      title = v;
    } else if (a == "--ratio_title") {
      ratio_title = v;
    } else if (a == "--png_title") {
      png_title = v;
    } else if (a == "--width") {
      width = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
    } else if (a == "--height") {
      height = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
    } else {
      return Usage();
    }
  }
  if (in.empty() || out.empty()) return Usage();

  std::ifstream f(in);
  if (!f) {
    std::fprintf(stderr, "perf_plot: cannot read %s\n", in.c_str());
    return 1;
  }
  std::vector<double> open, high, low, close, ratio, png_kb;
  std::string line;
  std::getline(f, line);  // header
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    std::istringstream row(line);
    std::string name, cells[6];
    std::getline(row, name, '\t');
    double v[6];
    for (int k = 0; k < 6; ++k) {
      std::getline(row, cells[k], '\t');
      v[k] = std::strtod(cells[k].c_str(), nullptr);  // "nan" parses to NaN
    }
    // Times: a system measured in one mode only is a doji at that value.
    const double o = std::isnan(v[0]) ? v[3] : v[0];
    const double c = std::isnan(v[3]) ? v[0] : v[3];
    open.push_back(Log10OrNan(o));
    close.push_back(Log10OrNan(c));
    high.push_back(Log10OrNan(std::isnan(v[1]) ? std::fmax(o, c) : v[1]));
    low.push_back(Log10OrNan(std::isnan(v[2]) ? std::fmin(o, c) : v[2]));
    ratio.push_back(std::isnan(v[4]) ? NAN : std::log10(v[4]));
    png_kb.push_back(v[5]);
    // Keep the OHLC rule (low <= open, close <= high) for rounding noise.
    const size_t i = open.size() - 1;
    high[i] = std::fmax(high[i], std::fmax(open[i], close[i]));
    low[i] = std::fmin(low[i], std::fmin(open[i], close[i]));
    if (!std::isfinite(open[i]) || !std::isfinite(high[i]) || !std::isfinite(low[i]) ||
        !std::isfinite(close[i])) {
      std::fprintf(stderr, "perf_plot: %s has no time\n", name.c_str());
      return 1;
    }
  }
  if (open.empty()) {
    std::fprintf(stderr, "perf_plot: no rows in %s\n", in.c_str());
    return 1;
  }

  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = width;
  o.height = height;
  o.theme = CW_THEME_TRADINGVIEW;
  o.show_volume = 0;
  o.show_axes = 1;
  o.antialias = 1;
  o.margin = 6;
  cw_chart* chart = nullptr;
  cw_status s = cw_chart_create(&o, &chart);
  if (s != CW_OK) {
    std::fprintf(stderr, "perf_plot: %s\n", cw_status_string(s));
    return 1;
  }

  const size_t n = open.size();
  const cw_ohlcv series = cw_ohlcv_contiguous(n, nullptr, open.data(), high.data(), low.data(),
                                              close.data(), nullptr);
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.title = title.c_str();

  // Head room: a background-coloured (invisible) overlay line just above the
  // data widens the automatic price scale. (None below: it would lie on the
  // time axis line.)
  double lo = low[0], hi = high[0];
  for (size_t i = 0; i < n; ++i) {
    lo = std::fmin(lo, low[i]);
    hi = std::fmax(hi, high[i]);
  }
  const std::vector<double> above(n, hi + 0.06 * std::fmax(hi - lo, 0.1));
  const cw_line room = {cw_f64_column{above.data(), n, 0}, 0x131722FF, 1.0f};
  data.overlays = &room;
  data.overlay_count = 1;

  const double ratio_levels[] = {std::log10(2.0)};
  const double png_levels[] = {8.0};
  cw_panel panels[2];
  std::memset(panels, 0, sizeof panels);
  panels[0].weight = 0.3f;
  panels[0].histogram = cw_f64_column{ratio.data(), n, 0};
  panels[0].histogram_up = 0x2962FFFF;
  panels[0].histogram_down = 0x2962FFFF;
  panels[0].levels = ratio_levels;
  panels[0].level_count = 1;
  panels[0].title = ratio_title.c_str();
  panels[1].weight = 0.3f;
  panels[1].histogram = cw_f64_column{png_kb.data(), n, 0};
  panels[1].histogram_up = 0xFF9800FF;
  panels[1].histogram_down = 0xFF9800FF;
  panels[1].levels = png_levels;
  panels[1].level_count = 1;
  panels[1].title = png_title.c_str();
  // Fixed scales from zero with room above the tallest bar for the title.
  double ratio_max = std::log10(2.0), png_max = 8.0;
  for (size_t i = 0; i < n; ++i) {
    if (std::isfinite(ratio[i])) ratio_max = std::fmax(ratio_max, ratio[i]);
    if (std::isfinite(png_kb[i])) png_max = std::fmax(png_max, png_kb[i]);
  }
  panels[0].min = 0;
  panels[0].max = ratio_max * 1.2;
  panels[1].min = 0;
  panels[1].max = png_max * 1.2;
  data.panels = panels;
  data.panel_count = 2;

  cw_buffer* png = nullptr;
  s = cw_chart_render(chart, &data, CW_FORMAT_PNG, &png);
  if (s != CW_OK) {
    std::fprintf(stderr, "perf_plot: %s: %s\n", cw_status_string(s), cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  FILE* file = std::fopen(out.c_str(), "wb");
  const bool ok = file != nullptr &&
                  std::fwrite(cw_buffer_data(png), 1, cw_buffer_size(png), file) ==
                      cw_buffer_size(png);
  if (file != nullptr && std::fclose(file) != 0) std::fprintf(stderr, "perf_plot: close failed\n");
  cw_buffer_destroy(png);
  cw_chart_destroy(chart);
  if (!ok) {
    std::fprintf(stderr, "perf_plot: cannot write %s\n", out.c_str());
    return 1;
  }
  return 0;
}
