// The LINEARREG family over a whole series (TA-Lib's definitions; formulas
// in docs/indicators.md): the WindowLinearFit kernel fits every window
// (LinearFit of regression/scalar.h in each lane) and LineValue reads the
// indicator off each line, as the stream (regression/stream.cc) does.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/regression/regression.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// LINEARREG_ANGLE: the fits, then the angle of each line (atan, scalar).
struct RegressionAngle {
  static size_t Lookback(const double* p) { return Period(p, 0) - 1; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* mean = scratch.Doubles(m);
    double* slope = scratch.Doubles(m);
    WindowLinearFit(in[0], m, n, mean, slope);
    FillNaN(out[0], n - 1);
    for (size_t i = n - 1; i < m; ++i) {
      out[0][i] = LineValue(LineOutput::kAngle, mean[i], slope[i], n);
    }
  }
};

// The others: fit and line value in one pass of the WindowLineChecked
// kernel, which validates the rows too; on a run already validated it
// succeeds, so both paths give the same bits.
template <LineOutput kWhat>
struct Regression : ComputedByChecked<Regression<kWhat>> {
  static size_t Lookback(const double* p) { return Period(p, 0) - 1; }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (!WindowLineChecked(kWhat, in[0], m, n, out[0])) return false;
    FillNaN(out[0], std::min(m, n - 1));
    return true;
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
    Implement<RegressionAngle>(NewLinearRegAngleEngine);
constexpr Implementation kTsf = Implement<Regression<LineOutput::kForecast>>(NewTsfEngine);

}  // namespace indicators
}  // namespace candlewick
