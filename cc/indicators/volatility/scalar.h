// Volatility, one bar at a time: the true range, Wilder's average true range
// as a stepping class, and the scalar reference loops of volatility's
// kernels. The batch seeds its kernels with these (volatility/batch.cc),
// the kernels' scalar tails and the stream run them (volatility/stream.cc),
// and so does the bars module's ATR box (cc/bars), so there is one
// definition of each recurrence. Header-only, no dependencies.
#ifndef CANDLEWICK_CC_INDICATORS_VOLATILITY_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_VOLATILITY_SCALAR_H_

#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

// max(h - l, |h - prev close|, |l - prev close|).
inline double TrueRangeValue(double h, double l, double prev_close) {
  double tr = h - l;
  const double up = std::fabs(h - prev_close);
  const double down = std::fabs(l - prev_close);
  if (up > tr) tr = up;
  if (down > tr) tr = down;
  return tr;
}

// Wilder's average true range as TA-Lib computes it: the mean of the true
// ranges of bars 1..n (bar 0 has no previous close), then
// atr = a * atr + b * tr with a = (n-1)/n, b = 1/n. Defined from bar n on.
class WilderAtr {
 public:
  explicit WilderAtr(size_t n)
      : n_(n), a_(static_cast<double>(n - 1) / static_cast<double>(n)),
        b_(1.0 / static_cast<double>(n)) {}

  void Reset() { bars_ = 0; }

  // Takes bar (h, l, c); true once the ATR is defined (then *atr is it).
  bool Push(double h, double l, double c, double* atr) {
    const size_t t = bars_++;
    const double prev_close = prev_close_;
    prev_close_ = c;
    if (t == 0) {
      sum_ = 0;
      return false;
    }
    const double tr = TrueRangeValue(h, l, prev_close);
    if (t < n_) {
      sum_ += tr;
      return false;
    }
    if (t == n_) {
      sum_ += tr;
      atr_ = sum_ / static_cast<double>(n_);
    } else {
      atr_ = Smooth(atr_, tr);
    }
    *atr = atr_;
    return true;
  }

  // One step of the smoothing (what the vector kernel's tail runs).
  double Smooth(double atr, double tr) const { return a_ * atr + b_ * tr; }
  double a() const { return a_; }
  double b() const { return b_; }

 private:
  size_t n_;
  double a_, b_;
  size_t bars_ = 0;
  double prev_close_ = 0, sum_ = 0, atr_ = 0;
};

// Bessel's factor n/(n-1) for the sample variance (`sample` = 1); a single
// value has no spread, so period 1 gives 0 either way.
inline double SampleFactor(bool sample, size_t n) {
  return sample && n > 1 ? static_cast<double>(n) / static_cast<double>(n - 1) : 1.0;
}

// ---- Scalar references of volatility's kernels (volatility/kernels.h) ----

template <class H, class L, class C>
inline void TrueRangeReference(H h, L l, C c, size_t m, double* out) {
  for (size_t i = 1; i < m; ++i) out[i] = TrueRangeValue(h[i], l[i], c[i - 1]);
}

template <class H, class L, class C>
inline void WilderAverageTrueRangeReference(H h, L l, C c, size_t m, size_t n, double seed,
                                            double* out) {
  const WilderAtr step(n);
  double atr = seed;
  for (size_t i = n + 1; i < m; ++i) {
    atr = step.Smooth(atr, TrueRangeValue(h[i], l[i], c[i - 1]));
    out[i] = atr;
  }
}

template <class H, class L, class C>
inline bool WilderAverageTrueRangeCheckedReference(H h, L l, C c, size_t m, size_t n,
                                                   double seed, double* out) {
  if (m > n && !std::isfinite(c[n])) return false;
  for (size_t i = n + 1; i < m; ++i) {
    if (!(std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i])) || h[i] < l[i]) {
      return false;
    }
  }
  WilderAverageTrueRangeReference(h, l, c, m, n, seed, out);
  return true;
}

template <class X>
inline void WindowVarianceReference(X x, size_t m, size_t n, const double* mean, double* out) {
  if (n == 0 || m < n) return;
  for (size_t i = n - 1; i < m; ++i) {
    double s1 = 0, s2 = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) {
      const double d = x[k] - mean[i];
      s1 += d;
      s2 += d * d;
    }
    const double var = (s2 - s1 * s1 / static_cast<double>(n)) / static_cast<double>(n);
    out[i] = var > 0 ? var : 0.0;
  }
}

template <class X>
inline void WindowMeanAbsDeviationReference(X x, size_t m, size_t n, const double* mean,
                                            double* out) {
  if (n == 0 || m < n) return;
  for (size_t i = n - 1; i < m; ++i) {
    double s = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) s += std::fabs(x[k] - mean[i]);
    out[i] = s / static_cast<double>(n);
  }
}

template <class X>
inline void WindowStddevReference(X x, size_t m, size_t n, const double* mean, double factor,
                                  double* out) {
  WindowVarianceReference(x, m, n, mean, out);
  for (size_t i = n - 1; i < m; ++i) out[i] = std::sqrt(out[i]) * factor;
}

template <class X>
inline void WindowBandsReference(X x, size_t m, size_t n, const double* mean,
                                 const double* middle, double up, double down, double* upper,
                                 double* lower) {
  if (n == 0 || m < n) return;
  WindowVarianceReference(x, m, n, mean, lower);
  for (size_t i = n - 1; i < m; ++i) {
    const double sd = std::sqrt(lower[i]);
    upper[i] = middle[i] + up * sd;
    lower[i] = middle[i] - down * sd;
  }
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLATILITY_SCALAR_H_
