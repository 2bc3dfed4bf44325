#!/bin/bash
# Regenerates internal/cw (the SWIG layer) from cw.i and the shared
# interface files.  Usage: generate.sh [OUTDIR]  (default: internal/cw).
# The output is committed; generate_test.go runs this into a temporary
# directory and compares.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/internal/cw}
mkdir -p "$out"
cd "$here"
swig -go -cgo -intgosize 64 -I../.. -I../common -outdir "$out" -o "$out/cw_wrap.c" cw.i
