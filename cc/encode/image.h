// Borrowed views of the frames the encoders read.
#ifndef CANDLEWICK_CC_ENCODE_IMAGE_H_
#define CANDLEWICK_CC_ENCODE_IMAGE_H_

#include <cstddef>
#include <cstdint>

namespace candlewick {

// An RGBA8 frame someone else owns: 4 bytes per pixel in the order R, G, B,
// A (straight, not premultiplied, alpha), rows `stride` bytes apart (at
// least width * 4; padding bytes are never read). Encoders read it only
// for the duration of the call.
struct RgbaImage {
  const uint8_t* pixels = nullptr;
  uint32_t width = 0;
  uint32_t height = 0;
  size_t stride = 0;

  const uint8_t* Row(uint32_t y) const { return pixels + static_cast<size_t>(y) * stride; }
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_IMAGE_H_
