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

struct Flags {
  std::string in, out, title, ratio_title, png_title;
  uint32_t width = 1200, height = 720;
};

// False for an unknown flag, a flag without its value, or no --in or --out.
bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (a == "--in") {
      f->in = v;
    } else if (a == "--out") {
      f->out = v;
    } else if (a == "--title") {
      f->title = v;
    } else if (a == "--ratio_title") {
      f->ratio_title = v;
    } else if (a == "--png_title") {
      f->png_title = v;
    } else if (a == "--width") {
      f->width = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
    } else if (a == "--height") {
      f->height = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
    } else {
      return false;
    }
  }
  return !f->in.empty() && !f->out.empty();
}

// One entry per system: its candle (log10 of ms) and its two histogram bars.
struct Results {
  std::vector<double> open, high, low, close, ratio, png_kb;
};

// Adds the system of one results.tsv line. False (with a message) for a
// system without a time.
bool AddSystem(const std::string& line, Results* r) {
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
  const double open = Log10OrNan(o), close = Log10OrNan(c);
  // Keep the OHLC rule (low <= open, close <= high) for rounding noise.
  const double high = std::fmax(Log10OrNan(std::isnan(v[1]) ? std::fmax(o, c) : v[1]),
                                std::fmax(open, close));
  const double low = std::fmin(Log10OrNan(std::isnan(v[2]) ? std::fmin(o, c) : v[2]),
                               std::fmin(open, close));
  if (!std::isfinite(open) || !std::isfinite(high) || !std::isfinite(low) ||
      !std::isfinite(close)) {
    std::fprintf(stderr, "perf_plot: %s has no time\n", name.c_str());
    return false;
  }
  r->open.push_back(open);
  r->high.push_back(high);
  r->low.push_back(low);
  r->close.push_back(close);
  r->ratio.push_back(std::isnan(v[4]) ? NAN : std::log10(v[4]));
  r->png_kb.push_back(v[5]);
  return true;
}

// False (with a message) for a file that cannot be read, a system without
// a time, or no system.
bool ReadResults(const std::string& path, Results* r) {
  std::ifstream f(path);
  if (!f) {
    std::fprintf(stderr, "perf_plot: cannot read %s\n", path.c_str());
    return false;
  }
  std::string line;
  std::getline(f, line);  // header
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    if (!AddSystem(line, r)) return false;
  }
  if (r->open.empty()) {
    std::fprintf(stderr, "perf_plot: no rows in %s\n", path.c_str());
    return false;
  }
  return true;
}

// nullptr (with a message) when the options are refused.
cw_chart* NewChart(const Flags& f) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = f.width;
  o.height = f.height;
  o.theme = CW_THEME_TRADINGVIEW;
  o.show_volume = 0;
  o.show_axes = 1;
  o.antialias = 1;
  o.margin = 6;
  cw_chart* chart = nullptr;
  const cw_status s = cw_chart_create(&o, &chart);
  if (s != CW_OK) {
    std::fprintf(stderr, "perf_plot: %s\n", cw_status_string(s));
    return nullptr;
  }
  return chart;
}

// Head room: the values of a background-coloured (invisible) overlay line
// just above the data, which widens the automatic price scale. (None below:
// it would lie on the time axis line.)
std::vector<double> HeadRoom(const Results& r) {
  double lo = r.low[0], hi = r.high[0];
  for (size_t i = 0; i < r.low.size(); ++i) {
    lo = std::fmin(lo, r.low[i]);
    hi = std::fmax(hi, r.high[i]);
  }
  return std::vector<double>(r.low.size(), hi + 0.06 * std::fmax(hi - lo, 0.1));
}

// A histogram of `values` with a line at `*level`, on a fixed scale from
// zero with room above the tallest bar (or the line) for the title.
void SetHistogramPanel(const std::vector<double>& values, cw_color color, const double* level,
                       const std::string& title, cw_panel* p) {
  double top = *level;
  for (double v : values) {
    if (std::isfinite(v)) top = std::fmax(top, v);
  }
  std::memset(p, 0, sizeof *p);
  p->weight = 0.3f;
  p->histogram = cw_f64_column{values.data(), values.size(), 0};
  p->histogram_up = color;
  p->histogram_down = color;
  p->levels = level;
  p->level_count = 1;
  p->title = title.c_str();
  p->min = 0;
  p->max = top * 1.2;
}

// False when the file cannot be written; a failed close is only reported.
bool WritePng(const std::string& path, const cw_buffer* png) {
  FILE* file = std::fopen(path.c_str(), "wb");
  const bool ok = file != nullptr &&
                  std::fwrite(cw_buffer_data(png), 1, cw_buffer_size(png), file) ==
                      cw_buffer_size(png);
  if (file != nullptr && std::fclose(file) != 0) std::fprintf(stderr, "perf_plot: close failed\n");
  return ok;
}

// Draws the results into the PNG file f.out. Returns the exit status.
int DrawPlot(const Flags& f, const Results& r) {
  cw_chart* chart = NewChart(f);
  if (chart == nullptr) return 1;
  const size_t n = r.open.size();
  const cw_ohlcv series = cw_ohlcv_contiguous(n, nullptr, r.open.data(), r.high.data(),
                                              r.low.data(), r.close.data(), nullptr);
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.title = f.title.c_str();
  const std::vector<double> above = HeadRoom(r);
  const cw_line room = {cw_f64_column{above.data(), n, 0}, 0x131722FF, 1.0f};
  data.overlays = &room;
  data.overlay_count = 1;
  const double ratio_levels[] = {std::log10(2.0)};  // the 2x target
  const double png_levels[] = {8.0};                // the 8 KB target
  cw_panel panels[2];
  SetHistogramPanel(r.ratio, 0x2962FFFF, ratio_levels, f.ratio_title, &panels[0]);
  SetHistogramPanel(r.png_kb, 0xFF9800FF, png_levels, f.png_title, &panels[1]);
  data.panels = panels;
  data.panel_count = 2;

  cw_buffer* png = nullptr;
  const cw_status s = cw_chart_render(chart, &data, CW_FORMAT_PNG, &png);
  if (s != CW_OK) {
    std::fprintf(stderr, "perf_plot: %s: %s\n", cw_status_string(s), cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  const bool ok = WritePng(f.out, png);
  cw_buffer_destroy(png);
  cw_chart_destroy(chart);
  if (!ok) {
    std::fprintf(stderr, "perf_plot: cannot write %s\n", f.out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) return Usage();
  Results results;
  if (!ReadResults(flags.in, &results)) return 1;
  return DrawPlot(flags, results);
}
