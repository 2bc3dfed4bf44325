// Exports the volatility kernels of every Highway target and dispatches to
// the best one (the algorithms are in volatility/kernels-inl.h).
#include "cc/indicators/volatility/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/volatility/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/volatility/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's VolatilityKernels, in the struct's order.
template <class X>
constexpr VolatilityKernels<X> kVolatilityTable = {
    &TrueRangeT<X>,
    &WilderAverageTrueRangeT<false, false, X>,
    &WilderAverageTrueRangeT<true, false, X>,
    &WilderAverageTrueRangeT<false, true, X>,
    &WilderAverageTrueRangeT<true, true, X>,
    &WindowVarianceT<X>,
    &WindowStddevT<X>,
    &WindowBandsT<X>,
    &WindowDispersionCheckedT<false, X>,
    &WindowDispersionCheckedT<true, X>,
    &WindowMeanAbsDeviationT<X>,
    &BollingerT<false, X>,
    &BollingerT<true, X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Volatility)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Volatility)
#endif  // HWY_ONCE
