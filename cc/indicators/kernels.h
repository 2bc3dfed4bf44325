// The numeric kernels under every indicator. Each has a Highway implementation
// picked at run time for the best target this CPU supports and a plain scalar
// reference in kernels_reference.h that the tests compare against on every
// compiled target.
//
// Every kernel that reads an input column comes twice: over `const double*`
// (unit stride) and over StridedColumn (any stride, read in place, the same
// arithmetic in the same order, so the same bits). Intermediate arrays
// (means, outputs) are always contiguous.
//
// All kernels take finite data (the indicator layer splits a
// series at non-finite rows before calling them) and never allocate. Output
// positions a kernel does not define are left untouched.
#ifndef CANDLEWICK_CC_INDICATORS_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"

namespace candlewick {
namespace indicators {

// out[i] = scale * (x[i-n+1] + ... + x[i]) for n-1 <= i < m (n >= 1); scale
// 1/n gives the simple moving average without another pass. x and out must
// not overlap (x[i-n] is read after out[i-n] is written). A sliding sum
// computed as a vector prefix scan of x[i] - x[i-n], re-seeded with a direct
// sum of the window every max(64, n) outputs (rounded up to a multiple of 8)
// so that rounding cannot drift (worst case about that many ulp of the
// largest window sum in one stretch).
void RollingSum(const double* x, size_t m, size_t n, double scale, double* out);

// y[i] = a * y[i-1] + b * x[i] for 0 <= i < m, with y[-1] = y0: the EMA and
// Wilder smoothing recurrence. Vectorised as a prefix scan with powers of a
// inside each vector and one carry per vector, so the loop-carried latency is
// one FMA and one permute per vector instead of one FMA per element.
void LinearRecurrence(const double* x, size_t m, double a, double b, double y0,
                      double* y);

// Wilder RSI from bar `n` on: avg_gain/avg_loss are the seeds (the means of
// the first n gains and losses, i.e. the state at bar n); for i in (n, m) the
// averages follow avg = a*avg + b*move with a = (n-1)/n, b = 1/n, and
// out[i] = 100 * gain / (gain + loss) (0 when both are 0). out[n] is written
// from the seeds.
void RsiFromSeeds(const double* x, size_t m, size_t n, double avg_gain,
                  double avg_loss, double* out);

// LinearRecurrence that also stores the residual r[i] = x[i] - y[i] (the
// MACD histogram next to its signal line) in the same pass.
void LinearRecurrenceWithResidual(const double* x, size_t m, double a, double b, double y0,
                                  double* y, double* r);

// The MACD line in one pass: two EMAs of x, ef = (1-kf) ef + kf x and
// es = (1-ks) es + ks x, from ef0/es0 (their values at bar -1), and
// out[i] = ef - es for 0 <= i < m.
void EmaDifference(const double* x, size_t m, double kf, double ks, double ef0, double es0,
                   double* out);

// Wilder's ATR in one pass over high/low/close: for n < i < m,
// atr = a * atr + b * TR[i] with a = (n-1)/n, b = 1/n, starting from `seed`
// (the ATR at bar n); out[i] = atr.
void WilderAverageTrueRange(const double* h, const double* l, const double* c, size_t m,
                            size_t n, double seed, double* out);

// WilderAverageTrueRange that also validates rows n+1..m-1 in the same pass
// (every value finite, h >= l; and the close of row n): true when all were
// fine. When false, out holds unspecified values from n+1 on.
bool WilderAverageTrueRangeChecked(const double* h, const double* l, const double* c, size_t m,
                                   size_t n, double seed, double* out);

// Chande momentum oscillator with TA-Lib's Wilder smoothing: as
// RsiFromSeeds, but out[i] = 100 * (gain - loss) / (gain + loss).
void CmoFromSeeds(const double* x, size_t m, size_t n, double avg_gain, double avg_loss,
                  double* out);

// out[i] = max(h[i] - l[i], |h[i] - c[i-1]|, |l[i] - c[i-1]|) for 1 <= i < m.
void TrueRange(const double* h, const double* l, const double* c, size_t m,
               double* out);

// Population variance of each window x[i-n+1..i] for n-1 <= i < m, around
// mean[i] (an approximation of the window mean). Corrected two-pass formula
// (sum d^2 - (sum d)^2 / n) / n with d = x - mean[i]: d is exact when x and
// the mean are within a factor of two, and the correction cancels the mean's
// error to first order, so the result is within a few n ulp of the exact
// variance whatever the magnitude of the prices. O(n) per output, vectorised
// across outputs.
void WindowVariance(const double* x, size_t m, size_t n, const double* mean,
                    double* out);

// factor * sqrt(population variance) of each window, as WindowVariance.
void WindowStddev(const double* x, size_t m, size_t n, const double* mean, double factor,
                  double* out);

// Bollinger bands from the window variance around mean[i]:
// upper[i] = middle[i] + up * sd, lower[i] = middle[i] - down * sd, for
// n-1 <= i < m (middle may equal mean).
void WindowBands(const double* x, size_t m, size_t n, const double* mean, const double* middle,
                 double up, double down, double* upper, double* lower);

// Bollinger bands around the simple mean in one pass, for n-1 <= i < m:
// middle = RollingSum(x)/n (the same sliding-sum scan and resync), and
// upper/lower = middle +- up/down * the window's population standard
// deviation (corrected two-pass around middle[i]).
void Bollinger(const double* x, size_t m, size_t n, double up, double down, double* upper,
               double* middle, double* lower);

// Bollinger that also checks that every x[0..m) is finite, in the same pass:
// true when all were. When false the outputs hold unspecified values.
bool BollingerChecked(const double* x, size_t m, size_t n, double up, double down,
                      double* upper, double* middle, double* lower);

// Mean absolute deviation of each window around mean[i]:
// sum |x - mean[i]| / n, for n-1 <= i < m. O(n) per output (CCI).
void WindowMeanAbsDeviation(const double* x, size_t m, size_t n,
                            const double* mean, double* out);

// Largest (kMax) or smallest value of each window x[i-w+1..i], for
// w-1 <= i < m: out[i]. O(w) per vector of outputs, branch-free (the
// monotonic deque's pops mispredict on price data); meant for w up to
// kDirectWindowMax, beyond which the caller's deque is cheaper.
inline constexpr size_t kDirectWindowMax = 64;
void RollingMax(const double* x, size_t m, size_t w, double* out);
void RollingMin(const double* x, size_t m, size_t w, double* out);
// The same, also checking that every x[0..m) is finite (false: out
// unspecified).
bool RollingMaxChecked(const double* x, size_t m, size_t w, double* out);
bool RollingMinChecked(const double* x, size_t m, size_t w, double* out);
// (max + min) / 2 of each window into mid, in the same single pass (a short
// series may use `scratch`, m doubles, for the minima).
bool RollingMidpointChecked(const double* x, size_t m, size_t w, double* mid, double* scratch);
// The highest high and lowest low of each window (h and l two columns),
// checking every row (finite, high >= low) in the same pass; or straight
// their midpoint (MIDPRICE).
bool HighLowRangeChecked(const double* h, const double* l, size_t m, size_t w, double* hi,
                         double* lo);
bool HighLowMidpointChecked(const double* h, const double* l, size_t m, size_t w, double* mid,
                            double* scratch);

// Bars since the largest (RollingMaxAge) or smallest value of each window
// x[i-w+1..i], the most recent one on ties (TA-Lib's AROON): out[i] in
// [0, w), for w-1 <= i < m. As RollingMax, for w up to kDirectWindowMax.
void RollingMaxAge(const double* x, size_t m, size_t w, double* out);
void RollingMinAge(const double* x, size_t m, size_t w, double* out);

// Least-squares line through each window x[i-n+1..i] (oldest at t = 0), for
// n-1 <= i < m: mean[i] and slope[i] (per bar), computed around the newest
// value x[i] with d = x - x[i]: mean = x[i] + sum(d)/n,
// slope = sum((t - (n-1)/2) d) / (n (n^2 - 1) / 12). A flat window gives a
// slope of exactly 0. Each lane does the scalar reference's operations in
// its order (no fused multiply-add), so the values are bit-identical to it.
void WindowLinearFit(const double* x, size_t m, size_t n, double* mean, double* slope);

// The price transforms and the true range in one pass that also validates
// every row (all columns finite, high >= low): true when all were fine,
// else the output holds unspecified values. `cols` in the indicator's input
// order: kMedian, kTypical, kWeighted (high, low[, close]); kAverage,
// kBalance (open, high, low, close); kTrueRange (high, low, close; out[0]
// is left alone). The formulas and their order are those of the compute
// functions (functions.cc), so the values are the same bits.
enum class PriceOp { kMedian, kTypical, kWeighted, kAverage, kBalance, kTrueRange };
bool PriceTransformChecked(PriceOp op, const double* const* cols, size_t m, double* out);
bool PriceTransformChecked(PriceOp op, const StridedColumn* cols, size_t m, double* out);

// Chaikin's accumulation/distribution line over cols = high, low, close,
// volume: out[i] = sum over rows <= i of ((c - l) - (h - c)) / (h - l) * v
// (0 where h - l is not positive). The money flows are computed a vector at
// a time and summed by a prefix scan (a different summation order than a
// running sum: agreement within rounding, not bits). The Checked variant
// also validates every row (all finite, high >= low, volume >= 0) in the
// same pass and returns false when one is bad (out then unspecified).
void AccumulationDistribution(const double* const* cols, size_t m, double* out);
bool AccumulationDistributionChecked(const double* const* cols, size_t m, double* out);
void AccumulationDistribution(const StridedColumn* cols, size_t m, double* out);
bool AccumulationDistributionChecked(const StridedColumn* cols, size_t m, double* out);

// The Chaikin A/D oscillator in the same single pass: the A/D line as
// AccumulationDistribution, and out[i] = EMA_kf(AD) - EMA_ks(AD) for
// 1 <= i < m, both EMAs seeded with AD[0] (TA-Lib's ADOSC); out[0] is left
// alone. Validates every row as the Checked variant (false: out unspecified).
bool ChaikinOscillatorChecked(const double* const* cols, size_t m, double kf, double ks,
                              double* out);
bool ChaikinOscillatorChecked(const StridedColumn* cols, size_t m, double kf, double ks,
                              double* out);

// The Ultimate Oscillator over high/low/close with sorted periods
// p0 <= p1 <= p2: buying pressure bp = c - min(l, prev c) and true range
// tr = max(h, prev c) - min(l, prev c) go to the caller's scratch (m
// doubles each); then for p2 <= i < m, with a_k = sum bp / sum tr over the
// p_k bars ending at i (0 when that sum is 0),
// out[i] = 100/7 * (4 a0 + 2 a1 + a2), the three ratios over one common
// denominator (one division per output). The window sums are direct
// (O(p2) per vector of outputs, all three windows in one sweep): no
// subtraction, so a window of zero ranges sums to exactly 0 and the sums
// carry a few ulp, not a sliding sum's residue.
// Also validates every row (all finite, high >= low) where it is first
// read: returns false when one is bad (out then unspecified).
bool UltimateOscillator(const double* h, const double* l, const double* c, size_t m,
                        size_t p0, size_t p1, size_t p2, double* bp, double* tr, double* out);
bool UltimateOscillator(StridedColumn h, StridedColumn l, StridedColumn c, size_t m,
                        size_t p0, size_t p1, size_t p2, double* bp, double* tr, double* out);

// MOM and the rate-of-change family over x with lag n, for n <= i < m,
// validating that every x[0..m) is finite in the same pass (true when all
// were; false: out unspecified). With prev = x[i-n]: kMomentum x - prev;
// kRoc (x/prev - 1)*100; kRocp (x - prev)/prev; kRocr x/prev; kRocr100
// (x/prev)*100; the ratios are 0 where prev is 0 (TA-Lib). The formulas of
// the compute functions, so the same bits.
enum class LagOp { kMomentum, kRoc, kRocp, kRocr, kRocr100 };
bool LagTransformChecked(LagOp op, const double* x, size_t m, size_t n, double* out);
bool LagTransformChecked(LagOp op, StridedColumn x, size_t m, size_t n, double* out);

// Wilder's directional movement over high/low/close (TA-Lib's +DM, -DM and
// true range): bars 1..n-1 are summed, then from bar n on each sum is
// smoothed as v = v (n-1)/n + today's value, which TA-Lib writes
// v - v/n + x. Written for n <= i < m into plus/minus/tr. The smoothing is
// the LinearRecurrence scan (TA-Lib's form has a division on its
// loop-carried chain: about 20 cycles per bar), so values agree with
// TA-Lib and the stream within rounding, not bit for bit.
void WilderDirectional(const double* h, const double* l, const double* c, size_t m, size_t n,
                       double* plus, double* minus, double* tr);
void WilderDirectional(StridedColumn h, StridedColumn l, StridedColumn c, size_t m, size_t n,
                       double* plus, double* minus, double* tr);

// Element-wise combinations of a window's highest `hi` and lowest `lo`
// (contiguous, e.g. from RollingMax/RollingMin) for from <= i < m; out may
// be lo (in place). kMidpoint: (hi + lo) / 2; kFastK (stochastic %K):
// d = (hi - lo) / 100, d != 0 ? (c - lo) / d : 0; kWillr (Williams' %R):
// d = (hi - lo) / -100, d != 0 ? (hi - c) / d : 0; kPercentOf (NATR):
// c != 0 ? (hi / c) * 100 : 0 (lo unused). The compute functions'
// formulas, so the same bits as their scalar loops.
enum class RangeOp { kMidpoint, kFastK, kWillr, kPercentOf };
void RangeCombine(RangeOp op, const double* hi, const double* lo, const double* c, size_t from,
                  size_t m, double* out);
void RangeCombine(RangeOp op, const double* hi, const double* lo, StridedColumn c, size_t from,
                  size_t m, double* out);

// An adaptive moving average's recurrence (KAMA): y[i] = y[i-1] +
// sc[i] * (x[i] - y[i-1]) for 0 <= i < m, from y[-1] = y0, with a smoothing
// constant per bar. A scan with a varying coefficient (1 - sc) over
// deviations from a level taken from the output every 64 bars: the
// loop-carried chain is one multiply-add per vector, and a series equal to
// the current value stays exactly equal (a flat series gives its value).
void AdaptiveSmoothing(const double* x, const double* sc, size_t m, double y0, double* y);
void AdaptiveSmoothing(StridedColumn x, const double* sc, size_t m, double y0, double* y);

// KAMA's smoothing constants for n <= i < m, from the n-bar change
// x[i] - x[i-n] and sum[i], the sum of |one-bar moves| over the same n
// bars: er = 1 where sum <= change or sum == 0, else |change / sum|;
// sc[i] = (er (2/3 - 2/31) + 2/31)^2 (TA-Lib's KAMA with its fixed 2- and
// 30-bar bounds).
void KamaConstants(const double* x, const double* sum, size_t m, size_t n, double* sc);
void KamaConstants(StridedColumn x, const double* sum, size_t m, size_t n, double* sc);

// On-balance volume over close c and volume v: out[0] = v[0], then
// out[i] = out[i-1] + v[i] when c rose, - v[i] when it fell, + 0 when flat;
// the running total by a prefix scan (exactly the sequential sums whenever
// the totals are integers below 2^53, as share volumes are). Validates
// every row (both finite, volume >= 0) in the same pass: false when one is
// bad (out unspecified).
bool OnBalanceVolumeChecked(const double* c, const double* v, size_t m, double* out);
bool OnBalanceVolumeChecked(StridedColumn c, StridedColumn v, size_t m, double* out);

// One validation pass over `count` columns of m rows: the first row with a
// non-finite value in any column, or (when high >= 0) cols[high] < cols[low],
// or (when volume >= 0) cols[volume] < 0. m when every row is fine. The
// caller tells the cases apart on the returned row.
size_t FirstSuspectRow(const double* const* cols, size_t count, size_t m, int high, int low,
                       int volume);

// The same kernels over strided input columns (see the top of this file).
void RollingSum(StridedColumn x, size_t m, size_t n, double scale, double* out);
void LinearRecurrence(StridedColumn x, size_t m, double a, double b, double y0, double* y);
void RsiFromSeeds(StridedColumn x, size_t m, size_t n, double avg_gain, double avg_loss,
                  double* out);
void LinearRecurrenceWithResidual(StridedColumn x, size_t m, double a, double b, double y0,
                                  double* y, double* r);
void EmaDifference(StridedColumn x, size_t m, double kf, double ks, double ef0, double es0,
                   double* out);
void WilderAverageTrueRange(StridedColumn h, StridedColumn l, StridedColumn c, size_t m,
                            size_t n, double seed, double* out);
bool WilderAverageTrueRangeChecked(StridedColumn h, StridedColumn l, StridedColumn c, size_t m,
                                   size_t n, double seed, double* out);
void CmoFromSeeds(StridedColumn x, size_t m, size_t n, double avg_gain, double avg_loss,
                  double* out);
void TrueRange(StridedColumn h, StridedColumn l, StridedColumn c, size_t m, double* out);
void WindowVariance(StridedColumn x, size_t m, size_t n, const double* mean, double* out);
void WindowStddev(StridedColumn x, size_t m, size_t n, const double* mean, double factor,
                  double* out);
void WindowBands(StridedColumn x, size_t m, size_t n, const double* mean, const double* middle,
                 double up, double down, double* upper, double* lower);
void Bollinger(StridedColumn x, size_t m, size_t n, double up, double down, double* upper,
               double* middle, double* lower);
bool BollingerChecked(StridedColumn x, size_t m, size_t n, double up, double down,
                      double* upper, double* middle, double* lower);
void WindowMeanAbsDeviation(StridedColumn x, size_t m, size_t n, const double* mean,
                            double* out);
size_t FirstSuspectRow(const StridedColumn* cols, size_t count, size_t m, int high, int low,
                       int volume);
void RollingMax(StridedColumn x, size_t m, size_t w, double* out);
void RollingMin(StridedColumn x, size_t m, size_t w, double* out);
bool RollingMaxChecked(StridedColumn x, size_t m, size_t w, double* out);
bool RollingMinChecked(StridedColumn x, size_t m, size_t w, double* out);
bool RollingMidpointChecked(StridedColumn x, size_t m, size_t w, double* mid, double* scratch);
bool HighLowRangeChecked(StridedColumn h, StridedColumn l, size_t m, size_t w, double* hi,
                         double* lo);
bool HighLowMidpointChecked(StridedColumn h, StridedColumn l, size_t m, size_t w, double* mid,
                            double* scratch);
void RollingMaxAge(StridedColumn x, size_t m, size_t w, double* out);
void RollingMinAge(StridedColumn x, size_t m, size_t w, double* out);
void WindowLinearFit(StridedColumn x, size_t m, size_t n, double* mean, double* slope);

// The Highway target the dispatcher picks now ("AVX3", "SCALAR", ...).
const char* KernelTargetName();

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_KERNELS_H_
