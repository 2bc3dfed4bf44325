// The Highway boilerplate every kernel family (moving_average/, momentum/,
// ...) shares. Macros, because Highway's layout is itself preprocessor
// driven: each family's kernels.cc re-includes itself once per target
// (foreach_target.h), defines that target's entry points inside
// candlewick::indicators::HWY_NAMESPACE, and, under `#if HWY_ONCE`, exports
// them (HWY_EXPORT, at namespace scope) and dispatches to the best target.
// The macros expand where they are used, so HWY_TARGET and HWY_NAMESPACE are
// those of the target being compiled; the file using them includes
// "hwy/highway.h" first. A family's kernels.cc reads:
//
//   CW_SIMD_NAMESPACE_BEGIN
//   template <class X>
//   constexpr FooKernels<X> kFooTable = {&FirstKernelT<X>, ...};
//   CW_KERNEL_TABLE_ENTRY_POINTS(Foo)
//   CW_SIMD_NAMESPACE_END
//
//   #if HWY_ONCE
//   CW_KERNEL_TABLE_DISPATCH(Foo)
//   #endif
#ifndef CANDLEWICK_CC_INDICATORS_KERNEL_FAMILY_H_
#define CANDLEWICK_CC_INDICATORS_KERNEL_FAMILY_H_

#include "cc/indicators/column.h"

// Open and close the per-target namespace of the kernels,
// candlewick::indicators::HWY_NAMESPACE, between Highway's
// HWY_BEFORE_NAMESPACE/HWY_AFTER_NAMESPACE (which set and restore the
// target's code-generation attributes). For the *-inl.h files and
// kernels.cc files that foreach_target.h compiles once per target.
#define CW_SIMD_NAMESPACE_BEGIN \
  HWY_BEFORE_NAMESPACE();       \
  namespace candlewick {        \
  namespace indicators {        \
  namespace HWY_NAMESPACE {
#define CW_SIMD_NAMESPACE_END \
  }                           \
  }                           \
  }                           \
  HWY_AFTER_NAMESPACE();

// This target's two entry points of family `Family`, inside
// CW_SIMD_NAMESPACE_BEGIN/END after the family's table (the variable
// template `constexpr FamilyKernels<X> kFamilyTable`):
// ContiguousFamilyKernels() (the table for unit-stride pointers) and
// StridedFamilyKernels() (for StridedColumn).
#define CW_KERNEL_TABLE_ENTRY_POINTS(Family)                            \
  const Family##Kernels<const double*>* Contiguous##Family##Kernels() { \
    return &k##Family##Table<const double*>;                            \
  }                                                                     \
  const Family##Kernels<StridedColumn>* Strided##Family##Kernels() {    \
    return &k##Family##Table<StridedColumn>;                            \
  }

// At file scope under `#if HWY_ONCE`: exports both entry points of every
// target and defines the two specialisations of FamilyKernelsFor<X>()
// (declared in the family's kernels.h) as the table of the best target this
// CPU supports.
#define CW_KERNEL_TABLE_DISPATCH(Family)                         \
  namespace candlewick {                                         \
  namespace indicators {                                         \
  HWY_EXPORT(Contiguous##Family##Kernels);                       \
  HWY_EXPORT(Strided##Family##Kernels);                          \
  template <>                                                    \
  const Family##Kernels<const double*>& Family##KernelsFor() {   \
    return *HWY_DYNAMIC_DISPATCH(Contiguous##Family##Kernels)(); \
  }                                                              \
  template <>                                                    \
  const Family##Kernels<StridedColumn>& Family##KernelsFor() {   \
    return *HWY_DYNAMIC_DISPATCH(Strided##Family##Kernels)();    \
  }                                                              \
  }                                                              \
  }

#endif  // CANDLEWICK_CC_INDICATORS_KERNEL_FAMILY_H_
