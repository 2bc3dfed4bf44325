#include "cc/bars/bars.h"

#include <cmath>
#include <vector>

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
  Table t;
  for (int i = 0; i < 30; ++i) {
    t.o.push_back(100);
    t.c.push_back(100);
    t.h.push_back(102);
    t.l.push_back(98);
  }
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

}  // namespace
}  // namespace candlewick
