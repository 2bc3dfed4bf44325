// The C ABI of the statistics handle (the "Performance statistics" section
// of capi/candlewick.h): argument checks, conversion to the C++ core
// (cc/stats), and the per-handle last error. Nothing here allocates after
// cw_stats_create() except the cw_buffers the text readers return.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <string>

#include "absl/strings/string_view.h"
#include "capi/candlewick.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/canvas/fill.h"
#include "cc/stats/simd_target.h"
#include "cc/stats/stats_format.h"
#include "cc/stats/stats_recorder.h"

using candlewick::AllocatorHooks;
using candlewick::ErrorCode;
using candlewick::StatsKindSnapshot;
using candlewick::StatsOptions;
using candlewick::StatsRecorder;
using candlewick::StatsSample;
using candlewick::StatsSnapshot;
using candlewick::capi::Fail;
using candlewick::capi::Guard;
using candlewick::capi::ToStatus;
using candlewick::capi::WriteMessage;

// The public constants must stay equal to the core's.
static_assert(CW_STATS_LABEL_0 == candlewick::kStatsKindLabel0, "label numbering");
static_assert(CW_STATS_MAX_LABELS == candlewick::kStatsMaxLabels, "label count");
static_assert(CW_STATS_KIND_SLOTS == candlewick::kStatsKindSlots, "kind slots");
static_assert(CW_STATS_NAME_SIZE == candlewick::kStatsMaxLabelLength + 1, "name size");
static_assert(CW_SIMD_TARGET_SLOTS == candlewick::kSimdTargetSlots, "target slots");
static_assert(CW_SIMD_RVV + 1 == candlewick::kSimdTargetCount, "target numbering");
static_assert(CW_STATS_RENDER == candlewick::kStatsKindRender &&
                  CW_STATS_ENCODE == candlewick::kStatsKindEncode &&
                  CW_STATS_INDICATOR == candlewick::kStatsKindIndicator &&
                  CW_STATS_AGGREGATE == candlewick::kStatsKindAggregate &&
                  CW_STATS_BATCH == candlewick::kStatsKindBatch,
              "kind numbering");

namespace {

// The first published layouts (capi/shim.h, CW_FIELD_END); callers built
// against a newer header pass larger structs, whose extra tail is ignored
// (options, samples) or left untouched (snapshots).
CW_FROZEN_V1_SIZE(kOptionsV1Size, cw_stats_options, allocator, 64);
CW_FROZEN_V1_SIZE(kSampleV1Size, cw_stats_sample, failed, 52);
CW_FROZEN_V1_SIZE(kSnapshotV1Size, cw_stats_snapshot, kinds, 6704);


// Everything cw_stats_options_validate checks, and the core options and
// hooks it implies. `labels` is storage for the label views.
cw_status ParseOptions(const cw_stats_options* options, StatsOptions* out, AllocatorHooks* hooks,
                       absl::string_view (&labels)[CW_STATS_MAX_LABELS], char* message,
                       size_t message_size) {
  WriteMessage(message, message_size, "");
  if (options == nullptr) {
    WriteMessage(message, message_size, "options is NULL");
    return CW_ERR_NULL_ARGUMENT;
  }
  if (options->struct_size < kOptionsV1Size) {
    char text[128];
    std::snprintf(text, sizeof text, "options struct_size %zu is below %zu",
                  options->struct_size, kOptionsV1Size);
    WriteMessage(message, message_size, text);
    return CW_ERR_STRUCT_SIZE;
  }
  if (!candlewick::capi::HooksFrom(options->allocator, hooks)) {
    WriteMessage(message, message_size, "allocator has a NULL alloc or free hook");
    return CW_ERR_NULL_ARGUMENT;
  }
  if (options->label_count > CW_STATS_MAX_LABELS) {
    char text[128];
    std::snprintf(text, sizeof text, "at most %u stats labels, got %u", CW_STATS_MAX_LABELS,
                  options->label_count);
    WriteMessage(message, message_size, text);
    return CW_ERR_INVALID_ARGUMENT;
  }
  if (options->label_count > 0 && options->labels == nullptr) {
    WriteMessage(message, message_size, "labels is NULL but label_count is not 0");
    return CW_ERR_NULL_ARGUMENT;
  }
  for (uint32_t i = 0; i < options->label_count; ++i) {
    const char* label = options->labels[i];
    // strnlen: a label longer than the limit is rejected without reading
    // past limit + 1 bytes of whatever the caller passed.
    labels[i] = label == nullptr
                    ? absl::string_view()
                    : absl::string_view(label,
                                        strnlen(label, candlewick::kStatsMaxLabelLength + 1));
  }
  out->capacity = options->capacity;
  out->retention_ns = options->retention_ns;
  out->labels = absl::MakeConstSpan(labels, options->label_count);
  out->clock.now_ns = options->clock;
  out->clock.opaque = options->clock_opaque;
  const absl::Status st = StatsRecorder::ValidateOptions(*out);
  if (!st.ok()) {
    WriteMessage(message, message_size, st.message());
    return ToStatus(st);
  }
  return CW_OK;
}

void CopyKind(const StatsKindSnapshot& k, cw_stats_kind_snapshot* out) {
  static_assert(sizeof out->name == sizeof k.name, "name size");
  std::memcpy(out->name, k.name, sizeof out->name);
  out->count = k.count;
  out->errors = k.errors;
  out->duration_ns = k.duration_ns;
  out->bytes = k.bytes;
  out->items = k.items;
  for (int t = 0; t < candlewick::kSimdTargetSlots; ++t) out->by_target[t] = k.by_target[t];
  out->window_count = k.window_count;
  out->window_errors = k.window_errors;
  out->window_bytes = k.window_bytes;
  out->window_items = k.window_items;
  out->window_duration_ns = k.window_duration_ns;
  out->window_mean_ns = k.window_mean_ns;
  out->window_min_ns = k.window_min_ns;
  out->window_max_ns = k.window_max_ns;
  out->window_p50_ns = k.window_p50_ns;
  out->window_p90_ns = k.window_p90_ns;
  out->window_p99_ns = k.window_p99_ns;
}

// Formats a fresh reading into a new buffer with the handle's hooks; the
// byte after the text is a NUL so C callers can use it as a string.
template <typename Format>
cw_status ReadText(const cw_stats* stats, cw_buffer** out, Format&& format) {
  StatsSnapshot snapshot;
  stats->recorder->Read(&snapshot);
  cw_buffer* buffer = candlewick::capi::NewBuffer(stats->recorder->hooks());
  if (buffer == nullptr) {
    return Fail(stats, ErrorCode::kOutOfMemory, "out of memory for the text buffer");
  }
  const char nul = '\0';
  if (!format(snapshot, &buffer->bytes) || !buffer->bytes.Append(&nul, 1)) {
    candlewick::capi::DestroyBuffer(buffer);
    return Fail(stats, ErrorCode::kOutOfMemory, "out of memory while formatting statistics");
  }
  buffer->bytes.Resize(buffer->bytes.size() - 1);  // the NUL stays, uncounted
  *out = buffer;
  return CW_OK;
}

}  // namespace

namespace candlewick {
namespace capi {

// Readers (cw_stats_last_error) may run on other threads: write under the lock.
void SetLastError(const cw_stats* stats, absl::string_view message) {
  std::lock_guard<std::mutex> lock(stats->error_mu);
  WriteMessage(stats->last_error, sizeof stats->last_error, message);
}

}  // namespace capi
}  // namespace candlewick


namespace candlewick {
namespace capi {

int64_t StatsNow(const cw_stats* stats) { return stats->recorder->Now(); }

void RecordCall(cw_stats* stats, int32_t kind, int64_t start_ns, cw_status status,
                uint64_t bytes, uint64_t items) {
  StatsSample s;
  s.kind = kind;
  s.failed = status != CW_OK;
  s.end_ns = stats->recorder->Now();
  // A clock must not go backwards; if an injected one does, count 0.
  s.duration_ns = s.end_ns > start_ns ? s.end_ns - start_ns : 0;
  s.bytes = bytes;
  s.items = items;
  // A failed call may have stopped before any kernel ran.
  s.target = s.failed ? static_cast<int32_t>(SimdTarget::kNone)
                      : static_cast<int32_t>(SimdTargetFromName(FillTargetName()));
  stats->recorder->RecordChecked(s);
}

}  // namespace capi
}  // namespace candlewick

extern "C" {

const char* cw_simd_target_name(int32_t target) { return candlewick::SimdTargetName(target); }

int32_t cw_simd_target_active(void) {
  return static_cast<int32_t>(candlewick::SimdTargetFromName(candlewick::FillTargetName()));
}

void cw_stats_options_init(cw_stats_options* options) {
  if (options == nullptr) return;
  std::memset(options, 0, sizeof *options);
  const StatsOptions defaults;
  options->struct_size = sizeof *options;
  options->capacity = defaults.capacity;
  options->retention_ns = defaults.retention_ns;
  options->labels = nullptr;
  options->label_count = 0;
  options->clock = nullptr;
  options->clock_opaque = nullptr;
  options->allocator = nullptr;
}

cw_status cw_stats_options_validate(const cw_stats_options* options, char* message,
                                    size_t message_size) {
  try {
    StatsOptions parsed;
    AllocatorHooks hooks;
    absl::string_view labels[CW_STATS_MAX_LABELS];
    return ParseOptions(options, &parsed, &hooks, labels, message, message_size);
  } catch (...) {
    // Only an error message can allocate here.
    WriteMessage(message, message_size, "out of memory while checking options");
    return CW_ERR_OUT_OF_MEMORY;
  }
}

cw_status cw_stats_create(const cw_stats_options* options, cw_stats** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  return Guard([&]() -> cw_status {
    StatsOptions parsed;
    AllocatorHooks hooks;
    absl::string_view labels[CW_STATS_MAX_LABELS];
    const cw_status st = ParseOptions(options, &parsed, &hooks, labels, nullptr, 0);
    if (st != CW_OK) return st;
    absl::StatusOr<candlewick::StatsRecorderPtr> recorder = StatsRecorder::Create(parsed, hooks);
    if (!recorder.ok()) return ToStatus(recorder.status());
    cw_stats* stats = candlewick::NewWithHooks<cw_stats>(hooks, std::move(*recorder));
    if (stats == nullptr) return CW_ERR_OUT_OF_MEMORY;
    *out = stats;
    return CW_OK;
  });
}

void cw_stats_destroy(cw_stats* stats) {
  candlewick::capi::DestroyHandle(stats, [](const cw_stats& s) { return s.recorder->hooks(); });
}

size_t cw_stats_last_error(const cw_stats* stats, char* buffer, size_t buffer_size) {
  if (stats == nullptr) {
    static constexpr char kInvalid[] = "invalid handle (NULL stats)";
    WriteMessage(buffer, buffer_size, kInvalid);
    return sizeof kInvalid - 1;
  }
  try {
    std::lock_guard<std::mutex> lock(stats->error_mu);
    WriteMessage(buffer, buffer_size, stats->last_error);
    return std::strlen(stats->last_error);
  } catch (...) {
    WriteMessage(buffer, buffer_size, "");
    return 0;
  }
}

int64_t cw_stats_now(const cw_stats* stats) {
  return stats == nullptr ? 0 : stats->recorder->Now();
}

cw_status cw_stats_record(cw_stats* stats, const cw_stats_sample* sample) {
  return Guard(stats, [&]() -> cw_status {
    if (stats == nullptr) return CW_ERR_NULL_ARGUMENT;
    if (sample == nullptr) return Fail(stats, ErrorCode::kNullArgument, "sample is NULL");
    if (sample->struct_size < kSampleV1Size) {
      return Fail(stats, ErrorCode::kStructSize,
                  "sample struct_size is below sizeof(cw_stats_sample)");
    }
    StatsSample s;
    s.kind = sample->kind;
    s.target = sample->simd_target;
    s.failed = sample->failed != 0;
    s.end_ns = sample->end_ns;
    s.duration_ns = sample->duration_ns;
    s.bytes = sample->bytes;
    s.items = sample->items;
    char message[160];
    const ErrorCode code = stats->recorder->CheckSample(s, message, sizeof message);
    if (code != ErrorCode::kOk) return Fail(stats, code, message);
    stats->recorder->RecordChecked(s);
    return CW_OK;
  });
}

cw_status cw_stats_read(const cw_stats* stats, cw_stats_snapshot* snapshot) {
  return Guard(stats, [&]() -> cw_status {
    if (stats == nullptr) return CW_ERR_NULL_ARGUMENT;
    if (snapshot == nullptr) return Fail(stats, ErrorCode::kNullArgument, "snapshot is NULL");
    if (snapshot->struct_size < kSnapshotV1Size) {
      return Fail(stats, ErrorCode::kStructSize,
                  "snapshot struct_size is below sizeof(cw_stats_snapshot)");
    }
    StatsSnapshot s;
    stats->recorder->Read(&s);
    snapshot->taken_at_ns = s.taken_at_ns;
    snapshot->capacity = s.capacity;
    snapshot->retention_ns = s.retention_ns;
    snapshot->count = s.count;
    snapshot->window_count = s.window_count;
    for (int k = 0; k < candlewick::kStatsKindSlots; ++k) CopyKind(s.kinds[k], &snapshot->kinds[k]);
    return CW_OK;
  });
}

cw_status cw_stats_read_json(const cw_stats* stats, cw_buffer** out) {
  return Guard(stats, [&]() -> cw_status {
    if (out != nullptr) *out = nullptr;
    if (stats == nullptr) return CW_ERR_NULL_ARGUMENT;
    if (out == nullptr) return Fail(stats, ErrorCode::kNullArgument, "out is NULL");
    return ReadText(stats, out, [](const StatsSnapshot& s, candlewick::ByteBuffer* text) {
      return candlewick::AppendStatsJson(s, text);
    });
  });
}

cw_status cw_stats_read_prometheus(const cw_stats* stats, const char* prefix, cw_buffer** out) {
  return Guard(stats, [&]() -> cw_status {
    if (out != nullptr) *out = nullptr;
    if (stats == nullptr) return CW_ERR_NULL_ARGUMENT;
    if (out == nullptr) return Fail(stats, ErrorCode::kNullArgument, "out is NULL");
    // strnlen bounds the scan of a malformed prefix to one byte past the limit.
    const absl::string_view p =
        prefix == nullptr
            ? absl::string_view(candlewick::kDefaultMetricPrefix)
            : absl::string_view(prefix, strnlen(prefix, candlewick::kMaxMetricPrefixLength + 1));
    if (!candlewick::IsValidMetricPrefix(p)) {
      char message[192];
      std::snprintf(message, sizeof message,
                    "metric prefix \"%.*s\" must be 1..%zu characters of [a-zA-Z0-9_], not "
                    "starting with a digit",
                    static_cast<int>(p.size()), p.data(), candlewick::kMaxMetricPrefixLength);
      return Fail(stats, ErrorCode::kInvalidArgument, message);
    }
    return ReadText(stats, out, [p](const StatsSnapshot& s, candlewick::ByteBuffer* text) {
      return candlewick::AppendStatsPrometheus(s, p, text);
    });
  });
}

cw_status cw_stats_reset(cw_stats* stats) {
  return Guard(stats, [&]() -> cw_status {
    if (stats == nullptr) return CW_ERR_NULL_ARGUMENT;
    stats->recorder->Reset();
    return CW_OK;
  });
}

cw_status cw_chart_attach_stats(cw_chart* chart, cw_stats* stats) {
  return candlewick::capi::AttachStats(chart, stats);
}

}  // extern "C"
