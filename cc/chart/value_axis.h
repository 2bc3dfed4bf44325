// Value axes on the right of every panel (price, volume, indicator panels):
// number formatting (fixed decimals, abbreviated 350K / 1.2M / 3.4B), tick
// steps (round numbers, or multiples of a renko/point-and-figure box), and
// label placement: reference levels first, then round ticks, never two
// labels on top of each other, never across a panel's edge or the
// last-price marker.
#ifndef CANDLEWICK_CC_CHART_VALUE_AXIS_H_
#define CANDLEWICK_CC_CHART_VALUE_AXIS_H_

#include <cstddef>
#include <cstdint>
#include <limits>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/base/strided.h"
#include "cc/chart/axis_label.h"
#include "cc/chart/chart_data.h"
#include "cc/chart/display_list.h"
#include "cc/chart/text_measure.h"

namespace candlewick {

// Digits after the point that `v` needs (up to 8): 102.35 -> 2, 50 -> 0.
int DataDecimals(double v);

// Digits after the point at which values `step` apart read differently
// (0..10): 0.25 -> 1, 3.05 -> 0, 4e-9 -> 9. Labels of non-round steps (a
// renko box of 0.0000000021) need them where DataDecimals stops at 8.
int StepDecimals(double step);

// `v` with `decimals` digits after the point (0..10); never "-0.00".
AxisLabel FormatFixed(double v, int decimals);

// Price labels: FormatFixed, or in scientific mode as many significant
// digits as ticks `step` apart need (15 for step 0: a lone value), trailing
// zeros dropped ("1.25e+300").
AxisLabel FormatPrice(double v, int decimals, bool scientific, double step = 0);

// Whether the labels of an axis over [lo, hi] with ticks `step` apart are
// scientific: prices of 1e15 and more, whose fixed text would be truncated,
// and ticks finer than 1e-10, whose fixed labels would all read
// 0.0000000000.
bool NeedsScientific(double lo, double hi, double step);

// `v` abbreviated with K, M, B or T (thousand, million, billion, trillion):
// 350K, 1.2M, 3.4B. With step > 0 (labels of one axis) the digits are those
// the step needs at that suffix (500K, 1M, 1.5M); with step 0 (a lone value)
// three significant digits (1.43M, 14.3M, 143M). Below 1000: as FormatFixed
// with the step's decimals (StepDecimals too: a step of 5e-9 reads
// 0.000000005), a lone fraction with at least two decimals and three
// significant digits (0.00420, not 0.00); from 1e15 up and for steps or
// lone values below 1e-10, scientific (FormatPrice).
AxisLabel FormatAbbreviated(double v, double step);

// A lone value for a legend or panel title: abbreviated from 100,000 up
// (12.3M), else with `decimals` digits; scientific below 1e-10 (but 0);
// NaN is "n/a".
AxisLabel FormatValue(double v, int decimals);

// Extends [lo, hi] by the values of `v`, NaN gaps ignored.
void ExtendRange(const StridedView<double>& v, double* lo, double* hi);

// The value range an extra panel is drawn with: its fixed scale when
// min < max, else its lines, histogram (with zero) and levels, widened by 1%
// either way when flat and [0, 1] when it has no value at all.
void PanelValueRange(const Panel& p, double* lo, double* hi);

// Ticks at multiples of a renko / point-and-figure box: step = box times
// 1, 2, 5, 10, 20, 50... for about `target` ticks over [lo, hi], the first
// at origin + k * step >= lo. Returns the step.
double BoxTickStep(double box, double origin, double lo, double hi, int target, double* first);

// What one axis shows.
struct ValueAxisRequest {
  int32_t top = 0, bottom = 1;       // the panel's rows [top, bottom)
  int32_t room_above = 0;            // rows above `top` a label may use
  double hi = 1;                     // ticks run from `first` up to `hi`
  double step = 0, first = 0;        // round ticks (step 0: none)
  int decimals = 0;                  // of tick labels
  bool abbreviate = false;           // 350K, 1.2M (scientific throughout from 1e15)
  bool scientific = false;           // 1.25e+300 (FormatPrice)
  double label_offset = 0;           // labels and marks at value + offset
                                     // (point-and-figure: the box's centre)
  absl::Span<const double> levels;   // labelled before the ticks
  int level_decimals = 0;
  int32_t skip_row = std::numeric_limits<int32_t>::min();  // the marker
  int32_t skip_half = 0;
};

struct ValueTick {
  double value;
  int32_t row;        // of the tick mark
  int32_t label_row;  // of the label's middle: a level's label is moved
                      // inside the panel when it would cross an edge
  int32_t grid_row;   // of the grid line (differs with label_offset)
  bool level;        // a reference level (its line is the panel's own)
  bool labelled;
  AxisLabel label;
};

struct AxisStyle {
  const TextMeasure* text;
  int font_size;
  ColorIndex text_color, axis_color, grid_color;
  bool grid;
};

// Ticks and labels of up to kMaxPanels + 2 axes (price, volume, panels),
// in scratch memory reused across renders.
class ValueAxisLayout {
 public:
  static constexpr size_t kMaxAxes = kMaxPanels + 2;

  explicit ValueAxisLayout(const AllocatorHooks& hooks) : ticks_(HookAllocator<ValueTick>(hooks)) {}

  void Clear();
  // Computes axis `axis` (< kMaxAxes; each at most once per Clear): the
  // round ticks and levels of `r` whose rows (row_of) are inside the panel,
  // labelled where the label fits without overlapping another, the panel's
  // edges (but `room_above`) or the marker. May throw std::bad_alloc.
  void Compute(size_t axis, const ValueAxisRequest& r, absl::FunctionRef<int32_t(double)> row_of,
               const TextMeasure& text, int font_size);
  // The widest label of every axis computed so far, in pixels.
  int widest() const { return widest_; }
  absl::Span<const ValueTick> ticks(size_t axis) const;

  // Grid lines from grid_left to axis_x on the round ticks of `axis`.
  void DrawGrid(size_t axis, int32_t grid_left, int32_t axis_x, const AxisStyle& style,
                DisplayList* out) const;
  // The axis line over rows [top, bottom), tick marks and labels.
  void DrawLabels(size_t axis, int32_t top, int32_t bottom, int32_t axis_x,
                  const AxisStyle& style, DisplayList* out) const;

 private:
  HookVector<ValueTick> ticks_;
  struct Range {
    size_t begin = 0, end = 0;
  };
  Range ranges_[kMaxAxes];
  int widest_ = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_VALUE_AXIS_H_
