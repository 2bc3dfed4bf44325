// Moving averages, one bar at a time: TA-Lib's EMA in its two forms, the
// WMA's sums, KAMA's smoothing, and the scalar reference loops of the
// moving-average kernels. The batch (moving_average/batch.cc) seeds its
// kernels with these, the kernels' scalar tails and the stream
// (moving_average/stream.cc) run them, so each recurrence is written once.
// Header-only, no dependencies.
#ifndef CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_SCALAR_H_

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

// The EMA's smoothing factor 2 / (n + 1).
inline double EmaK(size_t n) { return 2.0 / (static_cast<double>(n) + 1.0); }

// TA-Lib's EMA: the mean of the first n values (summed in order), then
// y = a y + k x with k = 2/(n+1), a = 1 - k. seed_first: y starts at the
// first value instead (Tulip, pandas' ewm(adjust=False)), defined from the
// first bar. The vector kernel LinearRecurrence continues it from value().
class EmaStep {
 public:
  explicit EmaStep(size_t n, bool seed_first = false)
      : n_(n), k_(EmaK(n)), a_(1.0 - EmaK(n)), seed_first_(seed_first) {}

  void Reset() {
    count_ = 0;
    sum_ = y_ = 0;
  }

  // Takes x; true once the EMA is defined (then *y is it).
  bool Push(double x, double* y) {
    if (count_ >= (seed_first_ ? 1 : n_)) {
      y_ = a_ * y_ + k_ * x;
    } else if (seed_first_) {
      y_ = x;
      ++count_;
    } else {
      sum_ += x;
      if (++count_ < n_) return false;
      y_ = sum_ / static_cast<double>(n_);
    }
    *y = y_;
    return true;
  }

  double value() const { return y_; }
  double a() const { return a_; }
  double k() const { return k_; }

 private:
  size_t n_;
  double k_, a_;
  bool seed_first_;
  size_t count_ = 0;
  double sum_ = 0, y_ = 0;
};

// TA-Lib's EMA in its own stepwise form, y += k (x - y) written
// y = (x - y) k + y, from the seed x0 + mean(x - x0) of the first n values:
// both exact on a flat series, so the difference of two of these (APO and
// PPO with their default EMA) is exactly 0 there, as in TA-Lib, where the
// scan form would leave a residue of either sign.
class StepwiseEma {
 public:
  explicit StepwiseEma(size_t n) : n_(n), k_(EmaK(n)) {}

  void Reset() { count_ = 0; }

  bool Push(double x, double* y) {
    if (count_ >= n_) {
      *y = Step(x);
      return true;
    }
    if (count_ == 0) {
      first_ = x;
      sum_ = 0;
    }
    sum_ += x - first_;
    if (++count_ < n_) return false;
    y_ = first_ + sum_ / static_cast<double>(n_);
    *y = y_;
    return true;
  }

  // One step once defined (the batch's loop after the seed).
  double Step(double x) {
    y_ = (x - y_) * k_ + y_;
    return y_;
  }

 private:
  size_t n_;
  double k_;
  size_t count_ = 0;
  double first_ = 0, sum_ = 0, y_ = 0;
};

// The weighted moving average (weights 1..n, newest heaviest) as a weighted
// sum W and a plain sum S: summed directly over a window (oldest first), or
// slid one bar on (TA-Lib's update W += n x - S, S += x - x[i-n]). Both the
// batch and the stream re-sum directly every WmaResyncInterval(n) updates,
// on the same bars, so their values are the same bits.
struct WmaSums {
  double weighted = 0, plain = 0;

  // Adds the k-th oldest value of the window (k = 0..n-1).
  void AddDirect(size_t k, double v) {
    weighted += static_cast<double>(k + 1) * v;
    plain += v;
  }
  void Slide(double dn, double x, double old) {
    weighted += dn * x - plain;
    plain += x - old;
  }
};
inline double WmaDivider(size_t n) {
  return static_cast<double>(n) * static_cast<double>(n + 1) / 2.0;
}
inline size_t WmaResyncInterval(size_t n) { return std::max<size_t>(64, n); }

// KAMA (TA-Lib, with its fixed 2- and 30-bar bounds): the smoothing
// constant from the n-bar change and the sum of the n one-bar moves:
// er = 1 where sum <= change or sum == 0, else |change / sum|;
// sc = (er (2/3 - 2/31) + 2/31)^2.
inline double KamaSmoothingConstant(double change, double sum_moves) {
  const double fastest = 2.0 / 3.0, slowest = 2.0 / 31.0, diff = fastest - slowest;
  const double er =
      (sum_moves <= change || sum_moves == 0) ? 1.0 : std::fabs(change / sum_moves);
  const double k = er * diff + slowest;
  return k * k;
}
// KAMA's step: y += sc (x - y), written as TA-Lib does.
inline double AdaptiveStep(double y, double x, double sc) { return (x - y) * sc + y; }

// floor(sqrt(n)), exact for every size_t the periods can take (HMA).
inline size_t IntSqrt(size_t n) {
  size_t r = static_cast<size_t>(std::sqrt(static_cast<double>(n)));
  while (r * r > n) --r;
  while ((r + 1) * (r + 1) <= n) ++r;
  return r;
}

// The indicators made of a chain of EMAs (EmaChain in moving_average.h),
// row by row from the first EMA e1, the last one's input x (the EMA before
// it), the last EMA y and its previous value: DEMA 2 e1 - EMA(e1), TEMA
// 3 e1 - 3 e2 + EMA(e2), TRIX the one-bar rate of change of the third EMA.
enum class EmaChainOp { kDema, kTema, kTrix };

// The rate of change in percent, (x/prev - 1) 100, 0 where prev is 0: TA-Lib's
// ROC (LagValue in momentum/scalar.h) and TRIX's.
inline double RateOfChange(double x, double prev) {
  return prev != 0 ? (x / prev - 1.0) * 100.0 : 0.0;
}

inline double EmaChainValue(EmaChainOp op, double e1, double x, double y, double prev) {
  switch (op) {
    case EmaChainOp::kDema:
      return 2.0 * x - y;
    case EmaChainOp::kTema:
      return 3.0 * e1 - 3.0 * x + y;
    case EmaChainOp::kTrix:
      break;
  }
  return RateOfChange(y, prev);
}

// ---- Scalar references of the moving-average kernels --------------------

template <class X>
inline void RollingSumReference(X x, size_t m, size_t n, double scale, double* out) {
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
inline void LinearRecurrenceReference(X x, size_t m, double a, double b, double y0, double* y) {
  double prev = y0;
  for (size_t i = 0; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
  }
}

// y[i] / divisor in place, one row at a time.
inline void DivideInPlaceReference(double* y, size_t m, double divisor) {
  for (size_t i = 0; i < m; ++i) y[i] /= divisor;
}

// LinearRecurrenceReference's y, with out[i] = EmaChainValue of it; returns
// the last y (y0 when m is 0). e1 is read only by kTema.
inline double EmaChainLastReference(EmaChainOp op, const double* x, const double* e1, size_t m,
                                    double a, double b, double y0, double* out) {
  double prev = y0;
  for (size_t i = 0; i < m; ++i) {
    const double y = a * prev + b * x[i];
    out[i] = EmaChainValue(op, op == EmaChainOp::kTema ? e1[i] : 0.0, x[i], y, prev);
    prev = y;
  }
  return prev;
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_SCALAR_H_
