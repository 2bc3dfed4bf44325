package candlewick_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

var encodedFormats = []struct {
	format candlewick.Format
	ext    string
}{{candlewick.FormatPNG, "png"}, {candlewick.FormatWebP, "webp"}, {candlewick.FormatSVG, "svg"}}

// Every golden case through Renderer.Render and RenderBatch: the files are
// byte for byte the C program's cw_renderer_render and batch outputs (and
// its cw_chart outputs), the raw frame the C program's frame, and the bad
// job of the batch fails alone with the C program's status and message.
func TestRendererMatchesC(t *testing.T) {
	ref := testkit.Reference(t)
	r := testkit.NewRenderer(t, candlewick.RendererOptions{})
	for _, c := range testkit.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			png, err := r.Render(candlewick.Job{Options: c.Options, Format: candlewick.FormatPNG, Content: c.Data})
			if err != nil {
				t.Fatal(err)
			}
			if want := testkit.ReadFile(t, ref, c.Name+".renderer.png"); !bytes.Equal(png, want) {
				t.Errorf("Render PNG differs from C's cw_renderer_render in %d bytes", diff(png, want))
			}
			raw, err := r.Render(candlewick.Job{Options: c.Options, Format: candlewick.FormatRGBA, Content: c.Data})
			if err != nil {
				t.Fatal(err)
			}
			if want := testkit.ReadFile(t, ref, c.Name+".rgba"); !bytes.Equal(raw, want) {
				t.Errorf("Render RGBA differs from C's frame in %d bytes", diff(raw, want))
			}
			bad := c.Options
			bad.Width = 8
			jobs := []candlewick.Job{}
			for _, f := range encodedFormats {
				jobs = append(jobs, candlewick.Job{Options: c.Options, Format: f.format, Content: c.Data})
			}
			jobs = append(jobs, candlewick.Job{Options: bad, Format: candlewick.FormatPNG, Content: c.Data})
			results, err := r.RenderBatch(jobs, candlewick.BatchOptions{Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			for k, f := range encodedFormats {
				if results[k].Err != nil {
					t.Fatalf("%s: %v", f.ext, results[k].Err)
				}
				if want := testkit.ReadFile(t, ref, c.Name+".batch."+f.ext); !bytes.Equal(results[k].Output, want) {
					t.Errorf("batch %s differs from C's batch in %d bytes", f.ext, diff(results[k].Output, want))
				}
				if want := testkit.ReadFile(t, ref, c.Name+"."+f.ext); !bytes.Equal(results[k].Output, want) {
					t.Errorf("batch %s differs from C's cw_chart_render", f.ext)
				}
			}
			var cwErr *candlewick.Error
			if results[3].Output != nil || !errors.As(results[3].Err, &cwErr) {
				t.Fatalf("bad job: %v, %d bytes", results[3].Err, len(results[3].Output))
			}
			got := fmt.Sprintf("%d %s", int(cwErr.Status), cwErr.Message)
			if want := string(testkit.ReadFile(t, ref, c.Name+".batch_error.txt")); got != want {
				t.Errorf("bad job: %q, C: %q", got, want)
			}
			if !errors.Is(results[3].Err, candlewick.ErrSizeOutOfRange) {
				t.Errorf("bad job: %v is not ErrSizeOutOfRange", results[3].Err)
			}
		})
	}
}

// Goroutines share one renderer with mixed sizes, themes and formats; every
// output equals a Chart's render of the same job (run under -race).
func TestRendererConcurrentMatchesCharts(t *testing.T) {
	cases := testkit.Cases()
	type want struct {
		job   candlewick.Job
		bytes []byte
	}
	var wants []want
	for _, c := range cases {
		chart := testkit.NewChart(t, c.Options)
		for _, f := range []candlewick.Format{candlewick.FormatPNG, candlewick.FormatSVG, candlewick.FormatRGB} {
			b := testkit.Render(t, chart, f, c.Data)
			wants = append(wants, want{candlewick.Job{Options: c.Options, Format: f, Content: c.Data}, b})
		}
	}
	stats := testkit.NewStats(t)
	// A small bound: charts are evicted and remade while others render.
	r := testkit.NewRenderer(t, candlewick.RendererOptions{MaxCacheBytes: 2 << 20})
	testkit.Attach(t, r, stats)
	const goroutines, rounds = 8, 6
	testkit.Concurrently(t, goroutines, rounds*len(wants), func(g, i int) error {
		w := wants[(i+g*5)%len(wants)]
		got, err := r.Render(w.job)
		if err == nil && !bytes.Equal(got, w.bytes) {
			err = fmt.Errorf("goroutine %d call %d: output differs from the chart's", g, i)
		}
		return err
	})
	info, err := r.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.CachedBytes > info.MaxCacheBytes || info.MaxCacheBytes != 2<<20 || info.Hits == 0 || info.ChartsInUse != 0 {
		t.Errorf("info %+v", info)
	}
	snap, err := stats.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// Two encoded formats and one raw of every three calls.
	calls := uint64(goroutines * rounds * len(wants))
	if e, r := snap.Kinds["encode"], snap.Kinds["render"]; e.Count != calls*2/3 || r.Count != calls/3 || e.Errors != 0 {
		t.Errorf("stats: encode %+v, render %+v; want %d and %d calls", e, r, calls*2/3, calls/3)
	}
}

// Errors: bad jobs fail alone and name the problem; a closed renderer says
// so; Threads out of range fails the batch.
func TestRendererErrors(t *testing.T) {
	r := testkit.NewRenderer(t, candlewick.RendererOptions{MaxCacheBytes: -1})
	s := testkit.Series(30, 1)
	mismatched := s
	mismatched.Close = s.Close[:10]
	nan := testkit.Series(30, 1)
	nan.High[3] = nan.High[3] * 0 / 0.0
	for _, c := range []struct {
		name string
		job  candlewick.Job
		want error
		text string
	}{
		{"size", candlewick.Job{Options: candlewick.Options{Width: 100000}, Content: s}, candlewick.ErrSizeOutOfRange, ""},
		{"font", candlewick.Job{Options: candlewick.Options{Font: []byte{1, 2, 3}}, Content: s}, candlewick.ErrInvalidArgument, "font"},
		{"format", candlewick.Job{Format: candlewick.Format(99), Content: s}, candlewick.ErrInvalidArgument, "format"},
		{"nil content", candlewick.Job{}, candlewick.ErrNullArgument, ""},
		{"empty", candlewick.Job{Content: candlewick.Series{Open: []float64{}, High: []float64{}, Low: []float64{}, Close: []float64{}}}, candlewick.ErrEmptySeries, ""},
		{"mismatch", candlewick.Job{Content: mismatched}, candlewick.ErrLengthMismatch, ""},
		{"nan", candlewick.Job{Content: nan}, candlewick.ErrNonFinite, ""},
		{"raw size", candlewick.Job{Options: candlewick.Options{Width: 8}, Format: candlewick.FormatRGBA, Content: s}, candlewick.ErrSizeOutOfRange, ""},
	} {
		_, err := r.Render(c.job)
		if !errors.Is(err, c.want) || !strings.Contains(strings.ToLower(err.Error()), c.text) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		results, err := r.RenderBatch([]candlewick.Job{c.job, {Content: s}}, candlewick.BatchOptions{})
		if err != nil || !errors.Is(results[0].Err, c.want) || results[1].Err != nil || len(results[1].Output) == 0 {
			t.Errorf("%s in a batch: %v %+v", c.name, err, results)
		}
	}
	if _, err := r.RenderBatch(nil, candlewick.BatchOptions{Threads: candlewick.MaxBatchThreads + 1}); !errors.Is(err, candlewick.ErrInvalidArgument) {
		t.Errorf("threads: %v", err)
	}
	if results, err := r.RenderBatch(nil, candlewick.BatchOptions{}); err != nil || len(results) != 0 {
		t.Errorf("empty batch: %v %v", results, err)
	}
	if _, err := candlewick.NewRenderer(candlewick.RendererOptions{Font: []byte("not a font")}); !errors.Is(err, candlewick.ErrInvalidArgument) {
		t.Errorf("bad font: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := r.Render(candlewick.Job{Content: s}); !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("closed Render: %v", err)
	}
	if _, err := r.RenderBatch(nil, candlewick.BatchOptions{}); !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("closed RenderBatch: %v", err)
	}
	if _, err := r.Info(); !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("closed Info: %v", err)
	}
}
