// Straightforward reference implementations of the bar aggregations, written
// for obviousness rather than speed and independently of the module's code:
// time bars by grouping rows in a std::map and walking the grid one interval
// at a time; volume bars by exploding integer volumes into unit trades;
// range bars by walking integer prices one unit at a time; kagi and line
// break by keeping every line in a vector. Inputs are plain vectors.
#ifndef CANDLEWICK_CC_BARS_AGGREGATE_REFERENCE_H_
#define CANDLEWICK_CC_BARS_AGGREGATE_REFERENCE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

#include "cc/bars/aggregate.h"

namespace candlewick {
namespace reference {

struct Table {
  std::vector<int64_t> t;
  std::vector<double> o, h, l, c, v;
  size_t size() const { return c.size(); }
};

inline BarRow Merge(const Table& in, size_t first, size_t last, int64_t time) {
  BarRow r;
  r.time = time;
  r.open = in.o[first];
  r.close = in.c[last];
  r.high = -std::numeric_limits<double>::infinity();
  r.low = std::numeric_limits<double>::infinity();
  r.volume = 0;
  for (size_t i = first; i <= last; ++i) {
    r.high = std::max(r.high, in.h[i]);
    r.low = std::min(r.low, in.l[i]);
    r.volume += in.v.empty() ? 1 : in.v[i];
  }
  r.row = static_cast<int64_t>(last);
  return r;
}

// Floor division that does not care about the sign.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

inline std::vector<BarRow> TimeBars(const Table& in, int64_t interval, int64_t offset,
                                    EmptyBars empty) {
  std::map<int64_t, std::vector<size_t>> groups;  // bucket index -> rows
  for (size_t i = 0; i < in.size(); ++i) {
    groups[FloorDiv(in.t[i] - offset, interval)].push_back(i);
  }
  std::vector<BarRow> out;
  if (groups.empty()) return out;
  const int64_t first = groups.begin()->first, last = groups.rbegin()->first;
  double prev_close = 0;
  for (int64_t k = first; k <= last; ++k) {
    auto it = groups.find(k);
    if (it != groups.end()) {
      out.push_back(Merge(in, it->second.front(), it->second.back(), k * interval + offset));
      prev_close = out.back().close;
    } else if (empty != EmptyBars::kSkip) {
      BarRow r;
      r.time = k * interval + offset;
      const double p = empty == EmptyBars::kNaN ? std::nan("") : prev_close;
      r.open = r.high = r.low = r.close = p;
      r.volume = 0;
      r.row = -1;
      out.push_back(r);
    }
  }
  return out;
}

inline std::vector<BarRow> TickBars(const Table& in, size_t count) {
  std::vector<BarRow> out;
  for (size_t i = 0; i < in.size(); i += count) {
    const size_t last = std::min(in.size(), i + count) - 1;
    out.push_back(Merge(in, i, last, in.t.empty() ? 0 : in.t[i]));
  }
  return out;
}

// Volumes must be whole numbers >= 1 and the threshold a whole number.
inline std::vector<BarRow> VolumeBarsSplit(const Table& in, double threshold) {
  // Each unit of volume is a trade at its row's prices; a bar is every
  // `threshold` consecutive units.
  std::vector<size_t> unit_row;
  for (size_t i = 0; i < in.size(); ++i) {
    for (int u = 0; u < static_cast<int>(in.v[i]); ++u) unit_row.push_back(i);
  }
  const size_t per = static_cast<size_t>(threshold);
  std::vector<BarRow> out;
  for (size_t u = 0; u < unit_row.size(); u += per) {
    const size_t end = std::min(unit_row.size(), u + per);
    BarRow r = Merge(in, unit_row[u], unit_row[end - 1], in.t[unit_row[u]]);
    r.volume = static_cast<double>(end - u);
    out.push_back(r);
  }
  return out;
}

inline std::vector<BarRow> VolumeBarsWhole(const Table& in, double threshold) {
  std::vector<BarRow> out;
  size_t first = 0;
  double sum = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    sum += in.v[i];
    if (sum >= threshold || i + 1 == in.size()) {
      out.push_back(Merge(in, first, i, in.t[first]));
      first = i + 1;
      sum = 0;
    }
  }
  return out;
}

// Ticks (one price per row) on integer prices with an integer range: walks
// from price to price one unit at a time; a bar completes the moment its
// high - low reaches the range, and the next opens at that price.
inline std::vector<BarRow> RangeBarsTicks(const Table& in, double range) {
  std::vector<BarRow> out;
  if (in.size() == 0) return out;
  BarRow bar;
  bool moved = true;
  size_t first = 0;
  auto open_at = [&](double p, size_t row) {
    bar.open = bar.high = bar.low = bar.close = p;
    bar.volume = 0;
    first = row;
  };
  open_at(in.c[0], 0);
  for (size_t i = 0; i < in.size(); ++i) {
    bar.volume += in.v.empty() ? 1 : in.v[i];
    bar.row = static_cast<int64_t>(i);
    const double target = in.c[i];
    if (i > 0 && target == bar.close) moved = true;
    double p = bar.close;
    while (p != target) {
      p += target > p ? 1 : -1;
      bar.high = std::max(bar.high, p);
      bar.low = std::min(bar.low, p);
      bar.close = p;
      moved = true;
      if (bar.high - bar.low >= range) {
        bar.time = in.t[first];
        bar.row = static_cast<int64_t>(i);
        out.push_back(bar);
        open_at(p, i);
        bar.row = static_cast<int64_t>(i);
        moved = false;
      }
    }
  }
  if (moved) {
    bar.time = in.t[first];
    out.push_back(bar);
  }
  return out;
}

struct Line {
  double start, end;
};

// Kagi on closes, absolute or percent reversal: the line list only.
inline std::vector<Line> Kagi(const std::vector<double>& c, double amount, bool percent) {
  std::vector<Line> lines;
  for (size_t i = 1; i < c.size(); ++i) {
    const double p = c[i];
    if (lines.empty()) {
      const double need = percent ? c[0] * amount / 100 : amount;
      if (std::fabs(p - c[0]) >= need) lines.push_back({c[0], p});
      continue;
    }
    Line& last = lines.back();
    const double need = percent ? last.end * amount / 100 : amount;
    const bool up = last.end > last.start;
    if ((up && p > last.end) || (!up && p < last.end)) {
      last.end = p;
    } else if (std::fabs(p - last.end) >= need) {
      lines.push_back({last.end, p});
    }
  }
  return lines;
}

// n-line break on closes: the line list only.
inline std::vector<Line> LineBreak(const std::vector<double>& c, size_t n) {
  std::vector<Line> lines;
  for (size_t i = 1; i < c.size(); ++i) {
    const double p = c[i];
    if (lines.empty()) {
      if (p != c[0]) lines.push_back({c[0], p});
      continue;
    }
    const Line last = lines.back();
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (size_t k = lines.size() - std::min(n, lines.size()); k < lines.size(); ++k) {
      lo = std::min({lo, lines[k].start, lines[k].end});
      hi = std::max({hi, lines[k].start, lines[k].end});
    }
    if (last.end > last.start) {
      if (p > last.end) lines.push_back({last.end, p});
      else if (p < lo) lines.push_back({last.start, p});
    } else {
      if (p < last.end) lines.push_back({last.end, p});
      else if (p > hi) lines.push_back({last.start, p});
    }
  }
  return lines;
}

}  // namespace reference
}  // namespace candlewick

#endif  // CANDLEWICK_CC_BARS_AGGREGATE_REFERENCE_H_
