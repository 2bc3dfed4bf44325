// Package bind holds what the user-facing packages (candlewick, indicators,
// bars) share on top of the SWIG layer internal/cw: Go memory lent to C
// structs for one call, library-owned buffers copied out, and the
// reference-counted statistics handle that charts and contexts attach to.
//
// The cgo rule it applies everywhere: a Go pointer may be stored in C memory
// (the C structs SWIG allocates) only while the memory it points to is
// pinned.  Every function that stores one takes the caller's
// runtime.Pinner; the caller unpins after the library call returns, and the
// C API keeps no pointer beyond the call.
package bind

import (
	"runtime"
	"unsafe"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// F64 points the column view col at data (contiguous, borrowed), pinning
// data's backing array.  A nil slice becomes {NULL, 0, 0}: a column left
// out; an empty one an empty column.
func F64(col cw.Cw_f64_column, pin *runtime.Pinner, data []float64) {
	col.SetData(Pinned(pin, data))
	col.SetLength(int64(len(data)))
	col.SetStride(0)
}

// I64 is F64 for an int64 column (times).
func I64(col cw.Cw_i64_column, pin *runtime.Pinner, data []int64) {
	var p *int64
	if data != nil {
		if len(data) == 0 {
			p = &emptyI64[0]
		} else {
			p = &data[0]
		}
		pin.Pin(p)
	}
	col.SetData(p)
	col.SetLength(int64(len(data)))
	col.SetStride(0)
}

// Series points a cw_ohlcv (C memory) at the given columns.
func Series(o cw.Cw_ohlcv, pin *runtime.Pinner, time []int64, open, high, low, close, volume []float64) {
	I64(o.GetTime(), pin, time)
	F64(o.GetOpen(), pin, open)
	F64(o.GetHigh(), pin, high)
	F64(o.GetLow(), pin, low)
	F64(o.GetClose(), pin, close)
	F64(o.GetVolume(), pin, volume)
}

// Text returns a pinned NUL-terminated copy of s for a struct field the
// library borrows (titles, labels), or nil for "".  A string with a NUL
// inside is cut there, as C would read it.
func Text(pin *runtime.Pinner, s string) *byte {
	if s == "" {
		return nil
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	pin.Pin(&b[0])
	return &b[0]
}

// Empty slices that are not nil point here, so the library sees an empty
// column ({ptr, 0}: "empty series") rather than a missing one ({NULL, 0}).
var (
	emptyF64 = make([]float64, 1)
	emptyI64 = make([]int64, 1)
)

// Pinned returns a pointer to data's first element, pinned, for a struct
// field the library borrows; nil for a nil slice.
func Pinned(pin *runtime.Pinner, data []float64) *float64 {
	if data == nil {
		return nil
	}
	if len(data) == 0 {
		data = emptyF64
	}
	pin.Pin(&data[0])
	return &data[0]
}

// Floats returns a pointer to data's first element for an argument the
// library reads during the call only (parameters, a bar), or nil.  Passing
// a Go pointer as a call argument needs no pin: cgo checks it.
func Floats(data []float64) *float64 {
	if len(data) == 0 {
		return nil
	}
	return &data[0]
}

// TakeBuffer copies a library-owned cw_buffer into Go memory and destroys it.
// A zero handle gives nil.
func TakeBuffer(handle uintptr) []byte {
	if handle == 0 {
		return nil
	}
	buf := cw.SwigcptrStruct_SS_cw_buffer(handle)
	defer cw.Cw_buffer_destroy(buf)
	n := cw.Cw_buffer_size(buf)
	out := make([]byte, n)
	if n > 0 {
		copy(out, unsafe.Slice(cw.Cw_buffer_data(buf), n))
	}
	return out
}

// Message reads a library message written into a caller buffer by
// functions such as cw_stats_last_error: fill(buf, size) returns the full
// length; the buffer grows once if the message did not fit.
func Message(fill func(buf *byte, size int64) int64) string {
	buf := make([]byte, 256)
	n := fill(&buf[0], int64(len(buf)))
	if n >= int64(len(buf)) {
		buf = make([]byte, n+1)
		n = fill(&buf[0], int64(len(buf)))
	}
	if n > int64(len(buf)-1) {
		n = int64(len(buf) - 1)
	}
	return string(buf[:n])
}

// CString turns a NUL-terminated message buffer into a string.
func CString(buf []byte) string {
	for i, b := range buf {
		if b == 0 {
			return string(buf[:i])
		}
	}
	return string(buf)
}

// GoString copies a NUL-terminated C string (static storage of the
// library: an indicator's title) into a Go string.
func GoString(p *byte) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}
