/* Renders a candlestick chart of a synthetic series to hello.png and prints
 * its 20-bar SMA, through the installed library only. */
#include <candlewick.h>

#include <stdio.h>

#define N 120

int main(void) {
  static double open[N], high[N], low[N], close[N], volume[N], sma[N];
  static int64_t time[N];
  uint32_t seed = 42; /* a reproducible random walk */
  double last = 100.0;
  for (int i = 0; i < N; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const double step = (double)(seed >> 8) / (1 << 24) - 0.5; /* -0.5..0.5 */
    time[i] = 1700000000 + 86400 * (int64_t)i;
    open[i] = last;
    close[i] = last + 4.0 * step;
    high[i] = (open[i] > close[i] ? open[i] : close[i]) + 1.0;
    low[i] = (open[i] < close[i] ? open[i] : close[i]) - 1.0;
    volume[i] = 1000.0 + 10.0 * i;
    last = close[i];
  }
  if (cw_version() != CW_VERSION_NUMBER) {
    fprintf(stderr, "header %d but library %u\n", CW_VERSION_NUMBER, cw_version());
    return 1;
  }

  cw_chart_options options;
  cw_chart_options_init(&options);
  cw_chart* chart = NULL;
  cw_status s = cw_chart_create(&options, &chart);
  if (s != CW_OK) {
    fprintf(stderr, "create: %s\n", cw_status_string(s));
    return 1;
  }
  cw_ohlcv series = cw_ohlcv_contiguous(N, time, open, high, low, close, volume);
  cw_buffer* png = NULL;
  s = cw_chart_render_png(chart, &series, &png);
  if (s != CW_OK) {
    fprintf(stderr, "render: %s: %s\n", cw_status_string(s), cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  FILE* file = fopen("hello.png", "wb");
  if (file == NULL || fwrite(cw_buffer_data(png), 1, cw_buffer_size(png), file) != cw_buffer_size(png)) {
    perror("hello.png");
    return 1;
  }
  fclose(file);
  printf("candlewick %s: hello.png, %zu bytes\n", cw_version_string(), cw_buffer_size(png));
  cw_buffer_destroy(png);
  cw_chart_destroy(chart);

  cw_indicator_id id;
  cw_indicator_context* context = NULL;
  if (cw_indicator_find("sma", &id) != CW_OK ||
      cw_indicator_context_create(NULL, &context) != CW_OK) {
    return 1;
  }
  const double period = 20;
  cw_f64_column column = {close, N, 0};
  double* outputs[1] = {sma};
  s = cw_indicator_compute(context, id, &column, 1, &period, 1, outputs, 1, N);
  if (s != CW_OK) {
    fprintf(stderr, "sma: %s\n", cw_indicator_context_last_error(context));
    cw_indicator_context_destroy(context);
    return 1;
  }
  printf("SMA(20) of the last bar: %.4f\n", sma[N - 1]);
  cw_indicator_context_destroy(context);
  return 0;
}
