/*
 * Arrays out, without NumPy's C API: the extension depends only on the
 * buffer protocol, so it builds without NumPy's headers and runs with any
 * NumPy (1.x or 2.x) the package imports.
 *
 *   - New output arrays (indicator values, bars, the palette) come from the
 *     factory the package registers at import (numpy.empty); the library
 *     writes into their memory directly.
 *   - A library-owned raw frame is exported as a read-only buffer by a small
 *     `Frame` object that owns the cw_buffer; numpy.asarray(frame) wraps it
 *     without a copy, and cw_buffer_destroy() runs when the last array or
 *     view over it is gone.
 */
#include "cwpy_internal.h"

#include <string.h>

/* numpy.empty, registered once at import.  Read and written with the GIL. */
static PyObject* cwpy_empty = NULL;

cw_status cwpy_set_array_factory(PyObject* empty) {
  if (!PyCallable_Check(empty)) {
    PyErr_SetString(PyExc_TypeError, "the array factory must be callable");
    return CW_ERR_INVALID_ARGUMENT;
  }
  Py_INCREF(empty);
  Py_XSETREF(cwpy_empty, empty);
  return CW_OK;
}

PyObject* cwpy_new_array(size_t n, const char* dtype, Py_ssize_t itemsize,
                         void** data) {
  *data = NULL;
  if (cwpy_empty == NULL) {
    PyErr_SetString(PyExc_RuntimeError,
                    "candlewick.lowlevel.set_array_factory was not called");
    return NULL;
  }
  if (n > (size_t)PY_SSIZE_T_MAX / (size_t)itemsize) {
    PyErr_NoMemory();
    return NULL;
  }
  PyObject* array = PyObject_CallFunction(cwpy_empty, "ns", (Py_ssize_t)n, dtype);
  if (array == NULL) return NULL;
  Py_buffer view;
  if (PyObject_GetBuffer(array, &view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) != 0) {
    Py_DECREF(array);
    return NULL;
  }
  const int ok = view.len == (Py_ssize_t)n * itemsize;
  *data = view.buf;
  /* The memory stays put after the release: nobody else holds the new
   * array, so nothing can resize it before it is returned. */
  PyBuffer_Release(&view);
  if (!ok) {
    Py_DECREF(array);
    *data = NULL;
    PyErr_Format(PyExc_RuntimeError,
                 "the array factory made a %s array of the wrong size", dtype);
    return NULL;
  }
  return array;
}

/* --- Frames --------------------------------------------------------------- */

typedef struct cwpy_frame {
  PyObject_HEAD
  cw_buffer* buffer;
  int ndim;
  Py_ssize_t shape[3];
  Py_ssize_t strides[3];
} cwpy_frame;

/* Frames whose cw_buffer is still alive.  Changed only with the GIL held:
 * at creation and in the destructor. */
static long cwpy_live_frames = 0;

long cwpy_live_frame_count(void) { return cwpy_live_frames; }

static void cwpy_frame_dealloc(PyObject* self) {
  cwpy_frame* frame = (cwpy_frame*)self;
  if (frame->buffer != NULL) {
    cw_buffer_destroy(frame->buffer);
    frame->buffer = NULL;
    --cwpy_live_frames;
  }
  Py_TYPE(self)->tp_free(self);
}

static int cwpy_frame_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  cwpy_frame* frame = (cwpy_frame*)self;
  view->obj = NULL;
  if (flags & PyBUF_WRITABLE) {
    PyErr_SetString(PyExc_BufferError,
                    "a candlewick frame is read-only (the library hands it "
                    "out as const); numpy.array(frame) gives a writable copy");
    return -1;
  }
  view->buf = (void*)cw_buffer_data(frame->buffer);
  view->len = (Py_ssize_t)cw_buffer_size(frame->buffer);
  view->readonly = 1;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) ? "B" : NULL;
  /* The bytes are C-contiguous, so a consumer without PyBUF_ND may read
   * them as one flat block. */
  view->ndim = (flags & PyBUF_ND) ? frame->ndim : 1;
  view->shape = (flags & PyBUF_ND) ? frame->shape : NULL;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? frame->strides : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  Py_INCREF(self);
  view->obj = self;
  return 0;
}

static PyBufferProcs cwpy_frame_buffer_procs = {
    .bf_getbuffer = cwpy_frame_getbuffer,
    .bf_releasebuffer = NULL,
};

static PyTypeObject cwpy_frame_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "candlewick._lowlevel.Frame",
    .tp_basicsize = sizeof(cwpy_frame),
    .tp_dealloc = cwpy_frame_dealloc,
    .tp_as_buffer = &cwpy_frame_buffer_procs,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A raw frame owned by candlewick (a cw_buffer), exported as a "
              "read-only buffer: numpy.asarray(frame) wraps it without a copy.",
};

PyObject* cwpy_wrap_frame(cw_buffer* buffer, int ndim, size_t height,
                          size_t width, size_t channels) {
  if (!(cwpy_frame_type.tp_flags & Py_TPFLAGS_READY) &&
      PyType_Ready(&cwpy_frame_type) != 0) {
    cw_buffer_destroy(buffer);
    return NULL;
  }
  cwpy_frame* frame = PyObject_New(cwpy_frame, &cwpy_frame_type);
  if (frame == NULL) {
    cw_buffer_destroy(buffer);
    return NULL;
  }
  frame->buffer = buffer;
  ++cwpy_live_frames;
  frame->ndim = ndim;
  frame->shape[0] = (Py_ssize_t)height;
  frame->shape[1] = (Py_ssize_t)width;
  frame->shape[2] = (Py_ssize_t)channels;
  frame->strides[0] = (Py_ssize_t)(width * channels);
  frame->strides[1] = (Py_ssize_t)channels;
  frame->strides[2] = 1;
  return (PyObject*)frame;
}
