"""candlewick.indicators: values against plain NumPy references, the ways
of passing columns and parameters, descriptions, and every error path."""

import sys
import threading

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import candlewick
import candlewick.indicators as ind
from candlewick import CandlewickError, Status
from candlewick_testing import runner
from candlewick_testing.fixtures import series_fixture

RTOL = 1e-9


series = series_fixture(600, seed=13)


# -- references (TA-Lib's definitions, written the obvious way) --------------


def ref_sma(x, period):
    out = np.full(len(x), np.nan)
    out[period - 1:] = sliding_window_view(x, period).mean(axis=1)
    return out


def ref_ema(x, period):
    # Seeded with the mean of the first `period` values (TA-Lib's default).
    out = np.full(len(x), np.nan)
    k = 2.0 / (period + 1)
    value = x[:period].mean()
    out[period - 1] = value
    for i in range(period, len(x)):
        value = value + k * (x[i] - value)
        out[i] = value
    return out


def ref_rsi(x, period):
    # Wilder: seeds are the means of the first `period` gains and losses,
    # then avg = (avg * (period - 1) + move) / period.
    out = np.full(len(x), np.nan)
    moves = np.diff(x)
    gains, losses = np.maximum(moves, 0.0), np.maximum(-moves, 0.0)
    gain, loss = gains[:period].mean(), losses[:period].mean()
    out[period] = 100.0 * gain / (gain + loss)
    for i in range(period + 1, len(x)):
        gain = (gain * (period - 1) + gains[i - 1]) / period
        loss = (loss * (period - 1) + losses[i - 1]) / period
        out[i] = 100.0 * gain / (gain + loss)
    return out


def assert_matches(got, expected):
    assert got.dtype == np.float64 and got.shape == expected.shape
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=0)


REFERENCES = {"sma": ref_sma, "ema": ref_ema, "rsi": ref_rsi}


@pytest.mark.parametrize("name", sorted(REFERENCES))
@pytest.mark.parametrize("period", [2, 5, 14, 30, 97])
@pytest.mark.parametrize("seed", [1, 2])
def test_values_match_the_reference(name, period, seed):
    rng = np.random.default_rng(seed)
    x = 50.0 + np.cumsum(rng.normal(0.0, 1.0, 700))
    got = ind.compute(name, x, period=period)
    assert_matches(got, REFERENCES[name](x, period))
    first = int(np.argmax(~np.isnan(got)))
    assert first == ind.lookback(name, period=period)


def test_defaults_are_talib_s(series):
    close = series["close"]
    assert_matches(ind.compute("sma", close), ref_sma(close, 30))
    assert_matches(ind.compute("ema", close), ref_ema(close, 30))
    assert_matches(ind.compute("rsi", close), ref_rsi(close, 14))


def test_outputs_are_fresh_numpy_arrays(series):
    out = ind.compute("sma", series["close"], period=3)
    assert isinstance(out, np.ndarray) and out.flags.owndata and out.flags.writeable
    assert out.shape == series["close"].shape
    assert not np.shares_memory(out, series["close"])


def test_multiple_outputs_are_named(series):
    close = series["close"]
    macd = ind.compute("macd", close)
    assert macd._fields == ("macd", "signal", "hist")
    line, signal, hist = macd
    assert ind.lookback("macd") == 33 == int(np.argmax(~np.isnan(hist)))
    np.testing.assert_allclose(hist[33:], (line - signal)[33:], rtol=1e-12, atol=1e-12)

    bands = ind.compute("bbands", close, period=20, nbdevup=2.5, nbdevdn=1.5)
    assert bands._fields == ("upper", "middle", "lower")
    middle = ref_sma(close, 20)
    std = np.full(len(close), np.nan)
    std[19:] = sliding_window_view(close, 20).std(axis=1)  # population
    assert_matches(bands.middle, middle)
    np.testing.assert_allclose(bands.upper[19:], (middle + 2.5 * std)[19:], rtol=1e-9)
    np.testing.assert_allclose(bands.lower[19:], (middle - 1.5 * std)[19:], rtol=1e-9)


@pytest.mark.parametrize("name", ["bbands", "macd", "stoch"])
def test_multiple_outputs_pickle_and_copy(name, series):
    # Dask and multiprocessing pickle results.  The named tuple type is
    # made at run time, and pickle used to fail looking it up by name
    # ("attribute lookup BBANDS on candlewick.indicators failed").
    import copy
    import pickle

    result = ind.compute(name, series)  # the mapping's columns by name
    for again in (pickle.loads(pickle.dumps(result)), copy.copy(result),
                  copy.deepcopy(result)):
        assert type(again) is type(result) and again._fields == result._fields
        for a, b in zip(again, result):
            np.testing.assert_array_equal(a, b)


def test_ways_of_giving_parameters(series):
    close = series["close"]
    expected = ind.compute("bbands", close, period=10, nbdevup=1.0)
    for got in (ind.compute("bbands", close, params={"period": 10, "nbdevup": 1.0}),
                ind.compute("bbands", close, params=(10, 1.0)),
                ind.compute("bbands", close, params=(10,), nbdevup=1.0),
                ind.compute(ind.Indicator.BBANDS, close, period=10, nbdevup=1),
                ind.compute(9, close, period=10, nbdevup=1.0)):
        for a, b in zip(got, expected):
            np.testing.assert_array_equal(a, b)
    # Moving-average types by name or enum.
    ema_bands = ind.compute("bbands", close, period=20, matype="ema")
    assert_matches(ema_bands.middle, ref_ema(close, 20))
    np.testing.assert_array_equal(
        ind.compute("bbands", close, period=20, matype=ind.MaType.EMA).middle, ema_bands.middle)


def test_columns_positional_mapping_and_records(series):
    columns = ("high", "low", "close")
    expected = ind.compute("atr", *(series[name] for name in columns), period=10)
    assert ind.info("atr").inputs == columns
    np.testing.assert_array_equal(ind.compute("atr", series, period=10), expected)
    # A packed structured array: its fields are unaligned strided views,
    # read in place.
    record = np.zeros(len(series["close"]), dtype=np.dtype(
        [("flag", "i1")] + [(name, "<f8") for name in ("open", "high", "low", "close")]))
    for name in ("open", "high", "low", "close"):
        record[name] = series[name]
    assert not record["high"].flags.aligned
    np.testing.assert_array_equal(ind.compute("atr", record, period=10), expected)
    # A single-series indicator reads `source` (default close) of a mapping.
    np.testing.assert_array_equal(ind.compute("sma", series, period=5),
                                  ind.compute("sma", series["close"], period=5))
    np.testing.assert_array_equal(ind.compute("sma", series, period=5, source="high"),
                                  ind.compute("sma", series["high"], period=5))


def test_strided_and_reversed_columns(series):
    table = np.column_stack([series["high"], series["low"], series["close"]])
    views = (table[:, 0], table[:, 1], table[:, 2])
    assert views[0].strides == (24,)
    contiguous = tuple(np.ascontiguousarray(v) for v in views)
    np.testing.assert_array_equal(ind.compute("cci", *views), ind.compute("cci", *contiguous))
    reversed_close = series["close"][::-1]
    np.testing.assert_array_equal(ind.compute("rsi", reversed_close),
                                  ind.compute("rsi", reversed_close.copy()))


def test_non_finite_input_splits_the_series():
    x = 100.0 + np.cumsum(np.random.default_rng(3).normal(size=200))
    x[80] = np.nan
    got = ind.compute("sma", x, period=10)
    expected = np.concatenate([ref_sma(x[:80], 10), [np.nan], ref_sma(x[81:], 10)])
    assert_matches(got, expected)


def test_empty_and_short_input():
    with pytest.raises(candlewick.CandlewickError) as empty:
        ind.compute("sma", np.zeros(0), period=5)
    assert empty.value.status == Status.EMPTY_SERIES
    with pytest.raises(candlewick.CandlewickError) as short:
        ind.compute("sma", np.arange(4.0), period=5)
    assert short.value.status == Status.SERIES_TOO_SHORT
    assert "period 5 is longer than the series (4 rows)" in str(short.value)
    # Long enough for every period, not for the lookback: all NaN, no error.
    macd = ind.compute("macd", np.arange(30.0))
    assert all(np.isnan(out).all() for out in macd)


# -- descriptions ------------------------------------------------------------


def test_descriptions():
    everything = ind.list()
    # The header names 48; the library may have more (ids stay dense).
    assert len(everything) == ind.count() >= len(ind.Indicator) >= 48
    assert [item.id for item in everything] == list(range(1, ind.count() + 1))
    names = ind.names()
    assert len(set(names)) == len(names) and names[0] == "sma"
    sma = ind.info("sma")
    assert (sma.id, sma.name, sma.inputs, sma.outputs) == (ind.Indicator.SMA, "sma",
                                                          ("input",), ("value",))
    assert sma.title == "Simple Moving Average"
    (period,) = sma.params
    assert (period.name, period.default, period.is_integer) == ("period", 30.0, True)
    assert period.min <= 2 and period.max >= 1000
    assert ind.info("STOCH") == ind.info(18) == ind.info(ind.Indicator.STOCH)
    assert ind.find("Rsi") == ind.Indicator.RSI == 7
    assert ind.info("macd").outputs == ("macd", "signal", "hist")
    assert ind.lookback("sma", period=20) == 19 and ind.lookback("sma") == 29
    assert ind.lookback("rsi", params={"period": 10}) == 10
    assert int(ind.MaType.SMA) == 0 and int(ind.MaType.TRIMA) == 5


# -- errors ------------------------------------------------------------------


def status_of(call):
    with pytest.raises(CandlewickError) as info:
        call()
    return info.value


def test_unknown_indicators(series):
    for ident in ("nope", "", "sma\0", 0, ind.count() + 1, -1, 2**40):
        error = status_of(lambda: ind.compute(ident, series["close"]))
        assert error.status == Status.INVALID_ARGUMENT
    assert status_of(lambda: ind.info("nope")).status == Status.INVALID_ARGUMENT


def test_bad_parameters(series):
    close = series["close"]
    for kwargs in ({"period": 1}, {"period": 2.5}, {"period": float("nan")},
                   {"period": 10**9}):
        error = status_of(lambda: ind.compute("sma", close, **kwargs))
        assert error.status == Status.INVALID_ARGUMENT
        assert "period" in error.message
        assert status_of(lambda: ind.lookback("sma", **kwargs)).status == Status.INVALID_ARGUMENT
    # More values than parameters.
    assert status_of(lambda: ind.compute("sma", close, params=(5, 6))).status == \
        Status.INVALID_ARGUMENT
    with pytest.raises(TypeError, match="no parameter"):
        ind.compute("sma", close, length=5)
    with pytest.raises(TypeError, match="twice"):
        ind.compute("sma", close, params={"period": 5}, period=6)
    with pytest.raises(TypeError, match="twice"):
        ind.compute("sma", close, params=(5,), period=6)
    with pytest.raises(ValueError, match="moving-average"):
        ind.compute("bbands", close, matype="hull")
    # Parameters that are not numbers, named (float() took "5", and its
    # errors named no parameter).
    for value in ("5", b"5", None, [5], object()):
        for call in (lambda: ind.compute("sma", close, period=value),
                     lambda: ind.lookback("sma", period=value),
                     lambda: ind.Stream("sma", period=value)):
            with pytest.raises(TypeError, match=r"sma parameter 0 \(period\) must be a number"):
                call()
    error = status_of(lambda: ind.compute("sma", close, period=10**400))
    assert error.status == Status.INVALID_ARGUMENT and "period" in error.message
    # A context that is not one (was "'int' object has no attribute 'compute'").
    for call in (ind.compute, ind.compute_batch):
        with pytest.raises(TypeError, match="candlewick.indicators.Context"):
            call("sma", close if call is ind.compute else [close], context=5)
    with pytest.raises(TypeError, match="candlewick.bars.Context"):
        candlewick.bars.from_ticks("tick", price=close, context=ind.Context())
    with pytest.raises(TypeError, match="candlewick.bars.Context"):
        candlewick.bars.from_ohlcv("tick", open=close, high=close, low=close, close=close,
                                   context="ctx")


def test_bad_columns(series):
    close = series["close"]
    assert status_of(lambda: ind.compute("atr", series["high"], series["low"])).status == \
        Status.INVALID_ARGUMENT
    assert status_of(lambda: ind.compute("sma", close, close)).status == Status.INVALID_ARGUMENT
    error = status_of(lambda: ind.compute("atr", series["high"], series["low"][:-1], close))
    assert error.status == Status.LENGTH_MISMATCH
    low_above = series["high"] + 1.0
    assert status_of(lambda: ind.compute("atr", series["high"], low_above, close)).status == \
        Status.INCONSISTENT_OHLC
    volume = series["volume"].copy()
    volume[3] = -1.0
    assert status_of(lambda: ind.compute("obv", close, volume)).status == \
        Status.NEGATIVE_VOLUME
    for bad, error_type in ((close > 100, TypeError), (list(close), TypeError),
                            (None, TypeError), (close.reshape(-1, 2), ValueError),
                            (close.astype(object), TypeError)):
        with pytest.raises(error_type):
            ind.compute("sma", bad)
    # Other dtypes and layouts are converted to exactly what would be read.
    for other in (close.astype(np.float32), close.astype(">f8"),
                  np.broadcast_to(close[:1], close.shape)):
        with pytest.warns(candlewick.ConversionWarning):
            converted = ind.compute("sma", other, period=5)
        np.testing.assert_array_equal(converted, ind.compute(
            "sma", np.ascontiguousarray(other, dtype=np.float64), period=5))
    with pytest.raises(KeyError, match="volume"):
        ind.compute("obv", {"close": close})


def test_errors_release_every_buffer_view(series):
    high, low, close = series["high"], series["low"], series["close"]
    counts = [sys.getrefcount(a) for a in (high, low, close)]
    context = ind._context(None)  # this thread's
    for _ in range(200):
        ind.compute("atr", high, low, close)
        with pytest.raises(CandlewickError):
            ind.compute("atr", high, low[:-1], close)          # in the library
        with pytest.raises(TypeError):  # third view refused, below the Python layer
            candlewick.lowlevel.indicator_compute(context._handle, int(ind.Indicator.ATR),
                                                  (high, low, close.astype(np.float32)), None)
        with pytest.raises(CandlewickError):
            ind.compute("atr", high, low, close, period=0)      # bad parameter
    assert [sys.getrefcount(a) for a in (high, low, close)] == counts


# -- contexts and threads ----------------------------------------------------


def test_contexts(series):
    close = series["close"]
    with ind.Context() as context:
        np.testing.assert_array_equal(context.compute("ema", close, period=7),
                                      ind.compute("ema", close, period=7))
        assert_matches(ind.compute("ema", close, period=7, context=context), ref_ema(close, 7))
        # The context's message names what was wrong.
        error = status_of(lambda: context.compute("sma", close, period=0))
        assert error.message and error.message != error.status_text
    assert context.closed
    context.close()
    with pytest.raises(CandlewickError) as info:
        context.compute("sma", close)
    assert info.value.status == Status.NULL_ARGUMENT


def test_threads_compute_independently(series):
    close = series["close"]
    expected = ref_rsi(close, 14)
    errors = []

    def work():
        try:
            for _ in range(50):
                assert_matches(ind.compute("rsi", close), expected)
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


# -- streams and batches -----------------------------------------------------


def input_columns(described, series):
    """The series' columns an indicator takes, in its input order."""
    rows = len(series["close"])
    extra = {"input": series["close"],
             "anchor": (np.arange(rows) % 50 == 0).astype(np.float64)}
    return tuple(extra.get(name, series.get(name)) for name in described.inputs)


# docs/indicators.md: a stream agrees with the batch kernels to 1e-12 of the
# values' scale (per value in the C API's own test, which also covers the
# condition-number cases); here the scale is the output's largest value,
# enough to catch any binding mistake (a wrong column, output or row).
STREAM_TOLERANCE = 1e-12


def test_unaligned_unit_stride_columns(series):
    # NumPy exports these with stride 8 at an odd address: an array made by
    # frombuffer at an odd offset, and a packed record field of one row.
    # The core's fast path loaded them through double* (undefined; UBSan:
    # "load of misaligned address" in the README's ASan run).
    close = series["close"]
    raw = b"\0" + close.tobytes()
    odd = np.frombuffer(raw, np.float64, offset=1)
    assert not odd.flags.aligned and odd.strides == (8,)
    one = np.zeros(1, dtype=[("pad", "i1"), ("close", "f8")])
    one["close"] = close[:1]
    for name in ("sma", "ema", "rsi", "bbands", "macd"):
        expected = ind.compute(name, close)
        got = ind.compute(name, odd)
        for a, b in zip(got if isinstance(got, tuple) else (got,),
                        expected if isinstance(expected, tuple) else (expected,)):
            np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ind.compute("ad", one["close"], one["close"], one["close"],
                                              one["close"]),
                                  ind.compute("ad", close[:1], close[:1], close[:1], close[:1]))
    np.testing.assert_array_equal(ind.compute_batch("sma", [odd, close], period=5)[0],
                                  ind.compute("sma", close, period=5))


def test_a_stream_reads_unaligned_columns(series):
    # A field of a packed structured array is unaligned (stride 9 here);
    # push_many loaded its doubles through a double pointer (undefined
    # behaviour, reported by UBSan: "load of misaligned address").
    records = np.zeros(len(series["close"]), dtype=[("pad", "i1"), ("high", "f8"),
                                                    ("low", "f8"), ("close", "f8")])
    for name in ("high", "low", "close"):
        records[name] = series[name]
    assert records["close"].strides == (25,)
    for name, columns in (("sma", (records["close"],)),
                          ("atr", (records["high"], records["low"], records["close"]))):
        with ind.Stream(name) as stream, ind.Stream(name) as aligned:
            np.testing.assert_array_equal(
                stream.push_many(*columns),
                aligned.push_many(*(np.ascontiguousarray(c) for c in columns)))


@pytest.mark.parametrize("name", ind.streamable())
def test_a_stream_gives_what_compute_gives(name, series):
    described = ind.info(name)
    columns = input_columns(described, series)
    batch = ind.compute(name, *columns)
    batch = batch if isinstance(batch, tuple) else (batch,)
    with ind.Stream(name) as stream:
        assert stream.lookback == ind.lookback(name)
        pushed = [stream.push(*bar) for bar in zip(*columns)]
        stream.reset()
        many = stream.push_many(*columns)
    many = many if isinstance(many, tuple) else (many,)
    pushed = [p if isinstance(p, tuple) else (p,) for p in pushed]
    for k, expected in enumerate(batch):
        one_by_one = np.array([p[k] for p in pushed])
        # push_many is the same pushes, without the GIL: bit for bit.
        np.testing.assert_array_equal(many[k], one_by_one)
        np.testing.assert_array_equal(np.isnan(one_by_one), np.isnan(expected))
        scale = max(100.0, np.nanmax(np.abs(expected), initial=0.0))
        np.testing.assert_allclose(one_by_one, expected, rtol=0,
                                   atol=STREAM_TOLERANCE * scale)


def test_stream_inputs_by_name_and_mapping(series):
    with ind.Stream("atr", period=5) as by_position, ind.Stream("atr", period=5) as by_name, \
            ind.Stream("atr", period=5) as by_mapping:
        for h, l, c in zip(series["high"][:40], series["low"][:40], series["close"][:40]):
            a = by_position.push(h, l, c)
            b = by_name.push(high=h, low=l, close=c)
            d = by_mapping.push({"High": h, "Low": l, "Close": c, "Open": 0.0})
            assert a == b == d or (np.isnan(a) and np.isnan(b) and np.isnan(d))
    with ind.Stream("sma", period=3) as sma:
        values = [sma.push({"close": x}) for x in (1.0, 2.0, 3.0, 4.0)]
    assert values[2:] == [2.0, 3.0]


def test_stream_errors_leave_it_unchanged(series):
    with ind.Stream("atr", period=3) as stream:
        stream.push(2.0, 1.0, 1.5)
        with pytest.raises(CandlewickError) as info:
            stream.push(1.0, 2.0, 1.5)  # high < low
        assert info.value.status == Status.INCONSISTENT_OHLC
        with pytest.raises(CandlewickError) as info:
            stream.push(1.0, 2.0)  # a value short
        assert info.value.status == Status.INVALID_ARGUMENT
        assert [stream.push(2.0, 1.0, 1.5) for _ in range(3)][-1] == pytest.approx(1.0)
        with pytest.raises(CandlewickError, match="row 2"):
            stream.push_many(np.array([3.0, 3.0, 1.0]), np.array([2.0, 2.0, 2.0]),
                             np.array([2.5, 2.5, 1.5]))
        # Columns of different lengths: nothing pushed, and the message says
        # which (it used to be the stream's last error, stale or empty).
        with ind.Stream("atr", period=3) as twin:
            for _ in range(4):
                twin.push(2.0, 1.0, 1.5)
            for s in (stream, twin):
                s.reset()
                for _ in range(4):
                    s.push(2.0, 1.0, 1.5)
            with pytest.raises(CandlewickError) as info:
                stream.push_many(np.array([3.0, 3.0]), np.array([2.0, 2.0]), np.array([2.5]))
            assert info.value.status == Status.LENGTH_MISMATCH
            assert info.value.message == "atr: input 2 (close) has 1 rows, input 0 (high) has 2"
            assert stream.push(3.0, 1.0, 2.0) == twin.push(3.0, 1.0, 2.0)
        with pytest.raises(KeyError, match="low"):
            stream.push({"high": 1.0, "close": 1.0})
    with pytest.raises(CandlewickError) as info:
        stream.push(2.0, 1.0, 1.5)
    assert info.value.status == Status.NULL_ARGUMENT
    with pytest.raises(CandlewickError) as info:
        ind.Stream("sma", period=0)
    assert info.value.status == Status.INVALID_ARGUMENT


def test_compute_batch_equals_compute_series_by_series(series):
    closes = [series["close"], series["close"][:77], series["close"][::-3], series["open"]]
    for name, params in (("sma", {"period": 9}), ("macd", {}), ("bbands", {"period": 12})):
        results = ind.compute_batch(name, closes, **params)
        assert len(results) == len(closes)
        for got, column in zip(results, closes):
            expected = ind.compute(name, column, **params)
            for x, y in zip(got if isinstance(got, tuple) else (got,),
                            expected if isinstance(expected, tuple) else (expected,)):
                np.testing.assert_array_equal(x, y)
    hlc = [(series["high"], series["low"], series["close"]),
           {"high": series["high"][:50], "low": series["low"][:50], "close": series["close"][:50]}]
    for got, item in zip(ind.compute_batch("atr", hlc, period=7), hlc):
        columns = item if isinstance(item, tuple) else (item,)
        np.testing.assert_array_equal(got, ind.compute("atr", *columns, period=7))


def test_compute_batch_names_the_failing_series(series):
    short = series["close"][:3]
    with pytest.raises(CandlewickError) as info:
        ind.compute_batch("sma", [series["close"], short, series["close"]], period=5)
    assert info.value.status == Status.SERIES_TOO_SHORT
    assert info.value.message.startswith("series 1: ")


def test_indicators_draw_on_a_chart(series):
    # The intended use: indicators as overlays and panels of a render.
    close = series["close"]
    bands = ind.compute("bbands", close)
    with candlewick.Chart(200, 150) as chart:
        frame = chart.render(
            "rgba", open=series["open"], high=series["high"], low=series["low"], close=close,
            overlays=(ind.compute("ema", close, period=12),),
            bands=(candlewick.Band(bands.upper, bands.lower),),
            panels=(candlewick.Panel(lines=(ind.compute("rsi", close),), levels=(30, 70),
                                     min=0, max=100),))
    assert frame.shape == (150, 200, 4)


if __name__ == "__main__":
    runner.main(__file__)
