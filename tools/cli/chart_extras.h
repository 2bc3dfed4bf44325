// Indicator overlays, bands and panels for charts drawn by the tools: turns
// computed indicators into the cw_line / cw_band / cw_panel arrays of a
// cw_chart_data. Shared by `candlewick render` and the gallery.
#ifndef CANDLEWICK_TOOLS_CLI_CHART_EXTRAS_H_
#define CANDLEWICK_TOOLS_CLI_CHART_EXTRAS_H_

#include <deque>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "capi/candlewick.h"
#include "tools/cli/indicator_spec.h"

namespace candlewick {
namespace cli {

class ChartExtras {
 public:
  // Over the price panel: one line per output, except that "upper"/"lower"
  // outputs (Bollinger-style) become a filled band around the others. Each
  // gets a legend name from the spec ("SMA 20", "BBANDS 20 2 2" for a band,
  // "ICHIMOKU tenkan" for one output of several); a band's middle line
  // shares the band's colour and entry.
  absl::Status AddOverlay(cw_indicator_context* context, absl::string_view spec,
                          const OhlcvTable& table);
  // A panel under the chart titled with the spec ("MACD 12 26 9"): outputs
  // named "hist" become a histogram, the rest lines; bounded oscillators get
  // their usual reference levels.
  absl::Status AddPanel(cw_indicator_context* context, absl::string_view spec,
                        const OhlcvTable& table);
  // Points `data`'s overlay, band and panel arrays at this object, which
  // must outlive the render.
  void Apply(cw_chart_data* data);

 private:
  // Parses `spec` and computes that indicator over `table`; the result is
  // kept in computed_, where the chart's columns point.
  absl::StatusOr<const ComputedIndicator*> Compute(cw_indicator_context* context,
                                                   absl::string_view spec,
                                                   const OhlcvTable& table);
  cw_color NextColor();
  const char* Name(std::string name);  // kept alive by names_
  std::deque<ComputedIndicator> computed_;  // deque: stable addresses
  std::deque<std::string> names_;
  std::vector<cw_line> overlays_;
  std::vector<const char*> overlay_names_;
  std::vector<cw_band> bands_;
  std::vector<const char*> band_names_;
  struct PanelParts {
    std::vector<cw_line> lines;
    std::vector<double> levels;
    std::string title;
    cw_panel panel{};
  };
  std::deque<PanelParts> panels_;
  std::vector<cw_panel> panel_array_;
  size_t color_index_ = 0;
};

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_CHART_EXTRAS_H_
