//! `cargo run -p candlewick-bindgen`: rewrites candlewick-sys/src/bindings.rs
//! from capi/candlewick.h.

fn main() {
    let header = candlewick_bindgen::header_path();
    let out = candlewick_bindgen::bindings_path();
    match candlewick_bindgen::generate(&header) {
        Ok(text) => {
            if let Err(e) = std::fs::write(&out, text) {
                eprintln!("candlewick-bindgen: cannot write {}: {e}", out.display());
                std::process::exit(1);
            }
            println!("candlewick-bindgen: wrote {}", out.display());
        }
        Err(e) => {
            eprintln!("candlewick-bindgen: {e}");
            std::process::exit(1);
        }
    }
}
