#include "cc/stats/simd_target.h"

#include <cstring>

namespace candlewick {
namespace {

// Indexed by SimdTarget value.
constexpr const char* kNames[kSimdTargetCount] = {
    "none",  "other",   "SCALAR", "EMU128",   "SSSE3", "SSE4", "AVX2", "AVX3",
    "AVX3_DL", "AVX3_ZEN4", "AVX3_SPR", "NEON", "SVE", "SVE2", "SVE_256", "SVE2_128",
    "PPC8",  "PPC9",    "PPC10",  "WASM",     "WASM_EMU256", "RVV",
};

}  // namespace

const char* SimdTargetName(int32_t target) {
  if (target < 0 || target >= kSimdTargetCount) return nullptr;
  return kNames[target];
}

SimdTarget SimdTargetFromName(const char* name) {
  if (name == nullptr || name[0] == '\0') return SimdTarget::kNone;
  // "none" and "other" are our words, not Highway's; starting at kScalar
  // keeps a dispatcher that prints "other" from being mistaken for one.
  for (int32_t t = static_cast<int32_t>(SimdTarget::kScalar); t < kSimdTargetCount; ++t) {
    if (std::strcmp(name, kNames[t]) == 0) return static_cast<SimdTarget>(t);
  }
  return SimdTarget::kOther;
}

}  // namespace candlewick
