#include "cc/indicators/indicators.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "cc/base/status.h"
#include "cc/indicators/implementation.h"
#include "cc/indicators/kernels.h"

namespace candlewick {
namespace indicators {
namespace {

absl::Status Invalid(const std::string& message) {
  return Error(ErrorCode::kInvalidArgument, message);
}

}  // namespace

absl::Status ResolveParams(const Spec& spec, absl::Span<const double> given, double* resolved) {
  if (given.size() > spec.param_count) {
    return Invalid(absl::StrFormat("%s takes at most %d parameters, %d given", spec.name,
                                   spec.param_count, given.size()));
  }
  for (size_t k = 0; k < spec.param_count; ++k) {
    const ParamSpec& ps = spec.params[k];
    const double v = k < given.size() ? given[k] : ps.default_value;
    if (!std::isfinite(v) || v < ps.min_value || v > ps.max_value ||
        (ps.integer && v != std::floor(v))) {
      return Invalid(absl::StrFormat("%s parameter %d (%s) is %g; it must be %s in [%g, %g]",
                                     spec.name, k, ps.name, v,
                                     ps.integer ? "an integer" : "a number", ps.min_value,
                                     ps.max_value));
    }
    resolved[k] = v;
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> Lookback(Id id, absl::Span<const double> params) {
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Invalid(absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;
  return spec->impl->lookback(resolved);
}

Workspace::~Workspace() {
  for (Block& b : blocks_) hooks_.Deallocate(b.data);
}

size_t Workspace::capacity_bytes() const {
  size_t total = 0;
  for (const Block& b : blocks_) total += b.bytes;
  return total;
}

void* Workspace::Bytes(size_t slot, size_t count, size_t size) {
  Block& b = blocks_[slot];
  if (count > std::numeric_limits<size_t>::max() / size) throw std::bad_alloc();
  const size_t need = std::max<size_t>(count * size, 64);
  if (b.bytes >= need) return b.data;
  hooks_.Deallocate(b.data);
  b.data = nullptr;
  b.bytes = 0;
  void* p = hooks_.Allocate(need, 64);
  if (p == nullptr) throw std::bad_alloc();
  b.data = p;
  b.bytes = need;
  return p;
}

namespace {

// Compute() once the arguments are checked and the outputs chosen, over
// input columns of type Col (`const double*` or StridedColumn, read in
// place) with the spec's compute functions for that type.
template <class Col>
absl::Status ComputeColumns(const Spec& spec, const Col* in, size_t n, const double* resolved,
                            double* const* out, Workspace& ws, ComputeFn<Col> compute,
                            CheckedFn<Col> compute_checked) {
  const size_t lookback = spec.impl->lookback(resolved);
  if (compute_checked != nullptr && n > lookback &&
      compute_checked(in, n, resolved, out, Scratch(ws))) {
    return absl::OkStatus();
  }

  // One pass over every input finds the non-finite rows (which split the
  // series) and checks the finite ones (high >= low, volume >= 0), before any
  // output is written.
  size_t* breaks = nullptr;
  size_t break_count = 0;
  for (size_t pos = 0; pos < n;) {
    Col rest[kMaxInputs] = {};
    for (size_t k = 0; k < spec.input_count; ++k) rest[k] = in[k] + pos;
    const size_t i = pos + FirstSuspectRow(rest, spec.input_count, n - pos, spec.high_input,
                                           spec.low_input, spec.volume_input);
    if (i == n) break;
    bool finite = true;
    for (size_t k = 0; k < spec.input_count; ++k) finite = finite && std::isfinite(in[k][i]);
    if (!finite) {
      if (breaks == nullptr) breaks = ws.Indices(Workspace::kIndexSlots - 1, n);
      breaks[break_count++] = i;
    } else if (spec.high_input >= 0 && in[spec.high_input][i] < in[spec.low_input][i]) {
      return Error(ErrorCode::kInconsistentOhlc,
                   absl::StrFormat("%s: high < low at row %d (high %g, low %g)", spec.name, i,
                                   in[spec.high_input][i], in[spec.low_input][i]));
    } else {
      return Error(ErrorCode::kNegativeVolume,
                   absl::StrFormat("%s: volume %g < 0 at row %d", spec.name,
                                   in[spec.volume_input][i], i));
    }
    pos = i + 1;
  }

  // Runs of finite rows between the breaks, each computed as its own series.
  size_t start = 0;
  for (size_t b = 0; b <= break_count; ++b) {
    const size_t end = b < break_count ? breaks[b] : n;
    const size_t m = end - start;
    if (m > lookback) {
      Col seg_in[kMaxInputs] = {};
      double* seg_out[kMaxOutputs] = {nullptr};
      for (size_t k = 0; k < spec.input_count; ++k) seg_in[k] = in[k] + start;
      for (size_t j = 0; j < spec.output_count; ++j) seg_out[j] = out[j] + start;
      compute(seg_in, m, resolved, seg_out, Scratch(ws));
    } else {
      for (size_t j = 0; j < spec.output_count; ++j) std::fill(out[j] + start, out[j] + end, kNaN);
    }
    if (end < n) {
      for (size_t j = 0; j < spec.output_count; ++j) out[j][end] = kNaN;
    }
    start = end + 1;
  }
  return absl::OkStatus();
}

// The input columns against the spec: present, of one length n, not empty,
// and not shorter than any period parameter.
absl::Status CheckSeries(const Spec& spec, absl::Span<const StridedView<double>> inputs,
                         size_t n, const double* resolved) {
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (inputs[k].is_null() && inputs[k].size() > 0) {
      return Error(ErrorCode::kNullArgument,
                   absl::StrFormat("%s input %d (%s) has NULL data", spec.name, k,
                                   spec.inputs[k]));
    }
    if (inputs[k].size() != n) {
      return Error(ErrorCode::kLengthMismatch,
                   absl::StrFormat("%s input %d (%s) has %d rows, input 0 (%s) has %d",
                                   spec.name, k, spec.inputs[k], inputs[k].size(),
                                   spec.inputs[0], n));
    }
  }
  if (n == 0) {
    return Error(ErrorCode::kEmptySeries, absl::StrFormat("%s: the series is empty", spec.name));
  }
  // A window longer than the whole series is a caller's mistake (a 200-bar
  // average of 50 bars), not a quiet row of NaN as in TA-Lib.
  // The message names the longest such period: the one the caller must
  // shorten, or the length the series must reach.
  size_t longest = kMaxParams;
  for (size_t k = 0; k < spec.param_count; ++k) {
    if (spec.params[k].max_value == kMaxPeriod && resolved[k] > static_cast<double>(n) &&
        (longest == kMaxParams || resolved[k] > resolved[longest])) {
      longest = k;
    }
  }
  if (longest != kMaxParams) {
    const absl::string_view name = spec.params[longest].name;
    return Error(ErrorCode::kSeriesTooShort,
                 absl::StrFormat("%s: %s%s %d is longer than the series (%d rows)", spec.name,
                                 name, absl::StrContains(name, "period") ? "" : " period",
                                 static_cast<int64_t>(resolved[longest]), n));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Compute(Id id, absl::Span<const StridedView<double>> inputs,
                     absl::Span<const double> params, absl::Span<double* const> outputs,
                     size_t output_capacity, Workspace* ws) {
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Invalid(absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  if (ws == nullptr) return Error(ErrorCode::kNullArgument, "workspace is NULL");
  if (inputs.size() != spec->input_count) {
    return Invalid(absl::StrFormat("%s takes %d input columns, %d given", spec->name,
                                   spec->input_count, inputs.size()));
  }
  if (outputs.size() > spec->output_count) {
    return Invalid(absl::StrFormat("%s has %d outputs, %d buffers given", spec->name,
                                   spec->output_count, outputs.size()));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;

  const size_t n = inputs.empty() ? 0 : inputs[0].size();
  if (absl::Status st = CheckSeries(*spec, inputs, n, resolved); !st.ok()) return st;
  for (size_t j = 0; j < outputs.size(); ++j) {
    if (outputs[j] != nullptr && output_capacity < n) {
      return Error(ErrorCode::kBufferTooSmall,
                   absl::StrFormat("%s outputs need %d doubles each, capacity is %d", spec->name,
                                   n, output_capacity));
    }
  }
  double* out[kMaxOutputs] = {nullptr};
  for (size_t j = 0; j < spec->output_count; ++j) {
    out[j] = j < outputs.size() ? outputs[j] : nullptr;
    if (out[j] == nullptr) out[j] = ws->Buffer(j, n);  // below Scratch::kFirstSlot
  }

  // Inputs are read in place, never copied: as plain pointers when every
  // input is contiguous and 8-byte aligned (the fast path), otherwise every
  // input as a StridedColumn (memcpy reads).  A unit-stride column need not
  // be aligned: NumPy exports a packed record field of one row, or an array
  // made by frombuffer at an odd offset, with stride 8 at an odd address,
  // and a double* load from it is undefined.
  bool contiguous = true;
  for (size_t k = 0; k < inputs.size(); ++k) {
    contiguous = contiguous && inputs[k].contiguous() &&
                 reinterpret_cast<uintptr_t>(inputs[k].data()) % alignof(double) == 0;
  }
  if (contiguous) {
    const double* in[kMaxInputs] = {nullptr};
    for (size_t k = 0; k < inputs.size(); ++k) in[k] = inputs[k].data();
    return ComputeColumns(*spec, in, n, resolved, out, *ws, spec->impl->compute,
                          spec->impl->compute_checked);
  }
  StridedColumn in[kMaxInputs];
  for (size_t k = 0; k < inputs.size(); ++k) {
    in[k] = StridedColumn(inputs[k].data(), inputs[k].stride());
  }
  return ComputeColumns(*spec, in, n, resolved, out, *ws, spec->impl->compute_strided,
                        spec->impl->compute_checked_strided);
}

}  // namespace indicators
}  // namespace candlewick
