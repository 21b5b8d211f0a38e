//! Discovery: which files to lint. Folders are walked in parallel with the `ignore` crate (honouring
//! `.gitignore`, `.ignore` and hidden files, and the configured exclusions); a file named explicitly is
//! always linted.

use crate::language::Language;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

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
}

/// Matches paths against exclusion globs.
#[derive(Clone, Debug)]
pub struct PathMatcher {
    full: GlobSet,
    names: GlobSet,
    root: PathBuf,
}

impl PathMatcher {
    /// Compiles `globs`, relative to `root` (invalid globs were rejected when the config was read).
    pub fn new(globs: &[String], root: &Path) -> PathMatcher {
        let mut full = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        for glob in globs {
            let trimmed = glob.trim_end_matches('/');
            let pattern = trimmed.strip_prefix("./").unwrap_or(trimmed);
            if let Ok(compiled) = Glob::new(pattern) {
                if pattern.contains('/') {
                    full.add(compiled);
                } else {
                    names.add(compiled.clone());
                    full.add(compiled);
                }
            }
        }
        PathMatcher {
            full: full.build().unwrap_or_else(|_| GlobSet::empty()),
            names: names.build().unwrap_or_else(|_| GlobSet::empty()),
            root: absolute(root),
        }
    }

    /// Whether `path` (or, for name globs, its file name) matches.
    pub fn matches(&self, path: &Path) -> bool {
        if self.full.is_empty() && self.names.is_empty() {
            return false;
        }
        if path
            .file_name()
            .is_some_and(|name| self.names.is_match(name))
        {
            return true;
        }
        let absolute = absolute(path);
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        self.full.is_match(relative)
    }
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

/// Walks `paths`, calling `found` with every file to lint (from several threads) and `failed` with every
/// problem. Explicit files are passed through whatever the exclusions say.
pub fn walk(
    paths: &[PathBuf],
    options: &WalkOptions,
    found: &(dyn Fn(PathBuf) + Sync),
    failed: &(dyn Fn(WalkError) + Sync),
) {
    let exclusions = PathMatcher::new(&options.exclude, &options.root);
    let mut folders = Vec::new();
    for path in paths {
        if path.is_file() {
            if Language::from_path(path).is_some() {
                found(path.clone());
            } else {
                failed(WalkError::Unsupported(path.clone()));
            }
        } else if path.is_dir() {
            folders.push(path.clone());
        } else {
            failed(WalkError::Missing(path.clone()));
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
    builder
        .threads(options.threads)
        .git_ignore(!no_ignore)
        .git_global(!no_ignore)
        .git_exclude(!no_ignore)
        .ignore(!no_ignore)
        .parents(!no_ignore)
        .require_git(false)
        .filter_entry(move |entry| entry.depth() == 0 || !exclusions.matches(entry.path()));
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && Language::from_path(entry.path()).is_some() {
                        found(entry.into_path());
                    }
                }
                Err(error) => failed(WalkError::Walk(error.to_string())),
            }
            ignore::WalkState::Continue
        })
    });
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
}
