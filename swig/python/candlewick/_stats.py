"""Performance statistics: :class:`Stats`, a bounded ``cw_stats`` handle
that charts, contexts and renderers record into, read as a dict, JSON or
Prometheus text."""

import contextlib
import math
import threading
import weakref

from . import lowlevel
from ._chart import Chart
from ._constants import SimdTarget, StatsKind, Status
from ._errors import CandlewickError, StatsClosedError, _TextError
from ._handles import _Handle
from ._options import _INT32, _c_text_problem, _float, _index

_BUILTIN_KINDS = {kind.name.lower(): int(kind) for kind in StatsKind if kind != StatsKind.LABEL_0}
_INT64_MAX = 2**63 - 1
_UINT64_MAX = 2**64 - 1


class Stats(_Handle):
    """Bounded performance statistics (``cw_stats``): lifetime totals per
    kind of operation and a recent window with latency percentiles.  Cheap
    enough to leave on in a service.  Thread-safe; a context manager.

    Attach it to charts with :meth:`Chart.attach_stats` to record every
    render (kind "render" for raw frames, "encode" for PNG/WebP/SVG), or
    record your own operations with :meth:`record` / :meth:`measure`.

    Args:
      capacity: records in the recent window (>= 1; default 10000).
      retention_seconds: records older than this leave the window (> 0;
        default 24 hours; ``math.inf``: never by age).
      labels: names of caller-defined kinds (up to 8; 1..31 characters of
        [a-z0-9_] starting with a letter), recorded as kind name or
        ``StatsKind.LABEL_0 + i``.

    Raises:
      CandlewickError: INVALID_ARGUMENT for a bad capacity, retention or
        label (with the library's explanation), SIZE_OUT_OF_RANGE for a
        capacity whose memory overflows, OUT_OF_MEMORY.
    """

    def __init__(self, capacity=None, retention_seconds=None, *, labels=()):
        self._close_before_init()
        self._handle = None
        self._lock = threading.RLock()
        self._closing = False
        self._charts = weakref.WeakSet()
        options = lowlevel.cw_stats_options()
        lowlevel.cw_stats_options_init(options)
        if capacity is not None:
            capacity = _index("capacity", capacity)
            if not 0 <= capacity <= _UINT64_MAX:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "capacity must be >= 1, got %d" % capacity)
            options.capacity = capacity
        if retention_seconds is not None:
            seconds = _float("retention_seconds", retention_seconds)
            if math.isnan(seconds):
                raise CandlewickError(Status.INVALID_ARGUMENT, "retention_seconds is NaN")
            # Clamped before round(), which fails on -inf ("cannot convert
            # float infinity to integer"): the library words the refusal.
            nanoseconds = min(max(seconds * 1e9, -_INT64_MAX), _INT64_MAX)
            options.retention_ns = _INT64_MAX if nanoseconds >= _INT64_MAX else round(nanoseconds)
        if isinstance(labels, str):
            labels = (labels,)
        labels = tuple(labels)
        for index, label in enumerate(labels):
            if not isinstance(label, str):
                raise TypeError("labels[%d] must be a str, not %s"
                                % (index, type(label).__name__))
            problem = _c_text_problem(label)
            if problem:
                raise _TextError("labels[%d]=%r %s" % (index, label, problem))
        status, handle, message = lowlevel.stats_create(options, labels)
        if status != Status.OK:
            raise CandlewickError(status, message or "cannot create a stats handle with "
                                  "capacity=%r, retention_seconds=%r, labels=%r"
                                  % (capacity, retention_seconds, labels))
        self._handle = handle
        self._labels = labels
        self._capacity = options.capacity
        self._retention_ns = options.retention_ns

    # -- lifetime ----------------------------------------------------------

    def close(self):
        """Detaches every chart still attached, then destroys the handle.
        Calling it again is a no-op."""
        with self._lock:
            if self._handle is None or self._closing:
                return
            # No new attachments from here on.
            self._closing = True
            charts = list(self._charts)
        # Without the stats lock: Chart.attach_stats takes the chart's lock
        # and then this one.
        for chart in charts:
            chart._detach_from(self)
        with self._lock:
            handle, self._handle = self._handle, None
            self._charts = weakref.WeakSet()
            if handle is not None:
                lowlevel.cw_stats_destroy(handle)


    def __repr__(self):
        if self._handle is None:
            return "<candlewick.Stats (closed)>"
        return "<candlewick.Stats capacity=%d retention_seconds=%g labels=%r>" % (
            self._capacity, self.retention_seconds, self._labels)

    # -- options -----------------------------------------------------------

    @property
    def capacity(self):
        return self._capacity

    @property
    def retention_seconds(self):
        """The window's retention (``math.inf`` when records never age out)."""
        if self._retention_ns == _INT64_MAX:
            return math.inf
        return self._retention_ns / 1e9

    @property
    def labels(self):
        return self._labels

    @property
    def charts(self):
        """The open charts currently attached (a new list)."""
        with self._lock:
            return [chart for chart in self._charts
                    if isinstance(chart, Chart) and chart._stats is self]

    @property
    def contexts(self):
        """The open indicator and bar contexts currently attached (a new
        list)."""
        from .renderer import Renderer  # not at the top: it imports this module

        with self._lock:
            return [context for context in self._charts
                    if not isinstance(context, (Chart, Renderer)) and context._stats is self]

    @property
    def renderers(self):
        """The open renderers currently attached (a new list)."""
        from .renderer import Renderer  # not at the top: it imports this module

        with self._lock:
            return [renderer for renderer in self._charts
                    if isinstance(renderer, Renderer) and renderer._stats is self]

    def kind(self, name):
        """The kind number of a built-in kind ("render", "encode",
        "indicator", "aggregate", "batch") or a label of this handle;
        numbers pass through."""
        if isinstance(name, str):
            if name in _BUILTIN_KINDS:
                return _BUILTIN_KINDS[name]
            if name in self._labels:
                return int(StatsKind.LABEL_0) + self._labels.index(name)
            raise ValueError("unknown kind %r; expected one of %s" % (
                name, ", ".join(list(_BUILTIN_KINDS) + list(self._labels))))
        value = _index("kind", name, "a kind name or number")
        if not _INT32[0] <= value <= _INT32[1]:
            raise CandlewickError(Status.INVALID_ARGUMENT, "unknown kind %d" % value)
        return value

    # -- recording ---------------------------------------------------------

    def now_ns(self):
        """The handle's monotonic clock, in nanoseconds."""
        with self._lock:
            return lowlevel.cw_stats_now(self._require_open())

    def record(self, kind, duration, *, bytes=0, items=0, failed=False, simd_target=None,
               end_ns=None):
        """Records one finished operation.

        kind: a kind name or number (see :meth:`kind`).
        duration: its time in seconds (>= 0).
        bytes, items: bytes produced, items processed.
        failed: counts it in the errors too.
        simd_target: a :class:`SimdTarget` or its name (None: NONE).
        end_ns: when it finished, a :meth:`now_ns` reading (default: now).

        Raises CandlewickError (INVALID_ARGUMENT) for an unknown kind or
        target or a negative duration."""
        kind = self.kind(kind)
        seconds = _float("duration", duration)
        if not math.isfinite(seconds):
            # round() raised a bare ValueError / OverflowError for these.
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "duration=%r must be a finite number of seconds" % seconds)
        # Clamped so that round() cannot overflow; the range check below
        # refuses what is beyond int64.
        duration_ns = round(min(max(seconds * 1e9, -2.0**64), 2.0**64))
        if isinstance(simd_target, str):
            try:
                simd_target = SimdTarget[simd_target.upper()]
            except KeyError:
                raise ValueError("unknown SIMD target %r" % simd_target) from None
        simd_target = 0 if simd_target is None else _index("simd_target", simd_target,
                                                            "a SimdTarget or its name")
        values = {"duration": duration_ns, "bytes": _index("bytes", bytes),
                  "items": _index("items", items), "simd_target": simd_target}
        limits = {"duration": (-_INT64_MAX, _INT64_MAX), "bytes": (0, _UINT64_MAX),
                  "items": (0, _UINT64_MAX), "simd_target": _INT32}
        for key, (low, high) in limits.items():
            if not low <= values[key] <= high:
                raise CandlewickError(Status.INVALID_ARGUMENT,
                                      "%s=%r is out of range" % (key, values[key]))
        with self._lock:  # reentrant: the clock read and the record as one step
            self._require_open()  # a closed handle says so before a bad end_ns does
            end = self.now_ns() if end_ns is None else _index("end_ns", end_ns)
            if not -_INT64_MAX - 1 <= end <= _INT64_MAX:  # SWIG's OverflowError named no argument
                raise CandlewickError(Status.INVALID_ARGUMENT, "end_ns=%d is out of range" % end)
            self._call_status(lowlevel.stats_record, kind, end, duration_ns, values["bytes"],
                              values["items"], simd_target, int(bool(failed)))

    @contextlib.contextmanager
    def measure(self, kind, *, bytes=0, items=0):
        """Times the ``with`` block and records it as one operation of
        ``kind`` (failed if the block raises)::

            with stats.measure("resample", items=len(rows)):
                ...
        """
        kind = self.kind(kind)
        start = self.now_ns()
        failed = True
        try:
            yield
            failed = False
        finally:
            end = self.now_ns()
            self.record(kind, (end - start) / 1e9, bytes=bytes, items=items, failed=failed,
                        end_ns=end)

    # -- reading -----------------------------------------------------------

    def snapshot(self):
        """A consistent reading as a dict: taken_at_ns, capacity,
        retention_ns, count, window_count and "kinds", a dict from each kind
        in use ("render", "encode", ..., your labels) to its figures: kind,
        count, errors, duration_ns, bytes, items, by_target (SIMD target
        name -> count) and "window" (count, errors, bytes, items,
        duration_ns, mean_ns, min_ns, max_ns, p50_ns, p90_ns, p99_ns)."""
        return self._call(lowlevel.stats_snapshot)

    def json(self):
        """The same reading as JSON text (str)."""
        return self._text(0, None)

    def prometheus(self, prefix="candlewick"):
        """The reading in the Prometheus text exposition format (0.0.4),
        every metric named ``prefix + "_" + ...``.  prefix: 1..64 characters
        of [a-zA-Z0-9_], not starting with a digit (else INVALID_ARGUMENT)."""
        if not isinstance(prefix, str):
            raise TypeError("prefix must be a str, not %s" % type(prefix).__name__)
        problem = _c_text_problem(prefix)
        if problem:
            raise _TextError("prefix %s" % problem)
        return self._text(1, prefix)

    def reset(self):
        """Clears the window and the lifetime totals."""
        self._call_status(lowlevel.cw_stats_reset)

    # -- internals ---------------------------------------------------------

    def _require_open(self):
        handle = self._handle
        if handle is None or self._closing:
            raise StatsClosedError()
        return handle

    def _forget(self, chart):
        with self._lock:
            self._charts.discard(chart)

    def _text(self, prometheus, prefix):
        return self._call(lowlevel.stats_text, prometheus, prefix)

    @staticmethod
    def _last_error(handle):
        _, message = lowlevel.stats_last_error(handle)
        return message
