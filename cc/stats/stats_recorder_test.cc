#include "cc/stats/stats_recorder.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cc/base/status.h"
#include "cc/stats/log_histogram.h"
#include "cc/stats/simd_target.h"
#include "cc/stats/stats_test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using testing_util::CountingAllocator;
using testing_util::FakeClock;
using testing_util::SanitizerScaled;

constexpr int64_t kSecond = 1000000000;

StatsRecorderPtr MakeRecorder(const StatsOptions& options,
                              const AllocatorHooks& hooks = AllocatorHooks::Default()) {
  absl::StatusOr<StatsRecorderPtr> recorder = StatsRecorder::Create(options, hooks);
  EXPECT_TRUE(recorder.ok()) << recorder.status();
  return recorder.ok() ? std::move(*recorder) : nullptr;
}

// Options read from `clock`: `capacity` records kept for `retention_ns`.
StatsOptions ClockedOptions(FakeClock* clock, uint64_t capacity = StatsOptions().capacity,
                            int64_t retention_ns = StatsOptions().retention_ns) {
  StatsOptions o;
  o.capacity = capacity;
  o.retention_ns = retention_ns;
  o.clock = clock->clock();
  return o;
}

StatsSample Sample(int32_t kind, int64_t end_ns, int64_t duration_ns, uint64_t bytes = 0,
                   uint64_t items = 0, bool failed = false,
                   SimdTarget target = SimdTarget::kNone) {
  return StatsSample{kind, static_cast<int32_t>(target), failed, end_ns, duration_ns, bytes, items};
}

StatsSnapshot ReadAll(const StatsRecorder& r) {
  StatsSnapshot s;
  r.Read(&s);
  return s;
}

// ---------------------------------------------------------------------------
// The histogram layout.

TEST(LogHistogram, EveryValueLandsInABucketThatBoundsItWithin1Over16) {
  std::vector<uint64_t> values;
  for (uint64_t v = 0; v < 70000; ++v) values.push_back(v);
  for (int e = 0; e < 64; ++e) {
    const uint64_t p = uint64_t{1} << e;
    values.push_back(p - 1);
    values.push_back(p);
    values.push_back(p + 1);
    values.push_back(p + p / 3);
  }
  values.push_back(std::numeric_limits<uint64_t>::max());
  for (uint64_t v : values) {
    const int b = LogBucketOf(v);
    ASSERT_GE(b, 0);
    ASSERT_LT(b, kLogBuckets);
    ASSERT_LE(LogBucketLower(b), v) << v;
    ASSERT_GE(LogBucketUpper(b), v) << v;
    // Width below 1/16 of the bucket's lower bound (exact below 16).
    ASSERT_LE(LogBucketUpper(b) - LogBucketLower(b), LogBucketLower(b) / 16) << v;
  }
  EXPECT_EQ(LogBucketOf(std::numeric_limits<uint64_t>::max()), kLogBuckets - 1);
}

TEST(LogHistogram, BucketsTileTheRangeWithoutGapsOrOverlap) {
  EXPECT_EQ(LogBucketLower(0), 0u);
  for (int b = 0; b + 1 < kLogBuckets; ++b) {
    ASSERT_EQ(LogBucketUpper(b) + 1, LogBucketLower(b + 1)) << b;
  }
  EXPECT_EQ(LogBucketUpper(kLogBuckets - 1), std::numeric_limits<uint64_t>::max());
}

TEST(LogHistogram, QuantilesStayWithinOneBucketOfTheExactRankedValue) {
  // Durations 1000, 2000, ..., 1000000 ns in a scrambled order.
  std::vector<uint64_t> buckets(kLogBuckets, 0);
  std::vector<uint64_t> values;
  for (uint64_t i = 1; i <= 1000; ++i) values.push_back((i * 7919 % 1000 + 1) * 1000);
  for (uint64_t v : values) ++buckets[LogBucketOf(v)];
  std::sort(values.begin(), values.end());
  for (uint32_t per_mille : {500u, 900u, 990u, 1000u, 1u}) {
    const uint64_t rank = (values.size() * per_mille + 999) / 1000;  // 1-based
    const uint64_t exact = values[rank - 1];
    const uint64_t q = LogHistogramQuantile(buckets.data(), values.size(), values.front(),
                                            values.back(), per_mille);
    EXPECT_GE(q, exact) << per_mille;
    EXPECT_LE(q, exact + exact / 16) << per_mille;
  }
  EXPECT_EQ(LogHistogramQuantile(buckets.data(), 0, 0, 0, 500), 0u);
}

TEST(LogHistogram, QuantileNeverLeavesTheObservedRange) {
  std::vector<uint64_t> buckets(kLogBuckets, 0);
  // One value high in a wide bucket: the bucket bound would overshoot it.
  const uint64_t v = (uint64_t{1} << 40) + 1;
  ++buckets[LogBucketOf(v)];
  EXPECT_EQ(LogHistogramQuantile(buckets.data(), 1, v, v, 990), v);
}

// ---------------------------------------------------------------------------
// SIMD target numbers.

TEST(SimdTarget, HighwayNamesRoundTripThroughNumbers) {
  for (int32_t t = static_cast<int32_t>(SimdTarget::kScalar); t < kSimdTargetCount; ++t) {
    ASSERT_NE(SimdTargetName(t), nullptr);
    EXPECT_EQ(static_cast<int32_t>(SimdTargetFromName(SimdTargetName(t))), t);
  }
  EXPECT_STREQ(SimdTargetName(static_cast<int32_t>(SimdTarget::kAvx3)), "AVX3");
  EXPECT_STREQ(SimdTargetName(0), "none");
  EXPECT_EQ(SimdTargetName(kSimdTargetCount), nullptr);
  EXPECT_EQ(SimdTargetName(-1), nullptr);
  EXPECT_EQ(SimdTargetFromName(nullptr), SimdTarget::kNone);
  EXPECT_EQ(SimdTargetFromName(""), SimdTarget::kNone);
  EXPECT_EQ(SimdTargetFromName("AVX9_FUTURE"), SimdTarget::kOther);
}

// ---------------------------------------------------------------------------
// Options.

TEST(StatsOptions, RejectsBadInputWithCodeAndMessage) {
  // Validation gives `code` and a message naming `words`.
  auto expect = [](const StatsOptions& o, ErrorCode code, absl::string_view words) {
    const absl::Status st = StatsRecorder::ValidateOptions(o);
    EXPECT_EQ(CodeOf(st), code) << words;
    EXPECT_NE(st.message().find(words), absl::string_view::npos) << st.message();
  };
  StatsOptions o;
  o.capacity = 0;
  expect(o, ErrorCode::kInvalidArgument, "capacity must be at least 1");
  o = StatsOptions();
  o.capacity = std::numeric_limits<uint64_t>::max() / 8;
  expect(o, ErrorCode::kSizeOutOfRange, "overflows");
  o = StatsOptions();
  o.retention_ns = 0;
  expect(o, ErrorCode::kInvalidArgument, "retention");

  o = StatsOptions();
  const absl::string_view too_many[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  o.labels = too_many;
  expect(o, ErrorCode::kInvalidArgument, "at most 8");
  const struct {
    absl::string_view label;
    const char* why;
  } bad[] = {
      {"", "1..31"},        {"Upper", "1..31"},          {"9lives", "1..31"},
      {"has space", "1..31"}, {"a\"quote", "1..31"},     {"render", "built-in"},
      {"batch", "built-in"}, {"abcdefghijklmnopqrstuvwxyz012345", "1..31"},
  };
  for (const auto& b : bad) {
    const absl::string_view one[] = {b.label};
    o.labels = one;
    SCOPED_TRACE(b.label);
    expect(o, ErrorCode::kInvalidArgument, b.why);
  }
  const absl::string_view duplicate[] = {"resample", "db", "resample"};
  o.labels = duplicate;
  expect(o, ErrorCode::kInvalidArgument, "labels 0 and 2");
  const absl::string_view null_label[] = {absl::string_view()};
  o.labels = null_label;
  expect(o, ErrorCode::kNullArgument, "");

  const absl::string_view longest[] = {"abcdefghijklmnopqrstuvwxyz01234"};  // 31
  o.labels = longest;
  EXPECT_TRUE(StatsRecorder::ValidateOptions(o).ok());
}

TEST(StatsOptions, CreateFailsCleanlyWhereverTheAllocatorGivesOut) {
  // Count the allocations of a successful creation, then refuse each one in
  // turn: every failure must be kOutOfMemory and give back what it took.
  int64_t needed = 0;
  {
    CountingAllocator counting;
    StatsOptions o;
    o.capacity = 100;
    StatsRecorderPtr r = MakeRecorder(o, counting.hooks());
    ASSERT_NE(r, nullptr);
    needed = counting.allocs();
    EXPECT_GE(needed, 2);
  }
  for (int64_t fail = 0; fail < needed; ++fail) {
    CountingAllocator counting;
    counting.FailFrom(fail);
    StatsOptions o;
    o.capacity = 100;
    absl::StatusOr<StatsRecorderPtr> r = StatsRecorder::Create(o, counting.hooks());
    ASSERT_FALSE(r.ok()) << fail;
    EXPECT_EQ(CodeOf(r.status()), ErrorCode::kOutOfMemory);
    EXPECT_EQ(counting.allocs(), counting.frees()) << fail;
  }
}

// ---------------------------------------------------------------------------
// Bounded by construction.

TEST(StatsRecorder, TenMillionRecordsIntoCapacityThousandKeepThousandAndCountAll) {
  const uint64_t total = SanitizerScaled(10000000, 10);
  constexpr uint64_t kCapacity = 1000;
  CountingAllocator counting;
  FakeClock clock(5 * kSecond);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, kCapacity), counting.hooks());
  ASSERT_NE(r, nullptr);
  const int64_t allocs_at_creation = counting.allocs();

  uint64_t bytes = 0, duration = 0, errors = 0;
  uint64_t w_bytes = 0, w_duration = 0, w_errors = 0;
  uint64_t w_min = UINT64_MAX, w_max = 0;
  for (uint64_t i = 0; i < total; ++i) {
    const int64_t d = static_cast<int64_t>(i % 977 + 1);
    const bool failed = i % 101 == 0;
    r->RecordChecked(Sample(kStatsKindRender, clock.now(), d, i % 13, 1, failed));
    bytes += i % 13;
    duration += static_cast<uint64_t>(d);
    errors += failed;
    if (i >= total - kCapacity) {
      w_bytes += i % 13;
      w_duration += static_cast<uint64_t>(d);
      w_errors += failed;
      w_min = std::min<uint64_t>(w_min, d);
      w_max = std::max<uint64_t>(w_max, d);
    }
  }
  const StatsSnapshot s = ReadAll(*r);
  const StatsKindSnapshot& k = s.kinds[kStatsKindRender];
  EXPECT_EQ(s.window_count, kCapacity);
  EXPECT_EQ(k.window_count, kCapacity);
  EXPECT_EQ(k.window_bytes, w_bytes);
  EXPECT_EQ(k.window_duration_ns, w_duration);
  EXPECT_EQ(k.window_errors, w_errors);
  EXPECT_EQ(k.window_min_ns, w_min);
  EXPECT_EQ(k.window_max_ns, w_max);
  EXPECT_EQ(k.window_items, kCapacity);
  EXPECT_EQ(s.count, total);
  EXPECT_EQ(k.count, total);
  EXPECT_EQ(k.bytes, bytes);
  EXPECT_EQ(k.duration_ns, duration);
  EXPECT_EQ(k.errors, errors);
  EXPECT_EQ(k.items, total);
  // Recording and reading took nothing from the allocator.
  EXPECT_EQ(counting.allocs(), allocs_at_creation);
  EXPECT_EQ(counting.frees(), 0);
  r->Reset();
  EXPECT_EQ(counting.allocs(), allocs_at_creation);
  r.reset();
  EXPECT_EQ(counting.frees(), allocs_at_creation);
}

TEST(StatsRecorder, WindowFiguresMatchTheRecordsExactlyExceptPercentileRounding) {
  FakeClock clock(100 * kSecond);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, 64));
  ASSERT_NE(r, nullptr);
  const std::vector<int64_t> durations = {5000, 1000, 3000, 2000, 4000, 100000, 700, 2500};
  for (size_t i = 0; i < durations.size(); ++i) {
    ASSERT_TRUE(r->Record(Sample(kStatsKindEncode, clock.now(), durations[i], 100 + i, 10,
                                 i == 2, SimdTarget::kAvx2))
                    .ok());
  }
  ASSERT_TRUE(r->Record(Sample(kStatsKindIndicator, clock.now(), 42, 8, 1000)).ok());
  const StatsSnapshot s = ReadAll(*r);
  const StatsKindSnapshot& e = s.kinds[kStatsKindEncode];
  EXPECT_STREQ(e.name, "encode");
  EXPECT_EQ(e.window_count, 8u);
  EXPECT_EQ(e.window_errors, 1u);
  EXPECT_EQ(e.window_bytes, 8 * 100u + 28);
  EXPECT_EQ(e.window_items, 80u);
  EXPECT_EQ(e.window_min_ns, 700u);
  EXPECT_EQ(e.window_max_ns, 100000u);
  EXPECT_EQ(e.window_duration_ns, 118200u);
  EXPECT_EQ(e.window_mean_ns, 118200u / 8);
  // Exact ranks: p50 = 4th of 8 sorted = 2500, p90 = 8th = 100000, p99 = 8th.
  EXPECT_GE(e.window_p50_ns, 2500u);
  EXPECT_LE(e.window_p50_ns, 2500u + 2500u / 16);
  EXPECT_EQ(e.window_p90_ns, 100000u);
  EXPECT_EQ(e.window_p99_ns, 100000u);
  EXPECT_EQ(e.by_target[static_cast<int>(SimdTarget::kAvx2)], 8u);
  EXPECT_EQ(e.by_target[static_cast<int>(SimdTarget::kNone)], 0u);
  const StatsKindSnapshot& ind = s.kinds[kStatsKindIndicator];
  EXPECT_EQ(ind.window_count, 1u);
  EXPECT_EQ(ind.window_p50_ns, 42u);
  EXPECT_EQ(ind.window_p99_ns, 42u);
  EXPECT_EQ(ind.items, 1000u);
  EXPECT_EQ(ind.by_target[0], 1u);
  EXPECT_EQ(s.window_count, 9u);
  EXPECT_EQ(s.count, 9u);
  // Built-in kinds are always present; unused slots are not.
  EXPECT_TRUE(s.kinds[kStatsKindBatch].in_use);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_count, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_p99_ns, 0u);
  EXPECT_FALSE(s.kinds[5].in_use);
  EXPECT_FALSE(s.kinds[kStatsKindLabel0].in_use);
  EXPECT_EQ(s.capacity, 64u);
  EXPECT_EQ(s.taken_at_ns, 100 * kSecond);
}

// ---------------------------------------------------------------------------
// Retention.

TEST(StatsRecorder, RecordsOlderThanRetentionLeaveTheWindowAsNewOnesArrive) {
  FakeClock clock(0);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, 100, 10 * kSecond));
  ASSERT_NE(r, nullptr);
  auto record = [&](int n, int64_t duration) {
    for (int i = 0; i < n; ++i) {
      r->RecordChecked(Sample(kStatsKindRender, clock.now(), duration));
    }
  };
  record(40, 1000);  // t = 0
  clock.Set(5 * kSecond);
  record(20, 2000);  // t = 5 s
  clock.Set(10 * kSecond);
  record(30, 3000);  // t = 10 s: the first 40 are exactly 10 s old, so gone
  StatsSnapshot s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 50u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_min_ns, 2000u);
  EXPECT_EQ(s.kinds[kStatsKindRender].count, 90u);

  clock.Set(15 * kSecond - 1);
  record(1, 4000);  // the t = 5 s records are 1 ns short of retention
  s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 51u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_min_ns, 2000u);

  clock.Set(15 * kSecond);
  record(1, 5000);  // now they are 10 s old
  s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 32u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_min_ns, 3000u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_max_ns, 5000u);
  // Lifetime totals never lose what the window drops.
  EXPECT_EQ(s.kinds[kStatsKindRender].count, 92u);
  EXPECT_EQ(s.kinds[kStatsKindRender].duration_ns, 40 * 1000u + 20 * 2000 + 30 * 3000 + 9000);

  // Capacity still bounds a window of fresh records.
  record(150, 6000);
  s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 100u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_min_ns, 6000u);
}

TEST(StatsRecorder, AnIdleRecorderReportsNoStaleRecords) {
  FakeClock clock(1000 * kSecond);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, 100, 60 * kSecond));
  ASSERT_NE(r, nullptr);
  for (int i = 0; i < 50; ++i) {
    r->RecordChecked(Sample(kStatsKindBatch, clock.now(), 10 + i, 1, 1));
  }
  clock.Advance(60 * kSecond - 1);  // nothing recorded since
  StatsSnapshot s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_count, 50u);

  clock.Advance(1);  // exactly the retention: the reader alone drops them
  s = ReadAll(*r);
  EXPECT_EQ(s.window_count, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_count, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_bytes, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_max_ns, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_p99_ns, 0u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].count, 50u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].bytes, 50u);

  // A record after the idle spell stands alone in the window.
  r->RecordChecked(Sample(kStatsKindBatch, clock.now(), 7));
  s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_count, 1u);
  EXPECT_EQ(s.kinds[kStatsKindBatch].window_max_ns, 7u);
}

TEST(StatsRecorder, RecordsStampedAfterTheReadingAreFresh) {
  FakeClock clock(10 * kSecond);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, StatsOptions().capacity, kSecond));
  ASSERT_NE(r, nullptr);
  r->RecordChecked(Sample(kStatsKindRender, 20 * kSecond, 1));
  r->RecordChecked(Sample(kStatsKindRender, std::numeric_limits<int64_t>::min(), 1));
  const StatsSnapshot s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 1u);
}

TEST(StatsRecorder, ResetClearsWindowAndTotals) {
  FakeClock clock(0);
  StatsRecorderPtr r = MakeRecorder(ClockedOptions(&clock, 10));
  ASSERT_NE(r, nullptr);
  for (int i = 0; i < 25; ++i) {
    r->RecordChecked(Sample(kStatsKindRender, 0, 5, 10, 1, true, SimdTarget::kAvx3));
  }
  r->Reset();
  StatsSnapshot s = ReadAll(*r);
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.window_count, 0u);
  const StatsKindSnapshot& k = s.kinds[kStatsKindRender];
  EXPECT_EQ(k.count + k.errors + k.bytes + k.items + k.duration_ns, 0u);
  EXPECT_EQ(k.by_target[static_cast<int>(SimdTarget::kAvx3)], 0u);
  // Fresh records after the reset are the only ones counted, even though
  // older fresh ones are still in the ring.
  for (int i = 0; i < 3; ++i) r->RecordChecked(Sample(kStatsKindRender, 0, 9, 1, 1));
  s = ReadAll(*r);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_count, 3u);
  EXPECT_EQ(s.kinds[kStatsKindRender].window_min_ns, 9u);
  EXPECT_EQ(s.kinds[kStatsKindRender].count, 3u);
  EXPECT_EQ(s.kinds[kStatsKindRender].errors, 0u);
}

// ---------------------------------------------------------------------------
// Kinds and bad samples.

TEST(StatsRecorder, LabelsAreKindsOfTheirOwn) {
  const absl::string_view labels[] = {"resample", "db_write"};
  StatsOptions o;
  o.labels = labels;
  StatsRecorderPtr r = MakeRecorder(o);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->KindInUse(kStatsKindLabel0));
  EXPECT_TRUE(r->KindInUse(kStatsKindLabel0 + 1));
  EXPECT_FALSE(r->KindInUse(kStatsKindLabel0 + 2));
  EXPECT_STREQ(r->KindName(kStatsKindLabel0 + 1), "db_write");
  EXPECT_STREQ(r->KindName(kStatsKindLabel0 + 2), "");
  const int64_t now = r->Now();
  ASSERT_TRUE(r->Record(Sample(kStatsKindLabel0, now, 11, 0, 3)).ok());
  ASSERT_TRUE(r->Record(Sample(kStatsKindLabel0 + 1, now, 22)).ok());
  ASSERT_TRUE(r->Record(Sample(kStatsKindLabel0 + 1, now, 33)).ok());
  const StatsSnapshot s = ReadAll(*r);
  EXPECT_STREQ(s.kinds[kStatsKindLabel0].name, "resample");
  EXPECT_EQ(s.kinds[kStatsKindLabel0].count, 1u);
  EXPECT_EQ(s.kinds[kStatsKindLabel0].items, 3u);
  EXPECT_EQ(s.kinds[kStatsKindLabel0 + 1].count, 2u);
  EXPECT_EQ(s.kinds[kStatsKindLabel0 + 1].window_max_ns, 33u);
  EXPECT_FALSE(s.kinds[kStatsKindLabel0 + 2].in_use);
}

TEST(StatsRecorder, BadSamplesAreRejectedWithAMessageAndNotCounted) {
  const absl::string_view labels[] = {"resample"};
  StatsOptions o;
  o.labels = labels;
  StatsRecorderPtr r = MakeRecorder(o);
  ASSERT_NE(r, nullptr);
  const struct {
    StatsSample sample;
    const char* why;
  } bad[] = {
      {Sample(-1, 0, 1), "unknown stats kind -1"},
      {Sample(5, 0, 1), "unknown stats kind 5"},  // reserved for future built-ins
      {Sample(kStatsKindLabel0 + 1, 0, 1), "unknown stats kind 9"},  // not registered
      {Sample(kStatsKindSlots, 0, 1), "unknown stats kind 16"},
      {Sample(kStatsKindRender, 0, -5), "negative duration -5"},
  };
  for (const auto& b : bad) {
    char message[160];
    EXPECT_EQ(r->CheckSample(b.sample, message, sizeof message), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(message).find(b.why), std::string::npos) << message;
    const absl::Status st = r->Record(b.sample);
    EXPECT_EQ(CodeOf(st), ErrorCode::kInvalidArgument);
    EXPECT_NE(st.message().find(b.why), absl::string_view::npos);
  }
  StatsSample target = Sample(kStatsKindRender, 0, 1);
  for (int32_t t : {-1, kSimdTargetCount, kSimdTargetSlots, 1000}) {
    target.target = t;
    const absl::Status st = r->Record(target);
    EXPECT_EQ(CodeOf(st), ErrorCode::kInvalidArgument) << t;
    EXPECT_NE(st.message().find("unknown SIMD target"), absl::string_view::npos);
  }
  // A tiny message buffer is truncated, never overrun; none at all is fine.
  char tiny[4];
  EXPECT_EQ(r->CheckSample(Sample(-1, 0, 1), tiny, sizeof tiny), ErrorCode::kInvalidArgument);
  EXPECT_STREQ(tiny, "unk");
  EXPECT_EQ(r->CheckSample(Sample(-1, 0, 1), nullptr, 0), ErrorCode::kInvalidArgument);
  const StatsSnapshot s = ReadAll(*r);
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.window_count, 0u);
}

TEST(StatsRecorder, DefaultClockIsMonotonic) {
  StatsRecorderPtr r = MakeRecorder(StatsOptions());
  ASSERT_NE(r, nullptr);
  int64_t last = r->Now();
  for (int i = 0; i < 1000; ++i) {
    const int64_t now = r->Now();
    ASSERT_GE(now, last);
    last = now;
  }
  EXPECT_GT(last, 0);
}

}  // namespace
}  // namespace candlewick
