// Exports the volume kernels of every Highway target and dispatches to
// the best one (the algorithms are in volume/kernels-inl.h).
#include "cc/indicators/volume/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/volume/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/volume/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's VolumeKernels, in the struct's order.
template <class X>
constexpr VolumeKernels<X> kVolumeTable = {
    &AccumulationDistributionT<false, X>,
    &AccumulationDistributionT<true, X>,
    &ChaikinOscillatorT<X>,
    &OnBalanceVolumeT<X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Volume)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Volume)
#endif  // HWY_ONCE
