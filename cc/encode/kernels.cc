// Highway dynamic dispatch: this file is compiled once per target by
// foreach_target.h; HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best at run time.
// Each kernel's scalar reference is in kernels_reference.h. HWY_SCALAR (one
// lane) cannot reinterpret bytes as wider lanes, so a few kernels use the
// reference there.
#include "cc/encode/kernels.h"

#include <algorithm>
#include <cstring>

#include "cc/encode/kernels_reference.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/encode/kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class D, class V>
uint8_t MaxLaneU8(D d, V v) {
  HWY_ALIGN uint8_t lanes[HWY_MAX_BYTES];
  hn::Store(v, d, lanes);
  uint8_t m = 0;
  for (size_t i = 0; i < hn::Lanes(d); ++i) m = std::max(m, lanes[i]);
  return m;
}

// Bit packing without shuffles: k samples of b bits sit in the low bits of
// k consecutive bytes of one lane. Multiplying the lane by a constant with
// one set bit per sample moves every sample into the lane's top byte at its
// PNG position (leftmost sample highest); the partial products never
// overlap there and the bits below cannot carry into it (checked for every
// constant in the comments below and by the tests on all targets), so a
// shift and a truncation to bytes finish the job. (The compiler turns the
// multiplies into shifts and adds.) Stores Lanes(d8) * kBits / 8 bytes.
template <int kBits, class D8, class V8>
HWY_INLINE void PackStore(D8 d8, V8 v, uint8_t* HWY_RESTRICT out) {
  if constexpr (kBits == 8) {
    hn::StoreU(v, d8, out);
  } else if constexpr (kBits == 4) {
    // u16 lane = s0 | s1 << 8; * (2^12 + 1) puts s0 at bits 12..15, s1 at
    // 8..11 and s0 again at 0..3; >> 8 leaves s0 << 4 | s1.
    const hn::Repartition<uint16_t, D8> d16;
    const hn::Rebind<uint8_t, decltype(d16)> d8h;
    const auto p = hn::ShiftRight<8>(hn::Mul(hn::BitCast(d16, v), hn::Set(d16, 0x1001)));
    hn::StoreU(hn::TruncateTo(d8h, p), d8h, out);
  } else if constexpr (kBits == 2) {
    // u32 lane = s0 | s1 << 8 | s2 << 16 | s3 << 24; the multiplier's bits
    // 30, 20, 10, 0 put s0..s3 at bits 30, 28, 26, 24. Products below bit
    // 24 sum to less than 3 * 2^21, so nothing carries into the top byte.
    const hn::Repartition<uint32_t, D8> d32;
    const hn::Rebind<uint8_t, decltype(d32)> d8q;
    const auto mul = hn::Set(d32, (1u << 30) | (1u << 20) | (1u << 10) | 1u);
    const auto p = hn::ShiftRight<24>(hn::Mul(hn::BitCast(d32, v), mul));
    hn::StoreU(hn::TruncateTo(d8q, p), d8q, out);
  } else {
    // Per u32 lane, bits 27, 18, 9, 0 put s0..s3 at bits 27..24 (products
    // below bit 24 sum to less than 2^19): a nibble. Two nibbles per u64
    // lane then combine as lo << 4 | hi in its low byte.
    const hn::Repartition<uint32_t, D8> d32;
    const hn::Repartition<uint64_t, D8> d64;
    const hn::Rebind<uint8_t, decltype(d64)> d8e;
    const auto mul = hn::Set(d32, (1u << 27) | (1u << 18) | (1u << 9) | 1u);
    const auto nibbles = hn::BitCast(d64, hn::ShiftRight<24>(hn::Mul(hn::BitCast(d32, v), mul)));
    const auto bytes = hn::Or(hn::ShiftLeft<4>(nibbles), hn::ShiftRight<32>(nibbles));
    hn::StoreU(hn::TruncateTo(d8e, bytes), d8e, out);
  }
}

template <int kBits>
uint8_t PackRow(const uint8_t* HWY_RESTRICT in, size_t width, const uint8_t* HWY_RESTRICT remap,
                uint8_t* HWY_RESTRICT out) {
  const hn::ScalableTag<uint8_t> d8;
  const size_t n8 = hn::Lanes(d8);
  // Remapping is one in-register table lookup (pshufb) per vector.
  HWY_ALIGN uint8_t table[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  if (remap != nullptr) std::memcpy(table, remap, 16);
  const auto lut = hn::LoadDup128(d8, table);
  const auto low4 = hn::Set(d8, 15);
  const auto prepare = [&](hn::Vec<decltype(d8)> v) {
    return remap != nullptr ? hn::TableLookupBytes(lut, hn::And(v, low4)) : v;
  };
  auto vmax = hn::Zero(d8);
  size_t x = 0, o = 0;
  for (; x + n8 <= width; x += n8, o += n8 * kBits / 8) {
    const auto v = prepare(hn::LoadU(d8, in + x));
    vmax = hn::Max(vmax, v);
    PackStore<kBits>(d8, v, out + o);
  }
  if (x < width) {
    // The rest (it starts on a byte boundary: n8 pixels fill whole bytes)
    // goes through the same code in a padded vector. The padding repeats
    // a real pixel, so it cannot raise the maximum; its bits in the last
    // byte are cleared below.
    const size_t rest = width - x;
    HWY_ALIGN uint8_t pad_in[HWY_MAX_BYTES];
    HWY_ALIGN uint8_t pad_out[HWY_MAX_BYTES];
    std::memset(pad_in, in[x], n8);
    std::memcpy(pad_in, in + x, rest);
    const auto v = prepare(hn::Load(d8, pad_in));
    vmax = hn::Max(vmax, v);
    PackStore<kBits>(d8, v, pad_out);
    const size_t bytes = PackedRowBytes(rest, kBits);
    std::memcpy(out + o, pad_out, bytes);
    const size_t last_bits = rest * kBits % 8;
    if (last_bits != 0) out[o + bytes - 1] &= static_cast<uint8_t>(0xFF00u >> last_bits);
  }
  return MaxLaneU8(d8, vmax);
}

uint8_t PackIndicesRowImpl(const uint8_t* HWY_RESTRICT in, size_t width, int bits,
                           const uint8_t* HWY_RESTRICT remap, uint8_t* HWY_RESTRICT out) {
#if HWY_TARGET == HWY_SCALAR
  return PackIndicesRowReference(in, width, bits, remap, out);
#else
  switch (bits) {
    case 1:
      return PackRow<1>(in, width, remap, out);
    case 2:
      return PackRow<2>(in, width, remap, out);
    case 4:
      return PackRow<4>(in, width, remap, out);
    default:
      return PackRow<8>(in, width, remap, out);
  }
#endif
}

// Presence of the indices 0..15 as bits, by two in-register table lookups
// per vector (bit v of the low or high byte). Indices of 16 and above alias
// (only their low four bits are looked up); the caller ignores the mask
// then, knowing the maximum.
uint32_t SmallIndicesPresentImpl(const uint8_t* HWY_RESTRICT in, size_t n,
                                 uint8_t* HWY_RESTRICT max_index) {
#if HWY_TARGET == HWY_SCALAR
  return SmallIndicesPresentReference(in, n, max_index);
#else
  const hn::ScalableTag<uint8_t> d8;
  const size_t lanes = hn::Lanes(d8);
  HWY_ALIGN static constexpr uint8_t kLow[16] = {1, 2, 4, 8, 16, 32, 64, 128,
                                                 0, 0, 0, 0, 0, 0, 0, 0};
  HWY_ALIGN static constexpr uint8_t kHigh[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                                  1, 2, 4, 8, 16, 32, 64, 128};
  const auto low = hn::LoadDup128(d8, kLow);
  const auto high = hn::LoadDup128(d8, kHigh);
  const auto low4 = hn::Set(d8, 15);
  auto seen_low = hn::Zero(d8), seen_high = hn::Zero(d8), vmax = hn::Zero(d8);
  const auto visit = [&](hn::Vec<decltype(d8)> v) {
    vmax = hn::Max(vmax, v);
    const auto index = hn::And(v, low4);
    seen_low = hn::Or(seen_low, hn::TableLookupBytes(low, index));
    seen_high = hn::Or(seen_high, hn::TableLookupBytes(high, index));
  };
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) visit(hn::LoadU(d8, in + i));
  if (i < n) {
    // Padded with a repeat of a real index, which changes neither result.
    HWY_ALIGN uint8_t pad[HWY_MAX_BYTES];
    std::memset(pad, in[i], lanes);
    std::memcpy(pad, in + i, n - i);
    visit(hn::Load(d8, pad));
  }
  HWY_ALIGN uint8_t lo[HWY_MAX_BYTES], hi[HWY_MAX_BYTES];
  hn::Store(seen_low, d8, lo);
  hn::Store(seen_high, d8, hi);
  uint32_t mask = 0;
  for (size_t k = 0; k < lanes; ++k) mask |= lo[k] | static_cast<uint32_t>(hi[k]) << 8;
  *max_index = MaxLaneU8(d8, vmax);
  return mask;
#endif
}

void FilterSubRowImpl(const uint8_t* HWY_RESTRICT cur, size_t n, size_t bpp,
                      uint8_t* HWY_RESTRICT out) {
  const hn::ScalableTag<uint8_t> d8;
  const size_t lanes = hn::Lanes(d8);
  const size_t head = std::min(n, bpp);
  for (size_t i = 0; i < head; ++i) out[i] = cur[i];
  size_t i = head;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(hn::Sub(hn::LoadU(d8, cur + i), hn::LoadU(d8, cur + i - bpp)), d8, out + i);
  }
  for (; i < n; ++i) out[i] = cur[i] - cur[i - bpp];
}

void FilterUpRowImpl(const uint8_t* HWY_RESTRICT cur, const uint8_t* HWY_RESTRICT prev, size_t n,
                     uint8_t* HWY_RESTRICT out) {
  const hn::ScalableTag<uint8_t> d8;
  const size_t lanes = hn::Lanes(d8);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(hn::Sub(hn::LoadU(d8, cur + i), hn::LoadU(d8, prev + i)), d8, out + i);
  }
  for (; i < n; ++i) out[i] = cur[i] - prev[i];
}

// Encoding Paeth has no serial dependency (the predictor reads unfiltered
// bytes only), so it vectorises plainly in 16-bit lanes.
void FilterPaethRowImpl(const uint8_t* HWY_RESTRICT cur, const uint8_t* HWY_RESTRICT prev,
                        size_t n, size_t bpp, uint8_t* HWY_RESTRICT out) {
  const hn::ScalableTag<int16_t> d16;
  const hn::Rebind<uint8_t, decltype(d16)> d8;
  const hn::Rebind<uint16_t, decltype(d16)> du16;
  const size_t lanes = hn::Lanes(d16);
  const size_t head = std::min(n, bpp);
  // No left neighbour: the predictor is always the byte above.
  for (size_t i = 0; i < head; ++i) out[i] = cur[i] - prev[i];
  size_t i = head;
  for (; i + lanes <= n; i += lanes) {
    const auto a = hn::PromoteTo(d16, hn::LoadU(d8, cur + i - bpp));
    const auto b = hn::PromoteTo(d16, hn::LoadU(d8, prev + i));
    const auto c = hn::PromoteTo(d16, hn::LoadU(d8, prev + i - bpp));
    const auto pa = hn::Abs(hn::Sub(b, c));
    const auto pb = hn::Abs(hn::Sub(a, c));
    const auto pc = hn::Abs(hn::Sub(hn::Add(a, b), hn::Add(c, c)));
    const auto use_a = hn::And(hn::Not(hn::Gt(pa, pb)), hn::Not(hn::Gt(pa, pc)));
    const auto use_b = hn::Not(hn::Gt(pb, pc));
    const auto pred = hn::IfThenElse(use_a, a, hn::IfThenElse(use_b, b, c));
    const auto pred8 = hn::TruncateTo(d8, hn::BitCast(du16, pred));
    hn::StoreU(hn::Sub(hn::LoadU(d8, cur + i), pred8), d8, out + i);
  }
  for (; i < n; ++i) {
    out[i] = cur[i] - PaethPredictorReference(cur[i - bpp], prev[i], prev[i - bpp]);
  }
}

size_t CountRunBreaksImpl(const uint8_t* HWY_RESTRICT data, size_t n) {
  const hn::ScalableTag<uint8_t> d8;
  const size_t lanes = hn::Lanes(d8);
  size_t breaks = 0;
  size_t i = 1;
  for (; i + lanes <= n; i += lanes) {
    breaks += hn::CountTrue(d8, hn::Ne(hn::LoadU(d8, data + i), hn::LoadU(d8, data + i - 1)));
  }
  for (; i < n; ++i) breaks += data[i] != data[i - 1];
  return breaks;
}

template <class D, class V>
uint64_t SumLanesU64(D d, V v) {
  HWY_ALIGN uint64_t lanes[HWY_MAX_BYTES / 8];
  hn::Store(v, d, lanes);
  uint64_t sum = 0;
  for (size_t i = 0; i < hn::Lanes(d); ++i) sum += lanes[i];
  return sum;
}

uint64_t SumAbsSignedImpl(const uint8_t* HWY_RESTRICT data, size_t n) {
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<int8_t, decltype(d8)> di8;
  const hn::Repartition<uint64_t, decltype(d8)> d64;
  const size_t lanes = hn::Lanes(d8);
  auto acc = hn::Zero(d64);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    // |-128| wraps to 0x80 = 128 as an unsigned byte, which is right.
    const auto v = hn::BitCast(di8, hn::LoadU(d8, data + i));
    acc = hn::Add(acc, hn::SumsOf8(hn::BitCast(d8, hn::Abs(v))));
  }
  uint64_t sum = SumLanesU64(d64, acc);
  for (; i < n; ++i) sum += static_cast<uint64_t>(std::abs(static_cast<int8_t>(data[i])));
  return sum;
}

// Adler-32 without multiplies in the loop. For a block of K vectors of L
// bytes (n = K*L), s2 grows by n*s1 + sum_j (n - j) * byte_j. With byte j
// = vector k, lane l, the weight is (K - k) * L - l:
//  * sum_k (K - k) * S_k, S_k the byte sum of vector k, is the running sum
//    `t` (sum of the partial sums before each vector) plus the total `a`;
//  * sum_l l * B_l, B_l the column sums, splits l = 8g + r: 8 * g times the
//    per-8-byte sums (the lanes of `a`) plus r's three bits, each the sum of
//    the bytes in lanes with that bit set (masked SumsOf8).
// 64-bit accumulators cannot overflow for blocks of up to 2^12 vectors.
uint32_t Adler32Impl(uint32_t adler, const uint8_t* HWY_RESTRICT data, size_t n) {
  constexpr uint64_t kMod = 65521;
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<uint64_t, decltype(d8)> d64;
  const size_t lanes = hn::Lanes(d8);
  const auto iota = hn::Iota(d8, 0);
  const auto zero8 = hn::Zero(d8);
  const auto bit0 = hn::VecFromMask(d8, hn::Ne(hn::And(iota, hn::Set(d8, 1)), zero8));
  const auto bit1 = hn::VecFromMask(d8, hn::Ne(hn::And(iota, hn::Set(d8, 2)), zero8));
  const auto bit2 = hn::VecFromMask(d8, hn::Ne(hn::And(iota, hn::Set(d8, 4)), zero8));
  uint64_t s1 = adler & 0xFFFF, s2 = adler >> 16;
  constexpr size_t kMaxBlockVectors = 4096;
  while (n >= lanes) {
    const size_t k = std::min(n / lanes, kMaxBlockVectors);
    auto a = hn::Zero(d64), t = hn::Zero(d64);
    auto m0 = hn::Zero(d64), m1 = hn::Zero(d64), m2 = hn::Zero(d64);
    for (size_t j = 0; j < k; ++j) {
      const auto v = hn::LoadU(d8, data + j * lanes);
      t = hn::Add(t, a);
      a = hn::Add(a, hn::SumsOf8(v));
      m0 = hn::Add(m0, hn::SumsOf8(hn::And(v, bit0)));
      m1 = hn::Add(m1, hn::SumsOf8(hn::And(v, bit1)));
      m2 = hn::Add(m2, hn::SumsOf8(hn::And(v, bit2)));
    }
    HWY_ALIGN uint64_t groups[HWY_MAX_BYTES / 8];
    hn::Store(a, d64, groups);
    uint64_t total = 0, group_weighted = 0;
    for (size_t g = 0; g < hn::Lanes(d64); ++g) {
      total += groups[g];
      group_weighted += g * groups[g];
    }
    const uint64_t lane_weighted =
        8 * group_weighted + SumLanesU64(d64, m0) + 2 * SumLanesU64(d64, m1) +
        4 * SumLanesU64(d64, m2);
    const uint64_t block = k * lanes;
    s2 = (s2 + block * s1 + lanes * (SumLanesU64(d64, t) + total) - lane_weighted) % kMod;
    s1 = (s1 + total) % kMod;
    data += block;
    n -= block;
  }
  for (size_t i = 0; i < n; ++i) {
    s1 += data[i];
    s2 += s1;
  }
  return static_cast<uint32_t>((s2 % kMod) << 16 | (s1 % kMod));
}

// Drops alpha with two shuffles per vector instead of Highway's generic
// LoadInterleaved4/StoreInterleaved3 (measured 1.8x faster on AVX-512, where
// those take several permutes per vector): within each 128-bit block a byte
// shuffle packs the 4 pixels' 12 colour bytes low, then a 32-bit lane
// permute closes the gaps between blocks. Each store writes a full vector
// of which the first 3/4 are valid, so the loop stops while a full store
// still fits and the rest goes through a padded buffer.
void RgbaToRgbRowImpl(const uint8_t* HWY_RESTRICT rgba, size_t pixels, uint8_t* HWY_RESTRICT rgb) {
#if HWY_TARGET == HWY_SCALAR
  RgbaToRgbRowReference(rgba, pixels, rgb);
#else
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<uint32_t, decltype(d8)> d32;
  const hn::Repartition<int32_t, decltype(d8)> di32;
  const size_t n8 = hn::Lanes(d8);
  const size_t per_vector = n8 / 4;  // pixels
  HWY_ALIGN static constexpr uint8_t kPack[16] = {0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14,
                                                  0x80, 0x80, 0x80, 0x80};
  const auto pack = hn::LoadDup128(d8, kPack);
  // Dword 3k + j of the result is dword 4k + j of the block-packed vector
  // (k = block, j < 3); the last dwords are don't-care.
  HWY_ALIGN int32_t lanes[HWY_MAX_BYTES / 4];
  for (size_t i = 0; i < hn::Lanes(d32); ++i) {
    lanes[i] = static_cast<int32_t>(i < 3 * (n8 / 16) ? (i / 3) * 4 + i % 3 : 0);
  }
  const auto gather = hn::IndicesFromVec(d32, hn::Load(di32, lanes));
  const auto convert = [&](const uint8_t* src, uint8_t* dst) {
    const auto packed = hn::TableLookupBytes(hn::LoadU(d8, src), pack);
    hn::StoreU(hn::BitCast(d8, hn::TableLookupLanes(hn::BitCast(d32, packed), gather)), d8, dst);
  };
  size_t i = 0;
  // A store of n8 bytes at 3i must end within the 3 * pixels bytes.
  for (; i + per_vector <= pixels && 3 * i + n8 <= 3 * pixels; i += per_vector) {
    convert(rgba + 4 * i, rgb + 3 * i);
  }
  HWY_ALIGN uint8_t pad_in[HWY_MAX_BYTES] = {};
  HWY_ALIGN uint8_t pad_out[HWY_MAX_BYTES];
  while (i < pixels) {
    const size_t chunk = std::min(per_vector, pixels - i);
    std::memcpy(pad_in, rgba + 4 * i, 4 * chunk);
    convert(pad_in, pad_out);
    std::memcpy(rgb + 3 * i, pad_out, 3 * chunk);
    i += chunk;
  }
#endif
}

bool IsOpaqueRowImpl(const uint8_t* HWY_RESTRICT rgba, size_t pixels) {
#if HWY_TARGET == HWY_SCALAR
  return IsOpaqueRowReference(rgba, pixels);
#else
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<uint32_t, decltype(d8)> d32;
  const size_t lanes = hn::Lanes(d8);  // a multiple of 4: whole pixels
  // OR-ing 0xFF into the colour bytes leaves only alpha able to clear bits.
  const auto colour_bytes = hn::BitCast(d8, hn::Set(d32, 0x00FFFFFFu));
  auto acc = hn::Set(d8, 0xFF);
  const size_t bytes = pixels * 4;
  size_t i = 0;
  for (; i + lanes <= bytes; i += lanes) {
    acc = hn::And(acc, hn::Or(hn::LoadU(d8, rgba + i), colour_bytes));
  }
  if (!hn::AllTrue(d8, hn::Eq(acc, hn::Set(d8, 0xFF)))) return false;
  return IsOpaqueRowReference(rgba + i, (bytes - i) / 4);
#endif
}

// Indexes one pixel through the table, with the last colour in registers.
HWY_INLINE bool IndexPixel(uint32_t colour, ColourTable* table, uint32_t* last_colour,
                           int* last_index, uint8_t* out) {
  if (colour != *last_colour || *last_index < 0) {
    const int index = table->Lookup(colour);
    if (index < 0) return false;
    *last_colour = colour;
    *last_index = index;
  }
  *out = static_cast<uint8_t>(*last_index);
  return true;
}

// Chart rows are long runs of one colour and mostly equal the row above, so
// whole vectors are settled by one compare against the row above (copy its
// indices) or against the last colour (fill); only vectors with an edge in
// them look pixels up one by one.
bool IndexRgbaRowImpl(const uint8_t* HWY_RESTRICT rgba, const uint8_t* HWY_RESTRICT prev_rgba,
                      const uint8_t* HWY_RESTRICT prev_indices, size_t pixels,
                      ColourTable* HWY_RESTRICT table, uint8_t* HWY_RESTRICT indices) {
  uint32_t last_colour = table->last_colour();
  int last_index = table->last_index();
  size_t x = 0;
#if HWY_TARGET != HWY_SCALAR
  const hn::ScalableTag<uint8_t> d8;
  const hn::Repartition<uint32_t, decltype(d8)> d32;
  const hn::Rebind<uint8_t, decltype(d32)> d8q;  // one byte per pixel
  const size_t n = hn::Lanes(d32);
  for (; x + n <= pixels; x += n) {
    const auto v = hn::BitCast(d32, hn::LoadU(d8, rgba + 4 * x));
    if (prev_rgba != nullptr &&
        hn::AllTrue(d32, hn::Eq(v, hn::BitCast(d32, hn::LoadU(d8, prev_rgba + 4 * x))))) {
      hn::StoreU(hn::LoadU(d8q, prev_indices + x), d8q, indices + x);
      continue;
    }
    if (last_index >= 0 && hn::AllTrue(d32, hn::Eq(v, hn::Set(d32, last_colour)))) {
      hn::StoreU(hn::Set(d8q, static_cast<uint8_t>(last_index)), d8q, indices + x);
      continue;
    }
    for (size_t i = x; i < x + n; ++i) {
      uint32_t colour;
      std::memcpy(&colour, rgba + 4 * i, 4);
      if (!IndexPixel(colour, table, &last_colour, &last_index, indices + i)) return false;
    }
  }
#else
  // One lane: the row above is no shortcut here.
  (void)prev_rgba;
  (void)prev_indices;
#endif
  for (; x < pixels; ++x) {
    uint32_t colour;
    std::memcpy(&colour, rgba + 4 * x, 4);
    if (!IndexPixel(colour, table, &last_colour, &last_index, indices + x)) return false;
  }
  return true;
}

const char* TargetNameImpl() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {

HWY_EXPORT(PackIndicesRowImpl);
HWY_EXPORT(SmallIndicesPresentImpl);
HWY_EXPORT(FilterSubRowImpl);
HWY_EXPORT(FilterUpRowImpl);
HWY_EXPORT(FilterPaethRowImpl);
HWY_EXPORT(CountRunBreaksImpl);
HWY_EXPORT(SumAbsSignedImpl);
HWY_EXPORT(Adler32Impl);
HWY_EXPORT(RgbaToRgbRowImpl);
HWY_EXPORT(IsOpaqueRowImpl);
HWY_EXPORT(IndexRgbaRowImpl);
HWY_EXPORT(TargetNameImpl);

uint8_t PackIndicesRow(const uint8_t* indices, size_t width, int bit_depth,
                       const uint8_t* remap, uint8_t* packed) {
  return HWY_DYNAMIC_DISPATCH(PackIndicesRowImpl)(indices, width, bit_depth, remap, packed);
}

uint32_t SmallIndicesPresent(const uint8_t* indices, size_t n, uint8_t* max_index) {
  return HWY_DYNAMIC_DISPATCH(SmallIndicesPresentImpl)(indices, n, max_index);
}

void FilterSubRow(const uint8_t* cur, size_t n, size_t bpp, uint8_t* out) {
  HWY_DYNAMIC_DISPATCH(FilterSubRowImpl)(cur, n, bpp, out);
}

void FilterUpRow(const uint8_t* cur, const uint8_t* prev, size_t n, uint8_t* out) {
  HWY_DYNAMIC_DISPATCH(FilterUpRowImpl)(cur, prev, n, out);
}

void FilterPaethRow(const uint8_t* cur, const uint8_t* prev, size_t n, size_t bpp, uint8_t* out) {
  HWY_DYNAMIC_DISPATCH(FilterPaethRowImpl)(cur, prev, n, bpp, out);
}

size_t CountRunBreaks(const uint8_t* data, size_t n) {
  return HWY_DYNAMIC_DISPATCH(CountRunBreaksImpl)(data, n);
}

uint64_t SumAbsSigned(const uint8_t* data, size_t n) {
  return HWY_DYNAMIC_DISPATCH(SumAbsSignedImpl)(data, n);
}

uint32_t Adler32(uint32_t adler, const uint8_t* data, size_t n) {
  return HWY_DYNAMIC_DISPATCH(Adler32Impl)(adler, data, n);
}

void RgbaToRgbRow(const uint8_t* rgba, size_t pixels, uint8_t* rgb) {
  HWY_DYNAMIC_DISPATCH(RgbaToRgbRowImpl)(rgba, pixels, rgb);
}

bool IsOpaqueRow(const uint8_t* rgba, size_t pixels) {
  return HWY_DYNAMIC_DISPATCH(IsOpaqueRowImpl)(rgba, pixels);
}

bool IndexRgbaRow(const uint8_t* rgba, const uint8_t* prev_rgba, const uint8_t* prev_indices,
                  size_t pixels, ColourTable* table, uint8_t* indices) {
  return HWY_DYNAMIC_DISPATCH(IndexRgbaRowImpl)(rgba, prev_rgba, prev_indices, pixels, table,
                                                indices);
}

const char* EncodeKernelTargetName() { return HWY_DYNAMIC_DISPATCH(TargetNameImpl)(); }

}  // namespace candlewick
#endif  // HWY_ONCE
