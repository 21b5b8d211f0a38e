//! Test helpers: lint a snippet with every built-in rule and compare `rule@line` lists.

use snag_core::config::Config;
use snag_core::engine::Engine;
use std::path::Path;

/// Lints `source` as `path` with every built-in rule and returns `rule@line` for each finding.
pub(crate) fn findings(path: &str, source: &str) -> Vec<String> {
    let engine = Engine::new(&crate::all(), &Config::default_at(".".into()));
    let report = engine.lint_source(Path::new(path), source);
    assert!(report.errors.is_empty(), "{path}: {:?}", report.errors);
    report
        .findings
        .iter()
        .map(|f| format!("{}@{}", f.diagnostic.rule, f.range.start.line))
        .collect()
}

/// Lints and returns the findings of one rule, as `line` numbers.
pub(crate) fn lines_of(rule: &str, path: &str, source: &str) -> Vec<u32> {
    findings(path, source)
        .iter()
        .filter_map(|f| f.strip_prefix(rule).and_then(|r| r.strip_prefix('@')))
        .map(|l| l.parse().unwrap())
        .collect()
}
