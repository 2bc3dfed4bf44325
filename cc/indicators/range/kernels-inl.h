// The window-extreme kernels: rolling highest and lowest values (and both,
// or their midpoint, in one pass), bars since the extreme, and the
// combinations of a highest and a lowest value.
// Compiled once per Highway target by range/kernels.cc (foreach_target.h),
// hence the per-target guard; range/kernels.h says what each computes.
#include "cc/indicators/range/kernels.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_RANGE_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// What a rolling-range pass writes for the window ending at row i, from
// its highest `top` and lowest `bottom`: the extremes themselves (into hi
// and/or lo), or their midpoint (into mid).
template <bool kHi, bool kLo>
struct EmitExtremes {
  double* HWY_RESTRICT hi;
  double* HWY_RESTRICT lo;
  HWY_INLINE void Vector(D d, size_t i, V top, V bottom) const {
    if (kHi) hn::StoreU(top, d, hi + i);
    if (kLo) hn::StoreU(bottom, d, lo + i);
  }
  void Scalar(size_t i, double top, double bottom) const {
    if (kHi) hi[i] = top;
    if (kLo) lo[i] = bottom;
  }
};
struct EmitMidpoint {
  double* HWY_RESTRICT mid;
  // Halving is exact: the bits of (max + min) / 2.
  HWY_INLINE void Vector(D d, size_t i, V top, V bottom) const {
    hn::StoreU(hn::Mul(hn::Add(top, bottom), hn::Set(d, 0.5)), d, mid + i);
  }
  void Scalar(size_t i, double top, double bottom) const {
    mid[i] = RangeValue(RangeOp::kMidpoint, top, bottom, 0.0);
  }
};

// RangeValue(kOp, h, l, c) per lane for kMidpoint, kFastK and kWillr: the
// same operations, so the same bits.
template <RangeOp kOp>
HWY_INLINE V RangeValueVector(D d, V h, V l, V cv) {
  if (kOp == RangeOp::kMidpoint) return hn::Mul(hn::Add(h, l), hn::Set(d, 0.5));  // exact halving
  const V diff = hn::Div(hn::Sub(h, l), hn::Set(d, kOp == RangeOp::kWillr ? -100.0 : 100.0));
  const V num = kOp == RangeOp::kFastK ? hn::Sub(cv, l) : hn::Sub(h, cv);
  return hn::IfThenZeroElse(hn::Eq(diff, hn::Zero(d)), hn::Div(num, diff));
}

// RangeValue(kOp) of the window's extremes and c at the window's end (kFastK,
// kWillr) into out, checking that c is finite where it is read (*bad for
// vectors, *ok for single rows).
template <RangeOp kOp, class X>
struct EmitRangeValue {
  X c;
  double* HWY_RESTRICT out;
  M* bad;
  bool* ok;
  HWY_INLINE void Vector(D d, size_t i, V top, V bottom) const {
    const V cv = LoadColumn(d, c + i);
    *bad = hn::Or(*bad, hn::Not(hn::IsFinite(cv)));
    hn::StoreU(RangeValueVector<kOp>(d, top, bottom, cv), d, out + i);
  }
  void Scalar(size_t i, double top, double bottom) const {
    *ok = *ok && std::isfinite(c[i]);
    out[i] = RangeValue(kOp, top, bottom, c[i]);
  }
};

// Window extremes: the largest of hx (kHi) and/or the smallest of lx (kLo)
// over each window of w, handed to `emit`; hx and lx are one column (kTwo
// false: MAX, MIN, MIDPOINT) or the highs and lows (kTwo: MIDPRICE,
// Donchian, WILLR, %K). Small windows (w <= 8): lane j of the vector ending
// at i+j takes the extreme of the w loads ending there. Larger windows, by
// doubling in L1-sized chunks: the first level holds the extreme of the 4
// values ending at each position, straight from the input; each next one
// (updated in place, high positions first, so every read sees the previous
// level) that of twice as many, up to h, the largest power of two <= w / 2;
// the window of w is the extreme of four overlapping windows of h: about
// 1 + log2(w) passes over L1 instead of w loads per output. kChecked: also
// checks every row (finite; with kTwo also high >= low) and returns false
// at a bad one.
inline constexpr size_t kRangeChunk = 1024;  // outputs per chunk: 8 KB + the halo, in L1

template <bool kTwo, class X>
HWY_INLINE bool RangeRowOk(X hx, X lx, size_t i) {
  if (!kTwo) return std::isfinite(hx[i]);
  return std::isfinite(hx[i]) && std::isfinite(lx[i]) && hx[i] >= lx[i];
}
template <bool kTwo, class X>
HWY_INLINE bool RangeRowsOk(X hx, X lx, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (!RangeRowOk<kTwo>(hx, lx, i)) return false;
  }
  return true;
}
template <bool kChecked, bool kTwo>
HWY_INLINE void RangeCheck(V h, V l, M* bad) {
  if (!kChecked) return;
  *bad = hn::Or(*bad, hn::Not(hn::IsFinite(h)));
  if (kTwo) *bad = hn::Or(*bad, hn::Or(hn::Not(hn::IsFinite(l)), h < l));
}

// Outputs i..i+lanes-1 for w <= 8, each lane taking its w loads.
template <bool kHi, bool kLo, bool kChecked, bool kTwo, class Emit, class X>
HWY_INLINE void RangeSmallWindows(X hx, X lx, size_t w, size_t i, const Emit& emit, M* bad) {
  const D d;
  const V nh = LoadColumn(d, hx + i);
  const V nl = kTwo ? LoadColumn(d, lx + i) : nh;
  RangeCheck<kChecked, kTwo>(nh, nl, bad);
  V top = nh, bottom = nl;
  for (size_t k = 1; k < w; ++k) {
    const V vh = LoadColumn(d, hx + i - k);
    if (kHi) top = hn::Max(top, vh);
    if (kLo) bottom = hn::Min(bottom, kTwo ? LoadColumn(d, lx + i - k) : vh);
  }
  emit.Vector(d, i, top, bottom);
}

// up/down[j] describe the values ending at input base + j; the first level
// (windows of 4) comes straight from the input (positions 0..2 are never
// read): one pass and one store instead of two.
template <bool kHi, bool kLo, bool kChecked, bool kTwo, class X>
HWY_INLINE bool RangeLevelFour(X hx, X lx, size_t base, size_t len, double* HWY_RESTRICT up,
                               double* HWY_RESTRICT down, M* bad) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t j = 3;
  for (; j + lanes <= len; j += lanes) {
    const X h = hx + (base + j - 3), l = lx + (base + j - 3);
    const V a = LoadColumn(d, h + 3);
    const V al = kTwo ? LoadColumn(d, l + 3) : a;
    RangeCheck<kChecked, kTwo>(a, al, bad);
    if (kHi) {
      const V b = hn::Max(LoadColumn(d, h + 2), LoadColumn(d, h + 1));
      hn::StoreU(hn::Max(hn::Max(a, LoadColumn(d, h)), b), d, up + j);
    }
    if (kLo) {
      const V b = hn::Min(LoadColumn(d, l + 2), LoadColumn(d, l + 1));
      hn::StoreU(hn::Min(hn::Min(al, LoadColumn(d, l)), b), d, down + j);
    }
  }
  for (; j < len; ++j) {
    if (kChecked && !RangeRowOk<kTwo>(hx, lx, base + j)) return false;
    const X h = hx + (base + j - 3), l = lx + (base + j - 3);
    if (kHi) up[j] = std::fmax(std::fmax(h[3], h[0]), std::fmax(h[2], h[1]));
    if (kLo) down[j] = std::fmin(std::fmin(l[3], l[0]), std::fmin(l[2], l[1]));
  }
  return true;
}

// Windows of 2 * half from those of half, in place from the top down:
// [j - half] is read before anything at or below it is rewritten.
template <bool kHi, bool kLo>
HWY_INLINE void RangeDouble(size_t len, size_t half, double* HWY_RESTRICT up,
                            double* HWY_RESTRICT down) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t top = len;  // positions [top, len) are done
  while (top >= half + lanes) {
    const size_t at = top - lanes;
    if (kHi) hn::StoreU(hn::Max(hn::LoadU(d, up + at), hn::LoadU(d, up + at - half)), d, up + at);
    if (kLo) {
      hn::StoreU(hn::Min(hn::LoadU(d, down + at), hn::LoadU(d, down + at - half)), d, down + at);
    }
    top = at;
  }
  for (size_t t = top; t-- > half;) {
    if (kHi) up[t] = up[t] > up[t - half] ? up[t] : up[t - half];
    if (kLo) down[t] = down[t] < down[t - half] ? down[t] : down[t - half];
  }
}

// The windows of w ending at first..last-1 from those of h (h <= w < 4h):
// four each, ending at i, i - h, i - back2 and i - back3 (back2 = 2h, or h
// again when three cover the window).
template <bool kHi, bool kLo, class Emit>
HWY_INLINE void RangeWindows(size_t first, size_t last, size_t base, size_t w, size_t h,
                             const double* HWY_RESTRICT up, const double* HWY_RESTRICT down,
                             const Emit& emit) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const size_t back2 = w > 3 * h ? 2 * h : h, back3 = w - h;
  auto top_at = [&](const double* p) CW_INLINE_LAMBDA {
    return hn::Max(hn::Max(hn::LoadU(d, p), hn::LoadU(d, p - back3)),
                   hn::Max(hn::LoadU(d, p - h), hn::LoadU(d, p - back2)));
  };
  auto bottom_at = [&](const double* p) CW_INLINE_LAMBDA {
    return hn::Min(hn::Min(hn::LoadU(d, p), hn::LoadU(d, p - back3)),
                   hn::Min(hn::LoadU(d, p - h), hn::LoadU(d, p - back2)));
  };
  size_t i = first;
  for (; i + lanes <= last; i += lanes) {
    const size_t at = i - base;
    V top = hn::Zero(d), bottom = hn::Zero(d);
    if (kHi) top = top_at(up + at);
    if (kLo) bottom = bottom_at(down + at);
    emit.Vector(d, i, top, bottom);
  }
  for (; i < last; ++i) {
    const double* u = up + (i - base);
    const double* dn = down + (i - base);
    const double top =
        kHi ? std::fmax(std::fmax(u[0], *(u - back3)), std::fmax(*(u - h), *(u - back2))) : 0.0;
    const double bottom =
        kLo ? std::fmin(std::fmin(dn[0], *(dn - back3)), std::fmin(*(dn - h), *(dn - back2)))
            : 0.0;
    emit.Scalar(i, top, bottom);
  }
}

// The window ending at i, one value at a time (a series too short for a
// vector of outputs).
template <class Emit, class X>
HWY_INLINE void RangeScalarWindow(X hx, X lx, size_t w, size_t i, const Emit& emit) {
  double top = hx[i + 1 - w], bottom = lx[i + 1 - w];
  for (size_t k = i + 2 - w; k <= i; ++k) {
    top = std::fmax(top, hx[k]);
    bottom = std::fmin(bottom, lx[k]);
  }
  emit.Scalar(i, top, bottom);
}

template <bool kHi, bool kLo, bool kChecked, bool kTwo, class Emit, class X>
HWY_INLINE bool RollingRange(X hx, X lx, size_t m, size_t w, const Emit& emit) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (w == 0 || m < w || m - (w - 1) < lanes) {
    if (kChecked && !RangeRowsOk<kTwo>(hx, lx, 0, m)) return false;
    for (size_t i = w - 1; w > 0 && i < m; ++i) RangeScalarWindow(hx, lx, w, i, emit);
    return true;
  }
  // Rows before the first window end are checked here; every later row is
  // the newest of some output vector and is checked where it is loaded.
  if (kChecked && !RangeRowsOk<kTwo>(hx, lx, 0, w - 1)) return false;
  M bad = NoLanes(d);
  if (w <= 8) {
    size_t i = w - 1;
    for (; i + lanes <= m; i += lanes) {
      RangeSmallWindows<kHi, kLo, kChecked, kTwo>(hx, lx, w, i, emit, &bad);
    }
    // The last vector overlaps the previous one: the same values.
    if (i < m) RangeSmallWindows<kHi, kLo, kChecked, kTwo>(hx, lx, w, m - lanes, emit, &bad);
    return !kChecked || hn::AllFalse(d, bad);
  }
  HWY_ALIGN double up[kHi ? kRangeChunk + kDirectWindowMax + 8 : 1];
  HWY_ALIGN double down[kLo ? kRangeChunk + kDirectWindowMax + 8 : 1];
  size_t h = 4;  // the largest power of two <= w / 2 (w > 8: at least 4)
  while (h * 4 <= w) h *= 2;
  for (size_t first = w - 1; first < m; first += kRangeChunk) {
    const size_t last = std::min(m, first + kRangeChunk);  // outputs [first, last)
    const size_t base = first + 1 - w;                       // inputs [base, last)
    const size_t len = last - base;
    if (!RangeLevelFour<kHi, kLo, kChecked, kTwo>(hx, lx, base, len, up, down, &bad)) {
      return false;
    }
    for (size_t s = 8; s <= h; s *= 2) RangeDouble<kHi, kLo>(len, s / 2, up, down);
    RangeWindows<kHi, kLo>(first, last, base, w, h, up, down, emit);
  }
  return !kChecked || hn::AllFalse(d, bad);
}

// The exported variants (kernels.h).
template <class X>
void RollingMaxT(X x, size_t m, size_t w, double* out) {
  RollingRange<true, false, false, false>(x, x, m, w, EmitExtremes<true, false>{out, nullptr});
}
template <class X>
void RollingMinT(X x, size_t m, size_t w, double* out) {
  RollingRange<false, true, false, false>(x, x, m, w, EmitExtremes<false, true>{nullptr, out});
}
template <class X>
bool RollingMaxCheckedT(X x, size_t m, size_t w, double* out) {
  return RollingRange<true, false, true, false>(x, x, m, w,
                                                EmitExtremes<true, false>{out, nullptr});
}
template <class X>
bool RollingMinCheckedT(X x, size_t m, size_t w, double* out) {
  return RollingRange<false, true, true, false>(x, x, m, w,
                                                EmitExtremes<false, true>{nullptr, out});
}
template <class X>
bool HighLowRangeCheckedT(X h, X l, size_t m, size_t w, double* hi, double* lo) {
  return RollingRange<true, true, true, true>(h, l, m, w, EmitExtremes<true, true>{hi, lo});
}
template <class X>
bool HighLowMidpointCheckedT(X h, X l, size_t m, size_t w, double* mid, double*) {
  return RollingRange<true, true, true, true>(h, l, m, w, EmitMidpoint{mid});
}
template <class X>
bool RollingMidpointCheckedT(X x, size_t m, size_t w, double* mid, double*) {
  return RollingRange<true, true, true, false>(x, x, m, w, EmitMidpoint{mid});
}

// HighLowCombineChecked (kernels.h): the rows before the first window end
// are checked here, the later closes by the emitter, highs and lows by
// RollingRange.
template <RangeOp kOp, class X>
HWY_INLINE bool HighLowCombineOp(X h, X l, X c, size_t m, size_t w, double* out) {
  const D d;
  for (size_t i = 0; i + 1 < w && i < m; ++i) {
    if (!std::isfinite(c[i])) return false;
  }
  M bad = NoLanes(d);
  bool ok = true;
  const EmitRangeValue<kOp, X> emit{c, out, &bad, &ok};
  return RollingRange<true, true, true, true>(h, l, m, w, emit) && ok && hn::AllFalse(d, bad);
}
template <class X>
bool HighLowCombineCheckedT(RangeOp op, X h, X l, X c, size_t m, size_t w, double* out) {
  if (op == RangeOp::kFastK) return HighLowCombineOp<RangeOp::kFastK>(h, l, c, m, w, out);
  return HighLowCombineOp<RangeOp::kWillr>(h, l, c, m, w, out);
}

// RollingMaxAge / RollingMinAge (kernels.h): O(w) per vector of outputs.
template <bool kMax, class X>
void RollingExtremeAgeT(X x, size_t m, size_t w, double* HWY_RESTRICT out) {
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

// AroonChecked (kernels.h): both ages of each vector of windows as
// RollingExtremeAgeT finds them, combined in registers (the same
// operations as the scalar combination, so the same bits) and stored once;
// each row is checked where it is the newest of a window.
template <bool kOsc, class X>
HWY_INLINE void AroonVectorAt(X h, X l, size_t w, size_t i, double* HWY_RESTRICT down,
                              double* HWY_RESTRICT up, M* bad) {
  const D d;
  const X hb = h + i + 1 - w, lb = l + i + 1 - w;
  V top = LoadColumn(d, hb), bottom = LoadColumn(d, lb);
  V at_top = hn::Zero(d), at_bottom = hn::Zero(d);
  for (size_t k = 1; k < w; ++k) {
    const V vh = LoadColumn(d, hb + k), vl = LoadColumn(d, lb + k);
    // >= / <=: a later equal value wins (the most recent extreme).
    const auto take_top = vh >= top, take_bottom = vl <= bottom;
    top = hn::IfThenElse(take_top, vh, top);
    bottom = hn::IfThenElse(take_bottom, vl, bottom);
    at_top = hn::IfThenElse(take_top, hn::Set(d, static_cast<double>(k)), at_top);
    at_bottom = hn::IfThenElse(take_bottom, hn::Set(d, static_cast<double>(k)), at_bottom);
  }
  RangeCheck<true, true>(LoadColumn(d, hb + w - 1), LoadColumn(d, lb + w - 1), bad);
  const V n = hn::Set(d, static_cast<double>(w - 1));  // the last k
  const V high_age = hn::Sub(n, at_top), low_age = hn::Sub(n, at_bottom);
  const V factor = hn::Set(d, 100.0 / static_cast<double>(w - 1));
  if (kOsc) {
    hn::StoreU(hn::Mul(factor, hn::Sub(low_age, high_age)), d, down + i);
  } else {
    hn::StoreU(hn::Mul(factor, hn::Sub(n, high_age)), d, up + i);
    hn::StoreU(hn::Mul(factor, hn::Sub(n, low_age)), d, down + i);
  }
}

template <class X>
bool AroonCheckedT(X h, X l, size_t m, size_t n, bool osc, double* down, double* up) {
  const D d;
  const size_t lanes = hn::Lanes(d), w = n + 1;
  if (m < w || m - n < lanes) {
    if (!RangeRowsOk<true>(h, l, 0, m)) return false;
    AroonReference(h, l, n, m, n, osc, down, up);
    return true;
  }
  if (!RangeRowsOk<true>(h, l, 0, n)) return false;
  M bad = NoLanes(d);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    if (osc) {
      AroonVectorAt<true>(h, l, w, i, down, up, &bad);
    } else {
      AroonVectorAt<false>(h, l, w, i, down, up, &bad);
    }
  };
  size_t i = n;
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);  // overlaps the previous vector: the same values
  return hn::AllFalse(d, bad);
}

// RangeCombine (kernels.h) for one operation.
template <RangeOp kOp, class X>
HWY_INLINE void RangeCombineOp(const double* hi, const double* lo, X c, size_t from, size_t m,
                               double* out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d), hundred = hn::Set(d, 100.0);
  size_t i = from;
  for (; i + lanes <= m; i += lanes) {
    if (kOp == RangeOp::kPercentOf) {
      const V cv = LoadColumn(d, c + i);
      hn::StoreU(hn::IfThenZeroElse(hn::Eq(cv, zero),
                                    hn::Mul(hn::Div(hn::LoadU(d, hi + i), cv), hundred)),
                 d, out + i);
      continue;
    }
    const V h = hn::LoadU(d, hi + i), l = hn::LoadU(d, lo + i);
    const V cv = kOp == RangeOp::kMidpoint ? zero : LoadColumn(d, c + i);
    hn::StoreU(RangeValueVector<kOp>(d, h, l, cv), d, out + i);
  }
  for (; i < m; ++i) {
    out[i] = RangeValue(kOp, hi[i], kOp == RangeOp::kPercentOf ? 0.0 : lo[i],
                        kOp == RangeOp::kMidpoint ? 0.0 : c[i]);
  }
}

template <class X>
void RangeCombineT(RangeOp op, const double* hi, const double* lo, X c, size_t from, size_t m,
                   double* out) {
  switch (op) {
    case RangeOp::kMidpoint: return RangeCombineOp<RangeOp::kMidpoint>(hi, lo, c, from, m, out);
    case RangeOp::kFastK: return RangeCombineOp<RangeOp::kFastK>(hi, lo, c, from, m, out);
    case RangeOp::kPercentOf: return RangeCombineOp<RangeOp::kPercentOf>(hi, lo, c, from, m, out);
    default: return RangeCombineOp<RangeOp::kWillr>(hi, lo, c, from, m, out);
  }
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
