#!/usr/bin/python3
"""Writes docs/performance.md (and the input of its plot) from one
side-by-side run: the JSON of cairo_peer_benchmark and render_benchmark
(Google Benchmark, --benchmark_out_format=json, with repetitions) and of
matplotlib_candles.py. Called by benchmarks/side_by_side.sh; plain Python 3,
no third-party module (matplotlib is only used, when present, to compare the
matplotlib picture with candlewick's pixel by pixel).
"""
import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys

from benchmark_json import load_iterations

NAN = float("nan")


# --------------------------------------------------------------------------
# Reading the runs.

def to_ms(value, unit):
    return value * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def load_benchmark(path):
    """run_name -> {median, min, max, reps, counters...}; plus the context."""
    rows, doc = load_iterations(path)
    runs = {}
    for b in rows:
        r = runs.setdefault(b["run_name"], {"times": [], "label": b.get("label", "")})
        r["times"].append(to_ms(b["real_time"], b["time_unit"]))
        if "png_bytes" in b:
            r["png_bytes"] = int(b["png_bytes"])
    for r in runs.values():
        r["median"] = statistics.median(r["times"])
        r["min"] = min(r["times"])
        r["max"] = max(r["times"])
        r["reps"] = len(r["times"])
    return runs, doc["context"]


def by_magnitude(value, formats):
    """`value` written with the first (bound, format) of `formats` whose bound
    it is below, or with the last (bound None); NaN as "-"."""
    if value != value:
        return "-"
    for bound, fmt in formats:
        if bound is None or value < bound:
            return fmt.format(value)


def fmt_ms(ms):
    return by_magnitude(ms, [(0.1, "{:.4f}"), (10, "{:.3f}"), (100, "{:.1f}"), (None, "{:.0f}")])


def fmt_ratio(r):
    return by_magnitude(r, [(10, "{:.2f}x"), (1000, "{:.0f}x"), (None, "{:,.0f}x")])


def fmt_bytes(b):
    return "-" if b is None else "{:,}".format(b)


def shell(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except Exception:
        return ""


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pixel_difference(a_path, b_path):
    """Fraction of pixels whose RGB differs, or None (no matplotlib, no file)."""
    try:
        import matplotlib.image as mpimg
        import numpy as np
        a = mpimg.imread(a_path)
        b = mpimg.imread(b_path)
    except Exception:
        return None
    a = np.round(np.asarray(a)[..., :3] * 255).astype(int)
    b = np.round(np.asarray(b)[..., :3] * 255).astype(int)
    if a.shape != b.shape:
        return None
    return float(np.any(a != b, axis=2).mean())


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cairo-json", required=True)
    ap.add_argument("--render-json", required=True)
    ap.add_argument("--mpl-json", required=True)
    ap.add_argument("--png-dir", default="", help="renderings written by both peers")
    ap.add_argument("--perf-plot", required=True, help="the perf_plot binary")
    ap.add_argument("--out-md", required=True)
    ap.add_argument("--out-png", required=True)
    ap.add_argument("--tsv", required=True, help="where to write the plot's input")
    ap.add_argument("--command", default="./benchmarks/side_by_side.sh")
    ap.add_argument("--extras-note", default="")
    ap.add_argument("--kimsfinance-note",
                    default="kimsfinance was not run side by side: not installed")
    ap.add_argument("--run-seconds", type=float, default=NAN)
    ap.add_argument("--batch-json", default="",
                    help="batch_benchmark's JSON: adds the batch rendering section")
    args = ap.parse_args()

    peer, ctx = load_benchmark(args.cairo_json)
    render, rctx = load_benchmark(args.render_json)
    with open(args.mpl_json) as f:
        mpl = json.load(f)
    mres = {(r["name"], r["candles"]): r for r in mpl["results"]}

    fill = peer["BM_FillOnly"]["median"]

    def cw(name):
        return peer.get(name)

    def row(system, work, n, entry_ms, entry_min=NAN, entry_max=NAN, png=None, cw_ms=NAN,
            reps=""):
        return {"system": system, "work": work, "n": n, "ms": entry_ms, "min": entry_min,
                "max": entry_max, "png": png, "cw_ms": cw_ms, "reps": reps}

    def from_peer(system, work, n, name, cw_name):
        r = peer[name]
        return row(system, work, n, r["median"], r["min"], r["max"], r.get("png_bytes"),
                   peer[cw_name]["median"], "%d reps" % r["reps"])

    def from_mpl(system, work, n, name, cw_name):
        r = mres.get((name, n))
        if r is None:
            return None
        return row(system, work, n, r["ms_median"], r["ms_min"], r["ms_max"], r.get("png_bytes"),
                   peer[cw_name]["median"], "%d charts" % r["iterations"])

    tables = {}
    for n in (100, 1000):
        render_cw = "BM_Candlewick_Render/%d" % n
        png_cw = "BM_Candlewick_RenderPng/%d/1" % n
        rows = [row("fill-only baseline", "FillSpan32 over the frame", n, fill,
                    peer["BM_FillOnly"]["min"], peer["BM_FillOnly"]["max"], None, NAN,
                    "%d reps" % peer["BM_FillOnly"]["reps"]),
                from_peer("candlewick", "render (RGBA frame)", n, render_cw, render_cw),
                from_peer("Cairo %s" % ctx.get("cairo_version", ""), "render (ARGB32 surface)", n,
                          "BM_Cairo_Render/%d" % n, render_cw),
                from_mpl("matplotlib %s" % mpl["matplotlib_version"], "render (Agg canvas.draw)",
                         n, "matplotlib_render", render_cw),
                from_peer("candlewick", "render + PNG (balanced)", n, png_cw, png_cw)]
        if n == 100:
            rows.append(from_peer("candlewick", "render + PNG (fastest)", n,
                                  "BM_Candlewick_RenderPng/100/0", png_cw))
            rows.append(from_peer("candlewick", "render + PNG (smallest)", n,
                                  "BM_Candlewick_RenderPng/100/2", png_cw))
        rows += [from_peer("Cairo %s" % ctx.get("cairo_version", ""),
                           "render + PNG (write_to_png_stream)", n, "BM_Cairo_RenderPng/%d" % n,
                           png_cw),
                 from_mpl("matplotlib %s" % mpl["matplotlib_version"],
                          "render + PNG (savefig to BytesIO)", n, "matplotlib_render_png", png_cw),
                 from_mpl("mplfinance %s" % mpl.get("mplfinance_version", ""),
                          "its own candle + volume chart, PNG", n, "mplfinance_png", png_cw)]
        tables[n] = [r for r in rows if r is not None]

    # The axes-and-text and 1M-candle figures come from render_benchmark.
    rfill = render.get("BM_FillOnly")
    axes_rgba = render.get("BM_RenderAxes/100/0")
    axes_png = render.get("BM_RenderAxes/100/1")
    dense_rgba = render.get("BM_RenderDense/1000000/0")
    dense_png = render.get("BM_RenderDense/1000000/1")
    fill1080 = render.get("BM_FillOnly1080p")
    mpl_axes = mres.get(("matplotlib_axes_png", 100))

    render_ratio = peer["BM_Candlewick_Render/100"]["median"] / fill
    png100 = peer["BM_Candlewick_RenderPng/100/1"]

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    targets = [
        ("render only, 100 candles 800x600, crisp, no text: within 2x of fill-only",
         "%s ms / %s ms = %s" % (fmt_ms(peer["BM_Candlewick_Render/100"]["median"]), fmt_ms(fill),
                                 fmt_ratio(render_ratio)),
         verdict(render_ratio <= 2.0)),
        ("render + PNG (balanced), same chart: under 0.5 ms",
         "%s ms" % fmt_ms(png100["median"]), verdict(png100["median"] < 0.5)),
        ("... and the file under 8 KB (8,192 bytes)",
         "%s bytes" % fmt_bytes(png100.get("png_bytes")),
         verdict(png100.get("png_bytes", 1 << 30) < 8192)),
    ]
    if axes_rgba and axes_png:
        targets.append(("with axes, labels and a title: under 1 ms (render + PNG)",
                        "%s ms (render only %s ms), %s bytes" %
                        (fmt_ms(axes_png["median"]), fmt_ms(axes_rgba["median"]),
                         fmt_bytes(axes_png.get("png_bytes"))),
                        verdict(axes_png["median"] < 1.0)))
    if dense_rgba and dense_png:
        targets.append(("1,000,000 candles into 1920x1080: well under 50 ms",
                        "render %s ms, render + PNG %s ms (%s bytes)" %
                        (fmt_ms(dense_rgba["median"]), fmt_ms(dense_png["median"]),
                         fmt_bytes(dense_png.get("png_bytes"))),
                        verdict(dense_png["median"] < 25.0) +
                        " (read as under half: 25 ms)"))

    # Pixel comparisons.
    same = {n: ctx.get("pixels_differ_%d" % n, "?") for n in (100, 1000)}
    mpl_diff = None
    if args.png_dir:
        mpl_diff = pixel_difference(os.path.join(args.png_dir, "candlewick_100.png"),
                                    os.path.join(args.png_dir, "matplotlib_render_png_100.png"))

    # ----------------------------------------------------------------------
    # The plot: drawn by candlewick (perf_plot).
    plot_rows = []  # name, open, high, low, close, ratio, png_kb

    def plot_add(name, render_key=None, png_key=None, mpl_render=None, mpl_png=None, n=100):
        o = h = l = c = NAN
        lows, highs = [], []
        ratio = NAN
        png_kb = NAN
        if render_key:
            r = peer[render_key]
            o = r["median"]
            lows.append(r["min"])
            highs.append(r["max"])
            ratio = o / fill
        if png_key:
            r = peer[png_key]
            c = r["median"]
            lows.append(r["min"])
            highs.append(r["max"])
            png_kb = r.get("png_bytes", 0) / 1024.0
        if mpl_render and (mpl_render, n) in mres:
            r = mres[(mpl_render, n)]
            o = r["ms_median"]
            lows.append(r["ms_min"])
            highs.append(r["ms_max"])
            ratio = o / fill
        if mpl_png and (mpl_png, n) in mres:
            r = mres[(mpl_png, n)]
            c = r["ms_median"]
            lows.append(r["ms_min"])
            highs.append(r["ms_max"])
            png_kb = r["png_bytes"] / 1024.0
        if o != o and c != c:
            return
        h = max(highs) if highs else NAN
        l = min(lows) if lows else NAN
        plot_rows.append((name, o, h, l, c, ratio, png_kb))

    order = []
    plot_add("fill-only", render_key="BM_FillOnly")
    order.append("fill-only")
    for n in (100, 1000):
        plot_add("candlewick %d" % n, "BM_Candlewick_Render/%d" % n,
                 "BM_Candlewick_RenderPng/%d/1" % n)
        plot_add("Cairo %d" % n, "BM_Cairo_Render/%d" % n, "BM_Cairo_RenderPng/%d" % n)
        plot_add("matplotlib %d" % n, mpl_render="matplotlib_render",
                 mpl_png="matplotlib_render_png", n=n)
        plot_add("mplfinance %d" % n, mpl_png="mplfinance_png", n=n)
    # The fill-only candle has no PNG and is its own ratio reference.
    name, o, h, l, c, _, _ = plot_rows[0]
    plot_rows[0] = (name, o, h, l, c, NAN, NAN)
    with open(args.tsv, "w") as f:
        f.write("name\topen_ms\thigh_ms\tlow_ms\tclose_ms\tratio_to_fill\tpng_kb\n")
        for r in plot_rows:
            f.write("\t".join([r[0]] + ["nan" if v != v else repr(v) for v in r[1:]]) + "\n")
    legend = ", ".join(r[0] for r in plot_rows)

    def short(name):
        return (name.replace("candlewick", "cw").replace("matplotlib", "mpl")
                .replace("mplfinance", "mplf").replace(" 1000", "").replace(" 100", ""))

    def values(col, fmt):
        parts = {100: [], 1000: []}
        for r in plot_rows[1:]:
            if r[col] == r[col]:
                parts[1000 if r[0].endswith(" 1000") else 100].append(
                    "%s %s" % (short(r[0]), fmt(r[col])))
        return "100 candles: %s; 1000: %s" % (", ".join(parts[100]), ", ".join(parts[1000]))

    subprocess.run([
        args.perf_plot, "--in", args.tsv, "--out", args.out_png,
        "--width", "1400", "--height", "760",
        "--title", "log10(ms per chart), 800x600. Body: render only -> render + PNG; wicks: "
                   "fastest/slowest run. Left to right: fill-only, then candlewick, Cairo, "
                   "matplotlib, mplfinance at 100 candles, the same at 1000",
        "--ratio_title", "log10(render only / fill-only), line = 2x target. " +
                         values(5, fmt_ratio),
        "--png_title", "PNG KB, line = 8 KB target. " + values(6, lambda v: "%.1f" % v),
    ], check=True)

    # ----------------------------------------------------------------------
    # The document.
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = shell("git rev-parse --short HEAD")
    dirty = shell("git status --porcelain --untracked-files=no")
    gcc = shell("gcc --version | head -1")
    load = ctx.get("load_avg", [])
    L = []
    w = L.append
    w("# Performance: candlewick side by side")
    w("")
    w("Generated by `benchmarks/side_by_side.sh` from one run on %s; do not edit by hand. "
      "Reproduce (Debian 12, as root; installs the benchmark-only packages when missing):" % now)
    w("")
    w("```sh")
    w(args.command)
    w("```")
    w("")
    w("Machine: %s cores (`nproc`), %s at %s MHz, Highway target %s; %s; Bazel `--config=opt` "
      "(-O2). Load average at the start of the C++ run: %s. Source: commit %s%s." %
      (shell("nproc") or ctx.get("num_cpus"), cpu_model(), ctx.get("mhz_per_cpu", "?"),
       ctx.get("highway_target", "?"), gcc or "gcc",
       ", ".join("%.2f" % x for x in load) if load else "?", commit or "?",
       " with uncommitted changes" if dirty else ""))
    w("")
    w("Timings on this machine kind are noisy (10-50%% from run to run, and other work may share "
      "the two cores): read the **ratios**, measured side by side in one run. Every figure is the "
      "median wall time per chart; candlewick, Cairo and the fill-only baseline run in one "
      "binary (`//benchmarks/peers:cairo_peer_benchmark`, %d repetitions each), matplotlib in "
      "`benchmarks/peers/matplotlib_candles.py` right after it (Debian's Python %s, matplotlib "
      "%s; its cases run round-robin, one chart of each per round, up to 25 rounds or about "
      "25 s per candle count), the axes-and-text and million-candle figures in "
      "`//benchmarks:render_benchmark` (with its own fill-only baseline). The C++ repetitions "
      "are interleaved at random across benchmarks, so a burst of load from other work falls "
      "on no single system. The whole script, build included, took %s." % (peer["BM_FillOnly"]["reps"], mpl["python"], mpl["matplotlib_version"],
                    "%.0f s" % args.run_seconds if args.run_seconds == args.run_seconds else "?"))
    w("")
    w("## The same chart, three renderers")
    w("")
    w("All draw candlewick's default crisp chart of the same data, `MakeSeries(n, 42)` "
      "(tests/test_support.cc; the Python peer reimplements its integer xorshift and checks its "
      "FNV-1a checksum against the C++ binary's: %s). 800x600, price panel 70%% and volume 30%% "
      "with a one-row gap, candle i centred in slot i+1 of W/(n+1), bodies 80%% of a slot, "
      "wicks 1/8 of a body, nine horizontal grid lines and a vertical one every n/20 candles, "
      "the classic colours, no axes, no text, no antialiasing; more candles than pixel columns "
      "(1000 in 800) become one aggregated candle per column (first open, highest high, lowest "
      "low, last close, summed volume), in every peer." %
      ", ".join("%s candles `%s`" % (k, v) for k, v in sorted(mpl["checksums"].items(),
                                                             key=lambda kv: int(kv[0]))))
    w("")
    w("- **Cairo** %s: the layout reimplemented (same arithmetic), an ARGB32 image surface, "
      "`CAIRO_ANTIALIAS_NONE`, whole-pixel rectangles batched into one path per colour and "
      "layer, the surface reused and a `cairo_t` per chart; PNG by "
      "`cairo_surface_write_to_png_stream` into memory (libpng defaults, 8-bit RGBA). "
      "Checked at start-up: **%s of 480,000 pixels differ** from candlewick's frame at 100 "
      "candles, **%s** at 1000: the two draw the identical picture." %
      (ctx.get("cairo_version", ""), same[100], same[1000]))
    mpl_same = ("" if mpl_diff is None else
                " Its picture differs from candlewick's in %.1f%% of the pixels at 100 candles "
                "(Agg snaps rectangle edges by its own rounding, so edges move by a pixel; the "
                "chart is the same)." % (100 * mpl_diff))
    w("- **matplotlib** %s (Agg): a fresh `Figure` per chart, two axes placed as the panels, "
      "bodies and volume bars as `Rectangle` patches in `PatchCollection`s, wicks and grid by "
      "`vlines`/`hlines`, `antialiased=False`; render only is `canvas.draw()`, render + PNG is "
      "`savefig` to a `BytesIO`.%s" % (mpl["matplotlib_version"], mpl_same))
    if mpl.get("mplfinance_version"):
        w("- **mplfinance** %s (optional extra, pip-installed into a cache outside the repo, with "
          "pandas %s): its own `mpf.plot(type=\"candle\", volume=True)` chart at 8x6 inches, 100 "
          "dpi, with its default axes and labels, every candle drawn (no aggregation at 1000), "
          "PNG into memory: the chart a Python user would get, not the identical picture." % (mpl["mplfinance_version"],
                                                   mpl.get("pandas_version", "?")))
    if args.extras_note:
        w("- %s" % args.extras_note)
    w("")
    for n in (100, 1000):
        w("## %d candles, 800x600" % n)
        w("")
        w("| system | work | ms per chart | fastest / slowest | x fill-only | x candlewick | "
          "PNG bytes | runs |")
        w("|---|---|---:|---:|---:|---:|---:|---:|")
        for r in tables[n]:
            w("| %s | %s | %s | %s / %s | %s | %s | %s | %s |" % (
                r["system"], r["work"], fmt_ms(r["ms"]), fmt_ms(r["min"]), fmt_ms(r["max"]),
                fmt_ratio(r["ms"] / fill), fmt_ratio(r["ms"] / r["cw_ms"]),
                fmt_bytes(r["png"]), r["reps"]))
        w("")
        w("\"x candlewick\" compares like with like: render with candlewick's render, render + "
          "PNG with candlewick's balanced PNG.")
        w("")
    cairo_paint = peer.get("BM_Cairo_PaintOnly")
    if cairo_paint:
        w("For scale: Cairo painting the background alone (`cairo_paint`, its own fill-only "
          "floor) takes %s ms, %s the fill-only baseline." %
          (fmt_ms(cairo_paint["median"]), fmt_ratio(cairo_paint["median"] / fill)))
        w("")
    w("## With axes and text, and a million candles (render_benchmark)")
    w("")
    w("| work | ms per chart | x its fill-only | PNG bytes |")
    w("|---|---:|---:|---:|")
    rf = rfill["median"] if rfill else NAN
    f1080 = fill1080["median"] if fill1080 else NAN
    for label, r, base in [
            ("100 candles 800x600, axes + labels + title, render only", axes_rgba, rf),
            ("100 candles 800x600, axes + labels + title, render + PNG", axes_png, rf),
            ("1,000,000 candles into 1920x1080, render only", dense_rgba, f1080),
            ("1,000,000 candles into 1920x1080, render + PNG", dense_png, f1080)]:
        if r:
            w("| %s | %s | %s | %s |" % (label, fmt_ms(r["median"]), fmt_ratio(r["median"] / base),
                                         fmt_bytes(r.get("png_bytes"))))
    if mpl_axes:
        w("| matplotlib %s, 100 candles with its default axes, tick labels and a title, "
          "render + PNG | %s | %s | %s |" % (mpl["matplotlib_version"], fmt_ms(mpl_axes["ms_median"]),
                                             fmt_ratio(mpl_axes["ms_median"] / fill),
                                             fmt_bytes(mpl_axes.get("png_bytes"))))
    w("")
    w("Fill-only baselines in this binary: 800x600 %s ms, 1920x1080 %s ms. The million "
      "candles include reading and aggregating all 1,000,000 rows into 1,919 columns." %
      (fmt_ms(rf), fmt_ms(f1080)))
    w("")
    w("## Targets (from the issue)")
    w("")
    w("| target | measured in this run | |")
    w("|---|---|---|")
    for t in targets:
        w("| %s | %s | %s |" % t)
    w("")
    w("References quoted in the issue, measured earlier on this machine kind, not in this run: "
      "the Python library kimsfinance renders and saves this chart in 22 ms with a 5.9 KB "
      "file; fpng, among the fastest PNG encoders, encodes such a frame in 0.38 ms into 23 KB. "
      "candlewick's balanced render + PNG above: %s ms and %s bytes. (%s.)" %
      (fmt_ms(png100["median"]), fmt_bytes(png100.get("png_bytes")), args.kimsfinance_note))
    w("")
    w("## The plot, drawn by candlewick")
    w("")
    w("![log10 ms per chart for each system, drawn by candlewick](performance.png)")
    w("")
    w("`//benchmarks/peers:perf_plot` renders this with the C API (tradingview theme, axes, "
      "antialiased text, two extra panels). Each candle is one system, left to right: %s "
      "(100 candles unless marked 1000). The price axis is log10 of milliseconds per chart "
      "(-1 is 0.1 ms, 2 is 100 ms): a candle opens at the render-only time and closes at the "
      "render + PNG time, so its body is the PNG cost; its wicks reach the fastest and slowest "
      "repetition. A system measured one way only is a flat candle (fill-only; mplfinance, "
      "PNG only). The blue histogram is log10(render only / fill-only) against a line at "
      "log10(2), the 2x target; the orange one is the PNG size in KB against the 8 KB line." %
      legend)
    w("")
    if args.batch_json:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import batch_section
        w(batch_section.section(args.batch_json))
    w("## Notes")
    w("")
    w("- Wall time (Google Benchmark's real time; `time.perf_counter` in Python). Google "
      "Benchmark reports Debian's `libbenchmark` as a debug build; that is the harness "
      "library, not the code measured, which is built with `-O2`.")
    w("- Each chart's time includes the layout from the raw series (validation, scaling, "
      "aggregation), in every peer; candlewick and Cairo reuse their frame/surface, matplotlib "
      "builds a new Figure (that is how it is used).")
    w("- candlewick's PNG of a crisp chart is a palette image (the chart has a handful of "
      "colours); Cairo writes 8-bit RGBA, matplotlib 8-bit RGBA.")
    for s in mpl.get("skipped", []):
        w("- Skipped optional peer: %s." % s)
    w("- Raw results of this run: the Google Benchmark JSON and the peer's JSON are left in "
      "the temporary directory the script prints; nothing here is committed automatically.")
    w("")
    with open(args.out_md, "w") as f:
        f.write("\n".join(L))
    print("wrote %s and %s" % (args.out_md, args.out_png), file=sys.stderr)


if __name__ == "__main__":
    main()
