// The identity of a cached chart: the bytes of every option that changes
// what a chart draws, appended field by field (so struct padding never
// enters), compared exactly and hashed.
#ifndef CANDLEWICK_CC_RENDERER_CACHE_KEY_H_
#define CANDLEWICK_CC_RENDERER_CACHE_KEY_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace candlewick {

class CacheKey {
 public:
  // The options' fixed fields (under 100 bytes) and a time zone name of up
  // to 128 characters with its length.
  static constexpr size_t kCapacity = 256;

  // Appends a value's bytes. Past kCapacity the key is marked invalid
  // (ok() false) rather than truncated, so two different option sets can
  // never share a key.
  template <typename T>
  void Add(const T& value) {
    static_assert(std::is_trivially_copyable<T>::value, "keys hold plain values");
    if (size_ + sizeof(T) > kCapacity) {
      overflow_ = true;
      return;
    }
    std::memcpy(bytes_ + size_, &value, sizeof(T));
    size_ += sizeof(T);
  }

  // Appends `size` bytes after their count, so "ab"+"c" and "a"+"bc" differ.
  void AddBytes(const char* data, size_t size) {
    Add(size);
    if (size_ + size > kCapacity) {
      overflow_ = true;
      return;
    }
    if (size != 0) std::memcpy(bytes_ + size_, data, size);
    size_ += size;
  }

  bool ok() const { return !overflow_; }
  size_t size() const { return size_; }

  // 64-bit mix of the bytes, eight at a time.
  uint64_t Hash() const {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ size_;
    for (size_t i = 0; i < size_; i += 8) {
      uint64_t word = 0;
      std::memcpy(&word, bytes_ + i, size_ - i < 8 ? size_ - i : 8);
      h = (h ^ word) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    return h;
  }

  bool operator==(const CacheKey& other) const {
    return size_ == other.size_ && overflow_ == other.overflow_ &&
           std::memcmp(bytes_, other.bytes_, size_) == 0;
  }
  bool operator!=(const CacheKey& other) const { return !(*this == other); }

 private:
  unsigned char bytes_[kCapacity] = {0};
  size_t size_ = 0;
  bool overflow_ = false;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_RENDERER_CACHE_KEY_H_
