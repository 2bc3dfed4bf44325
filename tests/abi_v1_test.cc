// A caller compiled against the first published header (version 1 of every
// struct with a struct_size) keeps working with this library, however much
// the structs have grown since: each call below gets a struct exactly as
// large as its version-1 layout (the sizes are literals, as such a caller's
// sizeof gave on LP64), in a heap block of exactly that size, so reading or
// writing past it is an overflow AddressSanitizer reports. A second run puts
// guard bytes behind the block and checks the library left them alone. One
// byte less than version 1 is CW_ERR_STRUCT_SIZE.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace {

static_assert(sizeof(void*) == 8, "the version-1 sizes below are LP64's");

// The struct as a version-1 caller hands it over: `v1_size` bytes (the rest
// of today's struct does not exist), followed by `guard` bytes of 0xA5.
struct V1Block {
  V1Block(const void* full, size_t v1_size, size_t guard, size_t struct_size)
      : size(v1_size), guard_size(guard), bytes(new unsigned char[v1_size + guard]) {
    std::memcpy(bytes.get(), full, v1_size);
    std::memset(bytes.get() + v1_size, 0xA5, guard);
    std::memcpy(bytes.get(), &struct_size, sizeof struct_size);  // struct_size is first
  }
  void* get() { return bytes.get(); }
  bool GuardIntact() const {
    for (size_t i = 0; i < guard_size; ++i) {
      if (bytes[size + i] != 0xA5) return false;
    }
    return true;
  }
  size_t size, guard_size;
  std::unique_ptr<unsigned char[]> bytes;
};

// One versioned struct: its version-1 size, a full struct as today's init
// fills it, and a call that passes `block` as that struct.
struct Case {
  const char* name;
  size_t v1_size;
  std::function<void(void* full)> init;
  std::function<cw_status(void* block)> call;
  size_t full_size;
};

candlewick_test::Series SmallSeries() { return candlewick_test::MakeSeries(64, 7); }

// Makes a handle with `create(options, &handle)`, runs `use` on it and
// destroys it; the create status when that fails.
template <typename Options, typename Handle, typename Use>
cw_status WithHandle(cw_status (*create)(const Options*, Handle**), void (*destroy)(Handle*),
                     const Options* options, Use use) {
  Handle* handle = nullptr;
  const cw_status created = create(options, &handle);
  if (created != CW_OK) return created;
  const cw_status s = use(handle);
  destroy(handle);
  return s;
}

template <typename Use>
cw_status WithChart(const cw_chart_options& o, Use use) {
  return WithHandle(cw_chart_create, cw_chart_destroy, &o, use);
}

// A stats handle with default options.
template <typename Use>
cw_status WithStats(Use use) {
  cw_stats_options o;
  cw_stats_options_init(&o);
  return WithHandle(cw_stats_create, cw_stats_destroy, &o, use);
}

// Tick bars of 4 rows over SmallSeries(); 16 rows come out.
cw_status TickBars(const cw_bar_options* options, const cw_bar_output* out, size_t* count) {
  const candlewick_test::Series series = SmallSeries();
  const cw_ohlcv view = series.View();
  return WithHandle(cw_bar_context_create, cw_bar_context_destroy,
                    static_cast<const cw_allocator*>(nullptr), [&](cw_bar_context* context) {
                      return cw_bars_from_ohlcv(context, &view, options, out, count);
                    });
}

cw_status RenderPng(cw_chart* chart, const cw_chart_data* data) {
  std::vector<uint8_t> png;
  return candlewick_test::RenderBytes(chart, data, CW_FORMAT_PNG, &png);
}

std::vector<Case> Cases() {
  std::vector<Case> cases;
  cases.push_back({"cw_chart_options", 136,
                   [](void* p) { cw_chart_options_init(static_cast<cw_chart_options*>(p)); },
                   [](void* p) -> cw_status {
                     return WithChart(*static_cast<cw_chart_options*>(p), [](cw_chart* chart) {
                       const candlewick_test::Series series = SmallSeries();
                       cw_chart_data data;
                       cw_chart_data_init(&data, nullptr);
                       data.series = series.View();
                       return RenderPng(chart, &data);
                     });
                   },
                   sizeof(cw_chart_options)});
  cases.push_back({"cw_chart_data", 208,
                   [](void* p) { cw_chart_data_init(static_cast<cw_chart_data*>(p), nullptr); },
                   [](void* p) -> cw_status {
                     const candlewick_test::Series series = SmallSeries();
                     auto* data = static_cast<cw_chart_data*>(p);
                     data->series = series.View();
                     cw_chart_options o;
                     cw_chart_options_init(&o);
                     return WithChart(o, [&](cw_chart* chart) { return RenderPng(chart, data); });
                   },
                   sizeof(cw_chart_data)});
  cases.push_back({"cw_stats_options", 64,
                   [](void* p) { cw_stats_options_init(static_cast<cw_stats_options*>(p)); },
                   [](void* p) -> cw_status {
                     auto* o = static_cast<cw_stats_options*>(p);
                     const cw_status v = cw_stats_options_validate(o, nullptr, 0);
                     if (v != CW_OK) return v;
                     return WithHandle(cw_stats_create, cw_stats_destroy, o,
                                       [](cw_stats*) -> cw_status { return CW_OK; });
                   },
                   sizeof(cw_stats_options)});
  cases.push_back({"cw_stats_sample", 52,
                   [](void* p) {
                     auto* sample = static_cast<cw_stats_sample*>(p);
                     sample->kind = CW_STATS_RENDER;
                     sample->simd_target = CW_SIMD_NONE;
                     sample->duration_ns = 1000;
                     sample->items = 1;
                   },
                   [](void* p) -> cw_status {
                     return WithStats([p](cw_stats* stats) {
                       auto* sample = static_cast<cw_stats_sample*>(p);
                       sample->end_ns = cw_stats_now(stats);
                       return cw_stats_record(stats, sample);
                     });
                   },
                   sizeof(cw_stats_sample)});
  cases.push_back({"cw_stats_snapshot", 6704, [](void*) {},
                   [](void* p) -> cw_status {
                     return WithStats([p](cw_stats* stats) {
                       return cw_stats_read(stats, static_cast<cw_stats_snapshot*>(p));
                     });
                   },
                   sizeof(cw_stats_snapshot)});
  cases.push_back({"cw_indicator_info", 48, [](void*) {},
                   [](void* p) -> cw_status {
                     cw_indicator_id id;
                     if (cw_indicator_find("macd", &id) != CW_OK) return CW_ERR_INTERNAL;
                     const cw_status s =
                         cw_indicator_get_info(id, static_cast<cw_indicator_info*>(p));
                     if (s == CW_OK && static_cast<cw_indicator_info*>(p)->output_count != 3) {
                       return CW_ERR_INTERNAL;
                     }
                     return s;
                   },
                   sizeof(cw_indicator_info)});
  cases.push_back({"cw_indicator_param", 44, [](void*) {},
                   [](void* p) -> cw_status {
                     cw_indicator_id id;
                     if (cw_indicator_find("sma", &id) != CW_OK) return CW_ERR_INTERNAL;
                     return cw_indicator_get_param(id, 0, static_cast<cw_indicator_param*>(p));
                   },
                   sizeof(cw_indicator_param)});
  cases.push_back({"cw_bar_options", 96,
                   [](void* p) {
                     cw_bar_options_init(static_cast<cw_bar_options*>(p), CW_BARS_TICK);
                     static_cast<cw_bar_options*>(p)->tick_count = 4;
                   },
                   [](void* p) -> cw_status {
                     size_t count = 0;
                     const cw_status s =
                         TickBars(static_cast<cw_bar_options*>(p), nullptr, &count);
                     return s == CW_OK && count != 16 ? CW_ERR_INTERNAL : s;
                   },
                   sizeof(cw_bar_options)});
  cases.push_back({"cw_bar_output", 72, [](void*) {},
                   [](void* p) -> cw_status {
                     std::vector<double> close(16);
                     auto* out = static_cast<cw_bar_output*>(p);
                     std::memset(reinterpret_cast<char*>(p) + sizeof(size_t), 0,
                                 72 - sizeof(size_t));
                     out->capacity = close.size();
                     out->close = close.data();
                     cw_bar_options o;
                     cw_bar_options_init(&o, CW_BARS_TICK);
                     o.tick_count = 4;
                     size_t count = 0;
                     const cw_status s = TickBars(&o, out, &count);
                     return s == CW_OK && close[15] != SmallSeries().close[63] ? CW_ERR_INTERNAL
                                                                                : s;
                   },
                   sizeof(cw_bar_output)});
  return cases;
}

// Today's struct, initialised, in storage of its full size.
std::vector<unsigned char> Full(const Case& c) {
  std::vector<unsigned char> full(c.full_size, 0);
  c.init(full.data());
  return full;
}

TEST(AbiV1Test, EveryVersionedStructAtItsVersion1SizeWorks) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    ASSERT_GE(c.full_size, c.v1_size) << "a struct may only grow";
    const std::vector<unsigned char> full = Full(c);
    // Exactly v1_size bytes: ASan reports any access past them.
    V1Block exact(full.data(), c.v1_size, 0, c.v1_size);
    EXPECT_EQ(c.call(exact.get()), CW_OK);
    // Guard bytes behind: the library writes nothing past struct_size.
    V1Block guarded(full.data(), c.v1_size, 64, c.v1_size);
    EXPECT_EQ(c.call(guarded.get()), CW_OK);
    EXPECT_TRUE(guarded.GuardIntact());
  }
}

TEST(AbiV1Test, OneByteBelowVersion1IsAStructSizeError) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const std::vector<unsigned char> full = Full(c);
    V1Block block(full.data(), c.v1_size, 0, c.v1_size - 1);
    EXPECT_EQ(c.call(block.get()), CW_ERR_STRUCT_SIZE);
  }
}

TEST(AbiV1Test, ALargerStructFromANewerHeaderWorks) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::vector<unsigned char> full = Full(c);
    // A newer caller's struct: today's fields and 32 more bytes of a future
    // tail this library does not know, which it must ignore.
    V1Block bigger(full.data(), c.full_size, 32, c.full_size + 32);
    EXPECT_EQ(c.call(bigger.get()), CW_OK);
    EXPECT_TRUE(bigger.GuardIntact());
  }
}

}  // namespace
