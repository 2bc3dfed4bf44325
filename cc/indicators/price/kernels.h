// The price-transform kernel: MEDPRICE, TYPPRICE, WCLPRICE, AVGPRICE, BOP and
// the true range in one pass that also validates every row. Highway code in
// price/kernels-inl.h for the best target this CPU supports
// (price/kernels.cc dispatches); PriceValue in price/scalar.h is the
// formula of each, which the kernel's lanes compute bit for bit.
#ifndef CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/price/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (price/kernels.cc).
template <class X>
struct PriceKernels {
  bool (*price_transform_checked)(PriceOp op, const X* cols, size_t m, double* out);
};
template <class X>
const PriceKernels<X>& PriceKernelsFor();

// out[i] = PriceValue(op, ...) of row i for every row (kTrueRange: from row
// 1; out[0] is left alone), validating every row (all columns finite,
// high >= low): true when all were fine. False when some row was not, and
// also, rarely, for good rows whose value overflows (the check is folded
// into arithmetic): the caller then checks the rows exactly. When every row
// is good every output is written, whatever it returns; otherwise the output
// holds unspecified values. `cols` in the indicator's input order (PriceOp).
template <class X>
bool PriceTransformChecked(PriceOp op, const X* cols, size_t m, double* out) {
  return PriceKernelsFor<KernelColumn<X>>().price_transform_checked(op, cols, m, out);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_H_
