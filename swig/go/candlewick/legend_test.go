package candlewick_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// The golden cases with Options.TimeZone and Line/Band names render to
// exactly the committed tests/golden images (and hashes.txt) through a
// Chart, a Renderer and a batch.
func TestTimeZoneAndLegendMatchGoldens(t *testing.T) {
	renderer := testkit.NewRenderer(t, candlewick.RendererOptions{})
	for _, c := range testkit.LegendCases(t, true) {
		t.Run(c.Name, func(t *testing.T) {
			golden, _, _ := testkit.GoldenRGBA(t, c.Name)
			frame := testkit.Render(t, testkit.NewChart(t, c.Options), candlewick.FormatRGBA, c.Data)
			if !bytes.Equal(frame, golden) {
				t.Errorf("Chart: frame differs from tests/golden/%s.png in %d bytes", c.Name, diff(frame, golden))
			}
			if got, want := testkit.PixelHash(frame), testkit.GoldenHash(t, c.Name); got != want {
				t.Errorf("pixel hash %s, hashes.txt %s", got, want)
			}
			job := candlewick.Job{Options: c.Options, Format: candlewick.FormatRGBA, Content: c.Data}
			got, err := renderer.Render(job)
			if err != nil || !bytes.Equal(got, golden) {
				t.Errorf("Renderer.Render: %d bytes differ (err %v)", diff(got, golden), err)
			}
			utc := job
			utc.Options.TimeZone = ""
			// The renderer keys its cache by the zone's name: alternate.
			results, err := renderer.RenderBatch([]candlewick.Job{job, utc, job}, candlewick.BatchOptions{Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{0, 2} {
				if r := results[k]; r.Err != nil || !bytes.Equal(r.Output, golden) {
					t.Errorf("RenderBatch[%d]: %d bytes differ (err %v)", k, diff(r.Output, golden), r.Err)
				}
			}
			if zoned := c.Options.TimeZone != ""; zoned == bytes.Equal(results[1].Output, golden) {
				t.Errorf("a UTC job matches the golden: %v; the case has a zone: %v", !zoned, zoned)
			}
		})
	}
}

// Names draw legend rows: a frame without names differs, and an empty name
// leaves its row out.
func TestLegendNames(t *testing.T) {
	named := testkit.LegendCases(t, true)[1]
	unnamed := testkit.LegendCases(t, false)[1]
	chart := testkit.NewChart(t, named.Options)
	render := func(d candlewick.Data) []byte { return testkit.Render(t, chart, candlewick.FormatRGBA, d) }
	full, bare := render(named.Data), render(unnamed.Data)
	if bytes.Equal(full, bare) {
		t.Fatal("names change nothing")
	}
	rename := func(overlay, band string) candlewick.Data {
		d := named.Data
		d.Overlays = []candlewick.Line{d.Overlays[0]}
		d.Overlays[0].Name = overlay
		d.Bands = []candlewick.Band{d.Bands[0]}
		d.Bands[0].Name = band
		return d
	}
	smaOnly, bandOnly := render(rename("SMA 20", "")), render(rename("", "BBANDS 20 2 2"))
	for name, f := range map[string][]byte{"SMA alone": smaOnly, "band alone": bandOnly} {
		if bytes.Equal(f, full) || bytes.Equal(f, bare) {
			t.Errorf("%s: the frame of all or no names", name)
		}
	}
	// A panel line's name is not drawn.
	d := named.Data
	d.Panels = []candlewick.Panel{d.Panels[0]}
	d.Panels[0].Lines = []candlewick.Line{d.Panels[0].Lines[0]}
	d.Panels[0].Lines[0].Name = "RSI"
	if !bytes.Equal(render(d), full) {
		t.Error("a panel line's name changed the frame")
	}
	// No legend without axes.
	plain := testkit.NewChart(t, candlewick.Options{Width: 560, Height: 360, Theme: candlewick.ThemeLight})
	if !bytes.Equal(testkit.Render(t, plain, candlewick.FormatRGBA, named.Data),
		testkit.Render(t, plain, candlewick.FormatRGBA, unnamed.Data)) {
		t.Error("names drawn without axes")
	}
	// A NUL inside a name or a title cannot reach C (it would read only
	// the part before it).
	titled := rename("", "")
	titled.Title = "AAPL\x00 daily"
	panelTitled := rename("", "")
	panelTitled.Panels = append([]candlewick.Panel(nil), panelTitled.Panels...)
	panelTitled.Panels[0].Title = "RSI\x0014"
	for _, bad := range []candlewick.Data{rename("SMA\x0020", ""), rename("", "BB\x00"), titled, panelTitled} {
		_, err := chart.Render(candlewick.FormatRGBA, bad)
		var e *candlewick.Error
		if !errors.As(err, &e) || e.Status != candlewick.ErrInvalidArgument || e.Op != "Chart.Render" ||
			!strings.Contains(e.Message, "NUL") {
			t.Errorf("a name with a NUL: %v", err)
		}
	}
}

// A zone the system does not know is ErrInvalidArgument with the library's
// reason, which names it; "" is UTC, a NUL is refused before C.
func TestTimeZoneErrors(t *testing.T) {
	const bad = "America/New_Yrok"
	c := testkit.LegendCases(t, true)[0]
	check := func(what string, err error, want string) {
		t.Helper()
		var e *candlewick.Error
		if !errors.As(err, &e) || e.Status != candlewick.ErrInvalidArgument || !strings.Contains(e.Message, want) {
			t.Errorf("%s: %v", what, err)
		}
	}
	_, err := candlewick.NewChart(candlewick.Options{TimeZone: bad})
	check("NewChart", err, bad)
	renderer := testkit.NewRenderer(t, candlewick.RendererOptions{})
	_, err = renderer.Render(candlewick.Job{Options: candlewick.Options{TimeZone: bad}, Content: c.Data.Series})
	check("Renderer.Render", err, bad)
	_, err = candlewick.NewChart(candlewick.Options{TimeZone: "UTC\x00"})
	check("NewChart with a NUL", err, "NUL")
	utc := c.Options
	utc.TimeZone = ""
	explicit := c.Options
	explicit.TimeZone = "UTC"
	zoned := testkit.Render(t, testkit.NewChart(t, c.Options), candlewick.FormatRGBA, c.Data)
	plain := testkit.Render(t, testkit.NewChart(t, utc), candlewick.FormatRGBA, c.Data)
	if bytes.Equal(zoned, plain) {
		t.Error("the zone does not move the time labels")
	}
	if !bytes.Equal(testkit.Render(t, testkit.NewChart(t, explicit), candlewick.FormatRGBA, c.Data), plain) {
		t.Error(`"UTC" differs from ""`)
	}
}
