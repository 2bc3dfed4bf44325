/*
 * Statistics handles: creation with labels, samples, readings as Python
 * objects.
 */
#include "cwpy_internal.h"

#include <string.h>

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
