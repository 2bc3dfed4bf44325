#include "fuzz/chart_input.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace candlewick_fuzz {
namespace {

constexpr double kMax = std::numeric_limits<double>::max();

// A reproducible pseudo-random stream, so that a few fuzzer bytes can stand
// for a long (dense) series.
struct XorShift {
  uint64_t s;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1p-53; }
};

bool WidthOk(float w) { return w == 0 || (w >= 0.25f && w <= 64); }

// A line width; one out of range makes the input invalid.
float ReadWidth(FuzzInput& in, ChartInput& c) {
  float w = 1;
  switch (in.Byte() % 4) {
    case 0: w = 0; break;
    case 1: w = 0.25f + static_cast<float>(in.Byte()) / 4; break;  // up to 64
    case 2: w = static_cast<float>(in.Number(true)); break;
    default: break;
  }
  c.valid = c.valid && WidthOk(w);
  return w;
}

// The series' rows. Each reader appends its rows to the price and volume
// columns of `c` and returns their count.

// A generated walk (dense when long) at a scale from the extremes menu:
// prices near 1e308, near 1e-320, or ordinary.
size_t ReadWalk(FuzzInput& in, uint8_t mode, size_t max_rows, ChartInput& c) {
  const size_t n = in.Below(static_cast<uint32_t>(max_rows) + 1);
  XorShift rng{in.Raw<uint64_t>() | 1};
  double scale = in.Number(false);
  if (!(std::fabs(scale) > 0)) scale = 1;
  const double offset = mode & 0x40 ? in.Number(false) : 0;
  double level = 100;
  for (size_t i = 0; i < n; ++i) {
    const double o = level;
    level *= 1 + (rng.Unit() - 0.5) * 0.04;
    const double cl = level;
    const double h = std::max(o, cl) * (1 + rng.Unit() * 0.01);
    const double l = std::min(o, cl) * (1 - rng.Unit() * 0.01);
    // The scaled values keep their order when they stay finite.
    auto at = [&](double v) { return std::clamp(offset + v / 100 * scale, -kMax, kMax); };
    double so = at(o), sc = at(cl), sh = at(h), sl = at(l);
    if (sl > sh) std::swap(sl, sh);
    so = std::clamp(so, sl, sh);
    sc = std::clamp(sc, sl, sh);
    c.open.push_back(so);
    c.high.push_back(sh);
    c.low.push_back(sl);
    c.close.push_back(sc);
    c.volume.push_back(std::floor(rng.Unit() * 1e6));
  }
  return n;
}

// Each price from the menu (finite), sorted into a consistent bar.
size_t ReadSortedRows(FuzzInput& in, ChartInput& c) {
  const size_t n = in.Below(65);
  for (size_t i = 0; i < n; ++i) {
    double v[4] = {in.Number(false), in.Number(false), in.Number(false), in.Number(false)};
    std::sort(v, v + 4);
    const bool swap = in.Bool();
    c.low.push_back(v[0]);
    c.open.push_back(swap ? v[2] : v[1]);
    c.close.push_back(swap ? v[1] : v[2]);
    c.high.push_back(v[3]);
    c.volume.push_back(std::fabs(in.Number(false)));
  }
  return n;
}

// Anything: NaN, infinities, high below low, negative volume.
size_t ReadAnyRows(FuzzInput& in, ChartInput& c) {
  const size_t n = in.Below(65);
  for (size_t i = 0; i < n; ++i) {
    c.open.push_back(in.Number(true));
    c.high.push_back(in.Number(true));
    c.low.push_back(in.Number(true));
    c.close.push_back(in.Number(true));
    c.volume.push_back(in.Number(true));
  }
  return n;
}

size_t ReadRows(FuzzInput& in, size_t max_rows, ChartInput& c) {
  const uint8_t mode = in.Byte();
  switch (mode % 4) {
    case 0:
    case 1: return ReadWalk(in, mode, max_rows, c);
    case 2: return ReadSortedRows(in, c);
    default: return ReadAnyRows(in, c);
  }
}

// Time: none, increasing, or anything within +-2^62 (wider spans overflow
// the time axis's subtraction, issue 8 item 5, which the time-axis rewrite
// owns; widen this once it lands).
void ReadTimes(FuzzInput& in, size_t n, std::vector<int64_t>& time) {
  const uint8_t time_mode = in.Byte() % 3;
  if (time_mode == 0) return;
  int64_t t = in.Range(-(int64_t{1} << 40), int64_t{1} << 40);
  const int64_t step = in.Range(1, 1 << 20);
  for (size_t i = 0; i < n; ++i) {
    time.push_back(time_mode == 1 ? t : in.Range(-(int64_t{1} << 62), int64_t{1} << 62));
    t += step;
  }
}

// Consistent finite prices, and volumes >= 0 when they are drawn.
bool RowsValid(const ChartInput& c, bool with_volume) {
  bool valid = true;
  for (size_t i = 0; i < c.close.size(); ++i) {
    valid = valid && std::isfinite(c.open[i]) && std::isfinite(c.high[i]) &&
            std::isfinite(c.low[i]) && std::isfinite(c.close[i]) && c.low[i] <= c.open[i] &&
            c.open[i] <= c.high[i] && c.low[i] <= c.close[i] && c.close[i] <= c.high[i];
    if (with_volume) valid = valid && std::isfinite(c.volume[i]) && c.volume[i] >= 0;
  }
  return valid;
}

// The extras. A column of the series' length (sometimes not), values near
// the closes with NaN gaps, or from the menu (infinities make it invalid),
// kept in `c.values`; the view points into its inner vector, whose buffer
// stays put when `c.values` grows.
cw_f64_column ReadColumn(FuzzInput& in, ChartInput& c) {
  const size_t n = c.close.size();
  std::vector<double> v;
  size_t len = n;
  if (in.Byte() % 16 == 0) {
    len = n + 1;
    c.valid = false;
  }
  const uint8_t kind = in.Byte() % 3;
  for (size_t i = 0; i < len; ++i) {
    double x;
    if (kind == 0) {
      x = i < n ? c.close[i] : 1;
      if ((i * 7 + kind) % 13 == 0) x = NAN;
    } else if (kind == 1) {
      x = in.Number(true);
      if (std::isinf(x)) c.valid = false;
    } else {
      x = i % 5 == 0 ? NAN : static_cast<double>(i);
    }
    v.push_back(x);
  }
  c.values.push_back(std::move(v));
  const std::vector<double>& back = c.values.back();
  return {back.empty() ? nullptr : back.data(), back.size(), 0};
}

cw_line ReadLine(FuzzInput& in, ChartInput& c) {
  cw_line l;
  l.values = ReadColumn(in, c);
  l.color = in.Raw<uint32_t>();
  l.width = ReadWidth(in, c);
  return l;
}

cw_band ReadBand(FuzzInput& in, ChartInput& c) {
  cw_band b;
  b.upper = ReadColumn(in, c);
  b.lower = ReadColumn(in, c);
  b.fill = in.Raw<uint32_t>();
  b.line = in.Raw<uint32_t>();
  b.width = ReadWidth(in, c);
  return b;
}

// One panel; its lines, levels and title are kept in `c`, whose vectors
// were reserved for every panel, so the pointers into them stay valid.
cw_panel ReadPanel(FuzzInput& in, ChartInput& c) {
  cw_panel p;
  std::memset(&p, 0, sizeof p);
  p.weight = in.Bool() ? 0.05f + static_cast<float>(in.Byte()) / 100
                       : static_cast<float>(in.Number(true));
  c.valid = c.valid && std::isfinite(p.weight) && p.weight > 0;
  const size_t line_count = in.Below(3);
  const size_t first = c.panel_lines.size();
  for (size_t k = 0; k < line_count; ++k) c.panel_lines.push_back(ReadLine(in, c));
  p.lines = line_count ? &c.panel_lines[first] : nullptr;
  p.line_count = line_count;
  if (in.Bool()) p.histogram = ReadColumn(in, c);
  p.histogram_up = in.Raw<uint32_t>();
  p.histogram_down = in.Raw<uint32_t>();
  std::vector<double> lv;
  for (size_t k = in.Below(4); k > 0; --k) {
    lv.push_back(in.Number(true));
    c.valid = c.valid && std::isfinite(lv.back());
  }
  c.levels.push_back(std::move(lv));
  p.levels = c.levels.back().empty() ? nullptr : c.levels.back().data();
  p.level_count = c.levels.back().size();
  if (in.Bool()) {
    p.min = in.Number(true);
    p.max = in.Number(true);
    c.valid = c.valid && std::isfinite(p.min) && std::isfinite(p.max);
  }
  c.titles.push_back(in.String(24));
  p.title = in.Bool() ? c.titles.back().c_str() : nullptr;
  return p;
}

void ReadPanels(FuzzInput& in, ChartInput& c) {
  size_t panel_count = in.Below(4);
  if (in.Byte() == 0xFF) panel_count = CW_MAX_PANELS + 1;
  if (panel_count > CW_MAX_PANELS) c.valid = false;
  c.panel_lines.reserve(panel_count * 2);
  c.levels.reserve(panel_count);
  c.titles.reserve(panel_count);
  for (size_t i = 0; i < panel_count; ++i) c.panels.push_back(ReadPanel(in, c));
}

}  // namespace

void ChartInput::Read(FuzzInput& in, size_t max_rows) {
  const size_t n = ReadRows(in, max_rows, *this);
  ReadTimes(in, n, time);
  const bool with_volume = in.Bool();
  valid = valid && RowsValid(*this, with_volume) && n > 0;

  const size_t overlay_count = in.Below(3), band_count = in.Below(2);
  for (size_t i = 0; i < overlay_count; ++i) overlays.push_back(ReadLine(in, *this));
  for (size_t i = 0; i < band_count; ++i) bands.push_back(ReadBand(in, *this));
  ReadPanels(in, *this);
  title = in.String(40);

  series = cw_ohlcv_contiguous(n, time.empty() ? nullptr : time.data(), open.data(), high.data(),
                               low.data(), close.data(), with_volume ? volume.data() : nullptr);
  if (n == 0) series = cw_ohlcv_contiguous(0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
  cw_chart_data_init(&data, &series);
  data.overlays = overlays.empty() ? nullptr : overlays.data();
  data.overlay_count = overlays.size();
  data.bands = bands.empty() ? nullptr : bands.data();
  data.band_count = bands.size();
  data.panels = panels.empty() ? nullptr : panels.data();
  data.panel_count = panels.size();
  data.title = in.Bool() ? title.c_str() : nullptr;
}

cw_chart_options ReadOptions(FuzzInput& in, bool raw) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  if (raw) {
    // Every field any value; what create accepts is rendered.
    o.width = in.Bool() ? in.Raw<uint32_t>() : 16 + in.Below(300);
    o.height = in.Bool() ? in.Raw<uint32_t>() : 16 + in.Below(300);
    o.type = in.Raw<int32_t>();
    o.theme = in.Raw<int32_t>();
    o.show_volume = in.Raw<int32_t>();
    o.show_grid = in.Raw<int32_t>();
    o.show_axes = in.Raw<int32_t>();
    o.antialias = in.Raw<int32_t>();
    o.use_custom_colors = in.Raw<int32_t>();
    o.background = in.Raw<uint32_t>();
    o.up = in.Raw<uint32_t>();
    o.down = in.Raw<uint32_t>();
    o.grid = in.Raw<uint32_t>();
    o.text = in.Raw<uint32_t>();
    o.axis = in.Raw<uint32_t>();
    o.png_preset = in.Raw<int32_t>();
    o.price_weight = static_cast<float>(in.Number(true));
    o.volume_weight = static_cast<float>(in.Number(true));
    o.panel_gap = in.Raw<int32_t>();
    o.margin = in.Raw<int32_t>();
    o.line_width = static_cast<float>(in.Number(true));
    o.box_size = in.Number(true);
    o.reversal = in.Raw<int32_t>();
    o.label_size = in.Raw<int32_t>();
    // Large frames are slow to fuzz: keep the area moderate.
    if (static_cast<uint64_t>(o.width) * o.height > 600u * 600u && o.width <= CW_MAX_DIMENSION &&
        o.height <= CW_MAX_DIMENSION) {
      o.height = 16;
    }
    return o;
  }
  o.width = 16 + in.Below(400);
  o.height = 16 + in.Below(300);
  o.type = static_cast<int32_t>(in.Below(8));
  o.theme = static_cast<int32_t>(in.Below(4));
  o.show_volume = in.Bool();
  o.show_grid = in.Bool();
  o.show_axes = in.Bool();
  o.antialias = in.Bool();
  o.png_preset = static_cast<int32_t>(in.Below(3));
  o.price_weight = 0.05f + static_cast<float>(in.Byte()) / 64;
  o.volume_weight = 0.05f + static_cast<float>(in.Byte()) / 64;
  o.panel_gap = static_cast<int32_t>(in.Below(5));
  o.margin = static_cast<int32_t>(in.Below((std::min(o.width, o.height) - 1) / 4 + 1));
  o.line_width = 0.25f + static_cast<float>(in.Byte()) / 4;
  o.box_size = in.Bool() ? 0 : std::fabs(in.Number(false));
  o.reversal = 1 + static_cast<int32_t>(in.Below(100));
  o.label_size = 6 + static_cast<int32_t>(in.Below(40));
  return o;
}

cw_status RenderAndCheck(const cw_chart_options& options, ChartInput& c, int32_t format,
                         bool must_succeed) {
  cw_chart* chart = reinterpret_cast<cw_chart*>(0x1);
  cw_status st = cw_chart_create(&options, &chart);
  if (st != CW_OK) {
    FUZZ_CHECK(chart == nullptr, "create failed but left a handle");
    FUZZ_CHECK(!must_succeed, "create refused valid options");
    FUZZ_CHECK(st != CW_ERR_INTERNAL, "create");
    return st;
  }
  cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
  st = cw_chart_render(chart, &c.data, format, &out);
  const char* error = cw_chart_last_error(chart);
  FUZZ_CHECK(error != nullptr, "");
  FUZZ_CHECK(st != CW_ERR_INTERNAL, error);
  if (st == CW_OK) {
    FUZZ_CHECK(out != nullptr && cw_buffer_size(out) > 0, "CW_OK without output");
    const size_t bpp = cw_format_bytes_per_pixel(format);
    if (bpp != 0) {
      FUZZ_CHECK(cw_buffer_size(out) == static_cast<size_t>(options.width) * options.height * bpp,
                 "raw frame size");
      // The caller-owned path draws the same bytes, into a padded frame.
      const size_t stride = options.width * bpp + 3;
      std::vector<uint8_t> frame(stride * options.height, 0xA5);
      const cw_status st2 = cw_chart_render_frame(chart, &c.data, format, frame.data(),
                                                  frame.size(), stride);
      FUZZ_CHECK(st2 == CW_OK || st2 == CW_ERR_OUT_OF_MEMORY, cw_chart_last_error(chart));
      if (st2 == CW_OK) {
        const uint8_t* lib = cw_buffer_data(out);
        for (uint32_t y = 0; y < options.height; ++y) {
          FUZZ_CHECK(std::memcmp(&frame[y * stride], lib + y * options.width * bpp,
                                 options.width * bpp) == 0,
                     "render_frame and render differ");
          FUZZ_CHECK(frame[y * stride + options.width * bpp] == 0xA5, "padding written");
        }
      }
    } else if (format == CW_FORMAT_PNG) {
      FUZZ_CHECK(std::memcmp(cw_buffer_data(out), "\x89PNG", 4) == 0, "not a PNG");
    } else if (format == CW_FORMAT_SVG) {
      FUZZ_CHECK(std::memcmp(cw_buffer_data(out), "<svg", 4) == 0 ||
                     std::memcmp(cw_buffer_data(out), "<?xml", 5) == 0,
                 "not an SVG");
    }
  } else {
    FUZZ_CHECK(out == nullptr, "an error left an output buffer");
    FUZZ_CHECK(error[0] != '\0', "an error without a message");
    // Valid input fails only for a renko/P&F box beyond the chart's bounds
    // (or, with failing allocators, for memory).
    const bool box = (options.type == CW_CHART_RENKO || options.type == CW_CHART_POINT_FIGURE) &&
                     st == CW_ERR_INVALID_ARGUMENT && std::strstr(error, "box") != nullptr;
    FUZZ_CHECK(!must_succeed || box || st == CW_ERR_OUT_OF_MEMORY, error);
  }
  cw_buffer_destroy(out);
  cw_chart_destroy(chart);
  return st;
}

}  // namespace candlewick_fuzz
