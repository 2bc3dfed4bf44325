// Bounded performance statistics that a 24/7 service can leave on forever.
//
// Why this shape: the reference system's worst leak was a statistics
// dictionary that grew without bound on a server. A StatsRecorder therefore
// takes all of its memory at creation, through the handle's allocator hooks,
// and never allocates again: Record() writes into a fixed ring and fixed
// counters, Read() into the caller's struct using scratch taken at creation.
//
// What it keeps:
//   * Lifetime totals per kind (count, errors, time, bytes, items, and the
//     SIMD target that ran each operation). Eviction never reduces them;
//     only Reset() does.
//   * A recent window: the last `capacity` records whose end time is younger
//     than `retention_ns`. Age is judged against the clock at every read, so
//     an idle process reports an empty window once its records go stale;
//     every write overwrites the oldest slot of the ring, so stale entries
//     never hold more than the fixed ring. Reads give count, errors, bytes,
//     items, mean, min, max and p50/p90/p99 per kind, the percentiles from a
//     fixed-size log-linear histogram (log_histogram.h, < 6.25% high).
//
// Concurrency: every method except the destructor may be called from any
// number of threads at once. A record takes a ticket (one atomic add), fills
// its ring slot under a per-slot sequence lock (readers never wait for it and
// writers never wait for readers), and adds to its thread's stripe of the
// counters under a lock no other running thread contends for while there
// are no more recording threads than stripes (one per CPU, 8..64). Totals
// are exact once recorders are quiescent; a read racing with records may see
// one record's count before its bytes.
#ifndef CANDLEWICK_CC_STATS_STATS_RECORDER_H_
#define CANDLEWICK_CC_STATS_STATS_RECORDER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/stats/hook_array.h"
#include "cc/stats/log_histogram.h"
#include "cc/stats/simd_target.h"

namespace candlewick {

// Kinds of operation, numerically identical to cw_stats_kind. Built-in kinds
// take 0..7 (5..7 reserved for future built-ins); caller-defined labels take
// kStatsKindLabel0 + i, registered at creation.
inline constexpr int32_t kStatsKindRender = 0;
inline constexpr int32_t kStatsKindEncode = 1;
inline constexpr int32_t kStatsKindIndicator = 2;
inline constexpr int32_t kStatsKindAggregate = 3;
inline constexpr int32_t kStatsKindBatch = 4;
inline constexpr int32_t kStatsBuiltinKinds = 5;
inline constexpr int32_t kStatsKindLabel0 = 8;
inline constexpr int32_t kStatsMaxLabels = 8;
inline constexpr int32_t kStatsKindSlots = kStatsKindLabel0 + kStatsMaxLabels;  // 16
inline constexpr size_t kStatsMaxLabelLength = 31;

// A monotonic clock in nanoseconds. Tests inject one to move time; nullptr
// `now_ns` means CLOCK_MONOTONIC. Must be callable from any thread.
struct StatsClock {
  void* opaque = nullptr;
  int64_t (*now_ns)(void* opaque) = nullptr;

  int64_t Now() const;
};

struct StatsOptions {
  // Records kept in the recent window; at least 1.
  uint64_t capacity = 10000;
  // Records older than this (by end time) leave the window; > 0.
  int64_t retention_ns = int64_t{24} * 3600 * 1000000000;
  // Caller-defined kinds, at most kStatsMaxLabels: 1..31 characters of
  // [a-z0-9_] starting with a letter, unique, none a built-in kind's name.
  // They are copied; the strings need only live through Create().
  absl::Span<const absl::string_view> labels;
  StatsClock clock;
};

// One finished operation.
struct StatsSample {
  int32_t kind = kStatsKindRender;
  int32_t target = static_cast<int32_t>(SimdTarget::kNone);  // a SimdTarget
  bool failed = false;
  // When the operation finished, as read from this recorder's clock (Now()).
  // Passing the time in keeps the clock read off the record path: a caller
  // that timed the operation already holds it.
  int64_t end_ns = 0;
  int64_t duration_ns = 0;  // >= 0
  uint64_t bytes = 0;       // bytes produced
  uint64_t items = 0;       // items processed: candles, rows, jobs
};

struct StatsKindSnapshot {
  bool in_use = false;  // a built-in kind or a registered label
  char name[kStatsMaxLabelLength + 1] = {};
  // Lifetime (since creation or the last Reset). duration_ns, bytes and
  // items (and their window sums) saturate at UINT64_MAX instead of
  // wrapping.
  uint64_t count = 0;
  uint64_t errors = 0;
  uint64_t duration_ns = 0;
  uint64_t bytes = 0;
  uint64_t items = 0;
  uint64_t by_target[kSimdTargetSlots] = {};
  // Recent window. The duration figures are 0 when window_count is 0.
  uint64_t window_count = 0;
  uint64_t window_errors = 0;
  uint64_t window_bytes = 0;
  uint64_t window_items = 0;
  uint64_t window_duration_ns = 0;  // sum; UINT64_MAX if it would overflow
  uint64_t window_mean_ns = 0;
  uint64_t window_min_ns = 0;
  uint64_t window_max_ns = 0;
  uint64_t window_p50_ns = 0;
  uint64_t window_p90_ns = 0;
  uint64_t window_p99_ns = 0;
};

struct StatsSnapshot {
  int64_t taken_at_ns = 0;  // the clock reading the window was judged by
  uint64_t capacity = 0;
  int64_t retention_ns = 0;
  uint64_t window_count = 0;  // records in the window, all kinds
  uint64_t count = 0;         // lifetime records, all kinds
  StatsKindSnapshot kinds[kStatsKindSlots];
};

class StatsRecorder;

// Destroys a recorder with the hooks it was allocated with.
struct StatsRecorderDeleter {
  void operator()(StatsRecorder* recorder) const;
};
using StatsRecorderPtr = std::unique_ptr<StatsRecorder, StatsRecorderDeleter>;

class StatsRecorder {
  struct PrivateTag {};

 public:
  // Checks options without allocating. kInvalidArgument for a zero capacity,
  // a retention <= 0 or a bad label; kNullArgument for a null label;
  // kSizeOutOfRange when the memory for `capacity` overflows size_t.
  static absl::Status ValidateOptions(const StatsOptions& options);

  // The bytes Create() allocates for `capacity` records (ring, counters and
  // read scratch for `label_count` labels); false when that overflows size_t.
  static bool MemoryBytes(uint64_t capacity, size_t label_count, size_t* bytes);

  // Validates and allocates everything the recorder will ever use, through
  // `hooks`. Errors as ValidateOptions, plus kOutOfMemory.
  static absl::StatusOr<StatsRecorderPtr> Create(const StatsOptions& options,
                                                 const AllocatorHooks& hooks);

  // Use Create(); public only so NewWithHooks can construct it.
  StatsRecorder(PrivateTag, const StatsOptions& options, const AllocatorHooks& hooks);
  ~StatsRecorder();
  StatsRecorder(const StatsRecorder&) = delete;
  StatsRecorder& operator=(const StatsRecorder&) = delete;

  int64_t Now() const { return clock_.Now(); }

  // kOk, or kInvalidArgument with a message in `message` (NUL-terminated,
  // truncated to `message_size`; may be null when message_size is 0) for an
  // unknown or unregistered kind, an unassigned SIMD target or a negative
  // duration. Allocates nothing.
  ErrorCode CheckSample(const StatsSample& sample, char* message, size_t message_size) const;

  // Records a sample that passed CheckSample. Allocates nothing, reads no
  // clock, never blocks on readers.
  void RecordChecked(const StatsSample& sample);

  // CheckSample + RecordChecked, for C++ callers (the error message, on bad
  // input only, allocates as any absl::Status message does).
  absl::Status Record(const StatsSample& sample);

  // Fills `out` with totals and the window as of the clock's reading now.
  // Allocates nothing; concurrent reads take turns on the read scratch but
  // never hold up records.
  void Read(StatsSnapshot* out) const;

  // Clears the window and the totals. A record that overlaps the reset may be
  // counted in the totals after it without appearing in the window.
  void Reset();

  uint64_t capacity() const { return capacity_; }
  int64_t retention_ns() const { return retention_ns_; }
  const AllocatorHooks& hooks() const { return hooks_; }
  // Built-in kinds and registered labels.
  bool KindInUse(int32_t kind) const {
    return kind >= 0 && kind < kStatsKindSlots && ((kinds_in_use_ >> kind) & 1u) != 0;
  }
  // The kind's name, "" when not in use.
  const char* KindName(int32_t kind) const { return KindInUse(kind) ? names_[kind] : ""; }

 private:
  struct Slot;
  struct Stripe;
  struct WindowAccumulator;

  bool AllocateStorage();
  void WriteSlot(uint64_t ticket, const StatsSample& sample);
  void AddTotals(const StatsSample& sample);
  Stripe& ThisThreadStripe();

  AllocatorHooks hooks_;
  StatsClock clock_;
  uint64_t capacity_;
  int64_t retention_ns_;
  uint32_t kinds_in_use_ = 0;
  int32_t dense_kind_[kStatsKindSlots];  // kind -> index into read scratch, -1 unused
  int32_t dense_kinds_ = 0;
  char names_[kStatsKindSlots][kStatsMaxLabelLength + 1] = {};

  HookArray<Slot> ring_;
  HookArray<Stripe> stripes_;
  // Read scratch: one accumulator per kind in use; guarded by read_mu_.
  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer annotations, so TSan could not see absl::Mutex order the
  // scratch between readers, whereas it intercepts pthread mutexes.
  mutable HookArray<WindowAccumulator> scratch_;
  mutable std::mutex read_mu_;

  // The next ticket; on its own cache line because every record adds to it.
  alignas(64) std::atomic<uint64_t> head_{0};
  // Tickets below this were recorded before the last Reset().
  alignas(64) std::atomic<uint64_t> reset_floor_{0};
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_STATS_RECORDER_H_
