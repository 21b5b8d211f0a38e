use crate::helpers::{handler_label, short, unwrap};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{
    class_decorators, syntax, BindingKind, FunctionId, GuardState, HandlerOrigin, ScopeKind,
    Semantic,
};
use snag_core::frameworks::{nestjs, node, web};
use snag_core::NodeFields;
use snag_core::Span;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a listener added to a long-lived emitter in code that runs once per request, with no
    /// matching removal: `emitter.on(...)`, `addListener(...)`, `prependListener(...)`,
    /// `addEventListener(...)` and `for await (... of on(emitter, 'x'))` (from `node:events`) in handler
    /// code (Express, Koa, koa-router, Fastify, Hapi, `http.createServer`, Next.js API routes and route
    /// handlers, NestJS controller methods, AWS Lambda, functions another file of the project registers as
    /// handlers, and the functions they call in the same file).
    ///
    /// Long-lived emitters are `process` (and `globalThis`), the app or server object (`req.app`,
    /// `ctx.app`, `request.server`, the router the handler is registered on, `req.app.get('io')`), a
    /// module-level binding (`const bus = new EventEmitter()`, `new Redis()`, a `pool`), anything imported
    /// (an event bus, a shared client, `mongoose.connection`), a binding the handler closes over from the
    /// function that registers the routes (a Fastify plugin's `fastify`, a router factory's `deps.bus`), and
    /// `this`/`this.x` in a service or controller class (NestJS providers are singletons).
    ///
    /// The listener is taken as removed when the same handler (including the callbacks it registers for
    /// clean-up, such as `res.on('close', ...)`, the functions it calls or hands over, and the handler that
    /// calls it) calls `off`/`removeListener`/`removeEventListener`/`removeAllListeners` on the same emitter
    /// for the same event. A removal that passes a different function than the one added (a new inline
    /// arrow) removes nothing and is pointed out.
    ///
    /// ## Why is this bad?
    /// A listener stays attached until it is removed, and a long-lived emitter outlives every request.
    /// Each request leaves one more listener (and everything its closure holds: `req`, `res`, buffers)
    /// behind, so memory grows with traffic, every event runs all the stale listeners (writing to
    /// responses long gone), and Node prints `MaxListenersExceededWarning` once more than 10 pile up.
    ///
    /// ## Example
    /// ```js
    /// const bus = new EventEmitter();
    /// app.get('/jobs/:id/events', (req, res) => {
    ///   res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    ///   bus.on('progress', (job) => {
    ///     if (job.id === req.params.id) res.write(`data: ${JSON.stringify(job)}\n\n`);
    ///   });
    /// });
    /// ```
    ///
    /// ## Use instead
    /// Remove the listener when the request ends (or use `once`, or register it once at start-up):
    /// ```js
    /// app.get('/jobs/:id/events', (req, res) => {
    ///   res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    ///   const onProgress = (job) => {
    ///     if (job.id === req.params.id) res.write(`data: ${JSON.stringify(job)}\n\n`);
    ///   };
    ///   bus.on('progress', onProgress);
    ///   res.on('close', () => bus.off('progress', onProgress));
    /// });
    /// ```
    ///
    /// ## Stays quiet on
    /// - `once(...)`, `prependOnceListener(...)`, `addEventListener(..., { once: true })`;
    /// - a listener added with `{ signal }` (an `AbortSignal` that ends with the request):
    ///   `addEventListener('x', fn, { signal })`, `on(emitter, 'x', { signal })`, and an `on(emitter, 'x')`
    ///   loop that `break`s or `return`s (the iterator removes its listener when the loop ends);
    /// - listeners on the request's own objects, which die with it: `req`, `res`, `ctx`, `ctx.req`,
    ///   `request.raw`, `reply.raw`, `req.socket`, `req.signal`, and streams or emitters created inside the
    ///   handler (`const upload = busboy(...)`, `const child = spawn(...)`);
    /// - emitters of unknown lifetime (a parameter that is not the request, the result of a call);
    /// - listeners registered at start-up or module level (`app.listen` callbacks, `onModuleInit`,
    ///   constructors, functions only module top level calls);
    /// - a registration guarded to run once (`if (!subscribed) { subscribed = true; bus.on(...) }`,
    ///   `if (bus.listenerCount('x') === 0)`);
    /// - `addEventListener` with a module-level function or a method reference: an `EventTarget` adds the
    ///   same function only once;
    /// - RxJS `fromEvent(...)` (unsubscribing removes the listener), and test files.
    pub struct ListenerInHandler {
        id: "listener-in-handler",
        summary: "A listener added to a long-lived emitter on every request and never removed",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["call_expression"],
                // A method that adds a listener, as a member (`. on`: whitespace and comments allowed
                // around the dot); the iterator form imports `on` from `'events'`/`'node:events'`.
                // Handler code only.
                triggers: [
                    node::ADD_LISTENER_METHODS.iter().map(|m| member(m)).collect::<Vec<_>>(),
                    import(node::EVENTS),
                ],
                requires: [[snag_core::semantic::js_handler_triggers()]],
            },
        ],
    }
}

/// How deep expressions, aliases and call chains are followed.
const MAX_DEPTH: u32 = 8;

impl Rule for ListenerInHandler {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let Some(added) = registration(semantic, call) else {
            return;
        };
        let Some(handler) = semantic.handler_function(call) else {
            return;
        };
        if has_option(semantic, added.options, node::SIGNAL_OPTION) || has_true_option(semantic, added.options)
        {
            return;
        }
        if added.iterator && !iterates_forever(call) {
            return;
        }
        let region = outermost_handler(semantic, call, handler);
        let Some(owner) = owner(semantic, added.emitter, region, 0) else {
            return;
        };
        if added.method == node::EVENT_TARGET_ADD
            && added
                .listener
                .is_some_and(|l| is_stable_function(semantic, l, region))
        {
            // An EventTarget adds the same function only once: no growth.
            return;
        }
        if is_guarded_once(semantic, call, region) {
            return;
        }
        let mismatch = match find_removal(semantic, &added, region, handler) {
            Removal::Found => return,
            Removal::DifferentListener(node) => Some(node),
            Removal::None => None,
        };
        report(ctx, &added, &owner, handler, region, mismatch);
    }
}

/// A listener registration: `emitter.on(event, listener, options)` or `on(emitter, event, options)`.
struct Registration<'t> {
    emitter: Node<'t>,
    method: &'t str,
    event: Option<Node<'t>>,
    listener: Option<Node<'t>>,
    options: Option<Node<'t>>,
    /// The `node:events` async-iterator form.
    iterator: bool,
    /// Where the finding starts: the method name (`on(...)` of `bus.on(...)`), or the whole call.
    span: Span,
}

fn registration<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<Registration<'t>> {
    let callee = semantic.callee(call)?;
    let name = match callee.kind() {
        "member_expression" => semantic.text(callee.field("property")?),
        "identifier" => semantic.text(callee),
        _ => return None,
    };
    if !node::ADD_LISTENER_METHODS.contains(&name) {
        return None;
    }
    let arguments = semantic.arguments(call);
    // `on(emitter, 'x')` from `events`, called by its own name.
    let iterator = name == node::ITERATOR_FUNCTION
        && semantic
            .callee_name(call)
            .is_some_and(|n| n.is_any(node::ITERATOR_FUNCTIONS));
    if iterator {
        return Some(Registration {
            emitter: *arguments.first()?,
            method: name,
            event: arguments.get(1).copied(),
            listener: None,
            options: arguments.get(2).copied(),
            iterator: true,
            span: Span::from(call),
        });
    }
    if callee.kind() != "member_expression" {
        return None;
    }
    let property = callee.field("property")?;
    let method = semantic.text(property);
    if !node::ADD_LISTENER_METHODS.contains(&method) || arguments.len() < 2 {
        return None;
    }
    let event = arguments[0];
    let listener = arguments[1];
    // `emitter.on('event', fn)`: an event name and a function, not some other API's `on(...)`.
    let event_like = matches!(
        unwrap(event).kind(),
        "string" | "template_string" | "identifier" | "member_expression" | "subscript_expression"
    );
    let listener_like = !matches!(
        unwrap(listener).kind(),
        "string" | "template_string" | "number" | "object" | "array" | "true" | "false" | "null"
    );
    if !event_like || !listener_like {
        return None;
    }
    Some(Registration {
        emitter: callee.field("object")?,
        method,
        event: Some(event),
        listener: Some(listener),
        options: arguments.get(2).copied(),
        iterator: false,
        span: Span::new(property.start_byte(), call.end_byte()),
    })
}

/// Whether an options object has `key` (`{ signal }`, `{ signal: ac.signal }`).
fn has_option(semantic: &Semantic<'_>, options: Option<Node<'_>>, key: &str) -> bool {
    option_value(semantic, options, key).is_some()
}

/// `{ once: true }`.
fn has_true_option(semantic: &Semantic<'_>, options: Option<Node<'_>>) -> bool {
    option_value(semantic, options, node::ONCE_OPTION).is_some_and(|v| v.kind() != "false")
}

fn option_value<'t>(
    semantic: &Semantic<'t>,
    options: Option<Node<'t>>,
    key: &str,
) -> Option<Node<'t>> {
    let options = unwrap(options?);
    if options.kind() != "object" {
        return None;
    }
    let mut cursor = options.walk();
    let found = options
        .named_children(&mut cursor)
        .find_map(|property| match property.kind() {
            "shorthand_property_identifier" if semantic.text(property) == key => Some(property),
            "pair" => {
                let name = property.field("key")?;
                (semantic.text(name).trim_matches(['"', '\'']) == key)
                    .then(|| property.field("value"))
                    .flatten()
            }
            _ => None,
        });
    found
}

/// `for await (const [x] of on(bus, 'x')) { ... }` with no `break`/`return`/`throw` in its body: the
/// iterator's listener stays until the loop ends, which may be never. Anything else is not followed.
fn iterates_forever(call: Node<'_>) -> bool {
    let mut current = call;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "parenthesized_expression" => current = parent,
            "for_in_statement" => {
                let is_right = parent
                    .field("right")
                    .is_some_and(|r| r.id() == current.id());
                let exits = parent.field("body").is_some_and(exits_loop);
                return is_right && !exits;
            }
            _ => return false,
        }
    }
    false
}

/// Whether a loop body leaves the loop somewhere (not counting nested functions).
fn exits_loop(body: Node<'_>) -> bool {
    syntax::exits(body, syntax::LOOP_EXITS)
}

/// The outermost handler function around `call` (handler code nests: callbacks inside a route
/// function): the code that runs per request and may hold the clean-up.
fn outermost_handler(semantic: &Semantic<'_>, call: Node<'_>, handler: FunctionId) -> FunctionId {
    semantic
        .enclosing_functions(call)
        .filter(|&f| semantic.function(f).handler.is_some())
        .last()
        .unwrap_or(handler)
}

/// Why an emitter outlives the request.
enum Owner<'t> {
    /// `process`, `globalThis`.
    Global(&'t str),
    /// The app or server: `req.app`, `ctx.app`, `request.server`, `req.app.get('io')`.
    App(&'t str),
    /// A module-level binding: its declaration.
    ModuleLevel(Node<'t>),
    /// An import (or `require` inside the handler): the import.
    Imported(Node<'t>),
    /// A binding of the function that registers the routes, shared by every request.
    Captured(Node<'t>),
    /// `this` in a service or controller class: the class.
    Service(Node<'t>),
}

/// Whether `expression` is an emitter that outlives the request handled by `region`, and why.
fn owner<'t>(
    semantic: &Semantic<'t>,
    expression: Node<'t>,
    region: FunctionId,
    depth: u32,
) -> Option<Owner<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let expression = unwrap(expression);
    let region_span = Span::from(semantic.function(region).node);
    match expression.kind() {
        "identifier" => {
            let name = semantic.text(expression);
            let Some(id) = semantic.resolve_identifier(expression) else {
                return matches!(name, "process" | "globalThis" | "global")
                    .then_some(Owner::Global(name));
            };
            let binding = semantic.binding(id);
            let inside = region_span.contains(Span::from(binding.declaration));
            match (&binding.kind, inside) {
                (BindingKind::Import(_), _) => Some(Owner::Imported(binding.declaration)),
                (BindingKind::Variable, false) if !binding.reassigned => {
                    let value = unwrap(binding.value?);
                    if syntax::is_function_kind(value.kind()) || value.kind() == "class" {
                        return None;
                    }
                    if semantic.scope(binding.scope).kind == ScopeKind::Module {
                        Some(Owner::ModuleLevel(binding.declaration))
                    } else {
                        Some(Owner::Captured(binding.declaration))
                    }
                }
                // A parameter of the function that registers the routes (`async function routes(fastify)`).
                (BindingKind::Parameter, false) => Some(Owner::Captured(binding.declaration)),
                (BindingKind::Variable, true) if !binding.reassigned => {
                    // A local alias: `const bus = this.bus`, `const { redis } = this`, `const io = req.app.get('io')`.
                    let value = binding.value?;
                    let found = owner(semantic, value, region, depth + 1)?;
                    Some(found)
                }
                _ => None,
            }
        }
        "this" => service_class(semantic, expression).map(Owner::Service),
        "member_expression" => {
            let object = expression.field("object")?;
            let property = semantic.text(expression.field("property")?);
            if let Some(found) = owner(semantic, object, region, depth + 1) {
                return Some(found);
            }
            // `req.app`, `ctx.app`, `request.server`, `req.socket.server`: the app or server of the request.
            (matches!(property, "app" | "server") && rooted_in_parameter(semantic, object, region))
                .then(|| Owner::App(semantic.text(expression)))
        }
        "call_expression" => {
            let callee = semantic.callee(expression)?;
            if is_require(semantic, expression) {
                return Some(Owner::Imported(expression));
            }
            if callee.kind() != "member_expression" {
                return None;
            }
            let method = semantic.text(callee.field("property")?);
            let object = callee.field("object")?;
            if node::ADD_LISTENER_METHODS.contains(&method) || node::ONCE_LISTENER_METHODS.contains(&method) {
                // `emitter.on(...)` returns the emitter: `stream.on('a', f).on('b', g)`.
                return owner(semantic, object, region, depth + 1);
            }
            // `req.app.get('io')`, `app.get('bus')`: a setting of the app, shared by every request.
            let app_setting = method == "get"
                && semantic.arguments(expression).len() == 1
                && semantic
                    .argument(expression, 0)
                    .is_some_and(|a| semantic.string_value(unwrap(a)).is_some())
                && last_segment(semantic.text(object)).is_some_and(|s| s == "app");
            if app_setting && owner(semantic, object, region, depth + 1).is_some() {
                return Some(Owner::App(semantic.text(expression)));
            }
            None
        }
        _ => None,
    }
}

fn last_segment(text: &str) -> Option<&str> {
    text.rsplit('.').next().map(str::trim)
}

/// `require('...')` (not shadowed).
fn is_require(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let Some(callee) = call.field("function") else {
        return false;
    };
    callee.kind() == "import"
        || (callee.kind() == "identifier"
            && semantic.text(callee) == "require"
            && semantic.resolve_identifier(callee).is_none())
}

/// Whether a member chain starts at a parameter of a function inside the handler (`req`, `ctx`, `request`).
fn rooted_in_parameter(
    semantic: &Semantic<'_>,
    mut expression: Node<'_>,
    region: FunctionId,
) -> bool {
    loop {
        expression = unwrap(expression);
        match expression.kind() {
            "member_expression" => match expression.field("object") {
                Some(object) => expression = object,
                None => return false,
            },
            "identifier" => {
                let region_span = Span::from(semantic.function(region).node);
                return semantic.resolve_identifier(expression).is_some_and(|id| {
                    let binding = semantic.binding(id);
                    binding.kind == BindingKind::Parameter
                        && region_span.contains(Span::from(binding.declaration))
                });
            }
            _ => return false,
        }
    }
}

/// The class `this` is an instance of, when it is a service or controller that lives as long as the app:
/// `this` in a method (or an arrow function in one, or a class-field arrow function), of a class that is not
/// request-scoped.
fn service_class<'t>(semantic: &Semantic<'t>, this: Node<'t>) -> Option<Node<'t>> {
    let binder = semantic.enclosing_functions(this).find(|&f| {
        let function = semantic.function(f);
        function.node.kind() != "arrow_function" || function.class.is_some()
    })?;
    let class = semantic.function(binder).class?;
    (!is_request_scoped(semantic, class)).then_some(class)
}

/// NestJS `@Injectable({ scope: Scope.REQUEST })`, `@Controller({ path, scope: Scope.TRANSIENT })`: one
/// instance per request (or per consumer), not a singleton.
fn is_request_scoped(semantic: &Semantic<'_>, class: Node<'_>) -> bool {
    class_decorators(class)
        .into_iter()
        .filter_map(|decorator| decorator.named_child(0))
        .filter(|expression| expression.kind() == "call_expression")
        .flat_map(|call| semantic.arguments(call))
        .filter_map(|options| option_value(semantic, Some(options), "scope"))
        .any(|scope| {
            semantic
                .qualified_name(scope)
                .is_some_and(|name| name.is_any(nestjs::REQUEST_SCOPES))
        })
}

/// A listener that is the same function object on every request: a function or variable declared outside
/// the handler, or a method reference `this.onMessage`.
fn is_stable_function(semantic: &Semantic<'_>, listener: Node<'_>, region: FunctionId) -> bool {
    let listener = unwrap(listener);
    let region_span = Span::from(semantic.function(region).node);
    match listener.kind() {
        "identifier" => semantic.resolve_identifier(listener).is_some_and(|id| {
            let binding = semantic.binding(id);
            !region_span.contains(Span::from(binding.declaration)) && !binding.reassigned
        }),
        "member_expression" => listener.field("object").is_some_and(|o| o.kind() == "this"),
        _ => false,
    }
}

/// A registration that runs only once although it sits in handler code: guarded by (or after an early
/// return on) state the handler then sets (`if (!subscribed) { subscribed = true; ... }`, `if
/// (!channels.has(c)) { channels.add(c); ... }`), or by a count of the listeners
/// (`if (bus.listenerCount('x') === 0)`).
fn is_guarded_once<'t>(semantic: &Semantic<'t>, call: Node<'t>, region: FunctionId) -> bool {
    semantic
        .once_guard(call, region, &[], GuardState::OutsideRegion)
        .is_some()
        || counts_listeners_first(semantic, call, region)
}

/// Whether an `if` of the region that counts listeners (`bus.listenerCount('x')`, `bus.listeners('x')`
/// in its condition) holds the call, or leaves the loop or function before it.
fn counts_listeners_first(semantic: &Semantic<'_>, call: Node<'_>, region: FunctionId) -> bool {
    let region_start = semantic.function(region).node.start_byte();
    semantic
        .calls_in(Span::new(region_start, call.start_byte()))
        .filter(|counting| {
            semantic
                .callee(*counting)
                .filter(|c| c.kind() == "member_expression")
                .and_then(|c| c.field("property"))
                .is_some_and(|p| node::LISTENER_COUNT_METHODS.contains(&semantic.text(p)))
        })
        .filter_map(|counting| if_testing(semantic, counting))
        .any(|statement| {
            Span::from(statement).contains(Span::from(call))
                || (statement.end_byte() <= call.start_byte()
                    && statement.field("consequence").is_some_and(exits_loop))
        })
}

/// The `if` statement whose condition holds `expression`.
fn if_testing<'t>(semantic: &Semantic<'t>, expression: Node<'t>) -> Option<Node<'t>> {
    let mut current = expression;
    while let Some(parent) = semantic.parent(current) {
        if parent.kind() == "if_statement" {
            let condition = parent.field("condition")?;
            return (condition.id() == current.id()).then_some(parent);
        }
        if parent.kind().ends_with("statement") || syntax::is_function_kind(parent.kind()) {
            return None;
        }
        current = parent;
    }
    None
}

/// What the search for a removal found.
enum Removal<'t> {
    /// A removal of this listener (or of all listeners of the event).
    Found,
    /// A removal on the same emitter and event that passes a different function: it removes nothing.
    DifferentListener(Node<'t>),
    /// Nothing.
    None,
}

/// Searches the handler, the functions it calls or hands over (its clean-up callbacks), and the handler code
/// that calls it, for a removal of the listener.
fn find_removal<'t>(
    semantic: &Semantic<'t>,
    added: &Registration<'t>,
    region: FunctionId,
    handler: FunctionId,
) -> Removal<'t> {
    let mut regions = vec![region, handler];
    // The handler code that calls this helper may remove the listener it adds.
    let mut origin = region;
    for _ in 0..MAX_DEPTH {
        let Some(HandlerOrigin::CalledFrom(span)) = semantic.function(origin).handler.clone()
        else {
            break;
        };
        let Some(site) = semantic.call_at(span) else {
            break;
        };
        let Some(handler) = semantic.handler_function(site) else {
            break;
        };
        let caller = outermost_handler(semantic, site, handler);
        if regions.contains(&caller) {
            break;
        }
        regions.push(caller);
        origin = caller;
    }
    // Functions named in those regions (called, or registered as clean-up), transitively.
    let mut index = 0;
    while index < regions.len() && regions.len() < 32 {
        for function in semantic.functions_named_in(semantic.function(regions[index]).node) {
            if !regions.contains(&function) {
                regions.push(function);
            }
        }
        index += 1;
    }
    let emitter_key = key(semantic, added.emitter, 0);
    let mut different = None;
    for region in regions {
        let calls = semantic.calls_in(Span::from(semantic.function(region).node));
        for call in calls.filter(|c| c.kind() == "call_expression") {
            match removal_of(semantic, call, added, &emitter_key) {
                Removal::Found => return Removal::Found,
                Removal::DifferentListener(n) => different = different.or(Some(n)),
                Removal::None => {}
            }
        }
    }
    different.map_or(Removal::None, Removal::DifferentListener)
}

/// Whether `call` removes the listener `added`.
fn removal_of<'t>(
    semantic: &Semantic<'t>,
    call: Node<'t>,
    added: &Registration<'t>,
    emitter_key: &str,
) -> Removal<'t> {
    let Some(callee) = semantic
        .callee(call)
        .filter(|c| c.kind() == "member_expression")
    else {
        return Removal::None;
    };
    let method = callee.field("property").map_or("", |p| semantic.text(p));
    if !node::REMOVE_LISTENER_METHODS.contains(&method) {
        return Removal::None;
    }
    let Some(object) = callee.field("object") else {
        return Removal::None;
    };
    if key(semantic, object, 0) != emitter_key {
        return Removal::None;
    }
    let arguments = semantic.arguments(call);
    let Some(event) = arguments.first() else {
        // `removeAllListeners()`.
        return Removal::Found;
    };
    let same_event = added.event.is_none_or(|e| same_event(semantic, e, *event));
    let listener = arguments.get(1).copied();
    let same_listener = match (added.listener, listener) {
        (Some(a), Some(b)) => same_function(semantic, a, b),
        _ => Some(true),
    };
    // Events written differently (`name` vs `'x'`) may still be the same event.
    let maybe_same_event =
        same_event || !(added.event.is_none_or(is_literal) && is_literal(*event));
    match (same_event, same_listener) {
        (true, Some(true) | None) => Removal::Found,
        // `bus.off('x', (m) => ...)`: an attempt to remove the listener with a new function.
        (true, Some(false))
            if listener.is_some_and(|l| syntax::is_function_kind(unwrap(l).kind())) =>
        {
            Removal::DifferentListener(call)
        }
        // The same named listener under an event written another way: take it as removed.
        (false, Some(true)) if maybe_same_event => Removal::Found,
        _ => Removal::None,
    }
}

fn is_literal(node: Node<'_>) -> bool {
    matches!(unwrap(node).kind(), "string" | "template_string")
}

fn same_event(semantic: &Semantic<'_>, a: Node<'_>, b: Node<'_>) -> bool {
    let (a, b) = (event_value(semantic, a), event_value(semantic, b));
    match (semantic.string_value(a), semantic.string_value(b)) {
        (Some(x), Some(y)) => x == y,
        _ => compact(semantic.text(a)) == compact(semantic.text(b)),
    }
}

/// An event name, through a local constant holding it (`const name = `job:${id}``).
fn event_value<'t>(semantic: &Semantic<'t>, event: Node<'t>) -> Node<'t> {
    let event = unwrap(event);
    if event.kind() != "identifier" {
        return event;
    }
    let value = semantic.resolve_identifier(event).and_then(|id| {
        let binding = semantic.binding(id);
        (binding.kind == BindingKind::Variable && !binding.reassigned)
            .then_some(binding.value)
            .flatten()
    });
    match value.map(unwrap) {
        Some(v) if matches!(v.kind(), "string" | "template_string") => v,
        _ => event,
    }
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `Some(true)` when two listener expressions are the same function, `Some(false)` when they are surely
/// different (a new inline function, or names bound to different functions), `None` when unknown.
fn same_function(semantic: &Semantic<'_>, a: Node<'_>, b: Node<'_>) -> Option<bool> {
    let (a, b) = (unwrap(a), unwrap(b));
    if syntax::is_function_kind(a.kind()) || syntax::is_function_kind(b.kind()) {
        // Every evaluation of an inline function is a new function object.
        return Some(false);
    }
    let named = |n: Node<'_>| matches!(n.kind(), "identifier" | "member_expression");
    // A helper's parameter stands for whatever its callers pass: unknown.
    let parameter = |n: Node<'_>| {
        n.kind() == "identifier"
            && semantic
                .resolve_identifier(n)
                .is_some_and(|id| semantic.binding(id).kind == BindingKind::Parameter)
    };
    if parameter(a) || parameter(b) {
        return None;
    }
    if named(a) && named(b) {
        return Some(key(semantic, a, 0) == key(semantic, b, 0));
    }
    None
}

/// A text that is equal for two expressions naming the same object: local aliases followed, identifiers
/// replaced by their binding.
fn key(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> String {
    let expression = unwrap(expression);
    if depth > MAX_DEPTH {
        return compact(semantic.text(expression));
    }
    match expression.kind() {
        "identifier" => match semantic.resolve_identifier(expression) {
            Some(id) => {
                let binding = semantic.binding(id);
                let alias = binding
                    .value
                    .filter(|_| binding.kind == BindingKind::Variable && !binding.reassigned)
                    .map(unwrap)
                    .filter(|v| matches!(v.kind(), "identifier" | "member_expression" | "this"));
                match (alias, &binding.destructured) {
                    (Some(value), None) => key(semantic, value, depth + 1),
                    (Some(value), Some(path)) => {
                        let mut text = key(semantic, value, depth + 1);
                        for part in path {
                            text.push('.');
                            text.push_str(part);
                        }
                        text
                    }
                    _ => format!("{id:?}"),
                }
            }
            None => semantic.text(expression).to_string(),
        },
        "member_expression" => {
            let object = expression.field("object");
            let property = expression.field("property");
            match (object, property) {
                (Some(o), Some(p)) => {
                    format!("{}.{}", key(semantic, o, depth + 1), semantic.text(p))
                }
                _ => compact(semantic.text(expression)),
            }
        }
        "call_expression" => {
            // `emitter.on(...)` returns the emitter.
            let receiver = semantic
                .callee(expression)
                .filter(|c| c.kind() == "member_expression")
                .filter(|c| {
                    c.field("property").is_some_and(|p| {
                        let m = semantic.text(p);
                        node::ADD_LISTENER_METHODS.contains(&m) || node::ONCE_LISTENER_METHODS.contains(&m)
                    })
                })
                .and_then(|c| c.field("object"));
            match receiver {
                Some(r) => key(semantic, r, depth + 1),
                None => compact(semantic.text(expression)),
            }
        }
        _ => compact(semantic.text(expression)),
    }
}

fn report(
    ctx: &mut RuleContext<'_, '_>,
    added: &Registration<'_>,
    owner: &Owner<'_>,
    handler: FunctionId,
    region: FunctionId,
    mismatch: Option<Node<'_>>,
) {
    let semantic = ctx.semantic();
    let emitter = short(semantic.text(unwrap(added.emitter)));
    let event_text = added.event.map(|e| short(semantic.text(e)));
    let event = event_text.as_deref().unwrap_or("'event'");
    let (whom, label) = match owner {
        Owner::Global(name) => (format!("`{name}` (it lives as long as the process)"), None),
        Owner::App(text) => (
            format!("the app or server `{}` (it outlives every request)", short(text)),
            None,
        ),
        Owner::ModuleLevel(declaration) => (
            format!("`{emitter}` (a module-level object shared by all requests)"),
            Some((
                declaration_span(semantic, *declaration),
                format!(
                    "`{}` is created once here and lives as long as the process",
                    semantic.text(*declaration)
                ),
            )),
        ),
        Owner::Imported(declaration) => (
            format!("`{emitter}` (an imported object shared by all requests)"),
            Some((
                declaration_span(semantic, *declaration),
                "imported here: one object for the whole process".to_string(),
            )),
        ),
        Owner::Captured(declaration) => (
            format!("`{emitter}` (created once, when the routes are set up, and shared by all requests)"),
            Some((
                declaration_span(semantic, *declaration),
                format!(
                    "`{}` is bound here, outside the handler, once for all requests",
                    semantic.text(*declaration)
                ),
            )),
        ),
        Owner::Service(class) => (
            format!("`{emitter}` (a field of a singleton service that lives as long as the app)"),
            class.field("name").map(|n| {
                (
                    Span::from(n),
                    "a singleton: one instance serves every request".to_string(),
                )
            }),
        ),
    };
    let what = if added.iterator {
        format!("`on({emitter}, {event})` adds a listener to {whom} on every request, and this loop never ends to remove it.")
    } else {
        format!(
            "`{emitter}.{}({event}, ...)` adds a listener to {whom} on every request and never removes it.",
            added.method
        )
    };
    let message = format!(
        "{what} Memory grows with traffic (each listener keeps its closure alive, request objects included), every {event} event runs all the stale listeners, and Node prints MaxListenersExceededWarning."
    );
    let help = if added.iterator {
        format!("Pass `{{ signal }}` from an AbortController aborted when the request closes: `on({emitter}, {event}, {{ signal }})`.")
    } else if added.method == node::EVENT_TARGET_ADD {
        format!("Pass `{{ once: true }}` if one event is enough, or `{{ signal }}` from an AbortController aborted when the request closes (`req.on('close', () => ac.abort())`), or remove it then with `{emitter}.removeEventListener({event}, fn)`.")
    } else {
        let closed = request_closed(semantic, region);
        format!("Use `{emitter}.once({event}, fn)` if one event is enough, remove it when the request ends (`{closed}, () => {emitter}.off({event}, fn))` with the same `fn`), or register it once at start-up.")
    };
    let mut diagnostic = ctx.diagnostic(added.span, message).with_help(help);
    if let Some(label) = handler_label(semantic, handler) {
        diagnostic.labels.push(label);
    }
    if let Some((span, message)) = label {
        diagnostic = diagnostic.with_label(span, message);
    }
    if let Some(removal) = mismatch {
        diagnostic = diagnostic.with_label(
            Span::from(removal),
            "this removal passes a different function than the one added, so it removes nothing",
        );
    }
    ctx.report(diagnostic);
}

/// How the framework of a handler tells that the request ended, for the help text.
fn request_closed(semantic: &Semantic<'_>, region: FunctionId) -> &'static str {
    let framework = match semantic.function(region).handler {
        Some(HandlerOrigin::Registered { framework, .. }) => Some(framework),
        _ => None,
    };
    web::request_closed(framework)
}

/// The declaration around a declared name (`bus = new EventEmitter()`, the import, `fastify: FastifyInstance`)
/// when it fits on one line; the name otherwise.
fn declaration_span(semantic: &Semantic<'_>, declaration: Node<'_>) -> Span {
    let mut current = declaration;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "variable_declarator" | "import_statement" | "required_parameter" => {
                if !semantic.text(parent).contains('\n') {
                    return Span::from(parent);
                }
                break;
            }
            "program" | "statement_block" => break,
            _ => current = parent,
        }
    }
    Span::from(declaration)
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "listener-in-handler";

    #[test]
    fn module_level_emitter_and_process_in_express() {
        let source = r#"
const express = require('express');
const { EventEmitter } = require('events');
const bus = new EventEmitter();
const app = express();
app.get('/events', (req, res) => {
  bus.on('job', (job) => res.write(JSON.stringify(job)));
  process.on('SIGTERM', () => res.end());
  req.on('close', () => console.log('closed'));
  res.on('finish', () => console.log('done'));
  bus.once('ready', () => res.write('ready'));
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![7, 8]);
    }

    #[test]
    fn removal_in_cleanup_and_mismatched_removal() {
        let source = r#"
import express from 'express';
import { bus } from './bus';
const app = express();
app.get('/ok', (req, res) => {
  const onJob = (job) => res.write(job.id);
  bus.on('job', onJob);
  req.on('close', () => bus.off('job', onJob));
});
app.get('/bad', (req, res) => {
  bus.on('job', (job) => res.write(job.id));
  req.on('close', () => bus.off('job', (job) => res.write(job.id)));
});
"#;
        assert_eq!(lines_of(RULE, "app.mjs", source), vec![11]);
    }

    #[test]
    fn request_objects_and_local_emitters_stay_quiet() {
        let source = r#"
const http = require('http');
const { spawn } = require('child_process');
const server = http.createServer((req, res) => {
  const child = spawn('ls');
  child.stdout.on('data', (d) => res.write(d));
  req.socket.on('timeout', () => res.end());
  req.on('data', () => {}).on('end', () => res.end());
});
server.on('error', (e) => console.error(e));
"#;
        assert!(lines_of(RULE, "server.js", source).is_empty());
    }

    #[test]
    fn signal_once_and_guards_stay_quiet() {
        let source = r#"
const app = require('express')();
const controller = new AbortController();
let subscribed = false;
app.get('/a', (req, res) => {
  const ac = new AbortController();
  controller.signal.addEventListener('abort', () => res.end(), { signal: ac.signal });
  controller.signal.addEventListener('abort', () => res.end(), { once: true });
  if (!subscribed) {
    subscribed = true;
    process.on('exit', () => flush());
  }
  res.end();
});
"#;
        assert!(lines_of(RULE, "a.js", source).is_empty());
    }

    #[test]
    fn app_and_captured_plugin_instance_in_fastify_and_koa() {
        let source = r#"
async function routes(fastify) {
  fastify.get('/watch', async (request, reply) => {
    fastify.addHook('onClose', () => {});
    request.server.on('close', () => reply.send());
    request.raw.on('close', () => {});
  });
}
module.exports = routes;
"#;
        assert_eq!(lines_of(RULE, "routes.js", source), vec![5]);
        let koa = r#"
const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.app.on('error', () => {});
  ctx.req.on('close', () => {});
  await next();
});
app.on('error', (err) => console.error(err));
"#;
        assert_eq!(lines_of(RULE, "koa.js", koa), vec![5]);
    }

    #[test]
    fn nest_service_fields_and_startup_hooks() {
        let source = r#"
import { Controller, Get, Sse, Injectable, Scope } from '@nestjs/common';
import { fromEvent } from 'rxjs';
@Controller('orders')
export class OrdersController {
  constructor(private readonly events: EventEmitter2) {
    this.events.on('boot', () => {});
  }
  onModuleInit() { this.events.on('order.created', () => {}); }
  @Get('wait')
  wait() {
    this.events.on('order.created', (o) => this.log(o));
  }
  @Sse('stream')
  stream() { return fromEvent(this.events, 'order.created'); }
}
"#;
        assert_eq!(lines_of(RULE, "orders.controller.ts", source), vec![12]);
    }

    #[test]
    fn events_on_iterator_without_signal() {
        let source = r#"
import { on } from 'node:events';
import express from 'express';
import { bus } from './bus.js';
const app = express();
app.get('/stream', async (req, res) => {
  for await (const [msg] of on(bus, 'message')) res.write(msg);
});
app.get('/one', async (req, res) => {
  for await (const [msg] of on(bus, 'message')) { res.json(msg); break; }
});
app.get('/signal', async (req, res) => {
  const ac = new AbortController();
  for await (const [msg] of on(bus, 'message', { signal: ac.signal })) res.write(msg);
});
"#;
        assert_eq!(lines_of(RULE, "stream.mjs", source), vec![7]);
    }

    #[test]
    fn helper_called_from_handler_with_cleanup_in_caller() {
        let source = r#"
const app = require('express')();
const redis = new (require('ioredis'))();
function subscribe(fn) { redis.on('message', fn); }
function leak(res) { redis.on('message', (c, m) => res.write(m)); }
app.get('/a', (req, res) => {
  const fn = (c, m) => res.write(m);
  subscribe(fn);
  req.on('close', () => redis.removeListener('message', fn));
});
app.get('/b', (req, res) => { leak(res); });
"#;
        assert_eq!(lines_of(RULE, "sub.js", source), vec![5]);
    }

    #[test]
    fn test_files_stay_quiet() {
        let source = r#"
const app = require('express')();
app.get('/a', (req, res) => { process.on('exit', () => {}); });
"#;
        assert!(lines_of(RULE, "app.test.js", source).is_empty());
    }

    #[test]
    fn lazy_singletons_stay_quiet() {
        let source = r#"
const Redis = require('ioredis');
const app = require('express')();
let client;
function getClient() {
  if (!client) {
    client = new Redis();
    client.on('error', (e) => console.error(e));
  }
  return client;
}
const shared = new Redis();
let hooked = false;
app.get('/a', async (req, res) => {
  if (hooked) return res.json(await getClient().get('a'));
  hooked = true;
  shared.on('error', (e) => console.error(e));
  res.json(await getClient().get('a'));
});
"#;
        assert!(lines_of(RULE, "lazy.js", source).is_empty());
    }

    #[test]
    fn hapi_lambda_and_aliases() {
        let hapi = r#"
const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.route({
  method: 'GET',
  path: '/watch',
  handler: (request, h) => {
    server.events.on('response', () => {});
    request.raw.req.on('close', () => {});
    return 'ok';
  },
});
"#;
        assert_eq!(lines_of(RULE, "hapi.js", hapi), vec![8]);
        let lambda = r#"
exports.handler = async (event) => {
  process.on('unhandledRejection', (e) => console.error(event.requestId, e));
  return { statusCode: 200 };
};
"#;
        assert_eq!(lines_of(RULE, "lambda.js", lambda), vec![3]);
        let aliases = r#"
const express = require('express');
const router = express.Router();
router.get('/a', (req, res) => {
  const bus = req.app.locals.bus;
  bus.on('x', () => res.write('x'));
  const { socket } = req;
  socket.on('close', () => {});
});
"#;
        assert_eq!(lines_of(RULE, "alias.js", aliases), vec![6]);
    }

    #[test]
    fn event_target_dedupes_stable_functions() {
        let source = r#"
const app = require('express')();
const shutdown = new AbortController();
function onAbort() { console.log('abort'); }
app.get('/a', (req, res) => {
  shutdown.signal.addEventListener('abort', onAbort);
  shutdown.signal.addEventListener('abort', () => res.end());
  res.end();
});
"#;
        assert_eq!(lines_of(RULE, "a.js", source), vec![7]);
    }

    #[test]
    fn removal_of_another_event_does_not_count() {
        let source = r#"
const app = require('express')();
const bus = require('./bus');
app.get('/a', (req, res) => {
  bus.on('a', res.write.bind(res));
  req.on('close', () => bus.off('b', res.write.bind(res)));
});
app.get('/b', (req, res) => {
  const name = `job:${req.params.id}`;
  bus.on(name, res.json.bind(res));
  req.on('close', () => bus.removeAllListeners(`job:${req.params.id}`));
});
"#;
        assert_eq!(lines_of(RULE, "a.js", source), vec![5]);
    }

    #[test]
    fn listener_counts_in_conditions_guard_the_registration() {
        let source = r#"
const app = require('express')();
const bus = require('./bus');
function onX() {}
app.get('/a', (req, res) => {
  if (bus.listenerCount('x') === 0) bus.on('x', onX);
  if (bus.listeners('y').length > 0) return res.end();
  bus.on('y', () => res.end());
});
app.get('/b', (req, res) => {
  const listenerCount = req.query.n;
  if (listenerCount === 0) bus.on('z', () => res.end());
});
"#;
        // A local spelled `listenerCount` counts nothing.
        assert_eq!(lines_of(RULE, "a.js", source), vec![12]);
    }

    #[test]
    fn state_the_handler_sets_guards_the_registration() {
        let source = r#"
const app = require('express')();
const bus = require('./bus');
const channels = new Set();
app.get('/c/:c', (req, res) => {
  const c = req.params.c;
  if (!channels.has(c)) {
    channels.add(c);
    bus.on(c, (m) => console.log(m));
  }
  if (!req.query.once) {
    bus.on('always', () => res.end());
  }
});
"#;
        // `req.query.once` is request state the handler does not set.
        assert_eq!(lines_of(RULE, "a.js", source), vec![12]);
        let nest = r#"
import { Controller, Get } from '@nestjs/common';
@Controller('x')
export class XController {
  constructor(private readonly events: EventEmitter2) {}
  @Get('a')
  a() {
    if (!this.hooked) {
      this.hooked = true;
      this.events.on('x', () => {});
    }
  }
}
"#;
        assert!(lines_of(RULE, "x.controller.ts", nest).is_empty());
    }

    #[test]
    fn request_scope_is_read_from_the_scope_option() {
        let source = r#"
import { Controller, Get, Scope } from '@nestjs/common';
@Controller({ path: 'a', scope: Scope.REQUEST })
export class AController {
  constructor(private readonly events: EventEmitter2) {}
  @Get() a() { this.events.on('x', () => {}); }
}
@Controller({ path: 'b' /* Scope.REQUEST once the cache is gone */ })
export class BController {
  constructor(private readonly events: EventEmitter2) {}
  @Get() b() { this.events.on('x', () => {}); }
}
@Controller({ path: 'c', scope: Scope.DEFAULT })
export class CController {
  constructor(private readonly events: EventEmitter2) {}
  @Get() c() { this.events.on('x', () => {}); }
}
"#;
        assert_eq!(lines_of(RULE, "a.controller.ts", source), vec![11, 16]);
    }

    #[test]
    fn removals_in_functions_handed_over() {
        let source = r#"
import { Controller, Get, Req } from '@nestjs/common';
@Controller('x')
export class XController {
  constructor(private readonly events: EventEmitter2) {}
  @Get('a')
  a(@Req() req) {
    this.events.on('x', this.onX);
    req.on('close', this.stop);
  }
  onX() {}
  stop() { this.events.off('x', this.onX); }
}
"#;
        assert!(lines_of(RULE, "x.controller.ts", source).is_empty());
        let express = r#"
const app = require('express')();
const bus = require('./bus');
const finished = require('./finished');
function onX() {}
function cleanup() { bus.off('x', onX); }
app.get('/s', (req, res) => {
  bus.on('x', onX);
  finished(res, { cleanup });
});
"#;
        assert!(lines_of(RULE, "s.js", express).is_empty());
    }
}
