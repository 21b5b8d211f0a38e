//! `--format checkstyle`: Checkstyle's XML (`<checkstyle version="4.3">`), which Jenkins' Warnings
//! plugin, reviewdog and many code review tools read: a `file` element per file with findings, an
//! `error` element per finding (severity `error`, `warning` or `info`; `source` is the rule id;
//! columns count characters, from 1).

use super::xml;
use crate::check::Entry;

/// The report as an XML document.
pub(crate) fn render(entries: &[Entry<'_>]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in entries.chunk_by(|a, b| a.path == b.path) {
        out.push_str(&format!(
            "  <file name=\"{}\">\n",
            xml::attribute(file[0].path)
        ));
        for entry in file {
            out.push_str(&error(entry));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

fn error(entry: &Entry<'_>) -> String {
    let finding = entry.finding;
    let diagnostic = &finding.diagnostic;
    format!(
        "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
        finding.range.start.line,
        finding.range.start.column,
        diagnostic.severity.as_str(),
        xml::attribute(&diagnostic.message),
        xml::attribute(&diagnostic.rule),
    )
}
