// Shared by the aggregation methods (resample.cc, reversal.cc) and the
// dispatcher (aggregate.cc). Inputs reaching these functions are validated.
#ifndef CANDLEWICK_CC_BARS_AGGREGATE_INTERNAL_H_
#define CANDLEWICK_CC_BARS_AGGREGATE_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "cc/bars/aggregate.h"

namespace candlewick {
namespace bars_internal {

// Row accessors with the module's conventions: no volume column means each
// row weighs 1 (tick volume); no time column gives time 0 (the C API refuses
// to write a time column then).
struct Rows {
  explicit Rows(const OhlcvView& s) : s(s) {}
  const OhlcvView& s;
  size_t size() const { return s.size(); }
  double Volume(size_t i) const { return s.has_volume() ? s.volume[i] : 1.0; }
  int64_t Time(size_t i) const { return s.has_time() ? s.time[i] : 0; }
};

// volume + v for volumes (finite, >= 0), saturating at the largest double
// as the chart's column aggregate does (bars.h): the volume of rows whose
// sum overflows is the largest double, never infinity.
inline double AddVolume(double volume, double v) {
  const double sum = volume + v;
  return sum > std::numeric_limits<double>::max() ? std::numeric_limits<double>::max() : sum;
}

// A bar being formed from consecutive input rows [first, last].
struct Forming {
  bool active = false;
  size_t first = 0, last = 0;
  double o = 0, h = 0, l = 0, c = 0, v = 0;

  void Start(size_t i, double open, double high, double low, double close, double volume) {
    active = true;
    first = last = i;
    o = open;
    h = high;
    l = low;
    c = close;
    v = volume;
  }
  void Extend(size_t i, double high, double low, double close, double volume) {
    last = i;
    if (high > h) h = high;
    if (low < l) l = low;
    c = close;
    v = AddVolume(v, volume);
  }
  BarRow Row(int64_t time) const {
    return BarRow{time, o, h, l, c, v, static_cast<int64_t>(last)};
  }
};

absl::Status TimeBars(const BarInput& in, const BarSpec& spec, BarWriter* out);
absl::Status TickBars(const BarInput& in, const BarSpec& spec, BarWriter* out);
absl::Status VolumeBars(const BarInput& in, const BarSpec& spec, BarWriter* out);
absl::Status RangeBars(const BarInput& in, const BarSpec& spec, BarWriter* out);
absl::Status HeikinAshiBars(const BarInput& in, BarWriter* out);
absl::Status RenkoBars(const BarInput& in, double box, BarWriter* out);
absl::Status PointFigureBars(const BarInput& in, double box, int32_t reversal, BarWriter* out);
absl::Status KagiBars(const BarInput& in, const BarSpec& spec, BarWriter* out);
absl::Status LineBreakBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           BarWriter* out);

}  // namespace bars_internal
}  // namespace candlewick

#endif  // CANDLEWICK_CC_BARS_AGGREGATE_INTERNAL_H_
