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
  # IANA time zones for the time axis (cw_chart_options.time_zone, read by
  # Abseil from /usr/share/zoneinfo at chart creation; the tests use them).
  tzdata
  # Tests and benchmarks.
  libgtest-dev libgmock-dev libbenchmark-dev
  # Bindings: SWIG and Debian's Python with NumPy (the tests use /usr/bin/python3);
  # venv to test the pip-installed package in fresh environments.
  swig python3 python3-dev python3-numpy python3-pytest python3-venv
  # Rust crates (rust/): libclang for the test that regenerates the bindings
  # with bindgen; valgrind runs the crates' tests (FFI: Miri cannot).
  libclang-dev valgrind
)
# Installed without their recommendations (python3-pandas would pull in
# matplotlib, SciPy, numba, ...): pandas for the binding's pandas tests.
lean_packages=(python3-pandas)

missing_of() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      echo "$p"
    fi
  done
}
mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_lean < <(missing_of "${lean_packages[@]}")

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_lean[@]} -eq 0 ]; then
  echo "setup: all $(( ${#packages[@]} + ${#lean_packages[@]} )) packages already installed"
else
  echo "setup: installing ${missing[*]} ${missing_lean[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
  fi
  if [ ${#missing_lean[@]} -gt 0 ]; then
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing_lean[@]}"
  fi
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
# Rust: rustup's toolchain (cargo 1.95 on these machines; Debian's cargo is
# too old for Cargo.lock v4 and edition 2024) with clippy and rustfmt, which
# rust/tools/test.sh runs. rustup is not a Debian package in bookworm: when
# it is missing, say so (the C/C++ build and tests do not need it).
rustup_bin=$(command -v rustup || true)
if [ -z "$rustup_bin" ] && [ -x "$HOME/.cargo/bin/rustup" ]; then rustup_bin=$HOME/.cargo/bin/rustup; fi
if [ -z "$rustup_bin" ]; then
  echo "setup: WARNING: rustup not found: the Rust crates (rust/) cannot be built or tested" >&2
  echo "setup: (install rustup's stable toolchain; Debian 12's cargo is too old)" >&2
else
  installed=$("$rustup_bin" component list --installed)
  for component in clippy rustfmt; do
    if grep -q "^$component" <<<"$installed"; then continue; fi
    echo "setup: rustup component add $component"
    if ! "$rustup_bin" component add "$component"; then
      echo "setup: ERROR: could not add the rustup component $component (is rustup's distribution server reachable?)" >&2
      exit 1
    fi
  done
  echo "setup: rustup toolchain with clippy and rustfmt present"
fi
echo "setup: done"
