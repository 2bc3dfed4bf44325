// Deterministic price series for the golden images, the label tests and the
// gallery's side-by-side with mplfinance: the kinds of data a time axis
// must label well. Integer arithmetic only, so every platform produces the
// same bits. Times are Unix seconds (UTC), computed here from fixed UTC
// offsets, independently of any time zone library.
#ifndef CANDLEWICK_DATA_SYNTHETIC_H_
#define CANDLEWICK_DATA_SYNTHETIC_H_

#include <cstdint>
#include <string>
#include <vector>

namespace candlewick {
namespace synthetic {

struct Series {
  std::string name;       // file stem: "intraday_ny"
  std::string time_zone;  // the zone its labels belong in ("" = UTC)
  std::string caption;
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume;
  size_t size() const { return close.size(); }
};

// Three sessions of 5-minute bars, 09:30-16:00 New York time: Friday
// 2024-03-08 (EST, UTC-5), then Monday 2024-03-11 and Tuesday 2024-03-12
// after daylight saving began on Sunday 2024-03-10 (EDT, UTC-4). 234 bars.
Series IntradayNewYork();
// One session of 1-minute bars, 09:30-16:00 New York time on Wednesday
// 2024-03-13. 390 bars.
Series MinuteSession();
// Crypto trading 24/7: hourly bars from 2024-03-10 00:00 UTC, 10 days.
// 240 bars, prices near 65,000, volumes in the thousands.
Series CryptoHourly();
// Daily bars on the weekdays of 2024-01-02..2024-03-28 without the US
// market holidays (Jan 15, Feb 19), stamped at 00:00 UTC. 60 bars.
Series DailyThreeMonths();
// Weekly bars (Mondays) from 2014-06-02 for ten years. 522 bars.
Series WeeklyTenYears();

// All five, in the order above.
std::vector<Series> AllSeries();

}  // namespace synthetic
}  // namespace candlewick

#endif  // CANDLEWICK_DATA_SYNTHETIC_H_
