// Helpers shared by the C shim's translation units: status conversion,
// per-handle messages, the exception guard, library-owned buffers.
#ifndef CANDLEWICK_CAPI_SHIM_H_
#define CANDLEWICK_CAPI_SHIM_H_

#include <cstdio>
#include <new>

#include "absl/status/status.h"
#include "capi/candlewick.h"
#include "capi/handles.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"

namespace candlewick {
namespace capi {

inline cw_status ToStatus(candlewick::ErrorCode code) { return static_cast<cw_status>(code); }

inline cw_status Fail(cw_chart* chart, const absl::Status& status) {
  const candlewick::ErrorCode code = candlewick::CodeOf(status);
  if (chart != nullptr) {
    const absl::string_view message = status.message();
    std::snprintf(chart->last_error, sizeof chart->last_error, "%.*s",
                  static_cast<int>(message.size()), message.data());
  }
  return ToStatus(code);
}

inline cw_status Fail(cw_chart* chart, candlewick::ErrorCode code, const char* message) {
  if (chart != nullptr) {
    std::snprintf(chart->last_error, sizeof chart->last_error, "%s", message);
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
