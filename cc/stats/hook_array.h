// A fixed-length array whose memory comes from allocator hooks, so a stats
// handle can take everything it will ever need at creation and account for
// it through the embedding service's allocator. Elements are constructed in
// place; T's default constructor must not throw.
#ifndef CANDLEWICK_CC_STATS_HOOK_ARRAY_H_
#define CANDLEWICK_CC_STATS_HOOK_ARRAY_H_

#include <cstddef>
#include <limits>
#include <new>

#include "cc/base/allocator.h"

namespace candlewick {

template <typename T>
class HookArray {
 public:
  HookArray() = default;
  ~HookArray() { Release(); }
  HookArray(const HookArray&) = delete;
  HookArray& operator=(const HookArray&) = delete;

  // Allocates and value-initialises `count` elements; false (and empty) when
  // the byte size overflows or the hook returns NULL.
  bool Allocate(const AllocatorHooks& hooks, size_t count) {
    Release();
    if (count == 0) return true;
    if (count > std::numeric_limits<size_t>::max() / sizeof(T)) return false;
    // The C API promises hooks an alignment of at most 64.
    static_assert(alignof(T) <= 64, "allocator hooks align to at most 64 bytes");
    void* memory = hooks.Allocate(count * sizeof(T), alignof(T) < 16 ? 16 : alignof(T));
    if (memory == nullptr) return false;
    hooks_ = hooks;
    data_ = static_cast<T*>(memory);
    for (size_t i = 0; i < count; ++i) new (data_ + i) T();
    size_ = count;
    return true;
  }

  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* data() { return data_; }
  size_t size() const { return size_; }

 private:
  void Release() {
    if (data_ == nullptr) return;
    for (size_t i = 0; i < size_; ++i) data_[i].~T();
    hooks_.Deallocate(data_);
    data_ = nullptr;
    size_ = 0;
  }

  AllocatorHooks hooks_;
  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_HOOK_ARRAY_H_
