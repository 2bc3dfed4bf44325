// Shared by the renderer tests: a thread-safe counting allocator that can
// fail a chosen allocation, charts described as data (options, series,
// overlays, format) and their reference bytes from a cw_chart of their own.
#ifndef CANDLEWICK_TESTS_RENDERER_TEST_SUPPORT_H_
#define CANDLEWICK_TESTS_RENDERER_TEST_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "tests/test_support.h"

namespace candlewick_test {

// cw_allocator hooks over aligned_alloc that count live blocks and bytes,
// may fail the allocation numbered `fail_at` (0-based) and every
// `fail_every`-th one after it (0: only that one), and are safe to call
// from many threads.
class CountingAllocator {
 public:
  CountingAllocator();
  cw_allocator* hooks() { return &hooks_; }

  void FailAt(int64_t index, int64_t every = 0);
  int64_t calls() const;
  int64_t failures() const;
  int64_t allocations() const;  // successful
  int64_t live_blocks() const;
  int64_t live_bytes() const;   // the sizes asked for

 private:
  static void* Alloc(void* opaque, size_t size, size_t alignment);
  static void Free(void* opaque, void* ptr);

  cw_allocator hooks_;
  mutable std::mutex mu_;
  std::map<void*, size_t> sizes_;
  int64_t calls_ = 0, failures_ = 0, allocations_ = 0, live_bytes_ = 0;
  int64_t fail_at_ = -1, fail_every_ = 0;
};

// One chart to render: options, data (owned here; `data` points into it)
// and a format. Copying is disabled because `data` points at members.
struct ChartJob {
  ChartJob(uint32_t width, uint32_t height, int32_t type, int32_t theme, int32_t format,
           size_t candles, uint32_t seed);
  ChartJob(const ChartJob&) = delete;
  ChartJob& operator=(const ChartJob&) = delete;

  // Adds a 10-bar moving average over the prices and a panel with an
  // oscillator line and its 30/70 levels.
  void AddOverlayAndPanel();
  std::string Describe() const;

  cw_chart_options options;
  int32_t format;
  Series series;
  std::vector<double> average, oscillator;
  cw_line overlay{}, panel_line{};
  double levels[2] = {30, 70};
  cw_panel panel{};
  cw_ohlcv view{};
  cw_chart_data data{};
};

// The job's bytes (and palette) from a fresh cw_chart with the same options:
// the single-threaded reference. Raw formats are at the minimum stride.
struct Reference {
  std::vector<uint8_t> bytes;
  std::vector<cw_color> palette;
};
Reference RenderWithChart(const ChartJob& job);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_RENDERER_TEST_SUPPORT_H_
