use crate::helpers::{is_bounded_collection, loop_label, short, unwrap};
use snag_core::frameworks::concurrency::{self, Limiter};
use snag_core::frameworks::{lodash, orm, python_stdlib};
use snag_core::models::rows::property;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{
    syntax, BindingId, BindingKind, DeclaredCall, Fill, LoopId, LoopKind, QualifiedName, Semantic,
    ValueStep,
};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags concurrency whose width is the size of a run-time collection:
    ///
    /// - **JavaScript/TypeScript:** `Promise.all/allSettled/any/race` over `items.map(...)` (or an array of
    ///   promises pushed in a loop over a run-time collection), also through a function of the file that
    ///   hands its first parameter to one (a project's own `promiseAll(xs)`), or through a function
    ///   the configuration declares a fan-out (`[[functions]]` with `runs = "fan-out"`; also in Python);
    /// - **Python:** `asyncio.gather(*[... for ...])`, `gather(*(...))`, `gather(*map(f, xs))`, `gather(*tasks)`
    ///   with `tasks` filled in a loop or by a comprehension, `asyncio.wait`/`as_completed` over such a
    ///   collection, and `create_task`/`ensure_future`/`TaskGroup.create_task`/anyio `start_soon` once per
    ///   item of a loop over a run-time collection.
    ///
    /// ## Why is this bad?
    /// Every element starts its own request, query or file operation at the same moment. With ten items
    /// that is fast; with ten thousand it exhausts the database pool, opens thousands of sockets, trips
    /// rate limits, holds every result in memory at once and makes the slowest call everybody's latency.
    /// The width of the fan-out should be a number you chose, not the size of the input.
    ///
    /// ## Example
    /// ```js
    /// await Promise.all(userIds.map((id) => sendWelcomeEmail(id)));
    /// ```
    /// ```python
    /// await asyncio.gather(*[fetch(url) for url in urls])
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const limit = pLimit(10);
    /// await Promise.all(userIds.map((id) => limit(() => sendWelcomeEmail(id))));
    /// ```
    /// ```python
    /// semaphore = asyncio.Semaphore(10)
    /// async def bounded_fetch(url):
    ///     async with semaphore:
    ///         return await fetch(url)
    /// await asyncio.gather(*[bounded_fetch(url) for url in urls])
    /// ```
    ///
    /// ## Stays quiet on
    /// - fixed-size literal collections: `Promise.all([a(), b()])`, `[1, 2, 3].map(...)`, `gather(a(), b())`;
    /// - fixed pools: `Array.from({ length: 4 }, worker)`, `for (let i = 0; i < CONCURRENCY; i++)`,
    ///   `range(WORKERS)` with a constant, `Array(Math.min(maxConcurrency, n))`;
    /// - constants: upper-case names imported from other modules (`SYNC_TARGETS.map(...)`), and
    ///   module-level collections that only start-up code fills: their size is set in code;
    /// - limiters, resolved through imports: `p-limit`, `p-queue`, Bottleneck, p-throttle, async-sema,
    ///   async-mutex, promise-pool, `p-map` with a `concurrency`, a member set to one (`this.queue.add`),
    ///   a function of the file that routes the work through one, a parameter every call in the file fills
    ///   with one (`read(mount, path, limit)`); asyncio/anyio/trio semaphores and
    ///   capacity limiters (`async with sem:` in the awaited function, `self._sem` set to one);
    /// - already-bounded waves: `items.slice(i, i + 10)`, `xs[i:i + BATCH]`, loops over batches
    ///   (lodash `chunk`, `itertools.batched`, more-itertools, an imported `chunked` helper, or a
    ///   function of the file that returns slices);
    /// - `while` loops that start one task per accepted connection or message (a server loop, not a fan-out);
    /// - async callbacks that wait for nothing: every `await` in them is on `require(...)` or the JSON
    ///   codec and they return no call's result, so each runs to its end before the next starts;
    /// - fan-outs over registries: collections every write of which is start-up code, a literal or a
    ///   registration function storing its parameter (`use(fn) { this.plugins.push(fn) }`), and callables
    ///   the program keeps (each `receiver(...)` of `self.receivers`); and over `*args`/`...rest`
    ///   parameters: their size is set by the program, not by data;
    /// - test files.
    pub struct UnboundedConcurrency {
        id: "unbounded-concurrency",
        summary: "Concurrency as wide as a run-time collection (`Promise.all(xs.map(...))`, `gather(*[...])`)",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["call_expression"],
                // `Promise.all/allSettled/any/race` over a `.map`/`.flatMap`, an `Array.from`, or pushes.
                triggers: [literal("Promise")],
                // The method as a member (`.all`), a string key (`['all']`) or a destructured name.
                requires: [
                    [
                        [". all", "{ all", ", all", "'all", "\"all", "`all"].map(pattern),
                        [". any\\b", "{ any\\b", ", any\\b", "'any\\b", "\"any\\b", "`any\\b"].map(pattern),
                        [". race\\b", "{ race\\b", ", race\\b", "'race\\b", "\"race\\b", "`race\\b"].map(pattern),
                    ],
                    [["map", "flatMap", "from", "push", "unshift"].map(member)],
                ],
            },
            Python {
                kinds: ["call"],
                // The names of the fan-outs and task starts the rule reads.
                triggers: [python_fan_out_names().into_iter().map(word).collect::<Vec<_>>()],
            },
        ],
        handles: [FanOut],
    }
}

impl Rule for UnboundedConcurrency {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        match ctx.semantic().language().family() {
            LanguageFamily::JavaScript => check_javascript(call, ctx),
            LanguageFamily::Python => check_python(call, ctx),
        }
    }
}

/// Where the unbounded set of promises or coroutines comes from.
struct FanOut {
    /// The collection whose size sets the width.
    collection: String,
    /// The span that makes one promise per element (the `.map(...)`, the comprehension, the `push`).
    origin: Span,
    /// What `origin` is, for its label.
    origin_message: String,
}

const PROMISE_COMBINATORS: &[&str] = &[
    "Promise.all",
    "Promise.allSettled",
    "Promise.any",
    "Promise.race",
];

fn check_javascript(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let name = semantic
        .callee_name(call)
        .filter(|name| name.is_any(PROMISE_COMBINATORS))
        .map(|name| name.to_string())
        .or_else(|| wrapped_combinator(semantic, call))
        .or_else(|| {
            // A fan-out the configuration declares (`[[functions]]` with `runs = "fan-out"`).
            (semantic.declared_call(call) == Some(DeclaredCall::FanOut))
                .then(|| semantic.callee(call).map(|c| semantic.text(c).to_string()))
                .flatten()
        });
    let Some(name) = name else {
        return;
    };
    let Some(argument) = semantic.argument(call, 0) else {
        return;
    };
    let Some(fan_out) = js_fan_out(semantic, argument, 0) else {
        return;
    };
    let help = "Bound the concurrency: `const limit = pLimit(10)` and `limit(() => ...)` per element, `p-map` with `{ concurrency }`, or fixed-size chunks.";
    report_fan_out(ctx, call, &name, "promise", fan_out, help);
}

/// A call of a function of this file that hands its first parameter to `Promise.all` (or another
/// combinator): a project's own `promiseAll(xs)`. Its name, for the message.
fn wrapped_combinator(semantic: &Semantic<'_>, call: Node<'_>) -> Option<String> {
    let function = semantic.called_function(call)?;
    let body = Span::from(semantic.function(function).node);
    let wraps = semantic.calls_in(body).any(|inner| {
        semantic
            .callee_name(inner)
            .is_some_and(|n| n.is_any(PROMISE_COMBINATORS))
            && semantic
                .argument(inner, 0)
                .map(unwrap)
                .filter(|a| a.kind() == "identifier")
                .and_then(|a| semantic.resolve_identifier(a))
                .and_then(|b| semantic.parameter_position(b))
                == Some((function, 0))
    });
    wraps.then(|| semantic.function(function).name.unwrap_or("the function").to_string())
}

/// Reports a fan-out at the call that awaits it.
fn report_fan_out(
    ctx: &mut RuleContext<'_, '_>,
    call: Node<'_>,
    name: &str,
    unit: &str,
    fan_out: FanOut,
    help: &str,
) {
    let diagnostic = ctx
        .diagnostic(
            call,
            format!(
                "`{name}` starts one {unit} per element of `{}` at once: a large input opens that many requests or queries together, exhausting pools, sockets, memory and rate limits.",
                fan_out.collection
            ),
        )
        .with_label(fan_out.origin, fan_out.origin_message)
        .with_help(help);
    ctx.report(diagnostic);
}

/// The unbounded fan-out an argument of `Promise.all` holds, if any.
fn js_fan_out(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> Option<FanOut> {
    if depth > 4 {
        return None;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "call_expression" => {
            let callee = semantic.callee(expression)?;
            let (collection, callback) = match callee.kind() {
                "member_expression" => {
                    let method = semantic.text(callee.field("property")?);
                    let object = callee.field("object")?;
                    if matches!(method, "map" | "flatMap") {
                        (object, semantic.argument(expression, 0)?)
                    } else if method == "from"
                        && semantic
                            .callee_name(expression)
                            .is_some_and(|n| n.is("Array.from"))
                    {
                        (
                            semantic.argument(expression, 0)?,
                            semantic.argument(expression, 1)?,
                        )
                    } else {
                        return None;
                    }
                }
                _ => return None,
            };
            let element = callback_element(semantic, callback);
            if is_bounded_collection(semantic, collection, 0)
                || is_registry(semantic, collection, element)
                || is_limited(semantic, callback)
                || runs_on_one_connection(semantic, callback)
                || !makes_promises(semantic, callback)
                || runs_synchronously(semantic, callback)
            {
                return None;
            }
            Some(FanOut {
                collection: short(semantic.text(collection)),
                origin: Span::from(expression),
                origin_message: "one promise per element, all started together".to_string(),
            })
        }
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(expression)?);
            if binding.kind != BindingKind::Variable || binding.reassigned {
                return None;
            }
            let value = unwrap(binding.value?);
            if value.kind() == "array" && value.named_child_count() == 0 {
                pushed_in_loop(semantic, expression)
            } else {
                js_fan_out(semantic, value, depth + 1)
            }
        }
        _ => None,
    }
}

/// `promises.push(send(x))` inside a loop over a run-time collection, for the array `array` refers to.
fn pushed_in_loop(semantic: &Semantic<'_>, array: Node<'_>) -> Option<FanOut> {
    added_in_loop(semantic, array, &["push", "unshift"], |element| {
        matches!(
            unwrap_parens(element).kind(),
            "call_expression" | "new_expression"
        ) && !is_limited(semantic, unwrap_parens(element))
    })
    .map(|(call, loop_id)| {
        let (_, message) = loop_label(semantic, loop_id);
        FanOut {
            collection: semantic.loop_(loop_id).iterable.map_or_else(
                || short(semantic.text(array)),
                |it| short(semantic.text(it)),
            ),
            origin: Span::from(call),
            origin_message: format!("pushed here: {message}"),
        }
    })
}

/// The call that adds work to `collection` (with one of `methods`, its element starting work) in a loop
/// over a run-time collection, and that loop. With several, the one that ends last in the file.
fn added_in_loop<'t>(
    semantic: &Semantic<'t>,
    collection: Node<'_>,
    methods: &[&str],
    starts_work: impl Fn(Node<'t>) -> bool,
) -> Option<(Node<'t>, LoopId)> {
    let mut additions: Vec<(Node<'t>, Node<'t>)> = semantic
        .fills(collection)?
        .into_iter()
        .filter_map(|fill| match fill {
            Fill::Added {
                at,
                element: Some(element),
            } => Some((at, element)),
            _ => None,
        })
        .filter(|(call, _)| {
            semantic
                .callee(*call)
                .and_then(|c| c.field("property").or_else(|| c.field("attribute")))
                .is_some_and(|m| methods.contains(&semantic.text(m)))
        })
        .collect();
    additions.sort_by_key(|(call, _)| std::cmp::Reverse(call.end_byte()));
    additions.into_iter().find_map(|(call, element)| {
        let loop_id = semantic.loop_at(call)?;
        (starts_work(element) && fans_out(semantic, loop_id)).then_some((call, loop_id))
    })
}

fn unwrap_parens(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// A registry: a collection whose size the program sets, not the data. Either the work per element
/// calls the element (callables, see [`calls_element`]) and the collection is state the program keeps
/// (see [`is_kept_state`]), or it is program state that only the program writes (see
/// [`is_filled_by_program`]: start-up code, literals, registration functions such as
/// `use(fn) { this.handlers.push(fn) }`). `element` is the binding of one element in `work` (a
/// callback or a comprehension's body), when known.
fn is_registry(
    semantic: &Semantic<'_>,
    collection: Node<'_>,
    element: Option<(BindingId, Node<'_>)>,
) -> bool {
    let collection = registry_source(semantic, unwrap(collection), 0);
    let callables =
        element.is_some_and(|(binding, work)| calls_element(semantic, binding, work, 0));
    (callables && is_kept_state(semantic, collection, 0))
        || is_filled_by_program(semantic, collection)
}

/// What a filtered view of a collection is taken from: `_.filter(handlers, ...)`,
/// `handlers.filter(...)`, `Object.values(hooks)`, also through a variable bound once to one.
fn registry_source<'t>(semantic: &Semantic<'t>, collection: Node<'t>, depth: u32) -> Node<'t> {
    let source = match collection.kind() {
        _ if depth > 4 => None,
        "identifier" => semantic
            .resolve_identifier(collection)
            .map(|id| semantic.binding(id))
            .filter(|b| {
                b.kind == BindingKind::Variable && !b.reassigned && b.destructured.is_none()
            })
            .and_then(|b| b.value)
            .map(unwrap)
            .filter(|value| view_of(semantic, *value).is_some()),
        _ => view_of(semantic, collection),
    };
    source.map_or(collection, |s| registry_source(semantic, s, depth + 1))
}

/// The collection a view is taken from: `_.filter(handlers, ...)`, `handlers.filter(...)`,
/// `Object.values(hooks)`.
fn view_of<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<Node<'t>> {
    if !matches!(call.kind(), "call_expression" | "call") {
        return None;
    }
    let is_view = semantic.callee_name(call).is_some_and(|n| {
        n.is_any(&[
            "Object.values",
            "Object.keys",
            "Object.entries",
        ]) || n.is_any(lodash::VIEWS)
    });
    if is_view {
        return semantic.argument(call, 0).map(unwrap);
    }
    semantic
        .callee(call)
        .and_then(|c| c.field("property").zip(c.field("object")))
        .filter(|(method, _)| semantic.text(*method) == "filter")
        .map(|(_, object)| unwrap(object))
}

/// Whether a collection is state the program keeps (a module-level variable, a member of
/// `this`/`self`) and every write to it is one the program makes, not the data: a write in start-up
/// code (module level, a function only start-up code calls, a JavaScript constructor: see
/// [`Semantic::runs_at_load`]), a literal collection, or a registration function storing its own
/// parameter. (A local variable is filled again on every call, whatever calls it.)
fn is_filled_by_program(semantic: &Semantic<'_>, collection: Node<'_>) -> bool {
    if !is_program_state(semantic, collection) {
        return false;
    }
    let Some(fills) = semantic.fills(collection) else {
        return false;
    };
    !fills.is_empty()
        && fills.iter().all(|fill| {
            semantic.runs_at_load(fill.at())
                || match *fill {
                    Fill::Assigned { value, .. } => is_bounded_collection(semantic, value, 0),
                    Fill::Added { element, .. } => {
                        element.is_some_and(|e| registers_parameter(semantic, collection, e))
                    }
                }
        })
}

/// `use(fn) { this.handlers.push(fn) }`: the element added is a parameter of the function that adds
/// it, into a collection that outlives the call.
fn registers_parameter(semantic: &Semantic<'_>, collection: Node<'_>, element: Node<'_>) -> bool {
    let element = unwrap(element);
    let Some(function) = semantic.function_at(element) else {
        return false;
    };
    element.kind() == "identifier"
        && semantic
            .resolve_identifier(element)
            .is_some_and(|b| semantic.binding(b).kind == BindingKind::Parameter)
        && semantic.outlives_call(collection, function)
}

/// State that outlives the call reading it (see [`Semantic::outlives_call`]): a module-level variable,
/// a member of `this`/`self`/`cls`.
fn is_program_state(semantic: &Semantic<'_>, collection: Node<'_>) -> bool {
    let collection = unwrap(collection);
    match semantic.function_at(collection) {
        Some(function) => semantic.outlives_call(collection, function),
        None => true,
    }
}

/// Whether a collection is state the program keeps rather than data handed in (see
/// [`is_program_state`]), or a local taken from it (`const hs = this.handlers`,
/// `sync, async_ = self._live_receivers(sender)`).
fn is_kept_state(semantic: &Semantic<'_>, collection: Node<'_>, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    if is_program_state(semantic, collection) {
        return true;
    }
    let collection = unwrap(collection);
    match collection.kind() {
        "call_expression" | "call" => semantic
            .callee(collection)
            .is_some_and(|c| is_kept_state(semantic, c, depth + 1)),
        "identifier" => {
            let Some(id) = semantic.resolve_identifier(collection) else {
                return false;
            };
            let binding = semantic.binding(id);
            binding.kind == BindingKind::Variable
                && !binding.reassigned
                && assigned_value(semantic, id)
                    .is_some_and(|v| is_kept_state(semantic, v, depth + 1))
        }
        _ => false,
    }
}

/// The value a variable is given at its declaration, also through tuple unpacking (`a, b = f()` gives
/// `f()` for both).
fn assigned_value<'t>(semantic: &Semantic<'t>, binding: BindingId) -> Option<Node<'t>> {
    let binding = semantic.binding(binding);
    if let Some(value) = binding.value {
        return Some(value);
    }
    let mut node = binding.declaration;
    while let Some(parent) = semantic.parent(node) {
        match parent.kind() {
            "pattern_list" | "tuple_pattern" | "list_pattern" => node = parent,
            "assignment" if parent.field("left").is_some_and(|l| l.id() == node.id()) => {
                return parent.field("right");
            }
            _ => return None,
        }
    }
    None
}

/// Whether the work per element calls the element: `h => h(event)`, `h.call(this, x)`,
/// `receiver(signal=self) for receiver in receivers`, or hands it to a function of this file that
/// calls it (`wrap(receiver)` with `async def wrap(r): await r()`). Data has no functions in it: a
/// collection of callables holds code the program registered.
fn calls_element(semantic: &Semantic<'_>, element: BindingId, work: Node<'_>, depth: u32) -> bool {
    semantic
        .references(element, work)
        .into_iter()
        .any(|reference| {
            let Some(parent) = semantic.parent(reference) else {
                return false;
            };
            let is_callee_of = |call: Node<'_>, callee: Node<'_>| {
                matches!(call.kind(), "call_expression" | "call")
                    && semantic.callee(call).is_some_and(|c| c.id() == callee.id())
            };
            match parent.kind() {
                "call_expression" | "call" => is_callee_of(parent, reference),
                // `h.call(this, x)`, `h.apply(this, args)`.
                "member_expression" => {
                    parent
                        .field("property")
                        .is_some_and(|p| matches!(semantic.text(p), "call" | "apply"))
                        && semantic
                            .parent(parent)
                            .is_some_and(|call| is_callee_of(call, parent))
                }
                "arguments" | "argument_list" if depth < 2 => {
                    let Some(call) = semantic.parent(parent) else {
                        return false;
                    };
                    let position = semantic
                        .arguments(call)
                        .iter()
                        .position(|a| a.id() == reference.id());
                    let callee = semantic.called_function(call);
                    match (callee, position) {
                        (Some(function), Some(position)) => {
                            semantic.parameter(function, position).is_some_and(|p| {
                                calls_element(
                                    semantic,
                                    p,
                                    semantic.function(function).node,
                                    depth + 1,
                                )
                            })
                        }
                        _ => false,
                    }
                }
                _ => false,
            }
        })
}

/// The binding of a callback's element parameter (`(handler) => ...`) and the callback.
fn callback_element<'t>(
    semantic: &Semantic<'t>,
    callback: Node<'t>,
) -> Option<(BindingId, Node<'t>)> {
    let callback = unwrap(callback);
    if !matches!(
        callback.kind(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return None;
    }
    let function = semantic.function_at(callback)?;
    Some((semantic.parameter(function, 0)?, callback))
}

/// Whether a loop walks a run-time collection (a `while` loop serving connections is not a fan-out).
fn fans_out(semantic: &Semantic<'_>, id: snag_core::semantic::LoopId) -> bool {
    !matches!(semantic.loop_(id).kind, LoopKind::While | LoopKind::DoWhile)
        && crate::helpers::is_runtime_sized_loop(semantic, id)
}

/// Whether a callback produces promises: a function reference, an async function, or one that calls something.
fn makes_promises(semantic: &Semantic<'_>, callback: Node<'_>) -> bool {
    let callback = unwrap(callback);
    match callback.kind() {
        "arrow_function" | "function_expression" | "function" => {
            let is_async = {
                let mut cursor = callback.walk();
                let found = callback.children(&mut cursor).any(|c| c.kind() == "async");
                found
            };
            is_async || semantic.calls_in(Span::from(callback)).next().is_some() || {
                let body = callback.field("body");
                body.is_some_and(|b| {
                    matches!(unwrap(b).kind(), "call_expression" | "new_expression")
                })
            }
        }
        "identifier" | "member_expression" => {
            let _ = semantic;
            true
        }
        _ => false,
    }
}

/// Whether an async callback never waits for anything: every `await` in it is on a synchronous global
/// (`await require(file)`, a module load) and it returns no call's result. Its body runs to the end
/// when called, one element after another, so nothing runs concurrently.
fn runs_synchronously(semantic: &Semantic<'_>, callback: Node<'_>) -> bool {
    let callback = unwrap(callback);
    let is_async = {
        let mut cursor = callback.walk();
        let found = callback.children(&mut cursor).any(|c| c.kind() == "async");
        found
    };
    if !is_async
        || !matches!(callback.kind(), "arrow_function" | "function_expression" | "function")
    {
        return false;
    }
    let Some(body) = callback.field("body") else {
        return false;
    };
    // `async (x) => send(x)`: the body's value is the call's promise.
    if body.kind() != "statement_block" {
        return false;
    }
    let is_synchronous_call = |node: Node<'_>| {
        let node = unwrap(node);
        node.kind() == "call_expression"
            && semantic.callee(node).is_some_and(|callee| {
                let text = semantic.text(callee);
                snag_core::frameworks::node::SYNCHRONOUS_GLOBALS.contains(&text)
                    && syntax::chain_root(callee)
                        .is_some_and(|root| semantic.resolve_identifier(root).is_none())
            })
    };
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        match current.kind() {
            "await_expression" if !current.named_child(0).is_some_and(is_synchronous_call) => {
                return false;
            }
            "return_statement" => {
                let value = current.named_child(0).map(unwrap);
                if value.is_some_and(|v| matches!(v.kind(), "call_expression" | "new_expression")) {
                    return false;
                }
            }
            "for_in_statement" if semantic.text(current).starts_with("for await") => return false,
            // `await (0, fs.unlink)(p)` parses as a call of a function named `await`.
            "identifier" if semantic.text(current) == "await" => return false,
            kind if syntax::is_function_kind(kind) => continue,
            _ => {}
        }
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor));
    }
    true
}

/// Whether the work queries through one transaction or dedicated connection (`trx`, a transaction's
/// entity manager, a query runner): its queries run one after another on that connection, so starting
/// them together opens nothing more.
fn runs_on_one_connection(semantic: &Semantic<'_>, callback: Node<'_>) -> bool {
    let is_connection = |node: Node<'_>| {
        syntax::chain_root(node)
            .filter(|root| root.kind() == "identifier")
            .and_then(|root| semantic.resolve_identifier(root))
            .is_some_and(|binding| is_single_connection(semantic, binding))
    };
    // Through it (`trx('users').update(...)`), or handed to what runs the query
    // (`repository.save(user, transactionManager)`).
    semantic.calls_in(Span::from(unwrap(callback))).any(|call| {
        semantic.callee(call).is_some_and(is_connection)
            || semantic.arguments(call).into_iter().any(is_connection)
    })
}

/// A transaction handed to a callback (`transaction(async (trx) => ...)`), or a query runner.
fn is_single_connection(semantic: &Semantic<'_>, binding: BindingId) -> bool {
    // `knex.transaction(...)`, or a project's own `transaction(knex, ...)` helper.
    let method_of = |call: Node<'_>| {
        semantic.callee(call).map(unwrap).map(|callee| {
            callee
                .field("property")
                .map_or_else(|| semantic.text(callee), |p| semantic.text(p))
        })
    };
    if let Some((function, 0)) = semantic.parameter_position(binding) {
        let handed_to = match semantic.value_step(semantic.function(function).node) {
            ValueStep::Argument { call, .. } => Some(call),
            _ => None,
        };
        return handed_to
            .and_then(method_of)
            .is_some_and(|m| orm::TRANSACTION_METHODS.contains(&m));
    }
    semantic.binding(binding).value.map(unwrap).is_some_and(|value| {
        let call = if value.kind() == "await_expression" {
            value.named_child(0).map(unwrap)
        } else {
            Some(value)
        };
        call.filter(|c| c.kind() == "call_expression")
            .and_then(method_of)
            .is_some_and(|m| orm::SINGLE_CONNECTION_FACTORIES.contains(&m))
    })
}

/// Whether work is routed through a concurrency limiter: a call of a limiting library
/// ([`concurrency::JS_LIMITERS`]) through imports and variables (`limit(() => ...)` with `limit = pLimit(4)`,
/// `limiter.schedule(...)` with `limiter = new Bottleneck(...)`), of a member the class sets to one
/// (`this.queue.add(...)`), or of a function of this file that does so (`limited(() => send(x))`).
fn is_limited(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    // Each way names the library through an import of this file: without one, nothing is limited
    // (and the members and functions of a large class need not be read).
    if !names_a_limiter(semantic) {
        return false;
    }
    let node = unwrap(node);
    (matches!(node.kind(), "call_expression" | "new_expression") && limits(semantic, node, 0))
        || semantic
            .calls_in(Span::from(node))
            .any(|call| call.id() != node.id() && limits(semantic, call, 0))
}

/// Whether the file spells the module of a limiting library, which importing one takes.
fn names_a_limiter(semantic: &Semantic<'_>) -> bool {
    let source = semantic.source().as_bytes();
    concurrency::JS_LIMITERS
        .iter()
        .any(|l| memchr::memmem::find(source, l.module.as_bytes()).is_some())
}

/// Whether a call goes through a limiter (see [`is_limited`]).
fn limits(semantic: &Semantic<'_>, call: Node<'_>, depth: u32) -> bool {
    if semantic
        .callee_name(call)
        .is_some_and(|name| is_limiter_call(semantic, call, &name))
    {
        return true;
    }
    let Some(callee) = semantic.callee(call).map(unwrap) else {
        return false;
    };
    if callee.kind() == "identifier"
        && semantic
            .resolve_identifier(callee)
            .is_some_and(|b| is_handed_a_limiter(semantic, b))
    {
        return true;
    }
    // `this.limit(() => ...)`, `this.queue.add(...)`.
    let receiver = callee.field("object").map(unwrap);
    if is_limiter_member(semantic, callee)
        || receiver.is_some_and(|r| is_limiter_member(semantic, r))
    {
        return true;
    }
    depth < 2
        && semantic.called_function(call).is_some_and(|function| {
            let body = Span::from(semantic.function(function).node);
            semantic
                .calls_in(body)
                .any(|inner| limits(semantic, inner, depth + 1))
        })
}

/// A parameter that every call of its function in this file fills with a limiter, or passes on
/// (`getSecrets(mount, path, limit)` with `limit = pLimit(4)`, and the function's recursive calls).
fn is_handed_a_limiter(semantic: &Semantic<'_>, parameter: BindingId) -> bool {
    let Some(arguments) = semantic.arguments_for_parameter(parameter) else {
        return false;
    };
    arguments.into_iter().all(|argument| {
        let argument = unwrap(argument);
        let Some(binding) = (argument.kind() == "identifier")
            .then(|| semantic.resolve_identifier(argument))
            .flatten()
        else {
            return false;
        };
        binding == parameter
            || semantic.binding(binding).value.map(unwrap).is_some_and(|value| {
                matches!(value.kind(), "call_expression" | "new_expression")
                    && semantic
                        .callee_name(value)
                        .is_some_and(|name| limiter(&name).is_some())
            })
    })
}

/// A call into a limiting library; some (p-map) only bound their work when given an option
/// (`concurrency`).
fn is_limiter_call(semantic: &Semantic<'_>, call: Node<'_>, name: &QualifiedName) -> bool {
    match limiter(name).map(|l| l.needs_option) {
        Some(Some(option)) => semantic.arguments(call).iter().any(|a| {
            unwrap(*a).kind() == "object" && property(semantic, unwrap(*a), option).is_some()
        }),
        Some(None) => true,
        None => false,
    }
}

/// The limiting library ([`concurrency::JS_LIMITERS`]) a qualified name comes from.
fn limiter(name: &QualifiedName) -> Option<&'static Limiter> {
    concurrency::JS_LIMITERS
        .iter()
        .find(|l| name.starts_with(l.module))
}

/// `this.queue`, `this.limit`: a member every assignment of which makes a limiter.
fn is_limiter_member(semantic: &Semantic<'_>, member: Node<'_>) -> bool {
    member.kind() == "member_expression"
        && always_assigned(semantic, member, |value| {
            semantic
                .qualified_name(value)
                .is_some_and(|n| limiter(&n).is_some())
        })
}

/// Whether a variable or member is assigned at least once, and every value it is assigned satisfies
/// `makes` (what is added to it, such as jobs to a queue, does not matter).
fn always_assigned(
    semantic: &Semantic<'_>,
    collection: Node<'_>,
    makes: impl Fn(Node<'_>) -> bool,
) -> bool {
    let Some(fills) = semantic.fills(collection) else {
        return false;
    };
    let mut values = fills.iter().filter_map(|fill| match *fill {
        Fill::Assigned { value, .. } => Some(value),
        Fill::Added { .. } => None,
    });
    let first = values.next();
    first.is_some_and(&makes) && values.all(makes)
}

// ----- Python -----

/// The last names of the Python fan-outs and task starts (`gather`, `wait`, `create_task`, ...), what a
/// file must spell for the rule to fire.
fn python_fan_out_names() -> Vec<&'static str> {
    let qualified = python_stdlib::GATHERS
        .iter()
        .chain(concurrency::GATHERS)
        .chain(python_stdlib::WAITS)
        .map(|name| name.rsplit('.').next().unwrap_or(name));
    let mut names: Vec<&'static str> = qualified
        .chain(python_stdlib::TASK_STARTS.iter().copied())
        .chain([concurrency::START_SOON])
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn check_python(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(name) = semantic.callee_name(call) else {
        return check_task_per_item(call, ctx);
    };
    let arguments = call.field("arguments");
    let fan_out = if name.is_any(python_stdlib::GATHERS) || name.is_any(concurrency::GATHERS) {
        arguments.and_then(|a| {
            let mut cursor = a.walk();
            let splats: Vec<_> = a
                .named_children(&mut cursor)
                .filter(|c| c.kind() == "list_splat")
                .collect();
            splats.into_iter().find_map(|s| {
                s.named_child(0)
                    .and_then(|inner| py_fan_out(semantic, inner, 0))
            })
        })
    } else if name.is_any(python_stdlib::WAITS)
        || semantic.declared_call(call) == Some(DeclaredCall::FanOut)
    {
        // `asyncio.wait(tasks)`, or a fan-out the configuration declares (`run_all(coros)`).
        semantic
            .argument(call, 0)
            .and_then(|first| py_fan_out(semantic, first, 0))
    } else {
        return check_task_per_item(call, ctx);
    };
    let Some(fan_out) = fan_out else { return };
    let help = "Bound it: `async with semaphore:` (an `asyncio.Semaphore(N)`) in the awaited function, a fixed pool of workers reading an `asyncio.Queue`, or fixed-size batches.";
    report_fan_out(ctx, call, &name.to_string(), "coroutine", fan_out, help);
}

/// The unbounded collection of coroutines an expression holds, if any.
fn py_fan_out(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> Option<FanOut> {
    if depth > 4 {
        return None;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "list_comprehension" | "generator_expression" | "set_comprehension" => {
            let mut cursor = expression.walk();
            let clause = expression
                .named_children(&mut cursor)
                .find(|c| c.kind() == "for_in_clause")?;
            let iterable = clause.field("right")?;
            let element = expression.field("body")?;
            let variable = clause
                .field("left")
                .filter(|l| l.kind() == "identifier")
                .and_then(|l| semantic.resolve_identifier(l));
            coroutine_per_element(
                semantic,
                iterable,
                is_semaphore_bounded(semantic, element),
                expression,
                variable.map(|v| (v, element)),
            )
        }
        "call" => {
            // `map(fetch, urls)`
            let name = semantic.callee_name(expression)?;
            if !name.is("map") {
                return None;
            }
            let function = semantic.argument(expression, 0)?;
            let iterable = semantic.argument(expression, 1)?;
            let bounded = is_semaphore_bounded_function(semantic, function);
            coroutine_per_element(semantic, iterable, bounded, expression, None)
        }
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(expression)?);
            if binding.kind != BindingKind::Variable {
                return None;
            }
            let value = unwrap(binding.value?);
            if value.kind() == "list" && value.named_child_count() == 0 {
                appended_in_loop(semantic, expression)
            } else if !binding.reassigned {
                py_fan_out(semantic, value, depth + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// One coroutine per element of `iterable`, made at `origin`: a fan-out unless the work is bounded or the
/// collection has a size fixed in code. `element` is the comprehension's variable and body.
fn coroutine_per_element(
    semantic: &Semantic<'_>,
    iterable: Node<'_>,
    work_is_bounded: bool,
    origin: Node<'_>,
    element: Option<(BindingId, Node<'_>)>,
) -> Option<FanOut> {
    if work_is_bounded
        || is_bounded_collection(semantic, iterable, 0)
        || is_registry(semantic, iterable, element)
    {
        return None;
    }
    Some(FanOut {
        collection: short(semantic.text(iterable)),
        origin: Span::from(origin),
        origin_message: "one coroutine per element, all started together".to_string(),
    })
}

/// `tasks.append(fetch(x))` in a loop over a run-time collection, for the list `list` refers to.
fn appended_in_loop(semantic: &Semantic<'_>, list: Node<'_>) -> Option<FanOut> {
    added_in_loop(semantic, list, &["append"], |element| {
        element.kind() == "call" && !is_semaphore_bounded(semantic, element)
    })
    .map(|(call, loop_id)| {
        let (_, message) = loop_label(semantic, loop_id);
        FanOut {
            collection: semantic
                .loop_(loop_id)
                .iterable
                .map_or_else(|| short(semantic.text(list)), |it| short(semantic.text(it))),
            origin: Span::from(call),
            origin_message: format!("appended here: {message}"),
        }
    })
}

/// `asyncio.create_task(...)`, `loop.create_task(...)`, `tg.create_task(...)`, `asyncio.ensure_future(...)`,
/// `nursery.start_soon(...)` once per element of a loop over a run-time collection.
fn check_task_per_item(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(callee) = semantic.callee(call) else {
        return;
    };
    let method = match callee.kind() {
        "attribute" => callee.field("attribute").map_or("", |a| semantic.text(a)),
        "identifier" => semantic.text(callee),
        _ => return,
    };
    if !python_stdlib::TASK_STARTS.contains(&method) && method != concurrency::START_SOON {
        return;
    }
    if callee.kind() == "identifier" {
        // A bare `create_task(...)` must be asyncio's.
        let is_asyncio = semantic
            .callee_name(call)
            .is_some_and(|n| n.starts_with(python_stdlib::ASYNCIO));
        if !is_asyncio {
            return;
        }
    }
    let Some(loop_id) = semantic.loop_at(call) else {
        return;
    };
    if !fans_out(semantic, loop_id) || collected_for_gathering(semantic, call) {
        return;
    }
    // `wait([create_task(f(x)) for x in xs])`: the comprehension is collected, and whatever awaits the
    // collection is the one finding. A comprehension evaluated only for its effects is not collected.
    let l = semantic.loop_(loop_id);
    if l.kind == LoopKind::Comprehension
        && l.node
            .parent()
            .is_some_and(|p| p.kind() != "expression_statement")
    {
        return;
    }
    let Some(arguments) = call.field("arguments") else {
        return;
    };
    let Some(work) = semantic.argument(call, 0) else {
        return;
    };
    // `start_soon(fn, x)` passes the function; `create_task(fn(x))` passes the coroutine.
    let bounded = if method == concurrency::START_SOON {
        is_semaphore_bounded_function(semantic, work) || mentions_semaphore(semantic, arguments)
    } else {
        is_semaphore_bounded(semantic, work)
    };
    if bounded {
        return;
    }
    let (loop_span, loop_message) = loop_label(semantic, loop_id);
    let collection = semantic
        .loop_(loop_id)
        .iterable
        .map_or_else(|| "the loop".to_string(), |it| short(semantic.text(it)));
    let diagnostic = ctx
        .diagnostic(
            call,
            format!(
                "`{method}` starts one task per element of `{collection}` without waiting: a large input runs that many at once, exhausting pools, sockets, memory and rate limits."
            ),
        )
        .with_label(loop_span, loop_message)
        .with_help("Bound it: a fixed number of workers reading an `asyncio.Queue`, an `asyncio.Semaphore(N)` around the work, or fixed-size batches.");
    ctx.report(diagnostic);
}

/// A task appended to a list (`tasks.append(asyncio.create_task(...))`, or assigned and then appended):
/// the `gather`/`wait` over that list is the finding.
fn collected_for_gathering(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let Some(parent) = call.parent() else {
        return false;
    };
    if parent.kind() == "argument_list" {
        let outer = parent.parent();
        return outer
            .and_then(|o| o.field("function"))
            .and_then(|f| f.field("attribute"))
            .is_some_and(|a| matches!(semantic.text(a), "append" | "add"));
    }
    if parent.kind() == "assignment" {
        let Some(task) = parent
            .field("left")
            .filter(|l| l.kind() == "identifier")
            .and_then(|l| semantic.resolve_identifier(l))
        else {
            return false;
        };
        let Some(body) = semantic.loop_at(call).map(|l| semantic.loop_(l).node) else {
            return false;
        };
        // `task = create_task(...)` then `tasks.append(task)`: the task's name is collected.
        return semantic
            .references(task, body)
            .into_iter()
            .any(|reference| {
                let Some(collecting) = semantic.parent(reference).and_then(|a| semantic.parent(a))
                else {
                    return false;
                };
                let appends = collecting
                    .field("function")
                    .and_then(|f| f.field("attribute"))
                    .is_some_and(|a| matches!(semantic.text(a), "append" | "add"));
                appends
                    && collecting
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                        .is_some_and(|a| a.id() == reference.id())
            });
    }
    false
}

/// Whether a coroutine expression is bounded by a semaphore: its function does `async with sem:`, or a
/// semaphore is passed along (`bounded(sem, fetch(url))`).
fn is_semaphore_bounded(semantic: &Semantic<'_>, element: Node<'_>) -> bool {
    let element = unwrap(element);
    if mentions_semaphore(semantic, element) {
        return true;
    }
    if element.kind() != "call" {
        return false;
    }
    element
        .field("function")
        .is_some_and(|f| is_semaphore_bounded_function(semantic, f))
}

/// Whether a function (named by `function`) acquires a semaphore or limiter around its work.
fn is_semaphore_bounded_function(semantic: &Semantic<'_>, function: Node<'_>) -> bool {
    let function = unwrap(function);
    let target = match function.kind() {
        "identifier" => semantic
            .resolve_identifier(function)
            .and_then(|b| semantic.function_of_binding(b)),
        "attribute" => {
            let name = function.field("attribute").map_or("", |a| semantic.text(a));
            let is_self = function
                .field("object")
                .is_some_and(|o| semantic.text(o) == "self");
            if !is_self {
                return false;
            }
            let class = semantic.function_at(function).and_then(|f| {
                std::iter::successors(Some(f), |&g| semantic.function(g).parent)
                    .find_map(|g| semantic.function(g).class)
            });
            semantic
                .functions()
                .find(|(_, f)| f.class.is_some() && f.class == class && f.name == Some(name))
                .map(|(id, _)| id)
        }
        _ => None,
    };
    let Some(target) = target else { return false };
    let body = semantic.function(target).node;
    let mut stack = vec![body];
    let mut cursor = body.walk();
    while let Some(node) = stack.pop() {
        if node.kind() == "with_statement"
            && {
                let mut c = node.walk();
                let found = node.children(&mut c).any(|t| t.kind() == "async");
                found
            }
            && mentions_semaphore(semantic, node.named_child(0).unwrap_or(node))
        {
            return true;
        }
        if node.kind() == "call" {
            // `await sem.acquire()` on a semaphore.
            let acquires = node.field("function").is_some_and(|f| {
                f.field("attribute")
                    .is_some_and(|a| semantic.text(a) == "acquire")
                    && f.field("object")
                        .is_some_and(|o| mentions_semaphore(semantic, o))
            });
            if acquires {
                return true;
            }
        }
        for child in node.named_children(&mut cursor) {
            stack.push(child);
        }
    }
    false
}

/// Whether an expression refers to a semaphore or limiter: a name bound to `asyncio.Semaphore(...)`
/// (and the like, see [`concurrency::PYTHON_LIMITERS`]), or a member of `self` every assignment of which makes one
/// (`self._semaphore = asyncio.Semaphore(10)`).
fn mentions_semaphore(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    let mut stack = vec![node];
    let mut cursor = node.walk();
    while let Some(current) = stack.pop() {
        if matches!(current.kind(), "identifier" | "attribute") && is_semaphore(semantic, current) {
            return true;
        }
        if current.kind() != "attribute" {
            for child in current.named_children(&mut cursor) {
                stack.push(child);
            }
        }
    }
    false
}

fn is_semaphore(semantic: &Semantic<'_>, expression: Node<'_>) -> bool {
    let makes_semaphore = |value: Node<'_>| {
        semantic
            .qualified_name(value)
            .is_some_and(|name| {
                concurrency::PYTHON_LIMITERS
                    .iter()
                    .any(|l| name.starts_with(l))
            })
    };
    if makes_semaphore(expression) {
        return true;
    }
    expression.kind() == "attribute" && always_assigned(semantic, expression, makes_semaphore)
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "unbounded-concurrency";

    #[test]
    fn entries_of_an_object_written_in_the_code_are_bounded() {
        let source = r#"
async function registerAll(moduleExtensions, registryExtensions, store, users) {
  const sources = { module: moduleExtensions, registry: registryExtensions };
  await Promise.all(Object.entries(sources).map(async ([name, list]) => store.register(name, list)));
  const byId = {};
  for (const user of users) byId[user.id] = user;
  await Promise.all(Object.values(byId).map((user) => store.save(user)));
}
module.exports = { registerAll };
"#;
        // Two keys written in the code; the second object is filled per user.
        assert_eq!(lines_of(RULE, "extensions.js", source), vec![7]);
        let python = r#"
import asyncio

async def refresh(client, ids):
    regions = {"eu": "https://eu.example", "us": "https://us.example"}
    await asyncio.gather(*(client.get(url) for url in regions.values()))
    await asyncio.gather(*(client.get(f"/items/{i}") for i in ids))
"#;
        assert_eq!(lines_of(RULE, "refresh.py", python), vec![7]);
    }

    #[test]
    fn work_on_one_transaction_or_query_runner_runs_one_query_at_a_time() {
        let source = r#"
async function renameAll(knex, names) {
  await knex.transaction(async (trx) => {
    await Promise.all(names.map((name) => trx('collections').where({ name }).update({ old: true })));
  });
}
async function createUsers(dataSource, users) {
  return dataSource.transaction(async (manager) => {
    await Promise.all(users.map(async (u) => manager.save(u)));
  });
}
async function withRunner(dataSource, ids) {
  const runner = dataSource.createQueryRunner();
  await Promise.all(ids.map((id) => runner.manager.delete('users', id)));
}
async function plain(db, ids) {
  await Promise.all(ids.map((id) => db('users').where({ id }).del()));
}
module.exports = { renameAll, createUsers, withRunner, plain };
"#;
        assert_eq!(lines_of(RULE, "services/users.js", source), vec![17]);
    }

    #[test]
    fn javascript_fan_outs() {
        let source = r#"
import pLimit from 'p-limit';
import { SYNC_TARGETS } from './targets';
export async function notify(users, ids) {
  await Promise.all(users.map((u) => sendEmail(u)));
  const jobs = [];
  for (const id of ids) { jobs.push(reindex(id)); }
  await Promise.allSettled(jobs);
  await Promise.all([loadA(), loadB()]);
  const limit = pLimit(4);
  await Promise.all(users.map((u) => limit(() => sendEmail(u))));
  for (let i = 0; i < users.length; i += 10) {
    await Promise.all(users.slice(i, i + 10).map(sendEmail));
  }
  await Promise.all(Array.from({ length: 4 }, () => worker()));
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, users.length) }, worker));
  await Promise.all(Array(Math.min(maxConcurrency, ids.length)).fill(it).map(async (i) => drain(i)));
  await Promise.all(SYNC_TARGETS.map(async (t) => sync(t)));
}
export async function firstOf(...sources) {
  return Promise.race(sources.map((s) => s.load()));
}
"#;
        assert_eq!(lines_of(RULE, "notify.js", source), vec![5, 8]);
    }

    #[test]
    fn async_callbacks_that_wait_for_nothing_run_one_after_another() {
        let source = r#"
export async function loadNodes(files, log) {
  const nodes = {};
  await Promise.all(files.map(async (file) => {
    if (file.endsWith('.js')) {
      try {
        const mod = await require(file);
        nodes[mod.name] = new mod.nodeClass();
      } catch (err) {
        log.error(err);
      }
    }
  }));
  await Promise.all(files.map(async (file) => {
    const mod = await import(file);
    nodes[mod.name] = mod;
  }));
  await Promise.all(files.map(async (file) => {
    const require = (f) => fetchModule(f);
    return await require(file);
  }));
  await Promise.all(files.map(async (file) => {
    return load(file);
  }));
  await Promise.all(files.map(async (file) => {
    await (0, fs.unlink)(file);
  }));
  return nodes;
}
"#;
        // A dynamic `import()`, a shadowed `require` and a returned call wait for something.
        // `await (0, fs.unlink)(file)`, compiled TypeScript, parses as a call of `await`.
        assert_eq!(lines_of(RULE, "pool.js", source), vec![14, 18, 22, 25]);
    }

    #[test]
    fn windows_of_a_constant_size_are_bounded() {
        let source = r#"
async function inBulk(pad, startRev, count) {
  const revisions = [];
  for (let i = startRev; i < (startRev + count) && i <= pad.head; i++) revisions.push(i);
  await Promise.all(revisions.map((rev) => pad.getRevision(rev)));
}
async function upTo(pad, startRev, end) {
  const revisions = [];
  for (let i = startRev; i < end; i++) revisions.push(i);
  await Promise.all(revisions.map((rev) => pad.getRevision(rev)));
}
async function diff(pad, from, to) {
  const bulkSize = 100;
  for (let rev = from; rev <= to; rev += bulkSize) {
    await inBulk(pad, rev, bulkSize);
    await upTo(pad, rev, to);
  }
}
"#;
        // `count` is 100 at every call; `end` is a run-time revision number.
        assert_eq!(lines_of(RULE, "diff.js", source), vec![10]);
    }

    #[test]
    fn a_projects_own_wrapper_of_promise_all_fans_out() {
        let source = r#"
async function promiseAll(promises) {
  const results = await Promise.all(promises);
  return results.filter(Boolean);
}
function first(promises) {
  return promises[0];
}
export async function sync(users) {
  await promiseAll(users.map((u) => fetch(`/sync/${u.id}`)));
  await first(users.map((u) => fetch(`/sync/${u.id}`)));
}
"#;
        assert_eq!(lines_of(RULE, "sync.js", source), vec![10]);
        let found = crate::test_support::lint_in_project(&[], "sync.js", source);
        assert!(found.findings[0].diagnostic.message.starts_with("`promiseAll` starts one promise"));
    }

    #[test]
    fn fan_outs_the_configuration_declares() {
        let js = r#"
import { promiseAll } from '../utils';
export async function sync(users) {
  await promiseAll(users.map((u) => fetch(`/sync/${u.id}`)));
}
"#;
        let toml = "[[functions]]\nnames = [\"promiseAll\", \"run_all\"]\nruns = \"fan-out\"\n";
        assert_eq!(
            crate::test_support::findings_with_config(toml, "src/sync.js", js),
            vec!["unbounded-concurrency@4"]
        );
        assert!(lines_of(RULE, "src/sync.js", js).is_empty());
        let python = r#"
from app.utils import run_all

async def sync(users):
    await run_all([push(u) for u in users])
"#;
        assert_eq!(
            crate::test_support::findings_with_config(toml, "app/sync.py", python),
            vec!["unbounded-concurrency@5"]
        );
    }

    #[test]
    fn registries_are_collections_the_program_fills() {
        let source = r#"
import _ from 'lodash';
const hooks = [];
export function addHook(fn) { hooks.push(fn); }
class Importer {
  constructor() { this.handlers = [JsonHandler, CsvHandler]; this.plugins = []; }
  use(plugin) { this.plugins.push(plugin); }
  async load(file, event) {
    await Promise.all(hooks.map((hook) => hook(event)));
    const matching = _.filter(this.handlers, (h) => h.accepts(file));
    await Promise.all(matching.map((h) => h.load(file)));
    await Promise.all(this.plugins.map((p) => p.init(file)));
  }
}
export async function dispatch(req, handlers) {
  const webhooks = req.body.handlers;
  await Promise.all(webhooks.map((handler) => post(handler.url)));
  await Promise.all(handlers.map((handler) => handler(req)));
  const callbacks = req.body.items.map((item) => () => save(item));
  await Promise.all(callbacks.map((callback) => callback()));
}
"#;
        // `webhooks`/`handlers` hold the request's data, whatever their names; calling each element of a
        // parameter is no registry either (a caller may build them per item), nor of closures made here
        // per item.
        assert_eq!(lines_of(RULE, "importer.js", source), vec![17, 18, 20]);
    }

    #[test]
    fn limiters_are_limiting_libraries_not_names() {
        let source = r#"
import pLimit from 'p-limit';
import PQueue from 'p-queue';
import pMap from 'p-map';
const limiter = pLimit(3);
const limited = (work) => limiter(work);
class Sync {
  constructor() { this.queue = new PQueue({ concurrency: 2 }); }
  async run(items, rateLimits, req) {
    await Promise.all(items.map((i) => this.queue.add(() => push(i))));
    await Promise.all(items.map((i) => limited(() => push(i))));
    await Promise.all(rateLimits.map(async (limit) => limit.handler(req)));
    await Promise.all(items.map((i) => throttledPush(i)));
    await Promise.all(items.map((i) => formatter.wrap(i).save()));
    await Promise.all(items.map((i) => pMap(i.parts, push)));
    await Promise.all(items.map((i) => pMap(i.parts, push, { concurrency: 2 })));
  }
}
function throttledPush(item) { return push(item); }
"#;
        // A callback parameter named `limit`, a function named `throttledPush` and a `wrap` method
        // limit nothing; p-map without `concurrency` runs everything at once.
        assert_eq!(lines_of(RULE, "sync.js", source), vec![12, 13, 14, 15]);
        let handed = r#"
import pLimit from 'p-limit';
class Vault {
  async update(mounts) {
    const limit = pLimit(4);
    return Promise.all(mounts.map((m) => this.read(m, '', limit)));
  }
  async read(mount, path, limit) {
    const keys = await this.list(mount, path);
    return Promise.all(keys.map(async (key) => {
      if (key.endsWith('/')) return this.read(mount, path + key, limit);
      return limit(() => this.http.get(mount + path + key));
    }));
  }
  async copy(keys, limit) {
    return Promise.all(keys.map((key) => limit(() => this.http.get(key))));
  }
  async run(keys) {
    await this.copy(keys, (work) => work());
  }
}
"#;
        // `read`'s `limit` is a p-limit from every caller (and `update`'s work goes through it);
        // `copy`'s is a plain function.
        assert_eq!(lines_of(RULE, "vault.js", handed), vec![16]);
    }

    #[test]
    fn bounds_are_what_the_code_shows() {
        let source = r#"
import { REGIONS } from './config';
const MIRRORS = process.env.MIRRORS.split(',');
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
export async function fanOut(req, users, ids, maxConcurrency) {
  await Promise.all(REGIONS.map((r) => deploy(r)));
  await Promise.all(MIRRORS.map((m) => ping(m)));
  for (const part of chunk(ids, 50)) {
    await Promise.all(part.map((id) => send(id)));
  }
  await Promise.all(Array(Math.min(maxConcurrency, ids.length)).fill(0).map(async () => drain(ids)));
  const BATCH = req.body.items;
  await Promise.all(BATCH.map((item) => save(item)));
  const limit = users.length;
  await Promise.all(Array(Math.min(limit, ids.length)).fill(0).map(async () => drain(ids)));
  for (const part of this.fetchBatch(ids)) {
    await Promise.all(part.map((id) => send(id)));
  }
}
"#;
        // An upper-case local holding request data, a `limit` that is itself a size, and a method whose
        // name says "batch" bound nothing.
        assert_eq!(lines_of(RULE, "bounds.js", source), vec![17, 19, 21]);
    }

    #[test]
    fn python_fan_outs() {
        let source = r#"
import asyncio
WORKERS = 4
sem = asyncio.Semaphore(10)

async def bounded(url):
    async with sem:
        return await fetch(url)

async def crawl(urls, queue):
    await asyncio.gather(*[fetch(u) for u in urls])
    await asyncio.gather(*[bounded(u) for u in urls])
    await asyncio.gather(fetch(urls[0]), fetch(urls[1]))
    tasks = []
    for u in urls:
        tasks.append(fetch(u))
    await asyncio.gather(*tasks)
    for u in urls:
        asyncio.create_task(fetch(u))
    await asyncio.wait([asyncio.create_task(fetch(u)) for u in urls])
    workers = [asyncio.create_task(worker(queue)) for _ in range(WORKERS)]
    for i in range(0, len(urls), 50):
        await asyncio.gather(*[fetch(u) for u in urls[i:i + 50]])
"#;
        assert_eq!(lines_of(RULE, "crawl.py", source), vec![11, 17, 19, 20]);
    }

    #[test]
    fn python_registries_and_semaphores() {
        let source = r#"
import asyncio

class Signal:
    def __init__(self):
        self.receivers = []
        self._semaphore = asyncio.Semaphore(8)

    def connect(self, receiver):
        self.receivers.append(receiver)

    def _live(self, sender):
        return [r for r in self.receivers], []

    async def asend(self, sender):
        live, _ = self._live(sender)
        await asyncio.gather(*[receiver(sender) for receiver in live])

        async def wrap(receiver):
            return await receiver(sender)

        await asyncio.gather(*(wrap(receiver) for receiver in live))

    async def fetch_one(self, url):
        async with self._semaphore:
            return await fetch(url)

    async def crawl(self, urls, semantic_index):
        await asyncio.gather(*[self.fetch_one(u) for u in urls])
        handlers = await load_webhooks()
        await asyncio.gather(*[post(h) for h in handlers])
        await asyncio.gather(*[search(u, semantic_index) for u in urls])
"#;
        // Receivers the class registers and calls stay quiet, and so does work behind the class's
        // semaphore; `handlers` loaded per call and an argument spelled `semantic_index` bound nothing.
        assert_eq!(lines_of(RULE, "signals.py", source), vec![31, 32]);
    }
}
