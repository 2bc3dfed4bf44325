"""The general render: every output format, overlays, bands and panels
borrowed in place, the palette, the WebP quality, layout options and fonts,
and every error path of them."""

import gc
import struct
import sys
import tracemalloc
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import candlewick
from candlewick import Band, CandlewickError, Line, Panel, Status, lowlevel
from candlewick_testing import pngdecode, runner
from candlewick_testing.files import MONO_FONT
from candlewick_testing.fixtures import chart_fixture, series_fixture
from candlewick_testing.frames import frame_owner
from candlewick_testing.series import COLUMNS, moving_average, ohlcv, random_walk

WIDTH, HEIGHT = 240, 160
RAW_SHAPES = {"rgba": (HEIGHT, WIDTH, 4), "rgb": (HEIGHT, WIDTH, 3), "indexed": (HEIGHT, WIDTH)}
FONT = MONO_FONT


series = series_fixture(90, seed=21)


chart = chart_fixture(WIDTH, HEIGHT)


def extras(series):
    """A rich set of overlays, bands and panels over `series`, contiguous."""
    close = series["close"]
    sma = moving_average(close, 10)
    spread = np.nan_to_num(sma, nan=close[0])
    upper, lower = spread + 3.0, spread - 3.0
    momentum = np.concatenate([[0.0] * 5, close[5:] - close[:-5]])
    return {
        "overlays": (Line(sma, color="#FFA500", width=2), close * 1.01),
        "bands": (Band(upper, lower, fill=0x2962FF40, line="#2962FF", width=1),),
        "panels": (Panel(lines=(Line(momentum, color=0xFFFFFFFF),), histogram=momentum,
                         levels=(-2.0, 2.0), weight=0.3, title="MOM"),
                   Panel(lines=(series["volume"] / 1e4,), min=0, max=300)),
        "title": "candlewick",
    }


def rgba_of_palette(palette):
    """0xRRGGBBAA uint32 colours -> (n, 4) uint8 RGBA."""
    return np.stack([(palette >> shift) & 0xFF for shift in (24, 16, 8, 0)],
                    axis=1).astype(np.uint8)


# -- formats -----------------------------------------------------------------


def test_png_decodes_to_the_rgba_frame(chart, series):
    png = chart.render("png", **ohlcv(series), **extras(series))
    frame = chart.render("rgba", **ohlcv(series), **extras(series))
    assert isinstance(png, bytes)
    decoded, header = pngdecode.decode_rgba(png)
    assert (header["width"], header["height"]) == (WIDTH, HEIGHT)
    np.testing.assert_array_equal(decoded, frame)
    # The same as the first API when nothing extra is drawn.
    assert chart.render("png", **ohlcv(series)) == chart.render_png(**ohlcv(series))
    np.testing.assert_array_equal(chart.render(candlewick.Format.RGBA8, **ohlcv(series)),
                                  chart.render_rgba(**ohlcv(series)))


def test_extras_are_drawn(chart, series):
    plain = chart.render("rgba", **ohlcv(series))
    for key, value in extras(series).items():
        frame = chart.render("rgba", **ohlcv(series), **{key: value})
        assert not np.array_equal(frame, plain), key


@pytest.mark.parametrize("fmt", sorted(RAW_SHAPES))
def test_raw_frames_own_the_library_buffer(chart, series, fmt):
    gc.collect()
    before = lowlevel.live_frame_count()
    frame = chart.render(fmt, **ohlcv(series), **extras(series))
    assert frame.shape == RAW_SHAPES[fmt] and frame.dtype == np.uint8
    assert frame.flags.c_contiguous and not frame.flags.owndata
    assert not frame.flags.writeable
    assert type(frame_owner(frame)).__name__ == "Frame"
    assert lowlevel.live_frame_count() == before + 1
    del frame
    assert lowlevel.live_frame_count() == before


def test_rgb_is_the_rgba_frame_without_alpha(chart, series):
    rgba = chart.render("rgba", **ohlcv(series), **extras(series))
    rgb = chart.render("rgb", **ohlcv(series), **extras(series))
    np.testing.assert_array_equal(rgb, rgba[:, :, :3])
    assert (rgba[:, :, 3] == 255).all()


def test_indexed_frame_and_palette(chart, series):
    rgba = chart.render("rgba", **ohlcv(series), **extras(series))
    indexed = chart.render("indexed", **ohlcv(series), **extras(series))
    palette = chart.palette()
    assert palette.dtype == np.uint32 and palette.ndim == 1
    assert 2 <= len(palette) <= 256 and indexed.max() < len(palette)
    np.testing.assert_array_equal(rgba_of_palette(palette)[indexed], rgba)
    # The classic theme's background is black, opaque.
    assert palette[indexed[0, 0]] == 0x000000FF


def test_palette_follows_the_theme(series):
    with candlewick.Chart(WIDTH, HEIGHT, theme="light") as chart:
        indexed = chart.render("indexed", **ohlcv(series))
        assert chart.palette()[indexed[0, 0]] == 0xFFFFFFFF


def webp_info(data):
    """Checks the RIFF container and returns (chunk, width, height)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    (riff_size,) = struct.unpack("<I", data[4:8])
    assert riff_size == len(data) - 8
    chunk = data[12:16]
    (chunk_size,) = struct.unpack("<I", data[16:20])
    payload = data[20:20 + chunk_size]
    assert len(payload) == chunk_size
    if chunk == b"VP8L":
        assert payload[0] == 0x2F
        bits = int.from_bytes(payload[1:5], "little")
        return chunk, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        assert payload[3:6] == b"\x9d\x01\x2a"
        width, height = struct.unpack("<HH", payload[6:10])
        return chunk, width & 0x3FFF, height & 0x3FFF
    assert chunk == b"VP8X", chunk
    return (chunk, int.from_bytes(payload[4:7], "little") + 1,
            int.from_bytes(payload[7:10], "little") + 1)


def test_webp_lossless_and_lossy(chart, series):
    lossless = chart.render("webp", **ohlcv(series), **extras(series))
    assert webp_info(lossless) == (b"VP8L", WIDTH, HEIGHT)
    assert chart.render("webp-lossless", **ohlcv(series)) == chart.render("webp",
                                                                          **ohlcv(series))
    lossy = chart.render("webp-lossy", **ohlcv(series), **extras(series))
    chunk, width, height = webp_info(lossy)
    assert chunk in (b"VP8 ", b"VP8X") and (width, height) == (WIDTH, HEIGHT)


def test_webp_quality(chart, series):
    assert chart.webp_quality == 90
    chart.webp_quality = 5
    small = chart.render("webp-lossy", **ohlcv(series), **extras(series))
    chart.webp_quality = 100
    large = chart.render("webp-lossy", **ohlcv(series), **extras(series))
    assert chart.webp_quality == 100
    assert len(small) < len(large)
    for bad in (101, -1, float("nan"), float("inf")):
        with pytest.raises(CandlewickError) as info:
            chart.webp_quality = bad
        assert info.value.status == Status.INVALID_ARGUMENT
        assert chart.webp_quality == 100
    # The failed calls kept the quality: the same file as before.
    assert chart.render("webp-lossy", **ohlcv(series), **extras(series)) == large


def test_svg_parses(series):
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True) as chart:
        svg = chart.render("svg", **ohlcv(series), **extras(series))
    assert isinstance(svg, bytes)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == (str(WIDTH), str(HEIGHT))
    assert len(list(root.iter())) > 50
    texts = "".join(element.text or "" for element in root.iter()
                    if element.tag.endswith("text"))
    assert "candlewick" in texts and "MOM" in texts


def test_unicode_titles(series):
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True) as chart:
        svg = chart.render("svg", **ohlcv(series), title="Kurs \u20ac \u00e9t\u00e9")
    assert "Kurs \u20ac \u00e9t\u00e9" in svg.decode("utf-8")


# -- extras are borrowed in place --------------------------------------------


def strided_extras(series):
    """extras(series) with every array replaced by a strided view of equal
    values: columns of a row-major table, fields of a packed record."""
    contiguous = extras(series)
    arrays = [contiguous["overlays"][0].values, contiguous["overlays"][1],
              contiguous["bands"][0].upper, contiguous["bands"][0].lower,
              contiguous["panels"][0].lines[0].values, contiguous["panels"][0].histogram,
              contiguous["panels"][1].lines[0]]
    table = np.column_stack(arrays[:4])
    record = np.zeros(len(series["close"]), dtype=np.dtype(
        [("flag", "i1"), ("a", "<f8"), ("b", "<f8"), ("c", "<f8")], align=False))
    record["a"], record["b"], record["c"] = arrays[4:]
    assert not record["a"].flags.aligned and table[:, 0].strides == (32,)
    views = [table[:, 0], table[:, 1], table[:, 2], table[:, 3],
             record["a"], record["b"], record["c"]]
    for view, array in zip(views, arrays):
        np.testing.assert_array_equal(view, array)
        assert not view.flags.c_contiguous
    first, second = contiguous["panels"]
    return {
        "overlays": (Line(views[0], color="#FFA500", width=2), views[1]),
        "bands": (Band(views[2], views[3], fill=0x2962FF40, line="#2962FF", width=1),),
        "panels": (Panel(lines=(Line(views[4], color=0xFFFFFFFF),), histogram=views[5],
                         levels=first.levels, weight=first.weight, title=first.title),
                   Panel(lines=(views[6],), min=second.min, max=second.max)),
        "title": contiguous["title"],
    }


@pytest.mark.parametrize("fmt", ["rgba", "png", "svg"])
def test_strided_extras_render_like_contiguous_copies(chart, series, fmt):
    expected = chart.render(fmt, **ohlcv(series), **extras(series))
    got = chart.render(fmt, **ohlcv(series), **strided_extras(series))
    if fmt == "rgba":
        np.testing.assert_array_equal(got, expected)
    else:
        assert got == expected


def test_reversed_extras(chart, series):
    rows = len(series["close"])
    line = np.linspace(90.0, 110.0, rows)
    reversed_view = line[::-1]
    assert reversed_view.strides[0] < 0
    np.testing.assert_array_equal(
        chart.render("rgba", **ohlcv(series), overlays=(reversed_view,)),
        chart.render("rgba", **ohlcv(series), overlays=(np.ascontiguousarray(reversed_view),)))
    assert not np.array_equal(chart.render("rgba", **ohlcv(series), overlays=(reversed_view,)),
                              chart.render("rgba", **ohlcv(series), overlays=(line,)))


def test_a_panel_takes_one_bare_line_of_any_kind(chart, series):
    # lines= may be one line without a tuple.  A memoryview or array.array
    # (no __buffer__ before Python 3.12) was iterated as lines of one
    # number each: "must be an array ..., not float".
    import array

    close = series["close"]
    expected = chart.render("rgba", **ohlcv(series), panels=(Panel(lines=(close,)),))
    for one in (close, Line(close), memoryview(close), array.array("d", close)):
        np.testing.assert_array_equal(
            chart.render("rgba", **ohlcv(series), panels=(Panel(lines=one),)), expected)


def test_strided_extras_are_not_copied_in_python():
    rows = 200_000
    big = random_walk(rows, seed=4)
    table = np.column_stack([big["close"], big["high"], big["low"], big["close"]])
    kwargs = {"overlays": (table[:, 0],), "bands": (Band(table[:, 1], table[:, 2]),),
              "panels": (Panel(lines=(table[:, 3],), histogram=table[:, 3]),)}
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        chart.render("png", **ohlcv(big), **kwargs)  # warm up
        tracemalloc.start()
        try:
            png = chart.render("png", **ohlcv(big), **kwargs)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert png.startswith(pngdecode.SIGNATURE)
    assert peak < rows * 8 // 4, "traced peak %d bytes suggests a copy" % peak


def test_buffers_are_released_on_success_and_error(chart, series):
    # A Py_buffer holds a reference to its array: an unreleased view on any
    # path would show up as a growing reference count.
    good = extras(series)
    arrays = [good["overlays"][0].values, good["overlays"][1], good["bands"][0].upper,
              good["bands"][0].lower, good["panels"][0].lines[0].values,
              good["panels"][0].histogram, good["panels"][1].lines[0]]
    counts = [sys.getrefcount(array) for array in arrays]
    infinite = good["overlays"][1].copy()
    infinite[7] = np.inf
    for _ in range(100):
        chart.render("rgba", **ohlcv(series), **good)
        # Fails in the library, after every view was taken.
        with pytest.raises(CandlewickError):
            chart.render("png", **ohlcv(series), **dict(good, overlays=good["overlays"][:1] + (
                infinite,)))
        # Fails while taking views: the overlays and band are held when the
        # second panel's line is refused (below the Python layer, which
        # would convert the float32 line).
        extras_ = candlewick._extras(good["overlays"], good["bands"], good["panels"], None)
        panel = extras_[2][1]
        line = panel[1][0]
        refused = extras_[:2] + ((extras_[2][0], panel[:1] + (
            ((line[0].astype(np.float32),) + line[1:],),) + panel[2:]),) + extras_[3:]
        with pytest.raises(TypeError, match="panels.1..lines.0."):
            candlewick.lowlevel.render(chart._handle, tuple(series[name] for name in COLUMNS),
                                       refused, candlewick.Format.RGBA8)
        # Fails in a price column after the extras were converted.
        with pytest.raises(TypeError):
            chart.render("rgba", **dict(ohlcv(series), close=[1.0]), **good)
    del extras_, panel, line, refused
    assert [sys.getrefcount(array) for array in arrays] == counts


# -- errors ------------------------------------------------------------------


def render_error(chart, series, fmt="rgba", **kwargs):
    with pytest.raises(CandlewickError) as info:
        chart.render(fmt, **ohlcv(series), **kwargs)
    return info.value


@pytest.mark.parametrize("fmt", ["rgba", "png", "svg"])
def test_overlay_length_mismatch(chart, series, fmt):
    error = render_error(chart, series, fmt, overlays=(series["close"][:-1],))
    assert error.status == Status.LENGTH_MISMATCH == 6
    assert error.message


def test_other_length_mismatches(chart, series):
    close = series["close"]
    cases = [{"bands": (Band(close, close[:-3]),)},
             {"panels": (Panel(lines=(close[1:],)),)},
             {"panels": (Panel(histogram=np.append(close, 1.0)),)}]
    for case in cases:
        assert render_error(chart, series, **case).status == Status.LENGTH_MISMATCH, case


@pytest.mark.parametrize("where", ["overlay", "band", "panel"])
def test_infinite_values(chart, series, where):
    values = series["close"].copy()
    values[5] = -np.inf
    case = {"overlay": {"overlays": (values,)},
            "band": {"bands": (Band(series["high"], values),)},
            "panel": {"panels": (Panel(lines=(values,)),)}}[where]
    error = render_error(chart, series, **case)
    assert error.status == Status.NON_FINITE == 7


def test_nan_breaks_a_line_without_error(chart, series):
    values = series["close"].copy()
    values[10:20] = np.nan
    frame = chart.render("rgba", **ohlcv(series), overlays=(values,))
    assert not np.array_equal(frame, chart.render("rgba", **ohlcv(series),
                                                  overlays=(series["close"],)))


def test_too_many_panels(chart, series):
    panels = tuple(Panel(lines=(series["close"],)) for _ in range(candlewick.MAX_PANELS + 1))
    assert render_error(chart, series, panels=panels).status == Status.INVALID_ARGUMENT == 2
    with candlewick.Chart(WIDTH, 400) as tall:
        tall.render("rgba", **ohlcv(series), panels=panels[:candlewick.MAX_PANELS])


def test_panel_weight_must_be_positive(chart, series):
    error = render_error(chart, series, panels=(Panel(lines=(series["close"],), weight=0),))
    assert error.status == Status.INVALID_ARGUMENT


def test_indexed_needs_a_crisp_chart(series):
    with candlewick.Chart(WIDTH, HEIGHT, antialias=True) as chart:
        error = render_error(chart, series, "indexed")
        assert error.status == Status.INVALID_ARGUMENT == 2
        assert chart.render("rgba", **ohlcv(series)).shape == RAW_SHAPES["rgba"]


def test_unknown_formats(chart, series):
    with pytest.raises(ValueError, match="unknown format"):
        chart.render("jpeg", **ohlcv(series))
    assert render_error(chart, series, 99).status == Status.INVALID_ARGUMENT
    assert render_error(chart, series, 2**40).status == Status.INVALID_ARGUMENT


def test_invalid_series_through_render(chart, series):
    bad = dict(ohlcv(series), high=series["low"] - 1.0)
    with pytest.raises(CandlewickError) as info:
        chart.render("png", **bad, overlays=(series["close"],))
    assert info.value.status == Status.INCONSISTENT_OHLC


@pytest.mark.parametrize("kwargs, error", [
    ({"overlays": ([1.0, 2.0],)}, TypeError),                       # a list: never converted
    ({"overlays": (Line(None),)}, TypeError),
    ({"overlays": (Band(np.zeros(3), np.zeros(3)),)}, TypeError),
    ({"bands": (np.zeros(3),)}, TypeError),
    ({"panels": ((np.zeros(3),),)}, TypeError),
    ({"panels": (Panel(levels=("x",)),)}, ValueError),
    ({"title": b"bytes"}, TypeError),
    ({"title": "nul\0inside"}, ValueError),
    ({"overlays": (Line(np.zeros((3, 3))),)}, ValueError),         # 2-D
    ({"overlays": (Line(np.zeros(3), color="#12345"),)}, ValueError),
    ({"panels": (Panel(histogram=np.zeros(3, bool)),)}, TypeError),
    ({"overlays": (np.array(["1", "2"]),)}, TypeError),              # strings
])
def test_arguments_that_cannot_be_used(chart, series, kwargs, error):
    with pytest.raises(error):
        chart.render("rgba", **ohlcv(series), **kwargs)
    chart.render("rgba", **ohlcv(series))  # the chart still works


def test_extras_of_other_dtypes_are_converted(chart, series):
    good = extras(series)
    values = good["overlays"][0].values
    line32 = Line(values.astype(np.float32), color="#FFA500", width=2)
    line64 = Line(values.astype(np.float32).astype(np.float64), color="#FFA500", width=2)
    with pytest.warns(candlewick.ConversionWarning, match=r"overlays\[0\]"):
        converted = chart.render("rgba", **ohlcv(series),
                                 **dict(good, overlays=(line32, good["overlays"][1])))
    expected = chart.render("rgba", **ohlcv(series),
                            **dict(good, overlays=(line64, good["overlays"][1])))
    np.testing.assert_array_equal(converted, expected)


def test_closed_chart(series):
    chart = candlewick.Chart(WIDTH, HEIGHT)
    chart.close()
    for use in (lambda: chart.render("png", **ohlcv(series)), chart.palette,
                lambda: setattr(chart, "webp_quality", 50)):
        with pytest.raises(candlewick.ChartClosedError):
            use()


# -- layout options and fonts ------------------------------------------------


def test_layout_defaults():
    with candlewick.Chart(WIDTH, HEIGHT) as chart:
        layout = chart.layout
    assert layout == pytest.approx({"price_weight": 0.7, "volume_weight": 0.3, "panel_gap": 1,
                                    "margin": 0, "line_width": 1.5, "box_size": 0.0,
                                    "reversal": 3, "label_size": 11})


@pytest.mark.parametrize("kwargs, base", [
    ({"price_weight": 0.5}, {}),
    ({"volume_weight": 0.6}, {}),
    ({"panel_gap": 6}, {}),
    ({"margin": 10}, {}),
    ({"line_width": 4.0}, {"chart_type": "line"}),
    ({"box_size": 0.5}, {"chart_type": "renko"}),
    ({"reversal": 1}, {"chart_type": "point_figure"}),
    ({"label_size": 16}, {"show_axes": True}),
])
def test_layout_options_change_the_frame(series, kwargs, base):
    with candlewick.Chart(WIDTH, HEIGHT, **base) as reference:
        expected = reference.render("rgba", **ohlcv(series))
    with candlewick.Chart(WIDTH, HEIGHT, **base, **kwargs) as chart:
        assert chart.layout == pytest.approx(dict(chart.layout, **kwargs))
        assert not np.array_equal(chart.render("rgba", **ohlcv(series)), expected)


@pytest.mark.parametrize("kwargs", [
    {"price_weight": 0}, {"volume_weight": -1}, {"price_weight": float("nan")},
    {"price_weight": 1e39}, {"panel_gap": -1}, {"margin": -1}, {"margin": WIDTH},
    {"line_width": 0.1}, {"line_width": 100}, {"box_size": -1}, {"box_size": float("inf")},
    {"reversal": 0}, {"label_size": 3}, {"label_size": 2**40},
])
def test_layout_options_out_of_range(kwargs):
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(WIDTH, HEIGHT, **kwargs)
    assert info.value.status == Status.INVALID_ARGUMENT
    name = next(iter(kwargs))
    assert name in info.value.message


def test_layout_option_types():
    with pytest.raises(TypeError):
        candlewick.Chart(WIDTH, HEIGHT, margin=1.5)
    with pytest.raises((TypeError, ValueError)):
        candlewick.Chart(WIDTH, HEIGHT, line_width="wide")


def test_custom_font(series):
    with open(FONT, "rb") as f:
        font = f.read()
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True) as default:
        expected = default.render("rgba", **ohlcv(series), title="Font 123")
        assert not default.custom_font
    for wrap in (bytes, bytearray, memoryview):
        data = wrap(font)
        chart = candlewick.Chart(WIDTH, HEIGHT, show_axes=True, font=data)
        # The library copied the bytes: the caller's object may change or go.
        if wrap is bytearray:
            data[:] = b"\0" * len(data)
        del data
        gc.collect()
        with chart:
            assert chart.custom_font
            frame = chart.render("rgba", **ohlcv(series), title="Font 123")
            png = chart.render("png", **ohlcv(series), title="Font 123")
        assert not np.array_equal(frame, expected)
        np.testing.assert_array_equal(pngdecode.decode_rgba(png)[0], frame)


@pytest.mark.parametrize("font", [b"", b"not a font at all", b"\0\1\0\0" + b"\0" * 64])
def test_bad_font_bytes(font):
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(WIDTH, HEIGHT, show_axes=True, font=font)
    assert info.value.status == Status.INVALID_ARGUMENT == 2
    assert "font" in info.value.message


def test_font_must_be_bytes():
    with pytest.raises(TypeError, match="font"):
        candlewick.Chart(WIDTH, HEIGHT, font="DejaVuSans.ttf")
    # A buffer in pieces (a strided view) was "not memoryview" / "not
    # numpy.ndarray": the message names what is wrong.
    with open(FONT, "rb") as f:
        font = f.read()
    for strided in (memoryview(font)[::2], np.frombuffer(font, np.uint8)[::2]):
        with pytest.raises(TypeError, match="not contiguous"):
            candlewick.Chart(WIDTH, HEIGHT, font=strided)
        with pytest.raises(TypeError, match="not contiguous"):
            candlewick.Renderer(font=strided)


if __name__ == "__main__":
    runner.main(__file__)
