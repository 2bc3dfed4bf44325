// The pool runs every iteration exactly once, on at most the threads asked
// for, for concurrent callers at once, and its results are visible to the
// caller (ThreadSanitizer checks the hand-over in CI).
#include "cc/renderer/worker_pool.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace candlewick {
namespace {

struct Loop {
  std::vector<int> hits;  // written without atomics: the pool must publish them
  std::mutex mu;
  std::set<std::thread::id> threads;
  std::atomic<int> inside{0};
  std::atomic<int> most_inside{0};
  bool slow = false;
  static void Task(void* context, size_t i) {
    auto* self = static_cast<Loop*>(context);
    const int now = ++self->inside;
    for (int seen = self->most_inside.load(); now > seen;) {
      if (self->most_inside.compare_exchange_weak(seen, now)) break;
    }
    self->hits[i] += 1;
    {
      std::lock_guard<std::mutex> lock(self->mu);
      self->threads.insert(std::this_thread::get_id());
    }
    if (self->slow) std::this_thread::sleep_for(std::chrono::microseconds(200));
    --self->inside;
  }
};

TEST(WorkerPool, RunsEveryIterationOnceWithAtMostTheThreadsAskedFor) {
  WorkerPool pool;
  EXPECT_EQ(pool.started(), 0u);
  for (uint32_t threads : {1u, 2u, 3u, 8u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{500}}) {
      Loop loop;
      loop.slow = count <= 7;
      loop.hits.assign(count, 0);
      pool.Run(count, threads, &Loop::Task, &loop);
      for (size_t i = 0; i < count; ++i) ASSERT_EQ(loop.hits[i], 1) << i;
      EXPECT_LE(loop.most_inside.load(), static_cast<int>(threads));
      EXPECT_LE(loop.threads.size(), threads);
      if (threads == 1) {
        EXPECT_TRUE(loop.threads.empty() ||
                    *loop.threads.begin() == std::this_thread::get_id());
      }
    }
  }
  // Started lazily, never more than the largest request needed.
  EXPECT_LE(pool.started(), 7u);
  EXPECT_GE(pool.started(), 1u);
}

TEST(WorkerPool, SingleThreadRunsStartNoWorker) {
  WorkerPool pool;
  Loop loop;
  loop.hits.assign(100, 0);
  pool.Run(100, 1, &Loop::Task, &loop);
  EXPECT_EQ(pool.started(), 0u);
  ASSERT_EQ(loop.threads.size(), 1u);
  EXPECT_EQ(*loop.threads.begin(), std::this_thread::get_id());
}

TEST(WorkerPool, ConcurrentCallersShareTheWorkersAndAllFinish) {
  WorkerPool pool;
  constexpr int kCallers = 6;
  std::vector<Loop> loops(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    loops[c].hits.assign(300 + c, 0);
    loops[c].slow = c % 2 == 0;
    callers.emplace_back([&pool, &loops, c] {
      for (int round = 0; round < 3; ++round) {
        for (int& h : loops[c].hits) h = 0;
        pool.Run(loops[c].hits.size(), 1 + c % 4, &Loop::Task, &loops[c]);
        for (int h : loops[c].hits) ASSERT_EQ(h, 1);
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_LE(pool.started(), 3u);
}

TEST(WorkerPool, AvailableCpuCountIsPositive) { EXPECT_GE(AvailableCpuCount(), 1u); }

}  // namespace
}  // namespace candlewick
