//! The README's `## Rules` table, generated from the registry: a test fails when it is stale, and
//! `UPDATE_README=1 cargo test -p snag-rules readme` rewrites it.

use snag_core::rule::{RuleMeta, RuleStatus};
use snag_core::LanguageFamily;

const BEGIN: &str =
    "<!-- rules:begin: generated from snag_rules::all(); regenerate with UPDATE_README=1 cargo test -p snag-rules readme -->";
const END: &str = "<!-- rules:end -->";

/// The table: one row per stable rule, in catalogue order (preview rules are listed by `snag rules`
/// until they are promoted).
fn rule_table(metas: &[&RuleMeta]) -> String {
    let mut table = String::from("| id | languages | fix | flags |\n|---|---|---|---|\n");
    for meta in metas {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            meta.id,
            languages(meta),
            meta.fix.as_str(),
            meta.summary.replace('|', "\\|")
        ));
    }
    table
}

/// `JS, TS` and `Python` in the order the rule declares its targets; `all` for a rule without targets
/// (`unused-suppression`, which the engine implements for every language).
fn languages(meta: &RuleMeta) -> String {
    if meta.targets.is_empty() {
        return "all".to_string();
    }
    meta.targets
        .iter()
        .map(|target| match target.family {
            LanguageFamily::JavaScript => "JS, TS",
            LanguageFamily::Python => "Python",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `readme` with the text between the markers replaced by `table`; `None` without both markers.
fn with_table(readme: &str, table: &str) -> Option<String> {
    let begin = readme.find(BEGIN)? + BEGIN.len();
    let end = begin + readme[begin..].find(END)?;
    Some(format!("{}\n{table}{}", &readme[..begin], &readme[end..]))
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let rules = crate::all();
    let metas: Vec<&RuleMeta> = rules
        .iter()
        .map(|r| r.meta())
        .filter(|meta| meta.status == RuleStatus::Stable)
        .collect();
    let Some(expected) = with_table(&readme, &rule_table(&metas)) else {
        panic!("README.md lacks the `{BEGIN}` ... `{END}` markers around its rule table");
    };
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, &expected).expect("README.md is writable");
        return;
    }
    assert!(
        readme == expected,
        "the rule table in README.md is stale: regenerate it with \
         `UPDATE_README=1 cargo test -p snag-rules readme`"
    );
}
