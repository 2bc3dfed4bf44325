// The building blocks of the streaming engines (each family's stream.cc):
// the one-block arena every stream's state lives in, the Engine interface,
// and fixed-size primitives (a ring of recent values, a drift-free sliding
// sum, a rolling extreme). Internal to cc/indicators.
#ifndef CANDLEWICK_CC_INDICATORS_STREAM_ENGINE_H_
#define CANDLEWICK_CC_INDICATORS_STREAM_ENGINE_H_

#include <algorithm>
#include <cstddef>
#include <new>
#include <utility>

#include "cc/indicators/range/scalar.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {

// Bump allocation inside one block; with base == nullptr it only measures:
// a stream builds its engine once in measure mode to learn the block's
// size, then for real in a block of that size.
class Arena {
 public:
  explicit Arena(unsigned char* base) : base_(base) {}
  size_t used() const { return used_; }

  template <typename T>
  T* Array(size_t count) {
    if (count == 0) return nullptr;
    const size_t offset = Reserve(count * sizeof(T), alignof(T));
    return base_ == nullptr ? nullptr : reinterpret_cast<T*>(base_ + offset);
  }

  // Constructs a T (whose constructor requests its arrays from this arena).
  // In measure mode the T is built in a temporary and destroyed: only its
  // size and its arrays' sizes count.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    const size_t offset = Reserve(sizeof(T), alignof(T));
    if (base_ == nullptr) {
      alignas(T) unsigned char tmp[sizeof(T)];
      T* t = new (tmp) T(std::forward<Args>(args)...);
      t->~T();
      return nullptr;
    }
    return new (base_ + offset) T(std::forward<Args>(args)...);
  }

 private:
  size_t Reserve(size_t bytes, size_t align) {
    align = std::max<size_t>(align, 16);
    used_ = (used_ + align - 1) / align * align;
    const size_t offset = used_;
    used_ += bytes;
    return offset;
  }

  unsigned char* base_;
  size_t used_ = 0;
};

// What every indicator's streaming state implements. in: the bar's
// input_count values, finite and validated; out: the spec's output_count
// doubles, all written.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual void Push(const double* in, double* out) = 0;
  virtual void Reset() = 0;
};

// An engine's Reset(): each of its parts (rings, sliding sums, EMA steps,
// ...) back to its initial state.
template <class... Parts>
void ResetAll(Parts&... parts) {
  (parts.Reset(), ...);
}

// The type of every indicator's engine factory (NewSmaEngine, ...): a new
// engine for `params` (validated) in `arena`.
using NewEngineFn = Engine*(const double* params, Arena& arena);

// The last `cap` values.
class Ring {
 public:
  Ring(Arena& a, size_t cap) : v_(a.Array<double>(cap)), cap_(cap) {}
  void Reset() { head_ = count_ = 0; }
  bool full() const { return count_ == cap_; }
  size_t size() const { return count_; }
  // Appends x and returns the value it displaced (x itself while not full).
  double Push(double x) {
    double old = x;
    if (count_ == cap_) {
      old = v_[head_];
    } else {
      ++count_;
    }
    v_[head_] = x;
    head_ = head_ + 1 == cap_ ? 0 : head_ + 1;
    return old;
  }
  // k-th oldest value (0 <= k < size()).
  double At(size_t k) const {
    size_t pos = head_ + cap_ - count_ + k;
    if (pos >= cap_) pos -= cap_;
    if (pos >= cap_) pos -= cap_;
    return v_[pos];
  }

 private:
  double* v_;
  size_t cap_;
  size_t head_ = 0, count_ = 0;
};

// Sum of the last n values. The running sum (s += x - x[i-n], as the batch's
// scalar tail) is replaced every n bars by a fresh sum of exactly the
// current window, accumulated value by value as the window fills, so
// rounding cannot drift and no push costs more than O(1).
class SlidingSum {
 public:
  SlidingSum(Arena& a, size_t n) : ring_(a, n), n_(n) {}
  void Reset() {
    ring_.Reset();
    sum_ = fresh_ = 0;
    fresh_count_ = 0;
  }
  // True once n values are in (then *sum is their sum).
  bool Push(double x, double* sum) {
    if (!ring_.full()) {
      ring_.Push(x);
      sum_ += x;
      if (!ring_.full()) return false;
      *sum = sum_;
      return true;
    }
    const double old = ring_.Push(x);
    sum_ += x - old;
    fresh_ += x;
    if (++fresh_count_ == n_) {
      sum_ = fresh_;
      fresh_ = 0;
      fresh_count_ = 0;
    }
    *sum = sum_;
    return true;
  }
  const Ring& ring() const { return ring_; }

 private:
  Ring ring_;
  size_t n_;
  double sum_ = 0, fresh_ = 0;
  size_t fresh_count_ = 0;
};

// A sliding sum that is exactly 0 when all n values are 0 (the batch's
// WindowSumExactZero): for divisors such as volume and true range.
class ExactZeroSum {
 public:
  ExactZeroSum(Arena& a, size_t n) : sum_(a, n) {}
  void Reset() {
    sum_.Reset();
    nonzero_ = 0;
  }
  bool Push(double x, double* sum) {
    const Ring& r = sum_.ring();
    if (r.full()) nonzero_ -= r.At(0) != 0;
    nonzero_ += x != 0;
    if (!sum_.Push(x, sum)) return false;
    if (nonzero_ == 0) *sum = 0.0;
    return true;
  }

 private:
  SlidingSum sum_;
  size_t nonzero_ = 0;
};

// The rolling extreme of the last w values: MonotonicDeque (range/scalar.h),
// the batch's deque for long windows, in rings from the arena.
template <bool kMax>
class WindowExtreme {
 public:
  WindowExtreme(Arena& a, size_t w) : deque_(w, a.Array<size_t>(w), a.Array<double>(w)) {}
  void Reset() { deque_.Reset(); }
  bool Push(double x, double* value, size_t* index = nullptr) {
    return deque_.Push(x, value, index);
  }

 private:
  MonotonicDeque<kMax> deque_;
};

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_STREAM_ENGINE_H_
