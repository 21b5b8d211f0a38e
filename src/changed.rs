//! `--changed-since REV`: the files git says changed since a revision (committed since it, staged,
//! unstaged, untracked), asked of the `git` program in the current folder's repository.

use snag_core::discover::PathMatcher;
use snag_core::project::normalize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed files could not be listed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChangedError {
    /// `git` is not installed or could not run.
    #[error("--changed-since needs git, which could not run: {0}")]
    NoGit(std::io::Error),
    /// The current folder is not in a git repository.
    #[error("--changed-since: {0} is not inside a git repository")]
    NotARepository(String),
    /// The revision does not name a commit.
    #[error("--changed-since: `{rev}` is not a known revision of this repository ({message})")]
    UnknownRevision {
        /// As given.
        rev: String,
        /// What git said.
        message: String,
    },
    /// Another git failure.
    #[error("--changed-since: `git {command}` failed: {message}")]
    Git {
        /// The git command.
        command: String,
        /// What git said.
        message: String,
    },
}

/// The lintable files changed since `rev`, absolute, sorted; deleted files are left out.
pub(crate) fn changed_files(rev: &str, cwd: &Path) -> Result<Vec<PathBuf>, ChangedError> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        ChangedError::Git { .. } => ChangedError::NotARepository(cwd.display().to_string()),
        other => other,
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let commit = format!("{rev}^{{commit}}");
    git(cwd, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|e| match e {
        ChangedError::Git { message, .. } => ChangedError::UnknownRevision {
            rev: rev.to_string(),
            message: if message.is_empty() {
                "no such commit".to_string()
            } else {
                message
            },
        },
        other => other,
    })?;
    // `git diff REV` compares the revision with the working tree: commits since, staged and unstaged
    // changes alike. Untracked files are listed apart (ignored ones left out).
    let changed = git(
        &top,
        &["diff", "--name-only", "-z", "--no-renames", &commit, "--"],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    let mut files: Vec<PathBuf> = changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|name| !name.is_empty())
        .map(|name| normalize(Path::new(name), &top))
        .filter(|path| path.is_file() && snag_core::Language::from_path(path).is_some())
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// Keeps the files below one of `paths` (absolute) that no exclusion glob leaves out: files git lists
/// were not named by the user, so `exclude` applies to them as to a walk.
pub(crate) fn within(
    files: Vec<PathBuf>,
    paths: &[PathBuf],
    exclusions: &PathMatcher,
) -> Vec<PathBuf> {
    files
        .into_iter()
        .filter(|file| paths.iter().any(|p| file.starts_with(p)))
        .filter(|file| exclusions.matching_within(file).is_none())
        .collect()
}

fn git(dir: &Path, args: &[&str]) -> Result<String, ChangedError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(ChangedError::NoGit)?;
    if !output.status.success() {
        return Err(ChangedError::Git {
            command: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
