#!/bin/bash
# Installs everything candlewick needs to build and test, from Debian 12's
# archive only (run as root). Idempotent: when every package is present it
# returns at once without touching the network.
set -euo pipefail

packages=(
  # Build: Bazel 4.2.3 and the two rule repositories it needs (WORKSPACE
  # points at /usr/share/bazel/tools/{platforms,skylib}).
  bazel-bootstrap bazel-platforms bazel-skylib
  g++ pkg-config
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

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
echo "setup: done"
