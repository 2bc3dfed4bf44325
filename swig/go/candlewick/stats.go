package candlewick

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"time"

	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Stats keeps bounded performance statistics of the charts, indicator
// contexts and bar contexts attached to it (and of operations you record):
// lifetime totals per kind of operation, and a recent window with latency
// percentiles.  All its memory is allocated by NewStats; recording
// allocates nothing.  Read it as a Snapshot, JSON or Prometheus text.
//
// A Stats is safe for concurrent use by any number of goroutines, and may
// be shared by any number of charts and contexts.  Close detaches them all
// and releases it; an unreachable Stats is released by a cleanup once its
// attachments are gone.
type Stats struct {
	ref     *bind.StatsRef
	labels  []string
	cleanup runtime.Cleanup
}

// StatsOptions size a Stats.  The zero value takes the defaults.
type StatsOptions struct {
	Capacity  int           // records in the recent window; 0 = 10000
	Retention time.Duration // records older than this leave the window; 0 = 24 h; <0 = never by age
	// Labels are kinds of your own operations for Record: 1..31 characters
	// of [a-z0-9_] starting with a letter, at most 8.
	Labels []string
}

// NewStats creates a Stats.  Errors: ErrInvalidArgument (a bad capacity or
// label, with the reason), ErrSizeOutOfRange, ErrOutOfMemory.
func NewStats(o StatsOptions) (*Stats, error) {
	const op = "NewStats"
	if o.Capacity < 0 {
		return nil, newError(op, int(ErrInvalidArgument), fmt.Sprintf("capacity %d is negative", o.Capacity))
	}
	opts := cw.NewCw_stats_options()
	defer cw.DeleteCw_stats_options(opts)
	cw.Cw_stats_options_init(opts)
	if o.Capacity > 0 {
		opts.SetCapacity(uint64(o.Capacity))
	}
	switch {
	case o.Retention < 0:
		opts.SetRetention_ns(math.MaxInt64)
	case o.Retention > 0:
		opts.SetRetention_ns(int64(o.Retention))
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	if len(o.Labels) > 0 {
		if len(o.Labels) > math.MaxUint32 {
			return nil, newError(op, int(ErrInvalidArgument), "too many labels")
		}
		ptrs := make([]*byte, len(o.Labels))
		for i, l := range o.Labels {
			if strings.IndexByte(l, 0) >= 0 {
				// C would read the label up to the NUL: another name.
				return nil, newError(op, int(ErrInvalidArgument), fmt.Sprintf("stats label %q contains a NUL", l))
			}
			if l == "" {
				// An empty label is malformed; a pointer to "" says so.
				ptrs[i] = &make([]byte, 1)[0]
				pin.Pin(ptrs[i])
			} else {
				ptrs[i] = bind.Text(&pin, l)
			}
		}
		pin.Pin(&ptrs[0])
		opts.SetLabels(&ptrs[0])
		opts.SetLabel_count(uint(len(o.Labels)))
	}
	msg := make([]byte, 256)
	if st := cw.Cw_stats_options_validate(opts, &msg[0], int64(len(msg))); st != 0 {
		return nil, newError(op, st, bind.CString(msg))
	}
	var h uintptr
	if st := cw.Cw_stats_create(opts, &h); st != 0 {
		return nil, newError(op, st, "")
	}
	s := &Stats{ref: bind.NewStatsRef(cw.SwigcptrStruct_SS_cw_stats(h)),
		labels: append([]string(nil), o.Labels...)}
	s.cleanup = runtime.AddCleanup(s, (*bind.StatsRef).Abandon, s.ref)
	return s, nil
}

// Close detaches every chart and context from s and releases it.  Closing
// twice is a no-op; other calls on a closed Stats fail with ErrClosed.
func (s *Stats) Close() error {
	s.cleanup.Stop()
	s.ref.Close()
	return nil
}

// use runs f on the handle, or reports that s is closed.
func (s *Stats) use(op string, f func(cw.Struct_SS_cw_stats) error) error {
	var err error
	if !s.ref.Use(func(h cw.Struct_SS_cw_stats) { err = f(h) }) {
		return closedError(op, "stats")
	}
	runtime.KeepAlive(s)
	return err
}

func (s *Stats) fail(op string, h cw.Struct_SS_cw_stats, st int) error {
	return newError(op, st, bind.Message(func(buf *byte, size int64) int64 {
		return cw.Cw_stats_last_error(h, buf, size)
	}))
}

// WritePrometheus writes the statistics in the Prometheus text exposition
// format (0.0.4), every metric name starting with prefix + "_" ("" means
// "candlewick"), ready to serve from a /metrics handler.  Errors:
// ErrInvalidArgument (a prefix not of [a-zA-Z0-9_] or starting with a
// digit), the writer's error.
func (s *Stats) WritePrometheus(w io.Writer, prefix string) error {
	if strings.IndexByte(prefix, 0) >= 0 {
		// C would read the prefix up to the NUL: metric names the caller
		// did not ask for.
		return newError("Stats.WritePrometheus", int(ErrInvalidArgument), fmt.Sprintf("metric prefix %q contains a NUL", prefix))
	}
	text, err := s.read("Stats.WritePrometheus", func(h cw.Struct_SS_cw_stats, out *uintptr) int {
		if prefix == "" {
			prefix = "candlewick"
		}
		return cw.Cw_stats_read_prometheus(h, prefix, out)
	})
	if err != nil {
		return err
	}
	_, err = w.Write(text)
	return err
}

// JSON is the statistics as a JSON object (durations in nanoseconds).
func (s *Stats) JSON() ([]byte, error) {
	return s.read("Stats.JSON", func(h cw.Struct_SS_cw_stats, out *uintptr) int {
		return cw.Cw_stats_read_json(h, out)
	})
}

func (s *Stats) read(op string, call func(cw.Struct_SS_cw_stats, *uintptr) int) ([]byte, error) {
	var text []byte
	err := s.use(op, func(h cw.Struct_SS_cw_stats) error {
		var out uintptr
		if st := call(h, &out); st != 0 {
			return s.fail(op, h, st)
		}
		text = bind.TakeBuffer(out)
		// The buffer carries a NUL after the text for C callers.
		if n := len(text); n > 0 && text[n-1] == 0 {
			text = text[:n-1]
		}
		return nil
	})
	return text, err
}

// Reset clears the window and the lifetime totals.
func (s *Stats) Reset() error {
	return s.use("Stats.Reset", func(h cw.Struct_SS_cw_stats) error {
		if st := cw.Cw_stats_reset(h); st != 0 {
			return s.fail("Stats.Reset", h, st)
		}
		return nil
	})
}

// Sample is one operation of your own for Stats.Record.
type Sample struct {
	Kind     string        // "render", "encode", "indicator", "aggregate", "batch" or one of the Labels
	Duration time.Duration // >= 0
	Bytes    uint64        // bytes produced
	Items    uint64        // items processed
	Failed   bool          // counted in the errors
}

// Record adds a sample that ended now.  Errors: ErrInvalidArgument (an
// unknown kind, a negative duration).
func (s *Stats) Record(sample Sample) error {
	const op = "Stats.Record"
	kind, ok := s.kind(sample.Kind)
	if !ok {
		return newError(op, int(ErrInvalidArgument), fmt.Sprintf("unknown kind %q", sample.Kind))
	}
	return s.use(op, func(h cw.Struct_SS_cw_stats) error {
		c := cw.NewCw_stats_sample()
		defer cw.DeleteCw_stats_sample(c)
		c.SetEnd_ns(cw.Cw_stats_now(h))
		c.SetDuration_ns(int64(sample.Duration))
		c.SetBytes(sample.Bytes)
		c.SetItems(sample.Items)
		c.SetKind(kind)
		c.SetSimd_target(int(cw.CW_SIMD_NONE))
		c.SetFailed(flag(sample.Failed))
		if st := cw.Cw_stats_record(h, c); st != 0 {
			return s.fail(op, h, st)
		}
		return nil
	})
}

var builtinKinds = map[string]int{
	"render":    int(cw.CW_STATS_RENDER),
	"encode":    int(cw.CW_STATS_ENCODE),
	"indicator": int(cw.CW_STATS_INDICATOR),
	"aggregate": int(cw.CW_STATS_AGGREGATE),
	"batch":     int(cw.CW_STATS_BATCH),
}

func (s *Stats) kind(name string) (int, bool) {
	if k, ok := builtinKinds[name]; ok {
		return k, true
	}
	for i, l := range s.labels {
		if l == name {
			return int(cw.CW_STATS_LABEL_0) + i, true
		}
	}
	return 0, false
}

// Snapshot is one consistent reading of a Stats.
type Snapshot struct {
	TakenAt     int64 // the Stats clock (ns, monotonic) the window was judged by
	Capacity    uint64
	Retention   time.Duration
	Count       uint64                  // lifetime records, all kinds
	WindowCount uint64                  // records in the window, all kinds
	Kinds       map[string]KindSnapshot // the kinds in use, by name
}

// KindSnapshot is the statistics of one kind of operation.
type KindSnapshot struct {
	Count, Errors uint64
	Duration      time.Duration     // total time
	Bytes, Items  uint64            // totals
	ByTarget      map[string]uint64 // operations per SIMD target ("AVX2", "none", ...)
	Window        Window
}

// Window is the recent window of one kind; durations are 0 when it is
// empty.  Percentiles are at most 6.25% above the exact value.
type Window struct {
	Count, Errors, Bytes, Items             uint64
	Duration, Mean, Min, Max, P50, P90, P99 time.Duration
}

// Snapshot reads the totals and the window as of now.
func (s *Stats) Snapshot() (*Snapshot, error) {
	const op = "Stats.Snapshot"
	var snap *Snapshot
	err := s.use(op, func(h cw.Struct_SS_cw_stats) error {
		c := cw.NewCw_stats_snapshot()
		defer cw.DeleteCw_stats_snapshot(c)
		if st := cw.Cw_stats_read(h, c); st != 0 {
			return s.fail(op, h, st)
		}
		snap = &Snapshot{TakenAt: c.GetTaken_at_ns(), Capacity: c.GetCapacity(),
			Retention: time.Duration(c.GetRetention_ns()), Count: c.GetCount(),
			WindowCount: c.GetWindow_count(), Kinds: map[string]KindSnapshot{}}
		for i := 0; i < int(cw.CW_STATS_KIND_SLOTS); i++ {
			k := cw.Cwswig_stats_snapshot_kind(c, int64(i))
			name := k.GetName()
			if name == "" {
				continue
			}
			ks := KindSnapshot{Count: k.GetCount(), Errors: k.GetErrors(),
				Duration: time.Duration(k.GetDuration_ns()), Bytes: k.GetBytes(), Items: k.GetItems(),
				ByTarget: map[string]uint64{},
				Window: Window{Count: k.GetWindow_count(), Errors: k.GetWindow_errors(),
					Bytes: k.GetWindow_bytes(), Items: k.GetWindow_items(),
					Duration: nanos(k.GetWindow_duration_ns()), Mean: nanos(k.GetWindow_mean_ns()),
					Min: nanos(k.GetWindow_min_ns()), Max: nanos(k.GetWindow_max_ns()),
					P50: nanos(k.GetWindow_p50_ns()), P90: nanos(k.GetWindow_p90_ns()),
					P99: nanos(k.GetWindow_p99_ns())}}
			for t := 0; t < int(cw.CW_SIMD_TARGET_SLOTS); t++ {
				if n := cw.Cwswig_stats_kind_by_target(k, int64(t)); n > 0 {
					ks.ByTarget[simdName(t)] = n
				}
			}
			snap.Kinds[name] = ks
		}
		return nil
	})
	return snap, err
}

func nanos(v uint64) time.Duration {
	if v > math.MaxInt64 {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(v)
}

func simdName(t int) string {
	if name := cw.Cw_simd_target_name(t); name != "" {
		return name
	}
	return fmt.Sprintf("target%d", t)
}

// SIMDTarget is the name of the instruction set candlewick's kernels run on
// in this process ("AVX2", "AVX3", "SCALAR", ...).
func SIMDTarget() string { return simdName(int(cw.Cw_simd_target_active())) }

func init() {
	bind.StatsRefOf = func(v any) *bind.StatsRef {
		if s := v.(*Stats); s != nil {
			return s.ref
		}
		return nil
	}
	bind.ClosedError = closedError
}
