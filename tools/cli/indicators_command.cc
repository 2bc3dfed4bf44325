// `candlewick indicators`: computes indicators over a CSV and writes a CSV
// with the input's time column and one column per indicator output.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "capi/candlewick.h"
#include "tools/cli/commands.h"
#include "tools/cli/indicator_spec.h"
#include "tools/cli/ohlcv_csv.h"

namespace candlewick {
namespace cli {
namespace {

void PrintIndicatorsHelp(FILE* out) {
  std::fprintf(out,
               "usage: candlewick indicators [--csv IN] [--out OUT] --ind SPEC ...\n"
               "\n"
               "Computes indicators over an OHLCV CSV (the bundled sample when --csv is\n"
               "absent) and writes a CSV (stdout when --out is absent) with the input's time\n"
               "column and one column per output.\n"
               "\n"
               "SPEC is NAME[:PARAM,...]; each PARAM is a number, by position in the order\n"
               "--list shows (TA-Lib's), or name=number; positional ones come first, and\n"
               "parameters not given take their defaults. For example\n"
               "  sma:20   macd:12,26,9   bbands:period=20,nbdevup=2\n"
               "  stoch:fastk=14,slowk=3,slowd=3   (%%K 14, smoothed 3, %%D 3)\n"
               "Note stoch:14,3,3 is fastk 14, slowk 3 and slowk_matype 3 (DEMA), TA-Lib's\n"
               "order: name the parameters when in doubt.\n"
               "\n"
               "Columns are named <indicator>_<parameters>[_<output>]: the values alone for\n"
               "the leading parameters given in order (none a matype or flag), name=value\n"
               "from the first one skipped or categorical on, so no name can be misread:\n"
               "  sma_20   macd_12_26_9_signal   bbands_20_2_upper   stoch_14_3_slowd=3_k\n"
               "The same column twice (--ind sma:20 --ind sma:period=20) is an error.\n"
               "Cells are empty where a value is undefined (NaN), else 17 significant\n"
               "digits.\n"
               "\n"
               "  -i, --csv FILE     input CSV (header naming open,high,low,close[,time][,volume])\n"
               "  -o, --out FILE     output CSV\n"
               "      --ind SPEC     an indicator; repeatable\n"
               "      --list         the indicators with their parameters (name=default\n"
               "                     [min..max]) and outputs\n"
               "  -h, --help         this text\n");
}

int Usage(const char* message, const char* value) {
  return UsageError("indicators", value ? absl::StrCat(message, " ", value) : message);
}

void ListIndicators() {
  for (cw_indicator_id id = 1; id <= cw_indicator_count(); ++id) {
    cw_indicator_info info;
    info.struct_size = sizeof info;
    if (cw_indicator_get_info(id, &info) != CW_OK) continue;
    std::printf("%-10s %s (", info.name, info.title);
    for (size_t p = 0; p < info.param_count; ++p) {
      cw_indicator_param param;
      param.struct_size = sizeof param;
      if (cw_indicator_get_param(id, p, &param) != CW_OK) continue;
      std::printf("%s%s=%g [%g..%g]", p ? ", " : "", param.name, param.default_value,
                  param.min_value, param.max_value);
    }
    std::printf(") ->");
    for (size_t o = 0; o < info.output_count; ++o) std::printf(" %s", cw_indicator_output_name(id, o));
    std::printf("\n");
  }
}

// The column name of one output. Stochastics name their outputs slowk/slowd
// and fastk/fastd after TA-Lib; in a column name the indicator already says
// which, so they become k and d.
std::string ColumnName(const ComputedIndicator& c, size_t output) {
  if (c.outputs.size() == 1) return c.spec.label;
  std::string name = c.output_names[output];
  if (absl::StartsWith(name, "slow") || absl::StartsWith(name, "fast")) name = name.substr(4);
  return c.spec.label + "_" + name;
}

// What the command line asks for.
struct IndicatorsSettings {
  std::string input, output;
  std::vector<std::string> specs;
};

// Returned by the steps below when the command goes on.
constexpr int kContinue = -1;

// Reads the flags into `s`; returns kContinue, or the exit code of --help,
// --list or a usage error.
int ParseIndicatorsFlags(int argc, char** argv, IndicatorsSettings* s) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "-h" || arg == "--help") {
      PrintIndicatorsHelp(stdout);
      return 0;
    } else if (arg == "--list") {
      ListIndicators();
      return 0;
    } else if (arg == "-i" || arg == "--csv") {
      if (!value(&s->input)) return Usage("missing value for", arg.c_str());
    } else if (arg == "-o" || arg == "--out") {
      if (!value(&s->output)) return Usage("missing value for", arg.c_str());
    } else if (arg == "--ind") {
      if (!value(&v)) return Usage("missing value for", arg.c_str());
      s->specs.push_back(v);
    } else {
      return Usage("unknown option", arg.c_str());
    }
  }
  if (s->specs.empty()) return Usage("give at least one --ind", nullptr);
  return kContinue;
}

// Parses the --ind specs into `parsed`; returns kContinue or a usage error.
int ParseSpecs(const std::vector<std::string>& specs, std::vector<IndicatorSpec>* parsed) {
  for (const std::string& s : specs) {
    absl::StatusOr<IndicatorSpec> spec = ParseIndicatorSpec(s);
    if (!spec.ok()) return Usage(std::string(spec.status().message()).c_str(), nullptr);
    // Two specs with one label would write two columns of one name.
    for (size_t k = 0; k < parsed->size(); ++k) {
      if ((*parsed)[k].label == spec->label) {
        const std::string message = "--ind " + specs[k] + " and --ind " + s +
                                    " are the same indicator (columns " + spec->label +
                                    "...); give each once";
        return Usage(message.c_str(), nullptr);
      }
    }
    parsed->push_back(*spec);
  }
  return kContinue;
}

// Computes every indicator over the table; false (with a message) on failure.
bool ComputeAll(const std::vector<IndicatorSpec>& parsed, const OhlcvTable& table,
                std::vector<ComputedIndicator>* computed) {
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) {
    std::fprintf(stderr, "candlewick indicators: out of memory\n");
    return false;
  }
  for (const IndicatorSpec& spec : parsed) {
    absl::StatusOr<ComputedIndicator> c = ComputeIndicator(context, spec, table);
    if (!c.ok()) {
      std::fprintf(stderr, "candlewick indicators: %s\n", std::string(c.status().message()).c_str());
      cw_indicator_context_destroy(context);
      return false;
    }
    computed->push_back(std::move(*c));
  }
  cw_indicator_context_destroy(context);
  return true;
}

// The header and one line per row: the time (or row number), then the values.
void WriteColumns(FILE* out, const OhlcvTable& table,
                  const std::vector<ComputedIndicator>& computed) {
  std::fprintf(out, "%s", table.time.empty() ? "row" : "time");
  for (const ComputedIndicator& c : computed) {
    for (size_t o = 0; o < c.outputs.size(); ++o) std::fprintf(out, ",%s", ColumnName(c, o).c_str());
  }
  std::fprintf(out, "\n");
  for (size_t row = 0; row < table.rows(); ++row) {
    if (table.time.empty()) {
      std::fprintf(out, "%zu", row);
    } else {
      std::fprintf(out, "%lld", static_cast<long long>(table.time[row]));
    }
    for (const ComputedIndicator& c : computed) {
      for (const std::vector<double>& values : c.outputs) {
        const double v = values[row];
        if (v != v) {
          std::fputc(',', out);  // NaN: no value
        } else {
          std::fprintf(out, ",%.17g", v);
        }
      }
    }
    std::fputc('\n', out);
  }
}

// Writes the CSV to `output` (stdout when empty); returns the exit code.
int WriteIndicatorsCsv(const std::string& output, const OhlcvTable& table,
                       const std::vector<ComputedIndicator>& computed) {
  FILE* out = stdout;
  const std::string path = output.empty() ? "" : ResolveUserPath(output);
  if (!path.empty()) {
    out = std::fopen(path.c_str(), "wb");
    if (out == nullptr) {
      std::fprintf(stderr, "candlewick indicators: cannot write '%s': %s\n", path.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }
  WriteColumns(out, table, computed);
  const bool ok = !std::ferror(out) && (out == stdout ? std::fflush(out) == 0 : std::fclose(out) == 0);
  if (!ok) {
    std::fprintf(stderr, "candlewick indicators: write error\n");
    return 1;
  }
  return 0;
}

}  // namespace

int RunIndicators(int argc, char** argv) {
  IndicatorsSettings s;
  if (const int code = ParseIndicatorsFlags(argc, argv, &s); code != kContinue) return code;
  std::vector<IndicatorSpec> parsed;
  if (const int code = ParseSpecs(s.specs, &parsed); code != kContinue) return code;
  absl::StatusOr<OhlcvTable> table =
      s.input.empty() ? ParseOhlcvCsv(BundledSampleCsv(), "bundled sample")
                      : ReadOhlcvCsv(ResolveUserPath(s.input));
  if (!table.ok()) {
    std::fprintf(stderr, "candlewick indicators: %s\n",
                 std::string(table.status().message()).c_str());
    return 1;
  }
  if (!table->note.empty()) {
    std::fprintf(stderr, "candlewick indicators: warning: %s\n", table->note.c_str());
  }
  std::vector<ComputedIndicator> computed;
  if (!ComputeAll(parsed, *table, &computed)) return 1;
  return WriteIndicatorsCsv(s.output, *table, computed);
}

}  // namespace cli
}  // namespace candlewick
