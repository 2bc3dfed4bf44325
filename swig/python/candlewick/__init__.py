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

import numpy as _np

from . import _columns, lowlevel
from ._columns import ConversionWarning

# Output arrays are made by NumPy's own constructor: the extension uses only
# the buffer protocol, so it works with whichever NumPy is installed.
lowlevel.set_array_factory(_np.empty)

# The API is defined in private modules, one subject each; this package is
# its one public place.
from . import _chart, _constants, _errors, _overlays, _stats  # noqa: E402
from ._chart import Chart  # noqa: E402
from ._constants import (CHART_TYPES, FORMATS, MAX_DIMENSION, MAX_PANELS,  # noqa: E402
                         MIN_DIMENSION, PNG_PRESETS, THEMES, ChartType, Format, PngPreset,
                         SimdTarget, StatsKind, Status, Theme, version_info)
from ._errors import (CandlewickError, ChartClosedError, StatsClosedError,  # noqa: E402
                      status_string)
# _extras: chart_data_test checks it directly.
from ._overlays import LINE_COLORS, Band, Line, Panel, _extras  # noqa: E402
from ._stats import Stats  # noqa: E402

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
    "StatsClosedError",
]

#: The version of the loaded library, "MAJOR.MINOR.PATCH".
__version__ = lowlevel.cw_version_string()


def _adopt(modules):
    """Gives the public classes and functions of ``modules`` this package as
    their ``__module__``, where they are documented: help(), reprs and
    pickles name ``candlewick.Chart``, not the private module."""
    import types

    names = {module.__name__ for module in modules}
    for name, value in list(globals().items()):
        if (not name.startswith("_") and isinstance(value, (type, types.FunctionType))
                and value.__module__ in names):
            value.__module__ = __name__


_adopt((_chart, _constants, _errors, _overlays, _stats))

# The public submodules, and the names the package takes from them.
from . import bars, indicators  # noqa: E402
from .plotting import make_addplot, plot  # noqa: E402
from .renderer import RenderJob, Renderer, RendererClosedError  # noqa: E402

__all__ += ["make_addplot", "plot", "RenderJob", "Renderer", "RendererClosedError"]
