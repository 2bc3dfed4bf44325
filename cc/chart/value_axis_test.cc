// Value-axis formatting, box ticks and label placement.
#include "cc/chart/value_axis.h"

#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace candlewick {
namespace {

std::string Abbrev(double v, double step) { return std::string(FormatAbbreviated(v, step).view()); }

TEST(ValueAxis, AbbreviatesLikeTradersWrite) {
  EXPECT_EQ(Abbrev(350000, 0), "350K");
  EXPECT_EQ(Abbrev(1234567, 0), "1.23M");
  EXPECT_EQ(Abbrev(1200000, 0), "1.2M");
  EXPECT_EQ(Abbrev(3.4e9, 0), "3.4B");
  EXPECT_EQ(Abbrev(5.67e12, 0), "5.67T");
  EXPECT_EQ(Abbrev(-2500000, 0), "-2.5M");
  EXPECT_EQ(Abbrev(999960, 0), "1M");  // not "1000K"
  EXPECT_EQ(Abbrev(950, 0), "950");
  // On an axis the step sets the digits: 500K, 1M, 1.5M.
  EXPECT_EQ(Abbrev(500000, 500000), "500K");
  EXPECT_EQ(Abbrev(1000000, 500000), "1M");
  EXPECT_EQ(Abbrev(1500000, 500000), "1.5M");
  EXPECT_EQ(Abbrev(1250000, 250000), "1.25M");
  EXPECT_EQ(Abbrev(2000, 1000), "2K");
  EXPECT_EQ(Abbrev(250, 50), "250");
}

TEST(ValueAxis, FixedAndLoneValues) {
  EXPECT_EQ(FormatFixed(-0.001, 2).view(), "0.00");
  EXPECT_EQ(FormatFixed(102.346, 2).view(), "102.35");
  EXPECT_EQ(FormatValue(61.2345, 2).view(), "61.23");
  EXPECT_EQ(FormatValue(12345678, 2).view(), "12.3M");
  EXPECT_EQ(FormatValue(NAN, 2).view(), "n/a");
  EXPECT_EQ(DataDecimals(102.35), 2);
  EXPECT_EQ(DataDecimals(66688.98), 2);
  EXPECT_EQ(DataDecimals(50), 0);
}

// Tiny steps and lone fractions: crypto volumes of 0.0042 BTC read "0.00"
// and ticks 5e-9 apart "0.00000001" (DataDecimals stops at 8).
TEST(ValueAxis, SmallValuesKeepTheirDigits) {
  EXPECT_EQ(StepDecimals(0.25), 1);
  EXPECT_EQ(StepDecimals(3.05), 0);
  EXPECT_EQ(StepDecimals(0.01), 2);
  EXPECT_EQ(StepDecimals(4e-9), 9);
  EXPECT_EQ(StepDecimals(1e-12), 10);
  EXPECT_EQ(Abbrev(5e-9, 5e-9), "0.000000005");
  EXPECT_EQ(Abbrev(1.5e-8, 5e-9), "0.000000015");
  EXPECT_EQ(Abbrev(2e-11, 1e-11), "2e-11");
  EXPECT_EQ(Abbrev(0.0042, 0), "0.00420");
  EXPECT_EQ(Abbrev(12.5, 0), "12.50");
  EXPECT_EQ(Abbrev(0.5, 0), "0.500");
  EXPECT_EQ(Abbrev(3e-12, 0), "3e-12");
}

TEST(ValueAxis, BoxTicksAreWholeBoxesFromTheOrigin) {
  double first = 0;
  const double step = BoxTickStep(2.36, 100.0, 72.5, 105.2, 15, &first);
  EXPECT_DOUBLE_EQ(step, 2.36);
  const double boxes = (first - 100.0) / 2.36;
  EXPECT_NEAR(boxes, std::round(boxes), 1e-9);
  EXPECT_GE(first, 72.5);
  EXPECT_LT(first - 2.36, 72.5);
  // A wide range: a multiple of the box (1, 2, 5, 10, ...).
  const double wide = BoxTickStep(0.5, 0, 0, 1000, 10, &first);
  EXPECT_DOUBLE_EQ(wide, 100);
  EXPECT_EQ(first, 0);
}

class FixedText : public TextMeasure {
 public:
  int Width(absl::string_view s, int) const override { return static_cast<int>(s.size()) * 6; }
  int Ascent(int) const override { return 9; }
  int Descent(int) const override { return 3; }
};

TEST(ValueAxis, LevelsFirstNoOverlapNoEdgeNoMarker) {
  ValueAxisLayout layout(AllocatorHooks::Default());
  layout.Clear();
  const FixedText text;
  // Rows 100..199 for values 0..100 (top = 100).
  auto row_of = [](double v) { return static_cast<int32_t>(std::lround(199 - v * 0.99)); };
  const double levels[] = {30, 70, 31};
  ValueAxisRequest r;
  r.top = 100;
  r.bottom = 200;
  r.hi = 100;
  r.step = 10;
  r.first = 0;
  r.levels = levels;
  r.skip_row = row_of(50);
  r.skip_half = 8;
  layout.Compute(2, r, row_of, text, 11);
  const auto ticks = layout.ticks(2);
  bool level30 = false, level31 = false;
  for (const ValueTick& t : ticks) {
    if (t.level && t.value == 30) level30 = t.labelled;
    if (t.level && t.value == 31) level31 = t.labelled;
    if (!t.labelled) continue;
    EXPECT_GE(t.label_row - 7, 100) << t.value;
    EXPECT_LE(t.label_row + 7, 200) << t.value;
    EXPECT_GT(std::abs(t.label_row - row_of(50)), 16) << "under the marker: " << t.value;
    if (!t.level && t.value == 30) ADD_FAILURE() << "30 labelled twice";
  }
  EXPECT_TRUE(level30);
  EXPECT_FALSE(level31) << "31 overlaps 30";
  for (size_t i = 0; i < ticks.size(); ++i) {
    for (size_t k = i + 1; k < ticks.size(); ++k) {
      if (ticks[i].labelled && ticks[k].labelled) {
        EXPECT_GE(std::abs(ticks[i].label_row - ticks[k].label_row), 15);
      }
    }
  }
  EXPECT_GT(layout.widest(), 0);
  // A step far smaller than the range makes at most one tick per row.
  ValueAxisRequest tiny = r;
  tiny.levels = {};
  tiny.step = 1e-12;
  layout.Compute(3, tiny, row_of, text, 11);
  EXPECT_LE(layout.ticks(3).size(), 101u);
}

}  // namespace
}  // namespace candlewick
