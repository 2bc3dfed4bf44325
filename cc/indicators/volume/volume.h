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

Engine* NewObvEngine(const double* params, Arena& arena);
Engine* NewAdEngine(const double* params, Arena& arena);
Engine* NewAdOscEngine(const double* params, Arena& arena);
Engine* NewMfiEngine(const double* params, Arena& arena);
Engine* NewVwmaEngine(const double* params, Arena& arena);
Engine* NewVwapEngine(const double* params, Arena& arena);
Engine* NewAnchoredVwapEngine(const double* params, Arena& arena);
Engine* NewCmfEngine(const double* params, Arena& arena);

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLUME_VOLUME_H_
