// Scalar reference versions of the kernels in kernels.h, written straight
// from the definitions (PNG specification, RFC 1950) for the tests and the
// benchmark baselines. Kept deliberately simple.
#ifndef CANDLEWICK_CC_ENCODE_KERNELS_REFERENCE_H_
#define CANDLEWICK_CC_ENCODE_KERNELS_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "cc/encode/kernels.h"

namespace candlewick {

inline uint8_t PackIndicesRowReference(const uint8_t* indices, size_t width, int bit_depth,
                                       const uint8_t* remap, uint8_t* packed) {
  const size_t bytes = PackedRowBytes(width, bit_depth);
  std::memset(packed, 0, bytes);
  uint8_t max_index = 0;
  const unsigned mask = (1u << bit_depth) - 1;
  for (size_t x = 0; x < width; ++x) {
    const uint8_t index = remap != nullptr ? remap[indices[x] & 15] : indices[x];
    if (index > max_index) max_index = index;
    const size_t bit = x * bit_depth;  // from the first byte's high bit
    const int shift = 8 - bit_depth - static_cast<int>(bit % 8);
    packed[bit / 8] |= static_cast<uint8_t>((index & mask) << shift);
  }
  return max_index;
}

inline uint32_t SmallIndicesPresentReference(const uint8_t* indices, size_t n,
                                             uint8_t* max_index) {
  uint32_t mask = 0;
  uint8_t m = 0;
  for (size_t i = 0; i < n; ++i) {
    if (indices[i] > m) m = indices[i];
    if (indices[i] < 16) mask |= 1u << indices[i];
  }
  *max_index = m;
  return mask;
}

inline void FilterSubRowReference(const uint8_t* cur, size_t n, size_t bpp, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = cur[i] - (i >= bpp ? cur[i - bpp] : 0);
}

inline void FilterUpRowReference(const uint8_t* cur, const uint8_t* prev, size_t n,
                                 uint8_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = cur[i] - prev[i];
}

inline uint8_t PaethPredictorReference(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return static_cast<uint8_t>(a);
  if (pb <= pc) return static_cast<uint8_t>(b);
  return static_cast<uint8_t>(c);
}

inline void FilterPaethRowReference(const uint8_t* cur, const uint8_t* prev, size_t n, size_t bpp,
                                    uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const int a = i >= bpp ? cur[i - bpp] : 0;
    const int c = i >= bpp ? prev[i - bpp] : 0;
    out[i] = cur[i] - PaethPredictorReference(a, prev[i], c);
  }
}

inline size_t CountRunBreaksReference(const uint8_t* data, size_t n) {
  size_t breaks = 0;
  for (size_t i = 1; i < n; ++i) breaks += data[i] != data[i - 1];
  return breaks;
}

inline uint64_t SumAbsSignedReference(const uint8_t* data, size_t n) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) sum += static_cast<uint64_t>(std::abs(static_cast<int8_t>(data[i])));
  return sum;
}

inline uint32_t Adler32Reference(uint32_t adler, const uint8_t* data, size_t n) {
  uint32_t a = adler & 0xFFFF, b = adler >> 16;
  for (size_t i = 0; i < n; ++i) {
    a = (a + data[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

inline void RgbaToRgbRowReference(const uint8_t* rgba, size_t pixels, uint8_t* rgb) {
  for (size_t i = 0; i < pixels; ++i) {
    rgb[3 * i] = rgba[4 * i];
    rgb[3 * i + 1] = rgba[4 * i + 1];
    rgb[3 * i + 2] = rgba[4 * i + 2];
  }
}

inline bool IsOpaqueRowReference(const uint8_t* rgba, size_t pixels) {
  for (size_t i = 0; i < pixels; ++i) {
    if (rgba[4 * i + 3] != 0xFF) return false;
  }
  return true;
}

// Looks every pixel up; ignores the previous row (it is only a shortcut).
inline bool IndexRgbaRowReference(const uint8_t* rgba, size_t pixels, ColourTable* table,
                                  uint8_t* indices) {
  for (size_t i = 0; i < pixels; ++i) {
    uint32_t colour;
    std::memcpy(&colour, rgba + 4 * i, 4);
    const int index = table->Lookup(colour);
    if (index < 0) return false;
    indices[i] = static_cast<uint8_t>(index);
  }
  return true;
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_KERNELS_REFERENCE_H_
