#include "tests/test_support.h"

#include <spng.h>
#include <zlib.h>

#include <cstring>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

namespace candlewick_test {

Series MakeSeries(size_t n, uint32_t seed) {
  Series s;
  uint32_t state = seed * 2654435761u + 1;
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  int64_t price_cents = 10000;
  for (size_t i = 0; i < n; ++i) {
    const int64_t open = price_cents;
    const int64_t close = open + static_cast<int64_t>(next() % 401) - 200;
    const int64_t high = std::max(open, close) + next() % 120;
    const int64_t low = std::min(open, close) - next() % 120;
    s.time.push_back(1704153600 + static_cast<int64_t>(i) * 86400);
    s.open.push_back(open / 100.0);
    s.close.push_back(close / 100.0);
    s.high.push_back(high / 100.0);
    s.low.push_back(low / 100.0);
    s.volume.push_back(static_cast<double>(1000 + next() % 9000));
    price_cents = close < 1000 ? 1000 : close;
  }
  return s;
}

// Walks every chunk and checks its CRC (libspng stops reading at the image
// data, so a bad IEND would pass it by).
bool ChunksAreIntact(const uint8_t* data, size_t size) {
  static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (size < 8 || std::memcmp(data, kSignature, 8) != 0) return false;
  size_t pos = 8;
  bool seen_end = false;
  while (pos + 12 <= size) {
    const uint32_t length = static_cast<uint32_t>(data[pos]) << 24 | data[pos + 1] << 16 |
                            data[pos + 2] << 8 | data[pos + 3];
    if (length > size - pos - 12) return false;
    const uint32_t stored = static_cast<uint32_t>(data[pos + 8 + length]) << 24 |
                            data[pos + 9 + length] << 16 | data[pos + 10 + length] << 8 |
                            data[pos + 11 + length];
    if (crc32(0, data + pos + 4, length + 4) != stored) return false;
    seen_end = std::memcmp(data + pos + 4, "IEND", 4) == 0;
    pos += 12 + length;
  }
  return seen_end && pos == size;
}

bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, uint32_t* width,
               uint32_t* height) {
  if (!ChunksAreIntact(data, size)) return false;
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(0), spng_ctx_free);
  if (!ctx || spng_set_png_buffer(ctx.get(), data, size) != 0) return false;
  struct spng_ihdr ihdr;
  if (spng_get_ihdr(ctx.get(), &ihdr) != 0) return false;
  size_t out_size = 0;
  if (spng_decoded_image_size(ctx.get(), SPNG_FMT_RGBA8, &out_size) != 0) return false;
  rgba->resize(out_size);
  if (spng_decode_image(ctx.get(), rgba->data(), out_size, SPNG_FMT_RGBA8, 0) != 0) return false;
  *width = ihdr.width;
  *height = ihdr.height;
  return true;
}

bool DecodePngFile(const std::string& path, std::vector<uint8_t>* rgba, uint32_t* width,
                   uint32_t* height) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return DecodePng(bytes.data(), bytes.size(), rgba, width, height);
}

std::string PixelHash(const uint8_t* data, size_t size) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace candlewick_test
