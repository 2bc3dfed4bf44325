#include "cc/chart/theme.h"

#include <cstring>

#include "cc/text/blit.h"

namespace candlewick {

bool IsKnownTheme(int32_t id) { return id >= 0 && id <= 3; }

Theme ThemeColors(ThemeId id) {
  switch (id) {
    case ThemeId::kModern:
      return {0x1E1E1EFF, 0x424242FF, 0x26A69AFF, 0xEF5350FF, 0xD1D4DCFF, 0x787B86FF};
    case ThemeId::kTradingView:
      return {0x131722FF, 0x2A2E39FF, 0x089981FF, 0xF23645FF, 0xB2B5BEFF, 0x787B86FF};
    case ThemeId::kLight:
      return {0xFFFFFFFF, 0xE0E0E0FF, 0x26A69AFF, 0xEF5350FF, 0x131722FF, 0x9598A1FF};
    case ThemeId::kClassic:
    default:
      return {0x000000FF, 0x333333FF, 0x00FF00FF, 0xFF0000FF, 0xCCCCCCFF, 0x808080FF};
  }
}

Rgba BlendOpaque(Rgba over, Rgba under) {
  const uint32_t a = over & 0xFF;
  Rgba out = 0xFF;
  for (int shift = 8; shift <= 24; shift += 8) {
    const uint32_t s = (over >> shift) & 0xFF, d = (under >> shift) & 0xFF;
    out |= static_cast<Rgba>(BlendChannel(s, d, a)) << shift;
  }
  return out;
}

uint32_t RgbaPattern(Rgba c) {
  const uint8_t bytes[4] = {static_cast<uint8_t>(c >> 24), static_cast<uint8_t>(c >> 16),
                            static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)};
  uint32_t pattern;
  std::memcpy(&pattern, bytes, 4);
  return pattern;
}

}  // namespace candlewick
