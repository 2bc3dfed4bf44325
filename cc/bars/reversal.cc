// Price-driven charts that ignore the clock: Heikin-Ashi, renko bricks,
// point-and-figure columns, kagi lines and n-line break, as OHLCV rows
// (docs/bars.md). Renko, point-and-figure, kagi and line break follow the
// close (a tick's price).
//
// Rows and volume: the rows between one output row and the next are
// "pending"; the output row that takes them gets their summed volume and the
// time of the first of them. When one input row yields several output rows,
// the first gets the pending rows and the others cover that row alone with
// volume 0. Rows after the last output row belong to no output row.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>

#include "cc/bars/aggregate_internal.h"
#include "cc/base/status.h"

namespace candlewick {
namespace bars_internal {
namespace {

// The pending input rows described above.
struct Pending {
  size_t first = 0;
  double volume = 0;
  bool empty = true;
  void Add(size_t i, double v) {
    if (empty) first = i;
    empty = false;
    volume += v;
  }
  // Takes the pending rows for an output row made at row i: returns the
  // first row's index and their volume, and leaves row i as the start of
  // any further output rows it makes (with no volume).
  void Take(size_t i, size_t* first_row, double* v) {
    *first_row = empty ? i : first;
    *v = volume;
    first = i;
    volume = 0;
    empty = true;
  }
};

}  // namespace

absl::Status HeikinAshiBars(const BarInput& in, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The same expressions, in the same order, as HeikinAshi() in bars.cc,
  // so an aggregated series and a chart's Heikin-Ashi agree to the bit.
  double prev_open = 0, prev_close = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const double o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i];
    const double ha_close = (o + h + l + c) / 4;
    const double ha_open = i == 0 ? (o + c) / 2 : (prev_open + prev_close) / 2;
    out->Add(BarRow{rows.Time(i), ha_open, std::max({h, ha_open, ha_close}),
                    std::min({l, ha_open, ha_close}), ha_close, rows.Volume(i),
                    static_cast<int64_t>(i)});
    prev_open = ha_open;
    prev_close = ha_close;
  }
  return absl::OkStatus();
}

absl::Status RenkoBars(const BarInput& in, double box, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The rules of Renko() in bars.cc (one box to continue, two to reverse,
  // bricks anchored at the first close), with brick edges on the grid
  // c0 + m * box held as integers m: a jump of k boxes is k bricks counted
  // in one step, and no edge drifts by repeated addition.
  const double c0 = s.close[0];
  int64_t top = 0, bottom = 0;  // the last brick's edges, in boxes from c0
  Pending pending;
  pending.Add(0, rows.Volume(0));
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    const double q = (s.close[i] - c0) / box;
    const int64_t up_to = static_cast<int64_t>(std::floor(q));
    const int64_t down_to = static_cast<int64_t>(std::ceil(q));
    int64_t k = 0;
    bool up = false;
    int64_t from = 0;
    if (up_to >= top + 1) {
      k = up_to - top;
      up = true;
      from = top;  // bricks [from + j, from + j + 1]
      bottom = top + k - 1;
      top += k;
    } else if (down_to <= bottom - 1) {
      k = bottom - down_to;
      from = bottom;  // bricks [from - j - 1, from - j]
      top = bottom - k + 1;
      bottom -= k;
    } else {
      continue;
    }
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    const int64_t t_first = rows.Time(first), t = rows.Time(i);
    out->AddMany(static_cast<uint64_t>(k), [&](uint64_t j) {
      const int64_t jj = static_cast<int64_t>(j);
      const int64_t lo_box = up ? from + jj : from - jj - 1;
      const double lo = c0 + static_cast<double>(lo_box) * box;
      const double hi = c0 + static_cast<double>(lo_box + 1) * box;
      return BarRow{j == 0 ? t_first : t, up ? lo : hi, hi, lo, up ? hi : lo, j == 0 ? v : 0,
                    static_cast<int64_t>(i)};
    });
  }
  return absl::OkStatus();
}

absl::Status PointFigureBars(const BarInput& in, double box, int32_t reversal, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The rules of PointAndFigure() in bars.cc: box k is the price range
  // [k * box, (k + 1) * box); a column starts when the close leaves the
  // first close's box, extends box by box, and reverses on `reversal`
  // boxes against it.
  auto box_of = [&](double price) { return static_cast<int64_t>(std::floor(price / box)); };
  struct Column {
    bool rising = true;
    int64_t low_box = 0, high_box = 0;
    size_t first = 0, last = 0;
    double volume = 0;
  };
  auto emit = [&](const Column& c) {
    const double lo = static_cast<double>(c.low_box) * box;
    const double hi = static_cast<double>(c.high_box + 1) * box;
    out->Add(BarRow{rows.Time(c.first), c.rising ? lo : hi, hi, lo, c.rising ? hi : lo, c.volume,
                    static_cast<int64_t>(c.last)});
  };
  const int64_t start = box_of(s.close[0]);
  Column col;
  bool started = false;
  Pending pending;
  pending.Add(0, rows.Volume(0));
  // A column takes the pending rows whenever it grows, so a column covers
  // the rows up to its last extension.
  auto take = [&](size_t i, Column* c, bool opening) {
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    if (opening) {
      c->first = first;
      c->volume = v;
    } else {
      c->volume += v;
    }
    c->last = i;
  };
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    const int64_t b = box_of(s.close[i]);
    if (!started) {
      if (b != start) {
        col.rising = b > start;
        col.low_box = col.rising ? start + 1 : b;
        col.high_box = col.rising ? b : start - 1;
        take(i, &col, true);
        started = true;
      }
      continue;
    }
    if (col.rising) {
      if (b > col.high_box) {
        col.high_box = b;
        take(i, &col, false);
      } else if (b <= col.high_box - reversal) {
        emit(col);
        const int64_t high = col.high_box - 1;
        col = Column();
        col.rising = false;
        col.low_box = b;
        col.high_box = high;
        take(i, &col, true);
      }
    } else {
      if (b < col.low_box) {
        col.low_box = b;
        take(i, &col, false);
      } else if (b >= col.low_box + reversal) {
        emit(col);
        const int64_t low = col.low_box + 1;
        col = Column();
        col.rising = true;
        col.low_box = low;
        col.high_box = b;
        take(i, &col, true);
      }
    }
  }
  if (started) emit(col);
  return absl::OkStatus();
}

absl::Status KagiBars(const BarInput& in, const BarSpec& spec, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The reversal needed from extreme x: absolute, or a percentage of x
  // (prices are checked to be > 0 in percent mode).
  auto needed = [&](double x) {
    return spec.reversal_percent ? x * (spec.reversal_amount / 100) : spec.reversal_amount;
  };
  struct Line {
    double start = 0, end = 0;
    size_t first = 0, last = 0;
    double volume = 0;
  };
  auto emit = [&](const Line& l) {
    out->Add(BarRow{rows.Time(l.first), l.start, std::max(l.start, l.end),
                    std::min(l.start, l.end), l.end, l.volume, static_cast<int64_t>(l.last)});
  };
  const double p0 = s.close[0];
  Line line;
  bool started = false;
  Pending pending;
  pending.Add(0, rows.Volume(0));
  auto take = [&](size_t i, Line* l, bool opening) {
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    if (opening) {
      l->first = first;
      l->volume = v;
    } else {
      l->volume += v;
    }
    l->last = i;
  };
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    const double p = s.close[i];
    if (!started) {
      // The first line starts at the first price and is drawn once the
      // price has moved the reversal amount away from it, either way.
      if (std::fabs(p - p0) >= needed(p0)) {
        line.start = p0;
        line.end = p;
        take(i, &line, true);
        started = true;
      }
      continue;
    }
    const bool rising = line.end > line.start;
    if (rising ? p > line.end : p < line.end) {
      line.end = p;  // extends the line
      take(i, &line, false);
    } else if (rising ? line.end - p >= needed(line.end) : p - line.end >= needed(line.end)) {
      emit(line);
      const double turn = line.end;
      line = Line();
      line.start = turn;
      line.end = p;
      take(i, &line, true);
    }
  }
  if (started) emit(line);
  return absl::OkStatus();
}

absl::Status LineBreakBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  const size_t n_lines = static_cast<size_t>(spec.line_count);
  // The lows and highs of the last n lines, a ring kept in the workspace so
  // repeated calls allocate nothing.
  HookVector<double>& lows = ws->lows();
  HookVector<double>& highs = ws->highs();
  try {
    lows.resize(n_lines);
    highs.resize(n_lines);
  } catch (const std::bad_alloc&) {
    return Error(ErrorCode::kOutOfMemory, "out of memory for the line-break workspace");
  }
  size_t drawn = 0;  // lines so far
  double last_open = 0, last_close = 0;
  Pending pending;
  pending.Add(0, rows.Volume(0));
  auto draw = [&](size_t i, double open, double close) {
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    const double lo = std::min(open, close), hi = std::max(open, close);
    out->Add(BarRow{rows.Time(first), open, hi, lo, close, v, static_cast<int64_t>(i)});
    lows[drawn % n_lines] = lo;
    highs[drawn % n_lines] = hi;
    ++drawn;
    last_open = open;
    last_close = close;
  };
  // Extremes of the last min(n, drawn) lines.
  auto lowest = [&]() {
    double m = lows[(drawn - 1) % n_lines];
    for (size_t k = 1; k < std::min(n_lines, drawn); ++k) m = std::min(m, lows[(drawn - 1 - k) % n_lines]);
    return m;
  };
  auto highest = [&]() {
    double m = highs[(drawn - 1) % n_lines];
    for (size_t k = 1; k < std::min(n_lines, drawn); ++k) m = std::max(m, highs[(drawn - 1 - k) % n_lines]);
    return m;
  };
  const double p0 = s.close[0];
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    const double p = s.close[i];
    if (drawn == 0) {
      if (p != p0) draw(i, p0, p);
      continue;
    }
    if (last_close > last_open) {
      // Rising: a new rising line above the last close; a falling one only
      // below the lowest point of the last n lines, drawn from the bottom
      // of the last line.
      if (p > last_close) {
        draw(i, last_close, p);
      } else if (p < lowest()) {
        draw(i, last_open, p);
      }
    } else {
      if (p < last_close) {
        draw(i, last_close, p);
      } else if (p > highest()) {
        draw(i, last_open, p);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace bars_internal
}  // namespace candlewick
