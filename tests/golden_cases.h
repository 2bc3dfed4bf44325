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

namespace candlewick_test {

enum class GoldenData {
  kPlain,     // the series alone
  kExtras,    // + two moving averages, a band, an oscillator and a histogram panel
  kFlat,      // every price equal, no volume
  kSingle,    // one candle
  kGappy,     // overlays with NaN gaps
};

struct GoldenCase {
  std::string name;  // file stem under tests/golden/
  cw_chart_options options;
  size_t candles;
  uint32_t seed;
  GoldenData data;
};

std::vector<GoldenCase> GoldenCases();

// Renders a case into a tight frame of `format` (RGBA8 by default) or any
// encoded format; returns the cw_status.
cw_status RenderGolden(const GoldenCase& c, std::vector<uint8_t>* out,
                       int32_t format = CW_FORMAT_RGBA8);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_GOLDEN_CASES_H_
