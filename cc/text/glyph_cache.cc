#include "cc/text/glyph_cache.h"

#include <cstring>

#include "cc/base/status.h"

namespace candlewick {

namespace {
constexpr size_t kMaxGlyphsLimit = size_t{1} << 20;
}  // namespace

GlyphCache::~GlyphCache() {
  hooks_.Deallocate(slots_);
  hooks_.Deallocate(entries_);
  hooks_.Deallocate(arena_);
}

absl::Status GlyphCache::Init(const GlyphCacheOptions& options) {
  if (options.max_glyphs == 0 || options.max_glyphs > kMaxGlyphsLimit) {
    return Error(ErrorCode::kInvalidArgument,
                 "glyph cache: max_glyphs must be between 1 and 1048576");
  }
  options_ = options;
  size_t slot_count = 2;
  int bits = 1;
  while (slot_count < 2 * options.max_glyphs) {
    slot_count *= 2;
    ++bits;
  }
  slots_ = static_cast<uint32_t*>(hooks_.Allocate(slot_count * sizeof(uint32_t)));
  entries_ = static_cast<Entry*>(hooks_.Allocate(options.max_glyphs * sizeof(Entry),
                                                 alignof(Entry) < 16 ? 16 : alignof(Entry)));
  if (options.max_bitmap_bytes > 0) {
    arena_ = static_cast<uint8_t*>(hooks_.Allocate(options.max_bitmap_bytes));
  }
  if (slots_ == nullptr || entries_ == nullptr ||
      (options.max_bitmap_bytes > 0 && arena_ == nullptr)) {
    return Error(ErrorCode::kOutOfMemory, "glyph cache: out of memory");
  }
  slot_mask_ = slot_count - 1;
  slot_shift_ = 64 - bits;
  std::memset(slots_, 0, slot_count * sizeof(uint32_t));
  return absl::OkStatus();
}

size_t GlyphCache::SlotOf(uint64_t key) const {
  // Fibonacci hashing: keys differ mostly in their low bits (glyph index), and
  // the multiply spreads those into the top bits that pick the slot.
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> slot_shift_);
}

const GlyphBitmap* GlyphCache::Find(uint64_t key) const {
  if (slots_ == nullptr) return nullptr;
  for (size_t s = SlotOf(key);; s = (s + 1) & slot_mask_) {
    const uint32_t e = slots_[s];
    if (e == 0) return nullptr;
    if (entries_[e - 1].key == key) return &entries_[e - 1].bitmap;
  }
}

GlyphBitmap* GlyphCache::Insert(uint64_t key, size_t coverage_bytes, uint8_t** coverage) {
  if (slots_ == nullptr || coverage_bytes > options_.max_bitmap_bytes) return nullptr;
  if (count_ == options_.max_glyphs ||
      coverage_bytes > options_.max_bitmap_bytes - arena_used_) {
    Clear();
    ++clears_;
  }
  size_t s = SlotOf(key);
  while (slots_[s] != 0) s = (s + 1) & slot_mask_;
  Entry& entry = entries_[count_];
  slots_[s] = static_cast<uint32_t>(++count_);
  entry.key = key;
  entry.bitmap = GlyphBitmap();
  *coverage = coverage_bytes == 0 ? nullptr : arena_ + arena_used_;
  entry.bitmap.coverage = *coverage;
  arena_used_ += coverage_bytes;
  return &entry.bitmap;
}

void GlyphCache::Clear() {
  if (slots_ != nullptr) std::memset(slots_, 0, (slot_mask_ + 1) * sizeof(uint32_t));
  count_ = 0;
  arena_used_ = 0;
}

}  // namespace candlewick
