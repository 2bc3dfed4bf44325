// Pixel kernels of the encoders. Each has a Highway implementation chosen at
// run time for the best target this CPU supports (kernels.cc) and a plain
// scalar reference (kernels_reference.h) that the tests compare against on
// every compiled target. No SIMD types appear here.
//
// All functions are thread-safe (they touch only their arguments), need no
// alignment, and read/write exactly the bytes stated.
#ifndef CANDLEWICK_CC_ENCODE_KERNELS_H_
#define CANDLEWICK_CC_ENCODE_KERNELS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace candlewick {

// Bytes of one PNG scanline of `width` samples at `bits` bits each (rounded
// up to whole bytes; the filter-type byte not included).
inline size_t PackedRowBytes(size_t width, int bits) { return (width * bits + 7) / 8; }

// Packs one row of 1-byte palette indices to `bit_depth` bits per pixel
// (1, 2, 4 or 8) as PNG stores them: the leftmost pixel in the high bits,
// unused low bits of the last byte zero. Writes PackedRowBytes(width,
// bit_depth) bytes to `packed`. When `remap` is not null, every index must
// be below 16 and is replaced by remap[index] first (to drop unused palette
// entries). Returns the largest index packed (after remapping), so the
// caller can reject indices the bit depth (or the palette) cannot hold; the
// packed bytes of such a row are unspecified.
uint8_t PackIndicesRow(const uint8_t* indices, size_t width, int bit_depth,
                       const uint8_t* remap, uint8_t* packed);

// Which of the indices 0..15 occur in `indices`: bit v of the result is set
// when v does. Stores the largest index in *max_index; the mask is only
// meaningful when that is below 16.
uint32_t SmallIndicesPresent(const uint8_t* indices, size_t n, uint8_t* max_index);

// PNG filters (RFC 2083 section 6) over `n` bytes. `bpp` is the filter's
// byte distance (bytes per complete pixel, at least 1). For the first row
// pass a row of zeros as `prev`. `out` must not overlap the inputs.
void FilterSubRow(const uint8_t* cur, size_t n, size_t bpp, uint8_t* out);
void FilterUpRow(const uint8_t* cur, const uint8_t* prev, size_t n, uint8_t* out);
void FilterPaethRow(const uint8_t* cur, const uint8_t* prev, size_t n, size_t bpp, uint8_t* out);

// Number of positions i in [1, n) where data[i] != data[i - 1]: how many
// runs a run-length coder has to start, the filter heuristic for Z_RLE.
size_t CountRunBreaks(const uint8_t* data, size_t n);

// Sum of |(int8_t)data[i]|: the classic PNG filter heuristic (libpng's
// "minimum sum of absolute differences").
uint64_t SumAbsSigned(const uint8_t* data, size_t n);

// Adler-32 (RFC 1950) of `data` continued from `adler` (1 for a new stream),
// equal to zlib's adler32().
uint32_t Adler32(uint32_t adler, const uint8_t* data, size_t n);

// Drops the alpha byte: `pixels` RGBA8 pixels to 3 * pixels RGB8 bytes.
void RgbaToRgbRow(const uint8_t* rgba, size_t pixels, uint8_t* rgb);

// True when every pixel's alpha byte is 0xFF.
bool IsOpaqueRow(const uint8_t* rgba, size_t pixels);

// An exact colour -> index map for up to 256 colours (open addressing, load
// at most 1/4), with a one-entry cache of the last colour looked up. Colours
// are the 4 RGBA bytes read as a native-endian uint32_t, so no byte shuffle
// is needed per pixel. Plain data: the kernels below use it from every
// target.
class ColourTable {
 public:
  static constexpr size_t kMaxColours = 256;

  ColourTable() { Clear(); }
  void Clear() {
    std::memset(slot_index_, 0, sizeof(slot_index_));
    size_ = 0;
    last_colour_ = 0;
    last_index_ = -1;
  }

  // The index of `colour`, adding it if it is new; -1 when it is new and the
  // table already holds kMaxColours.
  int Lookup(uint32_t colour) {
    if (colour == last_colour_ && last_index_ >= 0) return last_index_;
    uint32_t slot = Hash(colour);
    for (;;) {
      const uint16_t v = slot_index_[slot];
      if (v == 0) break;
      if (slot_colour_[slot] == colour) {
        last_colour_ = colour;
        last_index_ = v - 1;
        return last_index_;
      }
      slot = (slot + 1) & (kSlots - 1);
    }
    if (size_ == kMaxColours) return -1;
    slot_colour_[slot] = colour;
    slot_index_[slot] = static_cast<uint16_t>(size_ + 1);
    colours_[size_] = colour;
    last_colour_ = colour;
    last_index_ = static_cast<int>(size_);
    return static_cast<int>(size_++);
  }

  size_t size() const { return size_; }
  // Colours in order of first appearance, as native-endian RGBA words.
  const uint32_t* colours() const { return colours_; }
  uint32_t last_colour() const { return last_colour_; }
  int last_index() const { return last_index_; }

 private:
  static constexpr uint32_t kSlotBits = 10;
  static constexpr uint32_t kSlots = 1u << kSlotBits;
  static uint32_t Hash(uint32_t c) { return (c * 0x9E3779B1u) >> (32 - kSlotBits); }

  uint32_t slot_colour_[kSlots];
  uint16_t slot_index_[kSlots];  // index + 1; 0 = empty slot
  uint32_t colours_[kMaxColours];
  size_t size_ = 0;
  uint32_t last_colour_ = 0;
  int last_index_ = -1;
};

// Maps one row of `pixels` RGBA8 pixels to palette indices through `table`,
// adding new colours. When `prev_rgba` is not null it is the previous row
// and `prev_indices` its indices: stretches equal to it copy the indices
// instead of looking colours up. Returns false when the row brings the
// table past 256 colours (indices then partly written).
bool IndexRgbaRow(const uint8_t* rgba, const uint8_t* prev_rgba, const uint8_t* prev_indices,
                  size_t pixels, ColourTable* table, uint8_t* indices);

// The Highway target the dispatcher picks now ("AVX3", "SCALAR", ...).
const char* EncodeKernelTargetName();

}  // namespace candlewick

#endif  // CANDLEWICK_CC_ENCODE_KERNELS_H_
