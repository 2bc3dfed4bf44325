// The structs behind the opaque handles of capi/candlewick.h. Internal: shared
// by the shim's translation units, never installed.
#ifndef CANDLEWICK_CAPI_HANDLES_H_
#define CANDLEWICK_CAPI_HANDLES_H_

#include "capi/candlewick.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/bars/aggregate.h"
#include "cc/chart/chart.h"
#include "capi/convert.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/stream.h"
#include "cc/stats/stats_recorder.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>

// Every handle's last error: fixed storage, so reporting never allocates
// (capi/shim.h: SetLastError, Fail, Guard).
constexpr size_t kLastErrorSize = 512;

struct cw_buffer {
  explicit cw_buffer(const candlewick::AllocatorHooks& hooks) : bytes(hooks) {}
  candlewick::ByteBuffer bytes;
};

struct cw_chart {
  cw_chart(const candlewick::ChartOptions& options, const candlewick::AllocatorHooks& hooks)
      : chart(options, hooks), data(hooks) {}
  candlewick::Chart chart;
  // Reused storage for converting cw_chart_data into the core's types.
  candlewick::capi::ChartDataStorage data;
  char last_error[kLastErrorSize] = {0};
  // Not owned (cw_chart_attach_stats): the caller keeps it alive while
  // attached. nullptr: render calls are not timed at all.
  cw_stats* stats = nullptr;
};

// Thread-safe, unlike the other handles: every member is safe to use from
// many threads, the last error behind its own mutex (failures only, so the
// record path never touches it).
struct cw_stats {
  explicit cw_stats(candlewick::StatsRecorderPtr r) : recorder(std::move(r)) {}
  candlewick::StatsRecorderPtr recorder;
  mutable std::mutex error_mu;
  mutable char last_error[kLastErrorSize] = {0};
};

namespace candlewick {
namespace capi {

// Records one call into an attached stats handle (defined in stats_api.cc;
// Recorded below is how the entry points use them). RecordCall reads the
// end time, and takes the SIMD target from candlewick's kernel dispatcher
// (CW_SIMD_NONE for a failed call).
int64_t StatsNow(const cw_stats* stats);
void RecordCall(cw_stats* stats, int32_t kind, int64_t start_ns, cw_status status,
                uint64_t bytes, uint64_t items);

// How every handle's entry point times itself: runs `call` (returning a
// cw_status) and, when `stats` is attached, records it as `kind` (a
// CW_STATS_* value) with the `output_bytes()` of a successful call (0 for a
// failed one) and `items()` (the input rows or bars, either way). Detached,
// the cost is the pointer test: no clock is read, nothing is measured.
template <typename Call, typename OutputBytes, typename Items>
cw_status Recorded(cw_stats* stats, int32_t kind, Call&& call, OutputBytes&& output_bytes,
                   Items&& items) {
  if (stats == nullptr) return call();
  const int64_t start = StatsNow(stats);
  const cw_status st = call();
  RecordCall(stats, kind, start, st, st == CW_OK ? static_cast<uint64_t>(output_bytes()) : 0,
             static_cast<uint64_t>(items()));
  return st;
}

}  // namespace capi
}  // namespace candlewick

struct cw_indicator_context {
  explicit cw_indicator_context(const candlewick::AllocatorHooks& hooks) : workspace(hooks) {}
  candlewick::indicators::Workspace workspace;
  char last_error[kLastErrorSize] = {0};
  // Not owned (cw_indicator_context_attach_stats); nullptr: not timed.
  cw_stats* stats = nullptr;
};

// One indicator fed one bar at a time (capi/indicator_stream_api.cc).
struct cw_indicator_stream {
  cw_indicator_stream(const candlewick::AllocatorHooks& h) : hooks(h), stream(h) {}
  candlewick::AllocatorHooks hooks;  // what the handle itself came from
  candlewick::indicators::Stream stream;
  char last_error[kLastErrorSize] = {0};
};

struct cw_bar_context {
  explicit cw_bar_context(const candlewick::AllocatorHooks& hooks) : workspace(hooks) {}
  candlewick::BarWorkspace workspace;
  char last_error[kLastErrorSize] = {0};
  // Not owned (cw_bar_context_attach_stats); nullptr: not timed.
  cw_stats* stats = nullptr;
};

#endif  // CANDLEWICK_CAPI_HANDLES_H_
