// The window-extreme family: MAX, MIN, MIDPOINT, MIDPRICE, Donchian and
// Ichimoku, and the oscillators built on a window's range: WILLR, STOCH,
// STOCHF, STOCHRSI, AROON and AROONOSC (range/batch.cc, their streams in
// range/stream.cc). Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_RANGE_RANGE_H_
#define CANDLEWICK_CC_INDICATORS_RANGE_RANGE_H_

#include "cc/indicators/implementation.h"
#include "cc/indicators/range/kernels.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kMax, kMin, kMidpoint, kMidprice, kDonchian, kIchimoku, kWillr,
    kStoch, kStochf, kStochRsi, kAroon, kAroonOsc;

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewMaxEngine, NewMinEngine, NewMidpointEngine, NewMidpriceEngine, NewDonchianEngine,
    NewIchimokuEngine, NewWillrEngine, NewStochEngine, NewStochfEngine, NewStochRsiEngine,
    NewAroonEngine, NewAroonOscEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_RANGE_RANGE_H_
