//! rust/README.md shows the quickstart example verbatim, and its output.

#[test]
fn the_readme_shows_the_quickstart_example_verbatim() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../../candlewick/examples/quickstart.rs");
    assert!(
        readme.contains(example),
        "rust/README.md must show candlewick/examples/quickstart.rs verbatim"
    );
}
