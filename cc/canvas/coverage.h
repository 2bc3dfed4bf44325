// Stroke coverage: how much of each pixel of a row a line segment of some
// width covers, the innermost loop of every line, polyline and band edge.
// A Highway kernel chosen at run time, and a scalar reference
// (coverage_reference.h) it matches bit for bit on every target: the same
// IEEE operations in the same order in every lane (no fused multiply-add,
// see BUILD), so every target draws the same pixels.
#ifndef CANDLEWICK_CC_CANVAS_COVERAGE_H_
#define CANDLEWICK_CC_CANVAS_COVERAGE_H_

#include <cstdint>

namespace candlewick {

// A segment from (x0, y0) to (x0 + dx, y0 + dy), len2 = dx * dx + dy * dy,
// stroked hw pixels either side of its centre line.
struct StrokeSegment {
  float x0, y0, dx, dy, len2, hw;
};

// For pixels x_first..x_last (x_first <= x_last) of the row whose centre is
// at yc: the coverage c = clamp(hw + 0.5 - d, 0, 1) of the pixel centre
// (x + 0.5, yc) at distance d from the segment (a one-pixel ramp across the
// edge), as the byte c * 255 + 0.5 (truncated), raises row[x] to it when
// larger (the mask keeps the maximum over a stroke's segments).
void SegmentRowCoverage(uint8_t* row, int32_t x_first, int32_t x_last, float yc,
                        const StrokeSegment& s);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_COVERAGE_H_
