"""A renderer for many threads (``cw_renderer``): one object a service or a
batch job shares between all its threads, each call naming its own chart
options (size, theme, type, layout, PNG preset), data and format.

    import candlewick
    with candlewick.Renderer(max_cache_bytes=64 << 20) as renderer:
        png = renderer.render("png", frame, width=800, height=600, theme="tradingview")
        results = renderer.render_batch(
            [candlewick.RenderJob("png", f, width=400, height=300) for f in frames])

Behind it the library keeps a bounded cache of charts per option set (least
recently used evicted), so a warm call allocates nothing but its output.
Every render runs without the GIL: Python threads sharing one renderer
render in parallel, and a batch runs on the library's worker threads.
"""

import threading

from . import _columns, lowlevel
from ._chart import _frame_array
from ._constants import Status
from ._errors import CandlewickError
from ._handles import _StatsAttachment
from ._options import _FLT_MAX, _chart_options, _float, _format, _index
from ._overlays import _extras
from ._stats import Stats

__all__ = ["RenderJob", "Renderer", "RendererClosedError"]

# Renderer.render's keyword arguments that are chart options (as Chart
# takes them); the others are data (as Chart.render takes them).
_OPTION_NAMES = frozenset((
    "width", "height", "theme", "chart_type", "show_volume", "show_grid", "show_axes",
    "antialias", "png_preset", "colors", "price_weight", "volume_weight", "panel_gap",
    "margin", "line_width", "box_size", "reversal", "label_size", "time_zone"))
_DATA_NAMES = frozenset((
    "open", "high", "low", "close", "volume", "time", "overlays", "bands", "panels", "title"))
_UINT64_MAX = 2**64 - 1
_DEFAULT_CACHE_BYTES = 64 << 20


class RendererClosedError(CandlewickError, ValueError):
    """A call on a closed :class:`Renderer`."""

    def __init__(self, message="the renderer is closed"):
        CandlewickError.__init__(self, Status.NULL_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))


class RenderJob:
    """One chart to render: what :meth:`Renderer.render` takes, checked and
    converted once (so a job can be built on one thread and rendered on
    another, or rendered again).

    Args:
      format: as for :meth:`Chart.render` ("png", "webp", "webp-lossy",
        "svg", "rgba", "rgb", "indexed" or a :class:`Format`).
      data: a DataFrame, mapping or structured array, as for
        :meth:`Chart.render_png`.
      webp_quality: for "webp-lossy", 0..100 (90).
      **kwargs: the chart options of :class:`Chart` (width=800, height=600,
        theme, chart_type, show_volume, show_grid, show_axes, antialias,
        png_preset, colors, price_weight, volume_weight, panel_gap, margin,
        line_width, box_size, reversal, label_size, time_zone (the job's
        own: the renderer caches charts by its name); not font: a renderer has
        one font for all its charts) and the data of :meth:`Chart.render`
        (open, high, low, close, volume, time, overlays, bands, panels,
        title).

    Raises what :class:`Chart` and :meth:`Chart.render` raise for arguments
    Python can check (unknown names, malformed colours, columns that are not
    arrays); the library checks the rest when the job runs.
    """

    __slots__ = ("_args", "_shape", "_options")

    def __init__(self, format="png", data=None, *, webp_quality=90.0, **kwargs):
        unknown = sorted(set(kwargs) - _OPTION_NAMES - _DATA_NAMES)
        if unknown:
            hint = " (a Renderer's font is given to Renderer())" if "font" in unknown else ""
            raise TypeError("unexpected keyword argument(s) %s%s" % (", ".join(unknown), hint))
        fmt = _format(format)
        quality = _float("webp_quality", webp_quality)
        if abs(quality) > _FLT_MAX:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "WebP quality must be in [0, 100], got %r" % quality)
        chart_options = {k: v for k, v in kwargs.items() if k in _OPTION_NAMES}
        options, time_zone, _ = _chart_options(**chart_options)
        get = kwargs.get
        series = _columns.series(data, get("open"), get("high"), get("low"), get("close"),
                                 get("volume"), get("time"))
        extras = _extras(get("overlays", ()), get("bands", ()), get("panels", ()),
                         get("title"))
        # The options proxy and every column stay referenced by this tuple,
        # which the extension borrows for the whole call.
        self._args = (options, time_zone, series, extras, fmt, quality)
        self._shape = (options.width, options.height)
        # For pickling: the options proxy is a C struct, remade from these.
        self._options = chart_options

    def __reduce__(self):
        # A job can be made in one process and rendered in another (Dask,
        # multiprocessing): the options are rebuilt from their arguments,
        # the columns and extras (already checked and converted) travel as
        # they are.
        _, _, series, extras, fmt, quality = self._args
        return (_restore_job, (type(self), self._options, series, extras, fmt, quality))

    def __repr__(self):
        return "<candlewick.RenderJob %dx%d format=%d>" % (self._shape + (self._args[4],))


def _restore_job(cls, chart_options, series, extras, fmt, quality):
    """A pickled :class:`RenderJob` (see RenderJob.__reduce__)."""
    job = cls.__new__(cls)
    options, time_zone, _ = _chart_options(**chart_options)
    job._args = (options, time_zone, series, extras, fmt, quality)
    job._shape = (options.width, options.height)
    job._options = chart_options
    return job


def _job(job):
    if isinstance(job, RenderJob):
        return job
    if isinstance(job, dict):
        return RenderJob(**job)
    raise TypeError("a job is a candlewick.RenderJob or a dict of its arguments, not %s"
                    % type(job).__name__)


def _output(result):
    """bytes for encoded formats, else a read-only array over the frame."""
    return result if isinstance(result, bytes) else _frame_array(result)


class Renderer(_StatsAttachment):
    """A thread-safe renderer: any number of Python threads may call
    :meth:`render` and :meth:`render_batch` on one renderer at once (the
    GIL is released while the library renders).  Use it as a context
    manager, or call :meth:`close` (which waits for the calls running on
    other threads); a renderer that is only garbage-collected is destroyed
    then.

    Args:
      max_cache_bytes: the most memory the idle charts of the cache may
        hold, measured (default 64 MiB; 0: keep nothing).
      threads: threads a batch uses, the calling one included (None or 0:
        every CPU this process may run on; at most ``MAX_BATCH_THREADS``).
      stats: a :class:`Stats` to record every call into (render/encode for
        :meth:`render`, "batch" for each job of :meth:`render_batch`).
      font: the bytes of a TrueType/OpenType font for every chart's labels
        (copied), or None for the embedded DejaVu Sans.

    Raises:
      CandlewickError: INVALID_ARGUMENT for threads out of range or font
        bytes that are not a font (with the library's explanation);
        OUT_OF_MEMORY.  ValueError for a negative max_cache_bytes.
    """

    MAX_BATCH_THREADS = lowlevel.CW_MAX_BATCH_THREADS

    _attach = staticmethod(lowlevel.cw_renderer_attach_stats)
    _what = "renderer"

    def __init__(self, max_cache_bytes=_DEFAULT_CACHE_BYTES, *, threads=None, stats=None,
                 font=None):
        self._close_before_init()
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._stats = None
        self._lock = threading.Lock()
        # Calls in progress, by ticket: close() and detaching stats wait for
        # them (the C rules: destroy when no call runs; a detached stats
        # handle may still be written by calls that started before).
        self._idle = threading.Condition(self._lock)
        self._running = set()
        self._ticket = 0
        max_cache_bytes = _index("max_cache_bytes", max_cache_bytes)
        if not 0 <= max_cache_bytes <= _UINT64_MAX:
            raise ValueError("max_cache_bytes must be in [0, 2**64), got %d" % max_cache_bytes)
        threads = 0 if threads is None else _index("threads", threads)
        if not 0 <= threads <= self.MAX_BATCH_THREADS:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "threads must be in [0, %d], got %d"
                                  % (self.MAX_BATCH_THREADS, threads))
        if stats is not None and not isinstance(stats, Stats):
            raise TypeError("stats must be a candlewick.Stats, not %s" % type(stats).__name__)
        status, handle, message = lowlevel.renderer_create(max_cache_bytes, font)
        if status != Status.OK:
            raise CandlewickError(status, message or "cannot create a renderer")
        self._handle = handle
        self._threads = threads
        self._max_cache_bytes = max_cache_bytes
        if stats is not None:
            self.attach_stats(stats)

    def _destroy(self, handle):
        lowlevel.cw_renderer_destroy(handle)

    def __repr__(self):
        if self._handle is None:
            return "<candlewick.Renderer (closed)>"
        return "<candlewick.Renderer max_cache_bytes=%d threads=%d>" % (
            self._max_cache_bytes, self._threads)

    @property
    def max_cache_bytes(self):
        return self._max_cache_bytes

    @property
    def threads(self):
        """Threads a batch uses (0: every CPU)."""
        return self._threads

    # -- lifetime ------------------------------------------------------------

    def close(self):
        """Waits for the calls running on other threads, then destroys the
        renderer (detaching its stats first).  Calls that start after
        close() raise :class:`RendererClosedError`.  Arrays and bytes it
        returned stay valid.  Calling it again is a no-op."""
        super().close()

    def _before_destroy(self):
        self._idle.wait_for(lambda: not self._running)

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise RendererClosedError()
        return handle

    def _begin(self):
        with self._lock:
            handle = self._require_open()
            self._ticket += 1
            self._running.add(self._ticket)
            return handle, self._ticket

    def _end(self, ticket):
        with self._lock:
            self._running.discard(ticket)
            self._idle.notify_all()

    def _wait_for_calls_before(self, mark):
        with self._lock:
            self._idle.wait_for(lambda: all(t > mark for t in self._running))

    # -- statistics ------------------------------------------------------------
    # The C renderer may be attached and detached while other threads
    # render; a call records into the stats attached when it started, so
    # after a change the previous stats object is released only once the
    # calls that started before have returned.  Until then it still lists
    # this renderer, so closing it meanwhile waits for them too (through
    # _detach_from): it was once forgotten before the wait, and a close()
    # from another thread destroyed it under a running batch.

    def attach_stats(self, stats):
        """Records every call from now on into ``stats`` (a :class:`Stats`;
        None detaches), replacing a previous one; returns once no running
        call can still write the previous one.  Thread-safe."""
        _StatsAttachment.attach_stats(self, stats)

    def detach_stats(self):
        """Stops recording; returns once no running call can still write the
        previous stats object."""
        _StatsAttachment.detach_stats(self)

    def _settle(self):
        self._wait_for_calls_before(self._ticket)

    def _detach_from(self, stats):
        _StatsAttachment._detach_from(self, stats)
        self._wait_for_calls_before(self._ticket)

    # -- rendering -------------------------------------------------------------

    def render(self, format="png", data=None, **kwargs):
        """Renders one chart: ``render(format, data, **options_and_data)``
        takes the arguments of :class:`RenderJob` (Chart's options and
        Chart.render's data), or ``render(job)`` a ready :class:`RenderJob`.
        Returns ``bytes`` for encoded formats and a read-only uint8 array
        that owns the library's frame for raw ones, byte for byte what a
        :class:`Chart` with the same options returns.  Thread-safe.

        Raises CandlewickError with the statuses of :meth:`Chart.render`
        and of the chart options (SIZE_OUT_OF_RANGE, INVALID_ARGUMENT),
        with the library's message; RendererClosedError after close()."""
        job = format if isinstance(format, RenderJob) else RenderJob(format, data, **kwargs)
        if isinstance(format, RenderJob) and (data is not None or kwargs):
            raise TypeError("render(job) takes no other arguments")
        handle, ticket = self._begin()
        try:
            status, result = lowlevel.renderer_render(handle, *job._args)
        finally:
            self._end(ticket)
        if status != Status.OK:
            message = result[1] if isinstance(result, tuple) else ""
            raise CandlewickError(status, message)
        return _output(result)

    def render_batch(self, jobs, *, threads=None):
        """Renders every job of ``jobs`` (:class:`RenderJob` s, or dicts of
        their arguments) in parallel on ``threads`` threads (None: the
        renderer's), the calling one included, without the GIL.

        Returns a list with one item per job, in order: the job's output (as
        :meth:`render` returns it) or, for a job that failed, the exception
        it would have raised (a :class:`CandlewickError` with the job's own
        status and message, or the TypeError/ValueError its arguments
        raised).  One bad job never fails the others; nothing is raised for
        them.  Each job is recorded in the attached stats as "batch".

        Raises CandlewickError (INVALID_ARGUMENT) for threads out of range
        and RendererClosedError after close()."""
        threads = self._threads if threads is None else _index("threads", threads)
        if not 0 <= threads <= self.MAX_BATCH_THREADS:
            raise CandlewickError(Status.INVALID_ARGUMENT, "threads must be in [0, %d], got %d"
                                  % (self.MAX_BATCH_THREADS, threads))
        results = []
        args = []
        for job in jobs:
            try:
                args.append(_job(job)._args)
                results.append(None)
            except Exception as error:  # this job fails alone
                results.append(error)
        handle, ticket = self._begin()
        try:
            status, outputs = lowlevel.renderer_render_batch(handle, tuple(args), threads)
        finally:
            self._end(ticket)
        if status != Status.OK:
            raise CandlewickError(status, "the batch could not run")
        it = iter(outputs)
        for i, pending in enumerate(results):
            if pending is not None:
                continue
            item = next(it)
            if isinstance(item, tuple):
                results[i] = CandlewickError(item[0], item[1])
            elif isinstance(item, BaseException):
                results[i] = item
            else:
                results[i] = _output(item)
        return results

    # -- the cache -------------------------------------------------------------

    def cache_info(self):
        """The cache's figures now, a dict: max_cache_bytes, cached_bytes,
        cached_charts, charts_in_use, hits, misses, evictions,
        overhead_bytes, worker_threads."""
        handle, ticket = self._begin()
        try:
            status, info = lowlevel.renderer_info(handle)
        finally:
            self._end(ticket)
        if status != Status.OK:
            raise CandlewickError(status, "cannot read the renderer's cache")
        return info

    def clear_cache(self):
        """Destroys every idle chart (calls running now keep theirs)."""
        handle, ticket = self._begin()
        try:
            status = lowlevel.cw_renderer_clear_cache(handle)
        finally:
            self._end(ticket)
        if status != Status.OK:
            raise CandlewickError(status, "cannot clear the renderer's cache")
