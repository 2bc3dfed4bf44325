#!/bin/bash
# Runs the libFuzzer targets of fuzz/ (docs/fuzzing.md), each for a bounded
# time, starting from its committed seed corpus (fuzz/corpus/<target>/).
# Fails on any finding (a crash, a sanitizer report, a leak, a failed
# contract check, one input running over 60 s or running out of memory)
# and prints the reproducer's path; prints executions per second for each
# target.
#
#   tools/fuzz.sh                 # every target, 45 s each (tools/test.sh)
#   tools/fuzz.sh 3600            # every target, an hour each
#   tools/fuzz.sh 600 csv_fuzzer  # one target
#
# New inputs found go to a scratch corpus, never into the repository; add
# a reproducer to fuzz/corpus/<target>/ with its fix, where the corpus
# tests (//fuzz:<target>_corpus) replay it in every build configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-45}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv_fuzzer chart_options_fuzzer chart_data_fuzzer indicators_fuzzer)
fi
jobs=${FUZZ_BAZEL_JOBS:-$(nproc)}

labels=()
for t in "${targets[@]}"; do labels+=("//fuzz:$t"); done
echo "=== bazel build --config=fuzz ${labels[*]}"
bazel build --jobs="$jobs" --config=fuzz "${labels[@]}"
bin_dir=$(bazel info --config=fuzz bazel-bin 2>/dev/null)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
findings=${FUZZ_FINDINGS_DIR:-$(mktemp -d -t candlewick-fuzz-findings.XXXXXX)}
mkdir -p "$findings"
summary=()
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  echo "=== $t: ${seconds} s"
  set +e
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin_dir/fuzz/$t" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2560 \
      -max_len=4096 -print_final_stats=1 -artifact_prefix="$findings/$t-" \
      "$work/$t" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  if [ $rc -ne 0 ]; then
    tail -60 "$log"
    echo "FUZZ FINDING in $t (exit $rc); reproducer(s):"
    ls -1 "$findings/$t-"* 2>/dev/null || true
    echo "replay: $bin_dir/fuzz/$t <file>"
    summary+=("$t: FAILED after ${execs:-?} executions")
    status=1
  else
    # Inputs over libFuzzer's 10 s are kept too (not failures, but a
    # render or computation that slow on a small input is worth a look).
    slow=$(find "$findings" -maxdepth 1 -name "$t-slow-unit-*" | wc -l)
    note=""
    if [ "$slow" -gt 0 ]; then note=", $slow slow input(s) kept in $findings"; fi
    summary+=("$t: ${execs:-?} executions, ${secs:-?}/s, ${cov:-cov: ?}, no finding$note")
  fi
done
echo "=== fuzz summary (${seconds} s per target)"
printf '  %s\n' "${summary[@]}"
rmdir "$findings" 2>/dev/null || true  # left only when it holds reproducers
exit $status
