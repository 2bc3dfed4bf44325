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

// The JSON golden. A kind with no record in the window has the same
// "window" object; a kind that never ran is all zeros besides.
constexpr char kEmptyWindow[] = R"json(      "window": {
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
      })json";

std::string NeverRan(const char* kind) {
  return std::string("    \"") + kind + R"json(": {
      "count": 0,
      "errors": 0,
      "duration_ns": 0,
      "bytes": 0,
      "items": 0,
      "simd_targets": {},
)json" + kEmptyWindow;
}

std::string GoldenJson() {
  return std::string() +
         R"json({
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
)json" +
         kEmptyWindow +
         R"json(
    },
)json" +
         NeverRan("aggregate") +
         R"json(
    },
)json" +
         NeverRan("batch") +
         R"json(
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
}

// The Prometheus golden, family by family. A family with one sample per kind
// is a row of this table (metric, help, type, the six kinds' values in the
// order below); the others are written out.
constexpr const char* kKinds[] = {"render", "encode", "indicator", "aggregate", "batch", "resample"};

struct PerKindFamily {
  const char* metric;  // after the prefix
  const char* help;
  const char* type;
  const char* values[6];  // for kKinds, in order
};

std::string Family(const PerKindFamily& f) {
  std::string text = std::string("# HELP svc_charts_") + f.metric + " " + f.help + "\n" +
                     "# TYPE svc_charts_" + f.metric + " " + f.type + "\n";
  for (int k = 0; k < 6; ++k) {
    text += std::string("svc_charts_") + f.metric + "{kind=\"" + kKinds[k] + "\"} " + f.values[k] +
            "\n";
  }
  return text;
}

std::string GoldenPrometheus() {
  std::string text;
  text += Family({"operations_total",
                  "Operations recorded since the stats handle was created or reset.",
                  "counter",
                  {"3", "1", "1", "0", "0", "1"}});
  text += Family({"operation_errors_total",
                  "Operations that failed, since creation or reset.",
                  "counter",
                  {"1", "0", "0", "0", "0", "0"}});
  text += Family({"operation_output_bytes_total",
                  "Bytes produced by operations, since creation or reset.",
                  "counter",
                  {"3840000", "12345", "0", "0", "0", "0"}});
  text += Family({"operation_items_total",
                  "Items processed by operations (candles, rows, jobs), since creation or reset.",
                  "counter",
                  {"1500", "500", "5000", "0", "0", "10000"}});
  text += R"prom(# HELP svc_charts_operations_by_simd_target_total Operations by the SIMD target that ran them, since creation or reset.
# TYPE svc_charts_operations_by_simd_target_total counter
svc_charts_operations_by_simd_target_total{kind="render",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="render",target="AVX3"} 2
svc_charts_operations_by_simd_target_total{kind="encode",target="AVX2"} 1
svc_charts_operations_by_simd_target_total{kind="indicator",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="resample",target="SCALAR"} 1
)prom";
  text += R"prom(# HELP svc_charts_operation_duration_seconds Operation latency: quantiles over the recent window, sum and count since creation or reset.
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
)prom";
  text += Family({"recent_operations",
                  "Operations in the recent window (newest records within retention).",
                  "gauge",
                  {"3", "1", "0", "0", "0", "1"}});
  text += Family({"recent_errors",
                  "Failed operations in the recent window.",
                  "gauge",
                  {"1", "0", "0", "0", "0", "0"}});
  text += Family({"recent_output_bytes",
                  "Bytes produced by the operations in the recent window.",
                  "gauge",
                  {"3840000", "12345", "0", "0", "0", "0"}});
  text += Family({"recent_items",
                  "Items processed by the operations in the recent window.",
                  "gauge",
                  {"1500", "500", "0", "0", "0", "10000"}});
  text += Family({"recent_mean_duration_seconds",
                  "Mean latency over the recent window.",
                  "gauge",
                  {"0.000002333", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}});
  text += Family({"recent_min_duration_seconds",
                  "Fastest operation in the recent window.",
                  "gauge",
                  {"0.000001000", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}});
  text += Family({"recent_max_duration_seconds",
                  "Slowest operation in the recent window.",
                  "gauge",
                  {"0.000004000", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}});
  text += R"prom(# HELP svc_charts_stats_window_capacity The most records the recent window holds.
# TYPE svc_charts_stats_window_capacity gauge
svc_charts_stats_window_capacity 8
)prom";
  text += R"prom(# HELP svc_charts_stats_retention_seconds Age at which a record leaves the recent window.
# TYPE svc_charts_stats_retention_seconds gauge
svc_charts_stats_retention_seconds 60.000000000
)prom";
  return text;
}

TEST(StatsFormat, JsonMatchesGolden) {
  ByteBuffer out(AllocatorHooks::Default());
  ASSERT_TRUE(AppendStatsJson(ScenarioSnapshot(), &out));
  EXPECT_EQ(Text(out), GoldenJson());
}

TEST(StatsFormat, PrometheusMatchesGolden) {
  ByteBuffer out(AllocatorHooks::Default());
  ASSERT_TRUE(AppendStatsPrometheus(ScenarioSnapshot(), "svc_charts", &out));
  EXPECT_EQ(Text(out), GoldenPrometheus());
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
  EXPECT_EQ(Text(out), head + GoldenPrometheus());
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
  const struct {
    std::string prefix;
    bool valid;
  } cases[] = {
      {"candlewick", true},         {"_x", true},
      {"Svc_Charts2", true},        {std::string(64, 'a'), true},
      {std::string(65, 'a'), false}, {"", false},
      {"2fast", false},             {"with-dash", false},
      {"with:colon", false},        {"quote\"injection", false},
      {"new\nline", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsValidMetricPrefix(c.prefix), c.valid) << c.prefix;
}

}  // namespace
}  // namespace candlewick
