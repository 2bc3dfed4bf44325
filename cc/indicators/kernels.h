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

// Whether a streaming kernel (each output row written once, from a few input
// rows) writes its output around the caches, with non-temporal stores: when
// the columns it touches (`columns` of `rows` doubles, inputs and output)
// fill at least half of the last-level cache, they are gone from it before
// anyone reads them again (other data claims the rest), so a cached store
// would only add a read of each output line before writing it, and push the
// inputs out. Below that, the output stays in cache for whoever reads it
// next. The cache is the largest one this CPU's core 0 uses, from
// /sys/devices/system/cpu (sysconf's L3 figure sums every L3 on some CPUs,
// ten times the one a core uses on a 10-CCD EPYC); 32 MiB if neither says.
size_t StreamingThresholdBytes();  // half of that cache
inline bool StreamsOutput(size_t rows, size_t columns) {
  return rows * columns * sizeof(double) >= StreamingThresholdBytes();
}
// Sets the threshold (0: the default again), for tests and benchmarks that
// compare both kinds of store. Not for use while kernels run on other threads.
void SetStreamingThresholdBytes(size_t bytes);

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_KERNELS_H_
