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
