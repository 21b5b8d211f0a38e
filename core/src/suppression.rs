//! Suppression comments: `snag-ignore RULE -- reason` on the flagged line or the line above, and
//! `snag-ignore-file RULE` in the file's first comment block. Unused ones are reported.

use crate::diagnostic::Span;
use crate::source::LineIndex;

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The comment.
    pub span: Span,
    /// The rules it names (empty: every rule).
    pub rules: Vec<String>,
    /// `snag-ignore-file`.
    pub whole_file: bool,
    /// 0-based line of the comment.
    pub line: usize,
    /// Whether the comment stands alone on its line (it then covers the next line too).
    pub own_line: bool,
}

impl Suppression {
    /// Whether it covers `rule` at the 0-based `line`: a comment at the end of a line covers that line; a
    /// comment alone on its line covers the line below (the flagged line's "line above").
    pub fn covers(&self, rule: &str, line: usize) -> bool {
        let rule_matches = self.rules.is_empty() || self.rules.iter().any(|r| r == rule);
        let line_matches =
            self.whole_file || line == self.line || (self.own_line && line == self.line + 1);
        rule_matches && line_matches
    }
}

/// Parses the suppression in one comment, if it has one. `first_block` says whether the comment is part of
/// the file's first comment block (where `snag-ignore-file` is allowed).
pub fn parse_comment(
    text: &str,
    span: Span,
    source: &str,
    lines: &LineIndex,
    first_block: bool,
) -> Option<Suppression> {
    let body = text
        .trim_start_matches("//")
        .trim_start_matches("/*")
        .trim_end_matches("*/")
        .trim_start_matches('#')
        .trim();
    let (whole_file, rest) = if let Some(rest) = body.strip_prefix("snag-ignore-file") {
        (true, rest)
    } else if let Some(rest) = body.strip_prefix("snag-ignore") {
        (false, rest)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) && !rest.starts_with(':') {
        return None;
    }
    if whole_file && !first_block {
        return None;
    }
    let rules_part = rest
        .trim_start_matches(':')
        .split("--")
        .next()
        .unwrap_or("");
    let rules = rules_part
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    let line = lines.line_of(span.start);
    let line_start = lines.line_start(line);
    let own_line = source[line_start..span.start].trim().is_empty();
    Some(Suppression {
        span,
        rules,
        whole_file,
        line,
        own_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Option<Suppression> {
        let lines = LineIndex::new(source);
        let start = source.find("//").or_else(|| source.find('#')).unwrap();
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |e| start + e);
        parse_comment(
            &source[start..end],
            Span::new(start, end),
            source,
            &lines,
            true,
        )
    }

    #[test]
    fn reads_rules_and_reason() {
        let s =
            parse("x(); // snag-ignore read-file-sync, query-in-loop -- config is tiny\n").unwrap();
        assert_eq!(s.rules, vec!["read-file-sync", "query-in-loop"]);
        assert!(!s.own_line);
        assert!(s.covers("read-file-sync", 0));
        assert!(
            !s.covers("read-file-sync", 1),
            "a trailing comment covers only its own line"
        );
        assert!(!s.covers("sync-io-in-handler", 0));
    }

    #[test]
    fn own_line_comment_covers_the_next_line() {
        let s = parse("# snag-ignore string-concat-in-loop -- small\ns += x\n").unwrap();
        assert!(s.own_line);
        assert!(s.covers("string-concat-in-loop", 1));
        assert!(!s.covers("string-concat-in-loop", 2));
    }

    #[test]
    fn other_words_are_not_suppressions() {
        assert!(parse("// snag-ignored is not a directive\n").is_none());
        assert!(parse("// see snag-ignore docs\n").is_none());
    }
}
