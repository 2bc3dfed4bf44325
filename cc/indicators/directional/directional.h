// The directional-movement and trend family: +DI, -DI, DX, ADX, ADXR,
// Parabolic SAR and Supertrend (directional/batch.cc, their streams in
// directional/stream.cc). Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_DIRECTIONAL_DIRECTIONAL_H_
#define CANDLEWICK_CC_INDICATORS_DIRECTIONAL_DIRECTIONAL_H_

#include "cc/indicators/directional/kernels.h"
#include "cc/indicators/directional/scalar.h"
#include "cc/indicators/implementation.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kPlusDi, kMinusDi, kDx, kAdx, kAdxr, kSar, kSupertrend;

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewPlusDiEngine, NewMinusDiEngine, NewDxEngine, NewAdxEngine, NewAdxrEngine,
    NewSarEngine, NewSupertrendEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_DIRECTIONAL_DIRECTIONAL_H_
