// Stable numbers for the SIMD targets an operation can run on, so statistics
// can say "render ran AVX3" without storing strings on the hot path. The
// names are Highway's own target names (hwy::TargetName), so the string a
// dispatcher reports maps onto a number and back without a table of aliases.
#ifndef CANDLEWICK_CC_STATS_SIMD_TARGET_H_
#define CANDLEWICK_CC_STATS_SIMD_TARGET_H_

#include <cstdint>

namespace candlewick {

// Numerically identical to cw_simd_target in capi/candlewick.h; never reused.
enum class SimdTarget : int32_t {
  kNone = 0,   // not reported, or the operation has no SIMD kernel
  kOther = 1,  // a target this version has no number for
  kScalar = 2,
  kEmu128 = 3,
  kSsse3 = 4,
  kSse4 = 5,
  kAvx2 = 6,
  kAvx3 = 7,
  kAvx3Dl = 8,
  kAvx3Zen4 = 9,
  kAvx3Spr = 10,
  kNeon = 11,
  kSve = 12,
  kSve2 = 13,
  kSve256 = 14,
  kSve2_128 = 15,
  kPpc8 = 16,
  kPpc9 = 17,
  kPpc10 = 18,
  kWasm = 19,
  kWasmEmu256 = 20,
  kRvv = 21,
};

// Numbers 0..kSimdTargetCount-1 are assigned.
inline constexpr int32_t kSimdTargetCount = 22;
// Per-target counters are stored in arrays of this many slots, so targets
// added later fit without changing any struct layout.
inline constexpr int32_t kSimdTargetSlots = 32;

// "none", "other", or Highway's name ("AVX3", "SCALAR", ...); nullptr for a
// number that is not assigned.
const char* SimdTargetName(int32_t target);

// The number for one of Highway's target names; kNone for nullptr or "",
// kOther for a name this version does not know.
SimdTarget SimdTargetFromName(const char* name);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_SIMD_TARGET_H_
