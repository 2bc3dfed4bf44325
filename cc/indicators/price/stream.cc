// The price transforms one bar at a time: PriceValue and PivotLevels of
// price/scalar.h, the formulas the batch's kernel computes.
#include <algorithm>
#include <cstddef>

#include "cc/indicators/price/price.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

// A bar-by-bar formula without state; inputs in the indicator's order.
class TransformEngine final : public Engine {
 public:
  explicit TransformEngine(PriceOp op) : op_(op) {}
  void Reset() override {}
  void Push(const double* in, double* out) override {
    switch (op_) {
      case PriceOp::kMedian:
        out[0] = PriceValue(op_, 0, in[0], in[1], 0, 0);
        return;
      case PriceOp::kAverage:
      case PriceOp::kBalance:
        out[0] = PriceValue(op_, in[0], in[1], in[2], in[3], 0);
        return;
      default:  // kTypical, kWeighted
        out[0] = PriceValue(op_, 0, in[0], in[1], in[2], 0);
    }
  }

 private:
  PriceOp op_;
};

// Classic floor pivots of the previous bar.
class PivotsEngine final : public Engine {
 public:
  void Reset() override { have_prev_ = false; }
  void Push(const double* in, double* out) override {
    if (have_prev_) {
      const PivotLevels v = PivotsOf(h_, l_, c_);
      const double levels[7] = {v.p, v.r1, v.r2, v.r3, v.s1, v.s2, v.s3};
      std::copy(levels, levels + 7, out);
    } else {
      FillNaN(out, 7);
    }
    h_ = in[0];
    l_ = in[1];
    c_ = in[2];
    have_prev_ = true;
  }

 private:
  bool have_prev_ = false;
  double h_ = 0, l_ = 0, c_ = 0;
};

}  // namespace

Engine* NewMedpriceEngine(const double*, Arena& a) {
  return a.New<TransformEngine>(PriceOp::kMedian);
}
Engine* NewTyppriceEngine(const double*, Arena& a) {
  return a.New<TransformEngine>(PriceOp::kTypical);
}
Engine* NewWclpriceEngine(const double*, Arena& a) {
  return a.New<TransformEngine>(PriceOp::kWeighted);
}
Engine* NewAvgpriceEngine(const double*, Arena& a) {
  return a.New<TransformEngine>(PriceOp::kAverage);
}
Engine* NewBopEngine(const double*, Arena& a) { return a.New<TransformEngine>(PriceOp::kBalance); }
Engine* NewPivotsEngine(const double*, Arena& a) { return a.New<PivotsEngine>(); }

}  // namespace stream_internal
}  // namespace indicators
}  // namespace candlewick
