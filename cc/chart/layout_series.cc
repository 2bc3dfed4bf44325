// The data, back to front: band fills, volume bars, the price series
// (candles, OHLC bars, line or area, renko bricks, point-and-figure
// columns), band edges, overlays and the extra panels.
#include "cc/chart/layout_builder.h"

#include <algorithm>
#include <cmath>

namespace candlewick {
namespace layout_internal {

// Back to front; only called with at least one slot.
void Builder::DrawData() {
  DrawBandFills();
  DrawVolume();
  DrawPriceSeries();
  DrawBandLines();
  for (const LineSeries& l : data_.overlays) {
    DrawSeriesLine(l.values, price_, l.width, out_->palette().Intern(l.color | 0xFF));
  }
  for (size_t i = 0; i < data_.panels.size(); ++i) {
    DrawPanel(data_.panels[i], panel_maps_[i], panel_decimals_[i]);
  }
}

void Builder::DrawPriceSeries() {
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
}

void Builder::DrawVolume() {
  if (!has_volume_panel_) return;
  const double vmax = VolumeMax();
  if (!(vmax > 0)) return;
  const int32_t rows = volume_.bottom - volume_.top - volume_headroom_;
  for (size_t i = 0; i < slots_; ++i) {
    const int32_t bar = RoundToPixel(bars_.volume[i] / vmax * rows);
    if (bar <= 0) continue;
    const int32_t x0 = x_.BodyLeft(i);
    out_->Rect(x0, volume_.bottom - bar, x0 + x_.body, volume_.bottom, CandleColor(i));
  }
}

ColorIndex Builder::CandleColor(size_t i) const {
  const bool hollow = o_.type == ChartType::kHollowCandles;
  const double reference = hollow && i > 0 ? bars_.close[i - 1] : bars_.open[i];
  return bars_.close[i] >= reference ? c_.up : c_.down;
}

void Builder::DrawCandles(bool hollow) {
  for (size_t i = 0; i < slots_; ++i) {
    const double op = bars_.open[i], hi = bars_.high[i], lo = bars_.low[i], cl = bars_.close[i];
    // Hollow candles (as traders use them): colour by close against the
    // previous close, filled when the close is below the open.
    const ColorIndex c = CandleColor(i);
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
void Builder::DrawSlotLine(ValueAt value_at, const YMap& y, float width, ColorIndex c, bool clip) {
  s_->points.clear();
  for (size_t i = 0; i < slots_; ++i) {
    const double value = value_at(i);
    s_->points.push_back(x_.Center(i));
    s_->points.push_back(std::isnan(value) ? NAN : ToPixelF(y.Y(value) + 0.5));
  }
  const size_t points = KeepRunExtremes(s_->points.data(), slots_);
  out_->Polyline(s_->points.data(), static_cast<uint32_t>(points), width > 0 ? width : o_.line_width,
                 c, clip ? y.top : 0, clip ? y.bottom : 0);
}

void Builder::DrawSeriesLine(const StridedView<double>& v, const YMap& y, float width, ColorIndex c,
                             bool clip) {
  DrawSlotLine([&](size_t slot) { return Overlay(v, slot); }, y, width, c, clip);
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
      const float y_top = ToPixelF(price_.Y(PointFigureEdge(b + 1, box_)));
      const float y_bottom = ToPixelF(price_.Y(PointFigureEdge(b, box_)));
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
      // Inside the panel, whatever the value (a fixed scale may not hold it).
      const int32_t row = std::clamp(y.Row(v), y.top, y.bottom - 1), x0 = x_.BodyLeft(i);
      out_->Rect(x0, std::min(row, zero), x0 + x_.body, std::max(row, zero) + 1, v >= 0 ? up : down);
    }
  }
  for (const LineSeries& l : p.lines) {
    DrawSeriesLine(l.values, y, l.width, out_->palette().Intern(l.color | 0xFF), /*clip=*/true);
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

}  // namespace layout_internal
}  // namespace candlewick
