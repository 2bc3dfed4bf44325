#!/bin/bash
# The tests of the languages that use an installed candlewick (pkg-config,
# a shared library on the loader path), as a user outside the repository
# would: one tools/install.sh into a temporary prefix, shared by
#   - the Rust crates   rust/tools/test.sh   (fmt, clippy, test, doc, valgrind)
#   - the Go binding    swig/go/test.sh      (go vet, go test -race, cgocheck2)
#   - the C# binding    swig/csharp/test.sh  (Mono's mcs, NUnit 2.6)
#   - the Go chart service examples/chart-service/test.sh  (SQLite, HTTP:
#     1,000 requests checked, metrics, graceful shutdown)
# Go's build cache, GOPATH and module downloads live in the same temporary
# directory, so nothing cached outside the run is relied on.  Run by
# tools/test.sh; alone: tools/bindings_test.sh [PREFIX] (an existing install
# instead of a fresh one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  prefix=$(cd "$1" && pwd)
else
  prefix=$work/prefix
  echo "--- tools/install.sh $prefix"
  ./tools/install.sh "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
fi
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

echo "=== Rust crates (rust/tools/test.sh)"
./rust/tools/test.sh "$prefix"

echo "=== Go binding (swig/go/test.sh)"
./swig/go/test.sh "$work/go"

echo "=== C# binding (swig/csharp/test.sh)"
./swig/csharp/test.sh "$work/csharp"

echo "=== Go chart service (examples/chart-service/test.sh)"
./examples/chart-service/test.sh "$work/go"
