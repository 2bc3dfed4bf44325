// The general render entry points: overlays, bands, panels, every output
// format, caller-owned or library-owned.
#include <cmath>
#include <cstring>

#include "capi/candlewick.h"
#include "capi/convert.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/chart/chart.h"

using candlewick::ErrorCode;
using candlewick::OutputFormat;
using candlewick::capi::ClearError;
using candlewick::capi::DestroyBuffer;
using candlewick::capi::Fail;
using candlewick::capi::Guard;
using candlewick::capi::NewBuffer;
using candlewick::capi::Recorded;

static_assert(CW_MAX_CHART_BOXES == candlewick::kMaxChartBoxes, "chart work bound");
static_assert(CW_MAX_PANELS == candlewick::kMaxPanels, "panel count");

namespace {

bool KnownFormat(int32_t format) {
  return format >= 0 && format < candlewick::kOutputFormatCount;
}

// Converts `data` into the chart's reusable storage; reports failures on
// the handle.
cw_status Convert(cw_chart* chart, const cw_chart_data* data, candlewick::ChartData* out) {
  const char* message = "";
  const cw_status st = candlewick::capi::ToChartData(*data, &chart->data, out, &message);
  return st == CW_OK ? CW_OK : Fail(chart, static_cast<ErrorCode>(st), message);
}

}  // namespace

extern "C" {

void cw_chart_data_init(cw_chart_data* data, const cw_ohlcv* series) {
  if (data == nullptr) return;
  std::memset(data, 0, sizeof *data);
  data->struct_size = sizeof *data;
  if (series != nullptr) data->series = *series;
}

size_t cw_format_bytes_per_pixel(int32_t format) {
  return KnownFormat(format) ? candlewick::BytesPerPixel(static_cast<OutputFormat>(format)) : 0;
}

namespace {

cw_status RenderFrameUnrecorded(cw_chart* chart, const cw_chart_data* data, int32_t format,
                                uint8_t* pixels, size_t buffer_size, size_t row_stride) {
  ClearError(chart);
  if (data == nullptr) return Fail(chart, ErrorCode::kNullArgument, "the chart data (or series) is NULL");
  if (!KnownFormat(format) || cw_format_bytes_per_pixel(format) == 0) {
    return Fail(chart, ErrorCode::kInvalidArgument,
                "format must be CW_FORMAT_RGBA8, CW_FORMAT_RGB8 or CW_FORMAT_INDEXED8");
  }
  return Guard(chart, [&]() -> cw_status {
    candlewick::ChartData d;
    if (cw_status st = Convert(chart, data, &d); st != CW_OK) return st;
    const absl::Status st = chart->chart.RenderFrame(d, static_cast<OutputFormat>(format), pixels,
                                                     buffer_size, row_stride);
    return st.ok() ? CW_OK : Fail(chart, st);
  });
}

cw_status RenderUnrecorded(cw_chart* chart, const cw_chart_data* data, int32_t format,
                          cw_buffer** out) {
  ClearError(chart);
  if (out == nullptr) return Fail(chart, ErrorCode::kNullArgument, "out is NULL");
  if (data == nullptr) return Fail(chart, ErrorCode::kNullArgument, "the chart data (or series) is NULL");
  if (!KnownFormat(format)) return Fail(chart, ErrorCode::kInvalidArgument, "unknown format");
  return Guard(chart, [&]() -> cw_status {
    candlewick::ChartData d;
    if (cw_status st = Convert(chart, data, &d); st != CW_OK) return st;
    cw_buffer* buffer = NewBuffer(chart->chart.hooks());
    if (buffer == nullptr) return Fail(chart, ErrorCode::kOutOfMemory, "output buffer");
    const absl::Status st =
        chart->chart.Render(d, static_cast<OutputFormat>(format), &buffer->bytes);
    if (!st.ok()) {
      DestroyBuffer(buffer);
      return Fail(chart, st);
    }
    *out = buffer;
    return CW_OK;
  });
}

size_t Rows(const cw_chart_data* data) {
  return data != nullptr ? data->series.close.length : 0;
}

}  // namespace

// Both record themselves into an attached stats handle (cw_chart_attach_stats):
// raw frames as CW_STATS_RENDER, encoded files as CW_STATS_ENCODE (one sample
// for the render and the encode, which run as one pass). Detached, the cost
// is the pointer test: no clock is read.
cw_status cw_chart_render_frame(cw_chart* chart, const cw_chart_data* data, int32_t format,
                                uint8_t* pixels, size_t buffer_size, size_t row_stride) {
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  return Recorded(
      chart->stats, CW_STATS_RENDER,
      [&] { return RenderFrameUnrecorded(chart, data, format, pixels, buffer_size, row_stride); },
      [&] {
        return cw_format_bytes_per_pixel(format) * static_cast<size_t>(chart->chart.width()) *
               static_cast<size_t>(chart->chart.height());
      },
      [&] { return Rows(data); });
}

cw_status cw_chart_render(cw_chart* chart, const cw_chart_data* data, int32_t format,
                          cw_buffer** out) {
  if (out != nullptr) *out = nullptr;
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  const int32_t kind = cw_format_bytes_per_pixel(format) != 0 ? CW_STATS_RENDER : CW_STATS_ENCODE;
  return Recorded(
      chart->stats, kind, [&] { return RenderUnrecorded(chart, data, format, out); },
      [&] { return cw_buffer_size(*out); }, [&] { return Rows(data); });
}

cw_status cw_chart_palette(const cw_chart* chart, cw_color* colors, size_t capacity,
                           size_t* count) {
  if (chart == nullptr || count == nullptr || (colors == nullptr && capacity > 0)) {
    return CW_ERR_NULL_ARGUMENT;
  }
  const candlewick::Palette& pal = chart->chart.display_list().palette();
  const size_t n = static_cast<size_t>(pal.size());
  for (size_t i = 0; i < n && i < capacity; ++i) colors[i] = pal[static_cast<uint8_t>(i)];
  *count = n;
  return CW_OK;
}

cw_status cw_chart_set_webp_quality(cw_chart* chart, float quality) {
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  ClearError(chart);
  if (!(quality >= 0.0f && quality <= 100.0f)) {
    return Fail(chart, ErrorCode::kInvalidArgument, "WebP quality must be in [0, 100]");
  }
  chart->chart.set_webp_quality(quality);
  return CW_OK;
}

// The first API's calls are the general ones with a series-only cw_chart_data
// (so they validate, record statistics and fail exactly alike).
cw_status cw_chart_render_rgba(cw_chart* chart, const cw_ohlcv* series, uint8_t* pixels,
                               size_t buffer_size, size_t row_stride) {
  // A NULL series goes through as NULL data: the call fails (and is
  // recorded) like any other.
  cw_chart_data data;
  cw_chart_data_init(&data, series);
  return cw_chart_render_frame(chart, series != nullptr ? &data : nullptr, CW_FORMAT_RGBA8, pixels,
                               buffer_size, row_stride);
}

cw_status cw_chart_render_rgba_buffer(cw_chart* chart, const cw_ohlcv* series, cw_buffer** out) {
  cw_chart_data data;
  cw_chart_data_init(&data, series);
  return cw_chart_render(chart, series != nullptr ? &data : nullptr, CW_FORMAT_RGBA8, out);
}

cw_status cw_chart_render_png(cw_chart* chart, const cw_ohlcv* series, cw_buffer** out) {
  cw_chart_data data;
  cw_chart_data_init(&data, series);
  return cw_chart_render(chart, series != nullptr ? &data : nullptr, CW_FORMAT_PNG, out);
}

}  // extern "C"
