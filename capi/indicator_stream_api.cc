// The streaming and many-series parts of the "Indicators" section of
// capi/candlewick.h: a thin shim over cc/indicators/stream.h. No C++
// exception crosses the boundary, and a push never allocates (errors are
// copied into the handle's fixed buffer).
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <new>
#include <string>

#include "capi/candlewick.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/stream.h"

namespace ind = candlewick::indicators;
using candlewick::AllocatorHooks;
using candlewick::ErrorCode;
using candlewick::capi::Guard;

namespace {

// A batch of up to this many series converts its column descriptors on the
// stack; larger ones in chunks of it.
constexpr size_t kChunkSeries = 64;

}  // namespace

extern "C" {

int32_t cw_indicator_stream_supported(cw_indicator_id id) {
  return ind::StreamSupported(static_cast<ind::Id>(id)) ? 1 : 0;
}

cw_status cw_indicator_stream_create(const cw_allocator* allocator, cw_indicator_id id,
                                     const double* params, size_t param_count,
                                     cw_indicator_stream** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  if (params == nullptr && param_count > 0) return CW_ERR_NULL_ARGUMENT;
  AllocatorHooks hooks;
  if (!candlewick::capi::HooksFrom(allocator, &hooks)) return CW_ERR_NULL_ARGUMENT;
  cw_indicator_stream* stream = candlewick::NewWithHooks<cw_indicator_stream>(hooks, hooks);
  if (stream == nullptr) return CW_ERR_OUT_OF_MEMORY;
  // Init allocates only a parameter error's message; if that throws, the
  // handle is released all the same.
  ErrorCode code = ErrorCode::kOk;
  const cw_status st = Guard([&]() -> cw_status {
    code = stream->stream.Init(static_cast<ind::Id>(id), absl::MakeConstSpan(params, param_count));
    return CW_OK;
  });
  if (st != CW_OK || code != ErrorCode::kOk) {
    candlewick::DeleteWithHooks(hooks, stream);
    return st != CW_OK ? st : static_cast<cw_status>(code);
  }
  *out = stream;
  return CW_OK;
}

void cw_indicator_stream_destroy(cw_indicator_stream* stream) {
  candlewick::capi::DestroyHandle(stream, [](const cw_indicator_stream& s) { return s.hooks; });
}

cw_status cw_indicator_stream_push(cw_indicator_stream* stream, const double* bar,
                                   size_t input_count, double* outputs, size_t output_count) {
  if (stream == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (bar == nullptr && input_count > 0) {
    return candlewick::capi::Fail(stream, ErrorCode::kNullArgument, "bar is NULL");
  }
  if (outputs == nullptr && output_count > 0) {
    return candlewick::capi::Fail(stream, ErrorCode::kNullArgument, "outputs is NULL");
  }
  const ErrorCode code = stream->stream.Push(absl::MakeConstSpan(bar, input_count),
                                             absl::MakeSpan(outputs, output_count));
  if (code != ErrorCode::kOk) return candlewick::capi::Fail(stream, code, stream->stream.error());
  candlewick::capi::ClearError(stream);
  return CW_OK;
}

cw_status cw_indicator_stream_reset(cw_indicator_stream* stream) {
  if (stream == nullptr) return CW_ERR_NULL_ARGUMENT;
  stream->stream.Reset();
  candlewick::capi::ClearError(stream);
  return CW_OK;
}

size_t cw_indicator_stream_lookback(const cw_indicator_stream* stream) {
  return stream == nullptr ? 0 : stream->stream.lookback();
}

const char* cw_indicator_stream_last_error(const cw_indicator_stream* stream) {
  return stream == nullptr ? "invalid handle (NULL indicator stream)" : stream->last_error;
}

cw_status cw_indicator_compute_batch(cw_indicator_context* context, cw_indicator_id id,
                                     const cw_f64_column* inputs, size_t input_count,
                                     size_t series_count, const double* params,
                                     size_t param_count, double* const* outputs,
                                     size_t output_count, const size_t* output_capacities,
                                     size_t* failed_series) {
  if (failed_series != nullptr) *failed_series = 0;
  if (context == nullptr) return CW_ERR_NULL_ARGUMENT;
  candlewick::capi::ClearError(context);
  const ind::Spec* spec = ind::FindSpec(static_cast<ind::Id>(id));
  if (spec == nullptr) return candlewick::capi::Fail(context, ErrorCode::kInvalidArgument, "unknown indicator id");
  if (input_count != spec->input_count) {
    char message[160];
    std::snprintf(message, sizeof message, "%s takes %zu input columns per series, %zu given",
                  spec->name, spec->input_count, input_count);
    return candlewick::capi::Fail(context, ErrorCode::kInvalidArgument, message);
  }
  if (series_count > 0 && inputs == nullptr && input_count > 0) {
    return candlewick::capi::Fail(context, ErrorCode::kNullArgument, "inputs is NULL");
  }
  if (series_count > 0 && outputs == nullptr && output_count > 0) {
    return candlewick::capi::Fail(context, ErrorCode::kNullArgument, "outputs is NULL");
  }
  if (params == nullptr && param_count > 0) {
    return candlewick::capi::Fail(context, ErrorCode::kNullArgument, "params is NULL");
  }
  if (series_count > 0 && output_count > 0 && output_capacities == nullptr) {
    return candlewick::capi::Fail(context, ErrorCode::kNullArgument, "output_capacities is NULL");
  }
  return Guard(context, [&]() -> cw_status {
    // Column descriptors become StridedViews chunk by chunk (no allocation);
    // the core validates parameters and shapes and computes each series.
    candlewick::StridedView<double> views[kChunkSeries * ind::kMaxInputs];
    for (size_t first = 0; first < series_count || first == 0; first += kChunkSeries) {
      const size_t count = std::min(kChunkSeries, series_count - first);
      for (size_t k = 0; k < count * input_count; ++k) {
        const cw_f64_column& c = inputs[first * input_count + k];
        views[k] = candlewick::StridedView<double>(c.data, c.length, c.stride);
      }
      size_t failed = 0;
      const absl::Status st = ind::ComputeBatch(
          static_cast<ind::Id>(id), absl::MakeConstSpan(views, count * input_count), count,
          absl::MakeConstSpan(params, param_count),
          absl::MakeConstSpan(outputs == nullptr ? nullptr : outputs + first * output_count,
                              count * output_count),
          output_count, output_capacities == nullptr ? nullptr : output_capacities + first,
          &context->workspace, &failed);
      if (!st.ok()) {
        if (failed_series != nullptr) *failed_series = first + failed;
        // Chunks after the first renumber their series: name the global one.
        std::string message(st.message());
        const std::string prefix = "series " + std::to_string(failed) + ": ";
        if (message.compare(0, prefix.size(), prefix) == 0) {
          message = "series " + std::to_string(first + failed) + ": " +
                    message.substr(prefix.size());
        }
        return candlewick::capi::Fail(context, candlewick::CodeOf(st), message.c_str());
      }
      if (series_count == 0) break;
    }
    return CW_OK;
  });
}

}  // extern "C"
