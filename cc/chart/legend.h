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
// Draws `e` from x on the row whose top is `top`.
void DrawLegendEntry(const LegendEntry& e, int32_t x, int32_t top, const TextMeasure& text,
                     int font_size, DisplayList* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_LEGEND_H_
