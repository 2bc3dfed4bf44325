// A fixed-size log-linear histogram layout for durations in nanoseconds:
// values below 16 get a bucket each, and every power of two above is split
// into 16 equal sub-buckets. Any uint64_t maps to one of 976 buckets and the
// bucket's upper bound overstates the value by less than 1/16 (6.25%), which
// is what an operator's p99 needs, with memory that does not depend on how
// many values were counted.
#ifndef CANDLEWICK_CC_STATS_LOG_HISTOGRAM_H_
#define CANDLEWICK_CC_STATS_LOG_HISTOGRAM_H_

#include <cstdint>

namespace candlewick {

inline constexpr int kLogSubBucketBits = 4;
inline constexpr int kLogSubBuckets = 1 << kLogSubBucketBits;  // 16
// 16 exact buckets, then 16 per power of two for exponents 4..63.
inline constexpr int kLogBuckets = kLogSubBuckets + (64 - kLogSubBucketBits) * kLogSubBuckets;

inline int FloorLog2(uint64_t v) { return 63 - __builtin_clzll(v); }

// The bucket that counts `value`.
inline int LogBucketOf(uint64_t value) {
  if (value < static_cast<uint64_t>(kLogSubBuckets)) return static_cast<int>(value);
  const int exponent = FloorLog2(value);  // >= kLogSubBucketBits
  const int shift = exponent - kLogSubBucketBits;
  const int sub = static_cast<int>((value >> shift) & (kLogSubBuckets - 1));
  return kLogSubBuckets + shift * kLogSubBuckets + sub;
}

// The smallest and largest value that land in `bucket`.
inline uint64_t LogBucketLower(int bucket) {
  if (bucket < kLogSubBuckets) return static_cast<uint64_t>(bucket);
  const int shift = (bucket - kLogSubBuckets) / kLogSubBuckets;
  const uint64_t sub = static_cast<uint64_t>((bucket - kLogSubBuckets) % kLogSubBuckets);
  return (static_cast<uint64_t>(kLogSubBuckets) + sub) << shift;
}

inline uint64_t LogBucketUpper(int bucket) {
  if (bucket < kLogSubBuckets) return static_cast<uint64_t>(bucket);
  const int shift = (bucket - kLogSubBuckets) / kLogSubBuckets;
  return LogBucketLower(bucket) + ((uint64_t{1} << shift) - 1);
}

// The value at quantile `per_mille`/1000 of `count` values counted in
// `buckets`: the upper bound of the bucket holding the value of rank
// ceil(count * q), clamped to [min, max] (the exact extremes are known, so
// the answer never leaves the observed range). 0 when count is 0.
inline uint64_t LogHistogramQuantile(const uint64_t* buckets, uint64_t count, uint64_t min,
                                     uint64_t max, uint32_t per_mille) {
  if (count == 0) return 0;
  // ceil(count * per_mille / 1000) without overflowing for any count.
  uint64_t rank = (count / 1000) * per_mille + ((count % 1000) * per_mille + 999) / 1000;
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int b = 0; b < kLogBuckets; ++b) {
    seen += buckets[b];
    if (seen >= rank) {
      const uint64_t upper = LogBucketUpper(b);
      return upper < min ? min : (upper > max ? max : upper);
    }
  }
  return max;
}

}  // namespace candlewick

#endif  // CANDLEWICK_CC_STATS_LOG_HISTOGRAM_H_
