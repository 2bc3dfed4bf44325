// The bar aggregations against hand-checked cases and the reference
// implementations of aggregate_reference.h, on random series, through
// contiguous and strided (row-major record) views. Every case also checks
// that the counting pass and the filling pass agree, which the C API's size
// query relies on.
#include "cc/bars/aggregate.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "cc/bars/aggregate_reference.h"
#include "cc/bars/bars.h"
#include "cc/base/status.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using reference::Table;

// A row-major copy of a table, to read the same data through strides.
struct Record {
  int64_t t;
  double o, h, l, c, v;
  char pad[3];  // odd record size: strided reads need not be aligned
} __attribute__((packed));

OhlcvView Contiguous(const Table& x) {
  OhlcvView s;
  if (!x.t.empty()) s.time = {x.t.data(), x.t.size(), 0};
  s.open = {x.o.data(), x.o.size(), 0};
  s.high = {x.h.data(), x.h.size(), 0};
  s.low = {x.l.data(), x.l.size(), 0};
  s.close = {x.c.data(), x.c.size(), 0};
  if (!x.v.empty()) s.volume = {x.v.data(), x.v.size(), 0};
  return s;
}

OhlcvView Strided(const std::vector<Record>& r, bool time, bool volume) {
  const ptrdiff_t st = sizeof(Record);
  const size_t n = r.size();
  const char* b = reinterpret_cast<const char*>(r.data());
  OhlcvView s;
  if (time) s.time = {reinterpret_cast<const int64_t*>(b + offsetof(Record, t)), n, st};
  s.open = {reinterpret_cast<const double*>(b + offsetof(Record, o)), n, st};
  s.high = {reinterpret_cast<const double*>(b + offsetof(Record, h)), n, st};
  s.low = {reinterpret_cast<const double*>(b + offsetof(Record, l)), n, st};
  s.close = {reinterpret_cast<const double*>(b + offsetof(Record, c)), n, st};
  if (volume) s.volume = {reinterpret_cast<const double*>(b + offsetof(Record, v)), n, st};
  return s;
}

std::vector<Record> Records(const Table& x) {
  std::vector<Record> r(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    r[i].t = x.t.empty() ? 0 : x.t[i];
    r[i].o = x.o[i];
    r[i].h = x.h[i];
    r[i].l = x.l[i];
    r[i].c = x.c[i];
    r[i].v = x.v.empty() ? 0 : x.v[i];
  }
  return r;
}

// Ticks as a table: open = high = low = close = price.
Table Ticks(const std::vector<int64_t>& t, const std::vector<double>& p,
            const std::vector<double>& v) {
  Table x;
  x.t = t;
  x.o = x.h = x.l = x.c = p;
  x.v = v;
  return x;
}

// The table as bars (contiguous columns), as ticks, or read through the
// strides of its row-major records.
BarInput BarsInput(const Table& x) { return BarInput{Contiguous(x), false}; }
BarInput TickInput(const Table& x) { return BarInput{Contiguous(x), true}; }
BarInput StridedInput(const std::vector<Record>& r) {
  return BarInput{Strided(r, true, true), false};
}

// A spec of `method` with the other fields at their defaults.
BarSpec Spec(BarMethod method) {
  BarSpec spec;
  spec.method = method;
  return spec;
}

// The counting pass alone: its status, and the rows counted in *count.
absl::Status CountBars(const BarInput& in, const BarSpec& spec, uint64_t* count = nullptr) {
  BarWorkspace ws(AllocatorHooks::Default());
  BarWriter counter;
  const absl::Status st = AggregateBars(in, spec, &ws, &counter);
  if (count != nullptr) *count = counter.count();
  return st;
}

// The status of an aggregation: its code, and a message naming `word`.
void ExpectStatus(const BarInput& in, const BarSpec& spec, ErrorCode code, const char* word) {
  const absl::Status st = CountBars(in, spec);
  EXPECT_EQ(CodeOf(st), code) << word << ": " << st;
  EXPECT_NE(st.message().find(word), absl::string_view::npos) << st;
}

// Runs an aggregation twice (count, then fill) and returns the rows.
std::vector<BarRow> Aggregate(const BarInput& in, const BarSpec& spec) {
  uint64_t count = 0;
  const absl::Status st = CountBars(in, spec, &count);
  EXPECT_TRUE(st.ok()) << st;
  const size_t n = static_cast<size_t>(count);
  std::vector<int64_t> t(n), row(n);
  std::vector<double> o(n), h(n), l(n), c(n), v(n);
  BarArrays a{t.data(), o.data(), h.data(), l.data(), c.data(), v.data(), row.data(), n};
  BarWriter w(a);
  BarWorkspace ws(AllocatorHooks::Default());
  EXPECT_TRUE(AggregateBars(in, spec, &ws, &w).ok());
  EXPECT_EQ(w.count(), count) << "counting and filling disagree";
  std::vector<BarRow> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = {t[i], o[i], h[i], l[i], c[i], v[i], row[i]};
  return out;
}

void ExpectSameRows(const std::vector<BarRow>& got, const std::vector<BarRow>& want,
                    bool compare_time_row = true) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "output row " << i);
    auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
    EXPECT_TRUE(same(got[i].open, want[i].open)) << got[i].open << " vs " << want[i].open;
    EXPECT_TRUE(same(got[i].high, want[i].high)) << got[i].high << " vs " << want[i].high;
    EXPECT_TRUE(same(got[i].low, want[i].low)) << got[i].low << " vs " << want[i].low;
    EXPECT_TRUE(same(got[i].close, want[i].close)) << got[i].close << " vs " << want[i].close;
    EXPECT_DOUBLE_EQ(got[i].volume, want[i].volume);
    if (compare_time_row) {
      EXPECT_EQ(got[i].time, want[i].time);
      EXPECT_EQ(got[i].row, want[i].row);
    }
  }
}

// Kagi and line-break rows against the reference's lines: each row opens at
// its line's start and closes at its end.
void ExpectSameLines(const std::vector<BarRow>& got, const std::vector<reference::Line>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].open, want[i].start) << "row " << i;
    EXPECT_EQ(got[i].close, want[i].end) << "row " << i;
  }
}

// A random walk of OHLC bars on a grid of 0.25 (exact in binary), integer
// volumes >= 1, sorted times with repeats and gaps.
Table RandomBars(size_t n, uint32_t seed) {
  std::mt19937 g(seed);
  Table x;
  double p = 100;
  int64_t t = 1700000000 + static_cast<int64_t>(g() % 1000) - 500;
  for (size_t i = 0; i < n; ++i) {
    const int gap = static_cast<int>(g() % 10);
    t += gap < 2 ? 0 : gap < 8 ? static_cast<int64_t>(g() % 90) : static_cast<int64_t>(g() % 2000);
    const double o = p;
    const double c = o + 0.25 * (static_cast<int>(g() % 17) - 8);
    const double h = std::max(o, c) + 0.25 * (g() % 5);
    const double l = std::min(o, c) - 0.25 * (g() % 5);
    x.t.push_back(t);
    x.o.push_back(o);
    x.h.push_back(h);
    x.l.push_back(l);
    x.c.push_back(c);
    x.v.push_back(1 + g() % 9);
    p = c;
  }
  return x;
}

// Calls fn(x, records, seed) for `count` random series (seeds 1..count) of
// `rows` bars and their row-major records.
template <typename Fn>
void ForRandomBars(uint32_t count, size_t rows, Fn fn) {
  for (uint32_t seed = 1; seed <= count; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    const Table x = RandomBars(rows, seed);
    fn(x, Records(x), seed);
  }
}

// Integer tick prices, so range-bar references can walk unit by unit.
Table RandomTicks(size_t n, uint32_t seed) {
  std::mt19937 g(seed);
  std::vector<int64_t> t;
  std::vector<double> p, v;
  double price = 1000;
  int64_t time = 0;
  for (size_t i = 0; i < n; ++i) {
    time += g() % 3;
    const int r = static_cast<int>(g() % 100);
    price += r < 5 ? 25.0 * (r % 2 ? 1 : -1) : static_cast<double>(static_cast<int>(g() % 7) - 3);
    t.push_back(time);
    p.push_back(price);
    v.push_back(1 + g() % 5);
  }
  return Ticks(t, p, v);
}

// ---------------------------------------------------------------- time bars

// A renko or point-and-figure spec with a fixed box.
BarSpec FixedBox(BarMethod method, double box_size) {
  BarSpec spec = Spec(method);
  spec.box_mode = BoxMode::kFixed;
  spec.box_size = box_size;
  return spec;
}

TEST(TimeBars, HandCheckedWithEveryEmptyPolicy) {
  // 60 s bars. Rows at 0, 10, 59 | 60 | (120 empty) | 185, 185.
  const Table x{{0, 10, 59, 60, 185, 185},
                {10, 11, 12, 13, 14, 15},
                {11, 13, 12, 13, 16, 15},
                {9, 11, 11, 13, 14, 14},
                {11, 12, 11.5, 13, 15, 14.5},
                {1, 2, 3, 4, 5, 6}};
  const BarInput in = BarsInput(x);
  BarSpec spec;
  spec.interval = 60;
  auto rows = Aggregate(in, spec);
  ASSERT_EQ(rows.size(), 3u);
  ExpectSameRows(rows, {{0, 10, 13, 9, 11.5, 6, 2}, {60, 13, 13, 13, 13, 4, 3},
                        {180, 14, 16, 14, 14.5, 11, 5}});
  spec.empty = EmptyBars::kFlat;
  ExpectSameRows(Aggregate(in, spec), {{0, 10, 13, 9, 11.5, 6, 2}, {60, 13, 13, 13, 13, 4, 3},
                                 {120, 13, 13, 13, 13, 0, -1}, {180, 14, 16, 14, 14.5, 11, 5}});
  spec.empty = EmptyBars::kNaN;
  const double nan = std::nan("");
  ExpectSameRows(Aggregate(in, spec), {{0, 10, 13, 9, 11.5, 6, 2}, {60, 13, 13, 13, 13, 4, 3},
                                 {120, nan, nan, nan, nan, 0, -1},
                                 {180, 14, 16, 14, 14.5, 11, 5}});
  // An offset of 30 s moves the grid: buckets [-30, 30), [30, 90), [150, 210).
  spec.empty = EmptyBars::kSkip;
  spec.offset = 30 + 60 * 7;  // any representative of the same grid
  ExpectSameRows(Aggregate(in, spec), {{-30, 10, 13, 9, 12, 3, 1}, {30, 12, 13, 11, 13, 7, 3},
                                 {150, 14, 16, 14, 14.5, 11, 5}});
}

TEST(TimeBars, NegativeTimesFloorTowardsMinusInfinity) {
  const Table x = Ticks({-61, -60, -1, 0}, {1, 2, 3, 4}, {});
  BarSpec spec;
  spec.interval = 60;
  // Tick volume (no size column): the number of ticks.
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{-120, 1, 1, 1, 1, 1, 0}, {-60, 2, 3, 2, 3, 2, 2}, {0, 4, 4, 4, 4, 1, 3}});
}

TEST(TimeBars, MatchReferenceOnRandomSeriesContiguousAndStrided) {
  ForRandomBars(20, 300, [](const Table& x, const std::vector<Record>& recs, uint32_t seed) {
    for (int64_t interval : {1, 60, 300, 3600}) {
      for (EmptyBars empty : {EmptyBars::kSkip, EmptyBars::kNaN, EmptyBars::kFlat}) {
        BarSpec spec;
        spec.interval = interval;
        spec.offset = static_cast<int64_t>(seed) * 7 - 50;
        spec.empty = empty;
        const auto want = reference::TimeBars(x, interval, spec.offset, empty);
        ExpectSameRows(Aggregate(BarsInput(x), spec), want);
        ExpectSameRows(Aggregate(StridedInput(recs), spec), want);
      }
    }
  });
}

TEST(TimeBars, ExtremeTimesDoNotOverflow) {
  const int64_t big = INT64_MAX - 5;
  const Table x = Ticks({INT64_MIN + 2000, big}, {1, 2}, {});
  BarSpec spec;
  spec.interval = 1000;
  spec.empty = EmptyBars::kNaN;
  uint64_t count = 0;
  // About 1.8e16 intervals lie between them: counted in one step.
  ASSERT_TRUE(CountBars(TickInput(x), spec, &count).ok());
  EXPECT_GT(count, uint64_t{18000000000000000});
  // With interval 1 there would be 2^64 rows: refused, not wrapped.
  spec.interval = 1;
  EXPECT_EQ(CodeOf(CountBars(TickInput(x), spec)), ErrorCode::kSizeOutOfRange);
  // A time whose bucket starts before INT64_MIN.
  const Table y = Ticks({INT64_MIN + 1}, {1}, {});
  spec.interval = 1000;
  EXPECT_EQ(CodeOf(CountBars(TickInput(y), spec)), ErrorCode::kInvalidArgument);
}

// ---------------------------------------------------------- tick and volume

TEST(TickBars, MatchReferenceIncludingThePartialLastBar) {
  const Table x = RandomBars(103, 7);
  for (uint64_t k : {1, 2, 10, 103, 500}) {
    BarSpec spec = Spec(BarMethod::kTick);
    spec.tick_count = k;
    ExpectSameRows(Aggregate(BarsInput(x), spec), reference::TickBars(x, k));
  }
}

TEST(VolumeBars, HandCheckedSplitAndWhole) {
  // Threshold 10; sizes 4, 4, 25, 1, 6.
  const Table x = Ticks({1, 2, 3, 4, 5}, {10, 11, 12, 13, 14}, {4, 4, 25, 1, 6});
  BarSpec spec = Spec(BarMethod::kVolume);
  spec.volume_threshold = 10;
  // Whole rows: 4+4+25 = 33 closes the first bar; 1+6 is the partial last.
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{1, 10, 12, 10, 12, 33, 2}, {4, 13, 14, 13, 14, 7, 4}});
  // Split: 4+4+2 | 10 | 10 | 3+1+6.
  spec.volume_split = true;
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{1, 10, 12, 10, 12, 10, 2}, {3, 12, 12, 12, 12, 10, 2},
                  {3, 12, 12, 12, 12, 10, 2}, {3, 12, 14, 12, 14, 10, 4}});
}

TEST(VolumeBars, MatchReferenceOnRandomSeries) {
  ForRandomBars(10, 200, [](const Table& x, const std::vector<Record>& recs, uint32_t) {
    for (double threshold : {1.0, 3.0, 7.0, 20.0, 5000.0}) {
      BarSpec spec = Spec(BarMethod::kVolume);
      spec.volume_threshold = threshold;
      ExpectSameRows(Aggregate(StridedInput(recs), spec), reference::VolumeBarsWhole(x, threshold));
      spec.volume_split = true;
      ExpectSameRows(Aggregate(StridedInput(recs), spec), reference::VolumeBarsSplit(x, threshold));
    }
  });
}

TEST(VolumeBars, AHugeTradeIsCountedNotLooped) {
  const Table x = Ticks({1}, {5}, {1e15});
  BarSpec spec = Spec(BarMethod::kVolume);
  spec.volume_threshold = 1;
  spec.volume_split = true;
  uint64_t count = 0;
  ASSERT_TRUE(CountBars(TickInput(x), spec, &count).ok());
  EXPECT_EQ(count, uint64_t{1000000000000000});
  spec.volume_threshold = 1e-300;
  EXPECT_EQ(CodeOf(CountBars(TickInput(x), spec)), ErrorCode::kSizeOutOfRange);
}

// --------------------------------------------------------------- range bars

TEST(RangeBars, HandCheckedWithAGap) {
  // Range 2. 10 -> 11 -> 13 completes 10..12 (at 12, with the volume of the
  // three rows), and the move on to 13 opens the next bar at 12; 13 -> 19
  // completes 12..14, then whole bars 14..16 and 16..18 inside the gap
  // (volume 0), and 18..19 is left forming.
  const Table x = Ticks({0, 1, 2, 3}, {10, 11, 13, 19}, {1, 2, 3, 4});
  BarSpec spec = Spec(BarMethod::kRange);
  spec.range = 2;
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{0, 10, 12, 10, 12, 6, 2}, {2, 12, 14, 12, 14, 4, 3}, {3, 14, 16, 14, 16, 0, 3},
                  {3, 16, 18, 16, 18, 0, 3}, {3, 18, 19, 18, 19, 0, 3}});
}

TEST(RangeBars, MatchUnitWalkReferenceOnRandomTicks) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const Table x = RandomTicks(400, seed);
    for (double range : {1.0, 2.0, 5.0, 13.0}) {
      BarSpec spec = Spec(BarMethod::kRange);
      spec.range = range;
      ExpectSameRows(Aggregate(TickInput(x), spec), reference::RangeBarsTicks(x, range));
    }
  }
}

TEST(RangeBars, BarsFollowOpenNearerExtremeFartherExtremeClose) {
  // One up bar o=10 l=9 h=14 c=13 with range 3: path 10, 9, 14, 13. 9..12
  // completes on the way to 14 (at 12), then 12..14 forms and 13 is inside.
  const Table x{{0}, {10}, {14}, {9}, {13}, {5}};
  BarSpec spec = Spec(BarMethod::kRange);
  spec.range = 3;
  ExpectSameRows(Aggregate(BarsInput(x), spec),
                 {{0, 10, 12, 9, 12, 5, 0}, {0, 12, 14, 12, 13, 0, 0}});
}

TEST(RangeBars, PricesOfOppositeSignsNearTheLargestDoubleStayOnTheGrid) {
  // -3 and 3 units of 2^1022 with a range of one unit: p - base overflows a
  // double (it made steps infinite, and its conversion to an integer was
  // undefined: a fuzzer finding), yet every edge lies between the prices.
  const double u = 0x1p1022;
  const Table up = Ticks({0, 1}, {-3 * u, 3 * u}, {1, 2});
  BarSpec spec = Spec(BarMethod::kRange);
  spec.range = u;
  ExpectSameRows(Aggregate(TickInput(up), spec), {{0, -3 * u, -2 * u, -3 * u, -2 * u, 3, 1},
                                                  {1, -2 * u, -u, -2 * u, -u, 0, 1},
                                                  {1, -u, 0, -u, 0, 0, 1},
                                                  {1, 0, u, 0, u, 0, 1},
                                                  {1, u, 2 * u, u, 2 * u, 0, 1},
                                                  {1, 2 * u, 3 * u, 2 * u, 3 * u, 0, 1}});
  const Table down = Ticks({0, 1}, {3 * u, -3 * u}, {1, 2});
  ExpectSameRows(Aggregate(TickInput(down), spec), {{0, 3 * u, 3 * u, 2 * u, 2 * u, 3, 1},
                                                    {1, 2 * u, 2 * u, u, u, 0, 1},
                                                    {1, u, u, 0, 0, 0, 1},
                                                    {1, 0, 0, -u, -u, 0, 1},
                                                    {1, -u, -u, -2 * u, -2 * u, 0, 1},
                                                    {1, -2 * u, -2 * u, -3 * u, -3 * u, 0, 1}});
}

TEST(Aggregate, VolumeSumsSaturateAtTheLargestDouble) {
  // Two rows of the largest volume: their sum overflows a double; every
  // method gives the largest double, as the chart's columns do (a fuzzer
  // finding: the rows said infinity).
  const double max = std::numeric_limits<double>::max();
  const Table x = Ticks({0, 1, 2}, {10, 10, 30}, {max, max, 1});
  for (BarMethod m : {BarMethod::kTick, BarMethod::kRange, BarMethod::kRenko,
                      BarMethod::kPointFigure, BarMethod::kKagi, BarMethod::kLineBreak}) {
    SCOPED_TRACE(static_cast<int>(m));
    BarSpec spec = Spec(m);
    spec.tick_count = 3;
    spec.range = 5;
    spec.box_mode = BoxMode::kFixed;
    spec.box_size = 5;
    spec.reversal = 1;
    spec.reversal_percent = false;
    spec.reversal_amount = 5;
    spec.line_count = 1;
    const std::vector<BarRow> rows = Aggregate(TickInput(x), spec);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0].volume, max);
  }
}

TEST(Aggregate, RenkoBricksEndAtTheLargestDouble) {
  // A box of a third of the largest double (rounded up) from a close near
  // zero: the last close is 3 boxes away, and the third brick's top edge,
  // 3 * box, lies just beyond the largest double.
  // It is the largest double, never infinity (a fuzzer finding: the row said
  // infinity).
  const double max = std::numeric_limits<double>::max();
  const double box = max / 3;
  const Table x = Ticks({0, 1, 2}, {1090.3, 1e15, max}, {1, 1, 1});
  BarSpec spec;
  spec.method = BarMethod::kRenko;
  spec.box_mode = BoxMode::kFixed;
  spec.box_size = box;
  const std::vector<BarRow> rows = Aggregate(TickInput(x), spec);
  ASSERT_FALSE(rows.empty());
  for (const BarRow& r : rows) {
    EXPECT_TRUE(std::isfinite(r.high) && std::isfinite(r.low)) << r.low << " .. " << r.high;
    EXPECT_LE(r.low, r.high);
  }
  EXPECT_EQ(rows.back().high, max);
}

// --------------------------------------------- Heikin-Ashi, renko, P&F

TEST(HeikinAshiBars, EqualTheChartsHeikinAshiExactly) {
  const Table x = RandomBars(150, 3);
  const auto got = Aggregate(StridedInput(Records(x)), Spec(BarMethod::kHeikinAshi));
  OhlcvColumns ha(AllocatorHooks::Default());
  HeikinAshi(Contiguous(x), &ha);
  ASSERT_EQ(got.size(), ha.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].open, ha.open[i]);
    EXPECT_EQ(got[i].high, ha.high[i]);
    EXPECT_EQ(got[i].low, ha.low[i]);
    EXPECT_EQ(got[i].close, ha.close[i]);
    EXPECT_EQ(got[i].volume, ha.volume[i]);
    EXPECT_EQ(got[i].time, ha.time[i]);
  }
}

TEST(RenkoBars, HandCheckedRowsTimesAndVolumes) {
  // The bars_test case: 100 .. 104 up, then 101.9 reverses, 99 continues.
  const Table x = Ticks({0, 1, 2, 3, 4, 5, 6, 7}, {100, 101, 102.5, 104, 103, 101.9, 100, 99},
                        {1, 1, 1, 1, 1, 1, 1, 1});
  BarSpec spec = FixedBox(BarMethod::kRenko, 1);
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{0, 100, 101, 100, 101, 2, 1}, {2, 101, 102, 101, 102, 1, 2},
                  {3, 102, 103, 102, 103, 1, 3}, {3, 103, 104, 103, 104, 0, 3},
                  {4, 103, 103, 102, 102, 2, 5}, {6, 102, 102, 101, 101, 1, 6},
                  {6, 101, 101, 100, 100, 0, 6}, {7, 100, 100, 99, 99, 1, 7}});
}

TEST(RenkoBars, SameBricksAsTheChartsRenko) {
  ForRandomBars(20, 300, [](const Table& x, const std::vector<Record>& recs, uint32_t) {
    for (double box : {0.25, 0.5, 1.0, 2.0}) {
      const auto got = Aggregate(StridedInput(recs), FixedBox(BarMethod::kRenko, box));
      HookVector<RenkoBrick> bricks{HookAllocator<RenkoBrick>(AllocatorHooks::Default())};
      Renko({x.c.data(), x.c.size(), 0}, box, &bricks);
      ASSERT_EQ(got.size(), bricks.size());
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].low, bricks[i].low);
        EXPECT_EQ(got[i].high, bricks[i].high);
        EXPECT_EQ(got[i].close > got[i].open, bricks[i].up);
        EXPECT_EQ(got[i].row, static_cast<int64_t>(bricks[i].source_row));
      }
    }
  });
}

TEST(RenkoBars, AtrBoxIsTheChartsAtrAndAFlatSeriesHasNoBricks) {
  const Table x = RandomBars(200, 9);
  const BarInput in = BarsInput(x);
  BarSpec spec = Spec(BarMethod::kRenko);
  spec.box_mode = BoxMode::kAtr;
  spec.atr_period = 10;
  const double atr = AverageTrueRange(Contiguous(x), 10);
  ASSERT_GT(atr, 0);
  EXPECT_EQ(BarBoxSize(in, spec), atr);
  const auto got = Aggregate(in, spec);
  ASSERT_FALSE(got.empty());
  for (const BarRow& r : got) EXPECT_NEAR(r.high - r.low, atr, 1e-9 * std::fabs(r.high));
  const Table flat = Ticks({1, 2, 3}, {5, 5, 5}, {});
  EXPECT_TRUE(Aggregate(TickInput(flat), spec).empty());
}

TEST(RenkoBars, AGiantJumpIsCountedInOneStepAndTinyBoxesAreRefused) {
  const Table x = Ticks({}, {0, 1e12}, {});
  BarSpec spec = FixedBox(BarMethod::kRenko, 1);
  uint64_t count = 0;
  ASSERT_TRUE(CountBars(TickInput(x), spec, &count).ok());
  EXPECT_EQ(count, uint64_t{1000000000000});
  spec.box_size = 1e-6;  // 1e18 boxes from zero
  ExpectStatus(TickInput(x), spec, ErrorCode::kInvalidArgument, "too small");
}

TEST(PointFigureBars, SameColumnsAsTheChartsPointAndFigure) {
  ForRandomBars(20, 300, [](const Table& x, const std::vector<Record>&, uint32_t) {
    for (int reversal : {1, 2, 3, 5}) {
      BarSpec spec = FixedBox(BarMethod::kPointFigure, 0.5);
      spec.reversal = reversal;
      const auto got = Aggregate(BarsInput(x), spec);
      HookVector<PointFigureColumn> cols{
          HookAllocator<PointFigureColumn>(AllocatorHooks::Default())};
      PointAndFigure({x.c.data(), x.c.size(), 0}, 0.5, reversal, &cols);
      ASSERT_EQ(got.size(), cols.size());
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].low, cols[i].low_box * 0.5);
        EXPECT_EQ(got[i].high, (cols[i].high_box + 1) * 0.5);
        EXPECT_EQ(got[i].close > got[i].open, cols[i].rising);
      }
    }
  });
}

TEST(PointFigureBars, HandCheckedThreeBoxReversal) {
  // The bars_test case: X 11..13, O 9..12, X 10..12 (box 1).
  const Table x = Ticks({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                        {10, 11, 12, 13, 12, 11, 10, 9, 10, 11, 12.5}, {});
  BarSpec spec = FixedBox(BarMethod::kPointFigure, 1);
  // Columns cover rows 0-3, 4-7, 8-10 (tick volume = rows).
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{0, 11, 14, 11, 14, 4, 3}, {4, 13, 13, 9, 9, 4, 7}, {8, 10, 13, 10, 13, 3, 10}});
}

// ------------------------------------------------------ kagi and line break

TEST(KagiBars, HandCheckedAbsoluteAndPercent) {
  // Reversal 2: 10 -> 13 (up line 10..13, 12 is only 1 back), 11 reverses
  // (down 13..11), 9 extends, 12 reverses (up 9..12).
  const Table x = Ticks({0, 1, 2, 3, 4, 5, 6}, {10, 11, 13, 12, 11, 9, 12}, {});
  const std::vector<BarRow> want = {
      {0, 10, 13, 10, 13, 3, 2}, {3, 13, 13, 9, 9, 3, 5}, {6, 9, 12, 9, 12, 1, 6}};
  BarSpec spec = Spec(BarMethod::kKagi);
  spec.reversal_percent = false;
  spec.reversal_amount = 2;
  ExpectSameRows(Aggregate(TickInput(x), spec), want);
  // 20% of the extreme: 10 -> 13 (30% up starts it), 11 is 15% down: no; 9
  // is 31% down: reverses; 12 is 33% up from 9: reverses.
  spec.reversal_percent = true;
  spec.reversal_amount = 20;
  ExpectSameRows(Aggregate(TickInput(x), spec), want);
  spec.reversal_amount = 35;  // 10 -> 13 is only 30%: no line at all
  EXPECT_TRUE(Aggregate(TickInput(x), spec).empty());
}

TEST(KagiBars, MatchReferenceOnRandomSeries) {
  ForRandomBars(20, 300, [](const Table& x, const std::vector<Record>& recs, uint32_t) {
    for (bool percent : {false, true}) {
      for (double amount : {0.25, 1.0, 2.5}) {
        BarSpec spec = Spec(BarMethod::kKagi);
        spec.reversal_percent = percent;
        spec.reversal_amount = amount;
        ExpectSameLines(Aggregate(StridedInput(recs), spec), reference::Kagi(x.c, amount, percent));
      }
    }
  });
}

TEST(LineBreakBars, HandCheckedThreeLineBreak) {
  // Four rising lines 10->11->12->13->14. 11.5 is not below the lowest point
  // of the last three lines (11); 10.5 is: a falling line from 13 (the last
  // line's bottom) to 10.5. 12 is neither below 10.5 nor above the last
  // three lines' top (14); 15 is: a rising line from 13 (the falling line's
  // top) to 15.
  const Table x = Ticks({0, 1, 2, 3, 4, 5, 6, 7, 8}, {10, 11, 12, 13, 14, 11.5, 10.5, 12, 15}, {});
  BarSpec spec = Spec(BarMethod::kLineBreak);
  ExpectSameRows(Aggregate(TickInput(x), spec),
                 {{0, 10, 11, 10, 11, 2, 1}, {2, 11, 12, 11, 12, 1, 2}, {3, 12, 13, 12, 13, 1, 3},
                  {4, 13, 14, 13, 14, 1, 4}, {5, 13, 13, 10.5, 10.5, 2, 6},
                  {7, 13, 15, 13, 15, 2, 8}});
  // Two-line break: 11.5 already breaks below the last two lines (low 12).
  spec.line_count = 2;
  const auto two = Aggregate(TickInput(x), spec);
  ASSERT_GE(two.size(), 5u);
  EXPECT_EQ(two[4].open, 13);
  EXPECT_EQ(two[4].close, 11.5);
  EXPECT_EQ(two[4].row, 5);
}

TEST(LineBreakBars, MatchReferenceOnRandomSeries) {
  ForRandomBars(20, 300, [](const Table& x, const std::vector<Record>&, uint32_t) {
    for (int n : {1, 2, 3, 4, 10}) {
      BarSpec spec = Spec(BarMethod::kLineBreak);
      spec.line_count = n;
      ExpectSameLines(Aggregate(BarsInput(x), spec),
                      reference::LineBreak(x.c, static_cast<size_t>(n)));
    }
  });
}

// ----------------------------------------------------- every method, common

TEST(Aggregate, VolumeIsConservedByBarsThatCoverEveryRow) {
  const Table x = RandomBars(500, 11);
  double total = 0;
  for (double v : x.v) total += v;
  for (BarMethod m : {BarMethod::kTime, BarMethod::kTick, BarMethod::kVolume, BarMethod::kRange,
                      BarMethod::kHeikinAshi}) {
    BarSpec spec = Spec(m);
    spec.volume_threshold = 17;
    spec.range = 1.5;
    double sum = 0;
    for (const BarRow& r : Aggregate(BarsInput(x), spec)) sum += r.volume;
    EXPECT_EQ(sum, total) << static_cast<int>(m);
  }
}

TEST(Aggregate, EmptyInputGivesNoRowsForEveryMethod) {
  const Table x;
  for (int m = kBarMethodFirst; m <= kBarMethodLast; ++m) {
    BarSpec spec = Spec(static_cast<BarMethod>(m));
    spec.volume_threshold = 1;
    spec.range = 1;
    EXPECT_TRUE(Aggregate(BarsInput(x), spec).empty()) << m;
  }
}

TEST(Aggregate, ColumnsConvenienceMatchesTheWriter) {
  const Table x = RandomBars(100, 5);
  const BarInput in = BarsInput(x);
  BarSpec spec = Spec(BarMethod::kTick);
  spec.tick_count = 7;
  OhlcvColumns cols(AllocatorHooks::Default());
  BarWorkspace ws(AllocatorHooks::Default());
  ASSERT_TRUE(AggregateBars(in, spec, &ws, &cols).ok());
  const auto rows = Aggregate(in, spec);
  ASSERT_EQ(cols.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(cols.time[i], rows[i].time);
    EXPECT_EQ(cols.high[i], rows[i].high);
    EXPECT_EQ(cols.volume[i], rows[i].volume);
  }
}

TEST(Aggregate, WriterStoresOnlyWhatFitsAndCountsEverything) {
  const Table x = RandomBars(100, 5);
  const BarInput in = BarsInput(x);
  BarSpec spec = Spec(BarMethod::kTick);
  spec.tick_count = 10;
  std::vector<double> close(4, -1.0);
  close.push_back(12345);  // a guard element past the capacity
  BarArrays a;
  a.close = close.data();
  a.capacity = 4;
  BarWriter w(a);
  BarWorkspace ws(AllocatorHooks::Default());
  ASSERT_TRUE(AggregateBars(in, spec, &ws, &w).ok());
  EXPECT_EQ(w.count(), 10u);
  EXPECT_FALSE(w.fits());
  EXPECT_EQ(close[4], 12345);
  EXPECT_EQ(close[3], x.c[39]);
}

// ------------------------------------------------------------ bad input

TEST(Aggregate, EveryBadSpecIsNamed) {
  const Table x = RandomBars(10, 1);
  // A method's defaults with one field spoiled (or none, where the default
  // must be set).
  const struct {
    BarMethod method;
    void (*spoil)(BarSpec*);
    const char* word;
  } kBad[] = {
      {static_cast<BarMethod>(0), [](BarSpec*) {}, "method"},
      {BarMethod::kTime, [](BarSpec* s) { s->interval = 0; }, "interval"},
      {BarMethod::kTime, [](BarSpec* s) { s->interval = -60; }, "interval"},
      {BarMethod::kTime, [](BarSpec* s) { s->empty = static_cast<EmptyBars>(7); }, "empty"},
      {BarMethod::kTick, [](BarSpec* s) { s->tick_count = 0; }, "tick_count"},
      {BarMethod::kVolume, [](BarSpec*) {}, "volume_threshold"},  // the default 0
      {BarMethod::kVolume, [](BarSpec* s) { s->volume_threshold = std::nan(""); },
       "volume_threshold"},
      {BarMethod::kRange, [](BarSpec* s) { s->range = -1; }, "range"},
      {BarMethod::kRenko, [](BarSpec* s) { s->box_mode = BoxMode::kFixed; }, "box_size"},
      {BarMethod::kRenko,
       [](BarSpec* s) {
         s->box_mode = BoxMode::kFixed;
         s->box_size = INFINITY;
       },
       "box_size"},
      {BarMethod::kRenko,
       [](BarSpec* s) {
         s->box_size = INFINITY;
         s->box_mode = static_cast<BoxMode>(3);
       },
       "box mode"},
      {BarMethod::kPointFigure, [](BarSpec* s) { s->atr_period = 0; }, "atr_period"},
      {BarMethod::kPointFigure, [](BarSpec* s) { s->reversal = 0; }, "reversal"},
      {BarMethod::kKagi, [](BarSpec* s) { s->reversal_amount = 0; }, "reversal_amount"},
      {BarMethod::kKagi, [](BarSpec* s) { s->reversal_amount = 100; }, "reversal_amount"},
      {BarMethod::kLineBreak, [](BarSpec* s) { s->line_count = 0; }, "line_count"},
      {BarMethod::kLineBreak, [](BarSpec* s) { s->line_count = kMaxLineCount + 1; },
       "line_count"},
  };
  for (const auto& k : kBad) {
    BarSpec spec = Spec(k.method);
    k.spoil(&spec);
    ExpectStatus(BarsInput(x), spec, ErrorCode::kInvalidArgument, k.word);
  }
}

TEST(Aggregate, EveryBadRowIsNamed) {
  // One column of good bars spoiled, under `method` (volume threshold 1).
  const Table good = RandomBars(5, 2);
  const struct {
    void (*spoil)(Table*);
    BarMethod method;
    ErrorCode code;
    const char* word;
  } kBadBars[] = {
      {[](Table* t) { t->h[3] = t->l[3] - 1; }, BarMethod::kTick, ErrorCode::kInconsistentOhlc,
       "row 3"},
      {[](Table* t) { t->o[2] = t->h[2] + 1; }, BarMethod::kTick, ErrorCode::kInconsistentOhlc,
       "row 2"},
      {[](Table* t) { t->c[4] = NAN; }, BarMethod::kTick, ErrorCode::kNonFinite, "row 4"},
      {[](Table* t) { t->v[1] = -1; }, BarMethod::kTick, ErrorCode::kNegativeVolume, "volume[1]"},
      {[](Table* t) { t->v[1] = INFINITY; }, BarMethod::kTick, ErrorCode::kNonFinite, "volume[1]"},
      {[](Table* t) { t->t[3] = t->t[2] - 1; }, BarMethod::kTime, ErrorCode::kInvalidArgument,
       "time[3]"},
      // Equal times are fine for time bars; decreasing ones are fine elsewhere.
      {[](Table* t) { t->t[3] = t->t[2]; }, BarMethod::kTime, ErrorCode::kOk, ""},
      {[](Table* t) { t->t[3] = t->t[2] - 1; }, BarMethod::kTick, ErrorCode::kOk, ""},
      {[](Table* t) { t->t.clear(); }, BarMethod::kTime, ErrorCode::kNullArgument,
       "time column is required"},
      {[](Table* t) { t->v.clear(); }, BarMethod::kVolume, ErrorCode::kNullArgument,
       "volume column is required"},
      {[](Table* t) { t->h.pop_back(); }, BarMethod::kTick, ErrorCode::kLengthMismatch, "high"},
  };
  for (const auto& k : kBadBars) {
    Table t = good;
    k.spoil(&t);
    BarSpec spec = Spec(k.method);
    spec.volume_threshold = 1;
    ExpectStatus(BarsInput(t), spec, k.code, k.word);
  }
  const struct {
    Table ticks;
    BarMethod method;
    ErrorCode code;
    const char* word;
  } kBadTicks[] = {
      {Ticks({1, 2}, {1, INFINITY}, {}), BarMethod::kTick, ErrorCode::kNonFinite, "price[1]"},
      {Ticks({1, 2}, {1, 2}, {1, -2}), BarMethod::kTick, ErrorCode::kNegativeVolume, "size[1]"},
      {Ticks({1, 2}, {1, 2}, {}), BarMethod::kHeikinAshi, ErrorCode::kInvalidArgument,
       "Heikin-Ashi"},
      {Ticks({1, 2}, {1, -2}, {}), BarMethod::kKagi, ErrorCode::kInvalidArgument, "price[1]"},
  };
  for (const auto& k : kBadTicks) {
    BarSpec spec = Spec(k.method);
    spec.volume_threshold = 1;
    ExpectStatus(TickInput(k.ticks), spec, k.code, k.word);
  }
}

}  // namespace
}  // namespace candlewick
