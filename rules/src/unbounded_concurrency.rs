use crate::helpers::{any_call_within, is_bounded_collection, loop_label, short, unwrap};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingKind, LoopKind, Semantic};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags concurrency whose width is the size of a run-time collection:
    ///
    /// - **JavaScript/TypeScript:** `Promise.all/allSettled/any/race` over `items.map(...)` (or an array of
    ///   promises pushed in a loop over a run-time collection);
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
    /// - collections named as constants (`SYNC_TARGETS.map(...)`): their size is set in code;
    /// - limiters: `p-limit`, `p-queue`, Bottleneck, semaphores (`async with sem:` in the awaited function);
    /// - already-bounded waves: `items.slice(i, i + 10)`, `xs[i:i + BATCH]`, loops over `chunk(...)`/`batched(...)`;
    /// - `while` loops that start one task per accepted connection or message (a server loop, not a fan-out);
    /// - fan-outs over registries the code itself fills (signal `receivers`, `handlers`, `listeners`,
    ///   `hooks`, `plugins`, `middlewares`, `callbacks`, `adapters`) and over `*args`/`...rest` parameters:
    ///   their size is set by the program, not by data;
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
                triggers: [["gather", "create_task", "ensure_future", "start_soon", "as_completed", "wait("].map(literal)],
            },
        ],
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

fn check_javascript(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(name) = semantic.callee_name(call) else {
        return;
    };
    if !name.is_any(&[
        "Promise.all",
        "Promise.allSettled",
        "Promise.any",
        "Promise.race",
    ]) {
        return;
    }
    let Some(argument) = semantic.argument(call, 0) else {
        return;
    };
    let Some(fan_out) = js_fan_out(semantic, argument, 0) else {
        return;
    };
    let help = "Bound the concurrency: `const limit = pLimit(10)` and `limit(() => ...)` per element, `p-map` with `{ concurrency }`, or fixed-size chunks.";
    report_fan_out(ctx, call, &name.to_string(), "promise", fan_out, help);
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
            if is_bounded_collection(semantic, collection, 0)
                || is_registry(semantic, collection)
                || is_limited(semantic, callback)
                || !makes_promises(semantic, callback)
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
                pushed_in_loop(semantic, expression, binding.declaration)
            } else {
                js_fan_out(semantic, value, depth + 1)
            }
        }
        _ => None,
    }
}

/// `promises.push(send(x))` inside a loop over a run-time collection, for the array `array` refers to.
fn pushed_in_loop(
    semantic: &Semantic<'_>,
    array: Node<'_>,
    declaration: Node<'_>,
) -> Option<FanOut> {
    let binding = semantic.resolve_identifier(array)?;
    let scope_node = semantic
        .function_at(declaration)
        .map_or_else(|| root(declaration), |f| semantic.function(f).node);
    let mut found = None;
    any_call_within(scope_node, &mut |call| {
        let Some(callee) = semantic.callee(call) else {
            return false;
        };
        let is_push = callee.kind() == "member_expression"
            && callee
                .field("property")
                .is_some_and(|p| matches!(semantic.text(p), "push" | "unshift"))
            && callee.field("object").is_some_and(|o| {
                o.kind() == "identifier" && semantic.resolve_identifier(o) == Some(binding)
            });
        if !is_push {
            return false;
        }
        let Some(element) = semantic.argument(call, 0) else {
            return false;
        };
        let element = unwrap_parens(element);
        let starts_work = matches!(element.kind(), "call_expression" | "new_expression")
            && !is_limited(semantic, element);
        let Some(loop_id) = semantic.loop_at(call) else {
            return false;
        };
        if !starts_work || !fans_out(semantic, loop_id) {
            return false;
        }
        let (_, message) = loop_label(semantic, loop_id);
        found = Some(FanOut {
            collection: semantic.loop_(loop_id).iterable.map_or_else(
                || short(semantic.text(array)),
                |it| short(semantic.text(it)),
            ),
            origin: Span::from(call),
            origin_message: format!("pushed here: {message}"),
        });
        true
    });
    found
}

fn root(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        current = parent;
    }
    current
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

/// A collection of registered functions (signal receivers, hooks, plugins): sized by the program, not data.
fn is_registry(semantic: &Semantic<'_>, collection: Node<'_>) -> bool {
    let text = semantic.text(unwrap(collection)).to_ascii_lowercase();
    let last = text
        .rsplit(['.', '#', ' ', '('])
        .find(|part| !part.is_empty() && !part.ends_with(')'))
        .unwrap_or(&text);
    [
        "receiver",
        "handler",
        "listener",
        "callback",
        "hook",
        "plugin",
        "middleware",
        "adapter",
    ]
    .iter()
    .any(|word| last.contains(word))
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
            is_async || any_call_within(callback, &mut |_| true) || {
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

/// Whether work is routed through a concurrency limiter (`limit(() => ...)`, `queue.add(...)`,
/// `limiter.schedule(...)`, `semaphore.acquire()`).
fn is_limited(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    let node = unwrap(node);
    let check = |call: Node<'_>| -> bool {
        if let Some(name) = semantic.callee_name(call) {
            let text = name.as_str();
            if [
                "p-limit",
                "p-queue",
                "bottleneck",
                "p-throttle",
                "async-sema",
                "@supercharge/promise-pool",
                "p-map",
            ]
            .iter()
            .any(|m| name.starts_with(m))
                || text.starts_with("pLimit")
            {
                return true;
            }
        }
        let Some(callee) = semantic.callee(call) else {
            return false;
        };
        match callee.kind() {
            "identifier" => {
                let lower = semantic.text(callee).to_ascii_lowercase();
                lower.contains("limit") || lower.contains("throttle")
            }
            "member_expression" => {
                let property = callee.field("property").map_or("", |p| semantic.text(p));
                let object = callee
                    .field("object")
                    .map_or(String::new(), |o| semantic.text(o).to_ascii_lowercase());
                matches!(property, "schedule" | "wrap" | "runExclusive" | "acquire")
                    || (property == "add" && (object.contains("queue") || object.contains("pool")))
                    || object.contains("limit")
            }
            _ => false,
        }
    };
    (matches!(node.kind(), "call_expression" | "new_expression") && check(node))
        || any_call_within(node, &mut |c| check(c))
}

// ----- Python -----

fn check_python(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(name) = semantic.callee_name(call) else {
        return check_task_per_item(call, ctx);
    };
    let arguments = call.field("arguments");
    let fan_out = if name.is_any(&["asyncio.gather", "trio.gather"]) {
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
    } else if name.is_any(&["asyncio.wait", "asyncio.as_completed"]) {
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
            coroutine_per_element(
                semantic,
                iterable,
                is_semaphore_bounded(semantic, element),
                expression,
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
            coroutine_per_element(semantic, iterable, bounded, expression)
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
/// collection has a size fixed in code.
fn coroutine_per_element(
    semantic: &Semantic<'_>,
    iterable: Node<'_>,
    work_is_bounded: bool,
    origin: Node<'_>,
) -> Option<FanOut> {
    if work_is_bounded
        || is_bounded_collection(semantic, iterable, 0)
        || is_registry(semantic, iterable)
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
    let binding = semantic.resolve_identifier(list)?;
    let declaration = semantic.binding(binding).declaration;
    let scope_node = semantic
        .function_at(declaration)
        .map_or_else(|| root(declaration), |f| semantic.function(f).node);
    let mut found = None;
    any_call_within(scope_node, &mut |call| {
        let Some(callee) = semantic.callee(call) else {
            return false;
        };
        let is_append = callee.kind() == "attribute"
            && callee
                .field("attribute")
                .is_some_and(|a| semantic.text(a) == "append")
            && callee.field("object").is_some_and(|o| {
                o.kind() == "identifier" && semantic.resolve_identifier(o) == Some(binding)
            });
        if !is_append {
            return false;
        }
        let Some(element) = semantic.argument(call, 0) else {
            return false;
        };
        let Some(loop_id) = semantic.loop_at(call) else {
            return false;
        };
        if element.kind() != "call"
            || is_semaphore_bounded(semantic, element)
            || !fans_out(semantic, loop_id)
        {
            return false;
        }
        let (_, message) = loop_label(semantic, loop_id);
        found = Some(FanOut {
            collection: semantic
                .loop_(loop_id)
                .iterable
                .map_or_else(|| short(semantic.text(list)), |it| short(semantic.text(it))),
            origin: Span::from(call),
            origin_message: format!("appended here: {message}"),
        });
        true
    });
    found
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
    if !matches!(method, "create_task" | "ensure_future" | "start_soon") {
        return;
    }
    if callee.kind() == "identifier" {
        // A bare `create_task(...)` must be asyncio's.
        let is_asyncio = semantic
            .callee_name(call)
            .is_some_and(|n| n.starts_with("asyncio"));
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
    let bounded = if method == "start_soon" {
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
        let Some(name) = parent.field("left").filter(|l| l.kind() == "identifier") else {
            return false;
        };
        let name = semantic.text(name);
        let Some(body) = semantic.loop_at(call).map(|l| semantic.loop_(l).node) else {
            return false;
        };
        return any_call_within(body, &mut |c| {
            let appends = c
                .field("function")
                .and_then(|f| f.field("attribute"))
                .is_some_and(|a| matches!(semantic.text(a), "append" | "add"));
            appends
                && c.field("arguments")
                    .and_then(|a| a.named_child(0))
                    .is_some_and(|a| semantic.text(a) == name)
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
            let acquires = node
                .field("function")
                .and_then(|f| f.field("attribute"))
                .is_some_and(|a| semantic.text(a) == "acquire");
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
/// (and the like), or named like one (`sem`, `semaphore`, `limiter`).
fn mentions_semaphore(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    let mut stack = vec![node];
    let mut cursor = node.walk();
    while let Some(current) = stack.pop() {
        if matches!(current.kind(), "identifier" | "attribute") {
            if let Some(name) = semantic.qualified_name(current) {
                if name.starts_with("asyncio.Semaphore")
                    || name.starts_with("asyncio.BoundedSemaphore")
                    || name.starts_with("anyio.Semaphore")
                    || name.starts_with("anyio.CapacityLimiter")
                    || name.starts_with("trio.Semaphore")
                    || name.starts_with("trio.CapacityLimiter")
                {
                    return true;
                }
            }
            let text = semantic.text(current).to_ascii_lowercase();
            let last = text.rsplit('.').next().unwrap_or(&text);
            if last.contains("sem") || last.contains("limiter") || last.contains("throttle") {
                return true;
            }
        }
        if current.kind() != "attribute" {
            for child in current.named_children(&mut cursor) {
                stack.push(child);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "unbounded-concurrency";

    #[test]
    fn javascript_fan_outs() {
        let source = r#"
import pLimit from 'p-limit';
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
        assert_eq!(lines_of(RULE, "notify.js", source), vec![4, 7]);
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
}
