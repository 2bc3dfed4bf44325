#include "cc/stats/stats_format.h"

#include <cinttypes>
#include <cstdio>

#include "cc/base/text_writer.h"

namespace candlewick {
namespace {

// Nanoseconds as exact decimal seconds ("0.000123456"), so totals keep
// every digit rather than a double's 15.
struct Seconds {
  explicit Seconds(uint64_t ns) {
    std::snprintf(text, sizeof text, "%" PRIu64 ".%09" PRIu64, ns / 1000000000,
                  ns % 1000000000);
  }
  char text[32];
};

void JsonWindowValue(TextWriter& w, const char* key, uint64_t value, bool present, bool last) {
  if (present) {
    w.Printf("        \"%s\": %" PRIu64 "%s\n", key, value, last ? "" : ",");
  } else {
    w.Printf("        \"%s\": null%s\n", key, last ? "" : ",");
  }
}

// One Prometheus family header.
void Family(TextWriter& w, absl::string_view prefix, const char* name, const char* type,
            const char* help) {
  w.Printf("# HELP %.*s_%s %s\n", static_cast<int>(prefix.size()), prefix.data(), name, help);
  w.Printf("# TYPE %.*s_%s %s\n", static_cast<int>(prefix.size()), prefix.data(), name, type);
}

}  // namespace

bool IsValidMetricPrefix(absl::string_view prefix) {
  if (prefix.empty() || prefix.size() > kMaxMetricPrefixLength) return false;
  if (prefix[0] >= '0' && prefix[0] <= '9') return false;
  for (char c : prefix) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

bool AppendStatsJson(const StatsSnapshot& s, ByteBuffer* out) {
  // About 1 KiB per kind: reserving up front usually makes the text a single
  // allocation.
  if (!out->Reserve(out->size() + 512 + kStatsKindSlots * 1024)) return false;
  TextWriter w(out);
  w.Printf("{\n");
  w.Printf("  \"taken_at_ns\": %" PRId64 ",\n", s.taken_at_ns);
  w.Printf("  \"capacity\": %" PRIu64 ",\n", s.capacity);
  w.Printf("  \"retention_ns\": %" PRId64 ",\n", s.retention_ns);
  w.Printf("  \"count\": %" PRIu64 ",\n", s.count);
  w.Printf("  \"window_count\": %" PRIu64 ",\n", s.window_count);
  w.Printf("  \"kinds\": {");
  bool first_kind = true;
  for (const StatsKindSnapshot& k : s.kinds) {
    if (!k.in_use) continue;
    // Names are [a-z0-9_] (checked at creation), so they need no escaping.
    w.Printf("%s\n    \"%s\": {\n", first_kind ? "" : ",", k.name);
    first_kind = false;
    w.Printf("      \"count\": %" PRIu64 ",\n", k.count);
    w.Printf("      \"errors\": %" PRIu64 ",\n", k.errors);
    w.Printf("      \"duration_ns\": %" PRIu64 ",\n", k.duration_ns);
    w.Printf("      \"bytes\": %" PRIu64 ",\n", k.bytes);
    w.Printf("      \"items\": %" PRIu64 ",\n", k.items);
    w.Printf("      \"simd_targets\": {");
    bool first_target = true;
    for (int32_t t = 0; t < kSimdTargetSlots; ++t) {
      if (k.by_target[t] == 0) continue;
      const char* name = SimdTargetName(t);
      w.Printf("%s\"%s\": %" PRIu64, first_target ? "" : ", ", name != nullptr ? name : "other",
               k.by_target[t]);
      first_target = false;
    }
    w.Printf("},\n");
    w.Printf("      \"window\": {\n");
    const bool any = k.window_count != 0;
    JsonWindowValue(w, "count", k.window_count, true, false);
    JsonWindowValue(w, "errors", k.window_errors, true, false);
    JsonWindowValue(w, "bytes", k.window_bytes, true, false);
    JsonWindowValue(w, "items", k.window_items, true, false);
    JsonWindowValue(w, "duration_ns", k.window_duration_ns, true, false);
    JsonWindowValue(w, "mean_ns", k.window_mean_ns, any, false);
    JsonWindowValue(w, "min_ns", k.window_min_ns, any, false);
    JsonWindowValue(w, "max_ns", k.window_max_ns, any, false);
    JsonWindowValue(w, "p50_ns", k.window_p50_ns, any, false);
    JsonWindowValue(w, "p90_ns", k.window_p90_ns, any, false);
    JsonWindowValue(w, "p99_ns", k.window_p99_ns, any, true);
    w.Printf("      }\n    }");
  }
  w.Printf("\n  }\n}\n");
  return w.ok();
}

namespace {

// A family with one sample per kind in use, read from one field of the
// kind's snapshot: a lifetime counter or a gauge over the recent window.
struct PerKindMetric {
  const char* name;
  const char* help;
  uint64_t StatsKindSnapshot::*field;
  // Nanoseconds shown as seconds, NaN while the window is empty.
  bool seconds;
};

const PerKindMetric kLifetimeCounters[] = {
    {"operations_total", "Operations recorded since the stats handle was created or reset.",
     &StatsKindSnapshot::count, false},
    {"operation_errors_total", "Operations that failed, since creation or reset.",
     &StatsKindSnapshot::errors, false},
    {"operation_output_bytes_total", "Bytes produced by operations, since creation or reset.",
     &StatsKindSnapshot::bytes, false},
    {"operation_items_total",
     "Items processed by operations (candles, rows, jobs), since creation or reset.",
     &StatsKindSnapshot::items, false},
};

const PerKindMetric kWindowGauges[] = {
    {"recent_operations", "Operations in the recent window (newest records within retention).",
     &StatsKindSnapshot::window_count, false},
    {"recent_errors", "Failed operations in the recent window.",
     &StatsKindSnapshot::window_errors, false},
    {"recent_output_bytes", "Bytes produced by the operations in the recent window.",
     &StatsKindSnapshot::window_bytes, false},
    {"recent_items", "Items processed by the operations in the recent window.",
     &StatsKindSnapshot::window_items, false},
    {"recent_mean_duration_seconds", "Mean latency over the recent window.",
     &StatsKindSnapshot::window_mean_ns, true},
    {"recent_min_duration_seconds", "Fastest operation in the recent window.",
     &StatsKindSnapshot::window_min_ns, true},
    {"recent_max_duration_seconds", "Slowest operation in the recent window.",
     &StatsKindSnapshot::window_max_ns, true},
};

// Writes the Prometheus text of one snapshot under one metric name prefix.
class PrometheusWriter {
 public:
  PrometheusWriter(TextWriter& w, const StatsSnapshot& s, absl::string_view prefix)
      : w_(w), s_(s), prefix_(prefix), pn_(static_cast<int>(prefix.size())), p_(prefix.data()) {}

  // One family per metric of `metrics`, of the Prometheus `type`.
  template <size_t N>
  void PerKindFamilies(const PerKindMetric (&metrics)[N], const char* type) {
    for (const PerKindMetric& m : metrics) {
      Family(w_, prefix_, m.name, type, m.help);
      for (const StatsKindSnapshot& k : s_.kinds) {
        if (!k.in_use) continue;
        if (!m.seconds) {
          w_.Printf("%.*s_%s{kind=\"%s\"} %" PRIu64 "\n", pn_, p_, m.name, k.name, k.*m.field);
        } else if (k.window_count == 0) {
          w_.Printf("%.*s_%s{kind=\"%s\"} NaN\n", pn_, p_, m.name, k.name);
        } else {
          w_.Printf("%.*s_%s{kind=\"%s\"} %s\n", pn_, p_, m.name, k.name,
                    Seconds(k.*m.field).text);
        }
      }
    }
  }

  void SimdTargets() {
    Family(w_, prefix_, "operations_by_simd_target_total", "counter",
           "Operations by the SIMD target that ran them, since creation or reset.");
    for (const StatsKindSnapshot& k : s_.kinds) {
      if (!k.in_use) continue;
      for (int32_t t = 0; t < kSimdTargetSlots; ++t) {
        if (k.by_target[t] == 0) continue;
        const char* name = SimdTargetName(t);
        w_.Printf("%.*s_operations_by_simd_target_total{kind=\"%s\",target=\"%s\"} %" PRIu64
                  "\n",
                  pn_, p_, k.name, name != nullptr ? name : "other", k.by_target[t]);
      }
    }
  }

  // A summary, as Prometheus client libraries define it: quantiles over a
  // recent window, _sum and _count over the lifetime, so rate(_sum)/rate(
  // _count) gives the mean latency of any time range.
  void DurationSummary() {
    Family(w_, prefix_, "operation_duration_seconds", "summary",
           "Operation latency: quantiles over the recent window, sum and count since creation "
           "or reset.");
    for (const StatsKindSnapshot& k : s_.kinds) {
      if (!k.in_use) continue;
      const struct {
        const char* q;
        uint64_t ns;
      } quantiles[] = {
          {"0.5", k.window_p50_ns}, {"0.9", k.window_p90_ns}, {"0.99", k.window_p99_ns}};
      for (const auto& q : quantiles) {
        if (k.window_count == 0) {
          w_.Printf("%.*s_operation_duration_seconds{kind=\"%s\",quantile=\"%s\"} NaN\n", pn_,
                    p_, k.name, q.q);
        } else {
          w_.Printf("%.*s_operation_duration_seconds{kind=\"%s\",quantile=\"%s\"} %s\n", pn_,
                    p_, k.name, q.q, Seconds(q.ns).text);
        }
      }
      w_.Printf("%.*s_operation_duration_seconds_sum{kind=\"%s\"} %s\n", pn_, p_, k.name,
                Seconds(k.duration_ns).text);
      w_.Printf("%.*s_operation_duration_seconds_count{kind=\"%s\"} %" PRIu64 "\n", pn_, p_,
                k.name, k.count);
    }
  }

  // The recorder's settings, as gauges without labels.
  void WindowSettings() {
    Family(w_, prefix_, "stats_window_capacity", "gauge",
           "The most records the recent window holds.");
    w_.Printf("%.*s_stats_window_capacity %" PRIu64 "\n", pn_, p_, s_.capacity);
    Family(w_, prefix_, "stats_retention_seconds", "gauge",
           "Age at which a record leaves the recent window.");
    w_.Printf("%.*s_stats_retention_seconds %s\n", pn_, p_,
              Seconds(static_cast<uint64_t>(s_.retention_ns)).text);
  }

 private:
  TextWriter& w_;
  const StatsSnapshot& s_;
  const absl::string_view prefix_;
  const int pn_;
  const char* const p_;
};

}  // namespace

bool AppendStatsPrometheus(const StatsSnapshot& s, absl::string_view prefix, ByteBuffer* out) {
  if (!out->Reserve(out->size() + 4096 + kStatsKindSlots * 2048)) return false;
  TextWriter w(out);
  PrometheusWriter prometheus(w, s, prefix);
  prometheus.PerKindFamilies(kLifetimeCounters, "counter");
  prometheus.SimdTargets();
  prometheus.DurationSummary();
  prometheus.PerKindFamilies(kWindowGauges, "gauge");
  prometheus.WindowSettings();
  return w.ok();
}

}  // namespace candlewick
