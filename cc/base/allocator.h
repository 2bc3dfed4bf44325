// Allocation through caller-supplied hooks. Every handle copies the hooks at
// creation and routes all of its memory through them, so an embedding service
// can account for (or arena-allocate) everything candlewick holds.
#ifndef CANDLEWICK_CC_BASE_ALLOCATOR_H_
#define CANDLEWICK_CC_BASE_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <utility>
#include <vector>

namespace candlewick {

// Same shape as cw_allocator. Both hooks non-null.
struct AllocatorHooks {
  void* opaque = nullptr;
  void* (*alloc)(void* opaque, size_t size, size_t alignment) = nullptr;
  void (*free)(void* opaque, void* ptr) = nullptr;

  // The process-wide default: aligned_alloc/free from the C library.
  static AllocatorHooks Default();

  // nullptr when size is 0, on overflow, or when the hook fails.
  void* Allocate(size_t size, size_t alignment = alignof(std::max_align_t)) const {
    if (size == 0) return nullptr;
    return alloc(opaque, size, alignment);
  }
  void Deallocate(void* ptr) const {
    if (ptr != nullptr) free(opaque, ptr);
  }
};

// std::allocator-compatible adapter, so containers in a handle use its hooks.
template <typename T>
class HookAllocator {
 public:
  using value_type = T;
  explicit HookAllocator(const AllocatorHooks& hooks) : hooks_(hooks) {}
  template <typename U>
  HookAllocator(const HookAllocator<U>& other) : hooks_(other.hooks()) {}

  T* allocate(size_t n) {
    if (n > std::numeric_limits<size_t>::max() / sizeof(T)) throw std::bad_alloc();
    void* p = hooks_.Allocate(n * sizeof(T), alignof(T) < 16 ? 16 : alignof(T));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { hooks_.Deallocate(p); }

  const AllocatorHooks& hooks() const { return hooks_; }
  template <typename U>
  bool operator==(const HookAllocator<U>& o) const {
    return hooks_.alloc == o.hooks().alloc && hooks_.free == o.hooks().free &&
           hooks_.opaque == o.hooks().opaque;
  }
  template <typename U>
  bool operator!=(const HookAllocator<U>& o) const { return !(*this == o); }

 private:
  AllocatorHooks hooks_;
};

// Scratch containers that live inside a handle and reuse their capacity.
template <typename T>
using HookVector = std::vector<T, HookAllocator<T>>;

// Constructs a T in memory from `hooks`; nullptr when allocation fails.
// T's constructor must not throw.
template <typename T, typename... Args>
T* NewWithHooks(const AllocatorHooks& hooks, Args&&... args) {
  void* p = hooks.Allocate(sizeof(T), alignof(T) < 16 ? 16 : alignof(T));
  if (p == nullptr) return nullptr;
  return new (p) T(std::forward<Args>(args)...);
}

// Destroys a T made by NewWithHooks with the hooks it was made with.
template <typename T>
void DeleteWithHooks(const AllocatorHooks& hooks, T* object) {
  if (object == nullptr) return;
  object->~T();
  hooks.Deallocate(object);
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_ALLOCATOR_H_
