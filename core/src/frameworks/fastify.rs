//! Fastify: shorthand routes, `route({ handler })`, per-request hooks, plugins.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Fastify instances: `fastify()`, `Fastify({ logger })`.
pub const APP: super::web::JsApp = super::web::JsApp {
    framework: "Fastify",
    modules: &["fastify"],
};

/// The shorthand route methods of an instance (`fastify.get('/x', handler)`); `use` is middie's (and
/// Fastify 2's) middleware.
pub const ROUTE_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "all", "head", "options", "use",
];

/// `fastify.route({ method, url, handler })`: the method that takes route objects.
pub const ROUTE_OBJECTS: &str = "route";

/// The keys of a route object (`path` is `url`'s alias; hooks can be given per route).
pub const ROUTE_OBJECT: super::web::RouteObject = super::web::RouteObject {
    route_keys: &["method", "url", "path"],
    handler_keys: &["handler"],
    hook_keys: &["preHandler", "onRequest", "preValidation"],
    options_keys: &[],
    options_handler_keys: &[],
};

/// `fastify.addHook('onRequest', fn)`: the method that adds a hook.
pub const ADD_HOOK: &str = "addHook";

/// The hooks that run per request.
pub const REQUEST_HOOKS: &[&str] = &[
    "onRequest",
    "preParsing",
    "preValidation",
    "preHandler",
    "preSerialization",
    "onSend",
    "onResponse",
];

/// How a Fastify handler learns that the request ended (for help texts).
pub const REQUEST_CLOSED: &str = "request.raw.on('close'";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
