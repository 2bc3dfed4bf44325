// The structs behind the opaque handles of capi/candlewick.h. Internal: shared
// by the shim's translation units, never installed.
#ifndef CANDLEWICK_CAPI_HANDLES_H_
#define CANDLEWICK_CAPI_HANDLES_H_

#include "capi/candlewick.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/chart/chart.h"

struct cw_buffer {
  explicit cw_buffer(const candlewick::AllocatorHooks& hooks) : bytes(hooks) {}
  candlewick::ByteBuffer bytes;
};

struct cw_chart {
  cw_chart(const candlewick::ChartOptions& options, const candlewick::AllocatorHooks& hooks)
      : chart(options, hooks) {}
  candlewick::Chart chart;
  // Fixed storage: reporting an error never allocates.
  char last_error[512] = {0};
};

#endif  // CANDLEWICK_CAPI_HANDLES_H_
