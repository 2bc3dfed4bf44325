// Conversions from the C API's structs to the C++ core's types. Internal to
// the shim. Nothing here copies series data: column views stay views.
#ifndef CANDLEWICK_CAPI_CONVERT_H_
#define CANDLEWICK_CAPI_CONVERT_H_

#include "absl/status/status.h"
#include "capi/candlewick.h"
#include "capi/struct_size.h"
#include "cc/base/allocator.h"
#include "cc/chart/chart.h"
#include "cc/chart/chart_data.h"
#include "cc/series/ohlcv.h"

namespace candlewick {
namespace capi {

// The first published cw_chart_options layout ends with `allocator`
// (capi/shim.h, CW_FIELD_END); callers built against a newer header pass a
// larger struct, whose extra tail is ignored.
CW_FROZEN_V1_SIZE(kChartOptionsV1Size, cw_chart_options, allocator, 136);

OhlcvView ToView(const cw_ohlcv& s);
StridedView<double> ToView(const cw_f64_column& c);
StridedView<int64_t> ToView(const cw_i64_column& c);

// A render of the series alone (the first API's calls).
ChartData SeriesOnly(const cw_ohlcv& s);

// Maps and range-checks options (not the allocator, font or struct_size,
// which cw_chart_create checks first); the status says what is wrong.
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
