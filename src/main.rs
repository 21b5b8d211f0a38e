//! The `snag` binary: everything lives in the `snag_cli` library so that it can be tested.

use std::process::ExitCode;

fn main() -> ExitCode {
    snag_cli::run(std::env::args_os())
}
