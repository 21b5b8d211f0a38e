//! Hapi: `server.route({ handler })`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "Hapi";

/// `server.route({ method, path, handler })`: the method that takes route objects (one or an array).
pub const ROUTE_OBJECTS: &str = "route";

/// The keys of a route object: the handler directly or in the route's `options` (`config` before Hapi
/// 17), with its prerequisites (`pre`).
pub const ROUTE_OBJECT: super::web::RouteObject = super::web::RouteObject {
    route_keys: &["method", "path"],
    handler_keys: &["handler"],
    hook_keys: &[],
    options_keys: &["options", "config"],
    options_handler_keys: &["handler", "pre"],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
