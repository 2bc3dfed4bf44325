// Momentum, one bar at a time: Wilder's gain/loss averages (RSI, CMO), the
// MACD line, the lag transforms (MOM, the ROC family), the Ultimate
// Oscillator's terms and CCI's ratio, with the scalar reference loops of
// the momentum kernels. The batch seeds its kernels with these, the
// kernels' scalar tails and the stream run them. Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_MOMENTUM_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_MOMENTUM_SCALAR_H_

#include <algorithm>
#include <cstddef>

#include "cc/indicators/moving_average/scalar.h"

namespace candlewick {
namespace indicators {

inline double RsiValue(double gain, double loss) {
  const double total = gain + loss;
  return total == 0 ? 0.0 : 100.0 * (gain / total);
}

inline double CmoValue(double gain, double loss) {
  const double total = gain + loss;
  return total == 0 ? 0.0 : 100.0 * ((gain - loss) / total);
}

// Wilder's average gain and loss (RSI, CMO; TA-Lib): the means of the first
// n gains and losses (moves x[i] - x[i-1], i = 1..n), then
// avg = a avg + b move with a = (n-1)/n, b = 1/n.
class WilderGainLoss {
 public:
  explicit WilderGainLoss(size_t n)
      : n_(n), a_(static_cast<double>(n - 1) / static_cast<double>(n)),
        b_(1.0 / static_cast<double>(n)) {}

  void Reset() {
    moves_ = 0;
    gain_ = loss_ = 0;
  }

  // Takes the next move; true once the averages are defined (n moves in).
  bool Push(double move) {
    if (moves_ >= n_) {
      Smooth(move);
      return true;
    }
    if (move < 0) {
      loss_ -= move;
    } else {
      gain_ += move;
    }
    if (++moves_ < n_) return false;
    gain_ /= static_cast<double>(n_);
    loss_ /= static_cast<double>(n_);
    return true;
  }

  // Continues from averages found elsewhere (the batch's seeds).
  void Seed(double gain, double loss) {
    moves_ = n_;
    gain_ = gain;
    loss_ = loss;
  }

  void Smooth(double move) {
    gain_ = a_ * gain_ + b_ * (move > 0 ? move : 0.0);
    loss_ = a_ * loss_ + b_ * (move < 0 ? -move : 0.0);
  }

  double gain() const { return gain_; }
  double loss() const { return loss_; }
  double a() const { return a_; }
  double b() const { return b_; }

 private:
  size_t n_;
  double a_, b_;
  size_t moves_ = 0;
  double gain_ = 0, loss_ = 0;
};

// The MACD line (TA-Lib): fast and slow periods swapped when slow < fast;
// both EMAs start at bar slow-1, the slow one seeded with the mean of bars
// 0..slow-1, the fast one with the mean of the `fast` bars ending there;
// then e = (1 - k) e + k x each (EmaDifference continues them).
class MacdLine {
 public:
  MacdLine(size_t p0, size_t p1)
      : fast_(std::min(p0, p1)), slow_(std::max(p0, p1)), start_(slow_ - 1),
        kf_(EmaK(fast_)), ks_(EmaK(slow_)) {}

  void Reset() {
    t_ = 0;
    fast_sum_ = slow_sum_ = 0;
  }

  // Takes x; true from bar slow-1 on (then *macd = fast EMA - slow EMA).
  bool Push(double x, double* macd) {
    const size_t t = t_++;
    if (t < start_) {
      slow_sum_ += x;
      if (t + fast_ > start_) fast_sum_ += x;
      return false;
    }
    if (t == start_) {
      slow_sum_ += x;
      fast_sum_ += x;
      ef_ = fast_sum_ / static_cast<double>(fast_);
      es_ = slow_sum_ / static_cast<double>(slow_);
    } else {
      ef_ = (1 - kf_) * ef_ + kf_ * x;
      es_ = (1 - ks_) * es_ + ks_ * x;
    }
    *macd = ef_ - es_;
    return true;
  }

  size_t start() const { return start_; }
  double fast_ema() const { return ef_; }
  double slow_ema() const { return es_; }
  double kf() const { return kf_; }
  double ks() const { return ks_; }

 private:
  size_t fast_, slow_, start_;
  double kf_, ks_;
  size_t t_ = 0;
  double fast_sum_ = 0, slow_sum_ = 0, ef_ = 0, es_ = 0;
};

// APO (ppo false): fast - slow; PPO: 100 (fast - slow) / slow, 0 when slow
// is 0. From the fast and slow moving averages of one bar.
inline double PriceOscillatorValue(bool ppo, double fast, double slow) {
  if (!ppo) return fast - slow;
  return slow != 0 ? ((fast - slow) / slow) * 100.0 : 0.0;
}

// MOM and the rate-of-change family, from x and prev = x[i-n]: kMomentum
// x - prev; kRoc (x/prev - 1)*100; kRocp (x - prev)/prev; kRocr x/prev;
// kRocr100 (x/prev)*100; the ratios are 0 where prev is 0 (TA-Lib).
enum class LagOp { kMomentum, kRoc, kRocp, kRocr, kRocr100 };

inline double LagValue(LagOp op, double x, double prev) {
  switch (op) {
    case LagOp::kMomentum:
      return x - prev;
    case LagOp::kRoc:
      return RateOfChange(x, prev);
    case LagOp::kRocp:
      return prev != 0 ? (x - prev) / prev : 0.0;
    case LagOp::kRocr:
      return prev != 0 ? x / prev : 0.0;
    case LagOp::kRocr100:
      break;
  }
  return prev != 0 ? (x / prev) * 100.0 : 0.0;
}

// The Ultimate Oscillator's buying pressure close - min(low, prev close) and
// true range max(high, prev close) - min(low, prev close) of one bar.
inline void UltimateTerms(double h, double l, double c, double prev_close, double* bp,
                          double* tr) {
  const double low = std::min(l, prev_close);
  *bp = c - low;
  *tr = std::max(h, prev_close) - low;
}

// CCI from tp - mean and the mean absolute deviation; 0 when either is 0.
inline double CciValue(double deviation, double mad) {
  return (deviation != 0 && mad != 0) ? deviation / (0.015 * mad) : 0.0;
}

// ---- Scalar references of the momentum kernels --------------------------

// RSI (kCmo false) or CMO from bar n on, given the averages at bar n.
// kHold: a bar with no move repeats the previous output (the averages,
// both scaled by the same factor, keep their ratio: the exact value, not
// its rounding; STOCHRSI's RSI, so that a window of equal closes has an
// RSI range of exactly 0).
template <bool kCmo, class X, bool kHold = false>
inline void WilderRatioReference(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                                 double* out) {
  if (m <= n) return;
  WilderGainLoss avg(n);
  avg.Seed(avg_gain, avg_loss);
  auto value = [&] {
    return kCmo ? CmoValue(avg.gain(), avg.loss()) : RsiValue(avg.gain(), avg.loss());
  };
  out[n] = value();
  for (size_t i = n + 1; i < m; ++i) {
    const double move = x[i] - x[i - 1];
    avg.Smooth(move);
    out[i] = kHold && move == 0 ? out[i - 1] : value();
  }
}

template <class X>
inline void RsiFromSeedsReference(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                                  double* out) {
  WilderRatioReference<false>(x, m, n, avg_gain, avg_loss, out);
}

template <class X>
inline void RsiHoldingFromSeedsReference(X x, size_t m, size_t n, double avg_gain,
                                         double avg_loss, double* out) {
  WilderRatioReference<false, X, true>(x, m, n, avg_gain, avg_loss, out);
}

template <class X>
inline void CmoFromSeedsReference(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                                  double* out) {
  WilderRatioReference<true>(x, m, n, avg_gain, avg_loss, out);
}

template <class X>
inline void LinearRecurrenceWithResidualReference(X x, size_t m, double a, double b, double y0,
                                                  double* y, double* r) {
  double prev = y0;
  for (size_t i = 0; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
    r[i] = x[i] - prev;
  }
}

template <class X>
inline void EmaDifferenceReference(X x, size_t m, double kf, double ks, double ef, double es,
                                   double* out) {
  for (size_t i = 0; i < m; ++i) {
    ef = (1 - kf) * ef + kf * x[i];
    es = (1 - ks) * es + ks * x[i];
    out[i] = ef - es;
  }
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOMENTUM_SCALAR_H_
