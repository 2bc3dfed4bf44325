"""Renders a chart for every symbol across a Dask cluster (dask.distributed).

    python render_symbols.py --symbols 10000 --bars 5000 --out charts/             # LocalCluster
    python render_symbols.py --scheduler tcp://10.0.0.5:8786 --out /shared/charts   # many machines
    python render_symbols.py --workers 0 --out ref/          # no Dask: one process

Symbols are split into partitions of --partition-size; each partition is one
task that makes each symbol's synthetic OHLCV, computes SMA(20/50),
Bollinger bands and RSI(14) over the whole history, and renders the last
--window bars with them in one batch through its worker process's
candlewick.Renderer (chartjob.py).  Charts go to OUT/charts/<symbol>.png;
OUT/summary.csv has one row per symbol (the PNG's SHA-256 and the last
indicator values), the same whichever cluster ran it.  Exits 1 if any
symbol failed.

With --scheduler, OUT must be a folder every worker can write (a shared
file system), and the workers need candlewick, NumPy and dask installed;
chartjob.py is uploaded to them.
"""

import argparse
import csv
import os
import sys
import time

import chartjob

HERE = os.path.dirname(os.path.abspath(__file__))


def partitions(symbols, size):
    return [symbols[i:i + size] for i in range(0, len(symbols), size)]


def run(args):
    symbols = ["SYM%05d" % i for i in range(args.symbols)]
    parts = partitions(symbols, args.partition_size)
    os.makedirs(args.out, exist_ok=True)
    task = dict(bars=args.bars, window=args.window, out_dir=os.path.abspath(args.out),
                width=args.width, height=args.height, threads=args.threads)
    if args.scheduler is None and args.workers == 0:
        started = time.perf_counter()
        results = [chartjob.render_partition(part, **task) for part in parts]
        elapsed = time.perf_counter() - started
    else:
        from dask.distributed import Client, LocalCluster

        if args.scheduler is not None:
            client = Client(args.scheduler)
            client.upload_file(os.path.join(HERE, "chartjob.py"))
            cluster = None
        else:
            # Processes, not threads: each worker is its own interpreter with
            # its own Renderer; the renderer's batch threads do the parallel
            # work inside one partition.
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        try:
            started = time.perf_counter()  # the cluster is up
            futures = client.map(chartjob.render_partition, parts, pure=False, **task)
            results = client.gather(futures)
            elapsed = time.perf_counter() - started
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    rows = [row for _, part_rows in results for row in part_rows]
    processes = len({pid for pid, _ in results})
    rows.sort(key=lambda row: row[0])
    with open(os.path.join(args.out, "summary.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["symbol", "png_sha256", "close", "sma50", "rsi14", "bb_upper"])
        writer.writerows(rows)
    failed = [row for row in rows if row[1].startswith("error")]
    print("%d charts (%d bars each, last %d drawn) in %.2f s, %d tasks in %d process(es): "
          "%.0f charts/s; %d failed"
          % (len(rows), args.bars, args.window, elapsed, len(parts), processes,
             len(rows) / max(elapsed, 1e-9), len(failed)))
    for row in failed[:10]:
        print("  %s: %s" % (row[0], row[1]), file=sys.stderr)
    return 1 if failed else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--symbols", type=int, default=10000)
    parser.add_argument("--bars", type=int, default=5000, help="bars per symbol")
    parser.add_argument("--window", type=int, default=250, help="bars drawn per chart")
    parser.add_argument("--partition-size", type=int, default=100, help="symbols per task")
    parser.add_argument("--width", type=int, default=800)
    parser.add_argument("--height", type=int, default=600)
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--scheduler", help="address of a running scheduler")
    parser.add_argument("--workers", type=int, default=2,
                        help="LocalCluster worker processes (0: no Dask, this process)")
    parser.add_argument("--threads", type=int, default=1,
                        help="render threads per worker process (Renderer threads)")
    args = parser.parse_args(argv)
    if args.window > args.bars or args.symbols < 0 or args.partition_size < 1:
        parser.error("need 0 <= symbols, 1 <= partition-size and window <= bars")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
