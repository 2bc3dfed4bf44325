// WebP output decoded with libwebp's WebPDecodeRGBA: lossless must match
// every byte, lossy must stay above a PSNR bound.
#include "cc/encode/webp.h"

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/encode/test_util.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

using encode_test::ChartIndices;
using encode_test::ChartPalette;
using encode_test::DecodeWebp;
using encode_test::ExpandToRgba;

void Decode(const ByteBuffer& webp, uint32_t w, uint32_t h, std::vector<uint8_t>* rgba) {
  int dw = 0, dh = 0;
  ASSERT_TRUE(DecodeWebp(webp.data(), webp.size(), rgba, &dw, &dh));
  ASSERT_EQ(static_cast<uint32_t>(dw), w);
  ASSERT_EQ(static_cast<uint32_t>(dh), h);
}

void ExpectExact(const ByteBuffer& webp, const uint8_t* rgba, uint32_t w, uint32_t h,
                 size_t stride) {
  std::vector<uint8_t> decoded;
  Decode(webp, w, h, &decoded);
  for (uint32_t y = 0; y < h; ++y) {
    ASSERT_EQ(0, std::memcmp(&decoded[static_cast<size_t>(y) * w * 4], rgba + y * stride, 4 * w))
        << "row " << y;
  }
}

// PSNR over the colour channels (alpha is opaque in these frames).
double Psnr(const std::vector<uint8_t>& decoded, const uint8_t* rgba, uint32_t w, uint32_t h,
            size_t stride) {
  double se = 0;
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < w; ++x) {
      for (int c = 0; c < 3; ++c) {
        const double d = static_cast<double>(decoded[(static_cast<size_t>(y) * w + x) * 4 + c]) -
                         rgba[y * stride + 4 * x + c];
        se += d * d;
      }
    }
  }
  const double mse = se / (3.0 * w * h);
  return mse == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(255.0 * 255.0 / mse);
}

std::vector<uint8_t> RandomRgba(uint32_t w, uint32_t h, size_t stride, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(stride * h, 0xEE);
  for (uint32_t y = 0; y < h; ++y) {
    for (size_t x = 0; x < 4 * static_cast<size_t>(w); ++x) v[y * stride + x] = rng() & 0xFF;
  }
  return v;
}

TEST(WebpLossless, ChartFrameRoundTripsExactly) {
  const uint32_t w = 800, h = 600;
  const auto rgba = ExpandToRgba(ChartIndices(w, h, 100, 4), w, h, ChartPalette(), w * 4);
  for (int method : {0, 4}) {
    ByteBuffer webp(AllocatorHooks::Default());
    WebpOptions options;
    options.method = method;
    ASSERT_TRUE(EncodeWebp(RgbaImage{rgba.data(), w, h, w * 4}, options, &webp).ok());
    ExpectExact(webp, rgba.data(), w, h, w * 4);
  }
}

TEST(WebpLossless, StridedTranslucentOddSizesRoundTripExactly) {
  // Random RGBA including fully transparent pixels with colour (kept by
  // `exact`), odd sizes, padded rows.
  for (uint32_t w : {1u, 3u, 33u}) {
    for (uint32_t h : {1u, 2u, 17u}) {
      const size_t stride = 4 * w + 20;
      auto rgba = RandomRgba(w, h, stride, w * 100 + h);
      rgba[3] = 0;  // first pixel fully transparent, colour random
      ByteBuffer webp(AllocatorHooks::Default());
      ASSERT_TRUE(EncodeWebp(RgbaImage{rgba.data(), w, h, stride}, WebpOptions{}, &webp).ok());
      ExpectExact(webp, rgba.data(), w, h, stride);
    }
  }
}

TEST(WebpLossless, AppendsAfterExistingBytes) {
  const uint8_t pixel[4] = {9, 8, 7, 255};
  ByteBuffer out(AllocatorHooks::Default());
  ASSERT_TRUE(out.Append("abc", 3));
  ASSERT_TRUE(EncodeWebp(RgbaImage{pixel, 1, 1, 4}, WebpOptions{}, &out).ok());
  ASSERT_GT(out.size(), 3u + 12);
  EXPECT_EQ(std::memcmp(out.data(), "abcRIFF", 7), 0);
  std::vector<uint8_t> decoded;
  int dw, dh;
  ASSERT_TRUE(DecodeWebp(out.data() + 3, out.size() - 3, &decoded, &dw, &dh));
  EXPECT_EQ(std::memcmp(decoded.data(), pixel, 4), 0);
}

TEST(WebpLossy, ChartFrameStaysAboveThePsnrBound) {
  const uint32_t w = 800, h = 600;
  const size_t stride = w * 4 + 36;
  const auto rgba = ExpandToRgba(ChartIndices(w, h, 100, 4), w, h, ChartPalette(), stride);
  // Measured with libwebp 1.2.4: 30.4 dB at quality 50, 31.1 dB at 90
  // (YUV 4:2:0 chroma caps the PSNR of thin saturated wicks; sharp YUV
  // gains only 0.2 dB). The bounds leave room for other libwebp versions
  // and still fail on a wrong stride or channel order.
  const struct {
    float quality;
    double min_psnr;
  } cases[] = {{50, 28}, {90, 29}};
  for (const auto& c : cases) {
    ByteBuffer webp(AllocatorHooks::Default());
    WebpOptions options;
    options.lossless = false;
    options.quality = c.quality;
    ASSERT_TRUE(EncodeWebp(RgbaImage{rgba.data(), w, h, stride}, options, &webp).ok());
    std::vector<uint8_t> decoded;
    Decode(webp, w, h, &decoded);
    EXPECT_GT(Psnr(decoded, rgba.data(), w, h, stride), c.min_psnr) << "quality " << c.quality;
  }
}

TEST(WebpLossy, OddSizes) {
  for (uint32_t w : {1u, 3u, 17u}) {
    for (uint32_t h : {1u, 5u}) {
      std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4, 0);
      for (size_t i = 0; i < rgba.size(); i += 4) {
        rgba[i] = 200;
        rgba[i + 1] = 40;
        rgba[i + 2] = 90;
        rgba[i + 3] = 255;
      }
      ByteBuffer webp(AllocatorHooks::Default());
      WebpOptions options;
      options.lossless = false;
      options.quality = 80;
      ASSERT_TRUE(EncodeWebp(RgbaImage{rgba.data(), w, h, w * 4}, options, &webp).ok());
      std::vector<uint8_t> decoded;
      Decode(webp, w, h, &decoded);
      EXPECT_GT(Psnr(decoded, rgba.data(), w, h, w * 4), 35) << w << "x" << h;
    }
  }
}

TEST(Webp, RejectsBadArgumentsAndLeavesOutputAlone) {
  const uint8_t pixel[4] = {1, 2, 3, 4};
  ByteBuffer out(AllocatorHooks::Default());
  const auto code = [&](RgbaImage image, WebpOptions options, ByteBuffer* o) {
    return CodeOf(EncodeWebp(image, options, o));
  };
  const RgbaImage ok_image{pixel, 1, 1, 4};
  WebpOptions options;
  EXPECT_EQ(code(ok_image, options, nullptr), ErrorCode::kNullArgument);
  EXPECT_EQ(code(RgbaImage{nullptr, 1, 1, 4}, options, &out), ErrorCode::kNullArgument);
  EXPECT_EQ(code(RgbaImage{pixel, 0, 1, 4}, options, &out), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(RgbaImage{pixel, 1, 0, 4}, options, &out), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(RgbaImage{pixel, 16384, 1, 16384 * 4}, options, &out),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(RgbaImage{pixel, 1, 1, 3}, options, &out), ErrorCode::kInvalidArgument);
  for (float q : {-1.0f, 100.5f, std::numeric_limits<float>::quiet_NaN()}) {
    WebpOptions bad;
    bad.quality = q;
    EXPECT_EQ(code(ok_image, bad, &out), ErrorCode::kInvalidArgument) << q;
  }
  for (int m : {-1, 7}) {
    WebpOptions bad;
    bad.method = m;
    EXPECT_EQ(code(ok_image, bad, &out), ErrorCode::kInvalidArgument) << m;
  }
  EXPECT_EQ(out.size(), 0u);
}

// Hooks that fail after `budget` bytes: the output buffer is the only user,
// so the writer callback sees the failure.
struct BudgetHooks {
  size_t budget;
  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    auto* self = static_cast<BudgetHooks*>(opaque);
    if (size > self->budget) return nullptr;
    return AllocatorHooks::Default().alloc(nullptr, size, alignment);
  }
  static void Free(void*, void* p) { AllocatorHooks::Default().free(nullptr, p); }
};

TEST(Webp, OutputAllocationFailureIsOutOfMemory) {
  const uint32_t w = 200, h = 100;
  const auto rgba = RandomRgba(w, h, w * 4, 3);  // incompressible: ~80 KB
  BudgetHooks budget{1024};
  AllocatorHooks hooks;
  hooks.opaque = &budget;
  hooks.alloc = &BudgetHooks::Alloc;
  hooks.free = &BudgetHooks::Free;
  ByteBuffer out(hooks);
  const absl::Status st = EncodeWebp(RgbaImage{rgba.data(), w, h, w * 4}, WebpOptions{}, &out);
  EXPECT_EQ(CodeOf(st), ErrorCode::kOutOfMemory) << st;
  EXPECT_EQ(out.size(), 0u);
}

}  // namespace
}  // namespace candlewick
