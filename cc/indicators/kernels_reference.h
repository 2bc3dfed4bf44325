// Plain scalar versions of the kernels in kernels.h: the textbook loops
// (TA-Lib's running sums and one-step-at-a-time recurrences). The tests compare
// every Highway target against them, the benchmark runs them side by side with
// the dispatched kernels, and kernels.cc falls back to them on targets whose
// vectors are wider than the scan code supports. Input columns are template
// parameters: `const double*` or StridedColumn (column.h), read the same way.
#ifndef CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_
#define CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_

#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

template <class X>
inline void RollingSumReference(X x, size_t m, size_t n, double scale,
                                double* out) {
  if (n == 0 || m < n) return;
  double s = 0;
  for (size_t k = 0; k < n; ++k) s += x[k];
  out[n - 1] = scale * s;
  for (size_t i = n; i < m; ++i) {
    s += x[i] - x[i - n];
    out[i] = scale * s;
  }
}

template <class X>
inline void LinearRecurrenceReference(X x, size_t m, double a, double b,
                                      double y0, double* y) {
  double prev = y0;
  for (size_t i = 0; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
  }
}

template <class X>
inline void LinearRecurrenceWithResidualReference(X x, size_t m, double a,
                                                  double b, double y0, double* y, double* r) {
  double prev = y0;
  for (size_t i = 0; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
    r[i] = x[i] - prev;
  }
}

template <class X>
inline void EmaDifferenceReference(X x, size_t m, double kf, double ks, double ef,
                                   double es, double* out) {
  for (size_t i = 0; i < m; ++i) {
    ef = (1 - kf) * ef + kf * x[i];
    es = (1 - ks) * es + ks * x[i];
    out[i] = ef - es;
  }
}

inline double RsiValue(double gain, double loss) {
  const double total = gain + loss;
  return total == 0 ? 0.0 : 100.0 * (gain / total);
}

template <class X>
inline void RsiFromSeedsReference(X x, size_t m, size_t n, double avg_gain,
                                  double avg_loss, double* out) {
  if (m <= n) return;
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  out[n] = RsiValue(avg_gain, avg_loss);
  for (size_t i = n + 1; i < m; ++i) {
    const double move = x[i] - x[i - 1];
    avg_gain = a * avg_gain + b * (move > 0 ? move : 0.0);
    avg_loss = a * avg_loss + b * (move < 0 ? -move : 0.0);
    out[i] = RsiValue(avg_gain, avg_loss);
  }
}

inline double CmoValue(double gain, double loss) {
  const double total = gain + loss;
  return total == 0 ? 0.0 : 100.0 * ((gain - loss) / total);
}

template <class X>
inline void CmoFromSeedsReference(X x, size_t m, size_t n, double avg_gain,
                                  double avg_loss, double* out) {
  if (m <= n) return;
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  out[n] = CmoValue(avg_gain, avg_loss);
  for (size_t i = n + 1; i < m; ++i) {
    const double move = x[i] - x[i - 1];
    avg_gain = a * avg_gain + b * (move > 0 ? move : 0.0);
    avg_loss = a * avg_loss + b * (move < 0 ? -move : 0.0);
    out[i] = CmoValue(avg_gain, avg_loss);
  }
}

inline double TrueRangeValue(double h, double l, double prev_close) {
  double tr = h - l;
  const double up = std::fabs(h - prev_close);
  const double down = std::fabs(l - prev_close);
  if (up > tr) tr = up;
  if (down > tr) tr = down;
  return tr;
}

template <class H, class L, class C>
inline void TrueRangeReference(H h, L l, C c, size_t m,
                               double* out) {
  for (size_t i = 1; i < m; ++i) out[i] = TrueRangeValue(h[i], l[i], c[i - 1]);
}

template <class H, class L, class C>
inline void WilderAverageTrueRangeReference(H h, L l, C c,
                                            size_t m, size_t n, double seed, double* out) {
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  double atr = seed;
  for (size_t i = n + 1; i < m; ++i) {
    atr = a * atr + b * TrueRangeValue(h[i], l[i], c[i - 1]);
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
inline void WindowVarianceReference(X x, size_t m, size_t n, const double* mean,
                                    double* out) {
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
inline void WindowMeanAbsDeviationReference(X x, size_t m, size_t n,
                                            const double* mean, double* out) {
  if (n == 0 || m < n) return;
  for (size_t i = n - 1; i < m; ++i) {
    double s = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) s += std::fabs(x[k] - mean[i]);
    out[i] = s / static_cast<double>(n);
  }
}

template <class X>
inline void WindowStddevReference(X x, size_t m, size_t n, const double* mean,
                                  double factor, double* out) {
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

template <bool kMax, class X>
inline void RollingExtremeReference(X x, size_t m, size_t w, double* out) {
  for (size_t i = w - 1; i < m && w > 0; ++i) {
    double best = x[i + 1 - w];
    for (size_t k = i + 2 - w; k <= i; ++k) best = kMax ? std::fmax(best, x[k]) : std::fmin(best, x[k]);
    out[i] = best;
  }
}

// Bars since the extreme, the most recent one on ties.
template <bool kMax, class X>
inline void RollingExtremeAgeReference(X x, size_t m, size_t w, double* out) {
  for (size_t i = w - 1; i < m && w > 0; ++i) {
    size_t at = i + 1 - w;
    for (size_t k = at + 1; k <= i; ++k) {
      if (kMax ? x[k] >= x[at] : x[k] <= x[at]) at = k;
    }
    out[i] = static_cast<double>(i - at);
  }
}

template <class X>
inline void WindowLinearFitReference(X x, size_t m, size_t n, double* mean, double* slope) {
  const double dn = static_cast<double>(n);
  const double half = (dn - 1.0) / 2.0;
  const double sxx = dn * (dn * dn - 1.0) / 12.0;
  for (size_t i = n - 1; i < m && n > 0; ++i) {
    const double ref = x[i];
    double sd = 0, st = 0;
    for (size_t k = 0; k < n; ++k) {
      const double d = x[i + 1 - n + k] - ref;
      sd += d;
      const double weighted = (static_cast<double>(k) - half) * d;
      st += weighted;
    }
    mean[i] = ref + sd / dn;
    slope[i] = st / sxx;
  }
}

inline double MoneyFlowVolumeValue(double h, double l, double c, double v) {
  const double range = h - l;
  return range > 0 ? (((c - l) - (h - c)) / range) * v : 0.0;
}

template <class X>
inline void AccumulationDistributionReference(const X* cols, size_t m, double* out) {
  double ad = 0;
  for (size_t i = 0; i < m; ++i) {
    ad += MoneyFlowVolumeValue(cols[0][i], cols[1][i], cols[2][i], cols[3][i]);
    out[i] = ad;
  }
}

template <class X>
inline size_t FirstSuspectRowReference(const X* cols, size_t count, size_t m,
                                       int high, int low, int volume) {
  for (size_t i = 0; i < m; ++i) {
    for (size_t k = 0; k < count; ++k) {
      if (!std::isfinite(cols[k][i])) return i;
    }
    if (high >= 0 && cols[high][i] < cols[low][i]) return i;
    if (volume >= 0 && cols[volume][i] < 0) return i;
  }
  return m;
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_
