// Helpers shared by the C shim's translation units: status conversion,
// per-handle messages, the exception guard, library-owned buffers.
#ifndef CANDLEWICK_CAPI_SHIM_H_
#define CANDLEWICK_CAPI_SHIM_H_

#include <cstddef>
#include <cstdio>
#include <new>

#include "absl/status/status.h"
#include "capi/candlewick.h"
#include "capi/handles.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"

// Versioned structs (their first field is struct_size) only ever grow at the
// end. Each one's version-1 size is the end of its last version-1 field,
// frozen beside its use as
//   constexpr size_t kFooV1Size = CW_FIELD_END(cw_foo, last_v1_field);
//   static_assert(sizeof(void*) != 8 || kFooV1Size == 48, "...");
// so inserting, removing or resizing a version-1 field fails the build while
// appending a field leaves the minimum struct_size a caller must pass
// unchanged. A field added later is read or written only when the caller's
// struct_size covers it: `s->struct_size >= CW_FIELD_END(cw_foo, new_field)`.
// (The literal is the LP64 size; tests/abi_v1_test.cc passes it.)
#define CW_FIELD_END(type, field) (offsetof(type, field) + sizeof(((type*)nullptr)->field))

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

// Reports a failure on any handle with a fixed `last_error` buffer (charts,
// indicator and bar contexts, streams): the message is copied there (never
// allocating) and the status returned. A NULL handle just returns the status.
template <typename Handle>
inline cw_status Fail(Handle* handle, const absl::Status& status) {
  if (handle != nullptr) {
    const absl::string_view message = status.message();
    std::snprintf(handle->last_error, sizeof handle->last_error, "%.*s",
                  static_cast<int>(message.size()), message.data());
  }
  return ToStatus(candlewick::CodeOf(status));
}

template <typename Handle>
inline cw_status Fail(Handle* handle, candlewick::ErrorCode code, const char* message) {
  if (handle != nullptr) {
    std::snprintf(handle->last_error, sizeof handle->last_error, "%s", message);
  }
  return ToStatus(code);
}

inline void ClearError(cw_chart* chart) { chart->last_error[0] = '\0'; }

// Runs `body`, converting any escaping C++ exception into a status: nothing
// may unwind through C callers.
template <typename Body>
inline cw_status Guard(cw_chart* chart, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(chart, candlewick::ErrorCode::kOutOfMemory, "out of memory");
  } catch (...) {
    return Fail(chart, candlewick::ErrorCode::kInternal, "unexpected internal exception");
  }
}

// Makes a library-owned buffer with the chart's hooks; nullptr on OOM.
inline cw_buffer* NewBuffer(const candlewick::AllocatorHooks& hooks) {
  return candlewick::NewWithHooks<cw_buffer>(hooks, hooks);
}

inline void DestroyBuffer(cw_buffer* buffer) {
  if (buffer == nullptr) return;
  const candlewick::AllocatorHooks hooks = buffer->bytes.hooks();
  candlewick::DeleteWithHooks(hooks, buffer);
}

}  // namespace capi
}  // namespace candlewick

#endif  // CANDLEWICK_CAPI_SHIM_H_
