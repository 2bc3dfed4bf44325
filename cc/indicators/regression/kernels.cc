// Exports the regression kernels of every Highway target and dispatches to
// the best one (the algorithms are in regression/kernels-inl.h).
#include "cc/indicators/regression/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/regression/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/regression/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const RegressionKernels<X>* RegressionTable() {
  static constexpr RegressionKernels<X> kTable = {
      &WindowLinearFitT<X>, &WindowLineCheckedT<X>};
  return &kTable;
}
const RegressionKernels<const double*>* ContiguousRegressionKernels() {
  return RegressionTable<const double*>();
}
const RegressionKernels<StridedColumn>* StridedRegressionKernels() {
  return RegressionTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousRegressionKernels);
HWY_EXPORT(StridedRegressionKernels);

template <>
const RegressionKernels<const double*>& RegressionKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousRegressionKernels)();
}
template <>
const RegressionKernels<StridedColumn>& RegressionKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedRegressionKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
