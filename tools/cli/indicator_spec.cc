#include "tools/cli/indicator_spec.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace candlewick {
namespace cli {

absl::StatusOr<IndicatorSpec> ParseIndicatorSpec(absl::string_view text) {
  IndicatorSpec spec;
  const size_t colon = text.find(':');
  spec.name = absl::AsciiStrToLower(text.substr(0, colon));
  if (cw_indicator_find(spec.name.c_str(), &spec.id) != CW_OK) {
    return absl::InvalidArgumentError(absl::StrCat("unknown indicator '", spec.name, "'"));
  }
  spec.label = spec.name;
  if (colon != absl::string_view::npos) {
    for (absl::string_view p : absl::StrSplit(text.substr(colon + 1), ',')) {
      double v;
      if (!absl::SimpleAtod(p, &v) || !std::isfinite(v)) {
        return absl::InvalidArgumentError(
            absl::StrCat("indicator '", spec.name, "': parameter '", p, "' is not a number"));
      }
      spec.params.push_back(v);
      absl::StrAppend(&spec.label, "_", p);
    }
  }
  size_t lookback = 0;  // validates the parameters against their ranges
  if (cw_indicator_lookback(spec.id, spec.params.data(), spec.params.size(), &lookback) != CW_OK) {
    return absl::InvalidArgumentError(
        absl::StrCat("indicator '", text, "': a parameter is out of range or there are too many"));
  }
  return spec;
}

absl::StatusOr<ComputedIndicator> ComputeIndicator(cw_indicator_context* context,
                                                   const IndicatorSpec& spec,
                                                   const OhlcvTable& table) {
  cw_indicator_info info;
  info.struct_size = sizeof info;
  if (cw_indicator_get_info(spec.id, &info) != CW_OK) {
    return absl::InternalError("indicator info unavailable");
  }
  const size_t n = table.rows();
  std::vector<cw_f64_column> inputs;
  for (size_t i = 0; i < info.input_count; ++i) {
    const std::string input = cw_indicator_input_name(spec.id, i);
    const std::vector<double>* column = &table.close;
    if (input == "open") column = &table.open;
    if (input == "high") column = &table.high;
    if (input == "low") column = &table.low;
    if (input == "anchor") {
      // The CSV has no anchor flags; silently using another column would
      // restart the VWAP at every row.
      return absl::InvalidArgumentError(
          absl::StrCat("indicator '", spec.name, "' needs an anchor column, which the CSV input "
                       "does not have (use vwap for a VWAP from the first row)"));
    }
    if (input == "volume") {
      if (table.volume.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("indicator '", spec.name, "' needs a volume column"));
      }
      column = &table.volume;
    }
    inputs.push_back({column->data(), n, 0});
  }
  ComputedIndicator out;
  out.spec = spec;
  out.outputs.assign(info.output_count, std::vector<double>(n));
  std::vector<double*> pointers;
  for (size_t i = 0; i < info.output_count; ++i) {
    out.output_names.push_back(cw_indicator_output_name(spec.id, i));
    pointers.push_back(out.outputs[i].data());
  }
  const cw_status st =
      cw_indicator_compute(context, spec.id, inputs.data(), inputs.size(), spec.params.data(),
                           spec.params.size(), pointers.data(), pointers.size(), n);
  if (st != CW_OK) {
    return absl::InvalidArgumentError(absl::StrCat("indicator '", spec.label, "': ",
                                                   cw_status_string(st), ": ",
                                                   cw_indicator_context_last_error(context)));
  }
  return out;
}

}  // namespace cli
}  // namespace candlewick
