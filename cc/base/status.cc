#include "cc/base/status.h"

#include <string>

#include "absl/strings/cord.h"

namespace candlewick {
namespace {

constexpr char kPayloadUrl[] = "candlewick/code";

absl::StatusCode CanonicalCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return absl::StatusCode::kOk;
    case ErrorCode::kSizeOutOfRange:
      return absl::StatusCode::kOutOfRange;
    case ErrorCode::kBufferTooSmall:
      return absl::StatusCode::kResourceExhausted;
    case ErrorCode::kOutOfMemory:
      return absl::StatusCode::kResourceExhausted;
    case ErrorCode::kEncode:
    case ErrorCode::kInternal:
      return absl::StatusCode::kInternal;
    default:
      return absl::StatusCode::kInvalidArgument;
  }
}

}  // namespace

absl::Status Error(ErrorCode code, absl::string_view message) {
  absl::Status status(CanonicalCode(code), message);
  status.SetPayload(kPayloadUrl,
                    absl::Cord(std::to_string(static_cast<int32_t>(code))));
  return status;
}

ErrorCode CodeOf(const absl::Status& status) {
  if (status.ok()) return ErrorCode::kOk;
  const auto payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return ErrorCode::kInternal;
  const std::string text(*payload);
  const int value = std::atoi(text.c_str());
  if (value <= 0 || value > static_cast<int>(kLastErrorCode)) {
    return ErrorCode::kInternal;
  }
  return static_cast<ErrorCode>(value);
}

const char* ErrorCodeText(int32_t code) {
  switch (code) {
    case 0: return "ok";
    case 1: return "null argument";
    case 2: return "invalid argument";
    case 3: return "struct_size too small";
    case 4: return "size out of range";
    case 5: return "empty series";
    case 6: return "column length mismatch";
    case 7: return "non-finite value";
    case 8: return "inconsistent OHLC (high < low or open/close outside)";
    case 9: return "negative volume";
    case 10: return "buffer too small";
    case 11: return "out of memory";
    case 12: return "encoder failure";
    case 13: return "internal error";
    case 14: return "series shorter than a period";
    default: return "unknown status";
  }
}

}  // namespace candlewick
