#include "cc/chart/value_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace candlewick {

int DataDecimals(double v) {
  for (int d = 0; d < 8; ++d) {
    const double scaled = v * std::pow(10.0, d);
    if (std::fabs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::fabs(scaled))) return d;
  }
  return 8;
}

int StepDecimals(double step) {
  if (!(step > 0) || !std::isfinite(step)) return 0;
  return static_cast<int>(std::clamp(std::ceil(-std::log10(step) - 1e-9), 0.0, 10.0));
}

AxisLabel FormatFixed(double v, int decimals) {
  AxisLabel l;
  decimals = std::clamp(decimals, 0, 10);
  if (std::fabs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0.00"
  std::snprintf(l.text, sizeof l.text, "%.*f", decimals, v);
  return l;
}

AxisLabel FormatPrice(double v, int decimals, bool scientific, double step) {
  if (!scientific) return FormatFixed(v, decimals);
  AxisLabel l;
  if (step > 0 && std::fabs(v) < step * 1e-6) v = 0;  // a tick at zero, off by rounding
  int digits = 14;
  if (step > 0 && v != 0) {
    const double places = std::floor(std::log10(std::fabs(v))) - std::floor(std::log10(step));
    digits = static_cast<int>(std::clamp(places + 1, 0.0, 14.0));
  }
  std::snprintf(l.text, sizeof l.text, "%.*e", digits, v);
  char* e = std::strchr(l.text, 'e');
  if (e != nullptr && std::strchr(l.text, '.') != nullptr) {
    char* end = e;
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
    std::memmove(end, e, std::strlen(e) + 1);
  }
  return l;
}

bool NeedsScientific(double lo, double hi, double step) {
  return std::max(std::fabs(lo), std::fabs(hi)) >= 1e15 || step < 1e-10;
}

namespace {

// "1.50" -> "1.5", "2.0" -> "2".
void TrimZeros(char* text) {
  if (std::strchr(text, '.') == nullptr) return;
  char* end = text + std::strlen(text);
  while (end > text && end[-1] == '0') *--end = '\0';
  if (end > text && end[-1] == '.') *--end = '\0';
}

// FormatAbbreviated below 1000.
AxisLabel FormatSmall(double v, double step) {
  const double magnitude = std::fabs(v);
  if (step > 0) {
    if (step < 1e-10) return FormatPrice(v, 0, true, step);
    return FormatFixed(v, std::max(DataDecimals(step), StepDecimals(step)));
  }
  if (v != 0 && magnitude < 1e-10) return FormatPrice(v, 0, true);
  if (DataDecimals(v) == 0) return FormatFixed(v, 0);
  // Three significant digits, at least two decimals: 12.50, 0.00420.
  const int decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(magnitude))), 2, 10);
  return FormatFixed(v, decimals);
}

}  // namespace

AxisLabel FormatAbbreviated(double v, double step) {
  static const struct {
    double scale;
    const char* suffix;
  } kSuffixes[] = {{1e3, "K"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}};
  const double magnitude = std::fabs(v);
  if (magnitude >= 1e15) return FormatPrice(v, 0, true, step);
  int k = -1;
  while (k + 1 < 4 && magnitude >= kSuffixes[k + 1].scale) ++k;
  if (k < 0) return FormatSmall(v, step);
  for (;; ++k) {
    const double scaled = v / kSuffixes[k].scale;
    int decimals;
    if (step > 0) {
      decimals = std::min(3, DataDecimals(step / kSuffixes[k].scale));
    } else {
      decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(std::fabs(scaled)))), 0, 2);
    }
    AxisLabel l;
    std::snprintf(l.text, sizeof l.text, "%.*f", decimals, scaled);
    // 999.96K rounds to "1000K": say 1M instead.
    if (k + 1 < 4 && std::fabs(std::atof(l.text)) >= 1000) continue;
    TrimZeros(l.text);
    std::strncat(l.text, kSuffixes[k].suffix, sizeof l.text - std::strlen(l.text) - 1);
    return l;
  }
}

AxisLabel FormatValue(double v, int decimals) {
  if (std::isnan(v)) {
    AxisLabel l;
    std::snprintf(l.text, sizeof l.text, "n/a");
    return l;
  }
  if (std::fabs(v) >= 1e5) return FormatAbbreviated(v, 0);
  if (v != 0 && std::fabs(v) < 1e-10) return FormatPrice(v, decimals, true);
  return FormatFixed(v, decimals);
}

void ExtendRange(const StridedView<double>& v, double* lo, double* hi) {
  for (size_t i = 0; i < v.size(); ++i) {
    const double x = v[i];
    if (std::isnan(x)) continue;
    *lo = std::min(*lo, x);
    *hi = std::max(*hi, x);
  }
}

void PanelValueRange(const Panel& p, double* lo, double* hi) {
  if (p.min < p.max) {
    *lo = p.min;
    *hi = p.max;
    return;
  }
  double plo = std::numeric_limits<double>::infinity(), phi = -plo;
  for (const LineSeries& l : p.lines) ExtendRange(l.values, &plo, &phi);
  if (!p.histogram.is_null()) {
    ExtendRange(p.histogram, &plo, &phi);
    plo = std::min(plo, 0.0);
    phi = std::max(phi, 0.0);
  }
  for (double level : p.levels) {
    plo = std::min(plo, level);
    phi = std::max(phi, level);
  }
  if (!std::isfinite(plo)) {
    plo = 0;
    phi = 1;
  } else if (!(phi > plo)) {
    const double pad = phi != 0 ? std::fabs(phi) * 0.01 : 1.0;
    plo -= pad;
    phi += pad;
  }
  *lo = plo;
  *hi = phi;
}

double BoxTickStep(double box, double origin, double lo, double hi, int target, double* first) {
  // Steps across [lo, hi]; a span beyond the largest double in halves.
  auto count = [&](double s) {
    return std::isfinite(hi - lo) ? (hi - lo) / s : (hi * 0.5 - lo * 0.5) / s * 2;
  };
  double step = box;
  static const double kMultiples[] = {1, 2, 5};
  for (double decade = 1; std::isfinite(decade * 10) && !(count(step) <= std::max(1, target));
       decade *= 10) {
    for (double m : kMultiples) {
      if (!std::isfinite(box * m * decade)) break;
      step = box * m * decade;
      if (count(step) <= std::max(1, target)) break;
    }
  }
  *first = origin + std::ceil((lo - origin) / step - 1e-9) * step;
  if (!std::isfinite(*first)) *first = lo;  // origin and lo too far apart for a double
  return step;
}

void ValueAxisLayout::Clear() {
  ticks_.clear();
  for (Range& r : ranges_) r = Range();
  widest_ = 0;
}

void ValueAxisLayout::Compute(size_t axis, const ValueAxisRequest& r,
                              absl::FunctionRef<int32_t(double)> row_of, const TextMeasure& text,
                              int font_size) {
  Range& range = ranges_[axis];
  range.begin = ticks_.size();
  const int32_t half = (text.Ascent(font_size) + text.Descent(font_size)) / 2 + 1;
  auto fits = [&](int32_t row) {
    if (row - half < r.top - r.room_above || row + half > r.bottom) return false;
    if (std::llabs(static_cast<int64_t>(row) - r.skip_row) <= 2 * static_cast<int64_t>(r.skip_half)) {
      return false;
    }
    for (size_t i = range.begin; i < ticks_.size(); ++i) {
      if (ticks_[i].labelled && std::abs(row - ticks_[i].label_row) < 2 * half + 1) return false;
    }
    return true;
  };
  auto add = [&](ValueTick t, const AxisLabel& label) {
    t.labelled = fits(t.label_row);
    if (t.labelled) {
      t.label = label;
      widest_ = std::max(widest_, text.Width(t.label.view(), font_size));
    }
    ticks_.push_back(t);
  };
  for (double level : r.levels) {
    ValueTick t{};
    t.value = level;
    t.row = t.grid_row = t.label_row = row_of(level);
    t.level = true;
    if (t.row < r.top || t.row >= r.bottom) continue;
    // Levels matter more than round ticks: near an edge their label moves
    // inside the panel (the tick mark stays on the level).
    if (r.bottom - r.top >= 4 * half) {
      t.label_row = std::clamp(t.row, r.top - r.room_above + half, r.bottom - half);
    }
    add(t, r.abbreviate ? FormatAbbreviated(level, 0)
                        : FormatPrice(level, r.level_decimals, r.scientific));
  }
  if (r.step > 0 && std::isfinite(r.step) && std::isfinite(r.first)) {
    // An abbreviated axis reaching 1e15 is scientific throughout, not
    // "750T" under "1e+15".
    const bool huge = r.abbreviate && std::max(std::fabs(r.first), std::fabs(r.hi)) >= 1e15;
    // One tick per row at most, whatever the step.
    const int64_t rows = std::max(0, r.bottom - r.top);
    for (int64_t k = 0; k <= rows; ++k) {
      const double v = r.first + static_cast<double>(k) * r.step;
      if (!(v <= r.hi + r.step * 1e-9)) break;
      ValueTick t{};
      t.value = v;
      t.grid_row = row_of(v);
      t.row = t.label_row = r.label_offset != 0 ? row_of(v + r.label_offset) : t.grid_row;
      if (t.grid_row < r.top || t.grid_row >= r.bottom) continue;
      add(t, huge       ? FormatPrice(v, 0, true, r.step)
             : r.abbreviate ? FormatAbbreviated(v, r.step)
                            : FormatPrice(v, r.decimals, r.scientific, r.step));
    }
  }
  range.end = ticks_.size();
}

absl::Span<const ValueTick> ValueAxisLayout::ticks(size_t axis) const {
  const Range& r = ranges_[axis];
  return {ticks_.data() + r.begin, r.end - r.begin};
}

void ValueAxisLayout::DrawGrid(size_t axis, int32_t grid_left, int32_t axis_x,
                               const AxisStyle& style, DisplayList* out) const {
  if (!style.grid) return;
  for (const ValueTick& t : ticks(axis)) {
    if (!t.level) out->Rect(grid_left, t.grid_row, axis_x, t.grid_row + 1, style.grid_color);
  }
}

void ValueAxisLayout::DrawLabels(size_t axis, int32_t top, int32_t bottom, int32_t axis_x,
                                 const AxisStyle& style, DisplayList* out) const {
  out->Rect(axis_x, top, axis_x + 1, bottom, style.axis_color);
  for (const ValueTick& t : ticks(axis)) {
    if (t.row >= top && t.row < bottom) {
      out->Rect(axis_x + 1, t.row, axis_x + 4, t.row + 1, style.axis_color);
    }
    if (!t.labelled) continue;
    out->Text(t.label.view(), static_cast<float>(axis_x + 5), static_cast<float>(t.label_row) + 0.5f,
              static_cast<float>(style.font_size), TextAnchor::kLeftMiddle, style.text_color);
  }
}

}  // namespace candlewick
