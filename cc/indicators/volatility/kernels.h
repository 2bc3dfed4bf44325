// The volatility kernels: true range, Wilder's ATR, window variance and mean
// absolute deviation, and the one-pass Bollinger bands. Each runs the
// Highway code of volatility/kernels-inl.h for the best target this CPU
// supports (volatility/kernels.cc dispatches) and has a scalar reference in
// volatility/scalar.h that the tests compare against on every target. Input
// columns as in moving_average/kernels.h.
#ifndef CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/volatility/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (volatility/kernels.cc).
template <class X>
struct VolatilityKernels {
  void (*true_range)(X h, X l, X c, size_t m, double* out);
  bool (*wilder_atr)(X h, X l, X c, size_t m, size_t n, double seed, double* out);
  bool (*wilder_atr_checked)(X h, X l, X c, size_t m, size_t n, double seed, double* out);
  bool (*wilder_natr)(X h, X l, X c, size_t m, size_t n, double seed, double* out);
  bool (*wilder_natr_checked)(X h, X l, X c, size_t m, size_t n, double seed, double* out);
  void (*window_variance)(X x, size_t m, size_t n, const double* mean, double* out);
  void (*window_stddev)(X x, size_t m, size_t n, const double* mean, double factor,
                        double* out);
  void (*window_bands)(X x, size_t m, size_t n, const double* mean, const double* middle,
                       double up, double down, double* upper, double* lower);
  bool (*window_variance_checked)(X x, size_t m, size_t n, double factor, double* out);
  bool (*window_stddev_checked)(X x, size_t m, size_t n, double factor, double* out);
  void (*window_mean_abs_deviation)(X x, size_t m, size_t n, const double* mean, double* out);
  bool (*bollinger)(X x, size_t m, size_t n, double up, double down, double* upper,
                    double* middle, double* lower);
  bool (*bollinger_checked)(X x, size_t m, size_t n, double up, double down, double* upper,
                            double* middle, double* lower);
};
template <class X>
const VolatilityKernels<X>& VolatilityKernelsFor();

// out[i] = max(h[i] - l[i], |h[i] - c[i-1]|, |l[i] - c[i-1]|) for 1 <= i < m.
template <class H, class L, class C>
void TrueRange(H h, L l, C c, size_t m, double* out) {
  VolatilityKernelsFor<KernelColumn<H>>().true_range(h, l, c, m, out);
}

// Wilder's ATR in one pass over high/low/close: for n < i < m,
// atr = WilderAtr::Smooth(atr, TR[i]) starting from `seed` (the ATR at bar
// n); out[i] = atr.
template <class H, class L, class C>
void WilderAverageTrueRange(H h, L l, C c, size_t m, size_t n, double seed, double* out) {
  VolatilityKernelsFor<KernelColumn<H>>().wilder_atr(h, l, c, m, n, seed, out);
}

// WilderAverageTrueRange that also validates rows n+1..m-1 in the same pass
// (every value finite, h >= l; and the close of row n): true when all were
// fine. When false, out holds unspecified values from n+1 on.
template <class H, class L, class C>
bool WilderAverageTrueRangeChecked(H h, L l, C c, size_t m, size_t n, double seed, double* out) {
  return VolatilityKernelsFor<KernelColumn<H>>().wilder_atr_checked(h, l, c, m, n, seed, out);
}

// WilderAverageTrueRange(Checked) storing NATR, RangeValue(kPercentOf) of
// each ATR and the row's close (range/scalar.h), in the same pass: the bits
// of the ATR kernel followed by RangeCombine(kPercentOf).
template <bool kChecked, class H, class L, class C>
bool WilderNormalizedAverageTrueRange(H h, L l, C c, size_t m, size_t n, double seed,
                                      double* out) {
  const VolatilityKernels<KernelColumn<H>>& k = VolatilityKernelsFor<KernelColumn<H>>();
  return (kChecked ? k.wilder_natr_checked : k.wilder_natr)(h, l, c, m, n, seed, out);
}

// Population variance of each window x[i-n+1..i] for n-1 <= i < m, around
// mean[i] (an approximation of the window mean). Corrected two-pass formula
// (sum d^2 - (sum d)^2 / n) / n with d = x - mean[i]: d is exact when x and
// the mean are within a factor of two, and the correction cancels the mean's
// error to first order, so the result is within a few n ulp of the exact
// variance whatever the magnitude of the prices. O(n) per output, vectorised
// across outputs.
template <class X>
void WindowVariance(X x, size_t m, size_t n, const double* mean, double* out) {
  VolatilityKernelsFor<KernelColumn<X>>().window_variance(x, m, n, mean, out);
}

// factor * sqrt(population variance) of each window, as WindowVariance.
template <class X>
void WindowStddev(X x, size_t m, size_t n, const double* mean, double factor, double* out) {
  VolatilityKernelsFor<KernelColumn<X>>().window_stddev(x, m, n, mean, factor, out);
}

// VAR (kStddev false) and STDDEV in one pass that also checks every
// x[0..m) is finite: for n-1 <= i < m, out[i] = factor * the variance, or
// factor * sqrt(variance), of window i around its simple mean. The bits of
// SmaInto (moving_average.h) then WindowVariance / WindowStddev, the
// variance times factor. False when a row is not finite (out unspecified)
// or when it declines: fewer windows than a vector, or vectors too wide for
// the scan (nothing written); Compute() then validates and runs the passes.
template <bool kStddev, class X>
bool WindowDispersionChecked(X x, size_t m, size_t n, double factor, double* out) {
  const VolatilityKernels<KernelColumn<X>>& k = VolatilityKernelsFor<KernelColumn<X>>();
  return (kStddev ? k.window_stddev_checked : k.window_variance_checked)(x, m, n, factor, out);
}

// Bollinger bands from the window variance around mean[i]:
// upper[i] = middle[i] + up * sd, lower[i] = middle[i] - down * sd, for
// n-1 <= i < m (middle may equal mean).
template <class X>
void WindowBands(X x, size_t m, size_t n, const double* mean, const double* middle, double up,
                 double down, double* upper, double* lower) {
  VolatilityKernelsFor<KernelColumn<X>>().window_bands(x, m, n, mean, middle, up, down, upper,
                                                       lower);
}

// Mean absolute deviation of each window around mean[i]:
// sum |x - mean[i]| / n, for n-1 <= i < m. O(n) per output (CCI).
template <class X>
void WindowMeanAbsDeviation(X x, size_t m, size_t n, const double* mean, double* out) {
  VolatilityKernelsFor<KernelColumn<X>>().window_mean_abs_deviation(x, m, n, mean, out);
}

// Bollinger bands around the simple mean in one pass, for n-1 <= i < m:
// middle = RollingSum(x)/n (the same sliding-sum scan and resync), and
// upper/lower = middle +- up/down * the window's population standard
// deviation (corrected two-pass around middle[i]).
template <class X>
void Bollinger(X x, size_t m, size_t n, double up, double down, double* upper, double* middle,
               double* lower) {
  VolatilityKernelsFor<KernelColumn<X>>().bollinger(x, m, n, up, down, upper, middle, lower);
}

// Bollinger that also checks that every x[0..m) is finite, in the same pass:
// true when all were. When false the outputs hold unspecified values.
template <class X>
bool BollingerChecked(X x, size_t m, size_t n, double up, double down, double* upper,
                      double* middle, double* lower) {
  return VolatilityKernelsFor<KernelColumn<X>>().bollinger_checked(x, m, n, up, down, upper,
                                                                   middle, lower);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_H_
