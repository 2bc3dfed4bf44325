// UTF-8 decoding for text labels. Labels come from callers (titles, symbol
// names), so every byte sequence must decode to something drawable.
#ifndef CANDLEWICK_CC_TEXT_UTF8_H_
#define CANDLEWICK_CC_TEXT_UTF8_H_

#include <cstddef>
#include <string_view>

namespace candlewick {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at `*pos` (which must be < text.size()) and
// advances `*pos` past it. Ill-formed input gives U+FFFD, one per "maximal
// subpart" as the Unicode standard (chapter 3, U+FFFD substitution) and the
// WHATWG Encoding standard recommend: a truncated but otherwise valid prefix
// becomes one U+FFFD, and the byte that broke it starts the next decode.
// Overlong forms, surrogates (U+D800..U+DFFF) and values above U+10FFFF are
// ill-formed. Never reads past the end of `text`.
char32_t DecodeUtf8(std::string_view text, size_t* pos);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_UTF8_H_
