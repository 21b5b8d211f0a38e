//! `--format gitlab`: a GitLab Code Quality report (a JSON array of Code Climate issues), shown in merge
//! requests as `artifacts: reports: codequality`.
//!
//! Severities map to GitLab's scale as error → `critical`, warning → `major`, info → `info`; the
//! `fingerprint` is the finding's (see `fingerprint.rs`), unique per finding, so GitLab can tell new
//! findings from old ones across pipelines.

use crate::check::Entry;
use crate::fingerprint::slash_path;
use serde_json::{json, Value};
use snag_core::Severity;

/// The findings as one pretty-printed JSON array, with a final newline.
pub(crate) fn render(entries: &[Entry<'_>]) -> serde_json::Result<Vec<u8>> {
    let issues: Vec<Value> = entries.iter().map(issue).collect();
    let mut bytes = serde_json::to_vec_pretty(&issues)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn issue(entry: &Entry<'_>) -> Value {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    json!({
        "type": "issue",
        "description": diagnostic.message,
        "check_name": &*diagnostic.rule,
        "categories": ["Performance"],
        "fingerprint": entry.fingerprint,
        "severity": severity(diagnostic.severity),
        "location": {
            "path": slash_path(entry.path),
            "lines": {
                "begin": finding.range.start.line,
                "end": finding.range.end.line,
            },
        },
    })
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}
