"""The golden charts of tests/golden_cases.cc that exercise the time axis's
zone and the legend, rebuilt in Python: data/synthetic.cc's series (ported
here bit for bit: integer arithmetic only), the library's indicators on
them and the case's options, with the committed images to compare with."""

import os

import numpy as np

_DAY = 86400


def _days_from_civil(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date (data/synthetic.cc)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


class _Walker:
    """data/synthetic.cc's Walker: a random walk in integer ticks (xorshift32)."""

    def __init__(self, seed, start_ticks, tick):
        self.state = (seed * 2654435761 + 1) & 0xFFFFFFFF
        self.price = start_ticks
        self.tick = tick
        self.rows = {name: [] for name in ("time", "open", "high", "low", "close", "volume")}

    def next(self):
        s = self.state
        s ^= (s << 13) & 0xFFFFFFFF
        s ^= s >> 17
        s ^= (s << 5) & 0xFFFFFFFF
        self.state = s
        return s

    def bar(self, time, swing, wick, drift, base, spread, shape_percent):
        open_ = self.price
        close = max(1, open_ + self.next() % (2 * swing + 1) - swing + drift)
        high = max(open_, close) + self.next() % (wick + 1)
        low = max(1, min(open_, close) - self.next() % (wick + 1))
        volume = (base + self.next() % (spread + 1)) * shape_percent // 100
        for name, value in (("time", time), ("open", open_ * self.tick),
                            ("high", high * self.tick), ("low", low * self.tick),
                            ("close", close * self.tick), ("volume", float(volume))):
            self.rows[name].append(value)
        self.price = close

    def series(self):
        out = {name: np.array(values, dtype=np.float64) for name, values in self.rows.items()}
        out["time"] = np.array(self.rows["time"], dtype=np.int64)
        return out


def _session_shape(minute, length):
    edge = min(minute, length - 1 - minute)
    return 60 + max(0, 180 - edge * 6)


def intraday_new_york():
    """Three sessions of 5-minute bars in New York time (234 bars)."""
    w = _Walker(11, 17250, 0.01)
    opens = (_days_from_civil(2024, 3, 8) * _DAY + 14 * 3600 + 1800,
             _days_from_civil(2024, 3, 11) * _DAY + 13 * 3600 + 1800,
             _days_from_civil(2024, 3, 12) * _DAY + 13 * 3600 + 1800)
    for open_ in opens:
        for k in range(78):
            w.bar(open_ + k * 300, 18, 9, 0, 40000, 60000, _session_shape(k * 5, 390))
    return w.series()


def daily_three_months():
    """Weekday bars of 2024-01-02..2024-03-28 without two holidays (60 bars)."""
    w = _Walker(41, 18520, 0.01)
    holidays = (_days_from_civil(2024, 1, 15), _days_from_civil(2024, 2, 19))
    for day in range(_days_from_civil(2024, 1, 2), _days_from_civil(2024, 3, 28) + 1):
        weekday = (day + 4) % 7  # 0 = Sunday
        if weekday in (0, 6) or day in holidays:
            continue
        w.bar(day * _DAY, 250, 160, 12, 45000000, 50000000, 100)
    return w.series()


#: name -> (series function, chart options, Bollinger band?) of the cases
#: whose options and data the binding can express; all with axes, so
#: the legend (SMA 20, BBANDS 20 2 2), the "SYNTH" title and an RSI 14 panel
#: are drawn.
CASES = {
    "time_intraday_ny_light": (intraday_new_york, dict(
        width=560, height=360, theme="light", time_zone="America/New_York"), False),
    "time_daily_3m_light": (daily_three_months, dict(width=560, height=360, theme="light"), True),
    "axes_candlestick_light": (daily_three_months, dict(width=480, height=300, theme="light"),
                               True),
}


def chart_options(name):
    """The case's Chart/RenderJob keyword arguments."""
    return dict(CASES[name][1], show_axes=True)


def render_data(name, *, names=True):
    """The case's Chart.render keyword arguments: the series, SMA 20 (and
    BBANDS on the daily series) named for the legend (unnamed with
    names=False), an RSI 14 panel and the title, as tests/test_support.cc's
    IndicatorExtras computes them with the library."""
    import candlewick
    from candlewick import indicators

    make, _, bollinger = CASES[name]
    series = make()
    close = series["close"]
    overlays = [candlewick.Line(indicators.compute("sma", close, params=[20]),
                                color=0xFFB300FF, name="SMA 20" if names else None)]
    bands = []
    if bollinger:
        upper, _, lower = indicators.compute("bbands", close, params=[20, 2, 2])
        bands.append(candlewick.Band(upper, lower, fill=0x7E57C240, line=0x7E57C2FF, width=1,
                                     name="BBANDS 20 2 2" if names else None))
    rsi = indicators.compute("rsi", close, params=[14])
    panels = [candlewick.Panel(lines=(candlewick.Line(rsi, color=0xAB47BCFF),), levels=(30, 70),
                               min=0, max=100, weight=0.25, title="RSI 14")]
    return dict(series, overlays=overlays, bands=bands, panels=panels, title="SYNTH")


def golden_png(name):
    """The committed tests/golden/<name>.png: from Bazel's runfiles, from
    $CANDLEWICK_GOLDEN_DIR, or from the source tree; None when none of them
    has it (the suite run from an installed package)."""
    candidates = []
    runfiles = os.environ.get("TEST_SRCDIR")
    if runfiles:
        candidates.append(os.path.join(runfiles, "candlewick", "tests", "golden"))
    if os.environ.get("CANDLEWICK_GOLDEN_DIR"):
        candidates.append(os.environ["CANDLEWICK_GOLDEN_DIR"])
    candidates.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                   "tests", "golden"))
    for directory in candidates:
        path = os.path.join(directory, name + ".png")
        if os.path.exists(path):
            with open(path, "rb") as f:
                return f.read()
    return None
