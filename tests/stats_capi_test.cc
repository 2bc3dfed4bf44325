// The statistics part of the C API as a caller sees it: every bad-input path
// (a clear status and a message naming the problem, nothing recorded or
// leaked), an allocation-counting allocator showing the handle allocates
// nothing after creation, and charts recording their own render calls.
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::BufferPtr;
using candlewick_test::ChartPtr;
using candlewick_test::Contains;
using candlewick_test::ExpectStatsRefused;
using candlewick_test::MakeChart;
using candlewick_test::MakeSeries;
using candlewick_test::MakeStats;
using candlewick_test::Series;
using candlewick_test::StatsPtr;
using candlewick_test::TestingAllocator;

constexpr int64_t kSecond = 1000000000;

// A clock the test moves by hand; each reading also advances it by `tick`,
// so a timed call measures exactly `tick` ns.
struct ManualClock {
  int64_t now = 0;
  int64_t tick = 0;
  static int64_t Read(void* opaque) {
    auto* c = static_cast<ManualClock*>(opaque);
    const int64_t t = c->now;
    c->now += c->tick;
    return t;
  }
};

// cw_stats_options_init's defaults, reading `clock` and allocating through
// `allocator` when they are given.
cw_stats_options Options(ManualClock* clock = nullptr, const cw_allocator* allocator = nullptr) {
  cw_stats_options o;
  cw_stats_options_init(&o);
  if (clock != nullptr) {
    o.clock = &ManualClock::Read;
    o.clock_opaque = clock;
  }
  o.allocator = allocator;
  return o;
}

// A sample of no known SIMD target that did not fail.
cw_stats_sample Sample(int32_t kind, int64_t end_ns, int64_t duration_ns, uint64_t bytes = 0,
                       uint64_t items = 0) {
  // The fields in the struct's (frozen) order.
  return {sizeof(cw_stats_sample), end_ns, duration_ns, bytes, items, kind, CW_SIMD_NONE, 0};
}

cw_stats_snapshot Read(const cw_stats* stats) { return candlewick_test::ReadStats(stats); }

std::string LastError(const cw_stats* stats) {
  const size_t n = cw_stats_last_error(stats, nullptr, 0);
  std::string text(n + 1, '\0');
  cw_stats_last_error(stats, &text[0], text.size());
  text.resize(n);
  return text;
}

std::string Text(const cw_buffer* b) {
  return std::string(reinterpret_cast<const char*>(cw_buffer_data(b)), cw_buffer_size(b));
}

// ---------------------------------------------------------------------------
// Options and creation.

TEST(StatsOptions, DefaultsAreTheReferenceBoundsOf10000RecordsAnd24Hours) {
  const cw_stats_options o = candlewick_test::Defaults(cw_stats_options_init);
  EXPECT_EQ(o.capacity, 10000u);
  EXPECT_EQ(o.retention_ns, 24 * 3600 * kSecond);
  EXPECT_EQ(o.labels, nullptr);
  EXPECT_EQ(o.label_count, 0u);
  EXPECT_EQ(o.clock, nullptr);
  EXPECT_EQ(o.clock_opaque, nullptr);
  EXPECT_EQ(o.allocator, nullptr);
}

// Each bad option gives the same status from validate and create, validate
// explains it, and create leaves *out NULL.
struct BadOptions {
  const char* what;
  cw_stats_options options;
  cw_status status;
  const char* message;
};

TEST(StatsOptions, EveryBadOptionHasAStatusAndAMessage) {
  static const char* const kTooMany[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  static const char* const kNullLabel[] = {nullptr};
  static const char* const kUpper[] = {"Resample"};
  static const char* const kSpace[] = {"db write"};
  static const char* const kDigit[] = {"4h"};
  static const char* const kLong[] = {"a_label_that_is_much_too_long_for_a_kind"};
  static const char* const kBuiltin[] = {"encode"};
  static const char* const kDuplicate[] = {"resample", "resample"};
  static const char* const kEmpty[] = {""};
  cw_allocator null_hook = {nullptr, nullptr, &TestingAllocator::Free};
  const cw_stats_options base = Options();
  auto with = [&](auto change) {
    cw_stats_options o = base;
    change(o);
    return o;
  };
  auto labelled = [&](const char* const* labels, size_t count) {
    cw_stats_options o = base;
    o.labels = labels;
    o.label_count = count;
    return o;
  };
  const BadOptions cases[] = {
      {"struct_size", with([](cw_stats_options& o) { o.struct_size = 8; }), CW_ERR_STRUCT_SIZE,
       "struct_size"},
      {"zero capacity", with([](cw_stats_options& o) { o.capacity = 0; }),
       CW_ERR_INVALID_ARGUMENT, "capacity must be at least 1"},
      {"absurd capacity",
       with([](cw_stats_options& o) { o.capacity = std::numeric_limits<uint64_t>::max() / 4; }),
       CW_ERR_SIZE_OUT_OF_RANGE, "overflows"},
      {"max capacity",
       with([](cw_stats_options& o) { o.capacity = std::numeric_limits<uint64_t>::max(); }),
       CW_ERR_SIZE_OUT_OF_RANGE, "overflows"},
      {"zero retention", with([](cw_stats_options& o) { o.retention_ns = 0; }),
       CW_ERR_INVALID_ARGUMENT, "retention must be > 0"},
      {"negative retention", with([](cw_stats_options& o) { o.retention_ns = -kSecond; }),
       CW_ERR_INVALID_ARGUMENT, "retention must be > 0"},
      {"too many labels", labelled(kTooMany, 9), CW_ERR_INVALID_ARGUMENT, "at most 8"},
      {"labels NULL", labelled(nullptr, 1), CW_ERR_NULL_ARGUMENT, "labels is NULL"},
      {"a NULL label", labelled(kNullLabel, 1), CW_ERR_NULL_ARGUMENT, "label 0 is NULL"},
      {"upper case", labelled(kUpper, 1), CW_ERR_INVALID_ARGUMENT, "[a-z0-9_]"},
      {"space", labelled(kSpace, 1), CW_ERR_INVALID_ARGUMENT, "[a-z0-9_]"},
      {"leading digit", labelled(kDigit, 1), CW_ERR_INVALID_ARGUMENT, "starting with a letter"},
      {"too long", labelled(kLong, 1), CW_ERR_INVALID_ARGUMENT, "1..31 characters"},
      {"empty", labelled(kEmpty, 1), CW_ERR_INVALID_ARGUMENT, "1..31 characters"},
      {"built-in name", labelled(kBuiltin, 1), CW_ERR_INVALID_ARGUMENT, "built-in kind"},
      {"duplicate", labelled(kDuplicate, 2), CW_ERR_INVALID_ARGUMENT, "both \"resample\""},
      {"allocator hook NULL", with([&](cw_stats_options& o) { o.allocator = &null_hook; }),
       CW_ERR_NULL_ARGUMENT, "NULL alloc or free hook"},
  };
  for (const BadOptions& c : cases) {
    SCOPED_TRACE(c.what);
    candlewick_test::ExpectValidation(c.options, c.status, c.message);
  }
  char message[256];
  EXPECT_EQ(cw_stats_options_validate(nullptr, message, sizeof message), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(message, "options is NULL");
  cw_stats* out = reinterpret_cast<cw_stats*>(0x1);
  EXPECT_EQ(cw_stats_create(nullptr, &out), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(cw_stats_create(&base, nullptr), CW_ERR_NULL_ARGUMENT);
}

TEST(StatsOptions, MessagesAreTruncatedNeverOverrun) {
  cw_stats_options o = Options();
  o.capacity = 0;
  char small[8];
  std::memset(small, 'x', sizeof small);
  EXPECT_EQ(cw_stats_options_validate(&o, small, 6), CW_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(small, "stats");
  EXPECT_EQ(small[6], 'x');
  EXPECT_EQ(cw_stats_options_validate(&o, nullptr, 0), CW_ERR_INVALID_ARGUMENT);
}

TEST(StatsCreate, FailsCleanlyWhereverTheAllocatorGivesOut) {
  long needed = 0;
  {
    TestingAllocator counting;
    StatsPtr s = MakeStats(Options(nullptr, counting.allocator()));
    needed = counting.allocations;
  }
  ASSERT_GE(needed, 3);
  for (long fail = 0; fail < needed; ++fail) {
    SCOPED_TRACE(fail);
    TestingAllocator counting;
    counting.fail_from = fail;
    ExpectStatsRefused(Options(nullptr, counting.allocator()), CW_ERR_OUT_OF_MEMORY);
    EXPECT_EQ(counting.allocations, counting.frees);
  }
}

// ---------------------------------------------------------------------------
// NULL handles and NULL arguments.

TEST(StatsNull, NullHandlesAreRejectedWithoutCrashing) {
  cw_stats_destroy(nullptr);
  EXPECT_EQ(cw_stats_now(nullptr), 0);
  EXPECT_EQ(LastError(nullptr), "invalid handle (NULL stats)");
  const cw_stats_sample sample = Sample(CW_STATS_RENDER, 0, 1);
  EXPECT_EQ(cw_stats_record(nullptr, &sample), CW_ERR_NULL_ARGUMENT);
  cw_stats_snapshot snap;
  snap.struct_size = sizeof snap;
  EXPECT_EQ(cw_stats_read(nullptr, &snap), CW_ERR_NULL_ARGUMENT);
  cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_stats_read_json(nullptr, &out), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  out = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_stats_read_prometheus(nullptr, nullptr, &out), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(cw_stats_reset(nullptr), CW_ERR_NULL_ARGUMENT);
  StatsPtr stats = MakeStats();
  EXPECT_EQ(cw_chart_attach_stats(nullptr, stats.get()), CW_ERR_NULL_ARGUMENT);
}

TEST(StatsNull, NullArgumentsOnAHandleLeaveAMessage) {
  StatsPtr stats = MakeStats();
  EXPECT_EQ(LastError(stats.get()), "");
  EXPECT_EQ(cw_stats_record(stats.get(), nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(LastError(stats.get()), "sample is NULL");
  EXPECT_EQ(cw_stats_read(stats.get(), nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(LastError(stats.get()), "snapshot is NULL");
  EXPECT_EQ(cw_stats_read_json(stats.get(), nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(LastError(stats.get()), "out is NULL");
  EXPECT_EQ(cw_stats_read_prometheus(stats.get(), nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(LastError(stats.get()), "out is NULL");
  EXPECT_EQ(Read(stats.get()).count, 0u);
}

// ---------------------------------------------------------------------------
// Records.

TEST(StatsRecord, BadSamplesAreRejectedWithAMessageAndNotCounted) {
  static const char* const kLabels[] = {"resample"};
  cw_stats_options o = Options();
  o.labels = kLabels;
  o.label_count = 1;
  StatsPtr stats = MakeStats(o);
  const struct {
    cw_stats_sample sample;
    cw_status status;
    const char* message;
  } cases[] = {
      {Sample(-1, 0, 1), CW_ERR_INVALID_ARGUMENT, "unknown stats kind -1"},
      {Sample(5, 0, 1), CW_ERR_INVALID_ARGUMENT, "unknown stats kind 5"},
      {Sample(CW_STATS_LABEL_0 + 1, 0, 1), CW_ERR_INVALID_ARGUMENT, "unknown stats kind 9"},
      {Sample(1000, 0, 1), CW_ERR_INVALID_ARGUMENT, "unknown stats kind 1000"},
      {Sample(CW_STATS_RENDER, 0, -1), CW_ERR_INVALID_ARGUMENT, "negative duration -1 ns"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(cw_stats_record(stats.get(), &c.sample), c.status);
    EXPECT_TRUE(Contains(LastError(stats.get()), c.message)) << LastError(stats.get());
  }
  cw_stats_sample target = Sample(CW_STATS_RENDER, 0, 1);
  for (int32_t t : {-1, CW_SIMD_RVV + 1, static_cast<int32_t>(CW_SIMD_TARGET_SLOTS)}) {
    target.simd_target = t;
    EXPECT_EQ(cw_stats_record(stats.get(), &target), CW_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(Contains(LastError(stats.get()), "unknown SIMD target")) << t;
  }
  cw_stats_sample old_layout = Sample(CW_STATS_RENDER, 0, 1);
  old_layout.struct_size = sizeof(size_t);
  EXPECT_EQ(cw_stats_record(stats.get(), &old_layout), CW_ERR_STRUCT_SIZE);
  EXPECT_TRUE(Contains(LastError(stats.get()), "struct_size"));
  const cw_stats_snapshot snap = Read(stats.get());
  EXPECT_EQ(snap.count, 0u);
  EXPECT_EQ(snap.window_count, 0u);
}

TEST(StatsRecord, TheLastErrorIsKeptAcrossSuccessesAndCopiedInFull) {
  StatsPtr stats = MakeStats();
  const cw_stats_sample bad = Sample(42, 0, 1);
  ASSERT_EQ(cw_stats_record(stats.get(), &bad), CW_ERR_INVALID_ARGUMENT);
  const cw_stats_sample good = Sample(CW_STATS_RENDER, cw_stats_now(stats.get()), 1);
  ASSERT_EQ(cw_stats_record(stats.get(), &good), CW_OK);
  const std::string full = LastError(stats.get());
  EXPECT_TRUE(Contains(full, "unknown stats kind 42"));
  char small[10];
  EXPECT_EQ(cw_stats_last_error(stats.get(), small, sizeof small), full.size());
  EXPECT_EQ(std::string(small), full.substr(0, 9));
}

TEST(StatsRecord, RecordsAndLabelsShowUpInTheSnapshot) {
  static const char* const kLabels[] = {"resample", "db_write"};
  ManualClock clock{100 * kSecond, 0};
  cw_stats_options o = Options(&clock);
  o.capacity = 4;
  o.retention_ns = 10 * kSecond;
  o.labels = kLabels;
  o.label_count = 2;
  StatsPtr stats = MakeStats(o);
  EXPECT_EQ(cw_stats_now(stats.get()), 100 * kSecond);
  for (int i = 0; i < 6; ++i) {
    cw_stats_sample s = Sample(CW_STATS_LABEL_0 + 1, clock.now, 100 * (i + 1), 10, 1);
    s.simd_target = CW_SIMD_AVX2;
    s.failed = i == 5;
    ASSERT_EQ(cw_stats_record(stats.get(), &s), CW_OK);
  }
  cw_stats_snapshot snap = Read(stats.get());
  EXPECT_EQ(snap.capacity, 4u);
  EXPECT_EQ(snap.retention_ns, 10 * kSecond);
  EXPECT_EQ(snap.taken_at_ns, 100 * kSecond);
  EXPECT_EQ(snap.count, 6u);
  EXPECT_EQ(snap.window_count, 4u);
  EXPECT_STREQ(snap.kinds[CW_STATS_RENDER].name, "render");
  EXPECT_STREQ(snap.kinds[CW_STATS_BATCH].name, "batch");
  EXPECT_STREQ(snap.kinds[5].name, "");
  EXPECT_STREQ(snap.kinds[CW_STATS_LABEL_0].name, "resample");
  const cw_stats_kind_snapshot& k = snap.kinds[CW_STATS_LABEL_0 + 1];
  EXPECT_STREQ(k.name, "db_write");
  EXPECT_STREQ(snap.kinds[CW_STATS_LABEL_0 + 2].name, "");
  EXPECT_EQ(k.count, 6u);
  EXPECT_EQ(k.errors, 1u);
  EXPECT_EQ(k.duration_ns, 2100u);
  EXPECT_EQ(k.bytes, 60u);
  EXPECT_EQ(k.items, 6u);
  EXPECT_EQ(k.by_target[CW_SIMD_AVX2], 6u);
  EXPECT_EQ(k.window_count, 4u);  // the newest four: 300..600 ns
  EXPECT_EQ(k.window_errors, 1u);
  EXPECT_EQ(k.window_duration_ns, 1800u);
  EXPECT_EQ(k.window_mean_ns, 450u);
  EXPECT_EQ(k.window_min_ns, 300u);
  EXPECT_EQ(k.window_max_ns, 600u);
  EXPECT_EQ(k.window_p99_ns, 600u);

  // Idle past retention: the window empties on read, the totals stay.
  clock.now += 10 * kSecond;
  snap = Read(stats.get());
  EXPECT_EQ(snap.window_count, 0u);
  EXPECT_EQ(snap.kinds[CW_STATS_LABEL_0 + 1].window_max_ns, 0u);
  EXPECT_EQ(snap.kinds[CW_STATS_LABEL_0 + 1].count, 6u);

  ASSERT_EQ(cw_stats_reset(stats.get()), CW_OK);
  snap = Read(stats.get());
  EXPECT_EQ(snap.count, 0u);
  EXPECT_EQ(snap.kinds[CW_STATS_LABEL_0 + 1].by_target[CW_SIMD_AVX2], 0u);
}

// Sums of caller figures saturate at UINT64_MAX: the lifetime bytes total
// wrapped to a small number (2^63 + 2^63 + 5 read as 5).
TEST(StatsRecord, TotalsSaturateInsteadOfWrapping) {
  ManualClock clock{100 * kSecond, 0};
  cw_stats_options o = Options(&clock);
  o.capacity = 8;
  StatsPtr stats = MakeStats(o);
  const uint64_t half = uint64_t{1} << 63;
  for (uint64_t bytes : {half, half, uint64_t{5}}) {
    cw_stats_sample s = Sample(CW_STATS_ENCODE, clock.now, INT64_MAX, bytes, bytes);
    ASSERT_EQ(cw_stats_record(stats.get(), &s), CW_OK);
  }
  // From other threads too: their stripes are summed on read.
  std::thread other([&] {
    cw_stats_sample s = Sample(CW_STATS_ENCODE, clock.now, 1, half, half);
    EXPECT_EQ(cw_stats_record(stats.get(), &s), CW_OK);
  });
  other.join();
  const cw_stats_snapshot snap = Read(stats.get());
  const cw_stats_kind_snapshot& k = snap.kinds[CW_STATS_ENCODE];
  EXPECT_EQ(k.count, 4u);
  EXPECT_EQ(k.bytes, UINT64_MAX);
  EXPECT_EQ(k.items, UINT64_MAX);
  EXPECT_EQ(k.duration_ns, UINT64_MAX);  // 3 * INT64_MAX + 1 > 2^64
  EXPECT_EQ(k.window_count, 4u);
  EXPECT_EQ(k.window_bytes, UINT64_MAX);
  EXPECT_EQ(k.window_items, UINT64_MAX);
  EXPECT_EQ(k.window_duration_ns, UINT64_MAX);
  cw_buffer* json = nullptr;
  ASSERT_EQ(cw_stats_read_json(stats.get(), &json), CW_OK);
  EXPECT_TRUE(Contains(Text(json), "\"bytes\": 18446744073709551615")) << Text(json);
  cw_buffer_destroy(json);
  // Small totals are exact as before.
  ASSERT_EQ(cw_stats_reset(stats.get()), CW_OK);
  cw_stats_sample s = Sample(CW_STATS_ENCODE, clock.now, 7, 11, 13);
  ASSERT_EQ(cw_stats_record(stats.get(), &s), CW_OK);
  EXPECT_EQ(Read(stats.get()).kinds[CW_STATS_ENCODE].bytes, 11u);
}

TEST(StatsRead, ASnapshotOfAnOlderLayoutIsRefusedAndUntouched) {
  StatsPtr stats = MakeStats();
  std::vector<unsigned char> memory(sizeof(cw_stats_snapshot), 0xAB);
  auto* snap = reinterpret_cast<cw_stats_snapshot*>(memory.data());
  snap->struct_size = sizeof(cw_stats_snapshot) - 1;
  const std::vector<unsigned char> before = memory;
  EXPECT_EQ(cw_stats_read(stats.get(), snap), CW_ERR_STRUCT_SIZE);
  EXPECT_EQ(memory, before);
  EXPECT_TRUE(Contains(LastError(stats.get()), "struct_size"));
}

// ---------------------------------------------------------------------------
// Text.

TEST(StatsText, JsonAndPrometheusComeInLibraryBuffersEndingInNul) {
  ManualClock clock{50 * kSecond, 0};
  StatsPtr stats = MakeStats(Options(&clock));
  cw_stats_sample s = Sample(CW_STATS_ENCODE, clock.now, 1500000, 4096, 200);
  s.simd_target = CW_SIMD_AVX3;
  ASSERT_EQ(cw_stats_record(stats.get(), &s), CW_OK);

  cw_buffer* raw = nullptr;
  ASSERT_EQ(cw_stats_read_json(stats.get(), &raw), CW_OK);
  BufferPtr json(raw);
  const std::string j = Text(json.get());
  EXPECT_EQ(cw_buffer_data(json.get())[cw_buffer_size(json.get())], '\0');
  EXPECT_EQ(std::strlen(reinterpret_cast<const char*>(cw_buffer_data(json.get()))), j.size());
  EXPECT_EQ(j.front(), '{');
  EXPECT_TRUE(Contains(j, "\"taken_at_ns\": 50000000000,"));
  EXPECT_TRUE(Contains(j, "\"simd_targets\": {\"AVX3\": 1}"));
  EXPECT_TRUE(Contains(j, "\"p99_ns\": 1500000\n"));

  ASSERT_EQ(cw_stats_read_prometheus(stats.get(), nullptr, &raw), CW_OK);
  BufferPtr prom(raw);
  const std::string p = Text(prom.get());
  EXPECT_EQ(cw_buffer_data(prom.get())[cw_buffer_size(prom.get())], '\0');
  EXPECT_TRUE(Contains(p, "# TYPE candlewick_operation_duration_seconds summary\n"));
  EXPECT_TRUE(Contains(p, "candlewick_operations_total{kind=\"encode\"} 1\n"));
  EXPECT_TRUE(Contains(
      p, "candlewick_operation_duration_seconds{kind=\"encode\",quantile=\"0.99\"} 0.001500000\n"));
  EXPECT_TRUE(Contains(
      p, "candlewick_operations_by_simd_target_total{kind=\"encode\",target=\"AVX3\"} 1\n"));
  EXPECT_TRUE(Contains(p, "candlewick_recent_max_duration_seconds{kind=\"render\"} NaN\n"));

  ASSERT_EQ(cw_stats_read_prometheus(stats.get(), "svc", &raw), CW_OK);
  BufferPtr named(raw);
  EXPECT_TRUE(Contains(Text(named.get()), "svc_operations_total{kind=\"encode\"} 1\n"));
  EXPECT_FALSE(Contains(Text(named.get()), "candlewick_"));
}

TEST(StatsText, ABadMetricPrefixIsRefused) {
  StatsPtr stats = MakeStats();
  const std::string too_long(65, 'a');
  for (const char* bad : {"", "9lives", "has-dash", "a b", "x\"}", too_long.c_str()}) {
    cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
    EXPECT_EQ(cw_stats_read_prometheus(stats.get(), bad, &out), CW_ERR_INVALID_ARGUMENT) << bad;
    EXPECT_EQ(out, nullptr);
    EXPECT_TRUE(Contains(LastError(stats.get()), "metric prefix")) << LastError(stats.get());
  }
}

TEST(StatsText, OutOfMemoryForTheTextIsReportedAndLeaksNothing) {
  TestingAllocator counting;
  StatsPtr stats = MakeStats(Options(nullptr, counting.allocator()));
  for (long extra = 0; extra < 2; ++extra) {
    counting.fail_from = counting.attempts + extra;
    cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
    EXPECT_EQ(cw_stats_read_json(stats.get(), &out), CW_ERR_OUT_OF_MEMORY);
    EXPECT_EQ(out, nullptr);
    out = reinterpret_cast<cw_buffer*>(0x1);
    counting.fail_from = counting.attempts + extra;
    EXPECT_EQ(cw_stats_read_prometheus(stats.get(), nullptr, &out), CW_ERR_OUT_OF_MEMORY);
    EXPECT_EQ(out, nullptr);
    EXPECT_TRUE(Contains(LastError(stats.get()), "out of memory"));
  }
  counting.fail_from = TestingAllocator::kNever;
  stats.reset();
  EXPECT_EQ(counting.allocations, counting.frees);
}

// ---------------------------------------------------------------------------
// Memory: everything at creation, nothing after.

TEST(StatsMemory, NothingIsAllocatedAfterCreationExceptReturnedText) {
  TestingAllocator counting;
  static const char* const kLabels[] = {"resample"};
  cw_stats_options o = Options(nullptr, counting.allocator());
  o.capacity = 1000;
  o.labels = kLabels;
  o.label_count = 1;
  StatsPtr stats = MakeStats(o);
  const int64_t at_creation = counting.allocations;
  EXPECT_GT(at_creation, 0);

  // Records (good and bad), reads, resets, clock and error queries.
  const int64_t now = cw_stats_now(stats.get());
  for (int i = 0; i < 100000; ++i) {
    cw_stats_sample s = Sample(i % 2 == 0 ? CW_STATS_RENDER : CW_STATS_LABEL_0, now, i, 7, 1);
    ASSERT_EQ(cw_stats_record(stats.get(), &s), CW_OK);
  }
  const cw_stats_sample bad = Sample(77, now, 1);
  EXPECT_EQ(cw_stats_record(stats.get(), &bad), CW_ERR_INVALID_ARGUMENT);
  EXPECT_FALSE(LastError(stats.get()).empty());
  cw_stats_snapshot snap = Read(stats.get());
  EXPECT_EQ(snap.count, 100000u);
  EXPECT_EQ(snap.window_count, 1000u);
  ASSERT_EQ(cw_stats_reset(stats.get()), CW_OK);
  snap = Read(stats.get());
  EXPECT_EQ(snap.count, 0u);
  EXPECT_EQ(counting.allocations, at_creation);
  EXPECT_EQ(counting.frees, 0);

  // Text costs exactly its buffer: the cw_buffer and its bytes, both
  // returned on cw_buffer_destroy, through the stats handle's allocator.
  cw_buffer* json = nullptr;
  ASSERT_EQ(cw_stats_read_json(stats.get(), &json), CW_OK);
  EXPECT_EQ(counting.allocations, at_creation + 2);
  cw_buffer_destroy(json);
  EXPECT_EQ(counting.frees, 2);
  cw_buffer* prom = nullptr;
  ASSERT_EQ(cw_stats_read_prometheus(stats.get(), "svc", &prom), CW_OK);
  EXPECT_EQ(counting.allocations, at_creation + 4);
  // A buffer may outlive its stats handle.
  stats.reset();
  EXPECT_GT(cw_buffer_size(prom), 0u);
  cw_buffer_destroy(prom);
  EXPECT_EQ(counting.allocations, counting.frees);
}

// ---------------------------------------------------------------------------
// Charts recording themselves.

class ChartStats : public ::testing::Test {
 protected:
  void SetUp() override {
    // Every clock reading advances 1 us, so each timed call lasts exactly
    // 1 us: durations are checked exactly, not against wall time.
    clock_ = ManualClock{1000 * kSecond, 1000};
    stats_ = MakeStats(Options(&clock_));
    chart_ = MakeChart(64, 48);
    ASSERT_NE(chart_, nullptr);
    series_ = MakeSeries(50, 7);
  }

  // Attaches stats_ with `attach`, which refuses a NULL handle.
  template <typename Handle>
  void Attach(cw_status (*attach)(Handle*, cw_stats*), Handle* handle) {
    EXPECT_EQ(attach(nullptr, stats_.get()), CW_ERR_NULL_ARGUMENT);
    ASSERT_EQ(attach(handle, stats_.get()), CW_OK);
  }

  // Detaches the handle: `call` then succeeds, records nothing and reads no
  // clock.
  template <typename Handle, typename Call>
  void ExpectDetachedCallIsSilent(cw_status (*attach)(Handle*, cw_stats*), Handle* handle,
                                  Call call) {
    ASSERT_EQ(attach(handle, nullptr), CW_OK);
    const uint64_t count_before = Read(stats_.get()).count;  // reads the clock
    const int64_t clock_before = clock_.now;
    ASSERT_EQ(call(), CW_OK);
    EXPECT_EQ(clock_.now, clock_before);
    EXPECT_EQ(Read(stats_.get()).count, count_before);
  }

  // The lifetime totals of `kind`.
  struct Totals {
    uint64_t count, errors, items, bytes;
  };
  void ExpectTotals(int32_t kind, const Totals& want) {
    SCOPED_TRACE(testing::Message() << "kind " << kind);
    const cw_stats_snapshot snap = Read(stats_.get());
    EXPECT_EQ(snap.kinds[kind].count, want.count);
    EXPECT_EQ(snap.kinds[kind].errors, want.errors);
    EXPECT_EQ(snap.kinds[kind].items, want.items);
    EXPECT_EQ(snap.kinds[kind].bytes, want.bytes);
  }

  ManualClock clock_;
  StatsPtr stats_;
  ChartPtr chart_;
  Series series_;
};

TEST_F(ChartStats, EveryRenderCallRecordsItselfWhileAttached) {
  ASSERT_EQ(cw_chart_attach_stats(chart_.get(), stats_.get()), CW_OK);
  const cw_ohlcv v = series_.View();
  std::vector<uint8_t> pixels(64 * 48 * 4);
  ASSERT_EQ(cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256), CW_OK);
  cw_buffer* frame = nullptr;
  ASSERT_EQ(cw_chart_render_rgba_buffer(chart_.get(), &v, &frame), CW_OK);
  BufferPtr frame_owner(frame);
  cw_buffer* png = nullptr;
  ASSERT_EQ(cw_chart_render_png(chart_.get(), &v, &png), CW_OK);
  BufferPtr png_owner(png);

  ExpectTotals(CW_STATS_RENDER, {2, 0, 100, 2u * 64 * 48 * 4});
  const cw_stats_snapshot snap = Read(stats_.get());
  const int32_t active = cw_simd_target_active();
  const cw_stats_kind_snapshot& render = snap.kinds[CW_STATS_RENDER];
  EXPECT_EQ(render.duration_ns, 2000u);
  EXPECT_EQ(render.by_target[active], 2u);
  EXPECT_EQ(render.window_count, 2u);
  EXPECT_EQ(render.window_max_ns, 1000u);
  const cw_stats_kind_snapshot& encode = snap.kinds[CW_STATS_ENCODE];
  EXPECT_EQ(encode.count, 1u);
  EXPECT_EQ(encode.bytes, cw_buffer_size(png));
  EXPECT_EQ(encode.items, 50u);
  EXPECT_EQ(encode.by_target[active], 1u);
  EXPECT_EQ(snap.count, 3u);
}

TEST_F(ChartStats, FailedCallsCountAsErrorsWithNoBytesAndNoTarget) {
  ASSERT_EQ(cw_chart_attach_stats(chart_.get(), stats_.get()), CW_OK);
  std::vector<uint8_t> pixels(64 * 48 * 4);
  Series bad = series_;
  bad.high[3] = bad.low[3] - 1;  // high below low
  const cw_ohlcv v = bad.View();
  EXPECT_EQ(cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256),
            CW_ERR_INCONSISTENT_OHLC);
  EXPECT_EQ(cw_chart_render_rgba(chart_.get(), nullptr, pixels.data(), pixels.size(), 256),
            CW_ERR_NULL_ARGUMENT);
  cw_buffer* out = nullptr;
  EXPECT_EQ(cw_chart_render_png(chart_.get(), &v, &out), CW_ERR_INCONSISTENT_OHLC);
  EXPECT_EQ(cw_chart_render_rgba_buffer(chart_.get(), &v, nullptr), CW_ERR_NULL_ARGUMENT);
  ExpectTotals(CW_STATS_RENDER, {3, 3, 100, 0});  // a NULL series counts 0 rows
  const cw_stats_snapshot snap = Read(stats_.get());
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].by_target[CW_SIMD_NONE], 3u);
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].window_errors, 3u);
  EXPECT_EQ(snap.kinds[CW_STATS_ENCODE].errors, 1u);
  // The chart's own error reporting is unchanged.
  EXPECT_STRNE(cw_chart_last_error(chart_.get()), "");
}

TEST_F(ChartStats, DetachedChartsRecordNothingAndReadNoClock) {
  const cw_ohlcv v = series_.View();
  std::vector<uint8_t> pixels(64 * 48 * 4);
  const int64_t clock_before = clock_.now;
  ASSERT_EQ(cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256), CW_OK);
  EXPECT_EQ(clock_.now, clock_before);  // never attached: the clock was not read

  Attach(cw_chart_attach_stats, chart_.get());
  ASSERT_EQ(cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256), CW_OK);
  ExpectDetachedCallIsSilent(cw_chart_attach_stats, chart_.get(), [&] {
    return cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256);
  });
  EXPECT_EQ(Read(stats_.get()).kinds[CW_STATS_RENDER].count, 1u);

  // The stats handle may be destroyed once detached; the chart lives on.
  stats_.reset();
  ASSERT_EQ(cw_chart_render_rgba(chart_.get(), &v, pixels.data(), pixels.size(), 256), CW_OK);
}

TEST_F(ChartStats, ManyChartsShareOneStatsHandle) {
  ChartPtr second = MakeChart(32, 32);
  ASSERT_NE(second, nullptr);
  ASSERT_EQ(cw_chart_attach_stats(chart_.get(), stats_.get()), CW_OK);
  ASSERT_EQ(cw_chart_attach_stats(second.get(), stats_.get()), CW_OK);
  const cw_ohlcv v = series_.View();
  cw_buffer* a = nullptr;
  cw_buffer* b = nullptr;
  ASSERT_EQ(cw_chart_render_rgba_buffer(chart_.get(), &v, &a), CW_OK);
  ASSERT_EQ(cw_chart_render_rgba_buffer(second.get(), &v, &b), CW_OK);
  BufferPtr a_owner(a), b_owner(b);
  const cw_stats_snapshot snap = Read(stats_.get());
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].count, 2u);
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].bytes, 64u * 48 * 4 + 32u * 32 * 4);
}

TEST(SimdTargets, NamesAreHighwaysAndTheActiveTargetIsKnown) {
  const struct {
    int32_t target;
    const char* name;
  } kNames[] = {{CW_SIMD_NONE, "none"},
                {CW_SIMD_OTHER, "other"},
                {CW_SIMD_SCALAR, "SCALAR"},
                {CW_SIMD_AVX3, "AVX3"},
                {CW_SIMD_RVV, "RVV"}};
  for (const auto& k : kNames) EXPECT_STREQ(cw_simd_target_name(k.target), k.name);
  for (int32_t unknown : {CW_SIMD_RVV + 1, -1}) {
    EXPECT_EQ(cw_simd_target_name(unknown), nullptr) << unknown;
  }
  const int32_t active = cw_simd_target_active();
  EXPECT_GE(active, CW_SIMD_SCALAR);
  EXPECT_LE(active, CW_SIMD_RVV);
}

// Indicator contexts record themselves like charts (issue: attach stats to
// chart and indicator handles).
TEST_F(ChartStats, IndicatorContextsRecordComputeCallsWhileAttached) {
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  Attach(cw_indicator_context_attach_stats, ctx);
  const size_t n = series_.close.size();
  const cw_f64_column close = {series_.close.data(), n, 0};
  std::vector<double> out(n);
  double* outputs[1] = {out.data()};
  const double period = 5;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &close, 1, &period, 1, outputs, 1, n), CW_OK);
  }
  const double bad_period = 0;  // out of range
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &close, 1, &bad_period, 1, outputs, 1, n),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &close, 1, &period, 1, nullptr, 1, n),
            CW_ERR_NULL_ARGUMENT);
  ExpectTotals(CW_STATS_INDICATOR, {5, 2, 5 * n, 3 * n * sizeof(double)});
  EXPECT_EQ(Read(stats_.get()).kinds[CW_STATS_RENDER].count, 0u);
  // Detached: nothing more is recorded and no clock is read.
  ExpectDetachedCallIsSilent(cw_indicator_context_attach_stats, ctx, [&] {
    return cw_indicator_compute(ctx, CW_IND_SMA, &close, 1, &period, 1, outputs, 1, n);
  });
  cw_indicator_context_destroy(ctx);
}

TEST_F(ChartStats, BarContextsRecordAggregationsWhileAttached) {
  cw_bar_context* ctx = nullptr;
  ASSERT_EQ(cw_bar_context_create(nullptr, &ctx), CW_OK);
  Attach(cw_bar_context_attach_stats, ctx);
  const cw_ohlcv v = series_.View();
  cw_bar_options options;
  cw_bar_options_init(&options, CW_BARS_TICK);
  options.tick_count = 10;
  size_t count = 0;
  ASSERT_EQ(cw_bars_from_ohlcv(ctx, &v, &options, nullptr, &count), CW_OK);  // size query
  ASSERT_EQ(count, 5u);
  std::vector<double> close(count);
  cw_bar_output out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = count;
  out.close = close.data();
  ASSERT_EQ(cw_bars_from_ohlcv(ctx, &v, &options, &out, &count), CW_OK);
  options.tick_count = 0;  // invalid
  EXPECT_NE(cw_bars_from_ohlcv(ctx, &v, &options, &out, &count), CW_OK);
  // One column of 5 rows written.
  ExpectTotals(CW_STATS_AGGREGATE, {3, 1, 3 * series_.close.size(), 5u * 8u});
  options.tick_count = 10;
  ExpectDetachedCallIsSilent(cw_bar_context_attach_stats, ctx,
                             [&] { return cw_bars_from_ohlcv(ctx, &v, &options, &out, &count); });
  cw_bar_context_destroy(ctx);
}

}  // namespace
