/*
 * Streaming indicators: a stream created from Python parameters, one bar
 * pushed from a tuple of numbers, or many bars pushed from columns in one
 * call without the GIL.
 */
#include "cwpy_internal.h"

#include <string.h>

/* Most inputs and outputs of any indicator (AVWAP has 5 inputs, Ichimoku
 * and the pivots more outputs); checked against the description. */
#define CWPY_STREAM_MAX 16

cw_status cwpy_indicator_stream_create(cw_indicator_id id, PyObject* params,
                                       cw_indicator_stream** out) {
  double* values;
  size_t count;
  if (!cwpy_params(params, &values, &count)) return CW_ERR_INVALID_ARGUMENT;
  const cw_status status = cw_indicator_stream_create(NULL, id, values, count, out);
  PyMem_Free(values);
  return status;
}

/* A stream and its indicator's input and output counts; a status (with a
 * Python exception for an indicator too wide for this file) otherwise. */
static cw_status cwpy_stream_shape(const cw_indicator_stream* stream,
                                   cw_indicator_id id, size_t* inputs,
                                   size_t* outputs) {
  if (stream == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_indicator_info info;
  if (cwpy_indicator_describe(id, &info) != CW_OK ||
      info.input_count > CWPY_STREAM_MAX || info.output_count > CWPY_STREAM_MAX) {
    PyErr_Format(PyExc_ValueError, "indicator %d cannot be streamed from Python",
                 (int)id);
    return CW_ERR_INVALID_ARGUMENT;
  }
  *inputs = info.input_count;
  *outputs = info.output_count;
  return CW_OK;
}

cw_status cwpy_indicator_stream_push(cw_indicator_stream* stream,
                                     cw_indicator_id id, PyObject* bar,
                                     PyObject** result) {
  size_t input_count, output_count;
  const cw_status shaped = cwpy_stream_shape(stream, id, &input_count, &output_count);
  if (shaped != CW_OK) return shaped;
  double inputs[CWPY_STREAM_MAX];
  double outputs[CWPY_STREAM_MAX];
  PyObject* seq = PySequence_Fast(bar, "a bar must be a sequence of numbers");
  if (seq == NULL) return CW_ERR_INVALID_ARGUMENT;
  const size_t given = (size_t)PySequence_Fast_GET_SIZE(seq);
  if (given > CWPY_STREAM_MAX) {
    Py_DECREF(seq);
    PyErr_Format(PyExc_ValueError, "a bar has %zu values; the indicator takes %zu",
                 given, input_count);
    return CW_ERR_INVALID_ARGUMENT;
  }
  for (size_t k = 0; k < given; ++k) {
    inputs[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, k));
    if (inputs[k] == -1.0 && PyErr_Occurred()) {
      Py_DECREF(seq);
      return CW_ERR_INVALID_ARGUMENT;
    }
  }
  Py_DECREF(seq);
  /* One bar is too little work to be worth releasing the GIL. */
  const cw_status status =
      cw_indicator_stream_push(stream, inputs, given, outputs, output_count);
  if (status != CW_OK) return status;
  PyObject* values = PyTuple_New((Py_ssize_t)output_count);
  for (size_t j = 0; values != NULL && j < output_count; ++j) {
    PyObject* value = PyFloat_FromDouble(outputs[j]);
    if (value == NULL) {
      Py_CLEAR(values);
      break;
    }
    PyTuple_SET_ITEM(values, (Py_ssize_t)j, value);
  }
  *result = values; /* NULL left MemoryError set */
  return CW_OK;
}

cw_status cwpy_indicator_stream_push_many(cw_indicator_stream* stream,
                                          cw_indicator_id id, PyObject* columns,
                                          PyObject** result) {
  size_t input_count, output_count;
  const cw_status shaped = cwpy_stream_shape(stream, id, &input_count, &output_count);
  if (shaped != CW_OK) return shaped;
  if (!PyTuple_Check(columns) || (size_t)PyTuple_GET_SIZE(columns) != input_count) {
    PyErr_Format(PyExc_TypeError, "the stream takes a tuple of %zu columns",
                 input_count);
    return CW_ERR_INVALID_ARGUMENT;
  }
  cwpy_columns inputs;
  if (!cwpy_columns_init(&inputs, input_count)) return CW_ERR_OUT_OF_MEMORY;
  cw_status status = CW_ERR_INVALID_ARGUMENT; /* with a Python exception */
  PyObject* arrays = NULL;
  double* outputs[CWPY_STREAM_MAX];
  if (!cwpy_columns_add(&inputs, columns, id, "stream")) goto done;
  const size_t rows = input_count > 0 ? inputs.columns[0].length : 0;
  for (size_t k = 1; k < input_count; ++k) {
    if (inputs.columns[k].length != rows) {
      /* No row failed and the stream has no message for this: the text
       * itself is the result (the stream's last error would be stale). */
      status = CW_ERR_LENGTH_MISMATCH;
      const char* name = cw_indicator_input_name(id, k);
      const char* first = cw_indicator_input_name(id, 0);
      *result = PyUnicode_FromFormat(
          "input %zu (%s) has %zu rows, input 0 (%s) has %zu", k,
          name != NULL ? name : "?", inputs.columns[k].length,
          first != NULL ? first : "?", rows);
      goto done;
    }
  }
  arrays = cwpy_new_outputs(output_count, rows, outputs);
  if (arrays == NULL) goto done;
  size_t row = 0;
  Py_BEGIN_ALLOW_THREADS
  status = CW_OK;
  double bar[CWPY_STREAM_MAX];
  double values[CWPY_STREAM_MAX];
  for (; row < rows; ++row) {
    for (size_t k = 0; k < input_count; ++k) {
      const cw_f64_column* c = &inputs.columns[k];
      /* memcpy: a field of a packed structured array is unaligned (the
       * C API reads such columns; a double load from it is undefined). */
      memcpy(&bar[k], (const char*)c->data + (ptrdiff_t)row * c->stride,
             sizeof bar[k]);
    }
    status = cw_indicator_stream_push(stream, bar, input_count, values, output_count);
    if (status != CW_OK) break;
    for (size_t j = 0; j < output_count; ++j) outputs[j][row] = values[j];
  }
  Py_END_ALLOW_THREADS
  cwpy_result_or_index(status, &arrays, row, result); /* row: the bar that failed */
done:
  cwpy_columns_release(&inputs);
  Py_XDECREF(arrays);
  return status;
}
