// Package candlewick renders financial charts (candlesticks, hollow candles,
// OHLC bars, lines, areas, Heikin-Ashi, renko, point-and-figure; volume,
// overlays, bands and indicator panels) to PNG, WebP, SVG or an
// *image.RGBA, through the candlewick C library.
//
//	chart, err := candlewick.NewChart(candlewick.Options{Width: 800, Height: 400})
//	if err != nil { ... }
//	defer chart.Close()
//	png, err := chart.RenderPNG(candlewick.Series{Time: t, Open: o, High: h, Low: l, Close: c, Volume: v})
//
// Indicators are in package indicators, bar aggregation in package bars.
//
// # Installing
//
// The package links the installed C library through pkg-config
// (#cgo pkg-config: candlewick).  Install it with the repository's
// tools/install.sh PREFIX; for a PREFIX outside the system's paths, build
// with PKG_CONFIG_PATH=PREFIX/lib/pkgconfig and run with
// LD_LIBRARY_PATH=PREFIX/lib (or CGO_LDFLAGS=-Wl,-rpath,PREFIX/lib).
//
// # Memory
//
// Inputs are borrowed: the []float64 and []int64 columns of a Series,
// overlay and panel values are read in place by the library during the
// call (no copy) and never retained.  While the library reads them they are
// pinned (runtime.Pinner), so the rules of cgo hold with the default checks
// and with GOEXPERIMENT=cgocheck2, and nothing is asked of the caller.
//
// Outputs are Go memory: encoded files are copied once out of the library's
// buffer (which is freed at once), raw frames and images are written by the
// library straight into Go slices.  They stay valid after the chart is
// closed.
//
// Every handle (Chart, Stats, indicators.Context, indicators.Stream,
// bars.Context) has a Close that releases its C memory at once; call it
// (defer chart.Close()).  A handle dropped without Close is released by a
// cleanup after a garbage collection; that is a safety net only, because
// the collector does not see C memory and may run late.
//
// # Goroutines
//
// Every type here is safe for concurrent use.  A Chart serialises its
// calls with a lock (the C library allows one call at a time per handle),
// so goroutines sharing one chart take turns; separate charts render in
// parallel.  A server should use one Renderer: any number of goroutines
// call it at once, each call with its own Options (size, theme, type,
// format), and it keeps a bounded cache of charts behind it;
// Renderer.RenderBatch renders many jobs on the library's worker threads,
// each with its own result.  One Stats may be shared by all.
//
// # Errors
//
// A failed call returns an *Error with the operation, the C status and the
// library's detailed message ("row 7: prices must be finite (...)").  Each
// Status is also a sentinel error:
//
//	if errors.Is(err, candlewick.ErrNonFinite) { ... }
//	var e *candlewick.Error
//	if errors.As(err, &e) { log.Println(e.Status, e.Message) }
//
// A call on a closed handle fails with an error wrapping ErrClosed.
package candlewick
