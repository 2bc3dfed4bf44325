// The "Indicators" section of capi/candlewick.h: a thin shim over
// cc/indicators. C structs become StridedViews and spans, absl::Status
// becomes a stable cw_status plus the context's message, and no C++
// exception crosses the boundary.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "capi/candlewick.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"

namespace ind = candlewick::indicators;
using candlewick::ErrorCode;

namespace {

// The first published layouts (capi/shim.h, CW_FIELD_END); newer callers
// pass larger structs whose extra tail the library leaves alone, and older
// ones get only the fields their struct_size covers.
CW_FROZEN_V1_SIZE(kInfoV1Size, cw_indicator_info, output_count, 48);
CW_FROZEN_V1_SIZE(kParamV1Size, cw_indicator_param, is_integer, 44);

static_assert(static_cast<int32_t>(ind::Id::kRocr100) == CW_IND_ROCR100, "ids out of sync");
static_assert(static_cast<int32_t>(ind::MaType::kTrima) == CW_MA_TRIMA, "MA types out of sync");

using candlewick::capi::Fail;
using candlewick::capi::Guard;

const ind::Spec* SpecOf(cw_indicator_id id) { return ind::FindSpec(static_cast<ind::Id>(id)); }

}  // namespace

extern "C" {

int32_t cw_indicator_count(void) { return static_cast<int32_t>(ind::AllSpecs().size()); }

cw_status cw_indicator_get_info(cw_indicator_id id, cw_indicator_info* info) {
  if (info == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (info->struct_size < kInfoV1Size) return CW_ERR_STRUCT_SIZE;
  const ind::Spec* spec = SpecOf(id);
  if (spec == nullptr) return CW_ERR_INVALID_ARGUMENT;
  info->name = spec->name;
  info->title = spec->title;
  info->input_count = spec->input_count;
  info->param_count = spec->param_count;
  info->output_count = spec->output_count;
  return CW_OK;
}

cw_status cw_indicator_get_param(cw_indicator_id id, size_t index, cw_indicator_param* param) {
  if (param == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (param->struct_size < kParamV1Size) return CW_ERR_STRUCT_SIZE;
  const ind::Spec* spec = SpecOf(id);
  if (spec == nullptr || index >= spec->param_count) return CW_ERR_INVALID_ARGUMENT;
  const ind::ParamSpec& p = spec->params[index];
  param->name = p.name;
  param->default_value = p.default_value;
  param->min_value = p.min_value;
  param->max_value = p.max_value;
  param->is_integer = p.integer ? 1 : 0;
  return CW_OK;
}

const char* cw_indicator_input_name(cw_indicator_id id, size_t index) {
  const ind::Spec* spec = SpecOf(id);
  return spec != nullptr && index < spec->input_count ? spec->inputs[index] : nullptr;
}

const char* cw_indicator_output_name(cw_indicator_id id, size_t index) {
  const ind::Spec* spec = SpecOf(id);
  return spec != nullptr && index < spec->output_count ? spec->outputs[index] : nullptr;
}

cw_status cw_indicator_find(const char* name, cw_indicator_id* out) {
  if (out != nullptr) *out = 0;
  if (name == nullptr || out == nullptr) return CW_ERR_NULL_ARGUMENT;
  const ind::Spec* spec = ind::FindSpec(absl::string_view(name));
  if (spec == nullptr) return CW_ERR_INVALID_ARGUMENT;
  *out = static_cast<cw_indicator_id>(spec->id);
  return CW_OK;
}

cw_status cw_indicator_lookback(cw_indicator_id id, const double* params, size_t param_count,
                                size_t* out) {
  if (out != nullptr) *out = 0;
  if (out == nullptr || (params == nullptr && param_count > 0)) return CW_ERR_NULL_ARGUMENT;
  // Lookback() allocates nothing but an error message; guard it anyway.
  return Guard([&]() -> cw_status {
    const absl::StatusOr<size_t> lb =
        ind::Lookback(static_cast<ind::Id>(id), absl::MakeConstSpan(params, param_count));
    if (!lb.ok()) return candlewick::capi::ToStatus(lb.status());
    *out = *lb;
    return CW_OK;
  });
}

cw_status cw_indicator_context_create(const cw_allocator* allocator, cw_indicator_context** out) {
  return candlewick::capi::CreateContext(allocator, out);
}

void cw_indicator_context_destroy(cw_indicator_context* context) {
  candlewick::capi::DestroyContext(context);
}

const char* cw_indicator_context_last_error(const cw_indicator_context* context) {
  return context == nullptr ? "invalid handle (NULL indicator context)" : context->last_error;
}

namespace {

cw_status ComputeUnrecorded(cw_indicator_context* context, cw_indicator_id id,
                            const cw_f64_column* inputs, size_t input_count,
                            const double* params, size_t param_count, double* const* outputs,
                            size_t output_count, size_t output_capacity) {
  candlewick::capi::ClearError(context);
  if (inputs == nullptr && input_count > 0) {
    return Fail(context, ErrorCode::kNullArgument, "inputs is NULL");
  }
  if (outputs == nullptr && output_count > 0) {
    return Fail(context, ErrorCode::kNullArgument, "outputs is NULL");
  }
  if (params == nullptr && param_count > 0) {
    return Fail(context, ErrorCode::kNullArgument, "params is NULL");
  }
  if (input_count > ind::kMaxInputs) {
    // No indicator takes more; say which one and how many it does take.
    const ind::Spec* spec = SpecOf(id);
    char message[160];
    std::snprintf(message, sizeof message, "%s takes %zu input columns, %zu given",
                  spec != nullptr ? spec->name : "unknown indicator",
                  spec != nullptr ? spec->input_count : size_t{0}, input_count);
    return Fail(context, ErrorCode::kInvalidArgument, message);
  }
  return Guard(context, [&]() -> cw_status {
    candlewick::StridedView<double> views[ind::kMaxInputs];
    for (size_t k = 0; k < input_count; ++k) {
      views[k] = candlewick::StridedView<double>(inputs[k].data, inputs[k].length,
                                                 inputs[k].stride);
    }
    const absl::Status st = ind::Compute(
        static_cast<ind::Id>(id), absl::MakeConstSpan(views, input_count),
        absl::MakeConstSpan(params, param_count), absl::MakeConstSpan(outputs, output_count),
        output_capacity, &context->workspace);
    return st.ok() ? CW_OK : Fail(context, st);
  });
}

}  // namespace

cw_status cw_indicator_compute(cw_indicator_context* context, cw_indicator_id id,
                               const cw_f64_column* inputs, size_t input_count,
                               const double* params, size_t param_count,
                               double* const* outputs, size_t output_count,
                               size_t output_capacity) {
  if (context == nullptr) return CW_ERR_NULL_ARGUMENT;
  const size_t rows = inputs != nullptr && input_count > 0 ? inputs[0].length : 0;
  return candlewick::capi::Recorded(
      context->stats, CW_STATS_INDICATOR,
      [&] {
        return ComputeUnrecorded(context, id, inputs, input_count, params, param_count, outputs,
                                 output_count, output_capacity);
      },
      [&] {
        size_t stored = 0;
        for (size_t k = 0; outputs != nullptr && k < output_count; ++k) {
          stored += outputs[k] != nullptr ? 1 : 0;
        }
        return stored * rows * sizeof(double);
      },
      [&] { return rows; });
}

cw_status cw_indicator_context_attach_stats(cw_indicator_context* context, cw_stats* stats) {
  return candlewick::capi::AttachStats(context, stats);
}

}  // extern "C"
