// The decoder against the Unicode standard's U+FFFD substitution rules
// (maximal subparts), including its own worked example (Table 3-8).
#include "cc/text/utf8.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace candlewick {
namespace {

std::vector<char32_t> Decode(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t pos = 0; pos < s.size();) {
    const size_t before = pos;
    out.push_back(DecodeUtf8(s, &pos));
    EXPECT_GT(pos, before);  // always makes progress
    EXPECT_LE(pos, s.size());
  }
  return out;
}

constexpr char32_t R = kReplacementCharacter;

TEST(Utf8Test, WellFormed) {
  EXPECT_EQ(Decode("A1.5"), (std::vector<char32_t>{'A', '1', '.', '5'}));
  EXPECT_EQ(Decode("\xC2\xA0\xC3\xA9"), (std::vector<char32_t>{0xA0, 0xE9}));
  EXPECT_EQ(Decode("\xE2\x82\xAC"), (std::vector<char32_t>{0x20AC}));          // euro sign
  EXPECT_EQ(Decode("\xED\x9F\xBF"), (std::vector<char32_t>{0xD7FF}));          // below surrogates
  EXPECT_EQ(Decode("\xEE\x80\x80"), (std::vector<char32_t>{0xE000}));          // above surrogates
  EXPECT_EQ(Decode("\xF0\x9F\x93\x88"), (std::vector<char32_t>{0x1F4C8}));     // chart emoji
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF"), (std::vector<char32_t>{0x10FFFF}));    // the last one
  EXPECT_EQ(Decode(std::string("\0", 1)), (std::vector<char32_t>{0}));
}

TEST(Utf8Test, StrayAndForbiddenBytes) {
  EXPECT_EQ(Decode("\x80"), (std::vector<char32_t>{R}));
  EXPECT_EQ(Decode("\xBF" "A"), (std::vector<char32_t>{R, 'A'}));
  EXPECT_EQ(Decode("\xC0\xAF"), (std::vector<char32_t>{R, R}));  // overlong '/'
  EXPECT_EQ(Decode("\xC1\xBF"), (std::vector<char32_t>{R, R}));
  EXPECT_EQ(Decode("\xF5\x80\x80\x80"), (std::vector<char32_t>{R, R, R, R}));
  EXPECT_EQ(Decode("\xFF\xFE"), (std::vector<char32_t>{R, R}));
}

TEST(Utf8Test, OverlongSurrogateAndOutOfRange) {
  // The second byte is outside the lead byte's range, so the lead alone is a
  // maximal subpart and each continuation byte is a stray.
  EXPECT_EQ(Decode("\xE0\x80\xAF"), (std::vector<char32_t>{R, R, R}));
  EXPECT_EQ(Decode("\xED\xA0\x80"), (std::vector<char32_t>{R, R, R}));  // U+D800
  EXPECT_EQ(Decode("\xF0\x80\x80\xAF"), (std::vector<char32_t>{R, R, R, R}));
  EXPECT_EQ(Decode("\xF4\x90\x80\x80"), (std::vector<char32_t>{R, R, R, R}));  // > U+10FFFF
}

TEST(Utf8Test, TruncatedSequences) {
  EXPECT_EQ(Decode("\xE2\x82"), (std::vector<char32_t>{R}));
  EXPECT_EQ(Decode("\xE2\x82" "A"), (std::vector<char32_t>{R, 'A'}));
  EXPECT_EQ(Decode("\xF0\x9F\x93"), (std::vector<char32_t>{R}));
  EXPECT_EQ(Decode("\xF0\x9F\x93" "\xE2\x82\xAC"), (std::vector<char32_t>{R, 0x20AC}));
  EXPECT_EQ(Decode("\xC3"), (std::vector<char32_t>{R}));
}

// Table 3-8 of the Unicode standard: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
TEST(Utf8Test, UnicodeTable3_8) {
  EXPECT_EQ(Decode("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
            (std::vector<char32_t>{'a', R, R, R, 'b', R, 'c', R, R, 'd'}));
}

TEST(Utf8Test, EveryTwoByteInputTerminates) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string s{static_cast<char>(a), static_cast<char>(b)};
      const std::vector<char32_t> cps = Decode(s);
      ASSERT_GE(cps.size(), 1u);
      ASSERT_LE(cps.size(), 2u);
      for (char32_t cp : cps) {
        ASSERT_LE(cp, 0x10FFFFu);
        ASSERT_FALSE(cp >= 0xD800 && cp <= 0xDFFF);
      }
    }
  }
}

}  // namespace
}  // namespace candlewick
