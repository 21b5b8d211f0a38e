//! A project: the folder whose files make the whole-project facts (the model index today, the call
//! graph later), and the one API every front end drives to lint in it.
//!
//! A run over named files (what pre-commit passes, what an editor has open) must see the same project as
//! a run over the whole folder: a view's N+1 finding depends on a model declared in a file nobody named.
//! So [`Project::check`] always indexes the project's root (reusing the [`ModelCache`]) and lints only
//! what was named; a file's findings are then the same whichever way it was reached.
//!
//! Every path inside a project is known by its place below the root (`app/models.py`), whatever way the
//! user spelled it (`./app/models.py`, `../app/models.py`, an absolute path): rules that compare paths
//! (the model declared nearest to its use) and classify them (tests, migrations) then answer the same
//! from any working folder, and folders above the root (a checkout under `~/tests/`) do not count.
//!
//! An editor keeps one `Project` open and swaps one file's part at a time ([`Project::upsert`],
//! [`Project::remove`]); the index is a pure merge of the files' contributions, so the result is what a
//! fresh run over the changed tree would build.

use crate::config::Config;
use crate::discover::WalkOptions;
use crate::engine::{
    Contribution, Engine, EngineOptions, FileReport, IndexedFile, ModelCache, ResultCache,
    RunReport, Workset,
};
use crate::graph::{FileSummary, FileTable, ProjectGraph, QueryExports};
use crate::language::Language;
use crate::models::ModelIndex;
use crate::module_map::ModuleMap;
use crate::registry::RuleRegistry;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where a project starts: the folder of the configuration file in use; else the nearest folder at or
/// above `start` that holds `.git` (unless the repository ignores `start`: a checkout of another
/// project kept in an ignored folder is not part of it); else the current folder when `start` is below
/// it, else `start`'s own folder. `start` and `cwd` are absolute.
pub fn find_root(config_file: Option<&Path>, start: &Path, cwd: &Path) -> PathBuf {
    if let Some(folder) = config_file.and_then(Path::parent) {
        return normalize(folder, cwd);
    }
    let start = normalize(start, cwd);
    let first_folder = if start.is_dir() {
        start.as_path()
    } else {
        start.parent().unwrap_or(&start)
    };
    if let Some(repository) = first_folder
        .ancestors()
        .find(|folder| folder.join(".git").exists())
    {
        if !ignores(repository, &start) {
            return repository.to_path_buf();
        }
    }
    if start.starts_with(cwd) {
        cwd.to_path_buf()
    } else {
        first_folder.to_path_buf()
    }
}

/// Whether the repository at `repository` ignores `path` (below it): a `.gitignore` of the repository
/// or of a folder between it and `path`, or `.git/info/exclude`, matches `path` or a folder above it.
fn ignores(repository: &Path, path: &Path) -> bool {
    if !path.starts_with(repository) || path == repository {
        return false;
    }
    let folders = path
        .ancestors()
        .skip(1)
        .take_while(|folder| folder.starts_with(repository));
    let mut files: Vec<(PathBuf, &Path)> = folders
        .map(|folder| (folder.join(".gitignore"), folder))
        .collect();
    files.push((repository.join(".git/info/exclude"), repository));
    files
        .iter()
        .filter(|(file, _)| file.is_file())
        .any(|(file, base)| {
            let mut builder = ignore::gitignore::GitignoreBuilder::new(base);
            builder.add(file);
            builder.build().is_ok_and(|matcher| {
                matcher
                    .matched_path_or_any_parents(path, path.is_dir())
                    .is_ignore()
            })
        })
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by name (symbolic links are not
/// followed: the path stays the one the user sees).
pub fn normalize(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        lexical(path)
    } else {
        lexical(&cwd.join(path))
    }
}

/// `path` with `.` and `..` resolved by name: `./routes/../controllers/a.js` is `controllers/a.js`. A
/// relative path keeps the `..` it cannot resolve; an absolute one stops at its root.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    if is_lexically_normal(path) {
        return path.to_path_buf();
    }
    lexical_by_components(path)
}

/// [`lexical`], component by component.
fn lexical_by_components(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() && !normal.has_root() {
                    normal.push("..");
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Sorts `items` by their paths, in the order of [`Path::cmp`] (component by component), with each
/// path split into components once rather than at every comparison.
pub(crate) fn sort_by_path<T>(items: &mut [T], path: impl Fn(&T) -> &Path) {
    if !cfg!(unix) {
        items.sort_by(|a, b| path(a).cmp(path(b)));
        return;
    }
    // Each component as its kind (in the order of `Component`'s variants), its bytes and a byte below
    // every other: compared as bytes, the keys order as the components do (a name that is a prefix of
    // another sorts first, as its path does).
    items.sort_by_cached_key(|item| {
        let mut key = Vec::new();
        for component in path(item).components() {
            key.push(match component {
                Component::Prefix(_) => 1,
                Component::RootDir => 2,
                Component::CurDir => 3,
                Component::ParentDir => 4,
                Component::Normal(_) => 5,
            });
            key.extend_from_slice(component.as_os_str().as_encoded_bytes());
            key.push(0);
        }
        key
    });
}

/// Whether [`lexical`] would give `path` back as it is (most paths a walk yields): no `.` or `..`
/// segment, no empty one (`a//b`, a trailing separator). Read from the bytes: splitting a path into
/// components is what made `lexical` a cost of warm runs. Unix only; elsewhere the components decide.
fn is_lexically_normal(path: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let relative = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !relative.is_empty()
        && relative
            .split(|b| *b == b'/')
            .all(|segment| !matches!(segment, b"" | b"." | b".."))
}

/// How a project walks its files.
#[derive(Clone, Debug)]
pub struct ProjectOptions {
    /// Do not read `.gitignore`/`.ignore` files.
    pub no_ignore: bool,
    /// Apply the exclusions to files named explicitly too.
    pub force_exclude: bool,
    /// Leave folders below the root that hold a configuration file of their own to their own projects
    /// (the report lists them among `excluded`, with `nested_project` set).
    pub nested_projects: bool,
    /// Threads of the walker (the linting runs on the caller's rayon pool).
    pub threads: usize,
    /// The engine's settings (the root is the project's).
    pub engine: EngineOptions,
}

/// Whether linting `file` again with what `graph` says of it cannot change its report: it was linted
/// knowing nothing from other files, found nothing, and all it learns is which of its exports run only
/// at start-up, which takes findings away and adds none (a suppression it holds could become unused,
/// so a file that mentions one is linted again). Handler code and queries of other modules add
/// findings.
fn gains_only_startup(file: &FileReport, graph: &ProjectGraph) -> bool {
    file.facts == 0
        && file.findings.is_empty()
        && file.errors.is_empty()
        && !graph.of(&file.path).runs_per_request_elsewhere()
        && graph.of(&file.path).queries.is_empty()
        && std::fs::read(&file.path)
            .is_ok_and(|text| memchr::memmem::find(&text, b"snag-ignore").is_none())
}

/// Time since `started`, zero when not measuring.
fn elapsed(started: Option<Instant>) -> Duration {
    started.map_or(Duration::ZERO, |started| started.elapsed())
}

/// A results cache that holds nothing.
struct NoResults;

impl ResultCache for NoResults {
    fn lookup(&self, _: &Path, _: u64) -> Option<FileReport> {
        None
    }
}

/// One project: its root, its configuration, the engine built from it and every file's contribution to
/// the model index.
pub struct Project {
    root: PathBuf,
    cwd: PathBuf,
    config: Config,
    engine: Engine,
    walk: WalkOptions,
    /// Each file's contribution to the model index, by absolute path (sorted: the merge, and so the
    /// index, does not depend on the order files were read in).
    contributions: BTreeMap<PathBuf, Contribution>,
    /// The files of the project (the index pass's walk), which imports resolve against.
    files: Vec<PathBuf>,
    /// `files` numbered, with what resolves against them alone, for the merges of the graph (built
    /// on the first merge after the files change).
    table: Option<FileTable>,
}

impl Project {
    /// A project rooted at `root` (absolute, see [`find_root`]), linting with `rules` as `config`
    /// selects them; `cwd` is what relative paths given to it are relative to.
    pub fn new(
        rules: &RuleRegistry,
        config: Config,
        root: PathBuf,
        cwd: PathBuf,
        options: ProjectOptions,
    ) -> Project {
        let mut engine = Engine::new(rules, &config).with_options(EngineOptions {
            root: Some(root.clone()),
            ..options.engine
        });
        if engine.reads_project() {
            engine.set_modules(Arc::new(ModuleMap::read(&root)));
        }
        let walk = WalkOptions {
            exclude: config.exclusions(),
            root: config.root.clone(),
            no_ignore: options.no_ignore,
            threads: options.threads,
            force_exclude: options.force_exclude,
            nested_projects: options.nested_projects,
        };
        Project {
            root,
            cwd,
            config,
            engine,
            walk,
            contributions: BTreeMap::new(),
            files: Vec::new(),
            table: None,
        }
    }

    /// The project's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The engine, with the project's model index.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The project-wide model index the rules read.
    pub fn models(&self) -> &Arc<ModelIndex> {
        self.engine.models()
    }

    /// Lints the files below `paths` (the root when empty) with the whole project's model index: the
    /// index pass walks the root (honouring the exclusions and `.gitignore`), reusing `models` for
    /// unchanged files, whatever was named. `results` answers for unchanged files; since it must be
    /// keyed on the index's [`fingerprint`](ModelIndex::fingerprint), known only after the index pass,
    /// it is opened with the engine that holds the index, and handed back with the report (to be
    /// saved). The report's `indexed` lists every file of the index pass, for a [`ModelCache`].
    pub fn check<C: ResultCache>(
        &mut self,
        paths: &[PathBuf],
        models: Option<&dyn ModelCache>,
        results: impl FnOnce(&Engine) -> Option<C>,
    ) -> (RunReport, Option<C>) {
        let paths: Vec<PathBuf> = if paths.is_empty() {
            vec![self.root.clone()]
        } else {
            paths.iter().map(|p| normalize(p, &self.cwd)).collect()
        };
        let workset = if !self.engine.reads_project() {
            self.engine.walk_files(&paths, &self.walk)
        } else if paths.iter().any(|p| self.root.starts_with(p)) {
            // A named folder at or above the root: one walk both indexes and lists the files, and the
            // lint pass reads the project graph's contributions it does not hold.
            let workset = self.engine.prepare_for_lint(&paths, &self.walk, models);
            self.adopt(&workset);
            let cache = results(&self.engine);
            let cached = cache.as_ref().map(|c| c as &dyn ResultCache);
            let report = self.engine.lint_workset(workset, cached);
            return (self.complete_graph(report, cached), cache);
        } else {
            let index = self.index(models);
            Workset {
                models: index.models,
                graph: index.graph,
                index_time: index.index_time,
                indexed: index.indexed,
                ..self.engine.walk_files(&paths, &self.walk)
            }
        };
        let cache = results(&self.engine);
        let cached = cache.as_ref().map(|c| c as &dyn ResultCache);
        let report = self.engine.lint_workset(workset, cached);
        (self.complete_graph(report, cached), cache)
    }

    /// After a lint pass that read the project graph's contributions: the graph they make, and the files
    /// whose facts it changes linted again with it (the functions other files register as handlers).
    /// The index pass's files get the contributions read, for a [`ModelCache`] to store.
    fn complete_graph(
        &mut self,
        mut report: RunReport,
        cache: Option<&dyn ResultCache>,
    ) -> RunReport {
        if !self.engine.reads_project() {
            return report;
        }
        let fresh: FxHashMap<&Path, Option<&FileSummary>> = report
            .files
            .iter()
            .filter(|f| !f.cached)
            .map(|f| (f.path.as_path(), f.summary.as_ref()))
            .collect();
        let mut changed = false;
        for file in &mut report.indexed {
            let Some(summary) = fresh.get(file.path.as_path()) else {
                continue;
            };
            let summary = FileSummary::keeping_queries_of(summary.cloned(), file.summary.as_ref());
            if file.summary == summary {
                continue;
            }
            self.take_summary(file.path.clone(), summary, Some(file));
            changed = true;
        }
        if changed {
            self.timed_merge_graph(&mut report);
        }
        // Files with findings: whether their exports run only at start-up may take them away, which
        // takes the calls of every file that may call them.
        let flagged: Vec<PathBuf> = report
            .files
            .iter()
            .filter(|f| !f.findings.is_empty())
            .map(|f| f.path.clone())
            .collect();
        while self.read_unread_callers(&flagged, &mut report) {
            changed = true;
        }
        // Calls in loops of other modules' exports: whether those run a query on every call.
        // Answers that hand the call on to another module ask that module in turn.
        for _ in 0..=crate::graph::QUERY_HOPS {
            if !self.answer_query_demand(&mut report) {
                break;
            }
            changed = true;
        }
        if !changed {
            return report;
        }
        let graph = self.engine.graph().clone();
        let stale: Vec<usize> = report
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.facts != graph.facts(&f.path))
            .map(|(index, _)| index)
            .collect();
        let started = self.timings().then(Instant::now);
        for index in stale {
            let path = report.files[index].path.clone();
            let facts = graph.facts(&path);
            if gains_only_startup(&report.files[index], &graph) {
                report.files[index].facts = facts;
                continue;
            }
            let mut relinted = cache
                .and_then(|c| c.lookup(&path, facts))
                .map(|mut r| {
                    r.cached = true;
                    r
                })
                .unwrap_or_else(|| self.engine.lint_file(&path));
            // The phases count the first lint; the second is the graph's.
            relinted.timings = report.files[index].timings.take();
            report.files[index] = relinted;
        }
        if let Some(started) = started {
            report.graph_time.relint += started.elapsed();
        }
        report
    }

    /// Reads the calls of the files the graph needs them of to tell whether exports of `files` run only
    /// at start-up ([`ProjectGraph::unread_callers`]), in parallel, and rebuilds the graph with them.
    /// Whether there were any (reading them may ask for more: callers of the callers' exports).
    fn read_unread_callers(&mut self, files: &[PathBuf], report: &mut RunReport) -> bool {
        let unread = self.engine.graph().unread_callers(files);
        if unread.is_empty() {
            return false;
        }
        let engine = &self.engine;
        let timings = self.timings();
        let read: Vec<(PathBuf, Option<FileSummary>, Duration)> = unread
            .into_par_iter()
            .map(|path| {
                let started = timings.then(Instant::now);
                let summary = engine.summary_with_calls(&path);
                (path, summary, elapsed(started))
            })
            .collect();
        report.graph_time.callers += read.iter().map(|(_, _, spent)| *spent).sum::<Duration>();
        for (path, summary, _) in read {
            let summary = FileSummary::keeping_queries_of(summary, self.summary_of(&path));
            // A file that cannot be read any more says nothing: it calls nothing.
            self.take_read_summary(path, summary, &mut report.indexed);
        }
        self.timed_merge_graph(report);
        true
    }

    /// Reads, in parallel, whether the exports other files call in loops run a query on every call
    /// ([`ProjectGraph::query_demand`]), keeps the answers in their files' summaries (with the model
    /// index they depend on), and rebuilds the graph. Whether there were any to read.
    fn answer_query_demand(&mut self, report: &mut RunReport) -> bool {
        let demand = self.engine.graph().query_demand().to_vec();
        if demand.is_empty() || !self.engine.reads_queries() {
            return false;
        }
        let index = self.engine.models().fingerprint();
        let asked: Vec<(PathBuf, Vec<Option<String>>)> = demand
            .into_iter()
            .map(|(path, mut members)| {
                // What the file answered before under this index is asked again with the rest.
                let answered = self
                    .summary_of(&path)
                    .and_then(|s| s.queries.as_ref())
                    .filter(|q| q.index == index);
                members.extend(answered.iter().flat_map(|q| q.asked.iter().cloned()));
                members.sort();
                members.dedup();
                (path, members)
            })
            .collect();
        let engine = &self.engine;
        let timings = self.timings();
        let answers: Vec<(PathBuf, QueryExports, Duration)> = asked
            .into_par_iter()
            .map(|(path, members)| {
                let started = timings.then(Instant::now);
                // A file that cannot be read answers that nothing runs a query: it is not asked again.
                let answer = engine
                    .query_exports(&path, members.clone())
                    .unwrap_or(QueryExports {
                        index,
                        asked: members,
                        queries: Vec::new(),
                    });
                (path, answer, elapsed(started))
            })
            .collect();
        report.graph_time.queries += answers.iter().map(|(_, _, spent)| *spent).sum::<Duration>();
        for (path, answer, _) in answers {
            let mut summary = self.summary_of(&path).cloned().unwrap_or_default();
            summary.queries = Some(answer);
            self.take_read_summary(path, Some(summary), &mut report.indexed);
        }
        self.timed_merge_graph(report);
        true
    }

    /// The project graph's contribution of `path` as it stands.
    fn summary_of(&self, path: &Path) -> Option<&FileSummary> {
        self.contributions
            .get(path)
            .and_then(|c| c.summary.as_ref())
    }

    /// [`take_summary`](Self::take_summary) of a file read after the lint pass, with its record among
    /// the index pass's files (sorted by path), when it has one.
    fn take_read_summary(
        &mut self,
        path: PathBuf,
        summary: Option<FileSummary>,
        indexed: &mut [IndexedFile],
    ) {
        let at = indexed.binary_search_by(|f| f.path.cmp(&path));
        self.take_summary(path, summary, at.ok().map(|at| &mut indexed[at]));
    }

    /// Makes `summary`, read in this run, the project graph's contribution of `path`, and the index
    /// pass's record of it (`indexed`, read now and not reused: the model cache stores it).
    fn take_summary(
        &mut self,
        path: PathBuf,
        summary: Option<FileSummary>,
        indexed: Option<&mut IndexedFile>,
    ) {
        if let Some(file) = indexed {
            file.summary = summary.clone();
            file.reused = false;
        }
        if summary.is_some() {
            self.contributions.entry(path).or_default().summary = summary;
        } else if let Some(entry) = self.contributions.get_mut(&path) {
            entry.summary = None;
            if entry.models.is_none() {
                self.contributions.remove(&path);
            }
        }
    }

    /// [`check`](Self::check) without caches.
    pub fn check_uncached(&mut self, paths: &[PathBuf]) -> RunReport {
        self.check(paths, None, |_| None::<NoResults>).0
    }

    /// The index pass alone: walks the root and builds the model index (when an enabled rule reads it),
    /// reusing `models` for unchanged files. The workset's `indexed` lists the files it looked at.
    pub fn index(&mut self, models: Option<&dyn ModelCache>) -> Workset {
        let workset = if self.engine.reads_project() {
            self.engine
                .prepare_cached(std::slice::from_ref(&self.root), &self.walk, models)
        } else {
            Workset::default()
        };
        self.adopt(&workset);
        workset
    }

    /// Takes the index pass's contributions, index and graph as the project's.
    fn adopt(&mut self, workset: &Workset) {
        self.contributions = workset
            .indexed
            .iter()
            .filter(|f| f.models.is_some() || f.summary.is_some())
            .map(|f| {
                let contribution = Contribution {
                    models: f.models.clone(),
                    summary: f.summary.clone(),
                };
                (f.path.clone(), contribution)
            })
            .collect();
        self.files = workset.files.clone();
        self.table = None;
        self.engine.set_models(workset.models.clone());
        self.engine.set_graph(workset.graph.clone());
    }

    /// Lints `text` as the contents of `path` (standard input, an editor's buffer), after making it the
    /// file's part of the model index ([`upsert`](Self::upsert)).
    pub fn check_source(&mut self, path: &Path, bytes: Vec<u8>) -> FileReport {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            self.upsert(path, text);
        }
        let mut report = self.engine.lint_bytes(&normalize(path, &self.cwd), bytes);
        // Shown as named.
        report.path = path.to_path_buf();
        report
    }

    /// Makes `text` the contents of `path` for the project-wide facts: its contribution to the model
    /// index replaces the one read from disk (or is added, for a new file).
    pub fn upsert(&mut self, path: &Path, text: &str) {
        if !self.engine.reads_project() {
            return;
        }
        let path = normalize(path, &self.cwd);
        let Some(language) = Language::from_path(&path) else {
            return;
        };
        if let Err(at) = self.files.binary_search(&path) {
            self.files.insert(at, path.clone());
            self.table = None;
        }
        let contribution = if self.engine.leaves_out_of_index(&path) {
            Contribution::default()
        } else {
            self.engine
                .contribution_of_source(language, &path, text, true)
        };
        let changed = if contribution == Contribution::default() {
            self.contributions.remove(&path).is_some()
        } else {
            self.contributions.insert(path, contribution.clone()) != Some(contribution)
        };
        if changed {
            self.merge();
        }
    }

    /// Removes `path` (deleted, or closed and gone from disk) from the project-wide facts.
    pub fn remove(&mut self, path: &Path) {
        let path = normalize(path, &self.cwd);
        if let Ok(at) = self.files.binary_search(&path) {
            self.files.remove(at);
            self.table = None;
        }
        // Also when it contributed nothing: the imports of others no longer resolve to it.
        self.contributions.remove(&path);
        self.merge();
    }

    /// Rebuilds the model index and the project graph from the contributions.
    fn merge(&mut self) {
        let models = self.contributions.values().filter_map(|c| c.models.clone());
        self.engine.set_models(Arc::new(ModelIndex::new(models)));
        self.merge_graph();
    }

    /// Whether the engine measures where the time goes.
    fn timings(&self) -> bool {
        self.engine.options().timings
    }

    /// [`merge_graph`](Self::merge_graph), its time counted in `report`.
    fn timed_merge_graph(&mut self, report: &mut RunReport) {
        let started = self.timings().then(Instant::now);
        self.merge_graph();
        report.graph_time.merge += elapsed(started);
    }

    /// Rebuilds the project graph from the contributions (when only summaries changed).
    fn merge_graph(&mut self) {
        let Project {
            contributions,
            files,
            table,
            root,
            engine,
            ..
        } = self;
        let table =
            table.get_or_insert_with(|| FileTable::with_modules(files, engine.modules().clone()));
        let summaries = contributions
            .iter()
            .filter_map(|(path, c)| Some((path.as_path(), c.summary.as_ref()?)));
        let graph = ProjectGraph::over(summaries, table, Some(root), engine.models().fingerprint());
        engine.set_graph(Arc::new(graph));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_by_name() {
        let cwd = Path::new("/proj/app");
        assert_eq!(
            normalize(Path::new("./views.py"), cwd),
            Path::new("/proj/app/views.py")
        );
        assert_eq!(
            normalize(Path::new("../lib/./x.js"), cwd),
            Path::new("/proj/lib/x.js")
        );
        assert_eq!(normalize(Path::new("/a/b/../c"), cwd), Path::new("/a/c"));
    }

    #[test]
    fn lexical_gives_normal_paths_back_and_normalises_the_others() {
        for path in [
            "/a/b.js",
            "a/b.js",
            "/",
            "//a",
            "a//b",
            "a/",
            "./a",
            "a/./b",
            "a/../b",
            "../a",
            "..",
            ".",
            "/a/.hidden/b",
            "/a/..b/c",
            "a.",
            "",
        ] {
            let path = Path::new(path);
            assert_eq!(
                lexical(path),
                lexical_by_components(path),
                "{}",
                path.display()
            );
        }
        assert!(is_lexically_normal(Path::new("/srv/app/routes/a.js")) || !cfg!(unix));
        assert!(!is_lexically_normal(Path::new("/srv/app/../a.js")));
    }

    #[test]
    fn paths_sort_by_their_components() {
        let mut paths: Vec<PathBuf> = [
            "/a/b-c", "/a/b/c", "/a/b", "/a", "/a/b.js", "/a/B", "/a/b/c/d", "a/b", "/a/é",
            "/a/b0", "-x", "./a", "../a", "!b", "/!b", ".hidden",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut expected = paths.clone();
        expected.sort();
        sort_by_path(&mut paths, |p| p.as_path());
        assert_eq!(paths, expected);
    }

    #[test]
    fn the_root_is_the_configuration_folder_then_the_repository_then_the_current_folder() {
        let dir = tempfile_dir("root");
        let repo = dir.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("app/sub")).unwrap();
        std::fs::write(repo.join("app/sub/views.py"), "x = 1\n").unwrap();
        let outside = dir.join("loose");
        std::fs::create_dir_all(&outside).unwrap();

        let config = repo.join("app/snag.toml");
        assert_eq!(
            find_root(Some(&config), &repo.join("app/sub/views.py"), &dir),
            repo.join("app")
        );
        assert_eq!(find_root(None, &repo.join("app/sub/views.py"), &dir), repo);
        assert_eq!(find_root(None, &outside, &dir), dir);
        // A folder the repository ignores (another project's checkout) is not part of it.
        std::fs::write(repo.join(".gitignore"), "/vendor\n").unwrap();
        std::fs::create_dir_all(repo.join("vendor/lib")).unwrap();
        assert_eq!(
            find_root(None, &repo.join("vendor/lib"), &repo.join("vendor")),
            repo.join("vendor")
        );
        assert_eq!(find_root(None, &repo.join("app/sub"), &repo), repo);
        assert_eq!(find_root(None, &outside, &repo), outside);
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn tempfile_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("snag-project-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
