//! `--format full`, for people: a miette code frame per finding, then one summary line (which
//! `--format concise` prints on standard error).

use super::style::Style;
use crate::check::Entry;
use crate::output::count;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};
use snag_core::{Applicability, Finding, Severity, Span};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Renders every finding, in order, separated by blank lines.
pub(crate) fn render(
    entries: &[Entry<'_>],
    summaries: &HashMap<&str, &str>,
    style: &Style,
) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for entry in entries {
        let report = Report::new(entry, summaries);
        let mut frame = String::new();
        if handler.render_report(&mut frame, &report).is_err() {
            // A frame miette cannot draw (a span outside the text) still gets its line.
            frame = plain(entry);
        }
        out.push_str(frame.trim_end());
        out.push_str("\n\n");
    }
    out
}

/// What the summary line says besides the findings.
pub(crate) struct Summary {
    /// How many files were linted.
    pub(crate) checked: usize,
    /// How long the run took.
    pub(crate) elapsed: Duration,
    /// How many findings `--baseline` hid.
    pub(crate) hidden: usize,
}

/// `Found 3 findings (1 error, 2 warnings) in 2 files; 120 files checked in 0.21s.`, and with a
/// baseline `...; 4 findings hidden by the baseline.`
pub(crate) fn summary(entries: &[Entry<'_>], summary: &Summary) -> String {
    let mut checked = format!(
        "{} checked in {:.2}s",
        count(summary.checked, "file", "files"),
        summary.elapsed.as_secs_f64()
    );
    if summary.hidden > 0 {
        checked.push_str(&format!(
            "; {} hidden by the baseline",
            count(summary.hidden, "finding", "findings")
        ));
    }
    if entries.is_empty() {
        return format!("No findings; {checked}.\n");
    }
    let of = |severity: Severity| {
        entries
            .iter()
            .filter(|e| e.finding.diagnostic.severity == severity)
            .count()
    };
    let mut severities = Vec::new();
    for (severity, singular, plural) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ] {
        let n = of(severity);
        if n > 0 {
            severities.push(count(n, singular, plural));
        }
    }
    let mut paths: Vec<&str> = entries.iter().map(|e| e.path).collect();
    paths.dedup();
    format!(
        "Found {} ({}) in {}; {checked}.\n",
        count(entries.len(), "finding", "findings"),
        severities.join(", "),
        count(paths.len(), "file", "files"),
    )
}

fn plain(entry: &Entry<'_>) -> String {
    let f = entry.finding;
    format!(
        "{}:{}:{}: {} [{}]",
        entry.path,
        f.range.start.line,
        f.range.start.column,
        f.diagnostic.message,
        f.diagnostic.rule
    )
}

/// A finding as a miette diagnostic.
#[derive(Debug)]
struct Report<'a> {
    finding: &'a Finding,
    source: Option<FrameSource>,
    label: String,
    help: Option<String>,
    /// The labels in other files, each with that file's code frame.
    elsewhere: Vec<Elsewhere>,
}

/// A label in another file than its finding's, shown with that file's code frame.
#[derive(Debug)]
struct Elsewhere {
    message: String,
    span: Span,
    /// The file as shown.
    path: String,
    source: FrameSource,
}

impl fmt::Display for Elsewhere {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in {}", self.path)
    }
}

impl std::error::Error for Elsewhere {}

impl miette::Diagnostic for Elsewhere {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.message.clone()),
            source_span(self.span),
        ))))
    }
}

impl<'a> Report<'a> {
    fn new(entry: &Entry<'a>, summaries: &HashMap<&str, &str>) -> Report<'a> {
        let diagnostic = &entry.finding.diagnostic;
        let label = summaries
            .get(&*diagnostic.rule)
            .map_or_else(|| diagnostic.rule.to_string(), ToString::to_string);
        let fix = diagnostic.fix.as_ref().map(|fix| match fix.applicability {
            Applicability::Safe => format!("Fix: {}", fix.message),
            Applicability::Suggestion => format!("Suggested fix: {}", fix.message),
        });
        let help = match (&diagnostic.help, fix) {
            (Some(help), Some(fix)) => Some(format!("{help}\n{fix}")),
            (help, fix) => help.clone().or(fix),
        };
        let elsewhere = diagnostic
            .labels
            .iter()
            .filter_map(|label| {
                let file = label.file.as_deref()?;
                let text = std::fs::read_to_string(file).ok()?;
                let fits = label.span.end <= text.len()
                    && text.is_char_boundary(label.span.start)
                    && text.is_char_boundary(label.span.end);
                let path = crate::output::shown_path(file);
                fits.then(|| Elsewhere {
                    message: label.message.clone(),
                    span: label.span,
                    source: FrameSource::new(path.clone(), &text),
                    path,
                })
            })
            .collect();
        Report {
            finding: entry.finding,
            source: entry
                .source
                .map(|text| FrameSource::new(entry.path.to_string(), text)),
            label,
            help,
            elsewhere,
        }
    }
}

/// A file's text as code frames show it: lines end where the other formats end them (a lone `\r` too,
/// shown as a line break of the same length, so spans stay put), and the header's column counts
/// characters, not bytes, and not a byte-order mark.
#[derive(Debug)]
struct FrameSource {
    source: NamedSource<Arc<str>>,
}

impl FrameSource {
    fn new(name: String, text: &str) -> FrameSource {
        let bytes = text.as_bytes();
        let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        let shown: Arc<str> = if memchr::memchr(b'\r', bytes).is_some() {
            let mut copy = bytes.to_vec();
            for (i, byte) in copy.iter_mut().enumerate() {
                if lone_cr(i) {
                    *byte = b'\n';
                }
            }
            Arc::from(String::from_utf8(copy).unwrap_or_else(|_| text.to_string()))
        } else {
            Arc::from(text)
        };
        FrameSource {
            source: NamedSource::new(name, shown),
        }
    }
}

impl SourceCode for FrameSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .source
            .read_span(span, context_lines_before, context_lines_after)?;
        let text = self.source.inner();
        let offset = span.offset().min(text.len());
        let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
        let column = text
            .get(line_start..offset)
            .map_or(contents.column(), |before| {
                before.chars().count()
                    - usize::from(line_start == 0 && before.starts_with('\u{feff}'))
            });
        Ok(Box::new(miette::MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.end.saturating_sub(span.start))
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&*self.finding.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|e| e as &dyn miette::Diagnostic),
        ))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Labels without the text would point nowhere.
        self.source.as_ref()?;
        let diagnostic = &self.finding.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.label.clone()),
            source_span(diagnostic.span),
        );
        let others = diagnostic
            .labels
            .iter()
            .filter(|l| l.file.is_none())
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), source_span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}
