// Test data for //tools/embed:embed_test: an empty file, embedded.
#ifndef CANDLEWICK_TOOLS_EMBED_EMBED_TEST_EMPTY_H_
#define CANDLEWICK_TOOLS_EMBED_EMBED_TEST_EMPTY_H_

#include <cstdint>

#include "absl/types/span.h"

namespace candlewick::embed_test {

absl::Span<const uint8_t> EmbeddedEmpty();

}  // namespace candlewick::embed_test

#endif  // CANDLEWICK_TOOLS_EMBED_EMBED_TEST_EMPTY_H_
