//! What a file is for, read from its path and first line: application code that serves requests, code
//! that runs once per invocation on a developer's or operator's machine (tests, migrations, seeds,
//! command-line programs, build tooling), or code served to browsers. Rules about per-request costs stay
//! quiet on all but the first (see [`super::Context`]).

use super::Semantic;
use crate::language::{Language, LanguageFamily};
use std::path::Path;

/// What a file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Application code (anything not recognised below).
    Application,
    /// A test (see [`super::is_test_path`]).
    Test,
    /// A database migration: in a `migrations/` or `migration/` folder, or `migrate.*`.
    Migration,
    /// Database seeding: in `seeds/` or `seeders/`, or `seed.*`.
    Seed,
    /// A command-line program: an executable script (`#!`), a file in `scripts/`, `script/`, `bin/`,
    /// `cli/` or `command-line/` (not `commands/`: also the command pattern of application services),
    /// a Django management command (`management/`), `manage.py`.
    CommandLine,
    /// Build and task tooling: `gulpfile`, `Gruntfile`, `Jakefile`, `fabfile`, `noxfile`, `setup.py`,
    /// `*.config.*` (`webpack.config.js`, `vite.config.ts`).
    BuildTooling,
    /// JavaScript served to browsers: in a folder a web server serves as it is ([`BROWSER_FOLDERS`]:
    /// `static/`, `public/`, ...), where Django, Flask and Express apps keep vendored libraries and
    /// front-end scripts. A server never runs it.
    Browser,
}

/// Folders whose JavaScript a web server hands to browsers as it is: Django's and Flask's `static/`
/// (and `staticfiles/`, `static.dist/`, `static_old/`: collected or older copies), Express's and the
/// front-end tools' `public/`, ASP.NET's `wwwroot/`, Apache's `htdocs/`.
pub const BROWSER_FOLDERS: &[&str] = &["static", "staticfiles", "public", "wwwroot", "htdocs"];

impl FileKind {
    /// The kind of the file at `path`; `is_script` when its text starts with `#!`.
    pub fn of(path: &Path, is_script: bool) -> FileKind {
        if super::is_test_path(path) {
            return FileKind::Test;
        }
        let in_folder = |names: &[&str]| {
            path.components()
                .any(|c| c.as_os_str().to_str().is_some_and(|c| names.contains(&c)))
        };
        let in_browser_folder = path.parent().is_some_and(|folder| {
            folder.components().any(|c| {
                c.as_os_str().to_str().is_some_and(|name| {
                    // `static.dist`, `static_old`, `static-root`: collected or older static folders.
                    let base = name.split(['.', '_', '-']).next().unwrap_or(name);
                    BROWSER_FOLDERS.contains(&name) || base == "static"
                })
            })
        });
        let is_javascript = Language::from_path(path)
            .is_some_and(|language| language.family() == LanguageFamily::JavaScript);
        if is_javascript && in_browser_folder {
            return FileKind::Browser;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
        if in_folder(&["migrations", "migration"]) || stem == "migrate" {
            FileKind::Migration
        } else if in_folder(&["seeds", "seeders"]) || stem == "seed" {
            FileKind::Seed
        } else if is_script
            || in_folder(&[
                "scripts",
                "script",
                "bin",
                "cli",
                "command-line",
                "management",
            ])
            || stem == "manage"
        {
            FileKind::CommandLine
        } else if matches!(
            stem.as_str(),
            "gulpfile" | "gruntfile" | "jakefile" | "fabfile" | "noxfile" | "setup"
        ) || name.contains(".config.")
        {
            FileKind::BuildTooling
        } else {
            FileKind::Application
        }
    }
}

impl Semantic<'_> {
    /// What the file is for.
    pub fn file_kind(&self) -> FileKind {
        FileKind::of(self.path(), self.is_script())
    }
}
