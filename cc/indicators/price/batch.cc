// The price transforms over a whole series: one validating pass of the
// PriceTransformChecked kernel, whose lanes compute PriceValue
// (price/scalar.h) bit for bit; the stream (price/stream.cc) calls
// PriceValue per bar. Pivots are PivotsOf the previous bar.
#include <cstddef>

#include "cc/indicators/price/price.h"

namespace candlewick {
namespace indicators {
namespace {

using namespace stream_internal;  // the engine factories

// Inputs as PriceOp says: (high, low[, close]) or (open, high, low, close).
// On a run already validated the kernel succeeds: Compute and Checked give
// the same bits.
template <PriceOp kOp>
struct Transform : ComputedByChecked<Transform<kOp>>, FixedLookback<0> {
  template <class In>
  static bool Checked(const In* in, size_t m, const double*, double* const* out, Scratch) {
    return PriceTransformChecked(kOp, in, m, out[0]);
  }
};

// Classic floor pivots of the previous row, written on the current row.
// Outputs p, r1, r2, r3, s1, s2, s3.
struct Pivots : FixedLookback<1> {
  template <class In>
  static void Compute(const In* in, size_t m, const double*, double* const* out, Scratch) {
    for (size_t j = 0; j < 7; ++j) out[j][0] = kNaN;
    for (size_t i = 1; i < m; ++i) {
      const PivotLevels v = PivotsOf(in[0][i - 1], in[1][i - 1], in[2][i - 1]);
      out[0][i] = v.p;
      out[1][i] = v.r1;
      out[2][i] = v.r2;
      out[3][i] = v.r3;
      out[4][i] = v.s1;
      out[5][i] = v.s2;
      out[6][i] = v.s3;
    }
  }
};

}  // namespace

constexpr Implementation kMedprice = Implement<Transform<PriceOp::kMedian>>(NewMedpriceEngine);
constexpr Implementation kTypprice = Implement<Transform<PriceOp::kTypical>>(NewTyppriceEngine);
constexpr Implementation kWclprice = Implement<Transform<PriceOp::kWeighted>>(NewWclpriceEngine);
constexpr Implementation kAvgprice = Implement<Transform<PriceOp::kAverage>>(NewAvgpriceEngine);
constexpr Implementation kBop = Implement<Transform<PriceOp::kBalance>>(NewBopEngine);
constexpr Implementation kPivots = Implement<Pivots>(NewPivotsEngine);

}  // namespace indicators
}  // namespace candlewick
