// The price-transform family: MEDPRICE, TYPPRICE, WCLPRICE, AVGPRICE, BOP
// and classic floor pivots (price/batch.cc, their streams in
// price/stream.cc). Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_PRICE_PRICE_H_
#define CANDLEWICK_CC_INDICATORS_PRICE_PRICE_H_

#include "cc/indicators/implementation.h"
#include "cc/indicators/price/kernels.h"
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kMedprice, kTypprice, kWclprice, kAvgprice, kBop, kPivots;

// The typical price of each of the m rows of (high, low, close) = in[0..2],
// in a new column of the caller's scratch (the CCI and Keltner windows run
// over it).
template <class In>
double* TypicalPriceColumn(const In* in, size_t m, Scratch& scratch) {
  double* tp = scratch.Doubles(m);
  for (size_t i = 0; i < m; ++i) tp[i] = TypicalPrice(in[0][i], in[1][i], in[2][i]);
  return tp;
}

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewMedpriceEngine, NewTyppriceEngine, NewWclpriceEngine, NewAvgpriceEngine,
    NewBopEngine, NewPivotsEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_PRICE_PRICE_H_
