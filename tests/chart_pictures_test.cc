// What a trader sees on unusual but legitimate data, read back from the
// SVG output (every label a <text>, every rectangle a <rect> in a group of
// its colour): penny-coin renko and point-and-figure scales whose labels
// read differently, time grid lines on the ticks' candles (not on the left
// edge of a wide wick), a legend that stays clear of a price range of a
// few ulps and inside the plot, hollow candles' volume bars and marker in
// the candles' colours, fixed-scale panels whose values overshoot kept in
// their rows (in SVG by one clip path per panel), a volume scale in one
// notation up to 1e15.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartOptions;
using candlewick_test::MakeSeries;
using candlewick_test::Series;

struct SvgText {
  double x, y;
  std::string text;
};

struct SvgRect {
  double x, y, width, height;
  std::string fill;  // the enclosing group's
};

struct Svg {
  std::vector<SvgText> texts;
  std::vector<SvgRect> rects;
};

Svg Parse(const std::vector<uint8_t>& bytes) {
  const std::string doc(bytes.begin(), bytes.end());
  static const std::regex kItem(
      R"re(<g fill="(#[0-9a-f]+)">|</g>|<rect x="([-0-9.]+)" y="([-0-9.]+)" width="([-0-9.]+)" height="([-0-9.]+)"/>|<text x="([-0-9.]+)" y="([-0-9.]+)"[^>]*>([^<]*)</text>)re");
  Svg svg;
  std::string fill;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kItem); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    if (m[1].matched) {
      fill = m[1];
    } else if (m[2].matched) {
      svg.rects.push_back({std::atof(m[2].str().c_str()), std::atof(m[3].str().c_str()),
                           std::atof(m[4].str().c_str()), std::atof(m[5].str().c_str()), fill});
    } else if (m[6].matched) {
      svg.texts.push_back(
          {std::atof(m[6].str().c_str()), std::atof(m[7].str().c_str()), m[8].str()});
    } else {
      fill.clear();
    }
  }
  return svg;
}

// An SVG of `s` with axes, with `names` naming its `overlays` in the legend.
Svg Draw(cw_chart_options o, const Series& s, const std::vector<cw_line>& overlays = {},
         const std::vector<const char*>& names = {}) {
  o.show_axes = 1;
  cw_chart* chart = nullptr;
  EXPECT_EQ(cw_chart_create(&o, &chart), CW_OK);
  const cw_ohlcv series = s.View();
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.overlays = overlays.data();
  data.overlay_count = overlays.size();
  data.overlay_names = names.empty() ? nullptr : names.data();
  std::vector<uint8_t> bytes;
  EXPECT_EQ(candlewick_test::RenderBytes(chart, &data, CW_FORMAT_SVG, &bytes), CW_OK)
      << cw_chart_last_error(chart);
  cw_chart_destroy(chart);
  return Parse(bytes);
}

// The sample walk (prices around 100, in cents) times `scale`: every price
// then has as many digits as a double holds.
Series Scaled(size_t n, double scale) {
  Series s = MakeSeries(n, 11);
  for (auto* column : {&s.open, &s.high, &s.low, &s.close}) {
    for (double& v : *column) v *= scale;
  }
  return s;
}

// A coin at 3e-8: the automatic box is about 1e-9, so the scale's ticks are
// a few 1e-9 apart. Their labels had 8 decimals at most ("0.00000003" three
// times over, and the marker so rounded too); they must read differently
// and in order, top to bottom.
TEST(ChartPictures, PennyBoxScalesReadDifferently) {
  const std::regex number(R"(^\d+\.\d+$)");
  for (int32_t type : {CW_CHART_RENKO, CW_CHART_POINT_FIGURE}) {
    SCOPED_TRACE(type);
    const Svg svg = Draw(ChartOptions(500, 300, type), Scaled(120, 3e-10));
    std::vector<SvgText> labels;
    for (const SvgText& t : svg.texts) {
      if (std::regex_match(t.text, number)) labels.push_back(t);
    }
    ASSERT_GE(labels.size(), 4u);
    std::sort(labels.begin(), labels.end(),
              [](const SvgText& a, const SvgText& b) { return a.y < b.y; });
    for (size_t i = 1; i < labels.size(); ++i) {
      EXPECT_LT(std::atof(labels[i].text.c_str()), std::atof(labels[i - 1].text.c_str()))
          << labels[i].text << " under " << labels[i - 1].text;
    }
  }
}

// Few candles make wide wicks (11 pixels for two candles across 400). The
// vertical grid lines sat on the wick's left edge, 5 pixels left of the
// tick mark under the candle and of a line chart's point.
TEST(ChartPictures, TimeGridLinesMeetTheTickMarks) {
  for (size_t n : {size_t{2}, size_t{3}, size_t{7}}) {
    for (int32_t type : {CW_CHART_LINE, CW_CHART_CANDLESTICK}) {
      SCOPED_TRACE(testing::Message() << n << " candles, type " << type);
      Series s = MakeSeries(n, 5);
      for (size_t i = 0; i < n; ++i) s.time[i] = 1704153600 + static_cast<int64_t>(i) * 86400;
      const Svg svg = Draw(ChartOptions(400, 300, type), s);
      // Tick marks: 1 x 3 below the plot, in the axis colour.
      std::set<double> ticks;
      std::string axis_fill;
      for (const SvgRect& r : svg.rects) {
        if (r.width == 1 && r.height == 3) {
          ticks.insert(r.x);
          axis_fill = r.fill;
        }
      }
      ASSERT_FALSE(ticks.empty());
      std::set<double> grid;
      for (const SvgRect& r : svg.rects) {
        if (r.width == 1 && r.height > 20 && r.fill != axis_fill) grid.insert(r.x);
      }
      EXPECT_EQ(grid, ticks);
    }
  }
}

// Prices 1 .. 1 + 3 ulps with a named overlay: the legend's headroom
// (top + span * rows / (rows - needed)) lies between two doubles, was
// rounded away, and the wicks ran through the legend's text.
TEST(ChartPictures, LegendClearsARangeOfAFewUlps) {
  const double u = std::nextafter(1.0, 2.0) - 1.0;
  Series s;
  for (int i = 0; i < 30; ++i) {
    s.time.push_back(1704153600 + i * 86400);
    s.open.push_back(1 + (i % 3) * u);
    s.high.push_back(1 + 3 * u);
    s.low.push_back(1);
    s.close.push_back(1 + ((i + 1) % 3) * u);
    s.volume.push_back(100);
  }
  const std::vector<double> overlay(30, 1 + u);
  const cw_line line = {{overlay.data(), overlay.size(), 0}, 0xFFB300FF, 1};
  cw_chart_options o = ChartOptions(800, 500, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC);
  const Svg svg = Draw(o, s, {line}, {"SMA 20"});
  double legend_bottom = -1;
  for (const SvgText& t : svg.texts) {
    if (t.text == "SMA 20") legend_bottom = t.y;  // its baseline
  }
  ASSERT_GT(legend_bottom, 0);
  double candles_top = 1e9;
  for (const SvgRect& r : svg.rects) {
    if (r.fill == "#00ff00" || r.fill == "#ff0000") candles_top = std::min(candles_top, r.y);
  }
  EXPECT_GT(candles_top, legend_bottom);
}

// A long overlay name on a small chart: the legend ran on across the axis
// column, over the price labels, and its value was cut off at the frame's
// edge. The name is now cut ("…") so the value stays inside the plot.
TEST(ChartPictures, LongLegendNameIsCutInsideThePlot) {
  const Series s = MakeSeries(60, 4);
  const std::vector<double> overlay(60, 105.5);
  const cw_line line = {{overlay.data(), overlay.size(), 0}, 0xFFB300FF, 1};
  const Svg svg = Draw(ChartOptions(400, 300), s, {line},
                       {"Exponential moving average of the typical price over 200 sessions"});
  double axis_x = 0;  // the value axis's labels: the rightmost texts
  for (const SvgText& t : svg.texts) axis_x = std::max(axis_x, t.x);
  bool value = false, ellipsis = false;
  for (const SvgText& t : svg.texts) {
    if (t.text == "105.50") value = t.x < axis_x - 30;
    if (t.text == "\xE2\x80\xA6") ellipsis = true;
  }
  std::string all;
  for (const SvgText& t : svg.texts) all += " [" + t.text + "]@" + std::to_string(t.x);
  EXPECT_TRUE(value) << all;
  EXPECT_TRUE(ellipsis) << all;
}

// Hollow candles are coloured by the close against the previous close, so
// a candle that closed above its open can be red. Its volume bar, the
// volume title and the last-price marker took close >= open instead: a red
// candle over a green volume bar, a green marker on a red last candle.
TEST(ChartPictures, HollowVolumeAndMarkerInTheCandlesColours) {
  Series s;
  const double o[] = {10, 10, 9, 9.5, 10, 9.2, 8.9}, c[] = {10, 11, 9.6, 9.7, 9.3, 9.2, 9.1};
  for (size_t i = 0; i < 7; ++i) {
    s.time.push_back(1704153600 + static_cast<int64_t>(i) * 86400);
    s.open.push_back(o[i]);
    s.close.push_back(c[i]);
    s.high.push_back(std::max(o[i], c[i]) + 0.3);
    s.low.push_back(std::min(o[i], c[i]) - 0.3);
    s.volume.push_back(100.0 + 30.0 * static_cast<double>(i));
  }
  const Svg svg = Draw(ChartOptions(420, 300, CW_CHART_HOLLOW), s);
  // Every rectangle as wide as a body (the body or its hollow's edges, the
  // volume bar) at one x has one colour: the candle's.
  double body = 0, right = 0;
  for (const SvgRect& r : svg.rects) {
    if (r.fill == "#00ff00" || r.fill == "#ff0000") body = std::max(body, r.width);
  }
  std::map<double, std::set<std::string>> fills;
  for (const SvgRect& r : svg.rects) {
    if (r.width != body) continue;
    fills[r.x].insert(r.fill);
    right = std::max(right, r.x + r.width);
  }
  ASSERT_EQ(fills.size(), 7u);
  for (const auto& [x, f] : fills) EXPECT_EQ(f.size(), 1u) << "candle at x " << x;
  // The last candle (9.1 under 9.2) is red, and so is the marker.
  EXPECT_EQ(*fills.rbegin()->second.begin(), "#ff0000");
  std::set<std::string> marker;
  for (const SvgRect& r : svg.rects) {
    if (r.x > right && (r.fill == "#00ff00" || r.fill == "#ff0000")) marker.insert(r.fill);
  }
  EXPECT_EQ(marker, std::set<std::string>{"#ff0000"});
}

// A size x size render of `s` in `format` with `panels` under the volume.
std::vector<uint8_t> RenderWithPanels(const Series& s, const cw_panel* panels, size_t count,
                                      int32_t format, uint32_t size) {
  const cw_chart_options o = ChartOptions(size, size);
  cw_chart* chart = nullptr;
  EXPECT_EQ(cw_chart_create(&o, &chart), CW_OK);
  const cw_ohlcv series = s.View();
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  candlewick_test::AttachExtras(&data, nullptr, 0, nullptr, panels, count);
  std::vector<uint8_t> bytes;
  EXPECT_EQ(candlewick_test::RenderBytes(chart, &data, format, &bytes), CW_OK);
  cw_chart_destroy(chart);
  return bytes;
}

// The rows holding `rgba` in a crisp RGBA render of `s` with two fixed
// panels (0..100) under the volume: a line of `osc` and a histogram of `hist`.
std::pair<int, int> RowsOf(const Series& s, const std::vector<double>& osc,
                           const std::vector<double>& hist, uint32_t rgba) {
  const cw_line line = {{osc.data(), osc.size(), 0}, 0xAB47BCFF, 2};
  const double levels[2] = {30, 70};
  cw_panel panels[2];
  candlewick_test::OscillatorAndHistogram(&line, levels, 0, 100, hist.data(), hist.size(), panels);
  panels[1].min = 0;
  panels[1].max = 100;
  panels[1].histogram_up = panels[1].histogram_down = 0x42A5F5FF;
  const std::vector<uint8_t> px = RenderWithPanels(s, panels, 2, CW_FORMAT_RGBA8, 300);
  int lo = 1 << 30, hi = -1;
  const uint8_t want[4] = {uint8_t(rgba >> 24), uint8_t(rgba >> 16), uint8_t(rgba >> 8), 0xFF};
  for (size_t i = 0; i + 4 <= px.size(); i += 4) {
    if (std::equal(want, want + 4, &px[i])) {
      lo = std::min(lo, static_cast<int>(i / 4 / 300));
      hi = std::max(hi, static_cast<int>(i / 4 / 300));
    }
  }
  return {lo, hi};
}

// A fixed-scale panel (a user's 0..100 oscillator) whose values overshoot:
// the line ran up into the volume bars and down over the panel below, and a
// histogram bar beyond the scale likewise. Each stays in its panel's rows:
// those a line and bars sweeping the whole scale (0 to 100) reach.
TEST(ChartPictures, FixedPanelValuesStayInTheirPanel) {
  const Series s = MakeSeries(80, 6);
  std::vector<double> inside, beyond, full, over;
  for (size_t i = 0; i < 80; ++i) {
    const double wave = std::fabs(static_cast<double>(i % 20) - 10) / 10;  // 0..1
    inside.push_back(100 * wave);
    beyond.push_back(300 * wave - 100);  // -100..200
    full.push_back(i % 2 ? 100 : 0);
    over.push_back(i % 2 ? 250 : -150);
  }
  const auto line_rows = RowsOf(s, inside, full, 0xAB47BCFF);
  const auto line_beyond = RowsOf(s, beyond, full, 0xAB47BCFF);
  EXPECT_GE(line_beyond.first, line_rows.first);
  EXPECT_LE(line_beyond.second, line_rows.second);
  const auto bar_rows = RowsOf(s, inside, full, 0x42A5F5FF);
  const auto bar_beyond = RowsOf(s, inside, over, 0x42A5F5FF);
  EXPECT_GE(bar_beyond.first, bar_rows.first);
  EXPECT_LE(bar_beyond.second, bar_rows.second);
}

// In SVG, panel lines are clipped to their panel's rows by a clipPath. Two
// panels of two lines each: one path per panel, every line inside a group
// that refers to its panel's path, each path defined before its first use.
TEST(ChartPictures, SvgPanelLinesShareTheirPanelsClipPath) {
  const Series s = MakeSeries(60, 3);
  std::vector<double> a(60), b(60);
  for (size_t i = 0; i < 60; ++i) {
    a[i] = std::sin(0.2 * static_cast<double>(i));
    b[i] = std::cos(0.2 * static_cast<double>(i));
  }
  const cw_line lines[2] = {{{a.data(), a.size(), 0}, 0x26C6DAFF, 1.5f},
                            {{b.data(), b.size(), 0}, 0xEC407AFF, 1.5f}};
  cw_panel panels[2] = {};
  for (cw_panel& p : panels) {
    p.weight = 0.25f;
    p.lines = lines;
    p.line_count = 2;
  }
  const std::vector<uint8_t> bytes = RenderWithPanels(s, panels, 2, CW_FORMAT_SVG, 400);
  const std::string doc(bytes.begin(), bytes.end());
  static const std::regex kClip(R"re(<clipPath id="(rows\d+)"><rect x="0" y="([-0-9.]+)")re"),
      kUse(R"re(<g clip-path="url\(#(rows\d+)\)">\n<polyline )re");
  std::set<std::string> defined, tops;
  size_t uses = 0;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kClip); it != std::sregex_iterator();
       ++it) {
    defined.insert((*it)[1]);
    tops.insert((*it)[2]);
    const auto first_use = doc.find("url(#" + (*it)[1].str() + ")");
    EXPECT_GT(first_use, static_cast<size_t>(it->position())) << (*it)[1];
  }
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kUse); it != std::sregex_iterator();
       ++it, ++uses) {
    EXPECT_EQ(defined.count((*it)[1]), 1u) << (*it)[1];
  }
  EXPECT_EQ(defined.size(), 2u);  // one per panel
  EXPECT_EQ(tops.size(), 2u);     // at different rows
  EXPECT_EQ(uses, 4u);            // every line clipped
}

// Volumes up to 1e15 (a meme coin's daily volume): the axis read "1e+15"
// over "750T"; one notation throughout.
TEST(ChartPictures, VolumeScaleInOneNotation) {
  Series s = MakeSeries(60, 2);
  for (size_t i = 0; i < s.volume.size(); ++i) s.volume[i] = i == 30 ? 1e15 : 1e11;
  const Svg svg = Draw(ChartOptions(500, 400), s);
  const std::regex scientific(R"(^\d(\.\d+)?e\+\d+$)"), suffixed(R"(^[0-9.]+[KMBT]$)");
  int sci = 0, abbreviated = 0;
  for (const SvgText& t : svg.texts) {
    if (t.x < 400) continue;  // the axis column, not the panel's title
    sci += std::regex_match(t.text, scientific);
    abbreviated += std::regex_match(t.text, suffixed);
  }
  EXPECT_GE(sci, 2);
  EXPECT_EQ(abbreviated, 0);
}

}  // namespace
