/* Compiled as C99 with -Wall -Wextra -pedantic -Werror: the public header
 * must be clean C, and this also exercises the API from plain C. */
#include "capi/candlewick.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  static const double open[3] = {10, 11, 12}, high[3] = {11, 13, 12.5},
                      low[3] = {9, 10.5, 11}, close[3] = {11, 12, 11.5},
                      volume[3] = {100, 200, 150};
  cw_chart_options options;
  cw_chart* chart = NULL;
  cw_buffer* png = NULL;
  cw_ohlcv series;
  cw_status status;

  if (cw_version() != CW_VERSION_NUMBER) return 1;
  cw_chart_options_init(&options);
  options.width = 64;
  options.height = 48;
  status = cw_chart_create(&options, &chart);
  if (status != CW_OK) {
    fprintf(stderr, "create: %s\n", cw_status_string(status));
    return 1;
  }
  series = cw_ohlcv_contiguous(3, NULL, open, high, low, close, volume);
  status = cw_chart_render_png(chart, &series, &png);
  if (status != CW_OK) {
    fprintf(stderr, "render: %s: %s\n", cw_status_string(status), cw_chart_last_error(chart));
    cw_chart_destroy(chart);
    return 1;
  }
  if (cw_buffer_size(png) < 8 || memcmp(cw_buffer_data(png), "\x89PNG", 4) != 0) return 1;
  cw_buffer_destroy(png);
  cw_chart_destroy(chart);
  printf("c99 header test passed\n");
  return 0;
}
