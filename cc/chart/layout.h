// Chart layout: turns validated data into a display list. Every position is
// computed in doubles and rounded to whole pixels once, so rectangles land on
// whole pixels (crisp mode is reproducible to the pixel) and every output
// format draws the same picture.
#ifndef CANDLEWICK_CC_CHART_LAYOUT_H_
#define CANDLEWICK_CC_CHART_LAYOUT_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cc/bars/bars.h"
#include "cc/base/allocator.h"
#include "cc/chart/chart_data.h"
#include "cc/chart/display_list.h"
#include "cc/chart/text_measure.h"
#include "cc/chart/time_axis.h"
#include "cc/chart/value_axis.h"

namespace candlewick {

// Scratch memory reused from one render to the next.
struct LayoutScratch {
  explicit LayoutScratch(const AllocatorHooks& hooks)
      : transformed(hooks),
        aggregated(hooks),
        bricks(HookAllocator<RenkoBrick>(hooks)),
        columns(HookAllocator<PointFigureColumn>(hooks)),
        points(HookAllocator<float>(hooks)),
        tops(HookAllocator<float>(hooks)),
        bottoms(HookAllocator<float>(hooks)),
        rows(HookAllocator<size_t>(hooks)),
        time_axis(hooks),
        value_axes(hooks) {}
  OhlcvColumns transformed;  // Heikin-Ashi
  OhlcvColumns aggregated;   // dense series, one candle per pixel column
  HookVector<RenkoBrick> bricks;
  HookVector<PointFigureColumn> columns;
  HookVector<float> points, tops, bottoms;
  HookVector<size_t> rows;  // source row of each drawn slot (dense/renko/P&F)
  TimeAxisLayout time_axis;
  ValueAxisLayout value_axes;
};

// Checks the parts of `data` beyond the OHLCV series (which ValidateOhlcv
// checks): overlay, band and panel series must match the series length and
// hold no infinities (NaN is a gap); panel weights must be positive and
// finite; line and band edge widths 0 or in [0.25, 64].
absl::Status ValidateChartData(const ChartData& data);

// Lays out the whole chart into `out` (cleared first). `data.series` must have
// passed ValidateOhlcv, and `data` ValidateChartData. `text` may be null when
// options.show_axes is false and there is no title. Any finite input gives
// finite pixel coordinates within +-2^26. Fails (kInvalidArgument) only for a
// renko/point-and-figure box that would make more than kMaxChartBoxes bricks
// or boxes, or put a close more than 2^52 boxes from zero. May throw
// std::bad_alloc.
absl::Status LayoutChart(const ChartData& data, const LayoutOptions& options,
                         const TextMeasure* text, LayoutScratch* scratch, DisplayList* out);

// Round tick values for an axis spanning [lo, hi] with about `target` ticks:
// steps of 1, 2, 2.5 or 5 times a power of ten. Returns the step and writes
// the first tick; `decimals` is how many digits labels need.
double NiceTickStep(double lo, double hi, int target, double* first, int* decimals);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_LAYOUT_H_
