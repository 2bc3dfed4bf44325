// The scalar definition of SegmentRowCoverage (coverage.h), for the tests.
#ifndef CANDLEWICK_CC_CANVAS_COVERAGE_REFERENCE_H_
#define CANDLEWICK_CC_CANVAS_COVERAGE_REFERENCE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "cc/canvas/coverage.h"

namespace candlewick {

inline uint8_t PixelCoverageReference(int32_t x, float yc, const StrokeSegment& s) {
  const float xc = static_cast<float>(x) + 0.5f;
  float t = s.len2 > 0 ? ((xc - s.x0) * s.dx + (yc - s.y0) * s.dy) / s.len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = xc - (s.x0 + s.dx * t), ey = yc - (s.y0 + s.dy * t);
  const float c = std::clamp(s.hw + 0.5f - std::sqrt(ex * ex + ey * ey), 0.0f, 1.0f);
  return static_cast<uint8_t>(c * 255.0f + 0.5f);
}

inline void SegmentRowCoverageReference(uint8_t* row, int32_t x_first, int32_t x_last, float yc,
                                        const StrokeSegment& s) {
  for (int32_t x = x_first; x <= x_last; ++x) {
    row[x] = std::max(row[x], PixelCoverageReference(x, yc, s));
  }
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_COVERAGE_REFERENCE_H_
