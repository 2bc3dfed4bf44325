// The volume indicators over a whole series (TA-Lib's definitions where it
// has one; formulas in docs/indicators.md). OBV, AD and ADOSC are single
// validating passes of volume/kernels.h; the window sums are the
// moving-average kernels; the one-bar formulas are those of
// volume/scalar.h, which the stream (volume/stream.cc) runs too.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/volume/volume.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// out[i] = sum of x[i-n+1..i] for n-1 <= i < m, and exactly 0 where all n
// values are 0 (not the sliding sum's rounding residue). For sums that are
// divisors: volume.
template <class X>
void WindowSumExactZero(X x, size_t m, size_t n, double* out) {
  RollingSum(x, m, n, 1.0, out);
  size_t nonzero = 0;
  for (size_t i = 0; i < m; ++i) {
    nonzero += x[i] != 0;
    if (i >= n) nonzero -= x[i - n] != 0;
    if (i + 1 >= n && nonzero == 0) out[i] = 0.0;
  }
}

// A volume-weighted ratio over each window of n bars: out[i] = sum of
// flow(k) / sum of v[k] for k in i-n+1..i (n-1 <= i < m, NaN before), or
// no_volume(i) where the window's volume is exactly 0 (WindowSumExactZero).
// VWMA (flow x v) and CMF (the money-flow volume).
template <class V, class Flow, class NoVolume>
void VolumeWeightedInto(V v, size_t m, size_t n, Flow&& flow, NoVolume&& no_volume,
                        double* out, Scratch scratch) {
  double* per_bar = scratch.Doubles(m);
  double* sum_flow = scratch.Doubles(m);
  double* sum_v = scratch.Doubles(m);
  for (size_t i = 0; i < m; ++i) per_bar[i] = flow(i);
  RollingSum(per_bar, m, n, 1.0, sum_flow);
  WindowSumExactZero(v, m, n, sum_v);
  FillNaN(out, n - 1);
  for (size_t i = n - 1; i < m; ++i) out[i] = sum_v[i] != 0 ? sum_flow[i] / sum_v[i] : no_volume(i);
}

// On a run already validated the checking kernels succeed: Compute and
// Checked give the same bits.
struct Obv : ComputedByChecked<Obv>, FixedLookback<0> {
  template <class In>
  static bool Checked(const In* in, size_t m, const double*, double* const* out, Scratch) {
    return OnBalanceVolumeChecked(in[0], in[1], m, out[0]);
  }
};

struct Ad : FixedLookback<0> {
  template <class In>
  static void Compute(const In* in, size_t m, const double*, double* const* out, Scratch) {
    AccumulationDistribution(in, m, out[0]);
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double*, double* const* out, Scratch) {
    return AccumulationDistributionChecked(in, m, out[0]);
  }
};

// Chaikin A/D oscillator (TA-Lib): EMA(AD, fast) - EMA(AD, slow), both
// seeded with the first AD value (not a mean), first output at bar
// max(fast, slow) - 1. params: fast, slow (not swapped, as TA-Lib).
struct AdOsc : ComputedByChecked<AdOsc> {
  static size_t Lookback(const double* p) { return std::max(Period(p, 0), Period(p, 1)) - 1; }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    if (!ChaikinOscillatorChecked(in, m, EmaK(Period(p, 0)), EmaK(Period(p, 1)), out[0])) {
      return false;
    }
    FillNaN(out[0], std::min(m, Lookback(p)));
    return true;
  }
};

// Money flow index: flow = tp * volume, positive when the typical price
// rose from the previous bar, negative when it fell; MfiValue of the sums of
// the last n flows. (TA-Lib reports 0 whenever pos + neg < 1, an absolute
// threshold that zeroes low-volume or low-price series; here only 0/0 is 0.)
struct Mfi : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* pos = scratch.Doubles(m);
    double* neg = scratch.Doubles(m);
    double prev_tp = TypicalPrice(in[0][0], in[1][0], in[2][0]);
    pos[0] = neg[0] = 0;
    for (size_t i = 1; i < m; ++i) {
      const double tp = TypicalPrice(in[0][i], in[1][i], in[2][i]);
      const double flow = tp * in[3][i];
      pos[i] = tp > prev_tp ? flow : 0.0;
      neg[i] = tp < prev_tp ? flow : 0.0;
      prev_tp = tp;
    }
    // Window sums of the flows of bars i-n+1..i (not in place: the sliding
    // sum re-reads x[i-n]).
    double* pos_sum = scratch.Doubles(m);
    double* neg_sum = scratch.Doubles(m);
    RollingSum(pos + 1, m - 1, n, 1.0, pos_sum + 1);
    RollingSum(neg + 1, m - 1, n, 1.0, neg_sum + 1);
    // A window without positive (negative) flows must sum to exactly 0, not
    // to the sliding sum's rounding residue: count the flows in the window.
    // (WindowSumExactZero's rule, both columns counted in one loop.)
    size_t n_pos = 0, n_neg = 0;
    for (size_t i = 1; i <= n; ++i) {
      n_pos += pos[i] != 0;
      n_neg += neg[i] != 0;
    }
    FillNaN(out[0], n);
    for (size_t i = n; i < m; ++i) {
      if (i > n) {
        n_pos += (pos[i] != 0) - (pos[i - n] != 0);
        n_neg += (neg[i] != 0) - (neg[i - n] != 0);
      }
      out[0][i] = MfiValue(n_pos > 0 ? pos_sum[i] : 0.0, n_neg > 0 ? neg_sum[i] : 0.0);
    }
  }
};

// Volume-weighted MA: sum(x v) / sum(v) over n bars; the plain mean of the
// window when its volume is 0.
struct Vwma : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    const In x = in[0], v = in[1];
    const auto window_mean = [&](size_t i) {
      double s = 0;
      for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
      return s / static_cast<double>(n);
    };
    VolumeWeightedInto(
        v, m, n, [&](size_t i) { return x[i] * v[i]; }, window_mean, out[0], scratch);
  }
};

// VWAP of the typical price (VwapStep), restarted at the first row and, when
// kAnchored, at every row whose anchor (input 4) is not 0.
template <bool kAnchored>
struct Vwap : FixedLookback<0> {
  template <class In>
  static void Compute(const In* in, size_t m, const double*, double* const* out, Scratch) {
    VwapStep vwap;
    for (size_t i = 0; i < m; ++i) {
      if (i == 0 || (kAnchored && in[4][i] != 0)) vwap.Restart();
      out[0][i] = vwap.Push(TypicalPrice(in[0][i], in[1][i], in[2][i]), in[3][i]);
    }
  }
};

// Chaikin money flow: sum of money-flow volume / sum of volume over n bars,
// 0 when the window's volume is 0.
struct Cmf : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const auto money_flow_volume = [&](size_t i) {
      return MoneyFlowVolumeValue(in[0][i], in[1][i], in[2][i], in[3][i]);
    };
    VolumeWeightedInto(
        in[3], m, Period(p, 0), money_flow_volume, [](size_t) { return 0.0; }, out[0], scratch);
  }
};

}  // namespace

constexpr Implementation kObv = Implement<Obv>(NewObvEngine);
constexpr Implementation kAd = Implement<Ad>(NewAdEngine);
constexpr Implementation kAdOsc = Implement<AdOsc>(NewAdOscEngine);
constexpr Implementation kMfi = Implement<Mfi>(NewMfiEngine);
constexpr Implementation kVwma = Implement<Vwma>(NewVwmaEngine);
constexpr Implementation kVwap = Implement<Vwap<false>>(NewVwapEngine);
constexpr Implementation kAnchoredVwap = Implement<Vwap<true>>(NewAnchoredVwapEngine);
constexpr Implementation kCmf = Implement<Cmf>(NewCmfEngine);

}  // namespace indicators
}  // namespace candlewick
