// The linear-regression kernel: the least-squares line through every
// window, vectorised across windows.
// Compiled once per Highway target by regression/kernels.cc (foreach_target.h),
// hence the per-target guard; regression/kernels.h says what each computes.
#include "cc/indicators/regression/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_REGRESSION_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// WindowLinearFit (kernels.h): LinearFit of regression/scalar.h in every
// lane, one window per lane.
template <class X>
void WindowLinearFitT(X x, size_t m, size_t n, double* HWY_RESTRICT mean,
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

// WindowLineChecked (kernels.h) for one output: the fit of WindowLinearFitT
// and LineValue of its line in registers, so neither the means nor the
// slopes go through memory; the newest row of every window is checked as
// it is loaded, the rows before the first window by the scalar loop.
template <LineOutput kWhat, class X>
HWY_INLINE bool WindowLineOp(X x, size_t m, size_t n, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  for (size_t i = 0; i + 1 < n && i < m; ++i) {
    if (!std::isfinite(x[i])) return false;
  }
  if (n == 0 || m < n) return true;
  if (m - (n - 1) < lanes) return WindowLineCheckedReference(kWhat, x, m, n, out);
  const double dn = static_cast<double>(n);
  const double half = (dn - 1.0) / 2.0;
  const V vn = hn::Set(d, dn), vsxx = hn::Set(d, dn * (dn * dn - 1.0) / 12.0);
  const V vhalf = hn::Set(d, half), vahead = hn::Set(d, (dn + 1.0) / 2.0);
  M bad = NoLanes(d);
  auto emit = [&](size_t i, V ref, V sd, V st) CW_INLINE_LAMBDA {
    const V mean = hn::Add(ref, hn::Div(sd, vn)), slope = hn::Div(st, vsxx);
    // LineValue's operations, one by one.
    V value = slope;
    if (kWhat == LineOutput::kNewest) value = hn::Add(mean, hn::Mul(slope, vhalf));
    if (kWhat == LineOutput::kOldest) value = hn::Sub(mean, hn::Mul(slope, vhalf));
    if (kWhat == LineOutput::kForecast) value = hn::Add(mean, hn::Mul(slope, vahead));
    hn::StoreU(value, d, out + i);
    // The angle: LineValue's std::atan of each slope while it is in L1.
    for (size_t j = 0; kWhat == LineOutput::kAngle && j < lanes; ++j) {
      out[i + j] = LineValue(LineOutput::kAngle, 0.0, out[i + j], n);
    }
  };
  // The sums are one add-latency chain per window; kGroups vectors of
  // windows side by side overlap the waits (each lane's operations are
  // unchanged). (x - x) is NaN exactly when x is not finite.
  constexpr size_t kGroups = 4;
  auto group = [&](size_t i) CW_INLINE_LAMBDA {
    const X base = x + i + 1 - n;
    V ref[kGroups], sd[kGroups], st[kGroups];
    V nonfinite = hn::Zero(d);
#pragma GCC unroll 4
    for (size_t g = 0; g < kGroups; ++g) {
      ref[g] = LoadColumn(d, x + i + g * lanes);
      nonfinite = hn::Add(nonfinite, hn::Sub(ref[g], ref[g]));
      sd[g] = st[g] = hn::Zero(d);
    }
    bad = hn::Or(bad, hn::Not(hn::IsFinite(nonfinite)));
    for (size_t k = 0; k < n; ++k) {
      const V t = hn::Set(d, static_cast<double>(k) - half);
#pragma GCC unroll 4
      for (size_t g = 0; g < kGroups; ++g) {
        const V dv = hn::Sub(LoadColumn(d, base + k + g * lanes), ref[g]);
        sd[g] = hn::Add(sd[g], dv);
        st[g] = hn::Add(st[g], hn::Mul(t, dv));
      }
    }
#pragma GCC unroll 4
    for (size_t g = 0; g < kGroups; ++g) emit(i + g * lanes, ref[g], sd[g], st[g]);
  };
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const X base = x + i + 1 - n;
    const V ref = LoadColumn(d, x + i);
    bad = hn::Or(bad, hn::Not(hn::IsFinite(ref)));
    V sd = hn::Zero(d), st = hn::Zero(d);
    for (size_t k = 0; k < n; ++k) {
      const V dv = hn::Sub(LoadColumn(d, base + k), ref);
      sd = hn::Add(sd, dv);
      st = hn::Add(st, hn::Mul(hn::Set(d, static_cast<double>(k) - half), dv));
    }
    emit(i, ref, sd, st);
  };
  size_t i = n - 1;
  for (; i + kGroups * lanes <= m; i += kGroups * lanes) group(i);
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);
  return hn::AllFalse(d, bad);
}

template <class X>
bool WindowLineCheckedT(LineOutput what, X x, size_t m, size_t n, double* out) {
  switch (what) {
    case LineOutput::kNewest: return WindowLineOp<LineOutput::kNewest>(x, m, n, out);
    case LineOutput::kSlope: return WindowLineOp<LineOutput::kSlope>(x, m, n, out);
    case LineOutput::kOldest: return WindowLineOp<LineOutput::kOldest>(x, m, n, out);
    case LineOutput::kForecast: return WindowLineOp<LineOutput::kForecast>(x, m, n, out);
    case LineOutput::kAngle: break;
  }
  return WindowLineOp<LineOutput::kAngle>(x, m, n, out);
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
