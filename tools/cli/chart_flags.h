// Names the command-line tools use for chart options and output formats,
// shared by `candlewick render` and `candlewick batch` (and their manifest).
#ifndef CANDLEWICK_TOOLS_CLI_CHART_FLAGS_H_
#define CANDLEWICK_TOOLS_CLI_CHART_FLAGS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace candlewick {
namespace cli {

// Each sets *out and returns true for a known name, else returns false.
bool ParseTheme(absl::string_view name, int32_t* out);      // classic, modern, ...
bool ParseChartType(absl::string_view name, int32_t* out);  // candlestick, ohlc, pnf, ...
bool ParseFormat(absl::string_view name, int32_t* out);     // png, webp, svg, rgba, ...
bool ParsePngPreset(absl::string_view name, int32_t* out);  // fastest, balanced, smallest

// The format to write `output` in, given an explicit --format (-1 when
// absent, `format_name` its spelling for messages), or -1 with a usage
// message in *error: an unknown extension, or one that disagrees with
// --format, is an error, never silently PNG. No extension: --format, else
// PNG. Extensions: the format names (.png, .webp, .svg, .rgba, .rgb,
// .indexed) and .raw / .bin for any raw frame (RGBA by default).
int32_t ChooseFormat(const std::string& output, int32_t format, absl::string_view format_name,
                     std::string* error);
// The file extension written for a format ("png", "webp", "svg", "rgba",
// "rgb", "indexed"; webp-lossy files are ".webp").
const char* FormatExtension(int32_t format);

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_CHART_FLAGS_H_
