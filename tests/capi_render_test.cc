// The general render API: chart data with overlays, bands and panels, every
// output format, and their error paths.
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "gtest/gtest.h"
#include "tests/testing_allocator.h"
#include "cc/encode/test_util.h"
#include "tests/test_checks.h"
#include "tests/test_support.h"

namespace {

using candlewick_test::ChartPtr;
using candlewick_test::MakeChart;
using candlewick_test::MakeSeries;
using candlewick_test::Series;
using candlewick_test::TestingAllocator;

using Bytes = std::vector<uint8_t>;

// cw_chart_options at w x h with axes, crisp (antialias 0) or antialiased (1).
cw_chart_options Options(uint32_t w, uint32_t h, int antialias = 0, int show_axes = 1) {
  cw_chart_options o = candlewick_test::ChartOptions(w, h);
  o.antialias = antialias;
  o.show_axes = show_axes;
  return o;
}

// A series with a moving average, a band and two panels, all owned here.
struct Rich {
  Series s = MakeSeries(80, 21);
  std::vector<double> ma, up, lo, osc, hist;
  cw_ohlcv series;
  cw_line overlay, panel_line;
  cw_band band;
  double levels[2] = {30, 70};
  cw_panel panels[2];
  cw_chart_data data;
  Rich() {
    const size_t n = s.close.size();
    ma = candlewick_test::Sma(s.close, 10);
    up.assign(n, NAN);
    lo.assign(n, NAN);
    osc.assign(n, NAN);
    hist.assign(n, NAN);
    for (size_t i = 9; i < n; ++i) {
      up[i] = ma[i] + 2;
      lo[i] = ma[i] - 2;
      osc[i] = 50 + 40 * std::sin(static_cast<double>(i) / 5);
      hist[i] = s.close[i] - ma[i];
    }
    series = s.View();
    overlay = {{ma.data(), n, 0}, 0xFFB300FF, 0};
    panel_line = {{osc.data(), n, 0}, 0xAB47BCFF, 1};
    band = candlewick_test::TestBand(up.data(), lo.data(), n);
    candlewick_test::OscillatorAndHistogram(&panel_line, levels, 0, 100, hist.data(), n, panels);
    panels[0].title = "OSC";
    cw_chart_data_init(&data, &series);
    candlewick_test::AttachExtras(&data, &overlay, 1, &band, panels, 2);
    data.title = "RICH <&> \"chart\"";
  }
};

Bytes RenderToVector(cw_chart* c, const cw_chart_data* d, int32_t format) {
  Bytes out;
  EXPECT_EQ(candlewick_test::RenderBytes(c, d, format, &out), CW_OK) << cw_chart_last_error(c);
  return out;
}

// Runs `check(chart, data, rgba, encoded)` on a 300x200 axes chart of
// Rich's data, its RGBA frame and its render in `format`, crisp and then
// antialiased.
template <typename Check>
void ForCrispAndAntialiased(int32_t format, Check check) {
  for (int aa = 0; aa <= 1; ++aa) {
    SCOPED_TRACE(testing::Message() << "antialias=" << aa);
    ChartPtr c = MakeChart(Options(300, 200, aa));
    Rich r;
    const Bytes rgba = RenderToVector(c.get(), &r.data, CW_FORMAT_RGBA8);
    check(c.get(), r.data, rgba, RenderToVector(c.get(), &r.data, format));
  }
}

TEST(ChartData, InitSetsSizeAndCopiesTheSeries) {
  Series s = MakeSeries(5, 1);
  cw_ohlcv v = s.View();
  cw_chart_data d;
  std::memset(&d, 0xAB, sizeof d);
  cw_chart_data_init(&d, &v);
  EXPECT_EQ(d.struct_size, sizeof d);
  EXPECT_EQ(d.series.close.data, s.close.data());
  EXPECT_EQ(d.overlays, nullptr);
  EXPECT_EQ(d.panel_count, 0u);
  cw_chart_data_init(nullptr, &v);  // no-op
  cw_chart_data_init(&d, nullptr);
  EXPECT_EQ(d.series.close.data, nullptr);
}

TEST(FormatBytesPerPixel, RawAndEncoded) {
  EXPECT_EQ(cw_format_bytes_per_pixel(CW_FORMAT_RGBA8), 4u);
  EXPECT_EQ(cw_format_bytes_per_pixel(CW_FORMAT_RGB8), 3u);
  EXPECT_EQ(cw_format_bytes_per_pixel(CW_FORMAT_INDEXED8), 1u);
  EXPECT_EQ(cw_format_bytes_per_pixel(CW_FORMAT_PNG), 0u);
  EXPECT_EQ(cw_format_bytes_per_pixel(CW_FORMAT_SVG), 0u);
  EXPECT_EQ(cw_format_bytes_per_pixel(99), 0u);
  EXPECT_EQ(cw_format_bytes_per_pixel(-1), 0u);
}

TEST(RenderFrame, RgbAndIndexedMatchTheRgbaFrame) {
  ChartPtr c = MakeChart(Options(200, 150, 0, 0));
  Rich r;
  Bytes rgba(200 * 150 * 4), rgb(200 * 150 * 3), idx(200 * 150);
  ASSERT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_RGBA8, rgba.data(), rgba.size(), 800),
            CW_OK)
      << cw_chart_last_error(c.get());
  ASSERT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_RGB8, rgb.data(), rgb.size(), 600),
            CW_OK);
  ASSERT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_INDEXED8, idx.data(), idx.size(), 200),
            CW_OK);
  size_t count = 0;
  ASSERT_EQ(cw_chart_palette(c.get(), nullptr, 0, &count), CW_OK);
  ASSERT_GT(count, 4u);
  std::vector<cw_color> palette(count);
  ASSERT_EQ(cw_chart_palette(c.get(), palette.data(), palette.size(), &count), CW_OK);
  for (size_t i = 0; i < idx.size(); ++i) {
    ASSERT_LT(idx[i], count);
    const cw_color col = palette[idx[i]];
    ASSERT_EQ(rgba[4 * i], col >> 24) << i;
    ASSERT_EQ(rgba[4 * i + 1], (col >> 16) & 0xFF) << i;
    ASSERT_EQ(rgba[4 * i + 2], (col >> 8) & 0xFF) << i;
    ASSERT_EQ(rgba[4 * i + 3], 0xFF) << i;
    ASSERT_EQ(rgb[3 * i], rgba[4 * i]);
    ASSERT_EQ(rgb[3 * i + 1], rgba[4 * i + 1]);
    ASSERT_EQ(rgb[3 * i + 2], rgba[4 * i + 2]);
  }
}

TEST(RenderFrame, AntialiasedFramesAreOpaqueAndBlend) {
  cw_chart_options o = Options(240, 160, 1);
  o.type = CW_CHART_LINE;
  ChartPtr c = MakeChart(o);
  Rich r;
  Bytes rgba(240 * 160 * 4);
  ASSERT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_RGBA8, rgba.data(), rgba.size(),
                                  240 * 4),
            CW_OK)
      << cw_chart_last_error(c.get());
  std::set<uint32_t> colours;
  for (size_t i = 0; i < rgba.size(); i += 4) {
    ASSERT_EQ(rgba[i + 3], 0xFF) << "no alpha holes";
    colours.insert(static_cast<uint32_t>(rgba[i]) << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
  }
  EXPECT_GT(colours.size(), 20u) << "blended edges add in-between colours";
  // Indexed output is for crisp charts only.
  Bytes idx(240 * 160);
  EXPECT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_INDEXED8, idx.data(), idx.size(), 240),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(cw_chart_last_error(c.get()), "crisp"), nullptr);
  cw_buffer* b = reinterpret_cast<cw_buffer*>(0x1);
  EXPECT_EQ(cw_chart_render(c.get(), &r.data, CW_FORMAT_INDEXED8, &b), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(b, nullptr);
}

TEST(Render, PngDecodesToTheRgbaFrameCrispAndAntialiased) {
  ForCrispAndAntialiased(CW_FORMAT_PNG,
                         [](cw_chart*, const cw_chart_data&, const Bytes& rgba, const Bytes& png) {
                           Bytes decoded;
                           uint32_t w = 0, h = 0;
                           ASSERT_TRUE(candlewick_test::DecodePng(png.data(), png.size(), &decoded,
                                                                  &w, &h));
                           EXPECT_EQ(decoded, rgba);
                         });
}

TEST(Render, WebpLosslessIsExactAndLossyIsClose) {
  ForCrispAndAntialiased(CW_FORMAT_WEBP_LOSSLESS, [](cw_chart* c, const cw_chart_data& data,
                                                    const Bytes& rgba, const Bytes& lossless) {
    Bytes decoded;
    int w = 0, h = 0;
    ASSERT_TRUE(
        candlewick::encode_test::DecodeWebp(lossless.data(), lossless.size(), &decoded, &w, &h));
    EXPECT_EQ(w, 300);
    EXPECT_EQ(h, 200);
    EXPECT_EQ(decoded, rgba);
    ASSERT_EQ(cw_chart_set_webp_quality(c, 80), CW_OK);
    const Bytes lossy = RenderToVector(c, &data, CW_FORMAT_WEBP_LOSSY);
    ASSERT_TRUE(candlewick::encode_test::DecodeWebp(lossy.data(), lossy.size(), &decoded, &w, &h));
    ASSERT_EQ(decoded.size(), rgba.size());
    double se = 0;
    for (size_t i = 0; i < rgba.size(); ++i) {
      const double d = static_cast<double>(decoded[i]) - rgba[i];
      se += d * d;
    }
    const double psnr = 10 * std::log10(255.0 * 255.0 / (se / static_cast<double>(rgba.size())));
    // Thin red/green strokes suffer most from lossy WebP's 4:2:0 chroma; on
    // these charts quality 80 gives about 22 dB (a broken encode: < 10 dB).
    EXPECT_GT(psnr, 20.0) << "lossy WebP at quality 80";
    // Lower quality, smaller file.
    ASSERT_EQ(cw_chart_set_webp_quality(c, 5), CW_OK);
    EXPECT_LT(RenderToVector(c, &data, CW_FORMAT_WEBP_LOSSY).size(), lossy.size());
  });
}

TEST(Render, SvgHasTheLayoutAndEscapesText) {
  Rich r;
  r.data.panels = nullptr;
  r.data.panel_count = 0;
  ChartPtr axes = MakeChart(Options(300, 200));
  const Bytes svg = RenderToVector(axes.get(), &r.data, CW_FORMAT_SVG);
  const std::string text(svg.begin(), svg.end());
  EXPECT_EQ(text.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"", 0),
            0u);
  EXPECT_NE(text.find("</svg>"), std::string::npos);
  EXPECT_NE(text.find("RICH &lt;&amp;&gt; &quot;chart&quot;"), std::string::npos);
  EXPECT_EQ(text.find("<&>"), std::string::npos);
  EXPECT_NE(text.find("<polyline"), std::string::npos);
  EXPECT_NE(text.find("<path fill="), std::string::npos) << "the band";
  EXPECT_NE(text.find("shape-rendering=\"crispEdges\""), std::string::npos);
}

// Whether `text` is well-formed UTF-8 made only of characters XML 1.0
// allows (tab, line feed, carriage return, U+0020.., no surrogates, no
// U+FFFE/U+FFFF).
bool IsXmlText(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) {
      const unsigned char t = static_cast<unsigned char>(text[i + k]);
      if ((t >> 6) != 2) return false;
      c = (c << 6) | (t & 0x3F);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF ||
        (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      return false;
    }
    i += n;
  }
  return true;
}

// Titles, panel titles and legend names are the caller's bytes: ill-formed
// UTF-8 (a Go string, a Rust CStr), control characters and U+FFFE reached
// the SVG as they were, so the document was not well-formed XML (Go's
// encoding/xml: "invalid UTF-8", "illegal character code U+0001").  Now
// each becomes U+FFFD, as the rasteriser draws it.
TEST(Render, SvgTextIsWellFormedWhateverTheBytes) {
  Rich r;
  const char* bad[] = {"A\xff\xfe<", "B\x01\x02\x1f", "C\xed\xa0\x80", "D\xc0\xaf", "E\xef\xbf\xbe",
                       "F\xf4\x90\x80\x80", "G\xe2\x82"};
  for (const char* title : bad) {
    r.data.title = title;
    r.panels[0].title = title;
    const char* names[] = {title, title};
    r.data.overlay_names = names;
    ChartPtr axes = MakeChart(Options(300, 200));
    const Bytes svg = RenderToVector(axes.get(), &r.data, CW_FORMAT_SVG);
    const std::string text(svg.begin(), svg.end());
    EXPECT_TRUE(IsXmlText(text)) << "title starting " << title[0];
    EXPECT_NE(text.find(std::string(1, title[0]) + "\xEF\xBF\xBD"), std::string::npos) << title[0];
  }
  // Good text is kept as it is: tabs, accents, CJK, astral characters.
  r.data.title = "ok \t caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x93\x88";
  r.data.overlay_names = nullptr;
  ChartPtr axes = MakeChart(Options(300, 200));
  const Bytes svg = RenderToVector(axes.get(), &r.data, CW_FORMAT_SVG);
  const std::string text(svg.begin(), svg.end());
  EXPECT_TRUE(IsXmlText(text));
  EXPECT_NE(text.find("caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x93\x88"), std::string::npos);
}

TEST(Render, RejectsBadDataWithClearMessages) {
  ChartPtr c = MakeChart(Options(200, 150, 0, 0));
  Bytes px(200 * 150 * 4, 0x5A);
  // One part of Rich spoiled: the status, a message naming the part, no
  // pixel written, no buffer returned.
  static std::vector<cw_panel> many;  // more panels than allowed
  const struct {
    void (*spoil)(Rich*);
    cw_status status;
    const char* message;
  } kBad[] = {
      {[](Rich* r) { r->data.struct_size = 16; }, CW_ERR_STRUCT_SIZE, "struct_size"},
      {[](Rich* r) { r->data.overlays = nullptr; }, CW_ERR_NULL_ARGUMENT,
       "NULL with a non-zero count"},
      {[](Rich* r) { r->overlay.values.length = 79; }, CW_ERR_LENGTH_MISMATCH,
       "overlay 0 has 79 values"},
      {[](Rich* r) { r->ma[40] = INFINITY; }, CW_ERR_NON_FINITE, "row 40"},
      {[](Rich* r) {
         r->lo.resize(10);
         r->band.lower.length = 10;
       },
       CW_ERR_LENGTH_MISMATCH, "band lower"},
      {[](Rich* r) { r->panels[1].weight = 0; }, CW_ERR_INVALID_ARGUMENT,
       "positive height weight"},
      {[](Rich* r) { r->panels[0].min = NAN; }, CW_ERR_NON_FINITE, "min/max"},
      {[](Rich* r) { r->panel_line.values.data = nullptr; }, CW_ERR_NULL_ARGUMENT, "panel line 0"},
      {[](Rich* r) {
         many.assign(CW_MAX_PANELS + 1, r->panels[0]);
         r->data.panels = many.data();
         r->data.panel_count = many.size();
       },
       CW_ERR_INVALID_ARGUMENT, "CW_MAX_PANELS"},
      {[](Rich* r) { r->s.high[3] = r->s.low[3] - 1; }, CW_ERR_INCONSISTENT_OHLC, "row 3"},
  };
  for (const auto& k : kBad) {
    SCOPED_TRACE(k.message);
    Rich r;
    k.spoil(&r);
    EXPECT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_RGBA8, px.data(), px.size(), 800),
              k.status);
    EXPECT_TRUE(candlewick_test::Contains(cw_chart_last_error(c.get()), k.message))
        << cw_chart_last_error(c.get());
    for (uint8_t b : px) ASSERT_EQ(b, 0x5A) << "pixels written on failure";
    cw_buffer* b = reinterpret_cast<cw_buffer*>(0x1);
    EXPECT_EQ(cw_chart_render(c.get(), &r.data, CW_FORMAT_PNG, &b), k.status);
    EXPECT_EQ(b, nullptr);
  }
  // Format and argument errors.
  Rich r;
  EXPECT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_PNG, px.data(), px.size(), 800),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_chart_render_frame(c.get(), &r.data, 77, px.data(), px.size(), 800),
            CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_chart_render_frame(c.get(), nullptr, CW_FORMAT_RGBA8, px.data(), px.size(), 800),
            CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render_frame(c.get(), &r.data, CW_FORMAT_RGB8, px.data(), 100, 600),
            CW_ERR_BUFFER_TOO_SMALL);
  cw_buffer* b = nullptr;
  EXPECT_EQ(cw_chart_render(c.get(), &r.data, 77, &b), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_chart_render(c.get(), &r.data, CW_FORMAT_PNG, nullptr), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_render(nullptr, &r.data, CW_FORMAT_PNG, &b), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_palette(nullptr, nullptr, 0, nullptr), CW_ERR_NULL_ARGUMENT);
  size_t count;
  EXPECT_EQ(cw_chart_palette(c.get(), nullptr, 4, &count), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_set_webp_quality(c.get(), 101), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_chart_set_webp_quality(c.get(), NAN), CW_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(cw_chart_set_webp_quality(nullptr, 50), CW_ERR_NULL_ARGUMENT);
  EXPECT_EQ(cw_chart_set_webp_quality(c.get(), 50), CW_OK);
}

TEST(Render, NanOverlaysFlatAndSingleRenderInEveryType) {
  for (int32_t type = CW_CHART_CANDLESTICK; type <= CW_CHART_POINT_FIGURE; ++type) {
    for (int aa = 0; aa <= 1; ++aa) {
      cw_chart_options o = Options(160, 120, aa);
      o.type = type;
      ChartPtr c = MakeChart(o);
      Rich r;
      std::fill(r.ma.begin(), r.ma.end(), NAN);  // an all-NaN overlay draws nothing
      EXPECT_EQ(RenderToVector(c.get(), &r.data, CW_FORMAT_PNG).empty(), false) << type;
      std::vector<double> flat(7, 10.0);
      cw_ohlcv fv = cw_ohlcv_contiguous(7, nullptr, flat.data(), flat.data(), flat.data(),
                                        flat.data(), nullptr);
      cw_chart_data fd;
      cw_chart_data_init(&fd, &fv);
      EXPECT_FALSE(RenderToVector(c.get(), &fd, CW_FORMAT_RGBA8).empty()) << type;
      Series one = MakeSeries(1, 5);
      cw_ohlcv ov = one.View();
      cw_chart_data od;
      cw_chart_data_init(&od, &ov);
      EXPECT_FALSE(RenderToVector(c.get(), &od, CW_FORMAT_SVG).empty()) << type;
    }
  }
}

// Any int64 time is drawable: the time axis never subtracts timestamps
// (t_last - t_first overflowed, undefined behaviour, before), in UTC and in
// a zone, sorted or not.
TEST(Render, TimesSpanningTheWholeInt64RangeRender) {
  for (const char* zone : {static_cast<const char*>(nullptr), "America/New_York"}) {
    cw_chart_options o = Options(320, 200);
    o.time_zone = zone;
    ChartPtr c = MakeChart(o);
    Series s = MakeSeries(6, 9);
    s.time = {std::numeric_limits<int64_t>::min(), -1, 0, 1709856000,
              std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
    cw_ohlcv v = s.View();
    cw_chart_data d;
    cw_chart_data_init(&d, &v);
    EXPECT_FALSE(RenderToVector(c.get(), &d, CW_FORMAT_SVG).empty()) << cw_chart_last_error(c.get());
    EXPECT_FALSE(RenderToVector(c.get(), &d, CW_FORMAT_PNG).empty());
  }
}

// Legend names: borrowed for the call, NULL entries left out, and a caller
// of the first cw_chart_data layout (no names) is not read past its struct.
TEST(Render, LegendNamesAndTheFirstDataLayout) {
  ChartPtr c = MakeChart(Options(400, 300));
  Rich r;
  const char* overlay_names[] = {"MA 10"};
  const char* band_names[] = {nullptr};
  r.data.overlay_names = overlay_names;
  r.data.band_names = band_names;
  const Bytes svg = RenderToVector(c.get(), &r.data, CW_FORMAT_SVG);
  const std::string doc(svg.begin(), svg.end());
  EXPECT_NE(doc.find(">MA 10</text>"), std::string::npos);
  cw_chart_data old = r.data;
  old.struct_size = offsetof(cw_chart_data, overlay_names);
  old.overlay_names = reinterpret_cast<const char* const*>(0x1);  // beyond the caller's struct
  old.band_names = reinterpret_cast<const char* const*>(0x1);
  const Bytes unnamed = RenderToVector(c.get(), &old, CW_FORMAT_SVG);
  EXPECT_EQ(std::string(unnamed.begin(), unnamed.end()).find(">MA 10</text>"), std::string::npos);
}

TEST(Fonts, CallerFontIsCopiedAndBadBytesAreRejected) {
  Bytes ttf =
      candlewick_test::ReadFileBytes("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf");
  ASSERT_FALSE(ttf.empty()) << "fonts-dejavu-core is installed by tools/setup.sh";
  cw_chart_options o = Options(300, 200);
  ChartPtr plain = MakeChart(o);
  o.font_data = ttf.data();
  o.font_data_size = ttf.size();
  ChartPtr mono = MakeChart(o);
  std::fill(ttf.begin(), ttf.end(), 0);  // the chart must have its own copy
  Rich r;
  const auto a = RenderToVector(plain.get(), &r.data, CW_FORMAT_RGBA8);
  const auto b = RenderToVector(mono.get(), &r.data, CW_FORMAT_RGBA8);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_NE(a, b) << "labels in another font";
  const uint8_t junk[64] = {1, 2, 3};
  o.font_data = junk;
  o.font_data_size = sizeof junk;
  candlewick_test::ExpectChartRefused(o, CW_ERR_INVALID_ARGUMENT);
}

TEST(Allocator, FailuresDuringRichRendersAreCleanErrors) {
  Rich r;
  TestingAllocator probe;
  // With a time zone and a legend, so the time and value axes' and the
  // legend's scratch memory fails too.
  const char* names[] = {"MA 10"};
  const char* band_names[] = {"BAND"};
  r.data.overlay_names = names;
  r.data.band_names = band_names;
  cw_chart_options o = Options(200, 150, 1);
  o.time_zone = "America/New_York";
  auto run = [&](TestingAllocator* f) {
    o.allocator = f->allocator();
    cw_chart* c = nullptr;
    if (cw_chart_create(&o, &c) != CW_OK) return;
    for (int32_t format : {CW_FORMAT_PNG, CW_FORMAT_SVG, CW_FORMAT_RGB8}) {
      cw_buffer* b = nullptr;
      const cw_status st = cw_chart_render(c, &r.data, format, &b);
      EXPECT_TRUE(st == CW_OK || st == CW_ERR_OUT_OF_MEMORY) << st << " " << cw_chart_last_error(c);
      if (st != CW_OK) {
        EXPECT_EQ(b, nullptr);
      }
      cw_buffer_destroy(b);
    }
    cw_chart_destroy(c);
  };
  run(&probe);
  const int64_t total = probe.attempts;
  ASSERT_GT(total, 5);
  for (int64_t k = 0; k < total; ++k) {
    TestingAllocator f;
    f.fail_at = k;
    run(&f);
    EXPECT_EQ(f.allocations, f.frees) << "leak after failing allocation " << k;
  }
}

// Line and area charts of more candles than pixel columns draw the
// aggregated closes, one per column. (They once read the source-row index
// of each column from the aggregated series, past its end: the picture then
// depended on the heap, and ASan stopped it.) The same chart through two
// allocators that place memory differently must give the same bytes.
struct OffsetHeap {
  size_t offset;  // bytes before each block, a multiple of its alignment
  static void* Alloc(void* opaque, size_t size, size_t alignment) {
    const size_t header = static_cast<OffsetHeap*>(opaque)->offset + (alignment < 16 ? 16 : alignment);
    auto* p = static_cast<unsigned char*>(std::aligned_alloc(128, (size + header + 127) / 128 * 128));
    if (p == nullptr) return nullptr;
    std::memset(p, 0x5A, header);
    std::memcpy(p + header - sizeof header, &header, sizeof header);
    return p + header;
  }
  static void Free(void*, void* q) {
    size_t header;
    std::memcpy(&header, static_cast<unsigned char*>(q) - sizeof header, sizeof header);
    std::free(static_cast<unsigned char*>(q) - header);
  }
};

TEST(DenseLines, LineAndAreaChartsOfManyCandlesDoNotDependOnTheHeap) {
  const Series s = MakeSeries(700, 125);
  const cw_ohlcv v = s.View();
  for (int32_t type : {CW_CHART_LINE, CW_CHART_AREA}) {
    Bytes first;
    for (size_t offset : {0, 48, 256}) {
      OffsetHeap heap{offset};
      cw_allocator hooks = {&heap, &OffsetHeap::Alloc, &OffsetHeap::Free};
      cw_chart_options o = Options(200, 120, 0, 0);
      o.type = type;
      o.allocator = &hooks;
      ChartPtr c = MakeChart(o);
      cw_buffer* frame = nullptr;
      ASSERT_EQ(cw_chart_render_rgba_buffer(c.get(), &v, &frame), CW_OK);
      const Bytes bytes = candlewick_test::BufferBytes(frame);
      cw_buffer_destroy(frame);
      if (first.empty()) {
        first = bytes;
      } else {
        EXPECT_EQ(bytes, first) << "type " << type << " offset " << offset;
      }
    }
  }
}

}  // namespace
