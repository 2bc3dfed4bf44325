"""Columns in: what the library reads in place, and the documented
conversions for everything else.

The C API reads a column of float64 prices (int64 seconds for times) in
place, contiguous or strided.  Everything that already is one goes through
untouched: NumPy arrays and views, the values of a pandas or Polars Series
of that dtype, buffer-protocol objects.  Everything else numeric is
converted once into a new array before the call, and a
:class:`ConversionWarning` says so (ignored unless you turn it on):

* integer and other float dtypes (int64 volume from ``read_csv``,
  float32, big-endian) -> float64 (integers beyond 2**53 round);
* a broadcast (stride 0) column -> a contiguous copy;
* pandas nullable and Arrow dtypes, NumPy masked arrays -> float64 with NaN
  for missing values;
* times: ``datetime64`` of any unit, pandas ``DatetimeIndex``/Series
  (tz-aware: their UTC instant; naive: taken as UTC), Polars Datetime/Date
  -> int64 seconds, floored; other integer dtypes -> int64.

Refused (TypeError): lists and tuples (ambiguous and slow: pass
``numpy.asarray(x)``), str and bytes, bool, complex, object, string or
datetime values as prices, float times (their unit is a guess).  NaT in a
time column is a ValueError; a column that is not one-dimensional too.

pandas and Polars are never imported here: an object is one of theirs only
if its module is already loaded.
"""

import collections.abc
import sys
import warnings

import numpy as _np

__all__ = ["ConversionWarning"]


class ConversionWarning(UserWarning):
    """A column was converted into a new array before the library read it
    (see the module documentation for which ones).  Ignored by default;
    ``warnings.simplefilter("error", candlewick.ConversionWarning)`` makes
    every conversion an error (nothing is ever copied behind your back), and
    ``"always"`` logs them."""


# Appended, so a filter the user installs always takes precedence.
warnings.simplefilter("ignore", ConversionWarning, append=True)

_FLOAT64 = _np.dtype(_np.float64)
_INT64 = _np.dtype(_np.int64)
_NS_PER_UNIT = {"D": 86400, "h": 3600, "m": 60, "s": 1}
#: Names a time column may have in a table (any case), in order of preference.
TIME_NAMES = ("time", "datetime", "date", "timestamp")


def _module(name):
    return sys.modules.get(name)


def is_pandas(obj, *kinds):
    pd = _module("pandas")
    if pd is None:
        return False
    kinds = kinds or ("Series", "Index", "DataFrame")
    return isinstance(obj, tuple(getattr(pd, kind) for kind in kinds))


def is_polars(obj, *kinds):
    pl = _module("polars")
    if pl is None:
        return False
    kinds = kinds or ("Series", "DataFrame")
    return isinstance(obj, tuple(getattr(pl, kind) for kind in kinds))


def _converted(array, name, why):
    warnings.warn("candlewick: column %r %s (a copy)" % (name, why), ConversionWarning,
                  stacklevel=4)
    return array


def _pandas_values(obj, name, times=False):
    """The values of a pandas Series or Index: the NumPy array itself when
    pandas holds one (no copy), float64 with NaN for nullable/Arrow dtypes,
    datetime64 of the dtype's unit (UTC) for datetimes.  For ``times``, a
    nullable integer column (``Int64``: what ``convert_dtypes()`` makes of
    int64 seconds) gives its integers, and a missing value is an error: as
    float64 it was refused as "float times"."""
    dtype = obj.dtype
    if isinstance(dtype, _np.dtype):
        return obj.to_numpy()
    if getattr(dtype, "kind", None) == "M" or str(dtype).startswith("datetime64"):
        # tz-aware: int64 of the UTC instant in the dtype's unit.
        values = obj.asi8 if hasattr(obj, "asi8") else obj.array.asi8
        return _np.asarray(values).view("datetime64[%s]" % getattr(dtype, "unit", "ns"))
    kind = getattr(getattr(dtype, "numpy_dtype", None), "kind", None)
    if times and kind in ("i", "u"):
        missing = _np.asarray(obj.isna())
        if missing.any():
            raise ValueError("column %r has a missing time at row %d"
                             % (name, int(_np.flatnonzero(missing)[0])))
        return _converted(obj.to_numpy(dtype=dtype.numpy_dtype), name,
                          "of pandas dtype %s was converted to %s" % (dtype, dtype.numpy_dtype))
    if kind in ("i", "u", "f"):
        return _converted(obj.to_numpy(dtype=_np.float64, na_value=_np.nan), name,
                          "of pandas dtype %s was converted to float64" % dtype)
    raise TypeError("column %r has pandas dtype %s; candlewick reads numbers and times"
                    % (name, dtype))


def _polars_values(series, name, times=False):
    """The values of a Polars Series: numbers as NumPy (no copy without
    nulls), Datetime/Date as datetime64 of their unit (UTC).  For ``times``
    a null is an error, integer columns included (as float64 with NaN they
    were refused as "float times")."""
    dtype = series.dtype
    unit = getattr(dtype, "time_unit", None)
    if times and series.null_count():
        missing = series.is_null().to_numpy()
        raise ValueError("column %r has %d null times (the first at row %d)"
                         % (name, series.null_count(), int(_np.flatnonzero(missing)[0])))
    if unit is not None or str(dtype) == "Date":
        if series.null_count():
            raise ValueError("column %r has %d null times" % (name, series.null_count()))
        physical = series.to_physical().to_numpy()
        return physical.view("datetime64[%s]" % (unit or "D")) if unit else \
            physical.astype(_np.int64).view("datetime64[D]")
    return series.to_numpy()


def as_array(obj, name, masked_as_nan=True):
    """An ndarray view of a column (a copy only where pandas/Polars need
    one, or a masked array has masked values: NaN for prices, an error for
    times, which masked_as_nan=False asks for); TypeError for what is never
    a column."""
    if isinstance(obj, _np.ma.MaskedArray):
        if not _np.ma.getmaskarray(obj).any():
            return obj.data
        if masked_as_nan and obj.dtype.kind in "iuf":
            return _converted(obj.astype(_FLOAT64).filled(_np.nan), name,
                              "has masked values, which became NaN")
        raise ValueError("column %r has %d masked values" % (name, _np.ma.count_masked(obj)))
    if isinstance(obj, _np.ndarray):
        return obj
    if is_pandas(obj, "Series", "Index"):
        return _pandas_values(obj, name, times=not masked_as_nan)
    if is_polars(obj, "Series"):
        return _polars_values(obj, name, times=not masked_as_nan)
    if isinstance(obj, (str, bytes, bytearray, list, tuple)) or obj is None or \
            isinstance(obj, (int, float)):
        raise TypeError("column %r must be an array (NumPy, pandas or Polars) or a "
                        "buffer of numbers, not %s; pass numpy.asarray(x) for a %s"
                        % (name, type(obj).__name__, type(obj).__name__))
    try:
        view = memoryview(obj)
    except TypeError:
        if hasattr(obj, "__array__"):
            return _np.asarray(obj)
        raise TypeError("column %r must be an array (NumPy, pandas or Polars) or a "
                        "buffer of numbers, not %s" % (name, type(obj).__name__)) from None
    return _np.asarray(view)


def _one_dimensional(array, name):
    if array.ndim != 1:
        raise ValueError("column %r must be one-dimensional, got %d dimensions"
                         % (name, array.ndim))


def price(obj, name):
    """A float64 column for the library: ``obj`` itself when it can be read
    in place, else a converted copy.  None stays None (an absent column)."""
    if obj is None:
        return None
    # The common case first, cheaply: a 1-D native float64 array that is not
    # broadcast (NumPy shares one descriptor object for native float64).
    if type(obj) is _np.ndarray and obj.dtype is _FLOAT64 and obj.ndim == 1 and \
            (obj.strides[0] != 0 or len(obj) < 2):
        return obj
    array = as_array(obj, name)
    _one_dimensional(array, name)
    dtype = array.dtype
    if dtype.kind == "f" and dtype.itemsize == 8:
        if not dtype.isnative:
            return _converted(array.astype(_FLOAT64), name,
                              "of non-native byte order was converted")
        if len(array) > 1 and array.strides[0] == 0:
            return _converted(_np.ascontiguousarray(array), name,
                              "is broadcast (stride 0) and was made contiguous")
        return array
    if dtype.kind in "iuf":
        return _converted(array.astype(_FLOAT64), name,
                          "of dtype %s was converted to float64" % dtype)
    raise TypeError("column %r has dtype %s; candlewick reads float64 in place and "
                    "converts other integer and float dtypes, never %s"
                    % (name, dtype, _KIND_NAMES.get(dtype.kind, dtype)))


_KIND_NAMES = {"b": "booleans", "c": "complex numbers", "O": "objects",
               "M": "datetimes (as prices)", "m": "timedeltas", "S": "bytes",
               "U": "strings", "V": "records"}


def time(obj, name="time"):
    """An int64 seconds column (Unix epoch, UTC) for the library: int64 and
    datetime64[s] read in place, other datetime units and integers
    converted.  None stays None."""
    if obj is None:
        return None
    if type(obj) is _np.ndarray and obj.dtype is _INT64 and obj.ndim == 1:
        return obj  # the common case, as in price()
    array = as_array(obj, name, masked_as_nan=False)
    _one_dimensional(array, name)
    dtype = array.dtype
    if dtype.kind == "M":
        if _np.isnat(array).any():
            raise ValueError("column %r has NaT at row %d"
                             % (name, int(_np.flatnonzero(_np.isnat(array))[0])))
        unit, count = _np.datetime_data(dtype)
        if unit == "s" and count == 1 and dtype.isnative:
            return array.view(_INT64)  # int64 storage in seconds: a view
        return _converted(array.astype("datetime64[s]").view(_INT64), name,
                          "of dtype %s was floored to int64 seconds" % dtype)
    if dtype.kind in "iu":
        if dtype == _INT64 and dtype.isnative:
            return array
        # Compared as uint64: against a Python int NumPy 1.x compares in
        # float64, where 2**63 + 1000 equals 2**63 - 1, and such times
        # wrapped to negative ones.
        if dtype.kind == "u" and len(array) and array.max() > _np.uint64(2**63 - 1):
            raise ValueError("column %r has times beyond int64 seconds" % name)
        return _converted(array.astype(_INT64), name,
                          "of dtype %s was converted to int64" % dtype)
    raise TypeError("column %r has dtype %s; times must be int64 seconds since the Unix "
                    "epoch or datetime64 (float times are refused: their unit would be "
                    "a guess)" % (name, dtype))


# -- tables ----------------------------------------------------------------------

class Table:
    """The columns of a DataFrame (pandas or Polars), a mapping or a NumPy
    structured array, looked up by name in any case, plus its time: a
    pandas DatetimeIndex, else a column named time/datetime/date/timestamp.
    ``index`` is the pandas index results should carry (None otherwise)."""

    def __init__(self, data):
        self.data = data
        self.index = None
        self.polars = is_polars(data, "DataFrame")
        if is_pandas(data, "DataFrame"):
            names = [str(column) for column in data.columns]
            self._keys = list(data.columns)
            self.index = data.index
        elif self.polars:
            names = list(data.columns)
            self._keys = names
        elif getattr(getattr(data, "dtype", None), "names", None) is not None:
            names = list(data.dtype.names)
            self._keys = names
        elif isinstance(data, collections.abc.Mapping):
            self._keys = list(data.keys())
            names = [str(key) for key in self._keys]
        else:
            raise TypeError("data must be a pandas or Polars DataFrame, a mapping of "
                            "columns or a NumPy structured array, not %s"
                            % type(data).__name__)
        self._by_name = {}
        for key, name in zip(self._keys, names):
            lower = name.lower()
            if lower in self._by_name:
                raise ValueError("data has two columns named %r (names are matched in "
                                 "any case)" % lower)
            self._by_name[lower] = key

    @property
    def columns(self):
        return list(self._by_name)

    def has(self, name):
        return name.lower() in self._by_name

    def get(self, name, required=True):
        key = self._by_name.get(name.lower())
        if key is None:
            if required:
                raise KeyError("data has no %r column (it has %s)"
                               % (name, ", ".join(map(repr, self.columns)) or "none"))
            return None
        if self.polars:
            return self.data.get_column(key)
        return self.data[key]

    def time(self):
        """The time column, or None."""
        index = self.index
        if index is not None and (getattr(index.dtype, "kind", None) == "M"
                                  or str(index.dtype).startswith("datetime64")):
            return index
        for name in TIME_NAMES:
            if self.has(name):
                return self.get(name)
        return None


# -- the price series ------------------------------------------------------------

def series(data, open, high, low, close, volume, times):
    """The (time, open, high, low, close, volume) tuple the low-level calls
    take: columns given by keyword win over those of ``data`` (a DataFrame,
    mapping or structured array; see :class:`Table`), every one read in
    place where it can be and converted where not."""
    if data is not None:
        table = Table(data)
        open, high, low, close = (
            table.get(name) if value is None else value
            for name, value in (("open", open), ("high", high), ("low", low),
                                ("close", close)))
        if volume is None:
            volume = table.get("volume", required=False)
        if times is None:
            times = table.time()
    # A column still None is absent: the library reports the required ones
    # (NULL_ARGUMENT, naming the column).
    return (time(times), price(open, "open"), price(high, "high"), price(low, "low"),
            price(close, "close"), price(volume, "volume"))
