// What a chart is asked to draw: options fixed per chart handle, and the data
// of one render (the price series plus overlays, bands and extra panels).
// Everything in ChartData is borrowed for the duration of one render.
#ifndef CANDLEWICK_CC_CHART_CHART_DATA_H_
#define CANDLEWICK_CC_CHART_CHART_DATA_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cc/base/strided.h"
#include "cc/chart/theme.h"
#include "cc/series/ohlcv.h"

namespace candlewick {

enum class ChartType : int32_t {
  kCandlestick = 0,
  kHollowCandles = 1,
  kOhlcBars = 2,
  kLine = 3,
  kArea = 4,
  kHeikinAshi = 5,
  kRenko = 6,
  kPointAndFigure = 7,
};
inline constexpr int32_t kChartTypeCount = 8;
inline constexpr size_t kMaxPanels = 8;  // extra panels under the price panel
// The most renko bricks, or point-and-figure boxes (X's and O's of all
// columns), one chart draws (CW_MAX_CHART_BOXES): the bound on a chart's work
// whatever the box size.
inline constexpr uint64_t kMaxChartBoxes = 100000;

struct LayoutOptions {
  int32_t width = 800;
  int32_t height = 600;
  ChartType type = ChartType::kCandlestick;
  Theme theme = ThemeColors(ThemeId::kClassic);
  bool show_volume = true;
  bool show_grid = true;
  bool show_axes = false;   // price and time axes, last-price marker, title
  bool antialias = false;   // coverage-blended lines and text; false = crisp
  float volume_weight = 0.3f;  // panel heights are proportional to weights;
  float price_weight = 0.7f;   // extra panels bring their own
  int32_t panel_gap = 1;       // background rows between stacked panels
  int32_t margin = 0;          // around the plot area (axes add their own)
  float line_width = 1.5f;     // line/area charts and overlays by default
  double box_size = 0;         // renko / point-and-figure; 0 = ATR(14)
  int32_t reversal = 3;        // point-and-figure reversal in boxes
  int32_t font_size = 11;      // axis labels, in pixels
  absl::TimeZone time_zone = absl::UTCTimeZone();  // of the time axis labels
};

// One line over the price panel or inside an extra panel: values per row of
// the series (NaN where there is no value: the line breaks there).
struct LineSeries {
  StridedView<double> values;
  Rgba color = 0x2196F3FF;
  float width = 0;  // 0 = the chart's line_width
};

// A filled band between two series (Bollinger, Keltner, Ichimoku cloud),
// with its edges stroked. `fill` may be translucent: it is blended onto the
// background once, so the frame stays opaque.
struct Band {
  StridedView<double> upper;
  StridedView<double> lower;
  Rgba fill = 0x2196F320;
  Rgba line = 0x2196F3FF;
  float width = 1.0f;
};

// An extra panel under the price (and volume) panels: an oscillator with
// reference levels, and/or a histogram around zero with signal lines.
struct Panel {
  float weight = 0.25f;             // height relative to the price panel's 0.7
  absl::Span<const LineSeries> lines;
  StridedView<double> histogram;    // optional
  Rgba histogram_up = 0;            // 0 = the theme's up/down colours
  Rgba histogram_down = 0;
  absl::Span<const double> levels;  // horizontal reference lines
  double min = 0, max = 0;          // fixed scale when min < max, else auto
  absl::string_view title;          // drawn when axes are on, with the
                                    // lines' and histogram's last values
};

struct ChartData {
  OhlcvView series;
  absl::Span<const LineSeries> overlays;
  absl::Span<const Band> bands;
  absl::Span<const Panel> panels;
  absl::string_view title;
  // Legend names (UTF-8) of the overlays and bands, drawn with their last
  // values when axes are on: empty, or one per overlay / band (a null entry
  // leaves that one out of the legend).
  absl::Span<const char* const> overlay_names;
  absl::Span<const char* const> band_names;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_CHART_DATA_H_
