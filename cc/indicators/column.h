// A read-only input column with any byte stride between rows, read in place.
//
// Why: callers hand indicators borrowed column views (a column of a row-major
// table, a reversed array, a column of a NumPy structured array). Copying
// them into contiguous scratch first would cost a pass and memory per input;
// instead every kernel and compute function is a template over its input
// column type, instantiated for `const double*` (unit stride, the fast path)
// and for StridedColumn, which offers the same operations a kernel uses on a
// pointer: x[i], x + k and x - k.
#ifndef CANDLEWICK_CC_INDICATORS_COLUMN_H_
#define CANDLEWICK_CC_INDICATORS_COLUMN_H_

#include <cstddef>
#include <cstring>

namespace candlewick {
namespace indicators {

class StridedColumn {
 public:
  StridedColumn() = default;
  // `stride` bytes from one row to the next: any value, negative too; the
  // rows need not be aligned to alignof(double).
  StridedColumn(const void* base, ptrdiff_t stride)
      : bytes_(static_cast<const char*>(base)), stride_(stride) {}

  double operator[](size_t i) const {
    double v;  // memcpy: a strided row need not be 8-byte aligned
    std::memcpy(&v, bytes_ + static_cast<ptrdiff_t>(i) * stride_, sizeof v);
    return v;
  }
  StridedColumn operator+(size_t k) const {
    return StridedColumn(bytes_ + static_cast<ptrdiff_t>(k) * stride_, stride_);
  }
  StridedColumn operator-(size_t k) const {
    return StridedColumn(bytes_ - static_cast<ptrdiff_t>(k) * stride_, stride_);
  }

  const char* bytes() const { return bytes_; }
  ptrdiff_t stride() const { return stride_; }

 private:
  const char* bytes_ = nullptr;
  ptrdiff_t stride_ = sizeof(double);
};

// The column type a kernel is compiled for, from what a caller passes: any
// unit-stride pointer is read as `const double*`, a StridedColumn as itself.
template <class X>
struct KernelColumnOf {
  using type = const double*;
};
template <>
struct KernelColumnOf<StridedColumn> {
  using type = StridedColumn;
};
template <class X>
using KernelColumn = typename KernelColumnOf<X>::type;

}  // namespace indicators
}  // namespace candlewick

#endif  // CANDLEWICK_CC_INDICATORS_COLUMN_H_
