// Reading OHLCV tables from CSV text for the command-line tool. The header
// row names the columns (any order, any case): time, open, high, low, close
// and optionally volume. Times are Unix seconds or ISO dates/date-times (UTC).
#ifndef CANDLEWICK_TOOLS_CLI_OHLCV_CSV_H_
#define CANDLEWICK_TOOLS_CLI_OHLCV_CSV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace candlewick {

struct OhlcvTable {
  std::vector<int64_t> time;  // empty when the CSV has no time column
  std::vector<double> open, high, low, close;
  std::vector<double> volume;  // empty when the CSV has no volume column
  size_t rows() const { return close.size(); }
};

// Parses `text`; `source` names it in messages ("data.csv:17: ..."). A
// malformed line fails with its 1-based line number. Blank lines are skipped.
absl::StatusOr<OhlcvTable> ParseOhlcvCsv(absl::string_view text, absl::string_view source);

// Reads and parses a file.
absl::StatusOr<OhlcvTable> ReadOhlcvCsv(const std::string& path);

// The sample bundled into the binary at build time (data/sample.csv).
absl::string_view BundledSampleCsv();

}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_OHLCV_CSV_H_
