// Many threads taking, creating and releasing entries of a few keys at once:
// an entry is never lent to two threads, and the idle memory stays within
// the bound (run under ThreadSanitizer in CI).
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/renderer/cache_key.h"
#include "cc/renderer/chart_cache.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

struct Slot {
  Slot(const AllocatorHooks& h, int key) : hooks(h), key(key) {}
  ~Slot() { hooks.Deallocate(block); }
  AllocatorHooks hooks;
  int key;
  void* block = nullptr;
  int uses = 0;                // plain: only ever touched by the holder
  std::atomic<int> holders{0};
};

TEST(ChartCacheConcurrency, NoEntryIsLentTwiceAndTheBoundHolds) {
  using Cache = ChartCache<Slot>;
  const size_t bound = 3 * (sizeof(Cache::Entry) + 4096 + 64);  // under the 9 keys' total
  Cache cache(AllocatorHooks::Default(), bound);
  ASSERT_TRUE(cache.Init());
  constexpr int kThreads = 16, kRounds = 2000, kKeys = 9;
  std::atomic<int> violations{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      uint32_t x = 0x9E3779B9u * (t + 1);
      for (int r = 0; r < kRounds; ++r) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        const int k = static_cast<int>(x % kKeys);
        CacheKey key;
        key.Add(k);
        Cache::Entry* e = cache.Take(key);
        if (e == nullptr) e = cache.Create(key, k);
        ASSERT_NE(e, nullptr);
        Slot& s = e->slot();
        if (s.holders.fetch_add(1) != 0 || s.key != k) ++violations;
        ++s.uses;
        if (s.block == nullptr) s.block = s.hooks.Allocate(1024 + 1024 * (k % 4), 64);
        s.holders.fetch_sub(1);
        cache.Release(e, x % 50 != 0);  // now and then dropped, as after an error
        if (cache.Stats().idle_bytes > bound) ++violations;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(violations.load(), 0);
  const ChartCacheStats s = cache.Stats();
  EXPECT_EQ(s.leased_entries, 0u);
  EXPECT_LE(s.idle_bytes, bound);
  EXPECT_EQ(s.hits + s.misses, static_cast<uint64_t>(kThreads) * kRounds);
  EXPECT_GT(s.hits, 0u);
  EXPECT_GT(s.evictions, 0u);
}

}  // namespace
}  // namespace candlewick
