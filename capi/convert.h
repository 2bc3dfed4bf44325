// Conversions from the C API's structs to the C++ core's types. Internal to
// the shim. Nothing here copies series data: column views stay views.
#ifndef CANDLEWICK_CAPI_CONVERT_H_
#define CANDLEWICK_CAPI_CONVERT_H_

#include <cstddef>

#include "absl/status/status.h"
#include "capi/candlewick.h"
#include "cc/base/allocator.h"
#include "cc/chart/chart.h"
#include "cc/chart/chart_data.h"
#include "cc/series/ohlcv.h"

namespace candlewick {
namespace capi {

OhlcvView ToView(const cw_ohlcv& s);
StridedView<double> ToView(const cw_f64_column& c);

// A render of the series alone (the first API's calls).
ChartData SeriesOnly(const cw_ohlcv& s);

// The size of the first published cw_chart_options layout (up to and
// including `allocator`); callers built against a newer header pass a
// larger struct, whose extra tail an older library ignores.
inline constexpr size_t kChartOptionsV1Size = offsetof(cw_chart_options, time_zone);

// Maps and checks every option (struct size, hooks, sizes, enums, ranges,
// the time zone, which it loads); the status carries a cw_status code and a
// message naming the problem. The font bytes are not checked here.
absl::Status ToChartOptions(const cw_chart_options& in, ChartOptions* out);

// Holds the converted overlay/band/panel arrays between renders, so a
// render converts without allocating once capacities are reached.
struct ChartDataStorage {
  explicit ChartDataStorage(const AllocatorHooks& hooks)
      : lines(HookAllocator<LineSeries>(hooks)),
        bands(HookAllocator<Band>(hooks)),
        panels(HookAllocator<Panel>(hooks)) {}
  HookVector<LineSeries> lines;  // overlays first, then every panel's lines
  HookVector<Band> bands;
  HookVector<Panel> panels;
};

// Converts `in` into `out`, whose spans point into `storage`. Returns a
// cw_status and, on failure, a message in `message` (static text).
cw_status ToChartData(const cw_chart_data& in, ChartDataStorage* storage, ChartData* out,
                      const char** message);

}  // namespace capi
}  // namespace candlewick

#endif  // CANDLEWICK_CAPI_CONVERT_H_
