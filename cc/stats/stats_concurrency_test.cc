// Many threads on one recorder. Run under ThreadSanitizer by the CI
// (`bazel test --config=tsan --test_tag_filters=concurrency //...`), where a
// data race fails the test even when the numbers come out right.
#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "cc/stats/simd_target.h"
#include "cc/stats/stats_recorder.h"
#include "cc/stats/stats_test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using testing_util::FakeClock;
using testing_util::SanitizerScaled;

constexpr int64_t kSecond = 1000000000;

// Holds threads at a line until all have arrived, so they really overlap.
class StartLine {
 public:
  explicit StartLine(int threads) : waiting_(threads) {}
  void ArriveAndWait() {
    waiting_.fetch_sub(1);
    while (waiting_.load() > 0) std::this_thread::yield();
  }

 private:
  std::atomic<int> waiting_;
};

// A recorder of `capacity` entries on a clock that stays at 1 s. A failed
// create is a test failure; the calls then do nothing.
class Recorder {
 public:
  explicit Recorder(uint64_t capacity) {
    StatsOptions o;
    o.capacity = capacity;
    o.clock = clock_.clock();
    absl::StatusOr<StatsRecorderPtr> created = StatsRecorder::Create(o, AllocatorHooks::Default());
    EXPECT_TRUE(created.ok()) << created.status();
    if (created.ok()) recorder_ = std::move(*created);
  }
  int64_t now() const { return clock_.now(); }
  void Record(const StatsSample& s) const {
    if (recorder_ != nullptr) recorder_->RecordChecked(s);
  }
  void Reset() const {
    if (recorder_ != nullptr) recorder_->Reset();
  }
  StatsSnapshot Read() const {
    StatsSnapshot s;
    if (recorder_ != nullptr) recorder_->Read(&s);
    return s;
  }

  // Starts `threads` writers together; writer t records sample(t, j) for
  // j = 0 .. per_thread - 1. Meanwhile, when given, `watch` runs again and
  // again on a thread of its own. Returns once the writers have finished
  // and the watcher has stopped.
  template <typename SampleFn>
  void RunWriters(int threads, uint64_t per_thread, SampleFn sample,
                  const std::function<void()>& watch = nullptr) const {
    std::atomic<bool> writers_done{false};
    std::thread watcher;
    if (watch) {
      watcher = std::thread([&] {
        while (!writers_done.load()) watch();
      });
    }
    StartLine start(threads);
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&, t] {
        start.ArriveAndWait();
        for (uint64_t j = 0; j < per_thread; ++j) Record(sample(t, j));
      });
    }
    for (std::thread& w : writers) w.join();
    writers_done.store(true);
    if (watcher.joinable()) watcher.join();
  }

 private:
  FakeClock clock_{kSecond};
  StatsRecorderPtr recorder_;
};

// A sample of `kind` (of no known SIMD target, not failed) ending now.
StatsSample Sample(int64_t now, int32_t kind, int64_t duration_ns, uint64_t bytes = 0,
                   uint64_t items = 0) {
  return StatsSample{kind, static_cast<int32_t>(SimdTarget::kNone), false, now, duration_ns,
                     bytes, items};
}

// What thread `t` records as its `j`-th sample in the totals test.
StatsSample TotalsSample(int t, uint64_t j, int64_t now) {
  StatsSample s = Sample(now, t % kStatsBuiltinKinds,
                         static_cast<int64_t>((j * 31 + static_cast<uint64_t>(t)) % 5000), j % 100,
                         2);
  s.target = static_cast<int32_t>(SimdTarget::kScalar) + t % 3;
  s.failed = j % 7 == 0;
  return s;
}

TEST(StatsConcurrency, EightThreadsOfAMillionRecordsEachGiveExactTotals) {
  constexpr int kThreads = 8;
  const uint64_t per_thread = SanitizerScaled(1000000, 10);
  constexpr uint64_t kCapacity = 10000;
  const Recorder r(kCapacity);

  // A reader runs throughout, checking what must hold at every instant.
  std::atomic<int> reads{0};
  std::atomic<int> violations{0};
  uint64_t last_count[kStatsKindSlots] = {};  // the reader's alone
  r.RunWriters(
      kThreads, per_thread, [&](int t, uint64_t j) { return TotalsSample(t, j, r.now()); },
      [&] {
        const StatsSnapshot s = r.Read();
        reads.fetch_add(1);
        if (s.window_count > kCapacity) violations.fetch_add(1);
        for (int k = 0; k < kStatsKindSlots; ++k) {
          const StatsKindSnapshot& ks = s.kinds[k];
          if (ks.count < last_count[k]) violations.fetch_add(1);  // totals never shrink
          last_count[k] = ks.count;
          if (ks.window_count == 0) continue;
          if (!(ks.window_min_ns <= ks.window_p50_ns && ks.window_p50_ns <= ks.window_p90_ns &&
                ks.window_p90_ns <= ks.window_p99_ns && ks.window_p99_ns <= ks.window_max_ns)) {
            violations.fetch_add(1);
          }
        }
      });

  // The expected totals, recomputed serially.
  StatsKindSnapshot expected[kStatsKindSlots];
  for (int t = 0; t < kThreads; ++t) {
    for (uint64_t j = 0; j < per_thread; ++j) {
      const StatsSample s = TotalsSample(t, j, 0);
      StatsKindSnapshot& e = expected[s.kind];
      ++e.count;
      e.errors += s.failed;
      e.duration_ns += static_cast<uint64_t>(s.duration_ns);
      e.bytes += s.bytes;
      e.items += s.items;
      ++e.by_target[s.target];
    }
  }
  const StatsSnapshot s = r.Read();
  EXPECT_EQ(s.count, kThreads * per_thread);
  for (int k = 0; k < kStatsKindSlots; ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(s.kinds[k].count, expected[k].count);
    EXPECT_EQ(s.kinds[k].errors, expected[k].errors);
    EXPECT_EQ(s.kinds[k].duration_ns, expected[k].duration_ns);
    EXPECT_EQ(s.kinds[k].bytes, expected[k].bytes);
    EXPECT_EQ(s.kinds[k].items, expected[k].items);
    for (int t = 0; t < kSimdTargetSlots; ++t) {
      EXPECT_EQ(s.kinds[k].by_target[t], expected[k].by_target[t]) << "target " << t;
    }
  }
  // Every one of the last `capacity` tickets landed and is fresh.
  EXPECT_EQ(s.window_count, kCapacity);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(violations.load(), 0);
}

TEST(StatsConcurrency, MoreThreadsThanStripesShareStripesWithoutLosingCounts) {
  // At most 64 stripes exist, so 96 threads must share them: only the
  // stripe lock keeps two threads' read-modify-writes from losing counts.
  constexpr int kThreads = 96;
  const uint64_t per_thread = SanitizerScaled(20000, 10);
  const Recorder r(1000);
  r.RunWriters(kThreads, per_thread, [&](int t, uint64_t) {
    return Sample(r.now(), kStatsKindBatch, static_cast<int64_t>(t), 0, 1);
  });
  const StatsSnapshot s = r.Read();
  const StatsKindSnapshot& k = s.kinds[kStatsKindBatch];
  EXPECT_EQ(k.count, kThreads * per_thread);
  EXPECT_EQ(k.items, kThreads * per_thread);
  EXPECT_EQ(k.duration_ns, per_thread * (kThreads * (kThreads - 1) / 2));
  EXPECT_EQ(k.by_target[0], kThreads * per_thread);
  EXPECT_EQ(s.window_count, 1000u);
}

TEST(StatsConcurrency, WritersLappingATinyRingNeverTearAnEntry) {
  // Capacity 4 with 8 writers: slots are reclaimed while other writers are
  // still filling them. Each sample ties its fields together (bytes = 3d,
  // items = d + 7), so a window built from a torn slot breaks the identity.
  constexpr int kThreads = 8;
  const uint64_t per_thread = SanitizerScaled(200000, 10);
  const Recorder r(4);
  std::atomic<int> torn{0};
  std::atomic<int> reads{0};
  r.RunWriters(
      kThreads, per_thread,
      [&](int t, uint64_t j) {
        const uint64_t d = (j * 2654435761u + static_cast<uint64_t>(t) * 977) % 1000000;
        return Sample(r.now(), t % kStatsBuiltinKinds, static_cast<int64_t>(d), 3 * d, d + 7);
      },
      [&] {
        const StatsSnapshot s = r.Read();
        reads.fetch_add(1);
        if (s.window_count > 4) torn.fetch_add(1);
        for (const StatsKindSnapshot& k : s.kinds) {
          if (k.window_bytes != 3 * k.window_duration_ns ||
              k.window_items != k.window_duration_ns + 7 * k.window_count) {
            torn.fetch_add(1);
          }
        }
      });
  const StatsSnapshot s = r.Read();
  EXPECT_EQ(s.count, kThreads * per_thread);
  EXPECT_EQ(s.window_count, 4u);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(torn.load(), 0);
}

TEST(StatsConcurrency, OlderWritersNeverOverwriteTheNewestRecordsOfATinyRing) {
  // A writer lapped twice makes the next two laps' writers wait on its odd
  // state; when it finishes, the newer of them must win the slot and the
  // older must drop its record. Once everyone is done, the window holds
  // exactly `capacity` records: a slot left holding an older lap's ticket
  // shows up as a missing record. Many short rounds give the interleaving
  // many chances.
  constexpr int kThreads = 16;
  constexpr int kRounds = 60;
  const uint64_t per_thread = SanitizerScaled(4000, 4);
  int short_windows = 0;
  for (int round = 0; round < kRounds; ++round) {
    const uint64_t capacity = 1 + round % 3;
    const Recorder r(capacity);
    r.RunWriters(kThreads, per_thread,
                 [&](int, uint64_t) { return Sample(r.now(), kStatsKindRender, 1); });
    const StatsSnapshot s = r.Read();
    EXPECT_EQ(s.count, kThreads * per_thread);
    if (s.window_count != capacity) ++short_windows;
  }
  EXPECT_EQ(short_windows, 0) << "rounds whose window lost a newest record";
}

TEST(StatsConcurrency, ResetsAndReadsRacingWithRecordsAreSafeAndLeaveExactCounts) {
  constexpr int kThreads = 4;
  const uint64_t per_thread = SanitizerScaled(200000, 10);
  const Recorder r(256);
  std::atomic<int> violations{0};
  r.RunWriters(
      kThreads, per_thread,
      [&](int t, uint64_t) { return Sample(r.now(), kStatsKindRender + t % 2, 10, 1); },
      [&] {
        r.Reset();
        const StatsSnapshot s = r.Read();
        if (s.window_count > 256) violations.fetch_add(1);
        if (s.count > kThreads * per_thread) violations.fetch_add(1);
        std::this_thread::yield();
      });
  EXPECT_EQ(violations.load(), 0);

  // Once quiet, a reset leaves nothing and new records are counted exactly.
  r.Reset();
  for (int i = 0; i < 100; ++i) r.Record(Sample(r.now(), kStatsKindRender, 3));
  const StatsSnapshot s = r.Read();
  EXPECT_EQ(s.count, 100u);
  EXPECT_EQ(s.kinds[kStatsKindRender].duration_ns, 300u);
  EXPECT_EQ(s.kinds[kStatsKindEncode].count, 0u);
  EXPECT_EQ(s.window_count, 100u);
}

}  // namespace
}  // namespace candlewick
