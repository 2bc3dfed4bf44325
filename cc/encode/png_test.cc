// Every PNG the encoders write is decoded with libspng (which checks the
// chunk CRCs and the zlib Adler-32) and compared pixel by pixel with the
// input; the IHDR tells which form the encoder chose.
#include "cc/encode/png.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/base/test_hooks.h"
#include "cc/encode/test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using encode_test::ChartIndices;
using encode_test::ChartPalette;
using encode_test::DecodePng;
using encode_test::ExpandToRgba;
using encode_test::PixelWord;
using encode_test::PngInfo;

constexpr PngPreset kPresets[] = {PngPreset::kFastest, PngPreset::kBalanced,
                                  PngPreset::kSmallest};

// Random indices below `colours`, in runs, rows `stride` apart with 0xEE
// in the padding (which must never be read into the image).
std::vector<uint8_t> RandomIndices(uint32_t width, uint32_t height, size_t stride, size_t colours,
                                   uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(stride * height, 0xEE);
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width;) {
      const uint32_t run = 1 + rng() % 6;
      const auto index = static_cast<uint8_t>(rng() % colours);
      for (uint32_t k = 0; k < run && x < width; ++k) v[y * stride + x++] = index;
    }
  }
  return v;
}

std::vector<uint32_t> DistinctColours(size_t n, bool with_alpha) {
  std::vector<uint32_t> p(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t rgb = static_cast<uint32_t>(i) * 0x9E3779u & 0xFFFFFF;
    p[i] = rgb << 8 | (with_alpha ? static_cast<uint32_t>(i * 37 % 256) : 0xFFu);
  }
  return p;
}

int BitDepthFor(size_t colours) {
  return colours <= 2 ? 1 : colours <= 4 ? 2 : colours <= 16 ? 4 : 8;
}

// The encoder drops unused palette entries when every index is below 16.
int ExpectedBitDepth(const std::vector<uint8_t>& indices, uint32_t width, uint32_t height,
                     size_t stride, size_t palette_size) {
  uint32_t used = 0;
  uint8_t max_index = 0;
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      const uint8_t i = indices[y * stride + x];
      max_index = std::max(max_index, i);
      if (i < 16) used |= 1u << i;
    }
  }
  if (palette_size <= 2 || max_index >= 16) return BitDepthFor(palette_size);
  return BitDepthFor(static_cast<size_t>(__builtin_popcount(used)));
}

bool HasChunk(const PngInfo& info, const char* type) {
  for (const auto& c : info.chunks) {
    if (c == type) return true;
  }
  return false;
}

size_t CountChunks(const PngInfo& info, const char* type) {
  size_t n = 0;
  for (const auto& c : info.chunks) n += c == type;
  return n;
}

// Decodes `png` and checks every pixel against palette[indices].
void ExpectPaletteImage(const ByteBuffer& png, const std::vector<uint8_t>& indices,
                        uint32_t width, uint32_t height, size_t stride,
                        const std::vector<uint32_t>& palette, const char* what) {
  std::vector<uint8_t> rgba;
  PngInfo info;
  ASSERT_TRUE(DecodePng(png.data(), png.size(), &rgba, &info)) << what;
  ASSERT_EQ(info.width, width) << what;
  ASSERT_EQ(info.height, height) << what;
  EXPECT_EQ(info.colour_type, 3) << what;
  EXPECT_EQ(info.bit_depth, ExpectedBitDepth(indices, width, height, stride, palette.size()))
      << what;
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      ASSERT_EQ(PixelWord(&rgba[(static_cast<size_t>(y) * width + x) * 4]),
                palette[indices[y * stride + x]])
          << what << " at " << x << "," << y;
    }
  }
}

TEST(PalettePng, RoundTripsEveryPaletteSizeBitDepthPresetAndOddSize) {
  const uint32_t sizes[][2] = {{1, 1}, {2, 1}, {1, 3}, {7, 3}, {9, 5}, {33, 17}, {65, 9}, {131, 7}};
  for (size_t colours : {1u, 2u, 3u, 4u, 5u, 16u, 17u, 200u, 256u}) {
    const auto palette = DistinctColours(colours, false);
    for (const auto& size : sizes) {
      const uint32_t w = size[0], h = size[1];
      const size_t stride = w + 3;  // padding must be skipped
      const auto indices = RandomIndices(w, h, stride, colours, w * 131 + h);
      for (PngPreset preset : kPresets) {
        PaletteImage image{indices.data(), w, h, stride, absl::MakeConstSpan(palette)};
        ByteBuffer png(AllocatorHooks::Default());
        ASSERT_TRUE(EncodePalettePng(image, preset, &png).ok());
        const std::string what = std::to_string(colours) + " colours " + std::to_string(w) +
                                 "x" + std::to_string(h) + " preset " +
                                 std::to_string(static_cast<int>(preset));
        ExpectPaletteImage(png, indices, w, h, stride, palette, what.c_str());
        if (HasFailure()) return;
      }
    }
  }
}

TEST(PalettePng, ChartFrameRoundTripsAtTwoBitsPerPixel) {
  const uint32_t w = 800, h = 600;
  const auto palette = ChartPalette();
  for (int candles : {100, 1000}) {
    const auto indices = ChartIndices(w, h, candles, 42);
    for (PngPreset preset : kPresets) {
      PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
      ByteBuffer png(AllocatorHooks::Default());
      ASSERT_TRUE(EncodePalettePng(image, preset, &png).ok());
      ExpectPaletteImage(png, indices, w, h, w, palette, "chart");
    }
  }
}

TEST(PalettePng, UnusedPaletteEntriesAreDroppedForFewerBits) {
  const uint32_t w = 50, h = 6;
  const auto palette = DistinctColours(20, false);
  struct Case {
    std::vector<uint8_t> used;
    int bits;
  };
  const Case cases[] = {
      {{0, 1, 2, 3}, 2},       // a theme's first four of six: no renumbering
      {{0, 2, 3, 5}, 2},       // gaps: renumbered
      {{7}, 1},                // one colour of twenty
      {{1, 15}, 1},            // the highest small index
      {{0, 1, 2, 3, 16}, 8},   // an index of 16 or more: kept as it is
      {{3, 19}, 8},
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> indices(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < indices.size(); ++i) indices[i] = c.used[(i / 7) % c.used.size()];
    PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
    for (PngPreset preset : kPresets) {
      ByteBuffer png(AllocatorHooks::Default());
      ASSERT_TRUE(EncodePalettePng(image, preset, &png).ok());
      std::vector<uint8_t> rgba;
      PngInfo info;
      ASSERT_TRUE(DecodePng(png.data(), png.size(), &rgba, &info));
      EXPECT_EQ(info.bit_depth, c.bits) << c.used.size();
      ExpectPaletteImage(png, indices, w, h, w, palette, "dropped");
    }
  }
}

TEST(PalettePng, TranslucentPaletteColoursGetATrnsChunk) {
  auto palette = DistinctColours(5, false);
  palette[3] = (palette[3] & 0xFFFFFF00u) | 0x40;  // alpha 0x40
  const uint32_t w = 21, h = 4;
  const auto indices = RandomIndices(w, h, w, palette.size(), 3);
  PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
  ByteBuffer png(AllocatorHooks::Default());
  ASSERT_TRUE(EncodePalettePng(image, PngPreset::kBalanced, &png).ok());
  std::vector<uint8_t> rgba;
  PngInfo info;
  ASSERT_TRUE(DecodePng(png.data(), png.size(), &rgba, &info));
  EXPECT_TRUE(HasChunk(info, "tRNS"));
  ExpectPaletteImage(png, indices, w, h, w, palette, "translucent");

  // An opaque palette has none.
  const auto opaque = DistinctColours(5, false);
  PaletteImage plain{indices.data(), w, h, w, absl::MakeConstSpan(opaque)};
  ByteBuffer png2(AllocatorHooks::Default());
  ASSERT_TRUE(EncodePalettePng(plain, PngPreset::kBalanced, &png2).ok());
  ASSERT_TRUE(DecodePng(png2.data(), png2.size(), &rgba, &info));
  EXPECT_FALSE(HasChunk(info, "tRNS"));
  EXPECT_EQ(info.chunks.front(), "IHDR");
  EXPECT_EQ(info.chunks.back(), "IEND");
}

TEST(PalettePng, RejectsIndexOutsideThePaletteAndLeavesOutputAlone) {
  const auto palette = DistinctColours(3, false);  // 2 bits could hold index 3
  for (uint8_t bad : {3, 4, 255}) {
    std::vector<uint8_t> indices(40 * 3, 1);
    indices[40 * 2 + 37] = bad;
    PaletteImage image{indices.data(), 40, 3, 40, absl::MakeConstSpan(palette)};
    ByteBuffer png(AllocatorHooks::Default());
    ASSERT_TRUE(png.Append("prefix", 6));
    const absl::Status st = EncodePalettePng(image, PngPreset::kFastest, &png);
    EXPECT_EQ(CodeOf(st), ErrorCode::kInvalidArgument) << st;
    EXPECT_EQ(png.size(), 6u);
  }
}

TEST(PalettePng, RejectsIndexOutsideThePaletteOnEveryPath) {
  // Two colours (no search for unused entries), and a large palette whose
  // first row ends the search early with an index above 15.
  const struct {
    size_t colours;
    uint8_t first_row_index;
    uint8_t bad;
  } cases[] = {{2, 1, 2}, {2, 0, 255}, {200, 100, 210}, {20, 17, 20}};
  for (const auto& c : cases) {
    const auto palette = DistinctColours(c.colours, false);
    std::vector<uint8_t> indices(30 * 4, 0);
    for (size_t x = 0; x < 30; ++x) indices[x] = c.first_row_index;
    indices[30 * 3 + 29] = c.bad;
    PaletteImage image{indices.data(), 30, 4, 30, absl::MakeConstSpan(palette)};
    for (PngPreset preset : kPresets) {
      ByteBuffer png(AllocatorHooks::Default());
      EXPECT_EQ(CodeOf(EncodePalettePng(image, preset, &png)), ErrorCode::kInvalidArgument)
          << c.colours << " " << static_cast<int>(c.bad);
      EXPECT_EQ(png.size(), 0u);
    }
  }
}

TEST(PalettePng, RejectsBadArguments) {
  const auto palette = DistinctColours(4, false);
  std::vector<uint8_t> indices(16, 0);
  ByteBuffer png(AllocatorHooks::Default());
  const auto encode = [&](const uint8_t* p, uint32_t w, uint32_t h, size_t stride,
                          absl::Span<const uint32_t> pal, int32_t preset, ByteBuffer* out) {
    PaletteImage image{p, w, h, stride, pal};
    return CodeOf(EncodePalettePng(image, static_cast<PngPreset>(preset), out));
  };
  const auto pal = absl::MakeConstSpan(palette);
  EXPECT_EQ(encode(indices.data(), 4, 4, 4, pal, 1, nullptr), ErrorCode::kNullArgument);
  EXPECT_EQ(encode(nullptr, 4, 4, 4, pal, 1, &png), ErrorCode::kNullArgument);
  EXPECT_EQ(encode(indices.data(), 0, 4, 4, pal, 1, &png), ErrorCode::kInvalidArgument);
  EXPECT_EQ(encode(indices.data(), 4, 0, 4, pal, 1, &png), ErrorCode::kInvalidArgument);
  EXPECT_EQ(encode(indices.data(), 4, 4, 3, pal, 1, &png), ErrorCode::kInvalidArgument);
  EXPECT_EQ(encode(indices.data(), 4, 4, 4, pal, 3, &png), ErrorCode::kInvalidArgument);
  EXPECT_EQ(encode(indices.data(), 4, 4, 4, pal, -1, &png), ErrorCode::kInvalidArgument);
  EXPECT_EQ(encode(indices.data(), 4, 4, 4, {}, 1, &png), ErrorCode::kInvalidArgument);
  const auto big = DistinctColours(257, false);
  EXPECT_EQ(encode(indices.data(), 4, 4, 4, absl::MakeConstSpan(big), 1, &png),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(png.size(), 0u);
}

TEST(PalettePng, OutputIsDeterministic) {
  const auto palette = ChartPalette();
  const auto indices = ChartIndices(300, 200, 50, 7);
  for (PngPreset preset : kPresets) {
    PaletteImage image{indices.data(), 300, 200, 300, absl::MakeConstSpan(palette)};
    ByteBuffer a(AllocatorHooks::Default()), b(AllocatorHooks::Default());
    ASSERT_TRUE(EncodePalettePng(image, preset, &a).ok());
    ASSERT_TRUE(EncodePalettePng(image, preset, &b).ok());
    ASSERT_EQ(std::vector<uint8_t>(a.data(), a.data() + a.size()),
              std::vector<uint8_t>(b.data(), b.data() + b.size()));
  }
}

// Random RGBA: `stride` apart, padding 0xEE.
std::vector<uint8_t> RandomRgba(uint32_t w, uint32_t h, size_t stride, uint32_t seed,
                                bool opaque) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(stride * h, 0xEE);
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < 4 * w; ++x) {
      v[y * stride + x] = (opaque && x % 4 == 3) ? 0xFF : static_cast<uint8_t>(rng());
    }
  }
  return v;
}

void ExpectRgbaImage(const ByteBuffer& png, const uint8_t* rgba, uint32_t w, uint32_t h,
                     size_t stride, int colour_type, const char* what) {
  std::vector<uint8_t> decoded;
  PngInfo info;
  ASSERT_TRUE(DecodePng(png.data(), png.size(), &decoded, &info)) << what;
  ASSERT_EQ(info.width, w) << what;
  ASSERT_EQ(info.height, h) << what;
  EXPECT_EQ(info.colour_type, colour_type) << what;
  for (uint32_t y = 0; y < h; ++y) {
    ASSERT_EQ(0, std::memcmp(&decoded[static_cast<size_t>(y) * w * 4], rgba + y * stride, w * 4))
        << what << " row " << y;
  }
}

TEST(RgbaPng, RoundTripsStridedFramesWithEveryPreset) {
  for (uint32_t w : {1u, 3u, 17u, 64u}) {
    for (uint32_t h : {1u, 2u, 9u}) {
      const size_t stride = 4 * w + 12;
      const auto rgba = RandomRgba(w, h, stride, w * 7 + h, false);
      for (PngPreset preset : kPresets) {
        ByteBuffer png(AllocatorHooks::Default());
        ASSERT_TRUE(EncodeRgbaPng(rgba.data(), w, h, stride, preset, &png).ok());
        ExpectRgbaImage(png, rgba.data(), w, h, stride, 6, "rgba");
      }
    }
  }
}

TEST(RgbaPng, LargeIncompressibleFrameSpansSeveralIdatChunks) {
  // 300x300 random RGBA: ~360 KB of zlib data, past the staging buffer and
  // the IDAT chunk size.
  const uint32_t w = 300, h = 300;
  const auto rgba = RandomRgba(w, h, w * 4, 99, false);
  ByteBuffer png(AllocatorHooks::Default());
  ASSERT_TRUE(EncodeRgbaPng(rgba.data(), w, h, w * 4, PngPreset::kFastest, &png).ok());
  std::vector<uint8_t> decoded;
  PngInfo info;
  ASSERT_TRUE(DecodePng(png.data(), png.size(), &decoded, &info));
  EXPECT_GT(CountChunks(info, "IDAT"), 4u);
  ExpectRgbaImage(png, rgba.data(), w, h, w * 4, 6, "large");
}

TEST(RgbaAsPng, ChoosesPaletteForFewColoursAndDecodesExactly) {
  const uint32_t w = 800, h = 600;
  const auto indices = ChartIndices(w, h, 100, 5);
  const size_t stride = w * 4 + 20;
  const auto rgba = ExpandToRgba(indices, w, h, ChartPalette(), stride);
  for (PngPreset preset : kPresets) {
    ByteBuffer png(AllocatorHooks::Default());
    ASSERT_TRUE(EncodeRgbaAsPng(RgbaImage{rgba.data(), w, h, stride}, preset, &png).ok());
    ExpectRgbaImage(png, rgba.data(), w, h, stride, 3, "chart");
    std::vector<uint8_t> decoded;
    PngInfo info;
    ASSERT_TRUE(DecodePng(png.data(), png.size(), &decoded, &info));
    EXPECT_EQ(info.bit_depth, 2);
  }
}

// EncodeRgbaAsPng of the frame with `preset`, then ExpectRgbaImage.
void ExpectRgbaAsPng(const uint8_t* rgba, uint32_t w, uint32_t h, size_t stride, PngPreset preset,
                     int colour_type, const char* what) {
  ByteBuffer png(AllocatorHooks::Default());
  ASSERT_TRUE(EncodeRgbaAsPng(RgbaImage{rgba, w, h, stride}, preset, &png).ok()) << what;
  ExpectRgbaImage(png, rgba, w, h, stride, colour_type, what);
}

// A frame of exactly `colours` distinct colours (each appears at least once).
std::vector<uint8_t> FrameWithColours(uint32_t w, uint32_t h, size_t colours, bool alpha) {
  const auto palette = DistinctColours(colours, alpha);
  std::vector<uint8_t> indices(static_cast<size_t>(w) * h);
  for (size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<uint8_t>(i % colours);
  return ExpandToRgba(indices, w, h, palette, w * 4);
}

TEST(RgbaAsPng, ExactlyTwoHundredFiftySixColoursStayIndexed) {
  const uint32_t w = 64, h = 9;
  const auto rgba = FrameWithColours(w, h, 256, false);
  ASSERT_NO_FATAL_FAILURE(
      ExpectRgbaAsPng(rgba.data(), w, h, w * 4, PngPreset::kBalanced, 3, "256 colours"));
}

TEST(RgbaAsPng, TwoHundredFiftySevenColoursFallBackToRgbWhenOpaque) {
  const uint32_t w = 64, h = 9;
  auto rgba = FrameWithColours(w, h, 256, false);
  // The 257th colour in the last pixel: the converter has done all the work
  // before it finds out.
  rgba[rgba.size() - 4] ^= 0x55;
  rgba[rgba.size() - 2] ^= 0x0F;
  for (PngPreset preset : kPresets) {
    ASSERT_NO_FATAL_FAILURE(ExpectRgbaAsPng(rgba.data(), w, h, w * 4, preset, 2, "257 colours"));
  }
}

TEST(RgbaAsPng, TranslucentFramesKeepAlpha) {
  const uint32_t w = 31, h = 7;
  // Few colours, some translucent: palette plus tRNS.
  const auto few = FrameWithColours(w, h, 10, true);
  ASSERT_NO_FATAL_FAILURE(
      ExpectRgbaAsPng(few.data(), w, h, w * 4, PngPreset::kFastest, 3, "few translucent"));
  // Many colours (random pixels, more than 256 of them), translucent: RGBA.
  const uint32_t w2 = 41, h2 = 9;
  const size_t stride = w2 * 4 + 4;
  const auto many = RandomRgba(w2, h2, stride, 5, false);
  ASSERT_NO_FATAL_FAILURE(
      ExpectRgbaAsPng(many.data(), w2, h2, stride, PngPreset::kSmallest, 6, "many translucent"));
}

TEST(RgbaAsPng, BlendedChartRoundTrips) {
  const uint32_t w = 400, h = 300;
  const auto rgba = encode_test::BlendedChartRgba(w, h, 60, 9);
  for (PngPreset preset : kPresets) {
    ASSERT_NO_FATAL_FAILURE(ExpectRgbaAsPng(rgba.data(), w, h, w * 4, preset, 2, "blended"));
  }
}

TEST(RgbaAsPng, OnePixel) {
  const uint8_t pixel[4] = {1, 2, 3, 255};
  ASSERT_NO_FATAL_FAILURE(ExpectRgbaAsPng(pixel, 1, 1, 4, PngPreset::kSmallest, 3, "1x1"));
}

TEST(RgbaAsPng, RejectsEmptyAndNull) {
  const uint8_t pixel[4] = {1, 2, 3, 255};
  ByteBuffer png(AllocatorHooks::Default());
  EXPECT_EQ(CodeOf(EncodeRgbaAsPng(RgbaImage{pixel, 0, 1, 4}, PngPreset::kFastest, &png)),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(EncodeRgbaAsPng(RgbaImage{pixel, 1, 0, 4}, PngPreset::kFastest, &png)),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(EncodeRgbaAsPng(RgbaImage{nullptr, 1, 1, 4}, PngPreset::kFastest, &png)),
            ErrorCode::kNullArgument);
  EXPECT_EQ(CodeOf(EncodeRgbaAsPng(RgbaImage{pixel, 1, 1, 3}, PngPreset::kFastest, &png)),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(EncodeRgbaPng(pixel, 1, 1, 4, PngPreset::kFastest, nullptr)),
            ErrorCode::kNullArgument);
  EXPECT_EQ(png.size(), 0u);
}

TEST(PngOutOfMemory, EveryFailedAllocationIsReportedAndLeavesOutputAlone) {
  const uint32_t w = 120, h = 50;
  const auto indices = ChartIndices(w, h, 20, 1);
  const auto rgba = ExpandToRgba(indices, w, h, ChartPalette(), w * 4);
  const auto blended = encode_test::BlendedChartRgba(w, h, 20, 1);
  for (int which = 0; which < 3; ++which) {
    for (PngPreset preset : kPresets) {
      // Fail the first, second, ... allocation until the encode succeeds.
      for (int64_t fail_at = 0;; ++fail_at) {
        ASSERT_LT(fail_at, 1000) << "never succeeded";
        TestHooks hooks;
        hooks.fail_at = fail_at;
        absl::Status st;
        size_t size_after = 0;
        {
          ByteBuffer out(hooks.Hooks());
          const RgbaImage image{which == 1 ? rgba.data() : blended.data(), w, h, w * 4};
          if (which == 0) {
            const auto pal = ChartPalette();
            PaletteImage p{indices.data(), w, h, w, absl::MakeConstSpan(pal)};
            st = EncodePalettePng(p, preset, &out);
          } else {
            st = EncodeRgbaAsPng(image, preset, &out);
          }
          size_after = out.size();
        }
        EXPECT_EQ(hooks.live, 0) << "leak at allocation " << fail_at;
        if (st.ok()) break;
        ASSERT_EQ(CodeOf(st), ErrorCode::kOutOfMemory) << st << " at allocation " << fail_at;
        ASSERT_EQ(size_after, 0u);
      }
    }
  }
}


std::vector<uint8_t> Bytes(const ByteBuffer& b) { return {b.data(), b.data() + b.size()}; }

// One scratch carried across images of different sizes, forms (palette,
// blended RGBA, true colour) and presets (zlib streams reset in place or
// rebuilt) writes the same bytes as a fresh encoder every time.
TEST(PngScratch, ReuseAcrossSizesFormsAndPresetsGivesTheSameFiles) {
  PngScratch scratch(AllocatorHooks::Default());
  const auto palette = ChartPalette();
  const uint32_t sizes[][2] = {{800, 600}, {120, 50}, {333, 77}, {64, 64}, {31, 5}};
  for (int round = 0; round < 2; ++round) {
    for (const auto& size : sizes) {
      const uint32_t w = size[0], h = size[1];
      const auto indices = ChartIndices(w, h, 40, w);
      const auto blended = encode_test::BlendedChartRgba(w, h, 20, h);
      const auto random = RandomRgba(w, h, w * 4, w + h, true);
      for (int form = 0; form < 3; ++form) {  // palette, blended RGBA, true colour
        for (PngPreset preset : kPresets) {
          ByteBuffer fresh(AllocatorHooks::Default()), reused(AllocatorHooks::Default());
          if (form == 0) {
            const PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
            ASSERT_TRUE(EncodePalettePng(image, preset, &fresh).ok());
            ASSERT_TRUE(EncodePalettePng(image, preset, &reused, &scratch).ok());
          } else {
            const RgbaImage image{form == 1 ? blended.data() : random.data(), w, h, w * 4};
            ASSERT_TRUE(EncodeRgbaAsPng(image, preset, &fresh).ok());
            ASSERT_TRUE(EncodeRgbaAsPng(image, preset, &reused, &scratch).ok());
          }
          ASSERT_EQ(Bytes(fresh), Bytes(reused)) << w << "x" << h << " form " << form
                                                 << " preset " << static_cast<int>(preset);
        }
      }
    }
  }
}

// What a chart does: the same size and preset every time. Once warm, an
// encode allocates nothing but its output.
TEST(PngScratch, RepeatedEncodesAllocateOnlyTheOutput) {
  const uint32_t w = 800, h = 600;
  const auto indices = ChartIndices(w, h, 100, 42);
  const auto blended = encode_test::BlendedChartRgba(w, h, 100, 42);
  const auto palette = ChartPalette();
  for (int form = 0; form < 2; ++form) {
    for (PngPreset preset : kPresets) {
      TestHooks counting;
      PngScratch scratch(counting.Hooks());
      for (int i = 0; i < 3; ++i) {
        ByteBuffer out(AllocatorHooks::Default());
        const int64_t before = counting.allocations;
        if (form == 0) {
          const PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
          ASSERT_TRUE(EncodePalettePng(image, preset, &out, &scratch).ok());
        } else {
          ASSERT_TRUE(
              EncodeRgbaAsPng(RgbaImage{blended.data(), w, h, w * 4}, preset, &out, &scratch).ok());
        }
        if (i > 0) {
          EXPECT_EQ(counting.allocations, before)
              << "form " << form << " preset " << static_cast<int>(preset);
        }
      }
      EXPECT_GT(counting.live, 0);  // held by the scratch until it goes
    }
  }
}

TEST(PngScratch, FreesEverythingWhenDestroyedAndSurvivesFailedAllocations) {
  const uint32_t w = 120, h = 50;
  const auto indices = ChartIndices(w, h, 20, 1);
  const auto palette = ChartPalette();
  const PaletteImage image{indices.data(), w, h, w, absl::MakeConstSpan(palette)};
  ByteBuffer expected(AllocatorHooks::Default());
  ASSERT_TRUE(EncodePalettePng(image, PngPreset::kSmallest, &expected).ok());
  for (int64_t fail_at = 0;; ++fail_at) {
    ASSERT_LT(fail_at, 1000) << "never succeeded";
    TestHooks hooks;
    hooks.fail_at = fail_at;
    absl::Status st;
    {
      PngScratch scratch(hooks.Hooks());
      ByteBuffer out(AllocatorHooks::Default());
      st = EncodePalettePng(image, PngPreset::kSmallest, &out, &scratch);
      if (!st.ok()) {
        ASSERT_EQ(CodeOf(st), ErrorCode::kOutOfMemory) << st << " at allocation " << fail_at;
        ASSERT_EQ(out.size(), 0u);
        // The same scratch works once memory is back.
        ASSERT_TRUE(EncodePalettePng(image, PngPreset::kSmallest, &out, &scratch).ok());
      }
      ASSERT_EQ(Bytes(out), Bytes(expected)) << "at allocation " << fail_at;
    }
    EXPECT_EQ(hooks.live, 0) << "leak at allocation " << fail_at;
    if (st.ok()) break;
  }
}

}  // namespace
}  // namespace candlewick
