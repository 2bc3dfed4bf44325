/*
 * Indicators: descriptions, lookback, compute into NumPy-owned outputs.
 */
#include "cwpy_internal.h"

#include <string.h>

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
