// The volatility indicators over a whole series (TA-Lib's definitions;
// formulas in docs/indicators.md). The heavy loops are the kernels of
// volatility/kernels.h; the ATR recurrence is WilderAtr of
// volatility/scalar.h, which the stream (volatility/stream.cc) and the bars
// module's ATR box also run.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/price.h"
#include "cc/indicators/volatility/volatility.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// params: period, nbdevup, nbdevdn, matype. Outputs upper, middle, lower.
// The deviation is the population standard deviation of the window around
// its simple mean, whatever the middle band's MA type (TA-Lib).
struct Bbands {
  static size_t Lookback(const double* p) { return MaLookback(MaTypeParam(p, 3), Period(p, 0)); }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    const MaType type = MaTypeParam(p, 3);
    if (type == MaType::kSma) {
      Bollinger(in[0], m, n, p[1], p[2], out[0], out[1], out[2]);
    } else {
      double* sma = scratch.Doubles(m);
      SmaInto(in[0], m, n, sma);
      MovingAverageInto(type, in[0], m, n, out[1], scratch);
      WindowBands(in[0], m, n, sma, out[1], p[1], p[2], out[0], out[2]);
    }
    for (size_t j = 0; j < 3; ++j) FillNaN(out[j], Lookback(p));
  }
  // Only the SMA middle band has a single-pass kernel; other MA types
  // decline at once (nothing written) and take the general path.
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    if (MaTypeParam(p, 3) != MaType::kSma) return false;
    const size_t n = Period(p, 0);
    if (!BollingerChecked(in[0], m, n, p[1], p[2], out[0], out[1], out[2])) return false;
    for (size_t j = 0; j < 3; ++j) FillNaN(out[j], n - 1);
    return true;
  }
};

// VAR (kStddev false) and STDDEV over each window, from its SMA. params:
// period, nbdev (STDDEV's multiplier; TA-Lib's VAR takes and ignores it,
// kept so that TA-Lib-shaped calls keep their meaning), sample (0:
// population, TA-Lib; 1: sample, divisor n-1).
// Checked is one blocked pass (WindowDispersionChecked); Compute, the SMA
// pass then the variance pass, gives the same bits on validated runs and
// the series that kernel declines.
template <bool kStddev>
struct Dispersion : WindowLookback {
  // What multiplies the variance (VAR) or its square root (STDDEV).
  static double Factor(const double* p, size_t n) {
    if constexpr (kStddev) return p[2] != 0 ? p[1] * std::sqrt(SampleFactor(true, n)) : p[1];
    return SampleFactor(p[2] != 0, n);
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    if (n == 1) {
      // One value has no spread: exactly 0. (Its sliding "mean" need not be
      // the value itself: after a far larger value it carries that value's
      // rounding until the next re-sum, and (x - mean)^2 would be that
      // rounding squared.)
      std::fill(out[0], out[0] + m, 0.0);
      return;
    }
    double* mean = scratch.Doubles(m);
    SmaInto(in[0], m, n, mean);
    FillNaN(out[0], n - 1);
    if constexpr (kStddev) {
      WindowStddev(in[0], m, n, mean, Factor(p, n), out[0]);
    } else {
      WindowVariance(in[0], m, n, mean, out[0]);
      if (p[2] != 0 && n > 1) {
        const double f = Factor(p, n);
        for (size_t i = n - 1; i < m; ++i) out[0][i] *= f;
      }
    }
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    // Period 1 has no single-pass kernel: decline at once, nothing written
    // (as BBANDS does for its other MA types); the general path validates,
    // gives the non-finite rows NaN and runs Compute, which writes the
    // exact zeros.
    if (n == 1) return false;
    if (!WindowDispersionChecked<kStddev>(in[0], m, n, Factor(p, n), out[0])) return false;
    FillNaN(out[0], n - 1);
    return true;
  }
};
using Var = Dispersion<false>;
using Stddev = Dispersion<true>;

struct Trange : FixedLookback<1> {
  template <class In>
  static void Compute(const In* in, size_t m, const double*, double* const* out, Scratch) {
    out[0][0] = kNaN;
    TrueRange(in[0], in[1], in[2], m, out[0]);
  }
  // The price-transform pass also computes the true range (PriceOp).
  template <class In>
  static bool Checked(const In* in, size_t m, const double*, double* const* out, Scratch) {
    if (!PriceTransformChecked(PriceOp::kTrueRange, in, m, out[0])) return false;
    out[0][0] = kNaN;
    return true;
  }
};

struct Atr : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    AtrInto<false>(in[0], in[1], in[2], m, Period(p, 0), out[0]);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    return AtrInto<true>(in[0], in[1], in[2], m, Period(p, 0), out[0]);
  }
};

// NATR = 100 ATR / close, stored by the ATR pass itself.
struct Natr : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    AtrInto<false, true>(in[0], in[1], in[2], m, Period(p, 0), out[0]);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    return AtrInto<true, true>(in[0], in[1], in[2], m, Period(p, 0), out[0]);
  }
};

// Keltner channels: middle = EMA(typical price, period) (TA-Lib seeding),
// upper/lower = middle +- multiplier * ATR(atr_period) (TA-Lib's Wilder
// ATR). params: period, multiplier, atr_period.
struct Keltner {
  static size_t Lookback(const double* p) { return std::max(Period(p, 0) - 1, Period(p, 2)); }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const double* tp = TypicalPriceColumn(in, m, scratch);
    double* atr = scratch.Doubles(m);
    EmaInto(tp, m, Period(p, 0), out[1]);
    AtrInto<false>(in[0], in[1], in[2], m, Period(p, 2), atr);
    const size_t lb = Lookback(p);
    for (size_t j = 0; j < 3; ++j) FillNaN(out[j], lb);
    for (size_t i = lb; i < m; ++i) {
      const double width = p[1] * atr[i];
      out[0][i] = out[1][i] + width;
      out[2][i] = out[1][i] - width;
    }
  }
};

}  // namespace

constexpr Implementation kBbands = Implement<Bbands>(NewBbandsEngine);
constexpr Implementation kStddev = Implement<Stddev>(NewStddevEngine);
constexpr Implementation kVar = Implement<Var>(NewVarEngine);
constexpr Implementation kTrange = Implement<Trange>(NewTrangeEngine);
constexpr Implementation kAtr = Implement<Atr>(NewAtrEngine);
constexpr Implementation kNatr = Implement<Natr>(NewNatrEngine);
constexpr Implementation kKeltner = Implement<Keltner>(NewKeltnerEngine);

}  // namespace indicators
}  // namespace candlewick
