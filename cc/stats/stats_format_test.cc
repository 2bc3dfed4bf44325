// The text forms are pure functions of a snapshot, so they are checked as
// golden text: a deterministic scenario (fake clock, fixed samples) must
// produce exactly these bytes. The Prometheus golden was also checked with
// the reference parser (prometheus_client.parser) and the JSON with a JSON
// parser when it was written; the exact comparison keeps them that way.
#include "cc/stats/stats_format.h"

#include <string>

#include "absl/strings/string_view.h"
#include "cc/base/byte_buffer.h"
#include "cc/stats/stats_recorder.h"
#include "cc/stats/stats_test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using testing_util::CountingAllocator;
using testing_util::FakeClock;

constexpr int64_t kSecond = 1000000000;

// An indicator record that has gone stale, then a mix of fresh records:
// a failed render, two AVX3 renders, an AVX2 PNG encode and a labelled
// SCALAR operation; aggregate and batch never ran.
StatsSnapshot ScenarioSnapshot() {
  FakeClock clock(1000 * kSecond);
  const absl::string_view labels[] = {"resample"};
  StatsOptions o;
  o.capacity = 8;
  o.retention_ns = 60 * kSecond;
  o.labels = labels;
  o.clock = clock.clock();
  StatsRecorderPtr r = std::move(*StatsRecorder::Create(o, AllocatorHooks::Default()));
  auto record = [&](int32_t kind, int64_t duration, uint64_t bytes, uint64_t items, bool failed,
                    SimdTarget target) {
    StatsSample s;
    s.kind = kind;
    s.end_ns = clock.now();
    s.duration_ns = duration;
    s.bytes = bytes;
    s.items = items;
    s.failed = failed;
    s.target = static_cast<int32_t>(target);
    r->RecordChecked(s);
  };
  record(kStatsKindIndicator, 777, 0, 5000, false, SimdTarget::kNone);
  clock.Advance(70 * kSecond);
  record(kStatsKindRender, 1000, 1920000, 500, false, SimdTarget::kAvx3);
  record(kStatsKindRender, 2000, 0, 500, true, SimdTarget::kNone);
  record(kStatsKindRender, 4000, 1920000, 500, false, SimdTarget::kAvx3);
  record(kStatsKindEncode, 1500000, 12345, 500, false, SimdTarget::kAvx2);
  record(kStatsKindLabel0, 250, 0, 10000, false, SimdTarget::kScalar);
  StatsSnapshot snapshot;
  r->Read(&snapshot);
  return snapshot;
}

std::string Text(const ByteBuffer& b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

constexpr char kGoldenJson[] = R"json({
  "taken_at_ns": 1070000000000,
  "capacity": 8,
  "retention_ns": 60000000000,
  "count": 6,
  "window_count": 5,
  "kinds": {
    "render": {
      "count": 3,
      "errors": 1,
      "duration_ns": 7000,
      "bytes": 3840000,
      "items": 1500,
      "simd_targets": {"none": 1, "AVX3": 2},
      "window": {
        "count": 3,
        "errors": 1,
        "bytes": 3840000,
        "items": 1500,
        "duration_ns": 7000,
        "mean_ns": 2333,
        "min_ns": 1000,
        "max_ns": 4000,
        "p50_ns": 2047,
        "p90_ns": 4000,
        "p99_ns": 4000
      }
    },
    "encode": {
      "count": 1,
      "errors": 0,
      "duration_ns": 1500000,
      "bytes": 12345,
      "items": 500,
      "simd_targets": {"AVX2": 1},
      "window": {
        "count": 1,
        "errors": 0,
        "bytes": 12345,
        "items": 500,
        "duration_ns": 1500000,
        "mean_ns": 1500000,
        "min_ns": 1500000,
        "max_ns": 1500000,
        "p50_ns": 1500000,
        "p90_ns": 1500000,
        "p99_ns": 1500000
      }
    },
    "indicator": {
      "count": 1,
      "errors": 0,
      "duration_ns": 777,
      "bytes": 0,
      "items": 5000,
      "simd_targets": {"none": 1},
      "window": {
        "count": 0,
        "errors": 0,
        "bytes": 0,
        "items": 0,
        "duration_ns": 0,
        "mean_ns": null,
        "min_ns": null,
        "max_ns": null,
        "p50_ns": null,
        "p90_ns": null,
        "p99_ns": null
      }
    },
    "aggregate": {
      "count": 0,
      "errors": 0,
      "duration_ns": 0,
      "bytes": 0,
      "items": 0,
      "simd_targets": {},
      "window": {
        "count": 0,
        "errors": 0,
        "bytes": 0,
        "items": 0,
        "duration_ns": 0,
        "mean_ns": null,
        "min_ns": null,
        "max_ns": null,
        "p50_ns": null,
        "p90_ns": null,
        "p99_ns": null
      }
    },
    "batch": {
      "count": 0,
      "errors": 0,
      "duration_ns": 0,
      "bytes": 0,
      "items": 0,
      "simd_targets": {},
      "window": {
        "count": 0,
        "errors": 0,
        "bytes": 0,
        "items": 0,
        "duration_ns": 0,
        "mean_ns": null,
        "min_ns": null,
        "max_ns": null,
        "p50_ns": null,
        "p90_ns": null,
        "p99_ns": null
      }
    },
    "resample": {
      "count": 1,
      "errors": 0,
      "duration_ns": 250,
      "bytes": 0,
      "items": 10000,
      "simd_targets": {"SCALAR": 1},
      "window": {
        "count": 1,
        "errors": 0,
        "bytes": 0,
        "items": 10000,
        "duration_ns": 250,
        "mean_ns": 250,
        "min_ns": 250,
        "max_ns": 250,
        "p50_ns": 250,
        "p90_ns": 250,
        "p99_ns": 250
      }
    }
  }
}
)json";

constexpr char kGoldenPrometheus[] = R"prom(# HELP svc_charts_operations_total Operations recorded since the stats handle was created or reset.
# TYPE svc_charts_operations_total counter
svc_charts_operations_total{kind="render"} 3
svc_charts_operations_total{kind="encode"} 1
svc_charts_operations_total{kind="indicator"} 1
svc_charts_operations_total{kind="aggregate"} 0
svc_charts_operations_total{kind="batch"} 0
svc_charts_operations_total{kind="resample"} 1
# HELP svc_charts_operation_errors_total Operations that failed, since creation or reset.
# TYPE svc_charts_operation_errors_total counter
svc_charts_operation_errors_total{kind="render"} 1
svc_charts_operation_errors_total{kind="encode"} 0
svc_charts_operation_errors_total{kind="indicator"} 0
svc_charts_operation_errors_total{kind="aggregate"} 0
svc_charts_operation_errors_total{kind="batch"} 0
svc_charts_operation_errors_total{kind="resample"} 0
# HELP svc_charts_operation_output_bytes_total Bytes produced by operations, since creation or reset.
# TYPE svc_charts_operation_output_bytes_total counter
svc_charts_operation_output_bytes_total{kind="render"} 3840000
svc_charts_operation_output_bytes_total{kind="encode"} 12345
svc_charts_operation_output_bytes_total{kind="indicator"} 0
svc_charts_operation_output_bytes_total{kind="aggregate"} 0
svc_charts_operation_output_bytes_total{kind="batch"} 0
svc_charts_operation_output_bytes_total{kind="resample"} 0
# HELP svc_charts_operation_items_total Items processed by operations (candles, rows, jobs), since creation or reset.
# TYPE svc_charts_operation_items_total counter
svc_charts_operation_items_total{kind="render"} 1500
svc_charts_operation_items_total{kind="encode"} 500
svc_charts_operation_items_total{kind="indicator"} 5000
svc_charts_operation_items_total{kind="aggregate"} 0
svc_charts_operation_items_total{kind="batch"} 0
svc_charts_operation_items_total{kind="resample"} 10000
# HELP svc_charts_operations_by_simd_target_total Operations by the SIMD target that ran them, since creation or reset.
# TYPE svc_charts_operations_by_simd_target_total counter
svc_charts_operations_by_simd_target_total{kind="render",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="render",target="AVX3"} 2
svc_charts_operations_by_simd_target_total{kind="encode",target="AVX2"} 1
svc_charts_operations_by_simd_target_total{kind="indicator",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="resample",target="SCALAR"} 1
# HELP svc_charts_operation_duration_seconds Operation latency: quantiles over the recent window, sum and count since creation or reset.
# TYPE svc_charts_operation_duration_seconds summary
svc_charts_operation_duration_seconds{kind="render",quantile="0.5"} 0.000002047
svc_charts_operation_duration_seconds{kind="render",quantile="0.9"} 0.000004000
svc_charts_operation_duration_seconds{kind="render",quantile="0.99"} 0.000004000
svc_charts_operation_duration_seconds_sum{kind="render"} 0.000007000
svc_charts_operation_duration_seconds_count{kind="render"} 3
svc_charts_operation_duration_seconds{kind="encode",quantile="0.5"} 0.001500000
svc_charts_operation_duration_seconds{kind="encode",quantile="0.9"} 0.001500000
svc_charts_operation_duration_seconds{kind="encode",quantile="0.99"} 0.001500000
svc_charts_operation_duration_seconds_sum{kind="encode"} 0.001500000
svc_charts_operation_duration_seconds_count{kind="encode"} 1
svc_charts_operation_duration_seconds{kind="indicator",quantile="0.5"} NaN
svc_charts_operation_duration_seconds{kind="indicator",quantile="0.9"} NaN
svc_charts_operation_duration_seconds{kind="indicator",quantile="0.99"} NaN
svc_charts_operation_duration_seconds_sum{kind="indicator"} 0.000000777
svc_charts_operation_duration_seconds_count{kind="indicator"} 1
svc_charts_operation_duration_seconds{kind="aggregate",quantile="0.5"} NaN
svc_charts_operation_duration_seconds{kind="aggregate",quantile="0.9"} NaN
svc_charts_operation_duration_seconds{kind="aggregate",quantile="0.99"} NaN
svc_charts_operation_duration_seconds_sum{kind="aggregate"} 0.000000000
svc_charts_operation_duration_seconds_count{kind="aggregate"} 0
svc_charts_operation_duration_seconds{kind="batch",quantile="0.5"} NaN
svc_charts_operation_duration_seconds{kind="batch",quantile="0.9"} NaN
svc_charts_operation_duration_seconds{kind="batch",quantile="0.99"} NaN
svc_charts_operation_duration_seconds_sum{kind="batch"} 0.000000000
svc_charts_operation_duration_seconds_count{kind="batch"} 0
svc_charts_operation_duration_seconds{kind="resample",quantile="0.5"} 0.000000250
svc_charts_operation_duration_seconds{kind="resample",quantile="0.9"} 0.000000250
svc_charts_operation_duration_seconds{kind="resample",quantile="0.99"} 0.000000250
svc_charts_operation_duration_seconds_sum{kind="resample"} 0.000000250
svc_charts_operation_duration_seconds_count{kind="resample"} 1
# HELP svc_charts_recent_operations Operations in the recent window (newest records within retention).
# TYPE svc_charts_recent_operations gauge
svc_charts_recent_operations{kind="render"} 3
svc_charts_recent_operations{kind="encode"} 1
svc_charts_recent_operations{kind="indicator"} 0
svc_charts_recent_operations{kind="aggregate"} 0
svc_charts_recent_operations{kind="batch"} 0
svc_charts_recent_operations{kind="resample"} 1
# HELP svc_charts_recent_errors Failed operations in the recent window.
# TYPE svc_charts_recent_errors gauge
svc_charts_recent_errors{kind="render"} 1
svc_charts_recent_errors{kind="encode"} 0
svc_charts_recent_errors{kind="indicator"} 0
svc_charts_recent_errors{kind="aggregate"} 0
svc_charts_recent_errors{kind="batch"} 0
svc_charts_recent_errors{kind="resample"} 0
# HELP svc_charts_recent_output_bytes Bytes produced by the operations in the recent window.
# TYPE svc_charts_recent_output_bytes gauge
svc_charts_recent_output_bytes{kind="render"} 3840000
svc_charts_recent_output_bytes{kind="encode"} 12345
svc_charts_recent_output_bytes{kind="indicator"} 0
svc_charts_recent_output_bytes{kind="aggregate"} 0
svc_charts_recent_output_bytes{kind="batch"} 0
svc_charts_recent_output_bytes{kind="resample"} 0
# HELP svc_charts_recent_items Items processed by the operations in the recent window.
# TYPE svc_charts_recent_items gauge
svc_charts_recent_items{kind="render"} 1500
svc_charts_recent_items{kind="encode"} 500
svc_charts_recent_items{kind="indicator"} 0
svc_charts_recent_items{kind="aggregate"} 0
svc_charts_recent_items{kind="batch"} 0
svc_charts_recent_items{kind="resample"} 10000
# HELP svc_charts_recent_mean_duration_seconds Mean latency over the recent window.
# TYPE svc_charts_recent_mean_duration_seconds gauge
svc_charts_recent_mean_duration_seconds{kind="render"} 0.000002333
svc_charts_recent_mean_duration_seconds{kind="encode"} 0.001500000
svc_charts_recent_mean_duration_seconds{kind="indicator"} NaN
svc_charts_recent_mean_duration_seconds{kind="aggregate"} NaN
svc_charts_recent_mean_duration_seconds{kind="batch"} NaN
svc_charts_recent_mean_duration_seconds{kind="resample"} 0.000000250
# HELP svc_charts_recent_min_duration_seconds Fastest operation in the recent window.
# TYPE svc_charts_recent_min_duration_seconds gauge
svc_charts_recent_min_duration_seconds{kind="render"} 0.000001000
svc_charts_recent_min_duration_seconds{kind="encode"} 0.001500000
svc_charts_recent_min_duration_seconds{kind="indicator"} NaN
svc_charts_recent_min_duration_seconds{kind="aggregate"} NaN
svc_charts_recent_min_duration_seconds{kind="batch"} NaN
svc_charts_recent_min_duration_seconds{kind="resample"} 0.000000250
# HELP svc_charts_recent_max_duration_seconds Slowest operation in the recent window.
# TYPE svc_charts_recent_max_duration_seconds gauge
svc_charts_recent_max_duration_seconds{kind="render"} 0.000004000
svc_charts_recent_max_duration_seconds{kind="encode"} 0.001500000
svc_charts_recent_max_duration_seconds{kind="indicator"} NaN
svc_charts_recent_max_duration_seconds{kind="aggregate"} NaN
svc_charts_recent_max_duration_seconds{kind="batch"} NaN
svc_charts_recent_max_duration_seconds{kind="resample"} 0.000000250
# HELP svc_charts_stats_window_capacity The most records the recent window holds.
# TYPE svc_charts_stats_window_capacity gauge
svc_charts_stats_window_capacity 8
# HELP svc_charts_stats_retention_seconds Age at which a record leaves the recent window.
# TYPE svc_charts_stats_retention_seconds gauge
svc_charts_stats_retention_seconds 60.000000000
)prom";

TEST(StatsFormat, JsonMatchesGolden) {
  ByteBuffer out(AllocatorHooks::Default());
  ASSERT_TRUE(AppendStatsJson(ScenarioSnapshot(), &out));
  EXPECT_EQ(Text(out), kGoldenJson);
}

TEST(StatsFormat, PrometheusMatchesGolden) {
  ByteBuffer out(AllocatorHooks::Default());
  ASSERT_TRUE(AppendStatsPrometheus(ScenarioSnapshot(), "svc_charts", &out));
  EXPECT_EQ(Text(out), kGoldenPrometheus);
}

TEST(StatsFormat, TextAppendsAfterExistingContentInOneAllocation) {
  // A service appends candlewick's metrics after its own: the text must
  // follow what is already there, and the up-front reserve should make it
  // a single allocation through the buffer's hooks.
  CountingAllocator counting;
  const StatsSnapshot snapshot = ScenarioSnapshot();
  ByteBuffer out(counting.hooks());
  const std::string head = "# service metrics\nsvc_up 1\n";
  ASSERT_TRUE(out.Append(head.data(), head.size()));
  const int64_t before = counting.allocs();
  ASSERT_TRUE(AppendStatsPrometheus(snapshot, "svc_charts", &out));
  EXPECT_EQ(counting.allocs() - before, 1);
  EXPECT_EQ(Text(out), head + kGoldenPrometheus);
}

TEST(StatsFormat, ReportsOutOfMemoryInsteadOfTruncating) {
  CountingAllocator counting;
  counting.FailFrom(0);
  const StatsSnapshot snapshot = ScenarioSnapshot();
  ByteBuffer json(counting.hooks());
  EXPECT_FALSE(AppendStatsJson(snapshot, &json));
  ByteBuffer prom(counting.hooks());
  EXPECT_FALSE(AppendStatsPrometheus(snapshot, "candlewick", &prom));
}

TEST(StatsFormat, MetricPrefixMustStartAPrometheusName) {
  EXPECT_TRUE(IsValidMetricPrefix("candlewick"));
  EXPECT_TRUE(IsValidMetricPrefix("_x"));
  EXPECT_TRUE(IsValidMetricPrefix("Svc_Charts2"));
  EXPECT_TRUE(IsValidMetricPrefix(std::string(64, 'a')));
  EXPECT_FALSE(IsValidMetricPrefix(std::string(65, 'a')));
  EXPECT_FALSE(IsValidMetricPrefix(""));
  EXPECT_FALSE(IsValidMetricPrefix("2fast"));
  EXPECT_FALSE(IsValidMetricPrefix("with-dash"));
  EXPECT_FALSE(IsValidMetricPrefix("with:colon"));
  EXPECT_FALSE(IsValidMetricPrefix("quote\"injection"));
  EXPECT_FALSE(IsValidMetricPrefix("new\nline"));
}

}  // namespace
}  // namespace candlewick
