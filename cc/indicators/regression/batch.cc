// The LINEARREG family over a whole series (TA-Lib's definitions; formulas
// in docs/indicators.md): the WindowLineChecked kernel fits every window
// (LinearFit of regression/scalar.h in each lane) and LineValue reads the
// indicator off each line, as the stream (regression/stream.cc) does.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/regression/regression.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// Fit and line value in one pass of the WindowLineChecked kernel, which
// validates the rows too; on a run already validated it succeeds, so both
// paths give the same bits. LINEARREG_ANGLE's atan is scalar, on each
// vector of slopes as it is stored.
template <LineOutput kWhat>
struct Regression : ComputedByChecked<Regression<kWhat>>, WindowLookback {
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
    Implement<Regression<LineOutput::kAngle>>(NewLinearRegAngleEngine);
constexpr Implementation kTsf = Implement<Regression<LineOutput::kForecast>>(NewTsfEngine);

}  // namespace indicators
}  // namespace candlewick
