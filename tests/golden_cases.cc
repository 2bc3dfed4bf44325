#include "tests/golden_cases.h"

#include <cmath>

#include "data/synthetic.h"
#include "tests/test_support.h"

namespace candlewick_test {
namespace {

// The series of data/synthetic.h behind each synthetic kind.
using SyntheticFn = candlewick::synthetic::Series (*)();
const struct {
  GoldenData data;
  SyntheticFn series;
} kSynthetic[] = {
    {GoldenData::kIntradayNy, candlewick::synthetic::IntradayNewYork},
    {GoldenData::kMinuteSession, candlewick::synthetic::MinuteSession},
    {GoldenData::kCryptoHourly, candlewick::synthetic::CryptoHourly},
    {GoldenData::kDaily3m, candlewick::synthetic::DailyThreeMonths},
    {GoldenData::kWeekly10y, candlewick::synthetic::WeeklyTenYears},
    {GoldenData::kDaily3mBare, candlewick::synthetic::DailyThreeMonths},
};

// The synthetic series of `d`, or NULL for the other kinds.
SyntheticFn SyntheticOf(GoldenData d) {
  for (const auto& k : kSynthetic) {
    if (k.data == d) return k.series;
  }
  return nullptr;
}

bool IsSynthetic(GoldenData d) { return SyntheticOf(d) != nullptr; }

// `c` with axes (labels, legend and title), or antialiased.
GoldenCase WithAxes(GoldenCase c) {
  c.options.show_axes = 1;
  return c;
}
GoldenCase Antialiased(GoldenCase c) {
  c.options.antialias = 1;
  return c;
}

}  // namespace

Series GoldenSeries(const GoldenCase& c) {
  if (!IsSynthetic(c.data)) {
    return MakeSeries(c.data == GoldenData::kSingle ? 1 : c.candles, c.seed);
  }
  const candlewick::synthetic::Series syn = SyntheticOf(c.data)();
  return Series{syn.time, syn.open, syn.high, syn.low, syn.close, syn.volume};
}

std::vector<GoldenCase> GoldenCases() {
  std::vector<GoldenCase> cases;
  // Every chart type in every theme, named by the C API's name tables.
  for (int32_t type = 0; cw_chart_type_name(type) != nullptr; ++type) {
    for (int32_t theme = 0; cw_theme_name(theme) != nullptr; ++theme) {
      cases.push_back({std::string(cw_chart_type_name(type)) + "_" + cw_theme_name(theme),
                       ChartOptions(320, 200, type, theme), 60, 2024, GoldenData::kPlain});
    }
  }
  // Odd sizes exercise the kernels' tails.
  GoldenCase bare{"candles_no_volume_no_grid", ChartOptions(257, 131, CW_CHART_CANDLESTICK, 0),
                  37, 99, GoldenData::kPlain};
  bare.options.show_volume = 0;
  bare.options.show_grid = 0;
  cases.push_back(bare);
  GoldenCase dense{"candles_dense_custom", ChartOptions(200, 100, CW_CHART_CANDLESTICK, 0), 400, 7,
                   GoldenData::kPlain};  // more candles than pixel columns
  dense.options.use_custom_colors = 1;
  dense.options.background = 0xFAF0E6FF;
  dense.options.grid = 0xD3D3D3FF;
  dense.options.up = 0x1E90FFFF;
  dense.options.down = 0xFF8C00FF;
  cases.push_back(dense);
  // Axes, labels and the title (crisp: monochrome text).
  const GoldenCase axes = WithAxes({"axes_tradingview",
                                    ChartOptions(480, 300, CW_CHART_CANDLESTICK, 2), 80, 5,
                                    GoldenData::kExtras});
  cases.push_back(axes);
  GoldenCase axes_aa = Antialiased(axes);
  axes_aa.name = "axes_antialiased_light";
  axes_aa.options.theme = CW_THEME_LIGHT;
  cases.push_back(axes_aa);
  cases.push_back(Antialiased({"line_antialiased_modern", ChartOptions(320, 200, CW_CHART_LINE, 1),
                               60, 2024, GoldenData::kExtras}));
  cases.push_back(Antialiased({"pnf_antialiased_classic",
                               ChartOptions(320, 200, CW_CHART_POINT_FIGURE, 0), 120, 11,
                               GoldenData::kPlain}));
  cases.push_back({"extras_classic", ChartOptions(320, 240, CW_CHART_CANDLESTICK, 0), 90, 8,
                   GoldenData::kExtras});
  cases.push_back(WithAxes({"flat_modern_axes", ChartOptions(200, 120, CW_CHART_CANDLESTICK, 1),
                            20, 1, GoldenData::kFlat}));
  cases.push_back({"single_light", ChartOptions(120, 80, CW_CHART_CANDLESTICK, 3), 1, 3,
                   GoldenData::kSingle});
  cases.push_back({"gaps_tradingview", ChartOptions(320, 200, CW_CHART_CANDLESTICK, 2), 60, 4,
                   GoldenData::kGappy});

  // The time axis on the kinds of data it must label (with axes, legend and
  // panels): in light and dark themes, crisp, one antialiased.
  const struct {
    const char* name;
    GoldenData data;
    int32_t theme;
    const char* zone;
  } series[] = {{"time_intraday_ny_light", GoldenData::kIntradayNy, CW_THEME_LIGHT,
                 "America/New_York"},
                {"time_minute_session_tradingview", GoldenData::kMinuteSession,
                 CW_THEME_TRADINGVIEW, "America/New_York"},
                {"time_crypto_hourly_modern", GoldenData::kCryptoHourly, CW_THEME_MODERN, nullptr},
                {"time_daily_3m_light", GoldenData::kDaily3m, CW_THEME_LIGHT, nullptr},
                {"time_weekly_10y_classic", GoldenData::kWeekly10y, CW_THEME_CLASSIC, nullptr}};
  for (const auto& t : series) {
    GoldenCase c =
        WithAxes({t.name, ChartOptions(560, 360, CW_CHART_CANDLESTICK, t.theme), 0, 0, t.data});
    c.options.time_zone = t.zone;
    cases.push_back(c);
  }
  GoldenCase aa = Antialiased(WithAxes({"time_intraday_ny_antialiased_tradingview",
                                        ChartOptions(560, 360, CW_CHART_CANDLESTICK,
                                                     CW_THEME_TRADINGVIEW),
                                        0, 0, GoldenData::kIntradayNy}));
  aa.options.time_zone = "America/New_York";
  cases.push_back(aa);
  // Every chart type with axes, legend and panels, light and dark.
  for (int32_t type = 0; cw_chart_type_name(type) != nullptr; ++type) {
    for (int32_t theme : {CW_THEME_LIGHT, CW_THEME_TRADINGVIEW}) {
      const bool bricks = type == CW_CHART_RENKO || type == CW_CHART_POINT_FIGURE;
      cases.push_back(WithAxes({std::string("axes_") + cw_chart_type_name(type) +
                                    (theme == CW_THEME_LIGHT ? "_light" : "_dark"),
                                ChartOptions(480, 300, type, theme), 0, 0,
                                bricks ? GoldenData::kDaily3mBare : GoldenData::kDaily3m}));
    }
  }
  return cases;
}

cw_status RenderGolden(const GoldenCase& c, std::vector<uint8_t>* out, int32_t format) {
  cw_chart* chart = nullptr;
  cw_status st = cw_chart_create(&c.options, &chart);
  if (st != CW_OK) return st;
  Series s = GoldenSeries(c);
  if (c.data == GoldenData::kFlat) {
    for (size_t i = 0; i < s.close.size(); ++i) s.open[i] = s.high[i] = s.low[i] = s.close[i] = 50;
    s.volume.clear();
  }
  cw_ohlcv series = s.View();
  if (s.volume.empty()) series.volume = {nullptr, 0, 0};
  cw_chart_data data;
  cw_chart_data_init(&data, &series);

  // Extras, computed here from the test series.
  const std::vector<double> fast = Sma(s.close, 10), slow = Sma(s.close, 30);
  std::vector<double> upper(s.close.size(), NAN), lower(s.close.size(), NAN);
  std::vector<double> osc(s.close.size(), NAN), hist(s.close.size(), NAN);
  const std::vector<double> mid = Sma(s.close, 20);
  for (size_t i = 0; i < s.close.size(); ++i) {
    if (std::isnan(mid[i])) continue;
    double var = 0;
    for (size_t k = i + 1 - 20; k <= i; ++k) var += (s.close[k] - mid[i]) * (s.close[k] - mid[i]);
    const double sd = std::sqrt(var / 20);
    upper[i] = mid[i] + 2 * sd;
    lower[i] = mid[i] - 2 * sd;
    osc[i] = sd > 0 ? 50 + 25 * (s.close[i] - mid[i]) / sd : 50;
    hist[i] = s.close[i] - mid[i];
  }
  std::vector<double> gappy = fast;
  for (size_t i = 25; i < 32 && i < gappy.size(); ++i) gappy[i] = NAN;
  if (gappy.size() > 45) gappy[44] = gappy[46] = NAN;  // an isolated point at 45

  const cw_line overlays[] = {{{fast.data(), fast.size(), 0}, 0xFFB300FF, 0},
                              {{slow.data(), slow.size(), 0}, 0x42A5F5FF, 0}};
  const cw_line gappy_line[] = {{{gappy.data(), gappy.size(), 0}, 0xFFB300FF, 2}};
  const cw_band band = TestBand(upper.data(), lower.data(), s.close.size());
  const cw_line osc_line[] = {{{osc.data(), osc.size(), 0}, 0xAB47BCFF, 1}};
  const double levels[] = {30, 70};
  cw_panel panels[2];
  OscillatorAndHistogram(osc_line, levels, 0, 100, hist.data(), hist.size(), panels);
  panels[0].title = "OSC 20";
  panels[1].title = "HIST";
  if (c.data == GoldenData::kExtras) {
    AttachExtras(&data, overlays, 2, &band, panels, 2);
    data.title = "GOLDEN / USD  1D";
  } else if (c.data == GoldenData::kGappy) {
    data.overlays = gappy_line;
    data.overlay_count = 1;
  }
  // The time-axis series: a named SMA (a band too on the daily series) and
  // one indicator panel, computed by the library.
  IndicatorExtrasOptions extras_options;
  extras_options.sma_periods = {20};
  extras_options.bollinger = c.data == GoldenData::kDaily3m;
  extras_options.macd = c.data == GoldenData::kCryptoHourly;
  extras_options.rsi = !extras_options.macd;
  const IndicatorExtras extras(s, extras_options);
  if (IsSynthetic(c.data) && c.data != GoldenData::kDaily3mBare) {
    extras.Apply(&data);
    data.title = "SYNTH";
  }

  if (cw_format_bytes_per_pixel(format) != 0) {
    size_t stride = 0, size = 0;
    uint32_t w = 0, h = 0;
    cw_chart_frame_info(chart, &w, &h, nullptr, nullptr);
    stride = w * cw_format_bytes_per_pixel(format);
    size = stride * h;
    out->assign(size, 0);
    st = cw_chart_render_frame(chart, &data, format, out->data(), size, stride);
  } else {
    st = RenderBytes(chart, &data, format, out);
  }
  cw_chart_destroy(chart);
  return st;
}

}  // namespace candlewick_test
