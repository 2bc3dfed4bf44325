// Helpers shared by the C shim's translation units: status conversion,
// per-handle messages, the exception guard, library-owned buffers.
#ifndef CANDLEWICK_CAPI_SHIM_H_
#define CANDLEWICK_CAPI_SHIM_H_

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <new>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "capi/candlewick.h"
#include "capi/handles.h"
#include "capi/struct_size.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"


namespace candlewick {
namespace capi {

// The hooks a new handle uses: a copy of the caller's, or the C library's
// when `allocator` is NULL. False when the caller's struct has a NULL hook.
inline bool HooksFrom(const cw_allocator* allocator, candlewick::AllocatorHooks* hooks) {
  *hooks = candlewick::AllocatorHooks::Default();
  if (allocator == nullptr) return true;
  if (allocator->alloc == nullptr || allocator->free == nullptr) return false;
  hooks->opaque = allocator->opaque;
  hooks->alloc = allocator->alloc;
  hooks->free = allocator->free;
  return true;
}

inline cw_status ToStatus(candlewick::ErrorCode code) { return static_cast<cw_status>(code); }
inline cw_status ToStatus(const absl::Status& status) {
  return ToStatus(candlewick::CodeOf(status));
}

// Copies `text` into a caller's buffer as a NUL-terminated string, truncated
// to `size` bytes; nothing when `buffer` is NULL or `size` is 0.
inline void WriteMessage(char* buffer, size_t size, absl::string_view text) {
  if (buffer == nullptr || size == 0) return;
  const size_t n = text.size() < size - 1 ? text.size() : size - 1;
  if (n != 0) std::memcpy(buffer, text.data(), n);  // an empty view's data() may be NULL
  buffer[n] = '\0';
}

// --- The boundary: one pattern for every handle ------------------------------
//
// Each handle (cw_chart, cw_indicator_context, cw_indicator_stream,
// cw_bar_context, cw_stats) keeps its last error in `char
// last_error[kLastErrorSize]` (handles.h). An entry point reports a failure
// with Fail(handle, ...), which stores the message and returns the status,
// and runs anything that may throw inside Guard(handle, body), so no C++
// exception unwinds through a C caller. A NULL handle (a create function,
// before the handle exists) gets the status alone.

// Stores `message` as the handle's last error (truncated; never allocates).
template <typename Handle>
inline void SetLastError(Handle* handle, absl::string_view message) {
  std::snprintf(handle->last_error, sizeof handle->last_error, "%.*s",
                static_cast<int>(message.size()), message.data());
}
// cw_stats is shared between threads: its message is written under its lock
// (stats_api.cc).
void SetLastError(const cw_stats* stats, absl::string_view message);
inline void SetLastError(cw_stats* stats, absl::string_view message) {
  SetLastError(static_cast<const cw_stats*>(stats), message);
}

template <typename Handle>
inline void ClearError(Handle* handle) {
  handle->last_error[0] = '\0';
}

template <typename Handle>
inline cw_status Fail(Handle* handle, candlewick::ErrorCode code, absl::string_view message) {
  if (handle != nullptr) SetLastError(handle, message);
  return ToStatus(code);
}

template <typename Handle>
inline cw_status Fail(Handle* handle, const absl::Status& status) {
  return Fail(handle, candlewick::CodeOf(status), status.message());
}

// Runs `body` (returning a cw_status), turning an escaping exception into
// CW_ERR_OUT_OF_MEMORY or CW_ERR_INTERNAL with a message on the handle.
template <typename Handle, typename Body>
inline cw_status Guard(Handle* handle, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(handle, candlewick::ErrorCode::kOutOfMemory, "out of memory");
  } catch (...) {
    return Fail(handle, candlewick::ErrorCode::kInternal, "unexpected internal exception");
  }
}

// The same without a handle (functions that have none, create functions).
template <typename Body>
inline cw_status Guard(Body&& body) {
  return Guard(static_cast<cw_chart*>(nullptr), std::forward<Body>(body));
}

// --- Handle lifetimes shared by several handles ------------------------------

// Every handle's destroy function: NULL is a no-op; otherwise the handle goes
// back to the hooks it was made with, which `hooks_of(*handle)` reads (copied
// first: they live inside the object being destroyed).
template <typename Handle, typename HooksOf>
void DestroyHandle(Handle* handle, HooksOf&& hooks_of) {
  if (handle == nullptr) return;
  const candlewick::AllocatorHooks hooks = hooks_of(*handle);
  candlewick::DeleteWithHooks(hooks, handle);
}

// cw_indicator_context_create and cw_bar_context_create: a Context made with
// the caller's hooks (or the C library's), in *out (NULL on failure).
template <typename Context>
cw_status CreateContext(const cw_allocator* allocator, Context** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  candlewick::AllocatorHooks hooks;
  if (!HooksFrom(allocator, &hooks)) return CW_ERR_NULL_ARGUMENT;
  Context* context = candlewick::NewWithHooks<Context>(hooks, hooks);
  if (context == nullptr) return CW_ERR_OUT_OF_MEMORY;
  *out = context;
  return CW_OK;
}

// Their destroy functions: the hooks are in the context's workspace.
template <typename Context>
void DestroyContext(Context* context) {
  DestroyHandle(context, [](const Context& c) { return c.workspace.hooks(); });
}

// cw_*_attach_stats of a handle used by one thread at a time (a `cw_stats*
// stats` member; NULL detaches).
template <typename Handle>
cw_status AttachStats(Handle* handle, cw_stats* stats) {
  if (handle == nullptr) return CW_ERR_NULL_ARGUMENT;
  handle->stats = stats;
  return CW_OK;
}

// Makes a library-owned buffer with the chart's hooks; nullptr on OOM.
inline cw_buffer* NewBuffer(const candlewick::AllocatorHooks& hooks) {
  return candlewick::NewWithHooks<cw_buffer>(hooks, hooks);
}

inline void DestroyBuffer(cw_buffer* buffer) {
  DestroyHandle(buffer, [](const cw_buffer& b) { return b.bytes.hooks(); });
}

}  // namespace capi
}  // namespace candlewick

#endif  // CANDLEWICK_CAPI_SHIM_H_
