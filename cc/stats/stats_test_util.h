// Test helpers for the stats recorder: a clock tests can move, an allocator
// that counts (and can refuse) allocations, and the iteration scale used
// under sanitizers.
#ifndef CANDLEWICK_CC_STATS_STATS_TEST_UTIL_H_
#define CANDLEWICK_CC_STATS_STATS_TEST_UTIL_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "cc/base/allocator.h"
#include "cc/stats/stats_recorder.h"

// ThreadSanitizer slows every atomic operation by 20-50x; the big loops
// shrink under it (and only under it) so each test still takes seconds.
// AddressSanitizer costs little here, so it runs the full counts.
#if defined(__SANITIZE_THREAD__)
#define CW_STATS_TEST_SCALED_DOWN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CW_STATS_TEST_SCALED_DOWN 1
#endif
#endif

namespace candlewick {
namespace testing_util {

// `full`, or `full / divisor` under ThreadSanitizer.
constexpr uint64_t SanitizerScaled(uint64_t full, uint64_t divisor) {
#ifdef CW_STATS_TEST_SCALED_DOWN
  return full / divisor;
#else
  (void)divisor;
  return full;
#endif
}

class FakeClock {
 public:
  explicit FakeClock(int64_t start_ns = 0) : now_(start_ns) {}
  StatsClock clock() { return StatsClock{this, &FakeClock::Read}; }
  int64_t now() const { return now_.load(); }
  void Set(int64_t ns) { now_.store(ns); }
  void Advance(int64_t ns) { now_.fetch_add(ns); }

 private:
  static int64_t Read(void* self) { return static_cast<FakeClock*>(self)->now_.load(); }
  std::atomic<int64_t> now_;
};

// Counts every allocation and free made through its hooks; allocation
// number `fail_at` (0-based) and every later one returns NULL when set.
class CountingAllocator {
 public:
  AllocatorHooks hooks() { return AllocatorHooks{this, &Alloc, &Free}; }
  int64_t allocs() const { return allocs_.load(); }
  int64_t frees() const { return frees_.load(); }
  void FailFrom(int64_t n) { fail_at_.store(n); }

 private:
  static void* Alloc(void* self, size_t size, size_t alignment) {
    auto* me = static_cast<CountingAllocator*>(self);
    const int64_t n = me->attempts_.fetch_add(1);
    if (n >= me->fail_at_.load()) return nullptr;
    void* p = AllocatorHooks::Default().alloc(nullptr, size, alignment);
    if (p != nullptr) me->allocs_.fetch_add(1);
    return p;
  }
  static void Free(void* self, void* p) {
    static_cast<CountingAllocator*>(self)->frees_.fetch_add(1);
    AllocatorHooks::Default().free(nullptr, p);
  }

  std::atomic<int64_t> attempts_{0};
  std::atomic<int64_t> allocs_{0};
  std::atomic<int64_t> frees_{0};
  std::atomic<int64_t> fail_at_{INT64_MAX};
};

}  // namespace testing_util
}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_STATS_TEST_UTIL_H_
