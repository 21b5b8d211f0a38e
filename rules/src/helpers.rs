//! Shared matchers of the built-in rules: what a call resolves to, labels for loops and handlers, and
//! whether a collection has a size known before run time.

pub(crate) use snag_core::models::queries::DJANGO_CHAIN;
use snag_core::semantic::{
    BindingKind, EventLoopOrigin, FunctionId, HandlerOrigin, LoopId, LoopKind, QualifiedName,
    Semantic,
};
use snag_core::NodeFields;
use snag_core::Span;
use tree_sitter::Node;

/// Modules that expose Node's `fs` API.
const FS_MODULES: &[&str] = &["fs", "fs-extra", "graceful-fs", "original-fs"];

/// What kind of blocking call a synchronous Node API is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeSyncApi {
    /// `fs.*Sync`.
    FileSystem,
    /// `child_process.execSync/execFileSync/spawnSync`.
    ChildProcess,
    /// `crypto.*Sync`.
    Crypto,
    /// `zlib.*Sync`.
    Zlib,
}

/// The synchronous Node API a call makes, with its qualified name (`fs.readFileSync`).
pub(crate) fn node_sync_call(
    semantic: &Semantic<'_>,
    call: Node<'_>,
) -> Option<(QualifiedName, NodeSyncApi)> {
    let name = semantic.callee_name(call)?;
    let method = name.last();
    if !method.ends_with("Sync") || name.as_str().ends_with("()") {
        return None;
    }
    let module = name.parent()?;
    let api = if FS_MODULES.contains(&module) {
        NodeSyncApi::FileSystem
    } else if module == "child_process"
        && matches!(method, "execSync" | "execFileSync" | "spawnSync")
    {
        NodeSyncApi::ChildProcess
    } else if module == "crypto" {
        NodeSyncApi::Crypto
    } else if module == "zlib" {
        NodeSyncApi::Zlib
    } else {
        return None;
    };
    Some((name, api))
}

/// The non-blocking replacement of a synchronous Node API, for messages.
pub(crate) fn async_alternative(name: &QualifiedName, api: NodeSyncApi) -> String {
    let method = name.last();
    let base = method.strip_suffix("Sync").unwrap_or(method);
    match api {
        NodeSyncApi::FileSystem if base == "exists" => {
            "`await fs.promises.access(path)` (or `stat`)".to_string()
        }
        NodeSyncApi::FileSystem => {
            format!("`await fs.promises.{base}(...)` (from `node:fs/promises`)")
        }
        NodeSyncApi::ChildProcess => {
            format!("`await promisify(child_process.{base})(...)` or `spawn` with events")
        }
        NodeSyncApi::Crypto => format!("the callback form `crypto.{base}(...)`, promisified"),
        NodeSyncApi::Zlib => format!("`await promisify(zlib.{base})(...)` or a zlib stream"),
    }
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

/// A label explaining why a function is handler code.
pub(crate) fn handler_label(semantic: &Semantic<'_>, id: FunctionId) -> Option<(Span, String)> {
    match semantic.function(id).handler.as_ref()? {
        HandlerOrigin::Registered {
            framework,
            registration,
        } => Some((
            *registration,
            format!("{framework} handler, registered here: runs once per request"),
        )),
        HandlerOrigin::CalledFrom(call) => {
            Some((*call, "called from request handler code here".to_string()))
        }
    }
}

/// A label explaining why a Python function runs on the event loop.
pub(crate) fn event_loop_label(semantic: &Semantic<'_>, id: FunctionId) -> Option<(Span, String)> {
    let function = semantic.function(id);
    match function.event_loop? {
        EventLoopOrigin::Async => {
            let name = function
                .node
                .field("name")
                .map_or(Span::from(function.node), Span::from);
            Some((name, "this `async def` runs on the event loop".to_string()))
        }
        EventLoopOrigin::CalledFrom(call) => Some((
            call,
            "called directly from event-loop code here".to_string(),
        )),
    }
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
/// one, `Array.from({ length: N })`/`range(N)` with a constant `N`, or a slice/chunk (a bounded wave).
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
        // `SYNC_TARGETS`, `config.REGIONS`: a constant collection set in code.
        "identifier" if is_constant_name(semantic.text(expression)) => true,
        "member_expression" | "attribute" => expression
            .field("property")
            .or_else(|| expression.field("attribute"))
            .is_some_and(|p| is_constant_name(semantic.text(p))),
        "identifier" => {
            let Some(id) = semantic.resolve_identifier(expression) else {
                return false;
            };
            let binding = semantic.binding(id);
            match binding.kind {
                BindingKind::Variable if !binding.reassigned => binding.value.is_some_and(|v| {
                    binding.destructured.is_none() && is_bounded_collection(semantic, v, depth + 1)
                }),
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
        // `items.slice(i, i + 10)`, `items[i:i + 10]`: a wave of bounded size.
        "slice" => true,
        "subscript" => expression
            .field("subscript")
            .is_some_and(|s| s.kind() == "slice"),
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
            if is_chunk_name(method) {
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

/// `chunk(items, 10)`, `_.chunk(...)`, `batched(...)`, `chunks(...)`: a collection of bounded batches.
pub(crate) fn is_chunking(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    let expression = unwrap(expression);
    match expression.kind() {
        "call_expression" | "call" => {
            let callee = semantic.callee(expression).map_or("", |c| semantic.text(c));
            let method = callee.rsplit('.').next().unwrap_or(callee);
            is_chunk_name(method)
        }
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

fn is_chunk_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("chunk") || lower.contains("batch")
}

/// A number literal, a name bound once to one (`const CONCURRENCY = 4`, `WORKERS = 8`), an upper-case
/// constant (`config.MAX_PARALLEL`), or `Math.min(...)`/`min(...)` with such a bound among its arguments
/// (`Math.min(maxConcurrency, items.length)`).
pub(crate) fn is_constant_number(semantic: &Semantic<'_>, expression: Node<'_>) -> bool {
    let expression = unwrap(expression);
    match expression.kind() {
        "number" | "integer" => true,
        "identifier" => {
            is_constant_name(semantic.text(expression))
                || semantic.resolve_identifier(expression).is_some_and(|id| {
                    let binding = semantic.binding(id);
                    !binding.reassigned
                        && binding.kind == BindingKind::Variable
                        && binding
                            .value
                            .is_some_and(|v| is_constant_number(semantic, v))
                })
        }
        "member_expression" | "attribute" => {
            let property = expression
                .field("property")
                .or_else(|| expression.field("attribute"));
            property.is_some_and(|p| is_constant_name(semantic.text(p)))
        }
        "call_expression" | "call" => {
            let is_min = semantic
                .callee_name(expression)
                .is_some_and(|n| n.is_any(&["Math.min", "min"]));
            is_min
                && semantic.arguments(expression).iter().any(|a| {
                    is_constant_number(semantic, *a) || is_bound_name(semantic.text(unwrap(*a)))
                })
        }
        _ => false,
    }
}

/// `MAX_PARALLEL`, `WORKERS`: an upper-case name is a constant set in code.
fn is_constant_name(name: &str) -> bool {
    name.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && !name.chars().any(|c| c.is_ascii_lowercase())
}

/// A name that says it is a bound (`maxConcurrency`, `limit`, `poolSize`, `workers`).
fn is_bound_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["concurrency", "limit", "max", "pool", "worker", "parallel"]
        .iter()
        .any(|word| lower.contains(word))
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
    let l = semantic.loop_(id);
    match l.kind {
        LoopKind::For => {
            // `for (let i = 0; i < CONCURRENCY; i++)` is a fixed pool; `i < items.length` is not.
            let bound = l
                .node
                .field("condition")
                .and_then(|c| {
                    if c.kind() == "expression_statement" {
                        c.named_child(0)
                    } else {
                        Some(c)
                    }
                })
                .filter(|c| c.kind() == "binary_expression")
                .and_then(|c| c.field("right"));
            !bound.is_some_and(|b| is_constant_number(semantic, b))
        }
        _ => !l
            .iterable
            .is_some_and(|it| is_bounded_collection(semantic, it, 0)),
    }
}

/// The function a call's callee names in this file (`helper(...)`, `self.helper(...)`).
pub(crate) fn called_function(semantic: &Semantic<'_>, call: Node<'_>) -> Option<FunctionId> {
    let callee = unwrap(semantic.callee(call)?);
    match callee.kind() {
        "identifier" => semantic.function_of_binding(semantic.resolve_identifier(callee)?),
        _ => None,
    }
}

/// Whether any call in `node` (not counting `node` itself) satisfies `predicate`.
pub(crate) fn any_call_within(node: Node<'_>, predicate: &mut dyn FnMut(Node<'_>) -> bool) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if current.id() != node.id()
            && matches!(
                current.kind(),
                "call_expression" | "call" | "new_expression"
            )
            && predicate(current)
        {
            return true;
        }
        for child in current.named_children(&mut cursor) {
            stack.push(child);
        }
    }
    false
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
            matches!(attribute, "objects" | "_default_manager")
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
                    .is_some_and(|a| DJANGO_CHAIN.contains(&semantic.text(a)))
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
