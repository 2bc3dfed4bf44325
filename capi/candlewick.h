/*
 * candlewick: financial charts rendered into pixel buffers and PNG files.
 *
 * This header is the whole contract of the library. It is C99, has no
 * dependencies beyond the C standard headers, and is stable: status numbers
 * are never reused, option structs only ever grow at the end (their first
 * field is `struct_size`), and opaque handles hide every internal type.
 *
 * General rules (each function's comment refines them):
 *
 *   Ownership.  Every handle the library gives you has a create and a destroy;
 *   destroy(NULL) is a no-op.  Input arrays are BORROWED for the duration of
 *   the call only: they are read in place (contiguous or strided) and never
 *   copied or retained.  Output is either written into a buffer YOU own (ask
 *   for the size first), or returned as a `cw_buffer` the LIBRARY owns, which
 *   you release with cw_buffer_destroy() (never with free()).
 *
 *   Threads.  Functions that take no handle are thread-safe.  A handle may be
 *   used by one thread at a time; distinct handles may be used concurrently
 *   from any threads without locking.  A handle may move between threads.
 *
 *   Errors.  Fallible functions return a cw_status (CW_OK == 0).  The fixed
 *   text of a status is cw_status_string(); a detailed message for the last
 *   failed call on a handle is cw_chart_last_error().  No function aborts or
 *   throws on bad input, and a failed call never reports partial output as
 *   success: on error, output buffers hold unspecified bytes and out-pointers
 *   are set to NULL.
 */
#ifndef CANDLEWICK_H_
#define CANDLEWICK_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(CW_BUILDING_LIBRARY)
#define CW_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(CW_STATIC)
#define CW_API __declspec(dllimport)
#elif defined(__GNUC__)
#define CW_API __attribute__((visibility("default")))
#else
#define CW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define CW_VERSION_MAJOR 0
#define CW_VERSION_MINOR 1
#define CW_VERSION_PATCH 0
/* Encoded as MAJOR*1000000 + MINOR*1000 + PATCH, comparable as an integer. */
#define CW_VERSION_NUMBER \
  (CW_VERSION_MAJOR * 1000000 + CW_VERSION_MINOR * 1000 + CW_VERSION_PATCH)

/* The version of the library actually loaded (compare with
 * CW_VERSION_NUMBER to detect a header/library mismatch).  Thread-safe. */
CW_API uint32_t cw_version(void);
/* "MAJOR.MINOR.PATCH"; static storage, never free it.  Thread-safe. */
CW_API const char* cw_version_string(void);

/* ------------------------------------------------------------------------ */
/* Status codes: stable numbers, never reused.                              */
/* ------------------------------------------------------------------------ */

typedef int32_t cw_status;

enum {
  CW_OK = 0,
  CW_ERR_NULL_ARGUMENT = 1,     /* a required pointer was NULL */
  CW_ERR_INVALID_ARGUMENT = 2,  /* an option or argument has a bad value */
  CW_ERR_STRUCT_SIZE = 3,       /* struct_size smaller than the oldest layout */
  CW_ERR_SIZE_OUT_OF_RANGE = 4, /* width/height outside the limits, or the
                                   frame size overflows */
  CW_ERR_EMPTY_SERIES = 5,      /* a series with no rows */
  CW_ERR_LENGTH_MISMATCH = 6,   /* columns of one series differ in length */
  CW_ERR_NON_FINITE = 7,        /* NaN or infinity where a number is needed */
  CW_ERR_INCONSISTENT_OHLC = 8, /* high < low, or open/close outside it */
  CW_ERR_NEGATIVE_VOLUME = 9,   /* a volume below zero */
  CW_ERR_BUFFER_TOO_SMALL = 10, /* the caller's buffer or stride is short */
  CW_ERR_OUT_OF_MEMORY = 11,    /* the allocator returned NULL */
  CW_ERR_ENCODE = 12,           /* the image encoder failed */
  CW_ERR_INTERNAL = 13          /* a bug in candlewick: please report it */
};

/* Fixed English text for a status ("ok", "null argument", ...).  Unknown
 * codes give "unknown status".  Static storage; thread-safe. */
CW_API const char* cw_status_string(cw_status status);

/* ------------------------------------------------------------------------ */
/* Memory                                                                   */
/* ------------------------------------------------------------------------ */

/* Allocator hooks.  A handle created with an allocator copies this struct and
 * routes every allocation it makes (the handle itself, scratch memory and the
 * cw_buffers it returns) through it.  `alloc` must return memory aligned to
 * at least `alignment` (a power of two no larger than 64) or NULL; `free`
 * receives only pointers from `alloc` and never NULL.  `opaque` is passed
 * back untouched.  The hooks must be callable from whatever thread uses the
 * handle.  Pass NULL for the C library's aligned allocation. */
typedef struct cw_allocator {
  void* opaque;
  void* (*alloc)(void* opaque, size_t size, size_t alignment);
  void (*free)(void* opaque, void* ptr);
} cw_allocator;

/* A block of bytes owned by the library (an encoded PNG, a rendered frame).
 * Release it with cw_buffer_destroy(); it is freed through the allocator of
 * the handle that produced it, which the buffer keeps a copy of, so a buffer
 * may outlive that handle. */
typedef struct cw_buffer cw_buffer;

/* The bytes; valid until cw_buffer_destroy().  NULL for a NULL buffer.
 * Thread-safe for concurrent readers. */
CW_API const uint8_t* cw_buffer_data(const cw_buffer* buffer);
/* The number of bytes; 0 for a NULL buffer.  Thread-safe for readers. */
CW_API size_t cw_buffer_size(const cw_buffer* buffer);
/* Frees the buffer and its bytes.  NULL is a no-op.  Call once, from any
 * thread, after every reader is done. */
CW_API void cw_buffer_destroy(cw_buffer* buffer);

/* ------------------------------------------------------------------------ */
/* Price data: borrowed column views                                        */
/* ------------------------------------------------------------------------ */

/* A column of doubles: element i lives at (const char*)data + i * stride.
 * stride == 0 means contiguous (sizeof(double)).  Any other stride in bytes
 * works, negative (a reversed column) or unaligned (a field of a packed
 * record) included.  Columns are read in place, never copied. */
typedef struct cw_f64_column {
  const double* data;
  size_t length;
  ptrdiff_t stride;
} cw_f64_column;

/* A column of int64 values (timestamps: seconds since the Unix epoch, UTC),
 * with the same stride rules as cw_f64_column. */
typedef struct cw_i64_column {
  const int64_t* data;
  size_t length;
  ptrdiff_t stride;
} cw_i64_column;

/* One OHLCV series.  open/high/low/close are required and must have equal
 * lengths.  `time` and `volume` are optional: leave data NULL (and length 0)
 * to omit them; when given, their length must match.  The chart validates
 * every row: all prices finite, low <= open, close <= high; volume finite and
 * >= 0.  Time values are carried for axes and are not required to be
 * increasing. */
typedef struct cw_ohlcv {
  cw_i64_column time;
  cw_f64_column open;
  cw_f64_column high;
  cw_f64_column low;
  cw_f64_column close;
  cw_f64_column volume;
} cw_ohlcv;

/* Convenience: a series over contiguous arrays of `length` rows.  `time` and
 * `volume` may be NULL.  Borrows the pointers; copies nothing. */
CW_API cw_ohlcv cw_ohlcv_contiguous(size_t length, const int64_t* time,
                                    const double* open, const double* high,
                                    const double* low, const double* close,
                                    const double* volume);

/* ------------------------------------------------------------------------ */
/* Charts                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum cw_theme {
  CW_THEME_CLASSIC = 0,     /* #000000 background, #00FF00 up, #FF0000 down */
  CW_THEME_MODERN = 1,      /* #1E1E1E, #26A69A, #EF5350 */
  CW_THEME_TRADINGVIEW = 2, /* #131722, #089981, #F23645 */
  CW_THEME_LIGHT = 3        /* #FFFFFF, #26A69A, #EF5350 */
} cw_theme;

typedef enum cw_chart_type {
  CW_CHART_CANDLESTICK = 0
} cw_chart_type;

/* PNG compression presets: speed against size.  All are lossless. */
typedef enum cw_png_preset {
  CW_PNG_FASTEST = 0,
  CW_PNG_BALANCED = 1,
  CW_PNG_SMALLEST = 2
} cw_png_preset;

/* A colour as 0xRRGGBBAA. */
typedef uint32_t cw_color;

/* Limits on the frame size, in pixels. */
#define CW_MIN_DIMENSION 16u
#define CW_MAX_DIMENSION 16384u

/* Options of a chart handle.  Initialise with cw_chart_options_init(), then
 * change what you need.  Only ever grows at the end; set struct_size to
 * sizeof(cw_chart_options) (the init function does). */
typedef struct cw_chart_options {
  size_t struct_size;
  uint32_t width;          /* pixels, CW_MIN_DIMENSION..CW_MAX_DIMENSION */
  uint32_t height;         /* pixels, CW_MIN_DIMENSION..CW_MAX_DIMENSION */
  /* Enumerated fields are int32_t, not the enum types, so their size is fixed
   * across compilers and any value a caller stores is defined behaviour
   * (unknown values are rejected with CW_ERR_INVALID_ARGUMENT). */
  int32_t type;            /* a cw_chart_type; CW_CHART_CANDLESTICK */
  int32_t theme;           /* a cw_theme; default CW_THEME_CLASSIC */
  int32_t show_volume;     /* non-zero: volume panel under the price panel
                              (default 1; needs a volume column) */
  int32_t show_grid;       /* non-zero: 9 horizontal and n/20 vertical lines */
  int32_t use_custom_colors; /* non-zero: the four colours below replace the
                                theme's; alpha must be 0xFF */
  cw_color background;
  cw_color up;             /* close >= open */
  cw_color down;           /* close < open */
  cw_color grid;
  int32_t png_preset;      /* a cw_png_preset; default CW_PNG_BALANCED */
  const cw_allocator* allocator; /* NULL: the C library; copied at create */
} cw_chart_options;

/* Fills `options` with the defaults: 800x600 candlestick, classic theme,
 * volume and grid on, balanced PNG, default allocator, struct_size set.
 * NULL is a no-op.  Thread-safe. */
CW_API void cw_chart_options_init(cw_chart_options* options);

typedef struct cw_chart cw_chart;

/* Creates a chart handle from `options` (read, not retained; the allocator
 * struct is copied).  On success *out is a new handle that you destroy with
 * cw_chart_destroy(); on failure *out is NULL and nothing is leaked.
 * Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (options or out NULL, or an allocator
 * with a NULL hook); CW_ERR_STRUCT_SIZE; CW_ERR_SIZE_OUT_OF_RANGE (width or
 * height outside the limits); CW_ERR_INVALID_ARGUMENT (unknown theme, type or
 * preset, custom colour not opaque); CW_ERR_OUT_OF_MEMORY.
 * Because no handle exists on failure, the reason is only in the status. */
CW_API cw_status cw_chart_create(const cw_chart_options* options,
                                 cw_chart** out);

/* Destroys the handle and everything it owns (not cw_buffers it returned,
 * which live on until cw_buffer_destroy).  NULL is a no-op. */
CW_API void cw_chart_destroy(cw_chart* chart);

/* The detailed message of the last failed call on this handle ("" after a
 * successful call).  Owned by the handle; valid until the next call on it.
 * Never NULL ("invalid handle" for a NULL chart). */
CW_API const char* cw_chart_last_error(const cw_chart* chart);

/* The frame geometry of this chart in RGBA8 (4 bytes per pixel, R,G,B,A in
 * memory order, rows top to bottom): width, height, the minimum row stride
 * (width * 4) and the minimum buffer size (stride * height) for a buffer
 * with the minimum stride.  Any out-pointer may be NULL.
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (chart NULL). */
CW_API cw_status cw_chart_frame_info(const cw_chart* chart, uint32_t* width,
                                     uint32_t* height, size_t* min_row_stride,
                                     size_t* min_buffer_size);

/* Renders `series` into a caller-owned RGBA8 buffer of `buffer_size` bytes
 * whose rows are `row_stride` bytes apart (>= width * 4).  Bytes between
 * rows are left untouched.  The series is borrowed for the call only.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (chart, series or pixels NULL, or a
 * required column NULL); CW_ERR_BUFFER_TOO_SMALL (row_stride < width*4 or
 * buffer_size < row_stride*(height-1) + width*4); CW_ERR_EMPTY_SERIES;
 * CW_ERR_LENGTH_MISMATCH; CW_ERR_NON_FINITE; CW_ERR_INCONSISTENT_OHLC;
 * CW_ERR_NEGATIVE_VOLUME; CW_ERR_OUT_OF_MEMORY.
 * The series is validated before any pixel is written, so on every error
 * except CW_ERR_OUT_OF_MEMORY the buffer is untouched.
 * One thread at a time per chart. */
CW_API cw_status cw_chart_render_rgba(cw_chart* chart, const cw_ohlcv* series,
                                      uint8_t* pixels, size_t buffer_size,
                                      size_t row_stride);

/* Renders into a new library-owned RGBA8 frame with the minimum stride
 * (width * 4, height rows).  On success *out is a buffer you release with
 * cw_buffer_destroy(); on failure *out is NULL.  Statuses as
 * cw_chart_render_rgba() except CW_ERR_BUFFER_TOO_SMALL; CW_ERR_NULL_ARGUMENT
 * also when out is NULL.  One thread at a time per chart. */
CW_API cw_status cw_chart_render_rgba_buffer(cw_chart* chart,
                                             const cw_ohlcv* series,
                                             cw_buffer** out);

/* Renders and encodes a PNG (with the chart's png_preset) into a new
 * library-owned buffer.  On success *out holds the complete PNG file; release
 * it with cw_buffer_destroy().  On failure *out is NULL.  Statuses as
 * cw_chart_render_rgba_buffer(), plus CW_ERR_ENCODE.  One thread at a time
 * per chart. */
CW_API cw_status cw_chart_render_png(cw_chart* chart, const cw_ohlcv* series,
                                     cw_buffer** out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CANDLEWICK_H_ */
