// Scalar reference versions of the kernels in fill.h, for tests and for the
// benchmark's baseline. Kept deliberately simple.
#ifndef CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_
#define CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "cc/canvas/fill.h"

namespace candlewick {

inline void FillSpan32Reference(uint8_t* dst, size_t pixel_count, uint32_t pattern) {
  for (size_t i = 0; i < pixel_count; ++i) std::memcpy(dst + 4 * i, &pattern, 4);
}

inline void FillSpan8Reference(uint8_t* dst, size_t count, uint8_t value) {
  for (size_t i = 0; i < count; ++i) dst[i] = value;
}

inline void FillRect32Reference(uint8_t* top_left, size_t stride, size_t width, size_t height,
                                uint32_t pattern) {
  for (size_t y = 0; y < height; ++y) FillSpan32Reference(top_left + y * stride, width, pattern);
}

inline void FillRect8Reference(uint8_t* top_left, size_t stride, size_t width, size_t height,
                               uint8_t value) {
  for (size_t y = 0; y < height; ++y) FillSpan8Reference(top_left + y * stride, width, value);
}

inline void FillRects32Reference(uint8_t* pixels, size_t stride, const FillRectItem* items,
                                 size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const FillRectItem& r = items[i];
    FillRect32Reference(pixels + static_cast<size_t>(r.y0) * stride + 4 * static_cast<size_t>(r.x0),
                        stride, static_cast<size_t>(r.x1 - r.x0), static_cast<size_t>(r.y1 - r.y0),
                        r.value);
  }
}

inline void CopyRowDownReference(uint8_t* dst, size_t stride, size_t rows, const uint8_t* row,
                                 size_t row_bytes) {
  if (row_bytes == 0) return;
  for (size_t y = 0; y < rows; ++y) std::memcpy(dst + y * stride, row, row_bytes);
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_
