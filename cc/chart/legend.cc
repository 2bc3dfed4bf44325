#include "cc/chart/legend.h"

namespace candlewick {
namespace {

constexpr int32_t kSwatchWidth = 12;
constexpr int32_t kSwatchGap = 5;

// The space between the name and the first value, and between values.
int32_t NameGap(int font_size) { return font_size; }
int32_t ValueGap(int font_size) { return font_size / 2 + 1; }

}  // namespace

int32_t LegendRowHeight(const TextMeasure& text, int font_size) {
  return text.Ascent(font_size) + text.Descent(font_size) + 3;
}

int32_t LegendEntryWidth(const LegendEntry& e, const TextMeasure& text, int font_size) {
  int32_t w = e.has_swatch ? kSwatchWidth + kSwatchGap : 0;
  w += text.Width(e.name, font_size);
  for (size_t i = 0; i < e.value_count; ++i) {
    w += (i == 0 && !e.name.empty() ? NameGap(font_size) : i == 0 ? 0 : ValueGap(font_size)) +
         text.Width(e.values[i].text.view(), font_size);
  }
  return w;
}

void DrawLegendEntry(const LegendEntry& e, int32_t x, int32_t top, const TextMeasure& text,
                     int font_size, DisplayList* out) {
  const int32_t ascent = text.Ascent(font_size);
  const float baseline = static_cast<float>(top + ascent);
  const float size = static_cast<float>(font_size);
  if (e.has_swatch) {
    // A short thick line in the series' colour, centred on the x-height.
    const int32_t mid = top + ascent - ascent * 2 / 5;
    out->Rect(x, mid - 1, x + kSwatchWidth, mid + 2, e.swatch_color);
    x += kSwatchWidth + kSwatchGap;
  }
  if (!e.name.empty()) {
    out->Text(e.name, static_cast<float>(x), baseline, size, TextAnchor::kLeftBaseline,
              e.name_color);
    x += text.Width(e.name, font_size);
  }
  for (size_t i = 0; i < e.value_count; ++i) {
    x += i == 0 && !e.name.empty() ? NameGap(font_size) : i == 0 ? 0 : ValueGap(font_size);
    const absl::string_view v = e.values[i].text.view();
    out->Text(v, static_cast<float>(x), baseline, size, TextAnchor::kLeftBaseline,
              e.values[i].color);
    x += text.Width(v, font_size);
  }
}

}  // namespace candlewick
