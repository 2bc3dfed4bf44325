# Sourced, with their arguments, by the scripts that compile C against an
# installed candlewick into one OUTDIR (swig/csharp/build.sh,
# swig/common/reference/run.sh): `source .../cc_installed.sh "$@"`.
#   Checks the usage (one argument, OUTDIR) and creates OUTDIR.
#   cc_installed ARGS...  runs cc ARGS with candlewick's flags from
#       pkg-config (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig for a prefix outside
#       the system's) and an rpath to its lib directory, so what it links
#       runs without LD_LIBRARY_PATH.
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
mkdir -p "$1"

cc_installed() {
  cc "$@" $(pkg-config --cflags --libs candlewick) \
    -Wl,-rpath,"$(pkg-config --variable=libdir candlewick)"
}
