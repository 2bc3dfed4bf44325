package bars_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/candlewick/bars"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// Renko bricks (box 1) of series(300, 42) are, bit for bit, the C
// reference program's.
func TestRenkoMatchesC(t *testing.T) {
	ref := testkit.Reference(t)
	b, err := bars.FromOHLCV(testkit.Series(300, 42), bars.Options{Method: bars.Renko, BoxSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := testkit.Float64s(t, ref, "renko.f64")
	n := b.Len()
	if len(want) != 5*n {
		t.Fatalf("%d bricks, C made %d", n, len(want)/5)
	}
	for i, col := range [][]float64{b.Open, b.High, b.Low, b.Close, b.Volume} {
		if k := testkit.SameBits(col, want[i*n:(i+1)*n]); k >= 0 {
			t.Errorf("column %d differs at brick %d", i, k)
		}
	}
	if !reflect.DeepEqual(b.Row, testkit.Int64s(t, ref, "renko_row.i64")) {
		t.Error("rows differ")
	}
	if len(b.Time) != n {
		t.Errorf("%d times for %d bricks", len(b.Time), n)
	}
}

// docs/bars.md's worked example of time bars.
func TestTimeBarsFromTicks(t *testing.T) {
	b, err := bars.FromTicks(bars.Ticks{Time: []int64{0, 10, 59, 60, 185}, Price: []float64{10, 12, 9, 11, 13},
		Size: []float64{1, 2, 3, 4, 5}}, bars.Options{Method: bars.Time, Interval: 60, Empty: bars.EmptyFlat})
	if err != nil {
		t.Fatal(err)
	}
	want := bars.Bars{Time: []int64{0, 60, 120, 180}, Open: []float64{10, 11, 11, 13}, High: []float64{12, 11, 11, 13},
		Low: []float64{9, 11, 11, 13}, Close: []float64{9, 11, 11, 13}, Volume: []float64{6, 4, 0, 5},
		Row: []int64{2, 3, -1, 4}}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("got %+v\nwant %+v", b, want)
	}
	// Bars chart directly.
	chart := testkit.NewChart(t, candlewick.Options{Width: 64, Height: 64})
	testkit.Render(t, chart, candlewick.FormatPNG, b.Series())
}

func TestEmptyInputAndNoTime(t *testing.T) {
	b, err := bars.FromTicks(bars.Ticks{Price: []float64{}}, bars.Options{Method: bars.Tick, TickCount: 2})
	if err != nil || b.Len() != 0 {
		t.Errorf("empty input: %+v, %v", b, err)
	}
	b, err = bars.FromTicks(bars.Ticks{Price: []float64{1, 2, 3, 4, 5}}, bars.Options{Method: bars.Tick, TickCount: 2})
	if err != nil || b.Len() != 3 || b.Time != nil || !reflect.DeepEqual(b.Volume, []float64{2, 2, 1}) {
		t.Errorf("tick bars without time: %+v, %v", b, err)
	}
}

func TestErrors(t *testing.T) {
	want := func(err error, status candlewick.Status) {
		t.Helper()
		var e *candlewick.Error
		if !errors.Is(err, status) || !errors.As(err, &e) || e.Message == "" {
			t.Fatalf("error %v, want %v with a message", err, status)
		}
	}
	p := []float64{1, 2, 3}
	_, err := bars.FromTicks(bars.Ticks{Time: []int64{0, 2, 1}, Price: p}, bars.Options{Method: bars.Time})
	want(err, candlewick.ErrInvalidArgument)
	_, err = bars.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: bars.Time})
	want(err, candlewick.ErrNullArgument)
	_, err = bars.FromTicks(bars.Ticks{Price: p, Size: []float64{1}}, bars.Options{Method: bars.Volume, VolumeThreshold: 2})
	want(err, candlewick.ErrLengthMismatch)
	_, err = bars.FromTicks(bars.Ticks{Price: []float64{1, math.NaN()}}, bars.Options{Method: bars.Tick})
	want(err, candlewick.ErrNonFinite)
	_, err = bars.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: bars.Volume, VolumeThreshold: 2})
	want(err, candlewick.ErrNullArgument)
	_, err = bars.FromTicks(bars.Ticks{Price: p, Size: p}, bars.Options{Method: bars.Volume})
	want(err, candlewick.ErrInvalidArgument) // no threshold
	_, err = bars.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: bars.HeikinAshi})
	want(err, candlewick.ErrInvalidArgument)
	_, err = bars.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: 99})
	want(err, candlewick.ErrInvalidArgument)
	_, err = bars.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: bars.LineBreak, LineCount: 101})
	want(err, candlewick.ErrInvalidArgument)
	s := testkit.Series(20, 1)
	s.High[3] = s.Low[3] - 1
	_, err = bars.FromOHLCV(s, bars.Options{Method: bars.HeikinAshi})
	want(err, candlewick.ErrInconsistentOHLC)

	ctx := testkit.Open(t, bars.NewContext)
	ctx.Close()
	if _, err := ctx.FromTicks(bars.Ticks{Price: p}, bars.Options{Method: bars.Tick}); !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("closed context: %v", err)
	}
}

func TestContextStats(t *testing.T) {
	stats := testkit.NewStats(t)
	ctx := testkit.Open(t, bars.NewContext)
	testkit.Attach(t, ctx, stats)
	if _, err := ctx.FromTicks(bars.Ticks{Price: []float64{1, 2, 3}}, bars.Options{Method: bars.Tick}); err != nil {
		t.Fatal(err)
	}
	snap, _ := stats.Snapshot()
	if k := snap.Kinds["aggregate"]; k.Count != 2 { // the size query and the fill
		t.Errorf("aggregate stats %+v", k)
	}
}

// Two ticks and a tiny box ask for 1e10 renko bricks (two ticks 1e10 s
// apart, as many empty one-second bars): the size query counts
// them without allocating, and the binding must refuse to allocate 7 x 80 GB
// (Go cannot recover from running out of memory: the process would die).
func TestHugeOutputIsAnError(t *testing.T) {
	ticks := bars.Ticks{Time: []int64{0, 1e10}, Price: []float64{1, 101}}
	for _, o := range []bars.Options{
		{Method: bars.Renko, BoxSize: 1e-8},
		{Method: bars.Time, Interval: 1, Empty: bars.EmptyNaN},
		{Method: bars.Renko, BoxSize: 1, MaxRows: 50},
	} {
		b, err := bars.FromTicks(ticks, o)
		var e *candlewick.Error
		if !errors.Is(err, candlewick.ErrSizeOutOfRange) || !errors.As(err, &e) || !strings.Contains(e.Message, "MaxRows") {
			t.Errorf("%v box %g: %d rows, %v; want ErrSizeOutOfRange naming MaxRows", o.Method, o.BoxSize, b.Len(), err)
		}
	}
	// Within the bound: exactly the bricks.
	if b, err := bars.FromTicks(ticks, bars.Options{Method: bars.Renko, BoxSize: 1, MaxRows: 100}); err != nil || b.Len() != 100 {
		t.Errorf("100 bricks with MaxRows 100: %d rows, %v", b.Len(), err)
	}
	if _, err := bars.FromTicks(ticks, bars.Options{Method: bars.Tick, MaxRows: -1}); !errors.Is(err, candlewick.ErrInvalidArgument) {
		t.Errorf("MaxRows -1: %v", err)
	}
}
