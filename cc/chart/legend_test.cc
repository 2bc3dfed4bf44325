// Legend rows and panel titles stay inside the plot: a long name is cut at
// a character and ends in "…", values that still do not fit are left out.
#include "cc/chart/legend.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace candlewick {
namespace {

// 6 pixels per character (UTF-8 continuation bytes take none).
class FixedText : public TextMeasure {
 public:
  int Width(absl::string_view s, int) const override {
    int w = 0;
    for (char c : s) w += (static_cast<uint8_t>(c) & 0xC0) == 0x80 ? 0 : 6;
    return w;
  }
  int Ascent(int) const override { return 9; }
  int Descent(int) const override { return 3; }
};

struct Drawn {
  std::string text;
  float left, right;
};

std::vector<Drawn> Draw(const LegendEntry& e, int32_t right) {
  DisplayList out(AllocatorHooks::Default());
  out.Clear(0x000000FF);
  const FixedText text;
  DrawLegendEntry(e, 10, 0, right, text, 11, &out);
  std::vector<Drawn> drawn;
  for (const DrawOp& op : out.ops()) {
    if (op.kind != OpKind::kText) continue;
    const std::string s(out.text(op));
    drawn.push_back({s, op.x0, op.x0 + static_cast<float>(text.Width(s, 11))});
  }
  return drawn;
}

LegendEntry Entry(absl::string_view name) {
  LegendEntry e;
  e.name = name;
  e.has_swatch = true;
  AxisLabel a, b;
  std::snprintf(a.text, sizeof a.text, "101.25");
  std::snprintf(b.text, sizeof b.text, "97.50");
  e.AddValue(a, 1);
  e.AddValue(b, 2);
  return e;
}

std::string Texts(const std::vector<Drawn>& d) {
  std::string s;
  for (const Drawn& x : d) s += (s.empty() ? "" : "|") + x.text;
  return s;
}

TEST(Legend, FitsUnchanged) {
  // Swatch 12 + gap 5, "BBANDS" 36, gap 11, 36, gap 6, 30: ends at 146.
  const auto d = Draw(Entry("BBANDS"), 146);
  EXPECT_EQ(Texts(d), "BBANDS|101.25|97.50");
}

TEST(Legend, LongNameIsCutBeforeItsValues) {
  const auto d = Draw(Entry("Exponential moving average of the typical price"), 200);
  // 27 + 84 + 6 (the ellipsis) + 83 (the values) = 200.
  EXPECT_EQ(Texts(d), "Exponential mo|\xE2\x80\xA6|101.25|97.50");
  for (const Drawn& x : d) EXPECT_LE(x.right, 200) << x.text;
}

TEST(Legend, ValuesGoLastFirstAndTheNameKeepsOneCharacter) {
  const std::string name = "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC";  // Ελληνικά
  auto d = Draw(Entry(name), 27 + 12 + 11 + 36);
  EXPECT_EQ(Texts(d), "\xCE\x95|\xE2\x80\xA6|101.25");
  d = Draw(Entry(name), 27 + 12 + 5);
  EXPECT_EQ(Texts(d), "\xCE\x95|\xE2\x80\xA6");
  // A cut never splits a character.
  const FixedText text;
  for (int32_t room = 0; room < 60; ++room) {
    const size_t n = FitNamePrefix(name, room, text, 11);
    EXPECT_EQ(n % 2, 0u) << room;
    EXPECT_LE(text.Width(absl::string_view(name).substr(0, n), 11) + 6, std::max(room, 6));
  }
}

TEST(Legend, AHugeNameIsCutInFewMeasurements) {
  const std::string name(1 << 20, 'x');
  const FixedText text;
  EXPECT_EQ(FitNamePrefix(name, 606, text, 11), 100u);
  EXPECT_EQ(FitNamePrefix(name, 5, text, 11), 0u);
  EXPECT_EQ(FitNamePrefix(name, 1 << 30, text, 11), name.size());
}

}  // namespace
}  // namespace candlewick
