// Highway dynamic dispatch: this file is compiled once per target by
// foreach_target.h; HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best at run time.
//
// The recurrences (sliding sums, EMA, Wilder smoothing) are loop-carried, so a
// plain loop is bound by one add or FMA latency per element. Here each vector
// of N inputs is first scanned in registers (log2(N) shift-multiply-add steps,
// independent of the previous vector), and only one FMA plus one lane
// broadcast per vector stays on the dependency chain.
#include "cc/indicators/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "cc/indicators/kernels_reference.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/indicators/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace indicators {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The per-vector bodies below are lambdas called from a main loop and a
// tail; GCC would otherwise outline the big ones and keep their captured
// vectors in memory.
#ifndef CW_INLINE_LAMBDA
#define CW_INLINE_LAMBDA __attribute__((always_inline))
#endif

using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;

// One vector of an input column from row `x` on: a plain unaligned load for
// unit stride. A strided column's lanes are loaded one by one (each an
// unaligned 8-byte load, in place) and combined in registers, halves into
// wholes. Measured: faster than hardware gathers here (slowed by the
// Gather Data Sampling microcode mitigation) and than assembling through
// the stack (a store-forwarding stall per vector).
HWY_INLINE V LoadColumn(D d, const double* x) { return hn::LoadU(d, x); }
#if HWY_TARGET == HWY_SCALAR
HWY_INLINE V LoadColumn(D d, StridedColumn x) { return hn::Set(d, x[0]); }
#else
template <class DV>
HWY_INLINE hn::Vec<DV> AssembleStrided(DV dv, StridedColumn x) {
  if constexpr (hn::MaxLanes(DV()) == 1) {
    return hn::Set(dv, x[0]);
  } else {
    const hn::Half<DV> half;
    return hn::Combine(dv, AssembleStrided(half, x + hn::MaxLanes(half)),
                       AssembleStrided(half, x));
  }
}
HWY_INLINE V LoadColumn(D d, StridedColumn x) { return AssembleStrided(d, x); }
#endif

// The scan code handles up to 8 lanes of double (every x86 target); wider
// vectors (SVE, RVV) use the scalar references instead.
constexpr size_t kMaxScanLanes = 8;

// Linear-recurrence scan y[k] = a * y[k-1] + u[k] over one vector, given the
// previous vector's last y broadcast to every lane.
class Scan {
 public:
  using Idx = decltype(hn::SetTableIndices(D(), static_cast<const int64_t*>(nullptr)));
  using M = hn::Mask<D>;

  explicit Scan(double a) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    alignas(64) int64_t i1[kMaxScanLanes], i2[kMaxScanLanes], i4[kMaxScanLanes],
        il[kMaxScanLanes];
    alignas(64) double pw[kMaxScanLanes];
    double p = 1.0;
    for (size_t k = 0; k < lanes && k < kMaxScanLanes; ++k) {
      i1[k] = k >= 1 ? static_cast<int64_t>(k - 1) : 0;
      i2[k] = k >= 2 ? static_cast<int64_t>(k - 2) : 0;
      i4[k] = k >= 4 ? static_cast<int64_t>(k - 4) : 0;
      il[k] = static_cast<int64_t>(lanes - 1);
      p *= a;
      pw[k] = p;  // a^(k+1): how much of the carry reaches lane k
    }
    idx1_ = hn::SetTableIndices(d, i1);
    idx2_ = hn::SetTableIndices(d, i2);
    idx4_ = hn::SetTableIndices(d, i4);
    idxl_ = hn::SetTableIndices(d, il);
    a1_ = hn::Set(d, a);
    a2_ = hn::Set(d, a * a);
    a4_ = hn::Set(d, a * a * a * a);
    m1_ = hn::FirstN(d, 1);
    m2_ = hn::FirstN(d, 2);
    m4_ = hn::FirstN(d, 4);
    pow_ = hn::LoadU(d, pw);
  }

  // Lane k of the result: a^(k+1) * carry + sum_{j<=k} a^(k-j) * u[j].
  HWY_INLINE V Apply(V u, V carry) const {
    const D d;
    const size_t lanes = hn::Lanes(d);
    if (lanes >= 2) u = hn::MulAdd(a1_, hn::IfThenZeroElse(m1_, hn::TableLookupLanes(u, idx1_)), u);
    if (lanes >= 4) u = hn::MulAdd(a2_, hn::IfThenZeroElse(m2_, hn::TableLookupLanes(u, idx2_)), u);
    if (lanes >= 8) u = hn::MulAdd(a4_, hn::IfThenZeroElse(m4_, hn::TableLookupLanes(u, idx4_)), u);
    return hn::MulAdd(pow_, carry, u);
  }

  // The last lane of y in every lane: the carry into the next vector.
  HWY_INLINE V Last(V y) const { return hn::TableLookupLanes(y, idxl_); }

 private:
  Idx idx1_, idx2_, idx4_, idxl_;
  V a1_, a2_, a4_, pow_;
  M m1_, m2_, m4_;
};

// Sum of x[0..n), vectorised (independent of any carry, so it overlaps with
// the scan chain of the previous block).
template <class X>
HWY_INLINE double DirectSum(X x, size_t n) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t k = 0;
  V acc = hn::Zero(d);
  for (; k + lanes <= n; k += lanes) acc = hn::Add(acc, LoadColumn(d, x + k));
  double s = hn::GetLane(hn::SumOfLanes(d, acc));
  for (; k < n; ++k) s += x[k];
  return s;
}

// Outputs between direct re-sums: a multiple of every lane count <= 8, so
// that only the very end of a series takes the scalar path.
size_t ResyncInterval(size_t n) { return (std::max<size_t>(64, n) + 7) / 8 * 8; }

template <class X>
HWY_INLINE void RollingSumT(X x, size_t m, size_t n, double scale, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return RollingSumReference(x, m, n, scale, out);
  if (n == 0 || m < n) return;
  const Scan scan(1.0);
  const V vscale = hn::Set(d, scale);
  // Every ResyncInterval(n) outputs the window sum is recomputed from
  // scratch, which bounds the drift of the running sum (see kernels.h).
  const size_t resync = ResyncInterval(n);
  double s = DirectSum(x, n);
  out[n - 1] = scale * s;
  size_t i = n;
  while (i < m) {
    const size_t end = std::min(m, i + resync);
    V carry = hn::Set(d, s);
    for (; i + lanes <= end; i += lanes) {
      const V u = hn::Sub(LoadColumn(d, x + i), LoadColumn(d, x + i - n));
      const V y = scan.Apply(u, carry);
      hn::StoreU(hn::Mul(y, vscale), d, out + i);
      carry = scan.Last(y);
    }
    s = hn::GetLane(carry);
    for (; i < end; ++i) {
      s += x[i] - x[i - n];
      out[i] = scale * s;
    }
    if (i < m) s = DirectSum(x + i - n, n);  // the sum of the window ending at i-1
  }
}

template <class X>
HWY_INLINE void LinearRecurrenceT(X x, size_t m, double a, double b, double y0, double* y) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return LinearRecurrenceReference(x, m, a, b, y0, y);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  V carry = hn::Set(d, y0);
  size_t i = 0;
  // x may equal y (in place): each vector is loaded before it is stored.
  for (; i + lanes <= m; i += lanes) {
    const V yv = scan.Apply(hn::Mul(vb, LoadColumn(d, x + i)), carry);
    hn::StoreU(yv, d, y + i);
    carry = scan.Last(yv);
  }
  double prev = hn::GetLane(carry);
  for (; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
  }
}

template <class X>
HWY_INLINE void LinearRecurrenceWithResidualT(X x, size_t m, double a, double b, double y0,
                                              double* HWY_RESTRICT y, double* HWY_RESTRICT r) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return LinearRecurrenceWithResidualReference(x, m, a, b, y0, y, r);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  V carry = hn::Set(d, y0);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) {
    const V xv = LoadColumn(d, x + i);
    const V yv = scan.Apply(hn::Mul(vb, xv), carry);
    hn::StoreU(yv, d, y + i);
    hn::StoreU(hn::Sub(xv, yv), d, r + i);
    carry = scan.Last(yv);
  }
  double prev = hn::GetLane(carry);
  for (; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
    r[i] = x[i] - prev;
  }
}

template <class X>
HWY_INLINE void EmaDifferenceT(X x, size_t m, double kf, double ks, double ef0, double es0,
                               double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return EmaDifferenceReference(x, m, kf, ks, ef0, es0, out);
  const Scan fast(1.0 - kf), slow(1.0 - ks);
  const V vkf = hn::Set(d, kf), vks = hn::Set(d, ks);
  V cf = hn::Set(d, ef0), cs = hn::Set(d, es0);
  size_t i = 0;
  // Two independent chains per vector: their latencies overlap.
  for (; i + lanes <= m; i += lanes) {
    const V xv = LoadColumn(d, x + i);
    const V f = fast.Apply(hn::Mul(vkf, xv), cf);
    const V sl = slow.Apply(hn::Mul(vks, xv), cs);
    hn::StoreU(hn::Sub(f, sl), d, out + i);
    cf = fast.Last(f);
    cs = slow.Last(sl);
  }
  EmaDifferenceReference(x + i, m - i, kf, ks, hn::GetLane(cf), hn::GetLane(cs), out + i);
}

template <class X>
HWY_INLINE void WilderAverageTrueRangeT(X h, X l, X c, size_t m, size_t n, double seed,
                                        double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes || m <= n + 1) {
    return WilderAverageTrueRangeReference(h, l, c, m, n, seed, out);
  }
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  V carry = hn::Set(d, seed);
  size_t i = n + 1;
  for (; i + lanes <= m; i += lanes) {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), pc = LoadColumn(d, c + i - 1);
    const V tr = hn::Max(hn::Sub(hv, lv),
                         hn::Max(hn::Abs(hn::Sub(hv, pc)), hn::Abs(hn::Sub(lv, pc))));
    const V y = scan.Apply(hn::Mul(vb, tr), carry);
    hn::StoreU(y, d, out + i);
    carry = scan.Last(y);
  }
  double atr = hn::GetLane(carry);
  for (; i < m; ++i) {
    atr = a * atr + b * TrueRangeValue(h[i], l[i], c[i - 1]);
    out[i] = atr;
  }
}

template <class X>
HWY_INLINE bool WilderAverageTrueRangeCheckedT(X h, X l, X c, size_t m, size_t n, double seed,
                                               double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes || m <= n + 1) {
    return WilderAverageTrueRangeCheckedReference(h, l, c, m, n, seed, out);
  }
  if (!std::isfinite(c[n])) return false;
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  V carry = hn::Set(d, seed);
  // Accumulated over the whole loop and tested once at the end: the check
  // adds a few ALU operations per vector on data already loaded, no branch.
  auto bad = hn::Not(hn::IsFinite(hn::Zero(d)));
  size_t i = n + 1;
  for (; i + lanes <= m; i += lanes) {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), cv = LoadColumn(d, c + i);
    const V pc = LoadColumn(d, c + i - 1);
    // h - l is NaN when either is NaN or both are the same infinity, and
    // infinite when one is; c contributes through c * 0 (NaN for inf/NaN).
    const V range = hn::Sub(hv, lv);
    bad = hn::Or(bad, hn::Not(hn::IsFinite(hn::Add(range, hn::Mul(cv, hn::Zero(d))))));
    bad = hn::Or(bad, range < hn::Zero(d));
    const V tr = hn::Max(range, hn::Max(hn::Abs(hn::Sub(hv, pc)), hn::Abs(hn::Sub(lv, pc))));
    const V y = scan.Apply(hn::Mul(vb, tr), carry);
    hn::StoreU(y, d, out + i);
    carry = scan.Last(y);
  }
  if (!hn::AllFalse(d, bad)) return false;
  double atr = hn::GetLane(carry);
  for (; i < m; ++i) {
    if (!(std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i])) || h[i] < l[i]) {
      return false;
    }
    atr = a * atr + b * TrueRangeValue(h[i], l[i], c[i - 1]);
    out[i] = atr;
  }
  return true;
}

// kCmo: Chande's 100 (gain - loss) / (gain + loss) instead of RSI's
// 100 gain / (gain + loss); the smoothing is the same (TA-Lib's CMO).
template <bool kCmo, class X>
HWY_INLINE void WilderRatio(X x, size_t m, size_t n, double avg_gain,
                            double avg_loss, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes || m <= n) {
    if (kCmo) return CmoFromSeedsReference(x, m, n, avg_gain, avg_loss, out);
    return RsiFromSeedsReference(x, m, n, avg_gain, avg_loss, out);
  }
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  const double b = 1.0 / static_cast<double>(n);
  auto value = [](double g, double l) { return kCmo ? CmoValue(g, l) : RsiValue(g, l); };
  out[n] = value(avg_gain, avg_loss);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  const V zero = hn::Zero(d);
  const V hundred = hn::Set(d, 100.0);
  V gain = hn::Set(d, avg_gain);
  V loss = hn::Set(d, avg_loss);
  size_t i = n + 1;
  for (; i + lanes <= m; i += lanes) {
    const V move = hn::Sub(LoadColumn(d, x + i), LoadColumn(d, x + i - 1));
    const V g = scan.Apply(hn::Mul(vb, hn::Max(move, zero)), gain);
    const V l = scan.Apply(hn::Mul(vb, hn::Max(hn::Neg(move), zero)), loss);
    const V total = hn::Add(g, l);
    // 0/0 on a flat stretch: TA-Lib reports 0 there.
    const V ratio = hn::Div(kCmo ? hn::Sub(g, l) : g, total);
    hn::StoreU(hn::IfThenZeroElse(hn::Eq(total, zero), hn::Mul(hundred, ratio)), d, out + i);
    gain = scan.Last(g);
    loss = scan.Last(l);
  }
  double gs = hn::GetLane(gain), ls = hn::GetLane(loss);
  for (; i < m; ++i) {
    const double move = x[i] - x[i - 1];
    gs = a * gs + b * (move > 0 ? move : 0.0);
    ls = a * ls + b * (move < 0 ? -move : 0.0);
    out[i] = value(gs, ls);
  }
}


template <class X>
HWY_INLINE void TrueRangeT(X h, X l, X c, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (m < 1 + lanes) return TrueRangeReference(h, l, c, m, out);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), pc = LoadColumn(d, c + i - 1);
    const V tr = hn::Max(hn::Sub(hv, lv),
                         hn::Max(hn::Abs(hn::Sub(hv, pc)), hn::Abs(hn::Sub(lv, pc))));
    hn::StoreU(tr, d, out + i);
  };
  size_t i = 1;
  for (; i + lanes <= m; i += lanes) one(i);
  // The last vector overlaps the previous one; recomputed outputs are equal.
  if (i < m) one(m - lanes);
}

// Sums of d = x - mu and d^2 over the n values starting at base (lane j's
// window starts at base + j). Two accumulator pairs halve the add-latency
// chain. One of the two d sums is an FMA with multiplier 1 (exactly an add):
// it moves work from the FP-add pipes, which the subtractions already load,
// to the FMA pipes.
template <class X>
HWY_INLINE void WindowMoments(X base, size_t n, V mu, V* s1, V* s2) {
  const D d;
  const V one = hn::Set(d, 1.0);
  V s1a = hn::Zero(d), s1b = hn::Zero(d), s2a = hn::Zero(d), s2b = hn::Zero(d);
  size_t k = 0;
  for (; k + 2 <= n; k += 2) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    const V d1 = hn::Sub(LoadColumn(d, base + k + 1), mu);
    s1a = hn::Add(s1a, d0);
    s1b = hn::MulAdd(d1, one, s1b);
    s2a = hn::MulAdd(d0, d0, s2a);
    s2b = hn::MulAdd(d1, d1, s2b);
  }
  if (k < n) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    s1a = hn::Add(s1a, d0);
    s2a = hn::MulAdd(d0, d0, s2a);
  }
  *s1 = hn::Add(s1a, s1b);
  *s2 = hn::Add(s2a, s2b);
}

// Sum of (x - mu)^2 over the n values starting at base (no sum of the
// deviations): two accumulators, one on each of the FMA pipes' chains.
template <class X>
HWY_INLINE V WindowSquares(X base, size_t n, V mu) {
  const D d;
  V a = hn::Zero(d), b = hn::Zero(d);
  size_t k = 0;
  for (; k + 2 <= n; k += 2) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    const V d1 = hn::Sub(LoadColumn(d, base + k + 1), mu);
    a = hn::MulAdd(d0, d0, a);
    b = hn::MulAdd(d1, d1, b);
  }
  if (k < n) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    a = hn::MulAdd(d0, d0, a);
  }
  return hn::Add(a, b);
}

// Largest |x[k]| for k in [begin, end), vectorised.
template <class X>
HWY_INLINE double MaxAbs(X x, size_t begin, size_t end) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  V acc = hn::Zero(d);
  size_t k = begin;
  for (; k + lanes <= end; k += lanes) acc = hn::Max(acc, hn::Abs(LoadColumn(d, x + k)));
  double m = hn::GetLane(hn::MaxOfLanes(d, acc));
  for (; k < end; ++k) m = std::max(m, std::fabs(x[k]));
  return m;
}

// Bollinger bands around the simple mean in one pass: the sliding-sum scan
// of RollingSumImpl gives the middle band, and the corrected two-pass
// variance of each window (whose values are still in L1) gives the width.
// kChecked: also checks that every x is finite (the scan loads each one
// anyway) and returns whether all were; otherwise returns true.
template <bool kChecked, class X>
HWY_INLINE bool BollingerBody(X x, size_t m, size_t n, double up,
                              double down, double* HWY_RESTRICT upper,
                              double* HWY_RESTRICT middle, double* HWY_RESTRICT lower) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m < n) return true;
  bool finite = true;
  if (kChecked) {
    for (size_t k = 0; k < n; ++k) finite = finite && std::isfinite(x[k]);
    if (!finite) return false;
  }
  if (lanes > kMaxScanLanes) {
    if (kChecked) {
      for (size_t k = n; k < m; ++k) finite = finite && std::isfinite(x[k]);
      if (!finite) return false;
    }
    RollingSumReference(x, m, n, 1.0 / static_cast<double>(n), middle);
    WindowBandsReference(x, m, n, middle, middle, up, down, upper, lower);
    return true;
  }
  auto bad = hn::Not(hn::IsFinite(hn::Zero(d)));  // all false
  const double inv = 1.0 / static_cast<double>(n);
  auto scalar_at = [&](size_t i, double sum) {
    const double mean = sum * inv;
    double s1 = 0, s2 = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) {
      const double dev = x[k] - mean;
      s1 += dev;
      s2 += dev * dev;
    }
    const double var = std::max(0.0, (s2 - s1 * (s1 * inv)) * inv);
    const double sd = std::sqrt(var);
    middle[i] = mean;
    upper[i] = mean + up * sd;
    lower[i] = mean - down * sd;
  };
  const Scan scan(1.0);
  const V vinv = hn::Set(d, inv), vup = hn::Set(d, up), vdown = hn::Set(d, down);
  const V zero = hn::Zero(d);
  const size_t resync = ResyncInterval(n);
  double s = DirectSum(x, n);
  scalar_at(n - 1, s);
  size_t i = n;
  while (i < m) {
    const size_t end = std::min(m, i + resync);
    const size_t block = i;
    // Pass 1 over the block: the means (the only loop-carried chain).
    V carry = hn::Set(d, s);
    for (; i + lanes <= end; i += lanes) {
      const V xi = LoadColumn(d, x + i);
      if (kChecked) bad = hn::Or(bad, hn::Not(hn::IsFinite(xi)));
      const V u = hn::Sub(xi, LoadColumn(d, x + i - n));
      const V y = scan.Apply(u, carry);
      carry = scan.Last(y);
      hn::StoreU(hn::Mul(y, vinv), d, middle + i);
    }
    // Pass 2, on data still in L1: the widths, independent across vectors
    // so the out-of-order core overlaps them.
    //
    // With s2 = sum (x - mu)^2 around the computed mean mu = m + delta, the
    // exact sum of squares is s2 - n delta^2. With M = max |x| over this
    // block's windows and the re-sum before it, the window sum's error is at
    // most eps M (n^2 + R (n + 80)) for R = resync: n^2 from the direct
    // re-sum, then per vector (every lane count up to 8) the differences
    // (8 * 2M), three in-vector scan steps (3 * 16M) and the carry add
    // ((n + 16) M). Divided by n, plus two roundings for the mean, and
    // doubled for margin: |delta| <= B below. When n B^2 <= eps s2 the
    // correction (sum (x - mu))^2 / n is below one rounding of s2 and is
    // skipped, which saves a third of the arithmetic; otherwise
    // (near-constant windows) the corrected two-pass formula runs.
    const double dn = static_cast<double>(n);
    const double bound = 2.0 * (dn + static_cast<double>(resync) * (dn + 80.0) / dn + 2.0) *
                         0x1p-53 * MaxAbs(x, block - n, i);
    const V skip_below = hn::Set(d, dn * bound * bound * 0x1p53);
    for (size_t j = block; j < i; j += lanes) {
      const V mu = hn::LoadU(d, middle + j);
      const X base = x + j + 1 - n;
      const V s2 = WindowSquares(base, n, mu);
      V var;
      if (HWY_LIKELY(hn::AllFalse(d, s2 < skip_below))) {
        var = hn::Mul(s2, vinv);
      } else {
        V s1, s2c;
        WindowMoments(base, n, mu, &s1, &s2c);
        var = hn::Max(hn::Mul(hn::NegMulAdd(s1, hn::Mul(s1, vinv), s2c), vinv), zero);
      }
      const V sd = hn::Sqrt(var);
      hn::StoreU(hn::MulAdd(vup, sd, mu), d, upper + j);
      hn::StoreU(hn::NegMulAdd(vdown, sd, mu), d, lower + j);
    }
    s = hn::GetLane(carry);
    for (; i < end; ++i) {
      if (kChecked) finite = finite && std::isfinite(x[i]);
      s += x[i] - x[i - n];
      scalar_at(i, s);
    }
    if (i < m) s = DirectSum(x + i - n, n);
  }
  return finite && hn::AllFalse(d, bad);
}


// What a window kernel stores: the variance, factor * standard deviation,
// Bollinger bands (two outputs), or the mean absolute deviation.
enum class WindowResult { kVariance, kStddev, kBands, kMeanAbsDeviation };

struct WindowOutputs {
  double* out;           // variance / stddev / MAD, or the upper band
  double* lower;         // kBands
  const double* middle;  // kBands
  double up, down;       // kBands: multipliers; kStddev: up is the factor
};

template <WindowResult kResult, class X>
HWY_INLINE void WindowDeviation(X x, size_t m, size_t n,
                                const double* HWY_RESTRICT mean, const WindowOutputs& o) {
  constexpr bool kAbsolute = kResult == WindowResult::kMeanAbsDeviation;
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m < n) return;
  if (m - (n - 1) < lanes) {
    switch (kResult) {
      case WindowResult::kMeanAbsDeviation:
        return WindowMeanAbsDeviationReference(x, m, n, mean, o.out);
      case WindowResult::kVariance:
        return WindowVarianceReference(x, m, n, mean, o.out);
      case WindowResult::kStddev:
        return WindowStddevReference(x, m, n, mean, o.up, o.out);
      case WindowResult::kBands:
        return WindowBandsReference(x, m, n, mean, o.middle, o.up, o.down, o.out, o.lower);
    }
  }
  const V up = hn::Set(d, o.up), down = hn::Set(d, o.down);
  const V inv_n = hn::Set(d, 1.0 / static_cast<double>(n));
  const V zero = hn::Zero(d);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const V mu = hn::LoadU(d, mean + i);
    const X base = x + i + 1 - n;  // lane j's window starts at base + j
    if (kAbsolute) {
      V s1a = zero, s1b = zero;
      size_t k = 0;
      for (; k + 2 <= n; k += 2) {
        s1a = hn::Add(s1a, hn::Abs(hn::Sub(LoadColumn(d, base + k), mu)));
        s1b = hn::Add(s1b, hn::Abs(hn::Sub(LoadColumn(d, base + k + 1), mu)));
      }
      if (k < n) s1a = hn::Add(s1a, hn::Abs(hn::Sub(LoadColumn(d, base + k), mu)));
      hn::StoreU(hn::Mul(hn::Add(s1a, s1b), inv_n), d, o.out + i);
      return;
    }
    V s1, s2;
    WindowMoments(base, n, mu, &s1, &s2);
    // (s2 - s1^2/n) / n, never below 0 (rounding on a flat window).
    const V var = hn::Max(hn::Mul(hn::NegMulAdd(s1, hn::Mul(s1, inv_n), s2), inv_n), zero);
    if (kResult == WindowResult::kVariance) {
      hn::StoreU(var, d, o.out + i);
    } else if (kResult == WindowResult::kStddev) {
      hn::StoreU(hn::Mul(hn::Sqrt(var), up), d, o.out + i);
    } else {
      const V sd = hn::Sqrt(var);
      const V mid = hn::LoadU(d, o.middle + i);
      hn::StoreU(hn::MulAdd(up, sd, mid), d, o.out + i);
      hn::StoreU(hn::NegMulAdd(down, sd, mid), d, o.lower + i);
    }
  };
  size_t i = n - 1;
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);
}

template <class X>
HWY_INLINE size_t FirstSuspectRowT(const X* cols, size_t count, size_t m, int high, int low,
                                   int volume) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) {
    auto bad = hn::Not(hn::IsFinite(LoadColumn(d, cols[0] + i)));
    for (size_t k = 1; k < count; ++k) {
      bad = hn::Or(bad, hn::Not(hn::IsFinite(LoadColumn(d, cols[k] + i))));
    }
    if (high >= 0) bad = hn::Or(bad, LoadColumn(d, cols[high] + i) < LoadColumn(d, cols[low] + i));
    if (volume >= 0) bad = hn::Or(bad, LoadColumn(d, cols[volume] + i) < zero);
    if (!hn::AllFalse(d, bad)) return i + static_cast<size_t>(hn::FindFirstTrue(d, bad));
  }
  X rest[8];
  for (size_t k = 0; k < count && k < 8; ++k) rest[k] = cols[k] + i;
  return i + FirstSuspectRowReference(rest, count, m - i, high, low, volume);
}

// Window extremes: the largest of hx (kHi, into hi) and/or the smallest of
// lx (kLo, into lo) over each window of w; hx and lx are one column (kTwo
// false: MAX, MIN, MIDPOINT) or the highs and lows (kTwo: MIDPRICE,
// Donchian, WILLR, %K). Small windows (w <= 8): lane j of the vector ending
// at i+j takes the extreme of the w loads ending there. Larger windows, by
// doubling in L1-sized chunks: level s holds the extreme of the 2^s values
// ending at each position (updated in place, high positions first, so
// every read sees the previous level), and the window of w is the extreme
// of two overlapping power-of-two windows: about 2 + log2(w) operations
// per output instead of w.
// kChecked: also checks every row (finite; with kTwo also high >= low) and
// returns false at a bad one. kMid (with kHi and kLo): writes
// (max + min) / 2 into hi instead of the two extremes.
template <bool kHi, bool kLo, bool kChecked, bool kTwo, bool kMid, class X>
HWY_INLINE bool RollingRangeT(X hx, X lx, size_t m, size_t w, double* HWY_RESTRICT hi,
                              double* HWY_RESTRICT lo) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  auto row_ok = [&](size_t i) {
    if (!kTwo) return std::isfinite(hx[i]);
    return std::isfinite(hx[i]) && std::isfinite(lx[i]) && hx[i] >= lx[i];
  };
  auto rows_ok = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (!row_ok(i)) return false;
    }
    return true;
  };
  if (w == 0 || m < w || m - (w - 1) < lanes) {
    if (kChecked && !rows_ok(0, m)) return false;
    if (w == 0 || m < w) return true;
    if (kHi) RollingExtremeReference<true>(hx, m, w, hi);
    if (kLo) RollingExtremeReference<false>(lx, m, w, lo);
    if (kMid) {
      for (size_t i = w - 1; i < m; ++i) hi[i] = (hi[i] + lo[i]) / 2.0;
    }
    return true;
  }
  // Rows before the first window end are checked here; every later row is
  // the newest of some output vector and is checked where it is loaded.
  if (kChecked && !rows_ok(0, w - 1)) return false;
  auto bad = hn::Not(hn::IsFinite(hn::Zero(d)));  // all false
  auto check = [&](V h, V l) CW_INLINE_LAMBDA {
    if (!kChecked) return;
    bad = hn::Or(bad, hn::Not(hn::IsFinite(h)));
    if (kTwo) bad = hn::Or(bad, hn::Or(hn::Not(hn::IsFinite(l)), h < l));
  };
  const V half_v = hn::Set(d, 0.5);
  if (w <= 8) {
    auto one = [&](size_t i) CW_INLINE_LAMBDA {  // outputs i..i+lanes-1
      const V nh = LoadColumn(d, hx + i);
      const V nl = kTwo ? LoadColumn(d, lx + i) : nh;
      check(nh, nl);
      V top = nh, bottom = nl;
      for (size_t k = 1; k < w; ++k) {
        const V vh = LoadColumn(d, hx + i - k);
        if (kHi) top = hn::Max(top, vh);
        if (kLo) bottom = hn::Min(bottom, kTwo ? LoadColumn(d, lx + i - k) : vh);
      }
      if (kMid) {
        hn::StoreU(hn::Mul(hn::Add(top, bottom), half_v), d, hi + i);
        return;
      }
      if (kHi) hn::StoreU(top, d, hi + i);
      if (kLo) hn::StoreU(bottom, d, lo + i);
    };
    size_t i = w - 1;
    for (; i + lanes <= m; i += lanes) one(i);
    if (i < m) one(m - lanes);  // overlaps the previous vector: same values
    return !kChecked || hn::AllFalse(d, bad);
  }
  constexpr size_t kChunk = 1024;  // outputs per chunk: 8 KB + the halo, in L1
  HWY_ALIGN double up[kHi ? kChunk + kDirectWindowMax + 8 : 1];
  HWY_ALIGN double down[kLo ? kChunk + kDirectWindowMax + 8 : 1];
  size_t span = 1;  // the largest power of two <= w
  while (span * 2 <= w) span *= 2;
  const size_t back = w - span;
  for (size_t first = w - 1; first < m; first += kChunk) {
    const size_t last = std::min(m, first + kChunk);  // outputs [first, last)
    const size_t base = first + 1 - w;                  // inputs [base, last)
    const size_t len = last - base;
    // up/down[j] describe the values ending at input base + j. Level 1
    // comes straight from the input (position 0 is never read).
    size_t j = 1;
    for (; j + lanes <= len; j += lanes) {
      const V a = LoadColumn(d, hx + base + j);
      const V al = kTwo ? LoadColumn(d, lx + base + j) : a;
      check(a, al);
      if (kHi) hn::StoreU(hn::Max(a, LoadColumn(d, hx + base + j - 1)), d, up + j);
      if (kLo) hn::StoreU(hn::Min(al, LoadColumn(d, lx + base + j - 1)), d, down + j);
    }
    for (; j < len; ++j) {
      if (kChecked && !row_ok(base + j)) return false;
      const double a = hx[base + j], b = hx[base + j - 1];
      const double al = lx[base + j], bl = lx[base + j - 1];
      if (kHi) up[j] = a > b ? a : b;
      if (kLo) down[j] = al < bl ? al : bl;
    }
    // Windows of 4, 8, ..., span, each from the previous (s/2) in place from
    // the top down: [j - s/2] is read before anything at or below it is
    // rewritten.
    for (size_t s = 4; s <= span; s *= 2) {
      const size_t half = s / 2;
      size_t top = len;  // positions [top, len) are done
      while (top >= half + lanes) {
        const size_t at = top - lanes;
        if (kHi) hn::StoreU(hn::Max(hn::LoadU(d, up + at), hn::LoadU(d, up + at - half)), d, up + at);
        if (kLo) {
          hn::StoreU(hn::Min(hn::LoadU(d, down + at), hn::LoadU(d, down + at - half)), d,
                     down + at);
        }
        top = at;
      }
      for (size_t t = top; t-- > half;) {
        if (kHi) up[t] = up[t] > up[t - half] ? up[t] : up[t - half];
        if (kLo) down[t] = down[t] < down[t - half] ? down[t] : down[t - half];
      }
    }
    // The window of w ending at i: two spans, ending at i and at i - back.
    size_t i = first;
    for (; i + lanes <= last; i += lanes) {
      const size_t at = i - base;
      V top, bottom;
      if (kHi) top = hn::Max(hn::LoadU(d, up + at), hn::LoadU(d, up + at - back));
      if (kLo) bottom = hn::Min(hn::LoadU(d, down + at), hn::LoadU(d, down + at - back));
      if (kMid) {
        // Halving is exact: the bits of (max + min) / 2.
        hn::StoreU(hn::Mul(hn::Add(top, bottom), half_v), d, hi + i);
        continue;
      }
      if (kHi) hn::StoreU(top, d, hi + i);
      if (kLo) hn::StoreU(bottom, d, lo + i);
    }
    for (; i < last; ++i) {
      const size_t at = i - base;
      const double top = kHi ? (up[at] > up[at - back] ? up[at] : up[at - back]) : 0.0;
      const double bottom = kLo ? (down[at] < down[at - back] ? down[at] : down[at - back]) : 0.0;
      if (kMid) {
        hi[i] = (top + bottom) / 2.0;
        continue;
      }
      if (kHi) hi[i] = top;
      if (kLo) lo[i] = bottom;
    }
  }
  return !kChecked || hn::AllFalse(d, bad);
}

template <bool kMax, class X>
HWY_INLINE void RollingExtremeAgeT(X x, size_t m, size_t w, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (w == 0 || m < w) return;
  if (m - (w - 1) < lanes) return RollingExtremeAgeReference<kMax>(x, m, w, out);
  const V last = hn::Set(d, static_cast<double>(w - 1));
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const X base = x + i + 1 - w;
    V best = LoadColumn(d, base);
    V at = hn::Zero(d);
    for (size_t k = 1; k < w; ++k) {
      const V v = LoadColumn(d, base + k);
      // >= / <=: a later equal value wins (the most recent extreme).
      const auto take = kMax ? (v >= best) : (v <= best);
      best = hn::IfThenElse(take, v, best);
      at = hn::IfThenElse(take, hn::Set(d, static_cast<double>(k)), at);
    }
    hn::StoreU(hn::Sub(last, at), d, out + i);
  };
  size_t i = w - 1;
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);
}

template <class X>
HWY_INLINE void WindowLinearFitT(X x, size_t m, size_t n, double* HWY_RESTRICT mean,
                                 double* HWY_RESTRICT slope) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m < n) return;
  if (m - (n - 1) < lanes) return WindowLinearFitReference(x, m, n, mean, slope);
  const double dn = static_cast<double>(n);
  const double half = (dn - 1.0) / 2.0;
  const V vn = hn::Set(d, dn), vsxx = hn::Set(d, dn * (dn * dn - 1.0) / 12.0);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const X base = x + i + 1 - n;
    const V ref = LoadColumn(d, x + i);
    V sd = hn::Zero(d), st = hn::Zero(d);
    for (size_t k = 0; k < n; ++k) {
      const V dv = hn::Sub(LoadColumn(d, base + k), ref);
      sd = hn::Add(sd, dv);
      // A separate multiply and add, as the scalar reference: same bits.
      st = hn::Add(st, hn::Mul(hn::Set(d, static_cast<double>(k) - half), dv));
    }
    hn::StoreU(hn::Add(ref, hn::Div(sd, vn)), d, mean + i);
    hn::StoreU(hn::Div(st, vsxx), d, slope + i);
  };
  size_t i = n - 1;
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);
}

// A fused validate-and-transform pass (kernels.h). The validity test is
// accumulated over the whole loop and checked once at the end.
template <PriceOp kOp, class X>
HWY_INLINE bool PriceTransformT(const X* cols, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  constexpr bool kOpen = kOp == PriceOp::kAverage || kOp == PriceOp::kBalance;
  constexpr size_t kHigh = kOpen ? 1 : 0;
  constexpr size_t kCount = kOp == PriceOp::kMedian ? 2 : (kOpen ? 4 : 3);
  constexpr size_t kFirst = kOp == PriceOp::kTrueRange ? 1 : 0;
  const X h = cols[kHigh], l = cols[kHigh + 1];
  const X c = cols[kCount > 2 ? kHigh + 2 : kHigh];  // unused for kMedian
  const X o = cols[0];                                // used when kOpen
  auto value = [&](double hv, double lv, double cv, double ov, double pc) {
    switch (kOp) {
      case PriceOp::kMedian: return (hv + lv) / 2.0;
      case PriceOp::kTypical: return (hv + lv + cv) / 3.0;
      case PriceOp::kWeighted: return (hv + lv + cv * 2.0) / 4.0;
      case PriceOp::kAverage: return (hv + lv + cv + ov) / 4.0;
      case PriceOp::kBalance: {
        const double range = hv - lv;
        return range != 0 ? (cv - ov) / range : 0.0;
      }
      default: return TrueRangeValue(hv, lv, pc);
    }
  };
  auto row_ok = [&](size_t i) {
    bool ok = std::isfinite(h[i]) && std::isfinite(l[i]) && h[i] >= l[i];
    if (kCount > 2) ok = ok && std::isfinite(c[i]);
    if (kOpen) ok = ok && std::isfinite(o[i]);
    return ok;
  };
  size_t i = 0;
  if (kFirst == 1) {
    if (m == 0) return true;
    if (!row_ok(0)) return false;
    i = 1;
  }
  const V two = hn::Set(d, 2.0), three = hn::Set(d, 3.0);
  const V half = hn::Set(d, 0.5), quarter = hn::Set(d, 0.25);
  const V zero = hn::Zero(d);
  auto bad = hn::Not(hn::IsFinite(zero));  // all false
  for (; i + lanes <= m; i += lanes) {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i);
    bad = hn::Or(bad, hn::Not(hn::IsFinite(hv)));
    bad = hn::Or(bad, hn::Not(hn::IsFinite(lv)));
    bad = hn::Or(bad, hv < lv);
    V cv = zero, ov = zero;
    if (kCount > 2) {
      cv = LoadColumn(d, c + i);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(cv)));
    }
    if (kOpen) {
      ov = LoadColumn(d, o + i);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(ov)));
    }
    V r;
    switch (kOp) {
      // Halving and quartering are exact, so multiplying by 0.5 or 0.25
      // gives the bits of the division at a fraction of its cost.
      case PriceOp::kMedian: r = hn::Mul(hn::Add(hv, lv), half); break;
      case PriceOp::kTypical: r = hn::Div(hn::Add(hn::Add(hv, lv), cv), three); break;
      case PriceOp::kWeighted:
        r = hn::Mul(hn::Add(hn::Add(hv, lv), hn::Mul(cv, two)), quarter);
        break;
      case PriceOp::kAverage:
        r = hn::Mul(hn::Add(hn::Add(hn::Add(hv, lv), cv), ov), quarter);
        break;
      case PriceOp::kBalance: {
        const V range = hn::Sub(hv, lv);
        r = hn::IfThenZeroElse(hn::Eq(range, zero), hn::Div(hn::Sub(cv, ov), range));
        break;
      }
      default: {
        const V pc = LoadColumn(d, c + i - 1);
        r = hn::Max(hn::Sub(hv, lv), hn::Max(hn::Abs(hn::Sub(hv, pc)), hn::Abs(hn::Sub(lv, pc))));
      }
    }
    hn::StoreU(r, d, out + i);
  }
  if (!hn::AllFalse(d, bad)) return false;
  for (; i < m; ++i) {
    if (!row_ok(i)) return false;
    out[i] = value(h[i], l[i], kCount > 2 ? c[i] : 0.0, kOpen ? o[i] : 0.0,
                   kFirst == 1 ? c[i - 1] : 0.0);
  }
  return true;
}

template <class X>
HWY_INLINE bool PriceTransformDispatchT(PriceOp op, const X* cols, size_t m, double* out) {
  switch (op) {
    case PriceOp::kMedian: return PriceTransformT<PriceOp::kMedian>(cols, m, out);
    case PriceOp::kTypical: return PriceTransformT<PriceOp::kTypical>(cols, m, out);
    case PriceOp::kWeighted: return PriceTransformT<PriceOp::kWeighted>(cols, m, out);
    case PriceOp::kAverage: return PriceTransformT<PriceOp::kAverage>(cols, m, out);
    case PriceOp::kBalance: return PriceTransformT<PriceOp::kBalance>(cols, m, out);
    default: return PriceTransformT<PriceOp::kTrueRange>(cols, m, out);
  }
}

// A bar of high, low, close, volume (cols) as the A/D line needs it:
// everything finite, high >= low, volume >= 0.
template <class X>
HWY_INLINE bool MoneyFlowRowOk(const X* cols, size_t i) {
  const double h = cols[0][i], l = cols[1][i], c = cols[2][i], v = cols[3][i];
  return std::isfinite(h) && std::isfinite(l) && std::isfinite(c) && std::isfinite(v) &&
         h >= l && v >= 0;
}

// The money flows of the bars i..i+lanes-1 (0 where the range is not
// positive); kChecked ORs the bars breaking MoneyFlowRowOk into *bad.
template <bool kChecked, class X, class M>
HWY_INLINE V MoneyFlowAt(D d, const X* cols, size_t i, M* bad) {
  const V hv = LoadColumn(d, cols[0] + i), lv = LoadColumn(d, cols[1] + i);
  const V cv = LoadColumn(d, cols[2] + i), vv = LoadColumn(d, cols[3] + i);
  const V zero = hn::Zero(d);
  const V range = hn::Sub(hv, lv);
  if (kChecked) {
    // range is non-finite when h or l is; c and v contribute through x * 0
    // (NaN for an infinity or NaN).
    const V probe = hn::Add(range, hn::Mul(hn::Add(cv, vv), zero));
    *bad = hn::Or(*bad, hn::Not(hn::IsFinite(probe)));
    *bad = hn::Or(*bad, hn::Or(range < zero, vv < zero));
  }
  // Lanes without a positive range divide by 0; the select drops them.
  const V flow = hn::Mul(hn::Div(hn::Sub(hn::Sub(cv, lv), hn::Sub(hv, cv)), range), vv);
  return hn::IfThenElseZero(range > zero, flow);
}

// The A/D line (kernels.h): money flows a vector at a time, summed by the
// prefix scan; kChecked validates every row on the way.
template <bool kChecked, class X>
HWY_INLINE bool AccumulationDistributionT(const X* cols, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  double acc = 0;
  if (lanes <= kMaxScanLanes) {
    const Scan scan(1.0);
    V carry = hn::Zero(d);
    auto bad = hn::Not(hn::IsFinite(carry));  // all false
    for (; i + lanes <= m; i += lanes) {
      const V y = scan.Apply(MoneyFlowAt<kChecked>(d, cols, i, &bad), carry);
      hn::StoreU(y, d, out + i);
      carry = scan.Last(y);
    }
    if (kChecked && !hn::AllFalse(d, bad)) return false;
    acc = hn::GetLane(carry);
  }
  for (; i < m; ++i) {
    if (kChecked && !MoneyFlowRowOk(cols, i)) return false;
    acc += MoneyFlowVolumeValue(cols[0][i], cols[1][i], cols[2][i], cols[3][i]);
    out[i] = acc;
  }
  return true;
}

// ADOSC in one pass: the A/D prefix scan feeds two EMA scans per vector
// (three independent carries), validating on the way.
template <class X>
HWY_INLINE bool ChaikinOscillatorT(const X* cols, size_t m, double kf, double ks,
                                   double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (m == 0) return true;
  if (!MoneyFlowRowOk(cols, 0)) return false;
  double acc = MoneyFlowVolumeValue(cols[0][0], cols[1][0], cols[2][0], cols[3][0]);
  double fast = acc, slow = acc;
  size_t i = 1;
  if (lanes <= kMaxScanLanes) {
    const Scan sum(1.0), fscan(1.0 - kf), sscan(1.0 - ks);
    const V vkf = hn::Set(d, kf), vks = hn::Set(d, ks);
    V cacc = hn::Set(d, acc), cf = hn::Set(d, fast), cs = hn::Set(d, slow);
    auto bad = hn::Not(hn::IsFinite(hn::Zero(d)));  // all false
    for (; i + lanes <= m; i += lanes) {
      const V ad = sum.Apply(MoneyFlowAt<true>(d, cols, i, &bad), cacc);
      const V f = fscan.Apply(hn::Mul(vkf, ad), cf);
      const V sl = sscan.Apply(hn::Mul(vks, ad), cs);
      hn::StoreU(hn::Sub(f, sl), d, out + i);
      cacc = sum.Last(ad);
      cf = fscan.Last(f);
      cs = sscan.Last(sl);
    }
    if (!hn::AllFalse(d, bad)) return false;
    acc = hn::GetLane(cacc);
    fast = hn::GetLane(cf);
    slow = hn::GetLane(cs);
  }
  for (; i < m; ++i) {
    if (!MoneyFlowRowOk(cols, i)) return false;
    acc += MoneyFlowVolumeValue(cols[0][i], cols[1][i], cols[2][i], cols[3][i]);
    fast = (1 - kf) * fast + kf * acc;
    slow = (1 - ks) * slow + ks * acc;
    out[i] = fast - slow;
  }
  return true;
}

template <class X>
HWY_INLINE bool UltimateOscillatorT(X h, X l, X c, size_t m, size_t p0, size_t p1, size_t p2,
                                    double* HWY_RESTRICT bp, double* HWY_RESTRICT tr,
                                    double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  auto row_ok = [&](size_t i) {
    return std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i]) && h[i] >= l[i];
  };
  if (m <= p2) {
    for (size_t i = 0; i < m; ++i) {
      if (!row_ok(i)) return false;
    }
    return true;
  }
  if (!row_ok(0)) return false;
  // Every row is validated where it is first read (finite, high >= low),
  // accumulated in `bad` and tested once at the end.
  auto bad = hn::Not(hn::IsFinite(hn::Zero(d)));  // all false
  bool scalar_ok = true;
  // Pressure and range of rows [1, done) are in bp/tr. They are produced a
  // block ahead of the sweep below, which reads them while they are still
  // in cache.
  size_t done = 1;
  auto ranges_to = [&](size_t end) CW_INLINE_LAMBDA {
    size_t i = done;
    for (; i + lanes <= end; i += lanes) {
      const V pc = LoadColumn(d, c + i - 1);
      const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), cv = LoadColumn(d, c + i);
      const V range = hn::Sub(hv, lv);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(hn::Add(range, hn::Mul(cv, hn::Zero(d))))));
      bad = hn::Or(bad, range < hn::Zero(d));
      const V low = hn::Min(lv, pc);
      hn::StoreU(hn::Sub(cv, low), d, bp + i);
      hn::StoreU(hn::Sub(hn::Max(hv, pc), low), d, tr + i);
    }
    for (; i < end; ++i) {
      scalar_ok = scalar_ok && row_ok(i);
      const double low = std::min(l[i], c[i - 1]);
      bp[i] = c[i] - low;
      tr[i] = std::max(h[i], c[i - 1]) - low;
    }
    done = end;
  };
  constexpr size_t kBlock = 1024;  // rows: 16 KB of bp and tr, in L1
  // The three window sums of every output in one sweep, newest bar first.
  const V zero = hn::Zero(d), one_v = hn::Set(d, 1.0);
  const V hundred_sevenths = hn::Set(d, 100.0 / 7.0);
  const V w4 = hn::Set(d, 4.0), w2 = hn::Set(d, 2.0);
  const V tiny = hn::Set(d, 1e-290);
  auto one = [&](size_t at) CW_INLINE_LAMBDA {  // outputs at..at+lanes-1
    // The sweep runs in three stretches (to p0, p1 and p2 bars back), the
    // ratio taken at the end of each. Four partial sums each (bar k into
    // partial k % 4) keep four add chains in flight: the sweep is bound by
    // add latency, not by loads.
    V sb0 = zero, sb1 = zero, sb2 = zero, sb3 = zero;
    V st0 = zero, st1 = zero, st2 = zero, st3 = zero;
    V num[3], den[3];
    const size_t ends[3] = {p0, p1, p2};
    size_t k = 0;
    for (size_t stretch = 0; stretch < 3; ++stretch) {
      const size_t end = ends[stretch];
      for (; k + 4 <= end; k += 4) {
        const double* b = bp + at - k;
        const double* t = tr + at - k;
        sb0 = hn::Add(sb0, hn::LoadU(d, b));
        st0 = hn::Add(st0, hn::LoadU(d, t));
        sb1 = hn::Add(sb1, hn::LoadU(d, b - 1));
        st1 = hn::Add(st1, hn::LoadU(d, t - 1));
        sb2 = hn::Add(sb2, hn::LoadU(d, b - 2));
        st2 = hn::Add(st2, hn::LoadU(d, t - 2));
        sb3 = hn::Add(sb3, hn::LoadU(d, b - 3));
        st3 = hn::Add(st3, hn::LoadU(d, t - 3));
      }
      for (; k < end; ++k) {
        sb0 = hn::Add(sb0, hn::LoadU(d, bp + at - k));
        st0 = hn::Add(st0, hn::LoadU(d, tr + at - k));
      }
      // A window without range contributes 0: as 0 / 1.
      const V st = hn::Add(hn::Add(st0, st1), hn::Add(st2, st3));
      const auto flat = hn::Eq(st, zero);
      num[stretch] = hn::IfThenZeroElse(flat, hn::Add(hn::Add(sb0, sb1), hn::Add(sb2, sb3)));
      den[stretch] = hn::IfThenElse(flat, one_v, st);
    }
    // 4 a0 + 2 a1 + a2 over one common denominator: one division per vector
    // instead of three (division throughput bounds this kernel). The sums
    // are non-negative, so the products round to a few ulp; a product that
    // overflows or underflows (prices beyond about 1e100 or below 1e-100)
    // takes the three divisions instead.
    const V d01 = hn::Mul(den[0], den[1]);
    const V all = hn::Mul(d01, den[2]);
    V sum;
    if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::IsFinite(all), all >= tiny)))) {
      const V n0 = hn::Mul(w4, hn::Mul(num[0], hn::Mul(den[1], den[2])));
      const V n1 = hn::Mul(w2, hn::Mul(num[1], hn::Mul(den[0], den[2])));
      const V n2 = hn::Mul(num[2], d01);
      sum = hn::Div(hn::Add(hn::Add(n0, n1), n2), all);
    } else {
      sum = hn::Add(hn::Add(hn::Mul(w4, hn::Div(num[0], den[0])),
                            hn::Mul(w2, hn::Div(num[1], den[1]))),
                    hn::Div(num[2], den[2]));
    }
    hn::StoreU(hn::Mul(hundred_sevenths, sum), d, out + at);
  };
  size_t at = p2;
  if (m - p2 < lanes) {
    ranges_to(m);
    for (; at < m; ++at) {
      double sb = 0, st = 0, r0 = 0, r1 = 0;
      auto r = [](double b, double t) { return t != 0 ? b / t : 0.0; };
      for (size_t k = 0; k < p2; ++k) {
        sb += bp[at - k];
        st += tr[at - k];
        if (k + 1 == p0) r0 = r(sb, st);
        if (k + 1 == p1) r1 = r(sb, st);
      }
      out[at] = (100.0 / 7.0) * (4.0 * r0 + 2.0 * r1 + r(sb, st));
    }
    return scalar_ok && hn::AllFalse(d, bad);
  }
  for (; at + lanes <= m; at += lanes) {
    if (at + lanes > done) ranges_to(std::min(m, at + kBlock));
    one(at);
  }
  if (at < m) {
    ranges_to(m);
    one(m - lanes);
  }
  return scalar_ok && hn::AllFalse(d, bad);
}

template <LagOp kOp, class X>
HWY_INLINE bool LagTransformT(X x, size_t m, size_t n, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  auto value = [](double cur, double prev) {
    switch (kOp) {
      case LagOp::kMomentum: return cur - prev;
      case LagOp::kRoc: return prev != 0 ? (cur / prev - 1.0) * 100.0 : 0.0;
      case LagOp::kRocp: return prev != 0 ? (cur - prev) / prev : 0.0;
      case LagOp::kRocr: return prev != 0 ? cur / prev : 0.0;
      default: return prev != 0 ? (cur / prev) * 100.0 : 0.0;
    }
  };
  // The first n values are only read as `prev`: validate them here.
  for (size_t i = 0; i < n && i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
  }
  const V zero = hn::Zero(d), one = hn::Set(d, 1.0), hundred = hn::Set(d, 100.0);
  auto bad = hn::Not(hn::IsFinite(zero));  // all false
  size_t i = n;
  for (; i + lanes <= m; i += lanes) {
    const V cur = LoadColumn(d, x + i), prev = LoadColumn(d, x + i - n);
    bad = hn::Or(bad, hn::Not(hn::IsFinite(cur)));
    V r;
    switch (kOp) {
      case LagOp::kMomentum: r = hn::Sub(cur, prev); break;
      case LagOp::kRoc: r = hn::Mul(hn::Sub(hn::Div(cur, prev), one), hundred); break;
      case LagOp::kRocp: r = hn::Div(hn::Sub(cur, prev), prev); break;
      case LagOp::kRocr: r = hn::Div(cur, prev); break;
      default: r = hn::Mul(hn::Div(cur, prev), hundred);
    }
    if (kOp != LagOp::kMomentum) r = hn::IfThenZeroElse(hn::Eq(prev, zero), r);
    hn::StoreU(r, d, out + i);
  }
  if (!hn::AllFalse(d, bad)) return false;
  for (; i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
    out[i] = value(x[i], x[i - n]);
  }
  return true;
}

template <class X>
HWY_INLINE bool LagTransformDispatchT(LagOp op, X x, size_t m, size_t n, double* out) {
  switch (op) {
    case LagOp::kMomentum: return LagTransformT<LagOp::kMomentum>(x, m, n, out);
    case LagOp::kRoc: return LagTransformT<LagOp::kRoc>(x, m, n, out);
    case LagOp::kRocp: return LagTransformT<LagOp::kRocp>(x, m, n, out);
    case LagOp::kRocr: return LagTransformT<LagOp::kRocr>(x, m, n, out);
    default: return LagTransformT<LagOp::kRocr100>(x, m, n, out);
  }
}

template <class X>
HWY_INLINE void WilderDirectionalT(X h, X l, X c, size_t m, size_t n, double* HWY_RESTRICT plus,
                                   double* HWY_RESTRICT minus, double* HWY_RESTRICT tr) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m <= n) return;
  // The movements of bar i (TA-Lib: only the larger move counts, and only
  // when it is positive).
  auto moves = [&](size_t i, double* dp, double* dm, double* r) {
    const double diff_p = h[i] - h[i - 1];
    const double diff_m = l[i - 1] - l[i];
    *r = TrueRangeValue(h[i], l[i], c[i - 1]);
    *dp = *dm = 0;
    if (diff_m > 0 && diff_p < diff_m) {
      *dm = diff_m;
    } else if (diff_p > 0 && diff_p > diff_m) {
      *dp = diff_p;
    }
  };
  double sp = 0, sm = 0, st = 0;
  for (size_t i = 1; i < n; ++i) {
    double dp, dm, r;
    moves(i, &dp, &dm, &r);
    sp += dp;
    sm += dm;
    st += r;
  }
  const double a = static_cast<double>(n - 1) / static_cast<double>(n);
  size_t i = n;
  if (lanes <= kMaxScanLanes) {
    const Scan scan(a);
    const V zero = hn::Zero(d);
    V cp = hn::Set(d, sp), cm = hn::Set(d, sm), ct = hn::Set(d, st);
    for (; i + lanes <= m; i += lanes) {
      const V hv = LoadColumn(d, h + i), hp = LoadColumn(d, h + i - 1);
      const V lv = LoadColumn(d, l + i), lp = LoadColumn(d, l + i - 1);
      const V pc = LoadColumn(d, c + i - 1);
      const V diff_p = hn::Sub(hv, hp), diff_m = hn::Sub(lp, lv);
      const auto take_m = hn::And(diff_m > zero, diff_p < diff_m);
      const auto take_p = hn::AndNot(take_m, hn::And(diff_p > zero, diff_p > diff_m));
      const V r = hn::Max(hn::Sub(hv, lv), hn::Max(hn::Abs(hn::Sub(hv, pc)), hn::Abs(hn::Sub(lv, pc))));
      const V yp = scan.Apply(hn::IfThenElseZero(take_p, diff_p), cp);
      const V ym = scan.Apply(hn::IfThenElseZero(take_m, diff_m), cm);
      const V yt = scan.Apply(r, ct);
      hn::StoreU(yp, d, plus + i);
      hn::StoreU(ym, d, minus + i);
      hn::StoreU(yt, d, tr + i);
      cp = scan.Last(yp);
      cm = scan.Last(ym);
      ct = scan.Last(yt);
    }
    sp = hn::GetLane(cp);
    sm = hn::GetLane(cm);
    st = hn::GetLane(ct);
  }
  for (; i < m; ++i) {
    double dp, dm, r;
    moves(i, &dp, &dm, &r);
    sp = a * sp + dp;
    sm = a * sm + dm;
    st = a * st + r;
    plus[i] = sp;
    minus[i] = sm;
    tr[i] = st;
  }
}

template <RangeOp kOp, class X>
HWY_INLINE void RangeCombineT(const double* hi, const double* lo, X c, size_t from, size_t m,
                              double* out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  auto value = [&](size_t i) {
    switch (kOp) {
      case RangeOp::kMidpoint: return (hi[i] + lo[i]) / 2.0;
      case RangeOp::kFastK: {
        const double diff = (hi[i] - lo[i]) / 100.0;
        return diff != 0 ? (c[i] - lo[i]) / diff : 0.0;
      }
      case RangeOp::kPercentOf: return c[i] != 0 ? (hi[i] / c[i]) * 100.0 : 0.0;
      default: {
        const double diff = (hi[i] - lo[i]) / -100.0;
        return diff != 0 ? (hi[i] - c[i]) / diff : 0.0;
      }
    }
  };
  const V half = hn::Set(d, 0.5), zero = hn::Zero(d), hundred = hn::Set(d, 100.0);
  const V scale = hn::Set(d, kOp == RangeOp::kWillr ? -100.0 : 100.0);
  size_t i = from;
  for (; i + lanes <= m; i += lanes) {
    V r;
    if (kOp == RangeOp::kPercentOf) {
      const V cv = LoadColumn(d, c + i);
      r = hn::IfThenZeroElse(hn::Eq(cv, zero), hn::Mul(hn::Div(hn::LoadU(d, hi + i), cv), hundred));
      hn::StoreU(r, d, out + i);
      continue;
    }
    const V h = hn::LoadU(d, hi + i), l = hn::LoadU(d, lo + i);
    if (kOp == RangeOp::kMidpoint) {
      r = hn::Mul(hn::Add(h, l), half);  // halving is exact: the bits of / 2
    } else {
      const V diff = hn::Div(hn::Sub(h, l), scale);
      const V cv = LoadColumn(d, c + i);
      const V num = kOp == RangeOp::kFastK ? hn::Sub(cv, l) : hn::Sub(h, cv);
      r = hn::IfThenZeroElse(hn::Eq(diff, zero), hn::Div(num, diff));
    }
    hn::StoreU(r, d, out + i);
  }
  for (; i < m; ++i) out[i] = value(i);
}

template <class X>
HWY_INLINE void RangeCombineDispatchT(RangeOp op, const double* hi, const double* lo, X c,
                                      size_t from, size_t m, double* out) {
  switch (op) {
    case RangeOp::kMidpoint: return RangeCombineT<RangeOp::kMidpoint>(hi, lo, c, from, m, out);
    case RangeOp::kFastK: return RangeCombineT<RangeOp::kFastK>(hi, lo, c, from, m, out);
    case RangeOp::kPercentOf: return RangeCombineT<RangeOp::kPercentOf>(hi, lo, c, from, m, out);
    default: return RangeCombineT<RangeOp::kWillr>(hi, lo, c, from, m, out);
  }
}

// y_k = a_k y_{k-1} + u_k over one vector with a per-lane coefficient:
// composing (a, u) pairs in log2(lanes) shift steps leaves lane k holding
// (A_k, U_k) with y_k = A_k * y_{-1} + U_k.
constexpr size_t kRecenter = 64;  // bars per level: a multiple of every lane count

class VariableScan {
 public:
  using Idx = decltype(hn::SetTableIndices(D(), static_cast<const int64_t*>(nullptr)));
  using M = hn::Mask<D>;

  VariableScan() {
    const D d;
    const size_t lanes = hn::Lanes(d);
    alignas(64) int64_t i1[kMaxScanLanes], i2[kMaxScanLanes], i4[kMaxScanLanes],
        il[kMaxScanLanes];
    for (size_t k = 0; k < lanes && k < kMaxScanLanes; ++k) {
      i1[k] = k >= 1 ? static_cast<int64_t>(k - 1) : 0;
      i2[k] = k >= 2 ? static_cast<int64_t>(k - 2) : 0;
      i4[k] = k >= 4 ? static_cast<int64_t>(k - 4) : 0;
      il[k] = static_cast<int64_t>(lanes - 1);
    }
    idx1_ = hn::SetTableIndices(d, i1);
    idx2_ = hn::SetTableIndices(d, i2);
    idx4_ = hn::SetTableIndices(d, i4);
    idxl_ = hn::SetTableIndices(d, il);
    m1_ = hn::FirstN(d, 1);
    m2_ = hn::FirstN(d, 2);
    m4_ = hn::FirstN(d, 4);
  }

  // Returns y for the vector given a, u and the previous y in every lane.
  HWY_INLINE V Apply(V a, V u, V carry) const {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V one = hn::Set(d, 1.0), zero = hn::Zero(d);
    if (lanes >= 2) Step(idx1_, m1_, one, zero, &a, &u);
    if (lanes >= 4) Step(idx2_, m2_, one, zero, &a, &u);
    if (lanes >= 8) Step(idx4_, m4_, one, zero, &a, &u);
    return hn::MulAdd(a, carry, u);
  }
  HWY_INLINE V Last(V y) const { return hn::TableLookupLanes(y, idxl_); }

 private:
  // Lanes at or above the shift compose with the pair `shift` lanes below:
  // (a, u) <- (a * a', a * u' + u); the lowest lanes take (1, 0) below.
  static HWY_INLINE void Step(Idx idx, M low, V one, V zero, V* a, V* u) {
    const V pa = hn::IfThenElse(low, one, hn::TableLookupLanes(*a, idx));
    const V pu = hn::IfThenElse(low, zero, hn::TableLookupLanes(*u, idx));
    *u = hn::MulAdd(*a, pu, *u);
    *a = hn::Mul(*a, pa);
  }

  Idx idx1_, idx2_, idx4_, idxl_;
  M m1_, m2_, m4_;
};

template <class X>
HWY_INLINE void AdaptiveSmoothingT(X x, const double* HWY_RESTRICT sc, size_t m, double y0,
                                   double* HWY_RESTRICT y) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  double c = y0;  // the level of the current block: the last output
  size_t i = 0;
  if (lanes <= kMaxScanLanes) {
    const VariableScan scan;
    const V one = hn::Set(d, 1.0);
    while (i + lanes <= m) {
      const size_t end = std::min(m, i + kRecenter);
      const V vc = hn::Set(d, c);
      V carry = hn::Zero(d);  // z = y - c
      for (; i + lanes <= end; i += lanes) {
        const V s = hn::LoadU(d, sc + i);
        const V z = scan.Apply(hn::Sub(one, s), hn::Mul(s, hn::Sub(LoadColumn(d, x + i), vc)),
                               carry);
        hn::StoreU(hn::Add(vc, z), d, y + i);
        carry = scan.Last(z);
      }
      c = y[i - 1];
    }
  }
  for (; i < m; ++i) {
    c = (x[i] - c) * sc[i] + c;
    y[i] = c;
  }
}

// KAMA's smoothing constants for n <= i < m (kernels.h), branch-free.
template <class X>
HWY_INLINE void KamaConstantsT(X x, const double* HWY_RESTRICT sum, size_t m, size_t n,
                               double* HWY_RESTRICT sc) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const double fastest = 2.0 / 3.0, slowest = 2.0 / 31.0, diff = fastest - slowest;
  const V one = hn::Set(d, 1.0), zero = hn::Zero(d);
  const V vdiff = hn::Set(d, diff), vslow = hn::Set(d, slowest);
  size_t i = n;
  for (; i + lanes <= m; i += lanes) {
    const V roc = hn::Sub(LoadColumn(d, x + i), LoadColumn(d, x + i - n));
    const V s = hn::LoadU(d, sum + i);
    const auto full = hn::Or(s <= roc, hn::Eq(s, zero));
    const V er = hn::IfThenElse(full, one, hn::Abs(hn::Div(roc, s)));
    const V k = hn::Add(hn::Mul(er, vdiff), vslow);
    hn::StoreU(hn::Mul(k, k), d, sc + i);
  }
  for (; i < m; ++i) {
    const double roc = x[i] - x[i - n];
    const double er = (sum[i] <= roc || sum[i] == 0) ? 1.0 : std::fabs(roc / sum[i]);
    double k = er * diff + slowest;
    sc[i] = k * k;
  }
}

template <class X>
HWY_INLINE bool OnBalanceVolumeT(X c, X v, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  auto row_ok = [&](size_t i) { return std::isfinite(c[i]) && std::isfinite(v[i]) && v[i] >= 0; };
  if (m == 0) return true;
  if (!row_ok(0)) return false;
  double total = v[0];
  out[0] = total;
  size_t i = 1;
  if (lanes <= kMaxScanLanes) {
    const Scan scan(1.0);
    const V zero = hn::Zero(d);
    V carry = hn::Set(d, total);
    auto bad = hn::Not(hn::IsFinite(zero));  // all false
    for (; i + lanes <= m; i += lanes) {
      const V cv = LoadColumn(d, c + i), pc = LoadColumn(d, c + i - 1);
      const V vv = LoadColumn(d, v + i);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(hn::Add(cv, vv))));
      bad = hn::Or(bad, vv < zero);
      const V flow = hn::IfThenElse(cv > pc, vv, hn::IfThenElseZero(cv < pc, hn::Neg(vv)));
      const V y = scan.Apply(flow, carry);
      hn::StoreU(y, d, out + i);
      carry = scan.Last(y);
    }
    if (!hn::AllFalse(d, bad)) return false;
    total = hn::GetLane(carry);
  }
  for (; i < m; ++i) {
    if (!row_ok(i)) return false;
    if (c[i] > c[i - 1]) {
      total += v[i];
    } else if (c[i] < c[i - 1]) {
      total -= v[i];
    }
    out[i] = total;
  }
  return true;
}

// The exported entry points: every kernel once per input column type
// (Suffix Impl: const double*, StridedImpl: StridedColumn).
#define CW_KERNEL_ENTRIES(Col, Cols, Suffix)                                                     \
  void RollingSum##Suffix(Col x, size_t m, size_t n, double scale, double* out) {           \
    RollingSumT(x, m, n, scale, out);                                                        \
  }                                                                                          \
  void LinearRecurrence##Suffix(Col x, size_t m, double a, double b, double y0, double* y) { \
    LinearRecurrenceT(x, m, a, b, y0, y);                                                    \
  }                                                                                          \
  void LinearRecurrenceWithResidual##Suffix(Col x, size_t m, double a, double b, double y0,  \
                                            double* y, double* r) {                          \
    LinearRecurrenceWithResidualT(x, m, a, b, y0, y, r);                                     \
  }                                                                                          \
  void EmaDifference##Suffix(Col x, size_t m, double kf, double ks, double ef0, double es0,  \
                             double* out) {                                                  \
    EmaDifferenceT(x, m, kf, ks, ef0, es0, out);                                             \
  }                                                                                          \
  void WilderAverageTrueRange##Suffix(Col h, Col l, Col c, size_t m, size_t n, double seed,  \
                                      double* out) {                                         \
    WilderAverageTrueRangeT(h, l, c, m, n, seed, out);                                       \
  }                                                                                          \
  bool WilderAverageTrueRangeChecked##Suffix(Col h, Col l, Col c, size_t m, size_t n,        \
                                             double seed, double* out) {                     \
    return WilderAverageTrueRangeCheckedT(h, l, c, m, n, seed, out);                         \
  }                                                                                          \
  void RsiFromSeeds##Suffix(Col x, size_t m, size_t n, double avg_gain, double avg_loss,     \
                            double* out) {                                                   \
    WilderRatio<false>(x, m, n, avg_gain, avg_loss, out);                                    \
  }                                                                                          \
  void CmoFromSeeds##Suffix(Col x, size_t m, size_t n, double avg_gain, double avg_loss,     \
                            double* out) {                                                   \
    WilderRatio<true>(x, m, n, avg_gain, avg_loss, out);                                     \
  }                                                                                          \
  void TrueRange##Suffix(Col h, Col l, Col c, size_t m, double* out) {                       \
    TrueRangeT(h, l, c, m, out);                                                             \
  }                                                                                          \
  void WindowVariance##Suffix(Col x, size_t m, size_t n, const double* mean, double* out) {  \
    WindowDeviation<WindowResult::kVariance>(x, m, n, mean, {out, nullptr, nullptr, 0, 0});  \
  }                                                                                          \
  void WindowStddev##Suffix(Col x, size_t m, size_t n, const double* mean, double factor,    \
                            double* out) {                                                   \
    WindowDeviation<WindowResult::kStddev>(x, m, n, mean, {out, nullptr, nullptr, factor, 0}); \
  }                                                                                          \
  void WindowBands##Suffix(Col x, size_t m, size_t n, const double* mean,                    \
                           const double* middle, double up, double down, double* upper,      \
                           double* lower) {                                                  \
    WindowDeviation<WindowResult::kBands>(x, m, n, mean, {upper, lower, middle, up, down});  \
  }                                                                                          \
  void WindowMeanAbsDeviation##Suffix(Col x, size_t m, size_t n, const double* mean,         \
                                      double* out) {                                         \
    WindowDeviation<WindowResult::kMeanAbsDeviation>(x, m, n, mean,                          \
                                                     {out, nullptr, nullptr, 0, 0});         \
  }                                                                                          \
  void Bollinger##Suffix(Col x, size_t m, size_t n, double up, double down, double* upper,   \
                         double* middle, double* lower) {                                    \
    BollingerBody<false>(x, m, n, up, down, upper, middle, lower);                           \
  }                                                                                          \
  bool BollingerChecked##Suffix(Col x, size_t m, size_t n, double up, double down,           \
                                double* upper, double* middle, double* lower) {              \
    return BollingerBody<true>(x, m, n, up, down, upper, middle, lower);                     \
  }                                                                                          \
  void RollingMax##Suffix(Col x, size_t m, size_t w, double* out) {                          \
    RollingRangeT<true, false, false, false, false>(x, x, m, w, out, nullptr);                                \
  }                                                                                          \
  void RollingMin##Suffix(Col x, size_t m, size_t w, double* out) {                          \
    RollingRangeT<false, true, false, false, false>(x, x, m, w, nullptr, out);                                \
  }                                                                                          \
  bool RollingMaxChecked##Suffix(Col x, size_t m, size_t w, double* out) {                   \
    return RollingRangeT<true, false, true, false, false>(x, x, m, w, out, nullptr);                          \
  }                                                                                          \
  bool RollingMinChecked##Suffix(Col x, size_t m, size_t w, double* out) {                   \
    return RollingRangeT<false, true, true, false, false>(x, x, m, w, nullptr, out);                          \
  }                                                                                          \
  bool HighLowRangeChecked##Suffix(Col h, Col l, size_t m, size_t w, double* hi, double* lo) { \
    return RollingRangeT<true, true, true, true, false>(h, l, m, w, hi, lo);                 \
  }                                                                                          \
  bool HighLowMidpointChecked##Suffix(Col h, Col l, size_t m, size_t w, double* mid,         \
                                      double* scratch) {                                     \
    return RollingRangeT<true, true, true, true, true>(h, l, m, w, mid, scratch);            \
  }                                                                                          \
  bool RollingMidpointChecked##Suffix(Col x, size_t m, size_t w, double* mid,                \
                                      double* scratch) {                                     \
    return RollingRangeT<true, true, true, false, true>(x, x, m, w, mid, scratch);                \
  }                                                                                          \
  void RollingMaxAge##Suffix(Col x, size_t m, size_t w, double* out) {                       \
    RollingExtremeAgeT<true>(x, m, w, out);                                                  \
  }                                                                                          \
  void RollingMinAge##Suffix(Col x, size_t m, size_t w, double* out) {                       \
    RollingExtremeAgeT<false>(x, m, w, out);                                                 \
  }                                                                                          \
  void WindowLinearFit##Suffix(Col x, size_t m, size_t n, double* mean, double* slope) {     \
    WindowLinearFitT(x, m, n, mean, slope);                                                  \
  }                                                                                          \
  bool PriceTransformChecked##Suffix(PriceOp op, Cols cols, size_t m, double* out) {         \
    return PriceTransformDispatchT(op, cols, m, out);                                        \
  }                                                                                          \
  void AccumulationDistribution##Suffix(Cols cols, size_t m, double* out) {                  \
    AccumulationDistributionT<false>(cols, m, out);                                          \
  }                                                                                          \
  bool AccumulationDistributionChecked##Suffix(Cols cols, size_t m, double* out) {           \
    return AccumulationDistributionT<true>(cols, m, out);                                    \
  }                                                                                          \
  bool ChaikinOscillatorChecked##Suffix(Cols cols, size_t m, double kf, double ks,           \
                                        double* out) {                                       \
    return ChaikinOscillatorT(cols, m, kf, ks, out);                                         \
  }                                                                                          \
  bool UltimateOscillator##Suffix(Col h, Col l, Col c, size_t m, size_t p0, size_t p1,       \
                                  size_t p2, double* bp, double* tr, double* out) {          \
    return UltimateOscillatorT(h, l, c, m, p0, p1, p2, bp, tr, out);                         \
  }                                                                                          \
  bool LagTransformChecked##Suffix(LagOp op, Col x, size_t m, size_t n, double* out) {       \
    return LagTransformDispatchT(op, x, m, n, out);                                          \
  }                                                                                          \
  void WilderDirectional##Suffix(Col h, Col l, Col c, size_t m, size_t n, double* plus,      \
                                 double* minus, double* tr) {                                \
    WilderDirectionalT(h, l, c, m, n, plus, minus, tr);                                      \
  }                                                                                          \
  void RangeCombine##Suffix(RangeOp op, const double* hi, const double* lo, Col c,            \
                            size_t from, size_t m, double* out) {                            \
    RangeCombineDispatchT(op, hi, lo, c, from, m, out);                                      \
  }                                                                                          \
  void AdaptiveSmoothing##Suffix(Col x, const double* sc, size_t m, double y0, double* y) {    \
    AdaptiveSmoothingT(x, sc, m, y0, y);                                                       \
  }                                                                                          \
  void KamaConstants##Suffix(Col x, const double* sum, size_t m, size_t n, double* sc) {      \
    KamaConstantsT(x, sum, m, n, sc);                                                        \
  }                                                                                          \
  bool OnBalanceVolumeChecked##Suffix(Col c, Col v, size_t m, double* out) {                 \
    return OnBalanceVolumeT(c, v, m, out);                                                   \
  }                                                                                          \
  size_t FirstSuspectRow##Suffix(Cols cols,    size_t count, size_t m, int high, int low, \
                                 int volume) {                                               \
    return FirstSuspectRowT(cols, count, m, high, low, volume);                              \
  }

CW_KERNEL_ENTRIES(const double*, const double* const*, Impl)
CW_KERNEL_ENTRIES(StridedColumn, const StridedColumn*, StridedImpl)
#undef CW_KERNEL_ENTRIES

const char* TargetNameImpl() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace indicators
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {
namespace indicators {

HWY_EXPORT(RollingSumImpl);
HWY_EXPORT(RollingSumStridedImpl);
HWY_EXPORT(LinearRecurrenceImpl);
HWY_EXPORT(LinearRecurrenceStridedImpl);
HWY_EXPORT(LinearRecurrenceWithResidualImpl);
HWY_EXPORT(LinearRecurrenceWithResidualStridedImpl);
HWY_EXPORT(EmaDifferenceImpl);
HWY_EXPORT(EmaDifferenceStridedImpl);
HWY_EXPORT(WilderAverageTrueRangeImpl);
HWY_EXPORT(WilderAverageTrueRangeStridedImpl);
HWY_EXPORT(WilderAverageTrueRangeCheckedImpl);
HWY_EXPORT(WilderAverageTrueRangeCheckedStridedImpl);
HWY_EXPORT(RsiFromSeedsImpl);
HWY_EXPORT(RsiFromSeedsStridedImpl);
HWY_EXPORT(CmoFromSeedsImpl);
HWY_EXPORT(CmoFromSeedsStridedImpl);
HWY_EXPORT(TrueRangeImpl);
HWY_EXPORT(TrueRangeStridedImpl);
HWY_EXPORT(WindowVarianceImpl);
HWY_EXPORT(WindowVarianceStridedImpl);
HWY_EXPORT(WindowStddevImpl);
HWY_EXPORT(WindowStddevStridedImpl);
HWY_EXPORT(WindowBandsImpl);
HWY_EXPORT(WindowBandsStridedImpl);
HWY_EXPORT(WindowMeanAbsDeviationImpl);
HWY_EXPORT(WindowMeanAbsDeviationStridedImpl);
HWY_EXPORT(BollingerImpl);
HWY_EXPORT(BollingerStridedImpl);
HWY_EXPORT(BollingerCheckedImpl);
HWY_EXPORT(BollingerCheckedStridedImpl);
HWY_EXPORT(FirstSuspectRowImpl);
HWY_EXPORT(FirstSuspectRowStridedImpl);
HWY_EXPORT(RollingMaxImpl);
HWY_EXPORT(RollingMaxStridedImpl);
HWY_EXPORT(RollingMinImpl);
HWY_EXPORT(RollingMinStridedImpl);
HWY_EXPORT(RollingMaxAgeImpl);
HWY_EXPORT(RollingMaxAgeStridedImpl);
HWY_EXPORT(RollingMinAgeImpl);
HWY_EXPORT(RollingMinAgeStridedImpl);
HWY_EXPORT(WindowLinearFitImpl);
HWY_EXPORT(WindowLinearFitStridedImpl);
HWY_EXPORT(PriceTransformCheckedImpl);
HWY_EXPORT(PriceTransformCheckedStridedImpl);
HWY_EXPORT(AccumulationDistributionImpl);
HWY_EXPORT(AccumulationDistributionStridedImpl);
HWY_EXPORT(AccumulationDistributionCheckedImpl);
HWY_EXPORT(AccumulationDistributionCheckedStridedImpl);
HWY_EXPORT(ChaikinOscillatorCheckedImpl);
HWY_EXPORT(ChaikinOscillatorCheckedStridedImpl);
HWY_EXPORT(UltimateOscillatorImpl);
HWY_EXPORT(UltimateOscillatorStridedImpl);
HWY_EXPORT(LagTransformCheckedImpl);
HWY_EXPORT(LagTransformCheckedStridedImpl);
HWY_EXPORT(WilderDirectionalImpl);
HWY_EXPORT(WilderDirectionalStridedImpl);
HWY_EXPORT(RangeCombineImpl);
HWY_EXPORT(RangeCombineStridedImpl);
HWY_EXPORT(AdaptiveSmoothingImpl);
HWY_EXPORT(AdaptiveSmoothingStridedImpl);
HWY_EXPORT(KamaConstantsImpl);
HWY_EXPORT(KamaConstantsStridedImpl);
HWY_EXPORT(OnBalanceVolumeCheckedImpl);
HWY_EXPORT(OnBalanceVolumeCheckedStridedImpl);
HWY_EXPORT(RollingMaxCheckedImpl);
HWY_EXPORT(RollingMaxCheckedStridedImpl);
HWY_EXPORT(RollingMinCheckedImpl);
HWY_EXPORT(RollingMinCheckedStridedImpl);
HWY_EXPORT(RollingMidpointCheckedImpl);
HWY_EXPORT(RollingMidpointCheckedStridedImpl);
HWY_EXPORT(HighLowRangeCheckedImpl);
HWY_EXPORT(HighLowRangeCheckedStridedImpl);
HWY_EXPORT(HighLowMidpointCheckedImpl);
HWY_EXPORT(HighLowMidpointCheckedStridedImpl);
HWY_EXPORT(TargetNameImpl);

// One dispatching overload per kernel and input column type.
#define CW_KERNEL_DISPATCH(Col, Cols, Suffix)                                                      \
  void RollingSum(Col x, size_t m, size_t n, double scale, double* out) {                      \
    HWY_DYNAMIC_DISPATCH(RollingSum##Suffix)(x, m, n, scale, out);                             \
  }                                                                                            \
  void LinearRecurrence(Col x, size_t m, double a, double b, double y0, double* y) {           \
    HWY_DYNAMIC_DISPATCH(LinearRecurrence##Suffix)(x, m, a, b, y0, y);                         \
  }                                                                                            \
  void LinearRecurrenceWithResidual(Col x, size_t m, double a, double b, double y0, double* y, \
                                    double* r) {                                               \
    HWY_DYNAMIC_DISPATCH(LinearRecurrenceWithResidual##Suffix)(x, m, a, b, y0, y, r);          \
  }                                                                                            \
  void EmaDifference(Col x, size_t m, double kf, double ks, double ef0, double es0,            \
                     double* out) {                                                            \
    HWY_DYNAMIC_DISPATCH(EmaDifference##Suffix)(x, m, kf, ks, ef0, es0, out);                  \
  }                                                                                            \
  void WilderAverageTrueRange(Col h, Col l, Col c, size_t m, size_t n, double seed,            \
                              double* out) {                                                   \
    HWY_DYNAMIC_DISPATCH(WilderAverageTrueRange##Suffix)(h, l, c, m, n, seed, out);            \
  }                                                                                            \
  bool WilderAverageTrueRangeChecked(Col h, Col l, Col c, size_t m, size_t n, double seed,     \
                                     double* out) {                                            \
    return HWY_DYNAMIC_DISPATCH(WilderAverageTrueRangeChecked##Suffix)(h, l, c, m, n, seed,    \
                                                                        out);                  \
  }                                                                                            \
  void RsiFromSeeds(Col x, size_t m, size_t n, double avg_gain, double avg_loss, double* out) { \
    HWY_DYNAMIC_DISPATCH(RsiFromSeeds##Suffix)(x, m, n, avg_gain, avg_loss, out);              \
  }                                                                                            \
  void CmoFromSeeds(Col x, size_t m, size_t n, double avg_gain, double avg_loss, double* out) { \
    HWY_DYNAMIC_DISPATCH(CmoFromSeeds##Suffix)(x, m, n, avg_gain, avg_loss, out);              \
  }                                                                                            \
  void TrueRange(Col h, Col l, Col c, size_t m, double* out) {                                 \
    HWY_DYNAMIC_DISPATCH(TrueRange##Suffix)(h, l, c, m, out);                                  \
  }                                                                                            \
  void WindowVariance(Col x, size_t m, size_t n, const double* mean, double* out) {            \
    HWY_DYNAMIC_DISPATCH(WindowVariance##Suffix)(x, m, n, mean, out);                          \
  }                                                                                            \
  void WindowStddev(Col x, size_t m, size_t n, const double* mean, double factor,              \
                    double* out) {                                                             \
    HWY_DYNAMIC_DISPATCH(WindowStddev##Suffix)(x, m, n, mean, factor, out);                    \
  }                                                                                            \
  void WindowBands(Col x, size_t m, size_t n, const double* mean, const double* middle,        \
                   double up, double down, double* upper, double* lower) {                     \
    HWY_DYNAMIC_DISPATCH(WindowBands##Suffix)(x, m, n, mean, middle, up, down, upper, lower);  \
  }                                                                                            \
  void WindowMeanAbsDeviation(Col x, size_t m, size_t n, const double* mean, double* out) {    \
    HWY_DYNAMIC_DISPATCH(WindowMeanAbsDeviation##Suffix)(x, m, n, mean, out);                  \
  }                                                                                            \
  void Bollinger(Col x, size_t m, size_t n, double up, double down, double* upper,             \
                 double* middle, double* lower) {                                              \
    HWY_DYNAMIC_DISPATCH(Bollinger##Suffix)(x, m, n, up, down, upper, middle, lower);          \
  }                                                                                            \
  bool BollingerChecked(Col x, size_t m, size_t n, double up, double down, double* upper,      \
                        double* middle, double* lower) {                                       \
    return HWY_DYNAMIC_DISPATCH(BollingerChecked##Suffix)(x, m, n, up, down, upper, middle,    \
                                                          lower);                              \
  }                                                                                            \
  void RollingMax(Col x, size_t m, size_t w, double* out) {                                    \
    HWY_DYNAMIC_DISPATCH(RollingMax##Suffix)(x, m, w, out);                                    \
  }                                                                                            \
  bool RollingMaxChecked(Col x, size_t m, size_t w, double* out) {                             \
    return HWY_DYNAMIC_DISPATCH(RollingMaxChecked##Suffix)(x, m, w, out);                      \
  }                                                                                            \
  bool RollingMinChecked(Col x, size_t m, size_t w, double* out) {                             \
    return HWY_DYNAMIC_DISPATCH(RollingMinChecked##Suffix)(x, m, w, out);                      \
  }                                                                                            \
  bool HighLowRangeChecked(Col h, Col l, size_t m, size_t w, double* hi, double* lo) {         \
    return HWY_DYNAMIC_DISPATCH(HighLowRangeChecked##Suffix)(h, l, m, w, hi, lo);              \
  }                                                                                            \
  bool HighLowMidpointChecked(Col h, Col l, size_t m, size_t w, double* mid, double* scratch) { \
    return HWY_DYNAMIC_DISPATCH(HighLowMidpointChecked##Suffix)(h, l, m, w, mid, scratch);     \
  }                                                                                            \
  bool RollingMidpointChecked(Col x, size_t m, size_t w, double* mid, double* scratch) {       \
    return HWY_DYNAMIC_DISPATCH(RollingMidpointChecked##Suffix)(x, m, w, mid, scratch);        \
  }                                                                                            \
  void RollingMin(Col x, size_t m, size_t w, double* out) {                                    \
    HWY_DYNAMIC_DISPATCH(RollingMin##Suffix)(x, m, w, out);                                    \
  }                                                                                            \
  void RollingMaxAge(Col x, size_t m, size_t w, double* out) {                                 \
    HWY_DYNAMIC_DISPATCH(RollingMaxAge##Suffix)(x, m, w, out);                                 \
  }                                                                                            \
  void RollingMinAge(Col x, size_t m, size_t w, double* out) {                                 \
    HWY_DYNAMIC_DISPATCH(RollingMinAge##Suffix)(x, m, w, out);                                 \
  }                                                                                            \
  void WindowLinearFit(Col x, size_t m, size_t n, double* mean, double* slope) {               \
    HWY_DYNAMIC_DISPATCH(WindowLinearFit##Suffix)(x, m, n, mean, slope);                       \
  }                                                                                            \
  bool PriceTransformChecked(PriceOp op, Cols cols, size_t m, double* out) {                   \
    return HWY_DYNAMIC_DISPATCH(PriceTransformChecked##Suffix)(op, cols, m, out);              \
  }                                                                                            \
  void AccumulationDistribution(Cols cols, size_t m, double* out) {                            \
    HWY_DYNAMIC_DISPATCH(AccumulationDistribution##Suffix)(cols, m, out);                      \
  }                                                                                            \
  bool AccumulationDistributionChecked(Cols cols, size_t m, double* out) {                     \
    return HWY_DYNAMIC_DISPATCH(AccumulationDistributionChecked##Suffix)(cols, m, out);        \
  }                                                                                            \
  bool ChaikinOscillatorChecked(Cols cols, size_t m, double kf, double ks, double* out) {      \
    return HWY_DYNAMIC_DISPATCH(ChaikinOscillatorChecked##Suffix)(cols, m, kf, ks, out);       \
  }                                                                                            \
  bool UltimateOscillator(Col h, Col l, Col c, size_t m, size_t p0, size_t p1, size_t p2,      \
                          double* bp, double* tr, double* out) {                               \
    return HWY_DYNAMIC_DISPATCH(UltimateOscillator##Suffix)(h, l, c, m, p0, p1, p2, bp, tr,    \
                                                            out);                              \
  }                                                                                            \
  bool LagTransformChecked(LagOp op, Col x, size_t m, size_t n, double* out) {                 \
    return HWY_DYNAMIC_DISPATCH(LagTransformChecked##Suffix)(op, x, m, n, out);                \
  }                                                                                            \
  void WilderDirectional(Col h, Col l, Col c, size_t m, size_t n, double* plus, double* minus, \
                         double* tr) {                                                         \
    HWY_DYNAMIC_DISPATCH(WilderDirectional##Suffix)(h, l, c, m, n, plus, minus, tr);           \
  }                                                                                            \
  void RangeCombine(RangeOp op, const double* hi, const double* lo, Col c, size_t from,         \
                    size_t m, double* out) {                                                   \
    HWY_DYNAMIC_DISPATCH(RangeCombine##Suffix)(op, hi, lo, c, from, m, out);                   \
  }                                                                                            \
  void AdaptiveSmoothing(Col x, const double* sc, size_t m, double y0, double* y) {             \
    HWY_DYNAMIC_DISPATCH(AdaptiveSmoothing##Suffix)(x, sc, m, y0, y);                          \
  }                                                                                            \
  void KamaConstants(Col x, const double* sum, size_t m, size_t n, double* sc) {                \
    HWY_DYNAMIC_DISPATCH(KamaConstants##Suffix)(x, sum, m, n, sc);                             \
  }                                                                                            \
  bool OnBalanceVolumeChecked(Col c, Col v, size_t m, double* out) {                           \
    return HWY_DYNAMIC_DISPATCH(OnBalanceVolumeChecked##Suffix)(c, v, m, out);                 \
  }                                                                                            \
  size_t FirstSuspectRow(Cols cols,    size_t count, size_t m, int high, int low,           \
                         int volume) {                                                         \
    return HWY_DYNAMIC_DISPATCH(FirstSuspectRow##Suffix)(cols, count, m, high, low, volume);   \
  }

CW_KERNEL_DISPATCH(const double*, const double* const*, Impl)
CW_KERNEL_DISPATCH(StridedColumn, const StridedColumn*, StridedImpl)
#undef CW_KERNEL_DISPATCH

const char* KernelTargetName() { return HWY_DYNAMIC_DISPATCH(TargetNameImpl)(); }

}  // namespace indicators
}  // namespace candlewick
#endif  // HWY_ONCE
