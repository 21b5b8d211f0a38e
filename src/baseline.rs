//! Baselines: `--write-baseline FILE` records today's findings by fingerprint, `--baseline FILE` reports
//! only the findings that are not in it, so a project can adopt snag (or a new rule) without fixing
//! everything first and still see every new finding.
//!
//! The file is JSON: `{"version": 1, "entries": [{"rule", "path", "fingerprint", "line", "message"}]}`.
//! Only `fingerprint` decides a match (see `fingerprint.rs`); the rest is for people reading the file
//! and for naming stale entries. Paths are relative to the folder snag runs in, as in every report.

use crate::check::Entry;
use crate::fingerprint::slash_path;
use crate::output;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The version of the file's shape (and of the fingerprints it holds).
const VERSION: u32 = 1;

/// A baseline read from its file.
#[derive(Debug)]
pub(crate) struct Baseline {
    entries: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredBaseline {
    version: u32,
    entries: Vec<BaselineEntry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BaselineEntry {
    /// The rule id.
    pub(crate) rule: String,
    /// The file, relative, with forward slashes.
    pub(crate) path: String,
    /// The finding's fingerprint: what a match compares.
    pub(crate) fingerprint: String,
    /// Where the finding was when recorded (for people).
    pub(crate) line: u32,
    /// Its message when recorded (for people).
    pub(crate) message: String,
}

/// A baseline file that cannot be used.
#[derive(Debug)]
pub(crate) enum BaselineError {
    /// It cannot be read (missing, a folder, no permission).
    Read(PathBuf, std::io::Error),
    /// It is not a baseline of this shape.
    Invalid(PathBuf, String),
    /// It was written by a snag with another fingerprint scheme.
    Version(PathBuf, u32),
    /// It cannot be written.
    Write(PathBuf, std::io::Error),
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::Read(path, e) => {
                write!(f, "{}: cannot read the baseline: {e}", path.display())
            }
            BaselineError::Invalid(path, reason) => write!(
                f,
                "{}: not a snag baseline ({reason}); write one with `snag check --write-baseline {}`",
                path.display(),
                path.display()
            ),
            BaselineError::Version(path, found) => write!(
                f,
                "{}: a baseline of version {found}, this snag reads version {VERSION}; write it again \
                 with `--write-baseline`",
                path.display()
            ),
            BaselineError::Write(path, e) => {
                write!(f, "{}: cannot write the baseline: {e}", path.display())
            }
        }
    }
}

/// What applying a baseline left.
pub(crate) struct Applied<'e> {
    /// How many findings it hid.
    pub(crate) hidden: usize,
    /// Its entries of the files linted now that match no finding any more (fixed, or changed).
    pub(crate) stale: Vec<&'e BaselineEntry>,
}

impl Baseline {
    /// Reads a baseline file.
    pub(crate) fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let bytes = std::fs::read(path).map_err(|e| BaselineError::Read(path.to_path_buf(), e))?;
        Baseline::parse(path, &bytes)
    }

    fn parse(path: &Path, bytes: &[u8]) -> Result<Baseline, BaselineError> {
        // The version first: a future shape should say so, not fail on its new fields.
        let version = serde_json::from_slice::<serde_json::Value>(bytes)
            .map_err(|e| BaselineError::Invalid(path.to_path_buf(), e.to_string()))?
            .get("version")
            .and_then(serde_json::Value::as_u64);
        match version {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(BaselineError::Version(
                    path.to_path_buf(),
                    u32::try_from(v).unwrap_or(u32::MAX),
                ))
            }
            None => {
                return Err(BaselineError::Invalid(
                    path.to_path_buf(),
                    "no `version`".to_string(),
                ))
            }
        }
        let stored: StoredBaseline = serde_json::from_slice(bytes)
            .map_err(|e| BaselineError::Invalid(path.to_path_buf(), e.to_string()))?;
        Ok(Baseline {
            entries: stored.entries,
        })
    }

    /// Writes the entries' findings as a baseline (atomically); returns how many it recorded.
    pub(crate) fn write(path: &Path, entries: &[Entry<'_>]) -> Result<usize, BaselineError> {
        let stored = StoredBaseline {
            version: VERSION,
            entries: entries.iter().map(record).collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&stored)
            .map_err(|e| BaselineError::Write(path.to_path_buf(), e.into()))?;
        bytes.push(b'\n');
        output::write_atomically(path, &bytes)
            .map_err(|e| BaselineError::Write(path.to_path_buf(), e))?;
        Ok(stored.entries.len())
    }

    /// Removes the findings the baseline holds from `entries`. `linted` are the paths (as shown, with
    /// forward slashes) of the files this run linted: only their entries, and those of files that no
    /// longer exist, can be stale, so linting one folder does not call the rest of the baseline stale.
    pub(crate) fn apply<'e>(
        &'e self,
        entries: &mut Vec<Entry<'_>>,
        linted: &HashSet<String>,
    ) -> Applied<'e> {
        let known: HashSet<&str> = self
            .entries
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let found: HashSet<String> = entries.iter().map(|e| e.fingerprint.clone()).collect();
        let before = entries.len();
        entries.retain(|entry| !known.contains(entry.fingerprint.as_str()));
        let stale = self
            .entries
            .iter()
            .filter(|e| !found.contains(&e.fingerprint))
            .filter(|e| linted.contains(&e.path) || !Path::new(&e.path).exists())
            .collect();
        Applied {
            hidden: before - entries.len(),
            stale,
        }
    }
}

fn record(entry: &Entry<'_>) -> BaselineEntry {
    BaselineEntry {
        rule: entry.finding.diagnostic.rule.to_string(),
        path: slash_path(entry.path),
        fingerprint: entry.fingerprint.clone(),
        line: entry.finding.range.start.line,
        message: entry.finding.diagnostic.message.clone(),
    }
}

/// The warning about stale entries: how many, and the first few by path and rule.
pub(crate) fn stale_warning(stale: &[&BaselineEntry], file: &Path) -> String {
    let named: Vec<String> = stale
        .iter()
        .take(5)
        .map(|e| format!("{}:{} ({})", e.path, e.line, e.rule))
        .collect();
    let more = stale.len() - named.len();
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{}: {} no longer found (fixed or changed): {}{more}; `--write-baseline` drops {}",
        file.display(),
        output::count(stale.len(), "baseline entry is", "baseline entries are"),
        named.join(", "),
        if stale.len() == 1 { "it" } else { "them" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        Baseline::parse(Path::new("base.json"), text.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unusable_files_are_errors_naming_the_file_and_the_reason() {
        assert!(error("{").starts_with("base.json: not a snag baseline (EOF"));
        assert!(error("[]").contains("no `version`"));
        assert!(error("{\"version\": 9, \"entries\": []}").contains("version 9"));
        assert!(error("{\"version\": 1}").contains("missing field `entries`"));
        assert!(error("{\"version\": 1, \"entries\": [{\"rule\": 1}]}").contains("invalid type"));
        let missing = Baseline::load(Path::new("/no/such/base.json"))
            .unwrap_err()
            .to_string();
        assert!(
            missing.starts_with("/no/such/base.json: cannot read the baseline: "),
            "{missing}"
        );
    }

    #[test]
    fn stale_warnings_name_a_few_entries() {
        let entry = |line| BaselineEntry {
            rule: "read-file-sync".into(),
            path: "a.js".into(),
            fingerprint: "0".into(),
            line,
            message: String::new(),
        };
        let entries: Vec<BaselineEntry> = (1..=7).map(entry).collect();
        let refs: Vec<&BaselineEntry> = entries.iter().collect();
        let warning = stale_warning(&refs, Path::new("b.json"));
        assert!(
            warning.starts_with("b.json: 7 baseline entries are no longer found")
                && warning
                    .contains("a.js:5 (read-file-sync) and 2 more; `--write-baseline` drops them"),
            "{warning}"
        );
        assert!(stale_warning(&refs[..1], Path::new("b.json")).contains("1 baseline entry is"));
    }
}
