package candlewick

import (
	"errors"
	"fmt"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Status is a status code of the C API.  The numbers are stable and never
// reused.  Every non-OK Status is also an error, so it serves as the
// sentinel for errors.Is:
//
//	if errors.Is(err, candlewick.ErrLengthMismatch) { ... }
type Status int32

// The statuses of capi/candlewick.h (CW_OK, CW_ERR_*).
const (
	StatusOK            Status = 0
	ErrNullArgument     Status = 1  // a required pointer was NULL (in Go: a closed handle)
	ErrInvalidArgument  Status = 2  // an option or argument has a bad value
	ErrStructSize       Status = 3  // struct_size smaller than the oldest layout
	ErrSizeOutOfRange   Status = 4  // width/height outside 16..16384, or a frame that overflows
	ErrEmptySeries      Status = 5  // a series with no rows
	ErrLengthMismatch   Status = 6  // columns of one series differ in length
	ErrNonFinite        Status = 7  // NaN or infinity where a number is needed
	ErrInconsistentOHLC Status = 8  // high < low, or open/close outside them
	ErrNegativeVolume   Status = 9  // a volume below zero
	ErrBufferTooSmall   Status = 10 // the caller's buffer or stride is short
	ErrOutOfMemory      Status = 11 // the allocator returned NULL
	ErrEncode           Status = 12 // the image encoder failed
	ErrInternal         Status = 13 // a bug in candlewick: please report it
	ErrSeriesTooShort   Status = 14 // fewer rows than a period parameter
)

// String is the library's fixed English text for the status ("length
// mismatch").
func (s Status) String() string { return cw.Cw_status_string(int(s)) }

// Error makes a Status an error (the sentinel errors.Is compares with).
func (s Status) Error() string { return "candlewick: " + s.String() }

// ErrClosed is wrapped by the error of any call on a closed Chart, Stats,
// context or stream: errors.Is(err, candlewick.ErrClosed).  The status of
// such an error is ErrNullArgument, what the C API reports for a NULL
// handle.
var ErrClosed = errors.New("candlewick: handle is closed")

// Error is a failed call: the operation, the status and the library's
// detailed message (the handle's last error, naming the column, row or
// option at fault).  Use errors.As to read it:
//
//	var cwErr *candlewick.Error
//	if errors.As(err, &cwErr) { log.Print(cwErr.Status, cwErr.Message) }
//
// errors.Is(err, candlewick.ErrNonFinite) matches on the status, and
// errors.Is(err, candlewick.ErrClosed) on a closed handle.
type Error struct {
	Op      string // what was called: "NewChart", "Chart.Render", "indicators.Compute"
	Status  Status // the C API's status
	Message string // the detailed message; the status text when there is none
	Err     error  // an underlying cause (ErrClosed), or nil
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Status.String()
	}
	if e.Op == "" {
		return fmt.Sprintf("candlewick: %s (%s)", msg, e.Status.String())
	}
	return fmt.Sprintf("candlewick: %s: %s (%s)", e.Op, msg, e.Status.String())
}

// Unwrap gives the Status (and the cause, if any) to errors.Is and
// errors.As.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Status, e.Err}
	}
	return []error{e.Status}
}

// newError builds the error of a failed call; message "" takes the status
// text.
func newError(op string, status int, message string) error {
	if message == "" {
		message = Status(status).String()
	}
	return &Error{Op: op, Status: Status(status), Message: message}
}

// closedError is the error of a call on a closed handle.
func closedError(op, what string) error {
	return &Error{Op: op, Status: ErrNullArgument, Message: what + " is closed", Err: ErrClosed}
}
