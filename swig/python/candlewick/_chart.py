"""The chart handle: :class:`Chart`, its options and every way it renders
(PNG bytes, RGBA frames owned by NumPy arrays, the general ``render``)."""

import threading

import numpy as _np

from . import _columns, lowlevel
from ._constants import ChartType, PngPreset, Status, Theme
from ._errors import CandlewickError, ChartClosedError
from ._handles import _StatsAttachment
from ._options import _FLT_MAX, _LAYOUT_FIELDS, _chart_options, _float, _format, _size_error
from ._overlays import _extras


def _frame_array(frame):
    """A read-only array over a library-owned frame, without a copy: the
    array's base (a memoryview) holds the frame, whose cw_buffer is destroyed
    when the last array or view over it is collected."""
    return _np.asarray(frame)


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
      time_zone: the IANA name of the zone the time axis is labelled in
        ("America/New_York", "Europe/London"; ``time`` stays UTC seconds),
        read from the system's zoneinfo.  None or "": UTC.

    Raises:
      CandlewickError: SIZE_OUT_OF_RANGE for a bad size, INVALID_ARGUMENT
        for an unknown theme/type/preset number, a non-opaque colour, a
        layout value out of range, font bytes that are not a font or an
        unknown time zone or one with a NUL (with the library's message,
        which names the zone).
      ValueError / TypeError: an unknown theme, type or preset name, a
        malformed colour, a non-integer size, a time zone that is not a str.
    """

    def __init__(self, width=800, height=600, *, theme="classic", chart_type="candlestick",
                 show_volume=True, show_grid=True, show_axes=False, antialias=False,
                 png_preset="balanced", colors=None, price_weight=None, volume_weight=None,
                 panel_gap=None, margin=None, line_width=None, box_size=None, reversal=None,
                 label_size=None, font=None, time_zone=None):
        self._close_before_init()
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._stats = None
        self._webp_quality = 90.0
        self._lock = threading.Lock()
        options, time_zone, given = _chart_options(
            width, height, theme=theme, chart_type=chart_type, show_volume=show_volume,
            show_grid=show_grid, show_axes=show_axes, antialias=antialias,
            png_preset=png_preset, colors=colors, price_weight=price_weight,
            volume_weight=volume_weight, panel_gap=panel_gap, margin=margin,
            line_width=line_width, box_size=box_size, reversal=reversal,
            label_size=label_size, time_zone=time_zone)
        width, height = options.width, options.height
        theme, chart_type, png_preset = options.theme, options.type, options.png_preset
        status, handle, message = lowlevel.chart_create(options, font, time_zone)
        if status == Status.SIZE_OUT_OF_RANGE:
            raise _size_error(width, height)
        if status != Status.OK and time_zone and message:
            # The library names the zone and says why it cannot be loaded.
            raise CandlewickError(status, message)
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
        self._time_zone = time_zone or None

    # -- lifetime ----------------------------------------------------------

    _attach = staticmethod(lowlevel.cw_chart_attach_stats)
    _what = "chart"

    def _destroy(self, handle):
        lowlevel.cw_chart_destroy(handle)  # looked up per call (tests count calls)

    def close(self):
        """Destroys the chart.  Calling it again is a no-op.  Frames returned
        by :meth:`render_rgba` stay valid."""
        _StatsAttachment.close(self)

    def _last_error(self, handle):
        return lowlevel.cw_chart_last_error(handle)

    _attach_error = _last_error

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
    def time_zone(self):
        """The IANA name of the time axis's zone, or None for UTC."""
        return self._time_zone

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
        quality = _float("webp_quality", quality)
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
                          _columns.series(data, open, high, low, close, volume, time))

    def render_rgba(self, data=None, *, open=None, high=None, low=None, close=None,
                    volume=None, time=None):
        """Renders the series into a new read-only (height, width, 4) uint8
        array that owns the library's frame (no copy; freed with the array).

        Raises as :meth:`render_png` (except ENCODE)."""
        return _frame_array(self._call(
            lowlevel.render_rgba_array,
            _columns.series(data, open, high, low, close, volume, time)))

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
        series = _columns.series(data, open, high, low, close, volume, time)
        self._call_status(lowlevel.cw_chart_render_rgba, series, out)
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
          panel; a Line's ``name`` puts it in the legend (drawn with axes).
        bands: :class:`Band` s behind the candles; named ones in the legend.
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
        series = _columns.series(data, open, high, low, close, volume, time)
        extras = _extras(overlays, bands, panels, title)
        result = self._call(lowlevel.render, series, extras, fmt)
        return result if isinstance(result, bytes) else _frame_array(result)

    def palette(self):
        """The palette of the last successful render: a new uint32 array of
        0xRRGGBBAA colours, the ones an "indexed" frame's values refer to."""
        return self._call(lowlevel.palette)

    # -- internals ---------------------------------------------------------

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise ChartClosedError()
        return handle
