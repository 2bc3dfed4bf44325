/*
 * SWIG interface of the C# binding's P/Invoke layer, namespace
 * Candlewick.Native (internal to Candlewick.dll):
 *
 *     swig -csharp -namespace Candlewick.Native -dllimport candlewick_csharp \
 *          -I../.. -I../common -outdir GEN -o GEN/candlewick_wrap.c candlewick.i
 *
 * (build.sh runs it, compiles the C wrapper into libcandlewick_csharp.so
 * against the installed libcandlewick, and the C# into Candlewick.dll).
 *
 * This layer is C-shaped: raw statuses, SWIG's struct proxies in C memory,
 * raw pointers as IntPtr.  The hand-written layer (src/) owns the rules of
 * .NET interop:
 *
 *   - every pointer the C API borrows (columns, titles, fonts, parameters,
 *     outputs, out-values) is an IntPtr here; the hand-written layer pins the
 *     managed array for the call (GCHandle or `fixed`) and passes its
 *     address: no copy, no marshalling;
 *   - handles (cw_chart*, ...) are IntPtr too, owned by SafeHandle
 *     subclasses, which are referenced (DangerousAddRef) for every call.
 */
%module NativeMethods

#define CW_SWIG_INSTALLED_HEADER

/* Everything generated is internal: the API is the hand-written layer. */
%typemap(csclassmodifiers) SWIGTYPE, SWIGTYPE *, SWIGTYPE &, SWIGTYPE &&, SWIGTYPE [] "internal class"
%typemap(csclassmodifiers) enum SWIGTYPE "internal enum"
%pragma(csharp) moduleclassmodifiers="internal class"

/* Fixed-size integers of the header, at their real widths. */
%apply unsigned long long { size_t };
%apply long long { ptrdiff_t };

/* Borrowed pointers and handles: IntPtr, passed through unchanged. */
%apply void *VOID_INT_PTR {
  double *, const double *, double *const *,
  int64_t *, const int64_t *,
  uint8_t *, const uint8_t *,
  uint32_t *, cw_color *, size_t *, cw_indicator_id *,
  char *message, char *buffer, const char *title, const char *const *labels,
  const char *time_zone, const char *const *overlay_names, const char *const *band_names,
  void *array,
  cw_chart *, const cw_chart *, cw_chart **,
  cw_stats *, const cw_stats *, cw_stats **,
  cw_indicator_context *, const cw_indicator_context *, cw_indicator_context **,
  cw_indicator_stream *, const cw_indicator_stream *, cw_indicator_stream **,
  cw_bar_context *, const cw_bar_context *, cw_bar_context **,
  cw_buffer *, const cw_buffer *, cw_buffer **,
  cw_renderer *, const cw_renderer *, cw_renderer **,
  const cw_allocator *
};
/* A pointer member stores the caller's pointer as it is (SWIG's default
 * for char* members would copy into malloc'd memory and leak it). */
%typemap(memberin) const char *title %{ $1 = (const char*)$input; %}
%typemap(memberin) const char *const *labels %{ $1 = (const char* const*)$input; %}
%typemap(memberin) const char *time_zone %{ $1 = (const char*)$input; %}
%typemap(memberin) const char *const *overlay_names, const char *const *band_names
  %{ $1 = (const char* const*)$input; %}

/* The time zone and the legend names (fields appended to cw_chart_options and
 * cw_chart_data), and the options check that explains a failed create. */
%rename("%s") cw_chart_options::time_zone;
%rename("%s") cw_chart_data::overlay_names;
%rename("%s") cw_chart_data::band_names;
%rename("%s") cw_chart_options_validate;

%include "candlewick_data.i"
