//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning uploads (`github/codeql-action/
//! upload-sarif`) and most SARIF viewers read.
//!
//! One run: the tool (`tool.driver`, with every enabled rule, its documentation and configured level),
//! the results, and one invocation whose notifications are the files that could not be linted.
//! Artifact locations are relative to `%SRCROOT%`, the folder snag ran in (`originalUriBaseIds`).
//! Regions are 1-based and count UTF-16 code units (`columnKind: "utf16CodeUnits"`, SARIF's default and
//! what GitHub assumes), computed from the file's text; end columns are exclusive, as in SARIF.
//! Levels: error → `error`, warning → `warning`, info → `note`.

use super::{EnabledRule, Report};
use crate::catalogue;
use crate::check::{Entry, Level, Problem};
use crate::fingerprint::{self, slash_path};
use serde_json::{json, Value};
use snag_core::{Range, Severity};
use std::collections::HashMap;
use std::path::Path;

/// The schema SARIF 2.1.0 logs name (OASIS' published copy).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where people learn about snag: the crate's `homepage`.
const INFORMATION_URI: &str = env!("CARGO_PKG_HOMEPAGE");
/// The base every artifact location is relative to.
const SRCROOT: &str = "%SRCROOT%";

/// The SARIF log, pretty-printed, with a final newline.
pub(crate) fn render(report: &Report<'_>) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(&log(report))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn log(report: &Report<'_>) -> Value {
    let rule_index: HashMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(index, rule)| (rule.meta.id.as_str(), index))
        .collect();
    let results: Vec<Value> = report
        .entries
        .iter()
        .map(|entry| result(entry, &rule_index))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver(report.rules) },
            "originalUriBaseIds": { SRCROOT: { "uri": folder_uri(report.cwd) } },
            "invocations": [invocation(report)],
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

fn driver(rules: &[EnabledRule<'_>]) -> Value {
    let version = env!("CARGO_PKG_VERSION");
    json!({
        "name": "snag",
        "version": version,
        "semanticVersion": version,
        "informationUri": INFORMATION_URI,
        "rules": rules.iter().map(rule).collect::<Vec<_>>(),
    })
}

fn rule(rule: &EnabledRule<'_>) -> Value {
    let meta = rule.meta;
    let documentation = catalogue::documentation(meta);
    json!({
        "id": meta.id,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": catalogue::what_it_does(meta) },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The run's invocation: successful unless a problem failed the run (exit 2); each skipped file or
/// path error is a notification.
fn invocation(report: &Report<'_>) -> Value {
    let notifications: Vec<Value> = report.problems.iter().map(notification).collect();
    json!({
        "executionSuccessful": !report.failed,
        "toolExecutionNotifications": notifications,
    })
}

fn notification(problem: &Problem) -> Value {
    let level = match problem.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let mut value = json!({
        "level": level,
        "message": { "text": problem.to_string() },
    });
    if let Some(path) = &problem.path {
        value["locations"] = json!([{
            "physicalLocation": { "artifactLocation": artifact(path) },
        }]);
    }
    value
}

fn result(entry: &Entry<'_>, rule_index: &HashMap<&str, usize>) -> Value {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    let artifact = artifact(entry.path);
    let source = entry.source.map(|text| &**text);
    let mut value = json!({
        "ruleId": &*diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": { "text": message(entry) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": region(&finding.range, source),
            },
        }],
        "partialFingerprints": { fingerprint::SARIF_KEY: entry.fingerprint },
    });
    if let Some(&index) = rule_index.get(&*diagnostic.rule) {
        value["ruleIndex"] = json!(index);
    }
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .zip(&finding.label_ranges)
        .enumerate()
        .map(|(id, (label, range))| {
            // A label in another file: its own artifact, and a region without that file's text.
            let (artifact, region) = match label.file.as_deref() {
                None => (artifact.clone(), region(range, source)),
                Some(file) => (
                    self::artifact(&crate::output::shown_path(file)),
                    region(range, None),
                ),
            };
            json!({
                "id": id + 1,
                "message": { "text": label.message },
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": region,
                },
            })
        })
        .collect();
    if !related.is_empty() {
        value["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &diagnostic.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .zip(&finding.edit_ranges)
            .map(|(edit, range)| {
                json!({
                    "deletedRegion": region(range, source),
                    "insertedContent": { "text": edit.content },
                })
            })
            .collect();
        value["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
        }]);
    }
    value
}

/// The message, with the help after it: code scanning shows only the message and the rule's help.
fn message(entry: &Entry<'_>) -> String {
    let diagnostic = &entry.finding.diagnostic;
    match &diagnostic.help {
        Some(help) => format!("{}\n{help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

/// 1-based lines and UTF-16 columns of a range (from the text; its character columns when the text is
/// missing, which differ only past the Basic Multilingual Plane).
fn region(range: &Range, source: Option<&str>) -> Value {
    let column =
        |offset: usize, fallback: u32| source.map_or(fallback, |text| utf16_column(text, offset));
    json!({
        "startLine": range.start.line,
        "startColumn": column(range.span.start, range.start.column),
        "endLine": range.end.line,
        "endColumn": column(range.span.end, range.end.column),
    })
}

/// The 1-based UTF-16 column of a byte offset.
fn utf16_column(text: &str, offset: usize) -> u32 {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let units: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    u32::try_from(units + 1).unwrap_or(u32::MAX)
}

/// A file's location: relative to `%SRCROOT%` when it is below the folder snag ran in (the path as
/// shown), else an absolute `file:` URI.
fn artifact(path: &str) -> Value {
    let shown = Path::new(path);
    if shown.is_absolute() {
        return json!({ "uri": file_uri(shown) });
    }
    json!({ "uri": encode(&slash_path(path)), "uriBaseId": SRCROOT })
}

/// The `file:` URI of a folder, with the final slash a base URI needs.
fn folder_uri(folder: &Path) -> String {
    let mut uri = file_uri(folder);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn file_uri(path: &Path) -> String {
    let path = slash_path(&path.to_string_lossy());
    // `C:/x` (Windows) needs a slash before the drive.
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}", encode(&path))
}

/// Percent-encodes everything in a path but the unreserved characters of RFC 3986 and `/` (UTF-8
/// bytes for the rest: spaces, `%`, `#`, `?`, non-ASCII letters).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_with_forward_slashes() {
        assert_eq!(encode("src/a b/ü#1.js"), "src/a%20b/%C3%BC%231.js");
        assert_eq!(encode("../x/100%.py"), "../x/100%25.py");
        assert_eq!(
            folder_uri(Path::new("/home/u/my proj")),
            "file:///home/u/my%20proj/"
        );
        assert_eq!(
            artifact("src/a.js"),
            json!({ "uri": "src/a.js", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("/elsewhere/a.js"),
            json!({ "uri": "file:///elsewhere/a.js" })
        );
    }

    #[test]
    fn columns_count_utf16_code_units_from_one() {
        let text = "a\n😀é = f(x)\n";
        // `f` is after an emoji (2 units), `é` (1) and ` = ` (3).
        let f = text.find('f').unwrap();
        assert_eq!(utf16_column(text, f), 7);
        assert_eq!(utf16_column(text, 0), 1);
        assert_eq!(utf16_column(text, 2), 1);
    }
}
