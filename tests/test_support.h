// Shared helpers for the C API tests, the benchmarks and the Rust golden
// test, free of gtest: owners of handles, default chart options, bytes of
// buffers, files and renders, deterministic series, indicator extras, PNG
// decoding (libspng, independent of the encoder's settings), and a hash of
// pixels. The gtest checks over handles and options are in test_checks.h.
#ifndef CANDLEWICK_TESTS_TEST_SUPPORT_H_
#define CANDLEWICK_TESTS_TEST_SUPPORT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capi/candlewick.h"

namespace candlewick_test {

// Owners of C API handles: each releases its handle with the API's destroy.
template <typename T, void (*Destroy)(T*)>
struct HandleDeleter {
  void operator()(T* handle) const { Destroy(handle); }
};
using BufferPtr = std::unique_ptr<cw_buffer, HandleDeleter<cw_buffer, cw_buffer_destroy>>;
using ChartPtr = std::unique_ptr<cw_chart, HandleDeleter<cw_chart, cw_chart_destroy>>;
using StatsPtr = std::unique_ptr<cw_stats, HandleDeleter<cw_stats, cw_stats_destroy>>;
using RendererPtr = std::unique_ptr<cw_renderer, HandleDeleter<cw_renderer, cw_renderer_destroy>>;

// Columns owned by the test; View() borrows them.
struct Series {
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume;
  cw_ohlcv View() const {
    return cw_ohlcv_contiguous(close.size(), time.data(), open.data(), high.data(), low.data(),
                               close.data(), volume.data());
  }
};

// cw_chart_options_init's defaults at the given size, type and theme.
cw_chart_options ChartOptions(uint32_t width, uint32_t height,
                              int32_t type = CW_CHART_CANDLESTICK,
                              int32_t theme = CW_THEME_CLASSIC);

// The bytes of a buffer (none for NULL), of a whole file (none when it
// cannot be read).
std::vector<uint8_t> BufferBytes(const cw_buffer* buffer);
std::vector<uint8_t> ReadFileBytes(const std::string& path);

// cw_chart_render of `format` into *out (left empty on failure); returns the
// status.
cw_status RenderBytes(cw_chart* chart, const cw_chart_data* data, int32_t format,
                      std::vector<uint8_t>* out);

bool Contains(const std::string& haystack, const std::string& needle);

// A reproducible random-walk series (integer arithmetic only, so it is the
// same on every platform and compiler).
Series MakeSeries(size_t n, uint32_t seed);

// The simple moving average of `x` over `period` rows, NaN until the window
// fills: test data only, not the library's.
std::vector<double> Sma(const std::vector<double>& x, size_t period);

// Indicator overlays and panels computed by the library over a series, with
// legend names and panel titles: what a trader's chart carries (the golden
// time-axis charts, the full-chart benchmark). Owns its columns; Apply
// points a cw_chart_data at them, so it must outlive the render.
struct IndicatorExtrasOptions {
  std::vector<int> sma_periods;  // "SMA 20" overlays, in this order
  bool bollinger = false;        // a "BBANDS 20 2 2" band
  bool rsi = false;              // an "RSI 14" panel, 0..100, levels 30 and 70
  bool macd = false;             // a "MACD 12 26 9" panel: two lines, a histogram, zero
};

class IndicatorExtras {
 public:
  IndicatorExtras(const Series& s, const IndicatorExtrasOptions& o);
  IndicatorExtras(const IndicatorExtras&) = delete;
  IndicatorExtras& operator=(const IndicatorExtras&) = delete;
  void Apply(cw_chart_data* data) const;

 private:
  std::vector<std::vector<double>> Compute(cw_indicator_id id, std::vector<double> params,
                                           size_t outputs) const;
  const Series& s_;
  std::vector<std::vector<double>> columns_;  // reserved up front: never moves
  std::vector<std::string> names_;
  std::vector<const char*> overlay_names_, band_names_;
  std::vector<cw_line> overlays_, rsi_lines_, macd_lines_;
  std::vector<cw_band> bands_;
  std::vector<cw_panel> panels_;
  double rsi_levels_[2] = {30, 70};
  double zero_[1] = {0};
};

// The hand-made extras the render tests draw, in their usual colours. All
// point at the caller's columns of n values, which must outlive the render.
//   TestBand: a band of fill 0x7E57C240 and edges 0x7E57C2FF, width 1.
//   OscillatorAndHistogram: panels[0] draws *osc with two levels on a fixed
//   min..max scale (weight 0.25), panels[1] a histogram of `hist` (weight
//   0.2); every other field zero. `osc` and `levels` must outlive them.
//   AttachExtras: points `data` at the overlays, the band and the panels.
cw_band TestBand(const double* upper, const double* lower, size_t n);
void OscillatorAndHistogram(const cw_line* osc, const double* levels, double min, double max,
                            const double* hist, size_t n, cw_panel panels[2]);
void AttachExtras(cw_chart_data* data, const cw_line* overlays, size_t overlay_count,
                  const cw_band* band, const cw_panel* panels, size_t panel_count);

// Decodes a PNG to RGBA8 rows (width*4 bytes each). Returns false on error.
bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, uint32_t* width,
               uint32_t* height);
bool DecodePngFile(const std::string& path, std::vector<uint8_t>* rgba, uint32_t* width,
                   uint32_t* height);

// FNV-1a 64 of a byte range, as 16 hex digits.
std::string PixelHash(const uint8_t* data, size_t size);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_TEST_SUPPORT_H_
