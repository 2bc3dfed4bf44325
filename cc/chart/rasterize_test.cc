// Rasterize's fast paths (background template with full-height lines,
// bottom-aligned bars copied down as a template, one kernel call for the
// rest) must give exactly what drawing every rectangle in order gives.
#include "cc/chart/rasterize.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "cc/canvas/fill_reference.h"
#include "cc/chart/theme.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

// Draws `list` the slow, obvious way: background, then each rectangle.
std::vector<uint8_t> Reference(const DisplayList& list, int32_t w, int32_t h) {
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4);
  const Palette& pal = list.palette();
  FillSpan32Reference(px.data(), static_cast<size_t>(w) * h, RgbaPattern(pal[0]));
  for (const DrawOp& op : list.ops()) {
    const int32_t x0 = std::max(0, static_cast<int32_t>(op.x0));
    const int32_t y0 = std::max(0, static_cast<int32_t>(op.y0));
    const int32_t x1 = std::min(w, static_cast<int32_t>(op.x1));
    const int32_t y1 = std::min(h, static_cast<int32_t>(op.y1));
    if (x0 >= x1 || y0 >= y1) continue;
    FillRect32Reference(px.data() + (static_cast<size_t>(y0) * w + x0) * 4,
                        static_cast<size_t>(w) * 4, x1 - x0, y1 - y0, RgbaPattern(pal[op.color]));
  }
  return px;
}

std::vector<uint8_t> Fast(const DisplayList& list, int32_t w, int32_t h) {
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4, 0xEE);
  RasterScratch scratch(AllocatorHooks::Default());
  Rasterize(list, Frame{px.data(), w, h, static_cast<size_t>(w) * 4, 4}, false, nullptr,
            &scratch);
  return px;
}

struct Lcg {
  uint32_t state = 7;
  int32_t operator()(int32_t mod) {
    state = state * 1664525u + 1013904223u;
    return static_cast<int32_t>((state >> 8) % static_cast<uint32_t>(mod));
  }
};

// A chart-like list: full-height lines, horizontal lines, candles, then
// bottom-aligned bars; `twist` adds the cases that must fall back.
DisplayList ChartLike(int32_t w, int32_t h, int twist, uint32_t seed) {
  DisplayList list(AllocatorHooks::Default());
  list.Clear(0x101010FF);
  const ColorIndex grid = list.palette().Intern(0x333333FF);
  const ColorIndex up = list.palette().Intern(0x00FF00FF);
  const ColorIndex down = list.palette().Intern(0xFF0000FF);
  Lcg next{seed};
  for (int32_t x = 5; x < w; x += 37) list.Rect(x, 0, x + 1, h, grid);
  for (int32_t y = 9; y < h * 2 / 3; y += 23) list.Rect(0, y, w, y + 1, grid);
  const int32_t bottom = twist == 3 ? h - 4 : h;  // bars not on the last row
  for (int32_t x = 2; x + 4 < w; x += 7) {
    // Candles above the bars' region, as in a chart's price panel.
    const int32_t top = next(h / 3), len = 1 + next(40);
    list.Rect(x + 2, top, x + 3, top + len, next(2) ? up : down);
    list.Rect(x, top + 3, x + 5, top + 3 + len / 2, next(2) ? up : down);
  }
  for (int32_t x = 2; x + 4 < w; x += 7) {
    const int32_t width = twist == 1 ? 9 : 5;  // twist 1: bars overlap
    list.Rect(x, h - 1 - next(h / 3), x + width, bottom, next(2) ? up : down);
  }
  if (twist == 2) list.Rect(10, h - 20, 60, h - 10, grid);  // a later rect over the bars
  if (twist == 4) list.Rect(30, h - 30, 50, h - 1, grid);   // ...and one that ends above them
  return list;
}

TEST(Rasterize, FastPathsMatchDrawingEveryRectangleInOrder) {
  for (int twist = 0; twist <= 4; ++twist) {
    for (uint32_t seed = 1; seed <= 5; ++seed) {
      const int32_t w = 203 + static_cast<int32_t>(seed), h = 157;
      const DisplayList list = ChartLike(w, h, twist, seed);
      ASSERT_EQ(Fast(list, w, h), Reference(list, w, h)) << "twist " << twist << " seed " << seed;
    }
  }
}

// Strokes whose far end lies far outside the frame (a value far beyond a
// fixed panel scale) draw exactly the visible part: the same pixels as the
// stroke cut short just outside the frame. (Unclipped, float arithmetic at
// 1e7..1e30 pixels scattered coverage; the integer conversions of huge or
// infinite coordinates were undefined.)
TEST(Rasterize, StrokesReachingFarOutsideTheFrameDrawTheirVisiblePart) {
  const int32_t w = 120, h = 90;
  struct Case {
    float x0, y0, x1, y1;  // far end at (x1, y1)
    float nx, ny;          // the same direction, ending just outside
  };
  const Case cases[] = {
      {40, 30, 40, 1e7f, 40, 200},          // straight down
      {10, 45, 1e9f, 45, 300, 45},          // straight right
      {0, 0, 1e7f, 1e7f, 200, 200},         // the diagonal
      {60, 80, 60, -1e30f, 60, -100},       // up, at float's range
      {60, 80, -3e38f, 80, -100, 80},       // left, at float's limit
      {-1e30f, -1e30f, -2e30f, -2e30f, -1e30f, -1e30f},  // entirely outside: a dot there
      {-1e30f, 20, -300, 20, -1e30f, 20},    // ends short of the frame: a dot far left
  };
  for (float width : {1.0f, 1.5f, 7.0f}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(testing::Message() << "width " << width << " to " << c.x1 << "," << c.y1);
      auto draw = [&](float x1, float y1) {
        DisplayList list(AllocatorHooks::Default());
        list.Clear(0x000000FF);
        const float xy[] = {c.x0, c.y0, x1, y1};
        list.Polyline(xy, 2, width, list.palette().Intern(0xFFFFFFFF));
        list.Line(c.x0, c.y0, x1, y1, width, list.palette().Intern(0x00FF00FF));
        std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4, 0);
        RasterScratch scratch(AllocatorHooks::Default());
        Rasterize(list, Frame{px.data(), w, h, static_cast<size_t>(w) * 4, 4}, false, nullptr,
                  &scratch);
        return px;
      };
      EXPECT_EQ(draw(c.x1, c.y1), draw(c.nx, c.ny));
    }
  }
}

// Column fills (areas, bands) with ends far outside the frame, or columns
// left of it: defined conversions, the visible part filled.
TEST(Rasterize, ColumnsWithExtremeEndsAreClipped) {
  const int32_t w = 40, h = 30;
  for (bool aa : {false, true}) {
    DisplayList list(AllocatorHooks::Default());
    list.Clear(0x000000FF);
    const float top[] = {-1e30f, 5, -3e38f, 10};
    const float bottom[] = {1e30f, 3e38f, 20, 12.5f};
    list.Columns(-2, top, bottom, 4, list.palette().Intern(0xFFFFFFFF));
    list.Columns(38, top, bottom, 4, list.palette().Intern(0xFFFFFFFF));
    std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4, 0);
    RasterScratch scratch(AllocatorHooks::Default());
    Rasterize(list, Frame{px.data(), w, h, static_cast<size_t>(w) * 4, 4}, aa, nullptr, &scratch);
    auto white = [&](int32_t x, int32_t y) { return px[(static_cast<size_t>(y) * w + x) * 4] == 0xFF; };
    // Column x=0 is the third (top -3e38, bottom 20), x=1 the fourth.
    EXPECT_TRUE(white(0, 0));
    EXPECT_TRUE(white(0, 19));
    EXPECT_FALSE(white(0, 20));
    EXPECT_TRUE(white(1, 11));
    // Columns 38 and 39 are the first two (the whole height, and from row 5).
    EXPECT_TRUE(white(38, 0));
    EXPECT_TRUE(white(38, h - 1));
    EXPECT_FALSE(white(39, 4));
    EXPECT_TRUE(white(39, h - 1));
  }
}

// KeepRunExtremes keeps a vertical run's first, lowest, highest and last
// points in order, leaves runs of four or fewer and NaN breaks alone.
TEST(KeepRunExtremes, KeepsEachVerticalRunsEndsAndExtremes) {
  const float nan = NAN;
  std::vector<float> xy = {
      0.5f, 4,   1.5f, 5,   1.5f, 1,   1.5f, 9,   1.5f, 3,   1.5f, 7,    // run of 5 at 1.5
      2.5f, 2,   2.5f, 8,   2.5f, 6,                                      // run of 3: kept
      2.5f, nan, 2.5f, 1,   2.5f, 0,  2.5f, 9,  2.5f, 4,  2.5f, 5, 2.5f, 3};  // NaN, then 6
  const size_t kept = KeepRunExtremes(xy.data(), xy.size() / 2);
  const std::vector<float> want = {0.5f, 4, 1.5f, 5, 1.5f, 1, 1.5f, 9, 1.5f, 7,
                                   2.5f, 2, 2.5f, 8, 2.5f, 6, 2.5f, nan,
                                   2.5f, 1, 2.5f, 0, 2.5f, 9, 2.5f, 3};
  ASSERT_EQ(kept * 2, want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(xy[i])) << i;
    } else {
      EXPECT_EQ(xy[i], want[i]) << i;
    }
  }
}

// A polyline of many more points than columns (renko bricks narrower than
// a pixel), with gaps, isolated points and ends far outside the frame, is
// stroked to the same bytes whole and reduced by KeepRunExtremes, at every
// width, crisp and antialiased.
TEST(Rasterize, PolylineRunsReducedToTheirExtremesStrokeTheSamePixels) {
  const int32_t w = 150, h = 90;
  Lcg next{11};
  for (float slot : {0.03f, 0.2f, 0.7f}) {
    std::vector<float> xy;
    float y = h / 2.0f;
    for (size_t k = 0; k < 2500; ++k) {
      y += static_cast<float>(next(2001) - 1000) / 100.0f;
      y = std::clamp(y, -40.0f, h + 40.0f);
      float value = y;
      if (next(150) == 0) value = NAN;                           // a gap
      if (next(400) == 0) value = next(2) ? -1e6f : 1e6f;        // far off the frame
      xy.push_back(std::floor(static_cast<float>(k) * slot) + 0.5f);
      xy.push_back(value);
    }
    std::vector<float> reduced = xy;
    const size_t kept = KeepRunExtremes(reduced.data(), reduced.size() / 2);
    // It does reduce: 33 points a column to at most 4, 5 to 4.
    if (slot < 0.05f) {
      EXPECT_LT(kept * 4, xy.size() / 2);
    }
    if (slot < 0.25f) {
      EXPECT_LT(kept, xy.size() / 2) << "slot " << slot;
    }
    for (float width : {0.5f, 1.5f, 4.0f, 23.75f, 64.0f}) {
      for (bool aa : {false, true}) {
        auto stroke = [&](const float* points, size_t count) {
          DisplayList list(AllocatorHooks::Default());
          list.Clear(0x101010FF);
          list.Polyline(points, static_cast<uint32_t>(count), width,
                        list.palette().Intern(0xE0C020FF));
          std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4, 0);
          RasterScratch scratch(AllocatorHooks::Default());
          Rasterize(list, Frame{px.data(), w, h, static_cast<size_t>(w) * 4, 4}, aa, nullptr,
                    &scratch);
          return px;
        };
        EXPECT_EQ(stroke(xy.data(), xy.size() / 2), stroke(reduced.data(), kept))
            << "slot " << slot << " width " << width << " antialias " << aa;
      }
    }
  }
}

}  // namespace
}  // namespace candlewick
