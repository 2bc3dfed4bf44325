#!/bin/bash
# Builds reference.c against the installed candlewick (pkg-config; with an
# rpath to its lib directory) and runs it: the C results the Go and C#
# tests compare with are written to OUTDIR.   Usage: run.sh OUTDIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
libdir=$(pkg-config --variable=libdir candlewick)
cc -std=c99 -O2 -Wall -Wextra -Werror -o "$1/reference" "$here/reference.c" \
  $(pkg-config --cflags --libs candlewick) -lm -Wl,-rpath,"$libdir"
"$1/reference" "$1"
