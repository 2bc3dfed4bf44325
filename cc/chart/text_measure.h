// Text sizes for layout, implemented by the text module. Layout never draws
// text itself; it only needs to know how much room labels take.
#ifndef CANDLEWICK_CC_CHART_TEXT_MEASURE_H_
#define CANDLEWICK_CC_CHART_TEXT_MEASURE_H_

#include "absl/strings/string_view.h"

namespace candlewick {

class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  virtual int Width(absl::string_view utf8, int pixel_size) const = 0;
  virtual int Ascent(int pixel_size) const = 0;
  virtual int Descent(int pixel_size) const = 0;
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_TEXT_MEASURE_H_
