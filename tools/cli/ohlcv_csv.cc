#include "tools/cli/ohlcv_csv.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace candlewick {
namespace {

enum Field { kTime, kOpen, kHigh, kLow, kClose, kVolume, kFieldCount };
constexpr const char* kFieldNames[kFieldCount] = {"time", "open", "high", "low", "close", "volume"};

bool ParseTime(absl::string_view text, int64_t* out) {
  if (absl::SimpleAtoi(text, out)) return true;
  const std::string s(text);
  absl::Time t;
  std::string err;
  for (const char* format : {"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ",
                             "%Y-%m-%d %H:%M", "%Y-%m-%d"}) {
    if (absl::ParseTime(format, s, absl::UTCTimeZone(), &t, &err)) {
      *out = absl::ToUnixSeconds(t);
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<OhlcvTable> ParseOhlcvCsv(absl::string_view text, absl::string_view source) {
  OhlcvTable table;
  int column_of[kFieldCount];
  for (int& c : column_of) c = -1;
  size_t column_count = 0;
  bool have_header = false;
  size_t line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripTrailingAsciiWhitespace(line);  // also drops '\r'
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    std::vector<absl::string_view> cells = absl::StrSplit(line, ',');
    for (auto& cell : cells) cell = absl::StripAsciiWhitespace(cell);
    if (!have_header) {
      if (!cells.empty()) cells[0] = absl::StripPrefix(cells[0], "\xEF\xBB\xBF");  // BOM
      for (size_t i = 0; i < cells.size(); ++i) {
        const std::string name = absl::AsciiStrToLower(cells[i]);
        for (int f = 0; f < kFieldCount; ++f) {
          if (name == kFieldNames[f] || (f == kTime && (name == "date" || name == "timestamp"))) {
            column_of[f] = static_cast<int>(i);
          }
        }
      }
      for (int f = kOpen; f <= kClose; ++f) {
        if (column_of[f] < 0) {
          return absl::InvalidArgumentError(
              absl::StrCat(source, ":", line_number, ": header lacks a '", kFieldNames[f],
                           "' column (need time,open,high,low,close[,volume])"));
        }
      }
      column_count = cells.size();
      have_header = true;
      continue;
    }
    if (cells.size() != column_count) {
      return absl::InvalidArgumentError(absl::StrCat(source, ":", line_number, ": expected ",
                                                     column_count, " fields, found ",
                                                     cells.size()));
    }
    if (column_of[kTime] >= 0) {
      int64_t t;
      if (!ParseTime(cells[column_of[kTime]], &t)) {
        return absl::InvalidArgumentError(
            absl::StrCat(source, ":", line_number, ": time '", cells[column_of[kTime]],
                         "' is neither Unix seconds nor an ISO date"));
      }
      table.time.push_back(t);
    }
    std::vector<double>* columns[kFieldCount] = {nullptr,     &table.open,  &table.high,
                                                 &table.low, &table.close, &table.volume};
    for (int f = kOpen; f < kFieldCount; ++f) {
      if (column_of[f] < 0) continue;
      double v;
      if (!absl::SimpleAtod(cells[column_of[f]], &v)) {
        return absl::InvalidArgumentError(absl::StrCat(source, ":", line_number, ": ",
                                                       kFieldNames[f], " '",
                                                       cells[column_of[f]],
                                                       "' is not a number"));
      }
      columns[f]->push_back(v);
    }
  }
  if (!have_header) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": empty file, no header row"));
  }
  return table;
}

absl::StatusOr<OhlcvTable> ReadOhlcvCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseOhlcvCsv(buffer.str(), path);
}

}  // namespace candlewick
