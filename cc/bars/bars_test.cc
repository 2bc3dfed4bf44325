#include "cc/bars/bars.h"

#include <cmath>
#include <limits>
#include <vector>

#include "cc/base/status.h"

#include "gtest/gtest.h"

namespace candlewick {
namespace {

struct Table {
  std::vector<double> o, h, l, c, v;
  OhlcvView View() const {
    OhlcvView s;
    s.open = {o.data(), o.size(), 0};
    s.high = {h.data(), h.size(), 0};
    s.low = {l.data(), l.size(), 0};
    s.close = {c.data(), c.size(), 0};
    s.volume = {v.data(), v.size(), 0};
    return s;
  }
};

TEST(HeikinAshi, MatchesTheDefinitionByHand) {
  Table t{{10, 11}, {12, 13}, {9, 10}, {11, 12}, {1, 2}};
  OhlcvColumns out(AllocatorHooks::Default());
  HeikinAshi(t.View(), &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_DOUBLE_EQ(out.close[0], (10 + 12 + 9 + 11) / 4.0);
  EXPECT_DOUBLE_EQ(out.open[0], (10 + 11) / 2.0);
  EXPECT_DOUBLE_EQ(out.open[1], (out.open[0] + out.close[0]) / 2);
  EXPECT_DOUBLE_EQ(out.close[1], (11 + 13 + 10 + 12) / 4.0);
  EXPECT_DOUBLE_EQ(out.high[1], 13);
  EXPECT_DOUBLE_EQ(out.low[1], 10);
  EXPECT_EQ(out.volume[1], 2);
}

TEST(AggregateToColumns, KeepsExtremesFirstOpenLastCloseAndVolumeSum) {
  Table t;
  for (int i = 0; i < 10; ++i) {
    t.o.push_back(i);
    t.c.push_back(i + 0.5);
    t.h.push_back(i + (i == 3 ? 100 : 1));
    t.l.push_back(i - (i == 6 ? 50 : 1));
    t.v.push_back(1);
  }
  OhlcvColumns out(AllocatorHooks::Default());
  AggregateToColumns(t.View(), 3, &out);
  ASSERT_EQ(out.size(), 3u);
  // Rows 0-2, 3-5, 6-9.
  EXPECT_EQ(out.open[0], 0);
  EXPECT_EQ(out.close[0], 2.5);
  EXPECT_EQ(out.high[1], 103);
  EXPECT_EQ(out.low[2], -44);
  EXPECT_EQ(out.open[2], 6);
  EXPECT_EQ(out.close[2], 9.5);
  EXPECT_EQ(out.volume[0] + out.volume[1] + out.volume[2], 10);
  // More columns than rows: one row each.
  AggregateToColumns(t.View(), 50, &out);
  EXPECT_EQ(out.size(), 10u);
}

TEST(AverageTrueRange, WilderSmoothingAndFlatSeries) {
  Table flat{{5, 5, 5}, {5, 5, 5}, {5, 5, 5}, {5, 5, 5}, {}};
  EXPECT_EQ(AverageTrueRange(flat.View(), 14), 0);
  // 30 bars opening and closing at 100, each spanning 98..102.
  const std::vector<double> at100(30, 100);
  const Table t{at100, std::vector<double>(30, 102), std::vector<double>(30, 98), at100, {}};
  EXPECT_DOUBLE_EQ(AverageTrueRange(t.View(), 14), 4);
}

std::vector<double> Closes(std::initializer_list<double> c) { return c; }

TEST(Renko, ContinuationAndTwoBoxReversal) {
  const auto c = Closes({100, 101, 102.5, 104, 103, 101.9, 100, 99});
  HookVector<RenkoBrick> bricks{HookAllocator<RenkoBrick>(AllocatorHooks::Default())};
  Renko({c.data(), c.size(), 0}, 1.0, &bricks);
  // Up to 104: bricks 100-101, 101-102, 102-103, 103-104. 103 is only one box
  // back; 101.9 is two boxes below the top, so the first falling brick spans
  // 102-103, hanging below the last rising brick.
  ASSERT_GE(bricks.size(), 4u);
  EXPECT_TRUE(bricks[0].up);
  EXPECT_DOUBLE_EQ(bricks[0].low, 100);
  EXPECT_DOUBLE_EQ(bricks[3].high, 104);
  ASSERT_EQ(bricks.size(), 4u + 4u);  // 102-103, 101-102, 100-101, 99-100
  EXPECT_FALSE(bricks[4].up);
  EXPECT_DOUBLE_EQ(bricks[4].high, 103);
  EXPECT_DOUBLE_EQ(bricks[4].low, 102);
  EXPECT_EQ(bricks[4].source_row, 5u);
  EXPECT_DOUBLE_EQ(bricks[7].low, 99);
  // A move of one box against the trend is not a reversal.
  const auto c2 = Closes({100, 102, 101.2});
  Renko({c2.data(), c2.size(), 0}, 1.0, &bricks);
  EXPECT_EQ(bricks.size(), 2u);
}

TEST(PointAndFigure, ThreeBoxReversal) {
  const auto c = Closes({10, 11, 12, 13, 12, 11, 10, 9, 10, 11, 12.5});
  HookVector<PointFigureColumn> cols{HookAllocator<PointFigureColumn>(AllocatorHooks::Default())};
  PointAndFigure({c.data(), c.size(), 0}, 1.0, 3, &cols);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_TRUE(cols[0].rising);
  EXPECT_EQ(cols[0].low_box, 11);
  EXPECT_EQ(cols[0].high_box, 13);
  EXPECT_FALSE(cols[1].rising);  // 13 -> 10 is three boxes
  EXPECT_EQ(cols[1].high_box, 12);
  EXPECT_EQ(cols[1].low_box, 9);
  EXPECT_TRUE(cols[2].rising);   // 9 -> 12 is three boxes
  EXPECT_EQ(cols[2].low_box, 10);
  EXPECT_EQ(cols[2].high_box, 12);
}

// Prices near the largest double: (o+h+l+c)/4 and (o+c)/2 overflowed to
// infinity. The means are exact scalings of the same candles at 2^-22.
TEST(HeikinAshi, PricesNearTheLargestDoubleDoNotOverflow) {
  const double big = 0x1p1023, small = 0x1p1001;
  Table t{{1.5, 1.9}, {1.9, 1.95}, {1.2, 1.8}, {1.8, 1.85}, {1, 1}};
  Table huge = t, scaled = t;
  for (auto* col : {&huge.o, &huge.h, &huge.l, &huge.c}) for (double& x : *col) x *= big;
  for (auto* col : {&scaled.o, &scaled.h, &scaled.l, &scaled.c}) for (double& x : *col) x *= small;
  OhlcvColumns a(AllocatorHooks::Default()), b(AllocatorHooks::Default());
  HeikinAshi(huge.View(), &a);
  HeikinAshi(scaled.View(), &b);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(std::isfinite(a.close[i]) && std::isfinite(a.open[i]));
    EXPECT_EQ(a.close[i], b.close[i] * (big / small));
    EXPECT_EQ(a.open[i], b.open[i] * (big / small));
  }
}

TEST(AggregateToColumns, VolumeSumsSaturateAtTheLargestDouble) {
  Table t{{1, 1, 1}, {2, 2, 2}, {0, 0, 0}, {1, 1, 1}, {1e308, 1e308, 1e308}};
  OhlcvColumns out(AllocatorHooks::Default());
  AggregateToColumns(t.View(), 1, &out);
  EXPECT_EQ(out.volume[0], std::numeric_limits<double>::max());
}

// Renko and P&F at the ends of the double range: brick edges and box
// indices finite and exact where the plain differences overflow.
TEST(Renko, PricesSpanningMoreThanTheLargestDouble) {
  const double m = 0x1p1023;
  const auto c = Closes({-1.5 * m, 1.5 * m, -1.5 * m});
  HookVector<RenkoBrick> bricks{HookAllocator<RenkoBrick>(AllocatorHooks::Default())};
  Renko({c.data(), c.size(), 0}, 0.5 * m, &bricks);
  // Up six boxes; back down, the reversal brick hangs below the top one:
  // five falling bricks to the start.
  ASSERT_EQ(bricks.size(), 6u + 5u);
  for (const RenkoBrick& b : bricks) {
    EXPECT_TRUE(std::isfinite(b.low) && std::isfinite(b.high));
    EXPECT_EQ(b.high - b.low, 0.5 * m);
  }
  EXPECT_EQ(bricks[0].low, -1.5 * m);
  EXPECT_EQ(bricks[5].high, 1.5 * m);
  EXPECT_EQ(bricks[10].low, -1.5 * m);
}

// n bars of a sine around 100 (amplitude 10, i / period radians), open =
// close = the sine, high and low `half_range` either side; no volume.
Table SineBars(int n, double period, double half_range) {
  Table t;
  for (int i = 0; i < n; ++i) {
    const double p = 100 + 10 * std::sin(i / period);
    t.o.push_back(p);
    t.h.push_back(p + half_range);
    t.l.push_back(p - half_range);
    t.c.push_back(p);
  }
  return t;
}

TEST(ChartBoxSize, FixedBoxesBeyondTheBoundsAreRefusedWithTheLimitNamed) {
  const Table t = SineBars(200, 5.0, 1);
  for (bool renko : {true, false}) {
    absl::StatusOr<double> box = ChartBoxSize(t.View(), renko, 1e-6, 3, 100000);
    ASSERT_FALSE(box.ok());
    EXPECT_EQ(CodeOf(box.status()), ErrorCode::kInvalidArgument);
    EXPECT_NE(box.status().message().find("more than 100000"), absl::string_view::npos)
        << box.status();
    box = ChartBoxSize(t.View(), renko, 1e-300, 3, 100000);
    ASSERT_FALSE(box.ok());
    EXPECT_NE(box.status().message().find("2^52"), absl::string_view::npos) << box.status();
    // A box that fits is kept as given.
    box = ChartBoxSize(t.View(), renko, 0.5, 3, 100000);
    ASSERT_TRUE(box.ok()) << box.status();
    EXPECT_EQ(*box, 0.5);
  }
}

TEST(ChartBoxSize, TheAutomaticBoxIsAtrOrRaisedToTheLimit) {
  const Table t = SineBars(3000, 3.0, 0.5);
  // ATR(14) when it fits.
  absl::StatusOr<double> box = ChartBoxSize(t.View(), true, 0, 3, 100000);
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(*box, AverageTrueRange(t.View(), 14));
  // Raised when it does not: the bricks then fit, and half the box would not.
  for (bool renko : {true, false}) {
    for (uint64_t limit : {uint64_t{50}, uint64_t{1000}}) {
      box = ChartBoxSize(t.View(), renko, 0, 3, limit);
      ASSERT_TRUE(box.ok()) << box.status();
      EXPECT_GT(*box, AverageTrueRange(t.View(), 14));
      uint64_t made = 0;
      if (renko) {
        HookVector<RenkoBrick> bricks{HookAllocator<RenkoBrick>(AllocatorHooks::Default())};
        Renko(t.View().close, *box, &bricks);
        made = bricks.size();
      } else {
        HookVector<PointFigureColumn> cols{
            HookAllocator<PointFigureColumn>(AllocatorHooks::Default())};
        PointAndFigure(t.View().close, *box, 3, &cols);
        for (const PointFigureColumn& c : cols) made += c.high_box - c.low_box + 1;
      }
      EXPECT_LE(made, limit);
      if (limit == 1000) {
        EXPECT_GT(made, 0u);  // (50 leaves a box above the range)
      }
      EXPECT_FALSE(ChartBoxSize(t.View(), renko, *box / 2, 3, limit).ok());
    }
  }
}

}  // namespace
}  // namespace candlewick
