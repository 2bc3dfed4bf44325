"""The work of one partition of symbols, as a Dask worker runs it (and as
render_symbols.py runs it in one process for the reference): synthetic
OHLCV per symbol, indicators over the whole history, one chart of the
latest bars rendered in a batch through this process's Renderer, files
written to the output directory.

Importable on every worker: a local cluster's workers inherit the client's
sys.path; render_symbols.py uploads this file to a remote cluster's workers.
"""

import atexit
import hashlib
import os
import threading
import zlib

import numpy as np

import candlewick
import candlewick.indicators as ind

# One Renderer per worker process, made on first use: its chart cache is
# then shared by every task the process runs, whatever thread runs it.
_renderer = None
_renderer_lock = threading.Lock()


def renderer(threads):
    """This process's Renderer (created on the first call; closed at exit)."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = candlewick.Renderer(max_cache_bytes=32 << 20, threads=threads)
            atexit.register(_renderer.close)
        return _renderer


def seed_of(symbol):
    """A seed that is the same in every process (str hashes are salted)."""
    return zlib.crc32(symbol.encode("ascii"))


def synthetic_ohlcv(symbol, bars):
    """A reproducible daily series for `symbol`: a geometric random walk."""
    rng = np.random.default_rng(seed_of(symbol))
    start = 20.0 + 180.0 * rng.random()
    close = start * np.exp(np.cumsum(rng.normal(0.0002, 0.015, bars)))
    open_ = np.concatenate([[start], close[:-1]]) * np.exp(rng.normal(0.0, 0.003, bars))
    high = np.maximum(open_, close) * (1.0 + rng.random(bars) * 0.01)
    low = np.minimum(open_, close) * (1.0 - rng.random(bars) * 0.01)
    volume = np.round(rng.lognormal(12.0, 0.5, bars))
    time = 946684800 + 86400 * np.arange(bars, dtype=np.int64)
    return {"time": time, "open": open_, "high": high, "low": low, "close": close,
            "volume": volume}


def _summary_value(x):
    return "" if np.isnan(x) else repr(float(x))


def render_partition(symbols, bars, window, out_dir, width=800, height=600, threads=1):
    """Computes and renders every symbol of `symbols` into out_dir/charts/
    <symbol>.png.  Returns (the process id, rows): one (symbol, sha256 of
    the PNG or the error, last close, SMA(50), RSI(14), upper Bollinger
    band) row per symbol."""
    jobs, rows = [], []
    for symbol in symbols:
        s = synthetic_ohlcv(symbol, bars)
        close = s["close"]
        sma20 = ind.compute("sma", close, period=20)
        sma50 = ind.compute("sma", close, period=50)
        bands = ind.compute("bbands", close, period=20)
        rsi = ind.compute("rsi", close, period=14)
        last = slice(-window, None)
        jobs.append(candlewick.RenderJob(
            "png", width=width, height=height, theme="tradingview", show_axes=True,
            **{k: v[last] for k, v in s.items()},
            overlays=[candlewick.Line(sma20[last]), candlewick.Line(sma50[last])],
            bands=[candlewick.Band(bands.upper[last], bands.lower[last])],
            panels=[candlewick.Panel(lines=[candlewick.Line(rsi[last])], levels=(30, 70),
                                     min=0, max=100, title="RSI(14)")],
            title=symbol))
        rows.append([symbol, None, _summary_value(close[-1]), _summary_value(sma50[-1]),
                     _summary_value(rsi[-1]), _summary_value(bands.upper[-1])])
    charts = os.path.join(out_dir, "charts")
    os.makedirs(charts, exist_ok=True)
    for row, result in zip(rows, renderer(threads).render_batch(jobs)):
        if isinstance(result, Exception):
            row[1] = "error: %s" % result
            continue
        with open(os.path.join(charts, row[0] + ".png"), "wb") as f:
            f.write(result)
        row[1] = hashlib.sha256(result).hexdigest()
    return os.getpid(), rows
