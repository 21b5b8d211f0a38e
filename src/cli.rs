//! The command-line interface, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
    Check(CheckArgs),
    /// List the built-in rules.
    Rules(RulesArgs),
    /// Print the documentation of a rule.
    Explain(ExplainArgs),
    /// List the ORM models, relations and serializers snag found (the model index the N+1 rules read).
    Models(ModelsArgs),
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Code frames and a summary, for people.
    Human,
    /// One JSON array, for tools.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to lint. Folders are walked (honouring .gitignore and `exclude`); a file named
    /// here is linted even when excluded.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,

    /// Use this configuration file instead of looking for snag.toml, .snag.toml or a pyproject.toml with
    /// [tool.snag] upwards from the current folder.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Do not read .gitignore and .ignore files.
    #[arg(long)]
    pub(crate) no_ignore: bool,

    /// Exit with status 0 even when findings are reported (errors still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,

    /// Lint standard input as if it were the file NAME (its extension picks the language).
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub(crate) stdin_filename: Option<PathBuf>,

    /// Number of threads (default: one per core).
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
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ModelsArgs {
    /// Files and folders to index (the current folder by default).
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,

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
    fn stdin_filename_excludes_paths() {
        assert!(
            Cli::try_parse_from(["snag", "check", "--stdin-filename", "a.js", "b.js"]).is_err()
        );
    }
}
