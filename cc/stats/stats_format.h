// Text forms of a StatsSnapshot for operators: JSON for logs and admin
// pages, and the Prometheus text exposition format (version 0.0.4) for a
// service's own /metrics endpoint. Both are pure functions of the snapshot,
// so what a scrape shows is exactly what Read() returned.
#ifndef CANDLEWICK_CC_STATS_STATS_FORMAT_H_
#define CANDLEWICK_CC_STATS_STATS_FORMAT_H_

#include "absl/strings/string_view.h"
#include "cc/base/byte_buffer.h"
#include "cc/stats/stats_recorder.h"

namespace candlewick {

// The metric name prefix used when the caller gives none.
inline constexpr char kDefaultMetricPrefix[] = "candlewick";

inline constexpr size_t kMaxMetricPrefixLength = 64;

// Whether `prefix` is 1..64 characters of [a-zA-Z0-9_] not starting with a
// digit: a valid start of a Prometheus metric name (':' is left to recording
// rules). Allocates nothing, so the C shim can check it on any path.
bool IsValidMetricPrefix(absl::string_view prefix);

// Append the snapshot's kinds in use to `out`. False only when `out` runs
// out of memory (its contents are then unspecified).
bool AppendStatsJson(const StatsSnapshot& snapshot, ByteBuffer* out);
// `prefix` must have passed ValidateMetricPrefix.
bool AppendStatsPrometheus(const StatsSnapshot& snapshot, absl::string_view prefix,
                           ByteBuffer* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_STATS_FORMAT_H_
