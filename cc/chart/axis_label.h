// Fixed-size label text. Layout formats every label (axes, legend, panel
// titles) into one of these on the stack, so a render allocates nothing
// outside the handle's hooks.
#ifndef CANDLEWICK_CC_CHART_AXIS_LABEL_H_
#define CANDLEWICK_CC_CHART_AXIS_LABEL_H_

#include "absl/strings/string_view.h"

namespace candlewick {

struct AxisLabel {
  char text[48] = {0};
  absl::string_view view() const { return text; }
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_CHART_AXIS_LABEL_H_
