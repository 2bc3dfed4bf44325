#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/numbers.h"
#include "capi/candlewick.h"
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
               "  -i, --csv FILE        input CSV with a header naming time,open,high,low,close\n"
               "                        and optionally volume (default: the bundled sample)\n"
               "  -o, --out FILE        output PNG (default: chart.png)\n"
               "  -W, --width N         width in pixels, %u..%u (default 800)\n"
               "  -H, --height N        height in pixels, %u..%u (default 600)\n"
               "  -t, --theme NAME      classic | modern | tradingview | light (default classic)\n"
               "      --type NAME       chart type: candlestick (default)\n"
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
  std::string input, output = "chart.png";
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
      const std::string t = v;
      if (t == "classic") options.theme = CW_THEME_CLASSIC;
      else if (t == "modern") options.theme = CW_THEME_MODERN;
      else if (t == "tradingview") options.theme = CW_THEME_TRADINGVIEW;
      else if (t == "light") options.theme = CW_THEME_LIGHT;
      else return Usage("unknown theme", v);
    } else if (arg == "--type") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      if (std::string(v) != "candlestick") return Usage("unsupported chart type", v);
      options.type = CW_CHART_CANDLESTICK;
    } else if (arg == "--png") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      const std::string p = v;
      if (p == "fastest") options.png_preset = CW_PNG_FASTEST;
      else if (p == "balanced") options.png_preset = CW_PNG_BALANCED;
      else if (p == "smallest") options.png_preset = CW_PNG_SMALLEST;
      else return Usage("unknown PNG preset", v);
    } else if (arg == "--no-volume") {
      options.show_volume = 0;
    } else if (arg == "--no-grid") {
      options.show_grid = 0;
    } else {
      return Usage("unknown option", arg.c_str());
    }
  }

  absl::StatusOr<OhlcvTable> table =
      input.empty() ? ParseOhlcvCsv(BundledSampleCsv(), "bundled sample")
                    : ReadOhlcvCsv(ResolveUserPath(input));
  if (!table.ok()) {
    std::fprintf(stderr, "candlewick render: %s\n", std::string(table.status().message()).c_str());
    return 1;
  }
  cw_chart* chart = nullptr;
  cw_status status = cw_chart_create(&options, &chart);
  if (status != CW_OK) {
    std::fprintf(stderr, "candlewick render: cannot create a %ux%u chart: %s\n", options.width,
                 options.height, cw_status_string(status));
    return status == CW_ERR_SIZE_OUT_OF_RANGE ? 2 : 1;
  }
  const OhlcvTable& t = *table;
  const cw_ohlcv series = cw_ohlcv_contiguous(
      t.rows(), t.time.empty() ? nullptr : t.time.data(), t.open.data(), t.high.data(),
      t.low.data(), t.close.data(), t.volume.empty() ? nullptr : t.volume.data());
  cw_buffer* png = nullptr;
  status = cw_chart_render_png(chart, &series, &png);
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
            std::fwrite(cw_buffer_data(png), 1, cw_buffer_size(png), file) == cw_buffer_size(png);
  if (file != nullptr && std::fclose(file) != 0) ok = false;
  const size_t bytes = cw_buffer_size(png);
  cw_buffer_destroy(png);
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
