// The kernels every family shares: the validation pass that finds where a
// series must be split or rejected, and the name of the dispatched target.
// (Each family's kernels are in its folder: moving_average/kernels.cc, ...)
#include "cc/indicators/kernels.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "cc/indicators/kernels_reference.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/simd-inl.h"

CW_SIMD_NAMESPACE_BEGIN

template <class X>
size_t FirstSuspectRowT(const X* cols, size_t count, size_t m, int high, int low, int volume) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) {
    M bad = hn::Not(hn::IsFinite(LoadColumn(d, cols[0] + i)));
    for (size_t k = 1; k < count; ++k) {
      bad = hn::Or(bad, hn::Not(hn::IsFinite(LoadColumn(d, cols[k] + i))));
    }
    if (high >= 0) bad = hn::Or(bad, LoadColumn(d, cols[high] + i) < LoadColumn(d, cols[low] + i));
    if (volume >= 0) bad = hn::Or(bad, LoadColumn(d, cols[volume] + i) < zero);
    if (!hn::AllFalse(d, bad)) return i + static_cast<size_t>(hn::FindFirstTrue(d, bad));
  }
  X rest[8];
  for (size_t k = 0; k < count && k < 8; ++k) rest[k] = cols[k] + i;
  return i + FirstSuspectRowReference(rest, count, m - i, high, low, volume);
}

size_t ContiguousFirstSuspectRow(const double* const* cols, size_t count, size_t m, int high,
                                 int low, int volume) {
  return FirstSuspectRowT(cols, count, m, high, low, volume);
}
size_t StridedFirstSuspectRow(const StridedColumn* cols, size_t count, size_t m, int high,
                              int low, int volume) {
  return FirstSuspectRowT(cols, count, m, high, low, volume);
}
const char* DispatchedTargetName() { return hwy::TargetName(HWY_TARGET); }

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousFirstSuspectRow);
HWY_EXPORT(StridedFirstSuspectRow);
HWY_EXPORT(DispatchedTargetName);

size_t FirstSuspectRow(const double* const* cols, size_t count, size_t m, int high, int low,
                       int volume) {
  return HWY_DYNAMIC_DISPATCH(ContiguousFirstSuspectRow)(cols, count, m, high, low, volume);
}
size_t FirstSuspectRow(const StridedColumn* cols, size_t count, size_t m, int high, int low,
                       int volume) {
  return HWY_DYNAMIC_DISPATCH(StridedFirstSuspectRow)(cols, count, m, high, low, volume);
}
const char* KernelTargetName() { return HWY_DYNAMIC_DISPATCH(DispatchedTargetName)(); }

namespace {
// The size of the largest cache core 0 uses (sysfs: one L3 slice, not the
// sum of all of them), else sysconf's largest, else 32 MiB.
size_t LastLevelCacheBytes() {
  size_t largest = 0;
  for (int index = 0; index < 8; ++index) {
    char path[80];
    std::snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", index);
    std::FILE* f = std::fopen(path, "r");
    if (f == nullptr) break;
    unsigned long long value = 0;
    char unit = 0;
    const int got = std::fscanf(f, "%llu%c", &value, &unit);
    std::fclose(f);
    if (got >= 1) {
      const size_t scale = unit == 'K' ? 1024 : unit == 'M' ? 1024 * 1024 : 1;
      largest = std::max(largest, static_cast<size_t>(value) * scale);
    }
  }
  if (largest > 0) return largest;
  for (int name : {_SC_LEVEL3_CACHE_SIZE, _SC_LEVEL2_CACHE_SIZE}) {
    const long v = sysconf(name);
    if (v > 0) return static_cast<size_t>(v);
  }
  return size_t{32} << 20;
}
// 0: the default, read on the first call (not when the library loads).
std::atomic<size_t> streaming_threshold_override{0};
}  // namespace

size_t StreamingThresholdBytes() {
  const size_t set = streaming_threshold_override.load(std::memory_order_relaxed);
  if (set != 0) return set;
  static const size_t half_of_the_cache = LastLevelCacheBytes() / 2;
  return half_of_the_cache;
}
void SetStreamingThresholdBytes(size_t bytes) {
  streaming_threshold_override.store(bytes, std::memory_order_relaxed);
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
