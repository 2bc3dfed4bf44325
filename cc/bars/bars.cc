#include "cc/bars/bars.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"

#include "cc/indicators/volatility/scalar.h"

namespace candlewick {

void OhlcvColumns::Clear() {
  time.clear();
  open.clear();
  high.clear();
  low.clear();
  close.clear();
  volume.clear();
}

void OhlcvColumns::Resize(size_t n, bool with_time, bool with_volume) {
  time.resize(with_time ? n : 0);
  open.resize(n);
  high.resize(n);
  low.resize(n);
  close.resize(n);
  volume.resize(with_volume ? n : 0);
}

OhlcvView OhlcvColumns::View() const {
  OhlcvView v;
  const size_t n = size();
  if (!time.empty()) v.time = {time.data(), n, 0};
  v.open = {open.data(), n, 0};
  v.high = {high.data(), n, 0};
  v.low = {low.data(), n, 0};
  v.close = {close.data(), n, 0};
  if (!volume.empty()) v.volume = {volume.data(), n, 0};
  return v;
}

namespace {

// Means that cannot overflow: the plain expression (bit for bit what a
// textbook formula gives) whenever it is finite, else from halves/quarters
// (exact scalings), which only prices near the largest double need.
double Mean2(double a, double b) {
  const double m = (a + b) / 2;
  return std::isfinite(m) ? m : a * 0.5 + b * 0.5;
}
double Mean4(double a, double b, double c, double d) {
  const double m = (a + b + c + d) / 4;
  return std::isfinite(m) ? m : a * 0.25 + b * 0.25 + c * 0.25 + d * 0.25;
}

}  // namespace

HeikinAshiSteps::Candle HeikinAshiSteps::Next(double o, double h, double l, double c) {
  const double ha_close = Mean4(o, h, l, c);
  const double ha_open = first_ ? Mean2(o, c) : Mean2(prev_open_, prev_close_);
  first_ = false;
  prev_open_ = ha_open;
  prev_close_ = ha_close;
  return {ha_open, std::max({h, ha_open, ha_close}), std::min({l, ha_open, ha_close}), ha_close};
}

void HeikinAshi(const OhlcvView& in, OhlcvColumns* out) {
  const size_t n = in.size();
  out->Resize(n, in.has_time(), in.has_volume());
  HeikinAshiSteps steps;
  for (size_t i = 0; i < n; ++i) {
    const HeikinAshiSteps::Candle ha = steps.Next(in.open[i], in.high[i], in.low[i], in.close[i]);
    out->open[i] = ha.open;
    out->high[i] = ha.high;
    out->low[i] = ha.low;
    out->close[i] = ha.close;
    if (in.has_time()) out->time[i] = in.time[i];
    if (in.has_volume()) out->volume[i] = in.volume[i];
  }
}

void AggregateToColumns(const OhlcvView& in, size_t columns, OhlcvColumns* out) {
  const size_t n = in.size();
  if (columns == 0 || columns > n) columns = n;
  out->Resize(columns, in.has_time(), in.has_volume());
  constexpr double kMax = std::numeric_limits<double>::max();
  size_t row = 0;
  for (size_t col = 0; col < columns; ++col) {
    // Rows [begin, end) map to this column; every column gets at least one.
    const size_t end = (col + 1) * n / columns;
    const size_t begin = row;
    double h = in.high[begin], l = in.low[begin], v = 0;
    for (size_t i = begin; i < end; ++i) {
      h = std::max(h, in.high[i]);
      l = std::min(l, in.low[i]);
      if (in.has_volume()) {
        v += in.volume[i];
        if (v > kMax) v = kMax;  // saturates: volumes are finite and >= 0
      }
    }
    out->open[col] = in.open[begin];
    out->close[col] = in.close[end - 1];
    out->high[col] = h;
    out->low[col] = l;
    if (in.has_time()) out->time[col] = in.time[begin];
    if (in.has_volume()) out->volume[col] = v;
    row = end;
  }
}

double AverageTrueRange(const OhlcvView& in, size_t period) {
  const size_t n = in.size();
  if (n == 0 || period == 0) return 0;
  if (n <= period) {
    // Too short for TA-Lib's ATR: the mean true range, bar 0's being h - l.
    double sum = in.high[0] - in.low[0];
    for (size_t i = 1; i < n; ++i) {
      sum += indicators::TrueRangeValue(in.high[i], in.low[i], in.close[i - 1]);
    }
    return sum / static_cast<double>(n);
  }
  // TA-Lib's ATR, the indicators' own (cc/indicators/volatility/scalar.h).
  indicators::WilderAtr atr(period);
  double value = 0;
  for (size_t i = 0; i < n; ++i) atr.Push(in.high[i], in.low[i], in.close[i], &value);
  return value;
}

absl::Status CheckBoxAgainstPrices(const char* what, double box, double max_abs_price) {
  if (max_abs_price / box > kMaxBoxesFromZero) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat(what, " ", box, " is too small for prices up to ", max_abs_price,
                              " in magnitude (more than 2^52 boxes from zero)"));
  }
  return absl::OkStatus();
}

double MaxAbs(const StridedView<double>& v) {
  double m = 0;
  for (size_t i = 0; i < v.size(); ++i) m = std::max(m, std::fabs(v[i]));
  return m;
}

RenkoSteps::Run RenkoSteps::Push(double c) {
  const double q = BoxesBetween(c0_, c, box_);  // boxes from the first close
  const int64_t up_to = static_cast<int64_t>(std::floor(q));
  const int64_t down_to = static_cast<int64_t>(std::ceil(q));
  Run run;
  if (up_to >= top_ + 1) {
    const int64_t k = up_to - top_;
    run = {static_cast<uint64_t>(k), true, top_};  // bricks [from + j, from + j + 1]
    bottom_ = top_ + k - 1;
    top_ += k;
  } else if (down_to <= bottom_ - 1) {
    const int64_t k = bottom_ - down_to;
    run = {static_cast<uint64_t>(k), false, bottom_};  // bricks [from - j - 1, from - j]
    top_ = bottom_ - k + 1;
    bottom_ -= k;
  }
  return run;
}

double RenkoSteps::Edge(int64_t box_index) const {
  // Edges lie between two closes.
  return GridEdge(c0_, static_cast<double>(box_index), box_);
}

double BoxesBetween(double from, double to, double box) {
  const bool huge = !(std::fabs(to) < kHugePrice && std::fabs(from) < kHugePrice);
  return huge ? to / box - from / box : (to - from) / box;
}

double GridEdge(double base, double k, double box) {
  const double e = base + k * box;
  if (std::isfinite(e) && std::fabs(base) < kHugePrice) return e;
  // In halves, so that an edge near the largest double is not lost to an
  // overflow of the sum; an edge beyond it is the largest double (the brick
  // is cut at the end of the number line, as point-and-figure's boxes are).
  const double half = base * 0.5 + k * (box * 0.5);
  constexpr double kMax = std::numeric_limits<double>::max();
  if (std::fabs(half) > kMax * 0.5) return std::copysign(kMax, half);
  return half * 2;
}

void Renko(StridedView<double> close, double box, HookVector<RenkoBrick>* out) {
  out->clear();
  const size_t n = close.size();
  if (n == 0 || !(box > 0)) return;
  RenkoSteps steps(close[0], box);
  for (size_t i = 1; i < n; ++i) {
    const RenkoSteps::Run run = steps.Push(close[i]);
    for (uint64_t j = 0; j < run.count; ++j) {
      const int64_t lo = run.LowBox(j);
      out->push_back({steps.Edge(lo), steps.Edge(lo + 1), run.up, i});
    }
  }
}

PointFigureSteps::PointFigureSteps(double first_close, double box, int32_t reversal)
    : box_(box), reversal_(reversal), start_(0) {
  start_ = BoxOf(first_close);
  col_ = {true, start_, start_, 0};
}

PointFigureSteps::Event PointFigureSteps::Push(size_t row, double close) {
  const int64_t b = BoxOf(close);
  if (!started_) {
    if (b == start_) return Event::kNone;
    col_ = b > start_ ? PointFigureColumn{true, start_ + 1, b, row}
                      : PointFigureColumn{false, b, start_ - 1, row};
    started_ = true;
    return Event::kOpened;
  }
  if (col_.rising) {
    if (b > col_.high_box) {
      col_.high_box = b;
      return Event::kExtended;
    }
    if (b <= col_.high_box - reversal_) {
      prev_ = col_;
      col_ = {false, b, prev_.high_box - 1, row};
      return Event::kReversed;
    }
  } else {
    if (b < col_.low_box) {
      col_.low_box = b;
      return Event::kExtended;
    }
    if (b >= col_.low_box + reversal_) {
      prev_ = col_;
      col_ = {true, prev_.low_box + 1, b, row};
      return Event::kReversed;
    }
  }
  return Event::kNone;
}

double PointFigureEdge(int64_t box_index, double box) {
  constexpr double kMax = std::numeric_limits<double>::max();
  return std::clamp(static_cast<double>(box_index) * box, -kMax, kMax);
}

void PointAndFigure(StridedView<double> close, double box, int reversal,
                    HookVector<PointFigureColumn>* out) {
  out->clear();
  const size_t n = close.size();
  if (n == 0 || !(box > 0) || reversal < 1) return;
  PointFigureSteps steps(close[0], box, reversal);
  for (size_t i = 1; i < n; ++i) {
    if (steps.Push(i, close[i]) == PointFigureSteps::Event::kReversed) {
      out->push_back(steps.previous());
    }
  }
  if (steps.started()) out->push_back(steps.current());
}

namespace {

uint64_t Boxes(const PointFigureColumn& c) {
  return static_cast<uint64_t>(c.high_box - c.low_box) + 1;
}

// What a chart would draw with `box`, counted without storing anything;
// stops once past `limit` (returning limit + 1).
uint64_t CountChartBoxes(StridedView<double> close, bool renko, double box, int32_t reversal,
                         uint64_t limit) {
  const size_t n = close.size();
  if (n == 0) return 0;
  uint64_t done = 0;
  if (renko) {
    RenkoSteps steps(close[0], box);
    for (size_t i = 1; i < n; ++i) {
      done += steps.Push(close[i]).count;  // each run < 2^54: no wrap
      if (done > limit) return limit + 1;
    }
    return done;
  }
  PointFigureSteps steps(close[0], box, reversal);
  for (size_t i = 1; i < n; ++i) {
    if (steps.Push(i, close[i]) == PointFigureSteps::Event::kReversed) {
      done += Boxes(steps.previous());
    }
    if (steps.started() && done + Boxes(steps.current()) > limit) return limit + 1;
  }
  return steps.started() ? done + Boxes(steps.current()) : 0;
}

}  // namespace

absl::StatusOr<double> ChartBoxSize(const OhlcvView& in, bool renko, double requested,
                                    int32_t reversal, uint64_t max_boxes) {
  const double max_abs = MaxAbs(in.close);
  const char* what = renko ? "renko bricks" : "point-and-figure boxes (X's and O's)";
  if (requested > 0) {
    if (absl::Status st = CheckBoxAgainstPrices("box size", requested, max_abs); !st.ok()) {
      return st;
    }
    if (CountChartBoxes(in.close, renko, requested, reversal, max_boxes) > max_boxes) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("box size ", requested, " makes more than ", max_boxes, " ",
                                what, " of this series, the most one chart draws; choose a "
                                "larger box (or 0 for the automatic one)"));
    }
    return requested;
  }
  constexpr double kMax = std::numeric_limits<double>::max();
  double box = AverageTrueRange(in, 14);
  // A flat series has no true range; any positive box gives one empty
  // chart, so pick one relative to the price level.
  if (!(box > 0)) box = std::max(std::fabs(in.close[0]) * 0.01, 1e-9);
  box = std::min(box, kMax);
  box = std::max(box, max_abs / kMaxBoxesFromZero);  // exact: a power of two
  // Each doubling roughly halves the count; a count that is far over the
  // limit is over it within the first rows, so those passes are short.
  for (;;) {
    if (CountChartBoxes(in.close, renko, box, reversal, max_boxes) <= max_boxes) return box;
    if (box == kMax) break;
    box = std::min(box * 2, kMax);
  }
  // Only a one-box reversal of closes alternating across zero gets here.
  return Error(ErrorCode::kInvalidArgument,
               absl::StrCat("this series makes more than ", max_boxes, " ", what,
                            " with any box size, the most one chart draws"));
}

}  // namespace candlewick
