// Directional movement and trend stops, one bar at a time: Wilder's +DM/-DM
// and their smoothing, DX and ADX, TA-Lib's Parabolic SAR and the
// Supertrend band logic. The batch (directional/batch.cc) and the stream
// (directional/stream.cc) both run these classes, and the vector kernel
// WilderDirectional runs the same smoothing, so each is written once.
// Header-only.
#ifndef CANDLEWICK_CC_INDICATORS_DIRECTIONAL_SCALAR_H_
#define CANDLEWICK_CC_INDICATORS_DIRECTIONAL_SCALAR_H_

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/volatility/scalar.h"

namespace candlewick {
namespace indicators {

// The +DM and -DM of a bar against the previous one (TA-Lib): only the
// larger move counts, and only when it is positive.
inline void DirectionalMove(double h, double l, double prev_h, double prev_l, double* plus,
                            double* minus) {
  const double diff_p = h - prev_h;
  const double diff_m = prev_l - l;
  *plus = *minus = 0;
  if (diff_m > 0 && diff_p < diff_m) {
    *minus = diff_m;
  } else if (diff_p > 0 && diff_p > diff_m) {
    *plus = diff_p;
  }
}

// Wilder's smoothing of +DM, -DM and the true range as TA-Lib runs it: bars
// 1..n-1 are summed, then from bar n on each sum is smoothed as
// v = v (n-1)/n + today's value (TA-Lib writes v - v/n + x, which puts a
// division on the loop-carried chain).
class DirectionalSmoothing {
 public:
  explicit DirectionalSmoothing(size_t n)
      : n_(n), a_(static_cast<double>(n - 1) / static_cast<double>(n)) {}

  void Reset() {
    bars_ = 0;
    plus_ = minus_ = tr_ = 0;
  }

  // Takes bar (h, l, c); true from bar n on (then plus(), minus(), tr()).
  bool Push(double h, double l, double c) {
    const size_t t = bars_++;
    const double ph = prev_h_, pl = prev_l_, pc = prev_c_;
    prev_h_ = h;
    prev_l_ = l;
    prev_c_ = c;
    if (t == 0) return false;
    double dp, dm;
    DirectionalMove(h, l, ph, pl, &dp, &dm);
    const double r = TrueRangeValue(h, l, pc);
    if (t < n_) {
      plus_ += dp;
      minus_ += dm;
      tr_ += r;
      return false;
    }
    Smooth(dp, dm, r);
    return true;
  }

  void Smooth(double dp, double dm, double r) {
    plus_ = a_ * plus_ + dp;
    minus_ = a_ * minus_ + dm;
    tr_ = a_ * tr_ + r;
  }
  // Continues from sums found elsewhere (the vector kernel's carries).
  void Set(double plus, double minus, double tr) {
    plus_ = plus;
    minus_ = minus;
    tr_ = tr;
  }

  double plus() const { return plus_; }
  double minus() const { return minus_; }
  double tr() const { return tr_; }
  double a() const { return a_; }

 private:
  size_t n_;
  double a_;
  size_t bars_ = 0;
  double prev_h_ = 0, prev_l_ = 0, prev_c_ = 0;
  double plus_ = 0, minus_ = 0, tr_ = 0;
};

// +DI or -DI from the smoothed movement and range; 0 without range.
inline double DirectionalIndex(double dm, double tr) { return tr != 0 ? 100.0 * (dm / tr) : 0.0; }

// DX from the smoothed values; false when undefined (no range or no
// movement).
inline bool DxValue(double plus, double minus, double tr, double* dx) {
  if (tr == 0) return false;
  const double minus_di = 100.0 * (minus / tr);
  const double plus_di = 100.0 * (plus / tr);
  const double sum = minus_di + plus_di;
  if (sum == 0) return false;
  *dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
  return true;
}

// ADX from DX (TA-Lib): the mean of the first n DX values (an undefined DX
// counts as 0), then Wilder's smoothing that skips undefined DX.
class AdxStep {
 public:
  explicit AdxStep(size_t n) : n_(n), dn_(static_cast<double>(n)) {}

  void Reset() {
    count_ = 0;
    sum_ = adx_ = 0;
  }

  // Takes one bar's DX (`defined` false: none); true once the ADX is
  // defined (then *adx is it).
  bool Push(bool defined, double dx, double* adx) {
    if (count_ < n_) {
      if (defined) sum_ += dx;
      if (++count_ < n_) return false;
      adx_ = sum_ / dn_;
    } else if (defined) {
      adx_ = (adx_ * (dn_ - 1) + dx) / dn_;
    }
    *adx = adx_;
    return true;
  }

 private:
  size_t n_;
  double dn_;
  size_t count_ = 0;
  double sum_ = 0, adx_ = 0;
};

// Parabolic SAR one bar at a time, TA-Lib's algorithm.
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

  // Bar i >= 1 (bar 1 first, right after Start): returns its SAR. Inlined
  // so the state stays in registers across a batch loop.
  __attribute__((always_inline)) double Next(double h, double l) {
    const double prev_low = new_low_, prev_high = new_high_;
    new_low_ = l;
    new_high_ = h;
    // std::min({a, b, c}) is std::min(a, std::min(b, c)), ties included:
    // the pairs come off the SAR's dependency chain.
    const double lows = std::min(prev_low, l), highs = std::max(prev_high, h);
    return is_long_ ? Step<true>(h, l, lows, highs) : Step<false>(l, h, highs, lows);
  }

 private:
  // One bar of a long (kLong) or short trend: `favourable` the price that
  // may extend the trend (the high when long), `adverse` the one that may
  // reverse it; `guard` the extreme of this bar and the last that the SAR
  // must not cross (the lower low when long), `opposite` the other one.
  template <bool kLong>
  __attribute__((always_inline)) double Step(double favourable, double adverse, double guard,
                                             double opposite) {
    if (kLong ? adverse <= sar_ : adverse >= sar_) {  // reversal: the rare branch
      is_long_ = !kLong;
      const double value = kLong ? std::max(ep_, opposite) : std::min(ep_, opposite);
      af_ = step_;
      ep_ = adverse;
      const double next = value + af_ * (ep_ - value);
      sar_ = kLong ? std::max(next, opposite) : std::min(next, opposite);
      return value;
    }
    const double value = sar_;
    // A new extreme as selects, not a branch (on prices it mispredicts).
    // Adding 0 and clamping leaves af_ as it was: af_ <= max_af_ always.
    const bool extreme = kLong ? favourable > ep_ : favourable < ep_;
    ep_ = extreme ? favourable : ep_;
    af_ = std::min(af_ + step_ * static_cast<double>(extreme), max_af_);
    const double next = sar_ + af_ * (ep_ - sar_);
    sar_ = kLong ? std::min(next, guard) : std::max(next, guard);
    return value;
  }

  double step_, max_af_;
  double af_ = 0, ep_ = 0, sar_ = 0, new_low_ = 0, new_high_ = 0;
  bool is_long_ = true;
};

// Supertrend's bands (TradingView's algorithm): hl2 +- multiplier * ATR;
// the final upper band only moves down (the lower only up) unless the
// previous close crossed it; a down trend turns up when the close rises
// above the upper band, an up trend down when it falls below the lower one;
// the first bar is a down trend on the upper band.
class SupertrendStep {
 public:
  explicit SupertrendStep(double multiplier) : mult_(multiplier) {}

  void Reset() { started_ = false; }

  // A bar with its ATR and the previous bar's close: the band that is the
  // value now, and the direction (+1 up, -1 down).
  void Next(double h, double l, double c, double prev_close, double atr, double* value,
            double* direction) {
    const double mid = (h + l) / 2.0;
    const double basic_upper = mid + mult_ * atr;
    const double basic_lower = mid - mult_ * atr;
    if (!started_) {
      upper_ = basic_upper;
      lower_ = basic_lower;
      up_ = false;
      started_ = true;
    } else {
      const bool was_up = up_;
      lower_ = (basic_lower > lower_ || prev_close < lower_) ? basic_lower : lower_;
      upper_ = (basic_upper < upper_ || prev_close > upper_) ? basic_upper : upper_;
      up_ = was_up ? !(c < lower_) : c > upper_;
    }
    *value = up_ ? lower_ : upper_;
    *direction = up_ ? 1.0 : -1.0;
  }

 private:
  double mult_;
  bool started_ = false, up_ = false;
  double upper_ = 0, lower_ = 0;
};

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_DIRECTIONAL_SCALAR_H_
