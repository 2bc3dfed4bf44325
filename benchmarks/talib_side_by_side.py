#!/usr/bin/env python3
"""Every indicator candlewick shares with TA-Lib, side by side on one machine.

For each indicator at its default parameters it reports
  * both C libraries' time per bar over the same 1,000,000 bars (a random
    walk around 1000 with a random range), in one process, on the very same
    NumPy arrays, each writing into output buffers allocated once: candlewick
    through cw_indicator_compute() and TA-Lib through its TA_<NAME>()
    function (the C library bundled with the `ta-lib` module), both called
    through ctypes; each library called in blocks of consecutive calls
    (ours, theirs, theirs, ours) and its best call kept (noise here only
    ever adds time);
  * candlewick's time per bar in its Google Benchmark run (BM_Every/<name>
    of //benchmarks:indicators_benchmark, C++), for reference;
  * the largest relative difference between candlewick's values and the
    `ta-lib` module's on a 5,000-bar series, and whether both leave the same
    rows undefined (NaN).

TA-Lib is a measuring stick only, never a dependency: run this with a Python
that has it, e.g.
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install ta-lib numpy
    bazel build --config=opt //benchmarks:indicators_benchmark //capi:libcandlewick.so
    taskset -c 1 /tmp/peers/bin/python benchmarks/talib_side_by_side.py
"""

import argparse
import ctypes
import ctypes.util
import glob
import json
import os
import subprocess
import sys
import time

import numpy as np
import talib
import talib.abstract

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


class Candlewick:
    """candlewick's indicators through its C ABI (capi/candlewick.h)."""

    class Column(ctypes.Structure):  # cw_f64_column
        _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t),
                    ("stride", ctypes.c_ssize_t)]

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        lib.cw_indicator_find.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32)]
        lib.cw_indicator_context_create.argtypes = [ctypes.c_void_p,
                                                    ctypes.POINTER(ctypes.c_void_p)]
        lib.cw_indicator_context_last_error.restype = ctypes.c_char_p
        lib.cw_indicator_context_last_error.argtypes = [ctypes.c_void_p]
        lib.cw_indicator_compute.argtypes = [
            ctypes.c_void_p, ctypes.c_int32, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p,
            ctypes.c_size_t, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t]
        self.lib = lib
        self.context = ctypes.c_void_p()
        if lib.cw_indicator_context_create(None, ctypes.byref(self.context)) != 0:
            raise RuntimeError("cw_indicator_context_create failed")

    def function(self, name, n, outputs):
        """A callable computing `name` (default parameters) over columns of n
        rows into `outputs` new arrays, allocated once; it returns them."""
        ident = ctypes.c_int32()
        if self.lib.cw_indicator_find(name.encode(), ctypes.byref(ident)) != 0:
            raise KeyError(name)
        out = tuple(np.empty(n) for _ in range(outputs))
        ptrs = (ctypes.c_void_p * outputs)(*[o.ctypes.data for o in out])

        def compute(*columns):
            cols = (self.Column * len(columns))(
                *[self.Column(c.ctypes.data, n, 0) for c in columns])
            status = self.lib.cw_indicator_compute(self.context, ident, cols, len(columns),
                                                   None, 0, ptrs, outputs, n)
            if status != 0:
                raise RuntimeError("%s: %s" % (
                    name, self.lib.cw_indicator_context_last_error(self.context).decode()))
            return out

        return compute


class TaLibC:
    """TA-Lib's C functions (TA_<NAME>) from the library the `ta-lib` module
    bundles (or a system libta-lib), called as a C user calls them."""

    def __init__(self, path=None):
        if path is None:
            here = os.path.dirname(os.path.dirname(os.path.abspath(talib.__file__)))
            found = sorted(glob.glob(os.path.join(here, "ta_lib.libs", "libta*lib*.so*")))
            path = found[0] if found else (ctypes.util.find_library("ta-lib") or
                                           ctypes.util.find_library("ta_lib"))
        if path is None:
            raise SystemExit("no TA-Lib C library found: pass --talib-lib PATH")
        self.lib = ctypes.CDLL(path)
        self.path = path

    def function(self, name, n, inputs, outputs):
        """TA_<NAME>(0, n-1, inputs..., default parameters..., &begin, &count,
        outputs...) into `outputs` arrays allocated once."""
        params = talib.abstract.Function(name.upper()).info["parameters"]
        fn = getattr(self.lib, "TA_" + name.upper())
        types = [ctypes.c_int, ctypes.c_int] + [ctypes.c_void_p] * inputs
        values = []
        for value in params.values():
            types.append(ctypes.c_double if isinstance(value, float) else ctypes.c_int)
            values.append(value)
        types += [ctypes.POINTER(ctypes.c_int)] * 2 + [ctypes.c_void_p] * outputs
        fn.argtypes = types
        begin, count = ctypes.c_int(), ctypes.c_int()
        out = tuple(np.empty(n) for _ in range(outputs))

        def compute(*columns):
            status = fn(0, n - 1, *[c.ctypes.data for c in columns], *values,
                        ctypes.byref(begin), ctypes.byref(count),
                        *[o.ctypes.data for o in out])
            if status != 0:
                raise RuntimeError("TA_%s returned %d" % (name.upper(), status))
            return out

        return compute


def ns_per_bar_side_by_side(ours, theirs, columns, rounds):
    """Best of `rounds` consecutive calls of each, in blocks ordered ours,
    theirs, theirs, ours: each library is timed in its own steady state
    (its output's cache footprint, not the other's), and a slow stretch of
    the machine falls on both."""
    best = [float("inf"), float("inf")]
    for k in (0, 1, 1, 0):
        fn = (ours, theirs)[k]
        for _ in range(rounds):
            start = time.perf_counter()
            fn(*columns)
            best[k] = min(best[k], time.perf_counter() - start)
    n = len(columns[0])
    return best[0] / n * 1e9, best[1] / n * 1e9


def benchmark_ns_per_bar(bench, min_time):
    """BM_Every/<name> per bar, the best of three repetitions, or {} when the
    benchmark binary is not built."""
    if not os.path.exists(bench):
        return {}
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
    p.add_argument("--lib", default=os.path.join(
        root, "bazel-out/k8-optopt/bin/capi/libcandlewick.so"))
    p.add_argument("--talib-lib", default=None,
                   help="TA-Lib's C library (default: the one the ta-lib module bundles)")
    p.add_argument("--bench", default=os.path.join(
        root, "bazel-out/k8-optopt/bin/benchmarks/indicators_benchmark"))
    p.add_argument("--rounds", type=int, default=5,
                   help="consecutive calls of a library per block (two blocks each); "
                        "the best is kept")
    p.add_argument("--min-time", type=float, default=0.2)
    args = p.parse_args()

    cw = Candlewick(args.lib)
    ta = TaLibC(args.talib_lib)
    bench_time = benchmark_ns_per_bar(args.bench, args.min_time)
    big = bars(1_000_000, 42)
    small = bars(5000, 7)
    n = len(big["close"])

    print("| indicator | candlewick ns/bar | TA-Lib %s ns/bar | TA-Lib / candlewick | "
          "candlewick C++ benchmark ns/bar | max rel. difference | same NaN rows |"
          % talib.__version__)
    print("|---|---|---|---|---|---|---|")
    slower = []
    for name, (fn, inputs) in CASES.items():
        expected = as_tuple(fn(*[small[k] for k in inputs]))
        got = cw.function(name, len(small["close"]), len(expected))(*[small[k] for k in inputs])
        worst, same_nan = 0.0, True
        for mine, want in zip(got, expected):
            err, nan_ok = compare(mine, np.asarray(want, dtype=float))
            worst, same_nan = max(worst, err), same_nan and nan_ok
        columns = [big[k] for k in inputs]
        ours, theirs = ns_per_bar_side_by_side(
            cw.function(name, n, len(expected)), ta.function(name, n, len(inputs), len(expected)),
            columns, args.rounds)
        ratio = theirs / ours
        if ratio < 1:
            slower.append(name)
        print("| %s | %.2f | %.2f | %.2fx | %.2f | %.1e | %s |" %
              (name, ours, theirs, ratio, bench_time.get(name, float("nan")), worst,
               "yes" if same_nan else "NO"))
    print("\ncandlewick slower than TA-Lib: %s" % (", ".join(slower) or "none"))
    print("TA-Lib's C library: %s" % ta.path)


if __name__ == "__main__":
    main()
