// Exports the momentum kernels of every Highway target and dispatches to
// the best one (the algorithms are in momentum/kernels-inl.h).
#include "cc/indicators/momentum/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/momentum/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/momentum/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const MomentumKernels<X>* MomentumTable() {
  static constexpr MomentumKernels<X> kTable = {
      &EmaDifferenceT<X>,
      &LinearRecurrenceWithResidualT<X>,
      &WilderRatioT<false, X>,
      &WilderRatioT<true, X>,
      &LagTransformT<X>,
      &UltimateOscillatorT<X>};
  return &kTable;
}
const MomentumKernels<const double*>* ContiguousMomentumKernels() {
  return MomentumTable<const double*>();
}
const MomentumKernels<StridedColumn>* StridedMomentumKernels() {
  return MomentumTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousMomentumKernels);
HWY_EXPORT(StridedMomentumKernels);

template <>
const MomentumKernels<const double*>& MomentumKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousMomentumKernels)();
}
template <>
const MomentumKernels<StridedColumn>& MomentumKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedMomentumKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
