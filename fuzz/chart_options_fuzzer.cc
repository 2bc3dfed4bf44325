// cw_chart_create and cw_chart_render with fuzzer-chosen options: every
// field of cw_chart_options any value (sizes, enumerations, colours,
// weights, gaps, margins, widths, boxes, reversals, label sizes), a font
// from fuzzed bytes now and then, and an allocator that fails after a
// fuzzed number of allocations. Whatever create accepts must render or
// fail cleanly (no leak: LeakSanitizer), on a small fuzzed series.
#include <cstdlib>
#include <string>

#include "fuzz/chart_input.h"

namespace {

// Fails every allocation after the first `budget`.
struct Failing {
  int64_t budget;
  static void* Alloc(void* self, size_t size, size_t alignment) {
    auto* f = static_cast<Failing*>(self);
    if (f->budget-- <= 0) return nullptr;
    void* p = nullptr;
    if (posix_memalign(&p, alignment < sizeof(void*) ? sizeof(void*) : alignment,
                       size == 0 ? 1 : size) != 0) {
      return nullptr;
    }
    return p;
  }
  static void Free(void*, void* p) { std::free(p); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  candlewick_fuzz::FuzzInput in(data, size);
  cw_chart_options options = candlewick_fuzz::ReadOptions(in, /*raw=*/true);
  const int32_t format = static_cast<int32_t>(in.Range(-1, 7));
  std::string font;
  if (in.Byte() == 0x5A) {
    font = in.String(512);
    options.font_data = reinterpret_cast<const uint8_t*>(font.data());
    options.font_data_size = font.size();
  }
  Failing failing{INT64_MAX};
  cw_allocator hooks = {&failing, &Failing::Alloc, &Failing::Free};
  if (in.Bool()) {
    failing.budget = in.Below(64);
    options.allocator = &hooks;
  }
  candlewick_fuzz::ChartInput chart;
  chart.Read(in, 300);
  candlewick_fuzz::RenderAndCheck(options, chart, format, /*must_succeed=*/false);
  return 0;
}
