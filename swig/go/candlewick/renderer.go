package candlewick

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Renderer is the handle a service renders with (cw_renderer): any number
// of goroutines may call it at once, and each call names its own Options,
// Format and Content.  Behind it is a bounded cache of charts, one per
// option set in use, least recently used evicted; a warm call allocates
// nothing in C but its output.  Outputs are byte for byte those of a Chart
// made with the same Options.
//
// Close waits for the calls in progress and releases the handle; a cleanup
// releases a Renderer dropped without Close (a safety net only).
type Renderer struct {
	mu      sync.Mutex // Close, AttachStats, DetachStats
	gate    *sync.RWMutex
	native  *rendererNative // nil once closed; read under gate
	cleanup runtime.Cleanup
}

// rendererNative is what the cleanup releases; it holds no pointer to the
// Renderer.
type rendererNative struct {
	handle cw.Struct_SS_cw_renderer
	stats  bind.StatsSlot
}

func (n *rendererNative) destroy() {
	cw.Cw_renderer_destroy(n.handle)
	n.stats.Release()
}

// RendererOptions configure a Renderer.  The zero value takes the
// library's defaults.
type RendererOptions struct {
	// MaxCacheBytes bounds the memory idle charts keep: 0 takes the
	// default (64 MiB), a negative value keeps no chart (every call makes
	// and destroys its own).
	MaxCacheBytes int64
	// Font is a TrueType/OpenType file for every chart's labels (copied at
	// NewRenderer); nil takes the embedded DejaVu Sans.  Options.Font must
	// be nil in a Renderer's calls.
	Font []byte
}

// NewRenderer creates a renderer.  It starts no goroutine or thread: batch
// calls start the library's worker threads when they first need them.
// Errors: ErrInvalidArgument (font bytes that cannot be loaded),
// ErrOutOfMemory.
func NewRenderer(o RendererOptions) (*Renderer, error) {
	const op = "NewRenderer"
	ro := cw.NewCw_renderer_options()
	defer cw.DeleteCw_renderer_options(ro)
	cw.Cw_renderer_options_init(ro)
	switch {
	case o.MaxCacheBytes < 0:
		ro.SetMax_cache_bytes(0)
	case o.MaxCacheBytes > 0:
		ro.SetMax_cache_bytes(uint64(o.MaxCacheBytes))
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	if o.Font != nil {
		if len(o.Font) == 0 {
			return nil, newError(op, int(ErrInvalidArgument), "empty font")
		}
		pin.Pin(&o.Font[0])
		ro.SetFont_data(&o.Font[0])
		ro.SetFont_data_size(int64(len(o.Font)))
	}
	var h uintptr
	if st := cw.Cw_renderer_create(ro, &h); st != 0 {
		msg := bind.Message(func(buf *byte, size int64) int64 {
			cw.Cw_renderer_options_validate(ro, buf, size)
			return int64(len(bind.GoString(buf)))
		})
		return nil, newError(op, st, msg)
	}
	handle := cw.SwigcptrStruct_SS_cw_renderer(h)
	gate := new(sync.RWMutex)
	n := &rendererNative{handle: handle, stats: bind.NewStatsSlot(func(s cw.Struct_SS_cw_stats) {
		cw.Cw_renderer_attach_stats(handle, s)
		if s == nil {
			// Calls that started before the detach still record into the
			// old handle: wait for them before it may be destroyed.
			gate.Lock()
			gate.Unlock() //nolint:staticcheck // an empty critical section is the wait
		}
	})}
	r := &Renderer{gate: gate, native: n}
	r.cleanup = runtime.AddCleanup(r, (*rendererNative).destroy, n)
	return r, nil
}

// Close waits for the calls in progress, then destroys the renderer and
// its cache.  Outputs it returned stay valid (Go memory).  Closing twice is
// a no-op; any other call on a closed renderer fails with an error
// wrapping ErrClosed.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gate.Lock()
	defer r.gate.Unlock()
	if r.native == nil {
		return nil
	}
	r.cleanup.Stop()
	r.native.destroy()
	r.native = nil
	return nil
}

// Job is one render: options, format and content of its own.
type Job struct {
	Options Options
	Format  Format
	Content Content
	// WebPQuality is FormatWebPLossy's quality, 0..100; 0 takes 90.
	WebPQuality float32
}

// Result is one job's outcome: the encoded file or raw frame, or why the
// job failed (an *Error).
type Result struct {
	Output []byte
	Err    error
}

// BatchOptions configure RenderBatch.
type BatchOptions struct {
	// Threads that render, the calling one included: 0 takes the CPUs the
	// process may run on, 1 renders on the calling goroutine's thread
	// alone; at most MaxBatchThreads.
	Threads int
}

// MaxBatchThreads is the most threads one batch may use.
const MaxBatchThreads = int(cw.CW_MAX_BATCH_THREADS)

// job is a Job laid out in C memory for one call: its options, its data
// (scratch arrays) and, for raw formats, the Go frame it renders into.
type job struct {
	options cw.Cw_chart_options
	scratch *scratch
	format  int
	quality float32
	frame   []byte
	stride  int
}

// prepare lays j out, pinning what the C structs point at; free releases
// the C memory (after the call: pin.Unpin comes after free or before,
// either is fine, as the library keeps nothing).
func prepare(op string, pin *runtime.Pinner, j *Job) (*job, error) {
	cf, ok := enumC(formats, int(j.Format))
	if !ok {
		return nil, newError(op, int(ErrInvalidArgument), "unknown format "+j.Format.String())
	}
	if j.Content == nil {
		return nil, newError(op, int(ErrNullArgument), "nil content")
	}
	co, err := j.Options.native(pin)
	if err != nil {
		err.(*Error).Op = op
		return nil, err
	}
	p := &job{options: co, scratch: newScratch(), format: cf, quality: j.WebPQuality}
	if err := p.scratch.fill(pin, j.Content.data()); err != nil {
		p.free()
		err.(*Error).Op = op
		return nil, err
	}
	if bpp := j.Format.BytesPerPixel(); bpp > 0 {
		w, h := int(co.GetWidth()), int(co.GetHeight())
		// A size out of range is the library's to report; no frame then.
		if w >= int(cw.CW_MIN_DIMENSION) && w <= int(cw.CW_MAX_DIMENSION) &&
			h >= int(cw.CW_MIN_DIMENSION) && h <= int(cw.CW_MAX_DIMENSION) {
			p.stride = w * bpp
			p.frame = make([]byte, p.stride*h)
			pin.Pin(&p.frame[0])
		}
	}
	return p, nil
}

func (p *job) free() {
	cw.DeleteCw_chart_options(p.options)
	p.scratch.free()
}

// set writes the job into the C job cj.
func (p *job) set(cj cw.Cw_render_job) {
	cw.Cw_render_job_init(cj, p.options, p.scratch.data, p.format)
	if p.quality != 0 {
		cj.SetWebp_quality(p.quality)
	}
	if p.frame != nil {
		cj.SetPixels(&p.frame[0])
		cj.SetBuffer_size(int64(len(p.frame)))
		cj.SetRow_stride(int64(p.stride))
	}
}

// result reads cj's outcome: the frame, or the library's buffer copied out
// (and destroyed), or the job's error.
func (p *job) result(op string, cj cw.Cw_render_job) Result {
	if st := cj.GetStatus(); st != 0 {
		return Result{Err: newError(op, st, cw.Cwswig_render_job_message(cj))}
	}
	if p.frame != nil {
		return Result{Output: p.frame}
	}
	return Result{Output: bind.TakeBuffer(cj.GetOutput().Swigcptr())}
}

// Render draws one job: encoded formats come back as the file's bytes, raw
// formats as a tight frame (width x height x BytesPerPixel).  Safe from
// any number of goroutines.  Errors: those of NewChart for the options
// (ErrSizeOutOfRange, ErrInvalidArgument, and ErrInvalidArgument for a
// non-nil Options.Font), and those of Chart.Render for the content.
func (r *Renderer) Render(j Job) ([]byte, error) {
	const op = "Renderer.Render"
	r.gate.RLock()
	defer r.gate.RUnlock()
	n := r.native
	if n == nil {
		return nil, closedError(op, "renderer")
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	p, err := prepare(op, &pin, &j)
	if err != nil {
		return nil, err
	}
	defer p.free()
	cj := cw.NewCw_render_job()
	defer cw.DeleteCw_render_job(cj)
	p.set(cj)
	cw.Cw_renderer_render(n.handle, cj)
	runtime.KeepAlive(r)
	res := p.result(op, cj)
	return res.Output, res.Err
}

// RenderBatch renders every job in parallel on the library's worker
// threads, each with its own result: a bad job never fails the others.
// The error is for the batch as a whole (a closed renderer, Threads out of
// range, no memory for the job table); then no job ran.
func (r *Renderer) RenderBatch(jobs []Job, o BatchOptions) ([]Result, error) {
	const op = "Renderer.RenderBatch"
	if o.Threads < 0 || o.Threads > MaxBatchThreads {
		return nil, newError(op, int(ErrInvalidArgument),
			fmt.Sprintf("Threads %d is outside 0..%d", o.Threads, MaxBatchThreads))
	}
	r.gate.RLock()
	defer r.gate.RUnlock()
	n := r.native
	if n == nil {
		return nil, closedError(op, "renderer")
	}
	results := make([]Result, len(jobs))
	var pin runtime.Pinner
	defer pin.Unpin()
	// Jobs that cannot be laid out fail here, alone; the rest go to C.
	prepared := make([]*job, 0, len(jobs))
	index := make([]int, 0, len(jobs))
	defer func() {
		for _, p := range prepared {
			p.free()
		}
	}()
	for i := range jobs {
		p, err := prepare(op, &pin, &jobs[i])
		if err != nil {
			results[i].Err = err
			continue
		}
		prepared = append(prepared, p)
		index = append(index, i)
	}
	if len(prepared) == 0 {
		return results, nil
	}
	array := cw.Cwswig_cw_render_job_array_new(int64(len(prepared)))
	if array.Swigcptr() == 0 {
		return nil, newError(op, int(ErrOutOfMemory), "no memory for the job table")
	}
	defer cw.Cwswig_free(array.Swigcptr())
	for k, p := range prepared {
		p.set(cw.Cwswig_cw_render_job_array_at(array, int64(k)))
	}
	bo := cw.NewCw_batch_options()
	defer cw.DeleteCw_batch_options(bo)
	cw.Cw_batch_options_init(bo)
	bo.SetThreads(uint(o.Threads))
	var failed uintptr
	st := cw.Cw_renderer_render_batch(n.handle, array, int64(len(prepared)), bo, &failed)
	runtime.KeepAlive(r)
	if st != 0 {
		return nil, newError(op, st, "the batch did not run")
	}
	for k, p := range prepared {
		results[index[k]] = p.result(op, cw.Cwswig_cw_render_job_array_at(array, int64(k)))
	}
	return results, nil
}

// RendererInfo is a reading of a renderer's cache and threads.
type RendererInfo struct {
	MaxCacheBytes uint64 // the bound
	CachedBytes   uint64 // held by idle charts now
	CachedCharts  uint64 // idle charts
	ChartsInUse   uint64 // charts lent to calls running now
	Hits          uint64 // calls that found an idle chart
	Misses        uint64 // calls that made a chart
	Evictions     uint64 // charts destroyed to respect the bound
	OverheadBytes uint64 // the renderer's own memory outside the bound
	WorkerThreads int    // worker threads started
}

// Info reads the cache's figures.
func (r *Renderer) Info() (RendererInfo, error) {
	r.gate.RLock()
	defer r.gate.RUnlock()
	if r.native == nil {
		return RendererInfo{}, closedError("Renderer.Info", "renderer")
	}
	ci := cw.NewCw_renderer_info()
	defer cw.DeleteCw_renderer_info(ci)
	if st := cw.Cw_renderer_get_info(r.native.handle, ci); st != 0 {
		return RendererInfo{}, newError("Renderer.Info", st, "")
	}
	return RendererInfo{
		MaxCacheBytes: ci.GetMax_cache_bytes(), CachedBytes: ci.GetCached_bytes(),
		CachedCharts: ci.GetCached_charts(), ChartsInUse: ci.GetCharts_in_use(),
		Hits: ci.GetHits(), Misses: ci.GetMisses(), Evictions: ci.GetEvictions(),
		OverheadBytes: ci.GetOverhead_bytes(), WorkerThreads: int(ci.GetWorker_threads()),
	}, nil
}

// ClearCache destroys every idle chart; calls running now keep theirs.
func (r *Renderer) ClearCache() error {
	r.gate.RLock()
	defer r.gate.RUnlock()
	if r.native == nil {
		return closedError("Renderer.ClearCache", "renderer")
	}
	cw.Cw_renderer_clear_cache(r.native.handle)
	return nil
}

// AttachStats makes every call record itself in s: Render as "render"
// (raw formats) or "encode", each batch job as "batch", failures included.
// Attaching another Stats replaces it; Stats.Close detaches it (after the
// calls that record into it have returned).
func (r *Renderer) AttachStats(s *Stats) error {
	return r.attach(bind.StatsRefOf(s), "Renderer.AttachStats")
}

// attach attaches ref, or detaches for nil.
func (r *Renderer) attach(ref *bind.StatsRef, op string) error {
	return bind.AttachOwner(r, func(r *Renderer) *sync.Mutex { return &r.mu }, (*Renderer).slot, ref, op, "renderer")
}

// slot is read under r.mu; Close clears native under r.mu too.
func (r *Renderer) slot() *bind.StatsSlot {
	if r.native == nil {
		return nil
	}
	return &r.native.stats
}

// DetachStats stops recording into the attached Stats, if any.
func (r *Renderer) DetachStats() error { return r.attach(nil, "Renderer.DetachStats") }
