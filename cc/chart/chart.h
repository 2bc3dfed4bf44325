// A chart: options fixed at creation, scratch memory reused across renders,
// all of it allocated through the handle's allocator hooks.
#ifndef CANDLEWICK_CC_CHART_CHART_H_
#define CANDLEWICK_CC_CHART_CHART_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/chart/chart_data.h"
#include "cc/chart/chart_text.h"
#include "cc/chart/display_list.h"
#include "cc/chart/layout.h"
#include "cc/chart/rasterize.h"
#include "cc/encode/image.h"
#include "cc/encode/png.h"
#include "cc/text/font.h"

namespace candlewick {

inline constexpr int32_t kMinDimension = 16;
inline constexpr int32_t kMaxDimension = 16384;

struct ChartOptions {
  LayoutOptions layout;
  PngPreset png_preset = PngPreset::kBalanced;
};

// Output formats; numerically equal to the C API's cw_format.
enum class OutputFormat : int32_t {
  kRgba8 = 0,
  kRgb8 = 1,
  kIndexed8 = 2,
  kPng = 3,
  kWebpLossless = 4,
  kWebpLossy = 5,
  kSvg = 6,
};
inline constexpr int32_t kOutputFormatCount = 7;

// Bytes per pixel of a raw format; 0 for encoded formats.
size_t BytesPerPixel(OutputFormat format);

class Chart {
 public:
  // Checks sizes, enums and ranges; the C shim maps C options onto these.
  static absl::Status ValidateOptions(const ChartOptions& options);

  // `options` must have passed ValidateOptions. Allocates nothing.
  Chart(const ChartOptions& options, const AllocatorHooks& hooks);

  const ChartOptions& options() const { return options_; }
  const AllocatorHooks& hooks() const { return hooks_; }
  int32_t width() const { return options_.layout.width; }
  int32_t height() const { return options_.layout.height; }
  size_t MinRowStride() const { return static_cast<size_t>(width()) * 4; }

  // Validates and renders into a caller-owned raw frame (RGBA8, RGB8 or
  // INDEXED8). Nothing is written unless the data and buffer are valid.
  absl::Status RenderFrame(const ChartData& data, OutputFormat format, uint8_t* pixels,
                           size_t buffer_size, size_t row_stride);

  // Validates, renders and appends the chart in `format` to `out` (raw
  // formats with the minimum stride).
  absl::Status Render(const ChartData& data, OutputFormat format, ByteBuffer* out);

  absl::Status RenderRgba(const ChartData& data, uint8_t* pixels, size_t buffer_size,
                          size_t row_stride) {
    return RenderFrame(data, OutputFormat::kRgba8, pixels, buffer_size, row_stride);
  }
  absl::Status RenderPng(const ChartData& data, ByteBuffer* out) {
    return Render(data, OutputFormat::kPng, out);
  }

  // Uses a caller's TrueType/OpenType font (copied) instead of the embedded
  // one. Fails with kInvalidArgument when FreeType cannot load it.
  absl::Status LoadFont(absl::Span<const uint8_t> ttf);

  // Lossy WebP quality in [0, 100].
  void set_webp_quality(float quality) { webp_quality_ = quality; }

  // The display list of the last successful render (for tests and SVG).
  const DisplayList& display_list() const { return display_list_; }

 private:
  // Validates `data` and lays it out into display_list_; sets text_ when
  // the chart has text to draw.
  absl::Status Prepare(const ChartData& data);
  // The font (the caller's, else the embedded one), loaded on the first
  // render that needs text, and again after a render whose text failed.
  absl::Status EnsureFont();
  // Reports a text failure and drops the font, whose FreeType state may be
  // inconsistent after an allocation failure inside FreeType.
  absl::Status TextFailure();
  absl::Status CheckBuffer(size_t buffer_size, size_t row_stride, size_t bytes_per_pixel) const;
  // Rasterises the prepared display list into `frame`.
  absl::Status Draw(const Frame& frame);
  // Renders RGBA8 into frame_ (the scratch frame) at the minimum stride.
  absl::Status DrawRgbaScratch();
  // frame_ as an RGBA image for the encoders.
  RgbaImage ScratchImage() const;

  ChartOptions options_;
  AllocatorHooks hooks_;
  DisplayList display_list_;
  LayoutScratch layout_scratch_;
  RasterScratch raster_scratch_;
  ByteBuffer frame_;  // palette-index or RGBA frame for encoders, reused
  PngScratch png_scratch_;  // the PNG encoder's memory, reused
  ByteBuffer font_bytes_;  // a caller's font, copied; empty for the default
  FontPtr font_;
  ChartText* text_ = nullptr;  // &chart_text_ while a render has text
  ChartText chart_text_{nullptr};
  float webp_quality_ = 90.0f;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_CHART_H_
