// The volatility kernels: true range, Wilder's ATR, window variance and
// mean absolute deviation, and the one-pass Bollinger bands.
// Compiled once per Highway target by volatility/kernels.cc (foreach_target.h),
// hence the per-target guard; volatility/kernels.h says what each computes.
#include "cc/indicators/moving_average/scalar.h"
#include "cc/indicators/range/scalar.h"
#include "cc/indicators/volatility/scalar.h"
#include "cc/indicators/simd-inl.h"

#if defined(CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_INL_H_
#undef CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_INL_H_
#else
#define CANDLEWICK_CC_INDICATORS_VOLATILITY_KERNELS_INL_H_
#endif

#include "hwy/highway.h"

CW_SIMD_NAMESPACE_BEGIN

// 100 atr / c, 0 where c is 0: RangeValue(kPercentOf) lane by lane (NATR).
HWY_INLINE V PercentOf(V atr, V c) {
  const D d;
  return hn::IfThenZeroElse(hn::Eq(c, hn::Zero(d)), hn::Mul(hn::Div(atr, c), hn::Set(d, 100.0)));
}

// WilderAverageTrueRange(Checked) and the NATR variants (kernels.h): the
// true ranges a vector at a time into the Scan of WilderAtr's smoothing.
// kChecked also validates rows n+1.. (and the close of row n): the test is
// accumulated over the whole loop and checked once at the end, a few ALU
// operations per vector on data already loaded, no branch. kPercent stores
// PercentOf(atr, close) instead of the ATR the scan carries.
template <bool kChecked, bool kPercent, class X>
bool WilderAverageTrueRangeT(X h, X l, X c, size_t m, size_t n, double seed,
                             double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (lanes > kMaxScanLanes || m <= n + 1) {
    if (kChecked && !WilderAverageTrueRangeCheckedReference(h, l, c, m, n, seed, out)) {
      return false;
    }
    if (!kChecked) WilderAverageTrueRangeReference(h, l, c, m, n, seed, out);
    for (size_t i = n + 1; kPercent && i < m; ++i) {
      out[i] = RangeValue(RangeOp::kPercentOf, out[i], 0.0, c[i]);
    }
    return true;
  }
  if (kChecked && !std::isfinite(c[n])) return false;
  const WilderAtr step(n);
  const Scan scan(step.a());
  const V vb = hn::Set(d, step.b());
  const V zero = hn::Zero(d);
  V carry = hn::Set(d, seed);
  M bad = NoLanes(d);
  size_t i = n + 1;
  for (; i + lanes <= m; i += lanes) {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i);
    const V pc = LoadColumn(d, c + i - 1);
    const V cv = kChecked || kPercent ? LoadColumn(d, c + i) : zero;
    if (kChecked) {
      // h - l is NaN when either is NaN or both are the same infinity, and
      // infinite when one is; c contributes through c * 0 (NaN for inf/NaN).
      const V range = hn::Sub(hv, lv);
      bad = hn::Or(bad, hn::Not(hn::IsFinite(hn::Add(range, hn::Mul(cv, zero)))));
      bad = hn::Or(bad, range < zero);
    }
    const V y = scan.Step(hn::Mul(vb, TrueRangeOf(hv, lv, pc)), &carry);
    hn::StoreU(kPercent ? PercentOf(y, cv) : y, d, out + i);
  }
  if (kChecked && !hn::AllFalse(d, bad)) return false;
  double atr = hn::GetLane(carry);
  for (; i < m; ++i) {
    if (kChecked && (!(std::isfinite(h[i]) && std::isfinite(l[i]) && std::isfinite(c[i])) ||
                     h[i] < l[i])) {
      return false;
    }
    atr = step.Smooth(atr, TrueRangeValue(h[i], l[i], c[i - 1]));
    out[i] = kPercent ? RangeValue(RangeOp::kPercentOf, atr, 0.0, c[i]) : atr;
  }
  return true;
}

// TrueRange (kernels.h).
template <class X>
void TrueRangeT(X h, X l, X c, size_t m, double* HWY_RESTRICT out) {
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (m < 1 + lanes) return TrueRangeReference(h, l, c, m, out);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const V hv = LoadColumn(d, h + i), lv = LoadColumn(d, l + i), pc = LoadColumn(d, c + i - 1);
    hn::StoreU(TrueRangeOf(hv, lv, pc), d, out + i);
  };
  size_t i = 1;
  for (; i + lanes <= m; i += lanes) one(i);
  // The last vector overlaps the previous one; recomputed outputs are equal.
  if (i < m) one(m - lanes);
}

// Sums of d = x - mu and d^2 over the n values starting at base (lane j's
// window starts at base + j). Two accumulator pairs halve the add-latency
// chain. One of the two d sums is an FMA with multiplier 1 (exactly an add):
// it moves work from the FP-add pipes, which the subtractions already load,
// to the FMA pipes.
template <class X>
HWY_INLINE void WindowMoments(X base, size_t n, V mu, V* s1, V* s2) {
  const D d;
  const V one = hn::Set(d, 1.0);
  V s1a = hn::Zero(d), s1b = hn::Zero(d), s2a = hn::Zero(d), s2b = hn::Zero(d);
  size_t k = 0;
  for (; k + 2 <= n; k += 2) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    const V d1 = hn::Sub(LoadColumn(d, base + k + 1), mu);
    s1a = hn::Add(s1a, d0);
    s1b = hn::MulAdd(d1, one, s1b);
    s2a = hn::MulAdd(d0, d0, s2a);
    s2b = hn::MulAdd(d1, d1, s2b);
  }
  if (k < n) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    s1a = hn::Add(s1a, d0);
    s2a = hn::MulAdd(d0, d0, s2a);
  }
  *s1 = hn::Add(s1a, s1b);
  *s2 = hn::Add(s2a, s2b);
}

// Sum of (x - mu)^2 over the n values starting at base (no sum of the
// deviations): two accumulators, one on each of the FMA pipes' chains.
template <class X>
HWY_INLINE V WindowSquares(X base, size_t n, V mu) {
  const D d;
  V a = hn::Zero(d), b = hn::Zero(d);
  size_t k = 0;
  for (; k + 2 <= n; k += 2) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    const V d1 = hn::Sub(LoadColumn(d, base + k + 1), mu);
    a = hn::MulAdd(d0, d0, a);
    b = hn::MulAdd(d1, d1, b);
  }
  if (k < n) {
    const V d0 = hn::Sub(LoadColumn(d, base + k), mu);
    a = hn::MulAdd(d0, d0, a);
  }
  return hn::Add(a, b);
}

// The population variance of the windows starting at base (lane j's at
// base + j) around mu: (s2 - s1^2/n) / n, never below 0 (rounding on a flat
// window). inv_n = 1/n.
template <class X>
HWY_INLINE V WindowVarianceOf(X base, size_t n, V mu, V inv_n) {
  V s1, s2;
  WindowMoments(base, n, mu, &s1, &s2);
  return hn::Max(hn::Mul(hn::NegMulAdd(s1, hn::Mul(s1, inv_n), s2), inv_n), hn::Zero(D()));
}

// Bollinger bands around the simple mean in one pass (Bollinger in
// kernels.h): the sliding-sum scan of RollingSum gives the middle band, block
// by block, and the corrected two-pass variance of each window (whose values
// are still in L1) gives the width. kChecked: also checks that every x is
// finite (the scan loads each one anyway) and Run returns whether all were.
template <bool kChecked, class X>
class BollingerPass {
 public:
  BollingerPass(X x, size_t n, double up, double down, double* upper, double* middle,
                double* lower)
      : x_(x), n_(n), inv_(1.0 / static_cast<double>(n)), up_(up), down_(down),
        upper_(upper), middle_(middle), lower_(lower), bad_(NoLanes(D())) {}

  HWY_INLINE bool Run(size_t m) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    if (n_ == 0 || m < n_) return true;
    if (kChecked && !AllFinite(0, n_)) return false;
    if (lanes > kMaxScanLanes) {
      if (kChecked && !AllFinite(n_, m)) return false;
      RollingSumReference(x_, m, n_, inv_, middle_);
      WindowBandsReference(x_, m, n_, middle_, middle_, up_, down_, upper_, lower_);
      return true;
    }
    const size_t resync = ResyncInterval(n_);
    double s = DirectSum(x_, n_);
    ScalarAt(n_ - 1, s);
    size_t i = n_;
    while (i < m) {
      const size_t end = std::min(m, i + resync);
      const size_t block = i;
      s = MeansOfBlock(&i, end, s);
      WidthsOfBlock(block, i, resync);
      for (; i < end; ++i) {
        if (kChecked) finite_ = finite_ && std::isfinite(x_[i]);
        s += x_[i] - x_[i - n_];
        ScalarAt(i, s);
      }
      if (i < m) s = DirectSum(x_ + i - n_, n_);
    }
    return finite_ && hn::AllFalse(d, bad_);
  }

 private:
  bool AllFinite(size_t from, size_t to) const {
    bool finite = true;
    for (size_t k = from; k < to; ++k) finite = finite && std::isfinite(x_[k]);
    return finite;
  }

  // Pass 1 over a block: the means of the whole vectors from *i to end (the
  // only loop-carried chain), from the window sum s before them; returns the
  // sum after them and advances *i.
  HWY_INLINE double MeansOfBlock(size_t* i, size_t end, double s) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V vinv = hn::Set(d, inv_);
    V carry = hn::Set(d, s);
    for (; *i + lanes <= end; *i += lanes) {
      const V xi = LoadColumn(d, x_ + *i);
      if (kChecked) bad_ = hn::Or(bad_, hn::Not(hn::IsFinite(xi)));
      const V u = hn::Sub(xi, LoadColumn(d, x_ + *i - n_));
      const V y = scan_.Step(u, &carry);
      hn::StoreU(hn::Mul(y, vinv), d, middle_ + *i);
    }
    return hn::GetLane(carry);
  }

  // Pass 2, on data still in L1: the widths of the outputs [block, end),
  // independent across vectors so the out-of-order core overlaps them.
  //
  // With s2 = sum (x - mu)^2 around the computed mean mu = m + delta, the
  // exact sum of squares is s2 - n delta^2. With M = max |x| over this
  // block's windows and the re-sum before it, the window sum's error is at
  // most eps M (n^2 + R (n + 80)) for R = resync: n^2 from the direct
  // re-sum, then per vector (every lane count up to 8) the differences
  // (8 * 2M), three in-vector scan steps (3 * 16M) and the carry add
  // ((n + 16) M). Divided by n, plus two roundings for the mean, and
  // doubled for margin: |delta| <= B below. When n B^2 <= eps s2 the
  // correction (sum (x - mu))^2 / n is below one rounding of s2 and is
  // skipped, which saves a third of the arithmetic; otherwise
  // (near-constant windows) the corrected two-pass formula runs.
  HWY_INLINE void WidthsOfBlock(size_t block, size_t end, size_t resync) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V vinv = hn::Set(d, inv_), vup = hn::Set(d, up_), vdown = hn::Set(d, down_);
    const double dn = static_cast<double>(n_);
    const double bound = 2.0 * (dn + static_cast<double>(resync) * (dn + 80.0) / dn + 2.0) *
                         0x1p-53 * MaxAbs(x_, block - n_, end);
    const V skip_below = hn::Set(d, dn * bound * bound * 0x1p53);
    for (size_t j = block; j < end; j += lanes) {
      const V mu = hn::LoadU(d, middle_ + j);
      const X base = x_ + j + 1 - n_;
      const V s2 = WindowSquares(base, n_, mu);
      V var;
      if (HWY_LIKELY(hn::AllFalse(d, s2 < skip_below))) {
        var = hn::Mul(s2, vinv);
      } else {
        var = WindowVarianceOf(base, n_, mu, vinv);
      }
      const V sd = hn::Sqrt(var);
      hn::StoreU(hn::MulAdd(vup, sd, mu), d, upper_ + j);
      hn::StoreU(hn::NegMulAdd(vdown, sd, mu), d, lower_ + j);
    }
  }

  // The bands of window i from its sum, one value at a time.
  HWY_INLINE void ScalarAt(size_t i, double sum) {
    const double mean = sum * inv_;
    double s1 = 0, s2 = 0;
    for (size_t k = i + 1 - n_; k <= i; ++k) {
      const double dev = x_[k] - mean;
      s1 += dev;
      s2 += dev * dev;
    }
    const double var = std::max(0.0, (s2 - s1 * (s1 * inv_)) * inv_);
    const double sd = std::sqrt(var);
    middle_[i] = mean;
    upper_[i] = mean + up_ * sd;
    lower_[i] = mean - down_ * sd;
  }

  const SumScan scan_{1.0};
  X x_;
  size_t n_;
  double inv_, up_, down_;
  double* HWY_RESTRICT upper_;
  double* HWY_RESTRICT middle_;
  double* HWY_RESTRICT lower_;
  M bad_;
  bool finite_ = true;
};

template <bool kChecked, class X>
bool BollingerT(X x, size_t m, size_t n, double up, double down, double* HWY_RESTRICT upper,
                double* HWY_RESTRICT middle, double* HWY_RESTRICT lower) {
  return BollingerPass<kChecked, X>(x, n, up, down, upper, middle, lower).Run(m);
}

// WindowDispersionChecked (kernels.h): SmaInto then WindowVariance or
// WindowStddev in one pass over x, a chunk of rows at a time: the means go
// to a buffer that stays in L1 and the outputs of the chunk are taken from
// it at once, so x is read once from memory. The means are RollingSum's:
// every block of ResyncInterval(n) rows starts from its own direct re-sum,
// so kGroup whole blocks are scanned side by side (independent latency
// chains) with each block's operations unchanged, the bits of the scan
// one block after the other. Each window's moments are WindowDeviation's
// operations lane for lane.
template <bool kStddev, class X>
class DispersionPass {
 public:
  static constexpr size_t kChunk = 1024;  // rows of means per buffer fill
  static constexpr size_t kHistory = 16;  // means kept from the last fill
  static constexpr size_t kGroup = 4;     // blocks scanned side by side

  DispersionPass(X x, size_t m, size_t n, double factor, double* out)
      : x_(x), m_(m), n_(n), inv_(1.0 / static_cast<double>(n)), factor_(factor), out_(out),
        resync_(ResyncInterval(n)) {}

  HWY_INLINE bool Run() {
    const D d;
    const size_t lanes = hn::Lanes(d);
    // Declines (false, nothing written) where the two passes would take
    // their scalar references; Compute() then runs them.
    if (n_ == 0 || m_ < n_ || lanes > kMaxScanLanes || lanes > kHistory ||
        m_ - (n_ - 1) < lanes) {
      return false;
    }
    bool finite = true;
    for (size_t k = 0; k < n_; ++k) finite = finite && std::isfinite(x_[k]);
    if (!finite) return false;
    M bad = NoLanes(d);
    V carry = hn::Zero(d);
    first_ = n_ - 1;
    mean_[kHistory] = inv_ * DirectSum(x_, n_);
    size_t row = n_, done = n_ - 1, block_end = n_;
    const size_t group = kGroup * resync_;
    do {  // at least once: with m = n the window ending at row n-1 is all
      size_t end;
      if (group <= kChunk && row + group <= m_) {
        ScanBlocks(row, bad);  // row is a block start here
        end = block_end = row + group;
      } else {
        end = std::min(m_, row + kChunk);
        ScanSpan(row, end, &block_end, carry, bad, finite);
      }
      done = Outputs(done, end);
      if (end < m_) Slide(end);
      row = end;
    } while (row < m_);
    return finite && hn::AllFalse(d, bad);
  }

 private:
  // Where row's mean is: up to kHistory rows before first_ (signed: no
  // wrapping offsets).
  double* Mean(size_t row) {
    return mean_ + kHistory + (static_cast<ptrdiff_t>(row) - static_cast<ptrdiff_t>(first_));
  }

  // The means of the kGroup whole blocks from row b.
  HWY_INLINE void ScanBlocks(size_t b, M& bad) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const X x = x_;
    const size_t n = n_, r = resync_;
    const V vinv = hn::Set(d, inv_);
    const SumScan scan = scan_;
    double* HWY_RESTRICT mean = Mean(b);
    V carry[kGroup];
    for (size_t g = 0; g < kGroup; ++g) carry[g] = hn::Set(d, DirectSum(x + b + g * r - n, n));
    for (size_t j = 0; j < r; j += lanes) {
#pragma GCC unroll 4
      for (size_t g = 0; g < kGroup; ++g) {
        const size_t i = b + g * r + j;
        const V xi = LoadColumn(d, x + i);
        bad = hn::Or(bad, hn::Not(hn::IsFinite(xi)));
        const V y = scan.Step(hn::Sub(xi, LoadColumn(d, x + i - n)), &carry[g]);
        hn::StoreU(hn::Mul(y, vinv), d, mean + g * r + j);
      }
    }
  }

  // The means of rows row..end-1, one block after the other: RollingSumT's
  // loop, resumed (*block_end: where the current block ends).
  HWY_INLINE void ScanSpan(size_t row, size_t end, size_t* block_end, V& carry, M& bad,
                           bool& finite) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const X x = x_;
    const size_t n = n_;
    const V vinv = hn::Set(d, inv_);
    double* HWY_RESTRICT mean = Mean(row);  // mean[i - row]: row i
    size_t i = row;
    while (i < end) {
      if (i == *block_end) {  // the re-sum that starts every block
        carry = hn::Set(d, DirectSum(x + i - n, n));
        *block_end = std::min(m_, i + resync_);
      }
      const size_t stop = std::min(end, *block_end);
      for (; i + lanes <= stop; i += lanes) {
        const V xi = LoadColumn(d, x + i);
        bad = hn::Or(bad, hn::Not(hn::IsFinite(xi)));
        const V y = scan_.Step(hn::Sub(xi, LoadColumn(d, x + i - n)), &carry);
        hn::StoreU(hn::Mul(y, vinv), d, mean + (i - row));
      }
      double s = hn::GetLane(carry);
      for (; i < stop; ++i) {  // the series' last rows only
        finite = finite && std::isfinite(x[i]);
        s += x[i] - x[i - n];
        mean[i - row] = inv_ * s;
      }
    }
  }

  // The outputs of whole vectors of rows from `done` whose means are in;
  // the last vector of the series overlaps the one before (equal values).
  // Returns the first row not done.
  HWY_INLINE size_t Outputs(size_t done, size_t end) {
    const D d;
    const size_t lanes = hn::Lanes(d);
    const X x = x_;
    const size_t n = n_;
    const V vinv = hn::Set(d, inv_), vfactor = hn::Set(d, factor_);
    double* HWY_RESTRICT out = out_;
    auto one = [&](size_t i) CW_INLINE_LAMBDA {
      const V mu = hn::LoadU(d, Mean(i));
      const V var = WindowVarianceOf(x + i + 1 - n, n, mu, vinv);
      hn::StoreU(hn::Mul(kStddev ? hn::Sqrt(var) : var, vfactor), d, out + i);
    };
    size_t i = done;
    for (; i + lanes <= end; i += lanes) one(i);
    if (end == m_ && i < m_) one(m_ - lanes);
    return end == m_ ? m_ : i;
  }

  // Keeps the last kHistory means (a partial vector's rows and the final
  // overlap read them) and starts the next fill at row end.
  HWY_INLINE void Slide(size_t end) {
    std::copy(Mean(end - kHistory), Mean(end), mean_);
    first_ = end;
  }

  const SumScan scan_{1.0};
  X x_;
  size_t m_, n_;
  double inv_, factor_;
  double* HWY_RESTRICT out_;
  size_t resync_, first_ = 0;
  HWY_ALIGN double mean_[kHistory + kChunk + 1];
};

template <bool kStddev, class X>
bool WindowDispersionCheckedT(X x, size_t m, size_t n, double factor, double* HWY_RESTRICT out) {
  return DispersionPass<kStddev, X>(x, m, n, factor, out).Run();
}

// What a window kernel stores: the variance, factor * standard deviation,
// Bollinger bands (two outputs), or the mean absolute deviation.
enum class WindowResult { kVariance, kStddev, kBands, kMeanAbsDeviation };

struct WindowOutputs {
  double* out;           // variance / stddev / MAD, or the upper band
  double* lower;         // kBands
  const double* middle;  // kBands
  double up, down;       // kBands: multipliers; kStddev: up is the factor
};

// WindowVariance, WindowStddev, WindowBands, WindowMeanAbsDeviation
// (kernels.h): O(n) per output, vectorised across outputs.
template <WindowResult kResult, class X>
HWY_INLINE void WindowDeviation(X x, size_t m, size_t n,
                                const double* HWY_RESTRICT mean, const WindowOutputs& o) {
  constexpr bool kAbsolute = kResult == WindowResult::kMeanAbsDeviation;
  const D d;
  const size_t lanes = hn::Lanes(d);
  if (n == 0 || m < n) return;
  if (m - (n - 1) < lanes) {
    switch (kResult) {
      case WindowResult::kMeanAbsDeviation:
        return WindowMeanAbsDeviationReference(x, m, n, mean, o.out);
      case WindowResult::kVariance:
        return WindowVarianceReference(x, m, n, mean, o.out);
      case WindowResult::kStddev:
        return WindowStddevReference(x, m, n, mean, o.up, o.out);
      case WindowResult::kBands:
        return WindowBandsReference(x, m, n, mean, o.middle, o.up, o.down, o.out, o.lower);
    }
  }
  const V up = hn::Set(d, o.up), down = hn::Set(d, o.down);
  const V inv_n = hn::Set(d, 1.0 / static_cast<double>(n));
  const V zero = hn::Zero(d);
  auto one = [&](size_t i) CW_INLINE_LAMBDA {
    const V mu = hn::LoadU(d, mean + i);
    const X base = x + i + 1 - n;  // lane j's window starts at base + j
    if (kAbsolute) {
      V s1a = zero, s1b = zero;
      size_t k = 0;
      for (; k + 2 <= n; k += 2) {
        s1a = hn::Add(s1a, hn::Abs(hn::Sub(LoadColumn(d, base + k), mu)));
        s1b = hn::Add(s1b, hn::Abs(hn::Sub(LoadColumn(d, base + k + 1), mu)));
      }
      if (k < n) s1a = hn::Add(s1a, hn::Abs(hn::Sub(LoadColumn(d, base + k), mu)));
      hn::StoreU(hn::Mul(hn::Add(s1a, s1b), inv_n), d, o.out + i);
      return;
    }
    const V var = WindowVarianceOf(base, n, mu, inv_n);
    if (kResult == WindowResult::kVariance) {
      hn::StoreU(var, d, o.out + i);
    } else if (kResult == WindowResult::kStddev) {
      hn::StoreU(hn::Mul(hn::Sqrt(var), up), d, o.out + i);
    } else {
      const V sd = hn::Sqrt(var);
      const V mid = hn::LoadU(d, o.middle + i);
      hn::StoreU(hn::MulAdd(up, sd, mid), d, o.out + i);
      hn::StoreU(hn::NegMulAdd(down, sd, mid), d, o.lower + i);
    }
  };
  size_t i = n - 1;
  for (; i + lanes <= m; i += lanes) one(i);
  if (i < m) one(m - lanes);
}

template <class X>
void WindowVarianceT(X x, size_t m, size_t n, const double* mean, double* out) {
  WindowDeviation<WindowResult::kVariance>(x, m, n, mean, {out, nullptr, nullptr, 0, 0});
}
template <class X>
void WindowStddevT(X x, size_t m, size_t n, const double* mean, double factor, double* out) {
  WindowDeviation<WindowResult::kStddev>(x, m, n, mean, {out, nullptr, nullptr, factor, 0});
}
template <class X>
void WindowBandsT(X x, size_t m, size_t n, const double* mean, const double* middle, double up,
                  double down, double* upper, double* lower) {
  WindowDeviation<WindowResult::kBands>(x, m, n, mean, {upper, lower, middle, up, down});
}
template <class X>
void WindowMeanAbsDeviationT(X x, size_t m, size_t n, const double* mean, double* out) {
  WindowDeviation<WindowResult::kMeanAbsDeviation>(x, m, n, mean, {out, nullptr, nullptr, 0, 0});
}

CW_SIMD_NAMESPACE_END

#endif  // per-target include guard
