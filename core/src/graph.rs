//! The project graph: what the files of a project do with each other's functions, followed through
//! their imports. Today: the functions a file takes from another module of the project (a relative
//! import) and registers with a web framework, so that the module knows them as request handlers
//! (`router.get('/admin', admin.index)` in `routes.js` makes `index` in `controllers/admin.js` handler
//! code).
//!
//! Like the model index, the graph is a pure merge of per-file contributions ([`FileSummary`], what the
//! index pass reads from each file and caches), resolved against the project's files: an editor swaps
//! one file's part and rebuilds it. Nothing is guessed: an import that does not resolve to a file of the
//! project (a package, a path alias, a missing file) contributes nothing, and cycles are harmless (a
//! registration is one edge, nothing propagates along chains of them).

use crate::diagnostic::Span;
use crate::module_map::ModuleMap;
use crate::semantic::{
    CallContext, ImportedQuery, IncomingCall, IncomingHandler, OutgoingCall, OutgoingHandler,
};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one file contributes to the project graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileSummary {
    /// Functions of other modules it registers as request handlers.
    pub handlers: Vec<OutgoingHandler>,
    /// The relative specifiers its text holds (`'./lib/boot'`), read without parsing: the modules it
    /// may use. Every file of the project that holds one has them, so that the graph knows who may call
    /// a module even where it has not read the calls.
    pub imports: Vec<String>,
    /// Its uses of other modules' exports with what runs them; `None` when it was not read for them
    /// (then nothing is said of the modules it imports, until [`ProjectGraph::unread_callers`] asks for
    /// it).
    pub calls: Option<Vec<OutgoingCall>>,
    /// Which of its exports run a database query on every call, read when other files call them in
    /// loops ([`ProjectGraph::query_demand`]); unlike the rest, it depends on the model index too.
    #[serde(default)]
    pub queries: Option<QueryExports>,
}

impl FileSummary {
    /// What the graph reads of a file's uses of other modules' exports (`calls`, in source order): each
    /// call in a loop (each may be a query per item), and of the others the first of each kind (the
    /// same export, module object or not, run by the same code), which is all that the merge asks of
    /// them. A module's uses of its helpers are many, and every warm run reads them back.
    pub fn calls_read(calls: &[OutgoingCall]) -> Vec<OutgoingCall> {
        let mut seen: FxHashSet<(&str, Option<&str>, bool, &CallContext)> = FxHashSet::default();
        calls
            .iter()
            .filter(|call| {
                call.in_loop
                    || seen.insert((
                        &call.specifier,
                        call.member.as_deref(),
                        call.whole_module,
                        &call.context,
                    ))
            })
            .cloned()
            .collect()
    }

    /// Whether it contributes nothing.
    pub fn is_empty(&self) -> bool {
        // JavaScript calls are only ever of modules it imports; Python's name their modules themselves.
        self.handlers.is_empty()
            && self.imports.is_empty()
            && self.calls.as_ref().is_none_or(Vec::is_empty)
            && self.queries.is_none()
    }

    /// This summary, read from the text, with the query answers of `earlier` (the same text's
    /// contribution, which holds them when another file asked): they are read on demand only.
    pub fn keeping_queries_of(
        summary: Option<FileSummary>,
        earlier: Option<&FileSummary>,
    ) -> Option<FileSummary> {
        let Some(queries) = earlier.and_then(|e| e.queries.clone()) else {
            return summary;
        };
        let mut summary = summary.unwrap_or_default();
        summary.queries = Some(queries);
        Some(summary)
    }
}

/// Which exports of a file run a database query on every call, among those other files call in loops.
/// The answer depends on the model index (which names are models), so it holds the index it was read
/// with: the graph ignores it under another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct QueryExports {
    /// The model index's [`fingerprint`](crate::models::ModelIndex::fingerprint) it was read with.
    pub index: u64,
    /// The exports asked about (JavaScript: the export's name, `None` for the module's own value;
    /// Python: a module-level function).
    pub asked: Vec<Option<String>>,
    /// Those that run a query on every call.
    pub queries: Vec<QueryExport>,
}

/// An export that runs a database query on every call, or may: it calls another module's export on
/// every call.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct QueryExport {
    /// The export, as [`QueryExports::asked`] names it.
    pub member: Option<String>,
    /// How.
    pub runs: RunsQuery,
}

/// How an export runs a query on every call.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RunsQuery {
    /// Itself, or through functions of its own module.
    Directly {
        /// The query, as written (`` `prisma.user.findUnique` ``).
        what: String,
        /// Whether it goes to a database inside the process (SQLite).
        in_process: bool,
        /// The query's span.
        span: Span,
    },
    /// It calls an export of another module on every call (or exports one again), which may: the
    /// specifier and export as [`OutgoingCall`] names them, and the call's span.
    Through {
        /// The module, as written in this one (`./repo`, `app.repo`, `.users`).
        specifier: String,
        /// Its export (Python: the name after the module, `find` or `repo.find`).
        member: Option<String>,
        /// The call's (or the re-exporting statement's) span.
        span: Span,
    },
}

/// The merged graph: for each file, what other files do with its exports.
#[derive(Debug, Default)]
pub struct ProjectGraph {
    incoming: FxHashMap<PathBuf, Vec<IncomingHandler>>,
    /// Exports that other files call, and only from start-up code, by file.
    startup: FxHashMap<PathBuf, Vec<Option<String>>>,
    /// Python: the functions that event-loop code of other modules calls, by file.
    event_loop: FxHashMap<PathBuf, Vec<IncomingCall>>,
    /// JavaScript: the exports that handler code of other files calls (not registered ones), by file.
    handler_calls: FxHashMap<PathBuf, Vec<IncomingCall>>,
    /// The functions of other modules each file calls in loops that run a query on every call, by file.
    queries: FxHashMap<PathBuf, Vec<ImportedQuery>>,
    /// The exports called in loops that no file's [`QueryExports`] answers for yet, by file.
    query_demand: Vec<(PathBuf, Vec<Option<String>>)>,
    /// The project's files, numbered.
    files: Arc<Files>,
    /// The files that may use each file (their imports resolve to it).
    importers: Vec<Vec<FileId>>,
    /// The files whose calls were not read.
    unread: Vec<bool>,
    /// For each file, the files that call it from the body of one of their own exports (whose callers
    /// decide, in turn, whether the call is start-up code).
    export_callers: Vec<Vec<FileId>>,
    fingerprint: u64,
}

/// A file of the project, numbered.
type FileId = u32;

/// One export of one file.
type Export = (FileId, Option<String>);

/// The project's files, numbered, and the answers that depend on them alone (where relative
/// specifiers and Python modules lead): kept between merges of the graph while the files stay.
#[derive(Default)]
pub struct FileTable {
    files: Arc<Files>,
    resolver: Resolver,
    python: PythonModules,
}

impl FileTable {
    /// The table of `files`, whose modules only relative specifiers name.
    pub fn new(files: &[PathBuf]) -> FileTable {
        FileTable::with_modules(files, Arc::default())
    }

    /// The table of `files`, whose modules `modules` names too (`paths`, workspaces).
    pub fn with_modules(files: &[PathBuf], modules: Arc<ModuleMap>) -> FileTable {
        FileTable {
            files: Arc::new(Files::new(files)),
            resolver: Resolver {
                modules,
                ..Resolver::default()
            },
            ..FileTable::default()
        }
    }
}

/// The project's files, numbered, with their paths as [`key`] spells them.
#[derive(Clone, Debug, Default)]
struct Files {
    ids: FxHashMap<String, FileId>,
    paths: Vec<PathBuf>,
}

impl Files {
    fn new(files: &[PathBuf]) -> Files {
        let mut numbered = Files::default();
        for file in files {
            numbered.id(&key(file));
        }
        numbered
    }

    /// The number of `path` (a key), numbering it when new.
    fn id(&mut self, path: &Path) -> FileId {
        let name = path.to_string_lossy();
        if let Some(&id) = self.ids.get(name.as_ref()) {
            return id;
        }
        let id = self.paths.len() as FileId;
        self.ids.insert(name.into_owned(), id);
        self.paths.push(path.to_path_buf());
        id
    }

    fn get(&self, path: &Path) -> Option<FileId> {
        self.get_key(&key(path))
    }

    /// The number of a path spelled as [`key`] spells it.
    fn get_key(&self, key: &Path) -> Option<FileId> {
        self.ids.get(key.to_string_lossy().as_ref()).copied()
    }

    fn path(&self, id: FileId) -> &PathBuf {
        &self.paths[id as usize]
    }

    fn len(&self) -> usize {
        self.paths.len()
    }
}

/// What the project graph says of one file.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileFacts<'g> {
    /// Its exports other files register as request handlers.
    pub incoming: &'g [IncomingHandler],
    /// Its exports other files call, and only from their start-up code.
    pub startup: &'g [Option<String>],
    /// Python: its functions that event-loop code of other modules calls.
    pub event_loop: &'g [IncomingCall],
    /// JavaScript: its exports that handler code of other files calls (registered ones are
    /// `incoming`).
    pub handler_calls: &'g [IncomingCall],
    /// The functions of other modules it calls in loops that run a query on every call.
    pub queries: &'g [ImportedQuery],
}

impl FileFacts<'_> {
    /// Whether the graph says nothing of the file.
    pub fn is_empty(&self) -> bool {
        self.incoming.is_empty()
            && self.startup.is_empty()
            && self.event_loop.is_empty()
            && self.handler_calls.is_empty()
            && self.queries.is_empty()
    }

    /// Whether other files make some of its code handler or event-loop code: then the triggers of
    /// such code need not appear in the file, and the prefilter cannot rule a rule out.
    pub fn runs_per_request_elsewhere(&self) -> bool {
        !(self.incoming.is_empty() && self.event_loop.is_empty() && self.handler_calls.is_empty())
    }

    /// A hash of the facts (0: none), which a file's findings depend on.
    pub fn hash(&self) -> u64 {
        if self.is_empty() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.incoming.hash(&mut hasher);
        self.startup.hash(&mut hasher);
        self.event_loop.hash(&mut hasher);
        self.handler_calls.hash(&mut hasher);
        self.queries.hash(&mut hasher);
        hasher.finish().max(1)
    }
}

/// The extensions a module specifier may leave out, in the order Node and TypeScript try them.
const EXTENSIONS: &[&str] = &["js", "ts", "tsx", "jsx", "mjs", "cjs", "mts", "cts"];

/// Whether a file name's extension is one a JavaScript or TypeScript module is found with.
pub(crate) fn is_module_extension(extension: &str) -> bool {
    EXTENSIONS.contains(&extension)
}

impl ProjectGraph {
    /// Merges the summaries of a project whose files are `files` (the walk's), resolving each import
    /// against them. `root` is what registering files are shown relative to; `index` the fingerprint of
    /// the model index in force (query answers read with another are ignored).
    pub fn new<'a>(
        summaries: impl IntoIterator<Item = (&'a Path, &'a FileSummary)>,
        files: &[PathBuf],
        root: Option<&Path>,
        index: u64,
    ) -> ProjectGraph {
        ProjectGraph::over(summaries, &mut FileTable::new(files), root, index)
    }

    /// [`new`](Self::new) over a table of the project's files kept between merges: what is resolved
    /// against the files alone is resolved once.
    pub fn over<'a>(
        summaries: impl IntoIterator<Item = (&'a Path, &'a FileSummary)>,
        table: &mut FileTable,
        root: Option<&Path>,
        index: u64,
    ) -> ProjectGraph {
        let summaries: Vec<(&'a Path, &'a FileSummary)> = summaries.into_iter().collect();
        // A contribution of a file the table does not hold (not walked) numbers it in a table of this
        // merge's own.
        let mut extended = None;
        for (path, _) in &summaries {
            let key = key(path);
            if table.files.get_key(&key).is_none() {
                let own = extended.get_or_insert_with(|| FileTable {
                    files: Arc::new((*table.files).clone()),
                    resolver: Resolver {
                        modules: table.resolver.modules.clone(),
                        ..Resolver::default()
                    },
                    ..FileTable::default()
                });
                Arc::make_mut(&mut own.files).id(&key);
            }
        }
        let table = extended.as_mut().unwrap_or(table);
        let files = table.files.clone();
        let summaries: Vec<(&Path, FileId, &FileSummary)> = summaries
            .into_iter()
            .filter_map(|(path, summary)| Some((path, files.get(path)?, summary)))
            .collect();
        let count = files.len();
        let FileTable {
            resolver, python, ..
        } = table;
        let mut graph = ProjectGraph {
            importers: vec![Vec::new(); count],
            unread: vec![false; count],
            export_callers: vec![Vec::new(); count],
            ..ProjectGraph::default()
        };
        // Calls of each export, and modules whose object escapes (any export may run anywhere).
        let mut callers: FxHashMap<Export, Vec<(FileId, CallContext)>> = FxHashMap::default();
        // The first call of each export from each file, to explain what it makes of the export.
        let mut sites: FxHashMap<(FileId, Export), (u32, Span)> = FxHashMap::default();
        // Exports registered as handlers.
        let mut registered: FxHashSet<Export> = FxHashSet::default();
        let mut escaped = vec![false; count];
        // The modules each file exports every export of (`export * from`).
        let mut stars: Vec<(FileId, FileId)> = Vec::new();
        // Calls in loops, with the export they call, and each file's query answers.
        let mut loop_calls: Vec<(FileId, &OutgoingCall, Export)> = Vec::new();
        let mut answers: FxHashMap<FileId, &QueryExports> = FxHashMap::default();
        for (path, from, summary) in summaries {
            if let Some(queries) = summary.queries.as_ref().filter(|q| q.index == index) {
                answers.insert(from, queries);
            }
            let folder = files.path(from).parent().map(Path::to_path_buf);
            let Some(folder) = folder else { continue };
            let is_python = crate::language::Language::from_path(path)
                .is_some_and(|l| l.family() == crate::language::LanguageFamily::Python);
            // How the file is shown, worked out for the first fact it explains (most explain none).
            let mut shown_as: Option<Arc<str>> = None;
            let mut shown = || {
                shown_as
                    .get_or_insert_with(|| Arc::from(shown_path(path, root).as_str()))
                    .clone()
            };
            let file: Arc<Path> = Arc::from(path);
            for handler in &summary.handlers {
                // Python names a module-level function of a module by its dotted name.
                let resolved = if is_python {
                    python
                        .resolve(&files, path, &handler.specifier, handler.member.as_deref())
                        .map(|(target, function)| (target, Some(function)))
                } else {
                    resolver
                        .resolve(&files, &folder, &handler.specifier)
                        .map(|target| (target, handler.member.clone()))
                };
                let Some((target, member)) = resolved else {
                    continue;
                };
                registered.insert((target, member.clone()));
                graph
                    .incoming
                    .entry(files.path(target).clone())
                    .or_default()
                    .push(IncomingHandler {
                        framework: handler.framework.clone(),
                        registration: IncomingCall {
                            member,
                            from: shown(),
                            line: handler.line,
                            file: file.clone(),
                            span: handler.span,
                        },
                    });
            }
            let mut resolve = |specifier: &str| resolver.resolve(&files, &folder, specifier);
            for specifier in &summary.imports {
                if let Some(target) = resolve(specifier) {
                    graph.importers[target as usize].push(from);
                }
            }
            let Some(calls) = &summary.calls else {
                graph.unread[from as usize] = true;
                continue;
            };
            for call in calls {
                if is_python {
                    let Some((target, function)) =
                        python.resolve(&files, path, &call.specifier, call.member.as_deref())
                    else {
                        continue;
                    };
                    if call.in_loop {
                        loop_calls.push((from, call, (target, Some(function.clone()))));
                    }
                    if call.context != CallContext::EventLoop {
                        continue;
                    }
                    graph
                        .event_loop
                        .entry(files.path(target).clone())
                        .or_default()
                        .push(IncomingCall {
                            member: Some(function),
                            from: shown(),
                            line: call.line,
                            file: file.clone(),
                            span: call.span,
                        });
                    continue;
                }
                let Some(target) = resolve(&call.specifier) else {
                    continue;
                };
                escaped[target as usize] |= call.whole_module;
                if matches!(
                    call.context,
                    CallContext::Export(_) | CallContext::ReExported
                ) {
                    graph.export_callers[target as usize].push(from);
                }
                if call.context == CallContext::ReExported {
                    stars.push((from, target));
                    continue;
                }
                let export = (target, call.member.clone());
                if call.in_loop {
                    loop_calls.push((from, call, export.clone()));
                }
                sites
                    .entry((from, export.clone()))
                    .or_insert((call.line, call.span));
                callers
                    .entry(export)
                    .or_default()
                    .push((from, call.context.clone()));
            }
        }
        for list in graph.importers.iter_mut().chain(&mut graph.export_callers) {
            list.sort_unstable();
            list.dedup();
        }
        forward_through_stars(&stars, &mut callers, &mut escaped);
        graph.files = files;
        graph.startup = graph.startup_exports(&callers, &escaped);
        graph.handler_calls = graph.calls_from_handlers(&callers, &registered, &sites, root);
        graph.imported_queries(&loop_calls, &answers, &stars, resolver, python);
        for calls in graph.event_loop.values_mut() {
            // The first call of each function (by file and line) explains it.
            calls.sort_by(|a, b| (&a.member, &a.from, a.line).cmp(&(&b.member, &b.from, b.line)));
            calls.dedup_by(|a, b| a.member == b.member);
        }
        graph.fingerprint = graph.hash_all();
        graph
    }

    /// The exports every caller calls from start-up code, as a least fixed point: a call from another
    /// export's body counts once that export is known to be start-up code. An export of a module some
    /// importer was not read for, or whose module object escapes, is never one.
    fn startup_exports(
        &self,
        callers: &FxHashMap<Export, Vec<(FileId, CallContext)>>,
        escaped: &[bool],
    ) -> FxHashMap<PathBuf, Vec<Option<String>>> {
        let complete: Vec<bool> = (0..self.files.len())
            .map(|file| {
                !escaped[file]
                    && self.importers[file]
                        .iter()
                        .all(|&f| !self.unread[f as usize])
            })
            .collect();
        // Numbered, the exports of complete modules: the fixed point runs on indices. A method of an
        // exported class or instance (`OrdersService.findAll`) is never one: it is called through
        // what no import shows (an untyped field, a template, a subclass, the object handed on).
        let exports: Vec<&Export> = callers
            .keys()
            .filter(|(file, member)| {
                complete[*file as usize] && !member.as_deref().is_some_and(|m| m.contains('.'))
            })
            .collect();
        let index: FxHashMap<&Export, usize> =
            exports.iter().enumerate().map(|(i, e)| (*e, i)).collect();
        /// What a caller needs: nothing, an export to be start-up code, or the impossible.
        enum Needs {
            Nothing,
            Export(usize),
            Never,
        }
        let needs: Vec<Vec<Needs>> = exports
            .iter()
            .map(|export| {
                callers[*export]
                    .iter()
                    .map(|(from, context)| match context {
                        CallContext::StartUp => Needs::Nothing,
                        CallContext::Export(member) => index
                            .get(&(*from, member.clone()))
                            .map_or(Needs::Never, |&i| Needs::Export(i)),
                        CallContext::Other
                        | CallContext::ReExported
                        | CallContext::EventLoop
                        | CallContext::Handler => Needs::Never,
                    })
                    .collect()
            })
            .collect();
        let mut startup = vec![false; exports.len()];
        let mut changed = true;
        while changed {
            changed = false;
            for (i, calls) in needs.iter().enumerate() {
                if startup[i] {
                    continue;
                }
                let all_startup = calls.iter().all(|need| match need {
                    Needs::Nothing => true,
                    Needs::Export(j) => startup[*j],
                    Needs::Never => false,
                });
                if all_startup {
                    startup[i] = true;
                    changed = true;
                }
            }
        }
        let mut by_file: FxHashMap<PathBuf, Vec<Option<String>>> = FxHashMap::default();
        for (export, _) in exports.iter().zip(&startup).filter(|(_, s)| **s) {
            by_file
                .entry(self.files.path(export.0).clone())
                .or_default()
                .push(export.1.clone());
        }
        for members in by_file.values_mut() {
            members.sort();
        }
        by_file
    }

    /// The exports handler code of other files calls: directly, or from the body of an export that is
    /// handler code in turn (registered, or called so), as a fixed point; each with the first call that
    /// makes it so. Registered exports are handler code already and left out.
    fn calls_from_handlers(
        &self,
        callers: &FxHashMap<Export, Vec<(FileId, CallContext)>>,
        registered: &FxHashSet<Export>,
        sites: &FxHashMap<(FileId, Export), (u32, Span)>,
        root: Option<&Path>,
    ) -> FxHashMap<PathBuf, Vec<IncomingCall>> {
        let mut reasons: FxHashMap<&Export, FileId> = FxHashMap::default();
        let mut changed = true;
        while changed {
            changed = false;
            for (export, calls) in callers {
                if reasons.contains_key(export) || registered.contains(export) {
                    continue;
                }
                let reason = calls.iter().find_map(|(from, context)| match context {
                    CallContext::Handler => Some(*from),
                    CallContext::Export(member) => {
                        let caller = (*from, member.clone());
                        (registered.contains(&caller) || reasons.contains_key(&caller))
                            .then_some(*from)
                    }
                    _ => None,
                });
                if let Some(from) = reason {
                    reasons.insert(export, from);
                    changed = true;
                }
            }
        }
        // The call to show: through a barrel (`export *`), the call of the barrel's export.
        let site_of = |export: &Export| {
            let mut current = export.clone();
            for _ in 0..8 {
                let Some(&from) = reasons.get(&current) else {
                    break;
                };
                if let Some(&(line, span)) = sites.get(&(from, current.clone())) {
                    return (from, line, span);
                }
                current = (from, current.1.clone());
            }
            (reasons[export], 1, Span::default())
        };
        let mut by_file: FxHashMap<PathBuf, Vec<IncomingCall>> = FxHashMap::default();
        for export in reasons.keys() {
            let (from, line, span) = site_of(export);
            let caller = self.files.path(from);
            by_file
                .entry(self.files.path(export.0).clone())
                .or_default()
                .push(IncomingCall {
                    member: export.1.clone(),
                    from: Arc::from(shown_path(caller, root).as_str()),
                    line,
                    file: Arc::from(caller.as_path()),
                    span,
                });
        }
        for calls in by_file.values_mut() {
            calls.sort_by(|a, b| a.member.cmp(&b.member));
        }
        by_file
    }

    /// For each call in a loop, the query its export runs on every call, when the modules answer so
    /// (following `export *` barrels, re-exports and exports that call other modules' exports on every
    /// call); and the exports no module has answered for yet ([`query_demand`](Self::query_demand)).
    fn imported_queries(
        &mut self,
        loop_calls: &[(FileId, &OutgoingCall, Export)],
        answers: &FxHashMap<FileId, &QueryExports>,
        stars: &[(FileId, FileId)],
        resolver: &mut Resolver,
        python: &mut PythonModules,
    ) {
        let mut demand: FxHashMap<FileId, Vec<Option<String>>> = FxHashMap::default();
        let mut search = QuerySearch {
            files: &self.files,
            answers,
            stars,
            resolver,
            python,
            demand: &mut demand,
        };
        let mut found: FxHashMap<PathBuf, Vec<ImportedQuery>> = FxHashMap::default();
        for (from, call, export) in loop_calls {
            let Some((module, runs, via)) = search.query_of(export) else {
                continue;
            };
            let RunsQuery::Directly {
                what,
                in_process,
                span,
            } = runs
            else {
                continue;
            };
            let in_file = |file: FileId| Arc::from(self.files.path(file).as_path());
            found
                .entry(self.files.path(*from).clone())
                .or_default()
                .push(ImportedQuery {
                    specifier: call.specifier.clone(),
                    member: call.member.clone(),
                    what: what.clone(),
                    in_process: *in_process,
                    file: in_file(module),
                    span: *span,
                    via: via
                        .iter()
                        .map(|&(file, span)| (in_file(file), span))
                        .collect(),
                });
        }
        for queries in found.values_mut() {
            queries.sort_by(|a, b| (&a.specifier, &a.member).cmp(&(&b.specifier, &b.member)));
            queries.dedup_by(|a, b| a.specifier == b.specifier && a.member == b.member);
        }
        self.queries = found;
        let mut demand: Vec<(PathBuf, Vec<Option<String>>)> = demand
            .into_iter()
            .map(|(file, mut members)| {
                members.sort();
                (self.files.path(file).clone(), members)
            })
            .collect();
        demand.sort();
        self.query_demand = demand;
    }

    /// The exports other files call in loops whose modules have not said (under the model index in
    /// force) whether they run a query on every call: what must be read, by file, before the graph can
    /// tell those calls' files.
    pub fn query_demand(&self) -> &[(PathBuf, Vec<Option<String>>)] {
        &self.query_demand
    }

    fn hash_all(&self) -> u64 {
        let mut incoming: Vec<_> = self.incoming.iter().collect();
        incoming.sort_by(|a, b| a.0.cmp(b.0));
        let mut startup: Vec<_> = self.startup.iter().collect();
        startup.sort_by(|a, b| a.0.cmp(b.0));
        let mut event_loop: Vec<_> = self.event_loop.iter().collect();
        event_loop.sort_by(|a, b| a.0.cmp(b.0));
        let mut handler_calls: Vec<_> = self.handler_calls.iter().collect();
        handler_calls.sort_by(|a, b| a.0.cmp(b.0));
        let mut queries: Vec<_> = self.queries.iter().collect();
        queries.sort_by(|a, b| a.0.cmp(b.0));
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        incoming.hash(&mut hasher);
        startup.hash(&mut hasher);
        event_loop.hash(&mut hasher);
        handler_calls.hash(&mut hasher);
        queries.hash(&mut hasher);
        hasher.finish()
    }

    /// Everything the graph says of `path`, looked up once.
    pub fn of(&self, path: &Path) -> FileFacts<'_> {
        FileFacts {
            incoming: facts_of(&self.incoming, path),
            startup: facts_of(&self.startup, path),
            event_loop: facts_of(&self.event_loop, path),
            handler_calls: facts_of(&self.handler_calls, path),
            queries: facts_of(&self.queries, path),
        }
    }

    /// A hash of what the graph says of `path` (0: nothing): a file's findings depend on it.
    pub fn facts(&self, path: &Path) -> u64 {
        self.of(path).hash()
    }

    /// The files whose calls must be read before the graph can tell which exports of `files` run only
    /// at start-up: their importers not read yet, and, for importers that call them from the body of an
    /// export of their own, the importers of those in turn.
    pub fn unread_callers(&self, files: &[PathBuf]) -> Vec<PathBuf> {
        let mut seen = vec![false; self.files.len()];
        let mut queue: Vec<FileId> = files.iter().filter_map(|f| self.files.get(f)).collect();
        let mut unread = Vec::new();
        while let Some(file) = queue.pop() {
            if std::mem::replace(&mut seen[file as usize], true) {
                continue;
            }
            for &importer in &self.importers[file as usize] {
                if self.unread[importer as usize] && !unread.contains(&importer) {
                    unread.push(importer);
                }
            }
            queue.extend(&self.export_callers[file as usize]);
        }
        let mut paths: Vec<PathBuf> = unread
            .into_iter()
            .map(|id| self.files.path(id).clone())
            .collect();
        paths.sort();
        paths
    }

    /// A hash of the whole graph.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many files the graph tells something (counted once per kind of fact).
    pub fn len(&self) -> usize {
        self.incoming.len()
            + self.startup.len()
            + self.event_loop.len()
            + self.handler_calls.len()
            + self.queries.len()
    }

    /// Whether the graph tells no file anything.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The calls, by module, that lead from an export called in a loop to the query it runs.
type Steps = Vec<(FileId, Span)>;

/// How many modules a query is followed through from the export called in a loop.
pub(crate) const QUERY_HOPS: usize = 4;

/// The search, from an export called in a loop, for the query it runs on every call.
struct QuerySearch<'a, 'g> {
    files: &'g Files,
    answers: &'a FxHashMap<FileId, &'g QueryExports>,
    stars: &'a [(FileId, FileId)],
    resolver: &'a mut Resolver,
    python: &'a mut PythonModules,
    /// The exports met that no module has answered for yet.
    demand: &'a mut FxHashMap<FileId, Vec<Option<String>>>,
}

impl<'g> QuerySearch<'_, 'g> {
    /// The nearest query `export` runs on every call, in which module, and the calls (by module) that
    /// lead there from it. Breadth first: through the modules an `export *` barrel exports everything
    /// of, and the exports each answer says it hands on.
    fn query_of(&mut self, export: &Export) -> Option<(FileId, &'g RunsQuery, Steps)> {
        let mut queue: std::collections::VecDeque<(Export, Steps)> =
            std::collections::VecDeque::from([(export.clone(), Vec::new())]);
        let mut seen: FxHashSet<Export> = FxHashSet::default();
        while let Some(((module, member), via)) = queue.pop_front() {
            if via.len() > QUERY_HOPS || !seen.insert((module, member.clone())) {
                continue;
            }
            for &(_, source) in self.stars.iter().filter(|(barrel, _)| *barrel == module) {
                queue.push_back(((source, member.clone()), via.clone()));
            }
            let answer = self
                .answers
                .get(&module)
                .filter(|a| a.asked.contains(&member));
            let Some(answer) = answer else {
                let members = self.demand.entry(module).or_default();
                if !members.contains(&member) {
                    members.push(member);
                }
                continue;
            };
            for entry in answer.queries.iter().filter(|q| q.member == member) {
                match &entry.runs {
                    RunsQuery::Directly { .. } => return Some((module, &entry.runs, via)),
                    RunsQuery::Through {
                        specifier,
                        member: called,
                        span,
                    } => {
                        if let Some(next) = self.resolve(module, specifier, called.as_deref()) {
                            let mut via = via.clone();
                            via.push((module, *span));
                            queue.push_back((next, via));
                        }
                    }
                }
            }
        }
        None
    }

    /// The export `specifier` and `member` name, written in `module`.
    fn resolve(&mut self, module: FileId, specifier: &str, member: Option<&str>) -> Option<Export> {
        let path = self.files.path(module);
        if crate::language::Language::from_path(path)
            .is_some_and(|l| l.family() == crate::language::LanguageFamily::Python)
        {
            let (file, function) = self.python.resolve(self.files, path, specifier, member)?;
            return Some((file, Some(function)));
        }
        let folder = path.parent()?;
        let file = self.resolver.resolve(self.files, folder, specifier)?;
        Some((file, member.map(str::to_string)))
    }
}

/// A call of `m` of a module that exports every export of others (`export * from './x'`) may be a
/// call of their `m`: each gets the re-exporting module's export as a caller (start-up code when that
/// export is), along chains of such modules; a re-exporting module whose object escapes lets theirs
/// escape.
fn forward_through_stars(
    stars: &[(FileId, FileId)],
    callers: &mut FxHashMap<Export, Vec<(FileId, CallContext)>>,
    escaped: &mut [bool],
) {
    if stars.is_empty() {
        return;
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &(module, source) in stars {
            if module == source {
                continue;
            }
            if escaped[module as usize] && !escaped[source as usize] {
                escaped[source as usize] = true;
                changed = true;
            }
            let members: Vec<Option<String>> = callers
                .keys()
                .filter(|(file, _)| *file == module)
                .map(|(_, member)| member.clone())
                .collect();
            for member in members {
                let caller = (module, CallContext::Export(member.clone()));
                let entry = callers.entry((source, member)).or_default();
                if !entry.contains(&caller) {
                    entry.push(caller);
                    changed = true;
                }
            }
        }
    }
}

/// Resolves relative specifiers against the files of a project, remembering each folder's answers
/// (the files of a folder import the same modules).
#[derive(Default)]
struct Resolver {
    /// By folder (its bytes, which need no checking), then by specifier.
    answers: FxHashMap<Vec<u8>, FxHashMap<String, Option<FileId>>>,
    /// What names a module besides a relative specifier.
    modules: Arc<ModuleMap>,
}

impl Resolver {
    /// The file of the project a relative specifier written in a file of `folder` names: the file
    /// itself, a TypeScript source its `.js` name stands for (`./x.js` for `x.ts`), the name with one
    /// of [`EXTENSIONS`], or a folder's `index` file. `None` for packages and for names no file
    /// answers.
    fn resolve(&mut self, files: &Files, folder: &Path, specifier: &str) -> Option<FileId> {
        let relative = specifier.starts_with('.');
        if !relative && !self.modules.may_name_module(specifier) {
            return None;
        }
        let name = folder.as_os_str().as_encoded_bytes();
        if let Some(answer) = self
            .answers
            .get(name)
            .and_then(|answers| answers.get(specifier))
        {
            return *answer;
        }
        let answer = if relative {
            find(files, folder, specifier)
        } else {
            self.modules
                .candidates(folder, specifier)
                .iter()
                .find_map(|base| find_base(files, key(base).to_string_lossy().into_owned()))
        };
        self.answers
            .entry(name.to_vec())
            .or_default()
            .insert(specifier.to_string(), answer);
        answer
    }
}

fn find(files: &Files, folder: &Path, specifier: &str) -> Option<FileId> {
    find_base(files, joined_key(folder, specifier))
}

/// The file `base` (a key, with or without its extension) names: itself, a TypeScript source for a
/// `.js` name, the name with an extension, or its `index` file.
fn find_base(files: &Files, base: String) -> Option<FileId> {
    // One buffer for the candidates: the base and what is tried after it.
    let mut candidate = String::with_capacity(base.len() + 12);
    let mut exists = |parts: &[&str]| {
        candidate.clear();
        parts.iter().for_each(|p| candidate.push_str(p));
        files.ids.get(candidate.as_str()).copied()
    };
    let extension = Path::new(&base).extension().and_then(|e| e.to_str());
    if let Some(extension) = extension.filter(|e| EXTENSIONS.contains(e)) {
        if let Some(found) = exists(&[&base]) {
            return Some(found);
        }
        let sources: &[&str] = match extension {
            "js" => &["ts", "tsx"],
            "jsx" => &["tsx"],
            "mjs" => &["mts"],
            "cjs" => &["cts"],
            _ => &[],
        };
        let stem = &base[..base.len() - extension.len()];
        if let Some(found) = sources.iter().find_map(|e| exists(&[stem, e])) {
            return Some(found);
        }
    }
    let mut separator = [0; 4];
    let separator: &str = std::path::MAIN_SEPARATOR.encode_utf8(&mut separator);
    EXTENSIONS
        .iter()
        .find_map(|e| exists(&[&base, ".", e]))
        .or_else(|| {
            EXTENSIONS
                .iter()
                .find_map(|e| exists(&[&base, separator, "index.", e]))
        })
}

/// The [`key`] of `specifier` (`./x`, `../lib/y`) joined to `folder`, as a string: for an absolute
/// Unix folder, worked out on the string (splitting the joined path into components for every import
/// of the project was most of what resolving cost).
fn joined_key(folder: &Path, specifier: &str) -> String {
    let folder = key(folder);
    let Some(mut base) = folder
        .to_str()
        .filter(|f| cfg!(unix) && f.starts_with('/'))
        .map(str::to_owned)
    else {
        return key(&folder.join(specifier)).to_string_lossy().into_owned();
    };
    for segment in specifier.split('/') {
        match segment {
            "" | "." => {}
            // Above the root is the root, as for `lexical`.
            ".." => {
                let at = base.rfind('/').unwrap_or(0);
                base.truncate(at.max(1));
            }
            name => {
                if !base.ends_with('/') {
                    base.push('/');
                }
                base.push_str(name);
            }
        }
    }
    base
}

/// Python modules of the project by dotted name, and relative imports resolved from a file's package.
/// A module's name counts from its source root: the first folder above it that is not a package (holds
/// no `__init__.py`), as `sys.path` would list it (the project's root, `src/`, a Django project's
/// folder). Namespace packages (folders without `__init__.py`) are not followed.
#[derive(Default)]
struct PythonModules {
    /// Dotted name (`app.services.reports`) to file; built on first use.
    by_name: Option<FxHashMap<String, FileId>>,
}

impl PythonModules {
    /// The module file and the module-level function that `member` (`build` or `reports.build`) of the
    /// module written `specifier` (`app.services`, `.`, `..utils`) in `from` names: the longest prefix
    /// that is a module of the project, and one name after it.
    fn resolve(
        &mut self,
        files: &Files,
        from: &Path,
        specifier: &str,
        member: Option<&str>,
    ) -> Option<(FileId, String)> {
        let names: Vec<&str> = member.map_or_else(Vec::new, |m| m.split('.').collect());
        let function = (*names.last()?).to_string();
        let modules = &names[..names.len() - 1];
        if let Some(rest) = specifier.strip_prefix('.') {
            let ups = rest.len() - rest.trim_start_matches('.').len();
            let mut base = key(from).parent()?.to_path_buf();
            for _ in 0..ups {
                base = base.parent()?.to_path_buf();
            }
            let written = rest.trim_start_matches('.');
            let mut parts: Vec<&str> = written.split('.').filter(|p| !p.is_empty()).collect();
            parts.extend(modules);
            let mut path = base;
            path.extend(&parts);
            return module_file(files, &path).map(|file| (file, function));
        }
        let mut dotted: Vec<&str> = specifier.split('.').collect();
        dotted.extend(modules);
        let by_name = self
            .by_name
            .get_or_insert_with(|| python_module_names(files));
        by_name.get(&dotted.join(".")).map(|&file| (file, function))
    }
}

/// The file of the module at `path` (without extension): `path.py`, or `path/__init__.py` for a
/// package.
fn module_file(files: &Files, path: &Path) -> Option<FileId> {
    let name = path.to_string_lossy();
    let separator = std::path::MAIN_SEPARATOR;
    files
        .ids
        .get(&format!("{name}.py"))
        .or_else(|| files.ids.get(&format!("{name}{separator}__init__.py")))
        .copied()
}

/// Every Python file's dotted module names (see [`PythonModules`]).
fn python_module_names(files: &Files) -> FxHashMap<String, FileId> {
    let separator = std::path::MAIN_SEPARATOR;
    let is_package = |folder: &Path| {
        files.ids.contains_key(&format!(
            "{}{separator}__init__.py",
            folder.to_string_lossy()
        ))
    };
    let mut names = FxHashMap::default();
    for (id, path) in files.paths.iter().enumerate() {
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let mut parts: Vec<String> = Vec::new();
        if stem != "__init__" {
            parts.push(stem.to_string());
        }
        let mut folder = path.parent();
        if stem == "__init__" {
            // The package is the folder itself.
            if let Some(package) = folder {
                parts.push(
                    package
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
                folder = package.parent();
            }
        }
        while let Some(current) = folder.filter(|f| is_package(f)) {
            parts.push(
                current
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            folder = current.parent();
        }
        if parts.is_empty() {
            continue;
        }
        parts.reverse();
        names.entry(parts.join(".")).or_insert(id as FileId);
    }
    names
}

/// What `map` holds for `path`, looked up without normalising it when it needs none (the walk's
/// paths): asked of every linted file, several times.
fn facts_of<'m, T>(map: &'m FxHashMap<PathBuf, Vec<T>>, path: &Path) -> &'m [T] {
    if map.is_empty() {
        return &[];
    }
    let plain = path.components().all(|c| {
        !matches!(
            c,
            std::path::Component::CurDir | std::path::Component::ParentDir
        )
    });
    let found = if plain {
        map.get(path)
    } else {
        map.get(&key(path))
    };
    found.map_or(&[], Vec::as_slice)
}

/// A path as the graph keys files: `.` and `..` resolved by name (walked paths may be spelled
/// `./routes/a.js`, resolved ones `routes/../controllers/b.js`).
fn key(path: &Path) -> PathBuf {
    crate::project::lexical(path)
}

/// `path` as a registering file is shown: below `root`, with forward slashes.
fn shown_path(path: &Path, root: Option<&Path>) -> String {
    let below = root
        .and_then(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    key(below).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_specifier_joined_to_a_folder_is_keyed_as_the_joined_path_is() {
        for folder in ["/srv/app/routes", "/srv", "/", "relative/dir", "/srv/./app"] {
            for specifier in [
                "./a",
                "../a",
                "../../a/b",
                "./a/",
                ".",
                "..",
                "../../../../x",
                "./a/../b",
                "./a//b",
                "./é/x.js",
            ] {
                let folder = Path::new(folder);
                assert_eq!(
                    joined_key(folder, specifier),
                    key(&folder.join(specifier)).to_string_lossy(),
                    "{} + {specifier}",
                    folder.display()
                );
            }
        }
    }

    fn files(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn relative_specifiers_resolve_like_node_and_typescript() {
        let known = files(&[
            "/p/src/controllers/admin.js",
            "/p/src/controllers/users.ts",
            "/p/src/middleware/index.ts",
            "/p/src/lib/x.mts",
        ]);
        let numbered = Files::new(&known);
        let folder = Path::new("/p/src/routes");
        let mut resolver = Resolver::default();
        let mut resolve = |s: &str| {
            resolver
                .resolve(&numbered, folder, s)
                .map(|id| numbered.path(id).display().to_string())
        };
        assert_eq!(
            resolve("../controllers/admin").as_deref(),
            Some("/p/src/controllers/admin.js")
        );
        assert_eq!(
            resolve("../controllers/admin.js").as_deref(),
            Some("/p/src/controllers/admin.js")
        );
        assert_eq!(
            resolve("../controllers/users.js").as_deref(),
            Some("/p/src/controllers/users.ts")
        );
        assert_eq!(
            resolve("../middleware").as_deref(),
            Some("/p/src/middleware/index.ts")
        );
        assert_eq!(resolve("../lib/x.mjs").as_deref(), Some("/p/src/lib/x.mts"));
        assert_eq!(resolve("express"), None);
        assert_eq!(resolve("../controllers/missing"), None);
    }

    #[test]
    fn registrations_reach_the_module_they_name() {
        let summary = FileSummary {
            handlers: vec![OutgoingHandler {
                specifier: "./controllers/admin".into(),
                member: Some("index".into()),
                framework: "Express".into(),
                line: 7,
                span: crate::Span::new(120, 150),
            }],
            ..FileSummary::default()
        };
        let routes = PathBuf::from("./app/routes.js");
        let files = vec![routes.clone(), PathBuf::from("./app/controllers/admin.js")];
        let graph = ProjectGraph::new([(routes.as_path(), &summary)], &files, None, 0);
        let incoming = graph.of(Path::new("app/controllers/admin.js")).incoming;
        assert_eq!(incoming.len(), 1);
        assert_eq!(&*incoming[0].registration.from, "app/routes.js");
        assert_eq!(incoming[0].registration.member.as_deref(), Some("index"));
        assert!(graph.of(&routes).incoming.is_empty());
    }

    fn call(specifier: &str, member: &str, context: CallContext) -> OutgoingCall {
        OutgoingCall {
            specifier: specifier.into(),
            member: Some(member.into()),
            whole_module: false,
            context,
            line: 1,
            span: crate::Span::default(),
            in_loop: false,
        }
    }

    /// The files the graph asks which exports run a query.
    fn asked(graph: &ProjectGraph) -> Vec<&Path> {
        graph
            .query_demand()
            .iter()
            .map(|(p, _)| p.as_path())
            .collect()
    }

    fn read(imports: &[&str], calls: Vec<OutgoingCall>) -> FileSummary {
        FileSummary {
            imports: imports.iter().map(|s| s.to_string()).collect(),
            calls: Some(calls),
            ..FileSummary::default()
        }
    }

    #[test]
    fn an_export_is_start_up_code_when_every_caller_is_and_every_importer_was_read() {
        let files: Vec<PathBuf> = ["/p/server.js", "/p/app.js", "/p/boot.js", "/p/jobs.js"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let server = read(
            &["./app", "./boot"],
            vec![
                call("./boot", "loadConfig", CallContext::StartUp),
                call("./app", "start", CallContext::StartUp),
            ],
        );
        // `init` runs from `start`, an export only start-up code calls; `render` from elsewhere.
        let app = read(
            &["./boot"],
            vec![
                call("./boot", "init", CallContext::Export(Some("start".into()))),
                call("./boot", "render", CallContext::Other),
                call("./boot", "loadConfig", CallContext::StartUp),
            ],
        );
        let summaries = [(files[0].as_path(), &server), (files[1].as_path(), &app)];
        let graph = ProjectGraph::new(summaries, &files, None, 0);
        let boot = Path::new("/p/boot.js");
        assert_eq!(
            graph.of(boot).startup,
            [Some("init".to_string()), Some("loadConfig".to_string())]
        );
        assert_ne!(graph.facts(boot), 0);
        // A file that imports `boot` and whose calls were not read: nothing is said of `boot`, and it
        // is what the graph asks to read.
        let jobs = FileSummary {
            imports: vec!["./boot".into()],
            ..FileSummary::default()
        };
        let summaries = [
            (files[0].as_path(), &server),
            (files[1].as_path(), &app),
            (files[3].as_path(), &jobs),
        ];
        let graph = ProjectGraph::new(summaries, &files, None, 0);
        assert!(graph.of(boot).startup.is_empty());
        assert_eq!(
            graph.unread_callers(&[boot.to_path_buf()]),
            [files[3].clone()]
        );
        // The module object handed over: any export may run anywhere.
        let escaping = read(
            &["./boot"],
            vec![OutgoingCall {
                whole_module: true,
                member: None,
                ..call("./boot", "", CallContext::Other)
            }],
        );
        let summaries = [
            (files[0].as_path(), &server),
            (files[1].as_path(), &app),
            (files[3].as_path(), &escaping),
        ];
        let graph = ProjectGraph::new(summaries, &files, None, 0);
        assert!(graph.of(boot).startup.is_empty());
    }

    #[test]
    fn python_modules_resolve_from_their_source_root_and_relative_to_the_package() {
        let files = files(&[
            "/p/manage.py",
            "/p/app/__init__.py",
            "/p/app/services/__init__.py",
            "/p/app/services/reports.py",
            "/p/app/api/__init__.py",
            "/p/app/api/routes.py",
            "/p/src/lib/__init__.py",
            "/p/src/lib/clients.py",
        ]);
        let numbered = Files::new(&files);
        let mut modules = PythonModules::default();
        let routes = Path::new("/p/app/api/routes.py");
        let mut resolve = |specifier: &str, member: &str| {
            modules
                .resolve(&numbered, routes, specifier, Some(member))
                .map(|(file, function)| (numbered.path(file).display().to_string(), function))
        };
        let reports = Some((
            "/p/app/services/reports.py".to_string(),
            "build".to_string(),
        ));
        assert_eq!(resolve("app.services.reports", "build"), reports);
        assert_eq!(resolve("app.services", "reports.build"), reports);
        assert_eq!(resolve("..services.reports", "build"), reports);
        assert_eq!(resolve("..services", "reports.build"), reports);
        assert_eq!(
            resolve(".", "routes.index"),
            Some(("/p/app/api/routes.py".to_string(), "index".to_string()))
        );
        // `src/` is a source root because it is no package.
        assert_eq!(
            resolve("lib.clients", "fetch"),
            Some(("/p/src/lib/clients.py".to_string(), "fetch".to_string()))
        );
        assert_eq!(resolve("requests", "get"), None);
        // `Class.method` is not a module-level function.
        assert_eq!(resolve("app.services.reports", "Report.build"), None);
    }

    fn in_loop(specifier: &str, member: &str) -> OutgoingCall {
        OutgoingCall {
            in_loop: true,
            ..call(specifier, member, CallContext::Other)
        }
    }

    fn answer(index: u64, member: &str, runs: RunsQuery) -> FileSummary {
        FileSummary {
            queries: Some(QueryExports {
                index,
                asked: vec![Some(member.to_string())],
                queries: vec![QueryExport {
                    member: Some(member.to_string()),
                    runs,
                }],
            }),
            ..FileSummary::default()
        }
    }

    fn query_at(start: usize) -> RunsQuery {
        RunsQuery::Directly {
            what: "`prisma.user.findUnique`".into(),
            in_process: false,
            span: Span::new(start, start + 10),
        }
    }

    #[test]
    fn a_call_in_a_loop_asks_its_module_then_the_modules_it_hands_the_call_on_to() {
        let files: Vec<PathBuf> = [
            "/p/jobs/digest.js",
            "/p/lib/profiles.js",
            "/p/lib/index.js",
            "/p/lib/users.js",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let digest = read(
            &["../lib/profiles", "../lib"],
            vec![
                in_loop("../lib/profiles", "profileOf"),
                in_loop("../lib", "findUser"),
            ],
        );
        let barrel = read(
            &["./users"],
            vec![OutgoingCall {
                member: None,
                ..call("./users", "", CallContext::ReExported)
            }],
        );
        let hands_on = RunsQuery::Through {
            specifier: "./users".into(),
            member: Some("findUser".into()),
            span: Span::new(40, 60),
        };
        let profiles = answer(7, "profileOf", hands_on);
        let users = answer(7, "findUser", query_at(100));
        let digest_path = Path::new("/p/jobs/digest.js");
        // Nothing answered: the modules the loop calls are asked, the barrel and what it exports.
        let graph = ProjectGraph::new(
            [(files[0].as_path(), &digest), (files[2].as_path(), &barrel)],
            &files,
            None,
            7,
        );
        assert_eq!(
            asked(&graph),
            [
                Path::new("/p/lib/index.js"),
                Path::new("/p/lib/profiles.js"),
                Path::new("/p/lib/users.js")
            ]
        );
        assert!(graph.of(digest_path).queries.is_empty());
        // The service hands the call on to the repository, which runs the query; through the barrel,
        // the repository answers directly.
        let summaries = [
            (files[0].as_path(), &digest),
            (files[1].as_path(), &profiles),
            (files[2].as_path(), &barrel),
            (files[3].as_path(), &users),
        ];
        let graph = ProjectGraph::new(summaries, &files, None, 7);
        let queries = graph.of(digest_path).queries;
        assert_eq!(queries.len(), 2, "{queries:?}");
        let via_service = queries
            .iter()
            .find(|q| q.specifier == "../lib/profiles")
            .unwrap();
        assert_eq!(&*via_service.file, Path::new("/p/lib/users.js"));
        assert_eq!(via_service.span, Span::new(100, 110));
        assert_eq!(via_service.via.len(), 1);
        assert_eq!(&*via_service.via[0].0, Path::new("/p/lib/profiles.js"));
        // The barrel answered nothing of its own (it was not asked): it is asked, and the answer behind
        // it is found all the same.
        assert_eq!(graph.query_demand().len(), 1);
        // Answers read with another model index say nothing: they are asked again.
        let graph = ProjectGraph::new(summaries, &files, None, 8);
        assert!(graph.of(digest_path).queries.is_empty());
        assert_eq!(graph.query_demand().len(), 3);
    }

    #[test]
    fn mapped_specifiers_and_workspace_packages_resolve_to_the_project_s_files() {
        let root = std::env::temp_dir().join(format!("snag-graph-map-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |path: &str, text: &str| {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        };
        write(
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }"#,
        );
        write("package.json", r#"{ "workspaces": ["packages/*"] }"#);
        write(
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing" }"#,
        );
        let modules = Arc::new(ModuleMap::read(&root));
        let files: Vec<PathBuf> = [
            "src/routes/a.ts",
            "src/repositories/users.ts",
            "packages/billing/src/index.ts",
        ]
        .iter()
        .map(|f| root.join(f))
        .collect();
        let routes = read(
            &["@app/repositories/users", "@acme/billing", "lodash"],
            vec![
                in_loop("@app/repositories/users", "findUser"),
                in_loop("@acme/billing", "invoiceOf"),
                in_loop("lodash", "chunk"),
            ],
        );
        let graph = ProjectGraph::over(
            [(files[0].as_path(), &routes)],
            &mut FileTable::with_modules(&files, modules),
            None,
            7,
        );
        assert_eq!(asked(&graph), [files[2].as_path(), files[1].as_path()]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_method_of_an_exported_class_is_never_start_up_code_only() {
        // Its callers may reach it through what no import shows (an untyped field, a template).
        let files = files(&["/p/app.ts", "/p/users.service.ts"]);
        let app = read(
            &["./users.service"],
            vec![
                call(
                    "./users.service",
                    "UsersService.warmUp",
                    CallContext::StartUp,
                ),
                call("./users.service", "boot", CallContext::StartUp),
            ],
        );
        let graph = ProjectGraph::new([(files[0].as_path(), &app)], &files, None, 0);
        assert_eq!(
            graph.of(&files[1]).startup,
            [Some("boot".to_string())],
            "only the function"
        );
    }

    #[test]
    fn python_registrations_reach_the_module_by_dotted_name() {
        let files = files(&[
            "/p/app/__init__.py",
            "/p/app/deps.py",
            "/p/app/api/__init__.py",
            "/p/app/api/routes.py",
        ]);
        let routes = FileSummary {
            handlers: vec![
                OutgoingHandler {
                    specifier: "app.deps".into(),
                    member: Some("get_db".into()),
                    framework: "FastAPI dependency".into(),
                    line: 9,
                    span: Span::new(200, 220),
                },
                OutgoingHandler {
                    specifier: "app".into(),
                    member: Some("deps.get_cache".into()),
                    framework: "FastAPI dependency".into(),
                    line: 12,
                    span: Span::new(300, 330),
                },
            ],
            ..FileSummary::default()
        };
        let graph = ProjectGraph::new([(files[3].as_path(), &routes)], &files, None, 0);
        let incoming = graph.of(Path::new("/p/app/deps.py")).incoming;
        let members: Vec<Option<&str>> = incoming
            .iter()
            .map(|h| h.registration.member.as_deref())
            .collect();
        assert_eq!(members, [Some("get_db"), Some("get_cache")]);
        assert!(graph
            .of(Path::new("/p/app/deps.py"))
            .runs_per_request_elsewhere());
    }

    #[test]
    fn python_calls_in_loops_reach_the_module_and_its_package_re_exports() {
        let files = files(&[
            "/p/shop/__init__.py",
            "/p/shop/reports.py",
            "/p/shop/selectors/__init__.py",
            "/p/shop/selectors/orders.py",
        ]);
        let reports = read(&[], vec![in_loop("shop.selectors", "order_by_number")]);
        let package = answer(
            1,
            "order_by_number",
            RunsQuery::Through {
                specifier: ".orders".into(),
                member: Some("order_by_number".into()),
                span: Span::new(0, 40),
            },
        );
        let orders = answer(1, "order_by_number", query_at(70));
        let graph = ProjectGraph::new(
            [
                (files[1].as_path(), &reports),
                (files[2].as_path(), &package),
                (files[3].as_path(), &orders),
            ],
            &files,
            None,
            1,
        );
        let queries = graph.of(Path::new("/p/shop/reports.py")).queries;
        assert_eq!(queries.len(), 1);
        assert_eq!(&*queries[0].file, Path::new("/p/shop/selectors/orders.py"));
        assert!(graph.query_demand().is_empty());
    }

    #[test]
    fn calls_of_a_barrel_reach_the_modules_it_exports_everything_of() {
        let files: Vec<PathBuf> = ["/p/main.ts", "/p/lib/index.ts", "/p/lib/disk.ts"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let main = read(
            &["./lib"],
            vec![
                call("./lib", "initStorage", CallContext::StartUp),
                call("./lib", "save", CallContext::Other),
            ],
        );
        let barrel = read(
            &["./disk.js"],
            vec![OutgoingCall {
                member: None,
                ..call("./disk.js", "", CallContext::ReExported)
            }],
        );
        let summaries = [(files[0].as_path(), &main), (files[1].as_path(), &barrel)];
        let graph = ProjectGraph::new(summaries, &files, None, 0);
        assert_eq!(
            graph.of(Path::new("/p/lib/disk.ts")).startup,
            [Some("initStorage".to_string())]
        );
        // The importers of the barrel decide for the module behind it.
        assert_eq!(
            graph.unread_callers(&[files[2].clone()]),
            Vec::<PathBuf>::new()
        );
    }
}

/// Whether `text` may register a function it imports from a module of the project: a route method,
/// route objects, a hook or a server factory is called with an argument list that names a binding of a
/// relative import (`import { index } from './admin'`, `const ctrl = require('./ctrl')`) or requires
/// one in place (`require('./controller')`). A byte-level over-approximation (the import statements'
/// names, whole words in the argument lists), so that only files that can contribute to the graph are
/// parsed for it.
pub fn may_register_imports(text: &[u8]) -> bool {
    may_register_imports_in(text, &ModuleMap::default())
}

/// [`may_register_imports`], with the modules `modules` names besides relative specifiers.
pub fn may_register_imports_in(text: &[u8], modules: &ModuleMap) -> bool {
    let names = import_names(text, modules);
    if names.is_empty() {
        return false;
    }
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'.', &text[at..]) {
        let dot = at + offset;
        at = dot + 1;
        let name_start = skip_spaces(text, dot + 1);
        let name_end = identifier_end(text, name_start);
        let method = std::str::from_utf8(&text[name_start..name_end]).unwrap_or("");
        if !is_registration_method(method) {
            continue;
        }
        let open = skip_spaces(text, name_end);
        if text.get(open) != Some(&b'(') {
            continue;
        }
        let arguments = balanced(text, open);
        if crate::scan::contains_word(arguments, b"require")
            || names
                .iter()
                .any(|name| crate::scan::contains_word(arguments, name))
        {
            return true;
        }
    }
    false
}

/// Python: whether the text can register a function of another module per request, in the spellings
/// the semantic layer reads (a FastAPI dependency, `Depends(get_db)`; a route table: Django's
/// `urlpatterns`, Starlette's `Route(`, Flask's `add_url_rule(`, `add_api_route(`, `add_route(`).
/// Such files are read for the project graph, in the index pass and in the lint pass alike.
pub fn may_register_python(text: &str) -> bool {
    const SPELLINGS: &[&str] = &[
        "Depends(",
        "Security(",
        "urlpatterns",
        "Route(",
        "add_url_rule(",
        "add_api_route(",
        "add_route(",
    ];
    SPELLINGS
        .iter()
        .any(|spelling| memchr::memmem::find(text.as_bytes(), spelling.as_bytes()).is_some())
}

/// The specifiers of modules of the project `text` holds: every string literal that starts with `./`
/// or `../` (`require('./boot')`, `from '../lib/config'`, `import('./x')`), or that `modules` may
/// resolve (`'@app/db'`), read without parsing. An over-approximation (a string that names no module
/// resolves to no file of the project and is dropped), so that no importer of a module goes
/// unnoticed.
pub fn project_specifiers(text: &[u8], modules: &ModuleMap) -> Vec<String> {
    let mut specifiers: Vec<String> = module_literals(text, modules)
        .map(|(_, specifier)| specifier.to_string())
        .collect();
    specifiers.sort_unstable();
    specifiers.dedup();
    specifiers
}

/// Each string literal of `text` that names a module of the project (see [`project_specifiers`]) and
/// closes on its line (template literals without `${`): the offset of its opening quote, and its
/// content.
fn module_literals<'a>(
    text: &'a [u8],
    modules: &'a ModuleMap,
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let mut at = 0;
    let mapped = !modules.is_empty();
    std::iter::from_fn(move || {
        while let Some(offset) = memchr::memchr3(b'\'', b'"', b'`', &text[at..]) {
            let quote_at = at + offset;
            at = quote_at + 1;
            let rest = &text[at..];
            let relative = rest.starts_with(b"./") || rest.starts_with(b"../");
            // A mapped name has no space and starts with a name's character (`@app/`, `src/`).
            let may_be_mapped = mapped
                && rest.first().is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'@' | b'~' | b'#' | b'_' | b'$')
                });
            if !relative && !may_be_mapped {
                continue;
            }
            let quote = text[quote_at];
            let Some(length) = rest
                .iter()
                .take(512)
                .position(|&b| b == quote || b == b'\n')
            else {
                continue;
            };
            if rest[length] != quote {
                continue;
            }
            at += length + 1;
            match std::str::from_utf8(&rest[..length]) {
                Ok(specifier)
                    if !specifier.contains("${")
                        && (relative || modules.may_name_module(specifier)) =>
                {
                    return Some((quote_at, specifier))
                }
                _ => continue,
            }
        }
        None
    })
}

fn is_registration_method(method: &str) -> bool {
    !method.is_empty()
        && (crate::frameworks::web::is_route_method(method)
            || crate::frameworks::web::is_server_factory_name(method)
            || crate::frameworks::web::REGISTRATION_METHODS.contains(&method))
}

/// The identifiers of the statements that import a module of the project (see [`project_specifiers`]): from the statement's start (the
/// line's first non-blank byte, or a `;` before it) to the specifier.
fn import_names<'a>(text: &'a [u8], modules: &ModuleMap) -> Vec<&'a [u8]> {
    const NOT_NAMES: &[&[u8]] = &[
        b"import", b"from", b"const", b"let", b"var", b"as", b"require", b"default", b"type",
    ];
    let mut names = Vec::new();
    for (index, _) in module_literals(text, modules) {
        // Back to the statement's start, across the lines of a multi-line import.
        let mut start = index;
        let mut lines = 0;
        while start > 0 && text[start - 1] != b';' {
            if text[start - 1] == b'\n' {
                lines += 1;
                if lines > 40 {
                    break;
                }
            }
            start -= 1;
        }
        let statement = &text[start..index];
        let mut position = 0;
        while position < statement.len() {
            if is_identifier_start(statement[position]) {
                let end = identifier_end(statement, position);
                let word = &statement[position..end];
                if !NOT_NAMES.contains(&word) {
                    names.push(word);
                }
                position = end;
            } else {
                position += 1;
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

fn is_identifier_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$'
}

fn identifier_end(text: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < text.len()
        && (text[end].is_ascii_alphanumeric() || matches!(text[end], b'_' | b'$'))
    {
        end += 1;
    }
    end
}

fn skip_spaces(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && text[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The text from `open` (a `(`) to its matching `)` (at most 4 KB: an argument list, not a file).
fn balanced(text: &[u8], open: usize) -> &[u8] {
    let mut depth = 0usize;
    let end = text.len().min(open + 4096);
    for at in open..end {
        match text[at] {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[open..=at];
                }
            }
            _ => {}
        }
    }
    &text[open..end]
}

#[cfg(test)]
mod registration_tests {
    use super::may_register_imports;

    #[test]
    fn only_argument_lists_that_name_a_relative_import_count() {
        let yes = [
            "const ctrl = require('./ctrl');\nrouter.get('/a', ctrl.index);",
            "import {\n  index,\n  show,\n} from '../controllers/posts.js';\napp.get('/', show);",
            "adminApp.get('*', require('./controller'));",
            "server.route([{ method: 'GET', path: '/x', handler: reports.show }]);\nconst reports = require('./reports');",
        ];
        for text in yes {
            assert!(may_register_imports(text.as_bytes()), "{text}");
        }
        let no = [
            "const config = require('./config');\nconst port = config.get('port');\napp.get('/', (req, res) => res.end());",
            "const express = require('express');\nrouter.get('/a', (req, res) => res.end());",
            "const util = require('./util');\nutil.format('x');",
        ];
        for text in no {
            assert!(!may_register_imports(text.as_bytes()), "{text}");
        }
    }
}
