"""Reading Google Benchmark's JSON output (--benchmark_format=json)."""

import json


def load_iterations(path):
    """The timed rows of `path`, one per repetition, without the aggregate
    rows (mean, median...) and the runs that failed; and the whole document."""
    with open(path) as f:
        doc = json.load(f)
    rows = [b for b in doc["benchmarks"]
            if b.get("run_type") == "iteration" and not b.get("error_occurred")]
    return rows, doc
