//! Compiles the C++ reference (c/reference.cc) with the C golden test's own
//! cases and helpers (tests/golden_cases.cc, tests/test_support.cc,
//! data/synthetic.cc) into
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
        // The synthetic series of the time-axis golden cases.
        repo.join("data/synthetic.cc"),
    ];
    for source in &sources {
        println!("cargo:rerun-if-changed={}", source.display());
    }
    for header in
        ["tests/golden_cases.h", "tests/test_support.h", "data/synthetic.h", "capi/candlewick.h"]
    {
        println!("cargo:rerun-if-changed={}", repo.join(header).display());
    }
    cc::Build::new()
        .cpp(true)
        .std("c++17")
        .include(&repo)
        .files(&sources)
        .warnings(true)
        .compile("cwref");
    // test_support.cc decodes PNGs with libspng (Debian's libspng-dev).
    println!("cargo:rustc-link-lib=spng");
    println!("cargo:rustc-link-lib=z");
}
