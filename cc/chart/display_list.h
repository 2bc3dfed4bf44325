// The display list: everything a chart draws, in drawing order, in pixel
// coordinates, with colours as indices into the chart's palette. The layout
// fills it once; the rasteriser turns it into RGBA or palette-index frames and
// the SVG writer into vector output, so every format shows the same picture.
#ifndef CANDLEWICK_CC_CHART_DISPLAY_LIST_H_
#define CANDLEWICK_CC_CHART_DISPLAY_LIST_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "cc/base/allocator.h"

namespace candlewick {

using ColorIndex = uint8_t;
using Rgba = uint32_t;  // 0xRRGGBBAA

enum class OpKind : uint8_t {
  kRect,      // filled rectangle on whole pixels [x0, x1) x [y0, y1)
  kLine,      // a stroke from (x0, y0) to (x1, y1), pixel centres at +0.5
  kPolyline,  // `count` points from the float pool, NaN y breaks the line
  kColumns,   // vertical spans per pixel column: an area or a band fill
  kCircle,    // a ring of radius r around (x0, y0)
  kText,      // a string from the text pool at (x0, y0)
};

enum class TextAnchor : uint8_t {
  kLeftBaseline,
  kCenterBaseline,
  kRightBaseline,
  kLeftMiddle,   // vertically centred on y
  kRightMiddle,
  kCenterTop,    // top of the text at y
};

struct DrawOp {
  OpKind kind;
  ColorIndex color;
  TextAnchor anchor;  // kText
  uint8_t reserved = 0;
  // kRect: x0,y0,x1,y1 are whole pixels. kLine: endpoints. kCircle: x0,y0 is
  // the centre and x1 the radius. kColumns: x0 is the first column.
  // kPolyline: when y1 > y0, the stroke is clipped to rows [y0, y1) (an
  // indicator panel's: a value beyond a fixed scale stays in its panel).
  float x0, y0, x1, y1;
  float width;      // stroke width (kLine, kPolyline, kCircle); text size (kText)
  uint32_t offset;  // into the float pool (kPolyline, kColumns) or text pool
  uint32_t count;   // points (kPolyline), columns (kColumns), bytes (kText)
};

// Colours of one chart: slot 0 is always the background.
class Palette {
 public:
  static constexpr int kMaxColors = 256;
  Palette() { colors_[0] = 0x000000FF; }
  void Reset(Rgba background) {
    size_ = 1;
    colors_[0] = background;
  }
  // The index of `color`, adding it when new; the last slot when full.
  ColorIndex Intern(Rgba color);
  Rgba operator[](ColorIndex i) const { return colors_[i]; }
  int size() const { return size_; }
  const Rgba* data() const { return colors_; }

 private:
  Rgba colors_[kMaxColors];
  int size_ = 1;
};

class DisplayList {
 public:
  explicit DisplayList(const AllocatorHooks& hooks)
      : ops_(HookAllocator<DrawOp>(hooks)),
        floats_(HookAllocator<float>(hooks)),
        text_(HookAllocator<char>(hooks)) {}

  void Clear(Rgba background) {
    ops_.clear();
    floats_.clear();
    text_.clear();
    palette_.Reset(background);
  }

  Palette& palette() { return palette_; }
  const Palette& palette() const { return palette_; }

  // Appends may throw std::bad_alloc when the hooks return NULL; the chart
  // turns that into CW_ERR_OUT_OF_MEMORY.
  void Rect(int32_t x0, int32_t y0, int32_t x1, int32_t y1, ColorIndex c);
  void Line(float x0, float y0, float x1, float y1, float width, ColorIndex c);
  // Points as x, y pairs; a NaN y ends one run and starts the next.
  // Clipped to rows [clip_top, clip_bottom) when clip_bottom > clip_top.
  void Polyline(const float* xy, uint32_t points, float width, ColorIndex c,
                int32_t clip_top = 0, int32_t clip_bottom = 0);
  // For each column x0 + k: fill from top[k] to bottom[k] (floats, rows);
  // NaN skips the column.
  void Columns(int32_t x0, const float* top, const float* bottom, uint32_t columns,
               ColorIndex c);
  void Circle(float cx, float cy, float radius, float width, ColorIndex c);
  void Text(absl::string_view text, float x, float y, float size, TextAnchor anchor,
            ColorIndex c);

  const std::vector<DrawOp, HookAllocator<DrawOp>>& ops() const { return ops_; }
  const float* floats(uint32_t offset) const { return floats_.data() + offset; }
  absl::string_view text(const DrawOp& op) const {
    return absl::string_view(text_.data() + op.offset, op.count);
  }

 private:
  std::vector<DrawOp, HookAllocator<DrawOp>> ops_;
  std::vector<float, HookAllocator<float>> floats_;
  std::vector<char, HookAllocator<char>> text_;
  Palette palette_;
};

// Slots narrower than a pixel (renko and point-and-figure charts with more
// boxes than columns; other charts aggregate such data to one slot a
// column) put runs of polyline points on one vertical line x = const. A
// run's segments cover exactly the span from its lowest to its highest
// point, so its first, lowest, highest and last points (in their order)
// stroke the same pixels with at most three segments, and a line's cost
// follows the plot's width, not the number of boxes (a line 64 pixels wide
// through 100,000 bricks took a second). `xy` holds `points` (x, y) pairs;
// a NaN y ends a run, as it breaks the line. Compacts them in place and
// returns how many are kept.
size_t KeepRunExtremes(float* xy, size_t points);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_DISPLAY_LIST_H_
