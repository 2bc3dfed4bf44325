#!/usr/bin/python3
"""The "Batch rendering" section of docs/performance.md, from the JSON of
//benchmarks:batch_benchmark (Google Benchmark, --benchmark_out_format=json,
ideally with repetitions). write_performance_md.py includes it in a full
side-by-side run; on its own, --splice replaces (or adds) just this section
of an existing docs/performance.md:

  bazel run --config=opt //benchmarks:batch_benchmark -- \\
      --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \\
      --benchmark_out=$PWD/batch.json --benchmark_out_format=json
  python3 benchmarks/peers/batch_section.py --batch-json batch.json \\
      --splice docs/performance.md

Plain Python 3.
"""
import argparse
import datetime
import statistics
import sys

from benchmark_json import load_iterations

HEADING = "## Batch rendering"

ROWS = [
    ("BM_ChartLoop/real_time", "one `cw_chart`, render + PNG in a loop (the baseline)", 1),
    ("BM_RendererSingle/real_time", "`cw_renderer_render`, one thread", 1),
    ("BM_Batch/1/real_time", "`cw_renderer_render_batch`, 1 thread", 1),
    ("BM_Batch/2/real_time", "`cw_renderer_render_batch`, 2 threads", 2),
    ("BM_Batch/4/real_time", "`cw_renderer_render_batch`, 4 threads", 4),
]


def load(path):
    rows, doc = load_iterations(path)
    runs = {}
    for b in rows:
        r = runs.setdefault(b["run_name"], {"rates": [], "allocs": [], "bytes": [], "cpu": []})
        r["rates"].append(b["items_per_second"])
        r["cpu"].append(b.get("charts_per_cpu_s", float("nan")))
        r["allocs"].append(b.get("allocs_per_chart", float("nan")))
        r["bytes"].append(b.get("alloc_bytes_per_chart", float("nan")))
        if "png_bytes" in b:
            r["png_bytes"] = int(b["png_bytes"])
    return runs, doc.get("context", {})


def section(path, command=None):
    runs, ctx = load(path)
    loop = runs.get("BM_ChartLoop/real_time")
    one = runs.get("BM_Batch/1/real_time")
    if not loop or not one:
        raise SystemExit("batch_section: %s lacks BM_ChartLoop or BM_Batch/1" % path)
    cpus = ctx.get("num_cpus", 0)
    reps = max(len(r["rates"]) for r in runs.values())
    med = {name: statistics.median(r["rates"]) for name, r in runs.items()}
    out = []
    w = out.append
    w(HEADING)
    w("")
    load_avg = ctx.get("load_avg")
    w("`//benchmarks:batch_benchmark`, run %s on %s CPUs (load average at its start: %s): the "
      "100-candle 800x600 PNG (balanced) in batches of 64 jobs through one `cw_renderer`, and, "
      "in the same binary, its baseline: one `cw_chart` rendering the same PNG in a loop on one "
      "thread. Figures are medians of %d repetition%s (interleaved at random when repeated); "
      "allocations are counted process-wide (the binary interposes `malloc`), in the timed "
      "loop, after warm-up. Reproduce:" % (
          ctx.get("date", "?"), cpus,
          ", ".join("%.2f" % x for x in load_avg) if load_avg else "not reported",
          reps, "" if reps == 1 else "s"))
    w("")
    w("```sh")
    w(command or "bazel run --config=opt //benchmarks:batch_benchmark -- "
      "--benchmark_repetitions=5 --benchmark_enable_random_interleaving=true")
    w("```")
    w("")
    w("| work | charts/s | ms per chart | x batch on 1 thread | per core x the loop "
      "| per CPU-second x the loop | allocations per chart | bytes allocated per chart |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    loop_cpu = statistics.median(loop["cpu"])
    for name, label, threads in ROWS:
        if name not in runs:
            continue
        rate = med[name]
        cores = min(threads, cpus) if cpus else threads
        w("| %s | %s | %.3f | %.2fx | %.2fx | %.2fx | %.2f | %s |" % (
            label, "{:,.0f}".format(rate), 1e3 / rate, rate / med["BM_Batch/1/real_time"],
            rate / cores / med["BM_ChartLoop/real_time"],
            statistics.median(runs[name]["cpu"]) / loop_cpu,
            statistics.median(runs[name]["allocs"]),
            "{:,.0f}".format(statistics.median(runs[name]["bytes"]))))
    w("")
    png = loop.get("png_bytes")
    two = med.get("BM_Batch/2/real_time")
    w("\"Per core\" divides the wall-clock rate by the CPUs the threads can use; \"per "
      "CPU-second\" divides the charts by the CPU time the whole process used (all its "
      "threads), which other work on the machine does not inflate.")
    w("")
    w("The PNG is %s bytes; the two allocations of a chart are its `cw_buffer` handle and "
      "the bytes it holds, and nothing else is allocated in the steady state (zlib's state, "
      "row buffers and frames are kept by each cached chart)." % (
          "{:,}".format(png) if png else "?"))
    w("")
    if two is not None and cpus:
        speedup = two / med["BM_Batch/1/real_time"]
        per_core = two / min(2, cpus) / med["BM_ChartLoop/real_time"]
        allocs = statistics.median(runs["BM_Batch/2/real_time"]["allocs"])
        w("| target (issue 12) | measured | |")
        w("|---|---|---|")
        w("| 2 threads >= 1.8x one thread, on this %d-CPU machine | %.2fx | **%s** |" % (
            cpus, speedup, "met" if speedup >= 1.8 else "not met"))
        w("| per core >= 0.9x the single-chart loop | %.2fx | **%s** |" % (
            per_core, "met" if per_core >= 0.9 else "not met"))
        w("| steady-state allocations: the output only | %.2f per chart (handle + bytes) | "
          "**%s** |" % (allocs, "met" if abs(allocs - 2.0) < 0.01 else "not met"))
        w("")
    w("More threads than CPUs (four on two here) oversubscribe them: the threads are "
      "time-sliced and two charts' working sets (a 1.9 MB frame each at 800x600) take "
      "turns in each core's caches, so each chart costs more CPU time (the per-CPU-second "
      "column) and the rate falls below the one-thread-per-CPU figure. The default "
      "(`threads` 0) is one thread per CPU the process may use. The machines these "
      "figures come from are shared; a busy neighbour lowers the multi-thread figures "
      "first, so read them with the load average above.")
    w("")
    return "\n".join(out)


def splice(doc_path, text):
    with open(doc_path) as f:
        doc = f.read()
    lines = doc.split("\n")
    start = next((i for i, l in enumerate(lines) if l.strip() == HEADING), None)
    if start is not None:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = text.split("\n")
    else:
        at = next((i for i, l in enumerate(lines) if l.strip() == "## Notes"), len(lines))
        lines[at:at] = text.split("\n")
    with open(doc_path, "w") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch-json", required=True)
    ap.add_argument("--splice", help="docs/performance.md to update in place")
    ap.add_argument("--command", help="the command line to show")
    args = ap.parse_args()
    text = section(args.batch_json, args.command)
    if args.splice:
        splice(args.splice, text)
        print("updated %s (%s)" % (args.splice, datetime.datetime.now().isoformat(" ", "minutes")),
              file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    main()
