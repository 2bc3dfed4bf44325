#include "cc/encode/png.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"
#include "cc/encode/convert.h"
#include "cc/encode/kernels.h"

namespace candlewick {
namespace {

// Why not libspng for the encoding itself: measured on the 100-candle chart
// (2-bit rows), its per-row filtering and bookkeeping cost more than zlib's
// whole compression (callgrind: 3.0M vs 2.1M instructions per image), its
// allocations cannot go through per-handle hooks (no user pointer), and it
// cannot skip zlib's scalar Adler-32. The chunk layout is simple enough to
// write here; the tests decode every output with libspng.

enum FilterType : uint8_t { kFilterNone = 0, kFilterSub = 1, kFilterUp = 2, kFilterPaeth = 4 };
constexpr uint8_t Bit(FilterType f) { return static_cast<uint8_t>(1u << f); }

enum class Heuristic { kRunBreaks, kSumAbs };

// One way to compress an image. Several candidate filters are chosen per
// row by the heuristic: run breaks predict Z_RLE's symbol count closely,
// the sum of absolute differences suits LZ77 matching (libpng's choice).
struct Plan {
  int level;
  int strategy;
  int mem_level;
  uint8_t filters;  // bit f set: filter type f is a candidate
  Heuristic heuristic;
  int max_chain = 0;  // > 0: cap on LZ77 hash-chain walks (deflateTune)
};

// Up to two plans; the smaller result wins.
struct Plans {
  Plan plan[2];
  int count;
};

// Settings measured on 800x600 chart frames of 100 and 1000 candles
// (benchmarks/encode_benchmark.cc; the table is in docs/encoding.md).
// Chart rows mostly repeat the row above, so "up" turns them into zeros,
// and Z_RLE (distance-1 matches only, no hash chains) codes those runs at a
// fraction of the cost of an LZ77 search, with smaller files than zlib
// levels 1-3. Rows where "none" breaks fewer runs (candle edges) take it:
// another 6-12% smaller for ~10% more time. memLevel sets the deflate block
// size (and the unused hash table's): 6-7 measured fastest and smallest.
// Level 9 LZ77 finds whole repeated rows far back and wins on size, but
// which filter suits it depends on the chart, so smallest tries both: "none"
// with the hash-chain walk capped at 256 (no loss measured), "none|up" with
// the full level-9 search (4% smaller at 1000 candles than a cap of 1024).
Plans PalettePlans(PngPreset preset) {
  const uint8_t none_up = Bit(kFilterNone) | Bit(kFilterUp);
  switch (preset) {
    case PngPreset::kFastest:
      return {{{1, Z_RLE, 6, Bit(kFilterUp), Heuristic::kRunBreaks}}, 1};
    case PngPreset::kBalanced:
      return {{{1, Z_RLE, 7, none_up, Heuristic::kRunBreaks}}, 1};
    case PngPreset::kSmallest:
    default:
      return {{{9, Z_DEFAULT_STRATEGY, 9, Bit(kFilterNone), Heuristic::kRunBreaks, 256},
               {9, Z_DEFAULT_STRATEGY, 9, none_up, Heuristic::kRunBreaks}},
              2};
  }
}

// True colour (frames with more than 256 colours, e.g. blended edges over a
// gradient). Horizontal runs need "sub" (a 3-byte period defeats Z_RLE),
// vertical ones "up", blends favour Paeth; choosing per row by run breaks
// makes Z_RLE 2.5x smaller than "up" alone. zlib level 1 with "up" is the
// fastest; level 9 "up" the smallest, its chain walk capped at 128 (within
// 3-6% of the full search at a third to a fifth of the time).
Plans TrueColourPlans(PngPreset preset) {
  switch (preset) {
    case PngPreset::kFastest:
      return {{{1, Z_DEFAULT_STRATEGY, 8, Bit(kFilterUp), Heuristic::kRunBreaks}}, 1};
    case PngPreset::kBalanced:
      return {{{1, Z_RLE, 8, Bit(kFilterSub) | Bit(kFilterUp) | Bit(kFilterPaeth),
                Heuristic::kRunBreaks}},
              1};
    case PngPreset::kSmallest:
    default:
      return {{{9, Z_DEFAULT_STRATEGY, 9, Bit(kFilterUp), Heuristic::kRunBreaks, 128}}, 1};
  }
}

constexpr int kWindowBits = 15;
// Filtered rows are gathered into one buffer of about this size per
// deflate() call (and per Adler-32 call): per-row calls cost ~10% more.
constexpr size_t kStagingBytes = size_t{1} << 16;
// The zlib stream is cut into IDAT chunks of this size. Any size is valid;
// this one keeps the chunk overhead (12 bytes) negligible.
constexpr size_t kIdatChunkBytes = size_t{1} << 16;
// PNG limits width and height to 2^31 - 1.
constexpr uint32_t kMaxPngDimension = 0x7FFFFFFFu;

void* ZAlloc(void* opaque, uInt items, uInt size) {
  if (items != 0 && size > std::numeric_limits<size_t>::max() / items) return Z_NULL;
  return static_cast<const AllocatorHooks*>(opaque)->Allocate(static_cast<size_t>(items) * size,
                                                              16);
}

void ZFree(void* opaque, void* ptr) { static_cast<const AllocatorHooks*>(opaque)->Deallocate(ptr); }

// A raw deflate stream (the zlib header and Adler-32 are written by
// CompressImage, which computes the checksum with a SIMD kernel instead of
// zlib's scalar one) whose memory comes from allocator hooks.
// A stream may be started again (Init) for another image: with the same
// level, strategy and memLevel it is reset in place (deflateReset, no
// allocation), otherwise rebuilt.
class Deflater {
 public:
  explicit Deflater(const AllocatorHooks* hooks) {
    std::memset(&z_, 0, sizeof(z_));
    z_.zalloc = &ZAlloc;
    z_.zfree = &ZFree;
    z_.opaque = const_cast<AllocatorHooks*>(hooks);
  }
  ~Deflater() {
    if (live_) deflateEnd(&z_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  absl::Status Init(const Plan& plan) {
    const bool same = live_ && level_ == plan.level && strategy_ == plan.strategy &&
                      mem_level_ == plan.mem_level;
    if (same) {
      // Resets the level's match parameters too (undoing an earlier tune).
      if (deflateReset(&z_) != Z_OK) return Error(ErrorCode::kEncode, "zlib deflateReset");
    } else {
      if (live_) deflateEnd(&z_);
      live_ = false;
      const int rc = deflateInit2(&z_, plan.level, Z_DEFLATED, -kWindowBits, plan.mem_level,
                                  plan.strategy);
      if (rc == Z_MEM_ERROR) return Error(ErrorCode::kOutOfMemory, "zlib deflate state");
      if (rc != Z_OK) return Error(ErrorCode::kEncode, absl::StrCat("zlib deflateInit2: ", rc));
      live_ = true;
      level_ = plan.level;
      strategy_ = plan.strategy;
      mem_level_ = plan.mem_level;
    }
    if (plan.max_chain > 0) {
      // Level 9's lazy-match lengths with a shorter search: chart rows are
      // long exact repeats, found early in the chain.
      const int rc_tune = deflateTune(&z_, 32, 258, 258, plan.max_chain);
      if (rc_tune != Z_OK) {
        return Error(ErrorCode::kEncode, absl::StrCat("zlib deflateTune: ", rc_tune));
      }
    }
    return absl::OkStatus();
  }

  // Compresses `n` bytes, writing at out[*used ...] and growing `out`
  // geometrically; with Z_FINISH, ends the stream.
  absl::Status Feed(const uint8_t* data, size_t n, int flush, ByteBuffer* out, size_t* used) {
    constexpr size_t kMaxPiece = size_t{1} << 30;  // avail_in is 32-bit
    for (;;) {
      const size_t piece = std::min(n, kMaxPiece);
      const bool last_piece = piece == n;
      const int piece_flush = last_piece ? flush : Z_NO_FLUSH;
      z_.next_in = const_cast<Bytef*>(data);
      z_.avail_in = static_cast<uInt>(piece);
      for (;;) {
        if (*used == out->size()) {
          const size_t grown = std::max<size_t>(out->size() * 2, 4096);
          if (grown <= out->size() || !out->Resize(grown)) {
            return Error(ErrorCode::kOutOfMemory, "PNG compressed data");
          }
        }
        z_.next_out = out->data() + *used;
        z_.avail_out = static_cast<uInt>(std::min(out->size() - *used, kMaxPiece));
        const int rc = deflate(&z_, piece_flush);
        *used = static_cast<size_t>(z_.next_out - out->data());
        if (rc == Z_STREAM_ERROR) return Error(ErrorCode::kEncode, "zlib deflate: stream error");
        if (piece_flush == Z_FINISH) {
          if (rc == Z_STREAM_END) break;
          // Z_OK or Z_BUF_ERROR: more output space needed; anything else
          // would loop forever.
          if (z_.avail_out != 0) {
            return Error(ErrorCode::kEncode, absl::StrCat("zlib deflate finish: ", rc));
          }
        } else if (z_.avail_in == 0 && z_.avail_out != 0) {
          break;
        }
      }
      data += piece;
      n -= piece;
      if (last_piece) return absl::OkStatus();
    }
  }

 private:
  z_stream z_;
  bool live_ = false;
  int level_ = 0, strategy_ = 0, mem_level_ = 0;  // of the live stream
};

}  // namespace

struct PngScratch::State {
  explicit State(const AllocatorHooks& h)
      : hooks(h), deflater(&hooks), rows(h), first(h), second(h), indices(h) {}
  AllocatorHooks hooks;  // zlib's allocator opaque: must not move
  Deflater deflater;
  ByteBuffer rows;           // the zero row, raw rows, filter candidates, staging
  ByteBuffer first, second;  // the compressed stream of each plan
  ByteBuffer indices;        // the index frame of an RGBA input
};

PngScratch::~PngScratch() { DeleteWithHooks(hooks_, state_); }

PngScratch::State* PngScratch::Get() {
  if (state_ == nullptr) state_ = NewWithHooks<State>(hooks_, hooks_);
  return state_;
}

namespace {

using EncoderState = PngScratch::State;

// Runs `encode` with the scratch's state, or with a state of its own (from
// the hooks of `out`) that lives for the call.
template <typename Encode>
absl::Status WithState(PngScratch* scratch, ByteBuffer* out, Encode&& encode) {
  if (scratch == nullptr) {
    EncoderState local(out->hooks());
    return encode(local);
  }
  EncoderState* state = scratch->Get();
  if (state == nullptr) return Error(ErrorCode::kOutOfMemory, "PNG encoder state");
  return encode(*state);
}

// The two header bytes of a zlib stream (RFC 1950): deflate with our window,
// FLEVEL as zlib itself would set it, and the check bits.
void ZlibHeader(const Plan& plan, uint8_t out[2]) {
  const unsigned cmf = static_cast<unsigned>((kWindowBits - 8) << 4 | 8);
  unsigned flevel;
  if (plan.strategy >= Z_HUFFMAN_ONLY || plan.level < 2) {
    flevel = 0;
  } else if (plan.level < 6) {
    flevel = 1;
  } else if (plan.level == 6) {
    flevel = 2;
  } else {
    flevel = 3;
  }
  unsigned header = cmf << 8 | flevel << 6;
  header += 31 - header % 31;
  out[0] = static_cast<uint8_t>(header >> 8);
  out[1] = static_cast<uint8_t>(header & 0xFF);
}

void PutU32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

struct Geometry {
  size_t row_bytes;  // one raw scanline, without the filter-type byte
  size_t bpp;        // filter byte distance: bytes per pixel, at least 1
  uint32_t height;
};

void FilterInto(uint8_t type, const uint8_t* cur, const uint8_t* prev, const Geometry& g,
                uint8_t* dst) {
  dst[0] = type;
  switch (type) {
    case kFilterSub:
      FilterSubRow(cur, g.row_bytes, g.bpp, dst + 1);
      break;
    case kFilterUp:
      FilterUpRow(cur, prev, g.row_bytes, dst + 1);
      break;
    case kFilterPaeth:
      FilterPaethRow(cur, prev, g.row_bytes, g.bpp, dst + 1);
      break;
    default:
      std::memcpy(dst + 1, cur, g.row_bytes);
      break;
  }
}

uint64_t Score(Heuristic h, const uint8_t* data, size_t n) {
  return h == Heuristic::kRunBreaks ? CountRunBreaks(data, n) : SumAbsSigned(data, n);
}

// Writes row `cur` (its row above: `prev`) into `dst` as a filter-type byte
// and the filtered row: with the plan's filter when it has one, else with the
// candidate whose filtered row scores lowest. `choice` holds one line per
// filter type for the candidates.
void FilterRow(const Plan& plan, const uint8_t* cur, const uint8_t* prev, const Geometry& g,
               uint8_t* choice, uint8_t* dst) {
  const size_t line = g.row_bytes + 1;
  if (__builtin_popcount(plan.filters) == 1) {
    FilterInto(static_cast<uint8_t>(__builtin_ctz(plan.filters)), cur, prev, g, dst);
    return;
  }
  // Candidates in order of preference: ties keep the earlier one.
  uint8_t best_type = kFilterNone;
  uint64_t best_score = std::numeric_limits<uint64_t>::max();
  for (uint8_t type : {kFilterNone, kFilterUp, kFilterSub, kFilterPaeth}) {
    if ((plan.filters & Bit(static_cast<FilterType>(type))) == 0) continue;
    const uint8_t* data = cur;
    if (type != kFilterNone) {
      FilterInto(type, cur, prev, g, choice + type * line);
      data = choice + type * line + 1;
    }
    const uint64_t score = Score(plan.heuristic, data, g.row_bytes);
    if (score < best_score) {
      best_score = score;
      best_type = type;
    }
  }
  if (best_type == kFilterNone) {
    dst[0] = kFilterNone;
    std::memcpy(dst + 1, cur, g.row_bytes);
  } else {
    std::memcpy(dst, choice + best_type * line, line);
  }
}

// Sizes `zlib` for the stream of an image of `g` (room for a
// well-compressed chart up front; Feed doubles it when needed) and writes
// the stream's two header bytes.
absl::Status BeginZlibStream(const Plan& plan, const Geometry& g, ByteBuffer* zlib) {
  const size_t line = g.row_bytes + 1;
  const size_t max = std::numeric_limits<size_t>::max();
  const size_t raw_total = g.height > max / line ? max : line * g.height;
  size_t initial = std::max<size_t>(raw_total / 16, 4096);
  if (raw_total < 4096) initial = raw_total + 64;  // tiny images: header + stored blocks
  if (!zlib->Resize(initial)) {
    return Error(ErrorCode::kOutOfMemory, "PNG compressed data");
  }
  ZlibHeader(plan, zlib->data());
  return absl::OkStatus();
}

// Filters and compresses the rows of `source` into a complete zlib stream
// in `zlib` (its old contents are dropped), with the deflate stream and row
// buffers of `state`. `source.Row(y, scratch)` returns row y's raw
// scanline, either in `scratch` (row_bytes, reused every other row) or in
// memory that stays valid for the call.
template <class Source>
absl::Status CompressImage(Source& source, const Geometry& g, const Plan& plan,
                           EncoderState& state, ByteBuffer* zlib) {
  const size_t line = g.row_bytes + 1;
  const int candidates = __builtin_popcount(plan.filters);
  const size_t staging_bytes = std::max(line, kStagingBytes);
  // One block: a zero row (the row above the first), two raw rows, one
  // buffer per filter type when the rows choose, the staging buffer.
  const size_t choice_bytes = candidates > 1 ? 5 * line : 0;
  if (g.row_bytes > (std::numeric_limits<size_t>::max() - staging_bytes) / 9) {
    return Error(ErrorCode::kInvalidArgument, "PNG rows too long");
  }
  ByteBuffer& scratch = state.rows;
  if (!scratch.Resize(3 * g.row_bytes + choice_bytes + staging_bytes)) {
    return Error(ErrorCode::kOutOfMemory, "PNG row buffers");
  }
  uint8_t* const zero_row = scratch.data();
  std::memset(zero_row, 0, g.row_bytes);
  uint8_t* const raw[2] = {zero_row + g.row_bytes, zero_row + 2 * g.row_bytes};
  uint8_t* const choice = zero_row + 3 * g.row_bytes;
  uint8_t* const staging = choice + choice_bytes;

  Deflater& deflater = state.deflater;
  if (absl::Status st = deflater.Init(plan); !st.ok()) return st;
  if (absl::Status st = BeginZlibStream(plan, g, zlib); !st.ok()) return st;
  size_t used = 2;
  uint32_t adler = 1;
  size_t fill = 0;
  const uint8_t* prev = zero_row;
  for (uint32_t y = 0; y < g.height; ++y) {
    const uint8_t* cur = source.Row(y, raw[y & 1]);
    if (fill + line > staging_bytes) {
      adler = Adler32(adler, staging, fill);
      if (absl::Status st = deflater.Feed(staging, fill, Z_NO_FLUSH, zlib, &used); !st.ok()) {
        return st;
      }
      fill = 0;
    }
    FilterRow(plan, cur, prev, g, choice, staging + fill);
    fill += line;
    prev = cur;
  }
  adler = Adler32(adler, staging, fill);
  if (absl::Status st = deflater.Feed(staging, fill, Z_FINISH, zlib, &used); !st.ok()) return st;
  if (!zlib->Resize(used + 4)) return Error(ErrorCode::kOutOfMemory, "PNG compressed data");
  PutU32(zlib->data() + used, adler);
  return absl::OkStatus();
}

// Runs every plan and leaves the smallest stream in *best (the state's
// first or second buffer).
template <class Source>
absl::Status CompressBest(Source& source, const Geometry& g, const Plans& plans,
                          EncoderState& state, const ByteBuffer** best) {
  if (absl::Status st = CompressImage(source, g, plans.plan[0], state, &state.first); !st.ok()) {
    return st;
  }
  *best = &state.first;
  if (plans.count > 1) {
    if (absl::Status st = CompressImage(source, g, plans.plan[1], state, &state.second);
        !st.ok()) {
      return st;
    }
    if (state.second.size() < state.first.size()) *best = &state.second;
  }
  return absl::OkStatus();
}

class ChunkWriter {
 public:
  explicit ChunkWriter(ByteBuffer* out) : out_(out) {}
  bool Append(const void* data, size_t n) { return ok_ = ok_ && out_->Append(data, n); }
  void Chunk(const char type[4], const uint8_t* data, size_t n) {
    uint8_t head[8];
    PutU32(head, static_cast<uint32_t>(n));
    std::memcpy(head + 4, type, 4);
    uLong crc = crc32_z(0, head + 4, 4);
    // zlib returns the initial value 0 for a NULL buffer, which would wipe
    // the type's CRC for data-less chunks (IEND).
    if (n != 0) crc = crc32_z(crc, data, n);
    uint8_t tail[4];
    PutU32(tail, static_cast<uint32_t>(crc));
    Append(head, 8);
    Append(data, n);
    Append(tail, 4);
  }
  bool ok() const { return ok_; }

 private:
  ByteBuffer* out_;
  bool ok_ = true;
};

// Signature, IHDR, PLTE and tRNS (palette images), IDAT chunks, IEND.
absl::Status WritePng(uint32_t width, uint32_t height, uint8_t bit_depth, uint8_t colour_type,
                      absl::Span<const uint32_t> palette, const ByteBuffer& zlib,
                      ByteBuffer* out) {
  const size_t start = out->size();
  size_t trns = 0;  // entries up to the last non-opaque one
  for (size_t i = 0; i < palette.size(); ++i) {
    if ((palette[i] & 0xFF) != 0xFF) trns = i + 1;
  }
  const size_t idat_chunks = (zlib.size() + kIdatChunkBytes - 1) / kIdatChunkBytes;
  const size_t total = 8 + 25 + (palette.empty() ? 0 : 12 + 3 * palette.size()) +
                       (trns == 0 ? 0 : 12 + trns) + 12 * idat_chunks + zlib.size() + 12;
  if (total > std::numeric_limits<size_t>::max() - start || !out->Reserve(start + total)) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat("PNG of ", total, " bytes"));
  }
  ChunkWriter w(out);
  static constexpr uint8_t kSignature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
  w.Append(kSignature, 8);
  uint8_t ihdr[13];
  PutU32(ihdr, width);
  PutU32(ihdr + 4, height);
  ihdr[8] = bit_depth;
  ihdr[9] = colour_type;
  ihdr[10] = 0;  // deflate
  ihdr[11] = 0;  // adaptive filtering
  ihdr[12] = 0;  // not interlaced
  w.Chunk("IHDR", ihdr, sizeof(ihdr));
  if (!palette.empty()) {
    uint8_t plte[3 * 256];
    uint8_t alpha[256];
    for (size_t i = 0; i < palette.size(); ++i) {
      plte[3 * i] = static_cast<uint8_t>(palette[i] >> 24);
      plte[3 * i + 1] = static_cast<uint8_t>(palette[i] >> 16);
      plte[3 * i + 2] = static_cast<uint8_t>(palette[i] >> 8);
      alpha[i] = static_cast<uint8_t>(palette[i]);
    }
    w.Chunk("PLTE", plte, 3 * palette.size());
    if (trns != 0) w.Chunk("tRNS", alpha, trns);
  }
  for (size_t offset = 0; offset < zlib.size(); offset += kIdatChunkBytes) {
    w.Chunk("IDAT", zlib.data() + offset, std::min(kIdatChunkBytes, zlib.size() - offset));
  }
  w.Chunk("IEND", nullptr, 0);
  if (!w.ok()) {
    out->Resize(start);  // shrinking never fails
    return Error(ErrorCode::kOutOfMemory, "PNG output buffer");
  }
  return absl::OkStatus();
}

absl::Status CheckCommon(const void* pixels, uint32_t width, uint32_t height, size_t stride,
                         size_t min_stride, PngPreset preset, const ByteBuffer* out) {
  if (out == nullptr) return Error(ErrorCode::kNullArgument, "output buffer is NULL");
  if (pixels == nullptr) return Error(ErrorCode::kNullArgument, "pixels are NULL");
  if (width == 0 || height == 0 || width > kMaxPngDimension || height > kMaxPngDimension) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("a PNG is 1 to 2^31-1 pixels wide and high, got ", width, "x",
                              height));
  }
  if (stride < min_stride) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("row stride ", stride, " is below the row size ", min_stride));
  }
  if (!IsKnownPngPreset(static_cast<int32_t>(preset))) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("unknown PNG preset ", static_cast<int32_t>(preset)));
  }
  return absl::OkStatus();
}

int PaletteBitDepth(size_t colours) {
  if (colours <= 2) return 1;
  if (colours <= 4) return 2;
  if (colours <= 16) return 4;
  return 8;
}

class PackedIndexRows {
 public:
  PackedIndexRows(const PaletteImage& image, int bits, const uint8_t* remap)
      : image_(image), bits_(bits), remap_(remap) {}
  const uint8_t* Row(uint32_t y, uint8_t* scratch) {
    const uint8_t m = PackIndicesRow(image_.indices + static_cast<size_t>(y) * image_.stride,
                                     image_.width, bits_, remap_, scratch);
    if (m > max_index_) max_index_ = m;
    return scratch;
  }
  uint8_t max_index() const { return max_index_; }

 private:
  const PaletteImage& image_;
  int bits_;
  const uint8_t* remap_;
  uint8_t max_index_ = 0;
};

class RgbaRows {
 public:
  explicit RgbaRows(const RgbaImage& image) : image_(image) {}
  const uint8_t* Row(uint32_t y, uint8_t*) const { return image_.Row(y); }

 private:
  const RgbaImage& image_;
};

class RgbRows {
 public:
  explicit RgbRows(const RgbaImage& image) : image_(image) {}
  const uint8_t* Row(uint32_t y, uint8_t* scratch) const {
    RgbaToRgbRow(image_.Row(y), image_.width, scratch);
    return scratch;
  }

 private:
  const RgbaImage& image_;
};

// RGB8 (colour type 2) or RGBA8 (type 6) from an RGBA frame.
absl::Status EncodeTrueColour(const RgbaImage& image, bool keep_alpha, PngPreset preset,
                              EncoderState& state, ByteBuffer* out) {
  const size_t channels = keep_alpha ? 4 : 3;
  const Geometry g{static_cast<size_t>(image.width) * channels, channels, image.height};
  const ByteBuffer* best = nullptr;
  absl::Status st;
  if (keep_alpha) {
    RgbaRows rows(image);
    st = CompressBest(rows, g, TrueColourPlans(preset), state, &best);
  } else {
    RgbRows rows(image);
    st = CompressBest(rows, g, TrueColourPlans(preset), state, &best);
  }
  if (!st.ok()) return st;
  return WritePng(image.width, image.height, 8, keep_alpha ? 6 : 2, {}, *best, out);
}

// `drop_unused`: look for palette entries no pixel uses (callers' fixed
// palettes, such as a chart theme's six colours of which a chart without
// axes uses four); palettes built from the image have none.
absl::Status EncodeIndexed(const PaletteImage& image, PngPreset preset, bool drop_unused,
                           EncoderState& state, ByteBuffer* out) {
  if (absl::Status st = CheckCommon(image.indices, image.width, image.height, image.stride,
                                    image.width, preset, out);
      !st.ok()) {
    return st;
  }
  if (image.palette.empty() || image.palette.size() > 256) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("a PNG palette holds 1 to 256 colours, got ", image.palette.size()));
  }
  absl::Span<const uint32_t> palette = image.palette;
  uint32_t used_colours[16];
  uint8_t remap_table[16];
  const uint8_t* remap = nullptr;
  if (drop_unused && palette.size() > 2) {
    // One cheap pass (two table lookups per vector) finds which of the
    // indices 0..15 occur; fewer colours can mean fewer bits per pixel, and
    // half the bits is half the data for zlib. Indices of 16 and above end
    // the search: such palettes stay as they are.
    uint32_t present = 0;
    uint8_t max_index = 0;
    if (image.stride == image.width) {  // one call for a contiguous frame
      present = SmallIndicesPresent(image.indices, image.stride * image.height, &max_index);
    } else {
      for (uint32_t y = 0; y < image.height && max_index < 16; ++y) {
        uint8_t row_max = 0;
        present |= SmallIndicesPresent(image.indices + static_cast<size_t>(y) * image.stride,
                                       image.width, &row_max);
        max_index = std::max(max_index, row_max);
      }
    }
    if (max_index >= palette.size()) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("palette index ", max_index, " is out of range for ",
                                palette.size(), " colours"));
    }
    const size_t used = static_cast<size_t>(__builtin_popcount(present));
    if (max_index < 16 && used < palette.size()) {
      size_t k = 0;
      for (uint32_t v = 0; v < 16; ++v) {
        remap_table[v] = static_cast<uint8_t>(k);
        if (present & (1u << v)) used_colours[k++] = palette[v];
      }
      palette = absl::MakeConstSpan(used_colours, k);
      // Used indices 0..k-1 need no remapping, only the shorter palette.
      if (present != (1u << k) - 1) remap = remap_table;
    }
  }
  const int bits = PaletteBitDepth(palette.size());
  const Geometry g{PackedRowBytes(image.width, bits), 1, image.height};
  PackedIndexRows rows(image, bits, remap);
  const ByteBuffer* best = nullptr;
  if (absl::Status st = CompressBest(rows, g, PalettePlans(preset), state, &best); !st.ok()) {
    return st;
  }
  // Checked after the fact when not checked above: the packing kernel
  // reports the largest index for free, and a bad index must not reach a
  // file.
  if (rows.max_index() >= palette.size()) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("palette index ", rows.max_index(), " is out of range for ",
                              palette.size(), " colours"));
  }
  return WritePng(image.width, image.height, static_cast<uint8_t>(bits), 3, palette, *best, out);
}

}  // namespace

bool IsKnownPngPreset(int32_t preset) { return preset >= 0 && preset <= 2; }

absl::Status EncodePalettePng(const PaletteImage& image, PngPreset preset, ByteBuffer* out,
                              PngScratch* scratch) {
  if (absl::Status st = CheckCommon(image.indices, image.width, image.height, image.stride,
                                    image.width, preset, out);
      !st.ok()) {
    return st;
  }
  return WithState(scratch, out, [&](EncoderState& state) {
    return EncodeIndexed(image, preset, /*drop_unused=*/true, state, out);
  });
}

absl::Status EncodeRgbaPng(const uint8_t* rgba, uint32_t width, uint32_t height, size_t stride,
                           PngPreset preset, ByteBuffer* out) {
  if (absl::Status st =
          CheckCommon(rgba, width, height, stride, static_cast<size_t>(width) * 4, preset, out);
      !st.ok()) {
    return st;
  }
  return WithState(nullptr, out, [&](EncoderState& state) {
    return EncodeTrueColour(RgbaImage{rgba, width, height, stride}, true, preset, state, out);
  });
}

absl::Status EncodeRgbaAsPng(const RgbaImage& image, PngPreset preset, ByteBuffer* out,
                             PngScratch* scratch) {
  if (absl::Status st = CheckCommon(image.pixels, image.width, image.height, image.stride,
                                    static_cast<size_t>(image.width) * 4, preset, out);
      !st.ok()) {
    return st;
  }
  const size_t w = image.width, h = image.height;
  if (w > std::numeric_limits<size_t>::max() / h) {
    return Error(ErrorCode::kOutOfMemory, "index frame size overflows");
  }
  return WithState(scratch, out, [&](EncoderState& state) {
    ByteBuffer& indices = state.indices;
    if (!indices.Resize(w * h)) {
      return Error(ErrorCode::kOutOfMemory, absl::StrCat("index frame of ", w * h, " bytes"));
    }
    uint32_t palette[256];
    size_t colours = 0;
    if (RgbaToPalette(image, indices.data(), w, palette, &colours) == PaletteFit::kFits) {
      PaletteImage indexed;
      indexed.indices = indices.data();
      indexed.width = image.width;
      indexed.height = image.height;
      indexed.stride = w;
      indexed.palette = absl::MakeConstSpan(palette, colours);
      return EncodeIndexed(indexed, preset, /*drop_unused=*/false, state, out);
    }
    return EncodeTrueColour(image, !IsOpaque(image), preset, state, out);
  });
}

}  // namespace candlewick
