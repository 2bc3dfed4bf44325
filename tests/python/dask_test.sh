#!/bin/bash
# examples/dask on a dask.distributed LocalCluster of 2 worker processes
# gives exactly the files (every chart's bytes, summary.csv) of the same job
# run in one process without Dask (issue 12), and the work really ran in two
# processes.  candlewick is the wheel in $CANDLEWICK_WHEEL (tools/test.sh
# passes pip_test.sh's repaired wheel: built once), else `pip install
# ./swig/python`; NumPy, dask and distributed come from PyPI, pinned in
# tests/python/constraints.txt, into a Python 3.11 venv under a temporary
# folder that also holds pip's cache and is removed at the end.  Every step
# is bounded by `timeout`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

py311=${CANDLEWICK_PY311:-/root/.pyenv/versions/3.11.7/bin/python3}
if [ ! -x "$py311" ]; then
  echo "dask_test: $py311 is missing (set CANDLEWICK_PY311)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PIP_CONSTRAINT=$root/tests/python/constraints.txt
export PIP_CACHE_DIR=$tmp/pip-cache
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
failures=0
check() {  # check "description" command...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

echo "--- a Python 3.11 venv with candlewick, dask and distributed"
"$py311" -m venv "$tmp/venv"
python=$tmp/venv/bin/python
package=${CANDLEWICK_WHEEL:-./swig/python}
timeout 900 "$python" -m pip install -q "$package" dask distributed
if [ -z "${CANDLEWICK_WHEEL:-}" ]; then rm -rf swig/python/build swig/python/candlewick.egg-info; fi
"$python" -c "import candlewick, dask, distributed; \
print('candlewick', candlewick.__version__, 'dask', dask.__version__, 'distributed', distributed.__version__)"

# Small enough for CI (seconds), big enough for many tasks on both workers.
job=(--symbols 96 --bars 1500 --window 250 --partition-size 8 --width 640 --height 400)
run() {  # run LABEL ARGS...: the example from a neutral folder, bounded
  local label=$1 rc=0
  shift
  (cd "$tmp" && timeout 600 "$python" "$root/examples/dask/render_symbols.py" "${job[@]}" "$@") \
    >"$tmp/$label.log" 2>&1 || rc=$?
  cat "$tmp/$label.log"
  check "$label: render_symbols.py exits 0" test $rc -eq 0
}
echo "--- one process, no Dask: the reference"
run single --workers 0 --out "$tmp/single"
echo "--- a LocalCluster of 2 worker processes"
run cluster --workers 2 --threads 1 --out "$tmp/cluster"

check "single: 96 charts" test "$(ls "$tmp/single/charts" | wc -l)" -eq 96
check "cluster: the 12 tasks ran in 2 worker processes" \
  grep -q "12 tasks in 2 process(es)" "$tmp/cluster.log"
check "every chart and summary.csv byte-identical to the one-process run" \
  diff -r "$tmp/single" "$tmp/cluster"
# The summary's hashes are the files' (checked by another tool), and the
# files are PNGs: the comparison above compared real charts.
hashes_match() {
  tail -n +2 "$tmp/cluster/summary.csv" | cut -d, -f1,2 | tr , ' ' |
    while read -r symbol hash; do
      [ "$(sha256sum <"$tmp/cluster/charts/$symbol.png" | cut -d' ' -f1)" = "$hash" ] || exit 1
      [ "$(head -c 8 "$tmp/cluster/charts/$symbol.png" | od -An -tx1 | tr -d ' \n')" = \
        "89504e470d0a1a0a" ] || exit 1
    done
}
check "summary.csv lists each PNG's SHA-256" hashes_match
check "summary.csv has a row per symbol with indicator values" \
  test "$(tail -n +2 "$tmp/single/summary.csv" | grep -cE '^SYM[0-9]{5},[0-9a-f]{64},[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+$')" -eq 96

if [ $failures -ne 0 ]; then
  echo "dask_test: $failures check(s) failed"
  exit 1
fi
echo "dask_test: all checks passed"
