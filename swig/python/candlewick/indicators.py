"""Technical indicators with TA-Lib's definitions and defaults.

    import candlewick.indicators as ind

    sma = ind.compute("sma", close, period=20)            # one output: an array
    macd, signal, hist = ind.compute("macd", close)       # several: a named tuple
    bands = ind.compute("bbands", close, params={"period": 20, "nbdevup": 2.5})
    bands.upper, bands.middle, bands.lower
    atr = ind.compute("atr", {"high": h, "low": l, "close": c})   # a mapping
    ind.lookback("macd")                                   # 33
    ind.info("stoch").params                               # names, defaults, ranges

Inputs are borrowed like a chart's columns: 1-D float64 arrays (or other
buffers), contiguous or strided, never converted (a list or float32 array is a
TypeError).  Give them positionally in the order ``info(name).inputs`` lists
("input" for single-series indicators, else "open", "high", "low", "close",
"volume"), or as one mapping with those keys -- a dict of arrays or a NumPy
structured array (whose fields are strided views, read in place); a
single-series indicator then reads ``source`` (default "close").

Outputs are new float64 arrays of the input's length, computed in place (no
copy).  Positions before the first defined value are NaN; see ``lookback``.
A NaN or infinity in the input splits the series into runs that are computed
separately (docs/indicators.md).

Parameters go by name as keywords or in ``params=`` (a mapping, or a sequence
in the order of ``info(name).params``); left-out ones keep their defaults.
"matype" parameters also take a :class:`MaType` or its name ("ema").

Each thread computes through its own :class:`Context` (scratch memory reused
from call to call, so steady-state calls do not allocate); pass
``context=`` to use your own.  The computation releases the GIL.
"""

import builtins
import collections
import collections.abc
import enum
import operator
import threading

from . import CandlewickError, Status, _StatsAttachment, lowlevel

__all__ = [
    "Context",
    "Indicator",
    "IndicatorInfo",
    "MaType",
    "ParamInfo",
    "compute",
    "count",
    "find",
    "info",
    "list",
    "lookback",
    "names",
]

#: The indicators' stable numbers (SMA = 1, ...).
Indicator = enum.IntEnum("Indicator", sorted(
    ((key[len("CW_IND_"):], getattr(lowlevel, key)) for key in dir(lowlevel)
     if key.startswith("CW_IND_")), key=lambda item: item[1]), module=__name__)
#: Moving-average kinds for "matype" parameters (TA-Lib's numbering).
MaType = enum.IntEnum("MaType", sorted(
    ((key[len("CW_MA_"):], getattr(lowlevel, key)) for key in dir(lowlevel)
     if key.startswith("CW_MA_")), key=lambda item: item[1]), module=__name__)

#: One parameter: its name, TA-Lib's default, inclusive bounds, and whether
#: it must be a whole number.
ParamInfo = collections.namedtuple("ParamInfo", "name default min max is_integer")
#: What an indicator takes and gives.
IndicatorInfo = collections.namedtuple("IndicatorInfo",
                                       "id name title inputs params outputs")

_INT32 = (-2**31, 2**31 - 1)
_info_cache = {}
_result_types = {}
_cache_lock = threading.Lock()


def count():
    """How many indicators the library has (ids 1..count())."""
    return lowlevel.cw_indicator_count()


def find(name_or_id):
    """The :class:`Indicator` for a name ("bbands", any case) or number.

    Raises CandlewickError (INVALID_ARGUMENT) for an unknown one."""
    if isinstance(name_or_id, str):
        if "\0" not in name_or_id:
            status, found = lowlevel.cw_indicator_find(name_or_id.lower())
            if status == Status.OK:
                return _as_indicator(found)
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown indicator %r; "
                              "candlewick.indicators.names() lists them" % (name_or_id,))
    value = operator.index(name_or_id)
    if not 1 <= value <= count():
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown indicator id %d (ids are "
                              "1..%d)" % (value, count()))
    return _as_indicator(value)


def _as_indicator(value):
    try:
        return Indicator(value)
    except ValueError:  # newer than this binding's enum: a plain number
        return int(value)


def info(name_or_id):
    """An :class:`IndicatorInfo`: id, name, title, inputs (column names),
    params (:class:`ParamInfo` s) and outputs (names), in call order."""
    ident = find(name_or_id)
    cached = _info_cache.get(int(ident))
    if cached is not None:
        return cached
    status, described = lowlevel.indicator_info(int(ident))
    if status != Status.OK:
        raise CandlewickError(status, "cannot describe indicator %d" % ident)
    name, title, inputs, params, outputs = described
    result = IndicatorInfo(ident, name, title, inputs,
                           tuple(ParamInfo(*param) for param in params), outputs)
    with _cache_lock:
        _info_cache[int(ident)] = result
    return result


def list():  # noqa: A001 - the module's public name, as in the brief
    """Every indicator's :class:`IndicatorInfo`, by id."""
    return [info(ident) for ident in range(1, count() + 1)]


def names():
    """Every indicator's name, by id."""
    return tuple(item.name for item in list())


def _param_values(described, params, keywords):
    """The positional parameter list for the C call: params (a sequence or
    mapping) and keywords merged, gaps filled with defaults."""
    by_name = {}
    values = []
    if params is not None:
        if isinstance(params, collections.abc.Mapping):
            by_name.update(params)
        elif isinstance(params, (str, bytes)):
            raise TypeError("params must be a mapping or a sequence of numbers")
        else:
            values = builtins.list(params)
    for key in keywords:
        if key in by_name:
            raise TypeError("parameter %r given twice" % key)
    by_name.update(keywords)
    names_ = [param.name for param in described.params]
    for key, value in by_name.items():
        if key not in names_:
            raise TypeError("%s has no parameter %r; its parameters are %s" % (
                described.name, key, ", ".join(names_) or "none"))
        index = names_.index(key)
        if index < len(values):
            raise TypeError("parameter %r given twice" % key)
        while len(values) < index:
            values.append(described.params[len(values)].default)
        values.append(value)
    out = []
    for index, value in enumerate(values):
        if isinstance(value, str) and index < len(described.params) \
                and "matype" in described.params[index].name:
            try:
                value = MaType[value.upper()]
            except KeyError:
                raise ValueError("unknown moving-average type %r; expected one of %s" % (
                    value, ", ".join(m.name.lower() for m in MaType))) from None
        out.append(float(value))
    return out


def _describe_params(described):
    return ", ".join("%s in [%g, %g]%s (default %g)" % (
        p.name, p.min, p.max, " whole" if p.is_integer else "", p.default)
        for p in described.params) or "no parameters"


def lookback(name_or_id, params=None, **kwparams):
    """The index of the first defined output for these parameters (on input
    without non-finite values), e.g. period - 1 for SMA, 33 for MACD.

    Raises CandlewickError (INVALID_ARGUMENT) for a bad parameter."""
    described = info(name_or_id)
    values = _param_values(described, params, kwparams)
    status, result = lowlevel.indicator_lookback(int(described.id), values)
    if status != Status.OK:
        raise CandlewickError(status, "bad parameters %r for %s: %s" % (
            values, described.name, _describe_params(described)))
    return result


def _result_type(described):
    with _cache_lock:
        kind = _result_types.get(int(described.id))
        if kind is None:
            kind = collections.namedtuple(described.name.upper(), described.outputs,
                                          rename=True)
            _result_types[int(described.id)] = kind
    return kind


def _columns(described, columns, source):
    """The input tuple for the C call: positional columns as given, or the
    named fields of one mapping / structured array."""
    if len(columns) == 1 and _is_mapping(columns[0]):
        table = columns[0]
        picked = []
        for name in described.inputs:
            key = source if name == "input" else name
            try:
                picked.append(table[key])
            except (KeyError, ValueError, IndexError):
                raise KeyError("%s needs the column %r, which the mapping lacks"
                               % (described.name, key)) from None
        return tuple(picked)
    return tuple(columns)


def _is_mapping(obj):
    if isinstance(obj, collections.abc.Mapping):
        return True
    dtype = getattr(obj, "dtype", None)
    return getattr(dtype, "names", None) is not None  # a structured array


class Context(_StatsAttachment):
    """Scratch memory and the last error of indicator computations
    (``cw_indicator_context``).  One thread at a time uses it (calls are
    serialised by a lock); the module's functions use one per thread.  A
    context manager; :meth:`close` destroys it (so does collection).

    :meth:`attach_stats` records every computation into a
    :class:`~candlewick.Stats` (kind "indicator", one sample per call,
    failed ones included)."""

    _attach = staticmethod(lowlevel.cw_indicator_context_attach_stats)
    _what = "indicator context"

    _create = staticmethod(lowlevel.indicator_context_create)

    def _destroy(self, handle):
        lowlevel.cw_indicator_context_destroy(handle)

    def __repr__(self):
        return "<candlewick.indicators.Context%s>" % (" (closed)" if self.closed else "")

    def compute(self, name_or_id, *columns, params=None, source="close", **kwparams):
        """As the module's :func:`compute`, through this context."""
        described = info(name_or_id)
        values = _param_values(described, params, kwparams)
        inputs = _columns(described, columns, source)
        with self._lock:
            handle = self._handle
            if handle is None:
                raise CandlewickError(Status.NULL_ARGUMENT, "the indicator context is closed")
            status, outputs = lowlevel.indicator_compute(handle, int(described.id), inputs,
                                                         values)
            if status != Status.OK:
                raise CandlewickError(status, lowlevel.cw_indicator_context_last_error(handle))
        if len(outputs) == 1:
            return outputs[0]
        return _result_type(described)(*outputs)


_local = threading.local()


def _thread_context():
    context = getattr(_local, "context", None)
    if context is None or context.closed:
        context = _local.context = Context()
    return context


def compute(name_or_id, *columns, params=None, source="close", context=None, **kwparams):
    """Computes an indicator.

    name_or_id: a name ("sma", any case), an :class:`Indicator` or its id.
    columns: the input columns in ``info(name).inputs`` order, or one
      mapping (dict, structured array) holding them by name.
    params: a mapping of parameter names to values, or a sequence in
      ``info(name).params`` order; keywords name parameters too.
    source: the mapping's column a single-series indicator reads.
    context: a :class:`Context` (default: one per thread).

    Returns a float64 array for a single-output indicator, else a named
    tuple of arrays (``macd, signal, hist = compute("macd", close)``).

    Raises CandlewickError: INVALID_ARGUMENT (unknown indicator, wrong number
    of columns, a bad parameter), LENGTH_MISMATCH, INCONSISTENT_OHLC (a
    finite high < low), NEGATIVE_VOLUME; TypeError / ValueError for a column
    that cannot be read in place or an unknown parameter name."""
    if context is None:
        context = _thread_context()
    return context.compute(name_or_id, *columns, params=params, source=source, **kwparams)
