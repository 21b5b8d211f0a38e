//! Findings as plain data: what the rules report and the edges render.

use crate::source::{LineColumn, LineIndex};
use std::sync::Arc;

/// A byte range in a file's text.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from two offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<tree_sitter::Node<'_>> for Span {
    fn from(node: tree_sitter::Node<'_>) -> Span {
        Span::new(node.start_byte(), node.end_byte())
    }
}

/// A span with its line and column positions (1-based; the end is exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Range {
    /// Where it starts.
    pub start: LineColumn,
    /// Where it ends (the position just after the last character).
    pub end: LineColumn,
    /// The bytes it covers.
    pub span: Span,
}

impl Range {
    /// Positions a span within `text`.
    pub fn new(span: Span, text: &str, lines: &LineIndex) -> Range {
        Range {
            start: lines.line_column(text, span.start),
            end: lines.line_column(text, span.end),
            span,
        }
    }

    /// Positions a span within the text of `file`, read from disk (the start of the file when it cannot
    /// be read or no longer holds the span).
    pub fn in_file(span: Span, file: &std::path::Path) -> Range {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let fits = span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        let span = if fits { span } else { Span::default() };
        Range::new(span, &text, &LineIndex::new(&text))
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Should be fixed.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The name used in configuration and machine output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary span that explains a finding (the loop, the handler registration, the query).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it is.
    pub message: String,
    /// The file `span` is in, when it is another file of the project than the finding's (the route file
    /// that registers a handler), as the project walks it; `None`: the finding's file.
    pub file: Option<Arc<std::path::Path>>,
}

impl Label {
    /// A label in the finding's file.
    pub fn new(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
            file: None,
        }
    }

    /// A label in another file of the project (`span` is in `file`'s text).
    pub fn in_file(file: Arc<std::path::Path>, span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
            file: Some(file),
        }
    }
}

/// Whether a fix keeps the program's behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// Applied by `--fix`.
    Safe,
    /// Shown as a suggestion; a person decides.
    Suggestion,
}

/// One replacement of a span's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What is replaced (empty for an insertion).
    pub span: Span,
    /// The new text.
    pub content: String,
}

/// Text edits that resolve a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Imperative title ("Use `fs.promises.readFile`").
    pub message: String,
    /// Non-overlapping edits.
    pub edits: Vec<Edit>,
    /// Whether `--fix` applies it.
    pub applicability: Applicability,
}

impl Fix {
    /// `text` with this fix's edits applied (edits must not overlap).
    pub fn applied_to(&self, text: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut fixed = text.to_string();
        for edit in edits {
            fixed.replace_range(edit.span.start..edit.span.end, &edit.content);
        }
        fixed
    }
}

/// One finding, as a rule reports it. Positions are byte spans; the engine adds lines and columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id (`read-file-sync`, `PLUGIN/RULE`).
    pub rule: Arc<str>,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is slow, why, and what to do instead.
    pub message: String,
    /// The primary span.
    pub span: Span,
    /// Secondary spans.
    pub labels: Vec<Label>,
    /// A hint on how to fix it.
    pub help: Option<String>,
    /// Mechanical edits, when the change is mechanical.
    pub fix: Option<Fix>,
    /// What runs the reported code: set by the rule when the primary span is not where the cost is
    /// paid (a cache's declaration, grown elsewhere), else by the engine from the primary span.
    pub context: Option<crate::semantic::Context>,
}

impl Diagnostic {
    /// Adds a label.
    pub fn with_label(mut self, span: impl Into<Span>, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label::new(span.into(), message));
        self
    }

    /// Sets what runs the reported code, when it is not what runs the primary span.
    pub fn with_context(mut self, context: crate::semantic::Context) -> Diagnostic {
        self.context = Some(context);
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }
}

/// A diagnostic positioned in its file: what the edges print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The finding.
    pub diagnostic: Diagnostic,
    /// Its primary range.
    pub range: Range,
    /// The ranges of its labels, in the order of `diagnostic.labels`.
    pub label_ranges: Vec<Range>,
    /// The ranges of its fix's edits, in order.
    pub edit_ranges: Vec<Range>,
    /// The name of the function (or method) the primary span is in, qualified by the functions and class
    /// around it (`OrderService.list`); `None` at module level. Stable under edits elsewhere in the file,
    /// it is part of a finding's fingerprint (baselines, SARIF, GitLab).
    pub scope: Option<String>,
}

impl Finding {
    /// Positions a diagnostic within `text` (a label in another file within that file's text, read
    /// from disk; one that cannot be read, or no longer holds its span, at its first line).
    pub fn new(diagnostic: Diagnostic, text: &str, lines: &LineIndex) -> Finding {
        let range = Range::new(diagnostic.span, text, lines);
        let label_ranges = diagnostic
            .labels
            .iter()
            .map(|l| match &l.file {
                None => Range::new(l.span, text, lines),
                Some(file) => Range::in_file(l.span, file),
            })
            .collect();
        let edit_ranges = diagnostic
            .fix
            .iter()
            .flat_map(|f| f.edits.iter())
            .map(|e| Range::new(e.span, text, lines))
            .collect();
        Finding {
            diagnostic,
            range,
            label_ranges,
            edit_ranges,
            scope: None,
        }
    }
}
