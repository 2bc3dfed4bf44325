// The "Bar aggregation" section of the C API as a caller sees it: the size
// query and fill, CW_ERR_BUFFER_TOO_SMALL with the needed count, every
// bad-input status with a message naming the problem, strided and reversed
// columns read in place, and the allocator contract (every byte through the
// hooks, failures reported, nothing leaked). The aggregation rules themselves
// are tested against references in cc/bars/aggregate_test.cc.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"

namespace {

using candlewick_test::TestingAllocator;

struct ContextDeleter {
  void operator()(cw_bar_context* c) const { cw_bar_context_destroy(c); }
};
using ContextPtr = std::unique_ptr<cw_bar_context, ContextDeleter>;

ContextPtr MakeContext(const cw_allocator* a = nullptr) {
  cw_bar_context* c = nullptr;
  EXPECT_EQ(cw_bar_context_create(a, &c), CW_OK);
  return ContextPtr(c);
}

// Output columns owned by the test.
struct Out {
  std::vector<int64_t> time, row;
  std::vector<double> open, high, low, close, volume;
  cw_bar_output out;
  explicit Out(size_t n, bool with_time = true)
      : time(n), row(n), open(n), high(n), low(n), close(n), volume(n) {
    std::memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.capacity = n;
    out.time = with_time ? time.data() : nullptr;
    out.open = open.data();
    out.high = high.data();
    out.low = low.data();
    out.close = close.data();
    out.volume = volume.data();
    out.row = row.data();
  }
};

// Ticks: times 0, 10, 59, 60, 185 with prices and sizes.
struct TickData {
  std::vector<int64_t> t{0, 10, 59, 60, 185};
  std::vector<double> p{10, 12, 9, 11, 13};
  std::vector<double> s{1, 2, 3, 4, 5};
  cw_ticks View() const {
    cw_ticks k;
    k.time = {t.data(), t.size(), 0};
    k.price = {p.data(), p.size(), 0};
    k.size = {s.data(), s.size(), 0};
    return k;
  }
};

cw_bar_options Options(int32_t method) {
  cw_bar_options o;
  cw_bar_options_init(&o, method);
  return o;
}

TEST(BarsCapi, SizeQueryThenFillTimeBarsFromTicks) {
  auto ctx = MakeContext();
  const TickData d;
  const cw_ticks ticks = d.View();
  cw_bar_options o = Options(CW_BARS_TIME);
  EXPECT_EQ(o.interval, 60);
  o.empty = CW_BAR_EMPTY_FLAT;
  size_t n = 99;
  ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_OK);
  ASSERT_EQ(n, 4u);  // [0,60) [60,120) empty [120,180) [180,240)
  Out out(n);
  size_t written = 0;
  ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out.out, &written), CW_OK)
      << cw_bar_context_last_error(ctx.get());
  EXPECT_EQ(written, 4u);
  EXPECT_STREQ(cw_bar_context_last_error(ctx.get()), "");
  EXPECT_EQ(out.time, (std::vector<int64_t>{0, 60, 120, 180}));
  EXPECT_EQ(out.open, (std::vector<double>{10, 11, 11, 13}));
  EXPECT_EQ(out.high, (std::vector<double>{12, 11, 11, 13}));
  EXPECT_EQ(out.low, (std::vector<double>{9, 11, 11, 13}));
  EXPECT_EQ(out.close, (std::vector<double>{9, 11, 11, 13}));
  EXPECT_EQ(out.volume, (std::vector<double>{6, 4, 0, 5}));
  EXPECT_EQ(out.row, (std::vector<int64_t>{2, 3, -1, 4}));
}

TEST(BarsCapi, BufferTooSmallReportsTheNeededCountAndWritesNoFurther) {
  auto ctx = MakeContext();
  const TickData d;
  const cw_ticks ticks = d.View();
  cw_bar_options o = Options(CW_BARS_TICK);
  o.tick_count = 1;  // 5 rows
  std::vector<double> close(3, -1);
  close.push_back(777);  // guard past the capacity
  cw_bar_output out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = 3;
  out.close = close.data();
  size_t n = 0;
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out, &n), CW_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(close[3], 777);
  EXPECT_NE(std::string(cw_bar_context_last_error(ctx.get())).find("5 rows"), std::string::npos)
      << cw_bar_context_last_error(ctx.get());
  // Grown to the reported size, the same call succeeds.
  close.assign(5, -1);
  out.close = close.data();
  out.capacity = 5;
  ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out, &n), CW_OK);
  EXPECT_EQ(close, d.p);
  // Zero capacity with arrays given is a fill call, not a query.
  out.capacity = 0;
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out, &n), CW_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 5u);
}

TEST(BarsCapi, StridedAndReversedColumnsAreReadInPlace) {
  // A packed row-major table (stride 29 bytes, so doubles are unaligned).
#pragma pack(push, 1)
  struct Rec {
    int64_t t;
    double p;
    double s;
    char pad[5];
  };
#pragma pack(pop)
  static_assert(sizeof(Rec) == 29, "packed");
  const TickData d;
  std::vector<Rec> recs(d.t.size());
  for (size_t i = 0; i < recs.size(); ++i) recs[i] = {d.t[i], d.p[i], d.s[i], {0}};
  const char* base = reinterpret_cast<const char*>(recs.data());
  cw_ticks strided;
  strided.time = {reinterpret_cast<const int64_t*>(base + offsetof(Rec, t)), recs.size(),
                  sizeof(Rec)};
  strided.price = {reinterpret_cast<const double*>(base + offsetof(Rec, p)), recs.size(),
                   sizeof(Rec)};
  strided.size = {reinterpret_cast<const double*>(base + offsetof(Rec, s)), recs.size(),
                  sizeof(Rec)};
  auto ctx = MakeContext();
  for (int32_t method : {CW_BARS_TIME, CW_BARS_TICK, CW_BARS_VOLUME, CW_BARS_RANGE,
                         CW_BARS_RENKO, CW_BARS_POINT_FIGURE, CW_BARS_KAGI, CW_BARS_LINE_BREAK}) {
    cw_bar_options o = Options(method);
    o.tick_count = 2;
    o.volume_threshold = 4;
    o.range = 1;
    o.box_mode = CW_BOX_FIXED;
    o.box_size = 1;
    o.reversal = 1;
    o.reversal_amount = 10;
    const cw_ticks contiguous = d.View();
    size_t n1 = 0, n2 = 0;
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &contiguous, &o, nullptr, &n1), CW_OK) << method;
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &strided, &o, nullptr, &n2), CW_OK) << method;
    ASSERT_EQ(n1, n2);
    ASSERT_GT(n1, 0u) << method;
    Out a(n1), b(n1);
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &contiguous, &o, &a.out, &n1), CW_OK);
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &strided, &o, &b.out, &n2), CW_OK);
    EXPECT_EQ(a.open, b.open) << method;
    EXPECT_EQ(a.close, b.close) << method;
    EXPECT_EQ(a.volume, b.volume) << method;
    EXPECT_EQ(a.time, b.time) << method;
    EXPECT_EQ(a.row, b.row) << method;
  }
  // A negative stride reads the column backwards: tick bars of two over the
  // reversed prices 13, 11, 9, 12, 10.
  cw_ticks reversed;
  std::memset(&reversed, 0, sizeof reversed);
  reversed.price = {d.p.data() + d.p.size() - 1, d.p.size(), -static_cast<ptrdiff_t>(sizeof(double))};
  cw_bar_options o = Options(CW_BARS_TICK);
  o.tick_count = 2;
  Out out(3, /*with_time=*/false);
  size_t n = 0;
  ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &reversed, &o, &out.out, &n), CW_OK);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(out.open, (std::vector<double>{13, 9, 10}));
  EXPECT_EQ(out.close, (std::vector<double>{11, 12, 10}));
  EXPECT_EQ(out.volume, (std::vector<double>{2, 2, 1}));  // tick volume
}

TEST(BarsCapi, OhlcvInputHeikinAshiRenkoAndAtrBoxes) {
  auto ctx = MakeContext();
  std::vector<int64_t> t;
  std::vector<double> op, hi, lo, cl, vo;
  double p = 100;
  for (int i = 0; i < 60; ++i) {
    const double c = p + std::sin(i * 0.4) * 2;
    t.push_back(i * 60);
    op.push_back(p);
    cl.push_back(c);
    hi.push_back(std::max(p, c) + 0.5);
    lo.push_back(std::min(p, c) - 0.5);
    vo.push_back(10 + i);
    p = c;
  }
  const cw_ohlcv s = cw_ohlcv_contiguous(t.size(), t.data(), op.data(), hi.data(), lo.data(),
                                         cl.data(), vo.data());
  cw_bar_options o = Options(CW_BARS_HEIKIN_ASHI);
  size_t n = 0;
  ASSERT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, nullptr, &n), CW_OK);
  ASSERT_EQ(n, t.size());
  Out out(n);
  ASSERT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, &out.out, &n), CW_OK);
  EXPECT_DOUBLE_EQ(out.close[5], (op[5] + hi[5] + lo[5] + cl[5]) / 4);
  EXPECT_DOUBLE_EQ(out.open[5], (out.open[4] + out.close[4]) / 2);
  EXPECT_EQ(out.time, t);
  // Renko with the default ATR(14) box: every brick is one ATR tall.
  o = Options(CW_BARS_RENKO);
  EXPECT_EQ(o.box_mode, CW_BOX_ATR);
  EXPECT_EQ(o.atr_period, 14);
  ASSERT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, nullptr, &n), CW_OK);
  ASSERT_GT(n, 0u);
  Out bricks(n);
  ASSERT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, &bricks.out, &n), CW_OK);
  const double box = bricks.high[0] - bricks.low[0];
  EXPECT_GT(box, 0);
  for (size_t i = 0; i < n; ++i) EXPECT_NEAR(bricks.high[i] - bricks.low[i], box, 1e-9);
  // The same box given as a fixed size gives the same bricks.
  o.box_mode = CW_BOX_FIXED;
  o.box_size = box;
  size_t n2 = 0;
  ASSERT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, nullptr, &n2), CW_OK);
  EXPECT_EQ(n2, n);
}

// Prices of opposite signs near the largest double: their difference
// overflows, yet every row is finite and consistent. Range bars computed
// p - base and converted an infinite box count to an integer (undefined;
// found by fuzz/indicators_fuzzer); a point-and-figure box edge above the
// largest double was written as infinity.
TEST(BarsCapi, OppositeExtremePricesGiveFiniteConsistentRows) {
  auto ctx = MakeContext();
  const double u = 0x1p1022;
  const std::vector<double> price{-3 * u, 3 * u, -3 * u, 2 * u};
  cw_ticks ticks;
  std::memset(&ticks, 0, sizeof ticks);
  ticks.price = {price.data(), price.size(), 0};
  for (int32_t method : {CW_BARS_TICK, CW_BARS_RANGE, CW_BARS_RENKO, CW_BARS_POINT_FIGURE,
                         CW_BARS_KAGI, CW_BARS_LINE_BREAK}) {
    SCOPED_TRACE(method);
    cw_bar_options o = Options(method);
    o.tick_count = 1;
    o.range = u;
    o.box_mode = CW_BOX_FIXED;
    o.box_size = u;
    o.reversal = 1;
    o.reversal_percent = 0;
    o.reversal_amount = u;
    o.line_count = 1;
    size_t n = 0;
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_OK)
        << cw_bar_context_last_error(ctx.get());
    ASSERT_GT(n, 0u);
    ASSERT_LT(n, 100u);
    Out out(n, /*with_time=*/false);
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out.out, &n), CW_OK)
        << cw_bar_context_last_error(ctx.get());
    for (size_t i = 0; i < n; ++i) {
      SCOPED_TRACE(i);
      EXPECT_TRUE(std::isfinite(out.open[i]) && std::isfinite(out.high[i]) &&
                  std::isfinite(out.low[i]) && std::isfinite(out.close[i]));
      EXPECT_LE(out.low[i], std::min(out.open[i], out.close[i]));
      EXPECT_GE(out.high[i], std::max(out.open[i], out.close[i]));
      EXPECT_GE(out.low[i], -3 * u);
      // Point-and-figure boxes are anchored at zero: the box holding 3u is
      // [3u, 4u], and 4u is beyond the largest double, where it is cut.
      EXPECT_LE(out.high[i], method == CW_BARS_POINT_FIGURE ? std::numeric_limits<double>::max()
                                                            : 3 * u);
    }
    if (method == CW_BARS_POINT_FIGURE) {
      EXPECT_EQ(out.high[0], std::numeric_limits<double>::max());
    }
  }
}

// Every bad input: the status, *count reset to 0, a message on the context.
TEST(BarsCapi, EveryBadInputHasAStatusAndAMessage) {
  auto ctx = MakeContext();
  const TickData d;
  const cw_ticks good = d.View();
  size_t n = 0;
  auto expect = [&](cw_status want, const cw_ticks* ticks, const cw_bar_options* o,
                    const cw_bar_output* out, const char* word) {
    n = 12345;
    EXPECT_EQ(cw_bars_from_ticks(ctx.get(), ticks, o, out, &n), want) << word;
    EXPECT_EQ(n, 0u) << word;
    const std::string msg = cw_bar_context_last_error(ctx.get());
    EXPECT_NE(msg.find(word), std::string::npos) << "message: " << msg;
  };
  const cw_bar_options time = Options(CW_BARS_TIME);
  expect(CW_ERR_NULL_ARGUMENT, nullptr, &time, nullptr, "ticks");
  expect(CW_ERR_NULL_ARGUMENT, &good, nullptr, nullptr, "options");
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &good, &time, nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_bars_from_ticks(nullptr, &good, &time, nullptr, &n), CW_ERR_NULL_ARGUMENT);
  EXPECT_STREQ(cw_bar_context_last_error(nullptr), "invalid handle (NULL bar context)");

  cw_bar_options small = time;
  small.struct_size = sizeof small - 1;
  expect(CW_ERR_STRUCT_SIZE, &good, &small, nullptr, "struct_size");
  Out out(10);
  out.out.struct_size = 8;
  expect(CW_ERR_STRUCT_SIZE, &good, &time, &out.out, "struct_size");

  cw_ticks t = good;
  t.price.data = nullptr;
  expect(CW_ERR_NULL_ARGUMENT, &t, &time, nullptr, "price column has NULL data");
  t.price.length = 0;  // a missing price among present time and size columns
  expect(CW_ERR_NULL_ARGUMENT, &t, &time, nullptr, "price column is required");
  t = good;
  t.time = {nullptr, 0, 0};
  expect(CW_ERR_NULL_ARGUMENT, &t, &time, nullptr, "time column is required by time bars");
  Out with_time(10);
  cw_bar_options tick = Options(CW_BARS_TICK);
  expect(CW_ERR_INVALID_ARGUMENT, &t, &tick, &with_time.out, "out->time");
  t = good;
  t.size = {nullptr, 0, 0};
  cw_bar_options vol = Options(CW_BARS_VOLUME);
  vol.volume_threshold = 5;
  expect(CW_ERR_NULL_ARGUMENT, &t, &vol, nullptr, "size column is required by volume bars");
  t = good;
  t.size.length = 4;
  expect(CW_ERR_LENGTH_MISMATCH, &t, &time, nullptr, "size");
  t = good;
  t.time.length = 6;
  expect(CW_ERR_LENGTH_MISMATCH, &t, &time, nullptr, "time");

  // One value spoiled: the status, and a message naming it.
  const struct {
    void (*spoil)(TickData*);
    cw_status status;
    const char* words;
  } kSpoiled[] = {
      {[](TickData* b) { b->p[2] = std::nan(""); }, CW_ERR_NON_FINITE, "price[2]"},
      {[](TickData* b) { b->p[4] = -INFINITY; }, CW_ERR_NON_FINITE, "price[4]"},
      {[](TickData* b) { b->s[1] = -0.5; }, CW_ERR_NEGATIVE_VOLUME, "size[1]"},
      {[](TickData* b) { b->s[3] = INFINITY; }, CW_ERR_NON_FINITE, "size[3]"},
  };
  for (const auto& k : kSpoiled) {
    TickData spoiled = d;
    k.spoil(&spoiled);
    t = spoiled.View();
    expect(k.status, &t, &time, nullptr, k.words);
  }
  TickData bad = d;
  bad.t[3] = 5;  // before time[2] = 59
  t = bad.View();
  expect(CW_ERR_INVALID_ARGUMENT, &t, &time, nullptr, "time[3]");
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &t, &tick, nullptr, &n), CW_OK)
      << "only time bars need sorted times";
  bad = d;
  bad.t[3] = bad.t[2];  // ties are allowed
  t = bad.View();
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &t, &time, nullptr, &n), CW_OK);

  // Options: each method's defaults with one field spoiled (or none, where
  // the default is not enough), under every method listed.
  const struct {
    std::vector<int32_t> methods;
    void (*spoil)(cw_bar_options*);
    cw_status status;
    const char* words;
  } kBadOptions[] = {
      {{0, 10}, [](cw_bar_options*) {}, CW_ERR_INVALID_ARGUMENT, "method"},
      {{CW_BARS_TIME}, [](cw_bar_options* o) { o->interval = 0; }, CW_ERR_INVALID_ARGUMENT,
       "interval"},
      {{CW_BARS_TIME}, [](cw_bar_options* o) { o->interval = -1; }, CW_ERR_INVALID_ARGUMENT,
       "interval"},
      {{CW_BARS_TIME}, [](cw_bar_options* o) { o->empty = 3; }, CW_ERR_INVALID_ARGUMENT, "empty"},
      {{CW_BARS_TICK}, [](cw_bar_options* o) { o->tick_count = 0; }, CW_ERR_INVALID_ARGUMENT,
       "tick_count"},
      // The threshold has no default.
      {{CW_BARS_VOLUME}, [](cw_bar_options*) {}, CW_ERR_INVALID_ARGUMENT, "volume_threshold"},
      {{CW_BARS_VOLUME}, [](cw_bar_options* o) { o->volume_threshold = -1; },
       CW_ERR_INVALID_ARGUMENT, "volume_threshold"},
      {{CW_BARS_RANGE}, [](cw_bar_options*) {}, CW_ERR_INVALID_ARGUMENT, "range"},
      {{CW_BARS_RANGE}, [](cw_bar_options* o) { o->range = INFINITY; }, CW_ERR_INVALID_ARGUMENT,
       "range"},
      // Prices ~10: more than 2^52 ranges from zero.
      {{CW_BARS_RANGE}, [](cw_bar_options* o) { o->range = 1e-20; }, CW_ERR_INVALID_ARGUMENT,
       "too small"},
      {{CW_BARS_RENKO, CW_BARS_POINT_FIGURE}, [](cw_bar_options* o) { o->box_mode = CW_BOX_FIXED; },
       CW_ERR_INVALID_ARGUMENT, "box_size"},
      {{CW_BARS_RENKO, CW_BARS_POINT_FIGURE},
       [](cw_bar_options* o) {
         o->box_mode = CW_BOX_FIXED;
         o->box_size = -2;
       },
       CW_ERR_INVALID_ARGUMENT, "box_size"},
      {{CW_BARS_RENKO, CW_BARS_POINT_FIGURE},
       [](cw_bar_options* o) {
         o->box_mode = CW_BOX_FIXED;
         o->box_size = std::nan("");
       },
       CW_ERR_INVALID_ARGUMENT, "box_size"},
      {{CW_BARS_RENKO, CW_BARS_POINT_FIGURE}, [](cw_bar_options* o) { o->box_mode = 2; },
       CW_ERR_INVALID_ARGUMENT, "box mode"},
      {{CW_BARS_RENKO, CW_BARS_POINT_FIGURE}, [](cw_bar_options* o) { o->atr_period = 0; },
       CW_ERR_INVALID_ARGUMENT, "atr_period"},
      {{CW_BARS_POINT_FIGURE}, [](cw_bar_options* o) { o->reversal = 0; }, CW_ERR_INVALID_ARGUMENT,
       "reversal"},
      {{CW_BARS_KAGI}, [](cw_bar_options* o) { o->reversal_amount = 0; }, CW_ERR_INVALID_ARGUMENT,
       "reversal_amount"},
      // Percent by default.
      {{CW_BARS_KAGI}, [](cw_bar_options* o) { o->reversal_amount = 150; },
       CW_ERR_INVALID_ARGUMENT, "reversal_amount"},
      {{CW_BARS_LINE_BREAK}, [](cw_bar_options* o) { o->line_count = 0; },
       CW_ERR_INVALID_ARGUMENT, "line_count"},
      {{CW_BARS_LINE_BREAK}, [](cw_bar_options* o) { o->line_count = 101; },
       CW_ERR_INVALID_ARGUMENT, "line_count"},
      {{CW_BARS_HEIKIN_ASHI}, [](cw_bar_options*) {}, CW_ERR_INVALID_ARGUMENT, "Heikin-Ashi"},
      {{CW_BARS_VOLUME},
       [](cw_bar_options* o) {
         o->volume_threshold = 1e-300;
         o->volume_split = 1;
       },
       CW_ERR_SIZE_OUT_OF_RANGE, "2^60"},
  };
  for (const auto& k : kBadOptions) {
    for (int32_t method : k.methods) {
      SCOPED_TRACE(method);
      cw_bar_options o = Options(method);
      k.spoil(&o);
      expect(k.status, &good, &o, nullptr, k.words);
    }
  }
  // Kagi's percent reversals need positive prices; absolute amounts take any.
  bad = d;
  bad.p[1] = 0;
  t = bad.View();
  cw_bar_options o = Options(CW_BARS_KAGI);
  expect(CW_ERR_INVALID_ARGUMENT, &t, &o, nullptr, "price[1]");
  o.reversal_percent = 0;
  EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &t, &o, nullptr, &n), CW_OK);
}

TEST(BarsCapi, BadBarsHaveAStatusAndAMessage) {
  auto ctx = MakeContext();
  std::vector<double> op{1, 2, 3}, hi{2, 3, 4}, lo{0, 1, 2}, cl{1.5, 2.5, 3.5}, vo{1, 1, 1};
  std::vector<int64_t> t{1, 2, 3};
  auto series = [&] {
    return cw_ohlcv_contiguous(3, t.data(), op.data(), hi.data(), lo.data(), cl.data(),
                               vo.data());
  };
  const cw_bar_options o = Options(CW_BARS_TICK);
  size_t n = 0;
  auto expect = [&](cw_status want, const cw_ohlcv* s, const char* word) {
    n = 99;
    EXPECT_EQ(cw_bars_from_ohlcv(ctx.get(), s, &o, nullptr, &n), want) << word;
    EXPECT_EQ(n, 0u);
    const std::string msg = cw_bar_context_last_error(ctx.get());
    EXPECT_NE(msg.find(word), std::string::npos) << "message: " << msg;
  };
  expect(CW_ERR_NULL_ARGUMENT, nullptr, "series");
  cw_ohlcv s = series();
  s.close = {nullptr, 0, 0};
  expect(CW_ERR_NULL_ARGUMENT, &s, "close column is required");
  s = series();
  s.high = {nullptr, 0, 0};
  expect(CW_ERR_NULL_ARGUMENT, &s, "high column is required");
  s = series();
  s.low.length = 2;
  expect(CW_ERR_LENGTH_MISMATCH, &s, "low");
  hi[1] = 0.5;  // below low 1
  s = series();
  expect(CW_ERR_INCONSISTENT_OHLC, &s, "row 1");
  hi[1] = 3;
  cl[2] = 5;  // above high 4
  s = series();
  expect(CW_ERR_INCONSISTENT_OHLC, &s, "row 2");
  cl[2] = NAN;
  s = series();
  expect(CW_ERR_NON_FINITE, &s, "row 2");
  cl[2] = 3.5;
  vo[0] = -1;
  s = series();
  expect(CW_ERR_NEGATIVE_VOLUME, &s, "volume[0]");
  vo[0] = 1;
  s = series();
  EXPECT_EQ(cw_bars_from_ohlcv(ctx.get(), &s, &o, nullptr, &n), CW_OK);
  EXPECT_EQ(n, 1u);
  // Empty input: no rows, not an error.
  const cw_ohlcv empty = cw_ohlcv_contiguous(0, nullptr, nullptr, nullptr, nullptr, nullptr,
                                             nullptr);
  EXPECT_EQ(cw_bars_from_ohlcv(ctx.get(), &empty, &o, nullptr, &n), CW_OK);
  EXPECT_EQ(n, 0u);
}

TEST(BarsCapi, OptionsInitDefaults) {
  cw_bar_options o;
  std::memset(&o, 0xAB, sizeof o);
  cw_bar_options_init(&o, CW_BARS_KAGI);
  EXPECT_EQ(o.struct_size, sizeof o);
  EXPECT_EQ(o.method, CW_BARS_KAGI);
  EXPECT_EQ(o.empty, CW_BAR_EMPTY_SKIP);
  EXPECT_EQ(o.interval, 60);
  EXPECT_EQ(o.offset, 0);
  EXPECT_EQ(o.tick_count, 100u);
  EXPECT_EQ(o.volume_threshold, 0);
  EXPECT_EQ(o.volume_split, 0);
  EXPECT_EQ(o.box_mode, CW_BOX_ATR);
  EXPECT_EQ(o.range, 0);
  EXPECT_EQ(o.box_size, 0);
  EXPECT_EQ(o.atr_period, 14);
  EXPECT_EQ(o.reversal, 3);
  EXPECT_EQ(o.reversal_amount, 4);
  EXPECT_EQ(o.reversal_percent, 1);
  EXPECT_EQ(o.line_count, 3);
  cw_bar_options_init(nullptr, CW_BARS_TIME);  // a no-op
}

TEST(BarsCapi, ContextCreationContract) {
  EXPECT_EQ(cw_bar_context_create(nullptr, nullptr), CW_ERR_NULL_ARGUMENT);
  cw_bar_context* c = reinterpret_cast<cw_bar_context*>(0x1);
  cw_allocator half{nullptr, &TestingAllocator::Alloc, nullptr};
  EXPECT_EQ(cw_bar_context_create(&half, &c), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(c, nullptr);
  TestingAllocator failing;
  failing.fail_from = 0;
  const cw_allocator hooks = failing.hooks();
  c = reinterpret_cast<cw_bar_context*>(0x1);
  EXPECT_EQ(cw_bar_context_create(&hooks, &c), CW_ERR_OUT_OF_MEMORY);
  EXPECT_EQ(c, nullptr);
  EXPECT_EQ(failing.allocations, 0);
  cw_bar_context_destroy(nullptr);  // a no-op
}

TEST(BarsCapi, EveryByteGoesThroughTheHooksAndScratchIsReused) {
  TestingAllocator count;
  const cw_allocator hooks = count.hooks();
  {
    auto ctx = MakeContext(&hooks);
    ASSERT_NE(ctx, nullptr);
    EXPECT_EQ(count.allocations, 1);  // the context itself
    const TickData d;
    const cw_ticks ticks = d.View();
    // Everything but line break runs without allocating.
    for (int32_t m = CW_BARS_TIME; m < CW_BARS_LINE_BREAK; ++m) {
      if (m == CW_BARS_HEIKIN_ASHI) continue;
      cw_bar_options o = Options(m);
      o.volume_threshold = 3;
      o.range = 1;
      size_t n = 0;
      ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_OK) << m;
    }
    EXPECT_EQ(count.allocations, 1);
    cw_bar_options o = Options(CW_BARS_LINE_BREAK);
    size_t n = 0;
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_OK);
    const int64_t after_first = count.allocations;
    EXPECT_GT(after_first, 1);  // the ring of the last lines
    Out out(n);
    ASSERT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, &out.out, &n), CW_OK);
    EXPECT_EQ(count.allocations, after_first) << "scratch is reused";
  }
  EXPECT_EQ(count.frees, count.allocations) << "nothing leaked";
}

TEST(BarsCapi, ScratchAllocationFailureIsReportedAndLeavesTheContextUsable) {
  TestingAllocator count;
  count.fail_from = 1;  // the context succeeds, its first scratch fails
  const cw_allocator hooks = count.hooks();
  {
    auto ctx = MakeContext(&hooks);
    ASSERT_NE(ctx, nullptr);
    const TickData d;
    const cw_ticks ticks = d.View();
    cw_bar_options o = Options(CW_BARS_LINE_BREAK);
    size_t n = 7;
    EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_ERR_OUT_OF_MEMORY);
    EXPECT_EQ(n, 0u);
    EXPECT_NE(std::string(cw_bar_context_last_error(ctx.get())).find("memory"),
              std::string::npos);
    // Memory is back: the same context works.
    count.fail_from = TestingAllocator::kNever;
    EXPECT_EQ(cw_bars_from_ticks(ctx.get(), &ticks, &o, nullptr, &n), CW_OK);
    EXPECT_STREQ(cw_bar_context_last_error(ctx.get()), "");
  }
  EXPECT_EQ(count.frees, count.allocations);
}

}  // namespace
