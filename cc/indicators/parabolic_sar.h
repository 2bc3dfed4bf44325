// Parabolic SAR one bar at a time, TA-Lib's algorithm. The batch loop
// (functions.cc) and the streaming engine (stream.cc) both run this code, so
// their values agree bit for bit.
#ifndef CANDLEWICK_CC_INDICATORS_PARABOLIC_SAR_H_
#define CANDLEWICK_CC_INDICATORS_PARABOLIC_SAR_H_

#include <algorithm>

namespace candlewick {
namespace indicators {

class ParabolicSar {
 public:
  // acceleration is clamped to maximum, as TA-Lib does.
  ParabolicSar(double acceleration, double maximum)
      : step_(std::min(acceleration, maximum)), max_af_(maximum) {}

  // From bars 0 and 1: the first direction is short when bar 1 has a -DM
  // (low fell more than high rose), else long; the first SAR is bar 0's low
  // (long) or high (short), the first extreme point bar 1's high or low.
  void Start(double h0, double l0, double h1, double l1) {
    af_ = step_;
    const double up = h1 - h0, down = l0 - l1;
    is_long_ = !(down > 0 && up < down);
    ep_ = is_long_ ? h1 : l1;
    sar_ = is_long_ ? l0 : h0;
    new_low_ = l1;
    new_high_ = h1;
  }

  // Bar i >= 1 (bar 1 first, right after Start): returns its SAR.
  double Next(double h, double l) {
    const double prev_low = new_low_, prev_high = new_high_;
    new_low_ = l;
    new_high_ = h;
    double value;
    if (is_long_) {
      if (new_low_ <= sar_) {
        is_long_ = false;
        sar_ = std::max({ep_, prev_high, new_high_});
        value = sar_;
        af_ = step_;
        ep_ = new_low_;
        sar_ = std::max({sar_ + af_ * (ep_ - sar_), prev_high, new_high_});
      } else {
        value = sar_;
        if (new_high_ > ep_) {
          ep_ = new_high_;
          af_ = std::min(af_ + step_, max_af_);
        }
        sar_ = std::min({sar_ + af_ * (ep_ - sar_), prev_low, new_low_});
      }
    } else {
      if (new_high_ >= sar_) {
        is_long_ = true;
        sar_ = std::min({ep_, prev_low, new_low_});
        value = sar_;
        af_ = step_;
        ep_ = new_high_;
        sar_ = std::min({sar_ + af_ * (ep_ - sar_), prev_low, new_low_});
      } else {
        value = sar_;
        if (new_low_ < ep_) {
          ep_ = new_low_;
          af_ = std::min(af_ + step_, max_af_);
        }
        sar_ = std::max({sar_ + af_ * (ep_ - sar_), prev_high, new_high_});
      }
    }
    return value;
  }

 private:
  double step_, max_af_;
  double af_ = 0, ep_ = 0, sar_ = 0, new_low_ = 0, new_high_ = 0;
  bool is_long_ = true;
};

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_PARABOLIC_SAR_H_
