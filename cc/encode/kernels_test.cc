// Every compiled Highway target is compared with the scalar reference on
// lengths around and between the vector widths (so every tail path runs),
// at unaligned offsets, with guard bytes that must stay untouched.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "cc/encode/kernels.h"
#include "cc/encode/kernels_reference.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace {

constexpr uint8_t kGuard = 0xA5;

// Each test runs once per compiled target, forced (Highway's adapter; it
// also checks that the test went through dynamic dispatch).
using KernelsOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(KernelsOnEveryTarget);

std::vector<uint8_t> RandomBytes(size_t n, uint32_t seed, int max_value = 255) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(0, max_value);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(dist(rng));
  return v;
}

// Chart-like bytes: long runs of a few values, so the equal-run paths of the
// kernels get exercised as well as the random ones.
std::vector<uint8_t> RunBytes(size_t n, uint32_t seed, int max_value) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  size_t i = 0;
  while (i < n) {
    const size_t run = 1 + rng() % 40;
    const auto value = static_cast<uint8_t>(rng() % (max_value + 1));
    for (size_t k = 0; k < run && i < n; ++k) v[i++] = value;
  }
  return v;
}

// PackIndicesRow against its reference on `width` indices at `in` (through
// `remap` when not NULL): the same packed bytes, the guard bytes after the
// row untouched, and the same largest index.
::testing::AssertionResult PackMatchesReference(const uint8_t* in, size_t width, int bits,
                                                const uint8_t* remap) {
  const size_t bytes = PackedRowBytes(width, bits);
  std::vector<uint8_t> got(bytes + 16, kGuard), want(bytes + 16, kGuard);
  const uint8_t got_max = PackIndicesRow(in, width, bits, remap, got.data());
  const uint8_t want_max = PackIndicesRowReference(in, width, bits, remap, want.data());
  if (got != want) {
    return ::testing::AssertionFailure()
           << "packed bytes differ from the reference, bits=" << bits << " width=" << width;
  }
  if (got_max != want_max) {
    return ::testing::AssertionFailure() << "largest index " << int{got_max} << ", reference "
                                         << int{want_max} << ", bits=" << bits
                                         << " width=" << width;
  }
  return ::testing::AssertionSuccess();
}

TEST_P(KernelsOnEveryTarget, DispatchesToTheTargetUnderTest) {
  EXPECT_STREQ(EncodeKernelTargetName(), hwy::TargetName(GetParam()));
}

TEST_P(KernelsOnEveryTarget, PackIndicesMatchesReferenceForEveryDepthAndWidth) {
  for (int bits : {1, 2, 4, 8}) {
    for (size_t width = 0; width <= 300; ++width) {
      for (int runs = 0; runs < 2; ++runs) {
        const int max_value = (1 << bits) - 1;
        const auto in = runs ? RunBytes(width + 3, static_cast<uint32_t>(width), max_value)
                             : RandomBytes(width + 3, static_cast<uint32_t>(width), max_value);
        // Input at an odd offset: no alignment is assumed.
        ASSERT_TRUE(PackMatchesReference(in.data() + 3, width, bits, nullptr));
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, PackIndicesRemapsThroughTheTable) {
  // Indices 0..15 mapped onto 0..(2^bits - 1) by a table that merges and
  // permutes entries, as the encoder does when it drops unused colours.
  std::mt19937 rng(17);
  for (int bits : {1, 2, 4, 8}) {
    uint8_t remap[16];
    for (auto& r : remap) r = static_cast<uint8_t>(rng() % (1u << std::min(bits, 4)));
    for (size_t width = 0; width <= 200; ++width) {
      const auto in = RunBytes(width + 1, static_cast<uint32_t>(width * 5 + bits), 15);
      ASSERT_TRUE(PackMatchesReference(in.data() + 1, width, bits, remap));
    }
  }
}

TEST_P(KernelsOnEveryTarget, SmallIndicesPresentFindsEveryIndexAndTheMaximum) {
  for (size_t n = 0; n <= 300; ++n) {
    for (int max_value : {1, 5, 15}) {
      const auto in = RunBytes(n, static_cast<uint32_t>(n * 3 + max_value), max_value);
      uint8_t got_max = 99, want_max = 98;
      const uint32_t got = SmallIndicesPresent(in.data(), n, &got_max);
      const uint32_t want = SmallIndicesPresentReference(in.data(), n, &want_max);
      ASSERT_EQ(got, want) << n;
      ASSERT_EQ(got_max, want_max) << n;
    }
  }
  // An index of 16 or more anywhere shows in the maximum.
  for (size_t pos : {0u, 31u, 64u, 129u}) {
    std::vector<uint8_t> in(130, 2);
    in[pos] = 200;
    uint8_t max_index = 0;
    SmallIndicesPresent(in.data(), in.size(), &max_index);
    EXPECT_EQ(max_index, 200) << pos;
  }
}

TEST_P(KernelsOnEveryTarget, PackIndicesPutsTheLeftmostPixelInTheHighBits) {
  // Hand-written expectations, independent of the reference.
  const uint8_t ones[9] = {1, 0, 0, 0, 0, 0, 0, 1, 1};
  uint8_t out[4] = {0, 0, 0, kGuard};
  PackIndicesRow(ones, 9, 1, nullptr, out);
  EXPECT_EQ(out[0], 0x81);
  EXPECT_EQ(out[1], 0x80);
  EXPECT_EQ(out[3], kGuard);
  const uint8_t twos[5] = {3, 0, 1, 2, 1};
  PackIndicesRow(twos, 5, 2, nullptr, out);
  EXPECT_EQ(out[0], 0xC6);  // 11 00 01 10
  EXPECT_EQ(out[1], 0x40);  // 01 then zero padding
  const uint8_t fours[3] = {0xA, 0x5, 0xF};
  PackIndicesRow(fours, 3, 4, nullptr, out);
  EXPECT_EQ(out[0], 0xA5);
  EXPECT_EQ(out[1], 0xF0);
}

TEST_P(KernelsOnEveryTarget, PackIndicesReportsTheLargestIndex) {
  // An out-of-range index anywhere in a long row (vector part and tail) must
  // be reported, whatever it does to the packed bytes.
  for (size_t pos : {0u, 17u, 63u, 64u, 130u, 199u}) {
    std::vector<uint8_t> in(200, 1), out(200);
    in[pos] = 7;
    EXPECT_EQ(PackIndicesRow(in.data(), in.size(), 2, nullptr, out.data()), 7) << pos;
  }
}

TEST_P(KernelsOnEveryTarget, FiltersMatchReference) {
  for (size_t n = 0; n <= 300; ++n) {
    const auto cur = RandomBytes(n + 1, static_cast<uint32_t>(n));
    const auto prev = RandomBytes(n + 1, static_cast<uint32_t>(n) + 1000);
    for (size_t bpp : {1u, 2u, 3u, 4u, 6u, 8u}) {
      std::vector<uint8_t> got(n + 8, kGuard), want(n + 8, kGuard);
      FilterSubRow(cur.data() + 1, n, bpp, got.data());
      FilterSubRowReference(cur.data() + 1, n, bpp, want.data());
      ASSERT_EQ(got, want) << "sub n=" << n << " bpp=" << bpp;
      FilterPaethRow(cur.data() + 1, prev.data() + 1, n, bpp, got.data());
      FilterPaethRowReference(cur.data() + 1, prev.data() + 1, n, bpp, want.data());
      ASSERT_EQ(got, want) << "paeth n=" << n << " bpp=" << bpp;
    }
    std::vector<uint8_t> got(n + 8, kGuard), want(n + 8, kGuard);
    FilterUpRow(cur.data() + 1, prev.data() + 1, n, got.data());
    FilterUpRowReference(cur.data() + 1, prev.data() + 1, n, want.data());
    ASSERT_EQ(got, want) << "up n=" << n;
  }
}

TEST_P(KernelsOnEveryTarget, PaethCoversEveryPredictorChoiceAndTie) {
  // All (a, b, c) over a grid that includes equal values (the ties decide
  // between a, b and c) and the extremes 0 and 255.
  const int values[] = {0, 1, 2, 100, 127, 128, 129, 254, 255};
  std::vector<uint8_t> cur, prev;
  for (int a : values) {
    for (int b : values) {
      for (int c : values) {
        // bpp = 1: cur = [a, x], prev = [c, b]; the second byte is predicted.
        cur.push_back(static_cast<uint8_t>(a));
        cur.push_back(static_cast<uint8_t>(a * 7 + b));
        prev.push_back(static_cast<uint8_t>(c));
        prev.push_back(static_cast<uint8_t>(b));
      }
    }
  }
  std::vector<uint8_t> got(cur.size()), want(cur.size());
  FilterPaethRow(cur.data(), prev.data(), cur.size(), 1, got.data());
  FilterPaethRowReference(cur.data(), prev.data(), cur.size(), 1, want.data());
  EXPECT_EQ(got, want);
}

TEST_P(KernelsOnEveryTarget, RunBreaksAndSumAbsMatchReference) {
  for (size_t n = 0; n <= 300; ++n) {
    const auto random = RandomBytes(n, static_cast<uint32_t>(n));
    const auto runs = RunBytes(n, static_cast<uint32_t>(n), 3);
    EXPECT_EQ(CountRunBreaks(random.data(), n), CountRunBreaksReference(random.data(), n)) << n;
    EXPECT_EQ(CountRunBreaks(runs.data(), n), CountRunBreaksReference(runs.data(), n)) << n;
    EXPECT_EQ(SumAbsSigned(random.data(), n), SumAbsSignedReference(random.data(), n)) << n;
  }
  const uint8_t extremes[4] = {0x80, 0x7F, 0xFF, 0x01};  // -128, 127, -1, 1
  EXPECT_EQ(SumAbsSigned(extremes, 4), 128u + 127u + 1u + 1u);
}

TEST_P(KernelsOnEveryTarget, Adler32MatchesZlib) {
  // Lengths past one 4096-vector block on every target, all-0xFF input (the
  // largest sums) and chained calls.
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 63u, 64u, 65u, 200u, 4095u, 65536u, 300001u}) {
    const auto random = RandomBytes(n, static_cast<uint32_t>(n));
    const std::vector<uint8_t> ones(n, 0xFF);
    for (const auto* data : {&random, &ones}) {
      const uint32_t want =
          static_cast<uint32_t>(adler32(1, data->data(), static_cast<uInt>(data->size())));
      ASSERT_EQ(Adler32(1, data->data(), data->size()), want) << n;
      const size_t half = n / 3;
      const uint32_t chained =
          Adler32(Adler32(1, data->data(), half), data->data() + half, n - half);
      ASSERT_EQ(chained, want) << n;
    }
  }
  for (size_t n = 0; n < 300; ++n) {
    const auto random = RandomBytes(n + 1, static_cast<uint32_t>(n));
    ASSERT_EQ(Adler32(0x12345678u % 65521, random.data() + 1, n),
              Adler32Reference(0x12345678u % 65521, random.data() + 1, n))
        << n;
  }
}

TEST_P(KernelsOnEveryTarget, RgbaToRgbMatchesReference) {
  for (size_t pixels = 0; pixels <= 200; ++pixels) {
    const auto rgba = RandomBytes(4 * pixels + 1, static_cast<uint32_t>(pixels));
    std::vector<uint8_t> got(3 * pixels + 8, kGuard), want(3 * pixels + 8, kGuard);
    RgbaToRgbRow(rgba.data() + 1, pixels, got.data() + 1);
    RgbaToRgbRowReference(rgba.data() + 1, pixels, want.data() + 1);
    ASSERT_EQ(got, want) << pixels;
  }
}

TEST_P(KernelsOnEveryTarget, IsOpaqueFindsATransparentPixelAnywhere) {
  for (size_t pixels = 0; pixels <= 100; ++pixels) {
    std::vector<uint8_t> rgba = RandomBytes(4 * pixels + 1, static_cast<uint32_t>(pixels));
    for (size_t i = 0; i < pixels; ++i) rgba[1 + 4 * i + 3] = 0xFF;
    ASSERT_TRUE(IsOpaqueRow(rgba.data() + 1, pixels)) << pixels;
    for (size_t i = 0; i < pixels; ++i) {
      rgba[1 + 4 * i + 3] = 0xFE;
      ASSERT_FALSE(IsOpaqueRow(rgba.data() + 1, pixels)) << pixels << " at " << i;
      rgba[1 + 4 * i + 3] = 0xFF;
    }
  }
}

// Rows of a few colours in runs, each row a variation of the one above, so
// the copy-from-above, fill and lookup paths all run.
std::vector<uint8_t> ChartLikeRows(size_t width, size_t height, int colours, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> rgba(width * height * 4);
  const auto colour = [&](uint32_t i) {
    return 0xFF000000u | (i * 0x3B1F7u & 0xFFFFFF);
  };
  for (size_t y = 0; y < height; ++y) {
    uint8_t* row = rgba.data() + y * width * 4;
    if (y > 0 && rng() % 2) {
      std::memcpy(row, row - width * 4, width * 4);
      const size_t x = rng() % width;
      const uint32_t c = colour(rng() % colours);
      std::memcpy(row + 4 * x, &c, 4);
      continue;
    }
    size_t x = 0;
    while (x < width) {
      const size_t run = 1 + rng() % 50;
      const uint32_t c = colour(rng() % colours);
      for (size_t k = 0; k < run && x < width; ++k, ++x) std::memcpy(row + 4 * x, &c, 4);
    }
  }
  return rgba;
}

TEST_P(KernelsOnEveryTarget, IndexRgbaRowMatchesReferenceWithAndWithoutRowAbove) {
  for (size_t width : {1u, 3u, 15u, 16u, 17u, 63u, 100u, 257u}) {
    const size_t height = 40;
    const auto rgba = ChartLikeRows(width, height, 200, static_cast<uint32_t>(width));
    for (bool use_prev : {false, true}) {
      ColourTable got_table, want_table;
      std::vector<uint8_t> got(width * height + 16, kGuard), want(width * height + 16, kGuard);
      for (size_t y = 0; y < height; ++y) {
        const uint8_t* row = rgba.data() + y * width * 4;
        const bool prev = use_prev && y > 0;
        ASSERT_TRUE(IndexRgbaRow(row, prev ? row - width * 4 : nullptr,
                                 prev ? got.data() + (y - 1) * width : nullptr, width, &got_table,
                                 got.data() + y * width));
        ASSERT_TRUE(IndexRgbaRowReference(row, width, &want_table, want.data() + y * width));
      }
      ASSERT_EQ(got, want) << "width=" << width << " prev=" << use_prev;
      ASSERT_EQ(got_table.size(), want_table.size());
      for (size_t i = 0; i < got_table.size(); ++i) {
        ASSERT_EQ(got_table.colours()[i], want_table.colours()[i]);
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, IndexRgbaRowStopsAtTheTwoHundredFiftySeventhColour) {
  for (size_t colours : {256u, 257u}) {
    std::vector<uint8_t> rgba(colours * 4);
    for (size_t i = 0; i < colours; ++i) {
      const uint32_t c = 0xFF000000u | static_cast<uint32_t>(i * 65537);
      std::memcpy(rgba.data() + 4 * i, &c, 4);
    }
    ColourTable table;
    std::vector<uint8_t> indices(colours);
    const bool ok = IndexRgbaRow(rgba.data(), nullptr, nullptr, colours, &table, indices.data());
    EXPECT_EQ(ok, colours <= 256) << colours;
    EXPECT_EQ(table.size(), 256u);
  }
}

}  // namespace
}  // namespace candlewick
