// The directional-movement kernel: Wilder's +DM, -DM and true range
// smoothed as vector scans (directional/kernels-inl.h), dispatched to the
// best target (directional/kernels.cc); DirectionalSmoothing in
// directional/scalar.h is its one-bar-at-a-time definition.
#ifndef CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/directional/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (directional/kernels.cc).
template <class X>
struct DirectionalKernels {
  void (*wilder_directional)(X h, X l, X c, size_t m, size_t n, double* plus, double* minus,
                             double* tr);
};
template <class X>
const DirectionalKernels<X>& DirectionalKernelsFor();

// Wilder's directional movement over high/low/close (TA-Lib's +DM, -DM and
// true range, DirectionalSmoothing): bars 1..n-1 are summed, then from bar n
// on each sum is smoothed as v = v (n-1)/n + today's value. Written for
// n <= i < m into plus/minus/tr. The smoothing is a scan (TA-Lib's form
// v - v/n + x has a division on its loop-carried chain: about 20 cycles per
// bar), so values agree with TA-Lib and the stream within rounding, not bit
// for bit.
template <class H, class L, class C>
void WilderDirectional(H h, L l, C c, size_t m, size_t n, double* plus, double* minus,
                       double* tr) {
  DirectionalKernelsFor<KernelColumn<H>>().wilder_directional(h, l, c, m, n, plus, minus, tr);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_DIRECTIONAL_KERNELS_H_
