// A growable byte buffer whose memory comes from allocator hooks. It is what
// the C API hands out as `cw_buffer`: the buffer keeps its own copy of the
// hooks, so it can outlive the handle that produced it.
#ifndef CANDLEWICK_CC_BASE_BYTE_BUFFER_H_
#define CANDLEWICK_CC_BASE_BYTE_BUFFER_H_

#include <cstddef>
#include <cstdint>

#include "cc/base/allocator.h"

namespace candlewick {

class ByteBuffer {
 public:
  explicit ByteBuffer(const AllocatorHooks& hooks) : hooks_(hooks) {}
  ~ByteBuffer() { hooks_.Deallocate(data_); }
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;

  // Makes room for `capacity` bytes in total; false when memory runs out
  // (the contents are then unchanged).
  bool Reserve(size_t capacity);
  // Sets the size to `size` bytes (contents of new bytes unspecified).
  bool Resize(size_t size);
  // Appends `length` bytes, growing geometrically; false on out of memory.
  bool Append(const void* bytes, size_t length);

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const AllocatorHooks& hooks() const { return hooks_; }

 private:
  AllocatorHooks hooks_;
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_BYTE_BUFFER_H_
