// LayoutChart: one Builder per render. Its steps live by responsibility in
// layout_geometry.cc (bars, panels, value ranges), layout_series.cc (the
// data), layout_axes.cc (grid, axes, marker) and layout_legend.cc (legend,
// panel titles).
#include "cc/chart/layout.h"

#include <algorithm>

#include "cc/chart/layout_builder.h"

namespace candlewick {
namespace layout_internal {

absl::Status Builder::Run() {
  InternBaseColors();
  if (absl::Status st = PrepareBars(); !st.ok()) return st;
  ComputeGeometry();
  ComputeValueRanges();
  if (axes_) {
    PrepareAxes();
  } else {
    c_.text = c_.axis = c_.grid;
  }
  AggregateDenseBars();
  x_ = XMap(plot_left_, plot_right_, std::max<size_t>(slots_, 1));
  if (axes_) {
    LegendHeadroom();
    ComputeMarker();
    ComputeAxes();
  }

  // Draw, back to front.
  DrawTimeGrid();
  DrawValueGrid();
  if (slots_ > 0) DrawData();
  if (axes_) DrawAxes();
  DrawTitle();
  return absl::OkStatus();
}

// The background and the colours every chart uses, interned first (the
// palette's order is part of the output).
void Builder::InternBaseColors() {
  out_->Clear(o_.theme.background);
  Palette& pal = out_->palette();
  c_.grid = pal.Intern(o_.theme.grid);
  c_.up = pal.Intern(o_.theme.up);
  c_.down = pal.Intern(o_.theme.down);
  c_.line = c_.up;
}

// Axes: the panels' scales, the price ticks, the marker and the legend are
// measured before the plot's width, which leaves room for the widest label.
void Builder::PrepareAxes() {
  Palette& pal = out_->palette();
  c_.text = pal.Intern(o_.theme.text);
  c_.axis = pal.Intern(o_.theme.axis);
  s_->value_axes.Clear();
  // Room for the volume panel's title: the bars stay below it.
  const int32_t title = LegendRowHeight(*text_, o_.font_size) + 2;
  volume_headroom_ = has_volume_panel_ && volume_.bottom - volume_.top > 3 * title ? title : 0;
  ComputePanelAxes();
  ChoosePriceTicks();
  ComputeMarker();
  MeasureLegend();
  plot_right_ = std::max(plot_left_ + 16, plot_right_ - AxisColumnWidth() - 12);
}

void Builder::DrawTitle() {
  if (text_ == nullptr || data_.title.empty()) return;
  const ColorIndex tc = axes_ ? c_.text : out_->palette().Intern(o_.theme.text);
  out_->Text(data_.title, static_cast<float>(plot_left_ + 4),
             static_cast<float>(std::max(0, o_.margin) + 3 + text_->Ascent(o_.font_size + 2)),
             static_cast<float>(o_.font_size + 2), TextAnchor::kLeftBaseline, tc);
}

}  // namespace layout_internal

absl::Status LayoutChart(const ChartData& data, const LayoutOptions& options,
                         const TextMeasure* text, LayoutScratch* scratch, DisplayList* out) {
  return layout_internal::Builder(data, options, text, scratch, out).Run();
}

}  // namespace candlewick
