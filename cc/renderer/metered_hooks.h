// Allocator hooks that count the bytes held through them, on top of other
// hooks. The renderer gives each cached chart its own, so it knows exactly
// what every chart keeps (frames, display list, encoder state, font) and
// holds its cache to a byte bound by measurement, not by estimate.
#ifndef CANDLEWICK_CC_RENDERER_METERED_HOOKS_H_
#define CANDLEWICK_CC_RENDERER_METERED_HOOKS_H_

#include <cstddef>

#include "cc/base/allocator.h"

namespace candlewick {

// Not synchronised: one thread at a time may allocate or free through a
// given instance (the renderer lends a chart to one thread at a time, and
// hands it over under a mutex).
class MeteredHooks {
 public:
  explicit MeteredHooks(const AllocatorHooks& base) : base_(base) {}
  MeteredHooks(const MeteredHooks&) = delete;
  MeteredHooks& operator=(const MeteredHooks&) = delete;

  // Hooks that allocate from the base hooks and count here. This object
  // must outlive every block allocated through them.
  AllocatorHooks hooks();

  // Bytes asked of the base hooks for the live blocks: each block's size
  // plus a header of max(16, alignment) bytes that remembers it.
  size_t bytes() const { return bytes_; }
  size_t blocks() const { return blocks_; }

 private:
  static void* Alloc(void* opaque, size_t size, size_t alignment);
  static void Free(void* opaque, void* ptr);

  AllocatorHooks base_;
  size_t bytes_ = 0;
  size_t blocks_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_RENDERER_METERED_HOOKS_H_
