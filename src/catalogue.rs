//! `snag rules` and `snag explain`: the built-in rule catalogue.

use crate::cli::{ExplainArgs, ListFormat, RulesArgs};
use crate::json::{self, JsonRule};
use crate::{output, Status};
use snag_core::rule::RuleMeta;
use snag_core::LanguageFamily;
use std::fmt::Write;

/// The languages a rule checks; a rule without targets (`unused-suppression`, which the engine
/// implements) applies to every language.
fn languages(meta: &RuleMeta) -> Vec<&'static str> {
    let all = [LanguageFamily::JavaScript, LanguageFamily::Python];
    let checked: Vec<&'static str> = all
        .iter()
        .filter(|family| meta.target(**family).is_some())
        .map(|family| family.name())
        .collect();
    if checked.is_empty() {
        all.iter().map(|family| family.name()).collect()
    } else {
        checked
    }
}

/// Runs `snag rules`.
pub(crate) fn list(args: &RulesArgs) -> Status {
    let rules = snag_rules::all();
    let metas: Vec<&RuleMeta> = rules.iter().map(|r| r.meta()).collect();
    let bytes = match args.format {
        ListFormat::Json => {
            let rows: Vec<JsonRule<'_>> = metas
                .iter()
                .map(|meta| JsonRule {
                    id: &meta.id,
                    summary: &meta.summary,
                    languages: languages(meta),
                    severity: meta.default_severity.as_str(),
                    fix: meta.fix.as_str(),
                    status: meta.status.as_str(),
                    since: &meta.since,
                })
                .collect();
            match json::to_bytes(&rows) {
                Ok(bytes) => bytes,
                Err(e) => {
                    output::error(&format!("cannot serialize the rules: {e}"));
                    return Status::Failure;
                }
            }
        }
        ListFormat::Human => table(&metas).into_bytes(),
    };
    if output::stdout(&bytes) {
        Status::Clean
    } else {
        Status::Failure
    }
}

fn table(metas: &[&RuleMeta]) -> String {
    let header = ["ID", "LANGUAGES", "SEVERITY", "FIX", "STATUS", "SUMMARY"].map(str::to_string);
    let mut rows = vec![header];
    for meta in metas {
        rows.push([
            meta.id.clone(),
            languages(meta).join(", "),
            meta.default_severity.as_str().to_string(),
            meta.fix.as_str().to_string(),
            format!("{} since {}", meta.status.as_str(), meta.since),
            meta.summary.clone(),
        ]);
    }
    let mut widths = [0; 6];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<width$}  ", width = widths[i]);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Runs `snag explain RULE`.
pub(crate) fn explain(args: &ExplainArgs) -> Status {
    let rules = snag_rules::all();
    let Some(rule) = rules.get(&args.rule) else {
        let known = rules.ids();
        output::error(&format!(
            "unknown rule `{}`; known rules: {}",
            args.rule,
            known.join(", ")
        ));
        return Status::Failure;
    };
    let text = documentation(rule.meta());
    if output::stdout(text.as_bytes()) {
        Status::Clean
    } else {
        Status::Failure
    }
}

/// A rule's documentation in Markdown, as `snag explain` prints it (and SARIF's `help` carries it): the
/// id, the summary, the facts, then the doc comment's sections.
pub(crate) fn documentation(meta: &RuleMeta) -> String {
    format!(
        "# {}\n\n{}\n\nLanguages: {}. Default severity: {}. Fix: {}. Status: {} since {}.\n\n{}\n",
        meta.id,
        meta.summary,
        languages(meta).join(", "),
        meta.default_severity.as_str(),
        meta.fix.as_str(),
        meta.status.as_str(),
        meta.since,
        meta.docs.trim_end()
    )
}

/// The first paragraph of a rule's `## What it does` section, on one line (the summary when the
/// documentation has no such section).
pub(crate) fn what_it_does(meta: &RuleMeta) -> String {
    let Some((_, section)) = meta.docs.split_once("## What it does") else {
        return meta.summary.clone();
    };
    let paragraph: Vec<&str> = section
        .trim_start()
        .lines()
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::trim)
        .collect();
    if paragraph.is_empty() {
        meta.summary.clone()
    } else {
        paragraph.join(" ")
    }
}
