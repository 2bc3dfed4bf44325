#include "tools/cli/chart_flags.h"

#include "capi/candlewick.h"

namespace candlewick {
namespace cli {
namespace {

struct Name {
  const char* name;
  int32_t value;
};

template <size_t N>
bool Find(const Name (&table)[N], absl::string_view name, int32_t* out) {
  for (const Name& n : table) {
    if (name == n.name) {
      *out = n.value;
      return true;
    }
  }
  return false;
}

constexpr Name kThemes[] = {{"classic", CW_THEME_CLASSIC},
                            {"modern", CW_THEME_MODERN},
                            {"tradingview", CW_THEME_TRADINGVIEW},
                            {"light", CW_THEME_LIGHT}};
constexpr Name kTypes[] = {{"candlestick", CW_CHART_CANDLESTICK}, {"candles", CW_CHART_CANDLESTICK},
                           {"hollow", CW_CHART_HOLLOW},           {"ohlc", CW_CHART_OHLC},
                           {"line", CW_CHART_LINE},               {"area", CW_CHART_AREA},
                           {"heikin-ashi", CW_CHART_HEIKIN_ASHI}, {"renko", CW_CHART_RENKO},
                           {"pnf", CW_CHART_POINT_FIGURE},        {"point-figure", CW_CHART_POINT_FIGURE}};
constexpr Name kFormats[] = {{"png", CW_FORMAT_PNG},   {"webp", CW_FORMAT_WEBP_LOSSLESS},
                             {"webp-lossy", CW_FORMAT_WEBP_LOSSY}, {"svg", CW_FORMAT_SVG},
                             {"rgba", CW_FORMAT_RGBA8}, {"rgb", CW_FORMAT_RGB8},
                             {"indexed", CW_FORMAT_INDEXED8}};
constexpr Name kPresets[] = {{"fastest", CW_PNG_FASTEST},
                             {"balanced", CW_PNG_BALANCED},
                             {"smallest", CW_PNG_SMALLEST}};

}  // namespace

bool ParseTheme(absl::string_view name, int32_t* out) { return Find(kThemes, name, out); }
bool ParseChartType(absl::string_view name, int32_t* out) { return Find(kTypes, name, out); }
bool ParseFormat(absl::string_view name, int32_t* out) { return Find(kFormats, name, out); }
bool ParsePngPreset(absl::string_view name, int32_t* out) { return Find(kPresets, name, out); }

int32_t FormatFromExtension(const std::string& path) {
  const size_t dot = path.rfind('.');
  int32_t format = CW_FORMAT_PNG;
  if (dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    ParseFormat(absl::string_view(path).substr(dot + 1), &format);
  }
  return format;
}

const char* FormatExtension(int32_t format) {
  switch (format) {
    case CW_FORMAT_WEBP_LOSSLESS:
    case CW_FORMAT_WEBP_LOSSY:
      return "webp";
    case CW_FORMAT_SVG:
      return "svg";
    case CW_FORMAT_RGBA8:
      return "rgba";
    case CW_FORMAT_RGB8:
      return "rgb";
    case CW_FORMAT_INDEXED8:
      return "indexed";
    default:
      return "png";
  }
}

}  // namespace cli
}  // namespace candlewick
