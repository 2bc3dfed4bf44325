// Test data for //tools/embed:embed_test, each function from its own
// cc_embedded_file rule: embed_file.cc, and an empty file, embedded.
#ifndef CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_
#define CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_

#include <cstdint>

#include "absl/types/span.h"

namespace candlewick::embed_test {

absl::Span<const uint8_t> EmbeddedSelf();
absl::Span<const uint8_t> EmbeddedEmpty();

}  // namespace candlewick::embed_test

#endif  // CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_
