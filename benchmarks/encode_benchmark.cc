// The encoding layer on 800x600 chart frames, against baselines measured in
// the same binary:
//  * BM_PalettePng*: the encoder of cc/encode/png.h next to the one it
//    replaced (8-bit palette PNG streamed row by row through libspng, the
//    presets' old zlib settings), copied below as the "Libspng" baseline;
//  * kernels next to their scalar references (and zlib's Adler-32);
//  * palette conversion next to a plain per-pixel hash-map lookup;
//  * WebP through our advanced-API path next to libwebp's one-call API.
//   bazel run --config=opt //benchmarks:encode_benchmark
#include <spng.h>
#include <webp/encode.h>
#include <zlib.h>

#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "benchmark/benchmark.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/encode/convert.h"
#include "cc/encode/kernels.h"
#include "cc/encode/kernels_reference.h"
#include "cc/encode/png.h"
#include "cc/encode/test_util.h"
#include "cc/encode/webp.h"

namespace candlewick {
namespace {

constexpr uint32_t kWidth = 800, kHeight = 600;
const char* const kPresetNames[] = {"fastest", "balanced", "smallest"};

// ---------------------------------------------------------------------------
// Baseline: the previous encoder (cc/encode/png.cc before this change).
namespace libspng_baseline {

struct Out {
  std::vector<uint8_t> bytes;
};

int Write(spng_ctx*, void* user, void* data, size_t length) {
  auto* out = static_cast<Out*>(user);
  const auto* p = static_cast<const uint8_t*>(data);
  out->bytes.insert(out->bytes.end(), p, p + length);
  return 0;
}

// Returns the PNG size, 0 on error. 8-bit palette, or RGBA when palette is
// empty; the old per-preset settings.
size_t Encode(const uint8_t* pixels, size_t stride, uint32_t w, uint32_t h,
              const std::vector<uint32_t>& palette, int preset) {
  static const int kLevel[] = {1, 6, 9};
  static const int kStrategy[] = {Z_RLE, Z_RLE, Z_DEFAULT_STRATEGY};
  static const int kFilter[] = {SPNG_FILTER_CHOICE_NONE, SPNG_FILTER_CHOICE_UP,
                                SPNG_FILTER_CHOICE_ALL};
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(SPNG_CTX_ENCODER),
                                                     spng_ctx_free);
  Out out;
  spng_set_png_stream(ctx.get(), &Write, &out);
  spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_LEVEL, kLevel[preset]);
  spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_STRATEGY, kStrategy[preset]);
  spng_set_option(ctx.get(), SPNG_FILTER_CHOICE, kFilter[preset]);
  struct spng_ihdr ihdr = {};
  ihdr.width = w;
  ihdr.height = h;
  ihdr.bit_depth = 8;
  ihdr.color_type = palette.empty() ? SPNG_COLOR_TYPE_TRUECOLOR_ALPHA : SPNG_COLOR_TYPE_INDEXED;
  spng_set_ihdr(ctx.get(), &ihdr);
  if (!palette.empty()) {
    struct spng_plte plte = {};
    plte.n_entries = static_cast<uint32_t>(palette.size());
    for (size_t i = 0; i < palette.size(); ++i) {
      plte.entries[i].red = static_cast<uint8_t>(palette[i] >> 24);
      plte.entries[i].green = static_cast<uint8_t>(palette[i] >> 16);
      plte.entries[i].blue = static_cast<uint8_t>(palette[i] >> 8);
    }
    spng_set_plte(ctx.get(), &plte);
  }
  const size_t row_bytes = palette.empty() ? w * 4 : w;
  if (spng_encode_image(ctx.get(), nullptr, 0, SPNG_FMT_PNG,
                        SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE) != 0) {
    return 0;
  }
  for (uint32_t y = 0; y < h; ++y) {
    const int rc = spng_encode_row(ctx.get(), pixels + y * stride, row_bytes);
    if (rc == SPNG_EOI) break;
    if (rc != 0) return 0;
  }
  return out.bytes.size();
}

}  // namespace libspng_baseline

const std::vector<uint8_t>& ChartFrame(int candles) {
  static const auto* frames = new std::vector<std::vector<uint8_t>>{
      encode_test::ChartIndices(kWidth, kHeight, 100, 42),
      encode_test::ChartIndices(kWidth, kHeight, 1000, 42)};
  return (*frames)[candles == 100 ? 0 : 1];
}

const std::vector<uint8_t>& ChartRgba(int candles) {
  static const auto* frames = new std::vector<std::vector<uint8_t>>{
      encode_test::ExpandToRgba(ChartFrame(100), kWidth, kHeight, encode_test::ChartPalette(),
                                kWidth * 4),
      encode_test::ExpandToRgba(ChartFrame(1000), kWidth, kHeight, encode_test::ChartPalette(),
                                kWidth * 4)};
  return (*frames)[candles == 100 ? 0 : 1];
}

const std::vector<uint8_t>& BlendedRgba() {
  static const auto* frame =
      new std::vector<uint8_t>(encode_test::BlendedChartRgba(kWidth, kHeight, 100, 42));
  return *frame;
}

// ---------------------------------------------------------------------------
// Palette PNG: the chart's index frame (4 colours) to a file.

void BM_PalettePng(benchmark::State& state) {
  const auto& indices = ChartFrame(static_cast<int>(state.range(0)));
  const auto palette = encode_test::ChartPalette();
  const auto preset = static_cast<PngPreset>(state.range(1));
  PaletteImage image{indices.data(), kWidth, kHeight, kWidth, absl::MakeConstSpan(palette)};
  size_t bytes = 0;
  for (auto _ : state) {
    ByteBuffer png(AllocatorHooks::Default());
    if (!EncodePalettePng(image, preset, &png).ok()) {
      state.SkipWithError("encode failed");
      break;
    }
    bytes = png.size();
    benchmark::DoNotOptimize(png.data());
  }
  state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(kPresetNames[state.range(1)]);
}
BENCHMARK(BM_PalettePng)
    ->ArgsProduct({{100, 1000}, {0, 1, 2}})
    ->Unit(benchmark::kMicrosecond);

void BM_PalettePngLibspngBaseline(benchmark::State& state) {
  const auto& indices = ChartFrame(static_cast<int>(state.range(0)));
  const auto palette = encode_test::ChartPalette();
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = libspng_baseline::Encode(indices.data(), kWidth, kWidth, kHeight, palette,
                                     static_cast<int>(state.range(1)));
    if (bytes == 0) {
      state.SkipWithError("encode failed");
      break;
    }
  }
  state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(kPresetNames[state.range(1)]);
}
BENCHMARK(BM_PalettePngLibspngBaseline)
    ->ArgsProduct({{100, 1000}, {0, 1, 2}})
    ->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------
// RGBA frames: automatic palette/RGB choice, and the RGBA form.

// range(0): 0 = crisp 100-candle chart (4 colours), 1 = blended chart with a
// gradient (hundreds of colours: RGB fallback); range(1): the preset.
// `encode(rgba)` encodes the frame once and returns the PNG's size, 0 on
// failure.
template <typename Encode>
void RgbaPngLoop(benchmark::State& state, Encode encode) {
  const auto& rgba = state.range(0) == 0 ? ChartRgba(100) : BlendedRgba();
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = encode(rgba);
    if (bytes == 0) {
      state.SkipWithError("encode failed");
      break;
    }
  }
  state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetLabel(std::string(state.range(0) == 0 ? "crisp " : "blended ") +
                 kPresetNames[state.range(1)]);
}

void BM_RgbaAsPng(benchmark::State& state) {
  const auto preset = static_cast<PngPreset>(state.range(1));
  RgbaPngLoop(state, [&](const std::vector<uint8_t>& rgba) -> size_t {
    ByteBuffer png(AllocatorHooks::Default());
    if (!EncodeRgbaAsPng(RgbaImage{rgba.data(), kWidth, kHeight, kWidth * 4}, preset, &png).ok()) {
      return 0;
    }
    return png.size();
  });
}
BENCHMARK(BM_RgbaAsPng)->ArgsProduct({{0, 1}, {0, 1, 2}})->Unit(benchmark::kMicrosecond);

void BM_RgbaPng(benchmark::State& state) {
  const auto preset = static_cast<PngPreset>(state.range(1));
  RgbaPngLoop(state, [&](const std::vector<uint8_t>& rgba) -> size_t {
    ByteBuffer png(AllocatorHooks::Default());
    if (!EncodeRgbaPng(rgba.data(), kWidth, kHeight, kWidth * 4, preset, &png).ok()) return 0;
    return png.size();
  });
}
BENCHMARK(BM_RgbaPng)->ArgsProduct({{0, 1}, {0, 1, 2}})->Unit(benchmark::kMicrosecond);

void BM_RgbaPngLibspngBaseline(benchmark::State& state) {
  const int level = static_cast<int>(state.range(1));
  RgbaPngLoop(state, [&](const std::vector<uint8_t>& rgba) -> size_t {
    return libspng_baseline::Encode(rgba.data(), kWidth * 4, kWidth, kHeight, {}, level);
  });
}
BENCHMARK(BM_RgbaPngLibspngBaseline)
    ->ArgsProduct({{0, 1}, {0, 1, 2}})
    ->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------
// Conversions.

void BM_RgbaToPalette(benchmark::State& state) {
  const auto& rgba = ChartRgba(static_cast<int>(state.range(0)));
  std::vector<uint8_t> indices(kWidth * kHeight);
  uint32_t palette[256];
  size_t colours = 0;
  for (auto _ : state) {
    if (RgbaToPalette(RgbaImage{rgba.data(), kWidth, kHeight, kWidth * 4}, indices.data(), kWidth,
                      palette, &colours) != PaletteFit::kFits) {
      state.SkipWithError("too many colours");
      break;
    }
    benchmark::DoNotOptimize(indices.data());
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
  state.SetLabel(EncodeKernelTargetName());
}
BENCHMARK(BM_RgbaToPalette)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// Every pixel through the same table with its last-colour cache, no row or
// vector shortcuts.
void BM_RgbaToPaletteScalarReference(benchmark::State& state) {
  const auto& rgba = ChartRgba(static_cast<int>(state.range(0)));
  std::vector<uint8_t> indices(kWidth * kHeight);
  for (auto _ : state) {
    ColourTable table;
    for (uint32_t y = 0; y < kHeight; ++y) {
      IndexRgbaRowReference(rgba.data() + y * kWidth * 4, kWidth, &table,
                            indices.data() + y * kWidth);
    }
    benchmark::DoNotOptimize(indices.data());
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
}
BENCHMARK(BM_RgbaToPaletteScalarReference)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// The obvious implementation: a std::unordered_map per pixel.
void BM_RgbaToPaletteHashMapBaseline(benchmark::State& state) {
  const auto& rgba = ChartRgba(static_cast<int>(state.range(0)));
  std::vector<uint8_t> indices(kWidth * kHeight);
  for (auto _ : state) {
    std::unordered_map<uint32_t, uint8_t> map;
    for (size_t i = 0; i < kWidth * kHeight; ++i) {
      uint32_t c;
      std::memcpy(&c, rgba.data() + 4 * i, 4);
      auto it = map.emplace(c, static_cast<uint8_t>(map.size())).first;
      indices[i] = it->second;
    }
    benchmark::DoNotOptimize(indices.data());
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
}
BENCHMARK(BM_RgbaToPaletteHashMapBaseline)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_RgbaToRgb(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  std::vector<uint8_t> rgb(kWidth * kHeight * 3);
  for (auto _ : state) {
    ConvertRgbaToRgb(RgbaImage{rgba.data(), kWidth, kHeight, kWidth * 4}, rgb.data(), kWidth * 3);
    benchmark::DoNotOptimize(rgb.data());
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
  state.SetLabel(EncodeKernelTargetName());
}
BENCHMARK(BM_RgbaToRgb)->Unit(benchmark::kMicrosecond);

void BM_RgbaToRgbScalarReference(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  std::vector<uint8_t> rgb(kWidth * kHeight * 3);
  for (auto _ : state) {
    for (uint32_t y = 0; y < kHeight; ++y) {
      RgbaToRgbRowReference(rgba.data() + y * kWidth * 4, kWidth, rgb.data() + y * kWidth * 3);
    }
    benchmark::DoNotOptimize(rgb.data());
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
}
BENCHMARK(BM_RgbaToRgbScalarReference)->Unit(benchmark::kMicrosecond);

// The physical limit for a frame conversion: copying the frame.
void BM_MemcpyFrame(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  std::vector<uint8_t> copy(rgba.size());
  for (auto _ : state) {
    std::memcpy(copy.data(), rgba.data(), rgba.size());
    benchmark::DoNotOptimize(copy.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
}
BENCHMARK(BM_MemcpyFrame)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------
// Kernels over the whole 800x600 index frame.

// range(0): bits per index. `Pack` is PackIndicesRow or its scalar reference.
template <auto Pack>
void PackIndicesLoop(benchmark::State& state) {
  const auto& indices = ChartFrame(100);
  const int bits = static_cast<int>(state.range(0));
  std::vector<uint8_t> packed(PackedRowBytes(kWidth, bits) * kHeight);
  const size_t row = PackedRowBytes(kWidth, bits);
  for (auto _ : state) {
    for (uint32_t y = 0; y < kHeight; ++y) {
      Pack(indices.data() + y * kWidth, kWidth, bits, nullptr, packed.data() + y * row);
    }
    benchmark::DoNotOptimize(packed.data());
  }
  state.SetBytesProcessed(state.iterations() * indices.size());
}

void BM_PackIndices(benchmark::State& state) {
  PackIndicesLoop<PackIndicesRow>(state);
  state.SetLabel(EncodeKernelTargetName());
}
BENCHMARK(BM_PackIndices)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_PackIndicesScalarReference(benchmark::State& state) {
  PackIndicesLoop<PackIndicesRowReference>(state);
}
BENCHMARK(BM_PackIndicesScalarReference)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_Adler32(benchmark::State& state) {
  const auto& data = ChartFrame(100);
  uint32_t a = 0;
  for (auto _ : state) {
    a = Adler32(1, data.data(), data.size());
    benchmark::DoNotOptimize(a);
  }
  state.SetBytesProcessed(state.iterations() * data.size());
  state.SetLabel(EncodeKernelTargetName());
}
BENCHMARK(BM_Adler32)->Unit(benchmark::kMicrosecond);

void BM_Adler32ZlibBaseline(benchmark::State& state) {
  const auto& data = ChartFrame(100);
  uLong a = 0;
  for (auto _ : state) {
    a = adler32(1, data.data(), static_cast<uInt>(data.size()));
    benchmark::DoNotOptimize(a);
  }
  state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_Adler32ZlibBaseline)->Unit(benchmark::kMicrosecond);

// range(0): 1 sub, 2 up, 4 paeth over the RGBA frame (bpp 4), with the
// filter kernels or their scalar references.
template <auto Sub, auto Up, auto Paeth>
void FilterRowsLoop(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  const int type = static_cast<int>(state.range(0));
  std::vector<uint8_t> out(kWidth * 4);
  const size_t n = kWidth * 4;
  for (auto _ : state) {
    for (uint32_t y = 1; y < kHeight; ++y) {
      const uint8_t* cur = rgba.data() + y * n;
      if (type == 1) Sub(cur, n, 4, out.data());
      if (type == 2) Up(cur, cur - n, n, out.data());
      if (type == 4) Paeth(cur, cur - n, n, 4, out.data());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * rgba.size());
}

void BM_FilterRows(benchmark::State& state) {
  FilterRowsLoop<FilterSubRow, FilterUpRow, FilterPaethRow>(state);
  state.SetLabel(EncodeKernelTargetName());
}
BENCHMARK(BM_FilterRows)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_FilterRowsScalarReference(benchmark::State& state) {
  FilterRowsLoop<FilterSubRowReference, FilterUpRowReference, FilterPaethRowReference>(state);
}
BENCHMARK(BM_FilterRowsScalarReference)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------
// WebP. range(0): 0 = lossless, 1 = lossy quality 75; range(1): method.

void BM_Webp(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  WebpOptions options;
  options.lossless = state.range(0) == 0;
  options.quality = 75;
  options.method = static_cast<int32_t>(state.range(1));
  size_t bytes = 0;
  for (auto _ : state) {
    ByteBuffer webp(AllocatorHooks::Default());
    if (!EncodeWebp(RgbaImage{rgba.data(), kWidth, kHeight, kWidth * 4}, options, &webp).ok()) {
      state.SkipWithError("encode failed");
      break;
    }
    bytes = webp.size();
  }
  state.counters["webp_bytes"] = static_cast<double>(bytes);
  state.SetLabel(options.lossless ? "lossless" : "lossy q75");
}
BENCHMARK(BM_Webp)
    ->ArgsProduct({{0, 1}, {0, 2, 4, 6}})
    ->Unit(benchmark::kMicrosecond);

// libwebp's one-call API (its defaults: method 4; output in a malloc'd
// buffer that must be copied out and freed).
void BM_WebpSimpleApiBaseline(benchmark::State& state) {
  const auto& rgba = ChartRgba(100);
  size_t bytes = 0;
  for (auto _ : state) {
    uint8_t* out = nullptr;
    bytes = state.range(0) == 0
                ? WebPEncodeLosslessRGBA(rgba.data(), kWidth, kHeight, kWidth * 4, &out)
                : WebPEncodeRGBA(rgba.data(), kWidth, kHeight, kWidth * 4, 75, &out);
    WebPFree(out);
    if (bytes == 0) {
      state.SkipWithError("encode failed");
      break;
    }
  }
  state.counters["webp_bytes"] = static_cast<double>(bytes);
  state.SetLabel(state.range(0) == 0 ? "lossless" : "lossy q75");
}
BENCHMARK(BM_WebpSimpleApiBaseline)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace candlewick

BENCHMARK_MAIN();
