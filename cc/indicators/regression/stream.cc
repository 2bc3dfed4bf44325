// The LINEARREG family one bar at a time: LinearFit of the last n values
// (O(period) per push, as the batch per window), so the values are the
// batch's bits.
#include <cstddef>

#include "cc/indicators/regression/regression.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// The ring's values, oldest first, as LinearFit reads a window.
struct RingWindow {
  const Ring& ring;
  double operator[](size_t k) const { return ring.At(k); }
};

class LinearRegEngine final : public Engine {
 public:
  LinearRegEngine(Arena& a, LineOutput what, size_t n) : what_(what), n_(n), ring_(a, n) {}
  void Reset() override { ring_.Reset(); }
  void Push(const double* in, double* out) override {
    ring_.Push(in[0]);
    if (!ring_.full()) {
      out[0] = kNaN;
      return;
    }
    double mean = 0, slope = 0;
    LinearFit(RingWindow{ring_}, n_, &mean, &slope);
    out[0] = LineValue(what_, mean, slope, n_);
  }

 private:
  LineOutput what_;
  size_t n_;
  Ring ring_;
};

}  // namespace

Engine* NewLinearRegEngine(const double* p, Arena& a) {
  return a.New<LinearRegEngine>(a, LineOutput::kNewest, Period(p, 0));
}
Engine* NewLinearRegSlopeEngine(const double* p, Arena& a) {
  return a.New<LinearRegEngine>(a, LineOutput::kSlope, Period(p, 0));
}
Engine* NewLinearRegInterceptEngine(const double* p, Arena& a) {
  return a.New<LinearRegEngine>(a, LineOutput::kOldest, Period(p, 0));
}
Engine* NewLinearRegAngleEngine(const double* p, Arena& a) {
  return a.New<LinearRegEngine>(a, LineOutput::kAngle, Period(p, 0));
}
Engine* NewTsfEngine(const double* p, Arena& a) {
  return a.New<LinearRegEngine>(a, LineOutput::kForecast, Period(p, 0));
}

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
