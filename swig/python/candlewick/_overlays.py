"""What a render draws besides the prices: :class:`Line` s over the price
panel, filled :class:`Band` s and extra :class:`Panel` s, checked and
turned into the tuples the low-level render takes."""

import dataclasses

from . import _columns
from ._constants import Status
from ._errors import CandlewickError
from ._options import _FLT_MAX, _c_string, _color, _float

#: Colours given to lines without one, in order of appearance.
LINE_COLORS = (0x2962FFFF, 0xFF9800FF, 0xAB47BCFF, 0x26C6DAFF, 0xFFEB3BFF, 0xEC407AFF)


@dataclasses.dataclass(eq=False)
class Line:
    """A line over the price panel (``overlays=``) or in a :class:`Panel`.

    values: a 1-D float64 array (or other buffer), one value per row of the
      series, borrowed like the price columns; NaN breaks the line there,
      infinities are rejected (NON_FINITE).
    color: 0xRRGGBBAA or "#RRGGBB[AA]" (alpha is ignored: lines are opaque);
      None picks the next of LINE_COLORS.
    width: in pixels; 0 means the chart's ``line_width``.
    name: an overlay's row in the legend (drawn when the chart has axes:
      a swatch, the name and the last value), e.g. "SMA 20"; None or ""
      leaves it out.  A line in a :class:`Panel` ignores its name (the
      panel's ``title`` labels it).
    """
    values: object
    color: object = None
    width: float = 0.0
    name: str = None


@dataclasses.dataclass(eq=False)
class Band:
    """A filled band between two series (Bollinger, Keltner, a cloud), drawn
    behind the candles, with its edges stroked.

    upper, lower: 1-D float64 arrays like the price columns.
    fill: the fill colour, may be translucent (blended onto the background).
    line: the edge colour; width: edge width in pixels (0: no edges).
    name: the band's row in the legend (drawn when the chart has axes, with
      the upper and lower values), e.g. "BBANDS 20 2 2"; None or "" leaves
      it out.
    """
    upper: object
    lower: object
    fill: object = 0x2962FF33
    line: object = 0x2962FFFF
    width: float = 1.0
    name: str = None


@dataclasses.dataclass(eq=False)
class Panel:
    """An extra panel under the price and volume panels.

    lines: :class:`Line` s (or bare arrays) drawn in it.
    histogram: an optional float64 array drawn as bars around zero, coloured
      histogram_up / histogram_down (0: the chart's up and down colours).
    levels: horizontal reference lines, e.g. (30, 70).
    min, max: a fixed scale when min < max, else automatic.
    weight: height relative to the price panel's weight.
    title: drawn when the chart has axes.
    """
    lines: tuple = ()
    histogram: object = None
    levels: tuple = ()
    min: float = 0.0
    max: float = 0.0
    weight: float = 0.25
    title: str = None
    histogram_up: object = 0
    histogram_down: object = 0


def _width(name, value):
    value = _float(name, value)
    if abs(value) > _FLT_MAX:
        raise CandlewickError(Status.INVALID_ARGUMENT, "%s=%r is not a usable width"
                              % (name, value))
    return value


def _text(name, value):
    return _c_string(name, value)


def _line_tuple(where, index, line):
    # Bare arrays are lines of the next default colour.
    if not isinstance(line, Line):
        if isinstance(line, (Band, Panel)):
            raise TypeError("%s[%d] is a %s, not a Line or an array"
                            % (where, index, type(line).__name__))
        line = Line(line)
    if line.values is None:
        raise TypeError("%s[%d].values must be a float64 array, not None" % (where, index))
    color = LINE_COLORS[index % len(LINE_COLORS)] if line.color is None else line.color
    return (_columns.price(line.values, "%s[%d]" % (where, index)),
            _color("%s[%d].color" % (where, index), color),
            _width("%s[%d].width" % (where, index), line.width),
            _c_string("%s[%d].name" % (where, index), line.name))


def _band_tuple(index, band):
    if not isinstance(band, Band):
        raise TypeError("bands[%d] must be a candlewick.Band, not %s"
                        % (index, type(band).__name__))
    where = "bands[%d]" % index
    return (_columns.price(band.upper, where + ".upper"),
            _columns.price(band.lower, where + ".lower"), _color(where + ".fill", band.fill),
            _color(where + ".line", band.line), _width(where + ".width", band.width),
            _c_string(where + ".name", band.name))


def _is_buffer(obj):
    """Whether ``obj`` exports a buffer (a memoryview, an array.array): one
    line, not a sequence of lines.  ``__buffer__`` exists only from Python
    3.12, so on 3.11 such a line was iterated as lines of one number."""
    try:
        memoryview(obj).release()
    except TypeError:
        return False
    return True


def _panel_tuple(index, panel):
    if not isinstance(panel, Panel):
        raise TypeError("panels[%d] must be a candlewick.Panel, not %s"
                        % (index, type(panel).__name__))
    where = "panels[%d]" % index
    lines = panel.lines
    if isinstance(lines, Line) or hasattr(lines, "dtype") or _is_buffer(lines):
        lines = (lines,)  # a single line given without a tuple (a Series has a dtype too)
    return (_width(where + ".weight", panel.weight),
            tuple(_line_tuple(where + ".lines", k, line) for k, line in enumerate(lines)),
            _columns.price(panel.histogram, where + ".histogram"),
            _color(where + ".histogram_up", panel.histogram_up or 0),
            _color(where + ".histogram_down", panel.histogram_down or 0),
            tuple(_float("%s.levels[%d]" % (where, k), level)
                  for k, level in enumerate(panel.levels)),
            _float(where + ".min", panel.min), _float(where + ".max", panel.max),
            _text(where + ".title", panel.title))


def _extras(overlays, bands, panels, title):
    """The (overlays, bands, panels, title) tuple the low-level render takes.
    Arrays that can be read in place are passed through untouched (the
    extension borrows them); others are converted (_columns)."""
    return (tuple(_line_tuple("overlays", i, line) for i, line in enumerate(overlays)),
            tuple(_band_tuple(i, band) for i, band in enumerate(bands)),
            tuple(_panel_tuple(i, panel) for i, panel in enumerate(panels)),
            _text("title", title))
