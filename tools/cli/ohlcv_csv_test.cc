#include "tools/cli/ohlcv_csv.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

// The error for `csv` (parsed as "d.csv"): fails, and the message contains
// every piece of `want`.
void ExpectError(absl::string_view csv, std::initializer_list<absl::string_view> want) {
  auto t = ParseOhlcvCsv(csv, "d.csv");
  ASSERT_FALSE(t.ok()) << "accepted: " << csv;
  for (absl::string_view w : want) {
    EXPECT_NE(t.status().message().find(w), absl::string_view::npos)
        << "message: " << t.status().message() << "\nwanted: " << w;
  }
}

// Parses `csv` (as "t.csv"), which must succeed, into *t.
void Parse(absl::string_view csv, OhlcvTable* t) {
  auto parsed = ParseOhlcvCsv(csv, "t.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  *t = *std::move(parsed);
}

// `csv` parses to one row of this time and these prices.
void ExpectOneRow(absl::string_view csv, int64_t time, double open, double high, double low,
                  double close) {
  OhlcvTable t;
  ASSERT_NO_FATAL_FAILURE(Parse(csv, &t));
  ASSERT_EQ(t.rows(), 1u);
  ASSERT_EQ(t.time.size(), 1u);
  EXPECT_EQ(t.time[0], time);
  EXPECT_EQ(t.open[0], open);
  EXPECT_EQ(t.high[0], high);
  EXPECT_EQ(t.low[0], low);
  EXPECT_EQ(t.close[0], close);
}

TEST(OhlcvCsv, ParsesColumnsInAnyOrderWithIsoTimes) {
  OhlcvTable t;
  ASSERT_NO_FATAL_FAILURE(Parse(
      "Close,Open,High,Low,Time,Volume\r\n"
      "2,1,3,0.5,2024-01-02,100\r\n"
      "\n"
      "2.5,2,2.75,1.5,2024-01-03 09:30:00,0\n",
      &t));
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.open[0], 1);
  EXPECT_EQ(t.close[1], 2.5);
  EXPECT_EQ(t.time[0], 1704153600);
  EXPECT_EQ(t.time[1], 1704153600 + 86400 + 9 * 3600 + 30 * 60);
  EXPECT_EQ(t.volume[0], 100);
}

TEST(OhlcvCsv, VolumeAndTimeAreOptional) {
  OhlcvTable t;
  ASSERT_NO_FATAL_FAILURE(Parse("open,high,low,close\n1,2,0.5,1.5\n", &t));
  EXPECT_TRUE(t.time.empty());
  EXPECT_TRUE(t.volume.empty());
  EXPECT_EQ(t.rows(), 1u);
}

TEST(OhlcvCsv, MalformedLinesAreReportedWithTheirLineNumber) {
  ExpectError("time,open,high,low,close\n1,1,2,0,1\n2,1,x,0,1\n", {"d.csv:3:", "high 'x'"});
  ExpectError("time,open,high,low,close\n1,1,2\n", {"d.csv:2: expected 5 fields, found 3"});
  ExpectError("time,open,high,low,close\nyesterday,1,2,0,1\n", {"d.csv:2: time"});
  ExpectError("time,open,high,low\n", {"'close'"});
  ExpectError("", {});
}

// Row rules (the library's) are reported with the FILE line, not a data row
// number: the header, a blank line and a good row come first here.
TEST(OhlcvCsv, RowRulesNameTheFileLine) {
  const std::string head = "time,open,high,low,close,volume\n\n1,1,2,0.5,1.5,10\n";
  ExpectError(head + "2,1,2,2.5,1.5,10\n", {"d.csv:4:", "high 2 is below low 2.5"});
  ExpectError(head + "2,3,2,0.5,1.5,10\n", {"d.csv:4:", "open 3 lies outside"});
  ExpectError(head + "2,1,2,0.5,0.25,10\n", {"d.csv:4:", "close 0.25 lies outside"});
  ExpectError(head + "2,1,2,0.5,1.5,-1\n", {"d.csv:4:", "volume -1 is negative"});
  ExpectError(head + "2,1,nan,0.5,1.5,1\n", {"d.csv:4:", "high 'nan' is not a decimal number"});
  ExpectError(head + "2,1,inf,0.5,1.5,1\n", {"d.csv:4:", "high 'inf' is not a decimal number"});
  ExpectError(head + "2,1,2,0.5,1.5,infinity\n", {"d.csv:4:", "volume 'infinity'"});
  ExpectError(head + "2,1,1e999,0.5,1.5,1\n", {"d.csv:4:", "beyond the range of a double"});
  ExpectError(head + "2,1,2,0.5,,1\n", {"d.csv:4:", "close '' is not a decimal number"});
}

TEST(OhlcvCsv, HexadecimalAndOtherNonDecimalNumbersAreRefused) {
  const std::string head = "open,high,low,close\n";
  for (const char* bad : {"0x10", "0X1p4", "1e", ".", "+", "1.2.3", "١٢", "1_000", "0b1"}) {
    SCOPED_TRACE(bad);
    ExpectError(head + "1," + bad + ",0.5,1\n", {"d.csv:2:", "is not a decimal number"});
  }
  for (const char* good : {"2", "+2", "2.", "2.00", "0.2e1", "2E0", "20e-1"}) {
    SCOPED_TRACE(good);
    OhlcvTable t;
    ASSERT_NO_FATAL_FAILURE(Parse(head + "1," + good + ",0.5,1\n", &t));
    EXPECT_EQ(t.high[0], 2);
  }
}

TEST(OhlcvCsv, HeaderOnlyEmptyAndBinaryFiles) {
  ExpectError("time,open,high,low,close\n", {"d.csv: no data rows", "line 1"});
  ExpectError("\n\ntime,open,high,low,close\n\n", {"d.csv: no data rows", "line 3"});
  ExpectError("", {"d.csv: empty file"});
  ExpectError("\n \r\n", {"d.csv: empty file"});
  // A NUL byte: refused with its line; nothing after it cut from the message.
  static const char kNul[] = "time,open,high,low,close\n1,1,2,0,1\n2,1,\0 2,0,1\n";
  ExpectError(std::string(kNul, sizeof kNul - 1),
              {"d.csv:3: a NUL byte at column 5: not a text CSV file"});
  // Non-printable bytes in a quoted cell are escaped.
  auto t = ParseOhlcvCsv("open,high,low,close\n1,\x01\x7f\xff,0,1\n", "d.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("high '\\x01\\x7f\\xff'"), absl::string_view::npos)
      << t.status();
}

TEST(OhlcvCsv, ColumnsNamedTwiceAreRefused) {
  ExpectError("time,open,high,low,close,close\n1,1,2,0,1,1\n",
              {"d.csv:1: the close column appears twice (columns 5 'close' and 6 'close')"});
  ExpectError("Date,open,high,low,close,Time\n", {"d.csv:1: the time column appears twice",
                                                   "columns 1 'Date' and 6 'Time'"});
  ExpectError("open,OPEN,high,low,close\n", {"the open column appears twice"});
}

TEST(OhlcvCsv, HeaderAliasesAndIgnoredColumns) {
  ExpectOneRow(
      "Symbol,Datetime,Open,High,Low,Close,Adj Close,Volume\n"
      "ABC,2024-01-02T09:30:00Z,1,2,0.5,1.5,1.4,100\n",
      1704187800, 1, 2, 0.5, 1.5);
  ExpectError("time,open,high,low\n", {"d.csv:1: header lacks a 'close' column"});
}

TEST(OhlcvCsv, QuotedCells) {
  // A quoted header; quoted cells, one with spaces around it, one holding a
  // comma and doubled quotes.
  const char* const quoted =
      "\"time\",\"open\",\"high\",\"low\",\"close\",\"note\"\n"
      "\"2024-01-02\", \"1\" ,2,0.5,1.5,\"a, \"\"quoted\"\" note\"\n";
  ExpectOneRow(quoted, 1704153600, 1, 2, 0.5, 1.5);
  ExpectError("open,high,low,close\n\"1,2,0.5,1\n", {"d.csv:2: a quoted cell has no closing quote"});
  ExpectError("open,high,low,close\n\"1\"x,2,0.5,1\n", {"d.csv:2: text after a closing quote"});
}

TEST(OhlcvCsv, TimesAreUnixSecondsOrStrictIsoDates) {
  struct Good {
    const char* text;
    int64_t seconds;
  };
  const Good good[] = {
      {"1704153600", 1704153600},
      {"-86400", -86400},
      {"0", 0},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
      {"2024-01-02", 1704153600},
      {"2024-01-02 09:30", 1704187800},
      {"2024-01-02T09:30:15", 1704187815},
      {"2024-01-02T09:30:15Z", 1704187815},
      {"2024-01-02T10:30:15+01:00", 1704187815},
      {"2024-01-02T04:00:15-05:30", 1704187815},
      {"2024-02-29", 1709164800},
      {"0001-01-01", -62135596800},
      {"9999-12-31T23:59:59Z", 253402300799},
      {"1969-12-31T23:59:59", -1},
  };
  for (const Good& g : good) {
    SCOPED_TRACE(g.text);
    OhlcvTable t;
    ASSERT_NO_FATAL_FAILURE(
        Parse(std::string("time,open,high,low,close\n") + g.text + ",1,2,0,1\n", &t));
    EXPECT_EQ(t.time[0], g.seconds);
  }
  const struct {
    const char* text;
    const char* why;
  } bad[] = {
      {"2024-1-1", "is neither Unix seconds (an integer) nor an ISO date"},
      {"2024-01-1", "nor an ISO date"},
      {"24-01-01", "nor an ISO date"},
      {"99999-01-01", "nor an ISO date"},
      {"0000-01-01", "year 0000"},
      {"2024-13-01", "is not a calendar date"},
      {"2024-02-30", "is not a calendar date"},
      {"2023-02-29", "is not a calendar date"},
      {"2024-01-02T24:00", "is not a calendar date"},
      {"2024-01-02T09:60", "is not a calendar date"},
      {"2024-01-02T09:30:60", "is not a calendar date"},
      {"2024-01-02T09", "nor an ISO date"},
      {"2024-01-02T09:30:00.5", "nor an ISO date"},
      {"2024-01-02T09:30+1", "nor an ISO date"},
      {"2024-01-02X", "nor an ISO date"},
      {"1704153600.5", "nor an ISO date"},
      {"1.7e9", "nor an ISO date"},
      {"0x10", "nor an ISO date"},
      {"+5", "nor an ISO date"},
      {"9223372036854775808", "beyond the range of Unix seconds"},
      {"yesterday", "nor an ISO date"},
      {"", "nor an ISO date"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.text);
    ExpectError(std::string("time,open,high,low,close\n1,1,2,0,1\n") + b.text + ",1,2,0,1\n",
                {"d.csv:3: time '", b.why});
  }
}

// Times that are all past the year 5000 as seconds are read as seconds (as
// documented) with a note naming the unit they look like; seconds, ISO
// dates, a column with one time in range and no time column get none.
TEST(OhlcvCsv, TimesThatLookLikeMillisecondsGetANote) {
  auto note = [](absl::string_view times) {
    std::string csv = "time,open,high,low,close\n";
    for (absl::string_view t : absl::StrSplit(times, ' ')) absl::StrAppend(&csv, t, ",1,2,0,1\n");
    OhlcvTable t;
    Parse(csv, &t);
    return t.note;
  };
  const std::string ms = note("1700000060000 1700000000000");
  EXPECT_NE(ms.find("t.csv: every time is 1700000000000 or more"), std::string::npos) << ms;
  EXPECT_NE(ms.find("milliseconds"), std::string::npos) << ms;
  EXPECT_NE(note("1700000000000000").find("microseconds"), std::string::npos);
  EXPECT_NE(note("1700000000000000000").find("nanoseconds"), std::string::npos);
  OhlcvTable t;
  Parse("time,open,high,low,close\n1700000000000,1,2,0,1\n", &t);
  EXPECT_EQ(t.time[0], 1700000000000);  // still read as seconds
  EXPECT_EQ(note("1700000000 1700000060"), "");
  EXPECT_EQ(note("99999999999 1700000000000"), "");  // one time before 5138
  EXPECT_EQ(note("2024-01-02 2024-01-03"), "");
  Parse("open,high,low,close\n1,2,0,1\n", &t);
  EXPECT_EQ(t.note, "");
}

TEST(OhlcvCsv, ReadingDirectoriesAndMissingFiles) {
  const std::string dir = std::getenv("TEST_TMPDIR");
  auto d = ReadOhlcvCsv(dir);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("is a directory, not a CSV file"), absl::string_view::npos)
      << d.status();
  auto m = ReadOhlcvCsv(dir + "/no-such-file.csv");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("cannot open"), absl::string_view::npos) << m.status();
  EXPECT_NE(m.status().message().find("No such file"), absl::string_view::npos) << m.status();
  const std::string path = dir + "/ok.csv";
  {
    std::ofstream out(path);
    out << "open,high,low,close\n1,2,0,1\n";
  }
  auto ok = ReadOhlcvCsv(path);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->rows(), 1u);
}

TEST(OhlcvCsv, BundledSampleParses) {
  auto t = ParseOhlcvCsv(BundledSampleCsv(), "sample");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->rows(), 120u);
  EXPECT_EQ(t->volume.size(), 120u);
  EXPECT_EQ(t->time.size(), 120u);
}

}  // namespace
}  // namespace candlewick
