// Highway dynamic dispatch: this file is compiled once per target by
// foreach_target.h; HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best at run time.
#include "cc/canvas/coverage.h"

#include <algorithm>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "cc/canvas/coverage.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace candlewick {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The reference's arithmetic (coverage_reference.h) one vector of pixels at
// a time. Rows are short (a few pixels for most segments), so each vector's
// bytes go through a small buffer and are merged into the row one by one:
// nothing is read or written past x_last.
void SegmentRowCoverageImpl(uint8_t* HWY_RESTRICT row, int32_t x_first, int32_t x_last, float yc,
                            const StrokeSegment& s) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const hn::Rebind<uint8_t, decltype(df)> du8;
  const size_t lanes = hn::Lanes(df);
  const auto zero = hn::Zero(df), one = hn::Set(df, 1.0f), half = hn::Set(df, 0.5f);
  const auto x0 = hn::Set(df, s.x0), y0 = hn::Set(df, s.y0);
  const auto dx = hn::Set(df, s.dx), dy = hn::Set(df, s.dy), len2 = hn::Set(df, s.len2);
  const auto vyc = hn::Set(df, yc), reach = hn::Set(df, s.hw + 0.5f), scale = hn::Set(df, 255.0f);
  const auto y_term = hn::Mul(hn::Sub(vyc, y0), dy);
  HWY_ALIGN uint8_t bytes[hn::MaxLanes(du8)];
  for (int32_t x = x_first; x <= x_last; x += static_cast<int32_t>(lanes)) {
    const auto xc = hn::Add(hn::ConvertTo(df, hn::Iota(di, x)), half);
    auto t = zero;
    if (s.len2 > 0) t = hn::Div(hn::Add(hn::Mul(hn::Sub(xc, x0), dx), y_term), len2);
    t = hn::Min(hn::Max(t, zero), one);
    const auto ex = hn::Sub(xc, hn::Add(x0, hn::Mul(dx, t)));
    const auto ey = hn::Sub(vyc, hn::Add(y0, hn::Mul(dy, t)));
    const auto d = hn::Sqrt(hn::Add(hn::Mul(ex, ex), hn::Mul(ey, ey)));
    const auto c = hn::Min(hn::Max(hn::Sub(reach, d), zero), one);
    const auto v = hn::ConvertTo(di, hn::Add(hn::Mul(c, scale), half));  // truncates
    hn::Store(hn::DemoteTo(du8, v), du8, bytes);
    const int32_t n = std::min<int32_t>(static_cast<int32_t>(lanes), x_last - x + 1);
    for (int32_t k = 0; k < n; ++k) row[x + k] = std::max(row[x + k], bytes[k]);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace candlewick
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace candlewick {

HWY_EXPORT(SegmentRowCoverageImpl);

void SegmentRowCoverage(uint8_t* row, int32_t x_first, int32_t x_last, float yc,
                        const StrokeSegment& s) {
  HWY_DYNAMIC_DISPATCH(SegmentRowCoverageImpl)(row, x_first, x_last, yc, s);
}

}  // namespace candlewick
#endif  // HWY_ONCE
