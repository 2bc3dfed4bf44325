#include "cc/encode/convert.h"

#include <cstring>

#include "cc/encode/kernels.h"

namespace candlewick {
namespace {

// Native-endian RGBA word (R in the lowest byte on little-endian) to
// 0xRRGGBBAA.
uint32_t ToRrggbbaa(uint32_t word) {
  uint8_t b[4];
  std::memcpy(b, &word, 4);
  return static_cast<uint32_t>(b[0]) << 24 | static_cast<uint32_t>(b[1]) << 16 |
         static_cast<uint32_t>(b[2]) << 8 | b[3];
}

}  // namespace

PaletteFit RgbaToPalette(const RgbaImage& image, uint8_t* indices, size_t index_stride,
                         uint32_t palette[256], size_t* palette_size) {
  ColourTable table;
  const size_t w = image.width;
  const uint8_t* prev = nullptr;
  uint8_t* prev_indices = nullptr;
  for (uint32_t y = 0; y < image.height; ++y) {
    const uint8_t* row = image.Row(y);
    uint8_t* out = indices + static_cast<size_t>(y) * index_stride;
    // Most chart rows repeat the row above exactly: one memcmp settles them.
    if (prev != nullptr && std::memcmp(row, prev, w * 4) == 0) {
      std::memcpy(out, prev_indices, w);
    } else if (!IndexRgbaRow(row, prev, prev_indices, w, &table, out)) {
      *palette_size = 0;
      return PaletteFit::kTooManyColours;
    }
    prev = row;
    prev_indices = out;
  }
  for (size_t i = 0; i < table.size(); ++i) palette[i] = ToRrggbbaa(table.colours()[i]);
  *palette_size = table.size();
  return PaletteFit::kFits;
}

void ConvertRgbaToRgb(const RgbaImage& image, uint8_t* rgb, size_t rgb_stride) {
  for (uint32_t y = 0; y < image.height; ++y) {
    RgbaToRgbRow(image.Row(y), image.width, rgb + static_cast<size_t>(y) * rgb_stride);
  }
}

bool IsOpaque(const RgbaImage& image) {
  for (uint32_t y = 0; y < image.height; ++y) {
    if (!IsOpaqueRow(image.Row(y), image.width)) return false;
  }
  return true;
}

}  // namespace candlewick
