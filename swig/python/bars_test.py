"""candlewick.bars: the worked examples of docs/bars.md, strided input,
options, every error path, and statistics of bar and indicator contexts."""

import gc
import weakref

import numpy as np
import pytest

import candlewick
import candlewick.bars as bars
import candlewick.indicators as ind
from candlewick import CandlewickError, Stats, Status
from candlewick_testing import runner
from candlewick_testing.series import random_walk

F = np.float64


def ticks(prices, sizes=None, times=None):
    out = {"price": np.asarray(prices, F)}
    if sizes is not None:
        out["size"] = np.asarray(sizes, F)
    if times is not None:
        out["time"] = np.asarray(times, np.int64)
    return out


def rows(result, columns="open high low close volume row"):
    """The result as a list of tuples of the given columns."""
    picked = [getattr(result, name) for name in columns.split()]
    return [tuple(v.item() for v in row) for row in zip(*picked)]


# -- the worked examples of docs/bars.md ---------------------------------------


def test_time_bars_flat():
    r = bars.from_ticks("time", **ticks([10, 12, 9, 11, 13], [1, 2, 3, 4, 5],
                                        [0, 10, 59, 60, 185]), interval=60, empty="flat")
    assert rows(r, "time open high low close volume row") == [
        (0, 10, 12, 9, 9, 6, 2),
        (60, 11, 11, 11, 11, 4, 3),
        (120, 11, 11, 11, 11, 0, -1),
        (180, 13, 13, 13, 13, 5, 4),
    ]
    assert r.time.dtype == np.int64 and r.row.dtype == np.int64 and r.open.dtype == F


def test_time_bars_skip_nan_and_offset():
    data = ticks([10, 12, 9, 11, 13], [1, 2, 3, 4, 5], [0, 10, 59, 60, 185])
    skip = bars.from_ticks("time", **data, interval=60)  # empty="skip" by default
    assert skip.time.tolist() == [0, 60, 180] and skip.row.tolist() == [2, 3, 4]
    nan = bars.from_ticks("time", **data, interval=60, empty=bars.Empty.NAN)
    assert nan.time.tolist() == [0, 60, 120, 180] and nan.row.tolist() == [2, 3, -1, 4]
    assert np.isnan(nan.open[2]) and np.isnan(nan.close[2]) and nan.volume[2] == 0
    # A 30-second offset: buckets [-30, 30), [30, 90), [150, 210).
    shifted = bars.from_ticks("time", **data, interval=60, offset=30)
    assert rows(shifted, "time open close volume row") == [
        (-30, 10, 12, 3, 1), (30, 9, 11, 7, 3), (150, 13, 13, 5, 4)]
    # datetime64[s] times are read as int64 seconds.
    data["time"] = data["time"].astype("datetime64[s]")
    assert bars.from_ticks("time", **data, interval=60).time.tolist() == [0, 60, 180]


def test_tick_bars():
    prices = [10, 11, 9, 12, 13]
    counted = bars.from_ticks("tick", price=np.asarray(prices, F), tick_count=2)
    assert counted.time is None  # no time column in, none out
    # Without sizes the volume is the number of ticks; the last bar is partial.
    assert rows(counted) == [(10, 11, 10, 11, 2, 1), (9, 12, 9, 12, 2, 3),
                             (13, 13, 13, 13, 1, 4)]
    sized = bars.from_ticks("tick", **ticks(prices, [1, 2, 3, 4, 5], [5, 6, 7, 8, 9]),
                            tick_count=2)
    assert sized.time.tolist() == [5, 7, 9]  # the first tick's time
    assert sized.volume.tolist() == [3, 7, 5]
    # Bars as input: highest high and lowest low of each group.
    s = {"open": np.array([10, 11, 12.]), "high": np.array([11, 14, 13.]),
         "low": np.array([9, 10, 8.]), "close": np.array([11, 12, 9.])}
    assert rows(bars.from_ohlcv("tick", **s, tick_count=3)) == [(10, 14, 8, 9, 3, 2)]


def test_volume_bars():
    data = ticks([10, 11, 12, 13, 14], [4, 4, 25, 1, 6])
    whole = bars.from_ticks("volume", **data, volume_threshold=10)
    assert rows(whole, "open close volume") == [(10, 12, 33), (13, 14, 7)]
    split = bars.from_ticks("volume", **data, volume_threshold=10, volume_split=True)
    assert rows(split, "open close volume") == [(10, 12, 10), (12, 12, 10), (12, 12, 10),
                                                (12, 14, 10)]


def test_range_bars():
    r = bars.from_ticks("range", **ticks([10, 11, 13, 19], [1, 2, 3, 4], [0, 1, 2, 3]),
                        range=2)
    assert rows(r, "time open high low close volume") == [
        (0, 10, 12, 10, 12, 6), (2, 12, 14, 12, 14, 4), (3, 14, 16, 14, 16, 0),
        (3, 16, 18, 16, 18, 0), (3, 18, 19, 18, 19, 0)]


def test_renko():
    closes = np.array([100, 101, 102.5, 104, 103, 101.9, 100, 99])
    r = bars.from_ticks("renko", price=closes, box_size=1)  # box_size -> fixed boxes
    assert rows(r) == [
        (100, 101, 100, 101, 2, 1), (101, 102, 101, 102, 1, 2),
        (102, 103, 102, 103, 1, 3), (103, 104, 103, 104, 0, 3),
        (103, 103, 102, 102, 2, 5), (102, 102, 101, 101, 1, 6),
        (101, 101, 100, 100, 0, 6), (100, 100, 99, 99, 1, 7)]
    explicit = bars.from_ticks("renko", price=closes, box_mode="fixed", box_size=1)
    assert rows(explicit) == rows(r)
    # The ATR box (the default mode): a flat input has ATR 0 and no bricks.
    flat = bars.from_ticks("renko", price=np.full(20, 5.0))
    assert len(flat.open) == 0 and len(flat.row) == 0


def test_point_figure_kagi_line_break():
    pf = bars.from_ticks("point_figure", price=np.array([10, 11, 12, 13, 12, 11, 10, 9, 10,
                                                         11, 12.5]), box_size=1, reversal=3)
    assert rows(pf, "open close row") == [(11, 14, 3), (13, 9, 7), (10, 13, 10)]
    closes = np.array([10, 11, 13, 12, 11, 9, 12.])
    kagi = bars.from_ticks("kagi", price=closes, reversal_amount=2, reversal_percent=False)
    assert rows(kagi, "open close row") == [(10, 13, 2), (13, 9, 5), (9, 12, 6)]
    percent = bars.from_ticks("kagi", price=closes, reversal_amount=20)
    assert rows(percent, "open close row") == rows(kagi, "open close row")
    closes = np.array([10, 11, 12, 13, 14, 11.5, 10.5, 12, 15])
    three = bars.from_ticks("line_break", price=closes)  # line_count 3 by default
    assert rows(three, "open close") == [(10, 11), (11, 12), (12, 13), (13, 14),
                                         (13, 10.5), (13, 15)]
    two = bars.from_ticks("line_break", price=closes, line_count=2)
    assert rows(two, "open close")[4] == (13, 11.5)


def test_heikin_ashi_against_numpy():
    s = random_walk(40, seed=3)
    r = bars.from_ohlcv("heikin_ashi", **s)
    o, h, l, c = s["open"], s["high"], s["low"], s["close"]
    ha_close = (o + h + l + c) / 4
    ha_open = np.empty_like(o)
    ha_open[0] = (o[0] + c[0]) / 2
    for i in range(1, len(o)):
        ha_open[i] = (ha_open[i - 1] + ha_close[i - 1]) / 2
    np.testing.assert_allclose(r.close, ha_close, rtol=1e-12)
    np.testing.assert_allclose(r.open, ha_open, rtol=1e-12)
    np.testing.assert_allclose(r.high, np.maximum.reduce([h, ha_open, ha_close]), rtol=1e-12)
    np.testing.assert_allclose(r.low, np.minimum.reduce([l, ha_open, ha_close]), rtol=1e-12)
    assert r.time.tolist() == s["time"].tolist() and r.row.tolist() == list(range(40))
    assert r.volume.tolist() == s["volume"].tolist()


def test_empty_input():
    r = bars.from_ticks("time", price=np.empty(0), time=np.empty(0, np.int64))
    assert all(len(a) == 0 for a in r)


# -- input read in place -------------------------------------------------------


def test_strided_equals_contiguous():
    s = random_walk(300, seed=5)
    names = ("open", "high", "low", "close", "volume")
    table = np.column_stack([s[n] for n in names])  # (300, 5): columns are strided
    strided = {n: table[:, i] for i, n in enumerate(names)}
    assert not strided["open"].flags.c_contiguous
    times = np.column_stack([s["time"], s["time"]])[:, 0]
    for method, options in [("time", {"interval": 3 * 86400}), ("tick", {"tick_count": 7}),
                            ("volume", {"volume_threshold": 5e6}), ("range", {"range": 3}),
                            ("heikin_ashi", {}), ("renko", {}), ("point_figure", {}),
                            ("kagi", {}), ("line_break", {})]:
        a = bars.from_ohlcv(method, time=s["time"], **{n: s[n] for n in names}, **options)
        b = bars.from_ohlcv(method, time=times, **strided, **options)
        assert len(a.open) > 0, method
        for x, y in zip(a, b):
            np.testing.assert_array_equal(x, y)
    # Reversed ticks (negative strides) equal their reversed copies.
    price, size = s["close"][::-1], s["volume"][::-1]
    a = bars.from_ticks("range", price=price, size=size, range=2)
    b = bars.from_ticks("range", price=price.copy(), size=size.copy(), range=2)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_what_is_not_a_column_is_refused():
    with pytest.raises(TypeError):
        bars.from_ticks("tick", price=[1.0, 2.0])
    with pytest.raises(TypeError):
        bars.from_ticks("tick", price=np.ones(3, bool))
    with pytest.raises(TypeError):
        bars.from_ticks("time", price=np.ones(3), time=np.arange(3.0), interval=1)
    with pytest.raises(ValueError):
        bars.from_ticks("tick", price=np.ones((2, 2)))


def test_other_dtypes_are_converted():
    price = np.array([1.0, 2.5, 2.0, 3.25, 3.0, 1.5], np.float32)
    size = np.array([3, 1, 4, 1, 5, 9], np.int64)
    time = np.array([0, 20, 65, 70, 130, 200], np.int64)
    with pytest.warns(candlewick.ConversionWarning):
        converted = bars.from_ticks("time", price=price, size=size,
                                    time=time.astype("datetime64[s]").astype("datetime64[ms]"),
                                    interval=60)
    expected = bars.from_ticks("time", price=price.astype(np.float64),
                               size=size.astype(np.float64), time=time, interval=60)
    for x, y in zip(converted, expected):
        np.testing.assert_array_equal(x, y)


# -- errors --------------------------------------------------------------------


GOOD = {"open": np.array([10, 11.]), "high": np.array([12, 12.]),
        "low": np.array([9, 10.]), "close": np.array([11, 11.5]),
        "volume": np.array([5, 6.]), "time": np.array([0, 60])}


def _ohlcv(**changes):
    return dict(GOOD, **changes)


@pytest.mark.parametrize("call, status", [
    (lambda: bars.from_ticks("tick", price=np.ones(3), tick_count=0), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("time", **_ohlcv(time=np.array([60, 0]))),
     Status.INVALID_ARGUMENT),
    (lambda: bars.from_ticks("time", price=np.ones(3), time=np.array([0, 5, 4]), interval=1),
     Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("tick", **_ohlcv(close=np.array([11.]))), Status.LENGTH_MISMATCH),
    (lambda: bars.from_ticks("tick", price=np.ones(3), size=np.ones(2)),
     Status.LENGTH_MISMATCH),
    (lambda: bars.from_ohlcv("tick", **_ohlcv(high=np.array([8, 12.]))),
     Status.INCONSISTENT_OHLC),
    (lambda: bars.from_ohlcv("tick", **_ohlcv(close=np.array([13, 11.]))),
     Status.INCONSISTENT_OHLC),
    (lambda: bars.from_ticks("tick", price=np.array([1, np.nan])), Status.NON_FINITE),
    (lambda: bars.from_ohlcv("tick", **_ohlcv(volume=np.array([1, np.inf]))),
     Status.NON_FINITE),
    (lambda: bars.from_ticks("tick", price=np.ones(2), size=np.array([1, -1.])),
     Status.NEGATIVE_VOLUME),
    (lambda: bars.from_ticks("time", price=np.ones(2)), Status.NULL_ARGUMENT),
    (lambda: bars.from_ticks("volume", price=np.ones(2), volume_threshold=1),
     Status.NULL_ARGUMENT),
    (lambda: bars.from_ticks("heikin_ashi", price=np.ones(2)), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("time", **GOOD, interval=0), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("volume", **GOOD), Status.INVALID_ARGUMENT),  # no threshold
    (lambda: bars.from_ohlcv("range", **GOOD, range=-1), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("renko", **GOOD, box_size=0), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("renko", **GOOD, atr_period=0), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("point_figure", **GOOD, reversal=0), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("kagi", **GOOD, reversal_amount=100), Status.INVALID_ARGUMENT),
    (lambda: bars.from_ohlcv("line_break", **GOOD, line_count=101), Status.INVALID_ARGUMENT),
])
def test_library_errors(call, status):
    with pytest.raises(CandlewickError) as info:
        call()
    assert info.value.status == status
    # The context's message names the fault, beyond the status' fixed text.
    assert info.value.message and info.value.message != info.value.status_text


@pytest.mark.parametrize("call", [
    lambda: bars.from_ohlcv("sideways", **GOOD),
    lambda: bars.from_ohlcv(99, **GOOD),
    lambda: bars.from_ohlcv("time", **GOOD, empty="sometimes"),
    lambda: bars.from_ohlcv("renko", **GOOD, box_mode="magic"),
    lambda: bars.from_ohlcv("tick", **GOOD, tick_count=-1),
    lambda: bars.from_ohlcv("time", **GOOD, interval=2**63),
    lambda: bars.from_ohlcv("line_break", **GOOD, line_count=2**31),
])
def test_rejected_before_the_call(call):
    with pytest.raises(CandlewickError) as info:
        call()
    assert info.value.status == Status.INVALID_ARGUMENT


def test_huge_aggregations_are_refused_before_allocating():
    # Two ticks 100 apart in bricks of 1e-10 ask for 1e12 rows (7 arrays of
    # 8 TB); 1e-7 for 1e9 rows, 7 arrays of 8 GB the kernel would grant and
    # then kill the process filling. Refused before anything is allocated.
    t = np.array([0, 1], dtype=np.int64)
    p = np.array([100.0, 200.0])
    for box in (1e-10, 1e-7):
        with pytest.raises(CandlewickError, match=r"renko bars would make \d+ rows, more "
                           r"than the 16777216 allowed \(max_rows\)") as info:
            bars.from_ticks("renko", time=t, price=p, box_size=box)
        assert info.value.status == Status.SIZE_OUT_OF_RANGE
    assert bars.DEFAULT_MAX_ROWS == 1 << 24
    # Time bars over a long empty span, from bars.
    with pytest.raises(CandlewickError, match="time bars would make") as info:
        bars.from_ohlcv("time", time=np.array([0, 10**10]), open=np.ones(2), high=np.ones(2),
                        low=np.ones(2), close=np.ones(2), interval=1, empty="nan")
    assert info.value.status == Status.SIZE_OUT_OF_RANGE
    # An explicit bound, both ways; the default grows with the input.
    assert len(bars.from_ticks("renko", price=p, box_size=1e-3).close) == 100000
    assert len(bars.from_ticks("renko", price=p, box_size=1e-3, max_rows=100000).close) == 100000
    with pytest.raises(CandlewickError, match="100000 rows, more than the 99999") as info:
        bars.Context().from_ticks("renko", price=p, box_size=1e-3, max_rows=99999)
    assert info.value.status == Status.SIZE_OUT_OF_RANGE
    many = np.arange(20.0)
    assert len(bars.from_ticks("tick", price=many, tick_count=1, max_rows=20).close) == 20
    with pytest.raises(CandlewickError, match="max_rows=-1 is out of range"):
        bars.from_ticks("tick", price=many, max_rows=-1)
    with pytest.raises(TypeError, match="max_rows"):
        bars.from_ticks("tick", price=many, max_rows="5")


def test_options_of_another_method_are_type_errors():
    with pytest.raises(TypeError, match="interval"):
        bars.from_ohlcv("tick", **GOOD, interval=60)
    with pytest.raises(TypeError, match="unknown bar option"):
        bars.from_ohlcv("tick", **GOOD, tickcount=2)


def test_context_lifetime():
    context = bars.Context()
    r = bars.from_ticks("tick", price=np.ones(4), tick_count=2, context=context)
    assert r.volume.tolist() == [2, 2]
    with pytest.raises(CandlewickError) as info:
        context.from_ticks("tick", price=np.ones(4), tick_count=0)
    assert "tick_count" in info.value.message
    with context:
        pass
    assert context.closed and repr(context) == "<candlewick.bars.Context (closed)>"
    with pytest.raises(CandlewickError) as info:
        context.from_ticks("tick", price=np.ones(4))
    assert info.value.status == Status.NULL_ARGUMENT
    context.close()  # again: a no-op


# -- statistics ----------------------------------------------------------------


def test_bar_context_stats():
    n, length = 6, 50
    price = np.linspace(100, 110, length)
    with Stats() as stats, bars.Context() as context:
        context.attach_stats(stats)
        assert context.stats is stats and stats.contexts == [context] and stats.charts == []
        for _ in range(n):
            r = context.from_ticks("tick", price=price, tick_count=10)
        with pytest.raises(CandlewickError):
            context.from_ticks("tick", price=price, tick_count=0)
        kind = stats.snapshot()["kinds"]["aggregate"]
        # A successful call is a size query and a fill; a failed one records one sample.
        assert kind["count"] == 2 * n + 1 and kind["errors"] == 1
        assert kind["items"] == (2 * n + 1) * length
        # Only the fills write: 5 rows x 6 columns (no time) x 8 bytes each.
        assert len(r.open) == 5 and kind["bytes"] == n * 5 * 6 * 8
        assert stats.snapshot()["kinds"]["indicator"]["count"] == 0
        context.detach_stats()
        assert context.stats is None and stats.contexts == []
        context.from_ticks("tick", price=price)
        assert stats.snapshot()["kinds"]["aggregate"]["count"] == 2 * n + 1


def test_indicator_context_stats():
    n, length = 4, 60
    close = np.linspace(1, 2, length)
    with Stats() as stats, ind.Context() as context:
        context.attach_stats(stats)
        for _ in range(n):
            ind.compute("sma", close, period=5, context=context)
        ind.compute("macd", close, context=context)
        kind = stats.snapshot()["kinds"]["indicator"]
        assert kind["count"] == n + 1 and kind["errors"] == 0
        assert kind["items"] == (n + 1) * length
        # 8 bytes per value written: one output for SMA, three for MACD.
        assert kind["bytes"] == n * length * 8 + 3 * length * 8
        with pytest.raises(CandlewickError):
            context.compute("sma", close, close)  # one input too many
        kind = stats.snapshot()["kinds"]["indicator"]
        assert kind["count"] == n + 2 and kind["errors"] == 1
        assert kind["bytes"] == n * length * 8 + 3 * length * 8
        assert stats.snapshot()["kinds"]["aggregate"]["count"] == 0
        context.attach_stats(None)
        ind.compute("sma", close, context=context)
        assert stats.snapshot()["kinds"]["indicator"]["count"] == n + 2


def test_contexts_keep_their_stats_alive_and_closing_detaches():
    for make in (bars.Context, ind.Context):
        context = make()
        stats = Stats()
        alive = weakref.ref(stats)
        context.attach_stats(stats)
        del stats
        gc.collect()
        assert alive() is not None and context.stats is alive()
        stats = alive()
        stats.close()  # detaches the context first
        assert context.stats is None and stats.contexts == []
        with pytest.raises(CandlewickError) as info:
            context.attach_stats(stats)  # a closed Stats
        assert info.value.status == Status.NULL_ARGUMENT and context.stats is None
        with pytest.raises(TypeError):
            context.attach_stats("stats")
        # A context closed while attached lets its stats go.
        second = Stats()
        context.attach_stats(second)
        context.close()
        assert second.contexts == [] and context.stats is None
        second.close()


def test_one_stats_for_charts_and_contexts():
    s = random_walk(30, seed=2)
    with Stats() as stats, candlewick.Chart(120, 80) as chart, bars.Context() as b, \
            ind.Context() as i:
        for attached in (chart, b, i):
            attached.attach_stats(stats)
        assert stats.charts == [chart] and len(stats.contexts) == 2
        chart.render_rgba(open=s["open"], high=s["high"], low=s["low"], close=s["close"])
        b.from_ohlcv("heikin_ashi", **s)
        i.compute("rsi", s["close"])
        kinds = stats.snapshot()["kinds"]
        assert (kinds["render"]["count"], kinds["aggregate"]["count"],
                kinds["indicator"]["count"]) == (1, 2, 1)
    assert chart.stats is None and b.stats is None and i.stats is None


if __name__ == "__main__":
    runner.main(__file__)
