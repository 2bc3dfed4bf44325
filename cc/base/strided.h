// A borrowed, read-only view of a column whose elements are `stride` bytes
// apart. Contiguous and strided data (a column of a row-major table, a
// reversed array) are read in place: nothing is ever copied.
#ifndef CANDLEWICK_CC_BASE_STRIDED_H_
#define CANDLEWICK_CC_BASE_STRIDED_H_

#include <cstddef>
#include <cstring>

namespace candlewick {

template <typename T>
class StridedView {
 public:
  StridedView() = default;
  // stride == 0 means contiguous.
  StridedView(const T* data, size_t size, ptrdiff_t stride)
      : bytes_(reinterpret_cast<const char*>(data)),
        size_(size),
        stride_(stride == 0 ? static_cast<ptrdiff_t>(sizeof(T)) : stride) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool is_null() const { return bytes_ == nullptr; }
  bool contiguous() const { return stride_ == static_cast<ptrdiff_t>(sizeof(T)); }
  ptrdiff_t stride() const { return stride_; }
  const T* data() const { return reinterpret_cast<const T*>(bytes_); }

  T operator[](size_t i) const {
    // memcpy: strided data need not be aligned to alignof(T).
    T value;
    std::memcpy(&value, bytes_ + static_cast<ptrdiff_t>(i) * stride_, sizeof(T));
    return value;
  }

 private:
  const char* bytes_ = nullptr;
  size_t size_ = 0;
  ptrdiff_t stride_ = sizeof(T);
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_STRIDED_H_
