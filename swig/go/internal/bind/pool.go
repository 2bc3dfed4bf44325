package bind

import (
	"runtime"
	"sync"
)

// Pool is a bounded free list of contexts for package-level functions
// (indicators.Compute, bars.FromTicks): at most a few contexts, and their
// scratch memory, live between calls; more are created under load and
// closed when the list is full.
type Pool[T any] struct {
	free   chan T
	create func() (T, error)
	close  func(T) error
}

// NewPool keeps up to max(4, GOMAXPROCS) idle contexts.
func NewPool[T any](create func() (T, error), close func(T) error) *Pool[T] {
	return &Pool[T]{free: make(chan T, max(4, runtime.GOMAXPROCS(0))), create: create, close: close}
}

// Get takes an idle context or creates one.
func (p *Pool[T]) Get() (T, error) {
	select {
	case c := <-p.free:
		return c, nil
	default:
		return p.create()
	}
}

// Put returns a context to the list, or closes it when the list is full.
func (p *Pool[T]) Put(c T) {
	select {
	case p.free <- c:
	default:
		p.close(c)
	}
}

// Close is the Close method of an owner (a Chart, a context, a stream)
// whose native part *native is guarded by mu and is the zero value once
// closed: it stops the owner's cleanup and destroys the native part, once.
// Closing twice is a no-op.
func Close[N comparable](mu *sync.Mutex, native *N, cleanup runtime.Cleanup, destroy func(N)) error {
	mu.Lock()
	defer mu.Unlock()
	var closed N
	if *native != closed {
		cleanup.Stop()
		destroy(*native)
		*native = closed
	}
	return nil
}
