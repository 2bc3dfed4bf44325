// WebP encoding through libwebp's advanced API: the encoder streams straight
// into a ByteBuffer through a custom writer, so no second copy of the file is
// made. Lossless output decodes to exactly the input pixels (transparent
// pixels keep their colour too); lossy output is VP8 with the alpha plane
// coded losslessly.
//
// libwebp allocates its working memory with its own malloc (it has no
// allocator hooks); only the output goes through the hooks of `out`.
#ifndef CANDLEWICK_CC_ENCODE_WEBP_H_
#define CANDLEWICK_CC_ENCODE_WEBP_H_

#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/byte_buffer.h"
#include "cc/encode/image.h"

namespace candlewick {

// WebP's own dimension limit.
inline constexpr uint32_t kMaxWebpDimension = 16383;

struct WebpOptions {
  bool lossless = true;
  // Lossy: 0 (smallest) to 100 (best looking). Lossless: effort, 0 (fastest)
  // to 100 (smallest file).
  float quality = 75.0f;
  // Speed/size trade-off, 0 (fastest) to 6 (slowest, smallest). Defaults
  // to the fastest: on an 800x600 chart, lossless method 0 takes 3 ms for
  // 2.2 KB, methods 2-6 8-15 ms for 1.7 KB (docs/encoding.md).
  int32_t method = 0;
};

// Appends a WebP file of `image` (any row stride up to INT32_MAX) to `out`;
// `out` is unchanged on failure. Thread-safe: one encoder per call, no
// threads started. Errors:
//   kNullArgument     `out` or the pixels are null;
//   kInvalidArgument  width or height 0 or above 16383, a stride below
//                     width * 4 or above INT32_MAX, quality outside
//                     [0, 100] (or NaN), method outside [0, 6];
//   kOutOfMemory      libwebp or the hooks of `out` ran out of memory;
//   kEncode           any other libwebp failure (message names it).
absl::Status EncodeWebp(const RgbaImage& image, const WebpOptions& options, ByteBuffer* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_WEBP_H_
