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
go_needs="Go >= 1.24"
source "$here/../../tools/go_env.sh" "$@"
export CANDLEWICK_REQUIRE_SWIG=1
cd "$here"
"$go" vet ./...
"$go" test -race ./...
GOEXPERIMENT=cgocheck2 "$go" test -short ./...
