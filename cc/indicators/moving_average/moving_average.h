// The moving-average family: SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, HMA and
// SUM (moving_average/batch.cc, their streams in moving_average/stream.cc),
// and the moving averages other families build on: the batch helpers below
// (any input column type) and the streaming MovingAverageStream.
// Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_MOVING_AVERAGE_H_
#define CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_MOVING_AVERAGE_H_

#include <algorithm>
#include <cstddef>

#include "cc/indicators/implementation.h"
#include "cc/indicators/moving_average/kernels.h"
#include "cc/indicators/moving_average/scalar.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

// The indicators of this family (registry.cc).
extern const Implementation kSma, kEma, kWma, kDema, kTema, kTrima, kKama, kHma, kSum;

// ---- Batch helpers (TA-Lib's definitions; docs/indicators.md) -------------

// EMA of x[0..m) whose first value sits at `first`: EmaStep seeded with
// x[first-n+1..first], continued by the LinearRecurrence kernel. NaN before
// `first`. Needs n-1 <= first < m.
template <class X>
void EmaFrom(X x, size_t m, size_t n, size_t first, double* out) {
  FillNaN(out, first);
  EmaStep ema(n);
  double seed = 0;
  for (size_t j = first + 1 - n; j <= first; ++j) ema.Push(x[j], &seed);
  out[first] = seed;
  LinearRecurrence(x + first + 1, m - first - 1, ema.a(), ema.k(), seed, out + first + 1);
}

// The plain TA-Lib EMA; all NaN when m < n.
template <class X>
void EmaInto(X x, size_t m, size_t n, double* out) {
  if (m < n) return FillNaN(out, m);
  EmaFrom(x, m, n, n - 1, out);
}

// TA-Lib's EMA in its stepwise form (StepwiseEma); all NaN when m < n.
template <class X>
void StepwiseEmaInto(X x, size_t m, size_t n, double* out) {
  if (m < n) return FillNaN(out, m);
  FillNaN(out, n - 1);
  StepwiseEma ema(n);
  for (size_t j = 0; j < n; ++j) ema.Push(x[j], &out[n - 1]);
  for (size_t i = n; i < m; ++i) out[i] = ema.Step(x[i]);
}

template <class X>
void SmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  RollingSum(x, m, n, 1.0 / static_cast<double>(n), out);
}

// WMA: WmaSums slid bar by bar, summed directly every WmaResyncInterval(n)
// bars so that rounding cannot drift.
template <class X>
void WmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  if (m < n) return;
  const double divider = WmaDivider(n);
  const double dn = static_cast<double>(n);
  const size_t resync = WmaResyncInterval(n);
  size_t i = n - 1;
  while (i < m) {
    WmaSums sums;
    for (size_t k = 0; k < n; ++k) sums.AddDirect(k, x[i + 1 - n + k]);
    out[i++] = sums.weighted / divider;
    const size_t end = std::min(m, i + resync);
    for (; i < end; ++i) {
      sums.Slide(dn, x[i], x[i - n]);
      out[i] = sums.weighted / divider;
    }
  }
}

// DEMA = 2 EMA - EMA(EMA), NaN before 2(n-1).
template <class X>
void DemaInto(X x, size_t m, size_t n, double* out, Scratch scratch) {
  const size_t lb = 2 * (n - 1);
  if (m <= lb) return FillNaN(out, m);
  double* e1 = scratch.Doubles(m);
  EmaInto(x, m, n, e1);
  FillNaN(out, n - 1);
  EmaInto(e1 + (n - 1), m - (n - 1), n, out + (n - 1));  // EMA of the EMA
  for (size_t i = lb; i < m; ++i) out[i] = 2.0 * e1[i] - out[i];
}

// TEMA = 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), NaN before 3(n-1).
template <class X>
void TemaInto(X x, size_t m, size_t n, double* out, Scratch scratch) {
  const size_t lb = 3 * (n - 1);
  if (m <= lb) return FillNaN(out, m);
  double* e1 = scratch.Doubles(m);
  double* e2 = scratch.Doubles(m);
  EmaInto(x, m, n, e1);
  FillNaN(e2, n - 1);
  EmaInto(e1 + (n - 1), m - (n - 1), n, e2 + (n - 1));
  FillNaN(out, 2 * (n - 1));
  EmaInto(e2 + 2 * (n - 1), m - 2 * (n - 1), n, out + 2 * (n - 1));
  for (size_t i = lb; i < m; ++i) out[i] = 3.0 * e1[i] - 3.0 * e2[i] + out[i];
}

// TRIMA's two SMA periods: triangular weights 1,2,..,2,1 over n bars are an
// SMA of an SMA with periods (n+1)/2 and (n+1)/2 for odd n, n/2 and n/2+1
// for even n.
inline size_t TrimaFirst(size_t n) { return n % 2 == 1 ? (n + 1) / 2 : n / 2; }
inline size_t TrimaSecond(size_t n) { return n % 2 == 1 ? (n + 1) / 2 : n / 2 + 1; }

template <class X>
void TrimaInto(X x, size_t m, size_t n, double* out, Scratch scratch) {
  const size_t a = TrimaFirst(n), b = TrimaSecond(n);
  if (m < n) return FillNaN(out, m);
  double* first = scratch.Doubles(m);
  SmaInto(x, m, a, first);
  FillNaN(out, a - 1);
  SmaInto(first + (a - 1), m - (a - 1), b, out + (a - 1));
}

// A moving average of kind `type` and period n of x[0..m) into out[0..m),
// NaN before MaLookback(type, n). x and out must not overlap.
size_t MaLookback(MaType type, size_t n);

template <class X>
void MovingAverageInto(MaType type, X x, size_t m, size_t n, double* out, Scratch scratch) {
  switch (type) {
    case MaType::kSma:
      return SmaInto(x, m, n, out);
    case MaType::kEma:
      return EmaInto(x, m, n, out);
    case MaType::kWma:
      return WmaInto(x, m, n, out);
    case MaType::kDema:
      return DemaInto(x, m, n, out, scratch);
    case MaType::kTema:
      return TemaInto(x, m, n, out, scratch);
    case MaType::kTrima:
      return TrimaInto(x, m, n, out, scratch);
  }
}

// ---- Streaming (moving_average/stream.cc) ----------------------------------

namespace stream_internal {

// The batch WMA bit for bit: WmaSums slid bar by bar and replaced, at bars
// n-1, n-1+R, n-1+2R, ... (R = WmaResyncInterval(n) + 1), by a direct sum
// that a shadow accumulates while its window fills (R >= n, so shadows
// never overlap), keeping every push O(1).
class WmaStream {
 public:
  WmaStream(Arena& a, size_t n);
  void Reset();
  bool Push(double x, double* y);

 private:
  Ring ring_;
  size_t n_, resync_;
  double divider_;
  size_t t_ = 0, next_ = 0;
  WmaSums sums_, shadow_;
};

// A moving average of any MaType, as MovingAverageInto.
class MovingAverageStream {
 public:
  MovingAverageStream(Arena& a, MaType type, size_t n);
  void Reset();
  bool Push(double x, double* y);

 private:
  MaType type_;
  size_t n_;
  SlidingSum sum1_, sum2_;
  WmaStream wma_;
  EmaStep e1_, e2_, e3_;
};

// Each indicator's streaming engine (stream.cc).
NewEngineFn NewSmaEngine, NewEmaEngine, NewWmaEngine, NewDemaEngine, NewTemaEngine, NewTrimaEngine,
    NewKamaEngine, NewHmaEngine, NewSumEngine;

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_MOVING_AVERAGE_H_
