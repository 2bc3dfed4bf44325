#include "cc/chart/chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"
#include "cc/canvas/frame.h"
#include "cc/chart/svg.h"
#include "cc/encode/convert.h"
#include "cc/encode/webp.h"

namespace candlewick {

absl::Status Chart::ValidateOptions(const ChartOptions& options) {
  const LayoutOptions& o = options.layout;
  if (o.width < kMinDimension || o.width > kMaxDimension || o.height < kMinDimension ||
      o.height > kMaxDimension) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("width and height must be in [", kMinDimension, ", ",
                              kMaxDimension, "], got ", o.width, "x", o.height));
  }
  const int32_t type = static_cast<int32_t>(o.type);
  if (type < 0 || type >= kChartTypeCount) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown chart type ", type));
  }
  if (!IsKnownPngPreset(static_cast<int32_t>(options.png_preset))) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("unknown PNG preset ", static_cast<int32_t>(options.png_preset)));
  }
  const Theme& t = o.theme;
  for (Rgba c : {t.background, t.grid, t.up, t.down, t.text, t.axis}) {
    if ((c & 0xFF) != 0xFF) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("chart colours must be opaque (alpha 0xFF), got 0x",
                                absl::Hex(c, absl::kZeroPad8)));
    }
  }
  auto weight_ok = [](float w) { return std::isfinite(w) && w > 0 && w <= 100; };
  if (!weight_ok(o.price_weight) || !weight_ok(o.volume_weight)) {
    return Error(ErrorCode::kInvalidArgument, "panel weights must be in (0, 100]");
  }
  // Compared without arithmetic on the caller's numbers (margin * 4
  // overflowed for margins of 2^29 and more): width and height are already
  // in [16, 16384], so width / 4 is exact enough and cannot overflow.
  if (o.panel_gap < 0 || o.panel_gap > 1000) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("panel gap must be in [0, 1000], got ", o.panel_gap));
  }
  const int32_t max_margin = (std::min(o.width, o.height) - 1) / 4;  // margin * 4 < size
  if (o.margin < 0 || o.margin > max_margin) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("margin must be in [0, ", max_margin,
                              "] (below a quarter of the frame), got ", o.margin));
  }
  if (!std::isfinite(o.line_width) || o.line_width < 0.25f || o.line_width > 64) {
    return Error(ErrorCode::kInvalidArgument, "line width must be in [0.25, 64]");
  }
  if (!std::isfinite(o.box_size) || o.box_size < 0) {
    return Error(ErrorCode::kInvalidArgument, "box size must be finite and >= 0 (0 = auto)");
  }
  if (o.reversal < 1 || o.reversal > 100) {
    return Error(ErrorCode::kInvalidArgument, "reversal must be in [1, 100] boxes");
  }
  if (o.font_size < 6 || o.font_size > 200) {
    return Error(ErrorCode::kInvalidArgument, "font size must be in [6, 200] pixels");
  }
  return absl::OkStatus();
}

Chart::Chart(const ChartOptions& options, const AllocatorHooks& hooks)
    : options_(options),
      hooks_(hooks),
      display_list_(hooks),
      layout_scratch_(hooks),
      raster_scratch_(hooks),
      frame_(hooks),
      png_scratch_(hooks),
      font_bytes_(hooks) {}

absl::Status Chart::LoadFont(absl::Span<const uint8_t> ttf) {
  if (ttf.empty()) return Error(ErrorCode::kInvalidArgument, "the font data is empty");
  if (!font_bytes_.Resize(0) || !font_bytes_.Append(ttf.data(), ttf.size())) {
    return Error(ErrorCode::kOutOfMemory, "a copy of the font");
  }
  font_.reset();
  // Load now, so bad bytes are reported at creation rather than at the first
  // render with text.
  return EnsureFont();
}

absl::Status Chart::EnsureFont() {
  if (font_) return absl::OkStatus();
  absl::StatusOr<FontPtr> font =
      font_bytes_.size() != 0
          ? Font::CreateBorrowed(absl::MakeConstSpan(font_bytes_.data(), font_bytes_.size()),
                                 hooks_)
          : Font::CreateDefault(hooks_);
  if (!font.ok()) return font.status();
  font_ = std::move(*font);
  chart_text_ = ChartText(font_.get());
  return absl::OkStatus();
}

absl::Status Chart::TextFailure() {
  absl::Status st = text_->status();
  text_ = nullptr;
  chart_text_ = ChartText(nullptr);
  font_.reset();
  return st;
}

absl::Status Chart::Prepare(const ChartData& data) {
  if (absl::Status st = ValidateOhlcv(data.series, nullptr); !st.ok()) return st;
  if (absl::Status st = ValidateChartData(data); !st.ok()) return st;
  text_ = nullptr;
  if (options_.layout.show_axes || !data.title.empty()) {
    if (absl::Status st = EnsureFont(); !st.ok()) return st;
    text_ = &chart_text_;
    text_->ClearStatus();
    text_->set_antialias(options_.layout.antialias);
  }
  try {
    if (absl::Status st = LayoutChart(data, options_.layout, text_, &layout_scratch_,
                                      &display_list_);
        !st.ok()) {
      return st;
    }
  } catch (const std::bad_alloc&) {
    return Error(ErrorCode::kOutOfMemory, "chart layout");
  }
  if (text_ != nullptr && !text_->status().ok()) return TextFailure();
  return absl::OkStatus();
}

absl::Status Chart::CheckBuffer(size_t buffer_size, size_t row_stride,
                                size_t bytes_per_pixel) const {
  const size_t min_stride = static_cast<size_t>(width()) * bytes_per_pixel;
  if (row_stride < min_stride) {
    return Error(ErrorCode::kBufferTooSmall,
                 absl::StrCat("row stride ", row_stride, " is below width*", bytes_per_pixel,
                              " = ", min_stride));
  }
  const size_t rows = static_cast<size_t>(height());
  // The last row needs only the minimum stride; check for overflow first.
  if (row_stride > (std::numeric_limits<size_t>::max() - min_stride) / (rows - 1)) {
    return Error(ErrorCode::kBufferTooSmall, "row stride * height overflows");
  }
  const size_t needed = row_stride * (rows - 1) + min_stride;
  if (buffer_size < needed) {
    return Error(ErrorCode::kBufferTooSmall,
                 absl::StrCat("buffer has ", buffer_size, " bytes, ", needed, " needed for ",
                              width(), "x", height(), " at stride ", row_stride));
  }
  return absl::OkStatus();
}

size_t BytesPerPixel(OutputFormat format) {
  switch (format) {
    case OutputFormat::kRgba8:
      return 4;
    case OutputFormat::kRgb8:
      return 3;
    case OutputFormat::kIndexed8:
      return 1;
    default:
      return 0;
  }
}

absl::Status Chart::Draw(const Frame& frame) {
  try {
    Rasterize(display_list_, frame, options_.layout.antialias, text_, &raster_scratch_);
  } catch (const std::bad_alloc&) {
    return Error(ErrorCode::kOutOfMemory, "stroke mask");
  }
  if (text_ != nullptr && !text_->status().ok()) return TextFailure();
  return absl::OkStatus();
}

RgbaImage Chart::ScratchImage() const {
  RgbaImage image;
  image.pixels = frame_.data();
  image.width = static_cast<uint32_t>(width());
  image.height = static_cast<uint32_t>(height());
  image.stride = static_cast<size_t>(width()) * 4;
  return image;
}

absl::Status Chart::DrawRgbaScratch() {
  const size_t w = static_cast<size_t>(width()), h = static_cast<size_t>(height());
  if (!frame_.Resize(w * h * 4)) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat("RGBA frame of ", w * h * 4, " bytes"));
  }
  return Draw(Frame{frame_.data(), width(), height(), w * 4, 4});
}

absl::Status Chart::RenderFrame(const ChartData& data, OutputFormat format, uint8_t* pixels,
                                size_t buffer_size, size_t row_stride) {
  const size_t bpp = BytesPerPixel(format);
  if (bpp == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("format ", static_cast<int32_t>(format), " is not a raw frame format"));
  }
  if (format == OutputFormat::kIndexed8 && options_.layout.antialias) {
    return Error(ErrorCode::kInvalidArgument,
                 "indexed frames need a crisp chart (antialias = 0): blended edges are not "
                 "palette colours");
  }
  if (pixels == nullptr) return Error(ErrorCode::kNullArgument, "pixel buffer is NULL");
  if (absl::Status st = CheckBuffer(buffer_size, row_stride, bpp); !st.ok()) return st;
  if (absl::Status st = Prepare(data); !st.ok()) return st;
  if (format != OutputFormat::kRgb8) {
    return Draw(Frame{pixels, width(), height(), row_stride, static_cast<int32_t>(bpp)});
  }
  // RGB: draw RGBA, then drop the alpha bytes (a SIMD kernel).
  if (absl::Status st = DrawRgbaScratch(); !st.ok()) return st;
  ConvertRgbaToRgb(ScratchImage(), pixels, row_stride);
  return absl::OkStatus();
}

absl::Status Chart::Render(const ChartData& data, OutputFormat format, ByteBuffer* out) {
  const size_t w = static_cast<size_t>(width()), h = static_cast<size_t>(height());
  const size_t bpp = BytesPerPixel(format);
  if (bpp != 0) {
    if (format == OutputFormat::kIndexed8 && options_.layout.antialias) {
      return RenderFrame(data, format, nullptr, 0, 0);  // the same clear error
    }
    if (!out->Resize(w * h * bpp)) {
      return Error(ErrorCode::kOutOfMemory, absl::StrCat("frame of ", w * h * bpp, " bytes"));
    }
    return RenderFrame(data, format, out->data(), out->size(), w * bpp);
  }
  if (absl::Status st = Prepare(data); !st.ok()) return st;
  switch (format) {
    case OutputFormat::kPng:
      break;
    case OutputFormat::kSvg:
      return WriteSvg(display_list_, width(), height(), options_.layout.antialias,
                      options_.layout.font_size, out);
    case OutputFormat::kWebpLossless:
    case OutputFormat::kWebpLossy: {
      if (absl::Status st = DrawRgbaScratch(); !st.ok()) return st;
      WebpOptions webp;
      webp.lossless = format == OutputFormat::kWebpLossless;
      // Lossless "quality" is effort: chart frames compress well at low
      // effort, so favour speed there.
      webp.quality = webp.lossless ? 25.0f : webp_quality_;
      return EncodeWebp(ScratchImage(), webp, out);
    }
    default:
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("unknown output format ", static_cast<int32_t>(format)));
  }
  if (options_.layout.antialias) {
    // Blended edges: draw RGBA; the encoder picks a palette when the frame
    // still has few enough colours.
    if (absl::Status st = DrawRgbaScratch(); !st.ok()) return st;
    return EncodeRgbaAsPng(ScratchImage(), options_.png_preset, out, &png_scratch_);
  }
  // Crisp charts use only palette colours: render palette indices directly,
  // a quarter of the bytes of RGBA.
  if (!frame_.Resize(w * h)) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat("frame of ", w * h, " bytes"));
  }
  if (absl::Status st = Draw(Frame{frame_.data(), width(), height(), w, 1}); !st.ok()) return st;
  const Palette& pal = display_list_.palette();
  PaletteImage image;
  image.indices = frame_.data();
  image.width = static_cast<uint32_t>(w);
  image.height = static_cast<uint32_t>(h);
  image.stride = w;
  image.palette = absl::MakeConstSpan(pal.data(), static_cast<size_t>(pal.size()));
  return EncodePalettePng(image, options_.png_preset, out, &png_scratch_);
}

}  // namespace candlewick
