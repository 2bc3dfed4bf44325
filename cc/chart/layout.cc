#include "cc/chart/layout.h"

#include <algorithm>
#include <cmath>

namespace candlewick {
namespace {

int32_t RoundToPixel(double v) { return static_cast<int32_t>(std::floor(v + 0.5)); }

// Maps a price to a row of the price panel: the highest high on the panel's
// first row, the lowest low on its last. A flat series sits mid-panel.
class PriceScale {
 public:
  PriceScale(const SeriesRange& range, int32_t top, int32_t bottom)
      : high_(range.high), top_(top), rows_(bottom - top - 1) {
    const double span = range.high - range.low;
    // A flat series (span == 0) has no scale; draw it in the middle instead of
    // dividing by zero.
    scale_ = span > 0 ? rows_ / span : 0.0;
  }
  int32_t Row(double price) const {
    if (scale_ == 0.0) return top_ + rows_ / 2;
    return top_ + RoundToPixel((high_ - price) * scale_);
  }

 private:
  double high_;
  int32_t top_;
  int32_t rows_;
  double scale_;
};

}  // namespace

PanelGeometry ComputePanels(const CandlestickLayoutOptions& o, bool has_volume) {
  PanelGeometry g;
  g.price_top = 0;
  if (o.show_volume && has_volume) {
    // The reference layout: price in the top 70%, volume in the bottom 30%,
    // with one background row between them so the bars never touch.
    g.price_bottom = RoundToPixel(o.height * 0.7);
    g.volume_top = g.price_bottom + 1;
    g.volume_bottom = o.height;
  } else {
    g.price_bottom = o.height;
    g.volume_top = g.volume_bottom = o.height;
  }
  return g;
}

void LayoutCandlesticks(const OhlcvView& s, const SeriesRange& range,
                        const CandlestickLayoutOptions& o, DisplayList* out) {
  out->clear();
  const size_t n = s.size();
  const PanelGeometry g = ComputePanels(o, s.has_volume());
  out->push_back({0, 0, o.width, o.height, kBackground});

  // Slots of width W/(n+1) with candle i centred on (i+1) slots; bodies take
  // 80% of a slot, at least one pixel; the wick is centred on the body.
  const double slot = static_cast<double>(o.width) / static_cast<double>(n + 1);
  const int32_t body_w = std::max<int32_t>(1, static_cast<int32_t>(std::floor(slot * 0.8)));
  const int32_t wick_w = std::max<int32_t>(1, body_w / 8);
  auto body_left = [&](size_t i) {
    return RoundToPixel((static_cast<double>(i) + 1.0) * slot - body_w * 0.5);
  };

  if (o.show_grid) {
    const int32_t rows = g.price_bottom - g.price_top;
    for (int k = 1; k <= 9; ++k) {
      const int32_t y = g.price_top + RoundToPixel(rows * k / 10.0);
      out->push_back({0, y, o.width, y + 1, kGrid});
    }
    const size_t step = std::max<size_t>(1, n / 20);
    for (size_t i = 0; i < n; i += step) {
      const int32_t x = body_left(i) + (body_w - wick_w) / 2;
      out->push_back({x, 0, x + 1, o.height, kGrid});
    }
  }

  const PriceScale price(range, g.price_top, g.price_bottom);
  const bool volume_panel = g.volume_bottom > g.volume_top && range.max_volume > 0;
  const int32_t volume_rows = g.volume_bottom - g.volume_top;
  for (size_t i = 0; i < n; ++i) {
    const double op = s.open[i], hi = s.high[i], lo = s.low[i], cl = s.close[i];
    const ColorRole role = cl >= op ? kUp : kDown;
    const int32_t x0 = body_left(i);
    const int32_t wx = x0 + (body_w - wick_w) / 2;
    out->push_back({wx, price.Row(hi), wx + wick_w, price.Row(lo) + 1, role});
    const int32_t top = price.Row(std::max(op, cl));
    const int32_t bottom = price.Row(std::min(op, cl)) + 1;
    out->push_back({x0, top, x0 + body_w, bottom, role});
    if (volume_panel) {
      const double v = s.volume[i];
      const int32_t bar = RoundToPixel(v / range.max_volume * volume_rows);
      if (bar > 0) {
        out->push_back({x0, g.volume_bottom - bar, x0 + body_w, g.volume_bottom, role});
      }
    }
  }
}

}  // namespace candlewick
