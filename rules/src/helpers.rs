//! Shared matchers of the built-in rules: what a call resolves to, labels for loops and handlers, and
//! whether a collection has a size known before run time.

use snag_core::frameworks::{concurrency, django, node};
use snag_core::semantic::{
    syntax, BindingKind, EventLoopOrigin, Fill, FunctionId, HandlerOrigin, LoopId, LoopKind,
    QualifiedName, ScopeKind, Semantic,
};
use snag_core::NodeFields;
use snag_core::{Label, Span};
use tree_sitter::Node;

/// What kind of blocking call a synchronous Node API is (Node's own spellings are in
/// [`snag_core::frameworks::node`]).
pub(crate) use snag_core::frameworks::node::SyncApi as NodeSyncApi;

/// The synchronous Node API a call makes, with its qualified name (`fs.readFileSync`).
pub(crate) fn node_sync_call(
    semantic: &Semantic<'_>,
    call: Node<'_>,
) -> Option<(QualifiedName, NodeSyncApi)> {
    let name = semantic.callee_name(call)?;
    if name.as_str().ends_with("()") {
        return None;
    }
    let api = node::sync_api(name.parent()?, name.last())?;
    Some((name, api))
}

/// A label at the loop around a per-iteration statement.
pub(crate) fn loop_label(semantic: &Semantic<'_>, id: LoopId) -> (Span, String) {
    let l = semantic.loop_(id);
    let message = match (l.kind, l.method, l.iterable) {
        (LoopKind::Callback, Some(method), Some(iterable)) => {
            format!(
                "`.{method}` runs this once per element of `{}`",
                short(semantic.text(iterable))
            )
        }
        (_, _, Some(iterable)) => format!(
            "this loop runs it once per element of `{}`",
            short(semantic.text(iterable))
        ),
        _ => "this loop runs it once per iteration".to_string(),
    };
    let span = match l.kind {
        // The head of the loop is enough: `for (const x of xs)` / `xs.forEach(`.
        LoopKind::Callback => l
            .node
            .field("function")
            .map_or(Span::from(l.node), Span::from),
        _ => head_span(semantic, l.node),
    };
    (span, message)
}

/// The first line of a node (a loop or function head), as a span.
pub(crate) fn head_span(semantic: &Semantic<'_>, node: Node<'_>) -> Span {
    let end = match node.field("body") {
        Some(body) if body.start_byte() > node.start_byte() => body.start_byte(),
        _ => node.end_byte(),
    };
    // Trim the whitespace before the body: a Python body starts on the next line.
    let head = &semantic.source()[node.start_byte()..end];
    Span::new(node.start_byte(), node.start_byte() + head.trim_end().len())
}

/// A label explaining why a function is handler code: its registration (in this file or another) or
/// the handler code that calls it.
pub(crate) fn handler_label(semantic: &Semantic<'_>, id: FunctionId) -> Option<Label> {
    const CALLED: &str = "called from request handler code here";
    Some(match semantic.function(id).handler.as_ref()? {
        HandlerOrigin::Registered {
            framework,
            registration,
            elsewhere: None,
        } => Label::new(
            *registration,
            format!("{framework} handler, registered here: runs once per request"),
        ),
        HandlerOrigin::Registered {
            framework,
            elsewhere: Some(incoming),
            ..
        } => Label::in_file(
            incoming.registration.file.clone(),
            incoming.registration.span,
            format!("registers it as a request handler ({framework}): it runs once per request"),
        ),
        HandlerOrigin::CalledFrom(call) => Label::new(*call, CALLED),
        HandlerOrigin::CalledElsewhere(call) => {
            Label::in_file(call.file.clone(), call.span, CALLED)
        }
    })
}

/// A label explaining why a Python function runs on the event loop: it is an `async def`, or
/// event-loop code calls it (in this file or another).
pub(crate) fn event_loop_label(semantic: &Semantic<'_>, id: FunctionId) -> Option<Label> {
    const CALLED: &str = "called directly from event-loop code here";
    let function = semantic.function(id);
    Some(match function.event_loop.as_ref()? {
        EventLoopOrigin::Async => {
            let name = function
                .node
                .field("name")
                .map_or(Span::from(function.node), Span::from);
            Label::new(name, "this `async def` runs on the event loop")
        }
        EventLoopOrigin::CalledFrom(call) => Label::new(*call, CALLED),
        EventLoopOrigin::CalledElsewhere(call) => {
            Label::in_file(call.file.clone(), call.span, CALLED)
        }
    })
}

/// Shortens source text for a message.
pub(crate) fn short(text: &str) -> String {
    let single: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if single.chars().count() > 40 {
        let cut: String = single.chars().take(37).collect();
        format!("{cut}...")
    } else {
        single
    }
}

/// The expression inside `await`, parentheses and TypeScript's `!`/`as`/`satisfies`.
pub(crate) use snag_core::models::chain::unwrap;

/// Whether an expression has a size fixed in the source: a literal array/list/tuple, a name bound once to
/// one, a module-level collection only start-up code fills, an upper-case constant of another module
/// (see [`is_imported_constant`]), `Array.from({ length: N })`/`range(N)` with a constant `N`, or a
/// slice or batch (a bounded wave).
pub(crate) fn is_bounded_collection(
    semantic: &Semantic<'_>,
    expression: Node<'_>,
    depth: u32,
) -> bool {
    if depth > 6 {
        return false;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "array" | "list" | "tuple" | "set" | "string" => true,
        // `Array.from({ length: 4 }, ...)`: an array-like of constant length.
        "object" => length_is_constant(semantic, expression),
        // `SYNC_TARGETS` imported, `config.REGIONS` of an imported module: a constant set in code.
        "member_expression" | "attribute" => {
            is_imported_constant(semantic, expression) || is_app_registry(semantic, expression)
        }
        "identifier" if is_imported_constant(semantic, expression) => true,
        "identifier" => {
            let Some(id) = semantic.resolve_identifier(expression) else {
                return false;
            };
            let binding = semantic.binding(id);
            match binding.kind {
                BindingKind::Variable if !binding.reassigned => {
                    // `ids = []` then `ids.append(row.id)` in a loop: as long as what fills it. (A
                    // few `push`es outside loops, or in a loop of a fixed count, add a fixed number.)
                    let grown = semantic.fills(expression).is_some_and(|fills| {
                        fills.iter().any(|fill| {
                            matches!(fill, Fill::Added { .. })
                                && semantic
                                    .loop_at(fill.at())
                                    .is_some_and(|l| runtime_sized_loop(semantic, l, depth + 1))
                                && !semantic.runs_at_load(fill.at())
                        })
                    });
                    (!grown
                        && binding.value.is_some_and(|v| {
                            binding.destructured.is_none()
                                && is_bounded_collection(semantic, v, depth + 1)
                        }))
                        || is_filled_at_startup(semantic, expression)
                }
                // `*args` / `...handlers`: as many as the call sites pass, fixed in code.
                BindingKind::Parameter => binding
                    .declaration
                    .parent()
                    .is_some_and(|p| matches!(p.kind(), "list_splat_pattern" | "rest_pattern")),
                // The element of a loop over chunks is itself a bounded batch.
                BindingKind::LoopVariable(l) => semantic
                    .loop_(l)
                    .iterable
                    .is_some_and(|it| is_chunking(semantic, it, depth + 1)),
                _ => false,
            }
        }
        // `items[i:i + 10]`, `items[:50]`: a wave of bounded size; `lines[2:]` is the run-time-sized rest.
        "slice" => has_slice_end(expression),
        "subscript" => expression
            .field("subscript")
            .is_some_and(|s| s.kind() == "slice" && has_slice_end(s)),
        "call_expression" | "call" => {
            let callee = semantic.callee(expression);
            let callee_text = callee.map_or("", |c| semantic.text(c));
            let method = callee_text.rsplit('.').next().unwrap_or(callee_text);
            // `slice(i, i + N)` is a wave; `slice()` or `slice(start)` copies a run-time-sized rest.
            if matches!(method, "slice" | "splice" | "islice")
                && semantic.arguments(expression).len() >= 2
            {
                return true;
            }
            if is_batching_call(semantic, expression) {
                return true;
            }
            let arguments = expression.field("arguments");
            let first = semantic.argument(expression, 0);
            match semantic
                .callee_name(expression)
                .as_ref()
                .map(QualifiedName::as_str)
            {
                // range(N), range(0, N): a constant bound.
                Some("range") => arguments.is_some_and(|a| {
                    let mut cursor = a.walk();
                    let args: Vec<_> = a.named_children(&mut cursor).collect();
                    let bound = if args.len() >= 2 {
                        args[1]
                    } else {
                        args.first().copied().unwrap_or(a)
                    };
                    is_constant_number(semantic, bound)
                }),
                Some("Array.from") => {
                    first.is_some_and(|f| f.kind() == "object" && length_is_constant(semantic, f))
                }
                Some("Array") => first.is_some_and(|f| is_constant_number(semantic, f)),
                // `Object.entries({ module, registry, local })`: the keys written in the code.
                Some("Object.keys" | "Object.values" | "Object.entries") => {
                    first.is_some_and(|f| has_fixed_keys(semantic, f, depth + 1))
                }
                _ if is_app_registry(semantic, expression) => true,
                // `mapping.values()`, `.items()`, `.keys()` of a bounded mapping.
                _ if matches!(method, "values" | "items" | "keys") => {
                    callee.and_then(|c| c.field("object")).is_some_and(|o| {
                        is_bounded_collection(semantic, o, depth + 1)
                            || has_fixed_keys(semantic, o, depth + 1)
                    })
                }
                _ if method == "fill" || method == "keys" => callee
                    .and_then(|c| c.field("object"))
                    .is_some_and(|o| is_bounded_collection(semantic, o, depth + 1)),
                _ => false,
            }
        }
        "new_expression" => {
            let first = expression.field("arguments").and_then(|a| a.named_child(0));
            semantic
                .callee_name(expression)
                .is_some_and(|n| n.is("Array"))
                && first.is_some_and(|f| is_constant_number(semantic, f))
        }
        _ => false,
    }
}

/// A non-empty object or dict literal without spreads (`{ module, registry, local }`, `{"a": 1}`), directly or
/// through a name bound once to one: its keys are written in the code.
fn has_fixed_keys(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    if depth > 6 {
        return false;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        // Keys written in the literal; an empty one (`const tree = {}`) is filled elsewhere, perhaps
        // through another name.
        "object" | "dictionary" => {
            let mut cursor = expression.walk();
            let entries: Vec<Node<'_>> = expression
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .collect();
            !entries.is_empty()
                && !entries
                    .iter()
                    .any(|c| matches!(c.kind(), "spread_element" | "dictionary_splat"))
        }
        "identifier" => semantic.resolve_identifier(expression).is_some_and(|id| {
            let binding = semantic.binding(id);
            binding.kind == BindingKind::Variable
                && !binding.reassigned
                && binding.destructured.is_none()
                && semantic.fills(expression).is_none_or(|fills| {
                    fills.iter().all(|fill| !matches!(fill, Fill::Added { .. }))
                })
                && binding
                    .value
                    .is_some_and(|v| has_fixed_keys(semantic, v, depth + 1))
        }),
        _ => false,
    }
}

/// Django's app registry (`apps.app_configs`, `apps.get_models()`): fixed once the project started.
fn is_app_registry(semantic: &Semantic<'_>, expression: Node<'_>) -> bool {
    let name = match expression.kind() {
        "call" | "call_expression" => semantic.callee_name(expression),
        _ => semantic.qualified_name(expression),
    };
    name.is_some_and(|n| n.is_any(django::APP_REGISTRY_COLLECTIONS))
}

/// Whether a Python slice has an end (`a[i:j]`, `a[:50]`), not only a start (`a[2:]`, `a[::2]`).
fn has_slice_end(slice: Node<'_>) -> bool {
    // The children of `slice` are its bounds and colons in order: an expression after the first colon
    // and before any second one is the end.
    let mut cursor = slice.walk();
    let mut colons = 0;
    for child in slice.children(&mut cursor) {
        match child.kind() {
            ":" => colons += 1,
            _ if child.is_named() && colons == 1 => return true,
            _ => {}
        }
    }
    false
}

/// A module-level variable that only start-up code gives values or elements: its size is set when the
/// program starts, not by the data of a request.
fn is_filled_at_startup(semantic: &Semantic<'_>, identifier: Node<'_>) -> bool {
    let is_module_level = semantic
        .resolve_identifier(identifier)
        .is_some_and(|id| semantic.scope(semantic.binding(id).scope).kind == ScopeKind::Module);
    is_module_level
        && semantic
            .fills(identifier)
            .is_some_and(|fills| fills.iter().all(|fill| semantic.runs_at_load(fill.at())))
}

/// `chunk(items, 10)`, `_.chunk(...)`, `batched(...)`, `chunked(...)`: a collection of bounded batches
/// (see [`is_batching_call`]).
pub(crate) fn is_chunking(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    let expression = unwrap(expression);
    match expression.kind() {
        "call_expression" | "call" => is_batching_call(semantic, expression),
        "identifier" => {
            let Some(id) = semantic.resolve_identifier(expression) else {
                return false;
            };
            let binding = semantic.binding(id);
            depth < 6
                && binding
                    .value
                    .is_some_and(|v| is_chunking(semantic, v, depth + 1))
        }
        _ => false,
    }
}

/// **Named fact: batching verbs.** The words that name the batching idiom (`chunk`, `chunked`,
/// `batched`, ...): lodash, more-itertools, Python's `itertools.batched` and the helpers projects
/// write for themselves (`sentry.utils.iterators.chunked`) all use them. Only a function imported
/// from another module is judged by its name, because this file cannot see its body; a function of
/// this file is judged by what it returns (see [`cuts_into_slices`]).
const BATCHING_WORDS: &[&str] = &["chunk", "chunks", "chunked", "batch", "batches", "batched"];

/// Whether a call cuts a collection into batches: a known batching function of a library
/// ([`concurrency::BATCHING_FUNCTIONS`]), a function imported from another module whose name is a
/// batching verb ([`BATCHING_WORDS`]), or a function of this file that returns or yields slices of its
/// input.
fn is_batching_call(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    batches_within(semantic, call, 0)
}

fn batches_within(semantic: &Semantic<'_>, call: Node<'_>, depth: u32) -> bool {
    if let Some(name) = semantic.callee_name(call) {
        let is_call_result = name.as_str().contains("()");
        if !is_call_result
            && (name.is_any(concurrency::BATCHING_FUNCTIONS) || has_batching_name(&name))
        {
            return true;
        }
    }
    semantic
        .called_function(call)
        .is_some_and(|f| cuts_into_slices(semantic, f, depth))
}

/// Whether the last member of an imported name is one of the [`BATCHING_WORDS`] (or made of one and
/// other words: `chunkArray`, `in_batches`).
fn has_batching_name(name: &QualifiedName) -> bool {
    let last = name.last().rsplit('/').next().unwrap_or("");
    words(last)
        .iter()
        .any(|w| BATCHING_WORDS.contains(&w.as_str()))
}

/// The lower-case words of an identifier (`maxRetries` and `max_retries` give `max`, `retries`).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        previous_lower = c.is_ascii_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a function of this file hands out slices of a collection: it returns or yields
/// `items[i:i + n]`/`items.slice(i, i + n)`, a comprehension of them, a list it fills with them, or
/// the result of another batching call.
fn cuts_into_slices(semantic: &Semantic<'_>, function: FunctionId, depth: u32) -> bool {
    if depth > 2 {
        return false;
    }
    semantic
        .produced_values(function)
        .into_iter()
        .any(|value| is_slice_or_slices(semantic, value, depth + 1))
}

fn is_slice_or_slices(semantic: &Semantic<'_>, value: Node<'_>, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    let value = unwrap(value);
    match value.kind() {
        "subscript" => value
            .field("subscript")
            .is_some_and(|s| s.kind() == "slice"),
        "call" if is_flushed_chunk(semantic, value) => true,
        "call_expression" | "call" => {
            let slices = semantic
                .callee(value)
                .and_then(|c| c.field("property"))
                .is_some_and(|p| {
                    semantic.text(p) == "slice" && semantic.arguments(value).len() >= 2
                });
            slices || batches_within(semantic, value, depth + 1)
        }
        "list_comprehension" | "generator_expression" => value
            .field("body")
            .is_some_and(|b| is_slice_or_slices(semantic, b, depth)),
        "identifier" => {
            is_flushed_chunk(semantic, value)
                || semantic.fills(value).is_some_and(|fills| {
                    fills.iter().any(|fill| match fill {
                        Fill::Added { element, .. } => {
                            element.is_some_and(|e| is_slice_or_slices(semantic, e, depth + 1))
                        }
                        Fill::Assigned { .. } => false,
                    })
                })
        }
        _ => false,
    }
}

/// A chunk handed out and started again: a list the function fills element by element and empties once
/// given out (`chunk.append(row)`, `if len(chunk) == size: yield tuple(chunk); chunk = []` or
/// `chunk.clear()`), directly or copied (`tuple(chunk)`, `list(chunk)`).
fn is_flushed_chunk(semantic: &Semantic<'_>, value: Node<'_>) -> bool {
    let value = unwrap(value);
    let chunk = match value.kind() {
        "identifier" => Some(value),
        "call"
            if semantic
                .callee_name(value)
                .is_some_and(|n| n.is_any(&["tuple", "list"])) =>
        {
            semantic.argument(value, 0).map(unwrap)
        }
        _ => None,
    };
    let Some(fills) = chunk
        .filter(|c| c.kind() == "identifier")
        .and_then(|c| semantic.fills(c))
    else {
        return false;
    };
    let added = fills.iter().any(|f| matches!(f, Fill::Added { .. }));
    let assigned = fills
        .iter()
        .filter(|f| matches!(f, Fill::Assigned { .. }))
        .count();
    added && (assigned >= 2 || chunk.is_some_and(|c| is_cleared(semantic, c)))
}

/// Whether the list a name holds is emptied in place somewhere (`chunk.clear()`).
fn is_cleared(semantic: &Semantic<'_>, name: Node<'_>) -> bool {
    let Some(binding) = semantic.resolve_identifier(name) else {
        return false;
    };
    semantic
        .all_references(binding)
        .into_iter()
        .any(|reference| {
            reference
                .parent()
                .filter(|p| matches!(p.kind(), "attribute" | "member_expression"))
                .filter(|p| p.field("object").is_some_and(|o| o.id() == reference.id()))
                .and_then(|p| p.field("attribute").or_else(|| p.field("property")))
                .is_some_and(|method| semantic.text(method) == "clear")
        })
}

/// A number literal, a name bound once to one (`const CONCURRENCY = 4`), a module-level name never
/// assigned again (`WORKERS = int(os.environ["WORKERS"])`: set at start-up), an upper-case constant of
/// another module (see [`is_imported_constant`]), or `Math.min(...)`/`min(...)` capping a size
/// (`Math.min(maxConcurrency, items.length)`, see [`caps_a_size`]).
pub(crate) fn is_constant_number(semantic: &Semantic<'_>, expression: Node<'_>) -> bool {
    constant_number(semantic, expression, 0)
}

fn constant_number(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    if depth > 3 {
        return false;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "number" | "integer" => true,
        "identifier" => {
            is_imported_constant(semantic, expression)
                || semantic.resolve_identifier(expression).is_some_and(|id| {
                    let binding = semantic.binding(id);
                    match binding.kind {
                        BindingKind::Variable => {
                            !binding.reassigned
                                && (semantic.scope(binding.scope).kind == ScopeKind::Module
                                    || binding
                                        .value
                                        .is_some_and(|v| constant_number(semantic, v, depth + 1)))
                        }
                        // `getInBulk(rev, count)` that every call in the file gives `bulkSize = 100`.
                        BindingKind::Parameter => {
                            !binding.reassigned
                                && semantic.arguments_for_parameter(id).is_some_and(|values| {
                                    values
                                        .iter()
                                        .all(|v| constant_number(semantic, *v, depth + 1))
                                })
                        }
                        _ => false,
                    }
                })
        }
        "member_expression" | "attribute" => is_imported_constant(semantic, expression),
        "call_expression" | "call" => caps_a_size(semantic, expression),
        _ => false,
    }
}

/// `Math.min(limit, items.length)`, `min(n, len(items))`: the smaller of a size and something else is
/// at most that something, a number the code chose; `Math.min(a.length, b.length)` caps nothing.
fn caps_a_size(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let is_min = semantic
        .callee_name(call)
        .is_some_and(|n| n.is_any(&["Math.min", "min"]));
    let arguments = semantic.arguments(call);
    is_min
        && arguments.len() >= 2
        && arguments
            .iter()
            .any(|a| is_constant_number(semantic, *a) || !is_size_of(semantic, *a, 0))
}

/// `items.length`, `items.size`, `len(items)`, `items.count()`, or a name bound once to one: the size
/// of a run-time collection.
fn is_size_of(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    let expression = unwrap(expression);
    match expression.kind() {
        "identifier" if depth < 4 => semantic.resolve_identifier(expression).is_some_and(|id| {
            let binding = semantic.binding(id);
            binding.kind == BindingKind::Variable
                && !binding.reassigned
                && binding
                    .value
                    .is_some_and(|v| is_size_of(semantic, v, depth + 1))
        }),
        "member_expression" => expression
            .field("property")
            .is_some_and(|p| matches!(semantic.text(p), "length" | "size")),
        "call_expression" | "call" => {
            semantic
                .callee_name(expression)
                .is_some_and(|n| n.is("len"))
                || semantic
                    .callee(expression)
                    .and_then(|c| c.field("property").or_else(|| c.field("attribute")))
                    .is_some_and(|p| semantic.text(p) == "count")
        }
        _ => false,
    }
}

/// **Named fact: upper-case constants of other modules.** A name another module exports in
/// UPPER_CASE (`from sentry.models.actor import ACTOR_TYPES`, `require('./targets').SYNC_TARGETS`,
/// `settings.MAX_WORKERS`) is a constant set in code: PEP 8 and JavaScript style reserve upper case for
/// module-level constants. The file cannot see the other module's code, so the convention is the only
/// evidence; names of this file are judged by their values instead.
fn is_imported_constant(semantic: &Semantic<'_>, expression: Node<'_>) -> bool {
    semantic.qualified_name(expression).is_some_and(|name| {
        name.parent().is_some() && !name.as_str().contains("()") && is_upper_case(name.last())
    })
}

/// `MAX_PARALLEL`, `WORKERS`: at least two upper-case letters and no lower-case one.
pub(crate) fn is_upper_case(name: &str) -> bool {
    name.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && !name.chars().any(|c| c.is_ascii_lowercase())
}

fn length_is_constant(semantic: &Semantic<'_>, object: Node<'_>) -> bool {
    let mut cursor = object.walk();
    let found = object.named_children(&mut cursor).any(|pair| {
        pair.kind() == "pair"
            && pair
                .field("key")
                .is_some_and(|k| semantic.text(k) == "length")
            && pair
                .field("value")
                .is_some_and(|v| is_constant_number(semantic, v))
    });
    found
}

/// Whether a loop walks a collection whose size is known only at run time.
pub(crate) fn is_runtime_sized_loop(semantic: &Semantic<'_>, id: LoopId) -> bool {
    runtime_sized_loop(semantic, id, 0)
}

fn runtime_sized_loop(semantic: &Semantic<'_>, id: LoopId, depth: u32) -> bool {
    let l = semantic.loop_(id);
    match l.kind {
        LoopKind::For => {
            // `for (let i = 0; i < CONCURRENCY; i++)` is a fixed pool; `i < items.length` is not. Of
            // `a && b`, either side bounds it.
            let condition = l.node.field("condition").and_then(|c| {
                if c.kind() == "expression_statement" {
                    c.named_child(0)
                } else {
                    Some(c)
                }
            });
            let mut bounds = Vec::new();
            let mut pending: Vec<Node<'_>> = condition.into_iter().collect();
            while let Some(c) = pending.pop().map(unwrap) {
                if c.kind() != "binary_expression" {
                    continue;
                }
                let operator = c.child_by_field_name("operator").map(|o| o.kind());
                if operator == Some("&&") {
                    pending.extend(c.field("left"));
                    pending.extend(c.field("right"));
                } else {
                    bounds.extend(c.field("right"));
                }
            }
            !bounds
                .into_iter()
                .any(|b| is_constant_number(semantic, b) || is_constant_window(semantic, l.node, b))
        }
        _ => {
            !l.iterable
                .is_some_and(|it| is_bounded_collection(semantic, it, depth))
                && !is_size_capped(semantic, id)
        }
    }
}

/// `for (let i = start; i < start + count; i++)`: a window of `count` elements from wherever it starts,
/// a constant number of them when `count` is one.
fn is_constant_window(semantic: &Semantic<'_>, for_loop: Node<'_>, bound: Node<'_>) -> bool {
    let bound = unwrap(bound);
    let start = for_loop
        .field("initializer")
        .and_then(|init| {
            let mut cursor = init.walk();
            let declarator = init
                .named_children(&mut cursor)
                .find(|c| c.kind() == "variable_declarator");
            declarator
        })
        .and_then(|declarator| declarator.field("value"));
    let (Some(start), true) = (start, bound.kind() == "binary_expression") else {
        return false;
    };
    let plus = bound
        .child_by_field_name("operator")
        .is_some_and(|o| o.kind() == "+");
    let (Some(left), Some(right)) = (bound.field("left"), bound.field("right")) else {
        return false;
    };
    let start = semantic.text(unwrap(start));
    plus && ((semantic.text(unwrap(left)) == start && is_constant_number(semantic, right))
        || (semantic.text(unwrap(right)) == start && is_constant_number(semantic, left)))
}

/// Whether an expression is a Django queryset or manager: `Model.objects`, `Model._default_manager`, or a
/// chain of queryset methods on one.
pub(crate) fn is_queryset(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "attribute" => {
            let attribute = expression
                .field("attribute")
                .map_or("", |a| semantic.text(a));
            let object = expression.field("object");
            django::DEFAULT_MANAGERS.contains(&attribute)
                && object.is_some_and(|o| {
                    let text = semantic.text(o);
                    let last = text.rsplit('.').next().unwrap_or(text);
                    last.starts_with(|c: char| c.is_ascii_uppercase())
                })
        }
        "call" => {
            let Some(callee) = expression.field("function") else {
                return false;
            };
            callee.kind() == "attribute"
                && callee
                    .field("attribute")
                    .is_some_and(|a| django::QUERYSET_CHAIN.contains(&semantic.text(a)))
                && callee
                    .field("object")
                    .is_some_and(|o| is_queryset(semantic, o, depth + 1))
        }
        "subscript" => expression
            .field("value")
            .is_some_and(|v| is_queryset(semantic, v, depth + 1)),
        _ => false,
    }
}

/// Whether an `if` around a loop caps the size of the collection it walks at a constant: `if
/// len(realms) == 1: for key in realms: ...`, `if (items.length <= 3) for (const x of items) ...`.
pub(crate) fn is_size_capped(semantic: &Semantic<'_>, id: LoopId) -> bool {
    let l = semantic.loop_(id);
    let Some(iterable) = l.iterable.map(unwrap) else {
        return false;
    };
    let collection = semantic.text(iterable);
    let mut current = l.node;
    while let Some(parent) = semantic.parent(current) {
        if syntax::is_function_kind(parent.kind()) {
            return false;
        }
        let in_branch = parent
            .field("consequence")
            .is_some_and(|c| c.id() == current.id())
            || parent.field("body").is_some_and(|b| b.id() == current.id());
        if parent.kind() == "if_statement" && in_branch {
            if let Some(condition) = parent.field("condition") {
                if caps_size(semantic, condition, collection) {
                    return true;
                }
            }
        }
        current = parent;
    }
    false
}

/// `len(x) == 1`, `x.length <= 3` (either side), alone or in an `and`/`&&`.
fn caps_size(semantic: &Semantic<'_>, condition: Node<'_>, collection: &str) -> bool {
    let condition = unwrap(condition);
    match condition.kind() {
        "boolean_operator" | "binary_expression"
            if syntax::has_operator(condition, &["and", "&&"]) =>
        {
            [condition.field("left"), condition.field("right")]
                .into_iter()
                .flatten()
                .any(|side| caps_size(semantic, side, collection))
        }
        "comparison_operator" | "binary_expression" => {
            let capping = syntax::has_operator(condition, &["==", "===", "<", "<="]);
            let (Some(left), Some(right)) = (condition.named_child(0), condition.named_child(1))
            else {
                return false;
            };
            let size_of = |node: Node<'_>| {
                let node = unwrap(node);
                let text = semantic.text(node);
                text == format!("len({collection})") || text == format!("{collection}.length")
            };
            capping && size_of(left) && is_constant_number(semantic, right)
        }
        _ => false,
    }
}

/// Work a loop does per item that costs far more than a database query: an HTTP request or an e-mail
/// sent, directly or through a function of this file. Returns the call and what it does, for the
/// message. Next to it, one more query per item is a small part of the loop's time.
pub(crate) fn heavier_work_per_item<'t>(
    semantic: &Semantic<'t>,
    id: LoopId,
) -> Option<(Node<'t>, &'static str)> {
    let region = semantic.loop_(id).region;
    semantic
        .calls_in(region)
        .find_map(|call| heavy_call(semantic, call, 0).map(|what| (call, what)))
}

fn heavy_call(semantic: &Semantic<'_>, call: Node<'_>, depth: u32) -> Option<&'static str> {
    let family = semantic.language().family();
    if let Some(name) = semantic.callee_name(call) {
        let javascript = family == snag_core::LanguageFamily::JavaScript;
        if snag_core::frameworks::http_clients::is_request_call(javascript, name.as_str()) {
            return Some("makes an HTTP request");
        }
        if snag_core::frameworks::calls::email_sender(family, name.as_str()).is_some() {
            return Some("sends an e-mail");
        }
    }
    if depth >= 1 {
        return None;
    }
    let function = semantic.called_function(call)?;
    let body = Span::from(semantic.function(function).node);
    semantic
        .calls_in(body)
        .find_map(|inner| heavy_call(semantic, inner, depth + 1))
}

/// A loop that also makes an HTTP request or sends an e-mail per item: the query is a small part of
/// each item's time, so the finding is `info` (see [`crate::helpers::heavier_work_per_item`]).
pub(crate) fn dwarfed_by_heavier_work(
    semantic: &Semantic<'_>,
    id: LoopId,
    diagnostic: &mut snag_core::Diagnostic,
) {
    if let Some((call, what)) = crate::helpers::heavier_work_per_item(semantic, id) {
        diagnostic.severity = snag_core::Severity::Info;
        diagnostic.labels.push(Label::new(
            Span::from(call),
            format!("each item also {what} here, which costs far more than the query"),
        ));
    }
}
