// The C ABI: a thin shim that converts C structs to the C++ core's types,
// catches every C++ exception at the boundary, and turns absl::Status into
// stable cw_status codes plus a per-handle message.
#include "capi/candlewick.h"
#include "capi/handles.h"
#include "capi/convert.h"
#include "capi/shim.h"

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/chart/chart.h"
#include "cc/series/ohlcv.h"
#include "cc/text/font.h"
#include "absl/strings/str_cat.h"

using candlewick::AllocatorHooks;
using candlewick::Chart;
using candlewick::ChartOptions;
using candlewick::ErrorCode;
using candlewick::capi::ClearError;
using candlewick::capi::DestroyBuffer;
using candlewick::capi::Fail;
using candlewick::capi::ToStatus;

namespace {

#define CW_STR2(x) #x
#define CW_STR(x) CW_STR2(x)

// The header's version macros must match the VERSION file (passed in by
// capi/BUILD.bazel), which also sets the SONAME and the installed .pc/CMake
// versions: bump them together.
static_assert(CW_VERSION_MAJOR == CW_BUILD_VERSION_MAJOR &&
                  CW_VERSION_MINOR == CW_BUILD_VERSION_MINOR &&
                  CW_VERSION_PATCH == CW_BUILD_VERSION_PATCH,
              "capi/candlewick.h's CW_VERSION_* differ from the VERSION file");

using candlewick::capi::kChartOptionsV1Size;

// Whether the caller's struct includes `field` (appended after version 1).
#define CW_HAS_OPTION(options, field) \
  ((options)->struct_size >= CW_FIELD_END(cw_chart_options, field))

constexpr float kDefaultWebpQuality = 90.0f;

// What cw_chart_create needs from `options`; the status explains the first
// problem. The font
// bytes are parsed later (create loads them; validate tries them).
struct CheckedOptions {
  ChartOptions chart;
  AllocatorHooks hooks;
  float webp_quality = kDefaultWebpQuality;
};

absl::Status CheckOptions(const cw_chart_options* options, CheckedOptions* out) {
  if (options == nullptr) return candlewick::Error(ErrorCode::kNullArgument, "options is NULL");
  if (options->struct_size < kChartOptionsV1Size) {
    return candlewick::Error(
        ErrorCode::kStructSize,
        absl::StrCat("options struct_size ", options->struct_size, " is below ",
                     kChartOptionsV1Size, " (use cw_chart_options_init)"));
  }
  if (!candlewick::capi::HooksFrom(options->allocator, &out->hooks)) {
    return candlewick::Error(ErrorCode::kNullArgument, "allocator has a NULL alloc or free hook");
  }
  if (absl::Status st = candlewick::capi::ToChartOptions(*options, &out->chart); !st.ok()) {
    return st;
  }
  if (options->font_data == nullptr && options->font_data_size != 0) {
    return candlewick::Error(ErrorCode::kNullArgument,
                             "font_data is NULL but font_data_size is not 0");
  }
  if (CW_HAS_OPTION(options, webp_quality)) {
    const float q = options->webp_quality;
    if (!(q >= 0.0f && q <= 100.0f)) {
      return candlewick::Error(ErrorCode::kInvalidArgument,
                               absl::StrCat("webp_quality must be in [0, 100], got ", q));
    }
    out->webp_quality = q;
  }
  return absl::OkStatus();
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
  const ChartOptions defaults;
  const candlewick::LayoutOptions& d = defaults.layout;
  options->width = static_cast<uint32_t>(d.width);
  options->height = static_cast<uint32_t>(d.height);
  options->type = CW_CHART_CANDLESTICK;
  options->theme = CW_THEME_CLASSIC;
  options->show_volume = d.show_volume ? 1 : 0;
  options->show_grid = d.show_grid ? 1 : 0;
  options->show_axes = d.show_axes ? 1 : 0;
  options->antialias = d.antialias ? 1 : 0;
  options->use_custom_colors = 0;
  options->background = d.theme.background;
  options->up = d.theme.up;
  options->down = d.theme.down;
  options->grid = d.theme.grid;
  options->text = d.theme.text;
  options->axis = d.theme.axis;
  options->png_preset = CW_PNG_BALANCED;
  options->price_weight = d.price_weight;
  options->volume_weight = d.volume_weight;
  options->panel_gap = d.panel_gap;
  options->margin = d.margin;
  options->line_width = d.line_width;
  options->box_size = d.box_size;
  options->reversal = d.reversal;
  options->label_size = d.font_size;
  options->font_data = nullptr;
  options->font_data_size = 0;
  options->allocator = nullptr;
  options->webp_quality = kDefaultWebpQuality;
  options->time_zone = nullptr;
}

cw_status cw_chart_options_validate(const cw_chart_options* options, char* message,
                                    size_t message_size) {
  if (message == nullptr && message_size != 0) return CW_ERR_NULL_ARGUMENT;
  candlewick::capi::WriteMessage(message, message_size, "");
  absl::Status st;
  const cw_status guarded = candlewick::capi::Guard([&]() -> cw_status {
    CheckedOptions checked;
    st = CheckOptions(options, &checked);
    if (st.ok() && options->font_data != nullptr) {
      // Exactly what create does with the bytes; the face is released.
      absl::StatusOr<candlewick::FontPtr> font = candlewick::Font::CreateBorrowed(
          absl::MakeConstSpan(options->font_data, options->font_data_size),
          AllocatorHooks::Default());
      if (!font.ok()) st = font.status();
    }
    return CW_OK;
  });
  if (guarded != CW_OK) {
    candlewick::capi::WriteMessage(message, message_size, "out of memory while checking options");
    return guarded;
  }
  candlewick::capi::WriteMessage(message, message_size, st.message());
  return ToStatus(st);
}

cw_status cw_chart_create(const cw_chart_options* options, cw_chart** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  return candlewick::capi::Guard([&]() -> cw_status {
    CheckedOptions checked;
    if (absl::Status st = CheckOptions(options, &checked); !st.ok()) {
      return ToStatus(st);
    }
    const AllocatorHooks hooks = checked.hooks;
    // Released on every failure, an exception included.
    auto release = [hooks](cw_chart* c) { candlewick::DeleteWithHooks(hooks, c); };
    std::unique_ptr<cw_chart, decltype(release)> chart(
        candlewick::NewWithHooks<cw_chart>(hooks, checked.chart, hooks), release);
    if (chart == nullptr) return CW_ERR_OUT_OF_MEMORY;
    chart->chart.set_webp_quality(checked.webp_quality);
    if (options->font_data != nullptr) {
      const absl::Status st = chart->chart.LoadFont(
          absl::MakeConstSpan(options->font_data, options->font_data_size));
      if (!st.ok()) return ToStatus(st);
    }
    *out = chart.release();
    return CW_OK;
  });
}

void cw_chart_destroy(cw_chart* chart) {
  candlewick::capi::DestroyHandle(chart, [](const cw_chart& c) { return c.chart.hooks(); });
}

const char* cw_chart_last_error(const cw_chart* chart) {
  return chart == nullptr ? "invalid handle (NULL chart)" : chart->last_error;
}

cw_status cw_chart_frame_info(const cw_chart* chart, uint32_t* width, uint32_t* height,
                              size_t* min_row_stride, size_t* min_buffer_size) {
  if (chart == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (width != nullptr) *width = static_cast<uint32_t>(chart->chart.width());
  if (height != nullptr) *height = static_cast<uint32_t>(chart->chart.height());
  const size_t stride = chart->chart.MinRowStride();
  if (min_row_stride != nullptr) *min_row_stride = stride;
  if (min_buffer_size != nullptr) *min_buffer_size = stride * static_cast<size_t>(chart->chart.height());
  return CW_OK;
}

}  // extern "C"
