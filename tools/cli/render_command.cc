#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "capi/candlewick.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/chart_flags.h"
#include "tools/cli/commands.h"
#include "tools/cli/files.h"
#include "tools/cli/ohlcv_csv.h"

namespace candlewick {
namespace cli {
namespace {

void PrintRenderHelp(FILE* out) {
  std::fprintf(out,
               "usage: candlewick render [options]\n"
               "\n"
               "Draws a chart of an OHLCV CSV file to a PNG file.\n"
               "\n"
               "  -i, --csv FILE        input CSV with a header naming open,high,low,close and\n"
               "                        optionally time,volume (default: the bundled sample)\n"
               "  -o, --out FILE        output file (default: chart.png); its extension says\n"
               "                        the format: .png, .webp, .svg, .rgba, .rgb, .raw or\n"
               "                        .bin (raw frames); none: png\n"
               "  -f, --format NAME     png | webp | webp-lossy | svg | rgba | rgb | indexed;\n"
               "                        must agree with the extension (.raw/.bin: any raw)\n"
               "  -W, --width N         width in pixels, %u..%u (default 800)\n"
               "  -H, --height N        height in pixels, %u..%u (default 600)\n"
               "  -t, --theme NAME      classic | modern | tradingview | light (default classic)\n"
               "      --type NAME       candlestick (default) | hollow | ohlc | line | area |\n"
               "                        heikin-ashi | renko | pnf\n"
               "      --axes            price, panel and time axes, labels, legend, marker\n"
               "      --tz ZONE         time zone of the time axis, an IANA name such as\n"
               "                        America/New_York (default UTC)\n"
               "      --antialias       blended edges (default: crisp, exact colours only)\n"
               "      --title TEXT      a title at the top left\n"
               "      --overlay IND     an indicator over the prices, e.g. sma:20, ema:50,\n"
               "                        bbands:period=20,nbdevup=2 (a band); repeatable\n"
               "      --panel IND       an indicator panel below, e.g. rsi:14, macd:12,26,9,\n"
               "                        stoch:fastk=14,slowk=3,slowd=3; repeatable\n"
               "                        IND is NAME[:P,...]: parameters by position in the\n"
               "                        order 'candlewick indicators --list' shows, or as\n"
               "                        name=value\n"
               "      --box SIZE        renko / point-and-figure box (default: ATR(14))\n"
               "      --reversal N      point-and-figure reversal in boxes (default 3)\n"
               "      --font FILE       a TrueType font for labels (default: DejaVu Sans)\n"
               "      --quality Q       lossy WebP quality 0..100 (default 90)\n"
               "      --png PRESET      fastest | balanced | smallest (default balanced)\n"
               "      --no-volume       no volume panel\n"
               "      --no-grid         no grid lines\n"
               "  -h, --help            this text\n",
               CW_MIN_DIMENSION, CW_MAX_DIMENSION, CW_MIN_DIMENSION, CW_MAX_DIMENSION);
}

bool ParseDimension(const char* text, uint32_t* out) {
  return absl::SimpleAtoi(text, out);
}

int Usage(const char* message, const char* value) {
  return UsageError("render", value ? absl::StrCat(message, " ", value) : message);
}

// What the command line asks for.
struct RenderSettings {
  cw_chart_options options;
  std::string input, output = "chart.png", title, font_path, time_zone, format_name;
  int32_t format = -1;
  std::vector<std::string> overlay_specs, panel_specs;
  float webp_quality = 90.0f;
};

// Returned by the steps below when the command goes on.
constexpr int kContinue = -1;

// Reads the flags into `s`; returns kContinue, or the exit code of --help or
// a usage error.
int ParseRenderFlags(int argc, char** argv, RenderSettings* s) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char** out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    const char* v = nullptr;
    if (arg == "-h" || arg == "--help") {
      PrintRenderHelp(stdout);
      return 0;
    } else if (arg == "-i" || arg == "--csv") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->input = v;
    } else if (arg == "-o" || arg == "--out") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->output = v;
    } else if (arg == "-W" || arg == "--width") {
      if (!value(&v) || !ParseDimension(v, &s->options.width)) return Usage("bad width", v);
    } else if (arg == "-H" || arg == "--height") {
      if (!value(&v) || !ParseDimension(v, &s->options.height)) return Usage("bad height", v);
    } else if (arg == "-t" || arg == "--theme") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseTheme(v, &s->options.theme)) return Usage("unknown theme", v);
    } else if (arg == "--type") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseChartType(v, &s->options.type)) return Usage("unknown chart type", v);
    } else if (arg == "-f" || arg == "--format") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseFormat(v, &s->format)) return Usage("unknown format", v);
      s->format_name = v;
    } else if (arg == "--axes") {
      s->options.show_axes = 1;
    } else if (arg == "--tz") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->time_zone = v;
    } else if (arg == "--antialias") {
      s->options.antialias = 1;
    } else if (arg == "--overlay" || arg == "--panel") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      (arg == "--overlay" ? s->overlay_specs : s->panel_specs).push_back(v);
    } else if (arg == "--title") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->title = v;
    } else if (arg == "--box") {
      if (!value(&v) || !absl::SimpleAtod(v, &s->options.box_size) ||
          !(s->options.box_size > 0)) {
        return Usage("bad box size", v);
      }
    } else if (arg == "--reversal") {
      if (!value(&v) || !absl::SimpleAtoi(v, &s->options.reversal)) return Usage("bad reversal", v);
    } else if (arg == "--font") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->font_path = v;
    } else if (arg == "--quality") {
      if (!value(&v) || !absl::SimpleAtof(v, &s->webp_quality)) return Usage("bad quality", v);
    } else if (arg == "--png") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParsePngPreset(v, &s->options.png_preset)) return Usage("unknown PNG preset", v);
    } else if (arg == "--no-volume") {
      s->options.show_volume = 0;
    } else if (arg == "--no-grid") {
      s->options.show_grid = 0;
    } else {
      return Usage("unknown option", arg.c_str());
    }
  }
  return kContinue;
}

// Reads --font into `bytes` for the options; false (with a message) if it
// cannot be read.
bool LoadFont(const std::string& font_path, std::string* bytes, cw_chart_options* options) {
  if (font_path.empty()) return true;
  if (!ReadWholeFile(ResolveUserPath(font_path), bytes)) {
    std::fprintf(stderr, "candlewick render: cannot read font '%s'\n", font_path.c_str());
    return false;
  }
  options->font_data = reinterpret_cast<const uint8_t*>(bytes->data());
  options->font_data_size = bytes->size();
  return true;
}

// Computes the --overlay and --panel indicators; returns kContinue or the
// exit code of a failure.
int AddIndicators(const RenderSettings& s, const OhlcvTable& table, ChartExtras* extras) {
  if (s.overlay_specs.empty() && s.panel_specs.empty()) return kContinue;
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) {
    std::fprintf(stderr, "candlewick render: out of memory\n");
    return 1;
  }
  absl::Status st;
  for (const std::string& spec : s.overlay_specs) {
    if (st.ok()) st = extras->AddOverlay(context, spec, table);
  }
  for (const std::string& spec : s.panel_specs) {
    if (st.ok()) st = extras->AddPanel(context, spec, table);
  }
  cw_indicator_context_destroy(context);
  if (!st.ok()) {
    std::fprintf(stderr, "candlewick render: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  return kContinue;
}

// Draws the chart into `*out`; returns kContinue or the exit code of a failure.
int RenderChart(const RenderSettings& s, const OhlcvTable& t, ChartExtras* extras,
                cw_buffer** out) {
  cw_chart* chart = nullptr;
  cw_status status = cw_chart_create(&s.options, &chart);
  if (status != CW_OK) {
    char why[512];
    cw_chart_options_validate(&s.options, why, sizeof why);
    std::fprintf(stderr, "candlewick render: cannot create the chart: %s%s%s\n",
                 cw_status_string(status), why[0] ? ": " : "", why);
    return status == CW_ERR_SIZE_OUT_OF_RANGE || status == CW_ERR_INVALID_ARGUMENT ? 2 : 1;
  }
  if (cw_chart_set_webp_quality(chart, s.webp_quality) != CW_OK) {
    cw_chart_destroy(chart);
    return Usage("WebP quality must be in [0, 100], got", std::to_string(s.webp_quality).c_str());
  }
  const cw_ohlcv series = cw_ohlcv_contiguous(
      t.rows(), t.time.empty() ? nullptr : t.time.data(), t.open.data(), t.high.data(),
      t.low.data(), t.close.data(), t.volume.empty() ? nullptr : t.volume.data());
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.title = s.title.empty() ? nullptr : s.title.c_str();
  extras->Apply(&data);
  status = cw_chart_render(chart, &data, s.format, out);
  if (status != CW_OK) {
    std::fprintf(stderr, "candlewick render: %s: %s\n", cw_status_string(status),
                 cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  cw_chart_destroy(chart);  // the buffer outlives the chart by design
  return kContinue;
}

// Writes the rendered chart to --out, takes the buffer, and returns the exit code.
int WriteChart(const RenderSettings& s, size_t candles, cw_buffer* out) {
  const std::string path = ResolveUserPath(s.output);
  const bool ok = WriteWholeFile(path, cw_buffer_data(out), cw_buffer_size(out));
  const size_t bytes = cw_buffer_size(out);
  cw_buffer_destroy(out);
  if (!ok) {
    std::fprintf(stderr, "candlewick render: cannot write '%s': %s\n", path.c_str(),
                 std::strerror(errno));
    return 1;
  }
  std::printf("wrote %s (%ux%u, %zu candles, %zu bytes)\n", path.c_str(), s.options.width,
              s.options.height, candles, bytes);
  return 0;
}

}  // namespace

int RunVersion() {
  std::printf("candlewick %s\n", cw_version_string());
  return 0;
}

int RunRender(int argc, char** argv) {
  RenderSettings s;
  cw_chart_options_init(&s.options);
  if (const int code = ParseRenderFlags(argc, argv, &s); code != kContinue) return code;

  std::string format_error;
  s.format = ChooseFormat(s.output, s.format, s.format_name, &format_error);
  if (s.format < 0) return Usage(format_error.c_str(), nullptr);
  s.options.time_zone = s.time_zone.c_str();
  // Every option is checked before the data is read, and explained.
  char why[512];
  const cw_status valid = cw_chart_options_validate(&s.options, why, sizeof why);
  if (valid != CW_OK) return Usage(why, nullptr);
  absl::StatusOr<OhlcvTable> table =
      s.input.empty() ? ParseOhlcvCsv(BundledSampleCsv(), "bundled sample")
                      : ReadOhlcvCsv(ResolveUserPath(s.input));
  if (!table.ok()) {
    std::fprintf(stderr, "candlewick render: %s\n", std::string(table.status().message()).c_str());
    return 1;
  }
  if (!table->note.empty()) {
    std::fprintf(stderr, "candlewick render: warning: %s\n", table->note.c_str());
  }
  std::string font_bytes;
  if (!LoadFont(s.font_path, &font_bytes, &s.options)) return 1;
  ChartExtras extras;
  if (const int code = AddIndicators(s, *table, &extras); code != kContinue) return code;
  cw_buffer* out = nullptr;
  if (const int code = RenderChart(s, *table, &extras, &out); code != kContinue) return code;
  return WriteChart(s, table->rows(), out);
}

}  // namespace cli
}  // namespace candlewick
