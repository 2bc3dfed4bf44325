#!/bin/bash
# Builds reference.c against the installed candlewick (pkg-config; with an
# rpath to its lib directory) and runs it: the C results the Go and C#
# tests compare with are written to OUTDIR.   Usage: run.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cc_installed.sh" "$@"
cc_installed -std=c99 -O2 -Wall -Wextra -Werror -o "$1/reference" "$here/reference.c" -lm
"$1/reference" "$1"
