#include "cc/base/allocator.h"

#include <cstdlib>

namespace candlewick {
namespace {

void* DefaultAlloc(void*, size_t size, size_t alignment) {
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  // aligned_alloc wants a size that is a multiple of the alignment.
  if (size > std::numeric_limits<size_t>::max() - alignment) return nullptr;
  const size_t rounded = (size + alignment - 1) / alignment * alignment;
  return std::aligned_alloc(alignment, rounded);
}

void DefaultFree(void*, void* ptr) { std::free(ptr); }

}  // namespace

AllocatorHooks AllocatorHooks::Default() {
  AllocatorHooks hooks;
  hooks.alloc = &DefaultAlloc;
  hooks.free = &DefaultFree;
  return hooks;
}

}  // namespace candlewick
