//! The JSON shapes of `snag check --format json` (and `json-lines`) and `snag rules --format json`: serialized mirrors of the
//! core types (which stay plain data, without `Serialize`). Field names and value spellings are an
//! interface users script against; change them only with a major version.

use crate::check::Entry;
use serde::Serialize;
use snag_core::{Applicability, Range};

/// One finding.
#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
    /// What runs the reported code: `request`, `job`, `start-up`, `unknown`, `one-off`,
    /// `command-line`, `test` or `browser`.
    context: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    /// The label's file when it is another than the finding's (shown like finding paths).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

/// One rule of `snag rules --format json`.
#[derive(Serialize)]
pub(crate) struct JsonRule<'a> {
    pub(crate) id: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) languages: Vec<&'static str>,
    pub(crate) severity: &'static str,
    pub(crate) fix: &'static str,
    pub(crate) status: &'static str,
    pub(crate) since: &'a str,
}

/// The findings as one pretty-printed JSON array (in the order given), with a final newline.
pub(crate) fn findings(entries: &[Entry<'_>]) -> serde_json::Result<Vec<u8>> {
    let findings: Vec<JsonFinding<'_>> = entries.iter().map(finding).collect();
    to_bytes(&findings)
}

/// Any serializable value, pretty-printed, with a final newline.
pub(crate) fn to_bytes(value: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One finding's JSON object (also a line of `--format json-lines`).
pub(crate) fn finding<'a>(entry: &Entry<'a>) -> JsonFinding<'a> {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    let (line, column, end_line, end_column) = position(&finding.range);
    let labels = diagnostic
        .labels
        .iter()
        .zip(&finding.label_ranges)
        .map(|(label, range)| {
            let (line, column, end_line, end_column) = position(range);
            JsonLabel {
                path: label.file.as_deref().map(crate::output::shown_path),
                line,
                column,
                end_line,
                end_column,
                message: &label.message,
            }
        })
        .collect();
    let fix = diagnostic.fix.as_ref().map(|fix| JsonFix {
        message: &fix.message,
        applicability: match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Suggestion => "suggestion",
        },
        edits: fix
            .edits
            .iter()
            .zip(&finding.edit_ranges)
            .map(|(edit, range)| {
                let (line, column, end_line, end_column) = position(range);
                JsonEdit {
                    line,
                    column,
                    end_line,
                    end_column,
                    content: &edit.content,
                }
            })
            .collect(),
    });
    JsonFinding {
        rule: &diagnostic.rule,
        severity: diagnostic.severity.as_str(),
        path: entry.path,
        line,
        column,
        end_line,
        end_column,
        message: &diagnostic.message,
        labels,
        help: diagnostic.help.as_deref(),
        fix,
        context: diagnostic.context.map(|c| c.id()),
    }
}

fn position(range: &Range) -> (u32, u32, u32, u32) {
    (
        range.start.line,
        range.start.column,
        range.end.line,
        range.end.column,
    )
}
