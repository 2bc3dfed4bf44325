"""pandas and Polars users: DataFrames in (any column case, DatetimeIndex or
time column, tz-aware or naive, any datetime unit), columns read in place
where pandas holds float64, converted where not, indicators returning pandas
on the input's index, streams and batches, and candlewick.plot.

pandas is optional for the package: without it these tests skip, unless
CANDLEWICK_REQUIRE_PANDAS=1 (the pip-installed runs of tools/test.sh) makes
its absence a failure.  Polars is optional the same way
(CANDLEWICK_REQUIRE_POLARS)."""

import io
import os
import tracemalloc
import warnings

import numpy as np
import pytest

import candlewick
import candlewick.bars as bars
import candlewick.indicators as ind
from candlewick import CandlewickError, Status, _columns
from candlewick_testing import pngdecode, runner
from candlewick_testing.fixtures import series_fixture


def _optional(module, variable):
    if os.environ.get(variable) == "1":
        return __import__(module)
    return pytest.importorskip(module)


pd = _optional("pandas", "CANDLEWICK_REQUIRE_PANDAS")

ROWS = 160
WIDTH, HEIGHT = 320, 200


series = series_fixture(ROWS, seed=5)


@pytest.fixture
def frame(series):
    """What yfinance or read_csv(..., index_col=0, parse_dates=True) gives:
    capitalised columns, int64 volume, a DatetimeIndex."""
    index = pd.DatetimeIndex(series["time"].astype("datetime64[s]"), name="Date")
    return pd.DataFrame({"Open": series["open"], "High": series["high"],
                         "Low": series["low"], "Close": series["close"],
                         "Volume": series["volume"].astype(np.int64)}, index=index)


def numpy_png(series, **options):
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True, **options) as chart:
        return chart.render_png(**series)


def frame_png(data, **options):
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True, **options) as chart:
        return chart.render_png(data)


# -- columns -----------------------------------------------------------------


def test_a_dataframe_renders_like_its_numpy_columns(series, frame):
    assert frame_png(frame) == numpy_png(series)
    # Keywords override the frame's own columns.
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True) as chart:
        assert chart.render_png(frame, volume=series["volume"]) == chart.render_png(frame)
        assert chart.render_png(frame, volume=series["volume"][::-1]) != chart.render_png(frame)
        assert chart.render("png", frame) == chart.render_png(frame)


def test_float64_columns_are_read_in_place(frame):
    # The array handed to the library is pandas' own memory, not a copy ...
    for name in ("Open", "High", "Low", "Close"):
        column = _columns.price(frame[name], name)
        assert np.shares_memory(column, frame[name].to_numpy())
    # ... so no conversion is announced (an error here) and nothing the
    # size of a column is allocated in Python while rendering.
    big = pd.DataFrame({name: np.repeat(frame[name].to_numpy(), 2000)
                        for name in ("Open", "High", "Low", "Close")})
    column_bytes = len(big) * 8
    with candlewick.Chart(WIDTH, HEIGHT) as chart, warnings.catch_warnings():
        warnings.simplefilter("error", candlewick.ConversionWarning)
        chart.render_png(big)  # warm-up
        tracemalloc.start()
        chart.render_png(big)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < column_bytes // 4, (peak, column_bytes)


def test_int64_volume_is_converted_once_and_exactly(series, frame):
    with pytest.warns(candlewick.ConversionWarning, match="'volume' of dtype int64"):
        png = frame_png(frame)
    assert png == numpy_png(series)


def test_columns_in_any_case_and_a_time_column(series, frame):
    lower = frame.reset_index().rename(columns=str.lower).rename(columns={"date": "time"})
    assert frame_png(lower) == numpy_png(series)
    upper = frame.rename(columns=str.upper)
    assert frame_png(upper) == numpy_png(series)
    with pytest.raises(KeyError, match="close"):
        frame_png(frame.drop(columns="Close"))
    twice = frame.assign(close=frame["Close"])
    with pytest.raises(ValueError, match="two columns named 'close'"):
        frame_png(twice)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_every_datetime_unit_gives_the_same_chart(series, frame, unit):
    times = series["time"].astype("datetime64[s]").astype("datetime64[%s]" % unit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", candlewick.ConversionWarning)
        got = frame_png(frame.set_axis(pd.DatetimeIndex(times), axis=0))
    assert got == numpy_png(series)


def test_tz_aware_times_are_their_utc_instants(series, frame):
    utc = frame.tz_localize("UTC")
    new_york = utc.tz_convert("America/New_York")
    assert frame_png(new_york) == frame_png(utc) == numpy_png(series)
    # A naive index is taken as UTC: shifting the wall clock changes the chart.
    shifted = frame.set_axis(new_york.index.tz_localize(None), axis=0)
    assert frame_png(shifted) != numpy_png(series)


def test_nat_and_float_times_are_refused(frame):
    index = frame.index.to_series().copy()
    index.iloc[7] = pd.NaT
    with pytest.raises(ValueError, match="NaT at row 7"):
        frame_png(frame.set_axis(pd.DatetimeIndex(index), axis=0))
    with pytest.raises(TypeError, match="float"):
        frame_png(frame.reset_index(drop=True).assign(time=np.arange(len(frame), dtype=float)))


def test_nullable_and_float32_columns_are_converted(series, frame):
    nullable = frame.astype({"Volume": "Int64", "Close": "Float64"})
    with pytest.warns(candlewick.ConversionWarning):
        assert frame_png(nullable) == numpy_png(series)
    missing = nullable.copy()
    missing.loc[missing.index[4], "Close"] = pd.NA
    with pytest.raises(CandlewickError) as info:
        frame_png(missing)
    assert info.value.status == Status.NON_FINITE and "row 4" in info.value.message


def test_nullable_integer_times(series, frame):
    # convert_dtypes() makes int64 seconds Int64: they are times (converted
    # to int64, announced), not the "float times" they were refused as.
    table = frame.reset_index(drop=True).assign(time=series["time"]).convert_dtypes()
    assert str(table["time"].dtype) == "Int64"
    with pytest.warns(candlewick.ConversionWarning, match="'time'"):
        assert frame_png(table) == numpy_png(series)
    got = candlewick.bars.from_ohlcv("time", table, interval=7 * 86400)
    expected = candlewick.bars.from_ohlcv("time", time=series["time"], open=series["open"],
                                          high=series["high"], low=series["low"],
                                          close=series["close"], volume=series["volume"],
                                          interval=7 * 86400)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)
    for dtype in ("Int32", "UInt64"):
        small = table.assign(time=table["time"].astype(dtype))
        assert frame_png(small) == numpy_png(series)
    missing = table.copy()
    missing.loc[5, "time"] = pd.NA
    with pytest.raises(ValueError, match="missing time at row 5"):
        frame_png(missing)


def test_read_csv_round_trip(series, frame, tmp_path):
    path = tmp_path / "prices.csv"
    frame.to_csv(path)
    loaded = pd.read_csv(path, index_col=0, parse_dates=True)
    assert loaded["Volume"].dtype == np.int64
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", candlewick.ConversionWarning)
        assert frame_png(loaded) == numpy_png(series)


# -- indicators ----------------------------------------------------------------


def test_indicators_of_a_series_are_a_series_on_its_index(series, frame):
    rsi = ind.compute("rsi", frame["Close"], period=14)
    assert isinstance(rsi, pd.Series) and rsi.name == "rsi"
    assert rsi.index.equals(frame.index)
    np.testing.assert_array_equal(rsi.to_numpy(), ind.compute("rsi", series["close"], period=14))
    # The Series wraps the library's output array: no copy.
    assert rsi.to_numpy().flags.owndata or rsi.to_numpy().base is not None


def test_indicators_of_a_dataframe(series, frame):
    macd = ind.compute("macd", frame)
    assert isinstance(macd, pd.DataFrame) and list(macd.columns) == ["macd", "signal", "hist"]
    assert macd.index.equals(frame.index)
    expected = ind.compute("macd", series["close"])
    for name in macd.columns:
        np.testing.assert_array_equal(macd[name].to_numpy(), getattr(expected, name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", candlewick.ConversionWarning)
        obv = ind.compute("obv", frame)  # int64 Volume converted
    np.testing.assert_array_equal(obv.to_numpy(),
                                  ind.compute("obv", series["close"], series["volume"]))
    atr = ind.compute("atr", frame, period=5)
    np.testing.assert_array_equal(atr.to_numpy(), ind.compute(
        "atr", series["high"], series["low"], series["close"], period=5))
    sma_of_open = ind.compute("sma", frame, source="open", period=3)
    np.testing.assert_array_equal(sma_of_open.to_numpy(),
                                  ind.compute("sma", series["open"], period=3))


def test_streams_and_batches_with_pandas(series, frame):
    with ind.Stream("atr", period=5) as stream:
        last = [stream.push(row) for _, row in frame.iloc[:30].iterrows()][-1]
        stream.reset()
        many = stream.push_many(frame.iloc[:30])
    assert isinstance(many, pd.Series) and many.iloc[-1] == last
    assert many.index.equals(frame.index[:30])
    halves = [frame["Close"].iloc[:80], frame["Close"].iloc[80:]]
    results = ind.compute_batch("ema", halves, period=10)
    for got, half in zip(results, halves):
        assert got.index.equals(half.index)
        np.testing.assert_array_equal(got.to_numpy(), ind.compute("ema", half, period=10))


# -- plot ------------------------------------------------------------------------


def test_plot_is_a_chart_with_moving_averages_and_volume(series, frame):
    png = candlewick.plot(frame, type="candle", volume=True, mav=(10, 20), width=WIDTH,
                          height=HEIGHT)
    with candlewick.Chart(WIDTH, HEIGHT, show_axes=True) as chart:
        expected = chart.render("png", **series, overlays=(
            candlewick.Line(ind.compute("sma", series["close"], period=10)),
            candlewick.Line(ind.compute("sma", series["close"], period=20))))
    assert png == expected
    assert pngdecode.decode_rgba(png)[0].shape == (HEIGHT, WIDTH, 4)


def test_plot_moving_average_periods(frame):
    # Whole numbers of any integer type; a fraction used to be truncated
    # (mav=(10.5,) drew a 10-period average) and a NumPy integer refused
    # with "'numpy.int64' object is not iterable".
    ten = candlewick.plot(frame, mav=10)
    assert candlewick.plot(frame, mav=np.int64(10)) == ten
    assert candlewick.plot(frame, mav=[np.int32(10)]) == ten
    for bad in (10.5, (10.5,), (10, 20.0), "10", True):
        with pytest.raises(TypeError, match="whole numbers"):
            candlewick.plot(frame, mav=bad)
    with pytest.raises(ValueError, match="must be in"):
        candlewick.plot(frame, mav=(1,))


def test_plot_types_styles_and_sizes(frame):
    for kind in ("ohlc", "candle", "line", "hollow_and_filled", "heikin_ashi", "renko", "pnf"):
        assert candlewick.plot(frame, type=kind).startswith(b"\x89PNG")
    default = candlewick.plot(frame)
    # mplfinance's default figure, 8 x 5.75 inches at 100 dpi.
    assert pngdecode.decode_rgba(default)[0].shape == (575, 800, 4)
    assert pngdecode.decode_rgba(candlewick.plot(frame, figsize=(4, 3), dpi=80))[0].shape == \
        (240, 320, 4)
    assert candlewick.plot(frame, style="yahoo") != candlewick.plot(frame, style="charles")
    assert candlewick.plot(frame, style="tradingview") == candlewick.plot(
        frame, style="TradingView")
    colors = {"background": "#ffffff", "up": "#00aa00", "down": "#aa0000", "grid": "#dddddd",
              "text": "#000000", "axis": "#000000"}
    assert candlewick.plot(frame, style=colors).startswith(b"\x89PNG")
    assert candlewick.plot(frame, type="renko", renko_params={"brick_size": 2}) != \
        candlewick.plot(frame, type="renko", renko_params={"brick_size": 4})


def test_plot_writes_files(frame, tmp_path):
    png = candlewick.plot(frame, type="candle")
    assert candlewick.plot(frame, type="candle", savefig=str(tmp_path / "chart.png")) is None
    assert (tmp_path / "chart.png").read_bytes() == png
    candlewick.plot(frame, type="candle", savefig=tmp_path / "chart.svg")
    assert (tmp_path / "chart.svg").read_text().startswith("<svg")
    candlewick.plot(frame, type="candle", savefig={"fname": tmp_path / "c.webp", "dpi": 50})
    assert (tmp_path / "c.webp").read_bytes()[8:12] == b"WEBP"
    buffer = io.BytesIO()
    candlewick.plot(frame, type="candle", savefig=buffer)
    assert buffer.getvalue() == png
    with pytest.raises(ValueError, match="format"):
        candlewick.plot(frame, savefig=tmp_path / "chart.jpg")


def test_plot_savefig_is_a_path_or_a_file(frame, tmp_path):
    # An int went to open(), which takes it as a file descriptor, wrote the
    # PNG there and closed it (savefig=1 or True: over stdout, then closed).
    fd = os.open(tmp_path / "fd", os.O_WRONLY | os.O_CREAT)
    try:
        for bad in (fd, True, 2.5, ["a.png"], {"fname": fd}):
            with pytest.raises(TypeError, match="savefig"):
                candlewick.plot(frame, savefig=bad)
        os.fstat(fd)  # still open
    finally:
        os.close(fd)
    assert (tmp_path / "fd").read_bytes() == b""


def test_plot_addplots_and_bands(frame):
    bb = ind.compute("bbands", frame, period=20)
    rsi = ind.compute("rsi", frame)
    macd = ind.compute("macd", frame)
    png = candlewick.plot(frame, type="candle", volume=True, bands=[(bb["upper"], bb["lower"])],
                          addplot=[candlewick.make_addplot(rsi, panel=1, ylim=(0, 100),
                                                           ylabel="RSI"),
                                   candlewick.make_addplot(macd[["macd", "signal"]], panel=2),
                                   candlewick.make_addplot(macd["hist"], type="bar", panel=2),
                                   candlewick.make_addplot(bb["middle"], color="#FFA500")],
                          title="ACME")
    assert png != candlewick.plot(frame, type="candle", volume=True)
    with pytest.raises(ValueError, match="scatter"):
        candlewick.make_addplot(rsi, type="scatter")


def test_plot_refuses_what_it_cannot_do(frame):
    with pytest.raises(TypeError, match="returnfig"):
        candlewick.plot(frame, returnfig=True)
    with pytest.raises(ValueError, match="volume"):
        candlewick.plot(frame.drop(columns="Volume"), volume=True)
    with pytest.raises(ValueError, match="kagi"):
        candlewick.plot(frame, type="kagi")
    with pytest.raises(ValueError, match="style"):
        candlewick.plot(frame, style="nosuchstyle")
    bad = frame.copy()
    bad.iloc[9, bad.columns.get_loc("High")] = bad["Low"].iloc[9] - 1
    with pytest.raises(CandlewickError) as info:
        candlewick.plot(bad)
    assert info.value.status == Status.INCONSISTENT_OHLC and "row 9" in info.value.message


# -- bars --------------------------------------------------------------------------


def test_bars_from_a_dataframe(series, frame):
    weekly = bars.from_ohlcv("time", frame, interval=7 * 86400)
    expected = bars.from_ohlcv("time", **series, interval=7 * 86400)
    for x, y in zip(weekly, expected):
        np.testing.assert_array_equal(x, y)
    table = weekly.to_pandas()
    assert str(table.index.tz) == "UTC" and list(table.columns[:4]) == [
        "open", "high", "low", "close"]
    assert frame_png(table) == numpy_png({name: getattr(weekly, name) for name in (
        "time", "open", "high", "low", "close", "volume")})


# -- Polars ------------------------------------------------------------------------


def test_polars_frames(series, frame):
    pl = _optional("polars", "CANDLEWICK_REQUIRE_POLARS")
    utc = frame.tz_localize("UTC")
    table = pl.DataFrame({"Time": pl.Series(series["time"] * 1000).cast(pl.Datetime("ms", "UTC")),
                          "open": series["open"], "high": series["high"],
                          "low": series["low"], "close": series["close"],
                          "volume": series["volume"].astype(np.int64)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", candlewick.ConversionWarning)
        assert frame_png(table) == frame_png(utc) == numpy_png(series)
        assert candlewick.plot(table, type="candle", volume=True) == \
            candlewick.plot(frame, type="candle", volume=True)
    sma = ind.compute("sma", table, period=10)
    assert isinstance(sma, pl.Series) and sma.name == "sma"
    np.testing.assert_array_equal(sma.to_numpy(), ind.compute("sma", series["close"], period=10))
    bands = ind.compute("bbands", table["close"])
    assert isinstance(bands, pl.DataFrame) and bands.columns == ["upper", "middle", "lower"]
    # A Polars float64 column without nulls is read in place.
    assert np.shares_memory(_columns.price(table["close"], "close"), table["close"].to_numpy())
    # Integer times: in place as int64 seconds; a null names its row (it
    # was refused as "float times", the nulls making the column float64).
    seconds = table.with_columns(pl.Series("Time", series["time"]))
    assert frame_png(seconds) == numpy_png(series)
    missing = seconds.with_columns(
        pl.when(pl.int_range(pl.len()) == 6).then(None).otherwise(pl.col("Time")).alias("Time"))
    with pytest.raises(ValueError, match="null times .the first at row 6"):
        frame_png(missing)


if __name__ == "__main__":
    runner.main(__file__)
