//! Discovery: which files to lint. Folders are walked in parallel with the `ignore` crate (honouring
//! `.gitignore`, `.ignore` and hidden files, and the configured exclusions); a file named explicitly is
//! always linted.

use crate::language::Language;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How to walk.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Exclusion globs (relative to `root`; a glob without `/` matches any file or folder name).
    pub exclude: Vec<String>,
    /// The folder exclusion globs are relative to.
    pub root: PathBuf,
    /// Ignore `.gitignore`/`.ignore` files.
    pub no_ignore: bool,
    /// Walker threads (0: as many as cores).
    pub threads: usize,
    /// Apply the exclusions to files named explicitly too (what a hook wants: it names every staged
    /// file, build output and vendored code among them).
    pub force_exclude: bool,
    /// Leave folders that hold a configuration file of their own (`snag.toml`, `.snag.toml`, a
    /// `pyproject.toml` with `[tool.snag]`) to their own projects: not walked into, reported as
    /// [`Excluded`] with `nested_project` set (Ruff's hierarchical configuration).
    pub nested_projects: bool,
}

/// A file the walk could not use.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// A path named on the command line that does not exist.
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    /// A folder the walker could not read.
    #[error("{0}")]
    Walk(String),
    /// An explicit file that snag cannot lint.
    #[error("{0}: not a JavaScript, TypeScript or Python file")]
    Unsupported(PathBuf),
    /// A path named on the command line that exists but is neither a file nor a folder snag can read.
    #[error("{path}: {reason}")]
    Unusable {
        /// The path as named.
        path: PathBuf,
        /// What it is instead.
        reason: &'static str,
    },
}

impl WalkError {
    /// Why a named path that is neither a file nor a folder cannot be linted: missing, a symbolic link
    /// that leads nowhere, or something other than a file (a pipe, a socket, a device).
    fn of_named(path: &Path) -> WalkError {
        match std::fs::symlink_metadata(path) {
            Err(_) => WalkError::Missing(path.to_path_buf()),
            Ok(metadata) if metadata.file_type().is_symlink() => WalkError::Unusable {
                path: path.to_path_buf(),
                reason: "a symbolic link that leads nowhere (a loop, or a missing target)",
            },
            Ok(_) => WalkError::Unusable {
                path: path.to_path_buf(),
                reason: "not a regular file or folder (a pipe, a socket or a device)",
            },
        }
    }
}

/// Matches paths against exclusion globs.
#[derive(Clone, Debug)]
pub struct PathMatcher {
    full: GlobSet,
    names: GlobSet,
    /// The globs of `full` and of `names`, by their index in each set.
    full_globs: Vec<String>,
    name_globs: Vec<String>,
    root: PathBuf,
}

impl PathMatcher {
    /// Compiles `globs`, relative to `root` (invalid globs were rejected when the config was read).
    pub fn new(globs: &[String], root: &Path) -> PathMatcher {
        let mut full = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        let (mut full_globs, mut name_globs) = (Vec::new(), Vec::new());
        for glob in globs {
            let trimmed = glob.trim_end_matches('/');
            let pattern = trimmed.strip_prefix("./").unwrap_or(trimmed);
            if let Ok(compiled) = Glob::new(pattern) {
                if !pattern.contains('/') {
                    names.add(compiled.clone());
                    name_globs.push(glob.clone());
                }
                full.add(compiled);
                full_globs.push(glob.clone());
            }
        }
        let (full, names) = match (full.build(), names.build()) {
            (Ok(full), Ok(names)) => (full, names),
            _ => {
                (full_globs, name_globs) = (Vec::new(), Vec::new());
                (GlobSet::empty(), GlobSet::empty())
            }
        };
        PathMatcher {
            full,
            names,
            full_globs,
            name_globs,
            root: absolute(root),
        }
    }

    /// Whether `path` (or, for name globs, its file name) matches.
    pub fn matches(&self, path: &Path) -> bool {
        self.matching(path).is_some()
    }

    /// The first glob that matches `path` (or, for name globs, its file name), as configured.
    pub fn matching(&self, path: &Path) -> Option<&str> {
        if self.full.is_empty() && self.names.is_empty() {
            return None;
        }
        if let Some(name) = path.file_name() {
            if let Some(&index) = self.names.matches(name).first() {
                return Some(&self.name_globs[index]);
            }
        }
        let absolute = absolute(path);
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        let index = *self.full.matches(relative).first()?;
        Some(&self.full_globs[index])
    }
}

impl PathMatcher {
    /// The first glob that matches `path` or a folder above it, up to the root (the folders a walk
    /// from the root would have met on its way to `path`).
    pub fn matching_within(&self, path: &Path) -> Option<&str> {
        let path = absolute(path);
        path.ancestors()
            .take_while(|folder| folder.starts_with(&self.root) && *folder != self.root)
            .find_map(|folder| self.matching(folder))
    }
}

/// A folder or file the walk left out because an `exclude` glob matched it, or a folder that is a
/// project of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excluded {
    /// The glob, as configured (`dist`, `*.min.js`); empty for a nested project.
    pub glob: String,
    /// The folder or file it matched.
    pub path: PathBuf,
    /// Whether the folder holds a configuration file of its own (see [`WalkOptions::nested_projects`]).
    pub nested_project: bool,
}

/// Whether a walked file is one to lint: a JavaScript, TypeScript or Python file, and not a TypeScript
/// declaration file (`.d.ts`: types only, no code that runs).
fn is_lintable(path: &Path) -> bool {
    Language::from_path(path).is_some() && !is_declaration_file(path)
}

fn is_declaration_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| {
            [".d.ts", ".d.mts", ".d.cts"]
                .iter()
                .any(|e| name.ends_with(e))
        })
}

/// Whether a folder holds a file snag would lint (looked for up to a bound: it answers a note, so a huge
/// folder of other files is taken as holding none).
pub fn holds_code(folder: &Path) -> bool {
    if folder.is_file() {
        return is_lintable(folder);
    }
    ignore::WalkBuilder::new(folder)
        .standard_filters(false)
        .build()
        .take(20_000)
        .filter_map(Result::ok)
        .any(|entry| entry.file_type().is_some_and(|t| t.is_file()) && is_lintable(entry.path()))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Drop `.` components so that `./src/a.js` matches `src/**`.
    joined
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Walks `paths`, calling `found` with every file to lint (from several threads), `failed` with every
/// problem and `excluded` with every folder or file an `exclude` glob left out (not with what is below
/// it). Explicit files are passed through whatever the exclusions say; `.d.ts` files are not walked into.
pub fn walk(
    paths: &[PathBuf],
    options: &WalkOptions,
    found: &(dyn Fn(PathBuf) + Sync),
    failed: &(dyn Fn(WalkError) + Sync),
    excluded: &(dyn Fn(Excluded) + Sync),
) {
    let exclusions = PathMatcher::new(&options.exclude, &options.root);
    let mut folders = Vec::new();
    for path in paths {
        if path.is_file() {
            if let Some(glob) = options
                .force_exclude
                .then(|| exclusions.matching_within(path))
                .flatten()
            {
                excluded(Excluded {
                    glob: glob.to_string(),
                    path: path.clone(),
                    nested_project: false,
                });
            } else if Language::from_path(path).is_some() {
                found(path.clone());
            } else {
                failed(WalkError::Unsupported(path.clone()));
            }
        } else if path.is_dir() {
            folders.push(path.clone());
        } else {
            failed(WalkError::of_named(path));
        }
    }
    let Some((first, rest)) = folders.split_first() else {
        return;
    };
    let mut builder = ignore::WalkBuilder::new(first);
    for folder in rest {
        builder.add(folder);
    }
    let no_ignore = options.no_ignore;
    let nested_projects = options.nested_projects;
    let left_out = Arc::new(Mutex::new(Vec::new()));
    builder
        .threads(options.threads)
        .git_ignore(!no_ignore)
        .git_global(!no_ignore)
        .git_exclude(!no_ignore)
        .ignore(!no_ignore)
        .parents(!no_ignore)
        .require_git(false)
        .filter_entry({
            let left_out = Arc::clone(&left_out);
            move |entry| {
                if entry.depth() == 0 {
                    return true;
                }
                let is_folder = entry.file_type().is_some_and(|t| t.is_dir());
                if nested_projects && is_folder && crate::config::configures(entry.path()) {
                    left_out.lock().expect("excluded paths").push(Excluded {
                        glob: String::new(),
                        path: entry.path().to_path_buf(),
                        nested_project: true,
                    });
                    return false;
                }
                let Some(glob) = exclusions.matching(entry.path()) else {
                    return true;
                };
                let excluded = Excluded {
                    glob: glob.to_string(),
                    path: entry.path().to_path_buf(),
                    nested_project: false,
                };
                left_out.lock().expect("excluded paths").push(excluded);
                false
            }
        });
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_lintable(entry.path()) {
                        found(entry.into_path());
                    }
                }
                Err(error) => failed(WalkError::Walk(error.to_string())),
            }
            ignore::WalkState::Continue
        })
    });
    let left_out = std::mem::take(&mut *left_out.lock().expect("excluded paths"));
    for entry in left_out {
        excluded(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_globs_match_any_component_and_path_globs_match_from_the_root() {
        let root = std::env::temp_dir();
        let matcher = PathMatcher::new(
            &["node_modules".into(), "gen/**".into(), "*.min.js".into()],
            &root,
        );
        assert!(matcher.matches(&root.join("a/node_modules")));
        assert!(matcher.matches(&root.join("gen/x.py")));
        assert!(matcher.matches(&root.join("web/app.min.js")));
        assert!(!matcher.matches(&root.join("src/gen/x.py")));
        assert!(!matcher.matches(&root.join("src/app.js")));
    }

    #[test]
    fn the_walk_reports_what_exclude_left_out_and_skips_declaration_files() {
        let dir = std::env::temp_dir().join(format!("snag-walk-{}", std::process::id()));
        let root = dir.as_path();
        for file in [
            "src/app.ts",
            "src/types.d.ts",
            "dist/app.js",
            "web/lib.min.js",
            "docs/README.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "const x = 1;\n").unwrap();
        }
        let options = WalkOptions {
            exclude: vec!["dist".into(), "*.min.js".into()],
            root: root.to_path_buf(),
            no_ignore: false,
            threads: 1,
            force_exclude: false,
            nested_projects: false,
        };
        let found = Mutex::new(Vec::new());
        let excluded = Mutex::new(Vec::new());
        walk(
            &[root.to_path_buf()],
            &options,
            &|path| found.lock().unwrap().push(path),
            &|error| panic!("{error}"),
            &|left_out| excluded.lock().unwrap().push(left_out),
        );
        assert_eq!(found.into_inner().unwrap(), vec![root.join("src/app.ts")]);
        let mut excluded = excluded.into_inner().unwrap();
        excluded.sort();
        let excluded: Vec<(String, PathBuf)> =
            excluded.into_iter().map(|e| (e.glob, e.path)).collect();
        assert_eq!(
            excluded,
            vec![
                ("*.min.js".to_string(), root.join("web/lib.min.js")),
                ("dist".to_string(), root.join("dist")),
            ]
        );
        assert!(holds_code(&root.join("dist")));
        assert!(!holds_code(&root.join("docs")));
        std::fs::remove_dir_all(root).unwrap();
    }
}
