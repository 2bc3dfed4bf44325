// What the labels of the golden time-axis charts say, read back from their
// SVG output (where every label is a <text> element): a date at each session
// start in the chart's time zone, the year, the panel levels and titles with
// their last values, the legend, the volume scale, renko and
// point-and-figure scales on box multiples with the marker on the last
// brick / column.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "data/synthetic.h"
#include "gtest/gtest.h"
#include "tests/golden_cases.h"
#include "tests/test_support.h"

namespace candlewick_test {
namespace {

struct Text {
  double x, y;
  std::string text;
};

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += 1) {
      s.replace(pos, std::strlen(from), to);
    }
  }
  return s;
}

std::vector<Text> TextsOf(const std::vector<uint8_t>& svg) {
  const std::string doc(svg.begin(), svg.end());
  static const std::regex kText(R"re(<text x="([-0-9.]+)" y="([-0-9.]+)"[^>]*>([^<]*)</text>)re");
  std::vector<Text> texts;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kText); it != std::sregex_iterator();
       ++it) {
    texts.push_back({std::atof((*it)[1].str().c_str()), std::atof((*it)[2].str().c_str()),
                     Unescape((*it)[3].str())});
  }
  return texts;
}

GoldenCase CaseNamed(const std::string& name) {
  for (const GoldenCase& c : GoldenCases()) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no golden case " << name;
  return GoldenCases()[0];
}

std::vector<Text> Render(const GoldenCase& c) {
  std::vector<uint8_t> svg;
  EXPECT_EQ(RenderGolden(c, &svg, CW_FORMAT_SVG), CW_OK) << c.name;
  return TextsOf(svg);
}

bool Has(const std::vector<Text>& texts, const std::string& s) {
  return std::any_of(texts.begin(), texts.end(), [&](const Text& t) { return t.text == s; });
}

// The time axis's labels, left to right: the texts on its baseline (the
// lowest row of text in the chart).
std::vector<std::string> TimeLabels(std::vector<Text> texts) {
  double bottom = 0;
  for (const Text& t : texts) bottom = std::max(bottom, t.y);
  std::vector<Text> row;
  for (const Text& t : texts) {
    if (t.y == bottom) row.push_back(t);
  }
  std::sort(row.begin(), row.end(), [](const Text& a, const Text& b) { return a.x < b.x; });
  std::vector<std::string> out;
  for (const Text& t : row) out.push_back(t.text);
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " | ") + x;
  return s;
}

// The time axis's labels, which must start with `first`.
std::vector<std::string> TimeAxis(const std::vector<Text>& texts, const std::string& first) {
  const std::vector<std::string> axis = TimeLabels(texts);
  EXPECT_FALSE(axis.empty());
  EXPECT_EQ(axis.empty() ? "" : axis[0], first) << Join(axis);
  return axis;
}

bool IsClock(const std::string& s) { return std::regex_match(s, std::regex("[0-2][0-9]:[0-5][0-9]")); }

TEST(ChartLabels, IntradayNewYorkNamesEverySessionInLocalTime) {
  const std::vector<Text> texts = Render(CaseNamed("time_intraday_ny_light"));
  // The first label names the date and the year; each later session (the
  // local date changes) is named by its date, in this order.
  const std::vector<std::string> axis = TimeAxis(texts, "Mar 8, 2024");
  SCOPED_TRACE(Join(axis));
  const auto monday = std::find(axis.begin(), axis.end(), "Mar 11");
  const auto tuesday = std::find(axis.begin(), axis.end(), "Mar 12");
  EXPECT_NE(monday, axis.end());
  EXPECT_NE(tuesday, axis.end());
  EXPECT_LT(monday, tuesday);
  // Every other label is a New York clock time inside the session
  // (09:30-16:00): none of the UTC session hours 13:30..20:00 outside it.
  for (const std::string& s : axis) {
    if (s == "Mar 8, 2024" || s == "Mar 11" || s == "Mar 12") continue;
    ASSERT_TRUE(IsClock(s)) << s;
    const int minutes = std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3, 2));
    EXPECT_GE(minutes, 9 * 60 + 30) << s;
    EXPECT_LE(minutes, 16 * 60) << s;
  }
  // Legend, volume and RSI panel.
  EXPECT_TRUE(Has(texts, "SMA 20"));
  EXPECT_TRUE(Has(texts, "Volume"));
  EXPECT_TRUE(Has(texts, "100K"));
  EXPECT_TRUE(Has(texts, "RSI 14"));
  EXPECT_TRUE(Has(texts, "30"));
  EXPECT_TRUE(Has(texts, "70"));
}

TEST(ChartLabels, TheSameSessionsInUtcAreLabelledInUtc) {
  GoldenCase c = CaseNamed("time_intraday_ny_light");
  c.options.time_zone = nullptr;
  const std::vector<std::string> axis = TimeAxis(Render(c), "Mar 8, 2024");
  SCOPED_TRACE(Join(axis));
  bool after_noon = false;
  for (const std::string& s : axis) {
    if (IsClock(s)) {
      // The sessions run 14:30-21:00 UTC on Friday, 13:30-20:00 after.
      EXPECT_GE(std::stoi(s.substr(0, 2)), 13) << s;
      after_noon = true;
    }
  }
  EXPECT_TRUE(after_noon);
}

TEST(ChartLabels, MinuteSessionShowsTheDateThenRoundTimes) {
  const std::vector<std::string> axis =
      TimeAxis(Render(CaseNamed("time_minute_session_tradingview")), "Mar 13, 2024");
  SCOPED_TRACE(Join(axis));
  ASSERT_GE(axis.size(), 4u);
  for (size_t i = 1; i < axis.size(); ++i) {
    ASSERT_TRUE(IsClock(axis[i])) << axis[i];
    EXPECT_EQ(std::stoi(axis[i].substr(3, 2)) % 15, 0) << "not a round time: " << axis[i];
  }
}

TEST(ChartLabels, CryptoHourlyNamesUtcDaysAndTheMacdPanel) {
  const std::vector<Text> texts = Render(CaseNamed("time_crypto_hourly_modern"));
  const std::vector<std::string> axis = TimeAxis(texts, "Mar 10, 2024");
  SCOPED_TRACE(Join(axis));
  for (size_t i = 1; i < axis.size(); ++i) {
    EXPECT_TRUE(std::regex_match(axis[i], std::regex("Mar 1[1-9]"))) << axis[i];
  }
  // "MACD 12 26 9" and its three last values (line, signal, histogram).
  EXPECT_TRUE(Has(texts, "MACD 12 26 9"));
  EXPECT_TRUE(Has(texts, "0")) << "the zero line is labelled";
  // Values are drawn after the title, in the title's row.
  double title_y = -1, title_x = 0;
  for (const Text& t : texts) {
    if (t.text == "MACD 12 26 9") title_y = t.y, title_x = t.x;
  }
  int values = 0;
  for (const Text& t : texts) {
    if (t.y == title_y && t.x > title_x && std::regex_match(t.text, std::regex("-?[0-9]+\\.[0-9]{2}"))) {
      ++values;
    }
  }
  EXPECT_EQ(values, 3);
  // Volumes in thousands, abbreviated.
  EXPECT_TRUE(Has(texts, "2K"));
}

TEST(ChartLabels, DailyThreeMonthsNamesTheYearAndTheMonths) {
  const std::vector<Text> texts = Render(CaseNamed("time_daily_3m_light"));
  const std::vector<std::string> axis = TimeAxis(texts, "Jan 2, 2024");
  SCOPED_TRACE(Join(axis));
  EXPECT_TRUE(std::find(axis.begin(), axis.end(), "Feb 1") != axis.end());
  EXPECT_TRUE(std::find(axis.begin(), axis.end(), "Mar 1") != axis.end());
  for (const std::string& s : axis) {
    EXPECT_TRUE(std::regex_match(s, std::regex("(Jan|Feb|Mar) [0-9]+(, 2024)?"))) << s;
  }
  EXPECT_TRUE(Has(texts, "SMA 20"));
  EXPECT_TRUE(Has(texts, "BBANDS 20 2 2"));
  EXPECT_TRUE(Has(texts, "RSI 14"));
  // Volumes in millions, abbreviated.
  EXPECT_TRUE(Has(texts, "50M"));
}

TEST(ChartLabels, WeeklyTenYearsNamesTheFirstYearAndEveryYearAfter) {
  const std::vector<std::string> axis =
      TimeAxis(Render(CaseNamed("time_weekly_10y_classic")), "Jun 2014");
  SCOPED_TRACE(Join(axis));
  ASSERT_GE(axis.size(), 5u);
  int year = 0;
  for (size_t i = 1; i < axis.size(); ++i) {
    ASSERT_TRUE(std::regex_match(axis[i], std::regex("20[12][0-9]"))) << axis[i];
    EXPECT_GT(std::stoi(axis[i]), year);
    year = std::stoi(axis[i]);
  }
  EXPECT_EQ(year, 2024);
}

// A brick chart's case with a box of 1 at 640x480, rendered: its texts, and
// its price labels (at least four) as numbers. The rightmost column of text
// is the price axis's: its labels and the marker.
std::vector<double> BoxScalePrices(const std::string& name, std::vector<Text>* texts) {
  GoldenCase c = CaseNamed(name);
  c.options.box_size = 1.0;
  c.options.width = 640;
  c.options.height = 480;
  *texts = Render(c);
  double axis_x = 0;
  for (const Text& t : *texts) axis_x = std::max(axis_x, t.x);
  std::vector<double> v;
  for (const Text& t : *texts) {
    if (t.x == axis_x && std::regex_match(t.text, std::regex("-?[0-9]+(\\.[0-9]+)?"))) {
      v.push_back(std::atof(t.text.c_str()));
    }
  }
  EXPECT_GE(v.size(), 4u) << name;
  return v;
}

// Renko: ticks on the brick grid (the first close plus whole boxes), the
// marker on the last brick's close edge, not on the series' close.
TEST(ChartLabels, RenkoScaleOnBoxMultiplesAndMarkerOnTheLastBrick) {
  std::vector<Text> texts;
  const std::vector<double> prices = BoxScalePrices("axes_renko_light", &texts);
  const candlewick::synthetic::Series s = candlewick::synthetic::DailyThreeMonths();
  // Replays the bricks (one box beyond the last brick continues, two
  // reverse) to find the last brick's close.
  double top = s.close[0], bottom = s.close[0], last = s.close[0];
  for (double close : s.close) {
    while (close >= top + 1) bottom = top, top += 1, last = top;
    while (close <= bottom - 1) top = bottom, bottom -= 1, last = bottom;
  }
  bool marker = false;
  for (double p : prices) {
    const double boxes = p - s.close[0];
    EXPECT_NEAR(boxes, std::round(boxes), 0.006) << p << " is not on the brick grid";
    marker |= std::fabs(p - last) < 0.006;
  }
  EXPECT_TRUE(marker) << "no label at the last brick's close " << last;
  char close[32];
  std::snprintf(close, sizeof close, "%.2f", s.close.back());
  EXPECT_FALSE(Has(texts, close)) << "the marker shows the series' close " << close
                                  << " instead of the last brick";
}

// Point-and-figure: each box is labelled with its price (a multiple of the
// box), and the marker names the last column's last box.
TEST(ChartLabels, PointFigureScaleOnBoxMultiplesAndMarkerOnTheLastColumn) {
  std::vector<Text> texts;
  const std::vector<double> prices = BoxScalePrices("axes_point-figure_light", &texts);
  for (double p : prices) EXPECT_EQ(p, std::round(p)) << p << " is not a box multiple";
  // Replays the columns (box b holds prices in [b, b+1); three boxes to
  // reverse): the marker is the last column's last box, its top X or its
  // bottom O.
  const candlewick::synthetic::Series s = candlewick::synthetic::DailyThreeMonths();
  const int64_t start = static_cast<int64_t>(std::floor(s.close[0]));
  bool started = false, rising = true;
  int64_t low = start, high = start;
  for (double close : s.close) {
    const int64_t b = static_cast<int64_t>(std::floor(close));
    if (!started) {
      if (b != start) started = true, rising = b > start, low = rising ? start + 1 : b,
                      high = rising ? b : start - 1;
      continue;
    }
    if (rising && b > high) high = b;
    else if (rising && b <= high - 3) rising = false, low = b, high = high - 1;
    else if (!rising && b < low) low = b;
    else if (!rising && b >= low + 3) rising = true, high = b, low = low + 1;
  }
  char marker[32];
  std::snprintf(marker, sizeof marker, "%.2f", static_cast<double>(rising ? high : low));
  EXPECT_TRUE(Has(texts, marker)) << "no marker at the last column's box " << marker;
}

}  // namespace
}  // namespace candlewick_test
