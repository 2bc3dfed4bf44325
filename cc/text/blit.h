// Drawing glyph coverage onto a frame: the two ways text meets chart pixels.
// Both clip to the frame, so a label that runs off any edge writes nothing
// outside it (nor into the padding between rows).
#ifndef CANDLEWICK_CC_TEXT_BLIT_H_
#define CANDLEWICK_CC_TEXT_BLIT_H_

#include <cstdint>

#include "cc/canvas/frame.h"

namespace candlewick {

// One channel of `src` over `dst` at opacity `a` (0..255), rounded to
// nearest: (src * a + dst * (255 - a) + 127) / 255 in integers. a = 0 gives
// dst and a = 255 gives src exactly, and the result always lies between them.
inline uint8_t BlendChannel(uint32_t src, uint32_t dst, uint32_t a) {
  return static_cast<uint8_t>((src * a + dst * (255 - a) + 127) / 255);
}

// BlendChannel for two channels at once, held in the 16-bit halves of `x`
// (each half s * a + d * (255 - a), so at most 255 * 255): round(x / 255)
// as (t + (t >> 8)) >> 8 with t = x + 128, which equals (x + 127) / 255 over
// that whole range (blit_test checks every value). No half carries into the
// other.
inline uint32_t DivideBy255Pairs(uint32_t x) {
  const uint32_t t = x + 0x00800080u;
  return ((t + ((t >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
}

// Crisp text: writes `value` (the frame's pixel: a 4-byte pattern in memory
// order, or a palette index for 1-byte frames) wherever coverage >= 128 and
// leaves every other pixel alone, so the frame gains no colour it did not
// have. `coverage` is `rows` rows of `width` bytes whose top-left pixel lands
// at (x, y); 64-bit coordinates so that pen positions far off the frame
// cannot overflow. The frame must be valid (1 or 4 bytes per pixel).
void BlitMono(const Frame& frame, int64_t x, int64_t y, const uint8_t* coverage, int32_t width,
              int32_t rows, uint32_t value);

// Antialiased text on a 4-byte frame, which is taken to be opaque (charts
// paint an opaque background first). With c the coverage and A the text
// colour's alpha byte, the opacity is a = c when A = 255, otherwise
// (c * A + 127) / 255. Pixels with a = 0 are left alone; a = 255 writes the
// pattern; otherwise each colour byte becomes BlendChannel(src, dst, a) and
// the alpha byte becomes source-over: a + (dst_alpha * (255 - a) + 127) / 255,
// which keeps an opaque frame at exactly 255.
void BlitBlend(const Frame& frame, int64_t x, int64_t y, const uint8_t* coverage, int32_t width,
               int32_t rows, uint32_t pattern);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_BLIT_H_
