//! `--format github`: a GitHub Actions workflow command per finding, which the runner turns into an
//! annotation on the pull request's diff:
//! `::warning file=src/a.js,line=2,endLine=2,col=27,endColumn=50,title=read-file-sync::message`.
//!
//! Severities map to the commands `error`, `warning` and `notice`. Columns count characters, from 1;
//! `endColumn` is given only for a finding on one line (GitHub takes columns only on a single line).
//! Escaping is the Actions toolkit's (`@actions/core`'s `command.ts`), so the runner reads back exactly
//! what was written.

use crate::check::Entry;
use crate::fingerprint::slash_path;
use snag_core::Severity;

/// Every finding as a workflow command line.
pub(crate) fn render(entries: &[Entry<'_>]) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(&command(entry));
        out.push('\n');
    }
    out
}

fn command(entry: &Entry<'_>) -> String {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    let name = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (start, end) = (finding.range.start, finding.range.end);
    let end_column = if start.line == end.line {
        format!(",endColumn={}", end.column)
    } else {
        String::new()
    };
    format!(
        "::{name} file={},line={},endLine={},col={}{end_column},title={}::{}",
        escape_property(&slash_path(entry.path)),
        start.line,
        end.line,
        start.column,
        escape_property(&diagnostic.rule),
        escape_data(&diagnostic.message),
    )
}

/// A command's message: `%`, CR and LF are percent-encoded (`%` first, so that encodings are not
/// encoded again).
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=...`): as a message, and also `:` and `,`, which end the value.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_the_actions_toolkit_does() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("C:\\src\\a,b.js\n%"),
            "C%3A\\src\\a%2Cb.js%0A%25"
        );
        // An encoding in the text stays text.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("plain/path.py"), "plain/path.py");
    }
}
