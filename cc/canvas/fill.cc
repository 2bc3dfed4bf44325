// Highway dynamic dispatch: this file is compiled once per target by
// foreach_target.h; HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best at run time.
#include "cc/canvas/fill.h"

#include <cstring>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/canvas/fill.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Stores whole vectors of the repeated pattern; the tail is one more vector
// store ending exactly at the last byte. Because the vector length is a
// multiple of 4 and the overlap starts on a pixel boundary, the overlapping
// bytes receive the same values again.
void FillSpan32Impl(uint8_t* HWY_RESTRICT dst, size_t pixel_count, uint32_t pattern) {
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<uint32_t, decltype(d8)> d32;
  const size_t bytes = pixel_count * 4;
  const size_t lanes = hn::Lanes(d8);
  // A one-lane (HWY_SCALAR) vector cannot hold a 4-byte pattern.
  if (bytes < lanes || lanes < 4) {
    for (size_t i = 0; i < pixel_count; ++i) std::memcpy(dst + 4 * i, &pattern, 4);
    return;
  }
  const auto v = hn::BitCast(d8, hn::Set(d32, pattern));
  size_t i = 0;
  for (; i + 4 * lanes <= bytes; i += 4 * lanes) {
    hn::StoreU(v, d8, dst + i);
    hn::StoreU(v, d8, dst + i + lanes);
    hn::StoreU(v, d8, dst + i + 2 * lanes);
    hn::StoreU(v, d8, dst + i + 3 * lanes);
  }
  for (; i + lanes <= bytes; i += lanes) hn::StoreU(v, d8, dst + i);
  if (i < bytes) hn::StoreU(v, d8, dst + bytes - lanes);
}

void FillSpan8Impl(uint8_t* HWY_RESTRICT dst, size_t count, uint8_t value) {
  const hn::ScalableTag<uint8_t> d8;
  const size_t lanes = hn::Lanes(d8);
  if (count < lanes) {
    for (size_t i = 0; i < count; ++i) dst[i] = value;
    return;
  }
  const auto v = hn::Set(d8, value);
  size_t i = 0;
  for (; i + 4 * lanes <= count; i += 4 * lanes) {
    hn::StoreU(v, d8, dst + i);
    hn::StoreU(v, d8, dst + i + lanes);
    hn::StoreU(v, d8, dst + i + 2 * lanes);
    hn::StoreU(v, d8, dst + i + 3 * lanes);
  }
  for (; i + lanes <= count; i += lanes) hn::StoreU(v, d8, dst + i);
  if (i < count) hn::StoreU(v, d8, dst + count - lanes);
}

const char* TargetNameImpl() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {

HWY_EXPORT(FillSpan32Impl);
HWY_EXPORT(FillSpan8Impl);
HWY_EXPORT(TargetNameImpl);

void FillSpan32(uint8_t* dst, size_t pixel_count, uint32_t pattern) {
  HWY_DYNAMIC_DISPATCH(FillSpan32Impl)(dst, pixel_count, pattern);
}

void FillSpan8(uint8_t* dst, size_t count, uint8_t value) {
  HWY_DYNAMIC_DISPATCH(FillSpan8Impl)(dst, count, value);
}

const char* FillTargetName() { return HWY_DYNAMIC_DISPATCH(TargetNameImpl)(); }

}  // namespace candlewick
#endif  // HWY_ONCE
