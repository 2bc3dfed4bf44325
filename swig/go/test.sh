#!/bin/bash
# Runs the Go binding's checks against an installed candlewick (pkg-config
# must find candlewick.pc, the loader libcandlewick.so: set PKG_CONFIG_PATH
# and LD_LIBRARY_PATH for a prefix outside the system's):
#   go vet ./...
#   go test -race ./...                       (the 10,000-chart loop included)
#   GOEXPERIMENT=cgocheck2 go test -short ./...
# GOCACHE, GOPATH and HOME live under WORKDIR (default: a temporary
# directory), so the run depends on nothing cached outside the repository.
# The module has no dependencies; the proxy is never asked for anything.
# Usage: test.sh [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then
  work=$1
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
go=$(command -v go || true)
if [ -z "$go" ] && [ -x /usr/local/go/bin/go ]; then go=/usr/local/go/bin/go; fi
if [ -z "$go" ]; then
  echo "swig/go/test.sh: Go not found (on PATH or at /usr/local/go); the Go binding needs Go >= 1.24" >&2
  exit 1
fi
export GOCACHE=$work/gocache GOPATH=$work/gopath HOME=$work/home GOFLAGS=-mod=readonly
export CANDLEWICK_REQUIRE_SWIG=1 CGO_ENABLED=1
mkdir -p "$HOME"
cd "$here"
echo "--- $("$go" version); candlewick $(pkg-config --modversion candlewick) from $(pkg-config --variable=prefix candlewick)"
"$go" vet ./...
"$go" test -race ./...
GOEXPERIMENT=cgocheck2 "$go" test -short ./...
