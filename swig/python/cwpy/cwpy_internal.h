/*
 * What the C helpers of candlewick's Python binding share with each other
 * and with the SWIG typemaps in ../candlewick.i: borrowing columns and
 * frames through the buffer protocol, making output arrays.  Not wrapped
 * (cwpy.h lists what is).
 */
#ifndef CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_
#define CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_

/* Before Python.h: Py_ssize_t lengths for PyBytes and friends. */
#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#include <stddef.h>
#include <stdint.h>

#include "capi/candlewick.h"
#include "cwpy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tuple order of a series at this level (the Python layer builds it). */
enum { CWPY_TIME, CWPY_OPEN, CWPY_HIGH, CWPY_LOW, CWPY_CLOSE, CWPY_VOLUME,
       CWPY_COLUMNS };

/* A series plus the buffer views that keep its columns' memory alive (and
 * un-resizable) until the C call has returned. */
typedef struct cwpy_series {
  cw_ohlcv ohlcv;
  Py_buffer views[CWPY_COLUMNS];
  int held[CWPY_COLUMNS];
} cwpy_series;

/* Borrows one column: None means "absent" (*data NULL); anything else must
 * export a 1-D buffer of 8-byte native-endian items, 'd' (float64) or, with
 * want_time, a signed 64-bit integer.  Nothing is converted or copied.  On
 * success the view is held (*held = 1) and must be released with
 * PyBuffer_Release; *held may be 1 on failure too.  0 with a Python
 * exception set on failure. */
int cwpy_acquire_column(PyObject* obj, const char* name, int want_time,
                        Py_buffer* view, int* held, const void** data,
                        size_t* length, ptrdiff_t* stride);

/* Borrows one float64 column into *column (zeroed first): None is an error
 * naming `name` unless `optional` (then the column stays absent).  *held
 * says whether `view` must be released, on success and failure alike. */
int cwpy_borrow_f64(PyObject* obj, const char* name, int optional,
                    Py_buffer* view, int* held, cw_f64_column* column);

/* Fills `s` from a (time, open, high, low, close, volume) tuple.  On failure
 * the views already taken are released and a Python exception is set. */
int cwpy_series_acquire(PyObject* obj, cwpy_series* s);
void cwpy_series_release(cwpy_series* s);

/* Borrows a caller-owned, writable (height, width, 4) uint8 frame with
 * packed pixels and any row stride.  0 with a Python exception on failure
 * (nothing held); else the view is held. */
int cwpy_pixels_acquire(PyObject* obj, Py_buffer* view, uint8_t** pixels,
                        size_t* buffer_size, size_t* row_stride);

/* Borrows `font` (None, or any object exporting a contiguous buffer) as
 * *data and *size for one call (render.c): 0 for None (*data NULL: the
 * embedded font), 1 with `view` held (an empty buffer gives a non-NULL
 * *data, so it is not taken for the embedded font), -1 with TypeError set. */
int cwpy_font_acquire(PyObject* font, Py_buffer* view, const uint8_t** data,
                      size_t* size);

/* A new 1-D array of n items from the registered factory (numpy.empty(n,
 * dtype)), `itemsize` bytes each, and its memory in *data for the library
 * to fill.  NULL with a Python exception on failure. */
PyObject* cwpy_new_array(size_t n, const char* dtype, Py_ssize_t itemsize,
                         void** data);

/* Wraps a library-owned raw frame of shape (height, width, channels) (ndim
 * 3) or (height, width) (ndim 2, channels 1) in a Frame object that owns
 * it and exports it as a read-only buffer.  Takes ownership of `buffer` on
 * every path; NULL with a Python exception on failure. */
PyObject* cwpy_wrap_frame(cw_buffer* buffer, int ndim, size_t height,
                          size_t width, size_t channels);

/* --- Chart data (render.c) ---------------------------------------------- */

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
  const char** names; /* the overlays' names, then the bands' */
  Py_buffer* views;
  size_t view_count; /* views held, released in cwpy_chart_data_release */
} cwpy_chart_data;

/* Fills `d` for `series` from `extras` = (overlays, bands, panels, title)
 * (the tuple shapes are in render.c).  On failure a Python exception is
 * set; either way the caller must call cwpy_chart_data_release. */
int cwpy_chart_data_acquire(PyObject* extras, const cw_ohlcv* series,
                            cwpy_chart_data* d);
void cwpy_chart_data_release(cwpy_chart_data* d);

/* Hands a successful render's `out` to Python as *result: `bytes` for an
 * encoded format (the cw_buffer destroyed after the copy), else a Frame of
 * (height, width[, channels]) that owns it.  Takes `out` on every path;
 * CW_ERR_INTERNAL when a raw frame's size is not width*height*bpp; a failed
 * copy or wrap leaves a Python exception set. */
cw_status cwpy_output_object(cw_buffer* out, int32_t format, uint32_t width,
                             uint32_t height, PyObject** result);

/* The cw_chart_options behind a SWIG proxy of one (a pointer into it, alive
 * while the proxy is).  Defined by the SWIG wrapper (../candlewick.i),
 * which owns the type table.  0 with TypeError set when `obj` is not one. */
int cwpy_chart_options_from(PyObject* obj, const cw_chart_options** options);

/* --- Indicators (indicators.c, stream.c) -------------------------------- */

/* Parameters: None or a sequence of numbers, copied into a new array
 * (PyMem_Free it).  0 with a Python exception set on failure. */
int cwpy_params(PyObject* params, double** values, size_t* count);

/* cw_indicator_get_info into a zeroed `info` of the current size. */
cw_status cwpy_indicator_describe(cw_indicator_id id, cw_indicator_info* info);

/* Indicator input columns borrowed for one call: room for `capacity`
 * columns, `count` taken, `held` views to release. */
typedef struct cwpy_columns {
  cw_f64_column* columns;
  Py_buffer* views;
  size_t capacity;
  size_t count;
  size_t held;
} cwpy_columns;

/* 0 with MemoryError set on failure (nothing to release then). */
int cwpy_columns_init(cwpy_columns* c, size_t capacity);
/* Appends the columns of `tuple` (1-D float64 buffers, read in place),
 * named "<label> input <i> (<input name of indicator id>)" in errors.  0 with
 * a Python exception on failure; release `c` either way. */
int cwpy_columns_add(cwpy_columns* c, PyObject* tuple, cw_indicator_id id,
                     const char* label);
void cwpy_columns_release(cwpy_columns* c);

/* A tuple of `count` new float64 arrays of `rows` elements; data[k] is the
 * memory of the k-th.  NULL with a Python exception on failure. */
PyObject* cwpy_new_outputs(size_t count, size_t rows, double** data);

/* A helper's result after a call over many series or rows: *arrays (taken,
 * set to NULL) on success, else the index of what failed. */
void cwpy_result_or_index(cw_status status, PyObject** arrays, size_t index,
                          PyObject** result);

#ifdef __cplusplus
}
#endif

#endif /* CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_ */
