// The moving averages over a whole series (TA-Lib's definitions; formulas
// in docs/indicators.md). The heavy loops are the kernels of
// moving_average/kernels.h; the recurrences are the classes of
// moving_average/scalar.h, which the stream (moving_average/stream.cc) runs
// bar by bar.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cc/indicators/moving_average/moving_average.h"

namespace candlewick {
namespace indicators {

size_t MaLookback(MaType type, size_t n) {
  switch (type) {
    case MaType::kDema:
      return 2 * (n - 1);
    case MaType::kTema:
      return 3 * (n - 1);
    default:
      return n - 1;
  }
}

namespace {

using namespace stream_internal;  // the engine factories

struct Sma : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    SmaInto(in[0], m, Period(p, 0), out[0]);
  }
};

// params: period, seed (0: SMA of the first n values as TA-Lib; 1: the first
// value, as Tulip and pandas' ewm(adjust=False), defined from bar 0).
struct Ema {
  static size_t Lookback(const double* p) { return p[1] == 0 ? Period(p, 0) - 1 : 0; }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    if (p[1] == 0) return EmaInto(in[0], m, n, out[0]);
    EmaStep ema(n, /*seed_first=*/true);
    ema.Push(in[0][0], &out[0][0]);
    LinearRecurrence(in[0] + 1, m - 1, ema.a(), ema.k(), in[0][0], out[0] + 1);
  }
};

struct Wma : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    WmaInto(in[0], m, Period(p, 0), out[0]);
  }
};

// DEMA (K = 2) and TEMA (K = 3) validate x block by block while they
// compute (EmaChain).
template <size_t K>
struct DemaTema : ComputedByChecked<DemaTema<K>> {
  static size_t Lookback(const double* p) { return K * (Period(p, 0) - 1); }
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    return DemaTemaInto<K>(in[0], m, Period(p, 0), out[0], scratch, /*check=*/true);
  }
};
using Dema = DemaTema<2>;
using Tema = DemaTema<3>;

struct Trima : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    TrimaInto(in[0], m, Period(p, 0), out[0], scratch);
  }
};

// Kaufman's adaptive MA (TA-Lib): KamaSmoothingConstant from the n-bar
// change and a drift-free rolling sum of the one-bar moves, then the
// adaptive recurrence from x[n-1], first value at bar n. In one validating
// pass (KamaChecked); the separate kernels where it does not apply.
struct Kama : ComputedByChecked<Kama>, PeriodLookback {
  template <class In>
  static bool Checked(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    if (!KamaChecked(in[0], m, n, scratch.Doubles(KamaCheckedScratch(m, n)), out[0])) {
      for (size_t i = 0; i < m; ++i) {
        if (!std::isfinite(in[0][i])) return false;
      }
      Separate(in, m, n, out, scratch);  // vectors too wide for KamaChecked
    }
    FillNaN(out[0], n);
    return true;
  }
  template <class In>
  static void Separate(const In* in, size_t m, size_t n, double* const* out, Scratch scratch) {
    const In x = in[0];
    double* moves = scratch.Doubles(m);
    double* sum = scratch.Doubles(m);
    moves[0] = 0;
    for (size_t i = 1; i < m; ++i) moves[i] = std::fabs(x[i] - x[i - 1]);
    RollingSum(moves + 1, m - 1, n, 1.0, sum + 1);  // sum[i]: moves i-n+1..i
    double* sc = moves;  // the moves are no longer needed
    KamaConstants(x, sum, m, n, sc);
    AdaptiveSmoothing(x + n, sc + n, m - n, x[n - 1], out[0] + n);
  }
};

// Hull MA: WMA(2 WMA(x, n/2) - WMA(x, n), floor(sqrt(n))).
struct Hma {
  static size_t Lookback(const double* p) {
    const size_t n = Period(p, 0);
    return n - 1 + IntSqrt(n) - 1;
  }
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out,
                      Scratch scratch) {
    const size_t n = Period(p, 0);
    double* half = scratch.Doubles(m);
    double* full = scratch.Doubles(m);
    WmaInto(in[0], m, n / 2, half);
    WmaInto(in[0], m, n, full);
    for (size_t i = n - 1; i < m; ++i) full[i] = 2.0 * half[i] - full[i];
    FillNaN(out[0], n - 1);
    WmaInto(full + (n - 1), m - (n - 1), IntSqrt(n), out[0] + (n - 1));
  }
};

struct Sum : WindowLookback {
  template <class In>
  static void Compute(const In* in, size_t m, const double* p, double* const* out, Scratch) {
    const size_t n = Period(p, 0);
    FillNaN(out[0], n - 1);
    RollingSum(in[0], m, n, 1.0, out[0]);
  }
};

}  // namespace

constexpr Implementation kSma = Implement<Sma>(NewSmaEngine);
constexpr Implementation kEma = Implement<Ema>(NewEmaEngine);
constexpr Implementation kWma = Implement<Wma>(NewWmaEngine);
constexpr Implementation kDema = Implement<Dema>(NewDemaEngine);
constexpr Implementation kTema = Implement<Tema>(NewTemaEngine);
constexpr Implementation kTrima = Implement<Trima>(NewTrimaEngine);
constexpr Implementation kKama = Implement<Kama>(NewKamaEngine);
constexpr Implementation kHma = Implement<Hma>(NewHmaEngine);
constexpr Implementation kSum = Implement<Sum>(NewSumEngine);

}  // namespace indicators
}  // namespace candlewick
