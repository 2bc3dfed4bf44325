// Versioned structs of the C API: their frozen version-1 sizes and the
// test for an appended field. Internal, never installed.
#ifndef CANDLEWICK_CAPI_STRUCT_SIZE_H_
#define CANDLEWICK_CAPI_STRUCT_SIZE_H_

#include <cstddef>

// Versioned structs (their first field is struct_size) only ever grow at the
// end. Each one's version-1 size is the end of its last version-1 field,
// frozen beside its use with the LP64 size as a literal:
//   CW_FROZEN_V1_SIZE(kFooV1Size, cw_foo, last_v1_field, 48);
// so inserting, removing or resizing a version-1 field fails the build while
// appending a field leaves the minimum struct_size a caller must pass
// unchanged. A field added later is read or written only when the caller's
// struct_size covers it: `s->struct_size >= CW_FIELD_END(cw_foo, new_field)`.
// (tests/abi_v1_test.cc passes the literals; docs/abi.md.)
#define CW_FIELD_END(type, field) (offsetof(type, field) + sizeof(((type*)nullptr)->field))
#define CW_FROZEN_V1_SIZE(name, type, last_v1_field, lp64_size)   \
  constexpr size_t name = CW_FIELD_END(type, last_v1_field);     \
  static_assert(sizeof(void*) != 8 || name == (lp64_size),       \
                "the version-1 layout of " #type " changed")

#endif  // CANDLEWICK_CAPI_STRUCT_SIZE_H_
