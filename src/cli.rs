//! The command-line interface, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use snag_core::config::OutputFormat;
use std::path::PathBuf;

/// Finds backend performance bugs in JavaScript, TypeScript and Python.
#[derive(Debug, Parser)]
#[command(name = "snag", version, arg_required_else_help = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint files and folders (the current folder by default).
    Check(Box<CheckArgs>),
    /// List the built-in rules.
    Rules(RulesArgs),
    /// Print the documentation of a rule.
    Explain(ExplainArgs),
    /// List the ORM models, relations and serializers snag found (the model index the N+1 rules read).
    Models(ModelsArgs),
}

/// How `snag rules` and `snag models` print their lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// A table, for people.
    Human,
    /// One JSON array, for tools.
    Json,
}

/// How `snag check` reports findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Code frames and a summary, for people (the default on a terminal).
    // `human`, its older name, keeps working for existing scripts without being offered.
    #[value(alias = "human")]
    Full,
    /// `path:line:col: rule message`, one line per finding (the default when not on a terminal).
    Concise,
    /// One JSON array, for tools.
    Json,
    /// One JSON object per finding per line, with the fields of `json`.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// JUnit XML: a test suite per file, a failed test case per finding.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

impl From<OutputFormat> for ReportFormat {
    fn from(format: OutputFormat) -> ReportFormat {
        match format {
            OutputFormat::Full => ReportFormat::Full,
            OutputFormat::Concise => ReportFormat::Concise,
            OutputFormat::Json => ReportFormat::Json,
            OutputFormat::JsonLines => ReportFormat::JsonLines,
            OutputFormat::Sarif => ReportFormat::Sarif,
            OutputFormat::Github => ReportFormat::Github,
            OutputFormat::Gitlab => ReportFormat::Gitlab,
            OutputFormat::Junit => ReportFormat::Junit,
            OutputFormat::Checkstyle => ReportFormat::Checkstyle,
        }
    }
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    /// Always, even in a file or a pipe.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to lint. Folders are walked (honouring .gitignore and `exclude`); a file named
    /// here is linted even when excluded.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format [default: full on a terminal, concise otherwise; or `output-format` from the
    /// configuration].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReportFormat>,

    /// Write the report to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) output_file: Option<PathBuf>,

    /// Colour the output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    /// Print only the findings: no summary and no notes (warnings and errors still go to standard error).
    #[arg(long, short)]
    pub(crate) quiet: bool,

    /// Report only the findings that are not in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,

    /// Write today's findings to FILE as a baseline and exit 0: later runs with `--baseline FILE` report
    /// only new findings.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// Use this configuration file instead of looking for snag.toml, .snag.toml or a pyproject.toml with
    /// [tool.snag] upwards from the current folder.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Do not read .gitignore and .ignore files.
    #[arg(long)]
    pub(crate) no_ignore: bool,

    /// Apply `exclude` to files named on the command line too (they are linted otherwise): for hooks
    /// and editors, which name files whatever the configuration says.
    #[arg(long)]
    pub(crate) force_exclude: bool,

    /// Exit with status 0 even when findings are reported (errors still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,

    /// Lint standard input as if it were the file NAME (its extension picks the language).
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub(crate) stdin_filename: Option<PathBuf>,

    /// Number of threads (default: one per core; at most 256).
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,

    /// Run only these rules (comma-separated ids; replaces `select` from the configuration).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) select: Option<Vec<String>>,

    /// Turn these rules off (comma-separated ids; added to `ignore` from the configuration).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,

    /// Run preview rules too (like `preview = true` in the configuration).
    #[arg(long)]
    pub(crate) preview: bool,

    /// Apply safe fixes to the files (each written atomically, and only when the result still parses).
    /// With --stdin-filename, the fixed text is written to standard output instead.
    #[arg(long)]
    pub(crate) fix: bool,

    /// With --fix, also apply suggestions: fixes that keep what the code computes but change how (an
    /// eager load added to a query), which a person should review.
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,

    /// Print the fixes `--fix` would apply as a unified diff and write nothing (exit 1 when there is
    /// any). With --unsafe-fixes, suggestions too.
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,

    /// Lint only the files changed since the git revision REV (committed since, staged, unstaged and
    /// untracked), below the named paths; the rest of the project still feeds the model index.
    #[arg(long, value_name = "REV", conflicts_with = "stdin_filename")]
    pub(crate) changed_since: Option<String>,

    /// Do not read or write the results cache (`.snag_cache/` in the project root).
    #[arg(long)]
    pub(crate) no_cache: bool,

    /// Keep the results cache in DIR instead of `.snag_cache/` in the project root.
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,

    /// After the run, print where the time went (per phase and per rule) on standard error.
    #[arg(long)]
    pub(crate) statistics: bool,

    /// Parse every file, even those no rule's trigger strings appear in (checks the prefilter's soundness).
    #[arg(long, hide = true)]
    pub(crate) no_prefilter: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ModelsArgs {
    /// Files and folders to index (the current folder by default).
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub(crate) format: ListFormat,

    /// Do not read .gitignore and .ignore files.
    #[arg(long)]
    pub(crate) no_ignore: bool,

    /// Parse model files whole, not only the parts that can declare models (checks the outline's
    /// soundness: the index must not change).
    #[arg(long, hide = true)]
    pub(crate) no_prefilter: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The rule id, e.g. read-file-sync.
    #[arg(value_name = "RULE")]
    pub(crate) rule: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_interface_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn rule_lists_split_on_commas() {
        let cli = Cli::try_parse_from([
            "snag", "check", "--select", "a,b", "--ignore", "c", "--ignore", "d,e",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(args.select, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(args.ignore, ["c", "d", "e"]);
        assert!(args.paths.is_empty());
    }

    #[test]
    fn human_is_a_hidden_name_of_full() {
        let parse = |format: &str| match Cli::try_parse_from(["snag", "check", "--format", format])
            .unwrap()
            .command
        {
            Command::Check(args) => args.format,
            _ => panic!("not check"),
        };
        assert_eq!(parse("human"), Some(ReportFormat::Full));
        assert_eq!(parse("json-lines"), Some(ReportFormat::JsonLines));
        let help = Cli::command()
            .find_subcommand_mut("check")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(
            help.contains("checkstyle") && !help.contains("human"),
            "{help}"
        );
    }

    #[test]
    fn every_configuration_format_has_a_command_line_name() {
        for (name, format) in OutputFormat::ALL {
            let value = ReportFormat::from(format).to_possible_value().unwrap();
            assert_eq!(value.get_name(), name);
        }
    }

    #[test]
    fn stdin_filename_excludes_paths() {
        assert!(
            Cli::try_parse_from(["snag", "check", "--stdin-filename", "a.js", "b.js"]).is_err()
        );
    }
}
