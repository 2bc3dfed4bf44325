/*
 * The language-neutral part of candlewick's SWIG interfaces: which parts of
 * the C API (capi/candlewick.h) a binding wraps, under which names.  Every
 * language's interface sets its module, declares its typemaps (they must
 * come before the declarations they apply to) and then includes this file:
 *
 *     %module ...
 *     ... typemaps, %apply, %exception for the names below ...
 *     %include "candlewick_core.i"
 *     ... its own helpers: %rename("name") helper; %include "helpers.h"
 *
 * An allow-list: everything is ignored first, then the names below are
 * un-ignored, so additions to candlewick.h never leak into a binding by
 * accident.  A language may un-ignore more after including this file.
 *
 * Ownership needs no %newobject/%delobject here: no C API function returns
 * a new object by value.  Handles come back through out-parameters
 * (`cw_chart** out`, ...), which each language maps with its own typemaps,
 * and are released by their explicit destroy functions, listed below.
 */

%{
#include "capi/candlewick.h"
%}

%include <stdint.i>

%ignore "";

/* Version, status text and the constants of the header. */
%rename("%s") cw_version;
%rename("%s") cw_version_string;
%rename("%s") cw_status_string;
%rename("%s") CW_VERSION_MAJOR;
%rename("%s") CW_VERSION_MINOR;
%rename("%s") CW_VERSION_PATCH;
%rename("%s") CW_MIN_DIMENSION;
%rename("%s") CW_MAX_DIMENSION;
%rename("%s") CW_OK;
%rename("%s", regextarget=1) "^CW_ERR_";
/* Enumerators of a named enum are only emitted when the enum itself is. */
%rename("%s") cw_theme;
%rename("%s", regextarget=1) "^CW_THEME_";
%rename("%s") cw_chart_type;
%rename("%s", regextarget=1) "^CW_CHART_";
%rename("%s") cw_png_preset;
%rename("%s", regextarget=1) "^CW_PNG_";

/* The options struct, minus `allocator` (a C function-pointer table),
 * `struct_size` (owned by cw_chart_options_init) and the font pointer (a
 * binding borrows the caller's bytes for the create call, so no dangling
 * pointer can be stored in the struct).  Constructor and destructor are
 * un-ignored explicitly, or SWIG would ignore them and leak every options
 * object. */
%rename("%s") cw_chart_options;
%rename("%s") cw_chart_options::cw_chart_options;
%rename("%s") cw_chart_options::~cw_chart_options;
%rename("%s") cw_chart_options::width;
%rename("%s") cw_chart_options::height;
%rename("%s") cw_chart_options::type;
%rename("%s") cw_chart_options::theme;
%rename("%s") cw_chart_options::show_volume;
%rename("%s") cw_chart_options::show_grid;
%rename("%s") cw_chart_options::show_axes;
%rename("%s") cw_chart_options::antialias;
%rename("%s") cw_chart_options::use_custom_colors;
%rename("%s") cw_chart_options::background;
%rename("%s") cw_chart_options::up;
%rename("%s") cw_chart_options::down;
%rename("%s") cw_chart_options::grid;
%rename("%s") cw_chart_options::text;
%rename("%s") cw_chart_options::axis;
%rename("%s") cw_chart_options::png_preset;
%rename("%s") cw_chart_options::price_weight;
%rename("%s") cw_chart_options::volume_weight;
%rename("%s") cw_chart_options::panel_gap;
%rename("%s") cw_chart_options::margin;
%rename("%s") cw_chart_options::line_width;
%rename("%s") cw_chart_options::box_size;
%rename("%s") cw_chart_options::reversal;
%rename("%s") cw_chart_options::label_size;
%rename("%s") cw_chart_options_init;

/* The chart handle's lifetime and queries; rendering into a caller-owned
 * frame.  Library-owned outputs (cw_buffer) are left to each language, which
 * must tie cw_buffer_destroy to its own memory management. */
%rename("%s") cw_chart_create;
%rename("%s") cw_chart_destroy;
%rename("%s") cw_chart_last_error;
%rename("%s") cw_chart_frame_info;
%rename("%s") cw_chart_render_rgba;
%rename("%s") cw_chart_set_webp_quality;
%rename("%s") cw_format_bytes_per_pixel;
%rename("%s") cw_format;
%rename("%s", regextarget=1) "^CW_FORMAT_";
%rename("%s") CW_MAX_PANELS;

/* Statistics: the handle, its options (capacity and retention; labels are
 * an array of strings each language passes its own way), attaching. */
%rename("%s") cw_stats_options;
%rename("%s") cw_stats_options::cw_stats_options;
%rename("%s") cw_stats_options::~cw_stats_options;
%rename("%s") cw_stats_options::capacity;
%rename("%s") cw_stats_options::retention_ns;
%rename("%s") cw_stats_options_init;
%rename("%s") cw_stats_destroy;
%rename("%s") cw_stats_reset;
%rename("%s") cw_stats_now;
%rename("%s") cw_chart_attach_stats;
/* The thread-safe renderer: its handle's lifetime, stats and cache (each
 * language renders through helpers of its own, which own the outputs). */
%rename("%s") cw_renderer_destroy;
%rename("%s") cw_renderer_attach_stats;
%rename("%s") cw_renderer_clear_cache;
%rename("%s") CW_MAX_BATCH_THREADS;
%rename("%s") cw_simd_target_name;
%rename("%s") cw_simd_target_active;
%rename("%s") cw_stats_kind;
%rename("%s", regextarget=1) "^CW_STATS_";
%rename("%s") cw_simd_target;
%rename("%s", regextarget=1) "^CW_SIMD_";

/* Indicators: lookup, the context's lifetime and messages, constants. */
%rename("%s") cw_indicator_count;
%rename("%s") cw_indicator_find;
%rename("%s") cw_indicator_context_destroy;
%rename("%s") cw_indicator_context_last_error;
%rename("%s") cw_indicator_context_attach_stats;
/* Streams: support, lifetime, reset, lookback, messages. */
%rename("%s") cw_indicator_stream_supported;
%rename("%s") cw_indicator_stream_destroy;
%rename("%s") cw_indicator_stream_reset;
%rename("%s") cw_indicator_stream_lookback;
%rename("%s") cw_indicator_stream_last_error;
%rename("%s", regextarget=1) "^CW_IND_";
%rename("%s", regextarget=1) "^CW_MA_";

/* Bar aggregation: the options struct (minus struct_size, owned by
 * cw_bar_options_init), the context's lifetime and messages. */
%rename("%s") cw_bar_method;
%rename("%s", regextarget=1) "^CW_BARS_";
%rename("%s") cw_bar_empty;
%rename("%s", regextarget=1) "^CW_BAR_EMPTY_";
%rename("%s") cw_box_mode;
%rename("%s", regextarget=1) "^CW_BOX_";
%rename("%s") cw_bar_options;
%rename("%s") cw_bar_options::cw_bar_options;
%rename("%s") cw_bar_options::~cw_bar_options;
%rename("%s") cw_bar_options::method;
%rename("%s") cw_bar_options::empty;
%rename("%s") cw_bar_options::interval;
%rename("%s") cw_bar_options::offset;
%rename("%s") cw_bar_options::tick_count;
%rename("%s") cw_bar_options::volume_threshold;
%rename("%s") cw_bar_options::volume_split;
%rename("%s") cw_bar_options::box_mode;
%rename("%s") cw_bar_options::range;
%rename("%s") cw_bar_options::box_size;
%rename("%s") cw_bar_options::atr_period;
%rename("%s") cw_bar_options::reversal;
%rename("%s") cw_bar_options::reversal_amount;
%rename("%s") cw_bar_options::reversal_percent;
%rename("%s") cw_bar_options::line_count;
%rename("%s") cw_bar_options_init;
%rename("%s") cw_bar_context_destroy;
%rename("%s") cw_bar_context_last_error;
%rename("%s") cw_bar_context_attach_stats;

%include "capi/candlewick.h"
