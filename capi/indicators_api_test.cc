// The Indicators section of the C API: discovery, lookback, statuses and
// messages, the allocator contract, strided and reversed columns, and values
// that agree with the C++ core (whose numbers cc/indicators tests against
// TA-Lib and long-double references).
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"

namespace {

std::vector<double> Walk(size_t n) {
  std::vector<double> x(n);
  double v = 100;
  for (size_t i = 0; i < n; ++i) {
    v += std::sin(i * 0.7) + 0.3 * std::cos(i * 2.3);
    x[i] = v;
  }
  return x;
}

cw_f64_column Column(const std::vector<double>& x) { return {x.data(), x.size(), 0}; }

TEST(IndicatorInfo, EveryIdIsDescribedAndFoundByName) {
  const int32_t count = cw_indicator_count();
  ASSERT_GE(count, 48);
  std::set<std::string> names;
  for (cw_indicator_id id = 1; id <= count; ++id) {
    cw_indicator_info info;
    info.struct_size = sizeof info;
    ASSERT_EQ(cw_indicator_get_info(id, &info), CW_OK) << id;
    ASSERT_NE(info.name, nullptr);
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    cw_indicator_id found = 0;
    ASSERT_EQ(cw_indicator_find(info.name, &found), CW_OK);
    EXPECT_EQ(found, id);
    for (size_t k = 0; k < info.input_count; ++k) EXPECT_NE(cw_indicator_input_name(id, k), nullptr);
    EXPECT_EQ(cw_indicator_input_name(id, info.input_count), nullptr);
    for (size_t k = 0; k < info.output_count; ++k) EXPECT_NE(cw_indicator_output_name(id, k), nullptr);
    EXPECT_EQ(cw_indicator_output_name(id, info.output_count), nullptr);
    for (size_t k = 0; k < info.param_count; ++k) {
      cw_indicator_param p;
      p.struct_size = sizeof p;
      ASSERT_EQ(cw_indicator_get_param(id, k, &p), CW_OK);
      EXPECT_GE(p.default_value, p.min_value);
      EXPECT_LE(p.default_value, p.max_value);
    }
    cw_indicator_param p;
    p.struct_size = sizeof p;
    EXPECT_EQ(cw_indicator_get_param(id, info.param_count, &p), CW_ERR_INVALID_ARGUMENT);
  }
  cw_indicator_info info;
  info.struct_size = sizeof info;
  EXPECT_EQ(cw_indicator_get_info(0, &info), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_get_info(count + 1, &info), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_get_info(CW_IND_SMA, nullptr), CW_ERR_NULL_ARGUMENT);
  info.struct_size = sizeof(size_t);
  EXPECT_EQ(cw_indicator_get_info(CW_IND_SMA, &info), CW_ERR_STRUCT_SIZE);
  cw_indicator_id id = 7;
  EXPECT_EQ(cw_indicator_find("no_such", &id), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(id, 0);
  EXPECT_EQ(cw_indicator_find(nullptr, &id), CW_ERR_NULL_ARGUMENT);
}

TEST(IndicatorInfo, BbandsDescribesItsParametersAndOutputs) {
  cw_indicator_info info;
  info.struct_size = sizeof info;
  ASSERT_EQ(cw_indicator_get_info(CW_IND_BBANDS, &info), CW_OK);
  EXPECT_STREQ(info.name, "bbands");
  EXPECT_EQ(info.input_count, 1u);
  EXPECT_EQ(info.param_count, 4u);
  EXPECT_EQ(info.output_count, 3u);
  EXPECT_STREQ(cw_indicator_output_name(CW_IND_BBANDS, 0), "upper");
  EXPECT_STREQ(cw_indicator_output_name(CW_IND_BBANDS, 2), "lower");
  cw_indicator_param p;
  p.struct_size = sizeof p;
  ASSERT_EQ(cw_indicator_get_param(CW_IND_BBANDS, 0, &p), CW_OK);
  EXPECT_STREQ(p.name, "period");
  EXPECT_EQ(p.default_value, 20);
  EXPECT_EQ(p.is_integer, 1);
  ASSERT_EQ(cw_indicator_get_param(CW_IND_BBANDS, 1, &p), CW_OK);
  EXPECT_STREQ(p.name, "nbdevup");
  EXPECT_EQ(p.default_value, 2);
  EXPECT_EQ(p.is_integer, 0);
}

TEST(IndicatorLookback, FollowsParametersAndRejectsBadOnes) {
  size_t lb = 99;
  ASSERT_EQ(cw_indicator_lookback(CW_IND_MACD, nullptr, 0, &lb), CW_OK);
  EXPECT_EQ(lb, 33u);
  const double sma[] = {20};
  ASSERT_EQ(cw_indicator_lookback(CW_IND_SMA, sma, 1, &lb), CW_OK);
  EXPECT_EQ(lb, 19u);
  const double rsi[] = {14};
  ASSERT_EQ(cw_indicator_lookback(CW_IND_RSI, rsi, 1, &lb), CW_OK);
  EXPECT_EQ(lb, 14u);
  const double zero[] = {0};
  EXPECT_EQ(cw_indicator_lookback(CW_IND_SMA, zero, 1, &lb), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lb, 0u);
  EXPECT_EQ(cw_indicator_lookback(CW_IND_SMA, nullptr, 1, &lb), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_lookback(CW_IND_SMA, nullptr, 0, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_lookback(1000, nullptr, 0, &lb), CW_ERR_INVALID_ARGUMENT);
}

TEST(IndicatorContext, AllMemoryGoesThroughTheAllocatorAndIsReused) {
  candlewick_test::TestingAllocator counter;
  const cw_allocator hooks = counter.hooks();
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(&hooks, &ctx), CW_OK);
  EXPECT_EQ(counter.live(), 1);
  const std::vector<double> x = Walk(500);
  std::vector<double> macd(500), signal(500), hist(500);
  double* outs[] = {macd.data(), signal.data(), hist.data()};
  const cw_f64_column in = Column(x);
  // Only macd and signal wanted: the histogram goes to the context's scratch.
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_MACD, &in, 1, nullptr, 0, outs, 2, 500), CW_OK)
      << cw_indicator_context_last_error(ctx);
  const int64_t after_first = counter.live();
  const int64_t bytes_after_first = counter.total_bytes;
  EXPECT_GT(after_first, 1);
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_MACD, &in, 1, nullptr, 0, outs, 2, 500), CW_OK);
  EXPECT_EQ(counter.total_bytes, bytes_after_first) << "second call allocated";
  cw_indicator_context_destroy(ctx);
  EXPECT_EQ(counter.live(), 0);
  cw_indicator_context_destroy(nullptr);
}

TEST(IndicatorContext, OutOfMemoryIsAStatusNotACrash) {
  candlewick_test::TestingAllocator counter;
  const cw_allocator hooks = counter.hooks();
  cw_indicator_context* ctx = nullptr;
  counter.fail_from = 0;
  EXPECT_EQ(cw_indicator_context_create(&hooks, &ctx), CW_ERR_OUT_OF_MEMORY);
  EXPECT_EQ(ctx, nullptr);
  counter.fail_from = candlewick_test::TestingAllocator::kNever;
  ASSERT_EQ(cw_indicator_context_create(&hooks, &ctx), CW_OK);
  counter.fail_from = 0;
  const std::vector<double> x = Walk(100);
  std::vector<double> out(100);
  double* outs[] = {out.data()};
  const cw_f64_column in = Column(x);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_TEMA, &in, 1, nullptr, 0, outs, 1, 100),
            CW_ERR_OUT_OF_MEMORY);
  EXPECT_STRNE(cw_indicator_context_last_error(ctx), "");
  counter.fail_from = candlewick_test::TestingAllocator::kNever;
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_TEMA, &in, 1, nullptr, 0, outs, 1, 100), CW_OK);
  EXPECT_STREQ(cw_indicator_context_last_error(ctx), "");
  cw_indicator_context_destroy(ctx);
  EXPECT_EQ(counter.live(), 0);
  const cw_allocator half = {&counter, &candlewick_test::TestingAllocator::Alloc, nullptr};
  EXPECT_EQ(cw_indicator_context_create(&half, &ctx), CW_ERR_NULL_ARGUMENT);
}

TEST(IndicatorCompute, ReversedAndInterleavedColumnsMatchContiguous) {
  const size_t n = 300;
  const std::vector<double> c = Walk(n);
  std::vector<double> h(n), l(n);
  for (size_t i = 0; i < n; ++i) {
    h[i] = c[i] + 0.5 + 0.1 * (i % 3);
    l[i] = c[i] - 0.4 - 0.1 * (i % 5);
  }
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  const cw_f64_column contiguous[] = {Column(h), Column(l), Column(c)};
  std::vector<double> want(n), got(n);
  double* want_out[] = {want.data()};
  double* got_out[] = {got.data()};
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_ADX, contiguous, 3, nullptr, 0, want_out, 1, n), CW_OK);
  // Rows stored newest first, read backwards through a negative stride.
  std::vector<double> rh(h.rbegin(), h.rend()), rl(l.rbegin(), l.rend()), rc(c.rbegin(), c.rend());
  const ptrdiff_t back = -static_cast<ptrdiff_t>(sizeof(double));
  const cw_f64_column reversed[] = {{rh.data() + n - 1, n, back},
                                    {rl.data() + n - 1, n, back},
                                    {rc.data() + n - 1, n, back}};
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_ADX, reversed, 3, nullptr, 0, got_out, 1, n), CW_OK);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(got[i] == want[i] || (std::isnan(got[i]) && std::isnan(want[i]))) << i;
  }
  // A row-major table of {high, low, close} records.
  std::vector<double> table;
  for (size_t i = 0; i < n; ++i) table.insert(table.end(), {h[i], l[i], c[i]});
  const ptrdiff_t rec = 3 * sizeof(double);
  const cw_f64_column fields[] = {{table.data(), n, rec}, {table.data() + 1, n, rec},
                                  {table.data() + 2, n, rec}};
  std::fill(got.begin(), got.end(), 0.0);
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_ADX, fields, 3, nullptr, 0, got_out, 1, n), CW_OK);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(got[i] == want[i] || (std::isnan(got[i]) && std::isnan(want[i]))) << i;
  }
  cw_indicator_context_destroy(ctx);
}

// Unit-stride columns at an odd address (a NumPy array made by frombuffer at
// an odd offset, a packed record field of one row) are read like aligned
// ones; the fast path loaded them through double* (undefined: UBSan's
// "load of misaligned address" in --config=asan), for every indicator.
TEST(IndicatorCompute, UnalignedContiguousColumnsMatchAligned) {
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  for (const size_t n : {size_t{1}, size_t{2}, size_t{40}}) {
    const std::vector<double> c = Walk(n);
    for (cw_indicator_id id = 1; id <= cw_indicator_count(); ++id) {
      cw_indicator_info info;
      info.struct_size = sizeof info;
      ASSERT_EQ(cw_indicator_get_info(id, &info), CW_OK);
      // Every input the same walk (high == low == close: consistent OHLC),
      // aligned, and copied one byte into a buffer of its own.
      std::vector<std::vector<unsigned char>> bytes(info.input_count);
      std::vector<cw_f64_column> aligned(info.input_count), unaligned(info.input_count);
      for (size_t k = 0; k < info.input_count; ++k) {
        bytes[k].resize(n * sizeof(double) + 1);
        std::memcpy(bytes[k].data() + 1, c.data(), n * sizeof(double));
        aligned[k] = Column(c);
        unaligned[k] = {reinterpret_cast<const double*>(bytes[k].data() + 1), n, 0};
      }
      std::vector<std::vector<double>> want(info.output_count, std::vector<double>(n)),
          got(info.output_count, std::vector<double>(n));
      std::vector<double*> want_out, got_out;
      for (size_t j = 0; j < info.output_count; ++j) {
        want_out.push_back(want[j].data());
        got_out.push_back(got[j].data());
      }
      const cw_status expected = cw_indicator_compute(
          ctx, id, aligned.data(), aligned.size(), nullptr, 0, want_out.data(),
          want_out.size(), n);
      ASSERT_EQ(cw_indicator_compute(ctx, id, unaligned.data(), unaligned.size(), nullptr, 0,
                                     got_out.data(), got_out.size(), n),
                expected)
          << info.name << " n=" << n;
      if (expected != CW_OK) continue;
      for (size_t j = 0; j < info.output_count; ++j) {
        for (size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(got[j][i] == want[j][i] || (std::isnan(got[j][i]) && std::isnan(want[j][i])))
              << info.name << " n=" << n << " output " << j << " row " << i;
        }
      }
    }
  }
  cw_indicator_context_destroy(ctx);
}

TEST(IndicatorCompute, SmaByHandAndNanBeforeTheLookback) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  std::vector<double> out(6, -1);
  double* outs[] = {out.data()};
  const cw_f64_column in = Column(x);
  const double period[] = {3};
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &in, 1, period, 1, outs, 1, 6), CW_OK);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_DOUBLE_EQ(out[2], 2);
  EXPECT_DOUBLE_EQ(out[3], 3);
  EXPECT_DOUBLE_EQ(out[5], 5);
  cw_indicator_context_destroy(ctx);
}

TEST(IndicatorCompute, BadInputGetsAStatusAndAMessage) {
  const std::vector<double> x = Walk(50), shorter = Walk(49);
  std::vector<double> out(50);
  double* outs[] = {out.data()};
  const cw_f64_column in = Column(x);
  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  const double bad_period[] = {0};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &in, 1, bad_period, 1, outs, 1, 50),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(cw_indicator_context_last_error(ctx)).find("period"), std::string::npos)
      << cw_indicator_context_last_error(ctx);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &in, 1, nullptr, 0, outs, 1, 49),
            CW_ERR_BUFFER_TOO_SMALL);
  const cw_f64_column hlc[] = {in, Column(shorter), in};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_ATR, hlc, 3, nullptr, 0, outs, 1, 50),
            CW_ERR_LENGTH_MISMATCH);
  EXPECT_NE(std::string(cw_indicator_context_last_error(ctx)).find("low"), std::string::npos);
  std::vector<double> low = x;
  low[17] += 1;  // low above high on row 17
  const cw_f64_column inverted[] = {in, Column(low), in};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_ATR, inverted, 3, nullptr, 0, outs, 1, 50),
            CW_ERR_INCONSISTENT_OHLC);
  EXPECT_NE(std::string(cw_indicator_context_last_error(ctx)).find("row 17"), std::string::npos);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_ATR, &in, 1, nullptr, 0, outs, 1, 50),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, nullptr, 1, nullptr, 0, outs, 1, 50),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &in, 1, nullptr, 0, nullptr, 1, 50),
            CW_ERR_NULL_ARGUMENT);
  const cw_f64_column null_data = {nullptr, 50, 0};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &null_data, 1, nullptr, 0, outs, 1, 50),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_indicator_compute(nullptr, CW_IND_SMA, &in, 1, nullptr, 0, outs, 1, 50),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_STRNE(cw_indicator_context_last_error(nullptr), "");
  // A period longer than the series is an error that names both.
  const double period[] = {60};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_SMA, &in, 1, period, 1, outs, 1, 50),
            CW_ERR_SERIES_TOO_SHORT);
  EXPECT_STREQ(cw_indicator_context_last_error(ctx),
               "sma: period 60 is longer than the series (50 rows)");
  // Every period counts, not only the first parameter.
  const double macd_slow_60[] = {12, 60, 9};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_MACD, &in, 1, macd_slow_60, 3, outs, 1, 50),
            CW_ERR_SERIES_TOO_SHORT);
  EXPECT_STREQ(cw_indicator_context_last_error(ctx),
               "macd: slow period 60 is longer than the series (50 rows)");
  // As long as every period but not the lookback (MACD 12/26/9 needs 34
  // rows for its first signal value): all NaN, and not an error.
  std::fill(out.begin(), out.end(), 0.0);
  const cw_f64_column thirty = {x.data(), 30, 0};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_MACD, &thirty, 1, nullptr, 0, outs, 1, 50), CW_OK);
  for (size_t i = 0; i < 30; ++i) EXPECT_TRUE(std::isnan(out[i])) << i;
  EXPECT_EQ(out[30], 0.0);  // nothing written past n
  // An empty series.
  const cw_f64_column empty = {x.data(), 0, 0};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_OBV, &empty, 1, nullptr, 0, outs, 1, 50),
            CW_ERR_INVALID_ARGUMENT);  // OBV takes two columns
  const cw_f64_column empty2[] = {empty, empty};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_OBV, empty2, 2, nullptr, 0, outs, 1, 50),
            CW_ERR_EMPTY_SERIES);
  cw_indicator_context_destroy(ctx);
}

}  // namespace

namespace {

// The widest indicators through the C API: seven outputs (pivots), five
// input columns (anchored VWAP), and ids 49-69 found by name.
TEST(IndicatorCompute, PivotsAndAnchoredVwapThroughTheCApi) {
  cw_indicator_id id = 0;
  ASSERT_EQ(cw_indicator_find("pivots", &id), CW_OK);
  EXPECT_EQ(id, CW_IND_PIVOTS);
  ASSERT_EQ(cw_indicator_find("avwap", &id), CW_OK);
  EXPECT_EQ(id, CW_IND_AVWAP);
  EXPECT_GE(cw_indicator_count(), CW_IND_PIVOTS);
  EXPECT_STREQ(cw_indicator_input_name(CW_IND_AVWAP, 4), "anchor");
  EXPECT_STREQ(cw_indicator_output_name(CW_IND_PIVOTS, 6), "s3");
  EXPECT_STREQ(cw_indicator_output_name(CW_IND_ICHIMOKU, 3), "senkou_b");

  cw_indicator_context* ctx = nullptr;
  ASSERT_EQ(cw_indicator_context_create(nullptr, &ctx), CW_OK);
  // Pivots of the bar H 10, L 8, C 9 land on the next row.
  const std::vector<double> h = {10, 101}, l = {8, 99}, c = {9, 100};
  const cw_f64_column hlc[] = {Column(h), Column(l), Column(c)};
  std::vector<std::vector<double>> piv(7, std::vector<double>(2));
  double* pouts[7];
  for (size_t j = 0; j < 7; ++j) pouts[j] = piv[j].data();
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_PIVOTS, hlc, 3, nullptr, 0, pouts, 7, 2), CW_OK);
  const double want[7] = {9, 10, 11, 12, 8, 7, 6};
  for (size_t j = 0; j < 7; ++j) {
    EXPECT_TRUE(std::isnan(piv[j][0]));
    EXPECT_DOUBLE_EQ(piv[j][1], want[j]) << j;
  }
  // Anchored VWAP restarts at the flagged row; a strided anchor column works.
  const std::vector<double> p = {10, 20, 30, 40}, v = {1, 1, 2, 2};
  const double anchor_rows[] = {0, -1, 0, -1, 1, -1, 0, -1};  // every other element
  const cw_f64_column cols[] = {Column(p), Column(p), Column(p), Column(v),
                                {anchor_rows, 4, 2 * sizeof(double)}};
  std::vector<double> out(4);
  double* outs[] = {out.data()};
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_AVWAP, cols, 5, nullptr, 0, outs, 1, 4), CW_OK)
      << cw_indicator_context_last_error(ctx);
  EXPECT_DOUBLE_EQ(out[1], 15);
  EXPECT_DOUBLE_EQ(out[2], 30);
  EXPECT_DOUBLE_EQ(out[3], (60 + 80) / 4.0);
  // Six columns is more than any indicator takes.
  const cw_f64_column six[] = {cols[0], cols[1], cols[2], cols[3], cols[4], cols[4]};
  EXPECT_EQ(cw_indicator_compute(ctx, CW_IND_AVWAP, six, 6, nullptr, 0, outs, 1, 4),
            CW_ERR_INVALID_ARGUMENT);
  // The sample-variance switch is a trailing parameter of VAR.
  const std::vector<double> x = {1, 2, 3, 4};
  const cw_f64_column xin = Column(x);
  const double sample[] = {4, 1, 1};  // period, nbdev (ignored, as TA-Lib), sample
  ASSERT_EQ(cw_indicator_compute(ctx, CW_IND_VAR, &xin, 1, sample, 3, outs, 1, 4), CW_OK);
  EXPECT_DOUBLE_EQ(out[3], 5.0 / 3.0);
  cw_indicator_context_destroy(ctx);
}

}  // namespace
