#!/bin/bash
# The chart service's checks against an installed candlewick (pkg-config
# must find candlewick.pc and the loader libcandlewick.so: set
# PKG_CONFIG_PATH and LD_LIBRARY_PATH for a prefix outside the system's):
#   go vet ./...
#   go test ./...   (builds the service, loads the sample CSVs into SQLite,
#                    serves on a loopback port: 1,000 requests at
#                    concurrency 16 checked, /healthz, /metrics, SIGTERM
#                    with requests in flight; bounded by -timeout)
# Modules come from the Go module proxy, pinned by go.sum, into WORKDIR
# (GOPATH, GOCACHE and HOME live there), so nothing cached outside the run
# is relied on.   Usage: test.sh [WORKDIR]  (default: a temporary one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
go_needs="Go >= 1.26"
source "$here/../../tools/go_env.sh" "$@"
cd "$here"
"$go" mod download
"$go" vet ./...
set +e
"$go" test -count=1 -timeout 10m -v ./... >"$work/service-test.log" 2>&1
rc=$?
set -e
# The verdict is go test's exit status; the log is trimmed to the results.
grep -E '^(--- |ok|FAIL|PASS|panic)|service_test.go' "$work/service-test.log" || true
if [ $rc -ne 0 ]; then tail -50 "$work/service-test.log"; fi
exit $rc
