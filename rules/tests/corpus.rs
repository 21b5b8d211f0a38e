//! The labeled corpus: every `expect:` finding is reported, nothing else is, and each rule has its
//! minimum number of positives and traps. See `corpus/README.md`.

mod support;

use snag_core::config::Config;
use snag_core::engine::EngineOptions;
use snag_core::project::{Project, ProjectOptions};
use std::collections::{BTreeMap, BTreeSet};
use support::{corpus_projects, corpus_root, marked_rules, relative};

type Finding = (String, u32, String);

/// Minimum `expect:` and `ok:` markers per rule folder.
const MINIMUMS: &[(&str, usize, usize)] = &[
    ("sync-io-in-handler", 15, 15),
    ("read-file-sync", 15, 15),
    ("unbounded-concurrency", 15, 15),
    ("string-concat-in-loop", 15, 15),
    ("query-in-loop", 25, 25),
    ("connection-per-request", 10, 10),
    ("offload-to-queue", 10, 10),
    ("unbounded-module-cache", 10, 10),
    ("listener-in-handler", 10, 10),
    ("len-of-queryset", 10, 10),
    ("orm-lazy-load-in-loop", 20, 20),
    ("missing-eager-loading", 20, 20),
];

fn run_corpus(prefilter: bool) -> (BTreeSet<Finding>, Vec<String>) {
    let root = corpus_root();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    // Each rule folder is a project of its own, with its own model index.
    for folder in corpus_projects(&root) {
        let config = Config::default_at(folder.clone());
        let options = ProjectOptions {
            no_ignore: true,
            force_exclude: false,
            nested_projects: false,
            threads: 2,
            engine: EngineOptions {
                max_file_size: config.max_file_size,
                prefilter,
                ..EngineOptions::default()
            },
        };
        let mut project = Project::new(&snag_rules::all(), config, folder.clone(), folder, options);
        let report = project.check_uncached(&[]);
        problems.extend(report.walk_errors.iter().map(|e| e.to_string()));
        files.extend(report.files);
    }
    let mut actual = BTreeSet::new();
    for file in &files {
        let relative = relative(&file.path, &root);
        for error in &file.errors {
            problems.push(format!("{relative}: {error}"));
        }
        for finding in &file.findings {
            actual.insert((
                relative.clone(),
                finding.range.start.line,
                finding.diagnostic.rule.to_string(),
            ));
        }
    }
    (actual, problems)
}

fn expected_markers() -> (BTreeSet<Finding>, BTreeMap<String, (usize, usize)>) {
    let root = corpus_root();
    let mut expected = BTreeSet::new();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if snag_core::Language::from_path(&path).is_none() {
                continue;
            }
            let relative = relative(&path, &root);
            let folder_rule = relative.split('/').next().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            for (index, line) in text.lines().enumerate() {
                for rule in marked_rules(line, "expect:") {
                    if rule == folder_rule {
                        counts.entry(folder_rule.clone()).or_default().0 += 1;
                    }
                    expected.insert((relative.clone(), index as u32 + 1, rule));
                }
                for rule in marked_rules(line, "ok:") {
                    if rule == folder_rule {
                        counts.entry(folder_rule.clone()).or_default().1 += 1;
                    }
                }
            }
        }
    }
    (expected, counts)
}

#[test]
fn corpus_findings_match_the_labels_exactly() {
    let (expected, counts) = expected_markers();
    let (actual, problems) = run_corpus(true);
    assert!(
        problems.is_empty(),
        "files were not linted cleanly:\n{}",
        problems.join("\n")
    );
    let missing: Vec<_> = expected.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&expected).collect();
    let show = |items: &[&Finding]| {
        items
            .iter()
            .map(|(path, line, rule)| format!("  {path}:{line} {rule}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{} expected findings missing:\n{}\n{} unexpected findings:\n{}",
        missing.len(),
        show(&missing),
        extra.len(),
        show(&extra)
    );
    for (rule, min_expect, min_ok) in MINIMUMS {
        let (expect, ok) = counts.get(*rule).copied().unwrap_or_default();
        assert!(
            expect >= *min_expect,
            "corpus/{rule}: {expect} positives, want at least {min_expect}"
        );
        assert!(
            ok >= *min_ok,
            "corpus/{rule}: {ok} traps, want at least {min_ok}"
        );
    }
}

#[test]
fn the_prefilter_changes_no_finding_on_the_corpus() {
    let (with, _) = run_corpus(true);
    let (without, _) = run_corpus(false);
    assert_eq!(with, without);
}

#[test]
fn every_rule_has_corpus_minimums_and_every_minimum_names_a_rule() {
    // `unused-suppression` reports comments, not code: the corpus has no folder for it. A preview rule
    // gets its corpus folder and minimums when it is promoted to stable.
    let registered: BTreeSet<String> = snag_rules::all()
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.status == snag_core::rule::RuleStatus::Stable)
        .map(|meta| meta.id.clone())
        .filter(|id| id != snag_core::engine::UNUSED_SUPPRESSION)
        .collect();
    let listed: BTreeSet<String> = MINIMUMS.iter().map(|(id, ..)| id.to_string()).collect();
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let unknown: Vec<&String> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "MINIMUMS in rules/tests/corpus.rs is out of step with snag_rules::all(): \
         stable rules without minimums {missing:?}, minimums of unknown or preview rules {unknown:?}"
    );
    assert_eq!(
        listed.len(),
        MINIMUMS.len(),
        "a rule is listed twice in MINIMUMS"
    );
}
