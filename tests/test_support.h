// Shared helpers for the C API tests: deterministic series, PNG decoding
// (libspng, independent of the encoder's settings), and a hash of pixels.
#ifndef CANDLEWICK_TESTS_TEST_SUPPORT_H_
#define CANDLEWICK_TESTS_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "capi/candlewick.h"

namespace candlewick_test {

// Columns owned by the test; View() borrows them.
struct Series {
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume;
  cw_ohlcv View() const {
    return cw_ohlcv_contiguous(close.size(), time.data(), open.data(), high.data(), low.data(),
                               close.data(), volume.data());
  }
};

// A reproducible random-walk series (integer arithmetic only, so it is the
// same on every platform and compiler).
Series MakeSeries(size_t n, uint32_t seed);

// Decodes a PNG to RGBA8 rows (width*4 bytes each). Returns false on error.
bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, uint32_t* width,
               uint32_t* height);
bool DecodePngFile(const std::string& path, std::vector<uint8_t>* rgba, uint32_t* width,
                   uint32_t* height);

// FNV-1a 64 of a byte range, as 16 hex digits.
std::string PixelHash(const uint8_t* data, size_t size);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_TEST_SUPPORT_H_
