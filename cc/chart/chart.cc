#include "cc/chart/chart.h"

#include <limits>
#include <new>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"
#include "cc/canvas/frame.h"
#include "cc/chart/rasterize.h"

namespace candlewick {

absl::Status Chart::ValidateOptions(const ChartOptions& o) {
  if (o.width < kMinDimension || o.width > kMaxDimension || o.height < kMinDimension ||
      o.height > kMaxDimension) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("width and height must be in [", kMinDimension, ", ",
                              kMaxDimension, "], got ", o.width, "x", o.height));
  }
  if (o.type != 0) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown chart type ", o.type));
  }
  if (!IsKnownPngPreset(static_cast<int32_t>(o.png_preset))) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("unknown PNG preset ", static_cast<int32_t>(o.png_preset)));
  }
  for (Rgba c : o.palette.colors) {
    if ((c & 0xFF) != 0xFF) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("chart colours must be opaque (alpha 0xFF), got 0x",
                                absl::Hex(c, absl::kZeroPad8)));
    }
  }
  return absl::OkStatus();
}

Chart::Chart(const ChartOptions& options, const AllocatorHooks& hooks)
    : options_(options),
      hooks_(hooks),
      display_list_(HookAllocator<PixelRect>(hooks)),
      index_frame_(hooks) {}

absl::Status Chart::Prepare(const OhlcvView& series) {
  SeriesRange range;
  if (absl::Status st = ValidateOhlcv(series, &range); !st.ok()) return st;
  CandlestickLayoutOptions layout;
  layout.width = options_.width;
  layout.height = options_.height;
  layout.show_volume = options_.show_volume;
  layout.show_grid = options_.show_grid;
  try {
    LayoutCandlesticks(series, range, layout, &display_list_);
  } catch (const std::bad_alloc&) {
    return Error(ErrorCode::kOutOfMemory, "display list");
  }
  return absl::OkStatus();
}

absl::Status Chart::RenderRgba(const OhlcvView& series, uint8_t* pixels, size_t buffer_size,
                               size_t row_stride) {
  if (pixels == nullptr) return Error(ErrorCode::kNullArgument, "pixel buffer is NULL");
  const size_t min_stride = MinRowStride();
  if (row_stride < min_stride) {
    return Error(ErrorCode::kBufferTooSmall,
                 absl::StrCat("row stride ", row_stride, " is below width*4 = ", min_stride));
  }
  const size_t rows = static_cast<size_t>(options_.height);
  // The last row needs only width*4 bytes; check for overflow first.
  if (row_stride > (std::numeric_limits<size_t>::max() - min_stride) / (rows - 1)) {
    return Error(ErrorCode::kBufferTooSmall, "row stride * height overflows");
  }
  const size_t needed = row_stride * (rows - 1) + min_stride;
  if (buffer_size < needed) {
    return Error(ErrorCode::kBufferTooSmall,
                 absl::StrCat("buffer has ", buffer_size, " bytes, ", needed, " needed for ",
                              options_.width, "x", options_.height, " at stride ", row_stride));
  }
  if (absl::Status st = Prepare(series); !st.ok()) return st;
  const Frame frame{pixels, options_.width, options_.height, row_stride, 4};
  Rasterize(display_list_, options_.palette, frame);
  return absl::OkStatus();
}

absl::Status Chart::RenderPng(const OhlcvView& series, ByteBuffer* out) {
  if (absl::Status st = Prepare(series); !st.ok()) return st;
  const size_t w = static_cast<size_t>(options_.width);
  const size_t h = static_cast<size_t>(options_.height);
  if (!index_frame_.Resize(w * h)) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat("palette frame of ", w * h, " bytes"));
  }
  const Frame frame{index_frame_.data(), options_.width, options_.height, w, 1};
  Rasterize(display_list_, options_.palette, frame);
  PaletteImage image;
  image.indices = index_frame_.data();
  image.width = static_cast<uint32_t>(w);
  image.height = static_cast<uint32_t>(h);
  image.stride = w;
  image.palette = absl::MakeConstSpan(options_.palette.colors);
  return EncodePalettePng(image, options_.png_preset, out);
}

}  // namespace candlewick
