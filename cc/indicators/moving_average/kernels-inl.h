// The moving-average kernels: sliding sums, linear recurrences (EMA and
// Wilder smoothing), KAMA's constants and adaptive recurrence.
// Compiled once per Highway target by moving_average/kernels.cc (foreach_target.h),
// hence the per-target guard; moving_average/kernels.h says what each computes.
#include "cc/indicators/moving_average/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// RollingSum (kernels.h): a prefix scan of x[i] - x[i-n] per vector, one
// carry per vector, re-seeded by a direct sum every ResyncInterval(n).
template <class X>
void RollingSumT(X x, size_t m, size_t n, double scale, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return RollingSumReference(x, m, n, scale, out);
  if (n == 0 || m < n) return;
  const SumScan scan(1.0);
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
      const V y = scan.Step(u, &carry);
      hn::StoreU(hn::Mul(y, vscale), d, out + i);
    }
    s = hn::GetLane(carry);
    for (; i < end; ++i) {
      s += x[i] - x[i - n];
      out[i] = scale * s;
    }
    if (i < m) s = DirectSum(x + i - n, n);  // the sum of the window ending at i-1
  }
}

// LinearRecurrence (kernels.h): the Scan of simd-inl.h with powers of a.
template <class X>
void LinearRecurrenceT(X x, size_t m, double a, double b, double y0, double* y) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return LinearRecurrenceReference(x, m, a, b, y0, y);
  const Scan scan(a);
  const V vb = hn::Set(d, b);
  V carry = hn::Set(d, y0);
  size_t i = 0;
  // x may equal y (in place): each vector is loaded before it is stored.
  for (; i + lanes <= m; i += lanes) {
    const V yv = scan.Step(hn::Mul(vb, LoadColumn(d, x + i)), &carry);
    hn::StoreU(yv, d, y + i);
  }
  double prev = hn::GetLane(carry);
  for (; i < m; ++i) {
    prev = a * prev + b * x[i];
    y[i] = prev;
  }
}

// AdaptiveSmoothing (kernels.h): a scan with a varying coefficient over
// deviations from a level taken from the output every kRecenter bars.
inline constexpr size_t kRecenter = 64;  // a multiple of every lane count

template <class X>
void AdaptiveSmoothingT(X x, const double* HWY_RESTRICT sc, size_t m, double y0,
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
        const V z = scan.Step(hn::Sub(one, s), hn::Mul(s, hn::Sub(LoadColumn(d, x + i), vc)),
                              &carry);
        hn::StoreU(hn::Add(vc, z), d, y + i);
      }
      // y[i-1], the same add in registers: not reloaded through a store on
      // the carried chain.
      c = hn::GetLane(hn::Add(vc, carry));
    }
  }
  for (; i < m; ++i) {
    c = AdaptiveStep(c, x[i], sc[i]);
    y[i] = c;
  }
}

// The constants of rows [from, to) into sc[0, to - from), branch-free:
// KamaSmoothingConstant per lane, vectors from `from`; sum[0] is row from's.
template <class X>
HWY_INLINE void KamaConstantsOf(X x, const double* HWY_RESTRICT sum, size_t from, size_t to,
                                size_t n, double* HWY_RESTRICT sc) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const double fastest = 2.0 / 3.0, slowest = 2.0 / 31.0, diff = fastest - slowest;
  const V one = hn::Set(d, 1.0), zero = hn::Zero(d);
  const V vdiff = hn::Set(d, diff), vslow = hn::Set(d, slowest);
  size_t i = from;
  for (; i + lanes <= to; i += lanes) {
    const V roc = hn::Sub(LoadColumn(d, x + i), LoadColumn(d, x + i - n));
    const V s = hn::LoadU(d, sum + (i - from));
    const auto full = hn::Or(s <= roc, hn::Eq(s, zero));
    const V er = hn::IfThenElse(full, one, hn::Abs(hn::Div(roc, s)));
    const V k = hn::Add(hn::Mul(er, vdiff), vslow);
    hn::StoreU(hn::Mul(k, k), d, sc + (i - from));
  }
  for (; i < to; ++i) sc[i - from] = KamaSmoothingConstant(x[i] - x[i - n], sum[i - from]);
}

// KamaConstants (kernels.h).
template <class X>
void KamaConstantsT(X x, const double* HWY_RESTRICT sum, size_t m, size_t n,
                    double* HWY_RESTRICT sc) {
  if (m > n) KamaConstantsOf(x, sum + n, n, m, n, sc + n);
}

// The one-bar moves |x[k+1] - x[k]| of a column, as a column of their own
// (LoadColumn, [] and + as for the others) computed where they are read.
template <class X>
struct MovesOf {
  X x;
  double operator[](size_t k) const { return std::fabs(x[k + 1] - x[k]); }
  MovesOf operator+(size_t k) const { return {x + k}; }
};
template <class X>
HWY_INLINE V LoadColumn(D d, MovesOf<X> mv) {
  return hn::Abs(hn::Sub(LoadColumn(d, mv.x + 1), LoadColumn(d, mv.x)));
}

// KAMA's rolling sums of the one-bar moves over n bars (sum[i] for
// n <= i < m), one re-seeding block at a time: RollingSumT's operations over
// the moves, in its order (the same bits), without the moves stored; every
// x read is checked. The sums of rows [base, done()) are kept in `sum`.
template <class X>
class KamaMoveSums {
 public:
  KamaMoveSums(X x, size_t m, size_t n, double* HWY_RESTRICT sum)
      : x_(x), mv_{x}, rows_(m - 1), n_(n), resync_(ResyncInterval(n)), sum_(sum), scan_(1.0),
        bad_(NoLanes(D())) {
    for (size_t i = 0; i <= n; ++i) ok_ = ok_ && std::isfinite(x[i]);
    s_ = DirectSum(mv_, n);
    sum_[0] = s_;
    r_ = base_ = n;
  }

  // Rows [n, done()) have their sum.
  size_t done() const { return r_ + 1; }
  bool ok() const { return ok_ && hn::AllFalse(D(), bad_); }
  // The sum of row `row` on (base <= row < done()).
  const double* at(size_t row) const { return sum_ + (row - base_); }
  // Drops the sums of the rows before `row` (<= done()): the rest move to
  // the buffer's start.
  void Forget(size_t row) {
    std::copy(sum_ + (row - base_), sum_ + (done() - base_), sum_);
    base_ = row;
  }

  // The next block (done() < m). The vector loop works on locals: with the
  // members, every store to sum_ (which might alias them, for all the
  // compiler knows) made it store and reload the row, the flags and the
  // scan's constants, and the row and flags through memory were a carried
  // chain of store forwards.
  void Next() {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const size_t end = std::min(rows_, r_ + resync_);
    V carry = hn::Set(d, s_);
    {
      const SumScan scan = scan_;
      const X x = x_;
      const MovesOf<X> mv = mv_;
      const size_t n = n_;
      double* HWY_RESTRICT const sum = sum_;
      const size_t base = base_;
      M bad = bad_;
      size_t r = r_;
      for (; r + lanes <= end; r += lanes) {
        bad = hn::Or(bad, hn::Not(hn::IsFinite(LoadColumn(d, x + r + 1))));
        const V u = hn::Sub(LoadColumn(d, mv + r), LoadColumn(d, mv + (r - n)));
        hn::StoreU(scan.Step(u, &carry), d, sum + (r + 1 - base));
      }
      bad_ = bad;
      r_ = r;
    }
    s_ = hn::GetLane(carry);
    for (; r_ < end; ++r_) {
      ok_ = ok_ && std::isfinite(x_[r_ + 1]);
      s_ += mv_[r_] - mv_[r_ - n_];
      sum_[r_ + 1 - base_] = s_;
    }
    if (r_ < rows_) s_ = DirectSum(mv_ + (r_ - n_), n_);
  }

 private:
  X x_;
  MovesOf<X> mv_;
  size_t rows_, n_, resync_, r_ = 0, base_ = 0;
  double* HWY_RESTRICT sum_;
  const SumScan scan_;
  M bad_;
  bool ok_ = true;
  double s_ = 0;
};

// KamaChecked (kernels.h): the sums a block ahead of kKamaChunk-row chunks
// whose constants (in L1) and recurrence follow, while the sums are in
// cache; the sums of a finished chunk are dropped, so they stay in a
// buffer of KamaCheckedScratch doubles instead of going through memory.
// AdaptiveSmoothingT restarts its level every kRecenter rows from the last
// output, so chunks of a multiple of kRecenter give the bits of one call.
static_assert(kKamaChunk % kRecenter == 0, "chunks must keep the recentring rows");
template <class X>
bool KamaCheckedT(X x, size_t m, size_t n, double* HWY_RESTRICT sum, double* HWY_RESTRICT y) {
  if (hn::Lanes(D()) > kMaxScanLanes || n == 0 || m <= n) return false;
  KamaMoveSums<X> sums(x, m, n, sum);
  HWY_ALIGN double sc[kKamaChunk];
  for (size_t a = n; a < m;) {
    const size_t b = m - a > kKamaChunk ? a + kKamaChunk : m;
    while (sums.done() < b) sums.Next();
    KamaConstantsOf(x, sums.at(a), a, b, n, sc);
    AdaptiveSmoothingT(x + a, sc, b - a, a == n ? x[n - 1] : y[a - 1], y + a);
    sums.Forget(b);
    a = b;
  }
  return sums.ok();
}

// EmaChainLast (kernels.h) for one op: LinearRecurrenceT's scan, each
// vector of y combined as EmaChainValue while in registers.
template <EmaChainOp kOp>
HWY_INLINE double EmaChainLastOp(const double* HWY_RESTRICT x, const double* HWY_RESTRICT e1,
                                 size_t m, double a, double b, double y0,
                                 double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return EmaChainLastReference(kOp, x, e1, m, a, b, y0, out);
  const Scan scan(a);
  const ScanShifts shifts;
  const V vb = hn::Set(d, b), two = hn::Set(d, 2.0), three = hn::Set(d, 3.0);
  const V zero = hn::Zero(d), one = hn::Set(d, 1.0), hundred = hn::Set(d, 100.0);
  V carry = hn::Set(d, y0);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) {
    const V xv = hn::LoadU(d, x + i);
    const V before = carry;  // y of the row before this vector, in every lane
    const V yv = scan.Step(hn::Mul(vb, xv), &carry);
    V r;
    if (kOp == EmaChainOp::kDema) {
      r = hn::Sub(hn::Mul(two, xv), yv);
    } else if (kOp == EmaChainOp::kTema) {
      r = hn::Add(hn::Sub(hn::Mul(three, hn::LoadU(d, e1 + i)), hn::Mul(three, xv)), yv);
    } else {  // RateOfChange of y and the y before it
      const V prev = shifts.Up1(yv, before);
      r = hn::Mul(hn::Sub(hn::Div(yv, prev), one), hundred);
      r = hn::IfThenZeroElse(hn::Eq(prev, zero), r);
    }
    hn::StoreU(r, d, out + i);
  }
  return EmaChainLastReference(kOp, x + i, e1 + i, m - i, a, b, hn::GetLane(carry), out + i);
}

inline double EmaChainLastT(EmaChainOp op, const double* x, const double* e1, size_t m,
                            double a, double b, double y0, double* out) {
  switch (op) {
    case EmaChainOp::kDema: return EmaChainLastOp<EmaChainOp::kDema>(x, e1, m, a, b, y0, out);
    case EmaChainOp::kTema: return EmaChainLastOp<EmaChainOp::kTema>(x, e1, m, a, b, y0, out);
    default: return EmaChainLastOp<EmaChainOp::kTrix>(x, e1, m, a, b, y0, out);
  }
}

// DivideInPlace (kernels.h).
inline void DivideInPlaceT(double* HWY_RESTRICT y, size_t m, double divisor) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V v = hn::Set(d, divisor);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) hn::StoreU(hn::Div(hn::LoadU(d, y + i), v), d, y + i);
  DivideInPlaceReference(y + i, m - i, divisor);
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
