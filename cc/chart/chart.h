// A chart: options fixed at creation, scratch memory reused across renders,
// all of it allocated through the handle's allocator hooks.
#ifndef CANDLEWICK_CC_CHART_CHART_H_
#define CANDLEWICK_CC_CHART_CHART_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/chart/layout.h"
#include "cc/chart/theme.h"
#include "cc/encode/png.h"
#include "cc/series/ohlcv.h"

namespace candlewick {

inline constexpr int32_t kMinDimension = 16;
inline constexpr int32_t kMaxDimension = 16384;

struct ChartOptions {
  int32_t width = 800;
  int32_t height = 600;
  int32_t type = 0;  // 0 = candlestick
  Palette palette = ThemePalette(ThemeId::kClassic);
  bool show_volume = true;
  bool show_grid = true;
  PngPreset png_preset = PngPreset::kBalanced;
};

class Chart {
 public:
  // Checks sizes and enums; the C shim maps C options onto ChartOptions.
  static absl::Status ValidateOptions(const ChartOptions& options);

  // `options` must have passed ValidateOptions. Allocates nothing.
  Chart(const ChartOptions& options, const AllocatorHooks& hooks);

  const ChartOptions& options() const { return options_; }
  const AllocatorHooks& hooks() const { return hooks_; }
  size_t MinRowStride() const { return static_cast<size_t>(options_.width) * 4; }

  // Validates and renders into a caller-owned RGBA8 frame. Nothing is written
  // unless the series and buffer are valid.
  absl::Status RenderRgba(const OhlcvView& series, uint8_t* pixels, size_t buffer_size,
                          size_t row_stride);

  // Validates, renders and appends a PNG file to `out`.
  absl::Status RenderPng(const OhlcvView& series, ByteBuffer* out);

 private:
  // Validates `series` and lays it out into display_list_.
  absl::Status Prepare(const OhlcvView& series);

  ChartOptions options_;
  AllocatorHooks hooks_;
  DisplayList display_list_;
  ByteBuffer index_frame_;  // palette-index frame for PNG, reused
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_CHART_H_
