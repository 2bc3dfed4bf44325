// Technical indicators over borrowed columns, with TA-Lib's definitions and
// defaults (docs/indicators.md has every formula and lookback).
//
// One generic entry point serves every indicator: an Id, input columns, a
// parameter array (trailing parameters may be omitted and take their
// defaults), and caller-owned output buffers as long as the inputs. Each
// indicator is described by a Spec (names, inputs, parameters with defaults
// and bounds, outputs), so the C API, the CLI and the bindings discover
// indicators instead of hard-coding them.
//
// Outputs are full length: output i belongs to input row i, and positions
// before the first defined value are NaN.
//
// Non-finite input (NaN, +-inf) splits the series: every indicator is
// computed independently on each maximal run of rows whose inputs are all
// finite, as if that run were a series of its own. Rows with a non-finite
// input, and the first `lookback` rows of every run, are NaN. A series as
// long as every period but no longer than the lookback (or a run no longer
// than it) is therefore all NaN, which is not an error; a series shorter
// than a period parameter is (kSeriesTooShort).
#ifndef CANDLEWICK_CC_INDICATORS_INDICATORS_H_
#define CANDLEWICK_CC_INDICATORS_INDICATORS_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cc/base/allocator.h"
#include "cc/base/strided.h"
#include "cc/indicators/column.h"

namespace candlewick {
namespace indicators {

// Stable numbers: identical to the CW_IND_* constants of capi/candlewick.h.
// New indicators get new numbers at the end; numbers are never reused.
enum class Id : int32_t {
  kSma = 1,
  kEma = 2,
  kWma = 3,
  kDema = 4,
  kTema = 5,
  kTrima = 6,
  kRsi = 7,
  kMacd = 8,
  kBbands = 9,
  kStddev = 10,
  kVar = 11,
  kTrange = 12,
  kAtr = 13,
  kNatr = 14,
  kMom = 15,
  kRoc = 16,
  kWillr = 17,
  kStoch = 18,
  kStochf = 19,
  kCci = 20,
  kObv = 21,
  kAd = 22,
  kPlusDi = 23,
  kMinusDi = 24,
  kDx = 25,
  kAdx = 26,
  kAdxr = 27,
  kAroon = 28,
  kAroonOsc = 29,
  kMidprice = 30,
  kMidpoint = 31,
  kMedprice = 32,
  kTypprice = 33,
  kWclprice = 34,
  kAvgprice = 35,
  kMax = 36,
  kMin = 37,
  kSum = 38,
  kKama = 39,
  kCmo = 40,
  kMfi = 41,
  kApo = 42,
  kPpo = 43,
  kTrix = 44,
  kBop = 45,
  kRocp = 46,
  kRocr = 47,
  kRocr100 = 48,
  kHma = 49,
  kVwma = 50,
  kStochRsi = 51,
  kUltOsc = 52,
  kSar = 53,
  kLinearReg = 54,
  kLinearRegSlope = 55,
  kLinearRegIntercept = 56,
  kLinearRegAngle = 57,
  kTsf = 58,
  kAdOsc = 59,
  kVwap = 60,
  kAnchoredVwap = 61,
  kCmf = 62,
  kKeltner = 63,
  kDonchian = 64,
  kIchimoku = 65,
  kSupertrend = 66,
  kElderRay = 67,
  kTsi = 68,
  kPivots = 69,
};

// Moving-average kinds for the `matype` parameters, numbered as TA-Lib's
// TA_MAType (6 KAMA, 7 MAMA and 8 T3 are not accepted as a matype yet and are
// rejected by the parameter range; KAMA is its own indicator, Id::kKama).
enum class MaType : int32_t {
  kSma = 0,
  kEma = 1,
  kWma = 2,
  kDema = 3,
  kTema = 4,
  kTrima = 5,
};

constexpr size_t kMaxInputs = 5;  // anchored VWAP: high, low, close, volume, anchor
constexpr size_t kMaxParams = 5;
constexpr size_t kMaxOutputs = 7;  // pivots: p, r1..r3, s1..s3
// TA-Lib's upper bound for periods.
constexpr double kMaxPeriod = 100000;

struct ParamSpec {
  const char* name;
  double default_value;
  double min_value;
  double max_value;
  bool integer;
};

class Workspace;
struct Implementation;

struct Spec {
  Id id;
  const char* name;   // lower case, the CLI name ("sma")
  const char* title;  // "Simple Moving Average"
  size_t input_count;
  const char* inputs[kMaxInputs];
  size_t param_count;
  ParamSpec params[kMaxParams];
  size_t output_count;
  const char* outputs[kMaxOutputs];
  // Input indices checked beyond finiteness (-1: none): high >= low in every
  // finite row, volume >= 0. Derived from the input names.
  int high_input;
  int low_input;
  int volume_input;
  // The functions behind the indicator (lookback, batch, stream): one of
  // the family folders (moving_average/, momentum/, ...) provides them.
  const Implementation* impl;
};

// Every indicator, in Id order (Id k is element k - 1).
absl::Span<const Spec> AllSpecs();
// nullptr when unknown.
const Spec* FindSpec(Id id);
const Spec* FindSpec(absl::string_view name);

// Fills resolved[0..spec.param_count) from `given` (which may be shorter than
// the full list; the rest take their defaults) and checks every value:
// finite, within [min, max], integral where required.
absl::Status ResolveParams(const Spec& spec, absl::Span<const double> given, double* resolved);

// The index of the first defined output (on a series without non-finite
// values), for `params` as in ResolveParams.
absl::StatusOr<size_t> Lookback(Id id, absl::Span<const double> params);

// Scratch memory for one thread, reused across calls. All memory comes from
// the hooks. Buffer() throws std::bad_alloc when the hooks fail (the C shim
// turns that into CW_ERR_OUT_OF_MEMORY).
class Workspace {
 public:
  explicit Workspace(const AllocatorHooks& hooks) : hooks_(hooks) {}
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // At least `count` doubles in scratch slot `slot` (0..kSlots-1), 64-byte
  // aligned; contents unspecified. Valid until the next Buffer() call for
  // that slot or the workspace's destruction.
  double* Buffer(size_t slot, size_t count) {
    return static_cast<double*>(Bytes(slot, count, sizeof(double)));
  }
  // The same for indices, in slots kSlots..kSlots+kIndexSlots-1 of their own.
  size_t* Indices(size_t slot, size_t count) {
    return static_cast<size_t*>(Bytes(kSlots + slot, count, sizeof(size_t)));
  }
  const AllocatorHooks& hooks() const { return hooks_; }
  // Bytes currently held (for tests of reuse).
  size_t capacity_bytes() const;

  static constexpr size_t kSlots = 24;
  static constexpr size_t kIndexSlots = 2;

 private:
  void* Bytes(size_t slot, size_t count, size_t size);

  struct Block {
    void* data = nullptr;
    size_t bytes = 0;
  };
  AllocatorHooks hooks_;
  Block blocks_[kSlots + kIndexSlots];
};

// Computes indicator `id`. inputs.size() must equal the spec's input_count
// and all inputs must have one length n; params as in ResolveParams; outputs
// may be shorter than the spec's output_count (missing trailing outputs are
// not wanted), entries may be nullptr (not wanted), and every non-null output
// must have room for `output_capacity` >= n doubles. Inputs of any stride
// (negative too) are read in place, never copied. Outputs must not overlap
// inputs or each other. On error the outputs hold unspecified values.
// Errors carry the C API's codes: kNullArgument, kInvalidArgument,
// kLengthMismatch, kEmptySeries (n == 0), kSeriesTooShort (n below a
// parameter that is a period), kBufferTooSmall, kInconsistentOhlc (high < low
// in a finite row), kNegativeVolume.
absl::Status Compute(Id id, absl::Span<const StridedView<double>> inputs,
                     absl::Span<const double> params, absl::Span<double* const> outputs,
                     size_t output_capacity, Workspace* ws);

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_INDICATORS_H_
