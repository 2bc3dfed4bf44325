// Frame-level conversions, checked against plain per-pixel definitions.
#include "cc/encode/convert.h"

#include <cstring>
#include <map>
#include <random>
#include <vector>

#include "cc/encode/test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using encode_test::ChartIndices;
using encode_test::ChartPalette;
using encode_test::ExpandToRgba;
using encode_test::PixelWord;

// The palette and indices by definition: a map in order of first appearance.
void Expected(const std::vector<uint8_t>& rgba, uint32_t w, uint32_t h, size_t stride,
              std::vector<uint32_t>* palette, std::vector<uint8_t>* indices) {
  std::map<uint32_t, uint8_t> seen;
  palette->clear();
  indices->assign(static_cast<size_t>(w) * h, 0);
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < w; ++x) {
      const uint32_t c = PixelWord(&rgba[y * stride + 4 * x]);
      auto it = seen.find(c);
      if (it == seen.end()) {
        it = seen.emplace(c, static_cast<uint8_t>(palette->size())).first;
        palette->push_back(c);
      }
      (*indices)[static_cast<size_t>(y) * w + x] = it->second;
    }
  }
}

void ExpectConversion(const std::vector<uint8_t>& rgba, uint32_t w, uint32_t h, size_t stride,
                      const char* what) {
  const size_t index_stride = w + 5;
  std::vector<uint8_t> indices(index_stride * h + 1, 0xCD);
  uint32_t palette[256];
  size_t colours = 0;
  ASSERT_EQ(RgbaToPalette(RgbaImage{rgba.data(), w, h, stride}, indices.data(), index_stride,
                          palette, &colours),
            PaletteFit::kFits)
      << what;
  std::vector<uint32_t> want_palette;
  std::vector<uint8_t> want_indices;
  Expected(rgba, w, h, stride, &want_palette, &want_indices);
  ASSERT_EQ(std::vector<uint32_t>(palette, palette + colours), want_palette) << what;
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < w; ++x) {
      ASSERT_EQ(indices[y * index_stride + x], want_indices[static_cast<size_t>(y) * w + x])
          << what << " at " << x << "," << y;
    }
    for (size_t x = w; x < index_stride && y * index_stride + x < indices.size(); ++x) {
      ASSERT_EQ(indices[y * index_stride + x], 0xCD) << what << ": padding written";
    }
  }
}

TEST(RgbaToPalette, ChartFrameIsExact) {
  for (int candles : {20, 100, 1000}) {
    const uint32_t w = 800, h = 600;
    const auto rgba = ExpandToRgba(ChartIndices(w, h, candles, 3), w, h, ChartPalette(), w * 4);
    ExpectConversion(rgba, w, h, w * 4, "chart");
  }
}

TEST(RgbaToPalette, OddSizesAndStridedInput) {
  std::mt19937 rng(11);
  for (uint32_t w : {1u, 2u, 5u, 15u, 16u, 17u, 33u, 100u}) {
    for (uint32_t h : {1u, 2u, 7u}) {
      const size_t stride = 4 * w + 8;
      std::vector<uint8_t> rgba(stride * h, 0x77);
      // Runs of a few colours, some rows copied from the row above.
      for (uint32_t y = 0; y < h; ++y) {
        uint8_t* row = &rgba[y * stride];
        if (y > 0 && rng() % 3 == 0) {
          std::memcpy(row, row - stride, 4 * w);
          continue;
        }
        for (uint32_t x = 0; x < w; ++x) {
          const uint32_t c = (x / 3 + rng() % 2) * 0x01030507u | 0xFF000000u;
          std::memcpy(row + 4 * x, &c, 4);
        }
      }
      ExpectConversion(rgba, w, h, stride, "strided");
    }
  }
}

// Pixel i has colour i % n.
std::vector<uint8_t> CycleColours(uint32_t w, uint32_t h, uint32_t n) {
  std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4);
  for (size_t i = 0; i < static_cast<size_t>(w) * h; ++i) {
    const uint32_t c = static_cast<uint32_t>(i % n) * 0x00010203u + 0x40000000u;
    std::memcpy(&rgba[4 * i], &c, 4);
  }
  return rgba;
}

TEST(RgbaToPalette, ExactlyTwoHundredFiftySixColoursFit) {
  const auto rgba = CycleColours(100, 10, 256);
  ExpectConversion(rgba, 100, 10, 400, "256");
}

TEST(RgbaToPalette, TwoHundredFiftySevenColoursDoNot) {
  // The 257th colour appears on the first row, on a later row, mid-vector.
  const uint32_t sizes[][2] = {{257, 1}, {100, 3}, {16, 17}, {300, 2}};
  for (const auto& size : sizes) {
    const uint32_t w = size[0], h = size[1];
    const auto rgba = CycleColours(w, h, 257);
    std::vector<uint8_t> indices(static_cast<size_t>(w) * h);
    uint32_t palette[256];
    size_t colours = 99;
    EXPECT_EQ(RgbaToPalette(RgbaImage{rgba.data(), w, h, w * 4}, indices.data(), w, palette,
                            &colours),
              PaletteFit::kTooManyColours)
        << w << "x" << h;
    EXPECT_EQ(colours, 0u);
  }
}

TEST(RgbaToPalette, EmptyFrameHasNoColours) {
  uint32_t palette[256];
  size_t colours = 99;
  EXPECT_EQ(RgbaToPalette(RgbaImage{nullptr, 0, 0, 0}, nullptr, 0, palette, &colours),
            PaletteFit::kFits);
  EXPECT_EQ(colours, 0u);
}

TEST(RgbaToPalette, AlphaIsPartOfTheColour) {
  // Same RGB, different alpha: two palette entries.
  const uint8_t rgba[8] = {10, 20, 30, 255, 10, 20, 30, 128};
  uint8_t indices[2];
  uint32_t palette[256];
  size_t colours = 0;
  ASSERT_EQ(RgbaToPalette(RgbaImage{rgba, 2, 1, 8}, indices, 2, palette, &colours),
            PaletteFit::kFits);
  ASSERT_EQ(colours, 2u);
  EXPECT_EQ(palette[0], 0x0A141EFFu);
  EXPECT_EQ(palette[1], 0x0A141E80u);
  EXPECT_EQ(indices[0], 0);
  EXPECT_EQ(indices[1], 1);
}

TEST(ConvertRgbaToRgb, DropsAlphaAndLeavesPaddingAlone) {
  std::mt19937 rng(5);
  for (uint32_t w : {1u, 7u, 64u, 65u, 200u}) {
    const uint32_t h = 4;
    const size_t in_stride = 4 * w + 12, out_stride = 3 * w + 7;
    std::vector<uint8_t> rgba(in_stride * h);
    for (auto& b : rgba) b = static_cast<uint8_t>(rng());
    std::vector<uint8_t> rgb(out_stride * h, 0x5A);
    ConvertRgbaToRgb(RgbaImage{rgba.data(), w, h, in_stride}, rgb.data(), out_stride);
    for (uint32_t y = 0; y < h; ++y) {
      for (uint32_t x = 0; x < w; ++x) {
        for (int c = 0; c < 3; ++c) {
          ASSERT_EQ(rgb[y * out_stride + 3 * x + c], rgba[y * in_stride + 4 * x + c]);
        }
      }
      for (size_t x = 3 * w; x < out_stride; ++x) ASSERT_EQ(rgb[y * out_stride + x], 0x5A);
    }
  }
}

TEST(IsOpaque, LooksAtEveryRowButNotThePadding) {
  const uint32_t w = 37, h = 5;
  const size_t stride = 4 * w + 4;
  std::vector<uint8_t> rgba(stride * h, 0xFF);
  for (uint32_t y = 0; y < h; ++y) rgba[y * stride + 4 * w + 3] = 0;  // padding
  EXPECT_TRUE(IsOpaque(RgbaImage{rgba.data(), w, h, stride}));
  rgba[4 * stride + 4 * 36 + 3] = 0xFE;  // last pixel
  EXPECT_FALSE(IsOpaque(RgbaImage{rgba.data(), w, h, stride}));
}

}  // namespace
}  // namespace candlewick
