// The directional-movement kernel: Wilder's +DM, -DM and true range
// smoothed as vector scans.
// Compiled once per Highway target by directional/kernels.cc (foreach_target.h),
// hence the per-target guard; directional/kernels.h says what each computes.
#include "cc/indicators/directional/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// WilderDirectional (kernels.h): DirectionalSmoothing's first n-1 sums
// directly, then its three smoothings as scans over branch-free moves.
template <class X>
void WilderDirectionalT(X h, X l, X c, size_t m, size_t n, double* HWY_RESTRICT plus,
                        double* HWY_RESTRICT minus, double* HWY_RESTRICT tr) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m <= n) return;
  DirectionalSmoothing smooth(n);
  for (size_t i = 0; i < n; ++i) smooth.Push(h[i], l[i], c[i]);
  size_t i = n;
  if (lanes <= kMaxScanLanes) {
    const Scan scan(smooth.a());
    const V zero = hn::Zero(d);
    V cp = hn::Set(d, smooth.plus()), cm = hn::Set(d, smooth.minus());
    V ct = hn::Set(d, smooth.tr());
    for (; i + lanes <= m; i += lanes) {
      const V hv = LoadColumn(d, h + i), hp = LoadColumn(d, h + i - 1);
      const V lv = LoadColumn(d, l + i), lp = LoadColumn(d, l + i - 1);
      const V pc = LoadColumn(d, c + i - 1);
      const V diff_p = hn::Sub(hv, hp), diff_m = hn::Sub(lp, lv);
      const auto take_m = hn::And(diff_m > zero, diff_p < diff_m);
      const auto take_p = hn::AndNot(take_m, hn::And(diff_p > zero, diff_p > diff_m));
      const V yp = scan.Step(hn::IfThenElseZero(take_p, diff_p), &cp);
      const V ym = scan.Step(hn::IfThenElseZero(take_m, diff_m), &cm);
      const V yt = scan.Step(TrueRangeOf(hv, lv, pc), &ct);
      hn::StoreU(yp, d, plus + i);
      hn::StoreU(ym, d, minus + i);
      hn::StoreU(yt, d, tr + i);
    }
    smooth.Set(hn::GetLane(cp), hn::GetLane(cm), hn::GetLane(ct));
  }
  for (; i < m; ++i) {
    double dp, dm;
    DirectionalMove(h[i], l[i], h[i - 1], l[i - 1], &dp, &dm);
    smooth.Smooth(dp, dm, TrueRangeValue(h[i], l[i], c[i - 1]));
    plus[i] = smooth.plus();
    minus[i] = smooth.minus();
    tr[i] = smooth.tr();
  }
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
