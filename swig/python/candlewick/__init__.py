"""candlewick: financial charts rendered to PNG bytes and NumPy RGBA frames.

    import numpy as np
    import candlewick

    with candlewick.Chart(width=800, height=600, theme="classic") as chart:
        png = chart.render_png(open=o, high=h, low=l, close=c, volume=v)
        frame = chart.render_rgba(open=o, high=h, low=l, close=c, time=t)

Columns are borrowed, never copied
----------------------------------
``open``, ``high``, ``low``, ``close`` and ``volume`` must be one-dimensional
NumPy arrays (or other objects exporting a buffer) of native-endian float64;
``time`` must be int64 seconds since the Unix epoch, UTC (a
``datetime64[s]`` array is accepted too and viewed as int64 without a copy).
Contiguous and strided arrays are both read in place for the duration of the
call: a column of a 2-D table (``table[:, 1]``), a reversed array
(``a[::-1]``), a field of a structured array.

Anything that would need a conversion is rejected instead of being copied
behind your back: a list, a pandas Series, or an array of another dtype
(float32, int64 prices, object, big-endian, ...) raises TypeError; an array
that is not 1-D, or a broadcast array (stride 0), raises ValueError.  Convert
once yourself, e.g. ``numpy.asarray(x, dtype=numpy.float64)`` or
``series.to_numpy(numpy.float64)``.  ``time`` and ``volume`` are optional.

Outputs
-------
``render_png`` returns ``bytes``.  ``render_rgba`` returns a read-only
``(height, width, 4)`` uint8 array that owns the library's frame buffer (no
copy; the buffer is freed when the array is collected, even after the chart
is closed).  ``render_rgba_into`` draws into your own writable uint8 array
of that shape, which may be a view of a larger canvas (any row stride).

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

import enum
import operator
import threading

import numpy as _np

from . import lowlevel

__all__ = [
    "CHART_TYPES",
    "CandlewickError",
    "Chart",
    "ChartType",
    "ChartClosedError",
    "MAX_DIMENSION",
    "MIN_DIMENSION",
    "PNG_PRESETS",
    "PngPreset",
    "Status",
    "THEMES",
    "Theme",
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
_DATETIME_SECONDS = _np.dtype("datetime64[s]")


def _time_column(time):
    # datetime64[s] has int64 storage in seconds: a zero-copy view.  Other
    # units would need arithmetic on a copy, so they are refused like any
    # other conversion.
    dtype = getattr(time, "dtype", None)
    if isinstance(dtype, _np.dtype) and dtype.kind == "M":
        if dtype != _DATETIME_SECONDS:
            raise TypeError("column 'time' has dtype %s; candlewick reads "
                            "datetime64[s] or int64 seconds in place (convert "
                            "with x.astype('datetime64[s]'))" % dtype)
        return time.view(_np.int64)
    return time


class Chart:
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

    Raises:
      CandlewickError: SIZE_OUT_OF_RANGE for a bad size, INVALID_ARGUMENT
        for an unknown theme/type/preset number or a non-opaque colour.
      ValueError / TypeError: an unknown theme, type or preset name, a
        malformed colour, a non-integer size.
    """

    def __init__(self, width=800, height=600, *, theme="classic", chart_type="candlestick",
                 show_volume=True, show_grid=True, show_axes=False, antialias=False,
                 png_preset="balanced", colors=None):
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._lock = threading.Lock()
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

        status, handle = lowlevel.cw_chart_create(options)
        if status == Status.SIZE_OUT_OF_RANGE:
            raise _size_error(width, height)
        if status != Status.OK:
            # No handle exists, so the library has no message to give.
            raise CandlewickError(
                status, "cannot create a chart with theme=%d, chart_type=%d, png_preset=%d, "
                "colors=%r (themes, types and presets must be known, custom colours opaque)"
                % (theme, chart_type, png_preset, colors))
        self._handle = handle
        _, self._width, self._height, _, _ = lowlevel.cw_chart_frame_info(handle)
        self._theme = theme
        self._chart_type = chart_type
        self._png_preset = png_preset

    # -- lifetime ----------------------------------------------------------

    def close(self):
        """Destroys the chart.  Calling it again is a no-op.  Frames returned
        by :meth:`render_rgba` stay valid."""
        with self._lock:
            handle, self._handle = self._handle, None
            if handle is not None:
                lowlevel.cw_chart_destroy(handle)

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
        # Only the garbage collector gets here, so no other thread holds the
        # chart; `_handle` is None when __init__ failed, absent if it never ran.
        if getattr(self, "_handle", None) is not None:
            self.close()

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

    # -- rendering ---------------------------------------------------------

    def render_png(self, *, open, high, low, close, volume=None, time=None):
        """Renders the series and returns the PNG file as ``bytes``.

        Raises CandlewickError: EMPTY_SERIES, LENGTH_MISMATCH, NON_FINITE,
        INCONSISTENT_OHLC, NEGATIVE_VOLUME, OUT_OF_MEMORY, ENCODE; TypeError /
        ValueError for a column that cannot be read in place (module doc)."""
        return self._call(lowlevel.render_png_bytes,
                          (_time_column(time), open, high, low, close, volume))

    def render_rgba(self, *, open, high, low, close, volume=None, time=None):
        """Renders the series into a new read-only (height, width, 4) uint8
        array that owns the library's frame (no copy; freed with the array).

        Raises as :meth:`render_png` (except ENCODE)."""
        return self._call(lowlevel.render_rgba_array,
                          (_time_column(time), open, high, low, close, volume))

    def render_rgba_into(self, out, *, open, high, low, close, volume=None, time=None):
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
        series = (_time_column(time), open, high, low, close, volume)
        with self._lock:
            handle = self._require_open()
            status = lowlevel.cw_chart_render_rgba(handle, series, out)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_chart_last_error(handle))
        return out

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
