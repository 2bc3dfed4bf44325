package candlewick

import (
	"fmt"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Go's enumerations are numbered from zero with the library's default
// first, so a zero Options is the default chart; each maps to the C
// constant through a table built from the SWIG layer, never from a copied
// number.

// Theme is a colour theme.
type Theme int

const (
	ThemeClassic     Theme = iota // black background, green up, red down (the default)
	ThemeModern                   // #1E1E1E, #26A69A, #EF5350
	ThemeTradingView              // #131722, #089981, #F23645
	ThemeLight                    // white, #26A69A, #EF5350
)

var themes = []enumValue{
	ThemeClassic:     {"classic", int(cw.CW_THEME_CLASSIC)},
	ThemeModern:      {"modern", int(cw.CW_THEME_MODERN)},
	ThemeTradingView: {"tradingview", int(cw.CW_THEME_TRADINGVIEW)},
	ThemeLight:       {"light", int(cw.CW_THEME_LIGHT)},
}

func (t Theme) String() string { return enumName(themes, int(t), "Theme") }

// ChartType is how prices are drawn.
type ChartType int

const (
	ChartCandlestick ChartType = iota // filled bodies and wicks (the default)
	ChartHollow                       // hollow up candles, coloured by the previous close
	ChartOHLC                         // bars with open and close ticks
	ChartLine                         // a line through the closes
	ChartArea                         // the close line with the area below filled
	ChartHeikinAshi                   // Heikin-Ashi candles computed from the series
	ChartRenko                        // close-based bricks (Layout.BoxSize; 0 = ATR(14))
	ChartPointFigure                  // X/O columns (Layout.BoxSize, Layout.Reversal)
)

var chartTypes = []enumValue{
	ChartCandlestick: {"candlestick", int(cw.CW_CHART_CANDLESTICK)},
	ChartHollow:      {"hollow", int(cw.CW_CHART_HOLLOW)},
	ChartOHLC:        {"ohlc", int(cw.CW_CHART_OHLC)},
	ChartLine:        {"line", int(cw.CW_CHART_LINE)},
	ChartArea:        {"area", int(cw.CW_CHART_AREA)},
	ChartHeikinAshi:  {"heikin_ashi", int(cw.CW_CHART_HEIKIN_ASHI)},
	ChartRenko:       {"renko", int(cw.CW_CHART_RENKO)},
	ChartPointFigure: {"point_figure", int(cw.CW_CHART_POINT_FIGURE)},
}

func (t ChartType) String() string { return enumName(chartTypes, int(t), "ChartType") }

// PNGPreset trades PNG encoding speed against size; all are lossless.
type PNGPreset int

const (
	PNGBalanced PNGPreset = iota // the default
	PNGFastest
	PNGSmallest
)

var pngPresets = []enumValue{
	PNGBalanced: {"balanced", int(cw.CW_PNG_BALANCED)},
	PNGFastest:  {"fastest", int(cw.CW_PNG_FASTEST)},
	PNGSmallest: {"smallest", int(cw.CW_PNG_SMALLEST)},
}

func (p PNGPreset) String() string { return enumName(pngPresets, int(p), "PNGPreset") }

// Format is an output format of Chart.Render.
type Format int

const (
	FormatPNG       Format = iota // palette PNG when the frame has <= 256 colours, else RGB
	FormatWebP                    // lossless WebP
	FormatWebPLossy               // lossy WebP (Chart.SetWebPQuality)
	FormatSVG                     // the same layout as vector graphics
	FormatRGBA                    // raw frame, 4 bytes per pixel, R G B A, rows top to bottom
	FormatRGB                     // raw frame, 3 bytes per pixel
	FormatIndexed                 // raw frame, 1 palette index per pixel (crisp charts; Chart.Palette)
)

var formats = []enumValue{
	FormatPNG:       {"png", int(cw.CW_FORMAT_PNG)},
	FormatWebP:      {"webp", int(cw.CW_FORMAT_WEBP_LOSSLESS)},
	FormatWebPLossy: {"webp-lossy", int(cw.CW_FORMAT_WEBP_LOSSY)},
	FormatSVG:       {"svg", int(cw.CW_FORMAT_SVG)},
	FormatRGBA:      {"rgba", int(cw.CW_FORMAT_RGBA8)},
	FormatRGB:       {"rgb", int(cw.CW_FORMAT_RGB8)},
	FormatIndexed:   {"indexed", int(cw.CW_FORMAT_INDEXED8)},
}

func (f Format) String() string { return enumName(formats, int(f), "Format") }

// BytesPerPixel is 4, 3 or 1 for a raw format and 0 for an encoded one.
func (f Format) BytesPerPixel() int {
	c, ok := enumC(formats, int(f))
	if !ok {
		return 0
	}
	return int(cw.Cw_format_bytes_per_pixel(c))
}

type enumValue struct {
	name string
	c    int
}

func enumName(table []enumValue, v int, typ string) string {
	if v >= 0 && v < len(table) {
		return table[v].name
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// enumC maps a Go value to its C constant; ok is false for a value outside
// the enumeration.
func enumC(table []enumValue, v int) (int, bool) {
	if v < 0 || v >= len(table) {
		return 0, false
	}
	return table[v].c, true
}
