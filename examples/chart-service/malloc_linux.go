package main

// The server's resident memory stays at the renderer's bound only if the C
// heap gives back what evicted charts free.  Two glibc defaults get in the
// way of a long-running cgo service (measured: +53 MiB over 100,000 requests
// of a mix of sizes, the cache at its bound all along):
//   - the mmap threshold adapts upwards: after a large block (a chart's
//     frame, 1.9 MB at 800x600) is freed, blocks of that size come from the
//     heap instead and stay there, fragmented, when their chart is evicted;
//   - every OS thread that calls into C may get its own arena (up to 8 per
//     core), each keeping its own free memory.
// Fixing the threshold keeps frames and encoder buffers in their own
// mappings, returned to the system when freed; capping the arenas at the
// core count keeps the rest shared.  Both are the process's choice (a
// library must not make it), so the service sets them before any chart
// exists.  MALLOC_ARENA_MAX / MALLOC_MMAP_THRESHOLD_ in the environment
// still take precedence: they are read when malloc starts, and this runs
// only where they are not set.

/*
#include <malloc.h>

// glibc only: other C libraries (musl) have neither knob.
static void bound_c_heap(int mmap_threshold, int arena_max) {
#if defined(__GLIBC__)
  if (mmap_threshold > 0) mallopt(M_MMAP_THRESHOLD, mmap_threshold);
  if (arena_max > 0) mallopt(M_ARENA_MAX, arena_max);
#endif
}
*/
import "C"

import (
	"os"
	"runtime"
)

// mmapThreshold: blocks of this size or more get their own mapping.
const mmapThreshold = 256 << 10

func boundCHeap() {
	threshold, arenas := mmapThreshold, runtime.NumCPU()
	if os.Getenv("MALLOC_MMAP_THRESHOLD_") != "" {
		threshold = 0
	}
	if os.Getenv("MALLOC_ARENA_MAX") != "" {
		arenas = 0
	}
	C.bound_c_heap(C.int(threshold), C.int(arenas))
}
