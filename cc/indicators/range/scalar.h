// Window extremes and what is built on them, one bar at a time: the
// monotonic deque that tracks a window's highest or lowest value (the
// stream, and the batch for windows too long for the vector kernel), the
// formulas that combine a highest and a lowest value (midpoint, stochastic
// %K, Williams' %R, and NATR's percentage), and the scalar references of
// the range kernels. Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_RANGE_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_RANGE_SCALAR_H_

#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

// Combinations of a window's highest `hi` and lowest `lo` with a value c:
// kMidpoint (hi + lo) / 2; kFastK (stochastic %K) 100 (c - lo) / (hi - lo);
// kWillr (Williams' %R) -100 (hi - c) / (hi - lo); both 0 when hi == lo;
// kPercentOf (NATR) 100 hi / c, 0 when c is 0 (lo unused). Written as
// TA-Lib divides, so the vector kernel and the stream give these bits.
enum class RangeOp { kMidpoint, kFastK, kWillr, kPercentOf };

inline double RangeValue(RangeOp op, double hi, double lo, double c) {
  switch (op) {
    case RangeOp::kMidpoint:
      return (hi + lo) / 2.0;
    case RangeOp::kFastK: {
      const double diff = (hi - lo) / 100.0;
      return diff != 0 ? (c - lo) / diff : 0.0;
    }
    case RangeOp::kPercentOf:
      return c != 0 ? (hi / c) * 100.0 : 0.0;
    case RangeOp::kWillr:
      break;
  }
  const double diff = (hi - lo) / -100.0;
  return diff != 0 ? (hi - c) / diff : 0.0;
}

// The largest (kMax) or smallest of the last w values, the most recent one
// on ties (TA-Lib's rule, which matters for AROON's ages): a monotonic deque
// in fixed rings of w indices and w values owned by the caller. O(1)
// amortised per value. Indices count values since the last Reset().
template <bool kMax>
class MonotonicDeque {
 public:
  MonotonicDeque(size_t w, size_t* index_ring, double* value_ring)
      : idx_(index_ring), val_(value_ring), w_(w) {}

  void Reset() { head_ = count_ = i_ = 0; }

  // Takes x; true once w values are in (then *value is the extreme and
  // *index, when not null, the index it came at).
  bool Push(double x, double* value, size_t* index) {
    if (count_ > 0 && idx_[head_] + w_ <= i_) {
      head_ = head_ + 1 == w_ ? 0 : head_ + 1;
      --count_;
    }
    while (count_ > 0) {
      const double back = val_[Pos(count_ - 1)];
      if (kMax ? back <= x : back >= x) {
        --count_;
      } else {
        break;
      }
    }
    const size_t pos = Pos(count_);
    idx_[pos] = i_;
    val_[pos] = x;
    ++count_;
    const bool full = i_ + 1 >= w_;
    ++i_;
    if (!full) return false;
    *value = val_[head_];
    if (index != nullptr) *index = idx_[head_];
    return true;
  }

 private:
  size_t Pos(size_t k) const {
    const size_t pos = head_ + k;
    return pos >= w_ ? pos - w_ : pos;
  }

  size_t* idx_;
  double* val_;
  size_t w_;
  size_t head_ = 0, count_ = 0, i_ = 0;
};

// ---- Scalar references of the range kernels ------------------------------

template <bool kMax, class X>
inline void RollingExtremeReference(X x, size_t m, size_t w, double* out) {
  for (size_t i = w - 1; i < m && w > 0; ++i) {
    double best = x[i + 1 - w];
    for (size_t k = i + 2 - w; k <= i; ++k) {
      best = kMax ? std::fmax(best, x[k]) : std::fmin(best, x[k]);
    }
    out[i] = best;
  }
}

// Bars since the extreme of x[i-w+1..i], the most recent one on ties.
template <bool kMax, class X>
inline double ExtremeAge(X x, size_t i, size_t w) {
  size_t at = i + 1 - w;
  for (size_t k = at + 1; k <= i; ++k) {
    if (kMax ? x[k] >= x[at] : x[k] <= x[at]) at = k;
  }
  return static_cast<double>(i - at);
}

template <bool kMax, class X>
inline void RollingExtremeAgeReference(X x, size_t m, size_t w, double* out) {
  for (size_t i = w - 1; i < m && w > 0; ++i) out[i] = ExtremeAge<kMax>(x, i, w);
}

// AROON over n from the ages of the highest high and the lowest low: *down
// and *up, or (osc) AROONOSC = up - down into *down (up unused).
inline void AroonValues(size_t n, bool osc, double high_age, double low_age, double* down,
                        double* up) {
  const double factor = 100.0 / static_cast<double>(n);
  const double dn = static_cast<double>(n);
  if (osc) {
    // (i - high age) - (i - low age): the highest's index minus the lowest's.
    *down = factor * (low_age - high_age);
    return;
  }
  *up = factor * (dn - high_age);
  *down = factor * (dn - low_age);
}

// AroonChecked's values (kernels.h) for rows from..m-1, from >= n.
template <class X>
inline void AroonReference(X h, X l, size_t from, size_t m, size_t n, bool osc, double* down,
                           double* up) {
  for (size_t i = from; i < m; ++i) {
    AroonValues(n, osc, ExtremeAge<true>(h, i, n + 1), ExtremeAge<false>(l, i, n + 1), &down[i],
                osc ? nullptr : &up[i]);
  }
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_RANGE_SCALAR_H_
