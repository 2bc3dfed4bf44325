#include "cc/renderer/metered_hooks.h"

#include <cstring>
#include <limits>

namespace candlewick {
namespace {

// Each block is preceded by a header of `header` bytes (a multiple of the
// alignment, so the caller's pointer stays aligned) whose last 16 bytes
// hold the header size and the caller's size.
constexpr size_t kMeta = 2 * sizeof(size_t);
static_assert(kMeta <= 16, "the bookkeeping must fit the smallest header");

}  // namespace

AllocatorHooks MeteredHooks::hooks() {
  AllocatorHooks h;
  h.opaque = this;
  h.alloc = &Alloc;
  h.free = &Free;
  return h;
}

void* MeteredHooks::Alloc(void* opaque, size_t size, size_t alignment) {
  auto* self = static_cast<MeteredHooks*>(opaque);
  const size_t header = alignment < 16 ? 16 : alignment;
  if (size > std::numeric_limits<size_t>::max() - header) return nullptr;
  auto* raw = static_cast<unsigned char*>(self->base_.alloc(self->base_.opaque, size + header,
                                                            header));
  if (raw == nullptr) return nullptr;
  unsigned char* user = raw + header;
  const size_t meta[2] = {header, size};
  std::memcpy(user - kMeta, meta, kMeta);
  self->bytes_ += size + header;
  self->blocks_ += 1;
  return user;
}

void MeteredHooks::Free(void* opaque, void* ptr) {
  auto* self = static_cast<MeteredHooks*>(opaque);
  auto* user = static_cast<unsigned char*>(ptr);
  size_t meta[2];
  std::memcpy(meta, user - kMeta, kMeta);
  self->bytes_ -= meta[0] + meta[1];
  self->blocks_ -= 1;
  self->base_.free(self->base_.opaque, user - meta[0]);
}

}  // namespace candlewick
