// Price transforms, one bar at a time: the formulas of MEDPRICE, TYPPRICE,
// WCLPRICE, AVGPRICE, BOP (and the true range through the same validating
// pass), and the classic floor pivots. The batch, the vector kernel's tail
// and the stream all call these. Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_PRICE_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_PRICE_SCALAR_H_

#include <cstddef>

#include "cc/indicators/volatility/scalar.h"

namespace candlewick {
namespace indicators {

// The transforms of one bar. Inputs in the indicator's order: kMedian,
// kTypical, kWeighted take (high, low[, close]); kAverage, kBalance take
// (open, high, low, close); kTrueRange (high, low, close) also needs the
// previous close.
enum class PriceOp { kMedian, kTypical, kWeighted, kAverage, kBalance, kTrueRange };

inline double PriceValue(PriceOp op, double o, double h, double l, double c, double prev_close) {
  switch (op) {
    case PriceOp::kMedian:
      return (h + l) / 2.0;
    case PriceOp::kTypical:
      return (h + l + c) / 3.0;
    case PriceOp::kWeighted:
      return (h + l + c * 2.0) / 4.0;
    case PriceOp::kAverage:
      return (h + l + c + o) / 4.0;
    case PriceOp::kBalance: {
      const double range = h - l;
      return range != 0 ? (c - o) / range : 0.0;
    }
    case PriceOp::kTrueRange:
      break;
  }
  return TrueRangeValue(h, l, prev_close);
}

inline double TypicalPrice(double h, double l, double c) { return (h + l + c) / 3.0; }

// Classic floor pivots of a bar, in the indicator's output order.
struct PivotLevels {
  double p, r1, r2, r3, s1, s2, s3;
};
inline PivotLevels PivotsOf(double h, double l, double c) {
  const double pp = (h + l + c) / 3.0;
  return {pp, 2.0 * pp - l, pp + (h - l), h + 2.0 * (pp - l), 2.0 * pp - h, pp - (h - l),
          l - 2.0 * (h - pp)};
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_PRICE_SCALAR_H_
