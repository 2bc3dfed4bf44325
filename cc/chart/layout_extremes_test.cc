// NiceTickStep at the ends of the double range: ranges wider than the
// largest double, denormal ranges and ranges of a few ulps all give a
// finite positive step that advances, a finite first tick and a bounded
// tick count (they gave undefined integer conversions and endless loops).
#include <algorithm>
#include <cmath>
#include <limits>

#include "cc/chart/layout.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

TEST(NiceTickStep, OrdinaryRanges) {
  double first = 0;
  int decimals = -1;
  EXPECT_DOUBLE_EQ(NiceTickStep(92.3, 117.8, 5, &first, &decimals), 5);
  EXPECT_DOUBLE_EQ(first, 95);
  EXPECT_EQ(decimals, 0);
  EXPECT_DOUBLE_EQ(NiceTickStep(0.1, 0.35, 10, &first, &decimals), 0.025);
  EXPECT_EQ(decimals, 3);
}

TEST(NiceTickStep, ExtremeRangesGiveStepsThatAdvance) {
  const double kMax = std::numeric_limits<double>::max();
  const struct {
    double lo, hi;
  } ranges[] = {
      {-kMax, kMax},           // the span overflows
      {-1.7e308, 1.7e308},
      {kMax, kMax},            // flat at the top
      {1e-320, 2e-320},        // denormal
      {0, 5e-324},             // one denormal ulp
      {-5e-324, 5e-324},
      {1e15, 1e15 + 0.125},    // one ulp at 1e15
      {1e300, std::nextafter(1e300, 2e300)},
      {-1e-310, 1e308},
  };
  for (const auto& r : ranges) {
    for (int target : {1, 5, 585}) {
      SCOPED_TRACE(testing::Message() << r.lo << " .. " << r.hi << " target " << target);
      double first = NAN;
      int decimals = -1;
      const double step = NiceTickStep(r.lo, r.hi, target, &first, &decimals);
      ASSERT_TRUE(std::isfinite(step));
      ASSERT_GT(step, 0);
      ASSERT_TRUE(std::isfinite(first));
      EXPECT_GE(decimals, 0);
      EXPECT_LE(decimals, 10);
      // The ticks from `first` up to hi advance and are few.
      int ticks = 0;
      for (double v = first; v <= r.hi && ticks < 100000; v += step, ++ticks) {
        ASSERT_GT(v + step, v);
      }
      EXPECT_LE(ticks, std::max(3 * target + 3, 20));  // (steps stop at 1.8e307)
    }
  }
}

}  // namespace
}  // namespace candlewick
