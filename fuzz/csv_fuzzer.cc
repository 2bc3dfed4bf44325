// The command-line tool's input path: the first line of the input is an
// indicator spec (--overlay/--panel, parsed by the CLI's spec parser), the
// rest a CSV file. Checks the reader's contract: an error names the file
// and its line and holds no NUL; an accepted table satisfies every row rule
// (finite prices, low <= open/close <= high, volume >= 0), so the library
// renders it (CW_OK, not a row error the reader should have reported);
// an accepted spec computes over it and renders as overlay or panel.
#include <cmath>
#include <cstring>
#include <string>

#include "capi/candlewick.h"
#include "fuzz/fuzz_input.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/indicator_spec.h"
#include "tools/cli/ohlcv_csv.h"

namespace {

using candlewick::OhlcvTable;

cw_status Render(const OhlcvTable& t, candlewick::cli::ChartExtras* extras, std::string* error) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = 96;
  o.height = 64;
  o.show_axes = 1;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&o, &chart) != CW_OK) candlewick_fuzz::Fail("create");
  const cw_ohlcv series = cw_ohlcv_contiguous(
      t.rows(), t.time.empty() ? nullptr : t.time.data(), t.open.data(), t.high.data(),
      t.low.data(), t.close.data(), t.volume.empty() ? nullptr : t.volume.data());
  cw_chart_data data;
  cw_chart_data_init(&data, &series);
  if (extras != nullptr) extras->Apply(&data);
  std::vector<uint8_t> frame(96 * 64 * 4);
  const cw_status st =
      cw_chart_render_frame(chart, &data, CW_FORMAT_RGBA8, frame.data(), frame.size(), 96 * 4);
  *error = cw_chart_last_error(chart);
  cw_chart_destroy(chart);
  return st;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t newline = all.find('\n');
  const absl::string_view spec_text = all.substr(0, newline);
  const absl::string_view csv =
      newline == absl::string_view::npos ? absl::string_view() : all.substr(newline + 1);

  const auto spec = candlewick::cli::ParseIndicatorSpec(spec_text);
  const auto table = candlewick::ParseOhlcvCsv(csv, "fuzz.csv");
  if (!table.ok()) {
    const absl::string_view m = table.status().message();
    FUZZ_CHECK(m.substr(0, 9) == "fuzz.csv:", std::string(m).c_str());
    FUZZ_CHECK(m.find('\0') == absl::string_view::npos, "a NUL in the message");
    return 0;
  }
  const OhlcvTable& t = *table;
  const size_t n = t.rows();
  FUZZ_CHECK(n > 0, "a table without rows");
  FUZZ_CHECK(t.open.size() == n && t.high.size() == n && t.low.size() == n, "column lengths");
  FUZZ_CHECK(t.time.empty() || t.time.size() == n, "time length");
  FUZZ_CHECK(t.volume.empty() || t.volume.size() == n, "volume length");
  for (size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(std::isfinite(t.open[i]) && std::isfinite(t.high[i]) && std::isfinite(t.low[i]) &&
                   std::isfinite(t.close[i]),
               "a non-finite price accepted");
    FUZZ_CHECK(t.low[i] <= t.open[i] && t.open[i] <= t.high[i] && t.low[i] <= t.close[i] &&
                   t.close[i] <= t.high[i],
               "an inconsistent row accepted");
    FUZZ_CHECK(t.volume.empty() || (std::isfinite(t.volume[i]) && t.volume[i] >= 0),
               "a bad volume accepted");
  }
  if (n > 5000) return 0;  // long tables: the reader is what is fuzzed here
  std::string error;
  FUZZ_CHECK(Render(t, nullptr, &error) == CW_OK, error.c_str());
  if (!spec.ok()) return 0;
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) candlewick_fuzz::Fail("context");
  candlewick::cli::ChartExtras overlay, panel;
  const absl::Status added = overlay.AddOverlay(context, spec_text, t);
  const absl::Status added_panel = panel.AddPanel(context, spec_text, t);
  cw_indicator_context_destroy(context);
  for (auto [status, extras] : {std::pair{added, &overlay}, {added_panel, &panel}}) {
    if (!status.ok()) continue;
    const cw_status st = Render(t, extras, &error);
    // An indicator may overflow to infinity on prices near the largest
    // double, which the chart refuses (use NaN for no value): that is the
    // only error a computed overlay may meet.
    FUZZ_CHECK(st == CW_OK || (st == CW_ERR_NON_FINITE && error.find("infinite value") !=
                                                              std::string::npos),
               error.c_str());
  }
  return 0;
}
