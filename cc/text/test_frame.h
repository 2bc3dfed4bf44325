// Test helper: a frame inside a larger buffer, with a guard band on every
// side and padding at the end of each row, all holding kGuard, so a write
// outside the frame shows up even where AddressSanitizer could not see it.
#ifndef CANDLEWICK_CC_TEXT_TEST_FRAME_H_
#define CANDLEWICK_CC_TEXT_TEST_FRAME_H_

#include <cstdint>
#include <cstring>
#include <vector>

#include "cc/canvas/frame.h"

namespace candlewick {

inline uint32_t RgbaPattern(uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
  const uint8_t bytes[4] = {r, g, b, a};
  uint32_t p;
  std::memcpy(&p, bytes, 4);
  return p;
}

class GuardedFrame {
 public:
  static constexpr uint8_t kGuard = 0xA5;
  static constexpr int kBand = 8;  // pixels of guard on every side

  GuardedFrame(int width, int height, int bytes_per_pixel, uint32_t background)
      : outer_width_(width + 2 * kBand + 3),
        outer_height_(height + 2 * kBand),
        bpp_(bytes_per_pixel),
        buffer_(static_cast<size_t>(outer_width_) * outer_height_ * bytes_per_pixel, kGuard) {
    frame_.width = width;
    frame_.height = height;
    frame_.bytes_per_pixel = bytes_per_pixel;
    frame_.stride = static_cast<size_t>(outer_width_) * bytes_per_pixel;
    frame_.pixels = buffer_.data() + kBand * frame_.stride + kBand * bytes_per_pixel;
    FillRect(frame_, 0, 0, width, height, background);
  }

  const Frame& frame() const { return frame_; }

  // The pixel at (x, y) as a little-endian number of bytes_per_pixel bytes.
  uint32_t Pixel(int x, int y) const {
    uint32_t v = 0;
    std::memcpy(&v, frame_.Row(y) + static_cast<size_t>(x) * bpp_, bpp_);
    return v;
  }

  bool GuardIntact() const {
    for (int y = 0; y < outer_height_; ++y) {
      for (int x = 0; x < outer_width_; ++x) {
        if (x >= kBand && x < kBand + frame_.width && y >= kBand && y < kBand + frame_.height) {
          continue;
        }
        for (int b = 0; b < bpp_; ++b) {
          if (buffer_[(static_cast<size_t>(y) * outer_width_ + x) * bpp_ + b] != kGuard) {
            return false;
          }
        }
      }
    }
    return true;
  }

 private:
  int outer_width_, outer_height_, bpp_;
  std::vector<uint8_t> buffer_;
  Frame frame_;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_TEST_FRAME_H_
