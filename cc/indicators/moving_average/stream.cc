// The moving averages one bar at a time: the recurrences of
// moving_average/scalar.h, with the batch's seeds and (WMA) its re-sums on
// the same bars.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "cc/indicators/moving_average/moving_average.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {

WmaStream::WmaStream(Arena& a, size_t n)
    : ring_(a, n), n_(n),
      // The batch re-sums at bar n-1, then runs WmaResyncInterval(n) bars of
      // updates before the next re-sum.
      resync_(WmaResyncInterval(n) + 1), divider_(WmaDivider(n)) {}

void WmaStream::Reset() {
  ring_.Reset();
  t_ = 0;
  next_ = n_ - 1;
  sums_ = shadow_ = WmaSums();
}

bool WmaStream::Push(double x, double* y) {
  const double old = ring_.Push(x);
  // Position of this bar in the window ending at the next resync bar.
  if (t_ + n_ > next_) {
    const size_t k = t_ + n_ - 1 - next_;
    if (k == 0) shadow_ = WmaSums();
    shadow_.AddDirect(k, x);
  }
  bool defined = true;
  if (t_ == next_) {
    sums_ = shadow_;
    next_ += resync_;
  } else if (t_ + 1 > n_) {
    sums_.Slide(static_cast<double>(n_), x, old);
  } else {
    defined = false;
  }
  ++t_;
  if (defined) *y = sums_.weighted / divider_;
  return defined;
}

MovingAverageStream::MovingAverageStream(Arena& a, MaType type, size_t n)
    : type_(type), n_(n),
      sum1_(a, type == MaType::kSma ? n : type == MaType::kTrima ? TrimaFirst(n) : 0),
      sum2_(a, type == MaType::kTrima ? TrimaSecond(n) : 0),
      wma_(a, type == MaType::kWma ? n : 0), e1_(n), e2_(n), e3_(n) {}

void MovingAverageStream::Reset() {
  sum1_.Reset();
  sum2_.Reset();
  if (type_ == MaType::kWma) wma_.Reset();
  e1_.Reset();
  e2_.Reset();
  e3_.Reset();
}

bool MovingAverageStream::Push(double x, double* y) {
  double a = 0, b = 0, c = 0;
  switch (type_) {
    case MaType::kSma:
      if (!sum1_.Push(x, &a)) return false;
      *y = (1.0 / static_cast<double>(n_)) * a;
      return true;
    case MaType::kEma:
      return e1_.Push(x, y);
    case MaType::kWma:
      return wma_.Push(x, y);
    case MaType::kDema:
      if (!e1_.Push(x, &a) || !e2_.Push(a, &b)) return false;
      *y = 2.0 * a - b;
      return true;
    case MaType::kTema:
      if (!e1_.Push(x, &a) || !e2_.Push(a, &b) || !e3_.Push(b, &c)) return false;
      *y = 3.0 * a - 3.0 * b + c;
      return true;
    case MaType::kTrima:
      if (!sum1_.Push(x, &a)) return false;
      a *= 1.0 / static_cast<double>(TrimaFirst(n_));
      if (!sum2_.Push(a, &b)) return false;
      *y = (1.0 / static_cast<double>(TrimaSecond(n_))) * b;
      return true;
  }
  return false;
}

namespace {

// One stepper over the input whose Push(x, &y) is false until its first
// value: MovingAverageStream (SMA, WMA, DEMA, TEMA, TRIMA), EmaStep (EMA),
// SlidingSum (SUM).
template <class Step>
class StepEngine final : public Engine {
 public:
  template <class... Args>
  explicit StepEngine(Args&&... args) : step_(std::forward<Args>(args)...) {}
  void Push(const double* in, double* out) override {
    if (!step_.Push(in[0], out)) out[0] = kNaN;
  }
  void Reset() override { step_.Reset(); }

 private:
  Step step_;
};

Engine* NewMaEngine(MaType type, const double* p, Arena& a) {
  return a.New<StepEngine<MovingAverageStream>>(a, type, Period(p, 0));
}

// KAMA: the sliding sum of one-bar moves, KamaSmoothingConstant and
// AdaptiveStep, from x[n-1] at bar n.
class KamaEngine final : public Engine {
 public:
  KamaEngine(Arena& a, size_t n) : n_(n), ring_(a, n), moves_(a, n) {}
  void Reset() override {
    ResetAll(ring_, moves_);
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    const size_t t = t_++;
    out[0] = kNaN;
    double sum = 0;
    bool have_sum = false;
    if (t > 0) have_sum = moves_.Push(std::fabs(x - prev_), &sum);
    prev_ = x;
    const bool full = ring_.full();
    const double back = ring_.Push(x);  // x[t-n] once full
    if (t + 1 == n_) kama_ = x;
    if (!full || !have_sum) return;
    kama_ = AdaptiveStep(kama_, x, KamaSmoothingConstant(x - back, sum));
    out[0] = kama_;
  }

 private:
  size_t n_;
  Ring ring_;
  SlidingSum moves_;
  size_t t_ = 0;
  double prev_ = 0, kama_ = 0;
};

// HMA: WMA(2 WMA(x, n/2) - WMA(x, n), floor(sqrt(n))); three exact WMAs.
class HmaEngine final : public Engine {
 public:
  HmaEngine(Arena& a, size_t n) : half_(a, n / 2), full_(a, n), outer_(a, IntSqrt(n)) {}
  void Reset() override { ResetAll(half_, full_, outer_); }
  void Push(const double* in, double* out) override {
    double h = 0, f = 0, y = 0;
    half_.Push(in[0], &h);
    if (!full_.Push(in[0], &f) || !outer_.Push(2.0 * h - f, &y)) {
      out[0] = kNaN;
      return;
    }
    out[0] = y;
  }

 private:
  WmaStream half_, full_, outer_;
};

}  // namespace

Engine* NewSmaEngine(const double* p, Arena& a) { return NewMaEngine(MaType::kSma, p, a); }
Engine* NewEmaEngine(const double* p, Arena& a) {
  return a.New<StepEngine<EmaStep>>(Period(p, 0), p[1] != 0);
}
Engine* NewWmaEngine(const double* p, Arena& a) { return NewMaEngine(MaType::kWma, p, a); }
Engine* NewDemaEngine(const double* p, Arena& a) { return NewMaEngine(MaType::kDema, p, a); }
Engine* NewTemaEngine(const double* p, Arena& a) { return NewMaEngine(MaType::kTema, p, a); }
Engine* NewTrimaEngine(const double* p, Arena& a) { return NewMaEngine(MaType::kTrima, p, a); }
Engine* NewKamaEngine(const double* p, Arena& a) { return a.New<KamaEngine>(a, Period(p, 0)); }
Engine* NewHmaEngine(const double* p, Arena& a) { return a.New<HmaEngine>(a, Period(p, 0)); }
Engine* NewSumEngine(const double* p, Arena& a) {
  return a.New<StepEngine<SlidingSum>>(a, Period(p, 0));
}

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
