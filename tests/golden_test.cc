// Golden images: each fixed chart must match the committed PNG pixel for
// pixel, on every Highway target compiled into the library, and its PNG
// output must decode back to the same pixels.
// Regenerate after an intended change: bazel run //tests:regenerate_golden
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "cc/canvas/fill.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"
#include "tests/golden_cases.h"
#include "tests/test_support.h"

namespace candlewick_test {
namespace {

std::string GoldenDir() {
  return std::string(std::getenv("TEST_SRCDIR")) + "/" + std::getenv("TEST_WORKSPACE") +
         "/tests/golden/";
}

std::map<std::string, std::string> RecordedHashes() {
  std::map<std::string, std::string> hashes;
  std::ifstream in(GoldenDir() + "hashes.txt");
  std::string name, hash;
  while (in >> name >> hash) hashes[name] = hash;
  return hashes;
}

class GoldenOnEveryTarget : public ::testing::TestWithParam<int64_t> {
 protected:
  void SetUp() override { hwy::SetSupportedTargetsForTest(GetParam()); }
  void TearDown() override { hwy::SetSupportedTargetsForTest(0); }
};

TEST_P(GoldenOnEveryTarget, PixelsMatchCommittedImages) {
  ASSERT_STREQ(candlewick::FillTargetName(), hwy::TargetName(GetParam()));
  const auto hashes = RecordedHashes();
  ASSERT_FALSE(hashes.empty()) << "tests/golden/hashes.txt missing";
  for (const GoldenCase& c : GoldenCases()) {
    SCOPED_TRACE(c.name);
    std::vector<uint8_t> got;
    ASSERT_EQ(RenderGolden(c, &got), CW_OK);
    std::vector<uint8_t> want;
    uint32_t w = 0, h = 0;
    ASSERT_TRUE(DecodePngFile(GoldenDir() + c.name + ".png", &want, &w, &h));
    ASSERT_EQ(w, c.options.width);
    ASSERT_EQ(h, c.options.height);
    EXPECT_EQ(PixelHash(got.data(), got.size()), hashes.at(c.name));
    if (got != want) {
      size_t diff = 0;
      for (size_t i = 0; i < got.size(); ++i) diff += got[i] != want[i];
      ADD_FAILURE() << diff << " bytes differ from the golden image";
    }
  }
}

TEST_P(GoldenOnEveryTarget, PngOutputDecodesToTheSameFrame) {
  for (const GoldenCase& c : GoldenCases()) {
    SCOPED_TRACE(c.name);
    std::vector<uint8_t> frame, png, decoded;
    ASSERT_EQ(RenderGolden(c, &frame), CW_OK);
    ASSERT_EQ(RenderGolden(c, &png, CW_FORMAT_PNG), CW_OK);
    uint32_t w = 0, h = 0;
    ASSERT_TRUE(DecodePng(png.data(), png.size(), &decoded, &w, &h));
    EXPECT_EQ(decoded, frame);
  }
}

// Crisp charts use exactly the palette's colours: no in-between colour
// anywhere, and the indexed frame expands to the RGBA frame.
TEST_P(GoldenOnEveryTarget, CrispFramesUseOnlyPaletteColours) {
  for (const GoldenCase& c : GoldenCases()) {
    if (c.options.antialias) continue;
    SCOPED_TRACE(c.name);
    std::vector<uint8_t> rgba, indexed;
    ASSERT_EQ(RenderGolden(c, &rgba), CW_OK);
    ASSERT_EQ(RenderGolden(c, &indexed, CW_FORMAT_INDEXED8), CW_OK);
    // Expand indices with the colours present in the RGBA frame.
    std::map<uint8_t, uint32_t> colour_of;
    for (size_t i = 0; i < indexed.size(); ++i) {
      const uint32_t rgba_px = static_cast<uint32_t>(rgba[4 * i]) << 24 |
                               static_cast<uint32_t>(rgba[4 * i + 1]) << 16 |
                               static_cast<uint32_t>(rgba[4 * i + 2]) << 8 | rgba[4 * i + 3];
      auto it = colour_of.emplace(indexed[i], rgba_px).first;
      ASSERT_EQ(it->second, rgba_px) << "index " << int(indexed[i]) << " maps to two colours";
    }
    EXPECT_LE(colour_of.size(), 16u) << "a crisp chart has a handful of colours";
  }
}

INSTANTIATE_TEST_SUITE_P(AllTargets, GoldenOnEveryTarget,
                         ::testing::ValuesIn(hwy::SupportedAndGeneratedTargets()),
                         hwy::TestParamTargetName);

}  // namespace
}  // namespace candlewick_test
