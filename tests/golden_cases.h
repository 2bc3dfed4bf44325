// The fixed charts whose pixels are committed under tests/golden/. Shared by
// golden_test (which compares) and regenerate_golden (which rewrites them).
#ifndef CANDLEWICK_TESTS_GOLDEN_CASES_H_
#define CANDLEWICK_TESTS_GOLDEN_CASES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "capi/candlewick.h"

namespace candlewick_test {

struct GoldenCase {
  std::string name;  // file stem under tests/golden/
  cw_chart_options options;
  size_t candles;
  uint32_t seed;
};

std::vector<GoldenCase> GoldenCases();

// Renders a case to a tight RGBA8 frame; returns the cw_status.
cw_status RenderGolden(const GoldenCase& c, std::vector<uint8_t>* rgba);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_GOLDEN_CASES_H_
