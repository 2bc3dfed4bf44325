// Exports the price kernels of every Highway target and dispatches to
// the best one (the algorithms are in price/kernels-inl.h).
#include "cc/indicators/price/kernels.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/price/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "cc/indicators/price/kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {

template <class X>
const PriceKernels<X>* PriceTable() {
  static constexpr PriceKernels<X> kTable = {
      &PriceTransformT<X>};
  return &kTable;
}
const PriceKernels<const double*>* ContiguousPriceKernels() {
  return PriceTable<const double*>();
}
const PriceKernels<StridedColumn>* StridedPriceKernels() {
  return PriceTable<StridedColumn>();
}

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(ContiguousPriceKernels);
HWY_EXPORT(StridedPriceKernels);

template <>
const PriceKernels<const double*>& PriceKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(ContiguousPriceKernels)();
}
template <>
const PriceKernels<StridedColumn>& PriceKernelsFor() {
  return *HWY_DYNAMIC_DISPATCH(StridedPriceKernels)();
}

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
