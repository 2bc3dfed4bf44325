#!/bin/bash
# Records the current ABI of libcandlewick.so as capi/abi/candlewick.abi.
#   bazel run //capi:update_abi_baseline
# Refuses to record an incompatible change (what //capi:abi_test rejects)
# unless the major version, and with it the SONAME, has changed since the
# baseline: bump VERSION and CW_VERSION_MAJOR first (docs/abi.md).
set -euo pipefail
lib=$(readlink -f "$1")
suppr=$(readlink -f "$2")
source "$3"  # corpus.sh
cd "${BUILD_WORKSPACE_DIRECTORY:?run me with bazel run //capi:update_abi_baseline}"
baseline=capi/abi/candlewick.abi

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dump_abi "$lib" "$suppr" "$work/new.abi"
complete_abi "$work/new.abi"

if [ -f "$baseline" ]; then
  base_soname=$(sed -n "s/.*<abi-corpus [^>]*soname='\([^']*\)'.*/\1/p" "$baseline" | head -1)
  if [ "$soname" = "$base_soname" ] && ! abi_verdict "$baseline" "$lib" "$suppr" "$work"; then
    echo "update_abi_baseline: refusing: the change above is incompatible with $soname."
    echo "Bump the major version (VERSION and CW_VERSION_MAJOR in capi/candlewick.h) first."
    exit 1
  fi
  if cmp -s "$work/new.abi" "$baseline"; then
    echo "update_abi_baseline: $baseline is already up to date"
    exit 0
  fi
  echo "--- recorded changes:"
  abidiff --suppressions "$suppr" "$baseline" "$lib" || true
fi
cp "$work/new.abi" "$baseline"
chmod 0644 "$baseline"
echo "update_abi_baseline: wrote $baseline for $soname; review and commit it"
