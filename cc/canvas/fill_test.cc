// Every compiled Highway target (HWY_IS_TEST makes that include scalar and
// EMU128) is compared with the scalar reference on lengths around the vector
// width and at unaligned offsets.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "cc/canvas/fill.h"
#include "cc/canvas/fill_reference.h"
#include "cc/canvas/frame.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace {

// Each test runs once per compiled target, forced (Highway's adapter; it
// also checks that the test went through dynamic dispatch).
using FillOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(FillOnEveryTarget);

TEST_P(FillOnEveryTarget, Span32MatchesReferenceAtAllLengthsAndOffsets) {
  EXPECT_STREQ(FillTargetName(), hwy::TargetName(GetParam()));
  for (size_t offset = 0; offset < 5; ++offset) {
    for (size_t n = 0; n < 300; ++n) {
      std::vector<uint8_t> got(4 * n + 16, 0xAB), want(4 * n + 16, 0xAB);
      FillSpan32(got.data() + offset, n, 0x11223344u + static_cast<uint32_t>(n));
      FillSpan32Reference(want.data() + offset, n, 0x11223344u + static_cast<uint32_t>(n));
      ASSERT_EQ(got, want) << "n=" << n << " offset=" << offset;
    }
  }
}

TEST_P(FillOnEveryTarget, Span8MatchesReferenceAtAllLengthsAndOffsets) {
  for (size_t offset = 0; offset < 5; ++offset) {
    for (size_t n = 0; n < 600; ++n) {
      std::vector<uint8_t> got(n + 16, 0xAB), want(n + 16, 0xAB);
      FillSpan8(got.data() + offset, n, static_cast<uint8_t>(n));
      FillSpan8Reference(want.data() + offset, n, static_cast<uint8_t>(n));
      ASSERT_EQ(got, want) << "n=" << n << " offset=" << offset;
    }
  }
}

TEST_P(FillOnEveryTarget, RectKernelsMatchReferenceForEveryWidth) {
  // Widths from 0 to past two full AVX-512 vectors, odd strides, offsets.
  for (size_t offset = 0; offset < 3; ++offset) {
    for (size_t width = 0; width <= 40; ++width) {
      const size_t height = 3, stride32 = width * 4 + 7;
      std::vector<uint8_t> got(stride32 * height + 8, 0xCD), want(got);
      FillRect32(got.data() + offset, stride32, width, height, 0xA1B2C3D4u);
      FillRect32Reference(want.data() + offset, stride32, width, height, 0xA1B2C3D4u);
      ASSERT_EQ(got, want) << "32-bit width=" << width << " offset=" << offset;
    }
    for (size_t width = 0; width <= 150; ++width) {
      const size_t height = 3, stride8 = width + 5;
      std::vector<uint8_t> got(stride8 * height + 8, 0xCD), want(got);
      FillRect8(got.data() + offset, stride8, width, height, 0x3C);
      FillRect8Reference(want.data() + offset, stride8, width, height, 0x3C);
      ASSERT_EQ(got, want) << "8-bit width=" << width << " offset=" << offset;
    }
  }
}

TEST_P(FillOnEveryTarget, RectListMatchesReferenceInOrder) {
  const int w = 53, h = 29;
  for (size_t stride : {static_cast<size_t>(w) * 4, static_cast<size_t>(w) * 4 + 9}) {
    std::vector<FillRectItem> items = {{0, 0, w, h, 0x01020304u},   {3, 2, 4, 27, 0xAABBCCDDu},
                                       {1, 5, 30, 9, 0x11111111u},  {2, 1, 52, 2, 0x22222222u},
                                       {0, 0, w, 3, 0x33333333u},   {40, 10, 53, 29, 0x44444444u},
                                       {10, 10, 11, 11, 0x55555555u}};
    std::vector<uint8_t> got(stride * h + 8, 0x77), want(got);
    FillRects32(got.data(), stride, items.data(), items.size());
    FillRects32Reference(want.data(), stride, items.data(), items.size());
    ASSERT_EQ(got, want) << "stride " << stride;
  }
}

TEST_P(FillOnEveryTarget, LongRectListsDrawnInBandsMatchSequentialDrawing) {
  // Enough rectangles over a tall frame that the kernel draws in bands;
  // overlapping rectangles in many colours check that order is kept.
  const int w = 301, h = 419;
  uint32_t state = 12345;
  auto next = [&](uint32_t mod) {
    state = state * 1664525u + 1013904223u;
    return static_cast<int32_t>((state >> 8) % mod);
  };
  std::vector<FillRectItem> items = {{0, 0, w, h, 0x01010101u}};
  for (int i = 0; i < 300; ++i) {
    const int32_t x0 = next(w), y0 = next(h);
    const int32_t x1 = std::min(w, x0 + 1 + next(i % 3 == 0 ? 4 : 40));
    const int32_t y1 = std::min(h, y0 + 1 + next(300));
    items.push_back({x0, y0, x1, y1, 0x10203000u + static_cast<uint32_t>(i)});
  }
  for (size_t stride : {static_cast<size_t>(w) * 4, static_cast<size_t>(w) * 4 + 20}) {
    std::vector<uint8_t> got(stride * h, 0x77), want(got);
    FillRects32(got.data(), stride, items.data(), items.size());
    FillRects32Reference(want.data(), stride, items.data(), items.size());
    ASSERT_EQ(got, want) << "stride " << stride;
  }
}

TEST_P(FillOnEveryTarget, CopyRowDownMatchesReference) {
  for (size_t row_bytes : {size_t{0}, size_t{3}, size_t{17}, size_t{64}, size_t{130}, size_t{3203}}) {
    std::vector<uint8_t> row(row_bytes);
    for (size_t i = 0; i < row_bytes; ++i) row[i] = static_cast<uint8_t>(i * 7 + 1);
    const size_t stride = row_bytes + 5, rows = 6;
    std::vector<uint8_t> got(stride * rows + 3, 0xEE), want(got);
    CopyRowDown(got.data() + 1, stride, rows, row.data(), row_bytes);
    CopyRowDownReference(want.data() + 1, stride, rows, row.data(), row_bytes);
    ASSERT_EQ(got, want) << row_bytes;
  }
}

TEST_P(FillOnEveryTarget, RectIsClippedAndLeavesStridePaddingAlone) {
  const int w = 37, h = 11;
  const size_t stride = w * 4 + 12;
  std::vector<uint8_t> pixels(stride * h, 0);
  Frame f{pixels.data(), w, h, stride, 4};
  FillRect(f, -5, 2, 50, 4, 0xFFFFFFFFu);
  for (int y = 0; y < h; ++y) {
    for (size_t x = 0; x < stride; ++x) {
      const bool inside = y >= 2 && y < 4 && x < static_cast<size_t>(w) * 4;
      ASSERT_EQ(pixels[y * stride + x], inside ? 0xFF : 0) << y << "," << x;
    }
  }
}

}  // namespace
}  // namespace candlewick
