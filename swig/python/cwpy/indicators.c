/*
 * Indicators: descriptions, lookback, compute (one series or many) into
 * new arrays the library writes directly.
 */
#include "cwpy_internal.h"

#include <string.h>

int cwpy_params(PyObject* params, double** values, size_t* count) {
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

cw_status cwpy_indicator_describe(cw_indicator_id id, cw_indicator_info* info) {
  memset(info, 0, sizeof *info);
  info->struct_size = sizeof *info;
  return cw_indicator_get_info(id, info);
}

/* cw_indicator_get_info and friends as one tuple:
 * (name, title, inputs, params, outputs), params being tuples
 * (name, default, min, max, is_integer). */
cw_status cwpy_indicator_info(cw_indicator_id id, PyObject** result) {
  cw_indicator_info info;
  cw_status status = cwpy_indicator_describe(id, &info);
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

void cwpy_columns_release(cwpy_columns* c) {
  for (size_t i = 0; i < c->held; ++i) PyBuffer_Release(&c->views[i]);
  PyMem_Free(c->views);
  PyMem_Free(c->columns);
  memset(c, 0, sizeof *c);
}

int cwpy_columns_init(cwpy_columns* c, size_t capacity) {
  memset(c, 0, sizeof *c);
  c->views = PyMem_Calloc(capacity ? capacity : 1, sizeof *c->views);
  c->columns = PyMem_Calloc(capacity ? capacity : 1, sizeof *c->columns);
  c->capacity = capacity;
  if (c->views == NULL || c->columns == NULL) {
    cwpy_columns_release(c);
    PyErr_NoMemory();
    return 0;
  }
  return 1;
}

int cwpy_columns_add(cwpy_columns* c, PyObject* tuple, cw_indicator_id id,
                     const char* label) {
  if (!PyTuple_Check(tuple)) {
    PyErr_Format(PyExc_TypeError, "%s: the columns must be a tuple", label);
    return 0;
  }
  const size_t n = (size_t)PyTuple_GET_SIZE(tuple);
  if (n > c->capacity - c->count) {
    PyErr_Format(PyExc_ValueError, "%s: %zu columns, room for %zu", label, n,
                 c->capacity - c->count);
    return 0;
  }
  for (size_t i = 0; i < n; ++i) {
    const char* input = cw_indicator_input_name(id, i);
    char name[128];
    snprintf(name, sizeof name, "%s input %zu (%s)", label, i,
             input != NULL ? input : "extra");
    int held = 0;
    const int ok = cwpy_borrow_f64(PyTuple_GET_ITEM(tuple, i), name, 0,
                                   &c->views[c->held], &held, &c->columns[c->count]);
    if (held) ++c->held;
    if (!ok) return 0;
    ++c->count;
  }
  return 1;
}

PyObject* cwpy_new_outputs(size_t count, size_t rows, double** data) {
  PyObject* arrays = PyTuple_New((Py_ssize_t)count);
  if (arrays == NULL) return NULL;
  for (size_t k = 0; k < count; ++k) {
    void* memory = NULL;
    PyObject* array = cwpy_new_array(rows, "f8", sizeof(double), &memory);
    if (array == NULL) {
      Py_DECREF(arrays);
      return NULL;
    }
    PyTuple_SET_ITEM(arrays, (Py_ssize_t)k, array);
    data[k] = (double*)memory;
  }
  return arrays;
}

void cwpy_result_or_index(cw_status status, PyObject** arrays, size_t index,
                          PyObject** result) {
  if (status == CW_OK) {
    *result = *arrays;
    *arrays = NULL;
  } else {
    *result = PyLong_FromSize_t(index);
  }
}

/* What compute and compute_batch check first: a context, a known
 * indicator (described into *info), a tuple of columns or series. */
static cw_status cwpy_compute_prologue(const cw_indicator_context* context,
                                       cw_indicator_id id, PyObject* tuple,
                                       const char* what, cw_indicator_info* info) {
  if (context == NULL) return CW_ERR_NULL_ARGUMENT;
  const cw_status described = cwpy_indicator_describe(id, info);
  if (described != CW_OK) return described;
  if (!PyTuple_Check(tuple)) {
    PyErr_Format(PyExc_TypeError, "%s must be a tuple", what);
    return CW_ERR_INVALID_ARGUMENT;
  }
  return CW_OK;
}

/* cw_indicator_compute over `columns` (a tuple of 1-D float64 buffers, read
 * in place like the price columns) into new arrays, one per output, each
 * with as many elements as the first column has rows: *result is the tuple
 * of them.  The columns' views are held until the GIL-free call has
 * returned and released on every path. */
cw_status cwpy_indicator_compute(cw_indicator_context* context,
                                 cw_indicator_id id, PyObject* columns,
                                 PyObject* params, PyObject** result) {
  cw_indicator_info info;
  const cw_status checked = cwpy_compute_prologue(context, id, columns, "columns", &info);
  if (checked != CW_OK) return checked;
  cwpy_columns inputs;
  if (!cwpy_columns_init(&inputs, (size_t)PyTuple_GET_SIZE(columns))) {
    return CW_ERR_OUT_OF_MEMORY;
  }
  double** outputs =
      PyMem_Calloc(info.output_count ? info.output_count : 1, sizeof *outputs);
  double* values = NULL;
  size_t param_count = 0;
  PyObject* arrays = NULL;
  cw_status status = CW_ERR_INVALID_ARGUMENT; /* with a Python exception */
  if (outputs == NULL) {
    PyErr_NoMemory();
    goto done;
  }
  if (!cwpy_columns_add(&inputs, columns, id, info.name) ||
      !cwpy_params(params, &values, &param_count)) {
    goto done;
  }
  const size_t rows = inputs.count > 0 ? inputs.columns[0].length : 0;
  arrays = cwpy_new_outputs(info.output_count, rows, outputs);
  if (arrays == NULL) goto done;
  Py_BEGIN_ALLOW_THREADS
  status = cw_indicator_compute(context, id, inputs.columns, inputs.count, values,
                                param_count, (double* const*)outputs,
                                info.output_count, rows);
  Py_END_ALLOW_THREADS
  if (status == CW_OK) {
    *result = arrays;
    arrays = NULL;
  }
done:
  cwpy_columns_release(&inputs);
  Py_XDECREF(arrays);
  PyMem_Free(values);
  PyMem_Free(outputs);
  return status;
}

/* cw_indicator_compute_batch over `series` (a tuple of column tuples, one
 * per series, each read in place) into new arrays: *result is a tuple with
 * one tuple of output arrays per series, each as long as its series.  On a
 * failed series *result is its index instead (the library stops there;
 * earlier series were computed, later ones untouched). */
cw_status cwpy_indicator_compute_batch(cw_indicator_context* context,
                                       cw_indicator_id id, PyObject* series,
                                       PyObject* params, PyObject** result) {
  cw_indicator_info info;
  const cw_status checked =
      cwpy_compute_prologue(context, id, series, "series (of column tuples)", &info);
  if (checked != CW_OK) return checked;
  const size_t series_count = (size_t)PyTuple_GET_SIZE(series);
  const size_t per_series = info.input_count;
  cwpy_columns inputs;
  if (series_count > ((size_t)PY_SSIZE_T_MAX / sizeof(Py_buffer)) / (per_series + 1) ||
      !cwpy_columns_init(&inputs, series_count * per_series)) {
    if (!PyErr_Occurred()) PyErr_NoMemory();
    return CW_ERR_OUT_OF_MEMORY;
  }
  const size_t output_total = series_count * info.output_count;
  double** outputs = PyMem_Calloc(output_total ? output_total : 1, sizeof *outputs);
  size_t* capacities = PyMem_Calloc(series_count ? series_count : 1, sizeof *capacities);
  double* values = NULL;
  size_t param_count = 0;
  PyObject* arrays = PyTuple_New((Py_ssize_t)series_count);
  cw_status status = CW_ERR_INVALID_ARGUMENT; /* with a Python exception */
  if (outputs == NULL || capacities == NULL || arrays == NULL) {
    if (!PyErr_Occurred()) PyErr_NoMemory();
    goto done;
  }
  for (size_t s = 0; s < series_count; ++s) {
    PyObject* columns = PyTuple_GET_ITEM(series, s);
    char label[96];
    snprintf(label, sizeof label, "%s series %zu", info.name, s);
    if (!PyTuple_Check(columns) || (size_t)PyTuple_GET_SIZE(columns) != per_series) {
      PyErr_Format(PyExc_TypeError, "%s: expected a tuple of %zu columns", label,
                   per_series);
      goto done;
    }
    const size_t first = inputs.count;
    if (!cwpy_columns_add(&inputs, columns, id, label)) goto done;
    capacities[s] = per_series > 0 ? inputs.columns[first].length : 0;
    PyObject* outs = cwpy_new_outputs(info.output_count, capacities[s],
                                      &outputs[s * info.output_count]);
    if (outs == NULL) goto done;
    PyTuple_SET_ITEM(arrays, (Py_ssize_t)s, outs);
  }
  if (!cwpy_params(params, &values, &param_count)) goto done;
  size_t failed = 0;
  Py_BEGIN_ALLOW_THREADS
  status = cw_indicator_compute_batch(context, id, inputs.columns, per_series,
                                      series_count, values, param_count,
                                      (double* const*)outputs, info.output_count,
                                      capacities, &failed);
  Py_END_ALLOW_THREADS
  cwpy_result_or_index(status, &arrays, failed, result);
done:
  cwpy_columns_release(&inputs);
  Py_XDECREF(arrays);
  PyMem_Free(values);
  PyMem_Free(outputs);
  PyMem_Free(capacities);
  return status;
}
