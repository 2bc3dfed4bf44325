// SVG output: the same display list the rasteriser draws, written as vector
// graphics, so an SVG and a PNG of one chart show the same layout.
#ifndef CANDLEWICK_CC_CHART_SVG_H_
#define CANDLEWICK_CC_CHART_SVG_H_

#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/byte_buffer.h"
#include "cc/chart/display_list.h"

namespace candlewick {

// Appends a complete SVG document to `out`. Crisp lists ask renderers for
// crisp edges; text is set in "DejaVu Sans" with generic fallbacks.
absl::Status WriteSvg(const DisplayList& list, int32_t width, int32_t height, bool antialias,
                      int32_t font_size_hint, ByteBuffer* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_SVG_H_
