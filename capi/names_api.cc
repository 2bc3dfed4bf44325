// One name table per enum of the C API (chart types, themes, formats): the
// spelling every tool and binding uses, plus the aliases the CLI has always
// accepted. Indicators have theirs in cc/indicators (cw_indicator_find).
#include <cstddef>
#include <cstring>

#include "capi/candlewick.h"

namespace {

struct Name {
  const char* name;
  int32_t value;
};

// Canonical names first, one per value, in value order; aliases after.
constexpr Name kChartTypes[] = {
    {"candlestick", CW_CHART_CANDLESTICK}, {"hollow", CW_CHART_HOLLOW},
    {"ohlc", CW_CHART_OHLC},               {"line", CW_CHART_LINE},
    {"area", CW_CHART_AREA},               {"heikin-ashi", CW_CHART_HEIKIN_ASHI},
    {"renko", CW_CHART_RENKO},             {"point-figure", CW_CHART_POINT_FIGURE},
    // Aliases: the CLI's short forms, and the bindings' identifier forms.
    {"candles", CW_CHART_CANDLESTICK},     {"pnf", CW_CHART_POINT_FIGURE},
    {"heikin_ashi", CW_CHART_HEIKIN_ASHI}, {"point_figure", CW_CHART_POINT_FIGURE},
};
constexpr size_t kChartTypeNames = 8;

constexpr Name kThemes[] = {
    {"classic", CW_THEME_CLASSIC},
    {"modern", CW_THEME_MODERN},
    {"tradingview", CW_THEME_TRADINGVIEW},
    {"light", CW_THEME_LIGHT},
};
constexpr size_t kThemeNames = 4;

constexpr Name kFormats[] = {
    {"rgba", CW_FORMAT_RGBA8},
    {"rgb", CW_FORMAT_RGB8},
    {"indexed", CW_FORMAT_INDEXED8},
    {"png", CW_FORMAT_PNG},
    {"webp", CW_FORMAT_WEBP_LOSSLESS},
    {"webp-lossy", CW_FORMAT_WEBP_LOSSY},
    {"svg", CW_FORMAT_SVG},
    // Alias: the explicit spelling.
    {"webp-lossless", CW_FORMAT_WEBP_LOSSLESS},
};
constexpr size_t kFormatNames = 7;

template <size_t N>
constexpr bool CanonicalInValueOrder(const Name (&table)[N], size_t canonical) {
  for (size_t i = 0; i < canonical; ++i) {
    if (table[i].value != static_cast<int32_t>(i)) return false;
  }
  return true;
}
static_assert(CanonicalInValueOrder(kChartTypes, kChartTypeNames), "chart type names");
static_assert(CanonicalInValueOrder(kThemes, kThemeNames), "theme names");
static_assert(CanonicalInValueOrder(kFormats, kFormatNames), "format names");
static_assert(CW_CHART_POINT_FIGURE + 1 == kChartTypeNames && CW_THEME_LIGHT + 1 == kThemeNames &&
                  CW_FORMAT_SVG + 1 == kFormatNames,
              "every enum value has a name");

template <size_t N>
const char* NameOf(const Name (&table)[N], size_t canonical, int32_t value) {
  return value >= 0 && static_cast<size_t>(value) < canonical ? table[value].name : nullptr;
}

template <size_t N>
cw_status Find(const Name (&table)[N], const char* name, int32_t* out) {
  if (out != nullptr) *out = -1;
  if (name == nullptr || out == nullptr) return CW_ERR_NULL_ARGUMENT;
  for (const Name& entry : table) {
    if (std::strcmp(name, entry.name) == 0) {
      *out = entry.value;
      return CW_OK;
    }
  }
  return CW_ERR_INVALID_ARGUMENT;
}

}  // namespace

extern "C" {

const char* cw_chart_type_name(int32_t type) { return NameOf(kChartTypes, kChartTypeNames, type); }

cw_status cw_chart_type_find(const char* name, int32_t* out) {
  return Find(kChartTypes, name, out);
}

const char* cw_theme_name(int32_t theme) { return NameOf(kThemes, kThemeNames, theme); }

cw_status cw_theme_find(const char* name, int32_t* out) { return Find(kThemes, name, out); }

const char* cw_format_name(int32_t format) { return NameOf(kFormats, kFormatNames, format); }

cw_status cw_format_find(const char* name, int32_t* out) { return Find(kFormats, name, out); }

}  // extern "C"
