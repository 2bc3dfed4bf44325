// The stroke-coverage kernel on every compiled Highway target (scalar and
// EMU128 included) against the scalar reference, byte for byte: segments of
// every slope and length, widths, row lengths around the vector width,
// rows that start anywhere.
#include <cstdint>
#include <vector>

#include "cc/canvas/coverage.h"
#include "cc/canvas/coverage_reference.h"
#include "cc/canvas/fill.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace {

// Each test runs once per compiled target, forced (Highway's adapter; it
// also checks that the test went through dynamic dispatch).
using CoverageOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(CoverageOnEveryTarget);

TEST_P(CoverageOnEveryTarget, MatchesTheReferenceByteForByte) {
  ASSERT_STREQ(FillTargetName(), hwy::TargetName(GetParam()));
  uint32_t state = 12345;
  auto next = [&]() {  // xorshift, the same stream on every platform
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  auto coordinate = [&](int range) {
    return static_cast<float>(static_cast<int>(next() % (range * 64))) / 64.0f;
  };
  size_t marked = 0;
  for (int i = 0; i < 4000; ++i) {
    StrokeSegment s;
    s.x0 = coordinate(100);
    s.y0 = coordinate(100);
    const float x1 = i % 7 == 0 ? s.x0 : coordinate(100);  // vertical, a dot, ...
    const float y1 = i % 11 == 0 ? s.y0 : coordinate(100);
    s.dx = x1 - s.x0;
    s.dy = y1 - s.y0;
    s.len2 = s.dx * s.dx + s.dy * s.dy;
    s.hw = 0.25f + static_cast<float>(next() % 16) * 0.25f;
    const int32_t first = static_cast<int32_t>(next() % 120);
    const int32_t last = first + static_cast<int32_t>(next() % 70);
    const float yc = static_cast<float>(next() % 110) + 0.5f;
    std::vector<uint8_t> got(200), want(200);
    for (size_t k = 0; k < got.size(); ++k) got[k] = want[k] = static_cast<uint8_t>(next() % 3 * 60);
    SegmentRowCoverage(got.data(), first, last, yc, s);
    SegmentRowCoverageReference(want.data(), first, last, yc, s);
    ASSERT_EQ(got, want) << "segment " << i << " (" << s.x0 << "," << s.y0 << ")+(" << s.dx << ","
                         << s.dy << ") hw " << s.hw << " row " << yc << " x " << first << ".."
                         << last;
    for (int32_t x = first; x <= last; ++x) marked += PixelCoverageReference(x, yc, s) > 0;
  }
  EXPECT_GT(marked, 1000u) << "the segments must actually cover pixels";
}

}  // namespace
}  // namespace candlewick
