// The momentum family: RSI, CMO, MACD, APO, PPO, TRIX, TSI, MOM, ROC, ROCP,
// ROCR, ROCR100, CCI, ULTOSC and the Elder ray (momentum/batch.cc, their
// streams in momentum/stream.cc), and RSI as a batch helper for STOCHRSI.
// Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_MOMENTUM_MOMENTUM_H_
#define CANDLEWICK_CC_INDICATORS_MOMENTUM_MOMENTUM_H_

#include <cstddef>

#include "cc/indicators/implementation.h"
#include "cc/indicators/momentum/kernels.h"
#include "cc/indicators/momentum/scalar.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kRsi, kCmo, kMacd, kApo, kPpo, kTrix, kTsi, kMom, kRoc, kRocp,
    kRocr, kRocr100, kCci, kUltOsc, kElderRay;

// Wilder's RSI of x[0..m) (m > n) into out, NaN before bar n: WilderGainLoss
// seeded from the first n moves, continued by the RsiFromSeeds kernel.
// kHold: RsiHoldingFromSeeds (STOCHRSI's RSI).
template <class X, bool kHold = false>
void RsiInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, n);
  WilderGainLoss avg(n);
  for (size_t i = 1; i <= n; ++i) avg.Push(x[i] - x[i - 1]);
  if constexpr (kHold) {
    RsiHoldingFromSeeds(x, m, n, avg.gain(), avg.loss(), out);
  } else {
    RsiFromSeeds(x, m, n, avg.gain(), avg.loss(), out);
  }
}

namespace stream_internal {

// Wilder's RSI, one bar at a time: true once defined (bar n), then *rsi is
// it. kHold: the holding form of RsiInto<X, true> (STOCHRSI's RSI): after
// bar n, a bar with no move repeats the previous value.
template <bool kHold = false>
class RsiStream {
 public:
  explicit RsiStream(size_t n) : avg_(n), n_(n) {}
  void Reset() {
    bars_ = 0;
    avg_.Reset();
  }
  bool Push(double x, double* rsi) {
    const size_t i = bars_++;
    const double move = x - prev_;
    prev_ = x;
    if (i == 0 || !avg_.Push(move)) return false;
    if (!(kHold && move == 0 && i > n_)) rsi_ = RsiValue(avg_.gain(), avg_.loss());
    *rsi = rsi_;
    return true;
  }
  const WilderGainLoss& averages() const { return avg_; }

 private:
  WilderGainLoss avg_;
  size_t n_;
  size_t bars_ = 0;
  double prev_ = 0, rsi_ = 0;
};

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewRsiEngine, NewCmoEngine, NewMacdEngine, NewApoEngine, NewPpoEngine, NewTrixEngine,
    NewTsiEngine, NewMomEngine, NewRocEngine, NewRocpEngine, NewRocrEngine, NewRocr100Engine,
    NewCciEngine, NewUltOscEngine, NewElderRayEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOMENTUM_MOMENTUM_H_
