// The momentum indicators over a whole series (TA-Lib's definitions;
// formulas in docs/indicators.md). The heavy loops are the kernels of
// momentum/kernels.h (and the moving-average and volatility kernels they
// build on); the recurrences are the classes of momentum/scalar.h, which the
// stream (momentum/stream.cc) runs bar by bar.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/momentum/momentum.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/price.h"
#include "cc/indicators/volatility/kernels.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

struct Rsi : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    RsiInto(in[0], m, Period(p, 0), out[0]);
  }
};

// Chande momentum oscillator, smoothed as RSI (TA-Lib).
struct Cmo : PeriodLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    const In x = in[0];
    FillNaN(out[0], n);
    WilderGainLoss avg(n);
    for (size_t i = 1; i <= n; ++i) avg.Push(x[i] - x[i - 1]);
    CmoFromSeeds(x, m, n, avg.gain(), avg.loss(), out[0]);
  }
};

// params: fast, slow, signal. MacdLine seeds both EMAs (TA-Lib's alignment),
// the EmaDifference kernel continues them; the signal is an EmaStep seeded
// with the first `signal` MACD values, continued by
// LinearRecurrenceWithResidual next to the histogram. TA-Lib starts all
// three outputs at the signal's first value.
struct Macd {
  static size_t Lookback(const double* p) {
    const size_t slow = std::max(Period(p, 0), Period(p, 1));
    return slow - 1 + Period(p, 2) - 1;
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const In x = in[0];
    double* macd = out[0];
    double* sig = out[1];
    double* hist = out[2];
    MacdLine line(Period(p, 0), Period(p, 1));
    const size_t start = line.start();
    const size_t lb = Lookback(p);
    for (size_t j = 0; j <= start; ++j) line.Push(x[j], &macd[start]);
    EmaDifference(x + start + 1, m - start - 1, line.kf(), line.ks(), line.fast_ema(),
                  line.slow_ema(), macd + start + 1);
    EmaStep signal(Period(p, 2));
    for (size_t j = start; j <= lb; ++j) signal.Push(macd[j], &sig[lb]);
    hist[lb] = macd[lb] - sig[lb];
    LinearRecurrenceWithResidual(macd + lb + 1, m - lb - 1, signal.a(), signal.k(), sig[lb],
                                 sig + lb + 1, hist + lb + 1);
    FillNaN(macd, lb);
    FillNaN(sig, lb);
    FillNaN(hist, lb);
  }
};

// APO / PPO (TA-Lib): fast and slow MA of one type (swapped if slow <
// fast), each from its own natural start: unlike MACD, TA-Lib 0.8 does not
// re-seed the fast EMA at the slow one's first bar. Their default EMA is
// TA-Lib's stepwise form (StepwiseEma), exact on a flat series, and runs
// both averages in one loop: each step waits on its own previous value
// only, so the two chains overlap, where two passes waited on each in turn.
template <bool kPpo, class X>
void StepwiseOscillatorInto(X x, size_t m, size_t fast, size_t slow, double* out) {
  FillNaN(out, std::min(m, slow - 1));
  if (m < slow) return;
  StepwiseEma fast_ema(fast), slow_ema(slow);
  double fast_y = 0, slow_y = 0;
  for (size_t j = 0; j < slow; ++j) {
    fast_ema.Push(x[j], &fast_y);
    slow_ema.Push(x[j], &slow_y);
  }
  out[slow - 1] = PriceOscillatorValue(kPpo, fast_y, slow_y);
  for (size_t i = slow; i < m; ++i) {
    const double v = x[i];
    out[i] = PriceOscillatorValue(kPpo, fast_ema.Step(v), slow_ema.Step(v));
  }
}

// APO (kPpo false) and PPO: PriceOscillatorValue of the two averages.
template <bool kPpo>
struct PriceOscillatorOf {
  static size_t Lookback(const double* p) {
    return MaLookback(MaTypeParam(p, 2), std::max(Period(p, 0), Period(p, 1)));
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t fast = std::min(Period(p, 0), Period(p, 1));
    const size_t slow = std::max(Period(p, 0), Period(p, 1));
    const MaType type = MaTypeParam(p, 2);
    if (type == MaType::kEma) return StepwiseOscillatorInto<kPpo>(in[0], m, fast, slow, out[0]);
    double* fast_ma = scratch.Doubles(m);
    MovingAverageInto(type, in[0], m, slow, out[0], scratch);
    MovingAverageInto(type, in[0], m, fast, fast_ma, scratch);
    for (size_t i = Lookback(p); i < m; ++i) {
      out[0][i] = PriceOscillatorValue(kPpo, fast_ma[i], out[0][i]);
    }
  }
};
using Apo = PriceOscillatorOf<false>;
using Ppo = PriceOscillatorOf<true>;

// TRIX: one-bar rate of change, in percent, of EMA(EMA(EMA(x))), the EMAs
// block by block with the rate of change fused into the last (EmaChain),
// validating x on the way.
struct Trix : ComputedByChecked<Trix> {
  static size_t Lookback(const double* p) { return 3 * (Period(p, 0) - 1) + 1; }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    FillNaN(out[0], Lookback(p));
    return EmaChain<3>(EmaChainOp::kTrix, in[0], m, Period(p, 0), out[0], scratch, true);
  }
};

// True strength index: 100 EMA(EMA(mom, long), short) / EMA(EMA(|mom|,
// long), short), mom = x[i] - x[i-1], each EMA seeded with the mean of its
// first values (TA-Lib's EMA); 0 when the denominator is 0.
// params: long, short.
struct Tsi {
  static size_t Lookback(const double* p) { return Period(p, 0) + Period(p, 1) - 1; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t nl = Period(p, 0), ns = Period(p, 1);
    const In x = in[0];
    double* mom = scratch.Doubles(m);
    double* mabs = scratch.Doubles(m);
    double* e1 = scratch.Doubles(m);
    double* e1abs = scratch.Doubles(m);
    double* e2abs = scratch.Doubles(m);
    for (size_t i = 1; i < m; ++i) {
      mom[i] = x[i] - x[i - 1];
      mabs[i] = std::fabs(mom[i]);
    }
    // mom starts at 1, the first EMA at nl, the second at nl + ns - 1.
    EmaInto(mom + 1, m - 1, nl, e1 + 1);
    EmaInto(mabs + 1, m - 1, nl, e1abs + 1);
    EmaInto(e1 + nl, m - nl, ns, out[0] + nl);
    EmaInto(e1abs + nl, m - nl, ns, e2abs + nl);
    const size_t lb = Lookback(p);
    FillNaN(out[0], lb);
    for (size_t i = lb; i < m; ++i) {
      out[0][i] = e2abs[i] != 0 ? 100.0 * (out[0][i] / e2abs[i]) : 0.0;
    }
  }
};

// MOM and the ROC family (LagValue), validated in the same pass; on a run
// already validated the kernel succeeds, so both paths give the same bits.
template <LagOp kOp>
struct Lag : ComputedByChecked<Lag<kOp>>, PeriodLookback {
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (!LagTransformChecked(kOp, in[0], m, n, out[0])) return false;
    FillNaN(out[0], std::min(m, n));
    return true;
  }
};

// CCI: (tp - sma(tp)) / (0.015 * mean |tp - sma(tp)|), tp the typical price;
// 0 when either factor is 0 (TA-Lib). A window of n equal typical prices is
// 0 whatever the sliding mean's rounding: that mean may miss the common
// value by an ulp (the sum still carries earlier, different values), and
// then deviation and MAD are both that ulp and their ratio is +-1/0.015
// (+-66.7) instead of 0/0. `equal` counts the equal typical prices ending
// at row i, so the test is exact and O(1) per row.
struct Cci : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    const double* tp = TypicalPriceColumn(in, m, scratch);
    double* mean = scratch.Doubles(m);
    SmaInto(tp, m, n, mean);
    WindowMeanAbsDeviation(tp, m, n, mean, out[0]);
    FillNaN(out[0], n - 1);
    size_t equal = 1;  // n >= 2
    for (size_t i = 1; i + 1 < n; ++i) equal = tp[i] == tp[i - 1] ? equal + 1 : 1;
    for (size_t i = n - 1; i < m; ++i) {
      const double value = CciValue(tp[i] - mean[i], out[0][i]);
      equal = tp[i] == tp[i - 1] ? equal + 1 : 1;
      out[0][i] = equal >= n ? 0.0 : value;
    }
  }
};

// Ultimate oscillator (TA-Lib), the three periods sorted, in one validating
// pass (UltimateOscillator); on a validated run it succeeds.
struct UltOsc : ComputedByChecked<UltOsc> {
  static size_t Lookback(const double* p) {
    return std::max({Period(p, 0), Period(p, 1), Period(p, 2)});
  }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    size_t per[3] = {Period(p, 0), Period(p, 1), Period(p, 2)};
    std::sort(per, per + 3);
    double* bp = scratch.Doubles(m);
    double* tr = scratch.Doubles(m);
    FillNaN(out[0], std::min(m, per[2]));
    return UltimateOscillator(in[0], in[1], in[2], m, per[0], per[1], per[2], bp, tr, out[0]);
  }
};

// Elder ray: bull power = high - EMA(close), bear power = low - EMA(close).
struct ElderRay : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* ema = scratch.Doubles(m);
    EmaInto(in[2], m, n, ema);
    FillNaN(out[0], n - 1);
    FillNaN(out[1], n - 1);
    for (size_t i = n - 1; i < m; ++i) {
      out[0][i] = in[0][i] - ema[i];
      out[1][i] = in[1][i] - ema[i];
    }
  }
};

}  // namespace

constexpr Implementation kRsi = Implement<Rsi>(NewRsiEngine);
constexpr Implementation kCmo = Implement<Cmo>(NewCmoEngine);
constexpr Implementation kMacd = Implement<Macd>(NewMacdEngine);
constexpr Implementation kApo = Implement<Apo>(NewApoEngine);
constexpr Implementation kPpo = Implement<Ppo>(NewPpoEngine);
constexpr Implementation kTrix = Implement<Trix>(NewTrixEngine);
constexpr Implementation kTsi = Implement<Tsi>(NewTsiEngine);
constexpr Implementation kMom = Implement<Lag<LagOp::kMomentum>>(NewMomEngine);
constexpr Implementation kRoc = Implement<Lag<LagOp::kRoc>>(NewRocEngine);
constexpr Implementation kRocp = Implement<Lag<LagOp::kRocp>>(NewRocpEngine);
constexpr Implementation kRocr = Implement<Lag<LagOp::kRocr>>(NewRocrEngine);
constexpr Implementation kRocr100 = Implement<Lag<LagOp::kRocr100>>(NewRocr100Engine);
constexpr Implementation kCci = Implement<Cci>(NewCciEngine);
constexpr Implementation kUltOsc = Implement<UltOsc>(NewUltOscEngine);
constexpr Implementation kElderRay = Implement<ElderRay>(NewElderRayEngine);

}  // namespace indicators
}  // namespace candlewick
