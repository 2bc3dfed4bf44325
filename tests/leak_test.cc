// Creates, renders and destroys in a loop. Under --config=asan, LeakSanitizer
// fails this test on any leaked byte; in every build, a counting allocator
// proves each allocation is returned and that memory held between renders
// stays flat (no growth over thousands of charts).
#include <cstdlib>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartOptions;
using candlewick_test::ChartPtr;
using candlewick_test::MakeChart;
using candlewick_test::MakeSeries;
using candlewick_test::Series;
using candlewick_test::TestingAllocator;

TEST(Leak, CreateRenderDestroyLoopReturnsEveryByte) {
  TestingAllocator tracking;
  const Series s = MakeSeries(200, 3);
  const cw_ohlcv v = s.View();
  for (int i = 0; i < 300; ++i) {
    cw_chart_options o = ChartOptions(320 + static_cast<uint32_t>(i % 7), 200);
    o.theme = i % 4;
    o.allocator = tracking.allocator();
    ChartPtr c = MakeChart(o);
    ASSERT_NE(c, nullptr);
    cw_buffer *png = nullptr, *frame = nullptr;
    ASSERT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
    ASSERT_EQ(cw_chart_render_rgba_buffer(c.get(), &v, &frame), CW_OK);
    // An error path in the loop too: it must not leak either.
    cw_ohlcv bad = v;
    bad.high.length = 3;
    cw_buffer* none = nullptr;
    ASSERT_EQ(cw_chart_render_png(c.get(), &bad, &none), CW_ERR_LENGTH_MISMATCH);
    cw_buffer_destroy(frame);
    c.reset();  // the PNG outlives its chart
    cw_buffer_destroy(png);
    ASSERT_EQ(tracking.live_bytes, 0) << "iteration " << i;
  }
  EXPECT_EQ(tracking.allocations, tracking.frees);
}

TEST(Leak, ReusedChartHoldsFlatMemoryAcrossThousandsOfRenders) {
  TestingAllocator tracking;
  ChartPtr c = MakeChart(tracking.allocator());
  ASSERT_NE(c, nullptr);
  const Series s = MakeSeries(150, 5);
  const cw_ohlcv v = s.View();
  int64_t held_after_warmup = -1;
  for (int i = 0; i < 2000; ++i) {
    cw_buffer* png = nullptr;
    ASSERT_EQ(cw_chart_render_png(c.get(), &v, &png), CW_OK);
    cw_buffer_destroy(png);
    if (i == 10) held_after_warmup = tracking.live_bytes;
    if (i > 10) {
      ASSERT_EQ(tracking.live_bytes, held_after_warmup) << "memory grew at render " << i;
    }
  }
  c.reset();
  EXPECT_EQ(tracking.live_bytes, 0);
}

}  // namespace
