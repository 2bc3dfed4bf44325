// Connects the chart's layout and rasteriser to the text module: measuring
// labels for layout and drawing them at their anchors.
#ifndef CANDLEWICK_CC_CHART_CHART_TEXT_H_
#define CANDLEWICK_CC_CHART_CHART_TEXT_H_

#include "absl/status/status.h"
#include "cc/chart/layout.h"
#include "cc/chart/rasterize.h"
#include "cc/text/font.h"

namespace candlewick {

class ChartText : public TextMeasure, public TextPainter {
 public:
  explicit ChartText(Font* font) : font_(font) {}

  // Layout measures in the mode text will be drawn in: FreeType's hinting
  // differs between mono and antialiased rendering by several pixels on
  // longer strings.
  void set_antialias(bool antialias) {
    measure_mode_ = antialias ? TextMode::kAntialiased : TextMode::kMono;
  }

  int Width(absl::string_view utf8, int pixel_size) const override;
  int Ascent(int pixel_size) const override;
  int Descent(int pixel_size) const override;
  void Draw(const Frame& frame, absl::string_view utf8, float x, float y, int pixel_size,
            TextAnchor anchor, uint32_t value, bool antialias) override;

  // The first error met while measuring or drawing (out of memory, a glyph
  // a caller's font cannot render); OK when there was none.
  const absl::Status& status() const { return status_; }
  void ClearStatus() { status_ = absl::OkStatus(); }

 private:
  TextMetrics MeasureOrZero(absl::string_view utf8, int pixel_size, TextMode mode) const;
  Font* font_;
  TextMode measure_mode_ = TextMode::kMono;
  mutable absl::Status status_;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_CHART_TEXT_H_
