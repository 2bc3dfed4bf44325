#include "capi/convert.h"

#include <cmath>
#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"
#include "capi/shim.h"
#include "cc/base/status.h"
#include "cc/chart/time_axis.h"

namespace candlewick {
namespace capi {

namespace {

// The first published cw_chart_data layout ends with `title` (capi/shim.h).
CW_FROZEN_V1_SIZE(kChartDataV1Size, cw_chart_data, title, 208);

}  // namespace

StridedView<double> ToView(const cw_f64_column& c) { return {c.data, c.length, c.stride}; }
StridedView<int64_t> ToView(const cw_i64_column& c) { return {c.data, c.length, c.stride}; }

OhlcvView ToView(const cw_ohlcv& s) {
  OhlcvView v;
  v.time = ToView(s.time);
  v.open = ToView(s.open);
  v.high = ToView(s.high);
  v.low = ToView(s.low);
  v.close = ToView(s.close);
  v.volume = ToView(s.volume);
  return v;
}

ChartData SeriesOnly(const cw_ohlcv& s) {
  ChartData d;
  d.series = ToView(s);
  return d;
}

absl::Status ToChartOptions(const cw_chart_options& in, ChartOptions* out) {
  // Width and height are compared as unsigned before narrowing to int32.
  if (in.width < CW_MIN_DIMENSION || in.width > CW_MAX_DIMENSION ||
      in.height < CW_MIN_DIMENSION || in.height > CW_MAX_DIMENSION) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("width and height must be in [", CW_MIN_DIMENSION, ", ",
                              CW_MAX_DIMENSION, "], got ", in.width, "x", in.height));
  }
  if (!IsKnownTheme(in.theme)) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown theme ", in.theme));
  }
  if (in.type < 0 || in.type >= kChartTypeCount) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown chart type ", in.type));
  }
  if (!IsKnownPngPreset(in.png_preset)) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown PNG preset ", in.png_preset));
  }
  LayoutOptions& o = out->layout;
  o.width = static_cast<int32_t>(in.width);
  o.height = static_cast<int32_t>(in.height);
  o.type = static_cast<ChartType>(in.type);
  o.theme = ThemeColors(static_cast<ThemeId>(in.theme));
  if (in.use_custom_colors) {
    o.theme = {in.background, in.grid, in.up, in.down, in.text, in.axis};
  }
  o.show_volume = in.show_volume != 0;
  o.show_grid = in.show_grid != 0;
  o.show_axes = in.show_axes != 0;
  o.antialias = in.antialias != 0;
  o.price_weight = in.price_weight;
  o.volume_weight = in.volume_weight;
  o.panel_gap = in.panel_gap;
  o.margin = in.margin;
  o.line_width = in.line_width;
  o.box_size = in.box_size;
  o.reversal = in.reversal;
  o.font_size = in.label_size;
  out->png_preset = static_cast<PngPreset>(in.png_preset);
  if (absl::Status st = Chart::ValidateOptions(*out); !st.ok()) return st;
  // Fields added after the first layout are read only when the caller's
  // struct has them (CW_FIELD_END).
  if (in.struct_size >= CW_FIELD_END(cw_chart_options, time_zone) && in.time_zone != nullptr) {
    return LoadChartTimeZone(in.time_zone, &o.time_zone);
  }
  o.time_zone = absl::UTCTimeZone();
  return absl::OkStatus();
}

namespace {

// The overlay, band, panel, line and level arrays: none NULL with a non-zero
// count, at most CW_MAX_PANELS panels. *line_total counts the overlays and
// every panel's lines.
cw_status CheckChartArrays(const cw_chart_data& in, size_t* line_total, const char** message) {
  if ((in.overlays == nullptr && in.overlay_count != 0) ||
      (in.bands == nullptr && in.band_count != 0) ||
      (in.panels == nullptr && in.panel_count != 0)) {
    *message = "an overlay, band or panel array is NULL with a non-zero count";
    return CW_ERR_NULL_ARGUMENT;
  }
  if (in.panel_count > kMaxPanels) {
    *message = "more than CW_MAX_PANELS panels";
    return CW_ERR_INVALID_ARGUMENT;
  }
  *line_total = in.overlay_count;
  for (size_t i = 0; i < in.panel_count; ++i) {
    if (in.panels[i].lines == nullptr && in.panels[i].line_count != 0) {
      *message = "a panel's line array is NULL with a non-zero count";
      return CW_ERR_NULL_ARGUMENT;
    }
    if (in.panels[i].levels == nullptr && in.panels[i].level_count != 0) {
      *message = "a panel's level array is NULL with a non-zero count";
      return CW_ERR_NULL_ARGUMENT;
    }
    *line_total += in.panels[i].line_count;
  }
  return CW_OK;
}

LineSeries ToLine(const cw_line& l) {
  LineSeries s;
  s.values = ToView(l.values);
  s.color = l.color;
  s.width = l.width;
  return s;
}

Band ToBand(const cw_band& b) {
  Band band;
  band.upper = ToView(b.upper);
  band.lower = ToView(b.lower);
  band.fill = b.fill;
  band.line = b.line;
  band.width = b.width;
  return band;
}

// Appends the panel's lines to `lines`, which must not reallocate (reserved).
Panel ToPanel(const cw_panel& p, HookVector<LineSeries>* lines) {
  const size_t first = lines->size();
  for (size_t k = 0; k < p.line_count; ++k) lines->push_back(ToLine(p.lines[k]));
  Panel panel;
  panel.weight = p.weight;
  panel.lines = absl::MakeConstSpan(lines->data() + first, p.line_count);
  panel.histogram = ToView(p.histogram);
  panel.histogram_up = p.histogram_up;
  panel.histogram_down = p.histogram_down;
  panel.levels = absl::MakeConstSpan(p.levels, p.level_count);
  panel.min = p.min;
  panel.max = p.max;
  panel.title = p.title != nullptr ? absl::string_view(p.title) : absl::string_view();
  return panel;
}

}  // namespace

cw_status ToChartData(const cw_chart_data& in, ChartDataStorage* storage, ChartData* out,
                      const char** message) {
  if (in.struct_size < kChartDataV1Size) {
    *message = "cw_chart_data.struct_size is too small (use cw_chart_data_init)";
    return CW_ERR_STRUCT_SIZE;
  }
  size_t line_total = 0;
  if (cw_status st = CheckChartArrays(in, &line_total, message); st != CW_OK) return st;
  // Reserve first: spans into these vectors must not move while filling.
  storage->lines.clear();
  storage->bands.clear();
  storage->panels.clear();
  storage->lines.reserve(line_total);
  storage->bands.reserve(in.band_count);
  storage->panels.reserve(in.panel_count);
  for (size_t i = 0; i < in.overlay_count; ++i) storage->lines.push_back(ToLine(in.overlays[i]));
  for (size_t i = 0; i < in.band_count; ++i) storage->bands.push_back(ToBand(in.bands[i]));
  for (size_t i = 0; i < in.panel_count; ++i) {
    storage->panels.push_back(ToPanel(in.panels[i], &storage->lines));
  }
  out->series = ToView(in.series);
  out->overlays = absl::MakeConstSpan(storage->lines.data(), in.overlay_count);
  out->bands = absl::MakeConstSpan(storage->bands.data(), storage->bands.size());
  out->panels = absl::MakeConstSpan(storage->panels.data(), storage->panels.size());
  out->title = in.title != nullptr ? absl::string_view(in.title) : absl::string_view();
  // Legend names: a later addition, read only when the caller's struct has them.
  out->overlay_names = {};
  out->band_names = {};
  if (in.struct_size >= offsetof(cw_chart_data, band_names) + sizeof in.band_names) {
    if (in.overlay_names != nullptr) out->overlay_names = {in.overlay_names, in.overlay_count};
    if (in.band_names != nullptr) out->band_names = {in.band_names, in.band_count};
  }
  return CW_OK;
}

}  // namespace capi
}  // namespace candlewick
