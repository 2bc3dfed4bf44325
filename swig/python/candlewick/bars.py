"""Bar aggregation: resampling ticks or bars into new bars.

    import candlewick.bars as bars

    minute = bars.from_ticks("time", time=t, price=p, size=s, interval=60)
    minute.open, minute.close, minute.row                 # NumPy arrays
    hourly = bars.from_ohlcv("time", time=t, open=o, high=h, low=l, close=c,
                             volume=v, interval=3600, empty="flat")
    bricks = bars.from_ohlcv("renko", open=o, high=h, low=l, close=c, box_size=1.0)

Methods by name: "time", "tick", "volume", "range", "heikin_ashi", "renko",
"point_figure", "kagi", "line_break" (or a :class:`Method`).  Options by
keyword, only the method's own (others are a TypeError):

=============== ===========================================================
time            interval (60), offset (0), empty ("skip", "nan", "flat")
tick            tick_count (100)
volume          volume_threshold (required), volume_split (False)
range           range (required)
heikin_ashi     (none; bars only)
renko           box_size (fixed box) or box_mode="atr" (default) with
                atr_period (14)
point_figure    as renko, plus reversal (3)
kagi            reversal_amount (4), reversal_percent (True)
line_break      line_count (3)
=============== ===========================================================

Giving ``box_size`` selects ``box_mode="fixed"`` unless box_mode is given.
docs/bars.md has every method's exact rules.

``max_rows`` bounds the rows a call allocates (default: the larger of
:data:`DEFAULT_MAX_ROWS` and the input's rows): a method that would make
more (renko or point-and-figure boxes far smaller than the prices' moves,
time bars over a long empty span) raises SIZE_OUT_OF_RANGE before anything
is allocated, instead of exhausting the machine's memory.

Inputs follow a chart's column rules (float64, int64 or datetime64[s] time
read in place, contiguous or strided; other numbers, datetime units and
pandas/Polars Series converted; ``data=`` takes a DataFrame).  Each call asks
the library for the exact row count first, allocates the output arrays
(NumPy-owned) and then fills them; both steps release the GIL.

The result is a :class:`Bars` named tuple of arrays: time (int64; None when
the input had no time column), open, high, low, close, volume (float64) and
row (int64: the last input row each output row covers, -1 for an empty time
interval).

Errors are :class:`~candlewick.CandlewickError` with the library's status
and the context's message (INVALID_ARGUMENT for a bad option or decreasing
times for time bars, LENGTH_MISMATCH, NON_FINITE, INCONSISTENT_OHLC,
NEGATIVE_VOLUME, NULL_ARGUMENT for a missing time or volume column the
method needs).

Each thread aggregates through its own :class:`Context`; pass ``context=``
to use your own (e.g. one with statistics attached).
"""

import collections
import enum

from . import _columns, lowlevel
from ._constants import Status
from ._errors import CandlewickError
from ._handles import _PerThread, _StatsAttachment
from ._options import _float, _index

__all__ = [
    "Bars",
    "BoxMode",
    "Context",
    "Empty",
    "METHODS",
    "Method",
    "from_ohlcv",
    "from_ticks",
]


def _constants(name, prefix, skip=()):
    return enum.IntEnum(name, sorted(
        ((key[len(prefix):], getattr(lowlevel, key)) for key in dir(lowlevel)
         if key.startswith(prefix) and key[len(prefix):] not in skip),
        key=lambda item: item[1]), module=__name__)


#: Aggregation methods (TIME = 1, TICK, VOLUME, RANGE, HEIKIN_ASHI, RENKO,
#: POINT_FIGURE, KAGI, LINE_BREAK).  CW_BAR_EMPTY_* share the prefix
#: "CW_BAR" but not "CW_BARS_".
Method = _constants("Method", "CW_BARS_")
#: What an empty time interval becomes: SKIP, NAN, FLAT.
Empty = _constants("Empty", "CW_BAR_EMPTY_")
#: Box sizing of renko and point-and-figure: FIXED, ATR.
BoxMode = _constants("BoxMode", "CW_BOX_")

#: The method names accepted by from_ticks / from_ohlcv.
METHODS = tuple(method.name.lower() for method in Method)

class Bars(collections.namedtuple("Bars", "time open high low close volume row")):
    """One aggregation's output columns (new NumPy arrays)."""

    __slots__ = ()

    def to_pandas(self):
        """A pandas DataFrame of open, high, low, close, volume and row,
        indexed by a UTC DatetimeIndex named "time" when there are times
        (else by position).  Imports pandas."""
        import pandas as pd

        columns = {name: getattr(self, name)
                   for name in ("open", "high", "low", "close", "volume", "row")}
        index = None
        if self.time is not None:
            index = pd.DatetimeIndex(pd.to_datetime(self.time, unit="s", utc=True),
                                     name="time")
        return pd.DataFrame(columns, index=index)

#: The bound on a call's output rows when ``max_rows`` is None, unless the
#: input has more rows: 2**24 rows of the seven columns take 0.9 GiB.
DEFAULT_MAX_ROWS = lowlevel.DEFAULT_MAX_BAR_ROWS

_INT32 = (-2**31, 2**31 - 1)
_INT64 = (-2**63, 2**63 - 1)
_UINT64 = (0, 2**64 - 1)

# Option -> (C field, kind).  Kinds: "int32", "int64", "uint64", "double",
# "bool", or an enum (names accepted).
_OPTIONS = {
    "interval": "int64",
    "offset": "int64",
    "empty": Empty,
    "tick_count": "uint64",
    "volume_threshold": "double",
    "volume_split": "bool",
    "box_mode": BoxMode,
    "box_size": "double",
    "atr_period": "int32",
    "range": "double",
    "reversal": "int32",
    "reversal_amount": "double",
    "reversal_percent": "bool",
    "line_count": "int32",
}
_BOX = ("box_mode", "box_size", "atr_period")
_METHOD_OPTIONS = {
    Method.TIME: ("interval", "offset", "empty"),
    Method.TICK: ("tick_count",),
    Method.VOLUME: ("volume_threshold", "volume_split"),
    Method.RANGE: ("range",),
    Method.HEIKIN_ASHI: (),
    Method.RENKO: _BOX,
    Method.POINT_FIGURE: _BOX + ("reversal",),
    Method.KAGI: ("reversal_amount", "reversal_percent"),
    Method.LINE_BREAK: ("line_count",),
}
_LIMITS = {"int32": _INT32, "int64": _INT64, "uint64": _UINT64}


def _method(method):
    if isinstance(method, str):
        try:
            return Method[method.upper()]
        except KeyError:
            raise CandlewickError(Status.INVALID_ARGUMENT, "unknown bar method %r; expected "
                                  "one of %s" % (method, ", ".join(METHODS))) from None
    value = _index("method", method, "a name (%s) or a Method" % ", ".join(METHODS))
    try:
        return Method(value)
    except ValueError:  # a number newer than this binding: the library judges it
        if not _INT32[0] <= value <= _INT32[1]:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "unknown bar method %d" % value) from None
        return value


def _label(method):
    """The method's name for messages ("renko"), or its number."""
    method = _method(method)
    return method.name.lower() if isinstance(method, Method) else str(method)


def _enum_value(kind, name, value):
    if isinstance(value, str):
        try:
            return int(kind[value.upper()])
        except KeyError:
            raise CandlewickError(Status.INVALID_ARGUMENT, "%s=%r: expected one of %s" % (
                name, value, ", ".join(m.name.lower() for m in kind))) from None
    value = _index(name, value, "a name (%s) or its number"
                   % ", ".join(m.name.lower() for m in kind))
    if not _INT32[0] <= value <= _INT32[1]:
        raise CandlewickError(Status.INVALID_ARGUMENT, "%s=%d is out of range" % (name, value))
    return value


def _options(method, given):
    """A cw_bar_options for `method` with the keywords in `given` set."""
    method = _method(method)
    allowed = _METHOD_OPTIONS.get(method, tuple(_OPTIONS))
    for name in given:
        if name not in _OPTIONS:
            raise TypeError("unknown bar option %r; the options are %s"
                            % (name, ", ".join(_OPTIONS)))
        if name not in allowed:
            raise TypeError("%s bars take no option %r (theirs: %s)"
                            % (_label(method), name, ", ".join(allowed) or "none"))
    options = lowlevel.cw_bar_options()
    lowlevel.cw_bar_options_init(options, int(method))
    given = dict(given)
    if "box_size" in given and "box_mode" not in given:
        given["box_mode"] = BoxMode.FIXED
    for name, value in given.items():
        kind = _OPTIONS[name]
        if isinstance(kind, type):
            value = _enum_value(kind, name, value)
        elif kind == "bool":
            value = int(bool(value))
        elif kind == "double":
            value = _float(name, value)
        else:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            value = _index(name, value, "a whole number")
            low, high = _LIMITS[kind]
            if not low <= value <= high:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "%s=%d is out of range" % (name, value))
        setattr(options, name, value)
    return options


class Context(_StatsAttachment):
    """A bar-aggregation context (``cw_bar_context``): scratch memory and the
    last error.  One thread at a time uses it (calls are serialised by a
    lock); the module's functions use one per thread.  A context manager;
    :meth:`close` destroys it (so does collection).

    :meth:`attach_stats` records every aggregation into a
    :class:`~candlewick.Stats` (kind "aggregate"): each successful call
    records two samples, the size query and the fill; a call failing in the
    library records one."""

    _attach = staticmethod(lowlevel.cw_bar_context_attach_stats)
    _what = "bar context"

    _create = staticmethod(lowlevel.bar_context_create)

    _destroy = staticmethod(lowlevel.cw_bar_context_destroy)

    _last_error = staticmethod(lowlevel.cw_bar_context_last_error)

    def from_ticks(self, method, data=None, *, time=None, price=None, size=None,
                   max_rows=None, **options):
        """As the module's :func:`from_ticks`, through this context."""
        if data is not None:
            table = _columns.Table(data)
            if price is None:
                price = table.get("price" if table.has("price") else "close")
            if size is None:
                size = table.get("size" if table.has("size") else "volume", required=False)
            if time is None:
                time = table.time()
        return self._aggregate(1, (_columns.time(time), _columns.price(price, "price"),
                                   _columns.price(size, "size")), method, max_rows, options)

    def from_ohlcv(self, method, data=None, *, open=None, high=None, low=None, close=None,
                   volume=None, time=None, max_rows=None, **options):
        """As the module's :func:`from_ohlcv`, through this context."""
        return self._aggregate(0, _columns.series(data, open, high, low, close, volume, time),
                               method, max_rows, options)

    def _aggregate(self, ticks, columns, method, max_rows, given):
        options = _options(method, given)
        bound = -1
        if max_rows is not None:
            bound = _index("max_rows", max_rows, "a whole number of rows or None")
            if not 0 <= bound <= _INT64[1]:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "max_rows=%d is out of range" % bound)
        with self._lock:
            handle = self._require_open()
            status, result = lowlevel.bars(handle, ticks, columns, options, bound)
            if status == Status.SIZE_OUT_OF_RANGE and result is not None:
                rows, limit = result
                raise CandlewickError(status, "%s bars would make %d rows, more than the %d "
                                      "allowed (max_rows)" % (_label(method), rows, limit))
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))
        count = result[0]
        arrays = result[1:]
        if len(arrays[1]) != count:  # the input changed between the two calls
            arrays = [None if a is None else a[:count] for a in arrays]
        return Bars(*arrays)


_thread_contexts = _PerThread(Context)


_context = _thread_contexts.given_or_mine


def from_ticks(method, data=None, *, time=None, price=None, size=None, context=None,
               max_rows=None, **options):
    """Aggregates ticks (a price per trade or quote, optionally its time and
    size) into bars.

    method: a name from :data:`METHODS` or a :class:`Method`
      ("heikin_ashi" takes bars only).
    data: optional DataFrame (pandas or Polars), mapping or structured
      array with a price (or close) column, optionally size (or volume) and
      a DatetimeIndex or time column (names in any case).
    time: int64 seconds or datetime64 times; required by time bars.
    price: prices (float64 read in place, other numbers converted).
    size: sizes (volume); required by volume bars.  Without it,
      each output row's volume is its number of ticks.
    context: a :class:`Context` (default: one per thread).
    max_rows: the most rows the result may have (module doc); None: the
      larger of :data:`DEFAULT_MAX_ROWS` and the input's rows.
    options: the method's options (module doc).

    Returns a :class:`Bars` named tuple of new arrays."""
    return _context(context).from_ticks(method, data, time=time, price=price, size=size,
                                        max_rows=max_rows, **options)


def from_ohlcv(method, data=None, *, open=None, high=None, low=None, close=None, volume=None,
               time=None, context=None, max_rows=None, **options):
    """Aggregates bars into bars: resampling, tick, volume and range bars,
    Heikin-Ashi, renko, point-and-figure, kagi, line break.

    data: optional DataFrame, mapping or structured array with
      open/high/low/close[/volume] and a DatetimeIndex or time column.
    open, high, low, close: prices (low <= open, close <= high).
    volume: required by volume bars.  Without it each output row's volume
      is its number of input rows.
    time: int64 seconds or datetime64 times; required by time bars.
    Others as :func:`from_ticks`."""
    return _context(context).from_ohlcv(method, data, open=open, high=high, low=low, close=close,
                                        volume=volume, time=time, max_rows=max_rows, **options)
