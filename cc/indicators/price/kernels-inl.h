// The price-transform kernel: MEDPRICE, TYPPRICE, WCLPRICE, AVGPRICE, BOP
// and the true range, validated in the same pass.
// Compiled once per Highway target by price/kernels.cc (foreach_target.h),
// hence the per-target guard; price/kernels.h says what each computes.
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_PRICE_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// The columns of a price transform in the indicator's input order (see
// PriceOp): high and low; the close (kMedian: unused); the open (kAverage,
// kBalance).
template <PriceOp kOp, class X>
struct PriceColumns {
  static constexpr bool kOpen = kOp == PriceOp::kAverage || kOp == PriceOp::kBalance;
  static constexpr size_t kHigh = kOpen ? 1 : 0;
  static constexpr bool kClose = kOp != PriceOp::kMedian;

  explicit PriceColumns(const X* cols)
      : h(cols[kHigh]), l(cols[kHigh + 1]), c(cols[kClose ? kHigh + 2 : kHigh]), o(cols[0]) {}

  bool RowOk(size_t i) const {
    bool ok = std::isfinite(h[i]) && std::isfinite(l[i]) && h[i] >= l[i];
    if (kClose) ok = ok && std::isfinite(c[i]);
    if (kOpen) ok = ok && std::isfinite(o[i]);
    return ok;
  }
  double ValueAt(size_t i) const {
    return PriceValue(kOp, kOpen ? o[i] : 0.0, h[i], l[i], kClose ? c[i] : 0.0,
                      kOp == PriceOp::kTrueRange ? c[i - 1] : 0.0);
  }

  X h, l, c, o;
};

// One vector of the transform at row i, probing its rows into *probe: the
// transform of non-finite inputs is not finite (each input enters a sum with
// a positive weight), and high - low must not be negative. Halving and
// quartering are exact, so multiplying by 0.5 or 0.25 gives the bits of the
// division at a fraction of its cost.
template <PriceOp kOp, class X>
HWY_INLINE V PriceTransformAt(const PriceColumns<kOp, X>& p, size_t i, RowProbe* probe) {
  using P = PriceColumns<kOp, X>;
  const D d;
  const V zero = hn::Zero(d);
  const V hv = LoadStreamed(d, p.h + i), lv = LoadStreamed(d, p.l + i);
  const V cv = P::kClose ? LoadStreamed(d, p.c + i) : zero;
  const V ov = P::kOpen ? LoadStreamed(d, p.o + i) : zero;
  const V range = hn::Sub(hv, lv);
  probe->NotNegative(range);
  V value;
  switch (kOp) {
    case PriceOp::kMedian:
      value = hn::Mul(hn::Add(hv, lv), hn::Set(d, 0.5));
      break;
    case PriceOp::kTypical:
      value = hn::Div(hn::Add(hn::Add(hv, lv), cv), hn::Set(d, 3.0));
      break;
    case PriceOp::kWeighted:
      value = hn::Mul(hn::Add(hn::Add(hv, lv), hn::Mul(cv, hn::Set(d, 2.0))), hn::Set(d, 0.25));
      break;
    case PriceOp::kAverage:
      value = hn::Mul(hn::Add(hn::Add(hn::Add(hv, lv), cv), ov), hn::Set(d, 0.25));
      break;
    case PriceOp::kBalance: {
      // The value is 0 on a zero range whatever the close: probe the inputs.
      probe->Finite(hn::Add(hn::Sub(cv, ov), range));
      return hn::IfThenZeroElse(hn::Eq(range, zero), hn::Div(hn::Sub(cv, ov), range));
    }
    case PriceOp::kTrueRange:
      probe->Finite(hn::Add(hn::Add(hv, lv), cv));
      return TrueRangeOf(hv, lv, LoadColumn(d, p.c + i - 1));
  }
  probe->Finite(value);
  return value;
}

// A fused validate-and-transform pass (kernels.h). The validity test is
// accumulated over the whole loop and checked once at the end; a suspect
// row makes it return false, and the caller's exact check takes over. Rows
// that are all good are all written, whatever the probe says.
template <PriceOp kOp, class X>
HWY_INLINE bool PriceTransformOp(const X* cols, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const PriceColumns<kOp, X> p(cols);
  size_t i = 0;
  if (kOp == PriceOp::kTrueRange) {  // row 0 only starts the true range
    if (m == 0) return true;
    if (!p.RowOk(0)) return false;
    i = 1;
  }
  for (const size_t head = i + RowsBeforeAligned(d, out, i, m); i < head; ++i) {
    if (!p.RowOk(i)) return false;
    out[i] = p.ValueAt(i);
  }
  RowProbe probe;
  constexpr size_t kColumns = 3 + PriceColumns<kOp, X>::kClose + PriceColumns<kOp, X>::kOpen;
  i = StoreRows(d, i, m, kColumns, out,
                [&](size_t r) CW_INLINE_LAMBDA { return PriceTransformAt(p, r, &probe); });
  for (; i < m; ++i) {
    if (!p.RowOk(i)) return false;
    out[i] = p.ValueAt(i);
  }
  return probe.AllGood();
}

template <class X>
bool PriceTransformT(PriceOp op, const X* cols, size_t m, double* out) {
  switch (op) {
    case PriceOp::kMedian: return PriceTransformOp<PriceOp::kMedian>(cols, m, out);
    case PriceOp::kTypical: return PriceTransformOp<PriceOp::kTypical>(cols, m, out);
    case PriceOp::kWeighted: return PriceTransformOp<PriceOp::kWeighted>(cols, m, out);
    case PriceOp::kAverage: return PriceTransformOp<PriceOp::kAverage>(cols, m, out);
    case PriceOp::kBalance: return PriceTransformOp<PriceOp::kBalance>(cols, m, out);
    default: return PriceTransformOp<PriceOp::kTrueRange>(cols, m, out);
  }
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
