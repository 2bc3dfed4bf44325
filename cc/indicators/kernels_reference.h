// The plain scalar versions of every kernel in kernels.h: the textbook loops
// (TA-Lib's running sums and one-step-at-a-time recurrences), kept with the
// one-bar definitions they are built from in each family's scalar.h. The
// tests compare every Highway target against them, the benchmark runs them
// side by side with the dispatched kernels, and the kernels fall back to
// them on targets whose vectors are wider than the scan code supports. Input
// columns are template parameters: `const double*` or StridedColumn
// (column.h), read the same way.
#ifndef CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_
#define CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_

#include <cmath>
#include <cstddef>

#include "cc/indicators/directional/scalar.h"
#include "cc/indicators/momentum/scalar.h"
#include "cc/indicators/moving_average/scalar.h"
#include "cc/indicators/price/scalar.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/regression/scalar.h"
#include "cc/indicators/volatility/scalar.h"
#include "cc/indicators/volume/scalar.h"

namespace candlewick {
namespace indicators {

// FirstSuspectRow of kernels.h.
template <class X>
inline size_t FirstSuspectRowReference(const X* cols, size_t count, size_t m, int high, int low,
                                       int volume) {
  for (size_t i = 0; i < m; ++i) {
    for (size_t k = 0; k < count; ++k) {
      if (!std::isfinite(cols[k][i])) return i;
    }
    if (high >= 0 && cols[high][i] < cols[low][i]) return i;
    if (volume >= 0 && cols[volume][i] < 0) return i;
  }
  return m;
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_KERNELS_REFERENCE_H_
