// Creates, renders and destroys in a loop. Under --config=asan, LeakSanitizer
// fails this test on any leaked byte; in every build, a counting allocator
// proves each allocation is returned and that memory held between renders
// stays flat (no growth over thousands of charts).
#include <cstdlib>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"
#include "tests/test_support.h"

namespace {

TEST(Leak, CreateRenderDestroyLoopReturnsEveryByte) {
  candlewick_test::TestingAllocator tracking;
  cw_allocator hooks = tracking.hooks();
  const candlewick_test::Series s = candlewick_test::MakeSeries(200, 3);
  const cw_ohlcv v = s.View();
  for (int i = 0; i < 300; ++i) {
    cw_chart_options o;
    cw_chart_options_init(&o);
    o.width = 320 + static_cast<uint32_t>(i % 7);
    o.height = 200;
    o.theme = i % 4;
    o.allocator = &hooks;
    cw_chart* c = nullptr;
    ASSERT_EQ(cw_chart_create(&o, &c), CW_OK);
    cw_buffer *png = nullptr, *frame = nullptr;
    ASSERT_EQ(cw_chart_render_png(c, &v, &png), CW_OK);
    ASSERT_EQ(cw_chart_render_rgba_buffer(c, &v, &frame), CW_OK);
    // An error path in the loop too: it must not leak either.
    cw_ohlcv bad = v;
    bad.high.length = 3;
    cw_buffer* none = nullptr;
    ASSERT_EQ(cw_chart_render_png(c, &bad, &none), CW_ERR_LENGTH_MISMATCH);
    cw_buffer_destroy(frame);
    cw_chart_destroy(c);  // the PNG outlives its chart
    cw_buffer_destroy(png);
    ASSERT_EQ(tracking.live_bytes, 0) << "iteration " << i;
  }
  EXPECT_EQ(tracking.allocations, tracking.frees);
}

TEST(Leak, ReusedChartHoldsFlatMemoryAcrossThousandsOfRenders) {
  candlewick_test::TestingAllocator tracking;
  cw_allocator hooks = tracking.hooks();
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.allocator = &hooks;
  cw_chart* c = nullptr;
  ASSERT_EQ(cw_chart_create(&o, &c), CW_OK);
  const candlewick_test::Series s = candlewick_test::MakeSeries(150, 5);
  const cw_ohlcv v = s.View();
  int64_t held_after_warmup = -1;
  for (int i = 0; i < 2000; ++i) {
    cw_buffer* png = nullptr;
    ASSERT_EQ(cw_chart_render_png(c, &v, &png), CW_OK);
    cw_buffer_destroy(png);
    if (i == 10) held_after_warmup = tracking.live_bytes;
    if (i > 10) {
      ASSERT_EQ(tracking.live_bytes, held_after_warmup) << "memory grew at render " << i;
    }
  }
  cw_chart_destroy(c);
  EXPECT_EQ(tracking.live_bytes, 0);
}

}  // namespace
