// The volume kernels: the A/D line, the Chaikin oscillator and on-balance
// volume, each validating its rows in the same pass.
// Compiled once per Highway target by volume/kernels.cc (foreach_target.h),
// hence the per-target guard; volume/kernels.h says what each computes.
#include "cc/indicators/volume/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

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
template <bool kChecked, class X>
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
bool AccumulationDistributionT(const X* cols, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  size_t i = 0;
  double acc = 0;
  if (lanes <= kMaxScanLanes) {
    const Scan scan(1.0);
    V carry = hn::Zero(d);
    M bad = NoLanes(d);
    for (; i + lanes <= m; i += lanes) {
      const V y = scan.Step(MoneyFlowAt<kChecked>(d, cols, i, &bad), &carry);
      hn::StoreU(y, d, out + i);
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

// ADOSC in one pass, a block of rows at a time: the A/D prefix scan of the
// block into L1, then its two EMA scans (the same operations per vector as
// feeding each A/D vector straight on, so the same bits). Apart, each loop
// has one short carried chain per scan; together, every EMA vector waited
// on the A/D chain and the out-of-order window filled up. Validates on the
// way.
inline constexpr size_t kChaikinBlock = 512;  // a multiple of every lane count

template <class X>
bool ChaikinOscillatorT(const X* cols, size_t m, double kf, double ks,
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
    M bad = NoLanes(d);
    HWY_ALIGN double ad[kChaikinBlock];
    while (i + lanes <= m) {
      const size_t end = i + std::min(kChaikinBlock, (m - i) / lanes * lanes);
      for (size_t j = i; j < end; j += lanes) {
        const V v = sum.Step(MoneyFlowAt<true>(d, cols, j, &bad), &cacc);
        hn::Store(v, d, ad + (j - i));
      }
      for (size_t j = i; j < end; j += lanes) {
        const V v = hn::Load(d, ad + (j - i));
        const V f = fscan.Step(hn::Mul(vkf, v), &cf);
        const V sl = sscan.Step(hn::Mul(vks, v), &cs);
        hn::StoreU(hn::Sub(f, sl), d, out + j);
      }
      i = end;
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

// OnBalanceVolumeChecked (kernels.h): the signed volumes summed by a scan.
template <class X>
bool OnBalanceVolumeT(X c, X v, size_t m, double* HWY_RESTRICT out) {
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
    M bad = NoLanes(d);
    for (; i + lanes <= m; i += lanes) {
      const V cv = LoadColumn(d, c + i), pc = LoadColumn(d, c + i - 1);
      const V vv = LoadColumn(d, v + i);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(hn::Add(cv, vv))));
      bad = hn::Or(bad, vv < zero);
      const V flow = hn::IfThenElse(cv > pc, vv, hn::IfThenElseZero(cv < pc, hn::Neg(vv)));
      const V y = scan.Step(flow, &carry);
      hn::StoreU(y, d, out + i);
    }
    if (!hn::AllFalse(d, bad)) return false;
    total = hn::GetLane(carry);
  }
  for (; i < m; ++i) {
    if (!row_ok(i)) return false;
    total = ObvStep(total, c[i], c[i - 1], v[i]);
    out[i] = total;
  }
  return true;
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
