// A borrowed OHLCV series and the checks every consumer relies on.
#ifndef CANDLEWICK_CC_SERIES_OHLCV_H_
#define CANDLEWICK_CC_SERIES_OHLCV_H_

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "cc/base/strided.h"

namespace candlewick {

struct OhlcvView {
  StridedView<int64_t> time;  // optional (is_null())
  StridedView<double> open;
  StridedView<double> high;
  StridedView<double> low;
  StridedView<double> close;
  StridedView<double> volume;  // optional (is_null())

  size_t size() const { return close.size(); }
  bool has_volume() const { return !volume.is_null(); }
  bool has_time() const { return !time.is_null(); }
};

// The extremes a chart scales by, gathered in the same pass as validation.
struct SeriesRange {
  double low = 0;          // lowest low
  double high = 0;         // highest high
  double max_volume = 0;   // 0 without a volume column
};

// Checks shape (required columns present, equal lengths, not empty) and every
// row (finite prices, low <= open, close <= high, finite volume >= 0), and
// returns the price and volume extremes. The first bad row is named in the
// message. Reads each column once, in place.
absl::Status ValidateOhlcv(const OhlcvView& series, SeriesRange* range);

// The error of a row of prices that fails CheckOhlcRow.
absl::Status OhlcRowError(size_t row, double open, double high, double low, double close);

// Row `row`'s prices: finite, and low <= open, close <= high (kNonFinite,
// kInconsistentOhlc).
inline absl::Status CheckOhlcRow(size_t row, double open, double high, double low,
                                 double close) {
  const bool finite =
      std::isfinite(open) && std::isfinite(high) && std::isfinite(low) && std::isfinite(close);
  if (finite && low <= open && open <= high && low <= close && close <= high) {
    return absl::OkStatus();
  }
  return OhlcRowError(row, open, high, low, close);
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_SERIES_OHLCV_H_
