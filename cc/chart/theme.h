// Colour themes. A chart is drawn with a small palette of roles, so the same
// layout can fill an RGBA frame or an 8-bit palette frame (for PNG).
#ifndef CANDLEWICK_CC_CHART_THEME_H_
#define CANDLEWICK_CC_CHART_THEME_H_

#include <array>
#include <cstdint>

namespace candlewick {

// Palette slots, in the order of the PNG palette.
enum ColorRole : uint8_t {
  kBackground = 0,
  kGrid = 1,
  kUp = 2,
  kDown = 3,
  kColorRoleCount = 4,
};

enum class ThemeId : int32_t { kClassic = 0, kModern = 1, kTradingView = 2, kLight = 3 };

// A colour as 0xRRGGBBAA, as in the C API.
using Rgba = uint32_t;

struct Palette {
  std::array<Rgba, kColorRoleCount> colors{};

  // The 4-byte pattern of a role for an RGBA8 frame (R first in memory).
  uint32_t Pattern(ColorRole role) const;
};

// The reference system's themes (see docs/architecture.md).
bool IsKnownTheme(int32_t id);
Palette ThemePalette(ThemeId id);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_THEME_H_
