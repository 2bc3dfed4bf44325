"""Technical indicators with TA-Lib's definitions and defaults.

    import candlewick.indicators as ind

    sma = ind.compute("sma", close, period=20)            # one output: an array
    macd, signal, hist = ind.compute("macd", close)       # several: a named tuple
    bands = ind.compute("bbands", close, params={"period": 20, "nbdevup": 2.5})
    bands.upper, bands.middle, bands.lower
    atr = ind.compute("atr", {"high": h, "low": l, "close": c})   # a mapping
    ind.lookback("macd")                                   # 33
    ind.info("stoch").params                               # names, defaults, ranges

Inputs follow a chart's column rules: float64 columns (NumPy arrays, pandas
or Polars Series) are read in place, contiguous or strided; other numeric
dtypes are converted (a :class:`~candlewick.ConversionWarning` says so); a
list is a TypeError.  Give them positionally in the order
``info(name).inputs`` lists ("input" for single-series indicators, else
"open", "high", "low", "close", "volume"), or as one table with those
columns: a pandas or Polars DataFrame (names in any case), a dict of
arrays or a NumPy structured array; a single-series indicator then reads
``source`` (default "close").

Outputs are new float64 arrays of the input's length, computed in place (no
copy).  Positions before the first defined value are NaN; see ``lookback``.
A NaN or infinity in the input splits the series into runs that are computed
separately (docs/indicators.md).  pandas input gives pandas output on the
input's index, as TA-Lib's abstract API does (a Series, or a DataFrame for
several outputs); Polars input gives Polars output.

    ind.compute("rsi", df["Close"])                       # a Series on df.index
    ind.compute("bbands", df, period=20)                  # a DataFrame upper/middle/lower
    ind.compute_batch("sma", [s1, s2, s3], period=20)     # many series, one call
    with ind.Stream("rsi", period=14) as rsi:             # a live feed
        value = rsi.push(price)

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
import threading

from . import _columns, lowlevel
from ._constants import Status
from ._errors import CandlewickError
from ._handles import _Handle, _PerThread, _StatsAttachment
from ._options import _c_text_problem, _index

__all__ = [
    "Context",
    "Stream",
    "Indicator",
    "IndicatorInfo",
    "MaType",
    "ParamInfo",
    "compute",
    "compute_batch",
    "count",
    "find",
    "info",
    "list",
    "lookback",
    "names",
    "streamable",
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
        if not _c_text_problem(name_or_id):
            status, found = lowlevel.cw_indicator_find(name_or_id.lower())
            if status == Status.OK:
                return _as_indicator(found)
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown indicator %r; "
                              "candlewick.indicators.names() lists them" % (name_or_id,))
    value = _index("indicator", name_or_id, "a name or an id")
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
        out.append(_param_number(described, index, value))
    return out


def _param_number(described, index, value):
    """A parameter as the float the C call takes.  Text is not a number
    (float("5") would take it), and float()'s own errors name nothing."""
    name = described.params[index].name if index < len(described.params) else "extra"
    where = "%s parameter %d (%s)" % (described.name, index, name)
    if isinstance(value, (str, bytes, bytearray)):
        raise TypeError("%s must be a number, not %s" % (where, type(value).__name__))
    try:
        return float(value)
    except OverflowError:
        raise CandlewickError(Status.INVALID_ARGUMENT, "%s is %d, beyond any valid value"
                              % (where, value)) from None
    except (TypeError, ValueError):
        raise TypeError("%s must be a number, not %s" % (where, type(value).__name__)) from None


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
            # Made at run time, so pickle cannot find it by name
            # (candlewick.indicators.BBANDS does not exist): results reduce
            # to the indicator and their values, for Dask and
            # multiprocessing to ship them.
            kind._indicator = int(described.id)
            kind.__reduce__ = _reduce_result
            _result_types[int(described.id)] = kind
    return kind


def _reduce_result(result):
    return (_rebuild_result, (type(result)._indicator, tuple(result)))


def _rebuild_result(ident, values):
    """A multi-output result (see _result_type) from its pickle."""
    return _result_type(info(ident))(*values)


#: ``like`` of Polars input (see _inputs).
_POLARS = object()


def _inputs(described, columns, source):
    """The input tuple for the C call and what the results should look like:
    positional columns as given, or the named columns of one table (a pandas
    or Polars DataFrame, a mapping, a structured array; names in any case),
    each read in place or converted (candlewick._columns).  ``like`` is the
    pandas index of the first pandas input, _POLARS for Polars input, or
    None (NumPy results)."""
    like = None
    if not isinstance(source, str):  # was "'int' object has no attribute 'lower'"
        raise TypeError("source must be a column name (str), not %s" % type(source).__name__)
    if len(columns) == 1 and _is_table(columns[0]):
        table = _columns.Table(columns[0])
        picked = []
        for name in described.inputs:
            key = source if name == "input" else name
            try:
                picked.append(table.get(key))
            except KeyError:
                raise KeyError("%s needs the column %r, which the data lacks (it has %s)"
                               % (described.name, key, ", ".join(table.columns))) from None
        like = _POLARS if table.polars else table.index
    else:
        picked = columns
    for column in picked:
        if like is not None:
            break
        if _columns.is_pandas(column, "Series", "Index"):
            like = column.index if _columns.is_pandas(column, "Series") else column
        elif _columns.is_polars(column, "Series"):
            like = _POLARS
    inputs = tuple(_columns.price(column, "%s input %d (%s)" % (
        described.name, i, described.inputs[i] if i < len(described.inputs) else "extra"))
        for i, column in enumerate(picked))
    return inputs, like


def _is_table(obj):
    if isinstance(obj, collections.abc.Mapping):
        return True
    if _columns.is_pandas(obj, "DataFrame") or _columns.is_polars(obj, "DataFrame"):
        return True
    dtype = getattr(obj, "dtype", None)
    return getattr(dtype, "names", None) is not None  # a structured array


def _output_name(described, output):
    return described.name if output == "value" else output


def _results(described, outputs, like):
    """The outputs as the caller's kind: NumPy (an array, or a named tuple
    of arrays), pandas (a Series, or a DataFrame of the outputs) on the
    input's index, or Polars (a Series or DataFrame).  The arrays are the
    library's outputs themselves, never copied for pandas Series."""
    if like is None:
        if len(outputs) == 1:
            return outputs[0]
        return _result_type(described)(*outputs)
    names = [_output_name(described, output) for output in described.outputs[:len(outputs)]]
    if like is _POLARS:
        import polars as pl

        if len(outputs) == 1:
            return pl.Series(names[0], outputs[0])
        return pl.DataFrame({name: output for name, output in zip(names, outputs)})
    import pandas as pd

    if len(outputs) == 1:
        return pd.Series(outputs[0], index=like, name=names[0], copy=False)
    return pd.DataFrame(dict(zip(names, outputs)), index=like, copy=False)


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

    _destroy = staticmethod(lowlevel.cw_indicator_context_destroy)

    _last_error = staticmethod(lowlevel.cw_indicator_context_last_error)

    def compute(self, name_or_id, *columns, params=None, source="close", **kwparams):
        """As the module's :func:`compute`, through this context."""
        described = info(name_or_id)
        values = _param_values(described, params, kwparams)
        inputs, like = _inputs(described, columns, source)
        outputs = self._call(lowlevel.indicator_compute, int(described.id), inputs, values)
        return _results(described, outputs, like)

    def compute_batch(self, name_or_id, series, params=None, source="close", **kwparams):
        """As the module's :func:`compute_batch`, through this context."""
        described = info(name_or_id)
        values = _param_values(described, params, kwparams)
        prepared = []
        for s, item in enumerate(series):
            columns = item if isinstance(item, tuple) else (item,)
            prepared.append(_inputs(described, columns, source))
        outputs = self._call(lowlevel.indicator_compute_batch, int(described.id),
                             tuple(inputs for inputs, _ in prepared), values)
        return [_results(described, out, like) for out, (_, like) in zip(outputs, prepared)]


_thread_contexts = _PerThread(Context)
_context = _thread_contexts.given_or_mine


def compute(name_or_id, *columns, params=None, source="close", context=None, **kwparams):
    """Computes an indicator.

    name_or_id: a name ("sma", any case), an :class:`Indicator` or its id.
    columns: the input columns in ``info(name).inputs`` order (NumPy arrays,
      pandas or Polars Series, buffers), or one table holding them by name:
      a pandas or Polars DataFrame, a dict, a structured array (names in
      any case, e.g. yfinance's "High").
    params: a mapping of parameter names to values, or a sequence in
      ``info(name).params`` order; keywords name parameters too.
    source: the table's column a single-series indicator reads ("close").
    context: a :class:`Context` (default: one per thread).

    Returns, for NumPy input, a float64 array for a single-output indicator,
    else a named tuple of arrays (``macd, signal, hist = compute("macd",
    close)``).  For pandas input (a Series or DataFrame), a Series on the
    input's index (named after the indicator, or its output), or a DataFrame
    of the outputs; for Polars input, a Polars Series or DataFrame.

    Raises CandlewickError: INVALID_ARGUMENT (unknown indicator, wrong number
    of columns, a bad parameter), LENGTH_MISMATCH, INCONSISTENT_OHLC (a
    finite high < low), NEGATIVE_VOLUME, SERIES_TOO_SHORT; TypeError /
    ValueError for a column that is not one, or an unknown parameter name;
    KeyError for a table without a needed column."""
    return _context(context).compute(name_or_id, *columns, params=params, source=source, **kwparams)


def compute_batch(name_or_id, series, params=None, source="close", context=None, **kwparams):
    """Computes one indicator with the same parameters over many series in
    one call (``cw_indicator_compute_batch``): the parameters are checked
    once, the context's scratch memory is reused from series to series, and
    every result equals :func:`compute` on that series alone, bit for bit.

    series: an iterable whose items are each what :func:`compute` takes as
      ``*columns``: one column, a tuple of columns in input order, or a
      table (DataFrame, mapping, structured array).  Series may differ in
      length.

    Returns a list with one result per series, each as :func:`compute`
    would give it.  Raises as :func:`compute`; when a series fails the
    error message starts with "series <s>: " (earlier series were computed,
    the results are discarded)."""
    return _context(context).compute_batch(name_or_id, series, params=params, source=source, **kwparams)


class Stream(_Handle):
    """A streaming indicator (``cw_indicator_stream``) for a live feed:
    :meth:`push` takes the newest bar and returns that bar's outputs, equal
    to what :func:`compute` gives at that row of the whole series so far
    (NaN before the lookback; docs/indicators.md says where "equal" is
    within 1e-12).  O(1) per bar for most indicators; all memory is taken
    at creation.  A non-finite bar outputs NaN and restarts the stream.

    ``Stream("rsi", period=14)``; parameters as for :func:`compute`.  One
    thread at a time per stream (calls are serialised by a lock).  A
    context manager; :meth:`close` destroys it (so does collection).

    Raises CandlewickError: INVALID_ARGUMENT for an indicator that cannot
    be streamed (see :func:`streamable`) or a bad parameter."""

    def __init__(self, name_or_id, params=None, **kwparams):
        self._close_before_init()
        self._handle = None
        self._lock = threading.Lock()
        described = info(name_or_id)
        values = _param_values(described, params, kwparams)
        if not lowlevel.cw_indicator_stream_supported(int(described.id)):
            raise CandlewickError(Status.INVALID_ARGUMENT, "%s cannot be streamed; the "
                                  "streamable indicators are %s" % (
                                      described.name, ", ".join(streamable())))
        status, handle = lowlevel.indicator_stream_create(int(described.id), values)
        if status != Status.OK:
            raise CandlewickError(status, "cannot stream %s with parameters %r: %s" % (
                described.name, values, _describe_params(described)))
        self._handle = handle
        self._info = described
        self._params = tuple(values)

    def close(self):
        """Destroys the stream.  Calling it again is a no-op."""
        with self._lock:
            handle, self._handle = self._handle, None
            if handle is not None:
                lowlevel.cw_indicator_stream_destroy(handle)

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise CandlewickError(Status.NULL_ARGUMENT, "the indicator stream is closed")
        return handle

    _last_error = staticmethod(lowlevel.cw_indicator_stream_last_error)

    def __repr__(self):
        if self._handle is None:
            return "<candlewick.indicators.Stream %s (closed)>" % self._info.name
        return "<candlewick.indicators.Stream %s%r>" % (self._info.name, self._params)

    @property
    def info(self):
        """The indicator's :class:`IndicatorInfo`."""
        return self._info

    @property
    def lookback(self):
        """Bars (since creation, :meth:`reset` or a non-finite bar) before
        the first defined output."""
        with self._lock:
            return lowlevel.cw_indicator_stream_lookback(self._require_open())

    def _bar(self, bar, named):
        inputs = self._info.inputs
        if named:
            if bar:
                raise TypeError("give a bar's values positionally or by name, not both")
            bar = (named,)
        if len(bar) == 1 and (isinstance(bar[0], collections.abc.Mapping)
                              or _columns.is_pandas(bar[0], "Series")):
            row = bar[0]
            lowered = {str(key).lower(): key for key in row.keys()}
            values = []
            for name in inputs:
                key = lowered.get("close" if name == "input" and "input" not in lowered
                                  else name)
                if key is None:
                    raise KeyError("%s needs %r in the bar (it has %s)"
                                   % (self._info.name, name, ", ".join(lowered)))
                values.append(row[key])
            return values
        return bar

    def push(self, *bar, **named):
        """Takes the next bar, its values in ``info.inputs`` order
        (``push(close)``, ``push(high, low, close)``), by name
        (``push(high=..., low=..., close=...)``), or as one mapping or
        pandas row (``push(df.iloc[-1])``; names in any case, "close" for
        a single-input indicator).  Returns the bar's output: a float, or a
        named tuple of floats for several outputs.

        Raises CandlewickError: INVALID_ARGUMENT (wrong number of values),
        INCONSISTENT_OHLC (a finite high < low), NEGATIVE_VOLUME; the stream
        is then unchanged."""
        values = self._bar(bar, named)
        outputs = self._call(lowlevel.indicator_stream_push, int(self._info.id), tuple(values))
        if len(outputs) == 1:
            return outputs[0]
        return _result_type(self._info)(*outputs)

    def push_many(self, *columns, source="close"):
        """Pushes every row of ``columns`` (as :func:`compute` takes them:
        columns in input order or one table) in one call without the GIL,
        and returns each row's outputs as :func:`compute` would (arrays, or
        pandas/Polars for their input): exactly what pushing the rows one by
        one gives.  On an error the rows before the failing one stay pushed
        and the message names the row."""
        inputs, like = _inputs(self._info, columns, source)
        with self._lock:
            handle = self._require_open()
            status, outputs = lowlevel.indicator_stream_push_many(handle, int(self._info.id),
                                                                  inputs)
            if status != Status.OK:
                if isinstance(outputs, str):  # the columns' lengths differ
                    raise CandlewickError(status, "%s: %s" % (self._info.name, outputs))
                raise CandlewickError(status, "row %s: %s" % (
                    outputs, lowlevel.cw_indicator_stream_last_error(handle)))
        return _results(self._info, outputs, like)

    def reset(self):
        """Forgets every bar: the next push starts a new series."""
        with self._lock:
            status = lowlevel.cw_indicator_stream_reset(self._require_open())
            if status != Status.OK:
                raise CandlewickError(status, "cannot reset the stream")


def streamable():
    """The names of the indicators :class:`Stream` supports."""
    return tuple(item.name for item in list()
                 if lowlevel.cw_indicator_stream_supported(int(item.id)))
