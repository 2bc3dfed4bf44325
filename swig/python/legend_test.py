"""The time axis's zone and the legend's names: the golden charts of
tests/golden_cases.cc that use them, byte for byte through Chart, Renderer
and a batch; a bad zone or name; what names change in the frame."""

import numpy as np
import pytest

import candlewick
from candlewick import Band, CandlewickError, Line, Panel, Status
from candlewick_testing import golden, pngdecode, runner
from candlewick_testing.series import ohlcv, random_walk

GOLDEN = sorted(golden.CASES)
BAD_ZONE = "America/New_Yrok"


def golden_frame(name):
    png = golden.golden_png(name)
    if png is None:
        pytest.skip("tests/golden/%s.png is not here (set CANDLEWICK_GOLDEN_DIR)" % name)
    return pngdecode.decode_rgba(png)[0]


@pytest.mark.parametrize("name", GOLDEN)
def test_chart_matches_the_c_golden(name):
    want = golden_frame(name)
    options = golden.chart_options(name)
    with candlewick.Chart(**options) as chart:
        assert chart.time_zone == options.get("time_zone")
        np.testing.assert_array_equal(chart.render("rgba", **golden.render_data(name)), want)


@pytest.mark.parametrize("name", GOLDEN)
def test_renderer_and_batch_match_the_c_golden(name):
    want = golden_frame(name)
    job = candlewick.RenderJob("rgba", **golden.chart_options(name), **golden.render_data(name))
    with candlewick.Renderer() as renderer:
        np.testing.assert_array_equal(renderer.render(job), want)
        utc = candlewick.RenderJob("rgba", **dict(golden.chart_options(name), time_zone=None),
                                   **golden.render_data(name))
        # Twice each: the renderer's cache keys its charts by the zone's name.
        results = renderer.render_batch([job, utc, job, utc], threads=1)
    np.testing.assert_array_equal(results[0], want)
    np.testing.assert_array_equal(results[2], want)
    np.testing.assert_array_equal(results[1], results[3])
    assert np.array_equal(results[1], want) == (golden.chart_options(name).get("time_zone")
                                                is None)


def test_the_zone_moves_the_time_labels():
    data = golden.render_data("time_intraday_ny_light")
    options = golden.chart_options("time_intraday_ny_light")
    frames = []
    for zone in ("America/New_York", None, "", "UTC"):
        with candlewick.Chart(**dict(options, time_zone=zone)) as chart:
            frames.append(chart.render("rgba", **data))
    assert not np.array_equal(frames[0], frames[1])
    np.testing.assert_array_equal(frames[1], frames[2])  # "" is UTC
    np.testing.assert_array_equal(frames[1], frames[3])


def test_a_bad_zone_is_invalid_argument_with_the_library_message():
    with pytest.raises(CandlewickError) as info:
        candlewick.Chart(320, 200, time_zone=BAD_ZONE)
    assert info.value.status == Status.INVALID_ARGUMENT
    assert BAD_ZONE in info.value.message
    series = random_walk(40, seed=3)
    with candlewick.Renderer() as renderer:
        with pytest.raises(CandlewickError) as info:
            renderer.render("png", time_zone=BAD_ZONE, **ohlcv(series))
        assert info.value.status == Status.INVALID_ARGUMENT
        assert BAD_ZONE in info.value.message
        good, bad = renderer.render_batch([
            candlewick.RenderJob("png", **ohlcv(series)),
            candlewick.RenderJob("png", time_zone=BAD_ZONE, **ohlcv(series))])
    assert isinstance(good, bytes)
    assert bad.status == Status.INVALID_ARGUMENT and BAD_ZONE in bad.message


@pytest.mark.parametrize("make", [
    lambda: candlewick.Chart(320, 200, time_zone="America/New\0York"),
    lambda: candlewick.RenderJob("png", time_zone="UTC\0"),
])
def test_a_zone_with_a_nul_is_invalid_argument(make):
    with pytest.raises(CandlewickError) as info:
        make()
    assert info.value.status == Status.INVALID_ARGUMENT and "NUL" in info.value.message


def test_a_zone_must_be_text():
    with pytest.raises(TypeError, match="time_zone"):
        candlewick.Chart(320, 200, time_zone=b"UTC")


def _named(data, overlay_name, band_name):
    """`data` with its SMA and band renamed (None: unnamed)."""
    (sma,), (band,) = data["overlays"], data["bands"]
    return dict(data, overlays=[Line(sma.values, sma.color, sma.width, overlay_name)],
                bands=[Band(band.upper, band.lower, band.fill, band.line, band.width,
                            band_name)])


def test_names_draw_the_legend_and_empty_names_leave_rows_out():
    name = "time_daily_3m_light"
    named = golden.render_data(name)
    unnamed = golden.render_data(name, names=False)
    with candlewick.Chart(**golden.chart_options(name)) as chart:
        frame = chart.render("rgba", **named)
        bare = chart.render("rgba", **unnamed)
        assert not np.array_equal(frame, bare)
        np.testing.assert_array_equal(chart.render("rgba", **_named(named, "", "")), bare)
        # One row left out: the frame with the other name alone.
        sma_only = chart.render("rgba", **_named(named, "SMA 20", None))
        np.testing.assert_array_equal(chart.render("rgba", **_named(named, "SMA 20", "")),
                                      sma_only)
        assert not np.array_equal(sma_only, frame) and not np.array_equal(sma_only, bare)
        band_only = chart.render("rgba", **_named(named, "", "BBANDS 20 2 2"))
        assert not np.array_equal(band_only, frame) and not np.array_equal(band_only, bare)
        # A panel's line has no legend: its name changes nothing.
        (panel,) = named["panels"]
        (rsi,) = panel.lines
        renamed = Panel(lines=(Line(rsi.values, rsi.color, rsi.width, "RSI"),),
                        levels=panel.levels, min=panel.min, max=panel.max, weight=panel.weight,
                        title=panel.title)
        np.testing.assert_array_equal(chart.render("rgba", **dict(named, panels=[renamed])),
                                      frame)
    with candlewick.Chart(**dict(golden.chart_options(name), show_axes=False)) as chart:
        # Without axes there is no legend.
        np.testing.assert_array_equal(chart.render("rgba", **named),
                                      chart.render("rgba", **unnamed))


@pytest.mark.parametrize("where", ["overlay", "band", "panel line"])
def test_a_name_with_a_nul_is_invalid_argument(where):
    data = golden.render_data("time_daily_3m_light")
    if where == "overlay":
        data = _named(data, "SMA\0 20", None)
    elif where == "band":
        data = _named(data, None, "BB\0")
    else:
        data["panels"] = [Panel(lines=(Line(data["close"], name="a\0b"),))]
    with candlewick.Chart(320, 200, show_axes=True) as chart:
        with pytest.raises(CandlewickError) as info:
            chart.render("rgba", **data)
    assert info.value.status == Status.INVALID_ARGUMENT and "NUL" in info.value.message


def test_a_name_must_be_text():
    series = random_walk(40, seed=3)
    with candlewick.Chart(320, 200, show_axes=True) as chart:
        with pytest.raises(TypeError, match=r"overlays\[0\].name"):
            chart.render("rgba", **ohlcv(series), overlays=[Line(series["close"], name=20)])


if __name__ == "__main__":
    runner.main(__file__)
