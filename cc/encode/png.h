// PNG encoding through libspng. Charts are drawn with a handful of colours,
// so the fast path encodes an 8-bit palette image: a quarter of the RGBA
// data for zlib to chew through, and much smaller files.
#ifndef CANDLEWICK_CC_ENCODE_PNG_H_
#define CANDLEWICK_CC_ENCODE_PNG_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "cc/base/byte_buffer.h"

namespace candlewick {

enum class PngPreset : int32_t { kFastest = 0, kBalanced = 1, kSmallest = 2 };

bool IsKnownPngPreset(int32_t preset);

// A palette image: one byte per pixel, each an index into `palette`
// (colours as 0xRRGGBBAA), rows `stride` bytes apart.
struct PaletteImage {
  const uint8_t* indices = nullptr;
  uint32_t width = 0;
  uint32_t height = 0;
  size_t stride = 0;
  absl::Span<const uint32_t> palette;
};

// Appends a complete PNG file to `out`. Indices must be < palette.size()
// (<= 256 entries). Fails with kEncode on an encoder error, kOutOfMemory when
// `out` cannot grow.
absl::Status EncodePalettePng(const PaletteImage& image, PngPreset preset, ByteBuffer* out);

// Appends a true-colour RGBA8 PNG of the given frame to `out`.
absl::Status EncodeRgbaPng(const uint8_t* rgba, uint32_t width, uint32_t height,
                           size_t stride, PngPreset preset, ByteBuffer* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_PNG_H_
