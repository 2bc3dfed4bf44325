/*
 * Bar aggregation into NumPy-owned outputs: the size query, then the fill.
 */
#include "cwpy_internal.h"

#include <string.h>

/* Tick columns in tuple order (time, price, size). */
static const char* const cwpy_tick_names[3] = {"time", "price", "size"};

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
/* The (time, price, size) tick columns borrowed into *t (time optional);
 * on failure every view taken so far is released and an exception set. */
static int cwpy_ticks_acquire(PyObject* columns, Py_buffer views[3],
                              int held[3], cw_ticks* t) {
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
      return 0;
    }
    if (i == 0) {
      t->time.data = (const int64_t*)data;
      t->time.length = length;
      t->time.stride = stride;
    } else {
      cw_f64_column* column = i == 1 ? &t->price : &t->size;
      column->data = (const double*)data;
      column->length = length;
      column->stride = stride;
    }
  }
  return 1;
}

/* One call of the C API on ticks or bars: the size query when out is NULL. */
static cw_status cwpy_bars_call(cw_bar_context* context, int ticks,
                                const cw_ticks* t, const cw_ohlcv* series,
                                const cw_bar_options* options,
                                cw_bar_output* out, size_t* count) {
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = ticks ? cw_bars_from_ticks(context, t, options, out, count)
                 : cw_bars_from_ohlcv(context, series, options, out, count);
  Py_END_ALLOW_THREADS
  return status;
}

/* The size query, then `arrays` (time only with has_time) allocated and
 * filled; *count becomes the fill's row count. A count over `limit` is
 * CW_ERR_SIZE_OUT_OF_RANGE with nothing allocated, *over set and *count
 * the rows asked. */
static cw_status cwpy_bars_fill(cw_bar_context* context, int ticks,
                                const cw_ticks* t, const cw_ohlcv* series,
                                const cw_bar_options* options, int has_time,
                                size_t limit, PyObject* arrays[7],
                                size_t* count, int* over) {
  cw_status status =
      cwpy_bars_call(context, ticks, t, series, options, NULL, count);
  if (status == CW_OK && *count > limit) {
    *over = 1;
    return CW_ERR_SIZE_OUT_OF_RANGE;
  }
  void* data[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  for (int k = 0; status == CW_OK && k < 7; ++k) {
    if (k == 0 && !has_time) continue;
    const int integer = k == 0 || k == 6; /* time and row */
    arrays[k] = cwpy_new_array(*count, integer ? "i8" : "f8", 8, &data[k]);
    if (arrays[k] == NULL) status = CW_ERR_OUT_OF_MEMORY; /* exception set */
  }
  if (status != CW_OK) return status;
  cw_bar_output out;
  memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = *count;
  out.time = (int64_t*)data[0];
  out.open = (double*)data[1];
  out.high = (double*)data[2];
  out.low = (double*)data[3];
  out.close = (double*)data[4];
  out.volume = (double*)data[5];
  out.row = (int64_t*)data[6];
  size_t filled = 0;
  status = cwpy_bars_call(context, ticks, t, series, options, &out, &filled);
  *count = filled;
  return status;
}

cw_status cwpy_bars(cw_bar_context* context, int ticks, PyObject* columns,
                    const cw_bar_options* options, long long max_rows,
                    PyObject** result) {
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
    if (!cwpy_ticks_acquire(columns, views, held, &tick_columns)) {
      return CW_ERR_INVALID_ARGUMENT; /* the Python exception counts */
    }
    has_time = tick_columns.time.data != NULL;
  } else {
    if (!cwpy_series_acquire(columns, &series)) return CW_ERR_INVALID_ARGUMENT;
    has_time = series.ohlcv.time.data != NULL;
  }
  const size_t input_rows =
      ticks ? tick_columns.price.length : series.ohlcv.close.length;
  size_t limit = (size_t)max_rows;
  if (max_rows < 0) {
    limit = input_rows > CWPY_DEFAULT_MAX_BAR_ROWS ? input_rows
                                                   : CWPY_DEFAULT_MAX_BAR_ROWS;
  }
  PyObject* arrays[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  size_t count = 0;
  int over = 0;
  const cw_status status =
      cwpy_bars_fill(context, ticks, &tick_columns, ticks ? NULL : &series.ohlcv,
                     options, has_time, limit, arrays, &count, &over);
  if (ticks) {
    for (int k = 0; k < 3; ++k) {
      if (held[k]) PyBuffer_Release(&views[k]);
    }
  } else {
    cwpy_series_release(&series);
  }
  if (over) {
    *result = Py_BuildValue("(KK)", (unsigned long long)count,
                            (unsigned long long)limit);
  } else if (status == CW_OK) {
    *result = Py_BuildValue("(nOOOOOOO)", (Py_ssize_t)count,
                            arrays[0] ? arrays[0] : Py_None, arrays[1], arrays[2],
                            arrays[3], arrays[4], arrays[5], arrays[6]);
  }
  for (int k = 0; k < 7; ++k) Py_XDECREF(arrays[k]);
  return status; /* a failed tuple left MemoryError set */
}
