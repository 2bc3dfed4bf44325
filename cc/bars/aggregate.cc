// Validation and dispatch of the bar aggregations. Everything the methods
// assume (finite prices, consistent OHLC, sorted times, sane parameters) is
// checked here first, in one read of the input, so each method stays a
// plain loop and every bad input gets a status and a message naming the
// field or row.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/strings/str_cat.h"
#include "cc/bars/aggregate.h"
#include "cc/bars/aggregate_internal.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

bool PositiveFinite(double x) { return std::isfinite(x) && x > 0; }

// "<field> must be finite and > 0<when> (got <value>)" unless it is.
absl::Status CheckPositiveFinite(const char* field, double value, const char* when = "") {
  if (PositiveFinite(value)) return absl::OkStatus();
  return Error(ErrorCode::kInvalidArgument,
               absl::StrCat(field, " must be finite and > 0", when, " (got ", value, ")"));
}

absl::Status ValidateTimeSpec(const BarSpec& spec) {
  if (spec.interval <= 0) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("interval must be > 0 (got ", spec.interval, ")"));
  }
  const int32_t e = static_cast<int32_t>(spec.empty);
  if (e < 0 || e > 2) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown empty-interval policy ", e));
  }
  return absl::OkStatus();
}

// Renko and point-and-figure.
absl::Status ValidateBoxSpec(const BarSpec& spec) {
  const int32_t mode = static_cast<int32_t>(spec.box_mode);
  if (mode != 0 && mode != 1) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown box mode ", mode));
  }
  if (spec.box_mode == BoxMode::kFixed) {
    if (auto st = CheckPositiveFinite("box_size", spec.box_size, " with a fixed box"); !st.ok()) {
      return st;
    }
  }
  if (spec.box_mode == BoxMode::kAtr && spec.atr_period < 1) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("atr_period must be >= 1 (got ", spec.atr_period, ")"));
  }
  if (spec.method == BarMethod::kPointFigure && spec.reversal < 1) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("reversal must be >= 1 box (got ", spec.reversal, ")"));
  }
  return absl::OkStatus();
}

absl::Status ValidateKagiSpec(const BarSpec& spec) {
  if (auto st = CheckPositiveFinite("reversal_amount", spec.reversal_amount); !st.ok()) return st;
  if (spec.reversal_percent && spec.reversal_amount >= 100) {
    // A fall of 100% or more from a positive extreme is never reached.
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("a percent reversal_amount must be < 100 (got ",
                              spec.reversal_amount, ")"));
  }
  return absl::OkStatus();
}

// One input column as ValidateBarInput checks it. NULL data is fine only for
// an empty column; an optional column is absent when it is NULL with
// length 0.
struct BarColumn {
  const char* name;
  const void* data;
  size_t length;
  const char* required_by;  // nullptr: optional for this method
  bool skip;  // ticks present their price as open/high/low too: checked once

  bool absent() const { return data == nullptr && length == 0; }
};

// Required columns present, no NULL data behind a length, equal lengths.
absl::Status CheckBarColumns(const BarInput& in, BarMethod method) {
  const OhlcvView& s = in.series;
  const char* price = in.ticks ? "price" : "close";
  const size_t n = s.close.size();
  // Whether there are rows at all, judged by any price column, so a missing
  // close among present open/high/low is "required", not a length mismatch.
  const size_t any_rows =
      std::max({n, s.open.size(), s.high.size(), s.low.size(), s.time.size(), s.volume.size()});
  const BarColumn cols[] = {
      {"time", s.time.data(), s.time.size(),
       method == BarMethod::kTime ? " by time bars" : nullptr, false},
      {"open", s.open.data(), s.open.size(), "", in.ticks},
      {"high", s.high.data(), s.high.size(), "", in.ticks},
      {"low", s.low.data(), s.low.size(), "", in.ticks},
      {price, s.close.data(), n, "", false},
      {in.ticks ? "size" : "volume", s.volume.data(), s.volume.size(),
       method == BarMethod::kVolume ? " by volume bars" : nullptr, false},
  };
  for (const BarColumn& c : cols) {
    if (c.skip) continue;
    if (c.absent() && c.required_by != nullptr && any_rows > 0) {
      return Error(ErrorCode::kNullArgument,
                   absl::StrCat("the ", c.name, " column is required", c.required_by));
    }
    if (c.data == nullptr && c.length > 0) {
      return Error(ErrorCode::kNullArgument,
                   absl::StrCat("the ", c.name, " column has NULL data and length ", c.length));
    }
  }
  // Lengths only once every required column is known to be there, so a
  // missing column is reported as missing, not as a mismatch of another.
  for (const BarColumn& c : cols) {
    if (!c.skip && !c.absent() && c.length != n) {
      return Error(ErrorCode::kLengthMismatch,
                   absl::StrCat("the ", c.name, " column has ", c.length, " rows, the ", price,
                                " column ", n));
    }
  }
  return absl::OkStatus();
}

// Row i: finite prices (consistent OHLC for bars), finite volume >= 0, and
// for time bars a time no earlier than the previous row's.
absl::Status CheckBarRow(const BarInput& in, BarMethod method, size_t i) {
  const OhlcvView& s = in.series;
  if (in.ticks) {
    const double p = s.close[i];
    if (!std::isfinite(p)) {
      return Error(ErrorCode::kNonFinite, absl::StrCat("price[", i, "] = ", p, " is not finite"));
    }
  } else if (auto st = CheckOhlcRow(i, s.open[i], s.high[i], s.low[i], s.close[i]); !st.ok()) {
    return st;
  }
  if (s.has_volume()) {
    const char* vol = in.ticks ? "size" : "volume";
    const double v = s.volume[i];
    if (!std::isfinite(v)) {
      return Error(ErrorCode::kNonFinite, absl::StrCat(vol, "[", i, "] = ", v, " is not finite"));
    }
    if (v < 0) {
      return Error(ErrorCode::kNegativeVolume,
                   absl::StrCat(vol, "[", i, "] = ", v, " is negative"));
    }
  }
  if (method == BarMethod::kTime && i > 0 && s.time[i] < s.time[i - 1]) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrCat("time[", i, "] = ", s.time[i], " is before time[", i - 1,
                              "] = ", s.time[i - 1],
                              ": time bars need non-decreasing times (equal times are "
                              "allowed)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateBarSpec(const BarSpec& spec) {
  const int32_t m = static_cast<int32_t>(spec.method);
  if (m < kBarMethodFirst || m > kBarMethodLast) {
    return Error(ErrorCode::kInvalidArgument, absl::StrCat("unknown bar method ", m));
  }
  switch (spec.method) {
    case BarMethod::kTime:
      return ValidateTimeSpec(spec);
    case BarMethod::kTick:
      if (spec.tick_count == 0) {
        return Error(ErrorCode::kInvalidArgument, "tick_count must be >= 1 (got 0)");
      }
      return absl::OkStatus();
    case BarMethod::kVolume:
      return CheckPositiveFinite("volume_threshold", spec.volume_threshold);
    case BarMethod::kRange:
      return CheckPositiveFinite("range", spec.range);
    case BarMethod::kHeikinAshi:
      return absl::OkStatus();
    case BarMethod::kRenko:
    case BarMethod::kPointFigure:
      return ValidateBoxSpec(spec);
    case BarMethod::kKagi:
      return ValidateKagiSpec(spec);
    case BarMethod::kLineBreak:
      if (spec.line_count < 1 || spec.line_count > kMaxLineCount) {
        return Error(ErrorCode::kInvalidArgument,
                     absl::StrCat("line_count must be in 1..", kMaxLineCount, " (got ",
                                  spec.line_count, ")"));
      }
      return absl::OkStatus();
  }
  return Error(ErrorCode::kInternal, "unhandled bar method");
}

absl::Status ValidateBarInput(const BarInput& in, BarMethod method) {
  if (auto st = CheckBarColumns(in, method); !st.ok()) return st;
  if (in.ticks && method == BarMethod::kHeikinAshi) {
    return Error(ErrorCode::kInvalidArgument, "Heikin-Ashi needs OHLC bars, not ticks");
  }
  for (size_t i = 0; i < in.series.close.size(); ++i) {
    if (auto st = CheckBarRow(in, method, i); !st.ok()) return st;
  }
  return absl::OkStatus();
}

double BarBoxSize(const BarInput& in, const BarSpec& spec) {
  if (spec.box_mode == BoxMode::kFixed) return spec.box_size;
  // The chart's own ATR (cc/bars/bars.h), so an aggregated renko and a
  // rendered one agree. Ticks are bars with open = high = low = close, so
  // their true range is |price - previous price|.
  return AverageTrueRange(in.series, static_cast<size_t>(spec.atr_period));
}

absl::Status AggregateBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           BarWriter* out) {
  if (auto st = ValidateBarSpec(spec); !st.ok()) return st;
  if (auto st = ValidateBarInput(in, spec.method); !st.ok()) return st;
  const OhlcvView& s = in.series;
  absl::Status st;
  if (s.size() > 0) {
    namespace bi = bars_internal;
    switch (spec.method) {
      case BarMethod::kTime:
        st = bi::TimeBars(in, spec, out);
        break;
      case BarMethod::kTick:
        st = bi::TickBars(in, spec, out);
        break;
      case BarMethod::kVolume:
        st = bi::VolumeBars(in, spec, out);
        break;
      case BarMethod::kRange:
        if (st = CheckBoxAgainstPrices("range", spec.range, std::max(MaxAbs(s.high), MaxAbs(s.low))); st.ok()) {
          st = bi::RangeBars(in, spec, out);
        }
        break;
      case BarMethod::kHeikinAshi:
        st = bi::HeikinAshiBars(in, out);
        break;
      case BarMethod::kRenko:
      case BarMethod::kPointFigure: {
        const double box = BarBoxSize(in, spec);
        // An ATR of 0 (a flat series) means no price ever moves a box: no
        // bricks or columns, which is the chart's behaviour too.
        if (!(box > 0)) break;
        const char* what = spec.box_mode == BoxMode::kAtr ? "the ATR box size" : "box_size";
        if (st = CheckBoxAgainstPrices(what, box, MaxAbs(s.close)); !st.ok()) break;
        st = spec.method == BarMethod::kRenko ? bi::RenkoBars(in, box, out)
                                              : bi::PointFigureBars(in, box, spec.reversal, out);
        break;
      }
      case BarMethod::kKagi:
        if (spec.reversal_percent) {
          for (size_t i = 0; i < s.size(); ++i) {
            if (!(s.close[i] > 0)) {
              return Error(ErrorCode::kInvalidArgument,
                           absl::StrCat("a percent kagi reversal needs prices > 0; ",
                                        in.ticks ? "price" : "close", "[", i,
                                        "] = ", s.close[i]));
            }
          }
        }
        st = bi::KagiBars(in, spec, out);
        break;
      case BarMethod::kLineBreak:
        st = bi::LineBreakBars(in, spec, ws, out);
        break;
    }
  }
  if (!st.ok()) return st;
  if (out->too_many()) {
    return Error(ErrorCode::kSizeOutOfRange,
                 absl::StrCat("the aggregation would produce more than 2^60 rows"));
  }
  return absl::OkStatus();
}

absl::Status AggregateBars(const BarInput& in, const BarSpec& spec, BarWorkspace* ws,
                           OhlcvColumns* out) {
  BarWriter counter;
  if (auto st = AggregateBars(in, spec, ws, &counter); !st.ok()) return st;
  const uint64_t n = counter.count();
  if (n > std::numeric_limits<size_t>::max() / sizeof(double)) {
    return Error(ErrorCode::kSizeOutOfRange, "too many output rows for this address space");
  }
  out->Resize(static_cast<size_t>(n), in.series.has_time(), true);
  BarArrays a;
  a.time = in.series.has_time() ? out->time.data() : nullptr;
  a.open = out->open.data();
  a.high = out->high.data();
  a.low = out->low.data();
  a.close = out->close.data();
  a.volume = out->volume.data();
  a.capacity = static_cast<size_t>(n);
  BarWriter writer(a);
  if (auto st = AggregateBars(in, spec, ws, &writer); !st.ok()) return st;
  if (writer.count() != n) return Error(ErrorCode::kInternal, "counting and filling disagree");
  return absl::OkStatus();
}

}  // namespace candlewick
