package indicators_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/candlewick/indicators"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// RSI, MACD and BBANDS over series(300, 42)'s close are, bit for bit, what
// the C reference program computes; so is RSI pushed bar by bar.
func TestMatchesCBitForBit(t *testing.T) {
	ref := testkit.Reference(t)
	close := testkit.Series(300, 42).Close
	for _, c := range []struct {
		name   string
		params []float64
	}{{"rsi", []float64{14}}, {"macd", []float64{12, 26, 9}}, {"bbands", []float64{20, 2, 2}}} {
		out, err := indicators.Compute(c.name, [][]float64{close}, c.params)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, o := range out {
			got = append(got, o...)
		}
		want := testkit.Float64s(t, ref, c.name+".f64")
		if i := testkit.SameBits(got, want); i >= 0 {
			t.Errorf("%s: value %d differs from C (%d values)", c.name, i, len(want))
		}
		lookback, err := indicators.Lookback(c.name, c.params)
		if err != nil || !math.IsNaN(out[0][lookback-1]) || math.IsNaN(out[0][lookback]) {
			t.Errorf("%s: lookback %d (%v) does not split NaN from values", c.name, lookback, err)
		}
	}
	stream, err := indicators.NewStream("rsi", []float64{14})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	pushed := make([]float64, len(close))
	for i, v := range close {
		if err := stream.PushInto([]float64{v}, pushed[i:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if i := testkit.SameBits(pushed, testkit.Float64s(t, ref, "rsi_stream.f64")); i >= 0 {
		t.Errorf("stream: value %d differs from C", i)
	}
	if stream.Lookback() != 14 {
		t.Errorf("stream lookback %d", stream.Lookback())
	}
}

func TestDescriptions(t *testing.T) {
	list := indicators.List()
	if len(list) < 69 || list[0].ID != 1 || list[0].Name != "sma" {
		t.Fatalf("List: %d indicators, first %+v", len(list), list[0])
	}
	bb, err := indicators.Lookup("bbands")
	if err != nil {
		t.Fatal(err)
	}
	if bb.Title == "" || len(bb.Inputs) != 1 || len(bb.Outputs) != 3 || bb.Outputs[0] != "upper" ||
		bb.Params[0].Name != "period" || bb.Params[0].Default != 20 || !bb.Params[0].IsInteger {
		t.Errorf("bbands: %+v", bb)
	}
	atr, _ := indicators.Lookup("atr")
	if len(atr.Inputs) != 3 || atr.Inputs[0] != "high" || !atr.Streamable {
		t.Errorf("atr: %+v", atr)
	}
}

// Lookup, List and Stream.Info hand out copies: changing one used to write
// through to the package's table, so every later Lookup (and a service
// choosing input columns by Inputs) saw the change.
func TestDescriptionsAreCopies(t *testing.T) {
	bb, _ := indicators.Lookup("bbands")
	bb.Inputs[0], bb.Outputs[0], bb.Params[0].Default = "volume", "x", 99
	list := indicators.List()
	list[0].Params[0].Max = -1
	s, err := indicators.NewStream("atr", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Info().Inputs[0] = "close"
	again, _ := indicators.Lookup("bbands")
	sma, _ := indicators.Lookup("sma")
	atr, _ := indicators.Lookup("atr")
	if again.Inputs[0] != "input" || again.Outputs[0] != "upper" || again.Params[0].Default != 20 ||
		sma.Params[0].Max == -1 || atr.Inputs[0] != "high" || s.Info().Inputs[0] != "high" {
		t.Errorf("the table changed: bbands %+v, sma %+v, atr %+v", again, sma, atr)
	}
}

func TestMultiColumnAndInto(t *testing.T) {
	s := testkit.Series(100, 3)
	out, err := indicators.Compute("atr", [][]float64{s.High, s.Low, s.Close}, nil)
	if err != nil {
		t.Fatal(err)
	}
	into := [][]float64{make([]float64, 100)}
	if err := indicators.ComputeInto("atr", [][]float64{s.High, s.Low, s.Close}, nil, into); err != nil {
		t.Fatal(err)
	}
	if i := testkit.SameBits(into[0], out[0]); i >= 0 {
		t.Errorf("ComputeInto differs at %d", i)
	}
	stream, err := indicators.NewStream("atr", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	for i := range s.Close {
		v, err := stream.Push(s.High[i], s.Low[i], s.Close[i])
		if err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(v[0]) != math.Float64bits(out[0][i]) && math.Abs(v[0]-out[0][i]) > 1e-12*math.Abs(out[0][i]) {
			t.Fatalf("stream row %d: %v, batch %v", i, v[0], out[0][i])
		}
	}
}

func wantStatus(t *testing.T, err error, status candlewick.Status) {
	t.Helper()
	var e *candlewick.Error
	if !errors.Is(err, status) || !errors.As(err, &e) || e.Message == "" {
		t.Fatalf("error %v, want %v with a message", err, status)
	}
}

func TestErrors(t *testing.T) {
	s := testkit.Series(50, 9)
	_, err := indicators.Compute("nope", [][]float64{s.Close}, nil)
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	_, err = indicators.Compute("rsi", [][]float64{s.Close, s.Close}, nil)
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	_, err = indicators.Compute("rsi", [][]float64{s.Close}, []float64{14.5})
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	_, err = indicators.Compute("rsi", [][]float64{s.Close}, []float64{math.NaN()})
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	_, err = indicators.Compute("sma", [][]float64{s.Close}, []float64{51})
	wantStatus(t, err, candlewick.ErrSeriesTooShort)
	_, err = indicators.Compute("sma", [][]float64{{}}, nil)
	wantStatus(t, err, candlewick.ErrEmptySeries)
	_, err = indicators.Compute("atr", [][]float64{s.High, s.Low[:40], s.Close}, nil)
	wantStatus(t, err, candlewick.ErrLengthMismatch)
	bad := append([]float64(nil), s.High...)
	bad[4] = s.Low[4] - 1
	_, err = indicators.Compute("atr", [][]float64{bad, s.Low, s.Close}, nil)
	wantStatus(t, err, candlewick.ErrInconsistentOHLC)
	err = indicators.ComputeInto("sma", [][]float64{s.Close}, []float64{5}, [][]float64{make([]float64, 49)})
	wantStatus(t, err, candlewick.ErrBufferTooSmall)
	_, err = indicators.Lookback("macd", []float64{12, 26, 9, 1})
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	// NaN input is not an error: it splits the series.
	gap := append([]float64(nil), s.Close...)
	gap[20] = math.NaN()
	out, err := indicators.Compute("sma", [][]float64{gap}, []float64{5})
	if err != nil || !math.IsNaN(out[0][24]) || math.IsNaN(out[0][25]) {
		t.Errorf("NaN gap: %v, %v", err, out[0][18:27])
	}

	_, err = indicators.NewStream("midpoint", []float64{-3})
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	stream, err := indicators.NewStream("atr", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = stream.Push(1, 2)
	wantStatus(t, err, candlewick.ErrInvalidArgument)
	_, err = stream.Push(1, 2, 1.5)
	wantStatus(t, err, candlewick.ErrInconsistentOHLC)
	stream.Close()
	stream.Close()
	_, err = stream.Push(2, 1, 1.5)
	if !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("push on a closed stream: %v", err)
	}

	ctx := testkit.Open(t, indicators.NewContext)
	ctx.Close()
	_, err = ctx.Compute("rsi", [][]float64{s.Close}, nil)
	if !errors.Is(err, candlewick.ErrClosed) {
		t.Errorf("compute on a closed context: %v", err)
	}
}

// Package-level Compute from many goroutines (run with -race), and a
// context with stats attached.
func TestConcurrentAndStats(t *testing.T) {
	close := testkit.Series(300, 42).Close
	want, err := indicators.Compute("macd", [][]float64{close}, nil)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Concurrently(t, 8, 50, func(_, _ int) error {
		got, err := indicators.Compute("macd", [][]float64{close}, nil)
		if err != nil || testkit.SameBits(got[2], want[2]) >= 0 {
			return fmt.Errorf("concurrent compute: %v", err)
		}
		return nil
	})

	stats := testkit.NewStats(t)
	ctx := testkit.Open(t, indicators.NewContext)
	testkit.Attach(t, ctx, stats)
	for i := 0; i < 4; i++ {
		ctx.Compute("rsi", [][]float64{close}, nil)
	}
	snap, _ := stats.Snapshot()
	if k := snap.Kinds["indicator"]; k.Count != 4 || k.Items != 4*300 {
		t.Errorf("indicator stats %+v", k)
	}
}

// The library writes outputs while it still reads the inputs: an output
// slice sharing memory with an input (in place, or shifted) or with another
// output used to give wrong values and no error.
func TestOverlappingOutputsAreRejected(t *testing.T) {
	x := testkit.Series(64, 3).Close
	buf := make([]float64, 3*len(x))
	copy(buf, x)
	in := buf[:len(x)]
	out := make([]float64, len(x))
	for _, c := range []struct {
		name    string
		ind     string
		inputs  [][]float64
		outputs [][]float64
	}{
		{"in place", "sma", [][]float64{in}, [][]float64{in}},
		{"shifted into the input", "ema", [][]float64{in}, [][]float64{buf[len(x)/2 : len(x)/2+len(x)]}},
		{"one output twice", "bbands", [][]float64{in}, [][]float64{out, nil, out}},
		{"outputs overlapping", "macd", [][]float64{in}, [][]float64{buf[len(x) : 2*len(x)], out, buf[len(x)+1 : 2*len(x)+1]}},
	} {
		err := indicators.ComputeInto(c.ind, c.inputs, nil, c.outputs)
		var e *candlewick.Error
		if !errors.Is(err, candlewick.ErrInvalidArgument) || !errors.As(err, &e) || !strings.Contains(e.Message, "share") {
			t.Errorf("%s: %v, want ErrInvalidArgument (shares memory)", c.name, err)
		}
	}
	// Inputs may share memory (high = low = close), and distinct slices of
	// one array are fine.
	outs := [][]float64{buf[len(x) : 2*len(x)]}
	if err := indicators.ComputeInto("atr", [][]float64{in, in, in}, nil, outs); err != nil {
		t.Errorf("shared inputs, disjoint output: %v", err)
	}
}
