// The volume kernels: the A/D line, the Chaikin oscillator and on-balance
// volume, each validating its rows in the same pass. Highway code in
// volume/kernels-inl.h for the best target this CPU supports
// (volume/kernels.cc dispatches); one-bar definitions and the reference in
// volume/scalar.h. Input columns as in moving_average/kernels.h; `cols` are
// high, low, close, volume.
#ifndef CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_H_
#define CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_H_

#include <cstddef>

#include "cc/indicators/column.h"
#include "cc/indicators/volume/scalar.h"

namespace candlewick {
namespace indicators {

// What each target provides (volume/kernels.cc).
template <class X>
struct VolumeKernels {
  bool (*accumulation_distribution)(const X* cols, size_t m, double* out);
  bool (*accumulation_distribution_checked)(const X* cols, size_t m, double* out);
  bool (*chaikin_oscillator_checked)(const X* cols, size_t m, double kf, double ks,
                                     double* out);
  bool (*on_balance_volume_checked)(X c, X v, size_t m, double* out);
};
template <class X>
const VolumeKernels<X>& VolumeKernelsFor();

// Chaikin's accumulation/distribution line over cols = high, low, close,
// volume: out[i] = sum over rows <= i of MoneyFlowVolumeValue. The money
// flows are computed a vector at a time and summed by a prefix scan (a
// different summation order than a running sum: agreement within rounding,
// not bits). The Checked variant also validates every row (all finite,
// high >= low, volume >= 0) in the same pass and returns false when one is
// bad (out then unspecified).
template <class X>
void AccumulationDistribution(const X* cols, size_t m, double* out) {
  VolumeKernelsFor<KernelColumn<X>>().accumulation_distribution(cols, m, out);
}
template <class X>
bool AccumulationDistributionChecked(const X* cols, size_t m, double* out) {
  return VolumeKernelsFor<KernelColumn<X>>().accumulation_distribution_checked(cols, m, out);
}

// The Chaikin A/D oscillator in the same single pass: the A/D line as
// AccumulationDistribution, and out[i] = EMA_kf(AD) - EMA_ks(AD) for
// 1 <= i < m, both EMAs seeded with AD[0] (TA-Lib's ADOSC); out[0] is left
// alone. Validates every row as the Checked variant (false: out unspecified).
template <class X>
bool ChaikinOscillatorChecked(const X* cols, size_t m, double kf, double ks, double* out) {
  return VolumeKernelsFor<KernelColumn<X>>().chaikin_oscillator_checked(cols, m, kf, ks, out);
}

// On-balance volume over close c and volume v: out[0] = v[0], then
// out[i] = ObvStep(out[i-1], c[i], c[i-1], v[i]); the running total by a
// prefix scan (exactly the sequential sums whenever the totals are integers
// below 2^53, as share volumes are). Validates every row (both finite,
// volume >= 0) in the same pass: false when one is bad (out unspecified).
template <class C, class V>
bool OnBalanceVolumeChecked(C c, V v, size_t m, double* out) {
  return VolumeKernelsFor<KernelColumn<C>>().on_balance_volume_checked(c, v, m, out);
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_VOLUME_KERNELS_H_
