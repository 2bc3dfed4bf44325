// The per-indicator lookback and compute functions behind the Spec table of
// indicators.cc. Internal to cc/indicators. Every compute function follows
// Spec::compute's contract: finite input columns of m rows (m greater than
// the lookback), read in place whatever their stride, all outputs non-null
// with m doubles, NaN written before the lookback.
#ifndef CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_
#define CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/indicators.h"

namespace candlewick {
namespace indicators {

// Workspace slots 0..kFirstFunctionSlot-1 belong to Compute(): slots
// kMaxInputs.. hold the outputs the caller does not want; slots
// 0..kMaxInputs-1 are unused (inputs, strided or not, are read in place).
constexpr size_t kFirstFunctionSlot = kMaxInputs + kMaxOutputs;

// Every indicator function name, for declaring and instantiating them.
#define CW_FOR_EACH_INDICATOR(X) \
  X(Sma) X(Ema) X(Wma) X(Dema) X(Tema) X(Trima) X(Rsi) X(Macd) X(Bbands) X(Stddev) X(Var) \
  X(Trange) X(Atr) X(Natr) X(Mom) X(Roc) X(Willr) X(Stoch) X(Stochf) X(Cci) X(Obv) X(Ad) \
  X(PlusDi) X(MinusDi) X(Dx) X(Adx) X(Adxr) X(Aroon) X(AroonOsc) X(Midprice) X(Midpoint) \
  X(Medprice) X(Typprice) X(Wclprice) X(Avgprice) X(Max) X(Min) X(Sum) X(Kama) X(Cmo) \
  X(Mfi) X(Apo) X(Ppo) X(Trix) X(Bop) X(Rocp) X(Rocr) X(Rocr100) X(Hma) X(Vwma) X(StochRsi) \
  X(UltOsc) X(Sar) X(LinearReg) X(LinearRegSlope) X(LinearRegIntercept) X(LinearRegAngle) \
  X(Tsf) X(AdOsc) X(Vwap) X(AnchoredVwap) X(Cmf) X(Keltner) X(Donchian) X(Ichimoku) \
  X(Supertrend) X(ElderRay) X(Tsi) X(Pivots)

// fn##Compute is a template over the input column type In: `const double*`
// (unit stride) or StridedColumn (any stride, read in place), both
// instantiated in functions.cc with the same arithmetic, so the same bits.
#define CW_DECLARE_INDICATOR(fn)                                                      \
  size_t fn##Lookback(const double* params);                                          \
  template <class In>                                                                 \
  void fn##Compute(const In* in, size_t m, const double* params, double* const* out, \
                   Workspace& ws);

CW_FOR_EACH_INDICATOR(CW_DECLARE_INDICATOR)

// Single-pass variants (Spec::compute_checked), templates as fn##Compute.
template <class In>
bool AtrChecked(const In* in, size_t m, const double* params, double* const* out, Workspace& ws);
template <class In>
bool BbandsChecked(const In* in, size_t m, const double* params, double* const* out,
                   Workspace& ws);
template <class In>
bool NatrChecked(const In* in, size_t m, const double* params, double* const* out,
                 Workspace& ws);
// The price transforms and TRANGE, validated in the same pass
// (PriceTransformChecked).
#define CW_DECLARE_CHECKED(fn)                                                     \
  template <class In>                                                              \
  bool fn##Checked(const In* in, size_t m, const double* params, double* const* out, \
                   Workspace& ws);
CW_DECLARE_CHECKED(Medprice)
CW_DECLARE_CHECKED(Typprice)
CW_DECLARE_CHECKED(Wclprice)
CW_DECLARE_CHECKED(Avgprice)
CW_DECLARE_CHECKED(Bop)
CW_DECLARE_CHECKED(Trange)
CW_DECLARE_CHECKED(Obv)
CW_DECLARE_CHECKED(Max)
CW_DECLARE_CHECKED(Min)
CW_DECLARE_CHECKED(Midpoint)
CW_DECLARE_CHECKED(Midprice)
CW_DECLARE_CHECKED(Donchian)
CW_DECLARE_CHECKED(Ad)
CW_DECLARE_CHECKED(AdOsc)
CW_DECLARE_CHECKED(UltOsc)
CW_DECLARE_CHECKED(Mom)
CW_DECLARE_CHECKED(Roc)
CW_DECLARE_CHECKED(Rocp)
CW_DECLARE_CHECKED(Rocr)
CW_DECLARE_CHECKED(Rocr100)
#undef CW_DECLARE_CHECKED

#undef CW_DECLARE_INDICATOR

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_FUNCTIONS_H_
