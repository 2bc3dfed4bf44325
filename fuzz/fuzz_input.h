// Typed values read from a fuzzer's bytes, front to back. When the bytes
// run out every read gives 0 / false / an empty string, so any input is a
// valid one and the fuzzer can shorten inputs freely. (libFuzzer's
// FuzzedDataProvider is clang-only; the corpus tests build these targets
// with gcc too.)
#ifndef CANDLEWICK_FUZZ_FUZZ_INPUT_H_
#define CANDLEWICK_FUZZ_FUZZ_INPUT_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace candlewick_fuzz {

// A finding: aborts so that libFuzzer (and the corpus test) report it with
// the message and the input.
[[noreturn]] inline void Fail(const char* what, const char* detail = "") {
  std::fprintf(stderr, "FUZZ FINDING: %s %s\n", what, detail);
  std::abort();
}
#define FUZZ_CHECK(cond, detail)                     \
  do {                                               \
    if (!(cond)) ::candlewick_fuzz::Fail(#cond, detail); \
  } while (0)

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

  template <typename T>
  T Raw() {
    T v{};
    const size_t n = std::min(sizeof v, remaining());
    std::memcpy(&v, p_, n);
    p_ += n;
    return v;
  }
  uint8_t Byte() { return Raw<uint8_t>(); }
  bool Bool() { return (Byte() & 1) != 0; }
  // [0, n) for n > 0.
  uint32_t Below(uint32_t n) { return n == 0 ? 0 : Raw<uint32_t>() % n; }
  // [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
    const uint64_t r = Raw<uint64_t>();
    // In unsigned arithmetic: lo + an offset up to the span never leaves
    // [lo, hi], but the signed sum of the two halves could overflow.
    return span == UINT64_MAX ? static_cast<int64_t>(r)
                              : static_cast<int64_t>(static_cast<uint64_t>(lo) + r % (span + 1));
  }

  // A double from a menu the fuzzer can reach with one byte: the extremes of
  // the double range (both signs, denormals, the largest values), zero of
  // both signs, NaN and infinities when `allow_non_finite`, small decimal
  // prices, and raw bit patterns.
  double Number(bool allow_non_finite) {
    constexpr double kMax = std::numeric_limits<double>::max();
    constexpr double kDen = std::numeric_limits<double>::denorm_min();
    const uint8_t pick = Byte();
    switch (pick % 16) {
      case 0: return kMax;
      case 1: return -kMax;
      case 2: return 1e308 * (Bool() ? 1 : -1);
      case 3: return kDen * static_cast<double>(1 + Byte());
      case 4: return Bool() ? 0.0 : -0.0;
      case 5: return 1e-300 * static_cast<double>(1 + Byte());
      case 6: return 1e300 * static_cast<double>(1 + Byte()) * (Bool() ? 1 : -1);
      case 7: return 1e15 + static_cast<double>(Byte()) * 0.125;  // ulps at 1e15
      case 8:
        if (allow_non_finite) {
          const uint8_t k = Byte() % 3;
          return k == 0 ? std::numeric_limits<double>::quiet_NaN()
                        : (k == 1 ? std::numeric_limits<double>::infinity()
                                  : -std::numeric_limits<double>::infinity());
        }
        return 1;
      case 9: {
        const double raw = Raw<double>();
        return allow_non_finite || std::isfinite(raw) ? raw : 2;
      }
      default:
        // A price in cents: 0 .. 6553.5, sign from the pick.
        return static_cast<double>(Raw<uint16_t>()) / 10.0 * (pick & 0x80 ? -1 : 1);
    }
  }

  // A realistic price path step: the previous price moved by up to +-5%,
  // rounded to cents, never below 0.01.
  double Walk(double previous) {
    const double step = (static_cast<int>(Byte()) - 128) / 128.0 * 0.05;
    const double p = std::round(previous * (1 + step) * 100) / 100;
    return p < 0.01 ? 0.01 : p;
  }

  std::string String(size_t max) {
    // The length first: it consumes bytes, which remaining() must see.
    const size_t want = Below(static_cast<uint32_t>(max + 1));
    const size_t n = std::min(want, remaining());
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

}  // namespace candlewick_fuzz

#endif  // CANDLEWICK_FUZZ_FUZZ_INPUT_H_
