// Draws a display list into a frame: RGBA patterns for 4-byte frames, palette
// indices (the colour role itself) for 1-byte frames.
#ifndef CANDLEWICK_CC_CHART_RASTERIZE_H_
#define CANDLEWICK_CC_CHART_RASTERIZE_H_

#include "cc/canvas/frame.h"
#include "cc/chart/layout.h"
#include "cc/chart/theme.h"

namespace candlewick {

void Rasterize(const DisplayList& list, const Palette& palette, const Frame& frame);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_RASTERIZE_H_
