// Streaming engines: one class per indicator, built from a few fixed-size
// primitives (ring buffer, sliding sum, EMA, WMA, rolling extreme, window
// moments). Each reproduces the batch algorithm of functions.cc step by step
// (same seeds, same operation order where the batch loop is scalar), so the
// outputs equal Compute()'s at the same row.
//
// All arrays live in one block from the allocator hooks. Its size is found by
// building the engine once in "measure" mode (an Arena without memory, whose
// arrays are null and never touched), then for real.
#include "cc/indicators/stream.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <new>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "cc/indicators/kernels_reference.h"
#include "cc/indicators/parabolic_sar.h"

namespace candlewick {
namespace indicators {
namespace stream_internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t Period(const double* p, size_t k) { return static_cast<size_t>(p[k]); }
double EmaK(size_t n) { return 2.0 / (static_cast<double>(n) + 1.0); }

}  // namespace

// Bump allocation inside one block; with base == nullptr it only measures.
class Arena {
 public:
  explicit Arena(unsigned char* base) : base_(base) {}
  size_t used() const { return used_; }

  template <typename T>
  T* Array(size_t count) {
    if (count == 0) return nullptr;
    const size_t offset = Reserve(count * sizeof(T), alignof(T));
    return base_ == nullptr ? nullptr : reinterpret_cast<T*>(base_ + offset);
  }

  // Constructs a T (whose constructor requests its arrays from this arena).
  // In measure mode the T is built in a temporary and destroyed: only its
  // size and its arrays' sizes count.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    const size_t offset = Reserve(sizeof(T), alignof(T));
    if (base_ == nullptr) {
      alignas(T) unsigned char tmp[sizeof(T)];
      T* t = new (tmp) T(std::forward<Args>(args)...);
      t->~T();
      return nullptr;
    }
    return new (base_ + offset) T(std::forward<Args>(args)...);
  }

 private:
  size_t Reserve(size_t bytes, size_t align) {
    align = std::max<size_t>(align, 16);
    used_ = (used_ + align - 1) / align * align;
    const size_t offset = used_;
    used_ += bytes;
    return offset;
  }

  unsigned char* base_;
  size_t used_ = 0;
};

// What every indicator's streaming state implements. in: the bar's input
// values, finite and validated; out: the spec's output_count doubles.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual void Push(const double* in, double* out) = 0;
  virtual void Reset() = 0;
};

namespace {

// ---- Primitives --------------------------------------------------------------

// The last `cap` values.
class Ring {
 public:
  Ring(Arena& a, size_t cap) : v_(a.Array<double>(cap)), cap_(cap) {}
  void Reset() { head_ = count_ = 0; }
  bool full() const { return count_ == cap_; }
  size_t size() const { return count_; }
  // Appends x and returns the value it displaced (x itself while not full).
  double Push(double x) {
    double old = x;
    if (count_ == cap_) {
      old = v_[head_];
    } else {
      ++count_;
    }
    v_[head_] = x;
    head_ = head_ + 1 == cap_ ? 0 : head_ + 1;
    return old;
  }
  // k-th oldest value (0 <= k < size()).
  double At(size_t k) const {
    size_t pos = head_ + cap_ - count_ + k;
    if (pos >= cap_) pos -= cap_;
    if (pos >= cap_) pos -= cap_;
    return v_[pos];
  }

 private:
  double* v_;
  size_t cap_;
  size_t head_ = 0, count_ = 0;
};

// Sum of the last n values. The running sum (s += x - x[i-n], as the batch's
// scalar tail) is replaced every n bars by a fresh sum of exactly the
// current window, accumulated value by value as the window fills, so
// rounding cannot drift and no push costs more than O(1).
class SlidingSum {
 public:
  SlidingSum(Arena& a, size_t n) : ring_(a, n), n_(n) {}
  void Reset() {
    ring_.Reset();
    sum_ = fresh_ = 0;
    fresh_count_ = 0;
  }
  // True once n values are in (then *sum is their sum).
  bool Push(double x, double* sum) {
    if (!ring_.full()) {
      ring_.Push(x);
      sum_ += x;
      if (!ring_.full()) return false;
      *sum = sum_;
      return true;
    }
    const double old = ring_.Push(x);
    sum_ += x - old;
    fresh_ += x;
    if (++fresh_count_ == n_) {
      sum_ = fresh_;
      fresh_ = 0;
      fresh_count_ = 0;
    }
    *sum = sum_;
    return true;
  }
  const Ring& ring() const { return ring_; }

 private:
  Ring ring_;
  size_t n_;
  double sum_ = 0, fresh_ = 0;
  size_t fresh_count_ = 0;
};

// TA-Lib's EMA: the mean of the first n values (summed in order, as the
// batch seed), then y = (1-k) y + k x. seed_first: y starts at the first
// value (Tulip / pandas adjust=False).
class Ema {
 public:
  Ema(size_t n, bool seed_first = false)
      : n_(n), k_(EmaK(n)), a_(1.0 - EmaK(n)), seed_first_(seed_first) {}
  void Reset() {
    count_ = 0;
    sum_ = y_ = 0;
  }
  bool Push(double x, double* y) {
    if (count_ >= (seed_first_ ? 1 : n_)) {
      y_ = a_ * y_ + k_ * x;
    } else if (seed_first_) {
      y_ = x;
      ++count_;
    } else {
      sum_ += x;
      if (++count_ < n_) return false;
      y_ = sum_ / static_cast<double>(n_);
    }
    *y = y_;
    return true;
  }

 private:
  size_t n_;
  double k_, a_;
  bool seed_first_;
  size_t count_ = 0;
  double sum_ = 0, y_ = 0;
};

// The batch WMA bit for bit: weighted sum W and plain sum S updated as
// W += n x - S; S += x - x[i-n], both recomputed directly (in the batch's
// order) at bars n-1, n-1+R, n-1+2R, ... with R = max(64, n). The direct sums
// are accumulated by a shadow while their window fills (R >= n, so shadows
// never overlap), keeping every push O(1).
class Wma {
 public:
  Wma(Arena& a, size_t n)
      : ring_(a, n),
        n_(n),
        // The batch loop re-sums at bar n-1, then runs max(64, n) bars of
        // updates before the next re-sum.
        resync_(std::max<size_t>(64, n) + 1),
        divider_(static_cast<double>(n) * static_cast<double>(n + 1) / 2.0) {}
  void Reset() {
    ring_.Reset();
    t_ = 0;
    next_ = n_ - 1;
    w_ = s_ = sw_ = ss_ = 0;
  }
  bool Push(double x, double* y) {
    const double old = ring_.Push(x);
    // Position of this bar in the window ending at the next resync bar.
    if (t_ + n_ > next_) {
      const size_t k = t_ + n_ - 1 - next_;
      if (k == 0) sw_ = ss_ = 0;
      sw_ += static_cast<double>(k + 1) * x;
      ss_ += x;
    }
    bool defined = true;
    if (t_ == next_) {
      w_ = sw_;
      s_ = ss_;
      next_ += resync_;
    } else if (t_ + 1 > n_) {
      w_ += static_cast<double>(n_) * x - s_;
      s_ += x - old;
    } else {
      defined = false;
    }
    ++t_;
    if (defined) *y = w_ / divider_;
    return defined;
  }

 private:
  Ring ring_;
  size_t n_, resync_;
  double divider_;
  size_t t_ = 0, next_ = 0;
  double w_ = 0, s_ = 0, sw_ = 0, ss_ = 0;
};

// Rolling extreme of the last w values by a monotonic deque in a fixed ring
// (exactly ForEachWindowExtreme of functions.cc: the most recent bar wins
// ties). Indices count bars since the last Reset.
template <bool kMax>
class Extreme {
 public:
  Extreme(Arena& a, size_t w) : idx_(a.Array<size_t>(w)), val_(a.Array<double>(w)), w_(w) {}
  void Reset() { head_ = count_ = i_ = 0; }
  bool Push(double x, double* value, size_t* index) {
    if (count_ > 0 && idx_[head_] + w_ <= i_) {
      head_ = head_ + 1 == w_ ? 0 : head_ + 1;
      --count_;
    }
    while (count_ > 0) {
      const double back = val_[Pos(count_ - 1)];
      if (kMax ? back <= x : back >= x) {
        --count_;
      } else {
        break;
      }
    }
    const size_t pos = Pos(count_);
    idx_[pos] = i_;
    val_[pos] = x;
    ++count_;
    const bool full = i_ + 1 >= w_;
    ++i_;
    if (!full) return false;
    *value = val_[head_];
    if (index != nullptr) *index = idx_[head_];
    return true;
  }

 private:
  size_t Pos(size_t k) const {
    size_t pos = head_ + k;
    return pos >= w_ ? pos - w_ : pos;
  }
  size_t* idx_;
  double* val_;
  size_t w_;
  size_t head_ = 0, count_ = 0, i_ = 0;
};

// A double-double accumulator (value hi + lo): sums of n terms stay exact to
// about 2^-104 of their magnitude.
struct DoubleDouble {
  double hi = 0, lo = 0;
  void Add(double x, double x_err = 0) {
    const double s = hi + x;
    const double bb = s - hi;
    double e = (hi - (s - bb)) + (x - bb);
    e += lo + x_err;
    hi = s + e;
    lo = e - (hi - s);
  }
  double value() const { return hi + lo; }
};

// Population variance of the last n values in O(1) per bar. Deviations
// d = x - K from a shift K near the data, their sum and the sum of their
// exact squares (FMA error term) in double-double, so the corrected formula
// (S2 - S1^2/n)/n loses nothing to cancellation. Every n bars the shift is
// renewed: a shadow pair of sums, around the value that started it, is
// accumulated while a window fills and then replaces the sliding one.
// A naive running sum of squares would lose up to 1e-2 on a series falling
// from 800 to 0.005; this keeps about 1e-15.
class WindowMoments {
 public:
  WindowMoments(Arena& a, size_t n) : ring_(a, n), n_(n) {}
  void Reset() {
    ring_.Reset();
    s1_ = s2_ = t1_ = t2_ = DoubleDouble();
    fresh_count_ = 0;
  }
  bool Push(double x, double* variance) {
    if (ring_.size() == 0) k_ = x;
    if (!ring_.full()) {
      ring_.Push(x);
      Add(&s1_, &s2_, x - k_, 1.0);
      if (!ring_.full()) return false;
    } else {
      const double old = ring_.Push(x);
      Add(&s1_, &s2_, x - k_, 1.0);
      Add(&s1_, &s2_, old - k_, -1.0);
      if (fresh_count_ == 0) fresh_k_ = x;
      Add(&t1_, &t2_, x - fresh_k_, 1.0);
      if (++fresh_count_ == n_) {
        s1_ = t1_;
        s2_ = t2_;
        k_ = fresh_k_;
        t1_ = t2_ = DoubleDouble();
        fresh_count_ = 0;
      }
    }
    const double dn = static_cast<double>(n_);
    // q = S1^2 / n in double-double.
    const double h = s1_.hi;
    const double p = h * h;
    const double pe = std::fma(h, h, -p) + 2.0 * h * s1_.lo;
    const double qh = p / dn;
    const double ql = (std::fma(-qh, dn, p) + pe) / dn;
    DoubleDouble diff = s2_;
    diff.Add(-qh, -ql);
    const double v = diff.value() / dn;
    *variance = v > 0 ? v : 0.0;
    return true;
  }

 private:
  static void Add(DoubleDouble* s1, DoubleDouble* s2, double d, double sign) {
    const double sq = d * d;
    s1->Add(sign * d);
    s2->Add(sign * sq, sign * std::fma(d, d, -sq));
  }
  Ring ring_;
  size_t n_;
  double k_ = 0, fresh_k_ = 0;
  DoubleDouble s1_, s2_, t1_, t2_;
  size_t fresh_count_ = 0;
};

// A moving average of any MaType, as MovingAverage() of functions.cc.
class MovingAvg {
 public:
  MovingAvg(Arena& a, MaType type, size_t n)
      : type_(type),
        n_(n),
        sum1_(a, type == MaType::kSma ? n : type == MaType::kTrima ? TrimaA(n) : 0),
        sum2_(a, type == MaType::kTrima ? TrimaB(n) : 0),
        wma_(a, type == MaType::kWma ? n : 0),
        e1_(n),
        e2_(n),
        e3_(n) {}
  void Reset() {
    sum1_.Reset();
    sum2_.Reset();
    if (type_ == MaType::kWma) wma_.Reset();
    e1_.Reset();
    e2_.Reset();
    e3_.Reset();
  }
  bool Push(double x, double* y) {
    double a, b, c;
    switch (type_) {
      case MaType::kSma:
        if (!sum1_.Push(x, &a)) return false;
        *y = (1.0 / static_cast<double>(n_)) * a;
        return true;
      case MaType::kEma:
        return e1_.Push(x, y);
      case MaType::kWma:
        return wma_.Push(x, y);
      case MaType::kDema:
        if (!e1_.Push(x, &a) || !e2_.Push(a, &b)) return false;
        *y = 2.0 * a - b;
        return true;
      case MaType::kTema:
        if (!e1_.Push(x, &a) || !e2_.Push(a, &b) || !e3_.Push(b, &c)) return false;
        *y = 3.0 * a - 3.0 * b + c;
        return true;
      case MaType::kTrima:
        if (!sum1_.Push(x, &a)) return false;
        a *= 1.0 / static_cast<double>(TrimaA(n_));
        if (!sum2_.Push(a, &b)) return false;
        *y = (1.0 / static_cast<double>(TrimaB(n_))) * b;
        return true;
    }
    return false;
  }

 private:
  static size_t TrimaA(size_t n) { return n % 2 == 1 ? (n + 1) / 2 : n / 2; }
  static size_t TrimaB(size_t n) { return n % 2 == 1 ? (n + 1) / 2 : n / 2 + 1; }
  MaType type_;
  size_t n_;
  SlidingSum sum1_, sum2_;
  Wma wma_;
  Ema e1_, e2_, e3_;
};

// ---- Engines -------------------------------------------------------------------

class MaEngine final : public Engine {
 public:
  MaEngine(Arena& a, MaType type, size_t n) : ma_(a, type, n) {}
  void Push(const double* in, double* out) override {
    if (!ma_.Push(in[0], out)) out[0] = kNaN;
  }
  void Reset() override { ma_.Reset(); }

 private:
  MovingAvg ma_;
};

class EmaEngine final : public Engine {
 public:
  EmaEngine(size_t n, bool seed_first) : ema_(n, seed_first) {}
  void Push(const double* in, double* out) override {
    if (!ema_.Push(in[0], out)) out[0] = kNaN;
  }
  void Reset() override { ema_.Reset(); }

 private:
  Ema ema_;
};

class SumEngine final : public Engine {
 public:
  SumEngine(Arena& a, size_t n) : sum_(a, n) {}
  void Push(const double* in, double* out) override {
    if (!sum_.Push(in[0], out)) out[0] = kNaN;
  }
  void Reset() override { sum_.Reset(); }

 private:
  SlidingSum sum_;
};

// RSI (kCmo false) and CMO: Wilder-smoothed gains and losses.
template <bool kCmo>
class WilderRatioEngine final : public Engine {
 public:
  explicit WilderRatioEngine(size_t n)
      : n_(n),
        a_(static_cast<double>(n - 1) / static_cast<double>(n)),
        b_(1.0 / static_cast<double>(n)) {}
  void Reset() override { t_ = 0; }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    out[0] = kNaN;
    if (t_ == 0) {
      gain_ = loss_ = 0;
    } else {
      const double move = x - prev_;
      if (t_ <= n_) {
        if (move < 0) {
          loss_ -= move;
        } else {
          gain_ += move;
        }
        if (t_ == n_) {
          gain_ /= static_cast<double>(n_);
          loss_ /= static_cast<double>(n_);
          out[0] = Value();
        }
      } else {
        gain_ = a_ * gain_ + b_ * (move > 0 ? move : 0.0);
        loss_ = a_ * loss_ + b_ * (move < 0 ? -move : 0.0);
        out[0] = Value();
      }
    }
    prev_ = x;
    ++t_;
  }

 private:
  double Value() const { return kCmo ? CmoValue(gain_, loss_) : RsiValue(gain_, loss_); }
  size_t n_;
  double a_, b_;
  size_t t_ = 0;
  double prev_ = 0, gain_ = 0, loss_ = 0;
};

class MacdEngine final : public Engine {
 public:
  MacdEngine(size_t p0, size_t p1, size_t signal)
      : fast_(std::min(p0, p1)),
        slow_(std::max(p0, p1)),
        signal_(signal),
        start_(slow_ - 1),
        lb_(slow_ - 1 + signal - 1),
        kf_(EmaK(fast_)),
        ks_(EmaK(slow_)),
        kg_(EmaK(signal)) {}
  void Reset() override {
    t_ = 0;
    fast_sum_ = slow_sum_ = signal_sum_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    double macd = kNaN;
    if (t_ < start_) {
      slow_sum_ += x;
      if (t_ + fast_ > start_) fast_sum_ += x;
    } else if (t_ == start_) {
      slow_sum_ += x;
      fast_sum_ += x;
      ef_ = fast_sum_ / static_cast<double>(fast_);
      es_ = slow_sum_ / static_cast<double>(slow_);
      macd = ef_ - es_;
    } else {
      ef_ = (1 - kf_) * ef_ + kf_ * x;
      es_ = (1 - ks_) * es_ + ks_ * x;
      macd = ef_ - es_;
    }
    out[0] = out[1] = out[2] = kNaN;
    if (t_ >= start_ && t_ <= lb_) {
      signal_sum_ += macd;
      if (t_ == lb_) {
        sig_ = signal_sum_ / static_cast<double>(signal_);
        Emit(macd, out);
      }
    } else if (t_ > lb_) {
      sig_ = (1.0 - kg_) * sig_ + kg_ * macd;
      Emit(macd, out);
    }
    ++t_;
  }

 private:
  void Emit(double macd, double* out) const {
    out[0] = macd;
    out[1] = sig_;
    out[2] = macd - sig_;
  }
  size_t fast_, slow_, signal_, start_, lb_;
  double kf_, ks_, kg_;
  size_t t_ = 0;
  double fast_sum_ = 0, slow_sum_ = 0, signal_sum_ = 0, ef_ = 0, es_ = 0, sig_ = 0;
};

// BBANDS, STDDEV and VAR: the window's population variance (VAR and STDDEV
// times Bessel's factor when `sample` is set).
class DeviationEngine final : public Engine {
 public:
  enum Kind { kBands, kStddev, kVar };
  DeviationEngine(Arena& a, Kind kind, size_t n, const double* p)
      : kind_(kind),
        moments_(a, n),
        middle_(a, kind == kBands ? static_cast<MaType>(p[3]) : MaType::kSma,
                kind == kBands ? n : 1),
        up_(kind == kBands ? p[1] : kind == kStddev ? p[1] * std::sqrt(Sample(p, n)) : 0),
        down_(kind == kBands ? p[2] : 0),
        sample_(kind == kVar ? Sample(p, n) : 1.0) {}
  void Reset() override {
    moments_.Reset();
    middle_.Reset();
  }
  void Push(const double* in, double* out) override {
    double var = 0, middle = 0;
    const bool have_var = moments_.Push(in[0], &var);
    if (kind_ == kVar) {
      out[0] = have_var ? var * sample_ : kNaN;
      return;
    }
    if (kind_ == kStddev) {
      out[0] = have_var ? std::sqrt(var) * up_ : kNaN;
      return;
    }
    if (!middle_.Push(in[0], &middle)) {
      out[0] = out[1] = out[2] = kNaN;
      return;
    }
    const double sd = std::sqrt(var);
    out[0] = middle + up_ * sd;
    out[1] = middle;
    out[2] = middle - down_ * sd;
  }

 private:
  // VAR and STDDEV's `sample` (p[2]): Bessel's factor n/(n-1), 1 for n = 1
  // (as the batch's SampleFactor).
  static double Sample(const double* p, size_t n) {
    return p[2] != 0 && n > 1 ? static_cast<double>(n) / static_cast<double>(n - 1) : 1.0;
  }
  Kind kind_;
  WindowMoments moments_;
  MovingAvg middle_;
  double up_, down_, sample_;
};

// TRANGE (kAtr false), ATR and NATR.
class TrueRangeEngine final : public Engine {
 public:
  enum Kind { kTrange, kAtr, kNatr };
  TrueRangeEngine(Kind kind, size_t n)
      : kind_(kind),
        n_(n),
        a_(static_cast<double>(n - 1) / static_cast<double>(n)),
        b_(1.0 / static_cast<double>(n)) {}
  void Reset() override { t_ = 0; }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1], c = in[2];
    out[0] = kNaN;
    if (t_ == 0) {
      sum_ = 0;
    } else {
      const double tr = TrueRangeValue(h, l, prev_close_);
      if (kind_ == kTrange) {
        out[0] = tr;
      } else if (t_ < n_) {
        sum_ += tr;
      } else {
        if (t_ == n_) {
          sum_ += tr;
          atr_ = sum_ / static_cast<double>(n_);
        } else {
          atr_ = a_ * atr_ + b_ * tr;
        }
        out[0] = kind_ == kAtr ? atr_ : (c != 0 ? (atr_ / c) * 100.0 : 0.0);
      }
    }
    prev_close_ = c;
    ++t_;
  }

 private:
  Kind kind_;
  size_t n_;
  double a_, b_;
  size_t t_ = 0;
  double prev_close_ = 0, sum_ = 0, atr_ = 0;
};

// MOM and the ROC family: x against x[i-n].
class ChangeEngine final : public Engine {
 public:
  ChangeEngine(Arena& a, Id id, size_t n) : id_(id), ring_(a, n) {}
  void Reset() override { ring_.Reset(); }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    const bool full = ring_.full();
    const double prev = ring_.Push(x);
    if (!full) {
      out[0] = kNaN;
      return;
    }
    switch (id_) {
      case Id::kMom:
        out[0] = x - prev;
        break;
      case Id::kRoc:
        out[0] = prev != 0 ? (x / prev - 1.0) * 100.0 : 0.0;
        break;
      case Id::kRocp:
        out[0] = prev != 0 ? (x - prev) / prev : 0.0;
        break;
      case Id::kRocr:
        out[0] = prev != 0 ? x / prev : 0.0;
        break;
      default:  // kRocr100
        out[0] = prev != 0 ? (x / prev) * 100.0 : 0.0;
        break;
    }
  }

 private:
  Id id_;
  Ring ring_;
};

// WILLR, STOCHF, STOCH, MIDPRICE, MIDPOINT, MAX, MIN: rolling extremes.
class RangeEngine final : public Engine {
 public:
  RangeEngine(Arena& a, Id id, const double* p)
      : id_(id),
        n_(Period(p, 0)),
        high_(a, NeedsHigh(id) ? n_ : 0),
        low_(a, NeedsLow(id) ? n_ : 0),
        ma1_(a, Ma1Type(id, p), Ma1Period(id, p)),
        ma2_(a, id == Id::kStoch ? static_cast<MaType>(p[4]) : MaType::kSma,
             id == Id::kStoch ? Period(p, 3) : 1) {
    if (id == Id::kStoch || id == Id::kStochf) {
      double resolved[kMaxParams];
      for (size_t k = 0; k < FindSpec(id)->param_count; ++k) resolved[k] = p[k];
      lb_ = FindSpec(id)->lookback(resolved);
    }
  }
  void Reset() override {
    high_.Reset();
    low_.Reset();
    ma1_.Reset();
    ma2_.Reset();
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const size_t t = t_++;
    const size_t outputs = id_ == Id::kStoch || id_ == Id::kStochf ? 2 : 1;
    for (size_t j = 0; j < outputs; ++j) out[j] = kNaN;
    // Single-column ones (MAX, MIN, MIDPOINT) have only input 0: both
    // extremes come from it, and in[1] is not theirs to read.
    const bool one_column = id_ == Id::kMax || id_ == Id::kMin || id_ == Id::kMidpoint;
    const double hi_in = in[0];
    const double lo_in = one_column ? in[0] : in[1];
    double hh = 0, ll = 0;
    bool full = true;
    if (NeedsHigh(id_)) full = high_.Push(hi_in, &hh, nullptr);
    if (NeedsLow(id_)) full = low_.Push(lo_in, &ll, nullptr);
    if (!full) return;
    switch (id_) {
      case Id::kMax:
        out[0] = hh;
        return;
      case Id::kMin:
        out[0] = ll;
        return;
      case Id::kMidprice:
      case Id::kMidpoint:
        out[0] = (hh + ll) / 2.0;
        return;
      case Id::kWillr: {
        const double diff = (hh - ll) / -100.0;
        out[0] = diff != 0 ? (hh - in[2]) / diff : 0.0;
        return;
      }
      default:
        break;
    }
    const double diff = (hh - ll) / 100.0;
    const double fastk = diff != 0 ? (in[2] - ll) / diff : 0.0;
    double k, d;
    if (id_ == Id::kStochf) {
      if (!ma1_.Push(fastk, &d)) return;
      if (t >= lb_) {
        out[0] = fastk;
        out[1] = d;
      }
      return;
    }
    if (!ma1_.Push(fastk, &k) || !ma2_.Push(k, &d)) return;
    out[0] = k;
    out[1] = d;
  }

 private:
  static bool NeedsHigh(Id id) { return id != Id::kMin; }
  static bool NeedsLow(Id id) { return id != Id::kMax; }
  static MaType Ma1Type(Id id, const double* p) {
    if (id == Id::kStoch || id == Id::kStochf) return static_cast<MaType>(p[2]);
    return MaType::kSma;
  }
  static size_t Ma1Period(Id id, const double* p) {
    if (id == Id::kStoch || id == Id::kStochf) return Period(p, 1);
    return 1;
  }
  Id id_;
  size_t n_;
  Extreme<true> high_;
  Extreme<false> low_;
  MovingAvg ma1_, ma2_;
  size_t t_ = 0, lb_ = 0;
};

class AroonEngine final : public Engine {
 public:
  AroonEngine(Arena& a, bool osc, size_t n)
      : osc_(osc), n_(n), factor_(100.0 / static_cast<double>(n)), high_(a, n + 1),
        low_(a, n + 1) {}
  void Reset() override {
    high_.Reset();
    low_.Reset();
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const size_t i = t_++;
    double v;
    size_t kh = 0, kl = 0;
    const bool full = high_.Push(in[0], &v, &kh);
    low_.Push(in[1], &v, &kl);
    if (!full) {
      out[0] = kNaN;
      if (!osc_) out[1] = kNaN;
      return;
    }
    if (osc_) {
      out[0] = factor_ * (static_cast<double>(kh) - static_cast<double>(kl));
    } else {
      out[0] = factor_ * static_cast<double>(n_ - (i - kl));
      out[1] = factor_ * static_cast<double>(n_ - (i - kh));
    }
  }

 private:
  bool osc_;
  size_t n_;
  double factor_;
  Extreme<true> high_;
  Extreme<false> low_;
  size_t t_ = 0;
};

// +DI, -DI, DX, ADX, ADXR: Wilder's directional movement (ForEachDirectional
// of functions.cc, step by step).
class DirectionalEngine final : public Engine {
 public:
  DirectionalEngine(Arena& a, Id id, size_t n)
      : id_(id), n_(n), dn_(static_cast<double>(n)), adx_ring_(a, id == Id::kAdxr ? n : 0) {}
  void Reset() override {
    t_ = 0;
    adx_ring_.Reset();
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1], c = in[2];
    const size_t t = t_++;
    out[0] = kNaN;
    if (t == 0) {
      plus_ = minus_ = tr_ = sum_dx_ = adx_ = last_dx_ = 0;
      Remember(h, l, c);
      return;
    }
    const double diff_p = h - ph_;
    const double diff_m = pl_ - l;
    const double range = TrueRangeValue(h, l, pc_);
    Remember(h, l, c);
    double dm_p = 0, dm_m = 0;
    if (diff_m > 0 && diff_p < diff_m) {
      dm_m = diff_m;
    } else if (diff_p > 0 && diff_p > diff_m) {
      dm_p = diff_p;
    }
    if (t < n_) {
      plus_ += dm_p;
      minus_ += dm_m;
      tr_ += range;
      return;
    }
    // The batch's smoothing (WilderDirectional), one step at a time.
    const double a = static_cast<double>(n_ - 1) / dn_;
    plus_ = a * plus_ + dm_p;
    minus_ = a * minus_ + dm_m;
    tr_ = a * tr_ + range;
    switch (id_) {
      case Id::kPlusDi:
        out[0] = tr_ != 0 ? 100.0 * (plus_ / tr_) : 0.0;
        return;
      case Id::kMinusDi:
        out[0] = tr_ != 0 ? 100.0 * (minus_ / tr_) : 0.0;
        return;
      default:
        break;
    }
    double dx = 0;
    bool defined = false;
    if (tr_ != 0) {
      const double minus_di = 100.0 * (minus_ / tr_);
      const double plus_di = 100.0 * (plus_ / tr_);
      const double sum = minus_di + plus_di;
      if (sum != 0) {
        dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
        defined = true;
      }
    }
    if (id_ == Id::kDx) {
      if (defined) last_dx_ = dx;
      out[0] = last_dx_;
      return;
    }
    const size_t lb = 2 * n_ - 1;
    if (t < lb) {
      if (defined) sum_dx_ += dx;
      return;
    }
    if (t == lb) {
      if (defined) sum_dx_ += dx;
      adx_ = sum_dx_ / dn_;
    } else if (defined) {
      adx_ = (adx_ * (dn_ - 1) + dx) / dn_;
    }
    if (id_ == Id::kAdx) {
      out[0] = adx_;
      return;
    }
    // ADXR = (ADX[i] + ADX[i-(n-1)]) / 2: the ring holds the last n ADX.
    adx_ring_.Push(adx_);
    if (adx_ring_.full()) out[0] = (adx_ + adx_ring_.At(0)) / 2.0;
  }

 private:
  void Remember(double h, double l, double c) {
    ph_ = h;
    pl_ = l;
    pc_ = c;
  }
  Id id_;
  size_t n_;
  double dn_;
  Ring adx_ring_;
  size_t t_ = 0;
  double ph_ = 0, pl_ = 0, pc_ = 0;
  double plus_ = 0, minus_ = 0, tr_ = 0, sum_dx_ = 0, adx_ = 0, last_dx_ = 0;
};

// Bar-by-bar formulas without state: price transforms and BOP.
class ElementwiseEngine final : public Engine {
 public:
  explicit ElementwiseEngine(Id id) : id_(id) {}
  void Reset() override {}
  void Push(const double* in, double* out) override {
    switch (id_) {
      case Id::kMedprice:
        out[0] = (in[0] + in[1]) / 2.0;
        break;
      case Id::kTypprice:
        out[0] = (in[0] + in[1] + in[2]) / 3.0;
        break;
      case Id::kWclprice:
        out[0] = (in[0] + in[1] + in[2] * 2.0) / 4.0;
        break;
      case Id::kAvgprice:
        out[0] = (in[1] + in[2] + in[3] + in[0]) / 4.0;
        break;
      default: {  // kBop
        const double range = in[1] - in[2];
        out[0] = range != 0 ? (in[3] - in[0]) / range : 0.0;
      }
    }
  }

 private:
  Id id_;
};

class VolumeEngine final : public Engine {
 public:
  explicit VolumeEngine(bool obv) : obv_(obv) {}
  void Reset() override { t_ = 0; }
  void Push(const double* in, double* out) override {
    if (obv_) {
      const double c = in[0], v = in[1];
      if (t_ == 0) {
        acc_ = v;
      } else if (c > prev_) {
        acc_ += v;
      } else if (c < prev_) {
        acc_ -= v;
      }
      prev_ = c;
    } else {
      if (t_ == 0) acc_ = 0;
      const double h = in[0], l = in[1], c = in[2], v = in[3];
      const double range = h - l;
      if (range > 0) acc_ += (((c - l) - (h - c)) / range) * v;
    }
    ++t_;
    out[0] = acc_;
  }

 private:
  bool obv_;
  size_t t_ = 0;
  double acc_ = 0, prev_ = 0;
};

class CciEngine final : public Engine {
 public:
  CciEngine(Arena& a, size_t n) : n_(n), sum_(a, n) {}
  void Reset() override { sum_.Reset(); }
  // O(n): the mean absolute deviation around the window's own mean has no
  // exact incremental update.
  void Push(const double* in, double* out) override {
    const double tp = (in[0] + in[1] + in[2]) / 3.0;
    double s;
    if (!sum_.Push(tp, &s)) {
      out[0] = kNaN;
      return;
    }
    const double mean = (1.0 / static_cast<double>(n_)) * s;
    double mad = 0;
    const Ring& r = sum_.ring();
    for (size_t k = 0; k < n_; ++k) mad += std::fabs(r.At(k) - mean);
    mad /= static_cast<double>(n_);
    const double dev = tp - mean;
    out[0] = (dev != 0 && mad != 0) ? dev / (0.015 * mad) : 0.0;
  }

 private:
  size_t n_;
  SlidingSum sum_;
};

class KamaEngine final : public Engine {
 public:
  KamaEngine(Arena& a, size_t n) : n_(n), ring_(a, n), moves_(a, n) {}
  void Reset() override {
    ring_.Reset();
    moves_.Reset();
    t_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    const size_t t = t_++;
    out[0] = kNaN;
    double sum = 0;
    bool have_sum = false;
    if (t > 0) have_sum = moves_.Push(std::fabs(x - prev_), &sum);
    prev_ = x;
    const bool full = ring_.full();
    const double back = ring_.Push(x);  // x[t-n] once full
    if (t + 1 == n_) kama_ = x;
    if (!full || !have_sum) return;
    const double fastest = 2.0 / 3.0, slowest = 2.0 / 31.0;
    const double diff = fastest - slowest;
    const double roc = x - back;
    const double er = (sum <= roc || sum == 0) ? 1.0 : std::fabs(roc / sum);
    double sc = er * diff + slowest;
    sc *= sc;
    kama_ = (x - kama_) * sc + kama_;
    out[0] = kama_;
  }

 private:
  size_t n_;
  Ring ring_;
  SlidingSum moves_;
  size_t t_ = 0;
  double prev_ = 0, kama_ = 0;
};

class MfiEngine final : public Engine {
 public:
  MfiEngine(Arena& a, size_t n) : pos_(a, n), neg_(a, n) {}
  void Reset() override {
    pos_.Reset();
    neg_.Reset();
    t_ = 0;
    n_pos_ = n_neg_ = 0;
  }
  void Push(const double* in, double* out) override {
    const double tp = (in[0] + in[1] + in[2]) / 3.0;
    const size_t t = t_++;
    out[0] = kNaN;
    if (t == 0) {
      prev_tp_ = tp;
      return;
    }
    const double flow = tp * in[3];
    const double p = tp > prev_tp_ ? flow : 0.0;
    const double q = tp < prev_tp_ ? flow : 0.0;
    prev_tp_ = tp;
    // Counts of non-zero flows in the window (before the push evicts one).
    const bool full = pos_.ring().full();
    const double old_p = full ? pos_.ring().At(0) : 0.0;
    const double old_q = full ? neg_.ring().At(0) : 0.0;
    n_pos_ += (p != 0);
    n_neg_ += (q != 0);
    if (full) {
      n_pos_ -= (old_p != 0);
      n_neg_ -= (old_q != 0);
    }
    double ps, ns;
    const bool have = pos_.Push(p, &ps);
    neg_.Push(q, &ns);
    if (!have) return;
    const double p_sum = n_pos_ > 0 ? ps : 0.0;
    const double n_sum = n_neg_ > 0 ? ns : 0.0;
    const double total = p_sum + n_sum;
    out[0] = total == 0 ? 0.0 : 100.0 * (p_sum / total);
  }

 private:
  SlidingSum pos_, neg_;
  size_t t_ = 0;
  size_t n_pos_ = 0, n_neg_ = 0;
  double prev_tp_ = 0;
};

// APO and PPO.
class OscillatorEngine final : public Engine {
 public:
  OscillatorEngine(Arena& a, bool ppo, const double* p)
      : ppo_(ppo),
        fast_(a, static_cast<MaType>(p[2]), std::min(Period(p, 0), Period(p, 1))),
        slow_(a, static_cast<MaType>(p[2]), std::max(Period(p, 0), Period(p, 1))) {}
  void Reset() override {
    fast_.Reset();
    slow_.Reset();
  }
  void Push(const double* in, double* out) override {
    double f, s;
    const bool have_fast = fast_.Push(in[0], &f);
    if (!slow_.Push(in[0], &s) || !have_fast) {
      out[0] = kNaN;
      return;
    }
    out[0] = ppo_ ? (s != 0 ? ((f - s) / s) * 100.0 : 0.0) : f - s;
  }

 private:
  bool ppo_;
  MovingAvg fast_, slow_;
};

class TrixEngine final : public Engine {
 public:
  explicit TrixEngine(size_t n) : e1_(n), e2_(n), e3_(n) {}
  void Reset() override {
    e1_.Reset();
    e2_.Reset();
    e3_.Reset();
    have_prev_ = false;
  }
  void Push(const double* in, double* out) override {
    double a, b, c;
    out[0] = kNaN;
    if (!e1_.Push(in[0], &a) || !e2_.Push(a, &b) || !e3_.Push(b, &c)) return;
    if (have_prev_) out[0] = prev_ != 0 ? (c / prev_ - 1.0) * 100.0 : 0.0;
    prev_ = c;
    have_prev_ = true;
  }

 private:
  Ema e1_, e2_, e3_;
  double prev_ = 0;
  bool have_prev_ = false;
};

// ---- Third batch (ids 49-69) ---------------------------------------------------

// floor(sqrt(n)), as HMA's batch.
size_t IntSqrt(size_t n) {
  size_t r = static_cast<size_t>(std::sqrt(static_cast<double>(n)));
  while (r * r > n) --r;
  while ((r + 1) * (r + 1) <= n) ++r;
  return r;
}

// A sliding sum that is exactly 0 when all n values are 0 (the batch's
// WindowSumExactZero): for divisors such as volume and true range.
class ExactZeroSum {
 public:
  ExactZeroSum(Arena& a, size_t n) : sum_(a, n) {}
  void Reset() {
    sum_.Reset();
    nonzero_ = 0;
  }
  bool Push(double x, double* sum) {
    const Ring& r = sum_.ring();
    if (r.full()) nonzero_ -= r.At(0) != 0;
    nonzero_ += x != 0;
    if (!sum_.Push(x, sum)) return false;
    if (nonzero_ == 0) *sum = 0.0;
    return true;
  }

 private:
  SlidingSum sum_;
  size_t nonzero_ = 0;
};

double MoneyFlowVolume(double h, double l, double c, double v) {
  const double range = h - l;
  return range > 0 ? (((c - l) - (h - c)) / range) * v : 0.0;
}

void FillNaN(double* out, size_t count) { std::fill(out, out + count, kNaN); }

// HMA: WMA(2 WMA(x, n/2) - WMA(x, n), floor(sqrt(n))); three exact WMAs.
class HmaEngine final : public Engine {
 public:
  HmaEngine(Arena& a, size_t n) : half_(a, n / 2), full_(a, n), outer_(a, IntSqrt(n)) {}
  void Reset() override {
    half_.Reset();
    full_.Reset();
    outer_.Reset();
  }
  void Push(const double* in, double* out) override {
    double h = 0, f, y;
    half_.Push(in[0], &h);
    if (!full_.Push(in[0], &f) || !outer_.Push(2.0 * h - f, &y)) {
      out[0] = kNaN;
      return;
    }
    out[0] = y;
  }

 private:
  Wma half_, full_, outer_;
};

// VWMA and CMF: a sliding sum over a sliding volume (exactly 0 without
// volume). VWMA falls back to the window's plain mean, CMF to 0.
class VolumeRatioEngine final : public Engine {
 public:
  VolumeRatioEngine(Arena& a, bool cmf, size_t n)
      : cmf_(cmf), n_(n), num_(a, n), vol_(a, n), plain_(a, cmf ? 1 : n) {}
  void Reset() override {
    num_.Reset();
    vol_.Reset();
    plain_.Reset();
  }
  void Push(const double* in, double* out) override {
    double num, vol, plain = 0;
    bool have;
    if (cmf_) {
      have = num_.Push(MoneyFlowVolume(in[0], in[1], in[2], in[3]), &num);
      vol_.Push(in[3], &vol);
    } else {
      have = num_.Push(in[0] * in[1], &num);
      vol_.Push(in[1], &vol);
      plain_.Push(in[0], &plain);
    }
    if (!have) {
      out[0] = kNaN;
    } else if (vol != 0) {
      out[0] = num / vol;
    } else {
      out[0] = cmf_ ? 0.0 : plain / static_cast<double>(n_);
    }
  }

 private:
  bool cmf_;
  size_t n_;
  SlidingSum num_;
  ExactZeroSum vol_;
  SlidingSum plain_;
};

// STOCHRSI: RSI, then %K over its last fastk values, then the %D MA.
class StochRsiEngine final : public Engine {
 public:
  StochRsiEngine(Arena& a, const double* p)
      : rsi_(Period(p, 0)),
        high_(a, Period(p, 1)),
        low_(a, Period(p, 1)),
        fastd_(a, static_cast<MaType>(p[3]), Period(p, 2)) {}
  void Reset() override {
    rsi_.Reset();
    high_.Reset();
    low_.Reset();
    fastd_.Reset();
  }
  void Push(const double* in, double* out) override {
    out[0] = out[1] = kNaN;
    double r, hh, ll, d;
    rsi_.Push(in, &r);
    if (std::isnan(r)) return;
    high_.Push(r, &hh, nullptr);
    if (!low_.Push(r, &ll, nullptr)) return;
    const double diff = (hh - ll) / 100.0;
    const double k = diff != 0 ? (r - ll) / diff : 0.0;
    if (!fastd_.Push(k, &d)) return;
    out[0] = k;
    out[1] = d;
  }

 private:
  WilderRatioEngine<false> rsi_;
  Extreme<true> high_;
  Extreme<false> low_;
  MovingAvg fastd_;
};

// ULTOSC: three exact-zero sliding sums of buying pressure and true range
// over bars that have a previous close.
class UltOscEngine final : public Engine {
 public:
  UltOscEngine(Arena& a, const double* p)
      : per_(Sorted(p)),
        bp0_(a, per_[0]), bp1_(a, per_[1]), bp2_(a, per_[2]),
        tr0_(a, per_[0]), tr1_(a, per_[1]), tr2_(a, per_[2]) {}
  void Reset() override {
    t_ = 0;
    for (ExactZeroSum* s : {&bp0_, &bp1_, &bp2_, &tr0_, &tr1_, &tr2_}) s->Reset();
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1], c = in[2];
    const size_t t = t_++;
    out[0] = kNaN;
    if (t > 0) {
      const double true_low = std::min(l, prev_close_);
      const double bp = c - true_low;
      const double tr = std::max(h, prev_close_) - true_low;
      double sb[3], st[3];
      bp0_.Push(bp, &sb[0]);
      bp1_.Push(bp, &sb[1]);
      bp2_.Push(bp, &sb[2]);
      tr0_.Push(tr, &st[0]);
      tr1_.Push(tr, &st[1]);
      if (tr2_.Push(tr, &st[2])) {
        const double weight[3] = {4.0, 2.0, 1.0};
        double acc = 0;
        for (size_t k = 0; k < 3; ++k) {
          if (st[k] != 0) acc += weight[k] * (sb[k] / st[k]);
        }
        out[0] = 100.0 * (acc / 7.0);
      }
    }
    prev_close_ = c;
  }

 private:
  struct Periods {
    size_t v[3];
    size_t operator[](size_t k) const { return v[k]; }
  };
  static Periods Sorted(const double* p) {
    Periods r = {{Period(p, 0), Period(p, 1), Period(p, 2)}};
    std::sort(r.v, r.v + 3);
    return r;
  }
  Periods per_;
  ExactZeroSum bp0_, bp1_, bp2_, tr0_, tr1_, tr2_;
  size_t t_ = 0;
  double prev_close_ = 0;
};

// Parabolic SAR: the batch's scalar loop, one bar per push.
class SarEngine final : public Engine {
 public:
  explicit SarEngine(const double* p) : sar_(p[0], p[1]) {}
  void Reset() override { t_ = 0; }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1];
    const size_t t = t_++;
    if (t == 0) {
      h0_ = h;
      l0_ = l;
      out[0] = kNaN;
      return;
    }
    if (t == 1) sar_.Start(h0_, l0_, h, l);
    out[0] = sar_.Next(h, l);
  }

 private:
  ParabolicSar sar_;
  size_t t_ = 0;
  double h0_ = 0, l0_ = 0;
};

// LINEARREG, its slope, intercept, angle and TSF. O(period) per push, as
// the batch (and TA-Lib): the fit is computed around the newest value, which
// a sliding update cannot keep; the loop is the batch's, so bit-identical.
class LinearRegEngine final : public Engine {
 public:
  LinearRegEngine(Arena& a, Id id, size_t n) : id_(id), n_(n), ring_(a, n) {}
  void Reset() override { ring_.Reset(); }
  void Push(const double* in, double* out) override {
    ring_.Push(in[0]);
    if (!ring_.full()) {
      out[0] = kNaN;
      return;
    }
    const double ref = in[0];
    const double half = (static_cast<double>(n_) - 1.0) / 2.0;
    double sd = 0, std_ = 0;
    for (size_t k = 0; k < n_; ++k) {
      const double d = ring_.At(k) - ref;
      sd += d;
      std_ += (static_cast<double>(k) - half) * d;
    }
    const double dn = static_cast<double>(n_);
    const double sxx = dn * (dn * dn - 1.0) / 12.0;
    const double mean = ref + sd / dn;
    const double slope = std_ / sxx;
    switch (id_) {
      case Id::kLinearReg:
        out[0] = mean + slope * half;
        break;
      case Id::kLinearRegSlope:
        out[0] = slope;
        break;
      case Id::kLinearRegIntercept:
        out[0] = mean - slope * half;
        break;
      case Id::kLinearRegAngle: {
        constexpr double kDegrees = 180.0 / 3.14159265358979323846;
        out[0] = std::atan(slope) * kDegrees;
        break;
      }
      default:  // kTsf
        out[0] = mean + slope * ((static_cast<double>(n_) + 1.0) / 2.0);
    }
  }

 private:
  Id id_;
  size_t n_;
  Ring ring_;
};

// ADOSC: EMA(AD, fast) - EMA(AD, slow), both seeded with the first AD.
class AdOscEngine final : public Engine {
 public:
  explicit AdOscEngine(const double* p)
      : lb_(std::max(Period(p, 0), Period(p, 1)) - 1),
        fast_(Period(p, 0), true),
        slow_(Period(p, 1), true) {}
  void Reset() override {
    t_ = 0;
    ad_ = 0;
    fast_.Reset();
    slow_.Reset();
  }
  void Push(const double* in, double* out) override {
    ad_ += MoneyFlowVolume(in[0], in[1], in[2], in[3]);
    double f, s;
    fast_.Push(ad_, &f);
    slow_.Push(ad_, &s);
    out[0] = t_++ >= lb_ ? f - s : kNaN;
  }

 private:
  size_t lb_;
  Ema fast_, slow_;
  size_t t_ = 0;
  double ad_ = 0;
};

// VWAP and AVWAP: the batch's compensated cumulative sums, restarted at an
// anchor (AVWAP: anchor != 0) and at the first bar of a run.
class VwapEngine final : public Engine {
 public:
  explicit VwapEngine(bool anchored) : anchored_(anchored) {}
  void Reset() override { count_ = 0; }
  void Push(const double* in, double* out) override {
    if (count_ == 0 || (anchored_ && in[4] != 0)) {
      pv_ = vol_ = tp_sum_ = Neumaier();
      count_ = 0;
    }
    const double tp = (in[0] + in[1] + in[2]) / 3.0;
    pv_.Add(tp * in[3]);
    vol_.Add(in[3]);
    tp_sum_.Add(tp);
    ++count_;
    const double v = vol_.Value();
    out[0] = v != 0 ? pv_.Value() / v : tp_sum_.Value() / static_cast<double>(count_);
  }

 private:
  struct Neumaier {
    double sum = 0, c = 0;
    void Add(double v) {
      const double t = sum + v;
      c += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    double Value() const { return sum + c; }
  };
  bool anchored_;
  size_t count_ = 0;
  Neumaier pv_, vol_, tp_sum_;
};

// Keltner channels: EMA of the typical price +- multiplier * Wilder ATR.
class KeltnerEngine final : public Engine {
 public:
  explicit KeltnerEngine(const double* p)
      : lb_(std::max(Period(p, 0) - 1, Period(p, 2))),
        mult_(p[1]),
        ema_(Period(p, 0)),
        atr_(TrueRangeEngine::kAtr, Period(p, 2)) {}
  void Reset() override {
    t_ = 0;
    ema_.Reset();
    atr_.Reset();
  }
  void Push(const double* in, double* out) override {
    double mid = 0, atr;
    ema_.Push((in[0] + in[1] + in[2]) / 3.0, &mid);
    atr_.Push(in, &atr);
    if (t_++ < lb_) return FillNaN(out, 3);
    const double width = mult_ * atr;
    out[0] = mid + width;
    out[1] = mid;
    out[2] = mid - width;
  }

 private:
  size_t lb_;
  double mult_;
  Ema ema_;
  TrueRangeEngine atr_;
  size_t t_ = 0;
};

// Donchian channels and Ichimoku: Donchian lines from rolling extremes.
class ChannelEngine final : public Engine {
 public:
  ChannelEngine(Arena& a, bool ichimoku, const double* p)
      : ichimoku_(ichimoku),
        lb_(ichimoku ? std::max({Period(p, 0), Period(p, 1), Period(p, 2)}) - 1
                     : Period(p, 0) - 1),
        h0_(a, Period(p, 0)), l0_(a, Period(p, 0)),
        h1_(a, ichimoku ? Period(p, 1) : 0), l1_(a, ichimoku ? Period(p, 1) : 0),
        h2_(a, ichimoku ? Period(p, 2) : 0), l2_(a, ichimoku ? Period(p, 2) : 0) {}
  void Reset() override {
    t_ = 0;
    h0_.Reset();
    l0_.Reset();
    h1_.Reset();
    l1_.Reset();
    h2_.Reset();
    l2_.Reset();
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1];
    double hh[3] = {0, 0, 0}, ll[3] = {0, 0, 0};
    h0_.Push(h, &hh[0], nullptr);
    l0_.Push(l, &ll[0], nullptr);
    if (ichimoku_) {
      h1_.Push(h, &hh[1], nullptr);
      l1_.Push(l, &ll[1], nullptr);
      h2_.Push(h, &hh[2], nullptr);
      l2_.Push(l, &ll[2], nullptr);
    }
    if (t_++ < lb_) return FillNaN(out, ichimoku_ ? 4 : 3);
    if (!ichimoku_) {
      out[0] = hh[0];
      out[1] = (hh[0] + ll[0]) / 2.0;
      out[2] = ll[0];
      return;
    }
    out[0] = (hh[0] + ll[0]) / 2.0;
    out[1] = (hh[1] + ll[1]) / 2.0;
    out[2] = (out[0] + out[1]) / 2.0;
    out[3] = (hh[2] + ll[2]) / 2.0;
  }

 private:
  bool ichimoku_;
  size_t lb_;
  Extreme<true> h0_;
  Extreme<false> l0_;
  Extreme<true> h1_;
  Extreme<false> l1_;
  Extreme<true> h2_;
  Extreme<false> l2_;
  size_t t_ = 0;
};

// Supertrend on the Wilder ATR: the batch's scalar band logic.
class SupertrendEngine final : public Engine {
 public:
  explicit SupertrendEngine(const double* p)
      : mult_(p[1]), atr_(TrueRangeEngine::kAtr, Period(p, 0)) {}
  void Reset() override {
    atr_.Reset();
    started_ = false;
  }
  void Push(const double* in, double* out) override {
    const double h = in[0], l = in[1], c = in[2];
    double atr;
    atr_.Push(in, &atr);
    const double prev_close = prev_close_;
    prev_close_ = c;
    if (std::isnan(atr)) return FillNaN(out, 2);
    const double mid = (h + l) / 2.0;
    const double basic_upper = mid + mult_ * atr;
    const double basic_lower = mid - mult_ * atr;
    if (!started_) {
      upper_ = basic_upper;
      lower_ = basic_lower;
      up_ = false;
      started_ = true;
    } else {
      const bool was_up = up_;
      lower_ = (basic_lower > lower_ || prev_close < lower_) ? basic_lower : lower_;
      upper_ = (basic_upper < upper_ || prev_close > upper_) ? basic_upper : upper_;
      up_ = was_up ? !(c < lower_) : c > upper_;
    }
    out[0] = up_ ? lower_ : upper_;
    out[1] = up_ ? 1.0 : -1.0;
  }

 private:
  double mult_;
  TrueRangeEngine atr_;
  bool started_ = false, up_ = false;
  double upper_ = 0, lower_ = 0, prev_close_ = 0;
};

// Elder ray: high and low minus the EMA of the close.
class ElderRayEngine final : public Engine {
 public:
  explicit ElderRayEngine(size_t n) : ema_(n) {}
  void Reset() override { ema_.Reset(); }
  void Push(const double* in, double* out) override {
    double e;
    if (!ema_.Push(in[2], &e)) return FillNaN(out, 2);
    out[0] = in[0] - e;
    out[1] = in[1] - e;
  }

 private:
  Ema ema_;
};

// TSI: double-smoothed momentum over double-smoothed absolute momentum.
class TsiEngine final : public Engine {
 public:
  TsiEngine(size_t nl, size_t ns) : e1_(nl), a1_(nl), e2_(ns), a2_(ns) {}
  void Reset() override {
    t_ = 0;
    e1_.Reset();
    a1_.Reset();
    e2_.Reset();
    a2_.Reset();
  }
  void Push(const double* in, double* out) override {
    const double x = in[0];
    const size_t t = t_++;
    const double prev = prev_;
    prev_ = x;
    out[0] = kNaN;
    if (t == 0) return;
    const double mom = x - prev;
    double e1, a1, e2, a2;
    a1_.Push(std::fabs(mom), &a1);
    if (!e1_.Push(mom, &e1)) return;
    a2_.Push(a1, &a2);
    if (!e2_.Push(e1, &e2)) return;
    out[0] = a2 != 0 ? 100.0 * (e2 / a2) : 0.0;
  }

 private:
  Ema e1_, a1_, e2_, a2_;
  size_t t_ = 0;
  double prev_ = 0;
};

// Classic floor pivots of the previous bar.
class PivotsEngine final : public Engine {
 public:
  void Reset() override { have_prev_ = false; }
  void Push(const double* in, double* out) override {
    if (!have_prev_) {
      FillNaN(out, 7);
    } else {
      const double h = h_, l = l_, c = c_;
      const double pp = (h + l + c) / 3.0;
      out[0] = pp;
      out[1] = 2.0 * pp - l;
      out[2] = pp + (h - l);
      out[3] = h + 2.0 * (pp - l);
      out[4] = 2.0 * pp - h;
      out[5] = pp - (h - l);
      out[6] = l - 2.0 * (h - pp);
    }
    h_ = in[0];
    l_ = in[1];
    c_ = in[2];
    have_prev_ = true;
  }

 private:
  bool have_prev_ = false;
  double h_ = 0, l_ = 0, c_ = 0;
};

// nullptr (also in measure mode) or a new engine; `supported` tells the two
// apart in measure mode.
Engine* MakeEngine(Id id, const double* p, Arena& a, bool* supported) {
  *supported = true;
  switch (id) {
    case Id::kSma:
      return a.New<MaEngine>(a, MaType::kSma, Period(p, 0));
    case Id::kEma:
      return a.New<EmaEngine>(Period(p, 0), p[1] != 0);
    case Id::kWma:
      return a.New<MaEngine>(a, MaType::kWma, Period(p, 0));
    case Id::kDema:
      return a.New<MaEngine>(a, MaType::kDema, Period(p, 0));
    case Id::kTema:
      return a.New<MaEngine>(a, MaType::kTema, Period(p, 0));
    case Id::kTrima:
      return a.New<MaEngine>(a, MaType::kTrima, Period(p, 0));
    case Id::kRsi:
      return a.New<WilderRatioEngine<false>>(Period(p, 0));
    case Id::kCmo:
      return a.New<WilderRatioEngine<true>>(Period(p, 0));
    case Id::kMacd:
      return a.New<MacdEngine>(Period(p, 0), Period(p, 1), Period(p, 2));
    case Id::kBbands:
      return a.New<DeviationEngine>(a, DeviationEngine::kBands, Period(p, 0), p);
    case Id::kStddev:
      return a.New<DeviationEngine>(a, DeviationEngine::kStddev, Period(p, 0), p);
    case Id::kVar:
      return a.New<DeviationEngine>(a, DeviationEngine::kVar, Period(p, 0), p);
    case Id::kTrange:
      return a.New<TrueRangeEngine>(TrueRangeEngine::kTrange, size_t{1});
    case Id::kAtr:
      return a.New<TrueRangeEngine>(TrueRangeEngine::kAtr, Period(p, 0));
    case Id::kNatr:
      return a.New<TrueRangeEngine>(TrueRangeEngine::kNatr, Period(p, 0));
    case Id::kMom:
    case Id::kRoc:
    case Id::kRocp:
    case Id::kRocr:
    case Id::kRocr100:
      return a.New<ChangeEngine>(a, id, Period(p, 0));
    case Id::kWillr:
    case Id::kStoch:
    case Id::kStochf:
    case Id::kMidprice:
    case Id::kMidpoint:
    case Id::kMax:
    case Id::kMin:
      return a.New<RangeEngine>(a, id, p);
    case Id::kSum:
      return a.New<SumEngine>(a, Period(p, 0));
    case Id::kCci:
      return a.New<CciEngine>(a, Period(p, 0));
    case Id::kObv:
      return a.New<VolumeEngine>(true);
    case Id::kAd:
      return a.New<VolumeEngine>(false);
    case Id::kPlusDi:
    case Id::kMinusDi:
    case Id::kDx:
    case Id::kAdx:
    case Id::kAdxr:
      return a.New<DirectionalEngine>(a, id, Period(p, 0));
    case Id::kAroon:
      return a.New<AroonEngine>(a, false, Period(p, 0));
    case Id::kAroonOsc:
      return a.New<AroonEngine>(a, true, Period(p, 0));
    case Id::kMedprice:
    case Id::kTypprice:
    case Id::kWclprice:
    case Id::kAvgprice:
    case Id::kBop:
      return a.New<ElementwiseEngine>(id);
    case Id::kKama:
      return a.New<KamaEngine>(a, Period(p, 0));
    case Id::kMfi:
      return a.New<MfiEngine>(a, Period(p, 0));
    case Id::kApo:
      return a.New<OscillatorEngine>(a, false, p);
    case Id::kPpo:
      return a.New<OscillatorEngine>(a, true, p);
    case Id::kTrix:
      return a.New<TrixEngine>(Period(p, 0));
    case Id::kHma:
      return a.New<HmaEngine>(a, Period(p, 0));
    case Id::kVwma:
      return a.New<VolumeRatioEngine>(a, false, Period(p, 0));
    case Id::kStochRsi:
      return a.New<StochRsiEngine>(a, p);
    case Id::kUltOsc:
      return a.New<UltOscEngine>(a, p);
    case Id::kSar:
      return a.New<SarEngine>(p);
    case Id::kLinearReg:
    case Id::kLinearRegSlope:
    case Id::kLinearRegIntercept:
    case Id::kLinearRegAngle:
    case Id::kTsf:
      return a.New<LinearRegEngine>(a, id, Period(p, 0));
    case Id::kAdOsc:
      return a.New<AdOscEngine>(p);
    case Id::kVwap:
      return a.New<VwapEngine>(false);
    case Id::kAnchoredVwap:
      return a.New<VwapEngine>(true);
    case Id::kCmf:
      return a.New<VolumeRatioEngine>(a, true, Period(p, 0));
    case Id::kKeltner:
      return a.New<KeltnerEngine>(p);
    case Id::kDonchian:
      return a.New<ChannelEngine>(a, false, p);
    case Id::kIchimoku:
      return a.New<ChannelEngine>(a, true, p);
    case Id::kSupertrend:
      return a.New<SupertrendEngine>(p);
    case Id::kElderRay:
      return a.New<ElderRayEngine>(Period(p, 0));
    case Id::kTsi:
      return a.New<TsiEngine>(Period(p, 0), Period(p, 1));
    case Id::kPivots:
      return a.New<PivotsEngine>();
    default:
      // Indicators added to the registry later have no engine until one is
      // written here.
      *supported = false;
      return nullptr;
  }
}

}  // namespace
}  // namespace stream_internal

bool StreamSupported(Id id) {
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) return false;
  double resolved[kMaxParams] = {0};
  if (!ResolveParams(*spec, {}, resolved).ok()) return false;
  stream_internal::Arena measure(nullptr);
  bool supported = false;
  stream_internal::MakeEngine(id, resolved, measure, &supported);
  return supported;
}

Stream::~Stream() {
  if (engine_ != nullptr) engine_->~Engine();
  hooks_.Deallocate(block_);
}

ErrorCode Stream::Fail(ErrorCode code, const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vsnprintf(error_, sizeof error_, format, args);
  va_end(args);
  return code;
}

ErrorCode Stream::Init(Id id, absl::Span<const double> params) {
  error_[0] = '\0';
  if (engine_ != nullptr) return Fail(ErrorCode::kInvalidArgument, "stream already initialised");
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "unknown indicator id %d", static_cast<int>(id));
  }
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) {
    return Fail(CodeOf(st), "%s", std::string(st.message()).c_str());
  }
  stream_internal::Arena measure(nullptr);
  bool supported = false;
  stream_internal::MakeEngine(id, resolved, measure, &supported);
  if (!supported) {
    return Fail(ErrorCode::kInvalidArgument, "streaming not supported for %s", spec->name);
  }
  void* block = hooks_.Allocate(measure.used(), 64);
  if (block == nullptr) {
    return Fail(ErrorCode::kOutOfMemory, "out of memory for the %s stream state (%zu bytes)",
                spec->name, measure.used());
  }
  stream_internal::Arena arena(static_cast<unsigned char*>(block));
  engine_ = stream_internal::MakeEngine(id, resolved, arena, &supported);
  block_ = block;
  bytes_ = measure.used();
  spec_ = spec;
  lookback_ = spec->lookback(resolved);
  engine_->Reset();
  return ErrorCode::kOk;
}

void Stream::Reset() {
  if (engine_ != nullptr) engine_->Reset();
}

ErrorCode Stream::Push(absl::Span<const double> bar, absl::Span<double> out) {
  if (engine_ == nullptr) return Fail(ErrorCode::kInvalidArgument, "stream not initialised");
  const Spec& spec = *spec_;
  if (bar.size() != spec.input_count) {
    return Fail(ErrorCode::kInvalidArgument, "%s takes %zu input values per bar, %zu given",
                spec.name, spec.input_count, bar.size());
  }
  if (out.size() > spec.output_count) {
    return Fail(ErrorCode::kInvalidArgument, "%s has %zu outputs, %zu requested", spec.name,
                spec.output_count, out.size());
  }
  bool finite = true;
  for (size_t k = 0; k < bar.size(); ++k) finite = finite && std::isfinite(bar[k]);
  if (!finite) {
    // The batch policy: a non-finite row splits the series.
    engine_->Reset();
    std::fill(out.begin(), out.end(), stream_internal::kNaN);
    error_[0] = '\0';
    return ErrorCode::kOk;
  }
  if (spec.high_input >= 0 && bar[spec.high_input] < bar[spec.low_input]) {
    return Fail(ErrorCode::kInconsistentOhlc, "%s: high < low (high %g, low %g)", spec.name,
                bar[spec.high_input], bar[spec.low_input]);
  }
  if (spec.volume_input >= 0 && bar[spec.volume_input] < 0) {
    return Fail(ErrorCode::kNegativeVolume, "%s: volume %g < 0", spec.name,
                bar[spec.volume_input]);
  }
  double all[kMaxOutputs];
  engine_->Push(bar.data(), all);
  std::copy(all, all + out.size(), out.begin());
  error_[0] = '\0';
  return ErrorCode::kOk;
}

absl::Status ComputeBatch(Id id, absl::Span<const StridedView<double>> inputs,
                          size_t series_count, absl::Span<const double> params,
                          absl::Span<double* const> outputs, size_t output_count,
                          const size_t* output_capacities, Workspace* ws,
                          size_t* failed_series) {
  if (failed_series != nullptr) *failed_series = 0;
  const Spec* spec = FindSpec(id);
  if (spec == nullptr) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("unknown indicator id %d", static_cast<int32_t>(id)));
  }
  if (ws == nullptr) return Error(ErrorCode::kNullArgument, "workspace is NULL");
  double resolved[kMaxParams] = {0};
  if (absl::Status st = ResolveParams(*spec, params, resolved); !st.ok()) return st;
  if (output_count > spec->output_count) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("%s has %d outputs, %d per series given", spec->name,
                                 spec->output_count, output_count));
  }
  if (inputs.size() != series_count * spec->input_count ||
      outputs.size() != series_count * output_count) {
    return Error(ErrorCode::kInvalidArgument,
                 absl::StrFormat("%s batch: %d series need %d input columns and %d output "
                                 "pointers, %d and %d given",
                                 spec->name, series_count, series_count * spec->input_count,
                                 series_count * output_count, inputs.size(), outputs.size()));
  }
  if (series_count > 0 && output_count > 0 && output_capacities == nullptr) {
    return Error(ErrorCode::kNullArgument, "output_capacities is NULL");
  }
  const absl::Span<const double> all_params(resolved, spec->param_count);
  for (size_t s = 0; s < series_count; ++s) {
    const absl::Status st =
        Compute(id, inputs.subspan(s * spec->input_count, spec->input_count), all_params,
                outputs.subspan(s * output_count, output_count),
                output_count > 0 ? output_capacities[s] : 0, ws);
    if (!st.ok()) {
      if (failed_series != nullptr) *failed_series = s;
      return Error(CodeOf(st), absl::StrFormat("series %d: %s", s, st.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace indicators
}  // namespace candlewick
