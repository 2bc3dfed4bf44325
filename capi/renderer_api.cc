// The renderer for many threads and batch rendering (the "A renderer for
// many threads" section of capi/candlewick.h): a thin shim over cc/renderer
// (the chart cache and the worker pool) and the Chart class. Every call
// reports into its own cw_render_job, never into the shared handle.
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "capi/candlewick.h"
#include "capi/convert.h"
#include "capi/handles.h"
#include "capi/shim.h"
#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/chart/chart.h"
#include "cc/renderer/cache_key.h"
#include "cc/renderer/chart_cache.h"
#include "cc/renderer/worker_pool.h"
#include "cc/text/font.h"

using candlewick::AllocatorHooks;
using candlewick::CacheKey;
using candlewick::Chart;
using candlewick::ChartData;
using candlewick::ChartOptions;
using candlewick::ErrorCode;
using candlewick::OutputFormat;
using candlewick::capi::DestroyBuffer;
using candlewick::capi::NewBuffer;
using candlewick::capi::ToStatus;

namespace {

// What one cached chart holds, all of it allocated through the entry's
// metered hooks: the chart, and the storage that converts a cw_chart_data.
struct RendererSlot {
  RendererSlot(const AllocatorHooks& hooks, const ChartOptions& options)
      : chart(options, hooks), data(hooks) {}
  Chart chart;
  candlewick::capi::ChartDataStorage data;
};
using Cache = candlewick::ChartCache<RendererSlot>;

// First published layouts (capi/struct_size.h); callers built against newer
// headers pass larger structs, whose tails this version ignores.
CW_FROZEN_V1_SIZE(kRendererOptionsV1Size, cw_renderer_options, allocator, 40);
CW_FROZEN_V1_SIZE(kJobV1Size, cw_render_job, palette_count, 352);
CW_FROZEN_V1_SIZE(kBatchOptionsV1Size, cw_batch_options, progress_opaque, 48);
CW_FROZEN_V1_SIZE(kInfoV1Size, cw_renderer_info, worker_threads, 76);

constexpr uint64_t kDefaultMaxCacheBytes = uint64_t{64} << 20;

}  // namespace

struct cw_renderer {
  cw_renderer(const AllocatorHooks& h, size_t max_cache_bytes)
      : hooks(h), cache(h, max_cache_bytes), font(h) {}
  AllocatorHooks hooks;  // the renderer, its charts and every output
  Cache cache;
  candlewick::WorkerPool pool;
  candlewick::ByteBuffer font;  // the caller's font, copied; empty: embedded
  // Not owned (cw_renderer_attach_stats); each call reads it once.
  std::atomic<cw_stats*> stats{nullptr};
};

namespace {

cw_status JobFail(cw_render_job* job, cw_status status, absl::string_view message) {
  job->status = status;
  std::snprintf(job->message, sizeof job->message, "%.*s", static_cast<int>(message.size()),
                message.data());
  return status;
}

cw_status JobFail(cw_render_job* job, const absl::Status& st) {
  return JobFail(job, ToStatus(st), st.message());
}

bool KnownFormat(int32_t format) {
  return format >= 0 && format < candlewick::kOutputFormatCount;
}

// The identity of a chart: every option that changes what it draws, field
// by field. The custom colours count only when they are used; allocator
// and font are the renderer's, never the call's.
CacheKey KeyOf(const cw_chart_options& o) {
  // webp_quality is not part of a chart's identity: the job's own
  // webp_quality is applied per call.
  // (LP64 size of the layout this key covers, ending with time_zone.)
  static_assert(sizeof(void*) != 8 || sizeof(cw_chart_options) == 152,
                "a field was added to cw_chart_options: add it to the renderer's cache key");
  CacheKey k;
  k.Add(o.width);
  k.Add(o.height);
  k.Add(o.type);
  k.Add(o.theme);
  k.Add(o.show_volume != 0);
  k.Add(o.show_grid != 0);
  k.Add(o.show_axes != 0);
  k.Add(o.antialias != 0);
  k.Add(o.use_custom_colors != 0);
  if (o.use_custom_colors != 0) {
    for (cw_color c : {o.background, o.up, o.down, o.grid, o.text, o.axis}) k.Add(c);
  }
  k.Add(o.png_preset);
  k.Add(o.price_weight);
  k.Add(o.volume_weight);
  k.Add(o.panel_gap);
  k.Add(o.margin);
  k.Add(o.line_width);
  k.Add(o.box_size);
  k.Add(o.reversal);
  k.Add(o.label_size);
  // The zone by its name's text, not the pointer (a caller may reuse or
  // free the string); NULL and "" are both UTC. A name longer than the key
  // holds (the loader refuses it anyway) overflows the key.
  const char* zone = nullptr;
  if (o.struct_size >= CW_FIELD_END(cw_chart_options, time_zone)) zone = o.time_zone;
  const size_t zone_length =
      zone == nullptr ? 0 : strnlen(zone, candlewick::CacheKey::kCapacity + 1);
  k.AddBytes(zone, zone_length);
  return k;
}

// The checks that need no chart, in the order a caller would fix them.
cw_status CheckJob(cw_render_job* job) {
  if (job->options == nullptr) return JobFail(job, CW_ERR_NULL_ARGUMENT, "job.options is NULL");
  if (job->data == nullptr) return JobFail(job, CW_ERR_NULL_ARGUMENT, "job.data is NULL");
  const cw_chart_options& o = *job->options;
  if (o.struct_size < candlewick::capi::kChartOptionsV1Size) {
    return JobFail(job, CW_ERR_STRUCT_SIZE,
                   "cw_chart_options.struct_size is too small (use cw_chart_options_init)");
  }
  if (o.allocator != nullptr) {
    return JobFail(job, CW_ERR_INVALID_ARGUMENT,
                   "options.allocator must be NULL: a renderer allocates through the "
                   "allocator in its cw_renderer_options");
  }
  if (o.font_data != nullptr || o.font_data_size != 0) {
    return JobFail(job, CW_ERR_INVALID_ARGUMENT,
                   "options.font_data must be NULL: a renderer's charts use the font in its "
                   "cw_renderer_options");
  }
  if (!KnownFormat(job->format)) {
    return JobFail(job, CW_ERR_INVALID_ARGUMENT, absl::StrCat("unknown format ", job->format));
  }
  if (job->pixels != nullptr && cw_format_bytes_per_pixel(job->format) == 0) {
    return JobFail(job, CW_ERR_INVALID_ARGUMENT,
                   absl::StrCat("job.pixels takes a raw format (CW_FORMAT_RGBA8, RGB8 or "
                                "INDEXED8); format ",
                                job->format, " is encoded"));
  }
  if (job->format == CW_FORMAT_WEBP_LOSSY &&
      !(job->webp_quality >= 0.0f && job->webp_quality <= 100.0f)) {
    return JobFail(job, CW_ERR_INVALID_ARGUMENT, "job.webp_quality must be in [0, 100]");
  }
  if (job->palette == nullptr && job->palette_capacity != 0) {
    return JobFail(job, CW_ERR_NULL_ARGUMENT, "job.palette is NULL with a non-zero capacity");
  }
  return CW_OK;
}

// Lends the caller a chart for the job's options: an idle one, or a new one
// (options validated and converted only then). nullptr with the job failed.
Cache::Entry* LendChart(cw_renderer* r, cw_render_job* job) {
  const CacheKey key = KeyOf(*job->options);
  if (!key.ok()) {
    // A time zone name too long for the key: the options' own check says so.
    ChartOptions options;
    if (absl::Status why = candlewick::capi::ToChartOptions(*job->options, &options); !why.ok()) {
      JobFail(job, why);
      return nullptr;
    }
    JobFail(job, CW_ERR_INTERNAL, "the chart options do not fit the cache key");
    return nullptr;
  }
  if (Cache::Entry* e = r->cache.Take(key)) return e;
  ChartOptions options;
  if (absl::Status why = candlewick::capi::ToChartOptions(*job->options, &options); !why.ok()) {
    JobFail(job, why);
    return nullptr;
  }
  Cache::Entry* e = r->cache.Create(key, options);
  if (e == nullptr) {
    JobFail(job, CW_ERR_OUT_OF_MEMORY, "out of memory for a chart of these options");
    return nullptr;
  }
  if (r->font.size() != 0) {
    const absl::Status st =
        e->slot().chart.LoadFont(absl::MakeConstSpan(r->font.data(), r->font.size()));
    if (!st.ok()) {
      r->cache.Release(e, false);
      JobFail(job, st);
      return nullptr;
    }
  }
  return e;
}

// Draws the job with a lent chart. Writes the job's output fields.
cw_status DrawJob(cw_renderer* r, Chart& chart, candlewick::capi::ChartDataStorage& storage,
                  cw_render_job* job) {
  ChartData data;
  const char* message = "";
  if (const cw_status st = candlewick::capi::ToChartData(*job->data, &storage, &data, &message);
      st != CW_OK) {
    return JobFail(job, st, message);
  }
  const auto format = static_cast<OutputFormat>(job->format);
  if (job->format == CW_FORMAT_WEBP_LOSSY) chart.set_webp_quality(job->webp_quality);
  if (job->pixels != nullptr) {
    const absl::Status st =
        chart.RenderFrame(data, format, job->pixels, job->buffer_size, job->row_stride);
    if (!st.ok()) return JobFail(job, st);
  } else {
    cw_buffer* buffer = NewBuffer(r->hooks);
    if (buffer == nullptr) return JobFail(job, CW_ERR_OUT_OF_MEMORY, "out of memory for the output");
    const absl::Status st = chart.Render(data, format, &buffer->bytes);
    if (!st.ok()) {
      DestroyBuffer(buffer);
      return JobFail(job, st);
    }
    job->output = buffer;
  }
  const candlewick::Palette& palette = chart.display_list().palette();
  job->palette_count = static_cast<size_t>(palette.size());
  for (size_t i = 0; i < job->palette_count && i < job->palette_capacity; ++i) {
    job->palette[i] = palette[static_cast<uint8_t>(i)];
  }
  return CW_OK;
}

// One job, start to finish, unrecorded. job is non-NULL with a good
// struct_size.
cw_status RunJob(cw_renderer* r, cw_render_job* job) {
  job->status = CW_OK;
  job->message[0] = '\0';
  job->output = nullptr;
  job->palette_count = 0;
  if (r == nullptr) return JobFail(job, CW_ERR_NULL_ARGUMENT, "the renderer is NULL");
  if (CheckJob(job) != CW_OK) return job->status;
  Cache::Entry* entry = nullptr;
  try {
    entry = LendChart(r, job);
    if (entry == nullptr) return job->status;
    DrawJob(r, entry->slot().chart, entry->slot().data, job);
  } catch (const std::bad_alloc&) {
    JobFail(job, CW_ERR_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    JobFail(job, CW_ERR_INTERNAL, "unexpected internal exception");
  }
  if (entry != nullptr) {
    // After running out of memory (or a bug), do not trust the chart's
    // state: let it go.
    const bool keep = job->status != CW_ERR_OUT_OF_MEMORY && job->status != CW_ERR_INTERNAL;
    r->cache.Release(entry, keep);
  }
  if (job->status != CW_OK && job->output != nullptr) {
    DestroyBuffer(job->output);
    job->output = nullptr;
  }
  return job->status;
}

uint64_t OutputBytes(const cw_render_job* job) {
  if (job->status != CW_OK) return 0;
  if (job->output != nullptr) return cw_buffer_size(job->output);
  const cw_chart_options& o = *job->options;  // a caller's frame was filled
  return static_cast<uint64_t>(cw_format_bytes_per_pixel(job->format)) * o.width * o.height;
}

// Runs a job and records it into `stats` (when not NULL) as `kind`.
cw_status RunRecorded(cw_renderer* r, cw_render_job* job, cw_stats* stats, int32_t kind) {
  return candlewick::capi::Recorded(
      stats, kind, [&] { return RunJob(r, job); }, [&] { return OutputBytes(job); },
      [&] { return job->data != nullptr ? job->data->series.close.length : 0; });
}

// The status of a renderer's options, with the reason in *why.
cw_status ValidateOptions(const cw_renderer_options* options, absl::Status* why) {
  auto fail = [why](ErrorCode code, absl::string_view message) {
    *why = candlewick::Error(code, message);
    return ToStatus(code);
  };
  if (options == nullptr) return fail(ErrorCode::kNullArgument, "options is NULL");
  if (options->struct_size < kRendererOptionsV1Size) {
    return fail(ErrorCode::kStructSize,
                "cw_renderer_options.struct_size is too small (use cw_renderer_options_init)");
  }
  AllocatorHooks hooks;
  if (!candlewick::capi::HooksFrom(options->allocator, &hooks)) {
    return fail(ErrorCode::kNullArgument, "the allocator has a NULL hook");
  }
  if (options->font_data == nullptr && options->font_data_size != 0) {
    return fail(ErrorCode::kNullArgument, "font_data is NULL with a non-zero size");
  }
  if (options->font_data != nullptr) {
    if (options->font_data_size == 0) {
      return fail(ErrorCode::kInvalidArgument, "font_data has 0 bytes");
    }
    // Load it once now, so a bad font is reported here rather than by the
    // first render that draws text.
    const absl::StatusOr<candlewick::FontPtr> font = candlewick::Font::CreateBorrowed(
        absl::MakeConstSpan(options->font_data, options->font_data_size),
        AllocatorHooks::Default());
    if (!font.ok()) {
      *why = font.status();
      return ToStatus(font.status());
    }
  }
  *why = absl::OkStatus();
  return CW_OK;
}

cw_render_job* JobAt(cw_render_job* jobs, size_t stride, size_t i) {
  return reinterpret_cast<cw_render_job*>(reinterpret_cast<unsigned char*>(jobs) + i * stride);
}

// One batch call's shared state, on the caller's stack.
struct Batch {
  cw_renderer* renderer;
  cw_render_job* jobs;
  size_t stride;
  size_t count;
  cw_stats* stats;
  cw_batch_progress progress;
  void* progress_opaque;
  std::mutex progress_mu;
  size_t done = 0;

  static void Run(void* context, size_t index) {
    auto* b = static_cast<Batch*>(context);
    cw_render_job* job = JobAt(b->jobs, b->stride, index);
    if (job->struct_size != b->stride) {
      job->output = nullptr;
      job->palette_count = 0;
      JobFail(job, CW_ERR_STRUCT_SIZE,
              "every job of a batch needs the struct_size of the first (cw_render_job_init)");
    } else {
      RunRecorded(b->renderer, job, b->stats, CW_STATS_BATCH);
    }
    if (b->progress != nullptr) {
      std::lock_guard<std::mutex> lock(b->progress_mu);
      b->progress(b->progress_opaque, job, ++b->done, b->count);
    }
  }
};

}  // namespace

extern "C" {

void cw_renderer_options_init(cw_renderer_options* options) {
  if (options == nullptr) return;
  std::memset(options, 0, sizeof *options);
  options->struct_size = sizeof *options;
  options->max_cache_bytes = kDefaultMaxCacheBytes;
}

cw_status cw_renderer_options_validate(const cw_renderer_options* options, char* message,
                                       size_t message_size) {
  absl::Status why;
  const cw_status st = ValidateOptions(options, &why);
  if (message != nullptr && message_size > 0) {
    std::snprintf(message, message_size, "%.*s", static_cast<int>(why.message().size()),
                  why.message().data());
  }
  return st;
}

cw_status cw_renderer_create(const cw_renderer_options* options, cw_renderer** out) {
  if (out == nullptr) return CW_ERR_NULL_ARGUMENT;
  *out = nullptr;
  absl::Status why;
  if (const cw_status st = ValidateOptions(options, &why); st != CW_OK) return st;
  AllocatorHooks hooks;
  candlewick::capi::HooksFrom(options->allocator, &hooks);
  const size_t max_bytes = options->max_cache_bytes > SIZE_MAX
                               ? SIZE_MAX
                               : static_cast<size_t>(options->max_cache_bytes);
  cw_renderer* r = candlewick::NewWithHooks<cw_renderer>(hooks, hooks, max_bytes);
  if (r == nullptr) return CW_ERR_OUT_OF_MEMORY;
  if (!r->cache.Init() ||
      (options->font_data != nullptr && (!r->font.Reserve(options->font_data_size) ||
                                         !r->font.Append(options->font_data,
                                                         options->font_data_size)))) {
    candlewick::DeleteWithHooks(hooks, r);
    return CW_ERR_OUT_OF_MEMORY;
  }
  *out = r;
  return CW_OK;
}

void cw_renderer_destroy(cw_renderer* renderer) {
  candlewick::capi::DestroyHandle(renderer, [](const cw_renderer& r) { return r.hooks; });
}

cw_status cw_renderer_attach_stats(cw_renderer* renderer, cw_stats* stats) {
  if (renderer == nullptr) return CW_ERR_NULL_ARGUMENT;
  renderer->stats.store(stats, std::memory_order_release);
  return CW_OK;
}

void cw_render_job_init(cw_render_job* job, const cw_chart_options* options,
                        const cw_chart_data* data, int32_t format) {
  if (job == nullptr) return;
  std::memset(job, 0, sizeof *job);
  job->struct_size = sizeof *job;
  job->options = options;
  job->data = data;
  job->format = format;
  job->webp_quality = 90.0f;
}

cw_status cw_renderer_render(cw_renderer* renderer, cw_render_job* job) {
  if (job == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (job->struct_size < kJobV1Size) return CW_ERR_STRUCT_SIZE;
  cw_stats* const stats =
      renderer != nullptr ? renderer->stats.load(std::memory_order_acquire) : nullptr;
  const int32_t kind = cw_format_bytes_per_pixel(job->format) != 0 ? CW_STATS_RENDER
                                                                    : CW_STATS_ENCODE;
  return RunRecorded(renderer, job, stats, kind);
}

void cw_batch_options_init(cw_batch_options* options) {
  if (options == nullptr) return;
  std::memset(options, 0, sizeof *options);
  options->struct_size = sizeof *options;
}

cw_status cw_renderer_render_batch(cw_renderer* renderer, cw_render_job* jobs, size_t job_count,
                                   const cw_batch_options* options, size_t* failed) {
  if (failed != nullptr) *failed = job_count;
  if (renderer == nullptr || (jobs == nullptr && job_count > 0)) return CW_ERR_NULL_ARGUMENT;
  cw_batch_options defaults;
  cw_batch_options_init(&defaults);
  if (options == nullptr) options = &defaults;
  if (options->struct_size < kBatchOptionsV1Size) return CW_ERR_STRUCT_SIZE;
  if (options->threads > CW_MAX_BATCH_THREADS) return CW_ERR_INVALID_ARGUMENT;
  if (job_count == 0) {
    if (failed != nullptr) *failed = 0;
    return CW_OK;
  }
  if (jobs[0].struct_size < kJobV1Size) return CW_ERR_STRUCT_SIZE;
  Batch batch;
  batch.renderer = renderer;
  batch.jobs = jobs;
  batch.stride = jobs[0].struct_size;
  batch.count = job_count;
  batch.stats = renderer->stats.load(std::memory_order_acquire);
  batch.progress = options->progress;
  batch.progress_opaque = options->progress_opaque;
  if (options->runner != nullptr) {
    // A job the caller's runner never runs must not look like a result.
    for (size_t i = 0; i < job_count; ++i) {
      cw_render_job* job = JobAt(jobs, batch.stride, i);
      job->output = nullptr;
      job->palette_count = 0;
      JobFail(job, CW_ERR_INVALID_ARGUMENT,
              "not run: the cw_parallel_runner returned without running this job");
    }
    options->runner(options->runner_opaque, &Batch::Run, &batch, job_count);
  } else {
    const uint32_t threads =
        options->threads != 0 ? options->threads : candlewick::AvailableCpuCount();
    renderer->pool.Run(job_count, threads, &Batch::Run, &batch);
  }
  if (failed != nullptr) {
    size_t n = 0;
    for (size_t i = 0; i < job_count; ++i) n += JobAt(jobs, batch.stride, i)->status != CW_OK;
    *failed = n;
  }
  return CW_OK;
}

cw_status cw_renderer_get_info(const cw_renderer* renderer, cw_renderer_info* info) {
  if (renderer == nullptr || info == nullptr) return CW_ERR_NULL_ARGUMENT;
  if (info->struct_size < kInfoV1Size) return CW_ERR_STRUCT_SIZE;
  const candlewick::ChartCacheStats s = renderer->cache.Stats();
  info->max_cache_bytes = s.max_bytes;
  info->cached_bytes = s.idle_bytes;
  info->cached_charts = s.idle_entries;
  info->charts_in_use = s.leased_entries;
  info->hits = s.hits;
  info->misses = s.misses;
  info->evictions = s.evictions;
  info->overhead_bytes =
      sizeof(cw_renderer) + renderer->cache.overhead_bytes() + renderer->font.size();
  info->worker_threads = renderer->pool.started();
  return CW_OK;
}

cw_status cw_renderer_clear_cache(cw_renderer* renderer) {
  if (renderer == nullptr) return CW_ERR_NULL_ARGUMENT;
  renderer->cache.Clear();
  return CW_OK;
}

}  // extern "C"
