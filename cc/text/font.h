// Text for charts (axis labels, the last-price marker, titles) through
// FreeType. A Font is one face plus its own FreeType library instance and a
// bounded cache of rasterised glyphs; layout is a single horizontal line,
// left to right, one glyph per code point, no kerning (see docs/text.md).
//
// Threading: a Font is used by one thread at a time, like a chart handle.
// Each Font has its own FT_Library (FreeType objects may not be shared
// across threads), so different Fonts may be used on different threads at
// once, including several over the same borrowed bytes.
#ifndef CANDLEWICK_CC_TEXT_FONT_H_
#define CANDLEWICK_CC_TEXT_FONT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/canvas/frame.h"
#include "cc/text/glyph_cache.h"

namespace candlewick {

// Pixel sizes (the em height in pixels) accepted by Measure and DrawText.
inline constexpr int32_t kMinTextPixelSize = 1;
inline constexpr int32_t kMaxTextPixelSize = 1024;

struct FontOptions {
  GlyphCacheOptions cache;
};

// The extent of a line of text, in whole pixels, relative to its origin: the
// pen position on the baseline where drawing starts. y grows downwards.
struct TextMetrics {
  // Pen movement: text drawn after this would start at x + advance.
  int32_t advance = 0;
  // Rows above / below the baseline for layout: the font's line ascent and
  // descent at this size (ceil(ascender * size / units_per_em) and likewise
  // for the descender), grown if a glyph reaches further. The same for every
  // string of ordinary glyphs, so labels line up.
  int32_t ascent = 0;
  int32_t descent = 0;
  // The exact box of the pixels the text draws: [ink_left, ink_right) x
  // [ink_top, ink_bottom), all zero when nothing is drawn (empty text, only
  // spaces). Drawing never touches a pixel outside it.
  int32_t ink_left = 0;
  int32_t ink_top = 0;
  int32_t ink_right = 0;
  int32_t ink_bottom = 0;

  bool has_ink() const { return ink_right > ink_left && ink_bottom > ink_top; }
};

class Font;
namespace text_internal {
struct FreeTypeState;  // FreeType's objects, defined in font.cc
}  // namespace text_internal

// Destroys a Font with the allocator hooks it was created with.
struct FontDeleter {
  void operator()(Font* font) const;
};
using FontPtr = std::unique_ptr<Font, FontDeleter>;

class Font {
 private:
  struct PassKey {};

 public:
  // The embedded default font (DejaVu Sans, cc/text/default_font.h),
  // borrowed: nothing is copied. All memory (FreeType's included) comes
  // from `hooks`, which are copied.
  // Errors: kOutOfMemory; kInvalidArgument for bad cache options.
  static absl::StatusOr<FontPtr> CreateDefault(const AllocatorHooks& hooks,
                                               const FontOptions& options = FontOptions());

  // A caller's TrueType/OpenType file (face 0). The bytes are copied into
  // memory the font owns, so `ttf` only has to live for this call.
  // Errors: kInvalidArgument when FreeType cannot open the data, the face has
  // no outlines (bitmap-only fonts) or no Unicode character map, or for bad
  // cache options; kOutOfMemory.
  static absl::StatusOr<FontPtr> CreateFromCopy(absl::Span<const uint8_t> ttf,
                                                const AllocatorHooks& hooks,
                                                const FontOptions& options = FontOptions());

  // Like CreateFromCopy but borrows `ttf`, which must outlive the font and
  // stay unchanged (static data such as the embedded font).
  static absl::StatusOr<FontPtr> CreateBorrowed(absl::Span<const uint8_t> ttf,
                                                const AllocatorHooks& hooks,
                                                const FontOptions& options = FontOptions());

  // Use the Create functions; public only so NewWithHooks can construct it.
  Font(PassKey, const AllocatorHooks& hooks);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  // The extent of `utf8` drawn at `pixel_size` in `mode` (hinting differs
  // between the modes, so ink boxes can too). Invalid UTF-8 is measured as
  // U+FFFD. Rasterises and caches glyphs not yet cached, exactly as
  // DrawText would, so a following DrawText of the same text does not
  // rasterise again.
  // Errors: kSizeOutOfRange (pixel_size outside [kMinTextPixelSize,
  // kMaxTextPixelSize]); kInvalidArgument when FreeType fails on a glyph of
  // a caller's font; kOutOfMemory.
  absl::StatusOr<TextMetrics> Measure(std::string_view utf8, int32_t pixel_size, TextMode mode);

  // Draws `utf8` with its origin (pen position on the baseline) at
  // (x, baseline_y), clipped to the frame. `value` is the frame's pixel: a
  // 4-byte pattern in memory order (as FillRect takes it) or, for 1-byte
  // frames, a palette index. kMono writes `value` exactly where glyph
  // coverage >= 128 and nothing else (only exact colours); kAntialiased
  // blends by coverage as BlitBlend documents (cc/text/blit.h) and needs a
  // 4-byte frame. Pixels outside the Measure ink box are never touched.
  // Errors: kInvalidArgument (bytes_per_pixel not 1 or 4, negative size,
  // stride below one row, kAntialiased on a 1-byte frame, or FreeType
  // failing on a glyph of a caller's font: the glyphs before it are then
  // already drawn); kNullArgument (no pixels for a non-empty frame);
  // kSizeOutOfRange; kOutOfMemory.
  absl::Status DrawText(const Frame& frame, std::string_view utf8, int32_t x, int32_t baseline_y,
                        int32_t pixel_size, uint32_t value, TextMode mode);

  // Rasterises printable ASCII (U+0020..U+007E) at `pixel_size` into the
  // cache ahead of the first render. Errors as Measure.
  absl::Status Prewarm(int32_t pixel_size, TextMode mode);

  // Glyphs rasterised by FreeType since creation: unchanged by drawing text
  // whose glyphs are all cached (tests and diagnostics).
  uint64_t rasterizations() const { return rasterizations_; }
  const GlyphCache& cache() const { return cache_; }
  const AllocatorHooks& hooks() const { return hooks_; }

 private:
  static absl::StatusOr<FontPtr> Create(absl::Span<const uint8_t> ttf, bool copy,
                                        const AllocatorHooks& hooks, const FontOptions& options);
  absl::Status Init(absl::Span<const uint8_t> ttf, bool copy, const FontOptions& options);
  uint32_t GlyphIndex(char32_t code_point) const;
  // The cached glyph, rasterising it on a miss. *out stays valid until the
  // next call (an Insert may clear the cache; an uncacheable glyph lives in
  // scratch_).
  absl::Status Glyph(uint32_t glyph_index, int32_t pixel_size, TextMode mode,
                     const GlyphBitmap** out);
  absl::Status Rasterize(uint32_t glyph_index, int32_t pixel_size, TextMode mode,
                         const GlyphBitmap** out);
  // Sets the face's pixel size unless it is set already.
  absl::Status SetFaceSize(int32_t pixel_size);
  // A glyph entry for `bytes` of coverage (*coverage): in the cache, or in
  // scratch_ when the cache cannot hold it. nullptr when out of memory.
  GlyphBitmap* NewGlyph(uint64_t key, size_t bytes, uint8_t** coverage);

  AllocatorHooks hooks_;
  text_internal::FreeTypeState* ft_ = nullptr;  // owned, from hooks_
  uint8_t* owned_bytes_ = nullptr;  // the copied font file, from hooks_
  GlyphCache cache_;
  std::array<uint32_t, 128> ascii_glyphs_{};  // FT_Get_Char_Index off the hot path
  int32_t units_per_em_ = 0;
  int32_t ascender_ = 0;   // font units, >= 0
  int32_t descender_ = 0;  // font units, >= 0 (below the baseline)
  int32_t face_size_ = 0;  // pixel size currently set on the face, 0 = none
  uint64_t rasterizations_ = 0;
  // Glyphs too large for the cache are rasterised into here.
  uint8_t* scratch_ = nullptr;
  size_t scratch_capacity_ = 0;
  GlyphBitmap scratch_glyph_;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_FONT_H_
