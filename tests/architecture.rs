//! `ARCHITECTURE.md` stays true: every module of core and of the binary is in its code map, and the
//! invariants it states about dependencies hold (core knows no terminal, LSP or WebAssembly crate; the
//! framework knowledge is a leaf).

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Rust files below `folder`, as paths relative to `folder`, tests left out.
fn modules(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(folder)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let is_test = relative.ends_with("tests.rs") || relative.ends_with("_tests.rs");
            if relative.ends_with(".rs") && !is_test {
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_code_map_names_every_module() {
    let map = std::fs::read_to_string(workspace().join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for (crate_folder, shown) in [("core/src", "core"), ("src", "src")] {
        for module in modules(&workspace().join(crate_folder)) {
            // One file per framework or library: the map describes the folder and its concern files.
            let framework_file = module.starts_with("frameworks/")
                && ![
                    "frameworks/mod.rs",
                    "frameworks/web.rs",
                    "frameworks/orm.rs",
                ]
                .contains(&module.as_str())
                && !["frameworks/declarations.rs", "frameworks/calls.rs"]
                    .contains(&module.as_str());
            if framework_file
                || module == "lib.rs"
                || module == "main.rs"
                || module.ends_with("/mod.rs")
            {
                continue;
            }
            let file = module.rsplit('/').next().unwrap();
            let named = map.contains(&format!("`{module}`"))
                || map.contains(&format!("`{file}`"))
                || map.contains(&format!("`{}`", module.trim_end_matches(".rs")));
            if !named {
                missing.push(format!("{shown}/{module}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name: {missing:?}"
    );
}

/// The `use crate::...` and `crate::...` paths a file names.
fn crate_uses(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + "crate::".len()..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn the_framework_knowledge_is_a_leaf_and_core_knows_no_edge() {
    let core = workspace().join("core/src");
    for module in modules(&core.join("frameworks")) {
        let text = std::fs::read_to_string(core.join("frameworks").join(&module)).unwrap();
        let reaches: Vec<String> = crate_uses(&text)
            .into_iter()
            .filter(|m| m != "frameworks" && m != "language")
            .collect();
        assert!(
            reaches.is_empty(),
            "frameworks/{module} imports {reaches:?}: the framework knowledge must stay a leaf (it may name \
             languages, nothing else of core)"
        );
    }
    let manifest = std::fs::read_to_string(workspace().join("core/Cargo.toml")).unwrap();
    for edge in ["miette", "clap", "lsp", "tower", "wasmtime"] {
        assert!(
            !manifest.contains(edge),
            "core depends on `{edge}`: terminals, LSP and WebAssembly belong to the edges"
        );
    }
    // JSON output belongs to the edges too: core reads the project's own JSON configuration
    // (`tsconfig.json`, `package.json`) in one module, and writes none.
    for module in modules(&core) {
        let text = std::fs::read_to_string(core.join(&module)).unwrap();
        assert!(
            module == "module_map.rs" || !text.contains("serde_json"),
            "core/src/{module} uses serde_json: JSON output belongs to the edges (only module_map.rs \
             reads the project's JSON configuration)"
        );
    }
}
