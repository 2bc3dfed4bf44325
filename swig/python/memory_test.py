"""Long loops prove that nothing the binding touches leaks: RGBA frames
(freed with the last array over them), PNG buffers, chart handles and buffer views.

Resident memory is sampled as the loop runs and the test fails as soon as it
grows past a bound, so a leak fails fast instead of exhausting the machine."""

import gc
import os
import sys

import numpy as np

import candlewick
from candlewick import CandlewickError, lowlevel
from candlewick_testing import runner
from candlewick_testing.files import MONO_FONT
from candlewick_testing.series import ohlcv, random_walk

ITERATIONS = 2000
# A 640x480 frame is 1.2 MB: a leak of every frame crosses this bound within
# some 50 iterations, long before the machine notices.
GROWTH_LIMIT = 64 << 20
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


def assert_bounded(step, iterations=ITERATIONS, warmup=50, limit=GROWTH_LIMIT):
    """Runs step(i) `iterations` times; resident memory after a warm-up may
    not grow by more than `limit` bytes at any 50-iteration checkpoint."""
    for i in range(warmup):
        step(i)
    gc.collect()
    baseline = resident_bytes()
    for i in range(iterations):
        step(i)
        if i % 50 == 49:
            growth = resident_bytes() - baseline
            assert growth < limit, (
                "resident memory grew by %d MB after %d iterations" % (growth >> 20, i + 1))


SERIES = random_walk(250, seed=2)


def test_rgba_frames_are_freed():
    gc.collect()
    live = lowlevel.live_frame_count()
    with candlewick.Chart(640, 480) as chart:
        def step(i):
            frame = chart.render_rgba(**ohlcv(SERIES))
            assert frame[0, 0, 3] == 255

        assert_bounded(step)
    assert lowlevel.live_frame_count() == live


def test_png_buffers_are_freed():
    with candlewick.Chart(640, 480) as chart:
        assert_bounded(lambda i: chart.render_png(**ohlcv(SERIES)))


def test_render_into_does_not_allocate_frames():
    with candlewick.Chart(640, 480) as chart:
        out = np.empty(chart.frame_shape, np.uint8)
        assert_bounded(lambda i: chart.render_rgba_into(out, **ohlcv(SERIES)))


def test_charts_are_freed_closed_or_collected():
    def step(i):
        chart = candlewick.Chart(640, 480)
        chart.render_png(**ohlcv(SERIES))  # makes the handle allocate scratch
        if i % 2:
            chart.close()
        # Otherwise dropping the last reference destroys it.

    assert_bounded(step)


def test_errors_leak_nothing():
    bad = dict(ohlcv(SERIES), close=np.full(len(SERIES["close"]), np.nan))
    columns = ohlcv(SERIES)
    counts = [sys.getrefcount(column) for column in columns.values()]
    with candlewick.Chart(640, 480) as chart:
        def step(i):
            try:
                chart.render_rgba(**bad)
            except CandlewickError:
                pass
            else:
                raise AssertionError("NaN close was accepted")
            chart.render_rgba(**columns)

        assert_bounded(step)
    assert [sys.getrefcount(column) for column in columns.values()] == counts


# -- the general render, indicators and statistics ---------------------------


def _extras(series):
    close = series["close"]
    table = np.column_stack([close * 1.01, close * 0.99, close])  # strided views
    # Named: the legend's names are borrowed for the call too.
    return {"overlays": (candlewick.Line(table[:, 2], color=0xFFA500FF, name="close"),),
            "bands": (candlewick.Band(table[:, 0], table[:, 1], name="band"),),
            "panels": (candlewick.Panel(lines=(close - close.mean(),), histogram=table[:, 2] - 100,
                                        levels=(0.0,), title="p"),),
            "title": "memory"}


def test_general_render_frees_every_format():
    gc.collect()
    live = lowlevel.live_frame_count()
    extras = _extras(SERIES)
    formats = ("rgba", "rgb", "indexed", "png", "svg", "webp")
    with candlewick.Chart(640, 480, show_axes=True) as chart:
        def step(i):
            out = chart.render(formats[i % len(formats)], **ohlcv(SERIES), **extras)
            assert len(out)
            if i % len(formats) == 2:
                assert len(chart.palette()) > 1

        assert_bounded(step, iterations=1200)
    assert lowlevel.live_frame_count() == live


def test_general_render_errors_leak_nothing():
    extras = _extras(SERIES)
    infinite = SERIES["close"].copy()
    infinite[3] = np.inf
    arrays = [extras["overlays"][0].values, extras["bands"][0].upper, infinite]
    counts = [sys.getrefcount(array) for array in arrays]
    with candlewick.Chart(640, 480) as chart:
        def step(i):
            try:
                chart.render("png", **ohlcv(SERIES), **dict(extras, overlays=(
                    extras["overlays"][0], infinite)))
            except CandlewickError:
                pass
            else:
                raise AssertionError("an infinite overlay was accepted")
            chart.render("rgba", **ohlcv(SERIES), **extras)

        assert_bounded(step, iterations=1000)
    assert [sys.getrefcount(array) for array in arrays] == counts


def test_charts_with_fonts_layouts_and_zones_are_freed():
    with open(MONO_FONT, "rb") as f:
        font = f.read()

    def step(i):
        with candlewick.Chart(320, 240, show_axes=True, font=font, margin=4,
                              line_width=2.0, time_zone="America/New_York") as chart:
            chart.render_png(**ohlcv(SERIES))
        for bad in ({"font": b"bad font"}, {"time_zone": "America/New_Yrok"}):
            try:
                candlewick.Chart(320, 240, **bad)
            except CandlewickError:
                pass
            else:
                raise AssertionError("%r was accepted" % bad)

    assert_bounded(step, iterations=500)


def test_indicators_are_freed():
    import candlewick.indicators as ind

    # Indicators run unoptimised in the default (fastbuild) test build: 5,000
    # bars keep the loop inside the test's time, and the bound is tightened
    # to match (each leaked RSI output alone is 40 KB: 20 MB over 500 calls).
    big = random_walk(5000, seed=9)
    table = np.column_stack([big["high"], big["low"], big["close"]])

    def step(i):
        ind.compute("bbands", big["close"], period=20)
        ind.compute("atr", table[:, 0], table[:, 1], table[:, 2])  # strided: read in place
        try:
            ind.compute("atr", big["high"], big["low"][:-1], big["close"])
        except CandlewickError:
            pass
        with ind.Context() as context:
            context.compute("rsi", big["close"])

    assert_bounded(step, iterations=500, limit=12 << 20)


def test_stats_handles_are_freed():
    # 0.7 MB per default handle: a leak of each crosses the bound quickly.
    def step(i):
        stats = candlewick.Stats(capacity=10000)
        chart = candlewick.Chart(160, 120)
        chart.attach_stats(stats)
        chart.render_rgba(**ohlcv(SERIES))
        stats.snapshot()
        stats.prometheus("m")
        stats.json()
        if i % 2:
            stats.close()  # detaches the chart first
        chart.close()

    assert_bounded(step, iterations=1000)


if __name__ == "__main__":
    runner.main(__file__)
