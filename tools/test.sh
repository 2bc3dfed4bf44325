#!/bin/bash
# The full test suite, as CI runs it (.ci/run calls this script):
#   1. the normal build: every test, the language bindings included;
#   2. AddressSanitizer + LeakSanitizer + UBSan: every C/C++ test (binding
#      tests are tagged no_sanitizer and skipped: their hosts are not
#      instrumented);
#   3. ThreadSanitizer: the tests tagged `concurrency`;
#   4. the libFuzzer targets (fuzz/, clang-14 with ASan + UBSan), 45 s each
#      from the committed seed corpus: any finding fails (tools/fuzz.sh);
#   5. the install: tools/install.sh into a temporary prefix, the library's
#      SONAME, dependencies and exports, and the README's C (pkg-config) and
#      CMake samples built and run against it;
#   6. the Python package: sdist, wheel, auditwheel, and its tests in fresh
#      environments (3.11 and 3.13 with NumPy 2 from PyPI, Debian's python3
#      with NumPy 1.24 and pandas), and the README's Python sample;
#      then examples/dask on a dask.distributed LocalCluster of 2 worker
#      processes, byte-identical to one process (tests/python/dask_test.sh).
#   7. the languages that use an installed library, against one more
#      temporary install shared by all (tools/bindings_test.sh): the Rust
#      crates (rust/tools/test.sh: rustfmt, clippy, cargo test, cargo doc,
#      valgrind), the Go and C# bindings, the Go chart service
#      (examples/chart-service).
# Any failure, leak or race fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/setup.sh

jobs=(--jobs="$(nproc)" --local_test_jobs="$(nproc)")

echo "=== bazel test //... (default config)"
bazel test "${jobs[@]}" //...

echo "=== bazel test --config=asan //... (AddressSanitizer, leaks, UBSan)"
bazel test "${jobs[@]}" --config=asan --build_tests_only //...

echo "=== bazel test --config=tsan (tests tagged concurrency)"
set +e
bazel test "${jobs[@]}" --config=tsan --build_tests_only --test_tag_filters=concurrency,-no_sanitizer //...
rc=$?
set -e
# Exit code 4 means no test carries the tag yet: nothing to run, not a failure.
if [ $rc -ne 0 ] && [ $rc -ne 4 ]; then exit $rc; fi

echo "=== fuzzing: tools/fuzz.sh 45 (each target 45 s, ASan + UBSan)"
./tools/fuzz.sh 45

echo "=== tools/install.sh into a temporary prefix; C and CMake users of it"
./tests/install/install_test.sh

echo "=== the Python package: sdist, wheel, auditwheel, fresh venvs (3.11, 3.13, Debian's)"
wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT
CANDLEWICK_WHEEL_DIR=$wheels ./tests/python/pip_test.sh

echo "=== examples/dask on a LocalCluster of 2 worker processes vs one process"
CANDLEWICK_WHEEL=$(ls "$wheels"/candlewick-*-cp311-*.whl) ./tests/python/dask_test.sh

echo "=== Rust, Go, C# and the Go chart service against one more temporary install (tools/bindings_test.sh)"
./tools/bindings_test.sh

echo "=== all test configurations passed"
