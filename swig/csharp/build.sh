#!/bin/bash
# Builds the C# binding against an installed candlewick (found with
# pkg-config: PKG_CONFIG_PATH=PREFIX/lib/pkgconfig for a PREFIX outside the
# system's):
#
#   OUTDIR/Candlewick.dll              the assembly (Mono's mcs; plain .NET APIs)
#   OUTDIR/Candlewick.xml              its documentation
#   OUTDIR/libcandlewick_csharp.so     SWIG's C wrapper, which the assembly's
#                                      DllImport("candlewick_csharp") loads; it
#                                      links libcandlewick.so.MAJOR with an rpath
#                                      to the install's lib directory
#
# Usage: build.sh OUTDIR.  Needs swig, cc, pkg-config and mcs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common/cc_installed.sh" "$@"
out=$(cd "$1" && pwd)
gen=$out/gen
rm -rf "$gen"
mkdir -p "$gen"

swig -csharp -namespace Candlewick.Native -dllimport candlewick_csharp \
  -I"$here/../.." -I"$here/../common" -outdir "$gen" -o "$gen/candlewick_wrap.c" "$here/candlewick.i"

# SWIG's wrapper type-puns through its runtime structs.
cc_installed -shared -fPIC -O2 -fno-strict-aliasing -Wall -Werror -o "$out/libcandlewick_csharp.so" \
  "$gen/candlewick_wrap.c"

mcs -target:library -unsafe -optimize+ -warnaserror+ -nologo \
  -out:"$out/Candlewick.dll" -doc:"$out/Candlewick.xml" -nowarn:1591 \
  "$gen"/*.cs "$here"/src/*.cs
echo "build.sh: $out/Candlewick.dll and $out/libcandlewick_csharp.so"
