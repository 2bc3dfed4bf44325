#!/bin/bash
# Builds the optimized shared library and installs it for use outside this
# repository:
#
#   PREFIX/include/candlewick.h                      the public C header
#   PREFIX/lib/libcandlewick.so.MAJOR.MINOR.PATCH    SONAME libcandlewick.so.MAJOR
#   PREFIX/lib/libcandlewick.so.MAJOR, .so           the usual symlinks
#   PREFIX/lib/pkgconfig/candlewick.pc               pkg-config
#   PREFIX/lib/cmake/candlewick/                     find_package(candlewick)
#   PREFIX/share/doc/candlewick/                     LICENSE, NOTICE
#
# Usage: tools/install.sh PREFIX       (e.g. /usr/local; created if missing)
#
# The version comes from the VERSION file, the one place it is defined. The
# library is taken from the `--config=opt` output tree, named explicitly
# (bazel-bin follows whichever configuration was built last).
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=$(tr -d ' \n' <VERSION)
major=${version%%.*}
libname=libcandlewick.so.$version
soname=libcandlewick.so.$major

bazel build --config=opt //capi:libcandlewick.so
built="$(bazel info --config=opt bazel-bin)/capi/libcandlewick.so"
if [ "$(readelf -d "$built" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" != "$soname" ]; then
  echo "install: $built does not carry the SONAME $soname" >&2
  exit 1
fi

install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/candlewick" \
  "$prefix/share/doc/candlewick"
install -m 0644 capi/candlewick.h "$prefix/include/candlewick.h"
# Stripped of debugging sections and the static symbol table: the dynamic
# symbols (the C API) are all a user links against.
install -m 0755 "$built" "$prefix/lib/$libname"
strip --strip-unneeded "$prefix/lib/$libname"
ln -sfn "$libname" "$prefix/lib/$soname"
ln -sfn "$soname" "$prefix/lib/libcandlewick.so"

fill() {  # template -> installed file, with @PREFIX@, @VERSION@, ... filled in
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@MAJOR@|$major|g" \
    -e "s|@LIBNAME@|$libname|g" -e "s|@SONAME@|$soname|g" "$1" >"$2"
  chmod 0644 "$2"
}
fill tools/install/candlewick.pc.in "$prefix/lib/pkgconfig/candlewick.pc"
fill tools/install/candlewickConfig.cmake.in "$prefix/lib/cmake/candlewick/candlewickConfig.cmake"
fill tools/install/candlewickConfigVersion.cmake.in \
  "$prefix/lib/cmake/candlewick/candlewickConfigVersion.cmake"

for f in LICENSE NOTICE; do
  if [ -f "$f" ]; then install -m 0644 "$f" "$prefix/share/doc/candlewick/$f"; fi
done

echo "install: candlewick $version installed into $prefix"
case "$prefix" in
  /usr | /usr/local) command -v ldconfig >/dev/null && ldconfig 2>/dev/null || true ;;
  *) echo "install: outside the loader's default path; run programs with" \
          "LD_LIBRARY_PATH=$prefix/lib (or link with -Wl,-rpath,$prefix/lib)" ;;
esac
