/* A tiny C library in several versions, for checking the ABI check itself
 * (//capi:abi_check_test): the first version is the baseline, each other
 * one is a change the check must accept or reject. */
#include <stddef.h>
#include <stdint.h>

#define API __attribute__((visibility("default")))

typedef struct cw_fx_options { /* versioned: may grow at the end */
  size_t struct_size;
#ifdef FX_FIELD_TYPE_CHANGED
  float width; /* was int32_t, same size */
#else
  int32_t width;
#endif
  int32_t height;
#ifdef FX_FIELD_APPENDED
  const char* time_zone;
#endif
} cw_fx_options;

typedef struct cw_fx_point { /* not versioned: frozen */
  double x;
  double y;
#ifdef FX_UNVERSIONED_APPENDED
  double z;
#endif
} cw_fx_point;

typedef struct cw_fx_scene { /* versioned, reaches cw_fx_point */
  size_t struct_size;
  const cw_fx_point* points;
  size_t point_count;
} cw_fx_scene;

API int32_t cw_fx_area(const cw_fx_options* options) {
  return options->struct_size ? (int32_t)options->width * options->height : 0;
}

API size_t cw_fx_count(const cw_fx_scene* scene) { return scene->point_count; }

#ifndef FX_FUNCTION_REMOVED
API double cw_fx_first_x(const cw_fx_scene* scene) { return scene->points[0].x; }
#endif

#ifdef FX_FUNCTION_ADDED
API int32_t cw_fx_version(void) { return 2; }
#endif
