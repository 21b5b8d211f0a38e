//! Koa and koa-router / @koa/router: middleware and routes.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Koa apps: `new Koa()`, whose `use` adds middleware that runs per request.
pub const APP: super::web::JsApp = super::web::JsApp {
    framework: "Koa",
    modules: &["koa"],
};

/// `app.use(fn)`: the method that adds middleware, the only one of Koa apps that registers code.
pub const MIDDLEWARE: &str = "use";

/// The methods of Koa apps that register middleware.
pub const APP_METHODS: &[&str] = &[MIDDLEWARE];

/// koa-router and @koa/router routers (`new Router()`); their names extend Koa's, so they are matched
/// before it (see [`super::web::JS_APPS`]).
pub const ROUTER: super::web::JsApp = super::web::JsApp {
    framework: "koa-router",
    modules: &["koa-router", "@koa/router"],
};

/// The methods of routers that register handlers (`router.get('/x', fn)`; `del` is `delete`'s alias).
pub const ROUTER_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "head", "options", "use",
];

/// Where Koa handlers get their response: `ctx`, the first parameter, is request and response in one.
pub const RESPONSE: super::web::ResponseParameter = super::web::ResponseParameter::Context(0);

/// How a Koa handler learns that the request ended (for help texts).
pub const REQUEST_CLOSED: &str = "ctx.req.on('close'";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
