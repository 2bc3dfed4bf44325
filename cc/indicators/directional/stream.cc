// Directional movement and trend stops one bar at a time: the classes of
// directional/scalar.h (and WilderAtr for Supertrend), as the batch runs
// them.
#include <cstddef>

#include "cc/indicators/directional/directional.h"
#include "cc/indicators/volatility/scalar.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// +DI, -DI, DX, ADX, ADXR: DirectionalSmoothing step by step.
class DirectionalEngine final : public Engine {
 public:
  DirectionalEngine(Arena& a, Id id, size_t n)
      : id_(id), smooth_(n), adx_(n), adx_ring_(a, id == Id::kAdxr ? n : 0) {}
  void Reset() override {
    ResetAll(smooth_, adx_, adx_ring_);
    last_dx_ = 0;
  }
  void Push(const double* in, double* out) override {
    out[0] = kNaN;
    if (!smooth_.Push(in[0], in[1], in[2])) return;
    const double plus = smooth_.plus(), minus = smooth_.minus(), tr = smooth_.tr();
    if (id_ == Id::kPlusDi || id_ == Id::kMinusDi) {
      out[0] = DirectionalIndex(id_ == Id::kPlusDi ? plus : minus, tr);
      return;
    }
    double dx = 0;
    const bool defined = DxValue(plus, minus, tr, &dx);
    if (id_ == Id::kDx) {
      if (defined) last_dx_ = dx;
      out[0] = last_dx_;
      return;
    }
    double adx = 0;
    if (!adx_.Push(defined, dx, &adx)) return;
    if (id_ == Id::kAdx) {
      out[0] = adx;
      return;
    }
    // ADXR = (ADX[i] + ADX[i-(n-1)]) / 2: the ring holds the last n ADX.
    adx_ring_.Push(adx);
    if (adx_ring_.full()) out[0] = (adx + adx_ring_.At(0)) / 2.0;
  }

 private:
  Id id_;
  DirectionalSmoothing smooth_;
  AdxStep adx_;
  Ring adx_ring_;
  double last_dx_ = 0;
};

// Parabolic SAR: the batch's ParabolicSar, one bar per push.
class SarEngine final : public Engine {
 public:
  explicit SarEngine(const double* p) : sar_(p[0], p[1]) {}
  void Reset() override { t_ = 0; }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1];
    const size_t t = t_++;
    if (t == 0) {
      h0_ = h;
      l0_ = l;
      out[0] = kNaN;
      return;
    }
    if (t == 1) sar_.Start(h0_, l0_, h, l);
    out[0] = sar_.Next(h, l);
  }

 private:
  ParabolicSar sar_;
  size_t t_ = 0;
  double h0_ = 0, l0_ = 0;
};

// Supertrend on the Wilder ATR: the batch's SupertrendStep.
class SupertrendEngine final : public Engine {
 public:
  explicit SupertrendEngine(const double* p) : atr_(Period(p, 0)), step_(p[1]) {}
  void Reset() override { ResetAll(atr_, step_); }
  void Push(const double* in, double* out) override {
    const double prev_close = prev_close_;
    prev_close_ = in[2];
    double atr = 0;
    if (!atr_.Push(in[0], in[1], in[2], &atr)) return FillNaN(out, 2);
    step_.Next(in[0], in[1], in[2], prev_close, atr, &out[0], &out[1]);
  }

 private:
  WilderAtr atr_;
  SupertrendStep step_;
  double prev_close_ = 0;
};

Engine* NewDirectional(Id kind, const double* p, Arena& a) {
  return a.New<DirectionalEngine>(a, kind, Period(p, 0));
}

}  // namespace

Engine* NewPlusDiEngine(const double* p, Arena& a) { return NewDirectional(Id::kPlusDi, p, a); }
Engine* NewMinusDiEngine(const double* p, Arena& a) { return NewDirectional(Id::kMinusDi, p, a); }
Engine* NewDxEngine(const double* p, Arena& a) { return NewDirectional(Id::kDx, p, a); }
Engine* NewAdxEngine(const double* p, Arena& a) { return NewDirectional(Id::kAdx, p, a); }
Engine* NewAdxrEngine(const double* p, Arena& a) { return NewDirectional(Id::kAdxr, p, a); }
Engine* NewSarEngine(const double* p, Arena& a) { return a.New<SarEngine>(p); }
Engine* NewSupertrendEngine(const double* p, Arena& a) { return a.New<SupertrendEngine>(p); }

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
