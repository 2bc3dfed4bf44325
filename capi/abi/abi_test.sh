#!/bin/bash
# The ABI check: libcandlewick.so against the committed baseline
# (capi/abi/candlewick.abi) with libabigail's abidiff. Fails on any removed
# or changed exported function or variable and on any changed layout of a
# public struct, except what capi/abi/candlewick.suppr allows: fields
# appended to a struct that starts with struct_size. New functions pass (they
# are listed); record them with `bazel run //capi:update_abi_baseline`.
# A break needs a major version bump and a new baseline: docs/abi.md.
set -euo pipefail
lib=$1
baseline=$2
suppr=$3

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

echo "--- the verdict (additions not counted)"
set +e
abidiff --suppressions "$suppr" --no-added-syms "$baseline" "$lib"
rc=$?
set -e
# abidiff's status bits: 1 error, 2 usage, 4 ABI change, 8 incompatible.
if [ $rc -ne 0 ]; then
  echo "abi_test: FAILED (abidiff status $rc): the change above breaks callers built"
  echo "against $soname. Keep the old function or layout, or bump the major version"
  echo "and record a new baseline on purpose (docs/abi.md)."
  exit 1
fi
echo "abi_test: the ABI of $soname is compatible with the baseline"
