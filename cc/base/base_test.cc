#include <cstdint>
#include <string>
#include <vector>

#include "cc/base/allocator.h"
#include "cc/base/byte_buffer.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"
#include "cc/base/test_hooks.h"
#include "cc/base/text_writer.h"
#include "gtest/gtest.h"

namespace candlewick {
namespace {

TEST(Status, CodeRoundTripsThroughAbslStatus) {
  for (int32_t c = 1; c <= static_cast<int32_t>(kLastErrorCode); ++c) {
    const absl::Status s = Error(static_cast<ErrorCode>(c), "msg");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(static_cast<int32_t>(CodeOf(s)), c);
    EXPECT_EQ(s.message(), "msg");
  }
  EXPECT_EQ(CodeOf(absl::OkStatus()), ErrorCode::kOk);
  EXPECT_EQ(CodeOf(absl::UnknownError("x")), ErrorCode::kInternal);
  EXPECT_STREQ(ErrorCodeText(0), "ok");
  EXPECT_STREQ(ErrorCodeText(999), "unknown status");
}

TEST(StridedView, ReadsEveryThirdElementInPlace) {
  const double table[] = {1, 10, 100, 2, 20, 200, 3, 30, 300};
  StridedView<double> middle(table + 1, 3, 3 * sizeof(double));
  EXPECT_FALSE(middle.contiguous());
  EXPECT_EQ(middle[0], 10);
  EXPECT_EQ(middle[2], 30);
  StridedView<double> reversed(table + 8, 3, -3 * static_cast<ptrdiff_t>(sizeof(double)));
  EXPECT_EQ(reversed[0], 300);
  EXPECT_EQ(reversed[2], 100);
  StridedView<double> dense(table, 9, 0);
  EXPECT_TRUE(dense.contiguous());
  EXPECT_EQ(dense[8], 300);
}

TEST(ByteBuffer, AllMemoryGoesThroughHooksAndIsReturned) {
  TestHooks counting;
  {
    ByteBuffer buffer(counting.Hooks());
    std::vector<uint8_t> chunk(10000, 7);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(buffer.Append(chunk.data(), chunk.size()));
    EXPECT_EQ(buffer.size(), 100000u);
    EXPECT_EQ(buffer.data()[99999], 7);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer.data()) % 64, 0u);
  }
  EXPECT_GT(counting.allocations, 0);
  EXPECT_EQ(counting.live, 0);
}

TEST(ByteBuffer, ReportsOutOfMemoryWithoutChangingContents) {
  TestHooks failing;
  failing.fail_at = 0;
  ByteBuffer buffer(failing.Hooks());
  const uint8_t byte = 1;
  EXPECT_FALSE(buffer.Append(&byte, 1));
  EXPECT_EQ(buffer.size(), 0u);
}

TEST(TextWriter, AppendsFormattedTextAndRawBytes) {
  ByteBuffer buffer(AllocatorHooks::Default());
  TextWriter w(&buffer);
  w.Printf("%s=%d;", "x", 42);
  w.Raw("done");
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(absl::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()),
            "x=42;done");
}

TEST(TextWriter, AnOverlongLineFailsInsteadOfBeingTruncatedAndTheFailureSticks) {
  ByteBuffer buffer(AllocatorHooks::Default());
  TextWriter w(&buffer);
  const std::string longest(TextWriter::kMaxLine, 'a');
  w.Printf("%s", longest.c_str());
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(buffer.size(), TextWriter::kMaxLine);
  w.Printf("%sb", longest.c_str());
  EXPECT_FALSE(w.ok());
  w.Raw("more");
  EXPECT_EQ(buffer.size(), TextWriter::kMaxLine);
}

TEST(TextWriter, OutOfMemorySticks) {
  TestHooks failing;
  failing.fail_at = 0;
  ByteBuffer buffer(failing.Hooks());
  TextWriter w(&buffer);
  w.Raw("x");
  EXPECT_FALSE(w.ok());
  failing.fail_at = -1;
  w.Printf("%d", 1);
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(buffer.size(), 0u);
}

}  // namespace
}  // namespace candlewick
