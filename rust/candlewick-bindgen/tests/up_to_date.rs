//! The committed bindings must be exactly what the header gives now: a C API
//! change that was not regenerated fails here, with the first differing line.

#[test]
fn committed_bindings_match_the_header() {
    let fresh = candlewick_bindgen::generate(&candlewick_bindgen::header_path())
        .expect("bindgen runs on capi/candlewick.h");
    let path = candlewick_bindgen::bindings_path();
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    if fresh != committed {
        let (line, (want, got)) =
            fresh.lines().zip(committed.lines()).enumerate().find(|(_, (a, b))| a != b).unwrap_or(
                (fresh.lines().count().min(committed.lines().count()), ("<end>", "<end>")),
            );
        panic!(
            "{} is stale (regenerate with `cargo run -p candlewick-bindgen` in rust/):\n\
             first difference at line {}:\n  header gives: {want}\n  committed:    {got}",
            path.display(),
            line + 1
        );
    }
}
