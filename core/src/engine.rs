//! The engine: one file's text in, positioned findings out; and the parallel run over many files.
//!
//! Per file: prefilter on the rules' triggers (no rule can fire: not parsed), parse once with this
//! thread's parser, build the semantic model in one walk that also queues the nodes the active rules
//! subscribed to, dispatch the queue, drop findings inside syntax errors, apply suppressions.

use crate::config::{Config, Declares, RuleSetting};
use crate::diagnostic::{Diagnostic, Finding, Severity, Span};
use crate::discover::{self, Excluded, PathMatcher, WalkError, WalkOptions};
use crate::generated;
use crate::graph::{
    self, FileFacts, FileSummary, FileTable, ProjectGraph, QueryExport, QueryExports, RunsQuery,
};
use crate::language::{Language, LanguageFamily};
use crate::models::per_call::{query_on_every_call, runs_in_process};
use crate::models::{self, FileModels, ModelIndex};
use crate::module_map::ModuleMap;
use crate::prefilter::Prefilter;
use crate::registry::RuleRegistry;
use crate::rule::{FileMemo, Rule, RuleContext, RuleStatus, Target};
use crate::semantic::{Context, Contexts, FileDeclarations, FileKind, Semantic};
use crate::source::LineIndex;
use crate::suppression::{self, Suppression};
use crate::trigger::Trigger;
use rayon::prelude::*;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tree_sitter::{Node, Parser, Tree};

/// The id of the rule that reports unused suppression comments.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// Why a file was skipped or only partly linted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Read(String),
    /// It contains a NUL byte.
    #[error("binary file (contains a NUL byte), skipped")]
    Binary,
    /// It is not UTF-8.
    #[error("not valid UTF-8 (at byte {0}), skipped")]
    NotUtf8(usize),
    /// It is larger than `max-file-size`.
    #[error("{size} bytes, over max-file-size ({limit} bytes), skipped")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The parser gave up.
    #[error("could not be parsed, skipped")]
    Parse,
    /// A rule panicked: an internal error; the rule's other findings in this file are lost.
    #[error("internal error in rule `{rule}`: {message}")]
    RulePanic {
        /// The rule.
        rule: String,
        /// The panic message.
        message: String,
    },
}

impl FileError {
    /// Whether this is snag's own fault (a bug), not the input's.
    pub fn is_internal(&self) -> bool {
        matches!(self, FileError::RulePanic { .. })
    }
}

/// What linting one file produced.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path, as walked.
    pub path: PathBuf,
    /// Findings, sorted by position.
    pub findings: Vec<Finding>,
    /// Problems with this file.
    pub errors: Vec<FileError>,
    /// The text, kept when there are findings (for code frames and fixes).
    pub source: Option<Arc<str>>,
    /// Whether the file was parsed (false when no rule could fire on it).
    pub parsed: bool,
    /// Where its time went, when the engine measures timings.
    pub timings: Option<Box<FileTimings>>,
    /// The file's modification time and size, taken before it was read (for result caches).
    pub stamp: Option<FileStamp>,
    /// Whether the report came from a [`ResultCache`] instead of linting.
    pub cached: bool,
    /// Whether the file is generated JavaScript (minified, a bundle), so not linted
    /// ([`generated::is_minified`](crate::generated::is_minified)).
    pub minified: bool,
    /// What the file contributes to the project graph, read while linting it (`None`: nothing, or not
    /// asked).
    pub summary: Option<FileSummary>,
    /// A hash of what other files' facts said of this one when it was linted (the project graph's
    /// [`incoming`](ProjectGraph::incoming)): a stored report is valid only while it is the same.
    pub facts: u64,
}

/// What identifies a version of a file on disk without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStamp {
    /// Modification time, in nanoseconds since the Unix epoch.
    pub modified_ns: u128,
    /// Size in bytes.
    pub size: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata (`None` when the platform has no modification time).
    pub fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = metadata.modified().ok()?;
        let since_epoch = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(FileStamp {
            modified_ns: since_epoch.as_nanos(),
            size: metadata.len(),
        })
    }
}

/// Earlier results a run may reuse: an edge (the CLI) stores reports and answers for files whose
/// stamp has not changed. Core only asks.
pub trait ResultCache: Sync {
    /// A stored report for `path`, when the file is known to be unchanged since it was made and what
    /// other files said of it then hashed to `facts` ([`FileReport::facts`]).
    fn lookup(&self, path: &Path, facts: u64) -> Option<FileReport>;
}

/// Earlier model-index contributions a run may reuse (the CLI stores them beside the results cache):
/// a warm run then reads no model file. Core only asks.
pub trait ModelCache: Sync {
    /// What `path` contributed to the model index and to the project graph when its stamp was `stamp`
    /// (`None` for either when it contributes nothing); `None` when unknown.
    fn lookup(&self, path: &Path, stamp: FileStamp) -> Option<Contribution>;
}

/// What one file contributes to the project-wide facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contribution {
    /// To the model index.
    pub models: Option<FileModels>,
    /// To the project graph.
    pub summary: Option<FileSummary>,
}

/// A file the index pass looked at, and what it contributed.
#[derive(Debug, Clone)]
pub struct IndexedFile {
    /// The file, as walked.
    pub path: PathBuf,
    /// Its stamp when read (or when its stored contribution was found valid).
    pub stamp: FileStamp,
    /// What it contributes to the model index (`None`: nothing).
    pub models: Option<FileModels>,
    /// What it contributes to the project graph (`None`: nothing).
    pub summary: Option<FileSummary>,
    /// Whether the contribution came from a [`ModelCache`].
    pub reused: bool,
}

/// Where one file's time went.
#[derive(Debug, Clone, Default)]
pub struct FileTimings {
    /// Reading the file and checking it is text.
    pub read: Duration,
    /// The trigger-string prefilter.
    pub prefilter: Duration,
    /// tree-sitter parsing.
    pub parse: Duration,
    /// Building the semantic model (the one walk of the tree).
    pub semantic: Duration,
    /// Each enabled rule's time, by its index in the engine.
    pub rules: Vec<Duration>,
    /// Suppressions, positions, sorting, and freeing the tree and the model.
    pub finish: Duration,
}

/// Totals of a run, for `--statistics`.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// Files linted (or skipped for bad input).
    pub files: usize,
    /// Files parsed.
    pub parsed: usize,
    /// Files no enabled rule could fire on, so not parsed.
    pub skipped_by_prefilter: usize,
    /// Generated JavaScript (minified, bundles) that a rule could have fired on, not linted.
    pub minified: usize,
    /// Files whose earlier report was reused from a cache.
    pub cached: usize,
    /// Wall time of the walk (it overlaps with linting).
    pub walk: Duration,
    /// Models in the project-wide index.
    pub models: usize,
    /// Files whose index contribution was reused from a cache.
    pub index_reused: usize,
    /// CPU time per phase, summed over files: index (the model-index pass), read, prefilter, parse,
    /// semantic, rules, finish.
    pub phases: Vec<(&'static str, Duration)>,
    /// CPU time per rule, summed over files, slowest first.
    pub rules: Vec<(Arc<str>, Duration)>,
}

/// Laps of a stopwatch that only runs when timings are wanted.
struct Laps(Option<Instant>);

impl Laps {
    fn start(enabled: bool) -> Laps {
        Laps(enabled.then(Instant::now))
    }

    /// Time since the last lap (zero when not measuring).
    fn lap(&mut self) -> Duration {
        match &mut self.0 {
            Some(last) => {
                let now = Instant::now();
                let elapsed = now - *last;
                *last = now;
                elapsed
            }
            None => Duration::ZERO,
        }
    }
}

impl FileReport {
    /// A file that was not linted, and why.
    pub fn skipped(path: &Path, error: FileError) -> FileReport {
        FileReport {
            path: path.to_path_buf(),
            findings: Vec::new(),
            errors: vec![error],
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
}

/// The outcome of a run over many paths.
#[derive(Debug, Default)]
pub struct RunReport {
    /// One report per file, sorted by path.
    pub files: Vec<FileReport>,
    /// Problems found while walking.
    pub walk_errors: Vec<WalkError>,
    /// What the `exclude` globs left out of the walk, sorted.
    pub excluded: Vec<Excluded>,
    /// Wall time of the walk.
    pub walk_time: Duration,
    /// Models in the project-wide index the rules read.
    pub models: usize,
    /// CPU time of the index pass (reading, checking and parsing the files that can declare models).
    pub index_time: Duration,
    /// Files whose index contribution came from a [`ModelCache`].
    pub index_reused: usize,
    /// The files the index pass looked at (with a stamp), for a [`ModelCache`] to store.
    pub indexed: Vec<IndexedFile>,
    /// CPU time of the project graph's work after the lint pass (measured with
    /// [`EngineOptions::timings`]).
    pub graph_time: GraphTimes,
}

/// CPU time of the project graph's work after the lint pass, summed over threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct GraphTimes {
    /// Reading the calls of files whose callers decide whether an export runs only at start-up.
    pub callers: Duration,
    /// Answering whether exports called in loops of other modules run a query on every call.
    pub queries: Duration,
    /// Merging the contributions into the project graph.
    pub merge: Duration,
    /// Linting again the files whose facts the graph changed.
    pub relint: Duration,
}

impl GraphTimes {
    /// Adds another run's times.
    pub fn add(&mut self, other: GraphTimes) {
        self.callers += other.callers;
        self.queries += other.queries;
        self.merge += other.merge;
        self.relint += other.relint;
    }
}

/// The files of a run, walked, and the project-wide model index built from them (when a rule reads it).
#[derive(Debug, Default)]
pub struct Workset {
    /// Every file to lint, sorted.
    pub files: Vec<PathBuf>,
    /// Problems found while walking.
    pub walk_errors: Vec<WalkError>,
    /// What the `exclude` globs left out of the walk, sorted.
    pub excluded: Vec<Excluded>,
    /// Wall time of the walk.
    pub walk_time: Duration,
    /// The model index (empty when no enabled rule reads it).
    pub models: Arc<ModelIndex>,
    /// The project graph (empty when no enabled rule lints JavaScript).
    pub graph: Arc<ProjectGraph>,
    /// CPU time of the index pass.
    pub index_time: Duration,
    /// The files the index pass looked at (with a stamp), for a [`ModelCache`] to store.
    pub indexed: Vec<IndexedFile>,
}

struct EnabledRule {
    rule: Arc<dyn Rule>,
    id: Arc<str>,
    severity: Severity,
    /// Where it speaks: configured (`[contexts]`) or its default.
    contexts: Contexts,
}

/// Per language: which rules want each node kind, and which kinds are comments.
struct Dispatch {
    by_kind: Vec<Vec<u16>>,
    comment: Vec<bool>,
}

/// Settings of a run that are not about rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineOptions {
    /// Skip files larger than this.
    pub max_file_size: u64,
    /// Use the trigger-string prefilter (off only to check its soundness).
    pub prefilter: bool,
    /// Measure where each file's time goes ([`FileReport::timings`], [`Engine::statistics`]).
    pub timings: bool,
    /// The project's root (absolute): the rules know each file by its path below it (see
    /// [`crate::project`]). `None`: by the path it was given.
    pub root: Option<PathBuf>,
}

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions {
            max_file_size: crate::config::DEFAULT_MAX_FILE_SIZE,
            prefilter: true,
            timings: false,
            root: None,
        }
    }
}

/// The configured rule set, ready to lint files. Cheap to share between threads.
pub struct Engine {
    rules: Vec<EnabledRule>,
    dispatch: Vec<Dispatch>,
    prefilters: [Prefilter; 2],
    per_file_ignores: Vec<(PathMatcher, Vec<String>)>,
    /// `[[functions]]`: the files they apply to (all when `None`), the names, what runs them.
    declared_functions: Vec<(Option<PathMatcher>, Vec<String>, Declares)>,
    report_unused_suppressions: Option<Severity>,
    enabled_ids: Vec<Arc<str>>,
    all_known: Vec<String>,
    options: EngineOptions,
    reads_models: bool,
    /// Whether an enabled rule lints JavaScript: handler code then reaches across files (the project
    /// graph).
    reads_graph: bool,
    /// Whether an enabled rule reports queries (it handles calls declared `runs = "query"`): the
    /// modules other files call in loops are then asked whether those calls run one.
    reads_queries: bool,
    /// Whether a rule reading the index lints test code; when none does, models declared in test code
    /// (Django's test apps, fixtures) are left out of the index: no linted file can use them.
    index_test_code: bool,
    models: Arc<ModelIndex>,
    graph: Arc<ProjectGraph>,
    /// What names a module of the project besides a relative specifier (`paths`, workspaces).
    modules: Arc<ModuleMap>,
}

thread_local! {
    static PARSERS: RefCell<Vec<Option<Parser>>> = RefCell::new((0..Language::ALL.len()).map(|_| None).collect());
}

impl Engine {
    /// Builds an engine from the registry of available rules and the configuration that selects and
    /// tunes them. Preview rules run only when the configuration turns preview on or selects them.
    pub fn new(available: &RuleRegistry, config: &Config) -> Engine {
        let mut rules = Vec::new();
        for rule in available {
            let meta = rule.meta();
            if meta.status == RuleStatus::Preview && !config.enables_preview(&meta.id) {
                continue;
            }
            if let RuleSetting::On(severity) = config.rule_setting(&meta.id, meta.default_severity)
            {
                rules.push(EnabledRule {
                    rule: rule.clone(),
                    id: Arc::from(meta.id.as_str()),
                    severity,
                    contexts: config
                        .contexts
                        .get(meta.id.as_str())
                        .copied()
                        .unwrap_or(meta.contexts),
                });
            }
        }
        let dispatch = Language::ALL
            .iter()
            .map(|&language| {
                let grammar = language.grammar();
                let mut by_kind = vec![Vec::new(); grammar.node_kind_count()];
                for (index, enabled) in rules.iter().enumerate() {
                    let Some(target) = enabled.rule.meta().target(language.family()) else {
                        continue;
                    };
                    for kind in &target.node_kinds {
                        for id in 0..grammar.node_kind_count() as u16 {
                            if grammar.node_kind_is_named(id)
                                && grammar.node_kind_for_id(id) == Some(kind.as_str())
                            {
                                by_kind[id as usize].push(index as u16);
                            }
                        }
                    }
                }
                let comment = (0..grammar.node_kind_count() as u16)
                    .map(|id| grammar.node_kind_for_id(id) == Some("comment"))
                    .collect();
                Dispatch { by_kind, comment }
            })
            .collect();
        // A rule that handles declared calls (`runs = "query"`) can fire on a file that calls one: the
        // declared names join its triggers.
        let declared_words = |rule: &EnabledRule| -> Vec<Trigger> {
            config
                .functions
                .iter()
                .filter(|d| {
                    matches!(d.declares, Declares::Runs(kind) if rule.rule.meta().handles.contains(&kind))
                })
                .flat_map(|d| d.names.iter().map(|name| crate::trigger::word(name)))
                .collect()
        };
        let targets: Vec<[Option<Target>; 2]> = rules
            .iter()
            .map(|r| {
                let words = declared_words(r);
                [LanguageFamily::JavaScript, LanguageFamily::Python].map(|family| {
                    r.rule.meta().target(family).cloned().map(|mut target| {
                        // A declared call stands in for the whole expression the rule looks for, so
                        // it is an alternative in every group the file must match.
                        if !words.is_empty() {
                            if !target.triggers.is_empty() {
                                target.triggers.extend(words.iter().cloned());
                            }
                            for group in &mut target.requires {
                                group.extend(words.iter().cloned());
                            }
                        }
                        target
                    })
                })
            })
            .collect();
        // The JavaScript prefilter answers one more question in the same pass over the text: can the
        // file register a function of another module (the project graph's contribution)? Its answer is
        // the slot after the rules' ([`Engine::summary_slot`]).
        let registration = registration_target();
        let prefilters = [LanguageFamily::JavaScript, LanguageFamily::Python].map(|family| {
            let index = usize::from(family == LanguageFamily::Python);
            let extra = (family == LanguageFamily::JavaScript).then_some(&registration);
            Prefilter::new(
                family,
                targets.iter().map(|t| t[index].as_ref()).chain([extra]),
            )
        });
        let unused_default = Severity::Warning;
        let report_unused_suppressions =
            match config.rule_setting(UNUSED_SUPPRESSION, unused_default) {
                RuleSetting::On(severity) => Some(severity),
                RuleSetting::Off => None,
            };
        let per_file_ignores = config
            .per_file_ignores
            .iter()
            .map(|(glob, ids)| {
                (
                    PathMatcher::new(std::slice::from_ref(glob), &config.root),
                    ids.clone(),
                )
            })
            .collect();
        let declared_functions = config
            .functions
            .iter()
            .map(|declaration| {
                let files = (!declaration.files.is_empty())
                    .then(|| PathMatcher::new(&declaration.files, &config.root));
                (files, declaration.names.clone(), declaration.declares)
            })
            .collect();
        let enabled_ids = rules.iter().map(|r| r.id.clone()).collect();
        let reads_models = rules.iter().any(|r| r.rule.meta().reads_models);
        let reads_graph = rules
            .iter()
            .any(|r| r.rule.meta().target(LanguageFamily::JavaScript).is_some());
        let index_test_code = rules
            .iter()
            .any(|r| r.rule.meta().reads_models && r.contexts.contains(Context::Test));
        let reads_queries = rules.iter().any(|r| {
            r.rule
                .meta()
                .handles
                .contains(&crate::semantic::DeclaredCall::Query)
        });
        let all_known = available.ids().into_iter().map(str::to_string).collect();
        Engine {
            rules,
            dispatch,
            prefilters,
            per_file_ignores,
            declared_functions,
            report_unused_suppressions,
            enabled_ids,
            all_known,
            options: EngineOptions {
                max_file_size: config.max_file_size,
                ..EngineOptions::default()
            },
            reads_models,
            reads_graph,
            reads_queries,
            index_test_code,
            models: Arc::default(),
            graph: Arc::default(),
            modules: Arc::default(),
        }
    }

    /// Sets what names a module of the project besides a relative specifier ([`ModuleMap::read`] of
    /// the project's root): the summaries read those imports too, and the graph resolves them.
    pub fn set_modules(&mut self, modules: Arc<ModuleMap>) {
        self.modules = modules;
    }

    /// What names a module of the project besides a relative specifier.
    pub fn modules(&self) -> &Arc<ModuleMap> {
        &self.modules
    }

    /// The semantic model of a file read for the project graph (its summary, its query answers): what
    /// the configuration and the graph say of it does not matter there, but which imports name modules
    /// of the project does.
    fn graph_semantic<'t>(
        &self,
        language: Language,
        path: &'t Path,
        text: &'t str,
        tree: &'t Tree,
    ) -> Semantic<'t> {
        let declarations = FileDeclarations {
            modules: self.modules.clone(),
            ..FileDeclarations::default()
        };
        Semantic::build_declared(language, path, text, tree, &mut |_| {}, declarations)
    }

    /// Whether the JavaScript `text` may register a function imported through the module map (the
    /// prefilter's slot asks it of relative imports only).
    fn may_register_mapped_imports(&self, text: &str) -> bool {
        !self.modules.is_empty() && graph::may_register_imports_in(text.as_bytes(), &self.modules)
    }

    /// Sets the model index [`lint_source`](Self::lint_source) and its kin give the rules (an editor
    /// keeps one for the open project).
    pub fn set_models(&mut self, models: Arc<ModelIndex>) {
        self.models = models;
    }

    /// The model index single-file linting uses.
    pub fn models(&self) -> &Arc<ModelIndex> {
        &self.models
    }

    /// Whether an enabled rule reports queries, and so asks other modules whether the functions called
    /// in loops run one ([`ProjectGraph::query_demand`]).
    pub fn reads_queries(&self) -> bool {
        self.reads_queries
    }

    /// Whether an enabled rule reads the project-wide model index.
    pub fn reads_models(&self) -> bool {
        self.reads_models
    }

    /// Whether linting needs the index pass: an enabled rule reads the model index or the project
    /// graph.
    pub fn reads_project(&self) -> bool {
        self.reads_models || self.reads_graph
    }

    /// Sets the project graph single-file linting uses.
    pub fn set_graph(&mut self, graph: Arc<ProjectGraph>) {
        self.graph = graph;
    }

    /// The project graph single-file linting uses.
    pub fn graph(&self) -> &Arc<ProjectGraph> {
        &self.graph
    }

    /// Walks `paths` and, when an enabled rule reads it, builds the model index from the files that
    /// can declare models (in parallel, as the walk streams them).
    pub fn prepare(&self, paths: &[PathBuf], walk: &WalkOptions) -> Workset {
        self.prepare_cached(paths, walk, None)
    }

    /// [`prepare`](Self::prepare), reusing the contributions `cache` holds for unchanged files.
    pub fn prepare_cached(
        &self,
        paths: &[PathBuf],
        walk: &WalkOptions,
        cache: Option<&dyn ModelCache>,
    ) -> Workset {
        self.walk_and_index(paths, walk, self.reads_project(), true, cache)
    }

    /// Walks `paths` for the files to lint, without indexing them (the index comes from elsewhere: a
    /// project's root).
    pub fn walk_files(&self, paths: &[PathBuf], walk: &WalkOptions) -> Workset {
        self.walk_and_index(paths, walk, false, false, None)
    }

    /// Walks `paths` and builds the model index whatever the enabled rules (`snag models`).
    pub fn index_project(&self, paths: &[PathBuf], walk: &WalkOptions) -> Workset {
        self.walk_and_index(paths, walk, true, false, None)
    }

    /// [`prepare_cached`](Self::prepare_cached) for a run that lints every file it walks: the project
    /// graph's contributions of files the cache does not hold are left to the lint pass, which reads
    /// them anyway (the caller then rebuilds the graph and lints again the files it changes).
    pub fn prepare_for_lint(
        &self,
        paths: &[PathBuf],
        walk: &WalkOptions,
        cache: Option<&dyn ModelCache>,
    ) -> Workset {
        self.walk_and_index(paths, walk, self.reads_project(), false, cache)
    }

    fn walk_and_index(
        &self,
        paths: &[PathBuf],
        walk: &WalkOptions,
        index: bool,
        summaries: bool,
        cache: Option<&dyn ModelCache>,
    ) -> Workset {
        let walked = walk_in_parallel(paths, walk, |path| {
            if !index || self.leaves_out_of_index(&path) {
                return (path, None, Duration::ZERO);
            }
            let started = Instant::now();
            let indexed = self.index_file(&path, cache, summaries);
            (path, indexed, started.elapsed())
        });
        let mut found = walked.results;
        let index_time = found.iter().map(|(_, _, spent)| *spent).sum();
        // Sorted once, files and their index records alike (a file's record has its path).
        crate::project::sort_by_path(&mut found, |(path, _, _)| path);
        found.dedup_by(|a, b| a.0 == b.0);
        let mut files = Vec::with_capacity(found.len());
        let mut indexed = Vec::new();
        for (path, file, _) in found {
            files.push(path);
            indexed.extend(file);
        }
        let contributions = indexed.iter().filter_map(|f| f.models.clone());
        let models = Arc::new(ModelIndex::new(contributions));
        let summaries = indexed
            .iter()
            .filter_map(|f| Some((f.path.as_path(), f.summary.as_ref()?)));
        let graph = Arc::new(ProjectGraph::over(
            summaries,
            &mut FileTable::with_modules(&files, self.modules.clone()),
            self.options.root.as_deref(),
            models.fingerprint(),
        ));
        Workset {
            files,
            walk_errors: walked.errors,
            excluded: walked.excluded,
            walk_time: walked.time,
            models,
            graph,
            index_time,
            indexed,
        }
    }

    /// Whether the index leaves `path` out whatever it declares: test code, when no rule reading the
    /// index lints tests.
    pub fn leaves_out_of_index(&self, path: &Path) -> bool {
        !self.index_test_code && crate::semantic::is_test_path(&self.project_path(path))
    }

    /// The path the rules know `path` by: below the project's root when there is one.
    pub fn project_path<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        let Some(root) = &self.options.root else {
            return std::borrow::Cow::Borrowed(path);
        };
        match path.strip_prefix(root) {
            Ok(below) => std::borrow::Cow::Borrowed(below),
            Err(_) if path.is_absolute() => std::borrow::Cow::Borrowed(path),
            Err(_) => {
                let cwd = std::env::current_dir().unwrap_or_default();
                let absolute = crate::project::normalize(path, &cwd);
                match absolute.strip_prefix(root) {
                    Ok(below) => std::borrow::Cow::Owned(below.to_path_buf()),
                    Err(_) => std::borrow::Cow::Borrowed(path),
                }
            }
        }
    }

    /// What `text`, as the contents of `path`, contributes to the model index (as the index pass would
    /// read it from disk).
    pub fn models_of_source(
        &self,
        language: Language,
        path: &Path,
        text: &str,
    ) -> Option<FileModels> {
        Self::models_of_text(
            language,
            &self.project_path(path),
            text,
            self.options.prefilter,
        )
    }

    /// What one file contributes to the model index, from `cache` when it holds the file's stamp;
    /// `None` when the file cannot be read (linting reports why) or is too large.
    fn index_file(
        &self,
        path: &Path,
        cache: Option<&dyn ModelCache>,
        summaries: bool,
    ) -> Option<IndexedFile> {
        let language = Language::from_path(path)?;
        // A stat, not an open: a warm run answers from the cache without opening the file.
        let stamp = FileStamp::of(&std::fs::metadata(path).ok()?)?;
        if stamp.size > self.options.max_file_size {
            return None;
        }
        if let Some(contribution) = cache.and_then(|c| c.lookup(path, stamp)) {
            return Some(IndexedFile {
                path: path.to_path_buf(),
                stamp,
                models: contribution.models,
                summary: contribution.summary,
                reused: true,
            });
        }
        let bytes = std::fs::read(path).ok()?;
        let text = std::str::from_utf8(&bytes).ok()?;
        let mut contribution = self.contribution_of_source(language, path, text, summaries);
        Some(IndexedFile {
            path: path.to_path_buf(),
            stamp,
            models: contribution.models.take(),
            summary: contribution.summary.take(),
            reused: false,
        })
    }

    /// What `text`, as the contents of `path`, contributes to the project-wide facts the enabled rules
    /// read: the model index, the project graph.
    pub fn contribution_of_source(
        &self,
        language: Language,
        path: &Path,
        text: &str,
        summary: bool,
    ) -> Contribution {
        Contribution {
            models: self
                .reads_models
                .then(|| self.models_of_source(language, path, text))
                .flatten(),
            summary: (summary && self.reads_graph)
                .then(|| self.summary_of_source(language, path, text, false))
                .flatten(),
        }
    }

    /// What `text` contributes to the project graph: the relative modules it names (JavaScript), and,
    /// when it can register a function of one as a handler (the semantic layer's handler triggers), has
    /// event-loop code (Python) or `calls` asks for it, what it parses out: the functions it registers
    /// and its calls of other modules. Test and generated files contribute nothing.
    fn summary_of_source(
        &self,
        language: Language,
        path: &Path,
        text: &str,
        calls: bool,
    ) -> Option<FileSummary> {
        if text.contains('\0') {
            return None;
        }
        let known_as = self.project_path(path);
        let is_test = FileKind::of(&known_as, text.starts_with("#!")) == FileKind::Test;
        if is_test {
            return None;
        }
        let javascript = language.family() == LanguageFamily::JavaScript;
        let mut summary = FileSummary::default();
        let parse_it = if javascript {
            summary.imports = graph::project_specifiers(text.as_bytes(), &self.modules);
            !summary.imports.is_empty()
                && (calls || {
                    // Only the summary's question: every rule is left out of the search.
                    let mut only_summary = vec![true; self.rules.len()];
                    only_summary.push(false);
                    let active = self.prefilters[0].active(
                        &known_as,
                        text,
                        self.options.prefilter,
                        &only_summary,
                    );
                    active.get(self.summary_slot()).copied().unwrap_or(false)
                        || self.may_register_mapped_imports(text)
                })
        } else {
            may_call_from_event_loop(text) || graph::may_register_python(text)
        };
        if parse_it && !generated::is_generated(language.family(), &known_as, text) {
            if let Some(tree) = parse(language, text) {
                let semantic = self.graph_semantic(language, &known_as, text, &tree);
                if javascript || graph::may_register_python(text) {
                    summary.handlers = semantic.outgoing_handlers().to_vec();
                }
                summary.calls = Some(FileSummary::calls_read(semantic.outgoing_calls()));
            }
        }
        Some(summary).filter(|s| !s.is_empty())
    }

    /// What `path` contributes to the project graph with its calls of other modules read (the graph
    /// asks for them: [`ProjectGraph::unread_callers`]); `None` when it cannot be read.
    pub fn summary_with_calls(&self, path: &Path) -> Option<FileSummary> {
        let language = Language::from_path(path)?;
        let bytes = std::fs::read(path).ok()?;
        if bytes.len() as u64 > self.options.max_file_size {
            return None;
        }
        let text = std::str::from_utf8(&bytes).ok()?;
        self.summary_of_source(language, path, text, true)
    }

    /// Which of `asked`, exports of `path` that other files call in loops, run a database query on every
    /// call (with the model index in force); `None` when the file cannot be read or parsed.
    pub fn query_exports(&self, path: &Path, asked: Vec<Option<String>>) -> Option<QueryExports> {
        let language = Language::from_path(path)?;
        let bytes = std::fs::read(path).ok()?;
        if bytes.len() as u64 > self.options.max_file_size || bytes.contains(&0) {
            return None;
        }
        let text = std::str::from_utf8(&bytes).ok()?;
        let known_as = self.project_path(path);
        // A bundle or minified file is no module of the application: it is not parsed.
        if generated::is_generated(language.family(), &known_as, text) {
            return None;
        }
        // Only what can tell: a Python module's other functions and classes are not parsed.
        let names: Vec<&str> = asked.iter().filter_map(|m| m.as_deref()).collect();
        let parts = if self.options.prefilter {
            models::function_ranges(text, language.family(), &names)
        } else {
            models::Parts::Whole
        };
        let tree = parse_parts(language, text, parts)?;
        // The same code as the rules': a panic in it loses this answer, not the run.
        let queries = catch_unwind(AssertUnwindSafe(|| {
            let semantic = self.graph_semantic(language, &known_as, text, &tree);
            let mut answers = Vec::new();
            for member in &asked {
                let direct = semantic
                    .exported_function(member.as_deref())
                    .and_then(|function| query_on_every_call(&semantic, &self.models, function));
                if let Some(query) = direct {
                    answers.push(QueryExport {
                        member: member.clone(),
                        runs: RunsQuery::Directly {
                            what: query.describe(),
                            in_process: runs_in_process(&semantic, &query),
                            span: Span::from(query.node),
                        },
                    });
                    continue;
                }
                // What it hands on to other modules may run one: the graph follows it.
                for (specifier, called, span) in semantic.handed_on(member.as_deref()) {
                    answers.push(QueryExport {
                        member: member.clone(),
                        runs: RunsQuery::Through {
                            specifier,
                            member: called,
                            span,
                        },
                    });
                }
            }
            answers
        }))
        .ok()?;
        Some(QueryExports {
            index: self.models.fingerprint(),
            asked,
            queries,
        })
    }

    /// What a text contributes to the model index, as [`prepare`](Self::prepare) reads each file.
    pub fn source_models(language: Language, path: &Path, text: &str) -> Option<FileModels> {
        Self::models_of_text(language, path, text, true)
    }

    /// `outline`: parse only the parts of the file that can declare models ([`models::index_ranges`]);
    /// off with the prefilter, to check that both give the same index.
    pub(crate) fn models_of_text(
        language: Language,
        path: &Path,
        text: &str,
        outline: bool,
    ) -> Option<FileModels> {
        if text.contains('\0') || !models::may_define_models(text, language.family()) {
            return None;
        }
        if generated::is_generated(language.family(), path, text) {
            return None;
        }
        let parts = if outline {
            models::index_ranges(text, language.family())
        } else {
            models::Parts::Whole
        };
        let tree = parse_parts(language, text, parts)?;
        let semantic = Semantic::build(language, path, text, &tree, &mut |_| {});
        let contribution = models::extract(&semantic);
        (!contribution.is_empty()).then_some(contribution)
    }

    /// The index of the prefilter's answer to "can the file register a function of another module?"
    /// (after the rules').
    fn summary_slot(&self) -> usize {
        self.rules.len()
    }

    /// What is known of `path` from outside it: the `[[functions]]` of the configuration that apply to
    /// it (name and what runs it), and the project graph's `incoming` handlers.
    fn declared_functions_of(&self, path: &Path, known: FileFacts<'_>) -> FileDeclarations {
        let mut declarations = FileDeclarations {
            handlers: known.incoming.to_vec(),
            startup: known.startup.to_vec(),
            event_loop: known.event_loop.to_vec(),
            handler_calls: known.handler_calls.to_vec(),
            queries: known.queries.to_vec(),
            modules: self.modules.clone(),
            ..FileDeclarations::default()
        };
        for (files, names, declares) in &self.declared_functions {
            if !files.as_ref().is_none_or(|m| m.matches(path)) {
                continue;
            }
            for name in names {
                match *declares {
                    Declares::Context(context) => {
                        declarations.contexts.push((name.clone(), context))
                    }
                    Declares::Runs(kind) => declarations.calls.push((name.clone(), kind)),
                }
            }
        }
        declarations
    }

    /// Changes the run settings.
    pub fn with_options(mut self, options: EngineOptions) -> Engine {
        self.options = options;
        self
    }

    /// The run settings in force.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// The ids of the enabled rules.
    pub fn enabled_rules(&self) -> &[Arc<str>] {
        &self.enabled_ids
    }

    /// Lints every file below `paths`, in parallel; the result does not depend on the thread count.
    pub fn lint_paths(&self, paths: &[PathBuf], walk: &WalkOptions) -> RunReport {
        self.lint_paths_cached(paths, walk, None)
    }

    /// [`lint_paths`](Self::lint_paths), reusing the reports `cache` holds for unchanged files.
    pub fn lint_paths_cached(
        &self,
        paths: &[PathBuf],
        walk: &WalkOptions,
        cache: Option<&dyn ResultCache>,
    ) -> RunReport {
        if self.reads_models {
            return self.lint_workset(self.prepare(paths, walk), cache);
        }
        let walked = walk_in_parallel(paths, walk, |path| {
            let cached = cache.and_then(|c| c.lookup(&path, 0)).map(|mut report| {
                report.cached = true;
                report
            });
            cached.unwrap_or_else(|| self.lint_file(&path))
        });
        let mut files = walked.results;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        RunReport {
            files,
            walk_errors: walked.errors,
            excluded: walked.excluded,
            walk_time: walked.time,
            ..RunReport::default()
        }
    }

    /// Lints the files of a [`Workset`] with its model index, reusing `cache`'s reports for unchanged
    /// files (the cache must be keyed on the index's [`fingerprint`](ModelIndex::fingerprint)).
    pub fn lint_workset(&self, workset: Workset, cache: Option<&dyn ResultCache>) -> RunReport {
        let models = &*workset.models;
        // Largest files first, one task each: a large file left for last would keep one thread busy
        // while the others wait (the index pass knows the sizes of the files it looked at).
        // Both lists are sorted by path: the sizes are read in one pass, and the reports put back in
        // the files' order by number (comparing paths splits them into components each time).
        let mut sizes = vec![0; workset.files.len()];
        let mut indexed = workset.indexed.iter().peekable();
        for (size, path) in sizes.iter_mut().zip(&workset.files) {
            while indexed.next_if(|f| f.path < *path).is_some() {}
            if let Some(file) = indexed.next_if(|f| f.path == *path) {
                *size = file.stamp.size;
            }
        }
        let mut order: Vec<usize> = (0..workset.files.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
        let mut numbered: Vec<(usize, FileReport)> = order
            .par_iter()
            .with_max_len(1)
            .map(|&i| {
                let path = &workset.files[i];
                let facts = self.graph.facts(path);
                let cached = cache.and_then(|c| c.lookup(path, facts)).map(|mut report| {
                    report.cached = true;
                    report
                });
                (i, cached.unwrap_or_else(|| self.lint_file_in(path, models)))
            })
            .collect();
        numbered.sort_unstable_by_key(|(i, _)| *i);
        let files: Vec<FileReport> = numbered.into_iter().map(|(_, report)| report).collect();
        RunReport {
            files,
            walk_errors: workset.walk_errors,
            excluded: workset.excluded,
            walk_time: workset.walk_time,
            models: models.len(),
            index_time: workset.index_time,
            index_reused: workset.indexed.iter().filter(|f| f.reused).count(),
            indexed: workset.indexed,
            graph_time: GraphTimes::default(),
        }
    }

    /// Gives each diagnostic its context (the rule's, or what runs its primary span) and drops those in
    /// a context their rule does not speak in.
    fn place_in_contexts(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        semantic: &Semantic<'_>,
        tree: &tree_sitter::Tree,
    ) {
        let root = tree.root_node();
        diagnostics.retain_mut(|diagnostic| {
            let context = diagnostic.context.unwrap_or_else(|| {
                let span = diagnostic.span;
                let node = root
                    .descendant_for_byte_range(span.start, span.end)
                    .unwrap_or(root);
                semantic.context_at(node)
            });
            diagnostic.context = Some(context);
            self.rules
                .iter()
                .find(|rule| rule.id == diagnostic.rule)
                .is_none_or(|rule| rule.contexts.contains(context))
        });
    }

    /// Totals of a run measured with [`EngineOptions::timings`].
    pub fn statistics(&self, report: &RunReport) -> Statistics {
        let mut phases = [Duration::ZERO; 6];
        let mut rules = vec![Duration::ZERO; self.rules.len()];
        let mut statistics = Statistics {
            files: report.files.len(),
            walk: report.walk_time,
            models: report.models,
            index_reused: report.index_reused,
            ..Statistics::default()
        };
        for file in &report.files {
            if file.cached {
                statistics.cached += 1;
            } else if file.parsed {
                statistics.parsed += 1;
            } else if file.minified {
                statistics.minified += 1;
            } else if file.errors.is_empty() {
                statistics.skipped_by_prefilter += 1;
            }
            let Some(timings) = &file.timings else {
                continue;
            };
            for (total, spent) in phases.iter_mut().zip([
                timings.read,
                timings.prefilter,
                timings.parse,
                timings.semantic,
                timings.rules.iter().sum(),
                timings.finish,
            ]) {
                *total += spent;
            }
            for (total, spent) in rules.iter_mut().zip(&timings.rules) {
                *total += *spent;
            }
        }
        let names = ["read", "prefilter", "parse", "semantic", "rules", "finish"];
        let graph = report.graph_time;
        statistics.phases = std::iter::once(("index", report.index_time))
            .chain(names.into_iter().zip(phases))
            .chain([
                ("graph: callers", graph.callers),
                ("graph: queries", graph.queries),
                ("graph: merge", graph.merge),
                ("graph: relint", graph.relint),
            ])
            .collect();
        let mut by_rule: Vec<(Arc<str>, Duration)> =
            self.rules.iter().map(|r| r.id.clone()).zip(rules).collect();
        by_rule.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        statistics.rules = by_rule;
        statistics
    }

    /// Reads and lints one file.
    pub fn lint_file(&self, path: &Path) -> FileReport {
        self.lint_file_in(path, &self.models)
    }

    fn lint_file_in(&self, path: &Path, models: &ModelIndex) -> FileReport {
        let started = self.options.timings.then(Instant::now);
        let mut report = self.read_and_lint(path, models);
        if let (Some(started), Some(timings)) = (started, report.timings.as_mut()) {
            // Everything not accounted to a later phase was reading.
            let later = timings.prefilter
                + timings.parse
                + timings.semantic
                + timings.rules.iter().sum::<Duration>()
                + timings.finish;
            timings.read = started.elapsed().saturating_sub(later);
        }
        report
    }

    fn read_and_lint(&self, path: &Path, models: &ModelIndex) -> FileReport {
        use std::io::Read;
        // One open: its metadata gives the stamp and the size, then the same handle is read.
        let opened = std::fs::File::open(path).and_then(|file| Ok((file.metadata()?, file)));
        let (metadata, mut file) = match opened {
            Ok(opened) => opened,
            Err(error) => return FileReport::skipped(path, FileError::Read(error.to_string())),
        };
        let stamp = FileStamp::of(&metadata);
        let size = metadata.len();
        // Checked before reading, so a huge file is never loaded.
        let limit = self.options.max_file_size;
        let mut report = if size > limit {
            FileReport::skipped(path, FileError::TooLarge { size, limit })
        } else {
            let mut bytes = Vec::with_capacity(size as usize + 1);
            match file.read_to_end(&mut bytes) {
                Ok(_) => self.lint_bytes_in(path, bytes, models),
                Err(error) => FileReport::skipped(path, FileError::Read(error.to_string())),
            }
        };
        report.stamp = stamp;
        report
    }

    /// Lints raw bytes as the contents of `path` (standard input, an editor buffer): binary, non-UTF-8 and
    /// oversize input is reported and skipped exactly as for files on disk.
    pub fn lint_bytes(&self, path: &Path, bytes: Vec<u8>) -> FileReport {
        self.lint_bytes_in(path, bytes, &self.models)
    }

    fn lint_bytes_in(&self, path: &Path, bytes: Vec<u8>, models: &ModelIndex) -> FileReport {
        let limit = self.options.max_file_size;
        let size = bytes.len() as u64;
        if size > limit {
            return FileReport::skipped(path, FileError::TooLarge { size, limit });
        }
        if memchr::memchr(0, &bytes).is_some() {
            return FileReport::skipped(path, FileError::Binary);
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.lint_source_in(path, &text, models),
            Err(error) => {
                FileReport::skipped(path, FileError::NotUtf8(error.utf8_error().valid_up_to()))
            }
        }
    }

    /// Lints `text` as the contents of `path` (the path decides the language and the per-file settings).
    pub fn lint_source(&self, path: &Path, text: &str) -> FileReport {
        self.lint_source_in(path, text, &self.models)
    }

    fn lint_source_in(&self, path: &Path, text: &str, models: &ModelIndex) -> FileReport {
        let mut report = FileReport {
            path: path.to_path_buf(),
            findings: Vec::new(),
            errors: Vec::new(),
            source: None,
            parsed: false,
            timings: self.options.timings.then(|| {
                Box::new(FileTimings {
                    rules: vec![Duration::ZERO; self.rules.len()],
                    ..FileTimings::default()
                })
            }),
            stamp: None,
            cached: false,
            minified: false,
            summary: None,
            facts: 0,
        };
        let known = self.graph.of(path);
        report.facts = known.hash();
        let mut laps = Laps::start(self.options.timings);
        let Some(language) = Language::from_path(path) else {
            return report;
        };
        if text.len() as u64 > self.options.max_file_size {
            report.errors.push(FileError::TooLarge {
                size: text.len() as u64,
                limit: self.options.max_file_size,
            });
            return report;
        }
        // Rules this file is exempt from: they cannot fire, and suppressions of them cannot be judged.
        let mut exempt = vec![false; self.rules.len()];
        // The per-file settings match the path as given; the rules see the path below the root.
        let known_as = self.project_path(path);
        let file_context = Context::of_file_kind(FileKind::of(&known_as, text.starts_with("#!")));
        if let Some(context) = file_context {
            for (index, rule) in self.rules.iter().enumerate() {
                exempt[index] |= !rule.contexts.contains(context);
            }
        }
        for (matcher, ids) in &self.per_file_ignores {
            if matcher.matches(path) {
                for (index, rule) in self.rules.iter().enumerate() {
                    if ids.iter().any(|id| **id == *rule.id) {
                        exempt[index] = true;
                    }
                }
            }
        }
        let family_index = usize::from(language.family() == LanguageFamily::Python);
        // Tests register handlers of their own (a test app): what they register is not the project's
        // routing, so they are not read for the project graph.
        let reads_graph = self.reads_graph && file_context != Some(Context::Test);
        let javascript = language.family() == LanguageFamily::JavaScript;
        exempt.push(!(reads_graph && javascript));
        // Who may call whom, for every file: the graph needs it of the files no rule reads too.
        if reads_graph && javascript {
            report.summary = Some(FileSummary {
                imports: graph::project_specifiers(text.as_bytes(), &self.modules),
                ..FileSummary::default()
            })
            .filter(|s| !s.is_empty());
        }
        // Other files make some of this one's code handler or event-loop code: the triggers of such
        // code need not appear here, so the prefilter cannot rule a rule out.
        let prefilter = self.options.prefilter && !known.runs_per_request_elsewhere();
        let mut active = self.prefilters[family_index].active(&known_as, text, prefilter, &exempt);
        // A file that can register another module's functions as handlers is read for the project
        // graph even when no rule can fire on it.
        // Python: a file with event-loop code is read for the calls it makes into other modules.
        let reads_summary = if javascript {
            active.get(self.summary_slot()).copied().unwrap_or(false)
                || (reads_graph && self.may_register_mapped_imports(text))
        } else {
            reads_graph && (may_call_from_event_loop(text) || graph::may_register_python(text))
        };
        active.truncate(self.rules.len());
        let has_suppressions = text.contains("snag-ignore");
        let prefilter_time = laps.lap();
        if let Some(timings) = report.timings.as_mut() {
            timings.prefilter = prefilter_time;
        }
        if !active.iter().any(|a| *a) && !has_suppressions && !reads_summary {
            return report;
        }

        // Asked only of files a rule could fire on: the answer costs a pass over the text.
        if generated::is_generated(language.family(), &known_as, text) {
            report.minified = true;
            return report;
        }
        let Some(tree) = parse(language, text) else {
            report.errors.push(FileError::Parse);
            return report;
        };
        report.parsed = true;
        let parse_time = laps.lap();
        let dispatch = &self.dispatch[language.index()];
        let mut queue: Vec<Node<'_>> = Vec::new();
        let mut comments: Vec<Node<'_>> = Vec::new();
        let mut error_spans: Vec<Span> = Vec::new();
        // The kinds this file's active rules want, looked up once per node by kind id.
        let wanted: Vec<bool> = dispatch
            .by_kind
            .iter()
            .map(|rules| rules.iter().any(|&r| active[r as usize]))
            .collect();
        let declared = self.declared_functions_of(path, known);
        let semantic = Semantic::build_declared(
            language,
            &known_as,
            text,
            &tree,
            &mut |node| {
                let kind = node.kind_id() as usize;
                // `ERROR` (what `is_error` asks).
                if kind == usize::from(u16::MAX) {
                    error_spans.push(Span::from(node));
                    return;
                }
                if has_suppressions && dispatch.comment.get(kind).copied().unwrap_or(false) {
                    comments.push(node);
                    return;
                }
                if wanted.get(kind).copied().unwrap_or(false)
                    && !error_spans
                        .last()
                        .is_some_and(|e| e.contains(Span::from(node)))
                {
                    queue.push(node);
                }
            },
            declared,
        );
        let semantic_time = laps.lap();
        if reads_graph && !javascript {
            // Its calls of other modules from event-loop code and loops.
            report.summary = Some(FileSummary::default());
        }
        if let Some(summary) = report.summary.as_mut() {
            // Read anyway: its calls of other modules come free (a Python file's registrations only
            // where the index pass reads them too, so that a partial run sees the same).
            if javascript || graph::may_register_python(text) {
                summary.handlers = semantic.outgoing_handlers().to_vec();
            }
            summary.calls = Some(FileSummary::calls_read(semantic.outgoing_calls()));
        }
        report.summary = report.summary.take().filter(|s| !s.is_empty());
        let mut rule_times = vec![
            Duration::ZERO;
            if self.options.timings {
                self.rules.len()
            } else {
                0
            }
        ];
        let mut diagnostics = Vec::new();
        let mut failed = vec![false; self.rules.len()];
        let mut memos: Vec<FileMemo> = (0..self.rules.len()).map(|_| FileMemo::default()).collect();
        for node in queue {
            for &index in &dispatch.by_kind[node.kind_id() as usize] {
                let index = index as usize;
                if !active[index] || failed[index] {
                    continue;
                }
                let enabled = &self.rules[index];
                let mut context = RuleContext::new(
                    &semantic,
                    models,
                    &enabled.id,
                    enabled.severity,
                    &mut diagnostics,
                    &mut memos[index],
                );
                let outcome =
                    catch_unwind(AssertUnwindSafe(|| enabled.rule.check(node, &mut context)));
                if let Some(spent) = rule_times.get_mut(index) {
                    *spent += laps.lap();
                }
                if let Err(panic) = outcome {
                    failed[index] = true;
                    diagnostics.retain(|d| d.rule != enabled.id);
                    report.errors.push(FileError::RulePanic {
                        rule: enabled.id.to_string(),
                        message: panic_message(&panic),
                    });
                }
            }
        }
        diagnostics.retain(|d| !error_spans.iter().any(|e| e.contains(d.span)));
        self.place_in_contexts(&mut diagnostics, &semantic, &tree);
        if !diagnostics.is_empty() || !comments.is_empty() {
            let lines = LineIndex::new(text);
            let diagnostics =
                self.apply_suppressions(diagnostics, &comments, &tree, text, &lines, &exempt);
            let mut findings: Vec<Finding> = diagnostics
                .into_iter()
                .map(|d| {
                    let scope = semantic.scope_name(d.span);
                    Finding {
                        scope,
                        ..Finding::new(d, text, &lines)
                    }
                })
                .collect();
            findings.sort_by(|a, b| {
                (a.range.start, &a.diagnostic.rule, &a.diagnostic.message).cmp(&(
                    b.range.start,
                    &b.diagnostic.rule,
                    &b.diagnostic.message,
                ))
            });
            findings.dedup_by(|a, b| a.range == b.range && a.diagnostic.rule == b.diagnostic.rule);
            if !findings.is_empty() {
                report.source = Some(Arc::from(text));
            }
            report.findings = findings;
        }
        // Freeing the model and the tree is part of this file's cost (`finish`), not of the next one's.
        drop(comments);
        drop(semantic);
        drop(tree);
        if let Some(timings) = report.timings.as_mut() {
            (timings.parse, timings.semantic, timings.rules) =
                (parse_time, semantic_time, rule_times);
            timings.finish = laps.lap();
        }
        report
    }

    fn apply_suppressions(
        &self,
        diagnostics: Vec<Diagnostic>,
        comments: &[Node<'_>],
        tree: &tree_sitter::Tree,
        text: &str,
        lines: &LineIndex,
        exempt: &[bool],
    ) -> Vec<Diagnostic> {
        if comments.is_empty() {
            return diagnostics;
        }
        let first_code = first_code_offset(tree);
        let suppressions: Vec<Suppression> = comments
            .iter()
            .filter_map(|c| {
                let span = Span::from(*c);
                suppression::parse_comment(
                    &text[c.byte_range()],
                    span,
                    text,
                    lines,
                    span.start < first_code,
                )
            })
            .collect();
        let mut used = vec![false; suppressions.len()];
        let mut kept = Vec::with_capacity(diagnostics.len());
        for diagnostic in diagnostics {
            let line = lines.line_of(diagnostic.span.start);
            let mut suppressed = false;
            for (index, s) in suppressions.iter().enumerate() {
                if s.covers(&diagnostic.rule, line) {
                    used[index] = true;
                    suppressed = true;
                }
            }
            if !suppressed {
                kept.push(diagnostic);
            }
        }
        let Some(severity) = self.report_unused_suppressions else {
            return kept;
        };
        let unused_id: Arc<str> = Arc::from(UNUSED_SUPPRESSION);
        for (s, used) in suppressions.iter().zip(used) {
            if used {
                continue;
            }
            // A suppression of a rule that is not enabled in this run cannot be judged.
            let judged: Vec<&String> = s
                .rules
                .iter()
                .filter(|r| {
                    let runs_here = self
                        .rules
                        .iter()
                        .zip(exempt)
                        .any(|(e, exempt)| *e.id == ***r && !exempt);
                    runs_here || !self.is_known_rule(r)
                })
                .collect();
            if !s.rules.is_empty() && judged.is_empty() {
                continue;
            }
            let unknown: Vec<&&String> = judged.iter().filter(|r| !self.is_known_rule(r)).collect();
            let message = if let Some(rule) = unknown.first() {
                format!("This suppression names `{rule}`, which is not a snag rule: remove it or fix the id.")
            } else if s.rules.is_empty() {
                "This `snag-ignore` comment suppresses nothing: no finding is reported on this line or the next. Remove it.".to_string()
            } else {
                let names: Vec<String> = s.rules.iter().map(|r| format!("`{r}`")).collect();
                format!(
                    "This `snag-ignore` comment suppresses nothing: {} reports no finding {}. Remove it.",
                    names.join(", "),
                    if s.whole_file { "in this file" } else { "on this line or the next" }
                )
            };
            kept.push(Diagnostic {
                rule: unused_id.clone(),
                severity,
                message,
                span: s.span,
                labels: Vec::new(),
                help: Some("Suppressions that no longer match anything hide the next real finding; delete the comment.".into()),
                context: None,
                fix: Some(crate::diagnostic::Fix {
                    message: "Remove the unused suppression comment".into(),
                    edits: vec![crate::diagnostic::Edit {
                        span: removal_span(s, text, lines),
                        content: String::new(),
                    }],
                    applicability: crate::diagnostic::Applicability::Safe,
                }),
            });
        }
        kept
    }

    fn is_known_rule(&self, id: &str) -> bool {
        id == UNUSED_SUPPRESSION
            || self.rules.iter().any(|r| *r.id == *id)
            || self.all_known.iter().any(|k| k == id)
    }
}

/// What to delete to remove a suppression comment: its whole line when it stands alone, else the comment
/// and the whitespace before it.
fn removal_span(suppression: &Suppression, text: &str, lines: &LineIndex) -> Span {
    let line_start = lines.line_start(suppression.line);
    if suppression.own_line {
        let next = if suppression.line + 1 < lines.line_count() {
            lines.line_start(suppression.line + 1)
        } else {
            text.len()
        };
        return Span::new(line_start, next.max(suppression.span.end));
    }
    let before = text[line_start..suppression.span.start].trim_end().len();
    Span::new(line_start + before, suppression.span.end)
}

/// What a walk gave: the results of `process` on each file, the walk's errors (sorted), what the
/// `exclude` globs left out (sorted) and the walk's wall time.
struct Walked<T> {
    results: Vec<T>,
    errors: Vec<WalkError>,
    excluded: Vec<Excluded>,
    time: Duration,
}

/// What a file must contain to register a function of another module of the project as a handler:
/// a registration (the semantic layer's handler triggers) that names a relative import
/// ([`crate::graph::may_register_imports`]).
fn registration_target() -> Target {
    let imports = vec![crate::trigger::check(
        "registers an import",
        crate::graph::may_register_imports,
    )];
    Target {
        family: LanguageFamily::JavaScript,
        node_kinds: Vec::new(),
        triggers: crate::semantic::js_handler_triggers().to_vec(),
        requires: vec![imports],
    }
}

/// Walks `paths` on a thread of its own and runs `process` on each file on the rayon pool as the walk
/// finds it (work starts before the walk ends).
fn walk_in_parallel<T: Send>(
    paths: &[PathBuf],
    walk: &WalkOptions,
    process: impl Fn(PathBuf) -> T + Sync + Send,
) -> Walked<T> {
    let walk_errors = Mutex::new(Vec::new());
    let excluded = Mutex::new(Vec::new());
    let (sender, receiver) = std::sync::mpsc::sync_channel::<PathBuf>(1024);
    let mut time = Duration::ZERO;
    let results = std::thread::scope(|scope| {
        let (walk_errors, excluded) = (&walk_errors, &excluded);
        let time = &mut time;
        scope.spawn(move || {
            let started = Instant::now();
            discover::walk(
                paths,
                walk,
                &|path| {
                    let _ = sender.send(path);
                },
                &|error| walk_errors.lock().expect("walk errors").push(error),
                &|left_out| excluded.lock().expect("excluded").push(left_out),
            );
            *time = started.elapsed();
        });
        receiver.into_iter().par_bridge().map(process).collect()
    });
    let mut errors = walk_errors.into_inner().expect("walk errors");
    errors.sort_by_key(|e| e.to_string());
    let mut excluded = excluded.into_inner().expect("excluded");
    excluded.sort();
    Walked {
        results,
        errors,
        excluded,
        time,
    }
}

/// Parses `text` with this thread's parser for `language`.
pub fn parse(language: Language, text: &str) -> Option<tree_sitter::Tree> {
    with_parser(language, |parser| parser.parse(text, None))
}

/// The tree of the parts of `text` that `parts` names (`None` for nothing, or when parsing fails).
fn parse_parts(language: Language, text: &str, parts: models::Parts) -> Option<Tree> {
    match parts {
        models::Parts::Whole => parse(language, text),
        models::Parts::Ranges(ranges) => parse_ranges(language, text, &ranges),
        models::Parts::Nothing => None,
    }
}

/// Parses only `ranges` of `text` (sorted, disjoint): the tree's positions are the text's, and what lies
/// between the ranges is as if absent.
pub fn parse_ranges(
    language: Language,
    text: &str,
    ranges: &[tree_sitter::Range],
) -> Option<tree_sitter::Tree> {
    with_parser(language, |parser| {
        parser.set_included_ranges(ranges).ok()?;
        let tree = parser.parse(text, None);
        // Back to the whole text for the next file (an empty list means everything).
        parser
            .set_included_ranges(&[])
            .expect("the whole text is a valid range");
        tree
    })
}

fn with_parser<T>(language: Language, run: impl FnOnce(&mut Parser) -> Option<T>) -> Option<T> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let slot = &mut parsers[language.index()];
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&language.grammar())
                .expect("grammar ABI checked by tests");
            parser
        });
        run(parser)
    })
}

/// Where the first statement that is not a comment starts (the end of the file's first comment block).
fn first_code_offset(tree: &tree_sitter::Tree) -> usize {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let first = root
        .named_children(&mut cursor)
        .find(|n| !matches!(n.kind(), "comment" | "hash_bang_line"))
        .map_or(usize::MAX, |n| n.start_byte());
    first
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Python: whether a text can hold event-loop code that calls other modules (`async def`), the only
/// calls the project graph reads from Python so far.
fn may_call_from_event_loop(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"async def").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RegistryError;
    use crate::rule::{DeclarationError, FixKind, RuleMeta, Target};
    use crate::trigger::{literal, pattern, TriggerError};

    /// Reports every call whose callee is `flag`; panics on calls of `boom`.
    struct Probe(RuleMeta);

    impl Probe {
        fn new(id: &str) -> Probe {
            Probe(RuleMeta {
                id: id.to_string(),
                summary: "probe".into(),
                docs: "Flags calls of `flag`.".into(),
                default_severity: Severity::Warning,
                fix: FixKind::None,
                status: RuleStatus::Stable,
                since: "0.1.0".into(),
                targets: vec![Target {
                    family: LanguageFamily::JavaScript,
                    node_kinds: vec!["call_expression".into()],
                    triggers: vec![literal("flag"), literal("boom")],
                    requires: Vec::new(),
                }],
                contexts: Contexts::ALL,
                reads_models: false,
                handles: Vec::new(),
            })
        }
    }

    impl Rule for Probe {
        fn meta(&self) -> &RuleMeta {
            &self.0
        }
        fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
            let callee = ctx.text(node.child_by_field_name("function").unwrap());
            if callee == "boom" {
                panic!("probe exploded");
            }
            if callee == "flag" {
                let diagnostic = ctx.diagnostic(node, "flagged");
                ctx.report(diagnostic);
            }
        }
    }

    #[test]
    fn a_misdeclared_rule_is_an_error_naming_it() {
        let config = Config::default();
        let mut bad_kind = Probe::new("bad-kind");
        bad_kind.0.targets[0]
            .node_kinds
            .push("call_expresion".into());
        let error = RuleRegistry::with([Arc::new(bad_kind) as Arc<dyn Rule>])
            .err()
            .expect("an error");
        assert_eq!(
            error,
            RegistryError::Declaration(DeclarationError::NodeKind {
                rule: "bad-kind".into(),
                family: LanguageFamily::JavaScript,
                kind: "call_expresion".into(),
            })
        );
        assert_eq!(
            error.to_string(),
            "rule `bad-kind`: `call_expresion` is not a node kind of JavaScript"
        );
        let mut bad_pattern = Probe::new("bad-pattern");
        bad_pattern.0.targets[0]
            .requires
            .push(vec![pattern("get \\d '/")]);
        let error = RuleRegistry::with([Arc::new(bad_pattern) as Arc<dyn Rule>])
            .err()
            .expect("an error");
        assert!(matches!(
            &error,
            RegistryError::Declaration(DeclarationError::Trigger {
                rule,
                reason: TriggerError::UnknownEscape(_),
                ..
            }) if rule == "bad-pattern"
        ));
        assert_eq!(
            error.to_string(),
            "rule `bad-pattern`: invalid pattern `get \\d '/` for JavaScript: `\\d` is not an escape \
             of the pattern language (`\\b`, `\\w`, `\\(`, `\\)`, `\\\\`, `\\ `, `\\^`)"
        );
        // A TypeScript kind is a kind of the JavaScript family.
        let mut typescript = Probe::new("typescript");
        typescript.0.targets[0]
            .node_kinds
            .push("as_expression".into());
        let registry = RuleRegistry::with([Arc::new(typescript) as Arc<dyn Rule>]).unwrap();
        assert_eq!(Engine::new(&registry, &config).enabled_rules().len(), 1);
    }

    fn engine() -> Engine {
        let rules = RuleRegistry::with([
            Arc::new(Probe::new("probe")) as Arc<dyn Rule>,
            Arc::new(Probe::new("other")),
        ])
        .unwrap();
        Engine::new(&rules, &Config::default_at(".".into()))
    }

    #[test]
    fn preview_rules_run_only_when_preview_is_on_or_they_are_selected() {
        let mut preview = Probe::new("fresh");
        preview.0.status = RuleStatus::Preview;
        let registry = RuleRegistry::with([
            Arc::new(preview) as Arc<dyn Rule>,
            Arc::new(Probe::new("probe")),
        ])
        .unwrap();
        let mut config = Config::default_at(".".into());
        let enabled = |config: &Config| {
            Engine::new(&registry, config)
                .enabled_rules()
                .iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(enabled(&config), vec!["probe"]);
        config.preview = true;
        assert_eq!(enabled(&config), vec!["fresh", "probe"]);
        config.preview = false;
        config.select = Some(vec!["fresh".into()]);
        assert_eq!(enabled(&config), vec!["fresh"]);
    }

    fn lines(report: &FileReport) -> Vec<String> {
        report
            .findings
            .iter()
            .map(|f| format!("{}@{}", f.diagnostic.rule, f.range.start.line))
            .collect()
    }

    #[test]
    fn a_panicking_rule_is_reported_and_the_others_still_run() {
        let report = engine().lint_source(Path::new("a.js"), "flag();\nboom();\n");
        assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
        assert!(report
            .errors
            .iter()
            .all(|e| e.is_internal() && e.to_string().contains("probe exploded")));
        assert!(
            report.findings.is_empty(),
            "a rule that panicked loses its findings in this file"
        );
        let clean = engine().lint_source(Path::new("b.js"), "flag();\n");
        assert_eq!(lines(&clean), vec!["other@1", "probe@1"]);
    }

    #[test]
    fn findings_inside_syntax_errors_are_dropped_and_the_rest_kept() {
        let report =
            engine().lint_source(Path::new("a.js"), "flag();\nconst = = flag(;\nflag();\n");
        assert!(lines(&report).contains(&"probe@1".to_string()));
        assert!(lines(&report).contains(&"probe@3".to_string()));
        assert!(
            !lines(&report).iter().any(|l| l.ends_with("@2")),
            "{:?}",
            lines(&report)
        );
    }

    #[test]
    fn rules_skip_files_of_other_contexts_and_their_suppressions_are_not_judged() {
        let mut probe = Probe::new("probe");
        probe.0.contexts = Contexts::DEFAULT;
        let rules = RuleRegistry::with([Arc::new(probe) as Arc<dyn Rule>]).unwrap();
        let engine = Engine::new(&rules, &Config::default_at(".".into()));
        let source = "function f() {\n  flag(); // snag-ignore probe\n  flag();\n}\nflag();\n";
        for other in [
            "src/__tests__/a.test.js",
            "migrations/001_orders.js",
            "bin/cli.js",
            "app/static/js/widget.js",
        ] {
            let report = engine.lint_source(Path::new(other), source);
            assert!(report.findings.is_empty(), "{other}: {:?}", lines(&report));
        }
        // In application code, the call at module level runs at start-up: dropped.
        let in_app = engine.lint_source(Path::new("src/a.js"), source);
        assert_eq!(lines(&in_app), vec!["probe@3"]);
        let contexts: Vec<Option<Context>> = in_app
            .findings
            .iter()
            .map(|f| f.diagnostic.context)
            .collect();
        assert_eq!(contexts, [Some(Context::Unknown)]);
        // Configured to speak everywhere, it reports both, each with its context.
        let mut config = Config::default_at(".".into());
        config.contexts.insert("probe".into(), Contexts::ALL);
        let engine = Engine::new(&rules, &config);
        let everywhere = engine.lint_source(Path::new("src/a.js"), source);
        assert_eq!(lines(&everywhere), vec!["probe@3", "probe@5"]);
        assert_eq!(
            everywhere.findings[1].diagnostic.context,
            Some(Context::StartUp)
        );
        let in_test = engine.lint_source(Path::new("src/__tests__/a.test.js"), source);
        assert_eq!(lines(&in_test), vec!["probe@3", "probe@5"]);
    }

    #[test]
    fn functions_the_configuration_declares_run_where_it_says() {
        let mut probe = Probe::new("probe");
        probe.0.contexts = Contexts::DEFAULT;
        let rules = RuleRegistry::with([Arc::new(probe) as Arc<dyn Rule>]).unwrap();
        let source = "function restartServer() {\n  flag();\n  helper();\n}\nfunction helper() {\n  flag();\n}\nfunction importAll() {\n  flag();\n}\nfunction serve() {\n  flag();\n}\nmodule.exports = { restartServer, importAll, serve };\n";
        let text = r#"
[[functions]]
names = ["restartServer"]
files = ["src/**"]
context = "start-up"

[[functions]]
names = ["importAll"]
context = "command-line"

[[functions]]
names = ["serve"]
context = "request"
"#;
        let config = Config::parse(Path::new("snag.toml"), text, &["probe"]).unwrap();
        let engine = Engine::new(&rules, &config);
        let report = engine.lint_source(Path::new("src/server.js"), source);
        // Start-up code (and what only it calls) and command-line code are quiet; `serve` is request
        // code, whatever calls it.
        assert_eq!(lines(&report), vec!["probe@12"]);
        assert_eq!(
            report.findings[0].diagnostic.context,
            Some(Context::Request)
        );
        // Outside `files`, `restartServer` is what snag sees: code whose callers are unknown.
        let elsewhere = engine.lint_source(Path::new("lib/server.js"), source);
        assert_eq!(lines(&elsewhere), vec!["probe@2", "probe@6", "probe@12"]);
    }

    #[test]
    fn files_no_rule_can_fire_on_are_not_parsed() {
        let report = engine().lint_source(Path::new("a.js"), "const x = 1;\n");
        assert!(!report.parsed);
        assert!(engine().lint_source(Path::new("a.js"), "flag();\n").parsed);
    }

    #[test]
    fn suppressions_hide_findings_and_unused_ones_are_reported() {
        let source = "\
// snag-ignore-file other -- generated
flag(); // snag-ignore probe -- known
// snag-ignore probe -- next line
flag();
flag(); // snag-ignore probe
const x = 1; // snag-ignore probe -- nothing here
// snag-ignore no-such-rule
";
        let report = engine().lint_source(Path::new("a.js"), source);
        assert_eq!(
            lines(&report),
            vec!["unused-suppression@6", "unused-suppression@7"]
        );
        let unknown = &report.findings[1].diagnostic.message;
        assert!(unknown.contains("no-such-rule"), "{unknown}");
    }
}
