// Indicators, streams, the many-series call and bar aggregation with
// fuzzer-chosen ids, parameters (in range, at the bounds, or anything) and
// series (a realistic walk with NaN/inf runs, or values from the extremes
// menu, high < low and negative volumes included). Checks the contracts of
// capi/candlewick.h:
//   - compute: never CW_ERR_INTERNAL; an error has a message; lookback()
//     agrees with compute about the parameters;
//   - batch: each series bit for bit what compute gives it alone;
//   - stream (every indicator that has one, its bar in a buffer of exactly
//     input_count doubles, so an over-read is an ASan finding): accepted
//     exactly when compute accepts the parameters, and on a realistic series
//     equal to compute row by row: bit for bit where docs/indicators.md
//     promises it, else within 1e-12 of max(|value|, 100);
//   - bars: the size query and the fill agree; rows are consistent bars
//     whose `row` is non-decreasing and inside the input.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "capi/candlewick.h"
#include "fuzz/fuzz_input.h"

namespace {

using candlewick_fuzz::FuzzInput;

struct Series {
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume, anchor;
  bool realistic = false;  // a walk: the stream == batch checks apply
  size_t size() const { return close.size(); }
};

Series ReadSeries(FuzzInput& in) {
  Series s;
  const uint8_t mode = in.Byte();
  const size_t n = in.Below(mode & 0x80 ? 400 : 64);
  int64_t t = in.Range(-(int64_t{1} << 40), int64_t{1} << 40);
  const int64_t step = in.Range(0, 1 << 16);
  if (mode % 2 == 0) {
    s.realistic = true;
    double price = 1 + in.Below(100000) / 100.0;
    // Non-finite runs and a flat stretch now and then.
    const size_t gap_at = in.Below(static_cast<uint32_t>(n + 1)), gap_len = in.Below(4);
    const size_t flat_at = in.Below(static_cast<uint32_t>(n + 1)), flat_len = in.Below(20);
    const double gap_value = in.Number(true);
    for (size_t i = 0; i < n; ++i) {
      const double o = price;
      if (i < flat_at || i >= flat_at + flat_len) price = in.Walk(price);
      const double c = price;
      const double spread = (in.Byte() % 8) / 200.0;
      double h = std::max(o, c) * (1 + spread), l = std::min(o, c) * (1 - spread);
      if (i >= flat_at && i < flat_at + flat_len) h = l = c;
      double v = in.Below(1000000);
      if (i >= gap_at && i < gap_at + gap_len) {
        switch (in.Byte() % 3) {
          case 0: h = gap_value; break;
          case 1: v = gap_value; break;
          default: l = gap_value; break;
        }
        if (std::isfinite(gap_value)) s.realistic = false;  // maybe high < low
      }
      const bool ordered = l <= h;  // false for NaN and for a low above the high
      s.open.push_back(ordered ? std::clamp(o, l, h) : o);
      s.high.push_back(h);
      s.low.push_back(l);
      s.close.push_back(ordered ? std::clamp(c, l, h) : c);
      s.volume.push_back(v);
      s.anchor.push_back(in.Byte() % 16 == 0 ? 1 : 0);
      s.time.push_back(t);
      t += step;
    }
  } else {
    const bool sorted = in.Bool();
    for (size_t i = 0; i < n; ++i) {
      double v[4] = {in.Number(true), in.Number(true), in.Number(true), in.Number(true)};
      if (sorted) std::sort(v, v + 4);
      s.low.push_back(v[0]);
      s.open.push_back(v[1]);
      s.close.push_back(v[2]);
      s.high.push_back(v[3]);
      s.volume.push_back(in.Number(true));
      s.anchor.push_back(in.Number(true));
      s.time.push_back(in.Bool() ? t : in.Raw<int64_t>());
      t += step;
    }
  }
  return s;
}

const std::vector<double>& Column(const Series& s, const char* name) {
  if (std::strcmp(name, "open") == 0) return s.open;
  if (std::strcmp(name, "high") == 0) return s.high;
  if (std::strcmp(name, "low") == 0) return s.low;
  if (std::strcmp(name, "volume") == 0) return s.volume;
  if (std::strcmp(name, "anchor") == 0) return s.anchor;
  return s.close;  // "close" and a single-series indicator's "input"
}

// Parameters: the defaults, values inside the range (periods kept small so
// the series reach them), the bounds, or anything from the number menu.
std::vector<double> ReadParams(FuzzInput& in, cw_indicator_id id, size_t param_count) {
  std::vector<double> params;
  const size_t count = in.Below(static_cast<uint32_t>(param_count + 2));
  for (size_t k = 0; k < count; ++k) {
    cw_indicator_param p;
    p.struct_size = sizeof p;
    if (cw_indicator_get_param(id, k, &p) != CW_OK) {
      params.push_back(in.Number(true));
      continue;
    }
    double v = p.default_value;
    switch (in.Byte() % 8) {
      case 0: v = p.min_value; break;
      case 1: v = p.max_value; break;
      case 2: v = in.Number(true); break;
      case 3: v = p.min_value + in.Byte() / 255.0 * (p.max_value - p.min_value); break;
      case 4:
      case 5:
        v = std::min(p.max_value, p.min_value + in.Below(40));
        break;
      default: break;
    }
    if (p.is_integer && in.Byte() % 8 != 0) v = std::round(v);
    params.push_back(v);
  }
  return params;
}

// Indicators whose stream repeats the batch loop operation for operation
// (docs/indicators.md, "Precision").
bool StreamExact(const char* name) {
  static const char* const kExact[] = {
      "wma",      "hma",      "trange",   "mom",      "roc",      "rocp",
      "rocr",     "rocr100",  "willr",    "obv",      "aroon",    "aroonosc",
      "midprice", "midpoint", "max",      "min",      "medprice", "typprice",
      "wclprice", "avgprice", "bop",      "sar",      "linearreg", "linearreg_slope",
      "linearreg_intercept", "linearreg_angle", "tsf", "vwap",     "avwap", "donchian",
      "ichimoku", "pivots"};
  for (const char* e : kExact) {
    if (std::strcmp(name, e) == 0) return true;
  }
  return false;
}

// Agreement "within 1e-12 of max(|value|, 100)" is documented for the
// prefix-scan indicators except these, whose error scales with a condition
// number the fuzzer does not model (docs/indicators.md).
bool StreamConditioned(const char* name) {
  static const char* const kConditioned[] = {"cci",  "stochrsi", "adosc", "vwma",
                                             "cmf",  "mfi",      "ad",    "supertrend"};
  for (const char* e : kConditioned) {
    if (std::strcmp(name, e) == 0) return true;
  }
  return false;
}

// One indicator call as the fuzzer chose it, which every check repeats.
struct Call {
  cw_indicator_id id = 0;
  cw_indicator_info info;
  std::vector<double> params;
  std::vector<cw_f64_column> inputs;  // from the series, by input name
  size_t output_count = 0;            // the first 1..info.output_count outputs
};

// Reads an id (most often a known one) and its parameters. False for an
// unknown id, once lookback is checked to refuse it.
bool ReadCall(FuzzInput& in, const Series& s, Call* call) {
  const int32_t count = cw_indicator_count();
  call->id = in.Byte() == 0 ? in.Raw<int32_t>() : 1 + static_cast<int32_t>(in.Below(count));
  call->info.struct_size = sizeof call->info;
  if (cw_indicator_get_info(call->id, &call->info) != CW_OK) {
    size_t lookback = 1;
    FUZZ_CHECK(cw_indicator_lookback(call->id, nullptr, 0, &lookback) == CW_ERR_INVALID_ARGUMENT &&
                   lookback == 0,
               "an unknown id");
    return false;
  }
  call->params = ReadParams(in, call->id, call->info.param_count);
  for (size_t k = 0; k < call->info.input_count; ++k) {
    const std::vector<double>& c = Column(s, cw_indicator_input_name(call->id, k));
    call->inputs.push_back({c.empty() ? nullptr : c.data(), c.size(), 0});
  }
  const uint32_t outputs = static_cast<uint32_t>(call->info.output_count);
  call->output_count = call->info.output_count - in.Below(outputs);
  return true;
}

// Output columns for one compute, and the pointers the C API takes.
struct Outputs {
  Outputs(size_t count, size_t length, double fill)
      : columns(count, std::vector<double>(length, fill)) {
    for (auto& c : columns) ptr.push_back(c.data());
  }
  std::vector<std::vector<double>> columns;
  std::vector<double*> ptr;
};

// What compute leaves in the row past n, where it must not write.
constexpr double kUnwritten = 12345.0;

cw_status Compute(cw_indicator_context* context, const Call& call, const cw_f64_column* inputs,
                  size_t n, Outputs* out) {
  return cw_indicator_compute(context, call.id, inputs, call.info.input_count, call.params.data(),
                              call.params.size(), out->ptr.data(), call.output_count, n);
}

// Compute over the whole series, into `out` (n + 1 rows of kUnwritten):
// never CW_ERR_INTERNAL, a message with every error, nothing written past
// n, accepted parameters accepted by lookback too (`lb`, its status).
cw_status CheckCompute(cw_indicator_context* context, const Call& call, size_t n, cw_status lb,
                       Outputs* out) {
  const cw_status st = Compute(context, call, call.inputs.data(), n, out);
  const char* error = cw_indicator_context_last_error(context);
  FUZZ_CHECK(st != CW_ERR_INTERNAL, error);
  if (st != CW_OK) {
    FUZZ_CHECK(error[0] != '\0', "an error without a message");
  } else {
    FUZZ_CHECK(lb == CW_OK, "compute accepted parameters lookback refuses");
    for (const auto& o : out->columns) FUZZ_CHECK(o[n] == kUnwritten, "wrote past n");
  }
  if (lb != CW_OK) {
    FUZZ_CHECK(st == CW_ERR_INVALID_ARGUMENT || st == CW_ERR_EMPTY_SERIES, error);
  }
  return st;
}

// The many-series call: the series (of n > 0 rows), then its first half,
// then its second half, each bit for bit what compute gives it alone.
void CheckBatch(cw_indicator_context* context, const Call& call, size_t n) {
  const size_t input_count = call.info.input_count, output_count = call.output_count;
  const size_t half = n / 2;
  const size_t starts[3] = {0, 0, half}, lengths[3] = {n, half, n - half};
  std::vector<cw_f64_column> batch_inputs;
  std::vector<std::vector<double>> batch_out;
  std::vector<double*> batch_ptr;
  std::vector<size_t> capacities;
  for (int b = 0; b < 3; ++b) {
    for (const cw_f64_column& c : call.inputs) {
      batch_inputs.push_back({c.data + starts[b], lengths[b], 0});
    }
    for (size_t j = 0; j < output_count; ++j) batch_out.emplace_back(lengths[b] + 1, 0.0);
    capacities.push_back(lengths[b]);
  }
  for (auto& o : batch_out) batch_ptr.push_back(o.data());
  size_t failed = 99;
  const cw_status bst = cw_indicator_compute_batch(
      context, call.id, batch_inputs.data(), input_count, 3, call.params.data(),
      call.params.size(), batch_ptr.data(), output_count, capacities.data(), &failed);
  FUZZ_CHECK(bst != CW_ERR_INTERNAL, cw_indicator_context_last_error(context));
  for (size_t b = 0; b < 3; ++b) {
    if (bst != CW_OK && b >= failed) break;
    Outputs alone(output_count, lengths[b] + 1, 0.0);
    const cw_status ast =
        Compute(context, call, &batch_inputs[b * input_count], lengths[b], &alone);
    FUZZ_CHECK(ast == CW_OK, "a series the batch computed fails alone");
    for (size_t j = 0; j < output_count; ++j) {
      FUZZ_CHECK(std::memcmp(alone.columns[j].data(), batch_out[b * output_count + j].data(),
                             lengths[b] * sizeof(double)) == 0,
                 "batch differs from compute");
    }
  }
  if (bst != CW_OK) {
    FUZZ_CHECK(failed < 3, "failed_series");
    // The series that failed fails alone too, with the same status.
    Outputs alone(output_count, n + 1, 0.0);
    const cw_status ast =
        Compute(context, call, &batch_inputs[failed * input_count], lengths[failed], &alone);
    FUZZ_CHECK(ast == bst, "batch and compute disagree on the status");
  }
}

// The stream, pushed the series bar by bar: created exactly when lookback
// accepts the parameters (`lb`), with the same `lookback`; every push
// accepted when compute was (`computed`), and then, on a realistic series,
// each bar's values those of compute's row (`out`).
void CheckStream(const Call& call, const Series& s, cw_status lb, size_t lookback, bool computed,
                 const Outputs& out) {
  const cw_indicator_info& info = call.info;
  cw_indicator_stream* stream = nullptr;
  const cw_status cst =
      cw_indicator_stream_create(nullptr, call.id, call.params.data(), call.params.size(), &stream);
  FUZZ_CHECK(cst != CW_ERR_INTERNAL, "stream create");
  FUZZ_CHECK((cst == CW_OK) == (lb == CW_OK), "stream create and lookback disagree");
  if (cst != CW_OK) {
    FUZZ_CHECK(stream == nullptr, "a failed create left a handle");
    return;
  }
  FUZZ_CHECK(cw_indicator_stream_lookback(stream) == lookback, "stream lookback");
  const bool compare = computed && s.realistic;
  const bool exact = StreamExact(info.name);
  const bool conditioned = StreamConditioned(info.name);
  // Exactly input_count doubles: reading one more is a heap overflow.
  std::unique_ptr<double[]> bar(new double[info.input_count]);
  std::vector<double> values(info.output_count + 1, 0.0);
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t k = 0; k < info.input_count; ++k) bar[k] = call.inputs[k].data[i];
    const cw_status pst = cw_indicator_stream_push(stream, bar.get(), info.input_count,
                                                   values.data(), call.output_count);
    FUZZ_CHECK(pst != CW_ERR_INTERNAL, cw_indicator_stream_last_error(stream));
    if (computed) FUZZ_CHECK(pst == CW_OK, cw_indicator_stream_last_error(stream));
    if (!compare || pst != CW_OK) continue;
    for (size_t j = 0; j < call.output_count; ++j) {
      const double a = out.columns[j][i], b = values[j];
      if (std::isnan(a) && std::isnan(b)) continue;
      if (exact) {
        FUZZ_CHECK(std::memcmp(&a, &b, sizeof a) == 0 || a == b, info.name);
      } else if (!conditioned) {
        const double scale = std::max({std::fabs(a), std::fabs(b), 100.0});
        FUZZ_CHECK(a == b || std::fabs(a - b) <= 1e-12 * scale, info.name);
      }
    }
  }
  cw_indicator_stream_destroy(stream);
}

void CheckIndicator(FuzzInput& in, const Series& s, cw_indicator_context* context) {
  Call call;
  if (!ReadCall(in, s, &call)) return;
  const size_t n = s.size();
  Outputs out(call.output_count, n + 1, kUnwritten);
  size_t lookback = 0;
  const cw_status lb =
      cw_indicator_lookback(call.id, call.params.data(), call.params.size(), &lookback);
  const cw_status st = CheckCompute(context, call, n, lb, &out);
  if (n > 0 && in.Bool()) CheckBatch(context, call, n);
  if (cw_indicator_stream_supported(call.id)) {
    CheckStream(call, s, lb, lookback, st == CW_OK, out);
  }
}

bool RowsConsistent(const std::vector<double>& o, const std::vector<double>& h,
                    const std::vector<double>& l, const std::vector<double>& c, size_t k) {
  if (std::isnan(o[k]) && std::isnan(h[k]) && std::isnan(l[k]) && std::isnan(c[k])) return true;
  return l[k] <= o[k] && o[k] <= h[k] && l[k] <= c[k] && c[k] <= h[k];
}

cw_bar_options ReadBarOptions(FuzzInput& in) {
  cw_bar_options o;
  cw_bar_options_init(&o, in.Byte() % 8 == 0 ? in.Raw<int32_t>() : 1 + in.Below(9));
  if (in.Bool()) o.empty = static_cast<int32_t>(in.Below(4));
  if (in.Bool()) o.interval = in.Bool() ? in.Range(1, 1 << 20) : in.Raw<int64_t>();
  if (in.Bool()) o.offset = in.Raw<int64_t>();
  if (in.Bool()) o.tick_count = in.Bool() ? in.Below(50) : in.Raw<uint64_t>();
  o.volume_threshold = in.Bool() ? 1 + in.Below(2000000) : in.Number(true);
  if (in.Bool()) o.volume_split = in.Bool();
  if (in.Bool()) o.box_mode = static_cast<int32_t>(in.Below(3));
  o.range = in.Bool() ? in.Below(1000) / 10.0 : in.Number(true);
  o.box_size = in.Bool() ? in.Below(1000) / 10.0 : in.Number(true);
  if (in.Bool()) o.atr_period = static_cast<int32_t>(in.Range(-1, 40));
  if (in.Bool()) o.reversal = static_cast<int32_t>(in.Range(-1, 10));
  if (in.Bool()) o.reversal_amount = in.Bool() ? in.Below(200) / 4.0 : in.Number(true);
  if (in.Bool()) o.reversal_percent = in.Bool();
  if (in.Bool()) o.line_count = static_cast<int32_t>(in.Range(-1, 102));
  return o;
}

// What the bars are made of: the series' closes as ticks, or its bars,
// with or without its time and volume columns.
struct BarInput {
  bool ticks, with_time, with_volume;
  cw_ticks t;
  cw_ohlcv series;

  cw_status Run(cw_bar_context* context, const cw_bar_options& o, const cw_bar_output* out,
                size_t* count) const {
    return ticks ? cw_bars_from_ticks(context, &t, &o, out, count)
                 : cw_bars_from_ohlcv(context, &series, &o, out, count);
  }
};

BarInput ReadBarInput(FuzzInput& in, const Series& s) {
  const size_t n = s.size();
  BarInput b{};
  b.ticks = in.Bool();
  b.with_time = in.Bool();
  b.with_volume = in.Bool();
  if (b.ticks) {
    b.t.price = {s.close.empty() ? nullptr : s.close.data(), n, 0};
    if (b.with_time) b.t.time = {s.time.empty() ? nullptr : s.time.data(), n, 0};
    if (b.with_volume) b.t.size = {s.volume.empty() ? nullptr : s.volume.data(), n, 0};
  } else {
    b.series = cw_ohlcv_contiguous(n, b.with_time ? s.time.data() : nullptr, s.open.data(),
                                   s.high.data(), s.low.data(), s.close.data(),
                                   b.with_volume ? s.volume.data() : nullptr);
  }
  return b;
}

// Room for `rows` output bars and a spare row.
struct BarRows {
  explicit BarRows(size_t rows)
      : time(rows + 1, 0), row(rows + 1, 0), open(rows + 1), high(rows + 1), low(rows + 1),
        close(rows + 1), volume(rows + 1) {}
  std::vector<int64_t> time, row;
  std::vector<double> open, high, low, close, volume;
};

// The filled rows of an input of n rows: consistent finite bars, `row`
// inside the input and never going backwards.
void CheckBarRows(const BarRows& b, size_t rows, size_t n) {
  int64_t last_row = -1;
  for (size_t k = 0; k < rows; ++k) {
    FUZZ_CHECK(RowsConsistent(b.open, b.high, b.low, b.close, k), "an inconsistent output bar");
    // Accepted input is finite, so are the rows (NaN only for empty times).
    FUZZ_CHECK(!std::isinf(b.open[k]) && !std::isinf(b.high[k]) && !std::isinf(b.low[k]) &&
                   !std::isinf(b.close[k]),
               "an infinite output price");
    FUZZ_CHECK(!std::isinf(b.volume[k]), "an infinite output volume");
    FUZZ_CHECK(b.row[k] >= -1 && b.row[k] < static_cast<int64_t>(n), "row out of the input");
    if (b.row[k] >= 0) {
      FUZZ_CHECK(b.row[k] >= last_row, "rows go backwards");
      last_row = b.row[k];
    }
    FUZZ_CHECK(!(b.volume[k] < 0), "a negative output volume");
  }
}

// The fill of the `rows` the size query gave: the same count, good rows,
// and with one row less of capacity CW_ERR_BUFFER_TOO_SMALL with the count.
void CheckBarFill(const BarInput& input, const cw_bar_options& o, size_t n, size_t rows,
                  cw_bar_context* context) {
  BarRows b(rows);
  cw_bar_output out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = rows;
  out.time = input.with_time && n > 0 ? b.time.data() : nullptr;  // only with an input time column
  out.open = b.open.data();
  out.high = b.high.data();
  out.low = b.low.data();
  out.close = b.close.data();
  out.volume = b.volume.data();
  out.row = b.row.data();
  size_t filled = 0;
  const cw_status fst = input.Run(context, o, &out, &filled);
  FUZZ_CHECK(fst == CW_OK, cw_bar_context_last_error(context));
  FUZZ_CHECK(filled == rows, "the size query and the fill disagree");
  CheckBarRows(b, rows, n);
  if (rows > 0) {
    out.capacity = rows - 1;
    size_t needed = 0;
    FUZZ_CHECK(input.Run(context, o, &out, &needed) == CW_ERR_BUFFER_TOO_SMALL && needed == rows,
               "a short buffer");
  }
}

void CheckBars(FuzzInput& in, const Series& s, cw_bar_context* context) {
  const cw_bar_options o = ReadBarOptions(in);
  const BarInput input = ReadBarInput(in, s);
  size_t rows = 7;
  const cw_status st = input.Run(context, o, nullptr, &rows);
  FUZZ_CHECK(st != CW_ERR_INTERNAL, cw_bar_context_last_error(context));
  if (st != CW_OK) {
    FUZZ_CHECK(rows == 0, "an error left a count");
    FUZZ_CHECK(cw_bar_context_last_error(context)[0] != '\0', "an error without a message");
    return;
  }
  if (rows > 200000) return;  // valid, but too many rows to fill here
  CheckBarFill(input, o, s.size(), rows, context);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const Series s = ReadSeries(in);
  cw_indicator_context* context = nullptr;
  if (cw_indicator_context_create(nullptr, &context) != CW_OK) candlewick_fuzz::Fail("context");
  cw_bar_context* bars = nullptr;
  if (cw_bar_context_create(nullptr, &bars) != CW_OK) candlewick_fuzz::Fail("bar context");
  for (int k = 1 + in.Below(3); k > 0; --k) CheckIndicator(in, s, context);
  CheckBars(in, s, bars);
  cw_bar_context_destroy(bars);
  cw_indicator_context_destroy(context);
  return 0;
}
