// The indicators computed block by block (EmaChain: DEMA, TEMA, TRIX; the
// ADOSC kernel; the WMA's direct sums overlapped with the slides) against
// the whole-column passes they replace, bit for bit, on every compiled
// Highway target: lengths just above the lookback, around one and several
// blocks, and periods longer than a block (seeds spanning blocks).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "cc/base/strided.h"
#include "cc/indicators/bit_testing.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/kernels.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace indicators {
namespace {

// K whole-column EmaInto passes, each of the one before (the previous DEMA,
// TEMA and TRIX code): e[k] has its first value at (k+1)(n-1).
std::vector<std::vector<double>> WholeColumnEmas(const std::vector<double>& x, size_t n,
                                                 size_t k_count) {
  const size_t m = x.size();
  std::vector<std::vector<double>> e(k_count, std::vector<double>(m, kNaN));
  EmaInto(x.data(), m, n, e[0].data());
  for (size_t k = 1; k < k_count; ++k) {
    const size_t from = k * (n - 1);
    EmaInto(e[k - 1].data() + from, m - from, n, e[k].data() + from);
  }
  return e;
}

std::vector<double> RunOne(Id id, const std::vector<double>& x, double period) {
  Workspace ws(AllocatorHooks::Default());
  std::vector<double> out(x.size(), -1.0);
  const StridedView<double> in(x.data(), x.size(), 0);
  double* ptr = out.data();
  EXPECT_TRUE(Compute(id, {&in, 1}, {period}, {&ptr, 1}, x.size(), &ws).ok());
  return out;
}

// Lengths around the block seams and just past each lookback.
std::vector<size_t> Lengths(size_t lookback) {
  const size_t b = kEmaChainBlock;
  std::vector<size_t> ms = {b - 1, b, b + 1, 2 * b + 7, 3 * b + 5, 5 * b + 123};
  for (size_t extra = 1; extra <= 20; ++extra) ms.push_back(lookback + extra);
  for (size_t extra : {b - 9, b - 1, b, b + 1, b + 8, 2 * b + 3}) ms.push_back(lookback + extra);
  return ms;
}

using BlockedOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(BlockedOnEveryTarget);

TEST_P(BlockedOnEveryTarget, EmaChainsGiveTheWholeColumnBits) {
  for (size_t n : {2, 3, 30, 257, 3000}) {
    for (size_t m : Lengths(3 * (n - 1) + 1)) {
      if (m <= 3 * (n - 1) + 1) continue;
      const std::vector<double> x = RandomWalk(m, static_cast<uint32_t>(n * 7919 + m), 1000.0);
      const auto e = WholeColumnEmas(x, n, 3);
      std::vector<double> dema(m, kNaN), tema(m, kNaN), trix(m, kNaN);
      for (size_t i = 2 * (n - 1); i < m; ++i) dema[i] = 2.0 * e[0][i] - e[1][i];
      for (size_t i = 3 * (n - 1); i < m; ++i) tema[i] = 3.0 * e[0][i] - 3.0 * e[1][i] + e[2][i];
      const size_t lb = 3 * (n - 1) + 1;
      LagTransformChecked(LagOp::kRoc, e[2].data() + (lb - 1), m - lb + 1, 1,
                          trix.data() + (lb - 1));
      const std::string at = " n=" + std::to_string(n) + " m=" + std::to_string(m);
      const double p = static_cast<double>(n);
      EXPECT_TRUE(SameBits(RunOne(Id::kDema, x, p), dema)) << "dema" << at;
      EXPECT_TRUE(SameBits(RunOne(Id::kTema, x, p), tema)) << "tema" << at;
      EXPECT_TRUE(SameBits(RunOne(Id::kTrix, x, p), trix)) << "trix" << at;
    }
  }
}

// The previous WmaInto: one stretch at a time, its direct sum first.
std::vector<double> OneStretchAtATime(const std::vector<double>& x, size_t n) {
  const size_t m = x.size();
  std::vector<double> out(m, kNaN);
  const double divider = WmaDivider(n), dn = static_cast<double>(n);
  for (size_t i = n - 1; i < m;) {
    WmaSums sums;
    for (size_t k = 0; k < n; ++k) sums.AddDirect(k, x[i + 1 - n + k]);
    out[i++] = sums.weighted / divider;
    for (const size_t end = std::min(m, i + WmaResyncInterval(n)); i < end; ++i) {
      sums.Slide(dn, x[i], x[i - n]);
      out[i] = sums.weighted / divider;
    }
  }
  return out;
}

TEST(BlockedWma, OverlappedDirectSumsGiveTheBitsOfOneStretchAtATime) {
  for (size_t n : {1, 2, 5, 30, 64, 65, 200}) {
    const size_t stretch = WmaResyncInterval(n) + 1;
    std::vector<size_t> ms = {n, n + 1, n + 7};
    for (size_t k : {1, 2, 3, 17}) {
      for (size_t extra : {0, 1, 2}) ms.push_back(n - 1 + k * stretch - 1 + extra);
    }
    for (size_t m : ms) {
      const std::vector<double> x = RandomWalk(m, static_cast<uint32_t>(n * 31 + m), 1000.0);
      std::vector<double> got(m, kNaN);
      WmaInto(x.data(), m, n, got.data());
      EXPECT_TRUE(SameBits(got, OneStretchAtATime(x, n))) << "n=" << n << " m=" << m;
    }
  }
}

// ADOSC's kernel in blocks (the A/D scan of a block beside the EMAs of the
// block before it): the bits of the previous kernel, which fed each A/D vector straight to the
// EMAs, recorded per target as a hash of every output over these lengths
// (block seams at 512 rows) and two fast periods.
uint64_t AdOscHash() {
  uint64_t hash = 0xcbf29ce484222325u;  // FNV-1a over the output bytes
  Workspace ws(AllocatorHooks::Default());
  for (size_t m : {1, 2, 9, 100, 511, 512, 513, 514, 1025, 5000, 100003}) {
    std::vector<double> h = RandomWalk(m, 1, 1000.0), l(m), c(m), v(m);
    for (size_t i = 0; i < m; ++i) {
      l[i] = h[i] - 1 - static_cast<double>(i % 7) * 0.1;
      c[i] = l[i] + static_cast<double>(i % 5) * 0.2;
      v[i] = 100 + static_cast<double>(i % 13) * 17.5;
    }
    const StridedView<double> in[4] = {{h.data(), m, 0}, {l.data(), m, 0}, {c.data(), m, 0},
                                       {v.data(), m, 0}};
    for (double fast : {3.0, 2.0}) {
      std::vector<double> out(m, 0.0);
      double* ptr = out.data();
      const double params[2] = {fast, 10.0};
      if (m >= 10) {
        EXPECT_TRUE(Compute(Id::kAdOsc, {in, 4}, {params, 2}, {&ptr, 1}, m, &ws).ok());
      }
      const auto* bytes = reinterpret_cast<const unsigned char*>(out.data());
      for (size_t k = 0; k < m * sizeof(double); ++k) {
        hash = (hash ^ bytes[k]) * 0x100000001b3u;
      }
    }
  }
  return hash;
}

TEST_P(BlockedOnEveryTarget, AdOscInBlocksGivesThePreviousBits) {
  const std::string target = hwy::TargetName(GetParam());
  const uint64_t want = target == "AVX3"                       ? 0x4c3efa199ab80257u
                        : target == "AVX2"                     ? 0x6b0bb855c620f53au
                        : target == "SSE4" || target == "SSSE3" ? 0x8eb2b39b47cf9d19u
                        : target == "SCALAR"                   ? 0x6f4b9d9c1a36c3c0u
                                                               : 0;
  if (want == 0) GTEST_SKIP() << "no recorded bits for " << target;
  EXPECT_EQ(AdOscHash(), want);
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
