"""candlewick.Renderer: the thread-safe renderer (cw_renderer) from Python.
Every output is compared byte for byte with what a Chart with the same
options returns (the Chart binding is itself compared with the C API), from
one thread, from many at once, and job by job in batches with bad jobs
mixed in."""

import concurrent.futures
import sys
import threading
import time

import numpy as np
import pytest

import candlewick
from candlewick_testing import runner
from candlewick_testing.files import MONO_FONT
from candlewick_testing.series import moving_average, ohlcv, random_walk

SERIES = random_walk(150, seed=11)
SHORT = random_walk(40, seed=3)


def chart_render(fmt, series, options, webp_quality=None, font=None, **data):
    """The reference: a Chart made for this one render."""
    with candlewick.Chart(font=font, **options) as chart:
        if webp_quality is not None:
            chart.webp_quality = webp_quality
        result = chart.render(fmt, **ohlcv(series), **data)
    return result if isinstance(result, bytes) else np.array(result)


def same(result, reference):
    if isinstance(reference, bytes):
        return isinstance(result, bytes) and result == reference
    return (isinstance(result, np.ndarray) and result.dtype == reference.dtype
            and result.shape == reference.shape and result.tobytes() == reference.tobytes())


def extras(series):
    """Overlays, a band, a panel and a title over `series`."""
    close = series["close"]
    mid = moving_average(close, 10)
    return {
        "overlays": [candlewick.Line(moving_average(close, 5), color="#ffcc00")],
        "bands": [candlewick.Band(mid + 3.0, mid - 3.0)],
        "panels": [candlewick.Panel(lines=[candlewick.Line(close - mid)], levels=(0.0,),
                                    title="osc")],
        "title": "SYM",
    }


# (format, chart options, data extras?) covering every format, theme and type.
CASES = [
    ("png", {"width": 320, "height": 200, "png_preset": "smallest"}, False),
    ("png", {"width": 640, "height": 360, "theme": "light", "show_axes": True,
             "antialias": True}, True),
    ("webp", {"width": 300, "height": 220, "theme": "modern", "chart_type": "ohlc"}, False),
    ("webp-lossy", {"width": 300, "height": 220, "theme": "tradingview"}, True),
    ("svg", {"width": 400, "height": 300, "chart_type": "line", "show_axes": True}, True),
    ("rgba", {"width": 256, "height": 160, "chart_type": "renko"}, False),
    ("rgb", {"width": 200, "height": 120, "chart_type": "point_figure",
             "png_preset": "fastest"}, False),
    ("indexed", {"width": 240, "height": 180, "colors": {
        "background": "#101010", "up": "#00ff00", "down": "#ff0000", "grid": "#202020",
        "text": "#ffffff", "axis": "#808080"}, "margin": 4, "label_size": 9}, True),
]


def case_id(case):
    return "%s-%dx%d" % (case[0], case[1]["width"], case[1]["height"])


@pytest.fixture(scope="module")
def renderer():
    with candlewick.Renderer(max_cache_bytes=32 << 20, threads=2) as r:
        yield r


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_render_matches_chart(renderer, case):
    fmt, options, with_extras = case
    data = extras(SERIES) if with_extras else {}
    reference = chart_render(fmt, SERIES, options, **data)
    for _ in range(2):  # cold (a new cached chart), then warm (reused)
        assert same(renderer.render(fmt, **options, **ohlcv(SERIES), **data), reference)


def test_render_job_and_data_argument(renderer):
    options = {"width": 320, "height": 200, "theme": "light"}
    reference = chart_render("png", SERIES, options)
    job = candlewick.RenderJob("png", SERIES, **options)
    assert renderer.render(job) == reference
    assert renderer.render(job) == reference  # a job renders again
    assert renderer.render("png", SERIES, **options) == reference
    with pytest.raises(TypeError):
        renderer.render(job, width=100)


@pytest.mark.parametrize("index", range(len(CASES)))
def test_a_job_pickles_and_copies(renderer, index):
    # Jobs made in one process and rendered in another (Dask,
    # multiprocessing): pickle failed on the options' SWIG pointer.
    import copy
    import pickle

    fmt, options, with_extras = CASES[index]
    options = dict(options, time_zone="America/New_York", colors={
        "background": "#101010", "up": 0x00FF00FF, "down": "#ff0000", "grid": "#333333",
        "text": "#ffffff", "axis": "#808080"})
    data = extras(SERIES) if with_extras else {}
    job = candlewick.RenderJob(fmt, SERIES, webp_quality=70, **options, **data)
    reference = renderer.render(job)
    for again in (pickle.loads(pickle.dumps(job)), copy.copy(job), copy.deepcopy(job)):
        assert type(again) is candlewick.RenderJob and repr(again) == repr(job)
        assert same(_as_reference(renderer.render(again)), _as_reference(reference))
    twice = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(job))))
    assert same(_as_reference(renderer.render(twice)), _as_reference(reference))
    sub = pickle.loads(pickle.dumps(_Job(fmt, SERIES, webp_quality=70, **options, **data)))
    assert type(sub) is _Job
    assert same(_as_reference(renderer.render(sub)), _as_reference(reference))


class _Job(candlewick.RenderJob):
    __slots__ = ()


def _as_reference(result):
    return result if isinstance(result, bytes) else np.array(result)


def test_webp_quality_per_call(renderer):
    options = {"width": 300, "height": 200}
    low = renderer.render("webp-lossy", **options, **ohlcv(SERIES), webp_quality=5)
    high = renderer.render("webp-lossy", **options, **ohlcv(SERIES), webp_quality=95)
    assert low == chart_render("webp-lossy", SERIES, options, webp_quality=5)
    assert high == chart_render("webp-lossy", SERIES, options, webp_quality=95)
    assert low != high
    with pytest.raises(candlewick.CandlewickError) as info:
        renderer.render("webp-lossy", **options, **ohlcv(SERIES), webp_quality=101)
    assert info.value.status == candlewick.Status.INVALID_ARGUMENT


def test_errors_carry_the_jobs_status_and_message(renderer):
    with pytest.raises(candlewick.CandlewickError) as info:
        renderer.render("png", width=8, height=600, **ohlcv(SERIES))
    assert info.value.status == candlewick.Status.SIZE_OUT_OF_RANGE
    assert "8x600" in info.value.message
    bad = dict(ohlcv(SERIES))
    bad["close"] = bad["close"].copy()
    bad["close"][5] = np.nan
    with pytest.raises(candlewick.CandlewickError) as info:
        renderer.render("png", **bad)
    assert info.value.status == candlewick.Status.NON_FINITE
    with pytest.raises(candlewick.CandlewickError) as info:
        renderer.render("indexed", antialias=True, **ohlcv(SERIES))
    assert info.value.status == candlewick.Status.INVALID_ARGUMENT
    with pytest.raises(TypeError, match="font"):
        renderer.render("png", font=b"", **ohlcv(SERIES))
    with pytest.raises(TypeError, match="colour"):
        renderer.render("png", colour="red", **ohlcv(SERIES))
    with pytest.raises(ValueError):
        renderer.render("gif", **ohlcv(SERIES))
    # The renderer is unharmed.
    assert renderer.render("png", width=320, height=200, **ohlcv(SERIES)) == \
        chart_render("png", SERIES, {"width": 320, "height": 200})


def test_batch_results_per_job(renderer):
    nan_close = dict(ohlcv(SHORT))
    nan_close["close"] = nan_close["close"].copy()
    nan_close["close"][0] = np.inf
    jobs = []
    expected = []
    for i, (fmt, options, with_extras) in enumerate(CASES):
        data = extras(SERIES) if with_extras else {}
        jobs.append(candlewick.RenderJob(fmt, **options, **ohlcv(SERIES), **data))
        expected.append(chart_render(fmt, SERIES, options, **data))
        # A bad job after every good one: each fails alone.
        bad = [
            candlewick.RenderJob("png", width=8, height=600, **ohlcv(SHORT)),
            dict(format="png", **nan_close),
            dict(format="png", width=320, colour="red", **ohlcv(SHORT)),
            "not a job",
            dict(format="png", close=["a", "b"]),
            candlewick.RenderJob("indexed", antialias=True, **ohlcv(SHORT)),
            dict(format="svg", width=100000, **ohlcv(SHORT)),
            dict(format="png", open=SHORT["open"], high=SHORT["high"], low=SHORT["low"],
                 close=SHORT["close"][:-1]),
        ][i % 8]
        jobs.append(bad)
        expected.append(None)
    # dict jobs that are good, too.
    jobs.append(dict(format="png", width=320, height=200, **ohlcv(SHORT)))
    expected.append(chart_render("png", SHORT, {"width": 320, "height": 200}))

    for threads in (None, 1, 3):
        results = renderer.render_batch(jobs, threads=threads)
        assert len(results) == len(jobs)
        for k, (result, reference) in enumerate(zip(results, expected)):
            if reference is None:
                assert isinstance(result, Exception), (k, result)
            else:
                assert same(result, reference), k
        statuses = [getattr(r, "status", None) for r in results[1::2]]
        assert statuses[0] == candlewick.Status.SIZE_OUT_OF_RANGE
        assert statuses[1] == candlewick.Status.NON_FINITE
        assert isinstance(results[5], TypeError)  # colour=: the job's own exception
        assert isinstance(results[7], TypeError)
        assert statuses[5] == candlewick.Status.INVALID_ARGUMENT
        assert statuses[6] == candlewick.Status.SIZE_OUT_OF_RANGE
        assert statuses[7] == candlewick.Status.LENGTH_MISMATCH
        assert "8x600" in results[1].message


def test_batch_edge_cases(renderer):
    assert renderer.render_batch([]) == []
    assert renderer.render_batch(iter([dict(format="png", **ohlcv(SHORT))]))[0] == \
        chart_render("png", SHORT, {})
    with pytest.raises(candlewick.CandlewickError) as info:
        renderer.render_batch([], threads=candlewick.Renderer.MAX_BATCH_THREADS + 1)
    assert info.value.status == candlewick.Status.INVALID_ARGUMENT


def test_many_python_threads_share_one_renderer():
    """32 threads, mixed sizes and formats, each output byte-identical to the
    single-threaded reference; batches from some threads at the same time."""
    work = []
    for i, (fmt, options, with_extras) in enumerate(CASES):
        series = random_walk(60 + 13 * i, seed=100 + i)
        data = extras(series) if with_extras else {}
        work.append((candlewick.RenderJob(fmt, **options, **ohlcv(series), **data),
                     chart_render(fmt, series, options, **data)))
    start = threading.Barrier(32)

    def worker(t):
        start.wait()
        mismatches = 0
        for round_ in range(6):
            if (t + round_) % 4 == 0:
                results = renderer.render_batch([job for job, _ in work], threads=2)
                mismatches += sum(not same(r, ref) for r, (_, ref) in zip(results, work))
            else:
                job, reference = work[(t + round_) % len(work)]
                mismatches += not same(renderer.render(job), reference)
        return mismatches

    with candlewick.Stats() as stats:
        # A small cache: charts are evicted and remade while threads render.
        with candlewick.Renderer(max_cache_bytes=2 << 20, stats=stats) as renderer:
            with concurrent.futures.ThreadPoolExecutor(32) as pool:
                assert sum(pool.map(worker, range(32))) == 0
            info = renderer.cache_info()
            assert info["cached_bytes"] <= 2 << 20
            assert info["charts_in_use"] == 0
            assert info["hits"] + info["misses"] > 0
        reading = stats.snapshot()
    batches = sum(1 for t in range(32) for r in range(6) if (t + r) % 4 == 0)
    singles = 32 * 6 - batches
    kinds = reading["kinds"]
    assert kinds["batch"]["count"] == batches * len(work)
    assert kinds["render"]["count"] + kinds["encode"]["count"] == singles


@pytest.mark.parametrize("batch", [False, True], ids=["render", "render_batch"])
def test_the_gil_is_released_while_the_library_renders(batch):
    """With a switch interval far longer than the test, the main thread can
    only run while the rendering thread has released the GIL: it must see
    the render in progress (a chart lent by the cache) before it ends."""
    job = candlewick.RenderJob("png", width=2000, height=1500, antialias=True, show_axes=True,
                               **ohlcv(random_walk(4000, seed=9)))
    seen = []
    with candlewick.Renderer() as r:
        started = threading.Event()

        def work():
            started.set()
            if batch:
                r.render_batch([job] * 6, threads=1)
            else:
                for _ in range(6):
                    r.render(job)

        previous = sys.getswitchinterval()
        sys.setswitchinterval(60.0)
        try:
            thread = threading.Thread(target=work)
            thread.start()
            started.wait()
            while thread.is_alive() and not seen:
                if r.cache_info()["charts_in_use"] > 0:
                    seen.append(True)
            thread.join()
        finally:
            sys.setswitchinterval(previous)
    assert seen, "the main thread never ran while the library rendered"


def test_stats_and_cache(renderer):
    with candlewick.Stats() as stats:
        with candlewick.Renderer(max_cache_bytes=0, stats=stats) as r:
            assert stats.renderers == [r] and r.stats is stats
            r.render("png", **ohlcv(SHORT))
            r.render("rgba", **ohlcv(SHORT))
            with pytest.raises(candlewick.CandlewickError):
                r.render("png", width=1, height=1, **ohlcv(SHORT))
            r.render_batch([dict(format="png", **ohlcv(SHORT))] * 3)
            info = r.cache_info()
            assert (info["cached_charts"], info["max_cache_bytes"]) == (0, 0)
            r.detach_stats()
            r.render("png", **ohlcv(SHORT))
            assert stats.renderers == []
        kinds = stats.snapshot()["kinds"]
        assert (kinds["encode"]["count"], kinds["encode"]["errors"]) == (2, 1)
        assert kinds["render"]["count"] == 1
        assert kinds["batch"]["count"] == 3
    renderer.clear_cache()
    assert renderer.cache_info()["cached_charts"] == 0
    renderer.render("png", **ohlcv(SHORT))
    renderer.render("png", **ohlcv(SHORT))
    info = renderer.cache_info()
    assert info["cached_charts"] >= 1 and info["hits"] >= 1


def test_closing_the_stats_detaches_it():
    stats = candlewick.Stats()
    with candlewick.Renderer(stats=stats) as r:
        stats.close()
        assert r.stats is None
        r.render("png", **ohlcv(SHORT))


@pytest.mark.parametrize("switch", ["attach", "detach"])
def test_a_replaced_stats_outlives_the_calls_that_write_it(switch):
    # A call records into the stats attached when it started.  Replacing or
    # detaching the stats used to make the old one forget the renderer
    # before waiting for such calls, so closing it from another thread
    # meanwhile destroyed it under a running batch (a use after free: a
    # crash or SIGFPE).  Its close() must wait for that batch.
    old, new = candlewick.Stats(), candlewick.Stats()
    renderer = candlewick.Renderer(threads=1, stats=old)
    series = random_walk(2000, seed=5)
    jobs = [candlewick.RenderJob("png", **ohlcv(series), width=1600, height=1000)] * 100
    times = {}
    started = threading.Event()

    def batch():
        started.set()
        results = renderer.render_batch(jobs)
        times["batch"] = time.perf_counter()
        assert all(isinstance(result, bytes) for result in results)

    def change():
        if switch == "attach":
            renderer.attach_stats(new)
        else:
            renderer.detach_stats()

    threads = [threading.Thread(target=batch), threading.Thread(target=change)]
    threads[0].start()
    started.wait()
    time.sleep(0.05)  # the batch is running (it takes about a second)
    threads[1].start()
    time.sleep(0.05)  # the switch is done; change() waits for the batch
    old.close()
    times["close"] = time.perf_counter()
    for thread in threads:
        thread.join()
    assert times["close"] >= times["batch"]
    renderer.close()
    new.close()


def test_a_stats_attached_again_during_the_wait_stays_listed():
    # attach_stats(new) waits for running calls before the old stats
    # forgets the renderer; if another thread attached the old one again
    # meanwhile, it forgot the renderer anyway: attached but unlisted, so
    # closing that stats destroyed it under the renderer (use after free at
    # the next render).
    first, second = candlewick.Stats(), candlewick.Stats()
    renderer = candlewick.Renderer(threads=1, stats=first)
    series = random_walk(2000, seed=5)
    jobs = [candlewick.RenderJob("png", **ohlcv(series), width=1600, height=1000)] * 100
    started = threading.Event()

    def batch():
        started.set()
        renderer.render_batch(jobs)

    threads = [threading.Thread(target=batch),
               threading.Thread(target=renderer.attach_stats, args=(second,)),
               threading.Thread(target=renderer.attach_stats, args=(first,))]
    for thread in threads:
        thread.start()
        if thread is threads[0]:
            started.wait()
        time.sleep(0.05)  # the batch runs, then the first switch waits for it
    for thread in threads:
        thread.join()
    assert renderer.stats is first
    assert renderer in first.renderers and renderer not in second.renderers
    first.close()
    assert renderer.stats is None
    renderer.render("png", **ohlcv(SHORT), width=64, height=48)
    renderer.close()
    second.close()


def test_font_for_every_chart():
    with open(MONO_FONT, "rb") as f:
        font = f.read()
    options = {"width": 400, "height": 300, "show_axes": True}
    with candlewick.Renderer(font=bytearray(font)) as r:
        result = r.render("png", **options, **ohlcv(SERIES), title="mono")
    assert result == chart_render("png", SERIES, options, font=font, title="mono")
    assert result != chart_render("png", SERIES, options, title="mono")
    with pytest.raises(candlewick.CandlewickError) as info:
        candlewick.Renderer(font=b"not a font")
    assert info.value.status == candlewick.Status.INVALID_ARGUMENT
    with pytest.raises(TypeError):
        candlewick.Renderer(font=12)


def test_arguments_and_lifetime():
    with pytest.raises(ValueError):
        candlewick.Renderer(max_cache_bytes=-1)
    with pytest.raises(candlewick.CandlewickError):
        candlewick.Renderer(threads=10**6)
    with pytest.raises(TypeError):
        candlewick.Renderer(stats=object())
    r = candlewick.Renderer(max_cache_bytes=1 << 20, threads=3)
    assert (r.max_cache_bytes, r.threads, r.closed) == (1 << 20, 3, False)
    frame = r.render("rgba", **ohlcv(SHORT))
    r.close()
    r.close()
    assert r.closed and "closed" in repr(r)
    assert frame.shape == (600, 800, 4)  # outputs outlive the renderer
    for call in (lambda: r.render("png", **ohlcv(SHORT)), lambda: r.render_batch([]),
                 r.cache_info, r.clear_cache):
        with pytest.raises(candlewick.RendererClosedError):
            call()
    with pytest.raises(candlewick.RendererClosedError):
        with r:
            pass


def test_close_waits_for_running_calls():
    r = candlewick.Renderer()
    job = candlewick.RenderJob("png", width=1200, height=900, antialias=True,
                               **ohlcv(random_walk(3000, seed=5)))
    reference = r.render(job)
    outcomes = []
    started = threading.Barrier(9)

    def worker():
        started.wait()
        for _ in range(20):
            try:
                outcomes.append(r.render(job) == reference)
            except candlewick.RendererClosedError:
                outcomes.append("closed")
                return

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    started.wait()
    r.close()
    for t in threads:
        t.join()
    assert False not in outcomes and "closed" in outcomes


if __name__ == "__main__":
    runner.main(__file__)
