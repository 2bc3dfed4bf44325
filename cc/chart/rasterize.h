// Turns a display list into pixels. Rectangles and column spans go straight
// to the Highway fill kernels; strokes (lines, polylines, rings) are first
// accumulated as coverage in a mask, so overlapping segments of one stroke
// never double-blend at their joints, then composited once: thresholded at
// 50% in crisp mode (exact palette colours only), blended in antialiased mode.
#ifndef CANDLEWICK_CC_CHART_RASTERIZE_H_
#define CANDLEWICK_CC_CHART_RASTERIZE_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "cc/base/allocator.h"
#include "cc/canvas/frame.h"
#include "cc/chart/display_list.h"

namespace candlewick {

// Draws text for the rasteriser; implemented over the text module.
// `value` is an RGBA pattern (4-byte frames) or a palette index (1-byte).
class TextPainter {
 public:
  virtual ~TextPainter() = default;
  virtual void Draw(const Frame& frame, absl::string_view utf8, float x, float y, int pixel_size,
                    TextAnchor anchor, uint32_t value, bool antialias) = 0;
};

// The pixels of one row a stroke touched: [x0, x1] on row y.
struct MaskSpan {
  int32_t y, x0, x1;
};

struct RasterScratch {
  explicit RasterScratch(const AllocatorHooks& hooks)
      : mask(HookAllocator<uint8_t>(hooks)),
        spans(HookAllocator<MaskSpan>(hooks)),
        rects(HookAllocator<FillRectItem>(hooks)),
        row(HookAllocator<uint8_t>(hooks)),
        work(HookAllocator<uint8_t>(hooks)),
        bars(HookAllocator<uint32_t>(hooks)),
        bar_done(HookAllocator<uint8_t>(hooks)) {}
  HookVector<uint8_t> mask;  // one coverage byte per frame pixel, kept zeroed
  // What the current stroke touched, so compositing visits those pixels
  // only (a line that crosses a row twice, far apart, does not make it
  // scan the row between).
  HookVector<MaskSpan> spans;
  // The leading rectangles, clipped, for one kernel call.
  HookVector<FillRectItem> rects;
  HookVector<uint8_t> row;  // background row template with vertical lines
  HookVector<uint8_t> work;  // the template row as bottom-aligned bars join it
  HookVector<uint32_t> bars;
  HookVector<uint8_t> bar_done;
};

// `antialias` needs a 4-byte frame. `text` may be null (text ops are then
// skipped). May throw std::bad_alloc when the scratch mask cannot grow.
void Rasterize(const DisplayList& list, const Frame& frame, bool antialias, TextPainter* text,
               RasterScratch* scratch);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_RASTERIZE_H_
