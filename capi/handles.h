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

// How a handle's entry point records itself into its attached stats handle
// (defined in stats_api.cc; the chart render calls in candlewick.cc use it,
// and an indicator or batch handle would the same way):
//   cw_stats* stats = handle->stats;
//   if (stats == nullptr) return Unrecorded(...);   // detached: no clock read
//   const int64_t start = StatsNow(stats);
//   const cw_status st = Unrecorded(...);
//   RecordCall(stats, CW_STATS_..., start, st, bytes, items);
// RecordCall reads the end time, and takes the SIMD target from candlewick's
// kernel dispatcher (CW_SIMD_NONE for a failed call).
int64_t StatsNow(const cw_stats* stats);
void RecordCall(cw_stats* stats, int32_t kind, int64_t start_ns, cw_status status,
                uint64_t bytes, uint64_t items);

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
