// Indicator definitions. Each follows TA-Lib's algorithm (seeding, smoothing,
// tie-breaking, degenerate cases) so values agree with TA-Lib from the lookback
// on; docs/indicators.md states every formula. The heavy loops are the
// Highway kernels of kernels.h; what remains here are seeds, O(1)-per-bar
// scalar recurrences with data-dependent branches (ADX, OBV, rolling
// extremes), and elementwise combinations.
//
// One deliberate difference everywhere TA-Lib tests TA_IS_ZERO (|v| < 1e-8):
// here the test is v == 0, because an absolute threshold silently zeroes
// indicators of instruments priced below about 1e-6 (TA-Lib and candlewick
// agree whenever the tested quantity is 0 or above 1e-8).
//
// Input columns are read in place whatever their stride: every compute
// function, and every helper that reads an input column, is a template over
// the column type (`const double*` or StridedColumn, which read the same way:
// x[i], x + k), instantiated for both at the end of this file. Helpers
// applied to intermediate workspace arrays deduce `const double*` or
// `double*` there and only read them.
#include "cc/indicators/functions.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "cc/indicators/column.h"
#include "cc/indicators/kernels.h"
#include "cc/indicators/kernels_reference.h"
#include "cc/indicators/parabolic_sar.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t Period(const double* params, size_t k) { return static_cast<size_t>(params[k]); }

void FillNaN(double* out, size_t count) { std::fill(out, out + count, kNaN); }

// EMA of x[0..m) with smoothing k whose first value sits at `first`: the
// simple mean of x[first-n+1..first] (TA-Lib's seed), then
// y = (1-k) * y + k * x. NaN before `first`. Needs n-1 <= first < m.
template <class X>
void EmaFrom(X x, size_t m, size_t n, double k, size_t first, double* out) {
  FillNaN(out, first);
  double sum = 0;
  for (size_t j = first + 1 - n; j <= first; ++j) sum += x[j];
  const double seed = sum / static_cast<double>(n);
  out[first] = seed;
  LinearRecurrence(x + first + 1, m - first - 1, 1.0 - k, k, seed, out + first + 1);
}

double EmaK(size_t n) { return 2.0 / (static_cast<double>(n) + 1.0); }

// The plain TA-Lib EMA; all NaN when m < n.
template <class X>
void EmaInto(X x, size_t m, size_t n, double* out) {
  if (m < n) return FillNaN(out, m);
  EmaFrom(x, m, n, EmaK(n), n - 1, out);
}

template <class X>
void SmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  RollingSum(x, m, n, 1.0 / static_cast<double>(n), out);
}

// Weighted MA with weights 1..n (newest heaviest). The weighted sum W and the
// plain sum S follow W += n*x[i] - S; S += x[i] - x[i-n] (TA-Lib's update),
// both recomputed directly every max(64, n) bars so rounding cannot drift.
template <class X>
void WmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  if (m < n) return;
  const double divider = static_cast<double>(n) * static_cast<double>(n + 1) / 2.0;
  const double dn = static_cast<double>(n);
  const size_t resync = std::max<size_t>(64, n);
  size_t i = n - 1;
  while (i < m) {
    double w = 0, s = 0;
    for (size_t k = 0; k < n; ++k) {
      const double v = x[i + 1 - n + k];
      w += static_cast<double>(k + 1) * v;
      s += v;
    }
    out[i++] = w / divider;
    const size_t end = std::min(m, i + resync);
    for (; i < end; ++i) {
      w += dn * x[i] - s;
      s += x[i] - x[i - n];
      out[i] = w / divider;
    }
  }
}

template <class X>
void DemaInto(X x, size_t m, size_t n, double* out, Workspace& ws, size_t slot) {
  const size_t lb = 2 * (n - 1);
  if (m <= lb) return FillNaN(out, m);
  double* e1 = ws.Buffer(slot, m);
  EmaInto(x, m, n, e1);
  FillNaN(out, n - 1);
  EmaInto(e1 + (n - 1), m - (n - 1), n, out + (n - 1));  // EMA of the EMA
  for (size_t i = lb; i < m; ++i) out[i] = 2.0 * e1[i] - out[i];
}

template <class X>
void TemaInto(X x, size_t m, size_t n, double* out, Workspace& ws, size_t slot) {
  const size_t lb = 3 * (n - 1);
  if (m <= lb) return FillNaN(out, m);
  double* e1 = ws.Buffer(slot, m);
  double* e2 = ws.Buffer(slot + 1, m);
  EmaInto(x, m, n, e1);
  FillNaN(e2, n - 1);
  EmaInto(e1 + (n - 1), m - (n - 1), n, e2 + (n - 1));
  FillNaN(out, 2 * (n - 1));
  EmaInto(e2 + 2 * (n - 1), m - 2 * (n - 1), n, out + 2 * (n - 1));
  for (size_t i = lb; i < m; ++i) out[i] = 3.0 * e1[i] - 3.0 * e2[i] + out[i];
}

// Triangular MA: weights 1,2,..,2,1 over n bars, i.e. an SMA of an SMA with
// periods (n+1)/2 and (n+1)/2 for odd n, n/2 and n/2+1 for even n.
template <class X>
void TrimaInto(X x, size_t m, size_t n, double* out, Workspace& ws, size_t slot) {
  const size_t a = (n % 2 == 1) ? (n + 1) / 2 : n / 2;
  const size_t b = (n % 2 == 1) ? (n + 1) / 2 : n / 2 + 1;
  if (m < n) return FillNaN(out, m);
  double* first = ws.Buffer(slot, m);
  SmaInto(x, m, a, first);
  FillNaN(out, a - 1);
  SmaInto(first + (a - 1), m - (a - 1), b, out + (a - 1));
}

// Index of the extreme of each window x[i-w+1..i] (i >= w-1), the most recent
// one on ties (TA-Lib's rule, which matters for AROON), by a monotonic deque
// held in a ring of w indices: O(1) amortised per bar.
template <bool kMax, class X, typename Fn>
void ForEachWindowExtreme(X x, size_t m, size_t w, size_t* ring, Fn&& fn) {
  size_t head = 0, count = 0;
  auto at = [&](size_t k) -> size_t& {
    size_t pos = head + k;
    if (pos >= w) pos -= w;
    return ring[pos];
  };
  for (size_t i = 0; i < m; ++i) {
    if (count > 0 && at(0) + w <= i) {
      head = head + 1 == w ? 0 : head + 1;
      --count;
    }
    while (count > 0) {
      const double back = x[at(count - 1)];
      if (kMax ? back <= x[i] : back >= x[i]) {
        --count;
      } else {
        break;
      }
    }
    at(count) = i;
    ++count;
    if (i + 1 >= w) fn(i, at(0));
  }
}

// Up to kDirectWindowMax the branch-free vector kernel (O(w) per vector of
// outputs) beats the deque, whose pops mispredict on price data.
template <bool kMax, class X>
void RollingExtremeInto(X x, size_t m, size_t w, double* out, Workspace& ws) {
  FillNaN(out, std::min(m, w - 1));
  if (w <= kDirectWindowMax) {
    if (kMax) {
      RollingMax(x, m, w, out);
    } else {
      RollingMin(x, m, w, out);
    }
    return;
  }
  size_t* ring = ws.Indices(0, w);
  ForEachWindowExtreme<kMax>(x, m, w, ring, [&](size_t i, size_t k) { out[i] = x[k]; });
}

// age[i] = bars since the extreme of x[i-w+1..i], the most recent on ties.
template <bool kMax, class X>
void RollingExtremeAgeInto(X x, size_t m, size_t w, double* age, Workspace& ws) {
  if (w <= kDirectWindowMax) {
    if (kMax) {
      RollingMaxAge(x, m, w, age);
    } else {
      RollingMinAge(x, m, w, age);
    }
    return;
  }
  size_t* ring = ws.Indices(0, w);
  ForEachWindowExtreme<kMax>(x, m, w, ring,
                             [&](size_t i, size_t k) { age[i] = static_cast<double>(i - k); });
}

// Fast %K: 100 * (close - lowest low) / (highest high - lowest low) over n
// bars, 0 when the range is 0 (TA-Lib). NaN before n-1.
template <class X>
void FastKInto(X h, X l, X c, size_t m, size_t n, double* out, Workspace& ws, size_t slot) {
  double* highest = ws.Buffer(slot, m);
  RollingExtremeInto<true>(h, m, n, highest, ws);
  RollingExtremeInto<false>(l, m, n, out, ws);
  if (m >= n) RangeCombine(RangeOp::kFastK, highest, out, c, n - 1, m, out);
}

// Wilder's directional movement as TA-Lib computes it: for bars 1..n-1 the
// +DM, -DM and true range are summed; from bar n on each is smoothed
// (WilderDirectional: v = v (n-1)/n + today's value, as a vector scan).
// fn(i, plus_dm, minus_dm, tr) is called for every bar i >= n.
template <class X, typename Fn>
void ForEachDirectional(X h, X l, X c, size_t m, size_t n, Workspace& ws, Fn&& fn) {
  if (m <= n) return;
  double* plus = ws.Buffer(kFirstFunctionSlot + 4, m);
  double* minus = ws.Buffer(kFirstFunctionSlot + 5, m);
  double* tr = ws.Buffer(kFirstFunctionSlot + 6, m);
  WilderDirectional(h, l, c, m, n, plus, minus, tr);
  for (size_t i = n; i < m; ++i) fn(i, plus[i], minus[i], tr[i]);
}

// DX from smoothed values; false when undefined (no range or no movement).
bool DxValue(double plus, double minus, double tr, double* dx) {
  if (tr == 0) return false;
  const double minus_di = 100.0 * (minus / tr);
  const double plus_di = 100.0 * (plus / tr);
  const double sum = minus_di + plus_di;
  if (sum == 0) return false;
  *dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
  return true;
}

// ADX into out (NaN before 2n-1): the mean of the first n DX values (an
// undefined DX counts as 0), then Wilder smoothing that skips undefined DX.
template <class X>
void AdxInto(X h, X l, X c, size_t m, size_t n, double* out, Workspace& ws) {
  const size_t lb = 2 * n - 1;
  FillNaN(out, std::min(m, lb));
  const double dn = static_cast<double>(n);
  double sum_dx = 0, adx = 0;
  ForEachDirectional(h, l, c, m, n, ws, [&](size_t i, double plus, double minus, double tr) {
    double dx;
    const bool defined = DxValue(plus, minus, tr, &dx);
    if (i < lb) {
      if (defined) sum_dx += dx;
      return;
    }
    if (i == lb) {
      if (defined) sum_dx += dx;
      adx = sum_dx / dn;
    } else if (defined) {
      adx = (adx * (dn - 1) + dx) / dn;
    }
    out[i] = adx;
  });
}

// MovingAverage over any column type.
template <class X>
void MaInto(MaType type, X x, size_t m, size_t n, double* out, Workspace& ws, size_t first_slot) {
  switch (type) {
    case MaType::kSma:
      return SmaInto(x, m, n, out);
    case MaType::kEma:
      return EmaInto(x, m, n, out);
    case MaType::kWma:
      return WmaInto(x, m, n, out);
    case MaType::kDema:
      return DemaInto(x, m, n, out, ws, first_slot);
    case MaType::kTema:
      return TemaInto(x, m, n, out, ws, first_slot);
    case MaType::kTrima:
      return TrimaInto(x, m, n, out, ws, first_slot);
  }
}

}  // namespace

size_t MaLookback(MaType type, size_t n) {
  switch (type) {
    case MaType::kDema:
      return 2 * (n - 1);
    case MaType::kTema:
      return 3 * (n - 1);
    default:
      return n - 1;
  }
}

void MovingAverage(MaType type, const double* x, size_t m, size_t n, double* out, Workspace& ws,
                   size_t first_slot) {
  MaInto(type, x, m, n, out, ws, first_slot);
}

// ---- Moving averages -------------------------------------------------------

size_t SmaLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void SmaCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  SmaInto(in[0], m, Period(p, 0), out[0]);
}

// params: period, seed (0: SMA of the first n values as TA-Lib; 1: the first
// value, as Tulip and pandas' ewm(adjust=False), defined from bar 0).
size_t EmaLookback(const double* p) { return p[1] == 0 ? Period(p, 0) - 1 : 0; }
template <class In>
void EmaCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  if (p[1] == 0) return EmaInto(in[0], m, n, out[0]);
  const double k = EmaK(n);
  out[0][0] = in[0][0];
  LinearRecurrence(in[0] + 1, m - 1, 1.0 - k, k, in[0][0], out[0] + 1);
}

size_t WmaLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void WmaCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  WmaInto(in[0], m, Period(p, 0), out[0]);
}

size_t DemaLookback(const double* p) { return 2 * (Period(p, 0) - 1); }
template <class In>
void DemaCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  DemaInto(in[0], m, Period(p, 0), out[0], ws, kFirstFunctionSlot);
}

size_t TemaLookback(const double* p) { return 3 * (Period(p, 0) - 1); }
template <class In>
void TemaCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  TemaInto(in[0], m, Period(p, 0), out[0], ws, kFirstFunctionSlot);
}

size_t TrimaLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void TrimaCompute(const In* in, size_t m, const double* p, double* const* out,
                  Workspace& ws) {
  TrimaInto(in[0], m, Period(p, 0), out[0], ws, kFirstFunctionSlot);
}

// ---- Momentum --------------------------------------------------------------

// The Wilder seeds of RSI and CMO: the simple means of the first n gains
// and losses (moves between bars 0..n).
template <class X>
static void MeanGainLoss(X x, size_t n, double* gain, double* loss) {
  double g = 0, l = 0;
  for (size_t i = 1; i <= n; ++i) {
    const double move = x[i] - x[i - 1];
    if (move < 0) {
      l -= move;
    } else {
      g += move;
    }
  }
  *gain = g / static_cast<double>(n);
  *loss = l / static_cast<double>(n);
}

size_t RsiLookback(const double* p) { return Period(p, 0); }
template <class In>
void RsiCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  const In x = in[0];
  FillNaN(out[0], n);
  double gain, loss;
  MeanGainLoss(x, n, &gain, &loss);
  RsiFromSeeds(x, m, n, gain, loss, out[0]);
}

// params: fast, slow, signal. TA-Lib swaps fast and slow when slow < fast and
// seeds the fast EMA with the mean of the `fast` bars ending at bar slow-1,
// so both EMAs start on the same bar.
size_t MacdLookback(const double* p) {
  const size_t slow = std::max(Period(p, 0), Period(p, 1));
  return slow - 1 + Period(p, 2) - 1;
}
template <class In>
void MacdCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace&) {
  const size_t fast = std::min(Period(p, 0), Period(p, 1));
  const size_t slow = std::max(Period(p, 0), Period(p, 1));
  const size_t signal = Period(p, 2);
  const size_t start = slow - 1;
  const size_t lb = MacdLookback(p);
  const In x = in[0];
  double* macd = out[0];
  double* sig = out[1];
  double* hist = out[2];
  double fast_sum = 0, slow_sum = 0;
  for (size_t j = 0; j <= start; ++j) {
    slow_sum += x[j];
    if (j + fast > start) fast_sum += x[j];
  }
  const double fast_seed = fast_sum / static_cast<double>(fast);
  const double slow_seed = slow_sum / static_cast<double>(slow);
  macd[start] = fast_seed - slow_seed;
  // Both EMAs in one pass, writing only their difference.
  EmaDifference(x + start + 1, m - start - 1, EmaK(fast), EmaK(slow), fast_seed, slow_seed,
                macd + start + 1);
  double signal_sum = 0;
  for (size_t j = start; j <= lb; ++j) signal_sum += macd[j];
  const double signal_seed = signal_sum / static_cast<double>(signal);
  sig[lb] = signal_seed;
  hist[lb] = macd[lb] - signal_seed;
  const double k = EmaK(signal);
  LinearRecurrenceWithResidual(macd + lb + 1, m - lb - 1, 1.0 - k, k, signal_seed, sig + lb + 1,
                               hist + lb + 1);
  // TA-Lib starts all three outputs at the signal's first value.
  FillNaN(macd, lb);
  FillNaN(sig, lb);
  FillNaN(hist, lb);
}

size_t MomLookback(const double* p) { return Period(p, 0); }
template <class In>
void MomCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n);
  for (size_t i = n; i < m; ++i) out[0][i] = in[0][i] - in[0][i - n];
}

size_t RocLookback(const double* p) { return Period(p, 0); }
template <class In>
void RocCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n);
  for (size_t i = n; i < m; ++i) {
    const double prev = in[0][i - n];
    out[0][i] = prev != 0 ? (in[0][i] / prev - 1.0) * 100.0 : 0.0;
  }
}

size_t WillrLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void WillrCompute(const In* in, size_t m, const double* p, double* const* out,
                  Workspace& ws) {
  const size_t n = Period(p, 0);
  double* highest = ws.Buffer(kFirstFunctionSlot, m);
  RollingExtremeInto<true>(in[0], m, n, highest, ws);
  RollingExtremeInto<false>(in[1], m, n, out[0], ws);
  RangeCombine(RangeOp::kWillr, highest, out[0], in[2], n - 1, m, out[0]);
}

// params: fastk, slowk, slowk_matype, slowd, slowd_matype.
size_t StochLookback(const double* p) {
  return Period(p, 0) - 1 + MaLookback(static_cast<MaType>(p[2]), Period(p, 1)) +
         MaLookback(static_cast<MaType>(p[4]), Period(p, 3));
}
template <class In>
void StochCompute(const In* in, size_t m, const double* p, double* const* out,
                  Workspace& ws) {
  const size_t fk = Period(p, 0);
  double* fastk = ws.Buffer(kFirstFunctionSlot, m);
  FastKInto(in[0], in[1], in[2], m, fk, fastk, ws, kFirstFunctionSlot + 1);
  const size_t k0 = fk - 1;
  const MaType ktype = static_cast<MaType>(p[2]);
  FillNaN(out[0], k0);
  MovingAverage(ktype, fastk + k0, m - k0, Period(p, 1), out[0] + k0, ws, kFirstFunctionSlot + 1);
  const size_t d0 = k0 + MaLookback(ktype, Period(p, 1));
  FillNaN(out[1], d0);
  MovingAverage(static_cast<MaType>(p[4]), out[0] + d0, m - d0, Period(p, 3), out[1] + d0, ws,
                kFirstFunctionSlot + 1);
  FillNaN(out[0], StochLookback(p));
}

// params: fastk, fastd, fastd_matype.
size_t StochfLookback(const double* p) {
  return Period(p, 0) - 1 + MaLookback(static_cast<MaType>(p[2]), Period(p, 1));
}
template <class In>
void StochfCompute(const In* in, size_t m, const double* p, double* const* out,
                   Workspace& ws) {
  const size_t fk = Period(p, 0);
  FastKInto(in[0], in[1], in[2], m, fk, out[0], ws, kFirstFunctionSlot);
  const size_t k0 = fk - 1;
  FillNaN(out[1], k0);
  MovingAverage(static_cast<MaType>(p[2]), out[0] + k0, m - k0, Period(p, 1), out[1] + k0, ws,
                kFirstFunctionSlot);
  FillNaN(out[0], StochfLookback(p));
}

// CCI: (tp - sma(tp)) / (0.015 * mean |tp - sma(tp)|), tp = (h + l + c) / 3;
// 0 when either factor is 0 (TA-Lib).
size_t CciLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void CciCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  double* tp = ws.Buffer(kFirstFunctionSlot, m);
  double* mean = ws.Buffer(kFirstFunctionSlot + 1, m);
  for (size_t i = 0; i < m; ++i) tp[i] = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
  SmaInto(tp, m, n, mean);
  WindowMeanAbsDeviation(tp, m, n, mean, out[0]);
  FillNaN(out[0], n - 1);
  for (size_t i = n - 1; i < m; ++i) {
    const double dev = tp[i] - mean[i];
    const double mad = out[0][i];
    out[0][i] = (dev != 0 && mad != 0) ? dev / (0.015 * mad) : 0.0;
  }
}

// AROON (outputs down, up, in TA-Lib's order): over the n+1 bars ending at i,
// up = 100 * (n - bars since the highest high) / n, the most recent extreme
// on ties.
size_t AroonLookback(const double* p) { return Period(p, 0); }
template <class In>
void AroonCompute(const In* in, size_t m, const double* p, double* const* out,
                  Workspace& ws) {
  const size_t n = Period(p, 0);
  const double factor = 100.0 / static_cast<double>(n);
  FillNaN(out[0], n);
  FillNaN(out[1], n);
  RollingExtremeAgeInto<true>(in[0], m, n + 1, out[1], ws);
  RollingExtremeAgeInto<false>(in[1], m, n + 1, out[0], ws);
  const double dn = static_cast<double>(n);
  for (size_t i = n; i < m; ++i) {
    out[1][i] = factor * (dn - out[1][i]);
    out[0][i] = factor * (dn - out[0][i]);
  }
}

size_t AroonOscLookback(const double* p) { return Period(p, 0); }
template <class In>
void AroonOscCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  const double factor = 100.0 / static_cast<double>(n);
  double* high_age = ws.Buffer(kFirstFunctionSlot, m);
  FillNaN(out[0], n);
  RollingExtremeAgeInto<true>(in[0], m, n + 1, high_age, ws);
  RollingExtremeAgeInto<false>(in[1], m, n + 1, out[0], ws);
  // (i - high age) - (i - low age): the highest's index minus the lowest's.
  for (size_t i = n; i < m; ++i) out[0][i] = factor * (out[0][i] - high_age[i]);
}

// ---- Volatility ------------------------------------------------------------

// params: period, nbdevup, nbdevdn, matype. Outputs upper, middle, lower.
// The deviation is the population standard deviation of the window around
// its simple mean, whatever the middle band's MA type (TA-Lib).
size_t BbandsLookback(const double* p) {
  return MaLookback(static_cast<MaType>(p[3]), Period(p, 0));
}
template <class In>
void BbandsCompute(const In* in, size_t m, const double* p, double* const* out,
                   Workspace& ws) {
  const size_t n = Period(p, 0);
  const MaType type = static_cast<MaType>(p[3]);
  const size_t lb = BbandsLookback(p);
  const In x = in[0];
  double* upper = out[0];
  double* middle = out[1];
  double* lower = out[2];
  if (type == MaType::kSma) {
    Bollinger(x, m, n, p[1], p[2], upper, middle, lower);
  } else {
    double* sma = ws.Buffer(kFirstFunctionSlot, m);
    SmaInto(x, m, n, sma);
    MaInto(type, x, m, n, middle, ws, kFirstFunctionSlot + 1);
    WindowBands(x, m, n, sma, middle, p[1], p[2], upper, lower);
  }
  FillNaN(middle, lb);
  FillNaN(upper, lb);
  FillNaN(lower, lb);
}

// Only the SMA middle band has a single-pass kernel; other MA types decline
// at once (nothing written) and take the general path.
template <class In>
bool BbandsChecked(const In* in, size_t m, const double* p, double* const* out,
                   Workspace&) {
  if (static_cast<MaType>(p[3]) != MaType::kSma) return false;
  const size_t n = Period(p, 0);
  if (!BollingerChecked(in[0], m, n, p[1], p[2], out[0], out[1], out[2])) return false;
  for (size_t j = 0; j < 3; ++j) FillNaN(out[j], n - 1);
  return true;
}

// Bessel's factor n/(n-1) for the sample variance (`sample` = 1); a single
// value has no spread, so period 1 gives 0 either way.
double SampleFactor(bool sample, size_t n) {
  return sample && n > 1 ? static_cast<double>(n) / static_cast<double>(n - 1) : 1.0;
}

// params: period, nbdev (TA-Lib's VAR takes and ignores it; kept so that
// TA-Lib-shaped calls keep their meaning), sample (0: population, TA-Lib;
// 1: sample, divisor n-1).
size_t VarLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void VarCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  double* mean = ws.Buffer(kFirstFunctionSlot, m);
  SmaInto(in[0], m, n, mean);
  FillNaN(out[0], n - 1);
  WindowVariance(in[0], m, n, mean, out[0]);
  if (p[2] != 0 && n > 1) {
    const double f = SampleFactor(true, n);
    for (size_t i = n - 1; i < m; ++i) out[0][i] *= f;
  }
}

// params: period, nbdev, sample (as VAR).
size_t StddevLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void StddevCompute(const In* in, size_t m, const double* p, double* const* out,
                   Workspace& ws) {
  const size_t n = Period(p, 0);
  double* mean = ws.Buffer(kFirstFunctionSlot, m);
  SmaInto(in[0], m, n, mean);
  FillNaN(out[0], n - 1);
  const double factor = p[2] != 0 ? p[1] * std::sqrt(SampleFactor(true, n)) : p[1];
  WindowStddev(in[0], m, n, mean, factor, out[0]);
}

size_t TrangeLookback(const double*) { return 1; }
template <class In>
void TrangeCompute(const In* in, size_t m, const double*, double* const* out,
                   Workspace&) {
  out[0][0] = kNaN;
  TrueRange(in[0], in[1], in[2], m, out[0]);
}

// Wilder's ATR: the mean of the first n true ranges (bars 1..n), then
// atr = ((n-1) * atr + tr) / n.
size_t AtrLookback(const double* p) { return Period(p, 0); }
template <class In>
void AtrCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  const In h = in[0], l = in[1], c = in[2];
  double sum = 0;
  for (size_t i = 1; i <= n; ++i) sum += TrueRangeValue(h[i], l[i], c[i - 1]);
  const double seed = sum / static_cast<double>(n);
  FillNaN(out[0], n);
  out[0][n] = seed;
  WilderAverageTrueRange(h, l, c, m, n, seed, out[0]);
}

template <class In>
bool AtrChecked(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  const In h = in[0], l = in[1], c = in[2];
  double sum = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (!(std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i])) || h[i] < l[i]) {
      return false;
    }
    if (i > 0) sum += TrueRangeValue(h[i], l[i], c[i - 1]);
  }
  const double seed = sum / static_cast<double>(n);
  FillNaN(out[0], n);
  out[0][n] = seed;
  return WilderAverageTrueRangeChecked(h, l, c, m, n, seed, out[0]);
}

template <class In>
bool NatrChecked(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  if (!AtrChecked(in, m, p, out, ws)) return false;
  RangeCombine(RangeOp::kPercentOf, out[0], out[0], in[2], Period(p, 0), m, out[0]);
  return true;
}

size_t NatrLookback(const double* p) { return Period(p, 0); }
template <class In>
void NatrCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  AtrCompute(in, m, p, out, ws);
  RangeCombine(RangeOp::kPercentOf, out[0], out[0], in[2], Period(p, 0), m, out[0]);
}

// ---- Volume ----------------------------------------------------------------

size_t ObvLookback(const double*) { return 0; }
template <class In>
void ObvCompute(const In* in, size_t m, const double*, double* const* out,
                Workspace&) {
  OnBalanceVolumeChecked(in[0], in[1], m, out[0]);  // the run is validated: succeeds
}

size_t AdLookback(const double*) { return 0; }
template <class In>
void AdCompute(const In* in, size_t m, const double*, double* const* out,
               Workspace&) {
  AccumulationDistribution(in, m, out[0]);
}

// ---- Directional movement --------------------------------------------------

size_t PlusDiLookback(const double* p) { return Period(p, 0); }
template <class In>
void PlusDiCompute(const In* in, size_t m, const double* p, double* const* out,
                   Workspace& ws) {
  FillNaN(out[0], Period(p, 0));
  ForEachDirectional(in[0], in[1], in[2], m, Period(p, 0), ws,
                     [&](size_t i, double plus, double, double tr) {
                       out[0][i] = tr != 0 ? 100.0 * (plus / tr) : 0.0;
                     });
}

size_t MinusDiLookback(const double* p) { return Period(p, 0); }
template <class In>
void MinusDiCompute(const In* in, size_t m, const double* p, double* const* out,
                    Workspace& ws) {
  FillNaN(out[0], Period(p, 0));
  ForEachDirectional(in[0], in[1], in[2], m, Period(p, 0), ws,
                     [&](size_t i, double, double minus, double tr) {
                       out[0][i] = tr != 0 ? 100.0 * (minus / tr) : 0.0;
                     });
}

size_t DxLookback(const double* p) { return Period(p, 0); }
template <class In>
void DxCompute(const In* in, size_t m, const double* p, double* const* out,
               Workspace& ws) {
  FillNaN(out[0], Period(p, 0));
  double last = 0;  // an undefined DX repeats the previous value (0 at first)
  ForEachDirectional(in[0], in[1], in[2], m, Period(p, 0), ws,
                     [&](size_t i, double plus, double minus, double tr) {
                       double dx;
                       if (DxValue(plus, minus, tr, &dx)) last = dx;
                       out[0][i] = last;
                     });
}

size_t AdxLookback(const double* p) { return 2 * Period(p, 0) - 1; }
template <class In>
void AdxCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  AdxInto(in[0], in[1], in[2], m, Period(p, 0), out[0], ws);
}

// ADXR = (ADX[i] + ADX[i - (n-1)]) / 2.
size_t AdxrLookback(const double* p) { return 3 * Period(p, 0) - 2; }
template <class In>
void AdxrCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  const size_t n = Period(p, 0);
  double* adx = ws.Buffer(kFirstFunctionSlot, m);
  AdxInto(in[0], in[1], in[2], m, n, adx, ws);
  const size_t lb = AdxrLookback(p);
  FillNaN(out[0], lb);
  for (size_t i = lb; i < m; ++i) out[0][i] = (adx[i] + adx[i - (n - 1)]) / 2.0;
}

// ---- Ranges and price transforms -------------------------------------------

size_t MidpriceLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void MidpriceCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  if (n <= kDirectWindowMax) {
    MidpriceChecked(in, m, p, out, ws);  // the run is validated: succeeds
    return;
  }
  double* highest = ws.Buffer(kFirstFunctionSlot, m);
  RollingExtremeInto<true>(in[0], m, n, highest, ws);
  RollingExtremeInto<false>(in[1], m, n, out[0], ws);
  RangeCombine(RangeOp::kMidpoint, highest, out[0], highest, n - 1, m, out[0]);
}

size_t MidpointLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void MidpointCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  if (n <= kDirectWindowMax) {
    MidpointChecked(in, m, p, out, ws);  // the run is validated: succeeds
    return;
  }
  double* highest = ws.Buffer(kFirstFunctionSlot, m);
  RollingExtremeInto<true>(in[0], m, n, highest, ws);
  RollingExtremeInto<false>(in[0], m, n, out[0], ws);
  RangeCombine(RangeOp::kMidpoint, highest, out[0], highest, n - 1, m, out[0]);
}

size_t MedpriceLookback(const double*) { return 0; }
template <class In>
void MedpriceCompute(const In* in, size_t m, const double*, double* const* out,
                     Workspace&) {
  for (size_t i = 0; i < m; ++i) out[0][i] = (in[0][i] + in[1][i]) / 2.0;
}

size_t TyppriceLookback(const double*) { return 0; }
template <class In>
void TyppriceCompute(const In* in, size_t m, const double*, double* const* out,
                     Workspace&) {
  for (size_t i = 0; i < m; ++i) out[0][i] = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
}

size_t WclpriceLookback(const double*) { return 0; }
template <class In>
void WclpriceCompute(const In* in, size_t m, const double*, double* const* out,
                     Workspace&) {
  for (size_t i = 0; i < m; ++i) out[0][i] = (in[0][i] + in[1][i] + in[2][i] * 2.0) / 4.0;
}

// Inputs open, high, low, close (TA-Lib's order).
size_t AvgpriceLookback(const double*) { return 0; }
template <class In>
void AvgpriceCompute(const In* in, size_t m, const double*, double* const* out,
                     Workspace&) {
  for (size_t i = 0; i < m; ++i) {
    out[0][i] = (in[1][i] + in[2][i] + in[3][i] + in[0][i]) / 4.0;
  }
}

size_t MaxLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void MaxCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  RollingExtremeInto<true>(in[0], m, Period(p, 0), out[0], ws);
}

size_t MinLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void MinCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  RollingExtremeInto<false>(in[0], m, Period(p, 0), out[0], ws);
}

size_t SumLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void SumCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n - 1);
  RollingSum(in[0], m, n, 1.0, out[0]);
}

// ---- Added in the second batch ----------------------------------------------

// Kaufman's adaptive MA (TA-Lib): ER = |x[i] - x[i-n]| / sum of the last n
// absolute one-bar moves (1 when that sum is 0 or not above the net move),
// sc = (ER (2/3 - 2/31) + 2/31)^2, kama += sc (x - kama), starting from
// x[n-1] at bar n. The sum of moves is a drift-free rolling sum.
size_t KamaLookback(const double* p) { return Period(p, 0); }
template <class In>
void KamaCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  const size_t n = Period(p, 0);
  const In x = in[0];
  double* moves = ws.Buffer(kFirstFunctionSlot, m);
  double* sum = ws.Buffer(kFirstFunctionSlot + 1, m);
  moves[0] = 0;
  for (size_t i = 1; i < m; ++i) moves[i] = std::fabs(x[i] - x[i - 1]);
  RollingSum(moves + 1, m - 1, n, 1.0, sum + 1);  // sum[i]: moves i-n+1..i
  // The smoothing constants, then the adaptive recurrence as a scan.
  double* sc = moves;  // moves are no longer needed
  KamaConstants(x, sum, m, n, sc);
  AdaptiveSmoothing(x + n, sc + n, m - n, x[n - 1], out[0] + n);
  FillNaN(out[0], n);
}

// Chande momentum oscillator, smoothed as RSI (TA-Lib).
size_t CmoLookback(const double* p) { return Period(p, 0); }
template <class In>
void CmoCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const size_t n = Period(p, 0);
  const In x = in[0];
  FillNaN(out[0], n);
  double gain, loss;
  MeanGainLoss(x, n, &gain, &loss);
  CmoFromSeeds(x, m, n, gain, loss, out[0]);
}

// Money flow index: flow = tp * volume with tp = (h + l + c) / 3, positive
// when tp rose from the previous bar, negative when it fell; MFI = 100 * pos
// / (pos + neg) over the last n flows, 0 when both sums are 0. (TA-Lib
// reports 0 whenever pos + neg < 1, an absolute threshold that zeroes low
// volume or low price series; here only 0/0 is 0.)
size_t MfiLookback(const double* p) { return Period(p, 0); }
template <class In>
void MfiCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  double* pos = ws.Buffer(kFirstFunctionSlot, m);
  double* neg = ws.Buffer(kFirstFunctionSlot + 1, m);
  double prev_tp = (in[0][0] + in[1][0] + in[2][0]) / 3.0;
  pos[0] = neg[0] = 0;
  for (size_t i = 1; i < m; ++i) {
    const double tp = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
    const double flow = tp * in[3][i];
    pos[i] = tp > prev_tp ? flow : 0.0;
    neg[i] = tp < prev_tp ? flow : 0.0;
    prev_tp = tp;
  }
  // Window sums of the flows of bars i-n+1..i (not in place: the sliding
  // sum re-reads x[i-n]).
  double* pos_sum = ws.Buffer(kFirstFunctionSlot + 2, m);
  double* neg_sum = ws.Buffer(kFirstFunctionSlot + 3, m);
  RollingSum(pos + 1, m - 1, n, 1.0, pos_sum + 1);
  RollingSum(neg + 1, m - 1, n, 1.0, neg_sum + 1);
  // A window without positive (negative) flows must sum to exactly 0, not
  // to the sliding sum's rounding residue: count the flows in the window.
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
    const double p_sum = n_pos > 0 ? pos_sum[i] : 0.0;
    const double n_sum = n_neg > 0 ? neg_sum[i] : 0.0;
    const double total = p_sum + n_sum;
    out[0][i] = total == 0 ? 0.0 : 100.0 * (p_sum / total);
  }
}

// APO / PPO (TA-Lib): fast and slow MA of one type (swapped if slow <
// fast), each from its own natural start: unlike MACD, TA-Lib 0.8 does not
// re-seed the fast EMA at the slow one's first bar (checked against it).
namespace {
// TA-Lib's EMA one step at a time, prev + k (x - prev), from a seed taken as
// x[0] + mean(x - x[0]): both exact on a flat series, so the difference of
// two such EMAs (APO, PPO: TA-Lib's default MA type) is exactly 0 there, as
// in TA-Lib, where the vector scan of EmaInto would leave a residue of
// either sign. Two of these run side by side at about 1 ns per bar.
template <class X>
void EmaStepwiseInto(X x, size_t m, size_t n, double* out) {
  if (m < n) return FillNaN(out, m);
  FillNaN(out, n - 1);
  const double first = x[0];
  double sum = 0;
  for (size_t j = 0; j < n; ++j) sum += x[j] - first;
  double prev = first + sum / static_cast<double>(n);
  out[n - 1] = prev;
  const double k = EmaK(n);
  for (size_t i = n; i < m; ++i) {
    prev = (x[i] - prev) * k + prev;
    out[i] = prev;
  }
}

template <class In>
void PriceOscillator(const In* in, size_t m, const double* p, double* fast_ma,
                     double* slow_ma, Workspace& ws) {
  const size_t fast = std::min(Period(p, 0), Period(p, 1));
  const size_t slow = std::max(Period(p, 0), Period(p, 1));
  const MaType type = static_cast<MaType>(p[2]);
  if (type == MaType::kEma) {
    EmaStepwiseInto(in[0], m, slow, slow_ma);
    EmaStepwiseInto(in[0], m, fast, fast_ma);
    return;
  }
  MaInto(type, in[0], m, slow, slow_ma, ws, kFirstFunctionSlot + 1);
  MaInto(type, in[0], m, fast, fast_ma, ws, kFirstFunctionSlot + 1);
}
}  // namespace

size_t ApoLookback(const double* p) {
  return MaLookback(static_cast<MaType>(p[2]), std::max(Period(p, 0), Period(p, 1)));
}
template <class In>
void ApoCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  double* fast_ma = ws.Buffer(kFirstFunctionSlot, m);
  PriceOscillator(in, m, p, fast_ma, out[0], ws);
  const size_t lb = ApoLookback(p);
  for (size_t i = lb; i < m; ++i) out[0][i] = fast_ma[i] - out[0][i];
}

// PPO = 100 (fast - slow) / slow, 0 when slow is 0.
size_t PpoLookback(const double* p) { return ApoLookback(p); }
template <class In>
void PpoCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  double* fast_ma = ws.Buffer(kFirstFunctionSlot, m);
  PriceOscillator(in, m, p, fast_ma, out[0], ws);
  for (size_t i = PpoLookback(p); i < m; ++i) {
    const double slow = out[0][i];
    out[0][i] = slow != 0 ? ((fast_ma[i] - slow) / slow) * 100.0 : 0.0;
  }
}

// TRIX: one-bar rate of change, in percent, of EMA(EMA(EMA(x))).
size_t TrixLookback(const double* p) { return 3 * (Period(p, 0) - 1) + 1; }
template <class In>
void TrixCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  const size_t n = Period(p, 0);
  double* e1 = ws.Buffer(kFirstFunctionSlot, m);
  double* e2 = ws.Buffer(kFirstFunctionSlot + 1, m);
  double* e3 = ws.Buffer(kFirstFunctionSlot + 2, m);
  EmaInto(in[0], m, n, e1);
  EmaInto(e1 + (n - 1), m - (n - 1), n, e2 + (n - 1));
  EmaInto(e2 + 2 * (n - 1), m - 2 * (n - 1), n, e3 + 2 * (n - 1));
  const size_t lb = TrixLookback(p);
  FillNaN(out[0], lb);
  // The one-bar rate of change of e3 (the ROC kernel: same formula).
  if (m > lb) LagTransformChecked(LagOp::kRoc, e3 + (lb - 1), m - lb + 1, 1, out[0] + (lb - 1));
}

// Balance of power: (close - open) / (high - low), 0 when high == low.
size_t BopLookback(const double*) { return 0; }
template <class In>
void BopCompute(const In* in, size_t m, const double*, double* const* out,
                Workspace&) {
  for (size_t i = 0; i < m; ++i) {
    const double range = in[1][i] - in[2][i];
    out[0][i] = range != 0 ? (in[3][i] - in[0][i]) / range : 0.0;
  }
}

// The rate-of-change family; each is 0 where x[i-n] is 0 (TA-Lib).
size_t RocpLookback(const double* p) { return Period(p, 0); }
template <class In>
void RocpCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n);
  for (size_t i = n; i < m; ++i) {
    const double prev = in[0][i - n];
    out[0][i] = prev != 0 ? (in[0][i] - prev) / prev : 0.0;
  }
}

size_t RocrLookback(const double* p) { return Period(p, 0); }
template <class In>
void RocrCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n);
  for (size_t i = n; i < m; ++i) {
    const double prev = in[0][i - n];
    out[0][i] = prev != 0 ? in[0][i] / prev : 0.0;
  }
}

size_t Rocr100Lookback(const double* p) { return Period(p, 0); }
template <class In>
void Rocr100Compute(const In* in, size_t m, const double* p, double* const* out,
                    Workspace&) {
  const size_t n = Period(p, 0);
  FillNaN(out[0], n);
  for (size_t i = n; i < m; ++i) {
    const double prev = in[0][i - n];
    out[0][i] = prev != 0 ? (in[0][i] / prev) * 100.0 : 0.0;
  }
}

// ---- Third batch -------------------------------------------------------------
// Mostly compositions of the Highway kernels above (RollingSum,
// LinearRecurrence) with O(1)-per-bar scalar glue; SAR, Supertrend and the
// cumulative VWAP are inherently sequential scalar loops, LINEARREG is an
// O(period) scalar loop per bar (as TA-Lib's), written around a reference
// value so that it stays exact on flat windows.

namespace {

// floor(sqrt(n)), exact for every size_t the periods can take.
size_t IntSqrt(size_t n) {
  size_t r = static_cast<size_t>(std::sqrt(static_cast<double>(n)));
  while (r * r > n) --r;
  while ((r + 1) * (r + 1) <= n) ++r;
  return r;
}

// out[i] = sum of x[i-n+1..i] for n-1 <= i < m, and exactly 0 where all n
// values are 0 (not the sliding sum's rounding residue). For sums that are
// divisors: volume, true range.
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

// Sum with Neumaier's compensation, for the cumulative VWAP sums.
struct CompensatedSum {
  double sum = 0, c = 0;
  void Add(double v) {
    const double t = sum + v;
    c += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  double Value() const { return sum + c; }
};

// fn(i, mean, slope) for every window end i >= n-1, the fits computed by
// the vector kernel WindowLinearFit (the same operations per window as
// LinearFit, so the same bits) into two workspace buffers.
template <class X, typename Fn>
void ForEachLinearFit(X x, size_t m, size_t n, Workspace& ws, Fn&& fn) {
  double* mean = ws.Buffer(kFirstFunctionSlot, m);
  double* slope = ws.Buffer(kFirstFunctionSlot + 1, m);
  WindowLinearFit(x, m, n, mean, slope);
  for (size_t i = n - 1; i < m; ++i) fn(i, mean[i], slope[i]);
}

template <class In>
double TypicalPrice(const In* in, size_t i) {
  return (in[0][i] + in[1][i] + in[2][i]) / 3.0;
}

// Chaikin money-flow multiplier times volume; 0 when high == low.
double MoneyFlowVolume(double h, double l, double c, double v) {
  const double range = h - l;
  return range > 0 ? (((c - l) - (h - c)) / range) * v : 0.0;
}

// TA-Lib's ATR (Wilder, first value at bar n) of high/low/close into out.
template <class X>
void AtrInto(X h, X l, X c, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n));
  if (m <= n) return;
  double sum = 0;
  for (size_t i = 1; i <= n; ++i) sum += TrueRangeValue(h[i], l[i], c[i - 1]);
  const double seed = sum / static_cast<double>(n);
  out[n] = seed;
  WilderAverageTrueRange(h, l, c, m, n, seed, out);
}

}  // namespace

// Hull MA: WMA(2 WMA(x, n/2) - WMA(x, n), floor(sqrt(n))).
size_t HmaLookback(const double* p) {
  const size_t n = Period(p, 0);
  return n - 1 + IntSqrt(n) - 1;
}
template <class In>
void HmaCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  double* half = ws.Buffer(kFirstFunctionSlot, m);
  double* full = ws.Buffer(kFirstFunctionSlot + 1, m);
  WmaInto(in[0], m, n / 2, half);
  WmaInto(in[0], m, n, full);
  for (size_t i = n - 1; i < m; ++i) full[i] = 2.0 * half[i] - full[i];
  FillNaN(out[0], n - 1);
  WmaInto(full + (n - 1), m - (n - 1), IntSqrt(n), out[0] + (n - 1));
}

// Volume-weighted MA: sum(x v) / sum(v) over n bars; the plain mean of the
// window when its volume is 0.
size_t VwmaLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void VwmaCompute(const In* in, size_t m, const double* p, double* const* out,
                 Workspace& ws) {
  const size_t n = Period(p, 0);
  const In x = in[0], v = in[1];
  double* pv = ws.Buffer(kFirstFunctionSlot, m);
  double* sum_pv = ws.Buffer(kFirstFunctionSlot + 1, m);
  double* sum_v = ws.Buffer(kFirstFunctionSlot + 2, m);
  for (size_t i = 0; i < m; ++i) pv[i] = x[i] * v[i];
  RollingSum(pv, m, n, 1.0, sum_pv);
  WindowSumExactZero(v, m, n, sum_v);
  FillNaN(out[0], n - 1);
  for (size_t i = n - 1; i < m; ++i) {
    if (sum_v[i] != 0) {
      out[0][i] = sum_pv[i] / sum_v[i];
    } else {
      double s = 0;
      for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
      out[0][i] = s / static_cast<double>(n);
    }
  }
}

// STOCHRSI (TA-Lib): STOCHF(fastk, fastd, fastd_matype) with RSI(period) as
// high, low and close. params: period, fastk, fastd, fastd_matype.
size_t StochRsiLookback(const double* p) {
  return Period(p, 0) + Period(p, 1) - 1 + MaLookback(static_cast<MaType>(p[3]), Period(p, 2));
}
template <class In>
void StochRsiCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t r0 = Period(p, 0);
  double* rsi = ws.Buffer(kFirstFunctionSlot, m);
  double* const rsi_out[] = {rsi};
  RsiCompute(in, m, p, rsi_out, ws);
  const double* r = rsi + r0;
  const size_t mr = m - r0;
  const size_t fk = Period(p, 1);
  FillNaN(out[0], r0);
  FillNaN(out[1], r0 + fk - 1);
  if (mr >= fk) {
    FastKInto(r, r, r, mr, fk, out[0] + r0, ws, kFirstFunctionSlot + 1);
    MovingAverage(static_cast<MaType>(p[3]), out[0] + r0 + fk - 1, mr - (fk - 1), Period(p, 2),
                  out[1] + r0 + fk - 1, ws, kFirstFunctionSlot + 1);
  }
  FillNaN(out[0], std::min(m, StochRsiLookback(p)));
  FillNaN(out[1], std::min(m, StochRsiLookback(p)));
}

// Ultimate oscillator (TA-Lib): bp = close - min(low, prev close), tr =
// max(high, prev close) - min(low, prev close); a_k = sum bp / sum tr over k
// bars (0 when sum tr = 0); 100 (4 a_short + 2 a_mid + a_long) / 7 with the
// three periods sorted.
size_t UltOscLookback(const double* p) {
  return std::max({Period(p, 0), Period(p, 1), Period(p, 2)});
}
template <class In>
void UltOscCompute(const In* in, size_t m, const double* p, double* const* out,
                   Workspace& ws) {
  UltOscChecked(in, m, p, out, ws);  // the run is validated: succeeds
}

template <class In>
bool UltOscChecked(const In* in, size_t m, const double* p, double* const* out, Workspace& ws) {
  size_t per[3] = {Period(p, 0), Period(p, 1), Period(p, 2)};
  std::sort(per, per + 3);
  double* bp = ws.Buffer(kFirstFunctionSlot, m);
  double* tr = ws.Buffer(kFirstFunctionSlot + 1, m);
  FillNaN(out[0], std::min(m, per[2]));
  return UltimateOscillator(in[0], in[1], in[2], m, per[0], per[1], per[2], bp, tr, out[0]);
}

// Parabolic SAR, TA-Lib's algorithm (parabolic_sar.h). params:
// acceleration, maximum.
size_t SarLookback(const double*) { return 1; }
template <class In>
void SarCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace&) {
  const In h = in[0], l = in[1];
  ParabolicSar sar(p[0], p[1]);
  sar.Start(h[0], l[0], h[1], l[1]);
  out[0][0] = kNaN;
  for (size_t i = 1; i < m; ++i) out[0][i] = sar.Next(h[i], l[i]);
}

// Linear regression over n bars (TA-Lib's LINEARREG family): the fitted
// value at the newest bar, the slope per bar, the fitted value at the
// oldest bar (TA-Lib's "intercept"), the slope's angle in degrees, and the
// time series forecast (the line one bar ahead).
size_t LinearRegLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void LinearRegCompute(const In* in, size_t m, const double* p, double* const* out,
                      Workspace& ws) {
  const size_t n = Period(p, 0);
  const double half = (static_cast<double>(n) - 1.0) / 2.0;
  FillNaN(out[0], n - 1);
  ForEachLinearFit(in[0], m, n, ws, [&](size_t i, double mean, double slope) {
    out[0][i] = mean + slope * half;
  });
}
size_t LinearRegSlopeLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void LinearRegSlopeCompute(const In* in, size_t m, const double* p,
                           double* const* out, Workspace& ws) {
  FillNaN(out[0], Period(p, 0) - 1);
  ForEachLinearFit(in[0], m, Period(p, 0), ws,
                   [&](size_t i, double, double slope) { out[0][i] = slope; });
}
size_t LinearRegInterceptLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void LinearRegInterceptCompute(const In* in, size_t m, const double* p,
                               double* const* out, Workspace& ws) {
  const size_t n = Period(p, 0);
  const double half = (static_cast<double>(n) - 1.0) / 2.0;
  FillNaN(out[0], n - 1);
  ForEachLinearFit(in[0], m, n, ws, [&](size_t i, double mean, double slope) {
    out[0][i] = mean - slope * half;
  });
}
size_t LinearRegAngleLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void LinearRegAngleCompute(const In* in, size_t m, const double* p,
                           double* const* out, Workspace& ws) {
  constexpr double kDegrees = 180.0 / 3.14159265358979323846;
  FillNaN(out[0], Period(p, 0) - 1);
  ForEachLinearFit(in[0], m, Period(p, 0), ws, [&](size_t i, double, double slope) {
    out[0][i] = std::atan(slope) * kDegrees;
  });
}
size_t TsfLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void TsfCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  const double ahead = (static_cast<double>(n) + 1.0) / 2.0;
  FillNaN(out[0], n - 1);
  ForEachLinearFit(in[0], m, n, ws, [&](size_t i, double mean, double slope) {
    out[0][i] = mean + slope * ahead;
  });
}

// Chaikin A/D oscillator (TA-Lib): EMA(AD, fast) - EMA(AD, slow), both
// seeded with the first AD value (not a mean), first output at bar
// max(fast, slow) - 1. params: fast, slow (not swapped, as TA-Lib).
size_t AdOscLookback(const double* p) { return std::max(Period(p, 0), Period(p, 1)) - 1; }

template <class In>
void AdOscCompute(const In* in, size_t m, const double* p, double* const* out,
                  Workspace&) {
  // The run is validated already, so the checking kernel succeeds; it is
  // the one the single-pass path uses, so both give the same bits.
  ChaikinOscillatorChecked(in, m, EmaK(Period(p, 0)), EmaK(Period(p, 1)), out[0]);
  FillNaN(out[0], std::min(m, AdOscLookback(p)));
}

namespace {
// VWAP of the typical price from `start` (an anchor) through each row up to
// the next anchor; rows are anchors where kAnchored && in[4][i] != 0.
// Where no volume has traded since the anchor, the plain mean of the typical
// prices since the anchor.
template <bool kAnchored, class In>
void VwapInto(const In* in, size_t m, double* out) {
  CompensatedSum pv, vol, tp_sum;
  size_t count = 0;
  for (size_t i = 0; i < m; ++i) {
    if (kAnchored && in[4][i] != 0) {
      pv = vol = tp_sum = CompensatedSum();
      count = 0;
    }
    const double tp = TypicalPrice(in, i);
    pv.Add(tp * in[3][i]);
    vol.Add(in[3][i]);
    tp_sum.Add(tp);
    ++count;
    const double v = vol.Value();
    out[i] = v != 0 ? pv.Value() / v : tp_sum.Value() / static_cast<double>(count);
  }
}
}  // namespace

size_t VwapLookback(const double*) { return 0; }
template <class In>
void VwapCompute(const In* in, size_t m, const double*, double* const* out,
                 Workspace&) {
  VwapInto<false>(in, m, out[0]);
}

size_t AnchoredVwapLookback(const double*) { return 0; }
template <class In>
void AnchoredVwapCompute(const In* in, size_t m, const double*, double* const* out,
                         Workspace&) {
  VwapInto<true>(in, m, out[0]);
}

// Chaikin money flow: sum of money-flow volume / sum of volume over n bars,
// 0 when the window's volume is 0.
size_t CmfLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void CmfCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t n = Period(p, 0);
  double* mfv = ws.Buffer(kFirstFunctionSlot, m);
  double* sum_mfv = ws.Buffer(kFirstFunctionSlot + 1, m);
  double* sum_v = ws.Buffer(kFirstFunctionSlot + 2, m);
  for (size_t i = 0; i < m; ++i) {
    mfv[i] = MoneyFlowVolume(in[0][i], in[1][i], in[2][i], in[3][i]);
  }
  RollingSum(mfv, m, n, 1.0, sum_mfv);
  WindowSumExactZero(in[3], m, n, sum_v);
  FillNaN(out[0], n - 1);
  for (size_t i = n - 1; i < m; ++i) out[0][i] = sum_v[i] != 0 ? sum_mfv[i] / sum_v[i] : 0.0;
}

// Keltner channels: middle = EMA(typical price, period) (TA-Lib seeding),
// upper/lower = middle +- multiplier * ATR(atr_period) (TA-Lib's Wilder
// ATR). params: period, multiplier, atr_period.
size_t KeltnerLookback(const double* p) { return std::max(Period(p, 0) - 1, Period(p, 2)); }
template <class In>
void KeltnerCompute(const In* in, size_t m, const double* p, double* const* out,
                    Workspace& ws) {
  const size_t n = Period(p, 0);
  double* tp = ws.Buffer(kFirstFunctionSlot, m);
  double* atr = ws.Buffer(kFirstFunctionSlot + 1, m);
  for (size_t i = 0; i < m; ++i) tp[i] = TypicalPrice(in, i);
  EmaInto(tp, m, n, out[1]);
  AtrInto(in[0], in[1], in[2], m, Period(p, 2), atr);
  const size_t lb = KeltnerLookback(p);
  for (size_t j = 0; j < 3; ++j) FillNaN(out[j], lb);
  for (size_t i = lb; i < m; ++i) {
    const double width = p[1] * atr[i];
    out[0][i] = out[1][i] + width;
    out[2][i] = out[1][i] - width;
  }
}

// Donchian channels: highest high, (highest + lowest) / 2, lowest low over
// the n bars ending at (and including) the current one.
size_t DonchianLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void DonchianCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  if (n <= kDirectWindowMax) {
    DonchianChecked(in, m, p, out, ws);  // the run is validated: succeeds
    return;
  }
  RollingExtremeInto<true>(in[0], m, n, out[0], ws);
  RollingExtremeInto<false>(in[1], m, n, out[2], ws);
  FillNaN(out[1], n - 1);
  RangeCombine(RangeOp::kMidpoint, out[0], out[2], out[0], n - 1, m, out[1]);
}

// Ichimoku (outputs tenkan, kijun, senkou_a, senkou_b), every line at the
// row it is computed from (no displacement; docs/indicators.md). Each line
// is a Donchian midline: (highest high + lowest low) / 2 over its period.
size_t IchimokuLookback(const double* p) {
  return std::max({Period(p, 0), Period(p, 1), Period(p, 2)}) - 1;
}
template <class In>
void IchimokuCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  double* highest = ws.Buffer(kFirstFunctionSlot, m);
  const size_t out_of[3] = {0, 1, 3};
  for (size_t k = 0; k < 3; ++k) {
    const size_t n = Period(p, k);
    double* o = out[out_of[k]];
    RollingExtremeInto<true>(in[0], m, n, highest, ws);
    RollingExtremeInto<false>(in[1], m, n, o, ws);
    RangeCombine(RangeOp::kMidpoint, highest, o, highest, n - 1, m, o);
  }
  const size_t lb = IchimokuLookback(p);
  RangeCombine(RangeOp::kMidpoint, out[0], out[1], out[0], lb, m, out[2]);
  for (size_t j = 0; j < 4; ++j) FillNaN(out[j], lb);
}

// Supertrend (TradingView's algorithm on TA-Lib's ATR): bands hl2 +-
// multiplier * ATR, the upper band only falling and the lower only rising
// while the previous close stays inside them; the trend turns up when the
// close rises above the upper band and down when it falls below the lower
// one; the first value is the upper band (down trend). Outputs value (the
// lower band in an up trend, the upper in a down trend) and direction (+1
// up, -1 down). params: period, multiplier.
size_t SupertrendLookback(const double* p) { return Period(p, 0); }
template <class In>
void SupertrendCompute(const In* in, size_t m, const double* p, double* const* out,
                       Workspace& ws) {
  const size_t n = Period(p, 0);
  const In h = in[0], l = in[1], c = in[2];
  double* atr = ws.Buffer(kFirstFunctionSlot, m);
  AtrInto(h, l, c, m, n, atr);
  FillNaN(out[0], n);
  FillNaN(out[1], n);
  double upper = 0, lower = 0;
  bool up = false;
  for (size_t i = n; i < m; ++i) {
    const double mid = (h[i] + l[i]) / 2.0;
    const double basic_upper = mid + p[1] * atr[i];
    const double basic_lower = mid - p[1] * atr[i];
    if (i == n) {
      upper = basic_upper;
      lower = basic_lower;
      up = false;
    } else {
      const bool was_up = up;
      lower = (basic_lower > lower || c[i - 1] < lower) ? basic_lower : lower;
      upper = (basic_upper < upper || c[i - 1] > upper) ? basic_upper : upper;
      up = was_up ? !(c[i] < lower) : c[i] > upper;
    }
    out[0][i] = up ? lower : upper;
    out[1][i] = up ? 1.0 : -1.0;
  }
}

// Elder ray: bull power = high - EMA(close), bear power = low - EMA(close).
size_t ElderRayLookback(const double* p) { return Period(p, 0) - 1; }
template <class In>
void ElderRayCompute(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  double* ema = ws.Buffer(kFirstFunctionSlot, m);
  EmaInto(in[2], m, n, ema);
  FillNaN(out[0], n - 1);
  FillNaN(out[1], n - 1);
  for (size_t i = n - 1; i < m; ++i) {
    out[0][i] = in[0][i] - ema[i];
    out[1][i] = in[1][i] - ema[i];
  }
}

// True strength index: 100 EMA(EMA(mom, long), short) / EMA(EMA(|mom|,
// long), short), mom = x[i] - x[i-1], each EMA seeded with the mean of its
// first values (TA-Lib's EMA); 0 when the denominator is 0.
// params: long, short.
size_t TsiLookback(const double* p) { return Period(p, 0) + Period(p, 1) - 1; }
template <class In>
void TsiCompute(const In* in, size_t m, const double* p, double* const* out,
                Workspace& ws) {
  const size_t nl = Period(p, 0), ns = Period(p, 1);
  const In x = in[0];
  double* mom = ws.Buffer(kFirstFunctionSlot, m);
  double* mabs = ws.Buffer(kFirstFunctionSlot + 1, m);
  double* e1 = ws.Buffer(kFirstFunctionSlot + 2, m);
  double* e1abs = ws.Buffer(kFirstFunctionSlot + 3, m);
  double* e2abs = ws.Buffer(kFirstFunctionSlot + 4, m);
  for (size_t i = 1; i < m; ++i) {
    mom[i] = x[i] - x[i - 1];
    mabs[i] = std::fabs(mom[i]);
  }
  // mom starts at 1, the first EMA at nl, the second at nl + ns - 1.
  EmaInto(mom + 1, m - 1, nl, e1 + 1);
  EmaInto(mabs + 1, m - 1, nl, e1abs + 1);
  EmaInto(e1 + nl, m - nl, ns, out[0] + nl);
  EmaInto(e1abs + nl, m - nl, ns, e2abs + nl);
  const size_t lb = TsiLookback(p);
  FillNaN(out[0], lb);
  for (size_t i = lb; i < m; ++i) {
    out[0][i] = e2abs[i] != 0 ? 100.0 * (out[0][i] / e2abs[i]) : 0.0;
  }
}

// Classic floor pivots from the previous bar: P = (H + L + C) / 3,
// R1 = 2P - L, S1 = 2P - H, R2 = P + (H - L), S2 = P - (H - L),
// R3 = H + 2 (P - L), S3 = L - 2 (H - P). Outputs p, r1, r2, r3, s1, s2, s3.
size_t PivotsLookback(const double*) { return 1; }
template <class In>
void PivotsCompute(const In* in, size_t m, const double*, double* const* out,
                   Workspace&) {
  for (size_t j = 0; j < 7; ++j) out[j][0] = kNaN;
  for (size_t i = 1; i < m; ++i) {
    const double h = in[0][i - 1], l = in[1][i - 1], c = in[2][i - 1];
    const double pp = (h + l + c) / 3.0;
    out[0][i] = pp;
    out[1][i] = 2.0 * pp - l;
    out[2][i] = pp + (h - l);
    out[3][i] = h + 2.0 * (pp - l);
    out[4][i] = 2.0 * pp - h;
    out[5][i] = pp - (h - l);
    out[6][i] = l - 2.0 * (h - pp);
  }
}

// ---- Single-pass price transforms -----------------------------------------------

#define CW_PRICE_CHECKED(fn, op)                                                      \
  template <class In>                                                                 \
  bool fn##Checked(const In* in, size_t m, const double*, double* const* out,         \
                   Workspace&) {                                                      \
    return PriceTransformChecked(op, in, m, out[0]);                                  \
  }
CW_PRICE_CHECKED(Medprice, PriceOp::kMedian)
CW_PRICE_CHECKED(Typprice, PriceOp::kTypical)
CW_PRICE_CHECKED(Wclprice, PriceOp::kWeighted)
CW_PRICE_CHECKED(Avgprice, PriceOp::kAverage)
CW_PRICE_CHECKED(Bop, PriceOp::kBalance)
#undef CW_PRICE_CHECKED

#define CW_LAG_CHECKED(fn, op)                                                    \
  template <class In>                                                             \
  bool fn##Checked(const In* in, size_t m, const double* p, double* const* out,   \
                   Workspace&) {                                                  \
    const size_t n = Period(p, 0);                                                \
    if (!LagTransformChecked(op, in[0], m, n, out[0])) return false;              \
    FillNaN(out[0], std::min(m, n));                                              \
    return true;                                                                  \
  }
CW_LAG_CHECKED(Mom, LagOp::kMomentum)
CW_LAG_CHECKED(Roc, LagOp::kRoc)
CW_LAG_CHECKED(Rocp, LagOp::kRocp)
CW_LAG_CHECKED(Rocr, LagOp::kRocr)
CW_LAG_CHECKED(Rocr100, LagOp::kRocr100)
#undef CW_LAG_CHECKED

template <class In>
bool ObvChecked(const In* in, size_t m, const double*, double* const* out, Workspace&) {
  return OnBalanceVolumeChecked(in[0], in[1], m, out[0]);
}

// MAX, MIN and MIDPOINT over windows up to kDirectWindowMax, checking the
// column in the same pass (longer windows take the general path).
template <class In>
bool MaxChecked(const In* in, size_t m, const double* p, double* const* out, Workspace&) {
  const size_t n = Period(p, 0);
  if (n > kDirectWindowMax || !RollingMaxChecked(in[0], m, n, out[0])) return false;
  FillNaN(out[0], std::min(m, n - 1));
  return true;
}

template <class In>
bool MinChecked(const In* in, size_t m, const double* p, double* const* out, Workspace&) {
  const size_t n = Period(p, 0);
  if (n > kDirectWindowMax || !RollingMinChecked(in[0], m, n, out[0])) return false;
  FillNaN(out[0], std::min(m, n - 1));
  return true;
}

template <class In>
bool MidpointChecked(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  if (n > kDirectWindowMax) return false;
  double* scratch = ws.Buffer(kFirstFunctionSlot, m);
  if (!RollingMidpointChecked(in[0], m, n, out[0], scratch)) return false;
  FillNaN(out[0], std::min(m, n - 1));
  return true;
}

// MIDPRICE and Donchian (inputs high and low only): the window extremes of
// both columns in one pass that also validates them.
template <class In>
bool MidpriceChecked(const In* in, size_t m, const double* p, double* const* out,
                     Workspace& ws) {
  const size_t n = Period(p, 0);
  if (n > kDirectWindowMax) return false;
  double* scratch = ws.Buffer(kFirstFunctionSlot, m);
  if (!HighLowMidpointChecked(in[0], in[1], m, n, out[0], scratch)) return false;
  FillNaN(out[0], std::min(m, n - 1));
  return true;
}

template <class In>
bool DonchianChecked(const In* in, size_t m, const double* p, double* const* out, Workspace&) {
  const size_t n = Period(p, 0);
  if (n > kDirectWindowMax || !HighLowRangeChecked(in[0], in[1], m, n, out[0], out[2])) {
    return false;
  }
  RangeCombine(RangeOp::kMidpoint, out[0], out[2], out[0], n - 1, m, out[1]);
  for (size_t j = 0; j < 3; ++j) FillNaN(out[j], std::min(m, n - 1));
  return true;
}

template <class In>
bool AdChecked(const In* in, size_t m, const double*, double* const* out, Workspace&) {
  return AccumulationDistributionChecked(in, m, out[0]);
}

template <class In>
bool AdOscChecked(const In* in, size_t m, const double* p, double* const* out, Workspace&) {
  if (!ChaikinOscillatorChecked(in, m, EmaK(Period(p, 0)), EmaK(Period(p, 1)), out[0])) {
    return false;
  }
  FillNaN(out[0], std::min(m, AdOscLookback(p)));
  return true;
}

template <class In>
bool TrangeChecked(const In* in, size_t m, const double*, double* const* out, Workspace&) {
  if (!PriceTransformChecked(PriceOp::kTrueRange, in, m, out[0])) return false;
  out[0][0] = kNaN;
  return true;
}

// ---- Instantiations ----------------------------------------------------------
// Every compute function for both input column types (functions.h).

// `In const*`, not `const In*`: a macro argument is pasted as text.
#define CW_INSTANTIATE(fn, In)                                                \
  template void fn##Compute<In>(In const* in, size_t m, const double* params, \
                                double* const* out, Workspace& ws);
#define CW_INSTANTIATE_BOTH(fn) \
  CW_INSTANTIATE(fn, const double*) CW_INSTANTIATE(fn, StridedColumn)

CW_FOR_EACH_INDICATOR(CW_INSTANTIATE_BOTH)

#define CW_INSTANTIATE_CHECKED(fn, In)                                        \
  template bool fn##Checked<In>(In const* in, size_t m, const double* params, \
                                double* const* out, Workspace& ws);
CW_INSTANTIATE_CHECKED(Atr, const double*)
CW_INSTANTIATE_CHECKED(Atr, StridedColumn)
CW_INSTANTIATE_CHECKED(Bbands, const double*)
CW_INSTANTIATE_CHECKED(Bbands, StridedColumn)
CW_INSTANTIATE_CHECKED(Natr, const double*)
CW_INSTANTIATE_CHECKED(Natr, StridedColumn)
CW_INSTANTIATE_CHECKED(Medprice, const double*)
CW_INSTANTIATE_CHECKED(Medprice, StridedColumn)
CW_INSTANTIATE_CHECKED(Typprice, const double*)
CW_INSTANTIATE_CHECKED(Typprice, StridedColumn)
CW_INSTANTIATE_CHECKED(Wclprice, const double*)
CW_INSTANTIATE_CHECKED(Wclprice, StridedColumn)
CW_INSTANTIATE_CHECKED(Avgprice, const double*)
CW_INSTANTIATE_CHECKED(Avgprice, StridedColumn)
CW_INSTANTIATE_CHECKED(Bop, const double*)
CW_INSTANTIATE_CHECKED(Bop, StridedColumn)
CW_INSTANTIATE_CHECKED(Trange, const double*)
CW_INSTANTIATE_CHECKED(Trange, StridedColumn)
CW_INSTANTIATE_CHECKED(Max, const double*)
CW_INSTANTIATE_CHECKED(Max, StridedColumn)
CW_INSTANTIATE_CHECKED(Min, const double*)
CW_INSTANTIATE_CHECKED(Min, StridedColumn)
CW_INSTANTIATE_CHECKED(Midpoint, const double*)
CW_INSTANTIATE_CHECKED(Midpoint, StridedColumn)
CW_INSTANTIATE_CHECKED(Midprice, const double*)
CW_INSTANTIATE_CHECKED(Midprice, StridedColumn)
CW_INSTANTIATE_CHECKED(Donchian, const double*)
CW_INSTANTIATE_CHECKED(Donchian, StridedColumn)
CW_INSTANTIATE_CHECKED(Obv, const double*)
CW_INSTANTIATE_CHECKED(Obv, StridedColumn)
CW_INSTANTIATE_CHECKED(Ad, const double*)
CW_INSTANTIATE_CHECKED(Ad, StridedColumn)
CW_INSTANTIATE_CHECKED(AdOsc, const double*)
CW_INSTANTIATE_CHECKED(AdOsc, StridedColumn)
CW_INSTANTIATE_CHECKED(UltOsc, const double*)
CW_INSTANTIATE_CHECKED(UltOsc, StridedColumn)
CW_INSTANTIATE_CHECKED(Mom, const double*)
CW_INSTANTIATE_CHECKED(Mom, StridedColumn)
CW_INSTANTIATE_CHECKED(Roc, const double*)
CW_INSTANTIATE_CHECKED(Roc, StridedColumn)
CW_INSTANTIATE_CHECKED(Rocp, const double*)
CW_INSTANTIATE_CHECKED(Rocp, StridedColumn)
CW_INSTANTIATE_CHECKED(Rocr, const double*)
CW_INSTANTIATE_CHECKED(Rocr, StridedColumn)
CW_INSTANTIATE_CHECKED(Rocr100, const double*)
CW_INSTANTIATE_CHECKED(Rocr100, StridedColumn)

#undef CW_INSTANTIATE_CHECKED
#undef CW_INSTANTIATE_BOTH
#undef CW_INSTANTIATE

}  // namespace indicators
}  // namespace candlewick
