// Every numeric kernel under the indicators, one header per family
// (moving_average/kernels.h, momentum/kernels.h, ...), plus the validation
// pass all of them share. Each kernel has a Highway implementation picked at
// run time for the best target this CPU supports and a plain scalar
// reference (kernels_reference.h) that the tests compare against on every
// compiled target.
//
// Every kernel that reads an input column takes it as `const double*` (any
// unit-stride pointer) or StridedColumn (any stride, read in place, the same
// arithmetic in the same order, so the same bits). Intermediate arrays
// (means, outputs) are always contiguous. All kernels take finite data (the
// indicator layer splits a series at non-finite rows before calling them)
// and never allocate. Output positions a kernel does not define are left
// untouched.
#ifndef CANDLEWICK_CC_INDICATORS_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/directional/kernels.h"
#include "cc/indicators/momentum/kernels.h"
#include "cc/indicators/moving_average/kernels.h"
#include "cc/indicators/price/kernels.h"
#include "cc/indicators/range/kernels.h"
#include "cc/indicators/regression/kernels.h"
#include "cc/indicators/volatility/kernels.h"
#include "cc/indicators/volume/kernels.h"

namespace candlewick {
namespace indicators {

// One validation pass over `count` columns of m rows: the first row with a
// non-finite value in any column, or (when high >= 0) cols[high] < cols[low],
// or (when volume >= 0) cols[volume] < 0. m when every row is fine. The
// caller tells the cases apart on the returned row.
size_t FirstSuspectRow(const double* const* cols, size_t count, size_t m, int high, int low,
                       int volume);
size_t FirstSuspectRow(const StridedColumn* cols, size_t count, size_t m, int high, int low,
                       int volume);

// The Highway target the dispatcher picks now ("AVX3", "SCALAR", ...).
const char* KernelTargetName();

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_KERNELS_H_
