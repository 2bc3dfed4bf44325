// The linear-regression kernel: the least-squares line through every window,
// vectorised across windows (regression/kernels-inl.h), dispatched to the
// best target (regression/kernels.cc); LinearFit in regression/scalar.h is
// the fit of one window, whose bits every lane reproduces.
#ifndef CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/regression/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (regression/kernels.cc).
template <class X>
struct RegressionKernels {
  void (*window_linear_fit)(X x, size_t m, size_t n, double* mean, double* slope);
  bool (*window_line_checked)(LineOutput what, X x, size_t m, size_t n, double* out);
};
template <class X>
const RegressionKernels<X>& RegressionKernelsFor();

// LinearFit of each window x[i-n+1..i] (oldest at t = 0), for n-1 <= i < m:
// mean[i] and slope[i] (per bar). A flat window gives a slope of exactly 0.
template <class X>
void WindowLinearFit(X x, size_t m, size_t n, double* mean, double* slope) {
  RegressionKernelsFor<KernelColumn<X>>().window_linear_fit(x, m, n, mean, slope);
}

// LineValue(what) of each window's LinearFit into out[i], n-1 <= i < m, in
// one pass that also checks every row of x is finite (false: a row is not,
// and out is unspecified). The bits of WindowLinearFit then LineValue.
template <class X>
bool WindowLineChecked(LineOutput what, X x, size_t m, size_t n, double* out) {
  return RegressionKernelsFor<KernelColumn<X>>().window_line_checked(what, x, m, n, out);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_H_
