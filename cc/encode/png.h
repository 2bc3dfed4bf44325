// PNG encoding. Charts are drawn with a handful of colours, so the fast path
// is a palette image packed to the smallest bit depth that holds the palette
// (2 bits for a 4-colour chart: 1/16 of the RGBA bytes), filtered by a
// Highway kernel and compressed by zlib with settings measured per preset
// (docs/encoding.md). The PNG chunk structure is written here; zlib's
// allocations go through the output buffer's allocator hooks, or through a
// PngScratch's when one is given.
//
// Every function appends one complete PNG file to `out` and leaves `out`
// unchanged when it fails. All are thread-safe (no shared state); inputs
// are read only during the call. Errors:
//   kNullArgument     `out` or the pixel pointer is null;
//   kInvalidArgument  zero width or height, a row stride below the row
//                     size, an unknown preset, a palette of 0 or more than
//                     256 colours, or an index the palette does not hold;
//   kOutOfMemory      the allocator hooks of `out` returned null;
//   kEncode           zlib reported an error.
#ifndef CANDLEWICK_CC_ENCODE_PNG_H_
#define CANDLEWICK_CC_ENCODE_PNG_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/encode/image.h"

namespace candlewick {

// Speed/size trade-off. Numerically equal to the C API's cw_png_preset.
enum class PngPreset : int32_t { kFastest = 0, kBalanced = 1, kSmallest = 2 };

bool IsKnownPngPreset(int32_t preset);

// Working memory an encoder keeps from one image to the next: zlib's deflate
// state (about 200-300 KB, reset instead of rebuilt when the settings match),
// row buffers, the compressed stream and the index frame of an RGBA input.
// Encoding in a loop with one scratch allocates only the output; without
// one, every call allocates and frees its own. The files are byte for byte
// the same either way. Memory comes from `hooks` on first use and is held
// until destruction. Not thread-safe: one encode at a time per scratch.
class PngScratch {
 public:
  explicit PngScratch(const AllocatorHooks& hooks) : hooks_(hooks) {}
  ~PngScratch();
  PngScratch(const PngScratch&) = delete;
  PngScratch& operator=(const PngScratch&) = delete;

  struct State;  // defined in png.cc
  // The state, made on first use; nullptr when the allocator fails.
  State* Get();

 private:
  AllocatorHooks hooks_;
  State* state_ = nullptr;
};

// A palette image: one byte per pixel, each an index into `palette`
// (colours as 0xRRGGBBAA), rows `stride` bytes apart.
struct PaletteImage {
  const uint8_t* indices = nullptr;
  uint32_t width = 0;
  uint32_t height = 0;
  size_t stride = 0;
  absl::Span<const uint32_t> palette;
};

// An indexed PNG at 1, 2, 4 or 8 bits per pixel (the fewest that hold the
// colours used), with a tRNS chunk when a palette colour is not opaque.
// When every index is below 16, palette entries no pixel uses are left out
// of the file (the rest renumbered in order): a theme palette of six colours
// of which a chart uses four is written at 2 bits per pixel. The decoded
// pixels are the same either way.
absl::Status EncodePalettePng(const PaletteImage& image, PngPreset preset, ByteBuffer* out,
                              PngScratch* scratch = nullptr);

// A true-colour RGBA8 PNG of the frame (alpha always kept). Golden images
// use it: it shares no code path with the palette conversion.
absl::Status EncodeRgbaPng(const uint8_t* rgba, uint32_t width, uint32_t height, size_t stride,
                           PngPreset preset, ByteBuffer* out);

// The smallest exact PNG form of an RGBA frame, chosen automatically: an
// indexed PNG when the frame has at most 256 distinct colours (the usual
// case for charts, antialiased or not), else RGB8 when every pixel is
// opaque, else RGBA8. Decodes to exactly the input pixels. Uses an index
// frame of width * height bytes: the scratch's, else one from the hooks of
// `out` for the call.
absl::Status EncodeRgbaAsPng(const RgbaImage& image, PngPreset preset, ByteBuffer* out,
                             PngScratch* scratch = nullptr);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_PNG_H_
