/*
 * SWIG interface for candlewick's low-level Python module,
 * `candlewick.lowlevel` (extension `candlewick._lowlevel`).
 *
 * This layer stays thin and C-shaped: functions return the raw cw_status and
 * the pure-Python package (candlewick/) turns it into exceptions,
 * context managers and enums.  This file only declares; the C lives in
 * cwpy/ (compiled into the same extension):
 *
 *   - columns IN without copying: any object exporting a 1-D buffer of
 *     native-endian float64 (int64 for time) is read in place through the
 *     buffer protocol, contiguous or strided (cwpy/columns.c);
 *   - the PNG OUT as `bytes` (one copy of the small encoded file, after
 *     which the library buffer is destroyed at once);
 *   - the RGBA frame OUT as a read-only buffer that OWNS the library
 *     buffer, so the frame is never copied and is released by
 *     cw_buffer_destroy() exactly when the last array over it is collected
 *     (cwpy/arrays.c);
 *   - only the buffer protocol, never NumPy's C API: the extension builds
 *     without NumPy's headers and works with NumPy 1.x and 2.x alike;
 *   - the GIL is released around every library call, so charts render in
 *     parallel from several threads (the Python layer serialises calls per
 *     handle).
 *
 * Which parts of the C API are wrapped is language-neutral and lives in
 * swig/common/candlewick_core.i, shared with the other languages; this file
 * adds the Python typemaps before it and the cwpy helpers after it.
 */
%module(package="candlewick", docstring="Low-level SWIG binding of candlewick's C API: raw statuses and handles. Use the `candlewick` package instead.") lowlevel

%begin %{
/* Before Python.h: Py_ssize_t lengths for PyBytes and friends. */
#define PY_SSIZE_T_CLEAN
%}

%{
#include "cwpy_internal.h"
%}

/* After the type table: the helpers reach cw_chart_options proxies here. */
%{
int cwpy_chart_options_from(PyObject* obj, const cw_chart_options** options) {
  void* pointer = NULL;
  if (!SWIG_IsOK(SWIG_ConvertPtr(obj, &pointer, SWIGTYPE_p_cw_chart_options, 0)) ||
      pointer == NULL) {
    PyErr_SetString(PyExc_TypeError, "job options must be a cw_chart_options");
    return 0;
  }
  *options = (const cw_chart_options*)pointer;
  return 1;
}
%}

%include <typemaps.i>

/* ------------------------------------------------------------------------ */
/* Typemaps                                                                 */
/* ------------------------------------------------------------------------ */

/* `freearg` runs on every exit path of a wrapper, including failures in an
 * earlier argument, so `have_*` locals start at 0 and guard the release. */

%typemap(in) const cw_ohlcv* series (cwpy_series temp, int have_temp = 0) {
  if (!cwpy_series_acquire($input, &temp)) SWIG_fail;
  have_temp = 1;
  $1 = &temp.ohlcv;
}
%typemap(freearg) const cw_ohlcv* series {
  if (have_temp$argnum) cwpy_series_release(&temp$argnum);
}

%typemap(in) (uint8_t* pixels, size_t buffer_size, size_t row_stride)
    (Py_buffer view, int have_view = 0) {
  if (!cwpy_pixels_acquire($input, &view, &$1, &$2, &$3)) SWIG_fail;
  have_view = 1;
}
%typemap(freearg) (uint8_t* pixels, size_t buffer_size, size_t row_stride) {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

/* cw_chart_create's out-handle: returned after the status as a SWIG pointer
 * object (None on failure). */
%typemap(in, numinputs=0) cw_chart** out (cw_chart* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_chart** out {
  $result = SWIG_Python_AppendOutput(
      $result, SWIG_NewPointerObj(temp$argnum, $descriptor(cw_chart*), 0));
}

/* The other out-handles likewise. */
%typemap(in, numinputs=0) cw_renderer** out (cw_renderer* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_renderer** out {
  $result = SWIG_Python_AppendOutput(
      $result, SWIG_NewPointerObj(temp$argnum, $descriptor(cw_renderer*), 0));
}
%typemap(in, numinputs=0) cw_stats** out (cw_stats* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_stats** out {
  $result = SWIG_Python_AppendOutput(
      $result, SWIG_NewPointerObj(temp$argnum, $descriptor(cw_stats*), 0));
}
%typemap(in, numinputs=0) cw_indicator_context** out
    (cw_indicator_context* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_indicator_context** out {
  $result = SWIG_Python_AppendOutput(
      $result,
      SWIG_NewPointerObj(temp$argnum, $descriptor(cw_indicator_context*), 0));
}
%typemap(in, numinputs=0) cw_bar_context** out (cw_bar_context* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_bar_context** out {
  $result = SWIG_Python_AppendOutput(
      $result, SWIG_NewPointerObj(temp$argnum, $descriptor(cw_bar_context*), 0));
}
%typemap(in, numinputs=0) cw_indicator_stream** out
    (cw_indicator_stream* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) cw_indicator_stream** out {
  $result = SWIG_Python_AppendOutput(
      $result,
      SWIG_NewPointerObj(temp$argnum, $descriptor(cw_indicator_stream*), 0));
}
/* cw_indicator_find's id: returned after the status (0 when unknown). */
%typemap(in, numinputs=0) cw_indicator_id* out (cw_indicator_id temp = 0) {
  $1 = &temp;
}
%typemap(argout) cw_indicator_id* out {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)temp$argnum));
}

/* The helpers' Python results: returned after the status, None on failure. */
%typemap(in, numinputs=0) PyObject** result (PyObject* temp = NULL) {
  $1 = &temp;
}
%typemap(argout) PyObject** result {
  $result = SWIG_Python_AppendOutput($result,
                                     temp$argnum ? temp$argnum : SWIG_Py_Void());
}

%apply unsigned int* OUTPUT { uint32_t* width, uint32_t* height };
%apply size_t* OUTPUT { size_t* min_row_stride, size_t* min_buffer_size };

/* Rendering runs without the GIL.  The typemaps above have already taken
 * their buffer views (which keep the memory alive) before the call. */
%exception cw_chart_render_rgba {
  Py_BEGIN_ALLOW_THREADS
  $action
  Py_END_ALLOW_THREADS
}

/* The helpers may fail in Python itself (a column that cannot be read in
 * place, MemoryError while building the result): they then leave an
 * exception set and the wrapper must fail (cwpy/cwpy.h). */
%define CWPY_MAY_RAISE(name)
%exception name {
  $action
  if (PyErr_Occurred()) SWIG_fail;
}
%enddef
CWPY_MAY_RAISE(cwpy_set_array_factory)
CWPY_MAY_RAISE(cwpy_render_png_bytes)
CWPY_MAY_RAISE(cwpy_render_rgba_array)
CWPY_MAY_RAISE(cwpy_chart_create)
CWPY_MAY_RAISE(cwpy_render)
CWPY_MAY_RAISE(cwpy_chart_palette)
CWPY_MAY_RAISE(cwpy_renderer_create)
CWPY_MAY_RAISE(cwpy_renderer_render)
CWPY_MAY_RAISE(cwpy_renderer_render_batch)
CWPY_MAY_RAISE(cwpy_renderer_info)
CWPY_MAY_RAISE(cwpy_stats_create)
CWPY_MAY_RAISE(cwpy_stats_last_error)
CWPY_MAY_RAISE(cwpy_stats_snapshot)
CWPY_MAY_RAISE(cwpy_stats_text)
CWPY_MAY_RAISE(cwpy_indicator_info)
CWPY_MAY_RAISE(cwpy_indicator_lookback)
CWPY_MAY_RAISE(cwpy_indicator_compute)
CWPY_MAY_RAISE(cwpy_indicator_compute_batch)
CWPY_MAY_RAISE(cwpy_indicator_stream_create)
CWPY_MAY_RAISE(cwpy_indicator_stream_push)
CWPY_MAY_RAISE(cwpy_indicator_stream_push_many)
CWPY_MAY_RAISE(cwpy_bars)

/* ------------------------------------------------------------------------ */
/* The C API (the allow-list shared by every language)                      */
/* ------------------------------------------------------------------------ */

%include "candlewick_core.i"

/* ------------------------------------------------------------------------ */
/* The Python helpers (cwpy/cwpy.h), under their Python names               */
/* ------------------------------------------------------------------------ */

/* Output arrays and frames. */
%rename("set_array_factory") cwpy_set_array_factory;
%rename("live_frame_count") cwpy_live_frame_count;

/* Charts: creation with an optional font; library-owned outputs only
 * through helpers, so a raw cw_buffer* never reaches Python (where a
 * forgotten cw_buffer_destroy would leak it). */
%rename("chart_create") cwpy_chart_create;
%rename("render_png_bytes") cwpy_render_png_bytes;
%rename("render_rgba_array") cwpy_render_rgba_array;
%rename("render") cwpy_render;
%rename("palette") cwpy_chart_palette;

/* The thread-safe renderer: created with a font, renders and batches whose
 * outputs come back as Python objects (destroy, stats and the cache are the
 * C functions, in the shared allow-list). */
%rename("renderer_create") cwpy_renderer_create;
%rename("renderer_render") cwpy_renderer_render;
%rename("renderer_render_batch") cwpy_renderer_render_batch;
%rename("renderer_info") cwpy_renderer_info;

/* Statistics: labels, samples, readings as Python objects. */
%rename("stats_create") cwpy_stats_create;
%rename("stats_record") cwpy_stats_record;
%rename("stats_last_error") cwpy_stats_last_error;
%rename("stats_snapshot") cwpy_stats_snapshot;
%rename("stats_text") cwpy_stats_text;

/* Indicators: descriptions, lookback, a context, compute (one series or
 * many) into new arrays. */
%rename("indicator_info") cwpy_indicator_info;
%rename("indicator_lookback") cwpy_indicator_lookback;
%rename("indicator_context_create") cwpy_indicator_context_create;
%rename("indicator_compute") cwpy_indicator_compute;
%rename("indicator_compute_batch") cwpy_indicator_compute_batch;

/* Streams: created from Python parameters, fed one bar or many. */
%rename("indicator_stream_create") cwpy_indicator_stream_create;
%rename("indicator_stream_push") cwpy_indicator_stream_push;
%rename("indicator_stream_push_many") cwpy_indicator_stream_push_many;

/* Bar aggregation: a context, the size query and the fill in one call. */
%rename("bar_context_create") cwpy_bar_context_create;
%rename("bars") cwpy_bars;
%rename("DEFAULT_MAX_BAR_ROWS") CWPY_DEFAULT_MAX_BAR_ROWS;

%include "cwpy.h"
