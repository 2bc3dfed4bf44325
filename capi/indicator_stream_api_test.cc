// The streaming and many-series parts of the Indicators section of the C
// API: a stream pushed bar by bar gives cw_indicator_compute()'s values, its
// statuses and messages, the allocator contract (every allocation of create
// failing in turn; none per push), and cw_indicator_compute_batch() against
// one cw_indicator_compute() call per series.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"

namespace {

struct Bars {
  std::vector<double> high, low, close, volume;
};

Bars MakeBars(size_t n, double phase) {
  Bars b;
  double c = 100;
  for (size_t i = 0; i < n; ++i) {
    const double o = c;
    c += std::sin(i * 0.37 + phase) + 0.4 * std::cos(i * 1.9);
    b.high.push_back(std::max(o, c) + 0.25 + 0.2 * std::sin(i * 0.11));
    b.low.push_back(std::min(o, c) - 0.25);
    b.close.push_back(c);
    b.volume.push_back(1000 + 10 * (i % 7));
  }
  if (n > 120) b.close[120] = NAN;  // a gap: both paths restart there
  return b;
}

std::vector<double> Col(const Bars& b, const char* name) {
  if (std::strcmp(name, "high") == 0) return b.high;
  if (std::strcmp(name, "low") == 0) return b.low;
  if (std::strcmp(name, "volume") == 0) return b.volume;
  return b.close;
}

TEST(IndicatorStream, PushesGiveTheComputedValues) {
  const Bars b = MakeBars(400, 0);
  struct Case {
    cw_indicator_id id;
    std::vector<double> params;
  };
  const Case cases[] = {{CW_IND_SMA, {20}},    {CW_IND_EMA, {12}},     {CW_IND_RSI, {14}},
                        {CW_IND_ATR, {14}},    {CW_IND_MACD, {12, 26, 9}},
                        {CW_IND_BBANDS, {20, 2, 2, 1}}, {CW_IND_ADXR, {10}},
                        {CW_IND_STOCH, {}},    {CW_IND_MFI, {}},       {CW_IND_AROON, {7}}};
  cw_indicator_context* context = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &context), CW_OK);
  for (const Case& c : cases) {
    cw_indicator_info info;
    info.struct_size = sizeof info;
    ASSERT_EQ(cw_indicator_get_info(c.id, &info), CW_OK);
    SCOPED_TRACE(info.name);
    std::vector<std::vector<double>> cols;
    std::vector<cw_f64_column> inputs;
    for (size_t k = 0; k < info.input_count; ++k) cols.push_back(Col(b, cw_indicator_input_name(c.id, k)));
    for (const auto& col : cols) inputs.push_back({col.data(), col.size(), 0});
    const size_t n = b.close.size();
    std::vector<std::vector<double>> want(info.output_count, std::vector<double>(n));
    std::vector<double*> ptrs;
    for (auto& w : want) ptrs.push_back(w.data());
    ASSERT_EQ(cw_indicator_compute(context, c.id, inputs.data(), inputs.size(), c.params.data(),
                                   c.params.size(), ptrs.data(), ptrs.size(), n),
              CW_OK);
    ASSERT_EQ(cw_indicator_stream_supported(c.id), 1);
    cw_indicator_stream* stream = nullptr;
    ASSERT_EQ(cw_indicator_stream_create(nullptr, c.id, c.params.data(), c.params.size(), &stream),
              CW_OK);
    size_t lookback = 0;
    ASSERT_EQ(cw_indicator_lookback(c.id, c.params.data(), c.params.size(), &lookback), CW_OK);
    EXPECT_EQ(cw_indicator_stream_lookback(stream), lookback);
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < n; ++i) {
        double bar[4], out[3];
        for (size_t k = 0; k < cols.size(); ++k) bar[k] = cols[k][i];
        ASSERT_EQ(cw_indicator_stream_push(stream, bar, cols.size(), out, info.output_count), CW_OK);
        EXPECT_STREQ(cw_indicator_stream_last_error(stream), "");
        for (size_t j = 0; j < info.output_count; ++j) {
          if (std::isnan(want[j][i])) {
            EXPECT_TRUE(std::isnan(out[j])) << "row " << i;
          } else {
            EXPECT_NEAR(out[j], want[j][i], 1e-12 * std::max(100.0, std::fabs(want[j][i])))
                << "row " << i << " output " << j;
          }
        }
      }
      ASSERT_EQ(cw_indicator_stream_reset(stream), CW_OK);  // second pass: same values
    }
    cw_indicator_stream_destroy(stream);
  }
  cw_indicator_context_destroy(context);
}

TEST(IndicatorStream, StatusesAndMessages) {
  cw_indicator_stream* stream = reinterpret_cast<cw_indicator_stream*>(1);
  EXPECT_EQ(cw_indicator_stream_create(nullptr, CW_IND_SMA, nullptr, 0, nullptr),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_stream_create(nullptr, CW_IND_SMA, nullptr, 1, &stream),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(stream, nullptr);
  const cw_allocator broken = {nullptr, nullptr, nullptr};
  EXPECT_EQ(cw_indicator_stream_create(&broken, CW_IND_SMA, nullptr, 0, &stream),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_stream_create(nullptr, 0, nullptr, 0, &stream), CW_ERR_INVALID_ARGUMENT);
  const double bad_period = 1;
  EXPECT_EQ(cw_indicator_stream_create(nullptr, CW_IND_SMA, &bad_period, 1, &stream),
            CW_ERR_INVALID_ARGUMENT);
  const double too_many[3] = {5, 1, 0};
  EXPECT_EQ(cw_indicator_stream_create(nullptr, CW_IND_SMA, too_many, 3, &stream),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(stream, nullptr);
  // Every id either streams or is refused at create, consistently with the
  // query.
  for (cw_indicator_id id = 1; id <= cw_indicator_count(); ++id) {
    const cw_status st = cw_indicator_stream_create(nullptr, id, nullptr, 0, &stream);
    EXPECT_EQ(st, cw_indicator_stream_supported(id) ? CW_OK : CW_ERR_INVALID_ARGUMENT) << id;
    cw_indicator_stream_destroy(stream);
  }
  EXPECT_EQ(cw_indicator_stream_supported(0), 0);
  EXPECT_EQ(cw_indicator_stream_supported(cw_indicator_count() + 1), 0);

  ASSERT_EQ(cw_indicator_stream_create(nullptr, CW_IND_ATR, nullptr, 0, &stream), CW_OK);
  double out = 7;
  const double bar[3] = {10, 11, 10.5};  // high < low
  EXPECT_EQ(cw_indicator_stream_push(stream, bar, 3, &out, 1), CW_ERR_INCONSISTENT_OHLC);
  EXPECT_NE(std::string(cw_indicator_stream_last_error(stream)).find("high < low"),
            std::string::npos);
  EXPECT_EQ(out, 7);
  EXPECT_EQ(cw_indicator_stream_push(stream, bar, 2, &out, 1), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_stream_push(stream, nullptr, 3, &out, 1), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(cw_indicator_stream_last_error(stream), "bar is NULL");
  EXPECT_EQ(cw_indicator_stream_push(stream, bar, 3, nullptr, 1), CW_ERR_NULL_ARGUMENT);
  const double good[3] = {11, 10, 10.5};
  EXPECT_EQ(cw_indicator_stream_push(stream, good, 3, nullptr, 0), CW_OK);
  EXPECT_STREQ(cw_indicator_stream_last_error(stream), "");
  cw_indicator_stream_destroy(stream);

  ASSERT_EQ(cw_indicator_stream_create(nullptr, CW_IND_OBV, nullptr, 0, &stream), CW_OK);
  const double negative[2] = {10, -5};
  EXPECT_EQ(cw_indicator_stream_push(stream, negative, 2, &out, 1), CW_ERR_NEGATIVE_VOLUME);
  cw_indicator_stream_destroy(stream);

  EXPECT_EQ(cw_indicator_stream_push(nullptr, good, 3, &out, 1), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_stream_reset(nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_stream_lookback(nullptr), 0u);
  EXPECT_NE(cw_indicator_stream_last_error(nullptr), nullptr);
  cw_indicator_stream_destroy(nullptr);
}

TEST(IndicatorStream, AllocatorHooksAtCreateOnlyAndFailuresAreClean) {
  const Bars b = MakeBars(1000, 1);
  for (cw_indicator_id id : {CW_IND_SMA, CW_IND_BBANDS, CW_IND_MACD, CW_IND_ADXR, CW_IND_STOCH}) {
    candlewick_test::TestingAllocator heap;
    cw_allocator a = heap.hooks();
    cw_indicator_stream* stream = nullptr;
    ASSERT_EQ(cw_indicator_stream_create(&a, id, nullptr, 0, &stream), CW_OK);
    const int64_t at_create = heap.allocations;
    EXPECT_EQ(at_create, 2);  // the handle and its state block
    double out[3];
    for (size_t i = 0; i < b.close.size(); ++i) {
      const double bar[4] = {b.high[i], b.low[i], b.close[i], b.volume[i]};
      cw_indicator_info info;
      info.struct_size = sizeof info;
      ASSERT_EQ(cw_indicator_get_info(id, &info), CW_OK);
      ASSERT_EQ(cw_indicator_stream_push(stream, id == CW_IND_SMA || id == CW_IND_BBANDS ||
                                                         id == CW_IND_MACD
                                                     ? bar + 2
                                                     : bar,
                                         info.input_count, out, info.output_count),
                CW_OK);
    }
    EXPECT_EQ(cw_indicator_stream_reset(stream), CW_OK);
    EXPECT_EQ(heap.allocations, at_create) << "a push allocated";
    cw_indicator_stream_destroy(stream);
    EXPECT_EQ(heap.live(), 0);
    for (int64_t k = 0; k < at_create; ++k) {
      candlewick_test::TestingAllocator failing;
      failing.fail_at = k;
      cw_allocator fa = failing.hooks();
      stream = reinterpret_cast<cw_indicator_stream*>(1);
      EXPECT_EQ(cw_indicator_stream_create(&fa, id, nullptr, 0, &stream), CW_ERR_OUT_OF_MEMORY);
      EXPECT_EQ(stream, nullptr);
      EXPECT_EQ(failing.live(), 0) << "leak when allocation " << k << " failed";
    }
  }
}

TEST(IndicatorBatch, EqualsOneComputeCallPerSeries) {
  // 150 series (more than one internal chunk of 64), lengths 9..456: from
  // the period (all NaN: the lookback is 25) to many times the lookback.
  const size_t series = 150;
  std::vector<Bars> bars;
  for (size_t s = 0; s < series; ++s) bars.push_back(MakeBars(9 + (s * 37) % 448, 0.1 * s));
  std::vector<cw_f64_column> inputs;
  std::vector<std::vector<double>> store;
  std::vector<double*> outputs;
  std::vector<size_t> capacities;
  store.reserve(series * 3);
  for (const Bars& b : bars) {
    inputs.push_back({b.high.data(), b.high.size(), 0});
    inputs.push_back({b.low.data(), b.low.size(), 0});
    inputs.push_back({b.close.data(), b.close.size(), 0});
    for (int j = 0; j < 3; ++j) {
      store.emplace_back(b.close.size() + 1, -2.0);
      outputs.push_back(j == 1 ? nullptr : store.back().data());  // middle output not wanted
    }
    capacities.push_back(b.close.size());
  }
  // ADX has one output; use BBANDS-like shape with STOCHF? Use AROON (2)
  // plus... keep it simple: ADXR has one output, so pass output_count 1.
  std::vector<double*> one_output;
  for (size_t s = 0; s < series; ++s) one_output.push_back(outputs[s * 3]);
  cw_indicator_context* context = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &context), CW_OK);
  const double params[1] = {9};
  size_t failed = 99;
  ASSERT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 1, capacities.data(), &failed),
            CW_OK)
      << cw_indicator_context_last_error(context);
  EXPECT_EQ(failed, 0u);
  for (size_t s = 0; s < series; ++s) {
    const size_t n = bars[s].close.size();
    std::vector<double> want(n);
    double* w = want.data();
    ASSERT_EQ(cw_indicator_compute(context, CW_IND_ADXR, &inputs[s * 3], 3, params, 1, &w, 1, n),
              CW_OK);
    for (size_t i = 0; i < n; ++i) {
      EXPECT_TRUE(std::memcmp(&want[i], &one_output[s][i], sizeof(double)) == 0)
          << "series " << s << " row " << i;
    }
    EXPECT_EQ(one_output[s][n], -2.0);
  }
  // A bad series in the third chunk is reported by its global index.
  std::vector<double> high(12, 3.0), low(12, 1.0);
  low[7] = 4.0;
  inputs[140 * 3] = {high.data(), 12, 0};
  inputs[140 * 3 + 1] = {low.data(), 12, 0};
  inputs[140 * 3 + 2] = {low.data(), 12, 0};
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 1, capacities.data(), &failed),
            CW_ERR_INCONSISTENT_OHLC);
  EXPECT_EQ(failed, 140u);
  EXPECT_EQ(std::string(cw_indicator_context_last_error(context)).rfind("series 140: ", 0), 0u)
      << cw_indicator_context_last_error(context);
  // So is one shorter than the period, and an empty one.
  for (size_t k = 0; k < 3; ++k) inputs[140 * 3 + k] = {high.data(), 8, 0};
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 1, capacities.data(), &failed),
            CW_ERR_SERIES_TOO_SHORT);
  EXPECT_EQ(failed, 140u);
  for (size_t k = 0; k < 3; ++k) inputs[140 * 3 + k] = {high.data(), 0, 0};
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 1, capacities.data(), &failed),
            CW_ERR_EMPTY_SERIES);
  EXPECT_EQ(failed, 140u);
  // Shapes and arguments.
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 2, series, params, 1,
                                       one_output.data(), 1, capacities.data(), nullptr),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 2, capacities.data(), nullptr),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, inputs.data(), 3, series, params, 1,
                                       one_output.data(), 1, nullptr, nullptr),
            CW_ERR_NULL_ARGUMENT);
  const double bad[1] = {0.5};
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, nullptr, 3, 0, bad, 1, nullptr, 0,
                                       nullptr, nullptr),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute_batch(context, CW_IND_ADXR, nullptr, 3, 0, params, 1, nullptr, 0,
                                       nullptr, nullptr),
            CW_OK);
  EXPECT_EQ(cw_indicator_compute_batch(nullptr, CW_IND_ADXR, nullptr, 3, 0, params, 1, nullptr, 0,
                                       nullptr, nullptr),
            CW_ERR_NULL_ARGUMENT);
  cw_indicator_context_destroy(context);
}

}  // namespace
