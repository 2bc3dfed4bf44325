#include "cc/text/blit.h"

#include <algorithm>
#include <cstring>

namespace candlewick {
namespace {

// The part of a width x rows bitmap at (x, y) that falls inside the frame, in
// bitmap coordinates [cx0, cx1) x [cy0, cy1). False when nothing does.
struct Clip {
  int32_t cx0, cx1, cy0, cy1;
};

bool ClipToFrame(const Frame& frame, int64_t x, int64_t y, int32_t width, int32_t rows,
                 Clip* clip) {
  if (width <= 0 || rows <= 0 || frame.width <= 0 || frame.height <= 0) return false;
  const int64_t x0 = std::max<int64_t>(x, 0);
  const int64_t y0 = std::max<int64_t>(y, 0);
  const int64_t x1 = std::min<int64_t>(x + width, frame.width);
  const int64_t y1 = std::min<int64_t>(y + rows, frame.height);
  if (x0 >= x1 || y0 >= y1) return false;
  clip->cx0 = static_cast<int32_t>(x0 - x);
  clip->cx1 = static_cast<int32_t>(x1 - x);
  clip->cy0 = static_cast<int32_t>(y0 - y);
  clip->cy1 = static_cast<int32_t>(y1 - y);
  return true;
}

}  // namespace

void BlitMono(const Frame& frame, int64_t x, int64_t y, const uint8_t* coverage, int32_t width,
              int32_t rows, uint32_t value) {
  Clip c;
  if (!ClipToFrame(frame, x, y, width, rows, &c)) return;
  for (int32_t r = c.cy0; r < c.cy1; ++r) {
    const uint8_t* src = coverage + static_cast<size_t>(r) * width;
    uint8_t* row = frame.Row(static_cast<int32_t>(y + r));
    if (frame.bytes_per_pixel == 4) {
      uint8_t* dst = row + 4 * (x + c.cx0);
      for (int32_t i = c.cx0; i < c.cx1; ++i, dst += 4) {
        if (src[i] >= 128) std::memcpy(dst, &value, 4);
      }
    } else {
      const uint8_t index = static_cast<uint8_t>(value);
      uint8_t* dst = row + (x + c.cx0);
      for (int32_t i = c.cx0; i < c.cx1; ++i, ++dst) {
        if (src[i] >= 128) *dst = index;
      }
    }
  }
}

void BlitBlend(const Frame& frame, int64_t x, int64_t y, const uint8_t* coverage, int32_t width,
               int32_t rows, uint32_t pattern) {
  Clip c;
  if (!ClipToFrame(frame, x, y, width, rows, &c)) return;
  uint8_t s[4];
  std::memcpy(s, &pattern, 4);
  const uint32_t colour_alpha = s[3];
  // Two channels per 32-bit word, 16 bits apart: bytes 0 and 2, then bytes 1
  // and 3 shifted down. The alpha byte blends as a channel whose source is
  // 255, which is exactly source-over: a + dst_alpha * (255 - a) / 255.
  s[3] = 255;
  uint32_t opaque;
  std::memcpy(&opaque, s, 4);
  const uint32_t src_even = opaque & 0x00FF00FFu;
  const uint32_t src_odd = (opaque >> 8) & 0x00FF00FFu;
  for (int32_t r = c.cy0; r < c.cy1; ++r) {
    const uint8_t* cov = coverage + static_cast<size_t>(r) * width;
    uint8_t* dst = frame.Row(static_cast<int32_t>(y + r)) + 4 * (x + c.cx0);
    for (int32_t i = c.cx0; i < c.cx1; ++i, dst += 4) {
      uint32_t a = cov[i];
      if (colour_alpha != 255) a = (a * colour_alpha + 127) / 255;
      // Blank pixels are most of a glyph's box.
      if (a == 0) continue;
      uint32_t d;
      std::memcpy(&d, dst, 4);
      const uint32_t even = DivideBy255Pairs(src_even * a + (d & 0x00FF00FFu) * (255 - a));
      const uint32_t odd = DivideBy255Pairs(src_odd * a + ((d >> 8) & 0x00FF00FFu) * (255 - a));
      d = even | (odd << 8);
      std::memcpy(dst, &d, 4);
    }
  }
}

}  // namespace candlewick
