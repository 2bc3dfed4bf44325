"""What owns a raw frame's memory."""


def frame_owner(array):
    """The object exporting a frame array's memory: the array's base, or the
    exporter behind it when the base is a memoryview (NumPy wraps buffer
    exporters in one)."""
    base = array.base
    if isinstance(base, memoryview):
        base = base.obj
    return base
