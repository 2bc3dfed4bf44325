// The volatility family: BBANDS, STDDEV, VAR, TRANGE, ATR, NATR and Keltner
// channels (volatility/batch.cc, their streams in volatility/stream.cc), and
// TA-Lib's ATR as a batch helper for Supertrend. Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_VOLATILITY_VOLATILITY_H_
#define CANDLEWICK_CC_INDICATORS_VOLATILITY_VOLATILITY_H_

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/implementation.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/stream_engine.h"
#include "cc/indicators/volatility/kernels.h"
#include "cc/indicators/volatility/scalar.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kBbands, kStddev, kVar, kTrange, kAtr, kNatr, kKeltner;

// TA-Lib's ATR of high/low/close into out (NaN before bar n): WilderAtr over
// bars 0..n for the seed, continued by the WilderAverageTrueRange kernel.
// kChecked also validates every row (finite, high >= low) and returns false
// at a bad one (out then unspecified); otherwise returns true. kPercent
// stores NATR instead (RangeValue(kPercentOf) of each ATR and close), in the
// same pass.
template <bool kChecked, bool kPercent = false, class X>
bool AtrInto(X h, X l, X c, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n));
  if (m <= n) return true;
  WilderAtr atr(n);
  double seed = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (kChecked && (!(std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i])) ||
                     h[i] < l[i])) {
      return false;
    }
    atr.Push(h[i], l[i], c[i], &seed);
  }
  out[n] = kPercent ? RangeValue(RangeOp::kPercentOf, seed, 0.0, c[n]) : seed;
  if (kPercent) return WilderNormalizedAverageTrueRange<kChecked>(h, l, c, m, n, seed, out);
  if (kChecked) return WilderAverageTrueRangeChecked(h, l, c, m, n, seed, out);
  WilderAverageTrueRange(h, l, c, m, n, seed, out);
  return true;
}

namespace stream_internal {

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewBbandsEngine, NewStddevEngine, NewVarEngine, NewTrangeEngine, NewAtrEngine,
    NewNatrEngine, NewKeltnerEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLATILITY_VOLATILITY_H_
