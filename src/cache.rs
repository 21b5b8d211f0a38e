//! The results cache: what each unchanged file reported last time, so a run over an unchanged tree reads
//! no file and parses nothing.
//!
//! Stored under `<project root>/.snag_cache/`, one JSON file per *run key* (the snag build, the enabled
//! rules and their severities, and the settings that change findings). An entry is reused when the file's
//! modification time and size are what they were when it was read. Files modified within the last two
//! seconds of a save are not stored: a second write within the file system's timestamp granularity could
//! otherwise go unnoticed.

use crate::output;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use snag_core::diagnostic::{
    Applicability, Diagnostic, Edit, Finding, Fix, Label, Range, Severity, Span,
};
use snag_core::engine::{
    Contribution, FileError, FileReport, FileStamp, IndexedFile, ModelCache, ResultCache, RunReport,
};
use snag_core::graph::FileSummary;
use snag_core::models::FileModels;
use snag_core::semantic::Context;
use snag_core::source::LineColumn;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bumped whenever a stored shape changes: files of another format are ignored (3: findings' `scope`;
/// 5: the summaries' calls stored compactly).
const FORMAT: u32 = 5;
/// Entries modified this recently when saved are not trusted later.
const RACY_NS: u128 = 2_000_000_000;

/// A cache loaded for one run key.
pub(crate) struct Cache {
    file: PathBuf,
    folder: PathBuf,
    cwd: PathBuf,
    entries: Entries<Entry>,
}

/// Entries by absolute path, spelled as a string (hashing a string is cheap, a path's components are
/// not; a path that is not UTF-8 is not cached).
type Entries<E> = FxHashMap<String, E>;

/// One file of the cache folder: entries by absolute path.
#[derive(Serialize, Deserialize)]
struct Stored<E> {
    format: u32,
    entries: Entries<E>,
}

/// The entries of a cache file (none when it is missing, unreadable or of another format).
fn read_entries<E: DeserializeOwned>(file: &Path) -> Entries<E> {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Stored<E>>(&bytes).ok())
        .filter(|stored| stored.format == FORMAT)
        .map(|stored| stored.entries)
        .unwrap_or_default()
}

/// Writes a cache file atomically (creating the folder, git-ignored). Failures only cost the next run
/// its speed.
fn write_entries<E: Serialize>(folder: &Path, file: &Path, entries: Entries<E>) {
    let stored = Stored {
        format: FORMAT,
        entries,
    };
    let Ok(bytes) = serde_json::to_vec(&stored) else {
        return;
    };
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let ignore = folder.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# Created by snag.\n*\n");
    }
    let _ = output::write_atomically(file, &bytes);
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    modified_ns: u128,
    size: u64,
    parsed: bool,
    #[serde(default)]
    minified: bool,
    errors: Vec<StoredError>,
    findings: Vec<StoredFinding>,
    /// What other files said of this one when it was linted ([`FileReport::facts`]).
    #[serde(default)]
    facts: u64,
}

#[derive(Serialize, Deserialize, Clone)]
enum StoredError {
    Binary,
    NotUtf8(usize),
    TooLarge { size: u64, limit: u64 },
    Parse,
}

#[derive(Serialize, Deserialize, Clone)]
struct StoredFinding {
    rule: String,
    severity: String,
    message: String,
    span: (usize, usize),
    range: [u32; 4],
    labels: Vec<StoredLabel>,
    help: Option<String>,
    fix: Option<StoredFix>,
    /// The context's id (see `snag_core::semantic::Context`).
    context: Option<String>,
    /// The enclosing function's name (part of the fingerprint).
    scope: Option<String>,
}

/// A label's span, range, message, and its file when it is not the finding's.
type StoredLabel = ((usize, usize), [u32; 4], String, Option<PathBuf>);

#[derive(Serialize, Deserialize, Clone)]
struct StoredFix {
    message: String,
    safe: bool,
    edits: Vec<((usize, usize), [u32; 4], String)>,
}

impl Cache {
    /// Loads the cache for `key` from `folder` (an empty cache when there is none or it is unreadable).
    pub(crate) fn load(folder: &Path, key: u64, cwd: &Path) -> Cache {
        let file = folder.join(format!("v{FORMAT}-{key:016x}.json"));
        let entries = read_entries(&file);
        Cache {
            file,
            folder: folder.to_path_buf(),
            cwd: cwd.to_path_buf(),
            entries,
        }
    }

    /// Stores the reports of this run (files that were linted or reused, with a stamp and no internal or
    /// read error) and writes the cache file atomically, unless every report was reused from it.
    /// Failures only cost the next run its speed.
    pub(crate) fn save(mut self, report: &RunReport) {
        let now = now_ns();
        let mut changed = false;
        for file in &report.files {
            let Some(key) = key(&self.cwd, &file.path) else {
                continue;
            };
            if file.cached && self.entries.contains_key(&key) {
                continue;
            }
            changed = true;
            match to_entry(file) {
                Some(entry) if entry.modified_ns + RACY_NS < now => {
                    self.entries.insert(key, entry);
                }
                _ => {
                    self.entries.remove(&key);
                }
            }
        }
        if changed {
            write_entries(&self.folder, &self.file, self.entries);
        }
    }
}

fn now_ns() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// What each unchanged file contributed to the model index last time, so that a warm run neither reads
/// nor parses model files. Beside the results cache, one JSON file per key (the snag build and the
/// settings that change contributions); the index's fingerprint, part of the results cache's key, is
/// then known without reading a file.
pub(crate) struct ModelStore {
    file: PathBuf,
    folder: PathBuf,
    cwd: PathBuf,
    entries: Entries<ModelEntry>,
}

#[derive(Serialize, Deserialize)]
struct ModelEntry {
    modified_ns: u128,
    size: u64,
    models: Option<FileModels>,
    #[serde(default)]
    summary: Option<FileSummary>,
}

impl ModelStore {
    /// Loads the store for `key` from `folder` (empty when there is none or it is unreadable).
    pub(crate) fn load(folder: &Path, key: u64, cwd: &Path) -> ModelStore {
        let file = folder.join(format!("models-v{FORMAT}-{key:016x}.json"));
        let entries = read_entries(&file);
        ModelStore {
            file,
            folder: folder.to_path_buf(),
            cwd: cwd.to_path_buf(),
            entries,
        }
    }

    /// Stores this run's contributions; writes only when one was computed rather than reused.
    pub(crate) fn save(mut self, indexed: &[IndexedFile]) {
        if indexed.iter().all(|f| f.reused) {
            // Nothing to write, and the process ends soon: its entries need not be freed one by one.
            std::mem::forget(self);
            return;
        }
        let now = now_ns();
        for file in indexed {
            let Some(key) = key(&self.cwd, &file.path) else {
                continue;
            };
            if file.stamp.modified_ns + RACY_NS < now {
                let entry = ModelEntry {
                    modified_ns: file.stamp.modified_ns,
                    size: file.stamp.size,
                    models: file.models.clone(),
                    summary: file.summary.clone(),
                };
                self.entries.insert(key, entry);
            } else {
                self.entries.remove(&key);
            }
        }
        write_entries(&self.folder, &self.file, self.entries);
    }
}

impl ModelCache for ModelStore {
    fn lookup(&self, path: &Path, stamp: FileStamp) -> Option<Contribution> {
        let entry = self.entries.get(&key(&self.cwd, path)?)?;
        (entry.modified_ns == stamp.modified_ns && entry.size == stamp.size).then(|| Contribution {
            models: entry.models.clone(),
            summary: entry.summary.clone(),
        })
    }
}

/// The key of `path`'s entry: the absolute path as a string (`None` when it is not UTF-8).
fn key(cwd: &Path, path: &Path) -> Option<String> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    absolute.into_os_string().into_string().ok()
}

impl ResultCache for Cache {
    fn lookup(&self, path: &Path, facts: u64) -> Option<FileReport> {
        let entry = self.entries.get(&key(&self.cwd, path)?)?;
        if entry.facts != facts {
            return None;
        }
        let stamp = FileStamp::of(&std::fs::metadata(path).ok()?)?;
        if stamp.modified_ns != entry.modified_ns || stamp.size != entry.size {
            return None;
        }
        // Code frames and fixes need the text: read it only for files with findings.
        let source = if entry.findings.is_empty() {
            None
        } else {
            Some(Arc::<str>::from(std::fs::read_to_string(path).ok()?))
        };
        let findings: Vec<Finding> = entry
            .findings
            .iter()
            .map(to_finding)
            .collect::<Option<_>>()?;
        // An entry written by another build, or by hand, is not trusted: its spans must lie within the
        // text (code frames and fixes slice it).
        if let Some(text) = &source {
            if !findings.iter().all(|f| fits(f, text)) {
                return None;
            }
        }
        Some(FileReport {
            path: path.to_path_buf(),
            findings,
            errors: entry.errors.iter().map(to_error).collect(),
            source,
            parsed: entry.parsed,
            timings: None,
            stamp: Some(stamp),
            cached: true,
            minified: entry.minified,
            summary: None,
            facts,
        })
    }
}

/// Whether every span of `finding` (primary, labels, edits) lies within `text`, on character boundaries.
fn fits(finding: &Finding, text: &str) -> bool {
    let diagnostic = &finding.diagnostic;
    let edits = diagnostic.fix.iter().flat_map(|fix| &fix.edits);
    std::iter::once(diagnostic.span)
        .chain(
            diagnostic
                .labels
                .iter()
                .filter(|l| l.file.is_none())
                .map(|l| l.span),
        )
        .chain(edits.map(|e| e.span))
        .all(|span| {
            span.start <= span.end
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        })
}

/// The run key: what must be equal for stored findings to be valid.
pub(crate) fn run_key(settings: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // A rebuilt binary may find differently: its size and modification time stand for its build.
    if let Some(stamp) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
        .and_then(|m| FileStamp::of(&m))
    {
        stamp.hash(&mut hasher);
    }
    settings.hash(&mut hasher);
    hasher.finish()
}

fn to_entry(file: &FileReport) -> Option<Entry> {
    let stamp = file.stamp?;
    let errors = file
        .errors
        .iter()
        .map(|e| match e {
            FileError::Binary => Some(StoredError::Binary),
            FileError::NotUtf8(at) => Some(StoredError::NotUtf8(*at)),
            FileError::TooLarge { size, limit } => Some(StoredError::TooLarge {
                size: *size,
                limit: *limit,
            }),
            FileError::Parse => Some(StoredError::Parse),
            // Read errors may pass; internal errors must be seen again.
            FileError::Read(_) | FileError::RulePanic { .. } => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Entry {
        modified_ns: stamp.modified_ns,
        size: stamp.size,
        parsed: file.parsed,
        minified: file.minified,
        errors,
        findings: file.findings.iter().map(from_finding).collect(),
        facts: file.facts,
    })
}

fn to_error(error: &StoredError) -> FileError {
    match error {
        StoredError::Binary => FileError::Binary,
        StoredError::NotUtf8(at) => FileError::NotUtf8(*at),
        StoredError::TooLarge { size, limit } => FileError::TooLarge {
            size: *size,
            limit: *limit,
        },
        StoredError::Parse => FileError::Parse,
    }
}

fn from_range(range: &Range) -> [u32; 4] {
    [
        range.start.line,
        range.start.column,
        range.end.line,
        range.end.column,
    ]
}

fn to_range(span: (usize, usize), at: [u32; 4]) -> Range {
    Range {
        start: LineColumn {
            line: at[0],
            column: at[1],
        },
        end: LineColumn {
            line: at[2],
            column: at[3],
        },
        span: Span::new(span.0, span.1),
    }
}

fn from_finding(finding: &Finding) -> StoredFinding {
    let d = &finding.diagnostic;
    StoredFinding {
        rule: d.rule.to_string(),
        severity: d.severity.as_str().to_string(),
        message: d.message.clone(),
        span: (d.span.start, d.span.end),
        range: from_range(&finding.range),
        labels: d
            .labels
            .iter()
            .zip(&finding.label_ranges)
            .map(|(l, r)| {
                let file = l.file.as_deref().map(Path::to_path_buf);
                (
                    (l.span.start, l.span.end),
                    from_range(r),
                    l.message.clone(),
                    file,
                )
            })
            .collect(),
        help: d.help.clone(),
        context: d.context.map(|c| c.id().to_string()),
        scope: finding.scope.clone(),
        fix: d.fix.as_ref().map(|fix| StoredFix {
            message: fix.message.clone(),
            safe: fix.applicability == Applicability::Safe,
            edits: fix
                .edits
                .iter()
                .zip(&finding.edit_ranges)
                .map(|(e, r)| ((e.span.start, e.span.end), from_range(r), e.content.clone()))
                .collect(),
        }),
    }
}

fn to_finding(stored: &StoredFinding) -> Option<Finding> {
    let severity = match stored.severity.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        _ => return None,
    };
    let fix = stored.fix.as_ref().map(|fix| Fix {
        message: fix.message.clone(),
        edits: fix
            .edits
            .iter()
            .map(|(span, _, content)| Edit {
                span: Span::new(span.0, span.1),
                content: content.clone(),
            })
            .collect(),
        applicability: if fix.safe {
            Applicability::Safe
        } else {
            Applicability::Suggestion
        },
    });
    let diagnostic = Diagnostic {
        rule: Arc::from(stored.rule.as_str()),
        severity,
        message: stored.message.clone(),
        span: Span::new(stored.span.0, stored.span.1),
        labels: stored
            .labels
            .iter()
            .map(|(span, _, message, file)| Label {
                span: Span::new(span.0, span.1),
                message: message.clone(),
                file: file.as_deref().map(Arc::from),
            })
            .collect(),
        help: stored.help.clone(),
        fix,
        context: stored.context.as_deref().and_then(Context::from_id),
    };
    Some(Finding {
        range: to_range(stored.span, stored.range),
        label_ranges: stored
            .labels
            .iter()
            .map(|(span, at, _, _)| to_range(*span, *at))
            .collect(),
        edit_ranges: stored
            .fix
            .iter()
            .flat_map(|f| f.edits.iter())
            .map(|(span, at, _)| to_range(*span, *at))
            .collect(),
        diagnostic,
        scope: stored.scope.clone(),
    })
}
