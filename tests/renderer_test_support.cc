#include "tests/renderer_test_support.h"

#include <cmath>
#include <cstdlib>

namespace candlewick_test {

CountingAllocator::CountingAllocator() : hooks_{this, &Alloc, &Free} {}

void CountingAllocator::FailAt(int64_t index, int64_t every) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_at_ = index;
  fail_every_ = every;
}

int64_t CountingAllocator::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}
int64_t CountingAllocator::failures() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_;
}
int64_t CountingAllocator::allocations() const {
  std::lock_guard<std::mutex> lock(mu_);
  return allocations_;
}
int64_t CountingAllocator::live_blocks() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int64_t>(sizes_.size());
}
int64_t CountingAllocator::live_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return live_bytes_;
}

void* CountingAllocator::Alloc(void* opaque, size_t size, size_t alignment) {
  auto* self = static_cast<CountingAllocator*>(opaque);
  {
    std::lock_guard<std::mutex> lock(self->mu_);
    const int64_t n = self->calls_++;
    const bool fail = self->fail_at_ >= 0 &&
                      (n == self->fail_at_ || (self->fail_every_ > 0 && n > self->fail_at_ &&
                                               (n - self->fail_at_) % self->fail_every_ == 0));
    if (fail) {
      ++self->failures_;
      return nullptr;
    }
  }
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  void* p = std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
  if (p == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(self->mu_);
  ++self->allocations_;
  self->sizes_[p] = size;
  self->live_bytes_ += static_cast<int64_t>(size);
  return p;
}

void CountingAllocator::Free(void* opaque, void* ptr) {
  auto* self = static_cast<CountingAllocator*>(opaque);
  {
    std::lock_guard<std::mutex> lock(self->mu_);
    auto it = self->sizes_.find(ptr);
    if (it == self->sizes_.end()) std::abort();  // not ours, or freed twice
    self->live_bytes_ -= static_cast<int64_t>(it->second);
    self->sizes_.erase(it);
  }
  std::free(ptr);
}

ChartJob::ChartJob(uint32_t width, uint32_t height, int32_t type, int32_t theme, int32_t format,
                   size_t candles, uint32_t seed)
    : options(ChartOptions(width, height, type, theme)),
      format(format),
      series(MakeSeries(candles, seed)) {
  view = series.View();
  cw_chart_data_init(&data, &view);
}

void ChartJob::AddOverlayAndPanel() {
  const size_t n = series.close.size();
  average = Sma(series.close, 10);
  oscillator.assign(n, NAN);
  for (size_t i = 9; i < n; ++i) oscillator[i] = 50 + 40 * std::sin(static_cast<double>(i) / 5);
  overlay.values = {average.data(), n, 0};
  overlay.color = 0xFFB300FF;
  panel_line.values = {oscillator.data(), n, 0};
  panel_line.color = 0x7E57C2FF;
  panel.weight = 0.25f;
  panel.lines = &panel_line;
  panel.line_count = 1;
  panel.levels = levels;
  panel.level_count = 2;
  panel.title = "osc";
  data.overlays = &overlay;
  data.overlay_count = 1;
  data.panels = &panel;
  data.panel_count = 1;
}

std::string ChartJob::Describe() const {
  return std::to_string(options.width) + "x" + std::to_string(options.height) + " type " +
         std::to_string(options.type) + " theme " + std::to_string(options.theme) + " format " +
         std::to_string(format) + (options.show_axes ? " axes" : "") +
         (options.antialias ? " antialias" : "") + (data.overlay_count ? " overlay" : "");
}

Reference RenderWithChart(const ChartJob& job) {
  Reference ref;
  cw_chart* chart = nullptr;
  if (cw_chart_create(&job.options, &chart) != CW_OK) return ref;
  if (job.format == CW_FORMAT_WEBP_LOSSY) cw_chart_set_webp_quality(chart, 90.0f);
  if (RenderBytes(chart, &job.data, job.format, &ref.bytes) == CW_OK) {
    size_t count = 0;
    cw_chart_palette(chart, nullptr, 0, &count);
    ref.palette.resize(count);
    cw_chart_palette(chart, ref.palette.data(), count, &count);
  }
  cw_chart_destroy(chart);
  return ref;
}

}  // namespace candlewick_test
