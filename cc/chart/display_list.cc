#include "cc/chart/display_list.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace candlewick {

ColorIndex Palette::Intern(Rgba color) {
  for (int i = 0; i < size_; ++i) {
    if (colors_[i] == color) return static_cast<ColorIndex>(i);
  }
  if (size_ == kMaxColors) return static_cast<ColorIndex>(kMaxColors - 1);
  colors_[size_] = color;
  return static_cast<ColorIndex>(size_++);
}

namespace {

// An op of `kind` in colour `c` with the given geometry; every other field
// zero.
DrawOp MakeOp(OpKind kind, ColorIndex c, float x0, float y0, float x1, float y1, float width) {
  DrawOp op{};
  op.kind = kind;
  op.color = c;
  op.x0 = x0;
  op.y0 = y0;
  op.x1 = x1;
  op.y1 = y1;
  op.width = width;
  return op;
}

}  // namespace

void DisplayList::Rect(int32_t x0, int32_t y0, int32_t x1, int32_t y1, ColorIndex c) {
  if (x0 >= x1 || y0 >= y1) return;
  ops_.push_back(MakeOp(OpKind::kRect, c, static_cast<float>(x0), static_cast<float>(y0),
                        static_cast<float>(x1), static_cast<float>(y1), 0));
}

void DisplayList::Line(float x0, float y0, float x1, float y1, float width, ColorIndex c) {
  ops_.push_back(MakeOp(OpKind::kLine, c, x0, y0, x1, y1, width));
}

void DisplayList::Polyline(const float* xy, uint32_t points, float width, ColorIndex c,
                           int32_t clip_top, int32_t clip_bottom) {
  if (points == 0) return;
  DrawOp op = MakeOp(OpKind::kPolyline, c, 0, 0, 0, 0, width);
  if (clip_bottom > clip_top) {
    op.y0 = static_cast<float>(clip_top);
    op.y1 = static_cast<float>(clip_bottom);
  }
  op.offset = static_cast<uint32_t>(floats_.size());
  op.count = points;
  floats_.insert(floats_.end(), xy, xy + 2 * static_cast<size_t>(points));
  ops_.push_back(op);
}

void DisplayList::Columns(int32_t x0, const float* top, const float* bottom, uint32_t columns,
                          ColorIndex c) {
  if (columns == 0) return;
  DrawOp op = MakeOp(OpKind::kColumns, c, static_cast<float>(x0), 0, 0, 0, 0);
  op.offset = static_cast<uint32_t>(floats_.size());
  op.count = columns;
  floats_.insert(floats_.end(), top, top + columns);
  floats_.insert(floats_.end(), bottom, bottom + columns);
  ops_.push_back(op);
}

void DisplayList::Circle(float cx, float cy, float radius, float width, ColorIndex c) {
  ops_.push_back(MakeOp(OpKind::kCircle, c, cx, cy, radius, 0, width));
}

void DisplayList::Text(absl::string_view text, float x, float y, float size, TextAnchor anchor,
                       ColorIndex c) {
  if (text.empty()) return;
  DrawOp op = MakeOp(OpKind::kText, c, x, y, 0, 0, size);
  op.anchor = anchor;
  op.offset = static_cast<uint32_t>(text_.size());
  op.count = static_cast<uint32_t>(text.size());
  text_.insert(text_.end(), text.begin(), text.end());
  ops_.push_back(op);
}

// A run's segments lie on one vertical line and cover exactly its lowest to
// highest point, which its first, lowest, highest and last points (in
// order) cover too.
size_t KeepRunExtremes(float* xy, size_t points) {
  size_t kept = 0;
  auto keep = [&](size_t i) {
    xy[2 * kept] = xy[2 * i];
    xy[2 * kept + 1] = xy[2 * i + 1];
    ++kept;
  };
  size_t i = 0;
  while (i < points) {
    size_t end = i + 1;
    if (!std::isnan(xy[2 * i + 1])) {
      while (end < points && xy[2 * end] == xy[2 * i] && !std::isnan(xy[2 * end + 1])) ++end;
    }
    if (end - i <= 4) {
      for (size_t k = i; k < end; ++k) keep(k);
    } else {
      size_t lo = i, hi = i;
      for (size_t k = i + 1; k < end; ++k) {
        if (xy[2 * k + 1] < xy[2 * lo + 1]) lo = k;
        if (xy[2 * k + 1] > xy[2 * hi + 1]) hi = k;
      }
      // Ascending indices, each once: first <= min(lo, hi) <= max <= last.
      const size_t order[4] = {i, std::min(lo, hi), std::max(lo, hi), end - 1};
      for (size_t k = 0; k < 4; ++k) {
        if (k == 0 || order[k] != order[k - 1]) keep(order[k]);
      }
    }
    i = end;
  }
  return kept;
}

}  // namespace candlewick
