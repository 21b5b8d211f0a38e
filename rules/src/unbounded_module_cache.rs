use snag_core::frameworks::caches;
use snag_core::models::ModelIndex;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{
    BindingId, BindingKind, Context, DecoratorShape, FunctionId, HandlerOrigin, Semantic,
};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a module-level collection used as a cache that only ever grows: a `Map`, `Set`, empty object
    /// or array (`const cache = new Map()`, `const memo = {}`, `let seen = []`), or a Python `dict`, `list`,
    /// `set`, `defaultdict`, `OrderedDict`, `Counter` or `deque` without `maxlen` (`_cache = {}`,
    /// `CACHE = dict()`, `results = []`), that functions write to on every call (`cache.set(k, v)`,
    /// `memo[key] = ...`, `seen.push(x)`, `_cache[k] = v`, `results.append(x)`, `setdefault`, `update`)
    /// while nothing in the module ever removes an entry or checks the size. It is reported at the
    /// declaration, with a label at every write.
    ///
    /// A map grows without bound only when its entries come from data the program meets as it serves.
    /// In request handler code and background jobs every key not fixed by the code counts. In code whose
    /// callers snag cannot see (an exported service function), the key, the value or the element must be
    /// shown to come from run-time data: the clock or randomness (`Date.now()`, `uuid4()`), the rows of
    /// a query or the body of an HTTP response, a value the function looks up with a query or a request
    /// (an id, a URL), or what the calls in the file pass.
    ///
    /// ## Why is this bad?
    /// A module-level binding lives as long as the process. Each distinct key (a user id, a URL, a query)
    /// adds an entry that is never dropped, so memory grows with the traffic the process has seen: a leak
    /// that does not show in tests and, under real traffic, ends with the garbage collector thrashing or the
    /// process being killed for running out of memory.
    ///
    /// ## Example
    /// ```js
    /// const userCache = new Map();
    /// export async function getUser(id) {
    ///   if (!userCache.has(id)) userCache.set(id, await fetch(`${USERS_API}/${id}`).then((r) => r.json()));
    ///   return userCache.get(id);
    /// }
    /// ```
    /// ```python
    /// _rates = {}
    /// def get_rate(currency, day):
    ///     if (currency, day) not in _rates:
    ///         _rates[(currency, day)] = httpx.get(f"{RATES_API}/{day}/{currency}").json()
    ///     return _rates[(currency, day)]
    /// ```
    ///
    /// ## Use instead
    /// A bounded cache, or explicit eviction:
    /// ```js
    /// import { LRUCache } from 'lru-cache';
    /// const userCache = new LRUCache({ max: 10_000, ttl: 60_000 });
    /// ```
    /// ```python
    /// @functools.lru_cache(maxsize=4096)
    /// def get_rate(currency, day):
    ///     return fetch_rate(currency, day)
    /// ```
    /// (`cachetools.TTLCache(maxsize=..., ttl=...)` does the same with expiry.)
    ///
    /// ## Stays quiet on
    /// - bounded caches: `lru-cache`, `quick-lru`, `cachetools.LRUCache`/`TTLCache`,
    ///   `functools.lru_cache(maxsize=N)`, `deque(maxlen=N)`, `WeakMap`/`WeakSet`/`WeakValueDictionary`;
    /// - collections with eviction or a size check anywhere in the module: `delete`, `clear()`, `pop`,
    ///   `popitem`, `shift`, `splice`, `remove`, `discard`, `del cache[k]`, a reassignment to a new value,
    ///   `cache.size > N`, `len(cache) >= N`, `Object.keys(cache).length > N`;
    /// - registries filled at import time: writes at module level (loop callbacks and promise callbacks
    ///   such as `import(m).then(...)` included), in functions
    ///   called only from module level, in functions used as decorators (`@register`) or shaped like one
    ///   (they return the function they register, or the wrapper they define), in functions named
    ///   `register...`, and in constructors (`__init__`, `constructor`: an object registering itself);
    /// - writes with a constant key (`cache['config'] = ...`) or a key that is a property of `self`/`this`
    ///   (`RAN_CHECKS.add(self.alias)`): one entry per configured object, not one per request;
    /// - collections that functions only read, constants, non-empty literals;
    /// - in code whose callers are not seen, keys and values not shown to come from run-time data: a
    ///   template name, a plugin's command, a configured URL handed in from another file (followed once
    ///   snag sees callers across files);
    /// - collections that are not module-level bindings: locals (also a local with the cache's name), class
    ///   attributes, `this.cache` fields of instances and singleton providers;
    /// - test files and CLI scripts (files starting with `#!`).
    pub struct UnboundedModuleCache {
        id: "unbounded-module-cache",
        summary: "A module-level Map/dict/list used as a cache that grows forever (no eviction, no size bound)",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["variable_declarator"],
                // An empty collection created outside functions: `= {}`, `= []`, `new Map` (or `new M` with
                // `M = Map`), `Object.create(null)` (however the callee is written, it is called with `null`).
                triggers: [
                    [
                        "= \\( { }", "= \\( [ ]", "\\bnew \\( Map\\b", "= \\( Map\\b", "\\bnew \\( Set\\b", "= \\( Set\\b",
                        "( null\\b",
                    ]
                    .map(|source| module_level(pattern(source))),
                ],
            },
            Python {
                kinds: ["assignment"],
                // An empty collection created at module level (`= {}`, `= []`, a call of the collection type,
                // or of a name bound to it: `as`, `= deque`, `collections.deque`), written in a function.
                triggers: [
                    [
                        "= \\( { }", "= \\( [ ]",
                        "\\bdict (", "= \\( dict\\b", "\\blist (", "= \\( list\\b",
                        "\\bset (", "= \\( set\\b", "\\bOrderedDict (", "= \\( OrderedDict\\b",
                        "\\bCounter (", "= \\( Counter\\b", "\\bdefaultdict (", "= \\( defaultdict\\b",
                        "\\bdeque (", "= \\( deque\\b", "\\bOrderedDict as\\b", ". OrderedDict\\b",
                        "\\bCounter as\\b", ". Counter\\b", "\\bdefaultdict as\\b", ". defaultdict\\b",
                        "\\bdeque as\\b", ". deque\\b",
                    ]
                    .map(|source| module_level(pattern(source))),
                ],
                requires: [[word("def"), word("lambda")]],
            },
        ],
    }
}

/// What the module-level collection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Collection {
    /// `new Map()`.
    Map,
    /// `new Set()`, Python `set()`.
    Set,
    /// `{}`, `Object.create(null)`.
    Object,
    /// `[]`.
    Array,
    /// `{}`, `dict()`, `OrderedDict()`.
    Dict,
    /// `defaultdict(...)`.
    DefaultDict,
    /// `Counter()`.
    Counter,
    /// `[]`, `list()`.
    List,
    /// `deque()` without `maxlen`.
    Deque,
}

impl Collection {
    /// How the collection is named in the message.
    fn describe(self, python: bool) -> &'static str {
        match self {
            Collection::Map => "`Map`",
            Collection::Set if python => "`set`",
            Collection::Set => "`Set`",
            Collection::Object => "object",
            Collection::Array => "array",
            Collection::Dict => "`dict`",
            Collection::DefaultDict => "`defaultdict`",
            Collection::Counter => "`Counter`",
            Collection::List => "`list`",
            Collection::Deque => "`deque` without `maxlen`",
        }
    }

    /// What one write adds.
    fn unit(self) -> &'static str {
        match self {
            Collection::Set => "one element per distinct value",
            Collection::Array | Collection::List | Collection::Deque => "one element per write",
            _ => "one entry per distinct key",
        }
    }

    fn is_sequence(self) -> bool {
        matches!(
            self,
            Collection::Array | Collection::List | Collection::Deque
        )
    }
}

/// A module-level declaration of a growable collection.
struct Declaration<'t> {
    name: Node<'t>,
    binding: BindingId,
    collection: Collection,
}

/// How the module uses the collection.
#[derive(Default)]
struct Usage<'t> {
    /// Writes that add an entry per call (`cache.set(k, v)` in a function).
    writes: Vec<(Node<'t>, Option<FunctionId>)>,
    /// Something removes entries, resets the collection or checks its size.
    bounded: bool,
}

impl Rule for UnboundedModuleCache {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        if semantic.is_script() {
            return;
        }
        let Some(declaration) = declaration(semantic, node) else {
            return;
        };
        let usage = usage(semantic, ctx.models(), &declaration);
        if usage.bounded || usage.writes.is_empty() {
            return;
        }
        let name = semantic.text(declaration.name);
        let collection = declaration.collection;
        let python = semantic.language().family() == LanguageFamily::Python;
        let mut diagnostic = ctx
            .diagnostic(
                declaration_span(node),
                format!(
                    "`{name}` is a module-level {} written on every call and never evicted: it keeps {} for the life of the process, so memory grows with the traffic it has seen until the process is killed or the garbage collector thrashes (a leak under real traffic).",
                    collection.describe(python),
                    collection.unit(),
                ),
            )
            .with_help(help(python, collection, name));
        // The cost is paid where it grows, not where it is declared.
        let grown_in = Context::hottest(usage.writes.iter().map(|(w, _)| semantic.context_at(*w)));
        if let Some(context) = grown_in {
            diagnostic = diagnostic.with_context(context);
        }
        for (write, function) in &usage.writes {
            let owner = function
                .and_then(|f| semantic.function(f).name)
                .map_or_else(|| "a function".to_string(), |n| format!("`{n}`"));
            let what = if collection.is_sequence() {
                "appended"
            } else {
                "added"
            };
            diagnostic = diagnostic.with_label(
                *write,
                format!("{what} here each time {owner} runs; nothing removes it"),
            );
        }
        ctx.report(diagnostic);
    }
}

fn help(python: bool, collection: Collection, name: &str) -> String {
    let evict = match (python, collection) {
        (false, Collection::Set) => format!("`{name}.delete(value)`, a `{name}.size` check"),
        (false, Collection::Object) => {
            format!("`delete {name}[key]`, an `Object.keys({name}).length` check")
        }
        (false, _) => format!("`{name}.delete(key)`, a `{name}.size` check"),
        (true, Collection::Set) => format!("`{name}.discard(value)`, a `len({name})` check"),
        (true, _) => format!("`{name}.pop(key, None)`, a `len({name})` check"),
    };
    match (python, collection.is_sequence()) {
        (false, false) => format!(
            "Use a bounded cache ({}), or evict entries ({evict}).",
            caches::JS_BOUNDED_CACHES
        ),
        (false, true) => format!(
            "Cap it (drop old elements with `{name}.shift()`/`splice` past a maximum length), or use a bounded cache such as {}.",
            caches::JS_BOUNDED_CACHE
        ),
        (true, false) => format!(
            "Use a bounded cache ({}), or evict entries ({evict}).",
            caches::PYTHON_BOUNDED_CACHES
        ),
        (true, true) => format!(
            "Cap it: `collections.deque(maxlen=N)`, or drop old elements (`{name}.pop(0)`, `del {name}[:n]`) past a maximum length; for a cache use {}.",
            caches::PYTHON_BOUNDED_CACHE
        ),
    }}

/// The primary span: the declarator (`cache = new Map()`) or the Python assignment.
fn declaration_span(node: Node<'_>) -> Span {
    Span::from(node)
}

// ----- the declaration -----

/// The module-level collection `node` declares, if any.
fn declaration<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> Option<Declaration<'t>> {
    let (name, value) = match node.kind() {
        "variable_declarator" => (node.field("name")?, node.field("value")?),
        "assignment" => (node.field("left")?, node.field("right")?),
        _ => return None,
    };
    if name.kind() != "identifier" {
        return None;
    }
    let binding = semantic.resolve_identifier(name)?;
    let b = semantic.binding(binding);
    if b.declaration.id() != name.id() || semantic.scope(b.scope).parent.is_some() {
        return None;
    }
    let collection = collection(semantic, crate::helpers::unwrap(value))?;
    Some(Declaration {
        name,
        binding,
        collection,
    })
}

/// The growable collection an initial value creates.
fn collection(semantic: &Semantic<'_>, value: Node<'_>) -> Option<Collection> {
    let arguments = || semantic.arguments(value);
    match value.kind() {
        "new_expression" => {
            let name = semantic.callee_name(value)?;
            if name.is("Map") {
                Some(Collection::Map)
            } else if name.is("Set") {
                Some(Collection::Set)
            } else {
                None
            }
        }
        "object" if is_empty(value) => Some(Collection::Object),
        "array" if is_empty(value) => Some(Collection::Array),
        "call_expression" => {
            let name = semantic.callee_name(value)?;
            let first = semantic.argument(value, 0);
            (name.is("Object.create") && first.is_some_and(|f| f.kind() == "null"))
                .then_some(Collection::Object)
        }
        "dictionary" if is_empty(value) => Some(Collection::Dict),
        "list" if is_empty(value) => Some(Collection::List),
        "call" => {
            let name = semantic.callee_name(value)?;
            let empty = arguments().is_empty();
            match name.as_str() {
                "dict" if empty => Some(Collection::Dict),
                "list" if empty => Some(Collection::List),
                "set" if empty => Some(Collection::Set),
                "collections.OrderedDict" if empty => Some(Collection::Dict),
                "collections.Counter" if empty => Some(Collection::Counter),
                "collections.defaultdict" => Some(Collection::DefaultDict),
                "collections.deque" => {
                    let arguments = arguments();
                    let has_maxlen = arguments.len() >= 2
                        || arguments.iter().any(|a| {
                            a.kind() == "keyword_argument"
                                && a.field("name")
                                    .is_some_and(|n| semantic.text(n) == "maxlen")
                        });
                    (!has_maxlen).then_some(Collection::Deque)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a literal has no elements (comments aside).
fn is_empty(literal: Node<'_>) -> bool {
    let mut cursor = literal.walk();
    let empty = literal
        .named_children(&mut cursor)
        .all(|c| c.kind() == "comment");
    empty
}

// ----- the uses -----

/// Every use of the collection in the module, classified.
fn usage<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    declaration: &Declaration<'t>,
) -> Usage<'t> {
    let python = semantic.language().family() == LanguageFamily::Python;
    let mut usage = Usage::default();
    let mut grows = Vec::new();
    for reference in semantic.all_references(declaration.binding) {
        if reference.id() == declaration.name.id() {
            continue;
        }
        let effect = if python {
            python_effect(semantic, reference, declaration.binding)
        } else {
            js_effect(semantic, reference, declaration.binding)
        };
        match effect {
            Effect::Bounds => {
                usage.bounded = true;
                return usage;
            }
            Effect::Grows(write, made_of) => grows.push((reference, write, made_of)),
            Effect::Reads => {}
        }
    }
    // Where the entries come from is asked only of a collection nothing bounds: it follows values
    // through the file.
    for (reference, write, made_of) in grows {
        if is_per_call(semantic, write) && grows_at_run_time(semantic, models, write, &made_of) {
            usage.writes.push((write, semantic.function_at(reference)));
        }
    }
    usage
}

/// What one use does to the collection.
enum Effect<'t> {
    /// Adds entries: the node to label, and what they are made of (the key, the value, the element).
    Grows(Node<'t>, Vec<Node<'t>>),
    /// Removes entries, resets the collection or checks its size.
    Bounds,
    /// Anything else.
    Reads,
}

const JS_GROW: &[&str] = &["set", "add", "push", "unshift"];
const JS_EVICT: &[&str] = &["delete", "clear", "pop", "shift", "splice"];
const PY_GROW: &[&str] = &[
    "append",
    "add",
    "update",
    "setdefault",
    "extend",
    "insert",
    "appendleft",
    "extendleft",
];
const PY_EVICT: &[&str] = &[
    "pop", "popitem", "clear", "remove", "discard", "popleft", "subtract",
];

fn js_effect<'t>(semantic: &Semantic<'t>, reference: Node<'t>, binding: BindingId) -> Effect<'t> {
    let Some(parent) = reference.parent() else {
        return Effect::Reads;
    };
    let is_object = parent
        .field("object")
        .is_some_and(|o| o.id() == reference.id());
    match parent.kind() {
        "member_expression" if is_object => {
            let property = parent.field("property").map_or("", |p| semantic.text(p));
            if let Some(call) = called(parent) {
                if JS_EVICT.contains(&property) {
                    return Effect::Bounds;
                }
                if JS_GROW.contains(&property) {
                    let key = semantic.argument(call, 0);
                    let constant = matches!(property, "set" | "add")
                        && key.is_some_and(|k| is_constant_key(semantic, k));
                    if !constant {
                        return Effect::Grows(call, semantic.arguments(call));
                    }
                }
                return Effect::Reads;
            }
            if matches!(property, "size" | "length") {
                // `cache.length = 0` empties the array; `cache.size > MAX` bounds it.
                if is_assignment_target(parent) || in_size_comparison(semantic, parent) {
                    return Effect::Bounds;
                }
            }
            Effect::Reads
        }
        "subscript_expression" if is_object => {
            if parent.parent().is_some_and(|p| {
                p.kind() == "unary_expression" && semantic.text(p).starts_with("delete")
            }) {
                return Effect::Bounds;
            }
            let index = parent.field("index");
            let constant = index.is_some_and(|i| is_constant_key(semantic, i));
            if let Some(assignment) = assignment_of_target(parent) {
                return if constant {
                    Effect::Reads
                } else {
                    Effect::Grows(assignment, index.into_iter().chain(assignment.field("right")).collect())
                };
            }
            // `hits[ip].push(now)`: one growing array per key.
            let member = parent.parent().filter(|p| {
                p.kind() == "member_expression"
                    && p.field("object").is_some_and(|o| o.id() == parent.id())
            });
            if let Some(member) = member {
                let method = member.field("property").map_or("", |p| semantic.text(p));
                if let Some(call) = called(member) {
                    if JS_GROW.contains(&method) && !constant {
                        let made_of = index.into_iter().chain(semantic.arguments(call)).collect();
                        return Effect::Grows(call, made_of);
                    }
                }
            }
            Effect::Reads
        }
        "arguments" => {
            let Some(call) = parent.parent() else {
                return Effect::Reads;
            };
            let first = semantic
                .argument(call, 0)
                .is_some_and(|a| a.id() == reference.id());
            let callee = semantic.callee_name(call);
            let callee = callee.as_ref().map_or("", |c| c.as_str());
            if first && callee == "Object.assign" {
                return Effect::Grows(call, semantic.arguments(call).into_iter().skip(1).collect());
            }
            // `Object.keys(cache).length > MAX`.
            if first && matches!(callee, "Object.keys" | "Object.values" | "Object.entries") {
                if let Some(member) = call.parent().filter(|p| p.kind() == "member_expression") {
                    let length = member
                        .field("property")
                        .is_some_and(|p| semantic.text(p) == "length");
                    if length && in_size_comparison(semantic, member) {
                        return Effect::Bounds;
                    }
                }
            }
            Effect::Reads
        }
        "assignment_expression" | "augmented_assignment_expression"
            if parent
                .field("left")
                .is_some_and(|l| l.id() == reference.id()) =>
        {
            reassignment(semantic, parent, binding)
        }
        _ => Effect::Reads,
    }
}

fn python_effect<'t>(
    semantic: &Semantic<'t>,
    reference: Node<'t>,
    binding: BindingId,
) -> Effect<'t> {
    let Some(parent) = reference.parent() else {
        return Effect::Reads;
    };
    match parent.kind() {
        "attribute"
            if parent
                .field("object")
                .is_some_and(|o| o.id() == reference.id()) =>
        {
            let method = parent.field("attribute").map_or("", |a| semantic.text(a));
            let Some(call) = called(parent) else {
                return Effect::Reads;
            };
            if PY_EVICT.contains(&method) {
                return Effect::Bounds;
            }
            if PY_GROW.contains(&method) {
                let key = semantic.argument(call, 0);
                let constant = matches!(method, "add" | "setdefault")
                    && key.is_some_and(|k| is_constant_key(semantic, k));
                if !constant {
                    return Effect::Grows(call, semantic.arguments(call));
                }
            }
            Effect::Reads
        }
        "subscript"
            if parent
                .field("value")
                .is_some_and(|v| v.id() == reference.id()) =>
        {
            let key = parent.field("subscript");
            let slice = key.is_some_and(|k| k.kind() == "slice");
            if in_delete(parent) {
                return Effect::Bounds;
            }
            if let Some(assignment) = assignment_of_target(parent) {
                // `cache[:] = []` truncates; `cache["config"] = ...` is one entry.
                if slice {
                    return Effect::Bounds;
                }
                let constant = key.is_some_and(|k| is_constant_key(semantic, k));
                return if constant {
                    Effect::Reads
                } else {
                    Effect::Grows(assignment, key.into_iter().chain(assignment.field("right")).collect())
                };
            }
            // `cache[key].append(x)`: a `defaultdict` creates the key, every list grows.
            if let Some(attribute) = parent
                .parent()
                .filter(|p| p.kind() == "attribute")
                .filter(|p| p.field("object").is_some_and(|o| o.id() == parent.id()))
            {
                let method = attribute
                    .field("attribute")
                    .map_or("", |a| semantic.text(a));
                if let Some(call) = called(attribute) {
                    if PY_GROW.contains(&method)
                        && !key.is_some_and(|k| is_constant_key(semantic, k))
                    {
                        let made_of = key.into_iter().chain(semantic.arguments(call)).collect();
                        return Effect::Grows(call, made_of);
                    }
                }
            }
            Effect::Reads
        }
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return Effect::Reads;
            };
            let is_len = semantic.callee_name(call).is_some_and(|n| n.is("len"));
            if is_len && in_size_comparison(semantic, call) {
                return Effect::Bounds;
            }
            Effect::Reads
        }
        "assignment" | "augmented_assignment"
            if parent
                .field("left")
                .is_some_and(|l| l.id() == reference.id()) =>
        {
            reassignment(semantic, parent, binding)
        }
        _ => Effect::Reads,
    }
}

/// `cache = ...` after the declaration: a reset bounds it, unless the new value is built from the old one
/// (`seen = [...seen, x]`, `results += [x]`), which grows it.
fn reassignment<'t>(
    semantic: &Semantic<'t>,
    assignment: Node<'t>,
    binding: BindingId,
) -> Effect<'t> {
    let augmented = assignment.kind().starts_with("augmented");
    let operator = assignment
        .field("operator")
        .map_or("", |o| semantic.text(o));
    // `cache ??= new Map()` only initialises.
    if matches!(operator, "??=" | "||=") {
        return Effect::Reads;
    }
    let right = assignment.field("right");
    // `attempts = attempts.filter(recent)`, `log = log.slice(-100)`: rebuilt smaller, an eviction.
    if right.is_some_and(|r| is_shrinking_copy(semantic, r, binding)) {
        return Effect::Bounds;
    }
    let self_referencing = right.is_some_and(|r| !semantic.references(binding, r).is_empty());
    if augmented || self_referencing {
        Effect::Grows(assignment, right.into_iter().collect())
    } else {
        Effect::Bounds
    }
}

/// `name.filter(...)` / `name.slice(...)` (Python: `[x for x in name if ...]`, `name[-N:]`): a copy of the
/// collection that keeps only some of it.
fn is_shrinking_copy(semantic: &Semantic<'_>, value: Node<'_>, binding: BindingId) -> bool {
    let is_collection = |node: Option<Node<'_>>| {
        node.is_some_and(|n| {
            n.kind() == "identifier" && semantic.resolve_identifier(n) == Some(binding)
        })
    };
    match value.kind() {
        "call_expression" => value
            .field("function")
            .filter(|f| f.kind() == "member_expression")
            .is_some_and(|f| {
                let method = f.field("property").map_or("", |p| semantic.text(p));
                is_collection(f.field("object")) && matches!(method, "filter" | "slice")
            }),
        "list_comprehension" | "dictionary_comprehension" | "set_comprehension" => {
            let mut cursor = value.walk();
            let filtered = value
                .named_children(&mut cursor)
                .any(|c| c.kind() == "if_clause");
            let mut cursor = value.walk();
            let over_itself = value
                .named_children(&mut cursor)
                .any(|c| c.kind() == "for_in_clause" && is_collection(c.field("right")));
            filtered && over_itself
        }
        "subscript" => {
            is_collection(value.field("value"))
                && value
                    .field("subscript")
                    .is_some_and(|s| s.kind() == "slice")
        }
        _ => false,
    }
}

/// The call whose callee is `member` (`cache.set` in `cache.set(k, v)`).
fn called(member: Node<'_>) -> Option<Node<'_>> {
    member
        .parent()
        .filter(|p| matches!(p.kind(), "call_expression" | "call"))
        .filter(|p| p.field("function").is_some_and(|f| f.id() == member.id()))
}

/// The assignment whose target is `target` (`cache[k] = v`, `cache[k] += 1`, `cache[k] ??= v`).
fn assignment_of_target(target: Node<'_>) -> Option<Node<'_>> {
    let mut node = target;
    // Python `a[k], b[k] = ...`: the target sits in a pattern list.
    while let Some(parent) = node.parent() {
        if matches!(
            parent.kind(),
            "pattern_list" | "tuple_pattern" | "expression_list"
        ) {
            node = parent;
            continue;
        }
        let is_left = parent.field("left").is_some_and(|l| l.id() == node.id());
        return (is_left
            && matches!(
                parent.kind(),
                "assignment_expression"
                    | "augmented_assignment_expression"
                    | "assignment"
                    | "augmented_assignment"
            ))
        .then_some(parent);
    }
    None
}

fn is_assignment_target(node: Node<'_>) -> bool {
    assignment_of_target(node).is_some()
}

/// Whether a subscript sits in a `del` statement (`del cache[k]`, `del a[k], b[k]`).
fn in_delete(subscript: Node<'_>) -> bool {
    let mut node = subscript;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "delete_statement" => return true,
            "expression_list" | "parenthesized_expression" | "tuple" => node = parent,
            _ => return false,
        }
    }
    false
}

/// Whether a size (`cache.size`, `len(cache)`, `Object.keys(cache).length`) is compared with something
/// other than zero: a bound.
fn in_size_comparison(semantic: &Semantic<'_>, size: Node<'_>) -> bool {
    let mut node = size;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "parenthesized_expression" => node = parent,
            "binary_expression" => {
                let operator = parent.field("operator").map_or("", |o| semantic.text(o));
                if !matches!(
                    operator,
                    ">" | ">=" | "<" | "<=" | "==" | "===" | "!=" | "!=="
                ) {
                    return false;
                }
                let other = if parent.field("left").is_some_and(|l| l.id() == node.id()) {
                    parent.field("right")
                } else {
                    parent.field("left")
                };
                return other.is_some_and(|o| semantic.text(o) != "0");
            }
            "comparison_operator" => {
                let mut cursor = parent.walk();
                let others: Vec<Node<'_>> = parent
                    .named_children(&mut cursor)
                    .filter(|c| c.id() != node.id())
                    .collect();
                return others.iter().any(|o| semantic.text(*o) != "0");
            }
            _ => return false,
        }
    }
    false
}

/// Whether a key (or an element) comes from a small set fixed by the code, so that the collection
/// cannot grow past it: a literal without substitutions, an UPPER_CASE constant, an enum member or class
/// constant (`Status.ACTIVE`, `BundleType.HELPERS`), a property of a long-lived object (`self.alias`),
/// or a parameter that every call of its function in this file fills with such a key (a warn-once
/// helper called with literal names). Callers in other files are not seen yet.
fn is_constant_key(semantic: &Semantic<'_>, key: Node<'_>) -> bool {
    is_bounded_key(semantic, key, 0)
}

fn is_bounded_key(semantic: &Semantic<'_>, key: Node<'_>, depth: u32) -> bool {
    if depth > 3 {
        return false;
    }
    let key = crate::helpers::unwrap(key);
    match key.kind() {
        "string" | "number" | "integer" | "true" | "false" | "none" | "null" => {
            // A template or f-string with substitutions varies per call.
            let mut cursor = key.walk();
            let interpolated = key
                .named_children(&mut cursor)
                .any(|c| c.kind() == "interpolation");
            !interpolated
        }
        "identifier" => {
            if crate::helpers::is_upper_case(semantic.text(key)) {
                return true;
            }
            let Some(binding) = semantic.resolve_identifier(key) else {
                return false;
            };
            is_element_of_bounded_loop(semantic, binding)
                || semantic
                    .arguments_for_parameter(binding)
                    .is_some_and(|values| values.iter().all(|v| is_bounded_key(semantic, *v, depth + 1)))
        }
        "attribute" | "member_expression" => {
            let object = key.field("object");
            let member = key
                .field("attribute")
                .or_else(|| key.field("property"))
                .map_or("", |m| semantic.text(m));
            // `self.alias`, `this.name`: a property of a long-lived object (a connection, a backend),
            // set by configuration, not by request data.
            let own = object.is_some_and(|o| matches!(semantic.text(o), "self" | "this"));
            // `Status.ACTIVE`: a member of a class or enum named in the code.
            let enum_member = object.is_some_and(|o| {
                o.kind() == "identifier"
                    && semantic.text(o).starts_with(|c: char| c.is_ascii_uppercase())
            }) && crate::helpers::is_upper_case(member);
            // `app_config.name` for `app_config` in `apps.get_app_configs()`.
            let of_bounded_element = object.is_some_and(|o| {
                o.kind() == "identifier"
                    && semantic
                        .resolve_identifier(o)
                        .is_some_and(|b| is_element_of_bounded_loop(semantic, b))
            });
            own || enum_member || of_bounded_element
        }
        _ => false,
    }
}

/// A loop variable over a collection whose size the code fixes (a literal list, constants, the
/// installed apps: see [`crate::helpers::is_bounded_collection`]).
fn is_element_of_bounded_loop(semantic: &Semantic<'_>, binding: BindingId) -> bool {
    match semantic.binding(binding).kind {
        BindingKind::LoopVariable(id) => semantic
            .loop_(id)
            .iterable
            .is_some_and(|iterable| crate::helpers::is_bounded_collection(semantic, iterable, 0)),
        _ => false,
    }
}

// ----- where the keys come from -----

/// Whether a write adds entries as the program serves: in request or job code, every key not shown
/// bounded counts; elsewhere (code whose callers snag cannot see) the key, the value or the element
/// added must be shown to come from run-time data (see [`crate::provenance::is_run_time_value`]): a map grows without
/// bound only when its entries do, from requests, rows, ids, the clock. Keys handed in by callers in
/// other files (a template name, a plugin's command) are not followed yet: quiet. So is request code
/// that is so because another file's handler code calls it: its keys are that caller's arguments.
fn grows_at_run_time(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    write: Node<'_>,
    made_of: &[Node<'_>],
) -> bool {
    let request_or_job = matches!(semantic.context_at(write), Context::Request | Context::Job);
    if request_or_job && !called_from_handlers_elsewhere(semantic, write) {
        return true;
    }
    let Some(function) = semantic.function_at(write) else {
        return false;
    };
    made_of
        .iter()
        .any(|part| crate::provenance::is_run_time_value(semantic, models, *part, function, 0))
}

/// Whether the handler code around `node` is handler code only because another file's handler code
/// calls it (directly, or through the functions of this file that call it).
fn called_from_handlers_elsewhere(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    let mut function = semantic.handler_function(node);
    for _ in 0..8 {
        match function.and_then(|id| semantic.function(id).handler.as_ref()) {
            Some(HandlerOrigin::CalledElsewhere(_)) => return true,
            Some(HandlerOrigin::CalledFrom(call)) => {
                function = semantic
                    .call_at(*call)
                    .and_then(|call| semantic.handler_function(call));
            }
            _ => return false,
        }
    }
    false
}

// ----- which writes run per call -----

/// Whether a write runs per call at run time, not a fixed number of times while the program loads or
/// an object is built: inside a function that is not start-up code, not an initialiser, not a
/// registration function or decorator.
fn is_per_call(semantic: &Semantic<'_>, write: Node<'_>) -> bool {
    let Some(innermost) = semantic.function_at(write) else {
        return false;
    };
    if semantic.runs_at_load(write) || registers_while_decorating(semantic, innermost, write) {
        return false;
    }
    !semantic
        .enclosing_functions(write)
        .any(|id| is_initialiser(semantic, id) || semantic.is_registration(id))
}

/// An object's initialiser (`__init__`, `constructor`): an object registering itself, once per object
/// built. (A context manager's `__enter__` runs per `with`, and may run per request.)
fn is_initialiser(semantic: &Semantic<'_>, id: FunctionId) -> bool {
    let function = semantic.function(id);
    function.class.is_some() && matches!(function.name, Some("__init__" | "constructor"))
}

/// Whether the write sits in a decorator's own body, which runs once per decorated function at import
/// time: the function returns a wrapper it defines (`def decorator(func): ...; return wrapper`), or
/// returns the parameter that the write's statement registers (`HANDLERS[fn.__name__] = fn; return fn`).
fn registers_while_decorating(semantic: &Semantic<'_>, id: FunctionId, write: Node<'_>) -> bool {
    let statement = enclosing_statement(write);
    semantic
        .decorator_shapes(id)
        .into_iter()
        .any(|shape| match shape {
            DecoratorShape::ReturnsWrapper(_) => true,
            DecoratorShape::ReturnsParameter(parameter) => {
                !semantic.references(parameter, statement).is_empty()
            }
        })
}

/// The statement around an expression (`HOOKS.setdefault(name, []).append(fn)` for the `setdefault` call).
fn enclosing_statement(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.kind().ends_with("statement") || parent.kind() == "lexical_declaration" {
            return parent;
        }
        if matches!(parent.kind(), "block" | "statement_block") {
            return current;
        }
        current = parent;
    }
    current
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "unbounded-module-cache";

    /// `source` with a Flask view after it that runs `call` per request (so that the functions it
    /// calls are request code, whose keys count whatever they are).
    fn py_served(source: &str, call: &str) -> String {
        format!("{source}\nfrom flask import Flask, request\napp = Flask(__name__)\n\n@app.route(\"/x\")\ndef view():\n    {call}\n")
    }

    /// `source` with an Express route after it that runs `call` per request.
    fn js_served(source: &str, call: &str) -> String {
        format!("{source}\nconst app = require('express')();\napp.get('/x', (req, res) => {{ {call}; res.end(); }});\n")
    }

    #[test]
    fn keys_of_the_installed_apps_bound_the_collection() {
        let source = r#"
from django.apps import apps

app_cache = {}
by_user = {}


def _populate_app_cache():
    for app_config in apps.get_app_configs():
        app_cache[app_config.name] = app_config


def remember(request):
    for group in request.user.groups.all():
        by_user[group.name] = request.user.pk
"#;
        assert_eq!(lines_of(RULE, "shop/signals.py", source), vec![5]);
    }

    #[test]
    fn keys_fixed_by_the_code_bound_the_collection() {
        // A warn-once helper that every caller in the file gives a literal name; enum members.
        let python = r#"
import logging

_warned = set()
_by_status = {}


def _warn_once(endpoint):
    if endpoint not in _warned:
        _warned.add(endpoint)
        logging.warning("%s is deprecated", endpoint)


def register(request):
    _warn_once("POST /register")
    _by_status[Status.ACTIVE] = request.user.id


def token(request):
    _warn_once("POST /token")
"#;
        assert!(lines_of(RULE, "api/register.py", python).is_empty());
        // One caller passes request data: the set grows with it.
        let leaky = python.replace(
            "_warn_once(\"POST /token\")",
            "_warn_once(request.path)",
        );
        assert_eq!(lines_of(RULE, "api/register.py", &leaky), vec![4]);
        let js = r#"
const compiled = Object.create(null);
function matches(path, route) {
  if (!compiled[route]) compiled[route] = new RegExp(route);
  return compiled[route].test(path);
}
function login(req) { return matches(req.path, '/login'); }
function me(req) { return matches(req.path, '/me'); }
module.exports = { login, me };
"#;
        assert!(lines_of(RULE, "routes.js", js).is_empty());
        let unseen = js.replace("module.exports = { login, me };", "module.exports = { login, me, matches };\nmatches('/', process.argv[2]);");
        assert!(lines_of(RULE, "routes.js", &unseen).is_empty());
        let served = js_served(&unseen, "matches(req.path, req.query.route)");
        assert_eq!(lines_of(RULE, "routes.js", &served), vec![2]);
    }

    #[test]
    fn collections_rebuilt_smaller_are_evicted() {
        let source = r#"
let loginAttempts = [];
function recordAttempt(user) {
  const now = Date.now();
  loginAttempts = loginAttempts.filter((a) => now - a.time < 60000);
  loginAttempts.push({ time: now, user });
}
module.exports = { recordAttempt };
"#;
        assert!(lines_of(RULE, "throttle.js", source).is_empty());
        let python = "_recent = []\ndef record(x):\n    global _recent\n    _recent.append(x)\n    _recent = _recent[-100:]\n";
        assert!(lines_of(RULE, "recent.py", python).is_empty());
    }

    #[test]
    fn js_caches_written_per_call() {
        let source = r#"
const userCache = new Map();
const memo = {};
let seen = [];
const tags = new Set();
export async function getUser(id) {
  if (!userCache.has(id)) userCache.set(id, await db.users.findById(id));
  return userCache.get(id);
}
function fib(n) {
  if (memo[n] !== undefined) return memo[n];
  memo[n] = n < 2 ? n : fib(n - 1) + fib(n - 2);
  return memo[n];
}
function track(event) { seen.push(event); tags.add(event.tag); }
module.exports = { userCache, fib, track };
"#;
        let served = js_served(source, "getUser(req.params.id); fib(req.query.n); track(req.body)");
        assert_eq!(lines_of(RULE, "src/cache.js", &served), vec![2, 3, 4, 5]);
        // Callers snag cannot see: only `getUser`'s key is shown to be an id (it looks a user up).
        let fetched = source.replace("await db.users.findById(id)", "await fetch(`/users/${id}`)");
        // (The rule's documented example.)
        assert_eq!(lines_of(RULE, "src/cache.js", &fetched), vec![2]);
    }

    #[test]
    fn python_caches_written_per_call() {
        let source = r#"
from collections import defaultdict
_cache = {}
CACHE = dict()
results = []
by_user = defaultdict(list)

def get_rate(currency):
    if currency not in _cache:
        _cache[currency] = fetch(currency)
    return _cache[currency]

def remember(key, value):
    CACHE.setdefault(key, value)

def record(user, row):
    results.append(row)
    by_user[user].append(row)
"#;
        let served = py_served(
            source,
            "get_rate(request.args['c']); remember(request.path, 1); record(request.user, request.json)",
        );
        assert_eq!(lines_of(RULE, "app/rates.py", &served), vec![3, 4, 5, 6]);
        // Rows of a query fill `results` wherever `record` is called from.
        let rows = format!("{source}\nimport requests\n\ndef sync():\n    for row in requests.get(URL).json():\n        record(row['user'], row)\n");
        assert_eq!(lines_of(RULE, "app/rates.py", &rows), vec![5, 6]);
    }

    #[test]
    fn eviction_or_size_checks_anywhere_keep_it_quiet() {
        let source = r#"
const a = new Map();
const b = {};
const c = [];
const d = new Map();
let e = new Map();
function put(k, v) {
  a.set(k, v); b[k] = v; c.push(v); d.set(k, v); e.set(k, v);
  if (d.size > 1000) d.clear();
}
setInterval(() => a.delete(oldest()), 1000);
function forget(k) { delete b[k]; }
function trim() { while (c.length > 100) c.shift(); }
function reset() { e = new Map(); }
module.exports = { put, forget, trim, reset };
"#;
        assert!(lines_of(RULE, "src/store.js", source).is_empty());
        let python = r#"
_a = {}
_b = {}
_c = []
_d = {}
def put(k, v):
    _a[k] = v
    _b[k] = v
    _c.append(v)
    _d[k] = v
    if len(_d) >= 1000:
        _d.popitem()
def forget(k):
    del _a[k]
    _b.pop(k, None)
def reset():
    global _c
    _c = []
"#;
        assert!(lines_of(RULE, "app/store.py", python).is_empty());
    }

    #[test]
    fn registries_filled_at_import_time_stay_quiet() {
        let source = r#"
HANDLERS = {}
ROUTES = []
HOOKS = {}

def register(fn):
    HANDLERS[fn.__name__] = fn
    return fn

def hook(name):
    def decorator(fn):
        HOOKS.setdefault(name, []).append(fn)
        return fn
    return decorator

def add_route(path, view):
    ROUTES.append((path, view))

add_route("/", index)

@register
def ping():
    return "pong"
"#;
        assert!(lines_of(RULE, "app/registry.py", source).is_empty());
        // Promise callbacks run once, when the promise settles: at load when the promise is made there.
        let js = r#"
const inputs = new Map();
const seen = new Map();
for (const name of ["away", "ban", "kick"]) {
  import(`./${name}.js`).then((plugin) => {
    plugin.commands.forEach((command) => inputs.set(command, plugin));
  });
}
export function track(req) {
  fetchUser(req.id).then((user) => seen.set(user.id, user));
}
"#;
        // `fetchUser` is not seen to fetch anything: the user ids are not shown to be run-time data.
        assert!(lines_of(RULE, "inputs.mjs", js).is_empty());
        let loaded = js.replace("fetchUser(req.id)", "fetch(`/users/${req.id}`)");
        assert_eq!(lines_of(RULE, "inputs.mjs", &loaded), vec![3]);
    }

    #[test]
    fn bounded_caches_locals_and_reads_stay_quiet() {
        let source = r#"
import { LRUCache } from 'lru-cache';
const users = new LRUCache({ max: 500 });
const weak = new WeakMap();
const COUNTRIES = {};
const cache = new Map();
export function get(id) { users.set(id, load(id)); weak.set(id, {}); return COUNTRIES[id]; }
export function local(id) { const cache = new Map(); cache.set(id, 1); return cache; }
export function read(id) { return cache.get(id); }
const config = {};
export function configure() { config['mode'] = 'fast'; }
"#;
        assert!(lines_of(RULE, "src/users.ts", source).is_empty());
        let python = r#"
import functools
from cachetools import TTLCache
from collections import deque
_ttl = TTLCache(maxsize=100, ttl=60)
_recent = deque(maxlen=50)
_cache = {}
def get(k):
    _ttl[k] = 1
    _recent.append(k)
    _cache = {}
    _cache[k] = 1
    return _cache
@functools.lru_cache(maxsize=256)
def rate(c):
    return c
"#;
        assert!(lines_of(RULE, "app/bounded.py", python).is_empty());
    }

    #[test]
    fn tests_scripts_and_class_fields_stay_quiet() {
        let source = "const cache = new Map();\nexport function f(k) { cache.set(k, Date.now()); }\n";
        assert_eq!(lines_of(RULE, "src/a.js", source), vec![1]);
        assert!(lines_of(RULE, "src/a.test.js", source).is_empty());
        assert!(lines_of(RULE, "bin/a.js", &format!("#!/usr/bin/env node\n{source}")).is_empty());
        let class = "class Provider {\n  cache = new Map();\n  get(k) { this.cache.set(k, 1); }\n}\nmodule.exports = new Provider();\n";
        assert!(lines_of(RULE, "src/provider.js", class).is_empty());
        let python =
            "class Registry:\n    _cache = {}\n    def get(self, k):\n        self._cache[k] = 1\n";
        assert!(lines_of(RULE, "app/reg.py", python).is_empty());
    }

    #[test]
    fn handlers_inside_start_up_functions_still_run_per_request() {
        let source = r#"
const express = require('express');
const hits = {};
const names = new Map();
const lengths = {};
['a', 'b'].forEach((n) => names.set(n, n.toUpperCase()));
function createApp() {
  const app = express();
  ['x', 'y'].forEach((n) => names.set(n, n));
  app.get('/hit', (req, res) => {
    hits[req.ip] ??= [];
    hits[req.ip].push(Date.now());
    lengths[req.path] = req.path.length;
    if (Object.keys(lengths).length > 100) lengths = {};
    res.end();
  });
  return app;
}
module.exports = createApp();
"#;
        assert_eq!(lines_of(RULE, "src/app.js", source), vec![3]);
    }

    #[test]
    fn decorators_constructors_and_instance_keys_stay_quiet() {
        let source = r#"
_sensitive = {}
_backends = {}
RAN_CHECK = set()

def sensitive_variables(*variables):
    def decorator(func):
        _sensitive[func.__code__] = variables
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)
        return wrapper
    return decorator

class LocMemCache:
    def __init__(self, name):
        self._cache = _backends.setdefault(name, {})

class Connection:
    def init_state(self):
        RAN_CHECK.add(self.alias)
"#;
        assert!(lines_of(RULE, "app/backends.py", source).is_empty());
    }

    #[test]
    fn python_global_writes_count_and_global_resets_evict() {
        let source = r#"
seen = []
stamps = []

def track(x):
    global seen
    seen += [x]

def stamp(x):
    global stamps
    stamps.append(x)
    if x == "reset":
        stamps = []
"#;
        let served = py_served(source, "track(request.path); stamp(request.path)");
        assert_eq!(lines_of(RULE, "app/track.py", &served), vec![2]);
    }

    #[test]
    fn decorators_applied_through_an_instance_or_returning_a_wrapper_stay_quiet() {
        let source = r#"
import functools
_tracked = []
_sensitive = {}

class Tracker:
    def track(self, fn):
        _tracked.append(fn.__qualname__)
        return functools.wraps(fn)(lambda *a: fn(*a))

tracker = Tracker()

@tracker.track
def ping():
    return "pong"

def sensitive(func):
    _sensitive[func.__qualname__] = True
    if getattr(func, "is_coroutine", False):
        wrapper = func
    else:
        def wrapper(*args):
            return func(*args)
    return wrapper
"#;
        assert!(lines_of(RULE, "app/tracking.py", source).is_empty());
    }

    #[test]
    fn property_getters_and_context_entries_run_per_use() {
        let source = r#"
import time
_reads = []
_active = []
_built = []

class Model:
    @property
    def current(self):
        _reads.append((self.value, time.time()))
        return self.value

    @current.setter
    def current(self, value):
        self.value = value

class Span:
    def __init__(self, name):
        _built.append(name)

    def __enter__(self):
        _active.append((self, time.time()))
        return self
"#;
        // The getter runs on every access (its `.setter` does not make it a decorator); `__enter__` on
        // every `with`; `__init__` once per object built.
        let served = py_served(
            source,
            "m = Model(); print(m.current)\n    with Span(request.path):\n        pass",
        );
        assert_eq!(lines_of(RULE, "app/model.py", &served), vec![3, 4]);
    }

    #[test]
    fn a_reset_from_another_objects_attribute_evicts() {
        let source = r#"
_cache = {}

def put(k, v):
    _cache[k] = v

def reload(settings):
    global _cache
    _cache = settings._cache
"#;
        // `settings._cache` is another object's attribute, not the old collection: a reset.
        let served = py_served(source, "put(request.path, 1)");
        assert!(lines_of(RULE, "app/settings.py", &served).is_empty());
        let growing = "_log = []\ndef add(x):\n    global _log\n    _log = _log + [x]\n";
        let served = py_served(growing, "add(request.path)");
        assert_eq!(lines_of(RULE, "app/log.py", &served), vec![1]);
    }
}
