"""The lifetime of the objects that wrap a C handle (charts, stats,
indicator and bar contexts, renderers), and the attachment of a
:class:`~candlewick.Stats` to them."""

import threading

from ._constants import Status
from ._errors import CandlewickError


def _public_name(cls):
    """``candlewick.Chart``, ``candlewick.indicators.Stream``, ...: where a
    class is documented (its __module__, which candlewick adopts)."""
    return "%s.%s" % (cls.__module__, cls.__qualname__)


class _Handle:
    """The lifetime shared by every wrapper of a C handle (charts, stats,
    contexts): ``closed``, use as a context manager, destruction by the
    garbage collector and checked calls of the C functions (:meth:`_call`).
    Subclasses set ``_handle`` (None once closed) and ``_lock``, and define
    ``close()`` (idempotent), ``_require_open()`` and, to use
    :meth:`_call`, ``_last_error(handle)``.  The collector
    reaches ``__del__`` only when no other thread holds the object (for a
    stats handle, attached charts and contexts hold references, so none is
    attached then); ``_handle`` is None when __init__ failed and absent if
    it never ran."""

    @property
    def closed(self):
        return self._handle is None

    def __enter__(self):
        self._require_open()
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()

    def _close_before_init(self):
        """Called first by every __init__: __init__ run again on an object
        that owns a handle (obj.__init__(...), a subclass initialising
        twice) closes that handle, which the new one would otherwise
        replace without destroying (a Stats leaked its whole window)."""
        if getattr(self, "_handle", None) is not None:
            self.close()

    def __reduce_ex__(self, protocol):
        # The default reduction copies __dict__, C handle included: a
        # copy.copy() would share the handle and the collector would destroy
        # it twice (a double free), and pickle would fail on the SWIG
        # pointer with a message naming neither the object nor the reason.
        # A handle lives in one process and has one owner: refuse both.
        raise TypeError(
            "cannot copy or pickle a %s: it owns a C handle that lives in this "
            "process only; create a new one where it is needed"
            % _public_name(type(self)))

    def __copy__(self):
        return self.__reduce_ex__(0)

    def __deepcopy__(self, memo):
        return self.__reduce_ex__(0)

    def _call(self, function, *args):
        """Calls ``function(handle, *args)``, a low-level function returning
        [status, result], on the open handle under the lock, and returns the
        result; a status other than OK raises CandlewickError with the
        handle's last error, read under the lock (the message lives until
        the next call)."""
        with self._lock:
            handle = self._require_open()
            status, result = function(handle, *args)
            if status != Status.OK:
                raise CandlewickError(status, self._last_error(handle))
        return result

    def _call_status(self, function, *args):
        """:meth:`_call` for a low-level function returning a status alone."""
        self._call(lambda handle: (function(handle, *args), None))


class _StatsAttachment(_Handle):
    """Lifetime and statistics of a handle that a :class:`Stats` can be
    attached to (charts, indicator and bar contexts).  Subclasses define
    ``_attach`` (the C attach function), ``_destroy`` (the C destroy
    function) and ``_what`` (a name for messages); contexts also define
    ``_create`` (the low-level create returning [status, handle]) and use
    this __init__ and __repr__, a chart has its own.  ``_before_destroy``
    is close()'s hook (a renderer waits for its running calls there)."""

    def __init__(self):
        self._close_before_init()
        # Set first: __del__ runs even when __init__ raises.
        self._handle = None
        self._stats = None
        self._lock = threading.Lock()
        status, handle = self._create()
        if status != Status.OK:
            article = "an" if self._what[0] in "aeiou" else "a"
            raise CandlewickError(status, "cannot create %s %s" % (article, self._what))
        self._handle = handle

    def close(self):
        """Destroys the handle (detaching its stats first).  Calling it
        again is a no-op."""
        with self._lock:
            handle, self._handle = self._handle, None
            stats, self._stats = self._stats, None
            if handle is not None:
                self._before_destroy()
                if stats is not None:
                    self._attach(handle, None)
                self._destroy(handle)
        if stats is not None:
            stats._forget(self)

    def _before_destroy(self):
        """Runs in close(), under the lock, before the handle is detached
        and destroyed (a renderer waits for its running calls)."""

    def _require_open(self):
        handle = self._handle
        if handle is None:
            raise CandlewickError(Status.NULL_ARGUMENT, "the %s is closed" % self._what)
        return handle

    def __repr__(self):
        cls = type(self)
        return "<%s.%s%s>" % (cls.__module__, cls.__qualname__,
                              " (closed)" if self.closed else "")

    def _attach_error(self, handle):
        """The message for a failed attach (a chart has its last error)."""
        return "cannot attach stats to the %s" % self._what

    @property
    def stats(self):
        """The attached :class:`Stats`, or None."""
        return self._stats

    def attach_stats(self, stats):
        """Records every call on this handle (every render of a chart) into
        ``stats`` (a :class:`Stats`; None detaches) from now on.  The handle
        keeps the stats object alive while attached, and closing the stats
        object detaches it first, so the C rule (the stats handle outlives
        the attachment) always holds.  Attaching replaces a previous stats
        object."""
        from ._stats import Stats  # not at the top: _stats imports this module

        if stats is None:
            self.detach_stats()
            return
        if not isinstance(stats, Stats):
            raise TypeError("attach_stats takes a candlewick.Stats, not %s"
                            % type(stats).__name__)
        with self._lock:
            handle = self._require_open()
            previous = self._stats
            # This handle's lock, then the stats lock: Stats.close never
            # holds both.
            with stats._lock:
                stats_handle = stats._require_open()
                status = self._attach(handle, stats_handle)
                if status != Status.OK:
                    raise CandlewickError(status, self._attach_error(handle))
                stats._charts.add(self)
            self._stats = stats
        if previous is not None and previous is not stats:
            # Still listed by `previous` while calls that started before the
            # switch may write it: its close() waits for them meanwhile.
            self._settle()
            self._forget_unless_attached(previous)

    def detach_stats(self):
        """Stops recording (a no-op when nothing is attached) and drops the
        reference to the stats object."""
        with self._lock:
            stats, self._stats = self._stats, None
            if stats is not None:
                self._attach(self._require_open(), None)
        if stats is not None:
            self._settle()
            self._forget_unless_attached(stats)

    def _forget_unless_attached(self, stats):
        """Makes ``stats`` forget this handle after a switch away from it,
        unless another thread attached it again meanwhile (checked under the
        lock that attach_stats holds): forgetting it then left it attached
        but unlisted, so closing the stats destroyed it under this handle (a
        use after free at its next call)."""
        with self._lock:
            if self._stats is not stats:
                stats._forget(self)

    def _settle(self):
        """Runs after attach_stats/detach_stats switched the C handle away
        from a stats object and before that object forgets this handle.  A
        chart or context is switched under the lock that its calls hold, so
        no call can still write the old stats; a renderer waits here for
        the calls that started before the switch."""

    def _detach_from(self, stats):
        # Stats.close: detach if still attached to `stats`; a closed handle
        # has nothing attached.
        with self._lock:
            if self._stats is stats:
                if self._handle is not None:
                    self._attach(self._handle, None)
                self._stats = None


class _PerThread:
    """One object per thread, made by ``factory()`` on the thread's first
    :meth:`get` and again once closed: the contexts of a module's
    functions."""

    def __init__(self, factory):
        self._factory = factory
        self._local = threading.local()

    def get(self):
        value = getattr(self._local, "value", None)
        if value is None or value.closed:
            value = self._local.value = self._factory()
        return value

    def given_or_mine(self, context):
        """``context``, or this thread's when None; a TypeError naming the
        factory's class for anything else (an int gave "'int' object has no
        attribute 'compute'")."""
        if context is None:
            return self.get()
        if not isinstance(context, self._factory):
            raise TypeError("context must be a %s.%s, not %s" % (
                self._factory.__module__, self._factory.__qualname__, type(context).__name__))
        return context
