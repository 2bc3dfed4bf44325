"""One call from a DataFrame to a chart, in the spirit of ``mplfinance.plot``.

    import candlewick

    png = candlewick.plot(df, type="candle", volume=True, mav=(10, 20))
    candlewick.plot(df, type="candle", volume=True, mav=(10, 20),
                    style="yahoo", title="ACME", savefig="chart.png")

``df`` is what mplfinance takes: a pandas DataFrame with a DatetimeIndex and
Open/High/Low/Close[/Volume] columns (any case).  A Polars DataFrame, a
mapping of columns or a structured array works too, with the times in a
time/datetime/date/timestamp column.  The keywords mplfinance users know
are accepted where candlewick has the feature; any other keyword is a
TypeError naming the supported ones, never silently ignored.
"""

import math
import numbers
import operator
import os

from . import _columns, indicators
from ._chart import Chart
from ._overlays import Band, Line, Panel

__all__ = ["STYLES", "TYPES", "make_addplot", "plot"]

#: Chart types by mplfinance's names and candlewick's.
TYPES = {
    "candle": "candlestick", "candlestick": "candlestick",
    "ohlc": "ohlc", "ohlc_bars": "ohlc",
    "line": "line", "area": "area",
    "hollow_and_filled": "hollow", "hollow": "hollow",
    "heikin_ashi": "heikin_ashi", "heikin-ashi": "heikin_ashi",
    "renko": "renko",
    "pnf": "point_figure", "p&f": "point_figure", "pointnfigure": "point_figure",
    "point_figure": "point_figure",
}


def _colors(background, up, down, grid, text, axis):
    return {"background": background, "up": up, "down": down, "grid": grid,
            "text": text, "axis": axis}


#: Styles: candlewick's themes by name, plus the mplfinance styles whose
#: candles have their own colours, with mplfinance's candle, face and grid
#: colours (text and axes dark).  A dict of the six colours (background, up,
#: down, grid, text, axis) is a style too.
STYLES = {
    "classic": "classic", "modern": "modern", "tradingview": "tradingview",
    "light": "light",
    "yahoo": _colors("#fafafa", "#00b060", "#fe3032", "#d0d0d0", "#101010", "#101010"),
    "charles": _colors("#ffffff", "#006340", "#a02128", "#a0a0a0", "#000000", "#000000"),
    "binance": _colors("#ffffff", "#70a800", "#ea0070", "#d0d0d0", "#000000", "#808080"),
    "checkers": _colors("#ffffff", "#000000", "#ff0000", "#c0c0c0", "#000000", "#c0c0c0"),
}

#: mplfinance's default figure: 8 x 5.75 inches at 100 dpi.
_DEFAULT_SIZE = (800, 575)
_FORMAT_OF_SUFFIX = {".png": "png", ".webp": "webp", ".svg": "svg"}
_ADDPLOT_TYPES = ("line", "bar")


def make_addplot(data, type="line", panel=0, color=None, width=None, ylabel=None,
                 ylim=None):
    """An extra plot for :func:`plot`'s ``addplot=``, as mplfinance's
    ``make_addplot``: ``data`` a column (array, Series) or a DataFrame (a
    line per column); ``type`` "line" or "bar" (a histogram, in a panel);
    ``panel`` 0 for the price panel, 1, 2, ... for panels below it (panels
    with the same number are shared; the volume panel is separate);
    ``ylim`` a (min, max) scale; ``ylabel`` the panel's title."""
    if type not in _ADDPLOT_TYPES:
        raise ValueError("addplot type %r is not supported; candlewick draws %s"
                         % (type, " and ".join(map(repr, _ADDPLOT_TYPES))))
    if type == "bar" and panel == 0:
        raise ValueError("a 'bar' addplot needs a panel of its own (panel >= 1)")
    return {"data": data, "type": type, "panel": int(panel), "color": color,
            "width": width, "ylabel": ylabel, "ylim": ylim}


def _columns_of(data):
    """A DataFrame's columns as a list, else the data itself."""
    if _columns.is_pandas(data, "DataFrame"):
        return [data[key] for key in data.columns]
    if _columns.is_polars(data, "DataFrame"):
        return [data.get_column(key) for key in data.columns]
    return [data]


def _addplots(addplot):
    """(overlays, panels) from the addplot dicts."""
    if addplot is None:
        return [], []
    if isinstance(addplot, dict):
        addplot = [addplot]
    overlays, panels = [], {}
    for item in addplot:
        if not isinstance(item, dict) or "data" not in item:
            raise TypeError("addplot takes what candlewick.make_addplot returns")
        width = item.get("width") or 0.0
        if item["panel"] == 0:
            overlays += [Line(column, color=item.get("color"), width=width)
                         for column in _columns_of(item["data"])]
            continue
        panel = panels.setdefault(item["panel"], Panel(lines=[], weight=0.25))
        if item.get("ylabel"):
            panel.title = item["ylabel"]
        if item.get("ylim") is not None:
            panel.min, panel.max = map(float, item["ylim"])
        if item["type"] == "bar":
            if panel.histogram is not None:
                raise ValueError("panel %d already has a bar addplot" % item["panel"])
            panel.histogram = item["data"]
        else:
            panel.lines += [Line(column, color=item.get("color"), width=width)
                            for column in _columns_of(item["data"])]
    return overlays, [panels[number] for number in sorted(panels)]


def _style(style):
    """(theme, colors) for Chart(...)."""
    if style is None:
        return "classic", None
    if isinstance(style, dict):
        return "classic", style
    if isinstance(style, str) and style.lower() in STYLES:
        value = STYLES[style.lower()]
        return (value, None) if isinstance(value, str) else ("classic", value)
    raise ValueError("unknown style %r; candlewick has %s, or a dict of the six colours"
                     % (style, ", ".join(STYLES)))


def _output(savefig, format):
    """(path or file object or None, format name)."""
    target = savefig
    if isinstance(savefig, dict):
        target = savefig.get("fname")
        if target is None:
            raise TypeError("savefig as a dict needs 'fname', as in mplfinance")
        format = format or savefig.get("format")
    if format is None and isinstance(target, (str, os.PathLike)):
        suffix = os.path.splitext(os.fspath(target))[1].lower()
        format = _FORMAT_OF_SUFFIX.get(suffix)
        if format is None:
            raise ValueError("cannot tell the format of %r: use a .png, .webp or .svg name, "
                             "or format=" % os.fspath(target))
    # open() takes an int as a file descriptor and closes it afterwards:
    # savefig=1 (or True) wrote the file over stdout and closed it.
    if not (target is None or isinstance(target, (str, bytes, os.PathLike))
            or hasattr(target, "write")) or isinstance(target, bool):
        raise TypeError("savefig must be a path, a writable binary file or {'fname': ...}, "
                        "not %s" % type(target).__name__)
    if format is not None and not isinstance(format, str):  # was an AttributeError
        raise TypeError("format must be a str, not %s" % type(format).__name__)
    format = (format or "png").lower()
    if format not in ("png", "webp", "webp-lossy", "svg"):
        raise ValueError("plot writes png, webp, webp-lossy or svg, not %r" % format)
    return target, format


def _size(width, height, figsize, dpi):
    if figsize is not None:
        if width is not None or height is not None:
            raise TypeError("give figsize (inches) or width/height (pixels), not both")
        try:
            inches = [float(side) for side in figsize]
        except (TypeError, ValueError):  # was an IndexError for 3 or ""
            raise TypeError("figsize must be (width, height) in inches, not %r"
                            % (figsize,)) from None
        if len(inches) != 2 or not all(math.isfinite(side) for side in inches):
            raise ValueError("figsize must be two finite numbers, not %r" % (figsize,))
        return round(inches[0] * dpi), round(inches[1] * dpi)
    return (_DEFAULT_SIZE[0] if width is None else width,
            _DEFAULT_SIZE[1] if height is None else height)


def _moving_averages(mav, mavcolors, close):
    """Lines of the simple moving averages ``mav`` (a period or periods) of
    ``close``, coloured ``mavcolors`` in order (then the default colours)."""
    length = len(close)
    overlays = []
    if mav is not None:
        periods = (mav,) if isinstance(mav, (numbers.Number, str, bytes)) else tuple(mav)
        colours = list(mavcolors or [])
        for i, period in enumerate(periods):
            # Whole numbers only (NumPy's too): int() truncated 10.5 to 10.
            try:
                if isinstance(period, bool):
                    raise TypeError
                period = operator.index(period)
            except TypeError:
                raise TypeError("mav periods must be whole numbers, not %r" % (period,)) from None
            if not 2 <= period <= length:
                raise ValueError("mav period %r must be in [2, %d] (the number of rows)"
                                 % (period, length))
            values = indicators.compute("sma", close, period=period)
            overlays.append(Line(values, color=colours[i] if i < len(colours) else None))
    return overlays


def _box_options(kind, renko_params, pnf_params):
    """Chart(...)'s box_size and reversal from mplfinance's renko_params or
    pnf_params, whichever the chart type reads."""
    options = {}
    params = renko_params if kind == "renko" else pnf_params if kind == "point_figure" else None
    if params:
        size = params.get("brick_size", params.get("box_size"))
        if size is not None and size != "atr":
            options["box_size"] = float(size)
        if "reversal" in params:
            options["reversal"] = int(params["reversal"])
    return options


def _save(target, result):
    """``result`` when there is no ``target``, else None once it is written
    to ``target`` (a writable binary file or a path)."""
    if target is None:
        return result
    if hasattr(target, "write"):
        target.write(result)
    else:
        with open(target, "wb") as f:
            f.write(result)
    return None


def plot(data, type="ohlc", *, volume=False, mav=None, mavcolors=None, style=None,
         title=None, addplot=None, figsize=None, dpi=100, width=None, height=None,
         axisoff=False, savefig=None, format=None, renko_params=None, pnf_params=None,
         bands=None, antialias=False, **unsupported):
    """Draws ``data`` as a chart and returns the file's bytes, or writes it.

    data: a pandas DataFrame with a DatetimeIndex (or a Polars DataFrame,
      mapping or structured array with a time column) and columns
      open, high, low, close and, for ``volume=True``, volume (any case).
    type: "ohlc" (mplfinance's default), "candle", "line", "area",
      "hollow_and_filled", "heikin_ashi", "renko", "pnf" (:data:`TYPES`).
    volume: draw the volume panel (the data needs a volume column).
    mav: moving averages of the close to overlay: a period or a tuple of
      periods (simple moving averages, NaN until defined, as mplfinance).
    mavcolors: their colours (default: candlewick's line colours).
    style: a name in :data:`STYLES` (candlewick's themes, "yahoo",
      "charles", "binance", "checkers") or a dict of the six colours.
    title: drawn at the top left.
    addplot: :func:`make_addplot` results: lines over the prices, lines and
      histograms in panels below.
    bands: (upper, lower) pairs to fill behind the candles, e.g.
      ``bands=[(bb["upper"], bb["lower"])]``.
    figsize, dpi: the size in inches at ``dpi`` (mplfinance's way), or
      width, height: in pixels (default 800 x 575).
    axisoff: no axes, labels or last-price marker.
    renko_params, pnf_params: ``{"brick_size": ...}`` / ``{"box_size":
      ..., "reversal": ...}`` as mplfinance (default: ATR(14) boxes).
    savefig: a path (the format from its suffix: .png, .webp, .svg), a
      writable binary file, or ``{"fname": ..., "dpi": ...}``.
    format: "png" (default), "webp", "webp-lossy" or "svg".

    Returns the file as ``bytes``, or None when ``savefig`` is given.
    Raises TypeError for a keyword candlewick does not support, ValueError
    for a bad type, style or format, KeyError for a missing column,
    :class:`~candlewick.CandlewickError` for invalid prices (row named)."""
    if unsupported:
        raise TypeError("plot() got keywords candlewick does not support: %s (it takes "
                        "type, volume, mav, mavcolors, style, title, addplot, bands, "
                        "figsize, dpi, width, height, axisoff, savefig, format, "
                        "renko_params, pnf_params, antialias)" % ", ".join(sorted(unsupported)))
    kind = TYPES.get(str(type).lower())
    if kind is None:
        raise ValueError("unknown type %r; candlewick draws %s" % (type, ", ".join(TYPES)))
    if isinstance(savefig, dict) and savefig.get("dpi"):
        dpi = savefig["dpi"]
    width, height = _size(width, height, figsize, dpi)
    theme, colors = _style(style)
    target, fmt = _output(savefig, format)

    series = _columns.series(data, None, None, None, None, None, None)
    if volume and series[5] is None:
        raise ValueError("volume=True, but the data has no volume column")
    overlays = _moving_averages(mav, mavcolors, series[4])
    extra_overlays, panels = _addplots(addplot)
    overlays += extra_overlays
    band_list = [Band(upper, lower) for upper, lower in (bands or ())]
    options = _box_options(kind, renko_params, pnf_params)

    with Chart(width, height, theme=theme, chart_type=kind, colors=colors,
               show_volume=bool(volume), show_axes=not axisoff, antialias=antialias,
               **options) as chart:
        time, open_, high, low, close, volume_column = series
        result = chart.render(fmt, open=open_, high=high, low=low, close=close,
                              volume=volume_column if volume else None, time=time,
                              overlays=overlays, bands=band_list, panels=panels, title=title)
    return _save(target, result)
