// The momentum indicators one bar at a time: the classes of
// momentum/scalar.h and moving_average/scalar.h with the batch's seeds.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/momentum/momentum.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/scalar.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// RSI (kCmo false) and CMO: Wilder-smoothed gains and losses.
template <bool kCmo>
class WilderRatioEngine final : public Engine {
 public:
  explicit WilderRatioEngine(size_t n) : rsi_(n) {}
  void Reset() override { rsi_.Reset(); }
  void Push(const double* in, double* out) override {
    double rsi = 0;
    if (!rsi_.Push(in[0], &rsi)) {
      out[0] = kNaN;
      return;
    }
    const WilderGainLoss& avg = rsi_.averages();
    out[0] = kCmo ? CmoValue(avg.gain(), avg.loss()) : rsi;
  }

 private:
  RsiStream<> rsi_;
};

class MacdEngine final : public Engine {
 public:
  explicit MacdEngine(const double* p)
      : line_(Period(p, 0), Period(p, 1)), signal_(Period(p, 2)) {}
  void Reset() override { ResetAll(line_, signal_); }
  void Push(const double* in, double* out) override {
    double macd = 0, sig = 0;
    out[0] = out[1] = out[2] = kNaN;
    if (!line_.Push(in[0], &macd) || !signal_.Push(macd, &sig)) return;
    out[0] = macd;
    out[1] = sig;
    out[2] = macd - sig;
  }

 private:
  MacdLine line_;
  EmaStep signal_;
};

// APO and PPO: the batch's moving averages; with the default EMA its
// stepwise form (StepwiseEma), bit for bit.
class OscillatorEngine final : public Engine {
 public:
  OscillatorEngine(Arena& a, bool ppo, const double* p)
      : ppo_(ppo), stepwise_(MaTypeParam(p, 2) == MaType::kEma),
        fast_(a, MaTypeParam(p, 2), std::min(Period(p, 0), Period(p, 1))),
        slow_(a, MaTypeParam(p, 2), std::max(Period(p, 0), Period(p, 1))),
        fast_ema_(std::min(Period(p, 0), Period(p, 1))),
        slow_ema_(std::max(Period(p, 0), Period(p, 1))) {}
  void Reset() override { ResetAll(fast_, slow_, fast_ema_, slow_ema_); }
  void Push(const double* in, double* out) override {
    double f = 0, s = 0;
    const bool have_fast = stepwise_ ? fast_ema_.Push(in[0], &f) : fast_.Push(in[0], &f);
    const bool have_slow = stepwise_ ? slow_ema_.Push(in[0], &s) : slow_.Push(in[0], &s);
    if (!have_slow || !have_fast) {
      out[0] = kNaN;
      return;
    }
    out[0] = PriceOscillatorValue(ppo_, f, s);
  }

 private:
  bool ppo_, stepwise_;
  MovingAverageStream fast_, slow_;
  StepwiseEma fast_ema_, slow_ema_;
};

class TrixEngine final : public Engine {
 public:
  explicit TrixEngine(size_t n) : e1_(n), e2_(n), e3_(n) {}
  void Reset() override {
    ResetAll(e1_, e2_, e3_);
    have_prev_ = false;
  }
  void Push(const double* in, double* out) override {
    double a = 0, b = 0, c = 0;
    out[0] = kNaN;
    if (!e1_.Push(in[0], &a) || !e2_.Push(a, &b) || !e3_.Push(b, &c)) return;
    if (have_prev_) out[0] = LagValue(LagOp::kRoc, c, prev_);
    prev_ = c;
    have_prev_ = true;
  }

 private:
  EmaStep e1_, e2_, e3_;
  double prev_ = 0;
  bool have_prev_ = false;
};

// TSI: double-smoothed momentum over double-smoothed absolute momentum.
class TsiEngine final : public Engine {
 public:
  TsiEngine(size_t nl, size_t ns) : e1_(nl), a1_(nl), e2_(ns), a2_(ns) {}
  void Reset() override {
    ResetAll(e1_, a1_, e2_, a2_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    const size_t t = t_++;
    const double prev = prev_;
    prev_ = x;
    out[0] = kNaN;
    if (t == 0) return;
    const double mom = x - prev;
    double e1 = 0, a1 = 0, e2 = 0, a2 = 0;
    a1_.Push(std::fabs(mom), &a1);
    if (!e1_.Push(mom, &e1)) return;
    a2_.Push(a1, &a2);
    if (!e2_.Push(e1, &e2)) return;
    out[0] = a2 != 0 ? 100.0 * (e2 / a2) : 0.0;
  }

 private:
  EmaStep e1_, a1_, e2_, a2_;
  size_t t_ = 0;
  double prev_ = 0;
};

// MOM and the ROC family: x against x[i-n].
class LagEngine final : public Engine {
 public:
  LagEngine(Arena& a, LagOp op, size_t n) : op_(op), ring_(a, n) {}
  void Reset() override { ring_.Reset(); }
  void Push(const double* in, double* out) override {
    const bool full = ring_.full();
    const double prev = ring_.Push(in[0]);
    out[0] = full ? LagValue(op_, in[0], prev) : kNaN;
  }

 private:
  LagOp op_;
  Ring ring_;
};

// CCI in O(n) per push: the mean absolute deviation around the window's
// own mean has no exact incremental update. A window of n equal typical
// prices is 0, as in the batch (`equal_` counts the equal ones ending at
// the newest bar).
class CciEngine final : public Engine {
 public:
  CciEngine(Arena& a, size_t n) : n_(n), sum_(a, n) {}
  void Reset() override {
    sum_.Reset();
    equal_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double tp = TypicalPrice(in[0], in[1], in[2]);
    equal_ = equal_ > 0 && tp == last_ ? equal_ + 1 : 1;
    last_ = tp;
    double s = 0;
    if (!sum_.Push(tp, &s)) {
      out[0] = kNaN;
      return;
    }
    if (equal_ >= n_) {
      out[0] = 0.0;
      return;
    }
    const double mean = (1.0 / static_cast<double>(n_)) * s;
    double mad = 0;
    const Ring& r = sum_.ring();
    for (size_t k = 0; k < n_; ++k) mad += std::fabs(r.At(k) - mean);
    mad /= static_cast<double>(n_);
    out[0] = CciValue(tp - mean, mad);
  }

 private:
  size_t n_;
  SlidingSum sum_;
  size_t equal_ = 0;
  double last_ = 0;
};

// ULTOSC: three exact-zero sliding sums each of buying pressure and true
// range (UltimateTerms) over bars that have a previous close.
class UltOscEngine final : public Engine {
 public:
  UltOscEngine(Arena& a, const double* p)
      : per_(Sorted(p)), bp0_(a, per_[0]), bp1_(a, per_[1]), bp2_(a, per_[2]),
        tr0_(a, per_[0]), tr1_(a, per_[1]), tr2_(a, per_[2]) {}
  void Reset() override {
    t_ = 0;
    ResetAll(bp0_, bp1_, bp2_, tr0_, tr1_, tr2_);
  }
  void Push(const double* in, double* out) override {
    const size_t t = t_++;
    const double prev_close = prev_close_;
    prev_close_ = in[2];
    out[0] = kNaN;
    if (t == 0) return;
    double bp, tr, sb[3] = {0, 0, 0}, st[3] = {0, 0, 0};
    UltimateTerms(in[0], in[1], in[2], prev_close, &bp, &tr);
    bp0_.Push(bp, &sb[0]);
    bp1_.Push(bp, &sb[1]);
    bp2_.Push(bp, &sb[2]);
    tr0_.Push(tr, &st[0]);
    tr1_.Push(tr, &st[1]);
    if (!tr2_.Push(tr, &st[2])) return;
    const double weight[3] = {4.0, 2.0, 1.0};
    double acc = 0;
    for (size_t k = 0; k < 3; ++k) {
      if (st[k] != 0) acc += weight[k] * (sb[k] / st[k]);
    }
    out[0] = 100.0 * (acc / 7.0);
  }

 private:
  struct Periods {
    size_t v[3];
    size_t operator[](size_t k) const { return v[k]; }
  };
  static Periods Sorted(const double* p) {
    Periods r = {{Period(p, 0), Period(p, 1), Period(p, 2)}};
    std::sort(r.v, r.v + 3);
    return r;
  }
  Periods per_;
  ExactZeroSum bp0_, bp1_, bp2_, tr0_, tr1_, tr2_;
  size_t t_ = 0;
  double prev_close_ = 0;
};

// Elder ray: high and low minus the EMA of the close.
class ElderRayEngine final : public Engine {
 public:
  explicit ElderRayEngine(size_t n) : ema_(n) {}
  void Reset() override { ema_.Reset(); }
  void Push(const double* in, double* out) override {
    double e = 0;
    if (!ema_.Push(in[2], &e)) return FillNaN(out, 2);
    out[0] = in[0] - e;
    out[1] = in[1] - e;
  }

 private:
  EmaStep ema_;
};

Engine* NewLag(LagOp op, const double* p, Arena& a) {
  return a.New<LagEngine>(a, op, Period(p, 0));
}

}  // namespace

Engine* NewRsiEngine(const double* p, Arena& a) {
  return a.New<WilderRatioEngine<false>>(Period(p, 0));
}
Engine* NewCmoEngine(const double* p, Arena& a) {
  return a.New<WilderRatioEngine<true>>(Period(p, 0));
}
Engine* NewMacdEngine(const double* p, Arena& a) { return a.New<MacdEngine>(p); }
Engine* NewApoEngine(const double* p, Arena& a) { return a.New<OscillatorEngine>(a, false, p); }
Engine* NewPpoEngine(const double* p, Arena& a) { return a.New<OscillatorEngine>(a, true, p); }
Engine* NewTrixEngine(const double* p, Arena& a) { return a.New<TrixEngine>(Period(p, 0)); }
Engine* NewTsiEngine(const double* p, Arena& a) {
  return a.New<TsiEngine>(Period(p, 0), Period(p, 1));
}
Engine* NewMomEngine(const double* p, Arena& a) { return NewLag(LagOp::kMomentum, p, a); }
Engine* NewRocEngine(const double* p, Arena& a) { return NewLag(LagOp::kRoc, p, a); }
Engine* NewRocpEngine(const double* p, Arena& a) { return NewLag(LagOp::kRocp, p, a); }
Engine* NewRocrEngine(const double* p, Arena& a) { return NewLag(LagOp::kRocr, p, a); }
Engine* NewRocr100Engine(const double* p, Arena& a) { return NewLag(LagOp::kRocr100, p, a); }
Engine* NewCciEngine(const double* p, Arena& a) { return a.New<CciEngine>(a, Period(p, 0)); }
Engine* NewUltOscEngine(const double* p, Arena& a) { return a.New<UltOscEngine>(a, p); }
Engine* NewElderRayEngine(const double* p, Arena& a) {
  return a.New<ElderRayEngine>(Period(p, 0));
}

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
