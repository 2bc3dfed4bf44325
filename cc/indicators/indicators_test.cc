// Indicator values against (1) TA-Lib itself, as literals, and (2)
// independent textbook references computed here in long double, plus the
// properties every indicator must have: strided input equals contiguous, a
// non-finite row splits the series into independent runs, flat and short
// series, the lookback is where values start, bad input gets a status.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "cc/base/status.h"
#include "cc/base/strided.h"
#include "cc/indicators/indicators.h"
#include "cc/indicators/kernels.h"
#include "gtest/gtest.h"
#include "hwy/targets.h"
#include "hwy/tests/hwy_gtest.h"

namespace candlewick {
namespace indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using LD = long double;
using Series = std::vector<double>;
using RefSeries = std::vector<LD>;

// ---- Data -------------------------------------------------------------------

// A 48-bar OHLCV sample (tick size 0.01). The TA-Lib values below were
// produced once, offline, by TA-Lib 0.8.1 (the C library inside the `ta-lib`
// 0.8.2 Python wheel) on exactly these arrays, by
// testdata/talib_reference_values.py; the tests never import TA-Lib.
const double kOpen[] = {101.1, 101.53, 101.3, 104.31, 106.14, 104.53, 105.16, 106.98, 106.3, 104.15, 104.2, 104.76, 102.54, 100.4, 100.32, 100.64, 98.31, 96.72, 98.83, 98.86, 96.96, 98.26, 101.15, 101.17, 100.81, 103.89, 106.12, 105.88, 106.49, 108.99, 110.36, 108.69, 108.82, 110.9, 109.6, 106.96, 107.4, 107.97, 104.84, 102.99, 104.21, 103.31, 101.08, 100.9, 102.52, 102.57, 101.35, 103.15};
const double kHigh[] = {101.9, 102.13, 102.43, 105.12, 106.72, 105.7, 105.87, 107.6, 107.33, 105.04, 104.89, 105.62, 103.52, 101.02, 101.26, 101.53, 98.99, 97.78, 99.49, 99.67, 98.0, 98.94, 101.94, 102.11, 101.65, 104.49, 107.23, 106.76, 106.96, 110.14, 111.13, 109.38, 109.84, 111.73, 110.39, 107.73, 108.31, 108.7, 105.81, 103.83, 104.85, 104.45, 101.69, 101.68, 103.65, 103.23, 102.11, 104.13};
const double kLow[] = {100.3, 100.59, 100.51, 103.49, 105.21, 103.72, 104.43, 106.02, 105.63, 103.23, 103.18, 104.26, 101.53, 99.44, 99.75, 99.71, 97.31, 96.02, 98.12, 97.73, 96.28, 97.54, 100.04, 100.6, 99.91, 102.97, 105.38, 104.93, 105.7, 108.21, 109.52, 107.7, 108.18, 110.0, 108.51, 106.57, 106.41, 106.94, 104.25, 102.07, 103.27, 102.56, 100.37, 99.84, 101.77, 101.81, 100.3, 102.55};
const double kClose[] = {101.3, 101.22, 101.44, 104.35, 105.94, 104.71, 104.96, 106.99, 106.41, 104.05, 104.13, 104.84, 102.53, 100.12, 100.65, 100.61, 98.0, 97.02, 98.7, 98.68, 97.1, 98.32, 101.01, 101.13, 100.9, 103.7, 106.24, 105.86, 106.33, 109.21, 110.15, 108.63, 109.04, 110.73, 109.5, 107.1, 107.38, 107.72, 105.07, 103.02, 103.85, 103.56, 101.05, 100.74, 102.67, 102.5, 101.3, 103.13};
const double kVolume[] = {1000.0, 1193.0, 1296.0, 1259.0, 1100.0, 1105.0, 1261.0, 1295.0, 1189.0, 1005.0, 1197.0, 1296.0, 1256.0, 1096.0, 1110.0, 1264.0, 1294.0, 1185.0, 1010.0, 1201.0, 1297.0, 1254.0, 1091.0, 1115.0, 1266.0, 1293.0, 1181.0, 1015.0, 1205.0, 1298.0, 1251.0, 1086.0, 1119.0, 1269.0, 1292.0, 1177.0, 1020.0, 1208.0, 1298.0, 1248.0, 1081.0, 1124.0, 1271.0, 1290.0, 1173.0, 1025.0, 1212.0, 1299.0};

constexpr size_t kSampleRows = sizeof(kClose) / sizeof(kClose[0]);

struct Ohlcv {
  Series open, high, low, close, volume;
  Series anchor;  // AVWAP's anchor flags (1 = restart), as long as close
  size_t size() const { return close.size(); }
  // The columns as the fields of a row: open, high, low, close, volume,
  // anchor.
  static constexpr size_t kFields = 6;
  Series& operator[](size_t field) {
    Series* const columns[kFields] = {&open, &high, &low, &close, &volume, &anchor};
    return *columns[field];
  }
  const Series& operator[](size_t field) const { return (*const_cast<Ohlcv*>(this))[field]; }
  // Row i as one record of its fields.
  void AppendRowTo(size_t i, std::vector<double>* record) const {
    for (size_t f = 0; f < kFields; ++f) record->push_back((*this)[f][i]);
  }
};

// The field an indicator input reads ("close" and "input": the closes).
size_t FieldOf(const std::string& input) {
  const char* const kNames[Ohlcv::kFields] = {"open", "high", "low", "close", "volume", "anchor"};
  for (size_t f = 0; f < Ohlcv::kFields; ++f) {
    if (input == kNames[f]) return f;
  }
  return 3;
}

Ohlcv Sample() {
  Ohlcv s;
  s.open.assign(kOpen, kOpen + kSampleRows);
  s.high.assign(kHigh, kHigh + kSampleRows);
  s.low.assign(kLow, kLow + kSampleRows);
  s.close.assign(kClose, kClose + kSampleRows);
  s.volume.assign(kVolume, kVolume + kSampleRows);
  s.anchor.assign(kSampleRows, 0.0);
  s.anchor[20] = 1;
  return s;
}

// A random walk with consistent OHLC, occasional flat bars and repeated highs
// (ties matter for AROON), and positive volume.
Ohlcv RandomOhlcv(size_t m, uint32_t seed, double start = 100.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Ohlcv s;
  double c = start;
  for (size_t i = 0; i < m; ++i) {
    const double o = c;
    c = std::max(1.0, c + step(rng));
    if (i % 17 == 5) c = o;  // a bar with no move
    double h = std::max(o, c) + (i % 13 == 0 ? 0.0 : u(rng));
    double l = std::min(o, c) - (i % 11 == 0 ? 0.0 : u(rng));
    if (i % 19 == 7 && i > 0) h = std::max(h, s.high.back());
    s.open.push_back(o);
    s.high.push_back(std::round(h * 100) / 100 + 0.01);
    s.low.push_back(std::round(l * 100) / 100 - 0.01);
    s.close.push_back(c);
    s.volume.push_back(std::round(1000 + 500 * u(rng)));
    s.anchor.push_back(i % 37 == 11 ? 1.0 : 0.0);
  }
  return s;
}

// ---- Running the library ------------------------------------------------------

std::vector<StridedView<double>> InputsFor(const Spec& spec, const Ohlcv& s) {
  std::vector<StridedView<double>> in;
  for (size_t k = 0; k < spec.input_count; ++k) {
    const Series& col = s[FieldOf(spec.inputs[k])];
    in.emplace_back(col.data(), col.size(), 0);
  }
  return in;
}

// The longest period among the resolved parameters (0 when none is one).
size_t LongestPeriod(const Spec& spec, const std::vector<double>& params) {
  double resolved[kMaxParams] = {0};
  EXPECT_TRUE(ResolveParams(spec, params, resolved).ok());
  size_t longest = 0;
  for (size_t k = 0; k < spec.param_count; ++k) {
    if (spec.params[k].max_value == kMaxPeriod) {
      longest = std::max(longest, static_cast<size_t>(resolved[k]));
    }
  }
  return longest;
}

// Runs an indicator that must succeed, except on a series shorter than one
// of its periods (or empty), which must fail with kSeriesTooShort
// (kEmptySeries) and then reads as all NaN, so that the textbook
// comparisons below hold for every length.
std::vector<Series> RunIndicator(Id id, const Ohlcv& s, std::vector<double> params = {}) {
  const Spec* spec = FindSpec(id);
  EXPECT_NE(spec, nullptr);
  Workspace ws(AllocatorHooks::Default());
  std::vector<Series> out(spec->output_count, Series(s.size(), -12345.0));
  std::vector<double*> ptrs;
  for (Series& o : out) ptrs.push_back(o.data());
  const absl::Status st = Compute(id, InputsFor(*spec, s), params, ptrs, s.size(), &ws);
  const bool too_short = s.size() < LongestPeriod(*spec, params);
  if (s.size() == 0 || too_short) {
    EXPECT_EQ(CodeOf(st), s.size() == 0 ? ErrorCode::kEmptySeries : ErrorCode::kSeriesTooShort)
        << spec->name << " over " << s.size() << " rows: " << st;
    for (Series& o : out) std::fill(o.begin(), o.end(), kNaN);
    return out;
  }
  EXPECT_TRUE(st.ok()) << spec->name << ": " << st;
  return out;
}

size_t LookbackOf(Id id, std::vector<double> params = {}) {
  absl::StatusOr<size_t> lb = Lookback(id, params);
  EXPECT_TRUE(lb.ok()) << lb.status();
  return lb.ok() ? *lb : 0;
}

// ---- TA-Lib literals ----------------------------------------------------------

struct TalibCase {
  Id id;
  std::vector<double> params;
  size_t output;
  size_t first_defined;  // TA-Lib's outBegIdx
  std::vector<std::pair<int, double>> values;
};

const std::vector<TalibCase>& TalibCases() {
  static const auto* cases = new std::vector<TalibCase>{
    {Id::kSma, {5.0}, 0, 4, {{4, 102.85}, {5, 103.532}, {24, 99.69199999999998}, {47, 102.068}}},
    {Id::kEma, {5.0}, 0, 4, {{4, 102.85}, {5, 103.47}, {24, 100.20413214703952}, {47, 102.46238092936593}}},
    {Id::kWma, {4.0}, 0, 3, {{3, 102.546}, {4, 104.09100000000001}, {24, 100.73300000000015}, {47, 102.40900000000002}}},
    {Id::kDema, {3.0}, 0, 4, {{4, 105.9275}, {5, 105.39937499999999}, {24, 101.12725018739701}, {47, 102.6686353329494}}},
    {Id::kTema, {3.0}, 0, 6, {{6, 105.17500000000001}, {7, 106.78882812500002}, {24, 101.14780223906043}, {47, 102.90589863841117}}},
    {Id::kTrima, {4.0}, 0, 3, {{3, 101.82833333333333}, {4, 103.12333333333333}, {24, 100.58333333333334}, {47, 102.23333333333335}}},
    {Id::kTrima, {5.0}, 0, 4, {{4, 102.52222222222221}, {5, 103.74888888888889}, {24, 99.99222222222215}, {47, 102.1455555555552}}},
    {Id::kRsi, {14.0}, 0, 14, {{14, 48.120300751879725}, {15, 48.0007100696756}, {24, 52.19213439664105}, {47, 48.14371799333752}}},
    {Id::kRsi, {5.0}, 0, 5, {{5, 78.27529021558868}, {6, 79.34568387859674}, {24, 60.59095340582139}, {47, 51.55627657719245}}},
    {Id::kMacd, {5.0, 9.0, 4.0}, 0, 11, {{11, 0.5799288888888725}, {12, 0.15458014814814192}, {24, 0.1690189130221995}, {47, -0.5090381481415704}}},
    {Id::kMacd, {5.0, 9.0, 4.0}, 1, 11, {{11, 1.0133488888888706}, {12, 0.6698413925925791}, {24, -0.154516401626332}, {47, -0.7221722159515339}}},
    {Id::kMacd, {5.0, 9.0, 4.0}, 2, 11, {{11, -0.43341999999999814}, {12, -0.5152612444444372}, {24, 0.3235353146485315}, {47, 0.21313406780996347}}},
    {Id::kMacd, {9.0, 5.0, 4.0}, 0, 11, {{11, 0.5799288888888725}, {12, 0.15458014814814192}, {24, 0.1690189130221995}, {47, -0.5090381481415704}}},
    {Id::kBbands, {5.0, 2.0, 1.5, 0.0}, 0, 4, {{4, 106.73284431828009}, {5, 107.28188853167664}, {24, 103.02247504119156}, {47, 103.86361243034236}}},
    {Id::kBbands, {5.0, 2.0, 1.5, 0.0}, 1, 4, {{4, 102.85}, {5, 103.532}, {24, 99.69199999999998}, {47, 102.068}}},
    {Id::kBbands, {5.0, 2.0, 1.5, 0.0}, 2, 4, {{4, 99.93786676128992}, {5, 100.71958360124252}, {24, 97.1941437191063}, {47, 100.72129067724323}}},
    {Id::kBbands, {5.0, 2.0, 2.0, 1.0}, 0, 4, {{4, 106.73284431828009}, {5, 107.21988853167665}, {24, 103.53460718823109}, {47, 104.2579933597083}}},
    {Id::kBbands, {5.0, 2.0, 2.0, 1.0}, 1, 4, {{4, 102.85}, {5, 103.47}, {24, 100.20413214703952}, {47, 102.46238092936593}}},
    {Id::kBbands, {5.0, 2.0, 2.0, 1.0}, 2, 4, {{4, 98.9671556817199}, {5, 99.72011146832335}, {24, 96.87365710584794}, {47, 100.66676849902358}}},
    {Id::kBbands, {4.0, 1.0, 1.0, 3.0}, 1, 6, {{6, 105.29299999999999}, {7, 106.58895999999999}, {24, 101.01461729059638}, {47, 102.42085624339873}}},
    {Id::kStddev, {5.0, 1.5}, 0, 4, {{4, 2.9121332387100685}, {5, 2.8124163987574797}, {24, 2.497856280893684}, {47, 1.3467093227567708}}},
    {Id::kVar, {5.0}, 0, 4, {{4, 3.769119999999997}, {5, 3.5154159999999957}, {24, 2.7730160000000112}, {47, 0.8060560000000001}}},
    {Id::kTrange, {}, 0, 1, {{1, 1.539999999999992}, {2, 1.9200000000000017}, {24, 1.740000000000009}, {47, 2.8299999999999983}}},
    {Id::kAtr, {5.0}, 0, 5, {{5, 2.346000000000001}, {6, 2.1648000000000005}, {24, 2.182518691342678}, {47, 2.3663626455588083}}},
    {Id::kAtr, {14.0}, 0, 14, {{14, 2.2714285714285722}, {15, 2.239183673469389}, {24, 2.2525956471111397}, {47, 2.369404364074026}}},
    {Id::kNatr, {5.0}, 0, 5, {{5, 2.2404736892369415}, {6, 2.0625000000000004}, {24, 2.163051230270246}, {47, 2.294543436011644}}},
    {Id::kMom, {10.0}, 0, 10, {{10, 2.8299999999999983}, {11, 3.6200000000000045}, {24, 0.25}, {47, -4.590000000000003}}},
    {Id::kRoc, {10.0}, 0, 10, {{10, 2.7936821322803507}, {11, 3.5763683066587726}, {24, 0.24838549428713996}, {47, -4.261047159301901}}},
    {Id::kWillr, {14.0}, 0, 13, {{13, -91.66666666666657}, {14, -85.17156862745088}, {24, -49.16666666666661}, {47, -68.81516587677731}}},
    {Id::kStoch, {5.0, 3.0, 0.0, 3.0, 0.0}, 0, 8, {{8, 75.38222096522465}, {9, 57.75078327276483}, {24, 82.00152737455228}, {47, 57.570279140982926}}},
    {Id::kStoch, {5.0, 3.0, 0.0, 3.0, 0.0}, 1, 8, {{8, 75.3042457548687}, {9, 69.31651432710795}, {24, 72.43880268647213}, {47, 50.818941407514984}}},
    {Id::kStoch, {5.0, 3.0, 1.0, 4.0, 1.0}, 0, 9, {{9, 46.82364130750594}, {10, 34.1584269885945}, {24, 76.99348005020698}, {47, 59.771020925873806}}},
    {Id::kStoch, {5.0, 3.0, 1.0, 4.0, 1.0}, 1, 9, {{9, 69.46416590572069}, {10, 55.341870338870216}, {24, 66.72226994179059}, {47, 46.738790079064316}}},
    {Id::kStochf, {5.0, 3.0, 0.0}, 0, 6, {{6, 71.6586151368759}, {7, 85.15815085158151}, {24, 79.24528301886802}, {47, 76.68997668997665}}},
    {Id::kStochf, {5.0, 3.0, 0.0}, 1, 6, {{6, 75.7139775560471}, {7, 74.81653874333439}, {24, 82.00152737455228}, {47, 57.570279140982926}}},
    {Id::kCci, {14.0}, 0, 13, {{13, -136.4696483564636}, {14, -117.41394164138427}, {24, 32.43618201997758}, {47, -27.44684377872539}}},
    {Id::kObv, {}, 0, 0, {{0, 1000.0}, {1, -193.0}, {24, 933.0}, {47, 2292.0}}},
    {Id::kAd, {}, 0, 0, {{0, 249.99999999999335}, {1, 33.09090909090045}, {24, -509.69155644407545}, {47, -1384.2432788227088}}},
    {Id::kPlusDi, {5.0}, 0, 5, {{5, 39.23483923483917}, {6, 34.98882008943925}, {24, 29.26249820103064}, {47, 30.266662030514468}}},
    {Id::kMinusDi, {5.0}, 0, 5, {{5, 15.160765160765106}, {6, 12.813897488820045}, {24, 23.620430261789625}, {47, 28.250001340484854}}},
    {Id::kDx, {5.0}, 0, 5, {{5, 44.25738870183322}, {6, 46.388414140505624}, {24, 10.668977878575147}, {47, 3.4463015726714596}}},
    {Id::kAdx, {5.0}, 0, 9, {{9, 42.73336704276835}, {10, 36.17143086144687}, {24, 29.911243571668386}, {47, 26.96561940606253}}},
    {Id::kAdx, {14.0}, 0, 27, {{27, 14.778410353282288}, {28, 15.526088793408167}, {47, 14.792113554520048}}},
    {Id::kAdxr, {5.0}, 0, 13, {{13, 39.71803215555761}, {14, 37.73410220187846}, {24, 37.0121943288453}, {47, 34.09900032763235}}},
    {Id::kAroon, {5.0}, 0, 5, {{5, 0.0}, {6, 20.0}, {24, 20.0}, {47, 20.0}}},
    {Id::kAroon, {5.0}, 1, 5, {{5, 80.0}, {6, 60.0}, {24, 80.0}, {47, 100.0}}},
    {Id::kAroonOsc, {5.0}, 0, 5, {{5, 80.0}, {6, 40.0}, {24, 60.0}, {47, 80.0}}},
    {Id::kMidprice, {5.0}, 0, 4, {{4, 103.50999999999999}, {5, 103.61500000000001}, {24, 99.195}, {47, 101.985}}},
    {Id::kMidpoint, {5.0}, 0, 4, {{4, 103.58}, {5, 103.58}, {24, 99.115}, {47, 101.935}}},
    {Id::kMedprice, {}, 0, 0, {{0, 101.1}, {1, 101.36}, {24, 100.78}, {47, 103.34}}},
    {Id::kTypprice, {}, 0, 0, {{0, 101.16666666666667}, {1, 101.31333333333333}, {24, 100.82000000000001}, {47, 103.27}}},
    {Id::kWclprice, {}, 0, 0, {{0, 101.19999999999999}, {1, 101.28999999999999}, {24, 100.84}, {47, 103.235}}},
    {Id::kAvgprice, {}, 0, 0, {{0, 101.15}, {1, 101.3675}, {24, 100.81750000000001}, {47, 103.24000000000001}}},
    {Id::kMax, {5.0}, 0, 4, {{4, 105.94}, {5, 105.94}, {24, 101.13}, {47, 103.13}}},
    {Id::kMin, {5.0}, 0, 4, {{4, 101.22}, {5, 101.22}, {24, 97.1}, {47, 100.74}}},
    {Id::kSum, {5.0}, 0, 4, {{4, 514.25}, {5, 517.66}, {24, 498.4599999999999}, {47, 510.34}}},
    {Id::kKama, {30.0}, 0, 30, {{30, 109.24875191505392}, {31, 109.22951655453625}, {47, 108.62136826668728}}},
    {Id::kKama, {5.0}, 0, 5, {{5, 105.73821362758032}, {6, 105.59582458201447}, {24, 99.801169809561}, {47, 102.98997044946694}}},
    {Id::kCmo, {14.0}, 0, 14, {{14, -3.7593984962405504}, {15, -3.9985798606488157}, {24, 4.384268793282105}, {47, -3.7125640133249695}}},
    {Id::kMfi, {14.0}, 0, 14, {{14, 58.92738053319994}, {15, 59.07681062229716}, {24, 49.05307973795621}, {47, 34.83727513233398}}},
    {Id::kApo, {5.0, 9.0, 0.0}, 0, 8, {{8, 1.655333333333303}, {9, 0.9717777777777457}, {24, 0.7075555555555582}, {47, -0.35644444444440637}}},
    {Id::kApo, {5.0, 9.0, 1.0}, 0, 8, {{8, 1.3062962962962814}, {9, 0.8579753086419686}, {24, 0.16848752548030177}, {47, -0.5090381954907457}}},
    {Id::kApo, {3.0, 5.0, 3.0}, 0, 8, {{8, -0.07607986111112552}, {9, -0.7012290059156499}, {24, 0.3495353158625676}, {47, 0.49114375987747394}}},
    {Id::kPpo, {12.0, 26.0, 0.0}, 0, 25, {{25, -2.184628820740913}, {26, -1.9103155911446152}, {47, -1.4842163581693526}}},
    {Id::kPpo, {9.0, 5.0, 1.0}, 0, 8, {{8, 1.2542852672157354}, {9, 0.823967426396497}, {24, 0.1684274901388401}, {47, -0.49434901433524764}}},
    {Id::kTrix, {5.0}, 0, 13, {{13, -0.1847531619394993}, {14, -0.31649526997959976}, {24, 0.015728737328646325}, {47, -0.35456476164476003}}},
    {Id::kBop, {}, 0, 0, {{0, 0.1250000000000011}, {1, -0.2012987012987038}, {24, 0.051724137931036175}, {47, -0.012658227848107755}}},
    {Id::kRocp, {10.0}, 0, 10, {{10, 0.027936821322803538}, {11, 0.03576368306658768}, {24, 0.0024838549428713363}, {47, -0.04261047159301897}}},
    {Id::kRocr, {10.0}, 0, 10, {{10, 1.0279368213228035}, {11, 1.0357636830665877}, {24, 1.0024838549428714}, {47, 0.957389528406981}}},
    {Id::kRocr100, {10.0}, 0, 10, {{10, 102.79368213228035}, {11, 103.57636830665878}, {24, 100.24838549428713}, {47, 95.7389528406981}}},
    // SAR, STOCHRSI, ULTOSC, the LINEARREG family, TSF, VAR, STDDEV, ADOSC.
    {Id::kSar, {0.02, 0.2}, 0, 1, {{1, 100.3}, {2, 100.3366}, {3, 100.420336}, {4, 100.51}, {5, 101.0068}, {6, 101.46385599999999}, {7, 101.88434751999999}, {8, 102.45591276799999}, {9, 102.9703214912}, {10, 107.6}, {11, 107.5116}, {12, 107.424968}, {13, 107.18916928}, {14, 106.7242191232}, {15, 106.287165975808}, {16, 105.87633601725952}, {17, 105.19102913587875}, {18, 104.27392622229087}, {19, 103.44853360006178}, {20, 102.7056802400556}, {21, 102.03711221605003}, {22, 96.02}, {23, 96.13839999999999}, {24, 96.377264}, {25, 96.60657343999999}, {26, 97.0795790336}, {27, 97.891612710912}, {28, 98.63868369403905}, {29, 99.32598899851592}, {30, 100.40739009866434}, {31, 101.69410328682461}, {32, 102.82641089240566}, {33, 103.82284158531698}, {34, 104.9298437633726}, {35, 105.88186563650044}, {36, 111.73}, {37, 111.62360000000001}, {38, 111.51932800000002}, {39, 111.22855488000002}, {40, 110.67904158720002}, {41, 110.16249909196802}, {42, 109.67694914644993}, {43, 108.93239321473393}, {44, 108.02315389326054}, {45, 107.20483850393448}, {46, 106.46835465354103}, {47, 105.80551918818692}}},
    {Id::kSar, {0.05, 0.1}, 0, 1, {{1, 100.3}, {2, 100.3915}, {3, 100.51}, {4, 100.51}, {5, 101.131}, {6, 101.6899}, {7, 102.19291}, {8, 102.733619}, {9, 103.2202571}, {10, 107.6}, {11, 107.37899999999999}, {12, 107.16904999999998}, {13, 106.60514499999998}, {14, 105.88863049999998}, {15, 105.24376744999998}, {16, 104.66339070499998}, {17, 103.92805163449998}, {18, 103.13724647104998}, {19, 102.42552182394498}, {20, 101.78496964155048}, {21, 101.20847267739542}, {22, 96.02}, {23, 96.316}, {24, 96.89540000000001}, {25, 97.41686000000001}, {26, 98.12417400000001}, {27, 99.03475660000001}, {28, 99.85428094000001}, {29, 100.59185284600001}, {30, 101.54666756140001}, {31, 102.50500080526001}, {32, 103.36750072473401}, {33, 104.14375065226061}, {34, 104.90237558703454}, {35, 105.58513802833109}, {36, 106.19962422549798}, {37, 106.41}, {38, 111.73}, {39, 111.35600000000001}, {40, 110.4274}, {41, 109.59166}, {42, 108.839494}, {43, 107.9925446}, {44, 107.17729014}, {45, 106.44356112599999}, {46, 105.78320501339999}, {47, 105.18888451206}}},
    {Id::kStochRsi, {5.0, 4.0, 3.0, 1.0}, 0, 10, {{10, 2.0231595752009968}, {11, 28.180815821343998}, {12, 0.0}, {13, 0.0}, {14, 18.62382436443139}, {15, 49.626825851936665}, {16, 0.0}, {17, 0.0}, {18, 100.0}, {19, 99.35044989503994}, {20, 52.36020596472558}, {21, 100.0}, {22, 100.0}, {23, 100.0}, {24, 86.8275848821357}, {25, 100.0}, {26, 100.0}, {27, 80.00369387335721}, {28, 58.86349970986409}, {29, 100.0}, {30, 100.0}, {31, 0.0}, {32, 10.290357633281936}, {33, 47.08602563206043}, {34, 0.0}, {35, 0.0}, {36, 6.928783834660998}, {37, 28.434439256516097}, {38, 0.0}, {39, 0.0}, {40, 33.862607296202654}, {41, 82.83262899295389}, {42, 0.0}, {43, 0.0}, {44, 100.0}, {45, 94.49561072428759}, {46, 57.363209016831306}, {47, 100.0}}},
    {Id::kUltOsc, {5.0, 2.0, 3.0}, 0, 5, {{5, 59.672563976784886}, {6, 47.00433914593826}, {7, 61.26585587001306}, {8, 61.663551786471814}, {9, 39.107784984379826}, {10, 38.580934981838475}, {11, 47.79856594769088}, {12, 37.37452275084324}, {13, 28.30483959948971}, {14, 34.398428841792864}, {15, 47.25983024498707}, {16, 33.0478488586828}, {17, 33.804153592885974}, {18, 53.50389545135336}, {19, 56.7879491785097}, {20, 43.852814461231134}, {21, 48.93659844654298}, {22, 66.68383151786836}, {23, 61.91177756350778}, {24, 52.27063025895671}, {25, 68.23630370485324}, {26, 73.02177650733614}, {27, 66.13134496293779}, {28, 55.976274523104216}, {29, 67.91088834256968}, {30, 65.4458529949834}, {31, 49.04190280470965}, {32, 45.853246519985724}, {33, 56.44226791082447}, {34, 53.6491499869084}, {35, 34.541001673332126}, {36, 34.153203810371615}, {37, 43.36900236025554}, {38, 32.53812677119909}, {39, 28.9153225496308}, {40, 35.20483544991514}, {41, 45.16642977882203}, {42, 33.84569173796252}, {43, 33.90271146108545}, {44, 53.21806947689228}, {45, 57.47929157277066}, {46, 48.94227496964192}, {47, 55.841916740342555}}},
    {Id::kStochRsi, {14.0, 5.0, 3.0, 0.0}, 0, 20, {{20, 27.864604436162267}, {21, 100.0}, {24, 94.1121716419396}, {47, 100.0}}},
    {Id::kStochRsi, {14.0, 5.0, 3.0, 0.0}, 1, 20, {{20, 49.9115766107898}, {21, 62.966555739103704}, {24, 98.0373905473132}, {47, 76.08330350167398}}},
    {Id::kStochRsi, {5.0, 4.0, 3.0, 1.0}, 0, 10, {{10, 2.0231595752009968}, {11, 28.180815821343998}, {24, 86.8275848821357}, {47, 100.0}}},
    {Id::kStochRsi, {5.0, 4.0, 3.0, 1.0}, 1, 10, {{10, 0.6743865250669989}, {11, 14.427601173205499}, {24, 91.19296820022083}, {47, 83.20004201329098}}},
    {Id::kUltOsc, {7.0, 14.0, 28.0}, 0, 28, {{28, 60.63226173467922}, {29, 61.78981074647665}, {47, 47.37734588712929}}},
    {Id::kUltOsc, {5.0, 2.0, 3.0}, 0, 5, {{5, 59.672563976784886}, {6, 47.00433914593826}, {24, 52.27063025895671}, {47, 55.841916740342555}}},
    {Id::kSar, {0.02, 0.2}, 0, 1, {{1, 100.3}, {2, 100.3366}, {24, 96.377264}, {47, 105.80551918818692}}},
    {Id::kSar, {0.05, 0.1}, 0, 1, {{1, 100.3}, {2, 100.3915}, {24, 96.89540000000001}, {47, 105.18888451206}}},
    {Id::kLinearReg, {14.0}, 0, 13, {{13, 104.15371428571417}, {14, 102.99257142857147}, {24, 98.70428571428572}, {47, 100.56028571428583}}},
    {Id::kLinearRegSlope, {14.0}, 0, 13, {{13, 0.05672527472526047}, {14, -0.11476923076922418}, {24, -0.19505494505494048}, {47, -0.5576483516483289}}},
    {Id::kLinearRegIntercept, {14.0}, 0, 13, {{13, 103.41628571428579}, {14, 104.48457142857139}, {24, 101.23999999999994}, {47, 107.80971428571411}}},
    {Id::kLinearRegAngle, {14.0}, 0, 13, {{13, 3.2466395177153706}, {14, -6.54714653597102}, {24, -11.037241769567379}, {47, -29.146150790708766}}},
    {Id::kTsf, {14.0}, 0, 13, {{13, 104.21043956043944}, {14, 102.87780219780225}, {24, 98.50923076923077}, {47, 100.0026373626375}}},
    {Id::kLinearReg, {5.0}, 0, 4, {{4, 105.33200000000001}, {5, 105.82799999999999}, {24, 101.7740000000001}, {47, 102.75000000000007}}},
    {Id::kAdOsc, {3.0, 10.0}, 0, 9, {{9, -111.72785881471415}, {10, -66.97678655861793}, {24, -93.5275049266138}, {47, -131.52893196221862}}},
    {Id::kAdOsc, {10.0, 3.0}, 0, 9, {{9, 111.72785881471415}, {10, 66.97678655861793}, {24, 93.5275049266138}, {47, 131.52893196221862}}},
    {Id::kVar, {5.0, 1.0}, 0, 4, {{4, 3.769119999999997}, {5, 3.5154159999999957}, {24, 2.7730160000000112}, {47, 0.8060560000000001}}},
  };
  return *cases;
}

TEST(TalibLiterals, EveryValueAndEveryStartIndexMatchesTaLib) {
  const Ohlcv s = Sample();
  for (const TalibCase& c : TalibCases()) {
    const Spec* spec = FindSpec(c.id);
    SCOPED_TRACE(std::string(spec->name) + " output " + spec->outputs[c.output]);
    const std::vector<Series> out = RunIndicator(c.id, s, c.params);
    const Series& o = out[c.output];
    ASSERT_EQ(LookbackOf(c.id, c.params), c.first_defined);
    for (size_t i = 0; i < c.first_defined; ++i) ASSERT_TRUE(std::isnan(o[i])) << i;
    for (const auto& [row, want] : c.values) {  // NOLINT
      EXPECT_NEAR(o[row], want, 1e-9 * std::max(1.0, std::fabs(want))) << "row " << row;
    }
  }
}

// ---- Textbook references in long double -------------------------------------

const LD kRefNaN = std::numeric_limits<LD>::quiet_NaN();

RefSeries RefSma(const RefSeries& x, size_t n) {
  RefSeries out(x.size(), kRefNaN);
  for (size_t i = n - 1; i < x.size(); ++i) {
    LD s = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
    out[i] = s / n;
  }
  return out;
}

// EMA seeded with the SMA of the first n defined values of x (x may start
// with NaN: the EMA of an EMA starts where its input does).
RefSeries RefEma(const RefSeries& x, size_t n, size_t seed_at = SIZE_MAX) {
  RefSeries out(x.size(), kRefNaN);
  size_t first = 0;
  while (first < x.size() && std::isnan(x[first])) ++first;
  if (seed_at == SIZE_MAX) seed_at = first + n - 1;
  if (seed_at >= x.size()) return out;
  LD s = 0;
  for (size_t k = seed_at + 1 - n; k <= seed_at; ++k) s += x[k];
  LD e = s / n;
  const LD k = 2.0L / (n + 1);
  out[seed_at] = e;
  for (size_t i = seed_at + 1; i < x.size(); ++i) {
    e = e + k * (x[i] - e);
    out[i] = e;
  }
  return out;
}

RefSeries RefWma(const RefSeries& x, size_t n) {
  RefSeries out(x.size(), kRefNaN);
  for (size_t i = n - 1; i < x.size(); ++i) {
    LD s = 0;
    for (size_t k = 0; k < n; ++k) s += (n - k) * x[i - k];
    out[i] = s / (n * (n + 1) / 2.0L);
  }
  return out;
}

// Triangular weights written out directly (not as an SMA of an SMA).
RefSeries RefTrima(const RefSeries& x, size_t n) {
  RefSeries out(x.size(), kRefNaN);
  std::vector<LD> w(n);
  LD total = 0;
  for (size_t k = 0; k < n; ++k) {
    w[k] = std::min(k + 1, n - k);
    total += w[k];
  }
  for (size_t i = n - 1; i < x.size(); ++i) {
    LD s = 0;
    for (size_t k = 0; k < n; ++k) s += w[k] * x[i + 1 - n + k];
    out[i] = s / total;
  }
  return out;
}

RefSeries RefRsi(const RefSeries& x, size_t n) {
  RefSeries out(x.size(), kRefNaN);
  if (x.size() <= n) return out;
  LD g = 0, l = 0;
  for (size_t i = 1; i <= n; ++i) {
    const LD d = x[i] - x[i - 1];
    (d > 0 ? g : l) += std::fabs(d);
  }
  g /= n;
  l /= n;
  auto value = [](LD g, LD l) { return g + l == 0 ? 0.0L : 100 * g / (g + l); };
  out[n] = value(g, l);
  for (size_t i = n + 1; i < x.size(); ++i) {
    const LD d = x[i] - x[i - 1];
    g = (g * (n - 1) + (d > 0 ? d : 0)) / n;
    l = (l * (n - 1) + (d < 0 ? -d : 0)) / n;
    out[i] = value(g, l);
  }
  return out;
}

// Population variance by the two-pass definition.
RefSeries RefVar(const RefSeries& x, size_t n) {
  RefSeries out(x.size(), kRefNaN);
  for (size_t i = n - 1; i < x.size(); ++i) {
    LD s = 0, s2 = 0;
    for (size_t k = i + 1 - n; k <= i; ++k) s += x[k];
    const LD mu = s / n;
    for (size_t k = i + 1 - n; k <= i; ++k) s2 += (x[k] - mu) * (x[k] - mu);
    out[i] = s2 / n;
  }
  return out;
}

LD RefTr(const Ohlcv& s, size_t i) {
  const LD h = s.high[i], l = s.low[i], pc = s.close[i - 1];
  return std::max({h - l, std::fabs(h - pc), std::fabs(l - pc)});
}

RefSeries RefAtr(const Ohlcv& s, size_t n) {
  RefSeries out(s.size(), kRefNaN);
  if (s.size() <= n) return out;
  LD a = 0;
  for (size_t i = 1; i <= n; ++i) a += RefTr(s, i);
  a /= n;
  out[n] = a;
  for (size_t i = n + 1; i < s.size(); ++i) {
    a = (a * (n - 1) + RefTr(s, i)) / n;
    out[i] = a;
  }
  return out;
}

LD WindowMax(const Series& x, size_t i, size_t n) {
  LD v = x[i];
  for (size_t k = i + 1 - n; k <= i; ++k) v = std::max<LD>(v, x[k]);
  return v;
}
LD WindowMin(const Series& x, size_t i, size_t n) {
  LD v = x[i];
  for (size_t k = i + 1 - n; k <= i; ++k) v = std::min<LD>(v, x[k]);
  return v;
}

RefSeries RefFastK(const Ohlcv& s, size_t n) {
  RefSeries out(s.size(), kRefNaN);
  for (size_t i = n - 1; i < s.size(); ++i) {
    const LD hh = WindowMax(s.high, i, n), ll = WindowMin(s.low, i, n);
    out[i] = hh == ll ? 0 : 100 * (s.close[i] - ll) / (hh - ll);
  }
  return out;
}

// Directional movement by Wilder's definitions with TA-Lib's start: sums of
// the first n-1 one-bar values, then X = X - X/n + today.
struct RefDirectional {
  RefSeries plus_di, minus_di, dx, adx;
};
RefDirectional RefDm(const Ohlcv& s, size_t n) {
  const size_t m = s.size();
  RefDirectional r{RefSeries(m, kRefNaN), RefSeries(m, kRefNaN), RefSeries(m, kRefNaN),
                   RefSeries(m, kRefNaN)};
  LD p = 0, q = 0, tr = 0, adx = 0, sum_dx = 0, last_dx = 0;
  for (size_t i = 1; i < m; ++i) {
    const LD up = LD(s.high[i]) - s.high[i - 1], down = LD(s.low[i - 1]) - s.low[i];
    const LD pdm = (up > 0 && up > down) ? up : 0;
    const LD mdm = (down > 0 && down > up) ? down : 0;
    if (i < n) {
      p += pdm;
      q += mdm;
      tr += RefTr(s, i);
      continue;
    }
    p = p - p / n + pdm;
    q = q - q / n + mdm;
    tr = tr - tr / n + RefTr(s, i);
    r.plus_di[i] = tr == 0 ? 0 : 100 * p / tr;
    r.minus_di[i] = tr == 0 ? 0 : 100 * q / tr;
    const LD sum = r.plus_di[i] + r.minus_di[i];
    const bool defined = tr != 0 && sum != 0;
    if (defined) last_dx = 100 * std::fabs(r.plus_di[i] - r.minus_di[i]) / sum;
    r.dx[i] = last_dx;
    if (i < 2 * n - 1) {
      if (defined) sum_dx += last_dx;
    } else if (i == 2 * n - 1) {
      if (defined) sum_dx += last_dx;
      adx = sum_dx / n;
      r.adx[i] = adx;
    } else {
      if (defined) adx = (adx * (n - 1) + last_dx) / n;
      r.adx[i] = adx;
    }
  }
  return r;
}

RefSeries ToRef(const Series& x) { return RefSeries(x.begin(), x.end()); }

// A random series of m rows (seed `seed_base` + m), its closes as a
// reference series, and a tag naming m for messages.
struct RandomCase {
  Ohlcv s;
  RefSeries x;
  std::string tag;
};
RandomCase RandomCaseOf(size_t m, uint32_t seed_base) {
  Ohlcv s = RandomOhlcv(m, seed_base + static_cast<uint32_t>(m));
  RefSeries x = ToRef(s.close);
  return {std::move(s), std::move(x), " m=" + std::to_string(m)};
}

// Relative agreement from the first defined value on; NaN exactly before it.
// `slack` (optional, per row) is an extra absolute allowance for rows where
// the double inputs themselves limit the accuracy (CCI when the typical price
// sits on its mean).
void ExpectMatches(const Series& got, const RefSeries& want, size_t lookback, double tol,
                   const std::string& what, const RefSeries& slack = {}) {
  ASSERT_EQ(got.size(), want.size()) << what;
  LD scale = 0;
  for (LD w : want) {
    if (!std::isnan(w)) scale = std::max(scale, std::fabs(w));
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (i < lookback) {
      ASSERT_TRUE(std::isnan(got[i])) << what << " row " << i << " should be NaN";
      continue;
    }
    ASSERT_FALSE(std::isnan(want[i])) << what << " reference undefined at " << i;
    // Relative, with a floor at 1e-6 of the series' scale for values that
    // cross zero (MACD histogram, MOM).
    const LD err = std::fabs(got[i] - want[i]);
    const LD bound =
        tol * std::max(std::fabs(want[i]), 1e-6L * scale) + (slack.empty() ? 0 : slack[i]);
    ASSERT_LE(err, bound) << what << " row " << i << " got " << got[i] << " want "
                          << static_cast<double>(want[i]);
  }
}

// Each test runs once per compiled target, forced (Highway's adapter; it
// also checks that the test went through dynamic dispatch).
using IndicatorsOnEveryTarget = hwy::TestWithParamTarget;
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(IndicatorsOnEveryTarget);

// Lengths around the vector widths and the 64-bar resync blocks.
const size_t kLengths[] = {1, 2, 7, 8, 9, 15, 16, 17, 33, 63, 64, 65, 66, 130, 301};

TEST_P(IndicatorsOnEveryTarget, MovingAveragesMatchTextbookDefinitions) {
  for (size_t m : kLengths) {
    const Ohlcv s = RandomOhlcv(m, 100 + m);
    const RefSeries x = ToRef(s.close);
    for (size_t n : {1u, 2u, 3u, 5u, 8u, 14u, 30u}) {
      const std::string tag = " n=" + std::to_string(n) + " m=" + std::to_string(m);
      const double p = n;
      if (n >= 2) {
        ExpectMatches(RunIndicator(Id::kSma, s, {p})[0], RefSma(x, n), n - 1, 1e-12, "sma" + tag);
        ExpectMatches(RunIndicator(Id::kEma, s, {p})[0], RefEma(x, n), n - 1, 1e-12, "ema" + tag);
        ExpectMatches(RunIndicator(Id::kWma, s, {p})[0], RefWma(x, n), n - 1, 1e-12, "wma" + tag);
        ExpectMatches(RunIndicator(Id::kTrima, s, {p})[0], RefTrima(x, n), n - 1, 1e-12, "trima" + tag);
        const RefSeries e1 = RefEma(x, n), e2 = RefEma(e1, n), e3 = RefEma(e2, n);
        RefSeries dema(m, kRefNaN), tema(m, kRefNaN);
        for (size_t i = 0; i < m; ++i) {
          dema[i] = 2 * e1[i] - e2[i];
          tema[i] = 3 * e1[i] - 3 * e2[i] + e3[i];
        }
        ExpectMatches(RunIndicator(Id::kDema, s, {p})[0], dema, std::min(m, 2 * (n - 1)), 1e-12,
                      "dema" + tag);
        ExpectMatches(RunIndicator(Id::kTema, s, {p})[0], tema, std::min(m, 3 * (n - 1)), 1e-12,
                      "tema" + tag);
        ExpectMatches(RunIndicator(Id::kMax, s, {p})[0], [&] {
          RefSeries r(m, kRefNaN);
          for (size_t i = n - 1; i < m; ++i) r[i] = WindowMax(s.close, i, n);
          return r;
        }(), std::min(m, n - 1), 0, "max" + tag);
        ExpectMatches(RunIndicator(Id::kSum, s, {p})[0], [&] {
          RefSeries r = RefSma(x, n);
          for (LD& v : r) v *= n;
          return r;
        }(), std::min(m, n - 1), 1e-12, "sum" + tag);
      }
      // EMA seeded with the first value (the non-TA-Lib convention).
      RefSeries first(m, kRefNaN);
      LD e = x[0];
      for (size_t i = 0; i < m; ++i) {
        if (i > 0) e = e + (2.0L / (n + 1)) * (x[i] - e);
        first[i] = e;
      }
      // (A period longer than the series is an error for every seed.)
      if (n >= 2) {
        ExpectMatches(RunIndicator(Id::kEma, s, {p, 1})[0], m >= n ? first : RefSeries(m, kRefNaN),
                      m >= n ? 0 : m, 1e-12, "ema seed=first" + tag);
      }
    }
  }
}

TEST_P(IndicatorsOnEveryTarget, OscillatorsAndVolatilityMatchTextbookDefinitions) {
  for (size_t m : kLengths) {
    const auto [s, x, tag] = RandomCaseOf(m, 200);
    for (size_t n : {2u, 5u, 14u}) {
      const double p = n;
      const std::string t = tag + " n=" + std::to_string(n);
      ExpectMatches(RunIndicator(Id::kRsi, s, {p})[0], RefRsi(x, n), std::min(m, n), 1e-11, "rsi" + t);
      const RefSeries var = RefVar(x, n);
      RefSeries sd(m, kRefNaN);
      for (size_t i = 0; i < m; ++i) sd[i] = std::sqrt(var[i]) * 1.5L;
      ExpectMatches(RunIndicator(Id::kVar, s, {p})[0], var, std::min(m, n - 1), 1e-11, "var" + t);
      ExpectMatches(RunIndicator(Id::kStddev, s, {p, 1.5})[0], sd, std::min(m, n - 1), 1e-12, "stddev" + t);
      const RefSeries mid = RefSma(x, n);
      RefSeries up(m, kRefNaN), lo(m, kRefNaN);
      for (size_t i = 0; i < m; ++i) {
        up[i] = mid[i] + 2 * std::sqrt(var[i]);
        lo[i] = mid[i] - 1 * std::sqrt(var[i]);
      }
      const std::vector<Series> bb = RunIndicator(Id::kBbands, s, {p, 2, 1});
      ExpectMatches(bb[0], up, std::min(m, n - 1), 1e-12, "bbands upper" + t);
      ExpectMatches(bb[1], mid, std::min(m, n - 1), 1e-12, "bbands middle" + t);
      ExpectMatches(bb[2], lo, std::min(m, n - 1), 1e-12, "bbands lower" + t);
      ExpectMatches(RunIndicator(Id::kAtr, s, {p})[0], RefAtr(s, n), std::min(m, n), 1e-12, "atr" + t);
      RefSeries natr = RefAtr(s, n);
      for (size_t i = 0; i < m; ++i) natr[i] = natr[i] / s.close[i] * 100;
      ExpectMatches(RunIndicator(Id::kNatr, s, {p})[0], natr, std::min(m, n), 1e-12, "natr" + t);
      RefSeries mom(m, kRefNaN), roc(m, kRefNaN);
      for (size_t i = n; i < m; ++i) {
        mom[i] = x[i] - x[i - n];
        roc[i] = (x[i] / x[i - n] - 1) * 100;
      }
      ExpectMatches(RunIndicator(Id::kMom, s, {p})[0], mom, std::min(m, n), 1e-12, "mom" + t);
      ExpectMatches(RunIndicator(Id::kRoc, s, {p})[0], roc, std::min(m, n), 1e-9, "roc" + t);
      RefSeries willr(m, kRefNaN), cci(m, kRefNaN), midprice(m, kRefNaN), cci_slack(m, 0);
      RefSeries tp(m);
      for (size_t i = 0; i < m; ++i) tp[i] = (LD(s.high[i]) + s.low[i] + s.close[i]) / 3;
      for (size_t i = n - 1; i < m; ++i) {
        const LD hh = WindowMax(s.high, i, n), ll = WindowMin(s.low, i, n);
        willr[i] = hh == ll ? 0 : -100 * (hh - s.close[i]) / (hh - ll);
        midprice[i] = (hh + ll) / 2;
        LD mean = 0, mad = 0;
        for (size_t k = i + 1 - n; k <= i; ++k) mean += tp[k];
        mean /= n;
        for (size_t k = i + 1 - n; k <= i; ++k) mad += std::fabs(tp[k] - mean);
        mad /= n;
        cci[i] = (mad == 0 || tp[i] == mean) ? 0 : (tp[i] - mean) / (0.015L * mad);
        // tp - mean is known to a few ulp of tp only.
        if (mad != 0) cci_slack[i] = 8 * 2.2e-16L * std::fabs(tp[i]) / (0.015L * mad);
      }
      ExpectMatches(RunIndicator(Id::kWillr, s, {p})[0], willr, std::min(m, n - 1), 1e-12, "willr" + t);
      ExpectMatches(RunIndicator(Id::kMidprice, s, {p})[0], midprice, std::min(m, n - 1), 1e-15, "midprice" + t);
      ExpectMatches(RunIndicator(Id::kCci, s, {p})[0], cci, std::min(m, n - 1), 1e-9, "cci" + t,
                    cci_slack);
      // AROON over n+1 bars, most recent extreme on ties.
      RefSeries down(m, kRefNaN), upr(m, kRefNaN);
      for (size_t i = n; i < m; ++i) {
        size_t hi = i - n, lo_at = i - n;
        for (size_t k = i - n; k <= i; ++k) {
          if (s.high[k] >= s.high[hi]) hi = k;
          if (s.low[k] <= s.low[lo_at]) lo_at = k;
        }
        upr[i] = 100.0L * (n - (i - hi)) / n;
        down[i] = 100.0L * (n - (i - lo_at)) / n;
      }
      const std::vector<Series> aroon = RunIndicator(Id::kAroon, s, {p});
      ExpectMatches(aroon[0], down, std::min(m, n), 1e-14, "aroon down" + t);
      ExpectMatches(aroon[1], upr, std::min(m, n), 1e-14, "aroon up" + t);
      const RefDirectional dm = RefDm(s, n);
      ExpectMatches(RunIndicator(Id::kPlusDi, s, {p})[0], dm.plus_di, std::min(m, n), 1e-10, "+di" + t);
      ExpectMatches(RunIndicator(Id::kMinusDi, s, {p})[0], dm.minus_di, std::min(m, n), 1e-10, "-di" + t);
      ExpectMatches(RunIndicator(Id::kDx, s, {p})[0], dm.dx, std::min(m, n), 1e-9, "dx" + t);
      ExpectMatches(RunIndicator(Id::kAdx, s, {p})[0], dm.adx, std::min(m, 2 * n - 1), 1e-9, "adx" + t);
      RefSeries adxr(m, kRefNaN);
      for (size_t i = 3 * n - 2; i < m; ++i) adxr[i] = (dm.adx[i] + dm.adx[i - (n - 1)]) / 2;
      ExpectMatches(RunIndicator(Id::kAdxr, s, {p})[0], adxr, std::min(m, 3 * n - 2), 1e-9, "adxr" + t);
    }
    // MACD with TA-Lib's alignment: the fast EMA is seeded on the bars that
    // end where the slow EMA's seed ends.
    for (auto [fast, slow, signal] : {std::array<size_t, 3>{12, 26, 9}, {3, 5, 2}, {5, 3, 1}}) {
      const size_t f = std::min(fast, slow), sl = std::max(fast, slow);
      const RefSeries ef = RefEma(x, f, sl - 1), es = RefEma(x, sl, sl - 1);
      RefSeries macd(m, kRefNaN);
      for (size_t i = sl - 1; i < m; ++i) macd[i] = ef[i] - es[i];
      const RefSeries sig = RefEma(macd, signal);
      RefSeries hist(m, kRefNaN);
      for (size_t i = 0; i < m; ++i) hist[i] = macd[i] - sig[i];
      const size_t lb = std::min(m, sl + signal - 2);
      const std::vector<Series> got =
          RunIndicator(Id::kMacd, s, {double(fast), double(slow), double(signal)});
      ExpectMatches(got[0], macd, lb, 1e-10, "macd" + tag);
      ExpectMatches(got[1], sig, lb, 1e-10, "macd signal" + tag);
      ExpectMatches(got[2], hist, lb, 1e-9, "macd hist" + tag);
    }
    // STOCH / STOCHF with SMA smoothing.
    const RefSeries fk = RefFastK(s, 5);
    RefSeries fk_tail(fk.begin() + std::min<size_t>(4, m), fk.end());
    RefSeries slowk(m, kRefNaN), slowd(m, kRefNaN), fastd(m, kRefNaN);
    {
      const RefSeries k3 = fk_tail.size() >= 3 ? RefSma(fk_tail, 3) : RefSeries(fk_tail.size(), kRefNaN);
      for (size_t j = 0; j < k3.size(); ++j) slowk[j + 4] = fastd[j + 4] = k3[j];
      RefSeries k_tail(slowk.begin() + std::min<size_t>(6, m), slowk.end());
      const RefSeries d3 = k_tail.size() >= 3 ? RefSma(k_tail, 3) : RefSeries(k_tail.size(), kRefNaN);
      for (size_t j = 0; j < d3.size(); ++j) slowd[j + 6] = d3[j];
    }
    const std::vector<Series> st = RunIndicator(Id::kStoch, s);
    ExpectMatches(st[0], slowk, std::min<size_t>(m, 8), 1e-12, "stoch slowk" + tag);
    ExpectMatches(st[1], slowd, std::min<size_t>(m, 8), 1e-12, "stoch slowd" + tag);
    const std::vector<Series> sf = RunIndicator(Id::kStochf, s);
    ExpectMatches(sf[0], fk, std::min<size_t>(m, 6), 1e-12, "stochf fastk" + tag);
    ExpectMatches(sf[1], fastd, std::min<size_t>(m, 6), 1e-12, "stochf fastd" + tag);
    // Volume and price transforms.
    RefSeries obv(m), ad(m), typ(m), wcl(m), avg(m), med(m);
    LD o = s.volume[0], a = 0;
    for (size_t i = 0; i < m; ++i) {
      if (i > 0 && s.close[i] > s.close[i - 1]) o += s.volume[i];
      if (i > 0 && s.close[i] < s.close[i - 1]) o -= s.volume[i];
      obv[i] = o;
      const LD h = s.high[i], l = s.low[i], c = s.close[i];
      if (h > l) a += ((c - l) - (h - c)) / (h - l) * s.volume[i];
      ad[i] = a;
      med[i] = (h + l) / 2;
      typ[i] = (h + l + c) / 3;
      wcl[i] = (h + l + 2 * c) / 4;
      avg[i] = (LD(s.open[i]) + h + l + c) / 4;
    }
    ExpectMatches(RunIndicator(Id::kObv, s)[0], obv, 0, 1e-15, "obv" + tag);
    ExpectMatches(RunIndicator(Id::kAd, s)[0], ad, 0, 1e-11, "ad" + tag);
    ExpectMatches(RunIndicator(Id::kMedprice, s)[0], med, 0, 1e-15, "medprice" + tag);
    ExpectMatches(RunIndicator(Id::kTypprice, s)[0], typ, 0, 1e-15, "typprice" + tag);
    ExpectMatches(RunIndicator(Id::kWclprice, s)[0], wcl, 0, 1e-15, "wclprice" + tag);
    ExpectMatches(RunIndicator(Id::kAvgprice, s)[0], avg, 0, 1e-15, "avgprice" + tag);
    RefSeries tr(m, kRefNaN);
    for (size_t i = 1; i < m; ++i) tr[i] = RefTr(s, i);
    ExpectMatches(RunIndicator(Id::kTrange, s)[0], tr, std::min<size_t>(m, 1), 0, "trange" + tag);
  }
}

TEST_P(IndicatorsOnEveryTarget, MomentumOscillatorsAndRatesOfChangeMatchTextbookDefinitions) {
  for (size_t m : kLengths) {
    const RandomCase c = RandomCaseOf(m, 300);
    const Ohlcv& s = c.s;
    const RefSeries& x = c.x;
    const std::string& tag = c.tag;
    for (size_t n : {2u, 5u, 14u}) {
      const double p = n;
      const std::string t = tag + " n=" + std::to_string(n);
      // KAMA: efficiency ratio over n bars, squared smoothing constant.
      RefSeries kama(m, kRefNaN);
      if (m > n) {
        LD k = x[n - 1];
        for (size_t i = n; i < m; ++i) {
          LD moves = 0;
          for (size_t j = i + 1 - n; j <= i; ++j) moves += std::fabs(x[j] - x[j - 1]);
          const LD roc = x[i] - x[i - n];
          const LD er = (moves == 0 || moves <= roc) ? 1 : std::fabs(roc / moves);
          const LD sc = std::pow(er * (2.0L / 3 - 2.0L / 31) + 2.0L / 31, 2);
          k += sc * (x[i] - k);
          kama[i] = k;
        }
      }
      ExpectMatches(RunIndicator(Id::kKama, s, {p})[0], kama, std::min(m, n), 1e-11, "kama" + t);
      // CMO = 2 RSI - 100 in exact arithmetic.
      RefSeries cmo = RefRsi(x, n);
      for (LD& v : cmo) v = 2 * v - 100;
      ExpectMatches(RunIndicator(Id::kCmo, s, {p})[0], cmo, std::min(m, n), 1e-10, "cmo" + t);
      // MFI over the last n money flows.
      RefSeries mfi(m, kRefNaN);
      auto tp = [&](size_t i) { return (LD(s.high[i]) + s.low[i] + s.close[i]) / 3; };
      for (size_t i = n; i < m; ++i) {
        LD pos = 0, neg = 0;
        for (size_t j = i + 1 - n; j <= i; ++j) {
          const LD flow = tp(j) * s.volume[j];
          if (tp(j) > tp(j - 1)) pos += flow;
          if (tp(j) < tp(j - 1)) neg += flow;
        }
        mfi[i] = pos + neg == 0 ? 0 : 100 * pos / (pos + neg);
      }
      ExpectMatches(RunIndicator(Id::kMfi, s, {p})[0], mfi, std::min(m, n), 1e-10, "mfi" + t);
      // The rate-of-change family.
      RefSeries rocp(m, kRefNaN), rocr(m, kRefNaN), rocr100(m, kRefNaN);
      for (size_t i = n; i < m; ++i) {
        rocp[i] = (x[i] - x[i - n]) / x[i - n];
        rocr[i] = x[i] / x[i - n];
        rocr100[i] = 100 * x[i] / x[i - n];
      }
      ExpectMatches(RunIndicator(Id::kRocp, s, {p})[0], rocp, std::min(m, n), 1e-9, "rocp" + t);
      ExpectMatches(RunIndicator(Id::kRocr, s, {p})[0], rocr, std::min(m, n), 1e-14, "rocr" + t);
      ExpectMatches(RunIndicator(Id::kRocr100, s, {p})[0], rocr100, std::min(m, n), 1e-14,
                    "rocr100" + t);
      // TRIX: 100 * (e3[i] / e3[i-1] - 1) of a triple EMA.
      const RefSeries e3 = RefEma(RefEma(RefEma(x, n), n), n);
      RefSeries trix(m, kRefNaN);
      for (size_t i = 3 * (n - 1) + 1; i < m; ++i) trix[i] = 100 * (e3[i] / e3[i - 1] - 1);
      ExpectMatches(RunIndicator(Id::kTrix, s, {p})[0], trix, std::min(m, 3 * (n - 1) + 1), 1e-9,
                    "trix" + t);
    }
    // APO / PPO with SMA and EMA, each MA from its own start (TA-Lib 0.8;
    // unlike its MACD).
    for (auto [fast, slow] : {std::pair<size_t, size_t>{12, 26}, {5, 3}}) {
      const size_t f = std::min(fast, slow), sl = std::max(fast, slow);
      const RefSeries sma_f = RefSma(x, f), sma_s = RefSma(x, sl);
      const RefSeries ema_f = RefEma(x, f), ema_s = RefEma(x, sl);
      RefSeries apo_sma(m, kRefNaN), apo_ema(m, kRefNaN), ppo_sma(m, kRefNaN);
      for (size_t i = sl - 1; i < m; ++i) {
        apo_sma[i] = sma_f[i] - sma_s[i];
        apo_ema[i] = ema_f[i] - ema_s[i];
        ppo_sma[i] = 100 * (sma_f[i] - sma_s[i]) / sma_s[i];
      }
      const double a = fast, b = slow;
      ExpectMatches(RunIndicator(Id::kApo, s, {a, b, 0})[0], apo_sma, std::min(m, sl - 1), 1e-10,
                    "apo sma" + tag);
      ExpectMatches(RunIndicator(Id::kApo, s, {a, b, 1})[0], apo_ema, std::min(m, sl - 1), 1e-10,
                    "apo ema" + tag);
      ExpectMatches(RunIndicator(Id::kPpo, s, {a, b, 0})[0], ppo_sma, std::min(m, sl - 1), 1e-9,
                    "ppo sma" + tag);
    }
    RefSeries bop(m);
    for (size_t i = 0; i < m; ++i) {
      const LD range = LD(s.high[i]) - s.low[i];
      bop[i] = range == 0 ? 0 : (LD(s.close[i]) - s.open[i]) / range;
    }
    ExpectMatches(RunIndicator(Id::kBop, s)[0], bop, 0, 1e-12, "bop" + tag);
  }
}

// ---- Trend, channels, regression and volume-weighted averages: references ----

// Parabolic SAR after Wilder, with TA-Lib's start (direction from bar 1's
// directional movement, SAR at bar 0's extreme), written with a trend sign so
// that it shares no code shape with the library's two-branch loop.
RefSeries RefSar(const Ohlcv& s, LD step, LD max_af) {
  const size_t m = s.size();
  RefSeries out(m, kRefNaN);
  if (m < 2) return out;
  if (step > max_af) step = max_af;
  auto hi = [&](size_t i) { return LD(s.high[i]); };
  auto lo = [&](size_t i) { return LD(s.low[i]); };
  const LD up = hi(1) - hi(0), down = lo(0) - lo(1);
  int trend = (down > 0 && up < down) ? -1 : 1;  // +1 long, -1 short
  LD ep = trend > 0 ? hi(1) : lo(1);
  LD sar = trend > 0 ? lo(0) : hi(0);
  LD af = step;
  // The "favourable" extreme of bar i for the trend, and the one the SAR must
  // not cross.
  auto favourable = [&](size_t i) { return trend > 0 ? hi(i) : lo(i); };
  auto guard = [&](size_t i) { return trend > 0 ? lo(i) : hi(i); };
  auto clamp = [&](LD v, size_t a, size_t b) {
    // A long SAR stays at or below the two lows, a short one at or above the
    // two highs.
    return trend > 0 ? std::min({v, guard(a), guard(b)}) : std::max({v, guard(a), guard(b)});
  };
  for (size_t i = 1; i < m; ++i) {
    const size_t prev = i == 1 ? 1 : i - 1;  // TA-Lib uses bar 1 twice at the start
    const bool penetrated = trend > 0 ? lo(i) <= sar : hi(i) >= sar;
    if (penetrated) {
      trend = -trend;
      sar = clamp(ep, prev, i);
      out[i] = sar;
      af = step;
      ep = favourable(i);
    } else {
      out[i] = sar;
      if (trend * (favourable(i) - ep) > 0) {
        ep = favourable(i);
        af = std::min(af + step, max_af);
      }
    }
    sar = clamp(sar + af * (ep - sar), prev, i);
  }
  return out;
}

// Ordinary least squares y = a + b t over t = 0..n-1 (oldest first), by the
// normal equations in long double.
void RefFit(const RefSeries& x, size_t i, size_t n, LD* a, LD* b) {
  LD st = 0, sy = 0, stt = 0, sty = 0;
  for (size_t k = 0; k < n; ++k) {
    const LD t = k, y = x[i + 1 - n + k];
    st += t;
    sy += y;
    stt += t * t;
    sty += t * y;
  }
  *b = (n * sty - st * sy) / (n * stt - st * st);
  *a = (sy - *b * st) / n;
}

// TradingView's Supertrend script, line by line (nz() of the previous bands
// is 0 on the first bar), on TA-Lib's ATR.
void RefSupertrend(const Ohlcv& s, size_t n, LD factor, RefSeries* value, RefSeries* dir) {
  const size_t m = s.size();
  const RefSeries atr = RefAtr(s, n);
  value->assign(m, kRefNaN);
  dir->assign(m, kRefNaN);
  LD prev_upper = 0, prev_lower = 0, prev_st = kRefNaN;
  for (size_t i = n; i < m; ++i) {
    const LD src = (LD(s.high[i]) + s.low[i]) / 2;
    LD upper = src + factor * atr[i], lower = src - factor * atr[i];
    const LD prev_close = s.close[i - 1];
    lower = (lower > prev_lower || prev_close < prev_lower) ? lower : prev_lower;
    upper = (upper < prev_upper || prev_close > prev_upper) ? upper : prev_upper;
    int d;  // TradingView's sign: 1 down, -1 up
    if (i == n) {
      d = 1;
    } else if (prev_st == prev_upper) {
      d = s.close[i] > upper ? -1 : 1;
    } else {
      d = s.close[i] < lower ? 1 : -1;
    }
    const LD st = d == -1 ? lower : upper;
    (*value)[i] = st;
    (*dir)[i] = -d;
    prev_upper = upper;
    prev_lower = lower;
    prev_st = st;
  }
}

TEST_P(IndicatorsOnEveryTarget, TrendChannelsRegressionAndVolumeWeightedMatchTextbookDefinitions) {
  for (size_t m : kLengths) {
    const RandomCase c = RandomCaseOf(m, 500);
    const Ohlcv& s = c.s;
    const RefSeries& x = c.x;
    const std::string& tag = c.tag;
    auto tp = [&](size_t i) { return (LD(s.high[i]) + s.low[i] + s.close[i]) / 3; };
    auto mfv = [&](size_t i) {
      const LD h = s.high[i], l = s.low[i], c = s.close[i];
      return h > l ? ((c - l) - (h - c)) / (h - l) * LD(s.volume[i]) : 0.0L;
    };
    for (size_t n : {2u, 3u, 5u, 14u, 20u}) {
      const double p = n;
      const std::string t = tag + " n=" + std::to_string(n);
      // HMA: WMA(2 WMA(n/2) - WMA(n), floor(sqrt(n))).
      {
        const RefSeries half = RefWma(x, n / 2), full = RefWma(x, n);
        RefSeries diff(m, kRefNaN);
        for (size_t i = 0; i < m; ++i) diff[i] = 2 * half[i] - full[i];
        const size_t sq = static_cast<size_t>(std::floor(std::sqrt(double(n))));
        ExpectMatches(RunIndicator(Id::kHma, s, {p})[0], RefWma(diff, sq),
                      std::min(m, n - 1 + sq - 1), 1e-11, "hma" + t);
      }
      // VWMA over n bars.
      RefSeries vwma(m, kRefNaN), cmf(m, kRefNaN);
      for (size_t i = n - 1; i < m; ++i) {
        LD pv = 0, v = 0, f = 0;
        for (size_t k = i + 1 - n; k <= i; ++k) {
          pv += LD(s.close[k]) * s.volume[k];
          v += s.volume[k];
          f += mfv(k);
        }
        vwma[i] = pv / v;
        cmf[i] = f / v;
      }
      ExpectMatches(RunIndicator(Id::kVwma, s, {p})[0], vwma, std::min(m, n - 1), 1e-12,
                    "vwma" + t);
      ExpectMatches(RunIndicator(Id::kCmf, s, {p})[0], cmf, std::min(m, n - 1), 1e-9, "cmf" + t);
      // The linear-regression family against the normal equations.
      RefSeries reg(m, kRefNaN), slope(m, kRefNaN), icept(m, kRefNaN), angle(m, kRefNaN),
          tsf(m, kRefNaN);
      for (size_t i = n - 1; i < m; ++i) {
        LD a, b;
        RefFit(x, i, n, &a, &b);
        reg[i] = a + b * (n - 1);
        slope[i] = b;
        icept[i] = a;
        angle[i] = std::atan(b) * 180 / 3.141592653589793238462643383279L;
        tsf[i] = a + b * n;
      }
      const size_t lb = std::min(m, n - 1);
      ExpectMatches(RunIndicator(Id::kLinearReg, s, {p})[0], reg, lb, 1e-12, "linearreg" + t);
      ExpectMatches(RunIndicator(Id::kLinearRegSlope, s, {p})[0], slope, lb, 1e-9, "slope" + t);
      ExpectMatches(RunIndicator(Id::kLinearRegIntercept, s, {p})[0], icept, lb, 1e-12,
                    "intercept" + t);
      ExpectMatches(RunIndicator(Id::kLinearRegAngle, s, {p})[0], angle, lb, 1e-9, "angle" + t);
      ExpectMatches(RunIndicator(Id::kTsf, s, {p})[0], tsf, lb, 1e-12, "tsf" + t);
      // Donchian channels and the sample/population variance.
      RefSeries up(m, kRefNaN), mid(m, kRefNaN), dn(m, kRefNaN);
      for (size_t i = n - 1; i < m; ++i) {
        up[i] = WindowMax(s.high, i, n);
        dn[i] = WindowMin(s.low, i, n);
        mid[i] = (up[i] + dn[i]) / 2;
      }
      const std::vector<Series> don = RunIndicator(Id::kDonchian, s, {p});
      ExpectMatches(don[0], up, lb, 0, "donchian upper" + t);
      ExpectMatches(don[1], mid, lb, 1e-15, "donchian middle" + t);
      ExpectMatches(don[2], dn, lb, 0, "donchian lower" + t);
      RefSeries var = RefVar(x, n), sample = var, sample_sd = var;
      for (size_t i = 0; i < m; ++i) {
        sample[i] = var[i] * n / (n - 1);
        sample_sd[i] = 2 * std::sqrt(sample[i]);
      }
      ExpectMatches(RunIndicator(Id::kVar, s, {p, 1, 1})[0], sample, lb, 1e-11, "sample var" + t);
      ExpectMatches(RunIndicator(Id::kVar, s, {p, 1, 0})[0], var, lb, 1e-11, "population var" + t);
      ExpectMatches(RunIndicator(Id::kStddev, s, {p, 2, 1})[0], sample_sd, lb, 1e-11,
                    "sample stddev" + t);
      // Elder ray around EMA(close, n).
      const RefSeries ema = RefEma(x, n);
      RefSeries bull(m, kRefNaN), bear(m, kRefNaN), slack(m, 0);
      for (size_t i = n - 1; i < m; ++i) {
        bull[i] = s.high[i] - ema[i];
        bear[i] = s.low[i] - ema[i];
        slack[i] = 1e-13L * std::fabs(ema[i]);  // the EMA's own rounding, at price scale
      }
      const std::vector<Series> er = RunIndicator(Id::kElderRay, s, {p});
      ExpectMatches(er[0], bull, lb, 1e-12, "elder bull" + t, slack);
      ExpectMatches(er[1], bear, lb, 1e-12, "elder bear" + t, slack);
    }
    // STOCHRSI = STOCHF of the RSI, fastd by SMA and by EMA.
    for (auto [rn, fk, fd, matype] : {std::tuple<size_t, size_t, size_t, int>{14, 5, 3, 0},
                                      {5, 4, 3, 1}, {3, 1, 2, 0}}) {
      const RefSeries rsi = RefRsi(x, rn);
      RefSeries k(m, kRefNaN);
      for (size_t i = rn + fk - 1; i < m; ++i) {
        LD hh = rsi[i], ll = rsi[i];
        for (size_t j = i + 1 - fk; j <= i; ++j) {
          hh = std::max(hh, rsi[j]);
          ll = std::min(ll, rsi[j]);
        }
        k[i] = hh == ll ? 0 : 100 * (rsi[i] - ll) / (hh - ll);
      }
      const RefSeries d = matype == 0 ? RefSma(k, fd) : RefEma(k, fd);
      const size_t lb = std::min(m, rn + fk - 1 + fd - 1);
      RefSeries k_out = k;
      for (size_t i = 0; i < lb; ++i) k_out[i] = kRefNaN;
      const std::vector<double> params = {double(rn), double(fk), double(fd), double(matype)};
      const std::vector<Series> got = RunIndicator(Id::kStochRsi, s, params);
      const std::string t = tag + " stochrsi " + std::to_string(rn) + "," + std::to_string(fk);
      ExpectMatches(got[0], k_out, lb, 1e-8, "fastk" + t);
      ExpectMatches(got[1], d, lb, 1e-8, "fastd" + t);
    }
    // ULTOSC with the periods in any order.
    for (auto [a, b, c] : {std::tuple<size_t, size_t, size_t>{7, 14, 28}, {5, 2, 3}}) {
      size_t per[3] = {a, b, c};
      std::sort(per, per + 3);
      RefSeries ult(m, kRefNaN);
      for (size_t i = per[2]; i < m; ++i) {
        LD total = 0;
        for (size_t q = 0; q < 3; ++q) {
          LD bp = 0, tr = 0;
          for (size_t j = i + 1 - per[q]; j <= i; ++j) {
            const LD pc = s.close[j - 1];
            const LD true_low = std::min<LD>(s.low[j], pc);
            bp += s.close[j] - true_low;
            tr += std::max<LD>(s.high[j], pc) - true_low;
          }
          if (tr != 0) total += (q == 0 ? 4 : q == 1 ? 2 : 1) * bp / tr;
        }
        ult[i] = 100 * total / 7;
      }
      ExpectMatches(RunIndicator(Id::kUltOsc, s, {double(a), double(b), double(c)})[0], ult,
                    std::min(m, per[2]), 1e-10, "ultosc" + tag);
    }
    // SAR with the default and with a clipped acceleration.
    for (auto [step, mx] : {std::pair<double, double>{0.02, 0.2}, {0.05, 0.1}, {0.3, 0.2}}) {
      ExpectMatches(RunIndicator(Id::kSar, s, {step, mx})[0], RefSar(s, step, mx),
                    std::min<size_t>(m, 1), 1e-12, "sar" + tag);
    }
    // ADOSC: EMAs of the A/D line seeded with its first value.
    for (auto [f, sl] : {std::pair<size_t, size_t>{3, 10}, {10, 3}, {2, 5}}) {
      RefSeries ados(m, kRefNaN);
      LD ad = 0, ef = 0, es = 0;
      for (size_t i = 0; i < m; ++i) {
        ad += mfv(i);
        if (i == 0) {
          ef = es = ad;
        } else {
          ef += 2.0L / (f + 1) * (ad - ef);
          es += 2.0L / (sl + 1) * (ad - es);
        }
        if (i + 1 >= std::max(f, sl)) ados[i] = ef - es;
      }
      ExpectMatches(RunIndicator(Id::kAdOsc, s, {double(f), double(sl)})[0], ados,
                    std::min(m, std::max(f, sl) - 1), 1e-9, "adosc" + tag);
    }
    // VWAP from the first row, and anchored at the flagged rows.
    RefSeries vwap(m), avwap(m);
    {
      LD pv = 0, v = 0, apv = 0, av = 0;
      for (size_t i = 0; i < m; ++i) {
        if (s.anchor[i] != 0) apv = av = 0;
        pv += tp(i) * s.volume[i];
        v += s.volume[i];
        apv += tp(i) * s.volume[i];
        av += s.volume[i];
        vwap[i] = pv / v;
        avwap[i] = apv / av;
      }
    }
    ExpectMatches(RunIndicator(Id::kVwap, s)[0], vwap, 0, 1e-14, "vwap" + tag);
    ExpectMatches(RunIndicator(Id::kAnchoredVwap, s)[0], avwap, 0, 1e-14, "avwap" + tag);
    // Keltner: EMA(tp, 20) +- 2 ATR(10); and (5, 1.5, 3).
    for (auto [kn, mult, an] : {std::tuple<size_t, double, size_t>{20, 2, 10}, {5, 1.5, 3},
                                {3, 1, 8}}) {
      RefSeries tps(m);
      for (size_t i = 0; i < m; ++i) tps[i] = tp(i);
      const RefSeries mid = RefEma(tps, kn), atr = RefAtr(s, an);
      const size_t lb = std::min(m, std::max(kn - 1, an));
      RefSeries up(m, kRefNaN), md(m, kRefNaN), lo(m, kRefNaN);
      for (size_t i = lb; i < m; ++i) {
        up[i] = mid[i] + mult * atr[i];
        md[i] = mid[i];
        lo[i] = mid[i] - mult * atr[i];
      }
      const std::vector<Series> kc =
          RunIndicator(Id::kKeltner, s, {double(kn), mult, double(an)});
      ExpectMatches(kc[0], up, lb, 1e-12, "keltner upper" + tag);
      ExpectMatches(kc[1], md, lb, 1e-12, "keltner middle" + tag);
      ExpectMatches(kc[2], lo, lb, 1e-12, "keltner lower" + tag);
    }
    // Ichimoku lines as Donchian midlines, all from the longest lookback.
    for (auto [a, b, c] : {std::tuple<size_t, size_t, size_t>{9, 26, 52}, {3, 5, 8}}) {
      const size_t lb = std::min(m, std::max({a, b, c}) - 1);
      RefSeries ten(m, kRefNaN), kij(m, kRefNaN), sa(m, kRefNaN), sb(m, kRefNaN);
      auto midline = [&](size_t i, size_t n) {
        return (WindowMax(s.high, i, n) + WindowMin(s.low, i, n)) / 2;
      };
      for (size_t i = lb; i < m; ++i) {
        ten[i] = midline(i, a);
        kij[i] = midline(i, b);
        sa[i] = (ten[i] + kij[i]) / 2;
        sb[i] = midline(i, c);
      }
      const std::vector<Series> ich =
          RunIndicator(Id::kIchimoku, s, {double(a), double(b), double(c)});
      ExpectMatches(ich[0], ten, lb, 1e-15, "tenkan" + tag);
      ExpectMatches(ich[1], kij, lb, 1e-15, "kijun" + tag);
      ExpectMatches(ich[2], sa, lb, 1e-15, "senkou_a" + tag);
      ExpectMatches(ich[3], sb, lb, 1e-15, "senkou_b" + tag);
    }
    // Supertrend.
    for (auto [n, f] : {std::pair<size_t, double>{10, 3}, {3, 1}, {7, 0.5}}) {
      RefSeries value, dir;
      RefSupertrend(s, n, f, &value, &dir);
      const std::vector<Series> st = RunIndicator(Id::kSupertrend, s, {double(n), f});
      ExpectMatches(st[0], value, std::min(m, n), 1e-12, "supertrend" + tag);
      ExpectMatches(st[1], dir, std::min(m, n), 0, "supertrend direction" + tag);
    }
    // TSI = 100 EMA(EMA(mom)) / EMA(EMA(|mom|)).
    for (auto [l, sh] : {std::pair<size_t, size_t>{25, 13}, {5, 3}, {2, 1}}) {
      RefSeries mom(m, kRefNaN), mabs(m, kRefNaN);
      for (size_t i = 1; i < m; ++i) {
        mom[i] = x[i] - x[i - 1];
        mabs[i] = std::fabs(mom[i]);
      }
      const RefSeries num = RefEma(RefEma(mom, l), sh), den = RefEma(RefEma(mabs, l), sh);
      RefSeries tsi(m, kRefNaN);
      for (size_t i = l + sh - 1; i < m; ++i) tsi[i] = den[i] == 0 ? 0 : 100 * num[i] / den[i];
      ExpectMatches(RunIndicator(Id::kTsi, s, {double(l), double(sh)})[0], tsi,
                    std::min(m, l + sh - 1), 1e-9, "tsi" + tag);
    }
    // Floor pivots from the previous bar.
    RefSeries piv[7];
    for (RefSeries& r : piv) r.assign(m, kRefNaN);
    for (size_t i = 1; i < m; ++i) {
      const LD h = s.high[i - 1], l = s.low[i - 1], c = s.close[i - 1];
      const LD pp = (h + l + c) / 3;
      const LD want[7] = {pp,          2 * pp - l,  pp + (h - l), h + 2 * (pp - l),
                          2 * pp - h, pp - (h - l), l - 2 * (h - pp)};
      for (size_t j = 0; j < 7; ++j) piv[j][i] = want[j];
    }
    const std::vector<Series> pv = RunIndicator(Id::kPivots, s);
    for (size_t j = 0; j < 7; ++j) {
      ExpectMatches(pv[j], piv[j], std::min<size_t>(m, 1), 1e-14,
                    std::string("pivots ") + FindSpec(Id::kPivots)->outputs[j] + tag);
    }
  }
}

// Small cases worked out by hand.
TEST(TrendChannelsRegressionAndVolumeWeighted, HandCheckedSmallCases) {
  auto series = [](std::vector<double> close, std::vector<double> high = {},
                   std::vector<double> low = {}, std::vector<double> volume = {},
                   std::vector<double> anchor = {}) {
    Ohlcv s;
    s.close = close;
    s.high = high.empty() ? close : high;
    s.low = low.empty() ? close : low;
    s.open = s.close;
    s.volume = volume.empty() ? Series(close.size(), 1.0) : volume;
    s.anchor = anchor.empty() ? Series(close.size(), 0.0) : anchor;
    return s;
  };
  // VWMA(2) of 1, 2, 3 with volumes 1, 1, 2: 3/2, then (2 + 6)/3.
  {
    const Series v = RunIndicator(Id::kVwma, series({1, 2, 3}, {}, {}, {1, 1, 2}), {2})[0];
    EXPECT_TRUE(std::isnan(v[0]));
    EXPECT_DOUBLE_EQ(v[1], 1.5);
    EXPECT_DOUBLE_EQ(v[2], 8.0 / 3.0);
    // No volume in the window: the plain mean.
    const Series z = RunIndicator(Id::kVwma, series({1, 2, 3}, {}, {}, {1, 0, 0}), {2})[0];
    EXPECT_DOUBLE_EQ(z[1], 1.0);  // (1*1 + 2*0) / 1
    EXPECT_DOUBLE_EQ(z[2], 2.5);  // volumes 0, 0: (2 + 3) / 2
  }
  // Pivots of H 10, L 8, C 9: P 9, R1 10, R2 11, R3 12, S1 8, S2 7, S3 6.
  {
    const std::vector<Series> p =
        RunIndicator(Id::kPivots, series({9, 100}, {10, 101}, {8, 99}));
    const double want[7] = {9, 10, 11, 12, 8, 7, 6};
    for (size_t j = 0; j < 7; ++j) {
      EXPECT_TRUE(std::isnan(p[j][0]));
      EXPECT_DOUBLE_EQ(p[j][1], want[j]) << j;
    }
  }
  // Donchian(2) of highs 3, 5, 4 and lows 1, 2, 0.
  {
    const std::vector<Series> d =
        RunIndicator(Id::kDonchian, series({2, 3, 2}, {3, 5, 4}, {1, 2, 0}), {2});
    EXPECT_EQ(d[0][1], 5);
    EXPECT_EQ(d[1][1], 3);
    EXPECT_EQ(d[2][1], 1);
    EXPECT_EQ(d[0][2], 5);
    EXPECT_EQ(d[1][2], 2.5);
    EXPECT_EQ(d[2][2], 0);
  }
  // On the line x = 2i + 1 the regression is exact: value x[i], slope 2,
  // intercept x[i-3], angle atan(2), forecast x[i] + 2; HMA has no lag.
  {
    Series line;
    for (int i = 0; i < 12; ++i) line.push_back(2 * i + 1);
    const Ohlcv s = series(line);
    const Series reg = RunIndicator(Id::kLinearReg, s, {4})[0];
    const Series slope = RunIndicator(Id::kLinearRegSlope, s, {4})[0];
    const Series icept = RunIndicator(Id::kLinearRegIntercept, s, {4})[0];
    const Series angle = RunIndicator(Id::kLinearRegAngle, s, {4})[0];
    const Series tsf = RunIndicator(Id::kTsf, s, {4})[0];
    const Series hma = RunIndicator(Id::kHma, s, {4})[0];
    for (size_t i = 3; i < line.size(); ++i) {
      EXPECT_DOUBLE_EQ(reg[i], line[i]);
      EXPECT_DOUBLE_EQ(slope[i], 2);
      EXPECT_DOUBLE_EQ(icept[i], line[i - 3]);
      EXPECT_DOUBLE_EQ(angle[i], std::atan(2.0) * 180 / M_PI);
      EXPECT_DOUBLE_EQ(tsf[i], line[i] + 2);
      if (i >= 4) {
        EXPECT_NEAR(hma[i], line[i], 1e-12) << i;
      }
    }
    EXPECT_TRUE(std::isnan(hma[3]));  // lookback 3 + 1
    // TSI of a steady rise is +100, of a steady fall -100.
    const Series tsi = RunIndicator(Id::kTsi, s, {3, 2})[0];
    EXPECT_DOUBLE_EQ(tsi[4], 100);
    EXPECT_DOUBLE_EQ(tsi.back(), 100);
    Series fall(line.rbegin(), line.rend());
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kTsi, series(fall), {3, 2})[0].back(), -100);
    // Ichimoku(2, 3, 4) on highs i + 1, lows i: tenkan at i = i - 0.5 + ...
    Series hi, lo;
    for (int i = 0; i < 12; ++i) {
      hi.push_back(i + 1);
      lo.push_back(i);
    }
    const std::vector<Series> ich = RunIndicator(Id::kIchimoku, series(lo, hi, lo), {2, 3, 4});
    EXPECT_TRUE(std::isnan(ich[0][2]));   // every line starts at 4 - 1
    EXPECT_EQ(ich[0][3], (4 + 2) / 2.0);  // (HH 4 + LL 2) / 2
    EXPECT_EQ(ich[1][3], (4 + 1) / 2.0);
    EXPECT_EQ(ich[2][3], (3 + 2.5) / 2);
    EXPECT_EQ(ich[3][3], (4 + 0) / 2.0);
  }
  // SAR on a steady rise: long from bar 1 (no -DM), SAR 9 then
  // 9 + 0.02 (11 - 9) = 9.04, then a new high: af 0.04, 9.04 + 0.04 (12 - 9.04).
  {
    const Series sar =
        RunIndicator(Id::kSar, series({9.5, 10.5, 11.5, 12.5}, {10, 11, 12, 13}, {9, 10, 11, 12}),
                     {0.02, 0.2})[0];
    EXPECT_TRUE(std::isnan(sar[0]));
    EXPECT_DOUBLE_EQ(sar[1], 9);
    EXPECT_DOUBLE_EQ(sar[2], 9.04);
    EXPECT_DOUBLE_EQ(sar[3], 9.04 + 0.04 * (12 - 9.04));
    // A steady fall starts short at bar 0's high.
    const Series down =
        RunIndicator(Id::kSar, series({12.5, 11.5, 10.5}, {13, 12, 11}, {12, 11, 10}))[0];
    EXPECT_DOUBLE_EQ(down[1], 13);
    EXPECT_DOUBLE_EQ(down[2], 13 + 0.02 * (11 - 13));
  }
  // Anchored VWAP: typical price 10, 20 (volumes 1, 1) -> 10, 15; anchor at
  // row 2 restarts: 30 (volume 2), then 40 with volume 0 keeps 30. Without
  // any volume since the anchor, the mean of the typical prices.
  {
    const Series v = RunIndicator(Id::kAnchoredVwap,
                                  series({10, 20, 30, 40}, {}, {}, {1, 1, 2, 0}, {0, 0, 1, 0}))[0];
    EXPECT_DOUBLE_EQ(v[0], 10);
    EXPECT_DOUBLE_EQ(v[1], 15);
    EXPECT_DOUBLE_EQ(v[2], 30);
    EXPECT_DOUBLE_EQ(v[3], 30);
    const Series plain =
        RunIndicator(Id::kVwap, series({10, 20, 30, 40}, {}, {}, {1, 1, 2, 0}, {0, 0, 1, 0}))[0];
    EXPECT_DOUBLE_EQ(plain[3], (10 + 20 + 60) / 4.0);
    const Series none = RunIndicator(Id::kVwap, series({10, 20}, {}, {}, {0, 0}))[0];
    EXPECT_DOUBLE_EQ(none[0], 10);
    EXPECT_DOUBLE_EQ(none[1], 15);
  }
  // CMF: closing on the high every bar is +1, on the low -1.
  {
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kCmf, series({2, 2, 2}, {2, 2, 2}, {1, 1, 1}), {2})[0][2], 1);
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kCmf, series({1, 1, 1}, {2, 2, 2}, {1, 1, 1}), {2})[0][2], -1);
  }
  // Sample vs population variance of 1, 2, 3, 4: 5/3 and 5/4.
  {
    const Ohlcv s = series({1, 2, 3, 4});
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kVar, s, {4})[0][3], 1.25);
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kVar, s, {4, 1})[0][3], 1.25);  // TA-Lib's ignored nbdev
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kVar, s, {4, 1, 1})[0][3], 5.0 / 3.0);
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kStddev, s, {4, 1, 1})[0][3], std::sqrt(5.0 / 3.0));
    EXPECT_DOUBLE_EQ(RunIndicator(Id::kVar, s, {1, 1, 1})[0][3], 0);  // one value: no spread
  }
  // VAR(1) is exactly 0 on every row, also after a value 1e10 times the
  // others: the sliding mean carries that value's rounding until its next
  // re-sum, and (x - mean)^2 gave 1e-25 there (TA-Lib: 0).
  {
    std::vector<double> c;
    for (int i = 0; i < 200; ++i) c.push_back(100 + 0.37 * (i % 7) + 0.011 * i);
    c[60] = 1e12;
    for (double sample : {0.0, 1.0}) {
      const Series v = RunIndicator(Id::kVar, series(c), {1, 1, sample})[0];
      for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], 0.0) << "row " << i;
    }
  }
  // Supertrend starts in a down trend on the upper band, then turns up when
  // the close clears it: ATR(1) = the true range.
  {
    const std::vector<Series> st = RunIndicator(
        Id::kSupertrend, series({10, 10, 20}, {11, 11, 21}, {9, 9, 19}), {1, 1});
    EXPECT_TRUE(std::isnan(st[0][0]));
    EXPECT_EQ(st[1][1], -1);
    EXPECT_EQ(st[0][1], 10 + 2);        // hl2 10 + 1 x TR 2
    EXPECT_EQ(st[1][2], 1);             // close 20 > upper band 12
    EXPECT_EQ(st[0][2], 20 - 11);       // lower band: hl2 20 - TR 11 (21 - prev close 10)
  }
}

// STDDEV, VAR and BBANDS stay within 1e-12 of the exact two-pass values on a
// series that falls by five orders of magnitude (where a running sum of
// squares, as in TA-Lib and Tulip, loses most of its digits).
TEST_P(IndicatorsOnEveryTarget, VarianceFamilyIsExactOnAFallingSeries) {
  const size_t m = 200003, n = 20;
  for (int shape = 0; shape < 2; ++shape) {
    Ohlcv s;
    for (size_t i = 0; i < m; ++i) {
      const double t = double(i) / (m - 1);
      s.close.push_back(shape == 0 ? 800.0 * std::pow(0.005 / 800.0, t)
                                   : 800.0 + (0.005 - 800.0) * t);
    }
    const std::vector<Series> bb = RunIndicator(Id::kBbands, s, {double(n), 2, 2});
    const Series var = RunIndicator(Id::kVar, s, {double(n)})[0];
    const Series sd = RunIndicator(Id::kStddev, s, {double(n), 1})[0];
    double worst = 0;
    for (size_t i = n - 1; i < m; ++i) {
      LD sum = 0, s2 = 0;
      for (size_t k = i + 1 - n; k <= i; ++k) sum += s.close[k];
      const LD mu = sum / n;
      for (size_t k = i + 1 - n; k <= i; ++k) s2 += (s.close[k] - mu) * (s.close[k] - mu);
      const LD v = s2 / n, d = std::sqrt(v);
      auto rel = [](double got, LD want) { return double(std::fabs(got - want) / std::fabs(want)); };
      worst = std::max({worst, rel(var[i], v), rel(sd[i], d), rel(bb[1][i], mu),
                        rel(bb[0][i], mu + 2 * d), rel(bb[2][i], mu - 2 * d)});
    }
    EXPECT_LE(worst, 1e-12) << (shape == 0 ? "geometric" : "linear") << " fall";
  }
}

// ---- Properties of every indicator -------------------------------------------

TEST(EveryIndicator, FirstDefinedValueIsAtTheLookbackWithDefaults) {
  const Ohlcv s = RandomOhlcv(200, 7);
  for (const Spec& spec : AllSpecs()) {
    const size_t lb = LookbackOf(spec.id);
    for (const Series& o : RunIndicator(spec.id, s)) {
      for (size_t i = 0; i < o.size(); ++i) {
        ASSERT_EQ(std::isnan(o[i]), i < lb) << spec.name << " row " << i << " lookback " << lb;
      }
    }
  }
}

TEST(EveryIndicator, StridedInputGivesTheSameBitsAsContiguous) {
  const Ohlcv s = RandomOhlcv(150, 8);
  // One interleaved record per row.
  std::vector<double> rows;
  for (size_t i = 0; i < s.size(); ++i) s.AppendRowTo(i, &rows);
  for (const Spec& spec : AllSpecs()) {
    const std::vector<Series> want = RunIndicator(spec.id, s);
    std::vector<StridedView<double>> in;
    for (size_t k = 0; k < spec.input_count; ++k) {
      in.emplace_back(rows.data() + FieldOf(spec.inputs[k]), s.size(),
                      Ohlcv::kFields * sizeof(double));
    }
    Workspace ws(AllocatorHooks::Default());
    std::vector<Series> got(spec.output_count, Series(s.size()));
    std::vector<double*> ptrs;
    for (Series& g : got) ptrs.push_back(g.data());
    ASSERT_TRUE(Compute(spec.id, in, {}, ptrs, s.size(), &ws).ok()) << spec.name;
    for (size_t j = 0; j < got.size(); ++j) {
      for (size_t i = 0; i < s.size(); ++i) {
        ASSERT_TRUE(got[j][i] == want[j][i] || (std::isnan(got[j][i]) && std::isnan(want[j][i])))
            << spec.name << " output " << j << " row " << i;
      }
    }
  }
}

// Strided columns are read in place: a strided call takes no more scratch
// than the contiguous one (no gathered copy of any input) and gives the same
// bits. Two layouts: every input a column of one row-major table, and input
// 0 reversed (a negative stride) next to contiguous columns; a NaN row makes
// the validation pass and the per-run segments go through the strided path
// too.
TEST(EveryIndicator, StridedInputIsReadInPlaceWithoutScratch) {
  Ohlcv s = RandomOhlcv(300, 13);
  s.close[200] = kNaN;
  const size_t n = s.size();
  // One interleaved record per row.
  std::vector<double> rows;
  for (size_t i = 0; i < n; ++i) s.AppendRowTo(i, &rows);
  // Runs with a fresh workspace and every output requested; returns the
  // outputs and the scratch the workspace holds afterwards.
  auto run = [&](const Spec& spec, const std::vector<StridedView<double>>& in,
                 size_t* capacity) {
    Workspace ws(AllocatorHooks::Default());
    std::vector<Series> out(spec.output_count, Series(n, -12345.0));
    std::vector<double*> ptrs;
    for (Series& o : out) ptrs.push_back(o.data());
    const absl::Status st = Compute(spec.id, in, {}, ptrs, n, &ws);
    EXPECT_TRUE(st.ok()) << spec.name << ": " << st;
    *capacity = ws.capacity_bytes();
    return out;
  };
  for (const Spec& spec : AllSpecs()) {
    const std::vector<StridedView<double>> contiguous = InputsFor(spec, s);
    size_t want_capacity = 0;
    const std::vector<Series> want = run(spec, contiguous, &want_capacity);

    std::vector<StridedView<double>> interleaved;
    for (size_t k = 0; k < spec.input_count; ++k) {
      interleaved.emplace_back(rows.data() + FieldOf(spec.inputs[k]), n,
                               Ohlcv::kFields * sizeof(double));
    }
    std::vector<StridedView<double>> reversed_first = contiguous;
    const Series backwards(std::make_reverse_iterator(contiguous[0].data() + n),
                           std::make_reverse_iterator(contiguous[0].data()));
    reversed_first[0] = StridedView<double>(backwards.data() + (n - 1), n,
                                            -static_cast<ptrdiff_t>(sizeof(double)));

    for (const auto& [layout, in] :
         {std::make_pair("interleaved", interleaved),
          std::make_pair("input 0 reversed", reversed_first)}) {
      size_t capacity = 0;
      const std::vector<Series> got = run(spec, in, &capacity);
      EXPECT_EQ(capacity, want_capacity) << spec.name << " (" << layout << ")";
      for (size_t j = 0; j < got.size(); ++j) {
        for (size_t i = 0; i < n; ++i) {
          ASSERT_EQ(std::memcmp(&got[j][i], &want[j][i], sizeof(double)), 0)
              << spec.name << " (" << layout << ") output " << j << " row " << i << ": "
              << got[j][i] << " vs " << want[j][i];
        }
      }
    }
  }
}

TEST(EveryIndicator, ANonFiniteRowSplitsTheSeriesIntoIndependentRuns) {
  const Ohlcv s = RandomOhlcv(160, 9);
  const size_t cut = 70;
  for (double bad : {kNaN, HUGE_VAL, -HUGE_VAL}) {
    for (const Spec& spec : AllSpecs()) {
      for (size_t k = 0; k < spec.input_count; ++k) {
        Ohlcv broken = s;
        broken[FieldOf(spec.inputs[k])][cut] = bad;
        Ohlcv head, tail;
        for (size_t i = 0; i < s.size(); ++i) {
          Ohlcv& dst = i < cut ? head : tail;
          if (i == cut) continue;
          for (size_t f = 0; f < Ohlcv::kFields; ++f) dst[f].push_back(s[f][i]);
        }
        const std::vector<Series> got = RunIndicator(spec.id, broken);
        const std::vector<Series> want_head = RunIndicator(spec.id, head);
        const std::vector<Series> want_tail = RunIndicator(spec.id, tail);
        for (size_t j = 0; j < got.size(); ++j) {
          for (size_t i = 0; i < s.size(); ++i) {
            const double want = i < cut ? want_head[j][i] : i == cut ? kNaN : want_tail[j][i - cut - 1];
            ASSERT_TRUE(got[j][i] == want || (std::isnan(got[j][i]) && std::isnan(want)))
                << spec.name << " input " << spec.inputs[k] << " output " << j << " row " << i;
          }
        }
      }
    }
  }
}

TEST(EveryIndicator, FlatSeriesGivesFiniteValuesAndTaLibsDegenerateCases) {
  Ohlcv flat;
  for (size_t f = 0; f < 4; ++f) flat[f].assign(120, 50);  // open, high, low, close
  flat.volume.assign(120, 10);
  for (int i = 0; i < 120; ++i) flat.anchor.push_back(i % 50 == 7 ? 1.0 : 0.0);
  for (const Spec& spec : AllSpecs()) {
    const size_t lb = LookbackOf(spec.id);
    for (const Series& o : RunIndicator(spec.id, flat)) {
      for (size_t i = lb; i < o.size(); ++i) ASSERT_TRUE(std::isfinite(o[i])) << spec.name << " " << i;
    }
  }
  // 0/0 cases are 0, as in TA-Lib.
  for (Id id : {Id::kRsi, Id::kWillr, Id::kCci, Id::kPlusDi, Id::kMinusDi, Id::kDx, Id::kAdx,
                Id::kAdxr, Id::kStddev, Id::kVar, Id::kAtr, Id::kMom, Id::kRoc, Id::kTrange,
                Id::kCmo, Id::kMfi, Id::kApo, Id::kPpo, Id::kTrix, Id::kBop, Id::kRocp}) {
    const Series o = RunIndicator(id, flat)[0];
    EXPECT_EQ(o.back(), 0.0) << FindSpec(id)->name;
  }
  EXPECT_EQ(RunIndicator(Id::kSma, flat)[0].back(), 50.0);
  EXPECT_EQ(RunIndicator(Id::kBbands, flat)[0].back(), 50.0);
  EXPECT_EQ(RunIndicator(Id::kStoch, flat)[0].back(), 0.0);
  EXPECT_EQ(RunIndicator(Id::kKama, flat)[0].back(), 50.0);
  EXPECT_EQ(RunIndicator(Id::kRocr, flat)[0].back(), 1.0);
  // Oscillators of spread, trend and money flow: all 0 on a flat series.
  for (Id id : {Id::kStochRsi, Id::kUltOsc, Id::kLinearRegSlope, Id::kLinearRegAngle,
                Id::kAdOsc, Id::kCmf, Id::kTsi}) {
    for (const Series& o : RunIndicator(id, flat)) EXPECT_EQ(o.back(), 0.0) << FindSpec(id)->name;
  }
  for (Id id : {Id::kHma, Id::kVwma, Id::kLinearReg, Id::kLinearRegIntercept, Id::kTsf,
                Id::kVwap, Id::kAnchoredVwap, Id::kDonchian, Id::kIchimoku, Id::kPivots,
                Id::kSar}) {
    for (const Series& o : RunIndicator(id, flat)) EXPECT_EQ(o.back(), 50.0) << FindSpec(id)->name;
  }
  EXPECT_EQ(RunIndicator(Id::kSupertrend, flat)[0].back(), 50.0);
  // Keltner's middle line and Elder ray's base are EMAs, whose vector scan
  // rounds at price scale; the rounding depends on the target's lane count
  // (exact with AVX-512's eight lanes, not with AVX2's four), so both are
  // checked to 1e-12 relative.
  for (const Series& o : RunIndicator(Id::kKeltner, flat)) EXPECT_NEAR(o.back(), 50.0, 50e-12);
  for (const Series& o : RunIndicator(Id::kElderRay, flat)) EXPECT_NEAR(o.back(), 0.0, 1e-12);
}

TEST(EveryIndicator, SeriesShorterThanAPeriodIsAnErrorUpToTheLookbackAllNaN) {
  const Ohlcv s = RandomOhlcv(100, 10);
  for (const Spec& spec : AllSpecs()) {
    const size_t lb = LookbackOf(spec.id);
    const size_t longest = LongestPeriod(spec, {});
    auto shortened = [&](size_t m) {
      Ohlcv t = s;
      for (Series* c : {&t.open, &t.high, &t.low, &t.close, &t.volume, &t.anchor}) c->resize(m);
      return t;
    };
    // One row short of the longest period: an error naming the period.
    if (longest >= 2) {
      const Ohlcv t = shortened(longest - 1);
      Workspace ws(AllocatorHooks::Default());
      Series out(t.size());
      double* ptr = out.data();
      const absl::Status st =
          Compute(spec.id, InputsFor(spec, t), {}, absl::MakeConstSpan(&ptr, 1), t.size(), &ws);
      EXPECT_EQ(CodeOf(st), ErrorCode::kSeriesTooShort) << spec.name << ": " << st;
      EXPECT_NE(std::string(st.message())
                    .find(absl::StrCat(longest, " is longer than the series (", longest - 1,
                                       " rows)")),
                std::string::npos)
          << st.message();
    }
    {
      Workspace ws(AllocatorHooks::Default());
      EXPECT_EQ(CodeOf(Compute(spec.id, InputsFor(spec, shortened(0)), {}, {}, 0, &ws)),
                ErrorCode::kEmptySeries)
          << spec.name;
    }
    // From the longest period up to the lookback: all NaN, no error.
    for (size_t m : {std::max<size_t>(longest, 1), lb, lb + 1}) {
      if (m < std::max<size_t>(longest, 1)) continue;
      for (const Series& o : RunIndicator(spec.id, shortened(m))) {
        for (size_t i = 0; i < m; ++i) {
          ASSERT_EQ(std::isnan(o[i]), i < lb) << spec.name << " m=" << m << " i=" << i;
        }
      }
    }
  }
}

// ---- Bad input ------------------------------------------------------------------

ErrorCode CodeFor(Id id, std::vector<StridedView<double>> in, std::vector<double> params,
                  std::vector<double*> out, size_t capacity) {
  Workspace ws(AllocatorHooks::Default());
  return CodeOf(Compute(id, in, params, out, capacity, &ws));
}

TEST(BadInput, GetsTheRightStatus) {
  const Ohlcv s = RandomOhlcv(50, 11);
  Series out(50), out2(50), out3(50);
  const StridedView<double> c(s.close.data(), 50, 0), h(s.high.data(), 50, 0),
      l(s.low.data(), 50, 0);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {0}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {1}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {2.5}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {kNaN}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {100001}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {5, 1}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kBbands, {c}, {5, 2, 2, 6}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(static_cast<Id>(0), {c}, {}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(static_cast<Id>(9999), {c}, {}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c, c}, {}, {out.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {}, {out.data(), out2.data()}, 50), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {}, {out.data()}, 49), ErrorCode::kBufferTooSmall);
  EXPECT_EQ(CodeFor(Id::kSma, {StridedView<double>(nullptr, 50, 0)}, {}, {out.data()}, 50),
            ErrorCode::kNullArgument);
  EXPECT_EQ(CodeFor(Id::kAtr, {h, l, StridedView<double>(s.close.data(), 49, 0)}, {},
                    {out.data()}, 50),
            ErrorCode::kLengthMismatch);
  // high and low swapped: high < low.
  EXPECT_EQ(CodeFor(Id::kAtr, {l, h, c}, {}, {out.data()}, 50), ErrorCode::kInconsistentOhlc);
  Series negative = s.volume;
  negative[20] = -1;
  EXPECT_EQ(CodeFor(Id::kObv, {c, StridedView<double>(negative.data(), 50, 0)}, {},
                    {out.data()}, 50),
            ErrorCode::kNegativeVolume);
  // Omitted trailing parameters take defaults; omitted or null outputs are
  // simply not written.
  EXPECT_EQ(CodeFor(Id::kMacd, {c}, {12}, {nullptr, out2.data()}, 50), ErrorCode::kOk);
  EXPECT_EQ(CodeFor(Id::kMacd, {c}, {}, {}, 0), ErrorCode::kOk);
  EXPECT_EQ(CodeFor(Id::kSma, {StridedView<double>(nullptr, 0, 0)}, {}, {out.data()}, 0),
            ErrorCode::kEmptySeries);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {51}, {out.data()}, 50), ErrorCode::kSeriesTooShort);
  EXPECT_EQ(CodeFor(Id::kSma, {c}, {50}, {out.data()}, 50), ErrorCode::kOk);
  EXPECT_EQ(CodeFor(Id::kStoch, {h, l, c}, {5, 3, 0, 51}, {out.data()}, 50),
            ErrorCode::kSeriesTooShort);
}

TEST(BadInput, LookbackRejectsWhatComputeRejects) {
  EXPECT_FALSE(Lookback(Id::kSma, std::vector<double>{0}).ok());
  EXPECT_FALSE(Lookback(static_cast<Id>(0), {}).ok());
  EXPECT_EQ(*Lookback(Id::kMacd, {}), 33u);
  EXPECT_EQ(*Lookback(Id::kMacd, std::vector<double>{26, 12, 9}), 33u);
  EXPECT_EQ(*Lookback(Id::kAdx, {}), 27u);
  EXPECT_EQ(*Lookback(Id::kAdxr, {}), 40u);
  EXPECT_EQ(*Lookback(Id::kBbands, std::vector<double>{20, 2, 2, 4}), 57u);
  EXPECT_EQ(*Lookback(Id::kEma, std::vector<double>{10, 1}), 0u);
}

TEST(Specs, IdsAreDenseAndNamesUnique) {
  size_t k = 1;
  for (const Spec& spec : AllSpecs()) {
    EXPECT_EQ(static_cast<size_t>(spec.id), k++);
    EXPECT_EQ(FindSpec(spec.name), &spec);
    EXPECT_EQ(FindSpec(spec.id), &spec);
    for (size_t p = 0; p < spec.param_count; ++p) {
      EXPECT_GE(spec.params[p].default_value, spec.params[p].min_value) << spec.name;
      EXPECT_LE(spec.params[p].default_value, spec.params[p].max_value) << spec.name;
    }
  }
  EXPECT_EQ(FindSpec("nope"), nullptr);
}

TEST(WorkspaceTest, ReusesScratchAcrossCalls) {
  const Ohlcv s = RandomOhlcv(1000, 12);
  Workspace ws(AllocatorHooks::Default());
  Series out(1000);
  const StridedView<double> c(s.close.data(), 1000, 0);
  ASSERT_TRUE(Compute(Id::kTema, {&c, 1}, {}, {out.data()}, 1000, &ws).ok());
  const size_t after_first = ws.capacity_bytes();
  EXPECT_GT(after_first, 0u);
  ASSERT_TRUE(Compute(Id::kTema, {&c, 1}, {}, {out.data()}, 1000, &ws).ok());
  EXPECT_EQ(ws.capacity_bytes(), after_first);
}

}  // namespace
}  // namespace indicators
}  // namespace candlewick
