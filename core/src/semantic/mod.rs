//! The semantic layer: what names resolve to, which function and loop enclose a node, and which
//! functions are handler, event-loop or start-up code.
//!
//! One [`Semantic`] is built per file, in the same walk of the tree that collects the nodes the
//! rules subscribed to (see [`crate::engine`]). Rules never match spellings alone: they ask it.

mod context;
mod file_kind;
mod fills;
mod flow;
mod js;
mod lifetime;
mod load_time;
mod named_functions;
mod project_calls;
mod python;
mod qualified;
mod signature;
pub mod syntax;
#[cfg(test)]
mod tests;
mod values;
mod walk;

pub use context::{Context, Contexts};
pub use file_kind::FileKind;
pub use fills::Fill;
pub use flow::{Assignment, AssignmentOperator};
pub use js::{
    handler_triggers as js_handler_triggers,
    iteration_callback_triggers as js_iteration_callback_triggers,
};
pub use lifetime::GuardState;
pub use load_time::DecoratorShape;
pub use qualified::QualifiedName;
pub use values::{Binder, ValueStep};

use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::language::{Language, LanguageFamily};
use crate::module_map::ModuleMap;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::{Node, Tree};

/// Index of a [`Scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(u32);
/// Index of a [`Binding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingId(u32);
/// Index of a [`Function`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionId(u32);
/// Index of a [`Loop`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LoopId(u32);

/// What kind of region a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The file.
    Module,
    /// A function's parameters and body.
    Function(FunctionId),
    /// A JavaScript block (`{}`, a `for` header, a `catch` clause).
    Block,
    /// A class body (Python class scopes are skipped by nested functions).
    Class,
    /// A Python comprehension.
    Comprehension,
}

/// A region of code in which names are declared.
#[derive(Clone, Debug)]
pub struct Scope {
    /// What it is.
    pub kind: ScopeKind,
    /// Bytes it covers.
    pub span: Span,
    /// The scope around it.
    pub parent: Option<ScopeId>,
}

/// How a name came to be bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// An import: the qualified name it stands for (`fs`, `fs.readFileSync`, `time.sleep`).
    Import(QualifiedName),
    /// `let`/`const`/`var`, a Python assignment, a `with ... as`, a destructured element.
    Variable,
    /// A function parameter.
    Parameter,
    /// A loop variable (`for (const x of xs)`, `for x in xs`).
    LoopVariable(LoopId),
    /// A function declaration (or a variable whose value is a function).
    Function(FunctionId),
    /// A class.
    Class,
    /// A name bound in a way the model does not follow (catch parameters, `global`, star imports).
    Other,
}

/// A declared name.
#[derive(Clone, Debug)]
pub struct Binding<'t> {
    /// The name.
    pub name: &'t str,
    /// How it was bound.
    pub kind: BindingKind,
    /// The scope that owns it.
    pub scope: ScopeId,
    /// The identifier that declares it.
    pub declaration: Node<'t>,
    /// The value it was first given (`= value`), when it has one.
    pub value: Option<Node<'t>>,
    /// When the value comes from destructuring: the property path inside `value` (`{ a: { b } } = v` gives `a.b`).
    pub destructured: Option<Vec<&'t str>>,
    /// Its type annotation (`: string`, `: str`), when written.
    pub annotation: Option<Node<'t>>,
    /// Whether it is assigned again after its declaration.
    pub reassigned: bool,
}

/// What a function is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// `function f() {}`, `def f():`.
    Declaration,
    /// `function () {}`, an arrow function, a lambda.
    Expression,
    /// A class method.
    Method,
}

/// Why a function counts as handler code (it runs once per request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandlerOrigin {
    /// Registered with a framework: the registration's span and the framework's name.
    Registered {
        /// `Express`, `FastAPI`, ...
        framework: &'static str,
        /// The route registration (the call or decorator); for a registration in another file, the
        /// function's own head.
        registration: Span,
        /// For a registration in another file: what the project graph says of it (the file, its line
        /// and the registration's span there).
        elsewhere: Option<Arc<IncomingHandler>>,
    },
    /// Called by handler code: the call.
    CalledFrom(Span),
    /// Handler code of another file of the project calls it (an export): the first such call.
    CalledElsewhere(Arc<IncomingCall>),
}

/// A function, method, arrow function or lambda.
#[derive(Clone, Debug)]
pub struct Function<'t> {
    /// The whole function node.
    pub node: Node<'t>,
    /// What it is.
    pub kind: FunctionKind,
    /// `async`.
    pub is_async: bool,
    /// Its name, when it has one (a declaration, a method, `const f = () => {}`).
    pub name: Option<&'t str>,
    /// The function around it.
    pub parent: Option<FunctionId>,
    /// The class it is a method of (the class node).
    pub class: Option<Node<'t>>,
    /// Its return type annotation.
    pub return_type: Option<Node<'t>>,
    /// When it is the callback of an iteration (`xs.forEach(cb)`): that loop.
    pub loop_callback: Option<LoopId>,
    /// Set when it is handler code.
    pub handler: Option<HandlerOrigin>,
    /// Set when it runs at start-up only (called only from module top level or start-up hooks).
    pub startup: bool,
    /// Python: runs on the event loop (an `async def`, or a plain `def` an event-loop function calls).
    pub event_loop: Option<EventLoopOrigin>,
    /// What the configuration says runs it (`[[functions]]`), for contexts other than the request path
    /// and start-up (those set `handler` and `startup`).
    pub declared: Option<Context>,
}

/// Why a Python function runs on the event loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventLoopOrigin {
    /// It is an `async def`.
    Async,
    /// An event-loop function calls it: the call.
    CalledFrom(Span),
    /// Event-loop code of another module of the project calls it: the first such call.
    CalledElsewhere(Arc<IncomingCall>),
}

/// How a loop iterates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKind {
    /// `for (;;)`.
    For,
    /// `for (x of xs)`, Python `for x in xs`.
    ForOf,
    /// `for (k in obj)`.
    ForIn,
    /// `while`.
    While,
    /// `do {} while`.
    DoWhile,
    /// A callback run per element: `xs.forEach(cb)`, `xs.map(cb)`, `_.each(xs, cb)`.
    Callback,
    /// A Python comprehension or generator expression.
    Comprehension,
}

/// A loop: code that runs once per element or iteration.
#[derive(Clone, Debug)]
pub struct Loop<'t> {
    /// What it is.
    pub kind: LoopKind,
    /// The loop statement, the iteration call (`xs.map(cb)`) or the comprehension.
    pub node: Node<'t>,
    /// The collection it walks (`xs`), when it has one.
    pub iterable: Option<Node<'t>>,
    /// The method of a callback loop (`forEach`, `map`, ...).
    pub method: Option<&'t str>,
    /// The loop variable pattern (`x` in `for x in xs`), when it has one.
    pub variable: Option<Node<'t>>,
    /// The bytes that run per iteration (the callback for callback loops).
    pub region: Span,
    /// Part of `region` that runs only once (the iterable, a `for` initialiser).
    pub once: Option<Span>,
    /// The function whose body runs per iteration (the callback, or the function holding the loop).
    pub body_function: Option<FunctionId>,
    /// `async for` / `for await`.
    pub is_async: bool,
}

/// Collected while building; resolved once the whole file is known.
#[derive(Clone, Debug)]
pub(crate) struct CallSite<'t> {
    pub caller: Option<FunctionId>,
    pub call: Node<'t>,
    pub callee: Node<'t>,
}

/// The semantic model of one file.
pub struct Semantic<'t> {
    root: Node<'t>,
    language: Language,
    source: &'t str,
    path: &'t Path,
    scopes: Vec<Scope>,
    bindings: Vec<Binding<'t>>,
    names: FxHashMap<(ScopeId, &'t str), BindingId>,
    functions: Vec<Function<'t>>,
    loops: Vec<Loop<'t>>,
    /// Loops ordered by region start (for lookups), as indices into `loops`.
    loop_order: Vec<LoopId>,
    /// Whether the file starts with `#!`.
    is_script: bool,
    /// What the build walk records for the dataflow queries ([`flow`]).
    recorded: flow::Recorded<'t>,
    /// Functions the configuration declares (`[[functions]]`): name and what runs it.
    declared: Vec<(String, Context)>,
    /// Calls the configuration declares (`[[functions]]` with `runs`): name and what a call does.
    declared_calls: Vec<(String, DeclaredCall)>,
    /// Exports of this module other files register as handlers.
    incoming_handlers: Vec<IncomingHandler>,
    /// Functions of other modules this file registers as handlers.
    outgoing_handlers: Vec<OutgoingHandler>,
    /// Exports of this module that other files call only from start-up code.
    startup_elsewhere: Vec<Option<String>>,
    /// Uses this file makes of other modules' exports.
    outgoing_calls: Vec<OutgoingCall>,
    /// Python: functions of this module that event-loop code of other modules calls.
    event_loop_elsewhere: Vec<IncomingCall>,
    /// JavaScript: exports of this module that handler code of other files calls.
    handler_calls_elsewhere: Vec<IncomingCall>,
    /// Functions of other modules this file calls in loops that run a query on every call.
    imported_queries: Vec<ImportedQuery>,
    /// JavaScript: the functions this module exports, each with its export's name (`None`: the
    /// module's own value).
    exports: Vec<(Option<&'t str>, FunctionId)>,
    /// Python: every call of an imported function, read once when asked ([`Semantic::handed_on`]).
    every_imported_call: std::cell::OnceCell<Vec<OutgoingCall>>,
    /// What besides relative specifiers names a module of the project.
    modules: Arc<ModuleMap>,
}

/// The framework name of handlers the configuration declares.
pub const DECLARED_HANDLERS: &str = "the configuration";

/// What the configuration says a call of a function does (`[[functions]]` with `runs`), where the
/// function's body is in another file or a library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeclaredCall {
    /// It runs a database query (`runs = "query"`).
    Query,
    /// It starts its argument's promises or coroutines at once (`runs = "fan-out"`).
    FanOut,
}

impl DeclaredCall {
    /// The configuration's spelling.
    pub fn id(self) -> &'static str {
        match self {
            DeclaredCall::Query => "query",
            DeclaredCall::FanOut => "fan-out",
        }
    }

    /// The kind a configuration value names.
    pub fn from_id(id: &str) -> Option<DeclaredCall> {
        [DeclaredCall::Query, DeclaredCall::FanOut]
            .into_iter()
            .find(|kind| kind.id() == id)
    }
}

/// What is known of one file from outside it: the `[[functions]]` of the configuration that apply to
/// it, and what other files of the project do with its functions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileDeclarations {
    /// Functions defined here and what runs them.
    pub contexts: Vec<(String, Context)>,
    /// Functions called here and what a call does.
    pub calls: Vec<(String, DeclaredCall)>,
    /// Exports of this module that other files register as request handlers.
    pub handlers: Vec<IncomingHandler>,
    /// Exports of this module that other files call, and only from their start-up code (the export's
    /// name; `None`: the module's own value).
    pub startup: Vec<Option<String>>,
    /// Python: functions of this module that event-loop code of other modules calls.
    pub event_loop: Vec<IncomingCall>,
    /// JavaScript: exports of this module that handler code of other files calls.
    pub handler_calls: Vec<IncomingCall>,
    /// Functions of other modules this file calls in loops that run a query on every call.
    pub queries: Vec<ImportedQuery>,
    /// What besides relative specifiers names a module of the project (`paths`, workspaces).
    pub modules: Arc<ModuleMap>,
}

/// A function another file takes from this module through a relative import and registers with a web
/// framework as a route handler or middleware.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IncomingHandler {
    /// The framework's name (`Express`).
    pub framework: String,
    /// The registration: the export registered (a name, `index`: `exports.index`, `export function
    /// index`; or `None` for the module's own value, `module.exports = fn`, `export default fn`), and
    /// where the registering file does it.
    pub registration: IncomingCall,
}

/// A registration of a function this file takes from another module of the project (a relative
/// import): what the project graph hands to that module as an [`IncomingHandler`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct OutgoingHandler {
    /// The import's specifier, as written (`./controllers/admin`).
    pub specifier: String,
    /// The export taken (`None`: the module's own value).
    pub member: Option<String>,
    /// The framework's name.
    pub framework: String,
    /// The registration's line (1-based).
    pub line: u32,
    /// The registration's span (the call).
    pub span: Span,
}

/// A use this file makes of a function another module of the project exports (a relative import): a
/// call, with what runs it here, or any other use (handed over, stored, exported again). What the project
/// graph merges to tell which exports run only at start-up.
///
/// Stored compactly (short names, defaults left out): a project's summaries hold every such use, and a
/// warm run reads them all.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct OutgoingCall {
    /// The import's specifier, as written (`./lib/boot`).
    #[serde(rename = "s")]
    pub specifier: String,
    /// The export used (`None`: the module's own value).
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The module object itself is handed over or stored (`start(config)` with `config =
    /// require('./config')`): any of its exports may be called anywhere.
    #[serde(rename = "w", default, skip_serializing_if = "is_false")]
    pub whole_module: bool,
    /// What runs the call here.
    #[serde(rename = "c", default, skip_serializing_if = "CallContext::is_other")]
    pub context: CallContext,
    /// The use's line (1-based).
    #[serde(rename = "l")]
    pub line: u32,
    /// The use's span (the call, when it is one), as its start and end.
    #[serde(rename = "p", with = "span_as_pair")]
    pub span: Span,
    /// The call runs in a loop or an iteration callback here: what the export runs, it runs per item.
    #[serde(rename = "i", default, skip_serializing_if = "is_false")]
    pub in_loop: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A span stored as `[start, end]`.
mod span_as_pair {
    use crate::diagnostic::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
        (span.start, span.end).serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Span, D::Error> {
        let (start, end) = <(usize, usize)>::deserialize(deserializer)?;
        Ok(Span { start, end })
    }
}

/// A function of another module of the project that runs a database query on every call, as the project
/// graph hands it to a file that calls it in a loop.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImportedQuery {
    /// The import's specifier in the calling file, as written (`./repo`, `app.services`).
    pub specifier: String,
    /// The export called, as [`OutgoingCall::member`] names it.
    pub member: Option<String>,
    /// The query, as written there (`` `prisma.user.findUnique` ``).
    pub what: String,
    /// Whether the query goes to a database inside the process (SQLite): microseconds, no round trip.
    pub in_process: bool,
    /// The module that runs it, as the project walks it.
    pub file: Arc<Path>,
    /// The query's span in that file's text.
    pub span: Span,
    /// The calls, in other modules, through which the function called reaches the query (it calls an
    /// export of another module on every call, which runs it), in order: file and span.
    pub via: Vec<(Arc<Path>, Span)>,
}

/// A call of one of this module's functions from another file of the project, as the project graph
/// hands it over (Python: event-loop code elsewhere calls it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IncomingCall {
    /// The function called: a name defined at module level (Python), an export (JavaScript; `None`:
    /// the module's own value).
    pub member: Option<String>,
    /// The calling file, relative to the project's root.
    pub from: Arc<str>,
    /// The call's line there (1-based).
    pub line: u32,
    /// The calling file, as the project walks it.
    pub file: Arc<Path>,
    /// The call's span in that file's text.
    pub span: Span,
}

/// What runs a call of another module's export, in the calling file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CallContext {
    /// Start-up code: module top level, or a function only start-up code of the file calls.
    StartUp,
    /// The body of this file's own export (its name; `None`: the module's own value): start-up code
    /// when that export is.
    Export(Option<String>),
    /// Anything else: handler code, code whose callers are unknown, or a use other than a call.
    #[default]
    Other,
    /// Python: event-loop code (an `async def`, or a plain `def` one calls), which makes the callee
    /// event-loop code too.
    EventLoop,
    /// JavaScript: request handler code, which makes the callee handler code too.
    Handler,
    /// Not a call: this file exports every export of that module as its own (`export * from './x'`),
    /// so that calls of this file's exports may be calls of that module's.
    ReExported,
}

impl CallContext {
    fn is_other(&self) -> bool {
        *self == CallContext::Other
    }
}

impl<'t> Semantic<'t> {
    /// Builds the model of a parsed file, calling `visit` on every node of the tree (the engine queues the
    /// nodes its rules subscribed to).
    pub fn build(
        language: Language,
        path: &'t Path,
        source: &'t str,
        tree: &'t Tree,
        visit: &mut dyn FnMut(Node<'t>),
    ) -> Semantic<'t> {
        Semantic::build_declared(
            language,
            path,
            source,
            tree,
            visit,
            FileDeclarations::default(),
        )
    }

    /// [`Semantic::build`], with the functions of this file that the configuration declares
    /// (`[[functions]]`: name and what runs it), which callers in other files would otherwise show.
    pub fn build_declared(
        language: Language,
        path: &'t Path,
        source: &'t str,
        tree: &'t Tree,
        visit: &mut dyn FnMut(Node<'t>),
        declarations: FileDeclarations,
    ) -> Semantic<'t> {
        let mut semantic = Semantic {
            root: tree.root_node(),
            language,
            source,
            path,
            scopes: Vec::new(),
            bindings: Vec::new(),
            names: FxHashMap::default(),
            functions: Vec::new(),
            loops: Vec::new(),
            loop_order: Vec::new(),
            is_script: source.starts_with("#!"),
            recorded: flow::Recorded::default(),
            declared: declarations.contexts,
            declared_calls: declarations.calls,
            incoming_handlers: declarations.handlers,
            outgoing_handlers: Vec::new(),
            startup_elsewhere: declarations.startup,
            outgoing_calls: Vec::new(),
            event_loop_elsewhere: declarations.event_loop,
            handler_calls_elsewhere: declarations.handler_calls,
            imported_queries: declarations.queries,
            exports: Vec::new(),
            every_imported_call: std::cell::OnceCell::new(),
            modules: declarations.modules,
        };
        match language.family() {
            LanguageFamily::JavaScript => js::build(&mut semantic, tree, visit),
            LanguageFamily::Python => python::build(&mut semantic, tree, visit),
        }
        semantic.order_loops();
        semantic
    }

    /// Whether a JavaScript import's specifier may name a module of the project: a relative one, or one
    /// the project's `paths`, `baseUrl` or workspaces map ([`ModuleMap`]).
    pub fn names_project_module(&self, specifier: &str) -> bool {
        specifier.starts_with('.') || self.modules.may_name_module(specifier)
    }

    /// Orders the loops by region start, which the loop lookups search: once the walk found them all.
    fn order_loops(&mut self) {
        let mut order: Vec<LoopId> = (0..self.loops.len() as u32).map(LoopId).collect();
        order.sort_by_key(|id| self.loops[id.0 as usize].region.start);
        self.loop_order = order;
    }

    /// The functions of other modules of the project (relative imports) this file registers as request
    /// handlers: its contribution to the project graph.
    pub fn outgoing_handlers(&self) -> &[OutgoingHandler] {
        &self.outgoing_handlers
    }

    /// The uses this file makes of other modules' exports (relative imports), each with what runs it as
    /// far as this file alone tells: its contribution to the project graph's start-up code.
    pub fn outgoing_calls(&self) -> &[OutgoingCall] {
        &self.outgoing_calls
    }

    /// The function this module exports as `member` (JavaScript: an export's name, `None` for the
    /// module's own value; Python: a function defined at module level).
    pub fn exported_function(&self, member: Option<&str>) -> Option<FunctionId> {
        match self.language.family() {
            // `OrdersService.findAll`: a method of an exported class (injected by type elsewhere), or
            // of an exported instance.
            LanguageFamily::JavaScript => match member.and_then(|m| m.split_once('.')) {
                Some((owner, method)) => project_calls::class_member(self, owner, method),
                None => self
                    .exports
                    .iter()
                    .find(|(name, _)| *name == member)
                    .map(|(_, id)| *id),
            },
            LanguageFamily::Python => {
                let binding = self.names.get(&(ScopeId(0), member?))?;
                match self.binding(*binding).kind {
                    BindingKind::Function(id) => Some(id),
                    _ => None,
                }
            }
        }
    }

    /// What the export `member` of this module hands on to other modules on every call: the calls of
    /// their exports it makes unconditionally, or the export it exports again (specifier, export and
    /// span, as [`OutgoingCall`] names them).
    pub fn handed_on(&self, member: Option<&str>) -> Vec<(String, Option<String>, Span)> {
        project_calls::handed_on(self, member)
    }

    /// Where the module-level name `name` is imported from within the project, as a path without
    /// extension (`billing/models`), with the name it has there when the import names it
    /// (`from billing.models import Order as BillingOrder`: `Order`): the model index prefers a model
    /// of that name declared there.
    pub fn import_origin(&self, name: &str) -> Option<(String, Option<&'t str>)> {
        project_calls::import_origin(self, name)
    }

    /// The function of another module of the project that `call` calls, when the project graph says it
    /// runs a database query on every call (the file calls it in a loop).
    pub fn imported_query(&self, call: Node<'_>) -> Option<&ImportedQuery> {
        if self.imported_queries.is_empty() {
            return None;
        }
        let span = Span::from(call);
        let outgoing = self.outgoing_calls.iter().find(|c| c.span == span)?;
        self.imported_queries
            .iter()
            .find(|q| q.specifier == outgoing.specifier && q.member == outgoing.member)
    }

    /// The root node of the file's tree.
    pub fn root(&self) -> Node<'t> {
        self.root
    }

    /// The file's language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The file's path, as walked.
    pub fn path(&self) -> &Path {
        self.path
    }

    /// The file's text.
    pub fn source(&self) -> &'t str {
        self.source
    }

    /// The text of a node, borrowed from the source.
    pub fn text(&self, node: Node<'_>) -> &'t str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    /// Whether the file is an executable script (starts with `#!`).
    pub fn is_script(&self) -> bool {
        self.is_script
    }

    /// Whether the file is a test file (`*.test.*`, `*.spec.*`, `test_*.py`, `*_test.py`, under `test/`, `tests/`, `__tests__/`).
    pub fn is_test_file(&self) -> bool {
        is_test_path(self.path)
    }

    // ----- scopes and names -----

    /// A scope by id.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// A binding by id.
    pub fn binding(&self, id: BindingId) -> &Binding<'t> {
        &self.bindings[id.0 as usize]
    }

    /// A function by id.
    pub fn function(&self, id: FunctionId) -> &Function<'t> {
        &self.functions[id.0 as usize]
    }

    /// A loop by id.
    pub fn loop_(&self, id: LoopId) -> &Loop<'t> {
        &self.loops[id.0 as usize]
    }

    /// Every function of the file, in source order.
    pub fn functions(&self) -> impl Iterator<Item = (FunctionId, &Function<'t>)> {
        self.functions
            .iter()
            .enumerate()
            .map(|(i, f)| (FunctionId(i as u32), f))
    }

    /// Every binding of the file.
    pub fn bindings(&self) -> impl Iterator<Item = (BindingId, &Binding<'t>)> {
        self.bindings
            .iter()
            .enumerate()
            .map(|(i, b)| (BindingId(i as u32), b))
    }

    /// The innermost scope that holds `offset`.
    pub fn scope_at(&self, offset: usize) -> ScopeId {
        let after = self.scopes.partition_point(|s| s.span.start <= offset);
        let mut id = ScopeId(after.saturating_sub(1) as u32);
        loop {
            let scope = &self.scopes[id.0 as usize];
            if scope.span.start <= offset && offset < scope.span.end.max(scope.span.start + 1) {
                return id;
            }
            match scope.parent {
                Some(parent) => id = parent,
                None => return id,
            }
        }
    }

    /// The binding `name` refers to at `node`, following scopes outwards (and skipping class scopes from
    /// nested Python functions).
    pub fn lookup(&self, name: &str, node: Node<'_>) -> Option<BindingId> {
        let mut id = self.scope_at(node.start_byte());
        let mut skip_classes = false;
        loop {
            let scope = &self.scopes[id.0 as usize];
            let skip = skip_classes && scope.kind == ScopeKind::Class;
            if !skip {
                if let Some(&binding) = self.names.get(&(id, name)) {
                    return Some(binding);
                }
            }
            if self.language == Language::Python && matches!(scope.kind, ScopeKind::Function(_)) {
                skip_classes = true;
            }
            id = scope.parent?;
        }
    }

    /// The binding an identifier node refers to.
    pub fn resolve_identifier(&self, identifier: Node<'_>) -> Option<BindingId> {
        self.lookup(self.text(identifier), identifier)
    }

    /// What an expression stands for, when it is an imported module, an import's member, a known global, a
    /// call of those, or a variable whose value is one of these (`fs.readFileSync`,
    /// `requests.Session().get`, `express().get`). Local objects of unknown origin give `None`.
    pub fn qualified_name(&self, expression: Node<'_>) -> Option<QualifiedName> {
        qualified::resolve(self, expression, 0)
    }

    /// The qualified name of a call's callee (`None` when it is not a call).
    pub fn callee_name(&self, call: Node<'_>) -> Option<QualifiedName> {
        let callee = self.callee(call)?;
        self.qualified_name(callee)
    }

    /// The callee of a call or `new` expression.
    pub fn callee(&self, call: Node<'t>) -> Option<Node<'t>> {
        match call.kind() {
            "call_expression" | "call" => call.field("function"),
            "new_expression" => call.field("constructor"),
            _ => None,
        }
    }

    /// The arguments of a call (comments skipped; keyword arguments and spreads included as written).
    pub fn arguments(&self, call: Node<'t>) -> Vec<Node<'t>> {
        let Some(arguments) = call.field("arguments") else {
            return Vec::new();
        };
        let mut cursor = arguments.walk();
        let found = arguments
            .named_children(&mut cursor)
            .filter(|n| n.kind() != "comment")
            .collect();
        found
    }

    /// The argument of a call at `index` (comments skipped).
    pub fn argument(&self, call: Node<'t>, index: usize) -> Option<Node<'t>> {
        let arguments = call.field("arguments")?;
        let mut cursor = arguments.walk();
        let found = arguments
            .named_children(&mut cursor)
            .filter(|n| n.kind() != "comment")
            .nth(index);
        found
    }

    /// The call whose span is exactly `span` (a [`HandlerOrigin::CalledFrom`] or
    /// [`EventLoopOrigin::CalledFrom`] site).
    pub fn call_at(&self, span: Span) -> Option<Node<'t>> {
        let mut node = self.root.descendant_for_byte_range(span.start, span.end)?;
        loop {
            if Span::from(node) == span && matches!(node.kind(), "call_expression" | "call") {
                return Some(node);
            }
            if node.start_byte() < span.start || node.end_byte() > span.end {
                return None;
            }
            node = self.parent(node)?;
        }
    }

    /// Whether `node` resolves to a value that is a function defined in this file.
    pub fn function_of_binding(&self, binding: BindingId) -> Option<FunctionId> {
        match self.binding(binding).kind {
            BindingKind::Function(id) => Some(id),
            _ => None,
        }
    }

    // ----- the tree -----

    /// `node`'s parent: what `node.parent()` answers, found from the innermost function around `node`.
    ///
    /// tree-sitter keeps no parent links: `parent()` searches down from the root, scanning every
    /// top-level statement on the way, which made it a few percent of a run. A function that strictly
    /// contains `node` is one of its ancestors, so the search can start there.
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        let (start, end) = (node.start_byte(), node.end_byte());
        if start == end {
            // A zero-width node at a function's edge may lie just outside it.
            return node.parent();
        }
        let contains = |f: Node<'_>| {
            f.start_byte() <= start
                && end <= f.end_byte()
                && (f.start_byte(), f.end_byte()) != (start, end)
        };
        let mut ancestor = std::iter::successors(self.function_at_offset(start, end), |&id| {
            self.function(id).parent
        })
        .map(|id| self.function(id).node)
        .find(|f| contains(*f))
        .unwrap_or(self.root);
        if ancestor.id() == node.id() {
            return None;
        }
        loop {
            match ancestor.child_with_descendant(node) {
                Some(child) if child.id() == node.id() => break,
                Some(child) => ancestor = child,
                None => return node.parent(),
            }
        }
        debug_assert_eq!(Some(ancestor), node.parent(), "the parent of {node:?}");
        Some(ancestor)
    }

    // ----- functions and loops -----

    /// The innermost function that holds `node` (`None` at module top level).
    pub fn function_at(&self, node: Node<'_>) -> Option<FunctionId> {
        self.function_at_offset(node.start_byte(), node.end_byte())
    }

    fn function_at_offset(&self, start: usize, end: usize) -> Option<FunctionId> {
        let after = self
            .functions
            .partition_point(|f| f.node.start_byte() <= start);
        let mut candidate = after.checked_sub(1).map(|i| FunctionId(i as u32));
        while let Some(id) = candidate {
            let f = self.function(id);
            if f.node.start_byte() <= start && end <= f.node.end_byte() {
                return Some(id);
            }
            candidate = f.parent;
        }
        None
    }

    /// The function whose definition is `node` (a `def`, `function`, arrow, method or lambda node).
    pub fn function_of_node(&self, node: Node<'_>) -> Option<FunctionId> {
        self.function_at(node)
            .filter(|&id| self.function(id).node.id() == node.id())
    }

    /// The name of the code `span` is in: its named enclosing functions, outermost first, each method
    /// preceded by its class (`OrderService.list`, `handler.load`); anonymous functions (callbacks) are
    /// left out. `None` at module level. Line numbers play no part, so the name survives edits elsewhere.
    pub fn scope_name(&self, span: Span) -> Option<String> {
        let innermost = self.function_at_offset(span.start, span.end);
        let mut parts: Vec<&str> = Vec::new();
        for id in std::iter::successors(innermost, |&id| self.function(id).parent) {
            let function = self.function(id);
            let Some(name) = function.name else {
                continue;
            };
            parts.push(name);
            let class_name = function
                .class
                .and_then(|class| class.field("name"))
                .map(|name| self.text(name));
            if let Some(class_name) = class_name {
                parts.push(class_name);
            }
        }
        if parts.is_empty() {
            return None;
        }
        parts.reverse();
        Some(parts.join("."))
    }

    /// The functions around `node`, innermost first.
    pub fn enclosing_functions(&self, node: Node<'_>) -> impl Iterator<Item = FunctionId> + '_ {
        std::iter::successors(self.function_at(node), move |&id| self.function(id).parent)
    }

    /// The innermost loop whose per-iteration part runs `node`, without crossing into a function that is
    /// not that loop's callback.
    pub fn loop_at(&self, node: Node<'_>) -> Option<LoopId> {
        self.loops_around(node).next()
    }

    /// Whether `node` ends the loop `id`: it is returned or raised, or a `break`/`return` follows it in
    /// its block, so it runs at most once per pass over the collection.
    pub fn ends_loop(&self, node: Node<'_>, id: LoopId) -> bool {
        let l = self.loop_(id);
        if matches!(l.kind, LoopKind::Callback | LoopKind::Comprehension) {
            // `return` in a callback ends one element's call, not the iteration.
            return false;
        }
        // The path from the loop down to `node`, found once (a walk up asks the tree each step).
        let mut path = vec![l.node];
        while let Some(&last) = path.last().filter(|last| last.id() != node.id()) {
            match last.child_with_descendant(node) {
                Some(child) => path.push(child),
                None => return false,
            }
        }
        let mut inner_loop = false;
        for pair in path.windows(2).skip(1).rev() {
            let (parent, current) = (pair[0], pair[1]);
            match parent.kind() {
                "return_statement" | "raise_statement" | "throw_statement" => return true,
                "for_statement" | "for_in_statement" | "while_statement" | "do_statement"
                | "switch_statement" => inner_loop = true,
                _ => {}
            }
            if matches!(parent.kind(), "block" | "statement_block") {
                let mut cursor = parent.walk();
                let after = parent
                    .named_children(&mut cursor)
                    .skip_while(|s| s.id() != current.id())
                    .skip(1);
                for statement in after {
                    match statement.kind() {
                        "return_statement" | "raise_statement" | "throw_statement" => return true,
                        "break_statement" if !inner_loop => return true,
                        _ => {}
                    }
                }
            }
        }
        false
    }

    /// The loops whose per-iteration part runs `node`, innermost first. Stops at a function boundary that
    /// is not a loop callback (a callback defined in a loop runs when something else calls it).
    pub fn loops_around(&self, node: Node<'_>) -> impl Iterator<Item = LoopId> + '_ {
        let span = Span::from(node);
        let mut function = self.function_at(node);
        let end = self
            .loop_order
            .partition_point(|id| self.loop_(*id).region.start <= span.start);
        let mut candidates: Vec<LoopId> = self.loop_order[..end]
            .iter()
            .copied()
            .filter(|&id| {
                let l = self.loop_(id);
                l.region.contains(span) && !l.once.is_some_and(|once| once.contains(span))
            })
            .collect();
        // Innermost first: the region that starts last is the innermost (regions nest).
        candidates.reverse();
        let mut stopped = false;
        candidates.into_iter().filter(move |&id| {
            if stopped {
                return false;
            }
            let l = self.loop_(id);
            if l.body_function == function {
                if l.kind == LoopKind::Callback {
                    // Leaving the callback: the code around it runs in the callback's parent function.
                    function = function.and_then(|f| self.function(f).parent);
                }
                return true;
            }
            stopped = true;
            false
        })
    }

    /// Whether `node` runs in handler code: its function, or a function around it, is a handler.
    pub fn is_handler_code(&self, node: Node<'_>) -> bool {
        self.handler_function(node).is_some()
    }

    /// The innermost function around `node` that is handler code.
    pub fn handler_function(&self, node: Node<'_>) -> Option<FunctionId> {
        self.enclosing_functions(node)
            .find(|&id| self.function(id).handler.is_some())
    }

    /// Whether `node` runs only at start-up: its function is called only by start-up code. (A function
    /// nested in start-up code is not start-up code unless start-up code calls it: handed over as a
    /// callback, `subscriber.on('message', (m) => ...)`, it runs later and as often as it is called.)
    pub fn is_startup_code(&self, node: Node<'_>) -> bool {
        self.function_at(node)
            .is_some_and(|id| self.runs_at_startup(id))
    }

    /// Whether a function runs only at start-up: start-up code calls it, or it is the callback of an
    /// iteration (`files.forEach(...)`) or of a promise (`.then(...)`) in a function that does, or at
    /// module top level.
    fn runs_at_startup(&self, id: FunctionId) -> bool {
        let mut current = id;
        loop {
            if self.function(current).startup {
                return true;
            }
            if !self.is_iteration_callback(current) && !self.is_settlement_callback(current) {
                return false;
            }
            match self.function(current).parent {
                Some(parent) => current = parent,
                // Module top level runs once, as the module loads.
                None => return true,
            }
        }
    }

    /// Python: marks the module-level functions that event-loop code of other modules calls (the
    /// project graph's answer) as event-loop code; whether there were any.
    fn called_from_event_loop_elsewhere(&mut self) -> bool {
        let mut marked = false;
        for call in std::mem::take(&mut self.event_loop_elsewhere) {
            let function = self
                .names
                .get(&(ScopeId(0), call.member.as_deref().unwrap_or_default()))
                .and_then(|&binding| match self.binding(binding).kind {
                    BindingKind::Function(id) => Some(id),
                    _ => None,
                });
            if let Some(id) = function.filter(|&id| self.function(id).event_loop.is_none()) {
                self.function_mut(id).event_loop =
                    Some(EventLoopOrigin::CalledElsewhere(Arc::new(call)));
                marked = true;
            }
        }
        marked
    }

    /// The functions other modules register as handlers (JavaScript: `router.get('/', posts.list)`;
    /// Python: `Depends(get_db)`, a route table's `path("orders/", views.order_list)`) become handler
    /// code, with the registration in the other file (the project graph's answer). Whether any did.
    pub(crate) fn registered_elsewhere(&mut self) -> bool {
        use crate::frameworks::web;
        let mut marked = false;
        for incoming in std::mem::take(&mut self.incoming_handlers) {
            let framework = match self.language.family() {
                LanguageFamily::JavaScript => web::js_framework_named(&incoming.framework),
                LanguageFamily::Python => web::python_framework_named(&incoming.framework),
            };
            let Some(framework) = framework else {
                continue;
            };
            let Some(id) = self.exported_function(incoming.registration.member.as_deref()) else {
                continue;
            };
            let head = Span::from(self.function(id).node);
            let function = self.function_mut(id);
            if function.handler.is_none() {
                function.handler = Some(HandlerOrigin::Registered {
                    framework,
                    registration: head,
                    elsewhere: Some(Arc::new(incoming)),
                });
                marked = true;
            }
        }
        marked
    }

    /// Python: whether any function of the file runs on the event loop.
    pub(crate) fn has_event_loop_code(&self) -> bool {
        self.functions.iter().any(|f| f.event_loop.is_some())
    }

    /// Whether a function is the callback of an iteration (`files.forEach(...)`).
    fn is_iteration_callback(&self, id: FunctionId) -> bool {
        self.loops
            .iter()
            .any(|l| l.kind == LoopKind::Callback && l.body_function == Some(id))
    }

    /// Python: the event-loop function that runs `node` directly (its innermost function, when that is an
    /// `async def` or called by one). Code in a nested plain `def` or lambda is not event-loop code unless
    /// that function is itself called from event-loop code.
    pub fn event_loop_function(&self, node: Node<'_>) -> Option<FunctionId> {
        let id = self.function_at(node)?;
        self.function(id).event_loop.as_ref().map(|_| id)
    }

    /// Whether `node` is directly awaited (`await node`, parentheses allowed).
    pub fn is_awaited(&self, node: Node<'_>) -> bool {
        let mut current = node;
        while let Some(parent) = self.parent(current) {
            match parent.kind() {
                "parenthesized_expression" => current = parent,
                "await_expression" | "await" => return true,
                _ => return false,
            }
        }
        false
    }

    pub(crate) fn add_scope(
        &mut self,
        kind: ScopeKind,
        span: Span,
        parent: Option<ScopeId>,
    ) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope { kind, span, parent });
        id
    }

    /// Declares `name` in `scope`; a second declaration of the same name marks the first reassigned.
    pub(crate) fn declare(&mut self, binding: Binding<'t>) -> BindingId {
        let key = (binding.scope, binding.name);
        if let Some(&existing) = self.names.get(&key) {
            let old = &mut self.bindings[existing.0 as usize];
            // A function declaration wins over a later `var` of the same name without a value.
            old.reassigned = true;
            return existing;
        }
        let id = BindingId(self.bindings.len() as u32);
        self.bindings.push(binding);
        self.names.insert(key, id);
        id
    }

    pub(crate) fn binding_mut(&mut self, id: BindingId) -> &mut Binding<'t> {
        &mut self.bindings[id.0 as usize]
    }

    pub(crate) fn add_function(&mut self, function: Function<'t>) -> FunctionId {
        let id = FunctionId(self.functions.len() as u32);
        self.functions.push(function);
        id
    }

    pub(crate) fn function_mut(&mut self, id: FunctionId) -> &mut Function<'t> {
        &mut self.functions[id.0 as usize]
    }

    pub(crate) fn add_loop(&mut self, l: Loop<'t>) -> LoopId {
        let id = LoopId(self.loops.len() as u32);
        self.loops.push(l);
        id
    }

    /// Marks as handler code every function that handler code calls by name (transitively); marks as
    /// start-up code the functions that only module top level or start-up code calls.
    pub(crate) fn propagate_through_calls(
        &mut self,
        calls: &[CallSite<'t>],
        startup_roots: &[FunctionId],
    ) {
        let targets: Vec<Option<FunctionId>> = calls.iter().map(|c| self.call_target(c)).collect();
        let startup_roots = self.apply_declarations(startup_roots);
        let startup_roots = startup_roots.as_slice();
        // Handler code: a fixed point over the call edges.
        let mut changed = true;
        while changed {
            changed = false;
            for (call, target) in calls.iter().zip(&targets) {
                let Some(target) = *target else { continue };
                if self.function(target).handler.is_some() {
                    continue;
                }
                let caller_is_handler = call.caller.is_some_and(|c| self.is_handler_function(c));
                if caller_is_handler {
                    self.function_mut(target).handler =
                        Some(HandlerOrigin::CalledFrom(Span::from(call.call)));
                    changed = true;
                }
            }
        }
        // Event-loop code (Python): plain functions called directly from event-loop functions.
        if self.language == Language::Python {
            let mut changed = true;
            while changed {
                changed = false;
                for (call, target) in calls.iter().zip(&targets) {
                    let Some(target) = *target else { continue };
                    if self.function(target).event_loop.is_some() {
                        continue;
                    }
                    if call
                        .caller
                        .is_some_and(|c| self.function(c).event_loop.is_some())
                    {
                        self.function_mut(target).event_loop =
                            Some(EventLoopOrigin::CalledFrom(Span::from(call.call)));
                        changed = true;
                    }
                }
            }
        }
        for &root in startup_roots {
            self.function_mut(root).startup = true;
        }
        self.mark_startup(calls, &targets, &[]);
    }

    /// Marks as start-up code the functions `elsewhere` says other files call only from their start-up
    /// code (exports), when this file's calls of them are start-up code too, and what they alone call.
    pub(crate) fn startup_from_elsewhere(
        &mut self,
        calls: &[CallSite<'t>],
        elsewhere: &[FunctionId],
    ) {
        let targets: Vec<Option<FunctionId>> = calls.iter().map(|c| self.call_target(c)).collect();
        self.mark_startup(calls, &targets, elsewhere);
    }

    /// Start-up code: functions called at least once, and only from module top level or start-up code;
    /// a function of `elsewhere` counts a start-up call from another file.
    fn mark_startup(
        &mut self,
        calls: &[CallSite<'t>],
        targets: &[Option<FunctionId>],
        elsewhere: &[FunctionId],
    ) {
        let mut callers: FxHashMap<FunctionId, Vec<Option<FunctionId>>> = FxHashMap::default();
        for (call, target) in calls.iter().zip(targets) {
            if let Some(target) = *target {
                callers.entry(target).or_default().push(call.caller);
            }
        }
        for &function in elsewhere {
            // Another file's start-up code, which counts as this file's top level does.
            callers.entry(function).or_default().push(None);
        }
        let mut changed = true;
        while changed {
            changed = false;
            for (&target, from) in &callers {
                if self.functions[target.0 as usize].startup
                    || self.functions[target.0 as usize].handler.is_some()
                {
                    continue;
                }
                let all_startup = from.iter().all(|caller| match caller {
                    None => true,
                    Some(c) => self.runs_at_startup(*c),
                });
                if all_startup {
                    self.functions[target.0 as usize].startup = true;
                    changed = true;
                }
            }
        }
    }

    /// What the configuration says a call does (`[[functions]]` with `runs`): the callee's name (the
    /// last part of what it resolves to, else of how it is written) is a declared one.
    pub fn declared_call(&self, call: Node<'_>) -> Option<DeclaredCall> {
        if self.declared_calls.is_empty() {
            return None;
        }
        let callee = self.callee(call)?;
        let written = self.text(callee);
        let name = self.callee_name(call).map_or_else(
            || written.rsplit('.').next().unwrap_or(written).to_string(),
            |n| n.last().to_string(),
        );
        self.declared_calls
            .iter()
            .find(|(declared, _)| *declared == name)
            .map(|(_, kind)| *kind)
    }

    /// Applies the configuration's `[[functions]]` to the functions of this file they name: request
    /// code becomes handler code, start-up code a start-up root (both then reach what they call),
    /// other contexts are kept on the function. Returns the start-up roots with the declared ones.
    fn apply_declarations(&mut self, startup_roots: &[FunctionId]) -> Vec<FunctionId> {
        let mut roots = startup_roots.to_vec();
        if self.declared.is_empty() {
            return roots;
        }
        for index in 0..self.functions.len() {
            let id = FunctionId(index as u32);
            let function = self.function(id);
            let Some(name) = function.name else { continue };
            let Some(context) = self
                .declared
                .iter()
                .find(|(declared, _)| declared == name)
                .map(|(_, context)| *context)
            else {
                continue;
            };
            let span = Span::from(function.node);
            match context {
                Context::Request => {
                    self.function_mut(id).handler = Some(HandlerOrigin::Registered {
                        framework: DECLARED_HANDLERS,
                        registration: span,
                        elsewhere: None,
                    });
                }
                Context::StartUp => roots.push(id),
                other => self.function_mut(id).declared = Some(other),
            }
        }
        roots
    }

    fn is_handler_function(&self, id: FunctionId) -> bool {
        std::iter::successors(Some(id), |&f| self.function(f).parent)
            .any(|f| self.function(f).handler.is_some())
    }

    /// The function a call site calls, when it names one defined in this file.
    fn call_target(&self, call: &CallSite<'t>) -> Option<FunctionId> {
        self.callee_function(call.callee, call.caller)
    }

    /// The function of this file a call calls: a function bound to the callee's name (`helper(x)`), or
    /// a method of the class around the call (`this.helper(x)`, `self.helper(x)`, `cls.helper(x)`).
    pub fn called_function(&self, call: Node<'_>) -> Option<FunctionId> {
        let callee = syntax::unwrap(self.callee(call)?);
        self.callee_function(callee, self.function_at(call))
    }

    fn callee_function(&self, callee: Node<'_>, caller: Option<FunctionId>) -> Option<FunctionId> {
        match callee.kind() {
            "identifier" => {
                let binding = self.resolve_identifier(callee)?;
                self.function_of_binding(binding)
            }
            // `this.helper()` / `self.helper()`: a method of the same class.
            "member_expression" | "attribute" => {
                let object = callee.field("object")?;
                let property = callee
                    .field("property")
                    .or_else(|| callee.field("attribute"))?;
                let receiver = self.text(object);
                if !matches!(receiver, "this" | "self" | "cls") {
                    return None;
                }
                let class = std::iter::successors(caller, |&f| self.function(f).parent)
                    .find_map(|f| self.function(f).class)?;
                let name = self.text(property);
                self.functions()
                    .find(|(_, f)| f.class == Some(class) && f.name == Some(name))
                    .map(|(id, _)| id)
            }
            _ => None,
        }
    }
}

/// The decorators of a JavaScript or TypeScript class, including those written before `export`
/// (`@Injectable() export class A`).
pub fn class_decorators(class: Node<'_>) -> Vec<Node<'_>> {
    let mut decorators = Vec::new();
    let mut cursor = class.walk();
    decorators.extend(
        class
            .children(&mut cursor)
            .filter(|c| c.kind() == "decorator"),
    );
    if let Some(export) = class.parent().filter(|p| p.kind() == "export_statement") {
        let mut cursor = export.walk();
        decorators.extend(
            export
                .children(&mut cursor)
                .filter(|c| c.kind() == "decorator"),
        );
    }
    decorators
}

/// Whether a path names a test file.
pub fn is_test_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let test_name = name.contains(".test.")
        || name.contains(".spec.")
        || (name.ends_with(".py")
            && (name.starts_with("test_") || name.ends_with("_test.py") || name == "conftest.py"));
    test_name
        || path.components().any(|c| {
            matches!(
                c.as_os_str().to_str(),
                // `testutils`/`test_utils`: fixtures and factories that only tests import (Sentry's
                // `sentry/testutils/`).
                Some(
                    "test"
                        | "tests"
                        | "__tests__"
                        | "__mocks__"
                        | "spec"
                        | "testutils"
                        | "test_utils"
                )
            )
        })
}
