// Golden images: each fixed chart must match the committed PNG pixel for
// pixel, on every Highway target compiled into the library, and its PNG
// output must decode back to the same pixels.
// Regenerate after an intended change: bazel run //tests:regenerate_golden
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "cc/canvas/fill.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
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
    std::vector<uint8_t> frame;
    ASSERT_EQ(RenderGolden(c, &frame), CW_OK);
    cw_chart* chart = nullptr;
    ASSERT_EQ(cw_chart_create(&c.options, &chart), CW_OK);
    const Series s = MakeSeries(c.candles, c.seed);
    const cw_ohlcv v = s.View();
    cw_buffer* png = nullptr;
    ASSERT_EQ(cw_chart_render_png(chart, &v, &png), CW_OK);
    std::vector<uint8_t> decoded;
    uint32_t w = 0, h = 0;
    ASSERT_TRUE(DecodePng(cw_buffer_data(png), cw_buffer_size(png), &decoded, &w, &h));
    EXPECT_EQ(decoded, frame);
    cw_buffer_destroy(png);
    cw_chart_destroy(chart);
  }
}

INSTANTIATE_TEST_SUITE_P(AllTargets, GoldenOnEveryTarget,
                         ::testing::ValuesIn(hwy::SupportedAndGeneratedTargets()),
                         [](const ::testing::TestParamInfo<int64_t>& info) {
                           return std::string(hwy::TargetName(info.param));
                         });

}  // namespace
}  // namespace candlewick_test
