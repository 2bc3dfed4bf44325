// Exports the price kernels of every Highway target and dispatches to
// the best one (the algorithms are in price/kernels-inl.h).
#include "cc/indicators/price/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/price/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/price/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's PriceKernels, in the struct's order.
template <class X>
constexpr PriceKernels<X> kPriceTable = {&PriceTransformT<X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Price)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Price)
#endif  // HWY_ONCE
