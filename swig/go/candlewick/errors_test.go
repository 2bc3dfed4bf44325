package candlewick_test

import (
	"errors"
	"image"
	"math"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// wantError checks that err is an *Error with the status and a message
// containing every fragment.
func wantError(t *testing.T, err error, status candlewick.Status, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", status)
	}
	if !errors.Is(err, status) {
		t.Fatalf("error %q is not %v", err, status)
	}
	var e *candlewick.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %q is not a *candlewick.Error", err)
	}
	if e.Status != status || e.Op == "" || e.Message == "" {
		t.Fatalf("error %+v: want status %v, an op and a message", e, status)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %q", err, f)
		}
	}
}

func TestNewChartErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		o      candlewick.Options
		status candlewick.Status
		says   string
	}{
		{"too narrow", candlewick.Options{Width: 15}, candlewick.ErrSizeOutOfRange, "15x600"},
		{"too tall", candlewick.Options{Height: 16385}, candlewick.ErrSizeOutOfRange, "800x16385"},
		{"negative", candlewick.Options{Width: -1}, candlewick.ErrSizeOutOfRange, "width -1"},
		{"beyond uint32", candlewick.Options{Width: 1<<32 + 800}, candlewick.ErrSizeOutOfRange, "width"},
		{"unknown theme", candlewick.Options{Theme: 9}, candlewick.ErrInvalidArgument, "Theme(9)"},
		{"unknown type", candlewick.Options{Type: -1}, candlewick.ErrInvalidArgument, "ChartType(-1)"},
		{"unknown preset", candlewick.Options{PNG: 3}, candlewick.ErrInvalidArgument, "PNGPreset(3)"},
		{"translucent colour", candlewick.Options{Colors: &candlewick.Colors{Background: 0x00000080,
			Up: 0xFFFFFFFF, Down: 0xFFFFFFFF, Grid: 0xFFFFFFFF, Text: 0xFFFFFFFF, Axis: 0xFFFFFFFF}},
			candlewick.ErrInvalidArgument, "options rejected"},
		{"zero weight", candlewick.Options{Layout: &candlewick.Layout{PriceWeight: 0, VolumeWeight: 0.3,
			LineWidth: 1, Reversal: 3, LabelSize: 11}}, candlewick.ErrInvalidArgument, "options rejected"},
		{"huge gap", candlewick.Options{Layout: func() *candlewick.Layout {
			l := candlewick.DefaultLayout()
			l.PanelGap = math.MaxInt32 + 1
			return &l
		}()}, candlewick.ErrInvalidArgument, "PanelGap"},
		{"not a font", candlewick.Options{Font: []byte("not a font at all")}, candlewick.ErrInvalidArgument, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			chart, err := candlewick.NewChart(c.o)
			if chart != nil {
				t.Fatal("a chart came back with the error")
			}
			wantError(t, err, c.status, c.says)
		})
	}
}

func TestRenderErrors(t *testing.T) {
	chart := testkit.NewChart(t, candlewick.Options{Width: 320, Height: 200})
	good := testkit.Series(40, 1)
	with := func(edit func(s *candlewick.Series)) candlewick.Series {
		s := testkit.Series(40, 1)
		edit(&s)
		return s
	}
	short := make([]float64, 39)
	for _, c := range []struct {
		name    string
		content candlewick.Content
		status  candlewick.Status
		says    string
	}{
		{"empty", candlewick.Series{Open: []float64{}, High: []float64{}, Low: []float64{}, Close: []float64{}},
			candlewick.ErrEmptySeries, ""},
		{"missing column", candlewick.Series{Open: good.Open, High: good.High, Low: good.Low},
			candlewick.ErrNullArgument, "close"},
		{"short close", with(func(s *candlewick.Series) { s.Close = s.Close[:39] }),
			candlewick.ErrLengthMismatch, "39"},
		{"short time", with(func(s *candlewick.Series) { s.Time = s.Time[:10] }),
			candlewick.ErrLengthMismatch, ""},
		{"NaN close", with(func(s *candlewick.Series) { s.Close[7] = math.NaN() }),
			candlewick.ErrNonFinite, "7"},
		{"infinite high", with(func(s *candlewick.Series) { s.High[3] = math.Inf(1) }),
			candlewick.ErrNonFinite, ""},
		{"high below low", with(func(s *candlewick.Series) { s.High[5] = s.Low[5] - 1 }),
			candlewick.ErrInconsistentOHLC, "5"},
		{"negative volume", with(func(s *candlewick.Series) { s.Volume[2] = -1 }),
			candlewick.ErrNegativeVolume, ""},
		{"short overlay", candlewick.Data{Series: good, Overlays: []candlewick.Line{{Values: short}}},
			candlewick.ErrLengthMismatch, ""},
		{"infinite overlay", candlewick.Data{Series: good, Overlays: []candlewick.Line{{Values: func() []float64 {
			v := make([]float64, 40)
			v[9] = math.Inf(-1)
			return v
		}()}}}, candlewick.ErrNonFinite, ""},
		{"short band", candlewick.Data{Series: good, Bands: []candlewick.Band{{Upper: good.High, Lower: short}}},
			candlewick.ErrLengthMismatch, ""},
		{"short histogram", candlewick.Data{Series: good, Panels: []candlewick.Panel{{Histogram: short}}},
			candlewick.ErrLengthMismatch, ""},
		{"negative panel weight", candlewick.Data{Series: good, Panels: []candlewick.Panel{{Weight: -1,
			Histogram: good.Close}}}, candlewick.ErrInvalidArgument, ""},
		{"nine panels", candlewick.Data{Series: good, Panels: make([]candlewick.Panel, 9)},
			candlewick.ErrInvalidArgument, "9 panels; at most 8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			png, err := chart.RenderPNG(c.content)
			if png != nil {
				t.Error("bytes came back with the error")
			}
			wantError(t, err, c.status, c.says)
			// A caller's frame is untouched by a validation error.
			img := image.NewRGBA(image.Rect(0, 0, 320, 200))
			img.Pix[0] = 7
			wantError(t, chart.RenderInto(img, c.content), c.status)
			if img.Pix[0] != 7 || img.Pix[len(img.Pix)-1] != 0 {
				t.Error("a failed render wrote into the image")
			}
		})
	}
	// The chart still renders after every failure.
	testkit.Render(t, chart, candlewick.FormatPNG, good)
}

func TestFrameErrors(t *testing.T) {
	chart := testkit.NewChart(t, candlewick.Options{Width: 64, Height: 32})
	s := testkit.Series(20, 3)
	wantError(t, chart.RenderFrame(candlewick.FormatRGBA, make([]byte, 64*4*32-1), 64*4, s),
		candlewick.ErrBufferTooSmall)
	wantError(t, chart.RenderFrame(candlewick.FormatRGBA, make([]byte, 64*4*40), 64*4-1, s),
		candlewick.ErrBufferTooSmall)
	wantError(t, chart.RenderFrame(candlewick.FormatRGBA, nil, 64*4, s), candlewick.ErrNullArgument)
	wantError(t, chart.RenderFrame(candlewick.FormatRGBA, make([]byte, 64*4*32), -4, s),
		candlewick.ErrBufferTooSmall, "negative")
	wantError(t, chart.RenderFrame(candlewick.FormatPNG, make([]byte, 64*4*32), 64*4, s),
		candlewick.ErrInvalidArgument, "not a raw format")
	_, err := chart.Render(candlewick.Format(42), s)
	wantError(t, err, candlewick.ErrInvalidArgument, "Format(42)")
	wantError(t, chart.RenderInto(image.NewRGBA(image.Rect(0, 0, 63, 32)), s),
		candlewick.ErrBufferTooSmall, "63x32")
	wantError(t, chart.RenderInto(nil, s), candlewick.ErrNullArgument)
	// A nil Content was a nil pointer dereference (a Renderer said "nil
	// content").
	_, err = chart.RenderPNG(nil)
	wantError(t, err, candlewick.ErrNullArgument, "nil content")
	_, err = chart.RenderImage(nil)
	wantError(t, err, candlewick.ErrNullArgument, "nil content")
	wantError(t, chart.SetWebPQuality(101), candlewick.ErrInvalidArgument)
	wantError(t, chart.SetWebPQuality(float32(math.NaN())), candlewick.ErrInvalidArgument)

	aa := testkit.NewChart(t, candlewick.Options{Width: 64, Height: 32, Antialias: true})
	_, err = aa.Render(candlewick.FormatIndexed, s)
	wantError(t, err, candlewick.ErrInvalidArgument)
}

func TestClosedChart(t *testing.T) {
	chart, err := candlewick.NewChart(candlewick.Options{Width: 64, Height: 32})
	if err != nil {
		t.Fatal(err)
	}
	if err := chart.Close(); err != nil {
		t.Fatal(err)
	}
	if err := chart.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	s := testkit.Series(10, 1)
	calls := map[string]error{}
	_, calls["RenderPNG"] = chart.RenderPNG(s)
	_, calls["RenderImage"] = chart.RenderImage(s)
	calls["RenderFrame"] = chart.RenderFrame(candlewick.FormatRGB, make([]byte, 64*3*32), 64*3, s)
	_, calls["Palette"] = chart.Palette()
	calls["SetWebPQuality"] = chart.SetWebPQuality(50)
	stats, _ := candlewick.NewStats(candlewick.StatsOptions{})
	defer stats.Close()
	calls["AttachStats"] = chart.AttachStats(stats)
	calls["DetachStats"] = chart.DetachStats()
	for name, err := range calls {
		if !errors.Is(err, candlewick.ErrClosed) {
			t.Errorf("%s on a closed chart: %v, want ErrClosed", name, err)
		}
		wantError(t, err, candlewick.ErrNullArgument, "chart is closed")
	}
}

func TestStatusText(t *testing.T) {
	if got := candlewick.ErrLengthMismatch.String(); got != "column length mismatch" {
		t.Errorf("status text %q", got)
	}
	if candlewick.Version() == "" || candlewick.VersionNumber() <= 0 {
		t.Error("no version")
	}
}
