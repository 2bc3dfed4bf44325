"""mplfinance's half of docs/gallery/labels/: draws every case of cases.tsv
(written by //tools/gallery:labels) from the same CSV, with the same
indicator values, time zone, size and chart type, so the two libraries'
labels can be compared side by side.  mplfinance is only a measuring stick
here; candlewick never depends on it.

    python mplfinance_side_by_side.py DIR     (run by mplfinance_side_by_side.sh)
"""

import csv
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import mplfinance as mpf  # noqa: E402
import pandas as pd  # noqa: E402


def frame(path, time_zone):
    df = pd.read_csv(path)
    index = pd.to_datetime(df["time"], unit="s", utc=True)
    # mplfinance labels the index as given: local wall-clock times.
    index = index.dt.tz_convert(time_zone or "UTC").dt.tz_localize(None)
    df.index = pd.DatetimeIndex(index, name="Date")
    return df.rename(columns={"open": "Open", "high": "High", "low": "Low",
                              "close": "Close", "volume": "Volume"})


def label(spec):
    """The CSV column candlewick wrote for a spec: sma:20 -> sma_20."""
    name, _, params = spec.partition(":")
    return "_".join([name] + [p for p in params.split(",") if p])


def draw(case, out_dir):
    df = frame("%s/%s.csv" % (out_dir, case["series"]), case["time_zone"])
    colors = ["#FFB300", "#42A5F5", "#AB47BC", "#26C6DA"]
    plots = []
    for i, spec in enumerate(case["overlays"].split()):
        plots.append(mpf.make_addplot(df[label(spec)], color=colors[i % 4], width=1.2))
    panel = 2
    for spec in case["panels"].split():
        stem = label(spec)
        if spec.startswith("macd"):
            plots.append(mpf.make_addplot(df[stem + "_hist"], type="bar", panel=panel,
                                          color="#9E9E9E", ylabel=stem.upper()))
            plots.append(mpf.make_addplot(df[stem + "_macd"], panel=panel, color=colors[1]))
            plots.append(mpf.make_addplot(df[stem + "_signal"], panel=panel, color=colors[2]))
        else:
            plots.append(mpf.make_addplot(df[stem], panel=panel, color=colors[2],
                                          ylim=(0, 100), ylabel=stem.upper()))
        panel += 1
    kwargs = dict(type=case["type"], style="yahoo", figsize=(9, 5.6),
                  title="mplfinance  " + case["case"],
                  savefig=dict(fname="%s/%s_mplfinance.png" % (out_dir, case["case"]), dpi=100),
                  warn_too_much_data=10000)
    if case["type"] == "renko":
        kwargs["renko_params"] = dict(brick_size=float(case["box"]))
    elif case["type"] == "pnf":
        kwargs["pnf_params"] = dict(box_size=float(case["box"]), reversal=3)
    else:
        kwargs["volume"] = True
        if plots:
            kwargs["addplot"] = plots
    mpf.plot(df, **kwargs)


def main():
    # mplfinance 0.12.10b0 indexes Series by position (FutureWarning in
    # pandas 2.2): its problem, not this page's.
    warnings.simplefilter("ignore", FutureWarning)
    out_dir = sys.argv[1]
    with open("%s/cases.tsv" % out_dir) as f:
        cases = list(csv.DictReader(f, delimiter="\t"))
    for case in cases:
        draw(case, out_dir)
        print("drew %s" % case["case"])


if __name__ == "__main__":
    main()
