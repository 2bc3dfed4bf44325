// Bars by clock, by row count, by volume and by price range. Each output bar
// covers a run of consecutive input rows: first open, highest high, lowest
// low, last close, summed volume (docs/bars.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/bars/aggregate_internal.h"
#include "cc/base/status.h"

namespace candlewick {
namespace bars_internal {
namespace {

using Int128 = __int128;

}  // namespace

absl::Status TimeBars(const BarInput& in, const BarSpec& spec, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  const int64_t interval = spec.interval;
  // The grid is {offset + k * interval}: normalise the offset into
  // [0, interval) so any offset, negative or larger than the interval, names
  // the same grid as its remainder.
  const Int128 offset = ((Int128{spec.offset} % interval) + interval) % interval;
  // Start of the interval holding t: t minus its (floored) distance past the
  // grid, in 128 bits so no time value can overflow the subtraction.
  auto bucket = [&](size_t i, int64_t* start) -> absl::Status {
    const int64_t t = s.time[i];
    Int128 r = (Int128{t} - offset) % interval;
    if (r < 0) r += interval;
    const Int128 b = Int128{t} - r;
    if (b < std::numeric_limits<int64_t>::min()) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("time[", i, "] = ", t,
                                " lies in an interval starting before the earliest int64 time"));
    }
    *start = static_cast<int64_t>(b);
    return absl::OkStatus();
  };

  Forming f;
  int64_t current = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    int64_t b = 0;  // set by bucket() whenever it succeeds
    if (auto st = bucket(i, &b); !st.ok()) return st;
    if (f.active && b == current) {
      f.Extend(i, s.high[i], s.low[i], s.close[i], rows.Volume(i));
      continue;
    }
    if (f.active) {
      out->Add(f.Row(current));
      if (spec.empty != EmptyBars::kSkip) {
        // Times are sorted, so b > current; the intervals strictly between
        // are empty. 128-bit: b - current may exceed INT64_MAX.
        const uint64_t gaps =
            static_cast<uint64_t>((Int128{b} - current) / interval - 1);
        const double fill = spec.empty == EmptyBars::kNaN
                                ? std::numeric_limits<double>::quiet_NaN()
                                : f.c;
        const int64_t from = current;
        out->AddMany(gaps, [&](uint64_t j) {
          BarRow r;
          r.time = static_cast<int64_t>(Int128{from} + Int128(j + 1) * interval);
          r.open = r.high = r.low = r.close = fill;
          r.volume = 0;
          r.row = -1;
          return r;
        });
      }
    }
    f.Start(i, s.open[i], s.high[i], s.low[i], s.close[i], rows.Volume(i));
    current = b;
  }
  if (f.active) out->Add(f.Row(current));
  return absl::OkStatus();
}

absl::Status TickBars(const BarInput& in, const BarSpec& spec, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  Forming f;
  uint64_t in_bar = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!f.active) {
      f.Start(i, s.open[i], s.high[i], s.low[i], s.close[i], rows.Volume(i));
    } else {
      f.Extend(i, s.high[i], s.low[i], s.close[i], rows.Volume(i));
    }
    if (++in_bar == spec.tick_count) {
      out->Add(f.Row(rows.Time(f.first)));
      f.active = false;
      in_bar = 0;
    }
  }
  if (f.active) out->Add(f.Row(rows.Time(f.first)));
  return absl::OkStatus();
}

absl::Status VolumeBars(const BarInput& in, const BarSpec& spec, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  const double threshold = spec.volume_threshold;
  Forming f;
  for (size_t i = 0; i < s.size(); ++i) {
    const double o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i];
    const double v = s.volume[i];
    if (!spec.volume_split) {
      // The row that reaches the threshold closes the bar with all of its
      // volume: bars hold >= threshold, rows are never divided.
      if (!f.active) {
        f.Start(i, o, h, l, c, v);
      } else {
        f.Extend(i, h, l, c, v);
      }
      if (f.v >= threshold) {
        out->Add(f.Row(rows.Time(f.first)));
        f.active = false;
      }
      continue;
    }
    // Split: every complete bar holds exactly `threshold`. The row that
    // crosses it gives the bar what it lacks, and its remainder makes whole
    // bars of its own (at its prices) and then opens the next bar.
    const double before = f.active ? f.v : 0;
    if (!f.active) {
      f.Start(i, o, h, l, c, 0);
    } else {
      f.Extend(i, h, l, c, 0);
    }
    if (before + v < threshold) {
      f.v = before + v;
      continue;
    }
    f.v = threshold;
    out->Add(f.Row(rows.Time(f.first)));
    f.active = false;
    double rest = v - (threshold - before);
    if (rest <= 0) continue;
    if (rest / threshold > static_cast<double>(BarWriter::kMaxRows)) {
      return Error(ErrorCode::kSizeOutOfRange,
                   absl::StrCat("volume[", i, "] = ", v, " makes more than 2^60 bars of ",
                                threshold));
    }
    // fmod is exact, so the leftover is exactly what the whole bars do not
    // take, and the same on every call (counting or filling).
    const double leftover = std::fmod(rest, threshold);
    const uint64_t whole = static_cast<uint64_t>(std::llround((rest - leftover) / threshold));
    const int64_t t = rows.Time(i);
    out->AddMany(whole, [&](uint64_t) {
      return BarRow{t, o, h, l, c, threshold, static_cast<int64_t>(i)};
    });
    if (leftover > 0) f.Start(i, o, h, l, c, leftover);
  }
  if (f.active) out->Add(f.Row(rows.Time(f.first)));
  return absl::OkStatus();
}

namespace {

// The price path inside row i, into path[0..return value): a tick is one
// price; a bar is assumed to visit the extreme nearer its open first (open,
// low, high, close when it closes up; open, high, low, close otherwise).
// Repeated prices are dropped: they cannot move a bar.
int PricePath(const OhlcvView& s, size_t i, double path[4]) {
  int points = 0;
  auto visit = [&](double p) {
    if (points == 0 || path[points - 1] != p) path[points++] = p;
  };
  const double o = s.open[i], c = s.close[i];
  visit(o);
  if (c >= o) {
    visit(s.low[i]);
    visit(s.high[i]);
  } else {
    visit(s.high[i]);
    visit(s.low[i]);
  }
  visit(c);
  return points;
}

// Range bars, fed one row at a time.
class RangeBarBuilder {
 public:
  RangeBarBuilder(const OhlcvView& s, double range, BarWriter* out)
      : rows_(s), range_(range), out_(out) {}

  void AddRow(size_t i) {
    double path[4];
    const int points = PricePath(rows_.s, i, path);
    int k = 0;
    if (!f_.active) {
      f_.Start(i, path[0], path[0], path[0], path[0], 0);
      moved_ = true;
      k = 1;
    }
    // The row's volume goes to the bar it starts in (the first bar it
    // completes, if any).
    f_.v = AddVolume(f_.v, rows_.Volume(i));
    f_.last = i;
    for (; k < points; ++k) Visit(i, path[k]);
  }

  void Finish() {
    if (f_.active && moved_) out_->Add(f_.Row(rows_.Time(f_.first)));
  }

 private:
  void Visit(size_t i, double p) {
    if (p > f_.h && p - f_.l >= range_) {
      Complete(i, p, /*up=*/true);
    } else if (p < f_.l && f_.h - p >= range_) {
      Complete(i, p, /*up=*/false);
    } else {
      f_.Extend(i, p, p, p, 0);
      moved_ = true;
    }
  }

  // The forming bar completes at price p of row i: it closes exactly
  // `range` beyond its low (up) or high (down), and the move beyond makes
  // whole bars of `range` (no rows of their own, volume 0), all on the grid
  // base + k * range of this move. p - base and the edges beyond may
  // overflow for prices of opposite signs near the largest double: the
  // grid's overflow-free forms (bars.h), equal to the plain ones elsewhere.
  // The check against the prices (at most 2^52 ranges from zero) bounds
  // steps.
  void Complete(size_t i, double p, bool up) {
    const double d = up ? 1 : -1;
    const double base = up ? f_.l : f_.h;
    const int64_t row = static_cast<int64_t>(i);
    // A bar from grid edge `from` to grid edge `to`, in the move's direction.
    auto bar = [&](int64_t time, double open, double from, double to, double volume) {
      return BarRow{time, open, up ? to : from, up ? from : to, to, volume, row};
    };
    out_->Add(bar(rows_.Time(f_.first), f_.o, base, GridEdge(base, d, range_), f_.v));
    const double boxes = up ? BoxesBetween(base, p, range_) : BoxesBetween(p, base, range_);
    const double steps = std::max(1.0, std::floor(boxes));
    const uint64_t extra = static_cast<uint64_t>(steps) - 1;
    const int64_t t = rows_.Time(i);
    out_->AddMany(extra, [&](uint64_t j) {
      const double from = GridEdge(base, d * static_cast<double>(j + 1), range_);
      return bar(t, from, from, GridEdge(base, d * static_cast<double>(j + 2), range_), 0);
    });
    const double open = GridEdge(base, d * steps, range_);
    f_.Start(i, open, std::max(open, p), std::min(open, p), p, 0);
    moved_ = p != open;
  }

  const Rows rows_;
  const double range_;
  BarWriter* const out_;
  Forming f_;
  // Whether the forming bar has seen any price besides its opening one; a
  // bar opened at the boundary of the last completed bar, with nothing after
  // it, is not a bar yet.
  bool moved_ = false;
};

}  // namespace

absl::Status RangeBars(const BarInput& in, const BarSpec& spec, BarWriter* out) {
  RangeBarBuilder builder(in.series, spec.range, out);
  for (size_t i = 0; i < in.series.size(); ++i) builder.AddRow(i);
  builder.Finish();
  return absl::OkStatus();
}

}  // namespace bars_internal
}  // namespace candlewick
