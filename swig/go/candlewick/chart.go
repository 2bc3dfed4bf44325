package candlewick

import (
	"fmt"
	"image"
	"runtime"
	"sync"

	"github.com/candlewick/candlewick/swig/go/internal/bind"
	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// Chart is a chart handle: fixed options, and scratch memory it reuses from
// one render to the next (memory stays flat over any number of renders).
//
// Close releases it at once; a Chart that is dropped without Close is
// released by a cleanup after the garbage collector finds it, which is only
// a safety net: the native memory is invisible to Go's heap accounting.
//
// A Chart is safe for concurrent use: its calls are serialised by a lock
// (the C API allows one call per handle at a time), so goroutines sharing a
// chart take turns.  To render in parallel, give each goroutine its own
// chart, for instance from a pool (see the package documentation).
type Chart struct {
	mu            sync.Mutex
	native        *chartNative // nil once closed
	cleanup       runtime.Cleanup
	width, height int
}

// chartNative is what the cleanup releases: the C handle, the C scratch
// structs and the reference to an attached stats handle.  It holds no
// pointer to the Chart, so the Chart can become unreachable.
type chartNative struct {
	handle  cw.Struct_SS_cw_chart
	scratch *scratch
	stats   bind.StatsSlot
}

func (n *chartNative) destroy() {
	cw.Cw_chart_destroy(n.handle)
	n.scratch.free()
	n.stats.Release() // after the chart: the stats handle must outlive it
}

// NewChart creates a chart.  The options are read, not retained (the font
// bytes are copied).  Errors: ErrSizeOutOfRange (width or height outside
// 16..16384), ErrInvalidArgument (an unknown theme or type, a custom colour
// that is not opaque, a layout value out of range, font bytes that cannot
// be loaded, an unknown Options.TimeZone: the error names it), ErrOutOfMemory.
func NewChart(o Options) (*Chart, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	co, err := o.native(&pin)
	if err != nil {
		return nil, err
	}
	defer cw.DeleteCw_chart_options(co)
	var h uintptr
	if st := cw.Cw_chart_create(co, &h); st != 0 {
		// No handle exists on failure to hold a message: the library's
		// explanation comes from validating the options again.
		reason := bind.Message(func(buf *byte, size int64) int64 {
			cw.Cw_chart_options_validate(co, buf, size)
			return int64(len(bind.GoString(buf)))
		})
		why := fmt.Sprintf("options rejected (%dx%d %s %s)", co.GetWidth(), co.GetHeight(), o.Type, o.Theme)
		if reason != "" {
			why += ": " + reason
		}
		return nil, newError("NewChart", st, why)
	}
	handle := cw.SwigcptrStruct_SS_cw_chart(h)
	n := &chartNative{handle: handle, scratch: newScratch(),
		stats: bind.NewStatsSlot(func(s cw.Struct_SS_cw_stats) { cw.Cw_chart_attach_stats(handle, s) })}
	var w, ht uint32
	cw.Cw_chart_frame_info(n.handle, &w, &ht, nil, nil)
	c := &Chart{native: n, width: int(w), height: int(ht)}
	c.cleanup = runtime.AddCleanup(c, (*chartNative).destroy, n)
	return c, nil
}

// Close destroys the chart.  Byte slices and images it returned stay
// valid (they are Go memory).  Closing twice is a no-op; any other call on
// a closed chart fails with an error wrapping ErrClosed.
func (c *Chart) Close() error {
	return bind.Close(&c.mu, &c.native, c.cleanup, (*chartNative).destroy)
}

// Size is the frame size in pixels.
func (c *Chart) Size() (width, height int) { return c.width, c.height }

// render runs one library call with content laid out in the chart's C
// scratch structs, under the chart's lock, and turns a failure into an
// *Error carrying the chart's message.
func (c *Chart) render(op string, content Content, call func(n *chartNative) int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.native
	if n == nil {
		return closedError(op, "chart")
	}
	if content == nil {
		return newError(op, int(ErrNullArgument), "nil content")
	}
	var pin runtime.Pinner
	defer pin.Unpin() // after the call: the C structs hold these pointers until then
	if err := n.scratch.fill(&pin, content.data()); err != nil {
		err.(*Error).Op = op
		return err
	}
	st := call(n)
	runtime.KeepAlive(c) // the cleanup must not run during the call
	if st != 0 {
		return newError(op, st, cw.Cw_chart_last_error(n.handle))
	}
	return nil
}

// Render draws content in any format.  Encoded formats (PNG, WebP, SVG)
// come back as the file's bytes; raw formats as a tight frame (width x
// height x BytesPerPixel).  Errors: ErrEmptySeries, ErrLengthMismatch (a
// column, overlay, band or histogram of another length), ErrNonFinite,
// ErrInconsistentOHLC, ErrNegativeVolume, ErrInvalidArgument (more than
// MaxPanels panels, FormatIndexed on an antialiased chart), ErrEncode,
// ErrOutOfMemory; the series is validated before a pixel is drawn.
func (c *Chart) Render(f Format, content Content) ([]byte, error) {
	const op = "Chart.Render"
	cf, ok := enumC(formats, int(f))
	if !ok {
		return nil, newError(op, int(ErrInvalidArgument), "unknown format "+f.String())
	}
	if bpp := f.BytesPerPixel(); bpp > 0 {
		frame := make([]byte, c.width*bpp*c.height)
		if err := c.renderFrame(op, cf, frame, c.width*bpp, content); err != nil {
			return nil, err
		}
		return frame, nil
	}
	var out uintptr
	err := c.render(op, content, func(n *chartNative) int {
		return cw.Cw_chart_render(n.handle, n.scratch.data, cf, &out)
	})
	if err != nil {
		return nil, err
	}
	// One copy of the (small) encoded file into Go memory; the library
	// buffer is destroyed at once.
	return bind.TakeBuffer(out), nil
}

// RenderPNG draws content as a PNG file (the chart's PNG preset).
func (c *Chart) RenderPNG(content Content) ([]byte, error) { return c.Render(FormatPNG, content) }

// RenderWebP draws content as a lossless WebP file.
func (c *Chart) RenderWebP(content Content) ([]byte, error) { return c.Render(FormatWebP, content) }

// RenderSVG draws content as an SVG document.
func (c *Chart) RenderSVG(content Content) ([]byte, error) { return c.Render(FormatSVG, content) }

// RenderImage draws content into a new *image.RGBA of the chart's size,
// written by the library in place (no copy).  Frames are opaque, so the
// premultiplied pixels of image.RGBA are the plain ones.
func (c *Chart) RenderImage(content Content) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.width, c.height))
	if err := c.RenderInto(img, content); err != nil {
		return nil, err
	}
	return img, nil
}

// RenderInto draws content into img, whose bounds must have the chart's
// size; img may be a SubImage of a larger canvas (any stride).  Pixels
// outside the bounds are left alone.  On an error the image is untouched
// unless the error is ErrOutOfMemory.
func (c *Chart) RenderInto(img *image.RGBA, content Content) error {
	const op = "Chart.RenderInto"
	if img == nil {
		return newError(op, int(ErrNullArgument), "nil image")
	}
	if w, h := img.Rect.Dx(), img.Rect.Dy(); w != c.width || h != c.height {
		return newError(op, int(ErrBufferTooSmall),
			fmt.Sprintf("image is %dx%d, the chart %dx%d", w, h, c.width, c.height))
	}
	return c.renderFrame(op, int(cw.CW_FORMAT_RGBA8), img.Pix, img.Stride, content)
}

// RenderFrame draws content into a caller-owned raw frame (FormatRGBA,
// FormatRGB or FormatIndexed) whose rows are stride bytes apart (at least
// width x BytesPerPixel); bytes between rows are left alone.  Errors as
// Render, plus ErrBufferTooSmall for a short buffer or stride.
func (c *Chart) RenderFrame(f Format, pixels []byte, stride int, content Content) error {
	const op = "Chart.RenderFrame"
	cf, ok := enumC(formats, int(f))
	if !ok || f.BytesPerPixel() == 0 {
		return newError(op, int(ErrInvalidArgument), "not a raw format: "+f.String())
	}
	return c.renderFrame(op, cf, pixels, stride, content)
}

func (c *Chart) renderFrame(op string, format int, pixels []byte, stride int, content Content) error {
	if stride < 0 {
		return newError(op, int(ErrBufferTooSmall), fmt.Sprintf("negative stride %d", stride))
	}
	var p *byte
	if len(pixels) > 0 {
		p = &pixels[0] // a call argument: checked by cgo, not retained
	}
	return c.render(op, content, func(n *chartNative) int {
		return cw.Cw_chart_render_frame(n.handle, n.scratch.data, format, p, int64(len(pixels)), int64(stride))
	})
}

// Palette is the colours of the last successful render, what FormatIndexed
// indices refer to.
func (c *Chart) Palette() ([]Color, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.native == nil {
		return nil, closedError("Chart.Palette", "chart")
	}
	var n uintptr
	if st := cw.Cw_chart_palette(c.native.handle, nil, 0, &n); st != 0 {
		return nil, newError("Chart.Palette", st, cw.Cw_chart_last_error(c.native.handle))
	}
	if n == 0 {
		return nil, nil
	}
	colors := make([]uint32, n)
	if st := cw.Cw_chart_palette(c.native.handle, &colors[0], int64(n), &n); st != 0 {
		return nil, newError("Chart.Palette", st, cw.Cw_chart_last_error(c.native.handle))
	}
	out := make([]Color, len(colors))
	for i, v := range colors {
		out[i] = Color(v)
	}
	return out, nil
}

// SetWebPQuality sets the lossy WebP quality, 0 (smallest) to 100 (best;
// default 90).  A bad value gives ErrInvalidArgument and keeps the old one.
func (c *Chart) SetWebPQuality(quality float32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.native == nil {
		return closedError("Chart.SetWebPQuality", "chart")
	}
	if st := cw.Cw_chart_set_webp_quality(c.native.handle, quality); st != 0 {
		return newError("Chart.SetWebPQuality", st, cw.Cw_chart_last_error(c.native.handle))
	}
	return nil
}

// AttachStats makes every render of this chart record itself in s (kind
// "render" for raw frames, "encode" for files).  A chart has at most one
// Stats: attaching another replaces it.  s stays open at least as long as
// it is attached; Stats.Close detaches it.
func (c *Chart) AttachStats(s *Stats) error {
	return c.attach(bind.StatsRefOf(s), "Chart.AttachStats")
}

// attach attaches ref, or detaches for nil.
func (c *Chart) attach(ref *bind.StatsRef, op string) error {
	return bind.AttachOwner(c, func(c *Chart) *sync.Mutex { return &c.mu }, (*Chart).slot, ref, op, "chart")
}

func (c *Chart) slot() *bind.StatsSlot {
	if c.native == nil {
		return nil
	}
	return &c.native.stats
}

// DetachStats stops recording into the attached Stats, if any.
func (c *Chart) DetachStats() error { return c.attach(nil, "Chart.DetachStats") }
