// Extreme but finite input through the C API: prices near the largest
// double or near zero, values far outside a fixed panel scale, huge
// volumes, tiny renko and point-and-figure boxes, bad line widths. Each
// either renders a correct chart (checked against the same chart at an
// ordinary scale, or by what it must contain) or fails with a clear status
// and message; never undefined behaviour (this test runs under UBSan with
// float-cast-overflow and float-divide-by-zero), never unbounded work.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartPtr;
using candlewick_test::MakeChart;
using candlewick_test::MakeSeries;
using candlewick_test::Series;

const int32_t kAllTypes[] = {CW_CHART_CANDLESTICK, CW_CHART_HOLLOW,       CW_CHART_OHLC,
                             CW_CHART_LINE,        CW_CHART_AREA,         CW_CHART_HEIKIN_ASHI,
                             CW_CHART_RENKO,       CW_CHART_POINT_FIGURE};

// A series with extras, every value given by the caller's scale.
struct Table {
  Series s;
  std::vector<double> overlay, upper, lower, osc, hist;
  double panel_min = 0, panel_max = 0, levels[2] = {0, 0};
  size_t rows() const { return s.close.size(); }
  // The prices (no times), and the volumes unless `volume` is false or
  // there are none.
  cw_ohlcv View(bool volume = true) const {
    return cw_ohlcv_contiguous(rows(), nullptr, s.open.data(), s.high.data(), s.low.data(),
                               s.close.data(),
                               volume && !s.volume.empty() ? s.volume.data() : nullptr);
  }
};

struct Render {
  cw_status status = CW_OK;
  std::string error;
  std::vector<uint8_t> bytes;
};

Render Draw(const cw_chart_options& o, const Table& t, int32_t format = CW_FORMAT_RGBA8,
            bool extras = true) {
  Render r;
  cw_chart* chart = nullptr;
  r.status = cw_chart_create(&o, &chart);
  if (r.status != CW_OK) return r;
  const size_t n = t.rows();
  const cw_ohlcv series = t.View();
  const cw_line overlay = {{t.overlay.data(), n, 0}, 0xFFB300FF, 2};
  const cw_band band = candlewick_test::TestBand(t.upper.data(), t.lower.data(), n);
  const cw_line osc = {{t.osc.data(), n, 0}, 0xAB47BCFF, 1};
  cw_panel panels[2];
  candlewick_test::OscillatorAndHistogram(&osc, t.levels, t.panel_min, t.panel_max, t.hist.data(),
                                          n, panels);
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  if (extras) candlewick_test::AttachExtras(&data, &overlay, 1, &band, panels, 2);
  r.status = candlewick_test::RenderBytes(chart, &data, format, &r.bytes);
  r.error = cw_chart_last_error(chart);
  cw_chart_destroy(chart);
  return r;
}

cw_chart_options Options(int32_t type, uint32_t w = 320, uint32_t h = 240) {
  return candlewick_test::ChartOptions(w, h, type);
}

// Prices whose magnitudes all lie in [1, 1.9], with both signs (so that, at
// the largest scale, the range spans more than the largest double), times
// `scale`. Every value the chart sees is then >= 2^1000 in magnitude for
// scale >= 2^1000. Extras stay in [1, 1.9] in magnitude too.
Table Signed(size_t n, uint32_t seed, double scale) {
  Table t;
  const Series base = MakeSeries(n, seed);  // prices around 100, cents
  auto map = [&](double p) {
    // 100 +- 40 -> +-[1, 1.9]: the sign from which side of 100 it is.
    const double d = std::clamp((p - 100) / 40, -0.9, 0.9);
    return (d >= 0 ? 1 + d : -1 + d) * scale;
  };
  for (size_t i = 0; i < n; ++i) {
    double o = map(base.open[i]), c = map(base.close[i]);
    double h = std::max({map(base.high[i]), o, c}), l = std::min({map(base.low[i]), o, c});
    t.s.open.push_back(o);
    t.s.high.push_back(h);
    t.s.low.push_back(l);
    t.s.close.push_back(c);
    t.s.volume.push_back(base.volume[i]);
    const double x = static_cast<double>(i);
    t.overlay.push_back(i < 5 ? NAN : map(base.close[i] + 3 * std::sin(x / 3)));
    t.upper.push_back(map(base.close[i] + 4));
    t.lower.push_back(map(base.close[i] - 4));
    t.osc.push_back((std::sin(x / 4) >= 0 ? 1.2 : -1.2) * scale);
    t.hist.push_back((i % 2 ? 1.5 : -1.1) * scale);
  }
  t.panel_min = -1.8 * scale;
  t.panel_max = 1.8 * scale;
  t.levels[0] = -1.5 * scale;
  t.levels[1] = 1.5 * scale;
  return t;
}

// Prices near +-1.8e308: the price range (high - low) overflows a double,
// Heikin-Ashi's (o+h+l+c) overflows, band and renko arithmetic too. The
// chart is the same picture as the same prices at 2^1001 (exact power of
// two scaling), for every type, sparse and dense, crisp and antialiased.
TEST(Extremes, PricesNearTheLargestDoubleDrawTheScaledChart) {
  for (int32_t type : kAllTypes) {
    for (size_t n : {size_t{80}, size_t{900}}) {
      for (int32_t aa : {0, 1}) {
        SCOPED_TRACE(testing::Message() << "type " << type << " rows " << n << " aa " << aa);
        const Table huge = Signed(n, 3, 0x1p1023), scaled = Signed(n, 3, 0x1p1001);
        cw_chart_options o = Options(type);
        o.antialias = aa;
        o.box_size = 0.05 * 0x1p1023;
        const Render a = Draw(o, huge);
        ASSERT_EQ(a.status, CW_OK) << a.error;
        o.box_size = 0.05 * 0x1p1001;
        const Render b = Draw(o, scaled);
        ASSERT_EQ(b.status, CW_OK) << b.error;
        EXPECT_TRUE(a.bytes == b.bytes);
        // Not a blank frame: more than the background and grid colours.
        std::set<uint32_t> colours;
        for (size_t i = 0; i + 3 < a.bytes.size(); i += 4) {
          uint32_t c;
          std::memcpy(&c, &a.bytes[i], 4);
          colours.insert(c);
        }
        EXPECT_GT(colours.size(), 4u);
      }
    }
  }
  // The range really overflows at the large scale.
  const Table huge = Signed(80, 3, 0x1p1023);
  const double hi = *std::max_element(huge.s.high.begin(), huge.s.high.end());
  const double lo = *std::min_element(huge.s.low.begin(), huge.s.low.end());
  EXPECT_TRUE(std::isinf(hi - lo));
}

// Every format and the axes, at both ends of the double range: labels are
// in scientific notation, whole (not truncated to a buffer), distinct.
TEST(Extremes, AxisLabelsOfHugeAndTinyPricesAreWholeNumbers) {
  const std::regex scientific(R"(^-?\d(\.\d+)?e[+-]\d+$)");
  for (double scale : {0x1p1023, 1e-300, 0x1p-1060 /* denormal */}) {
    for (int32_t type : kAllTypes) {
      SCOPED_TRACE(testing::Message() << "scale " << scale << " type " << type);
      cw_chart_options o = Options(type, 480, 300);
      o.show_axes = 1;
      Table t = Signed(60, 9, scale);
      // Prices alone: a volume panel's labels are the (ordinary) volumes.
      t.s.volume.clear();
      for (int32_t format : {CW_FORMAT_RGBA8, CW_FORMAT_PNG, CW_FORMAT_WEBP_LOSSLESS}) {
        const Render r = Draw(o, t, format);
        ASSERT_EQ(r.status, CW_OK) << r.error;
      }
      const Render svg = Draw(o, t, CW_FORMAT_SVG, /*extras=*/false);
      ASSERT_EQ(svg.status, CW_OK) << svg.error;
      const std::string text(svg.bytes.begin(), svg.bytes.end());
      std::set<std::string> labels;
      const std::regex tag("<text[^>]*>([^<]*)</text>");
      for (auto it = std::sregex_iterator(text.begin(), text.end(), tag);
           it != std::sregex_iterator(); ++it) {
        const std::string label = (*it)[1];
        EXPECT_TRUE(std::regex_match(label, scientific)) << label;
        EXPECT_LT(label.size(), 24u) << label;
        labels.insert(label);
      }
      // At least the last-price marker.
      EXPECT_GE(labels.size(), 1u);
    }
  }
}

// A fixed-scale panel (0..100) with values of +-1e300 and a histogram of
// 1e300: drawn exactly as values just beyond the clamp of pixel
// coordinates (far outside the frame), not as garbage.
TEST(Extremes, ValuesFarOutsideAFixedPanelScale) {
  for (int32_t aa : {0, 1}) {
    Table t = Signed(70, 4, 1);
    for (double& v : t.osc) v = v > 0 ? 1e300 : 50;
    for (double& v : t.hist) v = v > 0 ? 1e300 : -1e300;
    t.panel_min = 0;
    t.panel_max = 100;
    t.levels[0] = 30;
    t.levels[1] = 70;
    cw_chart_options o = Options(CW_CHART_CANDLESTICK);
    o.antialias = aa;
    const Render a = Draw(o, t);
    ASSERT_EQ(a.status, CW_OK) << a.error;
    for (double& v : t.osc) v = v > 60 ? 1e15 : v;
    const Render b = Draw(o, t);
    ASSERT_EQ(b.status, CW_OK) << b.error;
    EXPECT_TRUE(a.bytes == b.bytes);
  }
}

// Dense data whose volumes sum beyond the largest double: the per-column
// sums saturate, every column is the highest, as for equal volumes (199
// columns of exactly 10 rows each).
TEST(Extremes, VolumeSumsSaturate) {
  Table t = Signed(1990, 6, 1);
  for (double& v : t.s.volume) v = 1e308;
  cw_chart_options o = Options(CW_CHART_CANDLESTICK, 200, 150);
  const Render a = Draw(o, t, CW_FORMAT_RGBA8, false);
  ASSERT_EQ(a.status, CW_OK) << a.error;
  for (double& v : t.s.volume) v = 1;
  const Render b = Draw(o, t, CW_FORMAT_RGBA8, false);
  ASSERT_EQ(b.status, CW_OK) << b.error;
  EXPECT_TRUE(a.bytes == b.bytes);
}

// Allocations of one render, counted by the chart's allocator hooks.
struct Counting {
  size_t bytes = 0, peak = 0, live = 0;
  static void* Alloc(void* self, size_t size, size_t alignment) {
    auto* c = static_cast<Counting*>(self);
    void* p = nullptr;
    if (posix_memalign(&p, std::max(alignment, sizeof(void*)), size + 64) != 0) return nullptr;
    std::memcpy(p, &size, sizeof size);
    c->bytes += size;
    c->live += size;
    c->peak = std::max(c->peak, c->live);
    return static_cast<char*>(p) + 64;
  }
  static void Free(void* self, void* ptr) {
    auto* c = static_cast<Counting*>(self);
    char* base = static_cast<char*>(ptr) - 64;
    size_t size;
    std::memcpy(&size, base, sizeof size);
    c->live -= size;
    free(base);
  }
};

// The bundled sample's shape (120 daily candles around 100): a renko or
// point-and-figure box of 1e-6 would make ~1e8 bricks (it took 35 s and
// 15 GB), 1e-300 more than 2^52 boxes from zero (an endless loop, then out
// of memory; P&F drew a blank chart). Both fail at once with a message that
// names the limit, having allocated little.
TEST(Extremes, TinyBoxesAreRefusedBeforeAnyWork) {
  const Series s = MakeSeries(120, 42);
  Table t;
  t.s = s;
  for (int32_t type : {CW_CHART_RENKO, CW_CHART_POINT_FIGURE}) {
    for (double box : {1e-6, 1e-300, 5e-324}) {
      SCOPED_TRACE(testing::Message() << "type " << type << " box " << box);
      Counting counting;
      cw_allocator hooks = {&counting, Counting::Alloc, Counting::Free};
      cw_chart_options o = Options(type);
      o.box_size = box;
      o.allocator = &hooks;
      const Render r = Draw(o, t, CW_FORMAT_PNG, false);
      EXPECT_EQ(r.status, CW_ERR_INVALID_ARGUMENT);
      if (box == 1e-6) {
        EXPECT_NE(r.error.find("more than 100000"), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(type == CW_CHART_RENKO ? "renko bricks" : "point-and-figure boxes"),
                  std::string::npos)
            << r.error;
      } else {
        EXPECT_NE(r.error.find("2^52 boxes"), std::string::npos) << r.error;
      }
      EXPECT_LT(counting.peak, size_t{4} << 20) << "bytes held at the peak";
      EXPECT_EQ(counting.live, 0u);
    }
  }
  static_assert(CW_MAX_CHART_BOXES == 100000u, "the message above names the limit");
}

// The automatic box (box_size 0) stays within the limit by itself: a long
// series whose ATR(14) at the end is tiny against its whole path.
TEST(Extremes, TheAutomaticBoxIsRaisedWithinTheLimit) {
  Series s = MakeSeries(20000, 8);
  // The last 600 rows barely move: Wilder's ATR(14) forgets the rest
  // ((13/14)^600 ~ 1e-19) and ends near 1e-6, which would make ~1e10 bricks.
  const size_t flat = s.close.size() - 600;
  for (size_t i = flat; i < s.close.size(); ++i) {
    s.open[i] = s.close[i] = s.close[flat - 1] + (i % 2) * 1e-6;
    s.high[i] = s.open[i] + 1e-6;
    s.low[i] = s.open[i] - 1e-6;
  }
  Table t;
  t.s = s;
  for (int32_t type : {CW_CHART_RENKO, CW_CHART_POINT_FIGURE}) {
    Counting counting;
    cw_allocator hooks = {&counting, Counting::Alloc, Counting::Free};
    cw_chart_options o = Options(type);
    o.allocator = &hooks;
    const Render r = Draw(o, t, CW_FORMAT_RGBA8, false);
    EXPECT_EQ(r.status, CW_OK) << r.error;
    EXPECT_LT(counting.peak, size_t{64} << 20);
  }
}

// Prices around 1e15 whose range is one or two ulps: the axis ticks must
// still advance (they stalled: an endless loop), and the labels are whole.
TEST(Extremes, RangeOfAFewUlpsAtALargeLevel) {
  Table t;
  const double base = 1e15;
  for (int i = 0; i < 30; ++i) {
    const double p = base + (i % 3) * 0.125;  // one ulp of 1e15 is 0.125
    t.s.open.push_back(p);
    t.s.high.push_back(base + 0.25);
    t.s.low.push_back(base);
    t.s.close.push_back(p);
  }
  for (int32_t type : kAllTypes) {
    SCOPED_TRACE(type);
    cw_chart_options o = Options(type);
    o.show_axes = 1;
    const Render r = Draw(o, t, CW_FORMAT_SVG, false);
    EXPECT_EQ(r.status, CW_OK) << r.error;
  }
}

// Line and band edge widths are validated like the chart's line width;
// a band edge width of 0 means no edges (it drew them at the line width).
TEST(Extremes, LineWidthsAreValidatedAndBandWidthZeroHasNoEdges) {
  Table t = Signed(50, 2, 100);
  ChartPtr chart = MakeChart(Options(CW_CHART_LINE));
  ASSERT_NE(chart, nullptr);
  const cw_ohlcv series = t.View(/*volume=*/false);
  for (float bad : {-1.0f, 0.1f, 65.0f, 1e30f, NAN, INFINITY}) {
    SCOPED_TRACE(bad);
    const cw_line line = {{t.overlay.data(), t.rows(), 0}, 0xFF0000FF, bad};
    const cw_band band = {{t.upper.data(), t.rows(), 0}, {t.lower.data(), t.rows(), 0},
                          0x00FF0040, 0x00FF00FF, bad};
    cw_panel panel;
    std::memset(&panel, 0, sizeof panel);
    panel.weight = 0.3f;
    panel.lines = &line;
    panel.line_count = 1;
    for (int where = 0; where < 3; ++where) {
      cw_chart_data data;
      cw_chart_data_init(&data, &series);
      if (where == 0) data.overlays = &line, data.overlay_count = 1;
      if (where == 1) data.bands = &band, data.band_count = 1;
      if (where == 2) data.panels = &panel, data.panel_count = 1;
      cw_buffer* out = nullptr;
      EXPECT_EQ(cw_chart_render(chart.get(), &data, CW_FORMAT_RGBA8, &out),
                CW_ERR_INVALID_ARGUMENT);
      EXPECT_EQ(out, nullptr);
      EXPECT_TRUE(candlewick_test::Contains(cw_chart_last_error(chart.get()),
                                            "must be 0 or in [0.25, 64]"))
          << cw_chart_last_error(chart.get());
    }
  }
  // Width 0 on a band: its fill, and no pixel of its (distinct) edge colour.
  for (float width : {0.0f, 1.0f}) {
    const cw_band band = {{t.upper.data(), t.rows(), 0}, {t.lower.data(), t.rows(), 0},
                          0x0000FF40, 0xFF00FFFF, width};
    cw_chart_data data;
    cw_chart_data_init(&data, &series);
    data.bands = &band;
    data.band_count = 1;
    std::vector<uint8_t> px;
    ASSERT_EQ(candlewick_test::RenderBytes(chart.get(), &data, CW_FORMAT_RGBA8, &px), CW_OK);
    size_t edge = 0;
    for (size_t i = 0; i + 3 < px.size(); i += 4) {
      edge += px[i] == 0xFF && px[i + 1] == 0x00 && px[i + 2] == 0xFF;
    }
    if (width == 0) {
      EXPECT_EQ(edge, 0u);
    } else {
      EXPECT_GT(edge, 0u);
    }
  }
}

}  // namespace
