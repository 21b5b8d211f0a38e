//! The report of `snag check`, one module per output format. `check.rs` gathers what every format may
//! need (the sorted findings with their fingerprints, the enabled rules, the problems) into a
//! [`Report`]; [`render`] hands it to the format asked for.

pub(crate) mod checkstyle;
pub(crate) mod concise;
pub(crate) mod full;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod json_lines;
pub(crate) mod junit;
pub(crate) mod sarif;
pub(crate) mod style;
mod xml;

use crate::check::{Entry, Problem};
use crate::cli::ReportFormat;
use crate::json;
use snag_core::rule::RuleMeta;
use snag_core::Severity;
use std::collections::HashMap;
use std::path::Path;
use style::Style;

/// A rule that ran, with the severity the configuration gave it.
pub(crate) struct EnabledRule<'a> {
    /// Its metadata and documentation.
    pub(crate) meta: &'a RuleMeta,
    /// Its severity in this run.
    pub(crate) severity: Severity,
}

/// Everything a format may report.
pub(crate) struct Report<'a> {
    /// The findings, sorted by path, position and rule, each with its fingerprint.
    pub(crate) entries: &'a [Entry<'a>],
    /// The enabled rules, in registry order.
    pub(crate) rules: &'a [EnabledRule<'a>],
    /// Skipped files and path errors (also printed on standard error).
    pub(crate) problems: &'a [Problem],
    /// Whether a problem fails the run (exit 2).
    pub(crate) failed: bool,
    /// The folder snag runs in, which paths are relative to.
    pub(crate) cwd: &'a Path,
}

/// The report in `format`, without the summary line (the caller decides where that goes).
pub(crate) fn render(
    format: ReportFormat,
    report: &Report<'_>,
    style: &Style,
) -> serde_json::Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Full => {
            let summaries: HashMap<&str, &str> = report
                .rules
                .iter()
                .map(|rule| (rule.meta.id.as_str(), rule.meta.summary.as_str()))
                .collect();
            full::render(report.entries, &summaries, style).into_bytes()
        }
        ReportFormat::Concise => concise::render(report.entries, style).into_bytes(),
        ReportFormat::Json => json::findings(report.entries)?,
        ReportFormat::JsonLines => json_lines::render(report.entries)?,
        ReportFormat::Sarif => sarif::render(report)?,
        ReportFormat::Github => github::render(report.entries).into_bytes(),
        ReportFormat::Gitlab => gitlab::render(report.entries)?,
        ReportFormat::Junit => junit::render(report.entries).into_bytes(),
        ReportFormat::Checkstyle => checkstyle::render(report.entries).into_bytes(),
    })
}
