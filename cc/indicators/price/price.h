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

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewMedpriceEngine, NewTyppriceEngine, NewWclpriceEngine, NewAvgpriceEngine,
    NewBopEngine, NewPivotsEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_PRICE_PRICE_H_
