//! Human output: a miette code frame per finding, then one summary line.

use crate::check::Entry;
use crate::output::count;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};
use snag_core::{Applicability, Finding, Severity, Span};
use std::collections::HashMap;
use std::fmt;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

/// Width used when standard output is not a terminal.
const DEFAULT_WIDTH: usize = 100;

/// Colours and width of the output.
pub(crate) struct Style {
    color: bool,
    width: usize,
}

impl Style {
    /// Colours only on a terminal and only without `NO_COLOR`; the terminal's width when there is one.
    pub(crate) fn detect() -> Style {
        let terminal = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let width = if terminal {
            terminal_size::terminal_size().map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w.0).max(40))
        } else {
            DEFAULT_WIDTH
        };
        Style {
            color: terminal && !no_color,
            width,
        }
    }
}

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

/// `Found 3 findings (1 error, 2 warnings) in 2 files; 120 files checked in 0.21s.`
pub(crate) fn summary(entries: &[Entry<'_>], checked: usize, elapsed: Duration) -> String {
    let checked = format!(
        "{} checked in {:.2}s.",
        count(checked, "file", "files"),
        elapsed.as_secs_f64()
    );
    if entries.is_empty() {
        return format!("No findings; {checked}\n");
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
        "Found {} ({}) in {}; {checked}\n",
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
    source: Option<NamedSource<Arc<str>>>,
    label: String,
    help: Option<String>,
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
        Report {
            finding: entry.finding,
            source: entry
                .source
                .map(|text| NamedSource::new(entry.path, text.clone())),
            label,
            help,
        }
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
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), source_span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}
