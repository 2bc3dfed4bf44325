// The cache's contract, single-threaded: what it keeps, in which order it
// evicts, that its idle memory (measured, not estimated) never exceeds the
// bound, and that failed allocations leave it working.
#include "cc/renderer/chart_cache.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/test_hooks.h"
#include "cc/renderer/cache_key.h"
#include "cc/renderer/metered_hooks.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

// Stands in for a chart: holds one block of a chosen size, allocated
// through the hooks it was made with (as a chart's scratch would be).
struct FakeSlot {
  FakeSlot(const AllocatorHooks& h, int id) : hooks(h), id(id) {}
  ~FakeSlot() { hooks.Deallocate(block); }
  bool Hold(size_t bytes) {
    hooks.Deallocate(block);
    block = hooks.Allocate(bytes, 16);
    return block != nullptr;
  }
  AllocatorHooks hooks;
  int id;
  void* block = nullptr;
};

using Cache = ChartCache<FakeSlot>;

CacheKey Key(int32_t a, int32_t b = 0) {
  CacheKey k;
  k.Add(a);
  k.Add(b);
  return k;
}

TEST(MeteredHooks, CountsEveryByteAskedOfTheBaseAndKeepsAlignment) {
  TestHooks base;
  {
    MeteredHooks meter(base.Hooks());
    const AllocatorHooks h = meter.hooks();
    void* a = h.Allocate(100, 8);
    void* b = h.Allocate(1000, 64);
    void* c = h.Allocate(1, 32);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 64, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(c) % 32, 0u);
    EXPECT_EQ(meter.bytes(), (100 + 16) + (1000 + 64) + (1 + 32));
    EXPECT_EQ(meter.blocks(), 3u);
    EXPECT_EQ(base.live, 3);
    h.Deallocate(b);
    EXPECT_EQ(meter.bytes(), (100 + 16) + (1 + 32));
    h.Deallocate(a);
    h.Deallocate(c);
    EXPECT_EQ(meter.bytes(), 0u);
    EXPECT_EQ(meter.blocks(), 0u);
    // A size that would overflow with the header fails without calling the base.
    const int64_t calls = base.attempts;
    EXPECT_EQ(h.alloc(h.opaque, SIZE_MAX - 8, 16), nullptr);
    EXPECT_EQ(base.attempts, calls);
  }
  EXPECT_EQ(base.live, 0);
}

TEST(CacheKey, ComparesExactBytesAndRefusesToTruncate) {
  EXPECT_EQ(Key(1, 2), Key(1, 2));
  EXPECT_EQ(Key(1, 2).Hash(), Key(1, 2).Hash());
  EXPECT_NE(Key(1, 2), Key(2, 1));
  EXPECT_NE(Key(1, 2).Hash(), Key(2, 1).Hash());
  CacheKey shorter;
  shorter.Add(int32_t{1});
  EXPECT_NE(shorter, Key(1, 0));
  CacheKey full;
  for (size_t i = 0; i < CacheKey::kCapacity / 8; ++i) full.Add(uint64_t{i});
  EXPECT_TRUE(full.ok());
  full.Add(uint8_t{1});
  EXPECT_FALSE(full.ok());
}

TEST(ChartCache, KeepsReleasedEntriesAndLendsThemAgainByKey) {
  TestHooks base;
  {
    Cache cache(base.Hooks(), 1 << 20);
    ASSERT_TRUE(cache.Init());
    EXPECT_EQ(cache.Take(Key(1)), nullptr);
    Cache::Entry* a = cache.Create(Key(1), 1);
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(a->slot().Hold(1000));
    EXPECT_EQ(cache.Stats().leased_entries, 1u);
    cache.Release(a, true);
    ChartCacheStats s = cache.Stats();
    EXPECT_EQ(s.idle_entries, 1u);
    EXPECT_EQ(s.leased_entries, 0u);
    EXPECT_EQ(s.idle_bytes, sizeof(Cache::Entry) + 1000 + 16);
    EXPECT_EQ(cache.Take(Key(2)), nullptr);  // another key
    Cache::Entry* again = cache.Take(Key(1));
    EXPECT_EQ(again, a);
    EXPECT_EQ(again->slot().id, 1);
    EXPECT_EQ(cache.Take(Key(1)), nullptr);  // lent: never to two holders
    cache.Release(again, true);
    s = cache.Stats();
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 3u);
  }
  EXPECT_EQ(base.live, 0);
}

TEST(ChartCache, EvictsTheLeastRecentlyUsedToStayWithinTheBound) {
  TestHooks base;
  const size_t entry = sizeof(Cache::Entry) + 10000 + 16;
  Cache cache(base.Hooks(), 2 * entry + entry / 2);  // room for two
  ASSERT_TRUE(cache.Init());
  auto use = [&](int id) {
    Cache::Entry* e = cache.Take(Key(id));
    const bool hit = e != nullptr;
    if (e == nullptr) e = cache.Create(Key(id), id);
    EXPECT_TRUE(e->slot().Hold(10000));
    cache.Release(e, true);
    EXPECT_LE(cache.Stats().idle_bytes, cache.Stats().max_bytes);
    return hit;
  };
  EXPECT_FALSE(use(1));
  EXPECT_FALSE(use(2));
  EXPECT_TRUE(use(1));   // order now: 2 (oldest), 1
  EXPECT_FALSE(use(3));  // evicts 2
  EXPECT_EQ(cache.Stats().evictions, 1u);
  EXPECT_TRUE(use(1));
  EXPECT_TRUE(use(3));
  EXPECT_FALSE(use(2));  // evicts 1, the oldest
  EXPECT_FALSE(use(1));
  EXPECT_EQ(cache.Stats().idle_entries, 2u);
  EXPECT_EQ(cache.Stats().idle_bytes, 2 * entry);
}

TEST(ChartCache, AnEntryLargerThanTheBoundIsDroppedWithoutFlushingOthers) {
  TestHooks base;
  Cache cache(base.Hooks(), 100000);
  ASSERT_TRUE(cache.Init());
  Cache::Entry* small = cache.Create(Key(1), 1);
  ASSERT_TRUE(small->slot().Hold(1000));
  cache.Release(small, true);
  Cache::Entry* big = cache.Create(Key(2), 2);
  ASSERT_TRUE(big->slot().Hold(200000));
  cache.Release(big, true);
  const ChartCacheStats s = cache.Stats();
  EXPECT_EQ(s.idle_entries, 1u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_EQ(cache.Take(Key(2)), nullptr);
  Cache::Entry* survivor = cache.Take(Key(1));
  ASSERT_NE(survivor, nullptr) << "the small entry must survive";
  cache.Release(survivor, true);
}

TEST(ChartCache, EntriesWithTheSameKeyAreKeptApartAndTheNewestLentFirst) {
  TestHooks base;
  Cache cache(base.Hooks(), 1 << 20);
  ASSERT_TRUE(cache.Init());
  Cache::Entry* a = cache.Create(Key(7), 1);
  Cache::Entry* b = cache.Create(Key(7), 2);  // a second thread's copy
  cache.Release(a, true);
  cache.Release(b, true);
  EXPECT_EQ(cache.Stats().idle_entries, 2u);
  Cache::Entry* first = cache.Take(Key(7));
  Cache::Entry* second = cache.Take(Key(7));
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->slot().id, 2);
  EXPECT_EQ(second->slot().id, 1);
  cache.Release(first, false);  // dropped on request: not an eviction
  cache.Release(second, true);
  EXPECT_EQ(cache.Stats().idle_entries, 1u);
  EXPECT_EQ(cache.Stats().evictions, 0u);
}

TEST(ChartCache, ZeroBytesKeepsNothingAndClearFreesEverything) {
  TestHooks base;
  {
    Cache none(base.Hooks(), 0);
    ASSERT_TRUE(none.Init());
    Cache::Entry* e = none.Create(Key(1), 1);
    none.Release(e, true);
    EXPECT_EQ(none.Stats().idle_entries, 0u);
    EXPECT_EQ(none.Take(Key(1)), nullptr);
  }
  EXPECT_EQ(base.live, 0);
  Cache cache(base.Hooks(), 1 << 24);
  ASSERT_TRUE(cache.Init());
  for (int i = 0; i < 500; ++i) {  // grows the bucket table several times
    Cache::Entry* e = cache.Create(Key(i, i * 7), i);
    ASSERT_TRUE(e->slot().Hold(100));
    cache.Release(e, true);
  }
  EXPECT_EQ(cache.Stats().idle_entries, 500u);
  EXPECT_GE(cache.overhead_bytes(), 500 * sizeof(void*));
  for (int i = 0; i < 500; i += 37) {
    Cache::Entry* e = cache.Take(Key(i, i * 7));
    ASSERT_NE(e, nullptr) << i;
    EXPECT_EQ(e->slot().id, i);
    cache.Release(e, true);
  }
  cache.Clear();
  EXPECT_EQ(cache.Stats().idle_entries, 0u);
  EXPECT_EQ(cache.Stats().idle_bytes, 0u);
  EXPECT_EQ(base.live, 1);  // the bucket table only
}

TEST(ChartCache, FailedAllocationsLeaveAWorkingCacheAndNoLeak) {
  for (int64_t fail_at = 0; fail_at < 40; ++fail_at) {
    TestHooks base;
    base.fail_at = fail_at;
    {
      Cache cache(base.Hooks(), 1 << 20);
      const bool table = cache.Init();
      for (int i = 0; i < 80; ++i) {
        Cache::Entry* e = cache.Take(Key(i % 70));
        if (e == nullptr) e = cache.Create(Key(i % 70), i);
        if (e == nullptr) continue;  // the failed allocation: reported as nullptr
        const bool held = e->slot().Hold(64);
        cache.Release(e, held);
      }
      if (!table) {
        EXPECT_EQ(cache.Stats().idle_entries, 0u);
      }
      EXPECT_EQ(cache.Stats().leased_entries, 0u);
    }
    EXPECT_EQ(base.live, 0) << "leak with allocation " << fail_at << " failing";
  }
}

}  // namespace
}  // namespace candlewick
