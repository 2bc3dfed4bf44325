#include "cc/text/utf8.h"

#include <cstdint>

namespace candlewick {

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const size_t size = text.size();
  size_t i = *pos;
  const uint8_t b0 = static_cast<uint8_t>(text[i++]);
  if (b0 < 0x80) {
    *pos = i;
    return b0;
  }
  // Table 3-7 of the Unicode standard (well-formed UTF-8 byte sequences): the
  // lead byte fixes the length and the range allowed for the second byte,
  // which is what excludes overlongs, surrogates and values past U+10FFFF.
  int continuation;
  uint8_t lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    continuation = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    continuation = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    continuation = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    // A stray continuation byte, C0/C1 (always overlong) or F5..FF.
    *pos = i;
    return kReplacementCharacter;
  }
  for (int k = 0; k < continuation; ++k) {
    if (i >= size) break;
    const uint8_t b = static_cast<uint8_t>(text[i]);
    if (b < lo || b > hi) {
      // Not consumed: it may start the next character.
      *pos = i;
      return kReplacementCharacter;
    }
    cp = (cp << 6) | (b & 0x3F);
    ++i;
    lo = 0x80;
    hi = 0xBF;
    if (k + 1 == continuation) {
      *pos = i;
      return cp;
    }
  }
  *pos = i;  // truncated at the end of the text
  return kReplacementCharacter;
}

}  // namespace candlewick
