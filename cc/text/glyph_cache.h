// A bounded store of rasterised glyphs, so a chart's labels are rasterised by
// FreeType once and afterwards only copied. Memory is fixed when the cache is
// initialised (all of it from the owner's allocator hooks); drawing with a
// warm cache allocates nothing.
//
// Eviction is clear-when-full: when either the glyph budget or the bitmap
// budget is spent, every entry is dropped and the store starts again. Chart
// text uses a few dozen glyphs (digits, punctuation, a title) at two or three
// sizes, far below the budgets, so the bound only matters for unusual input
// (long titles in many scripts, many sizes); there, clearing keeps the store
// a bump allocator with no fragmentation and O(1) eviction, where LRU over
// variable-size bitmaps would need a free-list allocator. The cost is that
// the glyphs in use are rasterised again after a clear.
#ifndef CANDLEWICK_CC_TEXT_GLYPH_CACHE_H_
#define CANDLEWICK_CC_TEXT_GLYPH_CACHE_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/allocator.h"

namespace candlewick {

// How glyphs are rasterised and drawn.
enum class TextMode : uint8_t {
  // Crisp charts use exact theme colours only: FreeType's monochrome
  // rasteriser (FT_RENDER_MODE_MONO, with hinting for it), and every pixel is
  // either left alone or set to the text colour.
  kMono = 0,
  // Coverage-based (FT_RENDER_MODE_NORMAL), blended onto the frame.
  kAntialiased = 1,
};

// A glyph's coverage and placement at one pixel size. The bitmap is trimmed
// to its inked pixels (coverage > 0), so (left, top, width, rows) is the
// glyph's exact ink box.
struct GlyphBitmap {
  int32_t left = 0;     // columns from the pen position to the first column
  int32_t top = 0;      // rows from the baseline up to the first row
  int32_t width = 0;    // 0 for blank glyphs such as the space
  int32_t rows = 0;
  int32_t advance = 0;  // pen movement, whole pixels
  // rows * width bytes, row-major, 0..255; mono glyphs hold only 0 and 255.
  const uint8_t* coverage = nullptr;
};

// The cache key of glyph `glyph_index` of a face at `pixel_size` (< 65536).
inline uint64_t GlyphKey(uint32_t glyph_index, int32_t pixel_size, TextMode mode) {
  return static_cast<uint64_t>(glyph_index) |
         (static_cast<uint64_t>(static_cast<uint16_t>(pixel_size)) << 32) |
         (static_cast<uint64_t>(mode) << 48);
}

struct GlyphCacheOptions {
  // Entries before the cache is cleared. At most 1 << 20.
  size_t max_glyphs = 1024;
  // Coverage bytes before the cache is cleared. A glyph larger than this is
  // never cached (the font rasterises it on every use). The default holds
  // about 1500 glyphs at 11 px or 100 at 48 px.
  size_t max_bitmap_bytes = 128 * 1024;
};

// Used by one thread at a time (it belongs to a Font).
class GlyphCache {
 public:
  explicit GlyphCache(const AllocatorHooks& hooks) : hooks_(hooks) {}
  ~GlyphCache();
  GlyphCache(const GlyphCache&) = delete;
  GlyphCache& operator=(const GlyphCache&) = delete;

  // Allocates the index, the entries and the bitmap arena: at most
  // 56 * max_glyphs + max_bitmap_bytes bytes. Call once.
  // Errors: kInvalidArgument (max_glyphs 0 or above the limit),
  // kOutOfMemory.
  absl::Status Init(const GlyphCacheOptions& options);

  // The entry for `key`, or nullptr. Valid until the next Insert or Clear.
  const GlyphBitmap* Find(uint64_t key) const;

  // Adds an entry for `key`, which must not be present, with room for
  // `coverage_bytes` of coverage written through `*coverage`; the caller
  // fills in the rest of the returned entry. Clears the cache first when
  // either budget would be exceeded. Returns nullptr (and leaves the cache
  // alone) when `coverage_bytes` exceeds max_bitmap_bytes, so the glyph can
  // never be cached. The entry is valid until the next Insert or Clear.
  GlyphBitmap* Insert(uint64_t key, size_t coverage_bytes, uint8_t** coverage);

  // Drops every entry; memory is kept for reuse.
  void Clear();

  size_t size() const { return count_; }
  size_t bitmap_bytes() const { return arena_used_; }
  // How many times the cache has been cleared because it was full.
  uint64_t clears() const { return clears_; }
  const GlyphCacheOptions& options() const { return options_; }

 private:
  struct Entry {
    uint64_t key;
    GlyphBitmap bitmap;
  };

  size_t SlotOf(uint64_t key) const;

  AllocatorHooks hooks_;
  GlyphCacheOptions options_;
  // Open addressing with linear probing; a slot holds entry index + 1, 0 when
  // empty. At least twice as many slots as entries keeps probes short.
  uint32_t* slots_ = nullptr;
  size_t slot_mask_ = 0;
  int slot_shift_ = 64;
  Entry* entries_ = nullptr;
  size_t count_ = 0;
  uint8_t* arena_ = nullptr;
  size_t arena_used_ = 0;
  uint64_t clears_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_GLYPH_CACHE_H_
