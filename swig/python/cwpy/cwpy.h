/*
 * The C helpers that candlewick's Python module (`candlewick.lowlevel`)
 * wraps next to the C API itself: the calls whose arguments or results are
 * Python objects (borrowed columns, bytes, arrays, dicts), written once
 * here in C and declared to SWIG by ../candlewick.i.  They use only the
 * buffer protocol, never NumPy's C API: output arrays come from the factory
 * the package registers (numpy.empty), raw frames are exported as
 * read-only buffers that numpy.asarray wraps without a copy.
 *
 * Every helper returns the library's cw_status.  A helper may also fail in
 * Python itself (a TypeError for a column it cannot read in place, a
 * MemoryError while building a result): it then leaves that exception set,
 * and the wrapper raises it whatever the status says.  `PyObject** result`
 * parameters are results, returned after the status (None on failure).
 *
 * Threads: every helper is called with the GIL held and releases it around
 * the library call it makes, with its buffer views taken before and
 * released after; one thread at a time per handle, as the C API requires
 * (the Python package serialises calls per handle).
 */
#ifndef CANDLEWICK_SWIG_PYTHON_CWPY_H_
#define CANDLEWICK_SWIG_PYTHON_CWPY_H_

#ifndef SWIG
#include <Python.h>

#include "capi/candlewick.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* --- Arrays (arrays.c) --------------------------------------------------- */

/* Registers the callable that makes output arrays, called as
 * empty(n, dtype) with dtype "f8", "i8" or "u4" (the package passes
 * numpy.empty at import).  Until then helpers that return arrays raise
 * RuntimeError. */
cw_status cwpy_set_array_factory(PyObject* empty);

/* How many raw frames handed out are still alive: lets tests prove that
 * collecting the last array over a frame destroys its cw_buffer. */
long cwpy_live_frame_count(void);

/* --- Charts (render.c) --------------------------------------------------- */

/* cw_chart_create with `font` (None, or any object exporting a contiguous
 * buffer: bytes, bytearray, memoryview, mmap) borrowed as font_data and
 * `time_zone` (None: UTC) for the call; the library copies the bytes and
 * loads the zone before it returns.  Never stores a pointer in the caller's
 * options.  *result is the first problem cw_chart_options_validate finds
 * when the create failed ("" otherwise): no handle exists to hold it. */
cw_status cwpy_chart_create(const cw_chart_options* options, PyObject* font,
                            const char* time_zone, cw_chart** out,
                            PyObject** result);

/* Renders and encodes a PNG; *result becomes `bytes` (one copy of the small
 * file; the cw_buffer is destroyed right after). */
cw_status cwpy_render_png_bytes(cw_chart* chart, const cw_ohlcv* series,
                                PyObject** result);

/* Renders into a new library-owned frame and hands it out without a copy:
 * *result becomes a Frame that owns the cw_buffer and exports it as a
 * read-only (height, width, 4) uint8 buffer (numpy.asarray(frame) wraps
 * it); the cw_buffer is destroyed exactly once, when the last array (or
 * view) over the frame is collected. */
cw_status cwpy_render_rgba_array(cw_chart* chart, const cw_ohlcv* series,
                                 PyObject** result);

/* Renders `series` with `extras` = (overlays, bands, panels, title) in
 * `format`: *result becomes `bytes` for encoded formats and, for raw ones, a
 * Frame (a read-only uint8 buffer of shape (h, w, 4), (h, w, 3) or (h, w))
 * that owns the library's frame.  The tuple shapes are in render.c. */
cw_status cwpy_render(cw_chart* chart, const cw_ohlcv* series,
                      PyObject* extras, int32_t format, PyObject** result);

/* The palette of the chart's last successful render as a new uint32 array
 * of 0xRRGGBBAA colours (what INDEXED8 indices refer to). */
cw_status cwpy_chart_palette(const cw_chart* chart, PyObject** result);

/* --- The thread-safe renderer (renderer.c) ----------------------------- */

/* cw_renderer_create with max_cache_bytes and `font` (None or a contiguous
 * buffer, copied by the library); *result is the first problem
 * cw_renderer_options_validate finds ("" when none). */
cw_status cwpy_renderer_create(uint64_t max_cache_bytes, PyObject* font,
                               cw_renderer** out, PyObject** result);

/* One cw_renderer_render of `series` with `extras` (as cwpy_render) in
 * `format` under `options` with `time_zone` (None: UTC) (any thread; the
 * GIL is released for the render).  *result: bytes or a Frame on success,
 * else (status, message) (a renderer has no last error: the message is the
 * job's). */
cw_status cwpy_renderer_render(cw_renderer* renderer,
                               const cw_chart_options* options,
                               const char* time_zone, const cw_ohlcv* series,
                               PyObject* extras, int32_t format,
                               float webp_quality, PyObject** result);

/* cw_renderer_render_batch over `jobs`, a tuple of (options, time_zone,
 * series, extras, format, webp_quality) tuples, on `threads` threads (0: every
 * CPU).  *result is a list with one item per job, in order: bytes or a
 * Frame, (status, message) for a job the library failed, or the exception
 * object a job's arguments raised (that job alone is skipped).  Returns the
 * batch call's status (CW_OK when it ran). */
cw_status cwpy_renderer_render_batch(cw_renderer* renderer, PyObject* jobs,
                                     uint32_t threads, PyObject** result);

/* cw_renderer_get_info as a dict of its fields. */
cw_status cwpy_renderer_info(const cw_renderer* renderer, PyObject** result);

/* --- Statistics (stats.c) ------------------------------------------------ */

/* cw_stats_create with `labels` (None or a tuple of str) and the first
 * problem cw_stats_options_validate finds as *result ("" when none): no
 * handle exists on failure to hold a message. */
cw_status cwpy_stats_create(const cw_stats_options* options, PyObject* labels,
                            cw_stats** out, PyObject** result);

/* One sample, as cw_stats_record takes it. */
cw_status cwpy_stats_record(cw_stats* stats, int32_t kind, int64_t end_ns,
                            int64_t duration_ns, uint64_t bytes, uint64_t items,
                            int32_t simd_target, int32_t failed);

/* The handle's last error message as str. */
cw_status cwpy_stats_last_error(const cw_stats* stats, PyObject** result);

/* cw_stats_read as a dict: the handle's figures and "kinds", a dict from
 * each kind in use's name to its figures (the window's under "window"). */
cw_status cwpy_stats_snapshot(const cw_stats* stats, PyObject** result);

/* cw_stats_read_json (prometheus == 0) or cw_stats_read_prometheus with
 * `prefix` (None: "candlewick") as str. */
cw_status cwpy_stats_text(const cw_stats* stats, int prometheus,
                          const char* prefix, PyObject** result);

/* --- Indicators (indicators.c) ------------------------------------------- */

/* cw_indicator_get_info and friends as one tuple:
 * (name, title, inputs, params, outputs), params being tuples
 * (name, default, min, max, is_integer). */
cw_status cwpy_indicator_info(cw_indicator_id id, PyObject** result);

/* cw_indicator_lookback with `params` (None or a sequence of numbers). */
cw_status cwpy_indicator_lookback(cw_indicator_id id, PyObject* params,
                                  PyObject** result);

/* A context with the C library's allocator. */
cw_status cwpy_indicator_context_create(cw_indicator_context** out);

/* cw_indicator_compute over `columns` (a tuple of 1-D float64 buffers, read
 * in place) into new float64 arrays, one per output, each with as many
 * elements as the first column has rows: *result is the tuple of them. */
cw_status cwpy_indicator_compute(cw_indicator_context* context,
                                 cw_indicator_id id, PyObject* columns,
                                 PyObject* params, PyObject** result);

/* cw_indicator_compute_batch over `series`, a tuple of column tuples (one
 * per series, any lengths, read in place): *result is a tuple holding one
 * tuple of new output arrays per series.  When a series fails, *result is
 * its index instead (earlier series were computed, later ones untouched)
 * and the context's message starts with "series <s>: ". */
cw_status cwpy_indicator_compute_batch(cw_indicator_context* context,
                                       cw_indicator_id id, PyObject* series,
                                       PyObject* params, PyObject** result);

/* --- Streaming indicators (stream.c) ------------------------------------- */

/* cw_indicator_stream_create with `params` (None or a sequence of numbers)
 * and the C library's allocator. */
cw_status cwpy_indicator_stream_create(cw_indicator_id id, PyObject* params,
                                       cw_indicator_stream** out);

/* cw_indicator_stream_push of one bar, a sequence of numbers in the
 * indicator's input order (`id` is the stream's indicator): *result is the
 * tuple of the bar's outputs, floats (NaN before the lookback). */
cw_status cwpy_indicator_stream_push(cw_indicator_stream* stream,
                                     cw_indicator_id id, PyObject* bar,
                                     PyObject** result);

/* Pushes every row of `columns` (a tuple of equally long 1-D float64
 * buffers in the indicator's input order, read in place) in one call
 * without the GIL: *result is a tuple of new output arrays, one value per
 * row, exactly what pushing the rows one by one gives.  On failure *result
 * is the index of the row that failed (the rows before it were pushed), or
 * for columns of different lengths (CW_ERR_LENGTH_MISMATCH, nothing pushed)
 * a str saying which. */
cw_status cwpy_indicator_stream_push_many(cw_indicator_stream* stream,
                                          cw_indicator_id id, PyObject* columns,
                                          PyObject** result);

/* --- Bar aggregation (bars.c) -------------------------------------------- */

/* A bar context with the C library's allocator. */
cw_status cwpy_bar_context_create(cw_bar_context** out);

/* The output rows a call may allocate when the caller names no bound
 * (max_rows < 0), unless the input has more: 2^24 rows of the seven
 * columns take 0.9 GiB. */
#define CWPY_DEFAULT_MAX_BAR_ROWS 16777216 /* 2^24 */

/* cw_bars_from_ticks (ticks != 0; columns = (time, price, size)) or
 * cw_bars_from_ohlcv (columns = (time, open, high, low, close, volume)):
 * the size query, new arrays of exactly that many rows, the fill.
 * *result = (count, time or None, open, high, low, close, volume, row).
 * More rows than max_rows (negative: the larger of
 * CWPY_DEFAULT_MAX_BAR_ROWS and the input's rows) is
 * CW_ERR_SIZE_OUT_OF_RANGE before anything is allocated, with
 * *result = (rows, bound): a tiny renko box or a long empty span of time
 * bars would otherwise exhaust memory (the kernel kills the process). */
cw_status cwpy_bars(cw_bar_context* context, int ticks, PyObject* columns,
                    const cw_bar_options* options, long long max_rows,
                    PyObject** result);

#ifdef __cplusplus
}
#endif

#endif /* CANDLEWICK_SWIG_PYTHON_CWPY_H_ */
