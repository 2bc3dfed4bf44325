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
  // The chart's steps (bars.h), so an aggregated series and a chart's
  // Heikin-Ashi agree to the bit.
  HeikinAshiSteps steps;
  for (size_t i = 0; i < s.size(); ++i) {
    const HeikinAshiSteps::Candle ha = steps.Next(s.open[i], s.high[i], s.low[i], s.close[i]);
    out->Add(BarRow{rows.Time(i), ha.open, ha.high, ha.low, ha.close, rows.Volume(i),
                    static_cast<int64_t>(i)});
  }
  return absl::OkStatus();
}

absl::Status RenkoBars(const BarInput& in, double box, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The chart's steps (bars.h): one box to continue, two to reverse, bricks
  // on the grid c0 + m * box held as integers m, so a jump of k boxes is k
  // bricks counted in one step.
  RenkoSteps steps(s.close[0], box);
  Pending pending;
  pending.Add(0, rows.Volume(0));
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    const RenkoSteps::Run run = steps.Push(s.close[i]);
    if (run.count == 0) continue;
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    const int64_t t_first = rows.Time(first), t = rows.Time(i);
    out->AddMany(run.count, [&](uint64_t j) {
      const int64_t lo_box = run.LowBox(j);
      const double lo = steps.Edge(lo_box), hi = steps.Edge(lo_box + 1);
      return BarRow{j == 0 ? t_first : t, run.up ? lo : hi, hi, lo, run.up ? hi : lo,
                    j == 0 ? v : 0, static_cast<int64_t>(i)};
    });
  }
  return absl::OkStatus();
}

absl::Status PointFigureBars(const BarInput& in, double box, int32_t reversal, BarWriter* out) {
  const OhlcvView& s = in.series;
  const Rows rows(s);
  // The chart's steps (bars.h); this adds the rows and volume each column
  // covers: a column takes the pending rows whenever it grows, so it covers
  // the rows up to its last extension.
  struct Cover {
    size_t first = 0, last = 0;
    double volume = 0;
  };
  auto emit = [&](const PointFigureColumn& c, const Cover& cover) {
    const double lo = static_cast<double>(c.low_box) * box;
    const double hi = static_cast<double>(c.high_box + 1) * box;
    out->Add(BarRow{rows.Time(cover.first), c.rising ? lo : hi, hi, lo, c.rising ? hi : lo,
                    cover.volume, static_cast<int64_t>(cover.last)});
  };
  PointFigureSteps steps(s.close[0], box, reversal);
  Cover cover;
  Pending pending;
  pending.Add(0, rows.Volume(0));
  auto take = [&](size_t i, bool opening) {
    size_t first;
    double v;
    pending.Take(i, &first, &v);
    if (opening) {
      cover.first = first;
      cover.volume = v;
    } else {
      cover.volume += v;
    }
    cover.last = i;
  };
  for (size_t i = 1; i < s.size(); ++i) {
    pending.Add(i, rows.Volume(i));
    switch (steps.Push(i, s.close[i])) {
      case PointFigureSteps::Event::kNone:
        break;
      case PointFigureSteps::Event::kOpened:
        take(i, true);
        break;
      case PointFigureSteps::Event::kExtended:
        take(i, false);
        break;
      case PointFigureSteps::Event::kReversed:
        emit(steps.previous(), cover);
        take(i, true);
        break;
    }
  }
  if (steps.started()) emit(steps.current(), cover);
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
