#include "cc/bars/bars.h"

#include <algorithm>
#include <cmath>

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

void HeikinAshi(const OhlcvView& in, OhlcvColumns* out) {
  const size_t n = in.size();
  out->Resize(n, in.has_time(), in.has_volume());
  double prev_open = 0, prev_close = 0;
  for (size_t i = 0; i < n; ++i) {
    const double o = in.open[i], h = in.high[i], l = in.low[i], c = in.close[i];
    const double ha_close = (o + h + l + c) / 4;
    const double ha_open = i == 0 ? (o + c) / 2 : (prev_open + prev_close) / 2;
    out->open[i] = ha_open;
    out->close[i] = ha_close;
    out->high[i] = std::max({h, ha_open, ha_close});
    out->low[i] = std::min({l, ha_open, ha_close});
    if (in.has_time()) out->time[i] = in.time[i];
    if (in.has_volume()) out->volume[i] = in.volume[i];
    prev_open = ha_open;
    prev_close = ha_close;
  }
}

void AggregateToColumns(const OhlcvView& in, size_t columns, OhlcvColumns* out) {
  const size_t n = in.size();
  if (columns == 0 || columns > n) columns = n;
  out->Resize(columns, in.has_time(), in.has_volume());
  size_t row = 0;
  for (size_t col = 0; col < columns; ++col) {
    // Rows [begin, end) map to this column; every column gets at least one.
    const size_t end = (col + 1) * n / columns;
    const size_t begin = row;
    double h = in.high[begin], l = in.low[begin], v = 0;
    for (size_t i = begin; i < end; ++i) {
      h = std::max(h, in.high[i]);
      l = std::min(l, in.low[i]);
      if (in.has_volume()) v += in.volume[i];
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

void Renko(StridedView<double> close, double box, HookVector<RenkoBrick>* out) {
  out->clear();
  const size_t n = close.size();
  if (n == 0 || !(box > 0)) return;
  // The last brick's edges; before the first brick both sit at the first
  // close. Because a brick spans one box, "one box beyond the last brick"
  // continues a trend and automatically means "two boxes back" for a
  // reversal (e.g. after a rising brick, bottom == top - box), so the same
  // two loops handle both without tracking the direction.
  double top = close[0], bottom = close[0];
  for (size_t i = 1; i < n; ++i) {
    const double c = close[i];
    while (c >= top + box) {
      out->push_back({top, top + box, true, i});
      bottom = top;
      top += box;
    }
    while (c <= bottom - box) {
      out->push_back({bottom - box, bottom, false, i});
      top = bottom;
      bottom -= box;
    }
  }
}

void PointAndFigure(StridedView<double> close, double box, int reversal,
                    HookVector<PointFigureColumn>* out) {
  out->clear();
  const size_t n = close.size();
  if (n == 0 || !(box > 0) || reversal < 1) return;
  auto box_of = [&](double price) { return static_cast<int64_t>(std::floor(price / box)); };
  const int64_t start = box_of(close[0]);
  PointFigureColumn col{true, start, start, 0};
  bool started = false;
  for (size_t i = 1; i < n; ++i) {
    const int64_t b = box_of(close[i]);
    if (!started) {
      if (b > start) {
        col = {true, start + 1, b, i};
        started = true;
      } else if (b < start) {
        col = {false, b, start - 1, i};
        started = true;
      }
      continue;
    }
    if (col.rising) {
      if (b > col.high_box) {
        col.high_box = b;
      } else if (b <= col.high_box - reversal) {
        out->push_back(col);
        col = {false, b, col.high_box - 1, i};
      }
    } else {
      if (b < col.low_box) {
        col.low_box = b;
      } else if (b >= col.low_box + reversal) {
        out->push_back(col);
        col = {true, col.low_box + 1, b, i};
      }
    }
  }
  if (started) out->push_back(col);
}

}  // namespace candlewick
