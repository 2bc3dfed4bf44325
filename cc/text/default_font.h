// The default font, DejaVu Sans from Debian's fonts-dejavu-core, compiled into
// the library at build time (//tools/embed), so text renders with no font
// file on the machine and no file access at run time.
#ifndef CANDLEWICK_CC_TEXT_DEFAULT_FONT_H_
#define CANDLEWICK_CC_TEXT_DEFAULT_FONT_H_

#include <cstdint>

#include "absl/types/span.h"

namespace candlewick {

// The TrueType file's bytes: static, const, 16-byte aligned, valid for the
// life of the process. Thread-safe.
absl::Span<const uint8_t> DefaultFontData();

}  // namespace candlewick

#endif  // CANDLEWICK_CC_TEXT_DEFAULT_FONT_H_
