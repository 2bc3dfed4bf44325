#include "cc/chart/chart_text.h"

#include <cmath>

namespace candlewick {

TextMetrics ChartText::MeasureOrZero(absl::string_view utf8, int pixel_size,
                                     TextMode mode) const {
  // After a failure (out of memory inside FreeType) the face may be in a
  // half-updated state: touch it no more; the chart replaces the font.
  if (!status_.ok()) return TextMetrics();
  absl::StatusOr<TextMetrics> m =
      font_->Measure(std::string_view(utf8.data(), utf8.size()), pixel_size, mode);
  if (!m.ok()) {
    if (status_.ok()) status_ = m.status();
    return TextMetrics();
  }
  return *m;
}

int ChartText::Width(absl::string_view utf8, int pixel_size) const {
  return MeasureOrZero(utf8, pixel_size, measure_mode_).advance;
}

int ChartText::Ascent(int pixel_size) const {
  return MeasureOrZero("0", pixel_size, measure_mode_).ascent;
}

int ChartText::Descent(int pixel_size) const {
  return MeasureOrZero("0", pixel_size, measure_mode_).descent;
}

void ChartText::Draw(const Frame& frame, absl::string_view utf8, float x, float y, int pixel_size,
                     TextAnchor anchor, uint32_t value, bool antialias) {
  const TextMode mode = antialias && frame.bytes_per_pixel == 4 ? TextMode::kAntialiased
                                                                : TextMode::kMono;
  const TextMetrics m = MeasureOrZero(utf8, pixel_size, mode);
  if (!status_.ok()) return;
  float left = x, baseline = y;
  switch (anchor) {
    case TextAnchor::kLeftBaseline:
      break;
    case TextAnchor::kCenterBaseline:
      left = x - m.advance * 0.5f;
      break;
    case TextAnchor::kRightBaseline:
      left = x - static_cast<float>(m.advance);
      break;
    case TextAnchor::kLeftMiddle:
    case TextAnchor::kRightMiddle:
      // Centre the ink, not the line box: digits sit where the eye expects.
      baseline = y - (m.ink_top + m.ink_bottom) * 0.5f;
      if (anchor == TextAnchor::kRightMiddle) left = x - static_cast<float>(m.advance);
      break;
    case TextAnchor::kCenterTop:
      left = x - m.advance * 0.5f;
      baseline = y + static_cast<float>(m.ascent);
      break;
  }
  const absl::Status st =
      font_->DrawText(frame, std::string_view(utf8.data(), utf8.size()),
                      static_cast<int32_t>(std::floor(left + 0.5f)),
                      static_cast<int32_t>(std::floor(baseline + 0.5f)), pixel_size, value, mode);
  if (!st.ok() && status_.ok()) status_ = st;
}

}  // namespace candlewick
