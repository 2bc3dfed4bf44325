/*
 * What the C helpers of candlewick's Python binding share with each other
 * and with the SWIG typemaps in ../candlewick.i: borrowing columns and
 * frames through the buffer protocol.  Not wrapped (see cwpy.h for what is).
 */
#ifndef CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_
#define CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_

/* Before Python.h: Py_ssize_t lengths for PyBytes and friends. */
#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

/* NumPy's C API is a table of function pointers that the wrapper's init
 * loads (import_array); the other files of the extension share it. */
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL cwpy_numpy_api
#ifndef CWPY_NUMPY_IMPORT
#define NO_IMPORT_ARRAY
#endif
#include <numpy/arrayobject.h>

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

/* Fills `s` from a (time, open, high, low, close, volume) tuple.  On failure
 * the views already taken are released and a Python exception is set. */
int cwpy_series_acquire(PyObject* obj, cwpy_series* s);
void cwpy_series_release(cwpy_series* s);

/* Borrows a caller-owned, writable (height, width, 4) uint8 frame with
 * packed pixels and any row stride.  0 with a Python exception on failure
 * (nothing held); else the view is held. */
int cwpy_pixels_acquire(PyObject* obj, Py_buffer* view, uint8_t** pixels,
                        size_t* buffer_size, size_t* row_stride);

#ifdef __cplusplus
}
#endif

#endif /* CANDLEWICK_SWIG_PYTHON_CWPY_INTERNAL_H_ */
