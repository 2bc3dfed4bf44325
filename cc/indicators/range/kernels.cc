// Exports the range kernels of every Highway target and dispatches to
// the best one (the algorithms are in range/kernels-inl.h).
#include "cc/indicators/range/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/range/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/range/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const RangeKernels<X>* RangeTable() {
  static constexpr RangeKernels<X> kTable = {
      &RollingMaxT<X>,
      &RollingMinT<X>,
      &RollingMaxCheckedT<X>,
      &RollingMinCheckedT<X>,
      &RollingMidpointCheckedT<X>,
      &HighLowRangeCheckedT<X>,
      &HighLowMidpointCheckedT<X>,
      &HighLowCombineCheckedT<X>,
      &RollingExtremeAgeT<true, X>,
      &RollingExtremeAgeT<false, X>,
      &RangeCombineT<X>};
  return &kTable;
}
const RangeKernels<const double*>* ContiguousRangeKernels() {
  return RangeTable<const double*>();
}
const RangeKernels<StridedColumn>* StridedRangeKernels() {
  return RangeTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousRangeKernels);
HWY_EXPORT(StridedRangeKernels);

template <>
const RangeKernels<const double*>& RangeKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousRangeKernels)();
}
template <>
const RangeKernels<StridedColumn>& RangeKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedRangeKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
