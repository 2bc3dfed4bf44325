"""Every error path of the binding: library statuses become CandlewickError
with the right status and message; what is not a column is TypeError /
ValueError, other dtypes and layouts are converted to exactly what the
library reads; no error leaks a buffer view or breaks the chart."""

import sys

import numpy as np
import pytest

import candlewick
from candlewick import CandlewickError, Status
from candlewick_testing import runner
from candlewick_testing.fixtures import chart_fixture, series_fixture
from candlewick_testing.series import COLUMNS, ohlcv

WIDTH, HEIGHT = 160, 120


series = series_fixture(40, seed=11)


chart = chart_fixture(WIDTH, HEIGHT)


def render_png(chart, **columns):
    return chart.render_png(**columns)


def render_rgba(chart, **columns):
    return chart.render_rgba(**columns)


def render_into(chart, **columns):
    return chart.render_rgba_into(np.zeros(chart.frame_shape, np.uint8), **columns)


RENDERERS = [render_png, render_rgba, render_into]


def with_value(series, column, row, value):
    changed = dict(series)
    changed[column] = series[column].copy()
    changed[column][row] = value
    return changed


# Each case: a function of a valid series giving an invalid one, the status,
# and a fragment of the library's message.
INVALID_SERIES = {
    "nan_open": (lambda s: with_value(s, "open", 3, np.nan), Status.NON_FINITE, "row 3"),
    "inf_close": (lambda s: with_value(s, "close", 5, np.inf), Status.NON_FINITE, "row 5"),
    "nan_volume": (lambda s: with_value(s, "volume", 2, np.nan), Status.NON_FINITE, "volume"),
    "high_below_low": (lambda s: with_value(s, "high", 4, s["low"][4] - 1.0),
                       Status.INCONSISTENT_OHLC, "row 4"),
    "open_above_high": (lambda s: with_value(s, "open", 6, s["high"][6] + 1.0),
                        Status.INCONSISTENT_OHLC, "row 6"),
    "short_close": (lambda s: dict(s, close=s["close"][:-1]), Status.LENGTH_MISMATCH, "rows"),
    "short_volume": (lambda s: dict(s, volume=s["volume"][:-2]), Status.LENGTH_MISMATCH,
                     "volume"),
    "long_time": (lambda s: dict(s, time=np.arange(len(s["close"]) + 1, dtype=np.int64)),
                  Status.LENGTH_MISMATCH, "time"),
    "empty": (lambda s: {name: s[name][:0] for name in COLUMNS}, Status.EMPTY_SERIES, "no rows"),
    "negative_volume": (lambda s: with_value(s, "volume", 1, -5.0), Status.NEGATIVE_VOLUME,
                        "row 1"),
    "missing_close": (lambda s: dict(s, close=None), Status.NULL_ARGUMENT, "close"),
}


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("case", sorted(INVALID_SERIES))
def test_invalid_series_raises_candlewick_error(chart, series, render, case):
    make, status, fragment = INVALID_SERIES[case]
    with pytest.raises(CandlewickError) as info:
        render(chart, **ohlcv(make(series)))
    error = info.value
    assert error.status == status
    assert isinstance(error.status, Status)
    assert error.status_text == candlewick.status_string(status)
    assert fragment in error.message
    assert error.status_text in str(error) and error.message in str(error)
    # The chart is still usable, and the message does not go stale.
    assert render_png(chart, **ohlcv(series)).startswith(b"\x89PNG")


def test_failed_render_into_leaves_the_buffer_untouched(chart, series):
    out = np.full(chart.frame_shape, 42, dtype=np.uint8)
    with pytest.raises(CandlewickError) as info:
        chart.render_rgba_into(out, **ohlcv(with_value(series, "low", 0, np.nan)))
    assert info.value.status == Status.NON_FINITE
    assert (out == 42).all()


@pytest.mark.parametrize("size", [(5, 600), (600, 5), (15, 16), (16385, 100), (100, 16385),
                                  (-1, 600), (2**40, 600), (0, 0)])
def test_bad_size(size):
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(*size)
    assert info.value.status == Status.SIZE_OUT_OF_RANGE == 4
    assert "[16, 16384]" in info.value.message


def test_size_limits_are_inclusive():
    for width, height in [(16, 16), (16384, 16), (16, 16384)]:
        with candlewick.Chart(width, height) as chart:
            assert chart.frame_shape == (height, width, 4)


def test_size_must_be_an_integer():
    with pytest.raises(TypeError):
        candlewick.Chart(800.0, 600)


def test_unknown_theme_and_preset():
    with pytest.raises(ValueError, match="classic"):
        candlewick.Chart(theme="solarized")
    with pytest.raises(ValueError, match="balanced"):
        candlewick.Chart(png_preset="tiny")
    with pytest.raises(ValueError, match="heikin_ashi"):
        candlewick.Chart(chart_type="kagi")
    # Numbers go to the library, which reports them.
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(theme=99)
    assert info.value.status == Status.INVALID_ARGUMENT
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(png_preset=7)
    assert info.value.status == Status.INVALID_ARGUMENT
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(theme=2**40)
    assert info.value.status == Status.INVALID_ARGUMENT
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(chart_type=len(candlewick.ChartType))
    assert info.value.status == Status.INVALID_ARGUMENT


def test_custom_colors_must_be_complete_well_formed_and_opaque():
    colors = {"background": "#102030", "up": 0x00FF00FF, "down": "#ff0000ff", "grid": "333333",
              "text": "#ffffff", "axis": "#808080"}
    with pytest.raises(ValueError, match="missing"):
        candlewick.Chart(colors={"background": "#000000"})
    with pytest.raises(ValueError, match="unknown"):
        candlewick.Chart(colors=dict(colors, label="#ffffff"))
    with pytest.raises(ValueError, match="RRGGBB"):
        candlewick.Chart(colors=dict(colors, up="#12345"))
    # What int(x, 16) would take besides hex digits: a prefix, a sign,
    # underscores, blanks (each used to pass as another colour).
    for bad in ("0x1234", "#0x1234", "+12345", "-12345", "1_2_3_", " 12345", "12345 \n",
                "\uff11\uff12\uff13\uff14\uff15\uff16"):
        with pytest.raises(ValueError, match="RRGGBB"):
            candlewick.Chart(colors=dict(colors, up=bad))
        with pytest.raises(ValueError, match="RRGGBB"):
            candlewick._extras((candlewick.Line(np.zeros(3), color=bad),), (), (), None)
    with pytest.raises(ValueError, match="32-bit"):
        candlewick.Chart(colors=dict(colors, up=2**32))
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(colors=dict(colors, grid="#33333380"))
    assert info.value.status == Status.INVALID_ARGUMENT


# -- Columns that are not columns ----------------------------------------------

REFUSED_COLUMNS = {
    "object_high": ("high", lambda s: s["high"].astype(object), TypeError, "object"),
    "list_low": ("low", lambda s: s["low"].tolist(), TypeError, "list"),
    "bool_close": ("close", lambda s: s["close"] > 100, TypeError, "bool"),
    "complex_close": ("close", lambda s: s["close"].astype(complex), TypeError, "complex"),
    "datetime_close": ("close", lambda s: s["time"].astype("datetime64[s]"), TypeError,
                       "datetime"),
    "float64_time": ("time", lambda s: s["time"].astype(np.float64), TypeError, "float"),
    "nat_time": ("time", lambda s: np.where(np.arange(len(s["time"])) == 3,
                                            np.datetime64("NaT"),
                                            s["time"].astype("datetime64[s]")),
                 ValueError, "NaT at row 3"),
    "2d_open": ("open", lambda s: np.stack([s["open"], s["open"]], axis=1), ValueError,
                "one-dimensional"),
    "string_close": ("close", lambda s: "1,2,3", TypeError, "str"),
    "bytes_close": ("close", lambda s: b"12345678", TypeError, "bytes"),
    "masked_time": ("time", lambda s: np.ma.masked_array(s["time"], mask=np.arange(
        len(s["time"])) == 2), ValueError, "1 masked values"),
}


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("case", sorted(REFUSED_COLUMNS))
def test_columns_that_are_not_columns_are_refused(chart, series, render, case):
    column, make, error, fragment = REFUSED_COLUMNS[case]
    with pytest.raises(error) as info:
        render(chart, **dict(ohlcv(series), **{column: make(series)}))
    assert not isinstance(info.value, CandlewickError)
    assert "'%s'" % column in str(info.value)
    assert fragment in str(info.value)


# -- Columns converted before the call -------------------------------------------

# Each: the column and a function of the series giving the same values in a
# layout or dtype the library cannot read in place.
CONVERTED_COLUMNS = {
    "float32_open": ("open", lambda s: s["open"].astype(np.float32)),
    "int64_volume": ("volume", lambda s: s["volume"].astype(np.int64)),  # read_csv's
    "uint32_volume": ("volume", lambda s: s["volume"].astype(np.uint32)),
    "big_endian_volume": ("volume", lambda s: s["volume"].astype(">f8")),
    "broadcast_volume": ("volume", lambda s: np.broadcast_to(np.float64(1.0), s["volume"].shape)),
    "uint64_time": ("time", lambda s: s["time"].astype(np.uint64)),
    "int32_time": ("time", lambda s: s["time"].astype(np.int32)),
    "datetime64_ms_time": ("time", lambda s: s["time"].astype("datetime64[ms]") +
                           np.timedelta64(999, "ms")),
    "datetime64_ns_time": ("time", lambda s: s["time"].astype("datetime64[ns]")),
    "masked_volume": ("volume", lambda s: np.ma.masked_array(s["volume"].astype(np.float32),
                                                             mask=np.zeros(len(s["volume"])))),
}


def canonical(column, values):
    """The float64 (or int64 seconds) column the library reads in place."""
    if column == "time":
        if values.dtype.kind == "M":
            return values.astype("datetime64[s]").astype(np.int64)
        return values.astype(np.int64)
    return np.ascontiguousarray(values, dtype=np.float64)


@pytest.mark.parametrize("render", [render_png, render_rgba])
@pytest.mark.parametrize("case", sorted(CONVERTED_COLUMNS))
def test_other_dtypes_and_layouts_are_converted(chart, series, render, case):
    column, make = CONVERTED_COLUMNS[case]
    values = make(series)
    with pytest.warns(candlewick.ConversionWarning, match="'%s'" % column):
        converted = render(chart, **dict(ohlcv(series), **{column: values}))
    expected = render(chart, **dict(ohlcv(series), **{column: canonical(column, values)}))
    np.testing.assert_array_equal(np.asarray(converted), np.asarray(expected))


@pytest.mark.parametrize("beyond", [0, 1, 5, 1000, 2**63 - 1])
def test_uint64_times_beyond_int64_are_refused(chart, series, beyond):
    # Just past int64 used to pass the check (made in float64) and wrap to
    # negative times.
    times = series["time"].astype(np.uint64)
    times[-1] = np.uint64(2**63) + np.uint64(beyond)
    with pytest.raises(ValueError, match="beyond int64"):
        chart.render_png(**dict(ohlcv(series), time=times))
    times[-1] = np.uint64(2**63 - 1)  # the largest int64 is a time
    chart.render_png(**dict(ohlcv(series), time=times))


def _render_with(**extras):
    def render(chart, series):
        return chart.render("png", **ohlcv(series), **extras)
    return render


# Text the library takes as C strings, each with a NUL or a lone surrogate
# (os.fsdecode's form of undecodable bytes): INVALID_ARGUMENT naming the
# argument.  A surrogate used to be SWIG's "TypeError: in method
# 'chart_create', argument 3 of type 'char const *'" (time zone, prometheus
# prefix, indicator name) or a UnicodeEncodeError naming nothing; a NUL in
# a title "ValueError: embedded null character".
BAD_TEXT = {
    "time_zone": lambda chart, series, bad: candlewick.Chart(64, 48, time_zone=bad),
    "job_time_zone": lambda chart, series, bad: candlewick.RenderJob("png", time_zone=bad),
    "title": lambda chart, series, bad: _render_with(title=bad)(chart, series),
    "panel_title": lambda chart, series, bad: _render_with(panels=[candlewick.Panel(
        lines=[series["close"]], title=bad)])(chart, series),
    "line_name": lambda chart, series, bad: _render_with(overlays=[candlewick.Line(
        series["close"], name=bad)])(chart, series),
    "band_name": lambda chart, series, bad: _render_with(bands=[candlewick.Band(
        series["high"], series["low"], name=bad)])(chart, series),
    "stats_label": lambda chart, series, bad: candlewick.Stats(labels=("ok", "x" + bad)),
    "prometheus_prefix": lambda chart, series, bad: candlewick.Stats().prometheus("p" + bad),
    "indicator_name": lambda chart, series, bad: candlewick.indicators.compute(
        "sma" + bad, series["close"]),
}


@pytest.mark.parametrize("bad", ["a\0b", "\udcff", "UTC\ud800x"], ids=["nul", "low", "high"])
@pytest.mark.parametrize("case", sorted(BAD_TEXT))
def test_text_that_cannot_be_c_text_is_invalid_argument(chart, series, case, bad):
    with pytest.raises(CandlewickError) as info:
        BAD_TEXT[case](chart, series, bad)
    assert info.value.status == Status.INVALID_ARGUMENT
    # A bad str value is a ValueError too (an unknown indicator name is not).
    assert isinstance(info.value, ValueError) == (case != "indicator_name")


def _render(**kwargs):
    c = np.linspace(100.0, 101.0, 30)
    with candlewick.Chart(64, 48) as chart:
        return chart.render(kwargs.pop("format", "png"), open=c, high=c + 1, low=c - 1,
                            close=c, **kwargs)


# An argument of the wrong type is a TypeError that names it: operator.index
# and float() said "'NoneType' object cannot be interpreted as an integer" /
# "float() argument must be a string or a real number", naming nothing.
WRONG_TYPES = {
    "theme": (lambda: candlewick.Chart(theme=None), "theme must be"),
    "width": (lambda: candlewick.Chart(width=None), "width must be"),
    "height": (lambda: candlewick.Chart(height=2.5), "height must be"),
    "margin": (lambda: candlewick.Chart(margin=1.5), "margin must be"),
    "price_weight": (lambda: candlewick.Chart(price_weight=[1]), "price_weight must be"),
    "colour": (lambda: candlewick.Chart(colors=dict(
        background=None, up=1, down=1, grid=1, text=1, axis=1)), "colour 'background' must be"),
    "format": (lambda: _render(format=None), "format must be"),
    "line_width": (lambda: _render(overlays=[candlewick.Line(np.zeros(30), width=None)]),
                   r"overlays\[0\].width must be"),
    "panel_min": (lambda: _render(panels=[candlewick.Panel(min=None)]),
                  r"panels\[0\].min must be"),
    "panel_level": (lambda: _render(panels=[candlewick.Panel(levels=(None,))]),
                    r"panels\[0\].levels\[0\] must be"),
    "webp_quality": (lambda: setattr(candlewick.Chart(64, 48), "webp_quality", None),
                     "webp_quality must be"),
    "job_quality": (lambda: candlewick.RenderJob(webp_quality=None), "webp_quality must be"),
    "threads": (lambda: candlewick.Renderer(threads="2"), "threads must be"),
    "cache": (lambda: candlewick.Renderer(max_cache_bytes=1.5), "max_cache_bytes must be"),
    "method": (lambda: candlewick.bars.from_ticks(None, price=np.ones(3)), "method must be"),
    "tick_count": (lambda: candlewick.bars.from_ticks("tick", price=np.ones(3),
                                                      tick_count=None), "tick_count must be"),
    "empty": (lambda: candlewick.bars.from_ticks("time", price=np.ones(3), empty=None),
              "empty must be"),
    "capacity": (lambda: candlewick.Stats(capacity=1.5), "capacity must be"),
    "kind": (lambda: candlewick.Stats().record(None, 0.1), "kind must be"),
    "items": (lambda: candlewick.Stats().record("render", 0.1, items=None), "items must be"),
    "indicator": (lambda: candlewick.indicators.compute(None, np.ones(3)), "indicator must be"),
    # These were AttributeError / IndexError.
    "indicator_context": (lambda: candlewick.indicators.compute("sma", np.ones(40), context=5),
                          "context must be a candlewick.indicators.Context, not int"),
    "bar_context": (lambda: candlewick.bars.from_ticks("tick", price=np.ones(3),
                                                       context=candlewick.indicators.Context()),
                    "context must be a candlewick.bars.Context, not Context"),
    "source": (lambda: candlewick.indicators.compute("sma", {"close": np.ones(40)}, source=0),
               "source must be"),
    "plot_format": (lambda: candlewick.plot(_table(), format=1), "format must be"),
    "plot_figsize": (lambda: candlewick.plot(_table(), figsize=3), "figsize must be"),
}


def _table():
    c = np.linspace(100.0, 101.0, 30)
    return {"open": c, "high": c + 1, "low": c - 1, "close": c}


# Integers beyond any double: OverflowError "int too large to convert to
# float", naming nothing.
TOO_LARGE = {
    "price_weight": lambda: candlewick.Chart(price_weight=10**400),
    "line_width": lambda: _render(overlays=[candlewick.Line(np.zeros(30), width=10**400)]),
    "panel_max": lambda: _render(panels=[candlewick.Panel(max=-10**400)]),
    "job_quality": lambda: candlewick.RenderJob(webp_quality=10**400),
    "retention": lambda: candlewick.Stats(retention_seconds=10**400),
    "duration": lambda: candlewick.Stats().record("render", 10**400),
    "box_size": lambda: candlewick.bars.from_ticks("renko", price=np.ones(3), box_size=10**400),
}


@pytest.mark.parametrize("case", sorted(TOO_LARGE))
def test_integers_beyond_a_double_are_invalid_argument(case):
    with pytest.raises(CandlewickError) as info:
        TOO_LARGE[case]()
    assert info.value.status == Status.INVALID_ARGUMENT


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_arguments_of_the_wrong_type_are_named(case):
    call, match = WRONG_TYPES[case]
    with pytest.raises(TypeError, match=match):
        call()


def test_stats_labels_must_be_text():
    with pytest.raises(TypeError, match=r"labels\[1\] must be a str"):
        candlewick.Stats(labels=("ok", 1))


def test_masked_prices_are_gaps(chart, series):
    mask = np.arange(len(series["close"])) == 5
    with pytest.warns(candlewick.ConversionWarning, match="masked"):
        with pytest.raises(CandlewickError) as info:
            chart.render_png(**dict(ohlcv(series), close=np.ma.masked_array(series["close"],
                                                                             mask=mask)))
    assert info.value.status == Status.NON_FINITE and "row 5" in info.value.message
    # Without masked values a masked array is read in place.
    unmasked = np.ma.masked_array(series["close"], mask=np.zeros_like(mask))
    assert chart.render_png(**dict(ohlcv(series), close=unmasked)) == chart.render_png(
        **ohlcv(series))


@pytest.mark.parametrize("case", sorted(CONVERTED_COLUMNS))
def test_conversions_can_be_forbidden(chart, series, case):
    column, make = CONVERTED_COLUMNS[case]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", candlewick.ConversionWarning)
        with pytest.raises(candlewick.ConversionWarning):
            chart.render_png(**dict(ohlcv(series), **{column: make(series)}))
        chart.render_png(**ohlcv(series))  # float64 and int64: no conversion, no error


def test_single_row_broadcast_is_fine(chart, series):
    # Stride 0 is only ambiguous beyond one row.
    one = {name: series[name][:1] for name in COLUMNS}
    one["volume"] = np.broadcast_to(np.float64(3.0), (1,))
    assert chart.render_png(**one).startswith(b"\x89PNG")


# -- Output arrays ----------------------------------------------------------


@pytest.mark.parametrize("make_out, error", [
    (lambda shape: np.zeros(shape, np.float32), TypeError),
    (lambda shape: np.zeros(shape, np.uint8)[..., :3], ValueError),
    (lambda shape: np.zeros((shape[0] + 1,) + shape[1:], np.uint8), ValueError),
    (lambda shape: np.zeros(shape, np.uint8, order="F"), ValueError),
    (lambda shape: np.zeros(shape, np.uint8)[::-1], ValueError),
    (lambda shape: np.zeros(shape, np.uint8)[:, :, ::-1], ValueError),
    (lambda shape: np.zeros(shape[0] * shape[1] * 4, np.uint8), ValueError),
    (lambda shape: bytes(shape[0] * shape[1] * 4), TypeError),
    (lambda shape: [[0] * 4] * shape[1], TypeError),
])
def test_bad_output_arrays(chart, series, make_out, error):
    with pytest.raises(error):
        chart.render_rgba_into(make_out(chart.frame_shape), **ohlcv(series))


def test_read_only_output_array(chart, series):
    out = np.zeros(chart.frame_shape, np.uint8)
    out.flags.writeable = False
    with pytest.raises(TypeError, match="writable"):
        chart.render_rgba_into(out, **ohlcv(series))
    assert (out == 0).all()


def test_lowlevel_checks_the_frame_size_itself(chart, series):
    # Below the Python layer's shape check, the C API still refuses a frame
    # too small for the chart instead of writing past it.
    small = np.zeros((HEIGHT, WIDTH // 2, 4), np.uint8)
    series_tuple = tuple(series[name] for name in COLUMNS)
    status = candlewick.lowlevel.cw_chart_render_rgba(chart._handle, series_tuple, small)
    assert status == Status.BUFFER_TOO_SMALL
    assert (small == 0).all()


# -- Errors release what they borrowed --------------------------------------


def test_errors_release_every_buffer_view(chart, series):
    # A Py_buffer holds a reference to its array: a view left unreleased on
    # some error path would show up as a growing reference count.
    columns = ohlcv(series)
    counts = {name: sys.getrefcount(array) for name, array in columns.items()}
    nan_close = with_value(series, "close", 0, np.nan)["close"]
    for _ in range(200):
        # Fails in the library after every view was taken.
        with pytest.raises(CandlewickError):
            chart.render_png(**dict(columns, close=nan_close))
        with pytest.raises(CandlewickError):
            chart.render_rgba(**dict(columns, close=nan_close))
        # Fails while taking views: time..low are held when volume fails
        # (below the Python layer, which would convert the float32 column).
        with pytest.raises(TypeError):
            candlewick.lowlevel.render_rgba_array(chart._handle, tuple(
                columns[name].astype(np.float32) if name == "volume" else columns[name]
                for name in COLUMNS))
        # Fails on the output array after the series was taken.
        with pytest.raises(ValueError):
            chart.render_rgba_into(np.zeros(chart.frame_shape, np.uint8)[::-1], **columns)
        chart.render_rgba_into(np.zeros(chart.frame_shape, np.uint8), **columns)
    assert {name: sys.getrefcount(array) for name, array in columns.items()} == counts


def test_error_is_picklable():
    import pickle

    error = CandlewickError(Status.NON_FINITE, "row 3: bad")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.status, copy.message, str(copy)) == (error.status, error.message, str(error))
    closed = pickle.loads(pickle.dumps(candlewick.ChartClosedError()))
    assert isinstance(closed, candlewick.ChartClosedError) and closed.status == Status.NULL_ARGUMENT


def test_unknown_status_number_is_kept():
    error = CandlewickError(999, "from a newer library")
    assert error.status == 999 and not isinstance(error.status, Status)
    assert error.status_text == "unknown status"


if __name__ == "__main__":
    runner.main(__file__)
