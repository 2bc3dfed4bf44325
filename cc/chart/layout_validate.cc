// ValidateChartData: the checks LayoutChart relies on beyond the OHLCV
// series' own (ValidateOhlcv).
#include "cc/chart/layout.h"

#include <cmath>
#include <cstddef>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

bool IsFiniteOrNan(double v) { return std::isfinite(v) || std::isnan(v); }

absl::Status CheckSeries(const char* what, size_t index, const StridedView<double>& v, size_t n,
                         bool optional) {
  if (v.is_null()) {
    if (optional && v.size() == 0) return absl::OkStatus();
    return Error(ErrorCode::kNullArgument, absl::StrCat(what, " ", index, " has no data"));
  }
  if (v.size() != n) {
    return Error(ErrorCode::kLengthMismatch,
                 absl::StrCat(what, " ", index, " has ", v.size(), " values but the series has ",
                              n, " rows"));
  }
  for (size_t i = 0; i < n; ++i) {
    if (!IsFiniteOrNan(v[i])) {
      return Error(ErrorCode::kNonFinite,
                   absl::StrCat(what, " ", index, " row ", i,
                                ": infinite value (use NaN for no value)"));
    }
  }
  return absl::OkStatus();
}

// Line and band edge widths: 0 (the chart's line width; for band edges,
// none) or the chart's own range for line_width.
absl::Status CheckWidth(const char* what, size_t index, float width) {
  if (width == 0 || (width >= 0.25f && width <= 64)) return absl::OkStatus();  // NaN fails
  return Error(ErrorCode::kInvalidArgument,
               absl::StrCat(what, " ", index, " width ", width, " must be 0 or in [0.25, 64]"));
}

}  // namespace

absl::Status ValidateChartData(const ChartData& d) {
  const size_t n = d.series.size();
  for (size_t i = 0; i < d.overlays.size(); ++i) {
    if (auto st = CheckSeries("overlay", i, d.overlays[i].values, n, false); !st.ok()) return st;
    if (auto st = CheckWidth("overlay", i, d.overlays[i].width); !st.ok()) return st;
  }
  for (size_t i = 0; i < d.bands.size(); ++i) {
    if (auto st = CheckSeries("band upper", i, d.bands[i].upper, n, false); !st.ok()) return st;
    if (auto st = CheckSeries("band lower", i, d.bands[i].lower, n, false); !st.ok()) return st;
    if (auto st = CheckWidth("band", i, d.bands[i].width); !st.ok()) return st;
  }
  if (d.panels.size() > kMaxPanels) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat(d.panels.size(), " panels; at most ", kMaxPanels, " are supported"));
  }
  for (size_t i = 0; i < d.panels.size(); ++i) {
    const Panel& p = d.panels[i];
    if (!(p.weight > 0) || !std::isfinite(p.weight)) {
      return Error(ErrorCode::kInvalidArgument,
                   absl::StrCat("panel ", i, " needs a positive height weight"));
    }
    if (!std::isfinite(p.min) || !std::isfinite(p.max)) {
      return Error(ErrorCode::kNonFinite, absl::StrCat("panel ", i, " has a non-finite min/max"));
    }
    for (size_t k = 0; k < p.lines.size(); ++k) {
      if (auto st = CheckSeries("panel line", k, p.lines[k].values, n, false); !st.ok()) return st;
      if (auto st = CheckWidth("panel line", k, p.lines[k].width); !st.ok()) return st;
    }
    if (auto st = CheckSeries("panel histogram", i, p.histogram, n, true); !st.ok()) return st;
    for (double level : p.levels) {
      if (!std::isfinite(level)) {
        return Error(ErrorCode::kNonFinite, absl::StrCat("panel ", i, " has a non-finite level"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace candlewick
