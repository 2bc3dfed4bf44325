#include "tools/cli/chart_flags.h"

#include <cctype>
#include <string>

#include "absl/strings/str_cat.h"
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

namespace {

// The output's extension, lower case, without the dot ("" when none).
std::string Extension(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool IsRawFrame(int32_t format) {
  return format == CW_FORMAT_RGBA8 || format == CW_FORMAT_RGB8 || format == CW_FORMAT_INDEXED8;
}

}  // namespace

int32_t ChooseFormat(const std::string& output, int32_t format, absl::string_view format_name,
                     std::string* error) {
  const std::string ext = Extension(output);
  if (ext.empty()) return format >= 0 ? format : CW_FORMAT_PNG;
  const bool raw = ext == "raw" || ext == "bin";
  int32_t named = -1;  // the format the extension names (webp: lossless)
  if (!raw && (!ParseFormat(ext, &named) || FormatExtension(named) != ext)) {
    *error = absl::StrCat("cannot write '.", ext, "' files ('", output,
                          "'): the formats are png, webp, svg and raw frames (.rgba, .rgb, "
                          ".indexed, .raw, .bin)");
    return -1;
  }
  if (format < 0) return raw ? CW_FORMAT_RGBA8 : named;
  if (raw ? !IsRawFrame(format) : FormatExtension(format) != ext) {
    *error = absl::StrCat("the extension of '", output, "' does not match --format ", format_name);
    return -1;
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
