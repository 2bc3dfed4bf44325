#include "cc/chart/rasterize.h"

#include <array>

namespace candlewick {

void Rasterize(const DisplayList& list, const Palette& palette, const Frame& frame) {
  std::array<uint32_t, kColorRoleCount> values;
  for (int r = 0; r < kColorRoleCount; ++r) {
    values[r] = frame.bytes_per_pixel == 4 ? palette.Pattern(static_cast<ColorRole>(r))
                                           : static_cast<uint32_t>(r);
  }
  for (const PixelRect& rect : list) {
    FillRect(frame, rect.x0, rect.y0, rect.x1, rect.y1, values[rect.role]);
  }
}

}  // namespace candlewick
