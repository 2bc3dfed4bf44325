#include "cc/chart/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"
#include "cc/chart/legend.h"

namespace candlewick {
namespace {

// Pixel coordinates computed from prices are clamped to +-kPixelLimit before
// they become integers or floats: far outside any frame (at most 16384
// pixels), so nothing visible changes (strokes are clipped exactly by the
// rasteriser), while every conversion is defined and int32 arithmetic on
// rows cannot overflow. NaN (never produced for finite input) becomes the
// lower limit.
constexpr double kPixelLimit = 1 << 26;
double ClampPixel(double v) {
  if (v > kPixelLimit) return kPixelLimit;
  return v >= -kPixelLimit ? v : -kPixelLimit;
}
int32_t RoundToPixel(double v) { return static_cast<int32_t>(std::floor(ClampPixel(v) + 0.5)); }
// A stroke or fill coordinate; NaN (no value) stays NaN.
float ToPixelF(double v) { return std::isnan(v) ? NAN : static_cast<float>(ClampPixel(v)); }

// a + (b - a) * t; for huge values (kHugePrice, where b - a may overflow)
// from the two weights, which cannot.
double Lerp(double a, double b, double t) {
  if (std::fabs(a) < kHugePrice && std::fabs(b) < kHugePrice) return a + (b - a) * t;
  return a * (1 - t) + b * t;
}

// Vertical mapping of one panel: `hi` on the panel's first row, `lo` on its
// last. A zero span (flat data) puts everything mid-panel instead of dividing
// by zero. Any finite value maps to a finite or infinite y, never NaN (so
// ClampPixel sees the right side): a range reaching beyond 2^1000, whose
// span may exceed the largest double, is measured in halves (exact
// scalings, so a chart of prices near 1.8e308 is the same picture as the
// same prices scaled down by a power of two), and a value far outside a
// fixed panel scale may map to +-infinity.
struct YMap {
  int32_t top = 0, bottom = 0;  // rows [top, bottom)
  double lo = 0, hi = 1;
  double Y(double v) const {
    const double span = hi - lo;
    const int32_t rows = bottom - top - 1;
    if (!(span > 0) || rows <= 0) return top + rows / 2;
    if (std::fabs(hi) < kHugePrice && std::fabs(lo) < kHugePrice) {
      return top + (hi - v) * rows / span;
    }
    return top + (hi * 0.5 - v * 0.5) / (hi * 0.5 - lo * 0.5) * rows;
  }
  int32_t Row(double v) const { return RoundToPixel(Y(v)); }
};

// Horizontal mapping: `slots` candles in slots of W/(slots+1) pixels, candle i
// centred on (i+1) slots; bodies are 80% of a slot (at least one pixel), the
// wick 1/8 of the body (at least one pixel) centred on it.
struct XMap {
  int32_t left = 0, right = 0;  // plot columns [left, right)
  double slot = 1;
  int32_t body = 1, wick = 1;
  XMap(int32_t l, int32_t r, size_t slots) : left(l), right(r) {
    slot = static_cast<double>(r - l) / static_cast<double>(slots + 1);
    body = std::max<int32_t>(1, static_cast<int32_t>(std::floor(slot * 0.8)));
    wick = std::max<int32_t>(1, body / 8);
  }
  int32_t BodyLeft(size_t i) const {
    return left + RoundToPixel((static_cast<double>(i) + 1.0) * slot - body * 0.5);
  }
  int32_t WickLeft(size_t i) const { return BodyLeft(i) + (body - wick) / 2; }
  // The exact centre of the wick, for lines through the candles.
  float Center(size_t i) const { return static_cast<float>(WickLeft(i) + wick * 0.5); }
};

struct Colors {
  ColorIndex grid, up, down, text, axis, line;
};

bool IsFiniteOrNan(double v) { return std::isfinite(v) || std::isnan(v); }

absl::Status CheckSeries(const char* what, size_t index, const StridedView<double>& v, size_t n,
                         bool optional) {
  if (v.is_null()) {
    if (optional && v.size() == 0) return absl::OkStatus();
    return Error(ErrorCode::kNullArgument, absl::StrCat(what, " ", index, " has no data"));
  }
  if (v.size() != n) {
    return Error(ErrorCode::kLengthMismatch,
                 absl::StrCat(what, " ", index, " has ", v.size(), " values but the series has ",
                              n, " rows"));
  }
  for (size_t i = 0; i < n; ++i) {
    if (!IsFiniteOrNan(v[i])) {
      return Error(ErrorCode::kNonFinite,
                   absl::StrCat(what, " ", index, " row ", i,
                                ": infinite value (use NaN for no value)"));
    }
  }
  return absl::OkStatus();
}

// Line and band edge widths: 0 (the chart's line width; for band edges,
// none) or the chart's own range for line_width.
absl::Status CheckWidth(const char* what, size_t index, float width) {
  if (width == 0 || (width >= 0.25f && width <= 64)) return absl::OkStatus();  // NaN fails
  return Error(ErrorCode::kInvalidArgument,
               absl::StrCat(what, " ", index, " width ", width, " must be 0 or in [0.25, 64]"));
}

class Builder {
 public:
  Builder(const ChartData& data, const LayoutOptions& o, const TextMeasure* text,
          LayoutScratch* s, DisplayList* out)
      : data_(data), o_(o), text_(text), s_(s), out_(out) {}

  absl::Status Run();

 private:
  // The series actually drawn (after Heikin-Ashi and dense aggregation), and
  // the source row of each drawn slot (for overlays and time labels). Fails
  // only for a renko/P&F box that breaks the chart's bounds.
  absl::Status PrepareBars();
  size_t SourceRow(size_t slot) const { return s_->rows.empty() ? slot : s_->rows[slot]; }
  // Two kinds of series are drawn per slot: the caller's overlays, bands and
  // panels have a value per source row (read at SourceRow), while bars_ (the
  // drawn bars: aggregated, Heikin-Ashi) has one per slot already.
  double Overlay(const StridedView<double>& v, size_t slot) const { return v[SourceRow(slot)]; }

  void ComputeGeometry();
  void PriceRange(double* lo, double* hi);
  void DrawGrid(const YMap& y, int32_t left, int32_t right);
  void DrawVolume();
  void DrawCandles(bool hollow);
  void DrawOhlcBars();
  void DrawLine(bool area);
  void DrawRenko();
  void DrawPointFigure();
  void DrawBandFills();
  void DrawBandLines();
  // A caller's series (per source row).
  void DrawSeriesLine(const StridedView<double>& v, const YMap& y, float width, ColorIndex c) {
    DrawSlotLine([&](size_t slot) { return Overlay(v, slot); }, y, width, c);
  }
  // `value(slot)` for every slot.
  template <typename ValueAt>
  void DrawSlotLine(ValueAt value, const YMap& y, float width, ColorIndex c);
  void DrawPanel(const Panel& p, const YMap& y, int value_decimals);
  void DrawTimeAxis();
  // Axes, legend and titles (value_axis.h, legend.h, time_axis.h).
  double VolumeMax() const;
  void ChoosePriceTicks();
  void ComputePanelAxes();
  int PriceLabelWidth(double lo, double hi) const;
  void BuildLegendEntry(size_t index, LegendEntry* e);
  size_t LegendEntries() const { return data_.overlays.size() + data_.bands.size(); }
  void MeasureLegend();
  void LegendHeadroom();
  void ComputeMarker();
  void ComputeAxes();
  void DrawAxes();
  void DrawLegend();
  void DrawPanelTitle(const LegendEntry& e, const YMap& y);
  AxisStyle Style() const {
    return {text_, o_.font_size, c_.text, c_.axis, c_.grid, o_.show_grid};
  }
  int TextWidth(absl::string_view s) const { return text_ ? text_->Width(s, o_.font_size) : 0; }

  const ChartData& data_;
  const LayoutOptions& o_;
  const TextMeasure* text_;
  LayoutScratch* s_;
  DisplayList* out_;

  Colors c_{};
  OhlcvView bars_;       // what is drawn in the price panel
  size_t slots_ = 0;     // drawn candles / bricks / columns
  bool axes_ = false;
  int32_t plot_left_ = 0, plot_right_ = 0, plot_top_ = 0, plot_bottom_ = 0;
  int32_t axis_label_height_ = 0;
  YMap price_, volume_;
  bool has_volume_panel_ = false;
  YMap panel_maps_[kMaxPanels];
  XMap x_{0, 1, 1};
  double box_ = 0;
  double tick_step_ = 0, tick_first_ = 0;
  int tick_decimals_ = 0;
  bool scientific_ = false;      // price labels in scientific notation
  int price_decimals_ = 0;       // of the marker and the legend's values
  int panel_decimals_[kMaxPanels] = {};  // of each panel title's values
  int32_t volume_headroom_ = 0;  // rows kept free for the volume title
  int32_t legend_rows_ = 0, legend_width_ = 0, legend_height_ = 0;
  double marker_value_ = 0, marker_offset_ = 0;
  ColorIndex marker_color_ = 0;
  int32_t marker_row_ = 0, marker_half_ = 0;
};

constexpr size_t kPriceAxis = 0, kVolumeAxis = 1, kFirstPanelAxis = 2;

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
      *lo = std::min(*lo, static_cast<double>(c.low_box) * box_);
      *hi = std::max(*hi, static_cast<double>(c.high_box + 1) * box_);
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

double Builder::VolumeMax() const {
  double vmax = 0;
  for (size_t i = 0; i < bars_.size(); ++i) vmax = std::max(vmax, bars_.volume[i]);
  return vmax;
}

void Builder::DrawVolume() {
  if (!has_volume_panel_) return;
  const double vmax = VolumeMax();
  if (!(vmax > 0)) return;
  const int32_t rows = volume_.bottom - volume_.top - volume_headroom_;
  for (size_t i = 0; i < slots_; ++i) {
    const int32_t bar = RoundToPixel(bars_.volume[i] / vmax * rows);
    if (bar <= 0) continue;
    const ColorIndex c = bars_.close[i] >= bars_.open[i] ? c_.up : c_.down;
    const int32_t x0 = x_.BodyLeft(i);
    out_->Rect(x0, volume_.bottom - bar, x0 + x_.body, volume_.bottom, c);
  }
}

void Builder::DrawCandles(bool hollow) {
  for (size_t i = 0; i < slots_; ++i) {
    const double op = bars_.open[i], hi = bars_.high[i], lo = bars_.low[i], cl = bars_.close[i];
    // Hollow candles (as traders use them): colour by close against the
    // previous close, filled when the close is below the open.
    const double reference = hollow ? (i == 0 ? op : bars_.close[i - 1]) : op;
    const ColorIndex c = cl >= reference ? c_.up : c_.down;
    const int32_t x0 = x_.BodyLeft(i), wx = x_.WickLeft(i);
    const int32_t top = price_.Row(std::max(op, cl));
    const int32_t bottom = price_.Row(std::min(op, cl)) + 1;
    if (hollow && cl >= op && x_.body >= 3 && bottom - top >= 3) {
      // Wicks stop at the body so the hollow stays empty.
      out_->Rect(wx, price_.Row(hi), wx + x_.wick, top, c);
      out_->Rect(wx, bottom, wx + x_.wick, price_.Row(lo) + 1, c);
      out_->Rect(x0, top, x0 + x_.body, top + 1, c);
      out_->Rect(x0, bottom - 1, x0 + x_.body, bottom, c);
      out_->Rect(x0, top, x0 + 1, bottom, c);
      out_->Rect(x0 + x_.body - 1, top, x0 + x_.body, bottom, c);
    } else {
      // The wick above and below the body only: the body covers the rest,
      // so drawing it through would write those pixels twice.
      out_->Rect(wx, price_.Row(hi), wx + x_.wick, top, c);
      out_->Rect(wx, bottom, wx + x_.wick, price_.Row(lo) + 1, c);
      out_->Rect(x0, top, x0 + x_.body, bottom, c);
    }
  }
}

void Builder::DrawOhlcBars() {
  const int32_t stroke = std::max<int32_t>(1, x_.body / 5);
  for (size_t i = 0; i < slots_; ++i) {
    const double op = bars_.open[i], cl = bars_.close[i];
    const ColorIndex c = cl >= op ? c_.up : c_.down;
    const int32_t x0 = x_.BodyLeft(i), x1 = x0 + x_.body;
    const int32_t bar_left = x0 + (x_.body - stroke) / 2;
    out_->Rect(bar_left, price_.Row(bars_.high[i]), bar_left + stroke,
               price_.Row(bars_.low[i]) + 1, c);
    const int32_t open_row = price_.Row(op), close_row = price_.Row(cl);
    const int32_t half = stroke / 2;
    out_->Rect(x0, open_row - half, bar_left, open_row - half + stroke, c);
    out_->Rect(bar_left + stroke, close_row - half, x1, close_row - half + stroke, c);
  }
}

template <typename ValueAt>
void Builder::DrawSlotLine(ValueAt value_at, const YMap& y, float width, ColorIndex c) {
  s_->points.clear();
  for (size_t i = 0; i < slots_; ++i) {
    const double value = value_at(i);
    s_->points.push_back(x_.Center(i));
    s_->points.push_back(std::isnan(value) ? NAN : ToPixelF(y.Y(value) + 0.5));
  }
  out_->Polyline(s_->points.data(), static_cast<uint32_t>(slots_), width > 0 ? width : o_.line_width,
                 c);
}

void Builder::DrawLine(bool area) {
  if (area) {
    // Fill each pixel column between the close line and the panel bottom,
    // interpolating between candle centres.
    const Rgba fill = BlendOpaque((o_.theme.up & 0xFFFFFF00u) | 0x50u, o_.theme.background);
    const ColorIndex fc = out_->palette().Intern(fill);
    const int32_t first = static_cast<int32_t>(std::ceil(x_.Center(0) - 0.5f));
    const int32_t last = static_cast<int32_t>(std::floor(x_.Center(slots_ - 1) - 0.5f));
    s_->tops.clear();
    s_->bottoms.clear();
    size_t seg = 0;
    for (int32_t col = first; col <= last; ++col) {
      const float xc = col + 0.5f;
      while (seg + 1 < slots_ && x_.Center(seg + 1) < xc) ++seg;
      const float xa = x_.Center(seg);
      const float xb = seg + 1 < slots_ ? x_.Center(seg + 1) : xa;
      const float ya = ToPixelF(price_.Y(bars_.close[seg]) + 0.5);
      const float yb = seg + 1 < slots_ ? ToPixelF(price_.Y(bars_.close[seg + 1]) + 0.5) : ya;
      const float t = xb > xa ? (xc - xa) / (xb - xa) : 0.f;
      s_->tops.push_back(ya + (yb - ya) * std::clamp(t, 0.f, 1.f));
      s_->bottoms.push_back(static_cast<float>(price_.bottom));
    }
    out_->Columns(first, s_->tops.data(), s_->bottoms.data(),
                  static_cast<uint32_t>(s_->tops.size()), fc);
  }
  // The drawn closes: one per slot (aggregated when dense), not per row.
  DrawSlotLine([&](size_t slot) { return bars_.close[slot]; }, price_, o_.line_width, c_.line);
}

void Builder::DrawRenko() {
  for (size_t i = 0; i < slots_; ++i) {
    const RenkoBrick& b = s_->bricks[i];
    const int32_t x0 = x_.BodyLeft(i);
    const int32_t top = price_.Row(b.high), bottom = std::max(price_.Row(b.low), top + 1);
    out_->Rect(x0, top, x0 + x_.body, bottom, b.up ? c_.up : c_.down);
  }
}

void Builder::DrawPointFigure() {
  for (size_t i = 0; i < slots_; ++i) {
    const PointFigureColumn& col = s_->columns[i];
    const float cx = x_.Center(i);
    const float half_w = std::max(1.0f, static_cast<float>(x_.body) * 0.5f);
    for (int64_t b = col.low_box; b <= col.high_box; ++b) {
      const float y_top = ToPixelF(price_.Y(static_cast<double>(b + 1) * box_));
      const float y_bottom = ToPixelF(price_.Y(static_cast<double>(b) * box_));
      const float half_h = std::max(0.5f, (y_bottom - y_top) * 0.5f);
      const float cy = (y_top + y_bottom) * 0.5f + 0.5f;
      const float r = std::min(half_w, half_h) * 0.8f;
      const float stroke = std::max(1.0f, r * 0.25f);
      if (col.rising) {
        out_->Line(cx - r, cy - r, cx + r, cy + r, stroke, c_.up);
        out_->Line(cx - r, cy + r, cx + r, cy - r, stroke, c_.up);
      } else {
        out_->Circle(cx, cy, std::max(0.5f, r - stroke * 0.5f), stroke, c_.down);
      }
    }
  }
}

void Builder::DrawBandFills() {
  for (const Band& b : data_.bands) {
    const ColorIndex fc = out_->palette().Intern(BlendOpaque(b.fill, o_.theme.background));
    s_->tops.clear();
    s_->bottoms.clear();
    const int32_t first = static_cast<int32_t>(std::ceil(x_.Center(0) - 0.5f));
    const int32_t last = static_cast<int32_t>(std::floor(x_.Center(slots_ - 1) - 0.5f));
    size_t seg = 0;
    for (int32_t col = first; col <= last; ++col) {
      const float xc = col + 0.5f;
      while (seg + 1 < slots_ && x_.Center(seg + 1) < xc) ++seg;
      const size_t next = std::min(seg + 1, slots_ - 1);
      const float xa = x_.Center(seg), xb = x_.Center(next);
      const float t = xb > xa ? std::clamp((xc - xa) / (xb - xa), 0.f, 1.f) : 0.f;
      const double ua = Overlay(b.upper, seg), ub = Overlay(b.upper, next);
      const double la = Overlay(b.lower, seg), lb = Overlay(b.lower, next);
      if (std::isnan(ua) || std::isnan(ub) || std::isnan(la) || std::isnan(lb)) {
        s_->tops.push_back(NAN);
        s_->bottoms.push_back(NAN);
        continue;
      }
      const float yu = ToPixelF(price_.Y(Lerp(ua, ub, t)) + 0.5);
      const float yl = ToPixelF(price_.Y(Lerp(la, lb, t)) + 0.5);
      s_->tops.push_back(std::min(yu, yl));
      s_->bottoms.push_back(std::max(yu, yl));
    }
    out_->Columns(first, s_->tops.data(), s_->bottoms.data(),
                  static_cast<uint32_t>(s_->tops.size()), fc);
  }
}

void Builder::DrawBandLines() {
  for (const Band& b : data_.bands) {
    if (!(b.width > 0)) continue;  // width 0: no edges (as documented)
    const ColorIndex lc = out_->palette().Intern(b.line | 0xFF);
    DrawSeriesLine(b.upper, price_, b.width, lc);
    DrawSeriesLine(b.lower, price_, b.width, lc);
  }
}

void Builder::DrawPanel(const Panel& p, const YMap& y, int value_decimals) {
  for (double level : p.levels) {
    const int32_t row = y.Row(level);
    if (row >= y.top && row < y.bottom) out_->Rect(plot_left_, row, plot_right_, row + 1, c_.axis);
  }
  const ColorIndex up = p.histogram_up ? out_->palette().Intern(p.histogram_up | 0xFF) : c_.up;
  const ColorIndex down =
      p.histogram_down ? out_->palette().Intern(p.histogram_down | 0xFF) : c_.down;
  if (!p.histogram.is_null()) {
    const int32_t zero = std::clamp(y.Row(0.0), y.top, y.bottom - 1);
    for (size_t i = 0; i < slots_; ++i) {
      const double v = Overlay(p.histogram, i);
      if (std::isnan(v)) continue;
      const int32_t row = y.Row(v), x0 = x_.BodyLeft(i);
      out_->Rect(x0, std::min(row, zero), x0 + x_.body, std::max(row, zero) + 1, v >= 0 ? up : down);
    }
  }
  for (const LineSeries& l : p.lines) {
    DrawSeriesLine(l.values, y, l.width, out_->palette().Intern(l.color | 0xFF));
  }
  if (axes_) {
    // "MACD 12 26 9  0.41  0.37  0.04": the title, then each line's and the
    // histogram's value at the last row, in their colours.
    LegendEntry e;
    e.name = p.title;
    e.name_color = c_.text;
    const size_t last = data_.series.size() - 1;
    for (const LineSeries& l : p.lines) {
      e.AddValue(FormatValue(l.values[last], value_decimals), out_->palette().Intern(l.color | 0xFF));
    }
    if (!p.histogram.is_null()) {
      const double h = p.histogram[last];
      e.AddValue(FormatValue(h, value_decimals), h >= 0 ? up : down);
    }
    DrawPanelTitle(e, y);
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
        extend(static_cast<double>(s_->columns[i].high_box + 1) * box_);
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
  const double hi = top + (top - price_.lo) * needed / (rows - needed);
  if (std::isfinite(hi) && hi > price_.hi) {
    price_.hi = hi;
    ChoosePriceTicks();
  }
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
  price_decimals_ = std::max(tick_decimals_, DataDecimals(marker_value_));
  if (o_.type == ChartType::kRenko && !s_->bricks.empty()) {
    const RenkoBrick& b = s_->bricks.back();
    marker_value_ = b.up ? b.high : b.low;
    marker_color_ = b.up ? c_.up : c_.down;
    price_decimals_ = tick_decimals_;
  } else if (o_.type == ChartType::kPointAndFigure && !s_->columns.empty()) {
    const PointFigureColumn& c = s_->columns.back();
    marker_value_ = static_cast<double>(c.rising ? c.high_box : c.low_box) * box_;
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

void Builder::DrawPanelTitle(const LegendEntry& e, const YMap& y) {
  if (e.name.empty() && e.value_count == 0) return;
  DrawLegendEntry(e, plot_left_ + 4, y.top + 2, *text_, o_.font_size, out_);
}

void Builder::DrawLegend() {
  const int32_t row_height = LegendRowHeight(*text_, o_.font_size);
  int32_t row = 0;
  for (size_t i = 0; i < LegendEntries() && row < legend_rows_; ++i) {
    LegendEntry e;
    BuildLegendEntry(i, &e);
    if (e.name.empty()) continue;
    DrawLegendEntry(e, plot_left_ + 4, price_.top + 3 + row * row_height, *text_, o_.font_size,
                    out_);
    ++row;
  }
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
    e.AddValue(FormatAbbreviated(src.volume[last], 0),
               src.close[last] >= src.open[last] ? c_.up : c_.down);
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

}  // namespace

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

absl::Status ValidateChartData(const ChartData& d) {
  const size_t n = d.series.size();
  for (size_t i = 0; i < d.overlays.size(); ++i) {
    if (auto st = CheckSeries("overlay", i, d.overlays[i].values, n, false); !st.ok()) return st;
    if (auto st = CheckWidth("overlay", i, d.overlays[i].width); !st.ok()) return st;
  }
  for (size_t i = 0; i < d.bands.size(); ++i) {
    if (auto st = CheckSeries("band upper", i, d.bands[i].upper, n, false); !st.ok()) return st;
    if (auto st = CheckSeries("band lower", i, d.bands[i].lower, n, false); !st.ok()) return st;
    if (auto st = CheckWidth("band", i, d.bands[i].width); !st.ok()) return st;
  }
  if (d.panels.size() > kMaxPanels) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat(d.panels.size(), " panels; at most ", kMaxPanels, " are supported"));
  }
  for (size_t i = 0; i < d.panels.size(); ++i) {
    const Panel& p = d.panels[i];
    if (!(p.weight > 0) || !std::isfinite(p.weight)) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("panel ", i, " needs a positive height weight"));
    }
    if (!std::isfinite(p.min) || !std::isfinite(p.max)) {
      return Error(ErrorCode::kNonFinite, absl::StrCat("panel ", i, " has a non-finite min/max"));
    }
    for (size_t k = 0; k < p.lines.size(); ++k) {
      if (auto st = CheckSeries("panel line", k, p.lines[k].values, n, false); !st.ok()) return st;
      if (auto st = CheckWidth("panel line", k, p.lines[k].width); !st.ok()) return st;
    }
    if (auto st = CheckSeries("panel histogram", i, p.histogram, n, true); !st.ok()) return st;
    for (double level : p.levels) {
      if (!std::isfinite(level)) {
        return Error(ErrorCode::kNonFinite, absl::StrCat("panel ", i, " has a non-finite level"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status LayoutChart(const ChartData& data, const LayoutOptions& options,
                         const TextMeasure* text, LayoutScratch* scratch, DisplayList* out) {
  return Builder(data, options, text, scratch, out).Run();
}

}  // namespace candlewick
