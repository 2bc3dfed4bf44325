// The one-pass (cache-blocked) kernels against the passes they replace, on
// every compiled Highway target: bit for bit, at lengths around the chunk
// and resync boundaries (a chunk less one row, a chunk, a chunk and one,
// several chunks and a remainder, a few rows past the lookback), on
// contiguous and strided columns, and every non-finite row rejected.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "cc/indicators/bit_testing.h"
#include "cc/indicators/kernels.h"
#include "gtest/gtest.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kChunk = 1024;  // the rows per chunk of the blocked kernels

// Lengths around the chunk boundaries for a window of n rows, the first
// chunk starting at row n.
std::vector<size_t> Lengths(size_t n) {
  std::vector<size_t> m = {n, n + 1, n + 6, n + 7, n + 8, n + 9, n + 63, n + 64, n + 65};
  for (size_t chunks : {1u, 2u, 3u}) {
    for (size_t extra : {0u, 1u, 2u, 5u, 8u}) {
      m.push_back(n + chunks * kChunk + extra);
      m.push_back(n + chunks * kChunk - extra);
    }
  }
  m.push_back(n + 5 * kChunk + 333);
  return m;
}

// The same values as a column of stride 3 doubles.
struct Strided {
  explicit Strided(const std::vector<double>& x) : data(x.size() * 3 + 1, kNaN) {
    for (size_t i = 0; i < x.size(); ++i) data[3 * i] = x[i];
  }
  StridedColumn column() const { return StridedColumn(data.data(), 3 * sizeof(double)); }
  std::vector<double> data;
};

using BlockedOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(BlockedOnEveryTarget);

// VAR and STDDEV: SmaInto (RollingSum by 1/n) then WindowVariance /
// WindowStddev, the variance times the factor.
template <bool kStddev>
void ExpectDispersionBits(size_t n, double factor) {
  const std::vector<double> x = RandomWalk(n + 6 * kChunk, 7 + n, 1000.0);
  for (size_t m : Lengths(n)) {
    const std::string tag = "n " + std::to_string(n) + " m " + std::to_string(m);
    std::vector<double> mean(m, kNaN), want(m, kNaN), got(m, kNaN), got_strided(m, kNaN);
    RollingSum(x.data(), m, n, 1.0 / static_cast<double>(n), mean.data());
    if (kStddev) {
      WindowStddev(x.data(), m, n, mean.data(), factor, want.data());
    } else {
      WindowVariance(x.data(), m, n, mean.data(), want.data());
      for (size_t i = n - 1; i < m; ++i) want[i] *= factor;
    }
    if (!WindowDispersionChecked<kStddev>(x.data(), m, n, factor, got.data())) {
      EXPECT_LT(m - (n - 1), 8u) << "declined " << tag;  // fewer windows than a vector
      continue;
    }
    EXPECT_TRUE(SameBits(got, want)) << tag;
    const Strided xs(std::vector<double>(x.begin(), x.begin() + m));
    ASSERT_TRUE(WindowDispersionChecked<kStddev>(xs.column(), m, n, factor, got_strided.data()));
    EXPECT_TRUE(SameBits(got_strided, want)) << "strided " << tag;
    for (size_t bad : {size_t{0}, n - 1, n, m / 2, m - 1}) {
      if (bad >= m) continue;
      std::vector<double> y(x.begin(), x.begin() + m);
      y[bad] = bad % 2 ? kNaN : HUGE_VAL;
      EXPECT_FALSE(WindowDispersionChecked<kStddev>(y.data(), m, n, factor, got.data()))
          << tag << " bad " << bad;
    }
  }
}

TEST_P(BlockedOnEveryTarget, OnePassVarianceHasTheBitsOfTheTwoPasses) {
  for (size_t n : {1u, 2u, 5u, 14u, 70u}) ExpectDispersionBits<false>(n, n == 5 ? 1.25 : 1.0);
}

TEST_P(BlockedOnEveryTarget, OnePassStddevHasTheBitsOfTheTwoPasses) {
  for (size_t n : {1u, 2u, 5u, 14u, 70u}) ExpectDispersionBits<true>(n, n == 14 ? 2.0 : 1.0);
}

// NATR in the ATR pass: the ATR kernel's bits, then RangeValue(kPercentOf)
// of each with the row's close (a few closes 0 on purpose).
TEST_P(BlockedOnEveryTarget, NormalizedAtrHasTheBitsOfAtrThenPercent) {
  const std::vector<double> c = RandomWalk(3 * kChunk, 3, 1000.0);
  std::vector<double> h(c.size()), l(c.size()), cz = c;
  for (size_t i = 0; i < c.size(); ++i) {
    h[i] = c[i] + 0.5 + 0.25 * std::sin(static_cast<double>(i));
    l[i] = c[i] - 0.75;
    if (i % 97 == 5) cz[i] = 0.0;
  }
  for (size_t n : {1u, 2u, 14u}) {
    for (size_t m : {n, n + 1, n + 2, n + 9, n + 17, size_t{1000}, c.size()}) {
      const std::string tag = "n " + std::to_string(n) + " m " + std::to_string(m);
      std::vector<double> want(m, kNaN), got(m, kNaN), got_checked(m, kNaN);
      WilderAverageTrueRange(h.data(), l.data(), cz.data(), m, n, 1.5, want.data());
      for (size_t i = n + 1; i < m; ++i) {
        want[i] = RangeValue(RangeOp::kPercentOf, want[i], 0, cz[i]);
      }
      EXPECT_TRUE(WilderNormalizedAverageTrueRange<false>(h.data(), l.data(), cz.data(), m, n, 1.5,
                                                          got.data()));
      EXPECT_TRUE(SameBits(got, want)) << tag;
      ASSERT_TRUE(WilderNormalizedAverageTrueRange<true>(h.data(), l.data(), cz.data(), m, n, 1.5,
                                                         got_checked.data()));
      EXPECT_TRUE(SameBits(got_checked, want)) << "checked " << tag;
      for (size_t bad = n + 1; bad < m; bad += 1 + m / 7) {
        std::vector<double> hb(h.begin(), h.begin() + m);
        hb[bad] = bad % 2 ? kNaN : l[bad] - 1.0;  // not finite, or high < low
        EXPECT_FALSE(WilderNormalizedAverageTrueRange<true>(hb.data(), l.data(), cz.data(), m, n,
                                                            1.5, got.data()))
            << tag << " bad " << bad;
      }
    }
  }
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
