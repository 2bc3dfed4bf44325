// The price panel's legend (named overlays and bands with their last
// values), the room kept for it above the data, and the panels' titles.
#include "cc/chart/layout_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace candlewick {
namespace layout_internal {

// Legend entry `index`: overlays first, then bands; false-y names are left out.
void Builder::BuildLegendEntry(size_t index, LegendEntry* e) {
  const size_t last = data_.series.size() - 1;
  e->name_color = c_.text;
  e->has_swatch = true;
  if (index < data_.overlays.size()) {
    const char* name = data_.overlay_names.empty() ? nullptr : data_.overlay_names[index];
    e->name = name != nullptr ? absl::string_view(name) : absl::string_view();
    const LineSeries& l = data_.overlays[index];
    e->swatch_color = out_->palette().Intern(l.color | 0xFF);
    e->AddValue(FormatValue(l.values[last], price_decimals_), e->swatch_color);
    return;
  }
  index -= data_.overlays.size();
  const char* name = data_.band_names.empty() ? nullptr : data_.band_names[index];
  e->name = name != nullptr ? absl::string_view(name) : absl::string_view();
  const Band& b = data_.bands[index];
  e->swatch_color = out_->palette().Intern(b.line | 0xFF);
  e->AddValue(FormatValue(b.upper[last], price_decimals_), e->swatch_color);
  e->AddValue(FormatValue(b.lower[last], price_decimals_), e->swatch_color);
}

// How many legend rows fit (at most half the price panel) and how wide.
void Builder::MeasureLegend() {
  legend_rows_ = legend_width_ = legend_height_ = 0;
  const int32_t row_height = LegendRowHeight(*text_, o_.font_size);
  const int32_t max_rows = (price_.bottom - price_.top) / 2 / row_height;
  for (size_t i = 0; i < LegendEntries() && legend_rows_ < max_rows; ++i) {
    LegendEntry e;
    BuildLegendEntry(i, &e);
    if (e.name.empty()) continue;
    ++legend_rows_;
    legend_width_ = std::max(legend_width_, LegendEntryWidth(e, *text_, o_.font_size));
  }
  if (legend_rows_ > 0) legend_height_ = 3 + legend_rows_ * row_height;
}

// Raises the top of the price scale just enough that nothing drawn under the
// legend (candles, overlays, bands) reaches its rows: the legend never
// hides data.
void Builder::LegendHeadroom() {
  if (legend_rows_ == 0 || slots_ == 0) return;
  // Values drawn in the columns the legend covers (a margin for the final
  // value widths, which follow the final price decimals).
  const int32_t x0 = plot_left_ + 2, x1 = plot_left_ + 6 + legend_width_ + 2 * o_.font_size;
  double top = -std::numeric_limits<double>::infinity();
  auto extend = [&top](double v) {
    if (!std::isnan(v)) top = std::max(top, v);
  };
  for (size_t i = 0; i < slots_ && x_.BodyLeft(i) <= x1; ++i) {
    if (x_.BodyLeft(i) + x_.body < x0) continue;
    switch (o_.type) {
      case ChartType::kRenko:
        extend(s_->bricks[i].high);
        break;
      case ChartType::kPointAndFigure:
        extend(PointFigureEdge(s_->columns[i].high_box + 1, box_));
        break;
      case ChartType::kLine:
      case ChartType::kArea:
        extend(bars_.close[i]);
        break;
      default:
        extend(bars_.high[i]);
    }
    for (const LineSeries& l : data_.overlays) extend(Overlay(l.values, i));
    for (const Band& b : data_.bands) {
      extend(Overlay(b.upper, i));
      extend(Overlay(b.lower, i));
    }
  }
  const int32_t rows = price_.bottom - price_.top - 1;
  const int32_t needed = legend_height_ + 2;
  if (!(top > -std::numeric_limits<double>::infinity()) || rows <= 2 * needed) return;
  // Y(top) = price_.top + needed: solve for the new upper end of the scale.
  YMap raised = price_;
  raised.hi = top + (top - price_.lo) * needed / (rows - needed);
  if (!std::isfinite(raised.hi)) return;
  raised.hi = std::max(raised.hi, price_.hi);
  // Over a range of a few ulps the solution lies between two doubles, and
  // rounding leaves `top` under the legend: the next double up.
  if (raised.Y(top) < price_.top + needed - 0.5) {
    raised.hi = std::nextafter(raised.hi, std::numeric_limits<double>::infinity());
  }
  if (std::isfinite(raised.hi) && raised.hi > price_.hi) {
    price_.hi = raised.hi;
    ChoosePriceTicks();
  }
}

void Builder::DrawPanelTitle(const LegendEntry& e, const YMap& y) {
  if (e.name.empty() && e.value_count == 0) return;
  DrawLegendEntry(e, plot_left_ + 4, y.top + 2, plot_right_ - 2, *text_, o_.font_size, out_);
}

void Builder::DrawLegend() {
  const int32_t row_height = LegendRowHeight(*text_, o_.font_size);
  int32_t row = 0;
  for (size_t i = 0; i < LegendEntries() && row < legend_rows_; ++i) {
    LegendEntry e;
    BuildLegendEntry(i, &e);
    if (e.name.empty()) continue;
    DrawLegendEntry(e, plot_left_ + 4, price_.top + 3 + row * row_height, plot_right_ - 2, *text_,
                    o_.font_size, out_);
    ++row;
  }
}

}  // namespace layout_internal
}  // namespace candlewick
