//! Test helpers: lint a snippet with every built-in rule and compare `rule@line` lists.

use snag_core::config::Config;
use snag_core::engine::{Engine, FileReport};
use snag_core::models::ModelIndex;
use snag_core::Language;
use std::path::Path;
use std::sync::Arc;

/// Lints `source` as `path` with every built-in rule and returns `rule@line` for each finding. The
/// model index holds the models `source` declares.
pub(crate) fn findings(path: &str, source: &str) -> Vec<String> {
    project_findings(&[], path, source)
}

/// Lints `source` as `path` in a project whose other files are `others` (`(path, text)`): their
/// models, and those of `source`, make up the model index.
pub(crate) fn project_findings(others: &[(&str, &str)], path: &str, source: &str) -> Vec<String> {
    let report = lint_in_project(others, path, source);
    report
        .findings
        .iter()
        .map(|f| format!("{}@{}", f.diagnostic.rule, f.range.start.line))
        .collect()
}

/// The whole report of linting `source` in a project of `others` (see [`project_findings`]).
pub(crate) fn lint_in_project(others: &[(&str, &str)], path: &str, source: &str) -> FileReport {
    // Every rule, preview rules too.
    let config = Config {
        preview: true,
        ..Config::default_at(".".into())
    };
    let mut engine = Engine::new(&crate::all(), &config);
    let this = (path, source);
    let contributions = others
        .iter()
        .chain(std::iter::once(&this))
        .filter_map(|(path, text)| {
            let path = Path::new(path);
            Engine::source_models(Language::from_path(path)?, path, text)
        });
    engine.set_models(Arc::new(ModelIndex::new(contributions)));
    let report = engine.lint_source(Path::new(path), source);
    assert!(report.errors.is_empty(), "{path}: {:?}", report.errors);
    report
}

/// Lints and returns the findings of one rule, as `line` numbers.
pub(crate) fn lines_of(rule: &str, path: &str, source: &str) -> Vec<u32> {
    findings(path, source)
        .iter()
        .filter_map(|f| f.strip_prefix(rule).and_then(|r| r.strip_prefix('@')))
        .map(|l| l.parse().unwrap())
        .collect()
}

/// A lazy relation for hand-built model indexes.
pub(crate) fn relation(
    name: &str,
    target: &str,
    cardinality: snag_core::models::Cardinality,
    inverse: snag_core::models::Cardinality,
) -> snag_core::models::Relation {
    snag_core::models::Relation {
        name: name.into(),
        target: target.into(),
        cardinality,
        inverse_cardinality: inverse,
        loading: snag_core::models::Loading::Lazy,
        reverse: false,
        many_to_many: false,
        key_attribute: None,
        span: snag_core::Span::new(0, 0),
        related_name: None,
        target_origin: None,
    }
}

/// A model declared in `path`, for hand-built model indexes.
pub(crate) fn model_at(
    path: &str,
    name: &str,
    orm: snag_core::models::Orm,
    relations: Vec<snag_core::models::Relation>,
) -> snag_core::models::Model {
    snag_core::models::Model {
        name: name.into(),
        aliases: Vec::new(),
        orm,
        path: path.into(),
        span: snag_core::Span::new(0, 0),
        bases: Vec::new(),
        is_abstract: false,
        relations,
        fields: Vec::new(),
    }
}

/// The line and severity of every finding of `rule` in `source` (as `path`).
pub(crate) fn severities_of(
    rule: &str,
    path: &str,
    source: &str,
) -> Vec<(u32, snag_core::Severity)> {
    lint_in_project(&[], path, source)
        .findings
        .iter()
        .filter(|f| &*f.diagnostic.rule == rule)
        .map(|f| (f.range.start.line, f.diagnostic.severity))
        .collect()
}

/// The `rule@line` findings of `source` (as `path`) under the configuration `toml`.
pub(crate) fn findings_with_config(toml: &str, path: &str, source: &str) -> Vec<String> {
    let ids: Vec<String> = crate::all().iter().map(|r| r.meta().id.clone()).collect();
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    let config = Config::parse(Path::new("snag.toml"), toml, &known).unwrap();
    let engine = Engine::new(&crate::all(), &config);
    engine
        .lint_source(Path::new(path), source)
        .findings
        .iter()
        .map(|f| format!("{}@{}", f.diagnostic.rule, f.range.start.line))
        .collect()
}
