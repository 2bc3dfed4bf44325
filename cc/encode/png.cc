#include "cc/encode/png.h"

#include <spng.h>
#include <zlib.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

struct SpngCtxDeleter {
  void operator()(spng_ctx* ctx) const { spng_ctx_free(ctx); }
};
using SpngCtx = std::unique_ptr<spng_ctx, SpngCtxDeleter>;

struct StreamTarget {
  ByteBuffer* out;
  bool out_of_memory = false;
};

int WriteToBuffer(spng_ctx*, void* user, void* data, size_t length) {
  auto* target = static_cast<StreamTarget*>(user);
  if (!target->out->Append(data, length)) {
    target->out_of_memory = true;
    return SPNG_IO_ERROR;
  }
  return 0;
}

// Compression settings per preset, chosen by measurement on chart frames
// (benchmarks/render_benchmark.cc): chart rows repeat, so the "up" filter
// turns most rows into zeros, which run-length and Huffman coding squeeze
// hard at little cost.
struct Settings {
  int level;
  int strategy;
  int filter_choice;
};

Settings SettingsFor(PngPreset preset) {
  switch (preset) {
    case PngPreset::kFastest:
      return {1, Z_RLE, SPNG_FILTER_CHOICE_NONE};
    case PngPreset::kBalanced:
      return {6, Z_RLE, SPNG_FILTER_CHOICE_UP};
    case PngPreset::kSmallest:
    default:
      return {9, Z_DEFAULT_STRATEGY, SPNG_FILTER_CHOICE_ALL};
  }
}

absl::Status SpngError(const char* what, int code) {
  return Error(ErrorCode::kEncode, absl::StrCat("libspng ", what, ": ", spng_strerror(code)));
}

// Common tail: options, stream, header, image.
// `plte` is null for true-colour images.
absl::Status Encode(spng_ctx* ctx, const struct spng_ihdr& ihdr, const struct spng_plte* plte,
                    const uint8_t* pixels, size_t stride, size_t row_bytes, PngPreset preset,
                    ByteBuffer* out) {
  const Settings s = SettingsFor(preset);
  StreamTarget target{out};
  int rc = spng_set_png_stream(ctx, &WriteToBuffer, &target);
  if (rc == 0) rc = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, s.level);
  if (rc == 0) rc = spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, s.strategy);
  if (rc == 0) rc = spng_set_option(ctx, SPNG_FILTER_CHOICE, s.filter_choice);
  // The header must precede the palette: libspng checks one against the other.
  if (rc == 0) rc = spng_set_ihdr(ctx, const_cast<struct spng_ihdr*>(&ihdr));
  if (rc == 0 && plte != nullptr) rc = spng_set_plte(ctx, const_cast<struct spng_plte*>(plte));
  if (rc != 0) return SpngError("setup", rc);
  // A write failure surfaces from libspng as an I/O error; report the cause.
  auto failure = [&](const char* what, int code) {
    if (target.out_of_memory) return Error(ErrorCode::kOutOfMemory, "PNG output buffer");
    return SpngError(what, code);
  };

  // Progressive encoding feeds rows at any stride without a repacking copy.
  rc = spng_encode_image(ctx, nullptr, 0, SPNG_FMT_PNG,
                         SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE);
  if (rc != 0) return failure("encode", rc);
  for (uint32_t y = 0; y < ihdr.height; ++y) {
    rc = spng_encode_row(ctx, pixels + y * stride, row_bytes);
    if (rc == SPNG_EOI) break;
    if (rc != 0) return failure("encode row", rc);
  }
  if (target.out_of_memory) return Error(ErrorCode::kOutOfMemory, "PNG output buffer");
  return absl::OkStatus();
}

SpngCtx NewEncoder() { return SpngCtx(spng_ctx_new(SPNG_CTX_ENCODER)); }

}  // namespace

bool IsKnownPngPreset(int32_t preset) { return preset >= 0 && preset <= 2; }

absl::Status EncodePalettePng(const PaletteImage& image, PngPreset preset, ByteBuffer* out) {
  if (image.palette.empty() || image.palette.size() > 256) {
    return Error(ErrorCode::kInvalidArgument, "a PNG palette holds 1 to 256 colours");
  }
  SpngCtx ctx = NewEncoder();
  if (!ctx) return Error(ErrorCode::kOutOfMemory, "libspng context");
  struct spng_plte plte = {};
  plte.n_entries = static_cast<uint32_t>(image.palette.size());
  for (size_t i = 0; i < image.palette.size(); ++i) {
    const uint32_t c = image.palette[i];
    plte.entries[i].red = static_cast<uint8_t>(c >> 24);
    plte.entries[i].green = static_cast<uint8_t>(c >> 16);
    plte.entries[i].blue = static_cast<uint8_t>(c >> 8);
  }
  struct spng_ihdr ihdr = {};
  ihdr.width = image.width;
  ihdr.height = image.height;
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_INDEXED;
  return Encode(ctx.get(), ihdr, &plte, image.indices, image.stride, image.width, preset, out);
}

absl::Status EncodeRgbaPng(const uint8_t* rgba, uint32_t width, uint32_t height,
                           size_t stride, PngPreset preset, ByteBuffer* out) {
  SpngCtx ctx = NewEncoder();
  if (!ctx) return Error(ErrorCode::kOutOfMemory, "libspng context");
  struct spng_ihdr ihdr = {};
  ihdr.width = width;
  ihdr.height = height;
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
  return Encode(ctx.get(), ihdr, nullptr, rgba, stride, static_cast<size_t>(width) * 4, preset, out);
}

}  // namespace candlewick
