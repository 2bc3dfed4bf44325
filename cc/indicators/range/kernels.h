// The window-extreme kernels: rolling highest and lowest values (alone, both
// at once, or their midpoint), bars since the extreme, and the combinations
// of a highest and a lowest value (RangeValue). Highway code in
// range/kernels-inl.h for the best target this CPU supports
// (range/kernels.cc dispatches); scalar references in range/scalar.h. Input
// columns as in moving_average/kernels.h.
#ifndef CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/range/scalar.h"

namespace candlewick {
namespace indicators {

// Windows up to this many bars take the vector kernels below (O(w) or
// O(log w) per vector of outputs, branch-free); longer ones the monotonic
// deque (range/scalar.h), whose pops mispredict on prices.
inline constexpr size_t kDirectWindowMax = 64;

// What each target provides (range/kernels.cc).
template <class X>
struct RangeKernels {
  void (*rolling_max)(X x, size_t m, size_t w, double* out);
  void (*rolling_min)(X x, size_t m, size_t w, double* out);
  bool (*rolling_max_checked)(X x, size_t m, size_t w, double* out);
  bool (*rolling_min_checked)(X x, size_t m, size_t w, double* out);
  bool (*rolling_midpoint_checked)(X x, size_t m, size_t w, double* mid, double* scratch);
  bool (*high_low_range_checked)(X h, X l, size_t m, size_t w, double* hi, double* lo);
  bool (*high_low_midpoint_checked)(X h, X l, size_t m, size_t w, double* mid, double* scratch);
  bool (*high_low_combine_checked)(RangeOp op, X h, X l, X c, size_t m, size_t w, double* out);
  void (*rolling_max_age)(X x, size_t m, size_t w, double* out);
  void (*rolling_min_age)(X x, size_t m, size_t w, double* out);
  bool (*aroon_checked)(X h, X l, size_t m, size_t n, bool osc, double* down, double* up);
  void (*range_combine)(RangeOp op, const double* hi, const double* lo, X c, size_t from,
                        size_t m, double* out);
};
template <class X>
const RangeKernels<X>& RangeKernelsFor();

// Largest (RollingMax) or smallest value of each window x[i-w+1..i], for
// w-1 <= i < m: out[i]. Meant for w up to kDirectWindowMax.
template <class X>
void RollingMax(X x, size_t m, size_t w, double* out) {
  RangeKernelsFor<KernelColumn<X>>().rolling_max(x, m, w, out);
}
template <class X>
void RollingMin(X x, size_t m, size_t w, double* out) {
  RangeKernelsFor<KernelColumn<X>>().rolling_min(x, m, w, out);
}
// The same, also checking that every x[0..m) is finite (false: out
// unspecified).
template <class X>
bool RollingMaxChecked(X x, size_t m, size_t w, double* out) {
  return RangeKernelsFor<KernelColumn<X>>().rolling_max_checked(x, m, w, out);
}
template <class X>
bool RollingMinChecked(X x, size_t m, size_t w, double* out) {
  return RangeKernelsFor<KernelColumn<X>>().rolling_min_checked(x, m, w, out);
}
// (max + min) / 2 of each window into mid, in the same single pass (scratch:
// m doubles the kernel may use).
template <class X>
bool RollingMidpointChecked(X x, size_t m, size_t w, double* mid, double* scratch) {
  return RangeKernelsFor<KernelColumn<X>>().rolling_midpoint_checked(x, m, w, mid, scratch);
}
// The highest high and lowest low of each window (h and l two columns),
// checking every row (finite, high >= low) in the same pass; or straight
// their midpoint (MIDPRICE).
template <class H, class L>
bool HighLowRangeChecked(H h, L l, size_t m, size_t w, double* hi, double* lo) {
  return RangeKernelsFor<KernelColumn<H>>().high_low_range_checked(h, l, m, w, hi, lo);
}
template <class H, class L>
bool HighLowMidpointChecked(H h, L l, size_t m, size_t w, double* mid, double* scratch) {
  return RangeKernelsFor<KernelColumn<H>>().high_low_midpoint_checked(h, l, m, w, mid, scratch);
}
// RangeValue(op, highest high, lowest low, c[i]) of each window for op
// kFastK or kWillr (%K, Williams' %R) in one pass, checking every row
// (finite, high >= low) as it goes; NaN-free from w-1, rows before unset.
template <class X>
bool HighLowCombineChecked(RangeOp op, X h, X l, X c, size_t m, size_t w, double* out) {
  return RangeKernelsFor<KernelColumn<X>>().high_low_combine_checked(op, h, l, c, m, w, out);
}

// Bars since the largest (RollingMaxAge) or smallest value of each window
// x[i-w+1..i], the most recent one on ties (TA-Lib's AROON): out[i] in
// [0, w), for w-1 <= i < m. As RollingMax, for w up to kDirectWindowMax.
template <class X>
void RollingMaxAge(X x, size_t m, size_t w, double* out) {
  RangeKernelsFor<KernelColumn<X>>().rolling_max_age(x, m, w, out);
}
template <class X>
void RollingMinAge(X x, size_t m, size_t w, double* out) {
  RangeKernelsFor<KernelColumn<X>>().rolling_min_age(x, m, w, out);
}

// AROON over n (windows of n + 1 bars, n + 1 up to kDirectWindowMax) for
// n <= i < m: down[i] and up[i], or (osc) AROONOSC into down[i] (up
// unused), as AroonValues of both ages (AroonReference), checking every row
// (finite, high >= low) in the same pass (false: outputs unspecified).
template <class X>
bool AroonChecked(X h, X l, size_t m, size_t n, bool osc, double* down, double* up) {
  return RangeKernelsFor<KernelColumn<X>>().aroon_checked(h, l, m, n, osc, down, up);
}

// out[i] = RangeValue(op, hi[i], lo[i], c[i]) for from <= i < m, hi and lo
// contiguous (e.g. from RollingMax/RollingMin); out may be lo (in place).
template <class X>
void RangeCombine(RangeOp op, const double* hi, const double* lo, X c, size_t from, size_t m,
                  double* out) {
  RangeKernelsFor<KernelColumn<X>>().range_combine(op, hi, lo, c, from, m, out);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_H_
