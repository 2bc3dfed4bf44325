#include "cc/encode/webp.h"

#include <webp/encode.h>

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

struct Sink {
  ByteBuffer* out;
  bool out_of_memory = false;
};

// libwebp's WebPWriterFunction: returning 0 aborts the encode with
// VP8_ENC_ERROR_BAD_WRITE, which EncodeWebp reports as out of memory.
int WriteToBuffer(const uint8_t* data, size_t size, const WebPPicture* picture) {
  auto* sink = static_cast<Sink*>(picture->custom_ptr);
  if (!sink->out->Append(data, size)) {
    sink->out_of_memory = true;
    return 0;
  }
  return 1;
}

const char* WebpErrorText(WebPEncodingError code) {
  switch (code) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY: return "out of memory";
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "out of memory flushing bits";
    case VP8_ENC_ERROR_NULL_PARAMETER: return "null parameter";
    case VP8_ENC_ERROR_INVALID_CONFIGURATION: return "invalid configuration";
    case VP8_ENC_ERROR_BAD_DIMENSION: return "bad dimension";
    case VP8_ENC_ERROR_PARTITION0_OVERFLOW: return "partition 0 overflow (over 512 KiB)";
    case VP8_ENC_ERROR_PARTITION_OVERFLOW: return "partition overflow (over 16 MiB)";
    case VP8_ENC_ERROR_BAD_WRITE: return "write failed";
    case VP8_ENC_ERROR_FILE_TOO_BIG: return "file too big (over 4 GiB)";
    case VP8_ENC_ERROR_USER_ABORT: return "aborted";
    default: return "unknown error";
  }
}

absl::Status WebpError(const char* what, WebPEncodingError code) {
  if (code == VP8_ENC_ERROR_OUT_OF_MEMORY || code == VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY) {
    return Error(ErrorCode::kOutOfMemory, absl::StrCat("libwebp ", what, ": ", WebpErrorText(code)));
  }
  return Error(ErrorCode::kEncode, absl::StrCat("libwebp ", what, ": ", WebpErrorText(code)));
}

// Owns a WebPPicture's internal buffers (the ARGB or YUV copy of the frame).
class Picture {
 public:
  Picture() : ok_(WebPPictureInit(&picture_) != 0) {}
  ~Picture() { WebPPictureFree(&picture_); }
  Picture(const Picture&) = delete;
  Picture& operator=(const Picture&) = delete;
  bool ok() const { return ok_; }
  WebPPicture* get() { return &picture_; }

 private:
  WebPPicture picture_;
  bool ok_;
};

}  // namespace

absl::Status EncodeWebp(const RgbaImage& image, const WebpOptions& options, ByteBuffer* out) {
  if (out == nullptr) return Error(ErrorCode::kNullArgument, "output buffer is NULL");
  if (image.pixels == nullptr) return Error(ErrorCode::kNullArgument, "pixels are NULL");
  if (image.width == 0 || image.height == 0 || image.width > kMaxWebpDimension ||
      image.height > kMaxWebpDimension) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("a WebP is 1 to ", kMaxWebpDimension, " pixels wide and high, got ",
                              image.width, "x", image.height));
  }
  if (image.stride < static_cast<size_t>(image.width) * 4 ||
      image.stride > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("row stride ", image.stride, " is outside [width*4, INT32_MAX]"));
  }
  // !(x >= 0 && x <= 100) also rejects NaN.
  if (!(options.quality >= 0.0f && options.quality <= 100.0f)) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("WebP quality must be in [0, 100], got ", options.quality));
  }
  if (options.method < 0 || options.method > 6) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("WebP method must be in [0, 6], got ", options.method));
  }

  WebPConfig config;
  if (!WebPConfigInit(&config)) {
    return Error(ErrorCode::kEncode, "libwebp: library version does not match the headers");
  }
  config.lossless = options.lossless ? 1 : 0;
  config.quality = options.quality;
  config.method = options.method;
  // Lossless must round-trip every pixel, including the colour of fully
  // transparent ones (libwebp would otherwise rewrite it to compress better).
  config.exact = options.lossless ? 1 : 0;
  config.thread_level = 0;  // callers parallelise across charts instead
  if (!WebPValidateConfig(&config)) {
    return Error(ErrorCode::kInvalidArgument, "libwebp rejected the configuration");
  }

  Picture picture;
  if (!picture.ok()) {
    return Error(ErrorCode::kEncode, "libwebp: library version does not match the headers");
  }
  WebPPicture* pic = picture.get();
  // Lossless codes ARGB directly; lossy converts to YUV420 on import.
  pic->use_argb = options.lossless ? 1 : 0;
  pic->width = static_cast<int>(image.width);
  pic->height = static_cast<int>(image.height);
  if (!WebPPictureImportRGBA(pic, image.pixels, static_cast<int>(image.stride))) {
    return WebpError("import", pic->error_code);
  }
  const size_t start = out->size();
  Sink sink{out};
  pic->writer = &WriteToBuffer;
  pic->custom_ptr = &sink;
  if (!WebPEncode(&config, pic)) {
    out->Resize(start);  // shrinking never fails
    if (sink.out_of_memory) return Error(ErrorCode::kOutOfMemory, "WebP output buffer");
    return WebpError("encode", pic->error_code);
  }
  return absl::OkStatus();
}

}  // namespace candlewick
