"""candlewick.Stats: options, recording renders of attached charts, the
dict/JSON/Prometheus readings, lifetimes (the stats handle always outlives
its attachments) and every error path."""

import gc
import json
import math
import threading
import weakref

import numpy as np
import pytest

import candlewick
from candlewick import CandlewickError, Stats, StatsClosedError, Status
from candlewick_testing import runner
from candlewick_testing.fixtures import series_fixture
from candlewick_testing.series import ohlcv

WIDTH, HEIGHT = 120, 80
ROWS = 50


series = series_fixture(ROWS, seed=17)


@pytest.fixture
def stats():
    with Stats(capacity=1000) as s:
        yield s


def test_options():
    with Stats() as default:
        assert default.capacity == 10000 and default.retention_seconds == 24 * 3600
        assert default.labels == () and not default.closed
        assert default.snapshot()["capacity"] == 10000
    assert default.closed and repr(default) == "<candlewick.Stats (closed)>"
    with Stats(capacity=7, retention_seconds=1.5, labels=("resample", "upload")) as s:
        reading = s.snapshot()
        assert (reading["capacity"], reading["retention_ns"]) == (7, 1_500_000_000)
        assert (s.capacity, s.retention_seconds, s.labels) == (7, 1.5, ("resample", "upload"))
        assert set(reading["kinds"]) >= {"render", "encode", "indicator", "resample", "upload"}
    with Stats(retention_seconds=math.inf) as forever:
        assert forever.retention_seconds == math.inf


@pytest.mark.parametrize("kwargs, status", [
    ({"capacity": 0}, Status.INVALID_ARGUMENT),
    ({"capacity": -1}, Status.INVALID_ARGUMENT),
    ({"capacity": 2**63}, Status.SIZE_OUT_OF_RANGE),
    ({"retention_seconds": 0}, Status.INVALID_ARGUMENT),
    ({"retention_seconds": -3}, Status.INVALID_ARGUMENT),
    ({"retention_seconds": float("nan")}, Status.INVALID_ARGUMENT),
    ({"retention_seconds": -math.inf}, Status.INVALID_ARGUMENT),  # was an OverflowError
    ({"retention_seconds": -1e300}, Status.INVALID_ARGUMENT),
    ({"labels": ("Upper",)}, Status.INVALID_ARGUMENT),
    ({"labels": ("render",)}, Status.INVALID_ARGUMENT),
    ({"labels": ("a", "a")}, Status.INVALID_ARGUMENT),
    ({"labels": tuple("l%d" % i for i in range(9))}, Status.INVALID_ARGUMENT),
    ({"labels": ("",)}, Status.INVALID_ARGUMENT),
])
def test_bad_options(kwargs, status):
    with pytest.raises(CandlewickError) as info:
        Stats(**kwargs)
    assert info.value.status == status
    assert info.value.message and info.value.message != info.value.status_text


def test_label_types():
    with pytest.raises(TypeError):
        Stats(labels=(1,))
    with pytest.raises(ValueError):
        Stats(labels=("a\0b",))


# -- recording renders -------------------------------------------------------


def test_counts_after_renders(stats, series):
    raw, encoded = 7, 5
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        assert chart.stats is stats and stats.charts == [chart]
        for _ in range(raw):
            chart.render_rgba(**ohlcv(series))
        for fmt in ("png", "webp", "svg", "webp-lossy", "png"):
            chart.render(fmt, **ohlcv(series))
        chart.render("rgb", **ohlcv(series))
        with pytest.raises(CandlewickError):
            chart.render_png(**dict(ohlcv(series), close=series["close"][:-1]))
    reading = stats.snapshot()
    render, encode = reading["kinds"]["render"], reading["kinds"]["encode"]
    assert (render["count"], render["errors"]) == (raw + 1, 0)
    assert (encode["count"], encode["errors"]) == (encoded + 1, 1)
    # items = the series' rows, failed calls included (the short close: ROWS - 1).
    assert render["items"] == (raw + 1) * ROWS and encode["items"] == encoded * ROWS + ROWS - 1
    assert render["bytes"] == raw * WIDTH * HEIGHT * 4 + WIDTH * HEIGHT * 3
    assert encode["bytes"] > 0
    assert reading["count"] == raw + 1 + encoded + 1 == reading["window_count"]
    assert render["window"]["count"] == raw + 1
    window = render["window"]
    assert 0 < window["min_ns"] <= window["p50_ns"] <= window["p99_ns"] <= window["max_ns"]
    assert render["duration_ns"] >= window["max_ns"]
    assert sum(render["by_target"].values()) == raw + 1
    assert reading["kinds"]["indicator"]["count"] == 0


def test_detach_stops_recording(stats, series):
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        chart.render_png(**ohlcv(series))
        chart.detach_stats()
        assert chart.stats is None and stats.charts == []
        chart.render_png(**ohlcv(series))
        chart.attach_stats(None)  # detaching again is a no-op
    assert stats.snapshot()["kinds"]["encode"]["count"] == 1


def test_one_stats_object_for_many_charts(stats, series):
    charts = [candlewick.Chart(WIDTH, HEIGHT) for _ in range(3)]
    for chart in charts:
        chart.attach_stats(stats)
        chart.render_rgba(**ohlcv(series))
    assert len(stats.charts) == 3
    for chart in charts:
        chart.close()
    assert stats.charts == []
    assert stats.snapshot()["kinds"]["render"]["count"] == 3


def test_reattaching_moves_the_chart(series):
    with Stats() as first, Stats() as second, candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(first)
        chart.render_rgba(**ohlcv(series))
        chart.attach_stats(second)
        chart.render_rgba(**ohlcv(series))
        chart.render_rgba(**ohlcv(series))
        assert first.charts == [] and second.charts == [chart]
        assert first.snapshot()["kinds"]["render"]["count"] == 1
        assert second.snapshot()["kinds"]["render"]["count"] == 2


def test_the_chart_keeps_its_stats_alive(series):
    chart = candlewick.Chart(WIDTH, HEIGHT)
    stats = Stats(capacity=10)
    alive = weakref.ref(stats)
    chart.attach_stats(stats)
    del stats
    gc.collect()
    assert alive() is not None and not alive().closed
    chart.render_rgba(**ohlcv(series))
    assert chart.stats.snapshot()["kinds"]["render"]["count"] == 1
    chart.close()
    gc.collect()
    assert alive() is None


def test_closing_the_stats_detaches_its_charts(series):
    stats = Stats()
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        stats.close()
        assert chart.stats is None
        # The chart renders on, recording nowhere (a dangling handle would
        # crash or corrupt memory here).
        for _ in range(20):
            chart.render_rgba(**ohlcv(series))
        with pytest.raises(StatsClosedError):
            chart.attach_stats(stats)
    stats.close()  # again: a no-op


def test_closed_stats_raise(series):
    stats = Stats()
    stats.close()
    for use in (stats.snapshot, stats.json, stats.prometheus, stats.reset, stats.now_ns,
                lambda: stats.record("render", 0.001),
                lambda: stats.record("render", 0.001, end_ns=1.5),  # closed before bad end_ns
                stats.__enter__):
        with pytest.raises(StatsClosedError) as info:
            use()
        assert info.value.status == Status.NULL_ARGUMENT
        assert isinstance(info.value, ValueError)


def test_attach_needs_a_stats_object(series):
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        with pytest.raises(TypeError):
            chart.attach_stats("stats")
    with Stats() as stats:
        chart = candlewick.Chart(WIDTH, HEIGHT)
        chart.close()
        with pytest.raises(candlewick.ChartClosedError):
            chart.attach_stats(stats)
        assert stats.charts == []


def test_renders_from_threads_are_all_counted(stats, series):
    threads_count, renders = 4, 30

    def work():
        with candlewick.Chart(WIDTH, HEIGHT) as chart:
            chart.attach_stats(stats)
            for _ in range(renders):
                chart.render_png(**ohlcv(series))

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stats.snapshot()["kinds"]["encode"]["count"] == threads_count * renders


# -- recording by hand -------------------------------------------------------


def test_record_and_measure():
    with Stats(labels=("resample",)) as stats:
        stats.record("resample", 0.002, bytes=10, items=100)
        stats.record(stats.kind("resample"), 0.004, items=100, failed=True, simd_target="avx2")
        stats.record(candlewick.StatsKind.BATCH, 0.5)
        with stats.measure("resample", items=5):
            pass
        with pytest.raises(KeyError):
            with stats.measure("resample"):
                raise KeyError("boom")
        kinds = stats.snapshot()["kinds"]
        resample = kinds["resample"]
        assert resample["kind"] == candlewick.StatsKind.LABEL_0
        assert (resample["count"], resample["errors"], resample["items"]) == (4, 2, 205)
        assert resample["duration_ns"] >= 6_000_000 and resample["bytes"] == 10
        assert resample["by_target"].get("AVX2") == 1
        assert kinds["batch"]["count"] == 1 and kinds["batch"]["duration_ns"] == 500_000_000
        now = stats.now_ns()
        assert now > 0 and stats.now_ns() >= now


def test_record_errors():
    with Stats() as stats:
        with pytest.raises(ValueError, match="unknown kind"):
            stats.record("nope", 0.1)
        for kwargs in ({"kind": 7, "duration": 0.1}, {"kind": 8, "duration": 0.1},
                       {"kind": "render", "duration": -1.0},
                       {"kind": "render", "duration": 0.1, "simd_target": 31},
                       # Bare ValueError / OverflowError from round() and SWIG:
                       {"kind": "render", "duration": math.nan},
                       {"kind": "render", "duration": math.inf},
                       {"kind": "render", "duration": -math.inf},
                       {"kind": "render", "duration": 1e300},
                       {"kind": "render", "duration": 0.1, "end_ns": 2**63},
                       {"kind": "render", "duration": 0.1, "end_ns": -2**63 - 1}):
            with pytest.raises(CandlewickError) as info:
                stats.record(**kwargs)
            assert info.value.status == Status.INVALID_ARGUMENT
            assert info.value.message and info.value.message != info.value.status_text
        with pytest.raises(CandlewickError):
            stats.record("render", 0.1, bytes=-1)
        assert stats.snapshot()["count"] == 0


# -- readings ----------------------------------------------------------------


def test_json_reading(stats, series):
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        chart.render_png(**ohlcv(series))
    text = stats.json()
    assert isinstance(text, str)
    parsed = json.loads(text)
    assert isinstance(parsed, dict)
    assert "encode" in text and "render" in text


def test_prometheus_text(stats, series):
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        for _ in range(3):
            chart.render_rgba(**ohlcv(series))
        chart.render_png(**ohlcv(series))
    text = stats.prometheus("svc_charts")
    lines = text.splitlines()
    for metric in ("operations_total", "operation_errors_total",
                   "operation_output_bytes_total", "operation_items_total",
                   "operations_by_simd_target_total", "operation_duration_seconds"):
        assert "# TYPE svc_charts_%s " % metric in text, metric
    assert 'svc_charts_operations_total{kind="render"} 3' in lines
    assert 'svc_charts_operations_total{kind="encode"} 1' in lines
    assert 'svc_charts_operation_items_total{kind="render"} %d' % (3 * ROWS) in lines
    assert 'svc_charts_operation_duration_seconds_count{kind="render"} 3' in lines
    # Every sample line is "name{labels} value" with a number (or NaN).
    for line in lines:
        if not line.startswith("#"):
            float(line.rsplit(" ", 1)[1])
    assert stats.prometheus().startswith("# HELP candlewick_")


@pytest.mark.parametrize("prefix", ["", "9lives", "has-dash", "x" * 65, "nul\0"])
def test_bad_prometheus_prefix(stats, prefix):
    with pytest.raises(CandlewickError) as info:
        stats.prometheus(prefix)
    assert info.value.status == Status.INVALID_ARGUMENT


def test_reset(stats, series):
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.attach_stats(stats)
        chart.render_rgba(**ohlcv(series))
        stats.reset()
        assert stats.snapshot()["count"] == 0
        assert stats.snapshot()["kinds"]["render"]["window"]["count"] == 0
        chart.render_rgba(**ohlcv(series))
    assert stats.snapshot()["kinds"]["render"]["count"] == 1


if __name__ == "__main__":
    runner.main(__file__)
