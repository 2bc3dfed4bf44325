// The timed loops that the render benchmark and the Cairo peer benchmark
// share, so that both measure candlewick the same way: an 800x600 chart of
// candlewick_test::MakeSeries(state.range(0), seed).
#ifndef CANDLEWICK_BENCHMARKS_RENDER_LOOPS_H_
#define CANDLEWICK_BENCHMARKS_RENDER_LOOPS_H_

#include <cstdint>

#include "benchmark/benchmark.h"
#include "capi/candlewick.h"

namespace candlewick_bench {

constexpr uint32_t kWidth = 800, kHeight = 600;

// An 800x600 chart with default options but the PNG preset; null on failure.
cw_chart* NewChart(int32_t png_preset);

// FillSpan32 of one colour over a whole width x height RGBA frame: the floor
// any renderer must at least pay.
void FillOnly(benchmark::State& state, uint32_t width = kWidth, uint32_t height = kHeight);

// Renders into an RGBA frame; items processed = candles.
void RenderRgba(benchmark::State& state, uint32_t seed);

// Render + PNG with preset state.range(1); reports the PNG size and the
// preset's name.
void RenderPng(benchmark::State& state, uint32_t seed);

}  // namespace candlewick_bench

#endif  // CANDLEWICK_BENCHMARKS_RENDER_LOOPS_H_
