#!/usr/bin/env python3
"""Every indicator candlewick shares with TA-Lib, side by side on one machine.

For each indicator at its default parameters it reports
  * candlewick's time per bar over 1,000,000 bars (the BM_Every/<name> runs
    of //benchmarks:indicators_benchmark, one core),
  * TA-Lib's time per bar over 1,000,000 bars of the same kind of data (a
    random walk around 1000 with a random range; best of several runs),
  * the largest relative difference between the two libraries' values on a
    5,000-bar series computed by `candlewick indicators` (the CLI), and
    whether both leave the same rows undefined (NaN).

TA-Lib is a measuring stick only, never a dependency: run this with a Python
that has it, e.g.
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install ta-lib numpy
    bazel build --config=opt //benchmarks:indicators_benchmark //:candlewick
    taskset -c 1 /tmp/peers/bin/python benchmarks/talib_side_by_side.py
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import talib

# name -> (TA-Lib function, its inputs from o/h/l/c/v, our outputs in TA-Lib's
# output order). Default parameters on both sides: they agree (TA-Lib 0.6).
H, L, C = "high", "low", "close"
CASES = {
    "sma": (talib.SMA, [C]), "ema": (talib.EMA, [C]), "wma": (talib.WMA, [C]),
    "dema": (talib.DEMA, [C]), "tema": (talib.TEMA, [C]), "trima": (talib.TRIMA, [C]),
    "kama": (talib.KAMA, [C]), "trix": (talib.TRIX, [C]), "rsi": (talib.RSI, [C]),
    "cmo": (talib.CMO, [C]), "mom": (talib.MOM, [C]), "roc": (talib.ROC, [C]),
    "rocp": (talib.ROCP, [C]), "rocr": (talib.ROCR, [C]), "rocr100": (talib.ROCR100, [C]),
    "midpoint": (talib.MIDPOINT, [C]), "max": (talib.MAX, [C]), "min": (talib.MIN, [C]),
    "sum": (talib.SUM, [C]), "stddev": (talib.STDDEV, [C]), "var": (talib.VAR, [C]),
    "linearreg": (talib.LINEARREG, [C]), "linearreg_slope": (talib.LINEARREG_SLOPE, [C]),
    "linearreg_intercept": (talib.LINEARREG_INTERCEPT, [C]),
    "linearreg_angle": (talib.LINEARREG_ANGLE, [C]), "tsf": (talib.TSF, [C]),
    "apo": (talib.APO, [C]), "ppo": (talib.PPO, [C]), "macd": (talib.MACD, [C]),
    "bbands": (talib.BBANDS, [C]), "stochrsi": (talib.STOCHRSI, [C]),
    "trange": (talib.TRANGE, [H, L, C]), "atr": (talib.ATR, [H, L, C]),
    "natr": (talib.NATR, [H, L, C]), "willr": (talib.WILLR, [H, L, C]),
    "cci": (talib.CCI, [H, L, C]), "plus_di": (talib.PLUS_DI, [H, L, C]),
    "minus_di": (talib.MINUS_DI, [H, L, C]), "dx": (talib.DX, [H, L, C]),
    "adx": (talib.ADX, [H, L, C]), "adxr": (talib.ADXR, [H, L, C]),
    "stoch": (talib.STOCH, [H, L, C]), "stochf": (talib.STOCHF, [H, L, C]),
    "ultosc": (talib.ULTOSC, [H, L, C]), "typprice": (talib.TYPPRICE, [H, L, C]),
    "wclprice": (talib.WCLPRICE, [H, L, C]), "aroon": (talib.AROON, [H, L]),
    "aroonosc": (talib.AROONOSC, [H, L]), "midprice": (talib.MIDPRICE, [H, L]),
    "medprice": (talib.MEDPRICE, [H, L]), "sar": (talib.SAR, [H, L]),
    "avgprice": (talib.AVGPRICE, ["open", H, L, C]), "bop": (talib.BOP, ["open", H, L, C]),
    "obv": (talib.OBV, [C, "volume"]), "ad": (talib.AD, [H, L, C, "volume"]),
    "adosc": (talib.ADOSC, [H, L, C, "volume"]), "mfi": (talib.MFI, [H, L, C, "volume"]),
}


def bars(n, seed):
    rng = np.random.default_rng(seed)
    close = np.maximum(1.0, 1000.0 + np.cumsum(rng.normal(size=n)))
    open_ = np.concatenate([[close[0]], close[:-1]])
    high = np.maximum(open_, close) + rng.random(n)
    low = np.minimum(open_, close) - rng.random(n)
    volume = 1000.0 * (high - low) + 100.0
    return {"open": open_, "high": high, "low": low, "close": close, "volume": volume}


def as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


def talib_ns_per_bar(fn, columns, n):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        fn(*columns)
        best = min(best, time.perf_counter() - start)
    return best / n * 1e9


def candlewick_ns_per_bar(bench, min_time):
    # Three repetitions, the best kept: the same rule as TA-Lib's best of 5
    # (this machine's noise only ever adds time).
    out = subprocess.run(
        [bench, "--benchmark_filter=BM_Every/", "--benchmark_format=json",
         "--benchmark_min_time=%g" % min_time, "--benchmark_repetitions=3"],
        check=True, capture_output=True, text=True).stdout
    result = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["name"].split("/", 1)[1]
        ns = b["per_bar"] * 1e9  # the counter is seconds per bar
        result[name] = min(result.get(name, float("inf")), ns)
    return result


def candlewick_values(cli, data, names):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.csv"), os.path.join(tmp, "out.csv")
        with open(src, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["time", "open", "high", "low", "close", "volume"])
            for i in range(len(data["close"])):
                w.writerow([1700000000 + 60 * i] + ["%.17g" % data[k][i] for k in
                                                    ("open", "high", "low", "close", "volume")])
        cmd = [cli, "indicators", "--csv", src, "--out", dst]
        for name in names:
            cmd += ["--ind", name]
        subprocess.run(cmd, check=True)
        with open(dst) as f:
            rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    columns = {}
    for j, title in enumerate(header[1:], start=1):
        columns[title] = np.array([float(r[j]) if r[j] else np.nan for r in body])
    return columns


def compare(ours, theirs):
    if ours.shape != theirs.shape:
        return float("inf"), False
    same_nan = bool(np.array_equal(np.isnan(ours), np.isnan(theirs)))
    both = ~np.isnan(ours) & ~np.isnan(theirs)
    if not both.any():
        return 0.0, same_nan
    scale = max(np.max(np.abs(theirs[both])), 1e-300)
    err = np.abs(ours[both] - theirs[both]) / np.maximum(np.abs(theirs[both]), 1e-9 * scale)
    return float(err.max()), same_nan


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bench", default=os.path.join(
        root, "bazel-out/k8-optopt/bin/benchmarks/indicators_benchmark"))
    p.add_argument("--cli", default=os.path.join(root, "bazel-bin/tools/cli/candlewick"))
    p.add_argument("--min-time", type=float, default=0.2)
    args = p.parse_args()

    ours_time = candlewick_ns_per_bar(args.bench, args.min_time)
    big = bars(1_000_000, 42)
    small = bars(5000, 7)
    values = candlewick_values(args.cli, small, list(CASES))

    print("| indicator | candlewick ns/bar | TA-Lib %s ns/bar | TA-Lib / candlewick | "
          "max rel. difference | same NaN rows |" % talib.__version__)
    print("|---|---|---|---|---|---|")
    slower = []
    for name, (fn, inputs) in CASES.items():
        theirs_time = talib_ns_per_bar(fn, [big[k] for k in inputs], len(big["close"]))
        expected = as_tuple(fn(*[small[k] for k in inputs]))
        # One output: the column is the name; several: name_<output>.
        if len(expected) == 1:
            got = [name] if name in values else []
        else:
            got = [k for k in values if k.startswith(name + "_")]
        if len(got) != len(expected):
            print("%s: %d outputs here, %d in TA-Lib" % (name, len(got), len(expected)),
                  file=sys.stderr)
            continue
        worst, same_nan = 0.0, True
        for k, want in zip(got, expected):
            err, nan_ok = compare(values[k], np.asarray(want, dtype=float))
            worst, same_nan = max(worst, err), same_nan and nan_ok
        ours = ours_time.get(name, float("nan"))
        ratio = theirs_time / ours
        if ratio < 1:
            slower.append(name)
        print("| %s | %.2f | %.2f | %.1fx | %.1e | %s |" %
              (name, ours, theirs_time, ratio, worst, "yes" if same_nan else "NO"))
    print("\ncandlewick slower than TA-Lib: %s" % (", ".join(slower) or "none"))


if __name__ == "__main__":
    main()
