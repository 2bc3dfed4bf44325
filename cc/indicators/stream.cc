// The streaming entry point (Stream: one bar in, that bar's outputs out)
// and the many-series batch. Each indicator's streaming engine lives with
// its family (moving_average/stream.cc, momentum/stream.cc, ...), built from
// the same one-bar classes (<family>/scalar.h) as the batch, so the outputs
// equal Compute()'s at the same row.
//
// All of an engine's arrays live in one block from the allocator hooks. Its
// size is found by building the engine once in "measure" mode (an Arena
// without memory, whose arrays are null and never touched), then for real.
#include "cc/indicators/stream.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "cc/indicators/implementation.h"
#include "cc/indicators/stream_engine.h"

namespace candlewick {
namespace indicators {

bool StreamSupported(Id id) {
  const Spec* spec = FindSpec(id);
  return spec != nullptr && spec->impl->new_engine != nullptr;
}

Stream::~Stream() {
  if (engine_ != nullptr) engine_->~Engine();
  hooks_.Deallocate(block_);
}

ErrorCode Stream::Fail(ErrorCode code, const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vsnprintf(error_, sizeof error_, format, args);
  va_end(args);
  return code;
}

ErrorCode Stream::Init(Id id, absl::Span<const double> params) {
  error_[0] = '\0';
  if (engine_ != nullptr) return Fail(ErrorCode::kInvalidArgument, "stream already initialised");
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "unknown indicator id %d", static_cast<int>(id));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) {
    return Fail(CodeOf(st), "%s", std::string(st.message()).c_str());
  }
  const EngineFactory new_engine = spec->impl->new_engine;
  if (new_engine == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "streaming not supported for %s", spec->name);
  }
  stream_internal::Arena measure(nullptr);
  new_engine(resolved, measure);
  void* block = hooks_.Allocate(measure.used(), 64);
  if (block == nullptr) {
    return Fail(ErrorCode::kOutOfMemory, "out of memory for the %s stream state (%zu bytes)",
                spec->name, measure.used());
  }
  stream_internal::Arena arena(static_cast<unsigned char*>(block));
  engine_ = new_engine(resolved, arena);
  block_ = block;
  bytes_ = measure.used();
  spec_ = spec;
  lookback_ = spec->impl->lookback(resolved);
  engine_->Reset();
  return ErrorCode::kOk;
}

void Stream::Reset() {
  if (engine_ != nullptr) engine_->Reset();
}

ErrorCode Stream::Push(absl::Span<const double> bar, absl::Span<double> out) {
  if (engine_ == nullptr) return Fail(ErrorCode::kInvalidArgument, "stream not initialised");
  const Spec& spec = *spec_;
  if (bar.size() != spec.input_count) {
    return Fail(ErrorCode::kInvalidArgument, "%s takes %zu input values per bar, %zu given",
                spec.name, spec.input_count, bar.size());
  }
  if (out.size() > spec.output_count) {
    return Fail(ErrorCode::kInvalidArgument, "%s has %zu outputs, %zu requested", spec.name,
                spec.output_count, out.size());
  }
  bool finite = true;
  for (size_t k = 0; k < bar.size(); ++k) finite = finite && std::isfinite(bar[k]);
  if (!finite) {
    // The batch policy: a non-finite row splits the series.
    engine_->Reset();
    std::fill(out.begin(), out.end(), kNaN);
    error_[0] = '\0';
    return ErrorCode::kOk;
  }
  if (spec.high_input >= 0 && bar[spec.high_input] < bar[spec.low_input]) {
    return Fail(ErrorCode::kInconsistentOhlc, "%s: high < low (high %g, low %g)", spec.name,
                bar[spec.high_input], bar[spec.low_input]);
  }
  if (spec.volume_input >= 0 && bar[spec.volume_input] < 0) {
    return Fail(ErrorCode::kNegativeVolume, "%s: volume %g < 0", spec.name,
                bar[spec.volume_input]);
  }
  double all[kMaxOutputs];
  engine_->Push(bar.data(), all);
  std::copy(all, all + out.size(), out.begin());
  error_[0] = '\0';
  return ErrorCode::kOk;
}

absl::Status ComputeBatch(Id id, absl::Span<const StridedView<double>> inputs,
                          size_t series_count, absl::Span<const double> params,
                          absl::Span<double* const> outputs, size_t output_count,
                          const size_t* output_capacities, Workspace* ws,
                          size_t* failed_series) {
  if (failed_series != nullptr) *failed_series = 0;
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  if (ws == nullptr) return Error(ErrorCode::kNullArgument, "workspace is NULL");
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;
  if (output_count > spec->output_count) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("%s has %d outputs, %d per series given", spec->name,
                                 spec->output_count, output_count));
  }
  if (inputs.size() != series_count * spec->input_count ||
      outputs.size() != series_count * output_count) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("%s batch: %d series need %d input columns and %d output "
                                 "pointers, %d and %d given",
                                 spec->name, series_count, series_count * spec->input_count,
                                 series_count * output_count, inputs.size(), outputs.size()));
  }
  if (series_count > 0 && output_count > 0 && output_capacities == nullptr) {
    return Error(ErrorCode::kNullArgument, "output_capacities is NULL");
  }
  const absl::Span<const double> all_params(resolved, spec->param_count);
  for (size_t s = 0; s < series_count; ++s) {
    const absl::Status st =
        Compute(id, inputs.subspan(s * spec->input_count, spec->input_count), all_params,
                outputs.subspan(s * output_count, output_count),
                output_count > 0 ? output_capacities[s] : 0, ws);
    if (!st.ok()) {
      if (failed_series != nullptr) *failed_series = s;
      return Error(CodeOf(st), absl::StrFormat("series %d: %s", s, st.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace indicators
}  // namespace candlewick
