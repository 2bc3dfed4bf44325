// Test and benchmark helpers for the encoders: independent decoders (libspng,
// libwebp), a PNG chunk walker, and chart-like frames.
#ifndef CANDLEWICK_CC_ENCODE_TEST_UTIL_H_
#define CANDLEWICK_CC_ENCODE_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace candlewick {
namespace encode_test {

struct PngInfo {
  uint32_t width = 0;
  uint32_t height = 0;
  int bit_depth = 0;
  int colour_type = 0;
  std::vector<std::string> chunks;  // chunk types in file order
};

// Decodes a PNG with libspng (Adler-32 and chunk CRC checks on) to tightly
// packed RGBA8 rows, then walks its chunks checking every CRC itself
// (libspng skips IEND's) and that the file ends with IEND. False on any
// error.
bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, PngInfo* info);

// Decodes a WebP with libwebp's WebPDecodeRGBA. False on any error.
bool DecodeWebp(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, int* width,
                int* height);

// A frame of 1-byte indices that looks like a candlestick chart: background
// 0, nine grid rows and vertical grid lines 1, `candles` candles with wicks
// and bodies alternating 2 (up) and 3 (down), a volume panel below.
std::vector<uint8_t> ChartIndices(uint32_t width, uint32_t height, int candles, uint32_t seed);

// The chart's default colours as 0xRRGGBBAA (opaque).
std::vector<uint32_t> ChartPalette();

// Expands indices (rows `width` apart) through a 0xRRGGBBAA palette into
// RGBA8 rows `stride` bytes apart (padding bytes set to 0xEE).
std::vector<uint8_t> ExpandToRgba(const std::vector<uint8_t>& indices, uint32_t width,
                                  uint32_t height, const std::vector<uint32_t>& palette,
                                  size_t stride);

// The chart frame with blended (antialiased-like) candle edges and a
// vertical background gradient: hundreds of distinct colours, opaque.
std::vector<uint8_t> BlendedChartRgba(uint32_t width, uint32_t height, int candles,
                                      uint32_t seed);

// 0xRRGGBBAA of the RGBA pixel at `p`.
inline uint32_t PixelWord(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 |
         static_cast<uint32_t>(p[2]) << 8 | p[3];
}

}  // namespace encode_test
}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_TEST_UTIL_H_
