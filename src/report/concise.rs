//! `--format concise`: one line per finding, `path:line:col: rule message`, the form editors and
//! `grep` read (columns count characters, from 1).

use super::style::Style;
use crate::check::Entry;

/// Every finding on its line.
pub(crate) fn render(entries: &[Entry<'_>], style: &Style) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(&line(entry, style));
        out.push('\n');
    }
    out
}

fn line(entry: &Entry<'_>, style: &Style) -> String {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    // A message is one line; should one ever hold a line break, it must not start a line of its own.
    let message = diagnostic.message.replace(['\r', '\n'], " ");
    format!(
        "{}: {} {message}",
        style.bold(&format!(
            "{}:{}:{}",
            entry.path, finding.range.start.line, finding.range.start.column
        )),
        style.severity(diagnostic.severity, &diagnostic.rule),
    )
}
