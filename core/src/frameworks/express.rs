//! Express: apps and routers, route methods and `route()` chains, middleware.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Express apps and routers: `express()`, `express.Router()`.
pub const APP: super::web::JsApp = super::web::JsApp {
    framework: "Express",
    modules: &["express"],
};

/// The methods of apps and routers that register handlers (`app.get('/x', fn)`, `router.use(fn)`).
pub const ROUTE_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "all", "head", "options", "use",
];

/// `app.use(fn)`: the route method that adds middleware.
pub const MIDDLEWARE: &str = "use";

/// `router.route('/users').get(fn)`: the method that starts a route chain on a path, whose route methods
/// register handlers without a path of their own.
pub const ROUTE_CHAIN: &str = "route";

/// How an Express (or Node http) handler learns that the request ended (for help texts).
pub const REQUEST_CLOSED: &str = "req.on('close'";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
