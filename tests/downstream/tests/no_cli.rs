//! A build script that uses the generator does not build its command line:
//! clap is nowhere in this crate's normal or build dependency graph.

use std::process::Command;

#[test]
fn clap_is_not_in_the_build_graph() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--prefix",
            "none",
            "--edges",
            "normal,build",
            "--package",
            "downstream-example",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo tree: {err}"));
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The tree does list the generator, so an empty or wrong tree fails here.
    assert!(
        tree.lines()
            .any(|line| line.starts_with("telnyx-codegen v")),
        "{tree}"
    );
    let clap: Vec<&str> = tree
        .lines()
        .filter(|line| line.starts_with("clap"))
        .collect();
    assert!(clap.is_empty(), "clap is in the build graph: {clap:?}");
}
