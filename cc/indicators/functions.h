// The per-indicator lookback and compute functions behind the Spec table of
// indicators.cc. Internal to cc/indicators. Every compute function follows
// Spec::compute's contract: contiguous finite inputs of m rows (m greater
// than the lookback), all outputs non-null with m doubles, NaN written before
// the lookback.
#ifndef CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_
#define CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_

#include <cstddef>

#include "cc/indicators/indicators.h"

namespace candlewick {
namespace indicators {

// Workspace slots 0..kFirstFunctionSlot-1 belong to Compute() (gathered
// strided inputs, outputs the caller does not want).
constexpr size_t kFirstFunctionSlot = kMaxInputs + kMaxOutputs;

#define CW_DECLARE_INDICATOR(fn)                       \
  size_t fn##Lookback(const double* params);           \
  void fn##Compute(const double* const* in, size_t m,  \
                   const double* params, double* const* out, Workspace& ws)

CW_DECLARE_INDICATOR(Sma);
CW_DECLARE_INDICATOR(Ema);
CW_DECLARE_INDICATOR(Wma);
CW_DECLARE_INDICATOR(Dema);
CW_DECLARE_INDICATOR(Tema);
CW_DECLARE_INDICATOR(Trima);
CW_DECLARE_INDICATOR(Rsi);
CW_DECLARE_INDICATOR(Macd);
CW_DECLARE_INDICATOR(Bbands);
CW_DECLARE_INDICATOR(Stddev);
CW_DECLARE_INDICATOR(Var);
CW_DECLARE_INDICATOR(Trange);
CW_DECLARE_INDICATOR(Atr);
CW_DECLARE_INDICATOR(Natr);
CW_DECLARE_INDICATOR(Mom);
CW_DECLARE_INDICATOR(Roc);
CW_DECLARE_INDICATOR(Willr);
CW_DECLARE_INDICATOR(Stoch);
CW_DECLARE_INDICATOR(Stochf);
CW_DECLARE_INDICATOR(Cci);
CW_DECLARE_INDICATOR(Obv);
CW_DECLARE_INDICATOR(Ad);
CW_DECLARE_INDICATOR(PlusDi);
CW_DECLARE_INDICATOR(MinusDi);
CW_DECLARE_INDICATOR(Dx);
CW_DECLARE_INDICATOR(Adx);
CW_DECLARE_INDICATOR(Adxr);
CW_DECLARE_INDICATOR(Aroon);
CW_DECLARE_INDICATOR(AroonOsc);
CW_DECLARE_INDICATOR(Midprice);
CW_DECLARE_INDICATOR(Midpoint);
CW_DECLARE_INDICATOR(Medprice);
CW_DECLARE_INDICATOR(Typprice);
CW_DECLARE_INDICATOR(Wclprice);
CW_DECLARE_INDICATOR(Avgprice);
CW_DECLARE_INDICATOR(Max);
CW_DECLARE_INDICATOR(Min);
CW_DECLARE_INDICATOR(Sum);
CW_DECLARE_INDICATOR(Kama);
CW_DECLARE_INDICATOR(Cmo);
CW_DECLARE_INDICATOR(Mfi);
CW_DECLARE_INDICATOR(Apo);
CW_DECLARE_INDICATOR(Ppo);
CW_DECLARE_INDICATOR(Trix);
CW_DECLARE_INDICATOR(Bop);
CW_DECLARE_INDICATOR(Rocp);
CW_DECLARE_INDICATOR(Rocr);
CW_DECLARE_INDICATOR(Rocr100);
CW_DECLARE_INDICATOR(Hma);
CW_DECLARE_INDICATOR(Vwma);
CW_DECLARE_INDICATOR(StochRsi);
CW_DECLARE_INDICATOR(UltOsc);
CW_DECLARE_INDICATOR(Sar);
CW_DECLARE_INDICATOR(LinearReg);
CW_DECLARE_INDICATOR(LinearRegSlope);
CW_DECLARE_INDICATOR(LinearRegIntercept);
CW_DECLARE_INDICATOR(LinearRegAngle);
CW_DECLARE_INDICATOR(Tsf);
CW_DECLARE_INDICATOR(AdOsc);
CW_DECLARE_INDICATOR(Vwap);
CW_DECLARE_INDICATOR(AnchoredVwap);
CW_DECLARE_INDICATOR(Cmf);
CW_DECLARE_INDICATOR(Keltner);
CW_DECLARE_INDICATOR(Donchian);
CW_DECLARE_INDICATOR(Ichimoku);
CW_DECLARE_INDICATOR(Supertrend);
CW_DECLARE_INDICATOR(ElderRay);
CW_DECLARE_INDICATOR(Tsi);
CW_DECLARE_INDICATOR(Pivots);

// Single-pass variants (Spec::compute_checked).
bool AtrChecked(const double* const* in, size_t m, const double* params, double* const* out,
                Workspace& ws);
bool BbandsChecked(const double* const* in, size_t m, const double* params, double* const* out,
                   Workspace& ws);
bool NatrChecked(const double* const* in, size_t m, const double* params, double* const* out,
                 Workspace& ws);

#undef CW_DECLARE_INDICATOR

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_
