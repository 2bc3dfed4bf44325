package indicators

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Stream computes one indicator bar by bar for a live feed: each Push takes
// the newest bar and returns that bar's outputs, equal to what Compute gives
// at that row of the whole series so far (NaN before the lookback).  All
// its memory is allocated by NewStream; pushes allocate nothing in C.
type Stream struct {
	mu      sync.Mutex
	handle  cw.Struct_SS_cw_indicator_stream // nil once closed
	info    *Info
	cleanup runtime.Cleanup
}

// NewStream creates a stream of the indicator called name with params
// (positional, as for Compute).  Errors: ErrInvalidArgument (an unknown
// name, an indicator that cannot stream (Info.Streamable), a bad
// parameter).
func NewStream(name string, params []float64) (*Stream, error) {
	const op = "indicators.NewStream"
	info, err := find(op, name)
	if err != nil {
		return nil, err
	}
	var h uintptr
	if st := cw.Cw_indicator_stream_create(nil, info.ID, bind.Floats(params), int64(len(params)), &h); st != 0 {
		msg := fmt.Sprintf("%s: bad parameters %v", name, params)
		if !info.Streamable {
			msg = name + " cannot be streamed"
		}
		return nil, &candlewick.Error{Op: op, Status: candlewick.Status(st), Message: msg}
	}
	s := &Stream{handle: cw.SwigcptrStruct_SS_cw_indicator_stream(h), info: info}
	s.cleanup = runtime.AddCleanup(s, cw.Cw_indicator_stream_destroy, s.handle)
	return s, nil
}

// Close releases the stream.  Closing twice is a no-op.
func (s *Stream) Close() error {
	return bind.Close(&s.mu, &s.handle, s.cleanup, cw.Cw_indicator_stream_destroy)
}

// Push takes one bar, one value per input column (Info.Inputs order), and
// returns the bar's outputs.  A non-finite value gives NaN outputs and
// restarts the stream.  Errors: ErrInvalidArgument (the wrong number of
// values), ErrInconsistentOHLC (high < low), ErrNegativeVolume; the stream
// is then unchanged.
func (s *Stream) Push(bar ...float64) ([]float64, error) {
	out := make([]float64, len(s.info.Outputs))
	if err := s.PushInto(bar, out); err != nil {
		return nil, err
	}
	return out, nil
}

// PushInto is Push writing the outputs into out (at most the indicator's
// output count; fewer drops the trailing outputs).
func (s *Stream) PushInto(bar, out []float64) error {
	const op = "Stream.Push"
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handle == nil {
		return bind.ClosedError(op, "stream")
	}
	st := cw.Cw_indicator_stream_push(s.handle, bind.Floats(bar), int64(len(bar)), bind.Floats(out), int64(len(out)))
	runtime.KeepAlive(s)
	if st != 0 {
		return &candlewick.Error{Op: op, Status: candlewick.Status(st),
			Message: cw.Cw_indicator_stream_last_error(s.handle)}
	}
	return nil
}

// Reset forgets every bar pushed: the next push starts a new series.
func (s *Stream) Reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handle == nil {
		return bind.ClosedError("Stream.Reset", "stream")
	}
	cw.Cw_indicator_stream_reset(s.handle)
	return nil
}

// Lookback is the index of the first bar (since create, a reset or a
// non-finite bar) whose outputs are defined.
func (s *Stream) Lookback() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handle == nil {
		return 0
	}
	return int(cw.Cw_indicator_stream_lookback(s.handle))
}

// Info describes the stream's indicator.
func (s *Stream) Info() Info { return s.info.clone() }
