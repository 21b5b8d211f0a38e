//! End-to-end tests of the `snag` binary: each test writes a small project into a temporary folder, runs
//! the binary there and checks its standard output, standard error and exit status.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// `read-file-sync` at 2:27 (`fs.readFileSync(p, 'utf8')` in a plain function).
const READ_FILE_SYNC_JS: &str =
    "const fs = require('fs');\nfunction load(p) { return fs.readFileSync(p, 'utf8'); }\nmodule.exports = { load };\n";
/// `sync-io-in-handler` at 4:40 (a synchronous read in an Express handler).
const EXPRESS_JS: &str =
    "const express = require('express');\nconst fs = require('fs');\nconst app = express();\n\
app.get('/x', (req, res) => { res.send(fs.readFileSync('a')); });\n";
/// `sync-io-in-handler` at 3:5 (`time.sleep` inside `async def`).
const SLEEP_PY: &str = "import time\nasync def f():\n    time.sleep(1)\n";
/// Nothing to report.
const CLEAN_JS: &str = "const x = 1;\nmodule.exports = { x };\n";
const CLEAN_PY: &str = "import asyncio\nasync def f():\n    await asyncio.sleep(1)\n";

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

impl Run {
    fn json(&self) -> Vec<Value> {
        match serde_json::from_str::<Value>(&self.stdout) {
            Ok(Value::Array(items)) => items,
            other => panic!(
                "stdout is not a JSON array: {other:?}\nstdout:\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            ),
        }
    }

    /// `(rule, path, line, column)` of every finding of `--format json`.
    fn findings(&self) -> Vec<(String, String, u64, u64)> {
        self.json()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    fn rules(&self) -> Vec<String> {
        self.findings().into_iter().map(|f| f.0).collect()
    }

    /// Asserts that the run failed (exit 2) saying `message` on standard error.
    fn assert_failed_saying(&self, message: &str) {
        assert_eq!(self.code, 2, "{}", self.stderr);
        assert!(self.stderr.contains(message), "{}", self.stderr);
    }
}

fn finish(output: Output) -> Run {
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("exited normally"),
    }
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_snag"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    command
}

fn snag(dir: &Path, args: &[&str]) -> Run {
    finish(command(dir, args).output().expect("run snag"))
}

fn snag_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run snag");
    child.stdin.take().unwrap().write_all(input).unwrap();
    finish(child.wait_with_output().unwrap())
}

fn write(dir: &Path, path: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

/// Asserts that no temporary file of an atomic write was left in `dir`.
fn assert_no_temporary_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("snag-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

fn finding(rule: &str, path: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (rule.to_string(), path.to_string(), line, column)
}

// ---------------------------------------------------------------------------------------------------
// JSON output

#[test]
fn json_findings_have_the_documented_shape() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.json();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    let f = &findings[0];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "column",
            "context",
            "end_column",
            "end_line",
            "fix",
            "help",
            "labels",
            "line",
            "message",
            "path",
            "rule",
            "severity"
        ]
    );
    assert_eq!(f["rule"], "read-file-sync");
    assert_eq!(f["context"], "unknown");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["path"], "a.js");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(27))
    );
    assert_eq!(f["end_line"], 2);
    assert!(f["end_column"].as_u64().unwrap() > 27);
    assert!(!f["message"].as_str().unwrap().is_empty());
    assert!(f["help"].is_string() || f["help"].is_null());
    for label in f["labels"].as_array().unwrap() {
        let mut keys: Vec<&str> = label
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["column", "end_column", "end_line", "line", "message"]
        );
    }
}

#[test]
fn json_fixes_have_message_applicability_and_positioned_edits() {
    let dir = project(&[(
        "a.js",
        "// snag-ignore read-file-sync -- stale\nconst x = 1;\n",
    )]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let findings = run.json();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    let fix = &findings[0]["fix"];
    assert_eq!(findings[0]["rule"], "unused-suppression");
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["message"].is_string());
    let edit = &fix["edits"][0];
    assert_eq!(
        (edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(1), Some(1))
    );
    // A comment alone on its line is removed with its line.
    assert_eq!(
        (edit["end_line"].as_u64(), edit["end_column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(edit["content"], "");
}

#[test]
fn json_findings_are_sorted_by_path_line_column_and_rule() {
    let two = "const fs = require('fs');\nfunction a(p) { return fs.readFileSync(p); }\n\
function b(p) { return fs.readdirSync(p); }\nmodule.exports = { a, b };\n";
    let dir = project(&[
        ("z.js", READ_FILE_SYNC_JS),
        ("b/two.js", two),
        ("a.py", SLEEP_PY),
        ("b/a.js", READ_FILE_SYNC_JS),
        ("b-c.js", READ_FILE_SYNC_JS),
        ("clean.js", CLEAN_JS),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let findings = run.findings();
    let mut sorted = findings.clone();
    sorted.sort_by(|a, b| (&a.1, a.2, a.3, &a.0).cmp(&(&b.1, b.2, b.3, &b.0)));
    assert_eq!(findings, sorted);
    let paths: Vec<&str> = findings.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        paths,
        ["a.py", "b-c.js", "b/a.js", "b/two.js", "b/two.js", "z.js"]
    );
    assert_eq!(findings[3], finding("read-file-sync", "b/two.js", 2, 24));
    assert_eq!(findings[4], finding("read-file-sync", "b/two.js", 3, 24));
}

#[test]
fn json_output_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let (name, text) = match i % 4 {
            0 => (format!("pkg{}/m{i}.js", i % 5), READ_FILE_SYNC_JS),
            1 => (format!("pkg{}/s{i}.py", i % 3), SLEEP_PY),
            2 => (format!("pkg{}/h{i}.js", i % 5), EXPRESS_JS),
            _ => (format!("c{i}.js"), CLEAN_JS),
        };
        write(dir.path(), &name, text);
    }
    let one = snag(dir.path(), &["check", "--format", "json", "--threads", "1"]);
    let four = snag(dir.path(), &["check", "--format", "json", "--threads", "4"]);
    assert_eq!(one.code, 1);
    assert_eq!(one.findings().len(), 30, "{}", one.stdout);
    assert!(
        one.stdout == four.stdout,
        "--threads 1 and --threads 4 differ"
    );
    let again = snag(dir.path(), &["check", "--format", "json", "--threads", "4"]);
    assert!(
        four.stdout == again.stdout,
        "two runs with --threads 4 differ"
    );
    // The prefilter only skips work: turning it off changes nothing.
    let unfiltered = snag(dir.path(), &["check", "--format", "json", "--no-prefilter"]);
    assert!(
        one.stdout == unfiltered.stdout,
        "--no-prefilter changes the findings"
    );
}

#[test]
fn a_thread_count_beyond_the_cap_is_capped_with_a_warning() {
    // Issue 17: `--threads 100000` used to abort after minutes, out of memory.
    let dir = project(&[("a.js", READ_FILE_SYNC_JS), ("b.js", CLEAN_JS)]);
    let capped = snag(
        dir.path(),
        &["check", "--format", "json", "--threads", "100000"],
    );
    let one = snag(dir.path(), &["check", "--format", "json", "--threads", "1"]);
    assert_eq!(capped.code, one.code, "{}", capped.stderr);
    assert_eq!(capped.stdout, one.stdout);
    assert!(
        capped
            .stderr
            .contains("--threads 100000 is more than snag runs at once; using 256"),
        "{}",
        capped.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_named_symlink_loop_or_pipe_says_what_it_is() {
    // Issue 17: both were reported as "no such file or directory".
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    std::os::unix::fs::symlink("loop.js", dir.path().join("loop.js")).unwrap();
    let run = snag(dir.path(), &["check", "loop.js", "a.js"]);
    run.assert_failed_saying(
        "loop.js: a symbolic link that leads nowhere (a loop, or a missing target)",
    );
    // The other named file is still linted.
    assert!(run.stdout.contains("read-file-sync"), "{}", run.stdout);
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.js"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        snag(dir.path(), &["check", "pipe.js"]).assert_failed_saying(
            "pipe.js: not a regular file or folder (a pipe, a socket or a device)",
        );
    }
}

#[test]
fn json_with_no_findings_is_an_empty_array() {
    let dir = project(&[("a.js", CLEAN_JS)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), "[]");
}

// ---------------------------------------------------------------------------------------------------
// Human output

#[test]
fn every_format_puts_a_finding_at_the_same_line_and_column() {
    // Issue 17: the code frame counted bytes where JSON counted characters; a byte-order mark shifted
    // line 1; lone carriage returns ended lines for the code frame and not for JSON.
    let multibyte = "const fs = require('fs');\nfunction f() { const s = 'ééé'; return fs.readFileSync('x'); }\nmodule.exports = { f };\n";
    let bom = "\u{feff}const fs = require('fs'); function f() { return fs.readFileSync('x'); }\nmodule.exports = { f };\n";
    let lone_cr = "const fs = require('fs');\rfunction f() {\r  return fs.readFileSync('x');\r}\rmodule.exports = { f };\r";
    for (text, line, column) in [(multibyte, 2, 40), (bom, 1, 49), (lone_cr, 3, 10)] {
        let dir = project(&[("a.js", text)]);
        let json = snag(dir.path(), &["check", "--format", "json"]);
        assert_eq!(
            json.findings(),
            [finding("read-file-sync", "a.js", line, column)]
        );
        let at = format!("a.js:{line}:{column}");
        let concise = snag(dir.path(), &["check", "--format", "concise"]);
        assert!(concise.stdout.starts_with(&at), "{}", concise.stdout);
        let full = snag(dir.path(), &["check", "--format", "full"]);
        assert!(full.stdout.contains(&format!("[{at}]")), "{}", full.stdout);
    }
}

#[test]
fn human_output_shows_code_frames_and_a_summary() {
    let dir = project(&[
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
        ("c.js", CLEAN_JS),
    ]);
    let run = snag(dir.path(), &["check", "--format", "full"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("read-file-sync"), "{}", run.stdout);
    assert!(run.stdout.contains("sync-io-in-handler"), "{}", run.stdout);
    assert!(run.stdout.contains("a.js:2:27"), "{}", run.stdout);
    assert!(run.stdout.contains("b.py:3:5"), "{}", run.stdout);
    assert!(
        run.stdout.contains("fs.readFileSync(p, 'utf8')"),
        "{}",
        run.stdout
    );
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("Found 2 findings (1 error, 1 warning) in 2 files; 3 files checked in ")
            && last.ends_with("s."),
        "{last}"
    );
    // Not a terminal: no colours.
    assert!(
        !run.stdout.contains('\u{1b}'),
        "escape codes in piped output"
    );
    // `human`, the format's older name, still works; and `--quiet` leaves out the summary.
    let human = snag(dir.path(), &["check", "--format", "human"]);
    let frames = |run: &Run| {
        run.stdout
            .lines()
            .filter(|l| !l.contains(" checked in "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(frames(&human), frames(&run));
    let quiet = snag(dir.path(), &["check", "--format", "full", "--quiet"]);
    assert_eq!(quiet.stdout.lines().collect::<Vec<_>>(), frames(&run));
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    // Colours when asked for, even in a pipe, and with NO_COLOR only when asked for on the command line.
    let always = snag(
        dir.path(),
        &["check", "--format", "full", "--color", "always"],
    );
    assert!(always.stdout.contains('\u{1b}'), "{}", always.stdout);
    let mut no_color = command(
        dir.path(),
        &["check", "--format", "full", "--color", "always"],
    );
    let forced = finish(no_color.env("NO_COLOR", "1").output().unwrap());
    assert!(forced.stdout.contains('\u{1b}'), "{}", forced.stdout);
}

#[test]
fn concise_output_is_the_default_in_a_pipe_with_the_summary_on_stderr() {
    let dir = project(&[
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
        ("c.js", CLEAN_JS),
    ]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = snag(dir.path(), &["check", "--format", "json"]).json();
    let expected: Vec<String> = json
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
    assert!(
        expected[0].starts_with("a.js:2:27: read-file-sync "),
        "{}",
        expected[0]
    );
    assert!(
        run.stderr
            .starts_with("Found 2 findings (1 error, 1 warning) in 2 files; 3 files checked in "),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let explicit = snag(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(explicit.stdout, run.stdout);
    let quiet = snag(dir.path(), &["check", "--quiet"]);
    assert_eq!(quiet.stdout, run.stdout);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    // Not a terminal: no colours, unless asked for.
    assert!(!run.stdout.contains('\u{1b}'));
    let always = snag(dir.path(), &["check", "--color", "always"]);
    assert!(
        always
            .stdout
            .contains("\u{1b}[1ma.js:2:27\u{1b}[0m: \u{1b}[33mread-file-sync\u{1b}[0m "),
        "{}",
        always.stdout
    );
    let never = snag(
        dir.path(),
        &["check", "--color", "never", "--format", "full"],
    );
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn output_format_in_the_configuration_is_the_default_and_the_flag_wins() {
    let dir = project(&[
        ("a.js", READ_FILE_SYNC_JS),
        ("snag.toml", "output-format = \"json-lines\"\n"),
    ]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(line["rule"], "read-file-sync");
    let flag = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(flag.findings(), [finding("read-file-sync", "a.js", 2, 27)]);
    write(dir.path(), "snag.toml", "output-format = \"xml\"\n");
    let bad = snag(dir.path(), &["check"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("snag.toml")
            && bad.stderr.contains("`output-format` must be one of")
            && bad.stderr.contains("\"sarif\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn output_file_receives_the_report_and_stdout_stays_empty() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    let piped = snag(dir.path(), &["check", "--format", "json"]);
    let run = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "out/report.json",
        ],
    );
    assert_eq!(run.code, 2, "the folder does not exist: {}", run.stderr);
    assert!(
        run.stderr
            .contains("out/report.json: cannot write the report"),
        "{}",
        run.stderr
    );
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "--output-file", "report.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let written = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert_eq!(written, piped.stdout);
    // A file is not a terminal: concise by default, summary on stderr.
    let concise = snag(dir.path(), &["check", "--output-file", "report.txt"]);
    let text = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(text.starts_with("a.js:2:27: read-file-sync "), "{text}");
    assert!(
        concise.stderr.starts_with("Found 1 finding"),
        "{}",
        concise.stderr
    );
}

#[test]
fn human_summary_without_findings() {
    let dir = project(&[("a.js", CLEAN_JS), ("b.py", CLEAN_PY)]);
    let run = snag(dir.path(), &["check", "--format", "full"]);
    assert_eq!(run.code, 0);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("No findings; 2 files checked in ") && last.ends_with("s."),
        "{last}"
    );
    let one = snag(dir.path(), &["check", "--format", "full", "a.js"]);
    assert!(
        one.stdout.starts_with("No findings; 1 file checked in "),
        "{}",
        one.stdout
    );
}

#[test]
fn human_summary_singular() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    let run = snag(dir.path(), &["check", "--format", "full"]);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("Found 1 finding (1 warning) in 1 file; 1 file checked in "),
        "{last}"
    );
}

// ---------------------------------------------------------------------------------------------------
// Exit statuses

#[test]
fn exit_status_zero_without_findings() {
    let dir = project(&[("a.js", CLEAN_JS)]);
    assert_eq!(snag(dir.path(), &["check"]).code, 0);
    assert_eq!(snag(dir.path(), &["check", "."]).code, 0);
}

#[test]
fn exit_status_one_with_findings_and_zero_with_exit_zero() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    assert_eq!(snag(dir.path(), &["check"]).code, 1);
    let forced = snag(dir.path(), &["check", "--exit-zero", "--format", "json"]);
    assert_eq!(forced.code, 0);
    assert_eq!(forced.findings().len(), 1, "--exit-zero still reports");
}

#[test]
fn a_missing_path_exits_two_after_linting_the_rest() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS)]);
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "nope.js", "a.js"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("snag: error: nope.js"),
        "{}",
        run.stderr
    );
    assert_eq!(run.findings(), [finding("read-file-sync", "a.js", 2, 27)]);
    // --exit-zero only forgives findings.
    assert_eq!(snag(dir.path(), &["check", "--exit-zero", "nope/"]).code, 2);
}

#[test]
fn usage_errors_exit_two() {
    let dir = project(&[]);
    assert_eq!(snag(dir.path(), &["check", "--bogus"]).code, 2);
    assert_eq!(snag(dir.path(), &["check", "--format", "xml"]).code, 2);
    assert_eq!(snag(dir.path(), &["frobnicate"]).code, 2);
    assert_eq!(snag(dir.path(), &[]).code, 2);
    let help = snag(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--stdin-filename"));
    assert!(
        !help.stdout.contains("--no-prefilter"),
        "--no-prefilter is hidden"
    );
    let version = snag(dir.path(), &["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("snag "));
}

#[test]
fn unknown_rule_ids_on_the_command_line_exit_two_with_the_known_ids() {
    let dir = project(&[("a.js", CLEAN_JS)]);
    for option in ["--select", "--ignore"] {
        let run = snag(
            dir.path(),
            &["check", option, "read-file-sync,no-such-rule"],
        );
        assert_eq!(run.code, 2, "{option}");
        assert!(run.stderr.contains("no-such-rule"), "{}", run.stderr);
        assert!(
            run.stderr.contains("read-file-sync") && run.stderr.contains("sync-io-in-handler"),
            "{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// Configuration

#[test]
fn config_errors_name_the_file_and_the_key() {
    let dir = project(&[("a.js", CLEAN_JS), ("snag.toml", "colour = true\n")]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("snag: error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("snag.toml") && run.stderr.contains("`colour`"),
        "{}",
        run.stderr
    );

    let dir = project(&[
        ("a.js", CLEAN_JS),
        (".snag.toml", "[rules]\nread-file-sync = \"loud\"\n"),
    ]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".snag.toml") && run.stderr.contains("rules.read-file-sync"),
        "{}",
        run.stderr
    );

    let dir = project(&[
        ("a.py", CLEAN_PY),
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\n[tool.snag]\nbogus = 1\n",
        ),
    ]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("pyproject.toml") && run.stderr.contains("tool.snag.bogus"),
        "{}",
        run.stderr
    );

    let dir = project(&[
        ("a.js", CLEAN_JS),
        ("snag.toml", "select = [\"no-such-rule\"]\n"),
    ]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no-such-rule") && run.stderr.contains("read-file-sync"),
        "{}",
        run.stderr
    );

    let dir = project(&[("a.js", CLEAN_JS), ("snag.toml", "select = [\n")]);
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("snag.toml") && run.stderr.contains("invalid TOML"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_is_found_upwards_from_the_current_folder() {
    let dir = project(&[
        ("snag.toml", "ignore = [\"read-file-sync\"]\n"),
        ("sub/a.js", READ_FILE_SYNC_JS),
        ("sub/b.py", SLEEP_PY),
    ]);
    let run = snag(&dir.path().join("sub"), &["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        [finding("sync-io-in-handler", "b.py", 3, 5)]
    );
}

#[test]
fn pyproject_tool_snag_is_read() {
    let dir = project(&[
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.snag]\nselect = [\"read-file-sync\"]\n",
        ),
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.rules(), ["read-file-sync"]);
}

#[test]
fn pyproject_without_tool_snag_is_not_a_config() {
    let dir = project(&[
        ("pyproject.toml", "[project]\nname = \"x\"\n"),
        ("b.py", SLEEP_PY),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.rules(), ["sync-io-in-handler"]);
}

#[test]
fn snags_own_pyproject_is_passed_over_for_the_config_above_it() {
    // The repository's pyproject.toml (maturin's, for `pip install .`) has no table for snag: a run
    // inside a checkout of snag finds the configuration above it, or none.
    let dir = project(&[
        ("snag.toml", "ignore = [\"read-file-sync\"]\n"),
        ("checkout/pyproject.toml", include_str!("../pyproject.toml")),
        ("checkout/a.js", READ_FILE_SYNC_JS),
        ("checkout/b.py", SLEEP_PY),
    ]);
    let run = snag(&dir.path().join("checkout"), &["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        [finding("sync-io-in-handler", "b.py", 3, 5)],
        "{}",
        run.stderr
    );
}

#[test]
fn the_readme_states_the_defaults() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme.find("### Defaults").expect("a Defaults section");
    let defaults = &readme[start..start + readme[start..].find("\n## ").unwrap()];
    let listed = defaults
        .lines()
        .skip_while(|line| !line.contains("**`exclude`:**"))
        .take_while(|line| !line.contains("**Cache:**"))
        .collect::<Vec<_>>()
        .join(" ");
    for glob in snag_core::config::DEFAULT_EXCLUDE {
        assert!(
            listed.contains(&format!("`{glob}`")),
            "README lacks `{glob}`"
        );
    }
    assert_eq!(snag_core::config::DEFAULT_MAX_FILE_SIZE, 2 * 1024 * 1024);
    assert!(
        defaults.contains("`\"2MiB\"` (2,097,152 bytes)"),
        "{defaults}"
    );
}

#[test]
fn config_option_names_the_file() {
    let dir = project(&[
        ("conf/custom.toml", "select = [\"sync-io-in-handler\"]\n"),
        ("snag.toml", "colour = 1\n"),
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
    ]);
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "--config", "conf/custom.toml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.rules(), ["sync-io-in-handler"]);

    let bad = snag(dir.path(), &["check", "--config", "snag.toml"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("snag.toml") && bad.stderr.contains("colour"),
        "{}",
        bad.stderr
    );

    let missing = snag(dir.path(), &["check", "--config", "absent.toml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("absent.toml"), "{}", missing.stderr);
}

#[test]
fn config_select_and_ignore_take_effect() {
    let files = [("a.js", READ_FILE_SYNC_JS), ("b.py", SLEEP_PY)];
    let dir = project(&files);
    write(dir.path(), "snag.toml", "select = [\"read-file-sync\"]\n");
    assert_eq!(
        snag(dir.path(), &["check", "--format", "json"]).rules(),
        ["read-file-sync"]
    );
    write(dir.path(), "snag.toml", "ignore = [\"read-file-sync\"]\n");
    assert_eq!(
        snag(dir.path(), &["check", "--format", "json"]).rules(),
        ["sync-io-in-handler"]
    );
}

#[test]
fn command_line_select_replaces_and_ignore_extends_the_config() {
    let dir = project(&[
        (
            "snag.toml",
            "select = [\"read-file-sync\"]\nignore = [\"string-concat-in-loop\"]\n",
        ),
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
    ]);
    let selected = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "sync-io-in-handler",
        ],
    );
    assert_eq!(selected.rules(), ["sync-io-in-handler"]);
    let both = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "sync-io-in-handler,read-file-sync",
        ],
    );
    assert_eq!(both.rules(), ["read-file-sync", "sync-io-in-handler"]);
    let ignored = snag(
        dir.path(),
        &["check", "--format", "json", "--ignore", "read-file-sync"],
    );
    assert_eq!(ignored.code, 0);
    assert!(ignored.rules().is_empty());
}

#[test]
fn config_rule_severities_take_effect() {
    let dir = project(&[
        (
            "snag.toml",
            "[rules]\nread-file-sync = \"error\"\nsync-io-in-handler = \"off\"\n",
        ),
        ("a.js", READ_FILE_SYNC_JS),
        ("b.py", SLEEP_PY),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let findings = run.json();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert_eq!(findings[0]["rule"], "read-file-sync");
    assert_eq!(findings[0]["severity"], "error");
    write(
        dir.path(),
        "snag.toml",
        "[rules]\nread-file-sync = \"info\"\n",
    );
    let info = snag(dir.path(), &["check", "--format", "json", "a.js"]);
    assert_eq!(info.json()[0]["severity"], "info");
}

#[test]
fn config_per_file_ignores_take_effect() {
    let dir = project(&[
        (
            "snag.toml",
            "[per-file-ignores]\n\"scripts/**\" = [\"read-file-sync\"]\n",
        ),
        ("scripts/a.js", READ_FILE_SYNC_JS),
        ("src/a.js", READ_FILE_SYNC_JS),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "src/a.js", 2, 27)]
    );
}

#[test]
fn config_exclude_replaces_the_defaults_and_extend_exclude_adds_to_them() {
    let files = [
        ("vendor/a.js", READ_FILE_SYNC_JS),
        ("node_modules/lib/a.js", READ_FILE_SYNC_JS),
        ("gen/a.js", READ_FILE_SYNC_JS),
        ("src/a.js", READ_FILE_SYNC_JS),
    ];
    let dir = project(&files);
    let paths = |run: Run| run.findings().into_iter().map(|f| f.1).collect::<Vec<_>>();

    let defaults = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(paths(defaults), ["gen/a.js", "src/a.js", "vendor/a.js"]);

    write(dir.path(), "snag.toml", "exclude = [\"vendor\"]\n");
    let replaced = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        paths(replaced),
        ["gen/a.js", "node_modules/lib/a.js", "src/a.js"]
    );

    write(
        dir.path(),
        "snag.toml",
        "extend-exclude = [\"gen/**\", \"vendor\"]\n",
    );
    let extended = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(paths(extended), ["src/a.js"]);
}

#[test]
fn a_path_named_explicitly_is_linted_even_if_excluded() {
    let dir = project(&[
        ("snag.toml", "extend-exclude = [\"gen\"]\n"),
        ("gen/a.js", READ_FILE_SYNC_JS),
        ("node_modules/b.js", READ_FILE_SYNC_JS),
    ]);
    assert_eq!(snag(dir.path(), &["check"]).code, 0);
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "gen/a.js", "node_modules/b.js"],
    );
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.1).collect();
    assert_eq!(paths, ["gen/a.js", "node_modules/b.js"]);
}

// ---------------------------------------------------------------------------------------------------
// Discovery

#[test]
fn gitignore_is_respected_unless_no_ignore() {
    let dir = project(&[
        (".gitignore", "generated/\nlegacy.js\n"),
        ("generated/out.js", READ_FILE_SYNC_JS),
        ("legacy.js", READ_FILE_SYNC_JS),
        ("src/a.js", READ_FILE_SYNC_JS),
    ]);
    let paths = |run: Run| run.findings().into_iter().map(|f| f.1).collect::<Vec<_>>();
    assert_eq!(
        paths(snag(dir.path(), &["check", "--format", "json"])),
        ["src/a.js"]
    );
    assert_eq!(
        paths(snag(
            dir.path(),
            &["check", "--format", "json", "--no-ignore"]
        )),
        ["generated/out.js", "legacy.js", "src/a.js"]
    );
}

#[test]
fn paths_are_shown_relative_to_the_current_folder() {
    let dir = project(&[
        ("src/a.js", READ_FILE_SYNC_JS),
        ("lib/b.js", READ_FILE_SYNC_JS),
    ]);
    let absolute = dir.path().canonicalize().unwrap().join("src/a.js");
    let run = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "./src",
            absolute.to_str().unwrap(),
        ],
    );
    // The same file however it is named, shown relative to the current folder (climbing out of it
    // when it lies elsewhere).
    // Named twice (as a folder and as an absolute file): reported once, under its relative path.
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "src/a.js", 2, 27)]
    );
    let inside = snag(
        &dir.path().join("src"),
        &["check", "--format", "json", "../src/a.js", "../lib/b.js"],
    );
    assert_eq!(
        inside.findings(),
        [
            finding("read-file-sync", "../lib/b.js", 2, 27),
            finding("read-file-sync", "a.js", 2, 27)
        ]
    );
}

#[test]
fn unreadable_files_are_reported_and_skipped_while_the_rest_is_linted() {
    let dir = project(&[
        ("snag.toml", "max-file-size = 200\n"),
        ("good.js", READ_FILE_SYNC_JS),
    ]);
    write(dir.path(), "binary.js", b"const x = 1;\0\n");
    write(dir.path(), "latin1.py", b"s = '\xe9t\xe9'\n");
    write(
        dir.path(),
        "big.js",
        format!("{}\n", "// padding\n".repeat(30)),
    );
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        run.code, 1,
        "findings decide the status, not skipped files: {}",
        run.stderr
    );
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "good.js", 2, 27)]
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    let line = |path: &str| {
        *lines
            .iter()
            .find(|l| l.contains(path))
            .unwrap_or_else(|| panic!("{path}: {lines:?}"))
    };
    assert!(
        line("binary.js").starts_with("snag: warning: binary.js: ")
            && line("binary.js").contains("binary")
    );
    assert!(
        line("latin1.py").starts_with("snag: warning: latin1.py: ")
            && line("latin1.py").contains("UTF-8")
    );
    assert!(
        line("big.js").starts_with("snag: warning: big.js: ")
            && line("big.js").contains("max-file-size")
    );

    std::fs::remove_file(dir.path().join("good.js")).unwrap();
    let clean = snag(dir.path(), &["check", "--format", "full"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(
        clean.stdout.starts_with("No findings; 0 files checked"),
        "{}",
        clean.stdout
    );
}

#[test]
fn an_explicit_file_of_another_language_is_a_warning() {
    let dir = project(&[("notes.txt", "hello\n"), ("a.js", CLEAN_JS)]);
    let run = snag(dir.path(), &["check", "notes.txt", "a.js"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.starts_with("snag: warning: notes.txt: "),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_is_linted_as_the_named_file() {
    let dir = project(&[(
        "snag.toml",
        "[per-file-ignores]\n\"scripts/**\" = [\"read-file-sync\"]\n",
    )]);
    let run = snag_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "src/app.js",
        ],
        READ_FILE_SYNC_JS.as_bytes(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "src/app.js", 2, 27)]
    );

    let python = snag_stdin(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "./svc.py"],
        SLEEP_PY.as_bytes(),
    );
    assert_eq!(
        python.findings(),
        [finding("sync-io-in-handler", "svc.py", 3, 5)]
    );

    // Per-file settings apply to the name.
    let ignored = snag_stdin(
        dir.path(),
        &["check", "--stdin-filename", "scripts/a.js"],
        READ_FILE_SYNC_JS.as_bytes(),
    );
    assert_eq!(ignored.code, 0, "{}", ignored.stdout);

    let human = snag_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "full",
            "--stdin-filename",
            "src/app.js",
        ],
        READ_FILE_SYNC_JS.as_bytes(),
    );
    assert!(human.stdout.contains("src/app.js:2:27"), "{}", human.stdout);

    let binary = snag_stdin(dir.path(), &["check", "--stdin-filename", "x.js"], b"a\0b");
    assert_eq!(binary.code, 0);
    assert!(
        binary.stderr.starts_with("snag: warning: x.js: "),
        "{}",
        binary.stderr
    );
}

// ---------------------------------------------------------------------------------------------------
// Rules and suppressions

#[test]
fn express_handlers_get_sync_io_in_handler_not_read_file_sync() {
    let dir = project(&[("server.js", EXPRESS_JS)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.rules(), ["sync-io-in-handler"]);
}

#[test]
fn suppression_comments_on_the_line_or_the_line_above() {
    let js = "const fs = require('fs');\n// snag-ignore read-file-sync -- read once per deploy\n\
function a(p) { return fs.readFileSync(p); }\nfunction b(p) { return fs.readFileSync(p); } // snag-ignore read-file-sync -- tiny\n\
\nfunction c(p) { return fs.readFileSync(p); }\nmodule.exports = { a, b, c };\n";
    let py = "import time\nasync def f():\n    time.sleep(1)  # snag-ignore sync-io-in-handler -- test helper\n\
async def g():\n    # snag-ignore sync-io-in-handler -- test helper\n    time.sleep(1)\n";
    let dir = project(&[("a.js", js), ("b.py", py)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.findings(), [finding("read-file-sync", "a.js", 6, 24)]);
}

#[test]
fn file_suppressions_in_the_first_comment_block() {
    let js = format!(
        "// Loader.\n// snag-ignore-file read-file-sync -- a CLI script\n{READ_FILE_SYNC_JS}"
    );
    let py = format!("#!/usr/bin/env python\n# snag-ignore-file sync-io-in-handler\n{SLEEP_PY}");
    let late = format!("{READ_FILE_SYNC_JS}// snag-ignore-file read-file-sync\n");
    let dir = project(&[("a.js", &js), ("b.py", &py), ("late.js", &late)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    // Outside the first comment block, `snag-ignore-file` is not a directive.
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "late.js", 2, 27)]
    );
}

#[test]
fn unused_suppressions_are_reported() {
    let js = "// snag-ignore read-file-sync -- nothing here any more\nconst x = 1;\nmodule.exports = { x };\n";
    let py = "import asyncio\nasync def f():\n    await asyncio.sleep(1)  # snag-ignore sync-io-in-handler\n";
    let dir = project(&[("a.js", js), ("b.py", py)]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.findings(),
        [
            finding("unused-suppression", "a.js", 1, 1),
            finding("unused-suppression", "b.py", 3, 29)
        ]
    );
    assert_eq!(run.json()[0]["severity"], "warning");
    // A suppression of a rule that is not enabled cannot be judged.
    let selected = snag(
        dir.path(),
        &["check", "--format", "json", "--ignore", "read-file-sync"],
    );
    assert_eq!(
        selected.findings(),
        [finding("unused-suppression", "b.py", 3, 29)]
    );
    let off = snag(dir.path(), &["check", "--ignore", "unused-suppression"]);
    assert_eq!(off.code, 0, "{}", off.stdout);
}

#[test]
fn rules_lists_every_rule_as_json() {
    let dir = project(&[]);
    let run = snag(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules = run.json();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["sync-io-in-handler", "read-file-sync", "unused-suppression"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for rule in &rules {
        let mut keys: Vec<&str> = rule
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "fix",
                "id",
                "languages",
                "severity",
                "since",
                "status",
                "summary"
            ]
        );
        assert!(["error", "warning", "info"].contains(&rule["severity"].as_str().unwrap()));
        assert!(["preview", "stable"].contains(&rule["status"].as_str().unwrap()));
        assert!(rule["since"].as_str().unwrap().split('.').count() == 3);
        assert!(["none", "suggestion", "safe"].contains(&rule["fix"].as_str().unwrap()));
        for language in rule["languages"].as_array().unwrap() {
            assert!(["JavaScript", "Python"].contains(&language.as_str().unwrap()));
        }
    }
    let unused = rules
        .iter()
        .find(|r| r["id"] == "unused-suppression")
        .unwrap();
    assert_eq!(
        unused["languages"],
        serde_json::json!(["JavaScript", "Python"])
    );
    let sync = rules
        .iter()
        .find(|r| r["id"] == "sync-io-in-handler")
        .unwrap();
    assert_eq!(
        sync["languages"],
        serde_json::json!(["JavaScript", "Python"])
    );
    let read = rules.iter().find(|r| r["id"] == "read-file-sync").unwrap();
    assert_eq!(read["languages"], serde_json::json!(["JavaScript"]));
}

#[test]
fn rules_prints_a_table() {
    let dir = project(&[]);
    let run = snag(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    let mut lines = run.stdout.lines();
    let header = lines.next().unwrap();
    for column in ["ID", "LANGUAGES", "SEVERITY", "FIX", "SUMMARY"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        lines.any(|l| l.starts_with("read-file-sync ") && l.contains("JavaScript")),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_prints_the_rule_documentation() {
    let dir = project(&[]);
    let run = snag(dir.path(), &["explain", "read-file-sync"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("# read-file-sync\n"),
        "{}",
        run.stdout
    );
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Stays quiet on",
    ] {
        assert!(
            run.stdout.contains(section),
            "{section} missing:\n{}",
            run.stdout
        );
    }
    let unknown = snag(dir.path(), &["explain", "no-such-rule"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no-such-rule") && unknown.stderr.contains("read-file-sync"),
        "{}",
        unknown.stderr
    );
}

// ---------------------------------------------------------------------------------------------------
// Fixes

#[test]
fn fix_removes_unused_suppressions_and_keeps_the_rest() {
    let source = "const fs = require('fs');\n\
// snag-ignore read-file-sync -- stale\n\
const port = 3000; // snag-ignore string-concat-in-loop\n\
function load(p) { return fs.readFileSync(p, 'utf8'); }\n\
module.exports = { load, port };\n";
    let dir = project(&[("a.js", source)]);
    let before = snag(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        before.rules(),
        ["unused-suppression", "unused-suppression", "read-file-sync"]
    );
    let run = snag(dir.path(), &["check", "--format", "json", "--fix"]);
    assert_eq!(run.rules(), ["read-file-sync"], "{}", run.stderr);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("fixed 2 findings in 1 file"),
        "{}",
        run.stderr
    );
    let fixed = std::fs::read_to_string(dir.path().join("a.js")).unwrap();
    assert_eq!(
        fixed,
        "const fs = require('fs');\nconst port = 3000;\n\
function load(p) { return fs.readFileSync(p, 'utf8'); }\nmodule.exports = { load, port };\n"
    );
    assert_no_temporary_files(dir.path());
}

#[test]
fn a_fix_is_not_written_over_a_read_only_file_and_fails_the_run() {
    // Issue 17: `--fix` replaced read-only files, and a fix it could not write exited 1 (0 with
    // `--exit-zero`), not 2.
    let source =
        "const fs = require('fs');\n// snag-ignore read-file-sync -- stale\nconst port = 3000;\n";
    let dir = project(&[("a.js", source)]);
    let path = dir.path().join("a.js");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    for extra in [&[][..], &["--exit-zero"][..]] {
        let mut args = vec!["check", "--fix"];
        args.extend_from_slice(extra);
        snag(dir.path(), &args)
            .assert_failed_saying("a.js: cannot write the fixes: the file is read-only");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), source);
        assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
    }
    assert_no_temporary_files(dir.path());
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let source =
        "const fs = require('fs');\n// snag-ignore read-file-sync -- stale\nconst port = 3000;\n";
    let dir = project(&[("src/a.js", source), ("b.js", CLEAN_JS)]);
    let run = snag(dir.path(), &["check", "--diff"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "--- a/src/a.js\n+++ b/src/a.js\n@@ -1,3 +1,2 @@\n const fs = require('fs');\n\
-// snag-ignore read-file-sync -- stale\n const port = 3000;\n"
    );
    assert!(
        run.stderr.contains("would fix 1 finding in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("src/a.js")).unwrap(),
        source
    );
    // Nothing to fix: no output, exit 0.
    let clean = snag(dir.path(), &["check", "--diff", "b.js"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, ""),
        "{}",
        clean.stderr
    );
    // Standard input: the diff of the text.
    let piped = snag_stdin(
        dir.path(),
        &["check", "--diff", "--stdin-filename", "c.js"],
        source.as_bytes(),
    );
    assert_eq!(piped.code, 1, "{}", piped.stderr);
    assert!(
        piped.stdout.starts_with("--- a/c.js\n+++ b/c.js\n"),
        "{}",
        piped.stdout
    );
    let misuse = snag(dir.path(), &["check", "--unsafe-fixes"]);
    assert_eq!(misuse.code, 2);
}

#[test]
fn fix_with_stdin_prints_the_fixed_text() {
    let dir = project(&[]);
    let run = snag_stdin(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "a.py"],
        b"import os\n# snag-ignore sync-io-in-handler\nx = 1\n",
    );
    assert_eq!(run.stdout, "import os\nx = 1\n");
    assert_eq!(run.code, 0);
}

#[test]
fn statistics_go_to_stderr_and_leave_the_json_alone() {
    let dir = project(&[
        ("a.js", READ_FILE_SYNC_JS),
        ("b.js", "let x;\n"),
        ("c.py", CLEAN_PY),
    ]);
    let plain = snag(dir.path(), &["check", "--format", "json"]);
    let run = snag(dir.path(), &["check", "--format", "json", "--statistics"]);
    assert_eq!(run.stdout, plain.stdout);
    for line in [
        "files found",
        "files parsed",
        "skipped by prefilter",
        "parse",
        "per rule:",
        "read-file-sync",
    ] {
        assert!(run.stderr.contains(line), "no `{line}` in:\n{}", run.stderr);
    }
    // b.js has no trigger string of any rule: it is not parsed.
    assert!(
        run.stderr.contains("skipped by prefilter          1"),
        "{}",
        run.stderr
    );
}

#[test]
fn minified_javascript_is_not_linted_and_counted_as_skipped() {
    // A bundle: the same express handler as EXPRESS_JS, on one long line after a license comment.
    let padding = "var a=1;".repeat(200);
    let bundle = format!(
        "/*! bundled */\n{}{padding}\n",
        EXPRESS_JS.replace('\n', "")
    );
    let dir = project(&[("vendor/app.js", &bundle), ("server.js", EXPRESS_JS)]);
    let run = snag(dir.path(), &["check", "--format", "json", "--statistics"]);
    assert_eq!(
        run.findings(),
        vec![finding("sync-io-in-handler", "server.js", 4, 40)],
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("skipped as minified           1"),
        "{}",
        run.stderr
    );
}

/// Sets a file's modification time `seconds_ago` in the past (fresh files are never cached).
fn age(path: &Path, seconds_ago: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds_ago);
    file.set_modified(when).unwrap();
}

#[test]
fn unchanged_files_are_reused_from_the_cache_and_changed_ones_are_linted_again() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS), ("b.js", CLEAN_JS)]);
    age(&dir.path().join("a.js"), 3600);
    age(&dir.path().join("b.js"), 3600);
    let first = snag(dir.path(), &["check", "--format", "json", "--statistics"]);
    assert!(
        first.stderr.contains("reused from the cache         0"),
        "{}",
        first.stderr
    );
    let second = snag(dir.path(), &["check", "--format", "json", "--statistics"]);
    assert!(
        second.stderr.contains("reused from the cache         2"),
        "{}",
        second.stderr
    );
    assert_eq!(second.stdout, first.stdout);
    // The same size, another time: linted again, and the finding is gone.
    let same_size = READ_FILE_SYNC_JS.replace("readFileSync(p, 'utf8')", "readFile(p, 'utf8', cb)");
    let same_size = format!("{same_size:<width$}", width = READ_FILE_SYNC_JS.len());
    write(dir.path(), "a.js", &same_size);
    age(&dir.path().join("a.js"), 1800);
    let third = snag(dir.path(), &["check", "--format", "json", "--statistics"]);
    assert!(
        third.stderr.contains("reused from the cache         1"),
        "{}",
        third.stderr
    );
    assert!(third.findings().is_empty(), "{}", third.stdout);
    // --no-cache reads and writes nothing.
    let uncached = snag(
        dir.path(),
        &["check", "--format", "json", "--statistics", "--no-cache"],
    );
    assert!(
        uncached.stderr.contains("reused from the cache         0"),
        "{}",
        uncached.stderr
    );
}

#[test]
fn the_model_index_is_reused_from_the_cache_until_a_model_file_changes() {
    let models = "\
from django.db import models

class Customer(models.Model):
    name = models.CharField(max_length=50)

class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
";
    let views = "\
from shop.models import Order

def names():
    return [order.customer.name for order in Order.objects.all()]
";
    let dir = project(&[("shop/models.py", models), ("shop/views.py", views)]);
    for file in ["shop/models.py", "shop/views.py"] {
        age(&dir.path().join(file), 3600);
    }
    let args = [
        "check",
        "--format",
        "json",
        "--statistics",
        "--select",
        "orm-lazy-load-in-loop",
    ];
    let first = snag(dir.path(), &args);
    assert!(
        first.stderr.contains("indexed from the cache        0"),
        "{}",
        first.stderr
    );
    assert_eq!(
        first.findings(),
        [finding("orm-lazy-load-in-loop", "shop/views.py", 4, 13)]
    );
    let second = snag(dir.path(), &args);
    assert!(
        second.stderr.contains("indexed from the cache        2"),
        "{}",
        second.stderr
    );
    assert_eq!(second.stdout, first.stdout);
    // `customer` is no relation any more: the changed model file is indexed again, and the view, itself
    // unchanged, is linted again with the new index.
    write(
        dir.path(),
        "shop/models.py",
        models.replace(
            "models.ForeignKey(Customer, on_delete=models.CASCADE)",
            "models.CharField(max_length=50)",
        ),
    );
    age(&dir.path().join("shop/models.py"), 1800);
    let third = snag(dir.path(), &args);
    assert!(
        third.stderr.contains("indexed from the cache        1"),
        "{}",
        third.stderr
    );
    assert!(third.findings().is_empty(), "{}", third.stdout);
}

#[test]
fn a_folder_whose_code_is_all_excluded_says_what_left_it_out_and_how_to_lint_it() {
    let dir = project(&[
        ("dist/server.js", EXPRESS_JS),
        ("node_modules/dep/index.js", CLEAN_JS),
        ("types.d.ts", "export declare const x: number;\n"),
        ("README.md", "# app\n"),
    ]);
    let run = snag(dir.path(), &["check", "--format", "full", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 files checked"),
        "a .d.ts file is not counted as checked: {}",
        run.stdout
    );
    assert!(
        run.stderr.contains("no file was checked")
            && run.stderr.contains("`dist` (a default): dist")
            && run
                .stderr
                .contains("`node_modules` (a default): node_modules")
            && run.stderr.contains("`snag check dist`"),
        "{}",
        run.stderr
    );
    // Named, the folder is linted; with something checked, no note.
    let run = snag(dir.path(), &["check", "dist", "--format", "json"]);
    assert_eq!(run.rules(), ["sync-io-in-handler"]);
    assert!(
        !run.stderr.contains("no file was checked"),
        "{}",
        run.stderr
    );
    // A folder with code of its own says nothing about what it left out.
    write(dir.path(), "app.js", CLEAN_JS);
    let run = snag(dir.path(), &["check", "--format", "full", "."]);
    assert!(run.stdout.contains("1 file checked"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn findings_carry_their_context_and_rules_speak_only_in_theirs() {
    let command = "from shop.models import Order\n\n\ndef touch(ids):\n    for pk in ids:\n        Order.objects.filter(pk=pk).update(seen=True)\n";
    let dir = project(&[
        ("server.js", EXPRESS_JS),
        ("static/js/widget.js", EXPRESS_JS),
        ("shop/management/commands/touch.py", command),
        (
            "shop/models.py",
            "from django.db import models\n\n\nclass Order(models.Model):\n    pass\n",
        ),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let json = run.json();
    let contexts: Vec<(&str, &str)> = json
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["context"].as_str().unwrap()))
        .collect();
    // Browser code (`static/`) and a management command (command line) stay quiet by default.
    assert_eq!(contexts, [("server.js", "request")], "{}", run.stdout);
    // `[contexts]` makes a rule speak where its default does not.
    write(
        dir.path(),
        "snag.toml",
        "[contexts]\nquery-in-loop = [\"request\", \"command-line\"]\n",
    );
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let rules: Vec<(String, String)> = run
        .json()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["context"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        rules.contains(&("query-in-loop".to_string(), "command-line".to_string())),
        "{}",
        run.stdout
    );
    // An unknown context is a configuration error naming the key and the allowed values.
    write(
        dir.path(),
        "snag.toml",
        "[contexts]\nquery-in-loop = [\"nightly\"]\n",
    );
    let run = snag(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("contexts.query-in-loop") && run.stderr.contains("\"one-off\""),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------------
// Projects: partial runs, roots, the nearest configuration

const SHOP_MODELS: &str = "\
from django.db import models

class Customer(models.Model):
    name = models.CharField(max_length=50)

class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
";
const SHOP_VIEWS: &str = "\
from shop.models import Order

def names():
    return [order.customer.name for order in Order.objects.all()]
";

#[test]
fn a_named_file_sees_the_models_of_its_whole_project() {
    let dir = project(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("shop/models.py", SHOP_MODELS),
        ("shop/views.py", SHOP_VIEWS),
    ]);
    let expected = [finding("orm-lazy-load-in-loop", "shop/views.py", 4, 13)];
    let args = ["check", "--format", "json", "--no-cache", "shop/views.py"];
    assert_eq!(snag(dir.path(), &args).findings(), expected);
    // From inside the app, the repository is still the project.
    let inside = snag(
        &dir.path().join("shop"),
        &["check", "--format", "json", "--no-cache", "views.py"],
    );
    assert_eq!(
        inside.findings(),
        [finding("orm-lazy-load-in-loop", "views.py", 4, 13)]
    );
    // Standard input named as the view, as an editor or a hook sends it.
    let piped = snag_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "shop/views.py",
        ],
        SHOP_VIEWS.as_bytes(),
    );
    assert_eq!(piped.findings(), expected, "{}", piped.stderr);
}

#[test]
fn the_configuration_nearest_above_a_path_applies_to_it() {
    let dir = project(&[
        ("proj/snag.toml", "ignore = [\"read-file-sync\"]\n"),
        ("proj/a.js", READ_FILE_SYNC_JS),
        ("other/b.js", READ_FILE_SYNC_JS),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json", "proj", "other"]);
    assert_eq!(
        run.findings(),
        [finding("read-file-sync", "other/b.js", 2, 27)],
        "{}",
        run.stderr
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=snag", "-c", "user.email=snag@example.com"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_since_lints_only_what_changed_with_the_whole_project_around_it() {
    let dir = project(&[
        ("old.js", READ_FILE_SYNC_JS),
        ("edited.js", CLEAN_JS),
        ("staged.js", CLEAN_JS),
        ("dist/built.js", CLEAN_JS),
        ("shop/models.py", SHOP_MODELS),
        (
            "shop/views.py",
            SHOP_VIEWS.replace("names", "titles").as_str(),
        ),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    write(dir.path(), "edited.js", READ_FILE_SYNC_JS);
    write(dir.path(), "staged.js", READ_FILE_SYNC_JS);
    git(dir.path(), &["add", "staged.js"]);
    write(dir.path(), "untracked.js", READ_FILE_SYNC_JS);
    write(dir.path(), "dist/built.js", READ_FILE_SYNC_JS);
    write(dir.path(), "shop/views.py", SHOP_VIEWS);
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "--changed-since", "HEAD"],
    );
    let mut paths: Vec<String> = run.findings().into_iter().map(|f| f.1).collect();
    paths.sort();
    // Not the unchanged file, not the excluded build output; the view still sees its models.
    assert_eq!(
        paths,
        ["edited.js", "shop/views.py", "staged.js", "untracked.js"],
        "{}",
        run.stderr
    );
    // Below a named folder only.
    let run = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            "shop",
        ],
    );
    assert_eq!(run.rules(), ["orm-lazy-load-in-loop"], "{}", run.stderr);

    let unknown = snag(dir.path(), &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("`no-such-branch` is not a known revision"),
        "{}",
        unknown.stderr
    );
    let outside = project(&[("a.js", READ_FILE_SYNC_JS)]);
    let run = snag(outside.path(), &["check", "--changed-since", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_and_rewritten() {
    let dir = project(&[("a.js", READ_FILE_SYNC_JS), ("b.js", EXPRESS_JS)]);
    for file in ["a.js", "b.js"] {
        age(&dir.path().join(file), 3600);
    }
    let args = ["check", "--format", "json"];
    let first = snag(dir.path(), &args);
    assert_eq!(first.findings().len(), 2, "{}", first.stderr);
    let cache_files = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path().join(".snag_cache"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect()
    };
    assert!(!cache_files().is_empty());
    // Entries that parse but cannot be this file's findings: spans beyond the text.
    for file in cache_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let foreign = text
            .replace("\"span\":[", "\"span\":[9999")
            .replace("\"span\":[9999", "\"span\":[99990");
        std::fs::write(&file, foreign).unwrap();
    }
    // Code frames slice the text with the spans: they must come from a fresh lint.
    let framed = |run: &Run| -> String {
        run.stdout
            .lines()
            .filter(|l| !l.starts_with("Found"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let fresh = snag(dir.path(), &["check", "--format", "human", "--no-cache"]);
    let foreign = snag(dir.path(), &["check", "--format", "human"]);
    assert_eq!(framed(&foreign), framed(&fresh), "{}", foreign.stderr);
    let foreign = snag(dir.path(), &args);
    assert_eq!(foreign.stdout, first.stdout, "{}", foreign.stderr);
    // Garbage: ignored, and the next run writes a cache that parses again.
    for file in cache_files() {
        std::fs::write(&file, b"\x00garbage{").unwrap();
    }
    let garbage = snag(dir.path(), &args);
    assert_eq!(garbage.stdout, first.stdout, "{}", garbage.stderr);
    assert!(garbage.stderr.is_empty(), "{}", garbage.stderr);
    for file in cache_files() {
        let text = std::fs::read(&file).unwrap();
        assert!(
            serde_json::from_slice::<Value>(&text).is_ok(),
            "{} was not rewritten",
            file.display()
        );
    }
}

#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let dir = project(&[
        ("dist/app.js", READ_FILE_SYNC_JS),
        ("src/a.js", READ_FILE_SYNC_JS),
    ]);
    let named = ["check", "--format", "json", "dist/app.js", "src/a.js"];
    assert_eq!(snag(dir.path(), &named).findings().len(), 2);
    let forced = snag(dir.path(), &[&named[..], &["--force-exclude"]].concat());
    assert_eq!(
        forced.findings(),
        [finding("read-file-sync", "src/a.js", 2, 27)],
        "{}",
        forced.stderr
    );
}

#[test]
fn a_folder_with_its_own_configuration_is_a_project_of_its_own() {
    let dir = project(&[
        ("snag.toml", "ignore = [\"sync-io-in-handler\"]\n"),
        ("a.js", READ_FILE_SYNC_JS),
        ("server.js", EXPRESS_JS),
        ("packages/api/snag.toml", "ignore = [\"read-file-sync\"]\n"),
        ("packages/api/b.js", READ_FILE_SYNC_JS),
        ("packages/api/server.js", EXPRESS_JS),
        // A pyproject.toml without [tool.snag] configures nothing: its folder stays in the project.
        ("packages/lib/pyproject.toml", "[project]\nname = \"lib\"\n"),
        ("packages/lib/c.js", READ_FILE_SYNC_JS),
    ]);
    let run = snag(dir.path(), &["check", "--format", "json"]);
    let mut found: Vec<(String, String)> = run.findings().into_iter().map(|f| (f.1, f.0)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("a.js".to_string(), "read-file-sync".to_string()),
            ("packages/api/server.js".into(), "sync-io-in-handler".into()),
            ("packages/lib/c.js".into(), "read-file-sync".into()),
        ],
        "{}",
        run.stderr
    );
    // `--config` names one configuration for every file.
    let run = snag(
        dir.path(),
        &["check", "--format", "json", "--config", "snag.toml"],
    );
    assert!(
        run.findings().iter().all(|f| f.0 == "read-file-sync"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_function_registered_as_a_route_in_another_file_is_handler_code() {
    // The controller holds none of the words that make a file handler code by itself.
    let dir = project(&[
        (
            "routes/admin.js",
            "const express = require('express');\nconst admin = require('../controllers/admin');\n\
const router = express.Router();\nrouter.get('/admin', admin.index);\nmodule.exports = router;\n",
        ),
        (
            "controllers/admin.js",
            "const fs = require('fs');\nexports.index = (req, res) => {\n  res.send(fs.readFileSync('admin.html'));\n};\n\
exports.unused = () => fs.readFileSync('x');\n",
        ),
    ]);
    for prefilter in [&[][..], &["--no-prefilter"][..]] {
        let run = snag(
            dir.path(),
            &[&["check", "--format", "json", "--no-cache"][..], prefilter].concat(),
        );
        assert_eq!(
            run.findings(),
            [
                finding("sync-io-in-handler", "controllers/admin.js", 3, 12),
                finding("read-file-sync", "controllers/admin.js", 5, 24),
            ],
            "{}",
            run.stderr
        );
        // The registration is a label in the routes file, with its own path and position.
        let json = run.json();
        let label = json[0]["labels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["path"] == "routes/admin.js" && l["line"] == 4 && l["column"] == 1);
        assert!(label, "{}", run.stdout);
        // The human output shows that file's code frame.
        let human = snag(
            dir.path(),
            &[
                &[
                    "check",
                    "--format",
                    "full",
                    "--color",
                    "never",
                    "--no-cache",
                ][..],
                prefilter,
            ]
            .concat(),
        );
        assert!(
            human.stdout.contains("routes/admin.js:4:1")
                && human.stdout.contains("router.get('/admin', admin.index);"),
            "{}",
            human.stdout
        );
        // SARIF: a related location in that file.
        let sarif = snag(
            dir.path(),
            &[&["check", "--format", "sarif", "--no-cache"][..], prefilter].concat(),
        );
        let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
        let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"];
        assert_eq!(related["artifactLocation"]["uri"], "routes/admin.js");
        assert_eq!(related["region"]["startLine"], 4);
    }
    // A partial run over the controller sees the registration too.
    let alone = snag(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--no-cache",
            "controllers/admin.js",
        ],
    );
    assert_eq!(alone.rules(), ["sync-io-in-handler", "read-file-sync"]);
    // With the cache: the same findings cold and warm, and a router that stops registering the
    // function changes the unchanged controller's findings.
    for file in ["routes/admin.js", "controllers/admin.js"] {
        age(&dir.path().join(file), 3600);
    }
    let args = ["check", "--format", "json"];
    let cold = snag(dir.path(), &args);
    let warm = snag(dir.path(), &args);
    assert_eq!(cold.rules(), ["sync-io-in-handler", "read-file-sync"]);
    assert_eq!(warm.stdout, cold.stdout);
    write(
        dir.path(),
        "routes/admin.js",
        "const express = require('express');\nconst router = express.Router();\nmodule.exports = router;\n",
    );
    age(&dir.path().join("routes/admin.js"), 1800);
    let unregistered = snag(dir.path(), &args);
    assert_eq!(
        unregistered.rules(),
        ["read-file-sync", "read-file-sync"],
        "{}",
        unregistered.stdout
    );
}

#[test]
fn a_function_other_files_call_only_at_start_up_is_start_up_code() {
    // `loadConfig` is called at the entry point's top level; `readTemplate` from a request handler, which
    // makes it handler code.
    let dir = project(&[
        (
            "server.js",
            "const express = require('express');\nconst boot = require('./lib/boot');\n\
const { start } = require('./lib/app');\nconst config = boot.loadConfig('config.json');\nstart(config);\n",
        ),
        (
            "lib/app.js",
            "const express = require('express');\nconst { readTemplate, init } = require('./boot');\n\
function start(config) {\n  init();\n  const app = express();\n  app.get('/', (req, res) => res.send(readTemplate('home')));\n  app.listen(config.port);\n}\n\
module.exports = { start };\n",
        ),
        (
            "lib/boot.js",
            "const fs = require('fs');\nfunction loadConfig(p) {\n  return JSON.parse(fs.readFileSync(p, 'utf8'));\n}\n\
function readTemplate(name) {\n  return fs.readFileSync(`views/${name}.html`, 'utf8');\n}\n\
function init() {\n  fs.mkdirSync('tmp', { recursive: true });\n}\nmodule.exports = { loadConfig, readTemplate, init };\n",
        ),
    ]);
    for prefilter in [&[][..], &["--no-prefilter"][..]] {
        let run = snag(
            dir.path(),
            &[&["check", "--format", "json", "--no-cache"][..], prefilter].concat(),
        );
        assert_eq!(
            run.findings(),
            [finding("sync-io-in-handler", "lib/boot.js", 6, 10)],
            "{}",
            run.stdout
        );
    }
    // A partial run over the module sees its callers in the files it did not name.
    let alone = snag(
        dir.path(),
        &["check", "--format", "json", "--no-cache", "lib/boot.js"],
    );
    assert_eq!(
        alone.findings(),
        [finding("sync-io-in-handler", "lib/boot.js", 6, 10)]
    );
    // With the cache: cold equals warm, and a caller that starts calling `init` per request changes the
    // unchanged module's findings: `init` is handler code now.
    for file in ["server.js", "lib/app.js", "lib/boot.js"] {
        age(&dir.path().join(file), 3600);
    }
    let args = ["check", "--format", "json"];
    let cold = snag(dir.path(), &args);
    let warm = snag(dir.path(), &args);
    assert_eq!(cold.rules(), ["sync-io-in-handler"]);
    assert_eq!(warm.stdout, cold.stdout);
    write(
        dir.path(),
        "lib/app.js",
        "const express = require('express');\nconst { readTemplate, init } = require('./boot');\n\
function start(config) {\n  init();\n  const app = express();\n  app.get('/', (req, res) => res.send(readTemplate('home')));\n  app.post('/reset', (req, res) => { init(); res.end(); });\n  app.listen(config.port);\n}\n\
module.exports = { start };\n",
    );
    age(&dir.path().join("lib/app.js"), 1800);
    let per_request = snag(dir.path(), &["check", "--format", "json", "lib/boot.js"]);
    assert_eq!(
        per_request.findings(),
        [
            finding("sync-io-in-handler", "lib/boot.js", 6, 10),
            finding("sync-io-in-handler", "lib/boot.js", 9, 3),
        ],
        "{}",
        per_request.stdout
    );
}

#[test]
fn a_function_of_another_module_that_queries_on_every_call_is_a_query_per_item() {
    // `digest` loops over ids and calls `profileOf`, which hands every call on to the repository's
    // `findUser`, which runs the query: two files away from the loop.
    let dir = project(&[
        (
            "lib/db.js",
            "const { PrismaClient } = require('@prisma/client');\nmodule.exports = new PrismaClient();\n",
        ),
        (
            "lib/users.js",
            "const prisma = require('./db');\nasync function findUser(id) {\n  return prisma.user.findUnique({ where: { id } });\n}\nmodule.exports = { findUser };\n",
        ),
        (
            "lib/profiles.js",
            "const users = require('./users');\nasync function profileOf(id) {\n  const user = await users.findUser(id);\n  return user.name;\n}\nmodule.exports = { profileOf };\n",
        ),
        (
            "jobs/digest.js",
            "const { profileOf } = require('../lib/profiles');\nasync function digest(ids) {\n  const names = [];\n  for (const id of ids) {\n    names.push(await profileOf(id));\n  }\n  return names;\n}\nmodule.exports = { digest };\n",
        ),
    ]);
    let expected = [finding("query-in-loop", "jobs/digest.js", 5, 22)];
    for prefilter in [&[][..], &["--no-prefilter"][..]] {
        let run = snag(
            dir.path(),
            &[&["check", "--format", "json", "--no-cache"][..], prefilter].concat(),
        );
        assert_eq!(run.findings(), expected, "{}", run.stdout);
        // Labels at the step in the service and at the query in the repository.
        let labels = run.json()[0]["labels"].as_array().unwrap().clone();
        let at = |path: &str, line: u64| {
            labels
                .iter()
                .any(|l| l["path"] == path && l["line"] == line)
        };
        assert!(
            at("lib/profiles.js", 3) && at("lib/users.js", 3),
            "{labels:?}"
        );
    }
    // A partial run over the loop's file asks the modules it did not name.
    let alone = snag(
        dir.path(),
        &["check", "--format", "json", "--no-cache", "jobs/digest.js"],
    );
    assert_eq!(alone.findings(), expected, "{}", alone.stdout);
    // With the cache: cold equals warm; then the repository alone changes (the query now runs only for
    // ids it has not seen), and the unchanged loop's file loses its finding.
    for file in [
        "lib/db.js",
        "lib/users.js",
        "lib/profiles.js",
        "jobs/digest.js",
    ] {
        age(&dir.path().join(file), 3600);
    }
    let args = ["check", "--format", "json"];
    let cold = snag(dir.path(), &args);
    let warm = snag(dir.path(), &args);
    assert_eq!(cold.findings(), expected);
    assert_eq!(warm.stdout, cold.stdout);
    write(
        dir.path(),
        "lib/users.js",
        "const prisma = require('./db');\nconst seen = new Map();\nasync function findUser(id) {\n  if (seen.has(id)) return seen.get(id);\n  const user = await prisma.user.findUnique({ where: { id } });\n  seen.set(id, user);\n  return user;\n}\nmodule.exports = { findUser };\n",
    );
    age(&dir.path().join("lib/users.js"), 1800);
    let cached = snag(dir.path(), &args);
    assert_eq!(
        cached.findings(),
        [finding("unbounded-module-cache", "lib/users.js", 2, 7)],
        "{}",
        cached.stdout
    );
}
