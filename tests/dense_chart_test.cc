// Dense data: a series with more rows than the plot has pixel columns is
// drawn as one slot per pixel column (docs/charts.md: first open, highest
// high, lowest low, last close, summed volume; overlays, bands and panels
// read at the column's last row). Each dense render here is compared pixel
// for pixel with an independent reference: the column-aggregated series,
// computed by this test from the documented bucket rule, rendered at the
// same size, where it fits without aggregation. Every chart type, several
// widths and margins, crisp and antialiased, with overlays, bands and
// panels. Renko and point-and-figure do not aggregate by column: their
// reference is the sparse series whose rows the dense one repeats.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::MakeSeries;
using candlewick_test::Series;

// A series plus per-row extras (one overlay with gaps, a band, an
// oscillator panel with a fixed scale and an automatic histogram panel).
struct Table {
  Series s;
  std::vector<double> overlay, upper, lower, osc, hist;
  size_t rows() const { return s.close.size(); }
};

// Renders `t` with every extra into a tight RGBA frame.
std::vector<uint8_t> Render(const cw_chart_options& o, const Table& t) {
  cw_chart* chart = nullptr;
  EXPECT_EQ(cw_chart_create(&o, &chart), CW_OK);
  const size_t n = t.rows();
  cw_ohlcv series = cw_ohlcv_contiguous(n, nullptr, t.s.open.data(), t.s.high.data(),
                                        t.s.low.data(), t.s.close.data(), t.s.volume.data());
  const cw_line overlay = {{t.overlay.data(), n, 0}, 0xFFB300FF, 0};
  const cw_band band = candlewick_test::TestBand(t.upper.data(), t.lower.data(), n);
  const cw_line osc = {{t.osc.data(), n, 0}, 0xAB47BCFF, 1};
  const double levels[] = {-0.5, 0.5};
  cw_panel panels[2];
  candlewick_test::OscillatorAndHistogram(&osc, levels, -1.5, 1.5, t.hist.data(), n, panels);
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  candlewick_test::AttachExtras(&data, &overlay, 1, &band, panels, 2);
  std::vector<uint8_t> frame(static_cast<size_t>(o.width) * o.height * 4);
  EXPECT_EQ(cw_chart_render_frame(chart, &data, CW_FORMAT_RGBA8, frame.data(), frame.size(),
                                  o.width * 4),
            CW_OK)
      << cw_chart_last_error(chart);
  cw_chart_destroy(chart);
  return frame;
}

// Column c holds rows [c*n/C, (c+1)*n/C): the rule of docs/charts.md,
// written out here independently of the library.
size_t BucketBegin(size_t c, size_t n, size_t columns) { return c * n / columns; }

// Heikin-Ashi by its textbook definition, for the reference.
Series HeikinAshiOf(const Series& in) {
  Series out = in;
  double prev_open = 0, prev_close = 0;
  for (size_t i = 0; i < in.close.size(); ++i) {
    const double o = in.open[i], h = in.high[i], l = in.low[i], c = in.close[i];
    const double ha_close = (o + h + l + c) / 4;
    const double ha_open = i == 0 ? (o + c) / 2 : (prev_open + prev_close) / 2;
    out.open[i] = ha_open;
    out.close[i] = ha_close;
    out.high[i] = std::max({h, ha_open, ha_close});
    out.low[i] = std::min({l, ha_open, ha_close});
    prev_open = ha_open;
    prev_close = ha_close;
  }
  return out;
}

// The reference: `t` aggregated into `columns` slots (extras sampled at
// each column's last row).
Table Aggregate(const Table& t, size_t columns) {
  const size_t n = t.rows();
  Table r;
  for (size_t c = 0; c < columns; ++c) {
    const size_t begin = BucketBegin(c, n, columns), end = BucketBegin(c + 1, n, columns);
    double h = t.s.high[begin], l = t.s.low[begin], v = 0;
    for (size_t i = begin; i < end; ++i) {
      h = std::max(h, t.s.high[i]);
      l = std::min(l, t.s.low[i]);
      v += t.s.volume[i];
    }
    r.s.open.push_back(t.s.open[begin]);
    r.s.high.push_back(h);
    r.s.low.push_back(l);
    r.s.close.push_back(t.s.close[end - 1]);
    r.s.volume.push_back(v);
    for (auto [from, to] : {std::pair{&t.overlay, &r.overlay}, {&t.upper, &r.upper},
                            {&t.lower, &r.lower}, {&t.osc, &r.osc}, {&t.hist, &r.hist}}) {
      to->push_back((*from)[end - 1]);
    }
  }
  return r;
}

// A dense table whose drawn extremes all lie on rows the aggregation keeps,
// so that the automatic price and panel ranges of the dense chart (which
// look at every row) equal those of the reference (which sees the kept
// rows only). `closes_only`: the price range is that of the closes (line
// and area charts).
Table DenseTable(size_t n, size_t columns, uint32_t seed, bool closes_only) {
  Table t;
  t.s = MakeSeries(n, seed);
  std::vector<bool> kept(n, false);
  for (size_t c = 0; c < columns; ++c) kept[BucketBegin(c + 1, n, columns) - 1] = true;
  // Line charts: every close within the range of the kept closes.
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    if (!kept[i]) continue;
    lo = std::min(lo, t.s.close[i]);
    hi = std::max(hi, t.s.close[i]);
  }
  if (closes_only) {
    for (size_t i = 0; i < n; ++i) {
      double& c = t.s.close[i];
      c = std::clamp(c, lo, hi);
      t.s.low[i] = std::min(t.s.low[i], c);
      t.s.high[i] = std::max(t.s.high[i], c);
    }
  } else {
    lo = *std::min_element(t.s.low.begin(), t.s.low.end());
    hi = *std::max_element(t.s.high.begin(), t.s.high.end());
  }
  // Overlay and band inside [lo, hi], with NaN gaps (leading and inside).
  t.overlay.resize(n);
  t.upper.resize(n);
  t.lower.resize(n);
  t.osc.resize(n);
  t.hist.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i);
    t.overlay[i] = std::clamp(t.s.close[i] + 3 * std::sin(x / 7), lo, hi);
    t.upper[i] = std::clamp(t.s.close[i] + 2 + std::sin(x / 11), lo, hi);
    t.lower[i] = std::clamp(t.s.close[i] - 2 - std::cos(x / 13), lo, hi);
    t.osc[i] = std::sin(x / 5) * (i % 3 == 0 ? 1.8 : 0.9);  // beyond the fixed scale too
    t.hist[i] = std::cos(x / 9) * 3;
    if (i < n / 20 || (i > n / 2 && i < n / 2 + n / 30)) t.overlay[i] = NAN;
    if (i < n / 25) t.upper[i] = t.lower[i] = t.hist[i] = NAN;
  }
  // The histogram's automatic range: its extremes on kept rows.
  double hlo = INFINITY, hhi = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    if (!kept[i] || std::isnan(t.hist[i])) continue;
    hlo = std::min(hlo, t.hist[i]);
    hhi = std::max(hhi, t.hist[i]);
  }
  for (double& v : t.hist) {
    if (!std::isnan(v)) v = std::clamp(v, hlo, hhi);
  }
  return t;
}

cw_chart_options Options(uint32_t width, int32_t margin, int32_t type, int32_t antialias) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = width;
  o.height = 160;
  o.margin = margin;
  o.type = type;
  o.antialias = antialias;
  o.theme = CW_THEME_TRADINGVIEW;
  return o;
}

size_t DiffPixels(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  size_t d = 0;
  for (size_t i = 0; i + 3 < a.size() && i + 3 < b.size(); i += 4) {
    d += std::memcmp(&a[i], &b[i], 4) != 0;
  }
  return d;
}

struct Shape {
  uint32_t width;
  int32_t margin;
};
// The smallest frame, odd widths, a margin, and a wide one.
const Shape kShapes[] = {{16, 0}, {17, 1}, {64, 0}, {203, 5}, {640, 0}};

TEST(DenseCharts, EveryAggregatingTypeMatchesItsColumnAggregate) {
  const int32_t types[] = {CW_CHART_CANDLESTICK, CW_CHART_HOLLOW, CW_CHART_OHLC,
                           CW_CHART_LINE,        CW_CHART_AREA,   CW_CHART_HEIKIN_ASHI};
  for (int32_t type : types) {
    for (const Shape& shape : kShapes) {
      // Without axes the plot spans the frame inside the margins; C columns
      // are used (one slot per column, the last column kept free).
      const size_t plot = shape.width - 2 * static_cast<size_t>(shape.margin);
      const size_t columns = plot - 1;
      // Just over the threshold, a few rows per column, many rows per column.
      for (size_t n : {plot, 3 * plot + 1, size_t{20000}}) {
        for (int32_t aa : {0, 1}) {
          SCOPED_TRACE(testing::Message() << "type " << type << " width " << shape.width
                                          << " margin " << shape.margin << " rows " << n
                                          << " antialias " << aa);
          const bool closes_only = type == CW_CHART_LINE || type == CW_CHART_AREA;
          Table dense = DenseTable(n, columns, static_cast<uint32_t>(n + shape.width), closes_only);
          cw_chart_options o = Options(shape.width, shape.margin, type, aa);
          const std::vector<uint8_t> got = Render(o, dense);
          Table reference;
          if (type == CW_CHART_HEIKIN_ASHI) {
            // Heikin-Ashi of every row, then aggregated, drawn as candles.
            Table ha = dense;
            ha.s = HeikinAshiOf(dense.s);
            reference = Aggregate(ha, columns);
            o.type = CW_CHART_CANDLESTICK;
          } else {
            reference = Aggregate(dense, columns);
          }
          ASSERT_EQ(reference.rows(), columns);
          const std::vector<uint8_t> want = Render(o, reference);
          EXPECT_EQ(DiffPixels(got, want), 0u);
        }
      }
    }
  }
}

// Below the threshold nothing is aggregated: a series of plot-1 rows is
// its own reference (the same bytes as the Aggregate() of itself).
TEST(DenseCharts, SeriesThatFitIsNotAggregated) {
  const size_t columns = 63;
  Table t = DenseTable(columns, columns, 5, false);
  const cw_chart_options o = Options(64, 0, CW_CHART_LINE, 0);
  EXPECT_EQ(DiffPixels(Render(o, t), Render(o, Aggregate(t, columns))), 0u);
}

// Renko and point-and-figure bricks come from price moves, not rows: a
// series whose every row is repeated k times (so it has far more rows than
// pixels) makes the same bricks from the same rows, and its extras, read at
// each brick's source row, are the same values.
TEST(DenseCharts, RenkoAndPointFigureIgnoreRepeatedRows) {
  const Series sparse = MakeSeries(90, 17);
  for (int32_t type : {CW_CHART_RENKO, CW_CHART_POINT_FIGURE}) {
    for (const Shape& shape : kShapes) {
      for (size_t k : {size_t{3}, size_t{97}}) {
        SCOPED_TRACE(testing::Message() << "type " << type << " width " << shape.width
                                        << " repeat " << k);
        Table s;
        s.s = sparse;
        const size_t m = sparse.close.size();
        for (size_t i = 0; i < m; ++i) {
          const double x = static_cast<double>(i);
          s.overlay.push_back(i < 10 ? NAN : sparse.close[i] + std::sin(x));
          s.upper.push_back(sparse.close[i] + 1);
          s.lower.push_back(sparse.close[i] - 1);
          s.osc.push_back(std::sin(x / 4));
          s.hist.push_back(std::cos(x / 6));
        }
        Table d;
        auto repeat = [&](const std::vector<double>& from, std::vector<double>* to) {
          for (double v : from) to->insert(to->end(), k, v);
        };
        repeat(s.s.open, &d.s.open);
        repeat(s.s.high, &d.s.high);
        repeat(s.s.low, &d.s.low);
        repeat(s.s.close, &d.s.close);
        repeat(s.s.volume, &d.s.volume);
        repeat(s.overlay, &d.overlay);
        repeat(s.upper, &d.upper);
        repeat(s.lower, &d.lower);
        repeat(s.osc, &d.osc);
        repeat(s.hist, &d.hist);
        cw_chart_options o = Options(shape.width, shape.margin, type, 0);
        o.box_size = 1.5;  // fixed: the automatic box (ATR) depends on the rows
        EXPECT_EQ(DiffPixels(Render(o, d), Render(o, s)), 0u);
      }
    }
  }
}

}  // namespace
