//! What the rules' integration tests share: the `expect:`/`ok:` markers, the per-rule fixtures and the
//! labeled corpus, each linted as a project with its own model index. See `tests/README.md`.

// Each test binary (`corpus.rs`, `snapshots.rs`, `fixes.rs`) uses a part of this module.
#![allow(dead_code)]

use snag_core::config::Config;
use snag_core::discover::WalkOptions;
use snag_core::engine::Engine;
use snag_core::models::ModelIndex;
use snag_core::Language;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The rule ids after `marker` (`expect:` or `ok:`) in a comment on this line.
pub fn marked_rules(line: &str, marker: &str) -> Vec<String> {
    let Some(at) = line.find(marker) else {
        return Vec::new();
    };
    let before = &line[..at];
    if !(before.contains("//") || before.contains('#') || before.contains("/*")) {
        return Vec::new();
    }
    let rest = &line[at + marker.len()..];
    let rest = rest.split("*/").next().unwrap_or(rest);
    rest.split(',')
        .filter_map(|part| part.split_whitespace().next())
        .map(|id| id.trim_end_matches("*/").to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

/// A path with `/` separators, relative to `root`.
pub fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

// ----- the corpus -----

/// `corpus/`, at the workspace root.
pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .canonicalize()
        .expect("corpus folder")
}

/// The rule folders of the corpus, each linted as a separate project.
pub fn corpus_projects(root: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}

/// How the corpus is walked: every file, whatever `.gitignore` says, on two threads.
pub fn corpus_walk(config: &Config, root: &Path) -> WalkOptions {
    WalkOptions {
        exclude: config.exclusions(),
        root: root.to_path_buf(),
        no_ignore: true,
        threads: 2,
        force_exclude: false,
        nested_projects: false,
    }
}

// ----- the fixtures -----

/// `rules/tests/fixtures/`.
pub fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One fixture: `fixtures/<rule>/<name>.<ext>`, or a small project `fixtures/<rule>/<name>/`.
pub struct Case {
    /// The rule folder the case is in.
    pub rule: String,
    /// The file stem or the folder name.
    pub name: String,
    /// Its files, by the path they are linted as: the file name, or the path inside the folder. The
    /// fixture's own location (under `tests/`) would make every file a test file, which the rules skip.
    pub files: Vec<SourceFile>,
}

/// A file of a fixture.
pub struct SourceFile {
    /// The path it is linted as.
    pub path: PathBuf,
    /// Its language.
    pub language: Language,
    /// Its text.
    pub text: String,
}

impl Case {
    /// `rule/name`, for messages.
    pub fn id(&self) -> String {
        format!("{}/{}", self.rule, self.name)
    }

    /// An engine with every built-in rule and the model index of the case's files (test files left
    /// out, as the index pass does).
    pub fn engine(&self) -> Engine {
        let mut engine = Engine::new(&snag_rules::all(), &fixture_config());
        let contributions = self
            .files
            .iter()
            .filter(|f| !snag_core::semantic::is_test_path(&f.path))
            .filter_map(|f| Engine::source_models(f.language, &f.path, &f.text));
        engine.set_models(Arc::new(ModelIndex::new(contributions)));
        engine
    }
}

/// Every fixture, sorted by rule and name.
pub fn fixture_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for rule_folder in sorted_entries(&fixtures_root()) {
        if !rule_folder.is_dir() {
            continue;
        }
        let rule = file_name(&rule_folder);
        for entry in sorted_entries(&rule_folder) {
            let (name, root) = if entry.is_dir() {
                (file_name(&entry), entry.clone())
            } else {
                let stem = entry.file_stem().unwrap().to_string_lossy().to_string();
                (stem, rule_folder.clone())
            };
            let mut paths = Vec::new();
            if entry.is_dir() {
                collect_sources(&entry, &mut paths);
            } else if Language::from_path(&entry).is_some() {
                paths.push(entry.clone());
            }
            let files = paths
                .into_iter()
                .map(|path| SourceFile {
                    language: Language::from_path(&path).expect("a source file"),
                    text: std::fs::read_to_string(&path).expect("a UTF-8 fixture"),
                    path: PathBuf::from(relative(&path, &root)),
                })
                .collect();
            // The name keys the snapshot: `a.js` and `a.py` would share one.
            assert!(
                !cases
                    .iter()
                    .any(|c: &Case| c.rule == rule && c.name == name),
                "tests/fixtures/{rule}/: two cases are named `{name}`"
            );
            cases.push(Case {
                rule: rule.clone(),
                name,
                files,
            });
        }
    }
    cases
}

fn sorted_entries(folder: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn collect_sources(folder: &Path, found: &mut Vec<PathBuf>) {
    for path in sorted_entries(folder) {
        if path.is_dir() {
            collect_sources(&path, found);
        } else if Language::from_path(&path).is_some() {
            found.push(path);
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().to_string()
}

/// The configuration fixtures are linted with: every rule, preview rules too (a new rule starts in
/// preview with its fixture).
pub fn fixture_config() -> Config {
    Config {
        preview: true,
        ..Config::default_at(".".into())
    }
}
