"""The exceptions a failed call raises: :class:`CandlewickError` with the
library's status, and the ones for a closed chart or stats handle."""

from . import lowlevel
from ._constants import Status


def status_string(status):
    """The library's fixed English text for a status code."""
    return lowlevel.cw_status_string(int(status))


class CandlewickError(Exception):
    """A candlewick call failed.

    Attributes:
      status: the :class:`Status` (a plain int for a code newer than this
        binding).
      status_text: the library's fixed text for the status.
      message: the detailed message: the chart's last error, or for a failed
        ``Chart(...)`` (where no chart exists yet) a description of the
        rejected options.
    """

    def __init__(self, status, message=""):
        try:
            status = Status(status)
        except ValueError:
            status = int(status)
        self.status = status
        self.status_text = status_string(status)
        self.message = message or self.status_text
        # args keep the exception picklable: cls(*args) rebuilds it.
        super().__init__(status, self.message)

    def __str__(self):
        return "%s (status %d): %s" % (self.status_text, self.status, self.message)


class ChartClosedError(CandlewickError, ValueError):
    """A closed chart was used.  Also a ValueError, like I/O on a closed file;
    its status is NULL_ARGUMENT, what the C API reports for a missing handle."""

    def __init__(self, message="the chart is closed"):
        super().__init__(Status.NULL_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))


class StatsClosedError(CandlewickError, ValueError):
    """A closed :class:`Stats` was used (status NULL_ARGUMENT)."""

    def __init__(self, message="the stats object is closed"):
        super().__init__(Status.NULL_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))


class _TextError(CandlewickError, ValueError):
    """A str the library cannot read as C text (a NUL inside, a lone
    surrogate): INVALID_ARGUMENT, and a ValueError as a bad str value is."""

    def __init__(self, message):
        super().__init__(Status.INVALID_ARGUMENT, message)

    def __reduce__(self):
        return (type(self), (self.message,))
