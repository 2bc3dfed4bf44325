// The text module end to end: the embedded font, measuring, drawing in both
// modes, clipping, the glyph cache, caller fonts, bad input, and a golden
// hash of FreeType's output.
#include "cc/text/font.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/test_hooks.h"
#include "cc/canvas/frame.h"
#include "cc/text/default_font.h"
#include "cc/text/test_frame.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

const uint32_t kBackground = RgbaPattern(0x13, 0x17, 0x22, 0xFF);
const uint32_t kInk = RgbaPattern(0xF2, 0xE6, 0xD0, 0xFF);

// Files from @system, found through the runfiles tree.
std::vector<uint8_t> ReadSystemFile(const std::string& path_under_usr) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const std::string root = srcdir != nullptr ? srcdir : ".";
  for (const std::string& candidate : {root + "/system/" + path_under_usr,
                                       root + "/candlewick/external/system/" + path_under_usr}) {
    std::ifstream in(candidate, std::ios::binary);
    if (in.good()) {
      return std::vector<uint8_t>(std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>());
    }
  }
  ADD_FAILURE() << "runfile not found: " << path_under_usr;
  return {};
}

FontPtr DefaultFont(const FontOptions& options = FontOptions()) {
  auto font = Font::CreateDefault(AllocatorHooks::Default(), options);
  EXPECT_TRUE(font.ok()) << font.status();
  return font.ok() ? std::move(*font) : nullptr;
}

TextMetrics MeasureOk(Font& font, std::string_view text, int32_t size, TextMode mode) {
  auto m = font.Measure(text, size, mode);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *m : TextMetrics();
}

// Every pixel of the frame, row by row.
std::vector<uint32_t> Pixels(const GuardedFrame& g) {
  std::vector<uint32_t> out;
  for (int y = 0; y < g.frame().height; ++y) {
    for (int x = 0; x < g.frame().width; ++x) out.push_back(g.Pixel(x, y));
  }
  return out;
}

// FNV-1a over the frame's pixel bytes (not the row padding).
uint64_t PixelHash(const Frame& f) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (int y = 0; y < f.height; ++y) {
    const uint8_t* row = f.Row(y);
    for (size_t i = 0; i < static_cast<size_t>(f.width) * f.bytes_per_pixel; ++i) {
      h = (h ^ row[i]) * 0x100000001B3ull;
    }
  }
  return h;
}

struct Box {
  int x0 = INT_MAX, y0 = INT_MAX, x1 = INT_MIN, y1 = INT_MIN;
  bool empty() const { return x0 > x1; }
};

// The bounding box (inclusive) of pixels that differ from `background`.
Box ChangedBox(const GuardedFrame& g, uint32_t background) {
  Box b;
  for (int y = 0; y < g.frame().height; ++y) {
    for (int x = 0; x < g.frame().width; ++x) {
      if (g.Pixel(x, y) != background) {
        b.x0 = std::min(b.x0, x);
        b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x);
        b.y1 = std::max(b.y1, y);
      }
    }
  }
  return b;
}

TEST(FontTest, EmbeddedFontIsDebiansDejaVuSans) {
  const std::vector<uint8_t> file =
      ReadSystemFile("share/fonts/truetype/dejavu/DejaVuSans.ttf");
  const absl::Span<const uint8_t> embedded = DefaultFontData();
  ASSERT_EQ(embedded.size(), file.size());
  EXPECT_TRUE(std::equal(embedded.begin(), embedded.end(), file.begin()));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(embedded.data()) % 16, 0u);

  FontPtr font = DefaultFont();
  ASSERT_NE(font, nullptr);
  const TextMetrics m = MeasureOk(*font, "0", 11, TextMode::kAntialiased);
  EXPECT_GT(m.advance, 0);
  EXPECT_TRUE(m.has_ink());
}

TEST(FontTest, EmptyTextHasLineMetricsButNoInk) {
  FontPtr font = DefaultFont();
  const TextMetrics m = MeasureOk(*font, "", 11, TextMode::kMono);
  EXPECT_EQ(m.advance, 0);
  EXPECT_FALSE(m.has_ink());
  // DejaVu Sans: ascender 1901, descender -483, 2048 units per em.
  EXPECT_EQ(m.ascent, (1901 * 11 + 2047) / 2048);
  EXPECT_EQ(m.descent, (483 * 11 + 2047) / 2048);
  // Labels share the line box whatever their characters, so they line up.
  for (const char* label : {"1234.56", "2024-03-15", "gjy", "-"}) {
    const TextMetrics l = MeasureOk(*font, label, 11, TextMode::kMono);
    EXPECT_EQ(l.ascent, m.ascent) << label;
    EXPECT_EQ(l.descent, m.descent) << label;
  }
  const TextMetrics space = MeasureOk(*font, "   ", 11, TextMode::kMono);
  EXPECT_GT(space.advance, 0);
  EXPECT_FALSE(space.has_ink());
}

TEST(FontTest, MeasureIsMonotonicInLengthAndSize) {
  FontPtr font = DefaultFont();
  const std::string text = "2024-03-15 1234.56 Price";
  for (TextMode mode : {TextMode::kMono, TextMode::kAntialiased}) {
    int32_t previous = 0;
    for (size_t n = 1; n <= text.size(); ++n) {
      const TextMetrics m = MeasureOk(*font, text.substr(0, n), 11, mode);
      EXPECT_GT(m.advance, previous) << n;
      previous = m.advance;
    }
    TextMetrics last;
    for (int32_t size = 4; size <= 96; ++size) {
      const TextMetrics m = MeasureOk(*font, "1234.56", size, mode);
      EXPECT_GE(m.advance, last.advance) << size;
      EXPECT_GE(m.ascent, last.ascent) << size;
      EXPECT_GE(m.descent, last.descent) << size;
      last = m;
    }
    EXPECT_GT(MeasureOk(*font, "1234.56", 48, mode).advance,
              3 * MeasureOk(*font, "1234.56", 12, mode).advance);
  }
}

// The changed pixels' bounding box is exactly the measured ink box, which
// lies inside the layout box (advance x ascent + descent) for ordinary text.
TEST(FontTest, DrawnPixelsAreExactlyTheMeasuredInkBox) {
  FontPtr font = DefaultFont();
  const uint32_t white = RgbaPattern(255, 255, 255, 255), black = RgbaPattern(0, 0, 0, 255);
  for (TextMode mode : {TextMode::kMono, TextMode::kAntialiased}) {
    for (const char* text : {"1234.56", "2024-03-15", "Vol gjy|", "(\xE2\x82\xAC) \xFF"}) {
      for (int32_t size : {8, 11, 16, 31}) {
        GuardedFrame g(400, 100, 4, black);
        const int x = 20, baseline = 60;
        ASSERT_TRUE(font->DrawText(g.frame(), text, x, baseline, size, white, mode).ok());
        const TextMetrics m = MeasureOk(*font, text, size, mode);
        const Box b = ChangedBox(g, black);
        ASSERT_FALSE(b.empty());
        EXPECT_EQ(b.x0, x + m.ink_left) << text << " " << size;
        EXPECT_EQ(b.x1 + 1, x + m.ink_right) << text << " " << size;
        EXPECT_EQ(b.y0, baseline + m.ink_top) << text << " " << size;
        EXPECT_EQ(b.y1 + 1, baseline + m.ink_bottom) << text << " " << size;
        EXPECT_GE(b.x0, x);
        EXPECT_LE(b.x1, x + m.advance);
        EXPECT_GE(b.y0, baseline - m.ascent);
        EXPECT_LT(b.y1, baseline + m.descent);
        EXPECT_TRUE(g.GuardIntact());
      }
    }
  }
}

TEST(FontTest, MonoUsesOnlyTheTwoColours) {
  FontPtr font = DefaultFont();
  GuardedFrame rgba(300, 60, 4, kBackground);
  ASSERT_TRUE(font->DrawText(rgba.frame(), "1234.56 2024-03-15 Wgjy@%", 4, 30, 13, kInk,
                             TextMode::kMono)
                  .ok());
  const std::vector<uint32_t> px = Pixels(rgba);
  EXPECT_EQ(std::set<uint32_t>(px.begin(), px.end()), (std::set<uint32_t>{kBackground, kInk}));

  GuardedFrame index(300, 60, 1, 0);
  ASSERT_TRUE(font->DrawText(index.frame(), "1234.56 2024-03-15 Wgjy@%", 4, 30, 13, 3,
                             TextMode::kMono)
                  .ok());
  const std::vector<uint32_t> ix = Pixels(index);
  EXPECT_EQ(std::set<uint32_t>(ix.begin(), ix.end()), (std::set<uint32_t>{0, 3}));
  EXPECT_TRUE(rgba.GuardIntact());
  EXPECT_TRUE(index.GuardIntact());
}

TEST(FontTest, AntialiasedBlendsCoverageIntoInBetweenColours) {
  FontPtr font = DefaultFont();
  // White over black: every output pixel is grey with value = coverage.
  const uint32_t black = RgbaPattern(0, 0, 0, 255);
  GuardedFrame g(300, 60, 4, black);
  ASSERT_TRUE(font->DrawText(g.frame(), "1234.56 2024-03-15 Wgjy@%", 4, 30, 13,
                             RgbaPattern(255, 255, 255, 255), TextMode::kAntialiased)
                  .ok());
  std::set<uint32_t> greys;
  for (uint32_t p : Pixels(g)) {
    const uint8_t r = p & 0xFF, gr = (p >> 8) & 0xFF, b = (p >> 16) & 0xFF, a = p >> 24;
    ASSERT_EQ(r, gr);
    ASSERT_EQ(r, b);
    ASSERT_EQ(a, 255);
    greys.insert(r);
  }
  EXPECT_GT(greys.size(), 20u);  // many intermediate levels, not just 0 and 255
  EXPECT_TRUE(greys.count(0) && greys.count(255));
}

TEST(FontTest, AntialiasedRejectsPaletteFrames) {
  FontPtr font = DefaultFont();
  GuardedFrame index(50, 20, 1, 0);
  EXPECT_EQ(CodeOf(font->DrawText(index.frame(), "1", 2, 15, 11, 1, TextMode::kAntialiased)),
            ErrorCode::kInvalidArgument);
}

// Text partly outside the frame draws exactly the visible part of the same
// text drawn unclipped, and nothing outside.
TEST(FontTest, ClipsAtAllFourEdges) {
  FontPtr font = DefaultFont();
  constexpr int kW = 70, kH = 24, kMargin = 60;
  const std::string text = "Wg|1234.56";
  struct Case {
    int bpp;
    TextMode mode;
    uint32_t background, ink;
  };
  for (const Case c : {Case{4, TextMode::kAntialiased, kBackground, kInk},
                       Case{4, TextMode::kMono, kBackground, kInk}, Case{1, TextMode::kMono, 0, 2}}) {
    for (int x : {-40, -7, 0, 20, 50, 65, kW}) {
      for (int baseline : {-6, 3, 12, 22, 28, kH + 8}) {
        GuardedFrame clipped(kW, kH, c.bpp, c.background);
        ASSERT_TRUE(font->DrawText(clipped.frame(), text, x, baseline, 14, c.ink, c.mode).ok());
        ASSERT_TRUE(clipped.GuardIntact()) << x << "," << baseline;
        GuardedFrame big(kW + 2 * kMargin, kH + 2 * kMargin, c.bpp, c.background);
        ASSERT_TRUE(font->DrawText(big.frame(), text, x + kMargin, baseline + kMargin, 14, c.ink,
                                   c.mode)
                        .ok());
        for (int y = 0; y < kH; ++y) {
          for (int px = 0; px < kW; ++px) {
            ASSERT_EQ(clipped.Pixel(px, y), big.Pixel(px + kMargin, y + kMargin))
                << "at " << px << "," << y << " text at " << x << "," << baseline;
          }
        }
      }
    }
    // Far outside, including positions where pen + advance overflows int32.
    GuardedFrame far(kW, kH, c.bpp, c.background);
    for (int32_t v : {INT32_MIN, INT32_MIN + 5, INT32_MAX - 5, INT32_MAX}) {
      ASSERT_TRUE(font->DrawText(far.frame(), text, v, 12, 14, c.ink, c.mode).ok());
      ASSERT_TRUE(font->DrawText(far.frame(), text, 5, v, 14, c.ink, c.mode).ok());
    }
    EXPECT_TRUE(far.GuardIntact());
    const std::vector<uint32_t> px = Pixels(far);
    EXPECT_EQ(std::set<uint32_t>(px.begin(), px.end()), std::set<uint32_t>{c.background});
  }
}

TEST(FontTest, CachedTextIsNotRasterisedAgain) {
  FontPtr font = DefaultFont();
  const std::string label = "1234.561";  // the repeated 1 is rasterised once
  GuardedFrame first(100, 20, 4, kBackground), second(100, 20, 4, kBackground);
  ASSERT_TRUE(font->DrawText(first.frame(), label, 2, 15, 11, kInk, TextMode::kAntialiased).ok());
  const uint64_t after_first = font->rasterizations();
  EXPECT_EQ(after_first, 7u);  // one per distinct character
  ASSERT_TRUE(font->DrawText(second.frame(), label, 2, 15, 11, kInk, TextMode::kAntialiased).ok());
  EXPECT_EQ(font->rasterizations(), after_first);
  EXPECT_EQ(Pixels(first), Pixels(second));
  MeasureOk(*font, label, 11, TextMode::kAntialiased);
  EXPECT_EQ(font->rasterizations(), after_first);
  // Another size or mode is another glyph.
  ASSERT_TRUE(font->DrawText(second.frame(), "1", 2, 15, 12, kInk, TextMode::kAntialiased).ok());
  EXPECT_EQ(font->rasterizations(), after_first + 1);
  ASSERT_TRUE(font->DrawText(second.frame(), "1", 2, 15, 11, kInk, TextMode::kMono).ok());
  EXPECT_EQ(font->rasterizations(), after_first + 2);
}

TEST(FontTest, PrewarmCoversPrintableAscii) {
  FontPtr font = DefaultFont();
  ASSERT_TRUE(font->Prewarm(11, TextMode::kMono).ok());
  const uint64_t warm = font->rasterizations();
  EXPECT_EQ(warm, 95u);
  std::string all;
  for (char c = 0x20; c <= 0x7E; ++c) all += c;
  GuardedFrame g(900, 20, 1, 0);
  ASSERT_TRUE(font->DrawText(g.frame(), all, 0, 15, 11, 1, TextMode::kMono).ok());
  EXPECT_EQ(font->rasterizations(), warm);
}

// Many distinct glyphs and sizes through a tiny cache: the bounds hold, the
// cache is cleared and refilled, and the pixels are those of a font whose
// cache never fills (including glyphs too large to cache at all).
TEST(FontTest, CacheStaysBoundedAndCorrectUnderManyGlyphs) {
  FontOptions tiny;
  tiny.cache.max_glyphs = 32;
  tiny.cache.max_bitmap_bytes = 8192;
  FontPtr small = DefaultFont(tiny);
  FontOptions roomy;
  roomy.cache.max_glyphs = 100000;
  roomy.cache.max_bitmap_bytes = 64 << 20;
  FontPtr big = DefaultFont(roomy);
  std::string text;
  for (char32_t cp : {0x41, 0x61, 0xC0, 0xE0, 0x391, 0x3B1, 0x410, 0x430}) {
    for (char32_t c = cp; c < cp + 26; ++c) {
      if (c < 0x80) {
        text += static_cast<char>(c);
      } else {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  }
  for (int32_t size : {7, 11, 13, 20, 33, 120}) {
    for (TextMode mode : {TextMode::kMono, TextMode::kAntialiased}) {
      GuardedFrame a(1200, 160, 4, kBackground), b(1200, 160, 4, kBackground);
      ASSERT_TRUE(small->DrawText(a.frame(), text, -3, 130, size, kInk, mode).ok());
      ASSERT_TRUE(big->DrawText(b.frame(), text, -3, 130, size, kInk, mode).ok());
      ASSERT_EQ(PixelHash(a.frame()), PixelHash(b.frame())) << size;
      ASSERT_LE(small->cache().size(), 32u);
      ASSERT_LE(small->cache().bitmap_bytes(), 8192u);
    }
  }
  EXPECT_GT(small->cache().clears(), 0u);
  EXPECT_EQ(big->cache().clears(), 0u);
}

TEST(FontTest, AllMemoryGoesThroughTheHooks) {
  TestHooks counts;
  {
    auto font = Font::CreateDefault(counts.Hooks());
    ASSERT_TRUE(font.ok());
    const int64_t after_create = counts.attempts;
    // The font, its cache (3 blocks), FreeType's library and face: many more.
    EXPECT_GT(after_create, 20);
    GuardedFrame g(100, 20, 4, kBackground);
    ASSERT_TRUE((*font)->DrawText(g.frame(), "Ag", 2, 15, 11, kInk, TextMode::kAntialiased).ok());
    EXPECT_GT(counts.attempts, after_create);  // FreeType rasterising through the hooks
    const int64_t warm = counts.attempts;
    ASSERT_TRUE((*font)->DrawText(g.frame(), "Ag", 2, 15, 11, kInk, TextMode::kAntialiased).ok());
    EXPECT_EQ(counts.attempts, warm);  // a warm cache allocates nothing
  }
  EXPECT_EQ(counts.live, 0);
}

// Every allocation failing in turn, in creation and in first use: a clean
// kOutOfMemory, no leak (LSan under --config=asan), never a crash.
TEST(FontTest, OutOfMemoryAtEveryAllocationIsReported) {
  bool created = false;
  for (long n = 0; !created && n < 5000; ++n) {
    TestHooks counts;
    counts.fail_from = n;
    {
      auto font = Font::CreateDefault(counts.Hooks());
      if (font.ok()) {
        created = true;
      } else {
        EXPECT_EQ(CodeOf(font.status()), ErrorCode::kOutOfMemory) << n << " " << font.status();
      }
    }
    EXPECT_EQ(counts.live, 0) << n;
  }
  EXPECT_TRUE(created);

  bool drawn = false;
  for (long extra = 0; !drawn && extra < 5000; ++extra) {
    TestHooks counts;
    {
      auto font = Font::CreateDefault(counts.Hooks());
      ASSERT_TRUE(font.ok());
      counts.fail_from = counts.attempts + extra;
      GuardedFrame g(100, 20, 4, kBackground);
      const absl::Status s =
          (*font)->DrawText(g.frame(), "Ag", 2, 15, 40, kInk, TextMode::kAntialiased);
      if (s.ok()) {
        drawn = true;
      } else {
        EXPECT_EQ(CodeOf(s), ErrorCode::kOutOfMemory) << extra << " " << s;
      }
    }
    EXPECT_EQ(counts.live, 0) << extra;
  }
  EXPECT_TRUE(drawn);
}

TEST(FontTest, InvalidFontBytesAreRejected) {
  const std::vector<uint8_t> dejavu = ReadSystemFile("share/fonts/truetype/dejavu/DejaVuSans.ttf");
  std::vector<uint8_t> noise(4096);
  uint32_t state = 12345;
  for (uint8_t& b : noise) {
    state = state * 1103515245u + 12345u;
    b = static_cast<uint8_t>(state >> 24);
  }
  const std::vector<std::vector<uint8_t>> bad = {
      {},
      std::vector<uint8_t>(1000, 0),
      noise,
      std::vector<uint8_t>(dejavu.begin(), dejavu.begin() + 12),
      std::vector<uint8_t>(dejavu.begin(), dejavu.begin() + 1024),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    auto font = Font::CreateFromCopy(bad[i], AllocatorHooks::Default());
    ASSERT_FALSE(font.ok()) << i;
    EXPECT_EQ(CodeOf(font.status()), ErrorCode::kInvalidArgument) << i;
    EXPECT_NE(font.status().message().find("font"), absl::string_view::npos) << font.status();
  }
}

TEST(FontTest, InvalidUtf8IsDrawnAsReplacementCharacters) {
  FontPtr font = DefaultFont();
  for (TextMode mode : {TextMode::kMono, TextMode::kAntialiased}) {
    const TextMetrics bad = MeasureOk(*font, "\xFF", 11, mode);
    const TextMetrics fffd = MeasureOk(*font, "\xEF\xBF\xBD", 11, mode);
    EXPECT_EQ(bad.advance, fffd.advance);
    EXPECT_EQ(bad.ink_right, fffd.ink_right);
    EXPECT_GT(bad.advance, 0);
    EXPECT_EQ(MeasureOk(*font, "1\xE2\x82" "2", 11, mode).advance,
              MeasureOk(*font, "1\xEF\xBF\xBD" "2", 11, mode).advance);
    GuardedFrame g(2000, 20, 4, kBackground);
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    ASSERT_TRUE(font->DrawText(g.frame(), every_byte, 0, 15, 6, kInk, mode).ok());
    ASSERT_TRUE(font->DrawText(g.frame(), std::string("\xF0\x9F", 2), 0, 15, 6, kInk, mode).ok());
    EXPECT_TRUE(g.GuardIntact());
  }
}

TEST(FontTest, CallerFontIsCopiedAndRendersDifferently) {
  std::vector<uint8_t> mono_file =
      ReadSystemFile("share/fonts/truetype/dejavu/DejaVuSansMono.ttf");
  auto caller = Font::CreateFromCopy(mono_file, AllocatorHooks::Default());
  ASSERT_TRUE(caller.ok()) << caller.status();
  // The C API borrows inputs only for the call: the font must not need them.
  std::fill(mono_file.begin(), mono_file.end(), 0);
  mono_file.clear();
  mono_file.shrink_to_fit();

  FontPtr standard = DefaultFont();
  Font& fixed = **caller;
  // A monospaced face: every character advances the same.
  EXPECT_EQ(MeasureOk(fixed, "iiii", 13, TextMode::kMono).advance,
            MeasureOk(fixed, "WWWW", 13, TextMode::kMono).advance);
  EXPECT_LT(MeasureOk(*standard, "iiii", 13, TextMode::kMono).advance,
            MeasureOk(*standard, "WWWW", 13, TextMode::kMono).advance);

  GuardedFrame a(200, 30, 4, kBackground), b(200, 30, 4, kBackground);
  ASSERT_TRUE(fixed.DrawText(a.frame(), "Hello 1234.56", 2, 20, 13, kInk, TextMode::kAntialiased).ok());
  ASSERT_TRUE(
      standard->DrawText(b.frame(), "Hello 1234.56", 2, 20, 13, kInk, TextMode::kAntialiased).ok());
  EXPECT_NE(Pixels(a), Pixels(b));
  EXPECT_NE(ChangedBox(a, kBackground).x0, INT_MAX);
}

TEST(FontTest, BorrowedFontWorksOverStaticBytes) {
  auto font = Font::CreateBorrowed(DefaultFontData(), AllocatorHooks::Default());
  ASSERT_TRUE(font.ok());
  FontPtr standard = DefaultFont();
  EXPECT_EQ(MeasureOk(**font, "1234.56", 11, TextMode::kMono).advance,
            MeasureOk(*standard, "1234.56", 11, TextMode::kMono).advance);
}

TEST(FontTest, BadArgumentsAreReported) {
  FontPtr font = DefaultFont();
  GuardedFrame g(40, 20, 4, kBackground);
  const Frame f = g.frame();
  EXPECT_EQ(CodeOf(font->DrawText(f, "1", 0, 10, 0, kInk, TextMode::kMono)),
            ErrorCode::kSizeOutOfRange);
  EXPECT_EQ(CodeOf(font->DrawText(f, "1", 0, 10, kMaxTextPixelSize + 1, kInk, TextMode::kMono)),
            ErrorCode::kSizeOutOfRange);
  EXPECT_EQ(CodeOf(font->Measure("1", -3, TextMode::kMono).status()), ErrorCode::kSizeOutOfRange);
  EXPECT_EQ(CodeOf(font->Prewarm(0, TextMode::kMono)), ErrorCode::kSizeOutOfRange);
  Frame three = f;
  three.bytes_per_pixel = 3;
  EXPECT_EQ(CodeOf(font->DrawText(three, "1", 0, 10, 11, kInk, TextMode::kMono)),
            ErrorCode::kInvalidArgument);
  Frame null_pixels = f;
  null_pixels.pixels = nullptr;
  EXPECT_EQ(CodeOf(font->DrawText(null_pixels, "1", 0, 10, 11, kInk, TextMode::kMono)),
            ErrorCode::kNullArgument);
  Frame short_stride = f;
  short_stride.stride = 4 * 40 - 1;
  EXPECT_EQ(CodeOf(font->DrawText(short_stride, "1", 0, 10, 11, kInk, TextMode::kMono)),
            ErrorCode::kInvalidArgument);
  Frame negative = f;
  negative.width = -1;
  EXPECT_EQ(CodeOf(font->DrawText(negative, "1", 0, 10, 11, kInk, TextMode::kMono)),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(g.GuardIntact());
  // The largest size works (and, at 1024 px, is too big for the default cache).
  const TextMetrics huge = MeasureOk(*font, "W", kMaxTextPixelSize, TextMode::kAntialiased);
  EXPECT_GT(huge.advance, 900);
}

// Separate Fonts over the same borrowed bytes, on separate threads at once
// (each has its own FT_Library), draw exactly what one thread alone does.
TEST(FontTest, SeparateFontsRunConcurrently) {
  auto render = [](uint64_t* hash) {
    FontPtr font = DefaultFont();
    GuardedFrame g(200, 40, 4, kBackground);
    for (int round = 0; round < 20; ++round) {
      for (int32_t size = 9; size < 30; size += 4) {
        (void)font->DrawText(g.frame(), "1234.56 2024-03-15", 2, 30, size, kInk,
                             round % 2 ? TextMode::kMono : TextMode::kAntialiased);
      }
    }
    *hash = PixelHash(g.frame());
  };
  uint64_t alone = 0;
  render(&alone);
  std::vector<uint64_t> hashes(4, 0);
  std::vector<std::thread> threads;
  for (uint64_t& h : hashes) threads.emplace_back(render, &h);
  for (std::thread& t : threads) t.join();
  for (uint64_t h : hashes) EXPECT_EQ(h, alone);
}

// Golden check: FreeType's output is deterministic for a given FreeType
// version, and the blend and threshold rules are ours. Recorded with
// FreeType 2.12.1 (Debian 12, libfreetype6 2.12.1+dfsg-5+deb12u4). If FreeType
// is upgraded, or the drawing rules change on purpose, look at the output
// (write the frames out) and then replace the hashes with the ones this test
// prints.
TEST(FontTest, GoldenPixelHash) {
  FT_Library library;
  ASSERT_EQ(FT_Init_FreeType(&library), 0);
  FT_Int major, minor, patch;
  FT_Library_Version(library, &major, &minor, &patch);
  FT_Done_FreeType(library);
  const std::string version =
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);

  FontPtr font = DefaultFont();
  const char* text = "Candlewick 1234.56 gjy \xE2\x82\xAC";
  GuardedFrame aa(200, 24, 4, kBackground);
  ASSERT_TRUE(font->DrawText(aa.frame(), text, 3, 17, 13, kInk, TextMode::kAntialiased).ok());
  GuardedFrame mono(200, 24, 4, kBackground);
  ASSERT_TRUE(font->DrawText(mono.frame(), text, 3, 17, 13, kInk, TextMode::kMono).ok());
  GuardedFrame index(200, 24, 1, 0);
  ASSERT_TRUE(font->DrawText(index.frame(), text, 3, 17, 13, 1, TextMode::kMono).ok());
  EXPECT_EQ(PixelHash(aa.frame()), 0xc056d8682867411eull) << "FreeType " << version << std::hex
                                           << " antialiased hash 0x" << PixelHash(aa.frame());
  EXPECT_EQ(PixelHash(mono.frame()), 0x6dc30f9a069a4ce5ull) << "FreeType " << version << std::hex
                                             << " mono hash 0x" << PixelHash(mono.frame());
  EXPECT_EQ(PixelHash(index.frame()), 0xebfe55bcc17445e1ull) << "FreeType " << version << std::hex
                                              << " index hash 0x" << PixelHash(index.frame());
}

}  // namespace
}  // namespace candlewick
