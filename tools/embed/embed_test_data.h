// Test data for //tools/embed:embed_test: embed_file.cc, embedded.
#ifndef CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_
#define CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_

#include <cstdint>

#include "absl/types/span.h"

namespace candlewick::embed_test {

absl::Span<const uint8_t> EmbeddedSelf();

}  // namespace candlewick::embed_test

#endif  // CANDLEWICK_TOOLS_EMBED_EMBED_TEST_DATA_H_
