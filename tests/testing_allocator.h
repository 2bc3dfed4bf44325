// The one allocator the C API tests hand to cw_allocator: it counts every
// call, tracks live and peak bytes, and refuses allocations on request, so a
// test can prove that all memory goes through the hooks, comes back, is
// reused, and that a NULL from the hook at any point is a clean error.
#ifndef CANDLEWICK_TESTS_TESTING_ALLOCATOR_H_
#define CANDLEWICK_TESTS_TESTING_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <unordered_map>

#include "capi/candlewick.h"

namespace candlewick_test {

class TestingAllocator {
 public:
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

  // Refusals, by attempt number (0-based, counting every call of alloc):
  int64_t fail_at = -1;       // this one attempt returns NULL
  int64_t fail_from = kNever;  // this attempt and every later one return NULL

  // Counts.
  int64_t attempts = 0;     // calls of alloc, refused ones included
  int64_t allocations = 0;  // successful allocations
  int64_t frees = 0;
  int64_t live_bytes = 0;   // requested bytes not yet freed
  int64_t peak_live_bytes = 0;
  int64_t total_bytes = 0;  // requested bytes ever allocated

  int64_t live() const { return allocations - frees; }

  TestingAllocator() = default;
  TestingAllocator(const TestingAllocator&) = delete;
  TestingAllocator& operator=(const TestingAllocator&) = delete;

  // The hooks; this object must outlive every handle created with them.
  // allocator() points at a copy this object keeps, for an options struct's
  // `allocator` field.
  cw_allocator hooks() { return cw_allocator{this, &Alloc, &Free}; }
  const cw_allocator* allocator() const { return &hooks_; }

  // The hook functions (public for tests of half-filled cw_allocators).
  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    auto* self = static_cast<TestingAllocator*>(opaque);
    const int64_t attempt = self->attempts++;
    if (attempt == self->fail_at || attempt >= self->fail_from) return nullptr;
    if (alignment < sizeof(void*)) alignment = sizeof(void*);
    void* p = std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
    if (p == nullptr) return nullptr;
    self->allocations++;
    self->live_bytes += static_cast<int64_t>(size);
    self->total_bytes += static_cast<int64_t>(size);
    if (self->live_bytes > self->peak_live_bytes) self->peak_live_bytes = self->live_bytes;
    self->sizes_[p] = size;
    return p;
  }

  static void Free(void* opaque, void* p) {
    auto* self = static_cast<TestingAllocator*>(opaque);
    self->frees++;
    const auto it = self->sizes_.find(p);
    if (it != self->sizes_.end()) {
      self->live_bytes -= static_cast<int64_t>(it->second);
      self->sizes_.erase(it);
    }
    std::free(p);
  }

 private:
  const cw_allocator hooks_{this, &Alloc, &Free};
  std::unordered_map<void*, size_t> sizes_;
};

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_TESTING_ALLOCATOR_H_
