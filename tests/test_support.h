// Shared helpers for the C API tests: deterministic series, PNG decoding
// (libspng, independent of the encoder's settings), and a hash of pixels.
#ifndef CANDLEWICK_TESTS_TEST_SUPPORT_H_
#define CANDLEWICK_TESTS_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "capi/candlewick.h"

namespace candlewick_test {

// Columns owned by the test; View() borrows them.
struct Series {
  std::vector<int64_t> time;
  std::vector<double> open, high, low, close, volume;
  cw_ohlcv View() const {
    return cw_ohlcv_contiguous(close.size(), time.data(), open.data(), high.data(), low.data(),
                               close.data(), volume.data());
  }
};

// A reproducible random-walk series (integer arithmetic only, so it is the
// same on every platform and compiler).
Series MakeSeries(size_t n, uint32_t seed);

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

// Decodes a PNG to RGBA8 rows (width*4 bytes each). Returns false on error.
bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, uint32_t* width,
               uint32_t* height);
bool DecodePngFile(const std::string& path, std::vector<uint8_t>* rgba, uint32_t* width,
                   uint32_t* height);

// FNV-1a 64 of a byte range, as 16 hex digits.
std::string PixelHash(const uint8_t* data, size_t size);

}  // namespace candlewick_test

#endif  // CANDLEWICK_TESTS_TEST_SUPPORT_H_
