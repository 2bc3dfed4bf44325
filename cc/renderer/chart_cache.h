// A cache of charts shared by many threads: each entry is lent to one
// thread at a time (Take or Create, then Release), idle entries are kept
// for reuse in least-recently-used order, and the bytes they hold, measured
// through per-entry MeteredHooks, never exceed a bound once a Release
// returns.
//
// `Slot` is what one entry holds (for the renderer: a Chart and the scratch
// that converts a render's data). It is constructed as
// Slot(const AllocatorHooks& metered_hooks, args...) and must neither throw
// nor allocate in its constructor; all of its memory must come from the
// hooks it is given, so that memory is what the entry is charged.
#ifndef CANDLEWICK_CC_RENDERER_CHART_CACHE_H_
#define CANDLEWICK_CC_RENDERER_CHART_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>

#include "cc/base/allocator.h"
#include "cc/renderer/cache_key.h"
#include "cc/renderer/metered_hooks.h"

namespace candlewick {

struct ChartCacheStats {
  size_t max_bytes = 0;     // the bound
  size_t idle_bytes = 0;    // held by idle entries (<= max_bytes)
  size_t idle_entries = 0;
  size_t leased_entries = 0;
  uint64_t hits = 0;        // Take found an idle entry
  uint64_t misses = 0;      // Take found none (the caller then Creates)
  uint64_t evictions = 0;   // idle entries destroyed to respect the bound,
                            // or released too large to keep
};

template <typename Slot>
class ChartCache {
 public:
  class Entry {
   public:
    Slot& slot() { return slot_; }
    // What the entry holds: itself plus everything allocated through its
    // metered hooks. Only its holder may call this.
    size_t bytes() const { return sizeof(Entry) + meter_.bytes(); }

    // Made by Create() only (public for NewWithHooks).
    template <typename... Args>
    Entry(const CacheKey& key, uint64_t hash, const AllocatorHooks& base, Args&&... args)
        : key_(key), hash_(hash), meter_(base), slot_(meter_.hooks(), std::forward<Args>(args)...) {}

   private:
    friend class ChartCache;

    CacheKey key_;
    uint64_t hash_;
    MeteredHooks meter_;  // declared before slot_: outlives it
    Slot slot_;
    size_t charged_ = 0;  // bytes counted in idle_bytes_ while idle
    Entry* newer_ = nullptr;  // LRU list of idle entries
    Entry* older_ = nullptr;
    Entry* next_in_bucket_ = nullptr;
    Entry* prev_in_bucket_ = nullptr;
  };

  // Entries and the bucket table come from `hooks`, which must be callable
  // from any thread. max_bytes may be 0: nothing is kept.
  ChartCache(const AllocatorHooks& hooks, size_t max_bytes) : hooks_(hooks), max_bytes_(max_bytes) {}
  ChartCache(const ChartCache&) = delete;
  ChartCache& operator=(const ChartCache&) = delete;

  // Every entry taken or created must have been released.
  ~ChartCache() {
    Clear();
    hooks_.Deallocate(buckets_);
  }

  // The initial bucket table; false when the allocator fails (the cache
  // then keeps nothing). Call once, before any other call.
  bool Init() { return Rehash(kInitialBuckets); }

  // The most recently released idle entry with `key`, now lent to the
  // caller; nullptr when there is none. Thread-safe.
  Entry* Take(const CacheKey& key) {
    const uint64_t hash = key.Hash();
    std::lock_guard<std::mutex> lock(mu_);
    if (bucket_count_ == 0) {  // Init failed: a cache that keeps nothing
      ++misses_;
      return nullptr;
    }
    for (Entry* e = buckets_[hash & (bucket_count_ - 1)]; e != nullptr; e = e->next_in_bucket_) {
      if (e->hash_ == hash && e->key_ == key) {
        Unlink(e);
        ++leased_;
        ++hits_;
        return e;
      }
    }
    ++misses_;
    return nullptr;
  }

  // A new entry with `key` whose slot is Slot(metered hooks, args...), lent
  // to the caller; nullptr when the allocator fails. Thread-safe; allocates
  // outside the lock.
  template <typename... Args>
  Entry* Create(const CacheKey& key, Args&&... args) {
    Entry* e = NewWithHooks<Entry>(hooks_, key, key.Hash(), hooks_, std::forward<Args>(args)...);
    if (e == nullptr) return nullptr;
    std::lock_guard<std::mutex> lock(mu_);
    ++leased_;
    return e;
  }

  // Gives a lent entry back: kept as the most recently used when `keep`
  // and it fits the bound, otherwise destroyed. Then the least recently
  // used idle entries are destroyed until the idle bytes fit the bound.
  // Destruction happens after the lock is released. Thread-safe.
  void Release(Entry* entry, bool keep) {
    const size_t bytes = entry->bytes();  // the caller still holds it
    Entry* doomed = nullptr;              // linked through older_
    {
      std::lock_guard<std::mutex> lock(mu_);
      --leased_;
      if (!keep || bytes > max_bytes_ || bucket_count_ == 0) {
        if (keep) ++evictions_;
        entry->older_ = doomed;
        doomed = entry;
      } else {
        entry->charged_ = bytes;
        Link(entry);
        while (idle_bytes_ > max_bytes_) {
          Entry* victim = oldest_;
          Unlink(victim);
          ++evictions_;
          victim->older_ = doomed;
          doomed = victim;
        }
      }
    }
    Destroy(doomed);
  }

  // Destroys every idle entry. Thread-safe.
  void Clear() {
    Entry* doomed = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      while (oldest_ != nullptr) {
        Entry* victim = oldest_;
        Unlink(victim);
        victim->older_ = doomed;
        doomed = victim;
      }
    }
    Destroy(doomed);
  }

  ChartCacheStats Stats() const {
    std::lock_guard<std::mutex> lock(mu_);
    ChartCacheStats s;
    s.max_bytes = max_bytes_;
    s.idle_bytes = idle_bytes_;
    s.idle_entries = idle_count_;
    s.leased_entries = leased_;
    s.hits = hits_;
    s.misses = misses_;
    s.evictions = evictions_;
    return s;
  }

  // The memory of the cache's own bookkeeping (the bucket table), which
  // the bound does not cover: 8 bytes per bucket, at most two buckets per
  // idle entry the cache has ever held at once.
  size_t overhead_bytes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return bucket_count_ * sizeof(Entry*);
  }

 private:
  static constexpr size_t kInitialBuckets = 64;

  // Adds an idle entry as the most recently used. Holds mu_.
  void Link(Entry* e) {
    e->older_ = newest_;
    e->newer_ = nullptr;
    if (newest_ != nullptr) newest_->newer_ = e;
    newest_ = e;
    if (oldest_ == nullptr) oldest_ = e;
    Entry*& head = buckets_[e->hash_ & (bucket_count_ - 1)];
    e->prev_in_bucket_ = nullptr;
    e->next_in_bucket_ = head;
    if (head != nullptr) head->prev_in_bucket_ = e;
    head = e;
    idle_bytes_ += e->charged_;
    ++idle_count_;
    // Keep chains short; if the table cannot grow, longer chains still work.
    if (idle_count_ > bucket_count_) Rehash(bucket_count_ * 2);
  }

  // Removes an idle entry from the LRU list and its bucket. Holds mu_.
  void Unlink(Entry* e) {
    (e->newer_ != nullptr ? e->newer_->older_ : newest_) = e->older_;
    (e->older_ != nullptr ? e->older_->newer_ : oldest_) = e->newer_;
    if (e->prev_in_bucket_ != nullptr) {
      e->prev_in_bucket_->next_in_bucket_ = e->next_in_bucket_;
    } else {
      buckets_[e->hash_ & (bucket_count_ - 1)] = e->next_in_bucket_;
    }
    if (e->next_in_bucket_ != nullptr) e->next_in_bucket_->prev_in_bucket_ = e->prev_in_bucket_;
    e->newer_ = e->older_ = e->next_in_bucket_ = e->prev_in_bucket_ = nullptr;
    idle_bytes_ -= e->charged_;
    --idle_count_;
  }

  // A table of `count` buckets (a power of two) holding every idle entry.
  bool Rehash(size_t count) {
    auto** fresh = static_cast<Entry**>(hooks_.Allocate(count * sizeof(Entry*), alignof(Entry*)));
    if (fresh == nullptr) return false;
    for (size_t i = 0; i < count; ++i) fresh[i] = nullptr;
    for (Entry* e = oldest_; e != nullptr; e = e->newer_) {
      Entry*& head = fresh[e->hash_ & (count - 1)];
      e->prev_in_bucket_ = nullptr;
      e->next_in_bucket_ = head;
      if (head != nullptr) head->prev_in_bucket_ = e;
      head = e;
    }
    hooks_.Deallocate(buckets_);
    buckets_ = fresh;
    bucket_count_ = count;
    return true;
  }

  void Destroy(Entry* list) {
    while (list != nullptr) {
      Entry* next = list->older_;
      DeleteWithHooks(hooks_, list);
      list = next;
    }
  }

  const AllocatorHooks hooks_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  Entry** buckets_ = nullptr;
  size_t bucket_count_ = 0;
  Entry* newest_ = nullptr;
  Entry* oldest_ = nullptr;
  size_t idle_bytes_ = 0;
  size_t idle_count_ = 0;
  size_t leased_ = 0;
  uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_RENDERER_CHART_CACHE_H_
