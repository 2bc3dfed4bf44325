// Highway building blocks every family's kernels share (moving_average/,
// momentum/, ... each have a kernels-inl.h of their own): loading a vector
// from a column of any stride, the prefix scans behind the sliding sums and
// linear recurrences, and direct sums. Included once per Highway target by
// each family's kernels.cc (foreach_target.h), hence the per-target guard.
//
// The recurrences (sliding sums, EMA, Wilder smoothing) are loop-carried, so
// a plain loop is bound by one add or FMA latency per element. Scan below
// first scans each vector of N inputs in registers (log2(N)
// shift-multiply-add steps, independent of the previous vector), so only one
// FMA per vector stays on the dependency chain (the carry's lane broadcast
// is taken before it: Scan::Step).

// Scalar prerequisites: ordinary include guards.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "cc/indicators/column.h"
#include "cc/indicators/kernel_family.h"  // CW_SIMD_NAMESPACE_BEGIN/END
#include "cc/indicators/kernels.h"        // StreamsOutput

// The per-body lambdas of the kernels are called from a main loop and a
// tail; GCC would otherwise outline the big ones and keep their captured
// vectors in memory.
#ifndef CW_INLINE_LAMBDA
#define CW_INLINE_LAMBDA __attribute__((always_inline))
#endif

#if defined(CANDLEWICK_CC_INDICATORS_SIMD_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_SIMD_INL_H_
#undef CANDLEWICK_CC_INDICATORS_SIMD_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_SIMD_INL_H_
#endif

#include "hwy/cache_control.h"
#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN
namespace hn = hwy::HWY_NAMESPACE;

using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;
using M = hn::Mask<D>;

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

// One input vector of a streaming kernel (a few operations per row, each
// input read once), for rows x..: on AVX-512 as two 256-bit halves. NumPy
// places arrays at any multiple of 16 bytes, so once the output is aligned
// an input is often off by 16, 32 or 48 bytes, and then every 64-byte load
// spans two cache lines; of 32-byte loads none or every other one does.
template <class X>
HWY_INLINE V LoadStreamed(D d, X x) {
  return LoadColumn(d, x);
}
#if HWY_TARGET <= HWY_AVX3 && HWY_ARCH_X86
HWY_INLINE V LoadStreamed(D d, const double* x) {
  const hn::Half<D> half;
  return hn::Combine(d, hn::LoadU(half, x + hn::Lanes(half)), hn::LoadU(half, x));
}
#endif

// A mask with no lane set: the start of the "some row was bad" flags that
// the checking kernels accumulate and test once at the end.
HWY_INLINE M NoLanes(D d) { return hn::Not(hn::IsFinite(hn::Zero(d))); }

// The validity of many rows folded into one vector by bitwise ORs alone and
// tested once at the end. On AVX-512 the usual mask form (a class test, two
// mask NOTs and a mask OR per column per vector) kept the price transforms
// at twice TA-Lib's time on data in cache: mask ops issue on few ports.
// Conservative: a finite row whose probed value overflows, or whose
// difference is -0, reads as suspect too, and the caller's exact per-row
// check then decides; a row it passes is always good.
struct RowProbe {
  // A constructor: GCC 12 left a default member initializer's vector unset
  // in these per-target namespaces.
  HWY_INLINE RowProbe() : bits(hn::Zero(D())) {}
  // x - x is +0 for every finite x (round to nearest) and NaN otherwise.
  HWY_INLINE void Finite(V x) { bits = hn::Or(bits, hn::Sub(x, x)); }
  // A NaN x must also reach Finite(): its sign bit may be clear.
  HWY_INLINE void NotNegative(V x) { bits = hn::Or(bits, hn::And(x, hn::SignBit(D()))); }
  HWY_INLINE bool AllGood() const {
    const hn::RebindToUnsigned<D> du;
    return hn::AllTrue(du, hn::Eq(hn::BitCast(du, bits), hn::Zero(du)));
  }
  V bits;
};

// How many rows from i (at most m - i) to compute one by one so that
// out + i then sits on a whole-vector boundary. A vector store that
// straddles two cache lines costs two, most of a streaming kernel's time
// when the caller's buffer is only 16-byte aligned (malloc, NumPy).
HWY_INLINE size_t RowsBeforeAligned(D d, const double* out, size_t i, size_t m) {
  const size_t bytes = hn::Lanes(d) * sizeof(double);
  const size_t off = reinterpret_cast<uintptr_t>(out + i) % bytes;
  if (off == 0 || off % sizeof(double) != 0 || i >= m) return 0;
  return std::min((bytes - off) / sizeof(double), m - i);
}

// The main loop of a streaming kernel: out[i..) = row(i), a vector at a
// time, for as long as whole vectors fit, out + i already vector-aligned
// (RowsBeforeAligned). The kernel reads columns - 1 inputs beside its
// output; when they are large the output goes around the caches
// (StreamsOutput). Returns the first row not written, for the scalar tail.
template <class Row>
HWY_INLINE size_t StoreRows(D d, size_t i, size_t m, size_t columns, double* HWY_RESTRICT out,
                            const Row& row) {
  const size_t lanes = hn::Lanes(d);
  const bool aligned = reinterpret_cast<uintptr_t>(out + i) % (lanes * sizeof(double)) == 0;
  if (aligned && i + lanes <= m && StreamsOutput(m, columns)) {
    for (; i + lanes <= m; i += lanes) hn::Stream(row(i), d, out + i);
    hwy::FlushStream();
    return i;
  }
  for (; i + lanes <= m; i += lanes) hn::StoreU(row(i), d, out + i);
  return i;
}

// The scan code handles up to 8 lanes of double (every x86 target); wider
// vectors (SVE, RVV) use the scalar references instead.
inline constexpr size_t kMaxScanLanes = 8;

// Lane-shift tables for the scans: lane k reads lane k - 1, k - 2, k - 4
// (the lowest lanes read lane 0 and are masked), or the last lane.
struct ScanShifts {
  using Idx = decltype(hn::SetTableIndices(D(), static_cast<const int64_t*>(nullptr)));

  ScanShifts() {
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
    by1 = hn::SetTableIndices(d, i1);
    by2 = hn::SetTableIndices(d, i2);
    by4 = hn::SetTableIndices(d, i4);
    last = hn::SetTableIndices(d, il);
    low1 = hn::FirstN(d, 1);
    low2 = hn::FirstN(d, 2);
    low4 = hn::FirstN(d, 4);
  }

  // v shifted up by 1, 2 or 4 lanes, `fill` in the lanes below; v's last
  // lane in every lane. On AVX2 by immediate permutes (vpermpd) and blends
  // instead of the variable vpermd behind TableLookupLanes, which has the
  // longer latency on some CPUs (Zen 1: on every scan's carry chain); on
  // AVX-512 by one merge-masked permute instead of a permute and a blend.
  // The same lanes, so the same bits.
  HWY_INLINE V Up1(V v, V fill) const { return Up<0x90, 0x1>(v, fill, low1, by1); }
  HWY_INLINE V Up2(V v, V fill) const { return Up<0x40, 0x3>(v, fill, low2, by2); }
  HWY_INLINE V Up4(V v, V fill) const { return Shifted(v, fill, low4, by4); }
  HWY_INLINE V Last(V v) const {
#if HWY_TARGET == HWY_AVX2
    return V{_mm256_permute4x64_pd(v.raw, 0xFF)};
#else
    return hn::TableLookupLanes(v, last);
#endif
  }

  Idx by1, by2, by4, last;
  M low1, low2, low4;

 private:
  // kPerm: the vpermpd immediate taking each lane from `shift` lanes below;
  // kLow: the lanes below the shift, as a blend mask.
  template <int kPerm, int kLow>
  static HWY_INLINE V Up(V v, V fill, M low, Idx by) {
#if HWY_TARGET == HWY_AVX2
    (void)low;
    (void)by;
    return V{_mm256_blend_pd(_mm256_permute4x64_pd(v.raw, kPerm), fill.raw, kLow)};
#else
    return Shifted(v, fill, low, by);
#endif
  }
  // `fill` in the `low` lanes, the lanes `by` picks from v in the others.
  static HWY_INLINE V Shifted(V v, V fill, M low, Idx by) {
#if HWY_TARGET <= HWY_AVX3 && HWY_ARCH_X86
    const __mmask8 high = static_cast<__mmask8>(~low.raw);
    return V{_mm512_mask_permutexvar_pd(fill.raw, high, by.raw, v.raw)};
#else
    return hn::IfThenElse(low, fill, hn::TableLookupLanes(v, by));
#endif
  }
};

// Linear-recurrence scan y[k] = a * y[k-1] + u[k] over one vector, given the
// previous vector's last y broadcast to every lane. kSum: a = 1 (sliding
// sums, the A/D line, OBV), by adds: a fused multiply-add by exactly 1
// rounds x + u once, as an add does (and a separate multiply by 1 is
// exact), so the same bits as with a = 1, without the multiplier registers,
// and the adds issue beside the other scans' FMAs.
template <bool kSum>
class LinearScan {
 public:
  explicit LinearScan(double a) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    alignas(64) double pw[kMaxScanLanes];
    double p = 1.0;
    for (size_t k = 0; k < lanes && k < kMaxScanLanes; ++k) {
      p *= a;
      pw[k] = p;  // a^(k+1): how much of the carry reaches lane k
    }
    a1_ = hn::Set(d, a);
    a2_ = hn::Set(d, a * a);
    a4_ = hn::Set(d, a * a * a * a);
    pow_ = hn::LoadU(d, pw);
    last_pow_ = hn::Set(d, pw[std::min(lanes, kMaxScanLanes) - 1]);
  }

  // y for one vector u, given the previous vector's last y in every lane
  // of *carry: lane k is a^(k+1) * carry + sum_{j<=k} a^(k-j) * u[j]. Then
  // *carry becomes y's last lane in every lane, by the same multiply-add of
  // that lane's operands (so the same bits as broadcasting y's last lane),
  // the broadcast taken from the partial sums: off the carried chain, which
  // keeps one FMA per vector instead of an FMA and a permute.
  HWY_INLINE V Step(V u, V* carry) const {
    const V partial = Partial(u);
    const V y = MulAdd(pow_, *carry, partial);
    *carry = MulAdd(last_pow_, *carry, shifts_.Last(partial));
    return y;
  }

 private:
  static HWY_INLINE V MulAdd(V a, V x, V u) { return kSum ? hn::Add(x, u) : hn::MulAdd(a, x, u); }

  // sum_{j<=k} a^(k-j) * u[j] in lane k: each step adds the partial sums
  // `shift` lanes below, scaled by a^shift.
  HWY_INLINE V Partial(V u) const {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const ScanShifts& s = shifts_;
    const V zero = hn::Zero(d);
    if (lanes >= 2) u = MulAdd(a1_, s.Up1(u, zero), u);
    if (lanes >= 4) u = MulAdd(a2_, s.Up2(u, zero), u);
    if (lanes >= 8) u = MulAdd(a4_, s.Up4(u, zero), u);
    return u;
  }

  ScanShifts shifts_;
  V a1_, a2_, a4_, pow_, last_pow_;
};
using Scan = LinearScan<false>;
// Scan(1.0)'s bits by adds (construct with 1.0).
using SumScan = LinearScan<true>;

// y_k = a_k y_{k-1} + u_k over one vector with a per-lane coefficient:
// composing (a, u) pairs in log2(lanes) shift steps leaves lane k holding
// (A_k, U_k) with y_k = A_k * y_{-1} + U_k.
class VariableScan {
 public:
  // y for the vector given a, u and the previous y in every lane of
  // *carry, which then becomes y's last lane in every lane, computed from
  // the composed pair's last lanes (as Scan::Step: the same bits, the
  // broadcasts off the carried chain).
  HWY_INLINE V Step(V a, V u, V* carry) const {
    Compose(&a, &u);
    const V y = hn::MulAdd(a, *carry, u);
    *carry = hn::MulAdd(shifts_.Last(a), *carry, shifts_.Last(u));
    return y;
  }

 private:
  // (a, u) of every lane composed with those of the lanes below it.
  HWY_INLINE void Compose(V* a, V* u) const {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V one = hn::Set(d, 1.0), zero = hn::Zero(d);
    const ScanShifts& s = shifts_;
    if (lanes >= 2) Pair(s.Up1(*a, one), s.Up1(*u, zero), a, u);
    if (lanes >= 4) Pair(s.Up2(*a, one), s.Up2(*u, zero), a, u);
    if (lanes >= 8) Pair(s.Up4(*a, one), s.Up4(*u, zero), a, u);
  }
  // Lanes at or above the shift compose with the pair (pa, pu) `shift`
  // lanes below: (a, u) <- (a * pa, a * pu + u); the lowest lanes take (1, 0).
  static HWY_INLINE void Pair(V pa, V pu, V* a, V* u) {
    *u = hn::MulAdd(*a, pu, *u);
    *a = hn::Mul(*a, pa);
  }

  ScanShifts shifts_;
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

// Outputs between direct re-sums of a sliding sum: a multiple of every lane
// count <= 8, so that only the very end of a series takes the scalar path.
HWY_INLINE size_t ResyncInterval(size_t n) { return (std::max<size_t>(64, n) + 7) / 8 * 8; }

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

// The true range of the bars i..i+lanes-1 from their high, low and the
// previous close (TrueRangeValue of volatility/scalar.h, lane by lane).
HWY_INLINE V TrueRangeOf(V hv, V lv, V prev_close) {
  return hn::Max(hn::Sub(hv, lv),
                 hn::Max(hn::Abs(hn::Sub(hv, prev_close)), hn::Abs(hn::Sub(lv, prev_close))));
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
