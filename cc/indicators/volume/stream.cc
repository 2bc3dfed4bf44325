// The volume indicators one bar at a time: the formulas and sums of
// volume/scalar.h, with the batch's seeds.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/moving_average/scalar.h"
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/volume/volume.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

class ObvEngine final : public Engine {
 public:
  void Reset() override { started_ = false; }
  void Push(const double* in, double* out) override {
    const double c = in[0], v = in[1];
    total_ = started_ ? ObvStep(total_, c, prev_, v) : v;
    started_ = true;
    prev_ = c;
    out[0] = total_;
  }

 private:
  bool started_ = false;
  double total_ = 0, prev_ = 0;
};

class AdEngine final : public Engine {
 public:
  void Reset() override { ad_ = 0; }
  void Push(const double* in, double* out) override {
    ad_ += MoneyFlowVolumeValue(in[0], in[1], in[2], in[3]);
    out[0] = ad_;
  }

 private:
  double ad_ = 0;
};

// ADOSC: EMA(AD, fast) - EMA(AD, slow), both seeded with the first AD.
class AdOscEngine final : public Engine {
 public:
  explicit AdOscEngine(const double* p)
      : lb_(std::max(Period(p, 0), Period(p, 1)) - 1), fast_(Period(p, 0), true),
        slow_(Period(p, 1), true) {}
  void Reset() override {
    ResetAll(fast_, slow_);
    t_ = 0;
    ad_ = 0;
  }
  void Push(const double* in, double* out) override {
    ad_ += MoneyFlowVolumeValue(in[0], in[1], in[2], in[3]);
    double f = 0, s = 0;
    fast_.Push(ad_, &f);
    slow_.Push(ad_, &s);
    out[0] = t_++ >= lb_ ? f - s : kNaN;
  }

 private:
  size_t lb_;
  EmaStep fast_, slow_;
  size_t t_ = 0;
  double ad_ = 0;
};

// MFI: sliding sums of the positive and negative money flows, counting the
// non-zero flows in each window (a window without any sums to exactly 0).
class MfiEngine final : public Engine {
 public:
  MfiEngine(Arena& a, size_t n) : pos_(a, n), neg_(a, n) {}
  void Reset() override {
    pos_.Reset();
    neg_.Reset();
    t_ = 0;
    n_pos_ = n_neg_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double tp = TypicalPrice(in[0], in[1], in[2]);
    const size_t t = t_++;
    out[0] = kNaN;
    if (t == 0) {
      prev_tp_ = tp;
      return;
    }
    const double flow = tp * in[3];
    const double p = tp > prev_tp_ ? flow : 0.0;
    const double q = tp < prev_tp_ ? flow : 0.0;
    prev_tp_ = tp;
    // Counts of non-zero flows in the window (before the push evicts one).
    const bool full = pos_.ring().full();
    const double old_p = full ? pos_.ring().At(0) : 0.0;
    const double old_q = full ? neg_.ring().At(0) : 0.0;
    n_pos_ += (p != 0);
    n_neg_ += (q != 0);
    if (full) {
      n_pos_ -= (old_p != 0);
      n_neg_ -= (old_q != 0);
    }
    double ps = 0, ns = 0;
    const bool have = pos_.Push(p, &ps);
    neg_.Push(q, &ns);
    if (!have) return;
    out[0] = MfiValue(n_pos_ > 0 ? ps : 0.0, n_neg_ > 0 ? ns : 0.0);
  }

 private:
  SlidingSum pos_, neg_;
  size_t t_ = 0;
  size_t n_pos_ = 0, n_neg_ = 0;
  double prev_tp_ = 0;
};

// VWMA and CMF: a sliding sum over a sliding volume (exactly 0 without
// volume). VWMA falls back to the window's plain mean, CMF to 0.
class VolumeRatioEngine final : public Engine {
 public:
  VolumeRatioEngine(Arena& a, bool cmf, size_t n)
      : cmf_(cmf), n_(n), num_(a, n), vol_(a, n), plain_(a, cmf ? 1 : n) {}
  void Reset() override { ResetAll(num_, vol_, plain_); }
  void Push(const double* in, double* out) override {
    double num = 0, vol = 0, plain = 0;
    bool have;
    if (cmf_) {
      have = num_.Push(MoneyFlowVolumeValue(in[0], in[1], in[2], in[3]), &num);
      vol_.Push(in[3], &vol);
    } else {
      have = num_.Push(in[0] * in[1], &num);
      vol_.Push(in[1], &vol);
      plain_.Push(in[0], &plain);
    }
    if (!have) {
      out[0] = kNaN;
    } else if (vol != 0) {
      out[0] = num / vol;
    } else {
      out[0] = cmf_ ? 0.0 : plain / static_cast<double>(n_);
    }
  }

 private:
  bool cmf_;
  size_t n_;
  SlidingSum num_;
  ExactZeroSum vol_;
  SlidingSum plain_;
};

// VWAP and AVWAP: the batch's VwapStep, restarted at an anchor (AVWAP:
// anchor != 0) and at the first bar of a run.
class VwapEngine final : public Engine {
 public:
  explicit VwapEngine(bool anchored) : anchored_(anchored) {}
  void Reset() override { started_ = false; }
  void Push(const double* in, double* out) override {
    if (!started_ || (anchored_ && in[4] != 0)) vwap_.Restart();
    started_ = true;
    out[0] = vwap_.Push(TypicalPrice(in[0], in[1], in[2]), in[3]);
  }

 private:
  bool anchored_;
  bool started_ = false;
  VwapStep vwap_;
};

}  // namespace

Engine* NewObvEngine(const double*, Arena& a) { return a.New<ObvEngine>(); }
Engine* NewAdEngine(const double*, Arena& a) { return a.New<AdEngine>(); }
Engine* NewAdOscEngine(const double* p, Arena& a) { return a.New<AdOscEngine>(p); }
Engine* NewMfiEngine(const double* p, Arena& a) { return a.New<MfiEngine>(a, Period(p, 0)); }
Engine* NewVwmaEngine(const double* p, Arena& a) {
  return a.New<VolumeRatioEngine>(a, false, Period(p, 0));
}
Engine* NewVwapEngine(const double*, Arena& a) { return a.New<VwapEngine>(false); }
Engine* NewAnchoredVwapEngine(const double*, Arena& a) { return a.New<VwapEngine>(true); }
Engine* NewCmfEngine(const double* p, Arena& a) {
  return a.New<VolumeRatioEngine>(a, true, Period(p, 0));
}

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
