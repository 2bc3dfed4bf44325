// The time axis on its own: which candles get labels and what they say, in
// UTC and New York time, across a daylight-saving change, for every kind of
// span; no time of day read on another date; extreme and unordered times;
// time zone names.
#include "cc/chart/time_axis.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

constexpr int64_t kDay = 86400;
// 2024-03-08 00:00 UTC, a Friday; daylight saving began in New York on
// Sunday 2024-03-10.
constexpr int64_t kMar8 = 1709856000;

struct Axis {
  std::vector<int64_t> times;
  float width = 800;
  std::vector<TimeTick> ticks;
};

// Candles 4 px apart; labels 6 px per character.
void Layout(Axis* a, const absl::TimeZone& zone) {
  TimeAxisLayout layout(AllocatorHooks::Default());
  const float step = a->width / static_cast<float>(a->times.size() + 1);
  layout.Compute(
      a->times.size(), [&](size_t i) { return a->times[i]; }, zone,
      [&](size_t i) { return step * static_cast<float>(i + 1); },
      [](absl::string_view s) { return static_cast<int>(s.size()) * 6; }, 0, a->width, 10);
  a->ticks.assign(layout.ticks().begin(), layout.ticks().end());
}

absl::TimeZone NewYork() {
  absl::TimeZone z;
  EXPECT_TRUE(LoadChartTimeZone("America/New_York", &z).ok());
  return z;
}

// Three sessions 09:30-16:00 New York time: Friday in EST (14:30 UTC),
// Monday and Tuesday in EDT (13:30 UTC).
std::vector<int64_t> ThreeSessions() {
  std::vector<int64_t> t;
  const int64_t opens[] = {kMar8 + 14 * 3600 + 1800, kMar8 + 3 * kDay + 13 * 3600 + 1800,
                           kMar8 + 4 * kDay + 13 * 3600 + 1800};
  for (int64_t open : opens) {
    for (int64_t k = 0; k < 78; ++k) t.push_back(open + k * 300);
  }
  return t;
}

std::string Texts(const std::vector<TimeTick>& ticks) {
  std::string s;
  for (const TimeTick& t : ticks) s += std::string(t.label.view()) + "@" + std::to_string(t.slot) + " ";
  return s;
}

// Whether a tick named `label` stands on candle `slot`.
bool HasTick(const Axis& a, absl::string_view label, size_t slot) {
  for (const TimeTick& t : a.ticks) {
    if (t.label.view() == label && t.slot == slot) return true;
  }
  return false;
}

void ExpectNoOverlap(const Axis& a) {
  for (size_t i = 0; i < a.ticks.size(); ++i) {
    EXPECT_GE(a.ticks[i].left, 0);
    EXPECT_LE(a.ticks[i].left + a.ticks[i].width, a.width);
    if (i > 0) {
      EXPECT_LT(a.ticks[i - 1].slot, a.ticks[i].slot);
      EXPECT_GE(a.ticks[i].left, a.ticks[i - 1].left + a.ticks[i - 1].width + 10)
          << "labels overlap: " << Texts(a.ticks);
    }
  }
}

// What a reader takes each label to say: a date label names its candle's
// date (the first one with its year); a time of day is read on the date of
// the nearest date label to its left, in the year last named. Every time of
// day must be read on its own candle's date.
void ExpectTimesReadOnTheirDates(const Axis& a, const absl::TimeZone& zone) {
  static const char* const kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = 0, day = 0;
  long long year = 0;
  bool dated = false;
  for (const TimeTick& t : a.ticks) {
    const std::string s(t.label.view());
    const absl::CivilDay date =
        absl::ToCivilDay(absl::FromUnixSeconds(a.times[t.slot]), zone);
    if (s.find(':') != std::string::npos) {
      ASSERT_TRUE(dated) << "a time of day before any date: " << s << " in " << Texts(a.ticks);
      EXPECT_TRUE(date.year() == year && date.month() == month && date.day() == day)
          << s << " on candle " << t.slot << " (" << date << ") reads as " << year << "-" << month
          << "-" << day << " in " << Texts(a.ticks);
      continue;
    }
    int m = 0;
    while (m < 12 && s.compare(0, 3, kMonthNames[m]) != 0) ++m;
    ASSERT_LT(m, 12) << s;
    int d = 0;
    long long y = 0;
    const int fields = std::sscanf(s.c_str() + 3, " %d, %lld", &d, &y);
    ASSERT_GE(fields, 1) << "not a date of an intraday axis: " << s;
    if (!dated) {
      EXPECT_EQ(fields, 2) << "the first date label names the year: " << s;
    }
    EXPECT_TRUE(date.month() == m + 1 && date.day() == d && (fields < 2 || date.year() == y))
        << s << " on candle " << t.slot << " (" << date << ")";
    month = m + 1;
    day = d;
    if (fields == 2) year = y;
    dated = true;
  }
}

TEST(TimeAxis, SessionsAreNamedWhereTheNewYorkDateChangesAcrossDst) {
  Axis a;
  a.times = ThreeSessions();
  Layout(&a, NewYork());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  ASSERT_GE(a.ticks.size(), 3u);
  EXPECT_EQ(a.ticks[0].label.view(), "Mar 8, 2024");
  EXPECT_EQ(a.ticks[0].slot, 0u);
  // Each session start, named by its date, on its first candle.
  int sessions = 0;
  for (const TimeTick& t : a.ticks) {
    if (t.label.view() == "Mar 11") {
      EXPECT_EQ(t.slot, 78u);
      ++sessions;
    }
    if (t.label.view() == "Mar 12") {
      EXPECT_EQ(t.slot, 156u);
      ++sessions;
    }
  }
  EXPECT_EQ(sessions, 2);
  // A clock label names its candle's New York time exactly, before and
  // after the change: candle k of a session opens at 09:30 + 5k minutes.
  for (const TimeTick& t : a.ticks) {
    const std::string s(t.label.view());
    if (s.size() != 5 || s[2] != ':') continue;
    const int minutes = std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3));
    EXPECT_EQ(minutes, 9 * 60 + 30 + static_cast<int>(t.slot % 78) * 5) << s;
    EXPECT_EQ(minutes % 60, 0) << "an hour-or-coarser unit for this width: " << s;
  }
}

TEST(TimeAxis, TheSameCandlesInUtcGetUtcTimes) {
  Axis a;
  a.times = ThreeSessions();
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  EXPECT_EQ(a.ticks[0].label.view(), "Mar 8, 2024");
  for (const TimeTick& t : a.ticks) {
    const std::string s(t.label.view());
    if (s.size() != 5 || s[2] != ':') continue;
    // Friday's session opens at 14:30 UTC, the others at 13:30.
    const int open = t.slot < 78 ? 14 * 60 + 30 : 13 * 60 + 30;
    const int minutes = std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3));
    EXPECT_EQ(minutes, open + static_cast<int>(t.slot % 78) * 5) << s;
  }
}

TEST(TimeAxis, A24HourMarketChangesDayAtLocalMidnight) {
  Axis a;
  for (int64_t h = 0; h < 96; ++h) a.times.push_back(kMar8 + h * 3600);
  Layout(&a, NewYork());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  // New York midnight is 05:00 UTC in EST, 04:00 UTC in EDT.
  for (const TimeTick& t : a.ticks) {
    if (t.label.view() == "Mar 8") ADD_FAILURE() << "Mar 8 began before the data";
    if (t.label.view() == "Mar 9") {
      EXPECT_EQ(t.slot, 24u + 5);
    }
    if (t.label.view() == "Mar 10") {
      EXPECT_EQ(t.slot, 48u + 5);
    }
    if (t.label.view() == "Mar 11") {
      EXPECT_EQ(t.slot, 72u + 4);
    }
  }
  // 00:00 UTC is 19:00 on the 7th: the first candle's label ("Mar 7, 2024")
  // overlapped Mar 8's, which takes its place so that 12:00 on the 8th does
  // not read as the 7th's.
  EXPECT_EQ(std::string(a.ticks[0].label.view()), "Mar 8, 2024");
  EXPECT_EQ(a.ticks[0].slot, 5u);
  ExpectTimesReadOnTheirDates(a, NewYork());
}

TEST(TimeAxis, DailyBarsNameTheYearFirstAndEveryNewMonth) {
  Axis a;
  for (int64_t d = 0; d < 180; ++d) a.times.push_back(1704153600 + d * kDay);  // from 2024-01-02
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  EXPECT_EQ(a.ticks[0].label.view(), "Jan 2, 2024");
  // Every month's first day is named, on its candle (day k is candle k - 1
  // counted from Jan 2).
  int months = 0;
  for (const TimeTick& t : a.ticks) {
    const std::string s(t.label.view());
    const struct {
      const char* text;
      size_t slot;
    } kFirsts[] = {{"Feb 1", 30}, {"Mar 1", 59}, {"Apr 1", 90}, {"May 1", 120}, {"Jun 1", 151}};
    for (const auto& f : kFirsts) {
      if (s != f.text) continue;
      EXPECT_EQ(t.slot, f.slot) << s;
      ++months;
    }
  }
  EXPECT_EQ(months, 5);
  // Over two years of daily bars the ticks are months, then years.
  Axis b;
  for (int64_t d = 0; d < 730; ++d) b.times.push_back(1704153600 + d * kDay);
  Layout(&b, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(b.ticks));
  ExpectNoOverlap(b);
  EXPECT_EQ(b.ticks[0].label.view(), "Jan 2024");
  EXPECT_TRUE(HasTick(b, "2025", 365));
}

TEST(TimeAxis, YearsSpanningNewYearNameTheYear) {
  Axis a;
  for (int64_t d = 0; d < 40; ++d) a.times.push_back(1703030400 + d * kDay);  // from 2023-12-20
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  EXPECT_EQ(a.ticks[0].label.view(), "Dec 20, 2023");
  EXPECT_TRUE(HasTick(a, "2024", 12));
}

TEST(TimeAxis, SecondsGetSecondLabels) {
  Axis a;
  for (int64_t s = 0; s < 300; ++s) a.times.push_back(kMar8 + 9 * 3600 + s);
  a.width = 1200;
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  ASSERT_GE(a.ticks.size(), 3u);
  EXPECT_EQ(a.ticks[1].label.view().size(), 8u);  // "09:00:30"
}

// Any int64 time is accepted: nothing subtracts timestamps (t_last - t_first
// overflowed before), and Abseil's civil time covers the whole range.
TEST(TimeAxis, ExtremeAndUnorderedTimes) {
  for (const absl::TimeZone& zone : {absl::UTCTimeZone(), NewYork()}) {
    Axis a;
    a.times = {std::numeric_limits<int64_t>::min(), 0, std::numeric_limits<int64_t>::max(),
               -1, std::numeric_limits<int64_t>::max(), kMar8, kMar8 - 3600,
               std::numeric_limits<int64_t>::min() + 1};
    Layout(&a, zone);
    SCOPED_TRACE(Texts(a.ticks));
    ExpectNoOverlap(a);
    ASSERT_FALSE(a.ticks.empty());
    // The first label, the first candle's or a date change's in its place
    // (when their labels overlap), names the year.
    EXPECT_EQ(a.ticks[0].priority, 4);
    ExpectTimesReadOnTheirDates(a, zone);
  }
  Axis same;
  same.times.assign(50, kMar8);
  Layout(&same, absl::UTCTimeZone());
  ASSERT_EQ(same.ticks.size(), 1u);
  EXPECT_EQ(same.ticks[0].label.view(), "Mar 8, 2024");
}

// 2024-11-02 20:00 UTC, a Saturday evening.
constexpr int64_t kNov2Evening = 1730577600;

// Hourly bars from a Saturday evening into Sunday: the day change's label
// ("Nov 3") overlaps the first label ("Nov 2, 2024") and was dropped, so the
// next label that fit, "04:00", read as Saturday's. The day change's label
// now takes the first label's place, with the year.
TEST(TimeAxis, AnEveningStartNamesTheNextDayBeforeItsTimes) {
  Axis a;
  for (int64_t h = 0; h < 16; ++h) a.times.push_back(kNov2Evening + h * 3600);  // to 11:00
  a.width = 300;
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  ExpectTimesReadOnTheirDates(a, absl::UTCTimeZone());
  ASSERT_FALSE(a.ticks.empty());
  EXPECT_EQ(std::string(a.ticks[0].label.view()), "Nov 3, 2024");
  EXPECT_EQ(a.ticks[0].slot, 4u);  // midnight
  EXPECT_EQ(a.ticks[0].priority, 4);
  EXPECT_TRUE(HasTick(a, "04:00", 8));
  EXPECT_TRUE(HasTick(a, "08:00", 12));
}

// 5-minute bars of a market that closes on Friday at 22:00 UTC and opens
// on Sunday at 23:00 UTC: Sunday is one hour of 12 bars, so Monday's label
// ("Nov 4") overlaps Sunday's and is left out, and Monday's 06:00 read as
// Sunday's. Monday's times are now left out until a label names its date.
TEST(TimeAxis, ASundayEveningOpeningLendsNoDateToMonday) {
  Axis a;
  const int64_t thursday_evening = kNov2Evening - 2 * kDay;
  for (int64_t t = thursday_evening; a.times.size() < 420; t += 300) {
    if (t >= thursday_evening + kDay + 2 * 3600 && t < kNov2Evening + kDay + 3 * 3600) continue;
    a.times.push_back(t);
  }
  a.width = 450;
  Layout(&a, absl::UTCTimeZone());
  SCOPED_TRACE(Texts(a.ticks));
  ExpectNoOverlap(a);
  ExpectTimesReadOnTheirDates(a, absl::UTCTimeZone());
  EXPECT_TRUE(HasTick(a, "Nov 3", 312));  // Sunday 23:00
  EXPECT_FALSE(HasTick(a, "06:00", 396));  // Monday's
}

// Starts every 37 minutes over three days (a weekend and New York's return
// to standard time on Sunday 2024-11-03 among them), 1-minute, 5-minute and
// hourly bars, around the clock or in sessions that open on Sunday evening
// (a one-hour day before Monday), at many widths: no time of day is ever
// read on another date, and the first date label names the year.
TEST(TimeAxis, EveryTimeOfDayIsReadOnItsDate) {
  const absl::TimeZone zones[] = {absl::UTCTimeZone(), NewYork()};
  const struct {
    int64_t interval;
    int64_t count;
  } kSeries[] = {{60, 1600}, {300, 420}, {3600, 80}};
  const float kWidths[] = {200, 300, 450, 700, 1000, 1600};
  const int64_t first_start = kNov2Evening - 2 * kDay;  // Thursday evening
  int layouts = 0, timed = 0;
  for (int64_t start = first_start; start < first_start + 3 * kDay; start += 37 * 60) {
    for (const auto& series : kSeries) {
      for (bool sessions : {false, true}) {
        // Sessions: no bars from Friday 22:00 UTC to Sunday 23:00 UTC.
        std::vector<int64_t> times;
        for (int64_t t = start; static_cast<int64_t>(times.size()) < series.count;
             t += series.interval) {
          const int64_t weekday = (t / kDay + 4) % 7;  // 0 Sunday
          const int64_t hour = t % kDay / 3600;
          if (sessions && ((weekday == 5 && hour >= 22) || weekday == 6 ||
                           (weekday == 0 && hour < 23))) {
            continue;
          }
          times.push_back(t);
        }
        for (const absl::TimeZone& zone : zones) {
          for (float width : kWidths) {
            Axis a;
            a.times = times;
            a.width = width;
            Layout(&a, zone);
            SCOPED_TRACE(testing::Message() << "start " << start << " interval " << series.interval
                                            << (sessions ? " sessions" : "") << " width " << width
                                            << " zone " << zone.name());
            ExpectNoOverlap(a);
            ExpectTimesReadOnTheirDates(a, zone);
            if (testing::Test::HasFailure()) return;
            ++layouts;
            for (const TimeTick& t : a.ticks) {
              if (t.label.view().find(':') != absl::string_view::npos) ++timed;
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(layouts, 8424);
  EXPECT_GT(timed, 40000);  // the property is not met by leaving out every time of day
}

TEST(TimeAxis, NarrowPlotsKeepLabelsApart) {
  for (float width : {20.f, 60.f, 150.f, 333.f}) {
    Axis a;
    a.times = ThreeSessions();
    a.width = width;
    Layout(&a, NewYork());
    ExpectNoOverlap(a);
  }
}

TEST(TimeZone, LoadsIanaNamesAndRejectsTheRest) {
  absl::TimeZone z;
  EXPECT_TRUE(LoadChartTimeZone("", &z).ok());
  EXPECT_EQ(z, absl::UTCTimeZone());
  for (const char* good : {"UTC", "America/New_York", "Europe/London", "Asia/Tokyo",
                           "America/Argentina/Buenos_Aires", "Etc/GMT+5"}) {
    EXPECT_TRUE(LoadChartTimeZone(good, &z).ok()) << good;
  }
  for (const char* bad : {"America/New_Yrok", "Mars/Olympus", "../../etc/passwd", "/etc/localtime",
                          "America//New_York", "America/", "file:America/New_York",
                          "America/New York", ".hidden", "America/./New_York"}) {
    const absl::Status st = LoadChartTimeZone(bad, &z);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.message().find(bad), absl::string_view::npos) << st.message();
    EXPECT_EQ(z, absl::UTCTimeZone());
  }
  EXPECT_FALSE(LoadChartTimeZone(std::string(200, 'A'), &z).ok());
  EXPECT_FALSE(LoadChartTimeZone(absl::string_view("UTC\0x", 5), &z).ok());
  // A directory is not a zone.
  const absl::Status dir = LoadChartTimeZone("America", &z);
  EXPECT_FALSE(dir.ok());
  EXPECT_NE(dir.message().find("unknown time zone"), absl::string_view::npos) << dir.message();
}

TEST(TimeZone, ReadsTheDirectoryInTzdir) {
  const char* old = std::getenv("TZDIR");
  const std::string saved = old != nullptr ? old : "";
  setenv("TZDIR", "/nonexistent-zoneinfo", 1);
  absl::TimeZone z;
  const absl::Status st = LoadChartTimeZone("Australia/Sydney", &z);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/nonexistent-zoneinfo"), absl::string_view::npos) << st.message();
  if (old != nullptr) {
    setenv("TZDIR", saved.c_str(), 1);
  } else {
    unsetenv("TZDIR");
  }
}

}  // namespace
}  // namespace candlewick
