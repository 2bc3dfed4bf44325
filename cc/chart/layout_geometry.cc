// What the chart draws and where: the drawn bars (Heikin-Ashi, renko,
// point-and-figure, dense aggregation), the panels' rows and the value
// ranges their scales start from.
#include "cc/chart/layout_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace candlewick {
namespace layout_internal {

absl::Status Builder::PrepareBars() {
  const OhlcvView& in = data_.series;
  s_->rows.clear();
  bars_ = in;
  if (o_.type == ChartType::kHeikinAshi) {
    HeikinAshi(in, &s_->transformed);
    bars_ = s_->transformed.View();
  }
  if (o_.type == ChartType::kRenko || o_.type == ChartType::kPointAndFigure) {
    // The work is bounded before anything is stored: at most kMaxChartBoxes
    // bricks or boxes, every close within 2^52 boxes of zero.
    absl::StatusOr<double> box = ChartBoxSize(in, o_.type == ChartType::kRenko, o_.box_size,
                                              std::max(1, o_.reversal), kMaxChartBoxes);
    if (!box.ok()) return box.status();
    box_ = *box;
    if (o_.type == ChartType::kRenko) {
      Renko(in.close, box_, &s_->bricks);
      slots_ = s_->bricks.size();
      for (const RenkoBrick& b : s_->bricks) s_->rows.push_back(b.source_row);
    } else {
      PointAndFigure(in.close, box_, std::max(1, o_.reversal), &s_->columns);
      slots_ = s_->columns.size();
      for (const PointFigureColumn& c : s_->columns) s_->rows.push_back(c.first_row);
    }
    return absl::OkStatus();
  }
  slots_ = bars_.size();
  return absl::OkStatus();
}

// Dense data: more candles than pixel columns become one candle per column
// (first open, highest high, lowest low, last close, summed volume).
void Builder::AggregateDenseBars() {
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
}

void Builder::ComputeGeometry() {
  axes_ = o_.show_axes && text_ != nullptr;
  const int32_t m = std::max(0, o_.margin);
  plot_left_ = m;
  plot_right_ = o_.width - m;
  plot_top_ = m;
  plot_bottom_ = o_.height - m;
  if (text_ != nullptr && !data_.title.empty()) {
    plot_top_ += text_->Ascent(o_.font_size + 2) + text_->Descent(o_.font_size + 2) + 6;
  } else if (axes_) {
    plot_top_ += text_->Ascent(o_.font_size) / 2 + 2;  // room for the top label
  }
  if (axes_) {
    axis_label_height_ = text_->Ascent(o_.font_size) + text_->Descent(o_.font_size);
    plot_bottom_ -= axis_label_height_ + 8;
    plot_left_ += 2;
  }
  has_volume_panel_ = o_.show_volume && bars_.has_volume() && o_.type != ChartType::kRenko &&
                      o_.type != ChartType::kPointAndFigure;

  // Stack the panels by weight with `panel_gap` rows between them.
  double total = std::max(o_.price_weight, 0.01f);
  if (has_volume_panel_) total += std::max(o_.volume_weight, 0.01f);
  for (const Panel& p : data_.panels) total += p.weight;
  const int32_t panels = 1 + (has_volume_panel_ ? 1 : 0) + static_cast<int32_t>(data_.panels.size());
  const int32_t gap = std::max(0, o_.panel_gap);
  const int32_t usable = std::max<int32_t>(panels, plot_bottom_ - plot_top_ - gap * (panels - 1));
  double cursor = plot_top_;
  auto next = [&](double weight, YMap* map) {
    map->top = RoundToPixel(cursor);
    cursor += usable * weight / total;
    map->bottom = std::max(map->top + 1, RoundToPixel(cursor));
    cursor += gap;
  };
  next(std::max(o_.price_weight, 0.01f), &price_);
  if (has_volume_panel_) next(std::max(o_.volume_weight, 0.01f), &volume_);
  for (size_t i = 0; i < data_.panels.size(); ++i) next(data_.panels[i].weight, &panel_maps_[i]);
  // Rounding may leave a row over: the lowest panel ends at the plot bottom.
  YMap* lowest = &price_;
  if (has_volume_panel_) lowest = &volume_;
  if (!data_.panels.empty()) lowest = &panel_maps_[data_.panels.size() - 1];
  lowest->bottom = std::max(plot_bottom_, lowest->top + 1);
}

// The price scale (before any room for the legend) and each panel's.
void Builder::ComputeValueRanges() {
  double lo, hi;
  PriceRange(&lo, &hi);
  price_.lo = lo;
  price_.hi = hi;
  for (size_t i = 0; i < data_.panels.size(); ++i) {
    PanelValueRange(data_.panels[i], &panel_maps_[i].lo, &panel_maps_[i].hi);
  }
}

void Builder::PriceRange(double* lo, double* hi) {
  *lo = std::numeric_limits<double>::infinity();
  *hi = -std::numeric_limits<double>::infinity();
  if (o_.type == ChartType::kRenko) {
    for (const RenkoBrick& b : s_->bricks) {
      *lo = std::min(*lo, b.low);
      *hi = std::max(*hi, b.high);
    }
  } else if (o_.type == ChartType::kPointAndFigure) {
    for (const PointFigureColumn& c : s_->columns) {
      *lo = std::min(*lo, PointFigureEdge(c.low_box, box_));
      *hi = std::max(*hi, PointFigureEdge(c.high_box + 1, box_));
    }
  } else {
    const bool closes_only = o_.type == ChartType::kLine || o_.type == ChartType::kArea;
    for (size_t i = 0; i < bars_.size(); ++i) {
      *lo = std::min(*lo, closes_only ? bars_.close[i] : bars_.low[i]);
      *hi = std::max(*hi, closes_only ? bars_.close[i] : bars_.high[i]);
    }
    for (const LineSeries& l : data_.overlays) ExtendRange(l.values, lo, hi);
    for (const Band& b : data_.bands) {
      ExtendRange(b.upper, lo, hi);
      ExtendRange(b.lower, lo, hi);
    }
  }
  if (!std::isfinite(*lo)) {  // no bricks or columns yet: one around the close
    *lo = data_.series.close[0] - box_;
    *hi = data_.series.close[0] + box_;
  }
  if (!(*hi > *lo)) {
    // A flat series: give the axis a span (1% either way) so it has ticks,
    // and the prices sit mid-panel.
    const double pad = *hi != 0 ? std::fabs(*hi) * 0.01 : 1.0;
    *lo -= pad;
    *hi += pad;
  }
  // Near the largest double, padding (or a box edge) may overflow: the range
  // stays finite (YMap measures a wider span in halves).
  constexpr double kMax = std::numeric_limits<double>::max();
  *lo = std::max(*lo, -kMax);
  *hi = std::min(*hi, kMax);
}

double Builder::VolumeMax() const {
  double vmax = 0;
  for (size_t i = 0; i < bars_.size(); ++i) vmax = std::max(vmax, bars_.volume[i]);
  return vmax;
}

}  // namespace layout_internal
}  // namespace candlewick
