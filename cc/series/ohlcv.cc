#include "cc/series/ohlcv.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

absl::Status CheckColumn(const char* name, bool present, bool null_data,
                         size_t length, size_t expected) {
  if (!present) return absl::OkStatus();
  if (null_data && length != 0) {
    return Error(ErrorCode::kNullArgument,
                 absl::StrCat("column '", name, "' has length ", length,
                              " but a NULL data pointer"));
  }
  if (length != expected) {
    return Error(ErrorCode::kLengthMismatch,
                 absl::StrCat("column '", name, "' has ", length,
                              " rows but 'close' has ", expected));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status OhlcRowError(size_t i, double o, double h, double l, double c) {
  if (!std::isfinite(o) || !std::isfinite(h) || !std::isfinite(l) || !std::isfinite(c)) {
    return Error(ErrorCode::kNonFinite,
                 absl::StrCat("row ", i, ": prices must be finite (open=", o,
                              " high=", h, " low=", l, " close=", c, ")"));
  }
  if (h < l) {
    return Error(ErrorCode::kInconsistentOhlc,
                 absl::StrCat("row ", i, ": high ", h, " is below low ", l));
  }
  return Error(ErrorCode::kInconsistentOhlc,
               absl::StrCat("row ", i, ": open ", o, " and close ", c,
                            " must lie within [low ", l, ", high ", h, "]"));
}

absl::Status ValidateOhlcv(const OhlcvView& s, SeriesRange* range) {
  const struct {
    const char* name;
    const StridedView<double>& column;
  } required[] = {{"open", s.open}, {"high", s.high}, {"low", s.low}, {"close", s.close}};
  for (const auto& r : required) {
    if (r.column.is_null()) {
      return Error(ErrorCode::kNullArgument,
                   absl::StrCat("required column '", r.name, "' is NULL"));
    }
  }
  const size_t n = s.close.size();
  if (n == 0) return Error(ErrorCode::kEmptySeries, "the series has no rows");
  for (const auto& r : required) {
    if (auto st = CheckColumn(r.name, true, false, r.column.size(), n); !st.ok()) return st;
  }
  // Optional columns: NULL data with length 0 means "absent".
  if (auto st = CheckColumn("time", !(s.time.is_null() && s.time.size() == 0),
                            s.time.is_null(), s.time.size(), n);
      !st.ok()) {
    return st;
  }
  if (auto st = CheckColumn("volume", !(s.volume.is_null() && s.volume.size() == 0),
                            s.volume.is_null(), s.volume.size(), n);
      !st.ok()) {
    return st;
  }

  double lo = INFINITY, hi = -INFINITY, vmax = 0;
  for (size_t i = 0; i < n; ++i) {
    const double h = s.high[i], l = s.low[i];
    if (auto st = CheckOhlcRow(i, s.open[i], h, l, s.close[i]); !st.ok()) return st;
    if (l < lo) lo = l;
    if (h > hi) hi = h;
  }
  if (s.has_volume()) {
    for (size_t i = 0; i < n; ++i) {
      const double v = s.volume[i];
      if (!std::isfinite(v)) {
        return Error(ErrorCode::kNonFinite,
                     absl::StrCat("row ", i, ": volume must be finite, got ", v));
      }
      if (v < 0) {
        return Error(ErrorCode::kNegativeVolume,
                     absl::StrCat("row ", i, ": volume ", v, " is negative"));
      }
      if (v > vmax) vmax = v;
    }
  }
  if (range != nullptr) {
    range->low = lo;
    range->high = hi;
    range->max_volume = vmax;
  }
  return absl::OkStatus();
}

}  // namespace candlewick
