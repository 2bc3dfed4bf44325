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

// The format a path's extension names (".svg" -> CW_FORMAT_SVG); PNG when
// the extension names none.
int32_t FormatFromExtension(const std::string& path);
// The file extension written for a format ("png", "webp", "svg", "rgba",
// "rgb", "indexed"; webp-lossy files are ".webp").
const char* FormatExtension(int32_t format);

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_CHART_FLAGS_H_
