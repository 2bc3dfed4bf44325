// Every indicator: its names, inputs, parameters (defaults and bounds) and
// outputs, and the family that implements it (moving_average/, momentum/,
// ...). Element k of the table is Id k + 1. Parameter lists only ever grow
// at the end, so callers that pass fewer parameters keep their meaning.
#include <initializer_list>
#include <iterator>

#include "absl/strings/string_view.h"
#include "cc/indicators/directional/directional.h"
#include "cc/indicators/implementation.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/momentum/momentum.h"
#include "cc/indicators/moving_average/moving_average.h"
#include "cc/indicators/price/price.h"
#include "cc/indicators/range/range.h"
#include "cc/indicators/regression/regression.h"
#include "cc/indicators/volatility/volatility.h"
#include "cc/indicators/volume/volume.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kMaxDev = 3e37;  // TA-Lib's bound for deviation multipliers

// A period: a whole number of bars in [min, kMaxPeriod].
constexpr ParamSpec Bars(const char* name, double def, double min = 2) {
  return ParamSpec{name, def, min, kMaxPeriod, true};
}
// A moving-average kind (MaType), 0 (SMA) to 5 (TRIMA).
constexpr ParamSpec MaKind(const char* name, double def = 0) {
  return ParamSpec{name, def, 0, 5, true};
}
// A deviation multiplier of either sign.
constexpr ParamSpec Deviations(const char* name, double def) {
  return ParamSpec{name, def, -kMaxDev, kMaxDev, false};
}
// A non-negative factor.
constexpr ParamSpec Factor(const char* name, double def) {
  return ParamSpec{name, def, 0, kMaxDev, false};
}
// 0 or 1.
constexpr ParamSpec Flag(const char* name) { return ParamSpec{name, 0, 0, 1, true}; }

constexpr bool SameName(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

constexpr const char* kValue = "value";
constexpr const char* kInput = "input";

// A Spec built field by field: Indicator(id, name, title, implementation)
// .Inputs(...).Params(...).Outputs(...), or .Inputs(...).ValueOverPeriod(...)
// for the common one-period, one-value shape. The inputs named "high", "low" and
// "volume" are the ones checked beyond finiteness (high >= low, volume >= 0).
class Indicator {
 public:
  constexpr Indicator(Id id, const char* name, const char* title, const Implementation& impl)
      : spec_() {
    spec_.id = id;
    spec_.name = name;
    spec_.title = title;
    spec_.impl = &impl;
    spec_.high_input = spec_.low_input = spec_.volume_input = -1;
  }

  template <class... Names>
  constexpr Indicator Inputs(Names... names) const {
    Indicator r = *this;
    for (const char* name : {names...}) {
      const int k = static_cast<int>(r.spec_.input_count);
      r.spec_.inputs[r.spec_.input_count++] = name;
      if (SameName(name, "high")) r.spec_.high_input = k;
      if (SameName(name, "low")) r.spec_.low_input = k;
      if (SameName(name, "volume")) r.spec_.volume_input = k;
    }
    return r;
  }
  template <class... P>
  constexpr Indicator Params(P... params) const {
    Indicator r = *this;
    for (const ParamSpec& p : {params...}) r.spec_.params[r.spec_.param_count++] = p;
    return r;
  }
  template <class... Names>
  constexpr Indicator Outputs(Names... names) const {
    Indicator r = *this;
    for (const char* name : {names...}) r.spec_.outputs[r.spec_.output_count++] = name;
    return r;
  }
  // The most common shape: one parameter, "period" (Bars), and one output,
  // "value".
  constexpr Indicator ValueOverPeriod(double def, double min = 2) const {
    return Params(Bars("period", def, min)).Outputs(kValue);
  }

  constexpr operator Spec() const { return spec_; }

 private:
  Spec spec_;
};

// clang-format off
constexpr Spec kSpecs[] = {
    Indicator(Id::kSma, "sma", "Simple Moving Average", kSma).Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kEma, "ema", "Exponential Moving Average", kEma)
        .Inputs(kInput).Params(Bars("period", 30), Flag("seed")).Outputs(kValue),
    Indicator(Id::kWma, "wma", "Weighted Moving Average", kWma).Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kDema, "dema", "Double Exponential Moving Average", kDema)
        .Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kTema, "tema", "Triple Exponential Moving Average", kTema)
        .Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kTrima, "trima", "Triangular Moving Average", kTrima)
        .Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kRsi, "rsi", "Relative Strength Index", kRsi).Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kMacd, "macd", "Moving Average Convergence/Divergence", kMacd)
        .Inputs(kInput).Params(Bars("fast", 12), Bars("slow", 26), Bars("signal", 9, 1))
        .Outputs("macd", "signal", "hist"),
    Indicator(Id::kBbands, "bbands", "Bollinger Bands", kBbands)
        .Inputs(kInput)
        .Params(Bars("period", 20), Deviations("nbdevup", 2), Deviations("nbdevdn", 2),
                MaKind("matype"))
        .Outputs("upper", "middle", "lower"),
    Indicator(Id::kStddev, "stddev", "Standard Deviation (population; sample = 1: sample)",
              kStddev)
        .Inputs(kInput).Params(Bars("period", 5), Deviations("nbdev", 1), Flag("sample"))
        .Outputs(kValue),
    Indicator(Id::kVar, "var", "Variance (population; sample = 1: sample)", kVar)
        .Inputs(kInput).Params(Bars("period", 5, 1), Deviations("nbdev", 1), Flag("sample"))
        .Outputs(kValue),
    Indicator(Id::kTrange, "trange", "True Range", kTrange)
        .Inputs("high", "low", "close").Outputs(kValue),
    Indicator(Id::kAtr, "atr", "Average True Range", kAtr)
        .Inputs("high", "low", "close").ValueOverPeriod(14, 1),
    Indicator(Id::kNatr, "natr", "Normalized Average True Range", kNatr)
        .Inputs("high", "low", "close").ValueOverPeriod(14, 1),
    Indicator(Id::kMom, "mom", "Momentum", kMom).Inputs(kInput).ValueOverPeriod(10, 1),
    Indicator(Id::kRoc, "roc", "Rate of Change ((x/prev - 1) * 100)", kRoc)
        .Inputs(kInput).ValueOverPeriod(10, 1),
    Indicator(Id::kWillr, "willr", "Williams' %R", kWillr)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kStoch, "stoch", "Stochastic", kStoch)
        .Inputs("high", "low", "close")
        .Params(Bars("fastk", 5, 1), Bars("slowk", 3, 1), MaKind("slowk_matype"),
                Bars("slowd", 3, 1), MaKind("slowd_matype"))
        .Outputs("slowk", "slowd"),
    Indicator(Id::kStochf, "stochf", "Stochastic Fast", kStochf)
        .Inputs("high", "low", "close")
        .Params(Bars("fastk", 5, 1), Bars("fastd", 3, 1), MaKind("fastd_matype"))
        .Outputs("fastk", "fastd"),
    Indicator(Id::kCci, "cci", "Commodity Channel Index", kCci)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kObv, "obv", "On Balance Volume", kObv)
        .Inputs(kInput, "volume").Outputs(kValue),
    Indicator(Id::kAd, "ad", "Chaikin Accumulation/Distribution Line", kAd)
        .Inputs("high", "low", "close", "volume").Outputs(kValue),
    Indicator(Id::kPlusDi, "plus_di", "Plus Directional Indicator", kPlusDi)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kMinusDi, "minus_di", "Minus Directional Indicator", kMinusDi)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kDx, "dx", "Directional Movement Index", kDx)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kAdx, "adx", "Average Directional Movement Index", kAdx)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kAdxr, "adxr", "Average Directional Movement Index Rating", kAdxr)
        .Inputs("high", "low", "close").ValueOverPeriod(14),
    Indicator(Id::kAroon, "aroon", "Aroon", kAroon)
        .Inputs("high", "low").Params(Bars("period", 14)).Outputs("down", "up"),
    Indicator(Id::kAroonOsc, "aroonosc", "Aroon Oscillator", kAroonOsc)
        .Inputs("high", "low").ValueOverPeriod(14),
    Indicator(Id::kMidprice, "midprice", "Midpoint Price over period", kMidprice)
        .Inputs("high", "low").ValueOverPeriod(14),
    Indicator(Id::kMidpoint, "midpoint", "Midpoint over period", kMidpoint)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kMedprice, "medprice", "Median Price", kMedprice)
        .Inputs("high", "low").Outputs(kValue),
    Indicator(Id::kTypprice, "typprice", "Typical Price", kTypprice)
        .Inputs("high", "low", "close").Outputs(kValue),
    Indicator(Id::kWclprice, "wclprice", "Weighted Close Price", kWclprice)
        .Inputs("high", "low", "close").Outputs(kValue),
    Indicator(Id::kAvgprice, "avgprice", "Average Price", kAvgprice)
        .Inputs("open", "high", "low", "close").Outputs(kValue),
    Indicator(Id::kMax, "max", "Highest value over period", kMax)
        .Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kMin, "min", "Lowest value over period", kMin).Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kSum, "sum", "Summation over period", kSum).Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kKama, "kama", "Kaufman Adaptive Moving Average", kKama)
        .Inputs(kInput).ValueOverPeriod(30),
    Indicator(Id::kCmo, "cmo", "Chande Momentum Oscillator", kCmo)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kMfi, "mfi", "Money Flow Index", kMfi)
        .Inputs("high", "low", "close", "volume").ValueOverPeriod(14),
    Indicator(Id::kApo, "apo", "Absolute Price Oscillator", kApo)
        .Inputs(kInput).Params(Bars("fast", 12), Bars("slow", 26), MaKind("matype", 1))
        .Outputs(kValue),
    Indicator(Id::kPpo, "ppo", "Percentage Price Oscillator", kPpo)
        .Inputs(kInput).Params(Bars("fast", 12), Bars("slow", 26), MaKind("matype", 1))
        .Outputs(kValue),
    Indicator(Id::kTrix, "trix", "1-bar Rate-Of-Change of a Triple Smooth EMA", kTrix)
        .Inputs(kInput).ValueOverPeriod(30, 1),
    Indicator(Id::kBop, "bop", "Balance Of Power", kBop)
        .Inputs("open", "high", "low", "close").Outputs(kValue),
    Indicator(Id::kRocp, "rocp", "Rate of Change Percentage ((x - prev) / prev)", kRocp)
        .Inputs(kInput).ValueOverPeriod(10, 1),
    Indicator(Id::kRocr, "rocr", "Rate of Change Ratio (x / prev)", kRocr)
        .Inputs(kInput).ValueOverPeriod(10, 1),
    Indicator(Id::kRocr100, "rocr100", "Rate of Change Ratio 100 scale (x / prev * 100)",
              kRocr100)
        .Inputs(kInput).ValueOverPeriod(10, 1),
    Indicator(Id::kHma, "hma", "Hull Moving Average", kHma).Inputs(kInput).ValueOverPeriod(9),
    Indicator(Id::kVwma, "vwma", "Volume Weighted Moving Average", kVwma)
        .Inputs(kInput, "volume").ValueOverPeriod(20, 1),
    Indicator(Id::kStochRsi, "stochrsi", "Stochastic Relative Strength Index", kStochRsi)
        .Inputs(kInput)
        .Params(Bars("period", 14), Bars("fastk", 5, 1), Bars("fastd", 3, 1),
                MaKind("fastd_matype"))
        .Outputs("fastk", "fastd"),
    Indicator(Id::kUltOsc, "ultosc", "Ultimate Oscillator", kUltOsc)
        .Inputs("high", "low", "close")
        .Params(Bars("period1", 7, 1), Bars("period2", 14, 1), Bars("period3", 28, 1))
        .Outputs(kValue),
    Indicator(Id::kSar, "sar", "Parabolic SAR", kSar)
        .Inputs("high", "low").Params(Factor("acceleration", 0.02), Factor("maximum", 0.2))
        .Outputs(kValue),
    Indicator(Id::kLinearReg, "linearreg", "Linear Regression (fitted value at the newest bar)",
              kLinearReg)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kLinearRegSlope, "linearreg_slope", "Linear Regression Slope",
              kLinearRegSlope)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kLinearRegIntercept, "linearreg_intercept",
              "Linear Regression Intercept (fitted value at the oldest bar)", kLinearRegIntercept)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kLinearRegAngle, "linearreg_angle", "Linear Regression Angle (degrees)",
              kLinearRegAngle)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kTsf, "tsf", "Time Series Forecast (regression line one bar ahead)", kTsf)
        .Inputs(kInput).ValueOverPeriod(14),
    Indicator(Id::kAdOsc, "adosc", "Chaikin A/D Oscillator", kAdOsc)
        .Inputs("high", "low", "close", "volume").Params(Bars("fast", 3), Bars("slow", 10))
        .Outputs(kValue),
    Indicator(Id::kVwap, "vwap", "Volume Weighted Average Price (cumulative)", kVwap)
        .Inputs("high", "low", "close", "volume").Outputs(kValue),
    Indicator(Id::kAnchoredVwap, "avwap", "Anchored VWAP (restarts where anchor != 0)",
              kAnchoredVwap)
        .Inputs("high", "low", "close", "volume", "anchor").Outputs(kValue),
    Indicator(Id::kCmf, "cmf", "Chaikin Money Flow", kCmf)
        .Inputs("high", "low", "close", "volume").ValueOverPeriod(20),
    Indicator(Id::kKeltner, "keltner", "Keltner Channels (EMA of typical price +- k ATR)",
              kKeltner)
        .Inputs("high", "low", "close")
        .Params(Bars("period", 20), Factor("multiplier", 2), Bars("atr_period", 10, 1))
        .Outputs("upper", "middle", "lower"),
    Indicator(Id::kDonchian, "donchian", "Donchian Channels", kDonchian)
        .Inputs("high", "low").Params(Bars("period", 20, 1))
        .Outputs("upper", "middle", "lower"),
    Indicator(Id::kIchimoku, "ichimoku", "Ichimoku Kinko Hyo (undisplaced)", kIchimoku)
        .Inputs("high", "low")
        .Params(Bars("tenkan", 9, 1), Bars("kijun", 26, 1), Bars("senkou_b", 52, 1))
        .Outputs("tenkan", "kijun", "senkou_a", "senkou_b"),
    Indicator(Id::kSupertrend, "supertrend", "Supertrend", kSupertrend)
        .Inputs("high", "low", "close").Params(Bars("period", 10, 1), Factor("multiplier", 3))
        .Outputs(kValue, "direction"),
    Indicator(Id::kElderRay, "elder_ray", "Elder Ray (bull and bear power)", kElderRay)
        .Inputs("high", "low", "close").Params(Bars("period", 13, 1)).Outputs("bull", "bear"),
    Indicator(Id::kTsi, "tsi", "True Strength Index", kTsi)
        .Inputs(kInput).Params(Bars("long", 25, 1), Bars("short", 13, 1)).Outputs(kValue),
    Indicator(Id::kPivots, "pivots", "Classic floor pivot points from the previous bar", kPivots)
        .Inputs("high", "low", "close").Outputs("p", "r1", "r2", "r3", "s1", "s2", "s3"),
};
// clang-format on

constexpr bool InIdOrder() {
  for (size_t k = 0; k < std::size(kSpecs); ++k) {
    if (static_cast<size_t>(kSpecs[k].id) != k + 1) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kSpecs[k] must describe Id k + 1");

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

}  // namespace indicators
}  // namespace candlewick
