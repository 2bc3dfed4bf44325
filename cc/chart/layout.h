// Chart layout: turns a validated series into a display list of pixel-exact
// rectangles. Separate from rasterisation so one layout serves every pixel
// format (and later vector output).
#ifndef CANDLEWICK_CC_CHART_LAYOUT_H_
#define CANDLEWICK_CC_CHART_LAYOUT_H_

#include <cstdint>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/chart/theme.h"
#include "cc/series/ohlcv.h"

namespace candlewick {

// Half-open pixel rectangle [x0, x1) x [y0, y1) in one colour role.
struct PixelRect {
  int32_t x0, y0, x1, y1;
  ColorRole role;
};

using DisplayList = std::vector<PixelRect, HookAllocator<PixelRect>>;

struct CandlestickLayoutOptions {
  int32_t width = 800;
  int32_t height = 600;
  bool show_volume = true;
  bool show_grid = true;
};

// Geometry shared by the layout and its tests.
struct PanelGeometry {
  int32_t price_top = 0, price_bottom = 0;    // price panel rows [top, bottom)
  int32_t volume_top = 0, volume_bottom = 0;  // empty when no volume panel
};

PanelGeometry ComputePanels(const CandlestickLayoutOptions& options, bool has_volume);

// Appends the whole chart, background first, to `out` (cleared first).
// `series` must have passed ValidateOhlcv, which produced `range`.
void LayoutCandlesticks(const OhlcvView& series, const SeriesRange& range,
                        const CandlestickLayoutOptions& options, DisplayList* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_LAYOUT_H_
