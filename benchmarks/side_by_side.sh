#!/bin/bash
# Side-by-side benchmark, one script, same data and size: candlewick against
# Cairo drawing the identical chart and matplotlib drawing it too, with the
# fill-only memory baseline; then writes docs/performance.md with the ratios
# and docs/performance.png, a plot of them drawn by candlewick itself.
#
#   ./benchmarks/side_by_side.sh            (Debian 12, as root or with sudo)
#
# Installs the benchmark-only Debian packages when missing (libcairo2-dev,
# python3-matplotlib; never needed to build or test candlewick). Optional:
# mplfinance (with pandas) pip-installed into a cache outside the repository,
# skipped cleanly when PyPI is unreachable; SIDE_BY_SIDE_EXTRAS=0 skips it.
# The benchmarks themselves take about two minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

./tools/setup.sh

# --- Benchmark-only packages, from Debian's archive, only when missing.
peer_packages=(libcairo2-dev python3-matplotlib)
missing=()
for p in "${peer_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "side_by_side: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=/usr/bin/python3   # Debian's, where python3-matplotlib lives
work=$(mktemp -d /tmp/side_by_side.XXXXXX)
mkdir -p "$work/png"
echo "side_by_side: results in $work"

# --- Optional extras: mplfinance (+ pandas) into a cache, not the repo.
extras_dir=""
kimsfinance_note="kimsfinance was not tried (SIDE_BY_SIDE_EXTRAS=0)"
if [ "${SIDE_BY_SIDE_EXTRAS:-1}" != 0 ]; then
  cache="${SIDE_BY_SIDE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/candlewick-side-by-side}"
  if [ ! -d "$cache/pylib/mplfinance" ]; then
    echo "side_by_side: pip-installing mplfinance and pandas into $cache/pylib (optional)"
    # pandas < 2.3 still runs on Debian's NumPy 1.24; --no-deps keeps
    # Debian's matplotlib and NumPy.
    if ! timeout 300 "$python" -m pip install -q --disable-pip-version-check --timeout 15 --retries 1 --target \
        "$cache/pylib.tmp" --no-deps mplfinance "pandas<2.3" pytz tzdata >"$work/pip.log" 2>&1; then
      echo "side_by_side: optional mplfinance not installable (see $work/pip.log); skipped"
    else
      rm -rf "$cache/pylib" && mv "$cache/pylib.tmp" "$cache/pylib"
    fi
    rm -rf "$cache/pylib.tmp"
  fi
  if [ -d "$cache/pylib/mplfinance" ]; then extras_dir="$cache/pylib"; fi
  # kimsfinance: is it on the index this machine reaches?
  if timeout 120 "$python" -m pip download -q --disable-pip-version-check --timeout 15 --retries 1 --no-deps \
      -d "$work/probe" kimsfinance >"$work/kimsfinance_probe.log" 2>&1; then
    kimsfinance_note="kimsfinance is downloadable from the index here, but this script does not drive it yet"
  else
    kimsfinance_note="kimsfinance is not on the PyPI index these machines reach (pip finds no version), so it could not be run side by side"
  fi
fi

# --- Build (optimized) and copy the binaries out: other commands in this
# workspace may rebuild bazel-bin while we run.
targets=(//benchmarks:render_benchmark //benchmarks/peers:cairo_peer_benchmark
         //benchmarks/peers:perf_plot //benchmarks:batch_benchmark)
bazel build --config=opt "${targets[@]}"
bin=$(bazel info --config=opt bazel-bin 2>/dev/null)
cp "$bin/benchmarks/render_benchmark" "$bin/benchmarks/peers/cairo_peer_benchmark" \
   "$bin/benchmarks/peers/perf_plot" "$bin/benchmarks/batch_benchmark" "$work/"

# Bounded: each benchmark repeated 5 times at >= 0.2 s each.
# Repetitions are interleaved at random across benchmarks, so load from other
# work on the machine does not fall on one system only.
bench_flags=(--benchmark_repetitions=5 --benchmark_min_time=0.2
             --benchmark_enable_random_interleaving=true
             --benchmark_display_aggregates_only=true --benchmark_out_format=json)

echo "=== candlewick, Cairo and the fill-only baseline (one binary)"
"$work/cairo_peer_benchmark" "${bench_flags[@]}" --benchmark_out="$work/cairo_peer.json" \
  --write_png_dir="$work/png"

echo "=== candlewick with axes and text, 1,000,000 candles into 1920x1080"
"$work/render_benchmark" "${bench_flags[@]}" --benchmark_out="$work/render.json" \
  --benchmark_filter='^BM_FillOnly$|BM_FillOnly1080p|BM_RenderAxes|BM_RenderDense'

echo "=== batch rendering on 1, 2 and 4 threads next to one chart's loop"
"$work/batch_benchmark" "${bench_flags[@]}" --benchmark_out="$work/batch.json"

echo "=== matplotlib (Debian's $("$python" -c 'import matplotlib; print(matplotlib.__version__)'))"
checks=()
for n in 100 1000; do
  checks+=(--expect-checksum "$n=$("$work/cairo_peer_benchmark" --series_checksum=$n)")
done
timeout 600 "$python" benchmarks/peers/matplotlib_candles.py "${checks[@]}" \
  --iterations 25 --max-seconds 25 --extra-path "$extras_dir" --write-png-dir "$work/png" \
  >"$work/matplotlib.json"

echo "=== docs/performance.md and docs/performance.png"
"$python" benchmarks/peers/write_performance_md.py \
  --cairo-json "$work/cairo_peer.json" --render-json "$work/render.json" \
  --mpl-json "$work/matplotlib.json" --png-dir "$work/png" \
  --perf-plot "$work/perf_plot" --tsv "$work/plot.tsv" \
  --out-md docs/performance.md --out-png docs/performance.png \
  --kimsfinance-note "$kimsfinance_note" --batch-json "$work/batch.json" \
  --run-seconds $((SECONDS - start))
echo "side_by_side: done in $((SECONDS - start)) s; raw results in $work"
