#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "capi/candlewick.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/chart_flags.h"
#include "tools/cli/commands.h"
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

bool ReadFile(const std::string& path, std::string* bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) bytes->append(chunk, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

int Usage(const char* message, const char* value) {
  std::fprintf(stderr, "candlewick render: %s%s%s\n", message, value ? " " : "",
               value ? value : "");
  std::fprintf(stderr, "Run 'candlewick render --help' for the options.\n");
  return 2;
}

}  // namespace

std::string ResolveUserPath(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (cwd == nullptr || cwd[0] == '\0') return path;
  return std::string(cwd) + "/" + path;
}

int RunVersion() {
  std::printf("candlewick %s\n", cw_version_string());
  return 0;
}

int RunRender(int argc, char** argv) {
  cw_chart_options options;
  cw_chart_options_init(&options);
  std::string input, output = "chart.png", title, font_path, time_zone, format_name;
  int32_t format = -1;
  std::vector<std::string> overlay_specs, panel_specs;
  float webp_quality = 90.0f;
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
      input = v;
    } else if (arg == "-o" || arg == "--out") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      output = v;
    } else if (arg == "-W" || arg == "--width") {
      if (!value(&v) || !ParseDimension(v, &options.width)) return Usage("bad width", v);
    } else if (arg == "-H" || arg == "--height") {
      if (!value(&v) || !ParseDimension(v, &options.height)) return Usage("bad height", v);
    } else if (arg == "-t" || arg == "--theme") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseTheme(v, &options.theme)) return Usage("unknown theme", v);
    } else if (arg == "--type") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseChartType(v, &options.type)) return Usage("unknown chart type", v);
    } else if (arg == "-f" || arg == "--format") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParseFormat(v, &format)) return Usage("unknown format", v);
      format_name = v;
    } else if (arg == "--axes") {
      options.show_axes = 1;
    } else if (arg == "--tz") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      time_zone = v;
    } else if (arg == "--antialias") {
      options.antialias = 1;
    } else if (arg == "--overlay" || arg == "--panel") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      (arg == "--overlay" ? overlay_specs : panel_specs).push_back(v);
    } else if (arg == "--title") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      title = v;
    } else if (arg == "--box") {
      if (!value(&v) || !absl::SimpleAtod(v, &options.box_size) || !(options.box_size > 0)) {
        return Usage("bad box size", v);
      }
    } else if (arg == "--reversal") {
      if (!value(&v) || !absl::SimpleAtoi(v, &options.reversal)) return Usage("bad reversal", v);
    } else if (arg == "--font") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      font_path = v;
    } else if (arg == "--quality") {
      if (!value(&v) || !absl::SimpleAtof(v, &webp_quality)) return Usage("bad quality", v);
    } else if (arg == "--png") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (!ParsePngPreset(v, &options.png_preset)) return Usage("unknown PNG preset", v);
    } else if (arg == "--no-volume") {
      options.show_volume = 0;
    } else if (arg == "--no-grid") {
      options.show_grid = 0;
    } else {
      return Usage("unknown option", arg.c_str());
    }
  }

  std::string format_error;
  format = ChooseFormat(output, format, format_name, &format_error);
  if (format < 0) return Usage(format_error.c_str(), nullptr);
  options.time_zone = time_zone.c_str();
  // Every option is checked before the data is read, and explained.
  char why[512];
  const cw_status valid = cw_chart_options_validate(&options, why, sizeof why);
  if (valid != CW_OK) return Usage(why, nullptr);
  absl::StatusOr<OhlcvTable> table =
      input.empty() ? ParseOhlcvCsv(BundledSampleCsv(), "bundled sample")
                    : ReadOhlcvCsv(ResolveUserPath(input));
  if (!table.ok()) {
    std::fprintf(stderr, "candlewick render: %s\n", std::string(table.status().message()).c_str());
    return 1;
  }
  std::string font_bytes;
  if (!font_path.empty()) {
    if (!ReadFile(ResolveUserPath(font_path), &font_bytes)) {
      std::fprintf(stderr, "candlewick render: cannot read font '%s'\n", font_path.c_str());
      return 1;
    }
    options.font_data = reinterpret_cast<const uint8_t*>(font_bytes.data());
    options.font_data_size = font_bytes.size();
  }
  ChartExtras extras;
  if (!overlay_specs.empty() || !panel_specs.empty()) {
    cw_indicator_context* context = nullptr;
    if (cw_indicator_context_create(nullptr, &context) != CW_OK) {
      std::fprintf(stderr, "candlewick render: out of memory\n");
      return 1;
    }
    absl::Status st;
    for (const std::string& spec : overlay_specs) {
      if (st.ok()) st = extras.AddOverlay(context, spec, *table);
    }
    for (const std::string& spec : panel_specs) {
      if (st.ok()) st = extras.AddPanel(context, spec, *table);
    }
    cw_indicator_context_destroy(context);
    if (!st.ok()) {
      std::fprintf(stderr, "candlewick render: %s\n", std::string(st.message()).c_str());
      return 2;
    }
  }
  cw_chart* chart = nullptr;
  cw_status status = cw_chart_create(&options, &chart);
  if (status != CW_OK) {
    cw_chart_options_validate(&options, why, sizeof why);
    std::fprintf(stderr, "candlewick render: cannot create the chart: %s%s%s\n",
                 cw_status_string(status), why[0] ? ": " : "", why);
    return status == CW_ERR_SIZE_OUT_OF_RANGE || status == CW_ERR_INVALID_ARGUMENT ? 2 : 1;
  }
  if (cw_chart_set_webp_quality(chart, webp_quality) != CW_OK) {
    cw_chart_destroy(chart);
    return Usage("WebP quality must be in [0, 100], got", std::to_string(webp_quality).c_str());
  }
  const OhlcvTable& t = *table;
  const cw_ohlcv series = cw_ohlcv_contiguous(
      t.rows(), t.time.empty() ? nullptr : t.time.data(), t.open.data(), t.high.data(),
      t.low.data(), t.close.data(), t.volume.empty() ? nullptr : t.volume.data());
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  data.title = title.empty() ? nullptr : title.c_str();
  extras.Apply(&data);
  cw_buffer* out = nullptr;
  status = cw_chart_render(chart, &data, format, &out);
  if (status != CW_OK) {
    std::fprintf(stderr, "candlewick render: %s: %s\n", cw_status_string(status),
                 cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  cw_chart_destroy(chart);  // the buffer outlives the chart by design

  const std::string path = ResolveUserPath(output);
  FILE* file = std::fopen(path.c_str(), "wb");
  bool ok = file != nullptr &&
            std::fwrite(cw_buffer_data(out), 1, cw_buffer_size(out), file) == cw_buffer_size(out);
  if (file != nullptr && std::fclose(file) != 0) ok = false;
  const size_t bytes = cw_buffer_size(out);
  cw_buffer_destroy(out);
  if (!ok) {
    std::fprintf(stderr, "candlewick render: cannot write '%s': %s\n", path.c_str(),
                 std::strerror(errno));
    return 1;
  }
  std::printf("wrote %s (%ux%u, %zu candles, %zu bytes)\n", path.c_str(), options.width,
              options.height, t.rows(), bytes);
  return 0;
}

}  // namespace cli
}  // namespace candlewick
