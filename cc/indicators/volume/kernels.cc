// Exports the volume kernels of every Highway target and dispatches to
// the best one (the algorithms are in volume/kernels-inl.h).
#include "cc/indicators/volume/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/volume/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/volume/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const VolumeKernels<X>* VolumeTable() {
  static constexpr VolumeKernels<X> kTable = {
      &AccumulationDistributionT<false, X>,
      &AccumulationDistributionT<true, X>,
      &ChaikinOscillatorT<X>,
      &OnBalanceVolumeT<X>};
  return &kTable;
}
const VolumeKernels<const double*>* ContiguousVolumeKernels() {
  return VolumeTable<const double*>();
}
const VolumeKernels<StridedColumn>* StridedVolumeKernels() {
  return VolumeTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousVolumeKernels);
HWY_EXPORT(StridedVolumeKernels);

template <>
const VolumeKernels<const double*>& VolumeKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousVolumeKernels)();
}
template <>
const VolumeKernels<StridedColumn>& VolumeKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedVolumeKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
