// The embedded bytes must be the file's bytes exactly, at the promised
// alignment, including the edge case of an empty file.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

#include "gtest/gtest.h"
#include "tools/embed/embed_test_data.h"

namespace candlewick::embed_test {
namespace {

std::vector<uint8_t> ReadRunfile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(EmbedTest, BytesMatchTheSourceFile) {
  const std::vector<uint8_t> expected = ReadRunfile("tools/embed/embed_file.cc");
  ASSERT_FALSE(expected.empty());
  const absl::Span<const uint8_t> embedded = EmbeddedSelf();
  ASSERT_EQ(embedded.size(), expected.size());
  EXPECT_TRUE(std::equal(embedded.begin(), embedded.end(), expected.begin()));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(embedded.data()) % 16, 0u);
}

TEST(EmbedTest, EmptyFileGivesEmptySpan) {
  EXPECT_EQ(EmbeddedEmpty().size(), 0u);
  EXPECT_NE(EmbeddedEmpty().data(), nullptr);
}

}  // namespace
}  // namespace candlewick::embed_test
