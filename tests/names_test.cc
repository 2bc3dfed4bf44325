// The C API's name tables: every enum value has one canonical name that
// finds it again, aliases find their value, bad input is a clear status.
#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "capi/candlewick.h"
#include "gtest/gtest.h"

namespace {

struct Table {
  const char* what;
  std::function<const char*(int32_t)> name;
  std::function<cw_status(const char*, int32_t*)> find;
  int32_t count;  // values 0..count-1 are defined
};

Table Tables(int i) {
  switch (i) {
    case 0: return {"chart types", cw_chart_type_name, cw_chart_type_find, CW_CHART_POINT_FIGURE + 1};
    case 1: return {"themes", cw_theme_name, cw_theme_find, CW_THEME_LIGHT + 1};
    default: return {"formats", cw_format_name, cw_format_find, CW_FORMAT_SVG + 1};
  }
}

TEST(NamesTest, EveryValueHasAUniqueNameThatFindsIt) {
  for (int i = 0; i < 3; ++i) {
    const Table t = Tables(i);
    SCOPED_TRACE(t.what);
    std::set<std::string> seen;
    for (int32_t v = 0; v < t.count; ++v) {
      const char* name = t.name(v);
      ASSERT_NE(name, nullptr) << v;
      EXPECT_TRUE(seen.insert(name).second) << name;
      int32_t found = -7;
      EXPECT_EQ(t.find(name, &found), CW_OK) << name;
      EXPECT_EQ(found, v) << name;
    }
    EXPECT_EQ(t.name(-1), nullptr);
    EXPECT_EQ(t.name(t.count), nullptr);
  }
}

TEST(NamesTest, CanonicalSpellings) {
  EXPECT_STREQ(cw_chart_type_name(CW_CHART_HEIKIN_ASHI), "heikin-ashi");
  EXPECT_STREQ(cw_chart_type_name(CW_CHART_POINT_FIGURE), "point-figure");
  EXPECT_STREQ(cw_theme_name(CW_THEME_TRADINGVIEW), "tradingview");
  EXPECT_STREQ(cw_format_name(CW_FORMAT_WEBP_LOSSLESS), "webp");
  EXPECT_STREQ(cw_format_name(CW_FORMAT_WEBP_LOSSY), "webp-lossy");
}

TEST(NamesTest, AliasesFindTheirValue) {
  const struct {
    std::function<cw_status(const char*, int32_t*)> find;
    const char* alias;
    int32_t value;
  } aliases[] = {
      {cw_chart_type_find, "candles", CW_CHART_CANDLESTICK},
      {cw_chart_type_find, "pnf", CW_CHART_POINT_FIGURE},
      {cw_chart_type_find, "heikin_ashi", CW_CHART_HEIKIN_ASHI},
      {cw_chart_type_find, "point_figure", CW_CHART_POINT_FIGURE},
      {cw_format_find, "webp-lossless", CW_FORMAT_WEBP_LOSSLESS},
  };
  for (const auto& a : aliases) {
    int32_t found = -7;
    EXPECT_EQ(a.find(a.alias, &found), CW_OK) << a.alias;
    EXPECT_EQ(found, a.value) << a.alias;
  }
}

TEST(NamesTest, BadInput) {
  for (int i = 0; i < 3; ++i) {
    const Table t = Tables(i);
    SCOPED_TRACE(t.what);
    int32_t found = 5;
    EXPECT_EQ(t.find("no-such-name", &found), CW_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(found, -1);
    found = 5;
    EXPECT_EQ(t.find("", &found), CW_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(found, -1);
    found = 5;
    // Exact and lower-case: no prefix or case folding.
    EXPECT_EQ(t.find(std::string(t.name(0)).substr(0, 2).c_str(), &found),
              CW_ERR_INVALID_ARGUMENT);
    std::string upper = t.name(0);
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    EXPECT_EQ(t.find(upper.c_str(), &found), CW_ERR_INVALID_ARGUMENT);
    found = 5;
    EXPECT_EQ(t.find(nullptr, &found), CW_ERR_NULL_ARGUMENT);
    EXPECT_EQ(found, -1);
    EXPECT_EQ(t.find(t.name(0), nullptr), CW_ERR_NULL_ARGUMENT);
  }
}

}  // namespace
