// Bar transforms that change what a chart draws: Heikin-Ashi candles, renko
// bricks, point-and-figure columns, and per-pixel-column aggregation for
// series denser than the frame. Each reads a validated OHLCV view in place and
// writes into reusable containers (capacity is kept between renders).
#ifndef CANDLEWICK_CC_BARS_BARS_H_
#define CANDLEWICK_CC_BARS_BARS_H_

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cc/base/allocator.h"
#include "cc/base/strided.h"
#include "cc/series/ohlcv.h"

namespace candlewick {

// Owned OHLCV columns (contiguous). View() borrows them as an OhlcvView.
struct OhlcvColumns {
  explicit OhlcvColumns(const AllocatorHooks& hooks)
      : time(HookAllocator<int64_t>(hooks)),
        open(HookAllocator<double>(hooks)),
        high(HookAllocator<double>(hooks)),
        low(HookAllocator<double>(hooks)),
        close(HookAllocator<double>(hooks)),
        volume(HookAllocator<double>(hooks)) {}
  HookVector<int64_t> time;
  HookVector<double> open, high, low, close, volume;
  void Clear();
  void Resize(size_t n, bool with_time, bool with_volume);
  size_t size() const { return close.size(); }
  OhlcvView View() const;
};

// One Heikin-Ashi candle after another: close = (o+h+l+c)/4; open = (previous
// HA open + previous HA close)/2, the first being (o+c)/2; high/low extend
// to include HA open/close. Shared by HeikinAshi() (charts) and the
// aggregation API (CW_BARS_HEIKIN_ASHI), so both agree to the bit. Means of
// prices near the largest double are taken from halves or quarters, which
// cannot overflow (the plain sums are used whenever they are finite).
class HeikinAshiSteps {
 public:
  struct Candle {
    double open, high, low, close;
  };
  Candle Next(double o, double h, double l, double c);

 private:
  bool first_ = true;
  double prev_open_ = 0, prev_close_ = 0;
};

// Heikin-Ashi of every row (HeikinAshiSteps). Time and volume are carried
// over.
void HeikinAshi(const OhlcvView& in, OhlcvColumns* out);

// Buckets rows into `columns` groups of consecutive rows (column c holds
// rows [c * n / columns, (c + 1) * n / columns), integer division): first
// open, max high, min low, last close, summed volume (saturating at the
// largest double rather than overflowing), first time. Used when there are
// more candles than pixel columns, so every extreme stays visible.
void AggregateToColumns(const OhlcvView& in, size_t columns, OhlcvColumns* out);

// Wilder's average true range over `period` bars at the end of the series
// (the mean true range when the series is shorter). Used for automatic box
// sizes; always > 0 for a non-flat series, 0 for a flat one; +infinity when
// the prices span more than the largest double.
double AverageTrueRange(const OhlcvView& in, size_t period);

// ---- Renko and point-and-figure.
// Both are computed on a grid of boxes held as integers, so no box edge
// drifts by repeated addition and a jump of k boxes is one step. The steps
// below are shared by the chart (Renko(), PointAndFigure()) and the
// aggregation API (CW_BARS_RENKO, CW_BARS_POINT_FIGURE), so a rendered and an
// aggregated series agree to the bit. Their box must keep every close within
// 2^52 boxes of zero (CheckBoxAgainstPrices), where box indices are exact.

// From this magnitude on, the sum or difference of two prices may overflow
// a double. Arithmetic that could overflow switches, for prices this large,
// to forms that cannot (halves, quotients): exact scalings of the plain
// forms, so a chart of prices near the largest double is the same as one of
// the same prices scaled down by a power of two (2^1001 and up).
constexpr double kHugePrice = 0x1p1000;

// (to - from) / box, also where the difference overflows (prices of
// opposite signs near the largest double): for huge prices the two
// quotients, each within 2^52 of zero (CheckBoxAgainstPrices), give it.
double BoxesBetween(double from, double to, double box);

// base + k * box, the edge k boxes from `base`: finite wherever the edge
// lies between two finite prices, also when the plain form overflows on
// the way (then computed in halves, an exact scaling).
double GridEdge(double base, double k, double box);

// The largest |price| / box the grid allows.
constexpr double kMaxBoxesFromZero = 4503599627370496.0;  // 2^52

// kInvalidArgument, naming `what` (e.g. "box_size"), when some price of
// magnitude `max_abs_price` lies more than 2^52 boxes from zero.
absl::Status CheckBoxAgainstPrices(const char* what, double box, double max_abs_price);

// The largest |value| of a column (0 for an empty one).
double MaxAbs(const StridedView<double>& v);

// Close-based renko with the traditional two-box reversal: a new brick in
// the trend's direction each time the close moves one box beyond the last
// brick, a reversal brick when it moves two boxes against it. Brick edges
// are first_close + m * box for integers m; an edge beyond the largest double
// is the largest double, so edges are always finite.
class RenkoSteps {
 public:
  RenkoSteps(double first_close, double box) : c0_(first_close), box_(box) {}
  // The bricks one close completes: `count` bricks (0: none) in direction
  // `up`; brick j (0-based) spans boxes [LowBox(j), LowBox(j) + 1].
  struct Run {
    uint64_t count = 0;
    bool up = false;
    int64_t from = 0;
    int64_t LowBox(uint64_t j) const {
      return up ? from + static_cast<int64_t>(j) : from - static_cast<int64_t>(j) - 1;
    }
  };
  Run Push(double close);
  // The price of a box edge, first_close + box_index * box.
  double Edge(int64_t box_index) const;

 private:
  double c0_, box_;
  int64_t top_ = 0, bottom_ = 0;  // the last brick's edges, in boxes from c0
};

struct RenkoBrick {
  double low;         // lower price edge
  double high;        // upper price edge (low + box)
  bool up;            // rising brick
  size_t source_row;  // row of the close that completed it
};

// The bricks of RenkoSteps over `close`. box > 0, checked with
// CheckBoxAgainstPrices.
void Renko(StridedView<double> close, double box, HookVector<RenkoBrick>* out);

struct PointFigureColumn {
  bool rising;        // X column (rising) or O column (falling)
  int64_t low_box;    // lowest box in the column, as a multiple of box size
  int64_t high_box;   // highest box (inclusive)
  size_t first_row;   // row that opened the column
};

// Close-based point-and-figure on a grid of `box`-sized boxes (box k is the
// price range [k * box, (k + 1) * box)) with a `reversal`-box reversal (3 is
// the classic): a column starts when the close leaves the first close's box,
// extends box by box, and reverses on `reversal` boxes against it.
class PointFigureSteps {
 public:
  PointFigureSteps(double first_close, double box, int32_t reversal);
  enum class Event {
    kNone,      // nothing changed
    kOpened,    // the first column opened: current()
    kExtended,  // current() grew
    kReversed,  // previous() is complete and current() opened
  };
  Event Push(size_t row, double close);
  bool started() const { return started_; }
  const PointFigureColumn& current() const { return col_; }
  const PointFigureColumn& previous() const { return prev_; }

 private:
  int64_t BoxOf(double price) const { return static_cast<int64_t>(std::floor(price / box_)); }
  double box_;
  int32_t reversal_;
  int64_t start_;
  bool started_ = false;
  PointFigureColumn col_{true, 0, 0, 0}, prev_{true, 0, 0, 0};
};

// The lower edge of point-and-figure box `box_index` (box k spans
// [k * box, (k + 1) * box]: the grid is anchored at zero). Near the largest
// double the box holding a price may reach beyond it; such an edge is the
// largest double (the box is cut at the end of the number line), so edges
// are always finite. Shared by the chart and CW_BARS_POINT_FIGURE.
double PointFigureEdge(int64_t box_index, double box);

// The columns of PointFigureSteps over `close` (the one in progress last).
// box > 0 (checked with CheckBoxAgainstPrices), reversal >= 1.
void PointAndFigure(StridedView<double> close, double box, int reversal,
                    HookVector<PointFigureColumn>* out);

// The box a renko (`renko`) or point-and-figure chart of `in` uses, so that
// it makes at most `max_boxes` bricks, or boxes (X's and O's) in all
// columns, and keeps every close within 2^52 boxes of zero:
// `requested` > 0 is checked (kInvalidArgument naming the limit when it
// breaks either); `requested` == 0 is the automatic box, ATR(14) (1% of the
// first close for a flat series), raised as far as needed. Counting costs one
// pass over the closes per box tried; nothing is allocated.
absl::StatusOr<double> ChartBoxSize(const OhlcvView& in, bool renko, double requested,
                                    int32_t reversal, uint64_t max_boxes);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BARS_BARS_H_
