// Directional movement and trend stops over a whole series (TA-Lib's
// definitions; TradingView's for Supertrend; formulas in
// docs/indicators.md). The smoothing of +DM, -DM and the true range is the
// WilderDirectional kernel; DX, ADX, SAR and Supertrend are the classes of
// directional/scalar.h, which the stream (directional/stream.cc) runs too.
#include <algorithm>
#include <cstddef>
#include <limits>

#include "cc/indicators/directional/directional.h"
#include "cc/indicators/volatility/volatility.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// fn(i, plus_dm, minus_dm, tr) for every bar i >= n, from the smoothed
// directional movement (WilderDirectional).
template <class X, typename Fn>
void ForEachDirectional(X h, X l, X c, size_t m, size_t n, Scratch scratch, Fn&& fn) {
  if (m <= n) return;
  double* plus = scratch.Doubles(m);
  double* minus = scratch.Doubles(m);
  double* tr = scratch.Doubles(m);
  WilderDirectional(h, l, c, m, n, plus, minus, tr);
  for (size_t i = n; i < m; ++i) fn(i, plus[i], minus[i], tr[i]);
}

// ADX into out (NaN before 2n-1): AdxStep over the DX of every bar from n.
template <class X>
void AdxInto(X h, X l, X c, size_t m, size_t n, double* out, Scratch scratch) {
  FillNaN(out, std::min(m, 2 * n - 1));
  AdxStep adx(n);
  ForEachDirectional(h, l, c, m, n, scratch, [&](size_t i, double plus, double minus, double tr) {
    double dx = 0;
    const bool defined = DxValue(plus, minus, tr, &dx);
    adx.Push(defined, dx, &out[i]);
  });
}

// +DI (kPlus) or -DI.
template <bool kPlus>
struct DirectionalIndicator : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    FillNaN(out[0], Period(p, 0));
    ForEachDirectional(in[0], in[1], in[2], m, Period(p, 0), scratch,
                       [&](size_t i, double plus, double minus, double tr) {
                         out[0][i] = DirectionalIndex(kPlus ? plus : minus, tr);
                       });
  }
};

struct Dx : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    FillNaN(out[0], Period(p, 0));
    double last = 0;  // an undefined DX repeats the previous value (0 at first)
    ForEachDirectional(in[0], in[1], in[2], m, Period(p, 0), scratch,
                       [&](size_t i, double plus, double minus, double tr) {
                         double dx = 0;
                         if (DxValue(plus, minus, tr, &dx)) last = dx;
                         out[0][i] = last;
                       });
  }
};

struct Adx {
  static size_t Lookback(const double* p) { return 2 * Period(p, 0) - 1; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    AdxInto(in[0], in[1], in[2], m, Period(p, 0), out[0], scratch);
  }
};

// ADXR = (ADX[i] + ADX[i - (n-1)]) / 2.
struct Adxr {
  static size_t Lookback(const double* p) { return 3 * Period(p, 0) - 2; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* adx = scratch.Doubles(m);
    AdxInto(in[0], in[1], in[2], m, n, adx, scratch);
    const size_t lb = Lookback(p);
    FillNaN(out[0], lb);
    for (size_t i = lb; i < m; ++i) out[0][i] = (adx[i] + adx[i - (n - 1)]) / 2.0;
  }
};

// Whether a row is valid (finite, high >= low) without a branch: a NaN or
// infinite price makes the range NaN or infinite. A finite range that
// overflows also fails; Compute() then validates apart and takes the
// general path, with the same result.
inline bool ValidRange(double h, double l) {
  const double range = h - l;
  return (range >= 0.0) & (range <= std::numeric_limits<double>::max());
}

// Parabolic SAR, TA-Lib's algorithm (ParabolicSar). params: acceleration,
// maximum. Checked validates each row as the SAR reads it, off the SAR's
// dependency chain: one read of each column, no validation pass.
struct Sar : FixedLookback<1> {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    Run<false>(in, m, p, out[0]);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    return Run<true>(in, m, p, out[0]);
  }
  template <bool kChecked, class In>
  static bool Run(const In* in, size_t m, const double* p, double* out) {
    const In h = in[0], l = in[1];
    bool ok = !kChecked || ValidRange(h[0], l[0]);
    ParabolicSar sar(p[0], p[1]);
    sar.Start(h[0], l[0], h[1], l[1]);
    out[0] = kNaN;
    for (size_t i = 1; i < m; ++i) {
      const double hi = h[i], lo = l[i];
      if (kChecked) ok &= ValidRange(hi, lo);
      out[i] = sar.Next(hi, lo);
    }
    return ok;
  }
};

// Supertrend (SupertrendStep) on TA-Lib's ATR. Outputs value and direction
// (+1 up, -1 down). params: period, multiplier.
struct Supertrend : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    const In h = in[0], l = in[1], c = in[2];
    double* atr = scratch.Doubles(m);
    AtrInto<false>(h, l, c, m, n, atr);
    FillNaN(out[0], n);
    FillNaN(out[1], n);
    SupertrendStep step(p[1]);
    for (size_t i = n; i < m; ++i) {
      step.Next(h[i], l[i], c[i], c[i - 1], atr[i], &out[0][i], &out[1][i]);
    }
  }
};

}  // namespace

constexpr Implementation kPlusDi = Implement<DirectionalIndicator<true>>(NewPlusDiEngine);
constexpr Implementation kMinusDi = Implement<DirectionalIndicator<false>>(NewMinusDiEngine);
constexpr Implementation kDx = Implement<Dx>(NewDxEngine);
constexpr Implementation kAdx = Implement<Adx>(NewAdxEngine);
constexpr Implementation kAdxr = Implement<Adxr>(NewAdxrEngine);
constexpr Implementation kSar = Implement<Sar>(NewSarEngine);
constexpr Implementation kSupertrend = Implement<Supertrend>(NewSupertrendEngine);

}  // namespace indicators
}  // namespace candlewick
