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
  CW_ERR_INTERNAL = 13,         /* a bug in candlewick: please report it */
  CW_ERR_SERIES_TOO_SHORT = 14  /* fewer rows than a period parameter */
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
 * `volume` may be NULL.  Borrows the pointers; copies nothing.  Cannot fail.
 * Thread-safe. */
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
  CW_CHART_CANDLESTICK = 0,   /* filled bodies, wicks; up when close >= open */
  CW_CHART_HOLLOW = 1,        /* hollow when close >= open, filled otherwise;
                                 coloured by close against the previous close */
  CW_CHART_OHLC = 2,          /* bars with open (left) and close (right) ticks */
  CW_CHART_LINE = 3,          /* a line through the closes */
  CW_CHART_AREA = 4,          /* the close line with the area below filled */
  CW_CHART_HEIKIN_ASHI = 5,   /* Heikin-Ashi candles computed from the series */
  CW_CHART_RENKO = 6,         /* close-based bricks of box_size, 2-box reversal */
  CW_CHART_POINT_FIGURE = 7   /* X/O columns of box_size, `reversal` boxes */
} cw_chart_type;

/* Names of the enums above and of cw_format, one table each, shared by the
 * command-line tool, the gallery, the tests and the bindings.
 *
 * cw_chart_type_name() gives the canonical lower-case name of a chart type:
 * "candlestick", "hollow", "ohlc", "line", "area", "heikin-ashi", "renko",
 * "point-figure"; cw_theme_name() gives "classic", "modern", "tradingview",
 * "light"; cw_format_name() gives "rgba", "rgb", "indexed", "png", "webp"
 * (lossless), "webp-lossy", "svg".  NULL for a value with no name.  Static
 * storage, never free it.  Thread-safe. */
CW_API const char* cw_chart_type_name(int32_t type);
CW_API const char* cw_theme_name(int32_t theme);
CW_API const char* cw_format_name(int32_t format);

/* Looks a value up by name (exact, lower-case): the canonical names above,
 * and the aliases "candles", "pnf", "heikin_ashi", "point_figure" (chart
 * types) and "webp-lossless" (formats).  On success *out is the value;
 * otherwise *out is -1 (when out is not NULL).  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (name or out NULL);
 * CW_ERR_INVALID_ARGUMENT (no such name). */
CW_API cw_status cw_chart_type_find(const char* name, int32_t* out);
CW_API cw_status cw_theme_find(const char* name, int32_t* out);
CW_API cw_status cw_format_find(const char* name, int32_t* out);

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

/* The most renko bricks, or point-and-figure boxes (the X's and O's of all
 * columns), one chart draws: the bound on a render's work whatever the box
 * size.  A box_size that would make more, or that puts a close more than
 * 2^52 boxes from zero, fails the render with CW_ERR_INVALID_ARGUMENT and a
 * message naming the limit; the automatic box (box_size 0) is raised to
 * stay within both. */
#define CW_MAX_CHART_BOXES 100000u

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
  int32_t show_grid;       /* non-zero: horizontal lines (on the price ticks
                              with axes, else 9) and one every n/20 candles */
  int32_t show_axes;       /* non-zero: price and time axes with labels and a
                              last-price marker (default 0) */
  int32_t antialias;       /* 0 = crisp (default): only the palette's exact
                              colours, every edge on whole pixels; reproducible
                              to the pixel for machine-learning data sets.
                              1 = coverage-blended lines and text on the
                              opaque background. */
  int32_t use_custom_colors; /* non-zero: the six colours below replace the
                                theme's; alpha must be 0xFF */
  cw_color background;
  cw_color up;             /* close >= open */
  cw_color down;           /* close < open */
  cw_color grid;
  cw_color text;           /* axis labels and titles */
  cw_color axis;           /* axis lines and ticks */
  int32_t png_preset;      /* a cw_png_preset; default CW_PNG_BALANCED */
  float price_weight;      /* panel heights are proportional to weights:
                              price 0.7, volume 0.3 (the reference layout), */
  float volume_weight;     /* and each extra panel its own (cw_panel.weight) */
  int32_t panel_gap;       /* background rows between panels, 0..1000
                              (default 1) */
  int32_t margin;          /* pixels around the plot (default 0); below a
                              quarter of the smaller side: 0 ..
                              (min(width, height) - 1) / 4 */
  float line_width;        /* line/area charts and overlays, pixels (1.5) */
  double box_size;         /* renko and point-and-figure box; 0 = automatic:
                              ATR(14), raised where needed to stay within
                              CW_MAX_CHART_BOXES and 2^52 boxes from zero */
  int32_t reversal;        /* point-and-figure reversal in boxes (3) */
  int32_t label_size;      /* axis label text height in pixels (11) */
  const uint8_t* font_data; /* a TrueType/OpenType font for labels, or NULL
                               for the embedded DejaVu Sans; copied at create */
  size_t font_data_size;
  const cw_allocator* allocator; /* NULL: the C library; copied at create */
  /* Fields below were appended after the first layout; the library reads
   * each only when struct_size covers it (an older caller gets its
   * default). */
  float webp_quality;      /* CW_FORMAT_WEBP_LOSSY quality, 0 (smallest) to
                              100 (best); default 90.  Also settable later
                              with cw_chart_set_webp_quality().  A
                              cw_renderer ignores it: each cw_render_job
                              carries its own webp_quality. */
  const char* time_zone;   /* IANA name of the zone the time axis is labelled
                              in ("America/New_York", "Europe/London"; the
                              `time` column stays UTC seconds), read from the
                              system's zoneinfo (TZDIR, else
                              /usr/share/zoneinfo: Debian's tzdata).  NULL or
                              "" (default): UTC.  Loaded at create, so a bad
                              name fails there with CW_ERR_INVALID_ARGUMENT
                              (cw_chart_options_validate says why); the string
                              is not retained.  A cw_renderer loads it per
                              job's options and keys its cache by the name's
                              text. */
} cw_chart_options;

/* Fills `options` with the defaults: 800x600 crisp candlestick, classic
 * theme, volume and grid on, no axes, balanced PNG, the reference layout,
 * default allocator and font, WebP quality 90, UTC, struct_size set.  NULL is
 * a no-op.  Thread-safe. */
CW_API void cw_chart_options_init(cw_chart_options* options);

/* Checks `options` exactly as cw_chart_create() does (font_data included:
 * it is parsed with FreeType, through the C library's allocator, and
 * released; the time zone is loaded) and explains the first problem: a
 * NUL-terminated message is written into `message` (truncated to
 * `message_size` bytes; "" when the options are good), e.g. "time zone
 * 'America/New_Yrok': unknown time zone: no such zoneinfo file in
 * /usr/share/zoneinfo (...)".  `message` may be NULL when message_size is 0.
 * Use it to learn why cw_chart_create() failed, since no handle exists then.
 * Reads `options` only; thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (options NULL, an allocator with a
 * NULL hook, font_data NULL with a non-zero size, or message NULL with a
 * non-zero message_size: nothing is written then); CW_ERR_STRUCT_SIZE;
 * CW_ERR_SIZE_OUT_OF_RANGE (width or height outside the limits);
 * CW_ERR_INVALID_ARGUMENT (unknown theme, type or preset, a custom colour
 * not opaque, a weight, gap, margin, line width, box size, reversal, label
 * size or WebP quality out of range, font bytes FreeType cannot load, a
 * time zone that is not an IANA name with a zoneinfo file);
 * CW_ERR_OUT_OF_MEMORY (while parsing the font or loading the zone). */
CW_API cw_status cw_chart_options_validate(const cw_chart_options* options,
                                           char* message, size_t message_size);

typedef struct cw_chart cw_chart;

/* Creates a chart handle from `options` (read, not retained; the allocator
 * struct is copied).  On success *out is a new handle that you destroy with
 * cw_chart_destroy(); on failure *out is NULL and nothing is leaked.
 * Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (options or out NULL, an allocator
 * with a NULL hook, or font_data NULL with a non-zero size);
 * CW_ERR_STRUCT_SIZE; CW_ERR_SIZE_OUT_OF_RANGE (width or height outside the
 * limits); CW_ERR_INVALID_ARGUMENT (unknown theme, type or preset, a custom
 * colour not opaque, a weight, gap, margin, line width, box size, reversal,
 * label size or WebP quality out of range, font bytes FreeType cannot load,
 * a time zone that is not an IANA name with a zoneinfo file);
 * CW_ERR_OUT_OF_MEMORY.
 * No handle exists on failure: cw_chart_options_validate() explains it.
 * Time zones: the first chart using a zone loads its file into Abseil's
 * process-wide cache (allocated with operator new, not the chart's
 * allocator, and kept for the life of the process: at most one entry per
 * zoneinfo file, a few hundred); later charts reuse it. */
CW_API cw_status cw_chart_create(const cw_chart_options* options,
                                 cw_chart** out);

/* Destroys the handle and everything it owns (not cw_buffers it returned,
 * which live on until cw_buffer_destroy).  NULL is a no-op.  Call once,
 * when no other call on the chart is running; any thread. */
CW_API void cw_chart_destroy(cw_chart* chart);

/* The detailed message of the last failed call on this handle ("" after a
 * successful call).  Owned by the handle; valid until the next call on it.
 * Never NULL ("invalid handle" for a NULL chart).  Same thread rules as the
 * chart's other calls. */
CW_API const char* cw_chart_last_error(const cw_chart* chart);

/* The frame geometry of this chart in RGBA8 (4 bytes per pixel, R,G,B,A in
 * memory order, rows top to bottom): width, height, the minimum row stride
 * (width * 4) and the minimum buffer size (stride * height) for a buffer
 * with the minimum stride.  Any out-pointer may be NULL.  Reads options
 * fixed at create: safe from any thread while the chart exists.
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
 * CW_ERR_NEGATIVE_VOLUME; CW_ERR_INVALID_ARGUMENT (a renko or
 * point-and-figure box_size beyond CW_MAX_CHART_BOXES); CW_ERR_OUT_OF_MEMORY.
 * Any finite prices draw, up to the largest double (a range wider than it
 * included): pixels are computed without overflow, and labels switch to
 * scientific notation from 1e15 and for ticks finer than 1e-10.
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

/* ------------------------------------------------------------------------ */
/* Overlays, panels and output formats                                      */
/* ------------------------------------------------------------------------ */

/* A line drawn over the price panel or inside an extra panel: one value per
 * row of the series (NaN where there is none: the line breaks there;
 * infinities are rejected).  width 0 means the chart's line_width. */
typedef struct cw_line {
  cw_f64_column values;
  cw_color color;          /* alpha is ignored: lines are opaque */
  float width;             /* 0 (the chart's line_width) or 0.25..64 */
} cw_line;

/* A filled band between two series (Bollinger, Keltner, a cloud) with its
 * edges stroked.  `fill` may be translucent: it is blended onto the
 * background once, so frames never carry alpha. */
typedef struct cw_band {
  cw_f64_column upper;
  cw_f64_column lower;
  cw_color fill;
  cw_color line;
  float width;             /* edge width in pixels, 0.25..64; 0 = no edges */
} cw_band;

/* An extra panel under the price and volume panels: an oscillator with
 * reference levels, a histogram around zero with signal lines, or both. */
typedef struct cw_panel {
  float weight;            /* height relative to price_weight (e.g. 0.25) */
  const cw_line* lines;
  size_t line_count;
  cw_f64_column histogram; /* optional: {NULL, 0, 0} for none */
  cw_color histogram_up;   /* 0 = the chart's up/down colours */
  cw_color histogram_down;
  const double* levels;    /* horizontal reference lines (e.g. 30 and 70) */
  size_t level_count;
  double min, max;         /* a fixed scale when min < max, else automatic */
  const char* title;       /* UTF-8, drawn when axes are on at the panel's
                              top left, followed by each line's and then the
                              histogram's value at the last row in their
                              colours ("MACD 12 26 9  0.41  0.37  0.04");
                              may be NULL (the values alone) */
} cw_panel;

#define CW_MAX_PANELS 8u

/* Everything one render draws.  All pointers are borrowed for the call.
 * Initialise with cw_chart_data_init(); only ever grows at the end. */
typedef struct cw_chart_data {
  size_t struct_size;
  cw_ohlcv series;
  const cw_line* overlays;  /* over the price panel */
  size_t overlay_count;
  const cw_band* bands;     /* behind the candles, over the grid */
  size_t band_count;
  const cw_panel* panels;   /* at most CW_MAX_PANELS, top to bottom */
  size_t panel_count;
  const char* title;        /* UTF-8 title at the top left; may be NULL */
  /* Added after 0.1.0 (a smaller struct_size: no names): the legend,
   * drawn when axes are on at the price panel's top left, one row per named overlay
   * and band: a swatch of its colour, its name, its value(s) at the last
   * row (a band: upper and lower) in its colour; the price scale is raised
   * just enough that no candle, overlay or band is drawn under it. */
  const char* const* overlay_names; /* overlay_count UTF-8 names, or NULL
                                       for none; a NULL or "" entry leaves
                                       that overlay out of the legend */
  const char* const* band_names;    /* band_count names, likewise */
} cw_chart_data;

/* Sets struct_size, copies *series (NULL: an empty series) and clears the
 * rest.  NULL data is a no-op.  Thread-safe. */
CW_API void cw_chart_data_init(cw_chart_data* data, const cw_ohlcv* series);

typedef enum cw_format {
  CW_FORMAT_RGBA8 = 0,         /* raw frame, 4 bytes per pixel, R G B A */
  CW_FORMAT_RGB8 = 1,          /* raw frame, 3 bytes per pixel */
  CW_FORMAT_INDEXED8 = 2,      /* raw frame, 1 palette index per pixel; crisp
                                  charts only; see cw_chart_palette() */
  CW_FORMAT_PNG = 3,           /* palette PNG when the frame has <= 256
                                  colours (always in crisp mode), else RGB */
  CW_FORMAT_WEBP_LOSSLESS = 4,
  CW_FORMAT_WEBP_LOSSY = 5,    /* quality: cw_chart_options.webp_quality */
  CW_FORMAT_SVG = 6            /* the same layout as vector graphics */
} cw_format;

/* Bytes per pixel of a raw format (4, 3 or 1); 0 for encoded and unknown
 * formats.  Thread-safe. */
CW_API size_t cw_format_bytes_per_pixel(int32_t format);

/* Renders `data` into a caller-owned raw frame (CW_FORMAT_RGBA8, RGB8 or
 * INDEXED8) of `buffer_size` bytes with rows `row_stride` bytes apart
 * (>= width * bytes per pixel).  Bytes between rows are left untouched.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (chart, data or pixels NULL, or a
 * required column NULL); CW_ERR_STRUCT_SIZE; CW_ERR_INVALID_ARGUMENT (an
 * encoded or unknown format, INDEXED8 on an antialiased chart, more than
 * CW_MAX_PANELS panels, a panel weight <= 0 or not finite, a line or band
 * width neither 0 nor in [0.25, 64], a renko or point-and-figure box_size
 * beyond CW_MAX_CHART_BOXES); CW_ERR_BUFFER_TOO_SMALL;
 * CW_ERR_EMPTY_SERIES; CW_ERR_LENGTH_MISMATCH (any overlay, band or panel
 * series whose length differs from the series); CW_ERR_NON_FINITE;
 * CW_ERR_INCONSISTENT_OHLC; CW_ERR_NEGATIVE_VOLUME; CW_ERR_OUT_OF_MEMORY.
 * All input is validated before a pixel is written.  One thread at a time
 * per chart. */
CW_API cw_status cw_chart_render_frame(cw_chart* chart, const cw_chart_data* data,
                                       int32_t format, uint8_t* pixels,
                                       size_t buffer_size, size_t row_stride);

/* Renders `data` in any cw_format into a new library-owned buffer (raw
 * formats with the minimum stride).  On success *out is yours to release
 * with cw_buffer_destroy(); on failure it is NULL.  Statuses as
 * cw_chart_render_frame() except CW_ERR_BUFFER_TOO_SMALL, plus
 * CW_ERR_NULL_ARGUMENT for a NULL out and CW_ERR_ENCODE.  One thread at a
 * time per chart. */
CW_API cw_status cw_chart_render(cw_chart* chart, const cw_chart_data* data, int32_t format,
                                 cw_buffer** out);

/* The palette of the last successful render (what CW_FORMAT_INDEXED8
 * indices refer to): writes up to `capacity` colours and the palette's full
 * size to *count.  Returns CW_OK or CW_ERR_NULL_ARGUMENT (chart or count
 * NULL, or colors NULL with capacity > 0).  One thread at a time per chart. */
CW_API cw_status cw_chart_palette(const cw_chart* chart, cw_color* colors, size_t capacity,
                                  size_t* count);

/* Lossy WebP quality, 0 (smallest) to 100 (best); initially
 * cw_chart_options.webp_quality (default 90).  One thread at a time per
 * chart.  Returns CW_OK, CW_ERR_NULL_ARGUMENT (chart NULL) or
 * CW_ERR_INVALID_ARGUMENT (out of range or NaN; the quality is unchanged). */
CW_API cw_status cw_chart_set_webp_quality(cw_chart* chart, float quality);

/* ------------------------------------------------------------------------ */
/* Performance statistics                                                   */
/* ------------------------------------------------------------------------ */

/* A cw_stats handle keeps bounded statistics of the operations candlewick
 * (or you) perform, cheap enough for a 24/7 service to leave on:
 *
 *   - lifetime totals per kind of operation: count, errors, time, bytes
 *     produced, items processed, and the SIMD target that ran each one.
 *     Nothing but cw_stats_reset() ever reduces them;
 *   - a recent window: the last `capacity` records that are younger than
 *     `retention_ns`, with count, errors, bytes, items, mean, min, max and
 *     p50/p90/p99 latency per kind.  Age is judged by the handle's clock at
 *     every read, so an idle process reports an empty window once its
 *     records go stale; each record overwrites the oldest slot, so the
 *     window never holds more than `capacity` records.
 *
 * Memory: everything the handle will ever use is allocated by
 * cw_stats_create(), through its allocator: 64 bytes per record of
 * capacity, plus 4.7 KiB of counters per CPU (at least 8, at most 64 CPUs'
 * worth) and 7.7 KiB of read scratch per kind in use (the 5 built-in kinds
 * and the labels): 0.7 MiB in all for the defaults on an 8-CPU machine.
 * Recording, reading into a cw_stats_snapshot and resetting
 * allocate nothing; the text forms allocate only the cw_buffer they return.
 *
 * Percentiles come from a fixed log-linear histogram (16 sub-buckets per
 * power of two): each is the upper bound of the bucket holding the value of
 * that rank, clamped to [min, max], so it is at most 6.25% above the exact
 * value and never outside the observed range.
 *
 * Threads.  Unlike other handles, a cw_stats handle is THREAD-SAFE: every
 * function taking one may be called from any number of threads at once
 * (record, read, reset, now, last_error), except cw_stats_destroy().  Totals
 * are exact once recording threads are done; a read racing with records may
 * see a record's count before its bytes.  Records never wait for readers.
 *
 * Attaching.  cw_chart_attach_stats() makes every render call on that chart
 * record itself here.  The attachment does not own the stats handle: the
 * stats handle must outlive it, or be detached first (attach NULL).  Many
 * handles may share one stats handle.  cw_indicator_context_attach_stats()
 * and cw_bar_context_attach_stats() do the same for indicator contexts
 * (CW_STATS_INDICATOR) and bar contexts (CW_STATS_AGGREGATE), and
 * cw_renderer_attach_stats() for a renderer, whose batch jobs record
 * CW_STATS_BATCH, under the same rules (non-owning, NULL detaches, zero
 * cost when detached). */
typedef struct cw_stats cw_stats;

/* Kinds of operation.  Built-in kinds are 0..4 (5..7 are reserved for future
 * built-ins); caller-defined labels registered at creation are
 * CW_STATS_LABEL_0 + i.  Stable numbers, never reused. */
typedef enum cw_stats_kind {
  CW_STATS_RENDER = 0,    /* a rendered raw frame (cw_chart_render_rgba*,
                             cw_chart_render_frame, cw_chart_render or
                             cw_renderer_render of a raw format) */
  CW_STATS_ENCODE = 1,    /* an encoded file (cw_chart_render_png, or
                             cw_chart_render or cw_renderer_render of
                             PNG/WebP/SVG: rasterising + encoding, timed
                             as one call) */
  CW_STATS_INDICATOR = 2, /* an indicator computation */
  CW_STATS_AGGREGATE = 3, /* resampling / aggregating bars */
  CW_STATS_BATCH = 4,     /* one job of cw_renderer_render_batch() */
  CW_STATS_LABEL_0 = 8    /* the first caller-defined label */
} cw_stats_kind;

#define CW_STATS_MAX_LABELS 8u      /* labels per handle */
#define CW_STATS_KIND_SLOTS 16u     /* CW_STATS_LABEL_0 + CW_STATS_MAX_LABELS */
#define CW_STATS_NAME_SIZE 32u      /* a kind name with its NUL */

/* The SIMD instruction set an operation ran on.  The names (from
 * cw_simd_target_name) are Highway's.  Stable numbers, never reused; new
 * targets get new numbers below CW_SIMD_TARGET_SLOTS. */
typedef enum cw_simd_target {
  CW_SIMD_NONE = 0,  /* not reported, no SIMD kernel, or the call failed */
  CW_SIMD_OTHER = 1, /* a target this version has no number for */
  CW_SIMD_SCALAR = 2,
  CW_SIMD_EMU128 = 3,
  CW_SIMD_SSSE3 = 4,
  CW_SIMD_SSE4 = 5,
  CW_SIMD_AVX2 = 6,
  CW_SIMD_AVX3 = 7,  /* AVX-512 F/BW/DQ/VL */
  CW_SIMD_AVX3_DL = 8,
  CW_SIMD_AVX3_ZEN4 = 9,
  CW_SIMD_AVX3_SPR = 10,
  CW_SIMD_NEON = 11,
  CW_SIMD_SVE = 12,
  CW_SIMD_SVE2 = 13,
  CW_SIMD_SVE_256 = 14,
  CW_SIMD_SVE2_128 = 15,
  CW_SIMD_PPC8 = 16,
  CW_SIMD_PPC9 = 17,
  CW_SIMD_PPC10 = 18,
  CW_SIMD_WASM = 19,
  CW_SIMD_WASM_EMU256 = 20,
  CW_SIMD_RVV = 21
} cw_simd_target;

#define CW_SIMD_TARGET_SLOTS 32u /* size of per-target arrays */

/* "none", "other", or Highway's name of the target ("AVX3", "SCALAR", ...);
 * NULL for a number that is not assigned.  Static storage.  Thread-safe. */
CW_API const char* cw_simd_target_name(int32_t target);

/* The target candlewick's own kernels dispatch to on this CPU now (a
 * cw_simd_target).  Thread-safe. */
CW_API int32_t cw_simd_target_active(void);

/* A monotonic clock in nanoseconds (any origin).  Must be callable from any
 * thread and never go backwards.  `opaque` is passed back untouched. */
typedef int64_t (*cw_clock_fn)(void* opaque);

/* Options of a stats handle.  Initialise with cw_stats_options_init(), then
 * change what you need.  Only ever grows at the end. */
typedef struct cw_stats_options {
  size_t struct_size;
  uint64_t capacity;        /* records in the recent window, >= 1
                               (default 10000) */
  int64_t retention_ns;     /* records older than this leave the window, > 0
                               (default 24 h; INT64_MAX: never by age) */
  const char* const* labels; /* caller-defined kinds, NUL-terminated, copied
                               at create: 1..31 characters of [a-z0-9_]
                               starting with a letter, unique, none of the
                               built-in names ("render", ...).  Label i is
                               kind CW_STATS_LABEL_0 + i.  May be NULL when
                               label_count is 0. */
  uint32_t label_count;     /* <= CW_STATS_MAX_LABELS (default 0) */
  cw_clock_fn clock;        /* NULL: CLOCK_MONOTONIC (default) */
  void* clock_opaque;       /* passed to clock */
  const cw_allocator* allocator; /* NULL: the C library; copied at create */
} cw_stats_options;

/* Fills `options` with the defaults: capacity 10000, retention 24 hours, no
 * labels, CLOCK_MONOTONIC, default allocator, struct_size set.  NULL is a
 * no-op.  Thread-safe. */
CW_API void cw_stats_options_init(cw_stats_options* options);

/* Checks `options` exactly as cw_stats_create() does, without allocating,
 * and explains the first problem: a NUL-terminated message is written into
 * `message` (truncated to `message_size` bytes; "" when the options are
 * good).  `message` may be NULL when message_size is 0.  Use it to learn why
 * cw_stats_create() failed, since no handle exists then.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (options NULL, labels NULL with
 * label_count > 0, a NULL label, or an allocator with a NULL hook);
 * CW_ERR_STRUCT_SIZE; CW_ERR_INVALID_ARGUMENT (capacity 0, retention_ns <= 0,
 * more than CW_STATS_MAX_LABELS labels, a malformed, duplicate or built-in
 * label); CW_ERR_SIZE_OUT_OF_RANGE (the memory for `capacity` records
 * overflows the address space). */
CW_API cw_status cw_stats_options_validate(const cw_stats_options* options,
                                           char* message,
                                           size_t message_size);

/* Creates a stats handle from `options` (read, not retained; the labels and
 * the allocator struct are copied), allocating all the memory it will ever
 * use.  On success *out is a new handle that you destroy with
 * cw_stats_destroy(); on failure *out is NULL and nothing is leaked.
 * Thread-safe.
 * Returns CW_OK; out NULL gives CW_ERR_NULL_ARGUMENT; every status of
 * cw_stats_options_validate() (which explains it); CW_ERR_OUT_OF_MEMORY (the
 * allocator returned NULL). */
CW_API cw_status cw_stats_create(const cw_stats_options* options,
                                 cw_stats** out);

/* Destroys the handle and all its memory (not cw_buffers it returned, which
 * live on until cw_buffer_destroy).  NULL is a no-op.  No other call on the
 * handle may run or follow, and no chart may still have it attached. */
CW_API void cw_stats_destroy(cw_stats* stats);

/* Copies the message of the most recent failed call on this handle, from
 * any thread, into `buffer` (NUL-terminated, truncated to `buffer_size`
 * bytes; "" when no call has failed) and returns the message's full length,
 * so a second call with a larger buffer gets all of it.  `buffer` may be NULL
 * when buffer_size is 0.  A NULL stats gives "invalid handle (NULL stats)".
 * Why a copy and not a pointer (as cw_chart_last_error): the handle is
 * shared by threads, so a pointer into it could change while you read it;
 * and successful calls do not clear the message, so recording never writes
 * to memory other threads are reading.  Thread-safe. */
CW_API size_t cw_stats_last_error(const cw_stats* stats, char* buffer,
                                  size_t buffer_size);

/* The handle's clock now (options.clock, or CLOCK_MONOTONIC), in ns.  Take
 * the end time of a sample from here.  0 for a NULL stats.  Thread-safe. */
CW_API int64_t cw_stats_now(const cw_stats* stats);

/* One finished operation.  Set struct_size to sizeof(cw_stats_sample).
 * Only ever grows at the end. */
typedef struct cw_stats_sample {
  size_t struct_size;
  int64_t end_ns;        /* when it finished: a cw_stats_now() reading, so
                            its age can be judged (passing it in keeps the
                            clock read, ~20 ns, off the record path: a caller
                            that timed the operation already holds it) */
  int64_t duration_ns;   /* >= 0 */
  uint64_t bytes;        /* bytes produced */
  uint64_t items;        /* items processed: candles, rows, jobs */
  int32_t kind;          /* a cw_stats_kind: built-in or registered label */
  int32_t simd_target;   /* a cw_simd_target; CW_SIMD_NONE if unknown */
  int32_t failed;        /* non-zero: the operation failed (counted in
                            errors; its time, bytes and items still count) */
} cw_stats_sample;

/* Records `sample` (read, not retained).  Allocates nothing, reads no clock
 * and never waits for readers.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (stats or sample NULL);
 * CW_ERR_STRUCT_SIZE; CW_ERR_INVALID_ARGUMENT (a kind that is neither
 * built-in nor a registered label, an unassigned SIMD target, a negative
 * duration).  A rejected sample is not counted anywhere; the reason is in
 * cw_stats_last_error(). */
CW_API cw_status cw_stats_record(cw_stats* stats,
                                 const cw_stats_sample* sample);

/* Statistics of one kind.  Lifetime figures run from creation or the last
 * cw_stats_reset(); window figures cover the recent window.  The window
 * duration figures are 0 when window_count is 0.  The sums of caller
 * figures (duration_ns, bytes, items and their window_ forms) SATURATE at
 * UINT64_MAX: a total that would pass it reads UINT64_MAX, never a wrapped
 * small number (counts cannot get there: one record adds one). */
typedef struct cw_stats_kind_snapshot {
  char name[CW_STATS_NAME_SIZE]; /* "render", ... or the label; "" when the
                                    slot is not in use */
  uint64_t count;
  uint64_t errors;
  uint64_t duration_ns;          /* total time */
  uint64_t bytes;
  uint64_t items;
  uint64_t by_target[CW_SIMD_TARGET_SLOTS]; /* count per cw_simd_target */
  uint64_t window_count;
  uint64_t window_errors;
  uint64_t window_bytes;
  uint64_t window_items;
  uint64_t window_duration_ns;   /* total time (UINT64_MAX if it overflows) */
  uint64_t window_mean_ns;
  uint64_t window_min_ns;
  uint64_t window_max_ns;
  uint64_t window_p50_ns;
  uint64_t window_p90_ns;
  uint64_t window_p99_ns;
} cw_stats_kind_snapshot;

/* A consistent reading of a stats handle.  Set struct_size to
 * sizeof(cw_stats_snapshot).  Only ever grows at the end. */
typedef struct cw_stats_snapshot {
  size_t struct_size;
  int64_t taken_at_ns;     /* the clock reading the window was judged by */
  uint64_t capacity;
  int64_t retention_ns;
  uint64_t count;          /* lifetime records, all kinds */
  uint64_t window_count;   /* records in the window, all kinds */
  cw_stats_kind_snapshot kinds[CW_STATS_KIND_SLOTS]; /* indexed by kind */
} cw_stats_snapshot;

/* Fills the caller's `snapshot` (whose struct_size you set) with the totals
 * and the window as of the clock now.  Allocates nothing; takes time
 * proportional to the capacity (about 6 ns per record: 60 us for 10000),
 * during which other readers wait but recorders do not.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (stats or snapshot NULL);
 * CW_ERR_STRUCT_SIZE (snapshot->struct_size too small; nothing written). */
CW_API cw_status cw_stats_read(const cw_stats* stats,
                               cw_stats_snapshot* snapshot);

/* The same reading as JSON text (UTF-8; an object with the handle's figures
 * and one member per kind in use; durations in integer nanoseconds; window
 * latencies null when the window of a kind is empty).  On success *out is a
 * library-owned buffer (allocated through the handle's allocator) that you
 * release with cw_buffer_destroy(); the byte after its last is a NUL, so the
 * data is also a C string.  On failure *out is NULL.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (stats or out NULL);
 * CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_stats_read_json(const cw_stats* stats, cw_buffer** out);

/* The same reading in the Prometheus text exposition format (version
 * 0.0.4), every metric name starting with `prefix` + "_" (NULL:
 * "candlewick"), ready to append to a service's own /metrics response.
 * Lifetime totals are counters; latency is a summary whose quantiles cover
 * the window and whose _sum/_count cover the lifetime; the window's other
 * figures are gauges (NaN for an empty window).  Give each handle a distinct
 * prefix if a service exposes several.  Buffer and NUL as
 * cw_stats_read_json().  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (stats or out NULL);
 * CW_ERR_INVALID_ARGUMENT (prefix not 1..64 characters of [a-zA-Z0-9_] or
 * starting with a digit); CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_stats_read_prometheus(const cw_stats* stats,
                                          const char* prefix,
                                          cw_buffer** out);

/* Clears the window and the lifetime totals.  A record that overlaps the
 * reset may be counted in the totals after it but not in the window.
 * Allocates nothing.  Thread-safe.
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (stats NULL). */
CW_API cw_status cw_stats_reset(cw_stats* stats);

/* Attaches `stats` to `chart` (NULL detaches): from then on every render
 * call records one sample: CW_STATS_RENDER for raw frames
 * (cw_chart_render_rgba, cw_chart_render_rgba_buffer, cw_chart_render_frame,
 * cw_chart_render of a raw format), CW_STATS_ENCODE for encoded files
 * (cw_chart_render_png, cw_chart_render of PNG/WebP/SVG: the whole call, as
 * rasterising and encoding run as one pass), timed with the stats handle's
 * clock, failed calls included: bytes = the frame or file size (0 on
 * failure), items = the series' rows, SIMD target
 * = cw_simd_target_active() (CW_SIMD_NONE on failure).  Detached, a render
 * call costs one pointer test more than before: no clock read.
 * The chart does not own `stats`: destroy the chart, or detach, before
 * destroying the stats handle.  A call on the chart, so one thread at a time
 * per chart (the stats handle itself may be shared by any number of charts).
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (chart NULL). */
CW_API cw_status cw_chart_attach_stats(cw_chart* chart, cw_stats* stats);

/* ------------------------------------------------------------------------ */
/* A renderer for many threads, and batch rendering                         */
/* ------------------------------------------------------------------------ */

/* A cw_renderer is the one handle a service needs: any number of threads may
 * call it at once, and each call names its own options (size, theme, type,
 * layout, PNG preset: a cw_chart_options), data (a cw_chart_data) and output
 * format.  Behind it is a cache of charts: a call borrows an idle chart made
 * with the same options (or makes one), renders, and gives it back, so the
 * scratch memory and chart state of each option set are reused and a warm
 * call allocates nothing but its output.  A chart is lent to one call at a
 * time and never shared between threads while in use.
 *
 * Memory.  The cache is bounded: the bytes held by idle charts, measured
 * through the allocator (not estimated), never exceed max_cache_bytes once
 * a call returns; the least recently used charts are destroyed to make room,
 * and a chart larger than the whole bound is not kept.  Calls in progress
 * use one chart each on top of that (an 800x600 PNG chart keeps 0.75 MiB,
 * 1 MiB with axes and labels, 3.4 MiB antialiased with an overlay and a
 * panel; docs/services.md has a table).
 *
 * Messages.  A renderer is shared by threads, so it has no last error:
 * each call's status, message and output come back in its own
 * cw_render_job.
 *
 * Statistics.  With a cw_stats attached, every call records one sample:
 * cw_renderer_render() as CW_STATS_RENDER (raw formats) or CW_STATS_ENCODE
 * (PNG, WebP, SVG), each job of a batch as CW_STATS_BATCH; failures
 * included, bytes = the output's size, items = the series' rows. */
typedef struct cw_renderer cw_renderer;

/* The size of cw_render_job.message, with its NUL. */
#define CW_MESSAGE_SIZE 256u
/* The most threads one batch call may use, the calling thread included. */
#define CW_MAX_BATCH_THREADS 256u

/* Options of a renderer.  Initialise with cw_renderer_options_init(), then
 * change what you need.  Only ever grows at the end. */
typedef struct cw_renderer_options {
  size_t struct_size;
  uint64_t max_cache_bytes;      /* the most memory idle charts may hold
                                    (default 64 MiB; 0: keep nothing, every
                                    call makes and destroys its chart) */
  const uint8_t* font_data;      /* a TrueType/OpenType font for every chart's
                                    labels, or NULL for the embedded DejaVu
                                    Sans; copied at create (and by each chart
                                    that draws text, inside the bound) */
  size_t font_data_size;
  const cw_allocator* allocator; /* NULL: the C library; copied at create.
                                    Called from every thread that renders. */
} cw_renderer_options;

/* Fills `options` with the defaults above and sets struct_size.  NULL is a
 * no-op.  Thread-safe. */
CW_API void cw_renderer_options_init(cw_renderer_options* options);

/* Checks `options` as cw_renderer_create() does, without allocating, and
 * explains the first problem in `message` (NUL-terminated, truncated to
 * message_size bytes; "" when the options are good; may be NULL when
 * message_size is 0).  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (options NULL, an allocator with a
 * NULL hook, font_data NULL with a non-zero size); CW_ERR_STRUCT_SIZE;
 * CW_ERR_INVALID_ARGUMENT (font bytes FreeType cannot load, or a font of
 * 0 bytes). */
CW_API cw_status cw_renderer_options_validate(const cw_renderer_options* options,
                                              char* message, size_t message_size);

/* Creates a renderer (options read, not retained; the allocator struct and
 * the font are copied).  Starts no thread: batch calls start worker threads
 * when they first need them.  On success *out is a new handle you destroy
 * with cw_renderer_destroy(); on failure *out is NULL and nothing is leaked
 * (cw_renderer_options_validate() explains a bad option).  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (out NULL); every status of
 * cw_renderer_options_validate(); CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_renderer_create(const cw_renderer_options* options, cw_renderer** out);

/* Stops the worker threads and frees the cache and everything else the
 * renderer owns (cw_buffers it returned live on until cw_buffer_destroy).
 * NULL is a no-op.  Call once, when no other call on the renderer is
 * running; any thread. */
CW_API void cw_renderer_destroy(cw_renderer* renderer);

/* Attaches `stats` (NULL detaches); see "Statistics" above.  The renderer
 * does not own it.  Thread-safe, even while other threads render: each
 * call records into the handle attached when it started, so after
 * detaching, wait for the calls that were running before destroying the
 * stats handle (simplest: detach or destroy the renderer first).
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (renderer NULL). */
CW_API cw_status cw_renderer_attach_stats(cw_renderer* renderer, cw_stats* stats);

/* One render: what to draw, and where its result goes.  Initialise with
 * cw_render_job_init().  Only ever grows at the end. */
typedef struct cw_render_job {
  size_t struct_size;
  /* --- Input, borrowed for the call.  Many jobs may share them. */
  const cw_chart_options* options; /* as for cw_chart_create(), except that
                                      `allocator` and `font_data` must be
                                      NULL/0 (the renderer's are used) */
  const cw_chart_data* data;       /* the series, overlays, bands, panels and
                                      title, as for cw_chart_render() */
  int32_t format;                  /* a cw_format (default CW_FORMAT_PNG) */
  float webp_quality;              /* CW_FORMAT_WEBP_LOSSY: 0..100 (90) */
  uint8_t* pixels;                 /* optional, raw formats only: render into
                                      this caller-owned frame of buffer_size
                                      bytes, rows row_stride bytes apart, as
                                      cw_chart_render_frame() (no `output`
                                      then: nothing is allocated at all) */
  size_t buffer_size;
  size_t row_stride;
  cw_color* palette;               /* optional: receives the palette of the
                                      render (what CW_FORMAT_INDEXED8 indices
                                      mean), up to palette_capacity colours */
  size_t palette_capacity;
  /* --- Output, written by the call. */
  cw_status status;                /* CW_OK or why this job failed */
  char message[CW_MESSAGE_SIZE];   /* "" on success, else the detail ("width
                                      and height must be in [16, 16384], got
                                      8x600"); NUL-terminated */
  cw_buffer* output;               /* on success without `pixels`: the
                                      encoded file or raw frame, yours to
                                      release with cw_buffer_destroy(); NULL
                                      otherwise.  Overwritten by each call:
                                      release it before reusing the job. */
  size_t palette_count;            /* the render's palette size (0 on
                                      failure) */
} cw_render_job;

/* Sets struct_size, options, data and format, webp_quality 90 and clears
 * everything else.  NULL job is a no-op.  Thread-safe. */
CW_API void cw_render_job_init(cw_render_job* job, const cw_chart_options* options,
                               const cw_chart_data* data, int32_t format);

/* Renders `job` (its input is borrowed for the call; its output fields are
 * written) and returns job->status.  Thread-safe: any number of threads may
 * render on one renderer at once, each with its own job.
 * Statuses (in job->status, with a message, except the first two):
 *   CW_ERR_NULL_ARGUMENT with nothing written when job is NULL;
 *   CW_ERR_STRUCT_SIZE with nothing written when job->struct_size is below
 *     the first layout;
 *   CW_OK;
 *   CW_ERR_NULL_ARGUMENT (renderer, options or data NULL, or a NULL column
 *     or array the data needs);
 *   CW_ERR_STRUCT_SIZE (options or data too small);
 *   CW_ERR_INVALID_ARGUMENT (options.allocator or font_data set, an unknown
 *     theme, type, preset or format, a translucent custom colour, a weight,
 *     gap, margin, line width, box size, reversal or label size out of range,
 *     pixels with an encoded format, INDEXED8 on an antialiased chart, more
 *     than CW_MAX_PANELS panels, a bad WebP quality);
 *   CW_ERR_SIZE_OUT_OF_RANGE (width or height outside the limits);
 *   CW_ERR_BUFFER_TOO_SMALL (pixels: buffer or stride too small);
 *   the data statuses of cw_chart_render(): CW_ERR_EMPTY_SERIES,
 *     CW_ERR_LENGTH_MISMATCH, CW_ERR_NON_FINITE, CW_ERR_INCONSISTENT_OHLC,
 *     CW_ERR_NEGATIVE_VOLUME;
 *   CW_ERR_OUT_OF_MEMORY; CW_ERR_ENCODE; CW_ERR_INTERNAL.
 * On failure job->output is NULL and a caller's frame holds unspecified
 * bytes (untouched after validation errors). */
CW_API cw_status cw_renderer_render(cw_renderer* renderer, cw_render_job* job);

/* Runs `count` tasks in parallel: a caller-supplied runner must call
 * task(task_opaque, i) exactly once for every i in [0, count), from any
 * threads, and return only after every call has returned.  Lets a service
 * run batches on the thread pool it already has (as libjxl's runners do). */
typedef void (*cw_parallel_task)(void* task_opaque, size_t index);
typedef void (*cw_parallel_runner)(void* runner_opaque, cw_parallel_task task,
                                   void* task_opaque, size_t count);

/* Called after each job of a batch finishes (its output fields written), on
 * the thread that ran it, one call at a time: `done` counts the finished
 * jobs (1, 2, ... total).  For progress bars, logs, or writing each result
 * out as it comes (the job's output is then yours, as after the batch). */
typedef void (*cw_batch_progress)(void* progress_opaque, const cw_render_job* job, size_t done,
                                  size_t total);

/* How a batch runs.  Initialise with cw_batch_options_init().  Only ever
 * grows at the end. */
typedef struct cw_batch_options {
  size_t struct_size;
  uint32_t threads;             /* threads that render, the calling thread
                                   included: 0 (default) = the CPUs this
                                   process may run on; 1 = the calling thread
                                   alone; at most CW_MAX_BATCH_THREADS */
  cw_parallel_runner runner;    /* NULL (default): the renderer's own worker
                                   threads, started on first use and kept
                                   until cw_renderer_destroy(); else yours,
                                   and `threads` is ignored */
  void* runner_opaque;
  cw_batch_progress progress;   /* optional */
  void* progress_opaque;
} cw_batch_options;

/* Fills `options` with the defaults above and sets struct_size.  NULL is a
 * no-op.  Thread-safe. */
CW_API void cw_batch_options_init(cw_batch_options* options);

/* Renders `job_count` jobs in parallel, each exactly as cw_renderer_render()
 * would (same output bytes), each with its own status, message and output:
 * a bad job never fails the others.  `jobs` is an array of cw_render_job
 * initialised by cw_render_job_init() (all with the same struct_size, which
 * the library steps through the array by).  `options` may be NULL for the
 * defaults.  *failed (if not NULL) receives the number of jobs whose status
 * is not CW_OK.  Returns when every job is done.  Thread-safe: batches and
 * single renders may run on one renderer from several threads at once
 * (they share the worker threads; each calling thread works on its own
 * batch too).
 * Returns CW_OK when the batch ran (check each job's status, or *failed);
 * CW_ERR_NULL_ARGUMENT (renderer NULL, or jobs NULL with job_count > 0);
 * CW_ERR_STRUCT_SIZE (options or jobs[0] with a struct_size below the
 * first layout); CW_ERR_INVALID_ARGUMENT (threads above
 * CW_MAX_BATCH_THREADS).  On these no job is run or written, and *failed is
 * job_count.  A job whose struct_size differs from the first's fails alone
 * with CW_ERR_STRUCT_SIZE. */
CW_API cw_status cw_renderer_render_batch(cw_renderer* renderer, cw_render_job* jobs,
                                          size_t job_count, const cw_batch_options* options,
                                          size_t* failed);

/* A reading of a renderer's cache and threads. */
typedef struct cw_renderer_info {
  size_t struct_size;
  uint64_t max_cache_bytes;   /* the bound */
  uint64_t cached_bytes;      /* held by idle charts now (<= the bound) */
  uint64_t cached_charts;     /* idle charts */
  uint64_t charts_in_use;     /* charts lent to calls running now */
  uint64_t hits;              /* calls that found an idle chart */
  uint64_t misses;            /* calls that made a chart */
  uint64_t evictions;         /* charts destroyed to respect the bound */
  uint64_t overhead_bytes;    /* the renderer's own memory outside the
                                 bound (handle, cache table) */
  uint32_t worker_threads;    /* worker threads started */
} cw_renderer_info;

/* Fills the caller's `info` (set struct_size to sizeof(cw_renderer_info)).
 * Thread-safe.  Returns CW_OK; CW_ERR_NULL_ARGUMENT (renderer or info
 * NULL); CW_ERR_STRUCT_SIZE. */
CW_API cw_status cw_renderer_get_info(const cw_renderer* renderer, cw_renderer_info* info);

/* Destroys every idle chart (say, under memory pressure, or after a burst
 * of unusual sizes); calls running now keep theirs.  Thread-safe.
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (renderer NULL). */
CW_API cw_status cw_renderer_clear_cache(cw_renderer* renderer);

/* ------------------------------------------------------------------------ */
/* Indicators                                                               */
/* ------------------------------------------------------------------------ */

/* Technical indicators with TA-Lib's definitions and defaults (EMA seeded
 * with the mean of its first N values, Wilder smoothing for RSI/ATR/ADX,
 * population standard deviation).  docs/indicators.md gives the formula,
 * defaults and lookback of each.
 *
 * One generic entry point serves every indicator, so adding indicators,
 * parameters or outputs never changes the ABI:
 *   - an indicator is a stable number (CW_IND_*; dense from 1 to
 *     cw_indicator_count(), never reused) or its lower-case name
 *     (cw_indicator_find);
 *   - cw_indicator_get_info(), cw_indicator_get_param(),
 *     cw_indicator_input_name() and cw_indicator_output_name() describe its
 *     input columns, parameters (name, default, range) and outputs, in order;
 *   - parameters are an array of doubles in that order; a shorter array (or
 *     NULL) leaves the remaining ones at their defaults, so a parameter added
 *     later at the end keeps old calls meaning what they meant;
 *   - outputs are caller-owned arrays of doubles.  The size query is the
 *     input itself: every output has exactly as many elements as the input
 *     columns have rows.
 *
 * Values.  Output i belongs to input row i.  Positions before the first
 * defined value are NaN; on finite input the first defined value is at index
 * cw_indicator_lookback().  A series with fewer rows than any period
 * parameter (period, fast, slow, signal, fastk, ...) is rejected with
 * CW_ERR_SERIES_TOO_SHORT, an empty one with CW_ERR_EMPTY_SERIES: asking
 * for a 200-bar average of 50 bars is a mistake worth reporting, where
 * TA-Lib silently returns nothing.  A series at least as long as every
 * period but no longer than the lookback (MACD 12/26/9 over 30 rows: the
 * signal needs 34) gives all NaN and CW_OK.
 *
 * Non-finite input.  A NaN or infinity in any input column splits the
 * series: each maximal run of rows whose inputs are all finite is computed
 * as a series of its own, and the bad rows and the first `lookback` rows of
 * each run are NaN.  Recurrences (EMA, RSI, ATR, ADX, ...) thus restart after
 * a gap instead of staying NaN for ever.  Bad values are never an error,
 * except where a column's meaning is violated on a finite row: high < low
 * (CW_ERR_INCONSISTENT_OHLC) and volume < 0 (CW_ERR_NEGATIVE_VOLUME). */
typedef int32_t cw_indicator_id;

enum {
  CW_IND_SMA = 1,        /* simple moving average (period 30) */
  CW_IND_EMA = 2,        /* exponential MA (period 30, seed 0: SMA seed;
                            1: first value) */
  CW_IND_WMA = 3,        /* linearly weighted MA (period 30) */
  CW_IND_DEMA = 4,       /* double EMA (period 30) */
  CW_IND_TEMA = 5,       /* triple EMA (period 30) */
  CW_IND_TRIMA = 6,      /* triangular MA (period 30) */
  CW_IND_RSI = 7,        /* relative strength index (period 14) */
  CW_IND_MACD = 8,       /* MACD (fast 12, slow 26, signal 9) -> macd,
                            signal, hist */
  CW_IND_BBANDS = 9,     /* Bollinger bands (period 20, nbdevup 2, nbdevdn 2,
                            matype 0) -> upper, middle, lower */
  CW_IND_STDDEV = 10,    /* population standard deviation (5, nbdev 1;
                            sample 0, 1 for the sample deviation) */
  CW_IND_VAR = 11,       /* population variance (period 5, nbdev 1 ignored as
                            TA-Lib; sample 0, 1 for the sample variance) */
  CW_IND_TRANGE = 12,    /* true range */
  CW_IND_ATR = 13,       /* average true range (period 14) */
  CW_IND_NATR = 14,      /* normalised ATR, percent of close (period 14) */
  CW_IND_MOM = 15,       /* momentum (period 10) */
  CW_IND_ROC = 16,       /* rate of change, percent (period 10) */
  CW_IND_WILLR = 17,     /* Williams' %R (period 14) */
  CW_IND_STOCH = 18,     /* stochastic (5, 3, SMA, 3, SMA) -> slowk, slowd */
  CW_IND_STOCHF = 19,    /* fast stochastic (5, 3, SMA) -> fastk, fastd */
  CW_IND_CCI = 20,       /* commodity channel index (period 14) */
  CW_IND_OBV = 21,       /* on-balance volume */
  CW_IND_AD = 22,        /* Chaikin accumulation/distribution line */
  CW_IND_PLUS_DI = 23,   /* +DI (period 14) */
  CW_IND_MINUS_DI = 24,  /* -DI (period 14) */
  CW_IND_DX = 25,        /* directional movement index (period 14) */
  CW_IND_ADX = 26,       /* average directional index (period 14) */
  CW_IND_ADXR = 27,      /* ADX rating (period 14) */
  CW_IND_AROON = 28,     /* Aroon (period 14) -> down, up */
  CW_IND_AROONOSC = 29,  /* Aroon oscillator (period 14) */
  CW_IND_MIDPRICE = 30,  /* (highest high + lowest low) / 2 (period 14) */
  CW_IND_MIDPOINT = 31,  /* (max + min) / 2 of one column (period 14) */
  CW_IND_MEDPRICE = 32,  /* (high + low) / 2 */
  CW_IND_TYPPRICE = 33,  /* (high + low + close) / 3 */
  CW_IND_WCLPRICE = 34,  /* (high + low + 2 close) / 4 */
  CW_IND_AVGPRICE = 35,  /* (open + high + low + close) / 4 */
  CW_IND_MAX = 36,       /* rolling maximum (period 30) */
  CW_IND_MIN = 37,       /* rolling minimum (period 30) */
  CW_IND_SUM = 38,       /* rolling sum (period 30) */
  CW_IND_KAMA = 39,      /* Kaufman adaptive MA (period 30) */
  CW_IND_CMO = 40,       /* Chande momentum oscillator (period 14) */
  CW_IND_MFI = 41,       /* money flow index (period 14) */
  CW_IND_APO = 42,       /* absolute price oscillator (12, 26, matype 1) */
  CW_IND_PPO = 43,       /* percentage price oscillator (12, 26, matype 1) */
  CW_IND_TRIX = 44,      /* 1-bar ROC of a triple EMA, percent (period 30) */
  CW_IND_BOP = 45,       /* balance of power */
  CW_IND_ROCP = 46,      /* (x - prev) / prev (period 10) */
  CW_IND_ROCR = 47,      /* x / prev (period 10) */
  CW_IND_ROCR100 = 48,   /* x / prev * 100 (period 10) */
  CW_IND_HMA = 49,       /* Hull MA (period 9) */
  CW_IND_VWMA = 50,      /* volume-weighted MA (period 20); input, volume */
  CW_IND_STOCHRSI = 51,  /* stochastic RSI (14, fastk 5, fastd 3, SMA) -> fastk,
                            fastd */
  CW_IND_ULTOSC = 52,    /* ultimate oscillator (7, 14, 28) */
  CW_IND_SAR = 53,       /* parabolic SAR (acceleration 0.02, maximum 0.2);
                            high, low */
  CW_IND_LINEARREG = 54, /* linear regression, value at the newest bar (14) */
  CW_IND_LINEARREG_SLOPE = 55,     /* its slope per bar (14) */
  CW_IND_LINEARREG_INTERCEPT = 56, /* its value at the oldest bar (14) */
  CW_IND_LINEARREG_ANGLE = 57,     /* atan(slope) in degrees (14) */
  CW_IND_TSF = 58,       /* time series forecast: the line one bar ahead (14) */
  CW_IND_ADOSC = 59,     /* Chaikin A/D oscillator (fast 3, slow 10) */
  CW_IND_VWAP = 60,      /* cumulative VWAP of the typical price; high, low,
                            close, volume */
  CW_IND_AVWAP = 61,     /* anchored VWAP: as VWAP plus an "anchor" column,
                            restarting at every row whose anchor is != 0 */
  CW_IND_CMF = 62,       /* Chaikin money flow (period 20) */
  CW_IND_KELTNER = 63,   /* Keltner channels (EMA 20 of typical price, +-2 x
                            ATR 10) -> upper, middle, lower */
  CW_IND_DONCHIAN = 64,  /* Donchian channels (20) -> upper, middle, lower */
  CW_IND_ICHIMOKU = 65,  /* Ichimoku (9, 26, 52) -> tenkan, kijun, senkou_a,
                            senkou_b, each at the row it is computed from
                            (draw senkou 26 rows later) */
  CW_IND_SUPERTREND = 66, /* Supertrend (ATR 10, multiplier 3) -> value,
                             direction (+1 up, -1 down) */
  CW_IND_ELDER_RAY = 67, /* Elder ray (EMA 13) -> bull, bear */
  CW_IND_TSI = 68,       /* true strength index (long 25, short 13) */
  CW_IND_PIVOTS = 69     /* classic floor pivots of the previous bar -> p, r1,
                            r2, r3, s1, s2, s3 */
};

/* Moving-average kinds for "matype" parameters (TA-Lib's numbering). */
enum {
  CW_MA_SMA = 0,
  CW_MA_EMA = 1,
  CW_MA_WMA = 2,
  CW_MA_DEMA = 3,
  CW_MA_TEMA = 4,
  CW_MA_TRIMA = 5
};

/* The number of indicators this library has: valid ids are 1..count.
 * Thread-safe. */
CW_API int32_t cw_indicator_count(void);

/* What an indicator takes and gives.  Set struct_size to
 * sizeof(cw_indicator_info) before the call; the library fills only what
 * fits in struct_size, so the struct may grow at the end.  Strings are
 * static storage, never freed. */
typedef struct cw_indicator_info {
  size_t struct_size;
  const char* name;    /* "sma": lower case; the CLI's and columns' name */
  const char* title;   /* "Simple Moving Average" */
  size_t input_count;  /* input columns, named by cw_indicator_input_name */
  size_t param_count;  /* parameters, described by cw_indicator_get_param */
  size_t output_count; /* outputs, named by cw_indicator_output_name */
} cw_indicator_info;

/* Describes indicator `id`.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (info NULL); CW_ERR_STRUCT_SIZE
 * (info->struct_size smaller than the first layout); CW_ERR_INVALID_ARGUMENT
 * (unknown id; *info is then untouched). */
CW_API cw_status cw_indicator_get_info(cw_indicator_id id, cw_indicator_info* info);

/* One parameter.  struct_size as for cw_indicator_info. */
typedef struct cw_indicator_param {
  size_t struct_size;
  const char* name;     /* "period", "nbdevup", "matype", ...; static */
  double default_value; /* TA-Lib's default */
  double min_value;     /* inclusive bounds */
  double max_value;
  int32_t is_integer;   /* non-zero: the value must be a whole number */
} cw_indicator_param;

/* Describes parameter `index` (0-based) of indicator `id`.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (param NULL); CW_ERR_STRUCT_SIZE;
 * CW_ERR_INVALID_ARGUMENT (unknown id, or index >= param_count). */
CW_API cw_status cw_indicator_get_param(cw_indicator_id id, size_t index,
                                        cw_indicator_param* param);

/* The name of input column `index` of indicator `id` ("input" for a
 * single-series indicator, which accepts any column; else "open", "high",
 * "low", "close" or "volume"), or NULL for an unknown id or index.  Static
 * storage.  Thread-safe. */
CW_API const char* cw_indicator_input_name(cw_indicator_id id, size_t index);

/* The name of output `index` of indicator `id` ("value" for single-output
 * indicators; "upper"/"middle"/"lower", "macd"/"signal"/"hist", ...), or
 * NULL for an unknown id or index.  Static storage.  Thread-safe. */
CW_API const char* cw_indicator_output_name(cw_indicator_id id, size_t index);

/* Looks an indicator up by its lower-case name ("bbands").  On success *out
 * is its id; otherwise *out is 0.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (name or out NULL);
 * CW_ERR_INVALID_ARGUMENT (no such indicator). */
CW_API cw_status cw_indicator_find(const char* name, cw_indicator_id* out);

/* The index of the first defined output for these parameters (on input
 * without non-finite values): e.g. period - 1 for SMA, 33 for MACD(12,26,9).
 * params: param_count values (0 <= param_count <= the indicator's count;
 * params may be NULL when param_count is 0), the rest take their defaults.
 * Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (out NULL, or params NULL with
 * param_count > 0); CW_ERR_INVALID_ARGUMENT (unknown id, too many
 * parameters, or a parameter not finite, out of range or not whole where it
 * must be).  On error *out is 0. */
CW_API cw_status cw_indicator_lookback(cw_indicator_id id, const double* params,
                                       size_t param_count, size_t* out);

/* Per-thread state for computing indicators: the allocator, scratch memory
 * reused from call to call (so steady-state calls do not allocate) and the
 * last error message.  Create one per thread that computes indicators. */
typedef struct cw_indicator_context cw_indicator_context;

/* Creates a context.  `allocator` (NULL: the C library) is copied; every
 * byte the context holds comes from it.  On success *out is a new handle you
 * destroy with cw_indicator_context_destroy(); on failure *out is NULL.
 * Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (out NULL, or an allocator with a NULL
 * hook); CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_indicator_context_create(const cw_allocator* allocator,
                                             cw_indicator_context** out);

/* Destroys the context and its scratch memory.  NULL is a no-op. */
CW_API void cw_indicator_context_destroy(cw_indicator_context* context);

/* The detailed message of the last failed call on this context ("" after a
 * successful one), naming the indicator, the column, row or parameter at
 * fault.  Owned by the context; valid until the next call on it.  Never NULL
 * ("invalid handle" for a NULL context). */
CW_API const char* cw_indicator_context_last_error(const cw_indicator_context* context);

/* Attaches `stats` to `context` (NULL detaches): from then on every
 * cw_indicator_compute() call on the context records one CW_STATS_INDICATOR
 * sample, timed with the stats handle's clock, failed calls included: bytes
 * = the output values written (8 per value, 0 on failure), items = the rows
 * of the input, SIMD target = cw_simd_target_active() (CW_SIMD_NONE on
 * failure).  Detached, a compute call costs one pointer test more: no clock
 * read.  The context does not own `stats`: destroy the context, or detach,
 * before destroying the stats handle.  A call on the context, so one thread
 * at a time per context (the stats handle may be shared by many).
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (context NULL). */
CW_API cw_status cw_indicator_context_attach_stats(cw_indicator_context* context,
                                                   cw_stats* stats);

/* Computes indicator `id` over `input_count` borrowed columns (exactly the
 * indicator's input count, in the order cw_indicator_input_name() gives, all
 * of one length n; contiguous and strided columns alike are read in place,
 * never copied).  params as for
 * cw_indicator_lookback().  outputs: output_count pointers (at most the
 * indicator's output count; missing trailing outputs and NULL entries are
 * computed but not stored), each to a caller-owned buffer of at least
 * output_capacity doubles; output_capacity must be >= n.  Element i of an
 * output belongs to row i (see "Values" and "Non-finite input" above); only
 * elements 0..n-1 are written.  Outputs must not overlap the inputs or each
 * other.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (context NULL, inputs NULL with
 * input_count > 0, outputs NULL with output_count > 0, params NULL with
 * param_count > 0, or a column with NULL data and length > 0);
 * CW_ERR_INVALID_ARGUMENT (unknown id, wrong input_count, too many outputs,
 * a bad parameter); CW_ERR_LENGTH_MISMATCH (columns of different lengths);
 * CW_ERR_EMPTY_SERIES (n == 0); CW_ERR_SERIES_TOO_SHORT (n below a period
 * parameter; the message names it); CW_ERR_BUFFER_TOO_SMALL
 * (output_capacity < n); CW_ERR_INCONSISTENT_OHLC (a finite row with
 * high < low, for indicators taking both); CW_ERR_NEGATIVE_VOLUME (a finite
 * volume < 0); CW_ERR_OUT_OF_MEMORY (scratch for intermediate series).  On error the
 * outputs hold unspecified values.  One thread at a time per context. */
CW_API cw_status cw_indicator_compute(cw_indicator_context* context, cw_indicator_id id,
                                      const cw_f64_column* inputs, size_t input_count,
                                      const double* params, size_t param_count,
                                      double* const* outputs, size_t output_count,
                                      size_t output_capacity);

/* --- Many series in one call ----------------------------------------------
 *
 * Computes indicator `id` over `series_count` independent series, which may
 * have different lengths: series s reads the input_count columns
 * inputs[s * input_count + k] (input_count = the indicator's input count,
 * one length n_s per series) and writes the output_count outputs
 * outputs[s * output_count + j] (output_count at most the indicator's
 * output count; NULL entries are not stored), each with room for
 * output_capacities[s] >= n_s doubles.  Every series is computed exactly as
 * cw_indicator_compute() would compute it alone (same values, bit for bit);
 * the parameters are checked once and the context's scratch memory is
 * reused from series to series.  Series are computed in order and the call
 * stops at the first that fails: *failed_series (when not NULL) receives
 * its index (0 on success), the context's last error starts with
 * "series <s>: ", earlier series hold their results and later ones are
 * untouched.  One thread at a time per context.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (context NULL, inputs, outputs or
 * output_capacities NULL while needed, params NULL with param_count > 0,
 * a column with NULL data and length > 0); CW_ERR_INVALID_ARGUMENT
 * (unknown id, input_count not the indicator's, too many outputs, a bad
 * parameter); and per series every status of cw_indicator_compute():
 * CW_ERR_LENGTH_MISMATCH, CW_ERR_EMPTY_SERIES, CW_ERR_SERIES_TOO_SHORT,
 * CW_ERR_BUFFER_TOO_SMALL, CW_ERR_INCONSISTENT_OHLC, CW_ERR_NEGATIVE_VOLUME,
 * CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_indicator_compute_batch(cw_indicator_context* context, cw_indicator_id id,
                                            const cw_f64_column* inputs, size_t input_count,
                                            size_t series_count, const double* params,
                                            size_t param_count, double* const* outputs,
                                            size_t output_count,
                                            const size_t* output_capacities,
                                            size_t* failed_series);

/* --- Streaming: one bar at a time -----------------------------------------
 *
 * A stream computes one indicator incrementally for a live feed: each
 * cw_indicator_stream_push() takes the newest bar and returns that bar's
 * outputs, equal to what cw_indicator_compute() gives at that row of the
 * whole series so far (NaN before the lookback; bit for bit where the batch
 * kernel is a scalar loop, within 1e-12 relative where it is a SIMD scan;
 * docs/indicators.md lists which).  Cost per push: O(1) (amortised O(1) for
 * rolling maxima/minima; O(period) for CCI and the LINEARREG family/TSF).  All memory is allocated at
 * create, sized from the parameters; pushes never allocate.
 *
 * The batch NaN policy holds bar by bar: a bar with any non-finite input
 * outputs NaN and restarts the stream (the next bar is the first of a new
 * run).  A finite bar with high < low or a volume < 0 is rejected with an
 * error and leaves the stream unchanged. */
typedef struct cw_indicator_stream cw_indicator_stream;

/* 1 when indicator `id` can be streamed (cw_indicator_stream_create accepts
 * it), 0 when it cannot or `id` is unknown.  Thread-safe. */
CW_API int32_t cw_indicator_stream_supported(cw_indicator_id id);

/* Creates a stream of indicator `id` with `params` (as for
 * cw_indicator_lookback(): param_count values, the rest at their defaults).
 * `allocator` (NULL: the C library) is copied; the handle and its state
 * (rings sized from the parameters) are all the memory the stream ever
 * takes from it.  On success *out is a new handle you destroy with
 * cw_indicator_stream_destroy(); on failure *out is NULL.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (out NULL, params NULL with
 * param_count > 0, or an allocator with a NULL hook);
 * CW_ERR_INVALID_ARGUMENT (unknown id, an indicator without streaming
 * support -- see cw_indicator_stream_supported() --, too many parameters,
 * or a parameter out of range); CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_indicator_stream_create(const cw_allocator* allocator, cw_indicator_id id,
                                            const double* params, size_t param_count,
                                            cw_indicator_stream** out);

/* Destroys the stream and frees its memory through its allocator.  NULL is
 * a no-op. */
CW_API void cw_indicator_stream_destroy(cw_indicator_stream* stream);

/* Takes one bar: bar[k] is the value of input column k (input_count must be
 * the indicator's input count, in cw_indicator_input_name() order) and
 * writes the bar's outputs to outputs[0..output_count) (at most the
 * indicator's output count; fewer means the trailing outputs are not
 * wanted; outputs may be NULL when output_count is 0).  Borrowed for the
 * call only.  Never allocates.  One thread at a time per stream.
 * Returns CW_OK (also for a non-finite bar: NaN outputs and a restart);
 * CW_ERR_NULL_ARGUMENT (stream NULL, bar NULL with input_count > 0,
 * outputs NULL with output_count > 0); CW_ERR_INVALID_ARGUMENT (wrong
 * input_count or too many outputs); CW_ERR_INCONSISTENT_OHLC (a finite bar
 * with high < low); CW_ERR_NEGATIVE_VOLUME (a finite volume < 0).  On error
 * the stream is unchanged and outputs are untouched. */
CW_API cw_status cw_indicator_stream_push(cw_indicator_stream* stream, const double* bar,
                                          size_t input_count, double* outputs,
                                          size_t output_count);

/* Forgets every bar pushed: the next push starts a new series, as after
 * create.  Keeps the memory.  One thread at a time per stream.
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (stream NULL). */
CW_API cw_status cw_indicator_stream_reset(cw_indicator_stream* stream);

/* The index of the first bar (counted from create, a reset, or a
 * non-finite bar) whose outputs are defined: cw_indicator_lookback() for
 * the stream's parameters.  0 for a NULL stream.  Thread-safe with respect
 * to pushes on other streams; reads only the handle. */
CW_API size_t cw_indicator_stream_lookback(const cw_indicator_stream* stream);

/* The detailed message of the last failed call on this stream ("" after a
 * successful one).  Owned by the stream; valid until the next call on it.
 * Never NULL ("invalid handle" for a NULL stream). */
CW_API const char* cw_indicator_stream_last_error(const cw_indicator_stream* stream);

/* ------------------------------------------------------------------------ */
/* Bar aggregation                                                          */
/* ------------------------------------------------------------------------ */

/* Turns ticks or bars into new bars: time resampling, tick, volume and
 * range bars, Heikin-Ashi, renko bricks, point-and-figure columns, kagi
 * lines and n-line break.  docs/bars.md gives each method's exact rules with
 * worked examples.
 *
 * Design.  Every method writes rows of the same shape (time, open, high,
 * low, close, volume, row) into CALLER-OWNED arrays, with a size query:
 *
 *     size_t n = 0;
 *     cw_bars_from_ticks(ctx, &ticks, &opt, NULL, &n);   (n = exact rows)
 *     ... allocate n of each column you want ...
 *     cw_bars_from_ticks(ctx, &ticks, &opt, &out, &n);   (fills them)
 *
 * Why this and not a library-owned result or an upper-bound function: the
 * row count depends on the data, not only on its length (one price jump
 * makes thousands of renko bricks, a week-end gap thousands of empty
 * minutes), so no useful bound exists; the exact count costs one pass over
 * the input, which is read in place and allocates nothing; and the caller
 * chooses where the rows live (a numpy array, a pinned .NET array, a column
 * of its own table) with no extra copy and no free function to get wrong.
 * Counting and filling run the same code and always agree.
 *
 * Options.  One entry point per input kind, one options struct, and the
 * method chosen by a number, so new methods and parameters never change the
 * ABI (the struct only grows at the end).
 *
 * Output rows.  Each output row covers a run of consecutive input rows:
 * `row` is the last of them (-1 for an empty time interval); `time` is the
 * start of the interval for time bars, and otherwise the time of the first
 * input row it covers; `volume` is their summed volume (or, when the input
 * has no volume column, their number: tick volume).  When one input row
 * makes several output rows (a price jump through several bricks), the
 * first takes the pending rows and the rest cover that row alone with
 * volume 0.  The last, unfinished bar is emitted by time, tick, volume and
 * range bars, and the column or line in progress by point-and-figure and
 * kagi; renko and line break emit only complete bricks and lines.  Input
 * rows after the last output row's `row` belong to no output row.
 *
 * Input.  Columns are borrowed for the call, read in place (contiguous or
 * strided, reversed or unaligned), never copied or retained.  Every row is
 * validated before anything is computed: prices finite, for bars low <=
 * open, close <= high; volume finite and >= 0.  Times must be
 * non-decreasing (equal times allowed) only for time bars; the other
 * methods carry them.  An empty input gives 0 rows and CW_OK. */

/* Aggregation methods.  Stable numbers, never reused. */
typedef enum cw_bar_method {
  CW_BARS_TIME = 1,         /* OHLCV per interval of the clock (interval,
                               offset, empty) */
  CW_BARS_TICK = 2,         /* every tick_count input rows */
  CW_BARS_VOLUME = 3,       /* every volume_threshold of volume
                               (volume_split); needs a volume column */
  CW_BARS_RANGE = 4,        /* bars spanning exactly `range` from high to
                               low, each opening at the previous close */
  CW_BARS_HEIKIN_ASHI = 5,  /* Heikin-Ashi candles (bars only) */
  CW_BARS_RENKO = 6,        /* close-based bricks, one box to continue, two
                               to reverse (box_mode, box_size, atr_period) */
  CW_BARS_POINT_FIGURE = 7, /* close-based X/O columns (box_mode, box_size,
                               atr_period, reversal) */
  CW_BARS_KAGI = 8,         /* kagi lines (reversal_amount,
                               reversal_percent) */
  CW_BARS_LINE_BREAK = 9    /* n-line break (line_count; 3 is the classic
                               three-line break) */
} cw_bar_method;

/* What a time interval without input rows becomes. */
typedef enum cw_bar_empty {
  CW_BAR_EMPTY_SKIP = 0, /* not emitted: rows only for intervals with data */
  CW_BAR_EMPTY_NAN = 1,  /* a row with NaN prices, volume 0, row -1 */
  CW_BAR_EMPTY_FLAT = 2  /* a flat row at the previous close, volume 0,
                            row -1 */
} cw_bar_empty;

/* How renko and point-and-figure size their box. */
typedef enum cw_box_mode {
  CW_BOX_FIXED = 0, /* box_size */
  CW_BOX_ATR = 1    /* Wilder's ATR(atr_period) at the end of the input
                       (the mean true range if the input is shorter), the
                       chart's automatic box; a tick's true range is
                       |price - previous price|.  A flat input has ATR 0
                       and gives 0 rows. */
} cw_box_mode;

/* Parameters.  Initialise with cw_bar_options_init(), then set what you
 * need; each method reads only its own fields.  Only ever grows at the end;
 * struct_size is set by the init function.  Enumerated fields are int32_t
 * for a fixed size; unknown values are rejected. */
typedef struct cw_bar_options {
  size_t struct_size;
  int32_t method;           /* a cw_bar_method (default CW_BARS_TIME) */
  int32_t empty;            /* time: a cw_bar_empty (CW_BAR_EMPTY_SKIP) */
  int64_t interval;         /* time: bucket length, > 0, in the units of the
                               time column (seconds by this header's
                               convention: 60 = 1 minute, the default) */
  int64_t offset;           /* time: buckets start at offset + k * interval
                               for integers k (UTC multiples of the interval
                               from the epoch when 0, the default); any
                               value, taken modulo interval */
  uint64_t tick_count;      /* tick: input rows per bar, >= 1 (100) */
  double volume_threshold;  /* volume: > 0, finite; no default (0 is
                               rejected) */
  int32_t volume_split;     /* volume: 0 (default): the row that reaches the
                               threshold closes the bar with all its volume,
                               so bars hold >= threshold; non-zero: rows are
                               split so every complete bar holds exactly the
                               threshold (the rest of the row makes whole
                               bars of its own and opens the next) */
  int32_t box_mode;         /* renko, point-and-figure: a cw_box_mode
                               (CW_BOX_ATR) */
  double range;             /* range: bar height, > 0, finite; no default */
  double box_size;          /* renko, point-and-figure with CW_BOX_FIXED:
                               > 0, finite; no default */
  int32_t atr_period;       /* CW_BOX_ATR: >= 1 (14) */
  int32_t reversal;         /* point-and-figure: boxes to reverse, >= 1 (3) */
  double reversal_amount;   /* kagi: > 0, finite (4); with reversal_percent
                               < 100 */
  int32_t reversal_percent; /* kagi: non-zero (default): reversal_amount is
                               a percentage of the line's extreme (prices
                               must be > 0); 0: a price amount */
  int32_t line_count;       /* line break: lines to break, 1..100 (3) */
} cw_bar_options;

/* Fills `options` with the defaults above for `method` (which is stored
 * as given, checked only when used) and sets struct_size.  NULL is a no-op.
 * Thread-safe. */
CW_API void cw_bar_options_init(cw_bar_options* options, int32_t method);

/* Ticks: a time and a price per trade or quote, and optionally its size.
 * `time` may be omitted ({NULL, 0, 0}) except for time bars; `size` may be
 * omitted except for volume bars.  Given columns must match price's length.
 * A tick is a bar with open = high = low = close = price. */
typedef struct cw_ticks {
  cw_i64_column time;
  cw_f64_column price;
  cw_f64_column size;
} cw_ticks;

/* Caller-owned output columns, each with room for `capacity` rows.  A NULL
 * column is not written, so ask only for what you need.  `time` may be given
 * only when the input has a time column.  Must not overlap the input or each
 * other.  Set struct_size to sizeof(cw_bar_output). */
typedef struct cw_bar_output {
  size_t struct_size;
  size_t capacity;
  int64_t* time;
  double* open;
  double* high;
  double* low;
  double* close;
  double* volume;
  int64_t* row;   /* the last input row each output row covers; -1 for an
                     empty time interval */
} cw_bar_output;

/* Per-thread state for aggregating: the allocator, scratch memory reused
 * from call to call (only line break uses any: two doubles per line), and
 * the last error message.  Create one per thread that aggregates. */
typedef struct cw_bar_context cw_bar_context;

/* Creates a context.  `allocator` (NULL: the C library) is copied; every
 * byte the context holds comes from it.  On success *out is a new handle you
 * destroy with cw_bar_context_destroy(); on failure *out is NULL and nothing
 * is leaked.  Thread-safe.
 * Returns CW_OK; CW_ERR_NULL_ARGUMENT (out NULL, or an allocator with a NULL
 * hook); CW_ERR_OUT_OF_MEMORY. */
CW_API cw_status cw_bar_context_create(const cw_allocator* allocator,
                                       cw_bar_context** out);

/* Destroys the context and its scratch memory.  NULL is a no-op. */
CW_API void cw_bar_context_destroy(cw_bar_context* context);

/* The detailed message of the last failed call on this context ("" after a
 * successful one), naming the option, column or row at fault.  Owned by the
 * context; valid until the next call on it.  Never NULL ("invalid handle"
 * for a NULL context). */
CW_API const char* cw_bar_context_last_error(const cw_bar_context* context);

/* Attaches `stats` to `context` (NULL detaches): from then on every
 * cw_bars_from_ticks() and cw_bars_from_ohlcv() call records one
 * CW_STATS_AGGREGATE sample, timed with the stats handle's clock, failed
 * calls and size queries included: bytes = 8 per value written (0 on failure
 * or for a size query), items = the input rows, SIMD target =
 * cw_simd_target_active() (CW_SIMD_NONE on failure).  Detached, a call costs
 * one pointer test more: no clock read.  The context does not own `stats`:
 * destroy the context, or detach, before destroying the stats handle.  A
 * call on the context, so one thread at a time per context.
 * Returns CW_OK or CW_ERR_NULL_ARGUMENT (context NULL). */
CW_API cw_status cw_bar_context_attach_stats(cw_bar_context* context, cw_stats* stats);

/* Aggregates `ticks` with `options` (both borrowed for the call).
 * out == NULL: the size query; *count is set to the exact number of output
 * rows and nothing is written.  Otherwise the rows are written to `out`'s
 * non-NULL columns and *count is their number; when that exceeds
 * out->capacity, the call fails with CW_ERR_BUFFER_TOO_SMALL and *count is
 * still the number needed (grow the arrays and call again).
 * On every other error *count is 0.  On any error the output arrays hold
 * unspecified values.  One thread at a time per context.
 * Returns CW_OK;
 * CW_ERR_NULL_ARGUMENT (context, ticks, options or count NULL; a column with
 *   NULL data and a non-zero length; no time column for time bars, no size
 *   column for volume bars, on non-empty input);
 * CW_ERR_STRUCT_SIZE (options or out with a struct_size below the first
 *   layout);
 * CW_ERR_INVALID_ARGUMENT (an unknown method, empty policy or box mode;
 *   interval <= 0; tick_count 0; volume_threshold, range or fixed box_size
 *   <= 0 or not finite; atr_period < 1; reversal < 1; reversal_amount <= 0,
 *   not finite or, as a percentage, >= 100; line_count outside 1..100;
 *   CW_BARS_HEIKIN_ASHI on ticks; a time decreasing from one row to the next
 *   for time bars; a percent kagi reversal with a price <= 0; a box or range
 *   so small that a price lies more than 2^52 boxes from zero; out->time
 *   given without an input time column; a time whose interval would start
 *   before INT64_MIN);
 * CW_ERR_LENGTH_MISMATCH (time or size not as long as price);
 * CW_ERR_NON_FINITE (a NaN or infinite price or size);
 * CW_ERR_NEGATIVE_VOLUME (a size < 0);
 * CW_ERR_BUFFER_TOO_SMALL (more rows than out->capacity; see above);
 * CW_ERR_SIZE_OUT_OF_RANGE (more than 2^60 output rows);
 * CW_ERR_OUT_OF_MEMORY (line-break scratch). */
CW_API cw_status cw_bars_from_ticks(cw_bar_context* context,
                                    const cw_ticks* ticks,
                                    const cw_bar_options* options,
                                    const cw_bar_output* out, size_t* count);

/* Aggregates the bars of `series` with `options`, exactly as
 * cw_bars_from_ticks() (size query, statuses), where the input rows are
 * bars: open/high/low/close required, `time` needed only by time bars and
 * `volume` only by volume bars.  Bar-specific rules: range bars assume each
 * bar's prices went open, nearer extreme, farther extreme, close (open, low,
 * high, close when close >= open); a bar split by volume_split contributes
 * its whole open/high/low/close to each bar it is split across.
 * Additional statuses: CW_ERR_NULL_ARGUMENT (series NULL, or a required
 * price column NULL); CW_ERR_LENGTH_MISMATCH (columns of different lengths);
 * CW_ERR_INCONSISTENT_OHLC (high < low, or open or close outside them);
 * CW_ERR_NEGATIVE_VOLUME (a volume < 0); CW_ERR_NON_FINITE also for a
 * volume.  One thread at a time per context. */
CW_API cw_status cw_bars_from_ohlcv(cw_bar_context* context,
                                    const cw_ohlcv* series,
                                    const cw_bar_options* options,
                                    const cw_bar_output* out, size_t* count);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CANDLEWICK_H_ */
