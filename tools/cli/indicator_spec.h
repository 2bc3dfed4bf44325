// Indicator specifications on the command line ("sma:20", "macd:12,26,9",
// "bbands") and computing them over a CSV table through the C API. Shared by
// `render --overlay/--band/--panel` and `indicators --ind`.
#ifndef CANDLEWICK_TOOLS_CLI_INDICATOR_SPEC_H_
#define CANDLEWICK_TOOLS_CLI_INDICATOR_SPEC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "capi/candlewick.h"
#include "tools/cli/ohlcv_csv.h"

namespace candlewick {
namespace cli {

struct IndicatorSpec {
  cw_indicator_id id = 0;
  std::string name;            // "macd"
  std::vector<double> params;  // as given; the rest take their defaults
  // "macd_12_26_9": the name and the given parameters joined by '_'.
  std::string label;
};

// Parses NAME[:P1,P2,...]. Unknown names and non-numeric parameters fail
// with a message; parameter ranges are checked by the library.
absl::StatusOr<IndicatorSpec> ParseIndicatorSpec(absl::string_view text);

struct ComputedIndicator {
  IndicatorSpec spec;
  std::vector<std::string> output_names;      // "value", "upper", "signal", ...
  std::vector<std::vector<double>> outputs;   // one per output, NaN before lookback
};

// Computes `spec` over the table's columns (single-input indicators read
// the close). The table must have the columns the indicator needs.
absl::StatusOr<ComputedIndicator> ComputeIndicator(cw_indicator_context* context,
                                                   const IndicatorSpec& spec,
                                                   const OhlcvTable& table);

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_INDICATOR_SPEC_H_
