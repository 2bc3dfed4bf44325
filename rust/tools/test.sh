#!/bin/bash
# The Rust crates' checks, as CI runs them (tools/test.sh calls this script):
# the library is installed by tools/install.sh into a temporary prefix, and
# only that prefix is visible to the crates (PKG_CONFIG_PATH for the build,
# LD_LIBRARY_PATH at run time). CARGO_HOME and the target directory live in
# the same temporary directory, so the run relies on nothing cached outside
# the repository: crates come from crates.io, pinned by Cargo.lock (--locked).
#
#   1. cargo fmt --check
#   2. cargo clippy -D warnings: the workspace (all targets), and the safe
#      crate alone without the `image` feature
#   3. cargo test --workspace: unit, integration and doc tests (golden charts,
#      indicators, streams and bars against the C++ reference, error paths,
#      threads, stats, 10,000 charts with flat RSS, the bindings regenerated
#      from the header), and the safe crate alone without `image`
#   4. the README's example run, its output checked against the README
#   5. the compile_fail doc tests again, with their error codes enforced
#      (only a nightly rustdoc checks them; RUSTC_BOOTSTRAP=1 makes this one
#      run behave as one, so each must fail for its stated reason)
#   6. cargo doc -D warnings
#   7. every test binary under valgrind (tools/valgrind.sh)
#
# Usage: rust/tools/test.sh [PREFIX]   (an existing install; default: a
# fresh temporary one)
set -euo pipefail
rust=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$rust/.." && pwd)

if [ -x "$HOME/.cargo/bin/cargo" ]; then PATH="$HOME/.cargo/bin:$PATH"; fi
if ! command -v rustup >/dev/null; then
  echo "rust/tools/test.sh: rustup's cargo is needed (Debian's cargo cannot read Cargo.lock v4)" >&2
  exit 1
fi
cargo --version

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -ge 1 ]; then
  prefix=$(cd "$1" && pwd)
else
  prefix=$tmp/prefix
  "$root/tools/install.sh" "$prefix"
fi
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export CARGO_HOME=$tmp/cargo-home
export CARGO_TARGET_DIR=$tmp/target
export CARGO_TERM_COLOR=never
cd "$rust"

echo "=== cargo fmt --check"
cargo fmt --all --check

echo "=== cargo clippy -D warnings"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p candlewick --all-targets -- -D warnings

echo "=== cargo test"
cargo test --locked --workspace -- --show-output 2>&1 | tee "$tmp/test.log"
grep -h '^memory: ' "$tmp/test.log" || { echo "the memory test printed no figures"; exit 1; }
cargo test --locked -p candlewick

echo "=== the README's example, run as shown, prints what the README says"
mkdir "$tmp/run"
(cd "$tmp/run" && cargo run --locked -q --manifest-path "$rust/Cargo.toml" -p candlewick --example quickstart) \
  | tee "$tmp/quickstart.txt"
grep -qxF -f "$tmp/quickstart.txt" README.md || { echo "README.md does not show this output"; exit 1; }
test "$(head -c 8 "$tmp/run/chart.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a

echo "=== compile_fail doc tests with their error codes checked"
RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$tmp/target-codes cargo test --locked -p candlewick --doc

echo "=== cargo doc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --workspace --no-deps

echo "=== valgrind"
tools/valgrind.sh

echo "=== rust: all checks passed"
