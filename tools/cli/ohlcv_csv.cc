#include "tools/cli/ohlcv_csv.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace candlewick {
namespace {

enum Field { kTime, kOpen, kHigh, kLow, kClose, kVolume, kFieldCount };
constexpr const char* kFieldNames[kFieldCount] = {"time", "open", "high", "low", "close", "volume"};

// The field a header name stands for (any case), or -1 for a column to skip.
int FieldOf(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  for (int f = 0; f < kFieldCount; ++f) {
    if (lower == kFieldNames[f]) return f;
  }
  if (lower == "date" || lower == "datetime" || lower == "timestamp") return kTime;
  return -1;
}

// A cell as it may appear in a message: printable, bounded.
std::string Quoted(absl::string_view cell) {
  std::string s = absl::CHexEscape(cell.substr(0, 40));
  if (cell.size() > 40) s += "...";
  return absl::StrCat("'", s, "'");
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Plain decimal notation only: [+-] digits [. digits] [e [+-] digits], at
// least one digit before the exponent. Rejects what strtod would also take
// (hexadecimal 0x10, inf, nan, "1e", ".").
bool IsDecimal(absl::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Exactly `n` digits at s[*i], as a number.
bool Digits(absl::string_view s, size_t* i, int n, int* out) {
  if (*i + static_cast<size_t>(n) > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    const char c = s[*i + static_cast<size_t>(k)];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += static_cast<size_t>(n);
  *out = v;
  return true;
}

bool Expect(absl::string_view s, size_t* i, char c) {
  if (*i >= s.size() || s[*i] != c) return false;
  ++*i;
  return true;
}

// A time: Unix seconds (an integer, any int64), or an ISO 8601 date and
// time in the strict form YYYY-MM-DD[(T| )HH:MM[:SS]][Z|(+|-)HH:MM] (four
// digit years 0001..9999, two-digit fields, a real calendar date); without
// an offset, UTC. On failure `why` says what is wrong.
bool ParseTime(absl::string_view s, int64_t* out, std::string* why) {
  const size_t sign = !s.empty() && s[0] == '-' ? 1 : 0;
  if (s.size() > sign && s.find_first_not_of("0123456789", sign) == s.npos) {
    if (absl::SimpleAtoi(s, out)) return true;
    *why = "is beyond the range of Unix seconds (int64)";
    return false;
  }
  size_t i = 0;
  int year, month, day, hour = 0, minute = 0, second = 0;
  const char* form =
      "is neither Unix seconds (an integer) nor an ISO date YYYY-MM-DD (four-digit year, "
      "two-digit month and day) with an optional time HH:MM[:SS] and Z or +HH:MM";
  if (!Digits(s, &i, 4, &year) || !Expect(s, &i, '-') || !Digits(s, &i, 2, &month) ||
      !Expect(s, &i, '-') || !Digits(s, &i, 2, &day)) {
    *why = form;
    return false;
  }
  int offset_minutes = 0;
  if (i < s.size()) {
    if (!(s[i] == 'T' || s[i] == ' ')) {
      *why = form;
      return false;
    }
    ++i;
    if (!Digits(s, &i, 2, &hour) || !Expect(s, &i, ':') || !Digits(s, &i, 2, &minute)) {
      *why = form;
      return false;
    }
    if (i < s.size() && s[i] == ':' && (++i, !Digits(s, &i, 2, &second))) {
      *why = form;
      return false;
    }
    if (i < s.size() && s[i] == 'Z') {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      const int sign = s[i] == '-' ? -1 : 1;
      ++i;
      int oh, om;
      if (!Digits(s, &i, 2, &oh) || !Expect(s, &i, ':') || !Digits(s, &i, 2, &om) || oh > 23 ||
          om > 59) {
        *why = form;
        return false;
      }
      offset_minutes = sign * (oh * 60 + om);
    }
    if (i != s.size()) {
      *why = form;
      return false;
    }
  }
  if (year == 0) {
    *why = "has year 0000 (a placeholder date?); years run from 0001";
    return false;
  }
  // A real calendar date and clock time: CivilSecond normalises 2024-02-30
  // to March 1, so compare.
  const absl::CivilSecond cs(year, month, day, hour, minute, second);
  if (cs.year() != year || cs.month() != month || cs.day() != day || cs.hour() != hour ||
      cs.minute() != minute || cs.second() != second) {
    *why = "is not a calendar date and time (month 01-12, a day of that month, 00:00:00-23:59:59)";
    return false;
  }
  *out = absl::ToUnixSeconds(absl::FromCivil(cs, absl::UTCTimeZone())) -
         static_cast<int64_t>(offset_minutes) * 60;
  return true;
}

// Splits one line at commas; a cell may be quoted ("..." with "" for a
// quote, which may hold commas). Cells are trimmed of spaces. False (with
// `why`) for an unterminated quote or text after a closing quote.
bool SplitCells(absl::string_view line, std::vector<std::string>* cells, std::string* why) {
  cells->clear();
  size_t i = 0;
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string cell;
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) {
          *why = "a quoted cell has no closing quote";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += line[i++];
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',') {
        *why = "text after a closing quote";
        return false;
      }
      cell = std::string(absl::StripAsciiWhitespace(cell));
    } else {
      const size_t end = std::min(line.find(',', i), line.size());
      cell = std::string(absl::StripAsciiWhitespace(line.substr(i, end - i)));
      i = end;
    }
    cells->push_back(std::move(cell));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

// Reads the header row: column_of[f] is the column of field f, or -1. False
// (with `why`) for a field named twice or a price column missing.
bool ReadHeader(const std::vector<std::string>& cells, int column_of[kFieldCount],
                std::string* why) {
  for (size_t i = 0; i < cells.size(); ++i) {
    const int f = FieldOf(cells[i]);
    if (f < 0) continue;  // other columns (e.g. "adj close") are ignored
    if (column_of[f] >= 0) {
      *why = absl::StrCat("the ", kFieldNames[f], " column appears twice (columns ",
                          column_of[f] + 1, " ", Quoted(cells[column_of[f]]), " and ", i + 1, " ",
                          Quoted(cells[i]), ")");
      return false;
    }
    column_of[f] = static_cast<int>(i);
  }
  for (int f = kOpen; f <= kClose; ++f) {
    if (column_of[f] < 0) {
      *why = absl::StrCat("header lacks a '", kFieldNames[f],
                          "' column (need open,high,low,close; optional time,volume)");
      return false;
    }
  }
  return true;
}

// Checks a data row's cells and appends them to the table. False (with
// `why`) for a bad time or number or a row the chart would reject.
bool AddRow(const std::vector<std::string>& cells, const int column_of[kFieldCount],
            OhlcvTable* table, std::string* why) {
  if (column_of[kTime] >= 0) {
    const std::string& cell = cells[column_of[kTime]];
    int64_t t;
    if (!ParseTime(cell, &t, why)) {
      *why = absl::StrCat("time ", Quoted(cell), " ", *why);
      return false;
    }
    table->time.push_back(t);
  }
  double v[kFieldCount] = {};
  for (int f = kOpen; f < kFieldCount; ++f) {
    if (column_of[f] < 0) continue;
    const std::string& cell = cells[column_of[f]];
    if (!IsDecimal(cell) || !absl::SimpleAtod(cell, &v[f])) {
      *why = absl::StrCat(kFieldNames[f], " ", Quoted(cell), " is not a decimal number");
      return false;
    }
    if (!std::isfinite(v[f])) {
      *why = absl::StrCat(kFieldNames[f], " ", Quoted(cell), " is beyond the range of a double");
      return false;
    }
  }
  // The chart's and the indicators' row rules, checked here so that the
  // message names the file line.
  const double o = v[kOpen], h = v[kHigh], l = v[kLow], c = v[kClose];
  if (h < l) {
    *why = absl::StrCat("high ", h, " is below low ", l);
  } else if (o < l || o > h) {
    *why = absl::StrCat("open ", o, " lies outside [low, high] = [", l, ", ", h, "]");
  } else if (c < l || c > h) {
    *why = absl::StrCat("close ", c, " lies outside [low, high] = [", l, ", ", h, "]");
  } else if (column_of[kVolume] >= 0 && v[kVolume] < 0) {
    *why = absl::StrCat("volume ", v[kVolume], " is negative");
  } else {
    table->open.push_back(o);
    table->high.push_back(h);
    table->low.push_back(l);
    table->close.push_back(c);
    if (column_of[kVolume] >= 0) table->volume.push_back(v[kVolume]);
    return true;
  }
  return false;
}

// Exports often give times in milliseconds (or micro-, nanoseconds) since
// 1970. Read as seconds, 1700000000000 is the year 55,840: a chart with
// absurd dates and no error. When every time is at least 1e11 seconds
// (past the year 5138), say which unit they look like.
std::string TimeUnitNote(const std::vector<int64_t>& time, absl::string_view source) {
  if (time.empty()) return "";
  const int64_t first = *std::min_element(time.begin(), time.end());
  if (first < 100'000'000'000) return "";
  const char* unit = first >= 100'000'000'000'000'000 ? "nanoseconds"
                     : first >= 100'000'000'000'000   ? "microseconds"
                                                      : "milliseconds";
  return absl::StrCat(source, ": every time is ", first,
                      " or more, past the year 5000 as Unix seconds; they look like ", unit,
                      " since 1970, but are read as seconds (convert them to seconds or ISO dates)");
}

}  // namespace

absl::StatusOr<OhlcvTable> ParseOhlcvCsv(absl::string_view text, absl::string_view source) {
  OhlcvTable table;
  int column_of[kFieldCount];
  for (int& c : column_of) c = -1;
  size_t column_count = 0;
  bool have_header = false;
  size_t line_number = 0, header_line = 0;
  std::vector<std::string> cells;
  std::string why;
  auto fail = [&](const std::string& message) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", line_number, ": ", message));
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == text.npos) end = text.size();
    absl::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line_number == 1) line = absl::StripPrefix(line, "\xEF\xBB\xBF");  // BOM
    const size_t nul = line.find('\0');
    if (nul != line.npos) {
      return fail(absl::StrCat("a NUL byte at column ", nul + 1, ": not a text CSV file"));
    }
    line = absl::StripTrailingAsciiWhitespace(line);  // also drops '\r'
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (!SplitCells(line, &cells, &why)) return fail(why);
    if (!have_header) {
      if (!ReadHeader(cells, column_of, &why)) return fail(why);
      column_count = cells.size();
      have_header = true;
      header_line = line_number;
      continue;
    }
    if (cells.size() != column_count) {
      return fail(absl::StrCat("expected ", column_count, " fields, found ", cells.size()));
    }
    if (!AddRow(cells, column_of, &table, &why)) return fail(why);
  }
  if (!have_header) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": empty file, no header row"));
  }
  if (table.rows() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no data rows (only the header, on line ", header_line, ")"));
  }
  table.note = TimeUnitNote(table.time, source);
  return table;
}

absl::StatusOr<OhlcvTable> ReadOhlcvCsv(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("'", path, "' is a directory, not a CSV file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("cannot read '", path, "': ", std::strerror(errno)));
  }
  return ParseOhlcvCsv(buffer.str(), path);
}

}  // namespace candlewick
