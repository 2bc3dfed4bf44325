// Package bars aggregates ticks or bars into new bars: time resampling,
// tick, volume and range bars, Heikin-Ashi, renko bricks, point-and-figure
// columns, kagi lines and n-line break (docs/bars.md gives each method's
// exact rules).
//
//	minute, err := bars.FromTicks(bars.Ticks{Time: t, Price: p, Size: s},
//		bars.Options{Method: bars.Time, Interval: 60})
//	bricks, err := bars.FromOHLCV(series, bars.Options{Method: bars.Renko, BoxSize: 1})
//
// Each call asks the library for the exact number of output rows, allocates
// the output columns in Go, and lets the library fill them in place.  Inputs
// are read in place, never copied.  The package functions and a Context are
// safe for concurrent use.
package bars

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Method is an aggregation method.
type Method int

const (
	Time        Method = iota // OHLCV per interval of the clock (Interval, Offset, Empty)
	Tick                      // every TickCount input rows
	Volume                    // every VolumeThreshold of volume (VolumeSplit); needs volume
	Range                     // bars spanning exactly Range from high to low
	HeikinAshi                // Heikin-Ashi candles (bars only)
	Renko                     // close-based bricks (BoxMode, BoxSize, ATRPeriod)
	PointFigure               // X/O columns (as renko, plus Reversal)
	Kagi                      // kagi lines (ReversalAmount, ReversalInPrice)
	LineBreak                 // n-line break (LineCount)
)

var methods = []struct {
	name string
	c    int
}{
	Time: {"time", int(cw.CW_BARS_TIME)}, Tick: {"tick", int(cw.CW_BARS_TICK)},
	Volume: {"volume", int(cw.CW_BARS_VOLUME)}, Range: {"range", int(cw.CW_BARS_RANGE)},
	HeikinAshi: {"heikin_ashi", int(cw.CW_BARS_HEIKIN_ASHI)}, Renko: {"renko", int(cw.CW_BARS_RENKO)},
	PointFigure: {"point_figure", int(cw.CW_BARS_POINT_FIGURE)}, Kagi: {"kagi", int(cw.CW_BARS_KAGI)},
	LineBreak: {"line_break", int(cw.CW_BARS_LINE_BREAK)},
}

func (m Method) String() string {
	if m >= 0 && int(m) < len(methods) {
		return methods[m].name
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Empty is what a time interval without input rows becomes.
type Empty int

const (
	EmptySkip Empty = iota // no row (the default)
	EmptyNaN               // a row of NaN prices, volume 0, Row -1
	EmptyFlat              // a flat row at the previous close, volume 0, Row -1
)

// BoxMode is how renko and point-and-figure size their box.
type BoxMode int

const (
	BoxAuto  BoxMode = iota // fixed when BoxSize > 0, else ATR (the default)
	BoxFixed                // BoxSize
	BoxATR                  // Wilder's ATR(ATRPeriod) at the end of the input
)

// Options choose the method and its parameters; each method reads only its
// own.  A zero field takes the library's default, given in brackets.
type Options struct {
	Method Method

	Interval int64 // time: bucket length in seconds [60]
	Offset   int64 // time: buckets start at Offset + k*Interval [0]
	Empty    Empty // time: empty intervals [EmptySkip]

	TickCount uint64 // tick: input rows per bar [100]

	VolumeThreshold float64 // volume: > 0, required
	VolumeSplit     bool    // volume: split rows so every bar holds exactly the threshold

	Range float64 // range: bar height, > 0, required

	BoxMode   BoxMode // renko, point-and-figure [BoxAuto]
	BoxSize   float64 // renko, point-and-figure with a fixed box
	ATRPeriod int     // BoxATR [14]
	Reversal  int     // point-and-figure: boxes to reverse [3]

	ReversalAmount  float64 // kagi [4]
	ReversalInPrice bool    // kagi: ReversalAmount is a price, not a percentage

	LineCount int // line break: lines to break, 1..100 [3]

	// MaxRows bounds the rows a call allocates: a method that would make
	// more (renko bricks of a tiny box, time bars over a long empty span,
	// range bars of a tiny range) fails with ErrSizeOutOfRange before anything
	// is allocated, instead of exhausting memory, which Go cannot recover
	// from.  0 takes the larger of DefaultMaxRows and the input's rows; a
	// negative value is ErrInvalidArgument.
	MaxRows int
}

// DefaultMaxRows is the bound on the output rows of a call whose
// Options.MaxRows is 0, unless the input has more rows: 16,777,216 rows of
// the seven columns take 0.9 GiB.
const DefaultMaxRows = 1 << 24

// Ticks are trades or quotes: a price per row, optionally its time (Unix
// seconds; required by time bars) and size (required by volume bars).
type Ticks struct {
	Time  []int64
	Price []float64
	Size  []float64
}

// Bars are the output rows.  Row[i] is the last input row output row i
// covers (-1 for an empty time interval).  Time is nil when the input has
// none.
type Bars struct {
	Time                           []int64
	Open, High, Low, Close, Volume []float64
	Row                            []int64
}

// Len is the number of rows.
func (b Bars) Len() int { return len(b.Close) }

// Series views the bars as a series to chart (no copy).
func (b Bars) Series() candlewick.Series {
	return candlewick.Series{Time: b.Time, Open: b.Open, High: b.High, Low: b.Low,
		Close: b.Close, Volume: b.Volume}
}

// FromOHLCV aggregates the bars of series (open/high/low/close required;
// time needed by time bars, volume by volume bars).  Errors:
// ErrInvalidArgument (a bad option, decreasing times for time bars),
// ErrNullArgument (a missing column the method needs), ErrLengthMismatch,
// ErrNonFinite, ErrInconsistentOHLC, ErrNegativeVolume, ErrSizeOutOfRange
// (more rows than Options.MaxRows allows).
func FromOHLCV(series candlewick.Series, o Options) (Bars, error) {
	c, err := pool.Get()
	if err != nil {
		return Bars{}, err
	}
	defer pool.Put(c)
	return c.FromOHLCV(series, o)
}

// FromTicks aggregates ticks; errors as FromOHLCV.
func FromTicks(t Ticks, o Options) (Bars, error) {
	c, err := pool.Get()
	if err != nil {
		return Bars{}, err
	}
	defer pool.Put(c)
	return c.FromTicks(t, o)
}

// Context holds a bar context (its scratch memory and last error) and the C
// structs of a call, reused.  Package-level functions keep a few; make one
// to attach a Stats.
type Context struct {
	mu      sync.Mutex
	native  *contextNative // nil once closed
	cleanup runtime.Cleanup
}

type contextNative struct {
	handle  cw.Struct_SS_cw_bar_context
	options cw.Cw_bar_options
	ohlcv   cw.Cw_ohlcv
	ticks   cw.Cw_ticks
	out     cw.Cw_bar_output
	stats   bind.StatsSlot
}

func (n *contextNative) destroy() {
	cw.Cw_bar_context_destroy(n.handle)
	cw.DeleteCw_bar_options(n.options)
	cw.DeleteCw_ohlcv(n.ohlcv)
	cw.DeleteCw_ticks(n.ticks)
	cw.DeleteCw_bar_output(n.out)
	n.stats.Release()
}

// NewContext creates a context.  Close it when done (a cleanup releases a
// forgotten one after garbage collection).
func NewContext() (*Context, error) {
	var h uintptr
	if st := cw.Cw_bar_context_create(nil, &h); st != 0 {
		return nil, &candlewick.Error{Op: "bars.NewContext", Status: candlewick.Status(st),
			Message: candlewick.Status(st).String()}
	}
	handle := cw.SwigcptrStruct_SS_cw_bar_context(h)
	n := &contextNative{handle: handle, options: cw.NewCw_bar_options(), ohlcv: cw.NewCw_ohlcv(),
		ticks: cw.NewCw_ticks(), out: cw.NewCw_bar_output(),
		stats: bind.NewStatsSlot(func(s cw.Struct_SS_cw_stats) { cw.Cw_bar_context_attach_stats(handle, s) })}
	c := &Context{native: n}
	c.cleanup = runtime.AddCleanup(c, (*contextNative).destroy, n)
	return c, nil
}

// Close releases the context.  Closing twice is a no-op.
func (c *Context) Close() error {
	return bind.Close(&c.mu, &c.native, c.cleanup, (*contextNative).destroy)
}

// FromOHLCV is the package-level FromOHLCV on this context.
func (c *Context) FromOHLCV(s candlewick.Series, o Options) (Bars, error) {
	return c.aggregate("bars.FromOHLCV", o, s.Time != nil, len(s.Close),
		func(n *contextNative, pin *runtime.Pinner) {
			bind.Series(n.ohlcv, pin, s.Time, s.Open, s.High, s.Low, s.Close, s.Volume)
		},
		func(n *contextNative, out cw.Cw_bar_output, count *uintptr) int {
			return cw.Cw_bars_from_ohlcv(n.handle, n.ohlcv, n.options, out, count)
		})
}

// FromTicks is the package-level FromTicks on this context.
func (c *Context) FromTicks(t Ticks, o Options) (Bars, error) {
	return c.aggregate("bars.FromTicks", o, t.Time != nil, len(t.Price),
		func(n *contextNative, pin *runtime.Pinner) {
			bind.I64(n.ticks.GetTime(), pin, t.Time)
			bind.F64(n.ticks.GetPrice(), pin, t.Price)
			bind.F64(n.ticks.GetSize(), pin, t.Size)
		},
		func(n *contextNative, out cw.Cw_bar_output, count *uintptr) int {
			return cw.Cw_bars_from_ticks(n.handle, n.ticks, n.options, out, count)
		})
}

// aggregate runs the size query, allocates the output columns and fills
// them, with the input pinned across both calls.
func (c *Context) aggregate(op string, o Options, hasTime bool, inputRows int,
	input func(*contextNative, *runtime.Pinner),
	call func(*contextNative, cw.Cw_bar_output, *uintptr) int) (Bars, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.native
	if n == nil {
		return Bars{}, bind.ClosedError(op, "bar context")
	}
	if err := setOptions(n.options, o); err != nil {
		err.(*candlewick.Error).Op = op
		return Bars{}, err
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	input(n, &pin)
	fail := func(st int) error {
		return &candlewick.Error{Op: op, Status: candlewick.Status(st),
			Message: cw.Cw_bar_context_last_error(n.handle)}
	}
	var count uintptr
	if st := call(n, nil, &count); st != 0 {
		return Bars{}, fail(st)
	}
	limit := o.MaxRows
	if limit == 0 {
		limit = max(DefaultMaxRows, inputRows)
	}
	if count > uintptr(limit) {
		return Bars{}, &candlewick.Error{Op: op, Status: candlewick.ErrSizeOutOfRange,
			Message: fmt.Sprintf("%s would make %d rows, more than the %d allowed (Options.MaxRows)",
				o.Method, count, limit)}
	}
	rows := int(count)
	b := Bars{Open: make([]float64, rows), High: make([]float64, rows), Low: make([]float64, rows),
		Close: make([]float64, rows), Volume: make([]float64, rows), Row: make([]int64, rows)}
	if hasTime {
		b.Time = make([]int64, rows)
	}
	out := n.out
	out.SetCapacity(int64(rows))
	out.SetTime(pinned(&pin, b.Time))
	out.SetOpen(bind.Pinned(&pin, b.Open))
	out.SetHigh(bind.Pinned(&pin, b.High))
	out.SetLow(bind.Pinned(&pin, b.Low))
	out.SetClose(bind.Pinned(&pin, b.Close))
	out.SetVolume(bind.Pinned(&pin, b.Volume))
	out.SetRow(pinned(&pin, b.Row))
	st := call(n, out, &count)
	runtime.KeepAlive(c)
	if st != 0 {
		return Bars{}, fail(st)
	}
	if int(count) != rows {
		return Bars{}, &candlewick.Error{Op: op, Status: candlewick.ErrInternal,
			Message: fmt.Sprintf("size query said %d rows, the fill wrote %d", rows, count)}
	}
	return b, nil
}

func pinned(pin *runtime.Pinner, data []int64) *int64 {
	if data == nil {
		return nil
	}
	if len(data) == 0 {
		data = make([]int64, 1) // no rows: any valid pointer
	}
	pin.Pin(&data[0])
	return &data[0]
}

// setOptions fills the C options from the method's defaults
// (cw_bar_options_init) and the non-zero fields of o.
func setOptions(c cw.Cw_bar_options, o Options) error {
	if o.MaxRows < 0 {
		return &candlewick.Error{Status: candlewick.ErrInvalidArgument, Message: fmt.Sprintf("MaxRows %d is negative", o.MaxRows)}
	}
	if o.Method < 0 || int(o.Method) >= len(methods) {
		return &candlewick.Error{Status: candlewick.ErrInvalidArgument, Message: "unknown method " + o.Method.String()}
	}
	cw.Cw_bar_options_init(c, methods[o.Method].c)
	if o.Interval != 0 {
		c.SetInterval(o.Interval)
	}
	c.SetOffset(o.Offset)
	switch o.Empty {
	case EmptySkip:
		c.SetEmpty(int(cw.CW_BAR_EMPTY_SKIP))
	case EmptyNaN:
		c.SetEmpty(int(cw.CW_BAR_EMPTY_NAN))
	case EmptyFlat:
		c.SetEmpty(int(cw.CW_BAR_EMPTY_FLAT))
	default:
		return &candlewick.Error{Status: candlewick.ErrInvalidArgument, Message: fmt.Sprintf("unknown Empty %d", o.Empty)}
	}
	if o.TickCount != 0 {
		c.SetTick_count(o.TickCount)
	}
	c.SetVolume_threshold(o.VolumeThreshold)
	c.SetVolume_split(flag(o.VolumeSplit))
	c.SetXrange(o.Range)
	switch {
	case o.BoxMode == BoxFixed || (o.BoxMode == BoxAuto && o.BoxSize > 0):
		c.SetBox_mode(int(cw.CW_BOX_FIXED))
	case o.BoxMode == BoxATR || o.BoxMode == BoxAuto:
		c.SetBox_mode(int(cw.CW_BOX_ATR))
	default:
		return &candlewick.Error{Status: candlewick.ErrInvalidArgument, Message: fmt.Sprintf("unknown BoxMode %d", o.BoxMode)}
	}
	c.SetBox_size(o.BoxSize)
	for _, f := range []struct {
		name  string
		value int
		set   func(int)
	}{{"ATRPeriod", o.ATRPeriod, c.SetAtr_period}, {"Reversal", o.Reversal, c.SetReversal},
		{"LineCount", o.LineCount, c.SetLine_count}} {
		if f.value == 0 {
			continue
		}
		if f.value != int(int32(f.value)) {
			return &candlewick.Error{Status: candlewick.ErrInvalidArgument,
				Message: fmt.Sprintf("%s %d is out of range", f.name, f.value)}
		}
		f.set(f.value)
	}
	if o.ReversalAmount != 0 {
		c.SetReversal_amount(o.ReversalAmount)
	}
	c.SetReversal_percent(flag(!o.ReversalInPrice))
	return nil
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AttachStats records every aggregation on this context in s (kind
// "aggregate": the size query and the fill each count).  Replaces any
// previous Stats; Stats.Close detaches it.
func (c *Context) AttachStats(s *candlewick.Stats) error {
	return bind.AttachOwner(c, func(c *Context) *sync.Mutex { return &c.mu }, (*Context).slot, bind.StatsRefOf(s),
		"bars.Context.AttachStats", "bar context")
}

func (c *Context) slot() *bind.StatsSlot {
	if c.native == nil {
		return nil
	}
	return &c.native.stats
}

// The package-level functions' contexts.
var pool = bind.NewPool(NewContext, (*Context).Close)
