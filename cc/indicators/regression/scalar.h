// Linear regression over a window, one window at a time: the least-squares
// fit the batch kernel computes for every window and the stream for each
// new bar, and the values TA-Lib's LINEARREG family reads off the line.
// Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_REGRESSION_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_REGRESSION_SCALAR_H_

#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

// The least-squares line through n values w[0] (oldest, t = 0) .. w[n-1]
// (newest), computed around the newest value with d = w - w[n-1]:
// mean = w[n-1] + sum(d)/n, slope = sum((t - (n-1)/2) d) / (n (n^2 - 1) / 12).
// A flat window gives a slope of exactly 0 and its value as the mean, and
// the error is relative to the window's spread, not its level. No fused
// multiply-add: the vector kernel does these operations lane by lane, so
// its values are these bits.
template <class W>
inline void LinearFit(W w, size_t n, double* mean, double* slope) {
  const double dn = static_cast<double>(n);
  const double half = (dn - 1.0) / 2.0;
  const double sxx = dn * (dn * dn - 1.0) / 12.0;
  const double ref = w[n - 1];
  double sd = 0, st = 0;
  for (size_t k = 0; k < n; ++k) {
    const double d = w[k] - ref;
    sd += d;
    const double weighted = (static_cast<double>(k) - half) * d;
    st += weighted;
  }
  *mean = ref + sd / dn;
  *slope = st / sxx;
}

// What each indicator of the family reads off the fitted line.
enum class LineOutput { kNewest, kSlope, kOldest, kAngle, kForecast };

inline double LineValue(LineOutput what, double mean, double slope, size_t n) {
  const double half = (static_cast<double>(n) - 1.0) / 2.0;
  switch (what) {
    case LineOutput::kNewest:
      return mean + slope * half;
    case LineOutput::kSlope:
      return slope;
    case LineOutput::kOldest:
      return mean - slope * half;
    case LineOutput::kAngle: {
      constexpr double kDegrees = 180.0 / 3.14159265358979323846;
      return std::atan(slope) * kDegrees;
    }
    case LineOutput::kForecast:
      break;
  }
  return mean + slope * ((static_cast<double>(n) + 1.0) / 2.0);
}

// ---- Scalar reference of the linear-fit kernel ---------------------------

template <class X>
inline void WindowLinearFitReference(X x, size_t m, size_t n, double* mean, double* slope) {
  for (size_t i = n - 1; i < m && n > 0; ++i) LinearFit(x + (i + 1 - n), n, &mean[i], &slope[i]);
}

// ... and of the line kernel: LineValue(what) of each window's fit into
// out[n-1..m), after checking every row is finite (false: out unspecified).
template <class X>
inline bool WindowLineCheckedReference(LineOutput what, X x, size_t m, size_t n, double* out) {
  for (size_t i = 0; i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
  }
  for (size_t i = n - 1; i < m && n > 0; ++i) {
    double mean, slope;
    LinearFit(x + (i + 1 - n), n, &mean, &slope);
    out[i] = LineValue(what, mean, slope, n);
  }
  return true;
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_REGRESSION_SCALAR_H_
