// Volume indicators, one bar at a time: Chaikin's money-flow volume (AD,
// ADOSC, CMF), the OBV step, the compensated cumulative sums of VWAP, MFI's
// ratio, and the scalar reference of the A/D line. The batch, the kernels'
// tails and the stream call these. Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_VOLUME_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_VOLUME_SCALAR_H_

#include <cmath>
#include <cstddef>

namespace candlewick {
namespace indicators {

// Chaikin's money-flow multiplier times volume; 0 when high == low.
inline double MoneyFlowVolumeValue(double h, double l, double c, double v) {
  const double range = h - l;
  return range > 0 ? (((c - l) - (h - c)) / range) * v : 0.0;
}

// On-balance volume: + v when the close rose, - v when it fell.
inline double ObvStep(double total, double c, double prev_c, double v) {
  if (c > prev_c) {
    total += v;
  } else if (c < prev_c) {
    total -= v;
  }
  return total;
}

// MFI from the window sums of positive and negative money flow: 100 * pos /
// (pos + neg), 0 when both are 0.
inline double MfiValue(double pos, double neg) {
  const double total = pos + neg;
  return total == 0 ? 0.0 : 100.0 * (pos / total);
}

// A sum with Neumaier's compensation.
struct CompensatedSum {
  double sum = 0, c = 0;
  void Add(double v) {
    const double t = sum + v;
    c += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  double Value() const { return sum + c; }
};

// VWAP of the typical price since the last Restart() (an anchor, the start
// of a run): sum(tp v) / sum(v), compensated so that a million-bar VWAP
// stays within a few ulps; where no volume has traded since the anchor, the
// plain mean of the typical prices.
class VwapStep {
 public:
  void Restart() {
    pv_ = vol_ = tp_sum_ = CompensatedSum();
    count_ = 0;
  }
  double Push(double tp, double v) {
    pv_.Add(tp * v);
    vol_.Add(v);
    tp_sum_.Add(tp);
    ++count_;
    const double volume = vol_.Value();
    return volume != 0 ? pv_.Value() / volume : tp_sum_.Value() / static_cast<double>(count_);
  }

 private:
  CompensatedSum pv_, vol_, tp_sum_;
  size_t count_ = 0;
};

// ---- Scalar reference of the A/D kernel ----------------------------------

template <class X>
inline void AccumulationDistributionReference(const X* cols, size_t m, double* out) {
  double ad = 0;
  for (size_t i = 0; i < m; ++i) {
    ad += MoneyFlowVolumeValue(cols[0][i], cols[1][i], cols[2][i], cols[3][i]);
    out[i] = ad;
  }
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLUME_SCALAR_H_
