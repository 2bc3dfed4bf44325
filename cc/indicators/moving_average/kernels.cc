// Exports the moving average kernels of every Highway target and dispatches to
// the best one (the algorithms are in moving_average/kernels-inl.h).
#include "cc/indicators/moving_average/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/moving_average/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/moving_average/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const MovingAverageKernels<X>* MovingAverageTable() {
  static constexpr MovingAverageKernels<X> kTable = {
      &RollingSumT<X>,
      &LinearRecurrenceT<X>,
      &AdaptiveSmoothingT<X>,
      &KamaConstantsT<X>,
      &KamaCheckedT<X>};
  return &kTable;
}
const MovingAverageKernels<const double*>* ContiguousMovingAverageKernels() {
  return MovingAverageTable<const double*>();
}
const MovingAverageKernels<StridedColumn>* StridedMovingAverageKernels() {
  return MovingAverageTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousMovingAverageKernels);
HWY_EXPORT(StridedMovingAverageKernels);

template <>
const MovingAverageKernels<const double*>& MovingAverageKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousMovingAverageKernels)();
}
template <>
const MovingAverageKernels<StridedColumn>& MovingAverageKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedMovingAverageKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
