#!/bin/bash
# The ABI check: libcandlewick.so against the committed baseline
# (capi/abi/candlewick.abi) with libabigail's abidiff. Fails on any removed
# or changed exported function and any changed layout of a public struct;
# new functions and fields appended to a struct that starts with struct_size
# pass (listed below); record them with `bazel run //capi:update_abi_baseline`.
# A break needs a major version bump and a new baseline: docs/abi.md.
set -euo pipefail
lib=$1
baseline=$2
suppr=$3
source "$4"  # corpus.sh

if ! command -v abidiff >/dev/null; then
  echo "abi_test: abidiff is missing (Debian's abigail-tools: run tools/setup.sh)"
  exit 1
fi

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
base_soname=$(sed -n "s/.*<abi-corpus [^>]*soname='\([^']*\)'.*/\1/p" "$baseline" | head -1)
echo "library: $soname; baseline: $base_soname"
if [ "$soname" != "$base_soname" ]; then
  echo "abi_test: the baseline is for $base_soname but the library is $soname:"
  echo "after a major version bump, record the new ABI with"
  echo "  bazel run //capi:update_abi_baseline"
  exit 1
fi

echo "--- every difference (informational: additions are allowed)"
abidiff --suppressions "$suppr" "$baseline" "$lib" || true

echo "--- the verdict"
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/abi.XXXXXX")
if ! abi_verdict "$baseline" "$lib" "$suppr" "$work"; then
  echo "abi_test: FAILED: the change above breaks callers built against $soname."
  echo "Keep the old function or layout, or bump the major version and record"
  echo "a new baseline on purpose (docs/abi.md)."
  exit 1
fi
echo "abi_test: the ABI of $soname is compatible with the baseline"
