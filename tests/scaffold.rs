//! Adding a rule is one file, one fixture and one registration line: `scripts/new-rule` scaffolds a
//! throwaway rule in a copy of the workspace, and the rules crate's whole test suite (its unit tests, the
//! corpus, the fixtures and their snapshots, the fix harness, the README table) passes with it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the copy needs: the workspace manifest and lock, its crates, the scripts, and what the rules
/// crate's tests read (the corpus, the README).
const COPIED: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "README.md",
    "core",
    "rules",
    "src",
    "scripts",
    "corpus",
];

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

#[test]
fn a_scaffolded_rule_is_one_file_one_fixture_and_one_line_and_passes_the_suite() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Fixed places under the target folder: a second run rebuilds only what changed.
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scaffold");
    let copy = scratch.join("workspace");
    if copy.exists() {
        std::fs::remove_dir_all(&copy).unwrap();
    }
    for item in COPIED {
        copy_tree(&workspace.join(item), &copy.join(item));
    }

    let scaffolded = Command::new(copy.join("scripts/new-rule"))
        .arg("throwaway-rule")
        .output()
        .expect("scripts/new-rule runs");
    assert!(
        scaffolded.status.success(),
        "{}",
        String::from_utf8_lossy(&scaffolded.stderr)
    );
    let lib = std::fs::read_to_string(copy.join("rules/src/lib.rs")).unwrap();
    let original = std::fs::read_to_string(workspace.join("rules/src/lib.rs")).unwrap();
    let added: Vec<&str> = lib
        .lines()
        .filter(|line| !original.lines().any(|o| o == *line))
        .collect();
    assert_eq!(added, vec!["    throwaway_rule::ThrowawayRule,"]);
    assert!(copy.join("rules/src/throwaway_rule.rs").is_file());
    assert!(copy
        .join("rules/tests/fixtures/throwaway-rule/loops_js.js")
        .is_file());

    // The first run writes the new fixtures' snapshots (what a developer reviews and commits); the
    // second checks the whole suite against them, as CI would.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for update in ["always", "no"] {
        let tested = Command::new(&cargo)
            .args([
                "test",
                "-p",
                "snag-rules",
                "--offline",
                "--locked",
                "--quiet",
            ])
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .env("INSTA_UPDATE", update)
            .output()
            .expect("cargo runs");
        assert!(
            tested.status.success(),
            "the rules crate's tests fail with the scaffolded rule (INSTA_UPDATE={update}):\n{}\n{}",
            String::from_utf8_lossy(&tested.stdout),
            String::from_utf8_lossy(&tested.stderr)
        );
    }
    let snapshot = copy.join("rules/tests/snapshots/throwaway-rule__loops_py.snap");
    let text = std::fs::read_to_string(&snapshot).expect("the fixture's snapshot is written");
    assert!(
        text.contains("throwaway-rule (warning)"),
        "{}",
        snapshot.display()
    );
}
