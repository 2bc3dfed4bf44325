"""The Pythonic surface: version, enums, chart lifetime (context manager,
close, closed-chart errors, destroy exactly once) and threads."""

import copy
import gc
import pickle
import threading

import numpy as np
import pytest

import candlewick
from candlewick import CandlewickError, ChartClosedError, Status, lowlevel
from candlewick_testing import runner
from candlewick_testing.fixtures import series_fixture
from candlewick_testing.series import ohlcv


series = series_fixture(60, seed=5)


def test_version_matches_the_compiled_header():
    header = (lowlevel.CW_VERSION_MAJOR, lowlevel.CW_VERSION_MINOR, lowlevel.CW_VERSION_PATCH)
    assert candlewick.version_info == header
    assert candlewick.__version__ == "%d.%d.%d" % header


def test_status_enum_mirrors_the_c_codes():
    assert Status.OK == 0
    assert (Status.NULL_ARGUMENT, Status.SIZE_OUT_OF_RANGE, Status.EMPTY_SERIES,
            Status.LENGTH_MISMATCH, Status.NON_FINITE, Status.INCONSISTENT_OHLC,
            Status.NEGATIVE_VOLUME, Status.INTERNAL) == (1, 4, 5, 6, 7, 8, 9, 13)
    texts = [candlewick.status_string(status) for status in Status]
    assert len(set(texts)) == len(texts) and all(texts)
    assert candlewick.status_string(Status.OK) == "ok"
    assert candlewick.status_string(12345) == "unknown status"


def test_themes_and_presets():
    assert candlewick.THEMES == ("classic", "modern", "tradingview", "light")
    assert candlewick.PNG_PRESETS == ("fastest", "balanced", "smallest")
    assert [int(t) for t in candlewick.Theme] == [0, 1, 2, 3]
    assert (candlewick.MIN_DIMENSION, candlewick.MAX_DIMENSION) == (16, 16384)
    for theme in candlewick.THEMES:
        for preset in candlewick.PNG_PRESETS:
            with candlewick.Chart(64, 48, theme=theme.upper(), png_preset=preset) as chart:
                assert (chart.theme, chart.png_preset) == (theme, preset)
    with candlewick.Chart(64, 48, theme=candlewick.Theme.LIGHT,
                          png_preset=candlewick.PngPreset.SMALLEST) as chart:
        assert (chart.theme, chart.png_preset) == ("light", "smallest")


def test_chart_types():
    assert candlewick.CHART_TYPES == ("candlestick", "hollow", "ohlc", "line", "area",
                                      "heikin_ashi", "renko", "point_figure")
    for chart_type in candlewick.CHART_TYPES:
        with candlewick.Chart(64, 48, chart_type=chart_type) as chart:
            assert chart.chart_type == chart_type
    with candlewick.Chart(64, 48, chart_type=candlewick.ChartType.RENKO) as chart:
        assert chart.chart_type == "renko"


def test_defaults_and_geometry():
    with candlewick.Chart() as chart:
        assert (chart.width, chart.height) == (800, 600)
        assert chart.frame_shape == (600, 800, 4)
        assert (chart.theme, chart.png_preset) == ("classic", "balanced")
        assert chart.chart_type == "candlestick"
        assert repr(chart) == ("<candlewick.Chart 800x600 candlestick theme=classic "
                               "png_preset=balanced>")
    assert repr(chart) == "<candlewick.Chart (closed)>"


def test_custom_colors(series):
    colors = {"background": "#102030", "up": 0x00FF00FF, "down": "#FF0000FF", "grid": "#333333",
              "text": "#EEEEEE", "axis": "#888888"}
    with candlewick.Chart(120, 80, colors=colors, show_grid=False) as chart:
        frame = chart.render_rgba(**ohlcv(series))
    assert tuple(frame[0, 0]) == (0x10, 0x20, 0x30, 0xFF)


# -- Lifetime ---------------------------------------------------------------


def test_context_manager_closes(series):
    with candlewick.Chart(64, 48) as chart:
        assert not chart.closed
        chart.render_png(**ohlcv(series))
    assert chart.closed


def test_context_manager_closes_on_exception():
    with pytest.raises(KeyError):
        with candlewick.Chart(64, 48) as chart:
            raise KeyError("boom")
    assert chart.closed


@pytest.mark.parametrize("use", [
    lambda c, s: c.render_png(**ohlcv(s)),
    lambda c, s: c.render_rgba(**ohlcv(s)),
    lambda c, s: c.render_rgba_into(np.zeros(c.frame_shape, np.uint8), **ohlcv(s)),
    lambda c, s: c.__enter__(),
])
def test_closed_chart_raises(series, use):
    chart = candlewick.Chart(64, 48)
    chart.close()
    with pytest.raises(ChartClosedError) as info:
        use(chart, series)
    # Catchable as the library's error and as Python's closed-object error.
    assert isinstance(info.value, CandlewickError)
    assert isinstance(info.value, ValueError)
    assert info.value.status == Status.NULL_ARGUMENT
    assert "closed" in str(info.value)
    # Geometry is still known; close stays a no-op.
    assert chart.frame_shape == (48, 64, 4)
    chart.close()


@pytest.fixture
def destroy_calls(monkeypatch):
    """Counts cw_chart_destroy calls per handle (by address)."""
    calls = {}
    real = lowlevel.cw_chart_destroy

    def counting(handle):
        calls[int(handle)] = calls.get(int(handle), 0) + 1
        return real(handle)

    monkeypatch.setattr(lowlevel, "cw_chart_destroy", counting)
    return calls


def test_destroyed_exactly_once(destroy_calls):
    # Explicit close, repeated.
    chart = candlewick.Chart(64, 48)
    handle = int(chart._handle)
    chart.close()
    chart.close()
    del chart
    gc.collect()
    assert destroy_calls == {handle: 1}
    destroy_calls.clear()

    # Context manager, then close and collection.
    with candlewick.Chart(64, 48) as chart:
        handle = int(chart._handle)
    chart.close()
    del chart
    gc.collect()
    assert destroy_calls == {handle: 1}
    destroy_calls.clear()

    # Never closed: the garbage collector destroys it.
    chart = candlewick.Chart(64, 48)
    handle = int(chart._handle)
    del chart
    gc.collect()
    assert destroy_calls == {handle: 1}


def test_failed_creation_destroys_nothing(destroy_calls):
    with pytest.raises(CandlewickError):
        candlewick.Chart(1, 1)
    gc.collect()
    assert destroy_calls == {}


# Every class that owns a C handle, made open, and its public name.
HANDLE_MAKERS = [
    ("candlewick.Chart", lambda: candlewick.Chart(64, 48)),
    ("candlewick.Stats", lambda: candlewick.Stats()),
    ("candlewick.renderer.Renderer", lambda: candlewick.Renderer()),
    ("candlewick.indicators.Context", lambda: candlewick.indicators.Context()),
    ("candlewick.indicators.Stream", lambda: candlewick.indicators.Stream("sma", period=3)),
    ("candlewick.bars.Context", lambda: candlewick.bars.Context()),
]


@pytest.mark.parametrize("name,make", HANDLE_MAKERS, ids=[n for n, _ in HANDLE_MAKERS])
@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy, pickle.dumps],
                         ids=["copy", "deepcopy", "pickle"])
def test_handles_refuse_copy_and_pickle(name, make, copier):
    # copy.copy used to copy __dict__, C handle included: the two objects
    # then destroyed one handle twice (a double free, or a hang in the
    # allocator); pickle failed on the SWIG pointer without naming the
    # object.  Open and closed objects alike.
    for closed in (False, True):
        obj = make()
        if closed:
            obj.close()
        try:
            twin = copier(obj)
        except TypeError as error:
            assert "cannot copy or pickle a %s" % name in str(error)
        else:
            if isinstance(twin, type(obj)):
                twin.__dict__["_handle"] = None  # spare the failing run a double free
            pytest.fail("%s(%s) did not raise" % (copier.__name__, name))
        assert obj.closed == closed  # untouched
        obj.close()


@pytest.mark.parametrize("name,make", HANDLE_MAKERS, ids=[n for n, _ in HANDLE_MAKERS])
def test_init_again_closes_the_old_handle(name, make, monkeypatch):
    # obj.__init__(...) on an open object replaced its handle without
    # destroying it: a leak (a Stats leaked its whole window, 640 KB).
    obj = make()
    first = obj._handle
    destroyed = []
    cls = type(obj)
    close = cls.close
    monkeypatch.setattr(cls, "close", lambda self: (destroyed.append(self._handle), close(self)))
    init_args = {"candlewick.indicators.Stream": ("sma",), "candlewick.Chart": (64, 48)}
    obj.__init__(*init_args.get(name, ()), **({"period": 3} if "Stream" in name else {}))
    assert destroyed and destroyed[0] is first
    assert not obj.closed and obj._handle is not first
    obj.close()


# -- Threads ----------------------------------------------------------------


def run_threads(count, target):
    errors = []

    def guarded(index):
        try:
            target(index)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_separate_charts_render_in_parallel(series):
    with candlewick.Chart(200, 150) as chart:
        expected_png = chart.render_png(**ohlcv(series))
        expected_frame = chart.render_rgba(**ohlcv(series))

    def work(_):
        with candlewick.Chart(200, 150) as chart:
            for _ in range(25):
                assert chart.render_png(**ohlcv(series)) == expected_png
                np.testing.assert_array_equal(chart.render_rgba(**ohlcv(series)), expected_frame)

    run_threads(4, work)


def test_a_shared_chart_is_serialised(series):
    # Calls on one handle must not overlap (the C contract); the binding's
    # lock makes sharing safe, including a close racing with renders.
    chart = candlewick.Chart(200, 150)
    expected = chart.render_png(**ohlcv(series))

    def work(index):
        for _ in range(25):
            try:
                assert chart.render_png(**ohlcv(series)) == expected
            except ChartClosedError:
                # Only thread 0 closes, and only after its own renders.
                assert index != 0 and chart.closed
                return
        if index == 0:
            chart.close()

    run_threads(4, work)
    assert chart.closed


if __name__ == "__main__":
    runner.main(__file__)
