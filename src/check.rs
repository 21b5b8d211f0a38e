//! `snag check`: configuration, the run over the paths (or standard input), and the report.

use crate::baseline::{self, Baseline};
use crate::cache::{self, Cache};
use crate::changed;
use crate::cli::{CheckArgs, ReportFormat};
use crate::fingerprint::{self, slash_path};
use crate::output::{self, count, display_path};
use crate::report::full::{self, Summary};
use crate::report::style::Style;
use crate::report::{self, EnabledRule, Report};
use crate::Status;
use snag_core::config::DEFAULT_EXCLUDE;
use snag_core::config::{Config, ConfigError, OutputFormat, RuleSetting};
use snag_core::discover::{self, Excluded, PathMatcher, WalkError};
use snag_core::engine::{Engine, EngineOptions, FileReport, ModelCache, RunReport};
use snag_core::project::{self, Project, ProjectOptions};
use snag_core::registry::RuleRegistry;
use snag_core::source::LineColumn;
use snag_core::{Finding, Language};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// One finding as it is presented: the path it is shown under and its file's text (for code frames).
pub(crate) struct Entry<'a> {
    /// The path, relative to the current folder when below it.
    pub(crate) path: &'a str,
    /// The finding.
    pub(crate) finding: &'a Finding,
    /// The text of its file.
    pub(crate) source: Option<&'a Arc<str>>,
    /// Its fingerprint (see `fingerprint.rs`), set once the entries are sorted.
    pub(crate) fingerprint: String,
}

/// The most threads a run starts (`--threads` above it is capped): each thread of the walk and of the
/// pools holds a parser and a stack, and tens of thousands of them exhaust the machine before any work
/// is done.
const MAX_THREADS: usize = 256;

/// Runs `snag check`.
pub(crate) fn check(args: &CheckArgs) -> Status {
    let started = Instant::now();
    let rules = snag_rules::all();
    let known: Vec<&str> = rules.iter().map(|r| r.meta().id.as_str()).collect();
    for (option, ids) in [
        ("--select", args.select.as_deref().unwrap_or_default()),
        ("--ignore", &args.ignore[..]),
    ] {
        if let Some(unknown) = ids.iter().find(|id| !known.contains(&id.as_str())) {
            output::error(&format!(
                "{option}: unknown rule `{unknown}`; known rules: {}",
                known.join(", ")
            ));
            return Status::Failure;
        }
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        output::error("--unsafe-fixes applies to --fix or --diff");
        return Status::Failure;
    }
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            output::error(&format!("cannot read the current folder: {e}"));
            return Status::Failure;
        }
    };
    let threads = match args.threads {
        Some(n) if n > MAX_THREADS => {
            output::warning(&format!(
                "--threads {n} is more than snag runs at once; using {MAX_THREADS}"
            ));
            MAX_THREADS
        }
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    };
    let named: Vec<PathBuf> = match &args.stdin_filename {
        Some(name) => vec![name.clone()],
        None if args.paths.is_empty() => vec![PathBuf::from(".")],
        None => args.paths.clone(),
    };
    let named = match &args.changed_since {
        Some(rev) => match changed::changed_files(rev, &cwd) {
            Ok(files) => {
                let below: Vec<PathBuf> =
                    named.iter().map(|p| project::normalize(p, &cwd)).collect();
                files
                    .into_iter()
                    .filter(|f| below.iter().any(|p| f.starts_with(p)))
                    .collect()
            }
            Err(e) => {
                output::error(&e.to_string());
                return Status::Failure;
            }
        },
        None => named,
    };
    let mut projects = match projects_of(&named, args, &cwd, &known) {
        Ok(projects) => projects,
        Err(e) => {
            output::error(&e.to_string());
            return Status::Failure;
        }
    };
    if args.changed_since.is_some() {
        for group in &mut projects {
            let exclusions = PathMatcher::new(&group.config.exclusions(), &group.config.root);
            let all = std::mem::take(&mut group.paths);
            group.paths = changed::within(all, std::slice::from_ref(&group.root), &exclusions);
        }
        projects.retain(|group| !group.paths.is_empty());
        if projects.is_empty() {
            output::note("no JavaScript, TypeScript or Python file changed since the revision");
        }
    }
    // Read before the run: a missing or broken baseline should not cost a whole run first.
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(e) => {
            output::error(&e.to_string());
            return Status::Failure;
        }
    };
    let mut report = RunReport::default();
    let mut statistics = Vec::new();
    let mut fixes = Fixes::default();
    let mut enabled: Vec<EnabledRule<'_>> = Vec::new();
    let mut output_format = None;
    let mut linted: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    let mut queue: std::collections::VecDeque<Group> = projects.into();
    while let Some(Group {
        config,
        root,
        paths,
    }) = queue.pop_front()
    {
        linted.push((
            root.clone(),
            paths.iter().map(|p| project::normalize(p, &cwd)).collect(),
        ));
        output_format = output_format.or(config.output_format);
        let mut project = open_project(&rules, config, root, &cwd, args, threads);
        for rule in enabled_rules(project.engine(), &rules, project.config()) {
            if !enabled.iter().any(|r| r.meta.id == rule.meta.id) {
                enabled.push(rule);
            }
        }
        let part = match &args.stdin_filename {
            Some(name) if args.fix || args.diff => {
                return fix_stdin(&mut project, name, args, &cwd, threads)
            }
            Some(name) => match lint_stdin(&mut project, name, args, &cwd, threads) {
                Ok(part) => part,
                Err(e) => {
                    output::error(&format!("cannot read standard input: {e}"));
                    return Status::Failure;
                }
            },
            None => check_project(&mut project, &paths, args, &cwd, threads, &mut fixes),
        };
        if args.statistics {
            statistics.push(project.engine().statistics(&part));
        }
        match nested_projects(&part, &linted, &queue, args, &known) {
            Ok(nested) => queue.extend(nested),
            Err(e) => {
                output::error(&e.to_string());
                return Status::Failure;
            }
        }
        merge_reports(&mut report, part);
        if queue.is_empty() {
            // The process ends soon: freeing a project's facts piece by piece is a cost of every
            // warm run, and the system takes the memory back at once.
            std::mem::forget(project);
        }
    }
    if args.diff {
        return present_diff(&report, &mut fixes.files, &cwd);
    }
    let setup = Setup {
        rules: enabled,
        output_format,
        baseline,
    };
    let status = present(&report, args, &setup, &cwd, started);
    for statistics in &statistics {
        print_statistics(statistics, started.elapsed());
    }
    // As for the project: the process ends.
    std::mem::forget(report);
    // A fix that could not be written is an error (reported where it happened).
    if fixes.failed {
        Status::Failure
    } else {
        status
    }
}

/// The projects of a run, each with the paths it lints: a path belongs to the project of the
/// configuration nearest above it (`--config` names one for all), as Ruff resolves it, so that
/// `snag check proj` from the parent folder uses `proj/snag.toml`. Most runs have one.
fn projects_of(
    named: &[PathBuf],
    args: &CheckArgs,
    cwd: &Path,
    known: &[&str],
) -> Result<Vec<Group>, ConfigError> {
    let mut projects: Vec<Group> = Vec::new();
    // A hook names every staged file: each folder's configuration is looked for (and read) once.
    let mut configurations: HashMap<PathBuf, Config> = HashMap::new();
    for path in named {
        let absolute = project::normalize(path, cwd);
        let start = match &args.config {
            Some(file) => file.clone(),
            None if absolute.is_dir() => absolute.clone(),
            None => absolute.parent().unwrap_or(cwd).to_path_buf(),
        };
        let mut config = match configurations.get(&start) {
            Some(config) => config.clone(),
            None => {
                let config = match &args.config {
                    Some(file) => Config::load(file, known)?,
                    None => Config::discover(&start, known)?,
                };
                configurations.insert(start, config.clone());
                config
            }
        };
        let root = project::find_root(config.file.as_deref(), &absolute, cwd);
        if config.file.is_none() {
            // Without a file, exclusion globs are relative to the project.
            config.root = root.clone();
        }
        let config = with_overrides(config, args);
        match projects
            .iter_mut()
            .find(|g| g.root == root && g.config.file == config.file)
        {
            Some(group) => group.paths.push(path.clone()),
            None => projects.push(Group {
                config,
                root,
                paths: vec![path.clone()],
            }),
        }
    }
    Ok(projects)
}

/// The paths of a run that belong to one project.
struct Group {
    /// The configuration that applies to them.
    config: Config,
    /// The project's root.
    root: PathBuf,
    /// The paths, as named.
    paths: Vec<PathBuf>,
}

/// The projects a run met inside its projects (folders with a configuration file of their own, which
/// the walk left to them), not linted yet: each is linted with its own configuration (Ruff's
/// hierarchical configuration: the nearest configuration above a file applies to it).
fn nested_projects(
    report: &RunReport,
    linted: &[(PathBuf, Vec<PathBuf>)],
    queued: &std::collections::VecDeque<Group>,
    args: &CheckArgs,
    known: &[&str],
) -> Result<Vec<Group>, ConfigError> {
    let mut nested: Vec<Group> = Vec::new();
    for folder in report.excluded.iter().filter(|e| e.nested_project) {
        let folder = &folder.path;
        let covered = |root: &PathBuf, paths: &[PathBuf]| {
            root == folder && paths.iter().any(|p| folder.starts_with(p))
        };
        if linted.iter().any(|(root, paths)| covered(root, paths))
            || queued
                .iter()
                .chain(&nested)
                .any(|g| covered(&g.root, &g.paths))
        {
            continue;
        }
        nested.push(Group {
            config: with_overrides(Config::discover(folder, known)?, args),
            root: folder.clone(),
            paths: vec![folder.clone()],
        });
    }
    Ok(nested)
}

/// The project of a group of paths.
fn open_project(
    rules: &RuleRegistry,
    config: Config,
    root: PathBuf,
    cwd: &Path,
    args: &CheckArgs,
    threads: usize,
) -> Project {
    let options = ProjectOptions {
        no_ignore: args.no_ignore,
        force_exclude: args.force_exclude,
        // `--config` names one configuration for every file.
        nested_projects: args.config.is_none(),
        threads,
        engine: EngineOptions {
            max_file_size: config.max_file_size,
            prefilter: !args.no_prefilter,
            timings: args.statistics,
            root: None,
        },
    };
    Project::new(rules, config, root, cwd.to_path_buf(), options)
}

/// Where a project's caches live: `--cache-dir`, else `.snag_cache/` in its root; none with `--no-cache`.
fn cache_folder(project: &Project, args: &CheckArgs) -> Option<PathBuf> {
    (!args.no_cache).then(|| {
        args.cache_dir
            .clone()
            .unwrap_or_else(|| project.root().join(".snag_cache"))
    })
}

/// The store of model-index contributions of a project's earlier runs.
fn model_store(project: &Project, args: &CheckArgs, cwd: &Path) -> Option<cache::ModelStore> {
    let engine = project.engine();
    let key = cache::run_key(&(
        engine.options().prefilter,
        project.config().max_file_size,
        project.root(),
        engine.reads_models(),
        engine.reads_project(),
        engine.modules().fingerprint(),
    ));
    cache_folder(project, args).map(|folder| cache::ModelStore::load(&folder, key, cwd))
}

/// The results cache of a project, keyed on everything that changes findings (the model index among
/// them, so it is opened after the index pass).
fn results_cache(
    engine: &Engine,
    config: &Config,
    folder: Option<PathBuf>,
    root: &Path,
    cwd: &Path,
) -> Option<Cache> {
    let settings = format!(
        "{:?}",
        (
            &config.select,
            &config.ignore,
            &config.rules,
            &config.per_file_ignores,
            &config.contexts,
            &config.functions,
            config.preview,
            config.max_file_size,
            engine.options().prefilter,
            engine.models().fingerprint(),
            root,
        )
    );
    folder.map(|folder| Cache::load(&folder, cache::run_key(&settings), cwd))
}

/// Lints `paths` in `project` (whose whole root feeds the model index), with the caches and fixes.
fn check_project(
    project: &mut Project,
    paths: &[PathBuf],
    args: &CheckArgs,
    cwd: &Path,
    threads: usize,
    fixes: &mut Fixes,
) -> RunReport {
    let store = model_store(project, args, cwd);
    let store_ref = store.as_ref().map(|s| s as &dyn ModelCache);
    let (config, root, folder) = (
        project.config().clone(),
        project.root().to_path_buf(),
        cache_folder(project, args),
    );
    let (report, cache) = in_pool(threads, || {
        project.check(paths, store_ref, |engine| {
            results_cache(engine, &config, folder, &root, cwd)
        })
    });
    if let Some(store) = store {
        store.save(&report.indexed);
    }
    let mut report = report;
    if let Some(mode) = FixMode::of(args) {
        let engine = project.engine();
        let fixed = in_pool(threads, || {
            fix_files(engine, &mut report, args.unsafe_fixes, mode)
        });
        fixes.files.extend(fixed.files);
        fixes.failed |= fixed.failed;
    }
    if let Some(cache) = cache {
        cache.save(&report);
    }
    report
}

/// Adds one project's report to the run's.
fn merge_reports(report: &mut RunReport, part: RunReport) {
    report.files.extend(part.files);
    report.walk_errors.extend(part.walk_errors);
    report.excluded.extend(part.excluded);
    report.walk_time += part.walk_time;
    report.models += part.models;
    report.index_time += part.index_time;
    report.index_reused += part.index_reused;
    report.graph_time.add(part.graph_time);
}

/// `--statistics`: where the time went, on standard error (standard output stays machine-readable).
fn print_statistics(statistics: &snag_core::engine::Statistics, wall: std::time::Duration) {
    let seconds = |d: std::time::Duration| format!("{:>8.3}s", d.as_secs_f64());
    let mut lines = vec![
        format!(
            "snag statistics (CPU time summed over threads; wall {:.3}s)",
            wall.as_secs_f64()
        ),
        format!("  files found            {:>8}", statistics.files),
        format!("  files parsed           {:>8}", statistics.parsed),
        format!(
            "  skipped by prefilter   {:>8}",
            statistics.skipped_by_prefilter
        ),
        format!("  skipped as minified    {:>8}", statistics.minified),
        format!("  reused from the cache  {:>8}", statistics.cached),
        format!("  models in the index    {:>8}", statistics.models),
        format!("  indexed from the cache {:>8}", statistics.index_reused),
        format!("  walk (wall)           {}", seconds(statistics.walk)),
    ];
    for (phase, spent) in &statistics.phases {
        lines.push(format!("  {phase:<22}{}", seconds(*spent)));
    }
    lines.push("  per rule:".to_string());
    for (rule, spent) in &statistics.rules {
        lines.push(format!("    {rule:<22}{}", seconds(*spent)));
    }
    output::note_block(&lines.join("\n"));
}

/// What happens to the fixes of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FixMode {
    /// `--fix`: written to the files.
    Write,
    /// `--diff`: shown as a unified diff, nothing written.
    Diff,
}

impl FixMode {
    fn of(args: &CheckArgs) -> Option<FixMode> {
        if args.fix {
            Some(FixMode::Write)
        } else if args.diff {
            Some(FixMode::Diff)
        } else {
            None
        }
    }
}

/// The fixes of a run, and whether any could not be written.
#[derive(Default)]
struct Fixes {
    files: Vec<FileFix>,
    failed: bool,
}

/// One file's fixes: how many, and the file before and after.
struct FileFix {
    path: PathBuf,
    applied: usize,
    before: Arc<str>,
    after: String,
}

/// Applies the fixes of every file that has some. `--fix` writes each fixed file atomically, and only
/// when the file on disk is still the text that was linted (an editor or another tool may have written
/// it since) and the user may write it (not read-only, not another user's); the report then holds the
/// findings that remain. A fix not written is an error on stderr, and fails the run. `--diff` leaves
/// files and report alone and returns the fixes.
fn fix_files(engine: &Engine, report: &mut RunReport, unsafe_fixes: bool, mode: FixMode) -> Fixes {
    use rayon::prelude::*;
    let outcomes: Vec<Result<Option<FileFix>, String>> = report
        .files
        .par_iter_mut()
        .filter(|file| file.findings.iter().any(|f| is_fixable(f, unsafe_fixes)))
        .map(|file| {
            let Some(source) = file.source.clone() else {
                return Ok(None);
            };
            let fixed = engine.fix_source_with(&file.path, &source, unsafe_fixes);
            if fixed.applied == 0 {
                return Ok(None);
            }
            let fix = FileFix {
                path: file.path.clone(),
                applied: fixed.applied,
                before: source.clone(),
                after: fixed.text,
            };
            if mode == FixMode::Diff {
                return Ok(Some(fix));
            }
            let on_disk = std::fs::read(&file.path).ok();
            if on_disk.as_deref() != Some(source.as_bytes()) {
                return Err(format!(
                    "{}: changed on disk since it was linted; its fixes were not written (run again)",
                    file.path.display()
                ));
            }
            match output::write_atomically(&file.path, fix.after.as_bytes()) {
                Ok(()) => {
                    *file = fixed.report;
                    Ok(Some(fix))
                }
                Err(e) => Err(format!(
                    "{}: cannot write the fixes: {e}",
                    file.path.display()
                )),
            }
        })
        .collect();
    let mut fixes = Vec::new();
    let mut failed = false;
    for outcome in outcomes {
        match outcome {
            Ok(fix) => fixes.extend(fix),
            Err(message) => {
                output::error(&message);
                failed = true;
            }
        }
    }
    let applied: usize = fixes.iter().map(|f| f.applied).sum();
    if applied > 0 {
        let verb = match mode {
            FixMode::Write => "fixed",
            FixMode::Diff => "would fix",
        };
        output::note(&format!(
            "{verb} {} in {}",
            plural(applied, "finding"),
            plural(fixes.len(), "file")
        ));
    }
    Fixes {
        files: fixes,
        failed,
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The fixes as one unified diff (`--- a/path`, `+++ b/path`, three lines of context), files in path
/// order.
fn unified_diff(fixes: &mut [FileFix], cwd: &Path) -> String {
    fixes.sort_by(|a, b| a.path.cmp(&b.path));
    let mut text = String::new();
    for fix in fixes.iter() {
        let shown = display_path(&fix.path, cwd);
        let diff = similar::TextDiff::from_lines(&*fix.before, &fix.after);
        let formatted = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{shown}"), &format!("b/{shown}"))
            .to_string();
        text.push_str(&formatted);
    }
    text
}

fn is_fixable(finding: &Finding, unsafe_fixes: bool) -> bool {
    finding.diagnostic.fix.as_ref().is_some_and(|f| {
        f.applicability == snag_core::Applicability::Safe
            || (unsafe_fixes && f.applicability == snag_core::Applicability::Suggestion)
    })
}

/// `--fix --stdin-filename NAME`: the fixed text goes to standard output; the exit status says whether
/// findings remain.
fn fix_stdin(
    project: &mut Project,
    name: &Path,
    args: &CheckArgs,
    cwd: &Path,
    threads: usize,
) -> Status {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        output::error(&format!("cannot read standard input: {e}"));
        return Status::Failure;
    }
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        output::stdout(&bytes);
        output::warning(&format!("{}: not valid UTF-8, not fixed", name.display()));
        return Status::Clean;
    };
    index_project(project, args, cwd, threads);
    project.upsert(name, &text);
    let fixed = project
        .engine()
        .fix_source_with(name, &text, args.unsafe_fixes);
    if args.diff {
        let mut fix = [FileFix {
            path: name.to_path_buf(),
            applied: fixed.applied,
            before: Arc::from(text.as_str()),
            after: fixed.text,
        }];
        let shown = if fixed.applied > 0 {
            unified_diff(&mut fix, cwd)
        } else {
            String::new()
        };
        return match output::stdout(shown.as_bytes()) {
            false => Status::Failure,
            true if fixed.applied > 0 => Status::Findings,
            true => Status::Clean,
        };
    }
    if !output::stdout(fixed.text.as_bytes()) {
        return Status::Failure;
    }
    if fixed.report.findings.is_empty() || args.exit_zero {
        Status::Clean
    } else {
        Status::Findings
    }
}

/// The index pass of a project that lints no file of its own (standard input), with its cache.
fn index_project(project: &mut Project, args: &CheckArgs, cwd: &Path, threads: usize) {
    let store = model_store(project, args, cwd);
    let store_ref = store.as_ref().map(|s| s as &dyn ModelCache);
    let workset = in_pool(threads, || project.index(store_ref));
    if let Some(store) = store {
        store.save(&workset.indexed);
    }
}

/// `--select` replaces the configured selection; `--ignore` adds to the configured list.
fn with_overrides(mut config: Config, args: &CheckArgs) -> Config {
    if let Some(select) = &args.select {
        config.select = Some(select.clone());
    }
    config.ignore.extend(args.ignore.iter().cloned());
    config.preview |= args.preview;
    config
}

/// Runs `work` on a rayon pool of `threads` threads: the global pool when it can still be sized, a pool of
/// its own otherwise (when `run` is called twice in one process).
fn in_pool<R: Send>(threads: usize, work: impl FnOnce() -> R + Send) -> R {
    let global = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("snag-{i}"))
        .build_global();
    if global.is_ok() {
        return work();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Lints standard input as the file `name` of its project (whose other files feed the model index); the
/// same checks as for a file on disk.
fn lint_stdin(
    project: &mut Project,
    name: &Path,
    args: &CheckArgs,
    cwd: &Path,
    threads: usize,
) -> std::io::Result<RunReport> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    let mut report = RunReport::default();
    if Language::from_path(name).is_none() {
        report
            .walk_errors
            .push(WalkError::Unsupported(name.to_path_buf()));
        return Ok(report);
    }
    index_project(project, args, cwd, threads);
    report.files.push(project.check_source(name, bytes));
    report.models = project.models().len();
    Ok(report)
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// `snag: error: ...`: the run fails (exit 2).
    Error,
    /// `snag: warning: ...`: a file was skipped; the run goes on.
    Warning,
}

/// What went wrong besides findings: a line for standard error (and a SARIF notification).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Whether it fails the run.
    pub(crate) level: Level,
    /// The file or path it is about, as shown.
    pub(crate) path: Option<String>,
    /// What happened.
    pub(crate) message: String,
}

impl Problem {
    fn new(level: Level, path: Option<String>, message: impl Into<String>) -> Problem {
        Problem {
            level,
            path,
            message: message.into(),
        }
    }

    fn print(&self) {
        match self.level {
            Level::Error => output::error(&self.to_string()),
            Level::Warning => output::warning(&self.to_string()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{path}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What went wrong besides findings.
struct Problems {
    lines: Vec<Problem>,
    /// Whether any problem is an error (exit 2).
    failed: bool,
    /// How many files were linted (not skipped).
    checked: usize,
}

/// Skipped files are warnings; a rule panic (snag's bug) and a missing path are errors.
fn problems(files: &[(String, &FileReport)], walk_errors: &[WalkError], cwd: &Path) -> Problems {
    let mut lines = Vec::new();
    let mut checked = 0;
    for (path, file) in files {
        let mut skipped = false;
        for error in &file.errors {
            let level = if error.is_internal() {
                Level::Error
            } else {
                skipped = true;
                Level::Warning
            };
            lines.push(Problem::new(level, Some(path.clone()), error.to_string()));
        }
        if !skipped {
            checked += 1;
        }
    }
    for error in walk_errors {
        lines.push(match error {
            WalkError::Missing(path) => Problem::new(
                Level::Error,
                Some(display_path(path, cwd)),
                "no such file or directory",
            ),
            WalkError::Unsupported(path) => Problem::new(
                Level::Warning,
                Some(display_path(path, cwd)),
                "not a JavaScript, TypeScript or Python file, skipped",
            ),
            WalkError::Unusable { path, reason } => {
                Problem::new(Level::Error, Some(display_path(path, cwd)), *reason)
            }
            WalkError::Walk(message) => Problem::new(Level::Warning, None, message.clone()),
        });
    }
    let failed = lines.iter().any(|l| l.level == Level::Error);
    Problems {
        lines,
        failed,
        checked,
    }
}

/// When nothing was checked, what the `exclude` globs left out that holds code, and how to lint it:
/// `note: no file was checked; `exclude` left out code in dist (a default) ...`.
fn excluded_note(excluded: &[Excluded], cwd: &Path) -> Option<String> {
    // A bound on the folders looked into: the note names a few, it does not survey a tree.
    let with_code: Vec<&Excluded> = excluded
        .iter()
        .filter(|e| !e.nested_project)
        .take(64)
        .filter(|e| discover::holds_code(&e.path))
        .collect();
    let first = with_code.first()?;
    let mut by_glob: Vec<(&str, Vec<String>)> = Vec::new();
    for entry in &with_code {
        let path = display_path(&entry.path, cwd);
        match by_glob.iter_mut().find(|(glob, _)| *glob == entry.glob) {
            Some((_, paths)) => paths.push(path),
            None => by_glob.push((&entry.glob, vec![path])),
        }
    }
    let listed: Vec<String> = by_glob
        .iter()
        .map(|(glob, paths)| {
            let origin = if DEFAULT_EXCLUDE.contains(glob) {
                " (a default)"
            } else {
                ""
            };
            let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
            let more = paths.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("`{glob}`{origin}: {}{more}", shown.join(", "))
        })
        .collect();
    Some(format!(
        "no file was checked: `exclude` left out the code found here ({}). Name a folder to lint it anyway \
         (`snag check {}`), or change `exclude` in the configuration.",
        listed.join("; "),
        display_path(&first.path, cwd)
    ))
}

/// Findings are ordered by path, line, column, then rule.
fn sort_key<'a>(entry: &Entry<'a>) -> (&'a str, LineColumn, &'a str, LineColumn) {
    let finding = entry.finding;
    (
        entry.path,
        finding.range.start,
        &finding.diagnostic.rule,
        finding.range.end,
    )
}

/// `--diff`: skipped files on standard error, the fixes as one unified diff on standard output; exit 1
/// when there is any.
fn present_diff(report: &RunReport, fixes: &mut [FileFix], cwd: &Path) -> Status {
    let files: Vec<(String, &FileReport)> = report
        .files
        .iter()
        .map(|f| (display_path(&f.path, cwd), f))
        .collect();
    let problems = problems(&files, &report.walk_errors, cwd);
    for problem in &problems.lines {
        problem.print();
    }
    let written = output::stdout(unified_diff(fixes, cwd).as_bytes());
    if problems.failed || !written {
        Status::Failure
    } else if fixes.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    }
}

/// What `present` needs from the run besides its report.
struct Setup<'a> {
    /// The rules that ran, with their severities.
    rules: Vec<EnabledRule<'a>>,
    /// `output-format` from the configuration.
    output_format: Option<OutputFormat>,
    /// `--baseline`, read.
    baseline: Option<Baseline>,
}

/// The enabled rules, in registry order, with the severities the configuration gave them.
fn enabled_rules<'a>(
    engine: &Engine,
    rules: &'a RuleRegistry,
    config: &Config,
) -> Vec<EnabledRule<'a>> {
    let enabled: HashSet<&str> = engine.enabled_rules().iter().map(|id| &**id).collect();
    rules
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| enabled.contains(meta.id.as_str()))
        .map(|meta| EnabledRule {
            meta,
            severity: match config.rule_setting(&meta.id, meta.default_severity) {
                RuleSetting::On(severity) => severity,
                RuleSetting::Off => meta.default_severity,
            },
        })
        .collect()
}

/// `--format`, else `output-format`, else `full` for a person at a terminal and `concise` for
/// anything else (a pipe, a file, CI logs).
fn report_format(args: &CheckArgs, configured: Option<OutputFormat>) -> ReportFormat {
    args.format
        .or(configured.map(ReportFormat::from))
        .unwrap_or_else(|| {
            if args.output_file.is_none() && std::io::stdout().is_terminal() {
                ReportFormat::Full
            } else {
                ReportFormat::Concise
            }
        })
}

/// The findings of every file, sorted by path, position and rule, with their fingerprints.
fn sorted_entries<'a>(files: &'a [(String, &'a FileReport)]) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry<'a>> = files
        .iter()
        .flat_map(|(path, file)| {
            file.findings.iter().map(move |finding| Entry {
                path,
                finding,
                source: file.source.as_ref(),
                fingerprint: String::new(),
            })
        })
        .collect();
    entries.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    fingerprint::assign(&mut entries);
    entries
}

/// Reports skipped files on standard error, prints the findings and decides the exit status.
fn present(
    report: &RunReport,
    args: &CheckArgs,
    setup: &Setup<'_>,
    cwd: &Path,
    started: Instant,
) -> Status {
    // The same file named twice (`. ./a.js`) is shown once.
    let mut files: Vec<(String, &FileReport)> = report
        .files
        .iter()
        .map(|f| (display_path(&f.path, cwd), f))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);

    let problems = problems(&files, &report.walk_errors, cwd);
    for problem in &problems.lines {
        problem.print();
    }
    if problems.checked == 0 && !args.quiet {
        if let Some(note) = excluded_note(&report.excluded, cwd) {
            output::note(&note);
        }
    }
    let mut entries = sorted_entries(&files);
    if let Some(file) = &args.write_baseline {
        return write_baseline(file, &entries, &problems, args.quiet);
    }
    let hidden = match (&setup.baseline, &args.baseline) {
        (Some(baseline), Some(file)) => {
            let linted: HashSet<String> = files.iter().map(|(path, _)| slash_path(path)).collect();
            let applied = baseline.apply(&mut entries, &linted);
            if !applied.stale.is_empty() {
                output::warning(&baseline::stale_warning(&applied.stale, file));
            }
            applied.hidden
        }
        _ => 0,
    };
    let format = report_format(args, setup.output_format);
    let to_terminal = args.output_file.is_none() && std::io::stdout().is_terminal();
    let report = Report {
        entries: &entries,
        rules: &setup.rules,
        problems: &problems.lines,
        failed: problems.failed,
        cwd,
    };
    let summary = full::summary(
        &entries,
        &Summary {
            checked: problems.checked,
            elapsed: started.elapsed(),
            hidden,
        },
    );
    let written = match report::render(format, &report, &Style::new(args.color, to_terminal)) {
        Ok(mut bytes) => {
            if format == ReportFormat::Full && !args.quiet {
                bytes.extend_from_slice(summary.as_bytes());
            }
            emit(&bytes, args.output_file.as_deref())
        }
        Err(e) => {
            output::error(&format!("cannot serialize the findings: {e}"));
            false
        }
    };
    // Machine formats keep standard output to themselves: the summary goes to standard error.
    if !args.quiet {
        if format == ReportFormat::Concise {
            output::note_block(summary.trim_end());
        } else if format != ReportFormat::Full && hidden > 0 {
            output::note(&format!(
                "{} hidden by the baseline",
                count(hidden, "finding", "findings")
            ));
        }
    }
    if problems.failed || !written {
        Status::Failure
    } else if !entries.is_empty() && !args.exit_zero {
        Status::Findings
    } else {
        Status::Clean
    }
}

/// `--write-baseline`: records the findings and exits 0 (2 when the file cannot be written or a
/// problem failed the run: a baseline of a partial run would hide nothing the next time).
fn write_baseline(file: &Path, entries: &[Entry<'_>], problems: &Problems, quiet: bool) -> Status {
    match Baseline::write(file, entries) {
        Ok(written) if !quiet => output::note(&format!(
            "wrote a baseline of {} to {}",
            count(written, "finding", "findings"),
            file.display()
        )),
        Ok(_) => {}
        Err(e) => {
            output::error(&e.to_string());
            return Status::Failure;
        }
    }
    if problems.failed {
        Status::Failure
    } else {
        Status::Clean
    }
}

/// Writes the report to standard output, or atomically to `--output-file`.
fn emit(bytes: &[u8], file: Option<&Path>) -> bool {
    let Some(file) = file else {
        return output::stdout(bytes);
    };
    match output::write_atomically(file, bytes) {
        Ok(()) => true,
        Err(e) => {
            output::error(&format!("{}: cannot write the report: {e}", file.display()));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use snag_core::engine::FileError;

    fn file(path: &str, errors: Vec<FileError>) -> FileReport {
        FileReport {
            path: PathBuf::from(path),
            findings: Vec::new(),
            errors,
            source: None,
            parsed: false,
            timings: None,
            stamp: None,
            cached: false,
            minified: false,
            summary: None,
            facts: 0,
        }
    }

    #[test]
    fn fixes_are_not_written_over_a_file_that_changed_since_it_was_linted() {
        let dir = std::env::temp_dir().join(format!("snag-fix-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.js");
        let source = "// snag-ignore read-file-sync -- stale\nconst port = 3000;\n";
        std::fs::write(&path, source).unwrap();
        let rules = snag_rules::all();
        let engine = Engine::new(&rules, &Config::default_at(dir.clone()));
        let lint = || RunReport {
            files: vec![engine.lint_file(&path)],
            ..RunReport::default()
        };
        let mut report = lint();
        let edited = "// snag-ignore read-file-sync -- stale\nconst port = 4000;\n";
        std::fs::write(&path, edited).unwrap();
        let fixes = fix_files(&engine, &mut report, false, FixMode::Write);
        assert!(fixes.files.is_empty() && fixes.failed);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
        assert_eq!(
            report.files[0].findings.len(),
            1,
            "the finding stays reported"
        );
        // Unchanged since it was linted: written.
        let mut report = lint();
        let fixes = fix_files(&engine, &mut report, false, FixMode::Write);
        assert_eq!(fixes.files.len(), 1);
        assert!(!fixes.failed);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "const port = 4000;\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rule_panics_and_missing_paths_fail_the_run_while_skipped_files_do_not() {
        let cwd = Path::new("/proj");
        let panicked = file(
            "a.js",
            vec![FileError::RulePanic {
                rule: "read-file-sync".into(),
                message: "boom".into(),
            }],
        );
        let binary = file("b.js", vec![FileError::Binary]);
        let fine = file("c.js", Vec::new());
        let files = vec![
            ("a.js".to_string(), &panicked),
            ("b.js".to_string(), &binary),
            ("c.js".to_string(), &fine),
        ];

        let skipped = problems(&files[1..], &[], cwd);
        assert!(!skipped.failed);
        assert_eq!(skipped.checked, 1);
        assert_eq!(
            skipped.lines,
            [Problem::new(
                Level::Warning,
                Some("b.js".into()),
                "binary file (contains a NUL byte), skipped"
            )]
        );

        let all = problems(&files, &[], cwd);
        assert!(all.failed);
        assert_eq!(
            all.checked, 2,
            "a file whose rule panicked was still linted by the other rules"
        );
        assert_eq!(
            all.lines[0].to_string(),
            "a.js: internal error in rule `read-file-sync`: boom"
        );
        assert_eq!(all.lines[0].level, Level::Error);

        let missing = problems(
            &[],
            &[WalkError::Missing(PathBuf::from("/proj/src/x.js"))],
            cwd,
        );
        assert!(missing.failed);
        assert_eq!(
            missing.lines,
            [Problem::new(
                Level::Error,
                Some("src/x.js".into()),
                "no such file or directory"
            )]
        );
    }
}
