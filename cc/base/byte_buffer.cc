#include "cc/base/byte_buffer.h"

#include <cstring>
#include <limits>

namespace candlewick {

bool ByteBuffer::Reserve(size_t capacity) {
  if (capacity <= capacity_) return true;
  // 64-byte alignment lets SIMD kernels use full-width stores on frames.
  auto* fresh = static_cast<uint8_t*>(hooks_.Allocate(capacity, 64));
  if (fresh == nullptr) return false;
  if (size_ != 0) std::memcpy(fresh, data_, size_);
  hooks_.Deallocate(data_);
  data_ = fresh;
  capacity_ = capacity;
  return true;
}

bool ByteBuffer::Resize(size_t size) {
  if (!Reserve(size)) return false;
  size_ = size;
  return true;
}

bool ByteBuffer::Append(const void* bytes, size_t length) {
  if (length == 0) return true;
  if (length > std::numeric_limits<size_t>::max() - size_) return false;
  const size_t needed = size_ + length;
  if (needed > capacity_) {
    size_t grown = capacity_ < 4096 ? 4096 : capacity_;
    while (grown < needed) {
      if (grown > std::numeric_limits<size_t>::max() / 2) {
        grown = needed;
        break;
      }
      grown *= 2;
    }
    if (!Reserve(grown)) return false;
  }
  std::memcpy(data_ + size_, bytes, length);
  size_ = needed;
  return true;
}

}  // namespace candlewick
