#include "cc/chart/time_axis.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cc/base/status.h"

namespace candlewick {
namespace {

constexpr size_t kMaxZoneName = 128;

// IANA names use letters, digits, '_', '-', '+' and '/' between non-empty
// components ("America/Argentina/Buenos_Aires", "Etc/GMT+5").
bool IsZoneNameCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '+' || c == '/';
}

absl::Status BadZone(absl::string_view name, absl::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               absl::StrCat("time zone '", name.substr(0, kMaxZoneName), "': ", why));
}

}  // namespace

absl::Status LoadChartTimeZone(absl::string_view name, absl::TimeZone* out) {
  *out = absl::UTCTimeZone();
  if (name.empty()) return absl::OkStatus();
  if (name.size() > kMaxZoneName) {
    return BadZone(name, absl::StrCat("longer than ", kMaxZoneName, " characters"));
  }
  for (char c : name) {
    if (!IsZoneNameCharacter(c)) {
      return BadZone(name, "not an IANA time zone name (letters, digits, '_', '-', '+', '/')");
    }
  }
  for (absl::string_view part : absl::StrSplit(name, '/')) {
    if (part.empty() || part[0] == '.') {
      return BadZone(name, "not an IANA time zone name (an empty, relative or absolute path part)");
    }
  }
  const char* dir = std::getenv("TZDIR");  // what Abseil's loader reads too
  if (dir == nullptr || dir[0] == '\0') dir = "/usr/share/zoneinfo";
  char path[4096];
  const int length = std::snprintf(path, sizeof path, "%s/%.*s", dir,
                                   static_cast<int>(name.size()), name.data());
  struct stat st;
  if (length < 0 || static_cast<size_t>(length) >= sizeof path || ::stat(path, &st) != 0 ||
      !S_ISREG(st.st_mode)) {
    return BadZone(name, absl::StrCat("unknown time zone: no such zoneinfo file in ", dir,
                                      " (IANA names such as America/New_York; Debian's tzdata "
                                      "package provides them)"));
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    return BadZone(name, absl::StrCat(path, " is not a valid zoneinfo file"));
  }
  *out = zone;
  return absl::OkStatus();
}

namespace {

enum class UnitKind : uint8_t { kSecond, kDay, kMonth, kYear };

struct Unit {
  UnitKind kind;
  int64_t step;  // seconds of the day, days of the month, months, years
};

// Seconds to half days, then days of the month (7: the 1st, 8th, 15th and
// 22nd; 14: the 1st and 15th), months, and years in 1-2-5 steps up to the
// whole int64 range of seconds (2.9e11 years).
constexpr Unit kSubYearUnits[] = {
    {UnitKind::kSecond, 1},     {UnitKind::kSecond, 2},     {UnitKind::kSecond, 5},
    {UnitKind::kSecond, 10},    {UnitKind::kSecond, 15},    {UnitKind::kSecond, 30},
    {UnitKind::kSecond, 60},    {UnitKind::kSecond, 120},   {UnitKind::kSecond, 300},
    {UnitKind::kSecond, 600},   {UnitKind::kSecond, 900},   {UnitKind::kSecond, 1800},
    {UnitKind::kSecond, 3600},  {UnitKind::kSecond, 7200},  {UnitKind::kSecond, 10800},
    {UnitKind::kSecond, 14400}, {UnitKind::kSecond, 21600}, {UnitKind::kSecond, 43200},
    {UnitKind::kDay, 1},        {UnitKind::kDay, 2},        {UnitKind::kDay, 7},
    {UnitKind::kDay, 14},       {UnitKind::kMonth, 1},      {UnitKind::kMonth, 2},
    {UnitKind::kMonth, 3},      {UnitKind::kMonth, 6},
};
constexpr size_t kYearDecades = 12;  // 1..5e11 years
constexpr size_t kUnitCount = sizeof kSubYearUnits / sizeof kSubYearUnits[0] + 3 * kYearDecades;

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int DayBucket(int day, int64_t step) {
  const int bucket = (day - 1) / static_cast<int>(step);
  if (step == 7) return std::min(bucket, 3);  // the 29th-31st stay in the 22nd's
  if (step == 14) return std::min(bucket, 1);
  return bucket;
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

using Civil = TimeAxisLayout::Civil;

// Whether neighbouring candles a and b fall in different buckets of `u`.
bool Crosses(const Unit& u, const Civil& a, const Civil& b) {
  switch (u.kind) {
    case UnitKind::kSecond:
      return a.year != b.year || a.month != b.month || a.day != b.day ||
             a.second_of_day / u.step != b.second_of_day / u.step;
    case UnitKind::kDay:
      return a.year != b.year || a.month != b.month ||
             DayBucket(a.day, u.step) != DayBucket(b.day, u.step);
    case UnitKind::kMonth:
      return a.year != b.year || (a.month - 1) / u.step != (b.month - 1) / u.step;
    case UnitKind::kYear:
      break;
  }
  return FloorDiv(a.year, u.step) != FloorDiv(b.year, u.step);
}

// The finest unit of the ladder whose ticks fit the plot (`span` pixels)
// with about half a label of room between neighbours; else the coarsest.
Unit ChooseUnit(absl::Span<const Civil> civil,
                absl::FunctionRef<int(absl::string_view)> text_width, float span, float gap) {
  Unit units[kUnitCount];
  size_t unit_count = 0;
  for (const Unit& u : kSubYearUnits) units[unit_count++] = u;
  for (int64_t decade = 1, k = 0; k < static_cast<int64_t>(kYearDecades); ++k, decade *= 10) {
    for (int64_t m : {1, 2, 5}) units[unit_count++] = {UnitKind::kYear, m * decade};
  }

  // Typical label widths per kind of unit.
  const size_t slots = civil.size();
  char year_text[32];
  std::snprintf(year_text, sizeof year_text, "%lld",
                static_cast<long long>(std::min(civil[0].year, civil[slots - 1].year)));
  int year_width = text_width(year_text);
  std::snprintf(year_text, sizeof year_text, "%lld",
                static_cast<long long>(std::max(civil[0].year, civil[slots - 1].year)));
  year_width = std::max(year_width, text_width(year_text));
  const int widths[] = {text_width("00:00"), text_width("Mar 30"), text_width("Sep"), year_width};
  auto label_width = [&](const Unit& u) {
    if (u.kind == UnitKind::kSecond && u.step < 60) return text_width("00:00:00");
    return widths[static_cast<int>(u.kind)];
  };

  const Unit* unit = &units[unit_count - 1];
  for (size_t k = 0; k < unit_count; ++k) {
    const Unit& u = units[k];
    const size_t limit =
        std::max<size_t>(1, static_cast<size_t>(span / (label_width(u) * 1.5f + gap)));
    size_t count = 1;  // the first candle always has a label
    for (size_t i = 1; i < slots && count <= limit; ++i) {
      if (Crosses(u, civil[i - 1], civil[i])) ++count;
    }
    if (count <= limit) {
      unit = &u;
      break;
    }
  }
  return *unit;
}

// How important candle i's label is: 4 the first candle, 3 a new year, 2 a
// new month, 1 a new day, 0 a tick of the unit only.
uint8_t Priority(absl::Span<const Civil> civil, size_t i) {
  if (i == 0) return 4;
  const Civil& a = civil[i - 1];
  const Civil& b = civil[i];
  if (a.year != b.year) return 3;
  if (a.month != b.month) return 2;
  if (a.day != b.day) return 1;
  return 0;
}

// The label of candle `c` at priority `p`: what changed there, in the
// unit's terms.
void FormatLabel(const Unit& unit, uint8_t p, const Civil& c, AxisLabel* label) {
  char* text = label->text;
  const size_t size = sizeof label->text;
  const char* month = kMonths[(c.month - 1) % 12];
  const long long year = static_cast<long long>(c.year);
  const bool intraday = unit.kind == UnitKind::kSecond;
  const bool daily = unit.kind == UnitKind::kDay;
  if (p == 4) {
    // The first label names everything larger than the ticks, year included.
    if (intraday || daily) {
      std::snprintf(text, size, "%s %d, %lld", month, c.day, year);
    } else {
      std::snprintf(text, size, "%s %lld", month, year);
    }
  } else if (p == 3) {
    if (intraday) {
      std::snprintf(text, size, "%s %d, %lld", month, c.day, year);
    } else {
      std::snprintf(text, size, "%lld", year);
    }
  } else if (p >= 1 && (intraday || daily)) {
    std::snprintf(text, size, "%s %d", month, c.day);
  } else if (p == 2) {
    std::snprintf(text, size, "%s", month);
  } else if (unit.kind == UnitKind::kSecond && unit.step < 60) {
    std::snprintf(text, size, "%02d:%02d:%02d", c.second_of_day / 3600,
                  c.second_of_day / 60 % 60, c.second_of_day % 60);
  } else {
    std::snprintf(text, size, "%02d:%02d", c.second_of_day / 3600, c.second_of_day / 60 % 60);
  }
}

// Whether a label spanning [left, right] comes within `gap` of one placed.
bool Overlaps(absl::Span<const TimeTick> placed, float left, float right, float gap) {
  for (const TimeTick& t : placed) {
    if (left < t.left + static_cast<float>(t.width) + gap && t.left < right + gap) return true;
  }
  return false;
}

// Whether the nearest date label left of candle `slot` (any placed label of
// priority 1 or more; each names its own candle's date) names slot's date.
bool DateNamedBefore(absl::Span<const TimeTick> placed, absl::Span<const Civil> civil,
                     size_t slot) {
  const TimeTick* nearest = nullptr;
  for (const TimeTick& t : placed) {
    if (t.priority != 0 && t.slot < slot && (nearest == nullptr || t.slot > nearest->slot)) {
      nearest = &t;
    }
  }
  if (nearest == nullptr) return false;
  const Civil& a = civil[nearest->slot];
  const Civil& b = civil[slot];
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

}  // namespace

TimeAxisLayout::TimeAxisLayout(const AllocatorHooks& hooks)
    : civil_(HookAllocator<Civil>(hooks)),
      candidates_(HookAllocator<uint32_t>(hooks)),
      ticks_(HookAllocator<TimeTick>(hooks)) {}

void TimeAxisLayout::Compute(size_t slots, absl::FunctionRef<int64_t(size_t)> time_of,
                             const absl::TimeZone& zone, absl::FunctionRef<float(size_t)> x_of,
                             absl::FunctionRef<int(absl::string_view)> text_width, float min_x,
                             float max_x, float gap) {
  ticks_.clear();
  candidates_.clear();
  if (slots == 0 || !(max_x > min_x)) return;
  civil_.resize(slots);
  for (size_t i = 0; i < slots; ++i) {
    const absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(time_of(i)), zone);
    civil_[i] = {cs.year(), cs.hour() * 3600 + cs.minute() * 60 + cs.second(),
                 static_cast<uint8_t>(cs.month()), static_cast<uint8_t>(cs.day())};
  }
  const absl::Span<const Civil> civil(civil_.data(), civil_.size());
  const Unit unit = ChooseUnit(civil, text_width, max_x - min_x, gap);

  // Candidates, most important first: the first candle, then new years,
  // months, days, then the unit's ticks; left to right within each.
  candidates_.push_back(0);
  for (size_t i = 1; i < slots; ++i) {
    if (Crosses(unit, civil_[i - 1], civil_[i])) candidates_.push_back(static_cast<uint32_t>(i));
  }
  // std::sort works in place (stable_sort may take a buffer from operator new).
  std::sort(candidates_.begin(), candidates_.end(), [civil](uint32_t a, uint32_t b) {
    const uint8_t pa = Priority(civil, a), pb = Priority(civil, b);
    return pa != pb ? pa > pb : a < b;
  });

  // Each label in that order where it fits inside the plot and clear of
  // those placed before it. The first label, when placed, is ticks_[0] (it
  // comes first and nothing is placed before it); on an intraday axis a date
  // change whose label would overlap it takes its place, written as the
  // first label is (with the year). Then only a time of day whose date the
  // nearest date label to its left names is labelled (date labels all come
  // before the unit's ticks, and only intraday units have ticks of their own).
  const bool intraday = unit.kind == UnitKind::kSecond;
  auto place = [&](uint32_t slot, uint8_t priority, TimeTick* tick) {
    tick->slot = slot;
    tick->priority = priority;
    FormatLabel(unit, priority, civil_[slot], &tick->label);
    tick->width = text_width(tick->label.view());
    tick->left = x_of(slot) - static_cast<float>(tick->width) * 0.5f;
    if (priority == 4) tick->left = std::max(tick->left, min_x);
    return tick->left >= min_x && tick->left + static_cast<float>(tick->width) <= max_x;
  };
  for (uint32_t slot : candidates_) {
    const uint8_t priority = Priority(civil, slot);
    if (priority == 0 && !DateNamedBefore(ticks(), civil, slot)) continue;
    TimeTick tick;
    const bool inside = place(slot, priority, &tick);
    const float right = tick.left + static_cast<float>(tick.width);
    if (inside && !Overlaps(ticks(), tick.left, right, gap)) {
      ticks_.push_back(tick);
    } else if (intraday && priority != 0 && priority != 4 && !ticks_.empty() &&
               ticks_[0].priority == 4 &&
               Overlaps(ticks().subspan(0, 1), tick.left, right, gap) &&
               place(slot, 4, &tick) &&
               !Overlaps(ticks().subspan(1), tick.left,
                         tick.left + static_cast<float>(tick.width), gap)) {
      ticks_[0] = tick;
    }
  }
  std::sort(ticks_.begin(), ticks_.end(),
            [](const TimeTick& a, const TimeTick& b) { return a.slot < b.slot; });
}

}  // namespace candlewick
