// Names and last values at the top left of a panel: the price panel's
// legend (one row per named overlay or band: a swatch of its colour, its
// name, its value(s) at the last row in its colour) and each extra panel's
// title row ("RSI 14  61.23", "MACD 12 26 9  0.41  0.37  0.04").
#ifndef CANDLEWICK_CC_CHART_LEGEND_H_
#define CANDLEWICK_CC_CHART_LEGEND_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "cc/chart/axis_label.h"
#include "cc/chart/display_list.h"
#include "cc/chart/text_measure.h"

namespace candlewick {

struct LegendEntry {
  static constexpr size_t kMaxValues = 9;  // a panel's lines and histogram
  absl::string_view name;
  ColorIndex name_color = 0;
  bool has_swatch = false;
  ColorIndex swatch_color = 0;
  size_t value_count = 0;
  struct Value {
    AxisLabel text;
    ColorIndex color;
  } values[kMaxValues];
  void AddValue(const AxisLabel& text, ColorIndex color) {
    if (value_count < kMaxValues) values[value_count++] = {text, color};
  }
};

// Rows of legend text are this many pixels apart.
int32_t LegendRowHeight(const TextMeasure& text, int font_size);
int32_t LegendEntryWidth(const LegendEntry& e, const TextMeasure& text, int font_size);
// Draws `e` from x on the row whose top is `top`, ending before `right`
// (the plot's right edge: the axis column's labels are beyond it). When
// the row is too long, the name is cut at a character and ends in "…" (at
// least its first character is kept), then values are left out from the
// last; the swatch always stays.
void DrawLegendEntry(const LegendEntry& e, int32_t x, int32_t top, int32_t right,
                     const TextMeasure& text, int font_size, DisplayList* out);

// The bytes of the longest prefix of `name`, cut between characters, that
// with "…" after it is at most `room` pixels wide (0: not even one
// character fits).
size_t FitNamePrefix(absl::string_view name, int32_t room, const TextMeasure& text,
                     int font_size);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_LEGEND_H_
