// The volume family: OBV, AD, ADOSC, MFI, VWMA, VWAP, anchored VWAP and CMF
// (volume/batch.cc, their streams in volume/stream.cc). Internal to
// cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_VOLUME_VOLUME_H_
#define CANDLEWICK_CC_INDICATORS_VOLUME_VOLUME_H_

#include "cc/indicators/implementation.h"
#include "cc/indicators/stream_engine.h"
#include "cc/indicators/volume/kernels.h"
#include "cc/indicators/volume/scalar.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kObv, kAd, kAdOsc, kMfi, kVwma, kVwap, kAnchoredVwap, kCmf;

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewObvEngine, NewAdEngine, NewAdOscEngine, NewMfiEngine, NewVwmaEngine, NewVwapEngine,
    NewAnchoredVwapEngine, NewCmfEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLUME_VOLUME_H_
