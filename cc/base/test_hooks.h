// Allocator hooks for the core's tests: they count allocation attempts,
// allocations and live blocks, and can refuse one attempt, so a test can fail
// every allocation of an operation in turn and see that nothing leaks.
#ifndef CANDLEWICK_CC_BASE_TEST_HOOKS_H_
#define CANDLEWICK_CC_BASE_TEST_HOOKS_H_

#include <cstddef>
#include <cstdint>

#include "cc/base/allocator.h"

namespace candlewick {

struct TestHooks {
  int64_t fail_at = -1;     // this attempt (0-based) returns nullptr
  int64_t attempts = 0;     // calls of alloc, the refused one included
  int64_t allocations = 0;  // successful allocations
  int64_t live = 0;         // blocks allocated and not yet freed

  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    auto* self = static_cast<TestHooks*>(opaque);
    if (self->attempts++ == self->fail_at) return nullptr;
    void* p = AllocatorHooks::Default().alloc(nullptr, size, alignment);
    if (p != nullptr) ++self->allocations, ++self->live;
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
