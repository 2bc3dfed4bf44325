#include "cc/chart/svg.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cc/base/status.h"
#include "cc/base/text_writer.h"
#include "cc/text/utf8.h"

namespace candlewick {
namespace {

// The text writer, plus XML escaping.
class SvgWriter : public TextWriter {
 public:
  using TextWriter::TextWriter;

  // Text content as well-formed XML: the five special characters escaped,
  // and what XML 1.0 cannot carry (ill-formed UTF-8, control characters
  // other than tab, line feed and carriage return, U+FFFE and U+FFFF) as
  // U+FFFD, as the rasteriser draws it.  Labels come from callers, so any
  // bytes may arrive here.
  void Escaped(absl::string_view s) {
    size_t start = 0;  // the first byte not yet written
    size_t i = 0;
    while (i < s.size()) {
      const size_t at = i;
      const char32_t c = DecodeUtf8(std::string_view(s.data(), s.size()), &i);
      const char* entity = nullptr;
      switch (c) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&apos;"; break;
        default:
          if (c == kReplacementCharacter || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
              c == 0xFFFE || c == 0xFFFF) {
            entity = "\xEF\xBF\xBD";  // U+FFFD
          }
          break;
      }
      if (entity == nullptr) continue;
      Raw(s.substr(start, at - start));
      Raw(entity);
      start = i;
    }
    Raw(s.substr(start));
  }
};

struct Hex {
  char text[8];
  explicit Hex(Rgba c) {
    std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(c >> 8));
  }
};

// Coordinates with at most two decimals, trailing zeros dropped.
struct Num {
  char text[32];
  explicit Num(double v) {
    std::snprintf(text, sizeof text, "%.2f", v);
    char* end = text + std::strlen(text);
    while (end > text && end[-1] == '0') *--end = '\0';
    if (end > text && end[-1] == '.') *--end = '\0';
    if (std::strcmp(text, "-0") == 0) std::strcpy(text, "0");
  }
};

// How many clip paths are written, and the last one's rows. A panel's
// lines follow each other and share its rows, so one path serves them all.
struct RowClips {
  int count = 0;
  float y0 = 0, y1 = 0;
};

// A polyline clipped to rows [y0, y1) (DrawOp) goes in a group clipped to
// them.
void WritePolyline(SvgWriter& w, const DisplayList& list, const DrawOp& op, const Hex& color,
                   int32_t width, RowClips* clips) {
  const bool clipped = op.y1 > op.y0;
  if (clipped && (clips->count == 0 || op.y0 != clips->y0 || op.y1 != clips->y1)) {
    *clips = {clips->count + 1, op.y0, op.y1};
    w.Printf("<clipPath id=\"rows%d\"><rect x=\"0\" y=\"%s\" width=\"%d\" height=\"%s\"/>"
             "</clipPath>\n",
             clips->count, Num(op.y0).text, width, Num(op.y1 - op.y0).text);
  }
  if (clipped) w.Printf("<g clip-path=\"url(#rows%d)\">\n", clips->count);
  const float* p = list.floats(op.offset);
  bool open = false;
  for (uint32_t i = 0; i < op.count; ++i) {
    const float x = p[2 * i], y = p[2 * i + 1];
    if (std::isnan(y)) {
      if (open) w.Raw("\"/>\n");
      open = false;
      continue;
    }
    if (!open) {
      w.Printf("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
               "stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"",
               color.text, Num(op.width).text);
      open = true;
    } else {
      w.Raw(" ");
    }
    w.Printf("%s,%s", Num(x).text, Num(y).text);
  }
  if (open) w.Raw("\"/>\n");
  if (clipped) w.Raw("</g>\n");
}

// An area as closed paths: the top edge left to right, the bottom edge back,
// one path per run of columns without NaN.
void WriteColumns(SvgWriter& w, const DisplayList& list, const DrawOp& op, const Hex& color) {
  const float* top = list.floats(op.offset);
  const float* bottom = top + op.count;
  uint32_t k = 0;
  while (k < op.count) {
    while (k < op.count && (std::isnan(top[k]) || std::isnan(bottom[k]))) ++k;
    const uint32_t first = k;
    while (k < op.count && !std::isnan(top[k]) && !std::isnan(bottom[k])) ++k;
    if (k == first) break;
    w.Printf("<path fill=\"%s\" d=\"M", color.text);
    for (uint32_t i = first; i < k; ++i) {
      w.Printf(" %s,%s %s,%s", Num(op.x0 + i).text, Num(top[i]).text, Num(op.x0 + i + 1).text,
               Num(top[i]).text);
    }
    for (uint32_t i = k; i-- > first;) {
      w.Printf(" %s,%s %s,%s", Num(op.x0 + i + 1).text, Num(bottom[i]).text, Num(op.x0 + i).text,
               Num(bottom[i]).text);
    }
    w.Raw("Z\"/>\n");
  }
}

}  // namespace

absl::Status WriteSvg(const DisplayList& list, int32_t width, int32_t height, bool antialias,
                      int32_t font_size_hint, ByteBuffer* out) {
  (void)font_size_hint;
  SvgWriter w(out);
  const Palette& pal = list.palette();
  w.Printf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
           "viewBox=\"0 0 %d %d\"%s>\n",
           width, height, width, height, antialias ? "" : " shape-rendering=\"crispEdges\"");
  w.Printf("<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", width, height, Hex(pal[0]).text);
  // Runs of same-coloured rectangles share one group: a chart is thousands
  // of rectangles in a handful of colours.
  int open_group = -1;
  RowClips clips;
  auto close_group = [&]() {
    if (open_group >= 0) w.Raw("</g>\n");
    open_group = -1;
  };
  for (const DrawOp& op : list.ops()) {
    const Hex color(pal[op.color]);
    if (op.kind != OpKind::kRect) close_group();
    switch (op.kind) {
      case OpKind::kRect:
        if (open_group != op.color) {
          close_group();
          w.Printf("<g fill=\"%s\">\n", color.text);
          open_group = op.color;
        }
        w.Printf("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>\n", Num(op.x0).text,
                 Num(op.y0).text, Num(op.x1 - op.x0).text, Num(op.y1 - op.y0).text);
        break;
      case OpKind::kLine:
        w.Printf("<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
                 "stroke-width=\"%s\" stroke-linecap=\"round\"/>\n",
                 Num(op.x0).text, Num(op.y0).text, Num(op.x1).text, Num(op.y1).text, color.text,
                 Num(op.width).text);
        break;
      case OpKind::kPolyline:
        WritePolyline(w, list, op, color, width, &clips);
        break;
      case OpKind::kColumns:
        WriteColumns(w, list, op, color);
        break;
      case OpKind::kCircle:
        w.Printf("<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"none\" stroke=\"%s\" "
                 "stroke-width=\"%s\"/>\n",
                 Num(op.x0).text, Num(op.y0).text, Num(op.x1).text, color.text,
                 Num(op.width).text);
        break;
      case OpKind::kText: {
        const char* anchor = "start";
        const char* baseline = "alphabetic";
        switch (op.anchor) {
          case TextAnchor::kLeftBaseline: break;
          case TextAnchor::kCenterBaseline: anchor = "middle"; break;
          case TextAnchor::kRightBaseline: anchor = "end"; break;
          case TextAnchor::kLeftMiddle: baseline = "central"; break;
          case TextAnchor::kRightMiddle: anchor = "end"; baseline = "central"; break;
          case TextAnchor::kCenterTop: anchor = "middle"; baseline = "hanging"; break;
        }
        w.Printf("<text x=\"%s\" y=\"%s\" fill=\"%s\" font-family=\"DejaVu Sans, Verdana, "
                 "sans-serif\" font-size=\"%s\" text-anchor=\"%s\" dominant-baseline=\"%s\">",
                 Num(op.x0).text, Num(op.y0).text, color.text, Num(op.width).text, anchor,
                 baseline);
        w.Escaped(list.text(op));
        w.Raw("</text>\n");
        break;
      }
    }
  }
  close_group();
  w.Raw("</svg>\n");
  if (!w.ok()) return Error(ErrorCode::kOutOfMemory, "SVG output buffer");
  return absl::OkStatus();
}

}  // namespace candlewick
