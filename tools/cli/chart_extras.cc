#include "tools/cli/chart_extras.h"

#include "absl/strings/str_cat.h"

namespace candlewick {
namespace cli {
namespace {

cw_f64_column Column(const std::vector<double>& v) { return {v.data(), v.size(), 0}; }

}  // namespace

const char* ChartExtras::Name(std::string name) {
  return names_.emplace_back(std::move(name)).c_str();
}

cw_color ChartExtras::NextColor() {
  static const cw_color kColors[] = {0xFFB300FF, 0x42A5F5FF, 0xAB47BCFF,
                                     0x26C6DAFF, 0xEC407AFF, 0x9CCC65FF};
  return kColors[color_index_++ % (sizeof kColors / sizeof kColors[0])];
}

absl::StatusOr<const ComputedIndicator*> ChartExtras::Compute(cw_indicator_context* context,
                                                               absl::string_view text,
                                                               const OhlcvTable& table) {
  absl::StatusOr<IndicatorSpec> spec = ParseIndicatorSpec(text);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<ComputedIndicator> c = ComputeIndicator(context, *spec, table);
  if (!c.ok()) return c.status();
  return &computed_.emplace_back(std::move(*c));
}

absl::Status ChartExtras::AddOverlay(cw_indicator_context* context, absl::string_view text,
                                     const OhlcvTable& table) {
  absl::StatusOr<const ComputedIndicator*> computed = Compute(context, text, table);
  if (!computed.ok()) return computed.status();
  const ComputedIndicator& ind = **computed;
  const size_t overlays_before = overlays_.size();
  int upper = -1, lower = -1;
  for (size_t i = 0; i < ind.output_names.size(); ++i) {
    if (ind.output_names[i] == "upper") upper = static_cast<int>(i);
    if (ind.output_names[i] == "lower") lower = static_cast<int>(i);
  }
  const cw_color color = NextColor();
  const bool band = upper >= 0 && lower >= 0;
  if (band) {
    // The legend names the band and shows its edges; a middle line is drawn
    // in the band's colour without an entry of its own.
    bands_.push_back({Column(ind.outputs[upper]), Column(ind.outputs[lower]),
                      (color & 0xFFFFFF00u) | 0x30u, color, 1.0f});
    band_names_.push_back(Name(ind.spec.title));
  }
  for (size_t i = 0; i < ind.outputs.size(); ++i) {
    if (static_cast<int>(i) == upper || static_cast<int>(i) == lower) continue;
    const bool first = overlays_.size() == overlays_before;
    overlays_.push_back({Column(ind.outputs[i]), band || first ? color : NextColor(), 0});
    if (band) {
      overlay_names_.push_back(nullptr);
    } else if (ind.outputs.size() == 1) {
      overlay_names_.push_back(Name(ind.spec.title));
    } else {
      overlay_names_.push_back(Name(absl::StrCat(ind.spec.title, " ", ind.output_names[i])));
    }
  }
  return absl::OkStatus();
}

absl::Status ChartExtras::AddPanel(cw_indicator_context* context, absl::string_view text,
                                   const OhlcvTable& table) {
  if (panels_.size() >= CW_MAX_PANELS) {
    return absl::InvalidArgumentError(absl::StrCat("at most ", CW_MAX_PANELS, " panels"));
  }
  absl::StatusOr<const ComputedIndicator*> computed = Compute(context, text, table);
  if (!computed.ok()) return computed.status();
  const ComputedIndicator& ind = **computed;
  PanelParts& p = panels_.emplace_back();
  p.title = ind.spec.title;
  p.panel.weight = 0.22f;
  for (size_t i = 0; i < ind.outputs.size(); ++i) {
    if (ind.output_names[i] == "hist") {
      p.panel.histogram = Column(ind.outputs[i]);
    } else {
      p.lines.push_back({Column(ind.outputs[i]), NextColor(), 0});
    }
  }
  // Bounded oscillators: a fixed scale and their usual levels.
  const std::string& n = ind.spec.name;
  if (n == "rsi" || n == "mfi" || n == "stoch" || n == "stochf" || n == "stochrsi") {
    p.panel.min = 0;
    p.panel.max = 100;
    p.levels = n == "rsi" || n == "mfi" ? std::vector<double>{30, 70} : std::vector<double>{20, 80};
  } else if (n == "willr") {
    p.panel.min = -100;
    p.panel.max = 0;
    p.levels = {-80, -20};
  } else if (n == "cci") {
    p.levels = {-100, 100};
  } else if (n == "macd" || n == "ppo" || n == "apo" || n == "mom" || n == "roc" ||
             n == "aroonosc" || n == "cmo") {
    p.levels = {0};
  }
  return absl::OkStatus();
}

void ChartExtras::Apply(cw_chart_data* data) {
  panel_array_.clear();
  for (PanelParts& p : panels_) {
    p.panel.lines = p.lines.data();
    p.panel.line_count = p.lines.size();
    p.panel.levels = p.levels.data();
    p.panel.level_count = p.levels.size();
    p.panel.title = p.title.c_str();
    panel_array_.push_back(p.panel);
  }
  data->overlays = overlays_.data();
  data->overlay_count = overlays_.size();
  data->overlay_names = overlay_names_.data();
  data->bands = bands_.data();
  data->band_count = bands_.size();
  data->band_names = band_names_.data();
  data->panels = panel_array_.data();
  data->panel_count = panel_array_.size();
}

}  // namespace cli
}  // namespace candlewick
