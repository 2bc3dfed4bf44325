// Window extremes and the oscillators built on them over a whole series
// (TA-Lib's definitions; formulas in docs/indicators.md). Windows up to
// kDirectWindowMax take the branch-free kernels of range/kernels.h (several
// validate their rows in the same pass); longer ones the MonotonicDeque of
// range/scalar.h, which the stream (range/stream.cc) runs too.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/momentum/momentum.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/range/range.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// For each window x[i-w+1..i] (w-1 <= i < m): its largest (kMax) or
// smallest value into out[i], NaN before w-1; with kAge the bars since that
// extreme instead (the most recent on ties), rows before w-1 untouched.
// Windows up to kDirectWindowMax take the kernels, longer ones the deque.
template <bool kMax, bool kAge = false, class X>
void RollingExtremeInto(X x, size_t m, size_t w, double* out, Scratch scratch) {
  if (!kAge) FillNaN(out, std::min(m, w - 1));
  if (w <= kDirectWindowMax) {
    if (kAge) {
      kMax ? RollingMaxAge(x, m, w, out) : RollingMinAge(x, m, w, out);
    } else {
      kMax ? RollingMax(x, m, w, out) : RollingMin(x, m, w, out);
    }
    return;
  }
  MonotonicDeque<kMax> deque(w, scratch.Indices(w), scratch.Doubles(w));
  for (size_t i = 0; i < m; ++i) {
    double value;
    size_t at;
    if (deque.Push(x[i], &value, &at)) out[i] = kAge ? static_cast<double>(i - at) : value;
  }
}

// RangeValue(op) of the highest high and lowest low over n bars (and
// column c) into out, NaN before n-1.
template <class X>
void RangeOf(RangeOp op, X h, X l, X c, size_t m, size_t n, double* out, Scratch scratch) {
  double* highest = scratch.Doubles(m);
  RollingExtremeInto<true>(h, m, n, highest, scratch);
  RollingExtremeInto<false>(l, m, n, out, scratch);
  if (m >= n) RangeCombine(op, highest, out, c, n - 1, m, out);
}

// The base of an indicator whose Checked pass serves windows up to
// kDirectWindowMax and returns false at once for longer ones: on a run
// Compute() has validated it succeeds, so Compute takes it where it applies
// and T::ComputeLong, the deque path, for longer windows.
template <class T>
struct ComputedByCheckedOrLong {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    if (!T::Checked(in, m, p, out, scratch)) T::ComputeLong(in, m, p, out, scratch);
  }
};

// MAX (kMax) or MIN; windows up to kDirectWindowMax check the column in the
// same pass.
template <bool kMax>
struct Extreme : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    RollingExtremeInto<kMax>(in[0], m, Period(p, 0), out[0], scratch);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (n > kDirectWindowMax) return false;
    if (!(kMax ? RollingMaxChecked(in[0], m, n, out[0]) : RollingMinChecked(in[0], m, n, out[0]))) {
      return false;
    }
    FillNaN(out[0], std::min(m, n - 1));
    return true;
  }
};

// MIDPOINT (kTwo false: (max + min) / 2 of one column) or MIDPRICE ((highest
// high + lowest low) / 2); windows up to kDirectWindowMax in one validating
// pass.
template <bool kTwo>
struct Midpoint : ComputedByCheckedOrLong<Midpoint<kTwo>>, WindowLookback {
  template <class In>
  static void ComputeLong(const In* in, size_t m, const double* p, double* const* out,
                          Scratch scratch) {
    RangeOf(RangeOp::kMidpoint, in[0], in[kTwo ? 1 : 0], in[0], m, Period(p, 0), out[0],
            scratch);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    if (n > kDirectWindowMax) return false;
    double* spare = scratch.Doubles(m);
    const bool ok = kTwo ? HighLowMidpointChecked(in[0], in[1], m, n, out[0], spare)
                         : RollingMidpointChecked(in[0], m, n, out[0], spare);
    if (!ok) return false;
    FillNaN(out[0], std::min(m, n - 1));
    return true;
  }
};

// Donchian channels: highest high, (highest + lowest) / 2, lowest low over
// the n bars ending at (and including) the current one.
struct Donchian : ComputedByCheckedOrLong<Donchian>, WindowLookback {
  template <class In>
  static void ComputeLong(const In* in, size_t m, const double* p, double* const* out,
                          Scratch scratch) {
    const size_t n = Period(p, 0);
    RollingExtremeInto<true>(in[0], m, n, out[0], scratch);
    RollingExtremeInto<false>(in[1], m, n, out[2], scratch);
    FillNaN(out[1], n - 1);
    RangeCombine(RangeOp::kMidpoint, out[0], out[2], out[0], n - 1, m, out[1]);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (n > kDirectWindowMax || !HighLowRangeChecked(in[0], in[1], m, n, out[0], out[2])) {
      return false;
    }
    RangeCombine(RangeOp::kMidpoint, out[0], out[2], out[0], n - 1, m, out[1]);
    for (size_t j = 0; j < 3; ++j) FillNaN(out[j], std::min(m, n - 1));
    return true;
  }
};

// Ichimoku (outputs tenkan, kijun, senkou_a, senkou_b), every line at the
// row it is computed from (no displacement; docs/indicators.md). Each line
// is a Donchian midline: (highest high + lowest low) / 2 over its period.
struct Ichimoku {
  static size_t Lookback(const double* p) {
    return std::max({Period(p, 0), Period(p, 1), Period(p, 2)}) - 1;
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t out_of[3] = {0, 1, 3};
    for (size_t k = 0; k < 3; ++k) {
      RangeOf(RangeOp::kMidpoint, in[0], in[1], in[0], m, Period(p, k), out[out_of[k]],
              scratch);
    }
    const size_t lb = Lookback(p);
    RangeCombine(RangeOp::kMidpoint, out[0], out[1], out[0], lb, m, out[2]);
    for (size_t j = 0; j < 4; ++j) FillNaN(out[j], lb);
  }
};

// Williams' %R; windows up to kDirectWindowMax in one validating pass (the
// extremes and the ratio of every window as it is found).
struct Willr : ComputedByCheckedOrLong<Willr>, WindowLookback {
  template <class In>
  static void ComputeLong(const In* in, size_t m, const double* p, double* const* out,
                          Scratch scratch) {
    RangeOf(RangeOp::kWillr, in[0], in[1], in[2], m, Period(p, 0), out[0], scratch);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (n > kDirectWindowMax ||
        !HighLowCombineChecked(RangeOp::kWillr, in[0], in[1], in[2], m, n, out[0])) {
      return false;
    }
    FillNaN(out[0], std::min(m, n - 1));
    return true;
  }
};

// The moving average (type, period n) of x's rows from `from` on into out
// (NaN before `from`); returns the first row it defines. STOCH and STOCHF's
// %K smoothings.
size_t MovingAverageFrom(MaType type, size_t n, const double* x, size_t from, size_t m,
                         double* out, Scratch scratch) {
  FillNaN(out, from);
  MovingAverageInto(type, x + from, m - from, n, out + from, scratch);
  return from + MaLookback(type, n);
}

// params: fastk, slowk, slowk_matype, slowd, slowd_matype.
struct Stoch {
  static size_t Lookback(const double* p) {
    return Period(p, 0) - 1 + MaLookback(MaTypeParam(p, 2), Period(p, 1)) +
           MaLookback(MaTypeParam(p, 4), Period(p, 3));
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    double* fastk = scratch.Doubles(m);
    RangeOf(RangeOp::kFastK, in[0], in[1], in[2], m, Period(p, 0), fastk, scratch);
    const size_t slowk0 =
        MovingAverageFrom(MaTypeParam(p, 2), Period(p, 1), fastk, Period(p, 0) - 1, m, out[0],
                          scratch);
    MovingAverageFrom(MaTypeParam(p, 4), Period(p, 3), out[0], slowk0, m, out[1], scratch);
    FillNaN(out[0], Lookback(p));
  }
};

// params: fastk, fastd, fastd_matype.
struct Stochf {
  static size_t Lookback(const double* p) {
    return Period(p, 0) - 1 + MaLookback(MaTypeParam(p, 2), Period(p, 1));
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    RangeOf(RangeOp::kFastK, in[0], in[1], in[2], m, Period(p, 0), out[0], scratch);
    MovingAverageFrom(MaTypeParam(p, 2), Period(p, 1), out[0], Period(p, 0) - 1, m, out[1],
                      scratch);
    FillNaN(out[0], Lookback(p));
  }
};

// STOCHRSI (TA-Lib): STOCHF(fastk, fastd, fastd_matype) with RSI(period) as
// high, low and close. params: period, fastk, fastd, fastd_matype.
struct StochRsi {
  static size_t Lookback(const double* p) {
    return Period(p, 0) + Period(p, 1) - 1 + MaLookback(MaTypeParam(p, 3), Period(p, 2));
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t r0 = Period(p, 0), fk = Period(p, 1);
    double* rsi = scratch.Doubles(m);
    // The holding RSI: over fastk equal closes the RSI values are equal
    // (a zero move scales both Wilder averages alike), so %K is 0/0, hence
    // 0, TA-Lib's max = min case; the scan's roundings would leave ulps of
    // range there and an arbitrary %K in [0, 100].
    RsiInto<In, /*kHold=*/true>(in[0], m, r0, rsi);
    const double* r = rsi + r0;
    const size_t mr = m - r0;
    FillNaN(out[0], r0);
    FillNaN(out[1], r0 + fk - 1);
    if (mr >= fk) {
      RangeOf(RangeOp::kFastK, r, r, r, mr, fk, out[0] + r0, scratch);
      MovingAverageInto(MaTypeParam(p, 3), out[0] + r0 + fk - 1, mr - (fk - 1), Period(p, 2),
                        out[1] + r0 + fk - 1, scratch);
    }
    FillNaN(out[0], std::min(m, Lookback(p)));
    FillNaN(out[1], std::min(m, Lookback(p)));
  }
};

// AROON (outputs down, up, in TA-Lib's order): over the n+1 bars ending at i,
// up = 100 * (n - bars since the highest high) / n, the most recent extreme
// on ties. kOsc: AROONOSC = up - down. Windows up to kDirectWindowMax in
// one validating pass that writes only the outputs (AroonChecked).
template <bool kOsc>
struct Aroon : ComputedByCheckedOrLong<Aroon<kOsc>>, PeriodLookback {
  template <class In>
  static void ComputeLong(const In* in, size_t m, const double* p, double* const* out,
                          Scratch scratch) {
    const size_t n = Period(p, 0);
    double* high_age = scratch.Doubles(m);
    double* low_age = scratch.Doubles(m);
    RollingExtremeInto<true, /*kAge=*/true>(in[0], m, n + 1, high_age, scratch);
    RollingExtremeInto<false, /*kAge=*/true>(in[1], m, n + 1, low_age, scratch);
    for (size_t i = n; i < m; ++i) {
      AroonValues(n, kOsc, high_age[i], low_age[i], &out[0][i], kOsc ? nullptr : &out[1][i]);
    }
    FillNaN(out[0], n);
    if (!kOsc) FillNaN(out[1], n);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (n + 1 > kDirectWindowMax ||
        !AroonChecked(in[0], in[1], m, n, kOsc, out[0], kOsc ? nullptr : out[1])) {
      return false;
    }
    FillNaN(out[0], std::min(m, n));
    if (!kOsc) FillNaN(out[1], std::min(m, n));
    return true;
  }
};

}  // namespace

constexpr Implementation kMax = Implement<Extreme<true>>(NewMaxEngine);
constexpr Implementation kMin = Implement<Extreme<false>>(NewMinEngine);
constexpr Implementation kMidpoint = Implement<Midpoint<false>>(NewMidpointEngine);
constexpr Implementation kMidprice = Implement<Midpoint<true>>(NewMidpriceEngine);
constexpr Implementation kDonchian = Implement<Donchian>(NewDonchianEngine);
constexpr Implementation kIchimoku = Implement<Ichimoku>(NewIchimokuEngine);
constexpr Implementation kWillr = Implement<Willr>(NewWillrEngine);
constexpr Implementation kStoch = Implement<Stoch>(NewStochEngine);
constexpr Implementation kStochf = Implement<Stochf>(NewStochfEngine);
constexpr Implementation kStochRsi = Implement<StochRsi>(NewStochRsiEngine);
constexpr Implementation kAroon = Implement<Aroon<false>>(NewAroonEngine);
constexpr Implementation kAroonOsc = Implement<Aroon<true>>(NewAroonOscEngine);

}  // namespace indicators
}  // namespace candlewick
