// Colour themes: the reference system's four, plus the colours it lacks
// (axis text and lines, which it never drew).
#ifndef CANDLEWICK_CC_CHART_THEME_H_
#define CANDLEWICK_CC_CHART_THEME_H_

#include <cstdint>

namespace candlewick {

enum class ThemeId : int32_t { kClassic = 0, kModern = 1, kTradingView = 2, kLight = 3 };

// A colour as 0xRRGGBBAA, as in the C API.
using Rgba = uint32_t;

struct Theme {
  Rgba background;
  Rgba grid;
  Rgba up;    // close >= open
  Rgba down;  // close < open
  Rgba text;  // axis labels and titles
  Rgba axis;  // axis lines and tick marks
};

bool IsKnownTheme(int32_t id);
Theme ThemeColors(ThemeId id);

// `over` blended onto the opaque colour `under` by over's alpha, with exact
// integer rounding: the result is opaque. Used to pre-blend translucent fills
// so frames never carry alpha holes.
Rgba BlendOpaque(Rgba over, Rgba under);

// The 4-byte RGBA8 pattern of a colour (R first in memory).
uint32_t RgbaPattern(Rgba color);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_THEME_H_
