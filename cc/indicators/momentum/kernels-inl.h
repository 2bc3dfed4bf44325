// The momentum kernels: Wilder's RSI and CMO, the MACD line and signal,
// the lag transforms (MOM, the ROC family) and the Ultimate Oscillator.
// Compiled once per Highway target by momentum/kernels.cc (foreach_target.h),
// hence the per-target guard; momentum/kernels.h says what each computes.
#include "cc/indicators/momentum/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// LinearRecurrenceWithResidual (kernels.h): the MACD signal line and the
// histogram in one pass.
template <class X>
void LinearRecurrenceWithResidualT(X x, size_t m, double a, double b, double y0,
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
    const V yv = scan.Step(hn::Mul(vb, xv), &carry);
    hn::StoreU(yv, d, y + i);
    hn::StoreU(hn::Sub(xv, yv), d, r + i);
  }
  LinearRecurrenceWithResidualReference(x + i, m - i, a, b, hn::GetLane(carry), y + i, r + i);
}

// EmaDifference (kernels.h): the MACD line's two EMAs in one pass, two
// independent chains per vector whose latencies overlap.
template <class X>
void EmaDifferenceT(X x, size_t m, double kf, double ks, double ef0, double es0,
                    double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes) return EmaDifferenceReference(x, m, kf, ks, ef0, es0, out);
  const Scan fast(1.0 - kf), slow(1.0 - ks);
  const V vkf = hn::Set(d, kf), vks = hn::Set(d, ks);
  V cf = hn::Set(d, ef0), cs = hn::Set(d, es0);
  size_t i = 0;
  for (; i + lanes <= m; i += lanes) {
    const V xv = LoadColumn(d, x + i);
    const V f = fast.Step(hn::Mul(vkf, xv), &cf);
    const V sl = slow.Step(hn::Mul(vks, xv), &cs);
    hn::StoreU(hn::Sub(f, sl), d, out + i);
  }
  EmaDifferenceReference(x + i, m - i, kf, ks, hn::GetLane(cf), hn::GetLane(cs), out + i);
}

// RsiFromSeeds / CmoFromSeeds (kernels.h): the gain and loss averages as
// two scans per vector. kCmo: Chande's 100 (gain - loss) / (gain + loss)
// instead of RSI's 100 gain / (gain + loss); the smoothing is the same
// (TA-Lib's CMO).
// kHold: RsiHoldingFromSeeds (a bar with no move repeats the previous
// output; a vector with such a bar fixes its lanes up in order, rare on
// prices that move).
template <bool kCmo, class X, bool kHold = false>
void WilderRatioT(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                  double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes || m <= n) {
    return WilderRatioReference<kCmo, X, kHold>(x, m, n, avg_gain, avg_loss, out);
  }
  WilderGainLoss avg(n);
  avg.Seed(avg_gain, avg_loss);
  auto value = [&] {
    return kCmo ? CmoValue(avg.gain(), avg.loss()) : RsiValue(avg.gain(), avg.loss());
  };
  out[n] = value();
  const Scan scan(avg.a());
  const V vb = hn::Set(d, avg.b());
  const V zero = hn::Zero(d);
  const V hundred = hn::Set(d, 100.0);
  V gain = hn::Set(d, avg_gain);
  V loss = hn::Set(d, avg_loss);
  size_t i = n + 1;
  for (; i + lanes <= m; i += lanes) {
    const V move = hn::Sub(LoadColumn(d, x + i), LoadColumn(d, x + i - 1));
    const V g = scan.Step(hn::Mul(vb, hn::Max(move, zero)), &gain);
    const V l = scan.Step(hn::Mul(vb, hn::Max(hn::Neg(move), zero)), &loss);
    const V total = hn::Add(g, l);
    // 0/0 on a flat stretch: TA-Lib reports 0 there.
    const V ratio = hn::Div(kCmo ? hn::Sub(g, l) : g, total);
    hn::StoreU(hn::IfThenZeroElse(hn::Eq(total, zero), hn::Mul(hundred, ratio)), d, out + i);
    if (kHold && !hn::AllFalse(d, hn::Eq(move, zero))) {
      for (size_t j = i; j < i + lanes; ++j) {
        if (x[j] - x[j - 1] == 0) out[j] = out[j - 1];
      }
    }
  }
  avg.Seed(hn::GetLane(gain), hn::GetLane(loss));
  for (; i < m; ++i) {
    const double move = x[i] - x[i - 1];
    avg.Smooth(move);
    out[i] = kHold && move == 0 ? out[i - 1] : value();
  }
}

// The Ultimate Oscillator (kernels.h) over sorted periods p0 <= p1 <= p2.
// Buying pressure and true range go to bp/tr a block ahead of a sweep that
// sums all three windows of every output vector, newest bar first, while
// they are still in cache. Every row is validated where it is first read
// (finite, high >= low), accumulated in *bad (vectors) and *ok (single rows)
// and tested once at the end.
template <class X>
HWY_INLINE bool UltimateRowOk(X h, X l, X c, size_t i) {
  return std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i]) && h[i] >= l[i];
}

// Pressure and range of rows [from, end) into bp/tr.
template <class X>
HWY_INLINE void UltimateTermsOf(X h, X l, X c, size_t from, size_t end, double* HWY_RESTRICT bp,
                                double* HWY_RESTRICT tr, M* bad, bool* ok) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d);
  size_t i = from;
  for (; i + lanes <= end; i += lanes) {
    const V pc = LoadColumn(d, c + i - 1);
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), cv = LoadColumn(d, c + i);
    const V range = hn::Sub(hv, lv);
    *bad = hn::Or(*bad, hn::Not(hn::IsFinite(hn::Add(range, hn::Mul(cv, zero)))));
    *bad = hn::Or(*bad, range < zero);
    const V low = hn::Min(lv, pc);
    hn::StoreU(hn::Sub(cv, low), d, bp + i);
    hn::StoreU(hn::Sub(hn::Max(hv, pc), low), d, tr + i);
  }
  for (; i < end; ++i) {
    *ok = *ok && UltimateRowOk(h, l, c, i);
    UltimateTerms(h[i], l[i], c[i], c[i - 1], &bp[i], &tr[i]);
  }
}

// 4 a0 + 2 a1 + a2 over one common denominator: one division per vector
// instead of three (division throughput bounds this kernel). The sums are
// non-negative, so the products round to a few ulp; a product that
// overflows or underflows (prices beyond about 1e100 or below 1e-100) takes
// the three divisions instead.
HWY_INLINE V UltimateWeightedRatios(const V* num, const V* den) {
  const D d;
  const V w4 = hn::Set(d, 4.0), w2 = hn::Set(d, 2.0);
  const V d01 = hn::Mul(den[0], den[1]);
  const V all = hn::Mul(d01, den[2]);
  if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::IsFinite(all), all >= hn::Set(d, 1e-290))))) {
    const V n0 = hn::Mul(w4, hn::Mul(num[0], hn::Mul(den[1], den[2])));
    const V n1 = hn::Mul(w2, hn::Mul(num[1], hn::Mul(den[0], den[2])));
    const V n2 = hn::Mul(num[2], d01);
    return hn::Div(hn::Add(hn::Add(n0, n1), n2), all);
  }
  const V a0 = hn::Div(num[0], den[0]), a1 = hn::Div(num[1], den[1]);
  return hn::Add(hn::Add(hn::Mul(w4, a0), hn::Mul(w2, a1)), hn::Div(num[2], den[2]));
}

// The outputs at..at+lanes-1. The sweep runs in three stretches (to p0, p1
// and p2 bars back), the ratio taken at the end of each. Four partial sums
// each (bar k into partial k % 4) keep four add chains in flight: the sweep
// is bound by add latency, not by loads.
HWY_INLINE void UltimateVectorAt(const double* HWY_RESTRICT bp, const double* HWY_RESTRICT tr,
                                 const size_t* ends, size_t at, double* HWY_RESTRICT out) {
  const D d;
  const V zero = hn::Zero(d), one = hn::Set(d, 1.0);
  V sb0 = zero, sb1 = zero, sb2 = zero, sb3 = zero;
  V st0 = zero, st1 = zero, st2 = zero, st3 = zero;
  V num[3], den[3];
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
    const V range = hn::Add(hn::Add(st0, st1), hn::Add(st2, st3));
    const auto flat = hn::Eq(range, zero);
    num[stretch] = hn::IfThenZeroElse(flat, hn::Add(hn::Add(sb0, sb1), hn::Add(sb2, sb3)));
    den[stretch] = hn::IfThenElse(flat, one, range);
  }
  hn::StoreU(hn::Mul(hn::Set(d, 100.0 / 7.0), UltimateWeightedRatios(num, den)), d, out + at);
}

// One output of a series too short for a vector of outputs.
HWY_INLINE double UltimateScalarAt(const double* bp, const double* tr, const size_t* ends,
                                   size_t at) {
  double sb = 0, st = 0, r0 = 0, r1 = 0;
  auto r = [](double b, double t) { return t != 0 ? b / t : 0.0; };
  for (size_t k = 0; k < ends[2]; ++k) {
    sb += bp[at - k];
    st += tr[at - k];
    if (k + 1 == ends[0]) r0 = r(sb, st);
    if (k + 1 == ends[1]) r1 = r(sb, st);
  }
  return (100.0 / 7.0) * (4.0 * r0 + 2.0 * r1 + r(sb, st));
}

template <class X>
bool UltimateOscillatorT(X h, X l, X c, size_t m, size_t p0, size_t p1, size_t p2,
                         double* HWY_RESTRICT bp, double* HWY_RESTRICT tr,
                         double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (m <= p2) {
    for (size_t i = 0; i < m; ++i) {
      if (!UltimateRowOk(h, l, c, i)) return false;
    }
    return true;
  }
  if (!UltimateRowOk(h, l, c, 0)) return false;
  const size_t ends[3] = {p0, p1, p2};
  M bad = NoLanes(d);
  bool ok = true;
  size_t done = 1;  // rows [1, done) have their pressure and range in bp/tr
  constexpr size_t kBlock = 1024;  // rows: 16 KB of bp and tr, in L1
  size_t at = p2;
  if (m - p2 < lanes) {
    UltimateTermsOf(h, l, c, done, m, bp, tr, &bad, &ok);
    for (; at < m; ++at) out[at] = UltimateScalarAt(bp, tr, ends, at);
    return ok && hn::AllFalse(d, bad);
  }
  for (; at + lanes <= m; at += lanes) {
    if (at + lanes > done) {
      const size_t end = std::min(m, at + kBlock);
      UltimateTermsOf(h, l, c, done, end, bp, tr, &bad, &ok);
      done = end;
    }
    UltimateVectorAt(bp, tr, ends, at, out);
  }
  if (at < m) {
    UltimateTermsOf(h, l, c, done, m, bp, tr, &bad, &ok);
    UltimateVectorAt(bp, tr, ends, m - lanes, out);  // overlaps the previous vector
  }
  return ok && hn::AllFalse(d, bad);
}

// LagTransformChecked (kernels.h) for one operation.
template <LagOp kOp, class X>
HWY_INLINE bool LagTransformOp(X x, size_t m, size_t n, double* HWY_RESTRICT out) {
  const D d;
  // The first n values are only read as `prev`: validate them here.
  for (size_t i = 0; i < n && i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
  }
  const V zero = hn::Zero(d), one = hn::Set(d, 1.0), hundred = hn::Set(d, 100.0);
  RowProbe probe;
  size_t i = n;
  for (const size_t head = i + RowsBeforeAligned(d, out, i, m); i < head; ++i) {
    if (!std::isfinite(x[i])) return false;
    out[i] = LagValue(kOp, x[i], x[i - n]);
  }
  i = StoreRows(d, i, m, 2, out, [&](size_t r) CW_INLINE_LAMBDA {
    const V cur = LoadStreamed(d, x + r), prev = LoadStreamed(d, x + r - n);
    probe.Finite(cur);
    V v;
    switch (kOp) {
      case LagOp::kMomentum: v = hn::Sub(cur, prev); break;
      case LagOp::kRoc: v = hn::Mul(hn::Sub(hn::Div(cur, prev), one), hundred); break;
      case LagOp::kRocp: v = hn::Div(hn::Sub(cur, prev), prev); break;
      case LagOp::kRocr: v = hn::Div(cur, prev); break;
      default: v = hn::Mul(hn::Div(cur, prev), hundred);
    }
    if (kOp != LagOp::kMomentum) v = hn::IfThenZeroElse(hn::Eq(prev, zero), v);
    return v;
  });
  if (!probe.AllGood()) return false;
  for (; i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
    out[i] = LagValue(kOp, x[i], x[i - n]);
  }
  return true;
}

template <class X>
bool LagTransformT(LagOp op, X x, size_t m, size_t n, double* out) {
  switch (op) {
    case LagOp::kMomentum: return LagTransformOp<LagOp::kMomentum>(x, m, n, out);
    case LagOp::kRoc: return LagTransformOp<LagOp::kRoc>(x, m, n, out);
    case LagOp::kRocp: return LagTransformOp<LagOp::kRocp>(x, m, n, out);
    case LagOp::kRocr: return LagTransformOp<LagOp::kRocr>(x, m, n, out);
    default: return LagTransformOp<LagOp::kRocr100>(x, m, n, out);
  }
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
