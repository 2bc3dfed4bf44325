// cw_chart_render on fuzzed chart data: series of any length (dense ones,
// thousands of rows, included) with prices from the extremes of the double
// range, overlays, bands and panels with NaN, infinities, wrong lengths, bad
// widths and weights, every chart type and output format, on options a
// chart accepts. Checks the render contract (chart_input.h), and that valid
// data always renders.
#include <cstdio>
#include <cstdlib>

#include "fuzz/chart_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  candlewick_fuzz::FuzzInput in(data, size);
  const cw_chart_options options = candlewick_fuzz::ReadOptions(in, /*raw=*/false);
  const int32_t format = static_cast<int32_t>(in.Below(7));
  candlewick_fuzz::ChartInput chart;
  chart.Read(in, 4000);
  // FUZZ_VERBOSE=1: what an input draws, to read a reproducer.
  if (std::getenv("FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr,
                 "type %d format %d %ux%u aa %d axes %d volume %d line_width %g box %g "
                 "reversal %d margin %d; rows %zu overlays %zu bands %zu panels %zu valid %d\n",
                 options.type, format, options.width, options.height, options.antialias,
                 options.show_axes, options.show_volume, options.line_width, options.box_size,
                 options.reversal, options.margin, chart.open.size(), chart.overlays.size(),
                 chart.bands.size(), chart.panels.size(), chart.valid);
    for (const cw_line& l : chart.overlays) std::fprintf(stderr, "  overlay width %g\n", l.width);
    for (const cw_band& b : chart.bands) std::fprintf(stderr, "  band width %g\n", b.width);
    for (size_t i = 0; i < chart.open.size() && i < 3; ++i) {
      std::fprintf(stderr, "  row %zu: %g %g %g %g\n", i, chart.open[i], chart.high[i],
                   chart.low[i], chart.close[i]);
    }
  }
  // INDEXED8 needs a crisp chart: an antialiased one is refused, rightly.
  const bool must = chart.valid && !(format == CW_FORMAT_INDEXED8 && options.antialias);
  candlewick_fuzz::RenderAndCheck(options, chart, format, must);
  return 0;
}
