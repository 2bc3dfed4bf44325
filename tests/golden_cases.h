// The fixed charts whose pixels are committed under tests/golden/: every
// chart type in every theme (crisp), plus axes and text, antialiasing,
// overlays/bands/panels, dense data, and degenerate series. Shared by
// golden_test (which compares) and regenerate_golden (which rewrites them).
#ifndef CANDLEWICK_TESTS_GOLDEN_CASES_H_
#define CANDLEWICK_TESTS_GOLDEN_CASES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "tests/test_support.h"

namespace candlewick_test {

enum class GoldenData {
  kPlain,     // the series alone
  kExtras,    // + two moving averages, a band, an oscillator and a histogram panel
  kFlat,      // every price equal, no volume
  kSingle,    // one candle
  kGappy,     // overlays with NaN gaps
  // The time-axis series of data/synthetic.h, each with a named SMA 20
  // overlay (the legend) and an indicator panel (RSI 14; MACD 12 26 9 for
  // the crypto series), computed with the library's indicators:
  kIntradayNy,     // 3 sessions of 5-minute bars, New York, over a DST change
  kMinuteSession,  // 390 one-minute bars in one New York session
  kCryptoHourly,   // 24/7 hourly bars, UTC, MACD panel
  kDaily3m,        // daily bars over three months, plus a named Bollinger band
  kWeekly10y,      // weekly bars over ten years
  kDaily3mBare,    // the daily series alone (renko, point-and-figure)
};

struct GoldenCase {
  std::string name;  // file stem under tests/golden/
  cw_chart_options options;
  size_t candles;
  uint32_t seed;
  GoldenData data;
};

std::vector<GoldenCase> GoldenCases();

// The series of a case (the synthetic kinds: their own length; else
// MakeSeries(candles, seed)).
Series GoldenSeries(const GoldenCase& c);

// Renders a case into a tight frame of `format` (RGBA8 by default) or any
// encoded format; returns the cw_status.
cw_status RenderGolden(const GoldenCase& c, std::vector<uint8_t>* out,
                       int32_t format = CW_FORMAT_RGBA8);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_GOLDEN_CASES_H_
