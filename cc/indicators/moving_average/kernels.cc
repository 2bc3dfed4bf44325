// Exports the moving average kernels of every Highway target and dispatches to
// the best one (the algorithms are in moving_average/kernels-inl.h).
#include "cc/indicators/moving_average/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/moving_average/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/moving_average/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

template <class X>
const MovingAverageKernels<X>* MovingAverageTable() {
  static constexpr MovingAverageKernels<X> kTable = {
      &RollingSumT<X>,
      &LinearRecurrenceT<X>,
      &AdaptiveSmoothingT<X>,
      &KamaConstantsT<X>};
  return &kTable;
}
CW_KERNEL_TABLE_ENTRY_POINTS(MovingAverage)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(MovingAverage)
#endif  // HWY_ONCE
