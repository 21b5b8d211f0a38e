//! Applying fixes: non-overlapping edits of safe fixes, kept only when the result still parses.

use crate::diagnostic::{Applicability, Finding};
use crate::engine::{parse, Engine, FileReport};
use crate::language::Language;
use std::path::Path;

/// Most rounds of lint-and-fix per file (a fix may enable another; a cycle must still end).
const MAX_ROUNDS: usize = 10;

/// The outcome of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    /// The text after every applicable fix.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The findings that remain in `text`.
    pub report: FileReport,
}

/// Applies the safe fixes of `findings` to `text` (and the suggestions too with `unsafe_fixes`).
/// Overlapping fixes are left for a later round; edits that would introduce a syntax error are refused
/// (`None`).
pub fn apply(
    language: Language,
    text: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> Option<(String, usize)> {
    let mut fixes: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.diagnostic.fix.as_ref().is_some_and(|fix| {
                fix.applicability == Applicability::Safe
                    || (unsafe_fixes && fix.applicability == Applicability::Suggestion)
            })
        })
        .collect();
    fixes.sort_by_key(|f| {
        f.diagnostic
            .fix
            .as_ref()
            .and_then(|fix| fix.edits.first())
            .map(|e| e.span.start)
    });
    let mut edits = Vec::new();
    let mut applied = 0;
    // Where the edits taken so far end (`None`: none taken). An edit may not start before it, nor at it:
    // two insertions at one offset would be joined in an order no fix chose (`f({a}{b})`); the second
    // fix waits for the next round, which re-lints the text with the first applied.
    let mut last_end: Option<usize> = None;
    for finding in fixes {
        let fix = finding.diagnostic.fix.as_ref().expect("filtered");
        let mut spans: Vec<_> = fix.edits.iter().collect();
        spans.sort_by_key(|e| e.span.start);
        let overlaps = spans
            .first()
            .is_some_and(|e| last_end.is_some_and(|end| e.span.start <= end))
            || spans.windows(2).any(|w| w[1].span.start < w[0].span.end);
        if overlaps
            || spans.iter().any(|e| {
                e.span.end > text.len()
                    || !text.is_char_boundary(e.span.start)
                    || !text.is_char_boundary(e.span.end)
            })
        {
            continue;
        }
        last_end = spans.last().map(|e| e.span.end).or(last_end);
        edits.extend(spans);
        applied += 1;
    }
    if applied == 0 {
        return None;
    }
    let mut output = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in edits {
        output.push_str(&text[cursor..edit.span.start]);
        output.push_str(&edit.content);
        cursor = edit.span.end;
    }
    output.push_str(&text[cursor..]);
    let broke_syntax = {
        let before = parse(language, text).is_some_and(|t| t.root_node().has_error());
        let after = parse(language, &output).is_none_or(|t| t.root_node().has_error());
        after && !before
    };
    (!broke_syntax).then_some((output, applied))
}

impl Engine {
    /// Lints `text` as `path` and applies safe fixes until none is left (or a round changes nothing).
    pub fn fix_source(&self, path: &Path, text: &str) -> Fixed {
        self.fix_source_with(path, text, false)
    }

    /// [`fix_source`](Self::fix_source), applying suggestions too when `unsafe_fixes` is set.
    pub fn fix_source_with(&self, path: &Path, text: &str, unsafe_fixes: bool) -> Fixed {
        let mut current = text.to_string();
        let mut applied = 0;
        let mut report = self.lint_source(path, &current);
        let Some(language) = Language::from_path(path) else {
            return Fixed {
                text: current,
                applied,
                report,
            };
        };
        for _ in 0..MAX_ROUNDS {
            let Some((next, count)) = apply(language, &current, &report.findings, unsafe_fixes)
            else {
                break;
            };
            current = next;
            applied += count;
            report = self.lint_source(path, &current);
        }
        Fixed {
            text: current,
            applied,
            report,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::engine::Engine;
    use std::path::Path;

    #[test]
    fn unused_suppressions_are_removed_cleanly() {
        let engine = Engine::new(
            &crate::registry::RuleRegistry::new(),
            &Config::default_at(".".into()),
        );
        let fixed = engine.fix_source(
            Path::new("a.js"),
            "const a = 1; // snag-ignore no-such-rule\n// snag-ignore\nconst b = 2;\n",
        );
        assert_eq!(fixed.text, "const a = 1;\nconst b = 2;\n");
        assert_eq!(fixed.applied, 2);
        assert!(fixed.report.findings.is_empty());
    }

    #[test]
    fn a_fix_that_breaks_the_syntax_is_refused() {
        use crate::diagnostic::*;
        use crate::source::LineIndex;
        let text = "f(a, b);\n";
        let diagnostic = Diagnostic {
            rule: "x".into(),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(0, 1),
            labels: Vec::new(),
            help: None,
            context: None,
            fix: Some(Fix {
                message: "break it".into(),
                edits: vec![Edit {
                    span: Span::new(1, 2),
                    content: "((".into(),
                }],
                applicability: Applicability::Safe,
            }),
        };
        let finding = Finding::new(diagnostic, text, &LineIndex::new(text));
        assert!(super::apply(crate::Language::JavaScript, text, &[finding], true).is_none());
    }

    #[test]
    fn two_insertions_at_one_offset_wait_for_another_round() {
        use crate::diagnostic::*;
        use crate::source::LineIndex;
        let text = "f();\n";
        let insert = |content: &str| {
            let diagnostic = Diagnostic {
                rule: "x".into(),
                severity: Severity::Warning,
                message: content.into(),
                span: Span::new(0, 3),
                labels: Vec::new(),
                help: None,
                context: None,
                fix: Some(Fix {
                    message: "insert".into(),
                    edits: vec![Edit {
                        span: Span::new(2, 2),
                        content: content.into(),
                    }],
                    applicability: Applicability::Safe,
                }),
            };
            Finding::new(diagnostic, text, &LineIndex::new(text))
        };
        let findings = [insert("{ a: 1 }"), insert("{ b: 2 }")];
        let (fixed, applied) =
            super::apply(crate::Language::JavaScript, text, &findings, false).unwrap();
        assert_eq!((fixed.as_str(), applied), ("f({ a: 1 });\n", 1));
    }
}
