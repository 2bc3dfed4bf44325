#include "cc/chart/theme.h"

#include <cstring>

namespace candlewick {

uint32_t Palette::Pattern(ColorRole role) const {
  const Rgba c = colors[role];
  const uint8_t bytes[4] = {static_cast<uint8_t>(c >> 24), static_cast<uint8_t>(c >> 16),
                            static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)};
  uint32_t pattern;
  std::memcpy(&pattern, bytes, 4);
  return pattern;
}

bool IsKnownTheme(int32_t id) { return id >= 0 && id <= 3; }

Palette ThemePalette(ThemeId id) {
  Palette p;
  switch (id) {
    case ThemeId::kClassic:
      p.colors = {0x000000FF, 0x333333FF, 0x00FF00FF, 0xFF0000FF};
      break;
    case ThemeId::kModern:
      p.colors = {0x1E1E1EFF, 0x424242FF, 0x26A69AFF, 0xEF5350FF};
      break;
    case ThemeId::kTradingView:
      p.colors = {0x131722FF, 0x2A2E39FF, 0x089981FF, 0xF23645FF};
      break;
    case ThemeId::kLight:
      p.colors = {0xFFFFFFFF, 0xE0E0E0FF, 0x26A69AFF, 0xEF5350FF};
      break;
  }
  return p;
}

}  // namespace candlewick
