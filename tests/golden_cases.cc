#include "tests/golden_cases.h"

#include "tests/test_support.h"

namespace candlewick_test {

std::vector<GoldenCase> GoldenCases() {
  std::vector<GoldenCase> cases;
  const struct {
    const char* name;
    cw_theme theme;
  } themes[] = {{"classic", CW_THEME_CLASSIC},
                {"modern", CW_THEME_MODERN},
                {"tradingview", CW_THEME_TRADINGVIEW},
                {"light", CW_THEME_LIGHT}};
  for (const auto& t : themes) {
    GoldenCase c;
    c.name = std::string("candles_") + t.name;
    cw_chart_options_init(&c.options);
    c.options.width = 320;
    c.options.height = 200;
    c.options.theme = t.theme;
    c.candles = 60;
    c.seed = 2024;
    cases.push_back(c);
  }
  GoldenCase bare;
  bare.name = "candles_no_volume_no_grid";
  cw_chart_options_init(&bare.options);
  bare.options.width = 257;  // odd sizes exercise the kernels' tails
  bare.options.height = 131;
  bare.options.show_volume = 0;
  bare.options.show_grid = 0;
  bare.candles = 37;
  bare.seed = 99;
  cases.push_back(bare);
  GoldenCase dense;
  dense.name = "candles_dense_custom";
  cw_chart_options_init(&dense.options);
  dense.options.width = 200;
  dense.options.height = 100;
  dense.options.use_custom_colors = 1;
  dense.options.background = 0xFAF0E6FF;
  dense.options.grid = 0xD3D3D3FF;
  dense.options.up = 0x1E90FFFF;
  dense.options.down = 0xFF8C00FF;
  dense.candles = 400;  // more candles than pixel columns
  dense.seed = 7;
  cases.push_back(dense);
  return cases;
}

cw_status RenderGolden(const GoldenCase& c, std::vector<uint8_t>* rgba) {
  cw_chart* chart = nullptr;
  cw_status st = cw_chart_create(&c.options, &chart);
  if (st != CW_OK) return st;
  const Series s = MakeSeries(c.candles, c.seed);
  const cw_ohlcv v = s.View();
  size_t size = 0, stride = 0;
  cw_chart_frame_info(chart, nullptr, nullptr, &stride, &size);
  rgba->assign(size, 0);
  st = cw_chart_render_rgba(chart, &v, rgba->data(), size, stride);
  cw_chart_destroy(chart);
  return st;
}

}  // namespace candlewick_test
