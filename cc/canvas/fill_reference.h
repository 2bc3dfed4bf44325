// Scalar reference versions of the kernels in fill.h, for tests and for the
// benchmark's baseline. Kept deliberately simple.
#ifndef CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_
#define CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace candlewick {

inline void FillSpan32Reference(uint8_t* dst, size_t pixel_count, uint32_t pattern) {
  for (size_t i = 0; i < pixel_count; ++i) std::memcpy(dst + 4 * i, &pattern, 4);
}

inline void FillSpan8Reference(uint8_t* dst, size_t count, uint8_t value) {
  for (size_t i = 0; i < count; ++i) dst[i] = value;
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CANVAS_FILL_REFERENCE_H_
