/*
 * The borrowed-data half of candlewick's C API, for languages whose
 * hand-written layer builds the C structs itself and passes managed memory
 * straight to the library (Go, C#).  Python reads its columns through C
 * helpers of its own (swig/python/cwpy) and does not include this file.
 *
 *     %module ...
 *     ... the language's typemaps for the pointer types below ...
 *     %include "candlewick_data.i"     (which includes candlewick_core.i)
 *
 * It widens the allow-list of candlewick_core.i (these %renames come before
 * that file's catch-all %ignore "", and a named rename wins over it) with:
 * column views and series, chart data with overlays, bands and panels,
 * library-owned buffers, statistics handles and readings, indicator
 * computation and streams, and bar aggregation.
 *
 * Pointer fields and arguments (const double* data, const char* title,
 * double* outputs, ...) are borrowed: the C API reads them during one call
 * and keeps nothing.  Each language maps them to a raw pointer type of its
 * own (Go: *float64, *byte; C#: IntPtr) and pins the managed memory for the
 * call; no typemap here copies or converts anything.
 *
 * Structs are allocated in C memory by SWIG's constructors (calloc) and
 * filled field by field through SWIG's setters, so no language mirrors a C
 * layout by hand.  A few helpers below fill the gaps SWIG leaves for C:
 * arrays of structs, array members, and struct_size for structs that have
 * no init function.
 */

/* ------------------------------------------------------------------------ */
/* Columns and series                                                       */
/* ------------------------------------------------------------------------ */

%define CW_ALLOW_STRUCT(type)
%rename("%s") type;
%rename("%s") type::type;
%rename("%s") type::~type;
%enddef

CW_ALLOW_STRUCT(cw_f64_column)
%rename("%s") cw_f64_column::data;
%rename("%s") cw_f64_column::length;
%rename("%s") cw_f64_column::stride;
CW_ALLOW_STRUCT(cw_i64_column)
%rename("%s") cw_i64_column::data;
%rename("%s") cw_i64_column::length;
%rename("%s") cw_i64_column::stride;
CW_ALLOW_STRUCT(cw_ohlcv)
%rename("%s") cw_ohlcv::time;
%rename("%s") cw_ohlcv::open;
%rename("%s") cw_ohlcv::high;
%rename("%s") cw_ohlcv::low;
%rename("%s") cw_ohlcv::close;
%rename("%s") cw_ohlcv::volume;

/* ------------------------------------------------------------------------ */
/* Charts: fonts, everything one render draws, every output format          */
/* ------------------------------------------------------------------------ */

/* The font bytes are copied at create: a binding pins them for that call. */
%rename("%s") cw_chart_options::font_data;
%rename("%s") cw_chart_options::font_data_size;
/* The time zone's name is read at create (and per renderer job): a binding
 * lends its text for that call, as a title.  cw_chart_options_validate says
 * why a create failed (an unknown zone, ...), since no handle exists then. */
%rename("%s") cw_chart_options::time_zone;
%rename("%s") cw_chart_options_validate;

CW_ALLOW_STRUCT(cw_line)
%rename("%s") cw_line::values;
%rename("%s") cw_line::color;
%rename("%s") cw_line::width;
CW_ALLOW_STRUCT(cw_band)
%rename("%s") cw_band::upper;
%rename("%s") cw_band::lower;
%rename("%s") cw_band::fill;
%rename("%s") cw_band::line;
%rename("%s") cw_band::width;
CW_ALLOW_STRUCT(cw_panel)
%rename("%s") cw_panel::weight;
%rename("%s") cw_panel::lines;
%rename("%s") cw_panel::line_count;
%rename("%s") cw_panel::histogram;
%rename("%s") cw_panel::histogram_up;
%rename("%s") cw_panel::histogram_down;
%rename("%s") cw_panel::levels;
%rename("%s") cw_panel::level_count;
%rename("%s") cw_panel::min;
%rename("%s") cw_panel::max;
%rename("%s") cw_panel::title;
CW_ALLOW_STRUCT(cw_chart_data)
%rename("%s") cw_chart_data::series;
%rename("%s") cw_chart_data::overlays;
%rename("%s") cw_chart_data::overlay_count;
%rename("%s") cw_chart_data::bands;
%rename("%s") cw_chart_data::band_count;
%rename("%s") cw_chart_data::panels;
%rename("%s") cw_chart_data::panel_count;
%rename("%s") cw_chart_data::title;
/* Legend names: arrays of borrowed texts, as the stats labels. */
%rename("%s") cw_chart_data::overlay_names;
%rename("%s") cw_chart_data::band_names;
%rename("%s") cw_chart_data_init;

%rename("%s") cw_chart_render;
%rename("%s") cw_chart_render_frame;
%rename("%s") cw_chart_palette;

/* Library-owned output: a language copies the bytes out and destroys the
 * buffer at once (or ties cw_buffer_destroy to its own finalisation). */
%rename("%s") cw_buffer_data;
%rename("%s") cw_buffer_size;
%rename("%s") cw_buffer_destroy;

/* ------------------------------------------------------------------------ */
/* Statistics                                                               */
/* ------------------------------------------------------------------------ */

%rename("%s") cw_stats_options::labels;
%rename("%s") cw_stats_options::label_count;
%rename("%s") cw_stats_options_validate;
%rename("%s") cw_stats_create;
%rename("%s") cw_stats_last_error;
%rename("%s") cw_stats_read;
%rename("%s") cw_stats_read_json;
%rename("%s") cw_stats_read_prometheus;
%rename("%s") cw_stats_record;
CW_ALLOW_STRUCT(cw_stats_sample)
%rename("%s") cw_stats_sample::end_ns;
%rename("%s") cw_stats_sample::duration_ns;
%rename("%s") cw_stats_sample::bytes;
%rename("%s") cw_stats_sample::items;
%rename("%s") cw_stats_sample::kind;
%rename("%s") cw_stats_sample::simd_target;
%rename("%s") cw_stats_sample::failed;
CW_ALLOW_STRUCT(cw_stats_snapshot)
%rename("%s") cw_stats_snapshot::taken_at_ns;
%rename("%s") cw_stats_snapshot::capacity;
%rename("%s") cw_stats_snapshot::retention_ns;
%rename("%s") cw_stats_snapshot::count;
%rename("%s") cw_stats_snapshot::window_count;
/* kinds[] and by_target[] are read through the helpers below. */
%rename("%s") cw_stats_kind_snapshot;
%rename("%s") cw_stats_kind_snapshot::name;
%rename("%s") cw_stats_kind_snapshot::count;
%rename("%s") cw_stats_kind_snapshot::errors;
%rename("%s") cw_stats_kind_snapshot::duration_ns;
%rename("%s") cw_stats_kind_snapshot::bytes;
%rename("%s") cw_stats_kind_snapshot::items;
%rename("%s") cw_stats_kind_snapshot::window_count;
%rename("%s") cw_stats_kind_snapshot::window_errors;
%rename("%s") cw_stats_kind_snapshot::window_bytes;
%rename("%s") cw_stats_kind_snapshot::window_items;
%rename("%s") cw_stats_kind_snapshot::window_duration_ns;
%rename("%s") cw_stats_kind_snapshot::window_mean_ns;
%rename("%s") cw_stats_kind_snapshot::window_min_ns;
%rename("%s") cw_stats_kind_snapshot::window_max_ns;
%rename("%s") cw_stats_kind_snapshot::window_p50_ns;
%rename("%s") cw_stats_kind_snapshot::window_p90_ns;
%rename("%s") cw_stats_kind_snapshot::window_p99_ns;

/* ------------------------------------------------------------------------ */
/* Indicators                                                               */
/* ------------------------------------------------------------------------ */

CW_ALLOW_STRUCT(cw_indicator_info)
%rename("%s") cw_indicator_info::name;
%rename("%s") cw_indicator_info::title;
%rename("%s") cw_indicator_info::input_count;
%rename("%s") cw_indicator_info::param_count;
%rename("%s") cw_indicator_info::output_count;
%rename("%s") cw_indicator_get_info;
/* Read-only descriptions (static strings of the library). */
%immutable cw_indicator_info::name;
%immutable cw_indicator_info::title;
%immutable cw_indicator_param::name;
CW_ALLOW_STRUCT(cw_indicator_param)
%rename("%s") cw_indicator_param::name;
%rename("%s") cw_indicator_param::default_value;
%rename("%s") cw_indicator_param::min_value;
%rename("%s") cw_indicator_param::max_value;
%rename("%s") cw_indicator_param::is_integer;
%rename("%s") cw_indicator_get_param;
%rename("%s") cw_indicator_input_name;
%rename("%s") cw_indicator_output_name;
%rename("%s") cw_indicator_lookback;
%rename("%s") cw_indicator_context_create;
%rename("%s") cw_indicator_compute;
%rename("%s") cw_indicator_stream_supported;
%rename("%s") cw_indicator_stream_create;
%rename("%s") cw_indicator_stream_destroy;
%rename("%s") cw_indicator_stream_push;
%rename("%s") cw_indicator_stream_reset;
%rename("%s") cw_indicator_stream_lookback;
%rename("%s") cw_indicator_stream_last_error;

/* ------------------------------------------------------------------------ */
/* Bar aggregation                                                          */
/* ------------------------------------------------------------------------ */

CW_ALLOW_STRUCT(cw_ticks)
%rename("%s") cw_ticks::time;
%rename("%s") cw_ticks::price;
%rename("%s") cw_ticks::size;
CW_ALLOW_STRUCT(cw_bar_output)
%rename("%s") cw_bar_output::capacity;
%rename("%s") cw_bar_output::time;
%rename("%s") cw_bar_output::open;
%rename("%s") cw_bar_output::high;
%rename("%s") cw_bar_output::low;
%rename("%s") cw_bar_output::close;
%rename("%s") cw_bar_output::volume;
%rename("%s") cw_bar_output::row;
%rename("%s") cw_bar_context_create;
%rename("%s") cw_bars_from_ticks;
%rename("%s") cw_bars_from_ohlcv;

/* ------------------------------------------------------------------------ */
/* The renderer for many threads, and batches                               */
/* ------------------------------------------------------------------------ */

/* Options: the cache bound and a font (copied at create; a binding pins the
 * bytes for that call).  The allocator stays C's. */
%rename("%s") cw_renderer_options;
%rename("%s") cw_renderer_options::cw_renderer_options;
%rename("%s") cw_renderer_options::~cw_renderer_options;
%rename("%s") cw_renderer_options::max_cache_bytes;
%rename("%s") cw_renderer_options::font_data;
%rename("%s") cw_renderer_options::font_data_size;
%rename("%s") cw_renderer_options_init;
%rename("%s") cw_renderer_options_validate;
%rename("%s") cw_renderer_create;
%rename("%s") cw_renderer_destroy;
%rename("%s") cw_renderer_attach_stats;
%rename("%s") cw_renderer_clear_cache;
%rename("%s") cw_renderer_get_info;
CW_ALLOW_STRUCT(cw_renderer_info)
%rename("%s") cw_renderer_info::max_cache_bytes;
%rename("%s") cw_renderer_info::cached_bytes;
%rename("%s") cw_renderer_info::cached_charts;
%rename("%s") cw_renderer_info::charts_in_use;
%rename("%s") cw_renderer_info::hits;
%rename("%s") cw_renderer_info::misses;
%rename("%s") cw_renderer_info::evictions;
%rename("%s") cw_renderer_info::overhead_bytes;
%rename("%s") cw_renderer_info::worker_threads;
/* A job: its input pointers (C structs the binding fills), its format, a
 * caller's frame, and its result.  The message array is read through
 * cwswig_render_job_message below; the palette is left out. */
CW_ALLOW_STRUCT(cw_render_job)
%rename("%s") cw_render_job::options;
%rename("%s") cw_render_job::data;
%rename("%s") cw_render_job::format;
%rename("%s") cw_render_job::webp_quality;
%rename("%s") cw_render_job::pixels;
%rename("%s") cw_render_job::buffer_size;
%rename("%s") cw_render_job::row_stride;
%rename("%s") cw_render_job::status;
%rename("%s") cw_render_job::output;
%rename("%s") cw_render_job_init;
%rename("%s") cw_renderer_render;
/* Batches run on the renderer's own workers: the thread count only (the
 * runner and progress callbacks are C function pointers). */
%rename("%s") cw_batch_options;
%rename("%s") cw_batch_options::cw_batch_options;
%rename("%s") cw_batch_options::~cw_batch_options;
%rename("%s") cw_batch_options::threads;
%rename("%s") cw_batch_options_init;
%rename("%s") cw_renderer_render_batch;
%rename("%s") CW_MAX_BATCH_THREADS;

/* Structs the caller must stamp with sizeof (the header has no init
 * function for them): SWIG's constructor does it, so a struct made by a
 * binding is always valid for the library that the wrapper was compiled
 * against. */
%define CW_SIZED_CONSTRUCTOR(type)
%extend type {
  type() {
    type* self = (type*)calloc(1, sizeof(type));
    if (self != NULL) self->struct_size = sizeof(type);
    return self;
  }
}
%enddef
CW_SIZED_CONSTRUCTOR(cw_bar_output)
CW_SIZED_CONSTRUCTOR(cw_indicator_info)
CW_SIZED_CONSTRUCTOR(cw_indicator_param)
CW_SIZED_CONSTRUCTOR(cw_stats_sample)
CW_SIZED_CONSTRUCTOR(cw_stats_snapshot)
CW_SIZED_CONSTRUCTOR(cw_renderer_info)

%include "candlewick_core.i"

/* ------------------------------------------------------------------------ */
/* Helpers for what SWIG's C struct wrappers cannot express                 */
/* ------------------------------------------------------------------------ */

/* Arrays of structs in C memory (zeroed), addressed element by element:
 * cw_line overlays[], cw_panel panels[], cw_f64_column inputs[], ...
 * `_new` returns NULL when out of memory (or for n == 0); free with
 * cwswig_free.  Named cwswig_ so they never clash with the library's cw_. */
%define CW_STRUCT_ARRAY(type)
%rename("%s") cwswig_##type##_array_new;
%rename("%s") cwswig_##type##_array_at;
%inline %{
type* cwswig_##type##_array_new(size_t n) {
  return n == 0 ? NULL : (type*)calloc(n, sizeof(type));
}
type* cwswig_##type##_array_at(type* array, size_t i) { return array + i; }
%}
%enddef
CW_STRUCT_ARRAY(cw_f64_column)
CW_STRUCT_ARRAY(cw_line)
CW_STRUCT_ARRAY(cw_band)
CW_STRUCT_ARRAY(cw_panel)
CW_STRUCT_ARRAY(cw_render_job)

%rename("%s") cwswig_free;
%rename("%s") cwswig_stats_snapshot_kind;
%rename("%s") cwswig_stats_kind_by_target;
%rename("%s") cwswig_render_job_message;
%inline %{
void cwswig_free(void* array) { free(array); }

/* Element i of a snapshot's per-kind table (i < CW_STATS_KIND_SLOTS). */
cw_stats_kind_snapshot* cwswig_stats_snapshot_kind(cw_stats_snapshot* snapshot, size_t i) {
  return i < CW_STATS_KIND_SLOTS ? &snapshot->kinds[i] : NULL;
}
/* Records of a kind per SIMD target (target < CW_SIMD_TARGET_SLOTS). */
uint64_t cwswig_stats_kind_by_target(const cw_stats_kind_snapshot* kind, size_t target) {
  return target < CW_SIMD_TARGET_SLOTS ? kind->by_target[target] : 0;
}
/* A job's message (the array member SWIG would not wrap as text). */
const char* cwswig_render_job_message(const cw_render_job* job) { return job->message; }
%}
