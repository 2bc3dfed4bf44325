// The "Bar aggregation" section of capi/candlewick.h: a thin shim over
// cc/bars/aggregate.h. C structs become views (nothing is copied), options
// become a BarSpec, absl::Status becomes a stable cw_status plus the
// context's message, and no C++ exception crosses the boundary.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "capi/candlewick.h"
#include "capi/convert.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/bars/aggregate.h"
#include "cc/base/allocator.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"

using candlewick::ErrorCode;
using candlewick::capi::Fail;
using candlewick::capi::Guard;
using candlewick::capi::ToView;

namespace {

// The first published layouts (capi/shim.h, CW_FIELD_END); larger (newer)
// structs are accepted and their extra tail ignored.
CW_FROZEN_V1_SIZE(kOptionsV1Size, cw_bar_options, line_count, 96);
CW_FROZEN_V1_SIZE(kOutputV1Size, cw_bar_output, row, 72);

static_assert(static_cast<int32_t>(candlewick::BarMethod::kLineBreak) == CW_BARS_LINE_BREAK,
              "bar methods out of sync");
static_assert(static_cast<int32_t>(candlewick::EmptyBars::kFlat) == CW_BAR_EMPTY_FLAT,
              "empty policies out of sync");
static_assert(static_cast<int32_t>(candlewick::BoxMode::kAtr) == CW_BOX_ATR,
              "box modes out of sync");


candlewick::BarSpec ToSpec(const cw_bar_options& o) {
  candlewick::BarSpec s;
  s.method = static_cast<candlewick::BarMethod>(o.method);
  s.interval = o.interval;
  s.offset = o.offset;
  s.empty = static_cast<candlewick::EmptyBars>(o.empty);
  s.tick_count = o.tick_count;
  s.volume_threshold = o.volume_threshold;
  s.volume_split = o.volume_split != 0;
  s.range = o.range;
  s.box_mode = static_cast<candlewick::BoxMode>(o.box_mode);
  s.box_size = o.box_size;
  s.atr_period = o.atr_period;
  s.reversal = o.reversal;
  s.reversal_amount = o.reversal_amount;
  s.reversal_percent = o.reversal_percent != 0;
  s.line_count = o.line_count;
  return s;
}

// The start of both entry points: *count and the context's last error
// cleared, then the context, count and input (`input_null` names it) checked
// for NULL. CW_OK to go on.
cw_status Begin(cw_bar_context* context, const void* input, const char* input_null,
                size_t* count) {
  if (count != nullptr) *count = 0;
  if (context == nullptr) return CW_ERR_NULL_ARGUMENT;
  candlewick::capi::ClearError(context);
  if (count == nullptr) return Fail(context, ErrorCode::kNullArgument, "count is NULL");
  if (input == nullptr) return Fail(context, ErrorCode::kNullArgument, input_null);
  return CW_OK;
}

// The shared body of both entry points, once the input is a BarInput.
cw_status RunUnrecorded(cw_bar_context* context, const candlewick::BarInput& in,
                        const cw_bar_options* options, const cw_bar_output* out, size_t* count) {
  if (options == nullptr) return Fail(context, ErrorCode::kNullArgument, "options is NULL");
  if (options->struct_size < kOptionsV1Size) {
    return Fail(context, ErrorCode::kStructSize,
                "options->struct_size is too small (use cw_bar_options_init)");
  }
  candlewick::BarArrays arrays;
  if (out != nullptr) {
    if (out->struct_size < kOutputV1Size) {
      return Fail(context, ErrorCode::kStructSize,
                  "out->struct_size is too small (set it to sizeof(cw_bar_output))");
    }
    if (out->time != nullptr && !in.series.has_time()) {
      return Fail(context, ErrorCode::kInvalidArgument,
                  "out->time is given but the input has no time column");
    }
    arrays.time = out->time;
    arrays.open = out->open;
    arrays.high = out->high;
    arrays.low = out->low;
    arrays.close = out->close;
    arrays.volume = out->volume;
    arrays.row = out->row;
    arrays.capacity = out->capacity;
  }
  return Guard(context, [&]() -> cw_status {
    candlewick::BarWriter writer(arrays);
    const absl::Status st = candlewick::AggregateBars(in, ToSpec(*options), &context->workspace,
                                                      &writer);
    if (!st.ok()) return Fail(context, st);
    // Size query: count only (a zero-capacity writer stores nothing).
    if (out != nullptr && !writer.fits()) {
      *count = static_cast<size_t>(writer.count());
      char message[160];
      std::snprintf(message, sizeof message,
                    "the output needs %llu rows, out->capacity is %zu",
                    static_cast<unsigned long long>(writer.count()), out->capacity);
      return Fail(context, ErrorCode::kBufferTooSmall, message);
    }
    if (writer.count() > static_cast<uint64_t>(SIZE_MAX)) {
      return Fail(context, ErrorCode::kSizeOutOfRange, "more output rows than size_t can count");
    }
    *count = static_cast<size_t>(writer.count());
    return CW_OK;
  });
}

// Records the call into an attached stats handle (CW_STATS_AGGREGATE: bytes
// = the output rows written, as 8-byte values per requested column; items =
// input rows).
cw_status Run(cw_bar_context* context, const candlewick::BarInput& in,
              const cw_bar_options* options, const cw_bar_output* out, size_t* count) {
  return candlewick::capi::Recorded(
      context->stats, CW_STATS_AGGREGATE,
      [&] { return RunUnrecorded(context, in, options, out, count); },
      [&] {
        size_t columns = 0;
        if (out != nullptr) {
          for (const void* c :
               {static_cast<const void*>(out->time), static_cast<const void*>(out->open),
                static_cast<const void*>(out->high), static_cast<const void*>(out->low),
                static_cast<const void*>(out->close), static_cast<const void*>(out->volume),
                static_cast<const void*>(out->row)}) {
            columns += c != nullptr ? 1 : 0;
          }
        }
        return *count * columns * 8;
      },
      [&] { return in.series.size(); });
}

}  // namespace

extern "C" {

void cw_bar_options_init(cw_bar_options* options, int32_t method) {
  if (options == nullptr) return;
  std::memset(options, 0, sizeof *options);
  const candlewick::BarSpec d;  // the core's defaults are the documented ones
  options->struct_size = sizeof *options;
  options->method = method;
  options->empty = static_cast<int32_t>(d.empty);
  options->interval = d.interval;
  options->offset = d.offset;
  options->tick_count = d.tick_count;
  options->volume_threshold = d.volume_threshold;
  options->volume_split = d.volume_split ? 1 : 0;
  options->box_mode = static_cast<int32_t>(d.box_mode);
  options->range = d.range;
  options->box_size = d.box_size;
  options->atr_period = d.atr_period;
  options->reversal = d.reversal;
  options->reversal_amount = d.reversal_amount;
  options->reversal_percent = d.reversal_percent ? 1 : 0;
  options->line_count = d.line_count;
}

cw_status cw_bar_context_create(const cw_allocator* allocator, cw_bar_context** out) {
  return candlewick::capi::CreateContext(allocator, out);
}

void cw_bar_context_destroy(cw_bar_context* context) {
  candlewick::capi::DestroyContext(context);
}

cw_status cw_bar_context_attach_stats(cw_bar_context* context, cw_stats* stats) {
  return candlewick::capi::AttachStats(context, stats);
}

const char* cw_bar_context_last_error(const cw_bar_context* context) {
  return context == nullptr ? "invalid handle (NULL bar context)" : context->last_error;
}

cw_status cw_bars_from_ticks(cw_bar_context* context, const cw_ticks* ticks,
                             const cw_bar_options* options, const cw_bar_output* out,
                             size_t* count) {
  if (cw_status st = Begin(context, ticks, "ticks is NULL", count); st != CW_OK) return st;
  candlewick::BarInput in;
  in.ticks = true;
  // A tick is a bar whose four prices are the same column: the price is read
  // in place through four views of one pointer.
  const candlewick::StridedView<double> price = ToView(ticks->price);
  in.series.time = ToView(ticks->time);
  in.series.open = in.series.high = in.series.low = in.series.close = price;
  in.series.volume = ToView(ticks->size);
  return Run(context, in, options, out, count);
}

cw_status cw_bars_from_ohlcv(cw_bar_context* context, const cw_ohlcv* series,
                             const cw_bar_options* options, const cw_bar_output* out,
                             size_t* count) {
  if (cw_status st = Begin(context, series, "series is NULL", count); st != CW_OK) return st;
  candlewick::BarInput in;
  in.series = ToView(*series);
  return Run(context, in, options, out, count);
}

}  // extern "C"
