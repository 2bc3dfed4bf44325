#include "tools/cli/indicator_spec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace candlewick {
namespace cli {

namespace {

// A plain decimal number: [+-]digits[.digits][(e|E)[+-]digits] (or .digits).
// absl::SimpleAtod alone would also take "0x10", "inf" and "nan".
bool ParseDecimal(absl::string_view text, double* out) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      ++i, ++digits;
    }
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent = 0;
    while (i < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      ++i, ++exponent;
    }
    if (exponent == 0) return false;
  }
  return i == text.size() && absl::SimpleAtod(text, out) && std::isfinite(*out);
}

// The shortest text that reads back as `v`: 20, 2.5, 0.02.
std::string ShortNumber(double v) {
  char text[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(text, sizeof text, "%.0f", v);
    return text;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, v);
    if (std::strtod(text, nullptr) == v) break;
  }
  return text;
}

// Moving-average types and flags: a bare value would read like a period.
bool IsCategorical(const cw_indicator_param& p) {
  return p.is_integer && p.max_value - p.min_value <= 10;
}

std::string Ordinal(size_t i) {
  static const char* const kOrdinals[] = {"first", "second", "third", "fourth", "fifth"};
  return i < 5 ? kOrdinals[i] : absl::StrCat(i + 1, "th");
}

absl::Status SpecError(absl::string_view indicator, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("indicator '", indicator, "': ", what));
}

// Checks the text `number` given for parameter k, `p`, and stores its value.
absl::Status SetParam(const std::string& name, const cw_indicator_param& p, size_t k,
                      absl::string_view number, std::vector<double>* values,
                      std::vector<bool>* given) {
  if ((*given)[k]) return SpecError(name, absl::StrCat("parameter '", p.name, "' given twice"));
  double v;
  if (!ParseDecimal(number, &v)) {
    return SpecError(name, absl::StrCat("parameter '", p.name, "' (the ", Ordinal(k), ") is '",
                                        number, "', not a decimal number"));
  }
  if (v < p.min_value || v > p.max_value || (p.is_integer && v != std::floor(v))) {
    return SpecError(name,
                     absl::StrCat("parameter '", p.name, "' (the ", Ordinal(k), ") is ",
                                  ShortNumber(v), "; it must be ",
                                  p.is_integer ? "a whole number" : "a number", " in [",
                                  ShortNumber(p.min_value), ", ", ShortNumber(p.max_value), "]"));
  }
  (*values)[k] = v;
  (*given)[k] = true;
  return absl::OkStatus();
}

// Reads the parameters after the colon ("20,nbdevup=2") into `values` and
// `given`; `takes` says in messages what the indicator takes.
absl::Status ParseParams(const std::string& name, absl::string_view list,
                         const std::vector<cw_indicator_param>& params, const std::string& takes,
                         std::vector<double>* values, std::vector<bool>* given) {
  size_t position = 0;
  bool named_seen = false;
  const std::vector<absl::string_view> items = absl::StrSplit(list, ',');
  for (absl::string_view item : items) {
    if (item.empty()) return SpecError(name, "an empty parameter (two commas, or a trailing one)");
    const size_t eq = item.find('=');
    size_t k;
    absl::string_view number = item;
    if (eq == absl::string_view::npos) {
      if (named_seen) {
        return SpecError(name, absl::StrCat("the positional parameter '", item,
                                            "' follows a named one; give positional "
                                            "parameters first"));
      }
      k = position++;
      if (k >= params.size()) {
        size_t positional = 0;
        for (absl::string_view i : items) positional += i.find('=') == absl::string_view::npos;
        return SpecError(name, absl::StrCat(takes, ", got ", positional));
      }
    } else {
      named_seen = true;
      const std::string key = absl::AsciiStrToLower(item.substr(0, eq));
      number = item.substr(eq + 1);
      for (k = 0; k < params.size() && key != params[k].name; ++k) {
      }
      if (k == params.size()) {
        return SpecError(name, absl::StrCat("no parameter named '", key, "'; it ", takes));
      }
    }
    const absl::Status st = SetParam(name, params[k], k, number, values, given);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

// Sets the spec's parameters (up to the last one given), label and title.
void NameSpec(const std::vector<cw_indicator_param>& params, const std::vector<double>& values,
              const std::vector<bool>& given, IndicatorSpec* spec) {
  size_t count = 0;  // up to the last parameter given
  for (size_t k = 0; k < params.size(); ++k) {
    if (given[k]) count = k + 1;
  }
  spec->params.assign(values.begin(), values.begin() + count);
  spec->given.assign(given.begin(), given.begin() + count);
  spec->label = spec->name;
  spec->title = absl::AsciiStrToUpper(spec->name);
  bool in_order = true;
  for (size_t k = 0; k < count; ++k) {
    if (!given[k] || IsCategorical(params[k])) in_order = false;
    if (!given[k]) continue;
    const std::string v = ShortNumber(values[k]);
    const std::string part = in_order ? v : absl::StrCat(params[k].name, "=", v);
    absl::StrAppend(&spec->label, "_", part);
    absl::StrAppend(&spec->title, " ", part);
  }
}

}  // namespace

std::string ParamList(cw_indicator_id id) {
  cw_indicator_info info;
  info.struct_size = sizeof info;
  if (cw_indicator_get_info(id, &info) != CW_OK) return "";
  std::string list;
  for (size_t k = 0; k < info.param_count; ++k) {
    cw_indicator_param p;
    p.struct_size = sizeof p;
    if (cw_indicator_get_param(id, k, &p) != CW_OK) continue;
    absl::StrAppend(&list, k ? ", " : "", p.name, "=", ShortNumber(p.default_value));
  }
  return list;
}

absl::StatusOr<IndicatorSpec> ParseIndicatorSpec(absl::string_view text) {
  IndicatorSpec spec;
  const size_t colon = text.find(':');
  spec.name = absl::AsciiStrToLower(text.substr(0, colon));
  if (spec.name.empty()) return absl::InvalidArgumentError("an indicator spec needs a name");
  if (cw_indicator_find(spec.name.c_str(), &spec.id) != CW_OK) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown indicator '", spec.name, "' (candlewick indicators --list shows them)"));
  }
  cw_indicator_info info;
  info.struct_size = sizeof info;
  if (cw_indicator_get_info(spec.id, &info) != CW_OK) {
    return absl::InternalError("indicator info unavailable");
  }
  std::vector<cw_indicator_param> params(info.param_count);
  for (size_t k = 0; k < info.param_count; ++k) {
    params[k].struct_size = sizeof params[k];
    if (cw_indicator_get_param(spec.id, k, &params[k]) != CW_OK) {
      return absl::InternalError("indicator parameter info unavailable");
    }
  }
  const std::string takes =
      info.param_count == 0
          ? "takes no parameters"
          : absl::StrCat("takes ", info.param_count, " parameter", info.param_count > 1 ? "s" : "",
                         " (", ParamList(spec.id), ")");
  std::vector<double> values(info.param_count);
  std::vector<bool> given(info.param_count, false);
  for (size_t k = 0; k < info.param_count; ++k) values[k] = params[k].default_value;
  if (colon != absl::string_view::npos) {
    const absl::Status st =
        ParseParams(spec.name, text.substr(colon + 1), params, takes, &values, &given);
    if (!st.ok()) return st;
  }
  NameSpec(params, values, given, &spec);
  size_t lookback = 0;  // anything the ranges above do not cover
  if (cw_indicator_lookback(spec.id, spec.params.data(), spec.params.size(), &lookback) != CW_OK) {
    return SpecError(spec.name, absl::StrCat("the library rejects these parameters; it ", takes));
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
