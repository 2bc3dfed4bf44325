"""Deterministic synthetic OHLCV series for the binding tests."""

import numpy as np

COLUMNS = ("time", "open", "high", "low", "close", "volume")


def random_walk(rows, seed=0):
    """A valid daily series: dict of contiguous arrays, int64 `time` and
    float64 prices/volume, with low <= open, close <= high."""
    rng = np.random.default_rng(seed)
    close = 100.0 + np.cumsum(rng.normal(0.0, 1.5, rows))
    open_ = np.concatenate([[100.0], close[:-1]]) + rng.normal(0.0, 0.3, rows)
    high = np.maximum(open_, close) + rng.random(rows) * 2.0
    low = np.minimum(open_, close) - rng.random(rows) * 2.0
    volume = np.round(rng.random(rows) * 2e6)
    time = 1704153600 + 86400 * np.arange(rows, dtype=np.int64)
    return {"time": time, "open": open_, "high": high, "low": low,
            "close": close, "volume": volume}


def ohlcv(series):
    """The columns a render call takes, as keyword arguments."""
    return {name: series[name] for name in COLUMNS if name in series}


def moving_average(values, period):
    """The simple moving average of `values` (NaN before `period` values),
    for overlay data."""
    out = np.full(len(values), np.nan)
    out[period - 1:] = np.convolve(values, np.ones(period) / period, mode="valid")
    return out
