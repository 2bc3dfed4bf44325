#!/bin/bash
# Installs candlewick into a temporary prefix with tools/install.sh and uses it
# as a project outside this repository would, knowing nothing of Bazel:
#   - the installed files, the SONAME, the symlinks, LICENSE and NOTICE (a
#     notice for everything the library embeds or links);
#   - the library's run-time dependencies (readelf NEEDED, ldd): the C/C++
#     runtime and exactly the system libraries the .pc names, no Abseil;
#   - only cw_* symbols exported;
#   - examples/hello.c built with the README's plain `cc $(pkg-config ...)`
#     line, and examples/CMakeLists.txt with find_package(candlewick); both
#     run, and both files appear verbatim in the README;
#   - find_package refuses a different major version.
# Run by tools/test.sh (it builds with Bazel, so it cannot run inside
# `bazel test`).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
lacks() { ! grep -qiE "$1" "$2"; }  # lacks PATTERN FILE
check() {  # check "description" command...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

version=$(tr -d ' \n' <VERSION)
major=${version%%.*}
lib=$prefix/lib/libcandlewick.so.$version

./tools/install.sh "$prefix"

# --- The installed files ---------------------------------------------------
for f in include/candlewick.h "lib/libcandlewick.so.$version" lib/pkgconfig/candlewick.pc \
         lib/cmake/candlewick/candlewickConfig.cmake \
         lib/cmake/candlewick/candlewickConfigVersion.cmake; do
  check "installed $f" test -f "$prefix/$f"
done
check "libcandlewick.so.$major -> libcandlewick.so.$version" \
  test "$(readlink "$prefix/lib/libcandlewick.so.$major")" = "libcandlewick.so.$version"
check "libcandlewick.so -> libcandlewick.so.$major" \
  test "$(readlink "$prefix/lib/libcandlewick.so")" = "libcandlewick.so.$major"
check "the installed header is capi/candlewick.h" cmp -s capi/candlewick.h "$prefix/include/candlewick.h"
doc=$prefix/share/doc/candlewick
check "LICENSE installed" cmp -s LICENSE "$doc/LICENSE"
check "NOTICE installed" cmp -s NOTICE "$doc/NOTICE"
# What the library embeds or links statically must be in NOTICE.
for part in "DejaVu Sans" "Abseil"; do
  check "NOTICE covers $part" grep -q "^$part " "$doc/NOTICE"
done

# --- SONAME and run-time dependencies --------------------------------------
readelf -d "$lib" >"$tmp/dynamic"
echo "--- readelf -d (SONAME, NEEDED, RPATH/RUNPATH):"
grep -E "SONAME|NEEDED|RPATH|RUNPATH" "$tmp/dynamic" || true
soname=$(sed -n 's/.*Library soname: \[\(.*\)\]/\1/p' "$tmp/dynamic")
check "SONAME is libcandlewick.so.$major (got '$soname')" test "$soname" = "libcandlewick.so.$major"
check "no RPATH/RUNPATH into the build tree" lacks 'RPATH|RUNPATH' "$tmp/dynamic"

# The allow-list: the C/C++ runtime, plus the system libraries the .pc names
# in Libs.private (what a static link, or a packager, would need).
runtime="libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 ld-linux-x86-64.so.2 libpthread.so.0 libdl.so.2 librt.so.1"
pc_libs=$(sed -n 's/^Libs.private://p' "$prefix/lib/pkgconfig/candlewick.pc" | tr ' ' '\n' |
  sed -n 's/^-l//p')
needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' "$tmp/dynamic")
for n in $needed; do
  base=${n%%.so*}
  if [[ " $runtime " == *" $n "* ]]; then
    pass "NEEDED $n: C/C++ runtime"
  elif printf '%s\n' $pc_libs | grep -qx "${base#lib}"; then
    pass "NEEDED $n: named in candlewick.pc (Libs.private)"
  else
    fail "NEEDED $n is neither the C/C++ runtime nor named in candlewick.pc"
  fi
done
is_needed() { printf '%s\n' $needed | grep -q "^lib$1\.so"; }
for l in $pc_libs; do
  case " stdc++ m " in *" $l "*) continue ;; esac
  check "candlewick.pc's -l$l is a real dependency (NEEDED)" is_needed "$l"
done
check "no Abseil library is NEEDED" lacks absl <(printf '%s\n' $needed)
for n in $needed; do  # every linked system library has its notice
  [[ " $runtime " == *" $n "* ]] && continue
  check "NOTICE covers $n" grep -qF "($n)" "$prefix/share/doc/candlewick/NOTICE"
done

echo "--- ldd:"
ldd "$lib" | tee "$tmp/ldd"
check "ldd resolves every dependency" lacks 'not found' "$tmp/ldd"
check "ldd loads no Abseil library" lacks absl "$tmp/ldd"

# --- Exports ----------------------------------------------------------------
nm -D --defined-only --extern-only "$lib" | awk '{print $NF}' >"$tmp/exports"
check "only cw_* symbols are exported ($(wc -l <"$tmp/exports") symbols)" \
  lacks '^[^c]|^c[^w]|^cw[^_]' "$tmp/exports"
check "cw_chart_create is exported" grep -qx cw_chart_create "$tmp/exports"

# --- pkg-config ---------------------------------------------------------------
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
check "pkg-config --modversion candlewick is $version" \
  test "$(pkg-config --modversion candlewick)" = "$version"
check "pkg-config --atleast-version=$major.0.0 candlewick" pkg-config --atleast-version="$major.0.0" candlewick

# --- The README's samples, as a user outside the repository runs them ---------
readme_has() {  # the file's text appears in README.md, line for line
  python3 - "$1" <<'PY'
import sys
text = open(sys.argv[1]).read()
sys.exit(0 if text in open("README.md").read() else 1)
PY
}
check "README.md shows examples/hello.c verbatim" readme_has examples/hello.c
check "README.md shows examples/CMakeLists.txt verbatim" readme_has examples/CMakeLists.txt

cc_line='cc -o hello hello.c $(pkg-config --cflags --libs candlewick)'
check "README.md gives the pkg-config build line" grep -qF "$cc_line" README.md
mkdir "$tmp/c"
cp examples/hello.c "$tmp/c/"
(
  cd "$tmp/c"
  eval "$cc_line" -Wall -Wextra -Werror
  LD_LIBRARY_PATH=$prefix/lib ./hello | tee out.txt
  grep -q "^candlewick $version: hello.png" out.txt
  test "$(head -c 8 hello.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
) && pass "C program built with pkg-config runs and writes a PNG" ||
  fail "C program built with pkg-config"

mkdir "$tmp/cmake-src"
cp examples/hello.c examples/CMakeLists.txt "$tmp/cmake-src/"
(
  cmake -S "$tmp/cmake-src" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cmake.log"
  cmake --build "$tmp/cmake-build" >>"$tmp/cmake.log"
  cd "$tmp/cmake-build"
  # No LD_LIBRARY_PATH: CMake links build-tree programs with an rpath to the
  # imported library.
  ./hello | tee out.txt
  grep -q "^candlewick $version: hello.png" out.txt
) && pass "CMake project with find_package(candlewick) builds and runs" || {
  cat "$tmp/cmake.log"
  fail "CMake project with find_package(candlewick)"
}

mkdir "$tmp/cmake-major"
cp examples/hello.c "$tmp/cmake-major/"
sed "s/find_package(candlewick [0-9.]*/find_package(candlewick $((major + 1)).0/" \
  examples/CMakeLists.txt >"$tmp/cmake-major/CMakeLists.txt"
refused() {
  ! cmake -S "$tmp/cmake-major" -B "$tmp/cmake-major/build" -DCMAKE_PREFIX_PATH="$prefix" \
    >"$tmp/major.log" 2>&1 && grep -q "version: $version" "$tmp/major.log"
}
check "find_package(candlewick $((major + 1)).0) is refused by a $version install" refused

if [ "$failures" -ne 0 ]; then
  echo "install_test: $failures check(s) failed"
  exit 1
fi
echo "install_test: all checks passed"
