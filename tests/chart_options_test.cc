// cw_chart_options_validate(): every way cw_chart_create() can refuse
// options, each with the same status from both and a message that names the
// problem; and cw_chart_options.webp_quality, set like every other option.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

struct BadOptions {
  const char* what;
  std::function<void(cw_chart_options*)> spoil;
  cw_status status;
  const char* message_part;  // the message names the problem
};

void* NoAlloc(void*, size_t, size_t) { return nullptr; }
const uint8_t kNotAFont[] = {'n', 'o', 't', ' ', 'a', ' ', 'f', 'o', 'n', 't'};

std::vector<BadOptions> BadCases() {
  static const cw_allocator half_allocator = {nullptr, NoAlloc, nullptr};
  return {
      {"struct_size below version 1", [](cw_chart_options* o) { o->struct_size = 8; },
       CW_ERR_STRUCT_SIZE, "struct_size 8"},
      {"allocator without free",
       [](cw_chart_options* o) { o->allocator = &half_allocator; }, CW_ERR_NULL_ARGUMENT,
       "allocator"},
      {"width too small", [](cw_chart_options* o) { o->width = 8; }, CW_ERR_SIZE_OUT_OF_RANGE,
       "got 8x600"},
      {"height too large", [](cw_chart_options* o) { o->height = 20000; },
       CW_ERR_SIZE_OUT_OF_RANGE, "got 800x20000"},
      {"unknown theme", [](cw_chart_options* o) { o->theme = 99; }, CW_ERR_INVALID_ARGUMENT,
       "unknown theme 99"},
      {"unknown type", [](cw_chart_options* o) { o->type = -1; }, CW_ERR_INVALID_ARGUMENT,
       "unknown chart type -1"},
      {"unknown PNG preset", [](cw_chart_options* o) { o->png_preset = 7; },
       CW_ERR_INVALID_ARGUMENT, "unknown PNG preset 7"},
      {"translucent custom colour",
       [](cw_chart_options* o) {
         o->use_custom_colors = 1;
         o->up = 0x00FF0080;
       },
       CW_ERR_INVALID_ARGUMENT, "opaque"},
      {"zero price weight", [](cw_chart_options* o) { o->price_weight = 0; },
       CW_ERR_INVALID_ARGUMENT, "weights"},
      {"font size without data", [](cw_chart_options* o) { o->font_data_size = 10; },
       CW_ERR_NULL_ARGUMENT, "font_data is NULL"},
      {"bytes that are no font",
       [](cw_chart_options* o) {
         o->font_data = kNotAFont;
         o->font_data_size = sizeof kNotAFont;
       },
       CW_ERR_INVALID_ARGUMENT, ""},
      {"WebP quality above 100", [](cw_chart_options* o) { o->webp_quality = 100.5f; },
       CW_ERR_INVALID_ARGUMENT, "webp_quality must be in [0, 100], got 100.5"},
      {"WebP quality below 0", [](cw_chart_options* o) { o->webp_quality = -1; },
       CW_ERR_INVALID_ARGUMENT, "webp_quality"},
      {"WebP quality NaN", [](cw_chart_options* o) { o->webp_quality = std::nanf(""); },
       CW_ERR_INVALID_ARGUMENT, "webp_quality"},
  };
}

TEST(ChartOptionsValidateTest, GoodOptionsGiveOkAndAnEmptyMessage) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  candlewick_test::ExpectValidation(o, CW_OK);
  EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 0), CW_OK);
}

TEST(ChartOptionsValidateTest, NullOptions) {
  char message[64];
  EXPECT_EQ(cw_chart_options_validate(nullptr, message, sizeof message), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(message, "options is NULL");
  cw_chart* chart = reinterpret_cast<cw_chart*>(&message);
  EXPECT_EQ(cw_chart_create(nullptr, &chart), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(chart, nullptr);
}

TEST(ChartOptionsValidateTest, ExplainsEveryReasonCreateRefuses) {
  for (const BadOptions& c : BadCases()) {
    SCOPED_TRACE(c.what);
    cw_chart_options o;
    cw_chart_options_init(&o);
    c.spoil(&o);
    // cw_chart_create refuses the same options with the same status.
    candlewick_test::ExpectValidation(o, c.status, c.message_part);
  }
}

TEST(ChartOptionsValidateTest, TruncatesTheMessageToTheBuffer) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.theme = 99;
  char message[8];
  EXPECT_EQ(cw_chart_options_validate(&o, message, sizeof message), CW_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(message, "unknown");
  // A zero size writes nothing (message may be NULL).
  EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 0), CW_ERR_INVALID_ARGUMENT);
}

// A lossy WebP of a fixed series with these options.
std::vector<uint8_t> Webp(const cw_chart_options& o, const float* set_quality = nullptr) {
  const candlewick_test::ChartPtr chart = candlewick_test::MakeChart(o);
  if (chart == nullptr) return {};
  if (set_quality != nullptr) {
    EXPECT_EQ(cw_chart_set_webp_quality(chart.get(), *set_quality), CW_OK);
  }
  const candlewick_test::Series series = candlewick_test::MakeSeries(120, 3);
  const cw_ohlcv view = series.View();
  cw_chart_data data;
  cw_chart_data_init(&data, &view);
  std::vector<uint8_t> bytes;
  EXPECT_EQ(candlewick_test::RenderBytes(chart.get(), &data, CW_FORMAT_WEBP_LOSSY, &bytes), CW_OK);
  return bytes;
}

TEST(ChartOptionsWebpQualityTest, TheOptionSetsTheQualityLikeTheSetter) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  EXPECT_EQ(o.webp_quality, 90.0f);
  o.antialias = 1;  // blended edges: the quality shows in the size
  const std::vector<uint8_t> by_default = Webp(o);
  o.webp_quality = 20.0f;
  const std::vector<uint8_t> low = Webp(o);
  EXPECT_LT(low.size(), by_default.size());
  // The same quality through cw_chart_set_webp_quality gives the same bytes.
  o.webp_quality = 90.0f;
  const float twenty = 20.0f;
  EXPECT_EQ(Webp(o, &twenty), low);
}

TEST(ChartOptionsWebpQualityTest, AVersion1CallerGetsTheDefault) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.antialias = 1;
  const std::vector<uint8_t> by_default = Webp(o);
  // A caller built before webp_quality existed: struct_size stops short of
  // it, so whatever lies there is not read.
  o.struct_size = 136;
  o.webp_quality = 5.0f;
  EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 0), CW_OK);
  EXPECT_EQ(Webp(o), by_default);
}

}  // namespace
