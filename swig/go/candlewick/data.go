package candlewick

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Series is one OHLCV price series as columns.  The slices are borrowed for
// the duration of a call: the library reads them in place (no copy) and
// keeps nothing.  Open, High, Low and Close are required and of one length;
// Time (Unix seconds, UTC) and Volume are optional (nil), and when given
// must have that length too.
type Series struct {
	Time                   []int64
	Open, High, Low, Close []float64
	Volume                 []float64
}

// Line is a line over the price panel (Data.Overlays) or in a Panel: one
// value per row of the series, NaN where there is none (the line breaks).
type Line struct {
	Values []float64
	Color  Color   // 0 takes the next of LineColors; alpha is ignored
	Width  float32 // pixels; 0 is the chart's line width
	// Name is an overlay's row in the legend, drawn when the chart has
	// axes (a swatch, the name, the last value): "SMA 20".  "" leaves it
	// out.  A line in a Panel ignores it (the panel's Title labels it).
	Name string
}

// LineColors are the colours given, in turn, to lines whose Color is 0.
var LineColors = []Color{0x2962FFFF, 0xFF9800FF, 0xAB47BCFF, 0x26C6DAFF, 0xFFEB3BFF, 0xEC407AFF}

// Band is a filled band between two series (Bollinger, Keltner, a cloud),
// drawn behind the candles.
type Band struct {
	Upper, Lower []float64
	Fill         Color   // may be translucent; 0 takes 0x2962FF33
	Line         Color   // edge colour; 0 takes 0x2962FFFF
	Width        float32 // edge width in pixels; 0 draws no edges
	// Name is the band's row in the legend, drawn when the chart has axes
	// (with its upper and lower values): "BBANDS 20 2 2".  "" leaves it out.
	Name string
}

// Panel is an extra panel under the price and volume panels: lines with
// reference levels (an oscillator), a histogram around zero, or both.
type Panel struct {
	Weight        float32 // height relative to the price panel's weight; 0 takes 0.25
	Lines         []Line
	Histogram     []float64 // nil for none
	HistogramUp   Color     // 0: the chart's up colour
	HistogramDown Color     // 0: the chart's down colour
	Levels        []float64 // horizontal reference lines (30 and 70)
	Min, Max      float64   // a fixed scale when Min < Max, else automatic
	Title         string    // drawn when axes are on
}

// Data is everything one render draws.  Every slice is borrowed for the
// call, like the series.
type Data struct {
	Series
	Overlays []Line // over the price panel
	Bands    []Band
	Panels   []Panel // at most MaxPanels, top to bottom
	Title    string  // top left, when axes are on
}

// MaxPanels is the most extra panels one render takes.
const MaxPanels = 8

// Content is what a render draws: a Series alone, or Data with overlays,
// bands, panels and a title.
type Content interface {
	data() *Data
}

func (s Series) data() *Data { return &Data{Series: s} }
func (d Data) data() *Data   { return &d }

// scratch is the C memory a chart fills for each render: one cw_chart_data
// and arrays of lines, bands and panels that only grow.  It belongs to one
// chart and is used under the chart's lock.
type scratch struct {
	data                       cw.Cw_chart_data
	lines                      cw.Cw_line
	bands                      cw.Cw_band
	panels                     cw.Cw_panel
	lineCap, bandCap, panelCap int
}

func newScratch() *scratch { return &scratch{data: cw.NewCw_chart_data()} }

func (s *scratch) free() {
	cw.DeleteCw_chart_data(s.data)
	for _, p := range []interface{ Swigcptr() uintptr }{s.lines, s.bands, s.panels} {
		if p != nil {
			cw.Cwswig_free(p.Swigcptr())
		}
	}
	*s = scratch{}
}

// grow makes sure each array holds n elements; false when out of memory.
func (s *scratch) grow(lines, bands, panels int) bool {
	if lines > s.lineCap {
		if s.lines != nil {
			cw.Cwswig_free(s.lines.Swigcptr())
		}
		s.lines, s.lineCap = cw.Cwswig_cw_line_array_new(int64(lines)), lines
	}
	if bands > s.bandCap {
		if s.bands != nil {
			cw.Cwswig_free(s.bands.Swigcptr())
		}
		s.bands, s.bandCap = cw.Cwswig_cw_band_array_new(int64(bands)), bands
	}
	if panels > s.panelCap {
		if s.panels != nil {
			cw.Cwswig_free(s.panels.Swigcptr())
		}
		s.panels, s.panelCap = cw.Cwswig_cw_panel_array_new(int64(panels)), panels
	}
	for _, a := range []struct {
		p interface{ Swigcptr() uintptr }
		n int
	}{{s.lines, s.lineCap}, {s.bands, s.bandCap}, {s.panels, s.panelCap}} {
		if a.n > 0 && a.p.Swigcptr() == 0 {
			s.lineCap, s.bandCap, s.panelCap = 0, 0, 0
			s.lines, s.bands, s.panels = nil, nil, nil
			return false
		}
	}
	return true
}

// fill writes d into the scratch cw_chart_data, pinning every slice it
// points at.  The C structs hold Go pointers only until pin.Unpin().
func (s *scratch) fill(pin *runtime.Pinner, d *Data) error {
	if len(d.Panels) > MaxPanels {
		// Checked by the library too; here before more than MaxPanels
		// panels are laid out in C memory.
		return newError("", int(ErrInvalidArgument), fmt.Sprintf("%d panels; at most %d", len(d.Panels), MaxPanels))
	}
	lineTotal := len(d.Overlays)
	for i := range d.Panels {
		lineTotal += len(d.Panels[i].Lines)
	}
	if !s.grow(lineTotal, len(d.Bands), len(d.Panels)) {
		return newError("", int(ErrOutOfMemory), "")
	}
	cw.Cw_chart_data_init(s.data, nil)
	bind.Series(s.data.GetSeries(), pin, d.Time, d.Open, d.High, d.Low, d.Close, d.Volume)
	next := 0 // the next free element of s.lines
	lines := func(ls []Line) cw.Cw_line {
		if len(ls) == 0 {
			return nil
		}
		first := cw.Cwswig_cw_line_array_at(s.lines, int64(next))
		for i := range ls {
			l := cw.Cwswig_cw_line_array_at(s.lines, int64(next))
			next++
			color := ls[i].Color
			if color == 0 {
				color = LineColors[i%len(LineColors)]
			}
			bind.F64(l.GetValues(), pin, ls[i].Values)
			l.SetColor(uint(color))
			l.SetWidth(ls[i].Width)
		}
		return first
	}
	if len(d.Overlays) > 0 {
		s.data.SetOverlays(lines(d.Overlays))
		s.data.SetOverlay_count(int64(len(d.Overlays)))
	}
	for i := range d.Bands {
		b := &d.Bands[i]
		cb := cw.Cwswig_cw_band_array_at(s.bands, int64(i))
		bind.F64(cb.GetUpper(), pin, b.Upper)
		bind.F64(cb.GetLower(), pin, b.Lower)
		cb.SetFill(uint(orColor(b.Fill, 0x2962FF33)))
		cb.SetLine(uint(orColor(b.Line, 0x2962FFFF)))
		cb.SetWidth(b.Width)
	}
	if len(d.Bands) > 0 {
		s.data.SetBands(s.bands)
		s.data.SetBand_count(int64(len(d.Bands)))
	}
	for i := range d.Panels {
		p := &d.Panels[i]
		cp := cw.Cwswig_cw_panel_array_at(s.panels, int64(i))
		weight := p.Weight
		if weight == 0 {
			weight = 0.25
		}
		cp.SetWeight(weight)
		cp.SetLines(lines(p.Lines))
		cp.SetLine_count(int64(len(p.Lines)))
		bind.F64(cp.GetHistogram(), pin, p.Histogram)
		cp.SetHistogram_up(uint(p.HistogramUp))
		cp.SetHistogram_down(uint(p.HistogramDown))
		cp.SetLevels(bind.Pinned(pin, p.Levels))
		cp.SetLevel_count(int64(len(p.Levels)))
		cp.SetMin(p.Min)
		cp.SetMax(p.Max)
		title, err := text(pin, "panel title", p.Title)
		if err != nil {
			return err
		}
		cp.SetTitle(title)
	}
	if len(d.Panels) > 0 {
		s.data.SetPanels(s.panels)
		s.data.SetPanel_count(int64(len(d.Panels)))
	}
	title, err := text(pin, "title", d.Title)
	if err != nil {
		return err
	}
	s.data.SetTitle(title)
	overlayNames, err := legendNames(pin, len(d.Overlays), func(i int) string { return d.Overlays[i].Name })
	if err != nil {
		return err
	}
	bandNames, err := legendNames(pin, len(d.Bands), func(i int) string { return d.Bands[i].Name })
	if err != nil {
		return err
	}
	if overlayNames != nil || bandNames != nil {
		s.data.SetOverlay_names(overlayNames)
		s.data.SetBand_names(bandNames)
	}
	return nil
}

// text is bind.Text for a caller's label: one with a NUL inside is
// ErrInvalidArgument (C would read only the part before it), as in every
// binding.
func text(pin *runtime.Pinner, what, s string) (*byte, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, newError("", int(ErrInvalidArgument), fmt.Sprintf("%s %q contains a NUL", what, s))
	}
	return bind.Text(pin, s), nil
}

// legendNames lays out n legend names as a pinned array of pinned texts
// (nil entries for ""), or returns nil when none has a name.  A name with a
// NUL inside is ErrInvalidArgument.
func legendNames(pin *runtime.Pinner, n int, name func(i int) string) (**byte, error) {
	var ptrs []*byte
	for i := 0; i < n; i++ {
		s := name(i)
		if s == "" {
			continue
		}
		t, err := text(pin, "legend name", s)
		if err != nil {
			return nil, err
		}
		if ptrs == nil {
			ptrs = make([]*byte, n)
		}
		ptrs[i] = t
	}
	if ptrs == nil {
		return nil, nil
	}
	pin.Pin(&ptrs[0])
	return &ptrs[0], nil
}

func orColor(c, fallback Color) Color {
	if c == 0 {
		return fallback
	}
	return c
}
