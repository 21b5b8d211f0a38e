//! `--format junit`: JUnit XML as GitLab (`artifacts: reports: junit`), Jenkins and most CI servers read
//! it: a `testsuite` per file with findings, a failed `testcase` per finding. A run without findings is
//! one suite with one passing case, so that CI servers that refuse an empty report show a green run.

use super::xml;
use crate::check::Entry;

/// The report as an XML document.
pub(crate) fn render(entries: &[Entry<'_>]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if entries.is_empty() {
        out.push_str(
            "<testsuites name=\"snag\" tests=\"1\" failures=\"0\" errors=\"0\">\n  \
             <testsuite name=\"snag\" tests=\"1\" failures=\"0\" errors=\"0\">\n    \
             <testcase name=\"no findings\" classname=\"snag\"/>\n  </testsuite>\n</testsuites>\n",
        );
        return out;
    }
    let total = entries.len();
    out.push_str(&format!(
        "<testsuites name=\"snag\" tests=\"{total}\" failures=\"{total}\" errors=\"0\">\n"
    ));
    for file in entries.chunk_by(|a, b| a.path == b.path) {
        out.push_str(&suite(file));
    }
    out.push_str("</testsuites>\n");
    out
}

/// One file's findings (all of the same path).
fn suite(file: &[Entry<'_>]) -> String {
    let path = xml::attribute(file[0].path);
    let count = file.len();
    let mut out = format!(
        "  <testsuite name=\"{path}\" tests=\"{count}\" failures=\"{count}\" errors=\"0\">\n"
    );
    for entry in file {
        out.push_str(&case(entry));
    }
    out.push_str("  </testsuite>\n");
    out
}

fn case(entry: &Entry<'_>) -> String {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    let at = format!(
        "{}:{}:{}",
        entry.path, finding.range.start.line, finding.range.start.column
    );
    let mut body = format!(
        "{at}: {} {}: {}",
        diagnostic.severity.as_str(),
        diagnostic.rule,
        diagnostic.message
    );
    if let Some(help) = &diagnostic.help {
        body.push('\n');
        body.push_str(help);
    }
    format!(
        "    <testcase name=\"{} at {}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      \
         <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
        xml::attribute(&diagnostic.rule),
        xml::attribute(&at),
        xml::attribute(entry.path),
        xml::attribute(entry.path),
        finding.range.start.line,
        xml::attribute(&diagnostic.message),
        xml::attribute(&diagnostic.rule),
        xml::text(&body),
    )
}
