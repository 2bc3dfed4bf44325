// The momentum kernels: Wilder's RSI and CMO, the MACD line and signal, the
// lag transforms (MOM, the ROC family) and the Ultimate Oscillator. Each
// runs the Highway code of momentum/kernels-inl.h for the best target this
// CPU supports (momentum/kernels.cc dispatches) and has a scalar reference
// in momentum/scalar.h that the tests compare against on every target. Input
// columns as in moving_average/kernels.h: any unit-stride pointer or a
// StridedColumn, read in place with the same arithmetic.
#ifndef CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/momentum/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (momentum/kernels.cc).
template <class X>
struct MomentumKernels {
  void (*ema_difference)(X x, size_t m, double kf, double ks, double ef0, double es0,
                         double* out);
  void (*linear_recurrence_with_residual)(X x, size_t m, double a, double b, double y0,
                                          double* y, double* r);
  void (*rsi_from_seeds)(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                         double* out);
  void (*cmo_from_seeds)(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                         double* out);
  bool (*lag_transform_checked)(LagOp op, X x, size_t m, size_t n, double* out);
  bool (*ultimate_oscillator)(X h, X l, X c, size_t m, size_t p0, size_t p1, size_t p2,
                              double* bp, double* tr, double* out);
  void (*rsi_holding_from_seeds)(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                                 double* out);
};
template <class X>
const MomentumKernels<X>& MomentumKernelsFor();

// The MACD line in one pass: two EMAs of x, ef = (1-kf) ef + kf x and
// es = (1-ks) es + ks x, from ef0/es0 (their values at bar -1), and
// out[i] = ef - es for 0 <= i < m.
template <class X>
void EmaDifference(X x, size_t m, double kf, double ks, double ef0, double es0, double* out) {
  MomentumKernelsFor<KernelColumn<X>>().ema_difference(x, m, kf, ks, ef0, es0, out);
}

// LinearRecurrence that also stores the residual r[i] = x[i] - y[i] (the
// MACD histogram next to its signal line) in the same pass.
template <class X>
void LinearRecurrenceWithResidual(X x, size_t m, double a, double b, double y0, double* y,
                                  double* r) {
  MomentumKernelsFor<KernelColumn<X>>().linear_recurrence_with_residual(x, m, a, b, y0, y, r);
}

// Wilder RSI from bar `n` on: avg_gain/avg_loss are the seeds (the means of
// the first n gains and losses, i.e. the state at bar n); for i in (n, m) the
// averages follow WilderGainLoss::Smooth and out[i] = 100 * gain / (gain +
// loss) (0 when both are 0). out[n] is written from the seeds.
template <class X>
void RsiFromSeeds(X x, size_t m, size_t n, double avg_gain, double avg_loss, double* out) {
  MomentumKernelsFor<KernelColumn<X>>().rsi_from_seeds(x, m, n, avg_gain, avg_loss, out);
}

// RsiFromSeeds, except that a bar with no move (x[i] == x[i-1]) repeats
// out[i-1]: the exact value there (both averages are scaled by the same
// factor), where the scan's two roundings would move it by ulps. STOCHRSI's
// RSI: over equal closes its %K window then has a range of exactly 0.
template <class X>
void RsiHoldingFromSeeds(X x, size_t m, size_t n, double avg_gain, double avg_loss,
                         double* out) {
  MomentumKernelsFor<KernelColumn<X>>().rsi_holding_from_seeds(x, m, n, avg_gain, avg_loss,
                                                                 out);
}

// Chande momentum oscillator with TA-Lib's Wilder smoothing: as
// RsiFromSeeds, but out[i] = 100 * (gain - loss) / (gain + loss).
template <class X>
void CmoFromSeeds(X x, size_t m, size_t n, double avg_gain, double avg_loss, double* out) {
  MomentumKernelsFor<KernelColumn<X>>().cmo_from_seeds(x, m, n, avg_gain, avg_loss, out);
}

// MOM and the rate-of-change family (LagValue) over x with lag n, for
// n <= i < m, validating that every x[0..m) is finite in the same pass (true
// when all were; false: out unspecified).
template <class X>
bool LagTransformChecked(LagOp op, X x, size_t m, size_t n, double* out) {
  return MomentumKernelsFor<KernelColumn<X>>().lag_transform_checked(op, x, m, n, out);
}

// The Ultimate Oscillator over high/low/close with sorted periods
// p0 <= p1 <= p2: buying pressure and true range (UltimateTerms) go to the
// caller's scratch (m doubles each); then for p2 <= i < m, with a_k = sum bp
// / sum tr over the p_k bars ending at i (0 when that sum is 0),
// out[i] = 100/7 * (4 a0 + 2 a1 + a2), the three ratios over one common
// denominator (one division per output). The window sums are direct (O(p2)
// per vector of outputs, all three windows in one sweep): no subtraction, so
// a window of zero ranges sums to exactly 0 and the sums carry a few ulp,
// not a sliding sum's residue. Also validates every row (all finite, high
// >= low) where it is first read: returns false when one is bad (out then
// unspecified).
template <class H, class L, class C>
bool UltimateOscillator(H h, L l, C c, size_t m, size_t p0, size_t p1, size_t p2, double* bp,
                        double* tr, double* out) {
  return MomentumKernelsFor<KernelColumn<H>>().ultimate_oscillator(h, l, c, m, p0, p1, p2, bp,
                                                                   tr, out);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOMENTUM_KERNELS_H_
