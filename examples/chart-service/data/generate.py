#!/usr/bin/env python3
"""Writes the service's sample data: daily OHLCV random walks (a fixed seed,
so the files are reproducible) for a few made-up symbols.
Usage: python3 data/generate.py   (from examples/chart-service)."""
import csv
import os
import random

here = os.path.dirname(os.path.abspath(__file__))
for symbol, seed, start_price, rows in (("ACME", 1, 120.0, 1500), ("GLOBEX", 2, 48.0, 1500),
                                        ("INITECH", 3, 9.5, 400)):
    rng = random.Random(seed)
    price = start_price
    with open(os.path.join(here, symbol + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["time", "open", "high", "low", "close", "volume"])
        for i in range(rows):
            t = 1577836800 + i * 86400  # 2020-01-01, daily
            o = price
            c = max(0.5, o * (1 + rng.gauss(0, 0.02)))
            h = max(o, c) * (1 + abs(rng.gauss(0, 0.006)))
            l = min(o, c) * (1 - abs(rng.gauss(0, 0.006)))
            v = int(rng.uniform(2e5, 3e6))
            w.writerow([t, "%.2f" % o, "%.2f" % h, "%.2f" % l, "%.2f" % c, v])
            price = c
