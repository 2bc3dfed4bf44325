// LayoutChart: one Builder per render. Its steps live by responsibility in
// layout_geometry.cc (bars, panels, value ranges), layout_series.cc (the
// data), layout_axes.cc (grid, axes, marker) and layout_legend.cc (legend,
// panel titles).
#include "cc/chart/layout.h"

#include <algorithm>
#include <cmath>

#include "cc/chart/layout_builder.h"

namespace candlewick {
namespace layout_internal {

absl::Status Builder::Run() {
  out_->Clear(o_.theme.background);
  Palette& pal = out_->palette();
  c_.grid = pal.Intern(o_.theme.grid);
  c_.up = pal.Intern(o_.theme.up);
  c_.down = pal.Intern(o_.theme.down);
  c_.line = c_.up;
  if (absl::Status st = PrepareBars(); !st.ok()) return st;
  ComputeGeometry();

  double lo, hi;
  PriceRange(&lo, &hi);
  price_.lo = lo;
  price_.hi = hi;
  for (size_t i = 0; i < data_.panels.size(); ++i) {
    PanelValueRange(data_.panels[i], &panel_maps_[i].lo, &panel_maps_[i].hi);
  }
  if (axes_) {
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
    // The widest label sets the axis column: price labels (also as high as
    // the legend's headroom could raise the scale), the marker, the panels'
    // labels and the volume's (at most "999.9M").
    int widest = std::max(PriceLabelWidth(lo, hi), s_->value_axes.widest());
    widest = std::max(widest,
                      TextWidth(FormatPrice(marker_value_, price_decimals_, scientific_).view()));
    const int32_t rows = price_.bottom - price_.top - 1;
    if (legend_height_ > 0 && rows > 2 * (legend_height_ + 2)) {
      const double top = hi + (hi - lo) * (legend_height_ + 2) / (rows - legend_height_ - 2);
      if (std::isfinite(top)) widest = std::max(widest, PriceLabelWidth(lo, top));
    }
    if (has_volume_panel_) widest = std::max(widest, TextWidth("999.9M"));
    plot_right_ = std::max(plot_left_ + 16, plot_right_ - widest - 12);
  } else {
    c_.text = c_.axis = c_.grid;
  }

  // Dense data: more candles than pixel columns become one candle per column
  // (first open, highest high, lowest low, last close, summed volume).
  const int32_t plot_width = plot_right_ - plot_left_;
  if (o_.type != ChartType::kRenko && o_.type != ChartType::kPointAndFigure &&
      slots_ + 1 > static_cast<size_t>(plot_width)) {
    const size_t columns = static_cast<size_t>(std::max(1, plot_width - 1));
    AggregateToColumns(bars_, columns, &s_->aggregated);
    const size_t n = bars_.size();
    s_->rows.clear();
    for (size_t k = 0; k < columns; ++k) {
      s_->rows.push_back((k + 1) * n / columns - 1);  // last row
    }
    bars_ = s_->aggregated.View();
    slots_ = columns;
  }
  x_ = XMap(plot_left_, plot_right_, std::max<size_t>(slots_, 1));
  if (axes_) {
    LegendHeadroom();
    ComputeMarker();
    ComputeAxes();
  }

  // Draw, back to front.
  // Vertical grid lines first: when they span the whole frame the rasteriser
  // folds them into the background (one template row copied down), and
  // where they cross the horizontal lines both are the grid colour. With
  // axes they sit on the time labels' candles, through every panel.
  if (o_.show_grid && slots_ > 0) {
    if (axes_) {
      for (const TimeTick& t : s_->time_axis.ticks()) {
        const int32_t x = x_.WickLeft(t.slot);
        out_->Rect(x, price_.top, x + 1, price_.bottom, c_.grid);
        if (has_volume_panel_) out_->Rect(x, volume_.top, x + 1, volume_.bottom, c_.grid);
        for (size_t i = 0; i < data_.panels.size(); ++i) {
          out_->Rect(x, panel_maps_[i].top, x + 1, panel_maps_[i].bottom, c_.grid);
        }
      }
    } else {
      const size_t step = std::max<size_t>(1, slots_ / 20);
      const int32_t bottom = has_volume_panel_ ? volume_.bottom : price_.bottom;
      for (size_t i = 0; i < slots_; i += step) {
        const int32_t x = x_.WickLeft(i);
        out_->Rect(x, price_.top, x + 1, bottom, c_.grid);
      }
    }
  }
  if (axes_) {
    const AxisStyle style = Style();
    s_->value_axes.DrawGrid(kPriceAxis, plot_left_, plot_right_, style, out_);
    if (has_volume_panel_) {
      s_->value_axes.DrawGrid(kVolumeAxis, plot_left_, plot_right_, style, out_);
    }
    for (size_t i = 0; i < data_.panels.size(); ++i) {
      s_->value_axes.DrawGrid(kFirstPanelAxis + i, plot_left_, plot_right_, style, out_);
    }
  } else {
    DrawGrid(price_, plot_left_, plot_right_);
  }
  if (slots_ > 0) {
    DrawBandFills();
    DrawVolume();
    switch (o_.type) {
      case ChartType::kCandlestick:
      case ChartType::kHeikinAshi:
        DrawCandles(false);
        break;
      case ChartType::kHollowCandles:
        DrawCandles(true);
        break;
      case ChartType::kOhlcBars:
        DrawOhlcBars();
        break;
      case ChartType::kLine:
        DrawLine(false);
        break;
      case ChartType::kArea:
        DrawLine(true);
        break;
      case ChartType::kRenko:
        DrawRenko();
        break;
      case ChartType::kPointAndFigure:
        DrawPointFigure();
        break;
    }
    DrawBandLines();
    for (const LineSeries& l : data_.overlays) {
      DrawSeriesLine(l.values, price_, l.width, pal.Intern(l.color | 0xFF));
    }
    for (size_t i = 0; i < data_.panels.size(); ++i) {
      DrawPanel(data_.panels[i], panel_maps_[i], panel_decimals_[i]);
    }
  }

  if (axes_) DrawAxes();
  if (text_ != nullptr && !data_.title.empty()) {
    const ColorIndex tc = axes_ ? c_.text : pal.Intern(o_.theme.text);
    out_->Text(data_.title, static_cast<float>(plot_left_ + 4),
               static_cast<float>(std::max(0, o_.margin) + 3 + text_->Ascent(o_.font_size + 2)),
               static_cast<float>(o_.font_size + 2), TextAnchor::kLeftBaseline, tc);
  }
  return absl::OkStatus();
}

}  // namespace layout_internal

absl::Status LayoutChart(const ChartData& data, const LayoutOptions& options,
                         const TextMeasure* text, LayoutScratch* scratch, DisplayList* out) {
  return layout_internal::Builder(data, options, text, scratch, out).Run();
}

}  // namespace candlewick
