// Incremental (streaming) indicators: one bar in, that bar's outputs out, in
// O(1) (amortised for rolling extremes; O(period) for CCI, whose mean
// absolute deviation has no exact O(1) update, and for the LINEARREG family
// and TSF, which fit each window around its newest value as the batch does),
// with exactly the values the batch Compute() gives at that row of the same
// series. Every indicator of the registry streams.
//
// Memory: Init() sizes every ring buffer from the parameters and takes all of
// the state in one allocation from the hooks; Push() and Reset() never
// allocate, also not on error (messages go to a fixed buffer).
//
// The batch NaN policy holds bar by bar: a bar with a non-finite input gives
// NaN outputs and restarts the state, so the next bar is the first of a new
// run, seeded again exactly as at the start of a series.
//
// Agreement with Compute() (stream_test.cc checks all of it):
//   * bit-identical where the batch path is a scalar loop: WMA (its periodic
//     re-sum is reproduced by a shadow accumulator), TRANGE, MOM, the ROC
//     family, WILLR, STOCHF with a WMA %D, OBV (a prefix scan, exact for
//     integer volumes), AROON, AROONOSC, MIDPRICE, MIDPOINT, MAX, MIN, the price
//     transforms, BOP, HMA, SAR, the LINEARREG family, TSF, VWAP, AVWAP,
//     Donchian, Ichimoku and pivots;
//   * within 1e-12 of max(|value|, 100) where the batch path is a Highway
//     scan whose rounding a one-step update cannot reproduce (SMA, SUM, the
//     directional-movement family,
//     EMA family, RSI, CMO, ATR, NATR, MACD, APO, PPO, TRIX, KAMA, MFI,
//     STOCH, STOCHF, BBANDS, STDDEV, VAR, VWMA, STOCHRSI, ULTOSC, ADOSC,
//     CMF, Keltner, Supertrend, Elder ray, TSI; measured: about 1e-14), and
//     within 1e-12 of the condition number for CCI (|tp| / (0.015 mad)),
//     STOCHRSI (100 * 100 / RSI range), ADOSC (|AD|), VWMA (docs) and AD
//     (the running sum of |money flow|: the batch sums the flows by a
//     prefix scan);
//   * VAR, STDDEV and the band width keep the batch precision (within 1e-12
//     relative of the batch and of an exact long-double computation on a
//     series falling from 800 to 0.005; measured below 1e-15).
#ifndef CANDLEWICK_CC_INDICATORS_STREAM_H_
#define CANDLEWICK_CC_INDICATORS_STREAM_H_

#include <cstddef>

#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/indicators/indicators.h"

namespace candlewick {
namespace indicators {

// True when `id` has a streaming implementation (Stream::Init accepts it).
bool StreamSupported(Id id);

namespace stream_internal {
class Engine;
}  // namespace stream_internal

class Stream {
 public:
  explicit Stream(const AllocatorHooks& hooks) : hooks_(hooks) {}
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Builds the state of indicator `id` with `params` (as ResolveParams: a
  // shorter list takes the defaults). Returns kOk; kInvalidArgument (unknown
  // id, no streaming support, a bad parameter); kOutOfMemory (the hooks
  // failed; the stream stays empty). Call once.
  ErrorCode Init(Id id, absl::Span<const double> params);

  // Takes one bar: bar[k] is the value of input column k (exactly the spec's
  // input_count values); writes out[j] for j < out.size() (at most the
  // spec's output_count; missing trailing outputs are not wanted). Returns
  // kOk; kInvalidArgument (wrong counts, or Init() not done);
  // kInconsistentOhlc / kNegativeVolume (a finite bar with high < low or
  // volume < 0: the bar is rejected, the state is unchanged and out is
  // untouched). A non-finite input is not an error: out is all NaN and the
  // state restarts. Never allocates.
  ErrorCode Push(absl::Span<const double> bar, absl::Span<double> out);

  // Forgets every bar: the next Push() starts a new series.
  void Reset();

  const Spec* spec() const { return spec_; }
  size_t lookback() const { return lookback_; }
  // Bytes taken from the hooks by Init().
  size_t state_bytes() const { return bytes_; }
  // Fixed text of the last error ("" after success); owned by the stream.
  const char* error() const { return error_; }

 private:
  ErrorCode Fail(ErrorCode code, const char* format, ...);

  AllocatorHooks hooks_;
  const Spec* spec_ = nullptr;
  stream_internal::Engine* engine_ = nullptr;
  void* block_ = nullptr;
  size_t bytes_ = 0;
  size_t lookback_ = 0;
  char error_[256] = {0};
};

// One indicator over many independent series in one call: series s has the
// input columns inputs[s * spec.input_count + k] (one length per series,
// lengths may differ between series) and the outputs
// outputs[s * output_count + j], each with room for output_capacities[s]
// doubles. Parameters are resolved once and the workspace's scratch is
// reused from series to series. Stops at the first failing series: its
// index goes to *failed_series (when not null) and its status is returned
// (Compute()'s codes, messages prefixed with "series <s>: ").
absl::Status ComputeBatch(Id id, absl::Span<const StridedView<double>> inputs,
                          size_t series_count, absl::Span<const double> params,
                          absl::Span<double* const> outputs, size_t output_count,
                          const size_t* output_capacities, Workspace* ws,
                          size_t* failed_series);

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_STREAM_H_
