// The gtest checks the C API tests share over handles and their options:
// each failed expectation is a test failure. The plain helpers they build on
// (handle owners, ChartOptions, series ...) are in test_support.h.
#ifndef CANDLEWICK_TESTS_TEST_CHECKS_H_
#define CANDLEWICK_TESTS_TEST_CHECKS_H_

#include <cstdint>
#include <string>

#include "capi/candlewick.h"
#include "tests/test_support.h"

namespace candlewick_test {

// Make*: a failed create is a test failure (the handle is then null); the
// allocator form keeps the default options. Expect*Refused: create refuses
// the options with `want` and writes a null handle.
ChartPtr MakeChart(const cw_chart_options& options);
ChartPtr MakeChart(uint32_t width, uint32_t height);
ChartPtr MakeChart(const cw_allocator* allocator);
StatsPtr MakeStats(const cw_stats_options& options);
StatsPtr MakeStats();  // cw_stats_options_init's defaults
RendererPtr MakeRenderer(const cw_renderer_options& options);
void ExpectChartRefused(const cw_chart_options& options, cw_status want);
void ExpectStatsRefused(const cw_stats_options& options, cw_status want);
void ExpectRendererRefused(const cw_renderer_options& options, cw_status want);

// The options `init` writes over a struct of garbage: struct_size is the
// struct's size, init(NULL) is a no-op, and the defaults validate.
cw_stats_options Defaults(void (*init)(cw_stats_options*));
cw_renderer_options Defaults(void (*init)(cw_renderer_options*));

// Validating `options` gives `want` and a message (returned) containing
// `words`: for CW_OK an empty one, and create makes a handle; for a refusal
// a non-empty one, and create refuses with `want` as Expect*Refused.
std::string ExpectValidation(const cw_chart_options& options, cw_status want,
                             const char* words = "");
std::string ExpectValidation(const cw_stats_options& options, cw_status want,
                             const char* words = "");
std::string ExpectValidation(const cw_renderer_options& options, cw_status want,
                             const char* words = "");

// A snapshot of `stats`, the info of `renderer`: a failed read is a test
// failure (the struct is then zero but for struct_size).
cw_stats_snapshot ReadStats(const cw_stats* stats);
cw_renderer_info ReadInfo(const cw_renderer* renderer);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_TEST_CHECKS_H_
