/*
 * The C results the Go and C# bindings are compared with, byte for byte.
 * Built against an installed candlewick (pkg-config), as any C user would:
 *
 *     cc -std=c99 -o reference reference.c $(pkg-config --cflags --libs candlewick) -lm
 *     ./reference OUTDIR
 *
 * It writes, for a few of the golden cases of tests/golden_cases.cc (the same
 * series, options, overlays, bands and panels, rebuilt here in C):
 *     OUTDIR/<case>.rgba   the raw RGBA8 frame (also compared with the
 *                          committed tests/golden/<case>.png by the bindings)
 *     OUTDIR/<case>.png, .webp, .svg   the encoded files
 *     OUTDIR/<case>.renderer.png       the PNG of cw_renderer_render
 *     OUTDIR/<case>.batch.png, .webp, .svg   the outputs of one
 *                          cw_renderer_render_batch of four jobs, whose
 *                          fourth (width 8) fails alone:
 *     OUTDIR/<case>.batch_error.txt   "STATUS MESSAGE" of that job
 * and, over the close column of series(300, 42):
 *     OUTDIR/rsi.f64, macd.f64 (macd, signal, hist), bbands.f64 (upper,
 *     middle, lower)        outputs one after another, little-endian doubles
 *     OUTDIR/rsi_stream.f64  RSI(14) pushed bar by bar through a stream
 *     OUTDIR/renko.f64, renko_row.i64   renko bricks (box 1) of that series:
 *                          open, high, low, close, volume, then the rows
 * The bindings rebuild the same inputs in their own language and compare.
 */
#include <candlewick.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* out_dir;
/* One renderer for every case, as a service would have. */
static cw_renderer* renderer;

static void fail(const char* what, cw_status s, const char* message) {
  fprintf(stderr, "reference: %s: %s: %s\n", what, cw_status_string(s), message ? message : "");
  exit(1);
}

static void write_file(const char* name, const void* data, size_t size) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", out_dir, name);
  FILE* f = fopen(path, "wb");
  if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
    perror(path);
    exit(1);
  }
}

/* tests/test_support.cc's MakeSeries: a reproducible random walk in integer
 * cents (xorshift32). */
typedef struct {
  size_t n;
  int64_t* time;
  double *open, *high, *low, *close, *volume;
} series;

static uint32_t next_state(uint32_t* state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static series make_series(size_t n, uint32_t seed) {
  series s = {n, calloc(n, 8), calloc(n, 8), calloc(n, 8), calloc(n, 8), calloc(n, 8), calloc(n, 8)};
  uint32_t state = seed * 2654435761u + 1;
  int64_t price = 10000;
  for (size_t i = 0; i < n; ++i) {
    const int64_t open = price;
    const int64_t close = open + (int64_t)(next_state(&state) % 401) - 200;
    const int64_t high = (open > close ? open : close) + next_state(&state) % 120;
    const int64_t low = (open < close ? open : close) - next_state(&state) % 120;
    s.time[i] = 1704153600 + (int64_t)i * 86400;
    s.open[i] = open / 100.0;
    s.close[i] = close / 100.0;
    s.high[i] = high / 100.0;
    s.low[i] = low / 100.0;
    s.volume[i] = (double)(1000 + next_state(&state) % 9000);
    price = close < 1000 ? 1000 : close;
  }
  return s;
}

static void free_series(series* s) {
  free(s->time);
  free(s->open);
  free(s->high);
  free(s->low);
  free(s->close);
  free(s->volume);
}

/* golden_cases.cc's Sma, into `out`: NaN before the window fills. */
static void sma(const double* x, size_t n, size_t period, double* out) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    sum += x[i];
    if (i >= period) sum -= x[i - period];
    out[i] = i + 1 >= period ? sum / (double)period : NAN;
  }
}

enum { PLAIN, EXTRAS, GAPPY };

typedef struct {
  const char* name;
  uint32_t width, height;
  int32_t type, theme, axes;
  size_t candles;
  uint32_t seed;
  int data;
  int custom; /* candles_dense_custom's colours */
} golden_case;

static const golden_case kCases[] = {
    {"candlestick_classic", 320, 200, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, 0, 60, 2024, PLAIN, 0},
    {"candles_dense_custom", 200, 100, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, 0, 400, 7, PLAIN, 1},
    {"extras_classic", 320, 240, CW_CHART_CANDLESTICK, CW_THEME_CLASSIC, 0, 90, 8, EXTRAS, 0},
    {"axes_tradingview", 480, 300, CW_CHART_CANDLESTICK, CW_THEME_TRADINGVIEW, 1, 80, 5, EXTRAS, 0},
    {"gaps_tradingview", 320, 200, CW_CHART_CANDLESTICK, CW_THEME_TRADINGVIEW, 0, 60, 4, GAPPY, 0},
};

/* golden_cases.cc's columns over the closes: SMA 10 and 30 (the overlays),
 * SMA 20 with a two-sigma band, an oscillator and a histogram around it,
 * and SMA 10 with gaps. */
typedef struct {
  double* block; /* every column, one after another */
  double *fast, *slow, *mid, *upper, *lower, *osc, *hist, *gappy;
} extra_columns;

static extra_columns make_extra_columns(const series* s) {
  const size_t n = s->n;
  extra_columns e;
  e.block = malloc(8 * n * sizeof *e.block);
  e.fast = e.block;
  e.slow = e.block + n;
  e.mid = e.block + 2 * n;
  e.upper = e.block + 3 * n;
  e.lower = e.block + 4 * n;
  e.osc = e.block + 5 * n;
  e.hist = e.block + 6 * n;
  e.gappy = e.block + 7 * n;
  sma(s->close, n, 10, e.fast);
  sma(s->close, n, 30, e.slow);
  sma(s->close, n, 20, e.mid);
  for (size_t i = 0; i < n; ++i) {
    e.upper[i] = e.lower[i] = e.osc[i] = e.hist[i] = NAN;
    if (isnan(e.mid[i])) continue;
    double var = 0;
    for (size_t k = i + 1 - 20; k <= i; ++k) {
      var += (s->close[k] - e.mid[i]) * (s->close[k] - e.mid[i]);
    }
    const double sd = sqrt(var / 20);
    e.upper[i] = e.mid[i] + 2 * sd;
    e.lower[i] = e.mid[i] - 2 * sd;
    e.osc[i] = sd > 0 ? 50 + 25 * (s->close[i] - e.mid[i]) / sd : 50;
    e.hist[i] = s->close[i] - e.mid[i];
  }
  sma(s->close, n, 10, e.gappy);
  for (size_t i = 25; i < 32 && i < n; ++i) e.gappy[i] = NAN;
  if (n > 45) e.gappy[44] = e.gappy[46] = NAN;
  return e;
}

static const double kOscLevels[] = {30, 70};

/* A case's chart data and the overlays, band and panels it points to. */
typedef struct {
  cw_ohlcv series;
  cw_line overlays[2], gappy_line, osc_line;
  cw_band band;
  cw_panel panels[2];
  cw_chart_data data;
} case_data;

/* Sets up `d` for case `c` over `s` and its extra columns `e`; `d` must
 * stay where it is while d->data is used. */
static void set_case_data(const golden_case* c, const series* s, const extra_columns* e,
                          case_data* d) {
  const size_t n = s->n;
  d->series = cw_ohlcv_contiguous(n, s->time, s->open, s->high, s->low, s->close, s->volume);
  cw_chart_data_init(&d->data, &d->series);
  d->overlays[0] = (cw_line){{e->fast, n, 0}, 0xFFB300FF, 0};
  d->overlays[1] = (cw_line){{e->slow, n, 0}, 0x42A5F5FF, 0};
  d->gappy_line = (cw_line){{e->gappy, n, 0}, 0xFFB300FF, 2};
  d->band = (cw_band){{e->upper, n, 0}, {e->lower, n, 0}, 0x7E57C240, 0x7E57C2FF, 1};
  d->osc_line = (cw_line){{e->osc, n, 0}, 0xAB47BCFF, 1};
  memset(d->panels, 0, sizeof d->panels);
  d->panels[0].weight = 0.25f;
  d->panels[0].lines = &d->osc_line;
  d->panels[0].line_count = 1;
  d->panels[0].levels = kOscLevels;
  d->panels[0].level_count = 2;
  d->panels[0].min = 0;
  d->panels[0].max = 100;
  d->panels[0].title = "OSC 20";
  d->panels[1].weight = 0.2f;
  d->panels[1].histogram = (cw_f64_column){e->hist, n, 0};
  d->panels[1].title = "HIST";
  if (c->data == EXTRAS) {
    d->data.overlays = d->overlays;
    d->data.overlay_count = 2;
    d->data.bands = &d->band;
    d->data.band_count = 1;
    d->data.panels = d->panels;
    d->data.panel_count = 2;
    d->data.title = "GOLDEN / USD  1D";
  } else if (c->data == GAPPY) {
    d->data.overlays = &d->gappy_line;
    d->data.overlay_count = 1;
  }
}

static void case_options(const golden_case* c, cw_chart_options* o) {
  cw_chart_options_init(o);
  o->width = c->width;
  o->height = c->height;
  o->type = c->type;
  o->theme = c->theme;
  o->show_axes = c->axes;
  if (c->custom) {
    o->use_custom_colors = 1;
    o->background = 0xFAF0E6FF;
    o->grid = 0xD3D3D3FF;
    o->up = 0x1E90FFFF;
    o->down = 0xFF8C00FF;
  }
}

/* Writes OUTDIR/<case>.<suffix>. */
static void write_case_file(const golden_case* c, const char* suffix, const void* data,
                            size_t size) {
  char name[256];
  snprintf(name, sizeof name, "%s.%s", c->name, suffix);
  write_file(name, data, size);
}

static const struct {
  int32_t format;
  const char* ext;
} kEncoded[] = {{CW_FORMAT_PNG, "png"}, {CW_FORMAT_WEBP_LOSSLESS, "webp"}, {CW_FORMAT_SVG, "svg"}};

/* The raw frame and the encoded files, through the chart. */
static void render_with_chart(const golden_case* c, const cw_chart_options* o,
                              const cw_chart_data* data) {
  cw_chart* chart = NULL;
  cw_status st = cw_chart_create(o, &chart);
  if (st != CW_OK) fail(c->name, st, "create");
  const size_t stride = (size_t)c->width * 4, size = stride * c->height;
  uint8_t* frame = malloc(size);
  st = cw_chart_render_frame(chart, data, CW_FORMAT_RGBA8, frame, size, stride);
  if (st != CW_OK) fail(c->name, st, cw_chart_last_error(chart));
  write_case_file(c, "rgba", frame, size);
  for (size_t k = 0; k < sizeof kEncoded / sizeof kEncoded[0]; ++k) {
    cw_buffer* buffer = NULL;
    st = cw_chart_render(chart, data, kEncoded[k].format, &buffer);
    if (st != CW_OK) fail(c->name, st, cw_chart_last_error(chart));
    write_case_file(c, kEncoded[k].ext, cw_buffer_data(buffer), cw_buffer_size(buffer));
    cw_buffer_destroy(buffer);
  }
  cw_chart_destroy(chart);
  free(frame);
}

/* The same case through the renderer: one call, then a batch of the three
 * encodings and a fourth job (width 8) that fails alone. */
static void render_with_renderer(const golden_case* c, const cw_chart_options* o,
                                 const cw_chart_data* data) {
  cw_render_job job;
  cw_render_job_init(&job, o, data, CW_FORMAT_PNG);
  if (cw_renderer_render(renderer, &job) != CW_OK) fail(c->name, job.status, job.message);
  write_case_file(c, "renderer.png", cw_buffer_data(job.output), cw_buffer_size(job.output));
  cw_buffer_destroy(job.output);
  cw_chart_options bad = *o;
  bad.width = 8;
  cw_render_job jobs[4];
  for (size_t k = 0; k < 3; ++k) cw_render_job_init(&jobs[k], o, data, kEncoded[k].format);
  cw_render_job_init(&jobs[3], &bad, data, CW_FORMAT_PNG);
  size_t failed = 0;
  const cw_status st = cw_renderer_render_batch(renderer, jobs, 4, NULL, &failed);
  if (st != CW_OK || failed != 1 || jobs[3].status == CW_OK || jobs[3].output != NULL) {
    fail(c->name, st, "batch: expected exactly the fourth job to fail");
  }
  char suffix[32];
  for (size_t k = 0; k < 3; ++k) {
    if (jobs[k].status != CW_OK) fail(c->name, jobs[k].status, jobs[k].message);
    snprintf(suffix, sizeof suffix, "batch.%s", kEncoded[k].ext);
    write_case_file(c, suffix, cw_buffer_data(jobs[k].output), cw_buffer_size(jobs[k].output));
    cw_buffer_destroy(jobs[k].output);
  }
  char error_line[CW_MESSAGE_SIZE + 16];
  const int length =
      snprintf(error_line, sizeof error_line, "%d %s", (int)jobs[3].status, jobs[3].message);
  write_case_file(c, "batch_error.txt", error_line, (size_t)length);
}

static void render_case(const golden_case* c) {
  cw_chart_options o;
  case_options(c, &o);
  series s = make_series(c->candles, c->seed);
  extra_columns e = make_extra_columns(&s);
  case_data d;
  set_case_data(c, &s, &e, &d);
  render_with_chart(c, &o, &d.data);
  render_with_renderer(c, &o, &d.data);
  free(e.block);
  free_series(&s);
}

/* Computes `name` over the close column with `params` and writes its
 * outputs one after another. */
static void indicator(cw_indicator_context* ctx, const series* s, const char* name,
                      const double* params, size_t param_count) {
  cw_indicator_id id = 0;
  cw_status st = cw_indicator_find(name, &id);
  if (st != CW_OK) fail(name, st, "find");
  cw_indicator_info info;
  info.struct_size = sizeof info;
  st = cw_indicator_get_info(id, &info);
  if (st != CW_OK) fail(name, st, "info");
  const size_t n = s->n;
  double* values = malloc(info.output_count * n * sizeof *values);
  double* outputs[8];
  for (size_t k = 0; k < info.output_count; ++k) outputs[k] = values + k * n;
  const cw_f64_column close = {s->close, n, 0};
  st = cw_indicator_compute(ctx, id, &close, 1, params, param_count, outputs, info.output_count, n);
  if (st != CW_OK) fail(name, st, cw_indicator_context_last_error(ctx));
  char file[64];
  snprintf(file, sizeof file, "%s.f64", name);
  write_file(file, values, info.output_count * n * sizeof *values);
  free(values);
}

static const double kRsiParams[] = {14};

static void indicators(const series* s) {
  cw_indicator_context* ctx = NULL;
  const cw_status st = cw_indicator_context_create(NULL, &ctx);
  if (st != CW_OK) fail("context", st, "");
  const double macd_params[] = {12, 26, 9}, bbands_params[] = {20, 2, 2};
  indicator(ctx, s, "rsi", kRsiParams, 1);
  indicator(ctx, s, "macd", macd_params, 3);
  indicator(ctx, s, "bbands", bbands_params, 3);
  cw_indicator_context_destroy(ctx);
}

/* RSI(14) pushed bar by bar through a stream. */
static void rsi_stream(const series* s) {
  cw_indicator_stream* stream = NULL;
  cw_indicator_id rsi = 0;
  cw_indicator_find("rsi", &rsi);
  cw_status st = cw_indicator_stream_create(NULL, rsi, kRsiParams, 1, &stream);
  if (st != CW_OK) fail("stream", st, "");
  double* pushed = malloc(s->n * sizeof *pushed);
  for (size_t i = 0; i < s->n; ++i) {
    st = cw_indicator_stream_push(stream, &s->close[i], 1, &pushed[i], 1);
    if (st != CW_OK) fail("push", st, cw_indicator_stream_last_error(stream));
  }
  write_file("rsi_stream.f64", pushed, s->n * sizeof *pushed);
  free(pushed);
  cw_indicator_stream_destroy(stream);
}

/* Renko bricks (box 1) of `s`. Returns their count. */
static size_t renko(const series* s) {
  cw_bar_context* bars = NULL;
  cw_status st = cw_bar_context_create(NULL, &bars);
  if (st != CW_OK) fail("bar context", st, "");
  cw_bar_options options;
  cw_bar_options_init(&options, CW_BARS_RENKO);
  options.box_mode = CW_BOX_FIXED;
  options.box_size = 1.0;
  cw_ohlcv v = cw_ohlcv_contiguous(s->n, s->time, s->open, s->high, s->low, s->close, s->volume);
  size_t rows = 0;
  st = cw_bars_from_ohlcv(bars, &v, &options, NULL, &rows);
  if (st != CW_OK) fail("renko", st, cw_bar_context_last_error(bars));
  double* columns = malloc(5 * rows * sizeof *columns + 1);
  int64_t* row = malloc(rows * sizeof *row + 1);
  cw_bar_output out;
  memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.capacity = rows;
  out.open = columns;
  out.high = columns + rows;
  out.low = columns + 2 * rows;
  out.close = columns + 3 * rows;
  out.volume = columns + 4 * rows;
  out.row = row;
  st = cw_bars_from_ohlcv(bars, &v, &options, &out, &rows);
  if (st != CW_OK) fail("renko", st, cw_bar_context_last_error(bars));
  write_file("renko.f64", columns, 5 * rows * sizeof *columns);
  write_file("renko_row.i64", row, rows * sizeof *row);
  free(columns);
  free(row);
  cw_bar_context_destroy(bars);
  return rows;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  out_dir = argv[1];
  cw_renderer_options renderer_options;
  cw_renderer_options_init(&renderer_options);
  if (cw_renderer_create(&renderer_options, &renderer) != CW_OK) {
    fail("renderer", CW_ERR_INTERNAL, "create");
  }
  for (size_t i = 0; i < sizeof kCases / sizeof kCases[0]; ++i) render_case(&kCases[i]);
  cw_renderer_destroy(renderer);

  series s = make_series(300, 42);
  indicators(&s);
  rsi_stream(&s);
  const size_t rows = renko(&s);
  printf("reference: candlewick %s, %zu golden cases, rsi/macd/bbands/stream/renko over %zu rows"
         " (%zu bricks) in %s\n",
         cw_version_string(), sizeof kCases / sizeof kCases[0], s.n, rows, out_dir);
  free_series(&s);
  return 0;
}
