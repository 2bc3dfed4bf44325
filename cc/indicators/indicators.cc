#include "cc/indicators/indicators.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "cc/base/status.h"
#include "cc/indicators/functions.h"
#include "cc/indicators/kernels.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxDev = 3e37;  // TA-Lib's bound for deviation multipliers

constexpr ParamSpec Per(const char* name, double def, double min = 2) {
  return ParamSpec{name, def, min, kMaxPeriod, true};
}
constexpr ParamSpec MaKind(const char* name, double def = 0) {
  return ParamSpec{name, def, 0, 5, true};
}
constexpr ParamSpec Dev(const char* name, double def) {
  return ParamSpec{name, def, -kMaxDev, kMaxDev, false};
}
constexpr ParamSpec Flag(const char* name) { return ParamSpec{name, 0, 0, 1, true}; }
constexpr ParamSpec Factor(const char* name, double def) {
  return ParamSpec{name, def, 0, kMaxDev, false};
}

// The lookback and the compute functions of an indicator, for both input
// column types (Spec's fields lookback through compute_checked_strided);
// CW_FN_CHECKED also has single-pass variants (fn##Checked).
#define CW_FN(fn) \
  fn##Lookback, fn##Compute<const double*>, nullptr, fn##Compute<StridedColumn>, nullptr
#define CW_FN_CHECKED(fn)                                                \
  fn##Lookback, fn##Compute<const double*>, fn##Checked<const double*>, \
      fn##Compute<StridedColumn>, fn##Checked<StridedColumn>

// Element k describes Id k + 1. Parameter lists only ever grow at the end, so
// callers that pass fewer parameters keep their meaning.
const Spec kSpecs[] = {
    {Id::kSma, "sma", "Simple Moving Average", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Sma)},
    {Id::kEma, "ema", "Exponential Moving Average", 1, {"input"}, 2,
     {Per("period", 30), ParamSpec{"seed", 0, 0, 1, true}}, 1, {"value"}, -1, -1, -1,
     CW_FN(Ema)},
    {Id::kWma, "wma", "Weighted Moving Average", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Wma)},
    {Id::kDema, "dema", "Double Exponential Moving Average", 1, {"input"}, 1,
     {Per("period", 30)}, 1, {"value"}, -1, -1, -1, CW_FN(Dema)},
    {Id::kTema, "tema", "Triple Exponential Moving Average", 1, {"input"}, 1,
     {Per("period", 30)}, 1, {"value"}, -1, -1, -1, CW_FN(Tema)},
    {Id::kTrima, "trima", "Triangular Moving Average", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Trima)},
    {Id::kRsi, "rsi", "Relative Strength Index", 1, {"input"}, 1, {Per("period", 14)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Rsi)},
    {Id::kMacd, "macd", "Moving Average Convergence/Divergence", 1, {"input"}, 3,
     {Per("fast", 12), Per("slow", 26), Per("signal", 9, 1)}, 3,
     {"macd", "signal", "hist"}, -1, -1, -1, CW_FN(Macd)},
    {Id::kBbands, "bbands", "Bollinger Bands", 1, {"input"}, 4,
     {Per("period", 20), Dev("nbdevup", 2), Dev("nbdevdn", 2), MaKind("matype")}, 3,
     {"upper", "middle", "lower"}, -1, -1, -1, CW_FN_CHECKED(Bbands)},
    {Id::kStddev, "stddev", "Standard Deviation (population; sample = 1: sample)", 1, {"input"},
     3, {Per("period", 5), Dev("nbdev", 1), Flag("sample")}, 1, {"value"}, -1, -1, -1,
     CW_FN(Stddev)},
    {Id::kVar, "var", "Variance (population; sample = 1: sample)", 1, {"input"}, 3,
     {Per("period", 5, 1), Dev("nbdev", 1), Flag("sample")}, 1, {"value"}, -1, -1, -1,
     CW_FN(Var)},
    {Id::kTrange, "trange", "True Range", 3, {"high", "low", "close"}, 0, {}, 1, {"value"}, 0, 1,
     -1, CW_FN_CHECKED(Trange)},
    {Id::kAtr, "atr", "Average True Range", 3, {"high", "low", "close"}, 1,
     {Per("period", 14, 1)}, 1, {"value"}, 0, 1, -1, CW_FN_CHECKED(Atr)},
    {Id::kNatr, "natr", "Normalized Average True Range", 3, {"high", "low", "close"}, 1,
     {Per("period", 14, 1)}, 1, {"value"}, 0, 1, -1, CW_FN_CHECKED(Natr)},
    {Id::kMom, "mom", "Momentum", 1, {"input"}, 1, {Per("period", 10, 1)}, 1, {"value"}, -1, -1,
     -1, CW_FN_CHECKED(Mom)},
    {Id::kRoc, "roc", "Rate of Change ((x/prev - 1) * 100)", 1, {"input"}, 1,
     {Per("period", 10, 1)}, 1, {"value"}, -1, -1, -1, CW_FN_CHECKED(Roc)},
    {Id::kWillr, "willr", "Williams' %R", 3, {"high", "low", "close"}, 1, {Per("period", 14)}, 1,
     {"value"}, 0, 1, -1, CW_FN(Willr)},
    {Id::kStoch, "stoch", "Stochastic", 3, {"high", "low", "close"}, 5,
     {Per("fastk", 5, 1), Per("slowk", 3, 1), MaKind("slowk_matype"), Per("slowd", 3, 1),
      MaKind("slowd_matype")},
     2, {"slowk", "slowd"}, 0, 1, -1, CW_FN(Stoch)},
    {Id::kStochf, "stochf", "Stochastic Fast", 3, {"high", "low", "close"}, 3,
     {Per("fastk", 5, 1), Per("fastd", 3, 1), MaKind("fastd_matype")}, 2, {"fastk", "fastd"}, 0,
     1, -1, CW_FN(Stochf)},
    {Id::kCci, "cci", "Commodity Channel Index", 3, {"high", "low", "close"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(Cci)},
    {Id::kObv, "obv", "On Balance Volume", 2, {"input", "volume"}, 0, {}, 1, {"value"}, -1, -1,
     1, CW_FN_CHECKED(Obv)},
    {Id::kAd, "ad", "Chaikin Accumulation/Distribution Line", 4,
     {"high", "low", "close", "volume"}, 0, {}, 1, {"value"}, 0, 1, 3, CW_FN_CHECKED(Ad)},
    {Id::kPlusDi, "plus_di", "Plus Directional Indicator", 3, {"high", "low", "close"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(PlusDi)},
    {Id::kMinusDi, "minus_di", "Minus Directional Indicator", 3, {"high", "low", "close"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(MinusDi)},
    {Id::kDx, "dx", "Directional Movement Index", 3, {"high", "low", "close"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(Dx)},
    {Id::kAdx, "adx", "Average Directional Movement Index", 3, {"high", "low", "close"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(Adx)},
    {Id::kAdxr, "adxr", "Average Directional Movement Index Rating", 3,
     {"high", "low", "close"}, 1, {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN(Adxr)},
    {Id::kAroon, "aroon", "Aroon", 2, {"high", "low"}, 1, {Per("period", 14)}, 2,
     {"down", "up"}, 0, 1, -1, CW_FN(Aroon)},
    {Id::kAroonOsc, "aroonosc", "Aroon Oscillator", 2, {"high", "low"}, 1, {Per("period", 14)},
     1, {"value"}, 0, 1, -1, CW_FN(AroonOsc)},
    {Id::kMidprice, "midprice", "Midpoint Price over period", 2, {"high", "low"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, -1, CW_FN_CHECKED(Midprice)},
    {Id::kMidpoint, "midpoint", "Midpoint over period", 1, {"input"}, 1, {Per("period", 14)}, 1,
     {"value"}, -1, -1, -1, CW_FN_CHECKED(Midpoint)},
    {Id::kMedprice, "medprice", "Median Price", 2, {"high", "low"}, 0, {}, 1, {"value"}, 0, 1,
     -1, CW_FN_CHECKED(Medprice)},
    {Id::kTypprice, "typprice", "Typical Price", 3, {"high", "low", "close"}, 0, {}, 1,
     {"value"}, 0, 1, -1, CW_FN_CHECKED(Typprice)},
    {Id::kWclprice, "wclprice", "Weighted Close Price", 3, {"high", "low", "close"}, 0, {}, 1,
     {"value"}, 0, 1, -1, CW_FN_CHECKED(Wclprice)},
    {Id::kAvgprice, "avgprice", "Average Price", 4, {"open", "high", "low", "close"}, 0, {}, 1,
     {"value"}, 1, 2, -1, CW_FN_CHECKED(Avgprice)},
    {Id::kMax, "max", "Highest value over period", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN_CHECKED(Max)},
    {Id::kMin, "min", "Lowest value over period", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN_CHECKED(Min)},
    {Id::kSum, "sum", "Summation over period", 1, {"input"}, 1, {Per("period", 30)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Sum)},
    {Id::kKama, "kama", "Kaufman Adaptive Moving Average", 1, {"input"}, 1,
     {Per("period", 30)}, 1, {"value"}, -1, -1, -1, CW_FN(Kama)},
    {Id::kCmo, "cmo", "Chande Momentum Oscillator", 1, {"input"}, 1, {Per("period", 14)}, 1,
     {"value"}, -1, -1, -1, CW_FN(Cmo)},
    {Id::kMfi, "mfi", "Money Flow Index", 4, {"high", "low", "close", "volume"}, 1,
     {Per("period", 14)}, 1, {"value"}, 0, 1, 3, CW_FN(Mfi)},
    {Id::kApo, "apo", "Absolute Price Oscillator", 1, {"input"}, 3,
     {Per("fast", 12), Per("slow", 26), MaKind("matype", 1)}, 1, {"value"}, -1, -1, -1,
     CW_FN(Apo)},
    {Id::kPpo, "ppo", "Percentage Price Oscillator", 1, {"input"}, 3,
     {Per("fast", 12), Per("slow", 26), MaKind("matype", 1)}, 1, {"value"}, -1, -1, -1,
     CW_FN(Ppo)},
    {Id::kTrix, "trix", "1-bar Rate-Of-Change of a Triple Smooth EMA", 1, {"input"}, 1,
     {Per("period", 30, 1)}, 1, {"value"}, -1, -1, -1, CW_FN(Trix)},
    {Id::kBop, "bop", "Balance Of Power", 4, {"open", "high", "low", "close"}, 0, {}, 1,
     {"value"}, 1, 2, -1, CW_FN_CHECKED(Bop)},
    {Id::kRocp, "rocp", "Rate of Change Percentage ((x - prev) / prev)", 1, {"input"}, 1,
     {Per("period", 10, 1)}, 1, {"value"}, -1, -1, -1, CW_FN_CHECKED(Rocp)},
    {Id::kRocr, "rocr", "Rate of Change Ratio (x / prev)", 1, {"input"}, 1,
     {Per("period", 10, 1)}, 1, {"value"}, -1, -1, -1, CW_FN_CHECKED(Rocr)},
    {Id::kRocr100, "rocr100", "Rate of Change Ratio 100 scale (x / prev * 100)", 1, {"input"},
     1, {Per("period", 10, 1)}, 1, {"value"}, -1, -1, -1, CW_FN_CHECKED(Rocr100)},
    {Id::kHma, "hma", "Hull Moving Average", 1, {"input"}, 1, {Per("period", 9)}, 1, {"value"},
     -1, -1, -1, CW_FN(Hma)},
    {Id::kVwma, "vwma", "Volume Weighted Moving Average", 2, {"input", "volume"}, 1,
     {Per("period", 20, 1)}, 1, {"value"}, -1, -1, 1, CW_FN(Vwma)},
    {Id::kStochRsi, "stochrsi", "Stochastic Relative Strength Index", 1, {"input"}, 4,
     {Per("period", 14), Per("fastk", 5, 1), Per("fastd", 3, 1), MaKind("fastd_matype")}, 2,
     {"fastk", "fastd"}, -1, -1, -1, CW_FN(StochRsi)},
    {Id::kUltOsc, "ultosc", "Ultimate Oscillator", 3, {"high", "low", "close"}, 3,
     {Per("period1", 7, 1), Per("period2", 14, 1), Per("period3", 28, 1)}, 1, {"value"}, 0, 1,
     -1, CW_FN_CHECKED(UltOsc)},
    {Id::kSar, "sar", "Parabolic SAR", 2, {"high", "low"}, 2,
     {Factor("acceleration", 0.02), Factor("maximum", 0.2)}, 1, {"value"}, 0, 1, -1,
     CW_FN(Sar)},
    {Id::kLinearReg, "linearreg", "Linear Regression (fitted value at the newest bar)", 1,
     {"input"}, 1, {Per("period", 14)}, 1, {"value"}, -1, -1, -1, CW_FN(LinearReg)},
    {Id::kLinearRegSlope, "linearreg_slope", "Linear Regression Slope", 1, {"input"}, 1,
     {Per("period", 14)}, 1, {"value"}, -1, -1, -1, CW_FN(LinearRegSlope)},
    {Id::kLinearRegIntercept, "linearreg_intercept",
     "Linear Regression Intercept (fitted value at the oldest bar)", 1, {"input"}, 1,
     {Per("period", 14)}, 1, {"value"}, -1, -1, -1, CW_FN(LinearRegIntercept)},
    {Id::kLinearRegAngle, "linearreg_angle", "Linear Regression Angle (degrees)", 1, {"input"},
     1, {Per("period", 14)}, 1, {"value"}, -1, -1, -1, CW_FN(LinearRegAngle)},
    {Id::kTsf, "tsf", "Time Series Forecast (regression line one bar ahead)", 1, {"input"}, 1,
     {Per("period", 14)}, 1, {"value"}, -1, -1, -1, CW_FN(Tsf)},
    {Id::kAdOsc, "adosc", "Chaikin A/D Oscillator", 4, {"high", "low", "close", "volume"}, 2,
     {Per("fast", 3), Per("slow", 10)}, 1, {"value"}, 0, 1, 3, CW_FN_CHECKED(AdOsc)},
    {Id::kVwap, "vwap", "Volume Weighted Average Price (cumulative)", 4,
     {"high", "low", "close", "volume"}, 0, {}, 1, {"value"}, 0, 1, 3, CW_FN(Vwap)},
    {Id::kAnchoredVwap, "avwap", "Anchored VWAP (restarts where anchor != 0)", 5,
     {"high", "low", "close", "volume", "anchor"}, 0, {}, 1, {"value"}, 0, 1, 3,
     CW_FN(AnchoredVwap)},
    {Id::kCmf, "cmf", "Chaikin Money Flow", 4, {"high", "low", "close", "volume"}, 1,
     {Per("period", 20)}, 1, {"value"}, 0, 1, 3, CW_FN(Cmf)},
    {Id::kKeltner, "keltner", "Keltner Channels (EMA of typical price +- k ATR)", 3,
     {"high", "low", "close"}, 3,
     {Per("period", 20), Factor("multiplier", 2), Per("atr_period", 10, 1)}, 3,
     {"upper", "middle", "lower"}, 0, 1, -1, CW_FN(Keltner)},
    {Id::kDonchian, "donchian", "Donchian Channels", 2, {"high", "low"}, 1,
     {Per("period", 20, 1)}, 3, {"upper", "middle", "lower"}, 0, 1, -1, CW_FN_CHECKED(Donchian)},
    {Id::kIchimoku, "ichimoku", "Ichimoku Kinko Hyo (undisplaced)", 2, {"high", "low"}, 3,
     {Per("tenkan", 9, 1), Per("kijun", 26, 1), Per("senkou_b", 52, 1)}, 4,
     {"tenkan", "kijun", "senkou_a", "senkou_b"}, 0, 1, -1, CW_FN(Ichimoku)},
    {Id::kSupertrend, "supertrend", "Supertrend", 3, {"high", "low", "close"}, 2,
     {Per("period", 10, 1), Factor("multiplier", 3)}, 2, {"value", "direction"}, 0, 1, -1,
     CW_FN(Supertrend)},
    {Id::kElderRay, "elder_ray", "Elder Ray (bull and bear power)", 3, {"high", "low", "close"},
     1, {Per("period", 13, 1)}, 2, {"bull", "bear"}, 0, 1, -1, CW_FN(ElderRay)},
    {Id::kTsi, "tsi", "True Strength Index", 1, {"input"}, 2,
     {Per("long", 25, 1), Per("short", 13, 1)}, 1, {"value"}, -1, -1, -1, CW_FN(Tsi)},
    {Id::kPivots, "pivots", "Classic floor pivot points from the previous bar", 3,
     {"high", "low", "close"}, 0, {}, 7, {"p", "r1", "r2", "r3", "s1", "s2", "s3"}, 0, 1, -1,
     CW_FN(Pivots)},
};

#undef CW_FN_CHECKED
#undef CW_FN

absl::Status Invalid(const std::string& message) {
  return Error(ErrorCode::kInvalidArgument, message);
}

}  // namespace

absl::Span<const Spec> AllSpecs() { return absl::MakeConstSpan(kSpecs); }

const Spec* FindSpec(Id id) {
  const int32_t k = static_cast<int32_t>(id);
  if (k < 1 || static_cast<size_t>(k) > std::size(kSpecs)) return nullptr;
  return &kSpecs[k - 1];
}

const Spec* FindSpec(absl::string_view name) {
  for (const Spec& spec : kSpecs) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

absl::Status ResolveParams(const Spec& spec, absl::Span<const double> given, double* resolved) {
  if (given.size() > spec.param_count) {
    return Invalid(absl::StrFormat("%s takes at most %d parameters, %d given", spec.name,
                                   spec.param_count, given.size()));
  }
  for (size_t k = 0; k < spec.param_count; ++k) {
    const ParamSpec& ps = spec.params[k];
    const double v = k < given.size() ? given[k] : ps.default_value;
    if (!std::isfinite(v) || v < ps.min_value || v > ps.max_value ||
        (ps.integer && v != std::floor(v))) {
      return Invalid(absl::StrFormat("%s parameter %d (%s) is %g; it must be %s in [%g, %g]",
                                     spec.name, k, ps.name, v,
                                     ps.integer ? "an integer" : "a number", ps.min_value,
                                     ps.max_value));
    }
    resolved[k] = v;
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> Lookback(Id id, absl::Span<const double> params) {
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Invalid(absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;
  return spec->lookback(resolved);
}

Workspace::~Workspace() {
  for (Block& b : blocks_) hooks_.Deallocate(b.data);
}

size_t Workspace::capacity_bytes() const {
  size_t total = 0;
  for (const Block& b : blocks_) total += b.bytes;
  return total;
}

void* Workspace::Bytes(size_t slot, size_t count, size_t size) {
  Block& b = blocks_[slot];
  if (count > std::numeric_limits<size_t>::max() / size) throw std::bad_alloc();
  const size_t need = std::max<size_t>(count * size, 64);
  if (b.bytes >= need) return b.data;
  hooks_.Deallocate(b.data);
  b.data = nullptr;
  b.bytes = 0;
  void* p = hooks_.Allocate(need, 64);
  if (p == nullptr) throw std::bad_alloc();
  b.data = p;
  b.bytes = need;
  return p;
}

namespace {

template <class Col>
using ComputeFn = void (*)(const Col* in, size_t m, const double* params, double* const* out,
                           Workspace& ws);
template <class Col>
using CheckedFn = bool (*)(const Col* in, size_t m, const double* params, double* const* out,
                           Workspace& ws);

// Compute() once the arguments are checked and the outputs chosen, over
// input columns of type Col (`const double*` or StridedColumn, read in
// place) with the spec's compute functions for that type.
template <class Col>
absl::Status ComputeColumns(const Spec& spec, const Col* in, size_t n, const double* resolved,
                            double* const* out, Workspace& ws, ComputeFn<Col> compute,
                            CheckedFn<Col> compute_checked) {
  const size_t lookback = spec.lookback(resolved);
  if (compute_checked != nullptr && n > lookback &&
      compute_checked(in, n, resolved, out, ws)) {
    return absl::OkStatus();
  }

  // One pass over every input finds the non-finite rows (which split the
  // series) and checks the finite ones (high >= low, volume >= 0), before any
  // output is written.
  size_t* breaks = nullptr;
  size_t break_count = 0;
  for (size_t pos = 0; pos < n;) {
    Col rest[kMaxInputs] = {};
    for (size_t k = 0; k < spec.input_count; ++k) rest[k] = in[k] + pos;
    const size_t i = pos + FirstSuspectRow(rest, spec.input_count, n - pos, spec.high_input,
                                           spec.low_input, spec.volume_input);
    if (i == n) break;
    bool finite = true;
    for (size_t k = 0; k < spec.input_count; ++k) finite = finite && std::isfinite(in[k][i]);
    if (!finite) {
      if (breaks == nullptr) breaks = ws.Indices(1, n);
      breaks[break_count++] = i;
    } else if (spec.high_input >= 0 && in[spec.high_input][i] < in[spec.low_input][i]) {
      return Error(ErrorCode::kInconsistentOhlc,
                   absl::StrFormat("%s: high < low at row %d (high %g, low %g)", spec.name, i,
                                   in[spec.high_input][i], in[spec.low_input][i]));
    } else {
      return Error(ErrorCode::kNegativeVolume,
                   absl::StrFormat("%s: volume %g < 0 at row %d", spec.name,
                                   in[spec.volume_input][i], i));
    }
    pos = i + 1;
  }

  // Runs of finite rows between the breaks, each computed as its own series.
  size_t start = 0;
  for (size_t b = 0; b <= break_count; ++b) {
    const size_t end = b < break_count ? breaks[b] : n;
    const size_t m = end - start;
    if (m > lookback) {
      Col seg_in[kMaxInputs] = {};
      double* seg_out[kMaxOutputs] = {nullptr};
      for (size_t k = 0; k < spec.input_count; ++k) seg_in[k] = in[k] + start;
      for (size_t j = 0; j < spec.output_count; ++j) seg_out[j] = out[j] + start;
      compute(seg_in, m, resolved, seg_out, ws);
    } else {
      for (size_t j = 0; j < spec.output_count; ++j) std::fill(out[j] + start, out[j] + end, kNaN);
    }
    if (end < n) {
      for (size_t j = 0; j < spec.output_count; ++j) out[j][end] = kNaN;
    }
    start = end + 1;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Compute(Id id, absl::Span<const StridedView<double>> inputs,
                     absl::Span<const double> params, absl::Span<double* const> outputs,
                     size_t output_capacity, Workspace* ws) {
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Invalid(absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  if (ws == nullptr) return Error(ErrorCode::kNullArgument, "workspace is NULL");
  if (inputs.size() != spec->input_count) {
    return Invalid(absl::StrFormat("%s takes %d input columns, %d given", spec->name,
                                   spec->input_count, inputs.size()));
  }
  if (outputs.size() > spec->output_count) {
    return Invalid(absl::StrFormat("%s has %d outputs, %d buffers given", spec->name,
                                   spec->output_count, outputs.size()));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;

  const size_t n = inputs.empty() ? 0 : inputs[0].size();
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (inputs[k].is_null() && inputs[k].size() > 0) {
      return Error(ErrorCode::kNullArgument,
                   absl::StrFormat("%s input %d (%s) has NULL data", spec->name, k,
                                   spec->inputs[k]));
    }
    if (inputs[k].size() != n) {
      return Error(ErrorCode::kLengthMismatch,
                   absl::StrFormat("%s input %d (%s) has %d rows, input 0 (%s) has %d",
                                   spec->name, k, spec->inputs[k], inputs[k].size(),
                                   spec->inputs[0], n));
    }
  }
  if (n == 0) {
    return Error(ErrorCode::kEmptySeries, absl::StrFormat("%s: the series is empty", spec->name));
  }
  // A window longer than the whole series is a caller's mistake (a 200-bar
  // average of 50 bars), not a quiet row of NaN as in TA-Lib.
  // The message names the longest such period: the one the caller must
  // shorten, or the length the series must reach.
  size_t longest = kMaxParams;
  for (size_t k = 0; k < spec->param_count; ++k) {
    if (spec->params[k].max_value == kMaxPeriod && resolved[k] > static_cast<double>(n) &&
        (longest == kMaxParams || resolved[k] > resolved[longest])) {
      longest = k;
    }
  }
  if (longest != kMaxParams) {
    const absl::string_view name = spec->params[longest].name;
    return Error(ErrorCode::kSeriesTooShort,
                 absl::StrFormat("%s: %s%s %d is longer than the series (%d rows)", spec->name,
                                 name, absl::StrContains(name, "period") ? "" : " period",
                                 static_cast<int64_t>(resolved[longest]), n));
  }
  for (size_t j = 0; j < outputs.size(); ++j) {
    if (outputs[j] != nullptr && output_capacity < n) {
      return Error(ErrorCode::kBufferTooSmall,
                   absl::StrFormat("%s outputs need %d doubles each, capacity is %d", spec->name,
                                   n, output_capacity));
    }
  }
  double* out[kMaxOutputs] = {nullptr};
  for (size_t j = 0; j < spec->output_count; ++j) {
    out[j] = j < outputs.size() ? outputs[j] : nullptr;
    if (out[j] == nullptr) out[j] = ws->Buffer(kMaxInputs + j, n);
  }

  // Inputs are read in place, never copied: as plain pointers when every
  // input is contiguous (the fast path), otherwise every input (contiguous
  // ones too) as a StridedColumn.
  bool contiguous = true;
  for (size_t k = 0; k < inputs.size(); ++k) contiguous = contiguous && inputs[k].contiguous();
  if (contiguous) {
    const double* in[kMaxInputs] = {nullptr};
    for (size_t k = 0; k < inputs.size(); ++k) in[k] = inputs[k].data();
    return ComputeColumns(*spec, in, n, resolved, out, *ws, spec->compute,
                          spec->compute_checked);
  }
  StridedColumn in[kMaxInputs];
  for (size_t k = 0; k < inputs.size(); ++k) {
    in[k] = StridedColumn(inputs[k].data(), inputs[k].stride());
  }
  return ComputeColumns(*spec, in, n, resolved, out, *ws, spec->compute_strided,
                        spec->compute_checked_strided);
}

}  // namespace indicators
}  // namespace candlewick
