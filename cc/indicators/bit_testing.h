// Test helpers shared by the kernel tests: a seeded random walk and a
// bit-for-bit comparison of columns (NaN equal to NaN of the same bits).
#ifndef CANDLEWICK_CC_INDICATORS_BIT_TESTING_H_
#define CANDLEWICK_CC_INDICATORS_BIT_TESTING_H_

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace candlewick {
namespace indicators {

// m steps of a standard normal walk from `start`, the same for a seed on
// every run (std::mt19937_64 and libstdc++'s normal_distribution).
inline std::vector<double> RandomWalk(size_t m, uint32_t seed, double start = 100.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::vector<double> x(m);
  double v = start;
  for (size_t i = 0; i < m; ++i) {
    v += step(rng);
    x[i] = v;
  }
  return x;
}

// The same size and the same bits in every row; names the first row that
// differs.
inline ::testing::AssertionResult SameBits(const std::vector<double>& got,
                                           const std::vector<double>& want) {
  if (got.size() == want.size() &&
      (got.empty() || std::memcmp(got.data(), want.data(), got.size() * sizeof(double)) == 0)) {
    return ::testing::AssertionSuccess();
  }
  for (size_t i = 0; i < got.size() && i < want.size(); ++i) {
    if (std::memcmp(&got[i], &want[i], sizeof(double)) != 0) {
      return ::testing::AssertionFailure() << "row " << i << " of " << want.size() << ": "
                                           << got[i] << " vs " << want[i];
    }
  }
  return ::testing::AssertionFailure() << "sizes " << got.size() << " vs " << want.size();
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_BIT_TESTING_H_
