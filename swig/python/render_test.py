"""Rendering through the Python binding: PNG and RGBA outputs agree, frames
own their library buffer, and strided columns are read in place."""

import gc
import io
import sys
import tracemalloc
import weakref

import numpy as np
import pytest

import candlewick
from candlewick import lowlevel
from candlewick_testing import pngdecode, runner
from candlewick_testing.fixtures import chart_fixture, series_fixture
from candlewick_testing.frames import frame_owner
from candlewick_testing.series import COLUMNS, ohlcv, random_walk

# Small frames keep the pure-Python PNG decoder quick.
WIDTH, HEIGHT = 320, 200

# The backgrounds documented in candlewick.h, as RGBA.
BACKGROUNDS = {
    "classic": (0x00, 0x00, 0x00, 0xFF),
    "modern": (0x1E, 0x1E, 0x1E, 0xFF),
    "tradingview": (0x13, 0x17, 0x22, 0xFF),
    "light": (0xFF, 0xFF, 0xFF, 0xFF),
}


series = series_fixture(120, seed=7)


chart = chart_fixture(WIDTH, HEIGHT)


def most_common_pixel(frame):
    colours, counts = np.unique(frame.reshape(-1, 4), axis=0, return_counts=True)
    return tuple(int(v) for v in colours[np.argmax(counts)])


# -- PNG --------------------------------------------------------------------


@pytest.mark.parametrize("theme", candlewick.THEMES)
@pytest.mark.parametrize("preset", candlewick.PNG_PRESETS)
def test_png_decodes_to_the_rgba_frame(series, theme, preset):
    with candlewick.Chart(WIDTH, HEIGHT, theme=theme, png_preset=preset) as chart:
        png = chart.render_png(**ohlcv(series))
        frame = chart.render_rgba(**ohlcv(series))
    assert isinstance(png, bytes)
    assert png.startswith(pngdecode.SIGNATURE)
    decoded, header = pngdecode.decode_rgba(png)
    assert (header["width"], header["height"]) == (WIDTH, HEIGHT)
    np.testing.assert_array_equal(decoded, frame)


@pytest.mark.parametrize("chart_type", candlewick.CHART_TYPES)
def test_every_chart_type(series, chart_type):
    with candlewick.Chart(WIDTH, HEIGHT, chart_type=chart_type) as chart:
        png = chart.render_png(**ohlcv(series))
        frame = chart.render_rgba(**ohlcv(series))
    np.testing.assert_array_equal(pngdecode.decode_rgba(png)[0], frame)
    if chart_type != "candlestick":
        with candlewick.Chart(WIDTH, HEIGHT) as candles:
            assert not np.array_equal(frame, candles.render_rgba(**ohlcv(series)))


def test_antialiased_chart_with_axes(series):
    # Blended edges and text can exceed a palette: the PNG may be true colour.
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True, antialias=True) as chart:
        png = chart.render_png(**ohlcv(series))
        frame = chart.render_rgba(**ohlcv(series))
    np.testing.assert_array_equal(pngdecode.decode_rgba(png)[0], frame)
    with candlewick.Chart(WIDTH, HEIGHT) as plain:
        assert not np.array_equal(frame, plain.render_rgba(**ohlcv(series)))


def test_png_chunks_are_well_formed(chart, series):
    # Every chunk's CRC (checked by chunks()) and the order the PNG spec
    # requires: IHDR first, PLTE before the consecutive IDATs, IEND last.
    kinds = [kind for kind, _ in pngdecode.chunks(chart.render_png(**ohlcv(series)))]
    assert kinds[0] == "IHDR" and kinds[-1] == "IEND" and kinds.count("IEND") == 1
    first_idat = kinds.index("IDAT")
    idats = kinds.count("IDAT")
    assert kinds[first_idat:first_idat + idats] == ["IDAT"] * idats
    assert "PLTE" not in kinds or kinds.index("PLTE") < first_idat


def test_png_is_a_palette_image(chart, series):
    _, header = pngdecode.decode_rgba(chart.render_png(**ohlcv(series)))
    assert header["color_type"] == 3
    assert 1 <= header["palette_size"] <= 2 ** header["bit_depth"]


def test_png_without_optional_columns(chart, series):
    png = chart.render_png(open=series["open"], high=series["high"],
                           low=series["low"], close=series["close"])
    frame = chart.render_rgba(open=series["open"], high=series["high"],
                              low=series["low"], close=series["close"])
    np.testing.assert_array_equal(pngdecode.decode_rgba(png)[0], frame)


@pytest.mark.parametrize("theme", candlewick.THEMES)
def test_theme_background(series, theme):
    with candlewick.Chart(WIDTH, HEIGHT, theme=theme, show_grid=False) as chart:
        frame = chart.render_rgba(**ohlcv(series))
    assert most_common_pixel(frame) == BACKGROUNDS[theme]


def test_options_change_the_frame(series):
    frames = {}
    for name, kwargs in [("default", {}), ("no_grid", {"show_grid": False}),
                         ("no_volume", {"show_volume": False})]:
        with candlewick.Chart(WIDTH, HEIGHT, **kwargs) as chart:
            frames[name] = chart.render_rgba(**ohlcv(series))
    assert not np.array_equal(frames["default"], frames["no_grid"])
    assert not np.array_equal(frames["default"], frames["no_volume"])


# -- RGBA frames own the library buffer -------------------------------------


def test_rgba_frame_layout(chart, series):
    frame = chart.render_rgba(**ohlcv(series))
    assert frame.shape == (HEIGHT, WIDTH, 4) == chart.frame_shape
    assert frame.dtype == np.uint8
    assert frame.flags.c_contiguous
    # No copy: NumPy does not own the bytes, a Frame over the cw_buffer does.
    assert not frame.flags.owndata
    assert type(frame_owner(frame)).__name__ == "Frame"
    # Its buffer is read-only too: no writable view can be taken.
    assert memoryview(frame_owner(frame)).readonly
    with pytest.raises(TypeError):
        io.BytesIO(b"\xff").readinto(frame_owner(frame))
    # The C API hands the bytes out as const.
    assert not frame.flags.writeable
    with pytest.raises(ValueError):
        frame[0, 0, 0] = 1
    assert (frame[:, :, 3] == 255).all()


def test_frame_outlives_its_chart(series):
    chart = candlewick.Chart(WIDTH, HEIGHT)
    frame = chart.render_rgba(**ohlcv(series))
    expected = np.array(frame)  # an independent copy
    chart.close()
    del chart
    gc.collect()
    # Churn the allocator: a freed frame would likely be overwritten.
    with candlewick.Chart(WIDTH, HEIGHT, theme="light") as other:
        junk = [other.render_rgba(**ohlcv(series)) for _ in range(4)]
    del junk
    np.testing.assert_array_equal(frame, expected)


def test_collecting_the_array_destroys_the_buffer(chart, series):
    gc.collect()
    before = lowlevel.live_frame_count()
    frame = chart.render_rgba(**ohlcv(series))
    assert lowlevel.live_frame_count() == before + 1
    # The array's base (a memoryview) is referenced by the array alone, and
    # the Frame owning the cw_buffer by that base alone (plus getrefcount's
    # argument each time), so the array's death is the frame's death.
    # Counted outside `assert`, where pytest keeps its own references.
    base_refs = sys.getrefcount(frame.base)
    assert base_refs == 2
    if isinstance(frame.base, memoryview):
        owner_refs = sys.getrefcount(frame.base.obj)
        assert owner_refs == 2
    alive = weakref.ref(frame)
    # A view keeps the frame (and its buffer) alive through its base chain.
    view = frame[10:20, 5:15]
    del frame
    assert alive() is not None
    assert lowlevel.live_frame_count() == before + 1
    assert view.sum() >= 0  # still readable
    del view
    assert alive() is None
    assert lowlevel.live_frame_count() == before


def test_every_frame_is_released(chart, series):
    gc.collect()
    before = lowlevel.live_frame_count()
    frames = [chart.render_rgba(**ohlcv(series)) for _ in range(50)]
    assert lowlevel.live_frame_count() == before + 50
    del frames
    assert lowlevel.live_frame_count() == before


# -- Columns are read in place ----------------------------------------------


def test_columns_of_a_2d_table(chart, series):
    # Row-major (n, 5) table: each column is a strided view (stride 40 bytes).
    table = np.column_stack([series[name] for name in COLUMNS[1:]])
    assert table.dtype == np.float64 and table.flags.c_contiguous
    views = {name: table[:, i] for i, name in enumerate(COLUMNS[1:])}
    assert all(v.strides == (40,) and not v.flags.owndata for v in views.values())
    strided_png = chart.render_png(time=series["time"], **views)
    strided_rgba = chart.render_rgba(time=series["time"], **views)
    assert strided_png == chart.render_png(**ohlcv(series))
    np.testing.assert_array_equal(strided_rgba, chart.render_rgba(**ohlcv(series)))


def test_reversed_columns(chart, series):
    reversed_views = {name: series[name][::-1] for name in COLUMNS}
    assert all(v.strides[0] < 0 for v in reversed_views.values())
    copies = {name: np.ascontiguousarray(v) for name, v in reversed_views.items()}
    np.testing.assert_array_equal(chart.render_rgba(**reversed_views),
                                  chart.render_rgba(**copies))
    # And the reversal is really seen: a reversed series draws differently.
    assert not np.array_equal(chart.render_rgba(**reversed_views),
                              chart.render_rgba(**ohlcv(series)))


def test_fields_of_a_packed_record_array(chart, series):
    # A one-byte field first leaves every float64 unaligned (17-byte stride
    # offsets): the C API promises to read those too.
    record = np.dtype([("flag", "i1"), ("time", "<i8")] +
                      [(name, "<f8") for name in COLUMNS[1:]], align=False)
    records = np.zeros(len(series["close"]), dtype=record)
    for name in COLUMNS:
        records[name] = series[name]
    assert not records["open"].flags.aligned
    fields = {name: records[name] for name in COLUMNS}
    np.testing.assert_array_equal(chart.render_rgba(**fields),
                                  chart.render_rgba(**ohlcv(series)))


def test_every_other_row(chart, series):
    picked = {name: series[name][::2] for name in COLUMNS}
    copies = {name: np.ascontiguousarray(v) for name, v in picked.items()}
    assert chart.render_png(**picked) == chart.render_png(**copies)


def test_strided_columns_are_not_copied_in_python(series):
    # NumPy reports its data allocations to tracemalloc.  Had the binding
    # made contiguous copies of these strided columns, at least one 1.6 MB
    # column would show up in the traced peak; the only Python allocation
    # expected is the small PNG `bytes`.
    rows = 200_000
    big = random_walk(rows, seed=3)
    table = np.column_stack([big[name] for name in COLUMNS[1:]])
    views = {name: table[:, i] for i, name in enumerate(COLUMNS[1:])}
    time_view = np.stack([big["time"], big["time"]], axis=1)[:, 0]
    assert time_view.strides == (16,)
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.render_png(time=time_view, **views)  # warm up
        tracemalloc.start()
        try:
            png = chart.render_png(time=time_view, **views)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert png.startswith(pngdecode.SIGNATURE)
    column_bytes = rows * 8
    assert peak < column_bytes // 4, "traced peak %d bytes suggests a column copy" % peak


def test_datetime64_seconds_time(chart, series):
    as_datetime = series["time"].astype("datetime64[s]")
    assert (chart.render_png(**dict(ohlcv(series), time=as_datetime))
            == chart.render_png(**ohlcv(series)))


def test_buffer_objects_other_than_numpy(chart, series):
    # Any exporter of the buffer protocol works, e.g. a cast memoryview.
    as_memoryviews = {name: memoryview(series[name].tobytes()).cast(
        "q" if name == "time" else "d") for name in COLUMNS}
    assert chart.render_png(**as_memoryviews) == chart.render_png(**ohlcv(series))


# -- Rendering into caller-owned arrays -------------------------------------


def test_render_into_a_fresh_array(chart, series):
    out = np.zeros(chart.frame_shape, dtype=np.uint8)
    returned = chart.render_rgba_into(out, **ohlcv(series))
    assert returned is out
    np.testing.assert_array_equal(out, chart.render_rgba(**ohlcv(series)))


def test_render_into_a_view_of_a_larger_canvas(chart, series):
    canvas = np.full((HEIGHT + 30, WIDTH + 50, 4), 7, dtype=np.uint8)
    view = canvas[10:10 + HEIGHT, 20:20 + WIDTH]
    assert view.strides == ((WIDTH + 50) * 4, 4, 1)
    chart.render_rgba_into(view, **ohlcv(series))
    np.testing.assert_array_equal(view, chart.render_rgba(**ohlcv(series)))
    # Everything outside the frame is untouched.
    mask = np.ones(canvas.shape[:2], dtype=bool)
    mask[10:10 + HEIGHT, 20:20 + WIDTH] = False
    assert (canvas[mask] == 7).all()


if __name__ == "__main__":
    runner.main(__file__)
