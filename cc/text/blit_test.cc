// Coverage onto frames: the blend formula's promises, the mono threshold,
// and clipping that never writes outside the frame or into row padding.
#include "cc/text/blit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "cc/canvas/frame.h"
#include "cc/text/test_frame.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

uint32_t Pattern(uint8_t r, uint8_t g, uint8_t b, uint8_t a) { return RgbaPattern(r, g, b, a); }

TEST(BlitTest, BlendChannelEndpointsBoundsAndSymmetry) {
  for (uint32_t s = 0; s < 256; s += 5) {
    for (uint32_t d = 0; d < 256; d += 3) {
      EXPECT_EQ(BlendChannel(s, d, 0), d);
      EXPECT_EQ(BlendChannel(s, d, 255), s);
      for (uint32_t a = 0; a < 256; ++a) {
        const uint8_t out = BlendChannel(s, d, a);
        ASSERT_GE(out, std::min(s, d));
        ASSERT_LE(out, std::max(s, d));
        // Rounding to nearest is symmetric: s over d at a == d over s at 255-a.
        ASSERT_EQ(out, BlendChannel(d, s, 255 - a));
        // Within half a step of the exact value.
        const double exact = (s * a + d * (255.0 - a)) / 255.0;
        ASSERT_LE(std::abs(out - exact), 0.5);
      }
    }
  }
}

TEST(BlitTest, PairedDivisionIsExactForEveryValue) {
  for (uint32_t x = 0; x <= 255 * 255; ++x) {
    const uint32_t q = (x + 127) / 255;
    ASSERT_EQ(DivideBy255Pairs(x), q) << x;
    ASSERT_EQ(DivideBy255Pairs(x << 16), q << 16) << x;
    // Both lanes at once, the other at its largest or smallest value.
    ASSERT_EQ(DivideBy255Pairs(x | (65025u << 16)), q | (255u << 16)) << x;
    ASSERT_EQ(DivideBy255Pairs(65025u | (x << 16)), 255u | (q << 16)) << x;
  }
}

// The blend runs two channels per 32-bit word; every channel combination and
// coverage must still give exactly BlendChannel.
TEST(BlitTest, PackedBlendMatchesBlendChannelEverywhere) {
  std::vector<uint8_t> coverage(256);
  for (int a = 0; a < 256; ++a) coverage[a] = static_cast<uint8_t>(a);
  for (int s = 0; s < 256; ++s) {
    GuardedFrame g(256, 1, 4, 0);
    // Destination channels d, 255 - d, d ^ 0x5A and alpha (s * 7) & 0xFF vary
    // per pixel so every byte lane sees many (src, dst) pairs.
    for (int i = 0; i < 256; ++i) {
      const uint32_t p = RgbaPattern(i, 255 - i, i ^ 0x5A, (i * 7) & 0xFF);
      std::memcpy(g.frame().pixels + 4 * i, &p, 4);
    }
    const uint8_t src[4] = {static_cast<uint8_t>(s), static_cast<uint8_t>(255 - s),
                            static_cast<uint8_t>(s ^ 0xC3), 255};
    uint32_t pattern;
    std::memcpy(&pattern, src, 4);
    BlitBlend(g.frame(), 0, 0, coverage.data(), 256, 1, pattern);
    for (int i = 0; i < 256; ++i) {
      const uint8_t d[4] = {static_cast<uint8_t>(i), static_cast<uint8_t>(255 - i),
                            static_cast<uint8_t>(i ^ 0x5A), static_cast<uint8_t>((i * 7) & 0xFF)};
      const uint8_t* out = g.frame().pixels + 4 * i;
      for (int ch = 0; ch < 3; ++ch) {
        ASSERT_EQ(out[ch], BlendChannel(src[ch], d[ch], i)) << s << " " << i << " " << ch;
      }
      // Alpha: source-over, a + dst * (255 - a) / 255 rounded.
      ASSERT_EQ(out[3], i + (d[3] * (255 - i) + 127) / 255) << s << " " << i;
    }
    ASSERT_TRUE(g.GuardIntact());
  }
}

TEST(BlitTest, MonoWritesExactlyWhereCoverageIsAtLeastHalf) {
  const uint8_t coverage[4] = {0, 127, 128, 255};
  GuardedFrame g(4, 1, 4, Pattern(1, 2, 3, 255));
  const uint32_t ink = Pattern(200, 100, 50, 255);
  BlitMono(g.frame(), 0, 0, coverage, 4, 1, ink);
  uint32_t px[4];
  std::memcpy(px, g.frame().pixels, 16);
  EXPECT_EQ(px[0], Pattern(1, 2, 3, 255));
  EXPECT_EQ(px[1], Pattern(1, 2, 3, 255));
  EXPECT_EQ(px[2], ink);
  EXPECT_EQ(px[3], ink);

  GuardedFrame p(4, 1, 1, 0);
  BlitMono(p.frame(), 0, 0, coverage, 4, 1, 3);
  EXPECT_EQ(std::vector<uint8_t>(p.frame().pixels, p.frame().pixels + 4),
            (std::vector<uint8_t>{0, 0, 3, 3}));
  EXPECT_TRUE(g.GuardIntact());
  EXPECT_TRUE(p.GuardIntact());
}

TEST(BlitTest, BlendFollowsTheDocumentedFormula) {
  const uint8_t coverage[4] = {0, 1, 128, 255};
  const uint32_t background = Pattern(10, 200, 30, 255);
  GuardedFrame g(4, 1, 4, background);
  BlitBlend(g.frame(), 0, 0, coverage, 4, 1, Pattern(250, 0, 100, 255));
  const uint8_t* px = g.frame().pixels;
  for (int i = 0; i < 4; ++i) {
    const uint32_t a = coverage[i];
    EXPECT_EQ(px[4 * i + 0], (250 * a + 10 * (255 - a) + 127) / 255) << i;
    EXPECT_EQ(px[4 * i + 1], (0 * a + 200 * (255 - a) + 127) / 255) << i;
    EXPECT_EQ(px[4 * i + 2], (100 * a + 30 * (255 - a) + 127) / 255) << i;
    EXPECT_EQ(px[4 * i + 3], 255) << i;  // an opaque frame stays opaque
  }
  EXPECT_TRUE(g.GuardIntact());
}

TEST(BlitTest, TranslucentTextColourScalesCoverage) {
  const uint8_t coverage[2] = {255, 128};
  GuardedFrame g(2, 1, 4, Pattern(0, 0, 0, 255));
  BlitBlend(g.frame(), 0, 0, coverage, 2, 1, Pattern(255, 255, 255, 128));
  const uint8_t* px = g.frame().pixels;
  EXPECT_EQ(px[0], 128);  // a = (255 * 128 + 127) / 255 = 128
  EXPECT_EQ(px[4], 64);   // a = (128 * 128 + 127) / 255 = 64
  EXPECT_EQ(px[3], 255);
  EXPECT_EQ(px[7], 255);
}

TEST(BlitTest, ClipsAtEveryEdgeWithoutWritingOutside) {
  constexpr int kW = 13, kH = 9;
  std::vector<uint8_t> solid(7 * 5, 255);
  for (int bpp : {1, 4}) {
    for (int y = -7; y <= kH + 2; ++y) {
      for (int x = -9; x <= kW + 2; ++x) {
        GuardedFrame g(kW, kH, bpp, 0);
        const uint32_t value = bpp == 4 ? Pattern(9, 9, 9, 255) : 9;
        if (bpp == 4) {
          BlitBlend(g.frame(), x, y, solid.data(), 7, 5, value);
        } else {
          BlitMono(g.frame(), x, y, solid.data(), 7, 5, value);
        }
        ASSERT_TRUE(g.GuardIntact()) << bpp << " " << x << "," << y;
        // Exactly the intersection is painted.
        for (int py = 0; py < kH; ++py) {
          for (int px = 0; px < kW; ++px) {
            const bool inside = px >= x && px < x + 7 && py >= y && py < y + 5;
            const uint8_t first = g.frame().Row(py)[px * bpp];
            ASSERT_EQ(first, inside ? 9 : 0) << bpp << " " << x << "," << y << " @" << px << ","
                                             << py;
          }
        }
      }
    }
  }
}

TEST(BlitTest, FarAwayCoordinatesDoNotOverflow) {
  std::vector<uint8_t> solid(4, 255);
  GuardedFrame g(5, 5, 4, 0);
  for (int64_t v : {int64_t{INT32_MIN}, int64_t{INT32_MAX}, int64_t{INT32_MIN} * 4,
                    int64_t{INT32_MAX} * 4}) {
    BlitBlend(g.frame(), v, 0, solid.data(), 2, 2, ~0u);
    BlitBlend(g.frame(), 0, v, solid.data(), 2, 2, ~0u);
    BlitMono(g.frame(), v, v, solid.data(), 2, 2, ~0u);
  }
  EXPECT_TRUE(g.GuardIntact());
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 20; ++x) ASSERT_EQ(g.frame().Row(y)[x], 0);
  }
}

}  // namespace
}  // namespace candlewick
