#include "tools/cli/chart_flags.h"

#include <string>

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

constexpr Name kPresets[] = {{"fastest", CW_PNG_FASTEST},
                             {"balanced", CW_PNG_BALANCED},
                             {"smallest", CW_PNG_SMALLEST}};

}  // namespace

// Chart types, themes and formats come from the C API's name tables (the
// canonical names and their aliases).
bool ParseTheme(absl::string_view name, int32_t* out) {
  return cw_theme_find(std::string(name).c_str(), out) == CW_OK;
}
bool ParseChartType(absl::string_view name, int32_t* out) {
  return cw_chart_type_find(std::string(name).c_str(), out) == CW_OK;
}
bool ParseFormat(absl::string_view name, int32_t* out) {
  return cw_format_find(std::string(name).c_str(), out) == CW_OK;
}
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
