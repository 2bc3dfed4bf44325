// Reading OHLCV tables from CSV text for the command-line tool; the rules
// are those of docs/csv.md: a header row naming open, high,
// low, close and optionally time (or date, datetime, timestamp) and volume,
// in any order and case, each at most once (other columns are ignored);
// cells split at commas, optionally "quoted"; numbers in plain decimal
// notation, finite, with low <= open, close <= high and volume >= 0; times
// as Unix seconds (any int64) or strict ISO 8601 dates YYYY-MM-DD with an
// optional time HH:MM[:SS] and Z or +-HH:MM (UTC without one), years
// 0001-9999. Every error names the file line.
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
  // A warning for the user, or empty: times that are all past the year 5000
  // as Unix seconds are almost surely milliseconds (or finer) since 1970,
  // which are read as seconds all the same (as documented).
  std::string note;
  size_t rows() const { return close.size(); }
};

// Parses `text`; `source` names it in messages ("data.csv:17: ..."). A
// malformed line fails with its 1-based line number (cells quoted in
// messages with non-printable bytes escaped). Blank lines are skipped. A
// text without a header, or without a data row, is an error.
absl::StatusOr<OhlcvTable> ParseOhlcvCsv(absl::string_view text, absl::string_view source);

// Reads and parses a file (a directory or an unreadable file is an error
// that says so).
absl::StatusOr<OhlcvTable> ReadOhlcvCsv(const std::string& path);

// The sample bundled into the binary at build time (data/sample.csv).
absl::string_view BundledSampleCsv();

}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_OHLCV_CSV_H_
