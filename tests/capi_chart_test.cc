// The chart part of the C API: lifetimes, ownership, and every error path
// (a clear status, a message naming the problem, nothing written or leaked).
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartOptions;
using candlewick_test::ChartPtr;
using candlewick_test::Contains;
using candlewick_test::DecodePng;
using candlewick_test::ExpectChartRefused;
using candlewick_test::ExpectValidation;
using candlewick_test::MakeChart;
using candlewick_test::MakeSeries;
using candlewick_test::Series;
using candlewick_test::TestingAllocator;

// MakeSeries(rows, seed) drawn on a 200x120 chart into a tight RGBA frame
// (stride 800) first filled with `fill`.
struct Drawn {
  static constexpr size_t kStride = 200 * 4;
  Drawn(size_t rows, uint32_t seed, uint8_t fill = 0)
      : series(MakeSeries(rows, seed)), view(series.View()), px(kStride * 120, fill) {}
  // cw_chart_render_rgba of `v` into all of px.
  cw_status Render(const cw_ohlcv& v, size_t stride = kStride) {
    return cw_chart_render_rgba(chart.get(), &v, px.data(), px.size(), stride);
  }
  ChartPtr chart = MakeChart(200, 120);
  Series series;
  cw_ohlcv view;
  std::vector<uint8_t> px;
};

TEST(Version, HeaderMatchesLibrary) {
  EXPECT_EQ(cw_version(), static_cast<uint32_t>(CW_VERSION_NUMBER));
  char expected[32];
  std::snprintf(expected, sizeof expected, "%d.%d.%d", CW_VERSION_MAJOR, CW_VERSION_MINOR,
                CW_VERSION_PATCH);
  EXPECT_STREQ(cw_version_string(), expected);
}

TEST(StatusStrings, EveryCodeHasFixedText) {
  for (cw_status s = CW_OK; s <= CW_ERR_SERIES_TOO_SHORT; ++s) {
    EXPECT_STRNE(cw_status_string(s), "unknown status") << s;
  }
  EXPECT_STREQ(cw_status_string(-1), "unknown status");
  EXPECT_STREQ(cw_status_string(1000), "unknown status");
}

TEST(Lifetime, DestroyNullIsANoOpAndNullHandlesAreRejected) {
  cw_chart_destroy(nullptr);
  cw_buffer_destroy(nullptr);
  EXPECT_EQ(cw_buffer_data(nullptr), nullptr);
  EXPECT_EQ(cw_buffer_size(nullptr), 0u);
  EXPECT_NE(cw_chart_last_error(nullptr), nullptr);
  Series s = MakeSeries(10, 1);
  cw_ohlcv v = s.View();
  std::vector<uint8_t> px(200 * 120 * 4);
  cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_chart_render_rgba(nullptr, &v, px.data(), px.size(), 800), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render_png(nullptr, &v, &out), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(out, nullptr) << "out-pointer must be cleared on failure";
  EXPECT_EQ(cw_chart_frame_info(nullptr, nullptr, nullptr, nullptr, nullptr),
            CW_ERR_NULL_ARGUMENT);
}

TEST(Create, RejectsBadOptions) {
  cw_chart* c = reinterpret_cast<cw_chart*>(0x1);
  EXPECT_EQ(cw_chart_create(nullptr, &c), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(c, nullptr);
  cw_chart_options o;
  cw_chart_options_init(&o);
  EXPECT_EQ(cw_chart_create(&o, nullptr), CW_ERR_NULL_ARGUMENT);

  // One field (or two) off the defaults: create fails with a status and
  // writes a null handle.
  static const cw_allocator kHalf = {nullptr, nullptr, nullptr};
  const struct {
    void (*mutate)(cw_chart_options*);
    cw_status want;
  } kBad[] = {
      {[](cw_chart_options* x) { x->struct_size = 8; }, CW_ERR_STRUCT_SIZE},
      {[](cw_chart_options* x) { x->width = 0; }, CW_ERR_SIZE_OUT_OF_RANGE},
      {[](cw_chart_options* x) { x->height = CW_MAX_DIMENSION + 1; }, CW_ERR_SIZE_OUT_OF_RANGE},
      // Would be negative as int32.
      {[](cw_chart_options* x) { x->width = 0xFFFFFFFFu; }, CW_ERR_SIZE_OUT_OF_RANGE},
      {[](cw_chart_options* x) { x->theme = 42; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->type = CW_CHART_POINT_FIGURE + 1; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->type = -1; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->line_width = 0; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->line_width = NAN; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->reversal = 0; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->label_size = 2; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->price_weight = -1; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->volume_weight = INFINITY; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->margin = 400; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->panel_gap = 1001; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->panel_gap = INT32_MAX; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->box_size = INFINITY; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->reversal = INT32_MAX; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->label_size = INT32_MAX; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->price_weight = 1e30f; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->line_width = 1e30f; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->panel_gap = -3; }, CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->box_size = -1; }, CW_ERR_INVALID_ARGUMENT},
      // With font_data NULL.
      {[](cw_chart_options* x) { x->font_data_size = 10; }, CW_ERR_NULL_ARGUMENT},
      {[](cw_chart_options* x) { x->png_preset = -1; }, CW_ERR_INVALID_ARGUMENT},
      // A translucent colour.
      {[](cw_chart_options* x) {
         x->use_custom_colors = 1;
         x->up = 0x00FF0080;
       },
       CW_ERR_INVALID_ARGUMENT},
      {[](cw_chart_options* x) { x->allocator = &kHalf; }, CW_ERR_NULL_ARGUMENT},
  };
  for (size_t i = 0; i < sizeof kBad / sizeof kBad[0]; ++i) {
    SCOPED_TRACE(i);
    cw_chart_options bad = o;
    kBad[i].mutate(&bad);
    ExpectChartRefused(bad, kBad[i].want);
  }
  // Margins whose margin * 4 overflows int32 (they were accepted and drew a
  // blank frame), and the exact boundary: below a quarter of the smaller
  // side (600 / 4 = 150).
  for (int32_t margin : {int32_t{1} << 29, int32_t{1} << 30, INT32_MAX, INT32_MIN, -1, 150}) {
    SCOPED_TRACE(margin);
    cw_chart_options bad = o;
    bad.margin = margin;
    ExpectChartRefused(bad, CW_ERR_INVALID_ARGUMENT);
  }
  cw_chart_options edge = o;
  edge.margin = 149;
  EXPECT_NE(MakeChart(edge), nullptr);
  // A larger struct from a newer header is accepted (its tail is ignored).
  struct {
    cw_chart_options base;
    char future[64];
  } newer;
  std::memset(&newer, 0, sizeof newer);
  newer.base = o;
  newer.base.struct_size = sizeof newer;
  EXPECT_NE(MakeChart(newer.base), nullptr);
}

TEST(Create, TimeZonesByIanaNameAndAClearErrorForABadOne) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  EXPECT_EQ(o.time_zone, nullptr) << "UTC by default";
  for (const char* zone : {"", "UTC", "America/New_York", "Europe/London", "Asia/Kolkata"}) {
    SCOPED_TRACE(zone);
    o.time_zone = zone;
    ExpectValidation(o, CW_OK);
  }
  // The name is copied at create: the caller's string may change after.
  char zone[32] = "America/New_York";
  o.time_zone = zone;
  ChartPtr c = MakeChart(o);
  ASSERT_NE(c, nullptr);
  std::strcpy(zone, "not a zone");
  Series s = MakeSeries(30, 2);
  cw_ohlcv v = s.View();
  cw_buffer* png = nullptr;
  EXPECT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
  cw_buffer_destroy(png);

  for (const char* bad : {"America/New_Yrok", "../../../etc/passwd", "/usr/share/zoneinfo/UTC",
                          "Mars/Olympus_Mons", "America"}) {
    SCOPED_TRACE(bad);
    o.time_zone = bad;
    const std::string message = ExpectValidation(o, CW_ERR_INVALID_ARGUMENT, "time zone '");
    EXPECT_TRUE(Contains(message, bad)) << message;
  }
}

TEST(Create, ValidateExplainsEveryCreateFailure) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  char message[256];
  EXPECT_EQ(cw_chart_options_validate(nullptr, message, sizeof message), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 0), CW_OK);
  EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 10), CW_ERR_NULL_ARGUMENT);
  const struct {
    void (*mutate)(cw_chart_options*);
    cw_status status;
    const char* words;
  } kCases[] = {
      {[](cw_chart_options* x) { x->struct_size = 8; }, CW_ERR_STRUCT_SIZE, "struct_size"},
      {[](cw_chart_options* x) { x->width = 5; }, CW_ERR_SIZE_OUT_OF_RANGE, "got 5x600"},
      {[](cw_chart_options* x) { x->theme = 42; }, CW_ERR_INVALID_ARGUMENT, "unknown theme 42"},
      {[](cw_chart_options* x) { x->type = 99; }, CW_ERR_INVALID_ARGUMENT, "chart type 99"},
      {[](cw_chart_options* x) { x->reversal = 0; }, CW_ERR_INVALID_ARGUMENT, "reversal"},
      {[](cw_chart_options* x) { x->font_data_size = 3; }, CW_ERR_NULL_ARGUMENT, "font_data"},
      {[](cw_chart_options* x) { x->label_size = 2; }, CW_ERR_INVALID_ARGUMENT, "font size"},
  };
  for (const auto& k : kCases) {
    SCOPED_TRACE(k.words);
    cw_chart_options bad = o;
    k.mutate(&bad);
    ExpectValidation(bad, k.status, k.words);
  }
  // Truncated, always NUL-terminated.
  o.time_zone = "Nowhere/Special";
  char tiny[8];
  EXPECT_EQ(cw_chart_options_validate(&o, tiny, sizeof tiny), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(std::strlen(tiny), sizeof tiny - 1);
}

// A caller built against an older header passes its layout's size: the
// library must not read the fields added since (here garbage). The first
// layout ends with `allocator`; webp_quality came next, then time_zone.
TEST(Create, TheFirstLayoutIsStillAccepted) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.time_zone = reinterpret_cast<const char*>(0x1);  // beyond the caller's struct
  for (size_t size : {offsetof(cw_chart_options, webp_quality),
                      offsetof(cw_chart_options, time_zone)}) {
    o.struct_size = size;
    o.webp_quality = size > offsetof(cw_chart_options, webp_quality) ? 50.0f : NAN;
    SCOPED_TRACE(size);
    ASSERT_NE(MakeChart(o), nullptr);
    EXPECT_EQ(cw_chart_options_validate(&o, nullptr, 0), CW_OK);
  }
  o.struct_size = offsetof(cw_chart_options, webp_quality) - 1;
  ExpectChartRefused(o, CW_ERR_STRUCT_SIZE);
}

TEST(FrameInfo, ReportsGeometry) {
  ChartPtr c = MakeChart(321, 123);
  uint32_t w = 0, h = 0;
  size_t stride = 0, size = 0;
  ASSERT_EQ(cw_chart_frame_info(c.get(), &w, &h, &stride, &size), CW_OK);
  EXPECT_EQ(w, 321u);
  EXPECT_EQ(h, 123u);
  EXPECT_EQ(stride, 321u * 4);
  EXPECT_EQ(size, 321u * 4 * 123);
  EXPECT_EQ(cw_chart_frame_info(c.get(), nullptr, nullptr, nullptr, nullptr), CW_OK);
}

// Each bad series: the status, a message naming the problem, and the
// caller's buffer untouched.
struct BadSeriesCase {
  const char* name;
  void (*mutate)(Series* s, cw_ohlcv* v);
  cw_status status;
  const char* message;
};

const BadSeriesCase kBadSeries[] = {
    {"nan_close", [](Series* s, cw_ohlcv*) { s->close[3] = NAN; }, CW_ERR_NON_FINITE, "row 3"},
    {"inf_high", [](Series* s, cw_ohlcv*) { s->high[0] = INFINITY; }, CW_ERR_NON_FINITE, "row 0"},
    {"neg_inf_low", [](Series* s, cw_ohlcv*) { s->low[9] = -INFINITY; }, CW_ERR_NON_FINITE,
     "row 9"},
    {"high_below_low",
     [](Series* s, cw_ohlcv*) { std::swap(s->high[5], s->low[5]); },
     CW_ERR_INCONSISTENT_OHLC, "row 5: high"},
    {"open_above_high",
     [](Series* s, cw_ohlcv*) { s->open[2] = s->high[2] + 1; },
     CW_ERR_INCONSISTENT_OHLC, "row 2"},
    {"close_below_low",
     [](Series* s, cw_ohlcv*) { s->close[7] = s->low[7] - 1; },
     CW_ERR_INCONSISTENT_OHLC, "row 7"},
    {"negative_volume", [](Series* s, cw_ohlcv*) { s->volume[4] = -1; },
     CW_ERR_NEGATIVE_VOLUME, "row 4"},
    {"nan_volume", [](Series* s, cw_ohlcv*) { s->volume[1] = NAN; }, CW_ERR_NON_FINITE,
     "volume"},
    {"empty", [](Series*, cw_ohlcv* v) { v->open.length = v->high.length = v->low.length =
                                             v->close.length = v->time.length =
                                                 v->volume.length = 0; },
     CW_ERR_EMPTY_SERIES, "no rows"},
    {"short_high", [](Series*, cw_ohlcv* v) { v->high.length = 9; }, CW_ERR_LENGTH_MISMATCH,
     "'high'"},
    {"short_volume", [](Series*, cw_ohlcv* v) { v->volume.length = 3; },
     CW_ERR_LENGTH_MISMATCH, "'volume'"},
    {"short_time", [](Series*, cw_ohlcv* v) { v->time.length = 11; }, CW_ERR_LENGTH_MISMATCH,
     "'time'"},
    {"null_open", [](Series*, cw_ohlcv* v) { v->open.data = nullptr; }, CW_ERR_NULL_ARGUMENT,
     "'open'"},
    {"null_volume_with_length", [](Series*, cw_ohlcv* v) { v->volume.data = nullptr; },
     CW_ERR_NULL_ARGUMENT, "'volume'"},
};

class BadSeries : public ::testing::TestWithParam<BadSeriesCase> {};

TEST_P(BadSeries, GivesStatusAndMessageAndWritesNothing) {
  const BadSeriesCase& tc = GetParam();
  Drawn d(10, 7, 0x5A);
  cw_chart* c = d.chart.get();
  tc.mutate(&d.series, &d.view);

  EXPECT_EQ(d.Render(d.view), tc.status);
  EXPECT_TRUE(Contains(cw_chart_last_error(c), tc.message)) << cw_chart_last_error(c);
  for (uint8_t b : d.px) ASSERT_EQ(b, 0x5A) << "pixels written on failure";

  cw_buffer* out = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_chart_render_png(c, &d.view, &out), tc.status);
  EXPECT_EQ(out, nullptr);
  out = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_chart_render_rgba_buffer(c, &d.view, &out), tc.status);
  EXPECT_EQ(out, nullptr);

  // The handle stays usable after any error, and success clears the message.
  const Series good = MakeSeries(10, 7);
  EXPECT_EQ(d.Render(good.View()), CW_OK);
  EXPECT_STREQ(cw_chart_last_error(c), "");
}

INSTANTIATE_TEST_SUITE_P(AllCases, BadSeries, ::testing::ValuesIn(kBadSeries),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(RenderRgba, RejectsShortBuffersAndStridesAndNulls) {
  Drawn d(10, 3);
  cw_chart* c = d.chart.get();
  const cw_ohlcv* v = &d.view;
  std::vector<uint8_t>& px = d.px;
  EXPECT_EQ(d.Render(*v, 799), CW_ERR_BUFFER_TOO_SMALL);
  EXPECT_TRUE(Contains(cw_chart_last_error(c), "stride"));
  EXPECT_EQ(cw_chart_render_rgba(c, v, px.data(), px.size() - 1, 800), CW_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(d.Render(*v, 804), CW_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(cw_chart_render_rgba(c, v, px.data(), SIZE_MAX, std::numeric_limits<size_t>::max() / 2),
            CW_ERR_BUFFER_TOO_SMALL)
      << "stride*height overflow must not wrap";
  EXPECT_EQ(cw_chart_render_rgba(c, v, nullptr, px.size(), 800), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render_rgba(c, nullptr, px.data(), px.size(), 800), CW_ERR_NULL_ARGUMENT);
  cw_buffer* out = nullptr;
  EXPECT_EQ(cw_chart_render_png(c, v, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render_png(c, nullptr, &out), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render_rgba_buffer(c, v, nullptr), CW_ERR_NULL_ARGUMENT);
}

TEST(RenderRgba, PaddedStrideLeavesPaddingAndMatchesTightFrame) {
  Drawn d(40, 11);
  ASSERT_EQ(d.Render(d.view), CW_OK);
  const std::vector<uint8_t>& tight = d.px;
  const size_t stride = 800 + 13;  // odd: rows are not 4-byte aligned
  std::vector<uint8_t> padded(stride * 120, 0xEE);
  ASSERT_EQ(cw_chart_render_rgba(d.chart.get(), &d.view, padded.data(), padded.size(), stride),
            CW_OK);
  for (size_t y = 0; y < 120; ++y) {
    ASSERT_EQ(0, std::memcmp(&padded[y * stride], &tight[y * 800], 800)) << y;
    for (size_t x = 800; x < stride && y + 1 < 120; ++x) ASSERT_EQ(padded[y * stride + x], 0xEE);
  }
}

TEST(RenderRgba, StridedAndReversedColumnsAreReadInPlace) {
  Drawn d(30, 5);
  const Series& s = d.series;
  ASSERT_EQ(d.Render(d.view), CW_OK);
  const std::vector<uint8_t> want = d.px;

  // A row-major table: each column is strided by a whole record.
  struct Record {
    int64_t t;
    double o, h, l, c, vol;
  };
  std::vector<Record> table;
  for (size_t i = 0; i < 30; ++i) {
    table.push_back({s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]});
  }
  const ptrdiff_t stride = sizeof(Record);
  cw_ohlcv rows;
  rows.time = {&table[0].t, 30, stride};
  rows.open = {&table[0].o, 30, stride};
  rows.high = {&table[0].h, 30, stride};
  rows.low = {&table[0].l, 30, stride};
  rows.close = {&table[0].c, 30, stride};
  rows.volume = {&table[0].vol, 30, stride};
  std::fill(d.px.begin(), d.px.end(), 0);
  ASSERT_EQ(d.Render(rows), CW_OK);
  EXPECT_EQ(d.px, want);

  // Reversed storage read with a negative stride gives the same chart.
  Series r = s;
  std::reverse(r.open.begin(), r.open.end());
  std::reverse(r.high.begin(), r.high.end());
  std::reverse(r.low.begin(), r.low.end());
  std::reverse(r.close.begin(), r.close.end());
  std::reverse(r.volume.begin(), r.volume.end());
  const ptrdiff_t back = -static_cast<ptrdiff_t>(sizeof(double));
  cw_ohlcv rev;
  std::memset(&rev, 0, sizeof rev);
  rev.open = {&r.open[29], 30, back};
  rev.high = {&r.high[29], 30, back};
  rev.low = {&r.low[29], 30, back};
  rev.close = {&r.close[29], 30, back};
  rev.volume = {&r.volume[29], 30, back};
  std::fill(d.px.begin(), d.px.end(), 0);
  ASSERT_EQ(d.Render(rev), CW_OK);
  EXPECT_EQ(d.px, want);
}

TEST(RenderRgba, FlatSeriesAndSingleCandleRender) {
  ChartPtr c = MakeChart(64, 48);
  std::vector<double> flat(25, 42.0), vol(25, 0.0);
  cw_ohlcv v = cw_ohlcv_contiguous(25, nullptr, flat.data(), flat.data(), flat.data(),
                                   flat.data(), vol.data());
  std::vector<uint8_t> px(64 * 48 * 4);
  ASSERT_EQ(cw_chart_render_rgba(c.get(), &v, px.data(), px.size(), 64 * 4), CW_OK)
      << cw_chart_last_error(c.get());
  // Flat candles are "up" (close >= open) and drawn mid-panel in green.
  bool any_up = false;
  for (size_t i = 0; i < px.size(); i += 4) {
    any_up |= px[i] == 0x00 && px[i + 1] == 0xFF && px[i + 2] == 0x00;
  }
  EXPECT_TRUE(any_up);

  Series one = MakeSeries(1, 9);
  cw_ohlcv ov = one.View();
  ASSERT_EQ(cw_chart_render_rgba(c.get(), &ov, px.data(), px.size(), 64 * 4), CW_OK);
}

TEST(RenderBuffers, OutliveTheChartAndMatchTheCallerFrame) {
  Series s = MakeSeries(50, 2);
  cw_ohlcv v = s.View();
  cw_buffer* frame = nullptr;
  cw_buffer* png = nullptr;
  std::vector<uint8_t> want(200 * 120 * 4);
  {
    ChartPtr c = MakeChart(200, 120);
    ASSERT_EQ(cw_chart_render_rgba(c.get(), &v, want.data(), want.size(), 800), CW_OK);
    ASSERT_EQ(cw_chart_render_rgba_buffer(c.get(), &v, &frame), CW_OK);
    ASSERT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
  }
  // The chart is gone; the buffers are still valid.
  ASSERT_EQ(cw_buffer_size(frame), want.size());
  EXPECT_EQ(0, std::memcmp(cw_buffer_data(frame), want.data(), want.size()));
  std::vector<uint8_t> decoded;
  uint32_t w = 0, h = 0;
  ASSERT_TRUE(DecodePng(cw_buffer_data(png), cw_buffer_size(png), &decoded, &w, &h));
  EXPECT_EQ(w, 200u);
  EXPECT_EQ(h, 120u);
  EXPECT_EQ(decoded, want) << "PNG decodes to exactly the RGBA frame";
  cw_buffer_destroy(frame);
  cw_buffer_destroy(png);
}

TEST(RenderPng, EveryPresetDecodesToTheSamePixels) {
  Series s = MakeSeries(100, 4);
  cw_ohlcv v = s.View();
  std::vector<uint8_t> first;
  size_t sizes[3];
  for (int preset = CW_PNG_FASTEST; preset <= CW_PNG_SMALLEST; ++preset) {
    cw_chart_options o = ChartOptions(800, 600, CW_CHART_CANDLESTICK, CW_THEME_TRADINGVIEW);
    o.png_preset = preset;
    ChartPtr c = MakeChart(o);
    ASSERT_NE(c, nullptr);
    cw_buffer* png = nullptr;
    ASSERT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
    std::vector<uint8_t> rgba;
    uint32_t w, h;
    ASSERT_TRUE(DecodePng(cw_buffer_data(png), cw_buffer_size(png), &rgba, &w, &h));
    if (first.empty()) first = rgba;
    EXPECT_EQ(rgba, first) << "preset " << preset;
    sizes[preset] = cw_buffer_size(png);
    cw_buffer_destroy(png);
  }
  EXPECT_LE(sizes[CW_PNG_SMALLEST], sizes[CW_PNG_FASTEST]);
}

TEST(CustomColors, ReplaceTheTheme) {
  cw_chart_options o = ChartOptions(40, 30);
  o.use_custom_colors = 1;
  o.background = 0x102030FF;
  ChartPtr c = MakeChart(o);
  ASSERT_NE(c, nullptr);
  Series s = MakeSeries(3, 1);
  cw_ohlcv v = s.View();
  std::vector<uint8_t> px(40 * 30 * 4);
  ASSERT_EQ(cw_chart_render_rgba(c.get(), &v, px.data(), px.size(), 160), CW_OK);
  EXPECT_EQ(px[0], 0x10);
  EXPECT_EQ(px[1], 0x20);
  EXPECT_EQ(px[2], 0x30);
  EXPECT_EQ(px[3], 0xFF);
}

TEST(Allocator, EveryHandleAndBufferAllocationGoesThroughTheHooks) {
  TestingAllocator counter;
  ChartPtr c = MakeChart(counter.allocator());
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(counter.allocations, 1) << "create allocates the handle only";
  Series s = MakeSeries(100, 8);
  cw_ohlcv v = s.View();
  for (int i = 0; i < 5; ++i) {
    cw_buffer* png = nullptr;
    ASSERT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
    cw_buffer_destroy(png);
  }
  c.reset();
  EXPECT_GT(counter.allocations, 1);
  EXPECT_EQ(counter.allocations, counter.frees);
}

TEST(Allocator, FailureAtEveryAllocationIsReportedAndLeaksNothing) {
  Series s = MakeSeries(60, 12);
  cw_ohlcv v = s.View();
  cw_chart_options o;
  cw_chart_options_init(&o);
  // One create + PNG + RGBA buffer through `heap`: each call succeeds or
  // fails cleanly (out of memory, no output, a message). True when all
  // succeeded.
  auto run = [&](TestingAllocator* heap, int64_t k) {
    o.allocator = heap->allocator();
    cw_chart* c = nullptr;
    const cw_status created = cw_chart_create(&o, &c);
    if (created != CW_OK) {
      EXPECT_EQ(created, CW_ERR_OUT_OF_MEMORY);
      EXPECT_EQ(c, nullptr);
      return false;
    }
    cw_buffer *png = nullptr, *rgba = nullptr;
    const cw_status p = cw_chart_render_png(c, &v, &png);
    EXPECT_TRUE(p == CW_OK || p == CW_ERR_OUT_OF_MEMORY) << k << ": " << p;
    if (p != CW_OK) {
      EXPECT_EQ(png, nullptr);
      EXPECT_STRNE(cw_chart_last_error(c), "") << "failure without a message";
    }
    const cw_status r = cw_chart_render_rgba_buffer(c, &v, &rgba);
    EXPECT_TRUE(r == CW_OK || r == CW_ERR_OUT_OF_MEMORY) << k << ": " << r;
    cw_buffer_destroy(png);
    cw_buffer_destroy(rgba);
    cw_chart_destroy(c);
    return p == CW_OK && r == CW_OK;
  };
  // Count how many allocations it takes.
  TestingAllocator probe;
  ASSERT_TRUE(run(&probe, -1));
  const int64_t total = probe.attempts;
  ASSERT_GT(total, 2);
  for (int64_t k = 0; k < total; ++k) {
    TestingAllocator failing;
    failing.fail_at = k;
    EXPECT_FALSE(run(&failing, k)) << "allocation " << k << " was never refused";
    EXPECT_EQ(failing.allocations, failing.frees) << "leak after failing allocation " << k;
  }
}

}  // namespace
