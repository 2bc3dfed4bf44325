// Frame conversions for the encoders and for raw frame output: exact RGBA to
// palette (for charts with at most 256 colours, antialiased or not), RGBA to
// RGB, and the opacity test that decides whether alpha can be dropped. The
// per-row work is done by the Highway kernels in kernels.h.
//
// Preconditions (checked by the callers, which own the buffers): pointers
// non-null unless the frame is empty, strides at least the row size.
// Thread-safe; nothing is allocated.
#ifndef CANDLEWICK_CC_ENCODE_CONVERT_H_
#define CANDLEWICK_CC_ENCODE_CONVERT_H_

#include <cstddef>
#include <cstdint>

#include "cc/encode/image.h"

namespace candlewick {

enum class PaletteFit { kFits, kTooManyColours };

// Writes the index of every pixel of `image` to `indices` (rows
// `index_stride` bytes apart) and its distinct colours, as 0xRRGGBBAA in
// order of first appearance, to palette[0 .. *palette_size). The result is
// exact: palette[indices[y][x]] is pixel (x, y). Rows equal to the row above
// copy its indices; elsewhere runs of one colour cost one vector compare.
// Returns kTooManyColours as soon as a 257th colour appears; `indices` and
// `palette` are then partly written and meaningless (fall back to RGB(A)).
PaletteFit RgbaToPalette(const RgbaImage& image, uint8_t* indices, size_t index_stride,
                         uint32_t palette[256], size_t* palette_size);

// Drops the alpha bytes: writes width * 3 bytes per row to `rgb`, rows
// `rgb_stride` bytes apart (padding bytes untouched).
void ConvertRgbaToRgb(const RgbaImage& image, uint8_t* rgb, size_t rgb_stride);

// True when every pixel's alpha is 0xFF (so RGB loses nothing).
bool IsOpaque(const RgbaImage& image);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_CONVERT_H_
