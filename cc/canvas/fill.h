// Span fill kernels: the innermost loops of every raster operation. Each has
// a Highway implementation chosen at run time for the best target this CPU
// supports, and a plain scalar reference (fill_reference.h) the tests compare
// against on every compiled target.
#ifndef CANDLEWICK_CC_CANVAS_FILL_H_
#define CANDLEWICK_CC_CANVAS_FILL_H_

#include <cstddef>
#include <cstdint>

namespace candlewick {

// Writes `pixel_count` copies of the 4-byte pattern (its bytes in memory order
// as stored by a little-endian uint32_t) starting at `dst`. No alignment is
// required.
void FillSpan32(uint8_t* dst, size_t pixel_count, uint32_t pattern);

// Writes `count` copies of `value` starting at `dst`.
void FillSpan8(uint8_t* dst, size_t count, uint8_t value);

// Fills `height` rows of `width` pixels (4 bytes each, the pattern as above)
// starting at `top_left`, rows `stride` bytes apart. Bytes between rows are
// left alone. No alignment is required.
void FillRect32(uint8_t* top_left, size_t stride, size_t width, size_t height, uint32_t pattern);

// The same for 1-byte pixels.
void FillRect8(uint8_t* top_left, size_t stride, size_t width, size_t height, uint8_t value);

// A rectangle [x0, x1) x [y0, y1) already clipped to the frame (x0 < x1,
// y0 < y1), and its pixel value (a 4-byte pattern or a 1-byte index).
struct FillRectItem {
  int32_t x0, y0, x1, y1;
  uint32_t value;
};

// Fills `count` rectangles in order (later ones over earlier ones) in one
// dispatched call. 4-byte and 1-byte pixels respectively.
void FillRects32(uint8_t* pixels, size_t stride, const FillRectItem* items, size_t count);
void FillRects8(uint8_t* pixels, size_t stride, const FillRectItem* items, size_t count);

// Copies `row_bytes` bytes from `row` to each of `rows` rows starting at
// `dst`, `stride` bytes apart. `row` must not overlap the destination.
void CopyRowDown(uint8_t* dst, size_t stride, size_t rows, const uint8_t* row, size_t row_bytes);

// The Highway target the dispatcher picks now, by name ("AVX3", "SCALAR", ...).
const char* FillTargetName();

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_FILL_H_
