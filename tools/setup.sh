#!/bin/bash
# Installs everything candlewick needs to build and test, from Debian 12's
# archive only (run as root): the packages below and Abseil's Debian source
# package. Idempotent: when everything is present it returns at once without
# touching the network.
set -euo pipefail

packages=(
  # Build: Bazel 4.2.3 and the two rule repositories it needs (WORKSPACE
  # points at /usr/share/bazel/tools/{platforms,skylib}).
  bazel-bootstrap bazel-platforms bazel-skylib
  g++ pkg-config
  # Unpacking Abseil's Debian source package (below): dpkg-source.
  dpkg-dev
  # tools/install.sh's tests: an out-of-tree CMake project, readelf.
  cmake binutils
  # The ABI check against capi/abi/candlewick.abi (abidw, abidiff).
  abigail-tools
  # Libraries of the core.
  libabsl-dev libhwy-dev libspng-dev zlib1g-dev
  libwebp-dev libfreetype-dev fonts-dejavu-core
  # Tests and benchmarks.
  libgtest-dev libgmock-dev libbenchmark-dev
  # Bindings: SWIG and Debian's Python with NumPy (the tests use /usr/bin/python3).
  swig python3 python3-dev python3-numpy python3-pytest
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
else
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# Abseil's source, from Debian's archive, of exactly the installed
# libabsl-dev version: Debian's static archives are not position-independent,
# so the build compiles the parts it needs into libcandlewick.so (see
# third_party/abseil/abseil.bzl, which reads the same directory). Fetched by
# `apt-get source` through a private source list: the machine's apt
# configuration is left alone.
absl_dir=/usr/local/src/candlewick/abseil
absl_version=$(dpkg-query -W -f='${Version}' libabsl-dev)
if [ "$(cat "$absl_dir/.debian-version" 2>/dev/null)" = "$absl_version" ]; then
  echo "setup: Abseil $absl_version source present in $absl_dir"
else
  echo "setup: fetching Debian's source package abseil=$absl_version"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/src"
  cat >"$work/sources.list" <<'SOURCES'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
SOURCES
  apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
  if ! apt-get "${apt_opts[@]}" update -qq ||
     ! (cd "$work/src" && apt-get "${apt_opts[@]}" source -qq --download-only "abseil=$absl_version"); then
    echo "setup: ERROR: could not fetch Debian's source package abseil=$absl_version" >&2
    echo "setup: (needed because Debian's libabsl .a files are not PIC; see third_party/abseil)" >&2
    exit 1
  fi
  (cd "$work/src" && dpkg-source --no-check -x abseil_*.dsc abseil >/dev/null)
  # The headers Bazel compiles the sources with must be the installed ones.
  if ! diff -rq "$work/src/abseil/absl" /usr/include/absl | grep -v "^Only in $work/src" | grep -q .; then
    echo "$absl_version" >"$work/src/abseil/.debian-version"
    "${sudo_cmd[@]}" mkdir -p "$(dirname "$absl_dir")"
    "${sudo_cmd[@]}" rm -rf "$absl_dir"
    "${sudo_cmd[@]}" mv "$work/src/abseil" "$absl_dir"
    echo "setup: Abseil $absl_version source unpacked into $absl_dir"
  else
    echo "setup: ERROR: Abseil's source headers differ from /usr/include/absl" >&2
    exit 1
  fi
fi
echo "setup: done"
