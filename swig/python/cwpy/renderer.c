/*
 * The thread-safe renderer: creation with a font, one render, a batch with
 * a result per job, the cache's figures.  Every library call runs without
 * the GIL, so Python threads sharing one renderer render in parallel; the
 * buffer views that keep the columns alive are taken before and released
 * after, with the GIL held.
 */
#include "cwpy_internal.h"

#include <string.h>

cw_status cwpy_renderer_create(uint64_t max_cache_bytes, PyObject* font,
                               cw_renderer** out, PyObject** result) {
  cw_renderer_options options;
  cw_renderer_options_init(&options);
  options.max_cache_bytes = max_cache_bytes;
  Py_buffer view;
  int held = cwpy_font_acquire(font, &view, &options.font_data,
                               &options.font_data_size);
  if (held < 0) return CW_ERR_INVALID_ARGUMENT;
  char message[CW_MESSAGE_SIZE] = "";
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_renderer_options_validate(&options, message, sizeof message);
  if (status == CW_OK) status = cw_renderer_create(&options, out);
  Py_END_ALLOW_THREADS
  if (held) PyBuffer_Release(&view);
  *result = PyUnicode_FromString(message); /* NULL leaves MemoryError set */
  return status;
}

/* A job's output or failure as the Python object the package expects:
 * bytes or a Frame on success, else (status, message).  Takes the job's
 * output.  NULL with a Python exception when making the object failed. */
static PyObject* cwpy_job_result(cw_render_job* job, uint32_t width,
                                 uint32_t height) {
  if (job->status != CW_OK) {
    return Py_BuildValue("(is)", (int)job->status, job->message);
  }
  cw_buffer* out = job->output;
  job->output = NULL;
  PyObject* result = NULL;
  const cw_status status =
      cwpy_output_object(out, job->format, width, height, &result);
  if (result == NULL && !PyErr_Occurred()) {
    return Py_BuildValue("(is)", (int)status,
                         "the library returned a frame of the wrong size");
  }
  return result;
}

cw_status cwpy_renderer_render(cw_renderer* renderer,
                               const cw_chart_options* options,
                               const char* time_zone, const cw_ohlcv* series,
                               PyObject* extras, int32_t format,
                               float webp_quality, PyObject** result) {
  if (renderer == NULL || options == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_chart_options zoned = *options;
  zoned.time_zone = time_zone;
  cwpy_chart_data d;
  if (!cwpy_chart_data_acquire(extras, series, &d)) {
    cwpy_chart_data_release(&d);
    return CW_ERR_INVALID_ARGUMENT; /* the Python exception is what counts */
  }
  cw_render_job job;
  cw_render_job_init(&job, &zoned, &d.data, format);
  job.webp_quality = webp_quality;
  Py_BEGIN_ALLOW_THREADS
  cw_renderer_render(renderer, &job);
  Py_END_ALLOW_THREADS
  cwpy_chart_data_release(&d);
  *result = cwpy_job_result(&job, options->width, options->height);
  /* A frame of the wrong size came back as (status, message). */
  if (job.status == CW_OK && *result != NULL && PyTuple_Check(*result)) {
    return CW_ERR_INTERNAL;
  }
  return job.status;
}

/* ------------------------------------------------------------------------ */
/* Batches                                                                  */
/* ------------------------------------------------------------------------ */

/* What one job of a batch borrows until the batch has returned. */
typedef struct cwpy_batch_slot {
  cwpy_series series;
  cwpy_chart_data data;
  int have_series;
  int have_data;
  cw_chart_options options; /* the job's, with its time zone */
  PyObject* error; /* the exception its arguments raised (owned), or NULL */
} cwpy_batch_slot;

/* The pending exception as an object (owned), with its traceback. */
static PyObject* cwpy_take_exception(void) {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (value != NULL && traceback != NULL) {
    PyException_SetTraceback(value, traceback);
  }
  Py_XDECREF(type);
  Py_XDECREF(traceback);
  if (value == NULL) {
    Py_INCREF(Py_None);
    return Py_None;
  }
  return value;
}

/* Borrows job `obj` = (options, time_zone, series, extras, format,
 * webp_quality) into `slot` and `job` (the zone's text from the tuple's str,
 * alive while the tuple is).  0 with a Python exception on failure (the caller
 * releases the slot either way). */
static int cwpy_batch_take(PyObject* obj, size_t index, cwpy_batch_slot* slot,
                           cw_render_job* job) {
  PyObject *options, *series, *extras;
  const char* time_zone;
  const cw_chart_options* chart_options;
  int format;
  float quality;
  if (!PyTuple_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "jobs[%zu] must be a tuple", index);
    return 0;
  }
  if (!PyArg_ParseTuple(obj, "OzOOif;a job is (options, time_zone, series, "
                        "extras, format, webp_quality)", &options, &time_zone,
                        &series, &extras, &format, &quality)) {
    return 0;
  }
  if (!cwpy_chart_options_from(options, &chart_options)) return 0;
  slot->options = *chart_options;
  slot->options.time_zone = time_zone;
  if (!cwpy_series_acquire(series, &slot->series)) return 0;
  slot->have_series = 1;
  slot->have_data = 1;
  if (!cwpy_chart_data_acquire(extras, &slot->series.ohlcv, &slot->data)) {
    return 0;
  }
  cw_render_job_init(job, &slot->options, &slot->data.data, (int32_t)format);
  job->webp_quality = quality;
  return 1;
}

static void cwpy_batch_slot_release(cwpy_batch_slot* slot) {
  if (slot->have_data) cwpy_chart_data_release(&slot->data);
  if (slot->have_series) cwpy_series_release(&slot->series);
  slot->have_data = slot->have_series = 0;
  Py_CLEAR(slot->error);
}

cw_status cwpy_renderer_render_batch(cw_renderer* renderer, PyObject* jobs,
                                     uint32_t threads, PyObject** result) {
  if (renderer == NULL) return CW_ERR_NULL_ARGUMENT;
  if (!PyTuple_Check(jobs)) {
    PyErr_SetString(PyExc_TypeError, "jobs must be a tuple");
    return CW_ERR_INVALID_ARGUMENT;
  }
  const size_t count = (size_t)PyTuple_GET_SIZE(jobs);
  cwpy_batch_slot* slots = PyMem_Calloc(count ? count : 1, sizeof *slots);
  cw_render_job* run = PyMem_Calloc(count ? count : 1, sizeof *run);
  size_t* index = PyMem_Calloc(count ? count : 1, sizeof *index);
  PyObject* list = PyList_New((Py_ssize_t)count);
  if (slots == NULL || run == NULL || index == NULL || list == NULL) {
    PyMem_Free(slots);
    PyMem_Free(run);
    PyMem_Free(index);
    Py_XDECREF(list);
    if (!PyErr_Occurred()) PyErr_NoMemory();
    return CW_ERR_OUT_OF_MEMORY;
  }
  /* A job whose arguments Python cannot lend fails alone, with the
   * exception they raised; the others go to the library together. */
  size_t runs = 0;
  for (size_t i = 0; i < count; ++i) {
    if (cwpy_batch_take(PyTuple_GET_ITEM(jobs, i), i, &slots[i], &run[runs])) {
      index[runs++] = i;
    } else {
      slots[i].error = cwpy_take_exception();
    }
  }
  cw_batch_options options;
  cw_batch_options_init(&options);
  options.threads = threads;
  size_t failed = 0;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_renderer_render_batch(renderer, run, runs, &options, &failed);
  Py_END_ALLOW_THREADS
  if (status == CW_OK) {
    for (size_t k = 0; k < runs; ++k) {
      const cw_chart_options* o = &slots[index[k]].options;
      PyObject* item = cwpy_job_result(&run[k], o->width, o->height);
      if (item == NULL) item = cwpy_take_exception();
      PyList_SET_ITEM(list, (Py_ssize_t)index[k], item);
    }
    for (size_t i = 0; i < count; ++i) {
      if (slots[i].error != NULL) {
        PyList_SET_ITEM(list, (Py_ssize_t)i, slots[i].error);
        slots[i].error = NULL; /* the list owns it now */
      }
    }
  }
  for (size_t i = 0; i < count; ++i) cwpy_batch_slot_release(&slots[i]);
  PyMem_Free(slots);
  PyMem_Free(run);
  PyMem_Free(index);
  if (status != CW_OK) {
    Py_DECREF(list);
    return status;
  }
  *result = list;
  return CW_OK;
}

/* ------------------------------------------------------------------------ */
/* The cache                                                                */
/* ------------------------------------------------------------------------ */

cw_status cwpy_renderer_info(const cw_renderer* renderer, PyObject** result) {
  cw_renderer_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  const cw_status status = cw_renderer_get_info(renderer, &info);
  if (status != CW_OK) return status;
  *result = Py_BuildValue(
      "{sKsKsKsKsKsKsKsKsI}", "max_cache_bytes",
      (unsigned long long)info.max_cache_bytes, "cached_bytes",
      (unsigned long long)info.cached_bytes, "cached_charts",
      (unsigned long long)info.cached_charts, "charts_in_use",
      (unsigned long long)info.charts_in_use, "hits",
      (unsigned long long)info.hits, "misses", (unsigned long long)info.misses,
      "evictions", (unsigned long long)info.evictions, "overhead_bytes",
      (unsigned long long)info.overhead_bytes, "worker_threads",
      (unsigned int)info.worker_threads);
  return CW_OK; /* NULL left MemoryError set */
}
