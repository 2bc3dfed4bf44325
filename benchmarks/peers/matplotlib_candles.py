#!/usr/bin/python3
"""matplotlib (Agg) drawing candlewick's reference candlestick chart.

The peer of benchmarks/peers/cairo_peer_benchmark.cc for side_by_side.sh. It
draws the same data (MakeSeries(n, 42) of tests/test_support.cc, reimplemented
here bit for bit and checked against the FNV-1a checksum the C++ binary
prints) in the same layout: an 800x600 figure, price panel 70% / volume 30%
with a one-pixel gap, candle i centred on slot i+1 of n+1, bodies 80% of a
slot, wicks 1/8 of a body, nine horizontal grid lines and a vertical one every
n/20 candles, classic colours, no axes and no text, antialiasing off, and one
candle per pixel column when there are more candles than columns (as
candlewick does). Candles and volume bars are Rectangle patches in
PatchCollections and the wicks vlines: the efficient matplotlib idiom
(mplfinance uses collections too), not one artist per candle.

Each timed chart builds a fresh Figure from the data, as a caller would:
  render      Figure + artists + canvas.draw() (Agg rasterises; no file)
  render_png  Figure + artists + savefig(BytesIO, format="png")
  axes_png    the same chart with matplotlib's default axes, tick labels and a
              title (the counterpart of candlewick's axes-and-text chart)
Optional: mplfinance's own candle + volume chart (mpf.plot, PNG into memory)
when --extra-path holds an importable mplfinance (pip, see side_by_side.sh).

Prints JSON on stdout. Timing: the cases of one candle count run round-robin
(one chart of each per round, so load from other work falls on all alike),
--iterations rounds at most, stopping early after --max-seconds (at least 3
rounds); median, min and max in ms per chart.
"""
import argparse
import io
import json
import platform
import struct
import sys
import time

WIDTH, HEIGHT, DPI = 800, 600, 100
SEED = 42
BACKGROUND, GRID, UP, DOWN = "#000000", "#333333", "#00FF00", "#FF0000"


# --------------------------------------------------------------------------
# Data: tests/test_support.cc MakeSeries, integer xorshift32, bit for bit.

def make_series(n, seed=SEED):
    mask = 0xFFFFFFFF
    state = (seed * 2654435761 + 1) & mask

    def nxt():
        nonlocal state
        state ^= (state << 13) & mask
        state ^= state >> 17
        state ^= (state << 5) & mask
        return state

    t, o, h, l, c, v = [], [], [], [], [], []
    price = 10000
    for i in range(n):
        op = price
        cl = op + (nxt() % 401) - 200
        hi = max(op, cl) + nxt() % 120
        lo = min(op, cl) - nxt() % 120
        t.append(1704153600 + i * 86400)
        o.append(op / 100.0)
        c.append(cl / 100.0)
        h.append(hi / 100.0)
        l.append(lo / 100.0)
        v.append(float(1000 + nxt() % 9000))
        price = 1000 if cl < 1000 else cl
    return t, o, h, l, c, v


def series_checksum(series):
    """FNV-1a 64 over each row's little-endian time (int64) and 5 doubles."""
    h = 0xCBF29CE484222325
    prime, mask = 0x100000001B3, 0xFFFFFFFFFFFFFFFF
    for row in zip(*series):
        for b in struct.pack("<q5d", *row):
            h = ((h ^ b) * prime) & mask
    return "%016x" % h


# --------------------------------------------------------------------------
# The chart.

def aggregate(series, columns):
    """One candle per pixel column, as cc/bars AggregateToColumns does."""
    t, o, h, l, c, v = series
    n = len(c)
    out = ([], [], [], [], [], [])
    row = 0
    for col in range(columns):
        end = (col + 1) * n // columns
        begin = row
        out[0].append(t[begin])
        out[1].append(o[begin])
        out[2].append(max(h[begin:end]))
        out[3].append(min(l[begin:end]))
        out[4].append(c[end - 1])
        out[5].append(sum(v[begin:end]))
        row = end
    return out


def build_figure(series, axes=False):
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if len(series[4]) + 1 > WIDTH:
        series = aggregate(series, WIDTH - 1)
    _, o, h, l, c, v = (np.asarray(a) for a in series)
    n = len(c)
    x = np.arange(1, n + 1, dtype=float)
    slot_px = WIDTH / (n + 1)
    body_px = max(1, int(slot_px * 0.8))
    body = body_px / slot_px  # in data units (one slot = 1)
    wick_pt = max(1, body_px // 8) * 72.0 / DPI
    up = c >= o
    colors = np.where(up, UP, DOWN)

    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=BACKGROUND)
    if axes:
        gs = fig.add_gridspec(2, 1, height_ratios=[0.7, 0.3], hspace=0.02)
        price_ax = fig.add_subplot(gs[0])
        volume_ax = fig.add_subplot(gs[1], sharex=price_ax)
        price_ax.set_title("MakeSeries(%d, 42)" % n, color="#CCCCCC", fontsize=9)
        for ax in (price_ax, volume_ax):
            ax.tick_params(colors="#CCCCCC", labelsize=8)
            for s in ax.spines.values():
                s.set_color("#808080")
        price_ax.tick_params(labelbottom=False)
    else:
        gap = 1.0 / HEIGHT
        volume_ax = fig.add_axes([0, 0, 1, 0.3 - gap / 2])
        price_ax = fig.add_axes([0, 0.3 + gap / 2, 1, 0.7 - gap / 2])
        for ax in (price_ax, volume_ax):
            ax.set_axis_off()
    for ax in (price_ax, volume_ax):
        ax.set_facecolor(BACKGROUND)
        ax.set_xlim(0, n + 1)
        ax.margins(0)

    lo, hi = float(l.min()), float(h.max())
    price_ax.set_ylim(lo, hi)
    volume_ax.set_ylim(0, float(v.max()))

    # Grid: nine horizontal lines in the price panel, a vertical line every
    # n/20 candles through both panels.
    step = max(1, n // 20)
    for ax in (price_ax, volume_ax):
        ax.vlines(x[::step], 0 if ax is volume_ax else lo, hi if ax is price_ax else v.max(),
                  colors=GRID, linewidth=72.0 / DPI, antialiased=False, zorder=0)
    price_ax.hlines(lo + (hi - lo) * np.arange(1, 10) / 10.0, 0, n + 1, colors=GRID,
                    linewidth=72.0 / DPI, antialiased=False, zorder=0)

    # Volume bars and candle bodies as Rectangle patches in collections,
    # wicks as vlines.
    vols = [Rectangle((xi - body / 2, 0), body, vi) for xi, vi in zip(x, v)]
    volume_ax.add_collection(PatchCollection(vols, facecolors=colors, edgecolors="none",
                                             antialiased=False, zorder=2))
    price_ax.vlines(x, l, h, colors=colors, linewidth=wick_pt, antialiased=False, zorder=2)
    bodies = [Rectangle((xi - body / 2, min(oi, ci)), body, max(abs(ci - oi), 1e-9))
              for xi, oi, ci in zip(x, o, c)]
    price_ax.add_collection(PatchCollection(bodies, facecolors=colors, edgecolors="none",
                                            antialiased=False, zorder=3))
    return fig


def chart_render(series):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = build_figure(series)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.buffer_rgba()


def chart_png(series, axes=False):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = build_figure(series, axes=axes)
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor=BACKGROUND)
    return buf.getvalue()


def mplfinance_png(frame):
    import matplotlib
    import matplotlib.pyplot as plt
    import mplfinance as mpf
    buf = io.BytesIO()
    # mplfinance applies its style to the global rcParams: restore them, or
    # the next matplotlib chart in the round would be drawn in its style.
    with matplotlib.rc_context():
        mpf.plot(frame, type="candle", volume=True, figsize=(WIDTH / DPI, HEIGHT / DPI),
                 savefig=dict(fname=buf, format="png", dpi=DPI),
                 warn_too_much_data=len(frame) + 1)
        plt.close("all")
    return buf.getvalue()


# --------------------------------------------------------------------------
# Timing.

def timed_round_robin(cases, iterations, max_seconds, warmup=1):
    """Times every case once per round, so load from other work on the
    machine falls on all of them alike. Stops after `iterations` rounds, or
    after `max_seconds` once 3 rounds are done. Returns name -> (stats, last
    output)."""
    outs = {}
    for name, fn in cases:
        for _ in range(warmup):
            outs[name] = fn()
    times = {name: [] for name, _ in cases}
    start = time.perf_counter()
    for round_index in range(iterations):
        for name, fn in cases:
            t0 = time.perf_counter()
            outs[name] = fn()
            times[name].append((time.perf_counter() - t0) * 1e3)
        if time.perf_counter() - start > max_seconds and round_index + 1 >= 3:
            break
    result = {}
    for name, _ in cases:
        t = sorted(times[name])
        result[name] = ({
            "ms_median": t[len(t) // 2] if len(t) % 2 else (t[len(t) // 2 - 1] + t[len(t) // 2]) / 2,
            "ms_min": t[0],
            "ms_max": t[-1],
            "iterations": len(t),
        }, outs[name])
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--candles", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--iterations", type=int, default=25, help="rounds (charts per case), at most")
    ap.add_argument("--max-seconds", type=float, default=25.0,
                    help="time cap per candle count, all cases together")
    ap.add_argument("--expect-checksum", action="append", default=[],
                    help="N=HEX: FNV-1a of MakeSeries(N, 42) printed by the C++ benchmark")
    ap.add_argument("--extra-path", default="",
                    help="a directory with optional pip-installed peers (mplfinance)")
    ap.add_argument("--write-png-dir", default="", help="also write one PNG per case here")
    args = ap.parse_args()

    import matplotlib
    matplotlib.use("Agg")

    expected = dict(e.split("=", 1) for e in args.expect_checksum)
    report = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "matplotlib_version": matplotlib.__version__,
        "checksums": {},
        "results": [],
        "skipped": [],
    }

    mpf_available = False
    if args.extra_path:
        sys.path.insert(0, args.extra_path)
    try:
        import mplfinance  # noqa: F401
        import pandas  # noqa: F401
        mpf_available = True
        report["mplfinance_version"] = mplfinance.__version__
        report["pandas_version"] = pandas.__version__
    except Exception as e:  # optional extra
        report["skipped"].append("mplfinance: %s" % e.__class__.__name__ + ": " + str(e))

    for n in args.candles:
        series = make_series(n)
        checksum = series_checksum(series)
        report["checksums"][str(n)] = checksum
        if str(n) in expected and expected[str(n)] != checksum:
            sys.exit("data mismatch for %d candles: python %s, C++ %s" %
                     (n, checksum, expected[str(n)]))
        cases = [
            ("matplotlib_render", lambda: chart_render(series)),
            ("matplotlib_render_png", lambda: chart_png(series)),
            ("matplotlib_axes_png", lambda: chart_png(series, axes=True)),
        ]
        if mpf_available:
            import pandas as pd
            t, o, h, l, c, v = series
            frame = pd.DataFrame({"Open": o, "High": h, "Low": l, "Close": c, "Volume": v},
                                 index=pd.to_datetime(t, unit="s"))
            cases.append(("mplfinance_png", lambda: mplfinance_png(frame)))
        timings = timed_round_robin(cases, args.iterations, args.max_seconds)
        for name, _ in cases:
            stats, out = timings[name]
            entry = {"name": name, "candles": n, **stats}
            if isinstance(out, bytes):
                entry["png_bytes"] = len(out)
                if args.write_png_dir:
                    with open("%s/%s_%d.png" % (args.write_png_dir, name, n), "wb") as f:
                        f.write(out)
            report["results"].append(entry)
            print("%-24s %5d candles  %8.2f ms median (%d charts)%s" %
                  (name, n, stats["ms_median"], stats["iterations"],
                   "  %d bytes" % entry["png_bytes"] if "png_bytes" in entry else ""),
                  file=sys.stderr)
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
