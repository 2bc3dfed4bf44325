// The text forms are pure functions of a snapshot, so they are checked as
// golden text: a deterministic scenario (fake clock, fixed samples) must
// produce exactly these bytes. The Prometheus golden was also checked with
// the reference parser (prometheus_client.parser) and the JSON with a JSON
// parser when it was written; the exact comparison keeps them that way.
#include "cc/stats/stats_format.h"

#include <array>
#include <string>
#include <utility>

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
    r->RecordChecked(StatsSample{kind, static_cast<int32_t>(target), failed, clock.now(), duration,
                                 bytes, items});
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

// The JSON golden, kind by kind: the totals, then the window's figures
// ("null" where an empty window has none).
constexpr size_t kTotals = 6, kWindowFigures = 11;
constexpr const char* kTotalKeys[kTotals] = {"count", "errors",  "duration_ns",
                                             "bytes", "items",   "simd_targets"};
constexpr const char* kWindowKeys[kWindowFigures] = {
    "count",  "errors", "bytes",  "items",  "duration_ns", "mean_ns",
    "min_ns", "max_ns", "p50_ns", "p90_ns", "p99_ns"};

struct KindJson {
  const char* name;
  std::array<const char*, kTotals> totals;
  std::array<const char*, kWindowFigures> window;
};
constexpr std::array<const char*, kTotals> kNeverRan = {"0", "0", "0", "0", "0", "{}"};
constexpr std::array<const char*, kWindowFigures> kEmptyWindow = {
    "0", "0", "0", "0", "0", "null", "null", "null", "null", "null", "null"};

// JSON object members at `indent`, one a line, comma-separated.
template <size_t N>
std::string Members(const std::string& indent, const char* const (&keys)[N],
                    const std::array<const char*, N>& values) {
  std::string text;
  for (size_t i = 0; i < N; ++i) {
    text += (i == 0 ? "" : ",\n") + indent + "\"" + keys[i] + "\": " + values[i];
  }
  return text;
}

std::string Json(const KindJson& k) {
  return std::string("    \"") + k.name + "\": {\n" + Members("      ", kTotalKeys, k.totals) +
         ",\n      \"window\": {\n" + Members("        ", kWindowKeys, k.window) +
         "\n      }\n    }";
}

std::string GoldenJson() {
  // The indicator record has left the window; aggregate and batch never ran.
  const KindJson kinds[] = {
      {"render",
       {"3", "1", "7000", "3840000", "1500", R"({"none": 1, "AVX3": 2})"},
       {"3", "1", "3840000", "1500", "7000", "2333", "1000", "4000", "2047", "4000", "4000"}},
      {"encode",
       {"1", "0", "1500000", "12345", "500", R"({"AVX2": 1})"},
       {"1", "0", "12345", "500", "1500000", "1500000", "1500000", "1500000", "1500000",
        "1500000", "1500000"}},
      {"indicator", {"1", "0", "777", "0", "5000", R"({"none": 1})"}, kEmptyWindow},
      {"aggregate", kNeverRan, kEmptyWindow},
      {"batch", kNeverRan, kEmptyWindow},
      {"resample",
       {"1", "0", "250", "0", "10000", R"({"SCALAR": 1})"},
       {"1", "0", "0", "10000", "250", "250", "250", "250", "250", "250", "250"}},
  };
  std::string text = R"json({
  "taken_at_ns": 1070000000000,
  "capacity": 8,
  "retention_ns": 60000000000,
  "count": 6,
  "window_count": 5,
  "kinds": {
)json";
  for (size_t i = 0; i < 6; ++i) text += Json(kinds[i]) + (i < 5 ? ",\n" : "\n");
  return text + "  }\n}\n";
}

// The Prometheus golden, family by family. A family with one sample per kind
// is a row of a table (metric, help, type, the six kinds' values in the
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

// The duration summary's samples of one kind: three quantiles, sum, count.
std::string Summary(const char* kind, const char* p50, const char* p90, const char* p99,
                    const char* sum, const char* count) {
  const std::string metric = "svc_charts_operation_duration_seconds";
  const std::string labels = std::string("{kind=\"") + kind + "\"";
  return metric + labels + ",quantile=\"0.5\"} " + p50 + "\n" +  //
         metric + labels + ",quantile=\"0.9\"} " + p90 + "\n" +  //
         metric + labels + ",quantile=\"0.99\"} " + p99 + "\n" +  //
         metric + "_sum" + labels + "} " + sum + "\n" +           //
         metric + "_count" + labels + "} " + count + "\n";
}

std::string GoldenPrometheus() {
  const PerKindFamily totals[] = {
      {"operations_total", "Operations recorded since the stats handle was created or reset.",
       "counter", {"3", "1", "1", "0", "0", "1"}},
      {"operation_errors_total", "Operations that failed, since creation or reset.", "counter",
       {"1", "0", "0", "0", "0", "0"}},
      {"operation_output_bytes_total", "Bytes produced by operations, since creation or reset.",
       "counter", {"3840000", "12345", "0", "0", "0", "0"}},
      {"operation_items_total",
       "Items processed by operations (candles, rows, jobs), since creation or reset.", "counter",
       {"1500", "500", "5000", "0", "0", "10000"}},
  };
  const PerKindFamily recent[] = {
      {"recent_operations", "Operations in the recent window (newest records within retention).",
       "gauge", {"3", "1", "0", "0", "0", "1"}},
      {"recent_errors", "Failed operations in the recent window.", "gauge",
       {"1", "0", "0", "0", "0", "0"}},
      {"recent_output_bytes", "Bytes produced by the operations in the recent window.", "gauge",
       {"3840000", "12345", "0", "0", "0", "0"}},
      {"recent_items", "Items processed by the operations in the recent window.", "gauge",
       {"1500", "500", "0", "0", "0", "10000"}},
      {"recent_mean_duration_seconds", "Mean latency over the recent window.", "gauge",
       {"0.000002333", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}},
      {"recent_min_duration_seconds", "Fastest operation in the recent window.", "gauge",
       {"0.000001000", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}},
      {"recent_max_duration_seconds", "Slowest operation in the recent window.", "gauge",
       {"0.000004000", "0.001500000", "NaN", "NaN", "NaN", "0.000000250"}},
  };
  std::string text;
  for (const PerKindFamily& f : totals) text += Family(f);
  text += R"prom(# HELP svc_charts_operations_by_simd_target_total Operations by the SIMD target that ran them, since creation or reset.
# TYPE svc_charts_operations_by_simd_target_total counter
svc_charts_operations_by_simd_target_total{kind="render",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="render",target="AVX3"} 2
svc_charts_operations_by_simd_target_total{kind="encode",target="AVX2"} 1
svc_charts_operations_by_simd_target_total{kind="indicator",target="none"} 1
svc_charts_operations_by_simd_target_total{kind="resample",target="SCALAR"} 1
# HELP svc_charts_operation_duration_seconds Operation latency: quantiles over the recent window, sum and count since creation or reset.
# TYPE svc_charts_operation_duration_seconds summary
)prom";
  text += Summary("render", "0.000002047", "0.000004000", "0.000004000", "0.000007000", "3");
  text += Summary("encode", "0.001500000", "0.001500000", "0.001500000", "0.001500000", "1");
  text += Summary("indicator", "NaN", "NaN", "NaN", "0.000000777", "1");
  text += Summary("aggregate", "NaN", "NaN", "NaN", "0.000000000", "0");
  text += Summary("batch", "NaN", "NaN", "NaN", "0.000000000", "0");
  text += Summary("resample", "0.000000250", "0.000000250", "0.000000250", "0.000000250", "1");
  for (const PerKindFamily& f : recent) text += Family(f);
  text += R"prom(# HELP svc_charts_stats_window_capacity The most records the recent window holds.
# TYPE svc_charts_stats_window_capacity gauge
svc_charts_stats_window_capacity 8
# HELP svc_charts_stats_retention_seconds Age at which a record leaves the recent window.
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
