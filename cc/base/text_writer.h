// printf-style appends into a ByteBuffer through a stack buffer, so the only
// memory a text format needs is the caller's buffer (allocated through its
// hooks). The first failure sticks: later appends do nothing and ok() says
// false.
#ifndef CANDLEWICK_CC_BASE_TEXT_WRITER_H_
#define CANDLEWICK_CC_BASE_TEXT_WRITER_H_

#include <cstdarg>
#include <cstddef>
#include <cstdio>

#include "absl/strings/string_view.h"
#include "cc/base/byte_buffer.h"

namespace candlewick {

class TextWriter {
 public:
  // The longest text one Printf may produce.
  static constexpr size_t kMaxLine = 511;

  explicit TextWriter(ByteBuffer* out) : out_(out) {}

  // False once an append ran out of memory or a Printf was too long.
  bool ok() const { return ok_; }

  void Raw(absl::string_view s) { ok_ = ok_ && out_->Append(s.data(), s.size()); }

  // Every line the formats write is far below kMaxLine bytes; a longer one
  // would be a bug, reported as a failure rather than emitted truncated.
  void Printf(const char* format, ...) __attribute__((format(printf, 2, 3))) {
    char line[kMaxLine + 1];
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    if (n < 0 || static_cast<size_t>(n) >= sizeof line) {
      ok_ = false;
      return;
    }
    Raw(absl::string_view(line, static_cast<size_t>(n)));
  }

 private:
  ByteBuffer* out_;
  bool ok_ = true;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_BASE_TEXT_WRITER_H_
