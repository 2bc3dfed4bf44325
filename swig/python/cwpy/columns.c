/*
 * Columns and frames borrowed through the buffer protocol, never copied.
 */
#include "cwpy_internal.h"

#include <string.h>

static const char* const cwpy_column_names[CWPY_COLUMNS] = {
    "time", "open", "high", "low", "close", "volume"};

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
int cwpy_acquire_column(PyObject* obj, const char* name, int want_time,
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

int cwpy_borrow_f64(PyObject* obj, const char* name, int optional,
                    Py_buffer* view, int* held, cw_f64_column* column) {
  column->data = NULL;
  column->length = 0;
  column->stride = 0;
  *held = 0;
  if (obj == Py_None) {
    if (optional) return 1;
    PyErr_Format(PyExc_TypeError, "%s must be a float64 array, not None", name);
    return 0;
  }
  const void* data = NULL;
  if (!cwpy_acquire_column(obj, name, 0, view, held, &data, &column->length,
                           &column->stride)) {
    return 0;
  }
  column->data = (const double*)data;
  return 1;
}

void cwpy_series_release(cwpy_series* s) {
  for (int i = 0; i < CWPY_COLUMNS; ++i) {
    if (s->held[i]) {
      PyBuffer_Release(&s->views[i]);
      s->held[i] = 0;
    }
  }
}

/* Fills `s` from a (time, open, high, low, close, volume) tuple.  On failure
 * the views already taken are released and a Python exception is set. */
int cwpy_series_acquire(PyObject* obj, cwpy_series* s) {
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
int cwpy_pixels_acquire(PyObject* obj, Py_buffer* view, uint8_t** pixels,
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
