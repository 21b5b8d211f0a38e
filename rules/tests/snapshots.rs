//! Per-rule fixtures (`tests/fixtures/<rule-id>/<case>`): every finding is marked `expect:` and every
//! marker is found; together they cover every rule, each of its languages and each fix it makes; and a
//! snapshot per case (`tests/snapshots/<rule-id>__<case>.snap`) pins the diagnostics (message, labels,
//! help, fix) and the source after `--fix` and after `--fix --unsafe-fixes`. See `tests/README.md`.

mod support;

use snag_core::engine::{Engine, FileReport};
use snag_core::rule::FixKind;
use snag_core::{Applicability, Finding, LanguageFamily, Range};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use support::{fixture_cases, marked_rules, Case, SourceFile};

/// A case linted: each file with its report.
struct Linted<'c> {
    engine: Engine,
    reports: Vec<(&'c SourceFile, FileReport)>,
}

fn lint(case: &Case) -> Linted<'_> {
    let engine = case.engine();
    let reports = case
        .files
        .iter()
        .map(|file| (file, engine.lint_source(&file.path, &file.text)))
        .collect();
    Linted { engine, reports }
}

fn rule_ids() -> BTreeSet<String> {
    snag_rules::all()
        .iter()
        .map(|rule| rule.meta().id.clone())
        .collect()
}

// ----- markers -----

#[test]
fn fixtures_match_their_markers() {
    let known = rule_ids();
    let mut problems = Vec::new();
    for case in &fixture_cases() {
        if case.files.is_empty() {
            problems.push(format!("{}: no source file", case.id()));
        }
        let linted = lint(case);
        for (file, report) in &linted.reports {
            let place = format!("{}: {}", case.id(), file.path.display());
            problems.extend(report.errors.iter().map(|e| format!("{place}: {e}")));
            problems.extend(marker_problems(&place, &file.text, report, &known));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What does not match between a file's markers and its findings.
fn marker_problems(
    place: &str,
    text: &str,
    report: &FileReport,
    known: &BTreeSet<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let expects = marked_rules(line, "expect:");
        let oks = marked_rules(line, "ok:");
        for rule in expects.iter().chain(&oks) {
            if !known.contains(rule) {
                problems.push(format!(
                    "{place}:{number}: marker names unknown rule `{rule}`"
                ));
            }
        }
        for rule in &expects {
            if oks.contains(rule) {
                problems.push(format!(
                    "{place}:{number}: `{rule}` is both expected and ok"
                ));
            }
            expected.insert((number, rule.clone()));
        }
    }
    let actual: BTreeSet<(u32, String)> = report
        .findings
        .iter()
        .map(|f| (f.range.start.line, f.diagnostic.rule.to_string()))
        .collect();
    for (line, rule) in expected.difference(&actual) {
        problems.push(format!("{place}:{line}: expected {rule}, not reported"));
    }
    for (line, rule) in actual.difference(&expected) {
        problems.push(format!(
            "{place}:{line}: {rule} reported, not marked `expect:`"
        ));
    }
    problems
}

// ----- coverage -----

#[test]
fn fixtures_cover_every_rule_its_languages_and_its_fixes() {
    let cases = fixture_cases();
    let mut problems = Vec::new();
    let folders: BTreeSet<&str> = cases.iter().map(|c| c.rule.as_str()).collect();
    let known = rule_ids();
    for folder in &folders {
        if !known.contains(*folder) {
            problems.push(format!("tests/fixtures/{folder}/ names no registered rule"));
        }
    }
    // Per rule: the families with an `expect:` of it, whether it has an `ok:`, the fixes it made.
    let mut positives: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut traps: BTreeSet<String> = BTreeSet::new();
    let mut fixes: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for case in &cases {
        for (file, report) in &lint(case).reports {
            for line in file.text.lines() {
                if marked_rules(line, "expect:").contains(&case.rule) {
                    positives
                        .entry(case.rule.clone())
                        .or_default()
                        .insert(file.language.family().name());
                }
                if marked_rules(line, "ok:").contains(&case.rule) {
                    traps.insert(case.rule.clone());
                }
            }
            for finding in &report.findings {
                if let Some(fix) = &finding.diagnostic.fix {
                    fixes
                        .entry(finding.diagnostic.rule.to_string())
                        .or_default()
                        .insert(applicability_name(fix.applicability));
                }
            }
        }
    }
    for rule in snag_rules::all() {
        let meta = rule.meta();
        let id = &meta.id;
        if !folders.contains(id.as_str()) {
            problems.push(format!("{id}: no fixtures (tests/fixtures/{id}/)"));
            continue;
        }
        // A rule without targets (`unused-suppression`) works in every language.
        let families: BTreeSet<&str> = if meta.targets.is_empty() {
            [LanguageFamily::JavaScript, LanguageFamily::Python]
                .map(LanguageFamily::name)
                .into()
        } else {
            meta.targets.iter().map(|t| t.family.name()).collect()
        };
        let covered = positives.get(id).cloned().unwrap_or_default();
        for family in families.difference(&covered) {
            problems.push(format!("{id}: no `expect: {id}` in a {family} fixture"));
        }
        if !traps.contains(id) {
            problems.push(format!("{id}: no `ok: {id}` trap in its fixtures"));
        }
        // A safe rule may also make suggestions (when the fix is safe only in some places).
        let made = fixes.get(id).cloned().unwrap_or_default();
        let allowed: &[&str] = match meta.fix {
            FixKind::None => &[],
            FixKind::Suggestion => &["suggestion"],
            FixKind::Safe => &["safe", "suggestion"],
        };
        for kind in made.iter().filter(|kind| !allowed.contains(kind)) {
            problems.push(format!(
                "{id}: declares fix `{}` but makes a {kind} fix",
                meta.fix.as_str()
            ));
        }
        if meta.fix != FixKind::None && !made.contains(meta.fix.as_str()) {
            problems.push(format!(
                "{id}: no fixture shows its {} fix",
                meta.fix.as_str()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The name `snag rules` gives the fix kind of the same name.
fn applicability_name(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => FixKind::Safe.as_str(),
        Applicability::Suggestion => FixKind::Suggestion.as_str(),
    }
}

// ----- snapshots -----

#[test]
fn diagnostics_and_fixes_match_the_snapshots() {
    let cases = fixture_cases();
    let mut failed = Vec::new();
    for case in &cases {
        let rendered = render(&lint(case));
        let name = format!("{}__{}", case.rule, case.name);
        let compared = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("tests/fixtures/{}", case.id()),
            }, {
                insta::assert_snapshot!(name.clone(), rendered);
            });
        }));
        if compared.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} snapshots differ (review with `cargo insta review`, or accept with \
         `INSTA_UPDATE=always cargo test -p snag-rules --test snapshots`):\n{}",
        failed.len(),
        failed.join("\n")
    );
    let expected: BTreeSet<String> = cases
        .iter()
        .map(|c| format!("{}__{}.snap", c.rule, c.name))
        .collect();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let orphans: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".snap") && !expected.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture (delete them): {orphans:?}"
    );
}

/// The snapshot of a case: per file, its findings in full, then its text after the safe fixes and
/// after the suggestions too.
fn render(linted: &Linted<'_>) -> String {
    let mut out = String::new();
    for (file, report) in &linted.reports {
        let path = file.path.display();
        let _ = writeln!(out, "=== {path}");
        if report.findings.is_empty() {
            out.push_str("no findings\n");
        }
        for finding in &report.findings {
            out.push('\n');
            render_finding(&mut out, &file.text, finding);
        }
        for (flags, unsafe_fixes) in [("--fix", false), ("--fix --unsafe-fixes", true)] {
            let fixed = linted
                .engine
                .fix_source_with(&file.path, &file.text, unsafe_fixes);
            if fixed.text == file.text {
                let _ = writeln!(out, "\n=== {path} after {flags}: unchanged");
            } else {
                let _ = writeln!(
                    out,
                    "\n=== {path} after {flags}: {} fixes applied",
                    fixed.applied
                );
                out.push_str(&fixed.text);
            }
        }
        out.push('\n');
    }
    out
}

fn render_finding(out: &mut String, text: &str, finding: &Finding) {
    let diagnostic = &finding.diagnostic;
    let _ = writeln!(
        out,
        "{} ({}) at {}",
        diagnostic.rule,
        diagnostic.severity.as_str(),
        position(&finding.range)
    );
    let _ = writeln!(out, "  message: {}", diagnostic.message);
    out.push_str(&frame(text, &finding.range));
    for (label, range) in diagnostic.labels.iter().zip(&finding.label_ranges) {
        let _ = writeln!(out, "  label at {}: {}", position(range), label.message);
        out.push_str(&frame(text, range));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "  help: {help}");
    }
    if let Some(fix) = &diagnostic.fix {
        let kind = applicability_name(fix.applicability);
        let _ = writeln!(out, "  fix ({kind}): {}", fix.message);
        for (edit, range) in fix.edits.iter().zip(&finding.edit_ranges) {
            let old = &text[edit.span.start..edit.span.end];
            let at = position(range);
            let _ = match (old.is_empty(), edit.content.is_empty()) {
                (true, _) => writeln!(out, "    insert at {at}: {:?}", edit.content),
                (false, true) => writeln!(out, "    delete {at}: {old:?}"),
                (false, false) => writeln!(out, "    replace {at}: {old:?} -> {:?}", edit.content),
            };
        }
    }
}

/// `line:column-line:column` (1-based, the end exclusive).
fn position(range: &Range) -> String {
    format!(
        "{}:{}-{}:{}",
        range.start.line, range.start.column, range.end.line, range.end.column
    )
}

/// The first line of a range, with carets under the part the range covers.
fn frame(text: &str, range: &Range) -> String {
    let number = range.start.line;
    let line = text.lines().nth(number as usize - 1).unwrap_or("");
    let line = line.replace('\t', " ");
    let start = range.start.column as usize - 1;
    let end = if range.end.line == number {
        range.end.column as usize - 1
    } else {
        line.chars().count()
    };
    let carets = "^".repeat(end.saturating_sub(start).max(1));
    let more = if range.end.line > number {
        format!(" (to line {})", range.end.line)
    } else {
        String::new()
    };
    let gutter = " ".repeat(number.to_string().len());
    format!(
        "    {number} | {line}\n    {gutter} | {}{carets}{more}\n",
        " ".repeat(start)
    )
}
