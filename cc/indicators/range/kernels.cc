// Exports the range kernels of every Highway target and dispatches to
// the best one (the algorithms are in range/kernels-inl.h).
#include "cc/indicators/range/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/range/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/range/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's RangeKernels, in the struct's order.
template <class X>
constexpr RangeKernels<X> kRangeTable = {
    &RollingMaxT<X>,
    &RollingMinT<X>,
    &RollingMaxCheckedT<X>,
    &RollingMinCheckedT<X>,
    &RollingMidpointCheckedT<X>,
    &HighLowRangeCheckedT<X>,
    &HighLowMidpointCheckedT<X>,
    &HighLowCombineCheckedT<X>,
    &RollingExtremeAgeT<true, X>,
    &RollingExtremeAgeT<false, X>,
    &AroonCheckedT<X>,
    &RangeCombineT<X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Range)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Range)
#endif  // HWY_ONCE
