#include "cc/stats/stats_recorder.h"

#include <time.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <limits>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace candlewick {
namespace {

// Counter stripes: records on different stripes never share a cache line.
// A power of two so a thread's stripe index maps with a mask.
constexpr uint32_t kMinStripes = 8;
constexpr uint32_t kMaxStripes = 64;

// One stripe per CPU (8..64), so threads share a stripe only when more of
// them record at once than the machine can run anyway. The same for every
// recorder in the process, so a thread's stripe index suits them all.
uint32_t StripeCount() {
  static const uint32_t count = [] {
    const unsigned cpus = std::thread::hardware_concurrency();
    uint32_t stripes = kMinStripes;
    while (stripes < cpus && stripes < kMaxStripes) stripes *= 2;
    return stripes;
  }();
  return count;
}

// Live threads holding each stripe index, process-wide. A thread takes the
// least-used index on its first record and gives it back when it exits, so
// up to StripeCount() concurrent recording threads each get their own.
// Per thread rather than per CPU: a thread preempted inside its (tiny)
// critical section then never holds up the next thread scheduled on its CPU.
std::atomic<uint32_t> g_stripe_users[kMaxStripes];

struct StripeRelease {
  uint32_t index = kMaxStripes;
  ~StripeRelease() {
    if (index < kMaxStripes) g_stripe_users[index].fetch_sub(1, std::memory_order_relaxed);
  }
};

uint32_t AssignStripe() {
  uint32_t best = 0;
  uint32_t best_users = std::numeric_limits<uint32_t>::max();
  for (uint32_t i = 0; i < StripeCount(); ++i) {
    const uint32_t users = g_stripe_users[i].load(std::memory_order_relaxed);
    if (users < best_users) {
      best = i;
      best_users = users;
    }
  }
  // Two threads racing here may pick the same index: harmless, the stripe
  // lock keeps them correct.
  g_stripe_users[best].fetch_add(1, std::memory_order_relaxed);
  static thread_local StripeRelease release;
  release.index = best;
  return best;
}

// This thread's stripe index. The plain thread_local (constant-initialised,
// no destructor) keeps the hot path to one TLS load.
inline uint32_t ThreadStripeIndex() {
  static thread_local uint32_t index = kMaxStripes;
  if (index == kMaxStripes) index = AssignStripe();
  return index;
}

constexpr const char* kBuiltinNames[kStatsBuiltinKinds] = {"render", "encode", "indicator",
                                                           "aggregate", "batch"};

int64_t MonotonicNow() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Waits a little for another thread to finish a short critical section;
// yields after a while so a holder preempted on a busy machine can run.
inline void Backoff(int* spins) {
  if (++*spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  } else {
    std::this_thread::yield();
  }
}

// The counters are atomics only so that lock-free readers are well defined;
// writers hold the stripe lock, so a plain load and store (no locked
// instruction) is enough to add.
// Totals saturate at UINT64_MAX rather than wrap: a total that wrapped
// would silently read as small (2^64 bytes are 16 EiB: a sum of caller
// figures, not of real output, gets there).
inline uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}
inline void Bump(std::atomic<uint64_t>& counter, uint64_t amount) {
  counter.store(SaturatingAdd(counter.load(std::memory_order_relaxed), amount),
                std::memory_order_relaxed);
}

bool IsLabelChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// Whether a record that ended at `end_ns` is still inside the retention
// window at `now`. Records stamped in the future (a clock read racing the
// read) count as fresh. Unsigned arithmetic avoids overflow for any pair.
inline bool Fresh(int64_t end_ns, int64_t now, int64_t retention_ns) {
  if (end_ns >= now) return true;
  const uint64_t age = static_cast<uint64_t>(now) - static_cast<uint64_t>(end_ns);
  return age < static_cast<uint64_t>(retention_ns);
}

}  // namespace

int64_t StatsClock::Now() const { return now_ns == nullptr ? MonotonicNow() : now_ns(opaque); }

// One recent record. A whole cache line each, so two threads filling
// neighbouring tickets do not fight over one line.
//
// `state` is a sequence lock that also names the record it holds:
// 0 = empty, 2 * (ticket + 1) = holds that ticket's record, odd = being
// written (2 * ticket + 1). The fields are atomics so that a reader racing a
// writer is well defined; the reader discards what it read unless `state`
// was the same even value before and after.
struct StatsRecorder::Slot {
  alignas(64) std::atomic<uint64_t> state{0};
  std::atomic<int64_t> end_ns{0};
  std::atomic<uint64_t> duration_ns{0};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> items{0};
  // kind | target << 8 | failed << 16
  std::atomic<uint32_t> meta{0};
};

struct KindCounters {
  std::atomic<uint64_t> count{0};
  std::atomic<uint64_t> errors{0};
  std::atomic<uint64_t> duration_ns{0};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> items{0};
  std::atomic<uint64_t> by_target[kSimdTargetSlots] = {};
};

// Lifetime counters of the records that landed on this stripe. One lock per
// stripe instead of one atomic add per counter: a record costs one locked
// instruction here however many counters it touches, and Reset() can clear a
// stripe without tearing a record in half.
struct StatsRecorder::Stripe {
  alignas(64) std::atomic<uint32_t> lock{0};
  KindCounters kinds[kStatsKindSlots];

  void Lock() {
    int spins = 0;
    while (lock.exchange(1, std::memory_order_acquire) != 0) {
      while (lock.load(std::memory_order_relaxed) != 0) Backoff(&spins);
    }
  }
  void Unlock() { lock.store(0, std::memory_order_release); }
};

struct StatsRecorder::WindowAccumulator {
  uint64_t count;
  uint64_t errors;
  uint64_t bytes;
  uint64_t items;
  uint64_t min;
  uint64_t max;
  // 128 bits: a window of long operations can exceed 2^64 ns in total.
  unsigned __int128 sum;
  uint64_t buckets[kLogBuckets];

  void Clear() {
    std::memset(static_cast<void*>(this), 0, sizeof *this);
    min = std::numeric_limits<uint64_t>::max();
  }
  void Add(uint64_t duration) {
    ++count;
    if (duration < min) min = duration;
    if (duration > max) max = duration;
    sum += duration;
    ++buckets[LogBucketOf(duration)];
  }
  // Each duration is below 2^63, so the mean fits in 64 bits.
  uint64_t Mean() const { return count == 0 ? 0 : static_cast<uint64_t>(sum / count); }
  uint64_t SaturatedSum() const {
    return sum > std::numeric_limits<uint64_t>::max() ? std::numeric_limits<uint64_t>::max()
                                                      : static_cast<uint64_t>(sum);
  }
};

void StatsRecorderDeleter::operator()(StatsRecorder* recorder) const {
  if (recorder == nullptr) return;
  const AllocatorHooks hooks = recorder->hooks();
  DeleteWithHooks(hooks, recorder);
}

bool StatsRecorder::MemoryBytes(uint64_t capacity, size_t label_count, size_t* bytes) {
  constexpr size_t kMax = std::numeric_limits<size_t>::max();
  const size_t fixed = sizeof(StatsRecorder) + StripeCount() * sizeof(Stripe) +
                       (kStatsBuiltinKinds + label_count) * sizeof(WindowAccumulator);
  if (capacity > (kMax - fixed) / sizeof(Slot)) return false;
  *bytes = fixed + static_cast<size_t>(capacity) * sizeof(Slot);
  return true;
}

absl::Status StatsRecorder::ValidateOptions(const StatsOptions& options) {
  if (options.capacity == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "stats capacity must be at least 1 (the number of recent records kept)");
  }
  if (options.retention_ns <= 0) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("stats retention must be > 0 ns, got ", options.retention_ns,
                              " (pass INT64_MAX to keep records until they are overwritten)"));
  }
  if (options.labels.size() > static_cast<size_t>(kStatsMaxLabels)) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("at most ", kStatsMaxLabels, " stats labels, got ",
                              options.labels.size()));
  }
  for (size_t i = 0; i < options.labels.size(); ++i) {
    const absl::string_view label = options.labels[i];
    if (label.data() == nullptr) {
      return Error(ErrorCode::kNullArgument, absl::StrCat("stats label ", i, " is NULL"));
    }
    bool ok = !label.empty() && label.size() <= kStatsMaxLabelLength && label[0] >= 'a' &&
              label[0] <= 'z';
    for (char c : label) ok = ok && IsLabelChar(c);
    if (!ok) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("stats label ", i, " \"", absl::CEscape(label),
                                "\" must be 1..", kStatsMaxLabelLength,
                                " characters of [a-z0-9_] starting with a letter"));
    }
    for (const char* builtin : kBuiltinNames) {
      if (label == builtin) {
        return Error(ErrorCode::kInvalidArgument,
                     absl::StrCat("stats label ", i, " \"", label,
                                  "\" is the name of a built-in kind"));
      }
    }
    for (size_t j = 0; j < i; ++j) {
      if (options.labels[j] == label) {
        return Error(ErrorCode::kInvalidArgument,
                     absl::StrCat("stats labels ", j, " and ", i, " are both \"", label, "\""));
      }
    }
  }
  size_t bytes = 0;
  if (!MemoryBytes(options.capacity, options.labels.size(), &bytes)) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("stats capacity ", options.capacity, " x ", sizeof(Slot),
                              " bytes per record overflows the address space"));
  }
  return absl::OkStatus();
}

StatsRecorder::StatsRecorder(PrivateTag, const StatsOptions& options, const AllocatorHooks& hooks)
    : hooks_(hooks),
      clock_(options.clock),
      capacity_(options.capacity),
      retention_ns_(options.retention_ns) {
  for (int32_t& d : dense_kind_) d = -1;
  for (int32_t k = 0; k < kStatsBuiltinKinds; ++k) {
    std::snprintf(names_[k], sizeof names_[k], "%s", kBuiltinNames[k]);
    kinds_in_use_ |= 1u << k;
    dense_kind_[k] = dense_kinds_++;
  }
  for (size_t i = 0; i < options.labels.size(); ++i) {
    const int32_t k = kStatsKindLabel0 + static_cast<int32_t>(i);
    const absl::string_view label = options.labels[i];
    std::memcpy(names_[k], label.data(), label.size());
    names_[k][label.size()] = '\0';
    kinds_in_use_ |= 1u << k;
    dense_kind_[k] = dense_kinds_++;
  }
}

StatsRecorder::~StatsRecorder() = default;

bool StatsRecorder::AllocateStorage() {
  return ring_.Allocate(hooks_, static_cast<size_t>(capacity_)) &&
         stripes_.Allocate(hooks_, StripeCount()) &&
         scratch_.Allocate(hooks_, static_cast<size_t>(dense_kinds_));
}

absl::StatusOr<StatsRecorderPtr> StatsRecorder::Create(const StatsOptions& options,
                                                       const AllocatorHooks& hooks) {
  if (absl::Status st = ValidateOptions(options); !st.ok()) return st;
  StatsRecorderPtr recorder(NewWithHooks<StatsRecorder>(hooks, PrivateTag{}, options, hooks));
  if (recorder == nullptr) return Error(ErrorCode::kOutOfMemory, "stats handle");
  if (!recorder->AllocateStorage()) {
    size_t bytes = 0;
    MemoryBytes(options.capacity, options.labels.size(), &bytes);
    return Error(ErrorCode::kOutOfMemory,
                 absl::StrCat("stats storage for ", options.capacity, " records (about ",
                              bytes, " bytes)"));
  }
  return recorder;
}

ErrorCode StatsRecorder::CheckSample(const StatsSample& s, char* message,
                                     size_t message_size) const {
  const char* problem = nullptr;
  int64_t value = 0;
  if (!KindInUse(s.kind)) {
    problem = "unknown stats kind %" PRId64
              " (built-in kinds are 0..4; labels start at 8 and must be registered at creation)";
    value = s.kind;
  } else if (s.target < 0 || s.target >= kSimdTargetCount) {
    problem = "unknown SIMD target %" PRId64;
    value = s.target;
  } else if (s.duration_ns < 0) {
    problem = "negative duration %" PRId64 " ns";
    value = s.duration_ns;
  }
  if (problem == nullptr) return ErrorCode::kOk;
  if (message != nullptr && message_size != 0) std::snprintf(message, message_size, problem, value);
  return ErrorCode::kInvalidArgument;
}

absl::Status StatsRecorder::Record(const StatsSample& sample) {
  char message[160];
  const ErrorCode code = CheckSample(sample, message, sizeof message);
  if (code != ErrorCode::kOk) return Error(code, message);
  RecordChecked(sample);
  return absl::OkStatus();
}

void StatsRecorder::RecordChecked(const StatsSample& sample) {
  const uint64_t ticket = head_.fetch_add(1, std::memory_order_relaxed);
  WriteSlot(ticket, sample);
  AddTotals(sample);
}

void StatsRecorder::WriteSlot(uint64_t ticket, const StatsSample& s) {
  Slot& slot = ring_[static_cast<size_t>(ticket % capacity_)];
  const uint64_t done = 2 * ticket + 2;
  // Try the usual occupant first, this slot's record from one lap ago (or
  // empty on the first lap): a CAS straight away takes the cache line in one
  // transfer, where a load and then a CAS would take it twice when the line
  // sits in another core's cache.
  uint64_t state = ticket >= capacity_ ? 2 * (ticket - capacity_) + 2 : 0;
  int spins = 0;
  for (;;) {
    // Every value in `state` is judged before it is CASed over: a state read
    // while waiting may belong to a newer ticket, even one still being
    // written (odd), and claiming that would let this older record replace
    // it.
    if (state > done) return;  // pushed out of the window before it landed
    if ((state & 1) != 0) {
      // An older writer lapped by capacity records is still filling the slot.
      Backoff(&spins);
      state = slot.state.load(std::memory_order_relaxed);
      continue;
    }
    // Acquire: our field stores must follow the previous owner's.
    if (slot.state.compare_exchange_weak(state, done - 1, std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
      break;
    }
  }
  // Readers that see any field below must also see the odd state above.
  std::atomic_thread_fence(std::memory_order_release);
  slot.end_ns.store(s.end_ns, std::memory_order_relaxed);
  slot.duration_ns.store(static_cast<uint64_t>(s.duration_ns), std::memory_order_relaxed);
  slot.bytes.store(s.bytes, std::memory_order_relaxed);
  slot.items.store(s.items, std::memory_order_relaxed);
  slot.meta.store(static_cast<uint32_t>(s.kind) | static_cast<uint32_t>(s.target) << 8 |
                      (s.failed ? 1u << 16 : 0u),
                  std::memory_order_relaxed);
  slot.state.store(done, std::memory_order_release);
}

StatsRecorder::Stripe& StatsRecorder::ThisThreadStripe() {
  return stripes_[ThreadStripeIndex() & (stripes_.size() - 1)];
}

void StatsRecorder::AddTotals(const StatsSample& s) {
  Stripe& stripe = ThisThreadStripe();
  stripe.Lock();
  KindCounters& k = stripe.kinds[s.kind];
  Bump(k.count, 1);
  if (s.failed) Bump(k.errors, 1);
  Bump(k.duration_ns, static_cast<uint64_t>(s.duration_ns));
  Bump(k.bytes, s.bytes);
  Bump(k.items, s.items);
  Bump(k.by_target[s.target], 1);
  stripe.Unlock();
}

void StatsRecorder::Read(StatsSnapshot* out) const {
  std::lock_guard<std::mutex> lock(read_mu_);
  const int64_t now = clock_.Now();
  *out = StatsSnapshot();
  out->taken_at_ns = now;
  out->capacity = capacity_;
  out->retention_ns = retention_ns_;

  // Lifetime totals: a sum over stripes, read without locks.
  for (int32_t kind = 0; kind < kStatsKindSlots; ++kind) {
    if (!KindInUse(kind)) continue;
    StatsKindSnapshot& k = out->kinds[kind];
    k.in_use = true;
    std::memcpy(k.name, names_[kind], sizeof k.name);
    for (size_t s = 0; s < stripes_.size(); ++s) {
      const KindCounters& c = stripes_[s].kinds[kind];
      k.count += c.count.load(std::memory_order_relaxed);
      k.errors += c.errors.load(std::memory_order_relaxed);
      k.duration_ns = SaturatingAdd(k.duration_ns, c.duration_ns.load(std::memory_order_relaxed));
      k.bytes = SaturatingAdd(k.bytes, c.bytes.load(std::memory_order_relaxed));
      k.items = SaturatingAdd(k.items, c.items.load(std::memory_order_relaxed));
      for (int32_t t = 0; t < kSimdTargetSlots; ++t) {
        k.by_target[t] += c.by_target[t].load(std::memory_order_relaxed);
      }
    }
    out->count += k.count;
  }

  // The window: tickets [max(head - capacity, reset floor), head), each kept
  // if its slot still holds it (not being overwritten) and it is fresh.
  for (int32_t d = 0; d < dense_kinds_; ++d) scratch_[static_cast<size_t>(d)].Clear();
  const uint64_t head = head_.load(std::memory_order_acquire);
  uint64_t first = head > capacity_ ? head - capacity_ : 0;
  const uint64_t floor = reset_floor_.load(std::memory_order_acquire);
  if (first < floor) first = floor;
  size_t index = static_cast<size_t>(first % capacity_);
  for (uint64_t ticket = first; ticket < head; ++ticket) {
    const Slot& slot = ring_[index];
    if (++index == capacity_) index = 0;
    const uint64_t expected = 2 * ticket + 2;
    if (slot.state.load(std::memory_order_acquire) != expected) continue;
    const int64_t end_ns = slot.end_ns.load(std::memory_order_relaxed);
    const uint64_t duration = slot.duration_ns.load(std::memory_order_relaxed);
    const uint64_t bytes = slot.bytes.load(std::memory_order_relaxed);
    const uint64_t items = slot.items.load(std::memory_order_relaxed);
    const uint32_t meta = slot.meta.load(std::memory_order_relaxed);
    // Pairs with the writer's release fence: if any load above saw a newer
    // writer's store, the state below is no longer `expected`.
    std::atomic_thread_fence(std::memory_order_acquire);
    if (slot.state.load(std::memory_order_relaxed) != expected) continue;
    if (!Fresh(end_ns, now, retention_ns_)) continue;
    const int32_t kind = static_cast<int32_t>(meta & 0xFF);
    if (!KindInUse(kind)) continue;  // cannot happen: records are checked
    WindowAccumulator& acc = scratch_[static_cast<size_t>(dense_kind_[kind])];
    acc.Add(duration);
    acc.errors += (meta >> 16) & 1;
    acc.bytes = SaturatingAdd(acc.bytes, bytes);
    acc.items = SaturatingAdd(acc.items, items);
  }

  for (int32_t kind = 0; kind < kStatsKindSlots; ++kind) {
    if (!KindInUse(kind)) continue;
    const WindowAccumulator& acc = scratch_[static_cast<size_t>(dense_kind_[kind])];
    StatsKindSnapshot& k = out->kinds[kind];
    k.window_count = acc.count;
    k.window_errors = acc.errors;
    k.window_bytes = acc.bytes;
    k.window_items = acc.items;
    k.window_duration_ns = acc.SaturatedSum();
    out->window_count += acc.count;
    if (acc.count == 0) continue;
    k.window_mean_ns = acc.Mean();
    k.window_min_ns = acc.min;
    k.window_max_ns = acc.max;
    k.window_p50_ns = LogHistogramQuantile(acc.buckets, acc.count, acc.min, acc.max, 500);
    k.window_p90_ns = LogHistogramQuantile(acc.buckets, acc.count, acc.min, acc.max, 900);
    k.window_p99_ns = LogHistogramQuantile(acc.buckets, acc.count, acc.min, acc.max, 990);
  }
}

void StatsRecorder::Reset() {
  // Serialised with reads, so a read sees the state wholly before or wholly
  // after a reset.
  std::lock_guard<std::mutex> lock(read_mu_);
  reset_floor_.store(head_.load(std::memory_order_acquire), std::memory_order_release);
  for (size_t s = 0; s < stripes_.size(); ++s) {
    Stripe& stripe = stripes_[s];
    stripe.Lock();
    for (KindCounters& c : stripe.kinds) {
      c.count.store(0, std::memory_order_relaxed);
      c.errors.store(0, std::memory_order_relaxed);
      c.duration_ns.store(0, std::memory_order_relaxed);
      c.bytes.store(0, std::memory_order_relaxed);
      c.items.store(0, std::memory_order_relaxed);
      for (auto& t : c.by_target) t.store(0, std::memory_order_relaxed);
    }
    stripe.Unlock();
  }
}

}  // namespace candlewick
