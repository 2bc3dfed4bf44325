// The linear-regression family: LINEARREG, LINEARREG_SLOPE,
// LINEARREG_INTERCEPT, LINEARREG_ANGLE and TSF (regression/batch.cc, their
// streams in regression/stream.cc). Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_REGRESSION_REGRESSION_H_
#define CANDLEWICK_CC_INDICATORS_REGRESSION_REGRESSION_H_

#include "cc/indicators/implementation.h"
#include "cc/indicators/regression/kernels.h"
#include "cc/indicators/regression/scalar.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kLinearReg, kLinearRegSlope, kLinearRegIntercept, kLinearRegAngle,
    kTsf;

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewLinearRegEngine, NewLinearRegSlopeEngine, NewLinearRegInterceptEngine,
    NewLinearRegAngleEngine, NewTsfEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_REGRESSION_REGRESSION_H_
