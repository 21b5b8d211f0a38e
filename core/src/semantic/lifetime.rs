//! How long values and code live: places that keep a value after a call returns, code guarded to run
//! once however often its function runs, functions whose body runs once (memoised), constructors and
//! generators.
//!
//! These answer what several rules ask before they call something per-request: a client stored in a
//! module variable behind `if (!pool)` is a lazily built singleton, not a connection per request.

use super::{syntax, BindingId, BindingKind, FunctionId, ScopeKind, Semantic, ValueStep};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::{calls, node};
use tree_sitter::Node;

/// Methods that add to the collection they are called on (a write to its place); an emitter's settings
/// (`setMaxListeners`, [`node::EMITTER_SETTINGS`]) are written the same way.
const ADDING_METHODS: &[&str] = &["add", "set", "push"];

/// What state a once-guard may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardState {
    /// State that outlives every call (see [`Semantic::outlives_call`]): module variables, `global`s,
    /// members of `this`/`self`.
    Process,
    /// State declared outside the guarded region (a module variable, a variable of an enclosing
    /// function, an instance member), imports aside.
    OutsideRegion,
}

/// Where a value is stored: a variable (or `this`) and a path of members below it. Subscripts keep the
/// container (`_pools[key]` is stored in `_pools`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place<'t> {
    root: Root<'t>,
    path: Vec<&'t str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Root<'t> {
    Binding(BindingId),
    /// JavaScript `this`.
    This,
    /// A name no binding of the file declares (a global).
    Global(&'t str),
}

impl<'t> Semantic<'t> {
    /// Whether storing a value into `target` keeps it after the call of `function` returns, for the life
    /// of the process: a module-level or `global` variable, `globalThis`/`global`/`window`, `this` and
    /// members of `self`/`cls`, or a member or item of such a place. Module-level names whose values
    /// live for one request (`flask.g`) do not count.
    pub fn outlives_call(&self, target: Node<'_>, function: FunctionId) -> bool {
        let target = super::syntax::unwrap(target);
        match target.kind() {
            "identifier" => {
                if self.declared_outer(target, function, true) {
                    return true;
                }
                match self.resolve_identifier(target) {
                    Some(id) => {
                        let binding = self.binding(id);
                        self.scope(binding.scope).kind == ScopeKind::Module
                            && !self.is_request_local(target)
                    }
                    None => matches!(self.text(target), "globalThis" | "global" | "window"),
                }
            }
            "this" => true,
            "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
                if self.is_request_local(target) {
                    return false;
                }
                let object = target.field("object").or_else(|| target.field("value"));
                match object {
                    Some(object) if matches!(self.text(object), "self" | "cls") => true,
                    Some(object) => self.outlives_call(object, function),
                    None => false,
                }
            }
            _ => false,
        }
    }

    /// Whether an expression names a module-level value that lives for one request (Flask's and Quart's
    /// context locals, `flask.g`): a value stored on it is dropped when the request ends.
    fn is_request_local(&self, identifier: Node<'_>) -> bool {
        self.qualified_name(identifier)
            .is_some_and(|n| calls::is_request_local(n.as_str()))
    }

    /// Python: whether `function` declares the identifier's name `global` (`global: true`) or
    /// `nonlocal` (`global: false`).
    pub fn declared_outer(&self, identifier: Node<'_>, function: FunctionId, global: bool) -> bool {
        let name = self.text(identifier);
        self.recorded
            .outer_names
            .iter()
            .any(|&(f, n, g)| f == function && n == name && g == global)
    }

    /// Whether a caching decorator memoises `function` (`@functools.lru_cache`, `@cache`,
    /// `@cached_property`, `@alru_cache`, `@cachetools.cached(...)`): its body runs once per argument
    /// list, not once per call.
    pub fn is_memoised(&self, function: FunctionId) -> bool {
        self.decorator_expressions(function)
            .into_iter()
            .any(|expression| {
                let name = if expression.kind() == "call" {
                    self.callee_name(expression)
                } else {
                    self.qualified_name(expression)
                };
                name.is_some_and(|name| {
                    calls::is_memoising_decorator(name.last()) && name.parent().is_some()
                })
            })
    }

    /// Whether `function` builds a long-lived object: a constructor (`__init__`, `__post_init__`,
    /// JavaScript `constructor`) or a context manager's entry (`__enter__`, `__aenter__`).
    pub fn is_constructor(&self, function: FunctionId) -> bool {
        let f = self.function(function);
        f.class.is_some()
            && matches!(
                f.name,
                Some("__init__" | "__enter__" | "__aenter__" | "__post_init__" | "constructor")
            )
    }

    /// Whether a call's value is computed once per process and remembered (read-once memoisation): it
    /// goes to a place kept between calls (`cache ??= read()`, `if (!cache) cache = read()`,
    /// `cache.set(key, read())` under `if (!cache.has(key))`), an earlier `if` returns the remembered
    /// value, it is read through a local ([`Semantic::is_read_through`]), or it is a cache's fallback
    /// ([`Semantic::is_cache_fallback`]).
    pub fn is_computed_once(&self, call: Node<'t>) -> bool {
        let Some(function) = self.function_at(call) else {
            return false;
        };
        let mut written = Vec::new();
        let mut current = call;
        while let Some(parent) = self.parent(current) {
            match parent.kind() {
                "assignment_expression" | "augmented_assignment_expression" => {
                    if matches!(
                        parent.field("operator").map(|o| self.text(o)),
                        Some("??=" | "||=")
                    ) {
                        return true;
                    }
                    written.extend(parent.field("left"));
                    break;
                }
                // `cache.set(key, fs.readFileSync(...))`.
                "arguments" => {
                    let receiver = self
                        .parent(parent)
                        .and_then(|outer| outer.field("function"))
                        .filter(|callee| {
                            callee
                                .field("property")
                                .is_some_and(|p| self.text(p) == "set")
                        })
                        .and_then(|callee| callee.field("object"));
                    if let Some(receiver) = receiver {
                        written.push(receiver);
                        break;
                    }
                    current = parent;
                }
                "statement_block" => break,
                kind if super::syntax::is_function_kind(kind) => break,
                _ => current = parent,
            }
        }
        self.once_guard(call, function, &written, GuardState::Process)
            .is_some()
            || self.is_read_through(call)
            || self.is_cache_fallback(call)
    }

    /// Whether `call`'s value is cached through a local: `let code = cache[k]; if (code) return code;
    /// code = read(...); cache[k] = code;` (or `cache.get(k)` ... `cache.set(k, code)`). The value goes
    /// to a local that is then stored in a place kept between calls, and an earlier `if` on that local
    /// leaves the function: the call runs once per key, not once per call.
    pub fn is_read_through(&self, call: Node<'_>) -> bool {
        let Some(function) = self.function_at(call) else {
            return false;
        };
        let Some(local) = self.bound_local(call) else {
            return false;
        };
        let references = self.all_references(local);
        let kept = self.stored_after(&references, call, function);
        let guarded = || {
            references.iter().any(|reference| {
                reference.start_byte() < call.start_byte()
                    && std::iter::successors(self.parent(*reference), |n| self.parent(*n))
                        .take_while(|n| !syntax::is_function_kind(n.kind()))
                        .find(|n| n.kind() == "if_statement")
                        .filter(|statement| {
                            statement
                                .field("condition")
                                .is_some_and(|c| Span::from(c).contains(Span::from(*reference)))
                        })
                        .and_then(|statement| statement.field("consequence"))
                        .is_some_and(|consequence| {
                            syntax::exits(consequence, syntax::FUNCTION_EXITS)
                        })
            })
        };
        kept && guarded()
    }

    /// The variable `value` is bound to (`const code = value`, `code = value`).
    fn bound_local(&self, value: Node<'_>) -> Option<BindingId> {
        let ValueStep::Bound { target, .. } = self.value_step(value) else {
            return None;
        };
        (target.kind() == "identifier")
            .then(|| self.resolve_identifier(target))
            .flatten()
    }

    /// Whether one of `references` (of a local) after `after` stores it where it outlives the call of
    /// `function`: `cache[k] = code`, `cache.set(k, code)`.
    fn stored_after(&self, references: &[Node<'t>], after: Node<'_>, function: FunctionId) -> bool {
        references.iter().any(|reference| {
            reference.start_byte() > after.start_byte()
                && match self.value_step(*reference) {
                    ValueStep::Stored { outlives_call, .. } => outlives_call,
                    ValueStep::Argument { call: store, .. } => self
                        .callee(store)
                        .and_then(syntax::member_parts)
                        .is_some_and(|(object, method)| {
                            ADDING_METHODS.contains(&self.text(method))
                                && self.outlives_call(object, function)
                        }),
                    _ => false,
                }
        })
    }

    /// Whether `call` runs only when a cache misses: it sits on the right of `||`/`??`/`or` whose left
    /// reads the cache (`cache.get(k) || compile(read(...))`, also behind `enabled && ...`), and the
    /// value is bound to a local that is then stored in that cache (`cache.set(k, template)`).
    pub fn is_cache_fallback(&self, call: Node<'t>) -> bool {
        let Some(function) = self.function_at(call) else {
            return false;
        };
        let mut current = call;
        while let Some(parent) = self.parent(current) {
            if syntax::is_function_kind(parent.kind()) || parent.kind().ends_with("statement") {
                return false;
            }
            let fallback = matches!(parent.kind(), "binary_expression" | "boolean_operator")
                && parent
                    .field("right")
                    .is_some_and(|r| r.id() == current.id())
                && syntax::has_operator(parent, &["||", "??", "or"]);
            if fallback
                && parent
                    .field("left")
                    .is_some_and(|left| self.reads_cache(left, function))
            {
                return self.bound_local(parent).is_some_and(|local| {
                    self.stored_after(&self.all_references(local), parent, function)
                });
            }
            current = parent;
        }
        false
    }

    /// Whether `node`, in `function`, runs only when a cache kept between calls misses: an earlier `if`
    /// of the function's own body tests the cache and leaves the function (`if (cache.has(id)) return
    /// cache.get(id);`, `if pk in cache: return cache[pk]`), and the function fills that cache. Such a
    /// function runs it once per key. A constant tested the same way (`if event in REPO_EVENTS:
    /// return`) is no cache: nothing fills it.
    pub fn runs_after_cache_miss(&self, node: Node<'t>, function: FunctionId) -> bool {
        let body = self.function(function).node;
        let mut stack = vec![body];
        while let Some(candidate) = stack.pop() {
            if candidate.start_byte() >= node.start_byte() {
                continue;
            }
            if candidate.id() != body.id() && syntax::is_function_kind(candidate.kind()) {
                continue;
            }
            if candidate.kind() == "if_statement"
                && candidate.end_byte() <= node.start_byte()
                && candidate
                    .field("consequence")
                    .is_some_and(|c| syntax::exits(c, syntax::FUNCTION_EXITS))
            {
                let condition = candidate.field("condition");
                if condition.is_some_and(|c| {
                    self.caches_read(c, function)
                        .iter()
                        .any(|cache| self.adds_entries_to(function, cache))
                }) {
                    return true;
                }
            }
            let mut cursor = candidate.walk();
            stack.extend(candidate.named_children(&mut cursor));
        }
        false
    }

    /// The collections kept between calls of `function` whose entries `condition` reads, as written
    /// (`cache` in `cache.has(id)`, `cache[k]`, `k in cache`).
    fn caches_read(&self, condition: Node<'t>, function: FunctionId) -> Vec<&'t str> {
        let mut caches = Vec::new();
        let mut stack = vec![condition];
        while let Some(node) = stack.pop() {
            let container = match node.kind() {
                "call_expression" | "call" => self
                    .callee(node)
                    .and_then(syntax::member_parts)
                    .filter(|(_, method)| matches!(self.text(*method), "get" | "has"))
                    .map(|(object, _)| object),
                "subscript_expression" | "subscript" => {
                    node.field("object").or_else(|| node.field("value"))
                }
                "comparison_operator" | "binary_expression"
                    if syntax::has_operator(node, &["in"]) =>
                {
                    node.named_child(node.named_child_count().saturating_sub(1) as u32)
                }
                _ => None,
            };
            if let Some(container) = container.filter(|c| self.outlives_call(*c, function)) {
                caches.push(self.text(container));
            }
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
        caches
    }

    /// Whether `function` adds entries to the collection written `cache` (`cache[k] = v`,
    /// `cache.set(k, v)`, `cache.add(v)`, `cache.setdefault(k, v)`).
    fn adds_entries_to(&self, function: FunctionId, cache: &str) -> bool {
        let body = self.function(function).node;
        let region = Span::from(body);
        let assigned = self.assignments_in(region).any(|a| {
            matches!(a.target.kind(), "subscript_expression" | "subscript")
                && a.target
                    .field("object")
                    .or_else(|| a.target.field("value"))
                    .is_some_and(|o| self.text(o) == cache)
        });
        assigned
            || self.calls_in(region).any(|call| {
                self.callee(call)
                    .and_then(syntax::member_parts)
                    .is_some_and(|(object, method)| {
                        self.text(object) == cache
                            && matches!(self.text(method), "set" | "add" | "setdefault" | "update")
                    })
            })
    }

    /// Whether an expression reads an entry of a collection kept between calls of `function`
    /// (`cache.get(k)`, `cache[k]`).
    fn reads_cache(&self, expression: Node<'t>, function: FunctionId) -> bool {
        let span = Span::from(expression);
        let got = self.calls_in(span).any(|call| {
            self.callee(call)
                .and_then(syntax::member_parts)
                .is_some_and(|(object, method)| {
                    self.text(method) == "get" && self.outlives_call(object, function)
                })
        });
        got || {
            let mut stack = vec![expression];
            let mut found = false;
            while let Some(node) = stack.pop() {
                if matches!(node.kind(), "subscript_expression" | "subscript")
                    && node
                        .field("object")
                        .or_else(|| node.field("value"))
                        .is_some_and(|o| self.outlives_call(o, function))
                {
                    found = true;
                    break;
                }
                let mut cursor = node.walk();
                stack.extend(node.named_children(&mut cursor));
            }
            found
        }
    }

    /// Whether `function` is a generator (`function*`, or a body that `yield`s): its locals live across
    /// each `yield`, for as long as its caller keeps it.
    pub fn is_generator(&self, function: FunctionId) -> bool {
        let node = self.function(function).node;
        if matches!(
            node.kind(),
            "generator_function_declaration" | "generator_function"
        ) {
            return true;
        }
        self.own_statements(&self.recorded.yields, function)
            .next()
            .is_some()
    }

    /// The `if` that makes `node` run at most once although `region` (a function) runs per call: an `if`
    /// (or conditional expression) around `node` whose condition tests state that the branch holding
    /// `node` then writes (`if (!pool) pool = new Pool()`, `if _engine is None: _engine = ...`, `if
    /// (!cache.has(k)) cache.set(k, ...)`, `if (!subscribed) { subscribed = true; ... }`), or an `if`
    /// before it that returns or throws on state the function writes after it (`if (cached) return
    /// cached; ... cached = ...`). `written` adds places that `node` itself writes when it is not an
    /// assignment (the receiver of `cache.set(k, v)`). What state counts is `state`.
    pub fn once_guard(
        &self,
        node: Node<'t>,
        region: FunctionId,
        written: &[Node<'t>],
        state: GuardState,
    ) -> Option<Node<'t>> {
        let region_node = self.function(region).node;
        let region_span = Span::from(region_node);
        let own: Vec<Place<'t>> = written
            .iter()
            .filter(|t| self.keeps_state(**t, region, state))
            .filter_map(|t| self.place(*t))
            .collect();
        // An `if` or conditional around the node.
        let mut current = node;
        while let Some(parent) = self.parent(current) {
            if parent.id() == region_node.id() {
                break;
            }
            if matches!(
                parent.kind(),
                "if_statement" | "ternary_expression" | "conditional_expression" | "elif_clause"
            ) {
                // Python's `a if condition else b` names no field.
                let condition = parent.field("condition").or_else(|| {
                    (parent.kind() == "conditional_expression")
                        .then(|| parent.named_child(1))
                        .flatten()
                });
                // The condition itself runs on every call; only its branches are guarded.
                let in_condition = condition.is_some_and(|c| c.id() == current.id());
                if let Some(condition) = condition.filter(|_| !in_condition) {
                    let mut kept = self.places_written_in(Span::from(current), region, state);
                    kept.extend(own.iter().cloned());
                    if self.reads_any_place(condition, &kept) {
                        return Some(parent);
                    }
                }
            }
            current = parent;
        }
        // An `if` before it that leaves the function, on state written after it.
        let before = Span::new(region_span.start, node.start_byte());
        self.if_statements_in(before)
            .filter(|i| i.end_byte() <= node.start_byte())
            .filter(|i| self.function_at(*i) == Some(region))
            .find(|i| {
                let (Some(consequence), Some(condition)) =
                    (i.field("consequence"), i.field("condition"))
                else {
                    return false;
                };
                if !super::syntax::exits(consequence, super::syntax::FUNCTION_EXITS) {
                    return false;
                }
                let after = Span::new(i.end_byte(), region_span.end);
                let mut kept = self.places_written_in(after, region, state);
                kept.extend(own.iter().cloned());
                self.reads_any_place(condition, &kept)
            })
    }

    /// The `if` inside `region` (a loop's node) around `node` that lets `node` run once per distinct
    /// value rather than once per element: its condition tests state declared outside the loop that
    /// the branch holding `node` then writes, and that branch is the one taken for a value not seen
    /// yet (`if event_id != o.event_id: ...; event_id = o.event_id` over rows ordered by event, `if
    /// (!seen.has(k)) { seen.add(k); ... }`, the `else` of `if k in cache:`). The branch of `if k in
    /// seen:` runs for every repeat, and does not count.
    pub fn once_per_value_guard(&self, node: Node<'t>, region: Node<'t>) -> Option<Node<'t>> {
        let outside = Span::from(region);
        let mut current = node;
        while let Some(parent) = self.parent(current) {
            if parent.id() == region.id() || super::syntax::is_function_kind(parent.kind()) {
                return None;
            }
            if matches!(parent.kind(), "if_statement" | "elif_clause") {
                let condition = parent.field("condition").filter(|c| c.id() != current.id());
                if let Some(condition) = condition {
                    let kept: Vec<Place<'t>> = self
                        .written_in(Span::from(current))
                        .filter(|t| self.declared_outside(*t, outside))
                        .filter_map(|t| self.place(t))
                        .collect();
                    // The branch taken when the value is new: `if k not in seen` / `if last != v`
                    // holds, or `if k in seen` does not (its `else`).
                    let in_consequence = parent
                        .field("consequence")
                        .is_some_and(|c| c.id() == current.id());
                    let new_value = if in_consequence {
                        self.tests_new_value(condition, &kept)
                    } else {
                        self.tests_known_value(condition, &kept)
                    };
                    if new_value {
                        return Some(parent);
                    }
                }
            }
            current = parent;
        }
        None
    }

    /// Whether a condition holds when the value is new to the state it reads: `k not in seen`,
    /// `last != v`, `cache.get(k) is None`, `!seen.has(k)`, `not cached` (either side of an `or`/`and`).
    fn tests_new_value(&self, condition: Node<'t>, kept: &[Place<'t>]) -> bool {
        let condition = syntax::unwrap(condition);
        let reads = || self.reads_any_place(condition, kept);
        match condition.kind() {
            "boolean_operator" => [condition.field("left"), condition.field("right")]
                .into_iter()
                .flatten()
                .any(|side| self.tests_new_value(side, kept)),
            "binary_expression" if syntax::has_operator(condition, &["||", "&&"]) => {
                [condition.field("left"), condition.field("right")]
                    .into_iter()
                    .flatten()
                    .any(|side| self.tests_new_value(side, kept))
            }
            "comparison_operator" | "binary_expression" => {
                let changed = syntax::has_operator(condition, &["not in", "!=", "!==", "<>"]);
                let absent = syntax::has_operator(condition, &["is", "==", "==="])
                    && (0..condition.named_child_count()).any(|i| {
                        condition
                            .named_child(i as u32)
                            .is_some_and(|c| matches!(c.kind(), "none" | "null" | "undefined"))
                    });
                (changed || absent) && reads()
            }
            "not_operator" => reads(),
            "unary_expression" => syntax::has_operator(condition, &["!"]) && reads(),
            _ => false,
        }
    }

    /// Whether a condition holds when the value is already in the state it reads: `k in seen`,
    /// `seen.has(k)`, `cached` (its `else` branch is the new value's).
    fn tests_known_value(&self, condition: Node<'t>, kept: &[Place<'t>]) -> bool {
        let condition = syntax::unwrap(condition);
        let reads = || self.reads_any_place(condition, kept);
        match condition.kind() {
            "comparison_operator" | "binary_expression" => {
                syntax::has_operator(condition, &["in"]) && reads()
            }
            "identifier"
            | "attribute"
            | "member_expression"
            | "subscript"
            | "subscript_expression"
            | "call"
            | "call_expression" => reads(),
            _ => false,
        }
    }

    /// Whether the variable a target stores into (`x`, `x.y`, `x[k]`) is declared outside `span`, and
    /// is not an import.
    fn declared_outside(&self, target: Node<'_>, span: Span) -> bool {
        let mut root = syntax::unwrap(target);
        loop {
            match root.kind() {
                "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
                    match root.field("object").or_else(|| root.field("value")) {
                        Some(object) => root = syntax::unwrap(object),
                        None => return false,
                    }
                }
                "this" => return true,
                "identifier" => {
                    return self.resolve_identifier(root).is_some_and(|id| {
                        let binding = self.binding(id);
                        !span.contains(Span::from(binding.declaration))
                            && !matches!(binding.kind, BindingKind::Import(_))
                    })
                }
                _ => return false,
            }
        }
    }

    /// The `if` statements inside `span`, in source order.
    fn if_statements_in(&self, span: Span) -> impl Iterator<Item = Node<'t>> + '_ {
        let mut found = Vec::new();
        let mut stack = vec![self.function_node_around(span).unwrap_or(self.root())];
        while let Some(current) = stack.pop() {
            if current.end_byte() <= span.start || current.start_byte() >= span.end {
                continue;
            }
            if current.kind() == "if_statement" && span.contains(Span::from(current)) {
                found.push(current);
            }
            let mut cursor = current.walk();
            stack.extend(current.named_children(&mut cursor));
        }
        found.sort_by_key(|n| n.start_byte());
        found.into_iter()
    }

    fn function_node_around(&self, span: Span) -> Option<Node<'t>> {
        self.function_at_offset(span.start, span.end.max(span.start))
            .map(|f| self.function(f).node)
    }

    /// The places written inside `span` (of `region`) that hold state of the kind asked: assignment
    /// targets, and receivers of adding calls (`cache.set(...)`, `seen.add(...)`).
    fn places_written_in(
        &self,
        span: Span,
        region: FunctionId,
        state: GuardState,
    ) -> Vec<Place<'t>> {
        self.written_in(span)
            .filter(|t| self.keeps_state(*t, region, state))
            .filter_map(|t| self.place(t))
            .collect()
    }

    /// What code inside `span` stores into: assignment targets, and receivers of adding calls
    /// (`cache.set(...)`, `seen.add(...)`).
    fn written_in(&self, span: Span) -> impl Iterator<Item = Node<'t>> + '_ {
        let assigned = self.assignments_in(span).map(|a| a.target);
        let added = self.calls_in(span).filter_map(|call| {
            let callee = self.callee(call)?;
            let method = callee
                .field("property")
                .or_else(|| callee.field("attribute"))?;
            let method = self.text(method);
            (ADDING_METHODS.contains(&method) || node::EMITTER_SETTINGS.contains(&method))
                .then(|| callee.field("object"))
                .flatten()
        });
        assigned.chain(added)
    }

    /// Whether storing into `target` keeps state of the kind asked across calls of `region`.
    fn keeps_state(&self, target: Node<'_>, region: FunctionId, state: GuardState) -> bool {
        match state {
            GuardState::Process => self.outlives_call(target, region),
            GuardState::OutsideRegion => {
                self.declared_outside(target, Span::from(self.function(region).node))
            }
        }
    }

    /// Where an expression stores or reads: a variable or `this`, and the members below it.
    fn place(&self, expression: Node<'_>) -> Option<Place<'t>> {
        let expression = super::syntax::unwrap(expression);
        match expression.kind() {
            "identifier" => {
                let root = match self.resolve_identifier(expression) {
                    Some(id) => Root::Binding(id),
                    None => Root::Global(self.source.get(expression.byte_range())?),
                };
                Some(Place {
                    root,
                    path: Vec::new(),
                })
            }
            "this" => Some(Place {
                root: Root::This,
                path: Vec::new(),
            }),
            "member_expression" | "attribute" => {
                let object = expression.field("object")?;
                let property = expression
                    .field("property")
                    .or_else(|| expression.field("attribute"))?;
                let mut place = self.place(object)?;
                place.path.push(self.source.get(property.byte_range())?);
                Some(place)
            }
            "subscript_expression" | "subscript" => self.place(
                expression
                    .field("object")
                    .or_else(|| expression.field("value"))?,
            ),
            _ => None,
        }
    }

    /// Whether `condition` reads one of `places` as a whole: the place itself (`!pool`, `this.pool`), an
    /// item of it (`cache[k]`, `k in cache`) or a method's answer about it (`cache.has(k)`), not one of
    /// its properties (`settings.readOnly` reads a field of `settings`, which a new `settings` may change
    /// or not).
    fn reads_any_place(&self, condition: Node<'t>, places: &[Place<'t>]) -> bool {
        let mut stack = vec![condition];
        while let Some(node) = stack.pop() {
            if !self.is_property_object(node) {
                if let Some(place) = self.place(node) {
                    if places.contains(&place) {
                        return true;
                    }
                }
            }
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
        false
    }

    /// Whether `node` is the object of a member read that is not called (`settings` in
    /// `settings.readOnly`, but not `cache` in `cache.has(k)`).
    fn is_property_object(&self, node: Node<'_>) -> bool {
        let Some(member) = node
            .parent()
            .filter(|p| matches!(p.kind(), "member_expression" | "attribute"))
            .filter(|p| p.field("object").is_some_and(|o| o.id() == node.id()))
        else {
            return false;
        };
        let called = member
            .parent()
            .filter(|c| matches!(c.kind(), "call_expression" | "call"))
            .and_then(|c| c.field("function"))
            .is_some_and(|f| f.id() == member.id());
        !called
    }
}
