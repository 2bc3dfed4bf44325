// Package indicators computes candlewick's technical indicators (TA-Lib's
// definitions and defaults: SMA-seeded EMA, Wilder smoothing for RSI, ATR
// and ADX, population standard deviation) over []float64 columns, in batch
// or one bar at a time.
//
//	rsi, err := indicators.Compute("rsi", [][]float64{close}, nil)
//	bb, err := indicators.Compute("bbands", [][]float64{close}, []float64{20, 2, 2})
//	upper, middle, lower := bb[0], bb[1], bb[2]
//
// Inputs are the indicator's columns in the order Lookup(name).Inputs
// gives ("input" for one-column indicators, which take any column; else
// "high", "low", "close", "volume", ...), all of one length; they are read
// in place, never copied.  Parameters are positional in Lookup(name).Params
// order; a shorter slice (or nil) leaves the rest at their defaults.  Output
// i belongs to input row i; rows before Lookback are NaN, and a NaN or
// infinity in the input restarts the computation after it.
//
// Compute and the other package functions are safe for concurrent use (they
// take a Context from a small pool).  A Context or Stream is also safe for
// concurrent use, its calls serialised by a lock.
package indicators

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Info describes an indicator.
type Info struct {
	ID         int      // the stable number (CW_IND_*)
	Name       string   // "bbands"
	Title      string   // "Bollinger Bands"
	Inputs     []string // input column names, in order
	Params     []Param  // parameters, in order
	Outputs    []string // output names, in order ("upper", "middle", "lower")
	Streamable bool     // NewStream accepts it
}

// Param describes one parameter.
type Param struct {
	Name      string // "period", "nbdevup", "matype", ...
	Default   float64
	Min, Max  float64 // inclusive
	IsInteger bool    // the value must be a whole number
}

var table = sync.OnceValue(func() map[string]*Info {
	infos := map[string]*Info{}
	ci := cw.NewCw_indicator_info()
	defer cw.DeleteCw_indicator_info(ci)
	cp := cw.NewCw_indicator_param()
	defer cw.DeleteCw_indicator_param(cp)
	for id := 1; id <= cw.Cw_indicator_count(); id++ {
		if cw.Cw_indicator_get_info(id, ci) != 0 {
			continue
		}
		info := &Info{ID: id, Name: ci.GetName(), Title: bind.GoString(ci.GetTitle()),
			Streamable: cw.Cw_indicator_stream_supported(id) != 0}
		for i := int64(0); i < ci.GetInput_count(); i++ {
			info.Inputs = append(info.Inputs, cw.Cw_indicator_input_name(id, i))
		}
		for i := int64(0); i < ci.GetParam_count(); i++ {
			if cw.Cw_indicator_get_param(id, i, cp) == 0 {
				info.Params = append(info.Params, Param{Name: cp.GetName(), Default: cp.GetDefault_value(),
					Min: cp.GetMin_value(), Max: cp.GetMax_value(), IsInteger: cp.GetIs_integer() != 0})
			}
		}
		for i := int64(0); i < ci.GetOutput_count(); i++ {
			info.Outputs = append(info.Outputs, cw.Cw_indicator_output_name(id, i))
		}
		infos[info.Name] = info
	}
	return infos
})

// clone is a copy of info that shares no slice with the package's table,
// so a caller changing what it was given changes nothing for other callers.
func (info *Info) clone() Info {
	c := *info
	c.Inputs = slices.Clone(info.Inputs)
	c.Params = slices.Clone(info.Params)
	c.Outputs = slices.Clone(info.Outputs)
	return c
}

// Lookup describes the indicator called name ("sma", "bbands", ...).
// An unknown name gives ErrInvalidArgument.
func Lookup(name string) (Info, error) {
	info, err := find("indicators.Lookup", name)
	if err != nil {
		return Info{}, err
	}
	return info.clone(), nil
}

func find(op, name string) (*Info, error) {
	if info, ok := table()[name]; ok {
		return info, nil
	}
	return nil, &candlewick.Error{Op: op, Status: candlewick.ErrInvalidArgument,
		Message: fmt.Sprintf("no indicator %q (see indicators.List)", name)}
}

// List describes every indicator, in ID order.
func List() []Info {
	out := make([]Info, 0, len(table()))
	for _, info := range table() {
		out = append(out, info.clone())
	}
	slices.SortFunc(out, func(a, b Info) int { return a.ID - b.ID })
	return out
}

// Lookback is the index of the first defined output for these parameters
// (on input without NaN): period-1 for SMA, 33 for MACD(12, 26, 9).
// Errors: ErrInvalidArgument (an unknown name, too many parameters, a value
// out of range or not whole where it must be).
func Lookback(name string, params []float64) (int, error) {
	const op = "indicators.Lookback"
	info, err := find(op, name)
	if err != nil {
		return 0, err
	}
	var n uintptr
	if st := cw.Cw_indicator_lookback(info.ID, bind.Floats(params), int64(len(params)), &n); st != 0 {
		return 0, &candlewick.Error{Op: op, Status: candlewick.Status(st),
			Message: fmt.Sprintf("%s: bad parameters %v", name, params)}
	}
	return int(n), nil
}

// Compute computes the indicator called name over inputs with params and
// returns its outputs (one slice per output, each as long as the inputs).
// Errors: ErrInvalidArgument (an unknown name, the wrong number of inputs,
// a bad parameter), ErrLengthMismatch, ErrEmptySeries, ErrSeriesTooShort (a
// period longer than the series), ErrInconsistentOHLC (high < low),
// ErrNegativeVolume; the message names the column, row or parameter.
func Compute(name string, inputs [][]float64, params []float64) ([][]float64, error) {
	c, err := pool.Get()
	if err != nil {
		return nil, err
	}
	defer pool.Put(c)
	return c.compute("indicators.Compute", name, inputs, params)
}

// ComputeInto is Compute into caller-owned outputs: at most the
// indicator's output count, each at least as long as the inputs (a nil
// entry is computed but not stored), none sharing memory with an input or
// another output (ErrInvalidArgument).  Nothing is allocated.
func ComputeInto(name string, inputs [][]float64, params []float64, outputs [][]float64) error {
	c, err := pool.Get()
	if err != nil {
		return err
	}
	defer pool.Put(c)
	return c.computeInto("indicators.ComputeInto", name, inputs, params, outputs)
}

// Context holds scratch memory reused from call to call (steady-state
// computations allocate nothing in C) and the last error.  Package-level
// Compute keeps a few of its own; make one to attach a Stats.
type Context struct {
	mu      sync.Mutex
	native  *contextNative // nil once closed
	cleanup runtime.Cleanup
}

type contextNative struct {
	handle   cw.Struct_SS_cw_indicator_context
	inputs   cw.Cw_f64_column // C array of column views, grown as needed
	inputCap int
	stats    bind.StatsSlot
}

func (n *contextNative) destroy() {
	cw.Cw_indicator_context_destroy(n.handle)
	if n.inputs != nil {
		cw.Cwswig_free(n.inputs.Swigcptr())
	}
	n.stats.Release()
}

// NewContext creates a context.  Close it when done (a cleanup releases a
// forgotten one after garbage collection).
func NewContext() (*Context, error) {
	var h uintptr
	if st := cw.Cw_indicator_context_create(nil, &h); st != 0 {
		return nil, &candlewick.Error{Op: "indicators.NewContext", Status: candlewick.Status(st),
			Message: candlewick.Status(st).String()}
	}
	handle := cw.SwigcptrStruct_SS_cw_indicator_context(h)
	n := &contextNative{handle: handle, stats: bind.NewStatsSlot(func(s cw.Struct_SS_cw_stats) {
		cw.Cw_indicator_context_attach_stats(handle, s)
	})}
	c := &Context{native: n}
	c.cleanup = runtime.AddCleanup(c, (*contextNative).destroy, n)
	return c, nil
}

// Close releases the context.  Closing twice is a no-op.
func (c *Context) Close() error {
	return bind.Close(&c.mu, &c.native, c.cleanup, (*contextNative).destroy)
}

// Compute is the package-level Compute on this context.
func (c *Context) Compute(name string, inputs [][]float64, params []float64) ([][]float64, error) {
	return c.compute("Context.Compute", name, inputs, params)
}

// ComputeInto is the package-level ComputeInto on this context.
func (c *Context) ComputeInto(name string, inputs [][]float64, params []float64, outputs [][]float64) error {
	return c.computeInto("Context.ComputeInto", name, inputs, params, outputs)
}

func (c *Context) compute(op, name string, inputs [][]float64, params []float64) ([][]float64, error) {
	info, err := find(op, name)
	if err != nil {
		return nil, err
	}
	rows := 0
	if len(inputs) > 0 {
		rows = len(inputs[0])
	}
	outputs := make([][]float64, len(info.Outputs))
	for i := range outputs {
		outputs[i] = make([]float64, rows)
	}
	if err := c.computeInto(op, name, inputs, params, outputs); err != nil {
		return nil, err
	}
	return outputs, nil
}

func (c *Context) computeInto(op, name string, inputs [][]float64, params []float64, outputs [][]float64) error {
	info, err := find(op, name)
	if err != nil {
		return err
	}
	if err := checkOverlap(op, inputs, outputs); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.native
	if n == nil {
		return bind.ClosedError(op, "indicator context")
	}
	if len(inputs) > n.inputCap {
		if n.inputs != nil {
			cw.Cwswig_free(n.inputs.Swigcptr())
		}
		n.inputs, n.inputCap = cw.Cwswig_cw_f64_column_array_new(int64(len(inputs))), len(inputs)
		if n.inputs.Swigcptr() == 0 {
			n.inputs, n.inputCap = nil, 0
			return &candlewick.Error{Op: op, Status: candlewick.ErrOutOfMemory, Message: "input column views"}
		}
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	for i, col := range inputs {
		bind.F64(cw.Cwswig_cw_f64_column_array_at(n.inputs, int64(i)), &pin, col)
	}
	var inputArray cw.Cw_f64_column
	if len(inputs) > 0 {
		inputArray = n.inputs
	}
	// Output pointers go in a Go array passed as a call argument: cgo
	// accepts Go memory holding pointers to pinned memory.
	ptrs := make([]*float64, len(outputs))
	capacity := -1
	for i, out := range outputs {
		if out == nil {
			continue
		}
		if capacity < 0 || len(out) < capacity {
			capacity = len(out)
		}
		ptrs[i] = bind.Pinned(&pin, out)
	}
	if capacity < 0 {
		capacity = 0
		if len(inputs) > 0 {
			capacity = len(inputs[0]) // nothing stored: any capacity will do
		}
	}
	var outArray **float64
	if len(ptrs) > 0 {
		outArray = &ptrs[0]
	}
	st := cw.Cw_indicator_compute(n.handle, info.ID, inputArray, int64(len(inputs)),
		bind.Floats(params), int64(len(params)), outArray, int64(len(ptrs)), int64(capacity))
	runtime.KeepAlive(c)
	if st != 0 {
		return &candlewick.Error{Op: op, Status: candlewick.Status(st),
			Message: cw.Cw_indicator_context_last_error(n.handle)}
	}
	return nil
}

// checkOverlap rejects outputs that share memory with an input or with
// each other: the library writes outputs while it still reads the inputs
// (and earlier outputs), so an aliased slice would give wrong values
// reported as success.  Inputs may share memory with each other.
func checkOverlap(op string, inputs, outputs [][]float64) error {
	for i, out := range outputs {
		for j, in := range inputs {
			if overlap(out, in) {
				return &candlewick.Error{Op: op, Status: candlewick.ErrInvalidArgument,
					Message: fmt.Sprintf("output %d shares memory with input %d (outputs must not overlap the inputs or each other)", i, j)}
			}
		}
		for j := range i {
			if overlap(out, outputs[j]) {
				return &candlewick.Error{Op: op, Status: candlewick.ErrInvalidArgument,
					Message: fmt.Sprintf("outputs %d and %d share memory (outputs must not overlap the inputs or each other)", j, i)}
			}
		}
	}
	return nil
}

// overlap reports whether two slices share an element.
func overlap(a, b []float64) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	a0, b0 := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	const size = unsafe.Sizeof(a[0])
	return a0 < b0+uintptr(len(b))*size && b0 < a0+uintptr(len(a))*size
}

// AttachStats records every computation on this context in s (kind
// "indicator").  Replaces any previous Stats; Stats.Close detaches it.
func (c *Context) AttachStats(s *candlewick.Stats) error {
	return bind.AttachOwner(c, func(c *Context) *sync.Mutex { return &c.mu }, (*Context).slot, bind.StatsRefOf(s),
		"Context.AttachStats", "indicator context")
}

func (c *Context) slot() *bind.StatsSlot {
	if c.native == nil {
		return nil
	}
	return &c.native.stats
}

// The package-level functions' contexts.
var pool = bind.NewPool(NewContext, (*Context).Close)
