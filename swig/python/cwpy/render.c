/*
 * Charts: creation with a font, every render, library-owned frames handed
 * to NumPy without a copy, the palette.
 */
#include "cwpy_internal.h"

#include <string.h>

/* Renders and encodes a PNG; *result becomes `bytes`.  The encoded file is
 * small next to the work that made it, so one copy into an immutable,
 * hashable `bytes` is worth it; the cw_buffer is destroyed right after. */
cw_status cwpy_render_png_bytes(cw_chart* chart, const cw_ohlcv* series,
                                PyObject** result) {
  cw_buffer* png = NULL;
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render_png(chart, series, &png);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) return status;
  *result = PyBytes_FromStringAndSize((const char*)cw_buffer_data(png),
                                      (Py_ssize_t)cw_buffer_size(png));
  cw_buffer_destroy(png);
  return CW_OK; /* a failed copy left MemoryError set */
}

/* Renders into a new library-owned frame and hands it out without a copy:
 * *result becomes a Frame (arrays.c) owning the cw_buffer and exporting it
 * as a read-only (height, width, 4) uint8 buffer, so cw_buffer_destroy()
 * runs exactly once, when the last array (or view) over the frame is
 * collected.  Read-only because the C API hands the bytes out as `const`. */
cw_status cwpy_render_rgba_array(cw_chart* chart, const cw_ohlcv* series,
                                 PyObject** result) {
  uint32_t width = 0, height = 0;
  cw_status status = cw_chart_frame_info(chart, &width, &height, NULL, NULL);
  if (status != CW_OK) return status;
  cw_buffer* frame = NULL;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render_rgba_buffer(chart, series, &frame);
  Py_END_ALLOW_THREADS
  if (status != CW_OK) return status;
  /* On failure MemoryError is set. */
  *result = cwpy_wrap_frame(frame, 3, height, width, 4);
  return CW_OK;
}

/* ------------------------------------------------------------------------ */
/* Chart creation with a font                                               */
/* ------------------------------------------------------------------------ */

/* A non-NULL address for an empty font: NULL with size 0 would mean "the
 * embedded font" and silently accept an empty file. */
static const uint8_t cwpy_empty_font = 0;

int cwpy_font_acquire(PyObject* font, Py_buffer* view, const uint8_t** data,
                      size_t* size) {
  *data = NULL;
  *size = 0;
  if (font == Py_None) return 0;
  if (PyObject_GetBuffer(font, view, PyBUF_SIMPLE) != 0) {
    if (PyObject_CheckBuffer(font)) {
      /* A buffer, but not one block (a strided view): saying "not
       * memoryview" named the wrong problem. */
      PyErr_Format(PyExc_TypeError,
                   "font must be the bytes of a TrueType/OpenType file in one "
                   "contiguous block; this %.200s is not contiguous (pass "
                   "bytes(font))",
                   Py_TYPE(font)->tp_name);
    } else {
      PyErr_Format(PyExc_TypeError,
                   "font must be the bytes of a TrueType/OpenType file "
                   "(bytes, bytearray, memoryview, ...), not %.200s",
                   Py_TYPE(font)->tp_name);
    }
    return -1;
  }
  *data = view->len > 0 ? (const uint8_t*)view->buf : &cwpy_empty_font;
  *size = (size_t)view->len;
  return 1;
}

/* cw_chart_create with `font` (None, or any object exporting a contiguous
 * buffer: bytes, bytearray, memoryview, mmap) borrowed as font_data and
 * `time_zone` (NULL: UTC) for the call; the library copies the bytes and
 * loads the zone before it returns.  Never stores a pointer in the caller's
 * options.  On failure *result is what cw_chart_options_validate says. */
cw_status cwpy_chart_create(const cw_chart_options* options, PyObject* font,
                            const char* time_zone, cw_chart** out,
                            PyObject** result) {
  if (options == NULL) return CW_ERR_NULL_ARGUMENT;
  cw_chart_options copy = *options;
  copy.time_zone = time_zone;
  Py_buffer view;
  int held = cwpy_font_acquire(font, &view, &copy.font_data,
                               &copy.font_data_size);
  if (held < 0) return CW_ERR_INVALID_ARGUMENT;
  char message[CW_MESSAGE_SIZE] = "";
  cw_status status;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_create(&copy, out);
  if (status != CW_OK) cw_chart_options_validate(&copy, message, sizeof message);
  Py_END_ALLOW_THREADS
  if (held) PyBuffer_Release(&view);
  *result = PyUnicode_FromString(message); /* NULL leaves MemoryError set */
  return status;
}

/* ------------------------------------------------------------------------ */
/* The general render: overlays, bands, panels, every format                */
/* ------------------------------------------------------------------------ */

void cwpy_chart_data_release(cwpy_chart_data* d) {
  for (size_t i = 0; i < d->view_count; ++i) PyBuffer_Release(&d->views[i]);
  d->view_count = 0;
  PyMem_Free(d->views);
  PyMem_Free(d->lines);
  PyMem_Free(d->bands);
  PyMem_Free(d->panels);
  PyMem_Free(d->levels);
  PyMem_Free(d->names);
  d->views = NULL;
  d->lines = NULL;
  d->bands = NULL;
  d->panels = NULL;
  d->levels = NULL;
  d->names = NULL;
}

/* Borrows one float64 column of an overlay, band or panel into *column.
 * None is accepted only where `optional` (a panel without a histogram). */
static int cwpy_take_column(cwpy_chart_data* d, PyObject* obj, const char* name,
                            int optional, cw_f64_column* column) {
  int held = 0;
  const int ok = cwpy_borrow_f64(obj, name, optional, &d->views[d->view_count],
                                 &held, column);
  if (held) ++d->view_count;
  return ok;
}

/* The tuple shapes the Python layer builds (candlewick/__init__.py):
 *   extras  = (overlays, bands, panels, title)
 *   overlay = (values, color, width, name)
 *   band    = (upper, lower, fill, line, width, name)
 *   panel   = (weight, lines, histogram, histogram_up, histogram_down,
 *              levels, min, max, title)
 * with tuples for the sequences, str or None for titles and names (a panel
 * line's name is not drawn) and a sequence of numbers for levels.  Strings are borrowed from the (immutable) tuple,
 * which the caller holds for the whole call. */
#define CWPY_LINE_FORMAT "OIfz"
#define CWPY_BAND_FORMAT "OOIIfz"
#define CWPY_PANEL_FORMAT "fO!OIIOddz"

/* Unpacks panels[i] into p's scalar fields (weight, histogram colours,
 * range, title) and its lines, histogram and levels objects, borrowed from
 * the tuple. */
static int cwpy_parse_panel(PyObject* panels, size_t i, cw_panel* p,
                            PyObject** lines, PyObject** histogram,
                            PyObject** levels) {
  PyObject* panel = PyTuple_GET_ITEM(panels, i);
  unsigned int up, down;
  const char* title = NULL;
  if (!PyTuple_Check(panel) ||
      !PyArg_ParseTuple(panel, CWPY_PANEL_FORMAT, &p->weight, &PyTuple_Type,
                        lines, histogram, &up, &down, levels, &p->min, &p->max,
                        &title)) {
    if (!PyErr_Occurred()) {
      PyErr_Format(PyExc_TypeError, "panels[%zu] must be a tuple", i);
    }
    return 0;
  }
  p->histogram_up = up;
  p->histogram_down = down;
  p->title = title;
  return 1;
}

/* A line into *line, its legend name (or NULL) into *legend. */
static int cwpy_take_line(cwpy_chart_data* d, PyObject* obj, const char* name,
                          cw_line* line, const char** legend) {
  PyObject* values;
  unsigned int color;
  float width;
  if (!PyTuple_Check(obj)) {
    PyErr_Format(PyExc_TypeError,
                 "%s must be a (values, color, width, name) tuple", name);
    return 0;
  }
  if (!PyArg_ParseTuple(obj,
                        CWPY_LINE_FORMAT ";a line is (values, color, width, name)",
                        &values, &color, &width, legend)) {
    return 0;
  }
  line->color = color;
  line->width = width;
  return cwpy_take_column(d, values, name, 0, &line->values);
}

/* First pass over the panels: how many lines (with the overlays) and
 * levels there are in all. */
static int cwpy_count_panel_items(PyObject* panels, size_t overlay_count,
                                  size_t* line_total, size_t* level_total) {
  *line_total = overlay_count;
  *level_total = 0;
  for (size_t i = 0; i < (size_t)PyTuple_GET_SIZE(panels); ++i) {
    cw_panel scratch;
    PyObject *lines, *histogram, *levels;
    if (!cwpy_parse_panel(panels, i, &scratch, &lines, &histogram, &levels)) {
      return 0;
    }
    *line_total += (size_t)PyTuple_GET_SIZE(lines);
    const Py_ssize_t level_count = PySequence_Size(levels);
    if (level_count < 0) return 0;
    *level_total += (size_t)level_count;
  }
  return 1;
}

/* The arrays of `d` (views, lines, bands, panels, levels), zeroed; freed by
 * cwpy_chart_data_release on every path. */
static int cwpy_allocate_chart_data(cwpy_chart_data* d, size_t line_total,
                                    size_t band_count, size_t panel_count,
                                    size_t level_total) {
  const size_t view_total = line_total + 2 * band_count + panel_count;
  d->views = PyMem_Calloc(view_total ? view_total : 1, sizeof *d->views);
  d->lines = PyMem_Calloc(line_total ? line_total : 1, sizeof *d->lines);
  d->bands = PyMem_Calloc(band_count ? band_count : 1, sizeof *d->bands);
  d->panels = PyMem_Calloc(panel_count ? panel_count : 1, sizeof *d->panels);
  d->levels = PyMem_Calloc(level_total ? level_total : 1, sizeof *d->levels);
  const size_t name_total = line_total + band_count;
  d->names = PyMem_Calloc(name_total ? name_total : 1, sizeof *d->names);
  if (!d->views || !d->lines || !d->bands || !d->panels || !d->levels ||
      !d->names) {
    PyErr_NoMemory();
    return 0;
  }
  return 1;
}

/* bands[i] into d->bands[i], its two columns borrowed, its name into
 * *legend. */
static int cwpy_take_band(cwpy_chart_data* d, PyObject* bands, size_t i,
                          const char** legend) {
  PyObject* band = PyTuple_GET_ITEM(bands, i);
  PyObject *upper, *lower;
  unsigned int fill, line;
  float width;
  if (!PyTuple_Check(band) ||
      !PyArg_ParseTuple(band, CWPY_BAND_FORMAT, &upper, &lower, &fill, &line,
                        &width, legend)) {
    if (!PyErr_Occurred()) {
      PyErr_Format(PyExc_TypeError, "bands[%zu] must be a tuple", i);
    }
    return 0;
  }
  cw_band* b = &d->bands[i];
  b->fill = fill;
  b->line = line;
  b->width = width;
  char name[96];
  snprintf(name, sizeof name, "bands[%zu].upper", i);
  if (!cwpy_take_column(d, upper, name, 0, &b->upper)) return 0;
  snprintf(name, sizeof name, "bands[%zu].lower", i);
  return cwpy_take_column(d, lower, name, 0, &b->lower);
}

/* Panel i's levels, a few numbers, copied into d->levels from *next_level
 * (the C API takes a plain array); at most level_total in all. */
static int cwpy_take_levels(cwpy_chart_data* d, PyObject* levels, size_t i,
                            size_t level_total, size_t* next_level,
                            cw_panel* p) {
  PyObject* seq = PySequence_Fast(levels, "panel levels must be a sequence");
  if (seq == NULL) return 0;
  const Py_ssize_t level_count = PySequence_Fast_GET_SIZE(seq);
  if ((size_t)level_count > level_total - *next_level) {
    Py_DECREF(seq);
    PyErr_Format(PyExc_ValueError, "panels[%zu].levels changed size", i);
    return 0;
  }
  p->levels = &d->levels[*next_level];
  p->level_count = (size_t)level_count;
  for (Py_ssize_t k = 0; k < level_count; ++k) {
    const double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, k));
    if (v == -1.0 && PyErr_Occurred()) {
      Py_DECREF(seq);
      return 0;
    }
    d->levels[(*next_level)++] = v;
  }
  Py_DECREF(seq);
  return 1;
}

/* panels[i] into d->panels[i]: its lines from d->lines[*next_line], its
 * histogram borrowed, its levels copied. */
static int cwpy_take_panel(cwpy_chart_data* d, PyObject* panels, size_t i,
                           size_t level_total, size_t* next_line,
                           size_t* next_level) {
  cw_panel* p = &d->panels[i];
  PyObject *lines, *histogram, *levels;
  if (!cwpy_parse_panel(panels, i, p, &lines, &histogram, &levels)) return 0;
  const size_t line_count = (size_t)PyTuple_GET_SIZE(lines);
  /* The first pass counted these lines: a tuple cannot have grown. */
  p->lines = &d->lines[*next_line];
  p->line_count = line_count;
  char name[96];
  for (size_t k = 0; k < line_count; ++k) {
    snprintf(name, sizeof name, "panels[%zu].lines[%zu]", i, k);
    const char* unused; /* a panel has no legend */
    if (!cwpy_take_line(d, PyTuple_GET_ITEM(lines, k), name,
                        &d->lines[(*next_line)++], &unused)) {
      return 0;
    }
  }
  snprintf(name, sizeof name, "panels[%zu].histogram", i);
  if (!cwpy_take_column(d, histogram, name, 1, &p->histogram)) return 0;
  return cwpy_take_levels(d, levels, i, level_total, next_level, p);
}

/* Fills `d` for `series` from `extras` (cwpy_internal.h). */
int cwpy_chart_data_acquire(PyObject* extras, const cw_ohlcv* series,
                            cwpy_chart_data* d) {
  memset(d, 0, sizeof *d);
  cw_chart_data_init(&d->data, series);
  PyObject *overlays, *bands, *panels;
  const char* title = NULL;
  if (!PyTuple_Check(extras) ||
      !PyArg_ParseTuple(extras, "O!O!O!z", &PyTuple_Type, &overlays,
                        &PyTuple_Type, &bands, &PyTuple_Type, &panels, &title)) {
    if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_TypeError,
                      "extras must be a tuple (overlays, bands, panels, "
                      "title) of tuples and a str or None");
    }
    return 0;
  }
  const size_t overlay_count = (size_t)PyTuple_GET_SIZE(overlays);
  const size_t band_count = (size_t)PyTuple_GET_SIZE(bands);
  const size_t panel_count = (size_t)PyTuple_GET_SIZE(panels);
  size_t line_total, level_total;
  if (!cwpy_count_panel_items(panels, overlay_count, &line_total, &level_total) ||
      !cwpy_allocate_chart_data(d, line_total, band_count, panel_count,
                                level_total)) {
    return 0;
  }
  /* Overlay names first, then band names (d->names). */
  const char** overlay_names = d->names;
  const char** band_names = d->names + overlay_count;
  int named = 0;
  char name[96];
  for (size_t i = 0; i < overlay_count; ++i) {
    snprintf(name, sizeof name, "overlays[%zu]", i);
    if (!cwpy_take_line(d, PyTuple_GET_ITEM(overlays, i), name, &d->lines[i],
                        &overlay_names[i])) {
      return 0;
    }
    named |= overlay_names[i] != NULL;
  }
  for (size_t i = 0; i < band_count; ++i) {
    if (!cwpy_take_band(d, bands, i, &band_names[i])) return 0;
    named |= band_names[i] != NULL;
  }
  size_t next_line = overlay_count, next_level = 0;
  for (size_t i = 0; i < panel_count; ++i) {
    if (!cwpy_take_panel(d, panels, i, level_total, &next_line, &next_level)) {
      return 0;
    }
  }
  d->data.overlays = d->lines;
  d->data.overlay_count = overlay_count;
  d->data.bands = d->bands;
  d->data.band_count = band_count;
  d->data.panels = d->panels;
  d->data.panel_count = panel_count;
  d->data.title = title;
  /* NULL arrays when nothing has a name: the legend is left out. */
  if (named) {
    d->data.overlay_names = overlay_names;
    d->data.band_names = band_names;
  }
  return 1;
}

/* Renders `series` with `extras` (see cwpy_chart_data_acquire) in `format`.
 * *result becomes `bytes` for encoded formats (one copy of the file, then
 * the cw_buffer is destroyed) and, for raw formats, a Frame owning the
 * library's frame, a read-only uint8 buffer of shape (h, w, 4), (h, w, 3)
 * or (h, w).
 * Every view is taken before and released after the GIL-free render. */
cw_status cwpy_render(cw_chart* chart, const cw_ohlcv* series,
                      PyObject* extras, int32_t format, PyObject** result) {
  uint32_t width = 0, height = 0;
  cw_status status = cw_chart_frame_info(chart, &width, &height, NULL, NULL);
  if (status != CW_OK) return status;
  cwpy_chart_data d;
  if (!cwpy_chart_data_acquire(extras, series, &d)) {
    cwpy_chart_data_release(&d);
    return CW_ERR_INVALID_ARGUMENT; /* the Python exception is what counts */
  }
  cw_buffer* out = NULL;
  Py_BEGIN_ALLOW_THREADS
  status = cw_chart_render(chart, &d.data, format, &out);
  Py_END_ALLOW_THREADS
  cwpy_chart_data_release(&d);
  if (status != CW_OK) return status;

  return cwpy_output_object(out, format, width, height, result);
}

/* Hands a render's output to Python (cwpy_internal.h). */
cw_status cwpy_output_object(cw_buffer* out, int32_t format, uint32_t width,
                             uint32_t height, PyObject** result) {
  const size_t bpp = cw_format_bytes_per_pixel(format);
  if (bpp == 0) {
    *result = PyBytes_FromStringAndSize((const char*)cw_buffer_data(out),
                                        (Py_ssize_t)cw_buffer_size(out));
    cw_buffer_destroy(out);
    return CW_OK; /* a failed copy left MemoryError set */
  }
  if (cw_buffer_size(out) != (size_t)width * height * bpp) {
    cw_buffer_destroy(out);
    return CW_ERR_INTERNAL;
  }
  *result = cwpy_wrap_frame(out, bpp == 1 ? 2 : 3, height, width, bpp);
  return CW_OK; /* a failed wrap left its exception set */
}

/* The palette of the chart's last successful render as a new uint32 array
 * of 0xRRGGBBAA colours (what INDEXED8 indices refer to). */
cw_status cwpy_chart_palette(const cw_chart* chart, PyObject** result) {
  size_t count = 0;
  cw_status status = cw_chart_palette(chart, NULL, 0, &count);
  if (status != CW_OK) return status;
  void* colors = NULL;
  PyObject* array = cwpy_new_array(count, "u4", sizeof(cw_color), &colors);
  if (array == NULL) return CW_OK; /* the exception is set */
  size_t again = 0;
  status = cw_chart_palette(chart, (cw_color*)colors, count, &again);
  if (status != CW_OK || again != count) {
    Py_DECREF(array);
    return status != CW_OK ? status : CW_ERR_INTERNAL;
  }
  *result = array;
  return CW_OK;
}
