// The store on its own: lookups, the two budgets and clear-when-full, and
// that all memory comes from the hooks and goes back.
#include "cc/text/glyph_cache.h"

#include <cstring>

#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/test_hooks.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

GlyphBitmap* Add(GlyphCache& cache, uint64_t key, size_t bytes, uint8_t fill) {
  uint8_t* coverage = nullptr;
  GlyphBitmap* g = cache.Insert(key, bytes, &coverage);
  if (g != nullptr) {
    if (bytes > 0) std::memset(coverage, fill, bytes);
    g->width = static_cast<int32_t>(bytes);
    g->rows = 1;
    g->advance = fill;
  }
  return g;
}

TEST(GlyphCacheTest, FindsWhatWasInserted) {
  GlyphCache cache(AllocatorHooks::Default());
  ASSERT_TRUE(cache.Init(GlyphCacheOptions()).ok());
  for (uint32_t glyph = 0; glyph < 100; ++glyph) {
    ASSERT_NE(Add(cache, GlyphKey(glyph, 11, TextMode::kMono), glyph % 7, glyph & 0xFF), nullptr);
  }
  EXPECT_EQ(cache.size(), 100u);
  for (uint32_t glyph = 0; glyph < 100; ++glyph) {
    const GlyphBitmap* g = cache.Find(GlyphKey(glyph, 11, TextMode::kMono));
    ASSERT_NE(g, nullptr) << glyph;
    EXPECT_EQ(g->advance, static_cast<int32_t>(glyph & 0xFF));
    ASSERT_EQ(g->width, static_cast<int32_t>(glyph % 7));
    for (int32_t i = 0; i < g->width; ++i) EXPECT_EQ(g->coverage[i], glyph & 0xFF);
    // Size and mode are part of the key.
    EXPECT_EQ(cache.Find(GlyphKey(glyph, 12, TextMode::kMono)), nullptr);
    EXPECT_EQ(cache.Find(GlyphKey(glyph, 11, TextMode::kAntialiased)), nullptr);
  }
}

TEST(GlyphCacheTest, ClearsWhenTheGlyphBudgetIsSpent) {
  GlyphCacheOptions options;
  options.max_glyphs = 8;
  GlyphCache cache(AllocatorHooks::Default());
  ASSERT_TRUE(cache.Init(options).ok());
  for (uint32_t glyph = 0; glyph < 8; ++glyph) Add(cache, GlyphKey(glyph, 9, TextMode::kMono), 3, 1);
  EXPECT_EQ(cache.size(), 8u);
  EXPECT_EQ(cache.clears(), 0u);
  Add(cache, GlyphKey(100, 9, TextMode::kMono), 3, 1);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.clears(), 1u);
  EXPECT_NE(cache.Find(GlyphKey(100, 9, TextMode::kMono)), nullptr);
  EXPECT_EQ(cache.Find(GlyphKey(0, 9, TextMode::kMono)), nullptr);
}

TEST(GlyphCacheTest, ClearsWhenTheByteBudgetIsSpent) {
  GlyphCacheOptions options;
  options.max_glyphs = 100;
  options.max_bitmap_bytes = 1000;
  GlyphCache cache(AllocatorHooks::Default());
  ASSERT_TRUE(cache.Init(options).ok());
  for (uint32_t glyph = 0; glyph < 3; ++glyph) Add(cache, GlyphKey(glyph, 20, TextMode::kMono), 300, 2);
  EXPECT_EQ(cache.bitmap_bytes(), 900u);
  Add(cache, GlyphKey(3, 20, TextMode::kMono), 100, 2);  // exactly fills it
  EXPECT_EQ(cache.bitmap_bytes(), 1000u);
  EXPECT_EQ(cache.clears(), 0u);
  Add(cache, GlyphKey(4, 20, TextMode::kMono), 1, 2);
  EXPECT_EQ(cache.clears(), 1u);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bitmap_bytes(), 1u);
}

TEST(GlyphCacheTest, OversizedGlyphIsRefusedWithoutClearing) {
  GlyphCacheOptions options;
  options.max_bitmap_bytes = 64;
  GlyphCache cache(AllocatorHooks::Default());
  ASSERT_TRUE(cache.Init(options).ok());
  Add(cache, GlyphKey(1, 10, TextMode::kMono), 10, 1);
  EXPECT_EQ(Add(cache, GlyphKey(2, 10, TextMode::kMono), 65, 1), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.clears(), 0u);
  EXPECT_NE(cache.Find(GlyphKey(1, 10, TextMode::kMono)), nullptr);
}

TEST(GlyphCacheTest, RejectsBadOptions) {
  GlyphCacheOptions options;
  options.max_glyphs = 0;
  GlyphCache cache(AllocatorHooks::Default());
  EXPECT_EQ(CodeOf(cache.Init(options)), ErrorCode::kInvalidArgument);
  GlyphCache cache2(AllocatorHooks::Default());
  options.max_glyphs = (size_t{1} << 20) + 1;
  EXPECT_EQ(CodeOf(cache2.Init(options)), ErrorCode::kInvalidArgument);
}

TEST(GlyphCacheTest, MemoryComesFromTheHooksAndIsBounded) {
  TestHooks counts;
  {
    GlyphCacheOptions options;
    options.max_glyphs = 64;
    options.max_bitmap_bytes = 4096;
    GlyphCache cache(counts.Hooks());
    ASSERT_TRUE(cache.Init(options).ok());
    const size_t after_init = counts.bytes;
    EXPECT_LE(after_init, 56 * options.max_glyphs + options.max_bitmap_bytes);
    for (uint32_t i = 0; i < 10000; ++i) {
      Add(cache, GlyphKey(i, 8 + i % 40, TextMode::kAntialiased), i % 200, 3);
      ASSERT_LE(cache.size(), options.max_glyphs);
      ASSERT_LE(cache.bitmap_bytes(), options.max_bitmap_bytes);
    }
    EXPECT_EQ(counts.bytes, after_init);  // no allocation after Init
    EXPECT_GT(cache.clears(), 0u);
  }
  EXPECT_EQ(counts.live, 0);
}

}  // namespace
}  // namespace candlewick
