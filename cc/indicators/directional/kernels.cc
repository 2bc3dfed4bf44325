// Exports the directional kernels of every Highway target and dispatches to
// the best one (the algorithms are in directional/kernels-inl.h).
#include "cc/indicators/directional/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/directional/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/directional/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const DirectionalKernels<X>* DirectionalTable() {
  static constexpr DirectionalKernels<X> kTable = {
      &WilderDirectionalT<X>};
  return &kTable;
}
const DirectionalKernels<const double*>* ContiguousDirectionalKernels() {
  return DirectionalTable<const double*>();
}
const DirectionalKernels<StridedColumn>* StridedDirectionalKernels() {
  return DirectionalTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousDirectionalKernels);
HWY_EXPORT(StridedDirectionalKernels);

template <>
const DirectionalKernels<const double*>& DirectionalKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousDirectionalKernels)();
}
template <>
const DirectionalKernels<StridedColumn>& DirectionalKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedDirectionalKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
