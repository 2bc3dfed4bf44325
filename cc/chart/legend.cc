#include "cc/chart/legend.h"

#include <algorithm>

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

constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

namespace {

bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// The start of the character after the one at `i` (or the end).
size_t NextChar(absl::string_view s, size_t i) {
  ++i;
  while (i < s.size() && IsContinuation(s[i])) ++i;
  return std::min(i, s.size());
}

}  // namespace

size_t FitNamePrefix(absl::string_view name, int32_t room, const TextMeasure& text,
                     int font_size) {
  const int32_t ellipsis = text.Width(kEllipsis, font_size);
  auto fits = [&](size_t bytes) {
    return text.Width(name.substr(0, bytes), font_size) + ellipsis <= room;
  };
  // Widths grow with the prefix: a binary search over character starts,
  // `lo` always one that fits (or 0), the answer in [lo, hi].
  size_t lo = 0, hi = name.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo + 1) / 2;
    while (mid > lo && mid < name.size() && IsContinuation(name[mid])) --mid;
    if (mid == lo) mid = NextChar(name, lo);
    if (mid > hi) break;  // no character starts in (lo, hi]
    if (fits(mid)) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

namespace {

// The widths of the values drawn after a name (with its gap) or alone.
int32_t ValuesWidth(const LegendEntry& e, size_t count, bool named, const TextMeasure& text,
                    int font_size) {
  int32_t w = 0;
  for (size_t i = 0; i < count; ++i) {
    w += (i == 0 ? (named ? NameGap(font_size) : 0) : ValueGap(font_size)) +
         text.Width(e.values[i].text.view(), font_size);
  }
  return w;
}

}  // namespace

void DrawLegendEntry(const LegendEntry& e, int32_t x, int32_t top, int32_t right,
                     const TextMeasure& text, int font_size, DisplayList* out) {
  const int32_t ascent = text.Ascent(font_size);
  const float baseline = static_cast<float>(top + ascent);
  const float size = static_cast<float>(font_size);
  if (e.has_swatch) {
    // A short thick line in the series' colour, centred on the x-height.
    const int32_t mid = top + ascent - ascent * 2 / 5;
    out->Rect(x, mid - 1, x + kSwatchWidth, mid + 2, e.swatch_color);
    x += kSwatchWidth + kSwatchGap;
  }
  const bool named = !e.name.empty();
  size_t values = e.value_count;
  absl::string_view name = e.name;
  bool cut = false;
  if (x + LegendEntryWidth(e, text, font_size) - (e.has_swatch ? kSwatchWidth + kSwatchGap : 0) >
      right) {
    // The name keeps at least one character and the ellipsis; then values go.
    const int32_t least =
        named ? text.Width(name.substr(0, NextChar(name, 0)), font_size) +
                    text.Width(kEllipsis, font_size)
              : 0;
    while (values > 0 && x + least + ValuesWidth(e, values, named, text, font_size) > right) {
      --values;
    }
    const int32_t room = right - x - ValuesWidth(e, values, named, text, font_size);
    if (named && text.Width(name, font_size) > room) {
      name = name.substr(0, FitNamePrefix(name, room, text, font_size));
      cut = true;
    }
  }
  if (named) {
    if (!name.empty()) {
      out->Text(name, static_cast<float>(x), baseline, size, TextAnchor::kLeftBaseline,
                e.name_color);
      x += text.Width(name, font_size);
    }
    if (cut) {
      out->Text(kEllipsis, static_cast<float>(x), baseline, size, TextAnchor::kLeftBaseline,
                e.name_color);
      x += text.Width(kEllipsis, font_size);
    }
  }
  for (size_t i = 0; i < values; ++i) {
    x += i == 0 && named ? NameGap(font_size) : i == 0 ? 0 : ValueGap(font_size);
    const absl::string_view v = e.values[i].text.view();
    out->Text(v, static_cast<float>(x), baseline, size, TextAnchor::kLeftBaseline,
              e.values[i].color);
    x += text.Width(v, font_size);
  }
}

}  // namespace candlewick
