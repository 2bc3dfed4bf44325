#!/bin/bash
# Checks the ABI check (capi/abi/corpus.sh, allow_appends.py) on a tiny
# library built in several versions: additions pass, breaks fail.
set -euo pipefail
suppr=$1
source "$2"  # corpus.sh
shift 2
base=$1
shift
work=${TEST_TMPDIR:-$(mktemp -d)}
dump_abi "$base" "$suppr" "$work/baseline.abi"

failures=0
for lib in "$@"; do
  name=$(basename "$lib" .so)
  mkdir -p "$work/$name"
  if abi_verdict "$work/baseline.abi" "$lib" "$suppr" "$work/$name" >"$work/$name.log" 2>&1; then
    verdict=compatible
  else
    verdict=breaking
  fi
  case $name in
    *compatible_*) want=compatible ;;
    *) want=breaking ;;
  esac
  if [ "$verdict" = "$want" ]; then
    echo "ok: $name is $verdict"
  else
    echo "FAIL: $name is $verdict, expected $want"
    cat "$work/$name.log"
    failures=$((failures + 1))
  fi
done
[ $failures -eq 0 ]
