//! The `snag` command line: arguments in, findings printed, an exit status out.
//!
//! [`run`] parses the arguments (clap), loads the configuration, builds the `snag_core` engine from the
//! built-in rules and presents what it reports: miette code frames or one line per finding for people;
//! JSON, SARIF, GitHub annotations, GitLab Code Quality, JUnit or Checkstyle for machines.
//!
//! **API Boundary:** this crate is the only one that knows terminals, JSON, exit statuses and miette.
//! The serialized shapes of findings and rules are mirror types defined here; the core types stay plain
//! data.
//!
//! **Architecture Invariant:** the binary never panics. Output errors (a closed pipe) end the run quietly,
//! every failure becomes a `snag: error: ...` line and exit status 2, and a bug that does panic is caught
//! at the top of [`run`] and reported the same way.
#![deny(missing_docs)]

mod baseline;
mod cache;
mod catalogue;
mod changed;
mod check;
mod cli;
mod fingerprint;
mod json;
mod models;
mod output;
mod panic;
mod report;

use clap::Parser;
use std::ffi::OsString;
use std::process::ExitCode;

/// How a run ended; each maps to one exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Exit 0: nothing found (or `--exit-zero`).
    Clean,
    /// Exit 1: findings were reported.
    Findings,
    /// Exit 2: a usage, configuration or internal error.
    Failure,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Failure => 2,
        })
    }
}

/// Runs `snag` with `args` (the program name first, as in [`std::env::args_os`]) and returns the exit
/// status: 0 when nothing was found, 1 when findings were reported, 2 on a usage, configuration or
/// internal error.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    panic::install_hook();
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(args)));
    match outcome {
        Ok(status) => status.into(),
        Err(payload) => {
            output::error(&panic::describe(&payload));
            Status::Failure.into()
        }
    }
}

fn dispatch(args: Vec<OsString>) -> Status {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version requests are "errors" that exit 0; usage errors exit 2.
            let _ = error.print();
            return if error.exit_code() == 0 {
                Status::Clean
            } else {
                Status::Failure
            };
        }
    };
    match cli.command {
        cli::Command::Check(args) => check::check(&args),
        cli::Command::Rules(args) => catalogue::list(&args),
        cli::Command::Explain(args) => catalogue::explain(&args),
        cli::Command::Models(args) => models::list(&args),
    }
}
