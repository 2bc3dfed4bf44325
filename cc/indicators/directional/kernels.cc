// Exports the directional kernels of every Highway target and dispatches to
// the best one (the algorithms are in directional/kernels-inl.h).
#include "cc/indicators/directional/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/directional/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/directional/kernels-inl.h"
#include "cc/indicators/kernel_family.h"

CW_SIMD_NAMESPACE_BEGIN

// This target's DirectionalKernels, in the struct's order.
template <class X>
constexpr DirectionalKernels<X> kDirectionalTable = {&WilderDirectionalT<X>};
CW_KERNEL_TABLE_ENTRY_POINTS(Directional)

CW_SIMD_NAMESPACE_END

#if HWY_ONCE
CW_KERNEL_TABLE_DISPATCH(Directional)
#endif  // HWY_ONCE
