#include "cc/chart/rasterize.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "cc/canvas/coverage.h"
#include "cc/chart/theme.h"
#include "cc/text/blit.h"

namespace candlewick {
namespace {

// A float pixel coordinate to an integer, clamped first so the conversion is
// defined whatever the display list holds (the layout keeps coordinates
// within +-2^26; NaN becomes the lower bound).
inline int32_t FloorToInt(float v) {
  constexpr float kLimit = 1 << 30;
  if (v > kLimit) return 1 << 30;
  if (!(v >= -kLimit)) return -(1 << 30);
  return static_cast<int32_t>(std::floor(v));
}
inline int32_t CeilToInt(float v) { return -FloorToInt(-v); }

// Clips the segment (x0,y0)-(x1,y1) to the box [lo_x, hi_x] x [lo_y, hi_y]
// in double precision (Liang-Barsky); false when nothing is inside. Exact
// to far below a pixel for coordinates up to the layout's +-2^26; beyond,
// the result is still inside the box (the inputs are floats there, whose
// own spacing exceeds a pixel).
bool ClipSegment(double lo_x, double hi_x, double lo_y, double hi_y, float* x0, float* y0,
                 float* x1, float* y1) {
  // Both ends beyond the same side: nothing inside (the parametric test
  // below can lose that at 1e30).
  if ((*x0 < lo_x && *x1 < lo_x) || (*x0 > hi_x && *x1 > hi_x) || (*y0 < lo_y && *y1 < lo_y) ||
      (*y0 > hi_y && *y1 > hi_y)) {
    return false;
  }
  const double ax = *x0, ay = *y0, dx = static_cast<double>(*x1) - ax,
               dy = static_cast<double>(*y1) - ay;
  double t0 = 0, t1 = 1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {ax - lo_x, hi_x - ax, ay - lo_y, hi_y - ay};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const double r = q[k] / p[k];
    if (p[k] < 0) {
      t0 = std::max(t0, r);
    } else {
      t1 = std::min(t1, r);
    }
  }
  if (t0 > t1) return false;
  *x0 = static_cast<float>(std::clamp(ax + t0 * dx, lo_x, hi_x));
  *y0 = static_cast<float>(std::clamp(ay + t0 * dy, lo_y, hi_y));
  *x1 = static_cast<float>(std::clamp(ax + t1 * dx, lo_x, hi_x));
  *y1 = static_cast<float>(std::clamp(ay + t1 * dy, lo_y, hi_y));
  return true;
}

// Coverage of a pixel whose centre is `d` pixels from a stroke's centre line,
// for a stroke of half-width `hw`: a one-pixel ramp centred on the edge.
inline float Coverage(float d, float hw) { return std::clamp(hw + 0.5f - d, 0.0f, 1.0f); }

class StrokeMask {
 public:
  StrokeMask(const Frame& f, RasterScratch* s) : f_(f), s_(s) {
    const size_t pixels = static_cast<size_t>(f.width) * static_cast<size_t>(f.height);
    if (s_->mask.size() != pixels) s_->mask.assign(pixels, 0);
    s_->spans.clear();
  }

  // Rows [row_lo, row_hi] only: a polyline clipped to its panel.
  void Segment(float x0, float y0, float x1, float y1, float hw, int32_t row_lo = 0,
               int32_t row_hi = std::numeric_limits<int32_t>::max()) {
    const float reach = hw + 0.5f;
    // An end far outside the frame (a value far beyond a fixed panel scale)
    // would ruin the float arithmetic below: clip to the frame widened by
    // more than the stroke's reach, which changes no covered pixel (points
    // cut off are over a pixel beyond the reach of any pixel centre).
    const double margin = static_cast<double>(reach) + 2;
    const double lo_x = -margin, hi_x = f_.width + margin, lo_y = -margin,
                 hi_y = f_.height + margin;
    auto outside = [&](float x, float y) { return !(x >= lo_x && x <= hi_x && y >= lo_y && y <= hi_y); };
    if ((outside(x0, y0) || outside(x1, y1)) &&
        !ClipSegment(lo_x, hi_x, lo_y, hi_y, &x0, &y0, &x1, &y1)) {
      return;
    }
    const float dx = x1 - x0, dy = y1 - y0;
    const float len2 = dx * dx + dy * dy;
    const StrokeSegment segment{x0, y0, dx, dy, len2, hw};
    const int32_t row_first = std::max({0, row_lo, FloorToInt(std::min(y0, y1) - reach)});
    const int32_t row_last =
        std::min({f_.height - 1, row_hi, CeilToInt(std::max(y0, y1) + reach)});
    for (int32_t py = row_first; py <= row_last; ++py) {
      const float yc = py + 0.5f;
      // The part of the segment within `reach` rows of this row, widened by
      // `reach` for the caps and the stroke's own width.
      float xa = std::min(x0, x1), xb = std::max(x0, x1);
      if (std::fabs(dy) > 1e-6f) {
        float ta = (yc - reach - y0) / dy, tb = (yc + reach - y0) / dy;
        if (ta > tb) std::swap(ta, tb);
        ta = std::clamp(ta, 0.0f, 1.0f);
        tb = std::clamp(tb, 0.0f, 1.0f);
        xa = std::min(x0 + dx * ta, x0 + dx * tb);
        xb = std::max(x0 + dx * ta, x0 + dx * tb);
      }
      const int32_t col_first = std::max(0, FloorToInt(xa - reach));
      const int32_t col_last = std::min(f_.width - 1, CeilToInt(xb + reach));
      if (col_first > col_last) continue;
      // The pixels' coverage, a vector at a time (cc/canvas/coverage.h).
      SegmentRowCoverage(&s_->mask[static_cast<size_t>(py) * f_.width], col_first, col_last, yc,
                         segment);
      s_->spans.push_back({py, col_first, col_last});
    }
  }

  void Ring(float cx, float cy, float r, float hw) {
    const float reach = r + hw + 0.5f;
    const int32_t row_first = std::max(0, FloorToInt(cy - reach));
    const int32_t row_last = std::min(f_.height - 1, CeilToInt(cy + reach));
    const int32_t col_first = std::max(0, FloorToInt(cx - reach));
    const int32_t col_last = std::min(f_.width - 1, CeilToInt(cx + reach));
    if (col_first > col_last) return;
    for (int32_t py = row_first; py <= row_last; ++py) {
      uint8_t* row = &s_->mask[static_cast<size_t>(py) * f_.width];
      for (int32_t px = col_first; px <= col_last; ++px) {
        const float ex = px + 0.5f - cx, ey = py + 0.5f - cy;
        const float c = Coverage(std::fabs(std::sqrt(ex * ex + ey * ey) - r), hw);
        row[px] = std::max(row[px], static_cast<uint8_t>(c * 255.0f + 0.5f));
      }
      s_->spans.push_back({py, col_first, col_last});
    }
  }

  // Writes the accumulated stroke (its spans: the rows' ranges each
  // segment or ring touched) and clears the mask behind it.
  void Composite(Rgba color, uint32_t value, bool antialias) {
    const uint8_t src[4] = {static_cast<uint8_t>(color >> 24), static_cast<uint8_t>(color >> 16),
                            static_cast<uint8_t>(color >> 8), 0xFF};
    // Spans of one stroke may overlap (joints): a pixel is written at its
    // first visit, with its final coverage, and cleared, so later visits
    // skip it.
    for (const MaskSpan& span : s_->spans) {
      uint8_t* m = &s_->mask[static_cast<size_t>(span.y) * f_.width];
      uint8_t* row = f_.Row(span.y);
      for (int32_t x = span.x0; x <= span.x1; ++x) {
        const uint32_t a = m[x];
        if (a == 0) continue;
        m[x] = 0;
        if (!antialias) {
          if (a < 128) continue;
          if (f_.bytes_per_pixel == 4) {
            std::memcpy(row + 4 * x, &value, 4);
          } else {
            row[x] = static_cast<uint8_t>(value);
          }
          continue;
        }
        uint8_t* p = row + 4 * x;
        for (int c = 0; c < 3; ++c) p[c] = BlendChannel(src[c], p[c], a);
        p[3] = 0xFF;
      }
    }
    s_->spans.clear();
  }

 private:
  const Frame& f_;
  RasterScratch* s_;
};

// One pixel blended with coverage `a` (0..255) in antialiased RGBA frames.
void BlendPixel(const Frame& f, int32_t x, int32_t y, Rgba color, uint32_t a) {
  if (x < 0 || y < 0 || x >= f.width || y >= f.height || a == 0) return;
  uint8_t* p = f.Row(y) + 4 * x;
  const uint8_t src[3] = {static_cast<uint8_t>(color >> 24), static_cast<uint8_t>(color >> 16),
                          static_cast<uint8_t>(color >> 8)};
  for (int c = 0; c < 3; ++c) p[c] = BlendChannel(src[c], p[c], a);
}

void DrawColumns(const DisplayList& list, const DrawOp& op, const Frame& f, uint32_t value,
                 Rgba color, bool antialias) {
  const float* top = list.floats(op.offset);
  const float* bottom = top + op.count;
  const int32_t x0 = FloorToInt(op.x0);
  // Ends beyond the frame are cut to just outside it: the same pixels, and
  // the coverage arithmetic below stays in range.
  const float lo = -2, hi = static_cast<float>(f.height) + 2;
  for (uint32_t k = 0; k < op.count; ++k) {
    if (std::isnan(top[k]) || std::isnan(bottom[k]) || !(bottom[k] > top[k])) continue;
    const float t = std::clamp(top[k], lo, hi), b = std::clamp(bottom[k], lo, hi);
    const int64_t x64 = static_cast<int64_t>(x0) + k;
    if (x64 < 0 || x64 >= f.width) continue;
    const int32_t x = static_cast<int32_t>(x64);
    if (!antialias) {
      // One pixel wide: a plain store per row. (A kernel call per column
      // spent most of its time deciding how to fill a one-pixel row.)
      const int32_t y0 = std::max(0, FloorToInt(t + 0.5f));
      const int32_t y1 = std::min(f.height, FloorToInt(b + 0.5f));
      if (y0 >= y1) continue;
      uint8_t* p = f.Row(y0) + static_cast<size_t>(x) * static_cast<size_t>(f.bytes_per_pixel);
      for (int32_t y = y0; y < y1; ++y, p += f.stride) {
        if (f.bytes_per_pixel == 4) {
          std::memcpy(p, &value, 4);
        } else {
          *p = static_cast<uint8_t>(value);
        }
      }
      continue;
    }
    // Whole rows in full colour, the partly covered end rows blended.
    const int32_t full_top = CeilToInt(t);
    const int32_t full_bottom = FloorToInt(b);
    if (full_bottom < full_top) {  // a sliver inside one row
      BlendPixel(f, x, FloorToInt(t), color, static_cast<uint32_t>((b - t) * 255.0f + 0.5f));
      continue;
    }
    FillRect(f, x, full_top, x + 1, full_bottom, value);
    BlendPixel(f, x, full_top - 1, color, static_cast<uint32_t>((full_top - t) * 255.0f + 0.5f));
    BlendPixel(f, x, full_bottom, color, static_cast<uint32_t>((b - full_bottom) * 255.0f + 0.5f));
  }
}

// Draws the background and the display list's leading run of rectangles
// (grid, candles, volume: most of a chart) with one dispatched kernel call,
// in order, so overlaps resolve exactly as sequential drawing would.
// (Measured alternatives, both slower on 100 candles at 800x600: drawing in
// 16 KB bands, 2.8x the fill-only baseline, and row by row with an active
// set, 3.0x, against 1.9x for this; the stores are not the bottleneck the
// cache-miss argument suggests.)
// Returns the index of the first op not drawn.
// Bottom-aligned bars (a volume panel) are part of the background too: going
// down the panel, each bar joins the template row at its top row and stays
// to the bottom, so the panel is written as copies of a changing template
// row, one sequential pass, instead of a cache miss per row of every bar.
// Applies when the bars share their bottom row, do not overlap each other,
// and no other leading rectangle touches their region (so drawing order
// cannot matter). Marks the bars it drew in s->bar_done; returns false
// (having drawn nothing) when it does not apply.
bool DrawBottomAlignedBars(const Frame& f, const uint8_t* base_row, size_t row_bytes,
                           RasterScratch* s) {
  const auto& r = s->rects;
  int32_t bottom = 0;
  for (const FillRectItem& it : r) bottom = std::max(bottom, it.y1);
  s->bars.clear();
  int32_t gx0 = INT32_MAX, gx1 = INT32_MIN, gy0 = INT32_MAX;
  for (uint32_t k = 0; k < r.size(); ++k) {
    if (r[k].y1 != bottom) continue;
    s->bars.push_back(k);
    gx0 = std::min(gx0, r[k].x0);
    gx1 = std::max(gx1, r[k].x1);
    gy0 = std::min(gy0, r[k].y0);
  }
  if (s->bars.size() < 8) return false;
  for (const FillRectItem& it : r) {  // nothing else may touch the region
    if (it.y1 == bottom) continue;
    if (it.x0 < gx1 && it.x1 > gx0 && it.y0 < bottom && it.y1 > gy0) return false;
  }
  // Pairwise disjoint bars, ordered by top row (then by x, for determinism).
  std::sort(s->bars.begin(), s->bars.end(), [&](uint32_t a, uint32_t b) {
    return r[a].x0 < r[b].x0;
  });
  for (size_t k = 1; k < s->bars.size(); ++k) {
    if (r[s->bars[k]].x0 < r[s->bars[k - 1]].x1) return false;
  }
  std::sort(s->bars.begin(), s->bars.end(), [&](uint32_t a, uint32_t b) {
    return r[a].y0 != r[b].y0 ? r[a].y0 < r[b].y0 : r[a].x0 < r[b].x0;
  });
  s->work.assign(base_row, base_row + row_bytes);
  const Frame work{s->work.data(), f.width, 1, row_bytes, f.bytes_per_pixel};
  int32_t y = gy0;
  size_t next = 0;
  while (y < bottom) {
    while (next < s->bars.size() && r[s->bars[next]].y0 == y) {
      const FillRectItem& bar = r[s->bars[next++]];
      FillRect(work, bar.x0, 0, bar.x1, 1, bar.value);
    }
    const int32_t until = next < s->bars.size() ? r[s->bars[next]].y0 : bottom;
    CopyRowDown(f.Row(y), f.stride, static_cast<size_t>(until - y), s->work.data(), row_bytes);
    y = until;
  }
  s->bar_done.assign(r.size(), 0);
  for (uint32_t k : s->bars) s->bar_done[k] = 1;
  // The rows above the bars, and any below them, get the plain template.
  CopyRowDown(f.pixels, f.stride, static_cast<size_t>(gy0), base_row, row_bytes);
  CopyRowDown(f.Row(bottom), f.stride, static_cast<size_t>(f.height - bottom), base_row,
              row_bytes);
  return true;
}

// Draws the background and the display list's leading run of rectangles
// (grid, candles, volume: most of a chart), in order, so overlaps resolve
// exactly as sequential drawing would. The background, the vertical lines
// spanning the frame and bottom-aligned bars are written as copies of a
// template row (see above); the remaining rectangles go to one dispatched
// kernel call. (Measured alternatives, slower on 100 candles at 800x600:
// drawing everything in 16 KB bands, 2.8-3.1x the fill-only baseline, and
// row by row with an active set, 3.0x.)
// Returns the index of the first op not drawn.
size_t DrawBackgroundAndLeadingRects(const DisplayList& list, const Frame& f,
                                     const uint32_t* values, RasterScratch* s) {
  const auto& ops = list.ops();
  const size_t row_bytes = static_cast<size_t>(f.width) * static_cast<size_t>(f.bytes_per_pixel);
  // The template row: the background, then the rectangles spanning every
  // row right after it (vertical grid lines).
  auto full_height = [&](const DrawOp& op) {
    return op.kind == OpKind::kRect && op.y0 <= 0 && op.y1 >= static_cast<float>(f.height);
  };
  s->row.resize(row_bytes);
  const Frame row{s->row.data(), f.width, 1, row_bytes, f.bytes_per_pixel};
  FillRect(row, 0, 0, f.width, 1, values[0]);
  size_t i = 0;
  for (; i < ops.size() && full_height(ops[i]); ++i) {
    FillRect(row, static_cast<int32_t>(ops[i].x0), 0, static_cast<int32_t>(ops[i].x1), 1,
             values[ops[i].color]);
  }
  s->rects.clear();
  for (; i < ops.size() && ops[i].kind == OpKind::kRect; ++i) {
    const DrawOp& op = ops[i];
    const int32_t x0 = std::max(0, static_cast<int32_t>(op.x0));
    const int32_t y0 = std::max(0, static_cast<int32_t>(op.y0));
    const int32_t x1 = std::min(f.width, static_cast<int32_t>(op.x1));
    const int32_t y1 = std::min(f.height, static_cast<int32_t>(op.y1));
    if (x0 < x1 && y0 < y1) s->rects.push_back({x0, y0, x1, y1, values[op.color]});
  }
  if (DrawBottomAlignedBars(f, s->row.data(), row_bytes, s)) {
    // Keep the other rectangles, in order.
    size_t kept = 0;
    for (size_t k = 0; k < s->rects.size(); ++k) {
      if (!s->bar_done[k]) s->rects[kept++] = s->rects[k];
    }
    s->rects.resize(kept);
  } else {
    CopyRowDown(f.pixels, f.stride, static_cast<size_t>(f.height), s->row.data(), row_bytes);
  }
  if (f.bytes_per_pixel == 4) {
    FillRects32(f.pixels, f.stride, s->rects.data(), s->rects.size());
  } else {
    FillRects8(f.pixels, f.stride, s->rects.data(), s->rects.size());
  }
  return i;
}

}  // namespace

void Rasterize(const DisplayList& list, const Frame& frame, bool antialias, TextPainter* text,
               RasterScratch* scratch) {
  const Palette& pal = list.palette();
  antialias = antialias && frame.bytes_per_pixel == 4;
  uint32_t values[Palette::kMaxColors];
  for (int i = 0; i < pal.size(); ++i) {
    values[i] = frame.bytes_per_pixel == 4 ? RgbaPattern(pal[static_cast<ColorIndex>(i)])
                                           : static_cast<uint32_t>(i);
  }
  // Everything starts as background (the frame is fully written, so a
  // caller's buffer never keeps stale bytes), then the leading rectangles;
  // the remaining ops follow in order.
  const size_t first_other = DrawBackgroundAndLeadingRects(list, frame, values, scratch);
  // Made on the first stroke only: charts of rectangles never touch the mask.
  std::optional<StrokeMask> mask;
  auto stroke_mask = [&]() -> StrokeMask& {
    if (!mask) mask.emplace(frame, scratch);
    return *mask;
  };
  for (size_t i = first_other; i < list.ops().size(); ++i) {
    const DrawOp& op = list.ops()[i];
    const uint32_t value = values[op.color];
    const Rgba color = pal[op.color];
    switch (op.kind) {
      case OpKind::kRect:
        FillRect(frame, static_cast<int32_t>(op.x0), static_cast<int32_t>(op.y0),
                 static_cast<int32_t>(op.x1), static_cast<int32_t>(op.y1), value);
        break;
      case OpKind::kLine: {
        StrokeMask& m = stroke_mask();
        m.Segment(op.x0, op.y0, op.x1, op.y1, op.width * 0.5f);
        m.Composite(color, value, antialias);
        break;
      }
      case OpKind::kPolyline: {
        StrokeMask& m = stroke_mask();
        const float* p = list.floats(op.offset);
        const bool clipped = op.y1 > op.y0;
        const int32_t lo = clipped ? static_cast<int32_t>(op.y0) : 0;
        const int32_t hi = clipped ? static_cast<int32_t>(op.y1) - 1
                                   : std::numeric_limits<int32_t>::max();
        for (uint32_t i = 0; i < op.count; ++i) {
          const float x = p[2 * i], y = p[2 * i + 1];
          if (std::isnan(y)) continue;
          const bool has_next = i + 1 < op.count && !std::isnan(p[2 * i + 3]);
          const bool has_prev = i > 0 && !std::isnan(p[2 * i - 1]);
          if (has_next) {
            m.Segment(x, y, p[2 * i + 2], p[2 * i + 3], op.width * 0.5f, lo, hi);
          } else if (!has_prev) {
            m.Segment(x, y, x, y, op.width * 0.5f, lo, hi);  // an isolated value: a dot
          }
        }
        m.Composite(color, value, antialias);
        break;
      }
      case OpKind::kCircle: {
        StrokeMask& m = stroke_mask();
        m.Ring(op.x0, op.y0, op.x1, op.width * 0.5f);
        m.Composite(color, value, antialias);
        break;
      }
      case OpKind::kColumns:
        DrawColumns(list, op, frame, value, color, antialias);
        break;
      case OpKind::kText:
        if (text != nullptr) {
          text->Draw(frame, list.text(op), op.x0, op.y0, static_cast<int>(op.width), op.anchor,
                     value, antialias);
        }
        break;
    }
  }
}

}  // namespace candlewick
