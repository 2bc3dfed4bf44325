// 64 threads on one renderer: mixed sizes, chart types, themes, formats,
// axes, overlays and caller frames, single calls and batches at once, with a
// cache bound small enough to evict all the time. Every output must be
// byte-identical to a single-threaded render of the same job by a cw_chart
// of its own. ThreadSanitizer runs it in CI (tag `concurrency`), ASan too.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/renderer_test_support.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartJob;
using candlewick_test::CountingAllocator;
using candlewick_test::Reference;
using candlewick_test::RenderWithChart;

constexpr int kThreads = 64;
constexpr int kJobsPerThread = 6;

struct Case {
  std::unique_ptr<ChartJob> job;
  Reference expected;
};

// A varied, deterministic set of jobs (small frames keep the sanitizer run
// short; the variety is what matters).
std::vector<Case> MakeCases() {
  static const uint32_t kSizes[][2] = {{96, 64}, {160, 120}, {240, 135}, {320, 180}, {128, 256}};
  static const int32_t kFormats[] = {CW_FORMAT_PNG,      CW_FORMAT_RGBA8,         CW_FORMAT_RGB8,
                                     CW_FORMAT_INDEXED8, CW_FORMAT_WEBP_LOSSLESS, CW_FORMAT_WEBP_LOSSY,
                                     CW_FORMAT_SVG,      CW_FORMAT_PNG};
  std::vector<Case> cases;
  for (int i = 0; i < 40; ++i) {
    const auto& size = kSizes[i % 5];
    const int32_t format = kFormats[i % 8];
    auto job = std::make_unique<ChartJob>(size[0], size[1], (i * 3) % 8, (i / 3) % 4, format,
                                          20 + (i * 7) % 90, 100 + i);
    job->options.show_axes = i % 3 == 0;
    job->options.antialias = i % 5 == 1 && format != CW_FORMAT_INDEXED8;
    job->options.png_preset = i % 11 == 0 ? CW_PNG_FASTEST : CW_PNG_BALANCED;
    if (i % 4 == 2) job->AddOverlayAndPanel();
    if (i % 6 == 5) job->data.title = "concurrent";
    Case c;
    c.expected = RenderWithChart(*job);
    c.job = std::move(job);
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Check(const Case& c, const cw_render_job& job, const std::vector<uint8_t>& frame,
                  const std::vector<cw_color>& palette) {
  if (job.status != CW_OK) return "failed: " + std::string(job.message);
  const std::vector<uint8_t> bytes =
      job.output != nullptr ? candlewick_test::BufferBytes(job.output) : frame;
  if (bytes != c.expected.bytes) return "bytes differ";
  if (std::vector<cw_color>(palette.begin(), palette.begin() + static_cast<ptrdiff_t>(
                                                 std::min(job.palette_count, palette.size()))) !=
      c.expected.palette) {
    return "palette differs";
  }
  return "";
}

TEST(RendererConcurrency, SixtyFourThreadsGetTheBytesOfASingleThreadedRender) {
  const std::vector<Case> cases = MakeCases();
  for (const Case& c : cases) ASSERT_FALSE(c.expected.bytes.empty()) << c.job->Describe();

  CountingAllocator alloc;
  cw_renderer_options ro;
  cw_renderer_options_init(&ro);
  ro.allocator = alloc.hooks();
  ro.max_cache_bytes = 3u << 20;  // a fraction of the 40 option sets: evicts constantly
  cw_renderer* renderer = nullptr;
  ASSERT_EQ(cw_renderer_create(&ro, &renderer), CW_OK);
  cw_stats_options so;
  cw_stats_options_init(&so);
  cw_stats* stats = nullptr;
  ASSERT_EQ(cw_stats_create(&so, &stats), CW_OK);
  cw_renderer_attach_stats(renderer, stats);

  std::atomic<int> failures{0};
  std::atomic<int> checked{0};
  std::vector<std::string> first_failure(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto fail = [&](const std::string& why) {
        if (first_failure[t].empty()) first_failure[t] = why;
        ++failures;
      };
      if (t % 8 == 7) {
        // Every eighth thread renders its share as one batch on two threads.
        std::vector<cw_render_job> jobs(kJobsPerThread);
        std::vector<std::vector<cw_color>> palettes(kJobsPerThread,
                                                    std::vector<cw_color>(256));
        for (int k = 0; k < kJobsPerThread; ++k) {
          const Case& c = cases[(t * 5 + k * 3) % cases.size()];
          cw_render_job_init(&jobs[k], &c.job->options, &c.job->data, c.job->format);
          jobs[k].palette = palettes[k].data();
          jobs[k].palette_capacity = 256;
        }
        cw_batch_options bo;
        cw_batch_options_init(&bo);
        bo.threads = 2;
        size_t failed = 0;
        if (cw_renderer_render_batch(renderer, jobs.data(), jobs.size(), &bo, &failed) != CW_OK) {
          fail("batch call failed");
        }
        for (int k = 0; k < kJobsPerThread; ++k) {
          const Case& c = cases[(t * 5 + k * 3) % cases.size()];
          const std::string why = Check(c, jobs[k], {}, palettes[k]);
          if (!why.empty()) fail(c.job->Describe() + ": " + why);
          ++checked;
          cw_buffer_destroy(jobs[k].output);
        }
        return;
      }
      for (int k = 0; k < kJobsPerThread; ++k) {
        const Case& c = cases[(t * 7 + k * 13) % cases.size()];
        cw_render_job job;
        cw_render_job_init(&job, &c.job->options, &c.job->data, c.job->format);
        std::vector<cw_color> palette(256);
        job.palette = palette.data();
        job.palette_capacity = palette.size();
        std::vector<uint8_t> frame;
        const size_t bpp = cw_format_bytes_per_pixel(c.job->format);
        if (bpp != 0 && (t + k) % 2 == 0) {  // half the raw renders into a frame of ours
          frame.resize(bpp * c.job->options.width * c.job->options.height);
          job.pixels = frame.data();
          job.buffer_size = frame.size();
          job.row_stride = bpp * c.job->options.width;
        }
        cw_renderer_render(renderer, &job);
        const std::string why = Check(c, job, frame, palette);
        if (!why.empty()) fail(c.job->Describe() + ": " + why);
        ++checked;
        cw_buffer_destroy(job.output);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(first_failure[t], "") << "thread " << t;
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(checked.load(), kThreads * kJobsPerThread);

  cw_renderer_info info;
  info.struct_size = sizeof info;
  ASSERT_EQ(cw_renderer_get_info(renderer, &info), CW_OK);
  EXPECT_LE(info.cached_bytes, ro.max_cache_bytes);
  EXPECT_EQ(info.charts_in_use, 0u);
  EXPECT_GT(info.evictions, 0u);
  EXPECT_EQ(info.hits + info.misses, static_cast<uint64_t>(kThreads * kJobsPerThread));
  EXPECT_EQ(alloc.live_bytes(), static_cast<int64_t>(info.cached_bytes + info.overhead_bytes));

  cw_stats_snapshot snap;
  snap.struct_size = sizeof snap;
  ASSERT_EQ(cw_stats_read(stats, &snap), CW_OK);
  EXPECT_EQ(snap.count, static_cast<uint64_t>(kThreads * kJobsPerThread));
  EXPECT_EQ(snap.kinds[CW_STATS_BATCH].count, static_cast<uint64_t>(8 * kJobsPerThread));
  uint64_t errors = 0;
  for (const cw_stats_kind_snapshot& k : snap.kinds) errors += k.errors;
  EXPECT_EQ(errors, 0u);

  cw_renderer_destroy(renderer);
  cw_stats_destroy(stats);
  EXPECT_EQ(alloc.live_blocks(), 0);
}

}  // namespace
