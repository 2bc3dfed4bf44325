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
#include "cc/indicators/kernels.h"  // FirstSuspectRow
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

template <class X>
void SmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  RollingSum(x, m, n, 1.0 / static_cast<double>(n), out);
}

// WMA: WmaSums slid bar by bar, summed directly every WmaResyncInterval(n)
// bars so that rounding cannot drift. The next stretch's direct sum is
// accumulated during this stretch's first n slides: two independent
// chains of adds in one loop overlap, where one after the other would wait
// on each (the direct sums were a third of the time). The loops store the
// weighted sums; DivideInPlace divides them a block at a time, while they
// are in L1 (one scalar division per row weighed on the loop).
inline constexpr size_t kWmaDivideBlock = 512;

// The window ending at row `end` of x summed directly (AddDirect).
template <class X>
WmaSums WmaDirectSums(X x, size_t end, size_t n) {
  WmaSums sums;
  for (size_t k = 0; k < n; ++k) sums.AddDirect(k, x[end + 1 - n + k]);
  return sums;
}

// Stretches two at a time from row i (a: the direct sums of the window
// ending at i), the second one's slides beside the first's, so that two
// carried chains of adds overlap; the direct sums of the next two
// stretches are accumulated during the first n slides, in WmaInto's order
// (the same bits). Returns the first row of the stretches left, *first
// its direct sums; `divided` as in WmaInto. (The sums live in locals: stores
// to out could alias *first, for all the compiler knows.)
template <class X>
size_t WmaStretchPairs(X x, size_t m, size_t n, size_t i, WmaSums* first, size_t* divided,
                       double* out) {
  const double divider = WmaDivider(n), dn = static_cast<double>(n);
  const size_t s = WmaResyncInterval(n) + 1;  // > n
  if (i + 3 * s >= m) return i;
  WmaSums a = *first, b = WmaDirectSums(x, i + s, n);
  size_t done = *divided;
  for (; i + 3 * s < m; i += 2 * s) {
    const X first_a = x + (i + 2 * s + 1 - n), first_b = x + (i + 3 * s + 1 - n);
    const X xa = x + i, xb = x + (i + s);
    double* oa = out + i;
    double* ob = out + (i + s);
    WmaSums next_a, next_b;
    oa[0] = a.weighted;
    ob[0] = b.weighted;
    size_t r = 1;
    for (; r <= n; ++r) {
      a.Slide(dn, xa[r], xa[r - n]);
      b.Slide(dn, xb[r], xb[r - n]);
      oa[r] = a.weighted;
      ob[r] = b.weighted;
      next_a.AddDirect(r - 1, first_a[r - 1]);
      next_b.AddDirect(r - 1, first_b[r - 1]);
    }
    for (; r < s; ++r) {
      a.Slide(dn, xa[r], xa[r - n]);
      b.Slide(dn, xb[r], xb[r - n]);
      oa[r] = a.weighted;
      ob[r] = b.weighted;
    }
    a = next_a;
    b = next_b;
    if (i + 2 * s - done >= kWmaDivideBlock) {
      DivideInPlace(out + done, i + 2 * s - done, divider);
      done = i + 2 * s;
    }
  }
  *first = a;
  *divided = done;
  return i;
}

template <class X>
void WmaInto(X x, size_t m, size_t n, double* out) {
  FillNaN(out, std::min(m, n - 1));
  if (m < n) return;
  const double divider = WmaDivider(n);
  const double dn = static_cast<double>(n);
  const size_t stretch = WmaResyncInterval(n) + 1;  // > n
  size_t divided = n - 1;  // out[divided, i) hold sums not yet divided
  WmaSums next = WmaDirectSums(x, n - 1, n);
  const size_t paired = WmaStretchPairs(x, m, n, n - 1, &next, &divided, out);
  for (size_t i = paired; i < m; i += stretch) {
    WmaSums sums = next;
    next = WmaSums();
    out[i] = sums.weighted;
    const size_t end = std::min(m, i + stretch);
    size_t r = i + 1;
    if (end < m) {  // the window ending at end, the next stretch's first
      for (const X first = x + (end + 1 - n); r <= i + n; ++r) {
        sums.Slide(dn, x[r], x[r - n]);
        out[r] = sums.weighted;
        next.AddDirect(r - i - 1, first[r - i - 1]);
      }
    }
    for (; r < end; ++r) {
      sums.Slide(dn, x[r], x[r - n]);
      out[r] = sums.weighted;
    }
    if (end - divided >= kWmaDivideBlock || end == m) {
      DivideInPlace(out + divided, end - divided, divider);
      divided = end;
    }
  }
}

// ---- Chains of EMAs (DEMA, TEMA, TRIX), block by block -------------------
//
// Each EMA of a chain is the EMA of the one before (the first of x). Whole
// columns, one after the other, would send every intermediate column through
// memory; EmaChain runs all of them over blocks of kEmaChainBlock rows, so
// the intermediates stay in a few kilobytes of cache, and the last EMA is
// fused with the indicator's formula (EmaChainLast), so the output column is
// written once.

// Rows per block, and the grid every stage's scan calls start on: a multiple
// of every vector length the scans use (kMaxScanLanes, 8 doubles), so each
// call splits into the very vectors of one whole-column call and gives its
// bits; only the last call of a stage has a scalar tail.
inline constexpr size_t kEmaChainGrid = 8;
inline constexpr size_t kEmaChainBlock = 2048;

// One EMA of a chain: EmaFrom's seed (EmaStep over its first n inputs), then
// scan calls on the grid from the row after the seed, carrying the last
// value. Keeps its values of rows [lo, end()) in a buffer.
class ChainedEma {
 public:
  // The EMA whose first value is at row `first`, its input from row
  // first + 1 - n on.
  void Start(size_t n, size_t first, double* buf) {
    ema_ = EmaStep(n);
    first_ = lo_ = first;
    pos_ = first + 1 - n;
    buf_ = buf;
  }
  size_t first() const { return first_; }
  // Rows consumed (and computed from first() on): [.., end()).
  size_t end() const { return pos_; }
  double last() const { return last_; }
  const EmaStep& ema() const { return ema_; }
  // Its value of row r (lo <= r <= end(), the buffer's row r).
  double* at(size_t r) const { return buf_ + (r - lo_); }

  // Seeds from the input rows [end(), avail) as far as they go (input(r):
  // row r). Returns the end of the rows to compute now: avail, or the grid
  // point below it unless avail is the last row m.
  template <class Input>
  size_t Seed(Input input, size_t avail, size_t m) {
    for (; pos_ <= first_ && pos_ < avail; ++pos_) {
      if (ema_.Push(input(pos_)[0], &last_)) buf_[0] = last_;  // row first
    }
    if (pos_ > first_ && avail == m) return m;
    return pos_ > first_ ? pos_ + (avail - pos_) / kEmaChainGrid * kEmaChainGrid : pos_;
  }
  // Rows [end(), to) by scan(row, count, previous value), which returns the
  // value of the last.
  template <class ScanFn>
  void Run(size_t to, ScanFn scan) {
    if (to > pos_) last_ = scan(pos_, to - pos_, last_);
    pos_ = std::max(pos_, to);
  }
  // Forgets the rows before `from` (moves the rest to the buffer's start).
  void Keep(size_t from) {
    const size_t end = std::max(pos_, lo_);
    from = std::min(std::max(from, lo_), end);
    std::copy(buf_ + (from - lo_), buf_ + (end - lo_), buf_);
    lo_ = from;
  }

 private:
  EmaStep ema_{1};
  size_t first_ = 0, lo_ = 0, pos_ = 0;
  double last_ = 0;
  double* buf_ = nullptr;
};

// A stage that only scans (all but the last): its rows up to `avail`, the
// rows its input has (input(r): row r of the input).
template <class Input>
void AdvanceScan(ChainedEma* e, Input input, size_t avail, size_t m) {
  const double a = e->ema().a(), b = e->ema().k();
  e->Run(e->Seed(input, avail, m), [&](size_t r, size_t count, double y0) {
    LinearRecurrence(input(r), count, a, b, y0, e->at(r));
    return e->at(r)[count - 1];
  });
}

// The last stage, fused with the indicator into out; DEMA and TEMA also
// have a value at the seed's row.
template <size_t K>
void AdvanceLast(EmaChainOp op, ChainedEma* e, size_t m, double* out) {
  ChainedEma& last = e[K - 1];
  const ChainedEma& in = e[K - 2];
  const double a = last.ema().a(), b = last.ema().k();
  const bool seeded = last.end() > last.first();
  const size_t to = last.Seed([&in](size_t r) { return in.at(r); }, in.end(), m);
  const size_t f = last.first();
  if (!seeded && last.end() > f && op != EmaChainOp::kTrix) {
    out[f] = EmaChainValue(op, e[0].at(f)[0], in.at(f)[0], last.last(), 0.0);
  }
  last.Run(to, [&](size_t r, size_t count, double y0) {
    return EmaChainLast(op, in.at(r), e[0].at(r), count, a, b, y0, out + r);
  });
}

// K (2 or 3) chained EMAs of period n over x[0..m), K(n-1) < m, and the
// indicator `op` of them into out from row K(n-1) (TRIX: K(n-1) + 1) on;
// earlier rows are left alone. The bits of K whole-column EmaInto calls and
// the formula applied to their columns. With `check`, every x is tested
// finite a block at a time: false at the first that is not (out then
// unspecified).
template <size_t K, class X>
bool EmaChain(EmaChainOp op, X x, size_t m, size_t n, double* out, Scratch scratch, bool check) {
  // A stage holds a block and the rows its successors have not used yet
  // (fewer than the grid per stage behind it).
  const size_t cap = kEmaChainBlock + (K + 1) * kEmaChainGrid;
  double* mem = scratch.Doubles(K * cap);
  ChainedEma e[K];
  for (size_t s = 0; s < K; ++s) e[s].Start(n, (s + 1) * (n - 1), mem + s * cap);
  while (e[K - 1].end() < m) {
    const size_t from = e[0].end(), avail = std::min(m, from + kEmaChainBlock);
    if (check) {
      const X rows = x + from;
      if (FirstSuspectRow(&rows, 1, avail - from, -1, -1, -1) != avail - from) return false;
    }
    AdvanceScan(&e[0], [x](size_t r) { return x + r; }, avail, m);
    for (size_t s = 1; s + 1 < K; ++s) {
      const ChainedEma& in = e[s - 1];
      AdvanceScan(&e[s], [&in](size_t r) { return in.at(r); }, in.end(), m);
    }
    AdvanceLast<K>(op, e, m, out);
    for (size_t s = 0; s + 1 < K; ++s) e[s].Keep(e[K - 1].end());
  }
  return true;
}

// K = 2: DEMA = 2 EMA - EMA(EMA); K = 3: TEMA = 3 EMA - 3 EMA(EMA) +
// EMA(EMA(EMA)). NaN before K(n-1).
template <size_t K, class X>
bool DemaTemaInto(X x, size_t m, size_t n, double* out, Scratch scratch, bool check = false) {
  static_assert(K == 2 || K == 3, "DEMA or TEMA");
  const size_t lb = K * (n - 1);
  if (m <= lb) {
    FillNaN(out, m);
    return true;
  }
  FillNaN(out, lb);
  return EmaChain<K>(K == 2 ? EmaChainOp::kDema : EmaChainOp::kTema, x, m, n, out, scratch,
                     check);
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
      DemaTemaInto<2>(x, m, n, out, scratch);
      return;
    case MaType::kTema:
      DemaTemaInto<3>(x, m, n, out, scratch);
      return;
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
