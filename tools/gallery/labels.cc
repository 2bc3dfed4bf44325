// The label gallery: candlewick's half of docs/gallery/labels/, the charts
// that tools/gallery/mplfinance_side_by_side.sh puts next to mplfinance's.
// For each case (a series of data/synthetic.h, a chart type, overlays, a
// panel) it writes <case>_candlewick.png, and <series>.csv with the prices
// and the indicator values candlewick computed, so mplfinance draws the same
// numbers; cases.tsv lists the cases for the script.
//   bazel run //tools/gallery:labels -- OUT_DIR
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "capi/candlewick.h"
#include "data/synthetic.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/files.h"
#include "tools/cli/indicator_spec.h"
#include "tools/cli/ohlcv_csv.h"

namespace {

using candlewick::OhlcvTable;
using candlewick::cli::ChartExtras;
using candlewick::synthetic::Series;

struct Case {
  std::string name;  // file stem
  const Series* series;
  const char* type;  // candlewick's and mplfinance's name
  int32_t cw_type;
  double box;        // renko / point-and-figure box (0: none)
  std::vector<std::string> overlays, panels;
};

OhlcvTable ToTable(const Series& s) {
  return {s.time, s.open, s.high, s.low, s.close, s.volume, /*note=*/""};
}

bool WriteText(const std::string& path, const std::string& text) {
  return candlewick::cli::WriteWholeFile(path, text.data(), text.size());
}

bool RenderCase(const std::string& dir, const Case& c) {
  const OhlcvTable table = ToTable(*c.series);
  ChartExtras extras;
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) return false;
  absl::Status st;
  for (const auto& s : c.overlays) if (st.ok()) st = extras.AddOverlay(context, s, table);
  for (const auto& s : c.panels) if (st.ok()) st = extras.AddPanel(context, s, table);
  cw_indicator_context_destroy(context);
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", c.name.c_str(), std::string(st.message()).c_str());
    return false;
  }
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = 900;
  o.height = 560;
  o.theme = CW_THEME_LIGHT;
  o.type = c.cw_type;
  o.box_size = c.box;
  o.show_axes = 1;
  o.antialias = 1;
  o.time_zone = c.series->time_zone.c_str();
  cw_chart* chart = nullptr;
  char why[256];
  if (cw_chart_create(&o, &chart) != CW_OK) {
    cw_chart_options_validate(&o, why, sizeof why);
    std::fprintf(stderr, "%s: %s\n", c.name.c_str(), why);
    return false;
  }
  const Series& s = *c.series;
  const cw_ohlcv series = cw_ohlcv_contiguous(s.size(), s.time.data(), s.open.data(),
                                              s.high.data(), s.low.data(), s.close.data(),
                                              s.volume.data());
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  const std::string title = "SYNTH  " + c.name;
  data.title = title.c_str();
  extras.Apply(&data);
  cw_buffer* out = nullptr;
  const cw_status status = cw_chart_render(chart, &data, CW_FORMAT_PNG, &out);
  if (status != CW_OK) {
    std::fprintf(stderr, "%s: %s\n", c.name.c_str(), cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return false;
  }
  cw_chart_destroy(chart);
  const bool ok = candlewick::cli::WriteWholeFile(dir + "/" + c.name + "_candlewick.png",
                                                  cw_buffer_data(out), cw_buffer_size(out));
  cw_buffer_destroy(out);
  return ok;
}

// The series with every indicator output the cases draw, as candlewick
// computed it (empty cells before the lookback).
bool WriteSeriesCsv(const std::string& dir, const Series& s,
                    const std::vector<std::string>& specs) {
  const OhlcvTable table = ToTable(s);
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) return false;
  std::vector<candlewick::cli::ComputedIndicator> computed;
  std::vector<std::string> header = {"time", "open", "high", "low", "close", "volume"};
  for (const std::string& text : specs) {
    auto spec = candlewick::cli::ParseIndicatorSpec(text);
    if (!spec.ok()) break;
    auto c = candlewick::cli::ComputeIndicator(context, *spec, table);
    if (!c.ok()) break;
    for (const std::string& output : c->output_names) {
      header.push_back(c->outputs.size() == 1 ? c->spec.label : c->spec.label + "_" + output);
    }
    computed.push_back(std::move(*c));
  }
  cw_indicator_context_destroy(context);
  if (computed.size() != specs.size()) return false;
  std::string csv = absl::StrJoin(header, ",") + "\n";
  char cell[64];
  for (size_t i = 0; i < s.size(); ++i) {
    std::snprintf(cell, sizeof cell, "%lld,%.2f,%.2f,%.2f,%.2f,%.0f",
                  static_cast<long long>(s.time[i]), s.open[i], s.high[i], s.low[i], s.close[i],
                  s.volume[i]);
    csv += cell;
    for (const auto& c : computed) {
      for (const auto& values : c.outputs) {
        csv += ",";
        if (values[i] == values[i]) {
          std::snprintf(cell, sizeof cell, "%.10g", values[i]);
          csv += cell;
        }
      }
    }
    csv += "\n";
  }
  return WriteText(dir + "/" + s.name + ".csv", csv);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: labels OUT_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::vector<Series> all = candlewick::synthetic::AllSeries();
  const Series& intraday = all[0];
  const Series& minute = all[1];
  const Series& crypto = all[2];
  const Series& daily = all[3];
  const Series& weekly = all[4];
  const std::vector<Case> cases = {
      {"intraday_ny", &intraday, "candle", CW_CHART_CANDLESTICK, 0, {"sma:20"}, {"rsi:14"}},
      {"minute_session", &minute, "candle", CW_CHART_CANDLESTICK, 0, {"sma:20", "sma:50"}, {}},
      {"crypto_hourly", &crypto, "candle", CW_CHART_CANDLESTICK, 0, {"sma:24"},
       {"macd:12,26,9"}},
      {"daily_3m", &daily, "candle", CW_CHART_CANDLESTICK, 0, {"sma:10", "sma:20"}, {"rsi:14"}},
      {"weekly_10y", &weekly, "candle", CW_CHART_CANDLESTICK, 0, {"sma:52"}, {}},
      {"daily_3m_renko", &daily, "renko", CW_CHART_RENKO, 1.0, {}, {}},
      {"daily_3m_pnf", &daily, "pnf", CW_CHART_POINT_FIGURE, 1.0, {}, {}},
  };
  bool ok = true;
  std::string tsv = "case\tseries\ttime_zone\ttype\tbox\toverlays\tpanels\tcaption\n";
  for (const Case& c : cases) {
    ok &= RenderCase(dir, c);
    char box[32];
    std::snprintf(box, sizeof box, "%g", c.box);
    tsv += c.name + "\t" + c.series->name + "\t" + c.series->time_zone + "\t" + c.type + "\t" +
           box + "\t" + absl::StrJoin(c.overlays, " ") + "\t" + absl::StrJoin(c.panels, " ") +
           "\t" + c.series->caption + "\n";
  }
  // Each series' CSV carries every indicator its cases draw.
  for (const Series& s : all) {
    std::vector<std::string> specs;
    for (const Case& c : cases) {
      if (c.series != &s) continue;
      for (const auto& v : {c.overlays, c.panels}) {
        for (const auto& spec : v) {
          bool seen = false;
          for (const auto& have : specs) seen |= have == spec;
          if (!seen) specs.push_back(spec);
        }
      }
    }
    ok &= WriteSeriesCsv(dir, s, specs);
  }
  ok &= WriteText(dir + "/cases.tsv", tsv);
  std::printf("%s %zu cases in %s\n", ok ? "wrote" : "FAILED writing", cases.size(), dir.c_str());
  return ok ? 0 : 1;
}
