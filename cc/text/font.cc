#include "cc/text/font.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_DRIVER_H
#include FT_MODULE_H

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"
#include "cc/text/blit.h"
#include "cc/text/default_font.h"
#include "cc/text/utf8.h"

namespace candlewick {

namespace text_internal {

// FreeType's objects, kept out of the header. `memory` routes FreeType's own
// allocations through the font's hooks; it must outlive the library, and the
// face must go before the library.
struct FreeTypeState {
  explicit FreeTypeState(const AllocatorHooks& h) : hooks(h) {}
  ~FreeTypeState() {
    if (face != nullptr) FT_Done_Face(face);
    if (library != nullptr) FT_Done_Library(library);
  }
  AllocatorHooks hooks;
  // Set when a hook returns nullptr. FreeType does not always pass out of
  // memory on as FT_Err_Out_Of_Memory (FT_Add_Default_Modules drops a module
  // it could not allocate and says nothing), so this flag decides.
  bool allocation_failed = false;
  FT_MemoryRec_ memory{};
  FT_Library library = nullptr;
  FT_Face face = nullptr;
};

}  // namespace text_internal

namespace {

using text_internal::FreeTypeState;

FreeTypeState* FtOf(FT_Memory memory) { return static_cast<FreeTypeState*>(memory->user); }

void* FtAlloc(FT_Memory memory, long size) {
  if (size <= 0) return nullptr;
  FreeTypeState* ft = FtOf(memory);
  void* p = ft->hooks.Allocate(static_cast<size_t>(size));
  if (p == nullptr) ft->allocation_failed = true;
  return p;
}

void FtFree(FT_Memory memory, void* block) { FtOf(memory)->hooks.Deallocate(block); }

// FreeType keeps `block` when this returns nullptr, so it is freed only after
// the copy succeeded.
void* FtRealloc(FT_Memory memory, long cur_size, long new_size, void* block) {
  if (new_size <= 0) return nullptr;
  FreeTypeState* ft = FtOf(memory);
  void* fresh = ft->hooks.Allocate(static_cast<size_t>(new_size));
  if (fresh == nullptr) {
    ft->allocation_failed = true;
    return nullptr;
  }
  if (block != nullptr && cur_size > 0) {
    std::memcpy(fresh, block, static_cast<size_t>(std::min(cur_size, new_size)));
  }
  ft->hooks.Deallocate(block);
  return fresh;
}

std::string FtErrorText(FT_Error error) {
  const char* text = FT_Error_String(error);  // nullptr unless FreeType was built with the strings
  return text != nullptr ? absl::StrCat(text, " (FreeType error ", error, ")")
                         : absl::StrCat("FreeType error ", error);
}

// Out of memory is reported as such; anything else FreeType rejects is the
// data's fault. `ft->allocation_failed` must have been cleared before the
// FreeType call that failed.
absl::Status FtStatus(const FreeTypeState* ft, FT_Error error, const std::string& what) {
  if (error == FT_Err_Out_Of_Memory || ft->allocation_failed) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat(what, ": out of memory"));
  }
  return Error(ErrorCode::kInvalidArgument, absl::StrCat(what, ": ", FtErrorText(error)));
}

absl::Status CheckPixelSize(int32_t pixel_size) {
  if (pixel_size < kMinTextPixelSize || pixel_size > kMaxTextPixelSize) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("text pixel size ", pixel_size, " is outside [", kMinTextPixelSize,
                              ", ", kMaxTextPixelSize, "]"));
  }
  return absl::OkStatus();
}

int32_t Saturate(int64_t v) {
  return static_cast<int32_t>(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX));
}

}  // namespace

void FontDeleter::operator()(Font* font) const {
  if (font == nullptr) return;
  // Copied first: the hooks live inside the object being destroyed.
  const AllocatorHooks hooks = font->hooks();
  DeleteWithHooks(hooks, font);
}

Font::Font(PassKey, const AllocatorHooks& hooks) : hooks_(hooks), cache_(hooks) {}

Font::~Font() {
  // The face reads the font bytes until FT_Done_Face, so they go last.
  DeleteWithHooks(hooks_, ft_);
  hooks_.Deallocate(owned_bytes_);
  hooks_.Deallocate(scratch_);
}

absl::StatusOr<FontPtr> Font::CreateDefault(const AllocatorHooks& hooks,
                                            const FontOptions& options) {
  return Create(DefaultFontData(), /*copy=*/false, hooks, options);
}

absl::StatusOr<FontPtr> Font::CreateFromCopy(absl::Span<const uint8_t> ttf,
                                             const AllocatorHooks& hooks,
                                             const FontOptions& options) {
  return Create(ttf, /*copy=*/true, hooks, options);
}

absl::StatusOr<FontPtr> Font::CreateBorrowed(absl::Span<const uint8_t> ttf,
                                             const AllocatorHooks& hooks,
                                             const FontOptions& options) {
  return Create(ttf, /*copy=*/false, hooks, options);
}

absl::StatusOr<FontPtr> Font::Create(absl::Span<const uint8_t> ttf, bool copy,
                                     const AllocatorHooks& hooks, const FontOptions& options) {
  if (ttf.empty()) return Error(ErrorCode::kInvalidArgument, "font: the font data is empty");
  if (ttf.size() > static_cast<size_t>(LONG_MAX)) {
    return Error(ErrorCode::kInvalidArgument, "font: the font data is too large");
  }
  FontPtr font(NewWithHooks<Font>(hooks, PassKey(), hooks));
  if (font == nullptr) return Error(ErrorCode::kOutOfMemory, "font: out of memory");
  absl::Status status = font->Init(ttf, copy, options);
  if (!status.ok()) return status;
  return font;
}

absl::Status Font::Init(absl::Span<const uint8_t> ttf, bool copy, const FontOptions& options) {
  absl::Status status = cache_.Init(options.cache);
  if (!status.ok()) return status;

  const uint8_t* bytes = ttf.data();
  if (copy) {
    owned_bytes_ = static_cast<uint8_t*>(hooks_.Allocate(ttf.size()));
    if (owned_bytes_ == nullptr) return Error(ErrorCode::kOutOfMemory, "font: out of memory");
    std::memcpy(owned_bytes_, ttf.data(), ttf.size());
    bytes = owned_bytes_;
  }

  ft_ = NewWithHooks<FreeTypeState>(hooks_, hooks_);
  if (ft_ == nullptr) return Error(ErrorCode::kOutOfMemory, "font: out of memory");
  ft_->memory.user = ft_;
  ft_->memory.alloc = &FtAlloc;
  ft_->memory.free = &FtFree;
  ft_->memory.realloc = &FtRealloc;
  // FT_New_Library rather than FT_Init_FreeType: it takes our memory
  // manager, and it skips FT_Set_Default_Properties, which would let the
  // FREETYPE_PROPERTIES environment variable change how glyphs look.
  FT_Error error = FT_New_Library(&ft_->memory, &ft_->library);
  if (error != 0) return FtStatus(ft_, error, "font: FreeType initialisation failed");
  FT_Add_Default_Modules(ft_->library);
  if (ft_->allocation_failed) {
    return Error(ErrorCode::kOutOfMemory, "font: FreeType initialisation: out of memory");
  }
  // The default since FreeType 2.7, set explicitly so output does not depend
  // on how the distribution configured its build.
  FT_UInt interpreter = TT_INTERPRETER_VERSION_40;
  error = FT_Property_Set(ft_->library, "truetype", "interpreter-version", &interpreter);
  if (error != 0) {
    return Error(ErrorCode::kInternal,
                 absl::StrCat("font: FreeType has no TrueType driver: ", FtErrorText(error)));
  }

  error = FT_New_Memory_Face(ft_->library, bytes, static_cast<FT_Long>(ttf.size()), 0, &ft_->face);
  if (error != 0) {
    ft_->face = nullptr;
    return FtStatus(ft_, error, "font: not a font FreeType can open");
  }
  // FreeType treats some tables (hinting programs among them) as optional
  // and opens the face without them when their allocation fails; glyph
  // loading later dereferences what is missing. Any failed allocation here
  // fails the font.
  if (ft_->allocation_failed) {
    return Error(ErrorCode::kOutOfMemory, "font: opening the face: out of memory");
  }
  FT_Face face = ft_->face;
  if (!FT_IS_SCALABLE(face) || face->units_per_EM == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "font: not a scalable (outline) font; bitmap-only fonts are not supported");
  }
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0) {
    return Error(ErrorCode::kInvalidArgument, "font: the font has no Unicode character map");
  }
  units_per_em_ = face->units_per_EM;
  ascender_ = std::max<int32_t>(face->ascender, 0);
  descender_ = std::max<int32_t>(-static_cast<int32_t>(face->descender), 0);
  for (char32_t c = 0; c < ascii_glyphs_.size(); ++c) {
    ascii_glyphs_[c] = FT_Get_Char_Index(face, c);
  }
  return absl::OkStatus();
}

uint32_t Font::GlyphIndex(char32_t code_point) const {
  if (code_point < ascii_glyphs_.size()) return ascii_glyphs_[code_point];
  return FT_Get_Char_Index(ft_->face, code_point);  // 0 (.notdef) when missing
}

absl::Status Font::Glyph(uint32_t glyph_index, int32_t pixel_size, TextMode mode,
                         const GlyphBitmap** out) {
  const GlyphBitmap* cached = cache_.Find(GlyphKey(glyph_index, pixel_size, mode));
  if (cached != nullptr) {
    *out = cached;
    return absl::OkStatus();
  }
  return Rasterize(glyph_index, pixel_size, mode, out);
}

namespace {

// Loads a glyph's outline and renders it into face->glyph. Outlines only
// (embedded bitmaps would bypass the chosen mode), hinted for the target
// rasteriser by FreeType's autohinter. Not the TrueType bytecode
// interpreter: in FreeType 2.12 an allocation failure while it creates its
// execution context (TT_New_Context, inside FT_Load_Glyph) crashes instead
// of returning an error, and a chart must survive any failed allocation.
absl::Status RenderGlyph(FreeTypeState* ft, uint32_t glyph_index, int32_t pixel_size,
                         bool mono) {
  FT_Face face = ft->face;
  const FT_Int32 load_flags =
      FT_LOAD_NO_BITMAP | FT_LOAD_FORCE_AUTOHINT |
      (mono ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_NORMAL);
  FT_Error error = FT_Load_Glyph(face, glyph_index, load_flags);
  if (error == 0) {
    error = FT_Render_Glyph(face->glyph, mono ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL);
  }
  if (error != 0 || ft->allocation_failed) {
    return FtStatus(ft, error, absl::StrCat("font: cannot render glyph ", glyph_index, " at ",
                                        pixel_size, " px"));
  }
  return absl::OkStatus();
}

// A rendered bitmap read as 0..255 coverage, rows top-down.
class CoverageReader {
 public:
  CoverageReader(const FT_Bitmap& bm, bool mono)
      : bm_(bm),
        mono_(mono),
        width_(static_cast<int32_t>(bm.width)),
        rows_(static_cast<int32_t>(bm.rows)),
        pitch_(static_cast<size_t>(bm.pitch < 0 ? -bm.pitch : bm.pitch)) {}

  int32_t width() const { return width_; }
  int32_t rows() const { return rows_; }
  // A negative pitch means the rows are stored bottom-up.
  const uint8_t* Row(int32_t r) const {
    return bm_.buffer +
           (bm_.pitch >= 0 ? static_cast<size_t>(r) : static_cast<size_t>(rows_ - 1 - r)) * pitch_;
  }
  uint8_t At(const uint8_t* row, int32_t x) const {
    if (mono_) return ((row[x >> 3] >> (7 - (x & 7))) & 1) ? 255 : 0;
    return row[x];
  }

 private:
  const FT_Bitmap& bm_;
  const bool mono_;
  const int32_t width_;
  const int32_t rows_;
  const size_t pitch_;
};

// The box of inked pixels, [x0, x1) x [y0, y1), all zero when there are none.
struct InkBox {
  int32_t x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  int32_t width() const { return x1 - x0; }
  int32_t rows() const { return y1 - y0; }
};

InkBox FindInk(const CoverageReader& bitmap) {
  InkBox ink{bitmap.width(), 0, bitmap.rows(), 0};
  for (int32_t r = 0; r < bitmap.rows(); ++r) {
    const uint8_t* row = bitmap.Row(r);
    for (int32_t x = 0; x < bitmap.width(); ++x) {
      if (bitmap.At(row, x) != 0) {
        ink.x0 = std::min(ink.x0, x);
        ink.x1 = std::max(ink.x1, x + 1);
        ink.y0 = std::min(ink.y0, r);
        ink.y1 = std::max(ink.y1, r + 1);
      }
    }
  }
  if (ink.x0 >= ink.x1) ink = InkBox();
  return ink;
}

// The ink box's coverage, one byte a pixel, rows packed.
void CopyInk(const CoverageReader& bitmap, const InkBox& ink, uint8_t* coverage) {
  for (int32_t r = 0; r < ink.rows(); ++r) {
    const uint8_t* row = bitmap.Row(ink.y0 + r);
    uint8_t* dst = coverage + static_cast<size_t>(r) * ink.width();
    for (int32_t x = 0; x < ink.width(); ++x) dst[x] = bitmap.At(row, ink.x0 + x);
  }
}

}  // namespace

absl::Status Font::SetFaceSize(int32_t pixel_size) {
  if (face_size_ == pixel_size) return absl::OkStatus();
  // Runs the font's hinting set-up program, so only when the size changes.
  const FT_Error error = FT_Set_Pixel_Sizes(ft_->face, 0, static_cast<FT_UInt>(pixel_size));
  // FreeType 2.12 can report success here after an allocation inside the
  // hinting set-up failed, leaving the size half-initialised; loading a
  // glyph then crashes. Trust our memory manager's record instead.
  if (error != 0 || ft_->allocation_failed) {
    face_size_ = 0;
    return FtStatus(ft_, error, absl::StrCat("font: cannot set pixel size ", pixel_size));
  }
  face_size_ = pixel_size;
  return absl::OkStatus();
}

GlyphBitmap* Font::NewGlyph(uint64_t key, size_t bytes, uint8_t** coverage) {
  GlyphBitmap* glyph = cache_.Insert(key, bytes, coverage);
  if (glyph != nullptr) return glyph;
  if (bytes > scratch_capacity_) {
    uint8_t* grown = static_cast<uint8_t*>(hooks_.Allocate(bytes));
    if (grown == nullptr) return nullptr;
    hooks_.Deallocate(scratch_);
    scratch_ = grown;
    scratch_capacity_ = bytes;
  }
  scratch_glyph_ = GlyphBitmap();
  scratch_glyph_.coverage = scratch_;
  *coverage = scratch_;
  return &scratch_glyph_;
}

absl::Status Font::Rasterize(uint32_t glyph_index, int32_t pixel_size, TextMode mode,
                             const GlyphBitmap** out) {
  ft_->allocation_failed = false;
  absl::Status status = SetFaceSize(pixel_size);
  if (!status.ok()) return status;
  const bool mono = mode == TextMode::kMono;
  status = RenderGlyph(ft_, glyph_index, pixel_size, mono);
  if (!status.ok()) return status;
  ++rasterizations_;
  const FT_GlyphSlot slot = ft_->face->glyph;
  if (slot->bitmap.pixel_mode != (mono ? FT_PIXEL_MODE_MONO : FT_PIXEL_MODE_GRAY)) {
    return Error(ErrorCode::kInternal, "font: FreeType returned an unexpected bitmap format");
  }
  const CoverageReader bitmap(slot->bitmap, mono);

  // Trim to the inked pixels: smaller cache entries, and exact ink boxes for
  // Measure (FreeType's bitmaps can carry blank rows and columns).
  const InkBox ink = FindInk(bitmap);
  const size_t bytes = static_cast<size_t>(ink.width()) * static_cast<size_t>(ink.rows());
  uint8_t* coverage = nullptr;
  GlyphBitmap* glyph = NewGlyph(GlyphKey(glyph_index, pixel_size, mode), bytes, &coverage);
  if (glyph == nullptr) return Error(ErrorCode::kOutOfMemory, "font: out of memory");
  CopyInk(bitmap, ink, coverage);
  glyph->left = slot->bitmap_left + ink.x0;
  glyph->top = slot->bitmap_top - ink.y0;
  glyph->width = ink.width();
  glyph->rows = ink.rows();
  // Hinted loads give whole-pixel advances already; rounding guards others.
  glyph->advance = static_cast<int32_t>((slot->advance.x + 32) >> 6);
  *out = glyph;
  return absl::OkStatus();
}

absl::StatusOr<TextMetrics> Font::Measure(std::string_view utf8, int32_t pixel_size,
                                          TextMode mode) {
  absl::Status status = CheckPixelSize(pixel_size);
  if (!status.ok()) return status;
  int64_t pen = 0;
  int64_t ascent = (static_cast<int64_t>(ascender_) * pixel_size + units_per_em_ - 1) / units_per_em_;
  int64_t descent =
      (static_cast<int64_t>(descender_) * pixel_size + units_per_em_ - 1) / units_per_em_;
  int64_t left = INT64_MAX, top = INT64_MAX, right = INT64_MIN, bottom = INT64_MIN;
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = DecodeUtf8(utf8, &pos);
    const GlyphBitmap* g;
    status = Glyph(GlyphIndex(cp), pixel_size, mode, &g);
    if (!status.ok()) return status;
    if (g->width > 0) {
      left = std::min<int64_t>(left, pen + g->left);
      right = std::max<int64_t>(right, pen + g->left + g->width);
      top = std::min<int64_t>(top, -static_cast<int64_t>(g->top));
      bottom = std::max<int64_t>(bottom, -static_cast<int64_t>(g->top) + g->rows);
    }
    pen += g->advance;
  }
  TextMetrics m;
  m.advance = Saturate(pen);
  if (left <= right) {
    m.ink_left = Saturate(left);
    m.ink_right = Saturate(right);
    m.ink_top = Saturate(top);
    m.ink_bottom = Saturate(bottom);
    ascent = std::max<int64_t>(ascent, -top);
    descent = std::max<int64_t>(descent, bottom);
  }
  m.ascent = Saturate(ascent);
  m.descent = Saturate(descent);
  return m;
}

absl::Status Font::DrawText(const Frame& frame, std::string_view utf8, int32_t x,
                            int32_t baseline_y, int32_t pixel_size, uint32_t value,
                            TextMode mode) {
  absl::Status status = CheckPixelSize(pixel_size);
  if (!status.ok()) return status;
  if (frame.bytes_per_pixel != 1 && frame.bytes_per_pixel != 4) {
    return Error(ErrorCode::kInvalidArgument, "text: frames have 1 or 4 bytes per pixel");
  }
  if (mode == TextMode::kAntialiased && frame.bytes_per_pixel != 4) {
    return Error(ErrorCode::kInvalidArgument,
                 "text: antialiased text needs an RGBA frame; palette frames take kMono");
  }
  if (frame.width < 0 || frame.height < 0) {
    return Error(ErrorCode::kInvalidArgument, "text: negative frame size");
  }
  if (frame.width == 0 || frame.height == 0) return absl::OkStatus();
  if (frame.pixels == nullptr) return Error(ErrorCode::kNullArgument, "text: frame has no pixels");
  if (frame.stride < static_cast<size_t>(frame.width) * frame.bytes_per_pixel) {
    return Error(ErrorCode::kInvalidArgument, "text: frame stride is shorter than a row");
  }
  int64_t pen = x;
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = DecodeUtf8(utf8, &pos);
    const GlyphBitmap* g;
    status = Glyph(GlyphIndex(cp), pixel_size, mode, &g);
    if (!status.ok()) return status;
    const int64_t gx = pen + g->left;
    const int64_t gy = static_cast<int64_t>(baseline_y) - g->top;
    if (mode == TextMode::kMono) {
      BlitMono(frame, gx, gy, g->coverage, g->width, g->rows, value);
    } else {
      BlitBlend(frame, gx, gy, g->coverage, g->width, g->rows, value);
    }
    pen += g->advance;
  }
  return absl::OkStatus();
}

absl::Status Font::Prewarm(int32_t pixel_size, TextMode mode) {
  absl::Status status = CheckPixelSize(pixel_size);
  if (!status.ok()) return status;
  for (char32_t c = 0x20; c <= 0x7E; ++c) {
    const GlyphBitmap* g;
    status = Glyph(ascii_glyphs_[c], pixel_size, mode, &g);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace candlewick
