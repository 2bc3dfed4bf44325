#include "tests/test_support.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "cc/encode/test_util.h"

namespace candlewick_test {

cw_chart_options ChartOptions(uint32_t width, uint32_t height, int32_t type, int32_t theme) {
  cw_chart_options o;
  cw_chart_options_init(&o);
  o.width = width;
  o.height = height;
  o.type = type;
  o.theme = theme;
  return o;
}

std::vector<uint8_t> BufferBytes(const cw_buffer* buffer) {
  if (buffer == nullptr) return {};
  return {cw_buffer_data(buffer), cw_buffer_data(buffer) + cw_buffer_size(buffer)};
}

std::vector<uint8_t> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

cw_status RenderBytes(cw_chart* chart, const cw_chart_data* data, int32_t format,
                      std::vector<uint8_t>* out) {
  cw_buffer* buffer = nullptr;
  const cw_status st = cw_chart_render(chart, data, format, &buffer);
  *out = BufferBytes(buffer);
  cw_buffer_destroy(buffer);
  return st;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Series MakeSeries(size_t n, uint32_t seed) {
  Series s;
  uint32_t state = seed * 2654435761u + 1;
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  int64_t price_cents = 10000;
  for (size_t i = 0; i < n; ++i) {
    const int64_t open = price_cents;
    const int64_t close = open + static_cast<int64_t>(next() % 401) - 200;
    const int64_t high = std::max(open, close) + next() % 120;
    const int64_t low = std::min(open, close) - next() % 120;
    s.time.push_back(1704153600 + static_cast<int64_t>(i) * 86400);
    s.open.push_back(open / 100.0);
    s.close.push_back(close / 100.0);
    s.high.push_back(high / 100.0);
    s.low.push_back(low / 100.0);
    s.volume.push_back(static_cast<double>(1000 + next() % 9000));
    price_cents = close < 1000 ? 1000 : close;
  }
  return s;
}

std::vector<double> Sma(const std::vector<double>& x, size_t period) {
  std::vector<double> out(x.size(), NAN);
  double sum = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sum += x[i];
    if (i >= period) sum -= x[i - period];
    if (i + 1 >= period) out[i] = sum / static_cast<double>(period);
  }
  return out;
}

std::vector<std::vector<double>> IndicatorExtras::Compute(cw_indicator_id id,
                                                          std::vector<double> params,
                                                          size_t outputs) const {
  const size_t n = s_.close.size();
  std::vector<std::vector<double>> out(outputs, std::vector<double>(n, NAN));
  cw_indicator_context* ctx = nullptr;
  if (cw_indicator_context_create(nullptr, &ctx) != CW_OK) return out;
  const cw_f64_column in = {s_.close.data(), n, 0};
  std::vector<double*> ptrs;
  for (auto& o : out) ptrs.push_back(o.data());
  cw_indicator_compute(ctx, id, &in, 1, params.data(), params.size(), ptrs.data(), ptrs.size(), n);
  cw_indicator_context_destroy(ctx);
  return out;
}

IndicatorExtras::IndicatorExtras(const Series& s, const IndicatorExtrasOptions& o) : s_(s) {
  static const cw_color kLineColors[] = {0xFFB300FF, 0x42A5F5FF, 0x26C6DAFF, 0xEC407AFF};
  const size_t n = s.close.size();
  columns_.reserve(o.sma_periods.size() + 6);
  names_.reserve(o.sma_periods.size() + 1);
  auto column = [&](std::vector<double> values) -> const std::vector<double>& {
    columns_.push_back(std::move(values));
    return columns_.back();
  };
  for (size_t i = 0; i < o.sma_periods.size(); ++i) {
    const auto& sma = column(Compute(CW_IND_SMA, {static_cast<double>(o.sma_periods[i])}, 1)[0]);
    overlays_.push_back({{sma.data(), n, 0}, kLineColors[i % 4], 0});
    names_.push_back("SMA " + std::to_string(o.sma_periods[i]));
    overlay_names_.push_back(names_.back().c_str());
  }
  // A panel of `lines` and `levels` (weight 0.25) titled `title`.
  auto panel = [&](const std::vector<cw_line>& lines, const double* levels, size_t level_count,
                   const char* title) -> cw_panel& {
    cw_panel p = {};
    p.weight = 0.25f;
    p.lines = lines.data();
    p.line_count = lines.size();
    p.levels = levels;
    p.level_count = level_count;
    p.title = title;
    panels_.push_back(p);
    return panels_.back();
  };
  if (o.bollinger) {
    const auto bb = Compute(CW_IND_BBANDS, {20, 2, 2}, 3);
    const auto& upper = column(bb[0]);
    const auto& lower = column(bb[2]);
    bands_.push_back(TestBand(upper.data(), lower.data(), n));
    band_names_.push_back("BBANDS 20 2 2");
  }
  if (o.rsi) {
    const auto& rsi = column(Compute(CW_IND_RSI, {14}, 1)[0]);
    rsi_lines_.push_back({{rsi.data(), n, 0}, 0xAB47BCFF, 0});
    cw_panel& p = panel(rsi_lines_, rsi_levels_, 2, "RSI 14");
    p.min = 0;
    p.max = 100;
  }
  if (o.macd) {
    const auto macd = Compute(CW_IND_MACD, {12, 26, 9}, 3);
    const auto& line = column(macd[0]);
    const auto& signal = column(macd[1]);
    const auto& hist = column(macd[2]);
    macd_lines_.push_back({{line.data(), n, 0}, 0x42A5F5FF, 0});
    macd_lines_.push_back({{signal.data(), n, 0}, 0xAB47BCFF, 0});
    panel(macd_lines_, zero_, 1, "MACD 12 26 9").histogram = {hist.data(), n, 0};
  }
}

void IndicatorExtras::Apply(cw_chart_data* data) const {
  // At most one band (Bollinger's).
  AttachExtras(data, overlays_.data(), overlays_.size(), bands_.empty() ? nullptr : bands_.data(),
               panels_.data(), panels_.size());
  data->overlay_names = overlay_names_.data();
  data->band_names = band_names_.data();
}

cw_band TestBand(const double* upper, const double* lower, size_t n) {
  return {{upper, n, 0}, {lower, n, 0}, 0x7E57C240, 0x7E57C2FF, 1};
}

void OscillatorAndHistogram(const cw_line* osc, const double* levels, double min, double max,
                            const double* hist, size_t n, cw_panel panels[2]) {
  std::memset(panels, 0, 2 * sizeof(cw_panel));
  panels[0].weight = 0.25f;
  panels[0].lines = osc;
  panels[0].line_count = 1;
  panels[0].levels = levels;
  panels[0].level_count = 2;
  panels[0].min = min;
  panels[0].max = max;
  panels[1].weight = 0.2f;
  panels[1].histogram = {hist, n, 0};
}

void AttachExtras(cw_chart_data* data, const cw_line* overlays, size_t overlay_count,
                  const cw_band* band, const cw_panel* panels, size_t panel_count) {
  data->overlays = overlays;
  data->overlay_count = overlay_count;
  data->bands = band;
  data->band_count = band != nullptr ? 1 : 0;
  data->panels = panels;
  data->panel_count = panel_count;
}

bool DecodePng(const uint8_t* data, size_t size, std::vector<uint8_t>* rgba, uint32_t* width,
               uint32_t* height) {
  candlewick::encode_test::PngInfo info;
  if (!candlewick::encode_test::DecodePng(data, size, rgba, &info)) return false;
  *width = info.width;
  *height = info.height;
  return true;
}

bool DecodePngFile(const std::string& path, std::vector<uint8_t>* rgba, uint32_t* width,
                   uint32_t* height) {
  const std::vector<uint8_t> bytes = ReadFileBytes(path);
  return DecodePng(bytes.data(), bytes.size(), rgba, width, height);
}

std::string PixelHash(const uint8_t* data, size_t size) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace candlewick_test
