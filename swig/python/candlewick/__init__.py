"""candlewick: financial charts rendered to PNG bytes and NumPy RGBA frames.

    import numpy as np
    import candlewick

    with candlewick.Chart(width=800, height=600, theme="classic") as chart:
        png = chart.render_png(open=o, high=h, low=l, close=c, volume=v)
        frame = chart.render_rgba(open=o, high=h, low=l, close=c, time=t)

Columns: read in place, converted only where they must be
----------------------------------------------------------
``open``, ``high``, ``low``, ``close`` and ``volume`` are one-dimensional
columns of numbers; ``time`` is seconds since the Unix epoch, UTC.  A
float64 column (int64 or ``datetime64[s]`` for time) is read in place for
the duration of the call, contiguous or strided: a NumPy array, a column of
a 2-D table (``table[:, 1]``), a reversed array (``a[::-1]``), a field of a
structured array, the values of a pandas or Polars Series.

Other numeric columns are converted once into a new array and a
:class:`ConversionWarning` says so (ignored by default; make it an error to
forbid copies): integer and float32 prices or volume (``read_csv``'s int64
volume), big-endian or broadcast arrays, pandas nullable dtypes, datetime64
of any unit, tz-aware pandas times (their UTC instant) and Polars times.
Lists, strings, booleans, objects and float times raise TypeError; a column
that is not 1-D raises ValueError.  ``time`` and ``volume`` are optional.

Every render call also takes ``data``: a pandas or Polars DataFrame (or a
mapping, or a structured array) with open/high/low/close[/volume] columns in
any case and a DatetimeIndex or time column, as mplfinance reads it.
:func:`plot` is the one-call version.

Outputs
-------
``render_png`` returns ``bytes``.  ``render_rgba`` returns a read-only
``(height, width, 4)`` uint8 array that owns the library's frame buffer (no
copy; the buffer is freed when the array is collected, even after the chart
is closed).  ``render_rgba_into`` draws into your own writable uint8 array
of that shape, which may be a view of a larger canvas (any row stride).

``render(format, ...)`` is the general call: every output format ("png",
"webp", "webp-lossy", "svg" give ``bytes``; "rgba", "rgb", "indexed" give a
read-only array owning the library's frame, shape (h, w, 4), (h, w, 3) or
(h, w)) and everything a chart can draw: overlay :class:`Line` s,
:class:`Band` s, extra :class:`Panel` s and a title.  Their arrays are
borrowed exactly like the price columns.  ``palette()`` gives the colours
that "indexed" frames refer to.

Indicators and statistics
-------------------------
:mod:`candlewick.bars` aggregates ticks or bars into time, tick, volume,
range, Heikin-Ashi, renko, point-and-figure, kagi and line-break bars.
:mod:`candlewick.indicators` computes TA-Lib-compatible indicators into new
float64 arrays; :class:`Stats` collects render statistics of the charts it
is attached to (``chart.attach_stats(stats)``) and reads them as a dict,
JSON or Prometheus text.

Errors
------
A failed call raises :class:`CandlewickError` with ``.status`` (a
:class:`Status`), ``.status_text`` (the library's fixed text) and
``.message`` (the chart's detailed last-error message).

Threads
-------
Rendering releases the GIL, so separate charts render in parallel from
several threads.  Calls on one chart are serialised by a lock.
"""

import contextlib
import dataclasses
import enum
import math
import operator
import threading
import weakref

import numpy as _np

from . import _columns, lowlevel
from ._columns import ConversionWarning

# Output arrays are made by NumPy's own constructor: the extension uses only
# the buffer protocol, so it works with whichever NumPy is installed.
lowlevel.set_array_factory(_np.empty)

__all__ = [
    "Band",
    "CHART_TYPES",
    "CandlewickError",
    "Chart",
    "ConversionWarning",
    "ChartType",
    "ChartClosedError",
    "FORMATS",
    "Format",
    "Line",
    "MAX_DIMENSION",
    "MAX_PANELS",
    "MIN_DIMENSION",
    "PNG_PRESETS",
    "Panel",
    "PngPreset",
    "SimdTarget",
    "Stats",
    "StatsKind",
    "Status",
    "THEMES",
    "Theme",
    "bars",
    "indicators",
    "status_string",
    "version_info",
]


def _enum_from_lowlevel(name, prefix, **extra):
    """An IntEnum of the C constants named prefix + MEMBER, plus `extra`.

    Built from the generated module so it always matches the header the
    extension was compiled against."""
    members = dict(extra)
    for key in dir(lowlevel):
        if key.startswith(prefix):
            members[key[len(prefix):]] = getattr(lowlevel, key)
    return enum.IntEnum(name, sorted(members.items(), key=lambda item: item[1]),
                        module=__name__)


#: Status codes of the C API (stable numbers); ``Status.OK == 0``.
Status = _enum_from_lowlevel("Status", "CW_ERR_", OK=lowlevel.CW_OK)
#: Colour themes: CLASSIC, MODERN, TRADINGVIEW, LIGHT.
Theme = _enum_from_lowlevel("Theme", "CW_THEME_")
#: PNG compression presets (all lossless): FASTEST, BALANCED, SMALLEST.
PngPreset = _enum_from_lowlevel("PngPreset", "CW_PNG_")
#: Chart types: CANDLESTICK, HOLLOW, OHLC, LINE, AREA, HEIKIN_ASHI, RENKO,
#: POINT_FIGURE.
ChartType = _enum_from_lowlevel("ChartType", "CW_CHART_")

#: Output formats of :meth:`Chart.render`: RGBA8, RGB8, INDEXED8 (raw frames),
#: PNG, WEBP_LOSSLESS, WEBP_LOSSY, SVG (encoded files).
Format = _enum_from_lowlevel("Format", "CW_FORMAT_")
#: Kinds of operation a :class:`Stats` handle counts (RENDER, ENCODE,
#: INDICATOR, AGGREGATE, BATCH; labels are LABEL_0 + i).
StatsKind = enum.IntEnum("StatsKind", [
    (name, getattr(lowlevel, "CW_STATS_" + name))
    for name in ("RENDER", "ENCODE", "INDICATOR", "AGGREGATE", "BATCH", "LABEL_0")],
    module=__name__)
#: SIMD instruction sets an operation can report (NONE, SCALAR, AVX2, ...).
SimdTarget = enum.IntEnum("SimdTarget", sorted(
    ((key[len("CW_SIMD_"):], getattr(lowlevel, key)) for key in dir(lowlevel)
     if key.startswith("CW_SIMD_") and key != "CW_SIMD_TARGET_SLOTS"),
    key=lambda item: item[1]), module=__name__)

#: Format names accepted by :meth:`Chart.render` (besides :class:`Format`).
FORMATS = {
    "png": Format.PNG,
    "webp": Format.WEBP_LOSSLESS,
    "webp-lossless": Format.WEBP_LOSSLESS,
    "webp-lossy": Format.WEBP_LOSSY,
    "svg": Format.SVG,
    "rgba": Format.RGBA8,
    "rgb": Format.RGB8,
    "indexed": Format.INDEXED8,
}
#: The most extra panels one render takes.
MAX_PANELS = lowlevel.CW_MAX_PANELS

#: Theme names accepted by ``Chart(theme=...)``.
THEMES = tuple(theme.name.lower() for theme in Theme)
#: Preset names accepted by ``Chart(png_preset=...)``.
PNG_PRESETS = tuple(preset.name.lower() for preset in PngPreset)
#: Chart type names accepted by ``Chart(chart_type=...)``.
CHART_TYPES = tuple(chart_type.name.lower() for chart_type in ChartType)

#: Frame width and height limits in pixels, inclusive.
MIN_DIMENSION = lowlevel.CW_MIN_DIMENSION
MAX_DIMENSION = lowlevel.CW_MAX_DIMENSION

#: The version of the loaded library, "MAJOR.MINOR.PATCH".
__version__ = lowlevel.cw_version_string()
#: The same as a (major, minor, patch) tuple of ints.
version_info = tuple(lowlevel.cw_version() // scale % 1000 for scale in (1000000, 1000, 1))


def status_string(status):
    """The library's fixed English text for a status code."""
    return lowlevel.cw_status_string(int(status))


class CandlewickError(Exception):
    """A candlewick call failed.

    Attributes:
      status: the :class:`Status` (a plain int for a code newer than this
        binding).
      status_text: the library's fixed text for the status.
      message: the detailed message: the chart's last error, or for a failed
        ``Chart(...)`` (where no chart exists yet) a description of the
        rejected options.
    """

    def __init__(self, status, message=""):
        try:
            status = Status(status)
        except ValueError:
            status = int(status)
        self.status = status
        self.status_text = status_string(status)
        self.message = message or self.status_text
        # args keep the exception picklable: cls(*args) rebuilds it.
        super().__init__(status, self.message)

    def __str__(self):
        return "%s (status %d): %s" % (self.status_text, self.status, self.message)


class ChartClosedError(CandlewickError, ValueError):
    """A closed chart was used.  Also a ValueError, like I/O on a closed file;
    its status is NULL_ARGUMENT, what the C API reports for a missing handle."""

    def __init__(self, message="the chart is closed"):
        super().__init__(Status.NULL_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))


def _lookup(enum_type, value, names, what):
    """A theme or preset given by name (any case) or by number.  Unknown
    numbers pass through so the library reports them (INVALID_ARGUMENT)."""
    if isinstance(value, str):
        try:
            return enum_type[value.upper()]
        except KeyError:
            raise ValueError("unknown %s %r; expected one of %s"
                             % (what, value, ", ".join(names))) from None
    value = operator.index(value)
    # The C field is an int32_t: a number it cannot hold is no known value.
    if not -2**31 <= value < 2**31:
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown %s %d" % (what, value))
    return value


def _color(name, value):
    """0xRRGGBBAA from an int or a '#RRGGBB' / '#RRGGBBAA' string."""
    if isinstance(value, str):
        digits = value[1:] if value.startswith("#") else value
        if len(digits) == 6:
            digits += "ff"
        try:
            if len(digits) != 8:
                raise ValueError
            return int(digits, 16)
        except ValueError:
            raise ValueError("colour %r=%r is not '#RRGGBB' or '#RRGGBBAA'"
                             % (name, value)) from None
    value = operator.index(value)
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError("colour %r=%#x is not a 32-bit 0xRRGGBBAA value" % (name, value))
    return value


def _size_error(width, height):
    # cw_chart_create has no handle to hold a message, so the binding words it.
    return CandlewickError(Status.SIZE_OUT_OF_RANGE,
                           "width and height must be in [%d, %d], got %dx%d"
                           % (MIN_DIMENSION, MAX_DIMENSION, width, height))


# With custom colours the C API replaces all of the theme's colours, and the
# theme's own values cannot be queried, so every one must be given.
_COLOR_KEYS = ("background", "up", "down", "grid", "text", "axis")


def _series(data, open, high, low, close, volume, time):
    """The (time, open, high, low, close, volume) tuple the low-level calls
    take: columns given by keyword win over those of ``data`` (a DataFrame,
    mapping or structured array; see :mod:`candlewick._columns`), every one
    read in place where it can be and converted where not."""
    if data is not None:
        table = _columns.Table(data)
        open, high, low, close = (
            table.get(name) if value is None else value
            for name, value in (("open", open), ("high", high), ("low", low),
                                ("close", close)))
        if volume is None:
            volume = table.get("volume", required=False)
        if time is None:
            time = table.time()
    # A column still None is absent: the library reports the required ones
    # (NULL_ARGUMENT, naming the column).
    return (_columns.time(time), _columns.price(open, "open"), _columns.price(high, "high"),
            _columns.price(low, "low"), _columns.price(close, "close"),
            _columns.price(volume, "volume"))


# -- layout options ------------------------------------------------------------

_FLT_MAX = 3.4028234663852886e38
_INT32 = (-2**31, 2**31 - 1)
# Option name -> C field conversion: "float" (a C float), "double", "int32".
_LAYOUT_FIELDS = {
    "price_weight": "float",
    "volume_weight": "float",
    "panel_gap": "int32",
    "margin": "int32",
    "line_width": "float",
    "box_size": "double",
    "reversal": "int32",
    "label_size": "int32",
}


def _layout_value(name, kind, value):
    """A layout option converted for its C field.  Values the field cannot
    hold are INVALID_ARGUMENT, as the library says for values out of range;
    NaN goes through for the library to reject."""
    if kind == "int32":
        value = operator.index(value)
        if not _INT32[0] <= value <= _INT32[1]:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "%s=%d does not fit the option's int32 field" % (name, value))
        return value
    value = float(value)
    if kind == "float" and abs(value) > _FLT_MAX:
        raise CandlewickError(Status.INVALID_ARGUMENT,
                              "%s=%r does not fit the option's float field" % (name, value))
    return value


# -- overlays, bands, panels -------------------------------------------------------

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
    """
    values: object
    color: object = None
    width: float = 0.0


@dataclasses.dataclass(eq=False)
class Band:
    """A filled band between two series (Bollinger, Keltner, a cloud), drawn
    behind the candles, with its edges stroked.

    upper, lower: 1-D float64 arrays like the price columns.
    fill: the fill colour, may be translucent (blended onto the background).
    line: the edge colour; width: edge width in pixels (0: no edges).
    """
    upper: object
    lower: object
    fill: object = 0x2962FF33
    line: object = 0x2962FFFF
    width: float = 1.0


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
    value = float(value)
    if abs(value) > _FLT_MAX:
        raise CandlewickError(Status.INVALID_ARGUMENT, "%s=%r is not a usable width"
                              % (name, value))
    return value


def _text(name, value):
    if value is not None and not isinstance(value, str):
        raise TypeError("%s must be a str or None, not %s" % (name, type(value).__name__))
    return value


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
            _width("%s[%d].width" % (where, index), line.width))


def _band_tuple(index, band):
    if not isinstance(band, Band):
        raise TypeError("bands[%d] must be a candlewick.Band, not %s"
                        % (index, type(band).__name__))
    where = "bands[%d]" % index
    return (_columns.price(band.upper, where + ".upper"),
            _columns.price(band.lower, where + ".lower"), _color(where + ".fill", band.fill),
            _color(where + ".line", band.line), _width(where + ".width", band.width))


def _panel_tuple(index, panel):
    if not isinstance(panel, Panel):
        raise TypeError("panels[%d] must be a candlewick.Panel, not %s"
                        % (index, type(panel).__name__))
    where = "panels[%d]" % index
    lines = panel.lines
    if isinstance(lines, Line) or hasattr(lines, "__buffer__") or hasattr(lines, "dtype"):
        lines = (lines,)  # a single line given without a tuple (a Series has a dtype too)
    return (_width(where + ".weight", panel.weight),
            tuple(_line_tuple(where + ".lines", k, line) for k, line in enumerate(lines)),
            _columns.price(panel.histogram, where + ".histogram"),
            _color(where + ".histogram_up", panel.histogram_up or 0),
            _color(where + ".histogram_down", panel.histogram_down or 0),
            tuple(float(level) for level in panel.levels),
            float(panel.min), float(panel.max),
            _text(where + ".title", panel.title))


def _extras(overlays, bands, panels, title):
    """The (overlays, bands, panels, title) tuple the low-level render takes.
    Arrays that can be read in place are passed through untouched (the
    extension borrows them); others are converted (_columns)."""
    return (tuple(_line_tuple("overlays", i, line) for i, line in enumerate(overlays)),
            tuple(_band_tuple(i, band) for i, band in enumerate(bands)),
            tuple(_panel_tuple(i, panel) for i, panel in enumerate(panels)),
            _text("title", title))


def _frame_array(frame):
    """A read-only array over a library-owned frame, without a copy: the
    array's base (a memoryview) holds the frame, whose cw_buffer is destroyed
    when the last array or view over it is collected."""
    return _np.asarray(frame)


def _format(value):
    if isinstance(value, str):
        try:
            return FORMATS[value.lower()]
        except KeyError:
            raise ValueError("unknown format %r; expected one of %s"
                             % (value, ", ".join(FORMATS))) from None
    value = operator.index(value)
    if not _INT32[0] <= value <= _INT32[1]:
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown format %d" % value)
    return value


class _Handle:
    """The lifetime shared by every wrapper of a C handle (charts, stats,
    contexts): ``closed``, use as a context manager, and destruction by the
    garbage collector.  Subclasses set ``_handle`` (None once closed) and
    define ``close()`` (idempotent) and ``_require_open()``.  The collector
    reaches ``__del__`` only when no other thread holds the object (for a
    stats handle, attached charts and contexts hold references, so none is
    attached then); ``_handle`` is None when __init__ failed and absent if
    it never ran."""

    @property
    def closed(self):
        return self._handle is None

    def __enter__(self):
        self._require_open()
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()


class _StatsAttachment(_Handle):
    """Lifetime and statistics of a handle that a :class:`Stats` can be
    attached to (charts, indicator and bar contexts).  Subclasses define
    ``_attach`` (the C attach function), ``_destroy`` (the C destroy
    function) and ``_what`` (a name for messages); contexts also define
    ``_create`` (the low-level create returning [status, handle]) and use
    this __init__, a chart has its own."""

    def __init__(self):
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._stats = None
        self._lock = threading.Lock()
        status, handle = self._create()
        if status != Status.OK:
            article = "an" if self._what[0] in "aeiou" else "a"
            raise CandlewickError(status, "cannot create %s %s" % (article, self._what))
        self._handle = handle

    def close(self):
        """Destroys the handle (detaching its stats first).  Calling it
        again is a no-op."""
        with self._lock:
            handle, self._handle = self._handle, None
            stats, self._stats = self._stats, None
            if handle is not None:
                if stats is not None:
                    self._attach(handle, None)
                self._destroy(handle)
        if stats is not None:
            stats._forget(self)

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise CandlewickError(Status.NULL_ARGUMENT, "the %s is closed" % self._what)
        return handle

    def _attach_error(self, handle):
        """The message for a failed attach (a chart has its last error)."""
        return "cannot attach stats to the %s" % self._what

    @property
    def stats(self):
        """The attached :class:`Stats`, or None."""
        return self._stats

    def attach_stats(self, stats):
        """Records every call on this handle (every render of a chart) into
        ``stats`` (a :class:`Stats`; None detaches) from now on.  The handle
        keeps the stats object alive while attached, and closing the stats
        object detaches it first, so the C rule (the stats handle outlives
        the attachment) always holds.  Attaching replaces a previous stats
        object."""
        if stats is None:
            self.detach_stats()
            return
        if not isinstance(stats, Stats):
            raise TypeError("attach_stats takes a candlewick.Stats, not %s"
                            % type(stats).__name__)
        with self._lock:
            handle = self._require_open()
            previous = self._stats
            # This handle's lock, then the stats lock: Stats.close never
            # holds both.
            with stats._lock:
                stats_handle = stats._require_open()
                status = self._attach(handle, stats_handle)
                if status != Status.OK:
                    raise CandlewickError(status, self._attach_error(handle))
                stats._charts.add(self)
            self._stats = stats
        if previous is not None and previous is not stats:
            previous._forget(self)

    def detach_stats(self):
        """Stops recording (a no-op when nothing is attached) and drops the
        reference to the stats object."""
        with self._lock:
            stats, self._stats = self._stats, None
            if stats is not None:
                self._attach(self._require_open(), None)
        if stats is not None:
            stats._forget(self)

    def _detach_from(self, stats):
        # Stats.close: detach if still attached to `stats`; a closed handle
        # has nothing attached.
        with self._lock:
            if self._stats is stats:
                if self._handle is not None:
                    self._attach(self._handle, None)
                self._stats = None


def _chart_options(width=800, height=600, *, theme="classic", chart_type="candlestick",
                   show_volume=True, show_grid=True, show_axes=False, antialias=False,
                   png_preset="balanced", colors=None, price_weight=None, volume_weight=None,
                   panel_gap=None, margin=None, line_width=None, box_size=None, reversal=None,
                   label_size=None):
    """A cw_chart_options from :class:`Chart`'s arguments (the same names,
    defaults and checks), and the layout values given, for messages.  Raises
    as Chart does before the library sees the options."""
    width = operator.index(width)
    height = operator.index(height)
    theme = _lookup(Theme, theme, THEMES, "theme")
    chart_type = _lookup(ChartType, chart_type, CHART_TYPES, "chart type")
    png_preset = _lookup(PngPreset, png_preset, PNG_PRESETS, "PNG preset")
    # The C fields are uint32: anything beyond is out of range as well.
    if not (0 <= width <= 0xFFFFFFFF and 0 <= height <= 0xFFFFFFFF):
        raise _size_error(width, height)

    options = lowlevel.cw_chart_options()
    lowlevel.cw_chart_options_init(options)
    options.width = width
    options.height = height
    options.theme = theme
    options.type = chart_type
    options.show_volume = int(bool(show_volume))
    options.show_grid = int(bool(show_grid))
    options.show_axes = int(bool(show_axes))
    options.antialias = int(bool(antialias))
    options.png_preset = png_preset
    if colors is not None:
        missing = [key for key in _COLOR_KEYS if key not in colors]
        unknown = [key for key in colors if key not in _COLOR_KEYS]
        if missing or unknown:
            raise ValueError("colors needs exactly the keys %s (missing %s, unknown %s)"
                             % (", ".join(_COLOR_KEYS), missing, unknown))
        options.use_custom_colors = 1
        for key in _COLOR_KEYS:
            setattr(options, key, _color(key, colors[key]))

    layout = {"price_weight": price_weight, "volume_weight": volume_weight,
              "panel_gap": panel_gap, "margin": margin, "line_width": line_width,
              "box_size": box_size, "reversal": reversal, "label_size": label_size}
    given = {}
    for name, kind in _LAYOUT_FIELDS.items():
        if layout[name] is not None:
            given[name] = _layout_value(name, kind, layout[name])
            setattr(options, name, given[name])

    return options, given


class Chart(_StatsAttachment):
    """A chart handle: fixed size, theme and options; renders any number of
    series.  Use it as a context manager, or call :meth:`close`; a chart that
    is only garbage-collected is destroyed then.  Every method but
    :meth:`close` raises :class:`ChartClosedError` once it is closed.

    Args:
      width, height: frame size in pixels, MIN_DIMENSION..MAX_DIMENSION.
      theme: a name in THEMES or a :class:`Theme`.
      chart_type: a name in CHART_TYPES or a :class:`ChartType`.
      show_volume: draw the volume panel (when a volume column is given).
      show_grid: draw the grid lines.
      show_axes: draw price and time axes with labels.
      antialias: blend edges of lines and text (False: crisp frames made of
        the palette's exact colours, reproducible to the pixel).
      png_preset: a name in PNG_PRESETS or a :class:`PngPreset`.
      colors: optional dict with all of "background", "up", "down", "grid",
        "text", "axis" replacing the theme's colours; each 0xRRGGBBAA or
        "#RRGGBB[AA]", opaque.
      price_weight, volume_weight: relative heights of the price and volume
        panels (0.7 and 0.3); extra panels have their own weights.
      panel_gap: background rows between panels (1); margin: pixels around
        the plot (0); line_width: line/area charts and overlays (1.5);
        box_size: renko and point-and-figure box (0: ATR(14)); reversal:
        point-and-figure reversal in boxes (3); label_size: axis label text
        height in pixels (11).  None keeps the library's default.
      font: the bytes of a TrueType/OpenType font for labels and titles
        (bytes, bytearray, memoryview, ...); copied by the library, so the
        object may be dropped afterwards.  None: the embedded DejaVu Sans.

    Raises:
      CandlewickError: SIZE_OUT_OF_RANGE for a bad size, INVALID_ARGUMENT
        for an unknown theme/type/preset number, a non-opaque colour, a
        layout value out of range or font bytes that are not a font.
      ValueError / TypeError: an unknown theme, type or preset name, a
        malformed colour, a non-integer size.
    """

    def __init__(self, width=800, height=600, *, theme="classic", chart_type="candlestick",
                 show_volume=True, show_grid=True, show_axes=False, antialias=False,
                 png_preset="balanced", colors=None, price_weight=None, volume_weight=None,
                 panel_gap=None, margin=None, line_width=None, box_size=None, reversal=None,
                 label_size=None, font=None):
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._stats = None
        self._webp_quality = 90.0
        self._lock = threading.Lock()
        options, given = _chart_options(
            width, height, theme=theme, chart_type=chart_type, show_volume=show_volume,
            show_grid=show_grid, show_axes=show_axes, antialias=antialias,
            png_preset=png_preset, colors=colors, price_weight=price_weight,
            volume_weight=volume_weight, panel_gap=panel_gap, margin=margin,
            line_width=line_width, box_size=box_size, reversal=reversal,
            label_size=label_size)
        width, height = options.width, options.height
        theme, chart_type, png_preset = options.theme, options.type, options.png_preset
        status, handle = lowlevel.chart_create(options, font)
        if status == Status.SIZE_OUT_OF_RANGE:
            raise _size_error(width, height)
        if status != Status.OK:
            # No handle exists, so the library has no message to give.
            details = ", ".join("%s=%r" % item for item in given.items())
            raise CandlewickError(
                status, "cannot create a chart with theme=%d, chart_type=%d, png_preset=%d, "
                "colors=%r%s%s (themes, types and presets must be known, custom colours "
                "opaque, layout values in range, font bytes a TrueType/OpenType font)"
                % (theme, chart_type, png_preset, colors, ", " + details if details else "",
                   ", font of %d bytes" % len(memoryview(font)) if font is not None else ""))
        self._handle = handle
        self._layout = {name: getattr(options, name) for name in _LAYOUT_FIELDS}
        self._custom_font = font is not None
        _, self._width, self._height, _, _ = lowlevel.cw_chart_frame_info(handle)
        self._theme = theme
        self._chart_type = chart_type
        self._png_preset = png_preset

    # -- lifetime ----------------------------------------------------------

    _attach = staticmethod(lowlevel.cw_chart_attach_stats)
    _what = "chart"

    def _destroy(self, handle):
        lowlevel.cw_chart_destroy(handle)  # looked up per call (tests count calls)

    def close(self):
        """Destroys the chart.  Calling it again is a no-op.  Frames returned
        by :meth:`render_rgba` stay valid."""
        _StatsAttachment.close(self)

    def _attach_error(self, handle):
        return lowlevel.cw_chart_last_error(handle)

    def __repr__(self):
        if self._handle is None:
            return "<candlewick.Chart (closed)>"
        return "<candlewick.Chart %dx%d %s theme=%s png_preset=%s>" % (
            self._width, self._height, self.chart_type, self.theme, self.png_preset)

    # -- geometry ----------------------------------------------------------

    @property
    def width(self):
        return self._width

    @property
    def height(self):
        return self._height

    @property
    def frame_shape(self):
        """(height, width, 4): the shape of an RGBA frame of this chart."""
        return (self._height, self._width, 4)

    @property
    def theme(self):
        """The theme's name (the library accepted it, so it is known)."""
        return Theme(self._theme).name.lower()

    @property
    def chart_type(self):
        """The chart type's name."""
        return ChartType(self._chart_type).name.lower()

    @property
    def png_preset(self):
        """The PNG preset's name."""
        return PngPreset(self._png_preset).name.lower()

    @property
    def layout(self):
        """The layout options the chart was created with (defaults filled
        in): price_weight, volume_weight, panel_gap, margin, line_width,
        box_size, reversal, label_size."""
        return dict(self._layout)

    @property
    def custom_font(self):
        """Whether the chart was created with a font of its own."""
        return self._custom_font

    @property
    def webp_quality(self):
        """Lossy WebP quality, 0 (smallest) to 100 (best); default 90.
        Setting a value outside [0, 100] raises CandlewickError
        (INVALID_ARGUMENT) and keeps the old one."""
        return self._webp_quality

    @webp_quality.setter
    def webp_quality(self, quality):
        quality = float(quality)
        if abs(quality) > _FLT_MAX:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "WebP quality must be in [0, 100], got %r" % quality)
        with self._lock:
            handle = self._require_open()
            status = lowlevel.cw_chart_set_webp_quality(handle, quality)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
            self._webp_quality = quality

    # -- statistics --------------------------------------------------------

    # -- rendering ---------------------------------------------------------

    def render_png(self, data=None, *, open=None, high=None, low=None, close=None, volume=None,
                   time=None):
        """Renders the series and returns the PNG file as ``bytes``.

        data: optional DataFrame (pandas or Polars), mapping or structured
          array holding open/high/low/close[/volume] (any case) and a
          DatetimeIndex or time column; keyword columns override its own.

        Raises CandlewickError: EMPTY_SERIES, LENGTH_MISMATCH, NON_FINITE,
        INCONSISTENT_OHLC, NEGATIVE_VOLUME, OUT_OF_MEMORY, ENCODE; TypeError /
        ValueError for a column that is not one (module doc)."""
        return self._call(lowlevel.render_png_bytes,
                          _series(data, open, high, low, close, volume, time))

    def render_rgba(self, data=None, *, open=None, high=None, low=None, close=None,
                    volume=None, time=None):
        """Renders the series into a new read-only (height, width, 4) uint8
        array that owns the library's frame (no copy; freed with the array).

        Raises as :meth:`render_png` (except ENCODE)."""
        return _frame_array(self._call(
            lowlevel.render_rgba_array,
            _series(data, open, high, low, close, volume, time)))

    def render_rgba_into(self, out, data=None, *, open=None, high=None, low=None, close=None,
                         volume=None, time=None):
        """Renders the series into ``out``, a writable uint8 array of shape
        :attr:`frame_shape` with packed pixels and any row stride (a
        ``[y0:y1, x0:x1]`` view of a larger canvas works).  Returns ``out``.
        Bytes outside the frame's pixels are left untouched.

        Raises as :meth:`render_rgba`, plus ValueError for a wrong shape or
        layout and TypeError for a read-only or non-uint8 ``out``."""
        shape = getattr(out, "shape", None)
        if shape is not None and tuple(shape) != self.frame_shape:
            raise ValueError("out has shape %s; this chart renders %s frames"
                             % (tuple(shape), self.frame_shape))
        series = _series(data, open, high, low, close, volume, time)
        with self._lock:
            handle = self._require_open()
            status = lowlevel.cw_chart_render_rgba(handle, series, out)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
        return out

    def render(self, format="png", data=None, *, open=None, high=None, low=None, close=None,
               volume=None, time=None, overlays=(), bands=(), panels=(), title=None):
        """Renders the series with overlays, bands and panels in any format.

        format: "png", "webp" (lossless), "webp-lossy" (see
          :attr:`webp_quality`), "svg" -> ``bytes``; "rgba", "rgb",
          "indexed" -> a read-only uint8 array of shape (h, w, 4), (h, w, 3)
          or (h, w) that owns the library's frame (no copy; freed with the
          array).  A :class:`Format` is accepted too.
        overlays: :class:`Line` s (or bare float64 arrays) over the price
          panel.
        bands: :class:`Band` s behind the candles.
        panels: up to MAX_PANELS :class:`Panel` s under the price panel.
        title: a str drawn at the top left.

        data: as for :meth:`render_png`.

        Every array (columns, lines, bands, histograms) follows the column
        rules: float64 (int64 seconds for time), 1-D, contiguous or strided,
        read in place; pandas/Polars Series and other numeric dtypes are
        accepted and converted where they must be (module doc).

        Raises CandlewickError: as :meth:`render_png`, plus INVALID_ARGUMENT
        (an unknown format, "indexed" on an antialiased chart, more than
        MAX_PANELS panels, a panel weight <= 0), LENGTH_MISMATCH (a line,
        band or histogram whose length differs from the series), NON_FINITE
        (an infinite line value); TypeError / ValueError for an array that
        cannot be read in place or an argument of the wrong type."""
        fmt = _format(format)
        series = _series(data, open, high, low, close, volume, time)
        extras = _extras(overlays, bands, panels, title)
        with self._lock:
            handle = self._require_open()
            status, result = lowlevel.render(handle, series, extras, fmt)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
        return result if isinstance(result, bytes) else _frame_array(result)

    def palette(self):
        """The palette of the last successful render: a new uint32 array of
        0xRRGGBBAA colours, the ones an "indexed" frame's values refer to."""
        with self._lock:
            handle = self._require_open()
            status, result = lowlevel.palette(handle)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
        return result

    # -- internals ---------------------------------------------------------

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise ChartClosedError()
        return handle

    def _call(self, function, series):
        """Calls a low-level render(handle, series) -> [status, result]."""
        with self._lock:
            handle = self._require_open()
            status, result = function(handle, series)
            if status != Status.OK:
                # Read under the lock: the message lives until the next call.
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
        return result


# -- statistics ----------------------------------------------------------------

_BUILTIN_KINDS = {kind.name.lower(): int(kind) for kind in StatsKind if kind != StatsKind.LABEL_0}
_INT64_MAX = 2**63 - 1
_UINT64_MAX = 2**64 - 1


class StatsClosedError(CandlewickError, ValueError):
    """A closed :class:`Stats` was used (status NULL_ARGUMENT)."""

    def __init__(self, message="the stats object is closed"):
        super().__init__(Status.NULL_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))


class Stats(_Handle):
    """Bounded performance statistics (``cw_stats``): lifetime totals per
    kind of operation and a recent window with latency percentiles.  Cheap
    enough to leave on in a service.  Thread-safe; a context manager.

    Attach it to charts with :meth:`Chart.attach_stats` to record every
    render (kind "render" for raw frames, "encode" for PNG/WebP/SVG), or
    record your own operations with :meth:`record` / :meth:`measure`.

    Args:
      capacity: records in the recent window (>= 1; default 10000).
      retention_seconds: records older than this leave the window (> 0;
        default 24 hours; ``math.inf``: never by age).
      labels: names of caller-defined kinds (up to 8; 1..31 characters of
        [a-z0-9_] starting with a letter), recorded as kind name or
        ``StatsKind.LABEL_0 + i``.

    Raises:
      CandlewickError: INVALID_ARGUMENT for a bad capacity, retention or
        label (with the library's explanation), SIZE_OUT_OF_RANGE for a
        capacity whose memory overflows, OUT_OF_MEMORY.
    """

    def __init__(self, capacity=None, retention_seconds=None, *, labels=()):
        self._handle = None
        self._lock = threading.RLock()
        self._closing = False
        self._charts = weakref.WeakSet()
        options = lowlevel.cw_stats_options()
        lowlevel.cw_stats_options_init(options)
        if capacity is not None:
            capacity = operator.index(capacity)
            if not 0 <= capacity <= _UINT64_MAX:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "capacity must be >= 1, got %d" % capacity)
            options.capacity = capacity
        if retention_seconds is not None:
            seconds = float(retention_seconds)
            if math.isnan(seconds):
                raise CandlewickError(Status.INVALID_ARGUMENT, "retention_seconds is NaN")
            nanoseconds = _INT64_MAX if seconds * 1e9 >= _INT64_MAX else round(seconds * 1e9)
            options.retention_ns = max(nanoseconds, -_INT64_MAX)
        if isinstance(labels, str):
            labels = (labels,)
        labels = tuple(labels)
        status, handle, message = lowlevel.stats_create(options, labels)
        if status != Status.OK:
            raise CandlewickError(status, message or "cannot create a stats handle with "
                                  "capacity=%r, retention_seconds=%r, labels=%r"
                                  % (capacity, retention_seconds, labels))
        self._handle = handle
        self._labels = labels
        self._capacity = options.capacity
        self._retention_ns = options.retention_ns

    # -- lifetime ----------------------------------------------------------

    def close(self):
        """Detaches every chart still attached, then destroys the handle.
        Calling it again is a no-op."""
        with self._lock:
            if self._handle is None or self._closing:
                return
            # No new attachments from here on.
            self._closing = True
            charts = list(self._charts)
        # Without the stats lock: Chart.attach_stats takes the chart's lock
        # and then this one.
        for chart in charts:
            chart._detach_from(self)
        with self._lock:
            handle, self._handle = self._handle, None
            self._charts = weakref.WeakSet()
            if handle is not None:
                lowlevel.cw_stats_destroy(handle)


    def __repr__(self):
        if self._handle is None:
            return "<candlewick.Stats (closed)>"
        return "<candlewick.Stats capacity=%d retention_seconds=%g labels=%r>" % (
            self._capacity, self.retention_seconds, self._labels)

    # -- options -----------------------------------------------------------

    @property
    def capacity(self):
        return self._capacity

    @property
    def retention_seconds(self):
        """The window's retention (``math.inf`` when records never age out)."""
        if self._retention_ns == _INT64_MAX:
            return math.inf
        return self._retention_ns / 1e9

    @property
    def labels(self):
        return self._labels

    @property
    def charts(self):
        """The open charts currently attached (a new list)."""
        with self._lock:
            return [chart for chart in self._charts
                    if isinstance(chart, Chart) and chart._stats is self]

    @property
    def contexts(self):
        """The open indicator and bar contexts currently attached (a new
        list)."""
        with self._lock:
            return [context for context in self._charts
                    if not isinstance(context, (Chart, Renderer)) and context._stats is self]

    @property
    def renderers(self):
        """The open renderers currently attached (a new list)."""
        with self._lock:
            return [renderer for renderer in self._charts
                    if isinstance(renderer, Renderer) and renderer._stats is self]

    def kind(self, name):
        """The kind number of a built-in kind ("render", "encode",
        "indicator", "aggregate", "batch") or a label of this handle;
        numbers pass through."""
        if isinstance(name, str):
            if name in _BUILTIN_KINDS:
                return _BUILTIN_KINDS[name]
            if name in self._labels:
                return int(StatsKind.LABEL_0) + self._labels.index(name)
            raise ValueError("unknown kind %r; expected one of %s" % (
                name, ", ".join(list(_BUILTIN_KINDS) + list(self._labels))))
        value = operator.index(name)
        if not _INT32[0] <= value <= _INT32[1]:
            raise CandlewickError(Status.INVALID_ARGUMENT, "unknown kind %d" % value)
        return value

    # -- recording ---------------------------------------------------------

    def now_ns(self):
        """The handle's monotonic clock, in nanoseconds."""
        with self._lock:
            return lowlevel.cw_stats_now(self._require_open())

    def record(self, kind, duration, *, bytes=0, items=0, failed=False, simd_target=None,
               end_ns=None):
        """Records one finished operation.

        kind: a kind name or number (see :meth:`kind`).
        duration: its time in seconds (>= 0).
        bytes, items: bytes produced, items processed.
        failed: counts it in the errors too.
        simd_target: a :class:`SimdTarget` or its name (None: NONE).
        end_ns: when it finished, a :meth:`now_ns` reading (default: now).

        Raises CandlewickError (INVALID_ARGUMENT) for an unknown kind or
        target or a negative duration."""
        kind = self.kind(kind)
        duration_ns = round(float(duration) * 1e9)
        if isinstance(simd_target, str):
            try:
                simd_target = SimdTarget[simd_target.upper()]
            except KeyError:
                raise ValueError("unknown SIMD target %r" % simd_target) from None
        simd_target = 0 if simd_target is None else operator.index(simd_target)
        values = {"duration": duration_ns, "bytes": operator.index(bytes),
                  "items": operator.index(items), "simd_target": simd_target}
        limits = {"duration": (-_INT64_MAX, _INT64_MAX), "bytes": (0, _UINT64_MAX),
                  "items": (0, _UINT64_MAX), "simd_target": _INT32}
        for key, (low, high) in limits.items():
            if not low <= values[key] <= high:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "%s=%r is out of range" % (key, values[key]))
        with self._lock:
            handle = self._require_open()
            end = lowlevel.cw_stats_now(handle) if end_ns is None else operator.index(end_ns)
            status = lowlevel.stats_record(handle, kind, end, duration_ns, values["bytes"],
                                           values["items"], simd_target, int(bool(failed)))
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))

    @contextlib.contextmanager
    def measure(self, kind, *, bytes=0, items=0):
        """Times the ``with`` block and records it as one operation of
        ``kind`` (failed if the block raises)::

            with stats.measure("resample", items=len(rows)):
                ...
        """
        kind = self.kind(kind)
        start = self.now_ns()
        failed = True
        try:
            yield
            failed = False
        finally:
            end = self.now_ns()
            self.record(kind, (end - start) / 1e9, bytes=bytes, items=items, failed=failed,
                        end_ns=end)

    # -- reading -----------------------------------------------------------

    def snapshot(self):
        """A consistent reading as a dict: taken_at_ns, capacity,
        retention_ns, count, window_count and "kinds", a dict from each kind
        in use ("render", "encode", ..., your labels) to its figures: kind,
        count, errors, duration_ns, bytes, items, by_target (SIMD target
        name -> count) and "window" (count, errors, bytes, items,
        duration_ns, mean_ns, min_ns, max_ns, p50_ns, p90_ns, p99_ns)."""
        with self._lock:
            handle = self._require_open()
            status, result = lowlevel.stats_snapshot(handle)
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))
        return result

    def json(self):
        """The same reading as JSON text (str)."""
        return self._text(0, None)

    def prometheus(self, prefix="candlewick"):
        """The reading in the Prometheus text exposition format (0.0.4),
        every metric named ``prefix + "_" + ...``.  prefix: 1..64 characters
        of [a-zA-Z0-9_], not starting with a digit (else INVALID_ARGUMENT)."""
        if not isinstance(prefix, str):
            raise TypeError("prefix must be a str, not %s" % type(prefix).__name__)
        if "\0" in prefix:
            raise CandlewickError(Status.INVALID_ARGUMENT, "prefix contains a NUL character")
        return self._text(1, prefix)

    def reset(self):
        """Clears the window and the lifetime totals."""
        with self._lock:
            handle = self._require_open()
            status = lowlevel.cw_stats_reset(handle)
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))

    # -- internals ---------------------------------------------------------

    def _require_open(self):
        handle = self._handle
        if handle is None or self._closing:
            raise StatsClosedError()
        return handle

    def _forget(self, chart):
        with self._lock:
            self._charts.discard(chart)

    def _text(self, prometheus, prefix):
        with self._lock:
            handle = self._require_open()
            status, result = lowlevel.stats_text(handle, prometheus, prefix)
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))
        return result

    @staticmethod
    def _last_error(handle):
        _, message = lowlevel.stats_last_error(handle)
        return message


__all__.append("StatsClosedError")


# Last: the submodules import names defined above.
from . import bars, indicators  # noqa: E402
from .plotting import make_addplot, plot  # noqa: E402
from .renderer import RenderJob, Renderer, RendererClosedError  # noqa: E402

__all__ += ["make_addplot", "plot", "RenderJob", "Renderer", "RendererClosedError"]
