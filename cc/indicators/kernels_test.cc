// Every compiled Highway target (scalar and EMU128 included) against the plain
// scalar references of kernels_reference.h, on every length from 0 to a few
// vectors past the resync block (so tails that are not a multiple of the lane
// count, and the seams between scan blocks, are all exercised), and against
// long-double direct sums where the reference itself is an approximation.
#include <cfloat>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "cc/indicators/bit_testing.h"
#include "cc/indicators/kernels.h"
#include "cc/indicators/kernels_reference.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// |got - want| <= tol * max(1, |want|): relative for prices, absolute near 0.
::testing::AssertionResult Near(double got, double want, double tol) {
  if (std::isnan(got) && std::isnan(want)) return ::testing::AssertionSuccess();
  const double err = std::fabs(got - want);
  if (err <= tol * std::fmax(1.0, std::fabs(want))) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << got << " want " << want << " err " << err;
}

// Each test runs once per compiled target, forced (Highway's adapter; it
// also checks that the test went through dynamic dispatch).
using KernelsOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(KernelsOnEveryTarget);

TEST_P(KernelsOnEveryTarget, DispatchesToTheForcedTarget) {
  EXPECT_STREQ(KernelTargetName(), hwy::TargetName(GetParam()));
}

TEST_P(KernelsOnEveryTarget, RollingSumMatchesDirectLongDoubleSums) {
  const std::vector<double> x = RandomWalk(300, 1);
  for (size_t n : {1u, 2u, 3u, 7u, 8u, 9u, 20u, 64u, 65u, 130u}) {
    for (size_t m = 0; m <= x.size(); m += (m < 90 ? 1 : 17)) {
      std::vector<double> got(m, kNaN);
      RollingSum(x.data(), m, n, 1.0, got.data());
      for (size_t i = 0; i < m; ++i) {
        if (i + 1 < n) {
          ASSERT_TRUE(std::isnan(got[i])) << "untouched prefix, n=" << n << " i=" << i;
          continue;
        }
        long double s = 0;
        for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
        ASSERT_TRUE(Near(got[i], static_cast<double>(s), 1e-12)) << "n=" << n << " m=" << m << " i=" << i;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, RollingSumDoesNotDriftOverAMillionBars) {
  // A long series whose sums swing between large and small: the resync keeps
  // every output within a tight bound of the exact window sum.
  const size_t m = 1000003, n = 20;
  std::vector<double> x(m);
  for (size_t i = 0; i < m; ++i) x[i] = 800.0 * std::pow(0.005 / 800.0, double(i) / (m - 1));
  std::vector<double> got(m);
  RollingSum(x.data(), m, n, 1.0 / n, got.data());
  for (size_t i = n - 1; i < m; i += 997) {
    long double s = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
    s /= n;
    ASSERT_LE(std::fabs(got[i] - static_cast<double>(s)) / static_cast<double>(s), 1e-13) << i;
  }
}

TEST_P(KernelsOnEveryTarget, LinearRecurrenceMatchesReference) {
  const std::vector<double> x = RandomWalk(200, 2);
  for (double a : {0.0, 0.5, 12.0 / 13.0, 0.999, 1.0}) {
    for (size_t m = 0; m <= x.size(); ++m) {
      std::vector<double> got(m + 1, kNaN), want(m + 1, kNaN);
      LinearRecurrence(x.data(), m, a, 1.0 - a + 0.25, 3.5, got.data());
      LinearRecurrenceReference(x.data(), m, a, 1.0 - a + 0.25, 3.5, want.data());
      for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(got[i], want[i], 1e-12)) << a << " " << m << " " << i;
      ASSERT_TRUE(std::isnan(got[m])) << "wrote past the end";
    }
  }
}

TEST_P(KernelsOnEveryTarget, DivideInPlaceGivesTheScalarBits) {
  const std::vector<double> x = RandomWalk(70, 4, 1e4);
  for (double divisor : {465.0, 3.0, 0.1, -7.25, 1e-300}) {
    for (size_t m = 0; m <= 40; ++m) {
      for (size_t at : {0u, 1u, 3u}) {  // vector loads off the vector grid too
        std::vector<double> got(x.begin(), x.begin() + at + m + 1), want = got;
        DivideInPlace(got.data() + at, m, divisor);
        DivideInPlaceReference(want.data() + at, m, divisor);
        ASSERT_TRUE(SameBits(got, want)) << divisor << " " << m << " " << at;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, LinearRecurrenceWorksInPlace) {
  std::vector<double> x = RandomWalk(77, 3), want(77);
  LinearRecurrenceReference(x.data(), x.size(), 0.9, 0.1, 1.0, want.data());
  LinearRecurrence(x.data(), x.size(), 0.9, 0.1, 1.0, x.data());
  for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(Near(x[i], want[i], 1e-12)) << i;
}

TEST_P(KernelsOnEveryTarget, RsiFromSeedsMatchesReferenceIncludingFlatStretches) {
  std::vector<double> x = RandomWalk(150, 4);
  for (size_t i = 60; i < 90; ++i) x[i] = 42.0;  // gains and losses decay to 0
  for (size_t n : {2u, 5u, 14u}) {
    for (size_t m = 0; m <= x.size(); ++m) {
      std::vector<double> got(m, kNaN), want(m, kNaN);
      RsiFromSeeds(x.data(), m, n, 0.7, 0.3, got.data());
      RsiFromSeedsReference(x.data(), m, n, 0.7, 0.3, want.data());
      for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(got[i], want[i], 1e-11)) << n << " " << m << " " << i;
      std::vector<double> cmo(m, kNaN), wcmo(m, kNaN);
      CmoFromSeeds(x.data(), m, n, 0.7, 0.3, cmo.data());
      CmoFromSeedsReference(x.data(), m, n, 0.7, 0.3, wcmo.data());
      for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(cmo[i], wcmo[i], 1e-10)) << n << " " << m << " " << i;
    }
  }
  // The holding variant (STOCHRSI's RSI): the reference's values, and over
  // the flat stretch exactly the value before it.
  for (size_t n : {2u, 5u, 14u}) {
    for (size_t m = 0; m <= x.size(); ++m) {
      std::vector<double> got(m, kNaN), want(m, kNaN);
      RsiHoldingFromSeeds(x.data(), m, n, 0.7, 0.3, got.data());
      RsiHoldingFromSeedsReference(x.data(), m, n, 0.7, 0.3, want.data());
      for (size_t i = 0; i < m; ++i) {
        ASSERT_TRUE(Near(got[i], want[i], 1e-11)) << n << " " << m << " " << i;
        if (i > 60 && i < 90 && i > n) {
          ASSERT_EQ(got[i], got[60]) << n << " " << m << " " << i;
        }
      }
    }
  }
  // Zero seeds on a flat series: 0/0 is reported as 0, as TA-Lib does.
  std::vector<double> flat(40, 5.0), out(40, kNaN);
  RsiFromSeeds(flat.data(), flat.size(), 14, 0.0, 0.0, out.data());
  for (size_t i = 14; i < flat.size(); ++i) ASSERT_EQ(out[i], 0.0) << i;
  EXPECT_TRUE(std::isnan(out[13]));
}

TEST_P(KernelsOnEveryTarget, TrueRangeMatchesReference) {
  const std::vector<double> c = RandomWalk(100, 5);
  std::vector<double> h(c.size()), l(c.size());
  std::mt19937_64 rng(6);
  std::uniform_real_distribution<double> wiggle(0.0, 2.0);
  for (size_t i = 0; i < c.size(); ++i) {
    h[i] = c[i] + wiggle(rng);
    l[i] = c[i] - wiggle(rng);
  }
  for (size_t m = 0; m <= c.size(); ++m) {
    std::vector<double> got(m, kNaN), want(m, kNaN);
    TrueRange(h.data(), l.data(), c.data(), m, got.data());
    TrueRangeReference(h.data(), l.data(), c.data(), m, want.data());
    for (size_t i = 0; i < m; ++i) {
      if (i == 0) {
        ASSERT_TRUE(std::isnan(got[0]));
      } else {
        ASSERT_EQ(got[i], want[i]) << m << " " << i;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, WindowVarianceAndMeanAbsDeviationMatchLongDouble) {
  const std::vector<double> x = RandomWalk(120, 7, 1000.0);
  for (size_t n : {1u, 2u, 5u, 8u, 9u, 20u}) {
    for (size_t m = n; m <= x.size(); ++m) {
      std::vector<double> mean(m, kNaN), var(m, kNaN), mad(m, kNaN);
      for (size_t i = n - 1; i < m; ++i) {
        long double s = 0;
        for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
        // A deliberately perturbed mean: the corrected two-pass formula must
        // still give the exact variance.
        mean[i] = static_cast<double>(s / n) * (1 + 1e-9);
      }
      WindowVariance(x.data(), m, n, mean.data(), var.data());
      for (size_t i = 0; i < m; ++i) {
        if (i + 1 < n) {
          ASSERT_TRUE(std::isnan(var[i]));
          continue;
        }
        long double s = 0, s2 = 0;
        for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
        const long double mu = s / n;
        for (size_t k = i + 1 - n; k <= i; ++k) s2 += (x[k] - mu) * (x[k] - mu);
        const double want = static_cast<double>(s2 / n);
        ASSERT_LE(std::fabs(var[i] - want), 1e-12 * want + 1e-300) << n << " " << m << " " << i;
      }
      WindowMeanAbsDeviation(x.data(), m, n, mean.data(), mad.data());
      std::vector<double> want(m, kNaN);
      WindowMeanAbsDeviationReference(x.data(), m, n, mean.data(), want.data());
      for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(mad[i], want[i], 1e-12)) << n << " " << m << " " << i;
    }
  }
}

TEST_P(KernelsOnEveryTarget, FusedRecurrencesMatchReferences) {
  const std::vector<double> x = RandomWalk(130, 21);
  std::vector<double> h(x.size()), l(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    h[i] = x[i] + 0.3 + 0.1 * (i % 4);
    l[i] = x[i] - 0.2 - 0.1 * (i % 3);
  }
  for (size_t m = 0; m <= x.size(); ++m) {
    std::vector<double> y(m + 1, kNaN), r(m + 1, kNaN), wy(m + 1, kNaN), wr(m + 1, kNaN);
    LinearRecurrenceWithResidual(x.data(), m, 0.8, 0.2, 99.0, y.data(), r.data());
    LinearRecurrenceWithResidualReference(x.data(), m, 0.8, 0.2, 99.0, wy.data(), wr.data());
    for (size_t i = 0; i < m; ++i) {
      ASSERT_TRUE(Near(y[i], wy[i], 1e-12)) << m << " " << i;
      ASSERT_TRUE(Near(r[i], wr[i], 1e-11)) << m << " " << i;
    }
    ASSERT_TRUE(std::isnan(y[m]) && std::isnan(r[m]));
    std::vector<double> got(m + 1, kNaN), want(m + 1, kNaN);
    EmaDifference(x.data(), m, 2.0 / 13, 2.0 / 27, 100.0, 101.0, got.data());
    EmaDifferenceReference(x.data(), m, 2.0 / 13, 2.0 / 27, 100.0, 101.0, want.data());
    for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(got[i], want[i], 1e-11)) << m << " " << i;
    ASSERT_TRUE(std::isnan(got[m]));
    for (size_t n : {1u, 3u, 14u}) {
      std::vector<double> atr(m + 1, kNaN), watr(m + 1, kNaN);
      WilderAverageTrueRange(h.data(), l.data(), x.data(), m, n, 1.5, atr.data());
      WilderAverageTrueRangeReference(h.data(), l.data(), x.data(), m, n, 1.5, watr.data());
      for (size_t i = 0; i <= m; ++i) {
        ASSERT_TRUE(Near(atr[i], watr[i], 1e-12)) << n << " " << m << " " << i;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, CheckedAverageTrueRangeRejectsEveryBadRow) {
  const std::vector<double> c = RandomWalk(70, 24);
  std::vector<double> h(c.size()), l(c.size());
  for (size_t i = 0; i < c.size(); ++i) {
    h[i] = c[i] + 0.5;
    l[i] = c[i] - 0.5;
  }
  const size_t n = 5;
  for (size_t m = n + 1; m <= c.size(); ++m) {
    std::vector<double> got(m, kNaN), want(m, kNaN);
    ASSERT_TRUE(WilderAverageTrueRangeChecked(h.data(), l.data(), c.data(), m, n, 1.0, got.data()));
    WilderAverageTrueRangeReference(h.data(), l.data(), c.data(), m, n, 1.0, want.data());
    for (size_t i = 0; i < m; ++i) ASSERT_TRUE(Near(got[i], want[i], 1e-12)) << m << " " << i;
    for (size_t bad = n; bad < m; ++bad) {
      for (int kind = 0; kind < 5; ++kind) {
        std::vector<double> hh = h, ll = l, cc = c;
        if (kind == 0) cc[bad] = kNaN;
        if (kind == 1) hh[bad] = HUGE_VAL;
        if (kind == 2) ll[bad] = -HUGE_VAL;
        if (kind == 3) ll[bad] = hh[bad] + 1;  // high < low
        if (kind == 4) hh[bad] = kNaN;
        if (bad == n && kind != 0) continue;  // only row n's close is this kernel's to check
        EXPECT_FALSE(WilderAverageTrueRangeChecked(hh.data(), ll.data(), cc.data(), m, n, 1.0,
                                                   got.data()))
            << "m=" << m << " bad=" << bad << " kind=" << kind;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, WindowStddevAndBandsMatchReferences) {
  const std::vector<double> x = RandomWalk(90, 22, 500.0);
  for (size_t n : {1u, 2u, 5u, 20u}) {
    for (size_t m = n; m <= x.size(); ++m) {
      std::vector<double> mean(m, kNaN), middle(m, kNaN);
      RollingSumReference(x.data(), m, n, 1.0 / n, mean.data());
      for (size_t i = 0; i < m; ++i) middle[i] = mean[i] + 0.25;
      std::vector<double> sd(m, kNaN), wsd(m, kNaN);
      WindowStddev(x.data(), m, n, mean.data(), 1.5, sd.data());
      WindowStddevReference(x.data(), m, n, mean.data(), 1.5, wsd.data());
      std::vector<double> up(m, kNaN), lo(m, kNaN), wup(m, kNaN), wlo(m, kNaN);
      WindowBands(x.data(), m, n, mean.data(), middle.data(), 2.0, 1.0, up.data(), lo.data());
      WindowBandsReference(x.data(), m, n, mean.data(), middle.data(), 2.0, 1.0, wup.data(),
                           wlo.data());
      for (size_t i = 0; i < m; ++i) {
        ASSERT_TRUE(Near(sd[i], wsd[i], 1e-12)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(up[i], wup[i], 1e-12)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(lo[i], wlo[i], 1e-12)) << n << " " << m << " " << i;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, BollingerMatchesSlidingMeanAndBandsReferences) {
  const std::vector<double> x = RandomWalk(300, 23, 500.0);
  for (size_t n : {1u, 2u, 5u, 9u, 20u, 70u}) {
    for (size_t m = 0; m <= x.size(); m += (m < 100 ? 1 : 13)) {
      std::vector<double> up(m + 1, kNaN), mid(m + 1, kNaN), lo(m + 1, kNaN);
      Bollinger(x.data(), m, n, 2.0, 1.5, up.data(), mid.data(), lo.data());
      std::vector<double> wup(m + 1, kNaN), wmid(m + 1, kNaN), wlo(m + 1, kNaN);
      RollingSumReference(x.data(), m, n, 1.0 / n, wmid.data());
      WindowBandsReference(x.data(), m, n, wmid.data(), wmid.data(), 2.0, 1.5, wup.data(),
                           wlo.data());
      for (size_t i = 0; i <= m; ++i) {
        ASSERT_TRUE(Near(mid[i], wmid[i], 1e-12)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(up[i], wup[i], 1e-12)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(lo[i], wlo[i], 1e-12)) << n << " " << m << " " << i;
      }
    }
  }
}

// The width of the bands is exact whether a window is near-constant (where
// the kernel needs the corrected two-pass formula) or not (where it may skip
// the correction): sigma is read back as (upper - middle) / 1e9, which loses
// nothing to cancellation.
TEST_P(KernelsOnEveryTarget, BollingerWidthIsExactOnNearConstantAndOrdinaryWindows) {
  const size_t m = 700;
  std::vector<double> x(m);
  std::mt19937_64 rng(25);
  std::normal_distribution<double> step(0.0, 1.0);
  double v = 100;
  for (size_t i = 0; i < m; ++i) {
    if (i < 200) {
      x[i] = 100 + 1e-9 * static_cast<double>(static_cast<int>((i * 7919) % 13) - 6);
    } else if (i < 450) {
      v += step(rng);
      x[i] = v;
    } else {
      // Alternating: near-constant stretches shorter than one 64-bar block.
      x[i] = (i / 24) % 2 ? v + 1e-10 * static_cast<double>(i % 3) : v + step(rng);
    }
  }
  for (size_t n : {2u, 5u, 20u, 33u}) {
    std::vector<double> up(m, kNaN), mid(m, kNaN), lo(m, kNaN);
    Bollinger(x.data(), m, n, 1e9, 1e9, up.data(), mid.data(), lo.data());
    for (size_t i = n - 1; i < m; ++i) {
      long double s = 0, s2 = 0;
      for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
      const long double mu = s / n;
      for (size_t k = i + 1 - n; k <= i; ++k) s2 += (x[k] - mu) * (x[k] - mu);
      const double want = static_cast<double>(std::sqrt(s2 / n));
      const double got = (up[i] - mid[i]) / 1e9;
      ASSERT_LE(std::fabs(got - want), 1e-12 * want + 1e-300) << "n=" << n << " i=" << i;
    }
  }
}

TEST_P(KernelsOnEveryTarget, CheckedBollingerEqualsBollingerAndRejectsEveryNonFiniteRow) {
  const std::vector<double> x = RandomWalk(150, 26);
  for (size_t n : {1u, 3u, 20u}) {
    for (size_t m = n; m <= x.size(); m += 7) {
      std::vector<double> a(m, kNaN), b(m, kNaN), c(m, kNaN), wa(m, kNaN), wb(m, kNaN), wc(m, kNaN);
      ASSERT_TRUE(BollingerChecked(x.data(), m, n, 2, 2, a.data(), b.data(), c.data()));
      Bollinger(x.data(), m, n, 2, 2, wa.data(), wb.data(), wc.data());
      for (size_t i = 0; i < m; ++i) {
        ASSERT_TRUE((a[i] == wa[i] && b[i] == wb[i] && c[i] == wc[i]) ||
                    (std::isnan(a[i]) && std::isnan(wa[i])))
            << n << " " << m << " " << i;
      }
      for (size_t bad = 0; bad < m; ++bad) {
        std::vector<double> y(x.begin(), x.begin() + m);
        y[bad] = bad % 2 ? kNaN : -HUGE_VAL;
        EXPECT_FALSE(BollingerChecked(y.data(), m, n, 2, 2, a.data(), b.data(), c.data()))
            << n << " " << m << " " << bad;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, WindowExtremesAndLinearFitsGiveTheReferenceBits) {
  // Ties on purpose (prices on a coarse grid), so the "most recent extreme"
  // rule of the age kernels is exercised.
  std::vector<double> x = RandomWalk(300, 31);
  for (double& v : x) v = std::round(v * 2) / 2;
  for (size_t w : {1u, 2u, 3u, 5u, 8u, 9u, 14u, 15u, 30u, 64u}) {
    for (size_t m : {size_t{0}, w - 1, w, w + 3, w + 7, w + 8, size_t{100}, x.size()}) {
      if (m > x.size()) continue;
      std::vector<double> got(m + 1, kNaN), want(m + 1, kNaN), got2(m + 1, kNaN),
          want2(m + 1, kNaN);
      const std::string tag = "w=" + std::to_string(w) + " m=" + std::to_string(m);
      using Window = void (*)(const double*, size_t, size_t, double*);
      const struct {
        const char* what;
        Window kernel, reference;
      } kExtremes[] = {
          {"max", RollingMax<const double*>, RollingExtremeReference<true, const double*>},
          {"min", RollingMin<const double*>, RollingExtremeReference<false, const double*>},
          {"max age", RollingMaxAge<const double*>,
           RollingExtremeAgeReference<true, const double*>},
          {"min age", RollingMinAge<const double*>,
           RollingExtremeAgeReference<false, const double*>},
      };
      for (const auto& k : kExtremes) {
        k.kernel(x.data(), m, w, got.data());
        k.reference(x.data(), m, w, want.data());
        EXPECT_TRUE(SameBits(got, want)) << k.what << " " << tag;
      }
      WindowLinearFit(x.data(), m, w, got.data(), got2.data());
      WindowLinearFitReference(x.data(), m, w, want.data(), want2.data());
      EXPECT_TRUE(SameBits(got, want)) << "fit mean " << tag;
      EXPECT_TRUE(SameBits(got2, want2)) << "fit slope " << tag;
      // The one-pass line values: the fit's bits through LineValue.
      for (LineOutput what : {LineOutput::kNewest, LineOutput::kSlope, LineOutput::kOldest,
                              LineOutput::kAngle, LineOutput::kForecast}) {
        std::vector<double> line(m + 1, kNaN), want_line(m + 1, kNaN);
        for (size_t i = w - 1; i < m; ++i) want_line[i] = LineValue(what, want[i], want2[i], w);
        ASSERT_TRUE(WindowLineChecked(what, x.data(), m, w, line.data())) << tag;
        EXPECT_TRUE(SameBits(line, want_line)) << "line " << static_cast<int>(what) << " " << tag;
        for (size_t bad = 0; bad < m; bad += (m > 50 ? 7 : 1)) {
          std::vector<double> y(x.begin(), x.begin() + m);
          y[bad] = bad % 2 ? kNaN : -HUGE_VAL;
          EXPECT_FALSE(WindowLineChecked(what, y.data(), m, w, line.data())) << tag << " " << bad;
        }
      }
    }
  }
  // The checked variants: the same values, and every non-finite row found.
  for (size_t w : {3u, 8u, 9u, 30u}) {
    for (size_t m : {size_t{0}, w - 1, w + 2, size_t{41}, size_t{300}}) {
      std::vector<double> hi(m + 1, kNaN), lo(m + 1, kNaN), want_hi(m + 1, kNaN),
          want_lo(m + 1, kNaN), one(m + 1, kNaN);
      // One column as both highs and lows (high >= low holds).
      ASSERT_TRUE(HighLowRangeChecked(x.data(), x.data(), m, w, hi.data(), lo.data()));
      RollingExtremeReference<true>(x.data(), m, w, want_hi.data());
      RollingExtremeReference<false>(x.data(), m, w, want_lo.data());
      EXPECT_TRUE(SameBits(hi, want_hi)) << w << " " << m;
      EXPECT_TRUE(SameBits(lo, want_lo)) << w << " " << m;
      ASSERT_TRUE(RollingMaxChecked(x.data(), m, w, one.data()));
      EXPECT_TRUE(SameBits(one, want_hi)) << w << " " << m;
      ASSERT_TRUE(RollingMinChecked(x.data(), m, w, one.data()));
      EXPECT_TRUE(SameBits(one, want_lo)) << w << " " << m;
      std::vector<double> mid(m + 1, kNaN), scratch(m + 1), want_mid(m + 1, kNaN);
      for (size_t i = w - 1; i < m; ++i) want_mid[i] = (want_hi[i] + want_lo[i]) / 2.0;
      ASSERT_TRUE(RollingMidpointChecked(x.data(), m, w, mid.data(), scratch.data()));
      EXPECT_TRUE(SameBits(mid, want_mid)) << w << " " << m;
      // Two columns: highs above the series, lows below it.
      std::vector<double> hx(x.begin(), x.begin() + m), lx(hx);
      for (size_t i = 0; i < m; ++i) hx[i] += 0.5 * (i % 3), lx[i] -= 0.25 * (i % 5);
      std::vector<double> want_h(m + 1, kNaN), want_l(m + 1, kNaN);
      RollingExtremeReference<true>(hx.data(), m, w, want_h.data());
      RollingExtremeReference<false>(lx.data(), m, w, want_l.data());
      ASSERT_TRUE(HighLowRangeChecked(hx.data(), lx.data(), m, w, hi.data(), lo.data()));
      EXPECT_TRUE(SameBits(hi, want_h)) << w << " " << m;
      EXPECT_TRUE(SameBits(lo, want_l)) << w << " " << m;
      for (size_t i = w - 1; i < m; ++i) want_mid[i] = (want_h[i] + want_l[i]) / 2.0;
      ASSERT_TRUE(HighLowMidpointChecked(hx.data(), lx.data(), m, w, mid.data(), scratch.data()));
      EXPECT_TRUE(SameBits(mid, want_mid)) << w << " " << m;
      for (size_t bad = 0; bad < m; bad += (m > 50 ? 5 : 1)) {
        std::vector<double> hb = hx, lb = lx;
        if (bad % 3 == 0) lb[bad] = kNaN;
        if (bad % 3 == 1) hb[bad] = -HUGE_VAL;
        if (bad % 3 == 2) lb[bad] = hb[bad] + 1;  // high < low
        EXPECT_FALSE(HighLowRangeChecked(hb.data(), lb.data(), m, w, hi.data(), lo.data()))
            << w << " " << m << " " << bad;
        EXPECT_FALSE(HighLowMidpointChecked(hb.data(), lb.data(), m, w, mid.data(), scratch.data()))
            << w << " " << m << " " << bad;
      }
      for (size_t bad = 0; bad < m; bad += (m > 50 ? 7 : 1)) {
        std::vector<double> y(x.begin(), x.begin() + m);
        y[bad] = bad % 2 ? kNaN : HUGE_VAL;
        EXPECT_FALSE(RollingMinChecked(y.data(), m, w, one.data())) << w << " " << m << " " << bad;
        EXPECT_FALSE(RollingMaxChecked(y.data(), m, w, one.data())) << w << " " << m << " " << bad;
      }
    }
  }
  // A flat window has a slope of exactly 0 and its value as the mean.
  const std::vector<double> flat(40, 7.3);
  std::vector<double> mean(40), slope(40);
  WindowLinearFit(flat.data(), 40, 14, mean.data(), slope.data());
  for (size_t i = 13; i < 40; ++i) {
    EXPECT_EQ(slope[i], 0.0) << i;
    EXPECT_EQ(mean[i], 7.3) << i;
  }
}

TEST_P(KernelsOnEveryTarget, PriceTransformsValidateAndComputeInOnePass) {
  const std::vector<double> c = RandomWalk(77, 41), base = RandomWalk(77, 42);
  std::vector<double> o(77), h(77), l(77);
  for (size_t i = 0; i < 77; ++i) {
    o[i] = base[i];
    h[i] = std::fmax(o[i], c[i]) + 0.25 * (i % 3);
    l[i] = std::fmin(o[i], c[i]) - 0.5 * (i % 2);
  }
  h[20] = l[20] = o[20] = c[20];  // a zero range: BOP is 0 there
  struct Case {
    PriceOp op;
    std::vector<const std::vector<double>*> cols;
    double (*value)(const double* const* v, size_t i);
  };
  const Case cases[] = {
      {PriceOp::kMedian, {&h, &l}, [](const double* const* v, size_t i) { return (v[0][i] + v[1][i]) / 2.0; }},
      {PriceOp::kTypical, {&h, &l, &c}, [](const double* const* v, size_t i) { return (v[0][i] + v[1][i] + v[2][i]) / 3.0; }},
      {PriceOp::kWeighted, {&h, &l, &c}, [](const double* const* v, size_t i) { return (v[0][i] + v[1][i] + v[2][i] * 2.0) / 4.0; }},
      {PriceOp::kAverage, {&o, &h, &l, &c}, [](const double* const* v, size_t i) { return (v[1][i] + v[2][i] + v[3][i] + v[0][i]) / 4.0; }},
      {PriceOp::kBalance, {&o, &h, &l, &c}, [](const double* const* v, size_t i) {
         const double range = v[1][i] - v[2][i];
         return range != 0 ? (v[3][i] - v[0][i]) / range : 0.0;
       }},
      {PriceOp::kTrueRange, {&h, &l, &c}, [](const double* const* v, size_t i) { return TrueRangeValue(v[0][i], v[1][i], v[2][i - 1]); }},
  };
  for (const Case& k : cases) {
    const bool lagged = k.op == PriceOp::kTrueRange;
    for (size_t m : {0u, 1u, 2u, 7u, 8u, 9u, 33u, 77u}) {
      std::vector<const double*> cols;
      for (const auto* col : k.cols) cols.push_back(col->data());
      std::vector<double> got(m + 1, -7.0), want(m + 1, -7.0);
      for (size_t i = lagged ? 1 : 0; i < m; ++i) want[i] = k.value(cols.data(), i);
      ASSERT_TRUE(PriceTransformChecked(k.op, cols.data(), m, got.data()))
          << static_cast<int>(k.op) << " m " << m;
      EXPECT_TRUE(SameBits(got, want)) << static_cast<int>(k.op) << " m " << m;
      // Every kind of bad row, at every position, is caught.
      for (size_t bad = 0; bad < m; ++bad) {
        for (int kind = 0; kind < 7; ++kind) {
          std::vector<std::vector<double>> copy;
          for (const auto* col : k.cols) copy.push_back(*col);
          const size_t hi = k.cols.size() == 4 ? 1 : 0;
          if (kind == 0) copy.back()[bad] = kNaN;               // close (or low)
          if (kind == 1) copy[hi][bad] = HUGE_VAL;              // high infinite
          if (kind == 2) copy[hi + 1][bad] = copy[hi][bad] + 1;  // high < low
          if (kind == 3) copy[hi + 1][bad] = -HUGE_VAL;         // low -infinite
          if (kind == 4) {                                      // all +infinite
            for (auto& col : copy) col[bad] = HUGE_VAL;
          }
          if (kind == 5) copy[0][bad] = -HUGE_VAL;  // the open (or high)
          if (kind == 6) {  // a zero range, whose BOP is 0 whatever the close
            copy[hi + 1][bad] = copy[hi][bad];
            copy.back()[bad] = HUGE_VAL;
          }
          std::vector<const double*> bad_cols;
          for (const auto& col : copy) bad_cols.push_back(col.data());
          EXPECT_FALSE(PriceTransformChecked(k.op, bad_cols.data(), m, got.data()))
              << static_cast<int>(k.op) << " m " << m << " bad " << bad << " kind " << kind;
        }
      }
      // Good rows whose value overflows may read as suspect (the check is
      // folded into arithmetic), but every row is still written.
      std::vector<std::vector<double>> huge;
      for (const auto* col : k.cols) huge.push_back(*col);
      for (auto& col : huge) {
        for (size_t i = 0; i < m; i += 3) col[i] = DBL_MAX;
      }
      std::vector<const double*> huge_cols;
      for (const auto& col : huge) huge_cols.push_back(col.data());
      std::fill(got.begin(), got.end(), -7.0);
      std::fill(want.begin(), want.end(), -7.0);
      for (size_t i = lagged ? 1 : 0; i < m; ++i) want[i] = k.value(huge_cols.data(), i);
      PriceTransformChecked(k.op, huge_cols.data(), m, got.data());
      EXPECT_TRUE(SameBits(got, want)) << static_cast<int>(k.op) << " m " << m << " overflow";
    }
  }
}

TEST_P(KernelsOnEveryTarget, AccumulationDistributionMatchesTheRunningSum) {
  const std::vector<double> c = RandomWalk(150, 51), base = RandomWalk(150, 52);
  std::vector<double> h(150), l(150), v(150);
  for (size_t i = 0; i < 150; ++i) {
    h[i] = std::fmax(base[i], c[i]) + 0.25 * (i % 4);
    l[i] = std::fmin(base[i], c[i]) - 0.5 * (i % 3);
    v[i] = i % 7 == 0 ? 0.0 : 1000.0 + 37.0 * i;
  }
  h[30] = l[30] = c[30];  // zero range: no flow
  const double* cols[] = {h.data(), l.data(), c.data(), v.data()};
  for (size_t m : {0u, 1u, 7u, 8u, 9u, 64u, 150u}) {
    std::vector<double> got(m + 1, kNaN), checked(m + 1, kNaN), want(m + 1, kNaN);
    AccumulationDistribution(cols, m, got.data());
    ASSERT_TRUE(AccumulationDistributionChecked(cols, m, checked.data()));
    AccumulationDistributionReference(cols, m, want.data());
    double magnitude = 0;  // the sum of |flow|: what the rounding is relative to
    for (size_t i = 0; i < m; ++i) {
      magnitude += std::fabs(MoneyFlowVolumeValue(h[i], l[i], c[i], v[i]));
      ASSERT_LE(std::fabs(got[i] - want[i]), 1e-13 * magnitude) << m << " " << i;
      ASSERT_EQ(checked[i], got[i]) << m << " " << i;
    }
    ASSERT_TRUE(std::isnan(got[m])) << "wrote past the end";
    // The oscillator: EMAs (3 and 10 bars) of the line, seeded with AD[0].
    std::vector<double> osc(m + 1, kNaN);
    ASSERT_TRUE(ChaikinOscillatorChecked(cols, m, 0.5, 2.0 / 11, osc.data()));
    double fast = m > 0 ? want[0] : 0, slow = fast;
    for (size_t i = 1; i < m; ++i) {
      fast = 0.5 * fast + 0.5 * want[i];
      slow = (1 - 2.0 / 11) * slow + (2.0 / 11) * want[i];
      ASSERT_LE(std::fabs(osc[i] - (fast - slow)), 1e-13 * magnitude) << m << " " << i;
    }
    EXPECT_TRUE(std::isnan(osc[0]) || m == 0) << "row 0 is the caller's";
    for (size_t bad = 0; bad < m; ++bad) {
      for (int kind = 0; kind < 4; ++kind) {
        std::vector<double> hh = h, ll = l, cc = c, vv = v;
        if (kind == 0) cc[bad] = kNaN;
        if (kind == 1) vv[bad] = HUGE_VAL;
        if (kind == 2) ll[bad] = hh[bad] + 1;  // high < low
        if (kind == 3) vv[bad] = -1;           // negative volume
        const double* bad_cols[] = {hh.data(), ll.data(), cc.data(), vv.data()};
        EXPECT_FALSE(AccumulationDistributionChecked(bad_cols, m, got.data()))
            << m << " " << bad << " " << kind;
        EXPECT_FALSE(ChaikinOscillatorChecked(bad_cols, m, 0.5, 0.2, osc.data()))
            << m << " " << bad << " " << kind;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, UltimateOscillatorMatchesDirectSumsAndCatchesBadRows) {
  std::vector<double> c = RandomWalk(120, 61);
  const std::vector<double> base = RandomWalk(120, 62);
  std::vector<double> h(120), l(120);
  for (size_t i = 0; i < 120; ++i) {
    h[i] = std::fmax(base[i], c[i]) + 0.5;
    l[i] = std::fmin(base[i], c[i]) - 0.25;
  }
  for (size_t i = 40; i < 75; ++i) h[i] = l[i] = c[i] = 50.0;  // zero ranges
  for (size_t m : {0u, 5u, 28u, 29u, 30u, 36u, 37u, 120u}) {
    std::vector<double> bp(m), tr(m), out(m, kNaN);
    ASSERT_TRUE(UltimateOscillator(h.data(), l.data(), c.data(), m, 7, 14, 28, bp.data(),
                                   tr.data(), out.data()));
    for (size_t i = 28; i < m; ++i) {
      long double a[3];
      const size_t per[3] = {7, 14, 28};
      for (int k = 0; k < 3; ++k) {
        long double sb = 0, st = 0;
        for (size_t j = i + 1 - per[k]; j <= i; ++j) {
          const double low = std::fmin(l[j], c[j - 1]);
          sb += c[j] - low;
          st += std::fmax(h[j], c[j - 1]) - low;
        }
        a[k] = st == 0 ? 0 : sb / st;
      }
      const double want = static_cast<double>(100 * (4 * a[0] + 2 * a[1] + a[2]) / 7);
      ASSERT_TRUE(Near(out[i], want, 1e-13)) << m << " " << i;
    }
    for (size_t bad = 0; bad < m; ++bad) {
      std::vector<double> hh = h, ll = l, cc = c;
      if (bad % 3 == 0) cc[bad] = kNaN;
      if (bad % 3 == 1) hh[bad] = HUGE_VAL;
      if (bad % 3 == 2) ll[bad] = hh[bad] + 1;
      EXPECT_FALSE(UltimateOscillator(hh.data(), ll.data(), cc.data(), m, 7, 14, 28, bp.data(),
                                      tr.data(), out.data()))
          << m << " " << bad;
    }
  }
}

TEST_P(KernelsOnEveryTarget, LagTransformsGiveTheScalarBitsAndCatchNonFiniteValues) {
  std::vector<double> x = RandomWalk(90, 71);
  x[30] = 0.0;  // a zero "previous" value: the ratios are 0 there
  using Fn = double (*)(double, double);
  const std::pair<LagOp, Fn> ops[] = {
      {LagOp::kMomentum, [](double c, double p) { return c - p; }},
      {LagOp::kRoc, [](double c, double p) { return p != 0 ? (c / p - 1.0) * 100.0 : 0.0; }},
      {LagOp::kRocp, [](double c, double p) { return p != 0 ? (c - p) / p : 0.0; }},
      {LagOp::kRocr, [](double c, double p) { return p != 0 ? c / p : 0.0; }},
      {LagOp::kRocr100, [](double c, double p) { return p != 0 ? (c / p) * 100.0 : 0.0; }},
  };
  for (const auto& [op, fn] : ops) {
    for (size_t n : {1u, 3u, 10u}) {
      for (size_t m : {0u, 5u, 11u, 19u, 90u}) {
        std::vector<double> got(m + 1, -3.0), want(m + 1, -3.0);
        for (size_t i = n; i < m; ++i) want[i] = fn(x[i], x[i - n]);
        ASSERT_TRUE(LagTransformChecked(op, x.data(), m, n, got.data()));
        EXPECT_TRUE(SameBits(got, want)) << static_cast<int>(op) << " " << n << " " << m;
        for (size_t bad = 0; bad < m; ++bad) {
          std::vector<double> y(x.begin(), x.end());
          y[bad] = bad % 2 ? kNaN : -HUGE_VAL;
          EXPECT_FALSE(LagTransformChecked(op, y.data(), m, n, got.data()))
              << static_cast<int>(op) << " " << n << " " << m << " " << bad;
        }
      }
    }
  }
}

// Outputs of kernels touching StreamingThresholdBytes() or more are written around the caches
// (non-temporal stores): the same bits, every row written, bad rows caught;
// from an unaligned output too (the rows before alignment go one by one).
// The threshold is lowered so that a small series takes that path.
TEST_P(KernelsOnEveryTarget, StreamedOutputsGiveTheSameBits) {
  const size_t m = 3000;
  SetStreamingThresholdBytes(4 * 8 * 1000);  // from 1,000 rows of four columns on
  std::vector<double> c = RandomWalk(m, 91), h(m), l(m);
  for (size_t i = 0; i < m; ++i) {
    h[i] = c[i] + 0.25 * (i % 5);
    l[i] = c[i] - 0.5 * (i % 3);
  }
  const double* cols[] = {h.data(), l.data(), c.data()};
  for (size_t skew : {0u, 1u}) {  // out + skew: aligned, then one row off
    std::vector<double> got(m + 1, -5.0), want(m + 1, -5.0);
    for (size_t i = 0; i < m; ++i) want[i + skew] = (h[i] + l[i] + c[i] * 2.0) / 4.0;
    ASSERT_TRUE(PriceTransformChecked(PriceOp::kWeighted, cols, m, got.data() + skew));
    EXPECT_TRUE(SameBits(got, want)) << "weighted, skew " << skew;
    std::fill(got.begin(), got.end(), -5.0);
    std::fill(want.begin(), want.end(), -5.0);
    for (size_t i = 9; i < m; ++i) want[i + skew] = c[i] - c[i - 9];
    ASSERT_TRUE(LagTransformChecked(LagOp::kMomentum, c.data(), m, 9, got.data() + skew));
    EXPECT_TRUE(SameBits(got, want)) << "momentum, skew " << skew;
  }
  std::vector<double> out(m);
  c[m / 2] = kNaN;
  EXPECT_FALSE(PriceTransformChecked(PriceOp::kWeighted, cols, m, out.data()));
  EXPECT_FALSE(LagTransformChecked(LagOp::kMomentum, c.data(), m, 9, out.data()));
  SetStreamingThresholdBytes(0);
}

TEST_P(KernelsOnEveryTarget, WilderDirectionalMatchesTaLibsRecurrence) {
  const std::vector<double> c = RandomWalk(140, 81), base = RandomWalk(140, 82);
  std::vector<double> h(140), l(140);
  for (size_t i = 0; i < 140; ++i) {
    h[i] = std::fmax(base[i], c[i]) + 0.5 * (i % 3);
    l[i] = std::fmin(base[i], c[i]) - 0.25 * (i % 2);
  }
  for (size_t n : {2u, 5u, 14u}) {
    for (size_t m : {0u, 3u, 14u, 15u, 16u, 23u, 140u}) {
      std::vector<double> p(m, kNaN), mi(m, kNaN), t(m, kNaN);
      WilderDirectional(h.data(), l.data(), c.data(), m, n, p.data(), mi.data(), t.data());
      // TA-Lib's loop, in long double.
      long double sp = 0, sm = 0, st = 0;
      for (size_t i = 1; i < m; ++i) {
        const double up = h[i] - h[i - 1], down = l[i - 1] - l[i];
        long double dp = 0, dm = 0;
        if (down > 0 && up < down) {
          dm = down;
        } else if (up > 0 && up > down) {
          dp = up;
        }
        const long double r = TrueRangeValue(h[i], l[i], c[i - 1]);
        if (i < n) {
          sp += dp, sm += dm, st += r;
          continue;
        }
        sp = sp - sp / n + dp, sm = sm - sm / n + dm, st = st - st / n + r;
        ASSERT_TRUE(Near(p[i], static_cast<double>(sp), 1e-13)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(mi[i], static_cast<double>(sm), 1e-13)) << n << " " << m << " " << i;
        ASSERT_TRUE(Near(t[i], static_cast<double>(st), 1e-13)) << n << " " << m << " " << i;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, RangeCombinationsGiveTheScalarBits) {
  const std::vector<double> c = RandomWalk(70, 91);
  std::vector<double> hi(70), lo(70);
  for (size_t i = 0; i < 70; ++i) {
    hi[i] = c[i] + 0.5 * (i % 4);
    lo[i] = c[i] - 0.25 * (i % 3);
  }
  hi[33] = lo[33] = c[33];  // an empty range: %K and %R are 0 there
  for (size_t from : {0u, 3u, 13u}) {
    for (size_t m : {0u, 5u, 14u, 22u, 70u}) {
      std::vector<double> want(m + 1, -1.0), got(m + 1, -1.0);
      for (size_t i = from; i < m; ++i) want[i] = (hi[i] + lo[i]) / 2.0;
      RangeCombine(RangeOp::kMidpoint, hi.data(), lo.data(), c.data(), from, m, got.data());
      EXPECT_TRUE(SameBits(got, want)) << "mid " << from << " " << m;
      for (size_t i = from; i < m; ++i) {
        const double diff = (hi[i] - lo[i]) / 100.0;
        want[i] = diff != 0 ? (c[i] - lo[i]) / diff : 0.0;
      }
      RangeCombine(RangeOp::kFastK, hi.data(), lo.data(), c.data(), from, m, got.data());
      EXPECT_TRUE(SameBits(got, want)) << "fastk " << from << " " << m;
      for (size_t i = from; i < m; ++i) {
        const double diff = (hi[i] - lo[i]) / -100.0;
        want[i] = diff != 0 ? (hi[i] - c[i]) / diff : 0.0;
      }
      for (size_t i = from; i < m; ++i) want[i] = c[i] != 0 ? (hi[i] / c[i]) * 100.0 : 0.0;
      RangeCombine(RangeOp::kPercentOf, hi.data(), lo.data(), c.data(), from, m, got.data());
      EXPECT_TRUE(SameBits(got, want)) << "percent " << from << " " << m;
      for (size_t i = from; i < m; ++i) {
        const double diff = (hi[i] - lo[i]) / -100.0;
        want[i] = diff != 0 ? (hi[i] - c[i]) / diff : 0.0;
      }
      // In place over lo, as WILLR calls it.
      std::vector<double> inplace = lo;
      inplace.resize(m + 1, -1.0);
      if (m < lo.size()) inplace[m] = -1.0;
      RangeCombine(RangeOp::kWillr, hi.data(), inplace.data(), c.data(), from, m, inplace.data());
      for (size_t i = 0; i < from && i < m; ++i) want[i] = lo[i];
      EXPECT_TRUE(SameBits(inplace, want)) << "willr " << from << " " << m;
    }
  }
}

// %K and %R straight from the highs, lows and closes: the bits of the
// window extremes and RangeCombine, and every bad row found.
TEST_P(KernelsOnEveryTarget, HighLowCombinationsInOnePassGiveTheSeparateBits) {
  std::vector<double> c = RandomWalk(300, 93), h = c, l = c;
  for (size_t i = 0; i < c.size(); ++i) h[i] += 0.5 * (i % 4), l[i] -= 0.25 * (i % 3);
  for (size_t i = 50; i < 90; ++i) h[i] = l[i] = c[i] = 100.0;  // empty ranges: 0
  for (RangeOp op : {RangeOp::kFastK, RangeOp::kWillr}) {
    for (size_t w : {2u, 5u, 8u, 9u, 14u, 30u, 64u}) {
      for (size_t m : {size_t{0}, w - 1, w, w + 3, size_t{101}, c.size()}) {
        const std::string tag = std::to_string(static_cast<int>(op)) + " w=" +
                                std::to_string(w) + " m=" + std::to_string(m);
        std::vector<double> hb(h.begin(), h.begin() + m), lb(l.begin(), l.begin() + m),
            cb(c.begin(), c.begin() + m);
        std::vector<double> hi(m + 1), lo(m + 1), want(m + 1, kNaN), got(m + 1, kNaN);
        RollingMax(hb.data(), m, w, hi.data());
        RollingMin(lb.data(), m, w, lo.data());
        if (m >= w) RangeCombine(op, hi.data(), lo.data(), cb.data(), w - 1, m, want.data());
        ASSERT_TRUE(HighLowCombineChecked(op, hb.data(), lb.data(), cb.data(), m, w, got.data()))
            << tag;
        EXPECT_TRUE(SameBits(got, want)) << tag;
        for (size_t bad = 0; bad < m; bad += (m > 50 ? 5 : 1)) {
          std::vector<double> hv = hb, lv = lb, cv = cb;
          if (bad % 4 == 0) cv[bad] = kNaN;
          if (bad % 4 == 1) hv[bad] = HUGE_VAL;
          if (bad % 4 == 2) lv[bad] = -HUGE_VAL;
          if (bad % 4 == 3) lv[bad] = hv[bad] + 1;  // high < low
          EXPECT_FALSE(HighLowCombineChecked(op, hv.data(), lv.data(), cv.data(), m, w,
                                             got.data()))
              << tag << " " << bad;
        }
      }
    }
  }
}

// KAMA in one pass: the bits of the moves' RollingSum, KamaConstants and
// AdaptiveSmoothing, and every non-finite value found.
TEST_P(KernelsOnEveryTarget, KamaInOnePassGivesTheBitsOfTheSeparateKernels) {
  const std::vector<double> walk = RandomWalk(1400, 103);
  for (size_t n : {2u, 10u, 30u, 70u, 600u}) {
    for (size_t m : {n + 1, n + 2, n + 9, size_t{200}, size_t{577}, walk.size()}) {
      if (m <= n) continue;
      const std::string tag = "n=" + std::to_string(n) + " m=" + std::to_string(m);
      const std::vector<double> x(walk.begin(), walk.begin() + m);
      std::vector<double> moves(m, 0.0), sum(m, kNaN), sc(m, kNaN);
      std::vector<double> scratch(KamaCheckedScratch(m, n));  // exactly: ASan sees overruns
      std::vector<double> want(m + 1, kNaN), got(m + 1, kNaN);
      for (size_t i = 1; i < m; ++i) moves[i] = std::fabs(x[i] - x[i - 1]);
      RollingSum(moves.data() + 1, m - 1, n, 1.0, sum.data() + 1);
      KamaConstants(x.data(), sum.data(), m, n, sc.data());
      AdaptiveSmoothing(x.data() + n, sc.data() + n, m - n, x[n - 1], want.data() + n);
      ASSERT_TRUE(KamaChecked(x.data(), m, n, scratch.data(), got.data())) << tag;
      EXPECT_TRUE(SameBits(got, want)) << tag;
      for (size_t bad = 0; bad < m; bad += (m > 100 ? 13 : 1)) {
        std::vector<double> y = x;
        y[bad] = bad % 2 ? kNaN : -HUGE_VAL;
        EXPECT_FALSE(KamaChecked(y.data(), m, n, scratch.data(), got.data())) << tag << " " << bad;
      }
    }
  }
}

TEST_P(KernelsOnEveryTarget, AdaptiveSmoothingFollowsTheStepwiseRecurrence) {
  const std::vector<double> x = RandomWalk(300, 101);
  std::vector<double> sum(300, 0.0), sc(300, 0.0);
  const size_t n = 10;
  for (size_t i = n; i < 300; ++i) {
    for (size_t k = i + 1 - n; k <= i; ++k) sum[i] += std::fabs(x[k] - x[k - 1]);
  }
  KamaConstants(x.data(), sum.data(), 300, n, sc.data());
  for (size_t i = n; i < 300; ++i) {
    const double roc = x[i] - x[i - n];
    const double er = (sum[i] <= roc || sum[i] == 0) ? 1.0 : std::fabs(roc / sum[i]);
    const double k = er * (2.0 / 3.0 - 2.0 / 31.0) + 2.0 / 31.0;
    ASSERT_EQ(sc[i], k * k) << i;
  }
  for (size_t m : {0u, 1u, 7u, 8u, 9u, 63u, 64u, 65u, 200u, 290u}) {
    std::vector<double> got(m + 1, kNaN);
    AdaptiveSmoothing(x.data() + n, sc.data() + n, m, x[n - 1], got.data());
    long double y = x[n - 1];
    for (size_t i = 0; i < m; ++i) {
      y = y + static_cast<long double>(sc[n + i]) * (x[n + i] - y);
      ASSERT_TRUE(Near(got[i], static_cast<double>(y), 1e-13)) << m << " " << i;
    }
    ASSERT_TRUE(std::isnan(got[m])) << "wrote past the end";
  }
  // A series at the current value stays there exactly.
  const std::vector<double> flat(150, 42.5), k(150, 4.0 / 9.0);
  std::vector<double> y(150);
  AdaptiveSmoothing(flat.data(), k.data(), 150, 42.5, y.data());
  for (double v : y) ASSERT_EQ(v, 42.5);
}

TEST_P(KernelsOnEveryTarget, OnBalanceVolumeIsTheRunningTotalAndCatchesBadRows) {
  std::vector<double> c = RandomWalk(100, 111), v(100);
  for (size_t i = 0; i < 100; ++i) v[i] = static_cast<double>((i * 7919) % 5000);
  c[40] = c[39];  // unchanged close: no flow
  for (size_t m : {0u, 1u, 8u, 9u, 17u, 100u}) {
    std::vector<double> got(m + 1, kNaN), want(m + 1, kNaN);
    ASSERT_TRUE(OnBalanceVolumeChecked(c.data(), v.data(), m, got.data()));
    double total = m > 0 ? v[0] : 0;
    if (m > 0) want[0] = total;
    for (size_t i = 1; i < m; ++i) {
      if (c[i] > c[i - 1]) total += v[i];
      if (c[i] < c[i - 1]) total -= v[i];
      want[i] = total;
    }
    EXPECT_TRUE(SameBits(got, want)) << m;  // integer volumes: exact
    for (size_t bad = 0; bad < m; ++bad) {
      std::vector<double> cc = c, vv = v;
      if (bad % 3 == 0) cc[bad] = kNaN;
      if (bad % 3 == 1) vv[bad] = HUGE_VAL;
      if (bad % 3 == 2) vv[bad] = -1;
      EXPECT_FALSE(OnBalanceVolumeChecked(cc.data(), vv.data(), m, got.data())) << m << " " << bad;
    }
  }
}

TEST_P(KernelsOnEveryTarget, FirstSuspectRowFindsEachKindOfProblem) {
  for (size_t m = 0; m < 37; ++m) {
    for (size_t bad = 0; bad <= m; ++bad) {
      for (int kind = 0; kind < 4; ++kind) {
        std::vector<double> h(m, 2.0), l(m, 1.0), c(m, 1.5), v(m, 10.0);
        if (bad < m) {
          if (kind == 0) c[bad] = kNaN;
          if (kind == 1) l[bad] = HUGE_VAL;  // non-finite, also "high < low"
          if (kind == 2) l[bad] = 3.0;       // high < low
          if (kind == 3) v[bad] = -1.0;      // negative volume
        }
        const double* cols[] = {h.data(), l.data(), c.data(), v.data()};
        ASSERT_EQ(FirstSuspectRow(cols, 4, m, 0, 1, 3), bad) << m << " " << kind;
        const double* refcols[] = {h.data(), l.data(), c.data(), v.data()};
        ASSERT_EQ(FirstSuspectRowReference(refcols, 4, m, 0, 1, 3), bad);
        // Without the high/low and volume checks only non-finite rows count.
        ASSERT_EQ(FirstSuspectRow(cols, 4, m, -1, -1, -1), kind < 2 ? bad : m) << m << " " << kind;
      }
    }
  }
}

// A copy of a series laid out as a strided column: `layout` 0 interleaves it
// in a row-major table of 5 doubles per row (stride 40), 1 stores it
// reversed (stride -8), 2 packs it at an odd byte offset with stride 13 (not
// 8-byte aligned). Owns the bytes; `column` reads them in place.
class StridedCopy {
 public:
  StridedCopy(const std::vector<double>& x, int layout) {
    const ptrdiff_t strides[] = {40, -8, 13};
    stride_ = strides[layout];
    const size_t step = static_cast<size_t>(stride_ < 0 ? -stride_ : stride_);
    bytes_.assign(x.size() * step + 16, 0xA5);
    char* first = bytes_.data() + (layout == 2 ? 3 : 0) +
                  (stride_ < 0 && !x.empty() ? (x.size() - 1) * step : 0);
    for (size_t i = 0; i < x.size(); ++i) {
      std::memcpy(first + static_cast<ptrdiff_t>(i) * stride_, &x[i], sizeof(double));
    }
    column_ = StridedColumn(first, stride_);
  }
  StridedColumn column() const { return column_; }

 private:
  std::vector<char> bytes_;
  ptrdiff_t stride_;
  StridedColumn column_;
};

TEST_P(KernelsOnEveryTarget, StridedColumnsGiveTheContiguousBits) {
  const std::vector<double> h0 = RandomWalk(211, 11, 105.0);
  std::vector<double> h(h0.size()), l(h0.size()), c = RandomWalk(211, 12);
  for (size_t i = 0; i < h0.size(); ++i) {
    h[i] = std::fmax(h0[i], c[i]) + 0.5;
    l[i] = std::fmin(h0[i], c[i]) - 0.5;
  }
  const std::vector<double> mean = RandomWalk(211, 13);
  for (int layout = 0; layout < 3; ++layout) {
    const StridedCopy sh(h, layout), sl(l, layout), sc(c, layout);
    const StridedColumn xh = sh.column(), xl = sl.column(), xc = sc.column();
    for (size_t m : {0u, 1u, 5u, 9u, 17u, 64u, 100u, 211u}) {
      for (size_t n : {1u, 3u, 8u, 14u}) {
        auto both = [&](auto&& kernel, int outputs) {
          std::vector<double> want[3], got[3];
          for (int k = 0; k < outputs; ++k) {
            want[k].assign(m, kNaN);
            got[k].assign(m, kNaN);
          }
          kernel(c.data(), h.data(), l.data(), want);
          kernel(xc, xh, xl, got);
          for (int k = 0; k < outputs; ++k) {
            EXPECT_TRUE(SameBits(got[k], want[k]))
                << "layout " << layout << " m " << m << " n " << n << " output " << k;
          }
        };
        both([&](auto x, auto, auto, std::vector<double>* o) { RollingSum(x, m, n, 0.5, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { LinearRecurrence(x, m, 0.8, 0.2, 1.5, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          LinearRecurrenceWithResidual(x, m, 0.8, 0.2, 1.5, o[0].data(), o[1].data());
        }, 2);
        both([&](auto x, auto, auto, std::vector<double>* o) { EmaDifference(x, m, 0.15, 0.07, 99, 98, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { RsiFromSeeds(x, m, n, 0.6, 0.4, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { CmoFromSeeds(x, m, n, 0.6, 0.4, o[0].data()); }, 1);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) { TrueRange(hh, ll, x, m, o[0].data()); }, 1);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) {
          WilderAverageTrueRange(hh, ll, x, m, n, 1.25, o[0].data());
        }, 1);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) {
          EXPECT_TRUE(WilderAverageTrueRangeChecked(hh, ll, x, m, n, 1.25, o[0].data()));
        }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { WindowVariance(x, m, n, mean.data(), o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { WindowStddev(x, m, n, mean.data(), 1.5, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          WindowMeanAbsDeviation(x, m, n, mean.data(), o[0].data());
        }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          WindowBands(x, m, n, mean.data(), mean.data(), 2, 1.5, o[0].data(), o[1].data());
        }, 2);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          Bollinger(x, m, n, 2, 1.5, o[0].data(), o[1].data(), o[2].data());
        }, 3);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          EXPECT_TRUE(BollingerChecked(x, m, n, 2, 1.5, o[0].data(), o[1].data(), o[2].data()));
        }, 3);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) {
          const decltype(x) cols[] = {hh, ll, x, hh};  // the high as volume: >= 0
          AccumulationDistribution(cols, m, o[0].data());
        }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { RollingMax(x, m, n, o[0].data()); }, 1);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) {
          WilderDirectional(hh, ll, x, m, n, o[0].data(), o[1].data(), o[2].data());
        }, 3);
        both([&](auto x, auto, auto, std::vector<double>* o) { RollingMin(x, m, n, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { RollingMaxAge(x, m, n, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) { RollingMinAge(x, m, n, o[0].data()); }, 1);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          WindowLinearFit(x, m, n, o[0].data(), o[1].data());
        }, 2);
        both([&](auto x, auto, auto, std::vector<double>* o) {
          EXPECT_TRUE(WindowLineChecked(LineOutput::kForecast, x, m, n, o[0].data()));
        }, 1);
        both([&](auto x, auto hh, auto ll, std::vector<double>* o) {
          EXPECT_TRUE(HighLowCombineChecked(RangeOp::kWillr, hh, ll, x, m, n, o[0].data()));
        }, 1);
        if (m > n) {
          both([&](auto x, auto, auto, std::vector<double>* o) {
            EXPECT_TRUE(KamaChecked(x, m, n, o[1].data(), o[0].data()));
          }, 2);
        }
      }
      // The validation pass finds the same first bad row.
      for (size_t bad : {size_t{0}, m / 2, m}) {
        std::vector<double> lb = l;
        if (bad < m) lb[bad] = h[bad] + 1;  // high < low
        const StridedCopy slb(lb, layout);
        const double* cols[] = {h.data(), lb.data(), c.data()};
        const StridedColumn scols[] = {xh, slb.column(), xc};
        EXPECT_EQ(FirstSuspectRow(scols, 3, m, 0, 1, -1), FirstSuspectRow(cols, 3, m, 0, 1, -1));
        EXPECT_EQ(FirstSuspectRow(scols, 3, m, 0, 1, -1), bad);
      }
    }
  }
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
