// The C ABI: a thin shim that converts C structs to the C++ core's types,
// catches every C++ exception at the boundary, and turns absl::Status into
// stable cw_status codes plus a per-handle message.
#include "capi/candlewick.h"
#include "capi/handles.h"

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <new>

#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/chart/chart.h"
#include "cc/series/ohlcv.h"

using candlewick::AllocatorHooks;
using candlewick::ByteBuffer;
using candlewick::Chart;
using candlewick::ChartOptions;
using candlewick::ErrorCode;

namespace {

#define CW_STR2(x) #x
#define CW_STR(x) CW_STR2(x)

// The size of the first published cw_chart_options layout; callers built
// against a newer header pass a larger struct, whose extra tail we ignore.
constexpr size_t kChartOptionsV1Size = sizeof(cw_chart_options);

cw_status ToStatus(ErrorCode code) { return static_cast<cw_status>(code); }

cw_status Fail(cw_chart* chart, const absl::Status& status) {
  const ErrorCode code = candlewick::CodeOf(status);
  if (chart != nullptr) {
    std::snprintf(chart->last_error, sizeof chart->last_error, "%s",
                  std::string(status.message()).c_str());
  }
  return ToStatus(code);
}

cw_status Fail(cw_chart* chart, ErrorCode code, const char* message) {
  if (chart != nullptr) {
    std::snprintf(chart->last_error, sizeof chart->last_error, "%s", message);
  }
  return ToStatus(code);
}

void ClearError(cw_chart* chart) { chart->last_error[0] = '\0'; }

candlewick::OhlcvView ToView(const cw_ohlcv& s) {
  candlewick::OhlcvView v;
  v.time = {s.time.data, s.time.length, s.time.stride};
  v.open = {s.open.data, s.open.length, s.open.stride};
  v.high = {s.high.data, s.high.length, s.high.stride};
  v.low = {s.low.data, s.low.length, s.low.stride};
  v.close = {s.close.data, s.close.length, s.close.stride};
  v.volume = {s.volume.data, s.volume.length, s.volume.stride};
  return v;
}

// Runs `body`, converting any escaping C++ exception into a status: nothing
// may unwind through C callers.
template <typename Body>
cw_status Guard(cw_chart* chart, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(chart, ErrorCode::kOutOfMemory, "out of memory");
  } catch (...) {
    return Fail(chart, ErrorCode::kInternal, "unexpected internal exception");
  }
}

// Makes a library-owned buffer with the chart's hooks; nullptr on OOM.
cw_buffer* NewBuffer(const AllocatorHooks& hooks) {
  return candlewick::NewWithHooks<cw_buffer>(hooks, hooks);
}

void DestroyBuffer(cw_buffer* buffer) {
  if (buffer == nullptr) return;
  const AllocatorHooks hooks = buffer->bytes.hooks();
  candlewick::DeleteWithHooks(hooks, buffer);
}

}  // namespace

extern "C" {

uint32_t cw_version(void) { return CW_VERSION_NUMBER; }

const char* cw_version_string(void) {
  return CW_STR(CW_VERSION_MAJOR) "." CW_STR(CW_VERSION_MINOR) "." CW_STR(CW_VERSION_PATCH);
}

const char* cw_status_string(cw_status status) { return candlewick::ErrorCodeText(status); }

const uint8_t* cw_buffer_data(const cw_buffer* buffer) {
  return buffer == nullptr ? nullptr : buffer->bytes.data();
}

size_t cw_buffer_size(const cw_buffer* buffer) {
  return buffer == nullptr ? 0 : buffer->bytes.size();
}

void cw_buffer_destroy(cw_buffer* buffer) { DestroyBuffer(buffer); }

cw_ohlcv cw_ohlcv_contiguous(size_t length, const int64_t* time, const double* open,
                             const double* high, const double* low, const double* close,
                             const double* volume) {
  cw_ohlcv s;
  std::memset(&s, 0, sizeof s);
  s.time = {time, time != nullptr ? length : 0, 0};
  s.open = {open, length, 0};
  s.high = {high, length, 0};
  s.low = {low, length, 0};
  s.close = {close, length, 0};
  s.volume = {volume, volume != nullptr ? length : 0, 0};
  return s;
}

void cw_chart_options_init(cw_chart_options* options) {
  if (options == nullptr) return;
  std::memset(options, 0, sizeof *options);
  options->struct_size = sizeof *options;
  options->width = 800;
  options->height = 600;
  options->type = CW_CHART_CANDLESTICK;
  options->theme = CW_THEME_CLASSIC;
  options->show_volume = 1;
  options->show_grid = 1;
  options->use_custom_colors = 0;
  const candlewick::Palette classic = candlewick::ThemePalette(candlewick::ThemeId::kClassic);
  options->background = classic.colors[candlewick::kBackground];
  options->up = classic.colors[candlewick::kUp];
  options->down = classic.colors[candlewick::kDown];
  options->grid = classic.colors[candlewick::kGrid];
  options->png_preset = CW_PNG_BALANCED;
  options->allocator = nullptr;
}

cw_status cw_chart_create(const cw_chart_options* options, cw_chart** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  if (options == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (options->struct_size < kChartOptionsV1Size) return CW_ERR_STRUCT_SIZE;
  AllocatorHooks hooks = AllocatorHooks::Default();
  if (options->allocator != nullptr) {
    if (options->allocator->alloc == nullptr || options->allocator->free == nullptr) {
      return CW_ERR_NULL_ARGUMENT;
    }
    hooks.opaque = options->allocator->opaque;
    hooks.alloc = options->allocator->alloc;
    hooks.free = options->allocator->free;
  }
  // Width and height are compared as unsigned before narrowing to int32.
  if (options->width < CW_MIN_DIMENSION || options->width > CW_MAX_DIMENSION ||
      options->height < CW_MIN_DIMENSION || options->height > CW_MAX_DIMENSION) {
    return CW_ERR_SIZE_OUT_OF_RANGE;
  }
  const int32_t theme = options->theme;
  if (!candlewick::IsKnownTheme(theme)) return CW_ERR_INVALID_ARGUMENT;
  ChartOptions o;
  o.width = static_cast<int32_t>(options->width);
  o.height = static_cast<int32_t>(options->height);
  o.type = options->type;
  o.palette = candlewick::ThemePalette(static_cast<candlewick::ThemeId>(theme));
  if (options->use_custom_colors) {
    o.palette.colors[candlewick::kBackground] = options->background;
    o.palette.colors[candlewick::kGrid] = options->grid;
    o.palette.colors[candlewick::kUp] = options->up;
    o.palette.colors[candlewick::kDown] = options->down;
  }
  o.show_volume = options->show_volume != 0;
  o.show_grid = options->show_grid != 0;
  if (!candlewick::IsKnownPngPreset(options->png_preset)) return CW_ERR_INVALID_ARGUMENT;
  o.png_preset = static_cast<candlewick::PngPreset>(options->png_preset);
  if (absl::Status st = Chart::ValidateOptions(o); !st.ok()) {
    return ToStatus(candlewick::CodeOf(st));
  }
  cw_chart* chart = candlewick::NewWithHooks<cw_chart>(hooks, o, hooks);
  if (chart == nullptr) return CW_ERR_OUT_OF_MEMORY;
  *out = chart;
  return CW_OK;
}

void cw_chart_destroy(cw_chart* chart) {
  if (chart == nullptr) return;
  const AllocatorHooks hooks = chart->chart.hooks();
  candlewick::DeleteWithHooks(hooks, chart);
}

const char* cw_chart_last_error(const cw_chart* chart) {
  return chart == nullptr ? "invalid handle (NULL chart)" : chart->last_error;
}

cw_status cw_chart_frame_info(const cw_chart* chart, uint32_t* width, uint32_t* height,
                              size_t* min_row_stride, size_t* min_buffer_size) {
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  const ChartOptions& o = chart->chart.options();
  if (width != nullptr) *width = static_cast<uint32_t>(o.width);
  if (height != nullptr) *height = static_cast<uint32_t>(o.height);
  const size_t stride = chart->chart.MinRowStride();
  if (min_row_stride != nullptr) *min_row_stride = stride;
  if (min_buffer_size != nullptr) *min_buffer_size = stride * static_cast<size_t>(o.height);
  return CW_OK;
}

cw_status cw_chart_render_rgba(cw_chart* chart, const cw_ohlcv* series, uint8_t* pixels,
                               size_t buffer_size, size_t row_stride) {
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  ClearError(chart);
  if (series == nullptr) return Fail(chart, ErrorCode::kNullArgument, "series is NULL");
  return Guard(chart, [&]() -> cw_status {
    const absl::Status st = chart->chart.RenderRgba(ToView(*series), pixels, buffer_size, row_stride);
    return st.ok() ? CW_OK : Fail(chart, st);
  });
}

cw_status cw_chart_render_rgba_buffer(cw_chart* chart, const cw_ohlcv* series,
                                      cw_buffer** out) {
  if (out != nullptr) *out = nullptr;
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  ClearError(chart);
  if (out == nullptr) return Fail(chart, ErrorCode::kNullArgument, "out is NULL");
  if (series == nullptr) return Fail(chart, ErrorCode::kNullArgument, "series is NULL");
  return Guard(chart, [&]() -> cw_status {
    size_t size = 0;
    cw_chart_frame_info(chart, nullptr, nullptr, nullptr, &size);
    cw_buffer* buffer = NewBuffer(chart->chart.hooks());
    if (buffer == nullptr || !buffer->bytes.Resize(size)) {
      DestroyBuffer(buffer);
      return Fail(chart, ErrorCode::kOutOfMemory, "RGBA frame buffer");
    }
    const absl::Status st = chart->chart.RenderRgba(ToView(*series), buffer->bytes.data(), size,
                                                    chart->chart.MinRowStride());
    if (!st.ok()) {
      DestroyBuffer(buffer);
      return Fail(chart, st);
    }
    *out = buffer;
    return CW_OK;
  });
}

cw_status cw_chart_render_png(cw_chart* chart, const cw_ohlcv* series, cw_buffer** out) {
  if (out != nullptr) *out = nullptr;
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  ClearError(chart);
  if (out == nullptr) return Fail(chart, ErrorCode::kNullArgument, "out is NULL");
  if (series == nullptr) return Fail(chart, ErrorCode::kNullArgument, "series is NULL");
  return Guard(chart, [&]() -> cw_status {
    cw_buffer* buffer = NewBuffer(chart->chart.hooks());
    if (buffer == nullptr) return Fail(chart, ErrorCode::kOutOfMemory, "PNG buffer");
    const absl::Status st = chart->chart.RenderPng(ToView(*series), &buffer->bytes);
    if (!st.ok()) {
      DestroyBuffer(buffer);
      return Fail(chart, st);
    }
    *out = buffer;
    return CW_OK;
  });
}

}  // extern "C"
