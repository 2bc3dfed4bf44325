//! Compiles the C++ reference (c/reference.cc) with the C golden test's own
//! cases and helpers (tests/golden_cases.cc, tests/test_support.cc and the
//! PNG decoder it calls, cc/encode/test_util.cc; data/synthetic.cc) into
//! this test crate, linked against the same installed library as the Rust
//! crates (through candlewick-sys).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let repo = manifest.join("../..");
    let sources = [
        manifest.join("c/reference.cc"),
        repo.join("tests/golden_cases.cc"),
        repo.join("tests/test_support.cc"),
        // The PNG decoder test_support.cc's DecodePng calls.
        repo.join("cc/encode/test_util.cc"),
        // The synthetic series of the time-axis golden cases.
        repo.join("data/synthetic.cc"),
    ];
    for source in &sources {
        println!("cargo:rerun-if-changed={}", source.display());
    }
    for header in [
        "tests/golden_cases.h",
        "tests/test_support.h",
        "cc/encode/test_util.h",
        "data/synthetic.h",
        "capi/candlewick.h",
    ] {
        println!("cargo:rerun-if-changed={}", repo.join(header).display());
    }
    cc::Build::new()
        .cpp(true)
        .std("c++17")
        .include(&repo)
        .files(&sources)
        .warnings(true)
        .compile("cwref");
    // test_util.cc decodes PNGs with libspng and WebP with libwebp (Debian's
    // libspng-dev, libwebp-dev). test_support.cc is free of gtest (its checks
    // are in tests/test_checks.cc, for the C++ tests only).
    println!("cargo:rustc-link-lib=spng");
    println!("cargo:rustc-link-lib=webp");
    println!("cargo:rustc-link-lib=z");
}
