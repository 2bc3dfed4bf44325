#include "cc/encode/test_util.h"

#include <spng.h>
#include <webp/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>

namespace candlewick {
namespace encode_test {
namespace {

uint32_t ReadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 |
         static_cast<uint32_t>(p[2]) << 8 | p[3];
}

struct Candle {
  int x0, x1;            // body columns [x0, x1)
  int wick_x0, wick_x1;  // wick columns
  int high, low;         // wick rows [high, low]
  int top, bottom;       // body rows [top, bottom]
  int volume_top;        // volume bar rows [volume_top, height)
  bool up;
  double fx0, fx1;       // unrounded body edges, for blended frames
};

std::vector<Candle> Layout(uint32_t width, uint32_t height, int candles, uint32_t seed) {
  std::mt19937 rng(seed);
  const int price_rows = static_cast<int>(height * 7 / 10);
  std::vector<double> open(candles), close(candles), high(candles), low(candles), vol(candles);
  double price = 100.0, lo = 1e9, hi = -1e9, vmax = 0;
  for (int i = 0; i < candles; ++i) {
    open[i] = price;
    close[i] = price + (static_cast<int>(rng() % 401) - 200) / 100.0;
    high[i] = std::max(open[i], close[i]) + (rng() % 120) / 100.0;
    low[i] = std::min(open[i], close[i]) - (rng() % 120) / 100.0;
    vol[i] = 1000 + rng() % 9000;
    price = close[i];
    lo = std::min(lo, low[i]);
    hi = std::max(hi, high[i]);
    vmax = std::max(vmax, vol[i]);
  }
  const auto row = [&](double p) {
    return static_cast<int>(std::lround((hi - p) / (hi - lo) * (price_rows - 1)));
  };
  const double slot = static_cast<double>(width) / (candles + 1);
  std::vector<Candle> out;
  for (int i = 0; i < candles; ++i) {
    Candle c;
    const double centre = (i + 1) * slot;
    const double body = std::max(1.0, slot * 0.8);
    const double wick = std::max(1.0, body / 8);
    c.fx0 = centre - body / 2;
    c.fx1 = centre + body / 2;
    c.x0 = static_cast<int>(std::lround(c.fx0));
    c.x1 = std::max(c.x0 + 1, static_cast<int>(std::lround(c.fx1)));
    c.wick_x0 = static_cast<int>(std::lround(centre - wick / 2));
    c.wick_x1 = std::max(c.wick_x0 + 1, static_cast<int>(std::lround(centre + wick / 2)));
    c.high = row(high[i]);
    c.low = row(low[i]);
    c.top = row(std::max(open[i], close[i]));
    c.bottom = row(std::min(open[i], close[i]));
    c.up = close[i] >= open[i];
    const int volume_rows = static_cast<int>(height) - price_rows - 1;
    c.volume_top = static_cast<int>(height) -
                   static_cast<int>(std::lround(vol[i] / vmax * volume_rows));
    out.push_back(c);
  }
  return out;
}

void Fill(std::vector<uint8_t>* f, uint32_t width, uint32_t height, int x0, int y0, int x1,
          int y1, uint8_t v) {
  x0 = std::max(x0, 0);
  y0 = std::max(y0, 0);
  x1 = std::min(x1, static_cast<int>(width));
  y1 = std::min(y1, static_cast<int>(height));
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) (*f)[static_cast<size_t>(y) * width + x] = v;
  }
}

}  // namespace

bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, PngInfo* info) {
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(0), spng_ctx_free);
  if (!ctx || spng_set_png_buffer(ctx.get(), data, size) != 0) return false;
  struct spng_ihdr ihdr;
  if (spng_get_ihdr(ctx.get(), &ihdr) != 0) return false;
  size_t out_size = 0;
  if (spng_decoded_image_size(ctx.get(), SPNG_FMT_RGBA8, &out_size) != 0) return false;
  rgba->resize(out_size);
  if (spng_decode_image(ctx.get(), rgba->data(), out_size, SPNG_FMT_RGBA8, SPNG_DECODE_TRNS) != 0) {
    return false;
  }
  info->width = ihdr.width;
  info->height = ihdr.height;
  info->bit_depth = ihdr.bit_depth;
  info->colour_type = ihdr.color_type;
  info->chunks.clear();
  // Walk every chunk after the 8-byte signature and check its CRC here:
  // libspng stops reading at IEND's header, so it never checks that CRC
  // (a bug once hid there). The file must end exactly after IEND.
  size_t pos = 8;
  while (pos + 12 <= size) {
    const uint32_t length = ReadU32(data + pos);
    if (length > size - pos - 12) return false;
    const uLong crc = crc32(0, data + pos + 4, static_cast<uInt>(length) + 4);
    if (crc != ReadU32(data + pos + 8 + length)) return false;
    info->chunks.emplace_back(reinterpret_cast<const char*>(data + pos + 4), 4);
    pos += 12 + static_cast<size_t>(length);
  }
  return pos == size && !info->chunks.empty() && info->chunks.back() == "IEND";
}

bool DecodeWebp(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, int* width,
                int* height) {
  uint8_t* pixels = WebPDecodeRGBA(data, size, width, height);
  if (pixels == nullptr) return false;
  rgba->assign(pixels, pixels + static_cast<size_t>(*width) * *height * 4);
  WebPFree(pixels);
  return true;
}

std::vector<uint8_t> ChartIndices(uint32_t width, uint32_t height, int candles, uint32_t seed) {
  std::vector<uint8_t> f(static_cast<size_t>(width) * height, 0);
  const int price_rows = static_cast<int>(height * 7 / 10);
  for (int g = 0; g < 9; ++g) {
    const int y = (g + 1) * price_rows / 10;
    Fill(&f, width, height, 0, y, static_cast<int>(width), y + 1, 1);
  }
  const auto layout = Layout(width, height, candles, seed);
  const int every = std::max(1, candles / 20);
  for (int i = 0; i < candles; i += every) {
    const int x = (layout[i].wick_x0 + layout[i].wick_x1) / 2;
    Fill(&f, width, height, x, 0, x + 1, static_cast<int>(height), 1);
  }
  for (const Candle& c : layout) {
    const uint8_t colour = c.up ? 2 : 3;
    Fill(&f, width, height, c.wick_x0, c.high, c.wick_x1, c.low + 1, colour);
    Fill(&f, width, height, c.x0, c.top, c.x1, c.bottom + 1, colour);
    Fill(&f, width, height, c.x0, c.volume_top, c.x1, static_cast<int>(height), colour);
  }
  return f;
}

std::vector<uint32_t> ChartPalette() {
  return {0xFFFFFFFFu, 0xE6E6E6FFu, 0x26A69AFFu, 0xEF5350FFu};
}

std::vector<uint8_t> ExpandToRgba(const std::vector<uint8_t>& indices, uint32_t width,
                                  uint32_t height, const std::vector<uint32_t>& palette,
                                  size_t stride) {
  std::vector<uint8_t> rgba(stride * height, 0xEE);
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      const uint32_t c = palette[indices[static_cast<size_t>(y) * width + x]];
      uint8_t* p = rgba.data() + y * stride + 4 * static_cast<size_t>(x);
      p[0] = static_cast<uint8_t>(c >> 24);
      p[1] = static_cast<uint8_t>(c >> 16);
      p[2] = static_cast<uint8_t>(c >> 8);
      p[3] = static_cast<uint8_t>(c);
    }
  }
  return rgba;
}

std::vector<uint8_t> BlendedChartRgba(uint32_t width, uint32_t height, int candles,
                                      uint32_t seed) {
  std::vector<uint8_t> rgba(static_cast<size_t>(width) * height * 4);
  // Vertical gradient: a different background colour on most rows.
  for (uint32_t y = 0; y < height; ++y) {
    const double t = static_cast<double>(y) / std::max(1u, height - 1);
    const uint8_t bg[4] = {static_cast<uint8_t>(250 - 60 * t), static_cast<uint8_t>(250 - 40 * t),
                           static_cast<uint8_t>(252 - 20 * t), 255};
    for (uint32_t x = 0; x < width; ++x) std::memcpy(&rgba[(y * width + x) * 4], bg, 4);
  }
  const auto blend = [&](int x, int y0, int y1, const uint8_t c[3], double coverage) {
    if (x < 0 || x >= static_cast<int>(width) || coverage <= 0) return;
    for (int y = std::max(0, y0); y < std::min(y1, static_cast<int>(height)); ++y) {
      uint8_t* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
      for (int k = 0; k < 3; ++k) {
        p[k] = static_cast<uint8_t>(std::lround(c[k] * coverage + p[k] * (1 - coverage)));
      }
    }
  };
  const uint8_t up[3] = {0x26, 0xA6, 0x9A}, down[3] = {0xEF, 0x53, 0x50};
  for (const Candle& c : Layout(width, height, candles, seed)) {
    const uint8_t* colour = c.up ? up : down;
    for (int x = static_cast<int>(std::floor(c.fx0)); x <= static_cast<int>(std::floor(c.fx1));
         ++x) {
      // Horizontal coverage of pixel column x by the body [fx0, fx1).
      const double coverage = std::min(c.fx1, x + 1.0) - std::max(c.fx0, static_cast<double>(x));
      blend(x, c.top, c.bottom + 1, colour, std::min(1.0, coverage));
      blend(x, c.volume_top, static_cast<int>(height), colour, std::min(1.0, coverage));
    }
    for (int x = c.wick_x0; x < c.wick_x1; ++x) blend(x, c.high, c.low + 1, colour, 1.0);
  }
  return rgba;
}

}  // namespace encode_test
}  // namespace candlewick
