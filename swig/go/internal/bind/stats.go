package bind

import (
	"sync"
	"weak"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// StatsRef is a native cw_stats handle shared by one candlewick.Stats value
// and every chart or context attached to it.  The C API requires the stats
// handle to outlive its attachments, and Go gives no order between the
// cleanups of objects that die together, so the handle is reference
// counted: the Stats value holds one reference, each attachment another,
// and the handle is destroyed when the count reaches zero.
type StatsRef struct {
	mu      sync.RWMutex // RLock around calls on the handle; Lock to change state
	handle  cw.Struct_SS_cw_stats
	refs    int
	closed  bool // Close was called or the Stats value is gone: no new attachments
	detach  map[uint64]func()
	nextID  uint64
	destroy func(cw.Struct_SS_cw_stats)
}

// NewStatsRef wraps a new handle with one reference (the Stats value's).
func NewStatsRef(handle cw.Struct_SS_cw_stats) *StatsRef {
	return &StatsRef{handle: handle, refs: 1, detach: map[uint64]func(){},
		destroy: cw.Cw_stats_destroy}
}

// Use runs f with the handle unless the Stats value was closed.  Calls on
// a cw_stats handle are thread-safe, so any number of Use run at once.
func (r *StatsRef) Use(f func(cw.Struct_SS_cw_stats)) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return false
	}
	f(r.handle)
	return true
}

// Attach registers an attachment.  detach is what Close calls to undo it
// while the attached object lives (it must end with Release on the returned
// Attachment).  Returns false when the Stats value is closed.
func (r *StatsRef) Attach(detach func()) (*Attachment, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, false
	}
	r.nextID++
	r.refs++
	r.detach[r.nextID] = detach
	return &Attachment{ref: r, id: r.nextID, Handle: r.handle}, true
}

// Close detaches every live attachment and drops the Stats value's
// reference.  Idempotent.
func (r *StatsRef) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	pending := make([]func(), 0, len(r.detach))
	for _, f := range r.detach {
		pending = append(pending, f)
	}
	r.mu.Unlock()
	// Outside the lock: each detach takes its owner's lock, then Release
	// takes this one.
	for _, f := range pending {
		f()
	}
	r.release()
}

// Abandon drops the Stats value's reference without detaching anything
// (its cleanup: the attached objects still hold theirs).
func (r *StatsRef) Abandon() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.release()
}

func (r *StatsRef) release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refs--
	if r.refs == 0 && r.handle != nil {
		r.destroy(r.handle)
		r.handle = nil
	}
}

// Attachment is one chart's or context's reference to a StatsRef.
type Attachment struct {
	ref    *StatsRef
	id     uint64
	Handle cw.Struct_SS_cw_stats
}

// Ref is the StatsRef this attachment holds.
func (a *Attachment) Ref() *StatsRef { return a.ref }

// Release gives the reference back once the native handle no longer uses
// the stats handle (detached, or destroyed).  Safe on nil.
func (a *Attachment) Release() {
	if a == nil {
		return
	}
	r := a.ref
	r.mu.Lock()
	delete(r.detach, a.id)
	r.mu.Unlock()
	r.release()
}

// StatsRefOf gives the StatsRef of a *candlewick.Stats to the indicators and
// bars packages, which cannot see its unexported field; set by package
// candlewick at init.
var StatsRefOf func(stats any) *StatsRef

// ClosedError is the *candlewick.Error of a call op on a closed handle
// (what: "chart", "stats", ...), for the packages that cannot build one;
// set by package candlewick at init.
var ClosedError func(op, what string) error

// StatsSlot is the attachment of one native handle (a chart, an indicator
// or bar context) to a StatsRef.  It lives in the handle's native part and
// is used under the owner's lock.  cAttach is the handle's C attach call
// (cw_chart_attach_stats, ...), taking nil to detach.
type StatsSlot struct {
	att     *Attachment
	cAttach func(cw.Struct_SS_cw_stats)
}

// NewStatsSlot makes the slot of a handle whose C attach call is cAttach.
func NewStatsSlot(cAttach func(cw.Struct_SS_cw_stats)) StatsSlot {
	return StatsSlot{cAttach: cAttach}
}

// Attach replaces any attachment by one to ref.  relock(f) must run f on
// the owner's slot under the owner's lock if the owner is still alive and
// open (reached through a weak pointer, so the attachment does not keep the
// owner alive); StatsRef.Close uses it to detach.  False when ref is
// closed.
func (s *StatsSlot) Attach(ref *StatsRef, relock func(func(*StatsSlot))) bool {
	s.Detach()
	var att *Attachment
	att, ok := ref.Attach(func() {
		relock(func(cur *StatsSlot) {
			if cur.att == att {
				cur.Detach()
			}
		})
	})
	if !ok {
		return false
	}
	s.cAttach(att.Handle)
	s.att = att
	return true
}

// Detach detaches the handle and gives the reference back.
func (s *StatsSlot) Detach() {
	if s.att == nil {
		return
	}
	s.cAttach(nil)
	s.Release()
}

// Release gives the reference back without the C call: for after the
// handle is destroyed (the stats handle must outlive it).
func (s *StatsSlot) Release() {
	s.att.Release()
	s.att = nil
}

// Attached reports whether the slot holds an attachment.
func (s *StatsSlot) Attached() bool { return s.att != nil }

// Relock builds the relock function StatsSlot.Attach needs for an owner
// (a Chart, an indicator or bar Context) reached through a weak pointer:
// mu is the owner's lock, slot its slot (nil once closed).
func Relock[T any](owner *T, mu func(*T) *sync.Mutex, slot func(*T) *StatsSlot) func(func(*StatsSlot)) {
	self := weak.Make(owner)
	return func(f func(*StatsSlot)) {
		o := self.Value()
		if o == nil {
			return // collected: its cleanup releases the reference
		}
		m := mu(o)
		m.Lock()
		defer m.Unlock()
		if s := slot(o); s != nil {
			f(s)
		}
	}
}

// AttachOwner is AttachStats of an owner (a Chart, a Renderer, an
// indicator or bar Context) with lock mu and slot (nil once closed), called
// without the lock held: nil ref detaches.  op names the call and what the
// owner in the error of a closed owner or Stats (see ClosedError).
func AttachOwner[T any](owner *T, mu func(*T) *sync.Mutex, slot func(*T) *StatsSlot, ref *StatsRef,
	op, what string) error {
	m := mu(owner)
	m.Lock()
	defer m.Unlock()
	s := slot(owner)
	if s == nil {
		return ClosedError(op, what)
	}
	if ref == nil {
		s.Detach()
		return nil
	}
	if s.att != nil && s.att.ref == ref {
		return nil
	}
	if !s.Attach(ref, Relock(owner, mu, slot)) {
		return ClosedError(op, "stats")
	}
	return nil
}
