/*
 * SWIG interface of the Go binding's low-level package, internal/cw:
 *
 *     swig -go -cgo -intgosize 64 -I../.. -I../common -outdir internal/cw \
 *          -o internal/cw/cw_wrap.c cw.i           (see generate.sh)
 *
 * The output is committed (a module fetched with `go get` cannot run SWIG);
 * generate_test.go regenerates it and fails on any difference.
 *
 * internal/cw is C-shaped: raw statuses, SWIG's struct wrappers in C memory,
 * raw pointers.  The packages users import (candlewick, indicators, bars)
 * are written by hand on top of it and own every rule of cgo:
 *
 *   - Borrowed data (columns, titles, fonts, parameters, outputs) is passed
 *     as typed Go pointers (*float64, *int64, *byte, ...), so cgo sees and
 *     checks every one.  Where the C API wants the pointer inside a struct
 *     (a cw_f64_column, a cw_panel's title), the struct lives in C memory
 *     and the Go memory it points to is pinned with runtime.Pinner for the
 *     call: the rule that lets C memory hold a Go pointer.
 *   - Out-parameters are pointers to Go integers (*uintptr for handles,
 *     *uintptr for size_t): C writes a value, never a Go pointer.
 *
 * The library is found with pkg-config (tools/install.sh installs
 * candlewick.pc): PKG_CONFIG_PATH=PREFIX/lib/pkgconfig for a prefix outside
 * the system's.
 */
%module cw

/* `type` and `range` (Go keywords) become Xtype and Xrange. */
#pragma SWIG nowarn=314

#define CW_SWIG_INSTALLED_HEADER

%insert(cgo_comment_typedefs) %{
#cgo pkg-config: candlewick
%}

/* ------------------------------------------------------------------------ */
/* Borrowed pointers: typed Go pointers, passed through unchanged           */
/* ------------------------------------------------------------------------ */

%define CW_GO_POINTER(CTYPE, GOTYPE)
%typemap(gotype) CTYPE *, const CTYPE * #GOTYPE
%typemap(in) CTYPE *, const CTYPE * %{ $1 = ($1_ltype)$input; %}
%typemap(out) CTYPE *, const CTYPE * %{ *($&1_ltype)&$result = ($1_ltype)$1; %}
%typemap(goin) CTYPE *, const CTYPE * ""
%typemap(goout) CTYPE *, const CTYPE * ""
/* A pointer member stores the caller's pointer as it is. */
%typemap(memberin) CTYPE *, const CTYPE * %{ $1 = $input; %}
%enddef

CW_GO_POINTER(double, *float64)
CW_GO_POINTER(int64_t, *int64)
CW_GO_POINTER(uint8_t, *byte)
CW_GO_POINTER(cw_color, *uint32)
CW_GO_POINTER(uint32_t, *uint32)
CW_GO_POINTER(cw_indicator_id, *int32)
/* size_t out-values (counts, lookbacks, frame sizes): uintptr is size_t's
 * size on every Go platform. */
CW_GO_POINTER(size_t, *uintptr)
/* An array of output pointers: a pinned []*float64 whose elements point at
 * pinned Go slices. */
CW_GO_POINTER(double *const, **float64)

/* Text the C API borrows inside a struct (titles, labels) or fills in
 * (messages): NUL-terminated bytes the caller owns, never a copy that SWIG
 * would malloc and free around the setter. */
%define CW_GO_BYTES(DECL)
%typemap(gotype) DECL "*byte"
%typemap(in) DECL %{ $1 = ($1_ltype)$input; %}
%typemap(freearg) DECL ""
%typemap(memberin) DECL %{ $1 = $input; %}
%typemap(out) DECL %{ *($&1_ltype)&$result = ($1_ltype)$1; %}
%typemap(goout) DECL ""
%enddef
CW_GO_BYTES(const char* title)
CW_GO_BYTES(const char* time_zone)
CW_GO_BYTES(char* message)
CW_GO_BYTES(char* buffer)
/* Arrays of such texts (stats labels, legend names): a pinned []*byte. */
%define CW_GO_TEXTS(DECL)
%typemap(gotype) DECL "**byte"
%typemap(in) DECL %{ $1 = ($1_ltype)$input; %}
%typemap(memberin) DECL %{ $1 = (const char* const*)$input; %}
%typemap(out) DECL %{ *($&1_ltype)&$result = ($1_ltype)$1; %}
%enddef
CW_GO_TEXTS(const char* const* labels)
CW_GO_TEXTS(const char* const* overlay_names)
CW_GO_TEXTS(const char* const* band_names)

/* Strings the library returns (messages, names) are copied into Go strings
 * by SWIG's C side (malloc) and freed here once copied.  SWIG's own copy
 * function converts a uintptr back to a pointer, which `go vet` rejects. */
%insert(go_wrapper) %{
func cwCopyString(s string) string {
	p := unsafe.StringData(s)
	r := string(unsafe.Slice(p, len(s)))
	Swig_free(uintptr(unsafe.Pointer(p)))
	return r
}
%}
%typemap(goout) char *, const char *, char[ANY] %{ $result = cwCopyString($1) %}

/* ptrdiff_t strides: Go int64. */
%apply long long { ptrdiff_t };

/* ------------------------------------------------------------------------ */
/* Handles: created through an out-parameter, a *uintptr on the Go side     */
/* ------------------------------------------------------------------------ */

%define CW_GO_OUT_HANDLE(TYPE)
%typemap(gotype) TYPE** out "*uintptr"
%typemap(in) TYPE** out %{ $1 = ($1_ltype)$input; %}
%enddef
CW_GO_OUT_HANDLE(cw_chart)
CW_GO_OUT_HANDLE(cw_buffer)
CW_GO_OUT_HANDLE(cw_stats)
CW_GO_OUT_HANDLE(cw_indicator_context)
CW_GO_OUT_HANDLE(cw_indicator_stream)
CW_GO_OUT_HANDLE(cw_bar_context)
CW_GO_OUT_HANDLE(cw_renderer)

%include "candlewick_data.i"
