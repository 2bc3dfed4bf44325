// Indicator specifications on the command line ("sma:20", "macd:12,26,9",
// "stoch:fastk=14,slowk=3,slowd=3", "bbands") and computing them over a CSV
// table through the C API. Shared by `render --overlay/--panel` and
// `indicators --ind`.
//
// Syntax: NAME[:PARAM,PARAM,...], each PARAM a number (positional, in
// TA-Lib's order, the order `candlewick indicators --list` shows) or
// name=number; positional parameters come first. Parameters not given take
// their defaults. Numbers are plain decimals (12, 2.5, -1, 1e3): no hex, no
// inf or nan.
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
  // The parameters up to the last one given, in TA-Lib order (defaults in
  // the gaps); the rest take their defaults.
  std::vector<double> params;
  std::vector<bool> given;     // which of `params` the spec gave
  // The parameters spelled so they cannot be misread: the values alone for
  // the leading parameters given in order, none of them a moving-average
  // type or a flag; name=value from the first one skipped or categorical on.
  //   sma:20                          -> sma_20          SMA 20
  //   macd:12,26,9                    -> macd_12_26_9    MACD 12 26 9
  //   stoch:fastk=14,slowk=3,slowd=3  -> stoch_14_3_slowd=3
  //   stoch:14,3,3                    -> stoch_14_3_slowk_matype=3
  std::string label;  // column stem: the name and parameters joined by '_'
  std::string title;  // for legends and panels: "MACD 12 26 9"
};

// Parses a spec. Errors (kInvalidArgument) name the indicator, the parameter
// and what is wrong with it: "indicator 'sma': parameter 'period' is 0; it
// must be a whole number in [2, 100000]".
absl::StatusOr<IndicatorSpec> ParseIndicatorSpec(absl::string_view text);

// The parameter list of an indicator for help and errors:
// "period=20, nbdevup=2, nbdevdn=2, matype=0".
std::string ParamList(cw_indicator_id id);

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
