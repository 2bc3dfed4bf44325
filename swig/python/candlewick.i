/*
 * SWIG interface for candlewick's low-level Python module,
 * `candlewick.lowlevel` (extension `candlewick._lowlevel`).
 *
 * This layer stays thin and C-shaped: functions return the raw cw_status and
 * the pure-Python package (candlewick/__init__.py) turns it into exceptions,
 * context managers and enums.  What lives here is only what Python cannot do
 * itself:
 *
 *   - columns IN without copying: any object exporting a 1-D buffer of
 *     native-endian float64 (int64 for time) is read in place through the
 *     buffer protocol, contiguous or strided, and wrong item types are
 *     rejected, never converted (see cwpy_acquire_column);
 *   - the PNG OUT as `bytes` (one copy of the small encoded file, after
 *     which the library buffer is destroyed at once);
 *   - the RGBA frame OUT as a NumPy array that OWNS the library buffer
 *     through a PyCapsule base, so the frame is never copied and is released
 *     by cw_buffer_destroy() exactly when the array is collected;
 *   - the GIL is released around rendering, so charts render in parallel
 *     from several threads (the Python layer serialises calls per chart).
 *
 * Only an allow-list of the C API is wrapped: everything is ignored first,
 * then the names below are un-ignored, so additions to candlewick.h never
 * leak into Python by accident.
 */
%module(package="candlewick", docstring="Low-level SWIG binding of candlewick's C API: raw statuses and handles. Use the `candlewick` package instead.") lowlevel

%begin %{
/* Before Python.h: Py_ssize_t lengths for PyBytes and friends. */
#define PY_SSIZE_T_CLEAN
%}

%{
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>

#include <string.h>

#include "capi/candlewick.h"
%}

/* NumPy's C API is a table of function pointers loaded at import. */
%init %{
  import_array();
%}

%include <stdint.i>
%include <typemaps.i>

/* ------------------------------------------------------------------------ */
/* The allow-list                                                           */
/* ------------------------------------------------------------------------ */

%ignore "";

/* Version, status text and the constants of the header. */
%rename("%s") cw_version;
%rename("%s") cw_version_string;
%rename("%s") cw_status_string;
%rename("%s") CW_VERSION_MAJOR;
%rename("%s") CW_VERSION_MINOR;
%rename("%s") CW_VERSION_PATCH;
%rename("%s") CW_MIN_DIMENSION;
%rename("%s") CW_MAX_DIMENSION;
%rename("%s") CW_OK;
%rename("%s", regextarget=1) "^CW_ERR_";
/* Enumerators of a named enum are only emitted when the enum itself is. */
%rename("%s") cw_theme;
%rename("%s", regextarget=1) "^CW_THEME_";
%rename("%s") cw_chart_type;
%rename("%s", regextarget=1) "^CW_CHART_";
%rename("%s") cw_png_preset;
%rename("%s", regextarget=1) "^CW_PNG_";

/* The options struct, minus `allocator` (a C function-pointer table has no
 * meaning in Python), `struct_size` (owned by cw_chart_options_init) and the
 * font pointer (cwpy_chart_create borrows a bytes-like object for it, so no
 * dangling pointer can be stored in the struct from Python).
 * The destructor must be un-ignored explicitly, or SWIG would ignore it and
 * leak every options object. */
%rename("%s") cw_chart_options;
%rename("%s") cw_chart_options::cw_chart_options;
%rename("%s") cw_chart_options::~cw_chart_options;
%rename("%s") cw_chart_options::width;
%rename("%s") cw_chart_options::height;
%rename("%s") cw_chart_options::type;
%rename("%s") cw_chart_options::theme;
%rename("%s") cw_chart_options::show_volume;
%rename("%s") cw_chart_options::show_grid;
%rename("%s") cw_chart_options::show_axes;
%rename("%s") cw_chart_options::antialias;
%rename("%s") cw_chart_options::use_custom_colors;
%rename("%s") cw_chart_options::background;
%rename("%s") cw_chart_options::up;
%rename("%s") cw_chart_options::down;
%rename("%s") cw_chart_options::grid;
%rename("%s") cw_chart_options::text;
%rename("%s") cw_chart_options::axis;
%rename("%s") cw_chart_options::png_preset;
%rename("%s") cw_chart_options::price_weight;
%rename("%s") cw_chart_options::volume_weight;
%rename("%s") cw_chart_options::panel_gap;
%rename("%s") cw_chart_options::margin;
%rename("%s") cw_chart_options::line_width;
%rename("%s") cw_chart_options::box_size;
%rename("%s") cw_chart_options::reversal;
%rename("%s") cw_chart_options::label_size;
%rename("%s") cw_chart_options_init;

/* The chart handle's lifetime and queries. */
%rename("%s") cw_chart_create;
%rename("%s") cw_chart_destroy;
%rename("%s") cw_chart_last_error;
%rename("%s") cw_chart_frame_info;

/* Rendering: into a caller-owned array directly, the library-owned outputs
 * only through the helpers further down, so a raw cw_buffer* never reaches
 * Python (where a forgotten cw_buffer_destroy would leak it). */
%rename("%s") cw_chart_render_rgba;
%rename("render_png_bytes") cwpy_render_png_bytes;
%rename("render_rgba_array") cwpy_render_rgba_array;
%rename("live_frame_count") cwpy_live_frame_count;

/* Creation with an optional font, the general render (overlays, bands,
 * panels, every cw_format), the palette and the WebP quality. */
%rename("chart_create") cwpy_chart_create;
%rename("render") cwpy_render;
%rename("palette") cwpy_chart_palette;
%rename("%s") cw_chart_set_webp_quality;
%rename("%s") cw_format_bytes_per_pixel;
%rename("%s") cw_format;
%rename("%s", regextarget=1) "^CW_FORMAT_";
%rename("%s") CW_MAX_PANELS;

/* Statistics: the handle, its options (capacity and retention; labels go
 * through cwpy_stats_create), readings as Python objects, attaching. */
%rename("%s") cw_stats_options;
%rename("%s") cw_stats_options::cw_stats_options;
%rename("%s") cw_stats_options::~cw_stats_options;
%rename("%s") cw_stats_options::capacity;
%rename("%s") cw_stats_options::retention_ns;
%rename("%s") cw_stats_options_init;
%rename("stats_create") cwpy_stats_create;
%rename("%s") cw_stats_destroy;
%rename("%s") cw_stats_reset;
%rename("%s") cw_stats_now;
%rename("stats_record") cwpy_stats_record;
%rename("stats_last_error") cwpy_stats_last_error;
%rename("stats_snapshot") cwpy_stats_snapshot;
%rename("stats_text") cwpy_stats_text;
%rename("%s") cw_chart_attach_stats;
%rename("%s") cw_simd_target_name;
%rename("%s") cw_simd_target_active;
%rename("%s") cw_stats_kind;
%rename("%s", regextarget=1) "^CW_STATS_";
%rename("%s") cw_simd_target;
%rename("%s", regextarget=1) "^CW_SIMD_";

/* Indicators: descriptions, lookup, lookback, a context and compute into
 * NumPy-owned outputs. */
%rename("%s") cw_indicator_count;
%rename("%s") cw_indicator_find;
%rename("indicator_info") cwpy_indicator_info;
%rename("indicator_lookback") cwpy_indicator_lookback;
%rename("indicator_context_create") cwpy_indicator_context_create;
%rename("%s") cw_indicator_context_destroy;
%rename("%s") cw_indicator_context_last_error;
%rename("indicator_compute") cwpy_indicator_compute;
%rename("%s", regextarget=1) "^CW_IND_";
%rename("%s", regextarget=1) "^CW_MA_";
%rename("%s") cw_indicator_context_attach_stats;

/* Bar aggregation: the options struct (minus struct_size, owned by
 * cw_bar_options_init), a context, and aggregation into NumPy-owned outputs
 * through cwpy_bars (size query, then the fill). */
%rename("%s") cw_bar_method;
%rename("%s", regextarget=1) "^CW_BARS_";
%rename("%s") cw_bar_empty;
%rename("%s", regextarget=1) "^CW_BAR_EMPTY_";
%rename("%s") cw_box_mode;
%rename("%s", regextarget=1) "^CW_BOX_";
%rename("%s") cw_bar_options;
%rename("%s") cw_bar_options::cw_bar_options;
%rename("%s") cw_bar_options::~cw_bar_options;
%rename("%s") cw_bar_options::method;
%rename("%s") cw_bar_options::empty;
%rename("%s") cw_bar_options::interval;
%rename("%s") cw_bar_options::offset;
%rename("%s") cw_bar_options::tick_count;
%rename("%s") cw_bar_options::volume_threshold;
%rename("%s") cw_bar_options::volume_split;
%rename("%s") cw_bar_options::box_mode;
%rename("%s") cw_bar_options::range;
%rename("%s") cw_bar_options::box_size;
%rename("%s") cw_bar_options::atr_period;
%rename("%s") cw_bar_options::reversal;
%rename("%s") cw_bar_options::reversal_amount;
%rename("%s") cw_bar_options::reversal_percent;
%rename("%s") cw_bar_options::line_count;
%rename("%s") cw_bar_options_init;
%rename("bar_context_create") cwpy_bar_context_create;
%rename("%s") cw_bar_context_destroy;
%rename("%s") cw_bar_context_last_error;
%rename("%s") cw_bar_context_attach_stats;
%rename("bars") cwpy_bars;

/* ------------------------------------------------------------------------ */
/* Helpers shared by the typemaps                                           */
/* ------------------------------------------------------------------------ */

%{
/* Tuple order of a series at this level (the Python layer builds it). */
enum { CWPY_TIME, CWPY_OPEN, CWPY_HIGH, CWPY_LOW, CWPY_CLOSE, CWPY_VOLUME,
       CWPY_COLUMNS };
static const char* const cwpy_column_names[CWPY_COLUMNS] = {
    "time", "open", "high", "low", "close", "volume"};

/* A series plus the buffer views that keep its columns' memory alive (and
 * un-resizable) until the C call has returned. */
typedef struct cwpy_series {
  cw_ohlcv ohlcv;
  Py_buffer views[CWPY_COLUMNS];
  int held[CWPY_COLUMNS];
} cwpy_series;

/* An exporter may hand out NULL for an empty buffer; the C API reads a NULL
 * column as "absent", which would turn "empty" into "missing".  Never read:
 * the length is 0. */
static const int64_t cwpy_empty_column = 0;

/* Splits a PEP 3118 item format into its single type code, or returns 0 when
 * it is not a single item.  *native is set to 0 for an explicit byte order
 * that differs from this machine's. */
static char cwpy_format_code(const char* format, int* native) {
  *native = 1;
  if (format == NULL) return 'B'; /* PEP 3118: NULL means unsigned bytes */
  switch (*format) {
    case '@':
    case '=':
      ++format;
      break;
    case '<':
      *native = PY_LITTLE_ENDIAN;
      ++format;
      break;
    case '>':
    case '!':
      *native = PY_BIG_ENDIAN;
      ++format;
      break;
  }
  if (format[0] == '\0' || format[1] != '\0') return 0;
  return format[0];
}

/* Borrows one column of the series tuple.  None means "absent" (the C API
 * then reports required columns as CW_ERR_NULL_ARGUMENT).  Anything else must
 * export a 1-D buffer of 8-byte native-endian items: 'd' for prices and
 * volume, a signed 64-bit integer code for time.  Nothing is ever converted
 * or copied: a float32 or object array is a TypeError, because silently
 * copying it would defeat the point of borrowing.  On success the view is
 * held and must be released with PyBuffer_Release. */
static int cwpy_acquire_column(PyObject* obj, const char* name, int want_time,
                               Py_buffer* view, int* held, const void** data,
                               size_t* length, ptrdiff_t* stride) {
  const char* want = want_time ? "int64" : "float64";
  *data = NULL;
  *length = 0;
  *stride = 0;
  if (obj == Py_None) return 1;
  if (PyObject_GetBuffer(obj, view, PyBUF_STRIDES | PyBUF_FORMAT) != 0) {
    PyErr_Format(PyExc_TypeError,
                 "column '%s' must be a NumPy array (or other buffer) of %s, "
                 "not %.200s; candlewick reads columns in place and never "
                 "converts them (use numpy.asarray(x, dtype=numpy.%s))",
                 name, want, Py_TYPE(obj)->tp_name, want);
    return 0;
  }
  *held = 1;
  int native = 1;
  const char code = cwpy_format_code(view->format, &native);
  const int code_ok = want_time ? (code == 'q' || code == 'l') : code == 'd';
  if (!code_ok || view->itemsize != 8) {
    PyErr_Format(PyExc_TypeError,
                 "column '%s' has item format '%s' (%zd-byte items) but must be "
                 "%s; candlewick never converts dtypes implicitly (pass "
                 "x.astype(numpy.%s))",
                 name, view->format ? view->format : "B", view->itemsize, want,
                 want);
    return 0;
  }
  if (!native) {
    PyErr_Format(PyExc_TypeError,
                 "column '%s' is %s in non-native byte order ('%s'); pass "
                 "x.astype(x.dtype.newbyteorder('='))",
                 name, want, view->format);
    return 0;
  }
  if (view->ndim != 1) {
    PyErr_Format(PyExc_ValueError,
                 "column '%s' must be one-dimensional, got %d dimensions",
                 name, view->ndim);
    return 0;
  }
  const Py_ssize_t n = view->shape[0];
  const Py_ssize_t step = view->strides[0];
  /* The C API reads stride 0 as "contiguous", so a broadcast array would be
   * read past its single element. */
  if (step == 0 && n > 1) {
    PyErr_Format(PyExc_ValueError,
                 "column '%s' has stride 0 (a broadcast array); candlewick "
                 "reads stride 0 as contiguous, so pass a real array "
                 "(numpy.ascontiguousarray(x))",
                 name);
    return 0;
  }
  *data = view->buf != NULL ? view->buf : (const void*)&cwpy_empty_column;
  *length = (size_t)n;
  *stride = step != 0 ? (ptrdiff_t)step : 8;
  return 1;
}

static void cwpy_series_release(cwpy_series* s) {
  for (int i = 0; i < CWPY_COLUMNS; ++i) {
    if (s->held[i]) {
      PyBuffer_Release(&s->views[i]);
      s->held[i] = 0;
    }
  }
}

/* Fills `s` from a (time, open, high, low, close, volume) tuple.  On failure
 * the views already taken are released and a Python exception is set. */
static int cwpy_series_acquire(PyObject* obj, cwpy_series* s) {
  memset(s, 0, sizeof *s);
  if (!PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) != CWPY_COLUMNS) {
    PyErr_SetString(PyExc_TypeError,
                    "series must be a tuple (time, open, high, low, close, "
                    "volume)");
    return 0;
  }
  cw_f64_column* const prices[CWPY_COLUMNS] = {
      NULL, &s->ohlcv.open, &s->ohlcv.high, &s->ohlcv.low, &s->ohlcv.close,
      &s->ohlcv.volume};
  for (int i = 0; i < CWPY_COLUMNS; ++i) {
    const void* data;
    size_t length;
    ptrdiff_t stride;
    if (!cwpy_acquire_column(PyTuple_GET_ITEM(obj, i), cwpy_column_names[i],
                             i == CWPY_TIME, &s->views[i], &s->held[i], &data,
                             &length, &stride)) {
      cwpy_series_release(s);
      return 0;
    }
    if (i == CWPY_TIME) {
      s->ohlcv.time.data = (const int64_t*)data;
      s->ohlcv.time.length = length;
      s->ohlcv.time.stride = stride;
    } else {
      prices[i]->data = (const double*)data;
      prices[i]->length = length;
      prices[i]->stride = stride;
    }
  }
  return 1;
}

/* Borrows a caller-owned, writable RGBA8 frame: a (height, width, 4) uint8
 * buffer whose pixels are packed within a row (strides (row, 4, 1)) while
 * rows may be any positive distance apart, as in a view of a larger canvas.
 * The C API checks the byte size and stride against the chart, so a frame of
 * the wrong size can fail but never be overrun. */
static int cwpy_pixels_acquire(PyObject* obj, Py_buffer* view, uint8_t** pixels,
                               size_t* buffer_size, size_t* row_stride) {
  if (PyObject_GetBuffer(obj, view,
                         PyBUF_STRIDES | PyBUF_FORMAT | PyBUF_WRITABLE) != 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "the output frame must be a writable NumPy array (or other "
                 "writable buffer) of uint8, not a read-only or non-buffer "
                 "%.200s",
                 Py_TYPE(obj)->tp_name);
    return 0;
  }
  int native = 1;
  const char code = cwpy_format_code(view->format, &native);
  if (code != 'B' || view->itemsize != 1) {
    PyErr_Format(PyExc_TypeError,
                 "the output frame must hold uint8 items, got format '%s'",
                 view->format ? view->format : "B");
    PyBuffer_Release(view);
    return 0;
  }
  if (view->ndim != 3 || view->shape[2] != 4 || view->strides[2] != 1 ||
      view->strides[1] != 4 || view->strides[0] < 4 * view->shape[1] ||
      view->shape[0] < 1) {
    PyErr_SetString(PyExc_ValueError,
                    "the output frame must have shape (height, width, 4) with "
                    "packed pixels (strides (row_stride, 4, 1), row_stride >= "
                    "width * 4), e.g. numpy.empty((h, w, 4), numpy.uint8) or "
                    "a [y0:y1, x0:x1] view of a larger one");
    PyBuffer_Release(view);
    return 0;
  }
  *pixels = (uint8_t*)view->buf;
  *row_stride = (size_t)view->strides[0];
  /* Exactly the bytes the view spans: the last row ends after width*4. */
  *buffer_size = *row_stride * (size_t)(view->shape[0] - 1) +
                 (size_t)view->shape[1] * 4;
  return 1;
}
%}

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

/* The helpers may fail in Python itself (MemoryError while wrapping the
 * result): they then leave an exception set and the wrapper must fail. */
%exception cwpy_render_png_bytes {
  $action
  if (PyErr_Occurred()) SWIG_fail;
}
%exception cwpy_render_rgba_array {
  $action
  if (PyErr_Occurred()) SWIG_fail;
}
%define CWPY_MAY_RAISE(name)
%exception name {
  $action
  if (PyErr_Occurred()) SWIG_fail;
}
%enddef
CWPY_MAY_RAISE(cwpy_chart_create)
CWPY_MAY_RAISE(cwpy_render)
CWPY_MAY_RAISE(cwpy_chart_palette)
CWPY_MAY_RAISE(cwpy_stats_create)
CWPY_MAY_RAISE(cwpy_stats_last_error)
CWPY_MAY_RAISE(cwpy_stats_snapshot)
CWPY_MAY_RAISE(cwpy_stats_text)
CWPY_MAY_RAISE(cwpy_indicator_info)
CWPY_MAY_RAISE(cwpy_indicator_lookback)
CWPY_MAY_RAISE(cwpy_indicator_compute)
CWPY_MAY_RAISE(cwpy_bars)

%include "capi/candlewick.h"

/* ------------------------------------------------------------------------ */
/* Library-owned outputs                                                    */
/* ------------------------------------------------------------------------ */

%inline %{
/* Renders and encodes a PNG; *result becomes `bytes`.  The encoded file is
 * small next to the work that made it, so one copy into an immutable,
 * hashable `bytes` is worth it; the cw_buffer is destroyed right after. */
cw_status cwpy_render_png_bytes(cw_chart* chart, const cw_ohlcv* series,
                                PyObject** result) {
  cw_buffer* png = NULL;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render_png(chart, series, &png);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) return status;
  *result = PyBytes_FromStringAndSize((const char*)cw_buffer_data(png),
                                      (Py_ssize_t)cw_buffer_size(png));
  cw_buffer_destroy(png);
  return CW_OK; /* a failed copy left MemoryError set */
}
%}

%{
#define CWPY_FRAME_CAPSULE "candlewick.cw_buffer"

/* Frames whose cw_buffer is still alive (owned by a NumPy array).  Changed
 * only with the GIL held: at creation and in the capsule destructor. */
static long cwpy_live_frames = 0;

static void cwpy_frame_capsule_destroy(PyObject* capsule) {
  cw_buffer_destroy(
      (cw_buffer*)PyCapsule_GetPointer(capsule, CWPY_FRAME_CAPSULE));
  --cwpy_live_frames;
}

/* Hands a library-owned raw frame to NumPy without a copy: *result becomes a
 * read-only uint8 array of shape `dims` whose base is a PyCapsule owning the
 * cw_buffer.  Takes ownership of `frame` on every path; on failure a Python
 * exception is set and *result is untouched. */
static void cwpy_wrap_frame(cw_buffer* frame, int ndim, npy_intp* dims,
                            PyObject** result) {
  PyObject* capsule =
      PyCapsule_New(frame, CWPY_FRAME_CAPSULE, cwpy_frame_capsule_destroy);
  if (capsule == NULL) {
    cw_buffer_destroy(frame);
    return;
  }
  ++cwpy_live_frames;
  PyObject* array = PyArray_SimpleNewFromData(
      ndim, dims, NPY_UINT8, (void*)cw_buffer_data(frame));
  if (array == NULL) {
    Py_DECREF(capsule); /* frees the frame */
    return;
  }
  /* Steals the capsule reference, even when it fails. */
  if (PyArray_SetBaseObject((PyArrayObject*)array, capsule) != 0) {
    Py_DECREF(array);
    return;
  }
  PyArray_CLEARFLAGS((PyArrayObject*)array, NPY_ARRAY_WRITEABLE);
  *result = array;
}
%}

%inline %{
/* Renders into a new library-owned frame and hands it to NumPy without a
 * copy: *result becomes a (height, width, 4) uint8 array whose base is a
 * PyCapsule owning the cw_buffer, so cw_buffer_destroy() runs exactly once,
 * when the last array (or view) over the frame is collected.  The array is
 * read-only because the C API hands the bytes out as `const`. */
cw_status cwpy_render_rgba_array(cw_chart* chart, const cw_ohlcv* series,
                                 PyObject** result) {
  uint32_t width = 0, height = 0;
  cw_status status = cw_chart_frame_info(chart, &width, &height, NULL, NULL);
  if (status != CW_OK) return status;
  cw_buffer* frame = NULL;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render_rgba_buffer(chart, series, &frame);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) return status;

  npy_intp dims[3] = {(npy_intp)height, (npy_intp)width, 4};
  cwpy_wrap_frame(frame, 3, dims, result); /* on failure MemoryError is set */
  return CW_OK;
}

/* How many frames from render_rgba_array are still alive: lets tests prove
 * that collecting an array really destroys its cw_buffer. */
long cwpy_live_frame_count(void) { return cwpy_live_frames; }
%}

/* ------------------------------------------------------------------------ */
/* Chart creation with a font                                               */
/* ------------------------------------------------------------------------ */

%{
/* A non-NULL address for an empty font: NULL with size 0 would mean "the
 * embedded font" and silently accept an empty file. */
static const uint8_t cwpy_empty_font = 0;
%}

%inline %{
/* cw_chart_create with `font` (None, or any object exporting a contiguous
 * buffer: bytes, bytearray, memoryview, mmap) borrowed as font_data for the
 * call; the library copies the bytes before it returns.  Never stores a
 * pointer in the caller's options. */
cw_status cwpy_chart_create(const cw_chart_options* options, PyObject* font,
                            cw_chart** out) {
  if (options == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_chart_options copy = *options;
  copy.font_data = NULL;
  copy.font_data_size = 0;
  Py_buffer view;
  int held = 0;
  if (font != Py_None) {
    if (PyObject_GetBuffer(font, &view, PyBUF_SIMPLE) != 0) {
      PyErr_Format(PyExc_TypeError,
                   "font must be the bytes of a TrueType/OpenType file "
                   "(bytes, bytearray, memoryview, ...), not %.200s",
                   Py_TYPE(font)->tp_name);
      return CW_ERR_INVALID_ARGUMENT;
    }
    held = 1;
    copy.font_data = view.len > 0 ? (const uint8_t*)view.buf : &cwpy_empty_font;
    copy.font_data_size = (size_t)view.len;
  }
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_create(&copy, out);
  Py_END_ALLOW_THREADS
  if (held) PyBuffer_Release(&view);
  return status;
}
%}

/* ------------------------------------------------------------------------ */
/* The general render: overlays, bands, panels, every format                */
/* ------------------------------------------------------------------------ */

%{
/* A cw_chart_data plus what it borrows: the arrays of lines, bands, panels
 * and levels (allocated here) and the buffer views of every overlay, band
 * and panel column, all released by cwpy_chart_data_release on every path.
 * The price columns are the series typemap's. */
typedef struct cwpy_chart_data {
  cw_chart_data data;
  cw_line* lines;
  cw_band* bands;
  cw_panel* panels;
  double* levels;
  Py_buffer* views;
  size_t view_count; /* views held, released in cwpy_chart_data_release */
} cwpy_chart_data;

static void cwpy_chart_data_release(cwpy_chart_data* d) {
  for (size_t i = 0; i < d->view_count; ++i) PyBuffer_Release(&d->views[i]);
  d->view_count = 0;
  PyMem_Free(d->views);
  PyMem_Free(d->lines);
  PyMem_Free(d->bands);
  PyMem_Free(d->panels);
  PyMem_Free(d->levels);
  d->views = NULL;
  d->lines = NULL;
  d->bands = NULL;
  d->panels = NULL;
  d->levels = NULL;
}

/* Borrows one float64 column of an overlay, band or panel into *column.
 * None is accepted only where `optional` (a panel without a histogram). */
static int cwpy_take_column(cwpy_chart_data* d, PyObject* obj, const char* name,
                            int optional, cw_f64_column* column) {
  column->data = NULL;
  column->length = 0;
  column->stride = 0;
  if (obj == Py_None) {
    if (optional) return 1;
    PyErr_Format(PyExc_TypeError, "%s must be a float64 array, not None", name);
    return 0;
  }
  int held = 0;
  const void* data = NULL;
  size_t length = 0;
  ptrdiff_t stride = 0;
  const int ok = cwpy_acquire_column(obj, name, 0, &d->views[d->view_count],
                                     &held, &data, &length, &stride);
  if (held) ++d->view_count;
  if (!ok) return 0;
  column->data = (const double*)data;
  column->length = length;
  column->stride = stride;
  return 1;
}

/* The tuple shapes the Python layer builds (candlewick/__init__.py):
 *   extras  = (overlays, bands, panels, title)
 *   overlay = (values, color, width)
 *   band    = (upper, lower, fill, line, width)
 *   panel   = (weight, lines, histogram, histogram_up, histogram_down,
 *              levels, min, max, title)
 * with tuples for the sequences, str or None for titles and a sequence of
 * numbers for levels.  Strings are borrowed from the (immutable) tuple,
 * which the caller holds for the whole call. */
#define CWPY_LINE_FORMAT "OIf"
#define CWPY_BAND_FORMAT "OOIIf"
#define CWPY_PANEL_FORMAT "fO!OIIOddz"

static int cwpy_take_line(cwpy_chart_data* d, PyObject* obj, const char* name,
                          cw_line* line) {
  PyObject* values;
  unsigned int color;
  float width;
  if (!PyTuple_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s must be a (values, color, width) tuple",
                 name);
    return 0;
  }
  if (!PyArg_ParseTuple(obj, CWPY_LINE_FORMAT ";a line is (values, color, width)",
                        &values, &color, &width)) {
    return 0;
  }
  line->color = color;
  line->width = width;
  return cwpy_take_column(d, values, name, 0, &line->values);
}

/* Fills `d` for `series` from `extras`.  On failure a Python exception is
 * set; either way the caller must call cwpy_chart_data_release. */
static int cwpy_chart_data_acquire(PyObject* extras, const cw_ohlcv* series,
                                   cwpy_chart_data* d) {
  memset(d, 0, sizeof *d);
  cw_chart_data_init(&d->data, series);
  PyObject *overlays, *bands, *panels;
  const char* title = NULL;
  if (!PyTuple_Check(extras) ||
      !PyArg_ParseTuple(extras, "O!O!O!z", &PyTuple_Type, &overlays,
                        &PyTuple_Type, &bands, &PyTuple_Type, &panels, &title)) {
    if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_TypeError,
                      "extras must be a tuple (overlays, bands, panels, "
                      "title) of tuples and a str or None");
    }
    return 0;
  }
  const size_t overlay_count = (size_t)PyTuple_GET_SIZE(overlays);
  const size_t band_count = (size_t)PyTuple_GET_SIZE(bands);
  const size_t panel_count = (size_t)PyTuple_GET_SIZE(panels);

  /* First pass over the panels: how many lines and levels in all. */
  size_t line_total = overlay_count, level_total = 0;
  for (size_t i = 0; i < panel_count; ++i) {
    PyObject* panel = PyTuple_GET_ITEM(panels, i);
    float weight;
    PyObject *lines, *histogram, *levels;
    unsigned int up, down;
    double lo, hi;
    const char* panel_title;
    if (!PyTuple_Check(panel) ||
        !PyArg_ParseTuple(panel, CWPY_PANEL_FORMAT, &weight, &PyTuple_Type,
                          &lines, &histogram, &up, &down, &levels, &lo, &hi,
                          &panel_title)) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError, "panels[%zu] must be a tuple", i);
      }
      return 0;
    }
    line_total += (size_t)PyTuple_GET_SIZE(lines);
    const Py_ssize_t level_count = PySequence_Size(levels);
    if (level_count < 0) return 0;
    level_total += (size_t)level_count;
  }

  const size_t view_total = line_total + 2 * band_count + panel_count;
  d->views = PyMem_Calloc(view_total ? view_total : 1, sizeof *d->views);
  d->lines = PyMem_Calloc(line_total ? line_total : 1, sizeof *d->lines);
  d->bands = PyMem_Calloc(band_count ? band_count : 1, sizeof *d->bands);
  d->panels = PyMem_Calloc(panel_count ? panel_count : 1, sizeof *d->panels);
  d->levels = PyMem_Calloc(level_total ? level_total : 1, sizeof *d->levels);
  if (!d->views || !d->lines || !d->bands || !d->panels || !d->levels) {
    PyErr_NoMemory();
    return 0;
  }

  char name[96];
  for (size_t i = 0; i < overlay_count; ++i) {
    snprintf(name, sizeof name, "overlays[%zu]", i);
    if (!cwpy_take_line(d, PyTuple_GET_ITEM(overlays, i), name, &d->lines[i])) {
      return 0;
    }
  }
  for (size_t i = 0; i < band_count; ++i) {
    PyObject* band = PyTuple_GET_ITEM(bands, i);
    PyObject *upper, *lower;
    unsigned int fill, line;
    float width;
    if (!PyTuple_Check(band) ||
        !PyArg_ParseTuple(band, CWPY_BAND_FORMAT, &upper, &lower, &fill, &line,
                          &width)) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError, "bands[%zu] must be a tuple", i);
      }
      return 0;
    }
    cw_band* b = &d->bands[i];
    b->fill = fill;
    b->line = line;
    b->width = width;
    snprintf(name, sizeof name, "bands[%zu].upper", i);
    if (!cwpy_take_column(d, upper, name, 0, &b->upper)) return 0;
    snprintf(name, sizeof name, "bands[%zu].lower", i);
    if (!cwpy_take_column(d, lower, name, 0, &b->lower)) return 0;
  }
  size_t next_line = overlay_count, next_level = 0;
  for (size_t i = 0; i < panel_count; ++i) {
    PyObject* panel = PyTuple_GET_ITEM(panels, i);
    float weight;
    PyObject *lines, *histogram, *levels;
    unsigned int up, down;
    double lo, hi;
    const char* panel_title = NULL;
    if (!PyArg_ParseTuple(panel, CWPY_PANEL_FORMAT, &weight, &PyTuple_Type,
                          &lines, &histogram, &up, &down, &levels, &lo, &hi,
                          &panel_title)) {
      return 0;
    }
    cw_panel* p = &d->panels[i];
    p->weight = weight;
    p->histogram_up = up;
    p->histogram_down = down;
    p->min = lo;
    p->max = hi;
    p->title = panel_title;
    const size_t line_count = (size_t)PyTuple_GET_SIZE(lines);
    /* The first pass counted these lines: a tuple cannot have grown. */
    p->lines = &d->lines[next_line];
    p->line_count = line_count;
    for (size_t k = 0; k < line_count; ++k) {
      snprintf(name, sizeof name, "panels[%zu].lines[%zu]", i, k);
      if (!cwpy_take_line(d, PyTuple_GET_ITEM(lines, k), name,
                          &d->lines[next_line++])) {
        return 0;
      }
    }
    snprintf(name, sizeof name, "panels[%zu].histogram", i);
    if (!cwpy_take_column(d, histogram, name, 1, &p->histogram)) return 0;
    /* Levels are a few numbers, copied (the C API takes a plain array). */
    PyObject* seq = PySequence_Fast(levels, "panel levels must be a sequence");
    if (seq == NULL) return 0;
    const Py_ssize_t level_count = PySequence_Fast_GET_SIZE(seq);
    if ((size_t)level_count > level_total - next_level) {
      Py_DECREF(seq);
      PyErr_Format(PyExc_ValueError, "panels[%zu].levels changed size", i);
      return 0;
    }
    p->levels = &d->levels[next_level];
    p->level_count = (size_t)level_count;
    for (Py_ssize_t k = 0; k < level_count; ++k) {
      const double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, k));
      if (v == -1.0 && PyErr_Occurred()) {
        Py_DECREF(seq);
        return 0;
      }
      d->levels[next_level++] = v;
    }
    Py_DECREF(seq);
  }
  d->data.overlays = d->lines;
  d->data.overlay_count = overlay_count;
  d->data.bands = d->bands;
  d->data.band_count = band_count;
  d->data.panels = d->panels;
  d->data.panel_count = panel_count;
  d->data.title = title;
  return 1;
}
%}

%inline %{
/* Renders `series` with `extras` (see cwpy_chart_data_acquire) in `format`.
 * *result becomes `bytes` for encoded formats (one copy of the file, then
 * the cw_buffer is destroyed) and, for raw formats, a read-only uint8 array
 * of shape (h, w, 4), (h, w, 3) or (h, w) that owns the library's frame.
 * Every view is taken before and released after the GIL-free render. */
cw_status cwpy_render(cw_chart* chart, const cw_ohlcv* series,
                      PyObject* extras, int32_t format, PyObject** result) {
  uint32_t width = 0, height = 0;
  cw_status status = cw_chart_frame_info(chart, &width, &height, NULL, NULL);
  if (status != CW_OK) return status;
  cwpy_chart_data d;
  if (!cwpy_chart_data_acquire(extras, series, &d)) {
    cwpy_chart_data_release(&d);
    return CW_ERR_INVALID_ARGUMENT; /* the Python exception is what counts */
  }
  cw_buffer* out = NULL;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render(chart, &d.data, format, &out);
  Py_END_ALLOW_THREADS
  cwpy_chart_data_release(&d);
  if (status != CW_OK) return status;

  const size_t bpp = cw_format_bytes_per_pixel(format);
  if (bpp == 0) {
    *result = PyBytes_FromStringAndSize((const char*)cw_buffer_data(out),
                                        (Py_ssize_t)cw_buffer_size(out));
    cw_buffer_destroy(out);
    return CW_OK; /* a failed copy left MemoryError set */
  }
  if (cw_buffer_size(out) != (size_t)width * height * bpp) {
    cw_buffer_destroy(out);
    return CW_ERR_INTERNAL;
  }
  npy_intp dims[3] = {(npy_intp)height, (npy_intp)width, (npy_intp)bpp};
  cwpy_wrap_frame(out, bpp == 1 ? 2 : 3, dims, result);
  return CW_OK;
}

/* The palette of the chart's last successful render as a new uint32 array
 * of 0xRRGGBBAA colours (what INDEXED8 indices refer to). */
cw_status cwpy_chart_palette(const cw_chart* chart, PyObject** result) {
  size_t count = 0;
  cw_status status = cw_chart_palette(chart, NULL, 0, &count);
  if (status != CW_OK) return status;
  npy_intp dims[1] = {(npy_intp)count};
  PyObject* array = PyArray_SimpleNew(1, dims, NPY_UINT32);
  if (array == NULL) return CW_OK; /* MemoryError is set */
  size_t again = 0;
  status = cw_chart_palette(chart, (cw_color*)PyArray_DATA((PyArrayObject*)array),
                            count, &again);
  if (status != CW_OK || again != count) {
    Py_DECREF(array);
    return status != CW_OK ? status : CW_ERR_INTERNAL;
  }
  *result = array;
  return CW_OK;
}
%}

/* ------------------------------------------------------------------------ */
/* Statistics                                                               */
/* ------------------------------------------------------------------------ */

%inline %{
/* cw_stats_create with `labels` (None or a tuple of str) and the first
 * problem cw_stats_options_validate finds as *result ("" when none): no
 * handle exists on failure to hold a message. */
cw_status cwpy_stats_create(const cw_stats_options* options, PyObject* labels,
                            cw_stats** out, PyObject** result) {
  if (options == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_stats_options copy = *options;
  const char** names = NULL;
  Py_ssize_t count = 0;
  if (labels != Py_None) {
    if (!PyTuple_Check(labels)) {
      PyErr_SetString(PyExc_TypeError, "labels must be a tuple of str");
      return CW_ERR_INVALID_ARGUMENT;
    }
    count = PyTuple_GET_SIZE(labels);
    if ((uint64_t)count > 0xFFFFFFFFu) {
      PyErr_SetString(PyExc_ValueError, "too many labels");
      return CW_ERR_INVALID_ARGUMENT;
    }
    names = PyMem_Calloc(count ? (size_t)count : 1, sizeof *names);
    if (names == NULL) {
      PyErr_NoMemory();
      return CW_ERR_OUT_OF_MEMORY;
    }
    for (Py_ssize_t i = 0; i < count; ++i) {
      Py_ssize_t size = 0;
      names[i] = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(labels, i), &size);
      if (names[i] == NULL) {
        PyMem_Free(names);
        return CW_ERR_INVALID_ARGUMENT; /* TypeError is set */
      }
      if ((size_t)size != strlen(names[i])) {
        PyMem_Free(names);
        PyErr_SetString(PyExc_ValueError, "a label contains a NUL character");
        return CW_ERR_INVALID_ARGUMENT;
      }
    }
  }
  copy.labels = names;
  copy.label_count = (uint32_t)count;
  char message[256] = "";
  cw_status status = cw_stats_options_validate(&copy, message, sizeof message);
  if (status == CW_OK) {
    Py_BEGIN_ALLOW_THREADS
    status = cw_stats_create(&copy, out);
    Py_END_ALLOW_THREADS
  }
  PyMem_Free(names);
  *result = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
  return status;
}

/* One sample, as cw_stats_record takes it. */
cw_status cwpy_stats_record(cw_stats* stats, int32_t kind, int64_t end_ns,
                            int64_t duration_ns, uint64_t bytes, uint64_t items,
                            int32_t simd_target, int32_t failed) {
  cw_stats_sample sample;
  memset(&sample, 0, sizeof sample);
  sample.struct_size = sizeof sample;
  sample.end_ns = end_ns;
  sample.duration_ns = duration_ns;
  sample.bytes = bytes;
  sample.items = items;
  sample.kind = kind;
  sample.simd_target = simd_target;
  sample.failed = failed;
  return cw_stats_record(stats, &sample);
}

/* The handle's last error message as str. */
cw_status cwpy_stats_last_error(const cw_stats* stats, PyObject** result) {
  const size_t length = cw_stats_last_error(stats, NULL, 0);
  char* buffer = PyMem_Malloc(length + 1);
  if (buffer == NULL) {
    PyErr_NoMemory();
    return CW_ERR_OUT_OF_MEMORY;
  }
  cw_stats_last_error(stats, buffer, length + 1);
  *result = PyUnicode_DecodeUTF8(buffer, (Py_ssize_t)strlen(buffer), "replace");
  PyMem_Free(buffer);
  return CW_OK;
}
%}

%{
/* d[key] = value, stealing `value`; 0 (exception set) on failure. */
static int cwpy_set(PyObject* d, const char* key, PyObject* value) {
  if (value == NULL) return 0;
  const int rc = PyDict_SetItemString(d, key, value);
  Py_DECREF(value);
  return rc == 0;
}
#define CWPY_U64(v) PyLong_FromUnsignedLongLong((unsigned long long)(v))
#define CWPY_I64(v) PyLong_FromLongLong((long long)(v))

static PyObject* cwpy_kind_dict(int32_t kind, const cw_stats_kind_snapshot* k) {
  PyObject* d = PyDict_New();
  PyObject* window = PyDict_New();
  PyObject* targets = PyDict_New();
  if (d == NULL || window == NULL || targets == NULL) goto fail;
  for (int32_t t = 0; t < (int32_t)CW_SIMD_TARGET_SLOTS; ++t) {
    if (k->by_target[t] == 0) continue;
    const char* target = cw_simd_target_name(t);
    char fallback[16];
    if (target == NULL) {
      snprintf(fallback, sizeof fallback, "%d", (int)t);
      target = fallback;
    }
    if (!cwpy_set(targets, target, CWPY_U64(k->by_target[t]))) goto fail;
  }
  if (!cwpy_set(window, "count", CWPY_U64(k->window_count)) ||
      !cwpy_set(window, "errors", CWPY_U64(k->window_errors)) ||
      !cwpy_set(window, "bytes", CWPY_U64(k->window_bytes)) ||
      !cwpy_set(window, "items", CWPY_U64(k->window_items)) ||
      !cwpy_set(window, "duration_ns", CWPY_U64(k->window_duration_ns)) ||
      !cwpy_set(window, "mean_ns", CWPY_U64(k->window_mean_ns)) ||
      !cwpy_set(window, "min_ns", CWPY_U64(k->window_min_ns)) ||
      !cwpy_set(window, "max_ns", CWPY_U64(k->window_max_ns)) ||
      !cwpy_set(window, "p50_ns", CWPY_U64(k->window_p50_ns)) ||
      !cwpy_set(window, "p90_ns", CWPY_U64(k->window_p90_ns)) ||
      !cwpy_set(window, "p99_ns", CWPY_U64(k->window_p99_ns)) ||
      !cwpy_set(d, "kind", PyLong_FromLong((long)kind)) ||
      !cwpy_set(d, "count", CWPY_U64(k->count)) ||
      !cwpy_set(d, "errors", CWPY_U64(k->errors)) ||
      !cwpy_set(d, "duration_ns", CWPY_U64(k->duration_ns)) ||
      !cwpy_set(d, "bytes", CWPY_U64(k->bytes)) ||
      !cwpy_set(d, "items", CWPY_U64(k->items))) {
    goto fail;
  }
  /* cwpy_set steals: null the locals once they are in `d`. */
  {
    const int ok = cwpy_set(d, "by_target", targets);
    targets = NULL;
    if (!ok) goto fail;
    const int ok2 = cwpy_set(d, "window", window);
    window = NULL;
    if (!ok2) goto fail;
  }
  return d;
fail:
  Py_XDECREF(d);
  Py_XDECREF(window);
  Py_XDECREF(targets);
  return NULL;
}
%}

%inline %{
/* cw_stats_read as a dict: the handle's figures and "kinds", a dict from
 * each kind in use's name to its figures (the window's under "window"). */
cw_status cwpy_stats_snapshot(const cw_stats* stats, PyObject** result) {
  cw_stats_snapshot* snapshot = PyMem_Calloc(1, sizeof *snapshot);
  if (snapshot == NULL) {
    PyErr_NoMemory();
    return CW_ERR_OUT_OF_MEMORY;
  }
  snapshot->struct_size = sizeof *snapshot;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_stats_read(stats, snapshot);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) {
    PyMem_Free(snapshot);
    return status;
  }
  PyObject* d = PyDict_New();
  PyObject* kinds = PyDict_New();
  int ok = d != NULL && kinds != NULL &&
           cwpy_set(d, "taken_at_ns", CWPY_I64(snapshot->taken_at_ns)) &&
           cwpy_set(d, "capacity", CWPY_U64(snapshot->capacity)) &&
           cwpy_set(d, "retention_ns", CWPY_I64(snapshot->retention_ns)) &&
           cwpy_set(d, "count", CWPY_U64(snapshot->count)) &&
           cwpy_set(d, "window_count", CWPY_U64(snapshot->window_count));
  for (int32_t i = 0; ok && i < (int32_t)CW_STATS_KIND_SLOTS; ++i) {
    const cw_stats_kind_snapshot* k = &snapshot->kinds[i];
    char name[CW_STATS_NAME_SIZE + 1];
    memcpy(name, k->name, CW_STATS_NAME_SIZE);
    name[CW_STATS_NAME_SIZE] = '\0';
    if (name[0] == '\0') continue;
    ok = cwpy_set(kinds, name, cwpy_kind_dict(i, k));
  }
  PyMem_Free(snapshot);
  if (ok) {
    ok = cwpy_set(d, "kinds", kinds);
    kinds = NULL;
  }
  if (!ok) {
    Py_XDECREF(d);
    Py_XDECREF(kinds);
    if (!PyErr_Occurred()) PyErr_NoMemory();
    return CW_OK;
  }
  *result = d;
  return CW_OK;
}

/* cw_stats_read_json (prometheus == 0) or cw_stats_read_prometheus with
 * `prefix` (None: "candlewick") as str. */
cw_status cwpy_stats_text(const cw_stats* stats, int prometheus,
                          const char* prefix, PyObject** result) {
  cw_buffer* out = NULL;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = prometheus ? cw_stats_read_prometheus(stats, prefix, &out)
                      : cw_stats_read_json(stats, &out);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) return status;
  *result = PyUnicode_DecodeUTF8((const char*)cw_buffer_data(out),
                                 (Py_ssize_t)cw_buffer_size(out), "replace");
  cw_buffer_destroy(out);
  return CW_OK;
}
%}

/* ------------------------------------------------------------------------ */
/* Indicators                                                               */
/* ------------------------------------------------------------------------ */

%{
/* Parameters: None or a sequence of numbers, copied into a new array
 * (PyMem_Free it).  0 with a Python exception set on failure. */
static int cwpy_params(PyObject* params, double** values, size_t* count) {
  *values = NULL;
  *count = 0;
  if (params == Py_None) return 1;
  PyObject* seq = PySequence_Fast(params, "indicator parameters must be a "
                                          "sequence of numbers");
  if (seq == NULL) return 0;
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  *values = PyMem_Malloc((n ? (size_t)n : 1) * sizeof **values);
  if (*values == NULL) {
    Py_DECREF(seq);
    PyErr_NoMemory();
    return 0;
  }
  for (Py_ssize_t i = 0; i < n; ++i) {
    const double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
    if (v == -1.0 && PyErr_Occurred()) {
      Py_DECREF(seq);
      PyMem_Free(*values);
      *values = NULL;
      return 0;
    }
    (*values)[i] = v;
  }
  Py_DECREF(seq);
  *count = (size_t)n;
  return 1;
}
%}

%inline %{
/* cw_indicator_get_info and friends as one tuple:
 * (name, title, inputs, params, outputs), params being tuples
 * (name, default, min, max, is_integer). */
cw_status cwpy_indicator_info(cw_indicator_id id, PyObject** result) {
  cw_indicator_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  cw_status status = cw_indicator_get_info(id, &info);
  if (status != CW_OK) return status;
  PyObject* inputs = PyTuple_New((Py_ssize_t)info.input_count);
  PyObject* outputs = PyTuple_New((Py_ssize_t)info.output_count);
  PyObject* params = PyTuple_New((Py_ssize_t)info.param_count);
  int ok = inputs != NULL && outputs != NULL && params != NULL;
  for (size_t i = 0; ok && i < info.input_count; ++i) {
    PyObject* name = PyUnicode_FromString(cw_indicator_input_name(id, i));
    ok = name != NULL;
    if (ok) PyTuple_SET_ITEM(inputs, (Py_ssize_t)i, name);
  }
  for (size_t i = 0; ok && i < info.output_count; ++i) {
    PyObject* name = PyUnicode_FromString(cw_indicator_output_name(id, i));
    ok = name != NULL;
    if (ok) PyTuple_SET_ITEM(outputs, (Py_ssize_t)i, name);
  }
  for (size_t i = 0; ok && i < info.param_count; ++i) {
    cw_indicator_param param;
    memset(&param, 0, sizeof param);
    param.struct_size = sizeof param;
    status = cw_indicator_get_param(id, i, &param);
    if (status != CW_OK) {
      Py_XDECREF(inputs);
      Py_XDECREF(outputs);
      Py_XDECREF(params);
      return status;
    }
    PyObject* item = Py_BuildValue("(sdddO)", param.name, param.default_value,
                                   param.min_value, param.max_value,
                                   param.is_integer ? Py_True : Py_False);
    ok = item != NULL;
    if (ok) PyTuple_SET_ITEM(params, (Py_ssize_t)i, item);
  }
  if (ok) {
    *result = Py_BuildValue("(ssOOO)", info.name, info.title, inputs, params,
                            outputs);
  }
  Py_XDECREF(inputs);
  Py_XDECREF(outputs);
  Py_XDECREF(params);
  return CW_OK; /* on failure MemoryError is set */
}

/* cw_indicator_lookback with `params` (None or a sequence of numbers). */
cw_status cwpy_indicator_lookback(cw_indicator_id id, PyObject* params,
                                  PyObject** result) {
  double* values;
  size_t count;
  if (!cwpy_params(params, &values, &count)) return CW_ERR_INVALID_ARGUMENT;
  size_t lookback = 0;
  const cw_status status = cw_indicator_lookback(id, values, count, &lookback);
  PyMem_Free(values);
  if (status == CW_OK) *result = PyLong_FromSize_t(lookback);
  return status;
}

/* A context with the C library's allocator. */
cw_status cwpy_indicator_context_create(cw_indicator_context** out) {
  return cw_indicator_context_create(NULL, out);
}

/* cw_indicator_compute over `columns` (a tuple of 1-D float64 buffers, read
 * in place like the price columns) into new NumPy arrays, one per output,
 * each with as many elements as the first column has rows: *result is the
 * tuple of them.  The columns' views are held until the GIL-free call has
 * returned and released on every path. */
cw_status cwpy_indicator_compute(cw_indicator_context* context,
                                 cw_indicator_id id, PyObject* columns,
                                 PyObject* params, PyObject** result) {
  if (context == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_indicator_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  cw_status status = cw_indicator_get_info(id, &info);
  if (status != CW_OK) return status;
  if (!PyTuple_Check(columns)) {
    PyErr_SetString(PyExc_TypeError, "columns must be a tuple");
    return CW_ERR_INVALID_ARGUMENT;
  }
  const size_t input_count = (size_t)PyTuple_GET_SIZE(columns);
  Py_buffer* views = PyMem_Calloc(input_count ? input_count : 1, sizeof *views);
  cw_f64_column* inputs =
      PyMem_Calloc(input_count ? input_count : 1, sizeof *inputs);
  double** outputs =
      PyMem_Calloc(info.output_count ? info.output_count : 1, sizeof *outputs);
  double* values = NULL;
  size_t param_count = 0;
  PyObject* arrays = NULL;
  size_t held_count = 0;
  status = CW_ERR_INVALID_ARGUMENT; /* with a Python exception, until the call */
  if (views == NULL || inputs == NULL || outputs == NULL) {
    PyErr_NoMemory();
    goto done;
  }
  for (size_t i = 0; i < input_count; ++i) {
    PyObject* obj = PyTuple_GET_ITEM(columns, i);
    const char* input = cw_indicator_input_name(id, i);
    char name[96];
    snprintf(name, sizeof name, "%s input %zu (%s)", info.name, i,
             input != NULL ? input : "extra");
    if (obj == Py_None) {
      PyErr_Format(PyExc_TypeError, "%s must be a float64 array, not None", name);
      goto done;
    }
    int held = 0;
    const void* data = NULL;
    size_t length = 0;
    ptrdiff_t stride = 0;
    const int ok = cwpy_acquire_column(obj, name, 0, &views[held_count], &held,
                                       &data, &length, &stride);
    if (held) ++held_count;
    if (!ok) goto done;
    inputs[i].data = (const double*)data;
    inputs[i].length = length;
    inputs[i].stride = stride;
  }
  if (!cwpy_params(params, &values, &param_count)) goto done;
  {
    const size_t rows = input_count > 0 ? inputs[0].length : 0;
    arrays = PyTuple_New((Py_ssize_t)info.output_count);
    if (arrays == NULL) goto done;
    for (size_t k = 0; k < info.output_count; ++k) {
      npy_intp dims[1] = {(npy_intp)rows};
      PyObject* array = PyArray_SimpleNew(1, dims, NPY_FLOAT64);
      if (array == NULL) goto done;
      PyTuple_SET_ITEM(arrays, (Py_ssize_t)k, array);
      outputs[k] = (double*)PyArray_DATA((PyArrayObject*)array);
    }
    Py_BEGIN_ALLOW_THREADS
    status = cw_indicator_compute(context, id, inputs, input_count, values,
                                  param_count, (double* const*)outputs,
                                  info.output_count, rows);
    Py_END_ALLOW_THREADS
  }
  if (status == CW_OK) {
    *result = arrays;
    arrays = NULL;
  }
done:
  for (size_t i = 0; i < held_count; ++i) PyBuffer_Release(&views[i]);
  Py_XDECREF(arrays);
  PyMem_Free(values);
  PyMem_Free(views);
  PyMem_Free(inputs);
  PyMem_Free(outputs);
  return status;
}
%}

/* ------------------------------------------------------------------------ */
/* Bar aggregation                                                          */
/* ------------------------------------------------------------------------ */

%{
/* Tick columns in tuple order (time, price, size). */
static const char* const cwpy_tick_names[3] = {"time", "price", "size"};
%}

%inline %{
/* A bar context with the C library's allocator. */
cw_status cwpy_bar_context_create(cw_bar_context** out) {
  return cw_bar_context_create(NULL, out);
}

/* cw_bars_from_ticks (ticks != 0; columns = (time, price, size)) or
 * cw_bars_from_ohlcv (columns = (time, open, high, low, close, volume)),
 * None for an absent column, every column borrowed in place for the call.
 * Runs the size query, allocates one new NumPy array per output column of
 * exactly that many rows (int64 time and row, float64 prices and volume;
 * time only when the input has a time column), then the fill; both without
 * the GIL, the views held throughout and released on every path.
 * *result = (count, time or None, open, high, low, close, volume, row); count
 * is the fill's row count, which is the arrays' length unless another thread
 * changed the input in between (the Python layer then slices). */
cw_status cwpy_bars(cw_bar_context* context, int ticks, PyObject* columns,
                    const cw_bar_options* options, PyObject** result) {
  if (context == NULL || options == NULL) return CW_ERR_NULL_ARGUMENT;
  const Py_ssize_t want = ticks ? 3 : CWPY_COLUMNS;
  if (!PyTuple_Check(columns) || PyTuple_GET_SIZE(columns) != want) {
    PyErr_SetString(PyExc_TypeError,
                    ticks ? "columns must be a tuple (time, price, size)"
                          : "columns must be a tuple (time, open, high, low, "
                            "close, volume)");
    return CW_ERR_INVALID_ARGUMENT;
  }
  cwpy_series series;
  Py_buffer views[3];
  int held[3] = {0, 0, 0};
  cw_ticks tick_columns;
  memset(&tick_columns, 0, sizeof tick_columns);
  int has_time = 0;
  if (ticks) {
    for (int i = 0; i < 3; ++i) {
      const void* data;
      size_t length;
      ptrdiff_t stride;
      if (!cwpy_acquire_column(PyTuple_GET_ITEM(columns, i), cwpy_tick_names[i],
                               i == 0, &views[i], &held[i], &data, &length,
                               &stride)) {
        for (int k = 0; k <= i; ++k) {
          if (held[k]) PyBuffer_Release(&views[k]);
        }
        return CW_ERR_INVALID_ARGUMENT; /* the Python exception counts */
      }
      if (i == 0) {
        tick_columns.time.data = (const int64_t*)data;
        tick_columns.time.length = length;
        tick_columns.time.stride = stride;
      } else {
        cw_f64_column* column = i == 1 ? &tick_columns.price : &tick_columns.size;
        column->data = (const double*)data;
        column->length = length;
        column->stride = stride;
      }
    }
    has_time = tick_columns.time.data != NULL;
  } else {
    if (!cwpy_series_acquire(columns, &series)) return CW_ERR_INVALID_ARGUMENT;
    has_time = series.ohlcv.time.data != NULL;
  }

  PyObject* arrays[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  size_t count = 0;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = ticks ? cw_bars_from_ticks(context, &tick_columns, options, NULL, &count)
                 : cw_bars_from_ohlcv(context, &series.ohlcv, options, NULL, &count);
  Py_END_ALLOW_THREADS
  if (status == CW_OK) {
    npy_intp dims[1] = {(npy_intp)count};
    if (count > (size_t)NPY_MAX_INTP) {
      PyErr_NoMemory();
      status = CW_ERR_OUT_OF_MEMORY;
    }
    for (int k = 0; status == CW_OK && k < 7; ++k) {
      if (k == 0 && !has_time) continue;
      arrays[k] = PyArray_SimpleNew(1, dims, (k == 0 || k == 6) ? NPY_INT64
                                                                : NPY_FLOAT64);
      if (arrays[k] == NULL) status = CW_ERR_OUT_OF_MEMORY; /* MemoryError set */
    }
  }
  if (status == CW_OK) {
#define CWPY_DATA(k) (arrays[k] ? PyArray_DATA((PyArrayObject*)arrays[k]) : NULL)
    cw_bar_output out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.capacity = count;
    out.time = (int64_t*)CWPY_DATA(0);
    out.open = (double*)CWPY_DATA(1);
    out.high = (double*)CWPY_DATA(2);
    out.low = (double*)CWPY_DATA(3);
    out.close = (double*)CWPY_DATA(4);
    out.volume = (double*)CWPY_DATA(5);
    out.row = (int64_t*)CWPY_DATA(6);
#undef CWPY_DATA
    size_t filled = 0;
    Py_BEGIN_ALLOW_THREADS
    status = ticks ? cw_bars_from_ticks(context, &tick_columns, options, &out, &filled)
                   : cw_bars_from_ohlcv(context, &series.ohlcv, options, &out, &filled);
    Py_END_ALLOW_THREADS
    count = filled;
  }
  if (ticks) {
    for (int k = 0; k < 3; ++k) {
      if (held[k]) PyBuffer_Release(&views[k]);
    }
  } else {
    cwpy_series_release(&series);
  }
  if (status == CW_OK) {
    *result = Py_BuildValue("(nOOOOOOO)", (Py_ssize_t)count,
                            arrays[0] ? arrays[0] : Py_None, arrays[1], arrays[2],
                            arrays[3], arrays[4], arrays[5], arrays[6]);
  }
  for (int k = 0; k < 7; ++k) Py_XDECREF(arrays[k]);
  return status; /* a failed tuple left MemoryError set */
}
%}
