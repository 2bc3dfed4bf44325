package candlewick_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

func TestStatsRecordsRenders(t *testing.T) {
	stats, err := candlewick.NewStats(candlewick.StatsOptions{Capacity: 64, Retention: time.Hour,
		Labels: []string{"upload"}})
	if err != nil {
		t.Fatal(err)
	}
	defer stats.Close()
	c := testkit.Cases()[0]
	chart := testkit.NewChart(t, c.Options)
	testkit.Attach(t, chart, stats)
	for i := 0; i < 3; i++ {
		testkit.Render(t, chart, candlewick.FormatPNG, c.Data)
	}
	if _, err := chart.RenderImage(c.Data); err != nil {
		t.Fatal(err)
	}
	bad := testkit.Series(10, 1)
	bad.Close = bad.Close[:5]
	if _, err := chart.RenderPNG(bad); err == nil {
		t.Fatal("no error")
	}
	if err := stats.Record(candlewick.Sample{Kind: "upload", Duration: 3 * time.Millisecond, Bytes: 10, Items: 1}); err != nil {
		t.Fatal(err)
	}
	snap, err := stats.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	enc, render, upload := snap.Kinds["encode"], snap.Kinds["render"], snap.Kinds["upload"]
	if enc.Count != 4 || enc.Errors != 1 || render.Count != 1 || upload.Count != 1 || snap.Count != 6 {
		t.Fatalf("counts: encode %+v render %+v upload %+v total %d", enc, render, upload, snap.Count)
	}
	if enc.Items != 3*60+5 || enc.Window.Count != 4 || enc.Window.P99 <= 0 || upload.Window.Max != 3*time.Millisecond {
		t.Errorf("figures: encode %+v upload %+v", enc, upload)
	}
	if snap.Capacity != 64 || snap.Retention != time.Hour {
		t.Errorf("capacity %d retention %v", snap.Capacity, snap.Retention)
	}
	if n := enc.ByTarget[candlewick.SIMDTarget()]; n != 3 {
		t.Errorf("encode by target %v, want 3 on %s", enc.ByTarget, candlewick.SIMDTarget())
	}

	var text bytes.Buffer
	if err := stats.WritePrometheus(&text, "charts"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "charts_") || strings.Contains(text.String(), "\x00") {
		t.Errorf("prometheus text:\n%s", text.String())
	}
	js, err := stats.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var parsed map[string]any
	if err := json.Unmarshal(js, &parsed); err != nil {
		t.Fatalf("JSON: %v\n%s", err, js)
	}
	if err := stats.Reset(); err != nil {
		t.Fatal(err)
	}
	if snap, _ := stats.Snapshot(); snap.Count != 0 {
		t.Errorf("after Reset: %d records", snap.Count)
	}
	if err := chart.DetachStats(); err != nil {
		t.Fatal(err)
	}
	chart.RenderPNG(c.Data)
	if snap, _ := stats.Snapshot(); snap.Count != 0 {
		t.Errorf("a detached chart recorded %d", snap.Count)
	}
}

func TestStatsErrors(t *testing.T) {
	for _, c := range []struct {
		o    candlewick.StatsOptions
		says string
	}{
		{candlewick.StatsOptions{Labels: []string{"Upper"}}, "Upper"},
		{candlewick.StatsOptions{Labels: []string{"render"}}, "render"},
		{candlewick.StatsOptions{Labels: []string{"a", "a"}}, "a"},
		{candlewick.StatsOptions{Labels: []string{""}}, ""},
		{candlewick.StatsOptions{Labels: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}}, ""},
		{candlewick.StatsOptions{Capacity: -1}, "negative"},
		// C reads a label up to a NUL: "ab\x00cd" was accepted as "ab".
		{candlewick.StatsOptions{Labels: []string{"ab\x00cd"}}, "NUL"},
	} {
		_, err := candlewick.NewStats(c.o)
		wantError(t, err, candlewick.ErrInvalidArgument, c.says)
	}
	stats, err := candlewick.NewStats(candlewick.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, stats.WritePrometheus(&bytes.Buffer{}, "9lives"), candlewick.ErrInvalidArgument)
	// "ok\x00{bad}" was written as metrics named ok_*.
	var text bytes.Buffer
	wantError(t, stats.WritePrometheus(&text, "ok\x00{bad}"), candlewick.ErrInvalidArgument, "NUL")
	if text.Len() != 0 {
		t.Errorf("a rejected prefix wrote %d bytes", text.Len())
	}
	wantError(t, stats.Record(candlewick.Sample{Kind: "nope"}), candlewick.ErrInvalidArgument, "nope")
	wantError(t, stats.Record(candlewick.Sample{Kind: "batch", Duration: -1}), candlewick.ErrInvalidArgument)
	stats.Close()
	stats.Close()
	for name, err := range map[string]error{
		"WritePrometheus": stats.WritePrometheus(&bytes.Buffer{}, ""),
		"Reset":           stats.Reset(),
		"Record":          stats.Record(candlewick.Sample{Kind: "render"}),
	} {
		if !errors.Is(err, candlewick.ErrClosed) {
			t.Errorf("%s on closed stats: %v", name, err)
		}
	}
	chart := testkit.NewChart(t, candlewick.Options{Width: 32, Height: 32})
	if err := chart.AttachStats(stats); !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("attaching closed stats: %v", err)
	}
}

// Stats.Close detaches the charts still attached, which keep rendering;
// a Stats dropped while attached lives on until its charts let go.
func TestStatsCloseDetaches(t *testing.T) {
	c := testkit.Cases()[0]
	chart := testkit.NewChart(t, c.Options)
	stats, err := candlewick.NewStats(candlewick.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	chart.AttachStats(stats)
	stats.Close()
	testkit.Render(t, chart, candlewick.FormatPNG, c.Data)
	// Dropped while attached: the handle must survive the Stats value's
	// cleanup, since the chart still records into it.
	func() {
		s, err := candlewick.NewStats(candlewick.StatsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		chart.AttachStats(s)
	}()
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	for i := 0; i < 5; i++ {
		testkit.Render(t, chart, candlewick.FormatPNG, c.Data)
	}
	chart.DetachStats() // the last reference: destroys the handle
}
