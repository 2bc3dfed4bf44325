/*
 * The C helpers that candlewick's Python module (`candlewick.lowlevel`)
 * wraps next to the C API itself: the calls whose arguments or results are
 * Python objects (borrowed columns, bytes, NumPy arrays, dicts), written
 * once here in C and declared to SWIG by ../candlewick.i.
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

/* --- Charts (render.c) --------------------------------------------------- */

/* cw_chart_create with `font` (None, or any object exporting a contiguous
 * buffer: bytes, bytearray, memoryview, mmap) borrowed as font_data for the
 * call; the library copies the bytes before it returns.  Never stores a
 * pointer in the caller's options. */
cw_status cwpy_chart_create(const cw_chart_options* options, PyObject* font,
                            cw_chart** out);

/* Renders and encodes a PNG; *result becomes `bytes` (one copy of the small
 * file; the cw_buffer is destroyed right after). */
cw_status cwpy_render_png_bytes(cw_chart* chart, const cw_ohlcv* series,
                                PyObject** result);

/* Renders into a new library-owned frame and hands it to NumPy without a
 * copy: *result becomes a read-only (height, width, 4) uint8 array whose
 * base owns the cw_buffer, destroyed exactly once, when the last array (or
 * view) over the frame is collected. */
cw_status cwpy_render_rgba_array(cw_chart* chart, const cw_ohlcv* series,
                                 PyObject** result);

/* How many frames handed to NumPy are still alive: lets tests prove that
 * collecting an array really destroys its cw_buffer. */
long cwpy_live_frame_count(void);

/* Renders `series` with `extras` = (overlays, bands, panels, title) in
 * `format`: *result becomes `bytes` for encoded formats and, for raw ones, a
 * read-only uint8 array of shape (h, w, 4), (h, w, 3) or (h, w) that owns
 * the library's frame.  The tuple shapes are in render.c. */
cw_status cwpy_render(cw_chart* chart, const cw_ohlcv* series,
                      PyObject* extras, int32_t format, PyObject** result);

/* The palette of the chart's last successful render as a new uint32 array
 * of 0xRRGGBBAA colours (what INDEXED8 indices refer to). */
cw_status cwpy_chart_palette(const cw_chart* chart, PyObject** result);

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
 * in place) into new NumPy arrays, one per output, each with as many
 * elements as the first column has rows: *result is the tuple of them. */
cw_status cwpy_indicator_compute(cw_indicator_context* context,
                                 cw_indicator_id id, PyObject* columns,
                                 PyObject* params, PyObject** result);

/* --- Bar aggregation (bars.c) -------------------------------------------- */

/* A bar context with the C library's allocator. */
cw_status cwpy_bar_context_create(cw_bar_context** out);

/* cw_bars_from_ticks (ticks != 0; columns = (time, price, size)) or
 * cw_bars_from_ohlcv (columns = (time, open, high, low, close, volume)):
 * the size query, new NumPy arrays of exactly that many rows, the fill.
 * *result = (count, time or None, open, high, low, close, volume, row). */
cw_status cwpy_bars(cw_bar_context* context, int ticks, PyObject* columns,
                    const cw_bar_options* options, PyObject** result);

#ifdef __cplusplus
}
#endif

#endif /* CANDLEWICK_SWIG_PYTHON_CWPY_H_ */
