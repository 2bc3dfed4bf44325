# Sourced by the Go test scripts (swig/go/test.sh, examples/chart-service/
# test.sh) with their arguments: `source .../tools/go_env.sh "$@"`.
#   $work  WORKDIR (the first argument) or a temporary directory removed at
#          exit; GOCACHE, GOPATH (so the module cache) and HOME live there,
#          so a run depends on nothing cached outside it.  Give each
#          install a fresh WORKDIR: a build cache made against another
#          install's candlewick.h was seen reused (a struct that had grown
#          corrupted the heap).
#   $go    the go command (PATH, else /usr/local/go/bin/go).
# $go_needs (e.g. "Go >= 1.24") words the error when Go is missing.
if [ $# -ge 1 ]; then
  work=$1
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
else
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fi
go=$(command -v go || true)
if [ -z "$go" ] && [ -x /usr/local/go/bin/go ]; then go=/usr/local/go/bin/go; fi
if [ -z "$go" ]; then
  echo "$0: Go not found (on PATH or at /usr/local/go); this needs ${go_needs:-Go}" >&2
  exit 1
fi
# -modcacherw: the module cache can be removed without chmod.
export GOCACHE=$work/gocache GOPATH=$work/gopath HOME=$work/home GOFLAGS="-mod=readonly -modcacherw"
export CGO_ENABLED=1
mkdir -p "$HOME"
echo "--- $("$go" version); candlewick $(pkg-config --modversion candlewick) from $(pkg-config --variable=prefix candlewick)"
