//! The pre-commit hook end to end, with the real `pre-commit` from PyPI: a temporary git repository
//! whose `.pre-commit-config.yaml` holds the hook of this repository's `.pre-commit-hooks.yaml` (as
//! written there) installs snag from a wheel that maturin builds from `pyproject.toml`, and `git commit`
//! runs the hook on the staged files.
//!
//! `scripts/test` installs pre-commit and maturin into `target/pre-commit/venv` first; without that
//! environment (a plain `cargo test` on a fresh clone, or `SNAG_PRE_COMMIT=skip`, which `scripts/test`
//! sets after a loud banner when PyPI cannot be reached) these tests return at once and say so on
//! stderr. The wheel (a `dev`-profile build: the binary `cargo test` has just built, no release build)
//! and pre-commit's environment are made once per run and shared by the tests.
//!
//! One test takes the user's route instead: `pre-commit try-repo` of this repository, which runs
//! `pip install .` of a clone (a release build: minutes).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The setup every test shares: pre-commit's executable, its home (the installed hook environment) and
/// the consumer configuration.
struct Hook {
    pre_commit: PathBuf,
    home: PathBuf,
    config: String,
}

/// A finding of `sync-io-in-handler` (a synchronous read in an Express handler).
const EXPRESS_JS: &str = "const express = require('express');\nconst fs = require('fs');\n\
const app = express();\napp.get('/x', (req, res) => { res.send(fs.readFileSync('a')); });\n";
const CLEAN_PY: &str = "import asyncio\n\n\nasync def f():\n    await asyncio.sleep(1)\n";
const MODELS_PY: &str = "\
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=50)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
";
/// `orm-lazy-load-in-loop` at 7:14, but only with `shop/models.py`'s relation in the model index.
const VIEWS_PY: &str = "\
from django.http import JsonResponse

from shop.models import Order


def order_names(request):
    names = [order.customer.name for order in Order.objects.all()]
    return JsonResponse({\"names\": names})
";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/pre-commit/venv`, where `scripts/test` installs pre-commit and maturin.
fn venv() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("pre-commit/venv")
}

fn text(output: &Output) -> String {
    format!(
        "status: {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed\n{}",
        text(&output)
    );
    output
}

/// The shared setup, or `None` (said on stderr) when the environment of `scripts/test` is missing.
fn hook() -> Option<&'static Hook> {
    static HOOK: OnceLock<Option<Hook>> = OnceLock::new();
    HOOK.get_or_init(|| {
        let venv = venv();
        let pre_commit = venv.join("bin/pre-commit");
        if std::env::var_os("SNAG_PRE_COMMIT").is_some_and(|v| v == "skip") {
            eprintln!("SKIPPED: SNAG_PRE_COMMIT=skip (scripts/test could not install pre-commit)");
            return None;
        }
        if !pre_commit.is_file() {
            eprintln!(
                "SKIPPED: no {}: run scripts/test, which installs pre-commit and maturin there",
                pre_commit.display()
            );
            return None;
        }
        Some(set_up(&venv, pre_commit))
    })
    .as_ref()
}

fn set_up(venv: &Path, pre_commit: PathBuf) -> Hook {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).unwrap();
    }
    let wheels = scratch.join("wheels");
    // The binary `cargo test` built (same profile, same flags): maturin only packs it.
    run(Command::new(venv.join("bin/maturin"))
        .args(["build", "--profile", "dev", "--quiet", "--out"])
        .arg(&wheels)
        .current_dir(workspace()));
    let wheel = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .expect("maturin built a wheel");
    // The hook as `.pre-commit-hooks.yaml` declares it (entry, files, require_serial, language), as a
    // local hook that installs the wheel instead of building this repository.
    let manifest = std::fs::read_to_string(workspace().join(".pre-commit-hooks.yaml")).unwrap();
    let lines: Vec<&str> = manifest
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .collect();
    // The hook's keys are indented as its second key is.
    let keys = lines
        .iter()
        .find(|line| line.starts_with(' '))
        .map_or(2, |line| line.len() - line.trim_start().len());
    let mut config = String::from("repos:\n  - repo: local\n    hooks:\n");
    for line in &lines {
        config.push_str(&format!("      {line}\n"));
    }
    config.push_str(&format!(
        "      {:keys$}additional_dependencies: ['{}']\n",
        "",
        wheel.display()
    ));
    let hook = Hook {
        pre_commit,
        home: scratch.join("home"),
        config,
    };
    // Install the hook's environment once, before the tests commit in parallel.
    let repo = repository(&hook, "install");
    run(&mut hook.command(&repo, &["install-hooks"]));
    hook
}

impl Hook {
    fn command(&self, repo: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(&self.pre_commit);
        command.args(args);
        isolate(&mut command, repo, &self.home);
        command
    }
}

/// Runs in `repo`, away from the user's git configuration and pre-commit cache.
fn isolate(command: &mut Command, repo: &Path, home: &Path) {
    command
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "snag")
        .env("GIT_AUTHOR_EMAIL", "snag@example.com")
        .env("GIT_COMMITTER_NAME", "snag")
        .env("GIT_COMMITTER_EMAIL", "snag@example.com")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("NO_COLOR");
}

fn git(hook: &Hook, repo: &Path, args: &[&str]) -> Output {
    let mut command = Command::new("git");
    command.args(args);
    isolate(&mut command, repo, &hook.home);
    command.output().expect("git runs")
}

/// A new git repository under the run's scratch folder, with the hook configured, committed and
/// installed as the repository's pre-commit hook.
fn repository(hook: &Hook, name: &str) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pre-commit/repos")
        .join(name);
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::write(repo.join(".pre-commit-config.yaml"), &hook.config).unwrap();
    for args in [
        &["init", "--quiet", "--initial-branch=main"][..],
        &["add", ".pre-commit-config.yaml"],
        &["commit", "--quiet", "-m", "pre-commit"],
    ] {
        let output = git(hook, &repo, args);
        assert!(output.status.success(), "git {args:?}\n{}", text(&output));
    }
    run(&mut hook.command(&repo, &["install"]));
    repo
}

fn write(repo: &Path, path: &str, content: &str) {
    let path = repo.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// Stages `files` and commits them through the installed hook.
fn commit(hook: &Hook, repo: &Path, files: &[(&str, &str)]) -> Output {
    for (path, content) in files {
        write(repo, path, content);
        let output = git(hook, repo, &["add", path]);
        assert!(output.status.success(), "{}", text(&output));
    }
    git(hook, repo, &["commit", "-m", "change"])
}

#[test]
fn a_staged_file_with_a_finding_fails_the_commit() {
    let Some(hook) = hook() else { return };
    let repo = repository(hook, "finding");
    let output = commit(hook, &repo, &[("server.js", EXPRESS_JS)]);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("sync-io-in-handler") && shown.contains("server.js:4"),
        "{shown}"
    );
    let log = git(hook, &repo, &["log", "--format=%s"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "pre-commit\n");
}

#[test]
fn a_clean_staged_file_passes_and_other_files_are_not_passed_to_snag() {
    let Some(hook) = hook() else { return };
    let repo = repository(hook, "clean");
    let output = commit(hook, &repo, &[("app.py", CLEAN_PY)]);
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(
        shown.contains("snag") && shown.contains("Passed"),
        "{shown}"
    );
    // `types_or`: a text file is not snag's (pre-commit skips the hook instead of running it).
    let output = commit(hook, &repo, &[("notes.txt", EXPRESS_JS)]);
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("(no files to check)Skipped"), "{shown}");
}

#[test]
fn a_staged_view_is_linted_with_the_models_of_unchanged_files() {
    let Some(hook) = hook() else { return };
    let repo = repository(hook, "partial");
    // The models are committed before (without the hook) and stay unchanged and unstaged.
    write(&repo, "shop/__init__.py", "");
    write(&repo, "shop/models.py", MODELS_PY);
    for args in [
        &["add", "shop"][..],
        &["commit", "--quiet", "--no-verify", "-m", "models"],
    ] {
        let output = git(hook, &repo, args);
        assert!(output.status.success(), "{}", text(&output));
    }
    let output = commit(hook, &repo, &[("shop/views.py", VIEWS_PY)]);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("orm-lazy-load-in-loop") && shown.contains("shop/views.py:7"),
        "{shown}"
    );
}

/// What a user's pre-commit does: `pre-commit try-repo` clones this repository and `pip install`s it (a
/// release build with maturin, about 2.5 minutes on 2 cores: the slowest test of the suite, kept in it
/// because it is the route every user of the hook takes), then runs the hook.
#[test]
fn a_clone_of_the_repository_installs_with_pip_and_runs_the_hook() {
    let Some(hook) = hook() else { return };
    let repo = repository(hook, "try-repo");
    write(&repo, "server.js", EXPRESS_JS);
    let output = git(hook, &repo, &["add", "server.js"]);
    assert!(output.status.success(), "{}", text(&output));
    // Its own home: the environment is built from the clone, not from the wheel of the other tests.
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit/try-repo-home");
    let mut command = Command::new(&hook.pre_commit);
    command
        .args(["try-repo"])
        .arg(workspace())
        .args(["snag", "--files", "server.js"]);
    isolate(&mut command, &repo, &home);
    let output = command.output().expect("pre-commit runs");
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("sync-io-in-handler") && shown.contains("server.js:4"),
        "{shown}"
    );
}
