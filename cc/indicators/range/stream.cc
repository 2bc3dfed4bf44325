// Window extremes and the oscillators built on them, one bar at a time:
// WindowExtreme (the batch's MonotonicDeque) and RangeValue of
// range/scalar.h.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/momentum/momentum.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/range/range.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// The highest high and the lowest low of the last n bars (a Donchian
// channel's edges): the pair of extremes STOCH, STOCHRSI and the channels
// push together.
class WindowRange {
 public:
  WindowRange(Arena& a, size_t n) : high_(a, n), low_(a, n) {}
  void Reset() { ResetAll(high_, low_); }
  // True once n bars are in; then *hh and *ll are the extremes.
  bool Push(double high, double low, double* hh, double* ll) {
    high_.Push(high, hh);
    return low_.Push(low, ll);
  }

 private:
  WindowExtreme<true> high_;
  WindowExtreme<false> low_;
};

// MAX and MIN (one column), MIDPOINT (one column) and MIDPRICE (high, low).
class ExtremeEngine final : public Engine {
 public:
  ExtremeEngine(Arena& a, Id id, size_t n)
      : id_(id), high_(a, id != Id::kMin ? n : 0), low_(a, id != Id::kMax ? n : 0) {}
  void Reset() override { ResetAll(high_, low_); }
  void Push(const double* in, double* out) override {
    // Only MIDPRICE has a second input; the others read input 0 alone.
    const double lo_in = id_ == Id::kMidprice ? in[1] : in[0];
    double hh = 0, ll = 0;
    bool full = true;
    if (id_ != Id::kMin) full = high_.Push(in[0], &hh);
    if (id_ != Id::kMax) full = low_.Push(lo_in, &ll);
    if (!full) {
      out[0] = kNaN;
    } else if (id_ == Id::kMax || id_ == Id::kMin) {
      out[0] = id_ == Id::kMax ? hh : ll;
    } else {
      out[0] = RangeValue(RangeOp::kMidpoint, hh, ll, 0);
    }
  }

 private:
  Id id_;
  WindowExtreme<true> high_;
  WindowExtreme<false> low_;
};

// WILLR, STOCHF and STOCH: the highest high and lowest low of the last n
// bars against the close, then (STOCHF, STOCH) their moving averages.
class StochasticEngine final : public Engine {
 public:
  StochasticEngine(Arena& a, Id id, const double* p)
      : id_(id), range_(a, Period(p, 0)),
        ma1_(a, id == Id::kWillr ? MaType::kSma : MaTypeParam(p, 2),
             id == Id::kWillr ? 1 : Period(p, 1)),
        ma2_(a, id == Id::kStoch ? MaTypeParam(p, 4) : MaType::kSma,
             id == Id::kStoch ? Period(p, 3) : 1),
        // STOCHF's %K waits for its %D (Every output starts at the last
        // one's first value).
        fastk_start_(id == Id::kStochf
                         ? Period(p, 0) - 1 + MaLookback(MaTypeParam(p, 2), Period(p, 1))
                         : 0) {}
  void Reset() override {
    ResetAll(range_, ma1_, ma2_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const size_t t = t_++;
    out[0] = kNaN;
    if (id_ != Id::kWillr) out[1] = kNaN;
    double hh = 0, ll = 0;
    if (!range_.Push(in[0], in[1], &hh, &ll)) return;
    if (id_ == Id::kWillr) {
      out[0] = RangeValue(RangeOp::kWillr, hh, ll, in[2]);
      return;
    }
    const double fastk = RangeValue(RangeOp::kFastK, hh, ll, in[2]);
    double k = 0, d = 0;
    if (id_ == Id::kStochf) {
      if (!ma1_.Push(fastk, &d) || t < fastk_start_) return;
      out[0] = fastk;
      out[1] = d;
      return;
    }
    if (!ma1_.Push(fastk, &k) || !ma2_.Push(k, &d)) return;
    out[0] = k;
    out[1] = d;
  }

 private:
  Id id_;
  WindowRange range_;
  MovingAverageStream ma1_, ma2_;
  size_t fastk_start_;
  size_t t_ = 0;
};

// STOCHRSI: RSI, then %K over its last fastk values, then the %D MA. As in
// the batch, the RSI is the holding one (a bar with no move repeats the
// previous RSI, its exact value).
class StochRsiEngine final : public Engine {
 public:
  StochRsiEngine(Arena& a, const double* p)
      : rsi_(Period(p, 0)), range_(a, Period(p, 1)), fastd_(a, MaTypeParam(p, 3), Period(p, 2)) {}
  void Reset() override { ResetAll(rsi_, range_, fastd_); }
  void Push(const double* in, double* out) override {
    out[0] = out[1] = kNaN;
    double r = 0, hh = 0, ll = 0, d = 0;
    if (!rsi_.Push(in[0], &r) || !range_.Push(r, r, &hh, &ll)) return;
    const double k = RangeValue(RangeOp::kFastK, hh, ll, r);
    if (!fastd_.Push(k, &d)) return;
    out[0] = k;
    out[1] = d;
  }

 private:
  RsiStream</*kHold=*/true> rsi_;
  WindowRange range_;
  MovingAverageStream fastd_;
};

// AROON and AROONOSC: the ages of the extremes of the last n+1 bars.
class AroonEngine final : public Engine {
 public:
  AroonEngine(Arena& a, bool osc, size_t n)
      : osc_(osc), n_(n), factor_(100.0 / static_cast<double>(n)), high_(a, n + 1),
        low_(a, n + 1) {}
  void Reset() override {
    ResetAll(high_, low_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const size_t i = t_++;
    double v = 0;
    size_t kh = 0, kl = 0;
    const bool full = high_.Push(in[0], &v, &kh);
    low_.Push(in[1], &v, &kl);
    if (!full) {
      out[0] = kNaN;
      if (!osc_) out[1] = kNaN;
      return;
    }
    if (osc_) {
      out[0] = factor_ * (static_cast<double>(kh) - static_cast<double>(kl));
    } else {
      out[0] = factor_ * static_cast<double>(n_ - (i - kl));
      out[1] = factor_ * static_cast<double>(n_ - (i - kh));
    }
  }

 private:
  bool osc_;
  size_t n_;
  double factor_;
  WindowExtreme<true> high_;
  WindowExtreme<false> low_;
  size_t t_ = 0;
};

// Donchian channels and Ichimoku: Donchian lines from rolling extremes.
class ChannelEngine final : public Engine {
 public:
  ChannelEngine(Arena& a, bool ichimoku, const double* p)
      : ichimoku_(ichimoku),
        lb_(ichimoku ? std::max({Period(p, 0), Period(p, 1), Period(p, 2)}) - 1
                     : Period(p, 0) - 1),
        r0_(a, Period(p, 0)), r1_(a, ichimoku ? Period(p, 1) : 0),
        r2_(a, ichimoku ? Period(p, 2) : 0) {}
  void Reset() override {
    ResetAll(r0_, r1_, r2_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1];
    double hh[3] = {0, 0, 0}, ll[3] = {0, 0, 0};
    r0_.Push(h, l, &hh[0], &ll[0]);
    if (ichimoku_) {
      r1_.Push(h, l, &hh[1], &ll[1]);
      r2_.Push(h, l, &hh[2], &ll[2]);
    }
    if (t_++ < lb_) return FillNaN(out, ichimoku_ ? 4 : 3);
    if (!ichimoku_) {
      out[0] = hh[0];
      out[1] = RangeValue(RangeOp::kMidpoint, hh[0], ll[0], 0);
      out[2] = ll[0];
      return;
    }
    out[0] = RangeValue(RangeOp::kMidpoint, hh[0], ll[0], 0);
    out[1] = RangeValue(RangeOp::kMidpoint, hh[1], ll[1], 0);
    out[2] = RangeValue(RangeOp::kMidpoint, out[0], out[1], 0);
    out[3] = RangeValue(RangeOp::kMidpoint, hh[2], ll[2], 0);
  }

 private:
  bool ichimoku_;
  size_t lb_;
  WindowRange r0_, r1_, r2_;  // tenkan, kijun, senkou B (Donchian: r0_ only)
  size_t t_ = 0;
};

Engine* NewExtreme(Id id, const double* p, Arena& a) {
  return a.New<ExtremeEngine>(a, id, Period(p, 0));
}
Engine* NewStochastic(Id id, const double* p, Arena& a) {
  return a.New<StochasticEngine>(a, id, p);
}

}  // namespace

Engine* NewMaxEngine(const double* p, Arena& a) { return NewExtreme(Id::kMax, p, a); }
Engine* NewMinEngine(const double* p, Arena& a) { return NewExtreme(Id::kMin, p, a); }
Engine* NewMidpointEngine(const double* p, Arena& a) { return NewExtreme(Id::kMidpoint, p, a); }
Engine* NewMidpriceEngine(const double* p, Arena& a) { return NewExtreme(Id::kMidprice, p, a); }
Engine* NewDonchianEngine(const double* p, Arena& a) {
  return a.New<ChannelEngine>(a, false, p);
}
Engine* NewIchimokuEngine(const double* p, Arena& a) { return a.New<ChannelEngine>(a, true, p); }
Engine* NewWillrEngine(const double* p, Arena& a) { return NewStochastic(Id::kWillr, p, a); }
Engine* NewStochEngine(const double* p, Arena& a) { return NewStochastic(Id::kStoch, p, a); }
Engine* NewStochfEngine(const double* p, Arena& a) { return NewStochastic(Id::kStochf, p, a); }
Engine* NewStochRsiEngine(const double* p, Arena& a) { return a.New<StochRsiEngine>(a, p); }
Engine* NewAroonEngine(const double* p, Arena& a) {
  return a.New<AroonEngine>(a, false, Period(p, 0));
}
Engine* NewAroonOscEngine(const double* p, Arena& a) {
  return a.New<AroonEngine>(a, true, Period(p, 0));
}

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
