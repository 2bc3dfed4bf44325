// Exports the momentum kernels of every Highway target and dispatches to
// the best one (the algorithms are in momentum/kernels-inl.h).
#include "cc/indicators/momentum/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/momentum/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/momentum/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's MomentumKernels, in the struct's order.
template <class X>
constexpr MomentumKernels<X> kMomentumTable = {
    &EmaDifferenceT<X>,
    &LinearRecurrenceWithResidualT<X>,
    &WilderRatioT<false, X>,
    &WilderRatioT<true, X>,
    &LagTransformT<X>,
    &UltimateOscillatorT<X>,
    &WilderRatioT<false, X, true>};
CW_KERNEL_TABLE_ENTRY_POINTS(Momentum)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Momentum)
#endif  // HWY_ONCE
