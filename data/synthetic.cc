#include "data/synthetic.h"

#include <algorithm>

namespace candlewick {
namespace synthetic {
namespace {

constexpr int64_t kDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// A random walk in integer ticks (`tick` is the price of one tick): each bar
// opens at the previous close and moves up to `swing` ticks, with wicks of
// up to `wick` ticks; `drift` ticks per bar on average. Volume is base plus
// up to `spread`, times `shape(i)` percent.
class Walker {
 public:
  Walker(uint32_t seed, int64_t start_ticks, double tick)
      : state_(seed * 2654435761u + 1), price_(start_ticks), tick_(tick) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  void Bar(Series* s, int64_t time, int64_t swing, int64_t wick, int64_t drift, int64_t base,
           int64_t spread, int64_t shape_percent) {
    const int64_t open = price_;
    const int64_t close = std::max<int64_t>(
        1, open + static_cast<int64_t>(Next() % (2 * swing + 1)) - swing + drift);
    const int64_t high = std::max(open, close) + static_cast<int64_t>(Next() % (wick + 1));
    const int64_t low = std::max<int64_t>(
        1, std::min(open, close) - static_cast<int64_t>(Next() % (wick + 1)));
    s->time.push_back(time);
    s->open.push_back(open * tick_);
    s->high.push_back(high * tick_);
    s->low.push_back(low * tick_);
    s->close.push_back(close * tick_);
    const int64_t volume = (base + static_cast<int64_t>(Next() % (spread + 1))) * shape_percent / 100;
    s->volume.push_back(static_cast<double>(volume));
    price_ = close;
  }

 private:
  uint32_t state_;
  int64_t price_;
  double tick_;
};

// Intraday volume: heavy at the open and the close (a U over the session).
int64_t SessionShape(int64_t minute, int64_t length) {
  const int64_t edge = std::min(minute, length - 1 - minute);
  return 60 + std::max<int64_t>(0, 180 - edge * 6);
}

}  // namespace

Series IntradayNewYork() {
  Series s;
  s.name = "intraday_ny";
  s.time_zone = "America/New_York";
  s.caption = "three sessions of 5-minute bars in New York time, over the start of daylight saving";
  Walker w(11, 17250, 0.01);
  // Session opens in UTC: 09:30 EST = 14:30 UTC; 09:30 EDT = 13:30 UTC.
  const int64_t opens[] = {DaysFromCivil(2024, 3, 8) * kDay + 14 * 3600 + 1800,
                           DaysFromCivil(2024, 3, 11) * kDay + 13 * 3600 + 1800,
                           DaysFromCivil(2024, 3, 12) * kDay + 13 * 3600 + 1800};
  for (int64_t open : opens) {
    for (int64_t k = 0; k < 78; ++k) {
      w.Bar(&s, open + k * 300, 18, 9, 0, 40000, 60000, SessionShape(k * 5, 390));
    }
  }
  return s;
}

Series MinuteSession() {
  Series s;
  s.name = "minute_session";
  s.time_zone = "America/New_York";
  s.caption = "one session of 1-minute bars in New York time";
  Walker w(23, 41830, 0.01);
  const int64_t open = DaysFromCivil(2024, 3, 13) * kDay + 13 * 3600 + 1800;
  for (int64_t k = 0; k < 390; ++k) {
    w.Bar(&s, open + k * 60, 6, 4, 0, 8000, 12000, SessionShape(k, 390));
  }
  return s;
}

Series CryptoHourly() {
  Series s;
  s.name = "crypto_hourly";
  s.caption = "crypto, 24/7: hourly bars in UTC over ten days";
  Walker w(37, 6500000, 0.01);
  const int64_t start = DaysFromCivil(2024, 3, 10) * kDay;
  for (int64_t k = 0; k < 240; ++k) {
    w.Bar(&s, start + k * 3600, 40000, 25000, 1500, 800, 2400, 100);
  }
  return s;
}

Series DailyThreeMonths() {
  Series s;
  s.name = "daily_3m";
  s.caption = "daily bars over three months (weekdays, without market holidays)";
  Walker w(41, 18520, 0.01);
  const int64_t first = DaysFromCivil(2024, 1, 2), last = DaysFromCivil(2024, 3, 28);
  const int64_t holidays[] = {DaysFromCivil(2024, 1, 15), DaysFromCivil(2024, 2, 19)};
  for (int64_t day = first; day <= last; ++day) {
    const int64_t weekday = (day + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday == 0 || weekday == 6 || day == holidays[0] || day == holidays[1]) continue;
    w.Bar(&s, day * kDay, 250, 160, 12, 45000000, 50000000, 100);
  }
  return s;
}

Series WeeklyTenYears() {
  Series s;
  s.name = "weekly_10y";
  s.caption = "weekly bars over ten years";
  Walker w(53, 2400, 0.01);
  const int64_t first = DaysFromCivil(2014, 6, 2);
  for (int64_t k = 0; k < 522; ++k) {
    w.Bar(&s, (first + 7 * k) * kDay, 140, 90, 12, 200000000, 300000000, 100);
  }
  return s;
}

std::vector<Series> AllSeries() {
  return {IntradayNewYork(), MinuteSession(), CryptoHourly(), DailyThreeMonths(),
          WeeklyTenYears()};
}

}  // namespace synthetic
}  // namespace candlewick
