// The renderer and batch calls through the C API: outputs equal a cw_chart's
// byte for byte, every error path gives its status and a message in the job,
// the cache reuses charts per option set and holds exactly its measured
// bytes within the bound, a warm call allocates only its output, a failed
// allocation anywhere leaks nothing, and calls record themselves.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/renderer_test_support.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartJob;
using candlewick_test::Contains;
using candlewick_test::CountingAllocator;
using candlewick_test::MakeStats;
using candlewick_test::Reference;
using candlewick_test::RendererPtr;
using candlewick_test::RenderWithChart;
using candlewick_test::StatsPtr;

using Bytes = std::vector<uint8_t>;

cw_renderer_options RendererOptions(uint64_t max_bytes = 64u << 20,
                                    cw_allocator* allocator = nullptr) {
  cw_renderer_options o;
  cw_renderer_options_init(&o);
  o.max_cache_bytes = max_bytes;
  o.allocator = allocator;
  return o;
}

using candlewick_test::MakeRenderer;

RendererPtr MakeRenderer(uint64_t max_bytes = 64u << 20, cw_allocator* allocator = nullptr) {
  return MakeRenderer(RendererOptions(max_bytes, allocator));
}

cw_renderer_info Info(const cw_renderer* r) { return candlewick_test::ReadInfo(r); }

Bytes OutputOf(const cw_render_job& job) { return candlewick_test::BufferBytes(job.output); }

// Renders `job` and returns its output bytes (empty on failure).
Bytes Render(cw_renderer* r, const ChartJob& cj, cw_render_job* out_job = nullptr) {
  cw_render_job job;
  cw_render_job_init(&job, &cj.options, &cj.data, cj.format);
  Bytes bytes;
  if (cw_renderer_render(r, &job) == CW_OK) bytes = OutputOf(job);
  cw_buffer_destroy(job.output);
  job.output = nullptr;
  if (out_job != nullptr) *out_job = job;
  return bytes;
}

constexpr const char* kMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

// --- Creation --------------------------------------------------------------

TEST(RendererOptions, DefaultsAndEveryBadOptionExplained) {
  const cw_renderer_options o = candlewick_test::Defaults(cw_renderer_options_init);
  EXPECT_EQ(o.max_cache_bytes, 64u << 20);
  EXPECT_EQ(o.font_data, nullptr);
  EXPECT_EQ(o.allocator, nullptr);

  struct Case {
    const char* name;
    void (*mutate)(cw_renderer_options*);
    cw_status status;
    const char* message;
  };
  static cw_allocator half = {nullptr, nullptr, nullptr};
  static const uint8_t junk[64] = {1, 2, 3};
  const Case cases[] = {
      {"struct_size", [](cw_renderer_options* p) { p->struct_size = 8; }, CW_ERR_STRUCT_SIZE,
       "struct_size is too small"},
      {"allocator hook", [](cw_renderer_options* p) { p->allocator = &half; },
       CW_ERR_NULL_ARGUMENT, "NULL hook"},
      {"font size without data", [](cw_renderer_options* p) { p->font_data_size = 10; },
       CW_ERR_NULL_ARGUMENT, "font_data is NULL"},
      {"empty font", [](cw_renderer_options* p) { p->font_data = junk; }, CW_ERR_INVALID_ARGUMENT,
       "0 bytes"},
      {"junk font",
       [](cw_renderer_options* p) {
         p->font_data = junk;
         p->font_data_size = sizeof junk;
       },
       CW_ERR_INVALID_ARGUMENT, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    cw_renderer_options bad = o;
    c.mutate(&bad);
    candlewick_test::ExpectValidation(bad, c.status, c.message);
  }
  char why[256];
  EXPECT_EQ(cw_renderer_options_validate(nullptr, why, sizeof why), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(why, "options is NULL");
  EXPECT_EQ(cw_renderer_options_validate(nullptr, nullptr, 0), CW_ERR_NULL_ARGUMENT);
  char tiny[4];
  cw_renderer_options bad = o;
  bad.struct_size = 1;
  cw_renderer_options_validate(&bad, tiny, sizeof tiny);
  EXPECT_EQ(std::strlen(tiny), 3u);  // truncated, terminated
  EXPECT_EQ(cw_renderer_create(&o, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_renderer_create(nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  cw_renderer* r = nullptr;
  EXPECT_EQ(cw_renderer_create(nullptr, &r), CW_ERR_NULL_ARGUMENT);
  cw_renderer_destroy(nullptr);  // a no-op
}

TEST(Renderer, CreatesNoThreadAndReportsItsOverhead) {
  CountingAllocator alloc;
  RendererPtr r = MakeRenderer(1u << 20, alloc.hooks());
  const cw_renderer_info info = Info(r.get());
  EXPECT_EQ(info.worker_threads, 0u);
  EXPECT_EQ(info.max_cache_bytes, 1u << 20);
  EXPECT_EQ(info.cached_bytes, 0u);
  EXPECT_EQ(static_cast<int64_t>(info.overhead_bytes), alloc.live_bytes());
  cw_renderer_info small;
  small.struct_size = 8;
  EXPECT_EQ(cw_renderer_get_info(r.get(), &small), CW_ERR_STRUCT_SIZE);
  EXPECT_EQ(cw_renderer_get_info(r.get(), nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_renderer_get_info(nullptr, &small), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_renderer_clear_cache(nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_renderer_attach_stats(nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  r.reset();
  EXPECT_EQ(alloc.live_blocks(), 0);
}

// --- Output ----------------------------------------------------------------

TEST(Renderer, EveryFormatEqualsAChartsOutputByteForByte) {
  RendererPtr r = MakeRenderer();
  const int32_t formats[] = {CW_FORMAT_PNG,           CW_FORMAT_RGBA8,        CW_FORMAT_RGB8,
                             CW_FORMAT_INDEXED8,      CW_FORMAT_WEBP_LOSSLESS, CW_FORMAT_WEBP_LOSSY,
                             CW_FORMAT_SVG};
  for (int32_t format : formats) {
    for (int variant = 0; variant < 3; ++variant) {
      ChartJob cj(320, 200, variant == 2 ? CW_CHART_LINE : CW_CHART_CANDLESTICK, variant,
                  format, 60, 7 + variant);
      if (variant >= 1) cj.options.show_axes = 1;
      if (variant == 1) cj.AddOverlayAndPanel();
      if (variant == 2 && format != CW_FORMAT_INDEXED8) cj.options.antialias = 1;
      const Reference ref = RenderWithChart(cj);
      ASSERT_FALSE(ref.bytes.empty()) << cj.Describe();
      for (int again = 0; again < 2; ++again) {  // a new chart, then the cached one
        cw_render_job job;
        std::vector<cw_color> palette(256);
        cw_render_job_init(&job, &cj.options, &cj.data, format);
        job.palette = palette.data();
        job.palette_capacity = palette.size();
        ASSERT_EQ(cw_renderer_render(r.get(), &job), CW_OK) << cj.Describe() << job.message;
        EXPECT_STREQ(job.message, "");
        EXPECT_EQ(OutputOf(job), ref.bytes) << cj.Describe();
        palette.resize(job.palette_count);
        EXPECT_EQ(palette, ref.palette) << cj.Describe();
        cw_buffer_destroy(job.output);
      }
    }
  }
}

TEST(Renderer, RendersRawFormatsIntoTheCallersFrame) {
  RendererPtr r = MakeRenderer();
  for (int32_t format : {CW_FORMAT_RGBA8, CW_FORMAT_RGB8, CW_FORMAT_INDEXED8}) {
    ChartJob cj(200, 120, CW_CHART_OHLC, CW_THEME_LIGHT, format, 40, 3);
    const Reference ref = RenderWithChart(cj);
    const size_t row = cw_format_bytes_per_pixel(format) * 200;
    const size_t stride = row + 13;  // padding between rows must stay untouched
    std::vector<uint8_t> frame(stride * 120, 0xAB);
    cw_render_job job;
    cw_render_job_init(&job, &cj.options, &cj.data, format);
    job.pixels = frame.data();
    job.buffer_size = frame.size();
    job.row_stride = stride;
    ASSERT_EQ(cw_renderer_render(r.get(), &job), CW_OK) << job.message;
    EXPECT_EQ(job.output, nullptr);
    for (size_t y = 0; y < 120; ++y) {
      ASSERT_EQ(0, std::memcmp(&frame[y * stride], &ref.bytes[y * row], row)) << "row " << y;
      for (size_t x = row; x < stride; ++x) ASSERT_EQ(frame[y * stride + x], 0xAB);
    }
  }
}

TEST(Renderer, UsesTheRenderersFontForEveryChart) {
  std::vector<uint8_t> ttf = candlewick_test::ReadFileBytes(kMonoFont);
  ASSERT_FALSE(ttf.empty()) << kMonoFont;
  ChartJob cj(400, 240, CW_CHART_CANDLESTICK, CW_THEME_MODERN, CW_FORMAT_PNG, 50, 11);
  cj.options.show_axes = 1;
  cj.data.title = "mono";
  cj.options.font_data = ttf.data();
  cj.options.font_data_size = ttf.size();
  const Reference ref = RenderWithChart(cj);
  cj.options.font_data = nullptr;
  cj.options.font_data_size = 0;
  const Reference embedded = RenderWithChart(cj);
  ASSERT_NE(ref.bytes, embedded.bytes);

  cw_renderer_options o = RendererOptions();
  o.font_data = ttf.data();
  o.font_data_size = ttf.size();
  RendererPtr r = MakeRenderer(o);
  ASSERT_NE(r, nullptr);
  std::fill(ttf.begin(), ttf.end(), 0);  // the renderer keeps its own copy
  EXPECT_EQ(Render(r.get(), cj), ref.bytes);
  EXPECT_EQ(Render(r.get(), cj), ref.bytes);
}

// --- Errors ----------------------------------------------------------------

TEST(RendererErrors, EveryBadJobGetsItsStatusAndMessageAndLeavesTheRendererWorking) {
  CountingAllocator alloc;
  RendererPtr r = MakeRenderer(64u << 20, alloc.hooks());
  struct Case {
    const char* name;
    void (*mutate)(ChartJob*, cw_render_job*);
    cw_status status;
    const char* message;
  };
  static std::vector<uint8_t> frame(64);
  static cw_allocator hooks = {nullptr, nullptr, nullptr};
  static cw_panel panels[CW_MAX_PANELS + 1];
  const Case cases[] = {
      {"NULL options", [](ChartJob*, cw_render_job* j) { j->options = nullptr; },
       CW_ERR_NULL_ARGUMENT, "job.options is NULL"},
      {"NULL data", [](ChartJob*, cw_render_job* j) { j->data = nullptr; }, CW_ERR_NULL_ARGUMENT,
       "job.data is NULL"},
      {"options struct_size", [](ChartJob* c, cw_render_job*) { c->options.struct_size = 4; },
       CW_ERR_STRUCT_SIZE, "cw_chart_options.struct_size"},
      {"allocator", [](ChartJob* c, cw_render_job*) { c->options.allocator = &hooks; },
       CW_ERR_INVALID_ARGUMENT, "options.allocator must be NULL"},
      {"font", [](ChartJob* c, cw_render_job*) { c->options.font_data_size = 3; },
       CW_ERR_INVALID_ARGUMENT, "options.font_data must be NULL"},
      {"width", [](ChartJob* c, cw_render_job*) { c->options.width = 8; },
       CW_ERR_SIZE_OUT_OF_RANGE, "width and height must be in [16, 16384], got 8x150"},
      {"height", [](ChartJob* c, cw_render_job*) { c->options.height = 20000; },
       CW_ERR_SIZE_OUT_OF_RANGE, "got 240x20000"},
      {"theme", [](ChartJob* c, cw_render_job*) { c->options.theme = 99; },
       CW_ERR_INVALID_ARGUMENT, "unknown theme 99"},
      {"type", [](ChartJob* c, cw_render_job*) { c->options.type = -1; },
       CW_ERR_INVALID_ARGUMENT, "unknown chart type -1"},
      {"preset", [](ChartJob* c, cw_render_job*) { c->options.png_preset = 7; },
       CW_ERR_INVALID_ARGUMENT, "unknown PNG preset 7"},
      {"custom colour",
       [](ChartJob* c, cw_render_job*) {
         c->options.use_custom_colors = 1;
         c->options.up = 0x11223300;
       },
       CW_ERR_INVALID_ARGUMENT, "opaque"},
      {"line width", [](ChartJob* c, cw_render_job*) { c->options.line_width = 0; },
       CW_ERR_INVALID_ARGUMENT, "line width"},
      {"reversal", [](ChartJob* c, cw_render_job*) { c->options.reversal = 0; },
       CW_ERR_INVALID_ARGUMENT, "reversal"},
      {"format", [](ChartJob*, cw_render_job* j) { j->format = 42; }, CW_ERR_INVALID_ARGUMENT,
       "unknown format 42"},
      {"pixels for PNG",
       [](ChartJob*, cw_render_job* j) {
         j->pixels = frame.data();
         j->buffer_size = frame.size();
       },
       CW_ERR_INVALID_ARGUMENT, "job.pixels takes a raw format"},
      {"webp quality",
       [](ChartJob*, cw_render_job* j) {
         j->format = CW_FORMAT_WEBP_LOSSY;
         j->webp_quality = NAN;
       },
       CW_ERR_INVALID_ARGUMENT, "webp_quality"},
      {"palette", [](ChartJob*, cw_render_job* j) { j->palette_capacity = 4; },
       CW_ERR_NULL_ARGUMENT, "job.palette is NULL"},
      {"frame too small",
       [](ChartJob*, cw_render_job* j) {
         j->format = CW_FORMAT_RGBA8;
         j->pixels = frame.data();
         j->buffer_size = frame.size();
         j->row_stride = 240 * 4;
       },
       CW_ERR_BUFFER_TOO_SMALL, "buffer has 64 bytes"},
      {"indexed antialiased",
       [](ChartJob* c, cw_render_job* j) {
         c->options.antialias = 1;
         j->format = CW_FORMAT_INDEXED8;
       },
       CW_ERR_INVALID_ARGUMENT, "crisp"},
      {"data struct_size", [](ChartJob* c, cw_render_job*) { c->data.struct_size = 2; },
       CW_ERR_STRUCT_SIZE, "cw_chart_data.struct_size"},
      {"empty series",
       [](ChartJob* c, cw_render_job*) {
         c->view = cw_ohlcv_contiguous(0, c->series.time.data(), c->series.open.data(),
                                       c->series.high.data(), c->series.low.data(),
                                       c->series.close.data(), c->series.volume.data());
         c->data.series = c->view;
       },
       CW_ERR_EMPTY_SERIES, ""},
      {"length mismatch", [](ChartJob* c, cw_render_job*) { c->data.series.high.length -= 1; },
       CW_ERR_LENGTH_MISMATCH, ""},
      {"NULL column", [](ChartJob* c, cw_render_job*) { c->data.series.low.data = nullptr; },
       CW_ERR_NULL_ARGUMENT, ""},
      {"NaN", [](ChartJob* c, cw_render_job*) { c->series.close[5] = NAN; }, CW_ERR_NON_FINITE,
       "row 5"},
      {"high below low",
       [](ChartJob* c, cw_render_job*) { c->series.high[7] = c->series.low[7] - 1; },
       CW_ERR_INCONSISTENT_OHLC, "row 7"},
      {"negative volume", [](ChartJob* c, cw_render_job*) { c->series.volume[3] = -1; },
       CW_ERR_NEGATIVE_VOLUME, "row 3"},
      {"overlay length",
       [](ChartJob* c, cw_render_job*) {
         c->AddOverlayAndPanel();
         c->overlay.values.length -= 2;
       },
       CW_ERR_LENGTH_MISMATCH, ""},
      {"overlays NULL", [](ChartJob* c, cw_render_job*) { c->data.overlay_count = 2; },
       CW_ERR_NULL_ARGUMENT, "NULL with a non-zero count"},
      {"too many panels",
       [](ChartJob* c, cw_render_job*) {
         c->data.panels = panels;
         c->data.panel_count = CW_MAX_PANELS + 1;
       },
       CW_ERR_INVALID_ARGUMENT, "CW_MAX_PANELS"},
  };
  ChartJob good(240, 150, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 30, 5);
  const Reference ref = RenderWithChart(good);
  for (const Case& c : cases) {
    ChartJob cj(240, 150, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 30, 5);
    cw_render_job job;
    cw_render_job_init(&job, &cj.options, &cj.data, CW_FORMAT_PNG);
    job.output = reinterpret_cast<cw_buffer*>(0x1);  // must be overwritten with NULL
    c.mutate(&cj, &job);
    const size_t cached = Info(r.get()).cached_charts;
    EXPECT_EQ(cw_renderer_render(r.get(), &job), c.status) << c.name << ": " << job.message;
    EXPECT_EQ(job.status, c.status) << c.name;
    EXPECT_EQ(job.output, nullptr) << c.name;
    EXPECT_EQ(job.palette_count, 0u) << c.name;
    EXPECT_NE(std::string(job.message), "") << c.name;
    EXPECT_TRUE(Contains(job.message, c.message))
        << c.name << ": \"" << job.message << "\"";
    EXPECT_LE(Info(r.get()).cached_charts, cached + 1) << c.name;
    // The renderer goes on working, and the good job still gives the same bytes.
    EXPECT_EQ(Render(r.get(), good), ref.bytes) << "after " << c.name;
  }
  // Options that fail validation are never cached: only good option sets.
  EXPECT_LE(Info(r.get()).cached_charts, 8u);
  EXPECT_EQ(Info(r.get()).charts_in_use, 0u);
}

TEST(RendererErrors, JobAndRendererArgumentsThatCannotCarryAMessage) {
  EXPECT_EQ(cw_renderer_render(nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  RendererPtr r = MakeRenderer();
  EXPECT_EQ(cw_renderer_render(r.get(), nullptr), CW_ERR_NULL_ARGUMENT);
  cw_render_job job;
  cw_render_job_init(&job, nullptr, nullptr, CW_FORMAT_PNG);
  job.struct_size = 16;
  std::strcpy(job.message, "untouched");
  EXPECT_EQ(cw_renderer_render(r.get(), &job), CW_ERR_STRUCT_SIZE);
  EXPECT_STREQ(job.message, "untouched");
  // A NULL renderer with a good job: the job says so.
  ChartJob cj(100, 100, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 10, 1);
  cw_render_job_init(&job, &cj.options, &cj.data, CW_FORMAT_PNG);
  EXPECT_EQ(cw_renderer_render(nullptr, &job), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(job.message, "the renderer is NULL");
  cw_render_job_init(nullptr, nullptr, nullptr, 0);  // a no-op
}

// --- The cache -------------------------------------------------------------

TEST(RendererCache, ReusesAChartPerOptionSetAndOnlyForTheSameOptions) {
  RendererPtr r = MakeRenderer();
  ChartJob a(300, 200, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 40, 1);
  ChartJob b(300, 200, CW_CHART_CANDLESTICK, CW_THEME_MODERN, CW_FORMAT_PNG, 40, 1);
  Render(r.get(), a);
  Render(r.get(), a);
  Render(r.get(), b);
  cw_renderer_info info = Info(r.get());
  EXPECT_EQ(info.misses, 2u);
  EXPECT_EQ(info.hits, 1u);
  EXPECT_EQ(info.cached_charts, 2u);
  // Custom colours that are not switched on do not make a new chart...
  a.options.background = 0x123456FF;
  Render(r.get(), a);
  EXPECT_EQ(Info(r.get()).misses, 2u);
  // ... switched on, they do; and the same data in another format reuses it.
  a.options.use_custom_colors = 1;
  Render(r.get(), a);
  EXPECT_EQ(Info(r.get()).misses, 3u);
  a.format = CW_FORMAT_SVG;
  Render(r.get(), a);
  EXPECT_EQ(Info(r.get()).misses, 3u);
  EXPECT_EQ(cw_renderer_clear_cache(r.get()), CW_OK);
  info = Info(r.get());
  EXPECT_EQ(info.cached_charts, 0u);
  EXPECT_EQ(info.cached_bytes, 0u);
}

// The time zone is part of a chart's identity by its name's text: the same
// name in another string reuses the chart, another zone makes a new one, and
// the renderer's chart labels in the zone exactly as a cw_chart does. An
// unknown name fails the job with the options' own message.
TEST(RendererCache, KeysTheTimeZoneByItsName) {
  RendererPtr r = MakeRenderer();
  ChartJob job(400, 240, CW_CHART_CANDLESTICK, CW_THEME_LIGHT, CW_FORMAT_SVG, 40, 5);
  job.options.show_axes = 1;
  const std::vector<uint8_t> utc = Render(r.get(), job);
  ASSERT_FALSE(utc.empty());
  char zone[32] = "America/New_York";
  job.options.time_zone = zone;
  const std::vector<uint8_t> ny = Render(r.get(), job);
  EXPECT_EQ(ny, RenderWithChart(job).bytes);
  EXPECT_NE(ny, utc) << "midnight UTC is the previous evening in New York";
  EXPECT_EQ(Info(r.get()).misses, 2u);
  std::string copy = zone;  // the same name at another address
  std::strcpy(zone, "overwritten");
  job.options.time_zone = copy.c_str();
  EXPECT_EQ(Render(r.get(), job), ny);
  EXPECT_EQ(Info(r.get()).misses, 2u);
  EXPECT_EQ(Info(r.get()).hits, 1u);
  // "" is UTC, as NULL, but a different key: a new chart, the same picture.
  job.options.time_zone = "";
  EXPECT_EQ(Render(r.get(), job), utc);
  for (const std::string& bad : {std::string("Mars/Olympus_Mons"), std::string(300, 'A')}) {
    job.options.time_zone = bad.c_str();
    cw_render_job failed;
    EXPECT_TRUE(Render(r.get(), job, &failed).empty());
    EXPECT_EQ(failed.status, CW_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(Contains(failed.message, "time zone '"))
        << failed.message;
  }
}

TEST(RendererCache, MeasuredMemoryNeverExceedsTheBoundAndIsAllTheRendererHolds) {
  CountingAllocator alloc;
  const uint64_t bound = 3u << 20;
  RendererPtr r = MakeRenderer(bound, alloc.hooks());
  uint64_t evictions = 0;
  for (int i = 0; i < 60; ++i) {
    ChartJob cj(200 + 40 * (i % 7), 150 + 30 * (i % 5), i % 8, i % 4,
                i % 3 == 0 ? CW_FORMAT_RGBA8 : CW_FORMAT_PNG, 50 + i, i);
    cj.options.show_axes = i % 2;
    ASSERT_FALSE(Render(r.get(), cj).empty()) << cj.Describe();
    const cw_renderer_info info = Info(r.get());
    ASSERT_LE(info.cached_bytes, bound) << "after call " << i;
    // Between calls the renderer holds its idle charts and its own overhead:
    // what the allocator sees equals what the cache measured, to the byte.
    ASSERT_EQ(alloc.live_bytes(), static_cast<int64_t>(info.cached_bytes + info.overhead_bytes))
        << "after call " << i;
    evictions = info.evictions;
  }
  EXPECT_GT(evictions, 0u) << "the test should have filled the cache";
  cw_renderer_clear_cache(r.get());
  EXPECT_EQ(alloc.live_bytes(), static_cast<int64_t>(Info(r.get()).overhead_bytes));
}

TEST(RendererCache, EvictsTheLeastRecentlyUsedChart) {
  // Room for two charts of this size: measure one first.
  CountingAllocator alloc;
  ChartJob a(400, 300, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 40, 1);
  ChartJob b(400, 300, CW_CHART_CANDLESTICK, CW_THEME_MODERN, CW_FORMAT_PNG, 40, 1);
  ChartJob c(400, 300, CW_CHART_CANDLESTICK, CW_THEME_LIGHT, CW_FORMAT_PNG, 40, 1);
  uint64_t one = 0;
  {
    RendererPtr probe = MakeRenderer();
    Render(probe.get(), a);
    one = Info(probe.get()).cached_bytes;
  }
  ASSERT_GT(one, 0u);
  RendererPtr r = MakeRenderer(one * 5 / 2, alloc.hooks());
  Render(r.get(), a);
  Render(r.get(), b);
  Render(r.get(), a);  // b is now the least recently used
  Render(r.get(), c);  // evicts b
  cw_renderer_info info = Info(r.get());
  EXPECT_EQ(info.evictions, 1u);
  EXPECT_EQ(info.cached_charts, 2u);
  const uint64_t misses = info.misses;
  Render(r.get(), a);
  Render(r.get(), c);
  EXPECT_EQ(Info(r.get()).misses, misses) << "a and c stayed";
  Render(r.get(), b);
  EXPECT_EQ(Info(r.get()).misses, misses + 1) << "b was evicted";
}

TEST(RendererCache, ABoundOfZeroKeepsNothing) {
  CountingAllocator alloc;
  RendererPtr r = MakeRenderer(0, alloc.hooks());
  ChartJob cj(300, 200, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 40, 1);
  const Reference ref = RenderWithChart(cj);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Render(r.get(), cj), ref.bytes);
  const cw_renderer_info info = Info(r.get());
  EXPECT_EQ(info.cached_charts, 0u);
  EXPECT_EQ(info.misses, 3u);
  EXPECT_EQ(alloc.live_bytes(), static_cast<int64_t>(info.overhead_bytes));
}

// --- Allocations -----------------------------------------------------------

TEST(RendererMemory, AWarmCallAllocatesOnlyItsOutput) {
  CountingAllocator alloc;
  RendererPtr r = MakeRenderer(64u << 20, alloc.hooks());
  ChartJob cj(800, 600, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 100, 42);
  ChartJob axes(800, 600, CW_CHART_CANDLESTICK, CW_THEME_TRADINGVIEW, CW_FORMAT_PNG, 100, 42);
  axes.options.show_axes = 1;
  axes.AddOverlayAndPanel();
  for (ChartJob* j : {&cj, &axes}) {
    for (int i = 0; i < 3; ++i) Render(r.get(), *j);  // warm
    cw_render_job job;
    cw_render_job_init(&job, &j->options, &j->data, CW_FORMAT_PNG);
    const int64_t before = alloc.allocations();
    const int64_t live_before = alloc.live_bytes();
    ASSERT_EQ(cw_renderer_render(r.get(), &job), CW_OK);
    // The cw_buffer and its bytes, and they are all that is new.
    EXPECT_EQ(alloc.allocations() - before, 2) << j->Describe();
    EXPECT_LE(alloc.live_bytes() - live_before,
              static_cast<int64_t>(cw_buffer_size(job.output) + 256))
        << j->Describe();
    cw_buffer_destroy(job.output);
    EXPECT_EQ(alloc.live_bytes(), live_before);
  }
  // Into a caller's frame: nothing at all.
  std::vector<uint8_t> frame(800 * 600 * 4);
  cw_render_job job;
  cw_render_job_init(&job, &cj.options, &cj.data, CW_FORMAT_RGBA8);
  job.pixels = frame.data();
  job.buffer_size = frame.size();
  job.row_stride = 800 * 4;
  ASSERT_EQ(cw_renderer_render(r.get(), &job), CW_OK);
  const int64_t before = alloc.allocations();
  ASSERT_EQ(cw_renderer_render(r.get(), &job), CW_OK);
  EXPECT_EQ(alloc.allocations(), before);
  // A batch: two per job, whatever the thread count.
  std::vector<cw_render_job> jobs(16);
  for (cw_render_job& j : jobs) cw_render_job_init(&j, &cj.options, &cj.data, CW_FORMAT_PNG);
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.threads = 2;
  for (int round = 0; round < 3; ++round) {
    const int64_t start = alloc.allocations();
    ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs.data(), jobs.size(), &bo, nullptr), CW_OK);
    // The first batch may make a chart for the second thread.
    if (round > 0) {
      EXPECT_EQ(alloc.allocations() - start, 2 * 16) << "round " << round;
    }
    for (cw_render_job& j : jobs) cw_buffer_destroy(j.output);
  }
}

// Fails the n-th allocation for every n until a whole scenario runs without
// a failure: create, renders of every kind (text, overlays, raw, encoded),
// a batch on two threads with a bad job in it, a cache clear. Every failure
// must be CW_ERR_OUT_OF_MEMORY with a message (or the bad job's own status),
// and nothing may leak.
TEST(RendererMemory, AFailedAllocationAnywhereIsReportedAndLeaksNothing) {
  ChartJob plain(240, 160, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 40, 1);
  ChartJob rich(240, 160, CW_CHART_HEIKIN_ASHI, CW_THEME_TRADINGVIEW, CW_FORMAT_PNG, 40, 2);
  rich.options.show_axes = 1;
  rich.options.antialias = 1;
  rich.AddOverlayAndPanel();
  ChartJob bad(240, 160, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 40, 3);
  bad.series.low[4] = bad.series.high[4] + 1;
  int64_t injected = 0;
  for (int64_t fail_at = 0;; ++fail_at) {
    ASSERT_LT(fail_at, 5000) << "never completed";
    CountingAllocator alloc;
    alloc.FailAt(fail_at);
    int64_t calls = 0;
    {
      const cw_renderer_options o = RendererOptions(2u << 20, alloc.hooks());
      cw_renderer* raw = nullptr;
      const cw_status created = cw_renderer_create(&o, &raw);
      if (created != CW_OK) {
        ASSERT_EQ(created, CW_ERR_OUT_OF_MEMORY);
        ASSERT_EQ(raw, nullptr);
      } else {
        RendererPtr r(raw);
        auto check = [&](const cw_render_job& job, cw_status expected, const char* what) {
          if (job.status == CW_ERR_OUT_OF_MEMORY) {
            EXPECT_NE(std::string(job.message), "") << what << " at " << fail_at;
            EXPECT_EQ(job.output, nullptr) << what;
          } else {
            EXPECT_EQ(job.status, expected) << what << " at " << fail_at << ": " << job.message;
          }
        };
        for (ChartJob* cj : {&plain, &rich, &plain}) {
          for (int32_t format : {CW_FORMAT_PNG, CW_FORMAT_RGBA8, CW_FORMAT_SVG}) {
            cw_render_job job;
            cw_render_job_init(&job, &cj->options, &cj->data, format);
            cw_renderer_render(r.get(), &job);
            check(job, CW_OK, cj->Describe().c_str());
            cw_buffer_destroy(job.output);
          }
        }
        cw_render_job jobs[4];
        cw_render_job_init(&jobs[0], &plain.options, &plain.data, CW_FORMAT_PNG);
        cw_render_job_init(&jobs[1], &bad.options, &bad.data, CW_FORMAT_PNG);
        cw_render_job_init(&jobs[2], &rich.options, &rich.data, CW_FORMAT_WEBP_LOSSLESS);
        cw_render_job_init(&jobs[3], &plain.options, &plain.data, CW_FORMAT_RGB8);
        cw_batch_options bo;
        cw_batch_options_init(&bo);
        bo.threads = 2;
        size_t failed = 99;
        ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs, 4, &bo, &failed), CW_OK);
        size_t counted = 0;
        for (int i = 0; i < 4; ++i) {
          check(jobs[i], i == 1 ? CW_ERR_INCONSISTENT_OHLC : CW_OK, "batch job");
          counted += jobs[i].status != CW_OK;
          cw_buffer_destroy(jobs[i].output);
        }
        EXPECT_EQ(failed, counted);
        cw_renderer_clear_cache(r.get());
      }
      calls = alloc.calls();
    }
    ASSERT_EQ(alloc.live_blocks(), 0) << "leak with allocation " << fail_at << " failing";
    if (alloc.failures() == 0) break;  // the scenario never reached fail_at
    ++injected;
    (void)calls;
  }
  EXPECT_GT(injected, 50);
}

// --- Batch -----------------------------------------------------------------

struct ProgressLog {
  std::vector<size_t> done;
  std::vector<const cw_render_job*> jobs;
  size_t total = 0;
  static void Call(void* opaque, const cw_render_job* job, size_t done, size_t total) {
    auto* log = static_cast<ProgressLog*>(opaque);  // one call at a time
    log->done.push_back(done);
    log->jobs.push_back(job);
    log->total = total;
  }
};

TEST(RendererBatch, EveryJobHasItsOwnResultAndABadOneFailsAlone) {
  RendererPtr r = MakeRenderer();
  std::vector<std::unique_ptr<ChartJob>> specs;
  for (int i = 0; i < 24; ++i) {
    specs.push_back(std::make_unique<ChartJob>(160 + 8 * i, 120, i % 8, i % 4,
                                               i % 2 ? CW_FORMAT_PNG : CW_FORMAT_RGBA8, 30 + i, i));
  }
  specs[5]->series.close[2] = NAN;
  specs[17]->options.width = 4;
  std::vector<cw_render_job> jobs(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    cw_render_job_init(&jobs[i], &specs[i]->options, &specs[i]->data, specs[i]->format);
  }
  for (uint32_t threads : {1u, 2u, 3u, 0u}) {
    ProgressLog log;
    cw_batch_options bo;
    cw_batch_options_init(&bo);
    bo.threads = threads;
    bo.progress = &ProgressLog::Call;
    bo.progress_opaque = &log;
    size_t failed = 0;
    ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs.data(), jobs.size(), &bo, &failed), CW_OK);
    EXPECT_EQ(failed, 2u);
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (i == 5) {
        EXPECT_EQ(jobs[i].status, CW_ERR_NON_FINITE);
        EXPECT_TRUE(Contains(jobs[i].message, "row 2")) << jobs[i].message;
      } else if (i == 17) {
        EXPECT_EQ(jobs[i].status, CW_ERR_SIZE_OUT_OF_RANGE);
        EXPECT_TRUE(Contains(jobs[i].message, "got 4x120"));
      } else {
        ASSERT_EQ(jobs[i].status, CW_OK) << i << ": " << jobs[i].message;
        EXPECT_EQ(OutputOf(jobs[i]), RenderWithChart(*specs[i]).bytes) << i;
      }
      cw_buffer_destroy(jobs[i].output);
      jobs[i].output = nullptr;
    }
    // One progress call per job, in order of completion, numbered 1..n.
    ASSERT_EQ(log.done.size(), jobs.size());
    for (size_t k = 0; k < log.done.size(); ++k) EXPECT_EQ(log.done[k], k + 1);
    EXPECT_EQ(log.total, jobs.size());
    std::vector<const cw_render_job*> seen = log.jobs;
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << "a job reported twice";
  }
  EXPECT_GE(Info(r.get()).worker_threads, 1u);
}

TEST(RendererBatch, BadBatchArguments) {
  RendererPtr r = MakeRenderer();
  ChartJob cj(100, 100, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 10, 1);
  cw_render_job jobs[3];
  for (cw_render_job& j : jobs) cw_render_job_init(&j, &cj.options, &cj.data, CW_FORMAT_PNG);
  size_t failed = 0;
  EXPECT_EQ(cw_renderer_render_batch(nullptr, jobs, 3, nullptr, &failed), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(failed, 3u);
  EXPECT_EQ(cw_renderer_render_batch(r.get(), nullptr, 3, nullptr, &failed), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_renderer_render_batch(r.get(), nullptr, 0, nullptr, &failed), CW_OK);
  EXPECT_EQ(failed, 0u);
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.threads = CW_MAX_BATCH_THREADS + 1;
  EXPECT_EQ(cw_renderer_render_batch(r.get(), jobs, 3, &bo, &failed), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(failed, 3u);
  bo.threads = 2;
  bo.struct_size = 4;
  EXPECT_EQ(cw_renderer_render_batch(r.get(), jobs, 3, &bo, &failed), CW_ERR_STRUCT_SIZE);
  jobs[0].struct_size = 8;
  EXPECT_EQ(cw_renderer_render_batch(r.get(), jobs, 3, nullptr, &failed), CW_ERR_STRUCT_SIZE);
  EXPECT_EQ(jobs[1].output, nullptr) << "nothing run";
  // A job whose struct_size differs from the first's fails alone.
  jobs[0].struct_size = sizeof(cw_render_job);
  jobs[2].struct_size = sizeof(cw_render_job) - 8;
  ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs, 3, nullptr, &failed), CW_OK);
  EXPECT_EQ(failed, 1u);
  EXPECT_EQ(jobs[2].status, CW_ERR_STRUCT_SIZE);
  EXPECT_TRUE(Contains(jobs[2].message, "struct_size"));
  EXPECT_EQ(jobs[0].status, CW_OK);
  EXPECT_EQ(jobs[1].status, CW_OK);
  for (cw_render_job& j : jobs) cw_buffer_destroy(j.output);
  cw_batch_options_init(nullptr);  // a no-op
}

// A caller-supplied runner: here three threads of the caller's own, taking
// indices from a shared counter.
struct ThreeThreadRunner {
  int calls = 0;
  size_t skip = SIZE_MAX;  // an index it "forgets", to test the guard
  static void Run(void* opaque, cw_parallel_task task, void* task_opaque, size_t count) {
    auto* self = static_cast<ThreeThreadRunner*>(opaque);
    ++self->calls;
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < count;) {
          if (i != self->skip) task(task_opaque, i);
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }
};

TEST(RendererBatch, RunsOnACallersRunnerAndFlagsJobsItNeverRan) {
  RendererPtr r = MakeRenderer();
  ChartJob cj(200, 150, CW_CHART_AREA, CW_THEME_LIGHT, CW_FORMAT_PNG, 50, 9);
  const Reference ref = RenderWithChart(cj);
  std::vector<cw_render_job> jobs(10);
  for (cw_render_job& j : jobs) cw_render_job_init(&j, &cj.options, &cj.data, CW_FORMAT_PNG);
  ThreeThreadRunner runner;
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.runner = &ThreeThreadRunner::Run;
  bo.runner_opaque = &runner;
  size_t failed = 99;
  ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs.data(), jobs.size(), &bo, &failed), CW_OK);
  EXPECT_EQ(failed, 0u);
  EXPECT_EQ(runner.calls, 1);
  for (cw_render_job& j : jobs) {
    EXPECT_EQ(OutputOf(j), ref.bytes);
    cw_buffer_destroy(j.output);
  }
  EXPECT_EQ(Info(r.get()).worker_threads, 0u) << "the renderer's own pool was not used";
  runner.skip = 4;
  ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs.data(), jobs.size(), &bo, &failed), CW_OK);
  EXPECT_EQ(failed, 1u);
  EXPECT_EQ(jobs[4].status, CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(jobs[4].output, nullptr);
  EXPECT_TRUE(Contains(jobs[4].message, "not run"));
  for (cw_render_job& j : jobs) cw_buffer_destroy(j.output);
}

// --- Statistics ------------------------------------------------------------

TEST(RendererStats, SingleCallsAndBatchJobsRecordThemselves) {
  StatsPtr stats = MakeStats();
  ASSERT_NE(stats, nullptr);
  RendererPtr r = MakeRenderer();
  ASSERT_EQ(cw_renderer_attach_stats(r.get(), stats.get()), CW_OK);
  ChartJob png(200, 150, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 50, 9);
  ChartJob raw(200, 150, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_RGB8, 50, 9);
  ChartJob bad(200, 150, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, CW_FORMAT_PNG, 50, 9);
  bad.series.volume[0] = -5;
  const size_t png_bytes = Render(r.get(), png).size();
  Render(r.get(), raw);
  Render(r.get(), bad);
  std::vector<cw_render_job> jobs(5);
  for (cw_render_job& j : jobs) cw_render_job_init(&j, &png.options, &png.data, CW_FORMAT_PNG);
  jobs[3].data = &bad.data;
  size_t failed = 0;
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.threads = 2;
  ASSERT_EQ(cw_renderer_render_batch(r.get(), jobs.data(), jobs.size(), &bo, &failed), CW_OK);
  for (cw_render_job& j : jobs) cw_buffer_destroy(j.output);

  const cw_stats_snapshot snap = candlewick_test::ReadStats(stats.get());
  const cw_stats_kind_snapshot& enc = snap.kinds[CW_STATS_ENCODE];
  const cw_stats_kind_snapshot& ren = snap.kinds[CW_STATS_RENDER];
  const cw_stats_kind_snapshot& bat = snap.kinds[CW_STATS_BATCH];
  EXPECT_EQ(enc.count, 2u);
  EXPECT_EQ(enc.errors, 1u);
  EXPECT_EQ(enc.bytes, png_bytes);
  EXPECT_EQ(enc.items, 100u);
  EXPECT_EQ(ren.count, 1u);
  EXPECT_EQ(ren.bytes, 200u * 150u * 3u);
  EXPECT_EQ(bat.count, 5u);
  EXPECT_EQ(bat.errors, 1u);
  EXPECT_EQ(bat.bytes, 4 * png_bytes);
  EXPECT_EQ(bat.items, 250u);
  // Detached: nothing more is recorded.
  ASSERT_EQ(cw_renderer_attach_stats(r.get(), nullptr), CW_OK);
  Render(r.get(), png);
  EXPECT_EQ(candlewick_test::ReadStats(stats.get()).count, 8u);
  r.reset();
}

}  // namespace
