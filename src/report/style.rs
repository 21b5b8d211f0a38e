//! Colours and width: colour only on a terminal (or with `--color always`), never with `NO_COLOR`
//! unless asked for on the command line.

use crate::cli::ColorChoice;
use snag_core::Severity;

/// Width used when the report does not go to a terminal.
const DEFAULT_WIDTH: usize = 100;

/// Colours and width of the output.
pub(crate) struct Style {
    /// Whether to write ANSI colour codes.
    pub(crate) color: bool,
    /// The width code frames wrap at.
    pub(crate) width: usize,
}

impl Style {
    /// The style for a report written to a terminal (`terminal`) or elsewhere. `--color always` wins
    /// over `NO_COLOR` (a flag given for one run overrides the environment, as no-color.org asks).
    pub(crate) fn new(choice: ColorChoice, terminal: bool) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color(),
        };
        let width = if terminal {
            terminal_size::terminal_size().map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w.0).max(40))
        } else {
            DEFAULT_WIDTH
        };
        Style { color, width }
    }

    /// `text` in bold.
    pub(crate) fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// `text` in its severity's colour: red errors, yellow warnings, cyan info.
    pub(crate) fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        self.paint(code, text)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }
}

/// `NO_COLOR` set to a non-empty value (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
