//! Every fix a rule makes, on the fixtures and on every file of the corpus, safe fixes and suggestions
//! alike: applied alone, its edits are well-formed, the text still parses with no new syntax error, and
//! re-linting no longer reports its finding; applied together round after round (as `--fix` and
//! `--fix --unsafe-fixes` do), the fixes converge. See `tests/README.md`.

mod support;

use snag_core::config::Config;
use snag_core::engine::{parse, Engine};
use snag_core::{Edit, Finding, Fix, Language};
use std::collections::BTreeSet;
use std::path::Path;
use support::{corpus_projects, corpus_root, corpus_walk, fixture_cases, relative};

/// Rounds of lint-and-fix before a file counts as not converging (`--fix` gives up after 10).
const MAX_ROUNDS: usize = 10;

/// Fix bugs the harness found and that are not fixed yet, as `PLACE:LINE RULE CHECK` (or
/// `PLACE MODE converges`), each with what goes wrong. The test fails on a failure missing here and on
/// an entry that no longer fails, so the list stays exact.
const KNOWN_FAILURES: &[&str] = &[];

/// One check that failed: `key` is what `KNOWN_FAILURES` lists, `detail` what went wrong.
struct Failure {
    key: String,
    detail: String,
}

/// A file to check: the engine that lints it (with its project's model index), its path and text.
struct Subject<'a> {
    engine: &'a Engine,
    path: &'a Path,
    /// The path shown in failures (`corpus/...`, `fixtures/RULE/CASE: PATH`).
    shown: String,
    language: Language,
    text: &'a str,
    findings: &'a [Finding],
}

#[test]
fn fixes_parse_remove_their_finding_and_converge() {
    let mut failures = Vec::new();
    let mut fixture_fixes = 0;
    for case in fixture_cases() {
        let engine = case.engine();
        for file in &case.files {
            let report = engine.lint_source(&file.path, &file.text);
            fixture_fixes += check(
                &Subject {
                    engine: &engine,
                    path: &file.path,
                    shown: format!("fixtures/{}: {}", case.id(), file.path.display()),
                    language: file.language,
                    text: &file.text,
                    findings: &report.findings,
                },
                &mut failures,
            );
        }
    }
    let root = corpus_root();
    let config = Config::default_at(root.clone());
    let mut engine = Engine::new(&snag_rules::all(), &config);
    let walk = corpus_walk(&config, &root);
    let mut corpus_fixes = 0;
    // Each rule folder is a project of its own, with its own model index.
    for project in corpus_projects(&root) {
        let workset = engine.prepare(&[project], &walk);
        engine.set_models(workset.models.clone());
        let report = engine.lint_workset(workset, None);
        for file in &report.files {
            let (Some(text), Some(language)) = (&file.source, Language::from_path(&file.path))
            else {
                continue;
            };
            corpus_fixes += check(
                &Subject {
                    engine: &engine,
                    path: &file.path,
                    shown: format!("corpus/{}", relative(&file.path, &root)),
                    language,
                    text,
                    findings: &file.findings,
                },
                &mut failures,
            );
        }
    }
    let known: BTreeSet<&str> = KNOWN_FAILURES.iter().copied().collect();
    let found: BTreeSet<&str> = failures.iter().map(|f| f.key.as_str()).collect();
    let new: Vec<String> = failures
        .iter()
        .filter(|f| !known.contains(f.key.as_str()))
        .map(|f| format!("{}\n{}", f.key, f.detail))
        .collect();
    let stale: Vec<&&str> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "{} fixes fail (a bug in the rule's fix; list it in KNOWN_FAILURES only until it is fixed):\n\n{}",
        new.len(),
        new.join("\n\n")
    );
    assert!(
        stale.is_empty(),
        "KNOWN_FAILURES lists fixes that work now (remove them): {stale:?}"
    );
    // The fixtures show every fix kind; the corpus holds many eager loads and queryset fixes.
    assert!(fixture_fixes >= 20, "only {fixture_fixes} fixture fixes");
    assert!(corpus_fixes >= 20, "only {corpus_fixes} corpus fixes");
}

/// Checks every fix of a file, then that fixing the file converges; returns the number of fixes.
fn check(subject: &Subject<'_>, failures: &mut Vec<Failure>) -> usize {
    let mut fixes = 0;
    for finding in subject.findings {
        if let Some(fix) = &finding.diagnostic.fix {
            fixes += 1;
            if let Some(failure) = check_fix(subject, finding, fix) {
                failures.push(failure);
            }
        }
    }
    if fixes > 0 {
        for unsafe_fixes in [false, true] {
            failures.extend(check_convergence(subject, unsafe_fixes));
        }
    }
    fixes
}

/// One fix, applied alone: well-formed edits, no new syntax error, its finding gone and no new finding
/// of its rule.
fn check_fix(subject: &Subject<'_>, finding: &Finding, fix: &Fix) -> Option<Failure> {
    let rule = &*finding.diagnostic.rule;
    let failure = |check: &str, detail: String| Failure {
        key: format!(
            "{}:{} {rule} {check}",
            subject.shown, finding.range.start.line
        ),
        detail,
    };
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let text = subject.text;
    let malformed = edits.iter().any(|e| {
        e.span.start > e.span.end
            || e.span.end > text.len()
            || !text.is_char_boundary(e.span.start)
            || !text.is_char_boundary(e.span.end)
    }) || edits.windows(2).any(|w| w[1].span.start < w[0].span.end);
    if malformed {
        return Some(failure(
            "edits",
            format!("edits out of bounds or overlapping: {:?}", fix.edits),
        ));
    }
    let fixed = fix.applied_to(text);
    let before = syntax_errors(subject.language, text);
    let after = syntax_errors(subject.language, &fixed);
    if after > before {
        return Some(failure(
            "syntax",
            format!(
                "`{}` adds {} syntax errors:\n{fixed}",
                fix.message,
                after - before
            ),
        ));
    }
    let relinted = subject.engine.lint_source(subject.path, &fixed);
    let moved_to = moved(finding.diagnostic.span.start, &edits);
    let remains = relinted.findings.iter().any(|f| {
        *f.diagnostic.rule == *rule
            && f.diagnostic.span.start == moved_to
            && f.diagnostic.message == finding.diagnostic.message
    });
    if remains {
        return Some(failure(
            "remains",
            format!("the finding remains after `{}`:\n{fixed}", fix.message),
        ));
    }
    let count = |findings: &[Finding]| {
        findings
            .iter()
            .filter(|f| *f.diagnostic.rule == *rule)
            .count()
    };
    if count(&relinted.findings) > count(subject.findings) {
        return Some(failure(
            "adds",
            format!("`{}` adds a finding of {rule}:\n{fixed}", fix.message),
        ));
    }
    None
}

/// Where `offset` lands once `edits` (sorted) are applied: shifted by the edits before it, or at the
/// start of the edit that replaces it.
fn moved(offset: usize, edits: &[&Edit]) -> usize {
    let mut shift = 0isize;
    for edit in edits {
        let span = edit.span;
        let before = span.end < offset
            || (span.end == offset && span.start < offset)
            || (span.start == offset && span.end == offset);
        let delta = edit.content.len() as isize - (span.end - span.start) as isize;
        if before {
            shift += delta;
        } else if span.start <= offset {
            return (span.start as isize + shift) as usize;
        } else {
            break;
        }
    }
    (offset as isize + shift) as usize
}

/// ERROR and MISSING nodes in the parse of `text`.
fn syntax_errors(language: Language, text: &str) -> usize {
    let Some(tree) = parse(language, text) else {
        return usize::MAX;
    };
    let mut count = 0;
    let mut cursor = tree.walk();
    let mut descend = true;
    loop {
        if descend {
            let node = cursor.node();
            count += usize::from(node.is_error() || node.is_missing());
            if node.has_error() && cursor.goto_first_child() {
                continue;
            }
        }
        if cursor.goto_next_sibling() {
            descend = true;
        } else if cursor.goto_parent() {
            descend = false;
        } else {
            return count;
        }
    }
}

/// Every applicable fix of the file, round after round: within `MAX_ROUNDS` a round leaves nothing to
/// apply, and no round is refused (a result that breaks the syntax) or changes nothing.
fn check_convergence(subject: &Subject<'_>, unsafe_fixes: bool) -> Option<Failure> {
    let mode = if unsafe_fixes {
        "--fix --unsafe-fixes"
    } else {
        "--fix"
    };
    let failure = |detail: String| Failure {
        key: format!("{} {mode} converges", subject.shown),
        detail,
    };
    let mut text = subject.text.to_string();
    let mut findings = subject.findings.to_vec();
    for round in 1..=MAX_ROUNDS {
        let applicable = findings
            .iter()
            .filter(|f| {
                f.diagnostic.fix.as_ref().is_some_and(|fix| {
                    unsafe_fixes || fix.applicability == snag_core::Applicability::Safe
                })
            })
            .count();
        if applicable == 0 {
            return None;
        }
        let Some((next, _)) =
            snag_core::fix::apply(subject.language, &text, &findings, unsafe_fixes)
        else {
            return Some(failure(format!(
                "round {round}: {applicable} fixes left, but applying them breaks the syntax:\n{text}"
            )));
        };
        if next == text {
            return Some(failure(format!(
                "round {round}: {applicable} fixes left, and applying them changes nothing"
            )));
        }
        text = next;
        findings = subject.engine.lint_source(subject.path, &text).findings;
    }
    Some(failure(format!(
        "fixes still left after {MAX_ROUNDS} rounds:\n{text}"
    )))
}

/// A rule whose fixes are wrong on purpose: `breaks()` gets a fix that breaks the syntax, `stays()` one
/// that changes nothing, `grows()` one that replaces it with two more of it.
struct WrongFixes {
    meta: snag_core::rule::RuleMeta,
}

impl snag_core::rule::Rule for WrongFixes {
    fn meta(&self) -> &snag_core::rule::RuleMeta {
        &self.meta
    }

    fn check(&self, call: tree_sitter::Node<'_>, ctx: &mut snag_core::rule::RuleContext<'_, '_>) {
        let text = ctx.text(call);
        let span = snag_core::Span::from(call);
        let (start, end) = (span.start, span.end);
        let content = match text {
            "breaks()" => "breaks((".to_string(),
            "stays()" => text.to_string(),
            // New lines: a line over 1,000 bytes would make the file look minified.
            "grows()" => "fixed();\ngrows();\ngrows()".to_string(),
            _ => return,
        };
        let fix = Fix {
            message: format!("Fix `{text}`"),
            edits: vec![Edit {
                span: snag_core::Span::new(start, end),
                content,
            }],
            applicability: snag_core::Applicability::Safe,
        };
        let diagnostic = ctx.diagnostic(call, "wrong on purpose").with_fix(fix);
        ctx.report(diagnostic);
    }
}

#[test]
fn the_harness_catches_fixes_that_break_stay_or_grow() {
    use snag_core::registry::RuleRegistry;
    use snag_core::rule::{FixKind, Rule, RuleMeta, RuleStatus, Target};
    let rule = WrongFixes {
        meta: RuleMeta {
            id: "wrong-fixes".into(),
            summary: "Fixes that are wrong on purpose".into(),
            docs: "Fixes every call wrongly.".into(),
            default_severity: snag_core::Severity::Warning,
            fix: FixKind::Safe,
            status: RuleStatus::Stable,
            since: "0.1.0".into(),
            targets: vec![Target {
                family: snag_core::LanguageFamily::JavaScript,
                node_kinds: vec!["call_expression".into()],
                triggers: Vec::new(),
                requires: Vec::new(),
            }],
            contexts: snag_core::semantic::Contexts::ALL,
            reads_models: false,
            handles: Vec::new(),
        },
    };
    let registry = RuleRegistry::with([std::sync::Arc::new(rule) as std::sync::Arc<dyn Rule>])
        .expect("a valid declaration");
    let engine = Engine::new(&registry, &Config::default_at(".".into()));
    let check_text = |text: &str| {
        let path = Path::new("app.js");
        let report = engine.lint_source(path, text);
        let mut failures = Vec::new();
        check(
            &Subject {
                engine: &engine,
                path,
                shown: "app.js".into(),
                language: Language::JavaScript,
                text,
                findings: &report.findings,
            },
            &mut failures,
        );
        failures.into_iter().map(|f| f.key).collect::<Vec<_>>()
    };
    let safe_and_unsafe = |key: &str| {
        [
            key.to_string(),
            "app.js --fix converges".to_string(),
            "app.js --fix --unsafe-fixes converges".to_string(),
        ]
    };
    assert_eq!(
        check_text("breaks();\n"),
        safe_and_unsafe("app.js:1 wrong-fixes syntax")
    );
    assert_eq!(
        check_text("stays();\n"),
        safe_and_unsafe("app.js:1 wrong-fixes remains")
    );
    assert_eq!(
        check_text("grows();\n"),
        safe_and_unsafe("app.js:1 wrong-fixes adds")
    );
}
