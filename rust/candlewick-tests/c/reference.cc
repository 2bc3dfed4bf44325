// Reference results computed by C++ through the C API alone, in the same
// process as the Rust tests that compare against them bit for bit:
//   - the golden charts, rendered by the very code the C golden test uses
//     (tests/golden_cases.cc: the same cases, data and options), and the
//     series they draw;
//   - indicators, streams and bars over tests/test_support.cc's MakeSeries.
// The Rust side builds its own series, options and chart data through the
// safe crate; only the results are compared.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "tests/golden_cases.h"
#include "tests/test_support.h"

using candlewick_test::GoldenCase;
using candlewick_test::GoldenCases;
using candlewick_test::MakeSeries;
using candlewick_test::Series;

namespace {

uint8_t* CopyOut(const std::vector<uint8_t>& bytes, size_t* size) {
  *size = bytes.size();
  auto* out = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
  if (!bytes.empty()) std::memcpy(out, bytes.data(), bytes.size());
  return out;
}

// The anchor column of AVWAP: a restart every 17 rows.
std::vector<double> Anchors(size_t n) {
  std::vector<double> a(n);
  for (size_t i = 0; i < n; ++i) a[i] = i % 17 == 0 ? 1.0 : 0.0;
  return a;
}

// MakeSeries(n, seed) and indicator `id`'s input columns over it (AVWAP's
// anchor: every 17th row); `ok` is false for an unknown id or input.
struct IndicatorInputs {
  IndicatorInputs(int32_t id, size_t n, uint32_t seed)
      : series(MakeSeries(n, seed)), anchor(Anchors(n)) {
    cw_indicator_info info;
    info.struct_size = sizeof info;
    if (cw_indicator_get_info(id, &info) != CW_OK) return;
    for (size_t k = 0; k < info.input_count; ++k) {
      const std::string name = cw_indicator_input_name(id, k);
      const std::vector<double>* v = nullptr;
      if (name == "input" || name == "close") v = &series.close;
      else if (name == "open") v = &series.open;
      else if (name == "high") v = &series.high;
      else if (name == "low") v = &series.low;
      else if (name == "volume") v = &series.volume;
      else if (name == "anchor") v = &anchor;
      else return;
      columns.push_back({v->data(), n, 0});
    }
    ok = true;
  }
  IndicatorInputs(const IndicatorInputs&) = delete;  // columns point into it
  IndicatorInputs& operator=(const IndicatorInputs&) = delete;

  const Series series;
  const std::vector<double> anchor;
  std::vector<cw_f64_column> columns;
  bool ok = false;
};

}  // namespace

extern "C" {

size_t cwref_golden_count(void) { return GoldenCases().size(); }

// Case i: its name (NUL-terminated into name[name_size]), options, candle
// count, seed and data kind (the GoldenData enumerator's value).
int cwref_golden_case(size_t i, char* name, size_t name_size, cw_chart_options* options,
                      size_t* candles, uint32_t* seed, int32_t* data) {
  const std::vector<GoldenCase> cases = GoldenCases();
  if (i >= cases.size() || name_size == 0) return 0;
  const GoldenCase& c = cases[i];
  std::strncpy(name, c.name.c_str(), name_size - 1);
  name[name_size - 1] = '\0';
  *options = c.options;
  *candles = c.candles;
  *seed = c.seed;
  *data = static_cast<int32_t>(c.data);
  return 1;
}

// The series case i draws (GoldenSeries: MakeSeries or a data/synthetic.cc
// series), before RenderGolden's changes for the flat kind: returns its
// length, and fills the columns (each of `capacity` elements) when it fits.
size_t cwref_golden_series(size_t i, size_t capacity, int64_t* time, double* open, double* high,
                           double* low, double* close, double* volume) {
  const Series s = candlewick_test::GoldenSeries(GoldenCases().at(i));
  const size_t n = s.close.size();
  if (n > capacity) return n;
  std::memcpy(time, s.time.data(), n * sizeof(int64_t));
  std::memcpy(open, s.open.data(), n * sizeof(double));
  std::memcpy(high, s.high.data(), n * sizeof(double));
  std::memcpy(low, s.low.data(), n * sizeof(double));
  std::memcpy(close, s.close.data(), n * sizeof(double));
  std::memcpy(volume, s.volume.data(), n * sizeof(double));
  return n;
}

// Case i rendered by the C golden test's RenderGolden into `format` (raw
// formats: a tight frame); *out is malloc'ed (cwref_free).
int32_t cwref_golden_render(size_t i, int32_t format, uint8_t** out, size_t* size) {
  const std::vector<GoldenCase> cases = GoldenCases();
  std::vector<uint8_t> bytes;
  const cw_status s = candlewick_test::RenderGolden(cases.at(i), &bytes, format);
  *out = CopyOut(bytes, size);
  return s;
}

// Decodes a PNG file to RGBA8 with libspng (the C golden test's decoder).
int cwref_decode_png_file(const char* path, uint8_t** rgba, size_t* size, uint32_t* width,
                          uint32_t* height) {
  std::vector<uint8_t> pixels;
  if (!candlewick_test::DecodePngFile(path, &pixels, width, height)) return 0;
  *rgba = CopyOut(pixels, size);
  return 1;
}

void cwref_free(void* p) { std::free(p); }

// Indicator `id` over MakeSeries(n, seed) (AVWAP's anchor: every 17th row)
// into outputs[0..output_count), each of n doubles: computed with
// cw_indicator_compute, or (`streamed`) pushed bar by bar through a
// cw_indicator_stream, outputs[j][i] being output j after bar i.
int32_t cwref_indicator(int32_t id, bool streamed, size_t n, uint32_t seed, const double* params,
                        size_t param_count, double* const* outputs, size_t output_count) {
  const IndicatorInputs in(id, n, seed);
  if (!in.ok) return CW_ERR_INVALID_ARGUMENT;
  const std::vector<cw_f64_column>& columns = in.columns;
  if (!streamed) {
    cw_indicator_context* ctx = nullptr;
    cw_status st = cw_indicator_context_create(nullptr, &ctx);
    if (st != CW_OK) return st;
    st = cw_indicator_compute(ctx, id, columns.data(), columns.size(), params, param_count,
                              outputs, output_count, n);
    cw_indicator_context_destroy(ctx);
    return st;
  }
  cw_indicator_stream* stream = nullptr;
  cw_status st = cw_indicator_stream_create(nullptr, id, params, param_count, &stream);
  if (st != CW_OK) return st;
  std::vector<double> bar(columns.size()), out(output_count);
  for (size_t i = 0; i < n && st == CW_OK; ++i) {
    for (size_t k = 0; k < columns.size(); ++k) bar[k] = columns[k].data[i];
    st = cw_indicator_stream_push(stream, bar.data(), bar.size(), out.data(), out.size());
    for (size_t j = 0; j < output_count; ++j) outputs[j][i] = out[j];
  }
  cw_indicator_stream_destroy(stream);
  return st;
}

// Bars of MakeSeries(n, seed) with `options` into columns of `capacity`
// rows (any may be NULL); *count as cw_bars_from_ohlcv.
int32_t cwref_bars(size_t n, uint32_t seed, const cw_bar_options* options, size_t capacity,
                   int64_t* time, double* open, double* high, double* low, double* close,
                   double* volume, int64_t* row, size_t* count) {
  const Series s = MakeSeries(n, seed);
  const cw_ohlcv series = s.View();
  cw_bar_output out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = capacity;
  out.time = time;
  out.open = open;
  out.high = high;
  out.low = low;
  out.close = close;
  out.volume = volume;
  out.row = row;
  cw_bar_context* ctx = nullptr;
  cw_status st = cw_bar_context_create(nullptr, &ctx);
  if (st != CW_OK) return st;
  st = cw_bars_from_ohlcv(ctx, &series, options, &out, count);
  cw_bar_context_destroy(ctx);
  return st;
}

}  // extern "C"
