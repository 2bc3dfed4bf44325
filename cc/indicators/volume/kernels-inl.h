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
    const SumScan scan(1.0);
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

// ADOSC in one pass, a block of rows at a time: the A/D prefix scan of a
// block into L1 and the two EMA scans of the block before it, side by side
// in one loop (the same operations per vector as feeding each A/D vector
// straight on, so the same bits). Each scan keeps one short carried chain;
// the EMAs never wait on the A/D chain of the same rows (fed straight on,
// every EMA vector did and the out-of-order window filled up), and the
// input rows keep streaming in while the EMAs run (a block's A/D scan,
// then its EMAs, left memory idle during the EMAs). Validates on the way.
inline constexpr size_t kChaikinBlock = 512;  // a multiple of every lane count

template <class X>
class ChaikinScans {
 public:
  ChaikinScans(const X* cols, double kf, double ks, double acc)
      : cols_(cols), sum_(1.0), fast_(1.0 - kf), slow_(1.0 - ks), kf_(hn::Set(D(), kf)),
        ks_(hn::Set(D(), ks)), acc_(hn::Set(D(), acc)), f_(acc_), s_(acc_), bad_(NoLanes(D())) {}

  // The A/D line of the rows row..row+lanes-1 into line.
  HWY_INLINE void Line(size_t row, double* HWY_RESTRICT line) {
    const D d;
    hn::Store(sum_.Step(MoneyFlowAt<true>(d, cols_, row, &bad_), &acc_), d, line);
  }
  // The oscillator of the A/D vector at line into out.
  HWY_INLINE void Emas(const double* HWY_RESTRICT line, double* HWY_RESTRICT out) {
    const D d;
    const V v = hn::Load(d, line);
    const V f = fast_.Step(hn::Mul(kf_, v), &f_);
    const V sl = slow_.Step(hn::Mul(ks_, v), &s_);
    hn::StoreU(hn::Sub(f, sl), d, out);
  }
  bool ok() const { return hn::AllFalse(D(), bad_); }
  double acc() const { return hn::GetLane(acc_); }
  double fast() const { return hn::GetLane(f_); }
  double slow() const { return hn::GetLane(s_); }

 private:
  const X* cols_;
  const SumScan sum_;
  const Scan fast_, slow_;
  const V kf_, ks_;
  V acc_, f_, s_;
  M bad_;
};

// The vector rows [i, m) of ADOSC (kernels.h) after row i - 1's state in
// *scans; returns the first row left for the scalar tail. Block b's A/D
// line goes to ad[b % 2] while the EMAs of block b - 1 read the other.
template <class X>
HWY_INLINE size_t ChaikinBlocks(ChaikinScans<X>* scans, size_t i, size_t m,
                                double* HWY_RESTRICT out) {
  const size_t lanes = hn::Lanes(D());
  HWY_ALIGN double ad[2][kChaikinBlock];
  double* line = ad[0];
  double* prev_line = ad[1];
  size_t prev = i, prev_len = 0;  // the previous block: rows, whose EMAs are due
  while (i + lanes <= m) {
    const size_t len = std::min(kChaikinBlock, (m - i) / lanes * lanes);
    const size_t both = std::min(len, prev_len);
    size_t k = 0;
    for (; k < both; k += lanes) {
      scans->Line(i + k, line + k);
      scans->Emas(prev_line + k, out + prev + k);
    }
    for (size_t j = k; j < len; j += lanes) scans->Line(i + j, line + j);
    for (; k < prev_len; k += lanes) scans->Emas(prev_line + k, out + prev + k);
    std::swap(line, prev_line);
    prev = i;
    prev_len = len;
    i += len;
  }
  for (size_t k = 0; k < prev_len; k += lanes) scans->Emas(prev_line + k, out + prev + k);
  return i;
}

template <class X>
bool ChaikinOscillatorT(const X* cols, size_t m, double kf, double ks,
                                   double* HWY_RESTRICT out) {
  if (m == 0) return true;
  if (!MoneyFlowRowOk(cols, 0)) return false;
  double acc = MoneyFlowVolumeValue(cols[0][0], cols[1][0], cols[2][0], cols[3][0]);
  double fast = acc, slow = acc;
  size_t i = 1;
  if (hn::Lanes(D()) <= kMaxScanLanes) {
    ChaikinScans<X> scans(cols, kf, ks, acc);
    i = ChaikinBlocks(&scans, i, m, out);
    if (!scans.ok()) return false;
    acc = scans.acc();
    fast = scans.fast();
    slow = scans.slow();
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
    const SumScan scan(1.0);
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
