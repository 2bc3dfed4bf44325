// One stats handle shared by charts rendering on several threads, a thread
// recording its own samples (some bad), and a scraper reading text: the
// totals come out exact, and under ThreadSanitizer (the CI runs tests
// tagged `concurrency` with --config=tsan) no access races.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace {

TEST(StatsCapiConcurrency, ChartsOnManyThreadsShareOneStatsHandleExactly) {
  constexpr int kChartThreads = 4;
  constexpr int kRendersPerThread = 40;
  constexpr int kSamples = 20000;
  cw_stats_options so;
  cw_stats_options_init(&so);
  so.capacity = 256;
  static const char* const kLabels[] = {"scrape_check"};
  so.labels = kLabels;
  so.label_count = 1;
  cw_stats* stats = nullptr;
  ASSERT_EQ(cw_stats_create(&so, &stats), CW_OK);

  const candlewick_test::Series series = candlewick_test::MakeSeries(40, 11);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<uint64_t> png_bytes{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < kChartThreads; ++t) {
    threads.emplace_back([&, t] {
      // A chart is one-thread-at-a-time: each thread has its own.
      cw_chart_options co;
      cw_chart_options_init(&co);
      co.width = 48;
      co.height = 32;
      cw_chart* chart = nullptr;
      if (cw_chart_create(&co, &chart) != CW_OK) {
        failures.fetch_add(1);
        return;
      }
      cw_chart_attach_stats(chart, stats);
      const cw_ohlcv v = series.View();
      for (int i = 0; i < kRendersPerThread; ++i) {
        cw_buffer* out = nullptr;
        const cw_status st = (i + t) % 2 == 0 ? cw_chart_render_png(chart, &v, &out)
                                              : cw_chart_render_rgba_buffer(chart, &v, &out);
        if (st != CW_OK) failures.fetch_add(1);
        if ((i + t) % 2 == 0) png_bytes.fetch_add(cw_buffer_size(out));
        cw_buffer_destroy(out);
      }
      cw_chart_destroy(chart);
    });
  }
  threads.emplace_back([&] {
    // Samples of a caller's own, every tenth one bad.
    for (int i = 0; i < kSamples; ++i) {
      cw_stats_sample s;
      std::memset(&s, 0, sizeof s);
      s.struct_size = sizeof s;
      s.kind = i % 10 == 0 ? 99 : static_cast<int32_t>(CW_STATS_LABEL_0);
      s.end_ns = cw_stats_now(stats);
      s.duration_ns = i;
      s.items = 1;
      const cw_status st = cw_stats_record(stats, &s);
      if (st != (i % 10 == 0 ? CW_ERR_INVALID_ARGUMENT : CW_OK)) failures.fetch_add(1);
    }
  });
  std::thread scraper([&] {
    char message[128];
    while (!done.load()) {
      cw_buffer* text = nullptr;
      if (cw_stats_read_prometheus(stats, "svc", &text) != CW_OK) failures.fetch_add(1);
      cw_buffer_destroy(text);
      if (cw_stats_read_json(stats, &text) != CW_OK) failures.fetch_add(1);
      cw_buffer_destroy(text);
      cw_stats_last_error(stats, message, sizeof message);
    }
  });
  for (std::thread& t : threads) t.join();
  done.store(true);
  scraper.join();

  EXPECT_EQ(failures.load(), 0);
  cw_stats_snapshot snap;
  std::memset(&snap, 0, sizeof snap);
  snap.struct_size = sizeof snap;
  ASSERT_EQ(cw_stats_read(stats, &snap), CW_OK);
  const uint64_t renders = kChartThreads * kRendersPerThread;
  EXPECT_EQ(snap.kinds[CW_STATS_ENCODE].count, renders / 2);
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].count, renders / 2);
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].bytes, renders / 2 * 48 * 32 * 4);
  EXPECT_EQ(snap.kinds[CW_STATS_ENCODE].bytes, png_bytes.load());
  EXPECT_EQ(snap.kinds[CW_STATS_RENDER].items + snap.kinds[CW_STATS_ENCODE].items, renders * 40);
  EXPECT_EQ(snap.kinds[CW_STATS_LABEL_0].count, kSamples - kSamples / 10);
  EXPECT_EQ(snap.count, renders + kSamples - kSamples / 10);
  EXPECT_EQ(snap.window_count, 256u);
  char message[128];
  cw_stats_last_error(stats, message, sizeof message);
  EXPECT_NE(std::strstr(message, "unknown stats kind 99"), nullptr) << message;
  cw_stats_destroy(stats);
}

}  // namespace
