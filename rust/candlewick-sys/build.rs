//! Finds the installed candlewick library.
//!
//! By default through pkg-config (`candlewick.pc`, installed by
//! `tools/install.sh PREFIX` under `PREFIX/lib/pkgconfig`; point
//! `PKG_CONFIG_PATH` there for a prefix pkg-config does not search).
//! Accepted: versions 0.1.0 up to (not including) 1.0.0, the major version
//! whose ABI these bindings describe.
//!
//! Override: `CANDLEWICK_LIB_DIR=/dir/with/libcandlewick.so` skips
//! pkg-config and links `-lcandlewick` from that directory
//! (`CANDLEWICK_INCLUDE_DIR` then names the header's directory for crates
//! that compile C against it; default `CANDLEWICK_LIB_DIR/../include`).
//!
//! Exported to dependents' build scripts (`links = "candlewick"`):
//! `DEP_CANDLEWICK_INCLUDE` (the header's directory), `DEP_CANDLEWICK_LIB_DIR`
//! and `DEP_CANDLEWICK_VERSION` (empty with the override).

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=CANDLEWICK_LIB_DIR");
    println!("cargo:rerun-if-env-changed=CANDLEWICK_INCLUDE_DIR");

    if let Some(lib_dir) = env::var_os("CANDLEWICK_LIB_DIR") {
        let lib_dir = PathBuf::from(lib_dir);
        let include_dir = env::var_os("CANDLEWICK_INCLUDE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| lib_dir.join("../include"));
        println!("cargo:rustc-link-search=native={}", lib_dir.display());
        println!("cargo:rustc-link-lib=dylib=candlewick");
        println!("cargo:include={}", include_dir.display());
        println!("cargo:lib_dir={}", lib_dir.display());
        println!("cargo:version=");
        return;
    }

    match pkg_config::Config::new().range_version("0.1.0".."1.0.0").probe("candlewick") {
        Ok(library) => {
            if let Some(dir) = library.include_paths.first() {
                println!("cargo:include={}", dir.display());
            }
            if let Some(dir) = library.link_paths.first() {
                println!("cargo:lib_dir={}", dir.display());
            }
            println!("cargo:version={}", library.version);
        }
        Err(e) => {
            panic!(
                "\n\ncandlewick-sys: the candlewick C library was not found.\n\
                 Install it (from the candlewick repository: ./tools/install.sh PREFIX) and\n\
                 either point PKG_CONFIG_PATH at PREFIX/lib/pkgconfig, or set\n\
                 CANDLEWICK_LIB_DIR=PREFIX/lib to skip pkg-config.\n\
                 pkg-config said: {e}\n"
            );
        }
    }
}
