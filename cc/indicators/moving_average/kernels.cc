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

// This target's MovingAverageKernels, in the struct's order.
template <class X>
constexpr MovingAverageKernels<X> kMovingAverageTable = {
    &RollingSumT<X>,
    &LinearRecurrenceT<X>,
    &AdaptiveSmoothingT<X>,
    &KamaConstantsT<X>,
    &KamaCheckedT<X>,
    &EmaChainLastT,
    &DivideInPlaceT};
CW_KERNEL_TABLE_ENTRY_POINTS(MovingAverage)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(MovingAverage)

namespace candlewick {
namespace indicators {
void DivideInPlace(double* y, size_t m, double divisor) {
  MovingAverageKernelsFor<const double*>().divide_in_place(y, m, divisor);
}
}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
