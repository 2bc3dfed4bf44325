// The LINEARREG family over a whole series (TA-Lib's definitions; formulas
// in docs/indicators.md): the WindowLinearFit kernel fits every window
// (LinearFit of regression/scalar.h in each lane) and LineValue reads the
// indicator off each line, as the stream (regression/stream.cc) does.
#include <cstddef>

#include "cc/indicators/regression/regression.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

template <LineOutput kWhat>
struct Regression {
  static size_t Lookback(const double* p) { return Period(p, 0) - 1; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* mean = scratch.Doubles(m);
    double* slope = scratch.Doubles(m);
    WindowLinearFit(in[0], m, n, mean, slope);
    FillNaN(out[0], n - 1);
    for (size_t i = n - 1; i < m; ++i) out[0][i] = LineValue(kWhat, mean[i], slope[i], n);
  }
};

}  // namespace

constexpr Implementation kLinearReg =
    Implement<Regression<LineOutput::kNewest>>(NewLinearRegEngine);
constexpr Implementation kLinearRegSlope =
    Implement<Regression<LineOutput::kSlope>>(NewLinearRegSlopeEngine);
constexpr Implementation kLinearRegIntercept =
    Implement<Regression<LineOutput::kOldest>>(NewLinearRegInterceptEngine);
constexpr Implementation kLinearRegAngle =
    Implement<Regression<LineOutput::kAngle>>(NewLinearRegAngleEngine);
constexpr Implementation kTsf = Implement<Regression<LineOutput::kForecast>>(NewTsfEngine);

}  // namespace indicators
}  // namespace candlewick
