#include "tools/cli/ohlcv_csv.h"

#include "gtest/gtest.h"

namespace candlewick {
namespace {

TEST(OhlcvCsv, ParsesColumnsInAnyOrderWithIsoTimes) {
  auto t = ParseOhlcvCsv(
      "Close,Open,High,Low,Time,Volume\r\n"
      "2,1,3,0.5,2024-01-02,100\r\n"
      "\n"
      "2.5,2,2.75,1.5,2024-01-03 09:30:00,0\n",
      "t.csv");
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->rows(), 2u);
  EXPECT_EQ(t->open[0], 1);
  EXPECT_EQ(t->close[1], 2.5);
  EXPECT_EQ(t->time[0], 1704153600);
  EXPECT_EQ(t->time[1], 1704153600 + 86400 + 9 * 3600 + 30 * 60);
  EXPECT_EQ(t->volume[0], 100);
}

TEST(OhlcvCsv, VolumeAndTimeAreOptional) {
  auto t = ParseOhlcvCsv("open,high,low,close\n1,2,0.5,1.5\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->time.empty());
  EXPECT_TRUE(t->volume.empty());
  EXPECT_EQ(t->rows(), 1u);
}

TEST(OhlcvCsv, MalformedLinesAreReportedWithTheirLineNumber) {
  auto bad_number = ParseOhlcvCsv("time,open,high,low,close\n1,1,2,0,1\n2,1,x,0,1\n", "d.csv");
  ASSERT_FALSE(bad_number.ok());
  EXPECT_NE(bad_number.status().message().find("d.csv:3:"), absl::string_view::npos)
      << bad_number.status();
  EXPECT_NE(bad_number.status().message().find("high 'x'"), absl::string_view::npos);

  auto short_row = ParseOhlcvCsv("time,open,high,low,close\n1,1,2\n", "d.csv");
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("d.csv:2: expected 5 fields, found 3"),
            absl::string_view::npos)
      << short_row.status();

  auto bad_time = ParseOhlcvCsv("time,open,high,low,close\nyesterday,1,2,0,1\n", "d.csv");
  ASSERT_FALSE(bad_time.ok());
  EXPECT_NE(bad_time.status().message().find("d.csv:2: time"), absl::string_view::npos);

  auto no_close = ParseOhlcvCsv("time,open,high,low\n", "d.csv");
  ASSERT_FALSE(no_close.ok());
  EXPECT_NE(no_close.status().message().find("'close'"), absl::string_view::npos);

  EXPECT_FALSE(ParseOhlcvCsv("", "d.csv").ok());
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
