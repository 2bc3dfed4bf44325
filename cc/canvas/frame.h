// A mutable view of a pixel frame someone else owns: 1 byte per pixel
// (palette indices) or 4 (RGBA8), rows `stride` bytes apart.
#ifndef CANDLEWICK_CC_CANVAS_FRAME_H_
#define CANDLEWICK_CC_CANVAS_FRAME_H_

#include <cstddef>
#include <cstdint>

#include "cc/canvas/fill.h"

namespace candlewick {

struct Frame {
  uint8_t* pixels = nullptr;
  int32_t width = 0;
  int32_t height = 0;
  size_t stride = 0;          // bytes from one row to the next
  int32_t bytes_per_pixel = 4;  // 1 or 4

  uint8_t* Row(int32_t y) const { return pixels + static_cast<size_t>(y) * stride; }
};

// Fills the rectangle [x0, x1) x [y0, y1), clipped to the frame, with `value`
// (a palette index for 1-byte frames, an RGBA pattern for 4-byte frames).
inline void FillRect(const Frame& f, int32_t x0, int32_t y0, int32_t x1, int32_t y1,
                     uint32_t value) {
  if (x0 < 0) x0 = 0;
  if (y0 < 0) y0 = 0;
  if (x1 > f.width) x1 = f.width;
  if (y1 > f.height) y1 = f.height;
  if (x0 >= x1 || y0 >= y1) return;
  const size_t w = static_cast<size_t>(x1 - x0);
  const size_t h = static_cast<size_t>(y1 - y0);
  if (f.bytes_per_pixel == 4) {
    // A full-width rectangle over a tightly packed frame is one span.
    if (w == static_cast<size_t>(f.width) && f.stride == w * 4) {
      FillSpan32(f.Row(y0), w * h, value);
    } else {
      FillRect32(f.Row(y0) + 4 * static_cast<size_t>(x0), f.stride, w, h, value);
    }
  } else {
    const uint8_t index = static_cast<uint8_t>(value);
    if (w == static_cast<size_t>(f.width) && f.stride == w) {
      FillSpan8(f.Row(y0), w * h, index);
    } else {
      FillRect8(f.Row(y0) + static_cast<size_t>(x0), f.stride, w, h, index);
    }
  }
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_FRAME_H_
