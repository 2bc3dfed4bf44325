// cw_chart_render on fuzzed chart data: series of any length (dense ones,
// thousands of rows, included) with prices from the extremes of the double
// range, overlays, bands and panels with NaN, infinities, wrong lengths, bad
// widths and weights, every chart type and output format, on options a
// chart accepts. Checks the render contract (chart_input.h), and that valid
// data always renders.
#include "fuzz/chart_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  candlewick_fuzz::FuzzInput in(data, size);
  const cw_chart_options options = candlewick_fuzz::ReadOptions(in, /*raw=*/false);
  const int32_t format = static_cast<int32_t>(in.Below(7));
  candlewick_fuzz::ChartInput chart;
  chart.Read(in, 4000);
  // INDEXED8 needs a crisp chart: an antialiased one is refused, rightly.
  const bool must = chart.valid && !(format == CW_FORMAT_INDEXED8 && options.antialias);
  candlewick_fuzz::RenderAndCheck(options, chart, format, must);
  return 0;
}
