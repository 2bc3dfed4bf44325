// Grid lines, the value and time axes (their ticks from value_axis.h and
// time_axis.h, laid out here on the chart's panels) and the last-price
// marker; NiceTickStep.
#include "cc/chart/layout_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace candlewick {
namespace layout_internal {

// Without axes (with axes the grid lines sit on the value axes' ticks).
void Builder::DrawGrid(const YMap& y, int32_t left, int32_t right) {
  if (!o_.show_grid) return;
  // The reference layout: nine evenly spaced lines.
  const int32_t rows = y.bottom - y.top;
  for (int k = 1; k <= 9; ++k) {
    const int32_t row = y.top + RoundToPixel(rows * k / 10.0);
    out_->Rect(left, row, right, row + 1, c_.grid);
  }
}

// Vertical grid lines first: when they span the whole frame the rasteriser
// folds them into the background (one template row copied down), and
// where they cross the horizontal lines both are the grid colour. With
// axes they sit on the time labels' candles, through every panel.
void Builder::DrawTimeGrid() {
  if (!o_.show_grid || slots_ == 0) return;
  if (axes_) {
    for (const TimeTick& t : s_->time_axis.ticks()) {
      // On the tick mark (DrawTimeAxis): the candle's centre, the middle
      // of a wide wick, a line chart's point.
      const int32_t x = static_cast<int32_t>(x_.Center(t.slot));
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

// Horizontal grid lines: on the value axes' ticks, else the reference layout.
void Builder::DrawValueGrid() {
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
}

// The time axis line, tick marks and labels (TimeAxisLayout chose them).
void Builder::DrawTimeAxis() {
  const int32_t axis_row = plot_bottom_;
  out_->Rect(plot_left_, axis_row, plot_right_, axis_row + 1, c_.axis);
  const float baseline = static_cast<float>(axis_row + 4 + text_->Ascent(o_.font_size));
  for (const TimeTick& t : s_->time_axis.ticks()) {
    const int32_t cx = static_cast<int32_t>(x_.Center(t.slot));
    out_->Rect(cx, axis_row + 1, cx + 1, axis_row + 4, c_.axis);
    out_->Text(t.label.view(), t.left, baseline, static_cast<float>(o_.font_size),
               TextAnchor::kLeftBaseline, c_.text);
  }
}

// Round price ticks; for renko and point-and-figure, multiples of the box on
// the chart's own grid (renko bricks start at the first close).
void Builder::ChoosePriceTicks() {
  const int target = std::max(5, (price_.bottom - price_.top) / 28);
  const bool boxes = (o_.type == ChartType::kRenko || o_.type == ChartType::kPointAndFigure) &&
                     box_ > 0;
  if (!boxes) {
    tick_step_ = NiceTickStep(price_.lo, price_.hi, target, &tick_first_, &tick_decimals_);
    scientific_ = NeedsScientific(price_.lo, price_.hi, tick_step_);
    return;
  }
  const OhlcvView& src = data_.series;
  const double origin = o_.type == ChartType::kRenko ? src.close[0] : 0.0;
  tick_step_ = BoxTickStep(box_, origin, price_.lo, price_.hi, target, &tick_first_);
  // As precise as the prices, and the box when it is a round number.
  const int box_digits = DataDecimals(tick_step_);
  tick_decimals_ = std::max(DataDecimals(src.close[0]), DataDecimals(src.close[src.size() - 1]));
  if (box_digits <= 4) tick_decimals_ = std::max(tick_decimals_, box_digits);
  // And enough that neighbouring ticks read differently (a box of 2e-9 on
  // prices of 3e-8 labelled 0.00000003 three times over).
  tick_decimals_ = std::max(tick_decimals_, StepDecimals(tick_step_));
  scientific_ = NeedsScientific(price_.lo, price_.hi, tick_step_);
}

int Builder::PriceLabelWidth(double lo, double hi) const {
  double first;
  int decimals;
  NiceTickStep(lo, hi, std::max(5, (price_.bottom - price_.top) / 28), &first, &decimals);
  decimals = std::max(decimals, tick_decimals_);
  return std::max(TextWidth(FormatPrice(lo, decimals, scientific_, tick_step_).view()),
                  TextWidth(FormatPrice(hi, decimals, scientific_, tick_step_).view()));
}

// Panel value ranges are known before the plot width: their axes come
// first, so the axis column fits their labels.
void Builder::ComputePanelAxes() {
  for (size_t i = 0; i < data_.panels.size(); ++i) {
    const Panel& p = data_.panels[i];
    YMap& y = panel_maps_[i];
    const bool fixed = p.min < p.max;
    if (!fixed) {
      // Room for the title row: the lines stay below it.
      const int32_t rows = y.bottom - y.top - 1;
      const int32_t title = LegendRowHeight(*text_, o_.font_size) + 2;
      if (rows > 3 * title && y.hi > y.lo) {
        // (In halves: the span may exceed the largest double.)
        const double raised = y.hi + (y.hi * 0.5 - y.lo * 0.5) * title / (rows - title) * 2;
        if (std::isfinite(raised)) y.hi = raised;
      }
    }
    ValueAxisRequest r;
    r.top = y.top;
    r.bottom = y.bottom;
    r.hi = y.hi;
    r.levels = p.levels;
    for (double level : p.levels) r.level_decimals = std::max(r.level_decimals, DataDecimals(level));
    r.level_decimals = std::min(r.level_decimals, 4);
    r.abbreviate = std::max(std::fabs(y.lo), std::fabs(y.hi)) >= 1e5;
    // A fixed scale with reference levels (RSI 30/70) is labelled at them.
    if (!(fixed && !p.levels.empty())) {
      r.step = NiceTickStep(y.lo, y.hi, std::max(2, (y.bottom - y.top) / 28), &r.first, &r.decimals);
    }
    r.scientific = r.step > 0 && r.step < 1e-10;
    panel_decimals_[i] = std::clamp(std::max(r.decimals, r.level_decimals) + 1, 2, 8);
    s_->value_axes.Compute(kFirstPanelAxis + i, r, [&y](double v) { return y.Row(v); }, *text_,
                           o_.font_size);
  }
}

// The widest label sets the axis column: price labels (also as high as
// the legend's headroom could raise the scale), the marker, the panels'
// labels and the volume's (at most "999.9M").
int Builder::AxisColumnWidth() const {
  const double lo = price_.lo, hi = price_.hi;
  int widest = std::max(PriceLabelWidth(lo, hi), s_->value_axes.widest());
  widest = std::max(widest,
                    TextWidth(FormatPrice(marker_value_, price_decimals_, scientific_).view()));
  const int32_t rows = price_.bottom - price_.top - 1;
  if (legend_height_ > 0 && rows > 2 * (legend_height_ + 2)) {
    const double top = hi + (hi - lo) * (legend_height_ + 2) / (rows - legend_height_ - 2);
    if (std::isfinite(top)) widest = std::max(widest, PriceLabelWidth(lo, top));
  }
  if (has_volume_panel_) widest = std::max(widest, TextWidth("999.9M"));
  return widest;
}

// The last-price marker: the last close; on renko the last brick's close
// and on point-and-figure the last column's last box, which is where those
// charts' price is.
void Builder::ComputeMarker() {
  const OhlcvView& src = data_.series;
  const size_t last = src.size() - 1;
  marker_value_ = src.close[last];
  marker_offset_ = 0;
  marker_color_ = src.close[last] >= src.open[last] ? c_.up : c_.down;
  // A hollow candle's colour is against the previous close.
  if (o_.type == ChartType::kHollowCandles && slots_ > 0) marker_color_ = CandleColor(slots_ - 1);
  price_decimals_ = std::max(tick_decimals_, DataDecimals(marker_value_));
  if (o_.type == ChartType::kRenko && !s_->bricks.empty()) {
    const RenkoBrick& b = s_->bricks.back();
    marker_value_ = b.up ? b.high : b.low;
    marker_color_ = b.up ? c_.up : c_.down;
    price_decimals_ = tick_decimals_;
  } else if (o_.type == ChartType::kPointAndFigure && !s_->columns.empty()) {
    const PointFigureColumn& c = s_->columns.back();
    marker_value_ = PointFigureEdge(c.rising ? c.high_box : c.low_box, box_);
    marker_offset_ = box_ * 0.5;  // boxes are labelled at their centre
    marker_color_ = c.rising ? c_.up : c_.down;
    price_decimals_ = tick_decimals_;
  }
  marker_row_ = std::clamp(price_.Row(marker_value_ + marker_offset_), price_.top, price_.bottom - 1);
  marker_half_ = (text_->Ascent(o_.font_size) + text_->Descent(o_.font_size)) / 2 + 2;
}

// Ticks of the price and volume axes and the time axis, once the plot's
// width and the price scale are final.
void Builder::ComputeAxes() {
  ValueAxisRequest r;
  r.top = price_.top;
  r.bottom = price_.bottom;
  r.room_above = text_->Ascent(o_.font_size) / 2 + 2;
  r.hi = price_.hi;
  r.step = tick_step_;
  r.first = tick_first_;
  r.decimals = tick_decimals_;
  r.scientific = scientific_;
  if (o_.type == ChartType::kPointAndFigure) r.label_offset = box_ * 0.5;
  r.skip_row = marker_row_;
  r.skip_half = marker_half_;
  s_->value_axes.Compute(kPriceAxis, r, [this](double v) { return price_.Row(v); }, *text_,
                         o_.font_size);
  if (has_volume_panel_) {
    const double vmax = VolumeMax();
    const int32_t rows = volume_.bottom - volume_.top - volume_headroom_;
    ValueAxisRequest v;
    v.top = volume_.top;
    v.bottom = volume_.bottom;
    v.hi = vmax;
    v.abbreviate = true;
    if (vmax > 0) {
      v.step = NiceTickStep(0, vmax, std::max(2, rows / 28), &v.first, &v.decimals);
    }
    // The bars' own scale (DrawVolume), so a tick meets the bar of its value.
    const int32_t bottom = volume_.bottom;
    s_->value_axes.Compute(
        kVolumeAxis, v, [&](double x) { return bottom - RoundToPixel(x / vmax * rows); }, *text_,
        o_.font_size);
  }
  const OhlcvView& src = data_.series;
  s_->time_axis.Compute(
      src.has_time() ? slots_ : 0, [&](size_t i) { return src.time[SourceRow(i)]; }, o_.time_zone,
      [this](size_t i) { return x_.Center(i); },
      [this](absl::string_view t) { return TextWidth(t); }, static_cast<float>(plot_left_),
      static_cast<float>(o_.width), 10.0f);
}

void Builder::DrawAxes() {
  const AxisStyle style = Style();
  s_->value_axes.DrawLabels(kPriceAxis, price_.top, price_.bottom, plot_right_, style, out_);
  if (has_volume_panel_) {
    s_->value_axes.DrawLabels(kVolumeAxis, volume_.top, volume_.bottom, plot_right_, style, out_);
  }
  if (volume_headroom_ > 0) {
    LegendEntry e;
    e.name = "Volume";
    e.name_color = c_.text;
    const OhlcvView& src = data_.series;
    const size_t last = src.size() - 1;
    // In the marker's colour: the last candle's (renko and point-and-figure
    // have no volume panel).
    e.AddValue(FormatAbbreviated(src.volume[last], 0), marker_color_);
    DrawPanelTitle(e, volume_);
  }
  for (size_t i = 0; i < data_.panels.size(); ++i) {
    s_->value_axes.DrawLabels(kFirstPanelAxis + i, panel_maps_[i].top, panel_maps_[i].bottom,
                              plot_right_, style, out_);
  }
  DrawTimeAxis();
  // The marker: its value as precise as the data (102.35 on an axis in
  // steps of 5), in a box of its candle's (brick's, column's) colour.
  const AxisLabel label = FormatPrice(marker_value_, price_decimals_, scientific_);
  out_->Rect(plot_right_ + 1, marker_row_ - marker_half_,
             std::min(o_.width, plot_right_ + 10 + TextWidth(label.view())),
             marker_row_ + marker_half_ + 1, marker_color_);
  // Background-coloured text on the marker (palette slot 0).
  out_->Text(label.view(), static_cast<float>(plot_right_ + 5),
             static_cast<float>(marker_row_) + 0.5f, static_cast<float>(o_.font_size),
             TextAnchor::kLeftMiddle, 0);
  DrawLegend();
}

}  // namespace layout_internal

double NiceTickStep(double lo, double hi, int target, double* first, int* decimals) {
  double span = hi - lo;
  if (!(span > 0)) span = std::max(std::fabs(hi) * 0.01, 1e-9);
  // Extreme ranges only (ordinary ones take none of these branches): ticks
  // must be distinct doubles at the prices' level, or stepping from one to
  // the next would stall (a range of a few ulps at 1e15), and no step may be
  // denormal; a range wider than the largest double is measured in halves,
  // and the step kept finite.
  const double level = std::max(std::fabs(lo), std::fabs(hi));
  span = std::max({span, level * 0x1p-40, 1e-300});
  const int parts = std::max(1, target);
  double raw = std::isfinite(span) ? span / parts : (hi * 0.5 - lo * 0.5) / parts * 2;
  raw = std::min(raw, std::numeric_limits<double>::max() / 10);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  // The nearest (in ratio) of 1, 2, 2.5, 5, 10, so the tick count stays
  // close to the target in both directions.
  static const double kNice[] = {1, 2, 2.5, 5, 10};
  double nice = 1;
  for (double candidate : kNice) {
    if (std::fabs(std::log(candidate / fraction)) < std::fabs(std::log(nice / fraction))) {
      nice = candidate;
    }
  }
  const int extra = nice == 2.5 ? 1 : 0;  // 2.5 * 10^k needs one more digit
  const double step = nice * magnitude;
  *first = std::ceil(lo / step - 1e-9) * step;
  if (!std::isfinite(*first)) *first = lo;  // no tick fits between lo and the largest double
  const int digits = -static_cast<int>(std::floor(std::log10(step) + 1e-9));
  *decimals = std::clamp(digits + extra, 0, 10);
  return step;
}

}  // namespace candlewick
