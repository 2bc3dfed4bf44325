// Allocator hooks for the core's tests: they count allocation attempts,
// allocations, live blocks and bytes, and refuse allocations on request, so
// a test can fail every allocation of an operation in turn and see that
// nothing leaks.
#ifndef CANDLEWICK_CC_BASE_TEST_HOOKS_H_
#define CANDLEWICK_CC_BASE_TEST_HOOKS_H_

#include <cstddef>
#include <cstdint>
#include <limits>

#include "cc/base/allocator.h"

namespace candlewick {

struct TestHooks {
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

  // Refusals, by attempt number (0-based, counting every call of alloc):
  int64_t fail_at = -1;        // this one attempt returns nullptr
  int64_t fail_from = kNever;  // this attempt and every later one return nullptr

  // Counts.
  int64_t attempts = 0;     // calls of alloc, refused ones included
  int64_t allocations = 0;  // successful allocations
  int64_t live = 0;         // blocks allocated and not yet freed
  size_t bytes = 0;         // bytes of all successful allocations (never decreases)

  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    auto* self = static_cast<TestHooks*>(opaque);
    const int64_t attempt = self->attempts++;
    if (attempt == self->fail_at || attempt >= self->fail_from) return nullptr;
    void* p = AllocatorHooks::Default().alloc(nullptr, size, alignment);
    if (p != nullptr) ++self->allocations, ++self->live, self->bytes += size;
    return p;
  }
  static void Free(void* opaque, void* p) {
    --static_cast<TestHooks*>(opaque)->live;
    AllocatorHooks::Default().free(nullptr, p);
  }
  // This object must outlive everything allocated through them.
  AllocatorHooks Hooks() { return AllocatorHooks{this, &Alloc, &Free}; }
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_TEST_HOOKS_H_
