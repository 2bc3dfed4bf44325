// The volatility indicators one bar at a time: WilderAtr of
// volatility/scalar.h, and an O(1) window variance that keeps the batch's
// precision (VAR, STDDEV, the Bollinger width).
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/volatility/volatility.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// A double-double accumulator (value hi + lo): sums of n terms stay exact to
// about 2^-104 of their magnitude.
struct DoubleDouble {
  double hi = 0, lo = 0;
  void Add(double x, double x_err = 0) {
    const double s = hi + x;
    const double bb = s - hi;
    double e = (hi - (s - bb)) + (x - bb);
    e += lo + x_err;
    hi = s + e;
    lo = e - (hi - s);
  }
  double value() const { return hi + lo; }
};


// Population variance of the last n values in O(1) per bar. Deviations
// d = x - K from a shift K near the data, their sum and the sum of their
// exact squares (FMA error term) in double-double, so the corrected formula
// (S2 - S1^2/n)/n loses nothing to cancellation. Every n bars the shift is
// renewed: a shadow pair of sums, around the value that started it, is
// accumulated while a window fills and then replaces the sliding one.
// A naive running sum of squares would lose up to 1e-2 on a series falling
// from 800 to 0.005; this keeps about 1e-15.
class WindowMoments {
 public:
  WindowMoments(Arena& a, size_t n) : ring_(a, n), n_(n) {}
  void Reset() {
    ring_.Reset();
    s1_ = s2_ = t1_ = t2_ = DoubleDouble();
    fresh_count_ = 0;
  }
  bool Push(double x, double* variance) {
    if (ring_.size() == 0) k_ = x;
    if (!ring_.full()) {
      ring_.Push(x);
      Add(&s1_, &s2_, x - k_, 1.0);
      if (!ring_.full()) return false;
    } else {
      const double old = ring_.Push(x);
      Add(&s1_, &s2_, x - k_, 1.0);
      Add(&s1_, &s2_, old - k_, -1.0);
      if (fresh_count_ == 0) fresh_k_ = x;
      Add(&t1_, &t2_, x - fresh_k_, 1.0);
      if (++fresh_count_ == n_) {
        s1_ = t1_;
        s2_ = t2_;
        k_ = fresh_k_;
        t1_ = t2_ = DoubleDouble();
        fresh_count_ = 0;
      }
    }
    const double dn = static_cast<double>(n_);
    // q = S1^2 / n in double-double.
    const double h = s1_.hi;
    const double p = h * h;
    const double pe = std::fma(h, h, -p) + 2.0 * h * s1_.lo;
    const double qh = p / dn;
    const double ql = (std::fma(-qh, dn, p) + pe) / dn;
    DoubleDouble diff = s2_;
    diff.Add(-qh, -ql);
    const double v = diff.value() / dn;
    *variance = v > 0 ? v : 0.0;
    return true;
  }

 private:
  static void Add(DoubleDouble* s1, DoubleDouble* s2, double d, double sign) {
    const double sq = d * d;
    s1->Add(sign * d);
    s2->Add(sign * sq, sign * std::fma(d, d, -sq));
  }
  Ring ring_;
  size_t n_;
  double k_ = 0, fresh_k_ = 0;
  DoubleDouble s1_, s2_, t1_, t2_;
  size_t fresh_count_ = 0;
};


// BBANDS, STDDEV and VAR: the window's population variance (VAR and STDDEV
// times Bessel's factor when `sample` is set).
class DeviationEngine final : public Engine {
 public:
  enum Kind { kBands, kStddev, kVar };
  DeviationEngine(Arena& a, Kind kind, const double* p)
      : kind_(kind), moments_(a, Period(p, 0)),
        middle_(a, kind == kBands ? MaTypeParam(p, 3) : MaType::kSma,
                kind == kBands ? Period(p, 0) : 1),
        up_(kind == kBands    ? p[1]
            : kind == kStddev ? p[1] * std::sqrt(SampleFactor(p[2] != 0, Period(p, 0)))
                              : 0),
        down_(kind == kBands ? p[2] : 0),
        sample_(kind == kVar ? SampleFactor(p[2] != 0, Period(p, 0)) : 1.0) {}
  void Reset() override { ResetAll(moments_, middle_); }
  void Push(const double* in, double* out) override {
    double var = 0, middle = 0;
    const bool have_var = moments_.Push(in[0], &var);
    if (kind_ == kVar) {
      out[0] = have_var ? var * sample_ : kNaN;
      return;
    }
    if (kind_ == kStddev) {
      out[0] = have_var ? std::sqrt(var) * up_ : kNaN;
      return;
    }
    if (!middle_.Push(in[0], &middle)) {
      out[0] = out[1] = out[2] = kNaN;
      return;
    }
    const double sd = std::sqrt(var);
    out[0] = middle + up_ * sd;
    out[1] = middle;
    out[2] = middle - down_ * sd;
  }

 private:
  Kind kind_;
  WindowMoments moments_;
  MovingAverageStream middle_;
  double up_, down_, sample_;
};

// TRANGE, ATR and NATR.
class TrueRangeEngine final : public Engine {
 public:
  enum Kind { kTrange, kAtr, kNatr };
  TrueRangeEngine(Kind kind, size_t n) : kind_(kind), atr_(n) {}
  void Reset() override {
    bars_ = 0;
    atr_.Reset();
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1], c = in[2];
    const double prev_close = prev_close_;
    prev_close_ = c;
    out[0] = kNaN;
    if (kind_ == kTrange) {
      if (bars_++ > 0) out[0] = TrueRangeValue(h, l, prev_close);
      return;
    }
    double atr = 0;
    if (!atr_.Push(h, l, c, &atr)) return;
    out[0] = kind_ == kAtr ? atr : RangeValue(RangeOp::kPercentOf, atr, 0.0, c);
  }

 private:
  Kind kind_;
  WilderAtr atr_;
  size_t bars_ = 0;
  double prev_close_ = 0;
};

// Keltner channels: EMA of the typical price +- multiplier * Wilder ATR.
class KeltnerEngine final : public Engine {
 public:
  explicit KeltnerEngine(const double* p)
      : lb_(std::max(Period(p, 0) - 1, Period(p, 2))), mult_(p[1]), ema_(Period(p, 0)),
        atr_(Period(p, 2)) {}
  void Reset() override {
    ResetAll(ema_, atr_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    double mid = 0, atr = 0;
    ema_.Push(TypicalPrice(in[0], in[1], in[2]), &mid);
    atr_.Push(in[0], in[1], in[2], &atr);
    if (t_++ < lb_) return FillNaN(out, 3);
    const double width = mult_ * atr;
    out[0] = mid + width;
    out[1] = mid;
    out[2] = mid - width;
  }

 private:
  size_t lb_;
  double mult_;
  EmaStep ema_;
  WilderAtr atr_;
  size_t t_ = 0;
};

}  // namespace

Engine* NewBbandsEngine(const double* p, Arena& a) {
  return a.New<DeviationEngine>(a, DeviationEngine::kBands, p);
}
Engine* NewStddevEngine(const double* p, Arena& a) {
  return a.New<DeviationEngine>(a, DeviationEngine::kStddev, p);
}
Engine* NewVarEngine(const double* p, Arena& a) {
  return a.New<DeviationEngine>(a, DeviationEngine::kVar, p);
}
Engine* NewTrangeEngine(const double*, Arena& a) {
  return a.New<TrueRangeEngine>(TrueRangeEngine::kTrange, size_t{1});
}
Engine* NewAtrEngine(const double* p, Arena& a) {
  return a.New<TrueRangeEngine>(TrueRangeEngine::kAtr, Period(p, 0));
}
Engine* NewNatrEngine(const double* p, Arena& a) {
  return a.New<TrueRangeEngine>(TrueRangeEngine::kNatr, Period(p, 0));
}
Engine* NewKeltnerEngine(const double* p, Arena& a) { return a.New<KeltnerEngine>(p); }

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
