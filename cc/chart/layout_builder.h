// The chart layout's working parts, shared by the files that implement
// LayoutChart (layout.cc and layout_*.cc): one Builder per render, its
// steps split by responsibility across those files. Not for use outside
// them; layout.h is the interface.
#ifndef CANDLEWICK_CC_CHART_LAYOUT_BUILDER_H_
#define CANDLEWICK_CC_CHART_LAYOUT_BUILDER_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cc/chart/layout.h"
#include "cc/chart/legend.h"

namespace candlewick {
namespace layout_internal {

// Pixel coordinates computed from prices are clamped to +-kPixelLimit before
// they become integers or floats: far outside any frame (at most 16384
// pixels), so nothing visible changes (strokes are clipped exactly by the
// rasteriser), while every conversion is defined and int32 arithmetic on
// rows cannot overflow. NaN (never produced for finite input) becomes the
// lower limit.
constexpr double kPixelLimit = 1 << 26;
inline double ClampPixel(double v) {
  if (v > kPixelLimit) return kPixelLimit;
  return v >= -kPixelLimit ? v : -kPixelLimit;
}
inline int32_t RoundToPixel(double v) {
  return static_cast<int32_t>(std::floor(ClampPixel(v) + 0.5));
}
// A stroke or fill coordinate; NaN (no value) stays NaN.
inline float ToPixelF(double v) { return std::isnan(v) ? NAN : static_cast<float>(ClampPixel(v)); }

// a + (b - a) * t; for huge values (kHugePrice, where b - a may overflow)
// from the two weights, which cannot.
inline double Lerp(double a, double b, double t) {
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

// The value axes' slots in LayoutScratch::value_axes.
constexpr size_t kPriceAxis = 0, kVolumeAxis = 1, kFirstPanelAxis = 2;

// One render's layout: Run() does LayoutChart's work; the members carry
// what one step computes for the next.
class Builder {
 public:
  Builder(const ChartData& data, const LayoutOptions& o, const TextMeasure* text,
          LayoutScratch* s, DisplayList* out)
      : data_(data), o_(o), text_(text), s_(s), out_(out) {}

  absl::Status Run();  // layout.cc

 private:
  // Steps of Run (layout.cc).
  void InternBaseColors();
  void PrepareAxes();
  void DrawData();
  void DrawTitle();

  // Bars, geometry and value ranges (layout_geometry.cc).
  // The series actually drawn (after Heikin-Ashi and dense aggregation), and
  // the source row of each drawn slot (for overlays and time labels). Fails
  // only for a renko/P&F box that breaks the chart's bounds.
  absl::Status PrepareBars();
  void AggregateDenseBars();
  size_t SourceRow(size_t slot) const { return s_->rows.empty() ? slot : s_->rows[slot]; }
  // Two kinds of series are drawn per slot: the caller's overlays, bands and
  // panels have a value per source row (read at SourceRow), while bars_ (the
  // drawn bars: aggregated, Heikin-Ashi) has one per slot already.
  double Overlay(const StridedView<double>& v, size_t slot) const { return v[SourceRow(slot)]; }
  void ComputeGeometry();
  void ComputeValueRanges();
  void PriceRange(double* lo, double* hi);
  double VolumeMax() const;

  // The data, back to front (layout_series.cc).
  void DrawVolume();
  // The colour of slot i's candle: close >= open, or on hollow charts
  // close >= the previous close (as traders read them).
  ColorIndex CandleColor(size_t i) const;
  void DrawPriceSeries();
  void DrawCandles(bool hollow);
  void DrawOhlcBars();
  void DrawLine(bool area);
  void DrawRenko();
  void DrawPointFigure();
  void DrawBandFills();
  void DrawBandLines();
  // A caller's series (per source row).
  // `clip`: the stroke stays in y's rows (an indicator panel's line, whose
  // values may lie beyond a fixed scale).
  void DrawSeriesLine(const StridedView<double>& v, const YMap& y, float width, ColorIndex c,
                      bool clip = false);
  // `value(slot)` for every slot.
  template <typename ValueAt>
  void DrawSlotLine(ValueAt value, const YMap& y, float width, ColorIndex c, bool clip = false);
  void DrawPanel(const Panel& p, const YMap& y, int value_decimals);

  // Grid, axes and the last-price marker (layout_axes.cc, with value_axis.h
  // and time_axis.h).
  void DrawGrid(const YMap& y, int32_t left, int32_t right);
  void DrawTimeGrid();
  void DrawValueGrid();
  void ChoosePriceTicks();
  void ComputePanelAxes();
  int PriceLabelWidth(double lo, double hi) const;
  int AxisColumnWidth() const;
  void ComputeMarker();
  void ComputeAxes();
  void DrawAxes();
  void DrawTimeAxis();
  AxisStyle Style() const {
    return {text_, o_.font_size, c_.text, c_.axis, c_.grid, o_.show_grid};
  }
  int TextWidth(absl::string_view s) const { return text_ ? text_->Width(s, o_.font_size) : 0; }

  // The legend and panel titles (layout_legend.cc, with legend.h).
  void BuildLegendEntry(size_t index, LegendEntry* e);
  size_t LegendEntries() const { return data_.overlays.size() + data_.bands.size(); }
  void MeasureLegend();
  void LegendHeadroom();
  void DrawLegend();
  void DrawPanelTitle(const LegendEntry& e, const YMap& y);

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

}  // namespace layout_internal
}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_LAYOUT_BUILDER_H_
