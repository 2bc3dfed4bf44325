// Bar transforms that change what a chart draws: Heikin-Ashi candles, renko
// bricks, point-and-figure columns, and per-pixel-column aggregation for
// series denser than the frame. Each reads a validated OHLCV view in place and
// writes into reusable containers (capacity is kept between renders).
#ifndef CANDLEWICK_CC_BARS_BARS_H_
#define CANDLEWICK_CC_BARS_BARS_H_

#include <cstddef>
#include <cstdint>

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

// Heikin-Ashi: close = (o+h+l+c)/4; open = (previous HA open + previous HA
// close)/2, the first being (o+c)/2; high/low extend to include HA open/close.
// Time and volume are carried over.
void HeikinAshi(const OhlcvView& in, OhlcvColumns* out);

// Buckets rows into `columns` groups of consecutive rows (column c holds
// rows [c * n / columns, (c + 1) * n / columns), integer division): first
// open, max high, min low, last close, summed volume, first time. Used when there are more candles than pixel columns, so
// every extreme stays visible.
void AggregateToColumns(const OhlcvView& in, size_t columns, OhlcvColumns* out);

// Wilder's average true range over `period` bars at the end of the series
// (the mean true range when the series is shorter). Used for automatic box
// sizes; always > 0 for a non-flat series, 0 for a flat one.
double AverageTrueRange(const OhlcvView& in, size_t period);

struct RenkoBrick {
  double low;         // lower price edge
  double high;        // upper price edge (low + box)
  bool up;            // rising brick
  size_t source_row;  // row of the close that completed it
};

// Close-based renko with the traditional two-box reversal: a new brick in the
// trend's direction each time the close moves one box beyond the last brick,
// a reversal brick when it moves two boxes against it. box > 0.
void Renko(StridedView<double> close, double box, HookVector<RenkoBrick>* out);

struct PointFigureColumn {
  bool rising;        // X column (rising) or O column (falling)
  int64_t low_box;    // lowest box in the column, as a multiple of box size
  int64_t high_box;   // highest box (inclusive)
  size_t first_row;   // row that opened the column
};

// Close-based point-and-figure on a grid of `box`-sized boxes with a
// `reversal`-box reversal (3 is the classic). box > 0, reversal >= 1.
void PointAndFigure(StridedView<double> close, double box, int reversal,
                    HookVector<PointFigureColumn>* out);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BARS_BARS_H_
