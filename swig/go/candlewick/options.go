package candlewick

import (
	"fmt"
	"math"
	"runtime"
	"strings"

	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Color is 0xRRGGBBAA.
type Color uint32

// Options configure a chart.  The zero value is the library's default chart:
// 800 x 600 crisp candlesticks in the classic theme with volume and grid.
type Options struct {
	Width, Height int       // pixels, 16..16384; 0 takes the default (800 x 600)
	Type          ChartType // ChartCandlestick by default
	Theme         Theme     // ThemeClassic by default
	NoVolume      bool      // no volume panel (shown when the series has a volume column)
	NoGrid        bool      // no grid lines
	Axes          bool      // price and time axes with labels and a last-price marker
	// Antialias blends lines and text by coverage.  Off, every edge is on
	// whole pixels in the palette's exact colours: reproducible to the pixel.
	Antialias bool
	PNG       PNGPreset // PNGBalanced by default
	Colors    *Colors   // nil: the theme's colours
	Layout    *Layout   // nil: DefaultLayout()
	// Font is a TrueType/OpenType file for the labels (copied at NewChart);
	// nil uses the embedded DejaVu Sans.
	Font []byte
	// TimeZone is the IANA name of the zone the time axis is labelled in
	// ("America/New_York", "Europe/London"; Series.Time stays UTC
	// seconds), read from the system's zoneinfo at NewChart (a Renderer
	// loads it per call and caches charts by it).  "" is UTC.  An unknown
	// name fails with ErrInvalidArgument and the library's reason.
	TimeZone string
}

// Colors replace all six of a theme's colours at once; each must be opaque
// (alpha 0xFF).  Start from DefaultColors() to change only some.
type Colors struct {
	Background, Up, Down, Grid, Text, Axis Color
}

// DefaultColors are the default theme's (ThemeClassic's) six colours.
func DefaultColors() Colors {
	o := cw.NewCw_chart_options()
	defer cw.DeleteCw_chart_options(o)
	cw.Cw_chart_options_init(o)
	return Colors{Background: Color(o.GetBackground()), Up: Color(o.GetUp()), Down: Color(o.GetDown()),
		Grid: Color(o.GetGrid()), Text: Color(o.GetText()), Axis: Color(o.GetAxis())}
}

// Layout is the geometry of a chart.  Start from DefaultLayout() and change
// what you need: every field is used as given.
type Layout struct {
	PriceWeight  float32 // panel heights are proportional to the weights
	VolumeWeight float32 // (each extra Panel has its own Weight)
	PanelGap     int     // background rows between panels
	Margin       int     // pixels around the plot
	LineWidth    float32 // line/area charts and overlays, in pixels
	BoxSize      float64 // renko and point-and-figure box; 0 = ATR(14)
	Reversal     int     // point-and-figure reversal in boxes
	LabelSize    int     // axis label text height in pixels
}

// DefaultLayout is the library's default geometry (cw_chart_options_init).
func DefaultLayout() Layout {
	o := cw.NewCw_chart_options()
	defer cw.DeleteCw_chart_options(o)
	cw.Cw_chart_options_init(o)
	return Layout{
		PriceWeight:  o.GetPrice_weight(),
		VolumeWeight: o.GetVolume_weight(),
		PanelGap:     o.GetPanel_gap(),
		Margin:       o.GetMargin(),
		LineWidth:    o.GetLine_width(),
		BoxSize:      o.GetBox_size(),
		Reversal:     o.GetReversal(),
		LabelSize:    o.GetLabel_size(),
	}
}

// nativeOptions fills a cw_chart_options in C memory field by field (the
// SWIG setters: no layout is mirrored here) and pins the font for the create
// call, and the time zone's text, which the struct holds until the caller
// unpins.  The caller deletes the struct after cw_chart_create.
func (o *Options) native(pin *runtime.Pinner) (cw.Cw_chart_options, error) {
	const op = "NewChart"
	for _, d := range []struct {
		name  string
		value int
	}{{"width", o.Width}, {"height", o.Height}} {
		if d.value < 0 || d.value > math.MaxUint32 {
			return nil, newError(op, int(ErrSizeOutOfRange),
				fmt.Sprintf("%s %d is outside %d..%d", d.name, d.value, cw.CW_MIN_DIMENSION, cw.CW_MAX_DIMENSION))
		}
	}
	typ, ok := enumC(chartTypes, int(o.Type))
	if !ok {
		return nil, newError(op, int(ErrInvalidArgument), "unknown chart type "+o.Type.String())
	}
	theme, ok := enumC(themes, int(o.Theme))
	if !ok {
		return nil, newError(op, int(ErrInvalidArgument), "unknown theme "+o.Theme.String())
	}
	preset, ok := enumC(pngPresets, int(o.PNG))
	if !ok {
		return nil, newError(op, int(ErrInvalidArgument), "unknown PNG preset "+o.PNG.String())
	}
	if strings.IndexByte(o.TimeZone, 0) >= 0 {
		return nil, newError(op, int(ErrInvalidArgument), fmt.Sprintf("time zone %q contains a NUL", o.TimeZone))
	}
	c := cw.NewCw_chart_options()
	cw.Cw_chart_options_init(c)
	if o.Width != 0 {
		c.SetWidth(uint(o.Width))
	}
	if o.Height != 0 {
		c.SetHeight(uint(o.Height))
	}
	c.SetXtype(typ)
	c.SetTheme(theme)
	c.SetShow_volume(flag(!o.NoVolume))
	c.SetShow_grid(flag(!o.NoGrid))
	c.SetShow_axes(flag(o.Axes))
	c.SetAntialias(flag(o.Antialias))
	c.SetPng_preset(preset)
	if o.Colors != nil {
		c.SetUse_custom_colors(1)
		c.SetBackground(uint(o.Colors.Background))
		c.SetUp(uint(o.Colors.Up))
		c.SetDown(uint(o.Colors.Down))
		c.SetGrid(uint(o.Colors.Grid))
		c.SetText(uint(o.Colors.Text))
		c.SetAxis(uint(o.Colors.Axis))
	}
	if l := o.Layout; l != nil {
		for _, f := range []struct {
			name  string
			value int
		}{{"PanelGap", l.PanelGap}, {"Margin", l.Margin}, {"Reversal", l.Reversal}, {"LabelSize", l.LabelSize}} {
			if f.value < math.MinInt32 || f.value > math.MaxInt32 {
				cw.DeleteCw_chart_options(c)
				return nil, newError(op, int(ErrInvalidArgument),
					fmt.Sprintf("Layout.%s %d is out of range", f.name, f.value))
			}
		}
		c.SetPrice_weight(l.PriceWeight)
		c.SetVolume_weight(l.VolumeWeight)
		c.SetPanel_gap(l.PanelGap)
		c.SetMargin(l.Margin)
		c.SetLine_width(l.LineWidth)
		c.SetBox_size(l.BoxSize)
		c.SetReversal(l.Reversal)
		c.SetLabel_size(l.LabelSize)
	}
	c.SetTime_zone(bind.Text(pin, o.TimeZone))
	if len(o.Font) > 0 {
		pin.Pin(&o.Font[0])
		c.SetFont_data(&o.Font[0])
		c.SetFont_data_size(int64(len(o.Font)))
	}
	return c, nil
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
