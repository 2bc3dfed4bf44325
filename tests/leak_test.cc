// Creates, renders and destroys in a loop. Under --config=asan, LeakSanitizer
// fails this test on any leaked byte; in every build, a counting allocator
// proves each allocation is returned and that memory held between renders
// stays flat (no growth over thousands of charts).
#include <cstdlib>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace {

struct Tracking {
  long live_bytes = 0;
  long peak_live_bytes = 0;
  long allocations = 0;
  long frees = 0;
  std::vector<std::pair<void*, size_t>> sizes;  // small: a handful live at once
  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    auto* t = static_cast<Tracking*>(opaque);
    if (alignment < sizeof(void*)) alignment = sizeof(void*);
    void* p = std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
    if (p == nullptr) return nullptr;
    t->allocations++;
    t->live_bytes += static_cast<long>(size);
    if (t->live_bytes > t->peak_live_bytes) t->peak_live_bytes = t->live_bytes;
    t->sizes.emplace_back(p, size);
    return p;
  }
  static void Free(void* opaque, void* p) {
    auto* t = static_cast<Tracking*>(opaque);
    t->frees++;
    for (size_t i = 0; i < t->sizes.size(); ++i) {
      if (t->sizes[i].first == p) {
        t->live_bytes -= static_cast<long>(t->sizes[i].second);
        t->sizes.erase(t->sizes.begin() + static_cast<ptrdiff_t>(i));
        break;
      }
    }
    std::free(p);
  }
};

TEST(Leak, CreateRenderDestroyLoopReturnsEveryByte) {
  Tracking tracking;
  cw_allocator hooks = {&tracking, &Tracking::Alloc, &Tracking::Free};
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
  Tracking tracking;
  cw_allocator hooks = {&tracking, &Tracking::Alloc, &Tracking::Free};
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.allocator = &hooks;
  cw_chart* c = nullptr;
  ASSERT_EQ(cw_chart_create(&o, &c), CW_OK);
  const candlewick_test::Series s = candlewick_test::MakeSeries(150, 5);
  const cw_ohlcv v = s.View();
  long held_after_warmup = -1;
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
