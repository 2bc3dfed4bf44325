#include "tests/test_checks.h"

#include <cstring>

#include "gtest/gtest.h"

namespace candlewick_test {

namespace {

template <typename Ptr, typename Options>
Ptr Make(cw_status (*create)(const Options*, typename Ptr::pointer*), const Options& options) {
  typename Ptr::pointer handle = nullptr;
  EXPECT_EQ(create(&options, &handle), CW_OK);
  return Ptr(handle);
}

template <typename Handle, typename Options>
void ExpectRefused(cw_status (*create)(const Options*, Handle**), const Options& options,
                   cw_status want) {
  Handle* handle = reinterpret_cast<Handle*>(0x1);
  EXPECT_EQ(create(&options, &handle), want);
  EXPECT_EQ(handle, nullptr) << "a refused create must write a null handle";
}

template <typename Ptr, typename Options>
std::string ExpectValidationOf(cw_status (*validate)(const Options*, char*, size_t),
                               cw_status (*create)(const Options*, typename Ptr::pointer*),
                               const Options& options, cw_status want, const char* words) {
  char message[256] = "unwritten";
  EXPECT_EQ(validate(&options, message, sizeof message), want);
  EXPECT_TRUE(Contains(message, words)) << message;
  if (want == CW_OK) {
    EXPECT_STREQ(message, "");
    EXPECT_NE(Make<Ptr>(create, options), nullptr);
  } else {
    EXPECT_STRNE(message, "");
    EXPECT_STRNE(message, "unwritten");
    ExpectRefused(create, options, want);
  }
  return message;
}

template <typename Options>
Options DefaultsOf(void (*init)(Options*)) {
  Options o;
  std::memset(&o, 0xAB, sizeof o);
  init(&o);
  EXPECT_EQ(o.struct_size, sizeof o);
  init(nullptr);  // a no-op
  ExpectValidation(o, CW_OK);
  return o;
}

template <typename Handle, typename Out>
Out Read(cw_status (*read)(const Handle*, Out*), const Handle* handle) {
  Out out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  EXPECT_EQ(read(handle, &out), CW_OK);
  return out;
}

}  // namespace

cw_stats_snapshot ReadStats(const cw_stats* stats) { return Read(cw_stats_read, stats); }

cw_renderer_info ReadInfo(const cw_renderer* renderer) {
  return Read(cw_renderer_get_info, renderer);
}

cw_stats_options Defaults(void (*init)(cw_stats_options*)) { return DefaultsOf(init); }

cw_renderer_options Defaults(void (*init)(cw_renderer_options*)) { return DefaultsOf(init); }

std::string ExpectValidation(const cw_chart_options& options, cw_status want, const char* words) {
  return ExpectValidationOf<ChartPtr>(cw_chart_options_validate, cw_chart_create, options, want,
                                      words);
}

std::string ExpectValidation(const cw_stats_options& options, cw_status want, const char* words) {
  return ExpectValidationOf<StatsPtr>(cw_stats_options_validate, cw_stats_create, options, want,
                                      words);
}

std::string ExpectValidation(const cw_renderer_options& options, cw_status want,
                             const char* words) {
  return ExpectValidationOf<RendererPtr>(cw_renderer_options_validate, cw_renderer_create,
                                         options, want, words);
}

ChartPtr MakeChart(const cw_chart_options& options) {
  return Make<ChartPtr>(cw_chart_create, options);
}

ChartPtr MakeChart(uint32_t width, uint32_t height) {
  return MakeChart(ChartOptions(width, height));
}

ChartPtr MakeChart(const cw_allocator* allocator) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.allocator = allocator;
  return MakeChart(o);
}

StatsPtr MakeStats(const cw_stats_options& options) {
  return Make<StatsPtr>(cw_stats_create, options);
}

StatsPtr MakeStats() {
  cw_stats_options o;
  cw_stats_options_init(&o);
  return MakeStats(o);
}

RendererPtr MakeRenderer(const cw_renderer_options& options) {
  return Make<RendererPtr>(cw_renderer_create, options);
}

void ExpectChartRefused(const cw_chart_options& options, cw_status want) {
  ExpectRefused(cw_chart_create, options, want);
}

void ExpectStatsRefused(const cw_stats_options& options, cw_status want) {
  ExpectRefused(cw_stats_create, options, want);
}

void ExpectRendererRefused(const cw_renderer_options& options, cw_status want) {
  ExpectRefused(cw_renderer_create, options, want);
}

}  // namespace candlewick_test
