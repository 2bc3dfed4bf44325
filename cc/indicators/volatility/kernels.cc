// Exports the volatility kernels of every Highway target and dispatches to
// the best one (the algorithms are in volatility/kernels-inl.h).
#include "cc/indicators/volatility/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/volatility/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/volatility/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const VolatilityKernels<X>* VolatilityTable() {
  static constexpr VolatilityKernels<X> kTable = {
      &TrueRangeT<X>,
      &WilderAverageTrueRangeT<false, X>,
      &WilderAverageTrueRangeT<true, X>,
      &WindowVarianceT<X>,
      &WindowStddevT<X>,
      &WindowBandsT<X>,
      &WindowMeanAbsDeviationT<X>,
      &BollingerT<false, X>,
      &BollingerT<true, X>};
  return &kTable;
}
const VolatilityKernels<const double*>* ContiguousVolatilityKernels() {
  return VolatilityTable<const double*>();
}
const VolatilityKernels<StridedColumn>* StridedVolatilityKernels() {
  return VolatilityTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousVolatilityKernels);
HWY_EXPORT(StridedVolatilityKernels);

template <>
const VolatilityKernels<const double*>& VolatilityKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousVolatilityKernels)();
}
template <>
const VolatilityKernels<StridedColumn>& VolatilityKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedVolatilityKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
