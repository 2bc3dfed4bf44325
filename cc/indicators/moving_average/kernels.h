// The moving-average kernels. Each runs the Highway code of
// moving_average/kernels-inl.h for the best target this CPU supports
// (moving_average/kernels.cc dispatches) and has a scalar reference in
// moving_average/scalar.h that the tests compare against on every target.
// Every kernel takes its input column as `const double*` (or any unit-stride
// pointer) or StridedColumn (any stride, read in place: the same arithmetic
// in the same order, so the same bits); intermediate arrays are contiguous.
// Kernels take finite data and never allocate; output positions they do not
// define are left untouched.
#ifndef CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_H_

#include <algorithm>
#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/moving_average/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (moving_average/kernels.cc), for input columns
// of type X (const double* or StridedColumn).
template <class X>
struct MovingAverageKernels {
  void (*rolling_sum)(X x, size_t m, size_t n, double scale, double* out);
  void (*linear_recurrence)(X x, size_t m, double a, double b, double y0, double* y);
  void (*adaptive_smoothing)(X x, const double* sc, size_t m, double y0, double* y);
  void (*kama_constants)(X x, const double* sum, size_t m, size_t n, double* sc);
  bool (*kama_checked)(X x, size_t m, size_t n, double* sum, double* y);
  double (*ema_chain_last)(EmaChainOp op, const double* x, const double* e1, size_t m, double a,
                           double b, double y0, double* out);
  void (*divide_in_place)(double* y, size_t m, double divisor);
};
// The kernels of the target the dispatcher picks now.
template <class X>
const MovingAverageKernels<X>& MovingAverageKernelsFor();

// out[i] = scale * (x[i-n+1] + ... + x[i]) for n-1 <= i < m (n >= 1); scale
// 1/n gives the simple moving average without another pass. x and out must
// not overlap (x[i-n] is read after out[i-n] is written). A sliding sum
// computed as a vector prefix scan of x[i] - x[i-n], re-seeded with a direct
// sum of the window every max(64, n) outputs (rounded up to a multiple of 8)
// so that rounding cannot drift (worst case about that many ulp of the
// largest window sum in one stretch).
template <class X>
void RollingSum(X x, size_t m, size_t n, double scale, double* out) {
  MovingAverageKernelsFor<KernelColumn<X>>().rolling_sum(x, m, n, scale, out);
}

// y[i] = a * y[i-1] + b * x[i] for 0 <= i < m, with y[-1] = y0: the EMA and
// Wilder smoothing recurrence. Vectorised as a prefix scan with powers of a
// inside each vector and one carry per vector, so the loop-carried latency is
// one FMA and one permute per vector instead of one FMA per element. x may
// equal y.
template <class X>
void LinearRecurrence(X x, size_t m, double a, double b, double y0, double* y) {
  MovingAverageKernelsFor<KernelColumn<X>>().linear_recurrence(x, m, a, b, y0, y);
}

// An adaptive moving average's recurrence (KAMA): y[i] = y[i-1] +
// sc[i] * (x[i] - y[i-1]) for 0 <= i < m, from y[-1] = y0, with a smoothing
// constant per bar. A scan with a varying coefficient (1 - sc) over
// deviations from a level taken from the output every 64 bars: the
// loop-carried chain is one multiply-add per vector, and a series equal to
// the current value stays exactly equal (a flat series gives its value).
template <class X>
void AdaptiveSmoothing(X x, const double* sc, size_t m, double y0, double* y) {
  MovingAverageKernelsFor<KernelColumn<X>>().adaptive_smoothing(x, sc, m, y0, y);
}

// KAMA's smoothing constants KamaSmoothingConstant(x[i] - x[i-n], sum[i])
// for n <= i < m, sum[i] being the sum of |one-bar moves| over those n bars.
template <class X>
void KamaConstants(X x, const double* sum, size_t m, size_t n, double* sc) {
  MovingAverageKernelsFor<KernelColumn<X>>().kama_constants(x, sum, m, n, sc);
}

// KAMA over x[0..m) (m > n >= 1) in one pass over the series, checking that
// every x is finite: y[i] for n <= i < m, the bits of the moves' RollingSum,
// KamaConstants and AdaptiveSmoothing from x[n-1]. sum: KamaCheckedScratch
// doubles of scratch (the sums of a chunk and a re-seeding block ahead).
// False on a non-finite x (y unspecified) or where the vector scans do not
// apply (wider than kMaxScanLanes: take the separate kernels).
inline constexpr size_t kKamaChunk = 512;
inline size_t KamaCheckedScratch(size_t m, size_t n) {
  return std::min(m, kKamaChunk + std::max<size_t>(64, n) + 16);
}
template <class X>
bool KamaChecked(X x, size_t m, size_t n, double* sum, double* y) {
  return MovingAverageKernelsFor<KernelColumn<X>>().kama_checked(x, m, n, sum, y);
}

// The last EMA of a chain (DEMA, TEMA, TRIX) fused with its indicator:
// y[i] = a * y[i-1] + b * x[i] from y[-1] = y0, with LinearRecurrence's
// bits, not stored; out[i] = EmaChainValue(op, e1[i], x[i], y[i], y[i-1])
// for 0 <= i < m (e1 read only by kTema). Returns y[m-1] (y0 when m is 0),
// the carry into the next call: calls whose lengths are multiples of 8 give
// the bits of one call. x: a unit-stride pointer (an intermediate column).
template <class X>
double EmaChainLast(EmaChainOp op, X x, const double* e1, size_t m, double a, double b,
                    double y0, double* out) {
  return MovingAverageKernelsFor<KernelColumn<X>>().ema_chain_last(op, x, e1, m, a, b, y0, out);
}

// y[i] = y[i] / divisor for 0 <= i < m, a vector at a time: each lane's
// division rounds as the scalar one, so DivideInPlaceReference's bits at a
// fraction of the time (scalar divisions issue one every few cycles).
void DivideInPlace(double* y, size_t m, double divisor);

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_MOVING_AVERAGE_KERNELS_H_
