// The time axis: which candles get a label, and what each label says, in the
// chart's time zone.
//
// Candles sit at equal spacing whatever the time between them (nights,
// weekends and holidays are compressed), so ticks are chosen per candle, not
// on a linear time scale: a candle gets a tick where it starts a new bucket of
// the chosen unit (5 minutes, 2 hours, 7 days, 3 months, 10 years...) or a new
// local day, month or year. The unit is the finest of a fixed ladder (seconds
// to years) whose ticks fit the plot width at the labels' width. Labels are
// placed by importance: the first candle (named with its year), then year,
// month and day changes, then the unit's ticks, each dropped when it would
// overlap a label already placed. On an intraday axis a date change whose
// label would overlap the first label takes its place instead, written as
// the first label is (with its year), and a time of day is labelled only
// where the nearest date label to its left names its date: no time of day
// reads as another date's. A session is where the local date changes,
// whether or not a candle falls at midnight.
//
// Times are int64 Unix seconds; every comparison is made on local civil
// fields (year, month, day, second of day), never on differences of
// timestamps, so any int64 times work, unordered ones included.
#ifndef CANDLEWICK_CC_CHART_TIME_AXIS_H_
#define CANDLEWICK_CC_CHART_TIME_AXIS_H_

#include <cstddef>
#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/chart/axis_label.h"

namespace candlewick {

// Loads an IANA time zone ("America/New_York", "Europe/London", "UTC") from
// the system's zoneinfo files (the TZDIR directory, else
// /usr/share/zoneinfo: Debian's tzdata package) through Abseil. An empty
// name is UTC. Only names made of IANA's characters (letters, digits, '_',
// '-', '+', '/'; no empty, "." or ".." component, not absolute) that name a
// file in that directory are tried, so a bad name is an error rather than a
// silent UTC, never reads outside the zoneinfo tree, and never enters
// Abseil's process-wide zone cache (which keeps every zone it has loaded, at
// most the few hundred zoneinfo files). kInvalidArgument with the reason.
absl::Status LoadChartTimeZone(absl::string_view name, absl::TimeZone* out);

// One labelled tick.
struct TimeTick {
  uint32_t slot = 0;     // the candle
  // 4 the first label (the first candle's, or a date change's in its place),
  // 3 new year, 2 new month, 1 new day, 0 unit tick.
  uint8_t priority = 0;
  float left = 0;        // the label's left edge (pixels), kept inside the plot
  int32_t width = 0;     // the label's width (pixels)
  AxisLabel label;
};

class TimeAxisLayout {
 public:
  explicit TimeAxisLayout(const AllocatorHooks& hooks);

  // Chooses ticks for `slots` candles: time_of(i) is candle i's time, x_of(i)
  // the centre of its column; labels are text_width(label) pixels wide,
  // centred on their candle (the first one moved right to start at min_x),
  // inside [min_x, max_x] and at least `gap` pixels apart. Replaces the
  // previous ticks. May throw std::bad_alloc (scratch grows via the hooks).
  void Compute(size_t slots, absl::FunctionRef<int64_t(size_t)> time_of,
               const absl::TimeZone& zone, absl::FunctionRef<float(size_t)> x_of,
               absl::FunctionRef<int(absl::string_view)> text_width, float min_x, float max_x,
               float gap);

  // In candle order.
  absl::Span<const TimeTick> ticks() const { return {ticks_.data(), ticks_.size()}; }

  // A candle's local time, the fields ticks are chosen on. Public only so
  // that time_axis.cc's helper functions can take it.
  struct Civil {
    int64_t year;
    int32_t second_of_day;
    uint8_t month, day;
  };

 private:
  HookVector<Civil> civil_;
  HookVector<uint32_t> candidates_;
  HookVector<TimeTick> ticks_;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_TIME_AXIS_H_
