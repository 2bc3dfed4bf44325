// Chart data built from fuzzer bytes for the chart fuzz targets: a series of
// any length (dense ones included) whose values come from the extremes menu
// or a realistic walk, with overlays, bands and panels, and a note of
// whether everything is valid input (then a render must succeed).
#ifndef CANDLEWICK_FUZZ_CHART_INPUT_H_
#define CANDLEWICK_FUZZ_CHART_INPUT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "fuzz/fuzz_input.h"

namespace candlewick_fuzz {

struct ChartInput {
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume;
  std::vector<std::vector<double>> values;  // overlay, band and panel columns
  std::vector<cw_line> overlays, panel_lines;
  std::vector<cw_band> bands;
  std::vector<cw_panel> panels;
  std::vector<std::vector<double>> levels;
  std::vector<std::string> titles;
  std::string title;
  cw_ohlcv series;
  cw_chart_data data;
  // Everything read is valid: consistent finite prices, volumes >= 0, extras
  // of the series' length without infinities, widths and weights in range.
  bool valid = true;

  // Reads up to `max_rows` rows and the extras.
  void Read(FuzzInput& in, size_t max_rows);
};

// Options a render accepts most of the time: every type, theme, size up to
// about 400 pixels, axes, antialiasing, layout numbers near their ranges.
// `raw`: any value of every field instead (mostly rejected at create).
cw_chart_options ReadOptions(FuzzInput& in, bool raw);

// Renders `c` with `options` in `format` and checks the contract: CW_OK
// with the right output, or an error with no output and a message; never
// CW_ERR_INTERNAL; CW_OK whenever everything was valid (`must_succeed`),
// except for a renko/P&F box beyond the chart's bounds. Returns the status.
cw_status RenderAndCheck(const cw_chart_options& options, ChartInput& c, int32_t format,
                         bool must_succeed);

}  // namespace candlewick_fuzz

#endif  // CANDLEWICK_FUZZ_CHART_INPUT_H_
