// Bar aggregation: turns ticks or bars into new bars. Time resampling, tick,
// volume and range bars, Heikin-Ashi, renko bricks, point-and-figure columns,
// kagi lines and n-line break, each as rows of OHLCV (docs/bars.md gives the
// exact rules with worked examples).
//
// Design: every method reads its input in place (strided views, never
// gathered) and pushes its output rows into a BarWriter, which stores the
// rows that fit into caller-owned arrays and counts all of them. So a call
// with no arrays is the size query, a second call with arrays of that size
// fills them, and a method never needs a growing buffer of its own. For that
// to be sound, a method's output must not depend on how many rows fit: runs
// of rows a single input row produces (renko bricks of a price jump, range
// bars across a gap, empty intervals, split volume) are computed
// arithmetically from the run's start, never by accumulating, so counting and
// filling agree to the bit, and counting a run of a billion bricks takes one
// step rather than a billion.
#ifndef CANDLEWICK_CC_BARS_AGGREGATE_H_
#define CANDLEWICK_CC_BARS_AGGREGATE_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "cc/bars/bars.h"
#include "cc/base/allocator.h"
#include "cc/series/ohlcv.h"

namespace candlewick {

// Numerically identical to CW_BARS_* of the public header.
enum class BarMethod : int32_t {
  kTime = 1,
  kTick = 2,
  kVolume = 3,
  kRange = 4,
  kHeikinAshi = 5,
  kRenko = 6,
  kPointFigure = 7,
  kKagi = 8,
  kLineBreak = 9,
};
constexpr int32_t kBarMethodFirst = 1;
constexpr int32_t kBarMethodLast = 9;

// What a time bar without input rows becomes (CW_BAR_EMPTY_*).
enum class EmptyBars : int32_t {
  kSkip = 0,  // not emitted
  kNaN = 1,   // NaN prices, volume 0, row -1
  kFlat = 2,  // open = high = low = close = the previous close, volume 0, row -1
};

// How renko and point-and-figure size their boxes (CW_BOX_*).
enum class BoxMode : int32_t {
  kFixed = 0,  // box_size
  kAtr = 1,    // Wilder's ATR(atr_period) over the whole input, as the chart
};

// Parameters of one aggregation; each method reads only its own fields.
// Defaults match cw_bar_options_init().
struct BarSpec {
  BarMethod method = BarMethod::kTime;
  // Time bars. interval and offset are in the units of the time column.
  int64_t interval = 60;
  int64_t offset = 0;
  EmptyBars empty = EmptyBars::kSkip;
  // Tick bars.
  uint64_t tick_count = 100;
  // Volume bars.
  double volume_threshold = 0;  // must be set (> 0)
  bool volume_split = false;
  // Range bars.
  double range = 0;  // must be set (> 0)
  // Renko and point-and-figure.
  BoxMode box_mode = BoxMode::kAtr;
  double box_size = 0;  // used with kFixed (> 0)
  int32_t atr_period = 14;
  int32_t reversal = 3;  // point-and-figure boxes
  // Kagi.
  double reversal_amount = 4;
  bool reversal_percent = true;
  // Line break.
  int32_t line_count = 3;
};

// The input: a series of bars, or ticks presented as a series whose
// open/high/low/close are all the same price column (and volume the optional
// size column). `ticks` only changes column names in messages, skips the
// OHLC consistency check that cannot fail for them, and rejects Heikin-Ashi.
struct BarInput {
  OhlcvView series;
  bool ticks = false;
};

// One output row. `row` is the last input row the bar covers (-1 for an
// empty time interval).
struct BarRow {
  int64_t time = 0;
  double open = 0, high = 0, low = 0, close = 0, volume = 0;
  int64_t row = -1;
};

// Caller-owned output columns, each with room for `capacity` rows; a null
// column is not stored.
struct BarArrays {
  int64_t* time = nullptr;
  double* open = nullptr;
  double* high = nullptr;
  double* low = nullptr;
  double* close = nullptr;
  double* volume = nullptr;
  int64_t* row = nullptr;
  size_t capacity = 0;
};

// Stores the first `capacity` rows into the arrays and counts every row.
// Default-constructed, it only counts.
class BarWriter {
 public:
  // More rows than this is reported as kSizeOutOfRange: no caller could
  // allocate them, and the count stays far from overflow.
  static constexpr uint64_t kMaxRows = uint64_t{1} << 60;

  BarWriter() = default;
  explicit BarWriter(const BarArrays& arrays) : a_(arrays) {}

  void Add(const BarRow& r) {
    if (count_ < a_.capacity) Store(static_cast<size_t>(count_), r);
    Count(1);
  }
  // Adds `k` rows, row j being make(j); only the rows that fit are made.
  template <typename Make>
  void AddMany(uint64_t k, Make&& make) {
    const uint64_t room = count_ < a_.capacity ? a_.capacity - count_ : 0;
    const uint64_t fit = k < room ? k : room;
    for (uint64_t j = 0; j < fit; ++j) Store(static_cast<size_t>(count_ + j), make(j));
    Count(k);
  }

  uint64_t count() const { return count_; }
  bool too_many() const { return too_many_; }
  bool fits() const { return count_ <= a_.capacity; }

 private:
  void Count(uint64_t k) {
    if (k > kMaxRows - count_) {
      too_many_ = true;
      count_ = kMaxRows;
    } else {
      count_ += k;
    }
  }
  void Store(size_t i, const BarRow& r) {
    if (a_.time) a_.time[i] = r.time;
    if (a_.open) a_.open[i] = r.open;
    if (a_.high) a_.high[i] = r.high;
    if (a_.low) a_.low[i] = r.low;
    if (a_.close) a_.close[i] = r.close;
    if (a_.volume) a_.volume[i] = r.volume;
    if (a_.row) a_.row[i] = r.row;
  }

  BarArrays a_;
  uint64_t count_ = 0;
  bool too_many_ = false;
};

// Scratch reused between calls (the last n lines of a line break); it grows
// to the largest line_count seen and no further.
class BarWorkspace {
 public:
  explicit BarWorkspace(const AllocatorHooks& hooks)
      : hooks_(hooks), lows_(HookAllocator<double>(hooks)), highs_(HookAllocator<double>(hooks)) {}
  const AllocatorHooks& hooks() const { return hooks_; }
  // Ring buffers of the last lines' lows and highs (line break).
  HookVector<double>& lows() { return lows_; }
  HookVector<double>& highs() { return highs_; }

 private:
  AllocatorHooks hooks_;
  HookVector<double> lows_, highs_;
};

// Checks every field `spec.method` uses: a known method, interval > 0,
// tick_count >= 1, thresholds, ranges and fixed boxes finite and > 0,
// atr_period >= 1, reversal >= 1, line_count in 1..kMaxLineCount, a known
// empty-bar policy and box mode. kInvalidArgument names the field.
absl::Status ValidateBarSpec(const BarSpec& spec);
constexpr int32_t kMaxLineCount = 100;

// Checks the input's shape and rows: required columns present (volume too for
// volume bars, time for time bars), equal lengths, finite prices, low <=
// open, close <= high (bars), finite volume >= 0, and for time bars times in
// non-decreasing order (ties allowed). The first bad row is named.
absl::Status ValidateBarInput(const BarInput& in, BarMethod method);

// Validates spec and input, then aggregates `in` into `out`. `out->count()`
// is the exact number of output rows whether or not they all fit. Returns
// kSizeOutOfRange for more than BarWriter::kMaxRows rows, kInvalidArgument
// for a box or range so small against the prices that a price would sit
// more than 2^52 boxes from another, kOutOfMemory if the workspace cannot
// grow. Does not itself report rows that do not fit: compare count() with
// the capacity (BarWriter::fits()).
absl::Status AggregateBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           BarWriter* out);

// C++ convenience: aggregates into owned columns (sized by a counting pass,
// then filled). time is filled when the input has a time column; volume
// always (tick volume when the input has none).
absl::Status AggregateBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           OhlcvColumns* out);

// The box renko and point-and-figure use for `spec` on `in` (box_size, or
// the ATR; 0 for a flat series under kAtr, which yields no output rows).
double BarBoxSize(const BarInput& in, const BarSpec& spec);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BARS_AGGREGATE_H_
