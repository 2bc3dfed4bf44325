// What each indicator family (moving_average/, momentum/, ...) provides for
// every indicator it implements, and what their batch functions share.
// Internal to cc/indicators: registry.cc points each Spec at one
// Implementation; Compute() (indicators.cc) and Stream (stream.cc) call
// through it.
#ifndef CANDLEWICK_CC_INDICATORS_IMPLEMENTATION_H_
#define CANDLEWICK_CC_INDICATORS_IMPLEMENTATION_H_

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "cc/indicators/column.h"
#include "cc/indicators/indicators.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
class Arena;
class Engine;
}  // namespace stream_internal

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Parameter k as a period or a moving-average kind (parameters arrive
// validated: whole numbers in range).
inline size_t Period(const double* params, size_t k) { return static_cast<size_t>(params[k]); }
inline MaType MaTypeParam(const double* params, size_t k) {
  return static_cast<MaType>(params[k]);
}

inline void FillNaN(double* out, size_t count) { std::fill(out, out + count, kNaN); }

// The common lookback rules, as bases that give an indicator struct its
// Lookback (n = params[0], the period):
// - WindowLookback: the first value closes the first window of n bars
//   (SMA, MAX, LINEARREG, ...): n - 1 bars before it;
// - PeriodLookback: the first value follows n earlier bars, a change over
//   n bars or the smoothing of n one-bar changes (MOM, RSI, ATR, ...): n;
// - FixedLookback<K>: K bars whatever the parameters (0 for a per-bar
//   transform, 1 for one that reads the previous bar).
struct WindowLookback {
  static size_t Lookback(const double* p) { return Period(p, 0) - 1; }
};
struct PeriodLookback {
  static size_t Lookback(const double* p) { return Period(p, 0); }
};
template <size_t K>
struct FixedLookback {
  static size_t Lookback(const double*) { return K; }
};

// Workspace buffers handed out in order. A function that needs scratch asks
// for the next buffer; a helper it calls gets a copy of its Scratch, so the
// helper's buffers follow the caller's and are free again for the caller's
// next helper once it returns (a stack of buffers, no slot numbers). Slots
// below kFirstSlot hold the outputs Compute()'s caller does not want.
class Scratch {
 public:
  static constexpr size_t kFirstSlot = kMaxOutputs;

  explicit Scratch(Workspace& ws) : ws_(&ws) {}

  // At least `count` doubles (64-byte aligned, contents unspecified).
  double* Doubles(size_t count) {
    if (next_ >= Workspace::kSlots) std::abort();  // a family asked for too many
    return ws_->Buffer(next_++, count);
  }
  // At least `count` indices; the last index slot is Compute()'s own.
  size_t* Indices(size_t count) {
    if (next_index_ + 1 >= Workspace::kIndexSlots) std::abort();
    return ws_->Indices(next_index_++, count);
  }

 private:
  Workspace* ws_;
  size_t next_ = kFirstSlot;
  size_t next_index_ = 0;
};

// An indicator's batch functions over input columns of type In (`const
// double*`, unit stride, or StridedColumn, any stride, read in place with
// the same arithmetic): compute one run of m finite rows (m > lookback),
// in[k] the input columns, out[j] m doubles each (never null), writing all m
// values of every output, NaN before the lookback. The checked variant
// runs on all n rows of a series not yet validated, checking every row
// inline (finite, high >= low, volume >= 0) while computing, and returns
// true when all were fine; on false the outputs hold unspecified values and
// Compute() takes the general path (validation pass, then runs). Worth it
// where the separate validation pass costs as much as the indicator.
template <class In>
using ComputeFn = void (*)(const In* in, size_t m, const double* params, double* const* out,
                           Scratch scratch);
template <class In>
using CheckedFn = bool (*)(const In* in, size_t m, const double* params, double* const* out,
                           Scratch scratch);
// A new streaming engine for `params` in `arena` (stream_engine.h).
using EngineFactory = stream_internal::Engine* (*)(const double* params,
                                                   stream_internal::Arena& arena);

// Everything behind one indicator. Every function receives all param_count
// parameters, already validated.
struct Implementation {
  size_t (*lookback)(const double* params);
  ComputeFn<const double*> compute;
  ComputeFn<StridedColumn> compute_strided;
  CheckedFn<const double*> compute_checked;  // nullptr: no single-pass variant
  CheckedFn<StridedColumn> compute_checked_strided;
  EngineFactory new_engine;
};

// The base of an indicator whose Checked kernel computes while it validates:
// on a run Compute() has already validated it cannot fail, so Compute is
// Checked (the same bits on both paths).
template <class T>
struct ComputedByChecked {
  template <class In>
  static void Compute(const In* in, size_t m, const double* params, double* const* out,
                      Scratch scratch) {
    T::Checked(in, m, params, out, scratch);
  }
};

// The Implementation of an indicator written as a struct with a static
// Lookback (its own or a lookback base's), a static template Compute and,
// optionally, a static template Checked (both for each input column type,
// instantiated here).
template <class T, class = void>
struct HasChecked : std::false_type {};
template <class T>
struct HasChecked<T, std::void_t<decltype(&T::template Checked<const double*>)>>
    : std::true_type {};

template <class T>
constexpr Implementation Implement(EngineFactory new_engine) {
  Implementation impl = {&T::Lookback,
                         &T::template Compute<const double*>,
                         &T::template Compute<StridedColumn>,
                         nullptr,
                         nullptr,
                         new_engine};
  if constexpr (HasChecked<T>::value) {
    impl.compute_checked = &T::template Checked<const double*>;
    impl.compute_checked_strided = &T::template Checked<StridedColumn>;
  }
  return impl;
}

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_IMPLEMENTATION_H_
