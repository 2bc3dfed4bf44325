// Exports the regression kernels of every Highway target and dispatches to
// the best one (the algorithms are in regression/kernels-inl.h).
#include "cc/indicators/regression/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/regression/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/regression/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's RegressionKernels, in the struct's order.
template <class X>
constexpr RegressionKernels<X> kRegressionTable = {
    &WindowLinearFitT<X>, &WindowLineCheckedT<X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Regression)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Regression)
#endif  // HWY_ONCE
