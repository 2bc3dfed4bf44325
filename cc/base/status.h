// Error reporting inside the core: absl::Status carrying a candlewick error
// code, so the C shim can return the exact stable number (capi/candlewick.h)
// while C++ code keeps the usual absl::Status flow.
#ifndef CANDLEWICK_CC_BASE_STATUS_H_
#define CANDLEWICK_CC_BASE_STATUS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace candlewick {

// Numerically identical to the CW_* status codes of the public header.
enum class ErrorCode : int32_t {
  kOk = 0,
  kNullArgument = 1,
  kInvalidArgument = 2,
  kStructSize = 3,
  kSizeOutOfRange = 4,
  kEmptySeries = 5,
  kLengthMismatch = 6,
  kNonFinite = 7,
  kInconsistentOhlc = 8,
  kNegativeVolume = 9,
  kBufferTooSmall = 10,
  kOutOfMemory = 11,
  kEncode = 12,
  kInternal = 13,
  kSeriesTooShort = 14,
};

// The highest code in use: codes 1..kLastErrorCode are errors.
inline constexpr ErrorCode kLastErrorCode = ErrorCode::kSeriesTooShort;

// A non-OK status with `code` attached and `message` as its text.
absl::Status Error(ErrorCode code, absl::string_view message);

// The candlewick code of `status`: kOk for OK, the attached code when there is
// one, kInternal for any other error.
ErrorCode CodeOf(const absl::Status& status);

// Fixed text for a code ("ok", "null argument", ...).
const char* ErrorCodeText(int32_t code);

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_STATUS_H_
